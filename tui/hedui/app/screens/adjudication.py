"""The adjudication screen (``hedui adjudicate``): the review screen walking only the disputed
figures of each report, their versions side by side (``VersionsPanel``), ``1``…``9`` taking one
reviewer's version, ``e`` editing it (the correction form), ``x`` rejecting, ``u`` undoing.

A slot's session here is a ``hedui.core.dataset.adjudication.Adjudication``: every decision goes
through its session, as in review; its ``progress`` counts the disputes resolved."""
from __future__ import annotations

from typing import Any

from textual.binding import Binding

from hedui.app.screens.review import ReviewScreen
from hedui.app.widgets.versions import VersionsPanel

TAKE_KEYS = 9
#: review keys that do not apply to an adjudication (it resolves disputes; it adds nothing)
OFF = {"add", "promote", "next_excluded", "filter", "orphans"}


class AdjudicationScreen(ReviewScreen, inherit_bindings=False):
    BINDINGS = [
        Binding(str(k), f"take({k})", "Take", id=f"adjudicate.take_{k}") for k in range(1, TAKE_KEYS + 1)
    ] + [
        Binding("j,down", "next", "Next", show=False, id="review.next"),
        Binding("k,up", "previous", "Prev", show=False, id="review.previous"),
        Binding("e", "correct", "Edit", id="review.correct"),
        Binding("x", "reject", "Reject", id="review.reject"),
        Binding("a", "accept", "Accept", show=False, id="review.accept"),
        Binding("f", "flag", "Flag", show=False, id="review.flag"),
        Binding("n", "next_pending", "Open", id="review.next_pending"),
        Binding("slash", "search", "Search", show=False, id="review.search"),
        Binding("right_square_bracket", "next_report", "Next report", show=False, id="review.next_report"),
        Binding("left_square_bracket", "previous_report", "Prev report", show=False, id="review.previous_report"),
        Binding("question_mark", "help", "Help", id="review.help"),
        Binding("q", "quit", "Quit", id="review.quit"),
        Binding("escape", "clear_search", "Clear search", id="review.clear_search"),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("ctrl+r", "redo", "Redo", key_display="^r", id="review.redo"),
    ]
    FOOTER_ACTIONS = tuple(dict.fromkeys(b.action for b in BINDINGS if b.show))

    def on_mount(self) -> None:
        self.add_class("adjudicating")
        self.query_one("#side").mount(VersionsPanel(id="versions"), before=0)  # over the review screen's side
        super().on_mount()

    # ------------------------------------------------------------ what is shown
    @property
    def adjudication(self) -> Any:
        session = self.slot.session
        return session if hasattr(session, "disputes") else None

    def dispute(self) -> Any:
        adj = self.adjudication
        return adj.dispute(self.current_id) if adj is not None else None

    def visible_entries(self) -> list[Any]:
        adj = self.adjudication
        if adj is None:
            return []
        ids = {d.entry_id for d in adj.disputes}
        return [e for e in self._ordered if e.id in ids]

    def go_to(self, entry_id: str | None) -> None:
        super().go_to(entry_id)
        self.show_versions()

    def refresh_entry(self, entry_id: str) -> Any:
        new = super().refresh_entry(entry_id)
        self.show_versions()
        return new

    def show_versions(self) -> None:
        panel = self.query_one(VersionsPanel)
        adj, d = self.adjudication, self.dispute()
        if d is None:
            if self.slot.error:
                panel.show_message(f"✗ {self.slot.error}")
            elif adj is None:
                panel.show_message(f"preparing {self.slot.name}…")
            elif not adj.disputes:
                panel.show_message("No disputes in this report: every figure the reviewers decided alike "
                                   "is taken as agreed. ] next report, q quit.")
            else:
                panel.show_message("")
            return
        entry = adj.entry(d.entry_id)
        position = (adj.disputes.index(d) + 1, len(adj.disputes))
        agreed = sum(1 for e in adj.entries if e.decided and e.decided_by != adj.session.reviewer)
        hint = (f"{len(adj.disputes)} disputed · {agreed} agreed by {', '.join(adj.reviewers)}"
                f" · 1–{len(d.versions)} take a version, e edit it")
        panel.show(d, entry, adj.resolved(d), position, hint)

    def show_report(self, index: int, *, at: str | None = None) -> None:
        super().show_report(index, at=at)
        adj = self.adjudication
        if adj is not None and self.dispute() is None and self.shown_index == index:
            first = adj.first_pending() or (adj.session.entry(adj.disputes[0].entry_id) if adj.disputes else None)
            self.go_to(first.id if first is not None else None)
        self.show_versions()

    # ------------------------------------------------------------ keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in OFF:
            return False
        if action == "take":
            if self.panel is not None or self.selecting or not self.slot.ready or self.slot.read_only:
                return False
            d = self.dispute()
            if d is None:
                return False
            return not parameters or int(parameters[0]) <= len(d.versions)  # type: ignore[call-overload]
        return super().check_action(action, parameters)

    def update_bindings(self) -> None:
        d = self.dispute()
        state = (len(d.versions) if d is not None else 0,) + tuple(
            self.check_action(action, ()) for action in self.FOOTER_ACTIONS)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def action_take(self, k: int) -> None:
        adj, eid = self.adjudication, self.current_id
        if adj is None or eid is None or adj.dispute(eid) is None:
            return
        if self._write(adj.take, eid, k):
            self._decided(eid, advance=True)

    def action_next_pending(self) -> None:
        """The next open dispute: in this report after the cursor, then in the next reports."""
        adj = self.adjudication
        pos = self.cursor_offset()
        if adj is not None:
            for d in adj.disputes:
                if d.span[0] > pos and not adj.resolved(d):
                    self.go_to(d.entry_id)
                    return
        n = len(self.slots)
        for step in range(1, n + 1):
            j = (self.index + step) % n
            s = self.slots[j]
            if s.ready and hasattr(s.session, "disputes"):
                first = s.session.first_pending()
                if first is not None:
                    if j != self.index:
                        self.show_report(j, at=first.id)
                    else:
                        self.go_to(first.id)
                    return
        if any(not s.ready and not s.error for s in self.slots):
            self.notify("No open dispute here; other reports are still being prepared.", timeout=3)
        else:
            self.notify("Every dispute of every report is resolved.", timeout=3)
