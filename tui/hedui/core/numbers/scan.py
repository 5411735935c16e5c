"""Faster ``finditer`` for rule patterns over long texts, with exactly the same matches.

Python's ``re`` tries every position of the text in turn. When every match of a pattern must
begin with one of a known set of characters (worked out from the parsed pattern,
text/pattern_starts.py), only the positions holding one are worth trying: over a whole text a
gate pattern lets ``re`` itself skip to them and try the pattern there, and ``pattern.match``
gives the match; over a stretch, or near a literal every match holds, they are tried one by
one. Tried in increasing order, resuming after each match, this is what ``finditer`` does,
so the matches are identical; a pattern whose first characters cannot be told (one that can
match the empty string, starts with ``.`` or a negated class, or ignores case) is scanned
the ordinary way.

A whole-text scan of a pattern whose matches hold rare literals looks only at the stretches
around them (stretches.py).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import chain, repeat

try:  # Python >= 3.11
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from hedui.core.numbers.long_runs import DEEP, RunSafe
from hedui.core.text.stretches import Stretches, barrier  # noqa: F401 (barrier: for the callers of scan)
from hedui.core.text.pattern_starts import (
    first_chars, gate_pattern, gated_finditer, literal_prefix, parse, sre_skips, starts_class,
)


def _literal_runs(seq, out: list[str]) -> None:
    run: list[str] = []
    for op, av in seq:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        out.append("".join(run))
        run = []
        if op is _c.SUBPATTERN:
            _literal_runs(av[-1], out)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            _literal_runs(av[2], out)
    out.append("".join(run))


def required(pattern: re.Pattern[str], parsed=None) -> tuple[str, int] | None:
    """(a literal every match holds, the longest a match can be), or None if unknown."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        seq = parsed if parsed is not None else _p.parse(pattern.pattern, pattern.flags)
        runs: list[str] = []
        _literal_runs(seq, runs)
        width = seq.getwidth()[1]
    except Exception:
        return None
    lit = max(runs, key=len, default="")
    if not lit or width >= _c.MAXREPEAT or width > 10_000:
        return None
    return lit, width


class Scanner:
    """``Scanner(pattern).finditer(text)`` yields what ``pattern.finditer(text)`` yields, and
    ``match(text, pos)`` what ``pattern.match(text, pos)`` returns (skipping at once where
    a literal that every match holds is missing)."""

    __slots__ = ("pattern", "_starts", "_required", "_safe", "_gate", "_shallow_gate", "_stretches", "_behind")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        seq = parse(pattern)  # once, for each analysis
        skips = sre_skips(pattern, seq)
        first = None if skips else first_chars(pattern, seq)
        self._starts = None if first is None else starts_class(first)
        self._required = required(pattern, seq)
        self._safe = RunSafe.of(pattern, seq)
        self._behind = _behind_literal(pattern, seq)
        if self._behind is not None and self._safe is not None and self._safe.run_char.match(self._behind[-1]):
            self._behind = None  # a start inside a run may follow it: the long-run-safe scan is needed
        # (``re`` finds a literal prefix by itself, unless the long runs must be found too, and
        # the scan near a required literal is as fast)
        self._stretches = Stretches.of(pattern, self._starts, seq) if not (
            skips and self._safe is None and literal_prefix(pattern, seq)
            or self._required is not None and self._starts is not None) else None
        # a whole-text scan without a required literal: ``re`` itself skips to the starts
        self._gate = self._shallow_gate = None
        if self._starts is not None and self._required is None:
            self._gate = gate_pattern(pattern, self._starts)
            if self._safe is not None:
                self._shallow_gate = self._safe.shallow_gate(self._starts)

    def match_at(self, text: str, positions: list[int]) -> list[re.Match[str]]:
        """``pattern.match(text, p)`` for each of the sorted ``positions`` where it matches,
        trying only those with the required literal within reach."""
        req = self._required
        match = self.pattern.match
        if req is None:
            return [m for m in map(match, repeat(text), positions) if m]
        lit, width = req
        reach = width - len(lit)
        out: list[re.Match[str]] = []
        i, n = 0, len(positions)
        j = text.find(lit)
        while j >= 0 and i < n:
            # positions that can hold this occurrence: j - reach <= p <= j
            i = bisect_left(positions, j - reach, i)
            while i < n and positions[i] <= j:
                m = match(text, positions[i])
                if m:
                    out.append(m)
                i += 1
            j = text.find(lit, j + 1)
        return out

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        req = self._required
        if req is not None and text.find(req[0], pos, pos + req[1]) < 0:
            return None
        return self.pattern.match(text, pos)

    @property
    def safe(self) -> RunSafe | None:
        """The long-run-safe scan of the pattern (long_runs.py), if it has the shape."""
        return self._safe

    @property
    def gated(self) -> bool:
        """Are matches tried only where they can start (so a slice of the text costs its length)?"""
        return self._starts is not None

    def finditer(self, text: str, pos: int = 0, stop: int | None = None,
                 runs: dict | None = None) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)`` if the scan had started afresh at ``pos``,
        up to the first that starts at or after ``stop``. Linear in the text (long_runs.py);
        ``runs``: a dict kept for this ``text`` by a caller scanning it with many patterns, for
        what they share (``RunSafe.deep_regions``'s long runs, ``Stretches.find``'s literals)."""
        if self._behind is not None:
            yield from self._finditer_behind(text, pos, stop)
            return
        if pos == 0 and stop is None and self._stretches is not None:
            stretches = self._stretches.find(text, runs, self._safe is not None)
            if stretches is not None:
                yield from self._stretches.matches(self.pattern, text, stretches,
                                                   self._deep_stretch if self._safe is not None else None)
                return
        safe = self._safe
        if safe is not None:
            regions = safe.deep_regions(text, pos, stop, runs)
            region = next(regions, None)
            if region is not None:
                for m in safe.finditer(text, pos, chain((region,), regions), self._shallow_search(stop)):
                    if stop is not None and m.start() >= stop:
                        return
                    yield m
                return
        if self._starts is None:
            for m in self.pattern.finditer(text, pos):
                if stop is not None and m.start() >= stop:
                    return
                yield m
            return
        match = self.pattern.match
        if self._required is not None:
            yield from self._finditer_near(text, pos, stop)
            return
        if stop is None and self._gate is not None:
            yield from gated_finditer(self._gate.search, match, text, pos)
            return
        gate = self._starts.finditer(text, pos) if stop is None else self._starts.finditer(text, pos, stop)
        for c in gate:
            p = c.start()
            if p < pos:
                continue
            m = match(text, p)
            if m is not None:
                yield m
                pos = m.end()


    def _finditer_behind(self, text: str, pos: int, stop: int | None) -> Iterator[re.Match[str]]:
        """The scan of a pattern that starts with a look-behind of a literal: tried only just
        after the places of the literal (``str.find``), in order, resuming after each match."""
        lit = self._behind
        k = len(lit)
        match, find = self.pattern.match, text.find
        end = len(text) if stop is None else stop
        j = find(lit, max(0, pos - k))
        while j >= 0 and j + k < end:
            m = match(text, j + k)
            if m is None:
                j = find(lit, j + 1)
            else:
                yield m
                j = find(lit, m.end() - k)

    def _deep_stretch(self, text: str, a: int, b: int) -> Iterator[re.Match[str]] | None:
        """The matches in stretch [a, b) if long runs are deep in it (long_runs.py), else None."""
        if b - a <= DEEP:  # (a run starts after a barrier: none is deep in less)
            return None
        assert self._safe is not None and self._stretches is not None
        regions = self._safe.deep_regions(text, a, b)
        region = next(regions, None)
        if region is None:
            return None
        return self._safe.finditer(text, a, chain((region,), regions),
                                   self._stretches.search_before(self._safe.shallow, b))

    def _finditer_near(self, text: str, pos: int, stop: int | None) -> Iterator[re.Match[str]]:
        """The gated scan, skipping the stretches too far before the next occurrence of the literal
        every match holds (a match at ``p`` holds it at some ``q``, ``p <= q <= p + reach``)."""
        assert self._required is not None and self._starts is not None
        lit, width = self._required
        reach = width - len(lit)
        match, search, find = self.pattern.match, self._starts.search, text.find
        end = len(text) if stop is None else stop
        at, q = pos, -1
        while (c := search(text, at, end)) is not None:
            p = c.start()
            if q < p:
                q = find(lit, p)
                if q < 0:
                    return
            if q - p > reach:
                at = q - reach
                continue
            m = match(text, p)
            if m is None:
                at = p + 1
            else:
                yield m
                at = max(m.end(), p + 1)

    def _shallow_search(self, stop: int | None) -> Callable[[str, int], re.Match[str] | None]:
        """The first match of the long-run-safe variant from a position (gated like ``finditer``)."""
        shallow = self._safe.shallow
        if self._starts is None:
            return shallow.search
        if stop is None and self._shallow_gate is not None:
            gate_search, shallow_match = self._shallow_gate.search, shallow.match

            def gated_search(text: str, pos: int) -> re.Match[str] | None:
                g = gate_search(text, pos)
                return None if g is None else shallow_match(text, g.start())
            return gated_search
        starts, end = self._starts, stop

        def search(text: str, pos: int) -> re.Match[str] | None:
            gate = starts.finditer(text, pos) if end is None else starts.finditer(text, pos, end)
            for c in gate:
                m = shallow.match(text, c.start())
                if m is not None:
                    return m
            return None
        return search


def _behind_literal(pattern: re.Pattern[str], seq) -> str | None:
    """The literal of a look-behind that every match starts with (``(?<=每)[0-9]+``), or None
    (also for a pattern that may match the empty string)."""
    if seq is None or pattern.flags & (re.IGNORECASE | re.VERBOSE) or not seq.data or seq.getwidth()[0] == 0:
        return None
    op, av = seq.data[0]
    if op is not _c.ASSERT or av[0] != -1 or not av[1].data or any(o is not _c.LITERAL for o, _ in av[1].data):
        return None
    return "".join(chr(c) for _, c in av[1].data)


def literal_alternation(words) -> str:
    """A regex matching what ``"|".join(map(re.escape, longest_first(words)))`` matches, with the
    same preference (the longest word that lets the whole pattern match), written as a trie so
    that ``re`` does not try every word in turn: ``个(?:百分点)?|百分点``."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def rx(node: dict) -> str:
        kids = sorted(ch for ch in node if ch)
        parts = [re.escape(ch) + rx(node[ch]) for ch in kids]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    if "" in root or not root:  # an empty word: keep the plain alternation
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return rx(root)
