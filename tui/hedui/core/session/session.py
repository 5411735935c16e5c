"""A review session: one reviewer's decisions on the figures of one report.

``Session.open(extraction, sessions_dir, reviewer)`` creates or resumes the
session file (format: ``hedui.core.session.file_format``; storage and durability:
``hedui.core.session.store``). A new session is lazy: opening it takes the lock and
writes nothing else; its file is written with the first decision, and closing it
without one leaves nothing behind (the lock file goes with the lock). Every mutating call is on disk (journal line, fsync)
before it returns; if the write fails it raises ``SessionError`` with the
decision kept in memory and queued for the next write. All methods are
thread-safe. ``Entry`` objects are replaced, never mutated: hold ids, not entries.
"""
from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path
from typing import Any

from hedui.core.session import anchor
from hedui.core.session.entry import (
    Entry, SchemaProblem, apply_state, check_int, checked as _checked, decision_state,
    entry_from_dict, entry_to_dict, is_full, valid_fields as _valid,
)
from hedui.core.model import FLAG_REASONS, Extraction, Fields, Report, SessionError
from hedui.core.session.file_format import SYSTEM_OPS, SessionDoc, validate_log_record
from hedui.core.session.decision_log import DecisionLog
from hedui.core.session.paths import session_path, stored_report_path
from hedui.core.session.reconcile import new_doc, reconcile
from hedui.core.session.saved_view import SavedView
from hedui.core.session.steps import OneStep, step_keys
from hedui.core.session.store import SessionStore, now_rfc3339

__all__ = ["Entry", "Session", "session_path"]


class Session(OneStep, SavedView):
    """See the module docstring; created only by ``Session.open``."""

    path: Path
    read_only: bool
    reviewer: str
    report: Report
    orphans: list[Entry]
    notices: list[str]
    updated_at: str

    def __init__(self, store: SessionStore, doc: SessionDoc, report: Report, reviewer: str) -> None:
        self._lock = threading.RLock()
        self._store = store
        self._doc = doc
        self.path = store.path
        self.read_only = store.read_only
        self.reviewer = reviewer
        self.report = report
        self._live = list(doc.entries)
        self.orphans = list(doc.orphans)
        self._history = DecisionLog(doc.log)
        self.log: list[dict[str, Any]] = self._history.records  # the audit trail, oldest first
        self.notices: list[str] = []
        self.updated_at = doc.updated_at
        self._seq = doc.journal_seq
        self._index: dict[str, int] = {}
        self._decided = 0
        self._held: dict[str, Entry | None] = {}  # figures as on disk, while decisions on them are not
        self._reindex()
        self._closed = False
        self._unwritten = False  # a new session whose file is not written yet

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(cls, extraction: Extraction, sessions_dir: Path, reviewer: str, *, read_only: bool = False,
             batch: int = 200, idle: float = 2.0, role: str = "review") -> "Session":
        """Create or resume the session of ``extraction.report`` for ``reviewer`` (see the module doc);
        ``role="adjudication"``: ``reviewer``'s adjudication of it (a file of its own).

        Raises ``SessionLocked`` naming the holder if another process has it open,
        ``SessionError('<file>:<line>: <reason>')`` if the file is damaged (it is never overwritten).
        """
        report = extraction.report
        if not reviewer.strip():
            raise SessionError("the reviewer's name is empty")
        _checked("reviewer", reviewer, 200)
        path = session_path(Path(sessions_dir), report, reviewer, role)
        extraction, dropped = anchor.usable(extraction)
        store = SessionStore(path, read_only=read_only, batch=batch, idle=idle,
                             owner=stored_report_path(report.path, Path(sessions_dir)))
        doc, records = store.open()
        try:
            created = doc is None
            if doc is None:
                if records:
                    raise SessionError(f"{store.journal_path}: journal without its session file {path.name}")
                doc = new_doc(extraction, Path(sessions_dir), reviewer, role)
            elif doc.reviewer != reviewer:
                raise SessionError(f"{path}: the session of reviewer {doc.reviewer!r}, not {reviewer!r}")
            elif doc.role != role:
                raise SessionError(f"{path}: a {doc.role} session, not a {role} one")
            self = cls(store, doc, report, reviewer)
            if doc.incomplete:  # (read-only: a writable open refuses it)
                self.notices.append(f"{doc.incomplete}; opened read-only, the file and its backup untouched")
            for rec in records:
                self._apply_record(rec)
            self.notices += dropped
            changed = self._reconcile(extraction, Path(sessions_dir))
            self._unwritten = created  # written with the first decision (lazy)
            if not read_only and changed and not created:
                store.write_doc(self._snapshot())
        except BaseException:
            store.release()
            raise
        store.start_writer(self._snapshot)
        return self

    def _reindex(self) -> None:
        self._index = {e.id: i for i, e in enumerate(self._live)}
        self._decided = sum(1 for e in self._live if e.status != "pending")

    def _apply_record(self, rec: dict[str, Any]) -> None:
        self._history.add(rec)
        self._seq = rec["seq"]
        if rec["op"] in SYSTEM_OPS:
            return
        self.updated_at = rec["at"]
        eid = rec.get("id", "")
        self._put(eid, self._resolve(eid, rec.get("after")))

    def _resolve(self, eid: str, state: dict[str, Any] | None) -> Entry | None:
        """The entry ``eid`` would be with a log side ``state`` applied (None: no entry)."""
        if state is None:
            return None
        i = self._index.get(eid)
        if i is not None:
            new = apply_state(self._live[i], state)
            ctx = anchor.context_of(self.report.text, new.start, new.end) if new.decided else ("", "")
            return replace(new, context=ctx)
        if not is_full(state):
            raise SessionError(f"{self.path}: the log refers to figure {eid}, which is not in the file")
        return entry_from_dict(state)

    def _put(self, eid: str, new: Entry | None) -> None:
        """Replace entry ``eid`` by ``new``, insert it, or (``new`` None) remove it."""
        i = self._index.get(eid)
        if new is None:
            if i is not None:
                del self._live[i]
                self._reindex()
            return
        if i is not None:
            self._decided += (new.status != "pending") - (self._live[i].status != "pending")
            self._live[i] = new
            return
        keys = [(e.start, e.end) for e in self._live]
        self._live.insert(bisect_right(keys, (new.start, new.end)), new)
        self._reindex()

    def _reconcile(self, extraction: Extraction, sessions_dir: Path) -> bool:
        """Apply a changed report or rules (``hedui.core.session.reconcile``); True if anything changed."""
        return reconcile(self, extraction, sessions_dir)

    def _system(self, op: str, now: str, note: str) -> None:
        self._seq += 1
        self._history.add({"seq": self._seq, "at": now, "by": self.reviewer, "op": op, "note": note})

    def _snapshot(self) -> SessionDoc:
        with self._lock:
            return replace(self._doc, entries=list(self._live), orphans=list(self.orphans),
                           log=list(self.log), journal_seq=self._seq, updated_at=self.updated_at)

    # ---------------------------------------------------------------- reading

    def can_undo(self) -> bool:
        return bool(self._history.undo_stack)

    def can_redo(self) -> bool:
        return bool(self._history.redo_stack)

    @property
    def written(self) -> bool:
        """Whether the session has a file (False: a new session, no decision yet)."""
        return not self._unwritten

    @property
    def unsaved(self) -> int:
        """Decisions held in memory whose write failed (retried with the next decision or ``close``)."""
        return self._store.unsaved

    @property
    def save_error(self) -> str:
        """The last failure of the background rewrite of the TOML file ('' when fine)."""
        return self._store.write_error

    # ---------------------------------------------------------------- deciding

    def _stamp(self, e: Entry, status: str, **changes: Any) -> Entry:
        return replace(e, status=status, decided_by=self.reviewer, decided_at=now_rfc3339(),
                       context=anchor.context_of(self.report.text, e.start, e.end), **changes)

    def _record(self, op: str, eid: str, old: Entry | None, new: Entry | None, target: int | None = None,
                group: int | None = None, durable: bool = True) -> None:
        self._writable()
        unwritten = self._write_new_file()
        rec: dict[str, Any] = {"seq": self._seq + 1, "at": now_rfc3339(), "by": self.reviewer, "op": op, "id": eid}
        if target is not None:
            rec["target"] = target
        rec.update(step_keys(op, old, new, group))  # the fields a correction changed; its step
        if old is None or new is None:  # a figure appears or goes: the other side is all of it
            rec["before"] = entry_to_dict(old) if old is not None else None
            rec["after"] = entry_to_dict(new) if new is not None else None
        else:
            rec["before"], rec["after"] = decision_state(old), decision_state(new)
        try:  # what is written is read back with the same rules: refuse what could not be
            validate_log_record(rec)
            check_int("next_id", self._doc.next_id, lo=1)
        except SchemaProblem as exc:
            raise SessionError(f"{self.path}: cannot record this decision ({exc})") from None
        self._seq += 1
        self._put(eid, new)
        self._history.add(rec)
        self.updated_at = rec["at"]
        self._held.setdefault(eid, old)  # its state on disk, shown until the record is written
        if unwritten is not None:  # no file yet: held in memory, written with the file on the next try
            self._store.append(rec, durable=False)
            n = self._store.unsaved
            raise SessionError(f"{unwritten}: decision not saved; {n} decision"
                               f"{'s' * (n != 1)} kept in memory, will retry")
        self._store.append(rec, durable)  # durable before we return; raises with the decision kept in memory
        if durable:
            self._held.clear()

    def _write_new_file(self) -> str | None:
        """Write a lazy session's file before its first journal line (so the journal never lacks
        it); None when written (or already there), else why it could not be."""
        if not self._unwritten:
            return None
        try:
            self._store.write_doc(self._snapshot())
        except SessionError as exc:
            return str(exc)
        self._unwritten = False
        return None

    def _decide(self, op: str, id: str, make: Any) -> Entry:
        with self._lock:
            self._writable()
            old = self._entry(id)
            new = make(old)
            self._record(op, id, old, new)
            return self._entry(id) if new is not None else old

    def _writable(self) -> None:
        if self._closed:
            raise SessionError(f"{self.path}: session is closed")
        if self.read_only:
            raise SessionError(f"{self.path}: session is open read-only")

    def accept(self, id: str) -> Entry:
        return self._decide("accept", id, lambda e: self._stamp(
            e, "added" if e.status == "added" else "accepted", fields=e.suggestion or e.fields,
            flag_reason="", stale=e.stale))

    def reject(self, id: str) -> Entry:
        return self._decide("reject", id, lambda e: self._stamp(e, "rejected", flag_reason=""))

    def flag(self, id: str, reason: str, note: str = "") -> Entry:
        note = _checked("note", note)
        if reason not in FLAG_REASONS:
            raise SessionError(f"unknown flag reason {reason!r} (one of {', '.join(FLAG_REASONS)})")
        return self._decide("flag", id, lambda e: self._stamp(e, "flagged", flag_reason=reason, note=note))

    def correct(self, id: str, fields: Fields, note: str = "") -> Entry:
        return self.correct_many([(id, fields)], note)[0]

    def reset(self, id: str) -> Entry:
        """Back to pending (an added figure is removed; the returned entry is then its last state)."""
        def make(e: Entry) -> Entry | None:
            if e.suggestion is None:
                return None
            return replace(e, status="pending", fields=e.suggestion, note="", flag_reason="",
                           decided_by="", decided_at="", context=("", ""))
        return self._decide("reset", id, make)

    def add(self, start: int, end: int, fields: Fields, note: str = "", rule: str = "manual",
            group: int | None = None) -> Entry:
        fields, note, rule = _valid(fields), _checked("note", note), _checked("rule", rule, 200)
        with self._lock:
            self._writable()
            text = self.report.text
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                raise SessionError(f"cannot add a figure at {start}-{end}: outside the report's text")
            for e in self._live:
                if e.start == start and e.end == end:
                    raise SessionError(f"{e.id} already covers {start}-{end}; correct it instead")
            eid = f"f{self._doc.next_id:04d}"
            new = self._stamp(Entry(id=eid, start=start, end=end, text=text[start:end], status="added",
                                    fields=fields, suggestion=None, rule=rule or "manual"), "added", note=note)
            self._doc.next_id += 1
            try:
                self._record("add", eid, None, new, group=group)
            except SessionError:
                if self._index.get(eid) is None:  # refused before it was made: the id is free again
                    self._doc.next_id -= 1
                raise
            return self._entry(eid)

    def new_id(self) -> str:
        """A figure id this session has never used."""
        with self._lock:
            self._doc.next_id += 1
            return f"f{self._doc.next_id - 1:04d}"

    def replace_entries(self, entries: list[Entry], op: str, note: str) -> None:
        """A change the reviewer did not make (``op`` one of SYSTEM_OPS: the reviewers' agreement
        taken into an adjudication): the entries replaced at once, one log record (it is not
        undone by ``undo``, and clears the undo history), the file rewritten — or, for a new
        session (lazy), written with its first decision."""
        with self._lock:
            self._writable()
            self._live = sorted(entries, key=lambda e: (e.start, e.end, e.id))
            self._reindex()
            self._system(op, now_rfc3339(), note)
            if not self._unwritten:
                self._store.write_doc(self._snapshot())

    def _step(self, op: str) -> Entry | None:
        """Undo or redo one step: a decision, or every decision of its group (one write)."""
        with self._lock:
            self._writable()
            recs, first = self._history.next_step(op), None
            for n, rec in enumerate(recs, 1):
                eid = rec["id"]
                old = self._entry(eid) if eid in self._index else None
                new = self._resolve(eid, rec.get("before") if op == "undo" else rec.get("after"))
                if new is not None and old is None and self.report.text[new.start:new.end] != new.text:
                    raise SessionError(f"cannot {op}: {eid} {new.text!r} no longer matches the report")
                self._record(op, eid, old, new, target=rec["seq"], group=rec.get("group"), durable=n == len(recs))
                first = first or (new if new is not None else old)
            return first

    def undo(self) -> Entry | None:
        """Undo the last decision (persisted; works after reopening). None if there is none."""
        return self._step("undo")

    def redo(self) -> Entry | None:
        """Redo the last undone decision. None if there is none."""
        return self._step("redo")

    # ---------------------------------------------------------------- closing

    def retry(self) -> None:
        """Write the decisions held in memory after a failed write (SessionError if it fails again)."""
        with self._lock:
            self._write_held()

    def _write_held(self) -> None:
        """(Under the lock.) The session file made if it is not yet, and the held records written."""
        self._writable()
        why = self._write_new_file()
        if why is not None:
            raise SessionError(why)
        self._store.retry()

    def flush(self) -> None:
        """Rewrite the TOML file now (normally done in the background and on close)."""
        with self._lock:
            self._write_held()
            self._store.write_doc(self._snapshot())
            self._unwritten = False

    def close(self) -> None:
        """Write everything and release the lock. On failure raises SessionError and stays open."""
        if self._closed:
            return
        self._store.stop_writer()
        with self._lock:
            if not self.read_only and self._unwritten and self._store.unsaved:
                why = self._write_new_file()
                if why is not None:
                    raise SessionError(why)
            self._store.finish(None if self.read_only or self._unwritten else self._snapshot())
            self._closed = True

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
