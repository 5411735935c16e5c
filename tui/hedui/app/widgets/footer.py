"""The Footer, fitted to the terminal's width: the keys that matter most are kept whole.

Textual's Footer lays every key out and the terminal's edge cuts the last ones (``? Hel`` at
60 columns, Undo/Redo gone at 80).  This one takes the keys the screen shows now (as the
Footer does), keeps as many as fit by ``PRIORITY`` (Help, the decisions, Edit, Undo, Label and
Period first), and shows them in the screen's order.  Help lists every key.
"""
from __future__ import annotations

from collections import defaultdict

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from hedui.app.widgets.quiet_footer import QuietFooter

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


class FittedFooter(QuietFooter):
    """A compact Footer that drops the least important keys instead of cutting the line (and,
    as QuietFooter, recomposes only when what it shows changes: the keys or its width)."""

    def _keys_shown(self) -> tuple:
        return (self.size.width, *super()._keys_shown())

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        by_action: defaultdict[str, list] = defaultdict(list)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        order = {b.id: i for i, b in enumerate(getattr(type(self.screen), "BINDINGS", ()))}
        shown = sorted((found[0] for found in by_action.values()),  # the screen's order (a key of
                       key=lambda f: order.get(f[0].id, len(order)))  # two bindings: its first)
        items = [(b.id or b.action, cell_len(self.app.get_key_display(b)) + cell_len(b.description) + 2)
                 for b, _enabled, _tooltip in shown]
        keep = fit(items, max(0, (self.size.width or self.app.size.width) - 1))
        self.styles.grid_size_columns = max(1, len(keep))
        for i in keep:
            binding, enabled, tooltip = shown[i]
            yield FooterKey(
                binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                disabled=not enabled, tooltip=tooltip,
            ).data_bind(compact=Footer.compact)

    def on_resize(self, event: Resize) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)  # a new width: recomposed if the fit changes
