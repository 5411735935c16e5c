"""The figures of one report in a table, kept in step with the text.

Row keys are entry ids.  A decision repaints one cell (``update_cell``); the
table is only rebuilt when the report or the status filter changes.
"""
from __future__ import annotations

from typing import Any, Iterable

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from hedui.app.widgets.status import STYLES, SYMBOLS, format_amount

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("status", " ", 1),
    ("text", "text", 14),
    ("value", "value", 12),
    ("unit", "unit", 4),
    ("bound", "bd", 2),
    ("label", "label", 19),
    ("period", "period", 9),
)


#: rows of context kept above (or below) the cursor when the table scrolls
CONTEXT_ROWS = 1


def _cells(entry: Any) -> list[Text]:
    f = entry.fields
    status = entry.status
    return [
        Text(SYMBOLS.get(status, "?"), style=STYLES.get(status, "")),
        Text(entry.text, no_wrap=True, overflow="ellipsis"),
        Text(format_amount(f), no_wrap=True, overflow="ellipsis"),
        Text(f.unit or "", no_wrap=True),
        Text(f.bound or "", no_wrap=True),
        Text(f.label or "", no_wrap=True, overflow="ellipsis"),
        Text(f.period or "", no_wrap=True, overflow="ellipsis"),
    ]


def _differs(old: object, new: Text) -> bool:
    return not isinstance(old, Text) or old.plain != new.plain or old.style != new.style


class FigureTable(DataTable):
    """Figures as rows; focus stays on the screen, which owns the keys."""

    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, show_cursor=True, **kwargs)
        self.ids: list[str] = []
        self._index: dict[str, int] = {}
        self.clicked = False

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width)

    def on_mouse_down(self) -> None:
        """The next cursor move comes from the mouse (the screen follows only those)."""
        self.clicked = True

    def watch_hover_coordinate(self, old: object, value: object) -> None:
        """No hover effect: a mouse passing over the table repaints nothing."""

    def show(self, entries: Iterable[Any]) -> None:
        """Replace all rows (a new report or a new filter)."""
        self.clear()
        self.ids = []
        for entry in entries:
            self.add_row(*_cells(entry), key=entry.id)
            self.ids.append(entry.id)
        self._index = {eid: i for i, eid in enumerate(self.ids)}

    def row_of(self, entry_id: str) -> int | None:
        return self._index.get(entry_id)

    def update_entry(self, entry: Any) -> None:
        """Repaint the one row that changed (``update_cell`` would repaint the whole table)."""
        row = self._index.get(entry.id)
        if row is None:
            return
        new = dict(zip((key for key, _label, _w in COLUMNS), _cells(entry)))
        changed = {k: v for k, v in new.items() if _differs(self.get_cell(entry.id, k), v)}
        if not changed:
            return
        data = getattr(self, "_data", None)
        row_key = RowKey(entry.id)
        if isinstance(data, dict) and row_key in data and hasattr(self, "_update_count"):
            # what update_cell does, minus its full refresh (textual is pinned exactly)
            for key, cell in changed.items():
                data[row_key][ColumnKey(key)] = cell
            self._update_count += 1
            self.refresh_row(row)
        else:  # pragma: no cover - a textual without those internals
            for key, cell in changed.items():
                self.update_cell(entry.id, key, cell)

    def select(self, entry_id: str | None, retry: bool = True) -> None:
        """Put the cursor on ``entry_id``; scroll by pages, not rows (one repaint per page)."""
        row = self._index.get(entry_id) if entry_id is not None else None
        if row is None:
            return
        if self.scrollable_content_region.height <= self.header_height:
            # hidden (a panel is shown) or not laid out: moving now would scroll wrongly
            if retry:
                self.call_after_refresh(self.select, entry_id, False)
            return
        self.reveal_row(row)  # first: the cursor's own watcher then finds it in view
        if row != self.cursor_row:
            self.move_cursor(row=row, animate=False, scroll=False)

    def reveal_row(self, row: int) -> None:
        visible = max(1, self.scrollable_content_region.height - self.header_height)
        top = round(self.scroll_y)
        if top <= row < top + visible:
            return
        if row >= top + visible:  # moving down: the row lands near the top
            target = row - CONTEXT_ROWS
        else:  # moving up: near the bottom
            target = row - visible + 1 + CONTEXT_ROWS
        self.scroll_to(y=max(0, target), animate=False, immediate=True)
