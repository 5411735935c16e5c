"""The versions of each figure of a report that several reviewers decided.

Sessions are grouped by report (the report path they store); a figure is identified across
reviewers by its span (start, end) in the report. For each span this gives each reviewer's
entry, so agreement (``agreement.py``) and the one dataset (``consensus.py``) read the same
thing. Adjudication sessions (``role = "adjudication"``) are kept apart.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from hedui.core.model import VERIFIED
from hedui.core.session.entry import Entry
from hedui.core.session.read import SavedSession

Span = tuple[int, int]


def decision(e: Entry | None) -> str | None:
    """verified / rejected / flagged, or None for an undecided figure."""
    if e is None or e.status == "pending":
        return None
    return "verified" if e.status in VERIFIED else e.status


def same_fields(a: Entry, b: Entry) -> bool:
    fa, fb = a.fields, b.fields
    return (fa.value == fb.value and fa.value_max == fb.value_max and fa.unit == fb.unit and fa.bound == fb.bound
            and fa.category == fb.category and fa.label.strip() == fb.label.strip()
            and fa.period.strip() == fb.period.strip())


def same_version(a: Entry | None, b: Entry | None) -> bool:
    """Two reviewers' versions of a figure agree: same decision and, if verified, same fields."""
    da, db = decision(a), decision(b)
    if da != db:
        return False
    return da != "verified" or same_fields(a, b)  # type: ignore[arg-type]


@dataclass
class ReportVersions:
    """The sessions of one report: each reviewer's, and the adjudicated one if any."""

    path: str
    by_reviewer: dict[str, SavedSession] = field(default_factory=dict)
    adjudicated: SavedSession | None = None

    @property
    def reviewers(self) -> list[str]:
        return sorted(self.by_reviewer)

    def spans(self) -> list[Span]:
        """Every span any reviewer has an entry for, in text order."""
        out: set[Span] = set()
        for s in self.by_reviewer.values():
            out.update((e.start, e.end) for e in s.entries)
        return sorted(out)

    def table(self) -> dict[Span, dict[str, Entry]]:
        """span -> reviewer -> entry."""
        out: dict[Span, dict[str, Entry]] = {}
        for r, s in self.by_reviewer.items():
            for e in s.entries:
                out.setdefault((e.start, e.end), {})[r] = e
        return out

    def disputed_spans(self) -> list[Span]:
        """Spans where the reviewers' versions differ (in decision or any field)."""
        if len(self.by_reviewer) < 2:
            return []
        out = []
        names = self.reviewers
        for span, got in sorted(self.table().items()):
            versions = [got.get(r) for r in names]
            if not all(same_version(versions[0], v) for v in versions[1:]):
                out.append(span)
        return out


def group(sessions: Iterable[SavedSession]) -> list[ReportVersions]:
    """Sessions grouped by report, sorted by report path. Two review sessions of one report by
    one reviewer cannot happen in one folder (one file per report and reviewer); if a merge
    brought two, the later-updated one is used and ``hedui check`` names both."""
    reports: dict[str, ReportVersions] = {}
    for s in sessions:
        rv = reports.setdefault(s.doc.report_path, ReportVersions(s.doc.report_path))
        if s.doc.role == "adjudication":
            if rv.adjudicated is None or s.doc.updated_at > rv.adjudicated.doc.updated_at:
                rv.adjudicated = s
            continue
        old = rv.by_reviewer.get(s.doc.reviewer)
        if old is None or s.doc.updated_at > old.doc.updated_at:
            rv.by_reviewer[s.doc.reviewer] = s
    return [reports[k] for k in sorted(reports)]
