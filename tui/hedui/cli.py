"""The `hedui` command: a thin argparse face over the core.

Each subcommand lives in its own module under ``hedui.commands`` with a
``register(subparsers)`` function that sets ``run`` (args -> exit code).
The headless commands never import the Textual app; ``review`` imports it
lazily.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from hedui import __version__
from hedui.core.model import HeduiError
from hedui.core.printable import PrintableStream, printable

#: each command's name and the module (``hedui.commands.X``) that registers it
COMMAND_MODULES = {"extract": "extract", "eval": "evaluate", "export": "dataset", "check": "dataset",
                   "stats": "dataset", "assign": "team", "agree": "team", "adjudicate": "team",
                   "sync": "team", "review": "review", "cache": "cache"}
COMMANDS = tuple(dict.fromkeys(COMMAND_MODULES.values()))


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; given the arguments (``argv``) that name one, of that one
    alone (a command's module imports what it needs: ``hedui extract`` pays for no other's)."""
    parser = argparse.ArgumentParser(
        prog="hedui", description="核对 — review figures extracted from Chinese-language reports."
    )
    parser.add_argument("--version", action="version", version=f"hedui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = COMMAND_MODULES.get(argv[0]) if argv else None
    for name in (named,) if named else COMMANDS:
        try:
            module = importlib.import_module(f"hedui.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name != f"hedui.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def _guard_terminals() -> None:
    """What goes to a terminal is shown with control characters visible (core/printable.py);
    what goes to a file or a pipe is written as it is."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if not isinstance(stream, PrintableStream) and getattr(stream, "isatty", lambda: False)():
            setattr(sys, name, PrintableStream(stream))


def main(argv: list[str] | None = None) -> int:
    """Run the command of ``argv`` (default: the process's arguments); its exit code."""
    return _run(argv)[0]


def script() -> None:
    """The ``hedui`` console script: ``main()``, then the exit. A command that says it may
    (``args.ends_at_once``: ``hedui extract`` when nothing else runs in the process) ends without
    the interpreter's teardown once its output is flushed: after a long report that teardown
    frees the words met, the rules and the dictionary object by object (~0.1 s of CPU), memory
    the system takes back at once."""
    code, args = _run(None)
    if getattr(args, "ends_at_once", False):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            sys.exit(code)  # the streams want the usual way out
        os._exit(code)
    sys.exit(code)


def _run(argv: list[str] | None) -> tuple[int, argparse.Namespace | None]:
    _guard_terminals()
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2, None
    try:
        return int(args.run(args) or 0), args
    except HeduiError as exc:
        print(f"hedui: {printable(str(exc))}", file=sys.stderr)  # one line, whatever a name holds
        return 1, None
    except KeyboardInterrupt:
        return 130, None
    except BrokenPipeError:
        return 0, None
