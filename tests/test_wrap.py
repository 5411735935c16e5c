"""Soft-wrap of report text by terminal cell width (hedui.app.widgets.wrap)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from hedui.app.widgets.wrap import (
    NO_LINE_START,
    char_cells,
    paragraph_spans,
    text_cells,
    wrap_lines,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# report-like alphabet: ASCII, CJK ideographs, full-width and ambiguous
# punctuation, full-width digits, a combining mark, a tab, a CR and newlines
ALPHABET = st.sampled_from(
    list("ab 1.%\t\r\n\n") + list("中文户万元亿，。、：（）") + list("１２％“”…—·") + ["\u0301", "\u200b"]
)
TEXTS = st.text(ALPHABET, max_size=400)
WIDTHS = st.integers(min_value=2, max_value=90)


def check_invariants(text: str, width: int, lines: list[tuple[int, int]]) -> None:
    # concatenating the lines gives back the text minus its newlines
    assert "".join(text[s:e] for s, e in lines) == text.replace("\n", "")
    # offsets are monotonic, lines never overlap, and no line holds a newline
    previous_end = -1
    for s, e in lines:
        assert s <= e
        assert s >= previous_end
        assert "\n" not in text[s:e]
        previous_end = e
    # every line fits in the width
    for s, e in lines:
        assert text_cells(text[s:e]) <= width, (text[s:e], width)
    # one line per paragraph at least
    assert len(lines) >= text.count("\n") + 1


@given(TEXTS, WIDTHS)
@settings(max_examples=300, deadline=None)
def test_wrap_properties(text: str, width: int) -> None:
    check_invariants(text, width, wrap_lines(text, width))


@given(TEXTS, WIDTHS, st.lists(st.tuples(st.integers(0, 400), st.integers(1, 12)), max_size=20))
@settings(max_examples=200, deadline=None)
def test_wrap_properties_with_keep_spans(text: str, width: int, raw: list[tuple[int, int]]) -> None:
    keep = [(s, min(s + n, len(text))) for s, n in raw if s < len(text)]
    lines = wrap_lines(text, width, keep)
    check_invariants(text, width, lines)


@given(TEXTS, WIDTHS)
@settings(max_examples=200, deadline=None)
def test_lines_are_full_unless_a_paragraph_ends(text: str, width: int) -> None:
    """Greedy: a line breaks early only for a paragraph end, closing punctuation or a wide char."""
    lines = wrap_lines(text, width)
    for (s, e), (s2, _) in zip(lines, lines[1:]):
        if s2 != e:  # next line starts a new paragraph
            continue
        used = text_cells(text[s:e])
        if used + char_cells(text[e]) > width:
            continue  # the next character did not fit
        # otherwise the break moved back one character so that closing
        # punctuation, which did not fit, does not begin the next line
        assert text[e + 1] in NO_LINE_START
        assert used + char_cells(text[e]) + char_cells(text[e + 1]) > width


def test_cjk_at_80_and_40_cells() -> None:
    para = "全市户籍人口3496户，" * 20  # 8 wide characters and 4 digits: 20 cells
    for width in (80, 40):
        lines = wrap_lines(para, width)
        widths = [cell_len(para[s:e]) for s, e in lines]
        assert all(w <= width for w in widths)
        # all but the last line are full or one cell short (a wide char did not fit)
        assert all(w >= width - 1 for w in widths[:-1])
        assert "".join(para[s:e] for s, e in lines) == para
    # 80 cells hold twice what 40 cells hold
    assert len(wrap_lines(para, 40)) >= 2 * len(wrap_lines(para, 80)) - 1


def test_wide_characters_are_two_cells_and_never_split() -> None:
    text = "中" * 10
    assert wrap_lines(text, 5) == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]
    assert text_cells("中，ａ1") == 2 + 2 + 2 + 1


def test_paragraphs_and_empty_lines() -> None:
    text = "ab\n\ncd\n"
    assert paragraph_spans(text) == [(0, 2), (3, 3), (4, 6), (7, 7)]
    assert wrap_lines(text, 10) == [(0, 2), (3, 3), (4, 6), (7, 7)]


def test_closing_punctuation_does_not_start_a_line() -> None:
    text = "一二三四，五六"  # at 8 cells the comma would begin line 2
    lines = wrap_lines(text, 8)
    assert lines[0] == (0, 3)
    assert text[lines[1][0]] == "四"


def test_keep_span_moves_to_the_next_line_when_it_fits() -> None:
    text = "收入增长达到" + "2.4万多户" + "以上"
    start = text.index("2.4")
    span = (start, start + len("2.4万多户"))
    plain = wrap_lines(text, 16)
    assert any(s < span[0] < e < span[1] or span[0] < e < span[1] for s, e in plain)  # cut without keep
    kept = wrap_lines(text, 16, [span])
    assert all(not (span[0] < e < span[1]) for _, e in kept)
    assert kept[1][0] == span[0]


def test_keep_span_longer_than_a_line_is_still_cut() -> None:
    text = "中" * 30
    lines = wrap_lines(text, 10, [(0, 30)])
    check_invariants(text, 10, lines)


def test_real_seed_reports_wrap_cleanly() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for width in (79, 39):
            check_invariants(text, width, wrap_lines(text, width))
