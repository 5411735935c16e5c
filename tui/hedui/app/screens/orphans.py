"""The decisions a changed report left without a place (``hedui.core.session.anchor``), listed."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from hedui.app.widgets.panel import Panel
from hedui.app.widgets.status import SYMBOLS
from hedui.core.printable import printable


def orphan_lines(orphans: list[Any]) -> Text:
    """One line per orphan: status, its text, value and unit, label, its old context, who and when."""
    out = Text()
    for e in orphans:
        f = e.fields
        value = f"{f.value}" + (f"–{f.value_max}" if f.value_max is not None else "")
        before, after = e.context if e.context else ("", "")
        out.append(f"{SYMBOLS.get(e.status, '?')} {e.status:<9}", style="bold")
        out.append(printable(f" {e.text}  = {value} {f.unit}  {f.label}") + "\n")
        out.append(printable(f"    …{before[-10:]}【{e.text}】{after[:10]}…  {e.decided_by} {e.decided_at}") + "\n",
                   style="dim")
    return out


class OrphansPanel(Panel):
    """Read-only list; Escape closes it."""

    BINDINGS = [Binding("escape,o", "close", "Close", id="orphans.close")]

    def __init__(self, orphans: list[Any]) -> None:
        super().__init__(id="orphans", classes="panel")
        self.orphans = orphans

    def compose(self) -> ComposeResult:
        n = len(self.orphans)
        yield Static(Text(f"{n} decision{'s' * (n != 1)} the changed report has no place for "
                          "(kept in the session file as [[orphan]]; add them again with i if needed)",
                          style="bold"))
        with VerticalScroll(id="orphans-list"):
            yield Static(orphan_lines(self.orphans))
        yield Static("Esc close", id="orphans-help")

    def on_mount(self) -> None:
        self.query_one("#orphans-list").focus()

    def action_close(self) -> None:
        self.close_with(None)
