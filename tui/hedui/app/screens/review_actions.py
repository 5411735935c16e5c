"""The review screen's decisions: accept, reject, flag, correct, add, promote, undo, redo,
plus the status filter and help.

Every decision goes through the session layer, which has it on disk when the
call returns; only then is the screen updated to show it as done.  A failed
write is reported at once and shown as not done.
"""
from __future__ import annotations

from typing import Any

from hedui.app.messages import FigureDecided
from hedui.app.screens.correct_dialog import CorrectDialog, parse_number
from hedui.app.screens.field_picker import FieldPicker
from hedui.app.screens.flag_dialog import FlagDialog
from hedui.app.screens.help import HelpScreen, key_rows
from hedui.app.screens.orphans import OrphansPanel
from hedui.app.screens.quit_dialog import QuitDialog
from hedui.app.screens.status_filter import StatusFilterDialog
from hedui.app.widgets.choice_field import ChoiceField
from hedui.app.widgets.span_field import SpanField
from hedui.app.widgets.status import FILTERS
from hedui.core.model import Fields, HeduiError


class DecisionActions:
    """Mixin for ReviewScreen (which provides slot, view, table, go_to …)."""

    # ------------------------------------------------------------ plumbing
    def _write(self, call, *args: Any) -> bool:
        """Run one session call; False (and a message) if it failed."""
        held = getattr(self.slot.session, "unsaved", 0)
        try:
            call(*args)
        except HeduiError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            self.update_header()
            return False
        if held:  # decisions held in memory went to disk with this one: show them as done
            self._show_saved()
        self.app.pace.record()
        return True

    def _show_saved(self) -> None:
        """Repaint the figures whose state on screen differs from the session's."""
        for entry in list(self.slot.session.entries):
            if entry.id in self._entries and self._entries[entry.id] != entry:
                self.refresh_entry(entry.id)
        self.update_header()

    def _decided(self, entry_id: str, advance: bool) -> None:
        self.update_bindings()  # undo may have become possible
        entry = self.refresh_entry(entry_id)
        if entry is not None:
            self.post_message(FigureDecided(self.index, entry_id, entry.status))
        if entry is not None and self.current_id == entry_id:
            self.detail.show_entry(entry)
        self.update_header()
        if advance:
            self._step(1)

    def _resync(self, focus: str | None = None) -> None:
        """After undo/redo/add: repaint what changed, never the whole text."""
        before = {e.id: e for e in self._ordered}
        self.reload_entries()
        after = self._entries
        if before.keys() != after.keys():  # a figure was added or an add undone
            self.sync_marks()
            self.table.show(self.visible_entries())
        else:
            for eid, entry in after.items():
                if entry != before[eid]:
                    self.table.update_entry(entry)
                    self.view.update_mark(eid, entry.status)
        changed = [eid for eid, e in after.items() if e != before.get(eid)]
        target = focus if focus in after else (changed[0] if changed else self.current_id)
        if target not in after:  # an add undone: go to the figure that took its place
            gone = before.get(focus) or before.get(self.current_id)
            start = gone.start if gone is not None else -1
            target = next((e.id for e in self._ordered if e.start >= start), None)
        self.go_to(target)
        self.update_header()

    # ------------------------------------------------------------ decisions
    def action_accept(self) -> None:
        eid = self.current_id
        if eid and self._write(self.slot.session.accept, eid):
            self._decided(eid, advance=True)

    def action_reject(self) -> None:
        eid = self.current_id
        if eid and self._write(self.slot.session.reject, eid):
            self._decided(eid, advance=True)

    def action_flag(self) -> None:
        entry = self.entry(self.current_id)
        if entry is None:
            return

        def done(result: tuple[str, str] | None) -> None:
            if result and self._write(self.slot.session.flag, entry.id, result[0], result[1]):
                self._decided(entry.id, advance=True)

        self.open_panel(FlagDialog(f"Flag {entry.text}", entry.flag_reason, entry.note), done)

    def action_correct(self) -> None:
        entry = self.entry(self.current_id)
        if entry is not None:
            self.open_form(entry)

    def open_form(self, entry: Any, focus: str = "value", prefill: Fields | None = None) -> None:
        """The whole form, focus on ``focus``; a save that changes nothing is no decision; a
        moved span is one step: the figure rejected, one added on the new span."""
        def done(fields: Fields | None) -> None:
            span = form.span
            if fields is None:
                return
            if span != (entry.start, entry.end):
                if self._write(self.slot.session.respan, entry.id, *span, fields, entry.note):
                    self._resync(self._entry_at(*span))
            elif fields == entry.fields:
                self.notify("Unchanged: no decision.", timeout=2)
            elif self._write(self.slot.session.correct, entry.id, fields, entry.note):
                self._decided(entry.id, advance=True)

        form = self._form(f"Correct {entry.text}", entry.start, entry.end, prefill or entry.fields, focus)
        self.open_panel(form, done)

    def _form(self, title: str, start: int, end: int, fields: Fields, focus: str = "value") -> CorrectDialog:
        report = self.slot.extraction.report

        def parse(s: int, e: int) -> Fields | None:
            figure = self.app.preparer.extractor().parse_span(report, s, e)
            return figure.fields if figure is not None else None

        return CorrectDialog(title, fields, self._span_context(start, end), focus, (report.text, (start, end)), parse)

    def _span_context(self, start: int, end: int) -> str:
        text = self.slot.extraction.report.text
        before = text[max(0, start - 12):start].replace("\n", " ")
        after = text[end:end + 12].replace("\n", " ")
        return f"…{before}【{text[start:end]}】{after}…"

    # ------------------------------------------------------------ add a missed figure
    def action_add(self) -> None:
        start = self.cursor_offset()
        self.selecting = True
        self.view.begin_selection(max(start, 0))
        self.detail.show_message(
            "Select the figure: h/l (j/k lines) move · H/L (J/K) move its end · Enter use · Esc cancel"
        )
        self.update_bindings()

    def action_sel_move(self, delta: int) -> None:
        self.view.move_selection(delta, False)

    def action_sel_extend(self, delta: int) -> None:
        self.view.move_selection(delta, True)

    def action_sel_line(self, delta: int) -> None:
        self.view.move_selection_lines(delta, False)

    def action_sel_extend_line(self, delta: int) -> None:
        self.view.move_selection_lines(delta, True)

    def action_sel_cancel(self) -> None:
        self.view.end_selection()
        self.selecting = False
        self.go_to(self.current_id)

    def action_sel_confirm(self) -> None:
        selection = self.view.selection
        self.view.end_selection()
        self.selecting = False
        self.update_bindings()
        if not selection or selection[1] <= selection[0]:
            self.go_to(self.current_id)
            return
        start, end = selection
        self._add_form(start, end, "manual")

    def _add_title(self, start: int, end: int) -> str:
        """``Add 2000万元``, shortened, with a warning when the span overlaps figures."""
        text = self.slot.extraction.report.text[start:end].replace("\n", " ")
        title = f"Add {text if len(text) <= 16 else text[:15] + '…'} ({end - start} chars)"
        overlaps = [e.text for e in self._ordered if e.start < end and start < e.end]
        if overlaps:
            title += f" ⚠ overlaps {len(overlaps)} figure{'s' * (len(overlaps) != 1)}: {'、'.join(overlaps[:3])}"
        return title

    def _add_form(self, start: int, end: int, rule: str, prefill: Fields | None = None) -> None:
        report = self.slot.extraction.report
        figure = self.app.preparer.extractor().parse_span(report, start, end)
        if figure is not None:
            prefill, rule = figure.fields, (rule if rule != "manual" else figure.rule or rule)
        if prefill is None:
            value = parse_number(report.text[start:end])
            prefill = Fields(value=value if value is not None else 0)

        def done(fields: Fields | None) -> None:
            if fields is None:
                self.go_to(self.current_id)
                return
            s, e = form.span
            if self._write(self.slot.session.add, s, e, fields, "", rule):
                self._resync(self._entry_at(s, e))

        form = self._form(self._add_title(start, end), start, end, prefill)
        self.open_panel(form, done)

    def _entry_at(self, start: int, end: int) -> str | None:
        for e in self.slot.session.entries:
            if e.start == start and e.end == end:
                return e.id
        return None

    def action_promote(self) -> None:
        """On an excluded number: add it as a figure, fields prefilled (one key). Elsewhere:
        go to the next excluded number first, so that nothing unseen is added."""
        figure = self.current_excluded
        if figure is None and self.hit is not None and self.current_id is None:
            self.promote_hit()
            return
        if figure is None:
            pos = self.cursor_offset()
            figure = next((f for f in self.uncovered_excluded() if f.start >= pos), None)
            if figure is None:
                self.notify("No excluded number after the cursor.", timeout=3)
            else:
                self.go_to_excluded(figure)  # the detail line says "p promotes it"
            return
        if self._entry_at(figure.start, figure.end):
            self.notify("That number is already a figure.", timeout=3)
            return
        report = self.slot.extraction.report
        parsed = self.app.preparer.extractor().parse_span(report, figure.start, figure.end)
        fields = parsed.fields if parsed is not None else figure.fields
        rule = f"promote:{figure.rule}"  # its own provenance: the exclusion rule that missed it
        if self._write(self.slot.session.add, figure.start, figure.end, fields, "", rule):
            self._resync(self._entry_at(figure.start, figure.end))

    # ------------------------------------------------------------ undo / redo
    def action_undo(self) -> None:
        self._undo_redo(self.slot.session.undo, "Nothing to undo.", -1)

    def action_redo(self) -> None:
        self._undo_redo(self.slot.session.redo, "Nothing to redo.", 1)

    def _undo_redo(self, call, empty: str, pace: int) -> None:
        try:
            result = call()
        except HeduiError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=8)
            return
        if result is None or result is False:
            self.notify(empty, timeout=2)
            return
        focus = getattr(result, "id", result if isinstance(result, str) else None)
        self.app.pace.record(pace)  # an undone decision is not part of the pace
        self._resync(focus)
        self.update_bindings()

    # ------------------------------------------------------------ filter, help
    def action_filter(self) -> None:
        counts = {"all": len(self._ordered)}
        for e in self._ordered:
            counts[e.status] = counts.get(e.status, 0) + 1

        def done(status: str | None) -> None:
            if status is None or status not in FILTERS:
                return
            self.filter = status
            visible = self.visible_entries()
            self.table.show(visible)
            current = self.current_id if any(e.id == self.current_id for e in visible) else None
            self.go_to(current or (visible[0].id if visible else None))
            self.update_header()

        self.open_panel(StatusFilterDialog(self.filter, counts), done)

    def action_orphans(self) -> None:
        orphans = list(getattr(self.slot.session, "orphans", None) or ())
        if orphans:
            self.open_panel(OrphansPanel(orphans), lambda _: None)

    # ------------------------------------------------------------ quit
    def _unsaved(self) -> list[Any]:
        return [s for s in self.slots if getattr(s.session, "unsaved", 0)]

    def action_quit(self) -> None:
        """Quit; decisions whose write failed are retried first, and never dropped unasked."""
        reason = ""
        for slot in self._unsaved():
            try:
                slot.session.retry()
            except HeduiError as exc:
                reason = str(exc)
        if not self._unsaved():
            self.app.exit()
            return
        self._show_saved()
        unsaved = sum(s.session.unsaved for s in self._unsaved())

        def done(choice: str | None) -> None:
            if choice == "quit":
                self.app.exit()
            elif choice == "retry":
                self.action_quit()

        self.app.clear_notifications()  # the dialog says it all; no toast over its text
        self.open_panel(QuitDialog(unsaved, reason), done)

    def action_help(self) -> None:
        panels = (FieldPicker, CorrectDialog, ChoiceField, SpanField)
        self.app.push_screen(HelpScreen(key_rows(self, self.app.keymap, panels)))
