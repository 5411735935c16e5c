"""Build tests/data/heldout/gold/<name>.json from drafts/<name>.tsv.

Each draft row is, in the order the surfaces occur in the report:
  F <text> <value> <value_max> <unit> <bound> <category> <label> <period>   required figure
  O ... (same columns)                                                        optional figure
  X <text> <reason>                                                           excluded number
<text> may be written "context<<surface": the surface is searched right after the
context, so that a figure can be placed after an earlier identical surface.
Offsets are found by searching forward from the end of the previous row.
Usage: python tests/data/heldout/tools/build_gold.py NAME...
(another set of the same layout: GOLD_SET=tests/data/unseen python ... NAME...)
"""
from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(os.environ.get("GOLD_SET") or Path(__file__).resolve().parent.parent).resolve()


def number(s: str) -> int | float:
    d = Decimal(s)
    return int(d) if d == d.to_integral_value() else float(d)


def read_report(name: str) -> str:
    raw = (HERE / "reports" / f"{name}.txt").read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # the Big5 pages
        return raw.decode("big5")


def build(name: str) -> dict:
    text = read_report(name)
    figures, excluded = [], []
    cursor = 0
    for lineno, line in enumerate((HERE / "drafts" / f"{name}.tsv").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        kind, surface = cols[0], cols[1]
        ctx = ""
        if "<<" in surface:
            ctx, surface = surface.split("<<", 1)
        pos = text.find(ctx + surface, cursor)
        if pos < 0:
            raise SystemExit(f"{name}.tsv:{lineno}: {ctx + surface!r} not found after offset {cursor}")
        start = pos + len(ctx)
        end = start + len(surface)
        cursor = end
        if kind == "X":
            excluded.append({"text": surface, "reason": cols[2], "start": start, "end": end})
            continue
        if len(cols) != 9 or kind not in "FO":
            raise SystemExit(f"{name}.tsv:{lineno}: expected 9 columns, got {len(cols)}")
        _, _, value, value_max, unit, bound, category, label, period = cols
        fig = {"text": surface, "value": number(value)}
        if value_max:
            fig["value_max"] = number(value_max)
        fig.update(unit=unit, bound=bound, category=category, label=label, period=period,
                   optional=kind == "O", start=start, end=end)
        figures.append(fig)
    return {"file": f"{name}.txt", "figures": figures, "excluded": excluded}


def main(names: list[str]) -> None:
    for name in names:
        gold = build(name)
        out = HERE / "gold" / f"{name}.json"
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{out.name}: {len(gold['figures'])} figures, {len(gold['excluded'])} excluded")


if __name__ == "__main__":
    main(sys.argv[1:])
