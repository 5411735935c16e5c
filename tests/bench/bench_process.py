"""``hedui extract`` as a whole process on a 3 MB report, side by side with
``python -c "import cn2an; cn2an.transform(open(F).read())"`` on the same file (issue 9's
speed target: hedui at least as fast, ratio >= 1.0), with the peak memory of each.

hedui runs twice: as a user runs it (on every core: a long report is cut into pieces, each
extracted in a process of its own, core/extract/pieces.py) and with ``--jobs 1`` (one process).
All run as fresh processes, alternately, ROUNDS times each; the figure is the best wall
time of each (the machine is shared, so the best is the one least disturbed by others), and
the CPU time (user + system) of that round beside it. The 3 MB text is the seeds and the dev
reports (simplified and traditional) concatenated and copied, each copy with its digits shifted
(see ``three_megabytes``)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hedui.core.corpus.parallel import default_jobs

ROOT = Path(__file__).resolve().parent.parent.parent
SIZE = 3_000_000
ROUNDS = 3


def three_megabytes() -> str:
    """The seeds and the dev reports, copied until 3 MB; in the k-th copy every digit is shifted
    by k (mod 10), so that no paragraph repeats an earlier one word for word (a repeated
    paragraph is marked as such and would not measure the work on a long report)."""
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/data/dev/reports").glob("*.txt"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    copies = []
    for k in range(SIZE // len(text) + 1):
        shift = str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10)))
        copies.append(text.translate(shift) + f"\n第{k + 1}份\n")
    return "".join(copies)[:SIZE]


def run(argv: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench_process: {' '.join(argv[:3])} failed with status {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    # --no-cache: the extraction itself, every round (a warm cache would answer from disk)
    hedui = [sys.executable, "-m", "hedui", "extract", "--no-cache"]
    single = hedui + ["--jobs", "1"]  # one process: the report is not cut into pieces
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "three-megabytes.txt"
        path.write_text(three_megabytes(), encoding="utf-8")
        cn2an = [sys.executable, "-W", "ignore", "-c",
                 f"import cn2an; cn2an.transform(open({str(path)!r}, encoding='utf-8').read())"]
        best: dict[str, tuple[float, float, int]] = {}
        for _ in range(ROUNDS):
            for name, argv in (("hedui", hedui + [str(path)]), ("single", single + [str(path)]),
                               ("cn2an", cn2an)):
                got = run(argv)
                if name not in best or got[0] < best[name][0]:
                    best[name] = got
        size = path.stat().st_size
        cache = Path(d) / "cache"
        warm = [sys.executable, "-m", "hedui", "extract", "--cache", str(cache), str(path)]
        run(warm)  # fills the cache
        cached = run(warm)
    for name, what in (("hedui", f"hedui extract F (whole process, JSON Lines to /dev/null, "
                                 f"{default_jobs()} cores: the report in pieces)"),
                       ("single", "hedui extract --jobs 1 F (one process)"),
                       ("cn2an", "python -c 'import cn2an; cn2an.transform(open(F).read())'")):
        wall, cpu, rss = best[name]
        print(f"{what}: {wall:.2f} s wall ({cpu:.2f} s CPU, all processes), peak memory {rss} MB"
              + (" (the largest process)" if name == "hedui" else ""))
    print(f"hedui extract F again with a warm cache (no extraction; not the ratio's figure): "
          f"{cached[0]:.2f} s wall, peak memory {cached[2]} MB")
    ratio = best["cn2an"][0] / best["hedui"][0]
    print(f"F = {SIZE:,} chars ({size:,} bytes), best of {ROUNDS} each, run alternately")
    print(f"ratio cn2an time / hedui time (hedui extracting, no cache): {ratio:.2f} (target >= 1.0); "
          f"one process: {best['cn2an'][0] / best['single'][0]:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other processes on the machine slow hedui's "
          f"pieces more than the one-process runs)")


if __name__ == "__main__":
    main()
