"""The screen-line index of the report pane, wrapped lazily, in chunks (no Textual).

A ``LineIndex`` holds, for one text and one width, the screen lines wrapped so
far: ``starts[y]``/``ends[y]`` are offsets into the original text, and the
paragraph of a line is found by ``bisect`` over paragraph starts.  Paragraphs
are wrapped in order, on demand (``ensure_offset``, ``ensure_line``) or a chunk
at a time (``wrap_chunk``), so that a large report shows its first screen at
once and the rest is wrapped between keystrokes.  Lines already wrapped never
move: wrapping more only appends.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Sequence

from hedui.app.widgets.wrap import paragraph_spans, text_cells, wrap_paragraph

#: characters wrapped per chunk (about 10 ms of work for CJK text)
CHUNK_CHARS = 60_000


class LineIndex:
    """Screen lines ``(start, end)`` of ``text`` at ``width`` cells, wrapped lazily."""

    def __init__(self, text: str = "", width: int = 0, keep: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.width = width
        self._keep = list(keep)
        self._keep_starts = [s for s, _ in self._keep]
        self._paras = paragraph_spans(text)
        self.para_starts = [s for s, _ in self._paras]
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._next_para = 0  # first paragraph not wrapped yet

    @property
    def done(self) -> bool:
        """Every paragraph is wrapped."""
        return self._next_para >= len(self._paras) or self.width <= 0

    @property
    def wrapped_upto(self) -> int:
        """Offset up to which the text is wrapped."""
        if self._next_para >= len(self._paras):
            return len(self.text)
        return self._paras[self._next_para][0]

    def __len__(self) -> int:
        return len(self.starts)

    def estimated_total(self) -> int:
        """Lines once everything is wrapped (exact when ``done``)."""
        if self.done:
            return len(self.starts)
        upto = self.wrapped_upto
        remaining_paras = len(self._paras) - self._next_para
        if upto <= 0 or not self.starts:
            per_char = 2 / max(1, self.width)  # assume CJK
            return remaining_paras + int((len(self.text) - upto) * per_char)
        per_char = len(self.starts) / upto
        return len(self.starts) + max(remaining_paras, int((len(self.text) - upto) * per_char))

    def _wrap_paras(self, stop_para: int) -> None:
        text, width = self.text, self.width
        keep, keep_starts = self._keep, self._keep_starts
        starts, ends = self.starts, self.ends
        for ps, pe in self._paras[self._next_para : stop_para]:
            if keep:
                lo = bisect_left(keep_starts, ps)
                hi = bisect_left(keep_starts, pe, lo)
                lines = wrap_paragraph(text, ps, pe, width, keep[lo:hi], keep_starts[lo:hi])
            else:
                lines = wrap_paragraph(text, ps, pe, width)
            for s, e in lines:
                starts.append(s)
                ends.append(e)
        self._next_para = max(self._next_para, stop_para)

    def wrap_chunk(self, chars: int = CHUNK_CHARS) -> bool:
        """Wrap about ``chars`` more characters; True when everything is wrapped."""
        if self.done:
            return True
        target = self.wrapped_upto + chars
        stop = bisect_right(self.para_starts, target, self._next_para)
        self._wrap_paras(max(stop, self._next_para + 1))
        return self.done

    def wrap_all(self) -> None:
        if self.width > 0:
            self._wrap_paras(len(self._paras))

    def ensure_offset(self, offset: int) -> None:
        """Wrap at least up to the paragraph that holds ``text[offset]``."""
        if self.width <= 0 or offset < self.wrapped_upto:
            return
        self._wrap_paras(bisect_right(self.para_starts, offset))

    def ensure_line(self, y: int) -> None:
        """Wrap until line ``y`` exists (or the text ends)."""
        while len(self.starts) <= y and not self.done:
            self.wrap_chunk(CHUNK_CHARS // 4)

    def line_of_offset(self, offset: int) -> int:
        """The screen line that shows ``text[offset]`` (a newline: the line before it)."""
        self.ensure_offset(offset)
        if not self.starts:
            return 0
        return max(0, bisect_right(self.starts, offset) - 1)

    def span(self, y: int) -> tuple[int, int, int]:
        """``(paragraph index, start, end)`` of line ``y``."""
        self.ensure_line(y)
        start = self.starts[y]
        return bisect_right(self.para_starts, start) - 1, start, self.ends[y]

    def cells(self, y: int, start: int, end: int) -> tuple[int, int]:
        """Cell columns ``[x0, x1)`` that ``text[start:end]`` takes on line ``y``
        (clipped to the line)."""
        self.ensure_line(y)
        line_start = self.starts[y]
        a, b = max(start, line_start), min(end, self.ends[y])
        x0 = text_cells(self.text[line_start:a])
        return x0, x0 + (text_cells(self.text[a:b]) if b > a else 0)

    def offset_at(self, y: int, column: int) -> int:
        """Offset of the character that covers cell ``column`` of line ``y``
        (the last character when the line is shorter)."""
        self.ensure_line(y)
        start, end = self.starts[y], self.ends[y]
        offset = start
        while offset < end - 1 and text_cells(self.text[start : offset + 1]) <= column:
            offset += 1
        return offset


def reveal_target(
    first: int, last: int, top: int, height: int, context: int, direction: int
) -> int | None:
    """The scroll position that shows lines ``first..last`` with ``context``
    lines around them, or None when they are already in view.

    Moving down (``direction >= 0``) the span lands ``context`` lines below
    the top; moving up, ``context`` lines above the bottom, so that stepping
    through figures scrolls as seldom as possible."""
    context = max(0, min(context, (height - (last - first + 1)) // 2))
    if first - context >= top and last + context < top + height:
        return None
    if direction >= 0 or last - first + 1 + 2 * context > height:
        return max(0, first - context)
    return max(0, last + context - height + 1)
