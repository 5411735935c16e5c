"""Table cells as figures: their labels and periods from their headings (table_layout.py finds
the tables once per report; FIGURES.md, "Tables").

The label of a cell joins its row heading and its column heading (``高中招生数``), units taken
out; a column heading that is a period (``2019年``, ``本期``) gives the figure's period instead,
and a generic one (``绝对数``, ``金额``) is left out. A caption gives neither.
"""
from __future__ import annotations

from hedui.core.extract.context import Context
from hedui.core.extract.label_words import join_pieces
from hedui.core.extract.table_layout import Cell, TableFinder, Tables
from hedui.core.extract.table_rules import load_table_rules


def default_finder(rules_dir=None) -> TableFinder:  # type: ignore[no-untyped-def]
    """A finder with the bundled (or ``rules_dir``'s) table and unit rules."""
    from hedui.core.numbers.units import UnitTable
    from hedui.core.rules import load_rules

    return TableFinder(load_table_rules(rules_dir), UnitTable(load_rules(rules_dir)))


def tables_of(ctx: Context) -> Tables:
    """The tables of the context's report (found here when the extractor did not pass them)."""
    if ctx.tables is None:
        ctx.tables = default_finder().find(ctx.text)
    return ctx.tables


def table_cell(ctx: Context, vs: int, ve: int) -> Cell | None:
    """The table cell that holds the figure at view span [vs, ve), or None (``Tables.at``, here:
    asked four times for each figure)."""
    inside = ctx.in_cells if ctx.in_cells is not None else cell_map(ctx)
    try:
        if not inside[vs]:  # in no cell (most figures): no bisection
            return None
    except IndexError:
        pass
    cell = (ctx.tables if ctx.tables is not None else tables_of(ctx)).at(vs)
    if cell is None or ve > cell.end + 1:
        return None
    return cell


def cell_map(ctx: Context) -> bytearray:
    """``ctx.in_cells``: 1 at each view position inside a table cell of the context's report."""
    inside = bytearray(len(ctx.text) + 1)
    for cell in tables_of(ctx).cells:
        inside[cell.start:cell.end] = b"\x01" * (cell.end - cell.start)
    ctx.in_cells = inside
    return inside


def table_label(ctx: Context, vs: int, ve: int) -> str | None:
    """The label of a figure in a table cell (row heading + column heading), None if not in one."""
    cell = table_cell(ctx, vs, ve)
    if cell is None:
        return None
    parts = [ctx.original(range(a, b)).strip() for a, b in cell.row + cell.col]
    # pieces of a heading a unit was taken out of are parts of their own (资产负债率(母公司))
    return join_pieces([p for p in parts if p], tables_of(ctx).join)


def table_period(ctx: Context, vs: int, ve: int) -> str | None:
    """The period of a figure in a table cell ('' when no heading is a period); None when the
    figure is not in a table cell."""
    cell = table_cell(ctx, vs, ve)
    if cell is None:
        return None
    if cell.period is None:
        return ""
    return ctx.original(range(*cell.period)).strip()
