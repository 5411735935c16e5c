"""A corpus of 10,000 reports (issue 12), each figure beside its baseline from the same run.

The corpus is generated in a temporary folder: the seeds and dev reports copied under other
names, each with a different last line (no digits: the figures stay the same) so that every
report has bytes of its own and a cold cache is really cold.  The baseline is the code this
branch started from (``git merge-base HEAD main``, or ``$HEDUI_BENCH_BASE``), unpacked with
``git archive`` next to the corpus and run with the same interpreter.

Printed: `hedui review` under Pilot at 80x24 (first figure, ``]``, ``g`` and its filter, files
in the sessions folder before any decision, peak RSS of the app and of its extraction child),
cold and warm cache, 1,000 and 10,000 reports; `hedui extract` throughput with --jobs 1 and 2;
reopening with a warm cache; `stats` and `export` over 500 sessions.  ``HEDUI_BENCH_CORPUS``
sets the corpus size (default 10000), ``HEDUI_BENCH_EXTRACT`` the reports timed for --jobs
(default 1000).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
N = int(os.environ.get("HEDUI_BENCH_CORPUS", "10000"))
SMALL = max(1, N // 10)
EXTRACT_N = int(os.environ.get("HEDUI_BENCH_EXTRACT", "1000"))
SESSIONS = 500
PROBE_SECONDS = 12


def letters(i: int) -> str:
    s = ""
    while True:
        s = chr(97 + i % 26) + s
        i //= 26
        if i == 0:
            return s


def make_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    seeds = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "tests/data/dev/reports").glob("*.txt"))
    datas = [(p.stem, p.read_bytes()) for p in seeds]
    for i in range(n):
        stem, data = datas[i % len(datas)]
        (folder / f"r{i:05d}-{stem}.txt").write_bytes(data + f"\n(copy {letters(i)})\n".encode())


def subset(src: Path, dst: Path, n: int) -> Path:
    dst.mkdir()
    for p in sorted(src.iterdir())[:n]:
        os.link(p, dst / p.name)
    return dst


def baseline(tmp: Path) -> Path | None:
    """The baseline's source root (its ``tui``), or None without git."""
    ref = os.environ.get("HEDUI_BENCH_BASE")
    try:
        if not ref:
            ref = subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=REPO, capture_output=True,
                                 text=True, check=True).stdout.strip()
        base = tmp / "base"
        base.mkdir()
        archive = subprocess.run(["git", "archive", ref, "tui", "rules"], cwd=REPO, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    print(f"baseline: {ref[:10]}")
    return base / "tui"


def env_for(code: Path) -> dict:
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(code), str(REPO)]), HEDUI_CONFIG="/nonexistent/hedui.toml")


def probe(code: Path, corpus: Path, sessions: Path, cache: Path, seconds: float = PROBE_SECONDS) -> dict:
    out = subprocess.run([sys.executable, "-m", "tests.bench.corpus_probe", str(corpus), str(sessions), str(cache),
                          str(seconds)], cwd=REPO, env=env_for(code), capture_output=True, text=True, timeout=600)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}


def timed(code: Path, *args: str, out: Path | None = None) -> float:
    t = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        subprocess.run([sys.executable, "-m", "hedui", *args], cwd=REPO, env=env_for(code), stdout=sink,
                       stderr=subprocess.DEVNULL, timeout=3600)
    return time.perf_counter() - t


def make_sessions(corpus: Path, sessions: Path, cache: Path) -> None:
    """500 sessions of one reviewer: a few decisions each (this branch's session API; the format
    is the baseline's too)."""
    from hedui.core.corpus.cached import CachedExtractor, open_cache
    from hedui.core.session.session import Session

    corpus_x = CachedExtractor(None, open_cache(cache, None))
    for path in sorted(corpus.iterdir())[:SESSIONS]:
        s = Session.open(corpus_x.extract_path(path), sessions, "bench", batch=10**6, idle=3600)
        ids = [e.id for e in s.entries]
        for eid in ids[:3]:
            s.accept(eid)
        if len(ids) > 3:
            s.flag(ids[3], "ambiguous", "bench")
        s.close()


def row(what: str, this, base, target: str = "") -> None:
    def fmt(v):
        return "n/a" if v is None else (f"{v:,.3f}" if isinstance(v, float) else str(v))
    print(f"  {what:<52} {fmt(this):>14} {fmt(base):>14}   {target}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hedui-bench-corpus-") as name:
        tmp = Path(name)
        t = time.perf_counter()
        big = tmp / "corpus"
        make_corpus(big, N)
        small = subset(big, tmp / "corpus-small", SMALL)
        part = subset(big, tmp / "corpus-extract", min(EXTRACT_N, N))
        print(f"corpus: {N:,} reports ({sum(p.stat().st_size for p in big.iterdir()) / 1e6:.0f} MB), "
              f"made in {time.perf_counter() - t:.1f} s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        this = REPO / "tui"
        base = baseline(tmp)
        res: dict = {}
        for label, corpus in (("small", small), ("big", big)):
            res[f"this-{label}"] = probe(this, corpus, tmp / f"s-this-{label}", tmp / f"cache-cold-{label}")
            res[f"base-{label}"] = probe(base, corpus, tmp / f"s-base-{label}", tmp / "unused") if base else {}
        warm = tmp / "cache-warm"
        fill = timed(this, "extract", str(big), "--jobs", "2", "--cache", str(warm))
        res["this-warm"] = probe(this, big, tmp / "s-this-warm", warm, 8)
        j1 = timed(this, "extract", str(part), "--jobs", "1", "--no-cache")
        j2 = timed(this, "extract", str(part), "--jobs", "2", "--no-cache")
        jb = timed(base, "extract", str(part)) if base else None
        warm_extract = timed(this, "extract", str(part), "--cache", str(warm))
        sessions = tmp / "sessions-500"
        make_sessions(big, sessions, warm)
        stats = timed(this, "stats", "--sessions", str(sessions))
        stats_b = timed(base, "stats", "--sessions", str(sessions)) if base else None
        export = timed(this, "export", "--sessions", str(sessions), "-o", str(tmp / "x.csv"))
        export_b = timed(base, "export", "--sessions", str(sessions), "-o", str(tmp / "xb.csv")) if base else None

        def g(key, field):
            return res.get(key, {}).get(field)
        print(f"  {'':<52} {'this branch':>14} {'baseline':>14}   target")
        for label, count in (("big", N), ("small", SMALL)):
            row(f"review {count:,}: first figure, cold cache (s)", g(f"this-{label}", "first_figure_s"),
                g(f"base-{label}", "first_figure_s"), "<= 1.5 s" if label == "big" else "")
        row(f"review {N:,}: first figure, warm cache (s)", g("this-warm", "first_figure_s"), None, "<= 1.0 s")
        row(f"review {N:,}: reports extracted reopening, warm cache", g("this-warm", "background_extracted"), None, "0")
        for label, count in (("small", SMALL), ("big", N)):
            row(f"review {count:,}: peak RSS of the app, {PROBE_SECONDS} s (MB)", g(f"this-{label}", "rss_mb"),
                g(f"base-{label}", "rss_mb"), "<= 250, flat")
            row(f"review {count:,}: peak RSS of its extraction child (MB)", g(f"this-{label}", "children_rss_mb"),
                g(f"base-{label}", "children_rss_mb"))
            row(f"review {count:,}: files in sessions/ before a decision", g(f"this-{label}", "session_files"),
                g(f"base-{label}", "session_files"), "0")
            row(f"review {count:,}: reports counted/prepared in {PROBE_SECONDS} s", g(f"this-{label}", "counted"),
                g(f"base-{label}", "counted"))
        row(f"review {N:,}: ] next report, median ms (cold)", (g("this-big", "next_report_ms") or [None])[0],
            (g("base-big", "next_report_ms") or [None])[0], "<= 100 ms")
        row(f"review {N:,}: ] next report, p95 ms (cold)", (g("this-big", "next_report_ms") or [None, None])[1],
            (g("base-big", "next_report_ms") or [None, None])[1])
        row(f"review {N:,}: ] next report, median ms (warm)", (g("this-warm", "next_report_ms") or [None])[0], None,
            "<= 100 ms")
        row(f"review {N:,}: g opens (ms)", g("this-big", "g_open_ms"), None, "<= 200 ms")
        row(f"review {N:,}: g filter, slowest keystroke (ms)", g("this-big", "g_filter_ms"), None)
        row(f"extract {min(EXTRACT_N, N):,} --jobs 1, no cache (s)", j1, jb, "")
        row(f"extract {min(EXTRACT_N, N):,} --jobs 2, no cache (s)", j2, None, "")
        row("extract --jobs 2 speed-up over --jobs 1", j1 / j2 if j2 else None, None, ">= 1.8x")
        row(f"extract {min(EXTRACT_N, N):,}, warm cache (s)", warm_extract, jb, "")
        row(f"extract {N:,} --jobs 2 into a cold cache (s)", fill, None, "")
        row(f"stats over {N:,} reports, {SESSIONS} sessions (s)", stats, stats_b, "<= 3 s")
        row(f"export over {N:,} reports, {SESSIONS} sessions (s)", export, export_b, "<= 3 s")
        for key, value in res.items():
            if "error" in value:
                print(f"  {key}: failed: {value['error']}")


if __name__ == "__main__":
    main()
