"""The oracle curator at 80x24 on the dev set (tests/data/dev, 14 reports) and on the unseen4
blind set: keys per gold figure and their split, and whether ``hedui export`` then equals the
gold (issue 10's target on the dev set: <= 2.5 keys per gold figure, the export matching)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from tests.bench.oracle.run import run, summary

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = ("dev", "unseen4")
TARGET = 2.5


def main() -> None:
    for name in SETS:
        reports = sorted((DATA / name / "reports").glob("*.txt"))
        with tempfile.TemporaryDirectory(prefix="hedui-bench-oracle-") as tmp:
            results = run(DATA / name / "gold", reports, Path(tmp))
        print(f"oracle curator, {name} set ({len(reports)} reports) at 80x24")
        print(summary(results))
        keys = sum(r.total for r in results) / max(1, sum(r.required for r in results))
        met = keys <= TARGET and not any(r.problems for r in results)
        print(f"  (target <= {TARGET} keys per gold figure with the export matching: {'met' if met else 'MISSED'})")


if __name__ == "__main__":
    main()
