"""The numeral engine: every written number in a (simplified) text, with its exact value.

``find_numbers`` finds Arabic numbers (half- and full-width, decimals, thousands
separators, signs), Chinese numerals (七, 一百二十三, 两万, 二〇二〇, 十二三),
mixed forms (1.2万, 2600多万, 1亿2000万, 1,030万6,880) and number-level ranges
(3~5, 3-5万, 一到两, 三四十).  Units, percent signs and qualifiers outside the
number (余/多/左右 after the scale) are left to the extractor.  Values are exact
``Decimal``s in base units.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from operator import attrgetter

from hedui.core.numbers.financial import FIN_START, financial_numeral
from hedui.core.numbers.scan import Scanner
from hedui.core.numbers.numerals import (
    ARABIC_DIGITS,
    BIG_UNITS,
    MAX_DIGITS,
    CN_DIGITS,
    KILO_UNITS,
    RUN_RE,
    SMALL_UNITS,
    TOO_LONG_RE,
    Reading,
    Token,
    read_number,
    tidy,
    tokenize,
)

__all__ = ["NumberMatch", "find_numbers", "parse_number", "parse_range"]


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen: a frozen __init__ costs 5x
class NumberMatch:
    """One number in a string.

    ``value`` is the exact value in base units (the low end for a range),
    ``value_max`` the high end of a number-level range (else None), ``kind``
    "arabic" | "chinese" | "mixed", ``inner`` a qualifier between the digits and
    the scale ("多" in 2600多万), ``scale`` the scale characters written at the end
    (万, 亿, 万亿; for a number with Arabic digits also 千/百: "3千" -> "千"),
    ``negative`` whether a leading -/−/－/负 was consumed. A run with more digits in a row
    than numerals.MAX_DIGITS is one number of kind "too_long" and value 0 (never read).
    """

    start: int
    end: int
    text: str
    value: Decimal
    value_max: Decimal | None
    kind: str
    inner: str
    scale: str
    negative: bool


_SINGLE: dict[str, tuple[Decimal, str]] = {
    **{c: (Decimal(v), "chinese") for c, v in CN_DIGITS.items() if c != "○"},
    **{c: (Decimal(i % 10), "arabic") for i, c in enumerate(ARABIC_DIGITS)},
    "十": (Decimal(10), "chinese"),
    "拾": (Decimal(10), "chinese"),
}
#: a run (not all digits) that is a decimal (7.7) or a number and one big scale (8万, 1.5亿), ASCII digits
_PLAIN_SCALED = re.compile(rf"([0-9]+(?:\.[0-9]+)?)([{''.join(BIG_UNITS)}])?")
_ZERO = Decimal(0)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


#: A scale word with no digit before it (近百场, 百余个, 万亩, 上亿元, the 百 of 百分之).
_BARE_RE = re.compile(
    rf"(?<![{''.join(CN_DIGITS)}十拾多余])(?:[百佰万萬亿億]|[千仟](?![{KILO_UNITS}]))+")

_BARE_SCAN = Scanner(_BARE_RE)
#: a bare scale number is a few characters (百万, 千万亿): what is read of a run at most
_BARE_READ = 16


def find_numbers(s: str, *, bare_scales: bool = False) -> list[NumberMatch]:
    """Every maximal number in ``s``, left to right, non-overlapping.

    A scale word with no digit before it (百, 千, 万, 亿, 百万, 千万 …) is not a number,
    unless ``bare_scales`` is set: then each such run not inside another number is
    also returned, as a Chinese number (百 -> 100, 上亿 -> the 亿, 千家万户 -> 千 and 万,
    百分之三十 -> 百 and 三十); deciding when it is a figure (近百场, 百余个, 万亩以上)
    or a percent sign (百分之) is the caller's.
    """
    out = _regular(s)
    if bare_scales:
        out = _with_bare_scales(s, out)
    return out


def _regular(s: str) -> list[NumberMatch]:
    out: list[NumberMatch] = []
    fin = FIN_START
    for m in RUN_RE.finditer(s):  # (it begins with a class: ``re`` skips to where a run starts)
        run = m.group()
        start = m.start()
        if not fin.isdisjoint(run):
            words = [p for p, ch in enumerate(run) if ch in fin and not financial_numeral(s, start + p)]
            if words:  # 伍 of 队伍, 陆 of 陆续: letters of ordinary words, not numbers
                _pieces(s, run, start, words, out)
                continue
        _emit(run, start, m.end(), out)
    return out


def _emit(run: str, start: int, end: int, out: list[NumberMatch]) -> None:
    if len(run) > MAX_DIGITS and TOO_LONG_RE.search(run):
        out.append(_too_long(run, start, end))
        return
    if len(run) == 1:
        hit = _SINGLE.get(run)
        if hit is not None:
            out.append(NumberMatch(start, start + 1, run, hit[0], None, hit[1], "", "", False))
        return
    if run.isdigit():  # the run alphabet makes this Arabic digits only
        out.append(NumberMatch(start, end, run, Decimal(run.translate(_FULLWIDTH_DIGITS)),
                               None, "arabic", "", "", False))
        return
    plain = _PLAIN_SCALED.fullmatch(run)
    if plain is not None:  # 7.7, 8万, 1.5亿: what read_number makes of them, without the tokens
        digits, big = plain.groups()
        if big is None:
            out.append(NumberMatch(start, end, run, tidy(_ZERO + Decimal(digits)), None, "arabic", "", "", False))
        else:
            value = tidy((_ZERO + Decimal(digits)) * BIG_UNITS[big])
            out.append(NumberMatch(start, end, run, value, None, "mixed", "", big, False))
        return
    if len(run) <= MAX_DIGITS:
        grouped = _GROUPED.fullmatch(run)
        if grouped is not None and _grouped(run, start, end, grouped, out):
            return
        if len(run) == 2:
            two = _TWO.get(run)
            if two is not None:  # 十五, 二十, 一二: read once (``_read_twos``)
                out.extend(NumberMatch(start + a, start + b, t, v, vm, k, i, sc, ng) for a, b, t, v, vm, k, i, sc, ng in two)
                return
    found: list[NumberMatch] = []
    try:
        _numbers_in_run(run, start, found)
    except InvalidOperation:  # a value beyond Decimal's precision (999…9万亿): too long to be a figure
        found = [_too_long(run, start, end)]
    out.extend(found)


#: an ASCII number with a sign or thousands separators (-9.5, 1,234.56, 负3), or an amount in
#: 万 with a separated tail (1,030万6,880, 12万3,456): what reading its tokens gives (``_grouped``)
_GROUPED = re.compile(r"([-−－负])?([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
                      r"(?:万([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,4}))?")
_TEN_THOUSAND = Decimal(10) ** 4


def _grouped(run: str, start: int, end: int, m: re.Match[str], out: list[NumberMatch]) -> bool:
    """The number of ``run`` (a ``_GROUPED`` match) into ``out``; False for a shape read from its
    tokens: a bare number (other short cuts), a signed amount in 万, a tail that is no part of it."""
    sign, head, tail = m.groups()
    if tail is None:
        value = tidy(_ZERO + Decimal(head.replace(",", "")))
        out.append(NumberMatch(start, end, run, value if sign is None else -value, None, "arabic", "", "",
                               sign is not None))
        return True
    if sign is not None or "." in head or not ("," in head or "," in tail):
        return False  # (a tail without a separator stands alone: 3万2020年)
    rest = Decimal(tail.replace(",", ""))
    if rest >= _TEN_THOUSAND:
        return False  # 2万12,345: two numbers
    value = tidy(Decimal(head.replace(",", "")) * _TEN_THOUSAND + rest)
    out.append(NumberMatch(start, end, run, value, None, "mixed", "", "", False))
    return True


def _too_long(run: str, start: int, end: int) -> NumberMatch:
    return NumberMatch(start, end, run, Decimal(0), None, "too_long", "", "", False)


def _read_twos() -> dict[str, tuple[tuple, ...]]:
    """The numbers of every two-character run of common Chinese digits and 十 (十五, 二十, 一二, 两两),
    read once from their tokens: (start, end, text, value, value_max, kind, inner, scale, negative)."""
    chars = "零〇一二两三四五六七八九十"  # (the common ones: the table is made on every start)
    table: dict[str, tuple[tuple, ...]] = {}
    for a in chars:
        for b in chars:
            found: list[NumberMatch] = []
            _numbers_in_run(a + b, 0, found)
            table[a + b] = tuple((m.start, m.end, m.text, m.value, m.value_max, m.kind, m.inner, m.scale, m.negative)
                                 for m in found)
    return table


def _pieces(s: str, run: str, start: int, words: list[int], out: list[NumberMatch]) -> None:
    """The numbers of ``run`` with the characters at ``words`` (run offsets) taken out."""
    a = 0
    for w in words + [len(run)]:
        if w > a:
            piece = run[a:w]
            for m in RUN_RE.finditer(piece):
                _emit(m.group(), start + a + m.start(), start + a + m.end(), out)
        a = w + 1


def _with_bare_scales(s: str, regular: list[NumberMatch]) -> list[NumberMatch]:
    starts = [m.start for m in regular]

    def taken(a: int, b: int) -> bool:  # does [a, b) overlap a regular number?
        k = bisect_right(starts, b - 1) - 1
        return k >= 0 and regular[k].end > a

    bare: list[NumberMatch] = []
    one = _BARE_ONE
    for m in _BARE_SCAN.finditer(s):
        pos, end = m.start(), m.end()
        if end - pos == 1:  # most: one scale character, read once (``_read_bare_ones``)
            read = one.get(s[pos])
            if read is not None and not taken(pos, end):
                bare.append(NumberMatch(pos, end, s[pos], read[0], None, "chinese", "", read[1], False))
            continue
        while pos < end:
            if taken(pos, pos + 1):
                pos += 1
                continue
            toks = tokenize("一" + s[pos:min(end, pos + _BARE_READ)])
            r = read_number(toks, 0)
            stop = toks[r.last - 1].end - 1 if r is not None and r.last > 1 else 1
            if r is None or r.last < 2 or taken(pos, pos + stop):
                pos += 1
                continue
            bare.append(NumberMatch(pos, pos + stop, s[pos:pos + stop], r.low, None, "chinese", "",
                                    r.scale, False))
            pos += stop
    if not bare:
        return regular
    return sorted(regular + bare, key=attrgetter("start"))


def _read_bare_ones() -> dict[str, tuple[Decimal, str]]:
    """(value, scale) of each scale character standing alone, as ``_with_bare_scales`` reads it."""
    table = {}
    for ch in "百佰万萬亿億千仟":
        toks = tokenize("一" + ch)
        r = read_number(toks, 0)
        if r is not None and r.last >= 2 and toks[r.last - 1].end == 2:
            table[ch] = (r.low, r.scale)
    return table


_BARE_ONE = _read_bare_ones()


def parse_number(s: str) -> Decimal:
    """The value of ``s``, which must be exactly one number (not a range); else ValueError."""
    low, high = parse_range(s)
    if high is not None:
        raise ValueError(f"not a single number (a range): {s!r}")
    return low


def parse_range(s: str) -> tuple[Decimal, Decimal | None]:
    """(value, value_max) of ``s``, which must be exactly one number or range; else ValueError."""
    t = s.strip()
    found = find_numbers(t)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(t):
        raise ValueError(f"not a number: {s!r}")
    return found[0].value, found[0].value_max


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen: a frozen __init__ costs 5x
class _Read:
    reading: Reading
    negative: bool
    plus: bool = False  # a leading + (kept in the span, not in the value)


def _numbers_in_run(run: str, base: int, out: list[NumberMatch]) -> None:
    toks = tokenize(run)
    n = len(toks)
    reads: list[_Read] = []
    i = 0
    negative = plus = False
    if toks[0].kind in ("-", "+"):
        negative, plus = toks[0].kind == "-", toks[0].kind == "+"
        i = 1
    while i < n:
        r = read_number(toks, i)
        if r is None:
            i += 1
            negative = plus = False
            continue
        reads.append(_Read(r, negative, plus))
        negative = plus = False
        i = r.last
    k = 0
    while k < len(reads):
        # a chain of numbers joined by range connectors: exactly two make a range
        chain_end = k + 1
        while chain_end < len(reads) and _joined(toks, reads[chain_end - 1].reading, reads[chain_end].reading):
            chain_end += 1
        if chain_end - k == 2:
            rng = _range(run, base, toks, reads[k], reads[k + 1])
            if rng is not None:
                out.append(rng)
                k += 2
                continue
        for x in reads[k:chain_end]:
            out.append(_match(run, base, toks, x))
        k = chain_end


def _joined(toks: list[Token], a: Reading, b: Reading) -> bool:
    return b.first == a.last + 1 and toks[a.last].kind == "r"


def _kind(arabic: bool, chinese: bool) -> str:
    return "mixed" if arabic and chinese else "arabic" if arabic else "chinese"


def _span(toks: list[Token], x: _Read) -> tuple[int, int]:
    r = x.reading
    first = r.first - 1 if x.negative or x.plus else r.first
    return toks[first].start, toks[r.last - 1].end


def _match(run: str, base: int, toks: list[Token], x: _Read) -> NumberMatch:
    r = x.reading
    a, b = _span(toks, x)
    low, high = r.low, r.high
    if x.negative:
        low, high = -low, (-high if high is not None else None)
        if high is not None:
            low, high = high, low
    return NumberMatch(base + a, base + b, run[a:b], low, high, _kind(r.arabic, r.chinese),
                       r.inner, r.scale, x.negative)


def _trailing_multipliers(toks: list[Token], r: Reading) -> list[int]:
    """Scales a range's first number may share with the second: all of 五千万's, then 万 only."""
    j = r.last
    big = 1
    while j > r.first and toks[j - 1].kind == "b":
        j -= 1
        big *= BIG_UNITS[toks[j].text]
    full = big
    if j - 2 == r.first and toks[j - 1].kind == "s" and toks[j - 2].kind in ("a", "c"):
        full = big * SMALL_UNITS[toks[j - 1].text]
    return [m for m in dict.fromkeys((full, big)) if m > 1]


def _leading_zero(t: Token) -> bool:
    return t.kind == "a" and len(t.text) > 1 and t.text[0] in "0０" and t.text[1] not in ".．"


def _range(run: str, base: int, toks: list[Token], x: _Read, y: _Read) -> NumberMatch | None:
    a, b = x.reading, y.reading
    if a.high is not None or b.high is not None or y.negative:
        return None
    if _leading_zero(toks[a.first]) or _leading_zero(toks[b.first]):
        return None  # 0731-8888: an area code, not a range
    low = -a.low if x.negative else a.low
    high = b.low
    if not any(t.kind == "b" for t in toks[a.first:a.last]) and not x.negative:
        for mult in _trailing_multipliers(toks, b):
            if low * mult <= high:
                low = tidy(low * mult)
                break
    if low > high:
        return None
    start = _span(toks, x)[0]
    end = toks[b.last - 1].end
    return NumberMatch(base + start, base + end, run[start:end], low, high,
                       _kind(a.arabic or b.arabic, a.chinese or b.chinese),
                       b.inner or a.inner, b.scale, x.negative)


_TWO = _read_twos()
