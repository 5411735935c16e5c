"""Time phrases of a report's view text: every match of the period rules (periods, frequencies,
not-a-period words), overlaps resolved longest first, minus those inside book titles and quoted
names; the bases of comparisons (比上年, 较110年, 是五年前的) are kept apart as kind "base" (a
figure right after one takes it as its period). Found once per report by the context;
the period and table rules read them from there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from hedui.core.extract.context_rules import ContextRules
from hedui.core.numbers.scan import Scanner


@dataclass(frozen=True, slots=True)
class TimePhrase:
    """A time phrase found in the view text: [start, end) is the kept part (without 到/在)."""

    start: int
    end: int
    kind: str  # "period" | "frequency" | "base" (the base of a comparison: 较110年, 比上年)
    rule: str
    match_start: int  # start of the whole match (with a dropped prefix)
    match_end: int  # end of the whole match (with a dropped suffix: 一个月下来)
    heads: bool = True  # may head a sentence (以前 only reaches to the next ;)
    stretch: bool = False  # reaches every clause after it up to the next ; (截至目前…)

    def shifted(self, by: int) -> "TimePhrase":
        """The same phrase ``by`` characters later (a piece's phrases in the whole text)."""
        # (the constructor itself: dataclasses.replace costs twice as much, for every phrase of a piece)
        return TimePhrase(self.start + by, self.end + by, self.kind, self.rule, self.match_start + by,
                          self.match_end + by, self.heads, self.stretch)


_OPEN_CLOSE = (("“", "”"), ("《", "》"), ("「", "」"))


_MAX_NAME = 18
_SPEECH = re.compile("[,，。!！?？;；]")  # a quotation holding a clause break is speech, not a name


def _inside_quotes(text: str, sent_start: int, pos: int) -> bool:
    """Inside a book title, or inside a quoted name (a short quotation; speech is longer)."""
    seg = text[sent_start:pos]
    for o, c in _OPEN_CLOSE:
        if seg.count(o) > seg.count(c):
            if o == "《":
                return True
            opened = text.rfind(o, sent_start, pos)
            closed = text.find(c, pos)
            if closed >= 0 and closed - opened <= _MAX_NAME and not _SPEECH.search(text, opened, closed):
                return True
    return False


def find_time_phrases(t: str, rules: ContextRules, scanners: tuple[Scanner, ...] | None,
                      sentence_at: Callable[[int], tuple[int, int]]) -> list[TimePhrase]:
    """Every time phrase of the view text ``t``, overlaps resolved (longest wins), sorted;
    ``scanners`` are the rules' period scanners (built here when None), ``sentence_at`` gives
    the sentence around a position."""
    found: list[tuple[int, int, int, int, int, str, str]] = []  # (ms, me, order, ks, ke, kind, id)
    flags = {r.id: (r.heads, r.stretch) for r in rules.periods}
    skipped: list[int] | None = None
    for order, rule in enumerate(rules.periods):
        scan = scanners[order] if scanners is not None else Scanner(rule.regex)
        matches: list[re.Match[str]] = []
        if rule.clause_start:
            if skipped is None:
                skipped = _clause_starts(t, rules.period_boundaries + rules.sentence_ends)
            matches.extend(scan.match_at(t, skipped))
        else:
            matches.extend(scan.finditer(t))
        for m in matches:
            if m.end() == m.start():
                continue
            ks, ke = (m.start("p"), m.end("p")) if "p" in rule.regex.groupindex and m.group("p") else m.span()
            found.append((m.start(), m.end(), order, ks, ke, rule.kind, rule.id))
    # longest first, then rule order
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    taken = bytearray(len(t) + 1)
    out: list[TimePhrase] = []
    for ms, me, _, ks, ke, kind, rid in found:
        if taken.find(1, ms, me) >= 0:
            continue
        taken[ms:me] = b"\x01" * (me - ms)
        if kind == "not":
            continue
        why = _excluded(t, rules, sentence_at, ms, ke)
        if why == "quoted":
            continue
        out.append(TimePhrase(ks, ke, "base" if why else kind, rid, ms, me, *flags[rid]))
    out.sort(key=lambda p: p.start)
    return out


_SPACES = " \u3000\t"


def _clause_starts(t: str, bounds: str) -> list[int]:
    """The start of each clause of ``t`` (after each of ``bounds``), past the spaces that open it."""
    if any(ch in bounds for ch in _SPACES):
        return _past_spaces(t, [0] + [m.end() for m in re.finditer("[" + re.escape(bounds) + "]", t)])
    spaces = "[" + _SPACES + "]*"
    return [re.compile(spaces).match(t).end()] + [  # type: ignore[union-attr]
        m.end() for m in re.finditer("[" + re.escape(bounds) + "]" + spaces, t)]


def _past_spaces(t: str, starts: list[int]) -> list[int]:
    """Each clause start moved past the spaces that open its clause (still sorted)."""
    out = []
    n = len(t)
    for cs in starts:
        while cs < n and t[cs] in _SPACES:
            cs += 1
        out.append(cs)
    return out


def _excluded(t: str, rules: ContextRules, sentence_at: Callable[[int], tuple[int, int]], ms: int, ke: int
              ) -> str | None:
    """Why a match is no period: "quoted" (a name or a title), "base" (of a comparison), or None."""
    ss, _ = sentence_at(ms)
    if t[ms] != "“" and _inside_quotes(t, ss, ms):
        return "quoted"
    if rules.cmp_before is not None and rules.cmp_before.search(t, max(ss, ms - 6), ms):
        return "base"
    if rules.cmp_after is not None and rules.cmp_after.match(t[ke:ke + 12]):
        return "base"
    if ms > 0 and t[ms - 1] in "是为" and t[ke:ke + 1] == "的":
        return "base"  # 是五年前的四倍, 为110年的30倍: the base of a comparison
    return None
