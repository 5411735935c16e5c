"""The versions of a disputed figure side by side: one column per reviewer (its key, name,
decision, fields and note) and the adjudicated result; the fields that differ are marked ``≠``.
Readable at 80 columns with three reviewers (cells cut with an ellipsis)."""
from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from hedui.app.widgets.status import STYLES, SYMBOLS, format_amount

ROWS = ("decision", "amount", "bound", "category", "label", "period", "note")


def _decision(entry: Any) -> Text:
    if entry is None:
        return Text("— no figure", style="red")
    return Text(f"{SYMBOLS.get(entry.status, '?')} {entry.status}", style=STYLES.get(entry.status, ""))


def _cells(entry: Any) -> dict[str, str]:
    if entry is None:
        return {}
    f = entry.fields
    out = {"amount": f"{format_amount(f)} {f.unit}".strip(), "bound": f.bound, "category": f.category,
           "label": f.label or "—", "period": f.period or "—"}
    if entry.status in ("rejected", "pending"):
        out = {k: "" for k in out}  # not a figure (yet): its fields say nothing
    note = entry.note
    if entry.flag_reason:
        note = f"{entry.flag_reason}: {note}" if note else entry.flag_reason
    out["note"] = note or ""
    return out


def differing(versions: Any) -> set[str]:
    """The rows on which the reviewers' versions differ."""
    cells = [_cells(v.entry) for v in versions]
    out = {"decision"} if len({v.decision for v in versions}) > 1 else set()
    for row in ROWS[1:-1]:
        shown = {c.get(row, "") for c in cells if c.get(row)}
        if len(shown) > 1:
            out.add(row)
    return out


class VersionsPanel(Widget):
    """The current dispute (``show``), or a message."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._renderable: Any = Text()
        self._last: object = None

    def show_message(self, message: str) -> None:
        self._set(("msg", message), Text(message, style="dim"))

    def show(self, dispute: Any, result: Any, resolved: bool, position: tuple[int, int], hint: str = "") -> None:
        key = (dispute, result, resolved, position, hint)
        versions = dispute.versions
        diff = differing(versions)
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=True, show_header=True,
                      header_style="bold")
        table.add_column(f"{position[0]}/{position[1]}", no_wrap=True, width=10, style="dim")
        for k, v in enumerate(versions, 1):
            table.add_column(f"{k} {v.reviewer}", no_wrap=True, overflow="ellipsis", ratio=1)
        table.add_column("= result" if resolved else "= result (open)", no_wrap=True, overflow="ellipsis",
                         ratio=1, style="" if resolved else "dim")
        columns = [_cells(v.entry) for v in versions]
        mine = _cells(result) if resolved else {}
        for row in ROWS:
            name = Text(("≠ " if row in diff else "  ") + row, style="bold" if row in diff else "dim")
            if row == "decision":
                cells = [_decision(v.entry) if v.decision != "pending" else Text("· not decided", style="dim")
                         for v in versions]
                cells.append(_decision(result) if resolved else Text("· open", style="bold"))
            else:
                cells = [Text(c.get(row, "")) for c in columns] + [Text(mine.get(row, ""))]
            table.add_row(name, *cells)
        self._set(key, Group(table, Text(hint, style="dim", no_wrap=True, overflow="ellipsis")))

    def _set(self, key: object, renderable: Any) -> None:
        if key != self._last:
            self._last = key
            self._renderable = renderable
            self.refresh()

    def render(self) -> Any:
        return self._renderable
