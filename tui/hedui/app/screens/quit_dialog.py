"""Quitting with decisions that could not be written: retry, quit losing them, or stay."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from hedui.app.widgets.panel import Panel
from hedui.core.printable import printable


class QuitDialog(Panel):
    """Returns ``"retry"``, ``"quit"`` or None (keep reviewing)."""

    BINDINGS = [
        Binding("r", "choose('retry')", "Retry", id="quit.retry"),
        Binding("Q", "choose('quit')", "Quit, losing them", id="quit.discard"),
        Binding("escape", "choose(None)", "Keep reviewing", id="quit.cancel"),
    ]

    def __init__(self, unsaved: int, reason: str) -> None:
        super().__init__(classes="panel quit")  # no id: a retry opens the next one at once
        self.can_focus = True
        self.unsaved = unsaved
        self.reason = reason

    def compose(self) -> ComposeResult:
        n = self.unsaved
        head = Text(f"✗ {n} decision{'s' * (n != 1)} not saved", style="bold")
        yield Static(head)
        yield Static(Text(printable(self.reason, keep="\n")))
        yield Static(Text("They are kept in memory while hedui runs; quitting now loses them.\n"
                          "r retry the write · Q quit and lose them · Esc keep reviewing"),
                     id="quit-help")

    def on_mount(self) -> None:
        self.focus()

    def action_choose(self, choice: str | None) -> None:
        self.close_with(choice)
