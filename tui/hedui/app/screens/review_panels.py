"""The review screen's panels: forms shown in place of the detail and table, and the keys
typed while one opens or closes.

Keys sent back to back (``e`` then the new label at once, as a fast typist or a paste
does) must reach the form, not be dropped or taken by the screen while the form is
being mounted.  From ``open_panel`` until the panel has focus, and from its close until
it is gone, the screen holds every key; the panel replays those typed before it was
ready (``Panel.replay``), and those typed after it closed are played on the screen (or
handed to the next panel, when closing one opens another: the picker's ``e``).
"""
from __future__ import annotations

from typing import Any, Callable

from textual import events

from hedui.app.widgets.panel import Panel, typed_again


class PanelHost:
    """Mixin for ReviewScreen (which provides query_one, table, update_bindings …)."""

    panel: Panel | None = None
    _panel_done: Callable[[Any], None] | None = None
    _panel_replaces = "#side"
    _held: list[events.Key] | None = None  # keys held while a panel opens or closes

    def open_panel(self, panel: Panel, done: Callable[[Any], None], replaces: str = "#side") -> None:
        """Show ``panel`` where ``replaces`` was (the detail and table, or the detail line);
        ``done(result)`` when it closes.  Cheaper over SSH than a modal screen, which
        repaints the whole terminal several times; the text stays in view above."""
        if self.panel is not None:
            return
        self.panel, self._panel_done, self._panel_replaces = panel, done, replaces
        self._held = []
        target = self.query_one(replaces)
        target.parent.mount(panel, before=target)
        target.display = False
        self.update_bindings()

    def show_panel(self, panel: Panel, done: Callable[[Any], None]) -> None:
        """Uncover a panel laid out with the screen under the detail and table (the field
        picker): no mount, so it takes keys at once and only its rows are repainted."""
        if self.panel is not None:
            return
        self.panel, self._panel_done, self._panel_replaces = panel, done, "#side"
        self.query_one("#side").visible = False
        self.update_bindings(quietly=True)  # the focus change below refreshes the Footer once
        panel.opened()

    def hold_keys(self, keys: list[events.Key]) -> None:
        """Hold ``keys`` and, after them, the keys typed from now on until the panel is gone."""
        self._held = list(keys) + (self._held or [])

    def take_held_keys(self) -> list[events.Key]:
        """The keys held since the panel opened; from now on keys go to the panel."""
        keys, self._held = self._held or [], None
        return keys

    def on_key(self, event: events.Key) -> None:
        self.hold_key(event)

    def hold_key(self, event: events.Key) -> None:
        """Hold ``event`` if a panel is opening or closing (the screen sees a key before the
        app runs its binding, so the key after ``e`` comes to the app after the panel opened).
        A key that reaches the screen while a composed panel (the picker) is up was typed
        before it took the focus: it is the panel's (a key the panel handles never gets here,
        and the app would check it against bindings that may not apply yet)."""
        panel = self.panel
        if self._held is not None and panel is not None:
            self._held.append(event)
            event.stop()
            event.prevent_default()
        elif panel is not None and panel.persistent and not panel.closing and not getattr(panel, "typing", False):
            event.stop()
            event.prevent_default()
            panel.replay([event])

    def on_panel_closed(self, event: Panel.Closed) -> None:  # by name: @on is not seen on a mixin
        event.stop()
        if event.panel is not self.panel:
            return
        done = self._panel_done
        self.panel = self._panel_done = None
        if event.panel.persistent:  # under the detail and table, which stayed laid out
            self.query_one(self._panel_replaces).visible = True
        else:
            self.query_one(self._panel_replaces).display = True
            event.panel.remove()
        self.set_focus(None)
        self.update_bindings()
        held, self._held = self._held or [], None
        if done is not None:
            done(event.result)
        if self.panel is not None:  # done opened another panel: it gets the keys typed since
            self._held = held + (self._held or [])
        else:
            for key in held:
                self.app.post_message(typed_again(key))
        if not event.panel.persistent:
            # the table was hidden: a row repaint asked for before it is laid out again is
            # dropped, so repaint it whole once it is back
            self.call_after_refresh(self.table.refresh)
