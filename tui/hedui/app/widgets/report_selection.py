"""The keyboard selection and the search hits of the report pane (no Textual imports)."""
from __future__ import annotations

from bisect import bisect_left

Span = tuple[int, int]


class TextCursor:
    """A cursor on a character of ``text`` and an anchor: the selection between them.

    The selection is half-open and includes the character under the cursor, so
    a fresh selection is one character.  Newlines are on no screen line, so a
    cursor moved without extending steps over them.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.anchor: int | None = None
        self.cursor: int | None = None

    @property
    def span(self) -> Span | None:
        if self.anchor is None or self.cursor is None:
            return None
        return min(self.anchor, self.cursor), max(self.anchor, self.cursor) + 1

    def begin(self, offset: int) -> None:
        if not self.text:
            return
        offset = self._skip_newlines(max(0, min(offset, len(self.text) - 1)), -1)
        self.anchor = self.cursor = offset

    def move(self, delta: int, extend: bool) -> None:
        if self.cursor is None:
            return
        cursor = max(0, min(self.cursor + delta, len(self.text) - 1))
        if not extend:
            cursor = self._skip_newlines(cursor, 1 if delta >= 0 else -1)
            self.anchor = cursor
        self.cursor = cursor

    def end(self) -> Span | None:
        span = self.span
        self.anchor = self.cursor = None
        return span

    def _skip_newlines(self, offset: int, direction: int) -> int:
        text = self.text
        probe = offset
        while 0 <= probe < len(text) and text[probe] == "\n":
            probe += direction
        return probe if 0 <= probe < len(text) else offset


def changed_spans(old: Span | None, new: Span | None) -> list[Span]:
    """The characters whose selected state differs between two selections."""
    if old is None or new is None:
        return [s for s in (old, new) if s is not None]
    out = []
    if old[0] != new[0]:
        out.append((min(old[0], new[0]), max(old[0], new[0])))
    if old[1] != new[1]:
        out.append((min(old[1], new[1]), max(old[1], new[1])))
    return out


class SearchHits:
    """The search's hits: spans of the text, sorted by start."""

    def __init__(self, spans: list[Span] | None = None) -> None:
        self.spans: list[Span] = list(spans or ())
        self.starts = [s for s, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Matches that share a character with ``[start, end)``."""
        spans = self.spans
        i = bisect_left(self.starts, start)
        if i > 0 and spans[i - 1][1] > start:
            i -= 1
        out = []
        while i < len(spans) and spans[i][0] < end:
            out.append(spans[i])
            i += 1
        return out


class SelectionMoves:
    """The selection keys of the report pane (mixed into ``ReportView``, which provides
    ``_cursor``, ``_lines``, ``_touch``, ``_reveal``, ``line_of_offset``, ``first_visible_offset``)."""

    @property
    def selection(self) -> Span | None:
        """The selected span ``(start, end)`` (half-open), or None."""
        return self._cursor.span

    def begin_selection(self, offset: int) -> None:
        """Start selecting with the cursor on ``text[offset]`` (one character selected)."""
        old = self.selection
        self._cursor.begin(offset)
        self._selection_changed(old)

    def move_selection(self, delta_chars: int, extend: bool = False) -> None:
        """Move the cursor by ``delta_chars``; ``extend`` keeps the anchor (grows the span)."""
        old = self.selection
        self._cursor.move(delta_chars, extend)
        self._selection_changed(old)

    def move_selection_lines(self, delta_lines: int, extend: bool = False) -> None:
        """Move the cursor to the same column ``delta_lines`` screen lines away."""
        lines, cursor = self._lines, self._cursor.cursor
        if cursor is None or not len(lines):
            return
        y = self.line_of_offset(cursor)
        lines.ensure_line(y + delta_lines)
        target = max(0, min(y + delta_lines, len(lines) - 1))
        offset = lines.offset_at(target, lines.cells(y, cursor, cursor)[0])
        self.move_selection(offset - cursor, extend)

    def show_span(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (a phrase being picked from the text) and bring it into view."""
        old = self.selection
        self._cursor.anchor, self._cursor.cursor = start, max(start, end - 1)
        self._selection_changed(old)

    def end_selection(self) -> Span | None:
        """Leave selection mode; returns the span that was selected."""
        old = self.selection
        self._cursor.end()
        self._selection_changed(old)
        return old

    def _selection_changed(self, old: Span | None) -> None:
        new = self.selection
        self._touch(*changed_spans(old, new))  # characters that entered or left it
        cursor = self._cursor.cursor
        if new is not None and cursor is not None:
            top = self.first_visible_offset()
            self._reveal((cursor, cursor + 1), 1 if cursor >= top else -1)
