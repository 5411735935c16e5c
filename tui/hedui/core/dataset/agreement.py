"""How much reviewers agree, over every report that two or more of them decided.

For each pair of reviewers, pooled over the reports both reviewed (and per report):

* **decision κ** — Cohen's kappa over the figures both decided, each decision one of
  verified (accepted, corrected, added), rejected, flagged: ``(po - pe) / (1 - pe)`` with
  ``po`` the share of figures on which they agree and ``pe`` the agreement expected from each
  reviewer's own shares of the three decisions. Undefined (None) when ``pe`` is 1.
* **span F1** — the figures each verified (added ones included), matched by span:
  ``2·|A∩B| / (|A| + |B|)``; it counts what one reviewer added or verified and the other did not.
* **fields**, on the figures both verified: the exact-match rate of value with unit (value,
  value_max and unit all equal), bound, category and period, and the mean character F1 of the
  labels (the metric of FIGURES.md).

Overall: the pairs pooled (every pair's figures together). With three reviewers or more,
Krippendorff's α (nominal) over the decisions, figures as units, computed by the
``krippendorff`` package (the ``team`` extra); without it α is reported as unavailable.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from hedui.core.dataset.evaluate import char_f1
from hedui.core.dataset.versions import ReportVersions, decision
from hedui.core.session.entry import Entry

DECISIONS = ("verified", "rejected", "flagged")
FIELDS = ("value_unit", "bound", "category", "period")


@dataclass
class PairTally:
    """What two reviewers did on the same figures (pooled over reports)."""

    pairs: list[tuple[str, str]] = field(default_factory=list)  # decisions on figures both decided
    a_verified: int = 0
    b_verified: int = 0
    both_verified: int = 0
    field_same: Counter = field(default_factory=Counter)
    label_f1_sum: float = 0.0

    def add(self, other: "PairTally") -> None:
        self.pairs += other.pairs
        self.a_verified += other.a_verified
        self.b_verified += other.b_verified
        self.both_verified += other.both_verified
        self.field_same.update(other.field_same)
        self.label_f1_sum += other.label_f1_sum

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.pairs)

    @property
    def observed(self) -> float | None:
        return sum(a == b for a, b in self.pairs) / len(self.pairs) if self.pairs else None

    @property
    def span_f1(self) -> float | None:
        total = self.a_verified + self.b_verified
        return 2 * self.both_verified / total if total else None

    def field_rate(self, name: str) -> float | None:
        if not self.both_verified:
            return None
        if name == "label":
            return self.label_f1_sum / self.both_verified
        return self.field_same[name] / self.both_verified


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[c] * cb[c] for c in set(ca) | set(cb)) / (n * n)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def _fields_equal(a: Entry, b: Entry) -> dict[str, bool]:
    fa, fb = a.fields, b.fields
    return {
        "value_unit": fa.value == fb.value and fa.value_max == fb.value_max and fa.unit == fb.unit,
        "bound": fa.bound == fb.bound,
        "category": fa.category == fb.category,
        "period": fa.period.strip() == fb.period.strip(),
    }


def tally_pair(rv: ReportVersions, a: str, b: str) -> PairTally:
    t = PairTally()
    for got in rv.table().values():
        ea, eb = got.get(a), got.get(b)
        da, db = decision(ea), decision(eb)
        t.a_verified += da == "verified"
        t.b_verified += db == "verified"
        if da is not None and db is not None:
            t.pairs.append((da, db))
        if da == db == "verified":
            assert ea is not None and eb is not None
            t.both_verified += 1
            for name, same in _fields_equal(ea, eb).items():
                t.field_same[name] += same
            t.label_f1_sum += char_f1(ea.fields.label.strip(), eb.fields.label.strip())
    return t


@dataclass
class ReportAgreement:
    path: str
    reviewers: list[str]
    figures: int  # figures decided by two reviewers or more
    agreed: int  # of those, the ones every reviewer who decided them decided alike
    pair: PairTally  # the pairs of this report pooled

    @property
    def rate(self) -> float | None:
        return self.agreed / self.figures if self.figures else None


@dataclass
class Agreement:
    pairs: dict[tuple[str, str], PairTally]
    overall: PairTally
    reports: list[ReportAgreement]  # worst first
    alpha: float | None
    alpha_note: str = ""  # why alpha is missing, when it is


def _report_agreement(rv: ReportVersions, pairs: dict[tuple[str, str], PairTally]) -> ReportAgreement:
    from hedui.core.dataset.versions import same_version

    pooled = PairTally()
    for a, b in combinations(rv.reviewers, 2):
        t = tally_pair(rv, a, b)
        pairs.setdefault((a, b), PairTally()).add(t)
        pooled.add(t)
    figures = agreed = 0
    for got in rv.table().values():
        decided = [e for e in got.values() if decision(e) is not None]
        if len(decided) < 2:
            continue
        figures += 1
        agreed += all(same_version(decided[0], e) for e in decided[1:])
    return ReportAgreement(rv.path, rv.reviewers, figures, agreed, pooled)


def krippendorff_alpha(reports: list[ReportVersions], reviewers: list[str]) -> tuple[float | None, str]:
    try:
        import krippendorff  # the 'team' extra
        import numpy as np
    except ImportError:
        return None, "needs the krippendorff package (pip install 'hedui[team]')"
    code = {d: i for i, d in enumerate(DECISIONS)}
    columns: list[list[float]] = []
    for rv in reports:
        for got in rv.table().values():
            col = [code[d] if (d := decision(got.get(r))) is not None else np.nan for r in reviewers]
            if sum(not np.isnan(v) for v in col) >= 2:
                columns.append(col)
    if not columns:
        return None, "no figure decided by two reviewers"
    data = np.array(columns, dtype=float).T
    if len({v for v in data.flatten() if not np.isnan(v)}) < 2:
        return None, "every decision is the same (alpha is undefined)"
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")), ""


def agreement(groups: Iterable[ReportVersions]) -> Agreement:
    shared = [rv for rv in groups if len(rv.by_reviewer) >= 2]
    pairs: dict[tuple[str, str], PairTally] = {}
    reports = [_report_agreement(rv, pairs) for rv in shared]
    overall = PairTally()
    for t in pairs.values():
        overall.add(t)
    reports.sort(key=lambda r: (r.rate if r.rate is not None else 2.0, r.path))
    reviewers = sorted({r for rv in shared for r in rv.reviewers})
    alpha, note = (None, "fewer than three reviewers") if len(reviewers) < 3 else krippendorff_alpha(shared, reviewers)
    return Agreement(pairs=dict(sorted(pairs.items())), overall=overall, reports=reports, alpha=alpha, alpha_note=note)
