"""The review screen's search: ``/`` finds a text (simplified and traditional alike), the
cursor goes to the hit after it and shows it; ``n``/``N`` step through the hits while the search
is on (they are next undecided / next excluded otherwise); ``p`` at a hit that is a number
promotes it; Escape ends the search.  The count is in the header."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any

from hedui.app.screens.search import SearchDialog
from hedui.core.extract.viewing import PlainView
from hedui.core.text.search import find_all

Span = tuple[int, int]


class SearchActions:
    """Mixin for ReviewScreen (which provides view, detail, go_to, go_to_excluded …)."""

    search_spans: list[Span]
    hit: int | None

    def find(self, pattern: str) -> list[Span]:
        """The hits of ``pattern`` in the report shown, through the t2s view where there is one."""
        report = self._extraction.report
        viewer = getattr(self.app.preparer.extractor(), "viewer", None)
        if viewer is not None and hasattr(viewer, "search"):
            return viewer.search(report, pattern)
        return find_all(report.text, PlainView(report.text), pattern, str)

    def action_search(self) -> None:
        def done(pattern: str | None) -> None:
            if not pattern:
                return
            self.search_pattern = pattern
            spans = self.find(pattern)
            self.search_spans = spans
            self.search_active = True
            self.view.set_search(spans)
            if not spans:
                self.leave_hit()
                self.detail.show_message(f"/{pattern}: not found · Esc ends the search")
                self.update_header()
                self.update_bindings()
                return
            self.go_to_hit(self._hit_after(self.cursor_offset()))

        self.open_panel(SearchDialog(self.search_pattern), done, replaces="#detail")

    def _hit_after(self, offset: int) -> int:
        starts = [s for s, _ in self.search_spans]
        return bisect_right(starts, offset) % len(starts)

    def go_to_hit(self, i: int) -> None:
        """Put the cursor on hit ``i``: on the figure or excluded number there if there is one
        (its keys apply), else on the hit itself (``i`` selects from it, ``p`` promotes it)."""
        start, end = span = self.search_spans[i]
        figure = next((e for e in self.visible_entries() if e.start < end and start < e.end), None)
        excluded = next((f for f in self._excluded if f.start < end and start < f.end), None)
        if figure is not None:
            self.go_to(figure.id)
        elif excluded is not None:
            self.go_to_excluded(excluded)
        else:
            self.current_id = self.current_excluded = None
            self.view.set_current(None)
            self.table.select(None)
            self.detail.show_message(self._hit_help(span))
        self.hit = i
        self.view.set_hit(span)
        self.update_header()
        self.update_bindings()

    def _hit_help(self, span: Span) -> str:
        text = self.view.text
        before = text[max(0, span[0] - 10):span[0]].replace("\n", " ")
        after = text[span[1]:span[1] + 10].replace("\n", " ")
        return f"…{before}【{text[span[0]:span[1]]}】{after}… · p promote a number · i select"

    def leave_hit(self) -> None:
        """The cursor leaves the hit (a move to a figure or an excluded number)."""
        if self.hit is not None:
            self.hit = None
            self.view.set_hit(None)

    def action_next_hit(self) -> None:
        if self.search_spans:
            self.go_to_hit((self.hit + 1) % len(self.search_spans) if self.hit is not None
                           else self._hit_after(self.cursor_offset()))

    def action_previous_hit(self) -> None:
        if self.search_spans:
            if self.hit is not None:
                self.go_to_hit((self.hit - 1) % len(self.search_spans))
            else:
                self.go_to_hit((self._hit_after(self.cursor_offset()) - 1) % len(self.search_spans))

    def action_clear_search(self) -> None:
        self.leave_hit()
        self.view.clear_search()
        self.search_spans = []
        self.search_active = False
        self.go_to(self.current_id)
        self.update_header()
        self.update_bindings()

    def search_note(self) -> str:
        """``/工会 3/12`` for the header while a search is on."""
        if not self.search_active:
            return ""
        n = len(self.search_spans)
        if not n:
            return f"/{self.search_pattern} not found"
        where = f"{self.hit + 1}/{n}" if self.hit is not None else f"{n} hits"
        return f"/{self.search_pattern} {where}"

    def promote_hit(self) -> Any:
        """``p`` on a hit that is no figure or excluded number: the number there as a figure."""
        start, end = self.search_spans[self.hit]
        parsed = self.app.preparer.extractor().parse_span(self.slot.extraction.report, start, end)
        if parsed is None:
            self.notify("No number at this hit.", timeout=3)
            return
        if self._write(self.slot.session.add, start, end, parsed.fields, "", "manual"):
            self._resync(self._entry_at(start, end))
