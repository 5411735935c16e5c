"""The unit table: which unit (and category) follows a number at a position of the text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from hedui.core.rules import RuleSet, UnitRule
from hedui.core.numbers.scan import literal_alternation

#: a rate per population written after the number: 46.79/10万, 3.2/万, 12‰
_RATE = re.compile(r"[/／]\s*((?:[0-9]+)?\s*[十百千万亿]+)(?![\u4e00-\u9fff]*[元人])")


#: romanisation garbage a web page inserted after a character (萬(wan)元) that the view kept
_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?[)）]")
_PINYIN_OPEN = "(（"
_RATE_FIRST = "/／"


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen: a frozen __init__ costs 5x
class UnitMatch:
    start: int
    end: int
    unit: str
    category: str
    rule: str
    factor: str = ""  # the unit's value in the unit written (毛: "0.1" 元)


class UnitTable:
    """Longest-form matching of the unit forms of the rules (simplified text)."""

    def __init__(self, rules: RuleSet) -> None:
        by_first: dict[str, list[tuple[str, UnitRule]]] = {}
        for r in rules.units:
            for form in r.forms:
                by_first.setdefault(form[0], []).append((form, r))
        for lst in by_first.values():
            lst.sort(key=lambda fr: -len(fr[0]))
        self._by_first = by_first
        forms = sorted({f for lst in by_first.values() for f, _ in lst}, key=len, reverse=True)
        # the forms longest first, as a trie (scan.py): the same match, found without trying each
        self._any = re.compile(literal_alternation(forms)) if forms else re.compile("|".join(forms))
        self._form_rule = {}
        for lst in by_first.values():
            for f, r in lst:
                self._form_rule.setdefault(f, r)
        #: each parenthesised joiner with the tokens it is written as: 场(次), 场（次）
        self._joiner_tokens = tuple((j, tuple(op + j + cl for op, cl in (("(", ")"), ("（", "）"))))
                                    for j in rules.joiners)
        self._separators = rules.separators
        self._suffixes = rules.count_suffixes
        # the first characters of each (an empty word would match anywhere: then any character)
        self._joiner_first = _firsts(t for _, toks in self._joiner_tokens for t in toks)
        self._suffix_first = _firsts(self._suffixes)
        self._separator_first = _firsts(self._separators)
        #: what a unit (or the space, pinyin or rate before one) can start with
        self._first = frozenset(by_first) | frozenset(" ") | frozenset(_PINYIN_OPEN) | frozenset(_RATE_FIRST)

    def _plain(self, s: str, pos: int) -> tuple[int, str, UnitRule] | None:
        """(end, unit, rule) of the unit form at ``pos``."""
        m = self._any.match(s, pos)
        if m is None:
            return None
        form = m.group()
        r = self._form_rule[form]
        end = m.end()
        if ((r.not_followed_by is None or not r.not_followed_by.match(s, end))
                and (not r.after or s[pos - 1:pos] in r.after)):
            return end, r.norm or form, r
        for form, r in self._by_first.get(s[pos:pos + 1], ()):
            if s.startswith(form, pos):
                end = pos + len(form)
                if r.not_followed_by is not None and r.not_followed_by.match(s, end):
                    continue
                if r.after and (pos == 0 or s[pos - 1] not in r.after):
                    continue
                return end, r.unit_for(form), r
        return None

    def match(self, s: str, pos: int) -> UnitMatch | None:
        """The unit starting at ``pos`` (one space allowed before it), with a parenthesised
        joiner (场(次) -> 场次) and a denominator (元/人, 亿元/平方公里) folded in."""
        start = pos
        ch = s[pos:pos + 1]
        if ch not in self._first:  # most places: no unit starts there
            return None
        if ch == " " and s[pos + 1:pos + 2] not in (" ", ""):
            pos += 1
            ch = s[pos:pos + 1]
        if ch in _PINYIN_OPEN:  # (the patterns' first characters; "" is in any str)
            g = _PINYIN.match(s, pos)
            if g is not None:
                pos = g.end()
                ch = s[pos:pos + 1]
        m = _RATE.match(s, pos) if ch in _RATE_FIRST else None
        if m:
            base = re.sub(r"\s", "", m.group(1))
            return UnitMatch(start, m.end(), "/" + base, "ratio", "unit.rate")
        u = self._plain(s, pos)
        if u is None:
            return None
        end, unit, r = u
        after = s[end:end + 1]  # what follows must start a joiner, a suffix or a separator
        if after in self._joiner_first:
            for j, toks in self._joiner_tokens:
                for tok in toks:
                    if s.startswith(tok, end) and not unit.endswith(j):
                        end += len(tok)
                        unit += j
            after = s[end:end + 1]
        if r.category == "count" and after in self._suffix_first:
            for j in self._suffixes:
                if s.startswith(j, end) and not unit.endswith(j):
                    end += len(j)
                    unit += j
            after = s[end:end + 1]
        if after in self._separator_first:
            for sep in self._separators:
                if s.startswith(sep, end):
                    d = self._plain(s, end + len(sep))
                    if d is not None:
                        return UnitMatch(start, d[0], f"{unit}/{d[1]}", r.category, r.id)
        return UnitMatch(start, end, unit, r.category, r.id, r.factor)


class _Anything:
    """Holds every string (the first characters of a word list with an empty word)."""

    def __contains__(self, ch: object) -> bool:
        return True


def _firsts(words) -> frozenset[str] | _Anything:
    words = list(words)
    return _Anything() if any(not w for w in words) else frozenset(w[0] for w in words)
