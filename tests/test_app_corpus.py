"""The reviewer on a corpus: lazy sessions (nothing written before a decision), the report
list (g), n to the next report with undecided figures, totals from the counts, the cache."""
from __future__ import annotations

import shutil

from hedui.app.config import load_config
from hedui.app.screens.report_list import ReportListScreen
from hedui.core.extract.extractor import Extractor
from hedui.core.session.session import Session
from hedui.core.text.report import load_report
from tests.app_helpers import REVIEWER, SEEDS, screen_text, wait_all_prepared, wait_ready, ws  # noqa: F401

SIZE = (80, 24)
MORE = ("city-congress-2019.txt", "wuwei-2022.txt", "zhuzhou-2020.txt")


def _add_reports(ws) -> list[str]:
    for name in MORE:
        shutil.copyfile(SEEDS / name, ws.reports / name)
    return sorted(p.name for p in ws.reports.glob("*.txt"))


def _files(ws) -> list[str]:
    return sorted(p.name for p in ws.sessions.iterdir()) if ws.sessions.exists() else []


async def test_nothing_is_written_before_the_first_decision(ws):
    names = _add_reports(ws)
    app = ws.app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "left_square_bracket")
        await wait_ready(pilot, 1)
        await pilot.pause(0.3)
        app.keeper.wait()
        # only the report on screen holds its lock; no session file, no journal
        assert [f for f in _files(ws) if not f.startswith(".")] == [f"{names[1][:-4]}.{REVIEWER}.toml.lock"]
        await pilot.press("a")  # the first decision writes the session
        await pilot.pause()
        assert f"{names[1][:-4]}.{REVIEWER}.toml" in _files(ws)
        await pilot.press("right_square_bracket")
        await wait_ready(pilot, 2)
        app.keeper.wait()
    left = {f for f in _files(ws) if not f.startswith(".")}
    session = f"{names[1][:-4]}.{REVIEWER}.toml"
    assert left == {session, session + ".bak"}  # no lock, no journal, no other report's file


async def test_the_report_list_filters_sorts_and_goes(ws):
    names = _add_reports(ws)
    app = ws.app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        await pilot.press("a", "a", "f", "enter")  # two decided, one flagged on the first report
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportListScreen)
        rows = screen.view.rows
        assert [r.name for r in rows] == names
        first = rows[0]
        assert (first.decided, first.flagged) == (3, 1)
        expected = Extractor().extract(load_report(ws.report(names[2])))
        assert rows[2].figures == len(expected.figures) and rows[2].decided == 0
        text = screen_text(app)
        assert names[2] in text and "figures decided flagged" in text
        await pilot.press("tab")  # most pending first
        await pilot.pause()
        pending = [r.pending for r in screen.view.rows]
        assert pending == sorted(pending, reverse=True)
        await pilot.press("tab")  # most flagged first
        await pilot.pause()
        assert screen.view.rows[0].name == names[0]
        await pilot.press("w", "w", "2")  # fuzzy: w…w…2 is wuwei-2022 only
        await pilot.pause()
        assert [r.name for r in screen.view.rows] == ["wuwei-2022.txt"]
        await pilot.press("enter")
        await wait_ready(pilot, names.index("wuwei-2022.txt"))
        assert app.screen is app.review and app.review.slot.name == "wuwei-2022.txt"
        await pilot.press("g", "z", "h", "escape")  # Escape: back, staying where it was
        await pilot.pause()
        assert app.screen is app.review and app.review.index == names.index("wuwei-2022.txt")


async def test_n_at_the_end_of_a_report_skips_reports_already_done(ws):
    names = _add_reports(ws)
    extractor = Extractor()

    def decide_all(name: str) -> None:
        session = Session.open(extractor.extract(load_report(ws.report(name))), ws.sessions, REVIEWER)
        for e in list(session.entries):
            session.accept(e.id)
        session.close()

    decide_all(names[1])  # done before
    decide_all(names[0])  # done last: the app resumes here
    app = ws.app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        assert app.review.index == 0 and app.review.slot.session.first_pending() is None
        await pilot.press("n")
        await wait_ready(pilot, 2)  # the first report with undecided figures, past the done one
        first = app.review.slot.session.first_pending()
        assert app.review.current_id == first.id
        done, total = app.totals.overall(app.review.index, app.review.slot.progress())
        counts = [len(extractor.extract(load_report(ws.report(n))).figures) for n in names]
        assert total == sum(counts) and done == counts[0] + counts[1]
        assert f"all {done}/{total}" in screen_text(app).splitlines()[0]


async def test_a_reopened_corpus_is_counted_from_the_cache(ws, tmp_path):
    from hedui.app.app import make_app

    _add_reports(ws)
    for run in range(2):
        app = make_app([ws.reports], ws.sessions, REVIEWER, config=load_config(ws.config),
                       cache_root=tmp_path / "cache")
        async with app.run_test(size=SIZE) as pilot:
            await wait_all_prepared(pilot)
            while app.background_extracted is None:
                await pilot.pause(0.05)
            extracted = app.background_extracted
        assert extracted == (5 if run == 0 else 0)  # every report once, then none at all


async def test_the_report_list_opens_again_as_the_corpus_is_now(ws):
    names = _add_reports(ws)
    app = ws.app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        await pilot.press("g", "g", "u", "a", "enter")  # g, then the filter "gua": guangxi
        await wait_ready(pilot, names.index("guangxi-2023.txt"))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportListScreen) and screen.query_one("Input").value == ""
        assert [r.name for r in screen.view.rows] == names  # no filter left over
        row = screen.view.chosen
        assert row.name == "guangxi-2023.txt" and row.decided == 1  # on the report it came from
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.review
