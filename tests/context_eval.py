"""Evaluate labels and periods on gold figure spans (decoupled from the extractor).

usage: python -m tests.context_eval [--verbose] [seeds|dev]

Loads each report with ``hedui.core.text.report.load_report``, builds its context once, runs
``label_for`` / ``period_for`` on every non-optional gold figure span and prints the mean
label char-F1 (Counter-based, as the reference scorer) and period exact-match accuracy.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from hedui.core.extract.context_making import make_context
from hedui.core.extract.context_rules import ContextRules, load_context_rules
from hedui.core.extract.labels import label_for
from hedui.core.extract.periods import period_for
from hedui.core.text.report import load_report
from hedui.core.text.view import Simplifier, make_view
from hedui.core.dataset.evaluate import char_f1

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "seeds": (ROOT / "tests/data/gold", ROOT / "seeds"),
    "dev": (ROOT / "tests/data/dev/gold", ROOT / "tests/data/dev/reports"),
    "heldout": (ROOT / "tests/data/heldout/gold", ROOT / "tests/data/heldout/reports"),
    **{u: (ROOT / f"tests/data/{u}/gold", ROOT / f"tests/data/{u}/reports") for u in ("unseen", "unseen2", "unseen3", "unseen4")},
}


@dataclass
class Scores:
    n: int = 0
    label_f1: float = 0.0
    period_ok: int = 0

    @property
    def label(self) -> float:
        return self.label_f1 / self.n if self.n else 0.0

    @property
    def period(self) -> float:
        return self.period_ok / self.n if self.n else 0.0


def evaluate(which: str, rules: ContextRules | None = None, verbose: bool = False,
             out=sys.stdout) -> Scores:  # type: ignore[no-untyped-def]
    gold_dir, text_dir = SETS[which]
    rules = rules or load_context_rules(ROOT / "rules")
    simplifier = Simplifier()
    total = Scores()
    for gp in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        report = load_report(text_dir / gold["file"])
        ctx = make_context(report, make_view(report, simplifier), rules)
        sc = Scores()
        for f in gold["figures"]:
            if f.get("optional"):
                continue
            lab = label_for(ctx, f["start"], f["end"])
            per = period_for(ctx, f["start"], f["end"])
            lf = char_f1(lab, f["label"])
            sc.n += 1
            sc.label_f1 += lf
            sc.period_ok += per == f["period"]
            if verbose and (lf < 0.6 or per != f["period"]):
                print(f"  {f['text']:>10} L {lf:.2f} {lab!r:30} gold {f['label']!r}"
                      + ("" if per == f["period"] else f"   P {per!r} gold {f['period']!r}"), file=out)
        if verbose:
            print(f"{gold['file']:40} n={sc.n:3} label={sc.label:.3f} period={sc.period:.3f}", file=out)
        total.n += sc.n
        total.label_f1 += sc.label_f1
        total.period_ok += sc.period_ok
    return total


def main() -> int:
    verbose = "--verbose" in sys.argv
    which = [a for a in sys.argv[1:] if a in SETS] or [w for w in SETS if SETS[w][0].is_dir()]
    for w in which:
        s = evaluate(w, verbose=verbose)
        print(f"{w}: n={s.n} label char-F1={s.label:.3f} period acc={s.period:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
