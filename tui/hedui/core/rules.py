"""Rule files: reading ``rules/*.toml`` with one-line errors naming file and line.

The rule *schemas* (units, qualifiers, exclusions, label and period heuristics,
artefacts) are defined by the modules that use them; this module reads the
files, reports syntax errors with file and line, locates a rule's line for
schema errors, and computes the digest that sessions record.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from hedui.core.model import RulesError
from hedui.core.textfile import parse_toml, read_utf8


def default_rules_dir() -> Path:
    """The bundled rules: ``hedui/_rules`` in a wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent  # .../hedui
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def read_rule_file(path: Path) -> dict:
    """Parse one TOML rule file; a syntax error becomes ``RulesError('file:line: msg')``."""
    return parse_toml(path, read_utf8(path, "rule file", RulesError), RulesError)


def line_of(path: Path, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in the file (for schema errors)."""
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return i
    except OSError:
        return None
    return None


def schema_error(path: Path, rule_id: str | None, message: str) -> RulesError:
    """A RulesError naming the file and, when it can be found, the line of the rule."""
    line = line_of(path, f'"{rule_id}"') if rule_id else None
    where = f"{path}:{line}" if line else f"{path}"
    return RulesError(f"{where}: {message}")


def rules_digest(rules_dir: Path) -> str:
    """sha256 over every ``*.toml`` in the rules folder (names and bytes), hex, 16 chars."""
    h = hashlib.sha256()
    for p in sorted(rules_dir.glob("*.toml")):
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


# ---- typed rule sets -------------------------------------------------------------------------

from dataclasses import dataclass, field  # noqa: E402

from hedui.core.model import BOUNDS, CATEGORIES  # noqa: E402

#: Chinese numeral characters, for {N} / {n} in exclusion patterns
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
PATTERN_MACROS = {
    "{N}": f"[{NUMERAL_CHARS}]",
    "{n}": NUMERAL_CHARS,
    "{D}": "[0-9０-９]",
    "{A}": f"[0-9０-９{NUMERAL_CHARS}]",
}


@dataclass(frozen=True, slots=True)
class UnitRule:
    """A group of unit forms with one category; ``norm`` (or the form itself) is the unit."""

    id: str
    category: str
    forms: tuple[str, ...]
    norm: str = ""
    not_followed_by: re.Pattern | None = None
    #: the value of one of this unit in the unit written (毛 is 0.1 元), as a decimal string
    factor: str = ""
    #: characters one of which must stand right before the form ('' for any)
    after: str = ""

    def unit_for(self, form: str) -> str:
        return self.norm or form


@dataclass(frozen=True, slots=True)
class QualifierRule:
    id: str
    bound: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    governs: tuple[str, ...] = ()
    inner: tuple[str, ...] = ()
    not_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExclusionRule:
    id: str
    reason: str
    pattern: re.Pattern | None = None
    words: tuple[str, ...] = ()
    hit: tuple[str, ...] = ()
    miss: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSet:
    units: tuple[UnitRule, ...]
    qualifiers: tuple[QualifierRule, ...]
    exclusions: tuple[ExclusionRule, ...]
    joiners: tuple[str, ...] = ("次",)
    count_suffixes: tuple[str, ...] = ()
    qualifier_links: tuple[str, ...] = ()
    not_governing: tuple[str, ...] = ()
    #: currency words that may stand between a qualifier and its number (约新台币2,617亿元)
    qualifier_currencies: tuple[str, ...] = ()
    separators: tuple[str, ...] = ("/",)
    digest: str = ""
    sources: dict = field(default_factory=dict)


def _key_error(path: Path, rid: str, key: str, message: str) -> RulesError:
    """A schema error at the rule's line, else at the line of ``key =`` (for plain tables)."""
    line = line_of(path, f'"{rid}"') or line_of(path, f"{key} =")
    return RulesError(f"{path}:{line}: {message}") if line else RulesError(f"{path}: {message}")


def _strs(path: Path, rid: str, table: dict, key: str, required: bool = False) -> tuple[str, ...]:
    val = table.get(key, [])
    if required and not val:
        raise _key_error(path, rid, key, f"rule {rid!r}: '{key}' must be a non-empty list of strings")
    if not isinstance(val, list) or not all(isinstance(v, str) and v for v in val):
        raise _key_error(path, rid, key, f"rule {rid!r}: '{key}' must be a list of non-empty strings")
    return tuple(val)


def _str(path: Path, rid: str | None, table: dict, key: str, required: bool = True) -> str:
    val = table.get(key, "")
    if not isinstance(val, str) or (required and not val):
        raise schema_error(path, rid, f"rule {rid or '?'!r}: '{key}' must be a non-empty string")
    return val


def compile_pattern(src: str, fail: Callable[[str], RulesError], *, what: str = "regex",
                    flags: int = 0, empty_ok: bool = True) -> re.Pattern:
    """A rule's pattern compiled; a bad one raises ``fail("bad WHAT: reason")`` (the caller's
    one-line error naming file and rule). With ``empty_ok=False`` a pattern that matches the
    empty string is refused too (it would match everywhere)."""
    try:
        rx = re.compile(src, flags)
    except re.error as exc:
        raise fail(f"bad {what}: {exc}") from None
    if not empty_ok and rx.match(""):
        raise fail(f"{what.removesuffix('regex').strip() or 'pattern'} matches the empty string")
    return rx


def _regex(path: Path, rid: str, src: str) -> re.Pattern:
    for k, v in PATTERN_MACROS.items():
        src = src.replace(k, v)
    return compile_pattern(src, lambda msg: schema_error(path, rid, f"rule {rid!r}: {msg}"), flags=re.M)


def _tables(path: Path, data: dict, key: str, allowed: set[str]) -> list[dict]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(t, dict) for t in items):
        raise schema_error(path, None, f"'{key}' must be an array of tables ([[{key}]])")
    seen: set[str] = set()
    for t in items:
        rid = t.get("id")
        if not isinstance(rid, str) or not rid:
            first = next((v for v in t.values() if isinstance(v, str)), None)
            line = line_of(path, first) if first else None
            raise RulesError(f"{path}{':' + str(line) if line else ''}: a [[{key}]] has no 'id'")
        if rid in seen:
            raise schema_error(path, rid, f"duplicate rule id {rid!r}")
        seen.add(rid)
        unknown = set(t) - allowed
        if unknown:
            raise schema_error(path, rid, f"rule {rid!r}: unknown key(s) {', '.join(sorted(unknown))}")
    return items


def load_units(path: Path) -> tuple[tuple[UnitRule, ...], dict]:
    data = read_rule_file(path)
    out = []
    for t in _tables(path, data, "unit", {"id", "category", "forms", "norm", "not_followed_by", "factor",
                                                  "after"}):
        rid = t["id"]
        cat = _str(path, rid, t, "category")
        if cat not in CATEGORIES:
            raise schema_error(path, rid, f"rule {rid!r}: category {cat!r} is not one of {', '.join(CATEGORIES)}")
        nfb = _str(path, rid, t, "not_followed_by", required=False)
        factor = _str(path, rid, t, "factor", required=False)
        if factor and not re.fullmatch(r"\d+(?:\.\d+)?", factor):
            raise schema_error(path, rid, f"rule {rid!r}: factor {factor!r} is not a decimal number")
        out.append(UnitRule(rid, cat, _strs(path, rid, t, "forms", True), _str(path, rid, t, "norm", False),
                            _regex(path, rid, nfb) if nfb else None, factor,
                            _str(path, rid, t, "after", required=False)))
    return tuple(out), data


def load_qualifiers(path: Path) -> tuple[tuple[QualifierRule, ...], dict]:
    data = read_rule_file(path)
    out = []
    for t in _tables(path, data, "qualifier", {"id", "bound", "before", "after", "governs", "inner", "not_words"}):
        rid = t["id"]
        bound = _str(path, rid, t, "bound")
        if bound not in BOUNDS or bound == "range":
            raise schema_error(path, rid, f"rule {rid!r}: bound {bound!r} is not one of = ~ > >= < <=")
        out.append(QualifierRule(rid, bound, _strs(path, rid, t, "before"), _strs(path, rid, t, "after"),
                                 _strs(path, rid, t, "governs"), _strs(path, rid, t, "inner"),
                                 _strs(path, rid, t, "not_words")))
    return tuple(out), data


def load_exclusions(path: Path) -> tuple[ExclusionRule, ...]:
    data = read_rule_file(path)
    out = []
    for t in _tables(path, data, "exclusion", {"id", "reason", "pattern", "words", "hit", "miss"}):
        rid = t["id"]
        reason = _str(path, rid, t, "reason")
        pat = _str(path, rid, t, "pattern", required=False)
        words = _strs(path, rid, t, "words")
        if bool(pat) == bool(words):
            raise schema_error(path, rid, f"rule {rid!r}: give exactly one of 'pattern' and 'words'")
        out.append(ExclusionRule(rid, reason, _regex(path, rid, pat) if pat else None, words,
                                 _strs(path, rid, t, "hit"), _strs(path, rid, t, "miss")))
    return tuple(out)


def load_rules(rules_dir: Path | None = None) -> RuleSet:
    """Every rule file of the folder, validated; a bad one raises a one-line RulesError."""
    d = Path(rules_dir) if rules_dir else default_rules_dir()
    if not d.is_dir():
        raise RulesError(f"{d}: rules folder not found")
    paths = {name: d / f"{name}.toml" for name in ("units", "qualifiers", "exclusions")}
    for name, p in paths.items():
        if not p.is_file():
            raise RulesError(f"{p}: rule file missing")
    units, udata = load_units(paths["units"])
    joiners_t, compound_t = udata.get("joiners", {}), udata.get("compound", {})
    for key, t in (("joiners", joiners_t), ("compound", compound_t)):
        if not isinstance(t, dict):
            raise RulesError(f"{paths['units']}:{line_of(paths['units'], '[' + key + ']') or '?'}: "
                             f"[{key}] must be a table")
    qualifiers, qdata = load_qualifiers(paths["qualifiers"])
    extra = qdata.get("words", {})
    if not isinstance(extra, dict):
        raise schema_error(paths["qualifiers"], None, "[words] must be a table")
    links = _strs(paths["qualifiers"], "words", extra, "links")
    not_governing = _strs(paths["qualifiers"], "words", extra, "not_governing")
    currencies = _strs(paths["qualifiers"], "words", extra, "currencies")
    joiners = _strs(paths["units"], "joiners", joiners_t, "parenthesised")
    suffixes = _strs(paths["units"], "joiners", joiners_t, "count_suffix")
    separators = _strs(paths["units"], "compound", compound_t, "separators")
    return RuleSet(
        units=units,
        qualifiers=qualifiers,
        qualifier_links=links,
        not_governing=not_governing,
        qualifier_currencies=currencies,
        exclusions=load_exclusions(paths["exclusions"]),
        joiners=joiners,
        count_suffixes=suffixes,
        separators=separators,
        digest=rules_digest(d),
        sources={k: str(v) for k, v in paths.items()},
    )
