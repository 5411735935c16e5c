"""Extraction in a forked child process, so that the heavy start-up of the extractor
(jieba's dictionary, opencc) runs on the other core while the app starts and paints.

``ExtractionProcess(paths, rules_dir)`` forks at once (call it before importing
Textual: no threads exist yet) and extracts the reports in the given order,
sending each ``Extraction`` (or the one-line error) back as soon as it is done.
``results()`` yields ``(k, extraction, error, provisional)`` in that order; if
the child dies, it simply stops early and the caller prepares the rest itself.

The first report comes twice: at once a provisional figures-only extraction
(``extract(report, context=False)``: no labels or periods, so no jieba, ~10 ms),
for the screen to show while jieba's dictionary loads (~0.8 s), then the full
one.  A provisional extraction is only ever shown, never used to open a session.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hedui.core.model import Extraction, HeduiError


def _serve(conn: Any, paths: list[Path], rules_dir: Path | None) -> None:
    """The child: extract each report in order and send the result back."""
    from hedui.core.text.artefact_rules import load_artefact_rules
    from hedui.core.extract.extractor import Extractor
    from hedui.core.text.report import load_report
    from hedui.app.workspace import check_review_size

    extractor = artefact_rules = None
    try:
        for k, path in enumerate(paths):
            try:
                if artefact_rules is None:  # the --rules folder's, compiled once for every report
                    artefact_rules = load_artefact_rules(rules_dir)
                check_review_size(path)
                report = load_report(path, artefact_rules=artefact_rules)
                if extractor is None:
                    extractor = Extractor(rules_dir, artefact_rules.simplifier)
                if k == 0:  # something to show before the labels' jieba is loaded
                    _send_provisional(conn, k, extractor, report)
                conn.send((k, extractor.extract(report), None, False))
            except HeduiError as exc:
                conn.send((k, None, str(exc), False))
            except Exception as exc:  # an extractor bug costs this report only
                conn.send((k, None, f"{path}: cannot prepare ({type(exc).__name__}: {exc})", False))
    except (BrokenPipeError, EOFError, OSError):  # the app has gone
        pass
    finally:
        conn.close()


def _send_provisional(conn: Any, k: int, extractor: Any, report: Any) -> None:
    """The figures of ``report`` without labels or periods (a failure here is left to the full run)."""
    try:
        provisional = extractor.extract(report, context=False)
    except Exception:  # the full extraction that follows reports it
        return
    conn.send((k, provisional, None, True))


class ExtractionProcess:
    """A child process extracting ``paths`` in order (see the module doc)."""

    def __init__(self, paths: list[Path], order: list[int], rules_dir: Path | None = None) -> None:
        self.order = list(order)  # indexes into the app's report list, in extraction order
        self.paths = [paths[i] for i in self.order]
        ctx = multiprocessing.get_context("fork")
        receiver, sender = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_serve, args=(sender, self.paths, rules_dir), name="hedui-extract", daemon=True
        )
        self._process.start()
        sender.close()
        self._conn = receiver

    def results(self) -> Iterator[tuple[int, Extraction | None, str | None, bool]]:
        """``(k, extraction, error, provisional)``: every report once with ``provisional``
        False, the first one also before that with True (see the module doc)."""
        finals = 0
        while finals < len(self.paths):
            try:
                item = self._conn.recv()
            except (EOFError, OSError):
                return
            finals += not item[3]
            yield item

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=2)
        self._conn.close()


def start_extraction(
    paths: list[Path], sessions_dir: Path, reviewer: str, rules_dir: Path | None = None
) -> ExtractionProcess | None:
    """Start extracting ``paths`` (files or folders, as given to the app) in resume order.

    None where fork is not available: then the app's thread worker does the work.
    """
    from hedui.app.workspace import expand_paths, resume_order

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    files = expand_paths([Path(p) for p in paths])
    order = resume_order(files, Path(sessions_dir), reviewer)
    try:
        return ExtractionProcess(files, order, rules_dir)
    except OSError:
        return None
