"""The layout at 60x20, 80x24 and 160x48: table columns share the width by content (cuts end in
…, the period column is kept), and the footer keeps whole keys, the important ones first."""
from __future__ import annotations

import pytest
from rich.cells import cell_len

from hedui.app.app import make_app
from hedui.app.config import load_config
from hedui.app.widgets.figure_table import COLUMNS, PADDING, fit_widths
from hedui.app.widgets.footer import fit
from tests.app_fixed_report import FixedExtractor, write_report
from tests.app_helpers import REVIEWER, screen_text, wait_ready, ws  # noqa: F401

CONTENT = {"status": 1, "text": 12, "value": 9, "unit": 4, "bound": 2, "label": 40, "period": 14}


def test_columns_fit_the_width_and_long_ones_give_way_first():
    for width in (59, 79):
        widths = fit_widths(CONTENT, width)
        assert sum(widths.values()) + PADDING * len(COLUMNS) <= width
        assert widths["period"] >= 4 and widths["label"] >= widths["period"]
        assert widths["bound"] == 2 and widths["status"] == 1
    wide = fit_widths(CONTENT, 159)
    assert wide["label"] == 40 and wide["period"] == 14  # room for all: nothing cut
    assert fit_widths(CONTENT, 79)["label"] < 40  # cut where there is no room


def test_the_footer_drops_whole_keys_least_important_first():
    items = [("review.accept", 9), ("review.flag", 7), ("review.fill_column", 9), ("review.help", 7),
             ("review.quit", 7), ("review.undo", 7), ("review.redo", 8)]
    kept = [items[i][0] for i in fit(items, 40)]
    assert kept == ["review.accept", "review.help", "review.quit", "review.undo", "review.redo"]
    assert [items[i][0] for i in fit(items, 200)] == [bid for bid, _ in items]  # screen order


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (160, 48)])
async def test_the_table_and_footer_at_each_size(ws, size):
    report = write_report(ws.reports)
    app = make_app([report], ws.sessions, REVIEWER, config=load_config(ws.config), extractor=FixedExtractor())
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot)
        await pilot.press("a")  # now there is something to undo
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "period" in "".join(lines)  # the period column is there
        footer = lines[-1].rstrip()
        # a curator's keys at every size: help, the decisions, the form, undo, label and period
        for key in ("? Help", "a Accept", "x Reject", "e Edit", "u Undo", "L Label", "P Period"):
            assert key in footer, (size, footer)
        if size[0] >= 80:
            assert "q Quit" in footer and "n Todo" in footer, (size, footer)
        assert cell_len(footer) < size[0]  # never cut at the edge
        table = app.review.table
        widths = {key.value: col.width for key, col in table.columns.items()}
        assert sum(widths.values()) + PADDING * len(widths) <= table.size.width
        first = app.review._ordered[0].fields.label  # on the first row, on screen
        if widths["label"] < cell_len(first):  # a cut label ends in …
            assert any(first[:2] in ln and "…" in ln for ln in lines[1:-1])
        else:
            assert any(first in ln for ln in lines[1:-1])


async def test_columns_refit_when_the_labels_arrive(ws, monkeypatch):
    """As `hedui review` runs it (the extraction child sends a preview without labels or
    periods, then the full figures): when the labels come the table's columns are fitted to
    them (they stayed at the preview's 5-cell label until a resize)."""
    from hedui.app.extraction_process import start_extraction
    from hedui.app.workspace import expand_paths

    monkeypatch.setenv("HEDUI_CACHE", str(ws.root / "cache"))
    files = expand_paths([ws.reports])
    extraction = start_extraction(files, 0, ws.sessions, REVIEWER)
    app = make_app([ws.reports], ws.sessions, REVIEWER, config=load_config(ws.config), extraction=extraction,
                   files=files)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        table = app.review.table
        for _ in range(1200):  # until the session opened and the preview was upgraded in place
            if app.review.slot.ready and not app.review.provisional:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        longest = max(cell_len(e.fields.label) for e in table._shown)
        assert longest > 5
        label_width = {key.value: col.width for key, col in table.columns.items()}["label"]
        assert label_width > 5, label_width
        assert not table._fit(table._shown)  # already fitted to what it shows


async def test_a_click_on_a_footer_key_presses_it(ws):
    from hedui.app.widgets.footer import FittedFooter

    report = write_report(ws.reports)
    app = make_app([report], ws.sessions, REVIEWER, config=load_config(ws.config), extractor=FixedExtractor())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        footer = screen_text(app).splitlines()[-1]
        assert footer.startswith("a Accept x Reject")
        await pilot.click(FittedFooter, offset=(footer.index("x Reject") + 2, 0))  # on Reject
        await pilot.pause()
        assert app.review.entry(first).status == "rejected"
        await pilot.click(FittedFooter, offset=(footer.index("x Reject") - 1, 0))  # between keys
        await pilot.pause()
        assert [e.status for e in app.review._ordered].count("rejected") == 1
