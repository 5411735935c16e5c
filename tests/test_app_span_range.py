"""The span moved in the correction form onto a range written with spaces (``2.3 - 6.1%``,
``2.3 至 6.1%``) is read as the extractor reads it: value 2.3, value_max 6.1, bound range, unit %
(alone, ``2.3 至`` at the start of the selection read as a section number)."""
from __future__ import annotations

import pytest

from hedui.app.app import make_app
from hedui.app.config import load_config
from hedui.core.model import Extraction, Fields, Figure, Report
from tests.app_helpers import REVIEWER, screen_text, wait_ready, ws  # noqa: F401
from tests.test_app_fixes import settle
from tests.test_app_text_pick import send

TEXT = "二〇二三年報告\n今年各區的增幅介乎{range}之間,平均為4.2%。\n"


class Extractor:
    """The upper end alone proposed (as an extractor that misses the spaced range would);
    the real reading of a span."""

    def extract(self, report: Report) -> Extraction:
        figures = []
        for surface, value in (("6.1%", 6.1), ("4.2%", 4.2)):
            start = report.text.index(surface)
            figures.append(Figure(start, start + len(surface), surface,
                                  Fields(value, None, "%", "=", "percent", "增幅", ""), "unit.percent"))
        return Extraction(report, tuple(figures), (), rules_digest="fixed")

    def parse_span(self, report: Report, start: int, end: int) -> Figure | None:
        from hedui.core.extract.extractor import Extractor as Real

        return Real().parse_span(report, start, end)


@pytest.mark.parametrize("spaced", ["2.3 - 6.1%", "2.3 至 6.1%", "2.3 – 6.1%"])
async def test_the_span_moved_onto_a_spaced_range_reads_the_range(ws, spaced):
    text = TEXT.format(range=spaced)
    path = ws.reports / "range.txt"
    path.write_text(text, encoding="utf-8")
    app = make_app([path], ws.sessions, REVIEWER, config=load_config(ws.config), extractor=Extractor())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        review = app.review
        review.go_to(next(e.id for e in review._ordered if e.text == "6.1%"))
        await pilot.pause()
        # e, ↑ to the span, its start six characters left (back to back): 【2.3 - 6.1%】
        send(app, "e", "up", *["h"] * 6)
        await settle(pilot, 10)
        form = review.panel
        start = text.index(spaced)
        assert form.span == (start, start + len(spaced))
        assert f"【{spaced}】" in screen_text(app)
        got = {n: form.value_of(n) for n in ("value", "value_max", "unit", "bound", "category")}
        assert got == {"value": "2.3", "value_max": "6.1", "unit": "%", "bound": "range", "category": "percent"}
        send(app, "enter")
        await settle(pilot)
    path_entries = {e.text: e for e in _entries(ws)}
    moved = path_entries[spaced]
    assert (moved.status, moved.fields.value, moved.fields.value_max, moved.fields.bound, moved.fields.unit) \
        == ("added", 2.3, 6.1, "range", "%")
    assert path_entries["6.1%"].status == "rejected"


def _entries(ws):
    from hedui.core.session.session import Session
    from hedui.core.text.report import load_report

    ex = Extractor().extract(load_report(ws.reports / "range.txt"))
    with Session.open(ex, ws.sessions, REVIEWER, read_only=True) as s:
        return list(s.entries)
