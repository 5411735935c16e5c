"""The extractor on the seeds and the dev reports against their gold, and its behaviour on
the hard cases of FIGURES.md."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.dataset.evaluate import load_gold, report_name, score
from hedui.core.extract.extractor import Extractor
from hedui.core.model import Report
from hedui.core.text.report import load_report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEV = sorted((ROOT / "tests/data/dev/reports").glob("*.txt"))
DEV1 = [p for p in DEV if not p.name.startswith("dev2-")]
DEV2 = [p for p in DEV if p.name.startswith("dev2-")]
EX = Extractor()
#: (label char-F1, period accuracy) floors per set: the figures of the last label round (main
#: 472bb42 before it: dev 0.916/0.993, seeds 0.838/0.997, unseen 0.847/0.976, unseen2 0.886/0.980,
#: unseen3 0.868/0.976, unseen4 0.853/0.962), a little under, so that a regression fails them
FLOORS = {
    "dev": (0.955, 0.997), "dev1": (0.955, 0.999), "dev2": (0.956, 0.995), "seeds": (0.852, 0.999),
    "heldout": (0.908, 0.993), "unseen": (0.870, 0.992), "unseen2": (0.903, 0.986),
    "unseen3": (0.886, 0.989), "unseen4": (0.912, 0.986),
}


def run(paths: list[Path], gold_dir: Path):
    preds = {}
    for p in paths:
        ex = EX.extract(load_report(p))
        preds[report_name(p)] = [f.as_json(str(p)) for f in ex.figures]
    gold = {name: figs for name, figs in load_gold(gold_dir).items() if name in preds}
    return score(gold, preds)


@pytest.fixture(scope="module")
def seeds_score():
    return run(SEEDS, ROOT / "tests/data/gold")


@pytest.fixture(scope="module")
def dev_score():
    return run(DEV1, ROOT / "tests/data/dev/gold")


@pytest.fixture(scope="module")
def dev2_score():
    return run(DEV2, ROOT / "tests/data/dev/gold")


def test_own_genre_reports():
    """Short reports of other genres written for these tests (see tests/data/extract/SOURCES.md)."""
    d = ROOT / "tests/data/extract"
    s = run(sorted((d / "reports").glob("*.txt")), d / "gold")
    assert len(s.per_file) == 5
    assert s.f1 >= 0.99 and s.bound_acc >= 0.99, s


@pytest.mark.parametrize("name", ["heldout", "unseen", "unseen2", "unseen3"])
def test_unseen_reports(name):
    """Three batches of five reports written and annotated by hand without running the extractor
    (tests/data/unseen*/README.md). First measured before any rule was changed for them:
    unseen F1 0.981, bound 0.986, label 0.827, period 0.955; unseen2 F1 0.995, bound 0.987,
    label 0.808, period 0.894; unseen3 F1 0.993, bound 0.993, label 0.846, period 0.938. The
    held-out batch (tests/data/heldout) is held to the same floors."""
    d = ROOT / "tests/data" / name
    s = run(sorted((d / "reports").glob("*.txt")), d / "gold")
    assert len(s.per_file) == 5
    assert s.f1 >= 0.98 and s.bound_acc >= 0.98, s
    assert s.period_acc >= FLOORS[name][1] and s.label_f1 >= FLOORS[name][0], s


def test_unseen4_new_kinds():
    """Eight reports of the new kinds (tables, budget, court, Taiwan Big5, disaster, disease,
    spoken) written and annotated without running the extractor (tests/data/unseen4/README.md).
    First run, before any rule was changed for them: F1 0.721 (P 0.865, R 0.619), bound 0.989,
    label 0.764, period 0.839; keys_model 10.53 keys per figure. The table and unit rules, the
    first time they saw it: F1 0.969 (bound 0.993); after general fixes (period headings of
    financial tables, a heading line renaming columns, 块/成 tenths): F1 1.000. A floor against
    regressions."""
    d = ROOT / "tests/data/unseen4"
    s = run(sorted((d / "reports").glob("*.txt")), d / "gold")
    assert len(s.per_file) == 8
    assert s.f1 >= 0.99 and s.bound_acc >= 0.98, s
    assert s.label_f1 >= FLOORS["unseen4"][0] and s.period_acc >= FLOORS["unseen4"][1], s


def test_reports_present():
    assert len(SEEDS) == 5 and len(DEV1) == 8 and len(DEV2) == 6


def test_dev2_kinds(dev2_score):
    """The six dev2-* reports (a company report with tables, a budget report, a statistics table,
    a flood report, a Taiwan news item, a spoken-style feature), added with the grown contract.
    First run, before any rule was changed for them: F1 0.756 (P 0.892, R 0.657), bound 0.992,
    label 0.712, period 0.720. After the table, unit and number rules (and the label rules of
    their time): F1 1.000, bound 0.995, label 0.905, period 0.980. A floor against regressions;
    the extraction issue's targets are for the whole dev set."""
    s = dev2_score
    assert s.f1 >= 0.99 and s.bound_acc >= 0.99, s
    assert s.label_f1 >= FLOORS["dev2"][0] and s.period_acc >= FLOORS["dev2"][1], s


def test_seeds_f1(seeds_score):
    assert seeds_score.f1 >= 0.99, seeds_score
    assert seeds_score.precision >= 0.99 and seeds_score.recall >= 0.99


def test_dev_f1(dev_score):
    assert dev_score.f1 >= 0.99, dev_score


@pytest.mark.parametrize("which", ["seeds", "dev1"])
def test_bound_label_period(which, seeds_score, dev_score):
    s = seeds_score if which == "seeds" else dev_score
    assert s.bound_acc >= 0.98
    assert s.label_f1 >= FLOORS[which][0] and s.period_acc >= FLOORS[which][1], s


def test_whole_dev_set(dev_score, dev2_score):
    """The extraction issue's targets are for all 14 dev reports (label char-F1 >= 0.95, period
    >= 0.97): measured here on the two halves' sum."""
    n1, n2 = dev_score.tp, dev2_score.tp
    label = (dev_score.label_f1 * n1 + dev2_score.label_f1 * n2) / (n1 + n2)
    period = (dev_score.period_acc * n1 + dev2_score.period_acc * n2) / (n1 + n2)
    assert label >= FLOORS["dev"][0] and period >= FLOORS["dev"][1], (label, period)


@pytest.mark.parametrize("path", SEEDS + DEV, ids=lambda p: p.name)
def test_offsets_are_exact(path):
    report = load_report(path)
    ex = EX.extract(report)
    assert ex.figures
    for f in ex.figures + ex.excluded:
        assert 0 <= f.start < f.end <= len(report.text)
        assert report.text[f.start:f.end] == f.text
        assert f.rule
    starts = [f.start for f in ex.figures]
    assert starts == sorted(starts)


def fig(text: str):
    return EX.extract(Report(Path("t.txt"), text, "utf-8", "0"))


def one(text: str):
    figs = fig(text).figures
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize("text,surface,value,value_max,unit,bound,category", [
    ("实现2600多万元。", "2600多万元", 26000000, None, "元", ">", "money"),
    ("接待近5000件。", "近5000件", 5000, None, "件", "~", "count"),
    ("达到98.5%以上。", "98.5%以上", 98.5, None, "%", ">=", "percent"),
    ("提高2.22个百分点。", "2.22个百分点", 2.22, None, "百分点", "percent", "percent"),
    ("服务5.4万人次。", "5.4万人次", 54000, None, "人次", "=", "count"),
    ("七名代表。", "七名", 7, None, "名", "=", "count"),
    ("补助标准260元至500元。", "260元至500元", 260, 500, "元", "range", "money"),
    ("投入116.54万元。", "116.54万元", 1165400, None, "元", "=", "money"),
    ("增长-6.4%。", "-6.4%", -6.4, None, "%", "=", "percent"),
    ("收购价翻一倍。", "一倍", 1, None, "倍", "=", "ratio"),
    ("为123万职工发放。", "123万", 1230000, None, "", "=", "count"),
    ("举办活动5000场(次)。", "5000场(次)", 5000, None, "场次", "=", "count"),
    ("不少于300家。", "不少于300家", 300, None, "家", ">=", "count"),
    ("不足10人。", "不足10人", 10, None, "人", "<", "count"),
    ("仅3家。", "仅3家", 3, None, "家", "=", "count"),
    ("突破2000亿元。", "突破2000亿元", 200000000000, None, "元", ">", "money"),
    ("每户最高补助3000元。", "3000元", 3000, None, "元", "<=", "money"),
    ("百余个项目。", "百余个", 100, None, "个", ">", "count"),
    ("五十余亩。", "五十余亩", 50, None, "亩", ">", "measure"),
    ("约2億4,225萬元。", "約2億4,225萬元", 242250000, None, "元", "~", "money"),
    ("比上年增长百分之八十。", "百分之八十", 80, None, "%", "=", "percent"),
    ("出生率千分之五点二。", "千分之五点二", 5.2, None, "‰", "=", "percent"),
    ("约百分之三十的企业。", "约百分之三十", 30, None, "%", "~", "percent"),
    ("其中高级职称的,约占20.8%。", "约占20.8%", 20.8, None, "%", "~", "percent"),
    ("自付额最低为300元。", "最低为300元", 300, None, "元", ">=", "money"),
    ("当日最低气温-5℃。", "-5℃", -5, None, "℃", "=", "measure"),
    ("仅有400多户。", "仅有400多户", 400, None, "户", ">", "count"),
    ("办好十件民生实事。", "十件", 10, None, "件", "=", "count"),
    ("全长3千米。", "3千米", 3, None, "千米", "=", "measure"),
])
def test_figure_fields(text, surface, value, value_max, unit, bound, category):
    if "億" in text:
        text = text.replace("约", "約")
    f = one(text)
    if bound == "percent":
        bound = "="
    assert (f.text, f.value, f.value_max, f.unit, f.bound, f.category) == \
        (surface, value, value_max, unit, bound, category)


@pytest.mark.parametrize("text", ["每万人拥有", "建设亿元以上项目", "种植面积达万亩。"])
def test_lone_scale_words_are_vague(text):
    ex = fig(text)
    assert not ex.figures and ex.excluded[0].rule == "vague.lone-scale"


def test_governing_qualifier_stops_at_clause_end():
    figs = fig("确保占比不低于80%,新增就业5000人以上,新建幼儿园5所。").figures
    assert [(f.text, f.bound) for f in figs] == [("不低于80%", ">="), ("5000人以上", ">="), ("5所", "=")]


def test_table_cells_are_figures_with_the_unit_of_their_headings():
    text = ("指标 单位 2021年 2022年 比上年增长(%)\n粮食 万吨 6789.5 6850.2 0.9\n"
            "生猪出栏 万头 67128 69995 4.3%\n指标 2021 2022\n全年粮食产量6850.2万吨,增长0.9%。\n")
    figs = fig(text).figures
    cells = [(f.text, f.value, f.unit, f.period) for f in figs if f.rule == "table.cell"]
    # the unit column states each row's unit; the (%) column its own
    assert cells == [("6789.5", 67895000, "吨", "2021年"), ("6850.2", 68502000, "吨", "2022年"),
                     ("0.9", 0.9, "%", ""), ("67128", 671280000, "头", "2021年"),
                     ("69995", 699950000, "头", "2022年"), ("4.3%", 4.3, "%", "")]
    assert [f.text for f in figs if f.rule != "table.cell"] == ["6850.2万吨", "0.9%"]
    # numbers in a sentence are never table cells
    assert not fig("三次产业结构为 3.6 47.4 49.0,比上年提高。").figures


def test_shared_unit_in_lists():
    figs = fig("分别拉动增长0.1、3.8、5.1个百分点。").figures
    assert [(f.text, f.value, f.unit) for f in figs] == \
        [("0.1", 0.1, "百分点"), ("3.8", 3.8, "百分点"), ("5.1个百分点", 5.1, "百分点")]
    figs = fig("分别为78亿及156亿元。").figures
    assert [(f.value, f.unit) for f in figs] == [(7800000000, "元"), (15600000000, "元")]


def test_compound_holding_two_figures():
    figs = fig("帮扶2.4万多户3.8万多人。").figures
    assert [(f.text, f.value, f.unit, f.bound) for f in figs] == \
        [("2.4万多户", 24000, "户", ">"), ("3.8万多人", 38000, "人", ">")]


@pytest.mark.parametrize("text", [
    "2020年", "2021年12月", "11月24日", "13:50", "1998年到2002年", "近五年", "今后五年",
    "第三批", "第二届", "一是加强", "(三)", "十九大", "十九届四中全会", "二十大", "“四个意识”",
    "十四五", "七五普法", "增三性、去四化", "三高两新", "1+10+100", "五一劳动奖章", "六一儿童节",
    "6·16安全宣传咨询日", "七位一体", "株洲市第二工人文化宫", "12351职工热线", "全国30强",
    "市、县两级", "三级联系制度", "劳动关系三方", "千家万户", "生产一线", "在一家企业当上操作员", "如同一粒种子",
])
def test_not_figures(text):
    ex = fig(text)
    assert not ex.figures, ex.figures
    assert ex.excluded, "the excluded number is still reported"


def test_furniture_is_excluded_with_its_rule():
    from hedui.core.model import Artefact
    text = "全年培训300人。文件大小 53.80 KB 共16页"
    start = text.index("文件")
    report = Report(Path("t.txt"), text, "utf-8", "0",
                    (Artefact(start, len(text), "furniture", "furniture.file-size"),))
    ex = EX.extract(report)
    assert [f.text for f in ex.figures] == ["300人"]
    assert {f.rule for f in ex.excluded} == {"furniture.file-size"}


def test_repeated_paragraph_points_at_first_copy():
    from hedui.core.model import Artefact
    para = "全年培训300人,投入50万元。\n"
    text = para + "其他内容。\n" + para
    second = text.rindex(para)
    report = Report(Path("t.txt"), text, "utf-8", "0",
                    (Artefact(second, second + len(para), "repeat", "repeat.paragraph", 0),))
    figs = EX.extract(report).figures
    assert [f.repeat_of for f in figs] == [None, None, text.index("300人"), text.index("50万元")]


def test_ascii_pinyin_garbage_between_number_and_unit():
    f = one("補助1,200萬(wan)元。")
    assert (f.text, f.value, f.unit) == ("1,200萬(wan)元", 12000000, "元")


def test_traditional_text_keeps_original_characters():
    f = one("全省建成466個站點。")
    assert (f.text, f.unit) == ("466個", "个")


def test_parse_span_prefills_a_selection():
    report = Report(Path("t.txt"), "全市共有职工之家300余家。", "utf-8", "0")
    s = report.text.index("300")
    f = EX.parse_span(report, s, s + 5)
    assert f is not None and (f.text, f.value, f.unit, f.bound) == ("300余家", 300, "家", ">")
    assert f.label  # prefilled from the context, like a proposed figure's
    assert EX.parse_span(report, 0, 3) is None
    # an excluded number can still be prefilled (promotion of a date, say)
    r2 = Report(Path("t.txt"), "2020年", "utf-8", "0")
    assert EX.parse_span(r2, 0, 4).value == 2020


_PIECES = st.sampled_from(["全年", "投入", "2600多万元", "近5000件", "98.5%以上", "2.22個百分點", "，", "。",
                           "2020年", "第三批", "一是", "七名", "123万职工", "(次)", "260元至500元", "、",
                           "產(chǎn)業(yè)", "\n", " ", "约", "余", "3.8", "百余个", "十二三个"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=25))
def test_offsets_property(pieces):
    text = "".join(pieces)
    ex = fig(text)
    for f in ex.figures + ex.excluded:
        assert text[f.start:f.end] == f.text
        assert f.start < f.end


_CHARS = st.sampled_from(list("0123456789０１２３４５６７８９一二两三四五六七八九十百千万亿萬億零〇.,，、%％元人个家余多近约"
                              "以上下左右至到-~—()（）[]“”《》第年月日号 \n")
                         + ["百分点", "个百分点", "场(次)", "/10万", "元/人", "分之", "百分之", "千米"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_CHARS, max_size=30))
def test_never_fails_on_noise(chars):
    text = "".join(chars)
    report = Report(Path("t.txt"), text, "utf-8", "0")
    ex = EX.extract(report)
    for f in ex.figures + ex.excluded:
        assert text[f.start:f.end] == f.text and f.start < f.end
    for s in range(0, len(text), 4):
        f = EX.parse_span(report, s, s + 6)
        assert f is None or f.text == text[f.start:f.end]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=8),
       st.lists(st.tuples(st.integers(0, 300), st.integers(1, 12)), max_size=20), st.booleans())
def test_the_furniture_filter_never_misses_a_span_that_inside_finds(raw, asked, in_order):
    # _figures asks _Covered first and _inside only where it may meet furniture
    from hedui.core.extract.extractor import _Covered, _inside

    spans = sorted((s, s + n, f"r{s}") for s, n in raw)
    covered = _Covered(spans)
    asked = sorted(asked) if in_order else asked
    for s, n in asked:
        e = s + n
        meets = covered.meets(s, e)
        if _inside(spans, s, e) is not None:
            assert meets
        if not any(fs < e and max(fe, fs + 1) > s for fs, fe, _ in spans):
            assert not meets  # away from every span: no look closer


def test_the_governing_words_found_once_tell_where_governing_looks_further() -> None:
    # GoverningWords.near is the first test of QualifierTable.governing (a word within reach),
    # told from the places of the words found once for the text
    import random

    from hedui.core.numbers.qualifiers import GOVERN_REACH, QualifierTable
    from hedui.core.rules import load_rules

    table = QualifierTable(load_rules())
    rnd = random.Random(4)
    pieces = ["至少", "不少于", "最高", "最多", "至多", "，", "。", "建设", "1家", "、", "10家", "人"]
    for _ in range(200):
        s = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        words = table.governing_words(s)
        assert words is not None
        for pos in range(len(s) + 1):
            assert words.near(pos) == (table._gov_re.search(s, max(0, pos - GOVERN_REACH), pos) is not None), (s, pos)
