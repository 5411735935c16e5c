"""Keys typed while a panel opens wait for it, then reach it in the order typed.

A panel (the correction form, the flag dialog, search, the status filter …) is mounted by the key
that opens it, and takes the focus a few messages later. A key typed in that gap — ``e`` then
``7`` at typing speed, or keys pasted in one burst — would reach the review screen instead:
lost, or worse, taken as a command (``a`` would accept a figure). So from the moment a panel is
asked for until the focus lands inside it (or HOLD_MAX seconds, for a panel that takes no focus)
the app holds every key, then posts them again, in order, ahead of any typed later.
"""
from __future__ import annotations

import contextvars
from typing import Any

from textual import events

#: the longest keys are held (released at once when the panel takes the focus)
HOLD_MAX = 0.5


class KeyHold:
    """The app's key hold: ``hold()`` on a panel switch, ``release()`` when it is ready, and
    ``take(key)`` for every key the app receives and every key the screen is forwarded (True:
    held, do not handle it now). Keys already forwarded to the screen when the hold begins are
    held there; they and the keys held by the app go back in the order they were typed."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._holding = False
        self._held: list[tuple[float, int, events.Key]] = []
        self._count = 0
        self._replayed: set[int] = set()  # ids of the posted copies not yet seen by the app
        self._through: set[int] = set()  # ids of copies the app let through to the screen
        self._timer: Any = None
        self.generation = 0  # of the latest hold

    @property
    def holding(self) -> bool:
        return self._holding

    def hold(self) -> int:
        """Hold keys from now on; the hold's generation (for ``release``)."""
        self._holding = True
        self.generation += 1
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._app.set_timer(HOLD_MAX, self.release)
        return self.generation

    def release(self, generation: int | None = None) -> None:
        """Replay the held keys, unless ``generation`` is given and a later hold began since."""
        if not self._holding or (generation is not None and generation != self.generation):
            return
        self._holding = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._replay()

    def take(self, event: events.Key) -> bool:
        key = id(event)
        if key in self._through:  # a copy back from the widget it was sent to, unhandled
            self._through.discard(key)
            if self._holding:  # a panel began to open or close meanwhile: it waits for that
                self._keep(event)
                return True
            return False
        if key in self._replayed:
            self._replayed.discard(key)
            if self._holding:  # a replayed key opened another panel: the rest wait for it
                self._keep(event)
                return True
            self._through.add(key)
            if not self._replayed:
                self._replay()  # keys that came in while these were replayed
            return False
        if self._holding or self._replayed:
            self._keep(event)
            return True
        return False

    def _keep(self, event: events.Key) -> None:
        self._count += 1
        self._held.append((event.time, self._count, event))

    def _replay(self) -> None:
        if self._holding or self._replayed or not self._held:
            return
        held, self._held = sorted(self._held, key=lambda h: h[:2]), []
        if len(self._through) > 256:  # copies a widget handled never come back: forget them
            self._through.clear()
        # made outside any message pump's context, as the terminal's keys are: a key "sent" by
        # the screen would not bubble back up to it, and the app would never see its bindings
        fresh = contextvars.Context()
        copies = [fresh.run(events.Key, k.key, k.character) for _t, _n, k in held]
        self._replayed.update(id(c) for c in copies)
        for c in copies:
            self._app.post_message(c)
