"""Extraction throughput on 1 MB of report text (the seeds concatenated and repeated), against
cn2an's ``transform`` on the same text, and the peak memory of the extraction. The headline
times ``Extractor.extract`` on a decoded text (view, numbers, exclusions, labels, periods);
a second line times the whole way from the bytes (decoding and artefacts too).

Times are CPU seconds of this process (``time.process_time``), best of ROUNDS, so that other
work on the shared machine colours them less."""
from __future__ import annotations

import resource
import time
import warnings
from pathlib import Path

from hedui.core.text.artefact_rules import load_artefact_rules
from hedui.core.extract.extractor import Extractor
from hedui.core.model import Report
from hedui.core.text.report import decode_report

ROOT = Path(__file__).resolve().parent.parent.parent
SIZE = 1_000_000
ROUNDS = 3


def one_megabyte() -> str:
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (seeds * (SIZE // len(seeds) + 1))[:SIZE]


def _fresh(text: str) -> Report:
    """A report of its own copy of ``text``, so that no round reuses the view an earlier round
    built (the simplifier remembers the last view, keyed by the text object)."""
    return Report(Path("bench.txt"), "".join([text[:1], text[1:]]), "utf-8", "0")


def cn2an_seconds(text: str) -> float:
    import cn2an

    lines = text.splitlines(keepends=True)
    # chunks of lines: cn2an's regexes are not made for one 1 MB string
    chunks, cur, n = [], [], 0
    for line in lines:
        cur.append(line)
        n += len(line)
        if n >= 2000:
            chunks.append("".join(cur))
            cur, n = [], 0
    if cur:
        chunks.append("".join(cur))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cn2an.transform(chunks[0], "cn2an")  # warm-up
        t0 = time.process_time()
        for c in chunks:
            cn2an.transform(c, "cn2an")
        return time.process_time() - t0


def main() -> None:
    text = one_megabyte()
    ex = Extractor()
    # warm-up: loads OpenCC and jieba's dictionary, which a long-running reviewer pays once
    ex.extract(Report(Path("warm.txt"), text[:20_000], "utf-8", "0"))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.process_time()
    res = ex.extract(_fresh(text))
    dt = time.process_time() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(ROUNDS - 1):  # best of ROUNDS: the machine is shared
        report = _fresh(text)
        t0 = time.process_time()
        ex.extract(report)
        dt = min(dt, time.process_time() - t0)
    speed = len(text) / dt
    print(f"extract (best of {ROUNDS}): {len(text):,} chars in {dt:.2f} s = {speed:,.0f} chars/s "
          f"({len(res.figures):,} figures with labels and periods, {len(res.excluded):,} excluded)")
    print(f"extract peak memory (ru_maxrss): {rss1 / 1024:.0f} MB "
          f"(+{(rss1 - rss0) / 1024:.0f} MB for the 1 MB text)")
    dt0 = float("inf")
    for _ in range(ROUNDS):
        report = _fresh(text)
        t0 = time.process_time()
        ex.extract(report, context=False)
        dt0 = min(dt0, time.process_time() - t0)
    print(f"  of which figures without labels and periods: {dt0:.2f} s = {len(text) / dt0:,.0f} chars/s; "
          f"labels and periods: {dt - dt0:.2f} s")
    # the whole way from the file's bytes: decoding and artefacts (report.py), then extraction
    data = text.encode("utf-8")
    artefact_rules = load_artefact_rules()
    dtl = float("inf")
    for _ in range(ROUNDS):
        t0 = time.process_time()
        loaded = decode_report(Path("bench.txt"), data, artefact_rules)
        ex.extract(loaded)
        dtl = min(dtl, time.process_time() - t0)
    print(f"  load + extract (bytes -> decoded text, artefacts, figures): {dtl:.2f} s = "
          f"{len(text) / dtl:,.0f} chars/s ({len(loaded.artefacts):,} artefacts)")
    ct = min(cn2an_seconds(text) for _ in range(ROUNDS))
    cspeed = len(text) / ct
    print(f"cn2an.transform: {len(text):,} chars in {ct:.2f} s = {cspeed:,.0f} chars/s")
    print(f"ratio extract/cn2an, in one process: {speed / cspeed:.2f} (the target, >= 1.0, is the whole process on every core: bench_process)")


if __name__ == "__main__":
    main()
