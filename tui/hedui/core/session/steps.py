"""Decisions made as ONE step: a table column given a field (several corrections), a figure
given another span (the old one rejected, the new one added).  Their log records share a
``group``, go to the journal in one write, and one undo or redo takes back or puts back all
of them (``DecisionLog.next_step``).
"""
from __future__ import annotations

from typing import Any

from hedui.core.model import Fields, SessionError
from hedui.core.session.entry import Entry, changed_fields, checked, valid_fields


def step_keys(op: str, old: Entry | None, new: Entry | None, group: int | None) -> dict[str, Any]:
    """A log record's ``group`` (decisions made as one step) and, for a correction, ``changed``:
    the fields it changed (provenance field by field, counted by ``hedui stats``)."""
    keys: dict[str, Any] = {} if group is None else {"group": group}
    if op == "correct" and old is not None and new is not None:
        keys["changed"] = changed_fields(old.fields, new.fields)
    return keys


class OneStep:
    """Mixin for ``Session`` (which provides _lock, _writable, _entry, _stamp, _record, add …)."""

    def correct_many(self: Any, changes: list[tuple[str, Fields]], note: str = "") -> list[Entry]:
        """Correct several figures as one step (a single figure: a plain correction)."""
        changes = [(eid, valid_fields(f)) for eid, f in changes]
        note = checked("note", note)
        with self._lock:
            self._writable()
            olds = [self._entry(eid) for eid, _ in changes]  # KeyError before anything is written
            group = self._seq + 1 if len(changes) > 1 else None
            for n, (old, (eid, fields)) in enumerate(zip(olds, changes), 1):
                new = self._stamp(old, "added" if old.status == "added" else "corrected", fields=fields,
                                  note=note, flag_reason="")
                self._record("correct", eid, old, new, group=group, durable=n == len(changes))
            return [self._entry(eid) for eid, _ in changes]

    def respan(self: Any, id: str, start: int, end: int, fields: Fields, note: str = "") -> Entry:
        """Figure ``id`` on another span, as one step: it is rejected (its note says where it
        went) and a figure with ``fields`` is added at ``start``-``end`` under the same rule.
        Returns the new figure."""
        fields, note = valid_fields(fields), checked("note", note)
        with self._lock:
            self._writable()
            old = self._entry(id)
            text = self.report.text
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                raise SessionError(f"cannot move {id} to {start}-{end}: outside the report's text")
            taken = next((e for e in self._live if (e.start, e.end) == (start, end)), None)
            if taken is not None:
                raise SessionError(f"{taken.id} already covers {start}-{end}; correct it instead")
            group = self._seq + 1
            gone = self._stamp(old, "rejected", flag_reason="", note=f"span moved to {start}-{end}")
            self._record("reject", id, old, gone, group=group, durable=False)
            return self.add(start, end, fields, note, old.rule, group=group)
