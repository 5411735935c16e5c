"""A form shown in place of part of the review screen instead of on a modal screen.

Over a slow SSH link this matters: pushing a modal screen repaints the whole
terminal several times (20-30 KB at 80x24) and popping it once more; a panel
repaints only the rows it covers.  The review screen mounts a panel where the
detail and table were (``ReviewScreen.open_panel``) and removes it on ``Closed``.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.containers import Vertical
from textual.message import Message


class Panel(Vertical):
    """Base of the correction, flag, filter and search panels."""

    @dataclass
    class Closed(Message):
        """The panel is done: ``result`` is what it returns (None: cancelled)."""

        panel: "Panel"
        result: object

    def close_with(self, result: object = None) -> None:
        hold = getattr(self.app, "key_hold", None)
        if hold is not None:  # keys typed now go to the screen once the panel is gone
            hold.hold()
        self.post_message(self.Closed(self, result))
