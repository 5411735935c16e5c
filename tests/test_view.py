"""The analysis view: simplified, pinyin removed, with an exact offset map to the original."""
from __future__ import annotations

import pathlib

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.text.artefact_rules import load_artefact_rules
from hedui.core.text.artefacts import clean, find_artefacts
from hedui.core.model import Report
from hedui.core.text.report import load_report
from hedui.core.text.view import Simplifier, build_view, make_view

ROOT = pathlib.Path(__file__).resolve().parents[1]
RULES = load_artefact_rules()
SIMPLIFIER = Simplifier()


def report_of(text: str) -> Report:
    return Report(pathlib.Path("x.txt"), text, "utf-8", "", find_artefacts(text, RULES))


def test_hand_made_map():
    text = "中國共產(chǎn)黨新聞網(wǎng)>>工會"
    view = make_view(report_of(text), SIMPLIFIER)
    assert view.text == "中国共产党新闻网>>工会"
    assert len(view.origin) == len(view.text) + 1
    assert list(view.origin) == [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 24]
    assert view.to_original(0, 4) == (0, 4)  # 中國共產, not its pinyin
    assert view.to_original(3, 5) == (3, 11)  # 產(chǎn)黨: the pinyin inside is covered
    assert view.to_original(8, 8) == (20, 20)
    assert view.to_original(0, len(view.text)) == (0, len(text))
    assert [view.from_original(i) for i in (0, 3, 4, 9, 10, 20, len(text))] == [0, 3, 4, 4, 4, 8, len(view.text)]
    with pytest.raises(ValueError):
        view.to_original(3, 2)
    with pytest.raises(ValueError):
        view.to_original(0, len(view.text) + 1)


def test_no_pinyin_is_identity_of_positions():
    text = "增長12%\r\n統計公報"
    view = make_view(report_of(text), SIMPLIFIER)
    assert view.text == "增长12%\r\n统计公报"
    assert list(view.origin) == list(range(len(text) + 1))


def test_pinyin_at_the_end_and_empty_text():
    text = "產(chǎn)"
    view = make_view(report_of(text), SIMPLIFIER)
    assert view.text == "产" and list(view.origin) == [0, len(text)]
    assert view.to_original(0, 1) == (0, 1)
    empty = build_view("", [], SIMPLIFIER)
    assert empty.text == "" and list(empty.origin) == [0] and empty.from_original(0) == 0


def test_overlapping_removed_spans_are_merged():
    view = build_view("abcdefgh", [(5, 7), (1, 3), (2, 4)], SIMPLIFIER)
    assert view.text == "aeh"
    assert list(view.origin) == [0, 4, 7, 8]


@pytest.mark.parametrize("name", ["seeds/guangxi-2023.txt", "tests/data/dev/reports/taiwan-nfa-heater-subsidy.txt",
                                  "tests/data/heldout/reports/big5-web-page.txt"])
def test_real_traditional_reports(name):
    report = load_report(ROOT / name, artefact_rules=RULES)
    view = make_view(report, SIMPLIFIER)
    assert "(chǎn)" not in view.text and "(qu)" not in view.text
    # every view character comes from its original character
    for i, ch in enumerate(view.text):
        assert SIMPLIFIER.convert(report.text[view.origin[i]]) == ch
    # the character-wise view agrees with OpenCC's phrase-level conversion
    kept = clean(report.text, 0, len(report.text), [a for a in report.artefacts if a.kind == "pinyin"])
    phrase = opencc.OpenCC("t2s").convert(kept)
    assert len(phrase) == len(view.text)
    differ = sum(a != b for a, b in zip(phrase, view.text))
    assert differ <= len(view.text) // 1000
    assert "中国共产党新闻网" in view.text or "补助" in view.text


def test_loader_and_extractor_share_the_view_through_the_simplifier():
    report = load_report(ROOT / "seeds/guangxi-2023.txt", artefact_rules=RULES)
    first = make_view(report, RULES.simplifier)
    assert make_view(report, RULES.simplifier) is first  # built once for this text
    other = Report(report.path, report.text[:100], report.encoding, "", ())
    assert make_view(other, RULES.simplifier).text == SIMPLIFIER.convert(other.text)


def test_simplifier_builds_opencc_once_and_lazily():
    s = Simplifier()
    assert s._converter is None  # nothing built until needed
    assert s.convert("abc 123") == "abc 123"  # ASCII never needs OpenCC
    assert s._converter is None
    assert s.convert("萬億個") == "万亿个"
    first = s._converter
    assert s.convert("兩點") == "两点" and s._converter is first


# ---------------------------------------------------------------- property

PIECES = st.sampled_from([
    "產", "業", "億", "萬", "個", "點", "乾", "隆", "著", "名", "後", "發", "頭", "髮", "的", "工", "人",
    "(chǎn)", "(yè)", "(qu)", "(ye)", "(jin4)", "(SIYB)", "(次)", "(2019)", "（wàn）",
    "1", "2.5", "%", "\n", " ", "\u3000", "a", "(", ")", "首頁 > 新聞 > ", "來源:", "相關文檔\n",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_view_spans_map_back_exactly(text, data):
    report = report_of(text)
    view = make_view(report, SIMPLIFIER)
    pinyin = [a for a in report.artefacts if a.kind == "pinyin"]
    n = len(view.text)
    assert len(view.origin) == n + 1 and view.origin[n] == len(text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    s, e = view.to_original(i, j)
    assert 0 <= s <= e <= len(text)
    # the original span, converted with its pinyin removed, is exactly the view slice
    assert SIMPLIFIER.convert(clean(text, s, e, pinyin)) == view.text[i:j]
    assert view.from_original(s) == i
    if j > i:
        assert view.from_original(e - 1) == j - 1


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_from_original_is_monotonic_and_lands_on_kept_chars(text, data):
    view = make_view(report_of(text), SIMPLIFIER)
    pos = data.draw(st.integers(0, len(text)))
    v = view.from_original(pos)
    assert 0 <= v <= len(view.text)
    if v < len(view.text):
        assert view.origin[v] >= pos
    if v > 0:
        assert view.origin[v - 1] < pos
    if pos < len(text):
        assert view.from_original(pos + 1) >= v


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_spans_to_original_is_to_original_of_each(text, data):
    # the extractor maps all its candidates at once (in text order, and here in any order)
    view = make_view(report_of(text), SIMPLIFIER)
    n = len(view.text)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=12))
    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    for order in (spans, sorted(spans)):
        assert view.spans_to_original(order) == [view.to_original(s, e) for s, e in order]
    every = [(i, j) for i in range(n + 1) for j in range(i, min(n, i + 6) + 1)]
    assert view.spans_to_original(every) == [view.to_original(s, e) for s, e in every]
    with pytest.raises(ValueError):
        view.spans_to_original([(0, n + 1)])
