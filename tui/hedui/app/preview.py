"""What the reviewer sees of a report before its session opens (headless: no textual here).

The first report's full extraction waits for jieba's dictionary (labels), close
to a second; its figures alone take milliseconds.  A ``Preview`` shows those at
once: the figures as the saved session has them (statuses, labels) when one
can be read for this very text, else as pending with the label and period not
yet known (``PENDING``).  Nothing can be decided on a preview (the screen hides
those keys); the session is opened from the full extraction only, and never
from what a preview holds.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from hedui.app.readonly_session import ReadOnlySession
from hedui.core.session.entry import Entry
from hedui.core.model import Extraction

#: shown for a label or period that the full extraction has not yet supplied
PENDING = "…"


class Preview(ReadOnlySession):
    """A read-only stand-in built from a provisional (figures-only) extraction."""

    def __init__(self, extraction: Extraction, saved: list[Entry] | None = None, provisional: bool = True) -> None:
        super().__init__(extraction, "the labels are still being prepared" if provisional else "opening the session")
        self.extraction = extraction
        self.labels_pending = provisional  # a figures-only extraction: labels and periods to come
        self.from_saved = saved is not None
        if saved is not None:
            self.entries = sorted(saved, key=lambda e: (e.start, e.end, e.id))
        elif provisional:
            self.entries = [
                dataclasses.replace(e, fields=dataclasses.replace(e.fields, label=PENDING, period=PENDING))
                for e in self.entries
            ]


def make_preview(extraction: Extraction, sessions_dir: Path, reviewer: str, provisional: bool = True) -> Preview:
    """The preview of an extraction (``provisional``: figures only, labels not known yet); the
    saved session's entries where one exists for the same text (read only: nothing is locked
    or written)."""
    return Preview(extraction, _saved_entries(extraction, Path(sessions_dir), reviewer), provisional)


def _saved_entries(extraction: Extraction, sessions_dir: Path, reviewer: str) -> list[Entry] | None:
    from hedui.core.session.paths import session_path
    from hedui.core.session.read import load_saved

    report = extraction.report
    try:
        path = session_path(sessions_dir, report, reviewer)
        if not path.is_file():
            return None
        saved = load_saved(path, sessions_dir)
    except Exception:  # damaged or unreadable: the full open says why; preview the figures
        return None
    if saved.doc.report_sha256 != report.sha256 or saved.doc.reviewer != reviewer:
        return None
    return list(saved.entries)
