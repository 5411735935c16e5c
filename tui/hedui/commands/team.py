"""`hedui assign`, `hedui agree`, `hedui sync`: a corpus reviewed by a team."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_SESSIONS = Path("sessions")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("assign", help="split reports between reviewers, with a share reviewed twice",
                       description="Write (or add to) the sessions folder's assignment.toml: each report to "
                                   "one reviewer, a random OVERLAP share to two, balanced by figure count. "
                                   "Reports already assigned never move.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders of .txt reports")
    p.add_argument("--reviewers", required=True, metavar="A,B,...", help="comma-separated reviewer names")
    p.add_argument("--overlap", type=float, default=0.0, metavar="SHARE",
                   help="share of the reports given to two reviewers, 0 to 1 (default 0)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    p.add_argument("--sessions", type=Path, default=DEFAULT_SESSIONS, metavar="DIR")
    p.add_argument("--rules", type=Path, default=None, metavar="DIR", help="rules folder (for figure counts)")
    p.set_defaults(run=run_assign)

    p = sub.add_parser("agree", help="agreement between reviewers (Cohen's κ, span F1, per field)",
                       description="Agreement over every report two or more reviewers decided: per pair of "
                                   "reviewers, overall, and per report (worst first).")
    p.add_argument("--sessions", type=Path, default=DEFAULT_SESSIONS, metavar="DIR")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--worst", type=int, default=20, metavar="N", help="reports listed (default 20)")
    p.set_defaults(run=run_agree)

    p = sub.add_parser("adjudicate", help="resolve the figures reviewers disagree on",
                       description="Walk the figures whose reviewers' versions differ (decision or any field), "
                                   "their versions side by side; 1, 2, ... take one, e edits it. Figures all "
                                   "reviewers decided alike are taken as agreed. The result is a session of its "
                                   "own (<report>.<NAME>+adjudication.toml), which hedui export prefers.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="report files or folders of .txt reports")
    p.add_argument("--sessions", type=Path, default=DEFAULT_SESSIONS, metavar="DIR")
    p.add_argument("--reviewer", default=None, metavar="NAME", help="the adjudicator (default: $HEDUI_REVIEWER "
                   "or the login name)")
    p.add_argument("--rules", type=Path, default=None, metavar="DIR",
                   help="rule folder whose artefact rules dim page furniture (nothing is extracted)")
    p.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    p.set_defaults(run=run_adjudicate)

    p = sub.add_parser("sync", help="commit your session files, pull --rebase, push (git)",
                       description="Share the sessions folder through its git repository: commit this "
                                   "reviewer's changed session files, pull with rebase, push. Stops with one "
                                   "line, changing nothing, on a conflict or with no remote.")
    p.add_argument("--sessions", type=Path, default=DEFAULT_SESSIONS, metavar="DIR")
    p.add_argument("--reviewer", default=None, metavar="NAME", help="whose files to commit (default: $USER)")
    p.set_defaults(run=run_sync)


def _err(msg: str) -> int:
    print(f"hedui: {msg}", file=sys.stderr)
    return 1


def run_assign(args: argparse.Namespace) -> int:
    from hedui.commands.extract import extract_paths
    from hedui.core.dataset.assignment import assign, assignment_path, assignment_toml, read_assignment
    from hedui.core.session.paths import stored_report_path
    from hedui.core.session.store import atomic_write

    reviewers = [r.strip() for r in args.reviewers.split(",") if r.strip()]
    existing = read_assignment(args.sessions) if args.sessions.exists() else None
    errors: list[str] = []
    reports = [(stored_report_path(Path(p), args.sessions), len(ex.figures))
               for p, ex in extract_paths(args.paths, args.rules, errors.append)]
    for line in errors:
        print(f"hedui: {line}", file=sys.stderr)
    if errors:
        return _err(f"{assignment_path(args.sessions)}: not written ({len(errors)} report(s) could not be read)")
    try:
        result, added = assign(reports, reviewers, args.overlap, args.seed, existing)
    except ValueError as exc:
        return _err(f"assign: {exc}")
    args.sessions.mkdir(parents=True, exist_ok=True)
    atomic_write(assignment_path(args.sessions), assignment_toml(result).encode("utf-8"), backup=False,
                 what="assignment file")
    load = result.load()
    who = ", ".join(f"{r} {len(result.of(r))} reports/{load.get(r, 0)} figures" for r in result.reviewers)
    twice = sum(len(a.reviewers) > 1 for a in result.reports)
    print(f"hedui: {added} report(s) added, {len(result.reports)} assigned ({twice} to two reviewers): {who}",
          file=sys.stderr)
    return 0


def run_agree(args: argparse.Namespace) -> int:
    from hedui.core.dataset.agreement import agreement
    from hedui.core.dataset.agreement_report import agreement_json, format_agreement
    from hedui.core.dataset.versions import group
    from hedui.core.session.read import load_all

    sessions, bad = load_all(args.sessions, log=False)
    for line in bad:
        print(f"hedui: {line}", file=sys.stderr)
    result = agreement(group(sessions))
    if args.json:
        print(json.dumps(agreement_json(result), ensure_ascii=False, indent=1))
    else:
        print(format_agreement(result, worst=args.worst))
    return 1 if bad else 0


def run_adjudicate(args: argparse.Namespace) -> int:
    from hedui.commands.review import default_reviewer
    from hedui.core.model import HeduiError
    from hedui.core.text.artefact_rules import load_artefact_rules

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise HeduiError(f"{missing[0]}: no such file or folder")
    if not args.sessions.is_dir():
        raise HeduiError(f"{args.sessions}: sessions folder not found")
    if args.rules is not None and not args.rules.is_dir():
        raise HeduiError(f"{args.rules}: not a rule folder")
    load_artefact_rules(args.rules)  # a bad rule file stops here, with its file and line
    from hedui.app.adjudication import make_adjudication_app  # textual only now
    from hedui.app.config import check_keymap, load_config

    config = load_config()
    check_keymap(config)
    app = make_adjudication_app(list(args.paths), args.sessions, args.reviewer or default_reviewer(),
                                rules_dir=args.rules, config=config)
    try:
        app.run(mouse=not args.no_mouse)
    finally:
        app.close_sessions()
    for error in app.close_errors:
        print(f"hedui: {error}", file=sys.stderr)
    return 1 if app.close_errors else (app.return_code or 0)


def run_sync(args: argparse.Namespace) -> int:
    from hedui.commands.review import default_reviewer
    from hedui.core.dataset.sync import SyncError, sync

    try:
        for line in sync(args.sessions, args.reviewer or default_reviewer()):
            print(f"hedui: {line}", file=sys.stderr)
    except SyncError as exc:
        return _err(str(exc))
    return 0
