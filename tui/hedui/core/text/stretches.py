"""The stretches of a text where a pattern can match, and the whole-text scan of only those.

Even a scan that ``re`` skips through by a first-character class reads every character of the
text (some milliseconds a megabyte, for each of the many rule patterns). When every match of a
pattern holds one of a few literals (``pattern_starts.needed_literals``) that are rare in the
text, and cannot hold some characters (its barriers, ``barrier``), the whole-text scan
(``scan.Scanner.finditer``) looks only at the stretches free of barriers around each place of a
literal, which ``str.find`` finds faster than ``re`` reads a class: a match lies in one such
stretch, and the scan of a stretch from its start (just after a barrier) finds what the scan
from the text's start finds in it. (The artefact rules are scanned so too, artefacts.py.)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice

try:  # Python >= 3.11
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

from hedui.core.text.pattern_starts import first_chars, needed_literal_sets, starts_class

#: the scan of the stretches when the needed literals are at most one in this many characters,
#: or in this many for a pattern that reads a run at each try (long_runs.py: its plain scan costs more)
SPARSE_SHARE = 400
RUN_SHARE = 120


class _Unknown(Exception):
    pass


_UNSEEN = object()


class Stretches:
    """What the scan of the stretches of a pattern needs: the literals of which every match holds
    one, the characters no match holds (``barrier``) and the characters matches start with."""

    __slots__ = ("literal_sets", "_barrier", "_starts", "_compiled")

    def __init__(self, literals: tuple[str, ...] | tuple[tuple[str, ...], ...], barrier: str,
                 starts: re.Pattern[str] | frozenset[str]) -> None:
        #: the sets of literals of which every match holds one, the best first (any will do: the
        #: rarest in the text is used)
        self.literal_sets = (literals,) if isinstance(literals[0], str) else literals
        self._barrier = barrier
        self._starts = starts
        #: (the literals' finditer, barrier, last barrier, starts) compiled on first use (not on
        #: the way to a short text)
        self._compiled: tuple | None = None

    @classmethod
    def of(cls, pattern: re.Pattern[str], starts: re.Pattern[str] | None, parsed) -> Stretches | None:
        sets = needed_literal_sets(pattern, parsed)
        if not sets or parsed is None or parsed.getwidth()[0] == 0:
            return None  # (a match that may be empty holds nothing)
        bar = barrier_class(pattern, strict=True, parsed=parsed)
        first = first_chars(pattern, parsed) if starts is None else starts
        return None if bar is None or first is None else cls(sets, bar, first)

    @property
    def literals(self) -> tuple[str, ...]:
        """The best set of literals of which every match holds one."""
        return self.literal_sets[0]

    @property
    def compiled(self) -> tuple:
        if self._compiled is None:
            starts = self._starts if isinstance(self._starts, re.Pattern) else starts_class(self._starts)
            self._compiled = ({w: re.compile(re.escape(w)).finditer for ws in self.literal_sets for w in ws},
                              re.compile(self._barrier),
                              # the greedy ``.*`` then a barrier: its end is just after the last barrier
                              re.compile(f"(?s:.*)(?:{self._barrier})"),
                              starts)
        return self._compiled

    def find(self, text: str, memo: dict | None = None, runs: bool = False) -> list[tuple[int, int]] | None:
        """The stretches [a, b) free of barriers around each place of a literal, in order, or None
        when the literals are too many for the scan of the stretches to pay (``runs``: for a
        pattern that reads a run at each try). ``memo``: a dict kept for this ``text`` by a caller
        scanning it with many patterns (the places of each literal)."""
        memo = {} if memo is None else memo
        n = len(text)
        budget = n // (RUN_SHARE if runs else SPARSE_SHARE)
        # the set the fewest places of which are in the first eighth of the text, unless plainly too
        # many (for a set other than the best one the pattern tells, by half of the budget: the places
        # of a set of common characters are not worth finding on the strength of the first eighth)
        count, literals = min((sum(_sample_count(text, w, memo) for w in ws), ws) for ws in self.literal_sets)
        if count * (4 if literals is self.literal_sets[0] else 8) > budget:
            return None
        most = n // min(RUN_SHARE, SPARSE_SHARE)  # (what any pattern may take, remembered)
        places: list[int] = []
        finders, bar, last_bar, _ = self.compiled
        for w in literals:
            found = memo.get(w, _UNSEEN)
            if found is _UNSEEN:  # the places of w, or None for too many
                found = [m.start() for m in islice(finders[w](text), most + 1)]
                memo[w] = found = None if len(found) > most else found
            if found is None or len(found) > budget:
                return None
            budget -= len(found)
            places += found
        if len(literals) > 1:
            places.sort()
        out: list[tuple[int, int]] = []
        end = -1
        search, back = bar.search, last_bar.match
        for q in places:
            if q < end:
                continue  # in the stretch of an earlier place
            b = search(text, q)
            end = b.start() if b is not None else n
            a = back(text, q - 64 if q > 64 else 0, q)  # most stretches are short
            out.append((a.end() if a is not None else _after_last(last_bar, text, q), end))
        return out

    def matches(self, pattern: re.Pattern[str], text: str, stretches: list[tuple[int, int]],
                deep: Callable[[str, int, int], Iterator[re.Match[str]] | None] | None = None
                ) -> Iterator[re.Match[str]]:
        """The matches of ``pattern`` in ``stretches`` (``find``'s), as its ``finditer`` finds
        them: the scan of each from its start, never reading past its end. ``deep(a, b)``: the
        matches of stretch [a, b) of ``text`` scanned another way (long runs, scan.py), or None."""
        starts, match = self.compiled[3].search, pattern.match
        for a, b in stretches:
            found = deep(text, a, b) if deep is not None else None
            if found is not None:
                yield from found
                continue
            pos = a
            while (c := starts(text, pos, b)) is not None:
                p = c.start()
                m = match(text, p)
                if m is None:
                    pos = p + 1
                else:
                    yield m
                    pos = m.end()

    def search_before(self, pattern: re.Pattern[str], b: int) -> Callable[[str, int], re.Match[str] | None]:
        """The first match of ``pattern`` from a position that starts before ``b`` (a barrier)."""
        starts, match = self.compiled[3].search, pattern.match

        def search(text: str, pos: int) -> re.Match[str] | None:
            while (c := starts(text, pos, b)) is not None:
                m = match(text, c.start())
                if m is not None:
                    return m
                pos = c.start() + 1
            return None
        return search


def _sample_count(text: str, w: str, memo: dict) -> int:
    """How often ``w`` is in the first eighth of ``text`` (remembered in ``memo``)."""
    key = ("sample count", w)
    count = memo.get(key)
    if count is None:
        count = memo[key] = text.count(w, 0, len(text) // 8)
    return count


def _after_last(last_barrier: re.Pattern[str], text: str, q: int) -> int:
    """Just after the last barrier before ``q`` (0 if none)."""
    reach = 64
    while True:
        lo = max(0, q - reach)
        m = last_barrier.match(text, lo, q)
        if m is not None:
            return m.end()
        if lo == 0:
            return 0
        reach *= 4


def _consumable(seq, out: list[str], negs: list[str]) -> None:
    """Character-class pieces for every character a match of ``seq`` can consume (``out``);
    a negated class ``[^X]`` adds X to ``negs`` (only characters of every X can be barriers)."""
    for op, av in seq:
        if op is _c.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _c.NOT_LITERAL:
            negs.append(re.escape(chr(av)))
        elif op is _c.IN:
            negated = bool(av) and av[0][0] is _c.NEGATE
            dest: list[str] = [] if negated else out
            for iop, iav in av[1:] if negated else av:
                if iop is _c.LITERAL:
                    dest.append(re.escape(chr(iav)))
                elif iop is _c.RANGE:
                    dest.append(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                elif iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT:
                    dest.append(r"\d")
                elif iop is _c.CATEGORY and iav is _c.CATEGORY_SPACE:
                    dest.append(r"\s")
                else:
                    raise _Unknown
            if negated:
                if not dest:
                    raise _Unknown
                negs.append("".join(dest))
        elif op is _c.SUBPATTERN:
            _consumable(av[-1], out, negs)
        elif op is _c.BRANCH:
            for alt in av[1]:
                _consumable(alt, out, negs)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            _consumable(av[2], out, negs)
        elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero width: looks at characters, consumes none
        else:
            raise _Unknown


def barrier(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern of the characters no match of ``pattern`` can hold (None if unknown): the
    matches of a text never straddle one, so ``finditer`` starts afresh after each."""
    source = barrier_class(pattern)
    return None if source is None else re.compile(source)


def barrier_class(pattern: re.Pattern[str], *, strict: bool = False, parsed=None) -> str | None:
    """The source of ``barrier(pattern)``. ``strict``: None also for a pattern that holds a
    negated class (``[^》\n]``: its barriers are rare)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        pieces: list[str] = []
        negs: list[str] = []
        _consumable(parsed if parsed is not None else _p.parse(pattern.pattern, pattern.flags), pieces, negs)
    except Exception:
        return None
    if not pieces and not negs or strict and negs:
        return None
    inside = "".join(f"(?=[{x}])" for x in negs)
    return inside + ("[^" + "".join(pieces) + "]" if pieces else r"[\s\S]")
