"""The review screen's preview of a report (figures before labels) and its upgrade in place.

While the first report's labels are prepared, its figures are shown from a
``hedui.app.preview.Preview``: navigation, search, filter and help work, the
decision keys do not apply (``check_action``: the slot is not ready).  When the
session opens, the screen changes in place: only the table rows, marks and
detail that differ are repainted, and the current figure is kept.
"""
from __future__ import annotations

from typing import Any


class PreviewUpgrade:
    """Mixin for ReviewScreen (which provides slot, view, table, go_to, show_report …)."""

    def report_previewed(self, index: int) -> None:
        """The figures of report ``index`` are known: show them if it is on screen, still waiting."""
        if index == self.index and self.shown_index != index and not self.slot.ready:
            self.show_report(index)

    def announce(self) -> None:
        """Say once what the session layer had to tell about the shown report."""
        slot = self.slot
        if slot.session is None or slot.announced:
            return
        slot.announced = True
        if slot.read_only:
            self.notify(slot.read_only, title=slot.name, severity="warning", timeout=10)
        notices = list(slot.session.notices)
        if getattr(slot.session, "orphans", None):
            notices.append("o lists the decisions kept aside")
        if notices:  # one message, not a stack of them over the text
            self.notify("\n".join(notices), title=slot.name, timeout=10)

    def upgrade_preview(self) -> None:
        """The session of the previewed report on screen opened: show it, keeping the place."""
        slot = self.slot
        if slot.session is None or slot.extraction is None:
            self.show_report(self.index)
            return
        old = self.entry(self.current_id)
        moved = self.current_id != self._preview_first
        excluded_at = self.current_excluded.start if self.current_excluded is not None else None
        old_text = self._extraction.report.text
        shown_ids = list(self.table.ids)
        self.provisional, self._preview = False, None
        self._extraction = slot.extraction
        self.reload_entries()
        self._excluded = sorted(slot.extraction.excluded, key=lambda f: f.start)
        if slot.extraction.report.text == old_text:
            self.sync_marks()  # repaints only the marks that differ
        else:  # pragma: no cover - both extractions load the same file
            self.view.set_document(slot.extraction.report.text, self.marks())
        visible = self.visible_entries()
        if [e.id for e in visible] == shown_ids:
            self.table.update_entries(visible)  # the label and period cells (and any status) only
        else:
            self.table.show(visible)
        target = self._upgrade_target(old if moved else None)
        figure = next((f for f in self._excluded if f.start == excluded_at), None)
        if figure is not None:
            self.go_to(target)  # the table's cursor, then the excluded number the reviewer is on
            self.go_to_excluded(figure)
        else:
            self.go_to(target)
            if target is not None and (old is None or self.entry(target).start != old.start):
                self.call_after_refresh(self._reveal_current)
        self.announce()
        self.update_header()
        self.update_bindings()

    def _upgrade_target(self, kept: Any) -> str | None:
        """The session's figure at ``kept``'s span (or nearest after it); else where to start."""
        if kept is not None:
            for entry in self._ordered:
                if (entry.start, entry.end) >= (kept.start, kept.end):
                    return entry.id
        first = self.slot.session.first_pending()
        if first is not None:
            return first.id
        return self._ordered[0].id if self._ordered else None
