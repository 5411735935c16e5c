"""Extracting many report files: from the cache where it holds them, else on a process pool,
results in input order.

    for path, records, error in extract_files(paths, rules_dir, cache, jobs=2):
        ...   # records: the JSON-able figures of the report (None with error: one line)

The pool is started at the second cache miss, the first one having been extracted here: the workers
are forked with the extractor already built and jieba's dictionary loaded. At most a few
reports per worker are in flight, so memory stays flat whatever the corpus size.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future  # (ProcessPoolExecutor and multiprocessing: when a pool starts)
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hedui.core.collector import collector_paused
from hedui.core.corpus.cache import ExtractionCache, FileStat, pack
from hedui.core.corpus.cached import decoded, read_report
from hedui.core.corpus.extraction import extract_bytes, extract_lines, lines_of, records_of
from hedui.core.model import HeduiError, Report

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: (path, records (or their JSON Lines) or None, one-line error or None)
Result = tuple[Path, list | None, str | None]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _work(data: bytes, name: str, rules_dir: str | None, excluded: bool,
          keep: bool = True, jobs: int = 1, as_text: bool = False,
          decoded: Report | None = None) -> tuple[list | None, Any, str | None]:
    """In a worker: (records, (blob, figures) for the cache or None when ``keep`` is false (no
    cache to keep it in), error) of one report's bytes; ``jobs``: processes for a long report;
    ``as_text``: the records as their JSON Lines (``lines_of``); ``decoded``: the report of the
    bytes (without artefacts), decoded already here."""
    with collector_paused():  # (collector.py) the whole report's work
        try:
            if as_text and not keep:  # nothing for the cache: the lines straight from the pieces
                return extract_lines(data, name, rules_dir, excluded, jobs, decoded), None, None
            extraction = extract_bytes(data, name, rules_dir, jobs, decoded)
        except HeduiError as exc:
            return None, None, str(exc)
        except Exception as exc:  # an extractor bug costs this report only
            return None, None, f"{name}: cannot extract ({type(exc).__name__}: {exc})"
        records = (lines_of if as_text else records_of)(extraction, name, excluded)
        return records, (pack(extraction) if keep else None), None


def extract_files(paths: list[Path], rules_dir: Path | None, cache: ExtractionCache, jobs: int = 1,
                  excluded: bool = False, on_done: Callable[[], None] | None = None,
                  as_text: bool = False) -> Iterator[Result]:
    """See the module doc. ``on_done()`` is called once per report as its result is known;
    ``as_text``: each report's records as their JSON Lines (``lines_of``)."""
    rules = str(rules_dir) if rules_dir is not None else None
    pool: ProcessPoolExecutor | None = None
    window: deque[_Item] = deque()
    warm = False  # a miss was extracted here: the workers forked from now on have the tools built
    try:
        for path in paths:
            try:
                data, stat = read_report(path)
                report = decoded(path, data)
                found = cache.load(report)
            except HeduiError as exc:
                window.append(_Item(path, (None, None, str(exc))))
            else:
                if found is not None:
                    records = (lines_of if as_text else records_of)(found, str(path), excluded)
                    window.append(_Item(path, (records, None, None)))
                elif jobs <= 1 or not warm:  # here: jobs 1, or the first miss (warms the tools)
                    window.append(_Item(path, _work(data, str(path), rules, excluded, cache.writable, jobs, as_text,
                                                    report), stat, report.sha256))
                    warm = True
                else:
                    if pool is None:  # at the second miss: no pool for a single report
                        pool = _pool(jobs)
                    future = pool.submit(_work, data, str(path), rules, excluded, cache.writable, 1, as_text)
                    window.append(_Item(path, future, stat, report.sha256))
            while window and (len(window) > 4 * max(jobs, 1) or not isinstance(window[0].outcome, Future)):
                yield window.popleft().settle(cache, on_done)
        while window:
            yield window.popleft().settle(cache, on_done)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


@dataclass
class _Item:
    """One report in flight: its outcome (or the future of it) and what the cache needs."""

    path: Path
    outcome: Any
    stat: FileStat | None = None
    sha256: str = ""

    def settle(self, cache: ExtractionCache, on_done: Callable[[], None] | None) -> Result:
        outcome = self.outcome
        if isinstance(outcome, Future):
            try:
                outcome = outcome.result()
            except Exception as exc:  # a worker died (killed, out of memory)
                outcome = (None, None, f"{self.path}: cannot extract ({type(exc).__name__}: {exc})")
        records, packed, error = outcome
        if packed is not None and self.sha256:
            cache.store_packed(self.stat, self.sha256, *packed)
        if on_done is not None:
            on_done()
        return self.path, records, error


def _pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes, forked where the platform can (imported only here:
    a single report, the most common call, pays nothing for the pool's modules)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork" if "fork" in methods else "spawn"))
