"""Pilot tests of moving around: j/k/arrows, n, ]/[, /, s, ?, q, the layout and the keymap."""
from __future__ import annotations

from hedui.app.screens.correct_dialog import CorrectDialog
from hedui.app.screens.field_picker import FieldPicker
from hedui.app.screens.help import HelpScreen
from hedui.app.widgets.choice_field import ChoiceField
from hedui.app.widgets.span_field import SpanField
from hedui.app.screens.review import ReviewScreen
from hedui.app.screens.status_filter import StatusFilterDialog
from tests.app_helpers import REPORTS, screen_text, wait_all_prepared, wait_ready, ws  # noqa: F401

SIZE = (80, 24)
FIRST, SECOND = REPORTS


async def test_j_k_and_arrows_move_in_step(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        order = [e.id for e in review.visible_entries()]
        assert review.current_id == order[0]
        for key, expected in (("j", 1), ("down", 2), ("j", 3), ("k", 2), ("up", 1)):
            await pilot.press(key)
            await pilot.pause()
            assert review.current_id == order[expected], key
            assert review.table.cursor_row == expected  # table in step
            assert review.view.current == order[expected]  # text in step
            entry = review.entry(order[expected])
            assert entry.text in screen_text(app)  # the detail line shows it
        await pilot.press("k", "k", "k")  # stops at the first figure
        assert review.current_id == order[0]


async def test_current_figure_is_scrolled_into_view(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        entry = review.entry(review.current_id)
        view = review.view
        line = view.line_of_offset(entry.start)
        top = round(view.scroll_y)
        assert top <= line < top + view.scrollable_content_region.height


async def test_n_goes_to_next_pending_and_across_reports(ws):
    app = ws.app(ws.reports)
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        await wait_ready(pilot, 0)
        review = app.review
        order = [e.id for e in review.visible_entries()]
        await pilot.press("j", "a")  # decide the second figure
        await pilot.press("k")
        await pilot.press("n")
        await pilot.pause()
        assert review.current_id == order[2]  # skips the decided one
        # decide everything after the cursor, then n crosses into the next report
        review.go_to(order[-1])
        await pilot.press("n")
        await pilot.pause()
        assert review.index == 1
        assert review.current_id == review.slot.session.first_pending().id
        assert SECOND in screen_text(app).splitlines()[0]


async def test_next_and_previous_report(ws):
    app = ws.app(ws.reports)
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        await wait_ready(pilot, 0)
        header = lambda: screen_text(app).splitlines()[0]  # noqa: E731
        assert FIRST in header() and "1/2" in header()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.review.index == 1
        assert SECOND in header() and "2/2" in header()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.review.index == 0 and FIRST in header()


async def test_status_filter(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        total = len(review.visible_entries())
        await pilot.press("a", "a", "x")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.review.panel, StatusFilterDialog)
        await pilot.press("j", "j", "enter")  # all, pending, accepted
        await pilot.pause()
        assert review.filter == "accepted"
        assert review.table.row_count == 2
        assert all(review.entry(i).status == "accepted" for i in review.table.ids)
        assert "[accepted]" in screen_text(app).splitlines()[0]
        await pilot.press("s", "enter")  # the dialog opens on the filter in force: unchanged
        await pilot.pause()
        assert review.filter == "accepted"
        await pilot.pause()
        await pilot.press("s", "k", "k", "enter")
        await pilot.pause()
        assert review.filter == "all" and review.table.row_count == total


async def test_help_lists_every_key(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = {b.id for b in ReviewScreen.BINDINGS}
        ids |= {b.id for panel in (FieldPicker, CorrectDialog, ChoiceField, SpanField) for b in panel.BINDINGS}
        assert {row[2] for row in app.screen.rows} == ids  # the picker's and the form's keys too
        shown = screen_text(app)
        for bid in ("review.accept", "review.undo", "review.next_excluded", "select.extend"):
            assert bid in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.review


async def test_keymap_from_config(ws):
    ws.config.write_text('[keymap]\n"review.accept" = "y"\n"review.help" = "f1"\n', encoding="utf-8")
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        await pilot.press("a")  # no longer bound
        await pilot.pause()
        assert app.review.current_id == first
        await pilot.press("y")
        await pilot.pause()
        assert app.review.current_id != first
        assert "y Accept" in screen_text(app).splitlines()[-1]
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        row = next(r for r in app.screen.rows if r[2] == "review.accept")
        assert row[0] == "y"
    assert ws.statuses(FIRST)[first] == "accepted"


async def test_footer_shows_only_keys_that_apply(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "a Accept" in footer and "Use span" not in footer
        assert "Undo" not in footer  # nothing to undo yet
        await pilot.press("a")
        await pilot.pause()
        assert "u Undo" in screen_text(app).splitlines()[-1]
        await pilot.press("N")  # on an excluded number there is nothing to accept
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Accept" not in footer and "Promote" in footer


async def test_layout_stacked_at_80_and_side_by_side_when_wide(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        text, table = review.view.region, review.table.region
        assert not review.has_class("wide")
        assert text.bottom <= table.y  # text above the table
        assert table.width >= 70
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_ready(pilot)
        review = app.review
        text, table = review.view.region, review.table.region
        assert review.has_class("wide")
        assert text.right <= table.x  # side by side


async def test_quit_is_safe_and_releases_the_sessions(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        await pilot.press("a", "q")
        await pilot.pause()
    assert app.return_code == 0
    s = ws.session(FIRST, read_only=False)  # the lock was released
    try:
        assert s.entry(first).status == "accepted"
    finally:
        s.close()


async def test_clicking_a_row_selects_that_figure(ws):
    from hedui.app.widgets.figure_table import FigureTable

    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        order = [e.id for e in app.review.visible_entries()]
        await pilot.click(FigureTable, offset=(5, 3))  # header row, then rows 0, 1, 2
        await pilot.pause()
        assert app.review.current_id == order[2]
        assert app.review.view.current == order[2]
