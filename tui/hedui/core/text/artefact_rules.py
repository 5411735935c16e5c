"""The artefact rules of ``rules/artefacts.toml``: schema, validation, compiled form.

File format (every key but ``id``, ``kind`` and ``pattern`` is optional)::

    [repeat]                      # repeated paragraphs (no regex: found by comparison)
    min_chars = 12                # paragraphs shorter than this (whitespace removed) are ignored
    paragraph_break = '\\n|[ \\t\\u3000\\xa0]{2,}'   # what separates paragraphs

    [[rule]]
    id = "furniture.file-size"    # unique; every Artefact carries it as ``rule``
    kind = "furniture"            # "pinyin" or "furniture"
    pattern = '''...'''           # Python regex, compiled with re.MULTILINE
    scope = "line"                # "match" (default): the match itself;
                                  # "line": the whole line(s) holding the match;
                                  # "to-end": from the match to the end of the text
    max_line_len = 40             # scope "line": only lines this long or shorter (stripped) ...
    long_lines = "skip"           # ... and for a longer line: "skip" (default) or "match"
    max_tail = 4000               # scope "to-end": if more than this many chars follow, stop at
                                  # the end of the block (next blank line) instead
    near_furniture = false        # only when the previous or next non-blank line is furniture
    min_matches = 1               # the rule applies only if it matches at least this often ...
    min_distinct = 1              # ... with at least this many different matched texts
    stop_at_prose = false         # scope "to-end": stop before the first prose line (a line of at
                                  # least 30 chars with a 。), so a tail never swallows the report
    guard = "none"                # scope "line": "figure": a line holding a figure ([prose] figure)
                                  # is treated like a long line; "prose": also a line holding
                                  # sentence punctuation ([prose] sentence)
    ignore_case = false
    description = "..."           # for people

    [prose]                       # what the guards look for (regexes)
    sentence = '...'
    figure = '...'

``pinyin`` rules run on the original text; ``furniture`` rules run on the
simplified view (write them in simplified characters). A syntax error gives
``RulesError('file:line: TOML syntax error: ...')``; a schema error (missing
or duplicate id, unknown kind or key, bad regex, a pattern that matches the
empty string) gives ``RulesError('file:line: rule <id>: ...')``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hedui.core.model import RulesError
from hedui.core.rules import compile_pattern, default_rules_dir, line_of, read_rule_file
from hedui.core.text.pattern_starts import gates_for, parse
from hedui.core.text.stretches import Stretches
from hedui.core.text.view import Simplifier

RULE_FILE = "artefacts.toml"
KINDS = ("pinyin", "furniture")
SCOPES = ("match", "line", "to-end")
_RULE_KEYS = {
    "id", "kind", "pattern", "scope", "max_line_len", "long_lines", "max_tail",
    "near_furniture", "min_matches", "min_distinct", "guard", "stop_at_prose", "ignore_case", "description",
}
_REPEAT_KEYS = {"min_chars", "paragraph_break", "description"}
_PROSE_KEYS = {"sentence", "figure", "description"}
GUARDS = ("none", "figure", "prose")
_TOP_KEYS = {"rule", "repeat", "prose"}
#: sentence punctuation, when the rule file has no [prose] table
DEFAULT_SENTENCE = re.compile(r"[,，](?!\d)|[。；;！!？?]")
#: a number with a measure word, when the rule file has no [prose] table
DEFAULT_FIGURE = re.compile(r"\d\s*[万亿千百]?(?:人|元|户|个|家|名|项|件|次|%)")


@dataclass(frozen=True)
class ArtefactRule:
    """One compiled rule."""

    id: str
    kind: str
    regex: re.Pattern
    scope: str = "match"
    max_line_len: int = 200
    long_lines: str = "skip"
    max_tail: int = 4000
    near_furniture: bool = False
    min_matches: int = 1
    min_distinct: int = 1
    guard: str = "none"
    stop_at_prose: bool = False


@dataclass(frozen=True)
class RepeatSettings:
    min_chars: int = 12
    paragraph_break: re.Pattern = re.compile(r"\n|[ \t\u3000\xa0]{2,}")


@dataclass(frozen=True)
class ArtefactRules:
    """Compiled artefact rules plus the Simplifier used to build views (its cache lives here).

    Load once (``load_artefact_rules``) and pass to every ``load_report`` call.
    """

    rules: tuple[ArtefactRule, ...]
    repeat: RepeatSettings = RepeatSettings()
    sentence: re.Pattern = DEFAULT_SENTENCE
    figure: re.Pattern = DEFAULT_FIGURE
    source: Path | None = None
    simplifier: Simplifier = field(default_factory=Simplifier, compare=False)
    #: each rule's gate patterns (pattern_starts.gates_for), made the first time the rule scans a text
    gates: dict[str, tuple[re.Pattern | None, re.Pattern | None] | None] = field(
        default_factory=dict, compare=False, repr=False)
    #: each rule's scan of stretches (stretches.py), made so too
    stretch_scans: dict[str, Stretches | None] = field(default_factory=dict, compare=False, repr=False)

    def of_kind(self, kind: str) -> tuple[ArtefactRule, ...]:
        return tuple(r for r in self.rules if r.kind == kind)

    def stretches(self, rule: ArtefactRule) -> Stretches | None:
        """What the scan of the stretches of ``rule`` needs (stretches.py), or None."""
        if rule.id not in self.stretch_scans:
            self.stretch_scans[rule.id] = Stretches.of(rule.regex, None, parse(rule.regex))
        return self.stretch_scans[rule.id]

    def gate(self, rule: ArtefactRule) -> tuple[re.Pattern | None, re.Pattern | None] | None:
        """The (line gate, character gate) of ``rule`` (pattern_starts.gates_for; None: ``re``
        scans it as fast alone)."""
        if rule.id not in self.gates:
            self.gates[rule.id] = gates_for(rule.regex)
        return self.gates[rule.id]


def _nth_table_line(path: Path, n: int) -> int | None:
    """1-based line of the n-th (0-based) ``[[rule]]`` header of the file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    seen = -1
    for i, line in enumerate(lines, 1):
        if re.match(r"\s*\[\[\s*rule\s*\]\]", line):
            seen += 1
            if seen == n:
                return i
    return None


def _err_at(path: Path, index: int, rule_id: str | None, msg: str) -> RulesError:
    """A schema error at the rule's line: its id's line, else its ``[[rule]]`` header's."""
    line = line_of(path, f'"{rule_id}"') if rule_id else None
    if line is None:
        line = _nth_table_line(path, index)
    where = f"{path}:{line}" if line else str(path)
    name = f"rule {rule_id}" if rule_id else f"rule #{index + 1}"
    return RulesError(f"{where}: {name}: {msg}")


def _typed(path: Path, i: int, rid: str | None, raw: dict, key: str, typ: type, default):
    if key not in raw:
        return default
    val = raw[key]
    if typ is int and (isinstance(val, bool) or not isinstance(val, int) or val < 0):
        raise _err_at(path, i, rid, f"{key} must be a non-negative integer, not {val!r}")
    if typ is not int and not isinstance(val, typ):
        raise _err_at(path, i, rid, f"{key} must be a {typ.__name__}, not {val!r}")
    return val


def _compile(path: Path, i: int, rid: str | None, pattern: str, flags: int) -> re.Pattern:
    return compile_pattern(pattern, lambda msg: _err_at(path, i, rid, msg), flags=flags, empty_ok=False)


def _parse_rule(path: Path, i: int, raw: object) -> ArtefactRule:
    if not isinstance(raw, dict):
        raise _err_at(path, i, None, "must be a table")
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise _err_at(path, i, None, "missing id (a non-empty string)")
    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        raise _err_at(path, i, rid, f"unknown key {unknown[0]!r}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _err_at(path, i, rid, f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    pattern = raw.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise _err_at(path, i, rid, "missing pattern (a regex string)")
    scope = _typed(path, i, rid, raw, "scope", str, "match")
    if scope not in SCOPES:
        raise _err_at(path, i, rid, f"unknown scope {scope!r} (expected one of {', '.join(SCOPES)})")
    long_lines = _typed(path, i, rid, raw, "long_lines", str, "skip")
    if long_lines not in ("skip", "match"):
        raise _err_at(path, i, rid, f"long_lines must be 'skip' or 'match', not {long_lines!r}")
    guard = _typed(path, i, rid, raw, "guard", str, "none")
    if guard not in GUARDS:
        raise _err_at(path, i, rid, f"guard must be one of {', '.join(GUARDS)}, not {guard!r}")
    _typed(path, i, rid, raw, "description", str, "")
    flags = re.MULTILINE
    if _typed(path, i, rid, raw, "ignore_case", bool, False):
        flags |= re.IGNORECASE
    return ArtefactRule(
        id=rid,
        kind=kind,
        regex=_compile(path, i, rid, pattern, flags),
        scope=scope,
        max_line_len=_typed(path, i, rid, raw, "max_line_len", int, 200),
        long_lines=long_lines,
        max_tail=_typed(path, i, rid, raw, "max_tail", int, 4000),
        near_furniture=_typed(path, i, rid, raw, "near_furniture", bool, False),
        min_matches=_typed(path, i, rid, raw, "min_matches", int, 1),
        min_distinct=_typed(path, i, rid, raw, "min_distinct", int, 1),
        guard=guard,
        stop_at_prose=_typed(path, i, rid, raw, "stop_at_prose", bool, False),
    )


def _table_error(path: Path, table: str, msg: str) -> RulesError:
    line = line_of(path, f"[{table}]")
    where = f"{path}:{line}" if line else str(path)
    return RulesError(f"{where}: [{table}]: {msg}")


def _repeat_error(path: Path, msg: str) -> RulesError:
    return _table_error(path, "repeat", msg)


def _parse_prose(path: Path, raw: object) -> tuple[re.Pattern, re.Pattern]:
    """(sentence, figure) regexes of the [prose] table."""
    if raw is None:
        return DEFAULT_SENTENCE, DEFAULT_FIGURE
    if not isinstance(raw, dict):
        raise _table_error(path, "prose", "must be a table")
    unknown = sorted(set(raw) - _PROSE_KEYS)
    if unknown:
        raise _table_error(path, "prose", f"unknown key {unknown[0]!r}")
    out = []
    for key, default in (("sentence", DEFAULT_SENTENCE), ("figure", DEFAULT_FIGURE)):
        pattern = raw.get(key)
        if pattern is None:
            out.append(default)
            continue
        if not isinstance(pattern, str) or not pattern:
            raise _table_error(path, "prose", f"{key} must be a regex string")
        out.append(compile_pattern(pattern, lambda msg: _table_error(path, "prose", msg),
                                   what=f"{key} regex", empty_ok=False))
    return out[0], out[1]


def _parse_repeat(path: Path, raw: object) -> RepeatSettings:
    if raw is None:
        return RepeatSettings()
    if not isinstance(raw, dict):
        raise _repeat_error(path, "must be a table")
    unknown = sorted(set(raw) - _REPEAT_KEYS)
    if unknown:
        raise _repeat_error(path, f"unknown key {unknown[0]!r}")
    min_chars = raw.get("min_chars", 12)
    if isinstance(min_chars, bool) or not isinstance(min_chars, int) or min_chars < 1:
        raise _repeat_error(path, f"min_chars must be a positive integer, not {min_chars!r}")
    brk = raw.get("paragraph_break")
    if brk is None:
        return RepeatSettings(min_chars=min_chars)
    if not isinstance(brk, str):
        raise _repeat_error(path, "paragraph_break must be a regex string")
    rx = compile_pattern(brk, lambda msg: _repeat_error(path, msg), what="paragraph_break regex",
                         empty_ok=False)
    return RepeatSettings(min_chars=min_chars, paragraph_break=rx)


def parse_artefact_rules(path: Path, data: dict) -> ArtefactRules:
    """Validate a parsed ``artefacts.toml`` (``path`` is for the messages)."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        line = line_of(path, unknown[0])
        where = f"{path}:{line}" if line else str(path)
        raise RulesError(f"{where}: unknown top-level key {unknown[0]!r} (expected [[rule]], [repeat] or [prose])")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RulesError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    rules: list[ArtefactRule] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_rules):
        rule = _parse_rule(path, i, raw)
        if rule.id in seen:
            raise _err_at(path, i, None, f"duplicate id {rule.id!r}")
        seen.add(rule.id)
        rules.append(rule)
    sentence, figure = _parse_prose(path, data.get("prose"))
    return ArtefactRules(
        rules=tuple(rules),
        repeat=_parse_repeat(path, data.get("repeat")),
        sentence=sentence,
        figure=figure,
        source=path,
    )


def load_artefact_rules(rules_dir: Path | None = None) -> ArtefactRules:
    """Read and compile ``<rules_dir>/artefacts.toml`` (default: the bundled rules)."""
    path = Path(rules_dir or default_rules_dir()) / RULE_FILE
    return parse_artefact_rules(path, read_rule_file(path))
