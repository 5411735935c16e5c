"""A report too large to review is refused in one line, and the rest still work (issue 11, item 6);
many rows updated at once repaint the table once (the upgrade from the preview was quadratic)."""
from __future__ import annotations

import dataclasses

from hedui.app.app import make_app
from hedui.app.config import load_config
from hedui.app.extraction_process import start_extraction
from hedui.app.workspace import MAX_REVIEW_BYTES
from tests.app_helpers import REPORTS, REVIEWER, SEEDS, screen_text, wait_all_prepared, wait_ready, ws  # noqa: F401

FIRST = REPORTS[0]


def _big(ws) -> None:  # noqa: F811
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    data = seeds.encode("utf-8") * (MAX_REVIEW_BYTES // len(seeds.encode("utf-8")) + 1)
    (ws.reports / "big.txt").write_bytes(data)


async def _check(app, pilot) -> None:
    await wait_all_prepared(pilot)
    names = [s.name for s in app.slots]
    big = app.slots[names.index("big.txt")]
    assert big.error is not None and "\n" not in big.error
    assert "big.txt" in big.error and f"{MAX_REVIEW_BYTES:,} bytes" in big.error
    assert "too large to review" in screen_text(app)
    await pilot.press("right_square_bracket")
    await wait_ready(pilot, names.index(FIRST))
    assert app.review.table.row_count > 10  # the other report is reviewed as usual


async def test_a_report_too_large_to_review_is_an_error_row(ws) -> None:  # noqa: F811
    _big(ws)
    app = ws.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _check(app, pilot)


async def test_the_child_process_refuses_it_too(ws) -> None:  # noqa: F811
    _big(ws)
    extraction = start_extraction([ws.reports], ws.sessions, REVIEWER)
    assert extraction is not None
    app = make_app([ws.reports], ws.sessions, REVIEWER, config=load_config(ws.config), extraction=extraction)
    async with app.run_test(size=(80, 24)) as pilot:
        await _check(app, pilot)


async def test_many_rows_updated_at_once_repaint_the_table_once(ws) -> None:  # noqa: F811
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        table = app.review.table
        entries = list(app.review.visible_entries())
        repaints: list[object] = []
        table.refresh_row = lambda row: repaints.append(row)  # type: ignore[method-assign]
        changed = [dataclasses.replace(e, status="accepted") for e in entries]
        table.update_entries(changed)
        assert repaints == []  # one refresh of the whole table, not one per row
        assert all(str(table.get_cell(e.id, "status")) == "✓" for e in changed)
