"""The report pane on a 1 MB report: wrap time, open time, render_line cost, far jumps.

Prints figures only (speed targets live here, never in timed tests).  "1 MB"
is measured both ways: 1,000,000 bytes of UTF-8 (about 370,000 characters of
Chinese) and 1,000,000 characters (about 2.7 MB).
"""
from __future__ import annotations

import asyncio
import json
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from textual.app import App, ComposeResult

from hedui.app.widgets.report_marks import Mark
from hedui.app.widgets.report_view import ReportView
from hedui.app.widgets.wrap import wrap_lines

ROOT = pathlib.Path(__file__).resolve().parents[2]
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:户|人|元|个|%|家|项|次|名|吨|亩)")


def corpus(chars: int) -> str:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/data/dev/reports").glob("*.txt"))
    base = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    return (base * (chars // len(base) + 1))[:chars]


def megabyte() -> str:
    """The corpus cut to 1,000,000 bytes of UTF-8."""
    text = corpus(1_000_000)
    return text.encode("utf-8")[:1_000_000].decode("utf-8", errors="ignore")


def best_ms(n: int, fn) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


class TimedView(ReportView):
    """Records when its first line is rendered (the first paint)."""

    first_paint: float | None = None

    def render_line(self, y: int):
        if TimedView.first_paint is None:
            TimedView.first_paint = time.perf_counter()
        return super().render_line(y)


class Host(App):
    def __init__(self, text: str, marks: list[Mark]) -> None:
        super().__init__()
        self.text, self.marks = text, marks

    def compose(self) -> ComposeResult:
        yield TimedView(self.text, self.marks)


async def pane_figures(label: str, text: str) -> None:
    marks = [Mark(m.start(), m.end(), "pending", i) for i, m in enumerate(NUMBER.finditer(text))]
    TimedView.first_paint = None
    t0 = time.perf_counter()
    app = Host(text, marks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        t_done = time.perf_counter() - t0
        t_paint = (TimedView.first_paint or t0) - t0
        view = app.query_one(ReportView)
        height = view.scrollable_content_region.height
        # uncached render_line cost, per line, over many screens
        samples = []
        for top in range(0, min(view.line_count, 40 * height), height):
            view.scroll_to(y=top, animate=False)
            view._invalidate_all()
            t1 = time.perf_counter()
            for y in range(height):
                view.render_line(y)
            samples.append((time.perf_counter() - t1) / height)
        t1 = time.perf_counter()
        for y in range(height):
            view.render_line(y)
        cached = (time.perf_counter() - t1) / height
        # far jumps between figures (set_current + scroll + repaint)
        jumps = []
        for key in range(0, len(marks), max(1, len(marks) // 50)):
            t1 = time.perf_counter()
            view.set_current(key)
            for y in range(height):
                view.render_line(y)
            jumps.append(time.perf_counter() - t1)
        print(
            f"{label}: {len(text):,} chars, {len(marks):,} marks, {view.line_count:,} lines at 79 cells; "
            f"first paint {t_paint * 1000:.0f} ms after the app starts (headless), "
            f"all wrapped and idle {t_done * 1000:.0f} ms"
        )
        print(
            f"{label}: render_line uncached median {statistics.median(samples) * 1e6:.0f} us/line "
            f"(max {max(samples) * 1e6:.0f}), cached {cached * 1e6:.1f} us/line; "
            f"far set_current + repaint of a screen median {statistics.median(jumps) * 1000:.2f} ms"
        )


TTYMETER = ROOT.parent / "shared" / "tools" / "ttymeter"


def terminal_bytes(label: str, text: str) -> None:
    """Bytes written to a real 80x24 terminal (tmux) by the widget alone, per key."""
    if not TTYMETER.exists() or shutil.which("tmux") is None:
        print(f"{label}: terminal bytes not measured (needs tmux and {TTYMETER})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        report = pathlib.Path(tmp) / "report.txt"
        report.write_text(text, encoding="utf-8")
        out = pathlib.Path(tmp) / "out.json"
        command = f"cd {ROOT} && {sys.executable} -m tests.bench.report_view_demo {report}"
        run = subprocess.run(
            [str(TTYMETER), "--size", "80x24", "--ready", r"[\u4e00-\u9fff]{4}", "--regex", "--keys", "j*30 a*20 k*10 Space*5",
             "--settle-ms", "60", "-q", "--json", str(out), "--", command],
            check=False, capture_output=True, text=True, timeout=300,
        )
        if not out.exists():
            tail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            print(f"{label}: ttymeter gave no result ({tail[0][:200]})")
            return
        summary = json.loads(out.read_text())["summary"]
    keys = ", ".join(
        f"{key} median {k['bytes_median']:.0f} B (p95 {k['bytes_p95']:.0f})"
        for key, k in summary.get("by_key", {}).items()
    )
    print(
        f"{label}: terminal (tmux 80x24, widget alone): ready {summary['ready_ms']:.0f} ms, "
        f"start-up {summary['startup_bytes']:,} B; bytes per key: {keys}"
    )


def main() -> None:
    for label, text in (("1 MB (bytes)", megabyte()), ("1 M chars", corpus(1_000_000))):
        for width in (79, 39):
            ms = best_ms(3, lambda: wrap_lines(text, width))
            print(f"{label}: wrap_lines at {width} cells: {ms:.0f} ms ({len(wrap_lines(text, width)):,} lines)")
        asyncio.run(pane_figures(label, text))
    terminal_bytes("1 MB (bytes)", megabyte())


if __name__ == "__main__":
    main()
