"""Search the report text: a one-line prompt at the bottom of the screen."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label

from hedui.app.widgets.panel import Panel
from hedui.app.widgets.quiet_input import QuietInput


class SearchDialog(Panel):
    """Returns the text to find (Enter) or None (Escape).  It opens empty, so that a new query
    is typed at once; the last one is shown greyed and Enter on nothing finds it again."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search.cancel")]

    def __init__(self, initial: str = "") -> None:
        super().__init__(id="search")
        self.initial = initial

    def on_mount(self) -> None:
        self.query_one(QuietInput).focus()

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-line"):
            yield Label("/", id="search-label")
            yield QuietInput("", placeholder=self.initial or "text to find", id="search-input")
        yield Label("Enter find" + (" (empty: the last again)" if self.initial else "") + " · Esc cancel",
                    id="search-help")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_with(event.value or self.initial)

    def action_cancel(self) -> None:
        self.close_with(None)
