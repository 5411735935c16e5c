"""Snapshot tests of the reviewer at 80x24 and 160x48: the main screen, the correction form,
the help screen and the add-figure selection.  Theme fixed (the app's), cursor blink off,
and a fixed extraction of a hand-written report, so the pictures change only with the app.

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the SVGs before committing them.
"""
from __future__ import annotations

import pytest
from textual.widgets import Input

from hedui.app.app import make_app
from hedui.app.config import load_config
from tests.app_fixed_report import FixedExtractor, write_report
from tests.app_helpers import REVIEWER, wait_ready, ws  # noqa: F401



def fixed_app(ws):
    """The app on a hand-written report with a fixed extraction (independent of the rules)."""
    report = write_report(ws.reports)
    return make_app([report], ws.sessions, REVIEWER, config=load_config(ws.config), extractor=FixedExtractor())


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
#: the main screen also at 60x20: the period column kept, cuts shown with …, the footer whole
LAYOUT_SIZES = [pytest.param((60, 20), id="60x20"), *SIZES]


async def _ready(pilot) -> None:
    await wait_ready(pilot)
    pilot.app.review.view.can_focus = False


async def _no_blink(pilot) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


class TestReviewScreen:
    @pytest.mark.parametrize("size", LAYOUT_SIZES)
    def test_main_screen(self, ws, snap_compare, size):
        app = fixed_app(ws)
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["j", "j", "a", "x"])

    @pytest.mark.parametrize("size", LAYOUT_SIZES)
    def test_search_hit(self, ws, snap_compare, size):
        """The cursor on the second hit of 万元, the count in the header, n/N in the footer."""
        app = fixed_app(ws)

        async def run_before(pilot) -> None:
            await _ready(pilot)
            await pilot.press("slash")
            await _no_blink(pilot)
            await pilot.press("万", "元", "enter", "n")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_add_figure_selection(self, ws, snap_compare, size):
        app = fixed_app(ws)
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["j", "i", "l", "L", "L"])


class TestDialogs:
    @pytest.mark.parametrize("size", SIZES)
    def test_correction_form(self, ws, snap_compare, size):
        app = fixed_app(ws)

        async def run_before(pilot) -> None:
            await _ready(pilot)
            await pilot.press("e")
            await _no_blink(pilot)
            await pilot.press("down", "down", "down", "7")  # bound: range, and no value_max: an error
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", SIZES)
    def test_help_screen(self, ws, snap_compare, size):
        app = fixed_app(ws)
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["question_mark"])


class TestPickers:
    """The field pickers (L P B): choices, a phrase picked from the text, the fixed choices."""

    @pytest.mark.parametrize("size", SIZES)
    def test_label_picker(self, ws, snap_compare, size):
        app = fixed_app(ws)
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["j", "L"])

    @pytest.mark.parametrize("size", SIZES)
    def test_label_picked_from_the_text(self, ws, snap_compare, size):
        app = fixed_app(ws)
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["j", "L", "h", "L"])

    @pytest.mark.parametrize("size", SIZES)
    def test_bound_picker(self, ws, snap_compare, size):
        app = fixed_app(ws)
        assert snap_compare(app, terminal_size=size, run_before=_ready, press=["B"])

    @pytest.mark.parametrize("size", SIZES)
    def test_period_picker_typing(self, ws, snap_compare, size):
        app = fixed_app(ws)

        async def run_before(pilot) -> None:
            await _ready(pilot)
            await pilot.press("P", "ctrl+u")
            await _no_blink(pilot)
            await pilot.press("全", "年")

        assert snap_compare(app, terminal_size=size, run_before=run_before)
