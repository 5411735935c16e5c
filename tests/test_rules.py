"""Rule files: every exclusion's examples, every qualifier's bound, every unit form, and the
one-line errors of a bad rule file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hedui.core.extract.extractor import Extractor
from hedui.core.model import Report, RulesError
from hedui.core.rules import default_rules_dir, load_rules, rules_digest

RULES = load_rules()
EX = Extractor()


def extract_text(text: str):
    return EX.extract(Report(Path("t.txt"), text, "utf-8", "0"))


def excluded_ids(text: str) -> set[str]:
    return {f.rule for f in extract_text(text).excluded}


def figures(text: str):
    return extract_text(text).figures


# ---- exclusions ------------------------------------------------------------------------------

@pytest.mark.parametrize("rule", RULES.exclusions, ids=lambda r: r.id)
def test_exclusion_has_examples(rule):
    assert rule.hit, f"{rule.id} has no hit example"
    assert rule.miss, f"{rule.id} has no miss example"
    assert rule.reason


@pytest.mark.parametrize("rule,text", [(r, t) for r in RULES.exclusions for t in r.hit],
                         ids=lambda x: getattr(x, "id", x))
def test_exclusion_hits(rule, text):
    assert rule.id in excluded_ids(text), f"{rule.id} does not exclude a number in {text!r}"


@pytest.mark.parametrize("rule,text", [(r, t) for r in RULES.exclusions for t in r.miss],
                         ids=lambda x: getattr(x, "id", x))
def test_exclusion_misses(rule, text):
    assert rule.id not in excluded_ids(text), f"{rule.id} wrongly excludes a number in {text!r}"


def test_excluded_numbers_keep_their_fields():
    ex = extract_text("2020年，第三批项目建成。")
    by_text = {f.text: f for f in ex.excluded}
    assert by_text["2020"].excluded and by_text["2020"].rule == "date.year"
    assert by_text["2020"].value == 2020
    assert by_text["三"].rule == "ordinal.di" and by_text["三"].value == 3
    assert not ex.figures


# ---- qualifiers ------------------------------------------------------------------------------

QUAL_CASES = [(q.id, w, q.bound, "before") for q in RULES.qualifiers for w in q.before] + \
             [(q.id, w, q.bound, "inner") for q in RULES.qualifiers for w in q.inner] + \
             [(q.id, w, q.bound, "after") for q in RULES.qualifiers for w in q.after]


@pytest.mark.parametrize("rid,word,bound,where", QUAL_CASES, ids=lambda x: str(x))
def test_qualifier_sets_bound(rid, word, bound, where):
    text = {"before": f"全市共有{word}300家企业。",
            "inner": f"全市共有300{word}家企业。",
            "after": f"全市共有企业300家{word}。"}[where]
    figs = figures(text)
    assert len(figs) == 1, (text, figs)
    f = figs[0]
    assert f.bound == bound, (text, f)
    assert f.value == 300 and f.unit == "家"
    assert word in f.text and f.text == text[f.start:f.end]


@pytest.mark.parametrize("text,bounds", [
    ("至少建设1家学院、10家基地、100家站点。", [">=", ">=", ">="]),
    ("每户最高补助3000元。", ["<="]),
    ("共建成300家,比上年多5家。", ["=", "="]),
])
def test_governing_qualifier_sets_bound_of_list(text, bounds):
    assert [f.bound for f in figures(text)] == bounds


def test_one_char_after_qualifier_only_at_phrase_end():
    (f,) = figures("每斤三元多。")
    assert f.bound == ">" and f.text == "三元多"
    figs = figures("培训300人多次。")
    assert figs[0].bound == "=" and figs[0].text == "300人"


# ---- units -----------------------------------------------------------------------------------

UNIT_CASES = [(r.id, form, r.unit_for(form), r.category) for r in RULES.units for form in r.forms]


@pytest.mark.parametrize("rid,form,unit,category", UNIT_CASES, ids=lambda x: str(x))
def test_unit_form(rid, form, unit, category):
    rule = next(r for r in RULES.units if r.id == rid)
    number = "三百二十五" if rule.after else "325"  # a form that follows only some characters
    text = f"全年完成{number}{form}。"
    figs = figures(text)
    assert len(figs) == 1, (text, figs)
    f = figs[0]
    assert (f.value, f.unit, f.category, f.rule) == (325 * float(rule.factor or "1"), unit, category, rid)
    assert f.text == f"{number}{form}"


@pytest.mark.parametrize("text,unit,category", [
    ("举办活动45场(次)。", "场次", "count"),
    ("检查单位326家次。", "家次", "count"),
    ("人均收入3200元/人。", "元/人", "money"),
    ("产值5.4亿元/平方公里。", "元/平方公里", "money"),
    ("死亡率46.79/10万。", "/10万", "ratio"),
    ("下降0.6个百分点。", "百分点", "percent"),
    ("PM2.5浓度为35微克/立方米。", "微克/立方米", "measure"),
    ("节能1.2万吨标煤。", "吨标煤", "measure"),
])
def test_compound_units(text, unit, category):
    f = figures(text)[-1]
    assert (f.unit, f.category) == (unit, category)


# ---- schema and syntax errors ----------------------------------------------------------------

@pytest.fixture()
def rules_copy(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), d)
    return d


def _one_line_error(d: Path) -> str:
    with pytest.raises(RulesError) as ei:
        load_rules(d)
    msg = str(ei.value)
    assert "\n" not in msg
    return msg


def test_syntax_error_names_file_and_line(rules_copy: Path):
    p = rules_copy / "units.toml"
    lines = p.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "this is = = not toml")
    p.write_text("\n".join(lines), encoding="utf-8")
    msg = _one_line_error(rules_copy)
    assert msg.startswith(f"{p}:5:")


@pytest.mark.parametrize("file,old,new,needle", [
    ("qualifiers.toml", 'bound = "~"', 'bound = "about"', "bound"),
    ("units.toml", 'category = "percent"', 'category = "percentage"', "category"),
    ("exclusions.toml", "pattern = '第", "pattern = '(第", "bad regex"),
    ("exclusions.toml", 'id = "date.month"', 'id = "date.year"', "duplicate"),
    ("units.toml", 'forms = ["倍"]', 'forms = ["倍"]\nshape = 1', "unknown key"),
    ("qualifiers.toml", 'before = ["仅"', 'before = [3', "list of non-empty strings"),
    ("units.toml", 'count_suffix = ["次"]', 'count_suffix = "次"', "count_suffix"),
    ("qualifiers.toml", 'links = ["占"', 'links = [""', "links"),
])
def test_schema_error_names_file_and_line(rules_copy: Path, file, old, new, needle):
    p = rules_copy / file
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    msg = _one_line_error(rules_copy)
    assert msg.startswith(f"{p}:"), msg
    assert needle in msg
    line = int(msg.split(":")[1])
    assert 1 <= line <= len(p.read_text(encoding="utf-8").splitlines())


def test_missing_rule_file(rules_copy: Path):
    (rules_copy / "qualifiers.toml").unlink()
    assert "qualifiers.toml" in _one_line_error(rules_copy)


def test_new_unit_is_a_toml_edit(rules_copy: Path):
    p = rules_copy / "units.toml"
    p.write_text(p.read_text(encoding="utf-8") + '\n[[unit]]\nid = "unit.test.sheep"\n'
                 'category = "count"\nforms = ["只羊"]\n', encoding="utf-8")
    ex = Extractor(rules_copy)
    f = ex.extract(Report(Path("t.txt"), "存栏300只羊。", "utf-8", "0")).figures[0]
    assert (f.unit, f.rule) == ("只羊", "unit.test.sheep")
    assert ex.digest == rules_digest(rules_copy) != rules_digest(default_rules_dir())


def test_new_exclusion_is_a_toml_edit(rules_copy: Path):
    p = rules_copy / "exclusions.toml"
    p.write_text(p.read_text(encoding="utf-8") + "\n[[exclusion]]\nid = \"test.brand\"\n"
                 "reason = \"a brand\"\nwords = [\"361度\"]\nhit = [\"361度\"]\nmiss = [\"3度\"]\n",
                 encoding="utf-8")
    ex = Extractor(rules_copy)
    res = ex.extract(Report(Path("t.txt"), "穿361度运动鞋。", "utf-8", "0"))
    assert not res.figures and res.excluded[0].rule == "test.brand"


def test_every_excluding_rule_has_a_reason():
    from hedui.core.numbers.exclusions import Exclusions
    excl = Exclusions(RULES)
    for path in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")):
        ex = EX.extract(Report(path, path.read_text(encoding="utf-8"), "utf-8", "0"))
        for f in ex.excluded:
            assert excl.reason(f.rule), f.rule


@pytest.mark.parametrize("word", [w for q in RULES.qualifiers for w in q.not_words])
def test_not_words_are_not_qualifiers(word):
    (f,) = figures(f"去年{word}300家企业。")
    assert (f.text, f.bound) == ("300家", "=")


@pytest.mark.parametrize("text", ["两部分", "3条件", "3处理", "共享3对口", "2期间", "这3所有", "3人民币",
                                  "3单元", "3位于"])
def test_measure_words_that_begin_other_words(text):
    assert not figures(text)


@pytest.mark.parametrize("text,surface", [("六部门联合", "六部"), ("全市5所学校", "5所"), ("完成3项目标任务", "3项"),
                                          ("招聘3名员工", "3名"), ("5名大学生", "5名"), ("10户居民", "10户"),
                                          ("选举5人大代表", "5人")])
def test_guarded_measure_words_still_count(text, surface):
    assert [f.text for f in figures(text)] == [surface]


@pytest.mark.parametrize("text, surface, value", [
    ("村民人均可支配收入达到三万一千元。", "三万一千元", 31000),  # 万一 (in case) is not in it
    ("全县共有两万一千户。", "两万一千户", 21000),
])
def test_idiom_words_are_not_found_inside_a_longer_numeral(text, surface, value):
    got = [(f.text, f.fields.value) for f in figures(text)]
    assert (surface, value) in got, got
