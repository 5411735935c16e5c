"""scan.py: the faster scans find exactly what ``re`` finds, on the rules and on the seeds."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from hedui.core.extract.context_making import make_context
from hedui.core.extract.context_rules import load_context_rules
from hedui.core.numbers.exclusions import Exclusions
from hedui.core.model import Report
from hedui.core.numbers.finder import RUN_RE
from hedui.core.rules import default_rules_dir, load_rules
from hedui.core.numbers.scan import Scanner, barrier, first_chars, literal_alternation
from hedui.core.text.view import Simplifier, make_view

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_text() -> str:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    return Simplifier().convert(text)


def _rule_patterns() -> list[re.Pattern[str]]:
    ctx_rules = load_context_rules(default_rules_dir())
    pats = [RUN_RE, ctx_rules.quantity] + [r.regex for r in ctx_rules.periods]
    pats += [sc.pattern for _, _, sc in Exclusions(load_rules())._compiled]
    return [p for p in pats if p is not None]


def test_scanner_finds_what_finditer_finds_for_every_rule(seed_text: str) -> None:
    gated = 0
    for p in _rule_patterns():
        sc = Scanner(p)
        gated += sc.gated
        assert [m.span() for m in sc.finditer(seed_text)] == [m.span() for m in p.finditer(seed_text)], p.pattern
        assert [m.span() for m in sc.finditer(seed_text, 500, 3000)] == [
            m.span() for m in p.finditer(seed_text, 500) if m.start() < 3000], p.pattern
    assert gated >= 5  # the scan is actually used, not always the fallback


def test_scanner_match_skips_only_where_the_pattern_cannot_match(seed_text: str) -> None:
    p = re.compile("(?:[^,，。\\n]{1,8}?(?=[自从]))?(?P<p>(?:自|从)?[^,，。\\n]{1,20}?以来)")
    sc = Scanner(p)
    for pos in range(0, len(seed_text), 7):
        a, b = sc.match(seed_text, pos), p.match(seed_text, pos)
        assert (a and a.span()) == (b and b.span())


def test_first_chars() -> None:
    assert first_chars(re.compile("(?:近|约)?[0-9]+个")) == frozenset("近约0123456789")
    assert first_chars(re.compile("a*")) is None  # can match the empty string
    assert first_chars(re.compile("[^a]b")) is None
    assert first_chars(re.compile("(?<!第)[一二]")) == frozenset("一二")


def test_literal_alternation_prefers_the_longest_word_like_the_plain_alternation() -> None:
    words = ["个", "个百分点", "百分点", "人次", "人", "万元", "元", "a.b", "a"]
    plain = re.compile("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")(?:以上)?")
    trie = re.compile("(?:" + literal_alternation(words) + ")(?:以上)?")
    text = "3个百分点以上、5人次、7个、9万元以上、a.b a+ 百分点人"
    for pos in range(len(text)):
        a, b = plain.match(text, pos), trie.match(text, pos)
        assert (a and a.span()) == (b and b.span())


def test_barrier_characters_are_never_inside_a_match(seed_text: str) -> None:
    q = load_context_rules(default_rules_dir()).quantity
    bar = barrier(q)
    assert bar is not None and bar.match("。") and not bar.match("5")
    for m in q.finditer(seed_text):
        assert bar.search(seed_text, m.start(), m.end()) is None
    neg = barrier(re.compile("[^a]+"))
    assert neg is not None and neg.match("a") and not neg.match("b")
    assert barrier(re.compile(".+")) is None


def test_quantities_found_by_sentence_equal_those_of_the_whole_text() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    report = Report(Path("seeds.txt"), text, "utf-8", "0")
    view = make_view(report)
    rules = load_context_rules(default_rules_dir())
    lazy = make_context(report, view, rules)
    assert lazy._quantity_blocks()  # the sentence-by-sentence path is taken
    whole = make_context(report, view, rules).quantities()
    n = len(view.text)
    for a in range(0, n, 97):
        b = min(n, a + 250)
        assert lazy.quantities_in(a, b) == [q for q in whole if a <= q[0] < b]


def test_match_at_tries_the_positions_that_can_match(seed_text: str) -> None:
    p = re.compile("(?:[^,，。\\n]{1,8}?(?=[自从]))?(?P<p>(?:自|从)?[^,，。\\n]{1,20}?以来)")
    positions = sorted(list(range(0, len(seed_text), 3)) + list(range(0, len(seed_text), 5)))
    want = [m.span() for m in (p.match(seed_text, q) for q in positions) if m]
    assert want  # the seeds have such phrases
    assert [m.span() for m in Scanner(p).match_at(seed_text, positions)] == want


def test_the_gated_scan_skips_to_the_required_literal_and_finds_what_finditer_finds(seed_text: str) -> None:
    # gated (first characters known), with a literal every match holds, some matches empty-free,
    # some overlapping tries: the skip ahead to the literal must lose none
    p = re.compile("[0-9一二三四五六七八九十]{1,4}(?:个|项)?季度(?:末)?")
    sc = Scanner(p)
    assert sc.gated and sc._required is not None
    text = seed_text + "12345678个季度 3年度 一二三四五六七八九十季度 7季度末 8项季度"
    assert [m.span() for m in sc.finditer(text)] == [m.span() for m in p.finditer(text)]
    for pos, stop in ((0, 5), (100, 4000), (len(seed_text) - 10, None)):
        want = [m.span() for m in p.finditer(text, pos) if stop is None or m.start() < stop]
        assert [m.span() for m in sc.finditer(text, pos, stop)] == want


def test_a_pattern_after_a_look_behind_is_tried_only_after_its_literal(seed_text: str) -> None:
    # (?<=每): tried just after each 每 (str.find), the matches of finditer from any position
    rnd = random.Random(5)
    text = seed_text + "每12元 每每3元 每45 每4元每5元 ab每6元"
    for src in (r"(?<=每)[0-9]+(?=[万千百]?元)", r"(?<=每)[0-9]", r"(?<=每每)[0-9]+元?"):
        p = re.compile(src)
        sc = Scanner(p)
        assert sc._behind is not None
        for _ in range(60):
            pos = rnd.randint(0, len(text))
            stop = rnd.choice([None, rnd.randint(pos, len(text))])
            want = [m.span() for m in p.finditer(text, pos) if stop is None or m.start() < stop]
            assert [m.span() for m in sc.finditer(text, pos, stop)] == want, (src, pos, stop)
    assert Scanner(re.compile(r"(?<=每)[0-9]*"))._behind is None  # may match the empty string
    assert Scanner(re.compile(r"(?<=1)[0-9][0-9]*元"))._behind is None  # inside a run of digits: the run scan
