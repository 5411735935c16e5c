"""Plain-text tables: a line of whitespace-separated cells under a heading line.

A figure in such a cell is labelled by its column heading (and by its row heading when that
is not a time phrase: ``合計 中央補助``).
"""
from __future__ import annotations

import re

from hedui.core.extract.context import Context

_CELL_GAP = re.compile(r"[ \u3000\t]*[|｜][ \u3000\t]*|[ \u3000\t]+")  # spaces, or a | between cells
_DIGIT = re.compile(r"[0-9０-９]")
_MAX_ROWS = 400
_MAX_CELL = 16
_MAX_ROW = 240  # a longer line is prose


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell spans of the line text[start:end]; a gap inside a number (2, 000 / 8,534 元) is no gap."""
    cells: list[tuple[int, int]] = []
    pos = start
    for m in _CELL_GAP.finditer(text, start, end):
        if m.start() > pos:
            cells.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        cells.append((pos, end))
    merged: list[tuple[int, int]] = []
    for s, e in cells:
        if merged:
            ps, pe = merged[-1]
            prev_last = text[pe - 1]
            glue = prev_last in ",，" or (
                _DIGIT.match(prev_last) is not None and e - s <= 2 and _DIGIT.search(text[s:e]) is None
                and text[s:e] not in "-—－"
            )
            if glue:
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    return merged


def _line(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def table_cell(ctx: Context, vs: int, ve: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(row heading span, column heading span) of a figure in a table cell, or None."""
    last = ctx.last_cell
    if last is not None and last[0] == vs and last[1] == ve:
        return last[2]
    cell = _table_cell(ctx, vs, ve)
    ctx.last_cell = (vs, ve, cell)
    return cell


def _table_cell(ctx: Context, vs: int, ve: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    t = ctx.text
    ls, le = _line(t, vs)
    if le - ls > _MAX_ROW or not _CELL_GAP.search(t, ls, le):
        return None
    cells = _cells(t, ls, le)
    if len(cells) < 3:
        return None
    k = next((i for i, (s, e) in enumerate(cells) if s <= vs < e), None)
    if k is None or k == 0:
        return None
    cs, ce = cells[k]
    if cs < vs - 1 or ce > ve + 1 or any(e - s > _MAX_CELL + 4 for s, e in cells):
        return None  # the figure is not the whole cell: prose with spaces, not a table
    # the heading: the nearest line above with as many cells and no digits after its first
    # cell, over rows of the same shape
    pos = ls - 1
    for _ in range(_MAX_ROWS):
        if pos <= 0:
            return None
        hs, he = _line(t, pos)
        pos = hs - 1
        if he <= hs or not t[hs:he].strip():
            continue
        head = _cells(t, hs, he)
        if len(head) != len(cells) or any(e - s > _MAX_CELL for s, e in head):
            return None
        if any(_DIGIT.search(t[s:e]) and not _is_time(ctx, s, e) for s, e in head[1:]):
            continue
        return cells[0], head[k]
    return None


def _is_time(ctx: Context, s: int, e: int) -> bool:
    return any(p.start <= s and p.end >= e for p in ctx.phrases_in(s, e))


def table_label(ctx: Context, vs: int, ve: int) -> str | None:
    """The label of a figure in a table cell (column heading, row heading unless a period)."""
    cell = table_cell(ctx, vs, ve)
    if cell is None:
        return None
    (rs, re_), (hs, he) = cell
    col = ctx.original(range(hs, he)).strip()
    if _is_time(ctx, rs, re_) or _DIGIT.search(ctx.text[rs:re_]):
        return col
    if _is_time(ctx, hs, he):  # a year column gives the period, not the label
        return ctx.original(range(rs, re_)).strip()
    return ctx.original(range(rs, re_)).strip() + " " + col


def table_period(ctx: Context, vs: int, ve: int) -> str | None:
    """The period of a figure in a table cell: its row heading, else its column heading, if a
    time phrase ('' when neither is); None when the figure is not in a table cell."""
    cell = table_cell(ctx, vs, ve)
    if cell is None:
        return None
    for s, e in cell:
        if _is_time(ctx, s, e):
            return ctx.original(range(s, e)).strip()
    return ""


def line_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cell spans of the line ``text[start:end]`` (for the reviewer's column and row fills)."""
    return _cells(text, start, end)
