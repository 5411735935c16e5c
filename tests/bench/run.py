"""`make bench`: every benchmark, printing its figures (no pass/fail timing in tests).

Each ``tests/bench/bench_*.py`` module has ``main() -> None`` that prints its
figures; they run in name order, each in its own process so that one's memory
and start-up costs do not colour the next.
"""
from __future__ import annotations

import pathlib
import subprocess
import sys


def main() -> int:
    here = pathlib.Path(__file__).parent
    failed = 0
    for path in sorted(here.glob("bench_*.py")):
        print(f"== {path.stem}", flush=True)
        rc = subprocess.call([sys.executable, "-m", f"tests.bench.{path.stem}"])
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
