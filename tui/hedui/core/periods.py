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

import re

from hedui.core.context import Context, TimePhrase
from hedui.core.scan import Scanner
from hedui.core.tables import table_period

_OPEN_CLOSE = (("“", "”"), ("《", "》"), ("「", "」"))
_QUALIFIER_GAP = "近约超逾共计达为有了:： "


_MAX_NAME = 18
_SPEECH = re.compile("[,，。!！?？;；]")  # a quotation holding a clause break is speech, not a name


def _inside_quotes(text: str, sent_start: int, pos: int) -> bool:
    """Inside a book title, or inside a quoted name (a short quotation; speech is longer)."""
    seg = text[sent_start:pos]
    for o, c in _OPEN_CLOSE:
        if seg.count(o) > seg.count(c):
            if o == "《":
                return True
            opened = text.rfind(o, sent_start, pos)
            closed = text.find(c, pos)
            if closed >= 0 and closed - opened <= _MAX_NAME and not _SPEECH.search(text, opened, closed):
                return True
    return False


def find_time_phrases(ctx: Context) -> list[TimePhrase]:
    """Every time phrase of the report's view text, overlaps resolved (longest wins), sorted."""
    t = ctx.text
    rules = ctx.rules
    bounds = rules.period_boundaries + rules.sentence_ends
    clause_starts = [0] + [m.end() for m in re.finditer("[" + re.escape(bounds) + "]", t)]
    found: list[tuple[int, int, int, int, int, str, str]] = []  # (ms, me, order, ks, ke, kind, id)
    scanners = ctx.scanners.periods if ctx.scanners is not None else None
    skipped: list[int] | None = None
    for order, rule in enumerate(rules.periods):
        scan = scanners[order] if scanners is not None else Scanner(rule.regex)
        matches: list[re.Match[str]] = []
        if rule.clause_start:
            if skipped is None:
                skipped = _past_spaces(t, clause_starts)
            matches.extend(scan.match_at(t, skipped))
        else:
            matches.extend(scan.finditer(t))
        for m in matches:
            if m.end() == m.start():
                continue
            ks, ke = (m.start("p"), m.end("p")) if "p" in rule.regex.groupindex and m.group("p") else m.span()
            found.append((m.start(), m.end(), order, ks, ke, rule.kind, rule.id))
    # longest first, then rule order
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    taken = bytearray(len(t) + 1)
    out: list[TimePhrase] = []
    for ms, me, _, ks, ke, kind, rid in found:
        if taken.find(1, ms, me) >= 0:
            continue
        taken[ms:me] = b"\x01" * (me - ms)
        if kind == "not":
            continue
        if _excluded(ctx, ms, ke):
            continue
        out.append(TimePhrase(ks, ke, kind, rid, ms))
    out.sort(key=lambda p: p.start)
    return out


def _past_spaces(t: str, starts: list[int]) -> list[int]:
    """Each clause start moved past the spaces that open its clause (still sorted)."""
    out = []
    n = len(t)
    for cs in starts:
        while cs < n and t[cs] in " \u3000\t":
            cs += 1
        out.append(cs)
    return out


def _excluded(ctx: Context, ms: int, ke: int) -> bool:
    t = ctx.text
    rules = ctx.rules
    ss, _ = ctx.sentence_at(ms)
    if t[ms] != "“" and _inside_quotes(t, ss, ms):
        return True
    if rules.cmp_before is not None and rules.cmp_before.search(t, max(ss, ms - 4), ms):
        return True
    if rules.cmp_after is not None and rules.cmp_after.match(t[ke:ke + 6]):
        return True
    if ms > 0 and t[ms - 1] == "是" and t[ke:ke + 1] == "的":
        return True  # 是五年前的四倍: the base of a comparison
    return False


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
