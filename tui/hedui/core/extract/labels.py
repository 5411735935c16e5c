"""The label of a figure: the shortest phrase of its clause that says what is counted or measured.

The phrase before the number back to the clause start (or to the previous number of the
clause), with time phrases cut out and connectives, adverbs and copulas trimmed
(``全市基层工会达到2906个`` → ``全市基层工会``); when the number stands before a noun, the
noun phrase after the unit joins it (``举办了100余场职工主题阅读活动`` → ``职工主题阅读活动``).
A number that shares its clause's label with the figure before it (``3496户、1588万元``)
borrows that figure's words. A cell of a table takes its column heading (and its row
heading, when that is not a period).
"""
from __future__ import annotations

from hedui.core.extract.context import CLAUSE_REACH, Context
from hedui.core.extract.tables import table_label

_PUNCT_HEAD = "的、,，;；:：)）]】」』 \u3000"
_SPACE = " \u3000\t\r\n"
_MAX_BRACKET = 8
_NOUN_JOINERS = ("和", "及", "与", "、")


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
    """Where the words before the figure at vs begin: clause start, list item, open bracket."""
    t = ctx.text
    bounds = ctx.rules.label_boundaries
    depth = 0
    i = vs - 1
    floor = max(floor, vs - CLAUSE_REACH)
    while i >= floor:
        ch = t[i]
        if ch in bounds:
            break
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
        elif ch == "、" and _is_list_comma(ctx, i, floor):
            break
        i -= 1
    start = i + 1
    # after the previous number of the clause
    after_number = False
    for qs, qe in ctx.quantities_in(start, vs):
        if qe <= vs and qs < vs and qe >= start:
            start, after_number = qe, True
    if after_number:
        if start < vs and t[start] in "(（":  # 27省(区、市)3385万人次: the bracket is the number's
            close = next((c for c in (t.find(")", start, vs), t.find("）", start, vs)) if c >= 0), -1)
            if 0 <= close - start <= _MAX_BRACKET:
                start = close + 1
        if t[start:vs].rstrip(_SPACE)[-1:] in _NOUN_JOINERS:
            return vs  # 3个工作组和6个专家组: 工作组 is the noun of 3个, not words of 6个
    return start


def _after_end(ctx: Context, ve: int, ceiling: int) -> int:
    t = ctx.text
    bounds = ctx.rules.label_boundaries + "、"
    end = ctx.clause_end(ve, bounds, ceiling)
    for qs, _ in ctx.quantities_in(ve, end):
        if qs >= ve:
            end = min(end, qs)
            break
    # a short bracket belongs to the noun (乡镇(街道)工会); a long one is an aside
    i = ve
    while i < end:
        if t[i] in ")）":
            end = i
            break
        if t[i] in "(（":
            close = min((c for c in (t.find(")", i, end), t.find("）", i, end)) if c >= 0), default=-1)
            if close < 0 or close - i > _MAX_BRACKET:
                end = i
                break
            i = close
        i += 1
    return min(end, ve + ctx.rules.max_after)


def _drop_time(ctx: Context, idx: list[int]) -> list[int]:
    if not idx:
        return idx
    drop: set[int] = set()
    for p in ctx.phrases_in(idx[0], idx[-1] + 1):
        drop.update(range(p.match_start, p.end))
    return [i for i in idx if i not in drop and ctx.text[i] not in _SPACE]


def _closes(t: str, idx: list[int]) -> bool:
    """Does the last character close a bracket opened inside the run (村(社区))?"""
    last = t[idx[-1]]
    opener = {")": "(", "）": "（"}.get(last)
    return opener is not None and any(t[i] == opener for i in idx[:-1])


def _trim(ctx: Context, idx: list[int], allow_empty: bool = False) -> list[int]:
    """Cut head and tail words (rules/labels.toml) off a run of view positions, word-wise."""
    t = ctx.text
    heads = ctx.rules.head_words
    tails = ctx.rules.tail_words
    for _ in range(6):
        before = len(idx)
        while idx and t[idx[0]] in _PUNCT_HEAD:
            idx = idx[1:]
        while idx and t[idx[-1]] in _PUNCT_HEAD + "(（" and not _closes(t, idx):
            idx = idx[:-1]
        if not idx:
            return idx
        words = ctx.words("".join(t[i] for i in idx))
        drops = ctx.rules.drop_words
        if drops and any(w in drops for w in words) and len(words) > 1:
            kept: list[int] = []
            pos = 0
            for w in words:
                if w not in drops:
                    kept.extend(idx[pos:pos + len(w)])
                pos += len(w)
            idx = kept
            continue
        least = 0 if allow_empty else 1
        if words and words[0] in heads and len(words) > least:
            idx = idx[len(words[0]):]
        elif words and words[-1] in tails and len(words) > least:
            idx = idx[: len(idx) - len(words[-1])]
        elif len(words) > least + 1 and words[0] + words[1] in heads:
            idx = idx[len(words[0]) + len(words[1]):]  # a head word the segmenter split (一/是)
        elif len(words) > least + 1 and words[-2] + words[-1] in tails:
            idx = idx[: len(idx) - len(words[-2]) - len(words[-1])]
        if len(idx) == before:
            break
    return idx


def _before_words(ctx: Context, vs: int, floor: int) -> list[int]:
    start = _before_start(ctx, vs, floor)
    idx = _drop_time(ctx, list(range(start, vs)))
    idx = _trim(ctx, idx)
    idx = _cut_list(ctx, idx)[-ctx.rules.max_label:]
    while idx and ctx.text[idx[0]] in _PUNCT_HEAD:  # cut short at a list comma
        idx = idx[1:]
    return idx


def _text(ctx: Context, idx: list[int]) -> str:
    return "".join(ctx.text[i] for i in idx)


def _cut_list(ctx: Context, idx: list[int]) -> list[int]:
    """``A、B、C等实用技能培训班``: what is counted is the class after 等, not the examples."""
    cuts = ctx.rules.cut_words
    if not idx or not cuts:
        return idx
    words = ctx.words("".join(ctx.text[i] for i in idx))
    pos = 0
    cut_at = -1
    for w in words:
        pos += len(w)
        if w in cuts and len(idx) - pos >= 2:
            cut_at = pos
    if cut_at > 0:
        return idx[cut_at:]
    if words and words[-1] in cuts and "、" in words:
        # 洪涝灾害造成浙江、安徽、湖南等: the examples end the words; what is before them stays
        first = words.index("、")
        cut = sum(len(w) for w in words[:first - 1]) if first > 0 else 0
        if cut > 0:
            return idx[:cut]
    return idx


def _previous_gap(ctx: Context, vs: int, ss: int) -> str | None:
    """The text between the figure and the number before it in its sentence (None if none).

    ``一个`` / ``一家`` before a number is an article (建立了一个二十亩的试验园), not a number.
    """
    prev = [q for q in ctx.quantities_in(max(ss, vs - 40), vs) if q[1] <= vs]
    if not prev:
        return None
    qs, qe = prev[-1]
    if qe - qs == 2 and ctx.text[qs] == "一":
        return None
    return ctx.text[qe:vs]


def _is_relation(ctx: Context, idx: list[int]) -> bool:
    """Do these words only say how something changed (增长, 比上年下降, 占全省)?"""
    if not idx:
        return False
    rel = ctx.rules.relation_words
    words = ctx.words("".join(ctx.text[i] for i in idx))
    return all(w in rel for w in words) or (words[0] in rel and len(idx) <= 4)


def _subjectless(ctx: Context, idx: list[int]) -> bool:
    """Do these words open with a verb that needs the subject of the clause before (完成…, 比上年…)?"""
    words = ctx.words(_text(ctx, idx))
    return bool(words) and len(words) > 1 and (
        words[0] in ctx.rules.subjectless_words or words[0] + words[1] in ctx.rules.subjectless_words)


def _with_subject(ctx: Context, idx: list[int], vs: int, ss: int) -> list[int]:
    """``idx`` with the subject of an earlier clause before it, when it has none of its own."""
    if not idx or not _subjectless(ctx, idx) or ctx.clause_start(vs, ctx.rules.label_boundaries, ss) <= ss:
        return idx
    subject = _previous_words(ctx, vs, ss, want_subject=True)
    return subject + idx if subject and subject[-1] < idx[0] else idx


def _stop_after(ctx: Context, idx: list[int]) -> list[int]:
    """The noun phrase after a number, up to the first verb or preposition (rules [[after_stop]])."""
    stops = ctx.rules.after_stop_words
    if not idx or not stops:
        return idx
    pos = 0
    for w in ctx.words(_text(ctx, idx)):
        if w in stops and pos > 0:
            return idx[:pos]
        pos += len(w)
    return idx


def label_text(ctx: Context, idx: list[int]) -> str:
    """The report's characters at view positions ``idx``, a space where they skip some (临时救助 资金),
    so that each space-separated part is a stretch of the report, artefacts left out."""
    if not idx:
        return ""
    parts: list[list[int]] = [[idx[0]]]
    for a, b in zip(idx, idx[1:]):
        if b == a + 1:
            parts[-1].append(b)
        else:
            parts.append([b])
    pieces = (ctx.original(p).strip() for p in parts)
    return " ".join(p for p in pieces if p)


def _strip_relation(ctx: Context, idx: list[int]) -> list[int]:
    rel = sorted(ctx.rules.relation_words, key=len, reverse=True)
    while len(idx) > 2:
        s = "".join(ctx.text[i] for i in idx)
        w = next((w for w in rel if s.endswith(w) and len(s) - len(w) >= 2), None)
        if w is None:
            break
        idx = idx[: len(idx) - len(w)]
    return idx


def _previous_words(ctx: Context, vs: int, ss: int, want_subject: bool) -> list[int]:
    """The words of the nearest earlier figure of the sentence that has some (list items share)."""
    prev = [q for q in ctx.quantities_in(ss, vs) if q[1] <= vs]
    for qs, _ in reversed(prev[-6:]):
        idx = _before_words(ctx, qs, ss)
        if not idx or (want_subject and (_is_relation(ctx, idx) or _subjectless(ctx, idx))):
            continue
        return _strip_relation(ctx, idx) if want_subject else idx
    return []


_JOINERS = "、和及与 \u3000"
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


def _respective(ctx: Context, vs: int, ss: int, se: int, depth: int = 0) -> list[int] | None:
    """``A、B和C分别增长1%、2%、3%``: the k-th figure of the list is labelled by the k-th item.

    Items that share a tail (城镇、农村居民人均可支配收入) share it; a list with no items of its
    own (…,分别增长5.1%和7.3%) takes the items of the list before it in the sentence.
    """
    t = ctx.text
    bounds = ctx.rules.label_boundaries
    cs = ctx.clause_start(vs, bounds, floor=ss)
    if t.find(_RESPECTIVE, cs, vs) < 0:
        return None  # no 分别 before the figure's list: nothing below could answer
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
    if k < len(items) - 1 and len(last) >= max(len(it) for it in items[:-1]) + 3:
        # the last item's own part is as long as the item before it (城镇、农村|居民人均可支配收入)
        item = item + last[len(items[-2]):]
    return item + verb


_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("《", "》"))


def _balance_quotes(label: str) -> str:
    """Drop a quotation mark or book-title mark whose partner is outside the label."""
    for o, c in _PAIRS:
        if label.startswith(o) and c not in label:
            label = label[1:]
        if label.endswith(c) and o not in label:
            label = label[:-1]
    return label


def words_before(ctx: Context, vs: int, ss: int) -> list[int]:
    """The trimmed words before the number at view position ``vs`` (sentence start ``ss``)."""
    return _before_words(ctx, vs, ss)


def words_after(ctx: Context, ve: int, vs: int) -> list[int]:
    """The noun phrase after the figure ending at view position ``ve``."""
    t = ctx.text
    _, se = ctx.sentence_at(vs)
    after = _drop_time(ctx, list(range(ve, _after_end(ctx, ve, se))))
    while after and t[after[0]] in "的" + _JOINERS:
        after = after[1:]
    return _trim(ctx, _stop_after(ctx, after)) if after and t[after[0]] not in _PUNCT_HEAD else []


def previous_subject(ctx: Context, vs: int, ss: int) -> list[int]:
    """The subject of an earlier figure of the sentence (what a change or a verb borrows)."""
    return _previous_words(ctx, vs, ss, want_subject=True)


def label_for(ctx: Context, start: int, end: int) -> str:
    """The label of the figure at [start, end) of the ORIGINAL text, in its own characters."""
    vs, ve = ctx.view_span(start, end)
    t = ctx.text
    ss, se = ctx.sentence_at(vs)
    cell = table_label(ctx, vs, ve)
    if cell is not None:
        return cell
    resp = _respective(ctx, vs, ss, se)
    if resp:
        return label_text(ctx, resp)
    before = _before_words(ctx, vs, ss)
    heads = ctx.rules.head_words
    if before and all(w in heads for w in ctx.words("".join(t[i] for i in before))):
        before = []
    after = words_after(ctx, ve, vs)
    if before and not after and _is_relation(ctx, before):
        before = _previous_words(ctx, vs, ss, want_subject=True) + before
    gap = _previous_gap(ctx, vs, ss)
    if gap is not None:
        joined = gap.strip(_JOINERS)
        if not before and after and (not joined or gap.rstrip(" \u3000")[-1:] == "、"):
            # 41场次114个工种 / 联系包抓1个县区工会、1个乡镇工会: the second number counts within
            # what the first one did
            before = _previous_words(ctx, vs, ss, want_subject=False)
        elif gap[:1] in "、,，" and _text(ctx, before) in ctx.rules.generic_words:
            # 4.06万人、金额1406万元: a generic word after a listed number shares the words before it
            before = _previous_words(ctx, vs, ss, want_subject=False) + before
    if len(after) >= ctx.rules.min_noun_after and len(before) > ctx.rules.max_before_noun:
        before = before[-ctx.rules.max_before_noun:]
        while before and t[before[0]] in _PUNCT_HEAD:  # cut at a list comma: 、新中国成立 → 新中国成立
            before = before[1:]
    idx = before + after
    if not idx:
        # a number that shares the label of the one before it (3496户、1588万元)
        idx = _previous_words(ctx, vs, ss, want_subject=False)
    return _balance_quotes(label_text(ctx, _with_subject(ctx, idx, vs, ss))).strip()
