"""The period of a figure: the time phrase that governs it (FIGURES.md, "Period").

A time phrase before the first number of a sentence (its head: 近五年, 去年以来, 2023年1月~7月,
目前, 截至目前, 五年来; also one standing as its own clause, 数据显示,2021年,...) governs every
figure of the sentence; one inside a clause governs that clause and takes precedence; a
frequency word (每年, 1年) governs its clause (the sentence when it opens it). With none of
these, a phrase later in the figure's own clause governs it (组织9家企业申报2019年…). Headings and
earlier sentences never carry over; reporting times (近日, 日前) and comparison bases
(比上年, 比2022年同期) are not periods.
"""
from __future__ import annotations

from hedui.core.extract.context import Context
from hedui.core.extract.time_phrases import TimePhrase
from hedui.core.extract.tables import table_period

_QUALIFIER_GAP = "近约超逾共计达为有了:： "


def _attributive_ok(t: str, p: TimePhrase, vs: int) -> bool:
    """A phrase followed by 的 (2020年的144万人, 近40年的历史) governs only the number right after it."""
    if p.end < len(t) and t[p.end] == "的":
        gap = t[p.end + 1:vs]
        return all(ch in _QUALIFIER_GAP for ch in gap)
    return True


def governing_phrase(ctx: Context, vs: int) -> TimePhrase | None:
    """The time phrase that governs a figure starting at view position ``vs``."""
    t = ctx.text
    rules = ctx.rules
    ss, se = ctx.sentence_at(vs)
    before = [p for p in ctx.phrases_in(ss, vs) if p.end <= vs]
    cs = ctx.clause_start(vs, rules.period_boundaries + rules.sentence_ends, floor=ss)
    local = [p for p in before if p.match_start >= cs and _attributive_ok(t, p, vs)]
    if local:
        return local[-1]
    first_q = vs
    for qs, qe in ctx.quantities_in(ss, vs):
        if not any(p.start < qe and qs < p.end for p in before):
            first_q = qs
            break
    content = ss
    while content < se and t[content] in " \u3000\t\r":
        content += 1
    bounds = rules.period_boundaries + rules.sentence_ends
    heads = [
        p for p in before
        if p.end <= first_q
        and _attributive_ok(t, p, vs)
        and (p.kind == "period" or p.match_start == content)
        # at the head of its clause (预计全年…, not 自治区政府在“十四五”期间…)
        and p.match_start - ctx.clause_start(p.match_start, bounds, floor=ss) <= rules.head_offset
    ]
    if heads:
        return heads[0]
    ce = ctx.clause_end(vs, rules.period_boundaries + rules.sentence_ends, se)
    later = [p for p in ctx.phrases_in(vs, ce) if p.kind == "period" and t[p.end:p.end + 1] != "的"]
    return later[0] if later else None


def period_for(ctx: Context, start: int, end: int) -> str:
    """The period of the figure at [start, end) of the ORIGINAL text, in its own characters."""
    vs, ve = ctx.view_span(start, end)
    cell = table_period(ctx, vs, ve)
    if cell is not None:
        return cell
    p = governing_phrase(ctx, vs)
    if p is None:
        return ""
    return ctx.original(range(p.start, p.end)).strip()
