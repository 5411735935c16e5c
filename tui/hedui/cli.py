"""The `hedui` command: a thin argparse face over the core.

Each subcommand lives in its own module under ``hedui.commands`` with a
``register(subparsers)`` function that sets ``run`` (args -> exit code).
The headless commands never import the Textual app; ``review`` imports it
lazily.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from hedui import __version__
from hedui.core.model import HeduiError

COMMANDS = ("extract", "evaluate", "dataset", "team", "review", "cache")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hedui", description="核对 — review figures extracted from Chinese-language reports."
    )
    parser.add_argument("--version", action="version", version=f"hedui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"hedui.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet
            if exc.name != f"hedui.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except HeduiError as exc:
        print(f"hedui: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
