"""Other readings of a figure's label and period, ranked, for the reviewer's pickers.

``label_alternatives``: the words before the number alone, the noun phrase after it alone,
both, the subject of the clause before joined to them, and for a table cell its row and
column headings alone and together. ``period_alternatives``: the other time phrases of the
figure's sentence (periods and frequencies, nearest before the figure first, then those after
it), and a table cell's other time heading. Never the chosen reading, never empty, at most
``MAX_ALTERNATIVES`` each.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from hedui.core.extract.context import Context
from hedui.core.extract.label_text import label_text
from hedui.core.extract.label_words import _PUNCT_HEAD, _text, join_pieces, words_after, words_before
from hedui.core.extract.labels import previous_subject
from hedui.core.extract.periods import governing_span
from hedui.core.extract.tables import table_cell

MAX_ALTERNATIVES = 4


def _ranked(options: Iterable[str], chosen: str) -> tuple[str, ...]:
    out: list[str] = []
    for o in options:
        o = o.strip()
        if o and o != chosen and o not in out:
            out.append(o)
        if len(out) == MAX_ALTERNATIVES:
            break
    return tuple(out)


def label_alternatives(ctx: Context, start: int, end: int, chosen: str) -> tuple[str, ...]:
    """Up to four other labels of the figure at [start, end) of the ORIGINAL text."""
    vs, ve = ctx.view_span(start, end)
    cell = table_cell(ctx, vs, ve)
    if cell is not None:
        row, col = (ctx.original(range(s, e)).strip() for s, e in (cell.heads + ((0, 0),))[:2])
        return _ranked([join_pieces([p for p in (row, col) if p]), col, row], chosen)
    ss, _ = ctx.sentence_at(vs)
    before = words_before(ctx, vs, ss)
    after = words_after(ctx, ve, vs)
    subject = previous_subject(ctx, vs, ss)
    runs = [before + after, before, after]
    if subject and (not before or subject[-1] < before[0]):
        runs.append(subject + before)
    shorter = [r for run in runs[:1] + runs[3:] for r in _shorter(ctx, run)]
    return _ranked(_texts(ctx, shorter + runs), chosen)


def _texts(ctx: Context, runs: list[list[int]]) -> Iterator[str]:
    """The label text of each distinct run, in turn (written only as far as they are ranked)."""
    seen: list[list[int]] = []
    for run in runs:
        if run and run not in seen:
            seen.append(run)
            yield label_text(ctx, run)


def _shorter(ctx: Context, run: list[int]) -> list[list[int]]:
    """``run`` without its first word (可吸入颗粒物PM10平均浓度 → PM10平均浓度, 及时转移安置群众 →
    转移安置群众) and without a short bracketed aside (地区生产总值(GDP)比上年增长)."""
    out = []
    t = ctx.text
    s = _text(ctx, run)
    if len(run) >= 5 and not ctx.first_word_alone(s):  # known to be one character: nothing to leave out
        words = ctx.words(s)
        # a first word of one character is a preposition or a piece of a name (比, 云|峰县)
        if len(words) > 2 and len(words[0]) >= 2 and len(run) - len(words[0]) >= 3:
            rest = run[len(words[0]):]
            while rest and t[rest[0]] in _PUNCT_HEAD:
                rest = rest[1:]
            out.append(rest)
    if "(" not in s and "（" not in s:
        return out  # no bracket to leave out
    inside, bare = False, []
    for i in run:
        if t[i] in "(（":
            inside = True
        elif t[i] in ")）" and inside:
            inside = False
        elif not inside:
            bare.append(i)
    if len(bare) != len(run) and not inside and len(bare) >= 2:
        out.append(bare)
    return out


def period_alternatives(ctx: Context, start: int, end: int, chosen: str) -> tuple[str, ...]:
    """Up to four other periods of the figure at [start, end) of the ORIGINAL text."""
    vs, ve = ctx.view_span(start, end)
    cell = table_cell(ctx, vs, ve)
    options: list[str] = []
    if cell is not None:
        options.extend(ctx.original(range(s, e)).strip() for s, e in cell.heads
                       if any(p.start <= s and p.end >= e for p in ctx.phrases_in(s, e)))
    got = governing_span(ctx, vs)
    if got is not None and (got[1], got[2]) != (got[0].start, got[0].end):
        options.append(ctx.original(range(got[0].start, got[0].end)).strip())  # one of two joined
    return _ranked(_sentence_phrases(ctx, options, vs, ve), chosen)


def _sentence_phrases(ctx: Context, first: list[str], vs: int, ve: int) -> Iterator[str]:
    """``first``, then the texts of the time phrases of the sentence of the figure at [vs, ve):
    those before it, nearest first, then those after it (made only as far as they are taken)."""
    yield from first
    ss, se = ctx.sentence_at(vs)
    for p in reversed(ctx.phrases_in(ss, vs)):
        yield _phrase_text(ctx, p.start, p.end)
    for p in ctx.phrases_in(ve, se):
        yield _phrase_text(ctx, p.start, p.end)


def _phrase_text(ctx: Context, start: int, end: int) -> str:
    """The original text of a time phrase (remembered: each figure of a sentence offers the
    sentence's phrases)."""
    key = ("phrase-text", start, end)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = ctx.original(range(start, end)).strip()
    return got
