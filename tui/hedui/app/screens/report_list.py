"""The report list (``g``): every report of the corpus with its figures, decided and flagged,
filtered as you type (fuzzy: the letters in order), sorted by name, most pending or most
flagged (Tab); Enter goes to the report, Escape goes back."""
from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from hedui.app.corpus import SORTS, Row, filter_rows, rows, sort_rows
from hedui.app.widgets.report_rows import ReportRows, header_text
from hedui.app.workspace import ReportSlot

SORT_NAMES = {"name": "name", "pending": "most pending", "flagged": "most flagged"}
#: while the background pass counts, the list is rebuilt at most this often (seconds)
REFRESH_EVERY = 0.5


class ReportListScreen(Screen[int | None]):
    """See the module doc; dismissed with the chosen report's index (None: stay)."""

    BINDINGS = [
        Binding("enter", "open", "Go", priority=True, id="reports.open"),
        Binding("tab", "sort", "Sort", priority=True, id="reports.sort"),
        Binding("escape", "close", "Back", priority=True, id="reports.close"),
        Binding("down", "move(1)", "Down", show=False, priority=True, id="reports.down"),
        Binding("up", "move(-1)", "Up", show=False, priority=True, id="reports.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True, id="reports.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True, id="reports.page_up"),
    ]

    def __init__(self, slots: list[ReportSlot], names: list[str], current: int,
                 live: tuple[int, int, int] | None) -> None:
        super().__init__()
        self.slots = slots
        self.names = names
        self.current = current
        self.live = live
        self.sort = "name"
        self._all: list[Row] = rows(slots, names, current, live)
        self._sorted: list[Row] = self._all
        self._built = time.monotonic()
        self._last: tuple[str, list[Row]] = ("", self._all)  # the last filter and its rows

    def compose(self) -> ComposeResult:
        yield Static(id="reports-title")
        yield Input(placeholder="filter: type letters of a name (fuzzy)", id="reports-filter")
        yield Static(id="reports-columns")
        yield ReportRows(self.current, id="reports-rows")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._show(keep=self.current)

    def reset(self, current: int, live: tuple[int, int, int] | None) -> None:
        """Opened again: the rows as they are now, no filter, the cursor on report ``current``."""
        self.current, self.live = current, live
        self._all = rows(self.slots, self.names, current, live)
        self._sorted = sort_rows(self._all, self.sort)
        self._last = ("", self._sorted)
        self._built = time.monotonic()
        if self.is_mounted:
            self.view.current = current
            with self.prevent(Input.Changed):
                self.query_one(Input).value = ""
            self.query_one(Input).focus()
            self._show(keep=current)

    @property
    def view(self) -> ReportRows:
        return self.query_one(ReportRows)

    def _show(self, keep: int | None = None) -> None:
        query = self.query_one(Input).value
        last_query, last_rows = self._last
        # typing on narrows what is listed: filter what the last query left
        base = last_rows if last_query and query.startswith(last_query) else self._sorted
        shown = filter_rows(base, query)
        self._last = (query, shown)
        self.view.set_rows(shown, keep)
        width = self.app.size.width
        self.query_one("#reports-title", Static).update(
            f" Reports — {len(shown):,} of {len(self._all):,} · sorted by {SORT_NAMES[self.sort]} (Tab)")
        self.query_one("#reports-columns", Static).update(header_text(width))

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def corpus_changed(self) -> None:
        """The background pass counted more reports: rebuild the rows (at most every REFRESH_EVERY)."""
        if time.monotonic() - self._built < REFRESH_EVERY:
            return
        self._built = time.monotonic()
        chosen = self.view.chosen
        self._all = rows(self.slots, self.names, self.current, self.live)
        self._sorted = sort_rows(self._all, self.sort)
        self._last = ("", self._sorted)
        self._show(keep=chosen.index if chosen is not None else None)

    def action_open(self) -> None:
        chosen = self.view.chosen
        if chosen is not None:
            self.dismiss(chosen.index)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        chosen = self.view.chosen
        self._sorted = sort_rows(self._all, self.sort)
        self._last = ("", self._sorted)
        self._show(keep=chosen.index if chosen is not None else None)

    def action_move(self, delta: int) -> None:
        self.view.move(delta)

    def action_page(self, direction: int) -> None:
        self.view.move(direction * self.view.page())
