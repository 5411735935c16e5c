"""A small hand-written report and a fixed extractor for it, so that the snapshot tests show
the reviewer's screens and not the extractor's current opinion (which keeps improving)."""
from __future__ import annotations

from pathlib import Path

from hedui.core.model import Extraction, Fields, Figure, Report

TEXT = (
    "某县总工会2023年工作总结\n"
    "\n"
    "一、基本情况。全县现有基层工会组织326个,会员约4.2万人,其中农民工会员1.8万多人。"
    "今年新建工会组织15家,新发展会员2300余人,入会率达到92.5%以上。\n"
    "\n"
    "二、帮扶工作。全年走访慰问困难职工860户,发放慰问金共计128.6万元,"
    "比上年增长12.4%;为312名困难职工子女发放助学金46万元。"
    "开展\u201c金秋助学\u201d活动3场,受益学生达到近400人。\n"
    "\n"
    "三、技能竞赛。举办各类职业技能竞赛21场(次),参赛职工超过5000人,"
    "评选县级技术能手30名、五一劳动奖章8人。职工书屋建成45家,配送图书1.5万册。\n"
    "\n"
    "四、下一步工作。力争到2024年底新建职工之家不少于20个,"
    "每个乡镇工会经费补助不低于5万元,实现困难职工帮扶全覆盖。\n"
)

# (surface, occurrence, fields, rule)
FIGURES = [
    ("326个", Fields(326, None, "个", "=", "count", "基层工会组织", ""), "unit.count"),
    ("约4.2万人", Fields(42000, None, "人", "~", "count", "会员", ""), "unit.count.person"),
    ("1.8万多人", Fields(18000, None, "人", ">", "count", "农民工会员", ""), "unit.count.person"),
    ("15家", Fields(15, None, "家", "=", "count", "新建工会组织", "今年"), "unit.count.org"),
    ("2300余人", Fields(2300, None, "人", ">", "count", "新发展会员", "今年"), "unit.count.person"),
    ("92.5%以上", Fields(92.5, None, "%", ">=", "percent", "入会率", "今年"), "unit.percent"),
    ("860户", Fields(860, None, "户", "=", "count", "走访慰问困难职工", "全年"), "unit.count"),
    ("128.6万元", Fields(1286000, None, "元", "=", "money", "发放慰问金", "全年"), "unit.money.yuan"),
    ("12.4%", Fields(12.4, None, "%", "=", "percent", "比上年增长", "全年"), "unit.percent"),
    ("312名", Fields(312, None, "名", "=", "count", "困难职工子女", "全年"), "unit.count.person"),
    ("46万元", Fields(460000, None, "元", "=", "money", "助学金", "全年"), "unit.money.yuan"),
    ("3场", Fields(3, None, "场", "=", "count", "金秋助学活动", ""), "unit.count.event"),
    ("近400人", Fields(400, None, "人", "~", "count", "受益学生", ""), "unit.count.person"),
    ("21场(次)", Fields(21, None, "场次", "=", "count", "职业技能竞赛", ""), "unit.count.event"),
    ("超过5000人", Fields(5000, None, "人", ">", "count", "参赛职工", ""), "unit.count.person"),
    ("30名", Fields(30, None, "名", "=", "count", "县级技术能手", ""), "unit.count.person"),
    ("8人", Fields(8, None, "人", "=", "count", "五一劳动奖章", ""), "unit.count.person"),
    ("45家", Fields(45, None, "家", "=", "count", "职工书屋", ""), "unit.count.org"),
    ("1.5万册", Fields(15000, None, "册", "=", "count", "配送图书", ""), "unit.count"),
    ("不少于20个", Fields(20, None, "个", ">=", "count", "新建职工之家", "到2024年底"), "unit.count"),
    ("不低于5万元", Fields(50000, None, "元", ">=", "money", "乡镇工会经费补助", ""), "unit.money.yuan"),
]
EXCLUDED = [("2023年", "exclude.date.year"), ("一、", "exclude.enumeration"), ("五一", "exclude.slogan")]


class FixedExtractor:
    """``extract`` gives the figures above (found by their surface); ``parse_span`` a count."""

    def extract(self, report: Report) -> Extraction:
        text = report.text
        figures = []
        for surface, fields, rule in FIGURES:
            start = text.index(surface)
            figures.append(Figure(start, start + len(surface), surface, fields, rule))
        excluded = []
        for surface, rule in EXCLUDED:
            start = text.index(surface)
            excluded.append(Figure(start, start + len(surface), surface, Fields(0), rule, excluded=True))
        return Extraction(report, tuple(figures), tuple(excluded), rules_digest="fixed")

    def parse_span(self, report: Report, start: int, end: int) -> Figure | None:
        surface = report.text[start:end]
        return Figure(start, end, surface, Fields(1, unit=""), "manual")


def write_report(folder: Path) -> Path:
    path = folder / "county-union-2023.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path
