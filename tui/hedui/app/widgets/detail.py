"""Every field of the current figure, readable at 80 columns (three lines)."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget

from hedui.app.widgets.status import STYLES, SYMBOLS, format_amount
from hedui.core.printable import printable

#: a figure's text longer than this is shown cut in the middle (the rule after it stays in view)
MAX_TEXT = 30


def _shown(text: str) -> str:
    if len(text) > MAX_TEXT:
        text = f"{text[:MAX_TEXT // 2]}…{text[-MAX_TEXT // 2:]}"
    return printable(text)


class DetailPanel(Widget):
    """The current figure (or excluded number, or a message) in full."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text()
        self._last: object = None

    def _set(self, key: object, text: Text) -> None:
        if key != self._last:
            self._last = key
            self._show(text)

    def show_message(self, message: str) -> None:
        self._set(("msg", message), Text(printable(message, keep="\n"), no_wrap=False))

    def show_entry(self, entry: Any) -> None:
        f = entry.fields
        key = ("entry", entry.id, entry.status, f, entry.note, entry.flag_reason, entry.rule)
        status = entry.status
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{SYMBOLS.get(status, '?')} {status}", style=STYLES.get(status, ""))
        t.append(f"  {_shown(entry.text)}", style="bold")
        t.append(f"  = {format_amount(f)} {printable(f.unit)}  {f.bound}  {f.category}\n")
        t.append("label ", style="dim")
        t.append(printable(f.label) or "—")
        t.append("  period ", style="dim")
        t.append(printable(f.period) or "—")
        t.append("\n")
        extra = []
        if entry.flag_reason:
            extra.append(f"flag: {entry.flag_reason}")
        if entry.note:
            extra.append(f"note: {printable(entry.note)}")
        suggestion = getattr(entry, "suggestion", None)
        if status == "corrected" and suggestion is not None and suggestion != f:
            extra.append(f"was {format_amount(suggestion)} {printable(suggestion.unit)}")
        if getattr(entry, "repeat_of", None) is not None:
            extra.append(f"repeat of @{entry.repeat_of}")
        if getattr(entry, "stale", False):
            extra.append("stale: report or rules changed")
        extra.append(f"rule {entry.rule or '—'}")
        t.append("  ".join(extra), style="dim")
        self._set(key, t)

    def show_excluded(self, figure: Any) -> None:
        key = ("excluded", figure.start, figure.rule)
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{SYMBOLS['excluded']} excluded", style=STYLES["excluded"])
        t.append(f"  {_shown(figure.text)}", style="bold")
        t.append(f"  by rule {figure.rule}\n")
        t.append("p promotes it to a figure (fields prefilled), N the next one", style="dim")
        self._set(key, t)

    def _show(self, text: Text) -> None:
        # a fixed-size widget: repaint only itself (Static.update would re-lay out the screen)
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text
