"""The cells of a table: what a cell's row and column headings say (the label they give, the
period, the unit and scale, FIGURES.md "Tables"), read by ``CellReader`` for table_layout.py."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from hedui.core.extract.table_rules import TableRules
from hedui.core.numbers.units import UnitTable

Span = tuple[int, int]
_SPACE = re.compile(r"[ \u3000\xa0]+")


@dataclass(frozen=True, slots=True)
class TableUnit:
    scale: Decimal
    unit: str
    category: str
    rule: str


@dataclass(frozen=True, slots=True)
class Cell:
    """A value cell: its span, its headings' label parts and period, the unit that applies."""

    start: int
    end: int
    bare: bool  # a bare number (signed, parenthesised, with % at most)
    negative: bool  # (7,728.5)
    row: tuple[Span, ...]  # view segments of the row heading written into labels
    col: tuple[Span, ...]  # of the column heading ('' when generic, a period, or none)
    period: Span | None
    unit: TableUnit | None
    other_measure: bool  # a heading names another kind of measure (流动比率, 增减比例)
    heads: tuple[Span, ...] = ()  # the row heading and the column heading as written


class CellReader:
    def __init__(self, rules: TableRules, units: UnitTable) -> None:
        self.rules = rules
        self.units = units
        #: what each heading text says (a pure function of the text and the rules)
        self._headings: dict[str, tuple[tuple[Span, ...], TableUnit | None, Span | None, bool]] = {}

    def cell(self, s: str, start: int, end: int, text: str, bare: bool, row: Span, col: Span | None,
             row_unit: str | None, unit: str | None) -> Cell:
        """The cell [start, end) of ``s`` (its ``text``; ``bare``: a bare number) under the row
        heading ``row`` and the column heading ``col``; ``row_unit``: the row's cell under a unit
        column; ``unit``: what the table's unit statement says."""
        r = self.rules
        rp = r.row_prefix.match(s, *row) if r.row_prefix is not None else None
        if rp is not None and rp.end() < row[1]:
            row = (rp.end(), row[1])  # 其中:民办 is the row 民办
        row_label, row_unit_h, row_period, row_other = self._heading(s, row)
        col_label, col_unit_h, col_period, col_other = self._heading(s, col) if col else ((), None, None, False)
        other = row_other or col_other
        # a column's percent (增减(%)) beats the row's unit; otherwise the row's unit wins
        pct = col_unit_h is not None and col_unit_h.category == "percent"
        chosen = (col_unit_h if pct else None) or row_unit_h or col_unit_h
        if chosen is None and row_unit is not None:
            chosen = self._parse_unit(row_unit, r.unit_column[0])
        if chosen is None and unit is not None:
            u = self._parse_unit(unit, r.statement[0])
            if u is not None and (not other or u.category in ("percent", "ratio")):
                chosen = u
        if col and s[col[0]:col[1]].strip() in r.generic:
            col_label = ()
        cw = r.cell_word.match(s, start, end) if r.cell_word is not None and not bare else None
        if cw is not None and col_label:
            col_label = ((cw.start(), cw.end()),)  # 增加1.81个百分点 under 增减: the label says 增加
        period = col_period or row_period
        negative = text[:1] in "(（" and text[-1:] in ")）"
        return Cell(start, end, bare, negative, row_label, col_label, period, chosen, other,
                    (row, col) if col else (row,))

    def _heading(self, s: str, span: Span
                 ) -> tuple[tuple[Span, ...], TableUnit | None, Span | None, bool]:
        """(label segments with units taken out, the unit it states, the period it is, whether
        it names another kind of measure), as spans of ``s``."""
        a, b = span
        text = s[a:b]
        got = self._headings.get(text)
        if got is None:
            got = self._heading_of(text)
            if len(self._headings) > 50_000:
                self._headings.clear()
            self._headings[text] = got
        segs, unit, period, other = got
        return (tuple((x + a, y + a) for x, y in segs), unit,
                (period[0] + a, period[1] + a) if period else None, other)

    def _heading_of(self, s: str) -> tuple[tuple[Span, ...], TableUnit | None, Span | None, bool]:
        """What one heading says, offsets within it (cached per heading by ``_heading``)."""
        r = self.rules
        unit: TableUnit | None = None
        cut: list[Span] = []
        for m in r.heading_unit[1].finditer(s):
            g = m.groupdict()
            u = self._parse_unit(g.get("u") or g.get("v") or "", r.heading_unit[0])
            if u is not None:
                cut.append((m.start(), m.end()))
                unit = unit or u
        segs: list[Span] = []
        pos = 0
        for c0, c1 in cut:
            if c0 > pos:
                segs.append((pos, c0))
            pos = c1
        if pos < len(s):
            segs.append((pos, len(s)))
        segs = [(x, y) for x, y in (strip_span(s, x, y) for x, y in segs) if y > x]
        period = None
        if len(segs) == 1:
            period, segs = self._period_of(s, *segs[0])
        other = any(w in s for w in r.other_measure)
        return tuple(segs), unit, period, other

    def _period_of(self, s: str, x: int, y: int) -> tuple[Span | None, list[Span]]:
        """The period the heading s[x:y] is, or states apart from a measure (在校生 2023年,
        2023年 在校生: the measure stays in the label), and the label segments left."""
        pm = self.rules.period.fullmatch(s, x, y)
        if pm is not None:
            return (pm.start("p"), pm.end("p")), []
        for m in _SPACE.finditer(s, x, y):
            for (a, b), rest in (((m.end(), y), (x, m.start())), ((x, m.start()), (m.end(), y))):
                pm = self.rules.period.fullmatch(s, a, b)
                if pm is not None:
                    if self.rules.period.fullmatch(s, *rest) is not None:  # 2023年 1-9月: one period
                        return (x, y), []
                    return (pm.start("p"), pm.end("p")), [rest]
        return None, [(x, y)]

    def _parse_unit(self, text: str, rule: str) -> TableUnit | None:
        text = text.strip()
        if not text:
            return None
        u = self.units.match(text, 0)
        if u is not None and u.end == len(text):
            return TableUnit(Decimal(1), u.unit, u.category, rule)
        for word, mult in self.rules.scales:
            if text.startswith(word):
                u = self.units.match(text, len(word))
                if u is not None and u.end == len(text):
                    return TableUnit(mult, u.unit, u.category, rule)
        return None


def strip_span(s: str, a: int, b: int) -> Span:
    while a < b and s[a] in " \u3000\t\xa0":
        a += 1
    while b > a and s[b - 1] in " \u3000\t\xa0":
        b -= 1
    return a, b
