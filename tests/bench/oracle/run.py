"""The oracle over many reports: each in its own app at 80x24, then one export checked."""
from __future__ import annotations

import asyncio
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hedui.app.app import make_app
from hedui.app.config import Config
from hedui.core.dataset.evaluate import load_gold, report_name
from tests.bench.oracle.driver import KINDS, Keys
from tests.bench.oracle.verify import differences, export
from tests.bench.oracle.walk import curate

REVIEWER = "oracle"
SIZE = (80, 24)


@dataclass
class Result:
    name: str
    required: int = 0
    keys: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    trace: list[str] = field(default_factory=list)  # how each field fix was done

    @property
    def total(self) -> int:
        return sum(self.keys.values())


def _ready(app) -> bool:
    screen = app.review
    return (screen is not None and screen.laid_out and screen.shown_index is not None
            and not screen.provisional and screen.slot.session is not None)


async def curate_report(report: Path, gold: list[dict], sessions: Path, config: Config) -> Result:
    app = make_app([report], sessions, REVIEWER, config=config)
    result = Result(report_name(report))
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await keys.until(lambda: _ready(app), f"{report.name} on screen", timeout=120)
        result.required = await curate(keys, gold)
        result.keys = keys.count
        result.trace = keys.trace
    result.seconds = time.perf_counter() - started
    return result


def run(gold_dir: Path, reports: list[Path], work: Path) -> list[Result]:
    """Curate ``reports`` (copied into ``work``) to the gold of ``gold_dir``; check the export."""
    golds = load_gold(gold_dir)
    copies, sessions = work / "reports", work / "sessions"
    copies.mkdir(parents=True, exist_ok=True)
    config = Config(path=work / "config.toml")  # no keymap: the keys as shipped
    results = []
    for report in reports:
        name = report_name(report)
        if name not in golds:
            raise SystemExit(f"oracle: {report}: no gold file for it in {gold_dir}")
        copy = copies / report.name
        shutil.copyfile(report, copy)
        results.append(asyncio.run(curate_report(copy, golds[name], sessions, config)))
    rows = export(sessions, work / "export.jsonl")
    for r in results:
        r.problems = differences(golds[r.name], rows.get(r.name, []))
    return results


def summary(results: list[Result]) -> str:
    lines = []
    total, required, split = 0, 0, Counter()
    for r in results:
        per = r.total / max(1, r.required)
        state = "export = gold" if not r.problems else f"{len(r.problems)} DIFFERENCES"
        lines.append(f"  {r.name:<40} {r.total:>5} keys / {r.required:>3} figures = {per:5.2f}  {state}")
        total, required = total + r.total, required + r.required
        split.update(r.keys)
    parts = ", ".join(f"{k} {split[k]}" for k in KINDS)
    lines.append(f"keys per gold figure: {total / max(1, required):.2f} ({total} keys, {required} required "
                 f"figures, {len(results)} reports; {parts})")
    bad = [(r.name, p) for r in results for p in r.problems]
    lines.append("export equals the gold on every required figure" if not bad
                 else f"export DIFFERS from the gold: {len(bad)} problems")
    lines.extend(f"  {name}: {p}" for name, p in bad[:40])
    return "\n".join(lines)
