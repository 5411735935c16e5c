"""The numeral engine: hypothesis properties (Arabic and Chinese forms agree, spans hold)."""
from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.numbers.finder import find_numbers, parse_number, parse_range

_CN = "零一二三四五六七八九"


def _section(n: int) -> str:
    """Chinese numeral of 0 < n < 10000, with 零 for the gaps (一千零五, 一百一十)."""
    out = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_CN[d] + name)
    return "".join(out)


def to_chinese(n: int) -> str:
    """Chinese numeral of 0 <= n < 10**12 (一千二百亿零三万零五, 十二 for 12)."""
    if n == 0:
        return "零"
    parts = []
    need_zero = False
    for unit, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        sec = n // unit % 10000
        if sec == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or sec < 1000):
            parts.append("零")
        parts.append(_section(sec) + name)
        need_zero = False
    s = "".join(parts)
    return s[1:] if s.startswith("一十") else s


def test_own_converter() -> None:
    assert to_chinese(12) == "十二"
    assert to_chinese(110) == "一百一十"
    assert to_chinese(1005) == "一千零五"
    assert to_chinese(100050000) == "一亿零五万"
    assert to_chinese(120000000) == "一亿二千万"
    assert to_chinese(30500) == "三万零五百"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_arabic_and_chinese_forms_parse_equal(n: int) -> None:
    assert parse_number(str(n)) == parse_number(to_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_liang_reads_as_two(n: int) -> None:
    """两 for 二 before a scale (两千, 两万, 两亿) reads the same."""
    cn = to_chinese(n)
    liang = "".join("两" if c == "二" and nxt in "百千万亿" else c for c, nxt in zip(cn, cn[1:] + " "))
    assert parse_number(liang) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999),
       st.integers(min_value=0, max_value=9999), st.booleans())
def test_sectioned_arabic_parses_equal(yi: int, wan: int, rest: int, commas: bool) -> None:
    """1亿2345万6789 and the Taiwanese 1亿2,345万6,789."""
    f = "{:,}" if commas else "{}"
    text = f.format(yi) + "亿" + f.format(wan) + "万" + (f.format(rest) if rest else "")
    assert parse_number(text) == yi * 10**8 + wan * 10**4 + rest


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_thousands_separators_parse_equal(n: int) -> None:
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=999))
def test_fullwidth_parses_like_halfwidth(whole: int, frac: int) -> None:
    half = f"{whole}.{frac:03d}"
    full = half.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    assert parse_number(full) == parse_number(half) == Decimal(half)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=99), st.sampled_from(["万", "亿"]))
def test_decimal_scale_is_exact(whole: int, frac: int, scale: str) -> None:
    text = f"{whole}.{frac:02d}{scale}"
    mult = 10**4 if scale == "万" else 10**8
    assert parse_number(text) == (Decimal(whole) + Decimal(frac) / 100) * mult


_ALPHABET = "0123456789０１２３４５６７８９.．,，零〇○一二三四五六七八九十百千万亿两萬億多余点~-—至到负%年人元的是分之 、。"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_spans_are_consistent(s: str) -> None:
    found = find_numbers(s)
    last = 0
    for m in found:
        assert s[m.start:m.end] == m.text
        assert m.start >= last and m.end > m.start
        last = m.end
        assert m.kind in ("arabic", "chinese", "mixed", "too_long")
        assert m.value_max is None or m.value_max >= m.value
        assert m.negative == (m.value < 0 or (m.value == 0 and m.text[0] in "-−－负"))
        assert parse_range(m.text) == (m.value, m.value_max)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_bare_scales_only_add_matches(s: str) -> None:
    plain = find_numbers(s)
    found = find_numbers(s, bare_scales=True)
    assert [m for m in found if m in plain] == plain
    last = 0
    for m in found:
        assert s[m.start:m.end] == m.text
        assert m.start >= last
        last = m.end


_FINANCIAL = str.maketrans("一二三四五六七八九十百千万亿", "壹贰叁肆伍陆柒捌玖拾佰仟萬億")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_financial_and_traditional_forms_parse_equal(n: int) -> None:
    assert parse_number(to_chinese(n).translate(_FINANCIAL)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1), st.sampled_from(["的", "年", "人", "。", "元"]))
def test_numbers_are_found_in_text(n: int, sep: str) -> None:
    """A number between two non-numeral characters is found whole, in both forms."""
    for form in (str(n), to_chinese(n), f"{n:,}"):
        s = f"共{form}{sep}"
        (m,) = find_numbers(s)
        assert (m.start, m.end, m.value) == (1, 1 + len(form), n)
