"""The review screen's panels: a form shown in place of the detail and table (or the detail
line) instead of on a modal screen, so that over SSH only those rows are repainted."""
from __future__ import annotations

from typing import Any, Callable

from hedui.app.widgets.panel import Panel


class PanelHost:
    """Mixin for ReviewScreen (which provides panel, table, update_bindings …)."""

    def open_panel(self, panel: Panel, done: Callable[[Any], None], replaces: str = "#side") -> None:
        """Show ``panel`` where ``replaces`` was (the detail and table, or the detail line);
        ``done(result)`` when it closes.  Cheaper over SSH than a modal screen, which
        repaints the whole terminal several times; the text stays in view above."""
        if self.panel is not None:
            return
        self.panel, self._panel_done, self._panel_replaces = panel, done, replaces
        target = self.query_one(replaces)
        target.parent.mount(panel, before=target)
        target.display = False
        self.update_bindings()

    def on_panel_closed(self, event: Panel.Closed) -> None:  # by name: @on is not seen in a mixin
        event.stop()
        if event.panel is not self.panel:
            return
        done = self._panel_done
        self.panel = self._panel_done = None
        self.query_one(self._panel_replaces).display = True
        event.panel.remove()
        self.set_focus(None)
        self.update_bindings()
        if done is not None:
            done(event.result)
        # the table was hidden: a row repaint asked for before it is laid out again is
        # dropped, so repaint it whole once it is back
        self.call_after_refresh(self.table.refresh)
