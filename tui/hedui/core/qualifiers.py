"""Qualifier words before and after a number and the bound they set."""
from __future__ import annotations

from dataclasses import dataclass

from hedui.core.rules import RuleSet

#: characters that end the clause a governing qualifier can reach over
CLAUSE_ENDS = "，；;。！!？?\n：:"
#: how far back (characters) a governing qualifier reaches
GOVERN_REACH = 40


@dataclass(frozen=True, slots=True)
class QualifierMatch:
    start: int
    end: int
    word: str
    bound: str
    rule: str


class QualifierTable:
    def __init__(self, rules: RuleSet) -> None:
        self._before = sorted(((w, q.bound, q.id) for q in rules.qualifiers for w in q.before),
                              key=lambda t: -len(t[0]))
        self._after = sorted(((w, q.bound, q.id) for q in rules.qualifiers for w in q.after),
                             key=lambda t: -len(t[0]))
        self._governs = sorted(((w, q.bound, q.id) for q in rules.qualifiers for w in q.governs),
                               key=lambda t: -len(t[0]))

    def before(self, s: str, pos: int) -> QualifierMatch | None:
        """The qualifier that ends at ``pos``."""
        for w, b, rid in self._before:
            if pos >= len(w) and s.startswith(w, pos - len(w)):
                return QualifierMatch(pos - len(w), pos, w, b, rid)
        return None

    def after(self, s: str, pos: int) -> QualifierMatch | None:
        """The qualifier that starts at ``pos``."""
        for w, b, rid in self._after:
            if s.startswith(w, pos):
                return QualifierMatch(pos, pos + len(w), w, b, rid)
        return None

    def governing(self, s: str, pos: int) -> QualifierMatch | None:
        """A list-governing qualifier earlier in the clause of ``pos`` (至少建设1家…、10家…)."""
        lo = max(0, pos - GOVERN_REACH)
        i = pos - 1
        while i >= lo and s[i] not in CLAUSE_ENDS:
            for w, b, rid in self._governs:
                if s.startswith(w, i):
                    return QualifierMatch(i, i + len(w), w, b, rid)
            i -= 1
        return None
