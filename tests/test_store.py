"""Storage: atomic rewrite with backup, the journal, failed writes, damaged and hostile files."""
from __future__ import annotations

import errno
import os
import shutil
import time
import tomllib

import pytest

from hedui.core.session import store as store_mod
from hedui.core.model import SessionError
from hedui.core.session.session import Session
from hedui.core.session.file_format import read_session
from hedui.core.session.store import atomic_write, read_journal
from tests.session_helpers import NEEDLES, TEXT, make_extraction


@pytest.fixture
def ex(tmp_path):
    return make_extraction(tmp_path / "report.txt", TEXT, NEEDLES)


def open_(ex, tmp_path, **kw):
    kw.setdefault("batch", 10_000)
    kw.setdefault("idle", 3600)
    return Session.open(ex, tmp_path / "sessions", "li", **kw)


def test_atomic_write_keeps_previous_version_as_bak(tmp_path):
    p = tmp_path / "x.toml"
    atomic_write(p, b"one")
    assert p.read_bytes() == b"one" and not (tmp_path / "x.toml.bak").exists()
    atomic_write(p, b"two")
    assert p.read_bytes() == b"two" and (tmp_path / "x.toml.bak").read_bytes() == b"one"
    assert sorted(os.listdir(tmp_path)) == ["x.toml", "x.toml.bak"]


def test_decision_is_in_journal_before_return(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    recs = read_journal(s.path.with_name(s.path.name + ".journal"), repair=False)
    assert [(r["op"], r["id"], r["after"]["status"]) for r in recs] == [("accept", s.entries[0].id, "accepted")]
    # the TOML is not rewritten on the keystroke path
    assert tomllib.loads(s.path.read_text("utf-8"))["journal_seq"] == 0
    s.close()
    assert not s.path.with_name(s.path.name + ".journal").exists()
    assert tomllib.loads(s.path.read_text("utf-8"))["journal_seq"] == 1


def test_torn_journal_tail_is_dropped(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    s.reject(s.entries[1].id)
    jpath = s.path.with_name(s.path.name + ".journal")
    s._store.release()  # simulate a crash: no final write
    data = jpath.read_bytes()
    jpath.write_bytes(data + data.splitlines(keepends=True)[-1][:37])  # a half-written third record
    s = open_(ex, tmp_path)
    assert s.progress() == (2, len(NEEDLES))
    s.flag(s.entries[2].id, "other")  # appends after the repaired journal
    s._store.release()
    s = open_(ex, tmp_path)
    assert s.progress() == (3, len(NEEDLES))
    s.close()


def test_damaged_journal_line_is_an_error_with_line(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    s.accept(s.entries[1].id)
    s._store.release()
    jpath = s.path.with_name(s.path.name + ".journal")
    lines = jpath.read_bytes().splitlines(keepends=True)
    jpath.write_bytes(lines[0] + b'{"seq": 2, "op": "accept"\n' + lines[1])
    before = jpath.read_bytes(), s.path.read_bytes()
    with pytest.raises(SessionError, match=r"report\.li\.toml\.journal:2: "):
        open_(ex, tmp_path)
    assert (jpath.read_bytes(), s.path.read_bytes()) == before


def test_crash_between_toml_rename_and_journal_trim(ex, tmp_path):
    s = open_(ex, tmp_path)
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    s.correct(ids[1], NEEDLES[2][1])
    s.undo()
    jpath = s.path.with_name(s.path.name + ".journal")
    journal = jpath.read_bytes()
    s.flush()  # TOML now holds all three records; the journal is trimmed
    assert not jpath.exists()
    s._store.release()
    jpath.write_bytes(journal)  # as if the process died before trimming
    s = open_(ex, tmp_path)
    assert s.entry(ids[0]).status == "accepted" and s.entry(ids[1]).status == "pending"
    assert [r["seq"] for r in s.log] == [1, 2, 3]
    assert s.can_redo() and s.redo().status == "corrected"
    s.close()


@pytest.mark.parametrize("fail_on", ["write", "fsync"])
def test_failed_write_raises_keeps_memory_and_retries(ex, tmp_path, monkeypatch, fail_on):
    s = open_(ex, tmp_path)
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    jpath = s.path.with_name(s.path.name + ".journal")
    saved = jpath.read_bytes()
    real = getattr(os, fail_on)

    def broken(*a, **k):
        if fail_on == "write" and a and a[0] == s._store._jfd:
            real(a[0], bytes(a[1])[:10])  # a partial write, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, fail_on, broken)
    with pytest.raises(SessionError, match="No space left on device") as info:
        s.reject(ids[1])
    assert "\n" not in str(info.value) and "report.li.toml.journal" in str(info.value)
    assert s.unsaved == 1  # kept in memory, shown as it is on disk until it is written (issue 11, item 4)
    assert s.entry(ids[1]).status == "pending" and s.progress()[0] == 1
    assert jpath.read_bytes() == saved  # nothing torn, nothing lost
    monkeypatch.setattr(store_mod.os, fail_on, real)
    s.flag(ids[2], "ambiguous")  # the queued decision goes first
    assert s.unsaved == 0
    s._store.release()
    s = open_(ex, tmp_path)
    assert [s.entry(i).status for i in ids[:3]] == ["accepted", "rejected", "flagged"]
    s.close()


def test_read_only_folder_reported_at_open(ex, tmp_path, monkeypatch):
    real_open = os.open

    def ro_open(path, flags, *a):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *a)

    monkeypatch.setattr(store_mod.os, "open", ro_open)
    with pytest.raises(SessionError, match="Read-only file system"):
        open_(ex, tmp_path)
    monkeypatch.setattr(store_mod.os, "open", real_open)


def test_close_failure_keeps_session_open(ex, tmp_path, monkeypatch):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    real = store_mod.atomic_write

    def full(*a, **k):
        raise SessionError("disk full")

    monkeypatch.setattr(store_mod, "atomic_write", full)
    with pytest.raises(SessionError):
        s.close()
    monkeypatch.setattr(store_mod, "atomic_write", real)
    s.close()
    assert read_session(s.path).entries[0].status == "accepted"


HOSTILE = {
    "syntax": ("status = \"accepted\"", "status = accepted", r":\d+: TOML syntax error"),
    "wrong type": ("start = {s}", "start = \"{s}\"", r":\d+: start must be an integer"),
    "huge int": ("start = {s}", "start = 99999999999999999999999", r":\d+: start = \d+ is out of range"),
    "huge float": ("value = 41,", "value = 1e400,", r":\d+: suggestion.value is out of range"),
    "offsets inconsistent": ("end = {e}", "end = 999999", r":\d+: text '41场次' is not 999\d+ characters"),
    "offsets outside": ("start = {s}\nend = {e}", "start = 999990\nend = 999994", r":\d+: end 999994 is beyond"),
    "unknown status": ("status = \"accepted\"", "status = \"maybe\"", r":\d+: unknown status 'maybe'"),
    "escaped NUL": ("decided_by = \"li\"", "decided_by = \"l\\u0000i\"", r":\d+: decided_by contains a NUL"),
    "raw NUL": ("decided_by = \"li\"", "decided_by = \"l\x00i\"", r":\d+: TOML syntax error"),
    "missing field": ("text = \"41场次\"\n", "", r":\d+: figure is missing 'text'"),
    "duplicate id": ("id = \"f0002\"", "id = \"f0001\"", r":\d+: duplicate id 'f0001'"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_session_file_is_refused_and_never_overwritten(ex, tmp_path, case):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    first = s.entries[0]
    s.close()
    old, new, pattern = HOSTILE[case]
    old = old.format(s=first.start, e=first.end)
    new = new.format(s=first.start, e=first.end)
    text = s.path.read_text("utf-8")
    assert old in text
    bad = text.replace(old, new, 1).encode("utf-8")
    s.path.write_bytes(bad)
    listing = sorted(os.listdir(s.path.parent))
    with pytest.raises(SessionError, match=r"report\.li\.toml" + pattern) as info:
        open_(ex, tmp_path)
    assert "\n" not in str(info.value)
    assert s.path.read_bytes() == bad and sorted(os.listdir(s.path.parent)) == listing


def test_truncated_file_is_refused(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.flush()  # written (a new session is lazy)
    s.close()
    data = s.path.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 5):
        s.path.write_bytes(data[:cut])
        with pytest.raises(SessionError, match=r"report\.li\.toml:\d+: "):
            open_(ex, tmp_path)
        assert s.path.read_bytes() == data[:cut]


def test_bak_restores_previous_state(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    s.flush()
    s.reject(s.entries[1].id)
    s.close()
    bak = s.path.with_name(s.path.name + ".bak")
    doc = read_session(bak)
    assert [e.status for e in doc.entries[:2]] == ["accepted", "pending"]
    shutil.copy(bak, tmp_path / "restored.toml")
    assert read_session(tmp_path / "restored.toml").journal_seq == 1


def test_background_rewrite_failure_is_reported_and_recovers(ex, tmp_path, monkeypatch):
    import time

    s = open_(ex, tmp_path, batch=1, idle=0.01)
    s.flush()  # written (a new session is lazy): from here on only the rewrites fail
    real = store_mod.atomic_write
    calls = []

    def failing(*a, **k):
        calls.append(a[0])
        raise SessionError(f"{a[0]}: cannot write session file (No space left on device)")

    monkeypatch.setattr(store_mod, "atomic_write", failing)
    s.accept(s.entries[0].id)  # the journal append is not affected
    deadline = time.monotonic() + 5
    while not s.save_error and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "No space left" in s.save_error
    monkeypatch.setattr(store_mod, "atomic_write", real)
    s.reject(s.entries[1].id)
    deadline = time.monotonic() + 5
    while (s.save_error or tomllib.loads(s.path.read_text("utf-8"))["journal_seq"] < 2) \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    assert s.save_error == "" and tomllib.loads(s.path.read_text("utf-8"))["journal_seq"] == 2
    s.close()


FULL_DISK_CHILD = r"""
import resource, signal, sys
from pathlib import Path
from hedui.core.model import Fields, SessionError
from hedui.core.session.session import Session
from tests.session_helpers import crash_extraction

work = Path(sys.argv[1])
ex = crash_extraction(work)
s = Session.open(ex, work / "sessions", "li", batch=10**6, idle=3600)
s.flush()  # a new session is lazy: its file is written now, before the limit
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (12_000, 12_000))  # the journal can grow to 12 kB
ok = 0
try:
    for n, e in enumerate(list(s.entries) * 10):
        s.correct(e.id, Fields(n, label="x" * 50))
        ok += 1
except SessionError as exc:
    print(ok, s.unsaved, s.progress()[0], exc, sep="\n")
"""


def test_a_real_write_failure_loses_nothing_saved(tmp_path):
    """A child whose files may not grow past 12 kB (RLIMIT_FSIZE): the append that does not fit
    fails at once, leaves no torn line, and every decision before it is there on reopening."""
    import subprocess
    import sys

    from hedui.core.dataset.check import check_file
    from tests.session_helpers import REPO, crash_extraction

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "tui"), str(REPO)]))
    out = subprocess.run([sys.executable, "-c", FULL_DISK_CHILD, str(tmp_path)], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=60)
    lines = out.stdout.splitlines()
    assert len(lines) == 4, out.stderr
    ok, unsaved = int(lines[0]), int(lines[1])
    assert ok > 10 and unsaved == 1 and "File too large" in lines[3] and "kept in memory" in lines[3]
    journal = tmp_path / "sessions" / "crash-report.li.toml.journal"
    assert journal.read_bytes().endswith(b"\n")
    s = Session.open(crash_extraction(tmp_path), tmp_path / "sessions", "li")
    assert [r["seq"] for r in s.log] == list(range(1, ok + 1))
    s.close()
    assert check_file(s.path, tmp_path / "sessions") == []


def test_new_sessions_folder_gets_a_gitignore(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    ignore = (tmp_path / "sessions" / ".gitignore").read_text("utf-8").split()
    assert {"*.lock", "*.journal", "*.tmp", "*.bak"} <= set(ignore)
    s.close()
    (tmp_path / "other").mkdir()  # an existing folder is left as it is
    s = Session.open(ex, tmp_path / "other", "li")
    s.close()
    assert not (tmp_path / "other" / ".gitignore").exists()


def test_stop_is_not_lost_while_the_writer_backs_off(ex, tmp_path, monkeypatch):
    """A background rewrite fails, and the session closes before the writer starts waiting out
    its back-off: close must not wait for the (hour-long) idle period."""
    import threading

    s = open_(ex, tmp_path, batch=1, idle=3600)
    failed = threading.Event()
    release = threading.Event()
    real = s._store.write_doc

    def failing(doc, *, background=False):
        if background:
            failed.set()
            release.wait(5)  # hold the writer here until close has asked it to stop
            raise SessionError("disk full")
        return real(doc, background=background)

    monkeypatch.setattr(s._store, "write_doc", failing)
    s.accept(s.entries[0].id)  # batch=1: the writer rewrites at once, and fails
    assert failed.wait(5)
    closer = threading.Thread(target=s.close, daemon=True)
    closer.start()
    while not s._store._closing:  # close has asked the writer to stop …
        time.sleep(0.001)
    release.set()  # … before the writer reaches its back-off wait
    closer.join(10)
    assert not closer.is_alive(), "close hung on the writer's back-off"
