"""The numbers and units of the new kinds of reports (issue: extraction round 2): Taiwan amounts,
disaster and disease bulletins, spoken forms, spaced ranges, company-report furniture."""
from __future__ import annotations

from pathlib import Path

import pytest

from hedui.core.extract.extractor import Extractor
from hedui.core.model import Report

EX = Extractor()


def figures(text: str) -> list[tuple]:
    ex = EX.extract(Report(Path("t.txt"), text, "utf-8", "0"))
    return [(f.text, f.value, f.value_max, f.unit, f.bound) for f in ex.figures]


@pytest.mark.parametrize("text, expected", [
    # Taiwan: the rest of an amount after 萬 with no separator; 兆 is 10^12; 新台幣 before the number
    ("月薪3萬275元。", [("3萬275元", 30275, None, "元", "=")]),
    ("所得總額為10兆2701億元。", [("10兆2701億元", 10270100000000, None, "元", "=")]),
    ("營收近3千億元。", [("近3千億元", 300000000000, None, "元", "~")]),
    ("補助新台幣500元。", [("500元", 500, None, "元", "=")]),
    ("觀光外匯收入約新台幣2,617億元。", [("約新台幣2,617億元", 261700000000, None, "元", "~")]),
    ("3万2020年建成。", []),  # a year after a scale is no tail
    ("装机10兆瓦。", [("10兆瓦", 10, None, "兆瓦", "=")]),
    # disasters and diseases
    ("农作物受灾2.7千公顷。", [("2.7千公顷", 2700, None, "公顷", "=")]),
    ("倒塌房屋近80间。", [("近80间", 80, None, "间", "~")]),
    ("等27省(区、市)受灾。", [("27省", 27, None, "省", "=")]),
    ("下拨救灾资金685万,并派出工作组。", [("685万", 6850000, None, "", "=")]),
    ("发病率为123.45/10万。", [("123.45/10万", 123.45, None, "/10万", "=")]),
    # spoken forms
    ("来了三四十件。", [("三四十件", 30, 40, "件", "range")]),
    ("吃了七八碗。", [("七八碗", 7, 8, "碗", "range")]),
    ("来了十来个人。", [("十来个人", 10, None, "人", "~")]),  # 个 before 人 counts persons
    ("花了一千二百多块钱。", [("一千二百多块钱", 1200, None, "元", ">")]),
    ("收了300件左右。", [("300件左右", 300, None, "件", "~")]),
    ("六成的人。", [("六成", 6, None, "成", "=")]),
    ("瓜贩顶多出每斤三毛五的价格。", [("三毛五", 0.35, None, "元", "<=")]),
    ("两毛五有时也得出手,零售价五六毛一斤。", [("两毛五", 0.25, None, "元", "="), ("五六毛", 0.5, 0.6, "元", "range")]),
    ("5毛钱一斤的瓜。", [("5毛钱", 0.5, None, "元", "=")]),
    # 块 is 元 after a number in words, a count after digits or before a noun; 成 takes tenths
    ("“一碗素粉五块,加个蛋六块五。”", [("五块", 5, None, "元", "="), ("六块五", 6.5, None, "元", "=")]),
    ("安装标志牌146块,建了两块示范田。", [("146块", 146, None, "块", "="), ("两块", 2, None, "块", "=")]),
    ("恢复约5成5。", [("约5成5", 5.5, None, "成", "~")]),
    ("棉被2,000床,总旅次达1亿8,260万旅次。", [("2,000床", 2000, None, "床", "="),
                                          ("1亿8,260万旅次", 182600000, None, "旅次", "=")]),
    # a range written with spaces
    ("增长2.3 - 6.1%。", [("2.3 - 6.1%", 2.3, 6.1, "%", "range")]),
    ("增长2.3 – 6.1%。", [("2.3 – 6.1%", 2.3, 6.1, "%", "range")]),  # an en dash
    # budget, company and court reports
    ("基本每股收益0.08元/股。", [("0.08元/股", 0.08, None, "元/股", "=")]),
    ("完成预算的95.3%,增收1200万元,调入资金3000万元。",
     [("95.3%", 95.3, None, "%", "="), ("1200万元", 12000000, None, "元", "="), ("3000万元", 30000000, None, "元", "=")]),
    ("判处有期徒刑三年,并处罚金人民币5000元,其中5人适用缓刑。",
     [("5000元", 5000, None, "元", "="), ("5人", 5, None, "人", "=")]),
    # a word qualifying the number right after it governs no later figure
    ("所得最高20%家庭每户可支配所得194万元。", [("最高20%", 20, None, "%", "<="), ("194万元", 1940000, None, "元", "=")]),
    # days counted from now are periods
    ("三天前的早晨,加上前两天存银行的1600多元。", [("1600多元", 1600, None, "元", ">")]),
])
def test_new_kinds(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


def test_a_fraction_of_a_count_unit_is_a_measure() -> None:
    ex = EX.extract(Report(Path("t.txt"), "平均住院7.4天,优良天数272天。", "utf-8", "0"))
    assert [(f.text, f.category) for f in ex.figures] == [("7.4天", "measure"), ("272天", "count")]


def test_company_report_furniture(tmp_path: Path) -> None:
    """公告编号 and the page number after it are furniture; the table cells around them are not."""
    from hedui.core.text.report import load_report

    p = tmp_path / "r.txt"
    p.write_text("三、 营运情况 单位:元 本期 上年同期 存货周转率 1.67 1.54 公告编号: 2019-010\n\n10\n\n四、 成长情况\n",
                 encoding="utf-8")
    ex = EX.extract(load_report(p))
    assert [f.text for f in ex.figures] == ["1.67", "1.54"]
    assert {f.rule for f in ex.excluded if f.text in ("10", "2019-010", "2019")} == {"furniture.notice-number"}


def test_advertising_block_is_furniture() -> None:
    from hedui.core.text.artefact_rules import load_artefact_rules
    from hedui.core.text.artefacts import find_artefacts

    rules = load_artefact_rules()
    text = "※ 角子老虎机 ※\n近百款电子游戏,易上手、任你玩!\n(本报讯)全年接待游客300万人次!\n"
    furn = [text[a.start:a.end] for a in find_artefacts(text, rules) if a.kind == "furniture"]
    assert furn == ["※ 角子老虎机 ※", "近百款电子游戏,易上手、任你玩!"]
    # an exclamation with no furniture beside it is the report's own
    alone = "全年接待游客300万人次!\n"
    assert [a for a in find_artefacts(alone, rules) if a.kind == "furniture"] == []
