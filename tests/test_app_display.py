"""What the reviewer's screen shows: NO_COLOR, the current row, resizes, the status filter,
the header, and the small display details (form errors, table columns, flag reason,
error rows, touching figures).  Each test asserts on the cells the terminal would get."""
from __future__ import annotations

import shutil

from rich.cells import cell_len
from rich.style import Style

from hedui.app.screens.correct_dialog import CorrectDialog
from hedui.app.screens.flag_dialog import FlagDialog
from hedui.app.widgets.header import middle_ellipsis
from tests.app_helpers import REPORTS, SEEDS, screen_text, wait_ready, ws  # noqa: F401

SIZE = (80, 24)
FIRST = REPORTS[0]


def styled_lines(app) -> list[list[tuple[str, Style]]]:
    """Every screen line as (text, style) segments, after Textual's filters (NO_COLOR …)."""
    return [
        [(seg.text, seg.style or Style.null()) for seg in strip]
        for strip in app.screen._compositor.render_strips()
    ]


def cells(line: list[tuple[str, Style]], x0: int = 0, x1: int | None = None) -> list[tuple[str, Style]]:
    """The (character, style) of each cell of ``line`` between columns x0 and x1."""
    out: list[tuple[str, Style]] = []
    for text, style in line:
        for ch in text:
            out.append((ch, style))
            if cell_len(ch) == 2:
                out.append(("", style))
    return out[x0:x1]


def table_row_line(app, row: int) -> tuple[str, list[tuple[str, Style]]]:
    """The screen text and cells of table row ``row`` (which must be in view)."""
    table = app.review.table
    region = table.region
    y = region.y + table.header_height + row - round(table.scroll_y)
    assert region.y + table.header_height <= y < region.bottom, f"row {row} is not in view"
    line = cells(styled_lines(app)[y], region.x, region.right - 1)  # without the scrollbar
    return "".join(ch for ch, _ in line), line


def is_marked(line: list[tuple[str, Style]]) -> bool:
    """Every visible character of the line is in reverse video."""
    shown = [style for ch, style in line if ch.strip()]
    return bool(shown) and all(style.reverse for style in shown)


def copy_seed(ws, name: str, as_name: str | None = None):
    target = ws.reports / (as_name or name)
    shutil.copyfile(SEEDS / name, target)
    return target


# ---------------------------------------------------------------- 1. NO_COLOR
async def test_no_color_leaves_the_terminal_colours(ws):
    """NO_COLOR (set by the fixture): no colour at all, so the terminal's own fg/bg, not
    black on black; status stays readable by text style and symbol."""
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        lines = styled_lines(app)
        for y, line in enumerate(lines):
            for text, style in line:
                for colour in (style.color, style.bgcolor):
                    assert colour is None or colour.is_default, (y, text, style)
        review = app.review
        entry = review.entry(review.current_id)
        # the current figure: reverse in the text; pending ones underlined; symbol in the table
        text_top = review.view.region.y
        current = [st for line in lines[text_top:review.view.region.bottom]
                   for t, st in line if entry.text in t or (t and t in entry.text and st.reverse)]
        assert current and all(st.reverse and st.bold for st in current)
        assert any(st.underline and not st.reverse for line in lines for _t, st in line)
        row_text, _ = table_row_line(app, review.table.cursor_row)
        assert row_text.lstrip().startswith("·")


# ---------------------------------------------------------------- 2. the current row
async def _check_current_row_marked(ws, size) -> None:
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot)
        review = app.review
        for _ in range(3):
            old_row = review.table.cursor_row
            await pilot.press("j")
            await pilot.pause()
            row = review.table.row_of(review.current_id)
            text, line = table_row_line(app, row)
            assert review.entry(review.current_id).text in text
            assert is_marked(line), text
            _, old_line = table_row_line(app, old_row)
            assert not is_marked(old_line)


async def test_current_row_is_marked_at_80x24(ws):
    await _check_current_row_marked(ws, (80, 24))


async def test_current_row_is_marked_at_160x48(ws):
    await _check_current_row_marked(ws, (160, 48))


# ---------------------------------------------------------------- 3. resize
async def test_resize_keeps_the_current_figure_in_view(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_ready(pilot)
        review = app.review
        for _ in range(30):
            await pilot.press("j")
        await pilot.pause()
        for size in ((80, 24), (140, 30), (100, 20)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            entry = review.entry(review.current_id)
            view = review.view
            line = view.line_of_offset(entry.start)
            top = round(view.scroll_y)
            assert top <= line < top + view.scrollable_content_region.height, size
            shown = screen_text(app).splitlines()
            region = view.region
            text_pane = "".join(s[region.x:region.right] for s in shown[region.y:region.bottom])
            assert entry.text[:2] in text_pane, size
            row_text, row_line = table_row_line(app, review.table.row_of(entry.id))
            assert entry.text in row_text and is_marked(row_line), size


# ---------------------------------------------------------------- 4. status filter
async def test_filter_back_to_all_shows_the_current_row(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        for _ in range(20):
            await pilot.press("j")
        flagged = review.current_id
        await pilot.press("f", "enter")  # flag it (first reason), moves on
        await pilot.pause()
        await pilot.press("s", "j", "j", "j", "j", "enter")  # all pending accepted corrected flagged
        await pilot.pause()
        assert review.filter == "flagged" and review.current_id == flagged
        await pilot.press("s", "k", "k", "k", "k", "enter")
        await pilot.pause()
        await pilot.pause()
        assert review.filter == "all" and review.current_id == flagged
        row = review.table.row_of(flagged)
        assert row > 10
        text, line = table_row_line(app, row)
        assert review.entry(flagged).text in text and "⚑" in text
        assert is_marked(line)


# ---------------------------------------------------------------- 5. header
LONG_NAME = "鄂城区总工会2019年上半年工作总结_final_version_v2.txt"


def test_middle_ellipsis_by_cell_width():
    assert middle_ellipsis("short.txt", 20) == "short.txt"
    cut = middle_ellipsis(LONG_NAME, 24)
    assert cell_len(cut) <= 24 and "…" in cut
    assert cut.startswith("鄂城区") and cut.endswith("v2.txt")


async def test_long_report_name_leaves_the_progress_in_view(ws):
    path = copy_seed(ws, FIRST, LONG_NAME)
    app = ws.app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        header = screen_text(app).splitlines()[0]
        done, total = app.review.slot.progress()
        assert f"{done}/{total} · {total - done} undecided" in header
        assert "all " in header and header.rstrip().endswith("/h")
        assert "鄂城区" in header and "…" in header and ".txt" in header
        assert cell_len(header) <= 80


# ---------------------------------------------------------------- 6. small things
async def test_correction_form_shows_every_error(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.review.panel
        assert isinstance(form, CorrectDialog)
        form.query_one("#field-value").value = "abc"
        form.query_one("#field-value_max").value = "lots"  # not a number, and no range
        await pilot.pause()
        await pilot.pause()
        errors = form._errors()
        assert len(errors) == 3
        shown = " ".join(" ".join(screen_text(app).split()).split())
        for error in errors:
            assert " ".join(error.split()) in shown, error
        form.query_one("#field-value").value = "12"
        form.query_one("#field-value_max").value = ""
        await pilot.pause()
        assert "Enter save" in screen_text(app)  # the help line is back


async def test_table_bound_and_unit_columns(ws):
    copy_seed(ws, "zhuzhou-2020.txt")
    copy_seed(ws, "guangxi-2023.txt")
    app = ws.app(ws.report("zhuzhou-2020.txt"), ws.report("guangxi-2023.txt"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        ranged = next(e for e in review._ordered if e.fields.bound == "range")
        review.go_to(ranged.id)
        await pilot.pause()
        text, _ = table_row_line(app, review.table.row_of(ranged.id))
        assert "↔" in text and " ra " not in text
        await pilot.press("right_square_bracket")
        await wait_ready(pilot, 1)
        points = next(e for e in review._ordered if e.fields.unit == "百分点")
        review.go_to(points.id)
        await pilot.pause()
        text, _ = table_row_line(app, review.table.row_of(points.id))
        assert "百分点" in text


async def test_flag_reason_stays_marked_while_typing_the_note(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.review.panel, FlagDialog)
        await pilot.press("2", "tab", "x")
        await pilot.pause()
        lines = styled_lines(app)
        texts = ["".join(t for t, _ in line) for line in lines]
        y = next(i for i, t in enumerate(texts) if "error in the source" in t)
        assert "● error in the source" in texts[y]
        assert any(st.bold and st.underline for t, st in lines[y] if "error" in t)
        others = [i for i, t in enumerate(texts) if "ambiguous" in t or "outside the" in t]
        assert len(others) == 2
        for i in others:
            assert "○" in texts[i] and not any(st.underline for t, st in lines[i] if t.strip())
        await pilot.press("enter")
        await pilot.pause()


async def test_error_row_shows_the_reason(ws):
    bad = ws.reports / "binary.txt"
    bad.write_bytes(b"\x00\x01binary\x00" * 50)
    app = ws.app(bad)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if app.slots[0].error:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        table = app.review.table
        rows = text.splitlines()[table.region.y:table.region.bottom]
        joined = " ".join(" ".join(rows).split())
        assert "binary.txt" in joined
        reason = app.slots[0].error.split(": ", 1)[1]  # "path/binary.txt: why" -> why
        assert " ".join(reason.split()) in joined


async def test_touching_figures_are_shown_apart(ws):
    path = copy_seed(ws, "wuwei-2022.txt")
    app = ws.app(path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        first = next(e for e in review._ordered if e.text == "4期")
        second = next(e for e in review._ordered if e.start == first.end)
        review.go_to(review._ordered[0].id)
        review.view.scroll_to_offset(first.start, second.end)
        await pilot.pause()
        view = review.view
        y = view.region.y + view.line_of_offset(first.start) - round(view.scroll_y)
        line = cells(styled_lines(app)[y], view.region.x, view.region.right)
        styles = {ch: st for ch, st in line if ch in "4期249人次"}
        assert styles["期"].underline and not styles["期"].underline2
        assert styles["2"].underline2 and not styles["2"].underline
