"""The review screen's moves: next/previous figure, next undecided (across reports),
next excluded number, next/previous report."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate


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
        pos = self.cursor_offset()
        for e in self._ordered:
            if e.status == "pending" and e.start > pos:
                self.go_to(e.id)
                return
        n = len(self.slots)
        for step in range(1, n + 1):
            j = (self.index + step) % n
            s = self.slots[j]
            if s.ready:
                first = s.session.first_pending()
                if first is not None:
                    if j != self.index:
                        self.show_report(j, at=first.id)
                    else:
                        self.go_to(first.id)
                    return
        if any(not s.ready and not s.error for s in self.slots):
            self.notify("No undecided figure here; other reports are still being prepared.", timeout=3)
        else:
            self.notify("Every figure of every report is decided.", timeout=3)

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
