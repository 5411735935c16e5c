"""Pilot tests of what must never surprise the reviewer: quitting with decisions that could not
be written, the screen after a write succeeds again, promoting only a number that is shown,
an add over existing figures, and decisions a changed report has no place for."""
from __future__ import annotations

import errno

import hedui.core.session.store as store_mod
from hedui.app.screens.correct_dialog import CorrectDialog
from hedui.app.screens.orphans import OrphansPanel
from hedui.app.screens.quit_dialog import QuitDialog
from tests.app_helpers import REPORTS, screen_text, wait_ready, ws  # noqa: F401

SIZE = (80, 24)
FIRST = REPORTS[0]


def _break_fsync(monkeypatch):
    real = store_mod.os.fsync

    def broken(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "fsync", broken)
    return lambda: monkeypatch.setattr(store_mod.os, "fsync", real)


async def test_quit_with_unsaved_decisions_asks_and_retry_saves_them(ws, monkeypatch):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        first = review.current_id
        repair = _break_fsync(monkeypatch)
        await pilot.press("a")
        await pilot.pause()
        assert review.slot.session.unsaved == 1
        assert str(review.table.get_cell(first, "status")) == "·"  # not shown as done
        assert "1 NOT SAVED" in screen_text(app).splitlines()[0]
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(review.panel, QuitDialog) and app.is_running  # asked, not quit
        assert "1 decision not saved" in screen_text(app)
        await pilot.press("escape")  # keep reviewing
        await pilot.pause()
        assert review.panel is None and app.is_running
        repair()
        await pilot.press("q")  # the write is retried first; it works now, so quit
        await pilot.pause()
        assert not app.is_running
    assert ws.statuses(FIRST)[first] == "accepted"


async def test_quit_anyway_loses_only_what_was_never_saved(ws, monkeypatch):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        order = [e.id for e in review.visible_entries()]
        await pilot.press("a")  # saved
        await pilot.pause()
        _break_fsync(monkeypatch)
        await pilot.press("x")  # not saved
        await pilot.pause()
        await pilot.press("q", "r")  # retry fails again: still asking
        await pilot.pause()
        assert isinstance(review.panel, QuitDialog) and app.is_running
        await pilot.press("Q")
        await pilot.pause()
        assert not app.is_running
    monkeypatch.undo()
    statuses = ws.statuses(FIRST)
    assert statuses[order[0]] == "accepted" and statuses[order[1]] == "pending"


async def test_a_decision_held_in_memory_is_shown_done_once_it_is_written(ws, monkeypatch):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        order = [e.id for e in review.visible_entries()]
        repair = _break_fsync(monkeypatch)
        await pilot.press("a")
        await pilot.pause()
        assert str(review.table.get_cell(order[0], "status")) == "·"
        repair()
        await pilot.press("j", "x")  # this write takes the held accept with it
        await pilot.pause()
        assert str(review.table.get_cell(order[0], "status")) == "✓"
        assert review.entry(order[0]).status == "accepted"
        assert "NOT SAVED" not in screen_text(app).splitlines()[0]
    statuses = ws.statuses(FIRST)
    assert statuses[order[0]] == "accepted"


async def test_promote_on_a_figure_first_shows_the_number(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        before = len(review._ordered)
        pos = review.cursor_offset()
        await pilot.press("p")
        await pilot.pause()
        figure = review.current_excluded
        assert figure is not None and figure.start >= pos
        assert len(review._ordered) == before  # nothing added that the reviewer has not seen
        assert "p promotes it" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert len(review._ordered) == before + 1
        assert review.entry(review.current_id).start == figure.start


async def test_an_add_over_figures_says_so_in_the_form(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        entry = review.entry(review.current_id)
        await pilot.press("i", "L", "L", "L", "enter")
        await pilot.pause()
        assert isinstance(review.panel, CorrectDialog)
        shown = screen_text(app)
        assert "overlaps 1 figure" in shown and entry.text in shown
        await pilot.press("escape")


async def test_orphans_are_listed(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        entry = app.review.entry(app.review.current_id)
        await pilot.press("a")
        await pilot.pause()
    # the report changes: the accepted figure's number is gone from it
    path = ws.report(FIRST)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(entry.text, "若干"), encoding="utf-8")
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        assert [o.text for o in review.slot.session.orphans] == [entry.text]
        assert "1 ORPHANED" in screen_text(app).splitlines()[0]
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(review.panel, OrphansPanel)
        shown = screen_text(app)
        assert entry.text in shown and "accepted" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert review.panel is None


async def test_the_footer_shows_redo_once_there_is_something_to_redo(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_ready(pilot)
        await pilot.press("a")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Undo" in footer and "Redo" not in footer
        await pilot.press("u")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Redo" in footer and "Quit" in footer


async def test_an_undone_decision_does_not_count_in_the_pace(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("a", "a")
        await pilot.pause()
        assert app.pace.decisions == 2
        await pilot.press("u")
        await pilot.pause()
        assert app.pace.decisions == 1
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.pace.decisions == 2


def test_the_rules_folder_gives_the_artefact_rules_too(tmp_path, monkeypatch):
    import hedui.core.text.artefact_rules as artefact_rules
    from hedui.app.workspace import Preparer, ReportSlot
    from hedui.core.rules import default_rules_dir
    from tests.app_helpers import SEEDS

    rules = tmp_path / "rules"
    rules.mkdir()
    for f in default_rules_dir().glob("*.toml"):
        (rules / f.name).write_bytes(f.read_bytes())
    seen = []
    real = artefact_rules.load_artefact_rules
    monkeypatch.setattr(artefact_rules, "load_artefact_rules", lambda d=None: (seen.append(d), real(d))[1])
    preparer = Preparer(sessions_dir=tmp_path / "sessions", reviewer="t", rules_dir=rules)
    slots = [ReportSlot(path=SEEDS / name) for name in REPORTS]
    for slot in slots:
        preparer.prepare(slot)
        slot.session.close()
    assert seen == [rules]  # the --rules folder's, read once for every report
    assert all(slot.error is None for slot in slots)
