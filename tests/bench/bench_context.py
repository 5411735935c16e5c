"""Labels and periods on 1 MB of report text (the seeds repeated): context build, jieba load, per figure."""
from __future__ import annotations

import pathlib
import time

from hedui.core.extract.context_making import make_context
from hedui.core.extract.context_rules import load_context_rules
from hedui.core.extract.labels import label_for
from hedui.core.model import Report
from hedui.core.extract.periods import period_for
from hedui.core.text.report import load_report
from hedui.core.text.view import make_view

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent


def main() -> None:
    texts = [load_report(p).text for p in sorted((ROOT / "seeds").glob("*.txt"))]
    big = "\n".join(texts)
    big = (big * (1_000_000 // len(big) + 1))[:1_000_000]
    report = Report(path=pathlib.Path("bench.txt"), text=big, encoding="utf-8", sha256="")
    view = make_view(report)
    t0 = time.perf_counter()
    rules = load_context_rules(ROOT / "rules")
    ctx = make_context(report, view, rules)
    ctx.phrases()
    spans = ctx.quantities()
    t1 = time.perf_counter()
    ctx.words("预热")
    t2 = time.perf_counter()
    for s, e in spans:
        os_, oe = view.to_original(s, e)
        label_for(ctx, os_, oe)
        period_for(ctx, os_, oe)
    t3 = time.perf_counter()
    n = max(1, len(spans))
    print(f"context (rules, sentences, time phrases, numbers) on 1 MB: {t1 - t0:.3f} s")
    print(f"jieba load: {t2 - t1:.3f} s")
    print(f"label+period for {len(spans)} numbers: {t3 - t2:.3f} s ({(t3 - t2) / n * 1e6:.0f} us each)")


if __name__ == "__main__":
    main()
