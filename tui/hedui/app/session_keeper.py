"""Opening and closing sessions off the UI thread, one at a time and in order (headless).

Only the report on screen has its session open (lock taken, nothing written until the first
decision); leaving it closes it (its last state written, the lock released).  ``open`` of a
report the reviewer has already left again is skipped; a session opened for a report that is
no longer on screen is closed again by the app.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from hedui.app.workspace import Preparer, ReportSlot
from hedui.core.model import HeduiError


def tally(session: Any) -> tuple[int, int, int]:
    """(decided, flagged, total) of an open session."""
    decided, total = session.progress()
    return decided, sum(1 for e in session.entries if e.status == "flagged"), total


class SessionKeeper:
    """A thread that opens and closes sessions in the order asked (see the module doc)."""

    def __init__(self, preparer: Preparer, opened: Callable[[int, ReportSlot], None],
                 wanted: Callable[[], int]) -> None:
        self.preparer = preparer
        self.opened = opened  # called in the keeper's thread once a session is open (or failed)
        self.wanted = wanted  # the index on screen now
        self.errors: list[str] = []  # sessions that could not be closed cleanly
        self._jobs: queue.Queue = queue.Queue()
        self._left = 0  # jobs queued and not finished
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="hedui-sessions", daemon=True)
        self._thread.start()

    def _put(self, job: tuple) -> None:
        with self._cond:
            self._left += 1
        self._jobs.put(job)

    def open(self, index: int, slot: ReportSlot) -> None:
        self._put(("open", index, slot))

    def close(self, session: Any) -> None:
        self._put(("close", -1, session))

    def _run(self) -> None:
        while True:
            op, index, item = self._jobs.get()
            try:
                if op == "stop":
                    return
                if op == "close":
                    self._close(item)
                elif op == "open" and index == self.wanted() and item.session is None \
                        and item.extraction is not None:
                    item.read_only = None
                    self.preparer.open_session(item)
                    self.opened(index, item)
            except Exception as exc:  # a bug here must not stop the keeper
                self.errors.append(f"{getattr(item, 'path', item)}: {type(exc).__name__}: {exc}")
            finally:
                with self._cond:
                    self._left -= 1
                    self._cond.notify_all()

    def _close(self, session: Any) -> None:
        try:
            session.close()
        except HeduiError as exc:  # its decisions are safe in the journal
            self.errors.append(str(exc))

    @property
    def idle(self) -> bool:
        with self._cond:
            return self._left <= 0

    def wait(self, timeout: float = 30.0) -> bool:
        """Until every queued open and close is done (True) or ``timeout``."""
        with self._cond:
            return self._cond.wait_for(lambda: self._left <= 0, timeout)

    def stop(self, timeout: float = 30.0) -> None:
        self._put(("stop", -1, None))
        self._thread.join(timeout)
