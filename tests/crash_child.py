"""Child process of tests/test_crash.py: makes decisions on a session forever, printing
``ack <seq> <op> <id> <status>`` after each call returns (i.e. once it is durable)."""
from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

from hedui.core.model import Extraction, FLAG_REASONS
from hedui.core.session.session import Session
from tests.session_helpers import crash_extraction


def main() -> None:
    work, seed, reviewer = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    ex: Extraction = crash_extraction(work)
    s = Session.open(ex, work / "sessions", reviewer, batch=7, idle=0.005)
    print("ready", flush=True)
    while True:
        e = rng.choice(s.entries)
        r = rng.random()
        if r < 0.3:
            out = s.accept(e.id)
        elif r < 0.45:
            out = s.reject(e.id)
        elif r < 0.55:
            out = s.flag(e.id, rng.choice(FLAG_REASONS), note=f"n{rng.randrange(1000)}")
        elif r < 0.7:
            out = s.correct(e.id, replace(e.fields, value=rng.randrange(10**6), label="標籤"))
        elif r < 0.8:
            out = s.undo()
        elif r < 0.85:
            out = s.redo()
        elif r < 0.9:
            out = s.reset(e.id)
        else:
            start = rng.randrange(len(ex.report.text) - 3)
            if any(x.start < start + 2 and start < x.end for x in s.entries):  # (no overlapping figures)
                continue
            out = s.add(start, start + 2, replace(e.fields, value=rng.randrange(99)))
        if out is None:
            continue
        rec = s.log[-1]
        status = rec["after"]["status"] if rec["after"] else "-"
        print(f"ack {rec['seq']} {rec['op']} {rec['id']} {status}", flush=True)


if __name__ == "__main__":
    main()
