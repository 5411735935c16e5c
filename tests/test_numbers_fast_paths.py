"""The number finder's short cuts give what reading the tokens gives (finder.py ``_emit``)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.numbers.finder import _emit, _numbers_in_run

_DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=14)


def _fields(ms) -> list[tuple]:
    # str() of the values: 7.70 and 7.7 are equal Decimals but are written differently
    return [(m.start, m.end, m.text, str(m.value), m.value_max, m.kind, m.inner, m.scale, m.negative)
            for m in ms]


def _both(run: str) -> tuple[list[tuple], list[tuple]]:
    fast: list = []
    _emit(run, 5, 5 + len(run), fast)
    read: list = []
    _numbers_in_run(run, 5, read)
    return _fields(fast), _fields(read)


@settings(max_examples=400, deadline=None)
@given(_DIGITS, st.one_of(st.none(), _DIGITS), st.sampled_from(["", "万", "亿", "萬", "億"]))
def test_a_decimal_or_a_number_and_one_scale_reads_as_its_tokens(whole: str, frac: str | None, big: str) -> None:
    run = whole + ("." + frac if frac is not None else "") + big
    if run.isdigit():
        return  # all digits: another path, not read from tokens either
    fast, read = _both(run)
    assert fast == read, run


def test_the_short_cut_on_written_cases() -> None:
    for run in ("7.7", "5.0", "0.0", "0.50", "8万", "0万", "0.0亿", "1.5億", "007万", "12.340萬",
                "123456789012345678901234万", "99999999999999999999.99999999亿"):
        fast, read = _both(run)
        assert fast == read, run


def test_the_run_pattern_begins_with_a_class_and_finds_what_its_plain_form_finds() -> None:
    import random
    import re
    from pathlib import Path

    from hedui.core.numbers import numerals as nm

    digits, cn = nm.ARABIC_DIGITS, "".join(nm.CN_DIGITS)
    rest = nm.RUN_RE.pattern[nm.RUN_RE.pattern.index("(?:[" + digits):]  # digits, scales, joiners
    plain = re.compile(  # an optional sign (not after a digit, letter, % or bracket) or 负, a digit
        rf"(?:(?<![{digits}A-Za-zＡ-Ｚａ-ｚ%％)）\]])[{re.escape(nm.SIGNS + nm.PLUS_SIGNS)}]|负)?"
        rf"[{digits}{cn.replace('○', '')}十拾]" + rest)
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    rnd = random.Random(5)
    alphabet = "0123456789０１一二三十百千万亿负-−－+＋aZ%％)）]．.,，、至到~ 　\n多余来点两○年"
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30))) for _ in range(5000)]
    for text in texts:
        assert [m.span() for m in nm.RUN_RE.finditer(text)] == [m.span() for m in plain.finditer(text)], text


_GROUPS = st.lists(st.text(alphabet="0123456789", min_size=3, max_size=3), min_size=0, max_size=3)


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(["", "-", "−", "－", "负", "+"]), st.text(alphabet="0123456789", min_size=1, max_size=4),
       _GROUPS, st.one_of(st.none(), _DIGITS), st.one_of(st.none(), st.text(alphabet="0123456789", min_size=1, max_size=5)),
       _GROUPS)
def test_a_signed_or_separated_number_or_an_amount_in_wan_reads_as_its_tokens(
        sign: str, head: str, groups: list[str], frac: str | None, tail: str | None, tail_groups: list[str]) -> None:
    run = sign + ",".join([head] + groups) + ("." + frac if frac is not None else "")
    if tail is not None:
        run += "万" + ",".join([tail] + tail_groups)
    fast, read = _both(run)
    assert fast == read, run


def test_every_two_chinese_characters_read_as_their_tokens() -> None:
    chars = "零〇○一二两三四五六七八九十百千万亿壹贰"
    for a in chars:
        for b in chars:
            fast, read = _both(a + b)
            assert fast == read, a + b


def test_the_short_cuts_on_written_amounts() -> None:
    for run in ("-0.0", "-9.5", "负3", "1,234.50", "-1,234,567.89", "1,030万6,880", "12万3,456", "1,234万5678",
                "2万12,345", "3万2020", "1.5万2,000", "-1,234万5,678", "0,123万0,001", "十五", "二十", "一二", "两两",
                "三五", "〇〇", "十十"):
        fast, read = _both(run)
        assert fast == read, run
