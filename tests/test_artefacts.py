"""Artefacts: pinyin, page furniture and repeated paragraphs, as exact spans of the original."""
from __future__ import annotations

import dataclasses
import json
import pathlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.text.artefact_rules import load_artefact_rules
from hedui.core.text.artefacts import artefacts_in, clean, find_artefacts
from hedui.core.model import RulesError
from hedui.core.text.report import load_report
from hedui.core.rules import default_rules_dir

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "tests/data"
#: (gold folder, report folder) pairs held in the repository
GOLD_SETS = [
    (DATA / "gold", ROOT / "seeds"),
    (DATA / "dev/gold", DATA / "dev/reports"),
    (DATA / "heldout/gold", DATA / "heldout/reports"),
]
RULES = load_artefact_rules()
GOLD = [(g, rdir / (g.stem + ".txt")) for gdir, rdir in GOLD_SETS for g in sorted(gdir.glob("*.json"))]


@pytest.fixture(scope="module")
def rules():
    return RULES


def spans(text, rules, kind):
    return [(a.start, a.end, text[a.start:a.end], a.rule) for a in find_artefacts(text, rules) if a.kind == kind]


def texts(text, rules, kind):
    return [t for _, _, t, _ in spans(text, rules, kind)]


# ---------------------------------------------------------------- pinyin


def test_pinyin_exact_spans(rules):
    text = "中國共產(chǎn)黨新聞網(wǎng)。產(chǎn)業(yè)工人"
    got = spans(text, rules, "pinyin")
    assert [(s, e, t) for s, e, t, _ in got] == [
        (4, 10, "(chǎn)"), (14, 20, "(wǎng)"), (22, 28, "(chǎn)"), (29, 33, "(yè)")]
    assert {r for *_, r in got} == {"pinyin.tone-mark"}


def test_pinyin_tone_digits_and_full_width_parens(rules):
    text = "進（jin4）行調(diao4)研"
    assert texts(text, rules, "pinyin") == ["（jin4）", "(diao4)"]


@pytest.mark.parametrize("text", [
    "举办 SIYB(SIYB)培训", "送文化下基层近5000场(次)", "规模(扩大)", "报告(2019)", "会(mp3)格式",
    "在(Zhang)家", "(chǎn)开头无汉字", "产 (chǎn)", "单位(kg)", "面积(ha)和时间(min)",
])
def test_pinyin_leaves_real_parentheticals(rules, text):
    assert texts(text, rules, "pinyin") == []


def test_toneless_pinyin_needs_several(rules):
    few = "面積(ha)與時間(min)"
    assert texts(few, rules, "pinyin") == []
    same = "時間(min)、時間(min)、時間(min)、時間(min)、面積(ha)"
    assert texts(same, rules, "pinyin") == []
    many = "新聞專區(qu)推動(dong)智慧農業(ye)補(bu)助,今(18)日"
    assert texts(many, rules, "pinyin") == ["(qu)", "(dong)", "(ye)", "(bu)"]


def test_guangxi_pinyin_found_everywhere(rules):
    text = (ROOT / "seeds/guangxi-2023.txt").read_text(encoding="utf-8")
    found = {(s, e) for s, e, *_ in spans(text, rules, "pinyin")}
    assert len(found) > 400
    toned = {m.span() for m in re.finditer(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]*[āáǎàēéěèīíǐìōóǒòūúǔù][a-z]*\)", text)}
    assert toned <= found  # every parenthesised tone-marked syllable
    assert not [text[s:e] for s, e in found if not re.fullmatch(r"\([^()\d]+\)", text[s:e])]


# ---------------------------------------------------------------- furniture, hand-made


@pytest.mark.parametrize("line,rule", [
    ("• 53.80 KB", "furniture.file-size"),
    ("  • 2021-04-22 发布", "furniture.publish-date"),
    ("  • 当前文档由用户上传发布,收益归属用户", "furniture.upload-notice"),
    ("网站客服QQ:403074932", "furniture.contact"),
    ("当前位置: 首页 >  新闻动态 >  市县动态", "furniture.breadcrumb"),
    ("中國共產黨新聞網>>中國工會新聞", "furniture.breadcrumb"),
    ("首页 > 新闻 > 正文", "furniture.breadcrumb"),
    ("2020-10-15 08:09:11 来源:央视财经", "furniture.meta-line"),
    ("時間:2014-02-21 來源: 作者: 瀏覽次數:", "furniture.meta-line"),
    ("(責編:王某、李某)", "furniture.meta-line"),
    ("打印本页 关闭窗口", "furniture.navigation"),
    ("回頁首", "furniture.navigation"),
    ("isPhone", "furniture.navigation"),
    ("(未完,全文共1962字,当前显示610字)", "furniture.truncation"),
    ("医院工作总结 | 医院年度工作总结 | 医院年终工作总结 | 医院个人工作总结", "furniture.link-list"),
    ("地址:100000 某市某路1号", "furniture.address"),
    ("本站总访问量:1,234,567", "furniture.site-footer"),
    ("【打印】【关闭】", "furniture.navigation"),
    ("您的位置：首页＞新闻中心＞工作动态", "furniture.breadcrumb"),
    ("首页 → 政务公开 → 统计数据", "furniture.breadcrumb"),
    ("发布时间：2024年03月05日　来源：县统计局　浏览次数：1203", "furniture.meta-line"),
    ("咨询电话：（0734）6621234", "furniture.contact"),
    ("附件：统计表（XLSX，48KB）", "furniture.file-size"),
    ("（未完，全文共1962字，当前显示610字）", "furniture.truncation"),
    ("联系我们 | 网站地图 | 隐私声明", "furniture.navigation"),
    ("索引号:11420700/2019-00123", "furniture.meta-line"),
    ("还剩12页未读,继续阅读", "furniture.truncation"),
    ("京ICP备12345678号 政府网站标识码:4207000001", "furniture.upload-notice"),
])
def test_furniture_lines(rules, line, rule):
    text = f"正文第一段讲了增长12%的事。\n{line}\n正文第二段有3000人参加。"
    got = spans(text, rules, "furniture")
    assert [(t, r) for _, _, t, r in got] == [(line.strip(), rule)]
    s, e, *_ = got[0]
    assert text[s:e] == line.strip()


def test_furniture_inside_a_line_is_only_the_match(rules):
    text = "详见 http://www.example.gov.cn/a/b.html 或致电0731-88889999,共有3000人参加。"
    got = texts(text, rules, "furniture")
    assert got == ["http://www.example.gov.cn/a/b.html", "0731-88889999"]


@pytest.mark.parametrize("marker", ["相关推荐", "相关推荐：", "• 相关文档", "【延伸阅读】"])
def test_related_tail_runs_to_the_end(rules, marker):
    body = "全年新增就业3000人。\n"
    tail = f"{marker}\n某某工作总结 2页\n某某方案(精选5篇)"
    got = spans(body + tail, rules, "furniture")
    assert [(s, t) for s, _, t, _ in got] == [(len(body), tail)]


def test_related_tail_stops_at_prose(rules):
    body = "全年新增就业3000人。\n相关链接\n某某工作方案\n"
    prose = "二、下一步工作。全市将继续推进就业创业工作,力争全年城镇新增就业5000人以上,城镇登记失业率控制在3.5%以内。"
    got = texts(body + prose, rules, "furniture")
    assert got == ["相关链接\n某某工作方案"]


def test_stray_number_only_next_to_furniture(rules):
    near = "某报告\n来源: 某网 发布时间:2018-04-09\n\n0\n\n全年增长12%。"
    assert "0" in texts(near, rules, "furniture")
    alone = "表中各项:\n\n0\n\n全年增长12%。"
    assert texts(alone, rules, "furniture") == []


@pytest.mark.parametrize("line", [
    "全市宽带用户平均接入速率达100MB以上。",
    "红叶最佳观看期为10月下旬,预计接待游客5万人次。",
    "总投资13500000000,比上年增长5%。",
    "时长(min)与面积(ha)两项指标均有提高。",
    "考核评分:95分",
    "时间：2023年5月12日 参会人数：200人",
    "来源：县统计局 全年新增就业4382人",
    "全年受理举报投诉30件,办结率100%。",
    "全市下载量达到1.2万次。",
    "时间:2023年5月12日,参会职工200人",
])
def test_prose_with_furniture_words_is_not_furniture(rules, line):
    text = f"正文第一段。\n{line}\n正文第二段。"
    assert texts(text, rules, "furniture") == []


def test_a_notice_word_in_a_line_with_a_figure_takes_only_the_words(rules):
    text = "正文。\n本站不保证质量的说法不对，全县新建工会组织46家\n正文。"
    assert texts(text, rules, "furniture") == ["本站不保证"]


def test_contact_in_a_prose_line_is_only_the_number(rules):
    text = "正文。\n全市开通服务热线:12345,受理来电3万件\n正文。"
    assert texts(text, rules, "furniture") == ["热线:12345"]


def test_file_sizes_of_attachments_and_document_lists(rules):
    text = "附件:\n补助申请须知(PDF,1.2MB)\n• 工作方案(2022版) 3.2 MB\n大小:356KB\n共补助100万元。"
    assert texts(text, rules, "furniture") == [
        "补助申请须知(PDF,1.2MB)", "• 工作方案(2022版) 3.2 MB", "大小:356KB"]


def test_a_table_header_with_bars_is_not_a_link_list(rules):
    text = "项目 | 申请件数 | 核定金额 | 备注\n温室设施 | 328件 | 4,126万元 | 无\n"
    assert texts(text, rules, "furniture") == []


def test_place_name_list(rules):
    text = "增长12%。\n临海市 临西县 盈江县 眉山市 师宗县 中山市 望都县\n"
    assert texts(text, rules, "furniture") == ["临海市 临西县 盈江县 眉山市 师宗县 中山市 望都县"]
    prose = "荷塘区、芦淞区、石峰区、天元区、渌口区各投入100万元。"
    assert texts(prose, rules, "furniture") == []


def test_furniture_matches_traditional_text_through_the_view(rules):
    text = "跳到主要內容區塊\n首頁 > 新聞專區 > 縣府新聞\n發布日期:2023-07-18 點閱次數:2,356\n補助經費1億元"
    assert texts(text, rules, "furniture") == [
        "跳到主要內容區塊", "首頁 > 新聞專區 > 縣府新聞", "發布日期:2023-07-18 點閱次數:2,356"]


def test_furniture_line_with_pinyin_maps_back_exactly(rules):
    text = "發(fā)布日期:2023-07-18\n補(bǔ)助經費1億元"
    furn = spans(text, rules, "furniture")
    assert [(s, e) for s, e, *_ in furn] == [(0, text.index("\n"))]


# ---------------------------------------------------------------- furniture, real reports


def test_city_congress_header_is_furniture_but_not_its_title(rules):
    text = (ROOT / "seeds/city-congress-2019.txt").read_text(encoding="utf-8")
    header_end = text.index("403074932") + len("403074932")
    arts = [a for a in find_artefacts(text, rules) if a.kind == "furniture"]
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text[:header_end])]
    title = text.index("市工会代表大会上的报告")
    for s, e in lines:
        line = text[s:e].strip()
        covered = any(a.start <= s + text[s:e].index(line) and a.end >= s + len(text[s:e].rstrip()) for a in arts)
        assert covered == (s != title), line
    assert text.endswith("相关文档") and arts[-1].end == len(text) and arts[-1].rule == "furniture.related-tail"


def test_dev_reports_furniture(rules):
    def furn(name):
        p = DATA / "dev/reports" / f"{name}.txt"
        r = load_report(p, artefact_rules=rules)
        return [r.text[a.start:a.end] for a in r.artefacts if a.kind == "furniture"]

    assert furn("taiwan-nfa-heater-subsidy") == ["facebook", "回頁首", "跳到主要內容區塊"]
    assert furn("qinhuangdao-ginger-news-2020")[-1] == "新闻排行\n进入新闻中心"
    assert furn("fugou-maternal-child-health") == [
        (DATA / "dev/reports/fugou-maternal-child-health.txt").read_text("utf-8").split("\n", 3)[3].strip()]
    assert "(请认真阅读下面的提示信息)" in furn("village-poverty-report-2020")
    assert furn("longgang-district-gov-2013") == []
    assert furn("sichuan-port-group-csr-2021") == []


@pytest.mark.parametrize("gold,report", GOLD, ids=lambda p: p.name)
def test_no_figure_inside_furniture_or_pinyin(rules, gold, report):
    """Strong check: furniture never swallows a real figure, and pinyin never cuts one."""
    g = json.loads(gold.read_text(encoding="utf-8"))
    r = load_report(report, artefact_rules=rules)
    bad = [
        (f["text"], a.kind, a.rule)
        for f in g["figures"]
        for a in r.artefacts
        if a.kind != "repeat" and a.start < f["end"] and a.end > f["start"]
    ]
    assert bad == []


@pytest.mark.parametrize("gold,report", GOLD, ids=lambda p: p.name)
def test_gold_furniture_numbers_are_in_furniture(rules, gold, report):
    g = json.loads(gold.read_text(encoding="utf-8"))
    r = load_report(report, artefact_rules=rules)
    furn = [a for a in r.artefacts if a.kind == "furniture"]
    missed = [e["text"] for e in g.get("excluded", []) if e["reason"] == "furniture"
              and not any(a.start <= e["start"] and a.end >= e["end"] for a in furn)]
    assert missed == []


def test_seeds_without_furniture_have_none(rules):
    for name in ("echeng-2019h1", "wuwei-2022"):
        r = load_report(ROOT / "seeds" / f"{name}.txt", artefact_rules=rules)
        assert [a for a in r.artefacts if a.kind == "furniture"] == []


# ---------------------------------------------------------------- repeats


def test_repeat_exact(rules):
    para = "全市新增就业3000人,比上年增长5%。"
    text = f"标题\n{para}\n别的段落,说了别的事情。\n  {para}\n短句\n短句\n"
    got = [a for a in find_artefacts(text, rules) if a.kind == "repeat"]
    second = text.index(para, text.index(para) + 1)
    assert [(a.start, a.end, a.repeat_of, a.rule) for a in got] == [
        (second, second + len(para), text.index(para), "repeat.paragraph")]


def test_repeat_ignores_whitespace_and_script(rules):
    text = "全市新增就業3000人,比上年增長5%。\n\n全市新增就业 ３０００人，比上年增长5％。"
    got = [a for a in find_artefacts(text, rules) if a.kind == "repeat"]
    assert [(a.start, a.repeat_of) for a in got] == [(text.index("\n\n") + 2, 0)]


def test_zhuzhou_repeated_paragraphs(rules):
    text = (ROOT / "seeds/zhuzhou-2020.txt").read_text(encoding="utf-8")
    reps = [a for a in find_artefacts(text, rules) if a.kind == "repeat"]
    assert len(reps) == 2
    for a in reps:
        assert a.repeat_of < a.start
        first = text[a.repeat_of:a.repeat_of + (a.end - a.start)]
        assert first == text[a.start:a.end]
        assert text[a.start:a.end].startswith(("去年以来", "就业是最大的民生"))


def test_qinhuangdao_headline_repeats(rules):
    text = (DATA / "dev/reports/qinhuangdao-ginger-news-2020.txt").read_text(encoding="utf-8")
    reps = [a for a in find_artefacts(text, rules) if a.kind == "repeat"]
    headline = text.split("\n", 1)[0]
    assert len(reps) == text.count(headline) - 1 == 5
    assert all(a.repeat_of == 0 and text[a.start:a.end] == headline for a in reps)


# ---------------------------------------------------------------- invariants and clean()


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")) + sorted((DATA / "dev/reports").glob("*.txt")),
                         ids=lambda p: p.name)
def test_sorted_and_disjoint_within_kind(rules, path):
    arts = load_report(path, artefact_rules=rules).artefacts
    assert list(arts) == sorted(arts, key=lambda a: (a.start, a.end, a.kind))
    for kind in ("pinyin", "furniture", "repeat"):
        ks = [a for a in arts if a.kind == kind]
        assert all(a.start < a.end for a in ks)
        assert all(b.start >= a.end for a, b in zip(ks, ks[1:]))
        assert all(a.rule for a in ks)


def test_clean_cuts_pinyin_and_furniture(rules):
    text = "產(chǎn)業(yè)工人5000人\n來源:某網\n下一段"
    arts = find_artefacts(text, rules)
    assert clean(text, 0, len(text), arts) == "產業工人5000人\n\n下一段"
    assert clean(text, 2, 13, arts) == "業工"  # a range starting inside an artefact
    assert clean(text, 0, 0, arts) == ""
    assert artefacts_in(arts, 0, 3)[0].kind == "pinyin"


def test_clean_keeps_repeats(rules):
    para = "全市新增就业3000人,比上年增长5%。"
    text = f"{para}\n{para}"
    arts = find_artefacts(text, rules)
    assert any(a.kind == "repeat" for a in arts)
    assert clean(text, 0, len(text), arts) == text


# ---------------------------------------------------------------- rule file errors


def write_rules(tmp_path, body: str) -> pathlib.Path:
    (tmp_path / "artefacts.toml").write_text(body, encoding="utf-8")
    return tmp_path / "artefacts.toml"


GOOD = '[[rule]]\nid = "a.one"\nkind = "furniture"\npattern = "x+"\n\n'


@pytest.mark.parametrize("body,line,needle", [
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "furniture\npattern = "y"\n', 8, "TOML syntax error"),
    (GOOD + '[[rule]]\nkind = "furniture"\npattern = "y"\n', 6, "missing id"),
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "furniture"\npattern = "(y"\n', 7, "bad regex"),
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "garbage"\npattern = "y"\n', 7, "unknown kind"),
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "pinyin"\npattern = "y"\nscope = "page"\n', 7, "unknown scope"),
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "pinyin"\npatern = "y"\n', 7, "unknown key 'patern'"),
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "pinyin"\npattern = "y*"\n', 7, "empty string"),
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "pinyin"\npattern = "y"\nmax_line_len = "9"\n', 7, "max_line_len"),
    (GOOD + '[[rule]]\nid = "a.one"\nkind = "pinyin"\npattern = "y"\n', 6, "duplicate id"),
    ('[repeat]\nmin_chars = 0\n' + GOOD, 1, "min_chars"),
    (GOOD + '[prose]\nfigure = "(("\n', 6, "bad figure regex"),
    (GOOD + '[[rule]]\nid = "a.two"\nkind = "furniture"\npattern = "y"\nguard = "all"\n', 7, "guard must be"),
    ('[rules]\nid = 1\n' + GOOD, 1, "unknown top-level key 'rules'"),
])
def test_rule_file_errors_name_file_and_line(tmp_path, body, line, needle):
    path = write_rules(tmp_path, body)
    with pytest.raises(RulesError) as exc:
        load_artefact_rules(tmp_path)
    msg = str(exc.value)
    assert "\n" not in msg
    assert msg.startswith(f"{path}:{line}: "), msg
    assert needle in msg


def test_missing_rule_file(tmp_path):
    with pytest.raises(RulesError) as exc:
        load_artefact_rules(tmp_path)
    assert str(exc.value).startswith(str(tmp_path / "artefacts.toml"))


def test_a_new_rule_is_a_toml_edit(tmp_path):
    """Adding furniture is data: copy the bundled rules and append a rule."""
    body = (default_rules_dir() / "artefacts.toml").read_text(encoding="utf-8")
    body += '\n[[rule]]\nid = "furniture.test-banner"\nkind = "furniture"\nscope = "line"\npattern = \'^欢迎访问\'\n'
    write_rules(tmp_path, body)
    custom = load_artefact_rules(tmp_path)
    text = "欢迎访问某某网站\n全年增长12%。"
    assert spans(text, custom, "furniture") == [(0, 8, "欢迎访问某某网站", "furniture.test-banner")]
    assert spans(text, load_artefact_rules(), "furniture") == []


def test_bundled_rules_ids_are_namespaced_by_kind(rules):
    assert rules.rules and all(r.id.startswith(r.kind + ".") for r in rules.rules)


# ---------------------------------------------------------------- property: invariants on any text

PIECES = st.sampled_from([
    "產", "業", "工", "人", "(chǎn)", "(yè)", "(qu)", "(次)", "(2019)", "1", "3000人", "12%", "\n", "\n\n", " ",
    "  ", "\u3000", "|", " | ", "来源:", "2020-10-15 ", "首页 > ", ">>", "53.80 KB", "16页", "相关文档", "QQ:12345",
    "http://a.cn ", "临海市 ", "(未完,全文共12字)", "全市新增就业3000人,比上年增长5%。", "\r\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_artefact_invariants(text):
    arts = find_artefacts(text, RULES)
    assert list(arts) == sorted(arts, key=lambda a: (a.start, a.end, a.kind))
    for kind in ("pinyin", "furniture", "repeat"):
        ks = [a for a in arts if a.kind == kind]
        assert all(0 <= a.start < a.end <= len(text) for a in ks)
        assert all(b.start >= a.end for a, b in zip(ks, ks[1:]))
    for a in arts:
        span = text[a.start:a.end]
        assert span == span.strip() or a.kind == "pinyin"  # furniture and repeats are stripped
        if a.kind == "repeat":
            assert a.repeat_of is not None and a.repeat_of < a.start
            first = text[a.repeat_of:]
            assert re.sub(r"\s", "", first).startswith(re.sub(r"\s", "", span)[:1])
    assert len(clean(text, 0, len(text), arts)) <= len(text)



# ---------------------------------------------------------------- hand-made pages (tests/data/artefacts)

PAGES = sorted((DATA / "artefacts").glob("*.json"))


@pytest.mark.parametrize("expected", PAGES, ids=lambda p: p.stem)
def test_hand_made_pages(rules, expected):
    """Pages written for these tests in the genres of the issue: every furniture line, no prose."""
    want = json.loads(expected.read_text(encoding="utf-8"))
    r = load_report(expected.with_suffix(".txt"), artefact_rules=rules)
    assert r.encoding == want["encoding"]
    by_kind = {k: [a for a in r.artefacts if a.kind == k] for k in ("pinyin", "furniture", "repeat")}
    assert [r.text[a.start:a.end] for a in by_kind["furniture"]] == want["furniture"]
    assert len(by_kind["pinyin"]) == want["pinyin"]
    assert [r.text[a.start:a.end] for a in by_kind["repeat"]] == want["repeats"]
    for a in by_kind["repeat"]:
        assert r.text[a.repeat_of:a.repeat_of + a.end - a.start] == r.text[a.start:a.end]


def _full_width_punctuation(text: str) -> str:
    """Chinese pages as usually published: full-width colons, commas (not in numbers), parens."""
    text = re.sub(r",(?!\d)", "，", text)
    text = re.sub(r"(?<!:):(?!:)", "：", text)  # the ":::" of accessible pages stays
    return text.translate(str.maketrans({"(": "（", ")": "）", ";": "；", "?": "？", "!": "！"}))


@pytest.mark.parametrize("expected", PAGES, ids=lambda p: p.stem)
def test_hand_made_pages_with_full_width_punctuation(rules, expected):
    want = json.loads(expected.read_text(encoding="utf-8"))
    raw = expected.with_suffix(".txt").read_bytes().decode(want["encoding"])
    text = _full_width_punctuation(raw)
    got = [text[a.start:a.end] for a in find_artefacts(text, rules) if a.kind == "furniture"]
    assert got == [_full_width_punctuation(f) for f in want["furniture"]]


@pytest.mark.parametrize("gold,report", GOLD, ids=lambda p: p.name)
def test_no_figure_inside_furniture_with_full_width_punctuation(rules, gold, report):
    """The same strong check on the reports as usually published (offsets unchanged: 1:1 mapping)."""
    g = json.loads(gold.read_text(encoding="utf-8"))
    r = load_report(report, artefact_rules=rules)
    text = _full_width_punctuation(r.text)
    assert len(text) == len(r.text)
    arts = [a for a in find_artefacts(text, rules) if a.kind != "repeat"]
    bad = [(f["text"], a.rule) for f in g["figures"] for a in arts if a.start < f["end"] and a.end > f["start"]]
    assert bad == []
    furn = [a for a in arts if a.kind == "furniture"]
    missed = [e["text"] for e in g.get("excluded", []) if e["reason"] == "furniture"
              and not any(a.start <= e["start"] and a.end >= e["end"] for a in furn)]
    assert missed == []


@pytest.mark.parametrize("share", [None, 1])
def test_the_gated_scans_of_the_rules_find_what_finditer_finds(share, monkeypatch) -> None:
    # a rule is tried after each newline where its matches start lines, where its first characters
    # are (gates_for), or around the literals its matches hold (stretches.py; share 1: even where
    # they are common): the matches of the plain scan, on reports with furniture and on texts made
    # of their lines, shuffled, with odd line starts
    from hedui.core.text import stretches
    from hedui.core.text.artefacts import _matches
    from hedui.core.text.view import Simplifier

    if share is not None:
        monkeypatch.setattr(stretches, "SPARSE_SHARE", share)

    import random

    simplify = Simplifier().convert
    texts = [simplify(load_report(p).text) for p in sorted((DATA / "artefacts").glob("*.txt"))]
    lines = "\n".join(texts).split("\n")
    rnd = random.Random(3)
    for _ in range(20):
        rnd.shuffle(lines)
        texts.append(rnd.choice(["", "\n", " ", "1"]) + "\n".join(lines[:300]) + rnd.choice(["", "\n", "\n\n"]))
    line_gated = 0
    for rule in RULES.rules:
        gates = RULES.gate(rule)
        line_gated += gates is not None and gates[0] is not None
        plain = dataclasses.replace(rule, min_matches=1, min_distinct=1)
        for text in texts:
            assert [m.span() for m in _matches(plain, text, RULES)] == [m.span() for m in rule.regex.finditer(text)]
    assert line_gated >= 8  # the line rules (publish-date, breadcrumb, navigation, file-size …)


def test_the_gated_scan_on_handmade_patterns() -> None:
    from hedui.core.text.pattern_starts import gates_for, starts_finditer

    cases = [(r"^a+\n?", re.M), (r"^(?:a|b\n)b*", re.M), (r"(?=a)^a\n|^b+$", re.M), (r"^[^\S\n]*+\d+\n*", re.M),
             (r"^a\n|(?<=\n)\d+|[(（]b", re.M | re.I), (r"^x|\n\d", re.M), (r"\w\d|^", re.M | re.I)]
    texts = ["aa\naa\n\naa", "\nab\nb\nbb\n", "a\na\nb\n\nb", "1\n\n 2\n3\n\n\n 4", "", "\n", "a", "A\n12(B\nx\n3（b",
             "\n\n1a2 B3 \nX\n٣٤"]
    gated = 0
    for pat, flags in cases:
        p = re.compile(pat, flags)
        gates = gates_for(p)
        if gates is None:
            continue
        gated += 1
        line, char = (g.search if g is not None else None for g in gates)
        for text in texts:
            assert [m.span() for m in starts_finditer(line, char, p.match, text)] == [m.span() for m in p.finditer(text)]
    assert gated == len(cases) - 1  # all but the last, which may match empty
    assert gates_for(re.compile(r"^a|.b", re.M)) is None  # the first characters of .b cannot be told
    assert gates_for(re.compile("[ab]c")) is None  # re skips to [ab] by itself
