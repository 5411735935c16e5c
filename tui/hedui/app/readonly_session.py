"""A read-only stand-in for a session whose file cannot be opened (damaged, unreadable).

The report is still shown with the extractor's proposals, all pending; any
attempt to decide raises ``SessionError`` (the app hides those keys anyway),
and the damaged file is never touched.
"""
from __future__ import annotations

from hedui.core.session.entry import Entry
from hedui.core.model import Extraction, SessionError


class ReadOnlySession:
    """The parts of ``Session``'s API the reviewer reads; nothing is ever written."""

    read_only = True

    def __init__(self, extraction: Extraction, reason: str) -> None:
        self.reason = reason
        self.report = extraction.report
        self.entries = [
            Entry(id=f"f{i:04d}", start=f.start, end=f.end, text=f.text, status="pending",
                  fields=f.fields, suggestion=f.fields, rule=f.rule, repeat_of=f.repeat_of)
            for i, f in enumerate(sorted(extraction.figures, key=lambda f: (f.start, f.end)), 1)
        ]
        self.notices: list[str] = []
        self.updated_at = ""

    def entry(self, id: str) -> Entry:
        for e in self.entries:
            if e.id == id:
                return e
        raise KeyError(id)

    def progress(self) -> tuple[int, int]:
        return sum(1 for e in self.entries if e.status != "pending"), len(self.entries)

    def first_pending(self) -> Entry | None:
        return next((e for e in self.entries if e.status == "pending"), None)

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise SessionError(f"{self.reason} (read-only: nothing is saved)")

    accept = reject = flag = correct = add = reset = undo = redo = _refuse

    def close(self) -> None:
        pass
