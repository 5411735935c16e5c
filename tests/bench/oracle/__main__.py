"""``python -m tests.bench.oracle GOLD_DIR REPORT...``: exit status 1 when the export differs."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from hedui.app.workspace import expand_paths
from hedui.core.model import HeduiError
from tests.bench.oracle.run import run, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.oracle", description=__doc__)
    parser.add_argument("gold", type=Path, metavar="GOLD_DIR")
    parser.add_argument("reports", type=Path, nargs="+", metavar="REPORT")
    parser.add_argument("--trace", type=Path, metavar="FILE",
                        help="write how each field fix was done (the keys), one line each")
    args = parser.parse_args(argv)
    missing = [p for p in args.reports if not p.exists()]
    if missing:
        print(f"oracle: {missing[0]}: no such file or folder", file=sys.stderr)
        return 2
    reports = expand_paths(args.reports)
    try:
        with tempfile.TemporaryDirectory(prefix="hedui-oracle-") as tmp:
            results = run(args.gold, reports, Path(tmp))
    except HeduiError as exc:
        print(f"oracle: {exc}", file=sys.stderr)
        return 2
    print(summary(results))
    if args.trace is not None:
        args.trace.write_text("".join(f"{r.name}: {line}\n" for r in results for line in r.trace),
                              encoding="utf-8")
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
