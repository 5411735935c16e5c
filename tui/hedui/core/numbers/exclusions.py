"""Exclusion rules: spans of the (simplified) text where numbers are not figures."""
from __future__ import annotations

import bisect
import re
from itertools import accumulate
from operator import itemgetter
from dataclasses import dataclass

from hedui.core.rules import NUMERAL_CHARS, ExclusionRule, RuleSet
from hedui.core.numbers.long_runs import SharedRuns
from hedui.core.numbers.scan import Scanner, literal_alternation

#: exclusions decided in code (candidates.py), with their reasons, for the reviewer's display
BUILTIN_REASONS: dict[str, str] = {
    "bare.no-unit": "a number with no unit, measure word or scale after it",
    "vague.lone-scale": "a scale word standing alone (万人, 上亿元项目) is not a stated quantity",
}

#: the longest span an exclusion match may have and still be looked up around a number
_MAX_SPAN = 200


@dataclass(frozen=True, slots=True)
class ExclusionSpans:
    """Matches of every exclusion rule over one text, for overlap look-ups."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    rank: tuple[int, ...]
    ids: tuple[str, ...]
    #: the furthest end of the matches up to each one (most numbers: no match reaches them)
    reach: tuple[int, ...] = ()

    def rule_for(self, start: int, end: int) -> str | None:
        """The id of the first rule (in file order) with a match overlapping [start, end)."""
        i = bisect.bisect_left(self.starts, end)
        if i == 0 or self.reach[i - 1] <= start:
            return None
        best: tuple[int, str] | None = None
        while i > 0:
            i -= 1
            if self.starts[i] < start - _MAX_SPAN:
                break
            if self.ends[i] > start and (best is None or self.rank[i] < best[0]):
                best = (self.rank[i], self.ids[i])
        return best[1] if best else None


class Exclusions:
    def __init__(self, rules: RuleSet) -> None:
        self.rules: tuple[ExclusionRule, ...] = rules.exclusions
        self._compiled: list[tuple[int, str, Scanner]] = []
        for rank, r in enumerate(self.rules):
            if r.pattern is not None:
                self._compiled.append((rank, r.id, Scanner(r.pattern)))
            else:
                # the words longest first, as a trie (scan.py): the same matches, found faster; never
                # inside a longer numeral (the 万一 of 三万一千元, the 十分 of 八十分)
                words = f"(?<![{NUMERAL_CHARS}0-9０-９])(?:{literal_alternation(r.words)})"
                self._compiled.append((rank, r.id, Scanner(re.compile(words))))
        self._shared_runs = SharedRuns.of(scan.safe for _, _, scan in self._compiled)

    def reason(self, rule_id: str) -> str:
        """Why numbers are excluded by ``rule_id`` (a rule of the file or a built-in one)."""
        for r in self.rules:
            if r.id == rule_id:
                return r.reason
        return BUILTIN_REASONS.get(rule_id, "")

    def spans(self, text: str) -> ExclusionSpans:
        found: list[tuple[int, int, int, str]] = []
        padded = "\n" + text  # so that a pattern's "\n" also matches at the very start
        runs: dict = {}  # the long runs of numerals, found once for all the rules
        if self._shared_runs is not None:
            self._shared_runs.fill(padded, runs)
        for rank, rid, pat in self._compiled:
            for m in pat.finditer(padded, runs=runs):
                s, e = m.span()
                s = s - 1 if s > 0 else 0
                e -= 1
                if e > s:
                    found.append((s, e, rank, rid))
        found.sort()
        if not found:
            return ExclusionSpans((), (), (), ())
        # (a column at a time: quicker than zip(*found) over tens of thousands of matches)
        starts, ends, ranks, ids = (tuple(map(itemgetter(k), found)) for k in range(4))
        return ExclusionSpans(starts, ends, ranks, ids, tuple(accumulate(ends, max)))
