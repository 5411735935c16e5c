"""Table heuristics as data: reading ``rules/tables.toml`` (see that file for what each holds).

Errors name the file and line (``rules/tables.toml:12: …``), like every rule file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from hedui.core.model import RulesError
from hedui.core.rules import compile_pattern, default_rules_dir, read_rule_file, schema_error

RULE_FILE = "tables.toml"


@dataclass(frozen=True, slots=True)
class TableRules:
    cell_rule: str
    empty: frozenset[str]
    join: str
    #: (rule id, pattern with group u) of a unit stated for the whole table
    statement: tuple[str, re.Pattern[str]]
    #: (rule id, pattern with group u, or v for a bare %) of a unit inside a heading
    heading_unit: tuple[str, re.Pattern[str]]
    #: (rule id, words) of a column heading over the rows' units
    unit_column: tuple[str, frozenset[str]]
    other_measure: tuple[str, ...]
    scales: tuple[tuple[str, Decimal], ...]  # longest first
    period: re.Pattern[str]
    generic: frozenset[str]
    section: re.Pattern[str]
    path: Path
    separator: re.Pattern[str] | None = None
    row_prefix: re.Pattern[str] | None = None
    cell_word: re.Pattern[str] | None = None


def _table(path: Path, data: dict, key: str) -> dict:
    t = data.get(key)
    if not isinstance(t, dict):
        raise schema_error(path, None, f"[{key}] is missing")
    return t


def _words(path: Path, rid: str | None, t: dict, key: str) -> tuple[str, ...]:
    w = t.get(key)
    if not isinstance(w, list) or not all(isinstance(x, str) for x in w):
        raise schema_error(path, rid, f"{key} must be a list of strings")
    return tuple(w)


def _regex(path: Path, rid: str | None, t: dict, key: str = "pattern") -> re.Pattern[str]:
    src = t.get(key)
    if not isinstance(src, str) or not src:
        raise schema_error(path, rid, f"{key} must be a non-empty string")
    return compile_pattern(src, lambda msg: schema_error(path, rid, msg))


def _id(path: Path, t: dict) -> str:
    rid = t.get("id")
    if not isinstance(rid, str) or not rid:
        raise schema_error(path, None, "every rule needs an id")
    return rid


def load_table_rules(rules_dir: Path | str | None = None) -> TableRules:
    """Read ``tables.toml`` from ``rules_dir`` (the bundled rules when it has none)."""
    d = Path(rules_dir) if rules_dir else default_rules_dir()
    path = d / RULE_FILE
    if not path.is_file():
        path = default_rules_dir() / RULE_FILE
    data = read_rule_file(path)
    cell = _table(path, data, "cell")
    units = data.get("unit")
    if not isinstance(units, list):
        raise schema_error(path, None, "[[unit]] tables are missing")
    by_where: dict[str, dict] = {}
    for u in units:
        rid = _id(path, u)
        where = u.get("where")
        if where not in ("table", "heading", "column"):
            raise schema_error(path, rid, 'where must be "table", "heading" or "column"')
        by_where[where] = u
    missing = {"table", "heading", "column"} - set(by_where)
    if missing:
        raise schema_error(path, None, f"no [[unit]] with where = {sorted(missing)[0]!r}")
    st, hd, col = by_where["table"], by_where["heading"], by_where["column"]
    other = _table(path, data, "other_measure")
    scales: list[tuple[str, Decimal]] = []
    for word, v in _table(path, data, "scales").items():
        if word == "description":
            continue
        try:
            scales.append((word, Decimal(v)))
        except (InvalidOperation, TypeError):
            raise schema_error(path, None, f"scale {word!r} must be a number written as a string") from None
    scales.sort(key=lambda s: -len(s[0]))
    period = _table(path, data, "period")
    generic = _table(path, data, "generic")
    section = _table(path, data, "section")
    cell_id = _id(path, cell)
    rules = TableRules(
        cell_rule=cell_id,
        empty=frozenset(_words(path, cell_id, cell, "empty")),
        join=str(cell.get("join", "")),
        statement=(_id(path, st), _regex(path, _id(path, st), st)),
        heading_unit=(_id(path, hd), _regex(path, _id(path, hd), hd)),
        unit_column=(_id(path, col), frozenset(_words(path, _id(path, col), col, "words"))),
        other_measure=_words(path, _id(path, other), other, "words"),
        scales=tuple(scales),
        period=_regex(path, _id(path, period), period),
        generic=frozenset(_words(path, _id(path, generic), generic, "words")),
        section=_regex(path, None, section),
        path=path,
        separator=_regex(path, cell_id, cell, "separator") if "separator" in cell else None,
        row_prefix=_regex(path, None, data["row_prefix"]) if isinstance(data.get("row_prefix"), dict) else None,
        cell_word=_regex(path, None, data["cell_word"]) if isinstance(data.get("cell_word"), dict) else None,
    )
    if "p" not in rules.period.groupindex:
        raise schema_error(path, _id(path, period), "pattern needs a group named p")
    if "u" not in rules.statement[1].groupindex or "u" not in rules.heading_unit[1].groupindex:
        raise schema_error(path, None, "a [[unit]] pattern needs a group named u")
    return rules


__all__ = ["RULE_FILE", "RulesError", "TableRules", "load_table_rules"]
