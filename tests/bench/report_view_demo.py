"""A bare host app for the report pane, driven by ``bench_report_view`` under ttymeter.

``python -m tests.bench.report_view_demo FILE``: the report with every number
marked pending; j/k next/previous figure, a accept and advance, space page down,
q quit.  Not part of hedui: it measures the widget alone, without the reviewer.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding

from hedui.app.widgets.report_view import Mark, ReportView

NUMBER = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:户|人|元|个|%|家|项|次|名|吨|亩)")


class Demo(App):
    BINDINGS = [
        Binding("j", "step(1)", "next"),
        Binding("k", "step(-1)", "previous"),
        Binding("a", "accept", "accept"),
        Binding("space", "page", "page"),
        Binding("q", "quit", "quit"),
    ]
    CSS = "ReportView { height: 1fr; }"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.marks = [Mark(m.start(), m.end(), "pending", i) for i, m in enumerate(NUMBER.finditer(text))]
        self.index = 0

    def compose(self) -> ComposeResult:
        yield ReportView(self.text, self.marks)

    def on_mount(self) -> None:
        self.animation_level = "none"
        self.query_one(ReportView).set_current(0)

    def action_step(self, delta: int) -> None:
        self.index = max(0, min(self.index + delta, len(self.marks) - 1))
        self.query_one(ReportView).set_current(self.index)

    def action_accept(self) -> None:
        self.query_one(ReportView).update_mark(self.index, "accepted")
        self.action_step(1)

    def action_page(self) -> None:
        view = self.query_one(ReportView)
        view.scroll_to(y=view.scroll_y + view.scrollable_content_region.height, animate=False)


if __name__ == "__main__":
    Demo(Path(sys.argv[1]).read_text(encoding="utf-8")).run(mouse=False)
