"""Figures from a report (PLACEHOLDER with the final API; the real extractor replaces the body)."""
from __future__ import annotations

import re
from pathlib import Path

from hedui.core.model import Extraction, Fields, Figure, Report
from hedui.core.rules import default_rules_dir, rules_digest

_NUM = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:元|人|户|个|家|%|名|场|次)")


class Extractor:
    """Loads the rules once; ``extract`` is thread-safe and pure."""

    def __init__(self, rules_dir: Path | None = None) -> None:
        self.rules_dir = Path(rules_dir) if rules_dir else default_rules_dir()
        self.digest = rules_digest(self.rules_dir)

    def extract(self, report: Report) -> Extraction:
        figs = []
        for m in _NUM.finditer(report.text):
            figs.append(self._figure(report, m.start(), m.end()))
        return Extraction(report=report, figures=tuple(f for f in figs if f), rules_digest=self.digest)

    def parse_span(self, report: Report, start: int, end: int) -> Figure | None:
        """Fields prefilled from a reviewer's selection [start, end), or None if no number in it."""
        return self._figure(report, start, end)

    def _figure(self, report: Report, start: int, end: int) -> Figure | None:
        s = report.text[start:end]
        m = re.match(r"(\d+(?:\.\d+)?)(万|亿)?(.*)", s)
        if not m:
            return None
        v = float(m.group(1)) * {"万": 10_000, "亿": 100_000_000}.get(m.group(2) or "", 1)
        v = int(v) if v == int(v) else v
        unit = m.group(3)
        cat = "percent" if unit == "%" else "money" if unit == "元" else "count"
        return Figure(start, end, s, Fields(value=v, unit=unit, category=cat), rule="placeholder")
