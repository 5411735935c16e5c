"""Figures from a report: candidates on the simplified view, mapped back to the original text,
with label and period from the context helpers, furniture excluded and repeats marked."""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from hedui.core.collector import collector_paused
from hedui.core.extract.candidates import Candidate, CandidateFinder
from hedui.core.extract.context_making import in_stretch, warm
from hedui.core.extract.pieces import PIECE_CHARS, cut_points, run_forked, shifted_tables, stretch
from hedui.core.extract.rows import figures_of, in_text_order, mark_repeats, with_repeat_of
from hedui.core.extract.table_layout import TableFinder
from hedui.core.extract.table_rules import load_table_rules
from hedui.core.numbers.exclusions import Exclusions
from hedui.core.model import Extraction, Fields, Figure, Report, to_number
from hedui.core.numbers.qualifiers import QualifierTable
from hedui.core.rules import RuleSet, load_rules
from hedui.core.numbers.units import UnitTable
from hedui.core.extract.viewing import Viewer

T = TypeVar("T")


class Extractor:
    """Loads the rules once; ``extract`` is thread-safe and pure. Pass the ``simplifier`` of the
    artefact rules the reports are loaded with (``ArtefactRules.simplifier``) to share the view
    the loader built."""

    def __init__(self, rules_dir: Path | None = None, simplifier=None) -> None:
        self.rules: RuleSet = load_rules(rules_dir)
        self.rules_dir = Path(self.rules.sources["units"]).parent
        self.digest = self.rules.digest
        self.finder = CandidateFinder(UnitTable(self.rules), QualifierTable(self.rules),
                                      Exclusions(self.rules))
        self.viewer = Viewer(self.rules_dir, simplifier)
        self.tables = TableFinder(load_table_rules(self.rules_dir), self.finder.units)
        #: (text, view, tables, context) of the long report ``prepare`` was last called for
        self._prepared: tuple[str, Any, Any, Any] | None = None

    # -- public API -------------------------------------------------------------------------
    def extract(self, report: Report, *, context: bool = True, jobs: int = 1,
                piece_chars: int = PIECE_CHARS) -> Extraction:
        """Every figure of the report (and every excluded number); ``context=False`` leaves
        labels and periods empty (for measurements and quick previews). ``jobs`` > 1: a report
        of more than ``piece_chars`` characters a piece is extracted on up to ``jobs`` processes
        (pieces.py; the same figures, forked: not for a process with threads)."""
        with collector_paused():
            job = self._job(report, context, jobs, piece_chars)
            if job.cuts:
                parts = self._pieces(job, _travelling)
                figures = [f for part, _ in parts for f in part]
                excluded = [f for _, part in parts for f in part]
            else:
                figures, excluded = self._whole(job)
            figures, _ = mark_repeats(report.text, figures, job.repeats, {f[0] for f in figures})
        return Extraction(report=report, figures=tuple(figures_of(figures)), excluded=tuple(figures_of(excluded)),
                          rules_digest=self.digest)

    def extract_lines(self, report: Report, encode: Callable[[tuple], str], *, excluded: bool = False,
                      jobs: int = 1, piece_chars: int = PIECE_CHARS) -> list[str]:
        """``[encode(row_of(f)) for f in extract(report, jobs=jobs).figures]`` (``excluded``: with
        the excluded numbers merged in, ``in_text_order``): each figure's row (rows.py) encoded,
        no ``Figure`` made; each piece of a long report encoded by the process that extracted it,
        so that this one only joins them (``hedui extract``)."""
        with collector_paused():
            job = replace(self._job(report, True, jobs, piece_chars), numbers=excluded)
            finish = partial(encoded, encode, excluded, report.text, job.repeats)
            parts = self._pieces(job, finish) if job.cuts else [finish(*self._whole(job))]
            lines: list[str] = []
            starts: set[int] = set()
            pending: list[tuple[int, tuple, int]] = []
            for part_lines, part_starts, part_pending in parts:
                pending += [(len(lines) + i, f, cand) for i, f, cand in part_pending]
                lines += part_lines
                starts.update(part_starts)
            for i, f, cand in pending:  # a repeat whose first copy is another piece's figure
                if cand in starts:
                    lines[i] = encode(with_repeat_of(f, cand))
        return lines

    def prepare(self, text: str, view) -> None:
        """Find the tables and the context of a long report (its ``text`` and its ``view``) before
        its artefacts are known (they play no part in either), for its extraction (``_job``). The
        loader calls this while another process scans the report for furniture."""
        tables = self.tables.find(view.text)
        base = self.viewer.context_of(Report(Path(), text, "", ""), view, None, tables)
        warm(base)
        self._prepared = (text, view, tables, base)

    def _job(self, report: Report, context: bool, jobs: int, piece_chars: int) -> "_Job":
        view = self.viewer.view_of(report)
        got, self._prepared = self._prepared, None
        if got is not None and got[0] is report.text and got[1] is view:
            tables, base = got[2], replace(got[3], report=report)
        else:
            tables, base = self.tables.find(view.text), None
        furniture = sorted((a.start, a.end, a.rule or "furniture") for a in report.artefacts
                           if a.kind == "furniture")
        repeats = sorted((a.start, a.end, a.repeat_of) for a in report.artefacts
                         if a.kind == "repeat" and a.repeat_of is not None)
        cuts = cut_points(view.text, tables, jobs, piece_chars) if jobs > 1 else []
        if not (cuts and context):
            base = None
        elif base is None:
            base = self.viewer.context_of(report, view, None, tables)
            warm(base)  # once for all pieces, before the fork
        return _Job(report, view, tables, furniture, repeats, cuts, context, base)

    def _whole(self, job: "_Job") -> tuple[list[tuple], list[tuple]]:
        """(figures, excluded numbers) of the whole report, here."""
        view = job.view
        cands = self.finder.find(view.text, job.tables)
        tools = self.viewer.context_tools3(job.report, view, _quantities(view.text, cands), job.tables) \
            if job.context else None
        return self._figures(job.report, view, cands, job.furniture, tools, numbers=job.numbers)

    def _pieces(self, job: "_Job", finish: Callable[[list[tuple], list[tuple]], T]) -> list[T]:
        """``finish(figures, excluded)`` of each piece of the report, in text order, each in the
        process that extracted the piece (pieces.py)."""
        bounds = zip([0] + job.cuts, job.cuts + [len(job.view.text)])
        return run_forked([partial(self._piece, job, finish, a, b) for a, b in bounds])

    def _piece(self, job: "_Job", finish: Callable[[list[tuple], list[tuple]], T], a: int, b: int) -> T:
        """``finish`` of the figures and excluded numbers that start in [a, b) of the view."""
        text = job.view.text
        lo, hi = stretch(text, a, b)
        found = self.finder.find(text[lo:hi], shifted_tables(job.tables, lo, hi))
        cands = [c for c in found if a <= c.start + lo < b]
        tools = None
        if job.base is not None:
            near = [(s + lo, e + lo) for s, e in _quantities(text[lo:hi], found)]
            tools = self.viewer.tools_of(in_stretch(job.base, near, lo, hi))
        return finish(*self._figures(job.report, job.view, cands, job.furniture, tools, lo, job.numbers))

    @staticmethod
    def _figures(report: Report, view, cands: list[Candidate], furniture: list[tuple[int, int, str]],
                 tools, shift: int = 0, numbers: bool = True) -> tuple[list[tuple], list[tuple]]:
        """(figures, excluded numbers) of the candidates (found ``shift`` characters into the
        view), as rows (rows.py); ``tools``: (label_for, period_for, alternatives) of the context
        (``label_for`` told the candidate's view span too), None for no labels and periods;
        ``numbers=False``: the excluded numbers are not wanted (an empty list)."""
        label_for, period_for, alternatives = tools if tools is not None else \
            (_no_context, _no_context, _no_alternatives)
        figures: list[tuple] = []
        excluded: list[tuple] = []
        text = report.text
        spans = view.spans_to_original([(c.start + shift, c.end + shift) for c in cands])
        covered = _Covered(furniture)
        for c, (ostart, oend) in zip(cands, spans):
            why = c.excluded
            if covered.meets(ostart, oend):
                why = _inside(furniture, ostart, oend) or why
            if why:
                if numbers:
                    vmax = to_number(c.value_max) if c.value_max is not None else None
                    excluded.append((ostart, oend, text[ostart:oend], why, True, None, (), (),
                                     to_number(c.value), vmax, c.unit, c.bound, c.category, "", ""))
                continue
            vmax = to_number(c.value_max) if c.value_max is not None else None
            label = label_for(ostart, oend, (c.start + shift, c.end + shift))
            period = period_for(ostart, oend)
            labels, periods = alternatives(ostart, oend, label, period)
            figures.append((ostart, oend, text[ostart:oend], c.rule, False, None, labels, periods,
                            to_number(c.value), vmax, c.unit, c.bound, c.category, label, period))
        return figures, excluded

    def parse_span(self, report: Report, start: int, end: int) -> Figure | None:
        """Fields prefilled from a reviewer's selection [start, end), or None if no number in it."""
        start, end = max(0, start), min(len(report.text), end)
        if start >= end:
            return None
        c = self._read_in_line(report, start, end)
        if c is None:  # no figure of the line is exactly the selection: the selection alone
            cands = self.finder.find(self.viewer.view_of(_part(report, start, end)).text)
            if not cands:
                return None
            c = next((c for c in cands if c.excluded is None), cands[0])
        # the selection is what the reviewer wants: keep its exact span
        fig = self._figure(report, c, start, end)
        full = self.viewer.view_of(report)
        label_for, period_for = self.viewer.context_tools(report, full)
        fields = replace(fig.fields, label=label_for(start, end), period=period_for(start, end))
        return Figure(start, end, report.text[start:end], fields,
                      "manual" if c.excluded else (c.rule or "manual"))

    # -- helpers ----------------------------------------------------------------------------
    def _read_in_line(self, report: Report, start: int, end: int) -> Candidate | None:
        """The figure the extractor reads at exactly [start, end) with the rest of its line
        around it (``2.3 至 6.1%`` alone at a line's start would read as a section number)."""
        text = report.text
        lo = max(text.rfind("\n", 0, start) + 1, start - LINE_REACH)
        hi = text.find("\n", end)
        hi = min(len(text) if hi < 0 else hi, end + LINE_REACH)
        view = self.viewer.view_of(_part(report, lo, hi))
        for c in self.finder.find(view.text):
            if c.excluded is None and tuple(lo + i for i in view.to_original(c.start, c.end)) == (start, end):
                return c
        return None

    @staticmethod
    def _figure(report: Report, c: Candidate, ostart: int, oend: int) -> Figure:
        vmax = to_number(c.value_max) if c.value_max is not None else None
        fields = Fields(value=to_number(Decimal(c.value)), value_max=vmax, unit=c.unit, bound=c.bound,
                        category=c.category)
        return Figure(ostart, oend, report.text[ostart:oend], fields, c.rule)


#: characters of a selection's line read with it, either side (a line can be a whole paragraph)
LINE_REACH = 200


def _part(report: Report, start: int, end: int) -> Report:
    """``report.text[start:end]`` as a report of its own, with its pinyin artefacts."""
    pinyin = tuple(replace(a, start=a.start - start, end=a.end - start) for a in report.artefacts
                   if a.kind == "pinyin" and start <= a.start and a.end <= end)
    return Report(report.path, report.text[start:end], report.encoding, report.sha256, pinyin)


def _no_context(start: int, end: int, view: tuple[int, int] | None = None) -> str:
    return ""


def _no_alternatives(start: int, end: int, label: str, period: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (), ()


def _quantities(text: str, cands: list[Candidate]) -> list[tuple[int, int]]:
    """The numbers with a measure word (and bare numbers before 、和及与) that end the words of the
    next figure of a clause, from the candidates already found: the context need not scan again."""
    out = []
    for c in cands:
        if (c.unit or text[c.end:c.end + 1] in ("、", "和", "及", "与")) and text[c.start - 1:c.start] not in ("第", "每"):
            out.append((c.start, c.end))
    return out


def _inside(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The rule of an artefact span that overlaps [start, end)."""
    i = bisect.bisect_left(spans, (end,))
    while i > 0:
        i -= 1
        s, e, rule = spans[i]
        if e > start:
            return rule
        if s < start - 5000:
            break
    return None


class _Covered:
    """``meets(start, end)``: whether [start, end) may overlap one of ``spans`` (start, end, rule)
    (False: it overlaps none), answered without a search for spans asked in text order (a
    pointer moves along their union)."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        merged: list[list[int]] = []
        for s, e, _ in sorted(spans):
            e = max(e, s + 1)  # more than the spans cover does no harm: the caller looks closer
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]
        self.k = 0

    def meets(self, start: int, end: int) -> bool:
        ends, k = self.ends, self.k
        if k > 0 and ends[k - 1] > start:  # asked out of order: search again
            k = bisect.bisect_right(ends, start)
        while k < len(ends) and ends[k] <= start:
            k += 1
        self.k = k
        return k < len(ends) and self.starts[k] < end


def encoded(encode: Callable[[tuple], str], excluded: bool, text: str, repeats: list[tuple[int, int, int]],
            figures: list[tuple], numbers: list[tuple]) -> tuple[list[str], list[int], list[tuple[int, tuple, int]]]:
    """A piece's figure rows (repeats marked as far as the piece knows) and, with ``excluded``,
    its excluded ``numbers``, encoded in text order; with the figures' starts and the repeats
    left to check against the other pieces' starts (index in the lines, row, start in the first
    copy)."""
    starts = [f[0] for f in figures]
    figures, pending = mark_repeats(text, figures, repeats, set(starts))
    if excluded and numbers:
        order = in_text_order(figures, numbers)
        lines = [encode(f) for f in order]
        if pending:  # their places among the excluded numbers
            at = {id(f): k for k, f in enumerate(order)}
            pending = [(at[id(f)], f, cand) for _, f, cand in pending]
    else:
        lines = [encode(f) for f in figures]
    return lines, starts, pending


def _travelling(figures: list[tuple], excluded: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    return figures, excluded  # rows: as they are


@dataclass(frozen=True, slots=True)
class _Job:
    """What the pieces of one extraction share, found before they start."""

    report: Report
    view: Any
    tables: Any
    furniture: list[tuple[int, int, str]]
    repeats: list[tuple[int, int, int]]
    cuts: list[int]
    context: bool
    base: Any
    #: whether the excluded numbers are wanted (``extract_lines`` without ``excluded``: not)
    numbers: bool = True
