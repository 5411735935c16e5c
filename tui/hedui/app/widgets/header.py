"""The one-line header: report, position, progress and pace."""
from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class ReviewHeader(Widget):
    """``name  2/5 · 12/40 undecided 28 · all 60/200 · 240/h`` — repainted only when it changes."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text()
        self._last: tuple = ()

    def show(
        self,
        name: str,
        position: tuple[int, int],
        progress: tuple[int, int],
        overall: tuple[int, int],
        pace: int,
        note: str = "",
    ) -> None:
        key = (name, position, progress, overall, pace, note)
        if key == self._last:
            return
        self._last = key
        done, total = progress
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {name} ", style="bold")
        text.append(f"{position[0]}/{position[1]}  ")
        if not total:
            text.append("no figures")
        elif done == total:
            text.append(f"{done}/{total} done", style="bold")
        else:
            text.append(f"{done}/{total} · {total - done} undecided")
        text.append(f"  all {overall[0]}/{overall[1]}  {pace}/h")
        if note:
            text.append(f"  {note}", style="italic")
        self._show(text)

    def _show(self, text: Text) -> None:
        # a fixed-size widget: repaint only itself (Static.update would re-lay out the screen)
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text
