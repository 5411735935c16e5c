"""Finding a reviewer's query in a report: simplified and traditional match each other.

The query is simplified character by character, like the report's view (``view.py``), and
found (literally, case-insensitively) in the view's text; each hit is mapped back through the
view's exact offset map, so it is a span of the original text, in the report's own characters
(a pinyin artefact inside it included).  Hits of the query as typed in the original text are
kept too (a query that the view changes, such as one that spells a pinyin artefact).
"""
from __future__ import annotations

import re
from typing import Callable, Protocol

Span = tuple[int, int]


class View(Protocol):
    text: str

    def to_original(self, start: int, end: int) -> tuple[int, int]: ...


def find_all(text: str, view: View, pattern: str, simplify: Callable[[str], str]) -> list[Span]:
    """Every match of ``pattern`` in ``text`` (the original) through ``view``, sorted, no two
    starting at the same offset."""
    if not pattern:
        return []
    spans: dict[int, Span] = {}
    simple = simplify(pattern)
    for m in re.finditer(re.escape(simple), view.text, re.IGNORECASE):
        s, e = view.to_original(m.start(), m.end())
        spans.setdefault(s, (s, e))
    for m in re.finditer(re.escape(pattern), text, re.IGNORECASE):
        spans.setdefault(m.start(), (m.start(), m.end()))
    return [spans[s] for s in sorted(spans)]
