"""Help: every key of the review screen, as the live bindings (with the keymap) have it."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_rows(screen: Screen, keymap: dict[str, str]) -> list[tuple[str, str, str, bool]]:
    """(keys, description, binding id, applies now) for every binding of ``screen``.

    The keys are those in force: the class bindings with ``keymap`` applied.
    """
    bindings = BindingsMap(type(screen).BINDINGS)
    bindings.apply_keymap(keymap)
    active = {ab.binding.id for ab in screen.active_bindings.values() if ab.enabled}
    by_id: dict[str, list[str]] = {}
    described: dict[str, Binding] = {}
    for key, binding_list in bindings.key_to_bindings.items():
        for binding in binding_list:
            bid = binding.id or binding.action
            by_id.setdefault(bid, []).append(key)
            described.setdefault(bid, binding)
    rows = []
    for bid, keys in by_id.items():
        b = described[bid]
        names = " ".join(b.key_display or _display(k) for k in keys) if not b.key_display else b.key_display
        rows.append((names, b.description or b.action, bid, bid in active))
    return rows


def _display(key: str) -> str:
    return {
        "question_mark": "?", "slash": "/", "left_square_bracket": "[",
        "right_square_bracket": "]", "down": "↓", "up": "↑", "left": "←", "right": "→",
        "shift+left": "shift+←", "shift+right": "shift+→", "enter": "Enter", "escape": "Esc",
    }.get(key, key)


class HelpScreen(ModalScreen[None]):
    """Lists every key; keys that do not apply at this moment are dimmed."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
    ]

    def __init__(self, rows: list[tuple[str, str, str, bool]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim", no_wrap=True)
        for keys, description, bid, now in self.rows:
            table.add_row(keys, Text(description, style="" if now else "dim"), bid)
        with VerticalScroll(id="help"):
            yield Static(Text("hedui — keys (remap them in config.toml [keymap] by id)", style="bold"))
            yield Static(table)
            yield Static(Text("Esc / ? / q close", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help").scroll_relative(y=lines, animate=False)
