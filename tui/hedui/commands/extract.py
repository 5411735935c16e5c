"""`hedui extract PATH...`: figures as JSON Lines (or a table) on stdout."""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Iterator

from hedui.core.corpus.extraction import json_encoder
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
    p.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                   help="extract on N processes (default: the number of cores)")
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS",
                   help="extract on an existing Dask cluster (pip install 'hedui[cluster]')")
    cache_args(p)
    p.set_defaults(run=run)


def cache_args(p: argparse.ArgumentParser) -> None:
    """``--cache DIR`` and ``--no-cache`` (shared by extract and review)."""
    p.add_argument("--cache", type=Path, default=None, metavar="DIR",
                   help="extraction cache folder (default: $HEDUI_CACHE or the user cache folder)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the extraction cache")


def open_cache_of(args: argparse.Namespace):
    """The extraction cache the options ask for; its warning (one line), if any, on stderr."""
    from hedui.core.corpus.cache import cache_root
    from hedui.core.corpus.cached import open_cache

    cache = open_cache(None if args.no_cache else cache_root(args.cache), args.rules)
    if cache.warning:
        print(f"hedui: warning: {cache.warning}", file=sys.stderr)
    return cache


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return n


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
    from hedui.core.rules import load_rules

    failed = 0
    if args.rules is not None:
        load_rules(args.rules)  # a bad rule file: one line, before any report
    errors: list[str] = []
    paths = list(report_paths(args.paths, errors.append))
    for msg in errors:
        print(f"hedui: {printable(msg)}", file=sys.stderr)
    failed += len(errors)
    out = sys.stdout
    as_json = json_encoder()
    as_text = args.format == "jsonl" and not args.dask  # the records come as their JSON Lines
    with _progress(len(paths)) as advance:
        for path, records, error in _results(args, paths, advance, as_text):
            if error is not None:
                failed += 1
                print(f"hedui: {printable(error)}", file=sys.stderr)
                continue
            if as_text:  # their JSON Lines already
                out.writelines(records)
                continue
            if args.format == "table":
                figures = sum(1 for r in records if not r.get("excluded"))
                out.write(f"# {path}: {figures} figures, {len(records) - figures} excluded\n")
                if not args.excluded:
                    records = [r for r in records if not r.get("excluded")]
            for rec in records:
                out.write((_table_row(rec) if args.format == "table" else as_json(rec)) + "\n")
    out.flush()
    args.ends_at_once = not args.dask  # nothing else runs here (a cluster's client may): cli.script
    return 1 if failed else 0


def _results(args: argparse.Namespace, paths: list[Path], advance, as_text: bool = False):
    """(path, records, error) per report in input order: on the cluster, or here through the cache."""
    if args.dask:
        from hedui.core.corpus.cluster import connect, extract_on_cluster

        client = connect(args.dask)
        try:
            yield from extract_on_cluster(client, paths, args.rules, _with_excluded(args), on_done=advance)
        finally:
            client.close()
        return
    from hedui.core.corpus.parallel import default_jobs, extract_files

    cache = open_cache_of(args)
    said = cache.warning
    try:
        yield from extract_files(paths, args.rules, cache, args.jobs or default_jobs(), _with_excluded(args), advance,
                                 as_text=as_text)
    finally:
        if cache.warning and not said:  # a failure on the way (a full disk): said once
            print(f"hedui: warning: {cache.warning}", file=sys.stderr)
        if cache.remade:
            print(f"hedui: warning: {cache.remade} damaged cache entr{'y was' if cache.remade == 1 else 'ies were'}"
                  " made again", file=sys.stderr)
        cache.close()


def _with_excluded(args: argparse.Namespace) -> bool:
    """Whether the records need the excluded numbers (asked for, or counted by the table)."""
    return args.excluded or args.format == "table"


class _progress:
    """A rich progress bar on stderr while it is a terminal (nothing otherwise); ``advance()``."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if not sys.stderr.isatty() or self.total < 2:
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("extracting", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
