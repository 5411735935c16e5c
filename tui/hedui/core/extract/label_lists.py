"""Lists of figures that share the head of their first item (rules/labels.toml [[list_head]]).

``发展茶叶800余亩,中药材2500余亩,核桃1300余亩``: the verb heading the first item governs every
item, so the second figure is ``发展中药材``; ``乡村振兴板块实现营业收入18.8亿元、利润1.61亿元``: the
subject before an empty verb (实现) is every item's, so the second is ``乡村振兴板块利润``. An item
is in the list when it is a bare noun right after the number before it and a list comma.
"""
from __future__ import annotations

from hedui.core.extract.context import Context
from hedui.core.extract.label_trim import _text, _trim
from hedui.core.extract.label_words import _before_start, _before_words, _drop_time

_SEPARATORS = "、,， \u3000"
#: the longest bare noun that is an item of such a list, in characters
MAX_ITEM = 4
#: the most items a list is followed back through
MAX_ITEMS = 8


def _previous_item(ctx: Context, idx: list[int], ss: int) -> tuple[int, int] | None:
    """The number that ends right before the item whose words are ``idx`` (only a list comma
    between), or None."""
    prev = [q for q in ctx.quantities_in(max(ss, idx[0] - 40), idx[0]) if q[1] <= idx[0]]
    if not prev:
        return None
    qs, qe = prev[-1]
    gap = ctx.text[qe:idx[0]]
    return (qs, qe) if gap and all(ch in _SEPARATORS for ch in gap) else None


def _own_head(ctx: Context, qs: int, ss: int, words: list[int]) -> list[int] | None:
    """The head an item states itself: its list-head verb, or the subject before its empty verb
    (possibly nothing: 该集团实现… trims to none); None when it states no head."""
    heads = ctx.rules.list_head_words
    if words:
        text = _text(ctx, words)
        starts = ctx.memo.get("label-list-heads")
        if starts is None:
            starts = ctx.memo["label-list-heads"] = tuple(heads)
        # (its first word is a prefix of it: segmented only when a list head starts it)
        if text.startswith(starts):
            first = ctx.words(text)[0]
            if first in heads:
                return words[:len(first)]
    start = _before_start(ctx, qs, ss)
    raw = ctx.text[start:qs]
    # the first empty verb of the stretch (not the first of a set's order, which the hash seed decides)
    at = min((a for a in map(raw.find, ctx.rules.drop_words) if a > 0), default=0)
    if at:
        return _trim(ctx, _drop_time(ctx, list(range(start, start + at))), allow_empty=True)
    return None


def shared_head(ctx: Context, vs: int, ss: int, words: list[int]) -> list[int]:
    """The head the first item of the list that the figure at ``vs`` (words ``words``, a bare noun)
    is an item of states, to go before its words; [] when none."""
    if not words or len(words) > MAX_ITEM or ctx.text[words[0] - 1] not in _SEPARATORS:
        return []  # (no list comma right before its words: it follows no number of a list)
    prev = _previous_item(ctx, words, ss)  # (the cheapest test first: most words follow none)
    if prev is None or _own_head(ctx, vs, ss, words) is not None:
        return []
    r = ctx.rules
    if any(w in r.relation_words or w in r.subjectless_words for w in ctx.words(_text(ctx, words))):
        return []  # 完成投资, 人均增收: a verb of its own
    item = words
    for k in range(MAX_ITEMS):
        if k:
            prev = _previous_item(ctx, item, ss)
            if prev is None:
                return []
        item = _before_words(ctx, prev[0], ss)
        if not item or len(item) > 4 * MAX_ITEM:
            return []
        head = _own_head(ctx, prev[0], ss, item)
        if head is not None:
            return head if not head or head[-1] < words[0] else []
    return []
