"""An open session meets its report and rules as they are now.

The report changed (its sha256 differs): the decided figures are re-anchored in the new
text, only onto the same figure (``anchor.reanchor``), the rest kept aside as orphans, and
the new extraction merged in. The rules changed (new digest): the extraction is merged in,
decisions carried over (``anchor.merge``). Either is one system record in the log.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hedui.core.model import Extraction, SessionError
from hedui.core.session import anchor
from hedui.core.session.disk import now_rfc3339
from hedui.core.session.paths import stored_report_path

if TYPE_CHECKING:
    from hedui.core.session.session import Session


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
