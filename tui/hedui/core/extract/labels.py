"""The label of a figure: the shortest phrase of its clause that says what is counted or measured.

The phrase before the number back to the clause start (or to the previous number of the
clause; label_words.py), with time phrases cut out and connectives, adverbs and copulas trimmed
(``全市基层工会达到2906个`` → ``全市基层工会``); when the number stands before a noun, the
noun phrase after the unit joins it (``举办了100余场职工主题阅读活动`` → ``职工主题阅读活动``).
A number that shares its clause's label with the figure before it (``3496户、1588万元``)
borrows that figure's words; a change standing alone (增长3.0%, 较103年增) and a clause with no
subject of its own (比上年减收…) borrow the subject before them. A cell of a table takes its
column heading (and its row heading, when that is not a period). Words joined from apart are
joined directly, as a curator writes them (地区生产总值比上年增长): a label is a few stretches of
the report. Items of a list share the verb or subject heading it (label_lists.py).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from hedui.core.extract.context import Context
from hedui.core.extract.label_trim import _PUNCT_HEAD, _head_start, _text, _trim
from hedui.core.extract.label_words import _JOINERS, _NOUN, _before_words, _drop_time, words_after
from hedui.core.extract.label_text import label_text
from hedui.core.extract.label_lists import shared_head
from hedui.core.extract.tables import table_cell, table_label


def _previous_gap(ctx: Context, vs: int, ss: int) -> str | None:
    """The text between the figure and the number before it in its sentence (None if none).

    ``一个`` / ``一家`` before a number is an article (建立了一个二十亩的试验园), not a number.
    """
    for qs, qe in reversed(ctx.quantities_in(max(ss, vs - 40), vs)):
        if qe <= vs:
            break
    else:
        return None
    if qe - qs == 2 and ctx.text[qs] == "一":
        return None
    return ctx.text[qe:vs]


def _after_previous_noun(ctx: Context, vs: int, ss: int) -> list[int]:
    """The words before the number before ``vs`` when ``vs`` follows, after a comma, the noun
    phrase that number counts (扶沟县辖16个乡、镇、场,411个…: 扶沟县辖); else none."""
    prev = [q for q in ctx.quantities_in(max(ss, vs - 40), vs) if q[1] <= vs]
    if not prev:
        return []
    qs, qe = prev[-1]
    gap = ctx.text[qe:vs].rstrip(" \u3000")
    if gap[-1:] not in ",，":
        return []
    noun = words_after(ctx, qe, qs)
    if not noun or noun[0] - qe > 1 or ctx.text[noun[-1] + 1:vs].strip(" \u3000,，"):
        return []
    return _before_words(ctx, qs, ss)


def _quick_tests(ctx: Context) -> tuple[re.Pattern[str], tuple[str, ...], int, frozenset[str] | None,
                                            re.Pattern[str] | None]:
    """(a character of no relation word nor of a base year's words, the subjectless words, the
    length of the longest of them, their first characters, a character of a relation word) of the
    rules, made once per context: words that hold the first, start with none of the second or
    hold none of the last need no segmentation to be told apart."""
    got = ctx.memo.get("label-quick")
    if got is None:
        rel = ctx.rules.relation_words
        chars = set("".join(rel)) | set("年民国度")
        words = tuple(ctx.rules.subjectless_words)
        got = ctx.memo["label-quick"] = (
            re.compile("[^" + "".join(map(re.escape, sorted(chars))) + "]"), words, max(map(len, words), default=0),
            frozenset(w[0] for w in words) if all(words) else None,
            re.compile("[" + "".join(map(re.escape, sorted(set("".join(rel))))) + "]") if rel and all(rel) else None)
    return got


_BASE_YEAR_WORDS = ("年", "民国", "年度")


def _is_relation(ctx: Context, idx: list[int], s: str | None = None) -> bool:
    """Do these words (their text ``s``, when known) only say how something changed (增长,
    比上年下降, 占全省)?"""
    if not idx:
        return False
    rel = ctx.rules.relation_words
    if s is None:
        s = _text(ctx, idx)
    quick = ctx.memo.get("label-quick") or _quick_tests(ctx)
    if len(idx) > 4:
        # a character of no relation word (and no digit) makes a word of none: not all are
        other = quick[0]
        m = other.search(s)
        while m is not None and m.group().isdigit():
            m = other.search(s, m.end())
        if m is not None:
            return False
    if s in rel:
        return True
    if quick[4] is not None and quick[4].search(s) is None:
        return False  # no character of a relation word: none of its words is one
    first = ctx.first_word(s)  # (a first word of no relation: none of the tests below can hold)
    if first is not None and first not in rel and not (first.isdigit() or first in _BASE_YEAR_WORDS):
        return False
    # the year of a comparison base is part of the relation (较103年增, 同样较民国103年增加)
    words = [w for w in ctx.words(s) if not (w.isdigit() or w in _BASE_YEAR_WORDS)]
    # a short one may hold other words between (较103年增); 上年结转 (a budget item) is none
    return bool(words) and (all(w in rel for w in words)
                            or (words[0] in rel and words[-1] in rel and len(idx) <= 4))


def _subjectless(ctx: Context, idx: list[int]) -> bool:
    """Do these words open with a verb that needs the subject of the clause before (完成…, 比上年…)?"""
    _, heads, longest, firsts, _ = ctx.memo.get("label-quick") or _quick_tests(ctx)
    if not idx or (firsts is not None and ctx.text[idx[0]] not in firsts):
        return False  # no subjectless word starts with its first character
    if not _text(ctx, idx[:longest]).startswith(heads):
        return False  # its first word (or two) would be a prefix of it
    words = ctx.words(_text(ctx, idx))
    return bool(words) and len(words) > 1 and (
        words[0] in ctx.rules.subjectless_words or words[0] + words[1] in ctx.rules.subjectless_words)


def _clause_start(ctx: Context, vs: int, ss: int) -> int:
    """The start of the clause of the figure at ``vs`` (sentence start ``ss``), remembered: the
    list, subject and share tests of a figure each ask for it."""
    key = ("label-clause", vs, ss)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = ctx.clause_start(vs, ctx.rules.label_boundaries, ss)
    return got


def _needs_subject(ctx: Context, idx: list[int], vs: int, ss: int) -> bool:
    """Are the words ``idx`` of the figure at ``vs`` without a subject of their own?"""
    if not _subjectless(ctx, idx):
        return False
    if ctx.words(_text(ctx, idx))[0] not in ctx.rules.share_words:
        return True
    # 完成年初预算数60999万元的40.4% / 完成预算的103.2%: a base and its share are the subject's;
    # 完成投资7.82亿元 after 新增校舍面积… is a figure of its own
    cs = _clause_start(ctx, vs, ss)
    ce = ctx.clause_end(vs, ctx.rules.label_boundaries)
    t = ctx.text
    return any(t[qe:qe + 1] == "的" or (qs > cs and t[qs - 1] == "的") for qs, qe in ctx.quantities_in(cs, ce))


def _with_subject(ctx: Context, idx: list[int], vs: int, ss: int) -> list[int]:
    """``idx`` with the subject of an earlier clause before it, when it has none of its own."""
    # (the cheap test first: most words have a subject; the clause start is looked for only then)
    if not idx or not _subjectless(ctx, idx) or _clause_start(ctx, vs, ss) <= ss \
            or not _needs_subject(ctx, idx, vs, ss):
        return idx
    subject = _borrowed(ctx, _previous_words(ctx, vs, ss, want_subject=True))
    return subject + idx if subject and subject[-1] < idx[0] else idx


def _borrowed(ctx: Context, subject: list[int]) -> list[int]:
    """A subject short enough to borrow (a long one is a whole clause, not what is measured)."""
    return subject if len(subject) <= ctx.rules.max_subject else []


def _relation_subject(ctx: Context, vs: int, ss: int) -> list[int]:
    return _previous_words(ctx, vs, ss, want_subject=True)


def _strip_relation(ctx: Context, idx: list[int]) -> list[int]:
    rel = ctx.memo.get("relation-sorted")
    if rel is None:
        rel = ctx.memo["relation-sorted"] = tuple(sorted(ctx.rules.relation_words, key=len, reverse=True))
    while len(idx) > 2:
        s = _text(ctx, idx)
        w = next((w for w in rel if s.endswith(w) and len(s) - len(w) >= 2), None) if s.endswith(rel) else None
        if w is None:
            break
        idx = idx[: len(idx) - len(w)]
    return idx


def _previous_words(ctx: Context, vs: int, ss: int, want_subject: bool) -> list[int]:
    """The words of the nearest earlier figure of the sentence that has some (list items share);
    remembered on the context (the list is shared, never changed in place)."""
    key = ("previous", vs, ss, want_subject)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = _previous_words_of(ctx, vs, ss, want_subject)
    return got


def _previous_words_of(ctx: Context, vs: int, ss: int, want_subject: bool) -> list[int]:
    left = 6  # the numbers of the sentence ending before vs, nearest first, six at most
    for qs, qe in reversed(ctx.quantities_in(ss, vs)):
        if qe > vs:
            continue
        if left == 0:
            break
        left -= 1
        if want_subject:
            # 共批出1,352個配額,較上一年度增加27%: the noun after the number is what changed
            noun = words_after(ctx, qe, qs)
            if len(noun) >= 2 and noun[-1] < vs and _NOUN.fullmatch(_text(ctx, noun)) and not _is_relation(ctx, noun):
                return noun
        idx = _before_words(ctx, qs, ss)
        if not idx or (want_subject and (_is_relation(ctx, idx) or _needs_subject(ctx, idx, qs, ss))):
            continue
        return _strip_relation(ctx, idx) if want_subject else idx
    return []


_RESPECTIVE = "分别"


def _groups(ctx: Context, start: int, end: int) -> list[list[tuple[int, int]]]:
    """The numbers of [start, end) in runs joined only by 、/和/及/与 (1%、2%和3%)."""
    t = ctx.text
    groups: list[list[tuple[int, int]]] = []
    for q in ctx.quantities_in(start, end):
        if groups and all(ch in _JOINERS for ch in t[groups[-1][-1][1]:q[0]]):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def _respective_between(ctx: Context, ss: int, vs: int) -> bool:
    """Does 分别 stand in [ss, vs) (``t.find(_RESPECTIVE, ss, vs) >= 0``)? Told by bisection in
    the positions of every 分别 of the text, found once per context (few figures follow one)."""
    at = ctx.memo.get("label-respective")
    if at is None:
        t = ctx.text
        at = ctx.memo["label-respective"] = [m.start() for m in re.finditer(re.escape(_RESPECTIVE), t)]
    k = bisect_left(at, ss)
    return k < len(at) and at[k] + len(_RESPECTIVE) <= vs


def _respective(ctx: Context, vs: int, ss: int, se: int, depth: int = 0) -> list[int] | None:
    """``A、B和C分别增长1%、2%、3%``: the k-th figure of the list is labelled by the k-th item.

    Items that share a tail (城镇、农村居民人均可支配收入) share it; a list with no items of its
    own (…,分别增长5.1%和7.3%) takes the items of the list before it in the sentence.
    """
    t = ctx.text
    bounds = ctx.rules.label_boundaries
    if not _respective_between(ctx, ss, vs):
        return None  # no 分别 before the figure in its sentence: nothing below could answer
    cs = _clause_start(ctx, vs, ss)
    if t.find(_RESPECTIVE, cs, vs) < 0:
        return None  # none before the figure's list
    ce = ctx.clause_end(vs, bounds, se)
    found = [(g, i) for g in _groups(ctx, cs, ce) for i, q in enumerate(g) if q[0] <= vs < max(q[1], q[0] + 1)]
    if not found or len(found[0][0]) < 2:
        return None
    group, k = found[0]
    first = group[0][0]
    at = t.rfind(_RESPECTIVE, cs, first)
    if at < 0:
        return None
    verb = _trim(ctx, _drop_time(ctx, list(range(at + len(_RESPECTIVE), first))), allow_empty=True)
    items: list[list[int]] = [[]]
    for i in range(cs, at):
        if t[i] in "、和及与":
            items.append([])
        else:
            items[-1].append(i)
    items = [_trim(ctx, _drop_time(ctx, it)) for it in items]
    if len(items) == 1 and not items[0]:
        if depth > 0:
            return None
        earlier = [g for g in _groups(ctx, ss, cs) if len(g) == len(group)]
        if earlier:
            subject = _respective(ctx, earlier[-1][k][0], ss, se, depth + 1)
        else:
            # 接待游客1250万人次,实现旅游收入98亿元,分别增长15%和18%: the last numbers before
            prev = ctx.quantities_in(ss, cs)
            if len(prev) < len(group):
                return None
            subject = _before_words(ctx, prev[len(prev) - len(group) + k][0], ss)
        return _strip_relation(ctx, subject) + verb if subject else None
    if len(items) != len(group) or not all(items):
        return None
    item = items[k]
    last = items[-1]
    core = len(items[-2])
    if len(items) >= 3 and core <= 2 and all(len(it) == core for it in items[1:-1]):
        # 第一、二、三产业: short items share the first one's head (第) and the last one's tail (产业)
        if k > 0 and len(items[0]) > core:
            item = items[0][:len(items[0]) - core] + item
        if k < len(items) - 1 and len(last) > core:
            item = item + last[core:]
    elif k < len(items) - 1 and len(last) >= max(len(it) for it in items[:-1]) + 3:
        # the last item's own part is as long as the item before it (城镇、农村|居民人均可支配收入)
        item = item + last[len(items[-2]):]
    return item + verb


_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("《", "》"))
_MARKS = re.compile("[" + "".join(o + c for o, c in _PAIRS) + "]")


def _balance_quotes(label: str) -> str:
    """Drop a quotation mark or book-title mark whose partner is outside the label (平均每戶「負儲蓄
    → 平均每戶負儲蓄)."""
    if _MARKS.search(label) is None:
        return label
    for o, c in _PAIRS:
        if label.startswith(o) and c not in label:
            label = label[1:]
        if label.endswith(c) and o not in label:
            label = label[:-1]
        if label.count(o) == 1 and c not in label[label.find(o):]:
            label = label.replace(o, "")  # an opening mark whose partner the label does not reach
    return label


def previous_subject(ctx: Context, vs: int, ss: int) -> list[int]:
    """The subject of an earlier figure of the sentence (what a change or a verb borrows)."""
    return _previous_words(ctx, vs, ss, want_subject=True)


#: ``ctx.memo`` key of what ``label_for`` found of the figure it labelled last: (start, end, vs, ve,
#: sentence start, in a table cell, words before, words after) — the alternatives of the same
#: figure (asked next, by its original span) start from them
LAST_FIGURE = "label-figure"


def label_for(ctx: Context, start: int, end: int) -> str:
    """The label of the figure at [start, end) of the ORIGINAL text, in its own characters."""
    vs, ve = ctx.view_span(start, end)
    t = ctx.text
    ss, se = ctx.sentence_at(vs)
    if table_cell(ctx, vs, ve) is not None:
        ctx.memo[LAST_FIGURE] = (start, end, vs, ve, ss, True, None, None)
        return table_label(ctx, vs, ve)
    before = _before_words(ctx, vs, ss)
    after = words_after(ctx, ve, vs, se)
    ctx.memo[LAST_FIGURE] = (start, end, vs, ve, ss, False, before, after)
    resp = _respective(ctx, vs, ss, se)
    if resp:
        return label_text(ctx, resp)
    heads = ctx.rules.head_words
    text = _text(ctx, before)  # (the text of ``before`` while it is unchanged, else None)
    if before and _head_start(ctx, text) and all(w in heads for w in ctx.words(text)):
        before, text = [], ""
    if before and not after and _is_relation(ctx, before, text):
        before, text = _relation_subject(ctx, vs, ss) + before, None
    elif not before and after and _is_relation(ctx, after) and ctx.base_ending_at(vs) is not None:
        # 較110年4.96次成長17.1%: the base figure is the subject's, the change after it is not its words
        before, after, text = _relation_subject(ctx, vs, ss), [], None
    # the text after the number before (looked for only when it may change the words)
    if not before and after:
        gap = _previous_gap(ctx, vs, ss)
        if gap is None:
            pass
        elif not gap.strip(_JOINERS) or gap.rstrip(" \u3000")[-1:] == "、":
            # 41场次114个工种 / 联系包抓1个县区工会、1个乡镇工会: the second number counts within
            # what the first one did
            before = _previous_words(ctx, vs, ss, want_subject=False)
        else:
            # 扶沟县辖16个乡、镇、场,411个行政村: number-first items share the first one's words
            before = _after_previous_noun(ctx, vs, ss)
    elif (_text(ctx, before) if text is None else text) in ctx.rules.generic_words:
        gap = _previous_gap(ctx, vs, ss)
        if gap is not None and gap[:1] in "、,，":
            # 4.06万人、金额1406万元: a generic word after a listed number shares the words before it
            before = _previous_words(ctx, vs, ss, want_subject=False) + before
    if before and not after and ctx.rules.list_head_words:
        before = shared_head(ctx, vs, ss, before) + before
    if len(after) >= ctx.rules.min_noun_after and len(before) > ctx.rules.max_before_noun:
        before = before[-ctx.rules.max_before_noun:]
        while before and t[before[0]] in _PUNCT_HEAD:  # cut at a list comma: 、新中国成立 → 新中国成立
            before = before[1:]
    idx = before + after
    if not idx:
        # a number that shares the label of the one before it (3496户、1588万元)
        idx = _previous_words(ctx, vs, ss, want_subject=False)
    idx = _with_subject(ctx, idx, vs, ss)
    unit = _household_unit(ctx, vs, ve, idx) if t[ve - 1] in "户人" else []  # (no other unit is one)
    return _balance_quotes(label_text(ctx, idx + unit if unit else idx)).strip()


def _household_unit(ctx: Context, vs: int, ve: int, idx: list[int]) -> list[int]:
    """The unit of a household and person pair (脱贫33户98人: 脱贫户, 脱贫人) as the last word of
    its label, when the label does not name it: what the pair counts is told apart by it."""
    t = ctx.text
    unit = t[ve - 1]
    if not idx or t[idx[-1]] == unit or idx[-1] >= ve - 1 or ve - vs < 2:
        return []  # none, named already, or words after the number (the unit goes at the end)
    if unit == "户" and any(qs == ve and t[qe - 1] == "人" for qs, qe in ctx.quantities_in(ve, ve + 1)):
        return [ve - 1]
    if unit == "人" and t[vs - 1:vs] == "户" and any(qe == vs for _, qe in ctx.quantities_in(max(0, vs - 12), vs)):
        return [ve - 1]
    return []

