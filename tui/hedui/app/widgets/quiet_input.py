"""An Input whose cursor does not blink: over SSH a blinking cursor costs bytes twice a second."""
from __future__ import annotations

from textual.widgets import Input


class QuietInput(Input):
    """``Input`` with ``cursor_blink`` off from the start."""

    def on_mount(self) -> None:
        self.cursor_blink = False
