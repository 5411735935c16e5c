"""`hedui export -o FILE` is all or nothing: a damaged session never costs a saved export."""
from __future__ import annotations

from hedui.cli import main
from tests.test_export import folder  # noqa: F401  (the fixture: two reviewed reports)


def _export(folder, out, capsys):
    rc = main(["export", "--sessions", str(folder / "sessions"), "-o", str(out)])
    return rc, capsys.readouterr().err


def test_damaged_session_leaves_the_existing_export_alone(folder, capsys):  # noqa: F811
    out = folder / "out.csv"
    rc, err = _export(folder, out, capsys)
    assert rc == 0 and "7 figures from 2 sessions" in err
    good = out.read_bytes()
    (folder / "sessions" / "broken.li.toml").write_text("format = 1\nreviewer = [\n", "utf-8")
    rc, err = _export(folder, out, capsys)
    assert rc == 1
    lines = err.splitlines()
    assert len(lines) == 2 and "broken.li.toml:3: TOML syntax error" in lines[0]
    assert lines[1] == f"hedui: {out}: not written (1 session file could not be read)"
    assert out.read_bytes() == good
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("out")) == ["out.csv"]


def test_damaged_session_creates_no_file(folder, capsys):  # noqa: F811
    (folder / "sessions" / "broken.li.toml").write_text("format = 1\nreviewer = [\n", "utf-8")
    out = folder / "new.csv"
    rc, err = _export(folder, out, capsys)
    assert rc == 1 and not out.exists() and "written to" not in err


def test_no_sessions_is_not_an_empty_export(tmp_path, capsys):
    (tmp_path / "sessions").mkdir()
    out = tmp_path / "out.csv"
    out.write_text("file,start\nkept,1\n", encoding="utf-8")
    rc = main(["export", "--sessions", str(tmp_path / "sessions"), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1 and out.read_text(encoding="utf-8") == "file,start\nkept,1\n"
    assert err == f"hedui: {out}: not written (no sessions in {tmp_path / 'sessions'})\n"
