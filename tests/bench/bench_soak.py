"""Fault soak (issue 11): a child recording decisions (tests/crash_child.py: accept, reject, flag,
correct, add, undo, redo, reset, with the TOML rewritten every 7 decisions) is SIGKILLed at
random moments, ``KILLS`` times; one kill in five lands during start-up and open. After each
kill the session is checked (`hedui check`'s rules) and reopened, alternately for writing and
read-only, and every decision the child had acknowledged is looked for.

Prints: kills, decisions acknowledged, acknowledged decisions lost (target 0), sessions that
failed to open or check, stale locks that blocked a restart, and leftover temp files."""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from hedui.core.dataset.check import check_file
from hedui.core.model import HeduiError
from hedui.core.session.session import Session
from tests.crash_parent import lost_acks, run_child
from tests.session_helpers import crash_extraction

KILLS = int(sys.argv[1]) if len(sys.argv) > 1 else 240
PER_SESSION = 40  # kills on one session before a fresh one (sessions grow to a few thousand records)


def main() -> None:
    rng = random.Random(11)
    acked = lost = bad_open = bad_check = blocked = leftovers = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ex = crash_extraction(work)
        for kill in range(KILLS):
            reviewer = f"soak{kill // PER_SESSION}"
            from_start = kill % 5 == 4
            acks = run_child(work, seed=1000 + kill, reviewer=reviewer, from_start=from_start,
                             kill_after=rng.uniform(0.0, 0.35 if from_start else 0.2))
            acked += len(acks)
            path = work / "sessions" / f"crash-report.{reviewer}.toml"
            if path.exists() and check_file(path, work / "sessions"):
                bad_check += 1
            try:
                s = Session.open(ex, work / "sessions", reviewer, read_only=kill % 2 == 1)
            except HeduiError as exc:
                bad_open += 1
                blocked += "in use by" in str(exc)
                print(f"kill {kill}: {exc}")
                continue
            problems = lost_acks(s, acks)
            lost += len(problems)
            for p in problems:
                print(f"kill {kill}: {p}")
            s.close()
            leftovers += sum(1 for p in (work / "sessions").iterdir() if p.name.endswith(".tmp")) if not s.read_only else 0
    took = time.perf_counter() - t0
    print(f"fault soak: {KILLS} SIGKILLs at random moments ({KILLS // 5} during start-up/open) in {took:.0f} s")
    print(f"decisions acknowledged: {acked}; acknowledged decisions lost: {lost} (target 0)")
    print(f"sessions that failed to open: {bad_open}; failed `check`: {bad_check}; "
          f"blocked by a stale lock: {blocked}; temp files left after a writer reopened: {leftovers}")


if __name__ == "__main__":
    main()
