"""`hedui cache info|clear`: the extraction cache (``hedui.core.corpus.cache``)."""
from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cache", help="show or empty the extraction cache",
                       description="The extraction cache: what it holds (info) or empty it (clear).")
    p.add_argument("action", choices=("info", "clear"))
    p.add_argument("--cache", type=Path, default=None, metavar="DIR",
                   help="cache folder (default: $HEDUI_CACHE or the user cache folder)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from hedui.core.corpus.cache import cache_root, clear, extractor_key, info
    from hedui.core.model import HeduiError
    from hedui.core.rules import default_rules_dir, rules_digest

    root = cache_root(args.cache)
    if args.action == "clear":
        try:
            freed = clear(root)
        except OSError as exc:
            raise HeduiError(f"{root}: cannot clear the cache ({exc.strerror or exc})") from None
        print(f"{root}: cache cleared ({freed:,} bytes freed)")
        return 0
    try:
        held = info(root)
    except (sqlite3.Error, OSError) as exc:
        raise HeduiError(f"{root}: cannot read the cache ({exc}); `hedui cache clear` empties it") from None
    current = extractor_key(rules_digest(default_rules_dir()))
    print(f"cache: {held['path']} ({held['bytes']:,} bytes)")
    print(f"reports known: {held['files']}")
    if not held["entries"]:
        print("entries: none")
    for key, n in sorted(held["entries"].items()):
        mark = "  (this hedui, bundled rules)" if key == current else ""
        print(f"entries {key}: {n}{mark}")
    return 0
