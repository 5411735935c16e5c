"""Help: every key of the review screen, as the live bindings (with the keymap) have it."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


#: what each key does, in full (the Footer has room only for a word)
LONG: dict[str, str] = {
    "review.next": "next figure",
    "review.previous": "previous figure",
    "review.accept": "accept, go to the next",
    "review.reject": "reject (not a figure), go to the next",
    "review.correct": "correct its fields (a form)",
    "review.flag": "flag with a reason and a note",
    "review.add": "add a missed figure: select it",
    "review.promote": "promote the dimmed number (or the number at a search hit)",
    "review.next_pending": "next undecided (then the next report with some)",
    "review.next_excluded": "next excluded number (dimmed)",
    "review.next_hit": "while searching: next hit",
    "review.previous_hit": "while searching: previous hit",
    "review.undo": "undo (unlimited, across restarts)",
    "review.redo": "redo",
    "review.search": "search the text (simplified finds traditional)",
    "review.clear_search": "end the search",
    "review.filter": "filter the table by status",
    "review.next_report": "next report",
    "review.previous_report": "previous report",
    "review.reports": "the report list: filter as you type, sort, go",
    "review.orphans": "decisions a changed report lost",
    "review.help": "this help",
    "review.quit": "quit (asks if a write failed)",
    "select.left": "selection: move left",
    "select.right": "selection: move right",
    "select.shrink": "selection: end one left",
    "select.extend": "selection: end one right",
    "select.down": "selection: move a line down",
    "select.up": "selection: move a line up",
    "select.extend_down": "selection: end a line down",
    "select.extend_up": "selection: end a line up",
    "select.confirm": "selection: use it (opens the form)",
    "select.cancel": "selection: cancel",
    "review.fix_label": "fix the label: a picker (choices, the text, typing)",
    "review.fix_period": "fix the period: a picker (choices, the text, typing)",
    "review.fix_unit": "fix the unit: a picker",
    "review.fix_bound": "fix the bound: a digit each",
    "review.fix_category": "fix the category: a digit each",
    "review.repeat_fix": "repeat the last field fix here",
    "review.fill_column": "give the last field fix to the whole table column (one undo)",
    "review.fill_row": "give the last field fix to the whole table row (one undo)",
    "picker.take": "picker: take the highlighted choice, or the text picked",
    "picker.down": "picker: highlight the next choice",
    "picker.up": "picker: highlight the previous choice",
    "picker.word_left": "picker: from the text: start one word left",
    "picker.word_right": "picker: from the text: start one word right",
    "picker.shrink": "picker: from the text: end one word left",
    "picker.grow": "picker: from the text: end one word right",
    "picker.start_left": "picker: from the text: start one character left",
    "picker.start_right": "picker: from the text: start one character right (trim)",
    "picker.end_left": "picker: from the text: end one character left (trim)",
    "picker.end_right": "picker: from the text: end one character right",
    "picker.join": "picker: from the text: keep the phrase as a part, pick the next (joined)",
    "picker.join_spaced": "picker: from the text: keep the phrase as a part, pick the next (a space between)",
    "picker.type": "picker: type it (clears; any other character types too)",
    "picker.form": "picker: the whole form, on this field",
    "picker.cancel": "picker: cancel",
    "correct.cancel": "form: cancel",
    "correct.save": "form: save (a save that changes nothing is no decision)",
    "correct.next": "form: next field",
    "correct.previous": "form: previous field",
    "span.start_left": "form, on its title (↑ from value): the span starts one left",
    "span.start_right": "form, on its title: the span starts one right",
    "span.end_left": "form, on its title: the span ends one left",
    "span.end_right": "form, on its title: the span ends one right",
    "choice.previous": "form, bound/category: previous choice",
    "choice.next": "form, bound/category: next choice",
    **{f"adjudicate.take_{k}": f"adjudicate: take reviewer {k}'s version" for k in range(1, 10)},
}
for _n in range(1, 10):
    LONG[f"picker.take_{_n}"] = f"picker: take choice {_n}"  # (1-7: the choices shown)
    LONG[f"choice.pick_{_n}"] = f"form, bound/category: choose {_n}"


def key_rows(screen: Screen, keymap: dict[str, str], panels: tuple[type, ...] = ()
             ) -> list[tuple[str, str, str, bool]]:
    """(keys, description, binding id, applies now) for every binding of ``screen``, in order,
    then those of ``panels`` (the picker's and the form's keys, which apply inside them).

    The keys are those in force: the class bindings with ``keymap`` applied.
    """
    active = {ab.binding.id for ab in screen.active_bindings.values() if ab.enabled}
    rows = _rows(type(screen).BINDINGS, keymap, active)
    for panel in panels:
        rows += _rows(panel.BINDINGS, keymap, set())
    return rows


def _rows(class_bindings: list, keymap: dict[str, str], active: set) -> list[tuple[str, str, str, bool]]:
    bindings = BindingsMap(class_bindings)
    bindings.apply_keymap(keymap)
    keys_of: dict[str, list[str]] = {}
    for key, binding_list in bindings.key_to_bindings.items():
        for binding in binding_list:
            keys_of.setdefault(binding.id or binding.action, []).append(key)
    rows = []
    seen: set[str] = set()
    for binding in class_bindings:
        bid = binding.id or binding.action
        if bid in seen or bid not in keys_of:
            continue
        seen.add(bid)
        names = " ".join(_display(k) for k in keys_of[bid])
        rows.append((names, LONG.get(bid, binding.description), bid, bid in active))
    return rows


def _display(key: str) -> str:
    return {
        "question_mark": "?", "slash": "/", "left_square_bracket": "[",
        "right_square_bracket": "]",
        "left_curly_bracket": "{", "right_curly_bracket": "}", "plus": "+", "space": "Space", "down": "↓", "up": "↑", "left": "←", "right": "→",
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
