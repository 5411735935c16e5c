"""A one-line choice among a few values (the correction form's bound and category): one
key each (the digit shown before a value), or ←/→ to step; no word is ever typed."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class ChoiceField(Static, can_focus=True):
    """``value`` is one of ``choices``; ``Changed`` is posted when it changes."""

    BINDINGS = [
        *(Binding(str(n), f"pick({n})", "Choose", show=n == 1, key_display="1-7", id=f"choice.pick_{n}")
          for n in range(1, 8)),
        Binding("left,h", "step(-1)", "Previous choice", show=False, id="choice.previous"),
        Binding("right,l", "step(1)", "Next choice", show=False, id="choice.next"),
    ]

    @dataclass
    class Changed(Message):
        choice: "ChoiceField"
        value: str

    def __init__(self, choices: tuple[str, ...], value: str, *, id: str) -> None:
        super().__init__("", id=id, markup=False)
        self.choices = choices
        self.value = value if value in choices else choices[0]

    def on_mount(self) -> None:
        self.update(self._render_choices())

    def _render_choices(self) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, c in enumerate(self.choices, 1):
            out.append(f" {i}" if i > 1 else f"{i}", style="dim")
            out.append(c, style="reverse bold" if c == self.value else "")
        return out

    def choose(self, value: str) -> None:
        if value in self.choices and value != self.value:
            self.value = value
            self.update(self._render_choices())
            self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        i = self.choices.index(self.value)
        self.choose(self.choices[(i + delta) % len(self.choices)])

    def action_pick(self, n: int) -> None:
        if 1 <= n <= len(self.choices):
            self.choose(self.choices[n - 1])

    def take_key(self, character: str | None) -> bool:
        """The value itself typed (``>``, ``~``, ``=``) picks it too."""
        if character in self.choices:
            self.choose(character)
            return True
        return False

    def on_key(self, event: events.Key) -> None:
        if self.take_key(event.character):
            event.stop()
            event.prevent_default()
