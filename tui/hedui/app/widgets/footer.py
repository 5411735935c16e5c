"""The Footer, fitted to the terminal's width: the keys that matter most are kept whole.

Textual's Footer lays every key out and the terminal's edge cuts the last ones (``? Hel`` at
60 columns, Undo/Redo gone at 80).  This one takes the keys the screen shows now (as the
Footer does), keeps as many as fit by ``PRIORITY`` (Help, the decisions, Edit, Undo, Label and
Period first), and shows them in the screen's order.  Help lists every key.

It is one line of text, not a row of key widgets: Textual's Footer recomposes its keys each
time they change, and the new widgets paint the row twice over SSH (about 600 bytes each time
a picker opens or closes); this one repaints its row once, and only when the keys shown (or
its width) change.  A click on a key presses it, as on Textual's Footer.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

#: binding ids, most important first; ids not named here come after them, in screen order.
#: A curator's keys first: help, the decisions, the form, undo, the label and period fixes
#: (all of them fit at 60 columns), then quit, redo, the next undecided figure (80 columns)
PRIORITY: tuple[str, ...] = (
    "review.help", "review.accept", "review.reject", "review.correct", "review.undo",
    "review.fix_label", "review.fix_period", "review.quit", "review.redo", "review.next_hit",
    "review.previous_hit", "review.next_pending", "review.repeat_fix", "review.add", "review.promote",
    "review.clear_search", "review.orphans", "review.flag", "select.confirm", "select.cancel",
    "select.left", "select.right", "select.shrink", "select.extend",
)


def fit(items: list[tuple[str, int]], width: int) -> list[int]:
    """Indices of ``items`` (binding id, cells) to show in ``width`` cells: by ``PRIORITY``,
    each whole; in their own order."""
    rank = {bid: i for i, bid in enumerate(PRIORITY)}
    order = sorted(range(len(items)), key=lambda i: (rank.get(items[i][0], len(rank)), i))
    used, keep = 0, []
    for i in order:
        if used + items[i][1] <= width:
            keep.append(i)
            used += items[i][1]
    return sorted(keep)


@functools.cache
def _binding_order(screen_type: type) -> dict[str | None, int]:
    """Each binding id of a screen class by its place in ``BINDINGS`` (once per class: the
    footer asks after every key)."""
    return {b.id: i for i, b in enumerate(getattr(screen_type, "BINDINGS", ()))}


class FittedFooter(Widget):
    """See the module docstring; styled in hedui.tcss (``FittedFooter`` and its component
    classes ``footer--key``, ``footer--description``)."""

    COMPONENT_CLASSES = {"footer--key", "footer--description"}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple = ()  # ((key, key display, description, enabled), …) as rendered
        self._spans: list[tuple[int, int, str]] = []  # (first cell, end cell, key) for clicks
        self._ready = False  # (the screen's bindings signalled once)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Any) -> None:
        self._ready = True
        if self.is_attached and screen is self.screen:
            self._update()

    def on_resize(self, event: events.Resize) -> None:
        if self._ready:
            self._update()

    def _keys(self) -> tuple:
        """The keys to show now: one per action (its first binding in the screen's order)."""
        by_action: defaultdict[str, list] = defaultdict(list)
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled))
        order = _binding_order(type(self.screen))
        shown = sorted((found[0] for found in by_action.values()),  # the screen's order (a key of
                       key=lambda f: order.get(f[0].id, len(order)))  # two bindings: its first)
        items = [(b.id or b.action, cell_len(self.app.get_key_display(b)) + cell_len(b.description) + 2)
                 for b, _enabled in shown]
        keep = fit(items, max(0, (self.size.width or self.app.size.width) - 1))
        return tuple((shown[i][0].key, self.app.get_key_display(shown[i][0]), shown[i][0].description,
                      shown[i][1]) for i in keep)

    def _update(self) -> None:
        shown = self._keys()
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        text_style = self.get_component_rich_style("footer--description")
        out = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for key, display, description, enabled in self._shown:
            start = out.cell_len
            out.append(display, key_style)
            out.append(f" {description}", text_style)
            if not enabled:
                out.stylize("dim", start)
            self._spans.append((start, out.cell_len, key))
            out.append(" ")
        return out

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
