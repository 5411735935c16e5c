"""A session meets its report and rules: a new one made from an extraction, an open one
brought up to date with the report and rules as they are now.

The report changed (its sha256 differs): the decided figures are re-anchored in the new
text, only onto the same figure (``anchor.reanchor``), the rest kept aside as orphans, and
the new extraction merged in. The rules changed (new digest): the extraction is merged in,
decisions carried over (``anchor.merge``). Either is one system record in the log.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hedui import __version__
from hedui.core.model import Extraction, SessionError
from hedui.core.session import anchor
from hedui.core.session.disk import now_rfc3339
from hedui.core.session.entry import Entry
from hedui.core.session.file_format import SessionDoc
from hedui.core.session.paths import stored_report_path

if TYPE_CHECKING:
    from hedui.core.session.session import Session


def new_doc(extraction: Extraction, sessions_dir: Path, reviewer: str, role: str) -> SessionDoc:
    """The document of a new session: every figure of ``extraction`` pending, its suggestion kept."""
    report = extraction.report
    entries = [
        Entry(id=f"f{i:04d}", start=f.start, end=f.end, text=f.text, status="pending",
              fields=f.fields, suggestion=f.fields, rule=f.rule, repeat_of=f.repeat_of,
              label_alternatives=f.label_alternatives, period_alternatives=f.period_alternatives)
        for i, f in enumerate(sorted(extraction.figures, key=lambda f: (f.start, f.end)), 1)
    ]
    now = now_rfc3339()
    return SessionDoc(
        reviewer=reviewer, report_path=stored_report_path(report.path, sessions_dir),
        report_sha256=report.sha256, report_encoding=report.encoding, report_chars=len(report.text),
        hedui_version=__version__, rules_digest=extraction.rules_digest, created_at=now,
        updated_at="", journal_seq=0, next_id=len(entries) + 1, entries=entries, role=role,
    )


def reconcile(s: "Session", extraction: Extraction, sessions_dir: Path) -> bool:
    """Apply a changed report or rules to ``s`` (in memory); True if anything changed."""
    doc, report, text = s._doc, extraction.report, extraction.report.text
    now = now_rfc3339()
    changed = False
    stored = stored_report_path(report.path, sessions_dir)
    if doc.report_path != stored:
        doc.report_path = stored
        changed = True
    if doc.report_sha256 != report.sha256:
        moved = anchor.reanchor(s._live, s.orphans, text, extraction.figures)
        merged, doc.next_id, news = anchor.merge(moved.entries, extraction, doc.next_id)
        kept = len(moved.entries)
        head = (f"the report changed since this session (sha256 differs): {kept} decision"
                f"{'s' * (kept != 1)} kept ({moved.moved} moved)")
        if moved.orphans:
            head += f", {len(moved.orphans)} could not be placed (kept aside as orphans)"
        s.notices += [head] + moved.notices + news
        s._live, s.orphans = merged, moved.orphans
        s._system("reanchor", now, head)
        doc.report_sha256, doc.report_encoding, doc.report_chars = report.sha256, report.encoding, len(text)
        doc.rules_digest = extraction.rules_digest
        changed = True
    else:
        for e in s._live:
            if e.end > len(text) or text[e.start:e.end] != e.text:
                raise SessionError(f"{s.path}: figure {e.id} {e.text!r} does not match the report "
                                   f"at {e.start}-{e.end}, though the report is unchanged")
        if doc.rules_digest != extraction.rules_digest:
            merged, doc.next_id, news = anchor.merge(s._live, extraction, doc.next_id)
            s._live = merged
            head = "the rules changed since this session: decisions carried over"
            s.notices += [head + (": " + "; ".join(news) if news else "")]
            s._system("rules", now, s.notices[-1])
            doc.rules_digest = extraction.rules_digest
            changed = True
    if changed:
        s._reindex()
    return changed
