"""Durable storage of one session file: lock, journal, atomic TOML rewrite, backup.

The format is described in ``hedui.core.session.file_format``. How writes stay safe:

* A decision is one JSON line appended to ``<file>.journal`` and fsynced before
  ``append`` returns (a few hundred bytes: fast whatever the session's size).
* The TOML file is rewritten off the keystroke path by a background thread
  (after ``batch`` journal records, after ``idle`` seconds without one, and on
  close): written to ``<file>.tmp``, fsynced, the old file hard-linked to
  ``<file>.bak``, the temp renamed over the file, the folder fsynced. Only then
  is the journal trimmed of the records the new file holds (``journal_seq``).
  A crash at any moment leaves the old or the new TOML plus a journal that
  completes it; a torn last journal line (a crash mid-append, never
  acknowledged) is dropped on open.
* ``<file>.lock`` is held with ``flock`` while a process has the session open
  for writing (the kernel releases it if the process dies) and names its holder.
* A failed append (disk full, read-only folder) raises ``SessionError`` at once;
  the record stays queued and is written before the next one, so the journal
  order is kept and nothing already saved is touched.
"""
from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hedui.core.session.entry import SchemaProblem
from hedui.core.model import SessionError
from hedui.core.session.disk import FileLock, _why, atomic_write, fsync_dir, now_rfc3339
from hedui.core.session.file_format import SessionDoc, dump_session, read_session
from hedui.core.session.journal import journal_gap, read_journal
from hedui.core.session.safe_io import check_session_link

__all__ = ["GITIGNORE", "FileLock", "SessionStore", "atomic_write", "fsync_dir", "journal_gap", "now_rfc3339",
           "read_journal"]

#: written into a new sessions folder: only the session files themselves belong in git
GITIGNORE = "# hedui: the session files (*.toml) are the data; these are transient or local\n" \
    "*.lock\n*.journal\n*.tmp\n*.bak\n"


class SessionStore:
    """The files of one session. Thread-safe; used by ``hedui.core.session.session.Session``."""

    def __init__(self, path: Path, *, read_only: bool = False, batch: int = 200, idle: float = 2.0,
                 owner: str = "") -> None:
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.read_only = read_only
        self.batch = batch
        self.idle = idle
        self.lock = FileLock(self.path.with_name(self.path.name + ".lock"), self.path, owner)
        self._mutex = threading.Lock()  # journal file and its in-memory mirror
        self._write_lock = threading.Lock()  # one TOML rewrite at a time
        self._written_seq = -1  # journal_seq of the newest TOML written
        self._cond = threading.Condition()  # wakes the writer thread
        self._jfd: int | None = None
        self._queued: list[bytes] = []  # records not yet durably appended (after a failure)
        self._queued_seqs: list[int] = []
        self._tail: list[tuple[int, bytes]] = []  # durable journal records not yet in the TOML
        self._last_append = 0.0
        self._closing = False
        self._thread: threading.Thread | None = None
        self._snapshot: Callable[[], SessionDoc] | None = None
        self.write_error: str = ""  # last failure of the background TOML rewrite

    # -------------------------------------------------------------- opening

    def open(self) -> tuple[SessionDoc | None, list[dict[str, Any]]]:
        """Lock (unless read-only) and read: the TOML document (None if new) and the journal records past it."""
        if not self.read_only:
            folder = self.path.parent
            if not folder.is_dir():
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    fd = os.open(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
                    try:
                        os.write(fd, GITIGNORE.encode("utf-8"))
                    finally:
                        os.close(fd)
                except OSError as exc:
                    raise SessionError(f"{folder}: cannot create sessions folder ({_why(exc)})") from None
            self.lock.acquire()
            self._remove_leftovers()
        try:
            # the journal before the file: a writer renames a new file before it trims the
            # journal, so the file read second holds at least what the journal lost
            check_session_link(self.path)
            records = read_journal(self.journal_path, repair=not self.read_only)
            doc = read_session(self.path) if os.path.lexists(self.path) else None
        except BaseException:
            self.lock.release()
            raise
        base = doc.journal_seq if doc else 0
        pending = [r for r in records if r["seq"] > base]
        if doc is not None:
            doc.incomplete = doc.incomplete or journal_gap(self.journal_path, base, pending)
            if doc.incomplete and not self.read_only:  # never written over: its .bak stays as it is
                self.lock.release()
                raise SessionError(doc.incomplete)
        self._tail = [(r["seq"], self._encode(r)) for r in pending]
        return doc, pending

    def _remove_leftovers(self) -> None:
        """Temporary files a killed writer left (safe now: only the lock holder makes them)."""
        for suffix in (".tmp", ".journal.tmp", ".bak.tmp"):
            left = self.path.with_name(self.path.name + suffix)
            try:
                if os.path.lexists(left):
                    os.unlink(left)
            except OSError:
                pass

    @staticmethod
    def _encode(rec: dict[str, Any]) -> bytes:
        return (json.dumps(rec, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode()

    # -------------------------------------------------------------- decisions

    def append(self, rec: dict[str, Any], durable: bool = True) -> None:
        """Append one record, fsynced before returning (``durable=False``: queued for the next one)."""
        if self.read_only:
            raise SessionError(f"{self.path}: session is open read-only")
        line = self._encode(rec)
        with self._mutex:
            self._queued.append(line)
            self._queued_seqs.append(rec["seq"])
            if durable:  # SessionError on failure, the records kept queued
                self._flush_queue()
        with self._cond:
            self._last_append = time.monotonic()
            self._cond.notify()

    def _flush_queue(self) -> None:
        if not self._queued:
            return
        size = None
        try:
            if self._jfd is None:
                existed = self.journal_path.exists()
                self._jfd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
                if not existed:
                    fsync_dir(self.path.parent)
            size = os.fstat(self._jfd).st_size
            data = b"".join(self._queued)
            view = memoryview(data)
            while view:
                n = os.write(self._jfd, view)
                view = view[n:]
            os.fsync(self._jfd)
        except OSError as exc:
            if self._jfd is not None and size is not None:
                try:  # never leave a torn line before the next append
                    os.ftruncate(self._jfd, size)
                except OSError:
                    pass
            n = len(self._queued)
            raise SessionError(
                f"{self.journal_path}: decision not saved ({_why(exc)}); "
                f"{n} decision{'s' * (n != 1)} kept in memory, will retry"
            ) from None
        self._tail.extend(zip(self._queued_seqs, self._queued))
        self._queued = []
        self._queued_seqs = []

    @property
    def unsaved(self) -> int:
        """Decisions made in memory whose journal append failed (to be retried)."""
        return len(self._queued)

    def retry(self) -> None:
        with self._mutex:
            self._flush_queue()

    # -------------------------------------------------------------- TOML rewrite

    def write_doc(self, doc: SessionDoc, *, background: bool = False) -> None:
        """Rewrite the TOML file now (atomic, with backup), then trim the journal of what it holds."""
        if self.read_only:
            raise SessionError(f"{self.path}: session is open read-only")
        with self._write_lock:
            if doc.journal_seq < self._written_seq:
                return  # a newer state is already on disk (a flush overtook this snapshot)
            try:
                text = dump_session(doc, pause=(lambda: time.sleep(0)) if background else None)
            except SchemaProblem as exc:  # it would not be read back: never written
                raise SessionError(f"{self.path}: cannot write session file ({exc})") from None
            atomic_write(self.path, text.encode("utf-8"))
            self._written_seq = doc.journal_seq
            self._trim(doc.journal_seq)

    def _trim(self, journal_seq: int) -> None:
        """Drop from the journal the records the TOML file now holds."""
        with self._mutex:
            keep = [(s, line) for s, line in self._tail if s > journal_seq]
            if len(keep) == len(self._tail) and self._jfd is None and not self.journal_path.exists():
                return
            if self._jfd is not None:
                os.close(self._jfd)
                self._jfd = None
            if keep:
                atomic_write(self.journal_path, b"".join(line for _, line in keep), backup=False)
            else:
                try:
                    self.journal_path.unlink(missing_ok=True)
                    fsync_dir(self.path.parent)
                except OSError as exc:
                    raise SessionError(f"{self.journal_path}: cannot trim journal ({_why(exc)})") from None
            self._tail = keep

    def start_writer(self, snapshot: Callable[[], SessionDoc]) -> None:
        """Start the background thread that rewrites the TOML from ``snapshot()``."""
        if self.read_only or self._thread is not None:
            return
        self._snapshot = snapshot
        self._thread = threading.Thread(target=self._run, name=f"hedui-store-{self.path.name}", daemon=True)
        self._thread.start()

    def _due(self) -> bool:
        n = len(self._tail)
        if n == 0:
            return False
        return n >= self.batch or time.monotonic() - self._last_append >= self.idle

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closing and not self._due():
                    self._cond.wait(timeout=self.idle / 2 if self._tail else None)
                if self._closing:
                    return
            try:
                assert self._snapshot is not None
                self.write_doc(self._snapshot(), background=True)
                self.write_error = ""
            except SessionError as exc:
                self.write_error = str(exc)
                with self._cond:  # back off: try again after the next idle period
                    self._last_append = time.monotonic()
                    if not self._closing:  # (a stop asked for meanwhile would never wake us)
                        self._cond.wait(timeout=self.idle)

    def stop_writer(self) -> None:
        """Stop the background thread (waits for a rewrite in progress). Call without holding
        the session's lock: the thread may be waiting for it."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def finish(self, final: SessionDoc | None) -> None:
        """Write queued records and ``final`` (if given), then release the lock.
        Raises SessionError (lock kept) if that fails."""
        if not self.read_only:
            with self._mutex:
                self._flush_queue()
            if final is not None:
                self.write_doc(final)
        self.release()

    def release(self) -> None:
        """Drop the lock and file handles without writing anything more."""
        if self._thread is not None and self._thread is not threading.current_thread():
            self.stop_writer()  # no rewrite of a file whose lock is about to go
        with self._mutex:
            if self._jfd is not None:
                os.close(self._jfd)
                self._jfd = None
        self.lock.release()
