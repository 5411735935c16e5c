"""Phrases picked from the text (jieba words around a figure, the phrase in the report's own
characters) and the figures sharing a table column or row."""
from __future__ import annotations

from pathlib import Path

from hedui.core.extract.phrases import borrowed_labels, find_near, own_words, phrase, window, words_around
from hedui.core.extract.table_mates import table_mates
from hedui.core.model import Artefact, Report
from hedui.core.text.view import Simplifier

TEXT = "第一段。本年度政府向長者發放生活津貼共計3,200萬元,受惠長者達到1.2萬人。下一段"


def test_window_is_the_sentence_around_the_figure_and_the_one_before():
    s = TEXT.index("3,200萬元")
    lo, hi = window(TEXT, s, s + 7)
    assert TEXT[lo:hi] == "第一段。本年度政府向長者發放生活津貼共計3,200萬元,受惠長者達到1.2萬人。"
    lo, hi = window(TEXT, s, s + 7, reach=10)
    assert hi - lo <= 10 + 7 + 10 + 1


def test_words_cut_on_the_simplified_view_bound_the_original_text():
    s = TEXT.index("3,200萬元")
    w = words_around(TEXT, s, s + 7, Simplifier().convert)
    assert s in w.bounds and s + 7 in w.bounds  # the figure is one word
    assert w.word_at(s) == (s, s + 7)
    # 長者 is one word only because the view is simplified (长者); the bound is the original's
    i = TEXT.index("長者")
    assert w.word_at(i) == (i, i + 2)
    assert w.step(i, 1) == i + 2 and w.step(i, -100) == w.lo and w.step(i, 100) == w.hi


def test_phrase_keeps_the_reports_characters_without_artefacts(tmp_path: Path):
    text = "發放生活津(jīn)貼\n共計"
    pinyin = text.index("(jīn)")
    report = Report(tmp_path / "r.txt", text, "utf-8", "0", (Artefact(pinyin, pinyin + 5, "pinyin"),))
    assert phrase(report, 0, len(text)) == "發放生活津貼共計"
    assert phrase(report, 0, 4) == "發放生活"
    spaced = Report(tmp_path / "r.txt", ",教育 減 ", "utf-8", "0")
    assert phrase(spaced, 0, 7) == "教育 減"  # its own spacing inside, none outside


def test_find_near_takes_the_nearest_occurrence():
    assert find_near(TEXT, "長者", 0, len(TEXT), TEXT.index("受惠")) == (TEXT.index("受惠") + 2, TEXT.index("受惠") + 4)
    assert find_near(TEXT, "長者", 0, len(TEXT), 0) == (TEXT.index("長者"), TEXT.index("長者") + 2)
    assert find_near(TEXT, "", 0, len(TEXT), 0) is None
    assert find_near(TEXT, "沒有", 0, len(TEXT), 0) is None


TABLE = (
    "學校統計\n"
    "項目      2022年    2023年\n"
    "新建學校    12        15\n"
    "新增學位    800       950\n"
    "\n"
    "另有12所學校在建。\n"
)


def test_table_mates_column_and_row():
    def at(s: str, n: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(n + 1):
            i = TABLE.index(s, i + 1)
        return i, i + len(s)

    spans = [at("12"), at("15"), at("800"), at("950"), at("12", 1)]
    assert table_mates(TABLE, spans, spans[0], "column") == [0, 2]
    assert table_mates(TABLE, spans, spans[3], "column") == [1, 3]
    assert table_mates(TABLE, spans, spans[2], "row") == [2, 3]
    assert table_mates(TABLE, spans, spans[4], "column") == []  # prose: no table


def test_a_step_from_inside_a_word_goes_to_its_edge_first():
    s = TEXT.index("3,200萬元")
    w = words_around(TEXT, s, s + 7, Simplifier().convert)
    i = TEXT.index("長者")
    assert w.step(i + 1, 1) == i + 2 and w.step(i + 1, -1) == i
    assert w.step(i + 1, 2) == w.step(i + 2, 1)


def test_own_words_and_labels_borrowed_from_a_neighbour():
    text = "第一产业增加值379.45亿元,增长3.0%;发展核桃1300余亩,中蜂700余箱"
    first = text.index("379.45亿元")
    rate = text.index("3.0%")
    assert own_words(text, first, 0) == "第一产业增加值"
    assert own_words(text, rate, first + len("379.45亿元")) == "增长"
    walnut, bees = text.index("1300"), text.index("700")
    assert own_words(text, walnut, rate + 4) == "发展核桃"
    assert own_words(text, bees, walnut + len("1300余亩")) == "中蜂"
    # the neighbour's label followed by these words; its own words swapped for these
    assert borrowed_labels("第一产业增加值", "第一产业增加值", "增长") == ["第一产业增加值增长"]
    assert borrowed_labels("发展核桃", "核桃", "中蜂") == ["发展中蜂", "发展核桃中蜂"]
    assert borrowed_labels("增长", "增长", "增长") == []  # nothing new
    assert borrowed_labels("", "", "中蜂") == []
