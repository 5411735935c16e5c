"""The numeral engine: table-driven cases (the properties are in test_numbers_properties.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from hedui.core.numbers.finder import NumberMatch, find_numbers, parse_number, parse_range

D = Decimal

# (input, value, value_max): the whole input is exactly one number or range.
WHOLE = [
    # Arabic
    ("7", "7", None),
    ("3496", "3496", None),
    ("98.5", "98.5", None),
    ("2.22", "2.22", None),
    ("0.5", "0.5", None),
    ("1,234", "1234", None),
    ("12,345,678", "12345678", None),
    ("1,234.56", "1234.56", None),
    ("-6.4", "-6.4", None),
    ("−3", "-3", None),
    ("负3", "-3", None),
    ("+18.2", "18.2", None),  # a + is kept in the text, not in the value
    ("＋9.6", "9.6", None),
    ("二十来万", "200000", None),  # 来 between the number and its scale, like 多 and 余
    ("０", "0", None),
    ("２０２３", "2023", None),
    ("１２．５", "12.5", None),
    ("１，２３４", "1234", None),
    ("１,２３４", "1234", None),
    ("12351", "12351", None),
    # Chinese
    ("七", "7", None),
    ("十", "10", None),
    ("十二", "12", None),
    ("二十", "20", None),
    ("一百二十三", "123", None),
    ("三千五百", "3500", None),
    ("两万", "20000", None),
    ("兩萬", "20000", None),
    ("二〇二〇", "2020", None),
    ("二○二○", "2020", None),
    ("一千零五", "1005", None),
    ("一千零五十", "1050", None),
    ("一千零十", "1010", None),
    ("一千零一十", "1010", None),
    ("十万八千", "108000", None),
    ("一亿二千万", "120000000", None),
    ("一亿零五万", "100050000", None),
    ("三万零五百", "30500", None),
    ("一百一十", "110", None),
    ("一十二", "12", None),
    ("零", "0", None),
    ("两", "2", None),
    ("壹佰贰拾叁", "123", None),
    ("叁仟", "3000", None),
    ("一万二", "12000", None),
    ("三千五", "3500", None),
    ("一百二", "120", None),
    ("负三", "-3", None),
    ("三点五", "3.5", None),
    ("零点零五", "0.05", None),
    ("十二点三四", "12.34", None),
    ("十点五", "10.5", None),
    ("一点五亿", "150000000", None),
    ("三十点五万", "305000", None),
    # mixed
    ("1.2万", "12000", None),
    ("2600多万", "26000000", None),
    ("2600余万", "26000000", None),
    ("三十多万", "300000", None),
    ("3万", "30000", None),
    ("10.97亿", "1097000000", None),
    ("10.97億", "1097000000", None),
    ("5.4万", "54000", None),
    ("116.54万", "1165400", None),
    ("1亿2000万", "120000000", None),
    ("3千", "3000", None),
    ("1,030万6,880", "10306880", None),
    ("1,030萬6,880", "10306880", None),
    ("1亿682万2,734", "106822734", None),
    ("2亿4,225万8,534", "242258534", None),
    ("181万2, 000", "1812000", None),
    ("1万2,000", "12000", None),
    ("1亿2千万", "120000000", None),
    ("3万5千", "35000", None),
    ("5百万", "5000000", None),
    ("1亿2345万6789", "123456789", None),
    ("1,030万500", "10300500", None),
    ("1亿2,000", "100002000", None),
    ("3万亿", "3000000000000", None),
    ("1.5万亿", "1500000000000", None),
    ("十二万亿", "12000000000000", None),
    ("-1.5万", "-15000", None),
    # number-level ranges
    ("3~5", "3", "5"),
    ("3～5", "3", "5"),
    ("1-2", "1", "2"),
    ("1—2", "1", "2"),
    ("1–2", "1", "2"),
    ("3至5", "3", "5"),
    ("3到5", "3", "5"),
    ("十二三", "12", "13"),
    ("一到两", "1", "2"),
    ("两三", "2", "3"),
    ("一两", "1", "2"),
    ("三四十", "30", "40"),
    ("三四十万", "300000", "400000"),
    ("一百二三十", "120", "130"),
    ("七八", "7", "8"),
    ("三两", "2", "3"),
    ("三五", "3", "5"),
    ("3-5万", "30000", "50000"),
    ("3万-5万", "30000", "50000"),
    ("1.5-2.5万", "15000", "25000"),
    ("500-1万", "500", "10000"),
    ("十到二十万", "100000", "200000"),
    ("三到五千", "3000", "5000"),
    ("2000到3000万", "20000000", "30000000"),
    ("2019~2022", "2019", "2022"),
    ("-3~5", "-3", "5"),
]


@pytest.mark.parametrize(("text", "value", "value_max"), WHOLE)
def test_whole_string_is_one_number(text: str, value: str, value_max: str | None) -> None:
    found = find_numbers(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.start, m.end, m.text) == (0, len(text), text)
    assert m.value == D(value)
    assert m.value_max == (D(value_max) if value_max is not None else None)
    assert parse_range(text) == (D(value), D(value_max) if value_max is not None else None)


def _seen(s: str) -> list[tuple[str, Decimal, Decimal | None]]:
    return [(m.text, m.value, m.value_max) for m in find_numbers(s)]


# (input, [(text, value, value_max), ...]): numbers inside running text.
IN_TEXT = [
    ("三十余人", [("三十", "30", None)]),
    ("3万余户", [("3万", "30000", None)]),
    ("两万余", [("两万", "20000", None)]),
    ("百分之三十", [("三十", "30", None)]),
    ("百分之三十五点", [("三十五", "35", None)]),
    ("万亩以上", []),
    ("千家万户", []),
    ("百人以上", []),
    ("亿万人民", []),
    ("一线职工", [("一", "1", None)]),
    ("十九大", [("十九", "19", None)]),
    ("4a景区", [("4", "4", None)]),
    ("SIYB培训12351热线", [("12351", "12351", None)]),
    ("增长-6.4%", [("-6.4", "-6.4", None)]),
    ("下降－2个百分点", [("－2", "-2", None)]),
    ("50%-60%", [("50", "50", None), ("60", "60", None)]),
    ("A-1", [("1", "1", None)]),
    ("0.1、3.8", [("0.1", "0.1", None), ("3.8", "3.8", None)]),
    ("1，2", [("1", "1", None), ("2", "2", None)]),
    ("分别为120，150，180人", [("120", "120", None), ("150", "150", None), ("180", "180", None)]),
    ("1，234", [("1", "1", None), ("234", "234", None)]),
    ("1,2", [("1", "1", None), ("2", "2", None)]),
    ("1234,567", [("1234", "1234", None), ("567", "567", None)]),
    ("2, 000", [("2", "2", None), ("000", "0", None)]),
    ("1亿2, 000", [("1亿", "100000000", None), ("2", "2", None), ("000", "0", None)]),
    ("2021-12-01", [("2021", "2021", None), ("12", "12", None), ("01", "1", None)]),
    ("0731-12345678", [("0731", "731", None), ("12345678", "12345678", None)]),
    ("5-3", [("5", "5", None), ("3", "3", None)]),
    ("三万一线职工", [("三万", "30000", None), ("一", "1", None)]),
    ("3万一线", [("3万", "30000", None), ("一", "1", None)]),
    ("1万2000", [("1万", "10000", None), ("2000", "2000", None)]),
    ("12万500", [("12万", "120000", None), ("500", "500", None)]),
    ("5亿300", [("5亿", "500000000", None), ("300", "300", None)]),
    ("3万5", [("3万", "30000", None), ("5", "5", None)]),
    ("3万2020年", [("3万", "30000", None), ("2020", "2020", None)]),
    ("2.4万多户3.8万多人", [("2.4万", "24000", None), ("3.8万", "38000", None)]),
    ("七八成", [("七八", "7", "8")]),
    ("260元至500元", [("260", "260", None), ("500", "500", None)]),
    ("2020年到2025年", [("2020", "2020", None), ("2025", "2025", None)]),
    ("提高到3", [("3", "3", None)]),
    ("第一", [("一", "1", None)]),
    ("3496户1588万元98.5%以上", [("3496", "3496", None), ("1588万", "15880000", None), ("98.5", "98.5", None)]),
    ("2.22个百分点", [("2.22", "2.22", None)]),
    ("共有○个", []),
    ("○一是", [("一", "1", None)]),
    ("两两结对", [("两", "2", None), ("两", "2", None)]),
    ("二两", [("二", "2", None), ("两", "2", None)]),
    ("1.2.3", [("1.2", "1.2", None), ("3", "3", None)]),
    ("2600多万元", [("2600多万", "26000000", None)]),
    ("百分之零点八", [("零点八", "0.8", None)]),
    ("三点五倍", [("三点五", "3.5", None)]),
    ("一点一滴", [("一", "1", None), ("一", "1", None)]),
    ("两点一线", [("两", "2", None), ("一", "1", None)]),
    ("下午两点", [("两", "2", None)]),
    ("5千米", [("5", "5", None)]),
    ("10千伏线路", [("10", "10", None)]),
    ("500千瓦时", [("500", "500", None)]),
    ("58.15亿千瓦时", [("58.15亿", "5815000000", None)]),
    ("五千米", [("五", "5", None)]),
    ("3千元", [("3千", "3000", None)]),
    ("3千万元", [("3千万", "30000000", None)]),
    ("78亿及156亿元", [("78亿", "7800000000", None), ("156亿", "15600000000", None)]),
]


NEWS = ("全县共有三百二十七个村，常住人口十二万余人，去年生产总值达一百零五点三亿元，同比增长百分之八点五，"
        "其中两千三百余户脱贫，人均收入一万二千五百元，比二〇一九年增加一千零八元。")
IN_TEXT.append((NEWS, [("三百二十七", "327", None), ("十二万", "120000", None),
                       ("一百零五点三亿", "10530000000", None), ("八点五", "8.5", None),
                       ("两千三百", "2300", None), ("一万二千五百", "12500", None),
                       ("二〇一九", "2019", None), ("一千零八", "1008", None)]))


@pytest.mark.parametrize(("text", "expected"), IN_TEXT)
def test_numbers_in_text(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    want = [(t, D(v), D(vm) if vm is not None else None) for t, v, vm in expected]
    assert _seen(text) == want


# bare scale words: not numbers by default, returned on request
BARE = [
    ("近百场", [("百", "100")]),
    ("百余个", [("百", "100")]),
    ("万亩以上", [("万", "10000")]),
    ("上亿元", [("亿", "100000000")]),
    ("上千万", [("千万", "10000000")]),
    ("百万职工", [("百万", "1000000")]),
    ("千家万户", [("千", "1000"), ("万", "10000")]),
    ("千米", []),
    ("百分之三十", [("百", "100"), ("三十", "30")]),
    ("2600多万元", [("2600多万", "26000000")]),
    ("三十万", [("三十万", "300000")]),
    ("十万八千", [("十万八千", "108000")]),
    ("3万余户，近百家", [("3万", "30000"), ("百", "100")]),
]


@pytest.mark.parametrize(("text", "expected"), BARE)
def test_bare_scales_on_request(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_numbers(text, bare_scales=True)
    assert [(m.text, m.value) for m in found] == [(t, D(v)) for t, v in expected]
    assert all(text[m.start:m.end] == m.text for m in found)
    plain = find_numbers(text)
    assert all(any(p == m for m in found) for p in plain)
    assert len(plain) == sum(1 for t, _ in expected if any(c not in "百千万亿" for c in t))


def test_fields_of_a_mixed_number() -> None:
    s = "共投入2600多万元"
    (m,) = find_numbers(s)
    assert m == NumberMatch(3, 9, "2600多万", D(26000000), None, "mixed", "多", "万", False)


@pytest.mark.parametrize(
    ("text", "kind", "inner", "scale", "negative"),
    [
        ("123", "arabic", "", "", False),
        ("一百二十三", "chinese", "", "", False),
        ("两万", "chinese", "", "万", False),
        ("1.2万", "mixed", "", "万", False),
        ("3万亿", "mixed", "", "万亿", False),
        ("3千", "mixed", "", "千", False),
        ("2600余万", "mixed", "余", "万", False),
        ("-6.4", "arabic", "", "", True),
        ("负三", "chinese", "", "", True),
        ("3-5万", "mixed", "", "万", False),
        ("1,030万6,880", "mixed", "", "", False),
    ],
)
def test_kind_inner_scale_sign(text: str, kind: str, inner: str, scale: str, negative: bool) -> None:
    (m,) = find_numbers(text)
    assert (m.kind, m.inner, m.scale, m.negative) == (kind, inner, scale, negative)


def test_values_are_exact_decimals() -> None:
    assert parse_number("116.54万") == D(1165400)
    assert str(parse_number("116.54万")) == "1165400"
    assert str(parse_number("1.2万")) == "12000"
    assert str(parse_number("2.22")) == "2.22"
    assert str(parse_number("0.10")) == "0.1"
    assert all(isinstance(m.value, Decimal) for m in find_numbers("1.1万 两万 3~5"))


@pytest.mark.parametrize("bad", ["", "万", "千家万户", "3万元", "3 5", "3、5", "abc", "3~5"])
def test_parse_number_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_number(bad)


def test_parse_number_strips_whitespace() -> None:
    assert parse_number("  1.2万\n") == D(12000)


# A financial numeral (大写) that is a letter of an ordinary word is not a number.
@pytest.mark.parametrize("text", [
    "加强职工队伍建设", "队伍建设", "村民陆续回来了", "来自大陆的游客", "飞机平稳着陆", "收拾行李",
    "队伍陆续到达", "玖成", "柒彩", "捌方", "壹号院", "贰心", "叁门", "肆意",
])
def test_financial_numeral_inside_words_is_not_a_number(text: str) -> None:
    assert find_numbers(text) == []
    assert find_numbers(text, bare_scales=True) == []


@pytest.mark.parametrize("text, found", [
    ("救援队伍1支30人", [("1", "1"), ("30", "30")]),  # the digits after 伍 are still read
    ("队伍二十人", [("二十", "20")]),
    ("人民币伍万元", [("伍万", "50000")]),
    ("合计壹佰贰拾叁元整", [("壹佰贰拾叁", "123")]),
    ("金额叁仟元", [("叁仟", "3000")]),
    ("大写：叁佰", [("叁佰", "300")]),
    ("人民币 伍", [("伍", "5")]),
    ("拾元", [("拾", "10")]),
    ("奖励伍元", [("伍", "5")]),
    ("共陆百万", [("陆百万", "6000000")]),
    ("拾伍人", [("拾伍", "15")]),
    ("（陆）", [("陆", "6")]),  # standing alone, not in a word
    ("伍", [("伍", "5")]),
])
def test_financial_numerals_that_are_numbers(text: str, found: list[tuple[str, str]]) -> None:
    assert [(m.text, str(m.value)) for m in find_numbers(text)] == found


def test_a_lone_financial_numeral_still_parses() -> None:
    assert parse_number("伍") == D(5) and parse_number("拾") == D(10) and parse_number("陆") == D(6)
