"""Throughput of the numeral engine (``find_numbers``) on 1 MB of real report text."""
from __future__ import annotations

import pathlib
import time

from hedui.core.numbers.finder import find_numbers

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGET_CHARS = 1_000_000


def corpus() -> str:
    """The seeds and dev reports (simplified where traditional), repeated to 1 M characters."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/data/dev/reports").glob("*.txt"))
    base = "\n".join(t2s.convert(p.read_text(encoding="utf-8-sig", errors="replace")) for p in paths)
    reps = TARGET_CHARS // len(base) + 1
    return (base * reps)[:TARGET_CHARS]


def main() -> None:
    text = corpus()
    find_numbers(text[:10_000])  # warm up
    best = float("inf")
    count = 0
    for _ in range(3):
        t0 = time.perf_counter()
        count = len(find_numbers(text))
        best = min(best, time.perf_counter() - t0)
    print(f"find_numbers: {len(text):,} chars, {count:,} numbers, {best:.3f} s, {len(text) / best:,.0f} chars/s")
    t0 = time.perf_counter()
    count = len(find_numbers(text, bare_scales=True))
    took = time.perf_counter() - t0
    print(f"find_numbers(bare_scales=True): {count:,} numbers, {took:.3f} s, {len(text) / took:,.0f} chars/s")


if __name__ == "__main__":
    main()
