"""`hedui eval GOLD_DIR PATH...`: the extractor scored against gold files (FIGURES.md metric)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hedui.core.evaluate import format_summary, load_gold, report_name, score


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score the extractor against gold figures",
                       description="Score the extractor on reports against gold files "
                                   "(precision, recall, F1, bound accuracy, label char-F1, period accuracy).")
    p.add_argument("gold", type=Path, metavar="GOLD_DIR", help="folder of gold .json files")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="report files or folders of .txt files (gold files of other reports are not scored)")
    p.add_argument("--verbose", action="store_true", help="list every false positive and false negative")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--rules", type=Path, metavar="DIR", help="rules folder (default: bundled rules)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hedui.commands.extract import extract_paths

    gold = load_gold(args.gold)
    failed = 0

    def on_error(msg: str) -> None:
        nonlocal failed
        failed += 1
        print(f"hedui: {msg}", file=sys.stderr)

    preds: dict[str, list[dict]] = {}
    texts: dict[str, str] = {}
    for shown, ex in extract_paths(args.paths, args.rules, on_error):
        name = report_name(shown)
        preds.setdefault(name, []).extend(f.as_json(shown) for f in ex.figures)
        texts[name] = ex.report.text
    # score only the reports that were given (a gold file without its report is not scored)
    gold = {k: v for k, v in gold.items() if k in preds or k in texts}
    res = score(gold, preds)
    if args.json:
        print(json.dumps(res.as_dict(), ensure_ascii=False))
        return 1 if failed else 0
    for name, c in res.per_file.items():
        print(f"{name:24s} tp={c.tp:4d} fp={c.fp:4d} fn={c.fn:4d}")
    if args.verbose:
        for d in res.details:
            text = texts.get(d.name, "")
            ctx = text[max(0, d.start - 12):d.start + len(d.text) + 12].replace("\n", " ")
            print(f"   {d.name} {d.kind} {d.start} {d.text} {d.value} {d.unit} {d.note}  | {ctx}")
    print(format_summary(res))
    return 1 if failed else 0
