"""Reports extracted through the cache: a hit costs reading, hashing and decoding the report
(no artefact search, no extractor, no jieba); a miss is extracted and kept.

    corpus = CachedExtractor(rules_dir, cache_root())      # or cache=None: no cache
    extraction = corpus.extract_path(path)                  # ReportError for a bad report
    corpus.summaries(paths)                                 # figures per report, from the cache only
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from hedui.core.corpus.cache import ExtractionCache, FileStat, extractor_key
from hedui.core.model import Extraction, Report, ReportError


def rules_key(rules_dir: Path | None) -> str:
    """The extractor key of a rules folder (None: the bundled rules), without compiling them."""
    from hedui.core.rules import default_rules_dir, rules_digest

    return extractor_key(rules_digest(Path(rules_dir) if rules_dir is not None else default_rules_dir()))


def open_cache(root: Path | None, rules_dir: Path | None) -> ExtractionCache:
    """The cache at ``root`` for these rules; ``root`` None: no cache at all (``--no-cache``)."""
    key = rules_key(rules_dir)
    return ExtractionCache(root, key) if root is not None else ExtractionCache.disabled(key)


def read_report(path: Path) -> tuple[bytes, FileStat | None]:
    """The bytes of a report and its quick-check stat (taken first: a file changed while being
    read only misses next time); ReportError naming the file."""
    from hedui.core.text.report import read_report_bytes

    try:
        stat: FileStat | None = FileStat.of(path)
    except OSError:
        stat = None  # read_report_bytes says why
    return read_report_bytes(path), stat


def decoded(path: Path, data: bytes) -> Report:
    """The report of ``data`` without its artefacts (they come from the cache or the extractor)."""
    from hedui.core.text.decoding import DecodeFailure, decode_report_bytes

    try:
        text, encoding = decode_report_bytes(data)
    except DecodeFailure as exc:
        raise ReportError(f"{path}: {exc}") from None
    return Report(path=Path(path), text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


class CachedExtractor:
    """Extraction of report files through an ``ExtractionCache`` (see the module doc).

    ``extractor``: an object with ``extract`` to use instead of ``Extractor(rules_dir)``
    (tests pass a fixed one; its results are then not cached: they are not the rules')."""

    def __init__(self, rules_dir: Path | None, cache: ExtractionCache, extractor: Any = None) -> None:
        self.rules_dir = rules_dir
        self.cache = cache if extractor is None else ExtractionCache.disabled(cache.key)
        self._given = extractor
        self._extractor: Any = None
        self._artefact_rules: Any = None
        self.extracted = 0  # reports this object had to extract (cache misses)

    def extractor(self) -> Any:
        """The extractor (built on first use: a warm cache never needs it)."""
        if self._extractor is None:
            if self._given is not None:
                self._extractor = self._given
            else:
                from hedui.core.corpus.extraction import build_tools

                self._extractor, self._artefact_rules = build_tools(self.rules_dir)
        return self._extractor

    def _artefacts(self) -> Any:
        if self._artefact_rules is None:
            if self._given is None:
                self.extractor()  # built together: one simplifier
            else:
                from hedui.core.text.artefact_rules import load_artefact_rules

                self._artefact_rules = load_artefact_rules(self.rules_dir)
        return self._artefact_rules

    def cached(self, path: Path) -> tuple[Report, Extraction | None, FileStat | None]:
        """The decoded report and its cached extraction (None: not cached)."""
        data, stat = read_report(path)
        report = decoded(path, data)
        found = self.cache.load(report)
        if found is not None and stat is not None and self.cache.known(stat) != report.sha256:
            self.cache.remember(stat, report.sha256)
        return report, found, stat

    def extract_path(self, path: Path, *, context: bool = True) -> Extraction:
        """The extraction of one report file, from the cache when it holds it (``context=False``:
        figures without labels or periods, never cached)."""
        report, found, stat = self.cached(path)
        if found is not None:
            return found
        return self.extract_report(report, stat, context=context)

    def extract_report(self, report: Report, stat: FileStat | None, *, context: bool = True) -> Extraction:
        """Extract a report decoded by ``cached`` (artefacts found here) and keep the result."""
        from dataclasses import replace

        from hedui.core.text.artefacts import find_artefacts

        full = replace(report, artefacts=find_artefacts(report.text, self._artefacts()))
        extractor = self.extractor()
        extraction = extractor.extract(full) if context else extractor.extract(full, context=False)
        if context:
            self.extracted += 1
            self.cache.store(stat, extraction)
        return extraction

    def summaries(self, paths: list[Path]) -> list[int | None]:
        """Figures per report from the cache's quick check (None where it does not know)."""
        stats: list[FileStat | None] = []
        for p in paths:
            try:
                stats.append(FileStat.of(p))
            except OSError:
                stats.append(None)
        return self.cache.summaries(stats)
