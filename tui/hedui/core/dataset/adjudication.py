"""Adjudication: the one resolved version of a report that several reviewers decided.

An adjudication is a session of its own (``role = "adjudication"``, file
``<stem>.<adjudicator>+adjudication.toml``), opened on the report like a review session, so it is
as durable and undoable as any. ``Adjudication.open`` reads the reviewers' sessions of the report
and **settles** it: every figure the reviewers decided alike is taken as agreed (its
``decided_by`` names them, joined by ``+``), an agreed figure whose reviewers no longer agree goes
back to pending, and a figure a reviewer added that the session lacks comes in pending. Settling is
one system record in the log (op ``agreed``): not the adjudicator's decision, so ``undo`` never
reverts it. A figure the adjudicator decided is never touched by it.

The figures whose versions differ — in decision or in any field, as ``versions.same_version``
says — are the **disputes**; ``take`` gives one the version of one reviewer through the session
API (accept, correct, flag, or reject when that reviewer rejected it or has no such figure).
Reviewers' sessions of another version of the report (their sha256 differs) are left out, with a
notice.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hedui.core.dataset.versions import ReportVersions, Span, decision, same_version
from hedui.core.model import Extraction, Figure, Report, SessionError
from hedui.core.session.entry import Entry
from hedui.core.session.session import Session


@dataclass(frozen=True)
class Version:
    """One reviewer's version of a figure; ``entry`` None: the reviewer has no such figure."""

    reviewer: str
    entry: Entry | None

    @property
    def decision(self) -> str:
        """verified / rejected / flagged, ``pending``, or ``absent`` (no such figure)."""
        if self.entry is None:
            return "absent"
        return decision(self.entry) or "pending"


@dataclass(frozen=True)
class Dispute:
    span: Span
    entry_id: str  # the figure in the adjudication session
    versions: tuple[Version, ...]


def agreed_version(versions: list[Version]) -> Entry | None:
    """The version every reviewer decided alike (all decided), else None."""
    if len(versions) < 2 or any(v.decision in ("pending", "absent") for v in versions):
        return None
    first = versions[0].entry
    return first if all(same_version(first, v.entry) for v in versions[1:]) else None


def disputed(versions: list[Version]) -> bool:
    """The versions differ (a figure decided by one reviewer and pending for another does too)."""
    first = versions[0].entry
    return not all(same_version(first, v.entry) for v in versions[1:])


def reviewer_versions(rv: ReportVersions, text: str, sha256: str) -> tuple[list[str], dict[Span, list[Version]], list[str]]:
    """(reviewers used, span -> their versions in reviewer order, notices)."""
    names, notices = [], []
    for r in rv.reviewers:
        if rv.by_reviewer[r].doc.report_sha256 != sha256:
            notices.append(f"{r}'s session is of another version of the report (sha256 differs): left out")
            continue
        names.append(r)
    table: dict[Span, dict[str, Entry]] = {}
    for r in names:
        for e in rv.by_reviewer[r].entries:
            if text[e.start:e.end] == e.text:
                table.setdefault((e.start, e.end), {})[r] = e
    return names, {span: [Version(r, got.get(r)) for r in names] for span, got in sorted(table.items())}, notices


def _pending(e: Entry) -> Entry:
    return replace(e, status="pending", fields=e.suggestion or e.fields, note="", flag_reason="",
                   decided_by="", decided_at="", context=("", ""))


def settled(session: Session, versions: dict[Span, list[Version]], tag: str) -> list[Entry] | None:
    """The session's entries with the reviewers' agreement taken in (None: nothing changes)."""
    mine = session.reviewer
    by_span = {(e.start, e.end): e for e in session.entries}
    out: dict[Span, Entry] = {}
    for span, e in by_span.items():
        if e.decided and e.decided_by != mine and span not in versions:  # agreed once, now nobody's
            out[span] = _pending(e) if e.suggestion is not None else None  # type: ignore[assignment]
        else:
            out[span] = e
    for span, vs in versions.items():
        e = by_span.get(span)
        if e is not None and e.decided and e.decided_by == mine:
            continue  # the adjudicator's own decision
        agreed = agreed_version(vs)
        if agreed is not None:
            when = max(v.entry.decided_at for v in vs if v.entry is not None)
            base = e or replace(agreed, id=session.new_id(), suggestion=agreed.suggestion or agreed.fields)
            out[span] = replace(base, status=agreed.status, fields=agreed.fields, note=agreed.note,
                                flag_reason=agreed.flag_reason, decided_by=tag, decided_at=when,
                                context=agreed.context)
        elif e is None:
            if disputed(vs):  # a figure only some reviewers added: pending, to be adjudicated
                first = next(v.entry for v in vs if v.entry is not None)
                out[span] = _pending(replace(first, id=session.new_id(), suggestion=first.suggestion or first.fields,
                                             stale=False))
        elif e.decided:  # agreed before, not any more
            out[span] = _pending(e) if e.suggestion is not None else None  # type: ignore[assignment]
    new = [e for e in out.values() if e is not None]
    return None if sorted(new, key=lambda e: e.id) == sorted(session.entries, key=lambda e: e.id) else new


class Adjudication:
    """An adjudication session with the reviewers' versions beside it. Every Session method and
    attribute is the session's, except ``progress`` and ``first_pending``, which count disputes."""

    def __init__(self, session: Session, reviewers: list[str], versions: dict[Span, list[Version]],
                 notices: list[str]) -> None:
        self.session = session
        self.reviewers = reviewers
        self.notices = list(session.notices) + notices
        ids = {(e.start, e.end): e.id for e in session.entries}
        self.disputes = [Dispute(span, ids[span], tuple(vs)) for span, vs in versions.items()
                         if span in ids and disputed(vs)]
        self._by_id = {d.entry_id: d for d in self.disputes}

    @classmethod
    def open(cls, extraction: Extraction, sessions_dir: Path, adjudicator: str, rv: ReportVersions,
             **kwargs: Any) -> "Adjudication":
        """Open (or create) ``adjudicator``'s adjudication of the report and settle it."""
        report = extraction.report
        names, versions, notices = reviewer_versions(rv, report.text, report.sha256)
        if len(names) < 2:
            raise SessionError(f"{report.path}: fewer than two reviewers' sessions of this version of the report")
        session = Session.open(extraction, sessions_dir, adjudicator, role="adjudication", **kwargs)
        try:
            if not session.read_only:
                new = settled(session, versions, "+".join(names))
                if new is not None:
                    session.replace_entries(new, "agreed", f"the agreement of {', '.join(names)} taken in")
        except BaseException:
            session.close()
            raise
        return cls(session, names, versions, notices)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.session, name)

    def dispute(self, entry_id: str | None) -> Dispute | None:
        return self._by_id.get(entry_id) if entry_id else None

    def resolved(self, d: Dispute) -> bool:
        e = self.session.entry(d.entry_id)
        return e.decided and e.decided_by == self.session.reviewer

    def progress(self) -> tuple[int, int]:
        """(disputes resolved, disputes)."""
        return sum(self.resolved(d) for d in self.disputes), len(self.disputes)

    def first_pending(self) -> Entry | None:
        """The first dispute not yet resolved."""
        return next((self.session.entry(d.entry_id) for d in self.disputes if not self.resolved(d)), None)

    def take(self, entry_id: str, k: int) -> Entry:
        """Resolve dispute ``entry_id`` with the version of reviewer ``k`` (1-based)."""
        d = self._by_id[entry_id]
        v = d.versions[k - 1]
        s, e = self.session, self.session.entry(entry_id)
        if v.entry is None or v.entry.status == "rejected":
            return s.reject(entry_id)
        if v.entry.status == "pending":
            raise SessionError(f"{v.reviewer} has not decided {e.text} yet")
        if v.entry.status == "flagged":
            return s.flag(entry_id, v.entry.flag_reason or "other", v.entry.note)
        if v.entry.fields == e.suggestion and v.entry.note == e.note:
            return s.accept(entry_id)
        return s.correct(entry_id, v.entry.fields, v.entry.note)


def reviewed_extraction(report: Report, rv: ReportVersions) -> Extraction:
    """What the reviewers were shown, rebuilt from their sessions (each figure's suggestion and
    rule), so that adjudicating runs no extractor: the disputes are between the reviewers, not
    with the rules of today."""
    figures: dict[Span, Figure] = {}
    digest = ""
    for r in rv.reviewers:
        s = rv.by_reviewer[r]
        if s.doc.report_sha256 != report.sha256:
            continue
        digest = digest or s.doc.rules_digest
        for e in s.entries:
            span = (e.start, e.end)
            if e.suggestion is not None and span not in figures and report.text[e.start:e.end] == e.text:
                figures[span] = Figure(e.start, e.end, e.text, e.suggestion, e.rule, repeat_of=e.repeat_of)
    return Extraction(report, tuple(figures[k] for k in sorted(figures)), (), rules_digest=digest)


def review_files(sessions_dir: Path) -> dict[str, list[Path]]:
    """Report path (as stored) -> its review session files, from the files' headers only."""
    from hedui.core.session.paths import peek_header
    from hedui.core.session.read import session_files

    out: dict[str, list[Path]] = {}
    for p in session_files(sessions_dir):
        head = peek_header(p)
        report = head.get("report")
        if head.get("role", "review") == "review" and isinstance(report, dict) and isinstance(report.get("path"), str):
            out.setdefault(report["path"], []).append(p)
    return out


def load_versions(files: list[Path], sessions_dir: Path) -> ReportVersions:
    """The reviewers' sessions of one report (SessionError naming a damaged file)."""
    from hedui.core.dataset.versions import group
    from hedui.core.session.read import load_saved

    groups = group(load_saved(p, sessions_dir) for p in files)
    return groups[0] if groups else ReportVersions("")
