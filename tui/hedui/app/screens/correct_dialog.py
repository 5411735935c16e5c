"""The correction form: every field of a figure, validated as you type.

Returns the new ``Fields`` (Enter, when every field is valid) or ``None``
(Escape).  Up/down and Tab move between fields; focus starts on the field the
reviewer came for (``focus``).  Bound and category are choices (a digit each);
value fields take Chinese numerals too (``五点八``, ``一千二百``).  Keys typed while
the form opens are replayed into it (``replay``), so none is lost or misplaced.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.validation import Function, ValidationResult, Validator
from textual.widgets import Input, Label, Static

from hedui.app.widgets.panel import Panel
from hedui.app.widgets.quiet_input import QuietInput
from hedui.app.widgets.choice_field import ChoiceField
from hedui.app.widgets.span_field import SpanField
from hedui.app.widgets.status import format_value
from hedui.core.model import BOUNDS, CATEGORIES, Fields, to_number
from hedui.core.numbers.finder import parse_number as read_number

FORM_FIELDS: tuple[str, ...] = ("value", "value_max", "unit", "bound", "category", "label", "period")
CHOICES: dict[str, tuple[str, ...]] = {"bound": BOUNDS, "category": CATEGORIES}
MAX_ABS = Decimal(2**63 - 1)


def parse_number(text: str) -> int | float | None:
    """A number (``1165400``, ``-6.4``, ``1,200``, ``五点八``, ``3万``) or None."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        d = Decimal(text)
    except InvalidOperation:
        try:  # the report's own way of writing it
            d = read_number(text)
        except ValueError:
            return None
    if not d.is_finite() or abs(d) > MAX_ABS:
        return None
    return to_number(d)


def error_text(errors: list[str], width: int, lines: int = 2) -> Text:
    """The form's errors in ``lines`` lines of ``width`` cells: all of them, or, when they
    would not fit, the fields in error first (so none goes unmentioned), then the reasons."""
    if not errors:
        return Text("")
    text = "; ".join(errors)
    if cell_len(text) > width * lines:
        names = ", ".join(dict.fromkeys(e.split(":", 1)[0] for e in errors))
        text = f"{len(errors)} errors ({names}): " + text
    return Text(text, style="bold red", overflow="ellipsis")


class _NumberValidator(Validator):
    def __init__(self, optional: bool) -> None:
        super().__init__()
        self.optional = optional

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success() if self.optional else self.failure("a number is required")
        return self.success() if parse_number(value) is not None else self.failure("not a number")


def _one_line() -> Function:
    return Function(lambda v: "\n" not in v and "\x00" not in v, "one line")


class CorrectDialog(Panel):
    """Edit the fields of one figure."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="correct.cancel"),
        Binding("enter", "save", "Save", id="correct.save"),
        Binding("down,tab", "move(1)", "Next field", show=False, priority=True, id="correct.next"),
        Binding("up,shift+tab", "move(-1)", "Previous field", show=False, priority=True, id="correct.previous"),
    ]

    def __init__(self, title: str, fields: Fields, context: str = "", focus: str = "value",
                 span: tuple[str, tuple[int, int]] | None = None,
                 parse: Callable[[int, int], Fields | None] | None = None) -> None:
        """``span``: (the report's text, the figure's span) to make the span adjustable in the
        title line; ``parse(start, end)``: the fields read from a new span (numbers, unit …)."""
        super().__init__(id="form", classes="panel")
        self.title_text = title
        self.initial = fields
        self.context = context
        self.focus_field = focus if focus in FORM_FIELDS else "value"
        self.text, self.span = span if span is not None else ("", None)
        self.parse = parse

    def compose(self) -> ComposeResult:
        f = self.initial
        prefill = {
            "value": format_value(f.value),
            "value_max": format_value(f.value_max),
            "unit": f.unit,
            "bound": f.bound,
            "category": f.category,
            "label": f.label,
            "period": f.period,
        }
        validators = {
            "value": [_NumberValidator(optional=False)],
            "value_max": [_NumberValidator(optional=True)],
            "unit": [_one_line()],
            "label": [_one_line()],
            "period": [_one_line()],
        }
        if self.span is not None:
            yield SpanField(self.title_text, self.text, self.span, id="form-title")
        else:
            title = Text(self.title_text, style="bold", no_wrap=True, overflow="ellipsis")
            if self.context:
                title.append(f"  {self.context}", style="not bold")
            yield Static(title, id="form-title")
        with Grid(id="form-grid"):
            for name in FORM_FIELDS:
                yield Label(name, classes="form-label")
                if name in CHOICES:
                    yield ChoiceField(CHOICES[name], prefill[name], id=f"field-{name}")
                    continue
                yield QuietInput(
                    prefill[name],
                    id=f"field-{name}",
                    validators=validators[name],
                    validate_on=["changed", "submitted"],
                    select_on_focus=False,
                )
        yield Static("", id="form-errors", markup=False)
        yield Static("Enter save · Esc cancel · ↑↓ Tab move · 1-7 choose · ^u clear · ↑ to 【】: h/l H/L span",
                     id="form-help", markup=False)

    def on_mount(self) -> None:
        field = self.query_one(f"#field-{self.focus_field}")
        self.screen.set_focus(field)  # at once (``focus()`` waits): then the held keys come
        if isinstance(field, Input):
            field.cursor_position = len(field.value)

    def _widgets(self) -> list:
        fields = [self.query_one(f"#field-{name}") for name in FORM_FIELDS]
        return fields + ([self.query_one(SpanField)] if self.span is not None else [])

    @on(SpanField.Changed)
    def _respan(self, event: SpanField.Changed) -> None:
        """The span moved: its number, unit, bound and category read anew (label, period kept)."""
        self.span = event.span
        parsed = self.parse(*event.span) if self.parse is not None else None
        if parsed is None:
            return
        shown = {"value": format_value(parsed.value), "value_max": format_value(parsed.value_max),
                 "unit": parsed.unit}
        for name, value in shown.items():
            self.query_one(f"#field-{name}", Input).value = value
        self.query_one("#field-bound", ChoiceField).choose(parsed.bound)
        self.query_one("#field-category", ChoiceField).choose(parsed.category)

    def value_of(self, name: str) -> str:
        widget = self.query_one(f"#field-{name}")
        return widget.value.strip()

    def action_move(self, delta: int) -> None:
        widgets = self._widgets()
        now = self.screen.focused
        i = widgets.index(now) if now in widgets else 0
        self.screen.set_focus(widgets[(i + delta) % len(widgets)])

    @on(Input.Changed)
    @on(ChoiceField.Changed)
    def _changed(self, event) -> None:
        self._show_errors()

    def _errors(self) -> list[str]:
        errors = []
        for name in FORM_FIELDS:
            inp = self.query_one(f"#field-{name}")
            if not isinstance(inp, Input):
                continue
            result = inp.validate(inp.value)
            if result is not None and not result.is_valid:
                errors.append(f"{name}: {result.failure_descriptions[0]}")
        bound = self.value_of("bound")
        vmax = self.value_of("value_max")
        if bound == "range" and not vmax:
            errors.append("value_max: a range needs an upper end")
        if vmax and bound != "range":
            errors.append("bound: value_max is set, so bound must be range")
        return errors

    def _show_errors(self) -> list[str]:
        """Every error, on up to two lines in place of the help line (which comes back
        when the form is valid); named field by field first if they would not fit."""
        errors = self._errors()
        widget = self.query_one("#form-errors", Static)
        widget.update(error_text(errors, widget.size.width or max(20, self.size.width - 2)))
        widget.set_class(bool(errors), "-shown")
        self.query_one("#form-help", Static).display = not errors
        return errors

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._show_errors():
            return
        values = {name: self.value_of(name) for name in FORM_FIELDS}
        self.close_with(
            Fields(
                value=parse_number(values["value"]),  # type: ignore[arg-type]
                value_max=parse_number(values["value_max"]),
                unit=values["unit"].strip(),
                bound=values["bound"].strip(),
                category=values["category"].strip(),
                label=values["label"].strip(),
                period=values["period"].strip(),
            )
        )

    def action_cancel(self) -> None:
        self.close_with(None)

    def replay(self, keys: list) -> list:
        """The keys typed while the form opened, as the form would have taken them."""
        for n, key in enumerate(keys):
            focused = self.screen.focused
            if self.run_bound(key.key):
                pass
            elif isinstance(focused, ChoiceField):
                focused.take_key(key.character) or self.run_bound(key.key, focused)
            elif isinstance(focused, SpanField):
                self.run_bound(key.key, focused)
            elif isinstance(focused, Input):
                if key.key == "backspace":
                    focused.action_delete_left()
                elif key.key == "ctrl+u":
                    focused.action_delete_left_all()
                elif key.is_printable and key.character:
                    focused.insert_text_at_cursor(key.character)
            if self.closing:
                return keys[n + 1:]
        return []
