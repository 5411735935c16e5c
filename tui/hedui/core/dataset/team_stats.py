"""The team part of ``hedui stats``: progress per reviewer (against the assignment where there
is one) and how much of the double-reviewed work is adjudicated."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from hedui.core.dataset.assignment import Assignment
from hedui.core.dataset.versions import ReportVersions, group
from hedui.core.session.read import SavedSession


def format_team(sessions: list[SavedSession], assignment: Assignment | None) -> str:
    reviews = [s for s in sessions if s.doc.role == "review"]
    if not reviews and assignment is None:
        return ""
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # reports, decided, figures
    for s in reviews:
        p = per[s.doc.reviewer]
        p[0] += 1
        p[1] += sum(e.status != "pending" for e in s.entries)
        p[2] += len(s.entries)
    names = sorted(set(per) | set(assignment.reviewers if assignment else ()))
    out = ["reviewers"]
    started = {(s.doc.reviewer, s.doc.report_path) for s in reviews}
    for who in names:
        reports, done, total = per.get(who, [0, 0, 0])
        line = f"  {who:<12} {reports:4d} reports  {done:6d}/{total:<6d} figures decided"
        if assignment is not None:
            mine = assignment.of(who)
            begun = sum((who, p) in started for p in mine)
            line += f"  assigned {len(mine)}, started {begun}"
        out.append(line)
    groups = group(sessions)
    shared = [g for g in groups if len(g.by_reviewer) >= 2]
    if shared:
        adjudicated = sum(g.adjudicated is not None for g in shared)
        disputed = sum(len(open_disputes(g)) for g in shared)
        out.append(f"  double-reviewed reports: {len(shared)}, adjudicated {adjudicated} "
                   f"({100 * adjudicated / len(shared):.0f}%), disputed figures left {disputed}")
    return "\n".join(out)


def open_disputes(g: ReportVersions) -> list[tuple[int, int]]:
    """The disputed spans of a report not resolved yet: all of them, or, in an adjudication,
    those its figure is still pending for."""
    spans = g.disputed_spans()
    if g.adjudicated is None:
        return spans
    decided = {(e.start, e.end) for e in g.adjudicated.entries if e.decided}
    return [s for s in spans if s not in decided]


def load_assignment(sessions_dir: Path) -> tuple[Assignment | None, str]:
    """The folder's assignment and '' — or None and the one-line reason it could not be read."""
    from hedui.core.dataset.assignment import read_assignment
    from hedui.core.model import SessionError

    try:
        return read_assignment(sessions_dir), ""
    except SessionError as exc:
        return None, str(exc)
