"""Control characters from files and file names never reach the terminal raw (issue 11, item 10):
the app shows them as visible characters (header, report, table, detail, toasts, dialogs) and the
CLI escapes them in what it prints to a terminal."""
from __future__ import annotations

import io
from pathlib import Path

from hedui.cli import main
from hedui.core.printable import PrintableStream, has_control, printable
from tests.app_helpers import screen_text, wait_ready, ws  # noqa: F401

RED_NAME = "\x1b[31mred\x1b[0m\nname.txt"
REPORT = "全市新建职工\x07\x1b[41m之家300家，引进人才5人。\n"


def test_printable_keeps_the_length_and_makes_every_control_character_visible() -> None:
    s = "a\x1b[31mb\x07c\nd\te\x7f\x9bf"
    shown = printable(s)
    assert len(shown) == len(s)
    assert not has_control(shown)
    assert shown == "a␛[31mb␇c␊d␉e␡\ufffdf"
    assert printable(s, keep="\n\t") == "a␛[31mb␇c\nd\te␡\ufffdf"


def _no_raw_control(text: str) -> None:
    assert not has_control(text.replace("\n", "")), repr(text[:200])


async def test_the_app_shows_control_characters_of_names_and_text_escaped(ws) -> None:  # noqa: F811
    for p in ws.reports.iterdir():
        p.unlink()
    report = ws.reports / RED_NAME
    report.write_text(REPORT, encoding="utf-8")
    app = ws.app(report)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(pilot)
        shown = screen_text(app)
        _no_raw_control(shown)
        header = shown.splitlines()[0]
        assert "␛[31mred␛[0m␊name.txt" in header  # one line, the name whole and inert
        assert "␇␛[41m" in shown  # the report text, the label in the table and detail
        await pilot.press("f")  # the flag dialog's title holds the figure's text
        await pilot.pause()
        _no_raw_control(screen_text(app))
        await pilot.press("escape")
        app.notify(f"cannot write {RED_NAME}", title=RED_NAME)
        await pilot.pause()
        _no_raw_control(screen_text(app))
        await pilot.press("q")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_cli_escapes_control_characters_on_a_terminal_only(tmp_path: Path, monkeypatch) -> None:
    report = tmp_path / RED_NAME
    report.write_text(REPORT, encoding="utf-8")
    term = _Terminal()
    monkeypatch.setattr("sys.stdout", term)
    assert main(["extract", "--format", "table", str(report)]) == 0
    out = term.getvalue()
    assert "␛[31mred" in out and "300" in out
    _no_raw_control(out)
    piped = io.StringIO()
    monkeypatch.setattr("sys.stdout", piped)
    assert main(["extract", str(report)]) == 0
    assert "\\u001b[31mred" in piped.getvalue()  # JSON Lines to a pipe: JSON's own escapes


def test_a_one_line_error_stays_one_line_whatever_the_name(tmp_path: Path, capsys) -> None:
    assert main(["extract", str(tmp_path / RED_NAME)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "␛[31mred" in err


def test_printable_stream_passes_the_rest_through() -> None:
    term = _Terminal()
    stream = PrintableStream(term)
    assert stream.write("x\x1by\n") == 4
    assert term.getvalue() == "x␛y\n" and stream.isatty()
