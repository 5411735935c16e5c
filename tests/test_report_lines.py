"""The lazily wrapped screen-line index of the report pane (hedui.app.widgets.report_lines)."""
from __future__ import annotations

from pathlib import Path

from hedui.app.widgets.report_lines import LineIndex
from hedui.app.widgets.wrap import wrap_lines

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def test_chunks_give_the_same_lines_as_one_wrap() -> None:
    keep = [(i, i + 4) for i in range(0, len(TEXT), 97)]
    whole = wrap_lines(TEXT, 39, keep)
    index = LineIndex(TEXT, 39, keep)
    chunks = 0
    while not index.wrap_chunk(5_000):
        chunks += 1
        assert len(index) < len(whole)
        assert index.estimated_total() >= len(index)
    assert chunks >= 4
    assert list(zip(index.starts, index.ends)) == whole
    assert index.estimated_total() == len(whole)


def test_estimate_is_close_after_the_first_chunk() -> None:
    index = LineIndex(TEXT, 79)
    index.wrap_chunk(20_000)
    exact = len(wrap_lines(TEXT, 79))
    assert abs(index.estimated_total() - exact) < exact * 0.25


def test_on_demand_wrapping_reaches_far_offsets_and_lines() -> None:
    index = LineIndex(TEXT, 79)
    far = len(TEXT) - 10
    y = index.line_of_offset(far)
    assert index.starts[y] <= far < index.ends[y] or TEXT[far] == "\n"
    assert not index.done or len(TEXT) - index.wrapped_upto < 10_000
    index2 = LineIndex(TEXT, 79)
    para, start, end = index2.span(300)
    assert len(index2) > 300
    assert para == TEXT.count("\n", 0, start)
    assert (start, end) == wrap_lines(TEXT, 79)[300]


def test_no_width_means_no_lines() -> None:
    index = LineIndex(TEXT, 0)
    assert index.done and len(index) == 0
    assert index.line_of_offset(100) == 0


def test_cells_and_offset_at_are_inverse_on_cjk_lines() -> None:
    text = "ab中文3496户，cd"
    index = LineIndex(text, 40)
    assert index.cells(0, 2, 4) == (2, 6)  # 中文: two wide characters after two narrow
    assert index.cells(0, 4, 9) == (6, 12)  # 3496户
    for offset in range(len(text)):
        x0, _ = index.cells(0, offset, offset + 1)
        assert index.offset_at(0, x0) == offset
    assert index.offset_at(0, 3) == 2  # the second cell of 中 is still 中
    assert index.offset_at(0, 99) == len(text) - 1


def test_reveal_target_scrolls_only_when_needed() -> None:
    from hedui.app.widgets.report_lines import reveal_target

    assert reveal_target(10, 10, 5, 20, 2, 1) is None  # in view with context
    assert reveal_target(40, 40, 5, 20, 2, 1) == 38  # below: lands 2 lines under the top
    assert reveal_target(2, 2, 5, 20, 2, -1) == 0  # above, near the start
    assert reveal_target(30, 30, 40, 20, 2, -1) == 13  # above: 2 lines over the bottom
    assert reveal_target(6, 6, 5, 20, 2, -1) == 0  # too close to the top edge
    assert reveal_target(10, 40, 0, 20, 2, 1) == 10  # taller than the view: its start
