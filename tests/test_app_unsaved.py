"""Issue 11, item 4: with the disk full, a decision that was not saved is never shown as done —
not in the table (also after leaving the report and coming back), not in the header's counts,
not by ``n`` — and the ``N NOT SAVED`` note stays visible at 80 columns."""
from __future__ import annotations

import errno
import shutil

import hedui.core.session.store as store_mod
from tests.app_helpers import REPORTS, SEEDS, screen_text, wait_ready, ws  # noqa: F401


def _full_disk(monkeypatch):
    def broken(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "fsync", broken)


async def test_unsaved_decisions_stay_pending_everywhere(ws, monkeypatch):
    long_name = "a-report-with-a-rather-long-file-name-for-the-header-2019h1.txt"
    shutil.copyfile(SEEDS / REPORTS[0], ws.reports / long_name)
    app = ws.app(ws.report(long_name), ws.report(REPORTS[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        review = app.review
        order = [e.id for e in review.visible_entries()]
        await pilot.press("a")  # saved
        await pilot.pause()
        _full_disk(monkeypatch)
        await pilot.press("a", "j", "x", "j", "a")  # none of these is saved
        await pilot.pause()
        assert review.slot.session.unsaved >= 2
        assert review.slot.progress()[0] == 1
        await pilot.press("]")
        await pilot.pause()
        await pilot.press("[")
        await pilot.pause()
        assert str(review.table.get_cell(order[0], "status")) == "✓"
        for eid in order[1:4]:
            assert str(review.table.get_cell(eid, "status")) == "·", eid
        header = screen_text(app).splitlines()[0]
        assert f"{review.slot.session.unsaved} NOT SAVED" in header, header
        assert review.slot.progress()[0] == 1
        review.go_to(order[0])
        await pilot.press("n")  # the next pending figure is the first unsaved one
        await pilot.pause()
        assert review.current_id == order[1]
        monkeypatch.undo()
        await pilot.press("j")
        await pilot.pause()


async def test_not_saved_stays_visible_at_80_columns_whatever_else_the_header_holds(ws):
    from hedui.app.widgets.header import ReviewHeader

    app = ws.app(ws.report(REPORTS[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        header = app.review.query_one(ReviewHeader)
        header.show("a-long-report-name-of-a-county-work-report-2023.txt", (1234, 10000), (4321, 98765),
                    (123456, 987654), 1234, "17 NOT SAVED 3 ORPHANED (o) READ-ONLY preparing 5/10000…")
        await pilot.pause()
        line = screen_text(app).splitlines()[0]
        assert "17 NOT SAVED" in line and "4321/98765" in line, line


async def test_a_cut_session_opens_read_only_and_a_then_q_touches_neither_it_nor_its_backup(ws):
    """Issue 11, item 3, as the reviewer meets it."""
    s = ws.session(REPORTS[0], read_only=False)
    for e in s.entries[:3]:
        s.accept(e.id)
    s.flush()
    s.reject(s.entries[3].id)
    s.close()
    data = s.path.read_bytes()
    cut = data[: data.index(b"\n[[figure]]\n", len(data) // 2) + 1]  # at a table boundary
    s.path.write_bytes(cut)
    bak = s.path.with_name(s.path.name + ".bak")
    bak_data = bak.read_bytes()
    app = ws.app(ws.report(REPORTS[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        assert "READ-ONLY" in screen_text(app).splitlines()[0]
        await pilot.press("a", "x", "q")
        await pilot.pause()
    assert s.path.read_bytes() == cut and bak.read_bytes() == bak_data
