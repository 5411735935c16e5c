"""The parent side of the crash tests (tests/test_crash.py) and of the fault soak in `make bench`
(tests/bench/bench_soak.py): run tests/crash_child.py, SIGKILL it at a chosen moment, read back the
decisions it had acknowledged, and find any the session lost."""
from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from hedui.core.session.session import Session
from tests.session_helpers import REPO

Ack = tuple[int, str, str, str]  # seq, op, figure id, status after


def run_child(work: Path, seed: int, kill_after: float, reviewer: str, from_start: bool = False) -> list[Ack]:
    """Run the child; SIGKILL it ``kill_after`` seconds after it is ready (or after it was
    started, with ``from_start``: a kill during start-up and open). Returns its acks."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "tui"), str(REPO)]))
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash_child", str(work), str(seed), reviewer],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    acks, buf = [], b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    t0 = time.monotonic()
    deadline = t0 + kill_after if from_start else None
    while True:
        now = time.monotonic()
        if deadline is None and now - t0 > 10:
            raise AssertionError("child never became ready: " + proc.stderr.read().decode())
        if deadline is not None and now >= deadline:
            break
        if sel.select(timeout=0.002):
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break  # the child died on its own
            buf += chunk
            if deadline is None and b"ready\n" in buf:
                deadline = time.monotonic() + kill_after
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    sel.close()
    rest = proc.stdout.read()
    buf += rest or b""
    err = proc.stderr.read().decode()
    assert proc.returncode == -signal.SIGKILL, err
    for line in buf.decode().splitlines():  # a line cut by the kill was never seen whole: ignore it
        parts = line.split()
        if parts and parts[0] == "ack" and len(parts) == 5:
            acks.append((int(parts[1]), parts[2], parts[3], parts[4]))
    return acks


def lost_acks(s: Session, acks: list[Ack]) -> list[str]:
    """The acknowledged decisions the reopened session ``s`` does not hold as acknowledged."""
    log = {r["seq"]: r for r in s.log}
    lost = []
    for seq, op, eid, status in acks:
        r = log.get(seq)
        if r is None or (r["op"], r["id"], r["after"]["status"] if r.get("after") else "-") != (op, eid, status):
            lost.append(f"acknowledged decision {seq} ({op} {eid} -> {status}) lost")
    return lost
