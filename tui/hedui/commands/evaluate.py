"""`hedui eval GOLD_DIR PATH...` (or `hedui eval --sessions DIR PATH...`): the extractor scored
against a reference with the metric of FIGURES.md."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hedui.core.dataset.evaluate import format_summary, load_gold, report_name, score
from hedui.core.model import HeduiError
from hedui.core.printable import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval", help="score the extractor against gold figures or reviewed sessions",
        usage="hedui eval [-h] [--verbose] [--json] [--rules DIR] GOLD_DIR PATH...\n"
              "       hedui eval [-h] [--verbose] [--json] [--rules DIR] --sessions DIR PATH...",
        description="Score the extractor on reports against gold files, or against the verified "
                    "figures of reviewed sessions (precision, recall, F1, bound accuracy, label "
                    "char-F1, period accuracy; per report and overall). Gold files of reports not "
                    "among the PATHs are not scored.")
    p.add_argument("args", nargs="+", metavar="PATH",
                   help="GOLD_DIR (a folder of gold .json files, unless --sessions is given), then "
                        "report files or folders of .txt files")
    p.add_argument("--sessions", type=Path, metavar="DIR",
                   help="use the reviewed sessions in DIR as the reference (verified figures are required)")
    p.add_argument("--verbose", action="store_true", help="list every false positive and false negative")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--rules", type=Path, metavar="DIR", help="rules folder (default: bundled rules)")
    p.set_defaults(run=run)


def _reference(args: argparse.Namespace) -> tuple[dict[str, list[dict]], list[str]]:
    if args.sessions is not None:
        from hedui.core.dataset.reference import verified_reference

        skipped: list[str] = []
        ref = verified_reference(args.sessions, skipped)
        for line in skipped:
            print(f"hedui: {printable(line)}", file=sys.stderr)
        return ref, list(args.args)
    if len(args.args) < 2:
        raise HeduiError("eval: give GOLD_DIR and at least one report PATH (or --sessions DIR PATH...)")
    return load_gold(Path(args.args[0])), list(args.args[1:])


def run(args: argparse.Namespace) -> int:
    from hedui.commands.extract import extract_paths

    gold, paths = _reference(args)
    failed = 0

    def on_error(msg: str) -> None:
        nonlocal failed
        failed += 1
        print(f"hedui: {printable(msg)}", file=sys.stderr)

    preds: dict[str, list[dict]] = {}
    texts: dict[str, str] = {}
    for shown, ex in extract_paths(paths, args.rules, on_error):
        name = report_name(shown)
        preds.setdefault(name, []).extend(f.as_json(shown) for f in ex.figures)
        texts[name] = ex.report.text
    if not texts:  # every PATH failed (each said why): nothing to score
        return 1
    # score only the reports that were given (a gold file without its report is not scored)
    gold = {k: v for k, v in gold.items() if k in texts}
    if not gold:
        where = args.sessions if args.sessions is not None else args.args[0]
        what = "reviewed session" if args.sessions is not None else "gold file"
        print(f"hedui: {where}: no {what} for any of the reports given", file=sys.stderr)
        return 1
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
