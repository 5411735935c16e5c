"""The metric of FIGURES.md (a port of the reference scorer ``shared/tools/score.py``).

``score(gold, preds)`` takes, per report name (file name without extension), the reference
figures (dicts with start, end, value, unit, bound, label, period, optional) and the predicted
figures (dicts with at least start, end, value, unit); it returns a ``Score`` whose numbers
equal the reference scorer's on the same input.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hedui.core.model import HeduiError
from hedui.core.textfile import read_utf8

_T2S = str.maketrans("個萬億場項戶張臺臺條屆來輛噸畝點斤元員區縣級單兩",
                     "个万亿场项户张台台条届来辆吨亩点斤元员区县级单两")


def norm_unit(u: str | None) -> str:
    u = (u or "").translate(_T2S)
    u = re.sub(r"[()()]", "", u)
    u = u.replace("个百分点", "百分点").replace("％", "%")
    return u.strip()


def same_value(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def char_f1(a: str | None, b: str | None) -> float:
    a, b = a or "", b or ""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if common == 0:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


@dataclass(frozen=True, slots=True)
class Detail:
    """One false positive or false negative."""

    name: str
    kind: str  # "FP" | "FN"
    start: int
    text: str
    value: object
    unit: str
    note: str  # FP: the overlapping reference figure; FN: its label


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    bound_acc: float
    label_f1: float
    period_acc: float
    per_file: dict[str, Counts] = field(default_factory=dict)
    details: tuple[Detail, ...] = ()

    def as_dict(self) -> dict:
        """The JSON of ``score.py --json``."""
        return dict(precision=self.precision, recall=self.recall, f1=self.f1, tp=self.tp, fp=self.fp,
                    fn=self.fn, bound_acc=self.bound_acc, label_f1=self.label_f1,
                    period_acc=self.period_acc,
                    per_file={k: dict(tp=v.tp, fp=v.fp, fn=v.fn) for k, v in self.per_file.items()})


def same_figure(p: dict, f: dict) -> bool:
    """``p`` and the reference figure ``f`` overlap and have the same value and unit (an empty
    reference unit accepts any)."""
    gu = norm_unit(f.get("unit", ""))
    return (_overlaps(p, f) and same_value(p.get("value"), f["value"])
            and (gu == "" or norm_unit(p.get("unit")) == gu))


def matches(gf: list[dict], preds: list[dict]) -> list[tuple[dict, int | None]]:
    """Each prediction of one report with the index of the reference figure it matches (the
    first one not yet taken that ``same_figure`` accepts), or None."""
    used: set[int] = set()
    out: list[tuple[dict, int | None]] = []
    for p in preds:
        hit = next((i for i, f in enumerate(gf) if i not in used and same_figure(p, f)), None)
        if hit is not None:
            used.add(hit)
        out.append((p, hit))
    return out


def score(gold: dict[str, list[dict]], preds: dict[str, list[dict]]) -> Score:
    """Score predictions against reference figures, both keyed by report name."""
    tot_tp = tot_fp = tot_fn = 0
    bound_ok = period_ok = 0
    label_sum = 0.0
    per: dict[str, Counts] = {}
    details: list[Detail] = []
    for name, gf in gold.items():
        used: set[int] = set()
        tp = fp = 0
        for p, hit in matches(gf, preds.get(name, [])):
            if hit is not None:
                used.add(hit)
                f = gf[hit]
                if f.get("optional"):
                    continue
                tp += 1
                bound_ok += p.get("bound", "=") == f.get("bound", "=")
                label_sum += char_f1(p.get("label", ""), f.get("label", ""))
                period_ok += (p.get("period") or "") == (f.get("period") or "")
                continue
            if any(f.get("optional") and _overlaps(p, f) for f in gf):
                continue
            fp += 1
            near = [f for f in gf if _overlaps(p, f)]
            note = f"gold: {near[0]['text']} {near[0]['value']} {near[0].get('unit')}" if near else ""
            details.append(Detail(name, "FP", p.get("start", 0), p.get("text", ""), p.get("value"),
                                  p.get("unit", ""), note))
        fn = 0
        for i, f in enumerate(gf):
            if i not in used and not f.get("optional"):
                fn += 1
                details.append(Detail(name, "FN", f["start"], f["text"], f["value"], f.get("unit", ""),
                                      f.get("label", "")))
        per[name] = Counts(tp, fp, fn)
        tot_tp, tot_fp, tot_fn = tot_tp + tp, tot_fp + fp, tot_fn + fn
    P = tot_tp / (tot_tp + tot_fp) if tot_tp + tot_fp else 0.0
    R = tot_tp / (tot_tp + tot_fn) if tot_tp + tot_fn else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return Score(P, R, F, tot_tp, tot_fp, tot_fn,
                 bound_ok / tot_tp if tot_tp else 0.0,
                 label_sum / tot_tp if tot_tp else 0.0,
                 period_ok / tot_tp if tot_tp else 0.0,
                 per, tuple(details))


def report_name(path: str | Path) -> str:
    """The key a report's figures are scored under: its file name without extension."""
    return os.path.splitext(os.path.basename(str(path)))[0]


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Gold files of the shared format (``{"file": ..., "figures": [...]}``) keyed by report name.

    A file that cannot be read or has the wrong shape is a one-line ``HeduiError`` naming it
    (and the line, for a JSON syntax error) and what is wrong."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise HeduiError(f"{gold_dir}: gold folder not found")
    out: dict[str, list[dict]] = {}
    source: dict[str, Path] = {}
    for p in sorted(gold_dir.glob("*.json")):
        g = _read_gold(p)
        name = report_name(g["file"])
        if name in source:
            raise HeduiError(f"{p}: report {g['file']!r} also has the gold file {source[name]}")
        source[name] = p
        out[name] = list(g["figures"])
    return out


_NUMBER = (int, float)
_OPTIONAL_STR = ("unit", "bound", "category", "label", "period")


def _read_gold(p: Path) -> dict:
    text = read_utf8(p, "gold file", HeduiError, "utf-8-sig")
    try:
        g = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HeduiError(f"{p}:{exc.lineno}: not a gold file: JSON syntax error: {exc.msg}") from None
    except RecursionError:
        raise HeduiError(f"{p}: not a gold file: JSON nested too deeply") from None
    if not isinstance(g, dict):
        raise HeduiError(f'{p}: not a gold file: expected an object with "file" and "figures", '
                         f"found {_json_kind(g)}")
    for key in ("file", "figures"):
        if key not in g:
            raise HeduiError(f'{p}: not a gold file: missing key "{key}"')
    if not isinstance(g["file"], str) or not g["file"].strip():
        raise HeduiError(f'{p}: "file" must be the report\'s file name (a string), found {_json_kind(g["file"])}')
    figures = g["figures"]
    if not isinstance(figures, list) or not all(isinstance(f, dict) for f in figures):
        raise HeduiError(f'{p}: "figures" must be a list of objects')
    for i, f in enumerate(figures, 1):
        what = f"{p}: figure {i}" + (f" ({f['text']})" if isinstance(f.get("text"), str) else "")
        for key in ("start", "end", "text", "value"):
            if key not in f:
                raise HeduiError(f'{what}: missing key "{key}"')
        for key in ("start", "end"):
            if not isinstance(f[key], int) or isinstance(f[key], bool) or f[key] < 0:
                raise HeduiError(f'{what}: "{key}" must be a whole number >= 0, found {_json_kind(f[key])}')
        if f["end"] < f["start"]:
            raise HeduiError(f'{what}: "end" ({f["end"]}) is before "start" ({f["start"]})')
        if not isinstance(f["text"], str):
            raise HeduiError(f'{what}: "text" must be a string, found {_json_kind(f["text"])}')
        for key in ("value", "value_max"):
            v = f.get(key)
            if v is None and key == "value_max":
                continue
            if isinstance(v, bool) or not (isinstance(v, _NUMBER) or _numeric_string(v)):
                raise HeduiError(f'{what}: "{key}" must be a number, found {_json_kind(v)}')
        for key in _OPTIONAL_STR:
            if f.get(key) is not None and not isinstance(f[key], str):
                raise HeduiError(f'{what}: "{key}" must be a string, found {_json_kind(f[key])}')
        if "optional" in f and not isinstance(f["optional"], bool):
            raise HeduiError(f'{what}: "optional" must be true or false, found {_json_kind(f["optional"])}')
    return g


def _numeric_string(v: object) -> bool:
    if not isinstance(v, str):
        return False
    try:
        float(v)
    except ValueError:
        return False
    return True


def _json_kind(v: object) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, _NUMBER):
        return f"the number {v}"
    if isinstance(v, str):
        return f"the string {json.dumps(v, ensure_ascii=False)[:40]}"
    return {list: "a list", dict: "an object"}.get(type(v), "something else")


def format_summary(s: Score) -> str:
    return ("precision=%.3f recall=%.3f f1=%.3f bound=%.3f label_f1=%.3f period=%.3f (tp=%d fp=%d fn=%d)"
            % (s.precision, s.recall, s.f1, s.bound_acc, s.label_f1, s.period_acc, s.tp, s.fp, s.fn))
