"""Symbolic links in a sessions folder (issue 11, item 2): hedui never writes through one, and a
session file that leads outside its folder is refused."""
from __future__ import annotations

import os

import pytest

from hedui.cli import main
from hedui.core.model import SessionError
from hedui.core.session.session import Session
from tests.session_helpers import NEEDLES, TEXT, make_extraction


@pytest.fixture
def ex(tmp_path):
    (tmp_path / "sessions").mkdir()
    return make_extraction(tmp_path / "report.txt", TEXT, NEEDLES)


@pytest.fixture
def victim(tmp_path):
    (tmp_path / "outside").mkdir()
    v = tmp_path / "outside" / "v.txt"
    v.write_bytes(b"precious\n")
    return v


def decide_and_close(ex, tmp_path):
    s = Session.open(ex, tmp_path / "sessions", "li", batch=1, idle=3600)
    s.accept(s.entries[0].id)
    s.flush()
    s.reject(s.entries[1].id)
    s.flush()
    s.close()
    return s.path


@pytest.mark.parametrize("suffix", [".lock", ".tmp", ".bak", ".bak.tmp", ".journal.tmp"])
def test_a_link_in_place_of_a_side_file_is_replaced_never_followed(ex, tmp_path, victim, suffix):
    link = tmp_path / "sessions" / f"report.li.toml{suffix}"
    os.symlink(victim, link)
    if suffix == ".bak":  # a .bak is only made once the session file exists
        Session.open(ex, tmp_path / "sessions", "li").close()
        link.unlink(missing_ok=True)
        os.symlink(victim, link)
    path = decide_and_close(ex, tmp_path)
    assert victim.read_bytes() == b"precious\n"
    assert not path.is_symlink() and path.is_file()
    assert not link.is_symlink()
    s = Session.open(ex, tmp_path / "sessions", "li", read_only=True)
    assert [e.status for e in s.entries[:2]] == ["accepted", "rejected"]
    s.close()


def test_a_dangling_journal_link_creates_nothing_outside(ex, tmp_path):
    target = tmp_path / "outside-journal"
    os.symlink(target, tmp_path / "sessions" / "report.li.toml.journal")
    with pytest.raises(SessionError, match=r"report\.li\.toml\.journal: .*symbolic link") as info:
        s = Session.open(ex, tmp_path / "sessions", "li")
        s.accept(s.entries[0].id)
    assert "\n" not in str(info.value)
    assert not target.exists()


def test_a_session_file_linking_outside_the_folder_is_refused(ex, tmp_path, victim, capsys):
    s = Session.open(ex, tmp_path / "sessions", "li")
    s.accept(s.entries[0].id)
    s.close()
    victim.write_bytes(s.path.read_bytes())  # a valid session, but elsewhere
    s.path.unlink()
    os.symlink(victim, s.path)
    before = victim.read_bytes()
    for read_only in (False, True):
        with pytest.raises(SessionError, match=r"report\.li\.toml: a link to outside the sessions folder"):
            Session.open(ex, tmp_path / "sessions", "li", read_only=read_only)
    assert main(["check", "--sessions", str(tmp_path / "sessions")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{s.path}: a link to outside the sessions folder; refused"]
    assert victim.read_bytes() == before and s.path.is_symlink()


def test_a_link_to_another_session_file_of_the_folder_is_read(ex, tmp_path):
    s = Session.open(ex, tmp_path / "sessions", "li")
    s.accept(s.entries[0].id)
    s.close()
    real = s.path.with_name("kept.toml.orig")
    s.path.rename(real)
    os.symlink(real.name, s.path)
    r = Session.open(ex, tmp_path / "sessions", "li", read_only=True)
    assert r.entries[0].status == "accepted"
    r.close()


def test_gitignore_of_a_new_folder_lists_the_side_files(ex, tmp_path):
    s = Session.open(ex, tmp_path / "new" / "sessions", "li")
    s.close()
    lines = (tmp_path / "new" / "sessions" / ".gitignore").read_text("utf-8").split()
    assert {"*.lock", "*.journal", "*.tmp", "*.bak"} <= set(lines)
