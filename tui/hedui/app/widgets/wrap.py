"""Soft-wrap of report text by terminal cell width (CJK-aware), without Textual.

The report pane shows the report's original text, never altered.  It is cut
into *screen lines*, each a half-open range ``(start, end)`` of offsets into the
original text (Python ``str`` indices):

- every paragraph (text between ``"\\n"``) starts a new screen line; the
  ``"\\n"`` itself belongs to no line, and an empty paragraph is one empty
  line ``(i, i)``;
- a paragraph wider than ``width`` cells is cut greedily so that each line
  holds as many characters as fit in ``width`` cells.  CJK ideographs and
  full-width punctuation count 2 cells (``rich.cells.get_character_cell_size``,
  the measure Textual itself uses), a tab counts 1 (it is drawn as a space),
  other control characters 0;
- a character is never split, and zero-width characters (combining marks)
  stay on the line of the character before them;
- a line never starts with closing punctuation (``，。、）」`` ...) when the
  character can be pulled onto the line above by moving one character down;
- a *keep* span (a figure such as ``2.4万多户``) is not cut when it fits on a
  line: the line is broken before it instead.

Concatenating the lines gives back the text without its newlines; offsets are
strictly increasing; every line is at most ``width`` cells (``width >= 2``).

Cost: one C-level pass per paragraph (``map`` + ``accumulate``) and a
``bisect`` per screen line; pure-ASCII paragraphs take a shortcut.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Sequence

from rich.cells import get_character_cell_size

#: characters that should not begin a screen line (closing punctuation)
NO_LINE_START = frozenset("，。、；：？！）」』】》〉〕”’・,.;:?!)]}%％·…—～~")

#: characters whose cell width is 1 and that need no lookup
_ASCII_PRINTABLE = frozenset(chr(c) for c in range(0x20, 0x7F))
_is_single_cell_text = _ASCII_PRINTABLE.issuperset


@lru_cache(maxsize=8192)
def char_cells(char: str) -> int:
    """Cells one character takes on screen, as the report pane draws it."""
    if char == "\t":
        return 1
    return get_character_cell_size(char)


def text_cells(text: str) -> int:
    """Cells a run of text takes on screen (sum of :func:`char_cells`)."""
    if _is_single_cell_text(text):
        return len(text)
    return sum(map(char_cells, text))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph (the text between newlines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    find = text.find
    while True:
        nl = find("\n", start)
        if nl < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, nl))
        start = nl + 1


def wrap_paragraph(
    text: str,
    start: int,
    end: int,
    width: int,
    keep: Sequence[tuple[int, int]] = (),
    keep_starts: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Screen lines of the paragraph ``text[start:end]`` (which holds no newline).

    ``keep`` is a list of ``(start, end)`` spans sorted by start, not
    overlapping, that are not to be cut where avoidable; ``keep_starts`` is
    their starts (pass it to save rebuilding it for every paragraph).
    """
    width = max(2, width)
    if start >= end:
        return [(start, start)]
    para = text[start:end]
    n = end - start
    if n <= width and _is_single_cell_text(para):
        return [(start, end)]
    if _is_single_cell_text(para):
        cum: Sequence[int] = range(n + 1)
    else:
        cum = list(accumulate(map(char_cells, para), initial=0))
        if cum[-1] <= width:
            return [(start, end)]
    if keep and keep_starts is None:
        keep_starts = [s for s, _ in keep]
    lines: list[tuple[int, int]] = []
    i = 0
    while i < n:
        limit = cum[i] + width
        j = bisect_right(cum, limit, i + 1) - 1
        if j <= i:  # a character wider than the whole line
            j = i + 1
            while j < n and cum[j + 1] == cum[j]:
                j += 1
        if j < n:
            j = _adjust_break(para, start, i, j, cum, width, keep, keep_starts)
        lines.append((start + i, start + j))
        i = j
    return lines


def _adjust_break(
    para: str,
    base: int,
    i: int,
    j: int,
    cum: Sequence[int],
    width: int,
    keep: Sequence[tuple[int, int]],
    keep_starts: Sequence[int] | None,
) -> int:
    """Move a break at ``j`` (line ``[i, j)``) earlier for a keep span or punctuation."""
    if keep and keep_starts is not None:
        k = bisect_right(keep_starts, base + j) - 1
        if k >= 0:
            ks, ke = keep[k]
            # the break falls strictly inside the span, the span does not
            # begin the line, and it fits on a line of its own
            if ks - base > i and ks < base + j < ke:
                if cum[min(ke - base, len(cum) - 1)] - cum[ks - base] <= width:
                    return ks - base
    if (
        para[j] in NO_LINE_START
        and j - 1 > i
        and para[j - 1] not in NO_LINE_START
        and cum[j] > cum[j - 1]
    ):
        return j - 1
    return j


def wrap_lines(
    text: str, width: int, keep: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """All screen lines of ``text`` at ``width`` cells: a list of ``(start, end)``."""
    keep_list = _normalise_keep(keep)
    keep_starts = [s for s, _ in keep_list]
    lines: list[tuple[int, int]] = []
    extend = lines.extend
    for ps, pe in paragraph_spans(text):
        if keep_list:
            lo = bisect_left(keep_starts, ps)
            hi = bisect_left(keep_starts, pe, lo)
            sub = keep_list[lo:hi]
            extend(wrap_paragraph(text, ps, pe, width, sub, keep_starts[lo:hi]))
        else:
            extend(wrap_paragraph(text, ps, pe, width))
    return lines


def _normalise_keep(keep: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep spans sorted by start, with spans overlapping an earlier one dropped."""
    out: list[tuple[int, int]] = []
    last_end = -1
    for s, e in sorted(keep):
        if e > s and s >= last_end:
            out.append((s, e))
            last_end = e
    return out


def normalise_keep(keep: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Public form of the keep-span normalisation (sorted, non-overlapping)."""
    return _normalise_keep(keep)
