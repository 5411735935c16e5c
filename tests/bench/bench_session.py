"""Session speed: time to record one decision in a 10,000-figure session (target: median
under 5 ms, journal fsync included) and to open it (new, and resumed with its decision log)."""
from __future__ import annotations

import hashlib
import statistics
import tempfile
import time
from pathlib import Path

from hedui.core.model import Extraction, Fields, Figure, Report
from hedui.core.session.session import Session

FIGURES = 10_000
DECISIONS = 1_000
PARAGRAPH = "近五年共举办职业技能大赛{a}场次，覆盖{b}个工种，评选出{c}名技术能手，共计{d}万元。"


def big_extraction(folder: Path) -> Extraction:
    parts, figures, pos = [], [], 0
    for i in range(FIGURES // 4):
        para = PARAGRAPH.format(a=i % 97 + 1, b=i % 89 + 10, c=i % 83 + 100, d=i + 1000) + "\n"
        for num, unit, cat in ((str(i % 97 + 1), "场次", "count"), (str(i % 89 + 10), "个", "count"),
                               (str(i % 83 + 100), "名", "count"), (str(i + 1000), "万元", "money")):
            at = para.index(num + unit)
            value = int(num) * (10_000 if unit == "万元" else 1)
            figures.append(Figure(pos + at, pos + at + len(num + unit), num + unit,
                                  Fields(value, unit=unit[-1] if unit == "万元" else unit, category=cat,
                                         label="职业技能大赛", period="近五年"), "bench.rule"))
        parts.append(para)
        pos += len(para)
    text = "".join(parts)
    path = folder / "big-report.txt"
    data = text.encode("utf-8")
    path.write_bytes(data)
    report = Report(path=path, text=text, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest())
    return Extraction(report=report, figures=tuple(figures), rules_digest="bench")


def edit_report(ex: Extraction) -> Extraction:
    lead = "【编者按】本文有修订。\n"
    text = lead + ex.report.text
    data = text.encode("utf-8")
    ex.report.path.write_bytes(data)
    report = Report(path=ex.report.path, text=text, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest())
    figures = tuple(Figure(f.start + len(lead), f.end + len(lead), f.text, f.fields, f.rule) for f in ex.figures)
    return Extraction(report=report, figures=figures, rules_digest=ex.rules_digest)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ex = big_extraction(folder)
        t = time.perf_counter()
        s = Session.open(ex, folder / "sessions", "bench")
        t_create = time.perf_counter() - t
        times = []
        ids = [e.id for e in s.entries]
        for i in range(DECISIONS):
            eid = ids[(i * 7919) % len(ids)]
            t = time.perf_counter()
            if i % 10 == 9:
                s.undo()
            elif i % 3 == 0:
                s.correct(eid, Fields(i, unit="人", label="改正"))
            else:
                s.accept(eid)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        s.close()
        t_close = time.perf_counter() - t
        size = s.path.stat().st_size
        t = time.perf_counter()
        s = Session.open(ex, folder / "sessions", "bench")
        t_open = time.perf_counter() - t
        decided = s.progress()[0]
        s.close()
        # the report edited (a line inserted at the top) and re-extracted: every decision re-anchored
        edited = edit_report(ex)
        t = time.perf_counter()
        s = Session.open(edited, folder / "sessions", "bench")
        t_reanchor = time.perf_counter() - t
        kept = s.progress()[0]
        s.close()
        times.sort()
        print(f"session of {len(ids)} figures, {DECISIONS} decisions (background TOML rewrite on)")
        print(f"record one decision: median {ms(statistics.median(times))}, "
              f"p95 {ms(times[int(len(times) * 0.95)])}, max {ms(times[-1])}  (target: median < 5 ms)")
        print(f"create new session: {ms(t_create)}")
        print(f"open (resume) session: {ms(t_open)}  (file {size / 1e6:.1f} MB with its decision log)")
        print(f"close (final rewrite): {ms(t_close)}")
        print(f"open after a report edit (re-anchor {decided} decisions, merge {FIGURES} figures): "
              f"{ms(t_reanchor)}; {kept} decisions kept")


if __name__ == "__main__":
    main()
