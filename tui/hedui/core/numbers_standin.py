"""A stand-in number finder with the API of ``hedui.core.numbers`` (used only until it lands).

``find_numbers(s)`` returns ``NumberMatch`` objects: Arabic numbers (full-width
digits, decimals, thousands separators), Chinese numerals, mixed forms with a
万/亿 scale, a 多/余 inside (``2600多万``), Taiwanese ``1,030万6,880`` and small
number-level ranges (``十二三``, ``3~5``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_FW = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_CN = "零〇一二两兩三四五六七八九十百千万萬亿億"
_ARABIC = r"[0-9０-９]+(?:[,，][0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
_SCALE = r"[万萬亿億]"
_RE = re.compile(
    rf"(?P<neg>[-−－](?=[0-9]))?"
    rf"(?P<ar>{_ARABIC}(?:\s?(?P<inner>[多余])?{_SCALE}(?:{_ARABIC}(?:{_SCALE}(?:{_ARABIC})?)?)?)?)"
    rf"|(?P<cn>[{_CN}]+)"
)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: Decimal
    value_max: Decimal | None = None
    kind: str = "arabic"
    inner: str = ""
    scale: str = ""
    negative: bool = False


def _arabic_value(s: str) -> tuple[Decimal, str]:
    """'1,030万6,880' -> 10306880; '2.4万' -> 24000; returns (value, last scale)."""
    s = s.translate(_FW).replace(",", "").replace(" ", "").replace("多", "").replace("余", "")
    total = Decimal(0)
    scale = ""
    for m in re.finditer(r"([0-9.]+)?([万萬亿億])?", s):
        if not m.group(0):
            continue
        num = Decimal(m.group(1)) if m.group(1) else Decimal(1)
        if m.group(2):
            scale = m.group(2)
            mult = BIG[m.group(2)]
            if mult == 10_000 and total and total % 100_000_000 == 0:
                total += num * mult
            else:
                total = (total + num) * mult
        else:
            total += num
    return total, scale


def parse_chinese(s: str) -> Decimal:
    """Chinese numeral string to Decimal ('三千五百' -> 3500, '一二' digit strings too)."""
    if all(c in DIGITS for c in s) and len(s) > 1:
        return Decimal("".join(str(DIGITS[c]) for c in s))
    total, section, num = 0, 0, 0
    for c in s:
        if c in DIGITS:
            num = DIGITS[c]
        elif c in SMALL:
            section += (num or 1) * SMALL[c]
            num = 0
        elif c in BIG:
            section += num
            if BIG[c] == 100_000_000:
                total = ((total + section) or 1) * BIG[c]
            else:
                total += (section or (0 if total else 1)) * BIG[c]
            section, num = 0, 0
    return Decimal(total + section + num)


def parse_number(s: str) -> Decimal:
    s = s.strip()
    if re.search(r"[0-9０-９]", s):
        return _arabic_value(s)[0]
    return parse_chinese(s)


def _chinese_matches(text: str, start: int) -> list[NumberMatch]:
    """A run of Chinese numerals; '十二三' is a range 12..13."""
    out = []
    m = re.fullmatch(r"(.*[十百千])?([一二三四五六七八九])([一二三四五六七八九])", text)
    if m and len(text) >= 3 and DIGITS[m.group(3)] == DIGITS[m.group(2)] + 1 and m.group(1):
        lo = parse_chinese(text[:-1])
        unit = Decimal(1)
        out.append(NumberMatch(start, start + len(text), text, lo, lo + unit, "chinese"))
        return out
    # '一到两' style ranges are left to the caller; a run is one number
    scale = text[-1] if text[-1] in BIG else ""
    out.append(NumberMatch(start, start + len(text), text, parse_chinese(text), None, "chinese",
                           scale=scale))
    return out


def find_numbers(s: str) -> list[NumberMatch]:
    out: list[NumberMatch] = []
    for m in _RE.finditer(s):
        if m.group("ar"):
            text = m.group(0)
            if text.endswith(" "):
                continue
            value, scale = _arabic_value(m.group("ar"))
            neg = bool(m.group("neg"))
            if neg:
                value = -value
            out.append(NumberMatch(m.start(), m.end(), text, value, None,
                                   "mixed" if scale else "arabic", m.group("inner") or "",
                                   scale, neg))
        else:
            text = m.group("cn")
            if text in ("零", "〇"):
                continue
            out.extend(_chinese_matches(text, m.start()))
    # number-level ranges: 3~5, 3-5
    merged: list[NumberMatch] = []
    for n in out:
        if merged:
            p = merged[-1]
            gap = s[p.end:n.start]
            if gap in ("~", "～", "-", "—", "－", "至", "到") and p.kind == n.kind and not p.scale \
                    and p.value_max is None and n.value > p.value:
                merged[-1] = NumberMatch(p.start, n.end, s[p.start:n.end], p.value, n.value, p.kind,
                                         scale=n.scale)
                continue
        merged.append(n)
    return merged
