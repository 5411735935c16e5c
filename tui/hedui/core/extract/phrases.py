"""Phrases a reviewer picks from the report's text: jieba word boundaries around a figure, and
the picked phrase in the report's own characters.

The reviewer's label and period pickers move a selection word by word through the clause
around a figure; the words are jieba's, cut on the simplified view of that stretch (the view
is character for character, so its offsets are the original's), and what is taken is the
original text with pinyin and page furniture removed and its own spacing kept.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from hedui.core.model import Report

#: characters either side of a figure that the picker's words cover
REACH = 160
_STOPS = "\n。！？；!?;"


def window(text: str, start: int, end: int, reach: int = REACH) -> tuple[int, int]:
    """The stretch of ``text`` around ``[start, end)`` that a pick moves in: the sentence (or
    two) around it, at most ``reach`` characters either side."""
    lo = max(0, start - reach)
    hi = min(len(text), end + reach)
    cut = max(text.rfind(c, lo, start) for c in _STOPS)
    # the sentence before the figure's too: a period or label often heads it
    cut = max(text.rfind(c, lo, cut) for c in _STOPS) if cut > lo else cut
    lo = cut + 1 if cut >= 0 else lo
    ends = [i for i in (text.find(c, end, hi) for c in _STOPS) if i >= 0]
    return lo, (min(ends) + 1 if ends else hi)


@dataclass(frozen=True)
class Words:
    """Word boundaries of ``text[lo:hi]``: ``bounds`` sorted, from ``lo`` to ``hi``."""

    lo: int
    hi: int
    bounds: tuple[int, ...]

    def word_at(self, pos: int) -> tuple[int, int]:
        """The word that holds ``pos``."""
        i = max(0, min(bisect_right(self.bounds, pos) - 1, len(self.bounds) - 2))
        return self.bounds[i], self.bounds[i + 1]

    def step(self, pos: int, words: int) -> int:
        """The boundary ``words`` words from ``pos`` (clamped to the window); from inside a word
        (a pick moved by characters) the first step goes to that word's own edge."""
        i = bisect_left(self.bounds, pos)
        if words > 0 and (i == len(self.bounds) or self.bounds[i] != pos):
            words -= 1
        return self.bounds[max(0, min(i + words, len(self.bounds) - 1))]


def words_around(text: str, start: int, end: int, simplify: Callable[[str], str] = str,
                 cut: Callable[[str], list[str]] | None = None) -> Words:
    """jieba's words of the stretch around a figure (``window``); a run of spaces, a digit run
    and the figure itself are each one word."""
    lo, hi = window(text, start, end)
    if cut is None:
        cut = _jieba_cut
    bounds = {lo, hi, start, end}
    pos = lo
    for piece in (text[lo:start], text[end:hi]):
        for word in cut(simplify(piece)):
            pos += len(word)
            bounds.add(pos)
        pos = end
    return Words(lo, hi, tuple(sorted(b for b in bounds if lo <= b <= hi)))


def _jieba_cut(s: str) -> list[str]:
    # deferred: loaded by the extractor's labels already, off the first paint; the labels'
    # segmenter (jieba.lcut(s, HMM=False)'s words, without building jieba's own dict)
    from hedui.core.extract.jieba_dictionary import quiet
    from hedui.core.extract.segmentation import Segmenter

    return Segmenter(quiet()).lcut(s) if s else []


def phrase(report: Report, start: int, end: int) -> str:
    """``report.text[start:end]`` as a label or period: pinyin and page furniture taken out, line
    breaks dropped, outer spaces and punctuation stripped; the report's own characters."""
    text = report.text
    keep: list[str] = []
    pos = start
    for a in sorted(report.artefacts, key=lambda a: a.start):
        if a.kind == "repeat" or a.end <= start or a.start >= end:
            continue
        keep.append(text[pos:max(pos, a.start)])
        pos = max(pos, min(a.end, end))
    keep.append(text[pos:end])
    out = "".join(keep).replace("\r", "").replace("\n", "")
    return out.strip(" \u3000\t，,。、；;：:（）()“”\"'")


def find_near(text: str, needle: str, lo: int, hi: int, at: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` in ``text[lo:hi]`` nearest to ``at``, or None."""
    if not needle:
        return None
    best = None
    i = text.find(needle, lo, hi)
    while i >= 0:
        if best is None or abs(i - at) < abs(best - at):
            best = i
        i = text.find(needle, i + 1, hi)
    return (best, best + len(needle)) if best is not None else None



#: characters that end the words a figure's own clause has before it
_CLAUSE = ",，;；:：。!！?？、\n\u3000 "


def own_words(text: str, start: int, floor: int) -> str:
    """The words right before a figure at ``start``, back to the clause's punctuation or to
    ``floor`` (where the figure before it ends): ``增长`` in ``…379.45亿元,增长3.0%``."""
    lo = max(max(text.rfind(c, floor, start) for c in _CLAUSE) + 1, floor)
    return text[lo:start].strip()


def borrowed_labels(label: str, its_own: str, own: str) -> list[str]:
    """Labels for a figure whose own words are ``own``, made from a neighbouring figure's
    ``label`` (whose own words are ``its_own``): the neighbour's label with its own words
    swapped for these (发展核桃 → 发展中蜂), and the neighbour's label with these after it
    (第一产业增加值 → 第一产业增加值增长)."""
    out = []
    if own and its_own and label.endswith(its_own) and len(label) > len(its_own):
        out.append(label[:-len(its_own)] + own)
    if own and label and own not in label:
        out.append(label + own)
    return [x for x in out if x != label]
