"""The extractor's access to the simplified view and to the label/period helpers.

``hedui.core.text.view`` gives the simplified view with pinyin removed (``make_view``), and
``hedui.core.extract.context`` / ``labels`` / ``periods`` the label and period of a figure (on
ORIGINAL offsets). A stand-in (identity view, empty label and period) is used when one of
them cannot be imported.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from hedui.core.model import Report
from hedui.core.rules import default_rules_dir


@dataclass(frozen=True, slots=True)
class PlainView:
    """A view whose characters map one to one onto the original."""

    text: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return start, end

    def spans_to_original(self, spans):
        return list(spans)

    def from_original(self, pos: int) -> int:
        return pos


class Viewer:
    """Builds views and contexts; holds the (costly) simplifier, built on first use, and the
    label and period rules (from ``rules_dir`` when it has them, else the bundled ones), read
    once and checked at once so that a bad file is reported before any report is read."""

    def __init__(self, rules_dir: Path | None = None, simplifier=None) -> None:
        #: the loader's simplifier when given (``ArtefactRules.simplifier``): it remembers the
        #: view it built to find furniture, so the extractor need not build it again
        self._simplifier = simplifier
        self._context_rules = None
        self._scanners = None
        try:
            from hedui.core.extract.context_rules import load_context_rules
        except ImportError:  # pragma: no cover - transitional stand-in
            return
        d = Path(rules_dir) if rules_dir else default_rules_dir()
        if not ((d / "labels.toml").is_file() and (d / "periods.toml").is_file()):
            d = default_rules_dir()
        self._context_rules = load_context_rules(d)

    def view_of(self, report: Report):
        try:
            from hedui.core.text.view import Simplifier, make_view
        except ImportError:  # pragma: no cover - transitional stand-in
            return PlainView(report.text)
        if self._simplifier is None:
            self._simplifier = Simplifier()
        return make_view(report, self._simplifier)

    def context_tools(self, report: Report, view, quantities: list[tuple[int, int]] | None = None,
                      tables=None) -> tuple[Callable[[int, int], str], Callable[[int, int], str]]:
        """(label_for(ostart, oend), period_for(ostart, oend)) on ORIGINAL offsets; ``quantities``:
        the view's numbers with their measure words, when the caller has them (else found again)."""
        label_for, period_for, _ = self.context_tools3(report, view, quantities, tables)
        return label_for, period_for

    def context_tools3(self, report: Report, view, quantities: list[tuple[int, int]] | None = None,
                       tables=None):
        """``context_tools`` and a third: ``alternatives(ostart, oend, label, period)`` → (other
        labels, other periods), ranked, for the reviewer's pickers."""
        return self.tools_of(self.context_of(report, view, quantities, tables))

    def context_of(self, report: Report, view, quantities: list[tuple[int, int]] | None = None, tables=None):
        """The context (context.py) ``context_tools3`` answers from."""
        from hedui.core.extract.context import RuleScanners
        from hedui.core.extract.context_making import make_context

        if self._context_rules is not None and self._scanners is None:
            self._scanners = RuleScanners(self._context_rules)
        return make_context(report, view, self._context_rules, self._scanners, quantities, tables)

    @staticmethod
    def tools_of(ctx):
        """(label_for, period_for, alternatives) of a context, as ``context_tools3`` gives them."""
        from hedui.core.extract.alternatives import label_alternatives, period_alternatives
        from hedui.core.extract.labels import label_for
        from hedui.core.extract.periods import period_for

        def alternatives(s: int, e: int, label: str, period: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
            return label_alternatives(ctx, s, e, label), period_alternatives(ctx, s, e, period)

        def label(s: int, e: int, view: tuple[int, int] | None = None) -> str:
            if view is not None:  # the figure's view span, known to the caller
                ctx.seen_at(s, e, view)
            return label_for(ctx, s, e)

        return label, (lambda s, e: period_for(ctx, s, e)), alternatives

    def time_phrases_in(self, report: Report, start: int, end: int) -> list[tuple[int, int]]:
        """The spans (original offsets) of the time phrases that may be periods in
        ``report.text[start:end]``, read on that stretch alone (the reviewer's period picker)."""
        try:
            from hedui.core.extract.context import RuleScanners
            from hedui.core.extract.context_making import make_context
        except ImportError:  # pragma: no cover - transitional stand-in
            return []
        pinyin = tuple(replace(a, start=a.start - start, end=a.end - start) for a in report.artefacts
                       if a.kind == "pinyin" and start <= a.start and a.end <= end)
        sub = Report(report.path, report.text[start:end], report.encoding, report.sha256, pinyin)
        view = self.view_of(sub)
        if self._context_rules is not None and self._scanners is None:
            self._scanners = RuleScanners(self._context_rules)
        ctx = make_context(sub, view, self._context_rules, self._scanners)
        spans = (view.to_original(p.start, p.end) for p in ctx.phrases())
        return [(s + start, e + start) for s, e in spans]

    def search(self, report: Report, pattern: str) -> list[tuple[int, int]]:
        """Spans of the original text matching ``pattern``, simplified and traditional alike
        (``hedui.core.text.search``)."""
        from hedui.core.text.search import find_all

        view = self.view_of(report)
        simplify = self._simplifier.convert if self._simplifier is not None else str
        return find_all(report.text, view, pattern, simplify)
