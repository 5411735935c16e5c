"""One dataset from many reviewers: one row per figure.

For each report: the adjudicated session's verified figures where there is one (its figures
still pending count as disputed, or open); else, where
only one reviewer decided the report, that reviewer's; else the figures every reviewer of the
report decided alike (verified with the same fields: one row; rejected or flagged by all: no
row). A figure whose versions differ is **disputed** and left out (``include_disputed`` gives
each reviewer's verified version, marked); one not yet decided by every reviewer of the report
is **open** and left out too. Both are counted, so the caller can say how many.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from hedui.core.dataset.export import exported, row
from hedui.core.dataset.versions import ReportVersions, decision, same_version


@dataclass
class Counts:
    disputed: int = 0
    open: int = 0
    adjudicated_reports: int = 0


def consensus_rows(groups: Iterable[ReportVersions], counts: Counts, *, include_flagged: bool = False,
                   include_disputed: bool = False) -> Iterator[dict[str, Any]]:
    for rv in groups:
        if rv.adjudicated is not None:
            counts.adjudicated_reports += 1
            s = rv.adjudicated
            disputed = set(rv.disputed_spans())
            for e in s.entries:
                if exported(e, include_flagged):
                    yield row(s, e, disputed=False)
                elif e.status == "pending":  # not adjudicated yet
                    if (e.start, e.end) in disputed:
                        counts.disputed += 1
                    else:
                        counts.open += 1
            continue
        names = rv.reviewers
        if len(names) == 1:
            s = rv.by_reviewer[names[0]]
            for e in s.entries:
                if exported(e, include_flagged):
                    yield row(s, e, disputed=False)
            continue
        for span, got in sorted(rv.table().items()):
            versions = [got.get(r) for r in names]
            if any(decision(v) is None for v in versions):
                counts.open += 1
                continue
            if all(same_version(versions[0], v) for v in versions[1:]):
                e = versions[0]
                assert e is not None
                if exported(e, include_flagged):
                    r = row(rv.by_reviewer[names[0]], e, disputed=False)
                    r["reviewer"] = "+".join(names)
                    yield r
                continue
            counts.disputed += 1
            if include_disputed:
                for name, e in zip(names, versions):
                    if e is not None and exported(e, include_flagged):
                        yield row(rv.by_reviewer[name], e, disputed=True)
