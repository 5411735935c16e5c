"""Builders shared by the session, store, export, check and stats tests."""
from __future__ import annotations

import hashlib
from pathlib import Path

from hedui.core.model import Extraction, Fields, Figure, Report

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def make_report(path: Path, text: str) -> Report:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return Report(path=path, text=text, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest())


def figures_for(text: str, needles: list[tuple[str, Fields]], rule: str = "test.rule") -> tuple[Figure, ...]:
    """One figure per (needle, fields), at the needle's first occurrence after the previous one."""
    out, pos = [], 0
    for needle, f in needles:
        i = text.index(needle, pos)
        out.append(Figure(i, i + len(needle), needle, f, rule))
        pos = i + len(needle)
    return tuple(out)


def make_extraction(path: Path, text: str, needles: list[tuple[str, Fields]], digest: str = "d1",
                    rule: str = "test.rule") -> Extraction:
    report = make_report(path, text)
    return Extraction(report=report, figures=figures_for(text, needles, rule), rules_digest=digest)


TEXT = (
    "近五年共举办职业技能大赛41场次，覆盖114个工种，评选出186名技术能手。"
    "每户补贴260元至500元，共计1588万元；幫扶困難職工3496户，增长2.22個百分點，达98.5%以上。"
)

NEEDLES: list[tuple[str, Fields]] = [
    ("41场次", Fields(41, None, "场次", "=", "count", "举办职业技能大赛", "近五年")),
    ("114个", Fields(114, None, "个", "=", "count", "工种", "近五年")),
    ("186名", Fields(186, None, "名", "=", "count", "技术能手", "")),
    ("260元至500元", Fields(260, 500, "元", "range", "money", "每户补贴", "")),
    ("1588万元", Fields(15880000, None, "元", "=", "money", "共计", "")),
    ("3496户", Fields(3496, None, "户", "=", "count", "幫扶困難職工", "")),
    ("2.22個百分點", Fields(2.22, None, "百分点", "=", "percent", "增长", "")),
    ("98.5%以上", Fields(98.5, None, "%", ">=", "percent", "", "")),
]


def crash_extraction(work: Path, copies: int = 8) -> Extraction:
    """A report of ``copies`` paragraphs of TEXT and their figures (the crash test's)."""
    text = "\n".join(f"第{i}段：{TEXT}" for i in range(copies))
    report_path = work / "crash-report.txt"
    if not report_path.exists():
        report_path.write_bytes(text.encode("utf-8"))
    report = Report(path=report_path, text=text, encoding="utf-8",
                    sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return Extraction(report=report, figures=figures_for(text, NEEDLES * copies), rules_digest="d1")
