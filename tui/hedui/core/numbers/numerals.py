"""Character tables and the token-level grammar of written numbers.

Holds what a numeral is made of (digits, Chinese digits, small and big scale
characters, joiners) and ``read_number``, which reads one number from a token
list.  ``hedui.core.numbers.finder`` finds candidate runs with one compiled regex,
tokenises them and assembles the public ``NumberMatch`` objects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

ARABIC_DIGITS = "0123456789０１２３４５６７８９"
#: Chinese digit characters and their values (simplified, traditional and financial forms).
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
ZEROS = "零〇○"
#: Scale characters inside a section (multiply the digit before them).
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Section scales.
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
SIGNS = "-−－"
#: A plus sign before a number (+18.2 in a column of changes) is kept in its text; the value stays.
PLUS_SIGNS = "+＋"
NEGATIVE_WORD = "负"
DECIMAL_POINTS = ".．"
THOUSANDS_SEPARATORS = ",，"
#: Joiners of a number-level range (3~5, 1-2, 3至5, 一到两).
RANGE_CONNECTORS = "~～〜-－—–至到"
#: Qualifiers that may stand between the digits and a big scale (2600多万, 1200余万, 二十来万).
INNER_QUALIFIERS = "多余来"
#: The decimal point of a Chinese numeral (三点五, 百分之零点八).
CN_POINT = "点"

#: A run with more digits in a row than this is not read as a number (no figure has so many, and
#: an exact value must stay within Decimal's 28 digits): it becomes one number of value 0 that
#: the exclusion rule ``exclude.too_long`` (rules/exclusions.toml) marks as not a figure.
MAX_DIGITS = 24

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

_D = ARABIC_DIGITS
_FW = ARABIC_DIGITS[10:]
_CD = "".join(CN_DIGITS)
_SM = "".join(SMALL_UNITS)
_BG = "".join(BIG_UNITS)
_CONN = re.escape(RANGE_CONNECTORS)
#: After these, 千 is the kilo of a metric unit (5千米, 10千伏, 500千瓦时), not a scale.
KILO_UNITS = "米克瓦伏卡帕赫焦"
_SCALE_CHARS = rf"[{_D}{_CD}{_SM.replace('千', '').replace('仟', '')}{_BG}]+|[千仟](?![{KILO_UNITS}])"

_SIGNS = re.escape(SIGNS + PLUS_SIGNS)
#: the digits a run starts with (○ alone is a bullet, not a zero)
_FIRST_DIGITS = f"{_D}{_CD.replace('○', '')}十拾"
#: One candidate run: an optional sign (none right after a digit, a letter, % or a closing
#: bracket) or 负, a digit or 十, then digits, scales and joiners. Written to begin with one
#: character class, the sign's or the digit's, so that ``re`` skips to where a run can start.
RUN_RE = re.compile(
    rf"[{_SIGNS}{NEGATIVE_WORD}{_FIRST_DIGITS}]"
    rf"(?:(?<=[{_SIGNS}])(?<![{_D}A-Za-zＡ-Ｚａ-ｚ%％)）\]][{_SIGNS}])[{_FIRST_DIGITS}]"
    rf"|(?<={NEGATIVE_WORD})[{_FIRST_DIGITS}]|(?<=[{_FIRST_DIGITS}]))"
    rf"(?:{_SCALE_CHARS}"
    rf"|[.．](?=[{_D}])"
    rf"|, ?(?=[{_D}]{{3}}(?![{_D}]))"
    rf"|(?<=[{_FW}])，(?=[{_FW}]{{3}}(?![{_D}]))"
    rf"|[{INNER_QUALIFIERS}](?=[{_BG}])"
    rf"|(?<=[{_CD}十拾]){CN_POINT}(?=[{_CD}])"
    rf"|[{_CONN}](?=[{_D}{_CD}十拾]))*"
)

# Tokens inside a run.  Kinds: "a" Arabic, "c" Chinese digit group, "s" small
# unit, "b" big unit, "q" inner qualifier, "p" Chinese decimal point, "r" range
# connector, "-" sign, "+" sign.
#: A comma groups thousands only before exactly three digits; the full-width ，
#: only between full-width digits (１，２３４), since 1，2 or 120，150 is a list.
_ARABIC_RE = re.compile(
    rf"(?:[{_D}]{{1,3}}(?:,[{_D}]{{3}}(?![{_D}]))+|[{_FW}]{{1,3}}(?:，[{_FW}]{{3}}(?![{_D}]))+|[{_D}]+)"
    rf"(?:[.．][{_D}]+)?")
#: The broken source form "181万2, 000": only tried right after 万.
_ARABIC_SPACED_RE = re.compile(rf"[{_D}]{{1,3}}, [{_D}]{{3}}(?![{_D}.．])")
_CN_GROUP_RE = re.compile(rf"[{_CD}]+")
#: more than MAX_DIGITS digits in a row (Arabic or Chinese)
TOO_LONG_RE = re.compile(rf"[{_D}{_CD}]{{{MAX_DIGITS + 1}}}")
_BULLETS_RE = re.compile("○+")


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen: a frozen __init__ costs 5x
class Token:
    kind: str
    start: int  # offsets into the run
    end: int
    text: str


def tokenize(run: str) -> list[Token]:
    """Split a run matched by ``RUN_RE`` into tokens (every character lands in one)."""
    toks: list[Token] = []
    i, n = 0, len(run)
    while i < n:
        ch = run[i]
        if ch in ARABIC_DIGITS:
            m = None
            if toks and toks[-1].text in "万萬":
                m = _ARABIC_SPACED_RE.match(run, i)
            if m is None:
                m = _ARABIC_RE.match(run, i)
            kind = "a"
        elif ch == "○" and not (toks and toks[-1].kind in ("s", "b")):
            m = _BULLETS_RE.match(run, i)  # ○ starts no number (二千○五 keeps it)
            kind = "x"
        elif ch in CN_DIGITS:
            m = _CN_GROUP_RE.match(run, i)
            kind = "c"
            g = m.group().lstrip(ZEROS)  # 一百零两 keeps its placeholder
            if len(g) > 1 and ("两" in g or "兩" in g) and _pair(g) is None:
                m = None  # 两 takes part only in a pair (一两, 两三, 三两); 两两 is two numbers
        else:
            m = None
            kind = ("s" if ch in SMALL_UNITS else "b" if ch in BIG_UNITS
                    else "q" if ch in INNER_QUALIFIERS
                    else "p" if ch == CN_POINT
                    else "-" if (ch in SIGNS or ch == NEGATIVE_WORD) and i == 0
                    else "+" if ch in PLUS_SIGNS and i == 0
                    else "r" if ch in RANGE_CONNECTORS else "x")
        j = m.end() if m else i + 1
        toks.append(Token(kind, i, j, run[i:j]))
        i = j
    return toks


def arabic_value(text: str) -> Decimal:
    """The exact value of an Arabic token (full-width digits, separators, decimals)."""
    t = text.translate(_FULLWIDTH).replace(",", "").replace(" ", "")
    return Decimal(t)


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen: a frozen __init__ costs 5x
class Reading:
    """One number read from tokens ``[first, last)`` of a run."""
    first: int
    last: int
    low: Decimal
    high: Decimal | None
    arabic: bool
    chinese: bool
    inner: str
    scale: str


def _pair(text: str) -> tuple[int, int] | None:
    """(low, high) of two neighbouring digits read as a range: 二三, 一两, 三两 (2-3), 三五."""
    if len(text) != 2:
        return None
    a, b = CN_DIGITS[text[0]], CN_DIGITS[text[1]]
    if a >= 1 and b == a + 1:
        return (a, b)
    if text[1] in "两兩" and a == 3:
        return (2, 3)
    if a == 3 and b == 5:
        return (3, 5)  # 三五年: three to five
    return None


def _cn_group(text: str, inside: bool) -> tuple[int, int, bool] | None:
    """(low, high, zero_flag) for a Chinese digit group, or None if not readable here.

    ``inside``: the group follows a scale character, so leading zeros are placeholders
    and only a single digit or a pair of neighbouring digits (二三, 一两) may stand.
    """
    zero = False
    if inside:
        stripped = text.lstrip(ZEROS)
        zero = len(stripped) < len(text)
        text = stripped
        if not text:
            return (0, 0, True)
    elif text[0] == "○":
        return None  # a bullet, not a leading zero
    if len(text) == 1:
        v = CN_DIGITS[text]
        return (v, v, zero)
    pair = _pair(text)
    if pair is not None:
        return (*pair, zero)
    if inside:
        return None
    return (int("".join(str(CN_DIGITS[c]) for c in text)), -1, False)  # -1: digit sequence


def read_number(toks: list[Token], i: int) -> Reading | None:
    """Read the longest well-formed number starting at token ``i`` (None if none starts there)."""
    n = len(toks)
    total_lo = total_hi = Decimal(0)  # finished sections
    prev_total_lo = prev_total_hi = Decimal(0)  # before the last big unit (for 万亿)
    sec_lo = sec_hi = Decimal(0)  # current section
    num_lo: Decimal | None = None
    num_hi: Decimal | None = None
    num_after = 0  # multiplier of the scale right before the pending number (0: none)
    num_zero = False
    last_small = 0
    last_big = 0
    prev = ""  # kind of the last consumed token
    arabic = chinese = ranged = seq = decimal = sep_seen = False
    sections = 0  # big units applied (万亿 counts once)
    inner = ""
    closed = False  # after 多万: nothing more may follow
    j = i
    while j < n:
        t = toks[j]
        k = t.kind
        if closed and k != "b":
            break
        if k == "a" or k == "c":
            if prev in ("a", "c", "q"):
                break
            if k == "a":
                if prev == "s":
                    break
                if prev == "b":
                    if chinese and not arabic:
                        break
                    if "." in t.text or "．" in t.text:
                        break
                    v = arabic_value(t.text)
                    nxt = toks[j + 1] if j + 1 < n else None
                    scaled = nxt is not None and (
                        (nxt.kind == "b" and BIG_UNITS[nxt.text] < last_big)
                        or (nxt.kind == "s" and v < 10))  # 1亿2000万, 3万5千
                    sep = any(c in t.text for c in THOUSANDS_SEPARATORS)
                    # a bare tail is too often a year (3万2020年): it needs the evidence of a
                    # separator (1,030万6,880, 1万2,000) or of a third section (1亿2345万6789)
                    if v >= last_big or not (scaled or sep or sep_seen or sections >= 2):
                        break
                else:
                    v = arabic_value(t.text)
                sep_seen = sep_seen or any(c in t.text for c in THOUSANDS_SEPARATORS)
                num_lo = num_hi = v
                num_zero = False
                arabic = True
            else:
                if prev == "b" and arabic:
                    break
                g = _cn_group(t.text, inside=prev in ("s", "b"))
                if g is None:
                    break
                lo, hi, num_zero = g
                if hi == -1:
                    seq = True
                    hi = lo
                elif hi != lo:
                    if ranged:
                        break
                    ranged = True
                num_lo, num_hi = Decimal(lo), Decimal(hi)
                chinese = True
            num_after = 0 if prev == "" else (last_small if prev == "s" else last_big)
        elif k == "s":
            m = SMALL_UNITS[t.text]
            if last_small and m >= last_small:
                break
            if prev == "c" and num_lo == 0 and num_zero and m == 10:  # 一千零十
                sec_lo += 10
                sec_hi += 10
                num_lo = num_hi = None
            elif prev in ("a", "c"):
                if seq or decimal or (prev == "c" and num_lo == 0 and num_zero):
                    break
                if prev == "a" and (last_small or (last_big and not arabic)):
                    break
                sec_lo += num_lo * m
                sec_hi += num_hi * m
                num_lo = num_hi = None
            elif m == 10 and prev in ("", "b", "s") and not (prev == "b" and arabic):
                sec_lo += 10
                sec_hi += 10
            else:
                break
            last_small = m
            chinese = True
        elif k == "b":
            m = BIG_UNITS[t.text]
            if prev == "b":
                if m <= last_big or last_big * m > 10**12:
                    break
                # compound scale (万亿): the last section is scaled again
                total_lo = prev_total_lo + (total_lo - prev_total_lo) * m
                total_hi = prev_total_hi + (total_hi - prev_total_hi) * m
                last_big *= m
            elif prev in ("a", "c", "s", "q"):
                if last_big and m >= last_big:
                    break
                if prev == "c" and not seq and num_zero and num_lo == 0:
                    break
                part_lo = sec_lo + (num_lo or 0)
                part_hi = sec_hi + (num_hi or 0)
                prev_total_lo, prev_total_hi = total_lo, total_hi
                total_lo += part_lo * m
                total_hi += part_hi * m
                last_big = m
                sections += 1
            else:
                break
            sec_lo = sec_hi = Decimal(0)
            num_lo = num_hi = None
            last_small = 0
            chinese = True
            closed = bool(inner)
        elif k == "q":
            if inner or prev not in ("a", "c", "s") or seq or decimal:
                break
            if j + 1 >= n or toks[j + 1].kind != "b":
                break
            inner = t.text
        elif k == "p":
            frac = _fraction(toks, j)
            if frac is None or arabic or decimal or last_big or ranged:
                break
            if prev == "c":
                if seq or (num_after and num_after != 10 and not num_zero):
                    break  # 一百二点五: the elided reading is ambiguous
                whole = sec_lo + num_lo
            elif prev == "s":
                whole = sec_lo
            else:
                break
            if whole in (1, 2) and frac[1] == "一":
                break  # 一点一滴, 两点一线
            num_lo = num_hi = whole + frac[0]
            sec_lo = sec_hi = Decimal(0)
            num_after = 0
            num_zero = False
            decimal = True
            prev = "c"
            j += 2
            continue
        else:
            break
        prev = k
        j += 1
    if j == i:
        return None
    # a lone 一 right after 百/千/万/亿 is not an abbreviation (三万一线职工): leave it out
    if (prev == "c" and num_after >= 100 and not num_zero and toks[j - 1].text == "一"):
        j -= 1
        num_lo = num_hi = None
        prev = toks[j - 1].kind
    if prev == "q":  # cannot happen (q requires a following big unit), kept for safety
        return None
    if num_lo is not None:
        mult = 1
        if prev in ("c",) and num_after and not num_zero and not seq:
            mult = num_after // 10  # 一万二 = 12000, 三千五 = 3500, 十二 = 12
        sec_lo += num_lo * mult
        sec_hi += num_hi * mult
    low = tidy(total_lo + sec_lo)
    high = tidy(total_hi + sec_hi)
    scale = _trailing_scale(toks, i, j, arabic)
    return Reading(i, j, low, high if high != low else None, arabic, chinese, inner, scale)


def _fraction(toks: list[Token], j: int) -> tuple[Decimal, str] | None:
    """(value, digits) of the Chinese digits after the point at token ``j``."""
    if j + 1 >= len(toks) or toks[j + 1].kind != "c":
        return None
    digits = toks[j + 1].text
    if "○" in digits:
        return None
    return Decimal("0." + "".join(str(CN_DIGITS[c]) for c in digits)), digits


def tidy(v: Decimal) -> Decimal:
    """Same value, written plainly: 12000.0 -> 12000, 1.50 -> 1.5."""
    if v == v.to_integral_value():
        return v.quantize(_ONE)
    return v.normalize()


_ONE = Decimal(1)


def _trailing_scale(toks: list[Token], i: int, j: int, arabic: bool) -> str:
    out: list[str] = []
    for t in reversed(toks[i:j]):
        if t.kind == "b" or (arabic and t.kind == "s"):
            out.append(t.text)
        else:
            break
    return "".join(reversed(out))
