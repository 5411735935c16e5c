"""Keeping decisions when the report or the rules change under a session.

``reanchor``: the report's bytes changed. Each decided figure is looked for in
the new text by its own text and the context saved beside it; it moves where
that is unambiguous, and is otherwise set aside (an *orphan*, kept in the file)
and named in a notice. Pending figures are not carried: the new extraction
proposes them again.

``merge``: the extraction is new (new rules, or a re-anchored report). A decided
figure carries over to the proposed figure with the same span and value; a
pending one takes the new suggestion at the same span (keeping its id); new
figures come in pending; a decided figure the extractor no longer proposes is
kept with ``stale = True``. A human decision is never dropped.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from hedui.core.session.entry import CONTEXT_CHARS, Entry, SchemaProblem, check_str, validate_fields
from hedui.core.model import Extraction, Figure

#: a figure text found more often than this is not searched for by context
MAX_CANDIDATES = 2000


def context_of(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class Occurrences:
    """Where figure texts occur in a text. With many needles, one pass per key length
    over the text indexes them by their first ``KEY`` characters (instead of one scan
    of the whole text per needle)."""

    KEY = 4
    INDEX_FROM = 64  # needles; fewer are found with str.find

    def __init__(self, text: str, needles: set[str]) -> None:
        self.text = text
        self.index: dict[str, list[int]] | None = None
        if len(needles) < self.INDEX_FROM:
            return
        by_len: dict[int, set[str]] = {}
        for n in needles:
            by_len.setdefault(min(len(n), self.KEY), set()).add(n[: self.KEY])
        index: dict[str, list[int]] = {}
        for length, keys in by_len.items():
            for i in range(len(text) - length + 1):
                k = text[i:i + length]
                if k in keys:
                    index.setdefault(k, []).append(i)
        self.index = index

    def __call__(self, needle: str) -> list[int]:
        text = self.text
        if self.index is None:
            out, i = [], text.find(needle)
            while i >= 0 and len(out) <= MAX_CANDIDATES:
                out.append(i)
                i = text.find(needle, i + 1)
            return out
        out = [p for p in self.index.get(needle[: self.KEY], ()) if text.startswith(needle, p)]
        return out[: MAX_CANDIDATES + 1]


@dataclass
class Reanchored:
    entries: list[Entry]  # decided figures, at their place in the new text
    orphans: list[Entry]  # decisions that could not be placed (old offsets kept)
    notices: list[str]
    moved: int = 0


#: characters that continue a number (digits, numerals, decimal and range marks): a figure's
#: text with one of these beside it, where there was none before, is part of another number
_JOINS = frozenset("0123456789０１２３４５６７８９.．,-~～—至到零〇一二三四五六七八九十百千万亿两"
                   "壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳參陸")


class Spans:
    """The new extraction's figure spans, to tell whether a place is a figure of its own."""

    def __init__(self, figures: tuple[Figure, ...] | list[Figure]) -> None:
        self.spans = sorted((f.start, f.end) for f in figures)
        self.starts = [s for s, _ in self.spans]
        self.reach = max((e - s for s, e in self.spans), default=0)

    def other_overlaps(self, start: int, end: int) -> bool:
        """A proposed figure overlaps [start, end) without being exactly it."""
        i = bisect_left(self.starts, start - self.reach)
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e = self.spans[i]
            if e > start and (s, e) != (start, end):
                return True
            i += 1
        return False


def same_figure(e: Entry, text: str, p: int, spans: Spans | None) -> bool:
    """Is ``e``'s text at ``p`` the same figure, not a piece of another number or figure?"""
    before, after = e.context
    end = p + len(e.text)
    left = text[p - 1] if p > 0 else ""
    right = text[end] if end < len(text) else ""
    if left != before[-1:] and left in _JOINS:
        return False
    if right != after[:1] and right in _JOINS:
        return False
    return spans is None or not spans.other_overlaps(p, end)


def locate(e: Entry, text: str, occurrences: Occurrences | None = None,
           spans: Spans | None = None) -> tuple[int | None, str, list[int]]:
    """The new start of ``e`` in ``text``, or (None, reason, the equally good candidates).
    It moves only to a place where its text is the same figure (``same_figure``)."""
    before, after = e.context
    if text[e.start:e.end] == e.text and text[max(0, e.start - len(before)):e.start] == before \
            and text[e.end:e.end + len(after)] == after:
        return e.start, "", []
    cands = (occurrences or Occurrences(text, set()))(e.text)
    if not cands:
        return None, "its text is no longer in the report", []
    if len(cands) > MAX_CANDIDATES:
        return None, "its text occurs too often to place", []
    cands = [p for p in cands if same_figure(e, text, p, spans)]
    if not cands:
        return None, "its text is now only part of other numbers or figures", []
    if len(cands) == 1:
        return cands[0], "", []
    n = len(e.text)
    lb = len(before)
    full = [p for p in cands if p >= lb and text.startswith(before, p - lb) and text.startswith(after, p + n)]
    if len(full) == 1:  # the whole saved context matches here only: the best possible score, unique
        return full[0], "", []
    if len(full) > 1:
        return None, f"ambiguous: {len(full)} places match", full
    scores = [
        _common_suffix(text[max(0, p - CONTEXT_CHARS):p], before)
        + _common_prefix(text[p + n:p + n + CONTEXT_CHARS], after)
        for p in cands
    ]
    best = max(scores)
    winners = [p for p, s in zip(cands, scores) if s == best]
    if best == 0 or len(winners) > 1:
        return None, f"ambiguous: {len(winners) if best else len(cands)} places match", winners
    return winners[0], "", []


def reanchor(entries: list[Entry], orphans: list[Entry], text: str,
             figures: tuple[Figure, ...] | None = None) -> Reanchored:
    """Place the decided entries (and earlier orphans) in the changed report ``text``.

    A figure whose text and context occur more than once is still placed when the
    decided figures just before and just after it both moved by the same amount and
    exactly one of the candidates moved by that amount too (a repeated paragraph
    elsewhere in a report that was only shifted).
    """
    todo = sorted([x for x in entries if x.decided] + orphans, key=lambda x: (x.start, x.end))
    occurrences = Occurrences(text, {e.text for e in todo})
    spans = Spans(figures) if figures is not None else None
    found = [locate(e, text, occurrences, spans) for e in todo]
    deltas = [None if start is None else start - e.start for e, (start, _, _) in zip(todo, found)]
    for i, (start, why, cands) in enumerate(found):
        if start is None and cands:
            prev = next((d for d in reversed(deltas[:i]) if d is not None), None)
            nxt = next((d for d in deltas[i + 1:] if d is not None), None)
            if prev is not None and prev == nxt and todo[i].start + prev in cands:
                found[i] = (todo[i].start + prev, "", [])
    placed: dict[tuple[int, int], Entry] = {}
    out = Reanchored([], [], [])
    for e, (start, why, _) in zip(todo, found):
        if start is not None and (start, start + len(e.text)) in placed:
            start, why = None, f"its place is taken by {placed[(start, start + len(e.text))].id}"
        if start is None:
            out.orphans.append(e)
            out.notices.append(f"{e.id} {e.text!r} ({e.status}, was at {e.start}): {why}; kept aside")
            continue
        end = start + len(e.text)
        moved = replace(e, start=start, end=end, context=context_of(text, start, end))
        out.moved += start != e.start
        placed[(start, end)] = moved
        out.entries.append(moved)
    return out


def _same_value(e: Entry, fig: Figure) -> bool:
    return fig.fields.value == e.fields.value or (
        e.suggestion is not None and fig.fields.value == e.suggestion.value)


def merge(entries: list[Entry], extraction: Extraction, next_id: int) -> tuple[list[Entry], int, list[str]]:
    """Entries for ``extraction``, carrying over ``entries``; returns (entries, next_id, notices)."""
    by_span: dict[tuple[int, int], Entry] = {(e.start, e.end): e for e in entries}
    used: set[str] = set()
    out: list[Entry] = []
    new = 0
    for fig in extraction.figures:
        e = by_span.get((fig.start, fig.end))
        if e is not None and e.id not in used and (not e.decided or _same_value(e, fig)):
            used.add(e.id)
            if e.status == "added":
                out.append(e)
            elif e.decided:
                out.append(replace(e, suggestion=fig.fields, rule=fig.rule, stale=False, repeat_of=fig.repeat_of,
                                   label_alternatives=fig.label_alternatives,
                                   period_alternatives=fig.period_alternatives))
            else:
                out.append(replace(e, fields=fig.fields, suggestion=fig.fields, rule=fig.rule,
                                   stale=False, repeat_of=fig.repeat_of,
                                   label_alternatives=fig.label_alternatives,
                                   period_alternatives=fig.period_alternatives))
            continue
        out.append(Entry(id=f"f{next_id:04d}", start=fig.start, end=fig.end, text=fig.text,
                         status="pending", fields=fig.fields, suggestion=fig.fields, rule=fig.rule,
                         repeat_of=fig.repeat_of, label_alternatives=fig.label_alternatives,
                         period_alternatives=fig.period_alternatives))
        next_id += 1
        new += 1
    stale = 0
    for e in entries:
        if e.id in used or not e.decided:
            continue
        if e.status != "added" and not e.stale:
            stale += 1
        out.append(e if e.status == "added" else replace(e, stale=True))
    out.sort(key=lambda x: (x.start, x.end, x.id))
    notices = []
    if new:
        notices.append(f"{new} new suggestion{'s' * (new != 1)} to review")
    if stale:
        notices.append(f"{stale} decided figure{'s' * (stale != 1)} no longer proposed by the rules (kept, marked stale)")
    return out, next_id, notices


def usable(extraction: Extraction) -> tuple[Extraction, list[str]]:
    """The extraction without figures a session file could not hold (an extractor bug must
    not make the session unreadable), and a notice for each one left out."""
    text, keep, notices = extraction.report.text, [], []
    for f in extraction.figures:
        why = ""
        if not (isinstance(f.start, int) and isinstance(f.end, int) and 0 <= f.start < f.end <= len(text)):
            why = f"offsets {f.start}-{f.end} outside the text"
        elif text[f.start:f.end] != f.text:
            why = f"its text {f.text!r} is not the report's {text[f.start:f.end]!r}"
        else:
            try:
                validate_fields(f.fields)
                check_str("rule", f.rule, limit=200)
            except SchemaProblem as exc:
                why = str(exc)
        if why:
            notices.append(f"the extractor proposed a figure at {f.start} that cannot be kept ({why}); left out")
        else:
            keep.append(f)
    if len(keep) == len(extraction.figures):
        return extraction, []
    return replace(extraction, figures=tuple(keep)), notices
