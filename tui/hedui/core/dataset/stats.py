"""``hedui stats``: progress, decisions by status, each rule's acceptance, the reviewers' pace.

* Progress: decided / total figures per session (report and reviewer) and overall.
* Rules: for the figures a rule proposed, how reviewers decided them; acceptance
  is kept / decided, a figure kept when accepted or corrected (the rule found a
  figure; flagged and rejected count against it), and apart from it the
  correction rate of each field: the share of kept figures whose value, unit,
  bound, category, label or period the reviewer changed (a label-only fix is a
  label correction, not a rejection). The rules with the most rejections come
  first: that is where rule authors look. Figures added by hand (rule
  ``manual``) or promoted from an excluded number (``promote:<exclusion rule>``)
  are counted as ``added`` under that rule: misses.
* Pace: decisions (accept, reject, flag, correct, add) per hour of work, from
  the decision log's timestamps; a pause longer than ``BREAK`` between two
  decisions is not counted as work.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hedui.core.model import STATUSES
from hedui.core.session.entry import changed_fields
from hedui.core.session.read import SavedSession

BREAK = timedelta(minutes=10)
PACE_OPS = frozenset({"accept", "reject", "flag", "correct", "add"})
#: the fields whose corrections are counted (value_max goes with value)
COUNTED = ("value", "unit", "bound", "category", "label", "period")


@dataclass
class RuleStats:
    rule: str
    counts: Counter = field(default_factory=Counter)
    #: kept figures (accepted or corrected) whose field was changed, by field name
    fixed: Counter = field(default_factory=Counter)

    @property
    def decided(self) -> int:
        return sum(v for k, v in self.counts.items() if k not in ("pending", "added"))

    @property
    def kept(self) -> int:
        return self.counts["accepted"] + self.counts["corrected"]

    @property
    def acceptance(self) -> float | None:
        return self.kept / self.decided if self.decided else None

    def correction_rate(self, name: str) -> float | None:
        return self.fixed[name] / self.kept if self.kept else None


@dataclass
class Stats:
    progress: list[tuple[str, str, int, int]]  # (report path, reviewer, decided, total)
    by_status: Counter
    rules: list[RuleStats]
    pace: dict[str, tuple[int, float]]  # reviewer -> (decisions, hours of work)


def _parse_time(s: str) -> datetime | None:
    try:
        return datetime.fromisoformat(s)
    except (ValueError, TypeError):
        return None


def work_hours(times: list[datetime]) -> float:
    """Hours between consecutive decisions, pauses over BREAK left out."""
    times = sorted(times)
    total = timedelta()
    for a, b in zip(times, times[1:]):
        if b - a <= BREAK:
            total += b - a
    return total.total_seconds() / 3600


def compute(sessions: list[SavedSession]) -> Stats:
    progress, by_status, rules = [], Counter(), defaultdict(lambda: RuleStats(""))
    stamps: dict[str, list[datetime]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s.doc.report_path, s.doc.reviewer)):
        entries = s.entries
        decided = sum(e.status != "pending" for e in entries)
        progress.append((s.doc.report_path, s.doc.reviewer, decided, len(entries)))
        for e in entries:
            by_status[e.status] += 1
            r = rules[e.rule]
            r.rule = e.rule
            r.counts[e.status] += 1
            if e.status == "corrected" and e.suggestion is not None:
                names = changed_fields(e.suggestion, e.fields)
                r.fixed.update({"value" if n == "value_max" else n for n in names})
        for rec in s.doc.log:
            if rec.get("op") in PACE_OPS:
                t = _parse_time(rec.get("at", ""))
                if t is not None:
                    stamps[rec.get("by") or s.doc.reviewer].append(t)
    ordered = sorted(rules.values(), key=lambda r: (
        -r.counts["rejected"], 2.0 if r.acceptance is None else r.acceptance, r.rule))
    pace = {who: (len(ts), work_hours(ts)) for who, ts in sorted(stamps.items())}
    return Stats(progress, by_status, ordered, pace)


def _percent(done: int, total: int) -> str:
    """``done`` of ``total`` as a percentage; ``-`` where there is nothing to count."""
    return f"{100 * done / total:5.1f}%" if total else f"{'-':>6}"


def format_stats(st: Stats) -> str:
    out = ["progress"]
    width = max([len(p) for p, *_ in st.progress] + [6])
    for path, who, done, total in st.progress:
        out.append(f"  {path:<{width}}  {who:<10} {done:5d}/{total:<5d} {_percent(done, total)}")
    done = sum(p[2] for p in st.progress)
    total = sum(p[3] for p in st.progress)
    if st.progress:
        out.append(f"  {'all':<{width}}  {'':<10} {done:5d}/{total:<5d} {_percent(done, total)}")
    else:
        out.append("  no sessions yet")
    out.append("decisions by status")
    out.append("  " + "  ".join(f"{s} {st.by_status[s]}" for s in STATUSES))
    out.append("rules (most rejected first; acceptance: accepted or corrected / decided)")
    out.append(f"  {'rule':<28} {'accepted':>8} {'corrected':>9} {'flagged':>7} {'rejected':>8} "
               f"{'pending':>7} {'added':>5} {'acceptance':>10}")
    for r in st.rules:
        c, acc = r.counts, r.acceptance
        out.append(f"  {r.rule[:28]:<28} {c['accepted']:8d} {c['corrected']:9d} {c['flagged']:7d} "
                   f"{c['rejected']:8d} {c['pending']:7d} {c['added']:5d} "
                   f"{'-' if acc is None else f'{acc:.0%}':>10}")
    out.append("corrections per field (share of the kept figures, accepted or corrected)")
    out.append(f"  {'rule':<28} {'kept':>5} " + " ".join(f"{n:>8}" for n in COUNTED))
    for r in st.rules:
        if r.kept:
            rates = (r.correction_rate(n) for n in COUNTED)
            out.append(f"  {r.rule[:28]:<28} {r.kept:5d} " + " ".join(f"{rate:8.0%}" for rate in rates))
    out.append("pace (pauses over 10 min not counted)")
    for who, (n, hours) in st.pace.items():
        rate = f"{n / hours:.0f} figures/hour" if hours > 0 else "-"
        out.append(f"  {who:<10} {rate:>18}  ({n} decisions in {hours:.2f} h)")
    if not st.pace:
        out.append("  no decisions yet")
    return "\n".join(out)
