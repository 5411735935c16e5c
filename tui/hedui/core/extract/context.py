"""The per-report context for labels and periods: sentences, clauses, numbers, time phrases.

``make_context(report, view)`` is called once per report; ``label_for`` (labels.py) and
``period_for`` (periods.py) then answer for any figure span of the ORIGINAL text. All
matching happens on the view text (simplified, pinyin removed); what is written back is
taken character by character from the original, so traditional text stays traditional
and artefacts are left out.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from hedui.core.extract.boundaries import Breaks, grouping_comma
from hedui.core.extract.context_rules import ContextRules
from hedui.core.extract.jieba_dictionary import quiet
from hedui.core.extract.positions import SHIFT, bucket_index, covered, phrase_bounds, quantity_starts
from hedui.core.extract.segmentation import Segmenter
from hedui.core.model import Report
from hedui.core.numbers.scan import Scanner, barrier
from hedui.core.extract.time_phrases import TimePhrase, find_time_phrases


#: the farthest a clause is followed from a position (both ways): each figure's label and period
#: then cost a bounded amount of work, whatever the text (a clause of real text is far shorter)
CLAUSE_REACH = 120
#: the same for a sentence
SENTENCE_REACH = 1000
#: an empty range of phrases
_NONE = (0, 0)
#: segmentations remembered, the latest asked (a sentence's figures share runs; none from far off)
WORD_MEMORY = 256


class RuleScanners:
    """Fast scanners of the context rules' patterns (built once per ContextRules, shared)."""

    def __init__(self, rules: ContextRules) -> None:
        self.rules = rules
        self.quantity = Scanner(rules.quantity) if rules.quantity is not None else None
        self.quantity_barrier = barrier(rules.quantity) if rules.quantity is not None else None
        self.periods = tuple(Scanner(r.regex) for r in rules.periods)


class TextViewLike(Protocol):
    text: str

    def to_original(self, start: int, end: int) -> tuple[int, int]: ...

    def from_original(self, pos: int) -> int: ...


@dataclass(slots=True)
class Context:
    report: Report
    view: Any
    rules: ContextRules
    text: str
    _sentence_starts: list[int] = field(default_factory=list)
    _quantities: list[tuple[int, int]] | None = None
    #: the quantities' starts (positions.py: ended by BEYOND, with their bucket index)
    _quantity_starts: list[int] | None = None
    _quantity_index: list[int] | None = None
    _qblocks: list[int] | None = None
    _qcache: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    _phrases: list[TimePhrase] | None = None
    #: the phrases' starts and ends (positions.py: ended by BEYOND, with their bucket indexes)
    _phrase_starts: list[int] | None = None
    _phrase_ends: list[int] | None = None
    _phrase_start_index: list[int] | None = None
    _phrase_end_index: list[int] | None = None
    #: the positions the bucket indexes answer for: 0 up to this
    _covered: int = 0
    _bases: dict[int, TimePhrase] | None = None
    _segmenter: Segmenter | None = None
    _word_cache: dict[str, list[str]] = field(default_factory=dict)
    scanners: RuleScanners | None = None
    #: the view's kept segments (view start, original start), when it has them
    _segments: tuple[Any, Any] | None = None
    #: answers of the label helpers for this report (the words before and after a number are
    #: asked for again by each later figure of a sentence and by the alternatives)
    memo: dict[Any, Any] = field(default_factory=dict)
    #: the report's tables (table_layout.Tables), found by the extractor or on first use
    tables: Any = None
    #: 1 at each view position inside one of their cells (tables.cell_map, on first use)
    in_cells: bytearray | None = None
    #: the sentence last asked for (a figure's label, period and alternatives ask in turn):
    #: (start, end, a, b, (start, end)), [a, b) the positions it is all within reach of
    _last_sentence: tuple[int, int, int, int, tuple[int, int]] = (0, 0, 0, 0, (0, 0))
    #: the clause breaks of the text per set of boundary characters (boundaries.py)
    _breaks: dict[str, Breaks] = field(default_factory=dict)
    _reversed: str | None = None
    #: the span view_span last answered for: (start, end, its view span)
    _last_view: tuple[int, int, tuple[int, int]] = (-1, -1, (0, 0))

    # -- positions -------------------------------------------------------------------------
    def view_span(self, start: int, end: int) -> tuple[int, int]:
        """The view span of an original span (the last one remembered: the label, the period and
        their alternatives ask for the same figure in turn)."""
        last = self._last_view
        if last[0] == start and last[1] == end:
            return last[2]
        vs = self._from_original(start)
        ve = self._from_original(end - 1) + 1 if end > start else vs
        return self.seen_at(start, end, (vs, max(vs, ve)))

    def seen_at(self, start: int, end: int, span: tuple[int, int]) -> tuple[int, int]:
        """Remember ``span`` as the view span of the original [start, end) (the extractor knows
        it: the candidate's own, which ``view_span`` would find again) and return it."""
        self._last_view = (start, end, span)
        return span

    def _from_original(self, pos: int) -> int:
        """``view.from_original(pos)``, on the segments' lists when the context has them."""
        seg = self._segments
        if seg is None:
            return self.view.from_original(pos)
        vstarts, ostarts = seg
        if pos <= 0:
            return 0
        if pos >= ostarts[-1]:
            return vstarts[-1]
        k = bisect_right(ostarts, pos) - 1
        off = pos - ostarts[k]
        return vstarts[k] + off if off < vstarts[k + 1] - vstarts[k] else vstarts[k + 1]

    def original(self, positions: list[int] | range) -> str:
        """The original characters of the given view positions, artefacts left out."""
        orig = self.report.text
        seg = self._segments
        if seg is None:
            out: list[str] = []
            for i in positions:
                s, e = self.view.to_original(i, i + 1)
                out.append(orig[s:e])
            return "".join(out)
        # each view character is one original character: copy runs of consecutive positions
        vstarts, ostarts = seg
        n = len(self.text)
        if type(positions) is range and positions.step == 1:  # a span: a slice per segment
            a, b = positions.start, positions.stop
            if a < b and not (0 <= a and b <= n):
                bad = a if a < 0 or a >= n else n
                raise ValueError(f"view span [{bad}, {bad + 1}) outside 0..{n}")
            if a >= b:
                return ""
            k = bisect_right(vstarts, a) - 1
            if b <= vstarts[k + 1]:  # within one segment
                o = ostarts[k] - vstarts[k]
                return orig[a + o:b + o]
            pieces = []
            while a < b:
                k = bisect_right(vstarts, a) - 1
                e = min(b, vstarts[k + 1])
                o = ostarts[k] - vstarts[k]
                pieces.append(orig[a + o:e + o])
                a = e
            return "".join(pieces)
        pieces: list[str] = []
        it = iter(positions)
        for a in it:
            if not 0 <= a < n:
                raise ValueError(f"view span [{a}, {a + 1}) outside 0..{n}")
            k = bisect_right(vstarts, a) - 1
            seg_end = vstarts[k + 1]
            o = ostarts[k] - vstarts[k]
            b = a + 1
            for i in it:
                if i == b and i < seg_end:
                    b += 1
                    continue
                pieces.append(orig[a + o:b + o])
                if not 0 <= i < n:
                    raise ValueError(f"view span [{i}, {i + 1}) outside 0..{n}")
                a = i
                k = bisect_right(vstarts, a) - 1
                seg_end = vstarts[k + 1]
                o = ostarts[k] - vstarts[k]
                b = a + 1
            pieces.append(orig[a + o:b + o])
        return "".join(pieces)

    # -- sentences and clauses -------------------------------------------------------------
    def sentence_at(self, pos: int) -> tuple[int, int]:
        """[start, end) of the sentence holding view position ``pos`` (at most SENTENCE_REACH
        either side of it)."""
        got = self._last_sentence
        if got[2] <= pos < got[3]:  # the whole sentence is within reach (the common answer first)
            return got[4]
        if not got[0] <= pos < got[1]:
            starts = self._sentence_starts
            i = bisect_right(starts, pos) - 1
            s = starts[i] if i >= 0 else 0
            e = starts[i + 1] if i + 1 < len(starts) else len(self.text)
            got = self._last_sentence = (s, e, max(s, e - SENTENCE_REACH), min(e, s + SENTENCE_REACH + 1), (s, e))
            if got[2] <= pos < got[3]:
                return got[4]
        s, e = got[0], got[1]
        return max(s, pos - SENTENCE_REACH), min(e, pos + SENTENCE_REACH)

    def break_before(self, pos: int, lo: int, boundaries: str) -> int:
        """The last position in [lo, pos) holding one of ``boundaries`` (not a grouping comma), or -1."""
        breaks = self._breaks.get(boundaries) or self._breaks_of(boundaries)
        return breaks.last_before(pos, lo) if lo < pos else -1

    def clause_start(self, pos: int, boundaries: str, floor: int = 0) -> int:
        """First position after the nearest boundary character before ``pos`` (not before floor,
        nor more than CLAUSE_REACH before ``pos``: a clause is looked at that far at most)."""
        lo = pos - CLAUSE_REACH
        if lo < floor:
            lo = floor
            if lo >= pos:
                return pos
        j = (self._breaks.get(boundaries) or self._breaks_of(boundaries)).last_before(pos, lo)
        return j + 1 if j >= 0 else lo

    def clause_end(self, pos: int, boundaries: str, ceiling: int | None = None) -> int:
        n = pos + CLAUSE_REACH
        limit = len(self.text) if ceiling is None else ceiling
        if limit < n:
            n = limit
            if n <= pos:
                return pos
        return (self._breaks.get(boundaries) or self._breaks_of(boundaries)).first_from(pos, n)

    def _breaks_of(self, boundaries: str) -> Breaks:
        if self._reversed is None:
            self._reversed = self.text[::-1]
        got = self._breaks[boundaries] = Breaks(self.text, self._reversed, boundaries)
        return got

    # -- numbers -----------------------------------------------------------------------------
    def quantities(self) -> list[tuple[int, int]]:
        """Rough spans of numbers with their measure word (view positions), sorted."""
        if self._quantities is None:
            scan = self.scanners.quantity if self.scanners is not None else None
            spans = self._quantity_spans(0, None) if scan is not None else []
            self._quantities = spans
            self._quantity_starts, self._quantity_index = quantity_starts(spans, len(self.text))
        return self._quantities

    def _quantity_spans(self, pos: int, stop: int | None) -> list[tuple[int, int]]:
        """The quantities of a scan started afresh at ``pos``, up to ``stop``."""
        assert self.scanners is not None and self.scanners.quantity is not None
        t = self.text
        spans: list[tuple[int, int]] = []
        for m in self.scanners.quantity.finditer(t, pos, stop):
            s = m.start()
            if s > 0 and t[s - 1] in "第每":
                continue
            spans.append((s, m.end()))
        return spans

    def _quantity_blocks(self) -> list[int] | None:
        """Starts of the stretches the quantities are found in one at a time, when they are
        sentences that end in a character no quantity can hold (so that a scan started afresh
        at a sentence finds what the scan of the whole text finds there); None otherwise."""
        if self._qblocks is None:
            sc = self.scanners
            if sc is None or sc.quantity is None or sc.quantity_barrier is None or not sc.quantity.gated:
                self._qblocks = []
            else:
                bar = sc.quantity_barrier.match
                t = self.text
                self._qblocks = [0] + [s for s in self._sentence_starts if s > 0 and bar(t, s - 1)]
        return self._qblocks or None

    def quantities_in(self, start: int, end: int) -> list[tuple[int, int]]:
        qs = self._quantities
        if qs is not None:
            starts = self._quantity_starts  # (set with them, BEYOND last, and their index)
            if 0 <= start < self._covered:  # bisect_left(starts, start), by the bucket index
                i = self._quantity_index[start >> SHIFT]  # type: ignore[index]
                while starts[i] < start:  # type: ignore[index]
                    i += 1
            else:
                i = bisect_left(starts, start)  # type: ignore[arg-type]
            if starts[i] >= end:  # type: ignore[index]  # none (most stretches asked)
                return []
            j = i + 1
            while starts[j] < end:  # type: ignore[index]  # (a stretch holds a few)
                j += 1
            return qs[i:j]
        blocks = self._quantity_blocks()
        if blocks is None:
            qs = self.quantities()
            assert self._quantity_starts is not None
            starts = self._quantity_starts
            i = bisect_left(starts, start)
            return qs[i:bisect_left(starts, end, i)] if i < len(qs) and qs[i][0] < end else []
        out = []
        k = max(0, bisect_right(blocks, start) - 1)
        while k < len(blocks) and blocks[k] < end:
            got = self._qcache.get(k)
            if got is None:
                got = self._quantity_spans(blocks[k], blocks[k + 1] if k + 1 < len(blocks) else None)
                self._qcache[k] = got
            for q in got:
                if start <= q[0] < end:
                    out.append(q)
            k += 1
        return out

    # -- time phrases ------------------------------------------------------------------------
    def phrases(self) -> list[TimePhrase]:
        """The time phrases that may be periods (not the bases of comparisons), sorted."""
        if self._phrases is None:
            periods = self.scanners.periods if self.scanners is not None else None
            found = find_time_phrases(self.text, self.rules, periods, self.sentence_at)
            self._phrases = [p for p in found if p.kind != "base"]
            self._bases = {p.end: p for p in found if p.kind == "base"}
            self._set_phrases(self._phrases)
        return self._phrases

    def _set_phrases(self, phrases: list[TimePhrase]) -> None:
        """The bounds of ``phrases`` (those of ``phrases()``) and their bucket indexes."""
        starts, ends = phrase_bounds(phrases)
        n = len(self.text)
        self._phrase_starts, self._phrase_ends = starts, ends
        self._phrase_start_index = bucket_index(starts, n)
        self._phrase_end_index = bucket_index(ends, n)
        self._covered = covered(n)

    def bases(self) -> dict[int, TimePhrase]:
        """The bases of comparisons (较110年, 比上年) by the view position they end at."""
        if self._bases is None:
            self.phrases()
        return self._bases  # type: ignore[return-value]

    def base_ending_at(self, pos: int) -> TimePhrase | None:
        """The base of a comparison (较110年, 比上年) that ends at view position ``pos``."""
        self.phrases()
        assert self._bases is not None
        return self._bases.get(pos)

    def phrases_in(self, start: int, end: int) -> list[TimePhrase]:
        """The phrases that start at or after ``start`` and end by ``end`` (the phrases are apart:
        sorted by their starts, they are sorted by their ends)."""
        ps = self._phrases if self._phrases is not None else self.phrases()
        starts, ends = self._phrase_starts, self._phrase_ends
        if 0 <= start and end < self._covered - 1:  # the bisections by the bucket indexes
            i = self._phrase_start_index[start >> SHIFT]  # type: ignore[index]
            while starts[i] < start:  # type: ignore[index]
                i += 1
            if ends[i] > end:  # type: ignore[index]  # none (most stretches asked; BEYOND ends them)
                return []
            j = self._phrase_end_index[(end + 1) >> SHIFT]  # type: ignore[index]  # bisect_right
            if j <= i:
                j = i + 1
            while ends[j] <= end:  # type: ignore[index]
                j += 1
            return ps[i:j]
        i = bisect_left(starts, start)  # type: ignore[arg-type]
        if ends[i] > end:  # type: ignore[index]
            return []
        return ps[i:bisect_right(ends, end, i + 1)]  # type: ignore[arg-type]

    def phrase_ranges(self, start: int, a: int, b: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """((i, j), (k, l)): ``phrases_in(start, a)`` is ``phrases()[i:j]`` and ``phrases_in(b, end)``
        is ``phrases()[k:l]`` (each (0, 0) when it is empty)."""
        if self._phrases is None:
            self.phrases()
        starts, ends = self._phrase_starts, self._phrase_ends
        i = bisect_left(starts, start)  # type: ignore[arg-type]
        first = ends[i]  # type: ignore[index]  # (BEYOND ends them)
        if first > a and first > end and b >= start:  # no phrase ends in either (most sentences)
            return _NONE, _NONE
        j = bisect_right(ends, a)  # type: ignore[arg-type]
        k, m = bisect_left(starts, b), bisect_right(ends, end)  # type: ignore[arg-type]
        return (i, j) if i < j else _NONE, (k, m) if k < m else _NONE

    # -- segmentation ------------------------------------------------------------------------
    def words(self, s: str) -> list[str]:
        """jieba's segmentation of ``s``, without its HMM (jieba loaded lazily and silently)."""
        if self._segmenter is None:
            self._segmenter = Segmenter(quiet())
        cache = self._word_cache
        words = cache.pop(s, None)
        if words is None:
            words = self._segmenter.lcut(s)
            if len(cache) >= WORD_MEMORY:  # the least recently asked goes
                del cache[next(iter(cache))]
        cache[s] = words
        return list(words)

    def first_word(self, s: str) -> str | None:
        """The first of ``words(s)`` when known without segmenting all of ``s`` (then the others
        are ``words`` of the rest), else None (Segmenter.first_word)."""
        if self._segmenter is None:
            self.words("")  # the segmenter made
        return self._segmenter.first_word(s)  # type: ignore[union-attr]

    def several_words(self, s: str) -> bool | None:
        """Whether ``words(s)`` are two or more, when known without segmenting ``s``, else None."""
        if self._segmenter is None:
            self.words("")
        return self._segmenter.several(s)  # type: ignore[union-attr]

