"""The review screen's moves: next/previous figure, next undecided (across reports),
next excluded number, next/previous report, the report list."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from hedui.app.corpus import has_pending


class MoveActions:
    """Mixin for ReviewScreen (which provides slots, table, go_to, show_report …)."""

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        order = self.visible_entries()
        if not order:
            return
        row = self.table.row_of(self.current_id) if self.current_excluded is None else None
        if row is not None:
            target = row + delta
        else:  # on an excluded number, or the current figure is filtered out
            pos = self.cursor_offset()
            starts = [e.start for e in order]
            target = bisect_right(starts, pos) if delta > 0 else bisect_left(starts, pos) - 1
        if 0 <= target < len(order):
            self.go_to(order[target].id)

    def action_next_pending(self) -> None:
        """The next undecided figure of this report; at its end, the next report with undecided
        figures (as counted: a report not counted yet is tried too), its first one."""
        pos = self.cursor_offset()
        for e in self._ordered:
            if e.status == "pending" and e.start > pos:
                self.go_to(e.id)
                return
        n = len(self.slots)
        unknown = False
        for step in range(1, n):
            j = (self.index + step) % n
            pending = has_pending(self.slots[j])
            unknown = unknown or pending is None
            if pending is not False:
                self.show_report(j)  # opens at its first undecided figure
                return
        first = next((e for e in self._ordered if e.status == "pending"), None)
        if first is not None:
            self.go_to(first.id)
        elif unknown or not self.app.totals.complete:
            self.notify("No undecided figure here; other reports are still being counted.", timeout=3)
        else:
            self.notify("Every figure of every report is decided.", timeout=3)

    def action_reports(self) -> None:
        """The report list (g): pick a report to go to."""
        from hedui.app.screens.report_list import ReportListScreen

        def chosen(index: int | None) -> None:
            if index is not None and index != self.index:
                self.show_report(index)

        screen = self._report_list
        if screen is None:  # made once and kept (installed): reopening it costs no compose
            screen = self._report_list = ReportListScreen(self.slots, self.app.names(), self.index, self.live_tally())
            self.app.install_screen(screen, "reports")
        else:
            screen.reset(self.index, self.live_tally())
        self.app.push_screen("reports", chosen)

    def live_tally(self) -> tuple[int, int, int] | None:
        """(decided, flagged, total) of the report on screen, as shown now."""
        shown = self.slot.shown
        if shown is None:
            return None
        decided, total = shown.progress()
        return decided, sum(1 for e in shown.entries if e.status == "flagged"), total

    def uncovered_excluded(self) -> list:
        """The excluded numbers no figure covers (a promoted one is a figure now: never walked to)."""
        ends = list(accumulate((e.end for e in self._ordered), max))  # figures sorted by start
        out = []
        for f in self._excluded:
            i = bisect_left(self._starts, f.end)  # figures starting before the number ends
            if i == 0 or ends[i - 1] <= f.start:
                out.append(f)
        return out

    def action_next_excluded(self) -> None:
        """The next excluded number not promoted yet (after the last: the first)."""
        pos = self.cursor_offset()
        excluded = self.uncovered_excluded()
        starts = [f.start for f in excluded]
        i = bisect_right(starts, pos)
        if i < len(excluded):
            self.go_to_excluded(excluded[i])
        elif excluded:
            self.go_to_excluded(excluded[0])

    def action_next_report(self) -> None:
        self.show_report((self.index + 1) % len(self.slots))

    def action_previous_report(self) -> None:
        self.show_report((self.index - 1) % len(self.slots))
