"""Team speed: `hedui agree`, the one-dataset export and the opening of `hedui adjudicate` over
2 reviewers × 500 reports (targets: agree ≤ 5 s, adjudicate's first dispute on screen ≤ 1.5 s),
the sessions made from two real sessions of a seed report."""
from __future__ import annotations

import os
import random
import resource
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
        for i in range(REPORTS):  # r0000 again: bo's changes in it too, so it has disputes
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


def timed(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the process, its output) of one ``hedui`` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "hedui", *args], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, (res.stdout + res.stderr)


#: run in a fresh process: ``hedui adjudicate reports/`` headless, until the first dispute is shown
OPEN = """
import time; t0 = time.perf_counter()
import asyncio, sys
from pathlib import Path
from hedui.app.adjudication import make_adjudication_app
from hedui.app.config import Config
app = make_adjudication_app([Path("reports")], Path("sessions"), "lead", config=Config())
async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        while app.review is None or app.review.dispute() is None:
            await asyncio.sleep(0.005)
        shown = time.perf_counter() - t0
        print(f"{shown:.3f} {len(app.review.slot.session.disputes)} {len(app.slots)}")
        app.exit()
asyncio.run(main())
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        make_corpus(folder)
        print(f"corpus: {REPORTS} reports × 2 reviewers made in {time.perf_counter() - t:.1f} s")
        load = os.getloadavg()[0]
        print(f"load average {load:.1f} on {os.cpu_count()} cores: wall time is CPU time stretched by the "
              "other processes; the CPU figure is the one an idle machine would show as wall time")
        from hedui.core.session.read import load_all

        for log, what in ((True, "whole files (as agree read them before: the baseline)"),
                          (False, "figures and the last log record (agree now)")):
            t, c = time.perf_counter(), time.process_time()
            good, _ = load_all(folder / "sessions", log=log)
            print(f"reading the {len(good)} sessions, {what}: {time.perf_counter() - t:.2f} s wall, "
                  f"{time.process_time() - c:.2f} s CPU")
        took, cpu, out = timed(["agree", "--sessions", "sessions"], folder)
        overall = next((line for line in out.splitlines() if line.startswith("overall")), out[:200])
        print(f"hedui agree (whole process): {took:.2f} s wall, {cpu:.2f} s CPU  (target ≤ 5 s)")
        print(f"  {overall.strip()}")
        took, cpu, out = timed(["export", "--sessions", "sessions", "-o", "out.csv"], folder)
        print(f"hedui export, one row per figure (whole process): {took:.2f} s wall, {cpu:.2f} s CPU; "
              f"{out.strip().splitlines()[-1]}")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        res = subprocess.run([sys.executable, "-c", OPEN], cwd=folder, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            shown, disputes, reports = res.stdout.split()
        except ValueError:
            print(f"hedui adjudicate: did not open ({(res.stdout + res.stderr).strip()[-300:]})")
            return
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(f"hedui adjudicate on {reports} reports: first of {disputes} disputes on screen "
              f"{float(shown):.2f} s after the process started (target ≤ 1.5 s); the run's CPU {cpu:.2f} s")


if __name__ == "__main__":
    main()
