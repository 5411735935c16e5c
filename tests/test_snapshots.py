"""Snapshot tests of the reviewer at 80x24 and 160x48: the main screen, the correction form,
the help screen and the add-figure selection.  Theme fixed (the app's), cursor blink off.

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the SVGs before committing them.
"""
from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.app_helpers import REPORTS, wait_ready, ws  # noqa: F401

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


async def _ready(pilot) -> None:
    await wait_ready(pilot)
    pilot.app.review.view.can_focus = False


async def _no_blink(pilot) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


class TestReviewScreen:
    @pytest.mark.parametrize("size", SIZES)
    def test_main_screen(self, ws, snap_compare, size):
        app = ws.app(ws.report(REPORTS[0]))
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["j", "j", "a", "x"])

    @pytest.mark.parametrize("size", SIZES)
    def test_add_figure_selection(self, ws, snap_compare, size):
        app = ws.app(ws.report(REPORTS[0]))
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["j", "i", "l", "L", "L"])


class TestDialogs:
    @pytest.mark.parametrize("size", SIZES)
    def test_correction_form(self, ws, snap_compare, size):
        app = ws.app(ws.report(REPORTS[0]))

        async def run_before(pilot) -> None:
            await _ready(pilot)
            await pilot.press("e")
            await _no_blink(pilot)
            await pilot.press("down", "down", "down")
            pilot.app.screen.query_one("#field-bound", Input).value = "about"  # shows a validation error
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_help_screen(self, ws, snap_compare, size):
        app = ws.app(ws.report(REPORTS[0]))
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["question_mark"])
