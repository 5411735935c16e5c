"""What the oracle means to do with one report: the gold decides, nothing else.

Proposed figures are paired with gold figures by the FIGURES.md matching (overlap, same value
and unit: ``evaluate.same_figure``); a proposed figure that overlaps a gold figure it does not
match is corrected into it (cheaper than rejecting it and adding the gold one); the rest are
rejected (or accepted when they are an optional gold figure).  Gold figures left over are
promoted when the extractor saw their number and excluded it, else added.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hedui.app.widgets.status import format_value
from hedui.core.dataset.evaluate import char_f1, norm_unit, same_figure, same_value

#: a label is right when its character-F1 with the gold label is at least this (the export check)
LABEL_F1 = 0.9


@dataclass
class Task:
    """One thing to do at ``start``: ``kind`` is accept, reject, fix (a proposed figure),
    promote (an excluded number) or add (a span nobody proposed)."""

    kind: str
    start: int
    end: int
    gold: dict | None = None
    entry_id: str | None = None
    excluded: Any = None  # the excluded Figure to promote


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    required: int = 0


def overlaps(a: Any, b: dict) -> bool:
    return a.start < b["end"] and b["start"] < a.end


def overlaps_dicts(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def as_pred(entry: Any) -> dict:
    f = entry.fields
    return {"start": entry.start, "end": entry.end, "value": f.value, "unit": f.unit}


def make_plan(entries: list[Any], excluded: list[Any], gold: list[dict]) -> Plan:
    """The tasks for a report whose proposed figures are ``entries`` (sorted by start)."""
    required = [g for g in gold if not g.get("optional")]
    taken: set[int] = set()
    paired: dict[str, int] = {}
    for e in entries:  # as the scorer pairs them: in order, first untaken gold that matches
        hit = next((i for i, g in enumerate(gold) if i not in taken and same_figure(as_pred(e), g)), None)
        if hit is not None:
            taken.add(hit)
            paired[e.id] = hit
    for e in entries:  # wrong value or unit, but on a gold figure: corrected into it
        if e.id in paired:
            continue
        hit = next((i for i, g in enumerate(gold) if i not in taken and not g.get("optional")
                    and overlaps(e, g)), None)
        if hit is not None:
            taken.add(hit)
            paired[e.id] = hit
    plan = Plan(required=len(required))
    for e in entries:
        i = paired.get(e.id)
        if i is None:
            plan.tasks.append(Task("reject", e.start, e.end, entry_id=e.id))
            continue
        g = gold[i]
        if g.get("optional"):
            plan.tasks.append(Task("accept", e.start, e.end, g, e.id))
            continue
        kind = "accept" if not changes(e.fields, g) else "fix"
        plan.tasks.append(Task(kind, e.start, e.end, g, e.id))
    promoted: set[int] = set()
    for i, g in enumerate(gold):
        if i in taken or g.get("optional"):
            continue
        x = next((k for k, f in enumerate(excluded) if k not in promoted and overlaps(f, g)), None)
        if x is not None:
            promoted.add(x)
            plan.tasks.append(Task("promote", g["start"], g["end"], g, excluded=excluded[x]))
        else:
            plan.tasks.append(Task("add", g["start"], g["end"], g))
    plan.tasks.sort(key=lambda t: (t.start, t.end))
    return plan


def changes(fields: Any, g: dict) -> dict[str, str]:
    """The form fields (as typed) that must change for ``fields`` to equal the gold figure
    ``g`` in what the export check compares (value, unit, bound, label, period); value_max
    and bound go together (the form wants value_max exactly when the bound is a range)."""
    out: dict[str, str] = {}
    if not same_value(fields.value, g["value"]):
        out["value"] = format_value(g["value"])
    gmax = g.get("value_max") if g.get("bound") == "range" else None
    if (gmax is None) != (fields.value_max is None) or (gmax is not None and not same_value(fields.value_max, gmax)):
        out["value_max"] = format_value(gmax)
    gu = norm_unit(g.get("unit"))
    if gu and norm_unit(fields.unit) != gu:
        out["unit"] = g.get("unit") or ""
    if (g.get("bound") or "=") != fields.bound:
        out["bound"] = g.get("bound") or "="
    if char_f1(fields.label, g.get("label") or "") < LABEL_F1:
        out["label"] = g.get("label") or ""
    if (g.get("period") or "") != (fields.period or ""):
        out["period"] = g.get("period") or ""
    return out
