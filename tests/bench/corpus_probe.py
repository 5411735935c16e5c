"""One `hedui review` of a corpus under Pilot, measured (run by bench_corpus in its own process,
with the code under test first on PYTHONPATH: this branch's or the baseline's).

    python -m tests.bench.corpus_probe CORPUS SESSIONS CACHE SECONDS

Prints one JSON line: first_figure_s (from the start of this process to the first figure on
screen), next_report_ms (median and p95 of ``]`` until the next report's figures are shown),
g_open_ms and g_filter_ms (the report list; None where the code has none), session_files (files
in the sessions folder before any decision, the open report's lock left out), and the peak RSS
of this process and of its children in MB, after SECONDS of the background pass.
"""
from __future__ import annotations

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402


def _rss_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def start(corpus: Path, sessions: Path, cache: Path):
    """As `hedui review` does it, for either version of the code."""
    from hedui.app.extraction_process import start_extraction

    sessions.mkdir(parents=True, exist_ok=True)
    params = inspect.signature(start_extraction).parameters
    if "first" in params:  # this branch: the corpus server, with the cache
        from hedui.app.workspace import expand_paths, resume_index

        files = expand_paths([corpus])
        server = start_extraction(files, resume_index(files, sessions, "bench"), sessions, "bench", None, cache)
        from hedui.app.app import make_app
        from hedui.app.config import load_config

        return make_app([corpus], sessions, "bench", config=load_config(None), extraction=server,
                        cache_root=cache, files=files)
    server = start_extraction([corpus], sessions, "bench")
    from hedui.app.app import make_app
    from hedui.app.config import load_config

    return make_app([corpus], sessions, "bench", config=load_config(None), extraction=server)


async def _until(pilot, test, timeout: float = 60.0) -> float:
    t = time.perf_counter()
    while not test():
        if time.perf_counter() - t > timeout:
            raise TimeoutError
        await pilot.pause(0.002)
    return time.perf_counter() - t


def _shown(app, index=None) -> bool:
    review = app.review
    return (review is not None and review.is_attached and review.shown_index is not None
            and (index is None or review.shown_index == index) and review.table.row_count > 0)


async def probe(corpus: Path, sessions: Path, cache: Path, seconds: float) -> dict:
    app = start(corpus, sessions, cache)
    out: dict = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: _shown(app))
        out["first_figure_s"] = round(time.perf_counter() - T0, 3)
        times = []
        for _ in range(15):
            target = (app.review.index + 1) % len(app.slots)
            t = time.perf_counter()
            await pilot.press("right_square_bracket")
            await _until(pilot, lambda: _shown(app, target))
            times.append((time.perf_counter() - t) * 1000)
            await pilot.pause(0.05)  # a reviewer glances at it
        out["next_report_ms"] = [round(statistics.median(times), 1), round(sorted(times)[int(len(times) * 0.95) - 1], 1)]
        out["g_open_ms"] = out["g_filter_ms"] = None
        if "reports" in {b.action for b in type(app.review).BINDINGS}:
            from hedui.app.screens.report_list import ReportListScreen

            t = time.perf_counter()
            await pilot.press("g")
            await _until(pilot, lambda: isinstance(app.screen, ReportListScreen) and app.screen.view.rows)
            await pilot.pause(0)
            out["g_open_ms"] = round((time.perf_counter() - t) * 1000, 1)
            lat = []
            for key in "wuw":
                before = len(app.screen.view.rows)
                t = time.perf_counter()
                await pilot.press(key)
                await _until(pilot, lambda: len(app.screen.view.rows) != before or app.screen.query_one("Input").value.endswith(key))
                lat.append((time.perf_counter() - t) * 1000)
            out["g_filter_ms"] = round(max(lat), 1)
            out["g_rows_after_wuw"] = len(app.screen.view.rows)
            await pilot.press("escape")
        deadline = T0 + seconds
        while time.perf_counter() < deadline:
            await pilot.pause(0.2)
        names = [p.name for p in sessions.iterdir() if not p.name.endswith(".lock")]
        out["session_files"] = len([n for n in names if n != ".gitignore"])
        out["locks"] = len([p for p in sessions.iterdir() if p.name.endswith(".lock")])
        totals = getattr(app, "totals", None)
        out["counted"] = totals.counted if totals is not None else sum(1 for s in app.slots if s.ready or s.error)
        out["background_extracted"] = getattr(app, "background_extracted", None)
        out["rss_mb"] = _rss_mb(resource.RUSAGE_SELF)
    out["children_rss_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)
    return out


def main() -> None:
    corpus, sessions, cache, seconds = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4])
    os.environ.setdefault("HEDUI_CONFIG", str(sessions.parent / "no-config.toml"))
    print(json.dumps(asyncio.run(probe(corpus, sessions, cache, seconds))), flush=True)


if __name__ == "__main__":
    main()
