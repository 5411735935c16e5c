"""Issue 11: a session proves it is whole (item 3), what is written is read back with the same
rules (item 9), leftovers of a kill are removed (item 11), a decision moves only onto the same
figure (item 1), and only what is on disk is shown as done (item 4)."""
from __future__ import annotations

import errno
import re
import tomllib

import pytest

from hedui.cli import main
from hedui.core.dataset.check import check_file
from hedui.core.model import Fields, SessionError
from hedui.core.session import store as store_mod
from hedui.core.session.entry import MAX_INT
from hedui.core.session.read import load_saved
from hedui.core.session.session import Session
from tests.session_helpers import NEEDLES, TEXT, crash_extraction, make_extraction


def cut_after_figures(data: bytes, keep: int) -> bytes:
    """The file up to (not including) its ``keep+1``-th [[figure]] table, as a cut at a table boundary."""
    starts = [m.start() for m in re.finditer(rb"(?m)^\[\[figure\]\]$", data)]
    return data[: starts[keep]].rstrip(b"\n") + b"\n"


@pytest.fixture
def decided(tmp_path):
    ex = crash_extraction(tmp_path, copies=9)  # 72 figures
    s = Session.open(ex, tmp_path / "sessions", "li")
    for e in s.entries[:10]:
        s.accept(e.id)
    s.flush()
    s.reject(s.entries[10].id)
    s.close()
    return ex, s.path


# ---------------------------------------------------------------- item 3: whole or read-only


def test_a_session_cut_at_a_table_boundary_opens_read_only_and_its_backup_is_untouched(decided, tmp_path, capsys):
    ex, path = decided
    bak = path.with_name(path.name + ".bak")
    cut = cut_after_figures(path.read_bytes(), 55)  # 55 of 72 figures, no [[log]]
    path.write_bytes(cut)
    bak_before = bak.read_bytes()
    with pytest.raises(SessionError, match=r"crash-report\.li\.toml:\d+: incomplete") as info:
        Session.open(ex, tmp_path / "sessions", "li")
    assert "\n" not in str(info.value)
    ro = Session.open(ex, tmp_path / "sessions", "li", read_only=True)
    assert ro.read_only and any("incomplete" in n for n in ro.notices)
    with pytest.raises(SessionError):
        ro.accept(ro.entries[0].id)
    ro.close()
    assert path.read_bytes() == cut and bak.read_bytes() == bak_before
    with pytest.raises(SessionError, match="incomplete"):
        load_saved(path, tmp_path / "sessions")
    assert any("incomplete" in p for p in check_file(path, tmp_path / "sessions"))
    out = tmp_path / "out.csv"
    assert main(["export", "--sessions", str(tmp_path / "sessions"), "-o", str(out)]) == 1
    assert not out.exists()
    capsys.readouterr()


@pytest.mark.parametrize("keep", [0, 30, 71])
def test_any_cut_between_tables_is_found(decided, tmp_path, keep):
    ex, path = decided
    path.write_bytes(cut_after_figures(path.read_bytes(), keep))
    assert any("incomplete" in p for p in check_file(path, tmp_path / "sessions"))


def test_a_cut_inside_the_log_is_found(decided, tmp_path):
    ex, path = decided
    data = path.read_bytes()
    last_log = data.rindex(b"\n[[log]]\n")
    path.write_bytes(data[:last_log + 1])
    problems = check_file(path, tmp_path / "sessions")
    assert any("incomplete" in p for p in problems), problems


def test_a_table_removed_from_the_middle_is_found(decided, tmp_path):
    ex, path = decided
    text = path.read_text("utf-8")
    blocks = text.split("\n[[figure]]\n")
    path.write_text("\n[[figure]]\n".join(blocks[:20] + blocks[21:]), "utf-8")
    problems = check_file(path, tmp_path / "sessions")
    assert any("end line counts 72 figures" in p for p in problems), problems


def test_a_journal_that_does_not_continue_the_file_is_found(decided, tmp_path):
    ex, path = decided
    journal = path.with_name(path.name + ".journal")
    journal.write_text('{"seq":40,"at":"2026-01-01T00:00:00Z","by":"li","op":"accept","id":"f0020",'
                       '"before":{"status":"pending"},"after":{"status":"accepted"}}\n', "utf-8")
    with pytest.raises(SessionError, match="journal starts at seq 40"):
        Session.open(ex, tmp_path / "sessions", "li")
    assert any("journal starts at seq 40" in p for p in check_file(path, tmp_path / "sessions"))


def test_a_format_1_file_still_loads_and_is_migrated_on_write(decided, tmp_path):
    ex, path = decided
    text = path.read_text("utf-8")
    old = re.sub(r"(?m)^# end of session:.*\n", "", text).replace("format = 2\n", "format = 1\n", 1)
    path.write_text(old, "utf-8")
    assert check_file(path, tmp_path / "sessions") == []
    s = Session.open(ex, tmp_path / "sessions", "li")
    assert s.progress()[0] == 11
    s.accept(s.entries[20].id)
    s.close()
    new = path.read_text("utf-8")
    assert tomllib.loads(new)["format"] == 2 and new.rstrip().endswith("72 figures, 0 orphans, 12 log records")
    assert check_file(path, tmp_path / "sessions") == []


# ---------------------------------------------------------------- item 9: validate what is written


def _set_header(path, key, value):
    text = path.read_text("utf-8")
    path.write_text(re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", text, count=1), "utf-8")


def test_next_id_at_its_limit_refuses_an_add_and_the_file_stays_valid(tmp_path):
    ex = make_extraction(tmp_path / "report.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp_path / "sessions", "li")
    s.flush()  # a new session is lazy: written now
    s.close()
    _set_header(s.path, "next_id", MAX_INT)
    assert check_file(s.path, tmp_path / "sessions") == []
    s = Session.open(ex, tmp_path / "sessions", "li")
    with pytest.raises(SessionError, match="out of range") as info:
        s.add(0, 2, Fields(5, unit="年", category="measure"))
    assert "\n" not in str(info.value)
    s.accept(s.entries[0].id)
    s.close()
    assert check_file(s.path, tmp_path / "sessions") == []


def test_journal_seq_at_its_limit_refuses_a_decision_and_the_file_stays_valid(tmp_path):
    ex = make_extraction(tmp_path / "report.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp_path / "sessions", "li")
    s.accept(s.entries[0].id)
    s.close()
    text = s.path.read_text("utf-8")
    text = re.sub(r"(?m)^seq = 1$", f"seq = {MAX_INT}", text)
    s.path.write_text(text, "utf-8")
    _set_header(s.path, "journal_seq", MAX_INT)
    assert check_file(s.path, tmp_path / "sessions") == []
    s = Session.open(ex, tmp_path / "sessions", "li")
    with pytest.raises(SessionError, match="out of range"):
        s.reject(s.entries[1].id)
    assert s.entry(s.entries[1].id).status == "pending" and s.unsaved == 0
    s.close()
    assert check_file(s.path, tmp_path / "sessions") == []


# ---------------------------------------------------------------- item 11: leftovers of a kill


@pytest.mark.parametrize("suffix", [".journal.tmp", ".tmp", ".bak.tmp"])
def test_leftover_temp_files_are_removed_by_the_next_writer(tmp_path, suffix):
    ex = make_extraction(tmp_path / "report.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp_path / "sessions", "li")
    s.accept(s.entries[0].id)
    s.close()
    left = s.path.with_name(s.path.name + suffix)
    left.write_bytes(b'{"seq": 1, "torn')
    ro = Session.open(ex, tmp_path / "sessions", "li", read_only=True)  # a reader leaves it
    ro.close()
    assert left.exists()
    s = Session.open(ex, tmp_path / "sessions", "li")
    assert not left.exists()
    s.close()
    assert not left.exists() and check_file(s.path, tmp_path / "sessions") == []


# ---------------------------------------------------------------- item 1: the same figure, or an orphan

PARA = "本年度共评选先进个人15人，引进人才5人，新建站点3个。"


def _ex(path, text):
    return make_extraction(path, text, [
        (n, Fields(int(n[:-1]), unit=n[-1])) for n in ("15人", "人才5人"[2:] if "5人" in text.split("15人")[1]
                                                       else "6人", "3个")
    ])


def test_a_decision_never_moves_into_another_number(tmp_path, capsys):
    path = tmp_path / "report.txt"
    s = Session.open(_ex(path, PARA), tmp_path / "sessions", "li")
    for e in s.entries[:2]:
        s.accept(e.id)
    five = s.entries[1]
    assert five.text == "5人"
    s.close()
    edited = PARA.replace("引进人才5人", "引进人才6人")
    s = Session.open(_ex(path, edited), tmp_path / "sessions", "li")
    assert [o.id for o in s.orphans] == [five.id]
    assert all(not (e.decided and e.text == "5人") for e in s.entries)
    s.close()
    assert check_file(s.path, tmp_path / "sessions") == []
    assert main(["export", "--sessions", str(tmp_path / "sessions"), "--format", "jsonl"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 1 and '"15人"' in rows[0]


def test_a_decision_still_moves_when_text_is_inserted_before_it(tmp_path):
    path = tmp_path / "report.txt"
    s = Session.open(_ex(path, PARA), tmp_path / "sessions", "li")
    five = s.entries[1]
    s.accept(five.id)
    s.close()
    s = Session.open(_ex(path, "导语。" + PARA), tmp_path / "sessions", "li")
    assert s.orphans == [] and s.entry(five.id).start == five.start + 3
    s.close()


def test_check_reports_overlapping_verified_figures(tmp_path, capsys):
    path = tmp_path / "report.txt"
    s = Session.open(_ex(path, PARA), tmp_path / "sessions", "li")
    fifteen = s.entries[0]
    s.accept(fifteen.id)
    s.add(fifteen.start + 1, fifteen.end, Fields(5, unit="人"))  # 5人 inside 15人
    s.close()
    problems = check_file(s.path, tmp_path / "sessions")
    assert len(problems) == 1 and "verified figures overlap" in problems[0] and "'15人'" in problems[0]


# ---------------------------------------------------------------- item 4: only what is on disk is done


def test_a_decision_not_saved_is_not_shown_as_done(tmp_path, monkeypatch):
    ex = make_extraction(tmp_path / "report.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp_path / "sessions", "li", batch=10**6, idle=3600)
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    real = store_mod.os.fsync

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "fsync", full)
    with pytest.raises(SessionError):
        s.reject(ids[1])
    assert s.unsaved == 1
    assert s.entry(ids[1]).status == "pending"  # what is on disk
    assert [e.status for e in s.entries[:2]] == ["accepted", "pending"]
    assert s.progress()[0] == 1 and s.first_pending().id == ids[1]
    monkeypatch.setattr(store_mod.os, "fsync", real)
    s.flag(ids[2], "other")  # the held reject goes to disk first
    assert s.unsaved == 0 and s.entry(ids[1]).status == "rejected" and s.progress()[0] == 3
    s.close()
