"""Scaling of the whole way from a report's bytes to its figures (decoding, artefacts, the
simplified view, numbers, exclusions, labels and periods) on texts of 1k, 10k, 100k and 1M
characters of four shapes: digits in a row, 一万 repeated, random Chinese numeral characters
and ordinary report text (the seeds repeated). Every stage is meant to be linear in the text,
so the time per character printed for each shape should stay flat as the size grows.

Each case runs in its own process with a time limit (a case over it prints "over N s"), CPU
seconds of that process (``time.process_time``)."""
from __future__ import annotations

import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SIZES = (1_000, 10_000, 100_000, 1_000_000)
LIMIT_S = 1800.0


#: the characters of simplified Chinese numerals (digits, scales, the point, inner qualifiers)
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"


def shape(name: str, size: int) -> str:
    if name == "digits":
        return ("1234567890" * (size // 10 + 1))[:size]
    if name == "yiwan":
        return ("一万" * (size // 2 + 1))[:size]
    if name == "numerals":
        rnd = random.Random(11)
        return "".join(rnd.choice(NUMERAL_CHARS) for _ in range(size))
    if name == "report":
        seeds = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
        return (seeds * (size // len(seeds) + 1))[:size]
    raise ValueError(name)


SHAPES = ("digits", "yiwan", "numerals", "report")


def _run(name: str, size: int, out) -> None:
    from hedui.core.extract.extractor import Extractor
    from hedui.core.model import Report
    from hedui.core.text.artefact_rules import load_artefact_rules
    from hedui.core.text.report import decode_report

    ex = Extractor()
    rules = load_artefact_rules()
    ex.extract(Report(Path("warm.txt"), shape("report", 5_000), "utf-8", "0"))  # loads jieba, opencc
    data = shape(name, size).encode("utf-8")
    t0 = time.process_time()
    report = decode_report(Path("bench.txt"), data, rules)
    res = ex.extract(report)
    out.put((time.process_time() - t0, len(res.figures), len(res.excluded)))


def measure(name: str, size: int, limit: float = LIMIT_S) -> tuple[float, int, int] | str:
    """(CPU seconds, figures, excluded), or why not: over ``limit`` seconds of wall time, or an
    error (the child's traceback is on stderr)."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_run, args=(name, size, q))
    p.start()
    p.join(limit)
    if p.is_alive():
        p.kill()
        p.join()
        return f"over {limit:.0f} s"
    return q.get() if p.exitcode == 0 and not q.empty() else "error"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    shapes = [a for a in args if a in SHAPES] or list(SHAPES)
    sizes = [int(a) for a in args if a.isdigit()] or list(SIZES)
    print(f"{'shape':<9} " + " ".join(f"{s:>13,}" for s in sizes) + "   (µs per character)")
    for name in shapes:
        cells = []
        for size in sizes:
            r = measure(name, size)
            cells.append(f"{r:>13}" if isinstance(r, str) else f"{r[0] / size * 1e6:>13.2f}")
            print(f"\r{name:<9} " + " ".join(cells), end="", flush=True)
        print()


if __name__ == "__main__":
    main()
