"""A figure as a plain tuple, a row: what the extraction loop makes, what travels between the
processes of a long report and what ``hedui extract`` encodes straight into its JSON Lines.
``Figure``s (model.py) are made of rows only where a caller wants them (``figures_of``): a frozen
dataclass costs twenty times a tuple to make, and pickled between processes ten times as much.

A row is ``(start, end, text, rule, excluded, repeat_of, label_alternatives,
period_alternatives, value, value_max, unit, bound, category, label, period)``: the figure's
own attributes in ``Figure``'s order, then its ``Fields`` in theirs (``FIELD_NAMES``).
"""
from __future__ import annotations

import bisect

from hedui.core.model import FIELD_NAMES, Fields, Figure

#: where a row holds a figure's first copy
REPEAT_OF = 5
#: where a row's fields begin (``Fields(*row[FIELDS:])``)
FIELDS = 8


def row_of(f: Figure) -> tuple:
    """The row of a figure."""
    return (f.start, f.end, f.text, f.rule, f.excluded, f.repeat_of, f.label_alternatives,
            f.period_alternatives, *(getattr(f.fields, n) for n in FIELD_NAMES))


def rows_of(figures: list[Figure]) -> list[tuple]:
    """The rows of figures."""
    return [row_of(f) for f in figures]


def figure_of(r: tuple) -> Figure:
    """The figure of a row."""
    return Figure(r[0], r[1], r[2], Fields(*r[FIELDS:]), *r[3:FIELDS])


def figures_of(rows: list[tuple]) -> list[Figure]:
    """The figures of rows."""
    return [figure_of(r) for r in rows]


def in_text_order(figures: list[tuple], excluded: list[tuple]) -> list[tuple]:
    """Figure rows and excluded number rows in one list by (start, end), a figure before an
    excluded number of the same span (``model.in_text_order`` of rows)."""
    return sorted([*figures, *excluded], key=_span)


def _span(row: tuple) -> tuple[int, int]:
    return row[0], row[1]


def mark_repeats(text: str, rows: list[tuple], repeats: list[tuple[int, int, int]],
                 starts: set[int]) -> tuple[list[tuple], list[tuple[int, tuple, int]]]:
    """Figures inside a repeated paragraph point at the same figure of the first copy (one that
    starts at one of ``starts``, the figures' starts, or has the same text); and (index, row,
    start in the first copy) of those that do not, for a caller that knows more starts."""
    if not repeats:
        return rows, []
    out = []
    pending = []
    starts_of = [s for s, _, _ in repeats]
    n = len(starts_of)
    i, last = -1, -1  # the last repeat that starts at or before the figure (a pointer along them)
    for r in rows:
        start = r[0]
        if start < last:  # out of text order: search again
            i = bisect.bisect_right(starts_of, start) - 1
        last = start
        while i + 1 < n and starts_of[i + 1] <= last:
            i += 1
        if i >= 0:
            s, e, first = repeats[i]
            if s <= start < e:
                cand = first + (start - s)
                if cand in starts or text[cand:cand + len(r[2])] == r[2]:
                    r = with_repeat_of(r, cand)
                else:
                    pending.append((len(out), r, cand))
        out.append(r)
    return out, pending


def with_repeat_of(row: tuple, first: int) -> tuple:
    """The row pointing at its first copy at ``first``."""
    return row[:REPEAT_OF] + (first,) + row[REPEAT_OF + 1:]
