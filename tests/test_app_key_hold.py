"""No key is dropped or reaches the wrong widget while a panel opens (issue 11, item 12): keys
sent in one burst, as a fast typist or a paste sends them, without waiting between them."""
from __future__ import annotations

import contextvars

from textual import events

from tests.app_helpers import REPORTS, wait_ready, ws  # noqa: F401


async def until(pilot, done, timeout: float = 15.0) -> None:
    """Pause until ``done()`` (a loaded machine can be slow; nothing here is timed)."""
    waited = 0.0
    while not done() and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05


def burst(app, keys: list[str]) -> None:
    """Post the keys at once, as the terminal driver does (from no message pump)."""
    fresh = contextvars.Context()
    for k in keys:
        app.post_message(fresh.run(events.Key, k, k if len(k) == 1 else None))


async def test_keys_typed_right_after_e_reach_the_form(ws) -> None:  # noqa: F811
    app = ws.app(ws.report(REPORTS[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        before = app.focused
        burst(app, ["e", "4", "2", "a"])  # "a" is accept on the review screen: here it is typed
        await until(pilot, lambda: getattr(app.focused, "value", "").endswith("42a"))
        assert app.review.panel is not None and app.focused is not before
        assert app.focused.value.endswith("42a")
        assert app.review.entry(first).status == "pending"
        await pilot.press("escape")
        await pilot.press("q")


async def test_keys_after_a_panel_closes_go_back_to_the_screen_in_order(ws) -> None:  # noqa: F811
    app = ws.app(ws.report(REPORTS[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        ids = [e.id for e in app.review.visible_entries()[:3]]
        burst(app, ["s", "escape", "a", "a", "x"])  # the status filter opens and closes, then decisions
        await until(pilot, lambda: app.review.entry(ids[2]).status != "pending")
        assert app.review.panel is None
        assert [app.review.entry(i).status for i in ids] == ["accepted", "accepted", "rejected"]
        await pilot.press("q")
