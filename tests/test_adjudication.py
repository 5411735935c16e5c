"""Adjudication (``hedui adjudicate``) with two and three reviewers: the disputes walked, the
versions side by side, 1/2/3 taking one, e editing, agreed figures taken without a key, the
result a session of its own (durable, undoable) that export prefers."""
from __future__ import annotations

from pathlib import Path

from hedui.cli import main
from hedui.core.dataset.adjudication import Adjudication, load_versions, review_files, reviewed_extraction
from hedui.core.dataset.consensus import Counts, consensus_rows
from hedui.core.dataset.versions import group
from hedui.core.session.read import load_all
from hedui.core.text.report import load_report
from tests.adjudication_helpers import ADJUDICATOR, adjudication_app, decide, team
from tests.app_fixed_report import FIGURES
from tests.app_helpers import screen_text, wait_ready, ws  # noqa: F401

SIZE = (80, 24)


def adjudication_of(ws, report: Path) -> Adjudication:
    files = review_files(ws.sessions)["reports/" + report.name]
    rv = load_versions(files, ws.sessions)
    return Adjudication.open(reviewed_extraction(load_report(report), rv), ws.sessions, ADJUDICATOR, rv)


def test_settle_takes_agreement_and_lists_disputes(ws) -> None:
    report = team(ws, ("ana", "bo"))
    adj = adjudication_of(ws, report)
    try:
        texts = [adj.entry(d.entry_id).text for d in adj.disputes]
        assert texts == [FIGURES[1][0], FIGURES[3][0], FIGURES[6][0]]  # bo's reject, correction, flag
        assert adj.progress() == (0, 3)
        agreed = [e for e in adj.entries if e.decided]
        assert len(agreed) == len(FIGURES) - 3 and {e.decided_by for e in agreed} == {"ana+bo"}
        assert not adj.can_undo()  # taking the agreement is not the adjudicator's decision
        d = adj.disputes[1]
        assert [v.reviewer for v in d.versions] == ["ana", "bo"]
        assert d.versions[1].entry.fields.label == "工会组织"
        adj.take(d.entry_id, 2)  # bo's label
        assert adj.entry(d.entry_id).fields.label == "工会组织"
        assert adj.entry(d.entry_id).status == "corrected" and adj.progress() == (1, 3)
        adj.take(adj.disputes[0].entry_id, 2)  # bo's reject
        assert adj.entry(adj.disputes[0].entry_id).status == "rejected"
        adj.undo()
        assert adj.entry(adj.disputes[0].entry_id).status == "pending" and adj.progress() == (1, 3)
    finally:
        adj.close()
    path = ws.sessions / "county-union-2023.lead+adjudication.toml"
    assert path.is_file() and 'role = "adjudication"' in path.read_text(encoding="utf-8")
    # reopened: the adjudicator's decision kept, nothing settled twice
    adj = adjudication_of(ws, report)
    try:
        assert adj.progress() == (1, 3) and adj.can_undo()
    finally:
        adj.close()


def test_settle_follows_reviewers_who_change_their_minds(ws) -> None:
    report = team(ws, ("ana", "bo"))
    adj = adjudication_of(ws, report)
    adj.close()
    decide(ws, report, "bo", {0: "reject", 3: {"label": "工会组织"}, 6: ("flag", "ambiguous", "户 or 人次?")})
    adj = adjudication_of(ws, report)  # bo now accepts 1 (agreed) and rejects 0 (disputed)
    try:
        texts = [adj.entry(d.entry_id).text for d in adj.disputes]
        assert texts == [FIGURES[0][0], FIGURES[3][0], FIGURES[6][0]]
        first = adj.entry(adj.disputes[0].entry_id)
        assert first.status == "pending"  # was taken as agreed: back to open
        assert adj.entry(next(e.id for e in adj.entries if e.text == FIGURES[1][0])).decided_by == "ana+bo"
    finally:
        adj.close()


def test_export_prefers_the_adjudication(ws) -> None:
    report = team(ws, ("ana", "bo"))
    adj = adjudication_of(ws, report)
    for d in adj.disputes[:2]:
        adj.take(d.entry_id, 2)
    adj.close()
    sessions, bad = load_all(ws.sessions)
    assert not bad
    counts = Counts()
    rows = list(consensus_rows(group(sessions), counts))
    texts = {r["text"] for r in rows}
    assert FIGURES[1][0] not in texts  # bo's reject taken
    assert next(r for r in rows if r["text"] == FIGURES[3][0])["label"] == "工会组织"
    assert counts.adjudicated_reports == 1 and counts.disputed == 1  # the one left open
    assert len(rows) == len(FIGURES) - 2  # the rejected one and the open one


async def test_pilot_two_reviewers_take_edit_undo(ws) -> None:
    report = team(ws, ("ana", "bo"))
    app = adjudication_app(ws, report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        screen = app.review
        text = screen_text(app)
        assert "1 ana" in text and "2 bo" in text and "≠ decision" in text and "1/3" in text
        first = screen.current_id
        assert screen.entry(first).text == FIGURES[1][0]
        await pilot.press("1", "2")  # ana's accept on the first, bo's label on the second
        await pilot.pause()
        adj = screen.slot.session
        assert adj.entry(first).status == "accepted"
        second = adj.disputes[1].entry_id
        assert adj.entry(second).fields.label == "工会组织"
        assert screen.current_id == adj.disputes[2].entry_id  # walked to the third dispute
        await pilot.press("e")  # the correction form on the third
        await pilot.pause()
        assert screen.panel is not None
        await pilot.press("escape", "u")  # cancel it; undo bo's label
        await pilot.pause()
        assert adj.entry(second).status == "pending" and adj.progress() == (1, 3)
        footer = screen_text(app).splitlines()[-1]
        assert "1 Take" in footer and "2 Take" in footer and "3 Take" not in footer
        assert "Add" not in footer and "Promote" not in footer
    files = sorted(p.name for p in ws.sessions.glob("*.toml"))
    assert files == ["county-union-2023.ana.toml", "county-union-2023.bo.toml",
                     "county-union-2023.lead+adjudication.toml"]


async def test_pilot_three_reviewers_and_an_added_figure(ws) -> None:
    report = team(ws, ("ana", "bo", "chen"))
    app = adjudication_app(ws, report)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        screen = app.review
        adj = screen.slot.session
        assert len(adj.disputes) == 4 and adj.reviewers == ["ana", "bo", "chen"]
        assert "3 chen" in screen_text(app)
        added = adj.disputes[-1]
        assert adj.entry(added.entry_id).text == "2024年"
        assert [v.decision for v in added.versions] == ["absent", "absent", "verified"]
        await pilot.press("3", "1", "2", "3")  # chen's version of each
        await pilot.pause()
        assert adj.progress() == (4, 4)
        assert adj.entry(added.entry_id).status in ("accepted", "corrected")  # chen's added figure kept
        assert adj.entry(adj.disputes[0].entry_id).status == "accepted"  # chen's accept
        await pilot.press("n")  # nothing open: says so, stays
        await pilot.pause()
        assert adj.progress() == (4, 4)
    sessions, _ = load_all(ws.sessions)
    counts = Counts()
    rows = list(consensus_rows(group(sessions), counts))
    assert "2024年" in {r["text"] for r in rows} and counts.disputed == 0


def test_cli_adjudicate_needs_two_reviewers(ws, capsys) -> None:
    report = team(ws, ("ana",))
    assert main(["adjudicate", str(report), "--sessions", str(ws.sessions), "--reviewer", "lead"]) == 1
    assert "has sessions of two reviewers" in capsys.readouterr().err


def test_adjudication_snapshot_80x24(ws, snap_compare) -> None:
    report = team(ws, ("ana", "bo", "chen"))
    app = adjudication_app(ws, report)

    async def ready(pilot) -> None:
        await wait_ready(pilot)
        pilot.app.review.view.can_focus = False

    assert snap_compare(app, terminal_size=SIZE, run_before=ready, press=["1", "j"])



def test_stats_keeps_the_adjudication_apart(ws, capsys) -> None:
    report = team(ws, ("ana", "bo"))
    adj = adjudication_of(ws, report)
    adj.take(adj.disputes[0].entry_id, 1)
    adj.close()
    assert main(["stats", "--sessions", str(ws.sessions)]) == 0
    out = capsys.readouterr().out
    progress = out.split("decisions by status")[0]
    assert " ana " in progress and " lead " not in progress  # not counted as a reviewer's work
    assert "double-reviewed reports: 1, adjudicated 1 (100%), disputed figures left 2" in out


def test_a_damaged_reviewer_session_is_named_and_nothing_is_written(ws) -> None:
    from hedui.app.adjudication import AdjudicationPreparer
    from hedui.app.workspace import ReportSlot

    report = team(ws, ("ana", "bo"))
    bo = ws.sessions / "county-union-2023.bo.toml"
    bo.write_text(bo.read_text(encoding="utf-8").replace('status = "rejected"', 'status = "maybe"'), encoding="utf-8")
    preparer = AdjudicationPreparer(sessions_dir=ws.sessions, reviewer=ADJUDICATOR, files=review_files(ws.sessions))
    slot = preparer.prepare(ReportSlot(path=report))
    assert slot.session is None and "county-union-2023.bo.toml:" in slot.error and "maybe" in slot.error
    assert not list(ws.sessions.glob("*adjudication*"))
