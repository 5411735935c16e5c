"""``hedui agree`` output: the agreement figures as text for a person, or as JSON."""
from __future__ import annotations

from typing import Any

from hedui.core.dataset.agreement import Agreement, PairTally

_FIELDS = ("value_unit", "bound", "category", "period", "label")


def _num(v: float | None, digits: int = 3) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def pair_json(t: PairTally) -> dict[str, Any]:
    return {
        "figures_both_decided": len(t.pairs),
        "decision_observed": t.observed,
        "decision_kappa": t.kappa,
        "span_f1": t.span_f1,
        "both_verified": t.both_verified,
        "fields": {name: t.field_rate(name) for name in _FIELDS},
    }


def agreement_json(a: Agreement) -> dict[str, Any]:
    return {
        "overall": pair_json(a.overall),
        "krippendorff_alpha": a.alpha,
        "krippendorff_alpha_note": a.alpha_note,
        "pairs": [{"reviewers": list(k), **pair_json(t)} for k, t in a.pairs.items()],
        "reports": [{"path": r.path, "reviewers": r.reviewers, "figures": r.figures, "agreed": r.agreed,
                     "agreement": r.rate, **pair_json(r.pair)} for r in a.reports],
    }


def _line(name: str, t: PairTally) -> str:
    f = "  ".join(f"{n.replace('value_unit', 'value+unit')} {_num(t.field_rate(n), 2)}" for n in _FIELDS)
    return (f"{name:<24} n={len(t.pairs):<5} κ={_num(t.kappa):>6}  agree={_num(t.observed, 2)}  "
            f"span F1={_num(t.span_f1, 2)}  both verified={t.both_verified}  {f}")


def format_agreement(a: Agreement, worst: int = 20) -> str:
    if not a.reports:
        return "no report has two reviewers yet (hedui assign --overlap gives some)"
    out = ["Agreement (κ: Cohen's kappa on verified/rejected/flagged over figures both decided;",
           "span F1: figures verified or added, matched by span; fields: on figures both verified)", ""]
    out.append(_line("overall (pairs pooled)", a.overall))
    if a.alpha is not None:
        out.append(f"{'':<24} Krippendorff's α (nominal, all reviewers) = {a.alpha:.3f}")
    elif a.alpha_note != "fewer than three reviewers":
        out.append(f"{'':<24} Krippendorff's α: {a.alpha_note}")
    out.append("")
    for (x, y), t in a.pairs.items():
        out.append(_line(f"{x} ~ {y}", t))
    out.append("")
    shown = a.reports[:worst]
    out.append(f"Reports, worst first ({len(shown)} of {len(a.reports)}):")
    for r in shown:
        out.append(f"  {_num(r.rate, 2):>5}  {r.agreed}/{r.figures} alike  κ={_num(r.pair.kappa)}  "
                   f"{'+'.join(r.reviewers)}  {r.path}")
    return "\n".join(out)
