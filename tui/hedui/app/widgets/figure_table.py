"""The figures of one report in a table, kept in step with the text.

Row keys are entry ids.  A decision repaints one cell (``update_cell``); the
table is only rebuilt when the report or the status filter changes.  The
current figure's row is the cursor row (reverse video, ``hedui.tcss``): a move
repaints the old and the new row only.
"""
from __future__ import annotations

from typing import Any, Iterable

from rich.cells import cell_len
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from hedui.app.widgets.status import STYLES, SYMBOLS, format_amount
from hedui.core.printable import printable

#: (key, heading, width before the first layout, least width, most width or 0 for no limit)
COLUMNS: tuple[tuple[str, str, int, int, int], ...] = (
    ("status", " ", 1, 1, 1),
    ("text", "text", 14, 4, 16),
    ("value", "value", 12, 5, 16),
    ("unit", "unit", 6, 2, 10),
    ("bound", "bd", 2, 2, 2),
    ("label", "label", 19, 5, 0),
    ("period", "period", 9, 4, 0),
)
#: cells of padding around each column (DataTable's cell_padding on both sides)
PADDING = 2


def fit_widths(content: dict[str, int], width: int) -> dict[str, int]:
    """Column widths sharing ``width`` cells by content: each column as wide as its widest
    cell (and heading) up to its limit; while they do not fit, the widest column that can
    still shrink gives a cell (so a long label and a long period are cut alike, with ``…``)."""
    widths = {}
    for key, heading, _first, least, most in COLUMNS:
        want = max(content.get(key, 0), len(heading), least)
        widths[key] = min(want, most) if most else want
    room = width - PADDING * len(COLUMNS)
    while sum(widths.values()) > room:
        key = max((k for k, _h, _f, least, _m in COLUMNS if widths[k] > least), key=lambda k: widths[k],
                  default=None)
        if key is None:
            break
        widths[key] -= 1
    return widths


#: rows of context kept above (or below) the cursor when the table scrolls
CONTEXT_ROWS = 1

#: the bound as the 2-cell ``bd`` column shows it (``range`` would be cut to ``ra``)
BOUND_CELLS: dict[str, str] = {"range": "↔"}

#: the row key of the one row shown for a report that cannot be opened
ERROR_ROW = "error"


def _cells(entry: Any) -> list[Text]:
    f = entry.fields
    status = entry.status
    return [
        Text(SYMBOLS.get(status, "?"), style=STYLES.get(status, "")),
        Text(printable(entry.text), no_wrap=True, overflow="ellipsis"),
        Text(format_amount(f), no_wrap=True, overflow="ellipsis"),
        Text(printable(f.unit or ""), no_wrap=True, overflow="ellipsis"),
        Text(BOUND_CELLS.get(f.bound, f.bound or ""), no_wrap=True, overflow="ellipsis"),
        Text(printable(f.label or ""), no_wrap=True, overflow="ellipsis"),
        Text(printable(f.period or ""), no_wrap=True, overflow="ellipsis"),
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
        self._pending: str | None = None  # a row to bring into view once the rows are laid out
        self._error_columns = False
        self._widths: dict[str, int] = {}
        self._shown: list[Any] = []  # the entries of the rows, for a new fit on a resize

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        for key, label, width, _least, _most in COLUMNS:
            self.add_column(label, key=key, width=self._widths.get(key, width))

    def _fit(self, entries: list[Any]) -> bool:
        """Set the column widths for ``entries`` at this width; True if they changed."""
        width = self.size.width or self.app.size.width
        content: dict[str, int] = {}
        for entry in entries:
            for (key, *_rest), cell in zip(COLUMNS, _cells(entry)):
                content[key] = max(content.get(key, 0), cell.cell_len)
        widths = fit_widths(content, width - 1)  # the scrollbar's column
        if widths == self._widths:
            return False
        self._widths = widths
        for key, column in self.columns.items():
            if key.value in widths:
                column.width = widths[key.value]
        return True

    def on_mouse_down(self) -> None:
        """The next cursor move comes from the mouse (the screen follows only those)."""
        self.clicked = True

    def watch_hover_coordinate(self, old: object, value: object) -> None:
        """No hover effect: a mouse passing over the table repaints nothing."""

    def show(self, entries: Iterable[Any]) -> None:
        """Replace all rows (a new report or a new filter), the columns fitted to them."""
        entries = list(entries)
        self._shown = entries
        self._fit(entries)
        if self._error_columns:  # the last report could not be opened: figure columns again
            self.clear(columns=True)
            self._add_columns()
            self._error_columns = False
        else:
            self.clear()
        self._pending = None
        self.ids = []
        for entry in entries:
            self.add_row(*_cells(entry), key=entry.id)
            self.ids.append(entry.id)
        self._index = {eid: i for i, eid in enumerate(self.ids)}

    def show_error(self, name: str, reason: str) -> None:
        """The one row of a report that cannot be opened, with columns of its own so that the
        reason is shown whole instead of cut to the value column."""
        name, reason = printable(name), printable(reason)
        head, sep, tail = reason.partition(": ")
        if sep and tail and head.endswith(name):  # "path/name.txt: why": the name has a column
            reason = tail
        self.show([])
        self.clear(columns=True)
        self._error_columns = True
        name_width = min(24, max(4, cell_len(name)))
        self.add_column(" ", key="status", width=1)
        self.add_column("report", key="text", width=name_width)
        self.add_column("cannot open", key="reason", width=max(10, self.size.width - name_width - 8))
        cells = (Text("✗", style="red"), Text(name, no_wrap=True, overflow="ellipsis"),
                 Text(reason, no_wrap=False, overflow="fold"))
        self.add_row(*cells, height=None, key=ERROR_ROW)

    def row_of(self, entry_id: str) -> int | None:
        return self._index.get(entry_id)

    def update_entry(self, entry: Any) -> None:
        """Repaint the one row that changed (``update_cell`` would repaint the whole table)."""
        row = self._changed_row(entry)
        if row is not None:
            self._update_count += 1
            self.refresh_row(row)

    def update_entries(self, entries: Iterable[Any]) -> None:
        """``update_entry`` for many rows at once, with one repaint: each row's own repaint
        costs the whole table (Textual orders its rows anew), so a row at a time was quadratic."""
        if any([self._changed_row(e) is not None for e in entries]):
            if not self._error_columns and self._fit(self._shown):
                self._reshow()  # the labels and periods came: the columns fitted to them
                return
            self._update_count += 1
            self.refresh()

    def _reshow(self) -> None:
        """All rows again at the fitted widths, the current row kept."""
        current = self.ids[self.cursor_row] if 0 <= self.cursor_row < len(self.ids) else None
        self.show(self._shown)
        self.select(current)

    def _changed_row(self, entry: Any) -> int | None:
        """Put ``entry``'s changed cells into the table's data; its row, or None if unchanged."""
        row = self._index.get(entry.id)
        if row is None:
            return None
        new = dict(zip((key for key, *_rest in COLUMNS), _cells(entry)))
        self._shown[row] = entry
        changed = {k: v for k, v in new.items() if _differs(self.get_cell(entry.id, k), v)}
        if not changed:
            return None
        data = getattr(self, "_data", None)
        row_key = RowKey(entry.id)
        if isinstance(data, dict) and row_key in data and hasattr(self, "_update_count"):
            # what update_cell does, minus its full refresh (textual is pinned exactly)
            for key, cell in changed.items():
                data[row_key][ColumnKey(key)] = cell
            return row
        for key, cell in changed.items():  # pragma: no cover - a textual without those internals
            self.update_cell(entry.id, key, cell)
        return None

    def select(self, entry_id: str | None, retry: bool = True) -> None:
        """Put the cursor on ``entry_id``; scroll by pages, not rows (one repaint per page).

        Right after ``show`` (a new report or filter) or while hidden under a panel the rows
        are not measured yet and a scroll would be cut short (to the top): the move waits
        for the table's new size (``watch_virtual_size``, ``on_resize``)."""
        row = self._index.get(entry_id) if entry_id is not None else None
        if row is None:
            return
        if not self._laid_out():
            self._pending = entry_id
            if retry:
                self.call_after_refresh(self._select_pending)
            return
        self._pending = None
        self.reveal_row(row)  # first: the cursor's own watcher then finds it in view
        if row != self.cursor_row:
            self.move_cursor(row=row, animate=False, scroll=False)

    def _laid_out(self) -> bool:
        """Shown, and every row measured (the virtual height counts them all)."""
        if self.scrollable_content_region.height <= self.header_height:
            return False  # hidden (a panel is shown) or not laid out yet
        return self.virtual_size.height >= self.header_height + self.row_count

    def _select_pending(self) -> None:
        if self._pending is not None and self._laid_out():
            self.select(self._pending, retry=False)

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        self._select_pending()

    def on_resize(self, event: Resize) -> None:
        """A new terminal size: the columns fitted again, the current row kept in view."""
        if not self._error_columns and self._shown and self._fit(self._shown):
            self._reshow()
            return
        if self._pending is not None:
            self._select_pending()
        elif self.row_count and self._laid_out():
            self.reveal_row(self.cursor_row)

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
