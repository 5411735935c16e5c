"""Trimming a label's words (rules/labels.toml): head and tail words, connectives and copulas
(drop words), prefixes, the examples before a list's cut word (等) and what follows the noun
after a number (its stop words), word-wise on a run of view positions; ``_plain`` tells, by a
few searches and no segmentation, the runs that none of it changes.
"""
from __future__ import annotations

import re

from hedui.core.extract.context import Context
from hedui.core.numbers.scan import literal_alternation

_PUNCT_HEAD = "的、,，;；:：)）]】」』 \u3000"
_PUNCT_TAIL = _PUNCT_HEAD + "(（"


def _closes(t: str, idx: list[int]) -> bool:
    """Does the last character close a bracket opened inside the run (村(社区))?"""
    last = t[idx[-1]]
    opener = {")": "(", "）": "（"}.get(last)
    return opener is not None and any(t[i] == opener for i in idx[:-1])


def _patterns(ctx: Context) -> tuple[re.Pattern[str], ...]:
    """(a head word at the start, a tail word at the end, a drop word, an after-stop word, a cut
    word) of the label rules, compiled once per context: a run none of them fits needs no
    segmentation."""
    got = ctx.memo.get("label-patterns")
    if got is None:
        r = ctx.rules

        def alt(words: frozenset[str]) -> str:
            return literal_alternation(words) if words else "(?!)"

        got = ctx.memo["label-patterns"] = (
            re.compile(alt(r.head_words)), re.compile("(?:" + alt(r.tail_words) + r")\Z"),
            re.compile(alt(r.drop_words | r.subject_cut_words)), re.compile(alt(r.after_stop_words)),
            re.compile(alt(r.cut_words)))
    return got


def _head_start(ctx: Context, text: str) -> bool:
    """Do the words ``text`` start with a head word (else no first word of theirs is one)?"""
    return _patterns(ctx)[0].match(text) is not None


def _subject_cut(ctx: Context, words: list[str]) -> int:
    """Characters before an adverb that follows a subject (各级工会|共举办普法活动), when two words
    or more follow it; else 0."""
    cuts = ctx.rules.subject_cut_words
    pos = 0
    for k, w in enumerate(words):
        if k > 0 and w in cuts and len(words) - k > 2 and words[k + 1] not in ctx.rules.subject_keep_verbs:
            return pos
        pos += len(w)
    return 0


def _trim(ctx: Context, idx: list[int], allow_empty: bool = False) -> list[int]:
    """Cut head and tail words (rules/labels.toml) off a run of view positions, word-wise."""
    t = ctx.text
    heads = ctx.rules.head_words
    tails = ctx.rules.tail_words
    prefixes = ctx.rules.prefix_words
    head, tail, drop = (ctx.memo.get("label-patterns") or _patterns(ctx))[:3]
    for _ in range(6):
        before = len(idx)
        while idx and t[idx[0]] in _PUNCT_HEAD:
            idx = idx[1:]
        while idx and t[idx[-1]] in _PUNCT_TAIL and not _closes(t, idx):
            idx = idx[:-1]
        if not idx:
            return idx
        a, b = idx[0], idx[-1] + 1
        text = t[a:b] if b - a == len(idx) else "".join(map(t.__getitem__, idx))  # (_text, inlined)
        if text.startswith(prefixes):
            prefix = next((w for w in prefixes if text.startswith(w) and len(text) - len(w) >= 2), None)
            if prefix is not None:
                idx = idx[len(prefix):]
                continue
        if head.match(text) is None and tail.search(text) is None and drop.search(text) is None:
            break  # no head word starts it, no tail word ends it, no drop word is in it
        words = ctx.words(text)
        cut = _subject_cut(ctx, words)
        if cut:
            idx = idx[cut:]
            continue
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


def _plain(ctx: Context, text: str) -> bool:
    """Is ``text`` words that ``_trim`` leaves whole: no prefix word starts it, and no head, tail
    or drop word fits it?"""
    heads, tails, drops = (ctx.memo.get("label-patterns") or _patterns(ctx))[:3]
    prefixes = ctx.rules.prefix_words
    return (not (prefixes and text.startswith(prefixes))
            and heads.match(text) is None and tails.search(text) is None and drops.search(text) is None)


def _text(ctx: Context, idx: list[int]) -> str:
    if not idx:
        return ""
    a = idx[0]
    b = idx[-1] + 1
    if b - a == len(idx):
        return ctx.text[a:b]
    return "".join(map(ctx.text.__getitem__, idx))


def _cut_list(ctx: Context, idx: list[int]) -> list[int]:
    """``A、B、C等实用技能培训班``: what is counted is the class after 等, not the examples."""
    cuts = ctx.rules.cut_words
    if not idx or not cuts:
        return idx
    s = _text(ctx, idx)
    if (ctx.memo.get("label-patterns") or _patterns(ctx))[4].search(s) is None:
        return idx  # no cut word in it
    words = ctx.words(s)
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


def _stop_after(ctx: Context, idx: list[int]) -> list[int]:
    """The noun phrase after a number, up to the first verb or preposition (rules [[after_stop]])."""
    stops = ctx.rules.after_stop_words
    if not idx or not stops or not _patterns(ctx)[3].search(_text(ctx, idx)):
        return idx
    pos = 0
    for w in ctx.words(_text(ctx, idx)):
        if w in stops and pos > 0:
            return idx[:pos]
        pos += len(w)
    return idx
