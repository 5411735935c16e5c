"""The export against the gold: every required figure there (value, unit), with its bound,
its period and a label of character-F1 >= 0.9, and nothing exported that is not in the gold."""
from __future__ import annotations

import contextlib
import io
import json
from collections import defaultdict
from pathlib import Path

from hedui.cli import main as hedui
from hedui.core.dataset.evaluate import char_f1, matches, report_name
from tests.bench.oracle.plan import LABEL_F1, overlaps_dicts


def export(sessions: Path, out: Path) -> dict[str, list[dict]]:
    """``hedui export --format jsonl`` of ``sessions``, rows by report name."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        rc = hedui(["export", "--sessions", str(sessions), "--format", "jsonl", "-o", str(out)])
    if rc != 0:
        raise AssertionError(f"hedui export failed: {err.getvalue().strip()}")
    rows: dict[str, list[dict]] = defaultdict(list)
    for line in out.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[report_name(row["file"])].append(row)
    return rows


def differences(gold: list[dict], rows: list[dict]) -> list[str]:
    """What keeps ``rows`` (one report's export) from equalling ``gold``, one line each."""
    problems = []
    taken: dict[int, dict] = {}
    for row, hit in matches(gold, rows):
        if hit is not None:
            taken[hit] = row
        elif not any(g.get("optional") and overlaps_dicts(row, g) for g in gold):
            problems.append(f"exported, not in the gold: {row['text']} {row['value']} {row['unit']}")
    for i, g in enumerate(gold):
        if g.get("optional"):
            continue
        row = taken.get(i)
        what = f"{g['text']}@{g['start']}"
        if row is None:
            problems.append(f"missing: {what} {g['value']} {g.get('unit', '')}")
            continue
        if (row["bound"] or "=") != (g.get("bound") or "="):
            problems.append(f"bound of {what}: {row['bound']} (gold {g.get('bound')})")
        if char_f1(row["label"], g.get("label") or "") < LABEL_F1:
            problems.append(f"label of {what}: {row['label']} (gold {g.get('label')})")
        if (row["period"] or "") != (g.get("period") or ""):
            problems.append(f"period of {what}: {row['period']!r} (gold {g.get('period')!r})")
    return problems
