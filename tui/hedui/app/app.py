"""The hedui reviewer app and ``make_app``, the factory the CLI and the tests use.

Reports are prepared (loaded, extracted, session opened) in a thread worker
that posts ``ReportPrepared`` for each; the report to resume is prepared first,
so it is on screen before the rest are extracted.  With the child process, its
figures come even earlier (``ReportPreviewed``: shown, not yet decidable)
while the child loads jieba's dictionary for the labels.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App
from textual.worker import Worker, WorkerState, get_current_worker

from hedui.app.config import Config, load_config
from hedui.app.messages import PreparationProgressed, ReportPrepared, ReportPreviewed
from hedui.app.preview import make_preview
from hedui.app.screens.review import ReviewScreen
from hedui.core.model import HeduiError
from hedui.core.printable import printable
from hedui.app.extraction_process import ExtractionProcess
from hedui.app.workspace import Pace, Preparer, ReportSlot, expand_paths, resume_order

#: the terminal's own 16 colours; the app is built with native ANSI colour on (``ansi_color=True``),
#: so that under NO_COLOR Textual drops every colour (default fg/bg) instead of mapping them to black
THEME = "ansi-dark"


class HeduiApp(App[int]):
    """Keyboard-only review of extracted figures."""

    CSS_PATH = "hedui.tcss"
    TITLE = "hedui"
    ENABLE_COMMAND_PALETTE = False
    SCREEN: type[ReviewScreen] = ReviewScreen  # the adjudication app shows its own

    def __init__(
        self,
        slots: list[ReportSlot],
        preparer: Preparer,
        config: Config,
        order: list[int] | None = None,
        extraction: ExtractionProcess | None = None,
    ) -> None:
        super().__init__(ansi_color=True)  # with THEME: NO_COLOR gives default fg/bg (see THEME)
        self.slots = slots
        self.order = order if order is not None else list(range(len(slots)))
        self.extraction = extraction
        self.preparer = preparer
        self.config = config
        self.keymap: dict[str, str] = dict(config.keymap)
        self.pace = Pace()
        self.close_errors: list[str] = []  # sessions that could not be closed cleanly
        self.animation_level = "none"
        self.theme = THEME
        self.review: ReviewScreen | None = None

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast: text from files (names, errors) shown with control characters visible and
        never read as markup."""
        super().notify(printable(message, keep="\n"), title=printable(title), severity=severity,
                       timeout=timeout, markup=False)

    def on_key(self, event: Any) -> None:
        """A key that reaches the app (before its bindings) while the review screen is opening
        a panel: it was typed for the panel, and the screen holds it for it."""
        if self.review is not None and self.screen is self.review:
            self.review.hold_key(event)

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.review = self.SCREEN(self.slots)
        if self.order:
            self.review.index = self.order[0]  # the report to resume, first prepared
        self.push_screen(self.review)  # at once: the first frame lays it out in one paint
        self.prepare_reports()

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def prepare_reports(self) -> None:
        worker = get_current_worker()
        order = self.order
        done: set[int] = set()

        def publish(index: int) -> bool:
            slot = self.slots[index]
            if worker.is_cancelled:  # the app is closing: release what was just opened
                if slot.session is not None:
                    slot.session.close()
                    slot.session = None
                return False
            done.add(index)
            self.post_message(ReportPrepared(index, slot))
            self.post_message(PreparationProgressed(len(done), len(order)))
            return True

        if self.extraction is not None:  # extracted by the child process, in this order
            for k, extraction, error, provisional in self.extraction.results():
                if worker.is_cancelled:
                    return
                slot = self.slots[order[k]]
                if provisional:  # figures only: shown while the labels are prepared
                    if extraction is not None and slot.session is None:
                        slot.preview = make_preview(extraction, self.preparer.sessions_dir, self.preparer.reviewer)
                        self.post_message(ReportPreviewed(order[k], slot))
                    continue
                slot.extraction, slot.error = extraction, error
                if extraction is not None:
                    self.preparer.open_session(slot)
                slot.preview = None  # the session (or the error) is shown from now on
                if not publish(order[k]):
                    return
                if k == 0:  # the first report is on screen: now ready the parse_span of add/promote
                    self._warm_parse_span(slot)
            self.extraction.close()
        for index in order:  # whatever the child did not do (or all, without one)
            if index in done:
                continue
            if worker.is_cancelled:
                return
            self.preparer.prepare(self.slots[index])
            if not publish(index):
                return
        self.preparer.extractor()  # warm for parse_span (add, promote), off the UI thread

    def _warm_parse_span(self, slot: ReportSlot) -> None:
        """Build this process's extractor (parse_span for add and promote) in the worker,
        so the first ``i``/``p`` does not wait for it on the UI thread."""
        extractor = self.preparer.extractor()
        if slot.extraction is not None and slot.extraction.report.text:
            try:
                extractor.parse_span(slot.extraction.report, 0, min(8, len(slot.extraction.report.text)))
            except Exception:  # only a warm-up: the real call reports its own errors
                pass

    @on(ReportPrepared)
    def _prepared(self, message: ReportPrepared) -> None:
        if self.review is not None and self.review.laid_out:
            self.review.report_prepared(message.index)

    @on(ReportPreviewed)
    def _previewed(self, message: ReportPreviewed) -> None:
        if self.review is not None and self.review.laid_out:
            self.review.report_previewed(message.index)

    @on(PreparationProgressed)
    def _progressed(self, message: PreparationProgressed) -> None:
        if self.review is not None and self.review.laid_out:
            self.review.update_header()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(f"Preparing reports failed: {event.worker.error}", severity="error", timeout=10)

    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "prepare")
        if self.extraction is not None:
            self.extraction.close()
        self.close_sessions()

    def close_sessions(self) -> list[str]:
        """Close every session (final write, lock released); the one-line errors, if any.

        A failed close loses nothing: every decision is already in the journal.
        """
        errors = []
        for slot in self.slots:
            if slot.session is not None:
                session, slot.session = slot.session, None
                try:
                    session.close()
                except HeduiError as exc:
                    errors.append(str(exc))
        self.close_errors.extend(errors)
        return errors

    async def action_quit(self) -> None:
        self.exit(0)


def make_app(
    paths: list[Path],
    sessions_dir: Path,
    reviewer: str,
    rules_dir: Path | None = None,
    config: Config | None = None,
    extraction: ExtractionProcess | None = None,
    extractor: Any = None,
) -> HeduiApp:
    """The app for ``paths`` (files, or folders of ``.txt``).

    ``extraction``: a child process already extracting the reports in resume
    order (``start_extraction``); without it, a thread worker does it all.
    ``extractor``: an object with ``extract``/``parse_span`` to use instead of
    ``Extractor(rules_dir)`` (the snapshot tests pass a fixed one).
    """
    files = expand_paths([Path(p) for p in paths])
    slots = [ReportSlot(path=p) for p in files]
    preparer = Preparer(
        sessions_dir=Path(sessions_dir), reviewer=reviewer, rules_dir=rules_dir, given_extractor=extractor
    )
    order = extraction.order if extraction is not None else resume_order(files, Path(sessions_dir), reviewer)
    app_config = config if config is not None else load_config()
    return HeduiApp(slots, preparer, app_config, order=order, extraction=extraction)
