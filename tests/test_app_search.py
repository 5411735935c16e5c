"""Search on the review screen: the cursor goes to the hit and shows it, n/N step through the
hits while the search is on, p at a hit that is a number promotes it, the count is in the
header, and a simplified query finds the traditional text."""
from __future__ import annotations

import shutil
from contextlib import asynccontextmanager

from hedui.app.app import make_app
from hedui.app.config import load_config
from hedui.core.extract.viewing import Viewer
from hedui.core.text.report import load_report
from tests.app_fixed_report import FixedExtractor, write_report
from tests.app_helpers import REPO, REVIEWER, screen_text, wait_ready, ws  # noqa: F401

SIZE = (80, 24)
TAIWAN = REPO / "tests" / "data" / "dev" / "reports" / "taiwan-nfa-heater-subsidy.txt"


@asynccontextmanager
async def reviewing(ws):
    """The app on the hand-written report with a fixed extraction, ready: (app, pilot)."""
    report = write_report(ws.reports)
    app = make_app([report], ws.sessions, REVIEWER, config=load_config(ws.config), extractor=FixedExtractor())
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        yield app, pilot


def header(app) -> str:
    return screen_text(app).splitlines()[0]


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def search(pilot, text: str) -> None:
    await pilot.press("slash", *text, "enter")
    await pilot.pause()


async def test_search_puts_the_cursor_on_the_hit_and_shows_it(ws):
    async with reviewing(ws) as (app, pilot):
        review = app.review
        text = review.view.text
        at = text.index("下一步工作")  # far below the first figure, off the table's rows
        await search(pilot, "下一步")
        assert review.panel is None
        assert review.hit == 0 and review.cursor_offset() == at
        assert review.current_id is None  # a hit on no figure: the hit itself is current
        view = review.view
        y = view.line_of_offset(at)
        assert round(view.scroll_y) <= y < round(view.scroll_y) + view.scrollable_content_region.height
        assert "/下一步 1/1" in header(app)
        assert "【下一步】" in screen_text(app)  # the detail line shows the hit in its context
        await pilot.press("i")  # the selection starts at the hit
        assert review.view.selection == (at, at + 1)


async def test_n_and_N_step_through_hits_while_searching_and_are_todo_otherwise(ws):
    async with reviewing(ws) as (app, pilot):
        review = app.review
        text = review.view.text
        hits = [i for i in range(len(text)) if text.startswith("万", i)]
        assert len(hits) > 3
        await search(pilot, "万")
        first = review.hit
        assert "Next hit" in footer(app) and "Todo" not in footer(app)
        assert f"/万 {first + 1}/{len(hits)}" in header(app)
        await pilot.press("n")
        assert review.hit == (first + 1) % len(hits)
        await pilot.press("N", "N")
        assert review.hit == (first - 1) % len(hits)
        assert review.cursor_offset() == hits[review.hit]
        on_figure = next(i for i, h in enumerate(hits) if any(e.start <= h < e.end for e in review._ordered))
        while review.hit != on_figure:  # a hit inside a figure makes it the current figure
            await pilot.press("n")
        assert review.entry(review.current_id).start <= hits[on_figure] < review.entry(review.current_id).end
        await pilot.press("escape")
        assert not review.search_active and review.hit is None
        assert "/万" not in header(app) and "Todo" in footer(app)
        pending = review.current_id
        await pilot.press("n")  # next undecided again
        assert review.current_id != pending and review.hit is None
        await pilot.press("slash", "enter")  # the prompt opens empty: Enter finds the last again
        await pilot.pause()
        assert review.search_active and review.search_pattern == "万" and review.hit is not None


async def test_p_at_a_hit_that_is_a_number_promotes_it(ws):
    async with reviewing(ws) as (app, pilot):
        review = app.review
        text = review.view.text
        at = text.index("2024")
        await search(pilot, "2024")
        assert review.hit is not None and review.current_id is None
        before = len(review._ordered)
        await pilot.press("p")
        await pilot.pause()
        assert len(review._ordered) == before + 1
        added = review.entry(review.current_id)
        assert (added.start, added.end, added.status) == (at, at + 4, "added")
        # an excluded number under a hit is promoted with its own span
        await search(pilot, "五一")
        assert review.current_excluded is not None and review.current_excluded.text == "五一"
        await pilot.press("p")
        await pilot.pause()
        assert review.entry(review.current_id).text == "五一"


def test_a_simplified_query_finds_the_traditional_text():
    report = load_report(TAIWAN)
    spans = Viewer().search(report, "补助")  # the report writes 補助
    assert spans and all(report.text[s:e] == "補助" for s, e in spans)
    assert spans == Viewer().search(report, "補助")
    assert Viewer().search(report, "no such text") == []


async def test_search_in_a_traditional_report_from_a_simplified_query(ws):
    shutil.copyfile(TAIWAN, ws.reports / TAIWAN.name)
    app = make_app([ws.reports / TAIWAN.name], ws.sessions, REVIEWER, config=load_config(ws.config))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        review = app.review
        await search(pilot, "热水器")  # 熱水器 in the report
        start, end = review.search_spans[review.hit]
        assert review.view.text[start:end] == "熱水器"
        assert "/热水器 " in header(app)
