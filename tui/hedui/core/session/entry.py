"""One figure in a review session (``Entry``) and its plain-data form.

The plain form (a dict of str, int, float, bool and nested dicts) is what the
session TOML file and the journal hold; ``entry_from_dict`` validates it
strictly, raising ``SchemaProblem`` naming the offending key, so that a
hostile or damaged file is reported and never half-applied.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from hedui.core.model import BOUNDS, CATEGORIES, FIELD_NAMES, FLAG_REASONS, STATUSES, Fields, SessionError

#: largest absolute integer a session may hold (TOML integers are 64-bit)
MAX_INT = 2**63 - 1
#: largest absolute float accepted as a value (anything beyond is hostile)
MAX_FLOAT = 1e300
#: characters of context kept on each side of a decided figure (for re-anchoring)
CONTEXT_CHARS = 16
#: most alternatives of a label or a period kept with a suggestion
MAX_ALTERNATIVES = 4
ALTERNATIVE_KEYS = ("label_alternatives", "period_alternatives")


class SchemaProblem(Exception):
    """A value in a session document that does not fit the schema.

    ``key`` names the offending key (for locating its line); ``str()`` is the reason.
    """

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key


@dataclass
class Entry:
    """One figure in a session. Treated as immutable: the session replaces, never mutates."""

    id: str
    start: int
    end: int
    text: str
    status: str
    fields: Fields
    suggestion: Fields | None
    rule: str
    note: str = ""
    flag_reason: str = ""
    decided_by: str = ""
    decided_at: str = ""
    repeat_of: int | None = None
    stale: bool = False
    #: up to CONTEXT_CHARS characters before and after the span, kept for decided figures
    context: tuple[str, str] = ("", "")
    #: the extractor's other readings of the suggestion's label and period (ranked, up to
    #: MAX_ALTERNATIVES each), for the reviewer's pickers; kept in the ``suggestion`` table
    label_alternatives: tuple[str, ...] = ()
    period_alternatives: tuple[str, ...] = ()

    @property
    def decided(self) -> bool:
        return self.status != "pending"


# ---------------------------------------------------------------- fields


def fields_to_dict(f: Fields) -> dict[str, Any]:
    d: dict[str, Any] = {"value": f.value}
    if f.value_max is not None:
        d["value_max"] = f.value_max
    d.update(unit=f.unit, bound=f.bound, category=f.category, label=f.label, period=f.period)
    return d


def check_number(key: str, v: Any, *, optional: bool = False) -> int | float | None:
    if v is None and optional:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise SchemaProblem(key, f"{key} must be a number, not {type(v).__name__}")
    if isinstance(v, int):
        if abs(v) > MAX_INT:
            raise SchemaProblem(key, f"{key} is out of range")
        return v
    if not math.isfinite(v) or abs(v) > MAX_FLOAT:
        raise SchemaProblem(key, f"{key} is out of range")
    return v


def check_str(key: str, v: Any, *, limit: int = 10_000, nul_ok: bool = False) -> str:
    """A string of at most ``limit`` characters; NUL only where it copies report text."""
    if not isinstance(v, str):
        raise SchemaProblem(key, f"{key} must be a string, not {type(v).__name__}")
    if not nul_ok and "\x00" in v:
        raise SchemaProblem(key, f"{key} contains a NUL character")
    if len(v) > limit:
        raise SchemaProblem(key, f"{key} is too long ({len(v)} characters)")
    return v


def check_int(key: str, v: Any, *, lo: int = 0, hi: int = MAX_INT) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise SchemaProblem(key, f"{key} must be an integer, not {type(v).__name__}")
    if not lo <= v <= hi:
        raise SchemaProblem(key, f"{key} = {v} is out of range")
    return v


def fields_from_dict(d: Any, key: str = "fields") -> Fields:
    if not isinstance(d, dict):
        raise SchemaProblem(key, f"{key} must be a table")
    unknown = set(d) - {"value", "value_max", "unit", "bound", "category", "label", "period"}
    if unknown:
        raise SchemaProblem(key, f"{key} has unknown key {sorted(unknown)[0]!r}")
    if "value" not in d:
        raise SchemaProblem(key, f"{key}.value is missing")
    value = check_number(f"{key}.value", d["value"])
    value_max = check_number(f"{key}.value_max", d.get("value_max"), optional=True)
    bound = check_str(f"{key}.bound", d.get("bound", "="))
    if bound not in BOUNDS:
        raise SchemaProblem(key, f"{key}.bound {bound!r} is not one of {', '.join(BOUNDS)}")
    category = check_str(f"{key}.category", d.get("category", "count"))
    if category not in CATEGORIES:
        raise SchemaProblem(key, f"{key}.category {category!r} is not one of {', '.join(CATEGORIES)}")
    return Fields(
        value=value,  # type: ignore[arg-type]
        value_max=value_max,
        unit=check_str(f"{key}.unit", d.get("unit", "")),
        bound=bound,
        category=category,
        label=check_str(f"{key}.label", d.get("label", "")),
        period=check_str(f"{key}.period", d.get("period", "")),
    )


def changed_fields(old: Fields, new: Fields) -> list[str]:
    """The names of the fields that differ (``value`` and ``value_max`` each by its own name)."""
    return [name for name in FIELD_NAMES if getattr(old, name) != getattr(new, name)]


def validate_fields(f: Fields) -> Fields:
    """Check a Fields object built by a caller; raises SchemaProblem."""
    return fields_from_dict(fields_to_dict(f))


def valid_fields(f: Fields) -> Fields:
    """A caller's fields that the session file can hold, else ``SessionError``."""
    try:
        return validate_fields(f)
    except SchemaProblem as exc:
        raise SessionError(f"invalid figure fields: {exc}") from None


def checked(key: str, value: str, limit: int = 10_000) -> str:
    """A caller's string that the session file can hold (no NUL, not too long), else ``SessionError``."""
    try:
        return check_str(key, value, limit=limit)
    except SchemaProblem as exc:
        raise SessionError(f"invalid {key}: {exc}") from None


# ---------------------------------------------------------------- entries

_ENTRY_KEYS = {
    "id", "start", "end", "text", "status", "rule", "note", "flag_reason", "decided_by",
    "decided_at", "repeat_of", "stale", "context", "fields", "suggestion",
}


def entry_to_dict(e: Entry) -> dict[str, Any]:
    """The plain form. Empty strings are left out; ``fields`` is written only when it
    differs from ``suggestion`` (a correction, or an added figure, which has no suggestion)."""
    d: dict[str, Any] = {"id": e.id, "start": e.start, "end": e.end, "text": e.text, "status": e.status,
                         "rule": e.rule}
    for k, v in (("note", e.note), ("flag_reason", e.flag_reason), ("decided_by", e.decided_by),
                 ("decided_at", e.decided_at)):
        if v:
            d[k] = v
    if e.repeat_of is not None:
        d["repeat_of"] = e.repeat_of
    if e.stale:
        d["stale"] = True
    if e.context != ("", ""):
        d["context"] = list(e.context)
    if e.suggestion is None or e.fields != e.suggestion:
        d["fields"] = fields_to_dict(e.fields)
    if e.suggestion is not None:
        d["suggestion"] = fields_to_dict(e.suggestion)
        for key, alts in zip(ALTERNATIVE_KEYS, (e.label_alternatives, e.period_alternatives)):
            if alts:
                d["suggestion"][key] = list(alts)
    return d


def _alternatives(d: dict[str, Any], key: str) -> tuple[str, ...]:
    v = d.get(key, [])
    if not isinstance(v, list) or len(v) > MAX_ALTERNATIVES:
        raise SchemaProblem(key, f"suggestion.{key} must be a list of at most {MAX_ALTERNATIVES} strings")
    return tuple(check_str(f"suggestion.{key}", a, limit=500) for a in v)


def _refuse_unknown(d: dict, allowed: set[str]) -> None:
    """SchemaProblem naming the first key of ``d`` (in sorted order) that is not ``allowed``."""
    unknown = set(d) - allowed
    if unknown:
        k = sorted(unknown)[0]
        raise SchemaProblem(k, f"unknown key {k!r}")


def entry_from_dict(d: Any) -> Entry:
    """A validated Entry from its plain form; raises SchemaProblem."""
    if not isinstance(d, dict):
        raise SchemaProblem("", "a figure must be a table")
    _refuse_unknown(d, _ENTRY_KEYS)
    for k in ("id", "start", "end", "text", "status"):
        if k not in d:
            raise SchemaProblem("", f"figure is missing {k!r}")
    if "fields" not in d and "suggestion" not in d:
        raise SchemaProblem("", "figure has neither 'fields' nor 'suggestion'")
    eid = check_str("id", d["id"], limit=64)
    if not eid:
        raise SchemaProblem("id", "id is empty")
    start = check_int("start", d["start"])
    end = check_int("end", d["end"])
    if end <= start:
        raise SchemaProblem("end", f"end {end} is not after start {start}")
    text = check_str("text", d["text"], nul_ok=True)  # the report's own characters
    if len(text) != end - start:
        raise SchemaProblem("text", f"text {text!r} is not {end - start} characters long (end - start)")
    status = check_str("status", d["status"])
    if status not in STATUSES:
        raise SchemaProblem("status", f"unknown status {status!r}")
    flag_reason = check_str("flag_reason", d.get("flag_reason", ""))
    if flag_reason and flag_reason not in FLAG_REASONS:
        raise SchemaProblem("flag_reason", f"unknown flag_reason {flag_reason!r}")
    repeat_of = d.get("repeat_of")
    if repeat_of is not None:
        repeat_of = check_int("repeat_of", repeat_of)
    stale = d.get("stale", False)
    if not isinstance(stale, bool):
        raise SchemaProblem("stale", "stale must be true or false")
    ctx = d.get("context", ["", ""])
    if not isinstance(ctx, list) or len(ctx) != 2:
        raise SchemaProblem("context", "context must be a list of two strings")
    context = (check_str("context", ctx[0], limit=64, nul_ok=True),
               check_str("context", ctx[1], limit=64, nul_ok=True))
    suggestion = None
    alternatives: tuple[tuple[str, ...], ...] = ((), ())
    if "suggestion" in d:
        sd = d["suggestion"]
        if isinstance(sd, dict) and any(k in sd for k in ALTERNATIVE_KEYS):
            alternatives = tuple(_alternatives(sd, k) for k in ALTERNATIVE_KEYS)
            sd = {k: v for k, v in sd.items() if k not in ALTERNATIVE_KEYS}
        suggestion = fields_from_dict(sd, "suggestion")
    elif status == "pending":
        raise SchemaProblem("", f"pending figure {eid} is missing 'suggestion'")
    fields = fields_from_dict(d["fields"], "fields") if "fields" in d else suggestion
    return Entry(
        id=eid, start=start, end=end, text=text, status=status, fields=fields,
        suggestion=suggestion, rule=check_str("rule", d.get("rule", ""), limit=200),
        note=check_str("note", d.get("note", "")), flag_reason=flag_reason,
        decided_by=check_str("decided_by", d.get("decided_by", ""), limit=200),
        decided_at=check_str("decided_at", d.get("decided_at", ""), limit=64),
        repeat_of=repeat_of, stale=stale, context=context,
        label_alternatives=alternatives[0], period_alternatives=alternatives[1],
    )


# ---------------------------------------------------------------- decision states (the log)

_STATE_KEYS = {"status", "note", "flag_reason", "decided_by", "decided_at", "fields"}


def decision_state(e: Entry) -> dict[str, Any]:
    """What a decision changes on a figure: status, fields (when not the suggestion), note, who, when."""
    full = entry_to_dict(e)
    return {k: v for k, v in full.items() if k in _STATE_KEYS}


def is_full(d: dict[str, Any]) -> bool:
    return "start" in d


def validate_state(d: Any) -> None:
    """Check a log side: a whole figure (``entry_from_dict``) or a decision state; raises SchemaProblem."""
    if isinstance(d, dict) and is_full(d):
        entry_from_dict(d)
        return
    if not isinstance(d, dict):
        raise SchemaProblem("", "a decision state must be a table")
    _refuse_unknown(d, _STATE_KEYS)
    status = check_str("status", d.get("status"))
    if status not in STATUSES:
        raise SchemaProblem("status", f"unknown status {status!r}")
    for k in ("note", "decided_by", "decided_at"):
        check_str(k, d.get(k, ""))
    reason = check_str("flag_reason", d.get("flag_reason", ""))
    if reason and reason not in FLAG_REASONS:
        raise SchemaProblem("flag_reason", f"unknown flag_reason {reason!r}")
    if "fields" in d:
        fields_from_dict(d["fields"])


def apply_state(e: Entry, d: dict[str, Any]) -> Entry:
    """``e`` with the decision state ``d`` (validated) applied; its span, rule and suggestion kept."""
    fields = fields_from_dict(d["fields"]) if "fields" in d else (e.suggestion or e.fields)
    return Entry(
        id=e.id, start=e.start, end=e.end, text=e.text, status=d["status"], fields=fields,
        suggestion=e.suggestion, rule=e.rule, note=d.get("note", ""), flag_reason=d.get("flag_reason", ""),
        decided_by=d.get("decided_by", ""), decided_at=d.get("decided_at", ""), repeat_of=e.repeat_of,
        stale=e.stale, context=e.context,
    )
