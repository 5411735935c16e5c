"""`hedui review PATH...`: the keyboard-only reviewer (the Textual app is imported lazily)."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from hedui.core.model import HeduiError
from hedui.core.printable import printable


def default_reviewer() -> str:
    try:
        return os.environ.get("HEDUI_REVIEWER") or getpass.getuser()
    except Exception:  # no user name in this environment
        return "reviewer"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "review",
        help="review extracted figures in a terminal app",
        description="Review the figures of reports (files, or folders of .txt) with the keyboard.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--sessions", type=Path, default=Path("sessions"), metavar="DIR",
                   help="folder of session files (default: sessions/)")
    p.add_argument("--reviewer", default=None, metavar="NAME",
                   help="who is reviewing (default: $HEDUI_REVIEWER or the login name)")
    p.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    p.add_argument("--rules", type=Path, default=None, metavar="DIR", help="rule folder to extract with")
    from hedui.commands.extract import cache_args

    cache_args(p)
    p.add_argument("--all", action="store_true",
                   help="every report, not only those the sessions folder's assignment.toml gives the reviewer")
    p.set_defaults(run=run)


def check_rules(rules_dir: Path | None) -> None:
    """Read and check every rule file the extraction will use, as ``hedui extract`` does, so
    that a bad one stops here with one line (``rules/units.toml:12: …``) instead of turning
    every report into an error row. ~50 ms; the compiled patterns stay in ``re``'s cache, which
    the forked extractor inherits."""
    from hedui.core.text.artefact_rules import load_artefact_rules
    from hedui.core.rules import load_rules
    from hedui.core.extract.viewing import Viewer

    load_rules(rules_dir)
    Viewer(rules_dir)  # the label and period rules, with the Viewer's fall-back to the bundled ones
    load_artefact_rules(rules_dir)  # reports are read with the rules folder's artefact rules


def run(args: argparse.Namespace) -> int:
    from hedui.app.config import load_config
    from hedui.app.extraction_process import start_extraction
    from hedui.app.workspace import expand_paths, resume_index
    from hedui.core.corpus.cache import cache_root

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise HeduiError(f"{missing[0]}: no such file or folder")
    for p in args.paths:
        if p.is_dir() and not any(q.is_file() for q in p.glob("*.txt")):
            raise HeduiError(f"{p}: no .txt reports")
    if args.rules is not None and not args.rules.is_dir():
        raise HeduiError(f"{args.rules}: not a rule folder")
    check_rules(args.rules)
    config = load_config()
    try:
        args.sessions.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise HeduiError(f"{args.sessions}: cannot create sessions folder ({exc.strerror or exc})") from None
    reviewer = args.reviewer or default_reviewer()
    files = expand_paths(list(args.paths))
    if not args.all:  # a team's folder: only this reviewer's reports
        from hedui.core.dataset.assignment import assigned_to

        files, note = assigned_to(files, args.sessions, reviewer)
        if note:
            print(f"hedui: {note}", file=sys.stderr)
    cache = None if args.no_cache else cache_root(args.cache)
    # fork the corpus server before Textual is imported: the cache is read, and jieba and
    # opencc load, on the other core while the app starts; no thread exists yet to fork
    extraction = start_extraction(files, resume_index(files, args.sessions, reviewer), args.sessions,
                                  reviewer, args.rules, cache)
    try:
        from hedui.app.app import make_app  # deferred: headless commands never load textual
        from hedui.app.config import check_keymap

        check_keymap(config)  # binding ids and clashes: needs the screens, so after the fork
    except BaseException:
        if extraction is not None:
            extraction.close()
        raise
    app = make_app(list(args.paths), args.sessions, reviewer, rules_dir=args.rules,
                   config=config, extraction=extraction, cache_root=cache, files=files)
    from hedui.core.dataset.assignment import owners_of

    app.owners = owners_of(files, args.sessions)  # the report list (g) says whose is whose
    try:
        app.run(mouse=not args.no_mouse)
    finally:
        app.close_sessions()
        if extraction is not None:
            extraction.close()
    for error in app.close_errors:  # decisions are safe in the journals; say what went wrong
        print(f"hedui: {printable(error)}", file=sys.stderr)
    return 1 if app.close_errors else (app.return_code or 0)
