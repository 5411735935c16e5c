"""Tables (FIGURES.md, "Tables"): cells become figures with the unit, label and period their
headings state, in every layout the finder knows; rules/tables.toml is checked as data."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.extract.extractor import Extractor
from hedui.core.extract.table_mates import line_cells
from hedui.core.extract.table_rules import load_table_rules
from hedui.core.model import Report, RulesError
from hedui.core.rules import default_rules_dir
from tests.test_label_period_rules import stretches

EX = Extractor()


def cells(text: str) -> list[tuple]:
    ex = EX.extract(Report(Path("t.txt"), text, "utf-8", "0"))
    return [(f.text, f.value, f.unit, f.label, f.period) for f in ex.figures]


PIPE = "单位:万元\n项目 | 2024年 | 2023年 | 增减(%)\n营业收入 | 1,250.40 | 1,000.00 | 25.04\n毛利率(%) | 31.5 | 30.2 | -\n"
BARS = "2022年全区生产总值\n|\n单位:亿元\n|\n指 标\n|\n绝对数\n|\n比上年增长%\n|\n生产总值\n|\n295.4\n|\n7.7\n|\n第一产业\n|\n24.4\n|\n-0.2\n"
FLAT = ("一、 盈利能力 单位:元 本期 上年同期 增减比例 营业收入 8,896,424.19 5,818,582.97 52.90% "
        "毛利率% 54.8% 16.8% - 流动比率 1.14\n\n1.58 0\n")


@pytest.mark.parametrize("text, expected", [
    # pipe rows: a table-wide scale, a year column as the period, a (%) column, a row's own unit
    (PIPE, [("1,250.40", 12504000, "元", "营业收入", "2024年"), ("1,000.00", 10000000, "元", "营业收入", "2023年"),
            ("25.04", 25.04, "%", "营业收入增减", ""), ("31.5", 31.5, "%", "毛利率", "2024年"),
            ("30.2", 30.2, "%", "毛利率", "2023年")]),
    # one cell per line between | lines; a generic column heading (绝对数) is left out of the label
    (BARS, [("295.4", 29540000000, "元", "生产总值", ""), ("7.7", 7.7, "%", "生产总值比上年增长", ""),
            ("24.4", 2440000000, "元", "第一产业", ""), ("-0.2", -0.2, "%", "第一产业比上年增长", "")]),
    # a table flattened onto a line, continued by a line of values; a ratio row takes no 元
    (FLAT, [("8,896,424.19", 8896424.19, "元", "营业收入", "本期"), ("5,818,582.97", 5818582.97, "元", "营业收入", "上年同期"),
            ("52.90%", 52.9, "%", "营业收入增减比例", ""), ("54.8%", 54.8, "%", "毛利率", "本期"),
            ("16.8%", 16.8, "%", "毛利率", "上年同期"), ("1.14", 1.14, "", "流动比率", "本期"),
            ("1.58", 1.58, "", "流动比率", "上年同期"), ("0", 0, "", "流动比率增减比例", "")]),
    # space-aligned, 单位:人, a dash is no figure, a fiscal-year column
    ("单位:人\n学段      2010-11年度      2011-12年度\n高中      1,203      —\n初中      4,300      5,120\n",
     [("1,203", 1203, "人", "高中", "2010-11年度"), ("4,300", 4300, "人", "初中", "2010-11年度"),
      ("5,120", 5120, "人", "初中", "2011-12年度")]),
    # a Markdown table: the rule line under the headings is skipped
    ("| 地区 | 人口(万人) | 增长(%) |\n|---|---:|---:|\n| 东区 | 12.5 | 3.1 |\n",
     [("12.5", 125000, "人", "东区人口", ""), ("3.1", 3.1, "%", "东区增长", "")]),
    # a sub-row (其中:) is labelled by its own words
    ("单位:人\n学段    招生数    在校生数\n小学    1,203    7,650\n  其中:民办    120    650\n",
     [("1,203", 1203, "人", "小学招生数", ""), ("7,650", 7650, "人", "小学在校生数", ""),
      ("120", 120, "人", "民办招生数", ""), ("650", 650, "人", "民办在校生数", "")]),
    # a financial table: (7,728.5) is negative; 2019年报 gives 2019年
    ("项目 2019年报 2018年报\n净利润 (7,728.5) 1,250.40\n",
     [("(7,728.5)", -7728.5, "", "净利润", "2019年"), ("1,250.40", 1250.4, "", "净利润", "2018年")]),
    # a row heading naming another unit overrides the table's
    ("单位:元\n项目 本期 上期\n营业收入 1,000 800\n基本每股收益(元/股) 0.08 -0.12\n存货周转率 1.67 1.54\n",
     [("1,000", 1000, "元", "营业收入", "本期"), ("800", 800, "元", "营业收入", "上期"),
      ("0.08", 0.08, "元/股", "基本每股收益", "本期"), ("-0.12", -0.12, "元/股", "基本每股收益", "上期"),
      ("1.67", 1.67, "", "存货周转率", "本期"), ("1.54", 1.54, "", "存货周转率", "上期")]),
    # a caption's unit applies, its year is no period; cells with their own unit keep it
    ("2023年分县情况(单位:万元)\n县 投资 户数\n东县 120.5 300户\n西县 98 250户\n",
     [("120.5", 1205000, "元", "东县投资", ""), ("300户", 300, "户", "东县户数", ""),
      ("98", 980000, "元", "西县投资", ""), ("250户", 250, "户", "西县户数", "")]),
])
def test_table_layouts(text: str, expected: list[tuple]) -> None:
    assert cells(text) == expected


def _aligned(*rows: list[str], width: int = 16) -> str:
    """Rows space-aligned by DISPLAY width, as a PDF export writes them: the first cell padded
    to 36 columns, each other right-aligned in ``width`` columns (a CJK character is 2 wide);
    a row starting with '' is an indented heading row."""
    def w(t: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)
    out = []
    for head, *rest in rows:
        out.append(head + " " * (36 - w(head)) + "".join(" " * (width - w(c)) + c for c in rest))
    return "\n".join(out) + "\n"


# headings of a period (本期, 年初至报告期末) beside a change (%) column, then an indented second
# heading row (期末 / 上年度末) for the balance rows; long CJK row headings shift characters, not
# display columns; 不适用 is a cell holding no figure
WIDE = "单位:万元\n" + _aligned(
    ["项目", "本期", "上年同期", "增减(%)", "年初至报告期末", "上年同期", "增减(%)"],
    ["销售收入", "1,200.50", "1,000.00", "20.05", "3,600.00", "3,000.00", "20.00"],
    ["归属于母公司所有者的综合收益总额", "(80.20)", "不适用", "不适用", "150.00", "(20.00)", "不适用"],
    ["每股净收益(元/股)", "0.12", "0.10", "20.00", "0.30", "0.25", "20.00"],
    ["", "本期末", "上年度末", "增减(%)"],
    ["负债总额", "9,000.00", "8,000.00", "12.50"],
    ["归属于母公司所有者的权益合计", "5,500.00", "5,000.00", "10.00"],
)


@pytest.mark.parametrize("text, expected", [
    (WIDE, [("1,200.50", 12005000, "元", "销售收入", "本期"), ("1,000.00", 10000000, "元", "销售收入", "上年同期"),
            ("20.05", 20.05, "%", "销售收入增减", ""),
            ("3,600.00", 36000000, "元", "销售收入", "年初至报告期末"), ("3,000.00", 30000000, "元", "销售收入", "上年同期"),
            ("20.00", 20, "%", "销售收入增减", ""),
            ("(80.20)", -802000, "元", "归属于母公司所有者的综合收益总额", "本期"),
            ("150.00", 1500000, "元", "归属于母公司所有者的综合收益总额", "年初至报告期末"),
            ("(20.00)", -200000, "元", "归属于母公司所有者的综合收益总额", "上年同期"),
            ("0.12", 0.12, "元/股", "每股净收益", "本期"), ("0.10", 0.1, "元/股", "每股净收益", "上年同期"),
            ("20.00", 20, "%", "每股净收益增减", ""), ("0.30", 0.3, "元/股", "每股净收益", "年初至报告期末"),
            ("0.25", 0.25, "元/股", "每股净收益", "上年同期"), ("20.00", 20, "%", "每股净收益增减", ""),
            ("9,000.00", 90000000, "元", "负债总额", "本期末"), ("8,000.00", 80000000, "元", "负债总额", "上年度末"),
            ("12.50", 12.5, "%", "负债总额增减", ""),
            ("5,500.00", 55000000, "元", "归属于母公司所有者的权益合计", "本期末"),
            ("5,000.00", 50000000, "元", "归属于母公司所有者的权益合计", "上年度末"),
            ("10.00", 10, "%", "归属于母公司所有者的权益合计增减", "")]),
    # a row with a blank cell: the display columns say which heading each value is under
    (_aligned(["地区", "2022年", "2023年", "2024年"], ["东部沿海经济协作区", "1,500", "", "1,800"]),
     [("1,500", 1500, "", "东部沿海经济协作区", "2022年"), ("1,800", 1800, "", "东部沿海经济协作区", "2024年")]),
    # a word among the values (未披露, 持平) is a cell when the row has as many cells as headings
    ("指标    本期    上期    变动\n客户数    1,200    1,100    持平\n门店数    35    未披露    35\n",
     [("1,200", 1200, "", "客户数", "本期"), ("1,100", 1100, "", "客户数", "上期"),
      ("35", 35, "", "门店数", "本期"), ("35", 35, "", "门店数变动", "")]),
    # a change word in a cell (下降1.3个百分点) names the change instead of its column heading (增减)
    ("指标    本期    上年同期    增减\n毛利率(%)    31.5    30.2    下降1.3个百分点\n",
     [("31.5", 31.5, "%", "毛利率", "本期"), ("30.2", 30.2, "%", "毛利率", "上年同期"),
      ("1.3个百分点", 1.3, "百分点", "毛利率下降", "")]),
    # a column heading joining a measure and a year: the year is the period, the measure joins the
    # row; a heading of two periods apart is one period
    ("单位:人\n| 学段 | 招生数 2022年 | 招生数 2023年 | 2023年 毕业生数 | 2024年 1-6月 |\n| 初中 | 1,203 | 1,250 | 980 | 640 |\n",
     [("1,203", 1203, "人", "初中招生数", "2022年"), ("1,250", 1250, "人", "初中招生数", "2023年"),
      ("980", 980, "人", "初中毕业生数", "2023年"), ("640", 640, "人", "初中", "2024年 1-6月")]),
])
def test_aligned_and_joined_headings(text: str, expected: list[tuple]) -> None:
    assert cells(text) == expected


@pytest.mark.parametrize("text, period", [
    # a span from the start of the year is one time phrase, not 年初 nor 报告期末
    ("年初至报告期末,本行累计发放贷款12.5亿元。", "年初至报告期末"),
    ("今年年初至今,全县新增就业1,200人。", "今年年初至今"),
    ("本年初至9月末,累计完成投资3.6亿元。", "本年初至9月末"),
    # a span of years with 间 (2018年至2021年间) is one period
    ("2018年至2021年间,该社共发放贷款3,400万元。", "2018年至2021年间"),
    # a season's term is one period (2023年秋季学期, not 2023年秋季)
    ("2023年秋季学期,全校招收新生850人。", "2023年秋季学期"),
])
def test_spans_of_time_are_one_period(text: str, period: str) -> None:
    assert [p for *_, p in cells(text)] == [period]


@pytest.mark.parametrize("text", [
    "三次产业结构为 3.6 47.4 49.0,比上年提高。",  # a sentence is no table
    "编辑: 会说话的鱼 2017-02-09\n",
    "九龙城区| 临海市| 临西县| 盈江县\n",  # a bar of links: no numbers
    "项目 | 金额\n合计 | -\n",  # only an empty cell
    "区号 0731 0733 0734\n",  # codes with a leading zero are no numbers
])
def test_not_tables(text: str) -> None:
    assert cells(text) == []


@pytest.mark.parametrize("text, period", [
    # words and amounts with units on a line without punctuation are prose, not a flattened table
    ("全年 完成 产值 5亿元 增长 8%\n", "全年"),
])
def test_spaced_prose_keeps_its_period(text: str, period: str) -> None:
    assert [p for *_, p in cells(text)] == [period, period]


def test_table_rules_are_data(tmp_path: Path) -> None:
    rules = load_table_rules()
    assert rules.cell_rule == "table.cell" and "-" in rules.empty
    assert rules.period.fullmatch("2019年报").group("p") == "2019年"
    assert rules.period.fullmatch("上年同期") and not rules.period.fullmatch("营业收入")
    src = (default_rules_dir() / "tables.toml").read_text(encoding="utf-8")
    bad = tmp_path / "tables.toml"
    bad.write_text(src.replace("pattern = '(?P<p>", "pattern = '((?P<p>"), encoding="utf-8")
    with pytest.raises(RulesError, match=r"tables\.toml:\d+: .*bad regex"):
        load_table_rules(tmp_path)


# -- properties ------------------------------------------------------------------------------

HAN = st.text(alphabet="营业收入利润资产负债总额人员学校医院农村城镇产业", min_size=2, max_size=8)
NUMBER = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def tables(draw):
    rows = draw(st.lists(HAN, min_size=1, max_size=5, unique=True))
    cols = draw(st.lists(HAN, min_size=1, max_size=4, unique=True))
    values = [[draw(NUMBER) for _ in cols] for _ in rows]
    layout = draw(st.sampled_from(["pipe", "space", "bars"]))
    return rows, cols, values, layout


def _render(rows, cols, values, layout) -> str:
    if layout == "bars":
        parts = ["指标", *cols]
        for r, vs in zip(rows, values):
            parts += [r, *(f"{v:,}" for v in vs)]
        return "\n|\n".join(parts) + "\n"
    sep = " | " if layout == "pipe" else "    "
    lines = [sep.join(["指标", *cols])]
    lines += [sep.join([r, *(f"{v:,}" for v in vs)]) for r, vs in zip(rows, values)]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(tables())
def test_every_cell_is_a_figure_labelled_by_its_row(t) -> None:
    rows, cols, values, layout = t
    text = _render(rows, cols, values, layout)
    got = cells(text)
    want = [(r, c, v) for r, vs in zip(rows, values) for c, v in zip(cols, vs)]
    assert len(got) == len(want), text
    for (surface, value, unit, label, period), (r, c, v) in zip(got, want):
        assert float(value) == float(v) and unit == "" and period == ""
        assert label.startswith(r), (label, r)  # a cell's label contains its row heading
        assert label == f"{r}{c}"  # then its column heading, both as the report writes them
        assert stretches(label, text) == (1 if label in text else 2)


@pytest.mark.parametrize("line, cells_", [
    ("合计    8,534 元    2, 000", ["合计", "8,534 元", "2, 000"]),  # a gap inside an amount is no gap
    ("客户数    1,100    持平", ["客户数", "1,100", "持平"]),  # a wide one before a word is
])
def test_cells_of_a_line_for_column_fills(line: str, cells_: list[str]) -> None:
    assert [line[a:b] for a, b in line_cells(line, 0, len(line))] == cells_
