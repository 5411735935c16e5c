"""Keys pressed one at a time into the real app, counted by kind, and only keys the app shows.

On the review screen a key is allowed when the help (``key_rows``) lists a binding of it that
applies now.  In a form or picker (a panel) the allowed keys are the panel's own bindings,
Enter, the arrows and Tab its help line names, Backspace, typed characters, and ``ctrl+u``
only when the panel's help line shows it.
"""
from __future__ import annotations

import asyncio
import unicodedata
from collections import Counter
from typing import Any, Callable

from textual import events
from textual.binding import BindingsMap
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.widgets import Static

from hedui.app.screens.help import key_rows

#: the split printed for every run, in this order
KINDS = ("accept", "reject", "label", "period", "other", "add", "move")

#: keys any one-line input takes (the form's help line names Enter, Esc, the arrows and Tab)
EDIT_KEYS = {"enter", "escape", "up", "down", "tab", "backspace"}


class KeyRefused(AssertionError):
    """The oracle tried a key the app does not offer at that moment."""


class Keys:
    """The keyboard: ``await keys.press("a", "accept")``."""

    def __init__(self, pilot: Any) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.count: Counter[str] = Counter()
        self.log: list[tuple[str, str]] = []
        self.trace: list[str] = []  # one line per field fix: how it was done (``--trace``)

    @property
    def screen(self) -> Any:
        return self.app.review

    def allowed(self, key: str) -> bool:
        screen = self.screen
        if self.app.screen is not screen:
            return False
        if screen.panel is None:
            return key in self.screen_keys()
        return self._panel_allows(screen.panel, key)

    def screen_keys(self) -> set[str]:
        """The keys of the bindings the help lists as applying now."""
        screen = self.screen
        now = {bid for _keys, _desc, bid, applies in key_rows(screen, self.app.keymap) if applies}
        bindings = BindingsMap(type(screen).BINDINGS)
        bindings.apply_keymap(self.app.keymap)
        keys = set()
        for key, found in bindings.key_to_bindings.items():
            for b in found:
                if (b.id in now and screen.check_action(b.action.split("(")[0], ()) is not False):
                    keys.add(key)
        return keys

    @staticmethod
    def _panel_allows(panel: Any, key: str) -> bool:
        if key in EDIT_KEYS or (len(key) == 1 and key.isprintable()):
            return True
        own = {k.strip() for b in getattr(type(panel), "BINDINGS", ()) for k in b.key.split(",")}
        if key in own:
            return True
        if key == "ctrl+u":
            shown = " ".join(str(w.render()) for w in panel.query(Static))
            return "ctrl+u" in shown or "^u" in shown
        return False

    def has_binding(self, binding_id: str) -> bool:
        """Whether the help lists ``binding_id`` at all (a key this build of the app has)."""
        return any(bid == binding_id for _k, _d, bid, _now in key_rows(self.screen, self.app.keymap))

    def picker_has(self, binding_id: str) -> bool:
        """Whether the help lists ``binding_id`` among the field picker's keys."""
        from hedui.app.screens.field_picker import FieldPicker

        return any(b.id == binding_id for b in FieldPicker.BINDINGS)

    def key_of(self, binding_id: str) -> str | None:
        """The first key bound to ``binding_id`` (keymap applied), or None."""
        bindings = BindingsMap(type(self.screen).BINDINGS)
        bindings.apply_keymap(self.app.keymap)
        for key, found in bindings.key_to_bindings.items():
            if any(b.id == binding_id for b in found):
                return key
        return None

    async def press(self, key: str, kind: str) -> None:
        if kind not in KINDS:
            raise ValueError(kind)
        if not self.allowed(key):
            where = type(self.screen.panel).__name__ if self.screen.panel is not None else "review screen"
            raise KeyRefused(f"{key!r} is not offered on the {where} now")
        self._send(key)
        # the key reaches the app, then the screen or the focused input: wait for each hop
        # to be handled (Pilot's press waits for the process to look idle instead: slow)
        for _ in range(3):
            await asyncio.sleep(0)
            await self.pilot._wait_for_screen()
        self.count[kind] += 1
        self.log.append((key, kind))

    def _send(self, key: str) -> None:
        """The key event Pilot's ``press`` sends, with the character itself for any one
        character (``press`` loses those it has no key name for, such as 、)."""
        if len(key) == 1:
            name, char = (key if key.isalnum() else _character_to_key(key)), key
        else:
            name = key
            try:
                char = unicodedata.lookup(_get_unicode_name_from_key(key))
            except KeyError:
                char = None
        event = events.Key(name, char)
        event.set_sender(self.app)
        self.app._driver.send_message(event)

    async def type(self, text: str, kind: str) -> None:
        for ch in text:
            await self.press(ch, kind)

    async def until(self, ready: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
        waited = 0.0
        while not ready():
            if waited > timeout:
                raise AssertionError(f"timed out waiting for {what}")
            await self.pilot.pause(0.02)
            waited += 0.02
