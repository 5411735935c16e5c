"""The period of a figure: the time phrase that governs it (FIGURES.md, "Period" and "Reach").

In order:

1. the base of a comparison right before the figure (较110年5.12次: 5.12次 is of 110年);
2. a time phrase earlier in the figure's own clause (the last one);
3. a head standing alone as a clause (2022年,…; 数据显示,2021年,…);
4. a time phrase of an earlier clause of the same stretch (up to ``;``) when it reaches the
   figure: its clause holds no figure (当晚露宿街头时,800多元…), every clause from there on
   goes on with the one before it (…为194万元,较103年增1.03%: rules ``[[continuation]]``), the
   figure's clause goes on with a list there (…4个、班组11个,明星班组1个), or the phrase reaches
   its whole stretch (``stretch``: 截至目前已抢通79条,尚未抢通的8条);
5. after a ``;``, the one time phrase heading the figure's stretch (…;寬減2023-24年度…,上限6,000元);
6. the head of the sentence: a time phrase before its first number at the head of its clause
   (近五年, 去年以来, 目前; 省防指于14日12时…), after nothing but frames (``[[frame]]``: 统计局发布,
   受台风影响, 收入方面); past a ``;`` only such a head carries, never into a new item (…;二是…);
7. a time phrase later in the figure's own clause (组织9家企业申报2019年…).

Two time phrases that stand together, apart only by a comma (截至7月10日14时,今年以来), are one
period, as written. A frequency word (每年, 1年) governs its clause (the sentence when it opens
it). Headings and earlier sentences never carry over; reporting times (近日, 日前) and comparison
bases (比上年, 比2022年同期) are not periods of the change. What heads a sentence or a stretch
(steps 3, 5 and 6) is told in period_heads.py.
"""
from __future__ import annotations

import re

from hedui.core.extract.context import Context
from hedui.core.numbers.scan import literal_alternation
from hedui.core.extract.period_heads import (
    attributive_ok, in_list_item, is_framed, is_new_item, sentence_heads, stretch_head,
)
from hedui.core.extract.time_phrases import TimePhrase
from hedui.core.extract.tables import table_cell, table_period

_HAN = re.compile("[\u4e00-\u9fff“”「」]+")
_JOIN_GAP = ",， \u3000"


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


def _stretch_start(ctx: Context, ss: int, cs: int) -> int:
    """Where the stretch of the clause at ``cs`` starts: after the last ; or colon of its sentence
    (预案:…每10股派发3.20元 is no longer the heading's)."""
    return max(ss, ctx.break_before(cs, ss, _STRETCH_BREAKS) + 1)


_STRETCH_BREAKS = ";；:："


def _reaching(ctx: Context, vs: int, cs: int, floor: int) -> TimePhrase | None:
    """A period of an earlier clause of the figure's stretch (from ``floor``, up to ;) that
    reaches the figure."""
    t = ctx.text
    rules = ctx.rules
    bounds = rules.period_boundaries + rules.sentence_ends
    chain = _continues(ctx, cs)
    # a clause that is only a noun and its figure goes on with a list before it (近五年建成工作室4个、
    # 班组11个,明星班组1个,…); found when first asked
    item = None
    listing = False
    end = cs - 1  # the boundary before the figure's clause
    while end > floor:
        start, periods, has_figure, holds_list = _clause(ctx, end, floor, bounds)
        phrases = [p for p in periods if attributive_ok(t, p, vs)] if periods else periods
        if phrases:
            if chain or (not has_figure and not listing) or phrases[-1].stretch:
                return phrases[-1]
            if holds_list:
                if item is None:
                    item = _list_item(ctx, cs, ctx.clause_end(vs, bounds))
                if item:  # (listed)
                    return phrases[-1]
        if has_figure:
            if not chain:
                if item is None:
                    item = _list_item(ctx, cs, ctx.clause_end(vs, bounds))
                item = item and (holds_list or _list_item(ctx, start, end))
                if not item:
                    return None
                listing = True  # only the clause that lists with 、 can hold the phrase now
            chain = _continues(ctx, start)
        end = start - 1
    return None


def _clause(ctx: Context, end: int, floor: int, bounds: str) -> tuple[int, list[TimePhrase], bool, bool]:
    """(start, its periods (not asides), does it hold a figure, does it list figures with 、) of
    the clause ending at ``end`` (not before ``floor``); remembered: each later figure of the
    sentence looks at it again."""
    key = ("period-clause", end, floor)
    got = ctx.memo.get(key)
    if got is None:
        start = ctx.clause_start(end, bounds, floor=floor)
        timed = ctx.phrases_in(start, end)  # 一个 of 一个早上下来 is no figure
        periods = [p for p in timed if p.kind == "period" and not _aside(ctx, p)]
        qs = ctx.quantities_in(start, end)
        has_figure = any(ps >= start and not any(p.start < pe and ps < p.end for p in timed) for ps, pe in qs)
        t = ctx.text
        got = ctx.memo[key] = (start, periods, has_figure, any(t[q1:q1 + 1] == "、" for _, q1 in qs))
    return got


def _aside(ctx: Context, p: TimePhrase) -> bool:
    """Is ``p`` a bracketed restatement of the time phrase right before it (2024年10月(10月1日0时至
    10月31日24时))? The phrase outside the brackets is the period."""
    t = ctx.text
    ms = p.match_start
    if ms < 2 or t[ms - 1] not in "(（" or t[p.end:p.end + 1] not in ")）":
        return False
    return any(q.end == ms - 1 for q in ctx.phrases_in(max(0, ms - 40), ms - 1))


def _list_item(ctx: Context, start: int, end: int) -> bool:
    """Is the clause [start, end) only a short noun and its figures (创新明星班组1个, 工作室31个、班组45个)?"""
    t = ctx.text
    qs = ctx.quantities_in(start, end)
    if not qs:
        return False
    pos = start
    for q0, q1 in qs:
        gap = t[pos:q0].strip(" \u3000、")
        if not gap or len(gap) > ctx.rules.max_item_noun or not _HAN.fullmatch(gap):
            return False
        pos = q1
    return not t[pos:end].strip(" \u3000")


def governing_phrase(ctx: Context, vs: int) -> TimePhrase | None:
    """The time phrase that governs a figure starting at view position ``vs``."""
    span = governing_span(ctx, vs)
    return span[0] if span else None


def governing_span(ctx: Context, vs: int) -> tuple[TimePhrase, int, int] | None:
    """(the phrase that governs the figure at ``vs``, start, end of the period as written: two
    phrases standing together are one)."""
    ss, se = ctx.sentence_at(vs)
    return _governing_span(ctx, vs, ss, se, ctx.phrases_in(ss, vs))


def _governing_span(ctx: Context, vs: int, ss: int, se: int, before: list[TimePhrase]
                    ) -> tuple[TimePhrase, int, int] | None:
    """``governing_span`` of the figure at ``vs`` in the sentence [ss, se), ``before`` the phrases
    of the sentence before it."""
    # the base figure stands right after its base (较110年5.12次); 是五年前的四倍 is a multiple
    bases = ctx.bases()
    if bases:
        base = bases.get(vs) or (bases.get(vs - 1) if ctx.text[vs - 1:vs] == " " else None)
        if base is not None:
            return base, base.start, base.end
    p = _governing(ctx, vs, ss, se, before)
    if p is None:
        return None
    return p, *_joined(ctx, p, vs)


def _governing(ctx: Context, vs: int, ss: int, se: int, before: list[TimePhrase]) -> TimePhrase | None:
    t = ctx.text
    rules = ctx.rules
    if before:  # (they all end by vs)  # (else no phrase in its clause, no head, alone or not, nothing earlier: only a later one)
        cs = ctx.clause_start(vs, rules.period_boundaries + rules.sentence_ends, floor=ss)
        # the last phrase of its own clause; one with 的 reaches the figure unless a number stands
        # between (100年的負儲蓄達2萬9308元; 从2020年的144万人,发展到…)
        for p in reversed(before):
            if p.match_start < cs:
                break  # (the phrases are apart: their matches' starts are sorted too)
            if attributive_ok(t, p, vs) or not ctx.quantities_in(p.end, vs):
                return p
        got = _earlier(ctx, vs, ss, se, cs, before)
        if got is not None:
            return got
    after = ctx.phrases_in(vs, se)
    if not after:
        return None
    ce = ctx.clause_end(vs, rules.period_boundaries + rules.sentence_ends, se)
    # (the phrases in [vs, ce): those of the sentence's that end by ce, as ce <= se)
    later = [p for p in after if p.end <= ce and p.kind == "period" and t[p.end:p.end + 1] != "的"]
    return later[0] if later else None


def _earlier(ctx: Context, vs: int, ss: int, se: int, cs: int, before: list[TimePhrase]) -> TimePhrase | None:
    """The governing phrase among those before the figure at ``vs`` outside its clause (steps 3
    to 6 of the module's order), or None."""
    t = ctx.text
    heads, alone = sentence_heads(ctx, vs, ss, se, before)
    floor = _stretch_start(ctx, ss, cs)
    if alone is not None and alone.start < floor and any(p.start >= floor for p in before):
        alone = None  # 报告期内,…;报告期末,总资产3.4亿元: a period of the figure's own stretch is nearer
    # past a ; only a phrase that heads the sentence itself (after frames only) carries: not one
    # after a clause of content (医院开通…服务,全年惠及…;为…体检1.9万人), nor into a new item (…;二是…)
    new_item = floor > ss and is_new_item(ctx, floor)
    heads = [p for p in heads
             if p.start >= floor or (is_framed(ctx, p, ss) and not (new_item and in_list_item(ctx, p, ss)))]
    if alone is not None and alone.start < floor and not is_framed(ctx, alone, ss):
        alone = None
    if alone is not None:
        return alone  # 2022年,全镇…,全年未发生…,…下降33.3%: a head standing alone frames the sentence
    reach = _reaching(ctx, vs, cs, floor)
    if reach is not None:
        return reach
    if floor > ss and t[floor - 1] in ";；":
        head = stretch_head(ctx, vs, floor)
        if head is not None:
            return head
    return heads[0] if heads else None


def _joined(ctx: Context, p: TimePhrase, vs: int) -> tuple[int, int]:
    """[start, end) of ``p`` with the periods that stand right beside it, apart only by a comma
    (截至7月10日14时,今年以来), all before the figure."""
    t = ctx.text
    start, end = p.start, p.end
    # (a phrase joins only across a gap of commas and spaces: none unless one stands right beside)
    if start > 0 and t[start - 1] in _JOIN_GAP:
        ss, _ = ctx.sentence_at(p.start)
        for q in reversed(ctx.phrases_in(ss, p.start)):
            if q.kind != "period" or not all(ch in _JOIN_GAP for ch in t[q.end:start]) or q.end == start:
                break
            start = q.start
    if end < len(t) and t[end] in _JOIN_GAP:
        for q in ctx.phrases_in(end, vs):
            if q.kind != "period" or q.match_start < end or not all(ch in _JOIN_GAP for ch in t[end:q.match_start]):
                break
            if q.match_start == end:
                break
            end = q.end
    return start, end


#: ``ctx.memo`` key of what ``period_for`` found of the figure it dated last: (start, end, vs, ve,
#: its table cell or None; when not in a cell, its governing span and the ranges of the phrases
#: of its sentence before and after it, as ``Context.phrase_ranges``) — the period alternatives
#: of the same figure (asked next, by its original span) start from them
LAST_PERIOD = "period-figure"


def period_for(ctx: Context, start: int, end: int) -> str:
    """The period of the figure at [start, end) of the ORIGINAL text, in its own characters."""
    vs, ve = ctx.view_span(start, end)
    cell = table_cell(ctx, vs, ve)
    if cell is not None:
        ctx.memo[LAST_PERIOD] = (start, end, vs, ve, cell, None, None, None)
        return table_period(ctx, vs, ve)  # type: ignore[return-value]
    ss, se = ctx.sentence_at(vs)
    before, after = ctx.phrase_ranges(ss, vs, ve, se)
    span = _governing_span(ctx, vs, ss, se, ctx.phrases()[before[0]:before[1]])
    ctx.memo[LAST_PERIOD] = (start, end, vs, ve, None, span, before, after)
    if span is None:
        return ""
    return phrase_text(ctx, span[1], span[2])


def phrase_text(ctx: Context, start: int, end: int) -> str:
    """The original text of the period or time phrase at view span [start, end), stripped
    (remembered: the figures of a sentence share their periods, and their alternatives offer
    the sentence's phrases)."""
    key = ("phrase-text", start, end)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = ctx.original(range(start, end)).strip()
    return got
