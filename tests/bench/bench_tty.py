"""The reviewer as a user over SSH sees it: the real `hedui review` in tmux, measured by ttymeter.

Prints the time until the first figure is on screen, the bytes written to the
terminal per keystroke (median and p95) for `j` and for `a`, and the bytes from
start until the screen is quiet, at 80x24.  Targets (issue 4): ready <= 1.5 s,
median bytes per j/a <= 2,000, start-up <= 20,000.

ttymeter is the shared tool ``../shared/tools/ttymeter`` beside the repository;
nothing is copied from there.  Without it (or without tmux) this prints a
"skipped" line.  The seeds are copied to a temporary folder with a fresh
sessions folder, so every run starts with pending figures.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TTYMETER = REPO.parent / "shared" / "tools" / "ttymeter"
READY = r"[·✓✎⚑✗+] (pending|accepted|corrected|flagged|rejected|added) "
KEYS = 30  # of each of j and a (the first report has more than 2 * KEYS figures)
FIRST = "wuwei-2022.txt"
RUNS = 3

TARGETS = {"ready_ms": 1500, "j": 2000, "a": 2000, "startup": 20000}


def _hedui() -> str:
    candidate = Path(sys.executable).with_name("hedui")
    return str(candidate) if candidate.exists() else f"{sys.executable} -m hedui"


def measure(size: str = "80x24", runs: int = RUNS) -> dict:
    with tempfile.TemporaryDirectory(prefix="hedui-bench-tty-") as tmp:
        reports = Path(tmp) / "reports"
        shutil.copytree(REPO / "seeds", reports)
        out = Path(tmp) / "out.json"
        # each run starts from a fresh sessions folder: clear it before the command
        sessions = Path(tmp) / "sessions"
        first = reports / FIRST  # the seed with the most figures first, then the whole folder
        command = (
            f"rm -rf {sessions} && exec {_hedui()} review {first} {reports} --sessions {sessions} --no-mouse"
        )
        args = [
            str(TTYMETER), "-q", "--size", size, "--ready", READY, "--regex",
            "--keys", f"j*{KEYS} a*{KEYS}", "--settle-ms", "120", "--quiet-ms", "80",
            "--runs", str(runs), "--json", str(out), "--", command,
        ]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"ttymeter failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def missing_tools() -> str | None:
    """Why the terminal figures cannot be measured here (the line to print), or None."""
    if not TTYMETER.exists():
        return f"skipped: ttymeter not found at {TTYMETER}"
    if shutil.which("tmux") is None:
        return "skipped: tmux not found (apt-get install -y tmux)"
    return None


def main() -> None:
    why = missing_tools()
    if why:
        print(why)
        return
    result = measure()
    summary = result["summary"]
    by_key = summary["by_key"]
    startup = sorted(r["startup_bytes"] for r in result["runs"])[len(result["runs"]) // 2]
    rows = [
        ("ready (first figure on screen)", f"{summary['ready_ms']:.0f} ms", TARGETS["ready_ms"], summary["ready_ms"]),
        ("bytes per j, median", f"{by_key['j']['bytes_median']:.0f} B", TARGETS["j"], by_key["j"]["bytes_median"]),
        ("bytes per j, p95", f"{by_key['j']['bytes_p95']:.0f} B", None, None),
        ("bytes per a, median", f"{by_key['a']['bytes_median']:.0f} B", TARGETS["a"], by_key["a"]["bytes_median"]),
        ("bytes per a, p95", f"{by_key['a']['bytes_p95']:.0f} B", None, None),
        ("bytes from start until quiet", f"{startup} B", TARGETS["startup"], startup),
    ]
    print(f"hedui review seeds/{FIRST} seeds/ at 80x24, median of {summary['runs']} runs "
          f"({KEYS} j then {KEYS} a each, fresh sessions)")
    for label, shown, target, value in rows:
        verdict = "" if target is None else (f"  (target <= {target}: {'met' if value <= target else 'MISSED'})")
        print(f"  {label:<32} {shown:>10}{verdict}")
    print(f"  latency per key, median {summary['latency_ms_median']:.0f} ms, p95 {summary['latency_ms_p95']:.0f} ms")


if __name__ == "__main__":
    main()
