"""Two or three reviewers' sessions of the hand-written report (``app_fixed_report``), for the
adjudication tests: each reviewer's decisions made through the session API."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hedui.app.adjudication import make_adjudication_app
from hedui.app.config import load_config
from hedui.core.model import Fields
from hedui.core.session.session import Session
from tests.app_fixed_report import FixedExtractor, write_report
from tests.app_helpers import Workspace

ADJUDICATOR = "lead"


def decide(ws: Workspace, report: Path, reviewer: str, plan: dict[int, object]) -> None:
    """``plan``: figure index -> "accept" | "reject" | ("flag", reason, note) | {field: value}
    (a correction) | ("add", surface) — every figure not in the plan accepted."""
    from hedui.core.text.report import load_report

    ex = FixedExtractor().extract(load_report(report))
    s = Session.open(ex, ws.sessions, reviewer)
    try:
        ids = [e.id for e in s.entries]
        for i, eid in enumerate(ids):
            what = plan.get(i, "accept")
            if what == "accept":
                s.accept(eid)
            elif what == "reject":
                s.reject(eid)
            elif what == "pending":
                continue
            elif isinstance(what, tuple) and what[0] == "flag":
                s.flag(eid, what[1], what[2])
            elif isinstance(what, dict):
                s.correct(eid, replace(s.entry(eid).fields, **what))
        for what in plan.values():
            if isinstance(what, tuple) and what[0] == "add":
                start = ex.report.text.index(what[1])
                s.add(start, start + len(what[1]), Fields(2024, None, "年", "=", "count", "目标年份", ""), "a year")
    finally:
        s.close()


#: ana accepts all; bo rejects figure 1, corrects the label of 3 and flags 6; chen (when there)
#: agrees with ana except for 3 (bo's label) and adds one figure
PLANS = {
    "ana": {},
    "bo": {1: "reject", 3: {"label": "工会组织"}, 6: ("flag", "ambiguous", "户 or 人次?")},
    "chen": {3: {"label": "工会组织"}, 99: ("add", "2024年")},
}


def team(ws: Workspace, reviewers: tuple[str, ...]) -> Path:
    report = write_report(ws.reports)
    for who in reviewers:
        decide(ws, report, who, PLANS[who])
    return report


def adjudication_app(ws: Workspace, report: Path):
    return make_adjudication_app([report], ws.sessions, ADJUDICATOR, config=load_config(ws.config))
