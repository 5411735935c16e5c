"""The adjudication app (``hedui adjudicate``): the reviewer app whose reports are those two or
more reviewers decided, each opened as an ``Adjudication`` (the adjudicator's own session of it,
with the reviewers' versions beside it), on the ``AdjudicationScreen``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hedui.app.app import HeduiApp
from hedui.app.config import Config, load_config
from hedui.app.extraction_process import ExtractionProcess
from hedui.app.screens.adjudication import AdjudicationScreen
from hedui.app.workspace import Preparer, ReportSlot, expand_paths
from hedui.core.model import HeduiError, SessionLocked


@dataclass
class AdjudicationPreparer(Preparer):
    """Opens each report's adjudication (instead of a review session); runs no extractor: the
    figures are those the reviewers were shown (``reviewed_extraction``)."""

    #: report path as stored -> the review session files of that report
    files: dict[str, list[Path]] = field(default_factory=dict)

    def prepare(self, slot: ReportSlot) -> ReportSlot:
        """Read the report (no extraction) and open its adjudication."""
        from hedui.core.model import Extraction
        from hedui.core.text.artefact_rules import load_artefact_rules
        from hedui.core.text.report import load_report

        try:
            if self._artefact_rules is None:
                self._artefact_rules = load_artefact_rules(self.rules_dir)
            slot.extraction = Extraction(load_report(slot.path, artefact_rules=self._artefact_rules), ())
        except HeduiError as exc:
            slot.error = str(exc)
            return slot
        return self.open_session(slot)

    def open_session(self, slot: ReportSlot) -> ReportSlot:
        """The adjudication of ``slot``'s report, with the figures its reviewers were shown."""
        from hedui.core.dataset.adjudication import Adjudication, load_versions, reviewed_extraction
        from hedui.core.session.paths import stored_report_path

        try:
            rv = load_versions(self.files.get(stored_report_path(slot.path, self.sessions_dir), []),
                               self.sessions_dir)
            slot.extraction = reviewed_extraction(slot.extraction.report, rv)
            slot.session = Adjudication.open(slot.extraction, self.sessions_dir, self.reviewer, rv)
        except SessionLocked as exc:
            slot.error = f"{exc} — another hedui is adjudicating it"
        except HeduiError as exc:
            slot.error = str(exc)
        except Exception as exc:  # a bug: this report only
            slot.error = f"{slot.path}: cannot open its adjudication ({type(exc).__name__}: {exc})"
        return slot

    def extractor(self) -> Any:
        return self.given_extractor  # nothing to extract, nothing to add: no extractor is built


class AdjudicationApp(HeduiApp):
    SCREEN = AdjudicationScreen

    def _has_file(self, slot: ReportSlot) -> bool:
        return True  # an adjudication reads the reviewers' sessions: opened off the UI thread


class Unextracted:
    """The corpus server's "extractor" for adjudication: the report only (its figures are the
    reviewers', taken from their sessions when the adjudication opens)."""

    def extract(self, report: Any, context: bool = True) -> Any:
        from hedui.core.model import Extraction

        return Extraction(report, ())

    def parse_span(self, report: Any, start: int, end: int) -> None:
        return None


def shared_reports(paths: list[Path], sessions_dir: Path) -> tuple[list[Path], dict[str, list[Path]]]:
    """The reports of ``paths`` with review sessions of two reviewers or more, and the index."""
    from hedui.core.dataset.adjudication import review_files
    from hedui.core.session.paths import stored_report_path

    files = review_files(sessions_dir)
    reports = [p for p in expand_paths(paths) if len(files.get(stored_report_path(p, sessions_dir), ())) >= 2]
    return reports, files


def make_adjudication_app(paths: list[Path], sessions_dir: Path, adjudicator: str, *, rules_dir: Path | None = None,
                          config: Config | None = None) -> AdjudicationApp:
    """The app over the reports of ``paths`` that two or more reviewers decided (HeduiError if none)."""
    reports, files = shared_reports(paths, Path(sessions_dir))
    if not reports:
        raise HeduiError(f"{sessions_dir}: no report of {', '.join(map(str, paths))} has sessions of two reviewers")
    slots = [ReportSlot(path=p) for p in reports]
    preparer = AdjudicationPreparer(sessions_dir=Path(sessions_dir), reviewer=adjudicator, rules_dir=rules_dir,
                                    given_extractor=Unextracted(), files=files)
    extraction = ExtractionProcess(reports, 0, Path(sessions_dir), adjudicator, rules_dir, None,
                                   extractor=Unextracted(), thread=True)
    return AdjudicationApp(slots, preparer, config if config is not None else load_config(), extraction)
