"""Choose which figures the table shows: all, or one status."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from hedui.app.widgets.panel import Panel
from hedui.app.widgets.status import FILTERS, SYMBOLS


class StatusFilterDialog(Panel):
    """Returns a status, ``"all"``, or None (Escape: unchanged)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
        Binding("j", "cursor(1)", "Down", show=False, id="filter.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="filter.up"),
    ]

    def __init__(self, current: str, counts: dict[str, int]) -> None:
        super().__init__(id="filter", classes="panel")
        self.current = current
        self.counts = counts

    def compose(self) -> ComposeResult:
        options = []
        for name in FILTERS:
            symbol = SYMBOLS.get(name, " ")
            options.append(Option(f"{symbol} {name:<10} {self.counts.get(name, 0):>5}", id=name))
        yield Static("Show figures of status (Enter choose · Esc cancel)", markup=False)
        yield OptionList(*options, id="filter-list")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.highlighted = FILTERS.index(self.current) if self.current in FILTERS else 0
        ol.focus()

    def action_cursor(self, delta: int) -> None:
        ol = self.query_one(OptionList)
        ol.action_cursor_down() if delta > 0 else ol.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.close_with(event.option.id)

    def action_cancel(self) -> None:
        self.close_with(None)
