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
from hedui.core.extract.labels import LAST_FIGURE, previous_subject
from hedui.core.extract.periods import LAST_PERIOD, governing_span, phrase_text
from hedui.core.extract.tables import table_cell
from hedui.core.extract.time_phrases import TimePhrase

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
    got = ctx.memo.get(LAST_FIGURE)
    if got is not None and got[0] == start and got[1] == end:
        _, _, vs, ve, ss, in_cell, before, after = got  # what label_for found of this figure
    else:
        vs, ve = ctx.view_span(start, end)
        ss, in_cell, before, after = ctx.sentence_at(vs)[0], table_cell(ctx, vs, ve) is not None, None, None
    if in_cell:
        cell = table_cell(ctx, vs, ve)
        row, col = (ctx.original(range(s, e)).strip() for s, e in (cell.heads + ((0, 0),))[:2])
        return _ranked([join_pieces([p for p in (row, col) if p]), col, row], chosen)
    if before is None:
        before, after = words_before(ctx, vs, ss), words_after(ctx, ve, vs)
    subject = previous_subject(ctx, vs, ss)
    # the shorter runs first (of the words before + after, then of the subject + words before),
    # each run's characters from those of its parts; the texts written only as far as ranked
    chars = _text(ctx, before)
    if after:
        both, s = (before + after, chars + _text(ctx, after)) if before else (after, _text(ctx, after))
    else:
        both, s = before, chars
    shorter = _shorter(ctx, both, s)
    with_subject = bool(subject) and (not before or subject[-1] < before[0])
    if with_subject:
        shorter += _shorter(ctx, subject + before, _text(ctx, subject) + chars)
    out: list[str] = []
    for run in shorter:
        if run and _rank(out, label_text(ctx, run), chosen):
            return tuple(out)
    # then the runs themselves: a run of two parts apart is their two texts joined (label_text
    # of the whole would find the same stretches)
    text_before = label_text(ctx, before) if before else ""
    text_after = label_text(ctx, after) if after else ""
    # (both, before, after: one text when either is empty)
    then = [join_pieces([text_before, text_after]), text_before, text_after] if text_before and text_after \
        else [text_before or text_after]
    if with_subject:
        apart = not before or subject[-1] + 1 < before[0]
        then.append(_joined(label_text(ctx, subject), text_before) if apart else label_text(ctx, subject + before))
    for o in then:
        if _rank(out, o, chosen):
            break
    return tuple(out)


def _rank(out: list[str], option: str, chosen: str) -> bool:
    """Add ``option`` (a label text: stripped already) to ``out`` when it is new and not
    ``chosen``; whether ``out`` is full (MAX_ALTERNATIVES)."""
    if option and option != chosen and option not in out:
        out.append(option)
        return len(out) == MAX_ALTERNATIVES
    return False


def _joined(a: str, b: str) -> str:
    return join_pieces([a, b]) if a and b else a or b


def _shorter(ctx: Context, run: list[int], s: str) -> list[list[int]]:
    """``run`` (its characters ``s``) without its first word (可吸入颗粒物PM10平均浓度 → PM10平均浓度,
    及时转移安置群众 → 转移安置群众) and without a short bracketed aside (地区生产总值(GDP)比上年增长)."""
    out = []
    t = ctx.text
    if len(run) >= 5:
        first = ctx.first_word(s)  # (all of s segmented only when its first word is not known so)
        words = ctx.words(s) if first is None else None
        n = len(words[0] if words is not None else first)  # type: ignore[arg-type]
        # a first word of one character is a preposition or a piece of a name (比, 云|峰县)
        if n >= 2 and len(run) - n >= 3 and _more_than_two(ctx, s, n, words):
            rest = run[n:]
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


def _more_than_two(ctx: Context, s: str, n: int, words: list[str] | None) -> bool:
    """Are there more than two words in ``s``, whose first word is ``n`` characters (``words``:
    all of them, when segmented already)? Then the rest holds two or more."""
    if words is not None:
        return len(words) > 2
    got = ctx.several_words(s[n:])
    return got if got is not None else len(ctx.words(s[n:])) >= 2  # (the words after the first)


def period_alternatives(ctx: Context, start: int, end: int, chosen: str) -> tuple[str, ...]:
    """Up to four other periods of the figure at [start, end) of the ORIGINAL text."""
    got = ctx.memo.get(LAST_PERIOD)
    if got is not None and got[0] == start and got[1] == end and got[4] is None:
        _, _, vs, ve, _, got, before, after = got  # what period_for found of this figure
        options = [phrase_text(ctx, got[0].start, got[0].end)] if _joined_span(got) else []
    else:
        vs, ve = ctx.view_span(start, end)
        cell = table_cell(ctx, vs, ve)
        options = []
        if cell is not None:
            options.extend(ctx.original(range(s, e)).strip() for s, e in cell.heads
                           if any(p.start <= s and p.end >= e for p in ctx.phrases_in(s, e)))
        got = governing_span(ctx, vs)
        if _joined_span(got):
            options.append(phrase_text(ctx, got[0].start, got[0].end))  # type: ignore[index]
        ss, se = ctx.sentence_at(vs)
        before, after = ctx.phrase_ranges(ss, vs, ve, se)
    if not options and before == after:  # (both empty: no phrase in the sentence beside the figure)
        return ()
    # the same for every figure of the sentence between the same phrases, with the same chosen
    key = ("period-alternatives", before, after, chosen, *options)
    ranked = ctx.memo.get(key)
    if ranked is None:
        ranked = ctx.memo[key] = _ranked(_sentence_phrases(ctx, options, before, after), chosen)
    return ranked


def _joined_span(span: tuple[TimePhrase, int, int] | None) -> bool:
    """Is the period ``span`` two phrases joined (one of them an alternative)?"""
    return span is not None and (span[1] != span[0].start or span[2] != span[0].end)


def _sentence_phrases(ctx: Context, first: list[str], before: tuple[int, int], after: tuple[int, int]
                      ) -> Iterator[str]:
    """``first``, then the texts of the time phrases of a figure's sentence: ``before`` it
    (``phrases()[i:j]``), nearest first, then ``after`` it (made only as far as they are taken)."""
    yield from first
    ps = ctx.phrases()
    for p in reversed(ps[before[0]:before[1]]):
        yield phrase_text(ctx, p.start, p.end)
    for p in ps[after[0]:after[1]]:
        yield phrase_text(ctx, p.start, p.end)

