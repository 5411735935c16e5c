"""The field pickers as a user over SSH sees them: bytes written to the terminal when a picker
opens (L label, P period, B bound, U unit, C category), when it closes (Escape), and when a
digit takes a choice, beside a `j` from the same run and the whole form (`e`), at 80x24.

Target (issue 10): a picker opening <= 2,000 bytes.  The first picker opened in a run lays out
its rows for the first time and costs more: it is printed apart.  Needs tmux and
``../shared/tools/ttymeter`` (else prints "skipped"), like ``bench_tty``.
"""
from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from tests.bench.bench_tty import FIRST, READY, TTYMETER, _hedui, missing_tools

REPO = Path(__file__).resolve().parents[2]
OPENERS = ("L", "P", "B", "U", "C")
ROUNDS = 3
TARGET = 2000


def script() -> str:
    keys = ["j", "L", "Escape"]  # the first opening, apart
    for _ in range(ROUNDS):
        for key in OPENERS:
            keys += ["j", key, "Escape"]
        keys += ["j", "e", "Escape", "j", "B", "2"]
    return " ".join(keys)


def measure(size: str = "80x24") -> list[tuple[str, int]]:
    with tempfile.TemporaryDirectory(prefix="hedui-bench-pickers-") as tmp:
        reports = Path(tmp) / "reports"
        shutil.copytree(REPO / "seeds", reports)
        out = Path(tmp) / "out.json"
        command = f"exec {_hedui()} review {reports / FIRST} --sessions {Path(tmp) / 'sessions'} --no-mouse"
        args = [
            str(TTYMETER), "-q", "--size", size, "--ready", READY, "--regex", "--startup-quiet-ms", "2000",
            "--keys", script(), "--settle-ms", "300", "--quiet-ms", "200", "--runs", "1",
            "--json", str(out), "--", command,
        ]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"ttymeter failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        run = json.loads(out.read_text(encoding="utf-8"))["runs"][0]
        steps = run.get("keys") or run.get("steps") or []
        return [(s["key"], int(s["bytes"])) for s in steps]


def main() -> None:
    why = missing_tools()
    if why:
        print(why)
        return
    steps = measure()
    first_open = steps[1][1]
    rest = steps[3:]
    by: dict[str, list[int]] = {}
    for n, (key, size) in enumerate(rest):
        prev = rest[n - 1][0] if n else ""
        name = {"Escape": f"close ({prev})" if prev in OPENERS else "close (e)"}.get(key, key)
        if key == "2" and prev == "B":
            name = "take a choice (B 2)"
        by.setdefault(name, []).append(size)
    opens = [size for key in OPENERS for size in by.get(key, [])]
    closes = [size for name, sizes in by.items() if name.startswith("close (") and name != "close (e)"
              for size in sizes]
    print(f"hedui review seeds/{FIRST} at 80x24, {ROUNDS} rounds of j then each picker then Escape")
    rows = [("picker opening, median (L P B U C)", statistics.median(opens), TARGET),
            ("picker opening, max", max(opens), TARGET),
            ("first picker opening of the run (L)", first_open, None)]
    rows += [(f"  {key} opening, median", statistics.median(by[key]), None) for key in OPENERS]
    rows += [("picker closing (Escape), median", statistics.median(closes), None),
             ("take a choice (B 2: decides, advances), median", statistics.median(by["take a choice (B 2)"]), None),
             ("the whole form (e) opening, median", statistics.median(by["e"]), None),
             ("j in the same run, median", statistics.median(by["j"]), None)]
    for label, value, target in rows:
        verdict = "" if target is None else f"  (target <= {target}: {'met' if value <= target else 'MISSED'})"
        print(f"  {label:<48} {value:>7.0f} B{verdict}")


if __name__ == "__main__":
    main()
