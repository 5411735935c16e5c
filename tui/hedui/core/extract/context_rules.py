"""Label and period heuristics as data: loading ``rules/periods.toml`` and ``rules/labels.toml``.

Every rule has an ``id``. Patterns are regular expressions written in simplified
characters; they are matched on the simplified view of a report.

periods.toml::

    [[period]]            # a time phrase; the match (or its group ``p``) is the period
    id = "period.now"
    kind = "period"       # "period" | "frequency" (每年: governs its clause only) | "not" (近日: never)
    pattern = "目前|当前"
    clause_start = false  # true: only where a clause starts
    heads = true          # false: never heads a sentence, reaches only to the next ; (以前…;现在…)
    stretch = false       # true: reaches every clause after it up to the next ; (截至目前已抢通79条,尚未…8条)
    head_subject = "…"    # a subject before a time phrase in its clause that still heads (省防指于14日12时)
    item_marker = "…"     # a stretch opening with this (…;二是…) starts a new item of a list
    article = "…"         # a number that is an article (他算了一笔账): no first number of a sentence
    [[frame]]             # a clause matching this, before a time phrase, does not stop it heading
    id = "period.frame"   # the sentence (统计局发布,2019年…; 受台风影响,14日至16日…)
    pattern = "表示$|^据"
    [[continuation]]      # a clause opening with one of these goes on with the clause before it
    id = "period.continuation"   # (,较103年增1.03%): a time phrase there reaches it
    words = ["较", "同比"]
    [[comparison]]        # a time phrase right after this is a comparison base (比上年), not a period
    id = "period.cmp"
    before = "比|较"
    after = "同期"

labels.toml::

    [[trim]]              # words cut from a label's head or tail
    id = "label.trim.adverb"
    where = "head"        # "head" | "tail" | "anywhere" | "prefix" (characters, not words)
                          # | "after-subject" (the words before it are cut: 各级工会共举办…)
    words = ["共", "累计"]
    [[relation]]          # a change standing alone (增长3.0%) borrows the subject before it
    id = "label.relation.change"
    words = ["增长", "比上年"]
    [[cut]]               # words before the number up to the last of these are examples, not the label
    id = "label.cut.etc"
    words = ["等"]
    [[subjectless]]       # a clause opening with these (比上年减收…) borrows the subject before it
    id = "label.subjectless.comparison"
    words = ["比上年"]
    when = "share"        # only in a clause holding a share (完成年初预算数60999万元的40.4%)
    [[after_stop]]        # the noun phrase after a unit ends before these (6个专家组|在一线…)
    id = "label.after-stop.verb"
    words = ["在"]
    [[generic]]           # 4.06万人、金额1406万元: these words after a listed number share its words
    id = "label.generic.amount"
    words = ["金额"]
    [[quantity]]          # what a number with its measure word looks like (to find neighbours)
    id = "label.quantity"
    pattern = "..."
    [[boundary]]          # characters that end a label clause
    id = "label.boundary"
    chars = ",;"
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hedui.core.rules import compile_pattern, read_rule_file, schema_error
from hedui.core.numbers.scan import literal_alternation

PERIOD_KINDS = ("period", "frequency", "not")


@dataclass(frozen=True, slots=True)
class PeriodRule:
    id: str
    kind: str
    regex: re.Pattern[str]
    clause_start: bool = False
    heads: bool = True
    stretch: bool = False


@dataclass(frozen=True, slots=True)
class TrimRule:
    id: str
    where: str
    words: tuple[str, ...]


@dataclass(slots=True)
class ContextRules:
    """Compiled label and period rules (built once, shared read-only by every Context)."""

    periods: tuple[PeriodRule, ...] = ()
    continuation: tuple[str, ...] = ()
    #: clauses that frame a sentence (a reporting frame, a cause, a topic) without being its content
    frames: tuple[re.Pattern[str], ...] = ()
    head_subject: re.Pattern[str] | None = None
    item_marker: re.Pattern[str] | None = None
    article: re.Pattern[str] | None = None
    cmp_before: re.Pattern[str] | None = None
    cmp_after: re.Pattern[str] | None = None
    head_trims: tuple[TrimRule, ...] = ()
    tail_trims: tuple[TrimRule, ...] = ()
    head_words: frozenset[str] = frozenset()
    #: head words cut as a string prefix, whatever the segmenter makes of them (全县政府性基金:
    #: 全/县政府), where two characters or more stay
    prefix_words: tuple[str, ...] = ()
    #: adverbs after a subject: the label starts there (各级工会共举办普法活动 → 举办普法活动)
    subject_cut_words: frozenset[str] = frozenset()
    #: ... unless one of these verbs follows it: the subject is then what is counted (主要江河共发生…)
    subject_keep_verbs: frozenset[str] = frozenset()
    tail_words: frozenset[str] = frozenset()
    drop_words: frozenset[str] = frozenset()
    relation_words: frozenset[str] = frozenset()
    cut_words: frozenset[str] = frozenset()
    subjectless_words: frozenset[str] = frozenset()
    #: subjectless words that borrow only in a clause holding a share (完成…N的M%)
    share_words: frozenset[str] = frozenset()
    max_subject: int = 12
    #: measure words that never end the words of the next figure (岁, 天: 7岁以下儿童52582人)
    not_units: tuple[str, ...] = ()
    after_stop_words: frozenset[str] = frozenset()
    #: words that are no noun phrase after a number on their own (1.2元时: "when")
    after_not: frozenset[str] = frozenset()
    generic_words: frozenset[str] = frozenset()
    #: verbs whose objects a list of figures shares (发展茶叶800余亩,中药材2500余亩 → 发展中药材)
    list_head_words: frozenset[str] = frozenset()
    quantity: re.Pattern[str] | None = None
    label_boundaries: str = ",，;；:：。!！?？\n"
    period_boundaries: str = ",，;；:：…"
    sentence_ends: str = "。!！?？\n"
    head_offset: int = 3
    #: the longest noun of a clause that is only a noun and its figure (a list going on)
    max_item_noun: int = 10
    max_label: int = 24
    max_after: int = 16
    min_noun_after: int = 4
    max_before_noun: int = 4
    paths: tuple[Path, ...] = field(default_factory=tuple)


def _compile(path: Path, rule_id: str, pattern: object) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise schema_error(path, rule_id, f"rule {rule_id!r}: 'pattern' must be a non-empty string")
    return compile_pattern(pattern, lambda msg: schema_error(path, rule_id, f"rule {rule_id!r}: {msg}"),
                           what="pattern")


def _rule_id(path: Path, table: str, i: int, rule: object) -> str:
    if not isinstance(rule, dict):
        raise schema_error(path, None, f"[[{table}]] #{i + 1} is not a table")
    rid = rule.get("id")
    if not isinstance(rid, str) or not rid:
        raise schema_error(path, None, f"[[{table}]] #{i + 1} has no string 'id'")
    return rid


def _words(path: Path, rid: str, rule: dict) -> tuple[str, ...]:
    words = rule.get("words")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise schema_error(path, rid, f"rule {rid!r}: 'words' must be a list of non-empty strings")
    return tuple(sorted(words, key=len, reverse=True))


def _string_list(path: Path, rid: str, rule: dict, key: str) -> list[str]:
    v = rule.get(key, [])
    if not isinstance(v, list) or not all(isinstance(w, str) and w for w in v):
        raise schema_error(path, rid, f"rule {rid!r}: '{key}' must be a list of non-empty strings")
    return v


def _unit_forms(path: Path) -> set[str]:
    """Every ``forms`` entry of the [[unit]] tables of the extractor's unit file."""
    data = read_rule_file(path)
    forms: set[str] = set()
    for unit in data.get("unit", []):
        if isinstance(unit, dict):
            forms |= {f for f in unit.get("forms", []) if isinstance(f, str) and f}
    return forms


def _load_periods(path: Path, rules: ContextRules) -> None:
    data = read_rule_file(path)
    seen: set[str] = set()
    out: list[PeriodRule] = []
    for i, rule in enumerate(data.get("period", [])):
        rid = _rule_id(path, "period", i, rule)
        if rid in seen:
            raise schema_error(path, rid, f"duplicate rule id {rid!r}")
        seen.add(rid)
        kind = rule.get("kind", "period")
        if kind not in PERIOD_KINDS:
            raise schema_error(path, rid, f"rule {rid!r}: kind must be one of {', '.join(PERIOD_KINDS)}")
        cs = rule.get("clause_start", False)
        if not isinstance(cs, bool):
            raise schema_error(path, rid, f"rule {rid!r}: 'clause_start' must be true or false")
        flags = []
        for key, default in (("heads", True), ("stretch", False)):
            v = rule.get(key, default)
            if not isinstance(v, bool):
                raise schema_error(path, rid, f"rule {rid!r}: '{key}' must be true or false")
            flags.append(v)
        out.append(PeriodRule(rid, kind, _compile(path, rid, rule.get("pattern")), cs, *flags))
    rules.periods = tuple(out)
    if "head_offset" in data:
        v = data["head_offset"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise schema_error(path, None, "'head_offset' must be a non-negative integer")
        rules.head_offset = v
    if "max_item_noun" in data:
        v = data["max_item_noun"]
        if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
            raise schema_error(path, None, "'max_item_noun' must be a positive integer")
        rules.max_item_noun = v
    for i, rule in enumerate(data.get("continuation", [])):
        rid = _rule_id(path, "continuation", i, rule)
        rules.continuation = tuple(sorted(set(rules.continuation) | set(_words(path, rid, rule)),
                                          key=len, reverse=True))
    for key in ("head_subject", "item_marker", "article"):
        if key in data:
            setattr(rules, key, _compile(path, key, data[key]))
    frames = []
    for i, rule in enumerate(data.get("frame", [])):
        rid = _rule_id(path, "frame", i, rule)
        frames.append(_compile(path, rid, rule.get("pattern")))
    rules.frames = tuple(frames)
    for i, rule in enumerate(data.get("comparison", [])):
        rid = _rule_id(path, "comparison", i, rule)
        if "before" in rule:
            rules.cmp_before = _compile(path, rid, "(?:" + str(rule["before"]) + r")\s*$")
        if "after" in rule:
            rules.cmp_after = _compile(path, rid, r"^\s*(?:" + str(rule["after"]) + ")")


def _load_labels(path: Path, rules: ContextRules) -> None:
    data = read_rule_file(path)
    heads: list[TrimRule] = []
    tails: list[TrimRule] = []
    for i, rule in enumerate(data.get("trim", [])):
        rid = _rule_id(path, "trim", i, rule)
        where = rule.get("where")
        if where not in ("head", "tail", "anywhere", "prefix", "after-subject"):
            raise schema_error(path, rid, f"rule {rid!r}: 'where' must be head, tail, anywhere, prefix or "
                                          "after-subject")
        words = _words(path, rid, rule)
        if where == "anywhere":
            rules.drop_words = rules.drop_words | frozenset(words)
        elif where == "after-subject":
            rules.subject_cut_words = rules.subject_cut_words | frozenset(words)
            rules.subject_keep_verbs = rules.subject_keep_verbs | frozenset(_string_list(path, rid, rule, "unless"))
        elif where == "prefix":  # head words that are cut as characters too
            rules.prefix_words = tuple(sorted(set(rules.prefix_words) | set(words), key=len, reverse=True))
            heads.append(TrimRule(rid, where, words))
        else:
            (heads if where == "head" else tails).append(TrimRule(rid, where, words))
    rules.head_trims, rules.tail_trims = tuple(heads), tuple(tails)
    rules.head_words = frozenset(w for r in heads for w in r.words)
    rules.tail_words = frozenset(w for r in tails for w in r.words)
    for i, rule in enumerate(data.get("relation", [])):
        rid = _rule_id(path, "relation", i, rule)
        rules.relation_words = rules.relation_words | frozenset(_words(path, rid, rule))
    for i, rule in enumerate(data.get("quantity", [])):
        rid = _rule_id(path, "quantity", i, rule)
        pattern = rule.get("pattern")
        if isinstance(pattern, str) and "{units}" in pattern:
            units = set(_words(path, rid, rule) if "words" in rule else ())
            units |= set(_string_list(path, rid, rule, "units"))
            src = rule.get("units_from")
            if isinstance(src, str) and (path.parent / src).is_file():
                units |= _unit_forms(path.parent / src)
            not_units = set(_string_list(path, rid, rule, "not_units"))
            units -= not_units
            rules.not_units = tuple(sorted(not_units, key=len, reverse=True))
            if not units:
                raise schema_error(path, rid, f"rule {rid!r}: no units for {{units}}")
            # a trie: the same matches as the words longest first, without trying each in turn
            alternation = literal_alternation(units)
            pattern = pattern.replace("{units}", alternation)
        rules.quantity = _compile(path, rid, pattern)
    for i, rule in enumerate(data.get("boundary", [])):
        rid = _rule_id(path, "boundary", i, rule)
        chars = rule.get("chars")
        if not isinstance(chars, str) or not chars:
            raise schema_error(path, rid, f"rule {rid!r}: 'chars' must be a non-empty string")
        kind = rule.get("kind", "label")
        if kind == "label":
            rules.label_boundaries = chars.replace("\\n", "\n")
        elif kind == "period":
            rules.period_boundaries = chars
        elif kind == "sentence":
            rules.sentence_ends = chars.replace("\\n", "\n")
        else:
            raise schema_error(path, rid, f"rule {rid!r}: kind must be label, period or sentence")
    for i, rule in enumerate(data.get("cut", [])):
        rid = _rule_id(path, "cut", i, rule)
        rules.cut_words = rules.cut_words | frozenset(_words(path, rid, rule))
    for i, rule in enumerate(data.get("subjectless", [])):
        rid = _rule_id(path, "subjectless", i, rule)
        words = frozenset(_words(path, rid, rule))
        rules.subjectless_words = rules.subjectless_words | words
        when = rule.get("when", "always")
        if when not in ("always", "share"):
            raise schema_error(path, rid, f"rule {rid!r}: 'when' must be always or share")
        if when == "share":
            rules.share_words = rules.share_words | words
    for i, rule in enumerate(data.get("after_stop", [])):
        rid = _rule_id(path, "after_stop", i, rule)
        rules.after_stop_words = rules.after_stop_words | frozenset(_words(path, rid, rule))
        rules.after_not = rules.after_not | frozenset(_string_list(path, rid, rule, "alone"))
    for i, rule in enumerate(data.get("generic", [])):
        rid = _rule_id(path, "generic", i, rule)
        rules.generic_words = rules.generic_words | frozenset(_words(path, rid, rule))
    for i, rule in enumerate(data.get("list_head", [])):
        rid = _rule_id(path, "list_head", i, rule)
        rules.list_head_words = rules.list_head_words | frozenset(_words(path, rid, rule))
    for key in ("max_label", "max_after", "min_noun_after", "max_before_noun", "max_subject"):
        if key in data:
            v = data[key]
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise schema_error(path, None, f"'{key}' must be a positive integer")
            setattr(rules, key, v)
    if rules.quantity is None:
        raise schema_error(path, None, "no [[quantity]] rule")


def load_context_rules(rules_dir: Path | str) -> ContextRules:
    """Read and compile ``periods.toml`` and ``labels.toml`` from ``rules_dir``."""
    rules_dir = Path(rules_dir)
    rules = ContextRules()
    p_path, l_path = rules_dir / "periods.toml", rules_dir / "labels.toml"
    _load_periods(p_path, rules)
    _load_labels(l_path, rules)
    rules.paths = (p_path, l_path)
    return rules
