"""`hedui check` on a large session (issue 11, item 12): a 30,000-figure session with 10,000
decisions (about 11 MB), checked table by table, beside the whole-file reader on the same file
(what review, export and stats use). Each runs in its own process, so that its peak memory
(max RSS) is its own."""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import tests.bench.bench_session as base
from hedui.core.session.session import Session

FIGURES = 30_000

CHILD = r"""
import resource, sys, time
from pathlib import Path
t = time.perf_counter()
if sys.argv[1] == "check":
    from hedui.core.dataset.check import check_file
    problems = check_file(Path(sys.argv[2]), Path(sys.argv[2]).parent)
    assert problems == [], problems[:3]
else:
    from hedui.core.session.file_format import read_session
    read_session(Path(sys.argv[2]))
took = time.perf_counter() - t
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    base.FIGURES = FIGURES
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ex = base.big_extraction(folder)
        s = Session.open(ex, folder / "sessions", "bench", batch=10**9, idle=3600)
        ids = [e.id for e in s.entries]
        for i in range(0, len(ids), 3):
            s.accept(ids[i])
        s.close()
        size = s.path.stat().st_size
        print(f"session of {len(ids)} figures, {len(ids[::3])} decisions: {size / 1e6:.1f} MB")
        for what in ("check", "whole"):
            out = subprocess.run([sys.executable, "-c", CHILD, what, str(s.path)], capture_output=True, text=True)
            took, rss = out.stdout.split()
            label = "hedui check (table by table)" if what == "check" else "whole-file reader (review/export)"
            print(f"{label}: {float(took):.2f} s, peak RSS {int(rss) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
