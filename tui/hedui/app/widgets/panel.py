"""A form shown in place of part of the review screen instead of on a modal screen.

Over a slow SSH link this matters: pushing a modal screen repaints the whole
terminal several times (20-30 KB at 80x24) and popping it once more; a panel
repaints only the rows it covers.  The review screen mounts a panel where the
detail and table were (``ReviewScreen.open_panel``) and removes it on ``Closed``.

Keys typed while a panel opens are held by the screen and handed to the panel once
it is mounted and focused (``replay``); keys typed after it closed go back to the screen.
"""
from __future__ import annotations

import contextvars
from dataclasses import dataclass

from textual import events
from textual.actions import parse as parse_action
from textual.containers import Vertical
from textual.message import Message


def typed_again(key: events.Key) -> events.Key:
    """A copy of ``key`` to post to the app, made outside any message pump's context, as the
    terminal's keys are: a key made inside a panel would carry it as its sender, would not
    bubble up past it, and so never reach the app's bindings (escape, enter …)."""
    return contextvars.Context().run(events.Key, key.key, key.character)


class Panel(Vertical):
    """Base of the correction, flag, filter, search and field panels."""

    closing = False
    persistent = False  # composed with the screen and shown when needed (never removed)

    @dataclass
    class Closed(Message):
        """The panel is done: ``result`` is what it returns (None: cancelled)."""

        panel: "Panel"
        result: object

    def close_with(self, result: object = None) -> None:
        if self.closing:
            return
        self.closing = True
        hold = getattr(self.screen, "hold_keys", None)
        if hold is not None:  # keys typed from now on are the screen's, once the panel is gone
            hold([])
        self.post_message(self.Closed(self, result))

    def on_mount(self) -> None:
        """Runs after the subclass's ``on_mount`` (which focuses what takes the keys)."""
        take = getattr(self.screen, "take_held_keys", None)
        if take is None:
            return
        keys = take()
        rest = self.replay(keys) if keys else []
        if self.closing:
            self.screen.hold_keys(rest)
        else:  # a panel that does not replay: to whatever it focused, as typed
            for key in rest:
                self.app.post_message(typed_again(key))

    def run_bound(self, key: str, node: object = None) -> bool:
        """Run at once the action ``key`` is bound to on ``node`` (this panel by default),
        as the binding would (the keymap applied); False if it is bound to none there."""
        node = self if node is None else node
        for binding in node._bindings.key_to_bindings.get(key, ()):
            _, name, params = parse_action(binding.action)
            method = getattr(node, f"action_{name}", None)
            if method is not None:
                method(*params)
                return True
        return False

    def opened(self) -> None:
        """A persistent panel was shown (it focuses what takes its keys)."""

    def replay(self, keys: list[events.Key]) -> list[events.Key]:
        """Handle keys typed while the panel opened, in order; return those it did not use
        (after it closed, or all of them for a panel that does not replay)."""
        return keys
