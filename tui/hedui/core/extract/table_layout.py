"""Finding the tables of a (simplified) text, in one pass over its lines.

Three layouts (FIGURES.md, "Tables"):

* rows on lines, cells between ``|`` or spaces, under a heading line (a line of cells with no
  figure in them); values are matched to the headings from the right, so a row heading written
  with spaces or a heading row without a heading for the row headings still lines up;
* one cell per line between lines that hold only ``|`` (a web table copied as text);
* a table flattened onto a line (a company report's PDF): column headings, then a row heading
  and its values, again and again; a line that starts with values continues it.

For each value cell the finder records its row and column headings, the period a heading
states and the unit and scale that apply (``tables.toml``); ``Tables.at`` answers by position.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from rich.cells import cell_len

from hedui.core.extract.table_cells import Cell, CellReader, Span, TableUnit, strip_span
from hedui.core.extract.table_rules import TableRules
from hedui.core.numbers.units import UnitTable

__all__ = ["Cell", "TableFinder", "TableUnit", "Tables"]

_GAP = re.compile(r"[ \u3000\t\xa0]+")
_BAR = "|｜"
#: sentence punctuation: a line holding it is prose, not a row (a comma inside 1,234 is not)
#: a bare number (0731 and 007 are codes, not numbers)
_NUM = re.compile(r"[(（]?[-+−－]?(?![0０][0-9０-９])[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?[)）]?[%％‰]?")
_VAL = re.compile(r"[\u4e00-\u9fff]{0,4}[-+−－]?[0-9０-９](?:[0-9０-９.．万萬亿億千百兆]|[,，] ?(?=[0-9０-９]))*"
                  r" ?[\u4e00-\u9fff%％‰/]{0,6}")
_YEAR = re.compile(r"(?:19|20)\d{2}")
#: a line with no sentence punctuation (a comma inside 1,234 or 2, 000 is none)
_PLAIN_LINE = re.compile(r"^(?:[^\n。；！？;!?，,]|[，,](?= ?[0-9０-９]{3}))*$", re.M)
MAX_ROW = 240  # a longer line is a row only when it is a flattened table
MAX_FLAT = 4000
MAX_CELL = 40


@dataclass(slots=True)
class Tables:
    cells: list[Cell]
    starts: list[int]
    join: str = ""
    cell_rule: str = "table.cell"

    def at(self, pos: int) -> Cell | None:
        """The cell holding view position ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.cells[i].end:
            return self.cells[i]
        return None


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # empty | unit | num | val | text
    #: the start of its line when the line is space-aligned (display columns are known), or -1
    line: int = -1


class TableFinder:
    def __init__(self, rules: TableRules, units: UnitTable) -> None:
        self.rules = rules
        self.cells = CellReader(rules, units)

    # -- cells -------------------------------------------------------------------------------
    def _tok(self, s: str, a: int, b: int) -> _Tok:
        t = s[a:b]
        r = self.rules
        if t in r.empty:
            kind = "empty"
        elif r.statement[1].fullmatch(t):
            kind = "unit"
        elif _NUM.fullmatch(t):
            kind = "num"
        elif _VAL.fullmatch(t) and not r.period.fullmatch(t):
            kind = "val"
        else:
            kind = "text"
        return _Tok(a, b, t, kind)

    def _split(self, s: str, ls: int, le: int) -> list[_Tok]:
        bars = any(ch in s[ls:le] for ch in _BAR)
        spans: list[Span] = []
        if bars:
            pos = ls
            for i in range(ls, le + 1):
                if i == le or s[i] in _BAR:
                    a, b = pos, i
                    while a < b and s[a] in " \u3000\t\xa0":
                        a += 1
                    while b > a and s[b - 1] in " \u3000\t\xa0":
                        b -= 1
                    if b > a:
                        spans.append((a, b))
                    pos = i + 1
        else:
            pos = ls
            for m in _GAP.finditer(s, ls, le):
                if m.start() > pos:
                    spans.append((pos, m.start()))
                pos = m.end()
            if pos < le:
                spans.append((pos, le))
            merged: list[Span] = []
            for a, b in spans:  # 2, 000 and 8,534 元 are one cell (1,100    持平 are two)
                if merged:
                    pa, pb = merged[-1]
                    last = s[pb - 1]
                    if last in ",，" or (last.isdigit() and b - a <= 2 and a - pb == 1
                                        and not any(c.isdigit() for c in s[a:b])
                                        and s[a:b] not in self.rules.empty):
                        merged[-1] = (pa, b)
                        continue
                merged.append((a, b))
            spans = merged
        toks = [self._tok(s, a, b) for a, b in spans]
        if not bars and "\t" not in s[ls:le]:
            for t in toks:
                t.line = ls
        return toks

    # -- the pass over the lines -------------------------------------------------------------
    def find(self, s: str) -> Tables:
        lines = _lines(s)
        cells: list[Cell] = []
        header: list[_Tok] | None = None
        unit: str | None = None  # the unit the table states (单位:万元)
        statement = self.rules.statement[1]
        i, n = 0, len(lines)
        while i < n:
            ls, le = lines[i]
            i += 1
            if ls < 0:  # prose
                header = unit = None
                continue
            if le == ls or not s[ls:le].strip():
                continue
            body = s[ls:le].strip()
            if body in _BAR:
                i = self._bar_stream(s, lines, i - 1, cells)
                header = unit = None
                continue
            if le - ls > MAX_FLAT:
                header = unit = None
                continue
            um = statement.search(s, ls, le)
            toks = [t for t in self._split(s, ls, le) if t.kind != "unit"]
            sep = self.rules.separator
            if sep is not None and toks and all(sep.fullmatch(t.text) for t in toks):
                continue  # a rule line between rows
            values = [k for k, t in enumerate(toks) if t.kind in ("num", "val")]
            if not values or all(self._is_year(toks[k]) for k in values):
                if len(toks) >= 1 and header is not None and len(toks) < len(header) - 1 \
                        and s[ls] in " \u3000\t":
                    # an indented heading line under a table's own (本报告期末 本报告期初): it
                    # renames the first value columns and keeps the rest
                    header = header[:1] + toks + header[1 + len(toks):]
                elif len(toks) >= 2 and le - ls <= MAX_ROW and all(t.end - t.start <= MAX_CELL for t in toks):
                    header = toks
                    unit = um.group("u") if um else unit
                else:  # a caption starts a new table
                    header = None
                    unit = um.group("u") if um else None
                continue
            if um is not None:
                unit = um.group("u")
            runs = _runs(toks)
            if header is not None and len(toks) == len(header) and le - ls <= MAX_ROW:
                # as many cells as headings: a word among the values (持平, 未披露) is a cell too
                runs = [(runs[0][0], len(toks))]
            if len(runs) >= 2 or le - ls > MAX_ROW or (header is None and runs[0][0] >= 3):
                # a flattened table, maybe continued on the lines that start with values
                while i < n:
                    a, b = lines[i]
                    if a < 0:
                        break
                    if a == b or not s[a:b].strip():
                        i += 1
                        continue
                    more = self._split(s, a, b)
                    if (len(more) < 2
                            or more[0].kind not in ("num", "val", "empty")):
                        break
                    toks.extend(t for t in more if t.kind != "unit")
                    i += 1
                self._stream(s, toks, unit, cells)
                header = unit = None
                continue
            self._row(s, toks, runs[0], header, unit, cells)
        cells.sort(key=lambda c: c.start)
        return Tables(cells, [c.start for c in cells], self.rules.join, self.rules.cell_rule)

    def _is_year(self, t: _Tok) -> bool:
        return t.kind == "num" and _YEAR.fullmatch(t.text) is not None

    def _bar_stream(self, s: str, lines: list[Span], k: int, cells: list[Cell]) -> int:
        """Cells one per line between lines of a lone ``|``, from line ``k`` (a ``|`` line)."""
        toks: list[_Tok] = []
        if k > 0:
            a, b = lines[k - 1]
            if a >= 0 and b > a and b - a <= MAX_CELL:
                cap = self._cell_line(s, a, b)
                if cap.kind in ("num", "val"):  # a caption (2022年全区生产总值), not a value
                    cap.kind = "text"
                toks.append(cap)
        j = k
        n = len(lines)
        while j < n and s[lines[j][0]:lines[j][1]].strip() in ("|", "｜"):
            if j + 1 >= n:
                j += 1
                break
            a, b = lines[j + 1]
            if s[a:b].strip() in ("|", "｜"):
                j += 1
                continue
            if a < 0 or b - a > MAX_ROW:
                j += 1
                break
            toks.append(self._cell_line(s, a, b))
            j += 2
        unit = None
        for t in toks:
            m = self.rules.statement[1].search(t.text)
            if m is not None:
                unit = m.group("u")
        self._stream(s, [t for t in toks if t.kind != "unit"], unit, cells, bars=True)
        return j

    def _cell_line(self, s: str, a: int, b: int) -> _Tok:
        while a < b and s[a] in " \u3000\t\xa0\r":
            a += 1
        while b > a and s[b - 1] in " \u3000\t\xa0\r":
            b -= 1
        return self._tok(s, a, b)

    # -- the two ways of reading cells ----------------------------------------------------------
    def _row(self, s: str, toks: list[_Tok], run: tuple[int, int], header: list[_Tok] | None,
             unit: str | None, cells: list[Cell]) -> None:
        """A row on its own line: heading cells, then its values (to the end of the line)."""
        k0, k1 = run
        if k1 != len(toks) or k0 == 0:
            return
        if header is None and sum(1 for t in toks[k0:] if t.kind == "num") < 2:
            return  # without a heading line, a row of bare numbers only
        if any(t.end - t.start > MAX_CELL for t in toks):
            return
        shift = (len(header) - len(toks)) if header is not None else 0
        placed = _by_position(s, toks[k0:k1], header) if header is not None and shift else None
        unit_col = self.rules.unit_column[1]
        row_unit: _Tok | None = None
        row_toks = []
        for k in range(k0):
            h = k + shift
            if header is not None and 0 <= h < len(header) and header[h].text in unit_col:
                row_unit = toks[k]
            else:
                row_toks.append(toks[k])
        if not row_toks:
            return
        row = (row_toks[0].start, row_toks[-1].end)
        for k in range(k0, k1):
            t = toks[k]
            if t.kind not in ("num", "val"):
                continue
            h = placed[k - k0] if placed is not None else k + shift
            col = header[h] if header is not None and 0 <= h < len(header) else None
            cells.append(self.cells.cell(s, t.start, t.end, t.text, t.kind == "num", row, (col.start, col.end) if col else None, row_unit.text if row_unit else None, unit))

    def _stream(self, s: str, toks: list[_Tok], unit: str | None, cells: list[Cell],
                bars: bool = False) -> None:
        """Cells read in order: a row heading, its values, the next row heading, …"""
        runs = _runs(toks)
        if not runs or (not bars and sum(t.kind == "num" for t in toks) < 2):
            return  # a table has bare numbers; words and amounts with units are prose (全年 产值 5亿元)
        width = Counter(b - a for a, b in runs).most_common()
        n = max(w for w, c in width if c == width[0][1])
        first = runs[0][0]
        heads = [t for t in toks[:first] if not self.rules.section.fullmatch(t.text)]
        if not heads:
            return
        cols = heads[-(n + 1):-1] if len(heads) >= n + 1 else []
        prev_end = 0
        for a, b in runs:
            texts = toks[prev_end:a] if prev_end else heads[-1:]
            prev_end = b
            if not texts:
                continue
            row = (texts[0].start, texts[-1].end)
            for j, t in enumerate(toks[a:min(b, a + n)]):
                if t.kind not in ("num", "val"):
                    continue
                col = cols[j] if j < len(cols) else None
                cells.append(self.cells.cell(s, t.start, t.end, t.text, t.kind == "num", row, (col.start, col.end) if col else None, None, unit))

    # -- one cell ------------------------------------------------------------------------------
def _lines(s: str) -> list[Span]:
    """The lines that may belong to a table, in order; (-1, -1) stands for a run of prose lines
    (found by one scan: most lines of a report are prose)."""
    out: list[Span] = []
    pos = 0
    for m in _PLAIN_LINE.finditer(s):
        a, b = m.span()
        if a > pos and (not out or out[-1][0] >= 0):
            out.append((-1, -1))
        out.append((a, b))
        pos = b + 1
    if pos < len(s) and (not out or out[-1][0] >= 0):
        out.append((-1, -1))
    return out


def _columns(s: str, t: _Tok) -> Span | None:
    """The display columns of a cell in its line (space-aligned tables line up by display width:
    a CJK character takes two columns), None when its line's columns are not known."""
    if t.line < 0:
        return None
    a = cell_len(s[t.line:t.start])
    return a, a + cell_len(s[t.start:t.end])


def _by_position(s: str, vals: list[_Tok], header: list[_Tok]) -> list[int] | None:
    """The header column of each value cell by display position, when a row has fewer or more
    cells than its heading line: each cell must overlap exactly one heading, in order; None when
    the positions do not say (then cells are matched from the right)."""
    heads = [_columns(s, c) for c in header]
    out: list[int] = []
    for t in vals:
        cols = _columns(s, t)
        if cols is None:
            return None
        hit = [h for h, c in enumerate(heads) if c is not None and c[0] < cols[1] and cols[0] < c[1]]
        if len(hit) != 1 or (out and hit[0] <= out[-1]):
            return None
        out.append(hit[0])
    return out


def _runs(toks: list[_Tok]) -> list[tuple[int, int]]:
    """[a, b) index ranges of the runs of value cells (numbers, numbers with units, empty cells)
    that hold at least one number."""
    out: list[tuple[int, int]] = []
    k = 0
    n = len(toks)
    while k < n:
        if toks[k].kind in ("num", "val", "empty"):
            j = k
            while j < n and toks[j].kind in ("num", "val", "empty"):
                j += 1
            if any(t.kind in ("num", "val") for t in toks[k:j]):
                out.append((k, j))
            k = j
        else:
            k += 1
    return out
