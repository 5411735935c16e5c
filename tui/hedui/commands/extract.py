"""`hedui extract PATH...`: figures as JSON Lines (or a table) on stdout."""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Iterator

from hedui.core.model import Extraction, ReportError
from hedui.core.printable import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract figures from reports (JSON Lines on stdout)",
                       description="Extract figures from report files or folders of .txt files.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files, or folders of .txt files")
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl", help="output format")
    p.add_argument("--excluded", action="store_true",
                   help="also print the numbers that were not proposed, with the excluding rule")
    p.add_argument("--rules", type=Path, metavar="DIR", help="rules folder (default: bundled rules)")
    p.set_defaults(run=run)


def report_paths(paths: list[str], on_error=None) -> Iterator[Path]:
    """Files as given; folders expanded to their .txt files in name order. A folder without
    any is ``on_error("folder: no .txt reports")``."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix == ".txt" and q.is_file())
            if not found and on_error is not None:
                on_error(f"{raw}: no .txt reports")
            yield from found
        else:
            yield p


def extract_paths(paths: list[str], rules: Path | None, on_error) -> Iterator[tuple[str, Extraction]]:
    """(path as shown, extraction) per readable report; ``on_error(message)`` for the others
    (and for a folder with no reports)."""
    from hedui.core.extract.extractor import Extractor
    from hedui.core.text.artefact_rules import load_artefact_rules
    from hedui.core.text.report import load_report

    # once; its simplifier is shared with the extractor (a --rules folder without an artefact
    # file reads the reports with the bundled artefact rules)
    has_artefacts = rules is not None and (Path(rules) / "artefacts.toml").is_file()
    artefact_rules = load_artefact_rules(rules if has_artefacts else None)
    extractor = Extractor(rules, artefact_rules.simplifier)
    for path in report_paths(paths, on_error):
        try:
            report = load_report(path, artefact_rules=artefact_rules)
        except ReportError as exc:
            on_error(str(exc))
            continue
        except OSError as exc:
            on_error(f"{path}: cannot read ({exc.strerror or exc})")
            continue
        yield str(path), extractor.extract(report)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cell(s: str, w: int) -> str:
    out, used = "", 0
    for c in s:
        cw = _width(c)
        if used + cw > w:
            break
        out += c
        used += cw
    return out + " " * (w - used)


def _table_row(rec: dict) -> str:
    value = str(rec["value"]) + (f"~{rec['value_max']}" if rec["value_max"] is not None else "")
    cols = [(str(rec["start"]), 6), (rec["text"], 18), (value, 14), (rec["unit"], 8), (rec["bound"], 5),
            (rec["category"], 8), (rec["label"], 20), (rec["period"], 10)]
    mark = "x " if rec.get("excluded") else "  "
    return mark + " ".join(_cell(t, w) for t, w in cols) + " " + rec["rule"]


def run(args: argparse.Namespace) -> int:
    failed = 0

    def on_error(msg: str) -> None:
        nonlocal failed
        failed += 1
        print(f"hedui: {printable(msg)}", file=sys.stderr)

    out = sys.stdout
    for shown, ex in extract_paths(args.paths, args.rules, on_error):
        figs = list(ex.figures)
        if args.excluded:
            figs = sorted(figs + list(ex.excluded), key=lambda f: (f.start, f.end))
        if args.format == "table":
            out.write(f"# {shown}: {len(ex.figures)} figures, {len(ex.excluded)} excluded\n")
        for f in figs:
            rec = f.as_json(shown)
            if args.format == "table":
                out.write(_table_row(rec) + "\n")
            else:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failed else 0

