"""The report pane (hedui.app.widgets.report_view) in a tiny host app at 80x24."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from hedui.app.widgets.report_marks import FIGURE_KINDS, KIND_LAYER, MARK_KINDS, Mark, MarkIndex
from hedui.app.widgets.report_view import ReportView
from hedui.app.widgets.wrap import text_cells, wrap_lines

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REPORT = (SEEDS / "wuwei-2022.txt").read_text(encoding="utf-8")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:户|人|元|个|%|家|项|次|名)")


def number_marks(text: str, kind: str = "pending") -> list[Mark]:
    return [Mark(m.start(), m.end(), kind, f"f{i}") for i, m in enumerate(NUMBER.finditer(text))]


class Host(App):
    CSS = "ReportView { width: 1fr; height: 1fr; } .narrow ReportView { width: 41; }"

    def __init__(self, text: str, marks: list[Mark]) -> None:
        super().__init__()
        self.text, self.marks = text, marks

    def compose(self) -> ComposeResult:
        yield ReportView(self.text, self.marks)


def segments_at(strip: Strip, text: str, needle_start: int, needle_len: int) -> list[Segment]:
    """The segments of ``strip`` that draw characters [needle_start, +needle_len) of its text."""
    out, pos = [], 0
    for seg in strip:
        end = pos + len(seg.text)
        if pos < needle_start + needle_len and end > needle_start:
            out.append(seg)
        pos = end
    return out


def line_segments(view: ReportView, offset: int) -> tuple[int, list[Segment]]:
    """Screen line index of ``offset`` and its rendered segments (scrolled so it is on screen)."""
    y = view.line_of_offset(offset)
    strip = view.render_line(y - round(view.scroll_y))
    return y, list(strip)


def style_at(view: ReportView, offset: int) -> Style:
    """The style the character ``text[offset]`` is drawn with."""
    y, segs = line_segments(view, offset)
    pos = view.line_span(y)[1]
    for seg in segs:
        if pos <= offset < pos + len(seg.text):
            return seg.style
        pos += len(seg.text)
    raise AssertionError(f"offset {offset} not drawn")


async def test_wraps_cjk_at_80_and_40_columns() -> None:
    for narrow, width in ((False, 79), (True, 40)):
        app = Host(REPORT, [])
        async with app.run_test(size=(80, 24)) as pilot:
            if narrow:
                app.screen.add_class("narrow")
            await pilot.pause()
            view = app.query_one(ReportView)
            assert view.scrollable_content_region.width == width
            assert view.line_count > len(REPORT) // width  # CJK: 2 cells a character
            joined = []
            for y in range(view.line_count):
                para, start, end = view.line_span(y)
                line = REPORT[start:end]
                assert text_cells(line) <= width
                joined.append(line)
                if y < 20:  # the rendered strip shows exactly that text, padded to the width
                    strip = view.render_line(y)
                    assert strip.cell_length == width
                    assert strip.text.rstrip() == line.replace("\t", " ").rstrip()
            assert "".join(joined) == REPORT.replace("\n", "")
            # paragraph index: paragraph p starts after p newlines
            para, start, _ = view.line_span(view.line_count - 1)
            assert para == REPORT.count("\n", 0, start)


async def test_marks_drawn_with_their_component_style() -> None:
    text = "甲乙丙3496户丁戊1588万元己庚\n第二段98.5%以上\n页面底部"
    spans = {"3496户": ("pending", "a"), "1588万元": ("accepted", "b"), "98.5%以上": ("corrected", "c"), "页面底部": ("artefact", None)}
    marks = [Mark(text.index(t), text.index(t) + len(t), kind, key) for t, (kind, key) in spans.items()]
    app = Host(text, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        for mark in marks:
            expected = view.get_component_rich_style(f"report-view--{mark.kind}", partial=True)
            for offset in range(mark.start, mark.end):
                got = style_at(view, offset)
                assert got == view.rich_style + expected, (mark, offset)
        # characters outside every mark are drawn in the widget's own style
        for offset in (0, 2, text.index("丁"), text.index("庚"), text.index("第")):
            assert style_at(view, offset) == view.rich_style
        # cells: the pending figure 3496户 starts after three ideographs (6 cells)
        strip = view.render_line(0)
        cell = 0
        for seg in strip:
            if seg.text.startswith("3496"):
                break
            cell += seg.cell_length
        assert cell == 6


async def test_statuses_distinct_without_colour() -> None:
    """NO_COLOR keeps only text attributes: each kind must still differ from the others."""
    app = Host("x", [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        table = {}
        for kind in MARK_KINDS + ("current", "search", "selection"):
            s = view.get_component_rich_style(f"report-view--{kind}", partial=True)
            table[kind] = (s.bold, s.dim, s.italic, s.underline, s.reverse, s.strike, s.overline)
    distinct = [table[k] for k in FIGURE_KINDS + ("excluded", "current")]
    assert len(set(distinct)) == len(distinct), table
    assert all(any(flags) for flags in table.values())


async def test_set_current_scrolls_a_far_figure_into_view_with_context() -> None:
    marks = number_marks(REPORT)
    assert len(marks) > 20
    app = Host(REPORT, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        far = next(m for m in marks if view.line_of_offset(m.start) > 60 and view.line_of_offset(m.start) < view.line_count - 30)
        view.set_current(far.key)
        await pilot.pause()
        y = view.line_of_offset(far.start)
        assert round(view.scroll_y) == y - ReportView.CONTEXT  # two lines of context above
        current = view.get_component_rich_style("report-view--current", partial=True)
        got = style_at(view, far.start)
        assert got.reverse and got.bold and got.bgcolor == current.bgcolor
        # moving back up to a figure far above lands it near the bottom
        near_top = next(m for m in marks if view.line_of_offset(m.start) > 10)
        view.set_current(near_top.key)
        await pilot.pause()
        y2 = view.line_of_offset(near_top.start)
        height = view.scrollable_content_region.height
        assert round(view.scroll_y) == y2 + ReportView.CONTEXT - height + 1
        # the previous current figure lost its emphasis
        assert not style_at(view, far.start).reverse


async def test_set_current_nearby_repaints_only_the_changed_lines() -> None:
    marks = number_marks(REPORT)
    app = Host(REPORT, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        line = view.line_of_offset
        visible = next(
            (a, b) for a, b in zip(marks, marks[1:]) if 0 < line(b.start) - line(a.start) <= 5
        )
        view.set_current(visible[0].key)
        await pilot.pause()
        scroll = view.scroll_y
        painted: list[Region] = []
        original = view.refresh

        def spy(*regions: Region, **kw: object):
            painted.extend(regions)
            if not regions:
                painted.append(view.size.region)
            return original(*regions, **kw)

        view.refresh = spy  # type: ignore[method-assign]
        view.set_current(visible[1].key)
        await pilot.pause()
        assert view.scroll_y == scroll  # no scroll for a figure already in view
        rows = {r.y + dy for r in painted for dy in range(r.height)}
        expected = {view.line_of_offset(visible[0].start), view.line_of_offset(visible[1].start)}
        assert rows == {y - round(scroll) for y in expected}
        # and on those rows only the cells of the two figures
        for mark in visible:
            y = view.line_of_offset(mark.start)
            line_start = view.line_span(y)[1]
            x0 = text_cells(REPORT[line_start : mark.start])
            x1 = x0 + text_cells(REPORT[mark.start : mark.end])
            region = next(r for r in painted if r.y == y - round(scroll))
            assert region.x <= x0 and region.right >= x1
            assert region.width <= text_cells(REPORT[visible[0].start : visible[1].end])


async def test_update_mark_restyles_that_span_only() -> None:
    marks = number_marks(REPORT)
    app = Host(REPORT, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        target = next(m for m in marks if view.line_of_offset(m.start) > 8)
        view.scroll_to(y=view.line_of_offset(target.start) - 5, animate=False)
        await pilot.pause()
        y = 5  # the target's row on screen
        before = {i: view.render_line(i) for i in range(view.scrollable_content_region.height)}
        view.update_mark(target.key, "rejected")
        after = {i: view.render_line(i) for i in before}
        for i in before:
            if i == y:
                continue
            assert after[i] is before[i]  # untouched lines come from the cache
        rejected = view.get_component_rich_style("report-view--rejected", partial=True)
        assert style_at(view, target.start) == view.rich_style + rejected
        assert style_at(view, target.end - 1).strike
        # the rest of the line is unchanged
        old_segs, new_segs = list(before[y]), list(after[y])
        assert "".join(s.text for s in old_segs) == "".join(s.text for s in new_segs)
        _, start, end = view.line_span(view.line_of_offset(target.start))
        for offset in range(start, end):
            if not target.start <= offset < target.end:
                assert not style_at(view, offset).strike


async def test_search_highlights_the_hits_and_the_hit_the_cursor_is_on() -> None:
    app = Host(REPORT, number_marks(REPORT))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        found = [(m.start(), m.end()) for m in re.finditer("工会", REPORT)]
        assert len(found) > 3
        view.set_search(found)
        search = view.get_component_rich_style("report-view--search", partial=True)
        first = found[0][0]
        assert style_at(view, first).bgcolor == search.bgcolor
        assert style_at(view, first + 1).reverse
        last = found[-1]
        view.set_hit(last)  # the hit the cursor is on: shown like the current figure, in view
        await pilot.pause()
        y = view.line_of_offset(last[0])
        assert round(view.scroll_y) <= y < round(view.scroll_y) + view.scrollable_content_region.height
        assert style_at(view, last[0]).reverse
        view.clear_search()
        await pilot.pause()
        assert not style_at(view, last[0]).reverse


async def test_selection_extends_and_returns_original_offsets() -> None:
    text = "前言\n" + "全县脱贫人口" * 10 + "共计3496户，其中" + "\n结尾"
    app = Host(text, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        start = text.index("3496")
        view.begin_selection(start)
        assert view.selection == (start, start + 1)
        for _ in range(4):
            view.move_selection(1, extend=True)
        assert view.selection == (start, start + 5)
        assert text[slice(*view.selection)] == "3496户"
        sel = view.get_component_rich_style("report-view--selection", partial=True)
        assert all(style_at(view, o).bgcolor == sel.bgcolor for o in range(start, start + 5))
        assert style_at(view, start + 5).bgcolor != sel.bgcolor
        # moving without extend collapses it to the cursor
        view.move_selection(-1, extend=False)
        assert view.selection == (start + 3, start + 4)
        # extending backwards past the anchor
        view.move_selection(-5, extend=True)
        assert view.selection == (start - 2, start + 4)
        # a line down keeps the column, on the original text
        view.begin_selection(3)
        view.move_selection_lines(1, extend=True)
        y1 = view.line_of_offset(3)
        _, s2, _ = view.line_span(y1 + 1)
        assert view.selection == (3, s2 + 1)
        assert view.end_selection() == (3, s2 + 1)
        assert view.selection is None
        assert style_at(view, 3).bgcolor != sel.bgcolor
        # the cursor skips newlines (which are on no screen line)
        view.begin_selection(1)
        view.move_selection(1)
        assert view.selection == (3, 4)


async def test_megabyte_report_opens_and_renders_a_far_line() -> None:
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    big = (seeds * (1_000_000 // len(seeds) + 1))[:1_000_000]
    marks = number_marks(big)
    app = Host(big, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        assert view.line_count > 10_000
        view.set_current(marks[-1].key)
        await pilot.pause()
        y = view.line_of_offset(marks[-1].start)
        assert round(view.scroll_y) <= y < round(view.scroll_y) + view.scrollable_content_region.height
        strip = view.render_line(y - round(view.scroll_y))
        _, start, end = view.line_span(y)
        assert strip.text.rstrip() == big[start:end].rstrip()
        assert style_at(view, marks[-1].start).reverse


async def test_resize_rewraps_and_keeps_the_top_line() -> None:
    app = Host(REPORT, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        wide = view.line_count
        view.scroll_to(y=40, animate=False)
        await pilot.pause()
        top = view.first_visible_offset()
        app.screen.add_class("narrow")
        await pilot.pause()
        assert view.line_count > wide
        _, start, end = view.line_span(round(view.scroll_y))
        assert start <= top < max(end, start + 1) or start == top


def test_mark_index_finds_overlapping_marks_by_range() -> None:
    marks = [Mark(0, 100, "artefact"), Mark(10, 14, "pending", 1), Mark(50, 55, "excluded", 2), Mark(120, 130, "added", 3)]
    index = MarkIndex(marks)
    assert [m.key for m in index.overlapping(12, 60)] == [None, 2, 1]  # painting order
    assert index.overlapping(100, 120) == []
    assert index.set_kind(1, "accepted") == [(10, 14)]
    assert index.marks_for(1)[0].kind == "accepted"
    index.add(Mark(60, 62, "added", 4))
    assert [m.key for m in index.overlapping(55, 70)] == [None, 4]
    assert index.remove(4) == [(60, 62)]
    assert [m.key for m in index.overlapping(55, 70)] == [None]


async def test_theme_change_repaints_with_the_new_colours() -> None:
    marks = number_marks(REPORT)
    app = Host(REPORT, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        view = app.query_one(ReportView)
        view.scroll_to_offset(marks[0].start)
        await pilot.pause()
        dark = style_at(view, marks[0].start)
        app.theme = "textual-light"
        await pilot.pause()
        light = style_at(view, marks[0].start)
        assert light.underline and dark.underline
        assert light.color != dark.color and light.bgcolor != dark.bgcolor


async def test_a_figure_is_not_cut_across_lines_when_it_fits() -> None:
    lead = "全县" * 19  # 76 cells: "2.4" would fit on the 79-cell line, "万多户" not
    text = lead + "2.4万多户和其他"
    start = len(lead)
    app = Host(text, [Mark(start, start + 6, "pending", "f")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        assert view.line_span(0)[2] == start  # the line breaks before the figure
        assert view.line_span(1)[1] == start
        assert view.render_line(1).text.startswith("2.4万多户")


async def test_set_current_before_the_first_layout_scrolls_once_laid_out() -> None:
    marks = number_marks(REPORT)
    far = marks[len(marks) * 3 // 4]

    class EarlyHost(Host):
        def on_mount(self) -> None:
            view = self.query_one(ReportView)
            view.set_current(far.key)  # no size yet: remembered until the first resize

    app = EarlyHost(REPORT, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        y = view.line_of_offset(far.start)
        top = round(view.scroll_y)
        assert top + ReportView.CONTEXT <= y < top + view.scrollable_content_region.height
        assert style_at(view, far.start).reverse


async def test_set_document_replaces_the_report_and_resets_the_view() -> None:
    marks = number_marks(REPORT)
    app = Host(REPORT, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        view.set_current(marks[-1].key)
        view.set_search([(m.start(), m.end()) for m in re.finditer("工会", REPORT)])
        await pilot.pause()
        other = (SEEDS / "echeng-2019h1.txt").read_text(encoding="utf-8")
        view.set_document(other, [Mark(0, 2, "flagged", "g")])
        await pilot.pause()
        assert view.scroll_y == 0 and view.current is None
        assert view.render_line(0).text.startswith(other[: view.line_span(0)[2]].replace("\t", " ")[:10])
        assert style_at(view, 0).reverse  # flagged
        assert not style_at(view, 5).reverse  # the old search is gone
        assert view.line_count == len(wrap_lines(other, 79, [(0, 2)]))


@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 30), st.sampled_from(MARK_KINDS)), max_size=40
    ),
    st.integers(0, 230),
    st.integers(1, 60),
)
@settings(max_examples=200, deadline=None)
def test_mark_index_matches_brute_force(raw: list, start: int, length: int) -> None:
    marks = [Mark(s, s + n, kind, i) for i, (s, n, kind) in enumerate(raw)]
    index = MarkIndex(marks)
    end = start + length
    found = index.overlapping(start, end)
    expected = [m for m in marks if m.start < end and m.end > start]
    assert sorted(m.key for m in found) == sorted(m.key for m in expected)
    # painting order: artefacts, then excluded numbers, then figures
    layers = [KIND_LAYER[m.kind] for m in found]
    assert layers == sorted(layers)


async def test_control_characters_never_reach_the_terminal() -> None:
    text = "第一段\t3496户\r\n第二段\x0c98.5%\r\n"
    app = Host(text, [Mark(text.index("3496"), text.index("3496") + 5, "pending", "a")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(ReportView)
        first, second = view.render_line(0), view.render_line(1)
        assert first.text.rstrip() == "第一段 3496户"  # tab drawn as one space, CR dropped
        assert second.text.rstrip() == "第二段98.5%"  # form feed dropped
        for strip in (first, second):
            assert strip.cell_length == 79
            assert not any(ord(c) < 0x20 for c in strip.text)
        # offsets stay those of the original text
        assert view.line_span(0)[1:] == (0, text.index("\n"))
        assert style_at(view, text.index("3496")).underline
