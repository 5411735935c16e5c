"""Figures that share a table column or row with a given figure: the reviewer gives a field
(a period, a label) to all of them in one step.

A table here is what ``tables`` reads: lines of two cells or more (cells split by runs of
spaces or by ``|``); a column is the cells of the same number in the run of such lines around
the figure's line, a row the figure's line.
"""
from __future__ import annotations

import re

_CELL_GAP = re.compile(r"[ \u3000\t]*[|｜][ \u3000\t]*|[ \u3000\t]+")  # spaces, or a | between cells
_DIGIT = re.compile(r"[0-9０-９]")


def line_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell spans of the line text[start:end]; a gap inside a number (2, 000 / 8,534 元) is no gap
    (a wider one before a word, 1,100    持平, is)."""
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
                _DIGIT.match(prev_last) is not None and e - s <= 2 and s - pe == 1 and _DIGIT.search(text[s:e]) is None
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


def _cells_of_line(text: str, pos: int) -> list[tuple[int, int]]:
    return line_cells(text, *_line(text, pos))


def _cell_index(cells: list[tuple[int, int]], pos: int) -> int | None:
    return next((i for i, (s, e) in enumerate(cells) if s <= pos < e), None)


def table_mates(text: str, spans: list[tuple[int, int]], at: tuple[int, int], axis: str) -> list[int]:
    """Indices of ``spans`` in the same table column (``axis`` "column") or row ("row") as the
    span ``at``: the lines around it with two cells or more, the cell of the same number."""
    cells = _cells_of_line(text, at[0])
    k = _cell_index(cells, at[0])
    if k is None or len(cells) < 2:
        return []
    ranges = [_line(text, at[0])]
    if axis == "column":
        ranges = []
        for step in (-1, 1):
            s, e = _line(text, at[0])
            while 0 <= s and e <= len(text):
                line_cells_ = _cells_of_line(text, s)
                if len(line_cells_) < 2:
                    break
                if k < len(line_cells_):
                    ranges.append(line_cells_[k])
                if step < 0:
                    if s == 0:
                        break
                    s, e = _line(text, s - 1)
                else:
                    if e >= len(text):
                        break
                    s, e = _line(text, e + 1)
    return sorted({i for i, (s, e) in enumerate(spans) for lo, hi in ranges if lo <= s and e <= hi})
