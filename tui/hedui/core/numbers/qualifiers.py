"""Qualifier words before and after a number and the bound they set."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from hedui.core.rules import RuleSet

#: characters that end the clause a governing qualifier can reach over
CLAUSE_ENDS = "，；;。！!？?\n：:"
#: CJK characters after which a one-character trailing qualifier still ends the phrase
PHRASE_END_CJK = "的了"
#: how far back (characters) a governing qualifier reaches
GOVERN_REACH = 40


@dataclass(slots=True, unsafe_hash=True)  # never changed once made; not frozen: a frozen __init__ costs 5x
class QualifierMatch:
    start: int
    end: int
    word: str
    bound: str
    rule: str


@dataclass(slots=True)
class GoverningWords:
    """The places of the governing words of one text: their starts, sorted, and the least end of
    the words from each one on (a word lies in [lo, hi) iff ``least_end[bisect_left(starts, lo)] <= hi``)."""

    starts: list[int]
    least_end: list[int]

    def near(self, pos: int) -> bool:
        """Is a governing word in the reach of ``pos`` (``QualifierTable.governing``'s first test)?"""
        i = bisect_left(self.starts, pos - GOVERN_REACH)
        return i < len(self.starts) and self.least_end[i] <= pos


def _places(s: str, w: str):
    i = s.find(w)
    while i >= 0:
        yield i
        i = s.find(w, i + 1)


class QualifierTable:
    def __init__(self, rules: RuleSet) -> None:
        self._before = sorted(((w, q.bound, q.id) for q in rules.qualifiers for w in q.before),
                              key=lambda t: -len(t[0]))
        self._after = sorted(((w, q.bound, q.id) for q in rules.qualifiers for w in q.after),
                             key=lambda t: -len(t[0]))
        self._not_words = tuple(w for q in rules.qualifiers for w in q.not_words)
        self._not_reach = max(map(len, self._not_words), default=0)
        self._links = frozenset("".join(rules.qualifier_links))
        self._not_governing = rules.not_governing
        self._currencies = tuple(sorted(rules.qualifier_currencies, key=len, reverse=True))
        self._currency_ends = frozenset(c[-1] for c in self._currencies)
        self._inner = sorted(((w, q.bound, q.id) for q in rules.qualifiers for w in q.inner),
                             key=lambda t: -len(t[0]))
        self.inner_words = frozenset(t[0] for t in self._inner)
        self._governs = {w: (q.bound, q.id) for q in rules.qualifiers for w in q.governs}
        self._gov_re = (re.compile("|".join(map(re.escape, sorted(self._governs, key=len, reverse=True))))
                        if self._governs else None)
        # candidates indexed by the character next to the number, each with the longer "not"
        # words that end with it (a "not" word that ends where the qualifier ends holds it)
        self._before_by_last: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {}
        for w, b, rid in self._before:
            longer = tuple(nw for nw in self._not_words if len(nw) > len(w) and nw.endswith(w))
            self._before_by_last.setdefault(w[-1], []).append((w, b, rid, longer))
        self._inner_by_first: dict[str, list[tuple[str, str, str]]] = {}
        for t in self._inner:
            self._inner_by_first.setdefault(t[0][0], []).append(t)
        #: the characters a qualifier before a number (or a link or a currency after one) ends with
        self._before_ends = frozenset(self._before_by_last) | self._links | self._currency_ends
        self._after_by_first: dict[str, list[tuple[str, str, str]]] = {}
        for t in self._after:
            self._after_by_first.setdefault(t[0][0], []).append(t)

    def before(self, s: str, pos: int) -> QualifierMatch | None:
        """The qualifier that ends at ``pos``."""
        if pos == 0 or s[pos - 1] not in self._before_ends:  # most numbers: none can end here
            return None
        for w, b, rid, longer in self._before_by_last.get(s[pos - 1], ()):
            if pos >= len(w) and s.startswith(w, pos - len(w)):
                if (any(s.startswith(nw, pos - len(nw)) for nw in longer) if pos >= self._not_reach
                        else any(len(nw) > len(w) and s.startswith(nw, pos - len(nw)) for nw in self._not_words)):
                    return None
                return QualifierMatch(pos - len(w), pos, w, b, rid)
        if s[pos - 1] in self._links and pos >= 2:
            q = self.before(s, pos - 1) if s[pos - 2] not in self._links else None
            if q is not None:
                return QualifierMatch(q.start, pos, s[q.start:pos], q.bound, q.rule)
        if s[pos - 1] in self._currency_ends:  # 约新台币2,617亿元: the qualifier before the currency
            for cur in self._currencies:
                if s.startswith(cur, pos - len(cur)) and pos > len(cur):
                    q = self.before(s, pos - len(cur))
                    if q is not None:
                        return QualifierMatch(q.start, pos, s[q.start:pos], q.bound, q.rule)
                    break
        return None

    def after(self, s: str, pos: int) -> QualifierMatch | None:
        """The qualifier that starts at ``pos`` (a one-character word only at a phrase end)."""
        for w, b, rid in self._after_by_first.get(s[pos:pos + 1], ()):
            if s.startswith(w, pos):
                nxt = s[pos + len(w):pos + len(w) + 1]
                if len(w) == 1 and ("\u4e00" <= nxt <= "\u9fff" and nxt not in PHRASE_END_CJK):
                    continue
                return QualifierMatch(pos, pos + len(w), w, b, rid)
        return None

    def inner(self, s: str, pos: int) -> QualifierMatch | None:
        """A qualifier between a number and its unit that starts at ``pos`` (余, 多, 来)."""
        for w, b, rid in self._inner_by_first.get(s[pos:pos + 1], ()):
            if s.startswith(w, pos):
                return QualifierMatch(pos, pos + len(w), w, b, rid)
        return None

    def governing_words(self, s: str) -> GoverningWords | None:
        """The places of the governing words in ``s`` (None: the rules have none), so that the
        positions of ``s`` with none near are told without ``governing``."""
        if self._gov_re is None:
            return None
        places = sorted((i, i + len(w)) for w in self._governs for i in _places(s, w))
        least = list(accumulate(reversed([b for _, b in places]), min))[::-1]
        return GoverningWords([a for a, _ in places], least)

    def governing(self, s: str, pos: int) -> QualifierMatch | None:
        """A list-governing qualifier earlier in the clause of ``pos`` (至少建设1家…、10家…)."""
        if self._gov_re is None:
            return None
        lo = max(0, pos - GOVERN_REACH)
        if self._gov_re.search(s, lo, pos) is None:  # most figures: no such word near (one scan)
            return None
        cs = max(s.rfind(c, lo, pos) for c in CLAUSE_ENDS)
        j = s.rfind(",", lo, pos)
        while j > 0 and s[j - 1].isdigit() and s[j + 1:j + 2].isdigit():  # 1,030 is no clause end
            j = s.rfind(",", lo, j)
        cs = max(cs, j) + 1
        best = None
        for m in self._gov_re.finditer(s, max(lo, cs), pos):
            best = m
        if best is None:
            return None
        after = s[best.end():best.end() + 4]
        if any(after.startswith(w) for w in self._not_governing):
            return None
        b, rid = self._governs[best.group()]
        return QualifierMatch(best.start(), best.end(), best.group(), b, rid)
