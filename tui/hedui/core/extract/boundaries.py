"""Where the clauses of a view text break: the nearest boundary character before or after a
position (a digit-grouping comma is none), found by one regular-expression search (backwards:
on the reversed text) instead of a walk character by character. ``Context.clause_start`` /
``clause_end`` answer from here.
"""
from __future__ import annotations

import re


def grouping_comma(t: str, i: int) -> bool:
    """Is the ``,`` at ``i`` a digit-grouping comma (12,540万元), not a clause break?"""
    return (t[i] == "," and 0 < i and t[i - 1].isdigit() and t[i + 1:i + 4].isdigit()
            and len(t[i + 1:i + 4]) == 3 and not t[i + 4:i + 5].isdigit())


class Breaks:
    """The clause breaks of ``text`` (``reversed_text`` is ``text[::-1]``) at one of ``boundaries``."""

    __slots__ = ("text", "reversed_text", "_search")

    def __init__(self, text: str, reversed_text: str, boundaries: str) -> None:
        self.text = text
        self.reversed_text = reversed_text
        self._search = re.compile("[" + re.escape(boundaries) + "]" if boundaries else "(?!)").search

    def last_before(self, pos: int, lo: int) -> int:
        """The last break in [lo, pos), or -1."""
        t, n, search = self.text, len(self.text), self._search
        stop = n - lo
        m = search(self.reversed_text, n - pos, stop)
        while m is not None:
            i = n - 1 - m.start()
            if t[i] != "," or not t[i - 1].isdigit() or not grouping_comma(t, i):
                return i
            m = search(self.reversed_text, m.start() + 1, stop)
        return -1

    def first_from(self, pos: int, hi: int) -> int:
        """The first break in [pos, hi), or ``hi``."""
        t, search = self.text, self._search
        m = search(t, pos, hi)
        while m is not None:
            i = m.start()
            if t[i] != "," or not t[i - 1].isdigit() or not grouping_comma(t, i):
                return i
            m = search(t, i + 1, hi)
        return hi


def sentence_starts(text: str, ends: str) -> list[int]:
    """Starts of sentences: after each stop (closing quotes and brackets stay with it), a line end,
    or a run of spaces (paragraphs of a flattened page: 三、2023年工作打算   2023年,我镇…)."""
    stops = re.escape(ends.replace("\n", ""))
    if stops:  # (each match opens with one character of a class: re skips to them by itself)
        rx = re.compile("[" + stops + "\n \u3000](?:(?<=[" + stops + "])[”’」』)）】]*|(?<=\n)|(?<=[ \u3000])[ \u3000]+)")
    else:  # only line ends and runs of spaces
        rx = re.compile("\n|[ \u3000]{2,}")
    # every match is one character or more: the ends rise, and only the last can be the text's end
    starts = [0] + [m.end() for m in rx.finditer(text)]
    if len(starts) > 1 and starts[-1] >= len(text):
        starts.pop()
    return starts
