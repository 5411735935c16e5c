"""The rows of the report list: a Line-API view that renders only the lines on screen, so a
10,000-report corpus opens and filters as fast as five reports."""
from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from hedui.app.corpus import Row

#: cells of the figure columns: figures, decided, flagged
COLUMNS = "  figures decided flagged"


def row_text(row: Row, width: int, current: bool) -> str:
    """One report as a line of ``width`` cells: marker, name, figures, decided, flagged."""
    if row.error is not None:
        tail = "  cannot open"
    else:
        figures = "…" if row.figures is None else str(row.figures)
        tail = f"  {figures:>7} {row.decided:>7} {row.flagged or '':>7}"
    name_cells = max(8, width - 2 - cell_len(tail))
    return set_cell_size(("▸ " if current else "  ") + set_cell_size(row.name, name_cells) + tail, width)


class ReportRows(ScrollView, can_focus=False):
    """See the module doc; ``cursor`` indexes ``rows``."""

    DEFAULT_CSS = """
    ReportRows { height: 1fr; }
    ReportRows > .report-rows--cursor { text-style: reverse; }
    ReportRows > .report-rows--error { text-style: dim; }
    """
    COMPONENT_CLASSES = {"report-rows--cursor", "report-rows--error"}

    def __init__(self, current: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.cursor = 0
        self.current = current  # the corpus index of the report on screen

    def set_rows(self, rows: list[Row], keep: int | None = None) -> None:
        """Show ``rows``; the cursor on the report ``keep`` (a corpus index) if listed, else the first."""
        self.rows = rows
        self.cursor = next((k for k, r in enumerate(rows) if r.index == keep), 0) if keep is not None else 0
        self.virtual_size = Size(self.size.width, len(rows))
        self.refresh()
        self.call_after_refresh(self._reveal)

    @property
    def chosen(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def move(self, delta: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(len(self.rows) - 1, self.cursor + delta))
        self.refresh()
        self._reveal()

    def page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _reveal(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        k = self.scroll_offset.y + y
        if k >= len(self.rows) or width <= 0:
            return Strip.blank(width, self.rich_style)
        row = self.rows[k]
        style = self.rich_style
        if k == self.cursor:
            style += self.get_component_rich_style("report-rows--cursor")
        elif row.error is not None:
            style += self.get_component_rich_style("report-rows--error")
        return Strip([Segment(row_text(row, width, row.index == self.current), style)], width)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.refresh()


def header_text(width: int) -> str:
    return set_cell_size("  report" + " " * max(0, width - 2 - 6 - len(COLUMNS)) + COLUMNS, width)



