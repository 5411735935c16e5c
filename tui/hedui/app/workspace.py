"""The reports under review and how each is prepared (headless: no textual here).

A ``ReportSlot`` is one report of the command line: waiting, previewed (its
figures shown, nothing decidable: ``hedui.app.preview``), ready (extraction
and session open) or failed (``error`` holds the one-line reason).  ``prepare``
does the slow part and runs in a thread worker.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hedui.core.model import Extraction, HeduiError, SessionError, SessionLocked


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders as their ``*.txt`` files in name order; each report once
    (a folder is resolved once, not each of its files: 10,000 reports list in milliseconds)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            base = p.resolve()
            found = [(q, base / q.name) for q in sorted(p.glob("*.txt")) if q.is_file()]
        else:
            found = [(p, p.resolve())]
        for q, key in found:
            if key not in seen:
                seen.add(key)
                out.append(q)
    return out


@dataclass
class ReportSlot:
    path: Path
    extraction: Extraction | None = None
    session: Any = None  # hedui.core.session.session.Session
    error: str | None = None
    read_only: str | None = None  # why the session is read-only, if it is
    announced: bool = False  # read-only reason and session notices shown once
    preview: Any = None  # hedui.app.preview.Preview, shown until the session opens
    figures: int | None = None  # how many figures the extractor proposes (None: not counted yet)
    saved: tuple[int, int, int] | None = None  # (decided, flagged, total) of the saved session

    @property
    def ready(self) -> bool:
        return self.session is not None

    @property
    def shown(self) -> Any:
        """What the screen shows: the session, else the preview (None: nothing yet)."""
        return self.session if self.session is not None else self.preview

    @property
    def name(self) -> str:
        return self.path.name

    def progress(self) -> tuple[int, int]:
        if self.shown is None:
            return (0, 0)
        return tuple(self.shown.progress())  # type: ignore[return-value]


@dataclass
class Preparer:
    """Loads, extracts and opens sessions; one per app, used from one worker thread."""

    sessions_dir: Path
    reviewer: str
    rules_dir: Path | None = None
    #: an extractor to use instead of building ``Extractor(rules_dir)`` (tests pass a fixed one)
    given_extractor: Any = field(default=None, repr=False)
    _extractor: Any = field(default=None, repr=False)
    _artefact_rules: Any = field(default=None, repr=False)

    def extractor(self) -> Any:
        if self._extractor is None and self.given_extractor is not None:
            self._extractor = self.given_extractor
        if self._extractor is None:
            from hedui.core.extract.extractor import Extractor

            self._extractor = Extractor(self.rules_dir)
        return self._extractor

    def prepare(self, slot: ReportSlot) -> ReportSlot:
        """Load, extract and open the session of one report (in this thread)."""
        from hedui.core.text.artefact_rules import load_artefact_rules
        from hedui.core.text.report import load_report

        try:
            if self._artefact_rules is None:  # the --rules folder's, compiled once
                self._artefact_rules = load_artefact_rules(self.rules_dir)
            report = load_report(slot.path, artefact_rules=self._artefact_rules)
            slot.extraction = self.extractor().extract(report)
        except HeduiError as exc:
            slot.error = str(exc)
            return slot
        except Exception as exc:  # an extractor bug must not take the other reports down
            slot.error = f"{slot.path}: cannot prepare ({type(exc).__name__}: {exc})"
            return slot
        return self.open_session(slot)

    def open_session(self, slot: ReportSlot) -> ReportSlot:
        """Open the session of an extracted report; read-only (and why) if it cannot be written."""
        from hedui.core.session.session import Session

        try:
            slot.session = Session.open(slot.extraction, self.sessions_dir, self.reviewer)
        except SessionLocked as exc:
            slot.read_only = f"{exc} — opened read-only"
        except SessionError as exc:
            slot.read_only = f"{exc} — not overwritten, opened read-only"
        except Exception as exc:  # a bug in the session layer: this report only
            slot.error = f"{slot.path}: cannot open its session ({type(exc).__name__}: {exc})"
            return slot
        if slot.session is None:
            try:  # the session layer reads what it can, writing nothing
                slot.session = Session.open(
                    slot.extraction, self.sessions_dir, self.reviewer, read_only=True
                )
            except HeduiError:  # cannot even be read: show the proposals, save nothing
                from hedui.app.readonly_session import ReadOnlySession

                slot.session = ReadOnlySession(slot.extraction, slot.read_only or "")
        return slot


@dataclass
class Pace:
    """Decisions per hour in this run of the app."""

    started: float = field(default_factory=time.monotonic)
    decisions: int = 0

    def record(self, n: int = 1) -> None:
        """Count ``n`` decisions (-1 for one undone)."""
        self.decisions = max(0, self.decisions + n)

    def per_hour(self) -> int:
        elapsed = max(time.monotonic() - self.started, 60.0)
        return round(self.decisions * 3600 / elapsed)


def resume_index(paths: list[Path], sessions_dir: Path, reviewer: str) -> int:
    """The index of the report ``reviewer`` last decided on (0 if none of ``paths``): one pass
    over the session files' headers, then only the reports of that name are resolved."""
    from hedui.core.session.paths import resolve_report_path
    from hedui.core.session.read import last_worked_on

    stored = last_worked_on(Path(sessions_dir), reviewer)
    if stored is None:
        return 0
    target = resolve_report_path(stored, Path(sessions_dir)).resolve()
    for i, p in enumerate(paths):
        if p.name == target.name and p.resolve() == target:
            return i
    return 0
