"""The correction form's title line, which is also its span: focused (``↑`` from the value),
``h``/``l`` move the start of the figure's span and ``H``/``L`` its end, a character at a
time, shown as 【…】 in the text around it; the form then reads the new span's number."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

CONTEXT = 12  # characters shown either side of the span


class SpanField(Static, can_focus=True):
    """``span`` is (start, end) in ``text``; ``Changed`` is posted when it moves."""

    BINDINGS = [
        Binding("h,left", "move(0, -1)", "Start ←", show=False, id="span.start_left"),
        Binding("l,right", "move(0, 1)", "Start →", show=False, id="span.start_right"),
        Binding("H,shift+left", "move(1, -1)", "End ←", show=False, id="span.end_left"),
        Binding("L,shift+right", "move(1, 1)", "End →", show=False, id="span.end_right"),
    ]

    @dataclass
    class Changed(Message):
        field: "SpanField"
        span: tuple[int, int]

    def __init__(self, title: str, text: str, span: tuple[int, int], *, id: str) -> None:
        super().__init__("", id=id, markup=False)
        self.title_text, self.text, self.span = title, text, span

    def on_mount(self) -> None:
        self.update(self._render_span())

    def _render_span(self) -> Text:
        start, end = self.span
        clean = lambda s: s.replace("\n", " ")  # noqa: E731
        out = Text(self.title_text, style="bold", no_wrap=True, overflow="ellipsis")
        out.append(f"  …{clean(self.text[max(0, start - CONTEXT):start])}", style="not bold")
        out.append(f"【{clean(self.text[start:end])}】", style="bold underline" if self.has_focus else "bold")
        out.append(f"{clean(self.text[end:end + CONTEXT])}…", style="not bold")
        return out

    def on_focus(self) -> None:
        self.update(self._render_span())

    def on_blur(self) -> None:
        self.update(self._render_span())

    def action_move(self, side: int, delta: int) -> None:
        start, end = self.span
        if side == 0:
            start = max(0, min(start + delta, end - 1))
        else:
            end = max(start + 1, min(end + delta, len(self.text)))
        if (start, end) != self.span:
            self.span = (start, end)
            self.update(self._render_span())
            self.post_message(self.Changed(self, self.span))
