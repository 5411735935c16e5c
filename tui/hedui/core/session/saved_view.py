"""What a session shows: its figures as they are on disk.

A decision whose write failed is held in memory (and retried with the next one);
until it is written, every reader of the session (the table's symbols, the
header's counts, ``n``'s next pending figure) sees the figure as it is on disk.
"""
from __future__ import annotations

from hedui.core.session.entry import Entry


class SavedView:
    """Mixin for ``Session`` (which provides ``_lock``, ``_store``, ``_live``, ``_index``,
    ``_decided`` and ``_held``: the on-disk state of figures whose decisions are not)."""

    @property
    def entries(self) -> list[Entry]:
        """The figures as saved, sorted by span."""
        with self._lock:
            held = self._held if self._store.unsaved else {}
            if not held:
                return self._live
            out = [held[e.id] if e.id in held else e for e in self._live]
            live = {e.id for e in self._live}
            out += [e for eid, e in held.items() if eid not in live]
            return sorted((e for e in out if e is not None), key=lambda e: (e.start, e.end))

    def entry(self, id: str) -> Entry:
        """Figure ``id`` as saved; KeyError if there is none on disk."""
        with self._lock:
            held = self._held if self._store.unsaved else {}
            if id in held:
                if held[id] is None:
                    raise KeyError(id)
                return held[id]
            return self._entry(id)

    def _entry(self, id: str) -> Entry:
        i = self._index.get(id)
        if i is None:
            raise KeyError(id)
        return self._live[i]

    def progress(self) -> tuple[int, int]:
        """(decided, total) as saved: decided is every figure not pending."""
        with self._lock:
            if not (self._held and self._store.unsaved):
                return self._decided, len(self._live)
            shown = self.entries
            return sum(e.status != "pending" for e in shown), len(shown)

    def first_pending(self) -> Entry | None:
        with self._lock:
            return next((e for e in self.entries if e.status == "pending"), None)
