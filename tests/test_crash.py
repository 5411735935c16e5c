"""Crash test: a child making decisions is SIGKILLed at random moments (>= 50 times);
after each kill the session opens and holds every decision it had acknowledged."""
from __future__ import annotations

import os
import random
import subprocess
import sys
import time

from hedui.core.dataset.check import check_file
from hedui.core.session.session import Session
from tests.crash_parent import run_child
from tests.session_helpers import REPO, crash_extraction

KILLS = 50


def vars_of(fields) -> dict:
    return {"value": fields.value}


def test_sigkill_at_random_moments_loses_no_acknowledged_decision(tmp_path):
    rng = random.Random(20261122)
    ex = crash_extraction(tmp_path)
    total_acks = 0
    for kill in range(KILLS):
        reviewer = f"crash{kill // 10}"  # a fresh session every 10 kills keeps the test quick
        from_start = kill % 5 == 4  # one kill in five lands during start-up, open or the first decisions
        acks = run_child(tmp_path, seed=kill, kill_after=rng.uniform(0.0, 0.3 if from_start else 0.12),
                         reviewer=reviewer, from_start=from_start)
        total_acks += len(acks)
        path = tmp_path / "sessions" / f"crash-report.{reviewer}.toml"
        if path.exists():  # as the child left it: `hedui check` finds nothing wrong
            assert check_file(path, tmp_path / "sessions") == [], f"kill {kill}"
        s = Session.open(ex, tmp_path / "sessions", reviewer, read_only=kill % 2 == 0)
        log = {r["seq"]: r for r in s.log}
        for seq, op, eid, status in acks:
            assert seq in log, f"kill {kill}: acknowledged decision {seq} lost"
            r = log[seq]
            assert (r["op"], r["id"], r["after"]["status"] if r.get("after") else "-") == (op, eid, status)
        if acks:  # at most the one decision in flight may be on disk without its ack
            assert max(log) <= acks[-1][0] + 1
        # the state is the log's: each figure as the last record touching it left it
        last = {}
        for r in s.log:
            if r.get("id"):
                last[r["id"]] = r.get("after")
        for eid, after in last.items():
            if after is None:
                assert eid not in {e.id for e in s.entries}
            else:
                assert s.entry(eid).status == after["status"]
                e = s.entry(eid)
                want = after["fields"] if "fields" in after else vars_of(e.suggestion)
                assert e.fields.value == want["value"] and e.note == after.get("note", "")
        s.close()
    assert total_acks > 200  # the kills did land among decisions


def test_lock_held_by_another_process_names_it(tmp_path):
    import socket

    import pytest

    from hedui.core.model import SessionLocked

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "tui"), str(REPO)]))
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash_child", str(tmp_path), "1", "holder"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        assert proc.stdout.readline() == b"ready\n"
        ex = crash_extraction(tmp_path)
        with pytest.raises(SessionLocked) as info:
            Session.open(ex, tmp_path / "sessions", "holder")
        assert info.value.holder.startswith(f"{proc.pid}@{socket.gethostname()} since ")
        assert f"in use by {proc.pid}@" in str(info.value) and "read-only" in str(info.value)
        ro = Session.open(ex, tmp_path / "sessions", "holder", read_only=True)
        assert ro.read_only and len(ro.entries) == len(ex.figures)
        ro.close()
    finally:
        proc.kill()
        proc.wait()
    s = Session.open(crash_extraction(tmp_path), tmp_path / "sessions", "holder")  # free once it died
    s.close()


def test_read_only_views_of_a_session_being_written_are_consistent(tmp_path):
    """A reader (the export, a second app read-only) never sees a state with decisions missing
    from the middle, though the writer rewrites the file and trims its journal meanwhile."""
    from hedui.core.session.read import load_saved

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "tui"), str(REPO)]))
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash_child", str(tmp_path), "2", "busy"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    ex = crash_extraction(tmp_path)
    seen = 0
    try:
        t0 = time.monotonic()
        path = tmp_path / "sessions" / "crash-report.busy.toml"
        while not path.exists():
            assert time.monotonic() - t0 < 10, "the writer never made its session"
            time.sleep(0.01)
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            s = Session.open(ex, tmp_path / "sessions", "busy", read_only=True)
            assert s.path == path
            seqs = [r["seq"] for r in s.log]
            assert seqs == list(range(1, len(seqs) + 1))
            saved = [r["seq"] for r in load_saved(path, tmp_path / "sessions").doc.log]
            assert saved == list(range(1, len(saved) + 1)) and len(saved) >= len(seqs)
            s.close()
            seen = max(seen, len(seqs))
    finally:
        proc.kill()
        proc.wait()
    assert seen > 20
