"""The oracle curator on the dev set (tests/data/dev, 14 reports) at 80x24: keys per gold
figure and their split, and whether ``hedui export`` then equals the gold (issue 10's target:
<= 2.5 keys per gold figure, the export matching)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from tests.bench.oracle.run import run, summary

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"
TARGET = 2.5


def main() -> None:
    reports = sorted((DEV / "reports").glob("*.txt"))
    with tempfile.TemporaryDirectory(prefix="hedui-bench-oracle-") as tmp:
        results = run(DEV / "gold", reports, Path(tmp))
    print(f"oracle curator, dev set ({len(reports)} reports) at 80x24")
    print(summary(results))
    keys = sum(r.total for r in results) / max(1, sum(r.required for r in results))
    met = keys <= TARGET and not any(r.problems for r in results)
    print(f"  (target <= {TARGET} keys per gold figure with the export matching: {'met' if met else 'MISSED'})")


if __name__ == "__main__":
    main()
