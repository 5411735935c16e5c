"""A table column given one fix at once (``V``): worth it when two or more other figures of the
column need exactly that value and none that is right already would be changed."""
from __future__ import annotations

from typing import Any, Callable

from hedui.core.extract.table_mates import table_mates
from tests.bench.oracle.driver import Keys

#: other figures of the column that must need the value before V is worth its keys
LEAST = 2


def column_of(screen: Any, entry: Any) -> list[Any]:
    entries = screen._ordered
    spans = [(e.start, e.end) for e in entries]
    text = screen._extraction.report.text
    return [entries[i] for i in table_mates(text, spans, (entry.start, entry.end), "column")]


def worth_filling(screen: Any, entry: Any, field: str, value: str, gold_of: dict[str, dict],
                  changes: Callable, good: Callable) -> bool:
    helped = 0
    for mate in column_of(screen, entry):
        if mate.id == entry.id:
            continue
        gold = gold_of.get(mate.id)
        if gold is None:
            continue  # a figure to reject: V makes it a correction, x still rejects it
        need = changes(mate.fields, gold)
        if field in need and good(field, value, gold.get(field) or ""):
            helped += mate.status == "pending"
        elif field not in need and str(getattr(mate.fields, field)) != value:
            return False  # right now, and V would make it wrong
    return helped >= LEAST


async def fill_column(keys: Keys, entry_id: str, kind: str) -> None:
    """``V`` with the cursor on ``entry_id`` (the fix was just given to it: the last fix)."""
    from tests.bench.oracle.walk import to_entry

    await to_entry(keys, entry_id)
    await keys.press(keys.key_of("review.fill_column"), kind)
