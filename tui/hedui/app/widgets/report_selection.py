"""The keyboard selection and the search hits of the report pane (no Textual)."""
from __future__ import annotations

import re
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
    """Every literal, case-insensitive match of a pattern in a text."""

    def __init__(self, text: str = "", pattern: str = "") -> None:
        self.spans: list[Span] = []
        if pattern:
            rx = re.compile(re.escape(pattern), re.IGNORECASE)
            self.spans = [(m.start(), m.end()) for m in rx.finditer(text)]
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
