"""The adjudication screen (``hedui adjudicate``): the review screen walking only the disputed
figures of each report, their versions side by side (``VersionsPanel``), ``1``…``9`` taking one
reviewer's version, ``e`` editing it (the correction form), ``x`` rejecting, ``u`` undoing.

A slot's session here is a ``hedui.core.dataset.adjudication.Adjudication``: every decision goes
through its session, as in review; its ``progress`` counts the disputes resolved."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding

from hedui.app.screens.review import ReviewScreen
from hedui.app.widgets.versions import VersionsPanel

TAKE_KEYS = 9
#: the review screen's keys an adjudication has (it resolves disputes; it adds nothing) ...
KEPT = {"review.next", "review.previous", "review.accept", "review.reject", "review.correct", "review.flag",
        "review.next_pending", "review.search", "review.next_report", "review.previous_report", "review.help",
        "review.quit", "review.clear_search", "review.undo", "review.redo"}
#: ... and those of them it leaves out of the Footer (at 80 columns the take keys come first)
QUIET = {"review.accept", "review.flag"}
#: actions of the review screen's own that never apply here
OFF = {"add", "promote", "next_excluded", "filter", "orphans"}


class AdjudicationScreen(ReviewScreen, inherit_bindings=False):
    BINDINGS = [
        Binding(str(k), f"take({k})", "Take", id=f"adjudicate.take_{k}") for k in range(1, TAKE_KEYS + 1)
    ] + [
        replace(b, show=b.show and b.id not in QUIET, description="Open" if b.id == "review.next_pending" else b.description)
        for b in ReviewScreen.BINDINGS if b.id in KEPT
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
            elif (e := adj.entry(self.current_id) if self.current_id else None) is not None:
                why = f"agreed by {e.decided_by}" if e.decided else "decided by no reviewer yet"
                panel.show_message(f"{e.text}: not disputed ({why}). n goes to the next open dispute.")
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
        """The next open dispute of this report after the cursor, else its first open one; with
        none left, the next report (which opens at its first open dispute)."""
        adj = self.adjudication
        pos = self.cursor_offset()
        open_ = [d for d in (adj.disputes if adj is not None else ()) if not adj.resolved(d)]
        target = next((d for d in open_ if d.span[0] > pos), open_[0] if open_ else None)
        if target is not None:
            self.go_to(target.entry_id)
        elif len(self.slots) > 1:
            self.show_report((self.index + 1) % len(self.slots))
        else:
            self.notify("Every dispute of this report is resolved.", timeout=3)
