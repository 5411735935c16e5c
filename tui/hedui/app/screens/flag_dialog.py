"""Flag a figure: a reason (FLAG_REASONS) and an optional one-line note."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from hedui.app.widgets.panel import Panel
from hedui.app.widgets.quiet_input import QuietInput
from hedui.core.model import FLAG_REASONS

REASON_TEXT: dict[str, str] = {
    "ambiguous": "ambiguous",
    "source-error": "error in the source",
    "outside-definition": "outside the definition",
    "other": "other",
}


def reason_prompt(number: int, reason: str, chosen: bool) -> str:
    """``2 ● error in the source``: the chosen reason keeps its dot when focus moves to the
    note (the list's highlight is not drawn then, nor without colour)."""
    return f"{number} {'●' if chosen else '○'} {REASON_TEXT[reason]}"


class FlagDialog(Panel):
    """Returns ``(reason, note)`` or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="flag.cancel"),
        Binding("tab", "app.focus_next", "Note", show=False, id="flag.next"),
    ]

    def __init__(self, title: str, reason: str = "", note: str = "") -> None:
        super().__init__(id="flag", classes="panel")
        self.title_text = title
        self.reason = reason if reason in FLAG_REASONS else FLAG_REASONS[0]
        self.note = note

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title_text, style="bold", no_wrap=True, overflow="ellipsis"))
        yield OptionList(
            *(Option(reason_prompt(i, r, r == self.reason), id=r) for i, r in enumerate(FLAG_REASONS, 1)),
            id="flag-reasons",
        )
        yield QuietInput(self.note, placeholder="note (optional, one line)", id="flag-note")
        yield Static("1-4 / ↑↓ reason · Tab note · Enter flag · Esc cancel", id="flag-help", markup=False)

    def on_mount(self) -> None:
        reasons = self.query_one(OptionList)
        reasons.highlighted = FLAG_REASONS.index(self.reason)
        reasons.focus()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        reason = FLAG_REASONS[event.option_index]
        if reason == self.reason:
            return
        reasons = self.query_one(OptionList)
        old = FLAG_REASONS.index(self.reason)
        self.reason = reason
        reasons.replace_option_prompt_at_index(old, reason_prompt(old + 1, FLAG_REASONS[old], False))
        reasons.replace_option_prompt_at_index(
            event.option_index, reason_prompt(event.option_index + 1, reason, True)
        )

    def on_key(self, event) -> None:
        if event.character and event.character in "1234" and not isinstance(self.app.focused, Input):
            self.query_one(OptionList).highlighted = int(event.character) - 1
            event.stop()

    def _reason(self) -> str:
        index = self.query_one(OptionList).highlighted
        return FLAG_REASONS[index if index is not None else 0]

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.close_with((self._reason(), self.query_one("#flag-note", Input).value.strip()))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_with((self._reason(), event.value.strip()))

    def action_cancel(self) -> None:
        self.close_with(None)
