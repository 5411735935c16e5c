"""The period of a figure: the time phrase that governs it (FIGURES.md, "Period" and "Reach").

In order:

1. the base of a comparison right before the figure (较110年5.12次: 5.12次 is of 110年);
2. a time phrase earlier in the figure's own clause (the last one);
3. a time phrase of an earlier clause of the same stretch (up to ``;``) when it reaches the
   figure: its clause holds no figure (当晚露宿街头时,800多元…), or every clause from there on
   goes on with the one before it (…为194万元,较103年增1.03%: rules ``[[continuation]]``);
4. the head of the sentence: a time phrase before its first number (近五年, 去年以来, 2023年1月~7月,
   目前, 截至目前; also one standing as its own clause after a reporting frame or a dateline:
   数据显示,2021年,…), which governs every figure of the sentence;
5. a time phrase later in the figure's own clause (组织9家企业申报2019年…).

Two time phrases that stand together, apart only by a comma (截至7月10日14时,今年以来), are one
period, as written. A frequency word (每年, 1年) governs its clause (the sentence when it opens
it). Headings and earlier sentences never carry over; reporting times (近日, 日前) and comparison
bases (比上年, 比2022年同期) are not periods of the change.
"""
from __future__ import annotations

import re

from hedui.core.extract.context import Context
from hedui.core.numbers.scan import literal_alternation
from hedui.core.extract.time_phrases import TimePhrase
from hedui.core.extract.tables import table_period

_QUALIFIER_GAP = "近约超逾共计达为有了:： "
_JOIN_GAP = ",， \u3000"


def _attributive_ok(t: str, p: TimePhrase, vs: int) -> bool:
    """A phrase followed by 的 (2020年的144万人, 近40年的历史) governs only the number right after it."""
    if p.end < len(t) and t[p.end] == "的":
        gap = t[p.end + 1:vs]
        return all(ch in _QUALIFIER_GAP for ch in gap)
    return True


def _continues(ctx: Context, cs: int) -> bool:
    """Does the clause starting at ``cs`` go on with the clause before it (较…, 同比…, 其中…)?"""
    t = ctx.text
    while cs < len(t) and t[cs] in " \u3000":
        cs += 1
    rx = ctx.memo.get("continuation")
    if rx is None:
        rx = ctx.memo["continuation"] = re.compile(literal_alternation(ctx.rules.continuation)) \
            if ctx.rules.continuation else re.compile("(?!)")
    return rx.match(t, cs) is not None


def _stretch_start(t: str, ss: int, cs: int) -> int:
    """Where the stretch of the clause at ``cs`` starts: after the last ; or colon of its sentence
    (预案:…每10股派发3.20元 is no longer the heading's)."""
    return max(ss, *(t.rfind(ch, ss, cs) + 1 for ch in ";；:："))


def _reaching(ctx: Context, vs: int, cs: int, ss: int) -> TimePhrase | None:
    """A period of an earlier clause of the figure's stretch (up to ;) that reaches the figure."""
    t = ctx.text
    rules = ctx.rules
    bounds = rules.period_boundaries + rules.sentence_ends
    floor = _stretch_start(t, ss, cs)
    chain = _continues(ctx, cs)
    end = cs - 1  # the boundary before the figure's clause
    while end > floor:
        start = ctx.clause_start(end, bounds, floor=floor)
        phrases = [p for p in ctx.phrases_in(start, end) if p.kind == "period" and _attributive_ok(t, p, vs)]
        # 2024年10月(2024年10月1日0时至10月31日24时): a bracket spelling out the period before it
        phrases = [p for p in phrases if not _spelt_out(t, p)] or phrases
        inside = ctx.phrases_in(start, end)  # a number of a time phrase is none (一个早上下来)
        has_figure = any(ps >= start and not any(q.start <= ps < q.end for q in inside)
                         for ps, _ in ctx.quantities_in(start, end))
        if phrases and (chain or not has_figure):
            return phrases[-1]
        if has_figure:
            if not chain:
                return None
            chain = _continues(ctx, start)
        end = start - 1
    return None


def _spelt_out(t: str, p: TimePhrase) -> bool:
    """Is ``p`` a bracket of its own, right after another time phrase (2024年10月(…至…))?"""
    return t[p.match_start - 1:p.match_start] in ("(", "（") and t[p.end:p.end + 1] in (")", "）") \
        and t[p.match_start - 2:p.match_start - 1] in "年月日度"


def _alone(ctx: Context, p: TimePhrase, ss: int) -> bool:
    """Does ``p`` stand as its own clause (2022年, / 截至7月10日14时,)? (remembered per phrase)"""
    key = ("alone", p.match_start, ss)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = _alone_of(ctx, p, ss)
    return got


def _alone_of(ctx: Context, p: TimePhrase, ss: int) -> bool:
    t = ctx.text
    bounds = ctx.rules.period_boundaries + ctx.rules.sentence_ends
    cs = ctx.clause_start(p.match_start, bounds, floor=ss)
    ce = ctx.clause_end(p.end, bounds)
    before = t[cs:p.match_start]
    # nothing before it in its clause, or a heading apart by a space (…工作打算 2022年,)
    opens = not before.strip() or before[-1:] in " \u3000"
    return opens and not t[p.end:ce].strip(" \u3000")


def _heads(ctx: Context, vs: int, ss: int, se: int, before: list[TimePhrase]
           ) -> tuple[list[TimePhrase], TimePhrase | None]:
    """(the phrases heading the sentence, the first of the phrases before its first number that
    stands alone as a clause)"""
    t = ctx.text
    rules = ctx.rules
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
    alone = next((p for p in before if p.end <= first_q and p.kind == "period" and _alone(ctx, p, ss)), None)
    return heads, alone


def governing_phrase(ctx: Context, vs: int) -> TimePhrase | None:
    """The time phrase that governs a figure starting at view position ``vs``."""
    span = governing_span(ctx, vs)
    return span[0] if span else None


def governing_span(ctx: Context, vs: int) -> tuple[TimePhrase, int, int] | None:
    """(the phrase that governs the figure at ``vs``, start, end of the period as written: two
    phrases standing together are one); remembered on the context (the alternatives ask again)."""
    key = ("period", vs)
    if key not in ctx.memo:
        ctx.memo[key] = _governing_span(ctx, vs)
    return ctx.memo[key]


def _governing_span(ctx: Context, vs: int) -> tuple[TimePhrase, int, int] | None:
    # the base figure stands right after its base (较110年5.12次); 是五年前的四倍 is a multiple
    base = ctx.base_ending_at(vs) or (ctx.base_ending_at(vs - 1) if ctx.text[vs - 1:vs] == " " else None)
    if base is not None:
        return base, base.start, base.end
    p = _governing(ctx, vs)
    if p is None:
        return None
    return p, *_joined(ctx, p, vs)


def _governing(ctx: Context, vs: int) -> TimePhrase | None:
    t = ctx.text
    rules = ctx.rules
    ss, se = ctx.sentence_at(vs)
    before = [p for p in ctx.phrases_in(ss, vs) if p.end <= vs]
    cs = ctx.clause_start(vs, rules.period_boundaries + rules.sentence_ends, floor=ss)
    # in its own clause a phrase with 的 reaches the figure unless a number stands between
    # (100年的負儲蓄達2萬9308元; 从2020年的144万人,发展到…)
    local = [p for p in before if p.match_start >= cs
             and (_attributive_ok(t, p, vs) or not any(qs >= p.end for qs, _ in ctx.quantities_in(p.end, vs)))]
    if local:
        return local[-1]
    heads, alone = _heads(ctx, vs, ss, se, before)
    floor = _stretch_start(t, ss, cs)
    if alone is not None and alone.start < floor and any(p.start >= floor for p in before):
        alone = None  # 报告期内,…;报告期末,总资产3.4亿元: a period of the figure's own stretch is nearer
    if alone is not None:
        return alone  # 2022年,全镇…,全年未发生…,…下降33.3%: a head standing alone frames the sentence
    reach = _reaching(ctx, vs, cs, ss)
    if reach is not None:
        return reach
    if heads:
        return heads[0]
    ce = ctx.clause_end(vs, rules.period_boundaries + rules.sentence_ends, se)
    later = [p for p in ctx.phrases_in(vs, ce) if p.kind == "period" and t[p.end:p.end + 1] != "的"]
    return later[0] if later else None


def _joined(ctx: Context, p: TimePhrase, vs: int) -> tuple[int, int]:
    """[start, end) of ``p`` with the periods that stand right beside it, apart only by a comma
    (截至7月10日14时,今年以来), all before the figure."""
    t = ctx.text
    start, end = p.start, p.end
    ss, _ = ctx.sentence_at(p.start)
    earlier = [q for q in ctx.phrases_in(ss, p.start) if q.end <= p.start]
    for q in reversed(earlier):
        if q.kind != "period" or not all(ch in _JOIN_GAP for ch in t[q.end:start]) or q.end == start:
            break
        start = q.start
    for q in ctx.phrases_in(end, vs):
        if q.kind != "period" or q.match_start < end or not all(ch in _JOIN_GAP for ch in t[end:q.match_start]):
            break
        if q.match_start == end:
            break
        end = q.end
    return start, end


def period_for(ctx: Context, start: int, end: int) -> str:
    """The period of the figure at [start, end) of the ORIGINAL text, in its own characters."""
    vs, ve = ctx.view_span(start, end)
    cell = table_period(ctx, vs, ve)
    if cell is not None:
        return cell
    span = governing_span(ctx, vs)
    if span is None:
        return ""
    _, ps, pe = span
    return ctx.original(range(ps, pe)).strip()
