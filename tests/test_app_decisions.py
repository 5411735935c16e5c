"""Pilot tests of the decision keys: a, x, f, e, i, p, u, ctrl+r — asserted on the session on disk
and on what the screen shows."""
from __future__ import annotations

from hedui.app.messages import FigureDecided
from hedui.app.screens.correct_dialog import CorrectDialog
from hedui.app.screens.flag_dialog import FlagDialog
from tests.app_helpers import REPORTS, screen_text, wait_ready, ws  # noqa: F401

SIZE = (80, 24)
FIRST = REPORTS[0]


async def test_accept_saves_and_advances(ws):
    app = ws.app(ws.report(FIRST))
    seen = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await wait_ready(pilot)
        review = app.review
        first = review.current_id
        order = [e.id for e in review.visible_entries()]
        await pilot.press("a")
        await pilot.pause()
        assert review.current_id == order[order.index(first) + 1]
        # the table shows the status by its symbol, the header the progress
        assert str(review.table.get_cell(first, "status")) == "✓"
        assert f"1/{len(order)}" in screen_text(app).splitlines()[0]
        # on disk before the screen showed it: read it back while the app still runs
        assert ws.statuses(FIRST)[first] == "accepted"
    unique = {id(m): m for m in seen if isinstance(m, FigureDecided)}  # the hook sees it bubble too
    decided = [(m.entry_id, m.status) for m in unique.values()]
    assert decided == [(first, "accepted")]
    assert ws.statuses(FIRST)[first] == "accepted"


async def test_reject_saves_and_advances(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        await pilot.press("x")
        await pilot.pause()
        assert app.review.current_id != first
        assert str(app.review.table.get_cell(first, "status")) == "✗"
    assert ws.statuses(FIRST)[first] == "rejected"


async def test_flag_with_reason_and_note(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.review.panel, FlagDialog)
        await pilot.press("3", "tab", *"odd", "enter")
        await pilot.pause()
        assert app.review.panel is None
        assert str(app.review.table.get_cell(first, "status")) == "⚑"
        # the table, hidden under the panel, is painted with the decision, not scrolled away
        await pilot.pause(0.1)
        assert app.review.table.scroll_y == 0
        rows = screen_text(app).splitlines()[-7:-1]
        assert rows[0].lstrip().startswith("⚑")
    s = ws.session(FIRST)
    e = s.entry(first)
    s.close()
    assert (e.status, e.flag_reason, e.note) == ("flagged", "outside-definition", "odd")


async def test_flag_escape_changes_nothing(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        await pilot.press("f", "a", "x")  # while the panel is open the review keys do not apply
        await pilot.pause()
        assert isinstance(app.review.panel, FlagDialog)
        assert "esc Cancel" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert app.review.panel is None and app.review.current_id == first
    assert ws.statuses(FIRST)[first] == "pending"


async def test_correct_form_prefilled_validated_and_saved(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        entry = app.review.entry(app.review.current_id)
        await pilot.press("e")
        await pilot.pause()
        form = app.review.panel
        assert isinstance(form, CorrectDialog)
        value = form.query_one("#field-value")
        assert value.value == str(entry.fields.value)  # prefilled with the suggestion
        assert form.query_one("#field-unit").value == entry.fields.unit
        # an invalid value is reported as typed, and Enter does not save it
        value.value = "12x"
        await pilot.pause()
        assert "value: not a number" in str(form.query_one("#form-errors").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.review.panel is form
        # the bound is a choice: a range without its upper end is an error
        value.value = "4321"
        form.query_one("#field-bound").choose("range")
        await pilot.pause()
        assert "a range needs an upper end" in str(form.query_one("#form-errors").render())
        form.query_one("#field-bound").choose(">")
        await pilot.pause()
        # down moves to the next field; Enter saves from any field
        await pilot.press("down")
        assert app.focused.id == "field-value_max"
        await pilot.press("enter")
        await pilot.pause()
        assert app.review.panel is None
        assert str(app.review.table.get_cell(entry.id, "status")) == "✎"
    s = ws.session(FIRST)
    e = s.entry(entry.id)
    s.close()
    assert e.status == "corrected"
    assert (e.fields.value, e.fields.bound) == (4321, ">")
    assert e.suggestion == entry.fields  # the extractor's own proposal is kept beside it


async def test_correct_escape_cancels(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        eid = app.review.current_id
        await pilot.press("e")
        await pilot.pause()
        app.review.panel.query_one("#field-value").value = "1"
        await pilot.press("escape")
        await pilot.pause()
        assert app.review.panel is None
    assert ws.statuses(FIRST)[eid] == "pending"


async def test_add_by_selecting_a_span(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        text = review.slot.extraction.report.text
        entry = review.entry(review.current_id)
        await pilot.press("i")
        await pilot.pause()
        assert review.selecting
        # only the selection keys apply now: accept is hidden from the footer
        assert review.check_action("accept", ()) is False
        assert "Use span" in screen_text(app).splitlines()[-1]
        assert review.view.selection == (entry.start, entry.start + 1)
        s0 = entry.start
        await pilot.press("l", "L", "shift+right")  # move right, then extend by two
        await pilot.pause()
        assert review.view.selection == (s0 + 1, s0 + 4)
        await pilot.press("h")  # moving (not extending) collapses the selection
        await pilot.pause()
        assert review.view.selection == (s0 + 2, s0 + 3)
        await pilot.press("h", "L", "L", "H")
        await pilot.pause()
        start, end = review.view.selection
        assert (start, end) == (s0 + 1, s0 + 3)
        # j/k move by screen lines in selection mode (and do not change the figure)
        current = review.current_id
        await pilot.press("j")
        await pilot.pause()
        below = review.view.selection
        assert below[0] > end and review.view.line_of_offset(below[0]) == review.view.line_of_offset(start) + 1
        assert review.current_id == current
        await pilot.press("k")
        await pilot.pause()
        assert review.view.selection == (end - 1, end)  # back on its line, at the cursor's column
        await pilot.press("H")  # the cursor moves left, the anchor stays: the span again
        await pilot.pause()
        assert review.view.selection == (start, end)
        await pilot.press("enter")
        await pilot.pause()
        form = app.review.panel
        assert isinstance(form, CorrectDialog)
        assert text[start:end] in form.title_text
        form.query_one("#field-value").value = "77"
        await pilot.press("enter")
        await pilot.pause()
        assert review.panel is None
        added = [e for e in review.visible_entries() if e.status == "added"]
        assert [(e.start, e.end) for e in added] == [(start, end)]
        assert review.current_id == added[0].id
    s = ws.session(FIRST)
    got = [(e.start, e.end, e.text, e.fields.value) for e in s.entries if e.status == "added"]
    s.close()
    assert got == [(start, end, text[start:end], 77)]


async def test_add_escape_leaves_selection(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("i", "L", "escape")
        await pilot.pause()
        assert not app.review.selecting
        assert app.review.view.selection is None
        assert app.review.check_action("accept", ()) is True


async def test_next_excluded_and_promote(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        excluded = review._excluded
        assert excluded, "the seed has numbers the extractor excluded"
        await pilot.press("N")
        await pilot.pause()
        figure = review.current_excluded
        assert figure is not None
        shown = screen_text(app)
        assert "excluded" in shown and figure.rule in shown  # dimmed, with the rule that excluded it
        await pilot.press("p")
        await pilot.pause()
        entry = review.entry(review.current_id)
        assert (entry.start, entry.end, entry.status) == (figure.start, figure.end, "added")
        kinds = {m.key: m.kind for m in review.view.marks}
        assert kinds[entry.id] == "added" and f"x{figure.start}" not in kinds
        assert str(review.table.get_cell(entry.id, "status")) == "+"
        await pilot.press("u")  # the add undone: the number is an excluded one again
        await pilot.pause()
        kinds = {m.key: m.kind for m in review.view.marks}
        assert entry.id not in kinds and kinds[f"x{figure.start}"] == "excluded"
        assert review.table.row_of(entry.id) is None
        after = next((e.id for e in review.visible_entries() if e.start >= figure.start), None)
        assert review.current_id == after  # on the figure that follows the number
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert review.entry(entry.id).status == "added"
    s = ws.session(FIRST)
    got = [(e.start, e.end, e.rule) for e in s.entries if e.status == "added"]
    s.close()
    assert got == [(figure.start, figure.end, f"promote:{figure.rule}")]  # its own provenance


async def test_undo_and_redo(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        await pilot.press("a", "x")
        await pilot.pause()
        second = [e.id for e in app.review.visible_entries()][1]
        assert ws.statuses(FIRST)[second] == "rejected"
        await pilot.press("u")
        await pilot.pause()
        assert app.review.current_id == second
        assert str(app.review.table.get_cell(second, "status")) == "·"
        await pilot.press("u")
        await pilot.pause()
        assert app.review.current_id == first
        assert ws.statuses(FIRST)[first] == "pending"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert str(app.review.table.get_cell(first, "status")) == "✓"
    st = ws.statuses(FIRST)
    assert (st[first], st[second]) == ("accepted", "pending")
