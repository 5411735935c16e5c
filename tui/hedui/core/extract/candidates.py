"""Candidates: numbers of the simplified text grown into figures (qualifiers, unit, bound),
or marked excluded with the id of the rule that excluded them.

Offsets here are offsets of the simplified view; the extractor maps them to the original.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal

from hedui.core.numbers.exclusions import Exclusions, ExclusionSpans
from hedui.core.numbers.finder import NumberMatch, find_numbers, parse_number
from hedui.core.numbers.numerals import CN_DIGITS, tidy
from hedui.core.numbers.qualifiers import GoverningWords, QualifierTable
from hedui.core.numbers.units import UnitMatch, UnitTable
from hedui.core.extract.table_layout import Tables

#: separators of a list whose last item carries the unit shared by all (0.1、3.8、5.1个百分点)
LIST_SEPS = ("、", "和", "及", "与", "或")
#: separators of a range written with a unit on both ends (260元至500元)
RANGE_SEPS = ("至", "到", "-", "–", "~", "～", "—", "－")
#: scale words that, standing alone, are vague (百余个 and 近百场 count; 百姓, 上亿元项目 do not);
#: 十 alone is a plain ten (十件实事)
LONE_SCALES = frozenset("百千万亿")
#: a footnote marker between a number and its scale or unit: 10535.51[1]亿元
FOOTNOTE = re.compile(r"[\[［]\d{1,2}[\]］]")
FOOTNOTE_FIRST = "[［"
SMALL_SCALES = frozenset({"千", "百"})
#: punctuation after which a scaled bare number closes its clause (资金685万,)
CLAUSE_CLOSE = frozenset("，,。；;！？")
#: scales after which the rest of an amount may follow without a separator (32萬312元);
#: 兆 (10^12, Taiwan) is no scale of the number finder (兆瓦 is a unit), so it joins here
HEAD_SCALES = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "兆": Decimal(10) ** 12}
SCALES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
#: ids of the figure rules written in code (the others are the unit rules of rules/units.toml)
BUILTIN_RULES: dict[str, str] = {
    "figure.bare-scaled": "a 万/亿-scaled number standing bare before a noun (123万职工), unit ''",
    "unit.percent.chinese": "百分之八十 / 千分之五 written in words",
    "unit.rate": "a rate per population (46.79/10万), unit '/10万'",
}
#: the exclusion rule of a number too long to be read (rules/exclusions.toml)
TOO_LONG = "exclude.too_long"
#: words before a number that make it a percentage
PER_WORDS = (("百分之", "%"), ("千分之", "‰"))
CJK_LO, CJK_HI = "\u4e00", "\u9fff"


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen: a frozen __init__ costs 5x
class Candidate:
    """A number grown into a figure; ``excluded`` is the id of the rule that excluded it."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    category: str
    bound: str
    rule: str
    excluded: str | None = None


def _is_cjk(ch: str) -> bool:
    return CJK_LO <= ch <= CJK_HI


class CandidateFinder:
    def __init__(self, units: UnitTable, qualifiers: QualifierTable, exclusions: Exclusions) -> None:
        self.units = units
        self.qualifiers = qualifiers
        self.exclusions = exclusions

    # -- one number -----------------------------------------------------------------------
    def _sub_unit(self, s: str, u: UnitMatch, value: Decimal, value_max: Decimal | None
                  ) -> tuple[Decimal, Decimal | None, int]:
        """A unit worth ``u.factor`` of the unit written (毛 = 0.1 元), and a digit after it that
        counts tenths of it (三毛五, 两毛五分), unless that digit starts a quantity (三毛一斤)."""
        f = Decimal(u.factor)
        value, end = value * f, u.end
        value_max = tidy(value_max * f) if value_max is not None else None
        d = s[end:end + 1]
        digit = CN_DIGITS.get(d, int(d) if d.isdigit() and d.isascii() else None)
        if (digit is not None and value_max is None and s[end - 1] != "钱"
                and self.units.match(s, end + 1) is None):
            value += digit * f / 10
            end += 1
            if s.startswith("分", end):
                end += 1
        return tidy(value), value_max, end

    def grow(self, s: str, n: NumberMatch, spans: ExclusionSpans, words: GoverningWords | None = None) -> Candidate:
        """The figure around number ``n`` as far as the text allows (``words``: the governing
        words of ``s``, ``QualifierTable.governing_words``, or None to look them up here)."""
        start, pos = n.start, n.end
        bound = "="
        value, value_max = n.value, n.value_max
        inner = n.inner or ""
        scale = n.scale
        fn = FOOTNOTE.match(s, pos) if s[pos:pos + 1] in FOOTNOTE_FIRST else None
        if fn is not None:
            for word, mult in SCALES:
                if s.startswith(word, fn.end()) and not scale:
                    value, scale, pos = value * mult, word, fn.end() + len(word)
                    value_max = value_max * mult if value_max is not None else None
                    break
            else:
                if self.units.match(s, fn.end()) is not None:
                    pos = fn.end()
        if scale in SMALL_SCALES and n.text.endswith(scale) and not inner and value_max is None:
            # 3千米 is 3 km, 5千克 5 kg, 0.5百分点 half a point: the scale starts the unit
            u0 = self.units.match(s, pos - len(scale))
            if u0 is not None and u0.start == pos - len(scale):
                try:
                    plain = parse_number(n.text[:-len(scale)])
                except ValueError:
                    plain = None
                if plain is not None:
                    value = -plain if n.negative and plain > 0 else plain
                    pos, scale = pos - len(scale), ""
        # the unit after the number, or after a 余/多 between (2600余人)
        units, qualifiers = self.units, self.qualifiers
        u = units.match(s, pos)
        if inner:  # 2600多万 (>), 二十来万 (~): the bound of the qualifier inside the number
            q = qualifiers.inner(inner, 0)
            bound = q.bound if q is not None else ">"
        elif u is None:
            iq = qualifiers.inner(s, pos)
            if iq is not None:
                u = units.match(s, iq.end)
                if u is not None or iq.bound == ">":
                    pos, inner, bound = iq.end, iq.word, iq.bound
        end = u.end if u else pos
        unit, category, rule = (u.unit, u.category, u.rule) if u else ("", "count", "")
        if u is not None and u.factor:  # 三毛五 is 0.35 元
            value, value_max, end = self._sub_unit(s, u, value, value_max)
        # a qualifier after the unit (or after the number): 以上, 左右, 多 (三元多)
        qa = qualifiers.after(s, end)
        if qa is not None and not (inner and qa.word in qualifiers.inner_words):
            if u is not None or qa.word not in qualifiers.inner_words:
                bound = qa.bound
                end = qa.end
        qb = qualifiers.before(s, start)
        if qb is not None:
            start = qb.start
            if qb.bound != "=" or bound == "=":  # 仅有400多户 stays ">"
                bound = qb.bound
        if value_max is not None:
            bound = "range"
        if category == "count" and value != value.to_integral_value():
            category = "measure"  # 7.4天, 2.5个月: a fraction of a count unit measures a duration
        if bound == "=" and u is not None and qb is None and (words is None or words.near(start)):
            g = qualifiers.governing(s, start)
            # 所得最高20%家庭…194万元: a word qualifying the number right after it governs no
            # later figure, unless they are items of one list (不少于1家、10家)
            if g is not None and not (s[g.end:g.end + 1].isdigit() and "、" not in s[g.end:start]):
                bound = g.bound
        excluded = spans.rule_for(n.start, n.end)
        if n.kind == "too_long":  # never read (numbers/finder.py): whatever else matched it
            excluded = TOO_LONG
        elif excluded == "idiom.article" and u is not None and _listed_after_count(s, start, u.unit):
            excluded = None  # 辖十二个行政村、一个社区: a count in a list of counts
        elif (excluded is None and n.text == "一" and u is not None and u.category in ("count", "measure")
                and not inner and bound == "=" and qb is None and not _listed_after_count(s, start, u.unit)):
            excluded = "idiom.article"  # 一粒种子, 一家企业: any count or measure word, not only the listed ones
        if excluded is None and u is None:
            excluded = "bare.no-unit"
            if (("万" in scale or "亿" in scale) and (n.text[0] not in LONE_SCALES or inner)
                    and ((end < len(s) and _is_cjk(s[end]))  # 123万职工
                         # 下拨救灾资金685万, : an amount closing its clause after the noun
                         or (s[end:end + 1] in CLAUSE_CLOSE and start > 0 and _is_cjk(s[start - 1])))):
                excluded, rule = None, "figure.bare-scaled"
        elif excluded is None and n.text in LONE_SCALES and (
                bound == "=" or (bound in (">=", "<=") and end < len(s) and _is_cjk(s[end]))):
            # 万亩 alone, or a threshold like 亿元以上项目, is not a stated quantity
            excluded = "vague.lone-scale"
        return Candidate(start, end, value, value_max, unit, category, bound, rule or "figure", excluded)

    # -- the whole text ---------------------------------------------------------------------
    def find(self, s: str, tables: Tables | None = None) -> list[Candidate]:
        """The candidates of ``s``; ``tables`` (table_layout.py) makes bare table cells figures."""
        nums = find_numbers(s, bare_scales=True)
        spans = self.exclusions.spans(s)
        words = self.qualifiers.governing_words(s)
        out: list[Candidate] = []
        consumed = 0
        grow = self.grow
        for n in nums:
            if n.start < consumed:
                continue
            if n.text in ("百", "千") and s.startswith("分之", n.end):
                continue  # the 百 of 百分之八十 (when the number finder reports it)
            c = grow(s, n, spans, words)
            for word, unit in PER_WORDS if not c.unit else ():
                # 百分之八十 -> 80%, 千分之五 -> 5‰
                w0 = n.start - len(word)
                if w0 >= 0 and s.startswith(word, w0):
                    bound, start = c.bound, min(c.start, w0)
                    qb = self.qualifiers.before(s, start)
                    if qb is not None and bound == "=":
                        bound, start = qb.bound, qb.start
                    c = replace(c, start=start, unit=unit, category="percent", bound=bound,
                                rule="unit.percent.chinese",
                                excluded=TOO_LONG if n.kind == "too_long" else spans.rule_for(n.start, n.end))
                    break
            out.append(c)
            consumed = c.end
        out = self._scaled_heads(s, out)
        self._share_units(s, out)
        if tables is not None and tables.cells:
            _table_cells(out, tables)
        return self._ranges(s, out)

    def _scaled_heads(self, s: str, cands: list[Candidate]) -> list[Candidate]:
        """32萬312元, 10兆2701億元: a scaled number with the rest of the amount right after it
        (the number finder leaves a tail without a separator alone: 3万2020年 is two)."""
        out: list[Candidate] = []
        k = 0
        while k < len(cands):
            c = cands[k]
            k += 1
            if c.excluded != "bare.no-unit" or c.value_max is not None or k >= len(cands):
                out.append(c)
                continue
            nxt = cands[k]
            gap = s[c.end:nxt.start]
            mult = HEAD_SCALES.get(gap) if gap else HEAD_SCALES.get(s[c.end - 1:c.end])
            if (mult is None or nxt.excluded is not None or not nxt.unit or nxt.value_max is not None
                    or not s[nxt.start:nxt.start + 1].isdigit() or not 0 <= nxt.value < mult):
                out.append(c)
                continue
            value = c.value * mult if gap else c.value
            out.append(replace(nxt, start=c.start, value=tidy(value + nxt.value),
                               bound=c.bound if c.bound != "=" else nxt.bound))
            k += 1
        return out

    def _share_units(self, s: str, cands: list[Candidate]) -> None:
        """A bare number in a list takes the unit of the list's last item (78亿及156亿元)."""
        for k in range(len(cands) - 1, -1, -1):
            c = cands[k]
            if c.unit == "个" and c.excluded is None and k + 1 < len(cands):
                # 提高2个和5个百分点: the 个 of a listed number is the start of the last one's 个百分点
                nxt = cands[k + 1]
                if (s[c.end:nxt.start] in LIST_SEPS and nxt.excluded is None
                        and s.startswith("个百分点", nxt.end - 4)):
                    cands[k] = replace(c, unit=nxt.unit, category=nxt.category, rule=nxt.rule)
                continue
            if c.excluded != "bare.no-unit" and c.rule != "figure.bare-scaled":
                continue
            j = k
            while j + 1 < len(cands):
                gap = s[cands[j].end:cands[j + 1].start]
                if gap not in LIST_SEPS:
                    break
                j += 1
                nxt = cands[j]
                if nxt.unit and nxt.excluded is None:
                    cands[k] = replace(c, unit=nxt.unit, category=nxt.category, rule=nxt.rule,
                                       excluded=None)
                    break
                if nxt.excluded not in (None, "bare.no-unit"):
                    break

    def _ranges(self, s: str, cands: list[Candidate]) -> list[Candidate]:
        """260元至500元 -> one figure, value 260, value_max 500, bound range."""
        out: list[Candidate] = []
        for c in cands:
            if out and c.start - out[-1].end <= 3:  # both joins below need a gap of 3 at most
                p = out[-1]
                gap = s[p.end:c.start]
                if (gap in RANGE_SEPS and p.excluded is None and c.excluded is None and p.unit
                        and p.unit == c.unit and p.value_max is None and c.value > p.value
                        and p.bound == "=" and c.bound == "="):
                    out[-1] = replace(p, end=c.end, value_max=c.value, bound="range")
                    continue
                if (len(gap) <= 3 and gap != gap.strip() and gap.strip() in RANGE_SEPS
                        and p.excluded == "bare.no-unit" and p.value_max is None and c.excluded is None
                        and c.unit and c.value_max is None and c.value > p.value and c.bound == "="
                        and p.bound == "="):  # 2.3 - 6.1%: a range written with spaces
                    out[-1] = replace(c, start=p.start, value=p.value, value_max=c.value, bound="range")
                    continue
            out.append(c)
        return out


def _table_cells(cands: list[Candidate], tables: Tables) -> None:
    """Bare numbers that are cells of a table are figures, scaled and with the unit their
    headings state (FIGURES.md: ``营业收入(万元)`` over ``1250.40`` is 12504000 元)."""
    starts, cells = tables.starts, tables.cells
    k, n, last = 0, len(starts), -1  # cells[k - 1]: the last cell that starts at or before c (Tables.at)
    for j, c in enumerate(cands):
        pos = c.start
        if pos < last:  # (out of text order: looked up)
            k = bisect_right(starts, pos)
        while k < n and starts[k] <= pos:
            k += 1
        last = pos
        if k == 0 or pos >= cells[k - 1].end:
            continue
        cell = cells[k - 1]
        if not cell.bare or c.excluded not in (None, "bare.no-unit"):
            continue
        own_pct = c.unit in ("%", "‰") and c.end <= cell.end
        if c.unit and not own_pct and c.end <= cell.end:
            continue
        value, end = c.value, min(c.end, cell.end)
        if cell.negative and value > 0:
            value = -value
        if own_pct:
            unit, category = c.unit, c.category
        elif cell.unit is not None:
            value = tidy(value * cell.unit.scale)
            unit, category = cell.unit.unit, cell.unit.category
        else:
            unit, category = "", ("ratio" if cell.other_measure else "count")
        cands[j] = replace(c, start=cell.start if cell.negative else c.start, end=cell.end if cell.negative else end,
                           value=value, unit=unit, category=category, bound="=", excluded=None,
                           rule=tables.cell_rule)


_ITEM_BREAKS = ",，;；。:：!！?？、\n"
_COUNTED = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万]+")


def _listed_after_count(s: str, start: int, unit: str) -> bool:
    """Is the 一 at ``start`` an item of a list of counts (辖十二个行政村、一个社区), not an article?"""
    if start == 0 or s[start - 1] not in "、和及与":
        return False
    lo = start - 1
    while lo > 0 and start - lo < 16 and s[lo - 1] not in _ITEM_BREAKS:
        lo -= 1
    return any(s.startswith(unit, m.end()) for m in _COUNTED.finditer(s, lo, start - 1))
