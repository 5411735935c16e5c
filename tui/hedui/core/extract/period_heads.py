"""What heads a sentence or a stretch of it for the periods (periods.py, steps 3, 5 and 6): a time
phrase standing alone as a clause (2022年,…), a head after frames only (统计局发布, 受台风影响,
…), the one period heading a stretch after a ``;``, and the items of a list a head does not
carry into (…;二是…). The answers that are the same for every figure of a sentence are
remembered on the context.
"""
from __future__ import annotations

from hedui.core.extract.context import Context
from hedui.core.extract.time_phrases import TimePhrase

_QUALIFIER_GAP = "近约超逾共计达为有了:： "


def attributive_ok(t: str, p: TimePhrase, vs: int) -> bool:
    """A phrase followed by 的 (2020年的144万人, 近40年的历史) governs only the number right after it."""
    if p.end < len(t) and t[p.end] == "的":
        gap = t[p.end + 1:vs]
        return all(ch in _QUALIFIER_GAP for ch in gap)
    return True


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
    return opens and not t[p.match_end:ce].strip(" \u3000")


def _is_frame(ctx: Context, start: int, end: int) -> bool:
    """Is the clause [start, end) a frame (a reporting frame, a dateline, a cause, a topic, an
    item's heading: 统计局发布, / 受台风影响, / 收入方面, / 四是弘扬劳模精神,) or a time phrase alone?"""
    t = ctx.text
    clause = t[start:end].strip(" \u3000").lstrip("“「")
    if any(f.search(clause) for f in ctx.rules.frames):
        return True
    timed = [q for q in ctx.phrases_in(start, end) if q.kind == "period"]
    return bool(timed) and not t[start:timed[0].match_start].strip(" \u3000“「") \
        and not t[timed[-1].match_end:end].strip(" \u3000”」")


def is_framed(ctx: Context, p: TimePhrase, ss: int) -> bool:
    """Does ``p`` stand in the first clause of its sentence, or after frames only? Then it heads
    the sentence as if it opened it (FIGURES.md: a frame or a dateline does not stop it)."""
    key = ("framed", p.match_start, ss)
    got = ctx.memo.get(key)
    if got is None:
        rules = ctx.rules
        bounds = rules.period_boundaries + rules.sentence_ends
        end = ctx.clause_start(p.match_start, bounds, floor=ss) - 1
        got = True
        while end > ss:
            start = ctx.clause_start(end, bounds, floor=ss)
            if not _is_frame(ctx, start, end):
                got = False
                break
            end = start - 1
        ctx.memo[key] = got
    return got


def _opens_clause(ctx: Context, p: TimePhrase, cs: int) -> bool:
    """Is ``p`` at the head of its clause: at most ``head_offset`` characters into it (预计全年…,
    我市近年来…), or after a subject and 于 (``head_subject``: 省防指于14日12时启动…)?"""
    gap = ctx.text[cs:p.match_start].lstrip("“「")
    if len(gap) <= ctx.rules.head_offset:
        return True
    rx = ctx.rules.head_subject
    return rx is not None and rx.search(gap) is not None


def sentence_heads(ctx: Context, vs: int, ss: int, se: int, before: list[TimePhrase]
           ) -> tuple[list[TimePhrase], TimePhrase | None]:
    """(the phrases heading the sentence, the first of the phrases before its first number that
    stands alone as a clause)"""
    t = ctx.text
    rules = ctx.rules
    first_q = vs
    # 一笔, 一个 before a noun are articles (他算了一笔账,一个月下来,…), not the first number
    article = rules.article
    for qs, qe in ctx.quantities_in(ss, vs):
        for p in before:
            if p.start < qe and qs < p.end:
                break  # (a number inside a time phrase: 一个月)
        else:
            if not (article and article.match(t, qs)):
                first_q = qs
                break
    heads: list[TimePhrase] = []
    alone = None
    for p in before:  # (sorted by their ends)
        if p.end > first_q:
            break
        if not p.heads:
            continue
        if _heading(ctx, p, ss, se) and attributive_ok(t, p, vs):
            heads.append(p)
        if alone is None and p.kind == "period" and _alone(ctx, p, ss):
            alone = p
    return heads, alone


def _heading(ctx: Context, p: TimePhrase, ss: int, se: int) -> bool:
    """Does ``p`` (that may head a sentence) open its clause in the sentence [ss, se), or stand
    after a subject there with frames only before it? (remembered per phrase: the same for every
    figure of the sentence)"""
    key = ("period-heading", p.match_start, ss, se)
    got = ctx.memo.get(key)
    if got is None:
        t = ctx.text
        rules = ctx.rules
        content = ss
        while content < se and t[content] in " \u3000\t\r":
            content += 1
        got = False
        if p.kind == "period" or p.match_start == content:
            cs = ctx.clause_start(p.match_start, rules.period_boundaries + rules.sentence_ends, floor=ss)
            # 省防指于14日12时启动…: a subject before it
            got = p.match_start - cs <= rules.head_offset or (_opens_clause(ctx, p, cs) and is_framed(ctx, p, ss))
        ctx.memo[key] = got
    return got


def stretch_head(ctx: Context, vs: int, floor: int) -> TimePhrase | None:
    """The one period of the figure's stretch (after a ;) before it, when it heads the
    stretch's first clause before any number: it governs the stretch as a head governs a sentence
    (…;寬減2023-24年度薪俸稅…百分之百,上限6,000元)."""
    t = ctx.text
    while floor < vs and t[floor] in " \u3000":
        floor += 1
    phrases = [p for p in ctx.phrases_in(floor, vs) if p.kind == "period"]
    if len(phrases) != 1:
        return None  # a later one decides by its own reach
    p = phrases[0]
    bounds = ctx.rules.period_boundaries + ctx.rules.sentence_ends
    if not p.heads or p.match_start >= ctx.clause_end(floor, bounds) or not attributive_ok(t, p, vs):
        return None
    if not _opens_clause(ctx, p, floor) or ctx.quantities_in(floor, p.start):
        return None
    return p


def is_new_item(ctx: Context, floor: int) -> bool:
    """Does the stretch at ``floor`` open a new item of a list (二是…, (三)…)?"""
    rx = ctx.rules.item_marker
    if rx is None:
        return False
    t = ctx.text
    while floor < len(t) and t[floor] in " \u3000":
        floor += 1
    return rx.match(t, floor) is not None


def in_list_item(ctx: Context, p: TimePhrase, ss: int) -> bool:
    """Is ``p`` inside an item of a list (一是扩大有效投资,全年实施…)?"""
    rx = ctx.rules.item_marker
    if rx is None:
        return False
    bounds = ctx.rules.period_boundaries + ctx.rules.sentence_ends
    pos = p.match_start
    while pos > ss:
        cs = ctx.clause_start(pos, bounds, floor=ss)
        k = cs
        while k < pos and ctx.text[k] in " \u3000":
            k += 1
        if rx.match(ctx.text, k):
            return True
        pos = cs - 1
    return False
