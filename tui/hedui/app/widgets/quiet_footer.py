"""A Footer that recomposes only when the keys it would show change.

Textual's Footer recomposes on every bindings signal (a focus change and a binding refresh
often come together): each recompose repaints the footer row over SSH, two or three times
for one key press.  The keys shown are the same as Textual's Footer shows.
"""
from __future__ import annotations

from textual.widgets import Footer


class QuietFooter(Footer):
    _shown: tuple | None = None

    def _keys_shown(self) -> tuple:
        return tuple(
            (binding.key, binding.action, binding.description, enabled, binding.key_display)
            for (_, binding, enabled, _) in self.screen.active_bindings.values() if binding.show
        )

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
