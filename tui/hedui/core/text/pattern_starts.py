"""Where a regex's matches can start: the characters every match begins with (worked out from
the parsed pattern), and a gate pattern with which ``re`` itself skips to where the pattern
matches; and the literals of which every match holds one (``needed_literals``). Used by the rule
scans of numbers/scan.py and by the furniture rules of artefacts.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

try:  # Python >= 3.11
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: more first characters than this and the plain scan is as fast
_MAX_FIRST = 400
#: what ``\\s`` matches (str.isspace; none is above U+3000): a superset of its ASCII meaning
_SPACES = frozenset(ch for ch in map(chr, range(0x3001)) if ch.isspace())


class _Unknown(Exception):
    pass


def _first_of_item(op, av) -> tuple[set[str], bool]:
    """(first characters, can be empty) of one parsed item."""
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        if av and av[0][0] is _c.NEGATE:
            return _first_of_negated(av[1:]), False
        chars: set[str] = set()
        for iop, iav in av:
            if iop is _c.LITERAL:
                chars.add(chr(iav))
            elif iop is _c.RANGE:
                lo, hi = iav
                if hi - lo > _MAX_FIRST:
                    raise _Unknown
                chars.update(chr(i) for i in range(lo, hi + 1))
            elif iop is _c.CATEGORY and iav is _c.CATEGORY_SPACE:
                chars |= _SPACES
            else:  # CATEGORY, ...
                raise _Unknown
        return chars, False
    if op is _c.SUBPATTERN:
        return _first_of_seq(av[-1])
    if op is _c.BRANCH:
        chars = set()
        empty = False
        for alt in av[1]:
            f, e = _first_of_seq(alt)
            chars |= f
            empty = empty or e
        return chars, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, item = av
        f, e = _first_of_seq(item)
        return f, e or lo == 0
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return set(), True  # zero width
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first_of_seq(av)
    raise _Unknown


def _first_of_negated(items) -> set[str]:
    """The characters of a negated class that can be told: ``[^\\S\\n]``, the spaces but some."""
    if sum(1 for iop, _ in items if iop is _c.CATEGORY) != 1 or (_c.CATEGORY, _c.CATEGORY_NOT_SPACE) not in items:
        raise _Unknown
    chars = set(_SPACES)
    for iop, iav in items:
        if iop is _c.LITERAL:
            chars.discard(chr(iav))
        elif iop is _c.RANGE:
            chars = {ch for ch in chars if not iav[0] <= ord(ch) <= iav[1]}
        elif iop is not _c.CATEGORY:
            raise _Unknown
    return chars


def _first_of_seq(seq) -> tuple[set[str], bool]:
    chars: set[str] = set()
    for op, av in seq:
        f, empty = _first_of_item(op, av)
        chars |= f
        if not empty:
            return chars, False
    return chars, True


def parse(pattern: re.Pattern[str]):
    """The parsed form of ``pattern`` (None if it cannot be parsed), which the analyses here and
    in numbers/ read: parse once, give it to each (``parsed=``)."""
    try:
        return _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - it compiled once
        return None


def _parsed(pattern: re.Pattern[str], parsed):
    return parsed if parsed is not None else _p.parse(pattern.pattern, pattern.flags)


def first_chars(pattern: re.Pattern[str], parsed=None) -> frozenset[str] | None:
    """The characters every match of ``pattern`` starts with, or None if they cannot be told."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        chars, empty = _first_of_seq(_parsed(pattern, parsed))
    except (_Unknown, Exception):
        return None
    if empty or not chars or len(chars) > _MAX_FIRST:
        return None
    return frozenset(chars)


def gate_pattern(pattern: re.Pattern[str], starts: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern that matches one character at exactly the positions where ``pattern`` matches:
    ``[F](?<=(?=P)[F])``, F the first characters of P. It begins with the class of F, so ``re``
    itself skips to where a match can start (as it does for a pattern that begins with a class),
    and its ``search`` finds the next start of a match of P without a Python step per F."""
    f = starts.pattern
    if not isinstance(pattern.pattern, str):
        return None
    try:
        return re.compile(f"{f}(?<=(?={pattern.pattern}){f})", pattern.flags)
    except (re.error, RecursionError, OverflowError):
        return None


def gated_finditer(search: Callable[[str, int], re.Match[str] | None], match: Callable[[str, int], re.Match[str] | None],
           text: str, pos: int) -> Iterator[re.Match[str]]:
    """``finditer`` from ``pos`` with ``search`` a ``gate_pattern``'s: the next position where the
    pattern matches (never an empty match: the pattern starts with one of its first characters)."""
    g = search(text, pos)
    while g is not None:
        m = match(text, g.start())
        if m is None:  # cannot happen (the gate holds the pattern as a look-ahead); kept exact
            g = search(text, g.start() + 1)
            continue
        yield m
        g = search(text, m.end())


def sre_skips(pattern: re.Pattern[str], parsed=None) -> bool:
    """Does ``re`` itself skip to where matches can start (a literal prefix or a first-character
    set it works out, as ``re``'s compiler does)? Then a scan of ours would only add work."""
    try:
        seq = _parsed(pattern, parsed)
    except Exception:
        return True
    try:
        from re import _compiler

        prefix = _compiler._get_literal_prefix(seq, pattern.flags)[0]
        return bool(prefix) or _compiler._get_charset_prefix(seq, pattern.flags) is not None
    except Exception:  # pragma: no cover - another Python: judge by the first item
        if not len(seq):
            return True
        op, av = seq[0]
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1 and len(av[2]):
            op, av = av[2][0]
        return op in (_c.LITERAL, _c.IN)


def literal_prefix(pattern: re.Pattern[str], parsed=None) -> bool:
    """Does every match begin with a literal ``re`` searches for by itself (fast, as ``str.find``)?"""
    try:
        from re import _compiler

        return bool(_compiler._get_literal_prefix(_parsed(pattern, parsed), pattern.flags)[0])
    except Exception:  # pragma: no cover - another Python
        return False


#: a set of more literals than this is not worth looking for one by one
_MAX_NEEDED = 8


def needed_literals(pattern: re.Pattern[str], parsed=None) -> tuple[str, ...] | None:
    """Literals of which every match of ``pattern`` holds one (inside the match, not in a
    look-around): the fewest, then the longest, that the parsed pattern tells; None if unknown."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        found = _needed(_parsed(pattern, parsed))
    except Exception:
        return None
    if not found:
        return None
    # a literal holding another of the set adds no place: 方面 holds 面
    return tuple(w for w in found if not any(v != w and v in w for v in found))


def _better(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if a is None or b is None:
        return a if b is None else b
    return a if (-len(a), min(map(len, a))) >= (-len(b), min(map(len, b))) else b


def _needed(seq) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None
    run: list[str] = []
    for op, av in [*seq, (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, ("".join(run),))
            run = []
        if op is _c.SUBPATTERN:
            best = _better(best, _needed(av[-1]))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            best = _better(best, _needed(av[2]))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            best = _better(best, _needed(av))
        elif op is _c.BRANCH:
            alts = [_needed(alt) for alt in av[1]]
            if all(alts):
                words = tuple(dict.fromkeys(w for alt in alts for w in alt))
                if len(words) <= _MAX_NEEDED:
                    best = _better(best, words)
        elif op is _c.IN and len(av) <= _MAX_NEEDED and all(iop is _c.LITERAL for iop, _ in av):
            best = _better(best, tuple(chr(iav) for _, iav in av))
    return best


def gate_for(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The gate pattern of ``pattern`` (``gate_pattern``), or None when ``re`` skips to its starts
    by itself or they cannot be told."""
    if sre_skips(pattern):
        return None
    first = first_chars(pattern)
    return None if first is None else gate_pattern(pattern, starts_class(first))


def line_gate_for(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a pattern whose every match starts a line (each alternative begins with ``^`` under
    MULTILINE) and holds a character: ``\\n(?=P)``, whose ``search`` (``re`` finds the newline as
    fast as ``str.find``) gives the newline before the next line where the pattern matches
    (``line_finditer``); else None. ``re`` alone tries the pattern at every position."""
    if not pattern.flags & re.MULTILINE or not isinstance(pattern.pattern, str):
        return None
    seq = parse(pattern)
    if seq is None or not _starts_lines(seq) or seq.getwidth()[0] == 0:
        return None
    try:
        return re.compile(f"\\n(?=(?:{pattern.pattern}))", pattern.flags)
    except (re.error, RecursionError, OverflowError):
        return None


def _starts_lines(seq) -> bool:
    for op, av in seq:
        if op is _c.AT:
            return av is _c.AT_BEGINNING  # (``^``: a line's start under MULTILINE)
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width
        if op is _c.SUBPATTERN:
            return _starts_lines(av[-1])
        if op is _c.BRANCH:
            return all(_starts_lines(alt) for alt in av[1])
        return False
    return False


def line_finditer(search: Callable[[str, int], re.Match[str] | None], match: Callable[[str, int], re.Match[str] | None],
                  text: str) -> Iterator[re.Match[str]]:
    """``finditer`` of a pattern that only matches at line starts, with ``search`` its
    ``line_gate_for``'s: tried at 0, then after each newline where it matches."""
    m = match(text, 0)
    end = 0
    if m is not None:
        yield m
        end = m.end()
    g = search(text, end - 1 if end else 0)  # the next line start at or after ``end``
    while g is not None:
        m = match(text, g.start() + 1)
        if m is None:  # cannot happen (the gate holds the pattern as a look-ahead); kept exact
            g = search(text, g.start() + 1)
            continue
        yield m
        g = search(text, m.end() - 1)


def starts_class(first: frozenset[str]) -> re.Pattern[str]:
    """The character class of ``first``."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(first)) + "]")
