"""The hedui reviewer app and ``make_app``, the factory the CLI and the tests use.

A corpus server (``hedui.app.extraction_process``: a forked child, or a thread) extracts the
reports near the reviewer through the extraction cache and counts the whole corpus in the
background; a thread worker here turns what it sends into messages.  Only the reports near
the reviewer are held prepared (``hedui.app.corpus.window``); only the report on screen has its
session open (``hedui.app.session_keeper``), and a session's file is written with its first
decision, so opening a corpus writes nothing.  The header's totals come from the counts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App
from textual.worker import Worker, WorkerState, get_current_worker

from hedui.app.config import Config, load_config
from hedui.app.corpus import CorpusTotals, window
from hedui.app.extraction_process import ExtractionProcess
from hedui.app.messages import CacheWarned, CorpusCounted, ReportExtracted, ReportPrepared, ReportPreviewed
from hedui.app.preview import make_preview
from hedui.app.screens.review import ReviewScreen
from hedui.app.session_keeper import SessionKeeper, tally
from hedui.app.workspace import Pace, Preparer, ReportSlot, expand_paths, resume_index
from hedui.core.model import HeduiError
from hedui.core.printable import printable

#: the terminal's own 16 colours; the app is built with native ANSI colour on (``ansi_color=True``),
#: so that under NO_COLOR Textual drops every colour (default fg/bg) instead of mapping them to black
THEME = "ansi-dark"


class HeduiApp(App[int]):
    """Keyboard-only review of extracted figures."""

    CSS_PATH = "hedui.tcss"
    TITLE = "hedui"
    ENABLE_COMMAND_PALETTE = False
    SCREEN: type[ReviewScreen] = ReviewScreen  # the adjudication app shows its own

    def __init__(self, slots: list[ReportSlot], preparer: Preparer, config: Config,
                 extraction: ExtractionProcess, first: int = 0) -> None:
        super().__init__(ansi_color=True)  # with THEME: NO_COLOR gives default fg/bg (see THEME)
        self.slots = slots
        self.first = first
        self.extraction = extraction
        self.preparer = preparer
        self.config = config
        self.keymap: dict[str, str] = dict(config.keymap)
        self.pace = Pace()
        self.totals = CorpusTotals(slots)
        self.close_errors: list[str] = []  # sessions that could not be closed cleanly
        self.animation_level = "none"
        self.theme = THEME
        self.review: ReviewScreen | None = None
        self.held: set[int] = set()  # reports whose extraction is held (the window)
        self.asked: set[int] = {first} if slots else set()  # asked of the server, not come yet
        self.keeper = SessionKeeper(preparer, self._session_opened, lambda: self.current)
        self._warmed = False
        self._names: list[str] | None = None
        self.owners: list[str] | None = None  # each report's assigned reviewers ("ana+bo"), if assigned
        self.background_extracted: int | None = None  # reports the server extracted (None: still counting)

    def names(self) -> list[str]:
        """The reports' file names (made once, on the first report list), each with its reviewers
        where the sessions folder has an assignment (``owners``), so that typing a name filters."""
        if self._names is None:
            owners = self.owners or [""] * len(self.slots)
            self._names = [s.path.name + (f"  · {o}" if o else "") for s, o in zip(self.slots, owners)]
        return self._names

    def _review_shown(self) -> bool:
        """Whether the review screen's widgets can be updated (laid out, not being torn down)."""
        return self.review is not None and self.review.laid_out and self.review.is_attached

    @property
    def current(self) -> int:
        return self.review.index if self.review is not None else self.first

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
        self.review.index = self.first  # the report last worked on
        self.push_screen(self.review)  # at once: the first frame lays it out in one paint
        self.listen()

    # ------------------------------------------------------------ the corpus server
    @work(thread=True, exclusive=True, group="listen", exit_on_error=False)
    def listen(self) -> None:
        worker = get_current_worker()
        for msg in self.extraction.messages():
            if worker.is_cancelled:
                return
            kind = msg[0]
            if kind == "preview":
                _, i, extraction = msg
                slot = self.slots[i]
                if slot.session is None and slot.extraction is None:
                    slot.preview = make_preview(extraction, self.preparer.sessions_dir, self.preparer.reviewer)
                    self.post_message(ReportPreviewed(i, slot))
            elif kind == "ready":
                self.post_message(ReportExtracted(msg[1], msg[2], msg[3]))
            elif kind in ("figures", "decisions"):
                self.post_message(CorpusCounted(kind, msg[1]))
            elif kind == "counted":
                self.background_extracted = msg[1]  # what the server had to extract (0: all from the cache)
                self.post_message(CorpusCounted("done", []))
            elif kind == "warning":
                self.post_message(CacheWarned(msg[1]))

    def hold(self, index: int) -> None:
        """Report ``index`` comes on screen: hold it and the next few prepared, let go of the
        rest, and open its session (off the UI thread) if its extraction is here."""
        near = window(index, len(self.slots))
        for j in self.held - set(near):
            slot = self.slots[j]
            if slot.session is None:
                slot.extraction = slot.preview = None
        self.held = set(near)
        for j in near:
            slot = self.slots[j]
            if slot.extraction is None and slot.error is None and j not in self.asked:
                self.asked.add(j)
                self.extraction.want(j)
        slot = self.slots[index]
        if slot.extraction is not None and slot.session is None:
            if self.keeper.idle and not self._has_file(slot):
                self.preparer.open_session(slot)  # a new session: a lock, nothing to read or write
                slot.preview = None
                self._warm(slot)
                return
            if slot.preview is None:
                slot.preview = make_preview(slot.extraction, self.preparer.sessions_dir, self.preparer.reviewer,
                                            provisional=False)
            self.keeper.open(index, slot)

    def _has_file(self, slot: ReportSlot) -> bool:
        from hedui.core.session.paths import session_path

        try:
            return session_path(self.preparer.sessions_dir, slot.extraction.report, self.preparer.reviewer).exists()
        except OSError:
            return True

    def leave(self, index: int) -> None:
        """The reviewer left report ``index``: close its session (its file written, off the UI
        thread; a session with nothing decided has nothing to write: its lock goes at once).
        A session holding decisions a failed write kept in memory stays open, to be retried."""
        slot = self.slots[index]
        if getattr(slot.session, "unsaved", 0):  # decisions only in memory: kept open until written
            return
        session, slot.session = slot.session, None
        if session is not None:
            self.totals.set_saved(index, *tally(session))
            if getattr(session, "written", False) or not self.keeper.idle:
                self.keeper.close(session)
            else:
                try:
                    session.close()
                except HeduiError as exc:
                    self.close_errors.append(str(exc))
        slot.preview = None

    def _session_opened(self, index: int, slot: ReportSlot) -> None:
        self.post_message(ReportPrepared(index, slot))

    @on(ReportExtracted)
    def _extracted(self, message: ReportExtracted) -> None:
        i = message.index
        self.asked.discard(i)
        slot = self.slots[i]
        if message.error is not None:
            self.totals.set_figures(i, None, message.error)  # an error row (never over an open session)
        elif i in self.held and slot.extraction is None:
            slot.extraction = message.extraction
        if i == self.current and self._review_shown():
            if slot.error is not None or slot.session is not None:
                self.review.show_report(i)
            else:
                self.hold(i)  # the session at once, or a preview with the session behind it
                if slot.session is not None:
                    self.review.report_prepared(i)
                else:
                    self.review.report_previewed(i)

    @on(ReportPrepared)
    def _prepared(self, message: ReportPrepared) -> None:
        i, slot = message.index, message.slot
        if i != self.current:  # left meanwhile: close it again
            self.leave(i)
            return
        if self._review_shown():
            self.review.report_prepared(i)
        self._warm(slot)

    def _warm(self, slot: ReportSlot) -> None:
        if not self._warmed:
            self._warmed = True
            self.warm_parse_span(slot)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def warm_parse_span(self, slot: ReportSlot) -> None:
        """Build this process's extractor (parse_span for add and promote) off the UI thread,
        so the first ``i``/``p`` does not wait for it."""
        extractor = self.preparer.extractor()
        extraction = slot.extraction
        if extraction is not None and extraction.report.text:
            try:
                extractor.parse_span(extraction.report, 0, min(8, len(extraction.report.text)))
            except Exception:  # only a warm-up: the real call reports its own errors
                pass

    @on(ReportPreviewed)
    def _previewed(self, message: ReportPreviewed) -> None:
        if self._review_shown():
            self.review.report_previewed(message.index)

    @on(CorpusCounted)
    def _counted(self, message: CorpusCounted) -> None:
        if message.kind == "figures":
            for i, n, error in message.items:
                self.totals.set_figures(i, n, error)
        elif message.kind == "decisions":
            for i, decided, flagged, total in message.items:
                if self.slots[i].session is None:
                    self.totals.set_saved(i, decided, flagged, total)
        if self._review_shown():
            self.review.update_header()
            if self.slots[self.current].error and self.review.shown_index is None:
                self.review.show_report(self.current)
        refresh = getattr(self.screen, "corpus_changed", None)
        if callable(refresh):
            refresh()

    @on(CacheWarned)
    def _cache_warned(self, message: CacheWarned) -> None:
        self.notify(message.line, title="Extraction cache", severity="warning", timeout=8)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(f"Preparing reports failed: {event.worker.error}", severity="error", timeout=10)

    # ------------------------------------------------------------ closing
    def on_unmount(self) -> None:
        self.workers.cancel_group(self, "listen")
        self.extraction.close()
        self.close_sessions()
        self.keeper.stop()

    def close_sessions(self) -> list[str]:
        """Close every session (final write, lock released); the one-line errors, if any.

        A failed close loses nothing: every decision is already in the journal.
        """
        self.keeper.wait()
        errors = []
        for slot in self.slots:  # the one on screen, and any kept open with unsaved decisions
            if slot.session is not None:
                session, slot.session = slot.session, None
                try:
                    session.close()
                except HeduiError as exc:
                    errors.append(str(exc))
        errors += [e for e in self.keeper.errors if e not in self.close_errors]
        self.close_errors.extend(e for e in errors if e not in self.close_errors)
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
    cache_root: Path | None = None,
    files: list[Path] | None = None,
) -> HeduiApp:
    """The app for ``paths`` (files, or folders of ``.txt``; ``files``: already expanded).

    ``extraction``: the corpus server already started in a child (``start_extraction``);
    without it, one runs in a thread.  ``cache_root``: the extraction cache folder (None: no
    cache).  ``extractor``: an object with ``extract``/``parse_span`` to use instead of
    ``Extractor(rules_dir)`` (the snapshot tests pass a fixed one).
    """
    files = files if files is not None else expand_paths([Path(p) for p in paths])
    slots = [ReportSlot(path=p) for p in files]
    preparer = Preparer(
        sessions_dir=Path(sessions_dir), reviewer=reviewer, rules_dir=rules_dir, given_extractor=extractor
    )
    if extraction is None:
        first = resume_index(files, Path(sessions_dir), reviewer)
        extraction = ExtractionProcess(files, first, Path(sessions_dir), reviewer, rules_dir, cache_root,
                                       extractor=extractor, thread=True)
    app_config = config if config is not None else load_config()
    return HeduiApp(slots, preparer, app_config, extraction, first=extraction.first)
