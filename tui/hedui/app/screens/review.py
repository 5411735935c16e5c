"""The review screen: report text, figure table, detail line, header and footer.

This module holds the layout and what is shown; the moves between figures and
reports are in ``review_moves``, the decisions (accept, correct, add …) in
``review_actions``.
Focus stays on the screen itself, which owns every key, so the Footer shows
exactly the keys that apply (``check_action``).
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from hedui.app.screens.field_fixes import FIX_ACTIONS, FIX_BINDINGS, FieldFixActions
from hedui.app.screens.field_picker import FieldPicker
from hedui.app.screens.review_actions import DecisionActions
from hedui.app.screens.review_moves import MoveActions
from hedui.app.screens.review_panels import PanelHost
from hedui.app.screens.review_preview import PreviewUpgrade
from hedui.app.screens.review_search import SearchActions
from hedui.app.widgets.detail import DetailPanel
from hedui.app.widgets.figure_table import FigureTable
from hedui.app.widgets.footer import FittedFooter
from hedui.app.widgets.header import ReviewHeader, status_note
from hedui.app.widgets.panel import Panel
from hedui.app.widgets.report_marks import Mark
from hedui.app.widgets.report_view import ReportView
from hedui.app.workspace import ReportSlot
from hedui.core.printable import printable

WIDE_AT = 140  # columns from which text and table sit side by side

DECISIONS = {"accept", "reject", "flag", "correct"}
WRITES = DECISIONS | FIX_ACTIONS | {"add", "promote", "undo", "redo"}
SELECTION = {"sel_move", "sel_extend", "sel_line", "sel_extend_line", "sel_confirm", "sel_cancel"}


class ReviewScreen(MoveActions, DecisionActions, SearchActions, FieldFixActions, PreviewUpgrade, PanelHost,
                   Screen):
    """One report at a time; ``]``/``[`` switch, ``n`` crosses reports at the end of one."""

    #: a focus change repaints what its styles change, not the whole screen (Textual's default
    #: repaints every cell: ~6 KB at 80x24 over SSH each time a form or picker takes the keys)
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    AUTO_FOCUS = ""  # nothing: the screen owns the keys (None would be the app's "*")

    BINDINGS = [
        Binding("j,down", "next", "Next", show=False, id="review.next"),
        Binding("k,up", "previous", "Prev", show=False, id="review.previous"),
        Binding("a", "accept", "Accept", id="review.accept"),
        Binding("x", "reject", "Reject", id="review.reject"),
        Binding("e", "correct", "Edit", id="review.correct"),
        *FIX_BINDINGS[:2],  # L P: the label and period of the current figure (field_fixes)
        Binding("f", "flag", "Flag", id="review.flag"),
        Binding("i", "add", "Add", id="review.add"),
        Binding("p", "promote", "Promote", id="review.promote"),
        Binding("n", "next_pending", "Todo", id="review.next_pending"),
        Binding("N", "next_excluded", "Excluded", show=False, id="review.next_excluded"),
        # while a search is on, n and N step through its hits instead
        Binding("n", "next_hit", "Next hit", id="review.next_hit"),
        Binding("N", "previous_hit", "Prev hit", id="review.previous_hit"),
        Binding("slash", "search", "Search", show=False, id="review.search"),
        Binding("s", "filter", "Filter", show=False, id="review.filter"),
        Binding("right_square_bracket", "next_report", "Next report", show=False, id="review.next_report"),
        Binding("g", "reports", "Reports", id="review.reports"),
        Binding("left_square_bracket", "previous_report", "Prev report", show=False, id="review.previous_report"),
        Binding("o", "orphans", "Orphans", id="review.orphans"),
        Binding("question_mark", "help", "Help", id="review.help"),
        Binding("q", "quit", "Quit", id="review.quit"),
        # the Footer keeps the keys footer.PRIORITY names first, in this order
        Binding("escape", "clear_search", "Clear search", id="review.clear_search"),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("ctrl+r", "redo", "Redo", key_display="^r", id="review.redo"),
        # selection mode (i): only these apply while a span is being chosen
        Binding("h,left", "sel_move(-1)", "←", id="select.left"),
        Binding("l,right", "sel_move(1)", "→", id="select.right"),
        Binding("H,shift+left", "sel_extend(-1)", "Shrink", id="select.shrink"),
        Binding("L,shift+right", "sel_extend(1)", "Extend", id="select.extend"),
        Binding("j,down", "sel_line(1)", "Line down", show=False, id="select.down"),
        Binding("k,up", "sel_line(-1)", "Line up", show=False, id="select.up"),
        Binding("J,shift+down", "sel_extend_line(1)", "Extend a line", show=False, id="select.extend_down"),
        Binding("K,shift+up", "sel_extend_line(-1)", "Shrink a line", show=False, id="select.extend_up"),
        Binding("enter", "sel_confirm", "Use span", id="select.confirm"),
        Binding("escape", "sel_cancel", "Cancel", id="select.cancel"),
        *FIX_BINDINGS[2:],  # U B C . V R: the other fields, the repeat and the fills (field_fixes)
    ]
    #: the actions of the keys the Footer shows (``check_action`` decides which)
    FOOTER_ACTIONS = tuple(dict.fromkeys(b.action.split("(")[0] for b in BINDINGS if b.show))

    def __init__(self, slots: list[ReportSlot]) -> None:
        super().__init__()
        self.slots = slots
        self.index = 0
        self.filter = "all"
        self.current_id: str | None = None
        self.current_excluded: Any = None
        self.selecting = False
        self.search_pattern = ""
        self.search_active = False
        self.search_spans: list[tuple[int, int]] = []
        self.hit: int | None = None  # the search hit the cursor is on
        self.shown_index: int | None = None
        self.provisional = False  # the shown report is a preview: figures only, nothing decidable
        self._preview_first: str | None = None  # the figure a preview opened at
        self._extraction: Any = None  # the extraction shown (the preview's while provisional)
        self._preview: Any = None  # the preview shown while provisional
        self.laid_out = False  # composed and mounted: its widgets can be updated
        self._entries: dict[str, Any] = {}
        self._ordered: list[Any] = []
        self._starts: list[int] = []
        self._excluded: list[Any] = []
        self._binding_state: tuple = ()
        self._report_list: Any = None  # the report list (g), made on first use and kept
        self.panel: Panel | None = None  # a form shown in place of the detail and table

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        with Container(id="body"):
            view = ReportView(id="text")
            view.can_focus = False  # the screen owns every key
            yield view
            with Vertical(id="side"):
                yield DetailPanel(id="detail")
                yield FigureTable(id="table")
            yield FieldPicker()  # hidden until L P U B C (shown, never mounted: see field_fixes)
        yield FittedFooter()

    def on_mount(self) -> None:
        self.laid_out = True
        self._binding_state = tuple(self.check_action(action, ()) for action in self.FOOTER_ACTIONS)  # as composed
        self._layout(self.app.size.width)
        self.show_report(self.index)

    def on_unmount(self) -> None:
        self.laid_out = False  # being torn down: nothing more to update

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width >= WIDE_AT, "wide")

    @property
    def slot(self) -> ReportSlot:
        return self.slots[self.index]

    @property
    def view(self) -> ReportView:
        return self.query_one(ReportView)

    @property
    def table(self) -> FigureTable:
        return self.query_one(FigureTable)

    @property
    def detail(self) -> DetailPanel:
        return self.query_one(DetailPanel)

    # ------------------------------------------------------------------ state
    def reload_entries(self) -> None:
        """Re-read the session's entries (after a change in their set or order)."""
        shown = self._preview if self.provisional else self.slot.session
        entries = list(shown.entries) if shown is not None else []
        self._ordered = sorted(entries, key=lambda e: (e.start, e.end))
        self._starts = [e.start for e in self._ordered]
        self._entries = {e.id: e for e in self._ordered}

    def entry(self, entry_id: str | None) -> Any:
        return self._entries.get(entry_id) if entry_id else None

    def refresh_entry(self, entry_id: str) -> Any:
        """Take one entry's new state from the session and repaint only it."""
        try:
            new = self.slot.session.entry(entry_id)
        except KeyError:
            return None
        old = self._entries.get(entry_id)
        self._entries[entry_id] = new
        if old is not None:
            i = self._ordered.index(old)
            self._ordered[i] = new
        self.table.update_entry(new)
        self.view.update_mark(entry_id, new.status)
        return new

    def visible_entries(self) -> list[Any]:
        if self.filter == "all":
            return self._ordered
        return [e for e in self._ordered if e.status == self.filter]

    def cursor_offset(self) -> int:
        if self.hit is not None:
            return self.search_spans[self.hit][0]
        if self.current_excluded is not None:
            return self.current_excluded.start
        e = self.entry(self.current_id)
        return e.start if e is not None else -1

    # ------------------------------------------------------------------ showing
    def show_report(self, index: int, *, at: str | None = None) -> None:
        """Show report ``index``: its text, table and the figure to start at."""
        if index != self.index:
            self.app.leave(self.index)  # its session closes (off the UI thread)
        self.index = index
        self.app.hold(index)  # it and the next few prepared; its session opening
        self.current_excluded = None
        self.selecting = False
        self.hit, self.search_spans, self.search_active = None, [], False  # the view forgets it too
        slot = self.slot
        view, table = self.view, self.table
        self.provisional = False
        source = slot.shown
        if slot.error:
            self.shown_index = None
            self._entries, self._ordered, self._starts, self._excluded = {}, [], [], []
            view.set_document(f"{printable(slot.name)}\n\n{slot.error}", [])
            table.show_error(slot.name, slot.error)
            self.detail.show_message(f"✗ cannot open: {slot.error}")
            self.current_id = None
        elif source is None:
            self.shown_index = None
            self._entries, self._ordered, self._starts, self._excluded = {}, [], [], []
            view.set_document(f"{printable(slot.name)}\n\npreparing…", [])
            table.show([])
            self.detail.show_message(f"preparing {printable(slot.name)}…")
            self.current_id = None
        else:
            self.shown_index = index
            self.provisional = source is not slot.session
            self._preview = source if self.provisional else None
            self._extraction = source.extraction if self.provisional else slot.extraction
            self.reload_entries()
            self._excluded = sorted(self._extraction.excluded, key=lambda f: f.start)
            view.set_document(self._extraction.report.text, self.marks())
            table.show(self.visible_entries())
            first = at or (source.first_pending() or None)
            first_id = getattr(first, "id", first)
            if first_id is None and self._ordered:
                first_id = self._ordered[0].id
            self._preview_first = first_id
            self.go_to(first_id)
            self.call_after_refresh(self._reveal_current)
            if not self.provisional:
                self.announce()
        self.update_header()
        self.update_bindings()

    def marks(self) -> list[Mark]:
        """Artefacts, excluded numbers (where no figure covers them) and figures."""
        marks = [Mark(a.start, a.end, "artefact", f"a{a.start}") for a in self._extraction.report.artefacts]
        starts = self._starts  # figures sorted by start; their ends, running maximum
        ends = list(accumulate((e.end for e in self._ordered), max))
        for f in self._excluded:
            i = bisect_left(starts, f.end)  # figures starting before the number ends
            if i == 0 or ends[i - 1] <= f.start:
                marks.append(Mark(f.start, f.end, "excluded", f"x{f.start}"))
        marks.extend(Mark(e.start, e.end, e.status, e.id) for e in self._ordered)
        return marks

    def sync_marks(self) -> None:
        """Bring the text's marks in line with ``marks()``, repainting only what differs."""
        shown = {m.key: m for m in self.view.marks}
        wanted = {m.key: m for m in self.marks()}
        for key in shown.keys() - wanted.keys():
            self.view.remove_mark(key)
        for key, mark in wanted.items():
            old = shown.get(key)
            if old is None or (old.start, old.end) != (mark.start, mark.end):
                if old is not None:
                    self.view.remove_mark(key)
                self.view.add_mark(mark)
            elif old.kind != mark.kind:
                self.view.update_mark(key, mark.kind)

    def go_to(self, entry_id: str | None) -> None:
        """Make ``entry_id`` the current figure everywhere (text, table, detail)."""
        self.leave_hit()
        self.current_excluded = None
        self.current_id = entry_id
        entry = self.entry(entry_id)
        self.view.set_current(entry_id)
        self.table.select(entry_id)
        if entry is not None:
            self.detail.show_entry(entry)
        elif self.shown_index == self.index:
            self.detail.show_message("no figures in this report" if not self._ordered else "")
        self.update_bindings()

    def _reveal_current(self) -> None:
        """Scroll the current figure into view once the new document is laid out."""
        entry = self.entry(self.current_id)
        if entry is not None:
            self.view.scroll_to_offset(entry.start, entry.end)

    def go_to_excluded(self, figure: Any) -> None:
        self.leave_hit()
        self.current_excluded = figure
        self.current_id = None
        self.view.set_current(f"x{figure.start}")
        self.detail.show_excluded(figure)
        self.update_bindings()

    def update_header(self) -> None:
        slot = self.slot
        totals = self.app.totals
        done, total = totals.overall(self.index, slot.progress() if slot.shown is not None else None)
        unsaved = getattr(slot.session, "unsaved", 0) if slot.session is not None else 0
        note = status_note(
            counting=None if totals.complete else (totals.counted, len(self.slots)),
            labels_pending=self.provisional and getattr(self._preview, "labels_pending", False),
            filter=self.filter, search=self.search_note() if self.search_active else "",
            error=bool(slot.error), read_only=bool(slot.read_only),
            orphans=len(getattr(slot.session, "orphans", None) or ()), unsaved=unsaved)
        self.query_one(ReviewHeader).show(
            slot.name, (self.index + 1, len(self.slots)), slot.progress(), (done, total),
            self.app.pace.per_hour(), note,
        )

    def update_bindings(self, quietly: bool = False) -> None:
        """Tell the Footer when the keys it shows changed (and only then: each time it
        recomposes, and the screen repaints its scrollbars; keys are checked as pressed).
        ``quietly``: note the state only (a focus change is about to refresh the Footer)."""
        state = tuple(self.check_action(action, ()) for action in self.FOOTER_ACTIONS)
        if state != self._binding_state:
            self._binding_state = state
            if not quietly:
                self.refresh_bindings()

    def _can(self, name: str) -> bool:
        """``session.can_undo()`` / ``can_redo()``; True where the session cannot tell."""
        check = getattr(self.slot.session, name, None)
        return bool(check()) if callable(check) else True

    def report_prepared(self, index: int) -> None:
        """A worker finished report ``index``: show it if it is the one on screen."""
        if index == self.index and self.shown_index == index and self.provisional:
            self.upgrade_preview()
        elif index == self.index and self.shown_index != index:
            self.show_report(index)
        else:
            self.update_header()

    # ------------------------------------------------------------------ keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.panel is not None:  # the panel's own keys apply, none of the screen's
            return False
        if action in SELECTION:
            return self.selecting
        if self.selecting:
            return action in {"help", "quit"}
        if action in {"next_report", "previous_report", "reports"}:
            return len(self.slots) > 1
        if action in ("clear_search", "next_hit", "previous_hit"):
            return self.search_active
        if action == "next_pending":
            return not self.search_active
        if action in WRITES:
            if not self.slot.ready or self.slot.read_only:
                return False
            if action in DECISIONS:
                return self.current_id is not None
            if action in FIX_ACTIONS:
                return self.fix_applies(action)
            if action == "promote":
                return bool(self._excluded)
            if action in ("undo", "redo"):
                return self._can(f"can_{action}")
        if action == "next_excluded":
            return bool(self._excluded) and not self.search_active
        if action == "orphans":
            return bool(getattr(self.slot.session, "orphans", None))
        return True

    @on(FigureTable.RowHighlighted)
    def _row_clicked(self, event: FigureTable.RowHighlighted) -> None:
        """A click on a row (with the mouse on) makes it the current figure."""
        if not self.table.clicked:
            return  # a move of ours (or a rebuilt table's row 0), not the reviewer's click
        self.table.clicked = False
        key = event.row_key.value
        if key in self._entries and key != self.current_id:
            self.go_to(key)
