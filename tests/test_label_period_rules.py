"""Issue 9's label and period rules, one table each, the label-parts property on real reports,
and the alternatives (extract output and the session's suggestion)."""
from __future__ import annotations

from pathlib import Path

import pytest

from hedui.core.extract.extractor import Extractor
from hedui.core.extract.label_words import join_pieces
from hedui.core.session.entry import Entry, entry_from_dict, entry_to_dict
from hedui.core.text.report import load_report
from tests.test_labels import labels
from tests.test_periods import periods

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, figures, expected", [
    # period.deadline with its hour, and two phrases side by side are one period
    ("截至7月10日14时,今年以来洪涝灾害造成3385万人次受灾,141人死亡失踪。", ["3385万人次", "141人"],
     ["截至7月10日14时,今年以来", "截至7月10日14时,今年以来"]),
    # a dateline and a reporting frame before the time phrase do not stop it heading the sentence
    ("新华社3月5日电 据统计局消息,2019年,全市新增就业1.2万人。", ["1.2万人"], ["2019年"]),
    ("截至发稿时,已有1200人报名。", ["1200人"], ["截至发稿时"]),
    # fiscal years, ROC years, relative fiscal years
    ("2010 - 11年度,政府开支增加5%。", ["5%"], ["2010 - 11年度"]),
    ("2011-12財政年度的經常開支為2,800億元。", ["2,800億元"], ["2011-12財政年度"]),
    # 上年同期 standing as a period (上年同期为…), never the base of a comparison (比上年同期增长)
    ("报告期内净利润-621.54万元,上年同期为8,130.54万元。", ["8,130.54万元"], ["上年同期"]),
    ("2023年,净利润比上年同期增长12%。", ["12%"], ["2023年"]),
    # the occasion a frequency goes with, and the span a spoken sum is over
    ("一杯二十五元,周末一天能卖出一百多杯。", ["一百多杯"], ["周末一天"]),
    ("旺季时每天进村车辆超过八百台次。", ["超过八百台次"], ["旺季时每天"]),
    ("每天能发一千二百多单,高峰时超过四千单。", ["一千二百多单", "超过四千单"], ["每天", "高峰时"]),
    ("每天上下学高峰时段安排保安值守不少于6人。", ["不少于6人"], ["每天"]),
    ("一天能卖一百五六十碗,一个早上下来,挣个三四百块钱。", ["一百五六十碗", "三四百块钱"], ["一天", "一个早上"]),
    ("变化始于二〇一八年。那一年,礁头村近六成渔船面临减船转产。", ["近六成"], ["那一年"]),
    ("客房一晚三四百元。", ["三四百元"], ["一晚"]),
    # a bracket spelling out the period before it is no period of its own
    ("2024年10月(2024年10月1日0时至10月31日24时),全省共报告法定传染病62,518例。", ["62,518例"], ["2024年10月"]),
    ("下年度預算撥款30億元。", ["30億元"], ["下年度"]),
    ("來年將再增加撥款5億元。", ["5億元"], ["來年"]),
    ("108年起補助每戶1萬2,000元。", ["1萬2,000元"], ["108年起"]),
    # spans with hours and a day with its hour
    ("3日20时至4日8时,全市平均降雨量52毫米。", ["52毫米"], ["3日20时至4日8时"]),
    ("7月1日晚8点多,最后200斤瓜卖了出去。", ["200斤"], ["7月1日晚8点多"]),
    # spoken spans
    ("加上前两天存银行的1600多元,他笑了。", ["1600多元"], ["前两天"]),
    ("他一上午卖了700多元。", ["700多元"], ["一上午"]),
    # comparisons: the base figure takes the base year, the change the sentence's period
    ("去年來臺旅客達6.2次,較110年5.12次成長13.5%。", ["5.12次", "13.5%"], ["110年", "去年"]),
    ("所得總額為10兆元,較民國103年增加2.1%。", ["2.1%"], [""]),
    # reach: a phrase of an earlier clause reaches a clause that goes on with it, or a figure
    # after a clause that holds none
    ("去年所得最高家庭每戶可支配所得為194萬元,較103年增1.03%。", ["1.03%"], ["去年"]),
    ("去年第一次来郑州卖瓜,当晚露宿街头时,800多元卖瓜钱被盗贼偷走。", ["800多元"], ["当晚"]),
    # ... but not one with a subject of its own, nor across a colon
    ("全村贫困户100户289人,其中:2018年以前脱贫33户98人,2020年计划脱贫3户9人,贫困发生率1.71%。",
     ["1.71%"], [""]),
    ("1.4 本报告期利润分配预案:每10股派发现金红利3.20元。", ["3.20元"], [""]),
    # a head standing alone frames the sentence even when a later clause has a time word
    ("2022年,全镇形势平稳,全年未发生较大事故,事故起数同比下降33.3%。", ["33.3%"], ["2022年"]),
    # a phrase with 的 in the figure's own clause, with no number between
    ("且100年的負儲蓄達2萬9308元。", ["2萬9308元"], ["100年"]),
    ("报告期内,公司实现营业收入1.2亿元;报告期末,总资产3.4亿元。", ["1.2亿元", "3.4亿元"], ["报告期内", "报告期末"]),
    # a span of days; a school year; a ROC year coming to Taiwan; carried-over money names a year
    ("7日至9日,局地累计雨量50至80毫米。", ["50至80毫米"], ["7日至9日"]),
    ("2024-25学年度,全市资助学生2.1万人次。", ["2.1万人次"], ["2024-25学年度"]),
    ("112年來台旅客達648萬6,951人次。", ["648萬6,951人次"], ["112年"]),
    ("上年结转4,127万元,结转下年23,525万元。", ["4,127万元", "23,525万元"], ["", ""]),
])
def test_period_rules_of_issue_9(text: str, figures: list[str], expected: list[str]) -> None:
    assert periods(text, figures) == expected


@pytest.mark.parametrize("text, figures, expected", [
    # a clause with no subject of its own borrows the one before (完成…, 比上年…), and a change
    # whose words are a comparison (比上年减收, 较103年增) borrows it too
    ("4月,一般公共预算收入累计完成24627万元,完成年初预算数60999万元的40.4%,比上年减收1070万元,下降4.2%。",
     ["24627万元", "60999万元", "1070万元", "4.2%"],
     ["一般公共预算收入", "一般公共预算收入完成年初预算数", "一般公共预算收入比上年减收",
      "一般公共预算收入下降"]),
    # 3个工作组和6个专家组: the words between belong to the first number
    ("派出3个工作组和6个专家组进行指导。", ["6个"], ["专家组"]),
    # the noun after the number ends at a verb or a preposition
    ("协调2280名专业抢险队员进行24小时备战。", ["2280名"], ["协调专业抢险队员"]),
    ("投入515支消防救援队伍做好备勤。", ["515支"], ["投入消防救援队伍"]),
    ("派出2个联合工作组迅速赶赴受灾地区。", ["2个"], ["派出联合工作组"]),
    # a bracket right after the number is about the number; 一斤 before a price is its unit
    ("每10股派发现金红利3.20元(含税)。", ["3.20元"], ["每10股派发现金红利"]),
    ("郑州西瓜一斤卖1.2元时,批发价六七毛。", ["1.2元"], ["郑州西瓜一斤卖"]),
    # an age threshold before the counted group is part of its words
    ("全县7岁以下儿童52582人。", ["52582人"], ["7岁以下儿童"]),
    # connectives open no label
    ("因为那些瓜贩顶多出每斤三毛五的价格。", ["三毛五"], ["那些瓜贩顶多出每斤价格"]),
    # an aside in brackets (long, or holding a number) is left out
    ("每組(即每1等分位)代表167.7萬戶。", ["167.7萬戶"], ["每組代表"]),
    # a change borrows the noun counted by the figure before it
    ("共批出1,352個配額,較上一年度增加百分之二十七。", ["百分之二十七"], ["配額較上一年度增加"]),
    # 完成 borrows the subject only where the clause holds a share
    ("新增校舍面积12.6万平方米,完成投资7.82亿元。", ["7.82亿元"], ["完成投资"]),
    # examples ending in 等 are cut, what is before them stays
    ("洪涝灾害造成浙江、安徽、江西等27省受灾。", ["27省"], ["洪涝灾害造成受灾"]),
    # never a lone connective or copula
    ("其中教育經費為12億元,即佔總開支的15%。", ["12億元"], ["教育經費"]),
])
def test_label_rules_of_issue_9(text: str, figures: list[str], expected: list[str]) -> None:
    assert labels(text, figures) == expected


@pytest.mark.parametrize("text, figures, expected", [
    # words from apart are joined directly, as a curator writes them; the place a report is about
    # (全市, 全县: cut as characters where the segmenter reads 全/县政府) heads no label
    ("全市实现地区生产总值10535.51亿元,比上年增长9.0%。", ["10535.51亿元", "9.0%"],
     ["地区生产总值", "地区生产总值比上年增长"]),
    ("全县政府性基金预算收入完成31,260万元,完成预算的78.5%,比上年减收8,943万元。",
     ["31,260万元", "78.5%", "8,943万元"],
     ["政府性基金预算收入", "政府性基金预算收入完成预算", "政府性基金预算收入比上年减收"]),
    ("公司总资产32.86亿元,较期初增长12.1%。", ["32.86亿元", "12.1%"], ["总资产", "总资产较期初增长"]),
    ("该集团实现营业收入163.75亿元。", ["163.75亿元"], ["营业收入"]),
    # a village's own stays: it is what is counted
    ("全村贫困户45户。", ["45户"], ["全村贫困户"]),
    # a dated comparison base is no part of the label; the base figure takes the subject
    ("所得總額為102701億元,較民國103年增加2.1%。", ["2.1%"], ["所得總額增加"]),
    ("成功调解劳动争议120件,比2022年同期增加15件。", ["15件"], ["成功调解劳动争议比同期增加"]),
    ("平均每人国内旅游5.81次,较110年4.96次成长17.1%。", ["4.96次", "17.1%"],
     ["平均每人国内旅游", "平均每人国内旅游成长"]),
    ("高龄农民占比比10年前增加5个百分点。", ["5个百分点"], ["高龄农民占比比10年前增加"]),
    # particles and a currency named before the number end no label
    ("销售额可达1.2亿元以上,农民获利也在5000万元以上。", ["1.2亿元以上", "5000万元以上"], ["销售额", "农民获利"]),
    ("国内旅游总支出为新台币2,918亿元。", ["2,918亿元"], ["国内旅游总支出"]),
    # a digit-grouping comma is no clause break
    ("收入总计包括上级补助收入12,540万元、债务转贷收入8,000万元、调入资金12,650万元。",
     ["8,000万元", "12,650万元"], ["债务转贷收入", "调入资金"]),
    # short items of a respective list share the first one's head and the last one's tail
    ("第一、二、三产业分别拉动GDP增长0.1、3.8、5.1个百分点。", ["0.1", "3.8", "5.1个百分点"],
     ["第一产业拉动GDP增长", "第二产业拉动GDP增长", "第三产业拉动GDP增长"]),
    # a list of short nouns counted together is one noun phrase; number-first items after a comma
    # share the first one's words; a list comma inside a bracket ends no words
    ("扶沟县辖16个乡、镇、场,411个行政村。", ["16个", "411个"], ["扶沟县辖乡、镇、场", "扶沟县辖行政村"]),
    ("县卫生局辖16个乡、镇、场卫生院,411个村卫生所。", ["16个", "411个"],
     ["县卫生局辖乡、镇、场卫生院", "县卫生局辖村卫生所"]),
    ("新增市级工人先锋号5个、省级创新工作室3个。", ["5个", "3个"], ["新增市级工人先锋号", "省级创新工作室"]),
    ("洪涝灾害造成浙江等27省(区、市)3385万人次受灾,141人死亡失踪。", ["3385万人次", "141人"],
     ["受灾", "死亡失踪"]),
    # a verb heading a list of figures (or the subject before an empty verb) is every item's;
    # an item with a verb of its own keeps its words
    ("发展茶叶800余亩,中药材2500余亩,核桃1300余亩。", ["800余亩", "2500余亩", "1300余亩"],
     ["发展茶叶", "发展中药材", "发展核桃"]),
    ("乡村振兴板块实现营业收入18.8亿元、利润1.61亿元,资产规模突破100亿元。", ["1.61亿元", "突破100亿元"],
     ["乡村振兴板块利润", "乡村振兴板块资产规模"]),
    ("该集团实现营业收入163.75亿元,利润总额1.02亿元。", ["1.02亿元"], ["利润总额"]),
    ("新增市级重点项目12个,完成投资8亿元。", ["8亿元"], ["完成投资"]),
    # a household and person pair is told apart by its units
    ("2018年以前脱贫33户98人,2019年计划脱贫5户9人。", ["33户", "98人", "5户", "9人"],
     ["脱贫户", "脱贫人", "计划脱贫户", "计划脱贫人"]),
    ("全镇脱贫户1286户4527人。", ["1286户", "4527人"], ["脱贫户", "脱贫户人"]),
    # a net change borrows the subject; a generic measure after a list comma shares the words
    # before; a note in brackets is no part of a label
    ("园区规上工业企业达到86家,净增12家。", ["12家"], ["园区规上工业企业净增"]),
    ("实施园区基础设施项目15个,总投资22亿元。", ["22亿元"], ["实施园区基础设施项目总投资"]),
    ("長照服務經費達新臺幣(以下同)12億元。", ["12億元"], ["長照服務經費"]),
    # who did it is no part of what was done, unless what follows is a verb of being or happening;
    # 确保 opens no label; a note mark is an aside
    ("各级工会共举办普法活动126场次。", ["126场次"], ["举办普法活动"]),
    ("镇里先后举办渔民转产技能培训班十八期。", ["十八期"], ["举办渔民转产技能培训班"]),
    ("主要江河共发生编号洪水12次。", ["12次"], ["主要江河共发生编号洪水"]),
    ("确保民生支出占比不低于80%。", ["80%"], ["民生支出占比"]),
    ("邮政行业从业人员[3]超过457万人。", ["457万人"], ["邮政行业从业人员"]),
    ("全省共报告法定传染病62,518例,报告发病数与去年同期相比上升3.2%。", ["3.2%"], ["报告发病数上升"]),
    ("其中按规定设置预备费2,600万元。", ["2,600万元"], ["设置预备费"]),
    ("调入资金12,650万元、上年结转4,127万元。", ["4,127万元"], ["上年结转"]),
])
def test_label_rules_round_2(text: str, figures: list[str], expected: list[str]) -> None:
    assert labels(text, figures) == expected


@pytest.mark.parametrize("pieces, sep, expected", [
    (["地区生产总值", "比上年增长"], "", "地区生产总值比上年增长"),
    (["PM2.5", "PM10"], "", "PM2.5 PM10"),  # Latin words that would run together keep a space
    (["高中", "招生数"], " ", "高中 招生数"),
])
def test_join_pieces(pieces: list[str], sep: str, expected: str) -> None:
    assert join_pieces(pieces, sep) == expected


def _without_artefacts(report) -> str:
    text, out, pos = report.text, [], 0
    for a in sorted(report.artefacts, key=lambda a: a.start):
        if a.kind == "pinyin" and a.start >= pos:
            out.append(text[pos:a.start])
            pos = a.end
    out.append(text[pos:])
    return "".join(out)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def stretches(label: str, text: str) -> int | None:
    """The fewest stretches of ``text`` that, joined directly (or by one space), make ``label``;
    None when it cannot be made of them."""
    n = len(label)
    best: list[int | None] = [0] + [None] * n
    for i in range(n):
        if best[i] is None:
            continue
        if label[i] == " ":  # a space between two Latin words joined
            if best[i + 1] is None or best[i] < best[i + 1]:
                best[i + 1] = best[i]
        j = i + 1
        while j <= n and label[i:j] in text:
            if best[j] is None or best[i] + 1 < best[j]:
                best[j] = best[i] + 1
            j += 1
    return best[n]


@pytest.mark.parametrize("label, text, expected", [
    ("地区生产总值比上年增长", "全市实现地区生产总值10亿元,比上年增长9.0%。", 2),
    ("PM2.5 浓度", "PM2.5平均浓度达47微克", 2),
    ("完全不在", "全市实现地区生产总值", None),
])
def test_stretches(label: str, text: str, expected: int | None) -> None:
    assert stretches(label, text) == expected


@pytest.mark.parametrize("folder", ["seeds", "tests/data/dev/reports"])
def test_labels_are_stretches_of_the_report(extractor: Extractor, folder: str) -> None:
    """Every label (and alternative) is made of a few stretches of the report, artefacts removed,
    joined as a curator writes them: the report's own characters with its own spacing."""
    checked = 0
    for path in sorted((ROOT / folder).glob("*.txt")):
        report = load_report(path)
        clean = _without_artefacts(report)
        for f in extractor.extract(report).figures:
            for label in (f.label, *f.label_alternatives):
                got = stretches(label, clean)
                assert got is not None and got <= 4, (path.name, f.text, label, got)
                checked += 1
    assert checked > 100


def test_alternatives_are_ranked_other_readings(extractor: Extractor) -> None:
    report = load_report(ROOT / "tests/data/dev/reports/dev2-flood-situation-2020-07.txt")
    figs = extractor.extract(report).figures
    with_labels = [f for f in figs if f.label_alternatives]
    with_periods = [f for f in figs if f.period_alternatives]
    assert len(with_labels) >= 5 and len(with_periods) >= 5
    for f in figs:
        assert f.label not in f.label_alternatives and f.period not in f.period_alternatives
        assert len(f.label_alternatives) <= 4 and len(f.period_alternatives) <= 4
        assert all(a.strip() for a in f.label_alternatives + f.period_alternatives)
    # the joined period offers each of its parts
    first = next(f for f in figs if f.text == "3385万人次")
    assert first.period == "截至7月10日14时,今年以来"
    assert set(first.period_alternatives) >= {"截至7月10日14时", "今年以来"}
    rec = first.as_json("x")
    assert rec["period_alternatives"] == list(first.period_alternatives)


def test_session_suggestion_keeps_the_alternatives(extractor: Extractor) -> None:
    report = load_report(ROOT / "tests/data/dev/reports/dev2-flood-situation-2020-07.txt")
    f = next(f for f in extractor.extract(report).figures if f.label_alternatives)
    e = Entry(id="f0001", start=f.start, end=f.end, text=f.text, status="pending", fields=f.fields,
              suggestion=f.fields, rule=f.rule, label_alternatives=f.label_alternatives,
              period_alternatives=f.period_alternatives)
    d = entry_to_dict(e)
    assert d["suggestion"]["label_alternatives"] == list(f.label_alternatives)
    back = entry_from_dict(d)
    assert back == e
    # an old file without them still loads
    del d["suggestion"]["label_alternatives"]
    d["suggestion"].pop("period_alternatives", None)
    old = entry_from_dict(d)
    assert old.label_alternatives == () and old.period_alternatives == () and old.suggestion == f.fields


def test_session_file_keeps_the_alternatives(extractor: Extractor, tmp_path: Path) -> None:
    """Written to the TOML file inside ``suggestion`` and read back; a decision keeps them."""
    from hedui.core.session.file_format import read_session
    from hedui.core.session.session import Session

    report = load_report(ROOT / "tests/data/dev/reports/dev2-flood-situation-2020-07.txt")
    ex = extractor.extract(report)
    s = Session.open(ex, tmp_path, "li")
    first = next(e for e in s.entries if e.label_alternatives)
    s.accept(first.id)
    s.close()
    [path] = tmp_path.glob("*.li.toml")
    assert "label_alternatives = [" in path.read_text(encoding="utf-8")
    back = {e.id: e for e in read_session(path).entries}
    assert back[first.id].label_alternatives == first.label_alternatives
    assert back[first.id].period_alternatives == first.period_alternatives
    assert back[first.id].status == "accepted"


def test_a_threshold_is_words_but_a_figure_of_its_own_is_a_subject(extractor: Extractor) -> None:
    """Through the extractor (its figures end the words of the next one): 7岁以下 before its noun
    is part of the label; 272天 standing on its own is the subject of the change after it."""
    from hedui.core.model import Report

    text = "全县7岁以下儿童52582人。全年城区空气质量优良天数达272天,比上年增加29天。"
    figs = {f.text: f for f in extractor.extract(Report(Path("t.txt"), text, "utf-8", "0")).figures}
    assert figs["52582人"].label == "7岁以下儿童"
    assert figs["29天"].label == "城区空气质量优良天数比上年增加" and figs["29天"].period == "全年"


@pytest.mark.parametrize("text, figure, label", [
    # a share opening a clause is the subject's; a scale and a unit alone are no number
    ("工业百强企业实现总产值2860亿元,增长13%,占规模以上工业总产值的78.8%。", "78.8%",
     "工业百强企业总产值占规模以上工业总产值"),
    ("能源能耗总量比上年下降2.7%,万元GDP能耗下降9.7%。", "9.7%", "万元GDP能耗下降"),
    # a rank is no subject to borrow; a percentage naming a group is words of the next figure
    ("报告发病数居前5位的病种依次为病毒性肝炎、肺结核,占乙类传染病报告病例总数的93.8%。", "93.8%",
     "占乙类传染病报告病例总数"),
    ("去年所得最高20%家庭每戶可支配所得為194萬元。", "194萬元", "所得最高20%家庭每戶可支配所得"),
    # an opening quotation mark whose partner the label does not reach is dropped; 等於 opens none
    ("相互消抵後,等於平均每戶「負儲蓄」1萬9224元。", "1萬9224元", "平均每戶負儲蓄"),
    ("江西省防指派出3个工作组和6个专家组在一线开展指导,项目所在地5个村增加土地租金。", "5个", "项目所在地村"),
])
def test_labels_through_the_extractor(extractor: Extractor, text: str, figure: str, label: str) -> None:
    """Rules that need the extractor's numbers (which of them end a label's words)."""
    from hedui.core.model import Report

    figs = {f.text: f for f in extractor.extract(Report(Path("t.txt"), text, "utf-8", "0")).figures}
    assert figs[figure].label == label, figs[figure]
