"""Team speed: `hedui agree` and the one-dataset export over 2 reviewers × 500 reports
(target: agree ≤ 5 s), the sessions made from two real sessions of a seed report."""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from hedui.core.extract.extractor import Extractor
from hedui.core.session.file_format import dump_session, read_session
from hedui.core.session.session import Session
from hedui.core.text.report import load_report

REPORTS = 500
ROOT = Path(__file__).resolve().parents[2]


def make_corpus(folder: Path) -> Path:
    seed = ROOT / "seeds" / "zhuzhou-2020.txt"
    sessions = folder / "sessions"
    reports = folder / "reports"
    reports.mkdir()
    first = reports / "r0000.txt"
    shutil.copy(seed, first)
    ex = Extractor().extract(load_report(first))
    for who in ("ana", "bo"):
        s = Session.open(ex, sessions, who)
        for e in s.entries:
            s.accept(e.id)
        s.close()
    rng = random.Random(1)
    for who in ("ana", "bo"):
        doc = read_session(sessions / f"r0000.{who}.toml")
        for i in range(1, REPORTS):
            name = f"r{i:04}.txt"
            shutil.copy(seed, reports / name)
            entries = []
            for e in doc.entries:
                if who == "bo" and rng.random() < 0.08:
                    e = replace(e, status=rng.choice(["rejected", "flagged", "corrected"]),
                                fields=replace(e.fields, label=e.fields.label[:2]))
                entries.append(e)
            copy = replace(doc, report_path=f"reports/{name}", entries=entries)
            (sessions / f"r{i:04}.{who}.toml").write_text(dump_session(copy), encoding="utf-8")
    return sessions


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "hedui", *args], cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t, (res.stdout + res.stderr)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        make_corpus(folder)
        print(f"corpus: {REPORTS} reports × 2 reviewers made in {time.perf_counter() - t:.1f} s")
        took, out = timed(["agree", "--sessions", "sessions"], folder)
        overall = next((line for line in out.splitlines() if line.startswith("overall")), out[:200])
        print(f"hedui agree (whole process): {took:.2f} s  (target ≤ 5 s)")
        print(f"  {overall.strip()}")
        took, out = timed(["export", "--sessions", "sessions", "-o", "out.csv"], folder)
        print(f"hedui export, one row per figure (whole process): {took:.2f} s; {out.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
