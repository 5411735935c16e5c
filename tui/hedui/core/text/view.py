"""The analysis view: simplified characters, pinyin artefacts removed, exact offsets back.

Rules are written once, in simplified characters. To match traditional text,
the extractor works on a ``TextView`` of the report:

    simplifier = Simplifier()                 # holds the OpenCC converter; make one, reuse it
    view = make_view(report, simplifier)      # report.artefacts supplies the pinyin spans
    for m in pattern.finditer(view.text):
        start, end = view.to_original(m.start(), m.end())
        report.text[start:end]                # the same characters, as stored

``view.text`` is the original text with every ``pinyin`` artefact removed and
every remaining character converted by ``Simplifier.convert``. The conversion
is character for character (each character is converted on its own by
OpenCC ``t2s``, cached on the Simplifier), so the view has exactly one
character per kept original character and the offset map is exact by
construction: ``view.text[i]`` comes from ``report.text[view.origin[i]]``.
Phrase-level conversions of OpenCC (``乾隆`` stays ``乾隆``, while ``乾`` alone
becomes ``干``) are given up for that guarantee; on the seeds the
character-wise view equals OpenCC's phrase-level output everywhere.

``origin`` is a read-only sequence of ``len(view.text) + 1`` ints
(``origin[len(text)] == len(original)``), stored as kept segments, so building
a view is O(number of removed spans) on top of one ``str.translate``.
"""
from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hedui.core.model import Report

#: characters below this code point are never changed by t2s
_FIRST_CJK = 0x2E80
#: the characters of a long text's first stretch this long are learnt first (a set of them is
#: quick), so that one scan of the whole text for those not seen yet finds only a few
_SAMPLE_CHARS = 65536


class Simplifier:
    """Traditional -> simplified, one character for one character.

    The OpenCC converter is created on first use (importing and building it
    costs some milliseconds) and the per-character table grows as new
    characters are seen. Thread-safe; share one per process or per extractor.
    """

    def __init__(self, config: str = "t2s") -> None:
        self.config = config
        self._converter = None
        self._table: dict[int, str] = {}
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        #: (a pattern of the characters not seen yet, one of those the table changes (a group),
        #: the table by character); rebuilt when a text brings new characters
        self._finders: tuple[re.Pattern[str], re.Pattern[str] | None, dict[str, str]] = (
            _unseen_pattern(self._seen), None, {})
        #: the last view built with this simplifier: (text, removed spans, view)
        self._last_view: tuple[str, tuple[tuple[int, int], ...], TextView] | None = None

    def _opencc(self):
        if self._converter is None:
            import opencc  # deferred: keeps opencc off the import path of the core

            self._converter = opencc.OpenCC(self.config)
        return self._converter

    def _learn(self, text: str) -> None:
        """Convert every character of ``text`` not seen before (one scan finds them)."""
        if not self._seen and len(text) > _SAMPLE_CHARS:
            self._learn(text[:_SAMPLE_CHARS])
        if self._seen:
            new = set(self._finders[0].findall(text))
        else:  # the first text: every character is new; a set of it is quicker than findall's list
            new = {ch for ch in set(text) if ord(ch) >= _FIRST_CJK}
        if not new:
            return
        with self._lock:
            todo = [ch for ch in new if ch not in self._seen]
            if todo:
                cc = self._opencc()
                # one call for all new characters, separated by newlines (never converted)
                out = cc.convert("\n".join(todo)).split("\n")
                if len(out) != len(todo):  # should not happen; fall back to one call each
                    out = [cc.convert(ch) for ch in todo]
                for ch, conv in zip(todo, out):
                    if len(conv) == 1 and conv != ch:
                        self._table[ord(ch)] = conv
                self._seen.update(todo)
            by_char = {chr(k): v for k, v in self._table.items()}
            changes = re.compile("([" + _ranges(sorted(self._table)) + "])") if self._table else None
            self._finders = (_unseen_pattern(self._seen), changes, by_char)

    def convert(self, text: str) -> str:
        """``text`` with each character simplified; always the same length."""
        self._learn(text)
        _, changes, by_char = self._finders
        if changes is None:
            return text
        pieces = changes.split(text)  # the text between the characters to change, and those
        pieces[1::2] = map(by_char.__getitem__, pieces[1::2])
        return "".join(pieces)


def _ranges(codes: list[int]) -> str:
    """A character-class body for the sorted code points ``codes`` (runs as ranges)."""
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        out.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(out)


def _unseen_pattern(seen: set[str]) -> re.Pattern[str]:
    """A character that t2s might change (at or above _FIRST_CJK) and is not in ``seen``."""
    return re.compile("[^\x00-" + re.escape(chr(_FIRST_CJK - 1)) + _ranges(sorted(map(ord, seen))) + "]")


class Origin(Sequence):
    """``origin[i]``: index in the original text of view character ``i`` (read-only).

    Stored as segments of consecutive kept characters: ``view_starts[k]`` is the
    view index where segment k starts, ``orig_starts[k]`` the original index;
    the last entry is the sentinel ``(len(view), len(original))``.
    """

    __slots__ = ("view_starts", "orig_starts")

    def __init__(self, view_starts: array, orig_starts: array) -> None:
        self.view_starts = view_starts
        self.orig_starts = orig_starts

    def __len__(self) -> int:
        return self.view_starts[-1] + 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("view index out of range")
        k = bisect_right(self.view_starts, i) - 1
        return self.orig_starts[k] + (i - self.view_starts[k])


@dataclass(frozen=True)
class TextView:
    """Simplified text with pinyin artefacts removed, and its exact map to the original.

    text: the view; origin: ``origin[i]`` is the original index of ``text[i]``,
    ``len(origin) == len(text) + 1`` and ``origin[len(text)] == len(original)``.
    """

    text: str
    origin: Origin

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span [s, e) holding exactly view chars [start, end).

        ``e`` is one past the original index of the last view char, so an
        artefact right after the span is not included (one inside it is).
        An empty span maps to an empty span at the next kept character.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"view span [{start}, {end}) outside 0..{n}")
        vs, os_ = self.origin.view_starts, self.origin.orig_starts
        k = bisect_right(vs, start) - 1
        s = os_[k] + (start - vs[k])
        if end == start:
            return s, s
        last = end - 1
        if last >= vs[k + 1]:
            k = bisect_right(vs, last) - 1
        return s, os_[k] + (last - vs[k]) + 1

    def spans_to_original(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """``[to_original(s, e) for s, e in spans]``, quicker for spans in text order (the
        segment of the last span is tried first)."""
        n = len(self.text)
        vs, os_ = self.origin.view_starts, self.origin.orig_starts
        out = []
        k, lo, hi = 0, vs[0], vs[1] if len(vs) > 1 else n
        for start, end in spans:
            if not 0 <= start <= end <= n:
                raise ValueError(f"view span [{start}, {end}) outside 0..{n}")
            if not lo <= start < hi:
                k = bisect_right(vs, start) - 1
                lo, hi = vs[k], (vs[k + 1] if k + 1 < len(vs) else n + 1)
            s = os_[k] + (start - lo)
            if end == start:
                out.append((s, s))
            elif end - 1 < hi:
                out.append((s, s + (end - start)))
            else:
                j = bisect_right(vs, end - 1) - 1
                out.append((s, os_[j] + (end - 1 - vs[j]) + 1))
        return out

    def from_original(self, pos: int) -> int:
        """The view index of the first kept character at or after original ``pos``."""
        vs, os_ = self.origin.view_starts, self.origin.orig_starts
        if pos <= 0:
            return 0
        if pos >= os_[-1]:
            return vs[-1]
        k = bisect_right(os_, pos) - 1
        seg_len = vs[k + 1] - vs[k]
        off = pos - os_[k]
        return vs[k] + off if off < seg_len else vs[k + 1]


def build_view(text: str, removed: Iterable[tuple[int, int]], simplifier: Simplifier) -> TextView:
    """The view of ``text`` without the spans ``removed`` (sorted or not; overlaps allowed).

    The simplifier remembers the last view it built, so that the loader (which
    needs the view to find furniture) and the extractor share one when they
    share a Simplifier (``ArtefactRules.simplifier``).
    """
    spans = tuple(sorted(removed))
    last = simplifier._last_view
    if last is not None and last[0] is text and last[1] == spans:
        return last[2]
    view = _build(text, spans, simplifier)
    simplifier._last_view = (text, spans, view)
    return view


def _build(text: str, spans: tuple[tuple[int, int], ...], simplifier: Simplifier) -> TextView:
    view_starts = array("q")
    orig_starts = array("q")
    pieces: list[str] = []
    pos = 0
    vpos = 0
    for s, e in spans:
        s = max(s, pos)
        if e <= s:
            continue
        if s > pos:
            view_starts.append(vpos)
            orig_starts.append(pos)
            pieces.append(text[pos:s])
            vpos += s - pos
        pos = e
    if pos < len(text):
        view_starts.append(vpos)
        orig_starts.append(pos)
        pieces.append(text[pos:])
        vpos += len(text) - pos
    view_starts.append(vpos)
    orig_starts.append(len(text))
    kept = pieces[0] if len(pieces) == 1 else "".join(pieces)
    return TextView(text=simplifier.convert(kept), origin=Origin(view_starts, orig_starts))


def pinyin_spans(report: Report) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in report.artefacts if a.kind == "pinyin"]


def make_view(report: Report, simplifier: Simplifier | None = None) -> TextView:
    """The analysis view of a loaded report (pass a shared ``Simplifier`` to avoid rebuilding OpenCC)."""
    return build_view(report.text, pinyin_spans(report), simplifier or Simplifier())
