"""Pilot tests of what must survive: resume after quit, undo across a restart, a report that
cannot be read, a damaged session file, a locked session; and the CLI's bad input."""
from __future__ import annotations

import pytest

from hedui.app.config import ConfigError, load_config
from hedui.cli import main
from hedui.core.extract.extractor import Extractor
from hedui.core.text.report import load_report
from hedui.core.session.session import Session
from hedui.core.session.paths import session_path
from tests.app_helpers import REPORTS, REVIEWER, screen_text, wait_all_prepared, wait_ready, ws  # noqa: F401

SIZE = (80, 24)
FIRST, SECOND = REPORTS


async def test_resume_goes_to_first_pending_of_the_report_last_worked_on(ws):
    app = ws.app(ws.reports)
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        await wait_ready(pilot, 0)
        await pilot.press("a")  # some work on the first report
        await pilot.pause(1.1)  # decision times are RFC 3339 seconds
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("a", "a", "j", "a")  # then on the second, leaving a gap
        await pilot.pause()
        order = [e.id for e in app.review.visible_entries()]
        await pilot.press("q")
    app = ws.app(ws.reports)
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        assert app.review.index == 1
        assert app.review.current_id == order[2]  # the first pending one
        assert SECOND in screen_text(app).splitlines()[0]
        assert "3/" in screen_text(app).splitlines()[0]


async def test_undo_across_a_restart(ws):
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        first = app.review.current_id
        await pilot.press("x", "q")
    assert ws.statuses(FIRST)[first] == "rejected"
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert app.review.current_id == first
        assert str(app.review.table.get_cell(first, "status")) == "·"
        await pilot.press("ctrl+r", "u")
        await pilot.pause()
    assert ws.statuses(FIRST)[first] == "pending"


async def test_a_report_that_cannot_be_read_is_an_error_row(ws):
    bad = ws.reports / "broken.txt"
    bad.write_bytes(b"\xff\xff\xff\xff" * 50)
    app = ws.app(bad, ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        slot = app.slots[0]
        assert slot.error and "broken.txt" in slot.error and "\n" not in slot.error
        shown = screen_text(app)
        assert "cannot open" in shown and "broken.txt" in shown
        assert app.review.table.row_count == 1  # the error row
        assert app.review.check_action("accept", ()) is False
        await pilot.press("a", "right_square_bracket")  # the other report still works
        await pilot.pause()
        await wait_ready(pilot, 1)
        first = app.review.current_id
        await pilot.press("a")
        await pilot.pause()
    assert ws.statuses(FIRST)[first] == "accepted"


async def test_damaged_session_file_opens_read_only_and_is_not_overwritten(ws):
    report = load_report(ws.report(FIRST))
    path = session_path(ws.sessions, report, REVIEWER)
    path.parent.mkdir(parents=True)
    damaged = b'format = 1\nreviewer = "tester"\n[[figure]]\nid = 3\nstart = "x"\n'
    path.write_bytes(damaged)
    app = ws.app(ws.report(FIRST))
    async with app.run_test(size=SIZE) as pilot:
        await wait_ready(pilot)
        slot = app.review.slot
        assert slot.read_only and path.name in slot.read_only
        assert "READ-ONLY" in screen_text(app).splitlines()[0]
        assert app.review.check_action("accept", ()) is False
        await pilot.press("a", "x", "u")
        await pilot.pause()
        assert app.review.table.row_count == len(app.review.visible_entries())  # figures still shown
    assert path.read_bytes() == damaged


async def test_locked_session_opens_read_only_naming_the_holder(ws):
    extraction = Extractor().extract(load_report(ws.report(FIRST)))
    holder = Session.open(extraction, ws.sessions, REVIEWER)
    try:
        app = ws.app(ws.report(FIRST))
        async with app.run_test(size=SIZE) as pilot:
            await wait_ready(pilot)
            slot = app.review.slot
            assert slot.read_only and "read-only" in slot.read_only
            assert "lock" in slot.read_only.lower()
            assert "READ-ONLY" in screen_text(app).splitlines()[0]
            assert app.review.check_action("accept", ()) is False
            first = app.review.current_id
            await pilot.press("a")
            await pilot.pause()
            assert app.review.current_id == first  # nothing happened
    finally:
        holder.close()


def test_config_errors_are_one_line(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text("[keymap\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(bad)
    assert str(bad) in str(info.value) and ":1:" in str(info.value)
    bad.write_text('[keymap]\n"review.accept" = 3\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="review.accept"):
        load_config(bad)
    assert load_config(tmp_path / "missing.toml").keymap == {}


def test_review_command_rejects_bad_paths(tmp_path, capsys):
    assert main(["review", str(tmp_path / "nope"), "--sessions", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["review", str(empty), "--sessions", str(tmp_path / "s")]) == 1
    assert "no .txt reports" in capsys.readouterr().err


async def test_extraction_in_a_child_process_feeds_the_app(ws):
    from hedui.app.app import make_app
    from hedui.app.config import load_config
    from hedui.app.extraction_process import start_extraction

    bad = ws.reports / "broken.txt"
    bad.write_bytes(b"\xff\xff\xff\xff" * 50)
    from hedui.app.workspace import expand_paths

    files = expand_paths([ws.reports])
    extraction = start_extraction(files, 0, ws.sessions, REVIEWER, cache_root=ws.root / "cache")
    assert extraction is not None
    app = make_app([ws.reports], ws.sessions, REVIEWER, config=load_config(ws.config), extraction=extraction,
                   files=files)
    async with app.run_test(size=SIZE) as pilot:
        await wait_all_prepared(pilot)
        names = [s.name for s in app.slots]
        assert names == sorted(names)
        broken = app.slots[names.index("broken.txt")]
        assert broken.error and "broken.txt" in broken.error
        good = app.slots[names.index(FIRST)]
        expected = Extractor().extract(load_report(ws.report(FIRST)))
        assert good.extraction == expected  # the child's extraction is the extractor's
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await wait_ready(pilot, names.index(FIRST))
        first = app.review.current_id
        await pilot.press("a")
        await pilot.pause()
    assert ws.statuses(FIRST)[first] == "accepted"


def test_each_report_is_reviewed_once_in_the_order_given(tmp_path):
    from hedui.app.workspace import expand_paths

    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text("1个", encoding="utf-8")
    got = expand_paths([tmp_path / "b.txt", tmp_path, tmp_path / "a.txt"])
    assert [p.name for p in got] == ["b.txt", "a.txt"]


def test_review_command_options():
    from hedui.cli import build_parser

    args = build_parser().parse_args(
        ["review", "a.txt", "b", "--sessions", "s", "--reviewer", "li", "--no-mouse", "--rules", "r"]
    )
    assert [str(p) for p in args.paths] == ["a.txt", "b"]
    assert (str(args.sessions), args.reviewer, args.no_mouse, str(args.rules)) == ("s", "li", True, "r")
    assert build_parser().parse_args(["review", "x"]).no_mouse is False


def test_config_path_from_hedui_config(ws):
    from hedui.app.config import config_path

    ws.config.write_text('[keymap]\n"review.reject" = "d"\n', encoding="utf-8")
    assert config_path() == ws.config  # the fixture set HEDUI_CONFIG
    assert load_config().keymap == {"review.reject": "d"}
    default = config_path({})
    assert default.name == "config.toml" and "hedui" in str(default)
