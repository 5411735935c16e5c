"""Artefacts: spans of a report's text that are not the report's own prose.

    rules = load_artefact_rules()            # once (from artefact_rules.py)
    arts = find_artefacts(text, rules)       # tuple[Artefact, ...], sorted by start

Three kinds (``Artefact.kind``), each non-overlapping within its kind (kinds
may overlap each other, e.g. pinyin inside a furniture line):

- ``pinyin``: a romanisation inserted after a character, ``產(chǎn)`` ->
  the span of ``(chǎn)``. Found on the original text.
- ``furniture``: page furniture of web and document sites (file sizes, page
  counts, upload/copyright notices, contact numbers, URLs, breadcrumbs,
  source/date/editor lines, navigation words, "相关文档"-style tails, link
  and place-name lists). Found by the regex rules of ``rules/artefacts.toml``
  on the simplified view (``view.py``), mapped back exactly to the original.
  Line rules give the stripped line (no surrounding whitespace or newline).
- ``repeat``: a later copy of a paragraph (whitespace ignored, full-width
  and half-width forms equal (NFKC), compared on the simplified view; paragraphs shorter than ``[repeat] min_chars`` and
  paragraphs wholly inside furniture are ignored); ``repeat_of`` is the start
  offset of the first copy, ``rule`` is ``"repeat.paragraph"``.

Every artefact's ``rule`` is the id of the rule that found it. The text is
never modified; ``clean(text, start, end, artefacts)`` gives a substring with
pinyin and furniture cut out, for labels and periods.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from hedui.core.text.artefact_rules import ArtefactRule, ArtefactRules, load_artefact_rules
from hedui.core.text.pattern_starts import starts_finditer
from hedui.core.model import Artefact
from hedui.core.text.view import TextView, build_view

__all__ = ["find_artefacts", "clean", "load_artefact_rules", "ArtefactRules", "REPEAT_RULE"]

REPEAT_RULE = "repeat.paragraph"
#: kinds that ``clean`` cuts out
CLEANED_KINDS = frozenset({"pinyin", "furniture"})
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u3000\xa0]*\n")
#: a prose line: 30 or more characters holding a full stop (ends a "to-end" tail)
_PROSE_LINE = re.compile(r"^(?=[^\n]{30})[^\n]*。", re.M)


class _Lines:
    """Line boundaries of a text: ``span(i)`` is line i without its newline."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def span(self, i: int) -> tuple[int, int]:
        s = self.starts[i]
        e = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return s, e

    def stripped(self, i: int) -> tuple[int, int]:
        return _strip(self.text, *self.span(i))

    def is_blank(self, i: int) -> bool:
        s, e = self.span(i)
        return not self.text[s:e].strip()

    def __len__(self) -> int:
        return len(self.starts)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    """[s, e) without leading and trailing whitespace (cost: the whitespace only)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sort, then trim each span so that it starts after the previous one ends."""
    if all(s < e for s, e, _ in spans[:1]) and all(a[1] <= b[0] < b[1] for a, b in zip(spans, spans[1:])):
        return list(spans)  # in order and apart already (one rule's matches, most often): no sort
    out: list[tuple[int, int, str]] = []
    for s, e, rid in sorted(spans, key=lambda t: (t[0], -t[1])):
        if out and s < out[-1][1]:
            s = out[-1][1]
        if e > s:
            out.append((s, e, rid))
    return out


def _matches(rule: ArtefactRule, text: str, rules: ArtefactRules) -> list[re.Match]:
    """The rule's matches, or none if there are fewer than ``min_matches`` (or distinct texts)."""
    gates = rules.gate(rule)
    scan = rules.stretches(rule)
    stretches = scan.find(text) if scan is not None else None
    if stretches is not None:  # around the few places of the literals its matches hold
        found = list(scan.matches(rule.regex, text, stretches))
    elif gates is None:
        found = list(rule.regex.finditer(text))
    else:
        line, char = gates
        found = list(starts_finditer(line.search if line is not None else None,
                                     char.search if char is not None else None, rule.regex.match, text))
    if len(found) < rule.min_matches:
        return []
    if rule.min_distinct > 1 and len({m.group() for m in found}) < rule.min_distinct:
        return []
    return found


def _pinyin(text: str, rules: ArtefactRules) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), r.id) for r in rules.of_kind("pinyin") for m in _matches(r, text, rules)]
    return _disjoint(spans)


class _Furniture:
    """Applies furniture rules to a view; spans are view coordinates."""

    def __init__(self, view: TextView, rules: ArtefactRules) -> None:
        #: each rule's match spans, by rule id (found on the rule's first use)
        self.matches: dict[str, list[tuple[int, int]]] = {}
        self.rules = rules
        self.text = view.text
        self.sentence = rules.sentence
        self.figure = rules.figure
        self.lines = _Lines(view.text)
        self.spans: list[tuple[int, int, str]] = []

    def _line_spans(self, rule: ArtefactRule, ms: int, me: int) -> list[tuple[int, int]]:
        """The stripped line(s) holding the (stripped) match [ms, me)."""
        s = self.lines.span(self.lines.index(ms))[0]
        e = self.lines.span(self.lines.index(me - 1))[1]
        s, e = _strip(self.text, s, e)
        if e - s <= rule.max_line_len and not self._guarded(rule, s, e):
            return [(s, e)]
        return [(ms, me)] if rule.long_lines == "match" else []

    def _guarded(self, rule: ArtefactRule, s: int, e: int) -> bool:
        """Does the rule's guard find prose in line(s) [s, e)?"""
        if rule.guard == "none":
            return False
        if self.figure.search(self.text, s, e):
            return True
        return rule.guard == "prose" and self.sentence.search(self.text, s, e) is not None

    def _to_end(self, rule: ArtefactRule, ms: int) -> tuple[int, int]:
        end = len(self.text)
        if end - ms > rule.max_tail:
            blank = _BLANK_LINE.search(self.text, ms)
            end = blank.start() if blank else end
        if rule.stop_at_prose:
            prose = _PROSE_LINE.search(self.text, ms, end)
            end = prose.start() if prose else end
        return _strip(self.text, ms, end)

    def apply(self, rule: ArtefactRule, near: set[int] | None = None) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        spans = self.matches.get(rule.id)
        if spans is None:
            spans = self.matches[rule.id] = [m.span() for m in _matches(rule, self.text, self.rules)]
        for span in spans:
            ms, me = _strip(self.text, *span)  # a match may begin with newlines
            if me <= ms or (near is not None and self.lines.index(ms) not in near):
                continue
            if found and ms < found[-1][1] and rule.scope != "match":
                continue  # inside the line or tail this rule already took
            if rule.scope == "line":
                found += [(s, e, rule.id) for s, e in self._line_spans(rule, ms, me)]
            elif rule.scope == "to-end":
                found.append((*self._to_end(rule, ms), rule.id))
            else:
                found.append((ms, me, rule.id))
        return [t for t in found if t[1] > t[0]]

    def furniture_lines(self) -> set[int]:
        """Indexes of non-blank lines wholly covered by furniture found so far."""
        merged: list[list[int]] = []
        for s, e, _ in sorted(self.spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        covered: set[int] = set()
        for s, e in merged:
            for i in range(self.lines.index(s), self.lines.index(max(s, e - 1)) + 1):
                ls, le = self.lines.stripped(i)
                if ls < le and s <= ls and le <= e:
                    covered.add(i)
        return covered

    def lines_next_to(self, covered: set[int]) -> set[int]:
        """Lines whose previous or next non-blank line is furniture."""
        out: set[int] = set()
        n = len(self.lines)
        for i in covered:
            for step in (-1, 1):
                j = i + step
                while 0 <= j < n and self.lines.is_blank(j):
                    j += step
                if 0 <= j < n:
                    out.add(j)
        return out - covered

    def run(self, rules: Iterable[ArtefactRule]) -> list[tuple[int, int, str]]:
        rules = list(rules)
        for rule in rules:
            if not rule.near_furniture:
                self.spans += self.apply(rule)
        near_rules = [r for r in rules if r.near_furniture]
        for _ in range(8):  # a chain of stray lines next to furniture; bounded
            if not near_rules:
                break
            covered = self.furniture_lines()
            near = self.lines_next_to(covered)
            added = [t for r in near_rules for t in self.apply(r, near)]
            if not added:
                break
            self.spans += added
        trimmed = ((*_strip(self.text, s, e), rid) for s, e, rid in _disjoint(self.spans))
        return [t for t in trimmed if t[1] > t[0]]


def paragraphs(view: TextView, rules: ArtefactRules) -> list[tuple[int, int, str]]:
    """(start, end, key) of each paragraph of the view long enough to be a repeat, in view
    coordinates; ``key``: its text in NFKC without whitespace (what two copies share)."""
    text = view.text
    out = []
    pos = 0
    least = rules.repeat.min_chars
    breaks = list(rules.repeat.paragraph_break.finditer(text)) + [None]
    for brk in breaks:
        end = brk.start() if brk is not None else len(text)
        s, e = _strip(text, pos, end)
        pos = brk.end() if brk is not None else len(text)
        if e <= s:
            continue
        # whitespace out (str.split's whitespace is re's \s); an ASCII paragraph is NFKC already
        para = text[s:e]
        key = "".join((para if para.isascii() else unicodedata.normalize("NFKC", para)).split())
        if len(key) >= least:
            out.append((s, e, key))
    return out


def repeats_among(paras: list[tuple[int, int, str]], furniture: list[tuple[int, int, str]]
                  ) -> list[tuple[int, int, int]]:
    """(start, end, first_start) of the later copies of the ``paragraphs``, in view coordinates;
    a paragraph that is furniture is neither a copy nor a first."""
    fstarts = [s for s, _, _ in furniture]
    out = []
    first: dict[str, int] = {}
    for s, e, key in paras:
        k = bisect_right(fstarts, s) - 1
        if k >= 0 and furniture[k][1] >= e:
            continue  # the paragraph is furniture
        if key in first:
            out.append((s, e, first[key]))
        else:
            first[key] = s
    return out


def artefact_view(text: str, rules: ArtefactRules) -> tuple[list[tuple[int, int, str]], TextView]:
    """(the pinyin spans of ``text``, the view without them) that furniture is looked for on."""
    pinyin = _pinyin(text, rules)
    return pinyin, build_view(text, [(s, e) for s, e, _ in pinyin], rules.simplifier)


def find_artefacts(text: str, rules: ArtefactRules) -> tuple[Artefact, ...]:
    """Every artefact of ``text``, sorted by (start, end, kind)."""
    pinyin, view = artefact_view(text, rules)
    furniture = furniture_spans(view, rules)
    return artefacts_of(pinyin_artefacts(pinyin), view, furniture, repeats_among(paragraphs(view, rules), furniture))


def furniture_spans(view: TextView, rules: ArtefactRules) -> list[tuple[int, int, str]]:
    """(start, end, rule) of the furniture of the text of ``view`` (the view without the pinyin,
    ``artefact_view``), in view coordinates."""
    return _Furniture(view, rules).run(rules.of_kind("furniture"))


def pinyin_artefacts(pinyin: list[tuple[int, int, str]]) -> list[Artefact]:
    """The artefacts of the pinyin spans of ``artefact_view``."""
    return [Artefact(s, e, "pinyin", rid) for s, e, rid in pinyin]


def artefacts_of(pinyin: list[Artefact], view: TextView, furniture: list[tuple[int, int, str]],
                 repeats: list[tuple[int, int, int]]) -> tuple[Artefact, ...]:
    """The ``pinyin_artefacts`` with those of the ``furniture_spans`` of ``view`` and of the copies
    among its paragraphs (``repeats_among``), sorted by (start, end, kind)."""
    spans = view.spans_to_original([(s, e) for s, e, _ in furniture] + [(s, e) for s, e, _ in repeats]
                                   + [(first, first + 1) for _, _, first in repeats])
    k = len(furniture) + len(repeats)
    arts = list(pinyin)
    arts += [Artefact(s, e, "furniture", rid) for (s, e), (_, _, rid) in zip(spans, furniture)]
    arts += [Artefact(s, e, "repeat", REPEAT_RULE, first)
             for (s, e), (first, _) in zip(spans[len(furniture):k], spans[k:])]
    arts.sort(key=_order)
    return tuple(arts)


def _order(a: Artefact) -> tuple[int, int, str]:
    return a.start, a.end, a.kind


def clean(text: str, start: int, end: int, artefacts: Iterable[Artefact]) -> str:
    """``text[start:end]`` with every pinyin and furniture artefact cut out."""
    cuts = sorted(
        (max(a.start, start), min(a.end, end))
        for a in artefacts
        if a.kind in CLEANED_KINDS and a.start < end and a.end > start
    )
    out: list[str] = []
    pos = start
    for s, e in cuts:
        if s > pos:
            out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:end])
    return "".join(out)


def artefacts_in(artefacts: tuple[Artefact, ...], start: int, end: int) -> list[Artefact]:
    """The artefacts overlapping [start, end) (``artefacts`` sorted by start)."""
    hi = bisect_left(artefacts, end, key=lambda a: a.start)
    return [a for a in artefacts[:hi] if a.end > start]
