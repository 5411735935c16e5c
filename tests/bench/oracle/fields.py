"""Setting a figure's fields by the cheapest keys the app offers.

Per field, the field keys of the review screen (``L`` label, ``P`` period, ``U`` unit, ``B``
bound) open a picker: a digit takes one of its choices (those it shows); a pick from the
report's text (``textpick``: words, characters, two parts joined) and Enter take a phrase;
typing (``ctrl+u`` first when the first character is one of the picker's keys) is the last
resort; ``.`` repeats the last fix.  A value or an upper
end can only be set in the correction form (``e``): move with the arrows, a digit in a choice
field, Backspace or ``ctrl+u`` and the characters in a text field, Enter.  A figure that needs
several fields gets whichever is cheaper: the pickers one after the other (each advances, so a
``k`` back between them) or the form once.  When the app has no field keys, only the form.
"""
from __future__ import annotations

from typing import Any

from textual.widgets import Input

from hedui.app.screens.field_picker import MAX_CHOICES
from hedui.core.dataset.evaluate import char_f1, norm_unit
from tests.bench.oracle.driver import Keys
from tests.bench.oracle.fill import fill_column, worth_filling
from tests.bench.oracle.plan import LABEL_F1
from tests.bench.oracle.textpick import text_keys

FIELD_KIND = {"label": "label", "period": "period"}
ORDER = ("value", "value_max", "unit", "bound", "category", "label", "period")
PICKER_KEYS = {"label": "review.fix_label", "period": "review.fix_period", "unit": "review.fix_unit",
               "bound": "review.fix_bound"}
#: keys of the picker a first typed character would be taken as
PICKER_BOUND = set("1234567jkhlHLe[]{}+ ")
FAR = 10**6


def kind_of(name: str) -> str:
    return FIELD_KIND.get(name, "other")


def good(field: str, value: str, want: str) -> bool:
    """``value`` is right for ``field`` when the gold's is ``want`` (the export check's rules)."""
    if field == "label":
        return char_f1(value, want) >= LABEL_F1
    if field == "unit":
        return norm_unit(value) == norm_unit(want)
    return value == want


def edit_keys(old: str, new: str, can_clear: bool) -> list[str]:
    """Keys that turn ``old`` into ``new`` with the cursor at the end of ``old``."""
    keep = 0
    while keep < min(len(old), len(new)) and old[keep] == new[keep]:
        keep += 1
    by_backspace = ["backspace"] * (len(old) - keep) + list(new[keep:])
    if can_clear and old and 1 + len(new) < len(by_backspace):
        return ["ctrl+u", *new]
    return by_backspace


# ------------------------------------------------------------------ the form


def _widgets(panel: Any) -> list[Any]:
    return [panel.query_one(f"#field-{name}") for name in ORDER]


def _field_keys(widget: Any, new: str, can_clear: bool) -> list[str]:
    choices = getattr(widget, "choices", None)
    if choices is not None:  # a choice field: the digit before the value
        return [] if widget.value == new else [str(choices.index(new) + 1)]
    return edit_keys(widget.value, new, can_clear)


def form_plan(panel: Any, want: dict[str, str], can_clear: bool) -> list[tuple[str, str]]:
    """(key, field) to set ``want`` in the open form, the closing Enter included."""
    widgets = _widgets(panel)
    focus = next((i for i, w in enumerate(widgets) if w.has_focus), 0)
    keys: list[tuple[str, str]] = []
    for name in sorted(want, key=ORDER.index):
        i = ORDER.index(name)
        keys += [("down" if i > focus else "up", name)] * abs(i - focus)
        focus = i
        keys += [(k, name) for k in _field_keys(widgets[i], want[name], can_clear)]
    return keys + [("enter", keys[-1][1] if keys else "value")]


def form_estimate(entry_fields: Any, want: dict[str, str], focus: str = "value") -> int:
    """Keys the form would take (``e`` not counted): arrows, edits, Enter."""
    pos, keys = ORDER.index(focus), 1
    for name in sorted(want, key=ORDER.index):
        i = ORDER.index(name)
        keys += abs(i - pos)
        pos = i
        old = getattr(entry_fields, name)
        old = "" if old is None else str(old)
        keys += 1 if name in ("bound", "category") else len(edit_keys(old, want[name], True))
    return keys


async def fill_form(keys: Keys, want: dict[str, str], opened_as: str | None = None) -> None:
    """The form is open: set the fields of ``want`` and save it (Enter)."""
    screen = keys.screen
    panel = screen.panel
    for key, name in form_plan(panel, want, keys.allowed("ctrl+u")):
        await keys.press(key, opened_as or kind_of(name))
    await keys.until(lambda: screen.panel is None, "the form to close (does it show an error?)")


async def fix_by_form(keys: Keys, want: dict[str, str]) -> None:
    first = min(want, key=ORDER.index)
    await keys.press(keys.key_of("review.correct") or "e", kind_of(first))
    await keys.until(lambda: keys.screen.panel is not None, "the correction form")
    for name, widget in zip(ORDER, _widgets(keys.screen.panel)):
        if name in want and isinstance(widget, Input) and widget.cursor_position != len(widget.value):
            raise AssertionError(f"the {name} field's cursor is not at the end of its text")
    await fill_form(keys, want)


# ------------------------------------------------------------------ the pickers


def picker_plan(screen: Any, entry: Any, field: str, want: str, has: Any) -> list[str]:
    """The picker keys after the field key: a digit, a text pick and Enter, or typing."""
    choices = screen.choices(field, entry)[:MAX_CHOICES]  # those the picker shows
    for i, c in enumerate(choices):
        if good(field, c.value, want):
            return [str(i + 1)]
    if field == "bound":
        return []
    typed = (["ctrl+u"] if not want or want[0] in PICKER_BOUND else []) + list(want) + ["enter"]
    if field in ("label", "period"):
        picked = text_keys(screen, entry, field, want, lambda v: good(field, v, want), has, len(typed))
        if picked is not None and len(picked) < len(typed):
            return picked
    return typed


def _trace(keys: Keys, entry: Any, want: dict[str, str], pressed: list[tuple[str, str]]) -> None:
    old = {f: getattr(entry.fields, f) for f in want if hasattr(entry.fields, f)}
    keys.trace.append(f"{entry.text}: {old} -> {want} by {' '.join(k for k, _ in pressed)} "
                      f"({len(pressed)} keys)")


async def fix_figure(keys: Keys, entry_id: str, gold: dict, want_of: Any,
                     gold_of: dict[str, dict] | None = None) -> None:
    """Fix the figure ``entry_id`` until ``want_of(fields, gold)`` is empty; it is decided then
    (every fix advances: a ``k`` or ``j`` brings the cursor back for the next field)."""
    from tests.bench.oracle.walk import to_entry

    screen = keys.screen
    for _ in range(8):
        entry = screen.entry(entry_id)
        want = want_of(entry.fields, gold)
        if not want:
            return
        before = len(keys.log)
        await to_entry(keys, entry_id)
        pickable = [f for f in want if f in PICKER_KEYS and keys.has_binding(PICKER_KEYS[f])]
        if "bound" in pickable and want["bound"] == "range":
            pickable.remove("bound")  # a range needs its upper end: the form
        last = screen.last_fix
        repeat = next((f for f in pickable if last and last[0] == f and good(f, last[1], want[f])
                       and keys.has_binding("review.repeat_fix")), None)
        if repeat is not None:
            await keys.press(keys.key_of("review.repeat_fix"), kind_of(repeat))
            continue
        plans = {f: picker_plan(screen, entry, f, want[f], keys.picker_has) for f in pickable}
        if len(pickable) == len(want) and all(plans.values()):
            by_picker = sum(1 + len(p) for p in plans.values()) + len(plans) - 1
        else:
            by_picker = FAR
        by_form = 1 + form_estimate(entry.fields, want)  # e: the form on the value
        # a picker's e: the form on that field (its old text kept where it is a prefix)
        via = {f: 2 + form_estimate(entry.fields, want, focus=f) for f in pickable}
        via_field = min(via, key=via.get, default=None)
        if via_field is not None and via[via_field] < min(by_picker, by_form):
            await keys.press(keys.key_of(PICKER_KEYS[via_field]), kind_of(via_field))
            await keys.until(lambda: screen.panel is not None, f"the {via_field} picker")
            await keys.press("e", kind_of(via_field))
            await keys.until(lambda: screen.panel is not None and hasattr(screen.panel, "initial"),
                             "the form from the picker")
            await fill_form(keys, want)
        elif by_picker <= by_form:
            field = min(pickable, key=lambda f: len(plans[f]))
            await keys.press(keys.key_of(PICKER_KEYS[field]), kind_of(field))
            await keys.until(lambda: screen.panel is not None, f"the {field} picker")
            for key in plans[field]:
                await keys.press(key, kind_of(field))
            await keys.until(lambda: screen.panel is None, f"the {field} picker to close")
            if gold_of and screen.last_fix and keys.has_binding("review.fill_column") and worth_filling(
                    screen, screen.entry(entry_id), field, screen.last_fix[1], gold_of, want_of, good):
                await fill_column(keys, entry_id, kind_of(field))
        else:
            await fix_by_form(keys, want)
        _trace(keys, entry, want, keys.log[before:])
    raise AssertionError(f"could not fix {entry_id}: {want_of(screen.entry(entry_id).fields, gold)}")
