"""`hedui export`, `hedui check`, `hedui stats`: the curated dataset from the session files."""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from hedui.core.printable import printable

DEFAULT_SESSIONS = Path("sessions")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the verified figures as CSV or JSON Lines",
                       description="The dataset: one row per verified figure (accepted, corrected, added).")
    _sessions_arg(p)
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="output format (default csv)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--include-flagged", action="store_true", help="also export flagged figures")
    p.add_argument("--include-disputed", action="store_true",
                   help="also export figures the reviewers disagree on (each version, with a 'disputed' column)")
    p.add_argument("--per-reviewer", action="store_true",
                   help="every reviewer's own rows, not one row per figure")
    p.add_argument("--bom", action="store_true", help="start the CSV with a UTF-8 byte-order mark (for Excel)")
    p.set_defaults(run=run_export)

    p = sub.add_parser("check", help="validate every session file",
                       description="Validate session files: syntax, schema, offsets against the reports. "
                                   "One line per problem; exit status 1 if there is any.")
    _sessions_arg(p)
    p.set_defaults(run=run_check)

    p = sub.add_parser("stats", help="progress, rule acceptance and pace from the sessions")
    _sessions_arg(p)
    p.set_defaults(run=run_stats)


def _sessions_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sessions", type=Path, default=DEFAULT_SESSIONS, metavar="DIR",
                   help="sessions folder (default: sessions)")


def _load(args: argparse.Namespace):
    from hedui.core.session.read import load_all

    sessions, bad = load_all(args.sessions)
    for line in bad:
        print(f"hedui: {printable(line)}", file=sys.stderr)
    return sessions, bad


def run_export(args: argparse.Namespace) -> int:
    """The dataset on stdout, or in ``-o FILE`` — all or nothing: with any damaged session
    (or none at all) FILE is neither written nor replaced, so a good export is never
    overwritten with less; it is replaced only through a complete temporary file."""
    from hedui.core.dataset.consensus import Counts, consensus_rows
    from hedui.core.dataset.export import COLUMNS, rows, to_csv, to_jsonl
    from hedui.core.dataset.versions import group
    from hedui.core.session.store import atomic_write

    sessions, bad = _load(args)
    if args.output is not None and (bad or not sessions):
        why = (f"{len(bad)} session file{'s' * (len(bad) != 1)} could not be read" if bad
               else f"no sessions in {args.sessions}")
        print(f"hedui: {args.output}: not written ({why})", file=sys.stderr)
        return 1
    buf = io.StringIO(newline="")
    counts = Counts()
    columns = COLUMNS
    if args.per_reviewer:
        data = rows(sessions, include_flagged=args.include_flagged)
    else:
        data = consensus_rows(group(sessions), counts, include_flagged=args.include_flagged,
                              include_disputed=args.include_disputed)
        if args.include_disputed:
            columns = COLUMNS + ("disputed",)
    if args.format == "csv":
        n = to_csv(data, buf, bom=args.bom, columns=columns)
    else:
        n = to_jsonl(data, buf, columns=columns)
    if counts.disputed or counts.open:
        kept = "included, marked" if args.include_disputed else "left out"
        print(f"hedui: {counts.disputed} disputed figure{'s' * (counts.disputed != 1)} {kept} "
              f"(hedui adjudicate resolves them); {counts.open} not yet decided by every reviewer left out",
              file=sys.stderr)
    if args.output is None:
        sys.stdout.buffer.write(buf.getvalue().encode("utf-8"))
        sys.stdout.flush()
    else:
        atomic_write(args.output, buf.getvalue().encode("utf-8"), backup=False, what="export file")
        print(f"hedui: {n} figures from {len(sessions)} sessions written to {args.output}", file=sys.stderr)
    return 1 if bad else 0


def run_check(args: argparse.Namespace) -> int:
    from hedui.core.dataset.check import check_folder

    count, problems = check_folder(args.sessions)
    for line in problems:
        print(line)
    print(f"hedui: {count} session file{'s' * (count != 1)} checked, "
          f"{len(problems) or 'no'} problem{'s' * (len(problems) != 1)}", file=sys.stderr)
    return 1 if problems else 0


def run_stats(args: argparse.Namespace) -> int:
    from hedui.core.dataset.stats import compute, format_stats

    from hedui.core.dataset.team_stats import format_team, load_assignment

    sessions, bad = _load(args)
    # reviewers' own work; adjudications (copies of agreed figures, and resolutions) are the team part's
    print(format_stats(compute([s for s in sessions if s.doc.role == "review"])))
    assignment, why = load_assignment(args.sessions)
    if why:
        print(f"hedui: {why}", file=sys.stderr)
    team = format_team(sessions, assignment)
    if team:
        print(team)
    return 1 if bad or why else 0
