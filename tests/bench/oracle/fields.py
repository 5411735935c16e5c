"""Setting a figure's fields by the cheapest keys the app offers.

Today that is the correction form (``e``, or the form an add opens): move to each field with
the arrows, edit it (Backspace from the end where the old text is a prefix worth keeping,
``ctrl+u`` only where the form shows it), type the rest — each character one key — and Enter.
"""
from __future__ import annotations

from typing import Any

from textual.widgets import Input

from tests.bench.oracle.driver import Keys

#: the kind each field's keys are counted as
FIELD_KIND = {"label": "label", "period": "period"}


def kind_of(name: str) -> str:
    return FIELD_KIND.get(name, "other")


def edit_keys(old: str, new: str, can_clear: bool) -> list[str]:
    """Keys that turn ``old`` into ``new`` with the cursor at the end of ``old``."""
    keep = 0
    while keep < min(len(old), len(new)) and old[keep] == new[keep]:
        keep += 1
    by_backspace = ["backspace"] * (len(old) - keep) + list(new[keep:])
    if can_clear and old[:1] and 1 + len(new) < len(by_backspace):
        return ["ctrl+u", *new]
    return by_backspace


def form_cost(panel_fields: list[str], focus: int, old: dict[str, str], want: dict[str, str],
              can_clear: bool) -> int:
    """Keys to set ``want`` in an open form whose inputs are ``panel_fields`` (Enter included)."""
    keys = 0
    for name in sorted(want, key=panel_fields.index):
        i = panel_fields.index(name)
        keys += abs(i - focus) + len(edit_keys(old[name], want[name], can_clear))
        focus = i
    return keys + 1


async def fill_form(keys: Keys, want: dict[str, str], first_kind: str | None = None) -> None:
    """The form is open: set the fields of ``want`` and save it (Enter).

    ``first_kind``: the kind the key that opened the form is counted as (it was pressed
    already), so that the Enter goes to the last field's kind."""
    screen = keys.screen
    panel = screen.panel
    inputs: list[Input] = list(panel.query(Input))
    names = [inp.id.removeprefix("field-") for inp in inputs]
    focus = next((i for i, inp in enumerate(inputs) if inp.has_focus), 0)
    can_clear = keys.allowed("ctrl+u")
    last = first_kind or "other"
    for name in sorted(want, key=names.index):
        i = names.index(name)
        kind = kind_of(name)
        while focus != i:
            await keys.press("down" if i > focus else "up", kind)
            focus += 1 if i > focus else -1
        inp = inputs[i]
        if inp.cursor_position != len(inp.value):
            raise AssertionError(f"the {name} field's cursor is not at the end of its text")
        for key in edit_keys(inp.value, want[name], can_clear):
            await keys.press(key, kind)
        if inp.value != want[name]:
            raise AssertionError(f"the {name} field holds {inp.value!r}, not {want[name]!r}")
        last = kind
    await keys.press("enter", last)
    await keys.until(lambda: screen.panel is None, "the form to close (does it show an error?)")


def form_values(panel: Any) -> dict[str, str]:
    return {inp.id.removeprefix("field-"): inp.value for inp in panel.query(Input)}


async def fix_entry(keys: Keys, want: dict[str, str]) -> None:
    """Correct the current figure so that its fields are ``want``; it is then decided."""
    first = kind_of(min(want, key=lambda n: ("value", "value_max", "unit", "bound", "category",
                                                 "label", "period").index(n)))
    await keys.press(keys.key_of("review.correct") or "e", first)
    await keys.until(lambda: keys.screen.panel is not None, "the correction form")
    await fill_form(keys, want, first)
