"""The figures of one report in a table, kept in step with the text.

Row keys are entry ids.  A decision repaints one cell (``update_cell``); the
table is only rebuilt when the report or the status filter changes.
"""
from __future__ import annotations

from typing import Any, Iterable

from rich.text import Text
from textual.widgets import DataTable

from hedui.app.widgets.status import STYLES, SYMBOLS, format_amount

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("status", " ", 1),
    ("text", "text", 12),
    ("value", "value", 11),
    ("unit", "unit", 4),
    ("bound", "bd", 2),
    ("label", "label", 16),
    ("period", "period", 8),
)


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


class FigureTable(DataTable):
    """Figures as rows; focus stays on the screen, which owns the keys."""

    can_focus = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, show_cursor=True, **kwargs)
        self.ids: list[str] = []
        self._index: dict[str, int] = {}

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width)

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
        """Repaint the cells of one row that changed."""
        if entry.id not in self._index:
            return
        new = _cells(entry)
        for (key, _label, _w), cell in zip(COLUMNS, new):
            old = self.get_cell(entry.id, key)
            if old != cell and (not isinstance(old, Text) or old.plain != cell.plain or old.style != cell.style):
                self.update_cell(entry.id, key, cell)

    def select(self, entry_id: str | None) -> None:
        row = self._index.get(entry_id) if entry_id is not None else None
        if row is not None and row != self.cursor_row:
            self.move_cursor(row=row, animate=False)
