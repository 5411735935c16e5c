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


#: the first "character" of a match that begins at a line's start (``^``), as a class piece
_LINE = ""
#: categories written as class pieces
_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w"}


def _first_of_item(op, av, pieces: bool = False) -> tuple[set[str], bool]:
    """(first characters, can be empty) of one parsed item. ``pieces``: pieces of a character
    class instead (also a wide range or a category as written, and _LINE for ``^``)."""
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
                if hi - lo <= _MAX_FIRST:
                    chars.update(chr(i) for i in range(lo, hi + 1))
                elif pieces:
                    chars.add(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
                else:
                    raise _Unknown
            elif iop is _c.CATEGORY and iav is _c.CATEGORY_SPACE:
                chars |= _SPACES
            elif iop is _c.CATEGORY and pieces and iav in _CATEGORIES:
                chars.add(_CATEGORIES[iav])
            else:  # CATEGORY, ...
                raise _Unknown
        return chars, False
    if op is _c.SUBPATTERN:
        return _first_of_seq(av[-1], pieces)
    if op is _c.BRANCH:
        chars = set()
        empty = False
        for alt in av[1]:
            f, e = _first_of_seq(alt, pieces)
            chars |= f
            empty = empty or e
        return chars, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, item = av
        f, e = _first_of_seq(item, pieces)
        return f, e or lo == 0
    if pieces and op is _c.AT and av is _c.AT_BEGINNING:
        return {_LINE}, False
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return set(), True  # zero width
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first_of_seq(av, pieces)
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


def _first_of_seq(seq, pieces: bool = False) -> tuple[set[str], bool]:
    chars: set[str] = set()
    for op, av in seq:
        f, empty = _first_of_item(op, av, pieces)
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
    sets = needed_literal_sets(pattern, parsed)
    return sets[0] if sets else None


def needed_literal_sets(pattern: re.Pattern[str], parsed=None) -> tuple[tuple[str, ...], ...]:
    """Every set of literals of which every match of ``pattern`` holds one that the items of the
    parsed pattern tell (人|次 and 下载|浏览|… in ``[0-9]+(?:人|次)(?:下载|浏览|…)``), the best
    (``needed_literals``'s) first: which is rarest depends on the text."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return ()
    try:
        found: list[tuple[str, ...]] = []
        best = _needed(_parsed(pattern, parsed), found)
    except Exception:
        return ()
    if not best:
        return ()
    # a literal holding another of the set adds no place: 方面 holds 面
    sets = [tuple(w for w in ws if not any(v != w and v in w for v in ws)) for ws in [best] + found]
    return tuple(dict.fromkeys(sets))


def _better(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if a is None or b is None:
        return a if b is None else b
    return a if (-len(a), min(map(len, a))) >= (-len(b), min(map(len, b))) else b


def _needed(seq, found: list[tuple[str, ...]] | None = None) -> tuple[str, ...] | None:
    """The best set of needed literals of ``seq``; ``found``: every set its items tell is added."""
    best: tuple[str, ...] | None = None
    run: list[str] = []
    for op, av in [*seq, (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        one: tuple[str, ...] | None = None
        if run:
            best = _better(best, ("".join(run),))
            if found is not None:
                found.append(("".join(run),))
            run = []
        if op is _c.SUBPATTERN:
            one = _needed(av[-1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            one = _needed(av[2])
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            one = _needed(av)
        elif op is _c.BRANCH:
            alts = [_needed(alt) for alt in av[1]]
            if all(alts):
                words = tuple(dict.fromkeys(w for alt in alts for w in alt))
                if len(words) <= _MAX_NEEDED:
                    one = words
        elif op is _c.IN and len(av) <= _MAX_NEEDED and all(iop is _c.LITERAL for iop, _ in av):
            one = tuple(chr(iav) for _, iav in av)
        if one:
            best = _better(best, one)
            if found is not None:
                found.append(one)
    return best


def gates_for(pattern: re.Pattern[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
    """(line gate, character gate) of ``pattern`` for ``starts_finditer``: each match begins at a
    line's start (``^`` under MULTILINE), where the line gate ``\\n(?=P)`` finds the newline
    before it (as fast as ``str.find``), or at one of its first characters, where the character
    gate (``gate_pattern``) finds it; None when ``re`` skips to its starts by itself or they
    cannot be told."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE or sre_skips(pattern):
        return None
    seq = parse(pattern)
    try:
        found, empty = _first_of_seq(seq, pieces=True)
    except Exception:
        return None
    if empty or not found or seq.getwidth()[0] == 0:
        return None
    chars = sorted(found - {_LINE})
    line = char = None
    try:
        if _LINE in found:
            line = re.compile(f"\\n(?=(?:{pattern.pattern}))", pattern.flags)
        if chars:  # (compiled with the pattern's flags: a class that ignores case as it does)
            char = gate_pattern(pattern, re.compile("[" + "".join(re.escape(p) if len(p) == 1 else p for p in chars) + "]"))
            if char is None:
                return None
    except (re.error, RecursionError, OverflowError):
        return None
    return line, char


def starts_finditer(line: Callable[[str, int], re.Match[str] | None] | None,
                    char: Callable[[str, int], re.Match[str] | None] | None,
                    match: Callable[[str, int], re.Match[str] | None], text: str) -> Iterator[re.Match[str]]:
    """``finditer`` of a pattern tried only where its ``gates_for`` (their ``search``) find it may
    match: after a newline (and at 0) for the line gate, at the character gate's places."""
    nl = 0 if line is not None else None  # the next line start to try (0 is not after a newline)
    g = char(text, 0) if char is not None else None
    nc = g.start() if g is not None else None  # the next place of the character gate
    while nl is not None or nc is not None:
        p = nc if nl is None or (nc is not None and nc < nl) else nl
        m = match(text, p)
        end = p + 1 if m is None else m.end()  # (m is never empty)
        if m is not None:
            yield m
        if nl is not None and nl < end:
            g = line(text, end - 1)  # a newline at end - 1 or later: a line start at end or later
            nl = g.start() + 1 if g is not None else None
        if nc is not None and nc < end:
            g = char(text, end)
            nc = g.start() if g is not None else None


def starts_class(first: frozenset[str]) -> re.Pattern[str]:
    """The character class of ``first``."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(first)) + "]")
