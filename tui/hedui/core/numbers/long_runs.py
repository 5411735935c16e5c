"""``finditer`` in linear time for patterns that start with a character and a run of them.

A rule pattern such as ``[0-9一二…][0-9一二….]*\\s*年`` (a number, then 年) is tried by ``re`` at
every position of a run of numeral characters, and every try reads the run to its end before it
fails: 5,000 digits in a row take seconds and a million never finish. Yet when the try at ``p``
gets past the first character and fails, every later start inside the same run fails too: the
run ``[B]*`` stretches to the same end, so the rest of the pattern is tried at a subset of the
same places, and what it finds there does not depend on where the match began (no back
references). So after such a failure the scan may jump to the end of the run.

``RunSafe`` does that, and only inside long runs: ``re`` itself keeps trying every position that
has fewer than ``DEEP`` run characters before it (a variant of the pattern with one look-behind
more refuses the others), and the positions deeper in a run are tried here, in order, with the
jump. The matches are exactly those of ``pattern.finditer``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
import re

try:  # Python >= 3.11
    from re import _compiler, _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: positions with at least this many run characters before them are tried here, not by ``re``
DEEP = 12

_ONE_CHAR = (_c.LITERAL, _c.IN, _c.NOT_LITERAL)
_ZERO_WIDTH = (_c.ASSERT, _c.ASSERT_NOT, _c.AT)
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))
                 if op is not None)


def _has_groupref(seq) -> bool:
    for op, av in seq:
        if str(op).startswith("GROUPREF"):
            return True
        for x in av if isinstance(av, (tuple, list)) else ():
            if isinstance(x, _p.SubPattern) and _has_groupref(x):
                return True
            if isinstance(x, list) and any(isinstance(y, _p.SubPattern) and _has_groupref(y) for y in x):
                return True
    return False


def _compile(state, items) -> re.Pattern[str]:
    return _compiler.compile(_p.SubPattern(state, list(items)), state.flags)


class RunSafe:
    """The long-run-safe ``finditer`` of one pattern (``RunSafe.of`` is None for a pattern
    without the shape: some zero-width assertions and one character, then an unbounded run of
    one character class)."""

    __slots__ = ("pattern", "shallow", "head", "first", "runs", "run_char", "run_key", "_shallow_seq", "run_item")

    def __init__(self, pattern, shallow, head, first, runs, run_char, shallow_seq=None, run_key: str = "",
                 run_item=None) -> None:
        self.pattern = pattern
        self.shallow = shallow  # the pattern, refused at deep positions
        self._shallow_seq = shallow_seq  # (parser state, items) it was compiled from
        self.head = head  # what comes before the run: a failure after it allows the jump
        self.first = first  # the first character
        self.runs = runs  # long runs of the run's characters
        self.run_char = run_char
        self.run_key = run_key  # the run's character (class), written: the memo of deep_regions's key
        self.run_item = run_item  # the run's character (class), parsed

    @classmethod
    def of(cls, pattern: re.Pattern[str], parsed=None) -> RunSafe | None:
        """(``parsed``: ``pattern_starts.parse(pattern)``, if at hand)"""
        if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
            return None
        try:
            seq = parsed if parsed is not None else _p.parse(pattern.pattern, pattern.flags)
        except Exception:  # pragma: no cover - it compiled once
            return None
        data = list(seq.data)
        first = next((i for i, (op, _) in enumerate(data) if op not in _ZERO_WIDTH), None)
        if first is not None and data[first][0] in _REPEATS:  # [B]+ is [B][B]*
            op, (lo, hi, item) = data[first]
            if lo >= 1 and len(item.data) == 1 and item.data[0][0] in _ONE_CHAR:
                data[first:first + 1] = [item.data[0], (op, (lo - 1, hi, item))]
        if first is None or data[first][0] not in _ONE_CHAR:
            return None
        r = first + 1
        while r < len(data) and data[r][0] in _ZERO_WIDTH:
            r += 1
        if r >= len(data) or data[r][0] not in _REPEATS:
            return None
        lo, hi, item = data[r][1]
        if hi != _c.MAXREPEAT or len(item.data) != 1 or item.data[0][0] not in _ONE_CHAR:
            return None
        if _has_groupref(data) or seq.getwidth()[0] == 0:
            return None
        state = seq.state
        b = item.data[0]
        deep = (_c.ASSERT_NOT, (-1, _p.SubPattern(state, [
            (_c.MAX_REPEAT, (DEEP, DEEP, _p.SubPattern(state, [b]))), data[first]])))
        shallow_items = data[:first + 1] + [deep] + data[first + 1:]
        try:
            shallow = _compile(state, shallow_items)
            head = _compile(state, data[:r])
            first_char = _compile(state, [data[first]])
            runs = _compile(state, [(_c.MAX_REPEAT, (DEEP, _c.MAXREPEAT, _p.SubPattern(state, [b])))])
            run_char = _compile(state, [b])
        except Exception:  # pragma: no cover - a construct this Python compiles differently
            return None
        if _disjoint(data[first], first_char, b, run_char):
            return None  # no try starts inside a run: each run is read by one try at most
        return cls(pattern, shallow, head, first_char, runs, run_char, (state, shallow_items), repr(b), b)

    def shallow_gate(self, starts: re.Pattern[str]) -> re.Pattern[str] | None:
        """``scan.gate_pattern`` of ``shallow`` (compiled from parsed items, it has no source):
        ``[F](?<=(?=shallow)[F])`` with ``starts`` the class ``[F]`` of its first characters."""
        if self._shallow_seq is None:
            return None
        state, items = self._shallow_seq
        try:
            f = list(_p.parse(starts.pattern, starts.flags).data)
            ahead = (_c.ASSERT, (1, _p.SubPattern(state, list(items))))
            return _compile(state, f + [(_c.ASSERT, (-1, _p.SubPattern(state, [ahead] + f)))])
        except Exception:  # pragma: no cover - a construct this Python compiles differently
            return None

    def deep_regions(self, text: str, pos: int, stop: int | None = None,
                     runs: dict | None = None) -> Iterator[tuple[int, int]]:
        """[first, last] of the positions from ``pos`` (before ``stop``) with DEEP run characters
        before them, in order. ``runs``: a dict the caller keeps for this one ``text``, where the
        long runs of the whole text are remembered per run class (many patterns share one)."""
        if runs is not None and pos == 0 and stop is None:
            # by the run's character class (the runs pattern, compiled from parsed items, has no
            # source to tell it by: its ``pattern`` is None for every rule)
            key = self.memo_key
            found = runs.get(key)
            if found is None:
                found = runs[key] = [m.span() for m in self.runs.finditer(text)]
            return ((a + DEEP, b) for a, b in found)
        return self._deep_regions(text, pos, stop)

    @property
    def memo_key(self) -> tuple:
        """The key of this run class's long runs in a ``deep_regions`` memo (``runs``)."""
        return ("long runs", self.run_key, self.runs.flags)

    def _deep_regions(self, text: str, pos: int, stop: int | None) -> Iterator[tuple[int, int]]:
        s = pos
        while s > 0 and pos - s < DEEP and self.run_char.match(text, s - 1):
            s -= 1  # from the start of a run that ``pos`` is inside
        end = len(text) if stop is None else min(len(text), stop)
        for m in self.runs.finditer(text, s, end):
            yield max(pos, m.start() + DEEP), m.end()

    def finditer(self, text: str, pos: int, regions: Iterator[tuple[int, int]],
                 search: Callable[[str, int], re.Match[str] | None]) -> Iterator[re.Match[str]]:
        """What ``pattern.finditer(text, pos)`` yields, given ``deep_regions(text, pos)`` and
        ``search(text, pos)``, the first match of ``shallow`` that starts at or after ``pos``."""
        match, head, first = self.pattern.match, self.head.match, self.first.search
        n = len(text)
        nxt = search(text, pos)
        for d0, d1 in regions:
            while nxt is not None and nxt.start() < d0:
                yield nxt
                pos = nxt.end()
                nxt = search(text, pos)
            p = max(pos, d0)
            while p <= d1 and p < n:
                c = first(text, p, d1 + 1)
                if c is None:
                    break
                p = c.start()
                m = match(text, p)
                if m is not None:
                    yield m
                    p = pos = m.end()
                elif head(text, p) is not None and p < d1:
                    p = d1  # every start up to the end of the run fails as this one did
                else:
                    p += 1
            pos = max(pos, d1 + 1)
            if nxt is not None and nxt.start() < pos:
                nxt = search(text, pos)
        while nxt is not None:
            yield nxt
            pos = nxt.end()
            nxt = search(text, pos)


#: the characters ``\s`` matches in a str pattern (``str.isspace``'s, tests/test_long_runs.py): as
#: characters, a class ``re`` tests faster than the category
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _chars(item) -> list[str] | None:
    """The characters of a one-character item, if it is a few literals and ranges."""
    op, av = item
    if op is _c.LITERAL:
        return [chr(av)]
    if op is not _c.IN:
        return None
    out: list[str] = []
    for iop, iav in av:
        if iop is _c.LITERAL:
            out.append(chr(iav))
        elif iop is _c.RANGE and iav[1] - iav[0] < 256:
            out += map(chr, range(iav[0], iav[1] + 1))
        else:
            return None
    return out


def _disjoint(first_item, first: re.Pattern[str], run_item, run: re.Pattern[str]) -> bool:
    """Do the first character and the run's characters have none in common (as far as told)?"""
    chars = _chars(first_item)
    if chars is not None:
        return not any(run.match(ch) for ch in chars)
    chars = _chars(run_item)
    return chars is not None and not any(first.match(ch) for ch in chars)


class SharedRuns:
    """The long runs of the run classes of several ``RunSafe``s found with one scan of the text:
    each class's long runs lie in the long runs of their union, which are rare (a scan of the
    text for each class costs a few milliseconds a megabyte)."""

    __slots__ = ("union", "safes")

    def __init__(self, union: re.Pattern[str], safes: list[RunSafe]) -> None:
        self.union = union
        self.safes = safes

    @classmethod
    def of(cls, safes) -> SharedRuns | None:
        """None when fewer than two classes are found, or one is negated or has other flags."""
        by_key = {s.memo_key: s for s in safes if s is not None and s.run_item is not None}
        if len(by_key) < 2:
            return None
        items: list = []
        state = None
        for s in by_key.values():
            op, av = s.run_item
            if state is None:
                state = s._shallow_seq[0]
                if state.flags & re.ASCII:
                    return None
            elif s._shallow_seq[0].flags != state.flags:
                return None
            if op is _c.LITERAL:
                items.append([(op, av)])
            elif op is _c.IN and not (av and av[0][0] is _c.NEGATE):
                items.extend(_SPACE_ITEMS if item == (_c.CATEGORY, _c.CATEGORY_SPACE) else [item] for item in av)
            else:
                return None
        items = [x for group in items for x in group]
        one = _p.SubPattern(state, [(_c.IN, items)])
        # a run's first character (one run character before it refuses the others: each run is read once)
        behind = (_c.ASSERT_NOT, (-1, _p.SubPattern(state, [(_c.IN, items), (_c.IN, items)])))
        try:
            union = _compile(state, [(_c.IN, items), behind, (_c.MAX_REPEAT, (DEEP - 1, _c.MAXREPEAT, one))])
        except Exception:  # pragma: no cover - a construct this Python compiles differently
            return None
        return cls(union, list(by_key.values()))

    def fill(self, text: str, runs: dict) -> None:
        """Put the long runs of each class in ``runs`` (``RunSafe.deep_regions``'s memo for ``text``)."""
        regions = [m.span() for m in self.union.finditer(text)]
        for s in self.safes:
            if s.memo_key not in runs:
                finditer = s.runs.finditer
                runs[s.memo_key] = [m.span() for a, b in regions for m in finditer(text, a, b)]


_SPACE_ITEMS = _p.parse(f"[{SPACES}]").data[0][1]
