"""The words of a label: the run of the report before a figure's number back to its clause start (or
the previous number), and the noun phrase after its unit, with time phrases, asides, connectives
and copulas left out (rules/labels.toml), as view positions; ``label_text`` (label_text.py) writes
them back in the report's own characters.
"""
from __future__ import annotations

import re

from hedui.core.extract.context import CLAUSE_REACH, Context
from hedui.core.extract.label_trim import (
    _PUNCT_HEAD, _PUNCT_TAIL, _cut_list, _patterns, _plain, _stop_after, _text, _trim,
)

_SPACE = " \u3000\t\r\n"
_MAX_BRACKET = 8
_SHORT_ITEM = 2  # the longest item of a list of nouns after a number (乡、镇、场)
_NOTES = ("以下", "下同", "简称", "下称")  # a bracket opening with these is a note (新臺幣(以下同))
_NOUN_JOINERS = ("和", "及", "与", "、")
_JOINERS = "、和及与 \u3000"
_AFTER_HEAD = "的" + _JOINERS
_OPENERS = re.compile("[(（\\[【]")
_BRACKETS = re.compile("[(（)）]")
_SPACES = re.compile("[" + _SPACE + "]")
_TIME_MARKS = re.compile("[年比" + _SPACE + "]")
_UNPLAIN = re.compile("[年比" + _SPACE + "(（\\[【]")  # (and an opening bracket)
_DIGIT_YEAR = re.compile(r"[0-9０-９]年")
_FRAMED = re.compile("相比|比较")
_BASE_YEAR = re.compile(r"(?:民国)?[0-9０-９]{2,4}年度?")  # a year, not a span (比10年前)
_NOUN = re.compile(r"[\u4e00-\u9fff()（）“”]+")
#: 一个, 一家 … before a number are articles that end its words (建立了一个二十亩的试验园); 一斤, 一趟
#: are the unit a price is for (郑州西瓜一斤买1.2元)
_ARTICLE_UNITS = "个家名位批种项座所支条间只件次场户"


def _is_list_comma(ctx: Context, i: int, floor: int) -> bool:
    """Is the 、 at view position i a separator between figures: does the list item before it
    hold a number (4名、“技术标兵”186名; 1个县区工会、1个乡镇工会), not only words (咨询、案件)?"""
    t = ctx.text
    bounds = ctx.rules.label_boundaries + "、"
    j = i - 1
    while j >= max(floor, i - 40) and t[j] not in bounds:
        j -= 1
    return any(qe <= i for _, qe in ctx.quantities_in(j + 1, i))


def _before_start(ctx: Context, vs: int, floor: int) -> int:
    """Where the words before the figure at vs begin: clause start, list item, open bracket
    (remembered: a list item's head is looked for from there again)."""
    key = ("label-start", vs, floor)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = _before_start_of(ctx, vs, floor)
    return got


def _marks(ctx: Context) -> re.Pattern[str]:
    """Brackets and list commas that are not clause breaks, compiled once per context."""
    got = ctx.memo.get("label-marks")
    if got is None:
        bounds = ctx.rules.label_boundaries
        got = ctx.memo["label-marks"] = re.compile(
            "[" + re.escape("".join(ch for ch in ")）(（、" if ch not in bounds)) + "]")
    return got


def _before_start_of(ctx: Context, vs: int, floor: int) -> int:
    t = ctx.text
    bounds = ctx.rules.label_boundaries
    floor = max(floor, vs - CLAUSE_REACH)  # a clause is followed that far at most
    # the walk back from vs stops at the clause break (found by one search), else at an open
    # bracket or a list comma after it: only brackets and commas are looked at, nearest first
    j = ctx.break_before(vs, floor, bounds)
    start = j + 1 if j >= 0 else min(floor, vs)
    marks = _marks(ctx)
    if marks.search(t, start, vs) is not None:
        depth = 0
        for i in reversed([m.start() for m in marks.finditer(t, start, vs)]):
            ch = t[i]
            if ch in ")）":
                depth += 1
            elif ch in "(（":
                if depth == 0:
                    start = i + 1
                    break
                depth -= 1
            elif depth == 0 and _is_list_comma(ctx, i, floor):
                start = i + 1
                break
    # after the previous number of the clause
    after_number = False
    for qs, qe in ctx.quantities_in(start, vs):
        if qe <= vs and qs < vs and qe >= start and not _inert(t, qs, qe, vs):
            start, after_number = qe, True
    if after_number:
        if start < vs and t[start] in "(（":  # 27省(区、市)3385万人次: the bracket is the number's
            close = next((c for c in (t.find(")", start, vs), t.find("）", start, vs)) if c >= 0), -1)
            if 0 <= close - start <= _MAX_BRACKET:
                start = close + 1
        if t[start:vs].rstrip(_SPACE)[-1:] in _NOUN_JOINERS:
            return vs  # 3个工作组和6个专家组: 工作组 is the noun of 3个, not words of 6个
    return start


def _inert(t: str, qs: int, qe: int, vs: int) -> bool:
    """Is the number at [qs, qe) no end of the words of a figure at ``vs``: one of a unit
    (郑州西瓜一斤买1.2元, 往返一趟100元), or inside a bracket closed before the figure
    (每組(即每1等分位)代表167.7萬戶)?"""
    if qe - qs == 2 and t[qs] == "一" and t[qs + 1] not in _ARTICLE_UNITS:
        return True
    close = _first_close(t, qe, vs)
    return close >= 0 and t.find("(", qe, close) < 0 and t.find("（", qe, close) < 0


def _first_close(t: str, start: int, end: int) -> int:
    """The first closing bracket in t[start:end], or -1."""
    a = t.find(")", start, end)
    b = t.find("）", start, end)
    return a if b < 0 else b if a < 0 else min(a, b)


def _drop_asides(t: str, idx: list[int]) -> list[int]:
    """Words without a bracket that is an aside: long, or holding a number (所得總額扣掉非消費支出)."""
    if not idx or _OPENERS.search(t, idx[0], idx[-1] + 1) is None:
        return idx  # no bracket opens in their stretch
    out: list[int] = []
    k = 0
    while k < len(idx):
        if t[idx[k]] in "(（[【":  # a note mark ([1]) is an aside too
            j = k + 1
            while j < len(idx) and t[idx[j]] not in ")）(（[]【】":
                j += 1
            if j < len(idx) and t[idx[j]] in ")）]】":
                inner = "".join(t[i] for i in idx[k + 1:j])
                if j - k - 1 > _MAX_BRACKET or any(ch.isdigit() for ch in inner) or inner.startswith(_NOTES):
                    k = j + 1
                    continue
        out.append(idx[k])
        k += 1
    return out


def _after_end(ctx: Context, ve: int, ceiling: int) -> int:
    t = ctx.text
    bounds = ctx.rules.label_boundaries + "、"
    end = ctx.clause_end(ve, bounds, ceiling)
    if t[ve:ve + 1] in "(（[【":
        return ve  # 3.20元(含税), 11.26亿千瓦[1]: a bracket right after the number is about the number
    item = ve
    while 0 < end - item <= _SHORT_ITEM and t[end:end + 1] == "、" and end + 1 < ceiling:
        # a list of short nouns the number counts together (16个乡、镇、场卫生院)
        item = end + 1
        end = ctx.clause_end(item, bounds, ceiling)
    for qs, qe in ctx.quantities_in(ve, end):
        if qs >= ve and not (qe - qs == 2 and t[qs] == "一" and t[qs + 1] not in _ARTICLE_UNITS):
            end = min(end, qs)
            break
    # a short bracket belongs to the noun (乡镇(街道)工会); a long one is an aside
    m = _BRACKETS.search(t, ve, end)
    while m is not None:
        i = m.start()
        if t[i] in ")）":
            end = i
            break
        close = _first_close(t, i, end)
        if close < 0 or close - i > _MAX_BRACKET:
            end = i
            break
        m = _BRACKETS.search(t, close + 1, end)
    return min(end, ve + ctx.rules.max_after)


def _base_years(ctx: Context, lo: int, hi: int) -> set[int]:
    """Positions of a dated comparison base in [lo, hi): 較民國103年增加 → 增加, 比2022年同期增加 →
    比同期增加 (a curator's label says what changed, not against which year; 比上年 stays), and
    of a framed one (与去年同期相比上升 → 上升). (Asked only when the stretch holds 年 or 比.)"""
    t = ctx.text
    drop: set[int] = set()
    for m in _DIGIT_YEAR.finditer(t, lo, hi):  # a base ends in a year: 103年, 2022年度
        end = m.end() + (t[m.end():m.end() + 1] == "度")
        base = ctx.base_ending_at(end)
        if base is None or not _BASE_YEAR.fullmatch(t, base.start, end):
            continue
        start = base.start
        if t[start - 2:start] == "民国":
            start -= 2
        if t[start - 1:start] in ("较", "比") and t[end:end + 2] != "同期":
            start -= 1
        drop.update(range(start, end))
    for m in _FRAMED.finditer(t, lo, hi):  # 与去年同期相比上升 → 上升
        base = ctx.base_ending_at(m.start())
        if base is not None and t[base.start - 1:base.start] in "与和同跟":
            drop.update(range(base.start - 1, m.end()))
    return drop


def _drop_time(ctx: Context, idx: list[int]) -> list[int]:
    if not idx:
        return idx
    t = ctx.text
    a, b = idx[0], idx[-1] + 1
    phrases = ctx.phrases_in(a, b)
    if not phrases and b - a == len(idx) and _TIME_MARKS.search(t, a, b) is None:
        return idx  # no phrase, no base (103年, 相比) and no space in one stretch: one search says so
    # a base ends in a year (103年) or is framed (相比, 比较): neither character, no base
    bases = _base_years(ctx, a, b) if t.find("年", a, b) >= 0 or t.find("比", a, b) >= 0 else None
    if not phrases and not bases and b - a == len(idx) and _SPACES.search(t, a, b) is None:
        return idx
    drop: set[int] = bases if bases is not None else set()
    for p in phrases:
        drop.update(range(p.match_start, p.end))
    return [i for i in idx if i not in drop and t[i] not in _SPACE]


def _before_words(ctx: Context, vs: int, floor: int) -> list[int]:
    """The trimmed words before the number at ``vs`` (asked again for each later figure of a
    sentence and for the alternatives: remembered on the context; the list is shared, never
    changed in place)."""
    key = ("before", vs, floor)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = _before_words_of(ctx, vs, floor)
    return got


def _before_words_of(ctx: Context, vs: int, floor: int) -> list[int]:
    t = ctx.text
    start = _before_start(ctx, vs, floor)
    plain = _plain_before(ctx, start, vs)
    if plain is not None:
        return plain
    idx = _drop_asides(t, _drop_time(ctx, list(range(start, vs))))
    idx = _trim(ctx, idx)
    idx = _cut_list(ctx, idx)[-ctx.rules.max_label:]
    while idx and t[idx[0]] in _PUNCT_HEAD:  # cut short at a list comma
        idx = idx[1:]
    return idx


def _plain_before(ctx: Context, start: int, vs: int) -> list[int] | None:
    """The words before a number when the stretch [start, vs) holds no time phrase, base or
    space and ``_trim`` and ``_cut_list`` would leave it whole but its punctuation (most
    figures): what ``_before_words_of`` finds, told by a few searches on the text instead of
    steps on a list of positions; None when a step could change it."""
    t = ctx.text
    a, b = start, vs
    if a >= b:
        return []
    if ctx.phrases_in(a, b) or _UNPLAIN.search(t, a, b) is not None:
        return None  # a time phrase, base, space or bracket
    while a < b and t[a] in _PUNCT_HEAD:
        a += 1
    while a < b and t[b - 1] in _PUNCT_TAIL:  # (no bracket opens in a plain stretch: none closes)
        b -= 1
    if a == b:
        return []
    text = t[a:b]
    if not _plain(ctx, text):
        return None
    cut = ctx.rules.cut_words and (ctx.memo.get("label-patterns") or _patterns(ctx))[4]
    if cut and cut.search(text) is not None:
        return None
    most = ctx.rules.max_label
    if most > 0 and b - a > most:
        a = b - most
    while a < b and t[a] in _PUNCT_HEAD:  # cut short at a list comma
        a += 1
    return list(range(a, b))


def _plain_after(ctx: Context, ve: int, end: int) -> list[int] | None:
    """``_words_after_of``'s words after a number in [ve, end) when no step but the stripping of
    punctuation changes them (as ``_plain_before``); None when one could."""
    t = ctx.text
    a, b = ve, end
    if ctx.phrases_in(a, b) or _UNPLAIN.search(t, a, b) is not None:
        return None
    while a < b and t[a] in _AFTER_HEAD:
        a += 1
    if a == b or t[a] in _PUNCT_HEAD:
        return []
    text = t[a:b]
    stops = ctx.rules.after_stop_words and (ctx.memo.get("label-patterns") or _patterns(ctx))[3]
    if stops and stops.search(text) is not None:
        return None
    while a < b and t[b - 1] in _PUNCT_TAIL:
        b -= 1
    if a == b:
        return []
    text = t[a:b]
    if not _plain(ctx, text):
        return None
    return [] if text in ctx.rules.after_not else list(range(a, b))


def join_pieces(pieces: list[str], sep: str = "") -> str:
    """Stretches of the report joined into one label: directly (地区生产总值 + 比上年增长 →
    地区生产总值比上年增长, as a curator writes it), but with a space between two Latin letters or
    digits that would otherwise run together (GDP + PM2.5)."""
    out = ""
    for p in pieces:
        if out and (sep or (out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum())):
            out += sep or " "
        out += p
    return out


def words_before(ctx: Context, vs: int, ss: int) -> list[int]:
    """The trimmed words before the number at view position ``vs`` (sentence start ``ss``)."""
    return _before_words(ctx, vs, ss)


def words_after(ctx: Context, ve: int, vs: int) -> list[int]:
    """The noun phrase after the figure ending at view position ``ve`` (remembered on the context;
    the list is shared, never changed in place)."""
    key = ("after", ve, vs)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = _words_after_of(ctx, ve, vs)
    return got


def _words_after_of(ctx: Context, ve: int, vs: int) -> list[int]:
    t = ctx.text
    _, se = ctx.sentence_at(vs)
    end = _after_end(ctx, ve, se)
    if end <= ve:
        return []  # nothing after the number in its clause
    plain = _plain_after(ctx, ve, end)
    if plain is not None:
        return plain
    after = _drop_time(ctx, list(range(ve, end)))
    while after and t[after[0]] in _AFTER_HEAD:
        after = after[1:]
    after = _trim(ctx, _stop_after(ctx, after)) if after and t[after[0]] not in _PUNCT_HEAD else []
    return [] if _text(ctx, after) in ctx.rules.after_not else after
