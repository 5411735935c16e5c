"""`hedui check`: one line per problem (file:line: problem), exit 1, files never touched."""
from __future__ import annotations

import re

import pytest

from hedui.cli import main
from hedui.core.session.session import Session
from tests.session_helpers import NEEDLES, TEXT, make_extraction


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "reports").mkdir()
    for name in ("a", "b"):
        ex = make_extraction(tmp_path / "reports" / f"{name}.txt", TEXT, NEEDLES)
        s = Session.open(ex, tmp_path / "sessions", "li")
        s.accept(s.entries[0].id)
        s.reject(s.entries[1].id)
        s.close()
    return tmp_path


def snapshot(folder):
    return {p.name: p.read_bytes() for p in (folder / "sessions").iterdir()}


def check(folder, capsys):
    before = snapshot(folder)
    rc = main(["check", "--sessions", str(folder / "sessions")])
    out, err = capsys.readouterr()
    assert snapshot(folder) == before  # check never writes
    return rc, out.splitlines(), err


def edit(path, old, new, count=1):
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")


def line_of(path, needle, nth=1):
    hits = [i for i, ln in enumerate(path.read_text("utf-8").split("\n"), 1) if needle in ln]
    return hits[nth - 1]


def test_clean_folder_passes(folder, capsys):
    rc, out, err = check(folder, capsys)
    assert rc == 0 and out == [] and "2 session files checked, no problems" in err


def test_schema_problems_each_on_its_own_line(folder, capsys):
    a = folder / "sessions" / "a.li.toml"
    edit(a, 'status = "rejected"', 'status = "maybe"')
    edit(a, 'id = "f0004"', 'id = "f0003"')
    edit(a, f'start = {TEXT.index("41场次")}\n', 'start = "x"\n')
    unknown_line = line_of(a, 'status = "maybe"')
    dup_line = line_of(a, 'id = "f0003"', 2)
    type_line = line_of(a, 'start = "x"')
    rc, out, _ = check(folder, capsys)
    assert rc == 1
    assert f"{a}:{type_line}: start must be an integer, not str" in out
    assert f"{a}:{unknown_line}: unknown status 'maybe'" in out
    assert f"{a}:{dup_line}: duplicate id 'f0003'" in out
    assert len(out) == 3


def test_syntax_error_with_line(folder, capsys):
    a = folder / "sessions" / "a.li.toml"
    edit(a, 'reviewer = "li"', 'reviewer = "li')
    rc, out, _ = check(folder, capsys)
    assert rc == 1 and out == [f"{a}:3: TOML syntax error: Illegal character '\\n'"]


def test_offsets_not_matching_the_report(folder, capsys):
    a = folder / "sessions" / "a.li.toml"
    fig = TEXT.index("114个")
    edit(a, f"start = {fig}\nend = {fig + 4}", f"start = {fig + 1}\nend = {fig + 5}")
    rc, out, _ = check(folder, capsys)
    assert rc == 1
    assert out == [f"{a}:{line_of(a, f'start = {fig + 1}')}: figure f0002 text '114个' does not match "
                   f"the report at {fig + 1}-{fig + 5} ('14个工')"]


def test_missing_and_changed_reports(folder, capsys):
    (folder / "reports" / "a.txt").unlink()
    (folder / "reports" / "b.txt").write_text(TEXT + "补记。", "utf-8")
    rc, out, _ = check(folder, capsys)
    a, b = folder / "sessions" / "a.li.toml", folder / "sessions" / "b.li.toml"
    assert rc == 1 and len(out) == 2
    assert out[0].startswith(f"{a}:{line_of(a, 'path = ')}: report reports/a.txt not found")
    assert out[1].startswith(f"{b}:{line_of(b, 'path = ')}: report reports/b.txt changed since this session")


@pytest.mark.parametrize("bad, pattern", [
    (b"", r"\.toml:\d+: not a hedui session file"),
    (b"format = 1\nreviewer = \"li\"\x00\n", r"\.toml:2: TOML syntax error"),
    (b"\xff\xfe garbage", r"\.toml:1: session file is not UTF-8"),
    (b"format = 99999999999999999999999\n", r"\.toml:1: format = \d+ is out of range"),
    (b"format = 3\n", r"\.toml:1: session format 3 is not supported"),
    (b"format = 1\nx = " + b"[" * 50_000 + b"]" * 50_000 + b"\n", r"\.toml:1: TOML nested too deeply"),
    (b"format = 1\nreviewer = \"li\"\n[report]\npath = \"r.txt\"\nsha256 = \"\"\n[extractor]\n"
     b"[[figure]]\nid = \"f1\"\nstart = -5\nend = 2\ntext = \"ab\"\nstatus = \"accepted\"\n"
     b"suggestion = { value = 1 }\n", r"\.toml:9: start = -5 is out of range"),
    (b"format = 1\nreviewer = 5\n[report]\npath='x'\nsha256=''\n[extractor]\n", r"\.toml:2: reviewer must be a string"),
])
def test_hostile_files(folder, capsys, bad, pattern):
    p = folder / "sessions" / "evil.li.toml"
    p.write_bytes(bad)
    rc, out, _ = check(folder, capsys)
    assert rc == 1 and re.search(pattern, out[0]), out
    assert all(line.startswith(str(p)) for line in out)


def test_truncated_file_and_damaged_journal(folder, capsys):
    a = folder / "sessions" / "a.li.toml"
    data = a.read_bytes()
    a.write_bytes(data[: len(data) // 2])
    b = folder / "sessions" / "b.li.toml"
    (folder / "sessions" / "b.li.toml.journal").write_bytes(b'{"seq": 99, "at": "x", "op": "explode"}\n')
    rc, out, _ = check(folder, capsys)
    assert rc == 1 and len(out) == 2
    assert re.match(rf"{re.escape(str(a))}:\d+: ", out[0])
    assert out[1] == f"{b}.journal:1: unknown op 'explode'"


def test_missing_folder(tmp_path, capsys):
    assert main(["check", "--sessions", str(tmp_path / "none")]) == 1
    assert "none: sessions folder not found" in capsys.readouterr().err


def test_figure_status_disagreeing_with_its_log(folder, capsys):
    a = folder / "sessions" / "a.li.toml"
    edit(a, 'status = "rejected"', 'status = "accepted"')  # hand-edited, not through hedui
    rc, out, _ = check(folder, capsys)
    assert rc == 1
    assert out == [f"{a}:{line_of(a, 'status = ', 2)}: figure f0002 is 'accepted' but its last log record "
                   f"(seq 2) says 'rejected'"]
