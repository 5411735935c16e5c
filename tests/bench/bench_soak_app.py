"""Fault soak of the real reviewer (issue 11): `hedui review` runs in a pseudo-terminal (80x24)
on two seed reports, gets bursts of `a`, `x` and `u`, and is SIGKILLed at a random moment,
``KILLS`` times (one in five during start-up). After each kill the session must open for
writing (no stale lock in the way), pass `hedui check`, and hold at least the decisions of
the previous round. Prints kills, decisions on disk, and each kind of failure (target 0)."""
from __future__ import annotations

import fcntl
import os
import pty
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from hedui.core.dataset.check import check_file
from hedui.core.extract.extractor import Extractor
from hedui.core.model import HeduiError
from hedui.core.session.session import Session
from hedui.core.text.report import load_report

REPO = Path(__file__).resolve().parents[2]
REPORTS = ("echeng-2019h1.txt", "guangxi-2023.txt")
KILLS = int(sys.argv[1]) if len(sys.argv) > 1 else 40


def run_once(reports: Path, sessions: Path, rng: random.Random, from_start: bool) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", PYTHONPATH=str(REPO / "tui"))
    proc = subprocess.Popen([sys.executable, "-m", "hedui", "review", str(reports / REPORTS[0]),
                             str(reports / REPORTS[1]), "--sessions", str(sessions), "--reviewer", "soak",
                             "--no-mouse"], stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    tail, ready = b"", False
    start = time.monotonic()
    kill_at = start + (rng.uniform(0.0, 3.0) if from_start else 1e9)
    try:
        while time.monotonic() < kill_at:
            if select.select([master], [], [], 0.01)[0]:
                try:
                    tail = (tail + os.read(master, 65536))[-8192:]
                except OSError:
                    break
                ready = ready or b"Accept" in tail  # the footer offers a: the session is open
            if ready and kill_at > 1e8:  # now the bursts, and the kill among them
                kill_at = time.monotonic() + rng.uniform(0.2, 2.5)
            if ready and rng.random() < 0.05:
                os.write(master, rng.choice([b"a", b"a", b"x", b"u", b"aaa", b"xu"]))
            if time.monotonic() - start > 60:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        os.close(master)


def main() -> None:
    rng = random.Random(7)
    failures = {"open": 0, "check": 0, "lost": 0}
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports"
        reports.mkdir()
        for name in REPORTS:
            shutil.copyfile(REPO / "seeds" / name, reports / name)
        sessions = Path(tmp) / "sessions"
        extractions = [Extractor().extract(load_report(reports / name)) for name in REPORTS]
        before = [0, 0]
        decided = 0
        t0 = time.perf_counter()
        for kill in range(KILLS):
            run_once(reports, sessions, rng, from_start=kill % 5 == 4)
            for i, ex in enumerate(extractions):
                try:
                    s = Session.open(ex, sessions, "soak")
                except HeduiError as exc:
                    failures["open"] += 1
                    print(f"kill {kill}: {exc}")
                    continue
                n = len(s.log)
                if n < before[i]:
                    failures["lost"] += 1
                    print(f"kill {kill}: {s.path.name} holds {n} log records, {before[i]} before")
                before[i] = n
                decided += s.progress()[0] if kill == KILLS - 1 else 0
                s.close()
                problems = check_file(s.path, sessions)
                failures["check"] += bool(problems)
                for p in problems:
                    print(f"kill {kill}: {p}")
        took = time.perf_counter() - t0
    print(f"app soak: {KILLS} SIGKILLs of `hedui review` under bursts of a/x/u in {took:.0f} s; "
          f"{sum(before)} log records on disk at the end ({decided} figures decided)")
    print(f"sessions that failed to open (stale lock or damage): {failures['open']}; failed `check`: "
          f"{failures['check']}; log shorter than before a kill: {failures['lost']} (targets 0)")


if __name__ == "__main__":
    main()
