"""The labels' segmenter gives jieba's own words (``jieba.lcut(s, HMM=False)``) on every sentence
of the repository's reports, on pieces of them, and on generated text of Chinese characters,
Latin letters, digits, spaces and punctuation."""
from __future__ import annotations

import re
from math import log
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.extract.jieba_dictionary import Lexicon, segmenter
from hedui.core.extract.segmentation import Segmenter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def both():
    jieba = segmenter()
    return jieba, Segmenter(jieba)


def _sentences() -> list[str]:
    paths = sorted(ROOT.glob("seeds/*.txt")) + sorted((ROOT / "tests/data").glob("**/reports/*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    return [s for t in texts for s in re.split(r"[。;；\n]", t) if s.strip()]


def test_every_sentence_of_the_reports(both):
    jieba, seg = both
    sentences = _sentences()
    assert len(sentences) > 2000
    differ = [s for s in sentences if seg.lcut(s) != jieba.lcut(s, HMM=False)]
    assert differ == []


def test_every_stretch_before_a_number(both):
    """The labels ask for the words of a run before a number: every such run of the reports."""
    jieba, seg = both
    runs = [m.group(1) for s in _sentences() for m in re.finditer(r"([^\d,，。]{1,24})\d", s)]
    assert len(runs) > 5000
    assert [r for r in runs if seg.lcut(r) != jieba.lcut(r, HMM=False)] == []


_CHARS = st.sampled_from(list("全市地区生产总值比上年增长同期人口万元亿公司营业收入的和及与、，,。 ")
                         + list("ab Z09._%-#&+") + ["\u3000", "\r\n", "\t", "國家統計局"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=30).map("".join))
def test_generated_text(both, text):
    jieba, seg = both
    assert seg.lcut(text) == jieba.lcut(text, HMM=False)


def test_a_first_word_told_alone_is_jiebas(both):
    """``first_alone``: jieba's first word is the first character alone, told without segmenting
    (on the runs before a number, the sentences and generated text; often enough to matter)."""
    jieba, seg = both
    texts = _sentences()
    texts += [m.group(1) for s in texts for m in re.finditer(r"([^\d,，。]{1,24})\d", s)]
    texts += [t[k:] for t in texts[:300] for k in range(1, min(len(t), 12))]
    told = [t for t in texts if seg.first_alone(t)]
    assert len(told) > len(texts) // 10
    assert [t for t in told if jieba.lcut(t, HMM=False)[0] != t[0]] == []


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=12).map("".join))
def test_a_first_word_told_alone_on_generated_text(both, text):
    jieba, seg = both
    if seg.first_alone(text):
        assert jieba.lcut(text, HMM=False)[0] == text[0]


def _runs_and_pieces() -> list[str]:
    texts = _sentences()
    texts += [m.group(1) for s in texts for m in re.finditer(r"([^\d,，。]{1,24})\d", s)]
    return texts + [t[k:] for t in texts[:300] for k in range(1, min(len(t), 12))]


def test_a_first_word_told_without_the_rest_is_jiebas(both):
    """``first_word``: jieba's first word, told from the routes up to the first place no word
    crosses (most of the runs before a number, the sentences and their pieces), and the words
    after it are jieba's words of the rest."""
    jieba, seg = both
    texts = _runs_and_pieces()
    told = [(t, seg.first_word(t)) for t in texts]
    told = [(t, w) for t, w in told if w is not None]
    assert len(told) > len(texts) // 2
    assert [t for t, w in told if jieba.lcut(t, HMM=False)[0] != w] == []
    assert [t for t, w in told if jieba.lcut(t, HMM=False)[1:] != jieba.lcut(t[len(w):], HMM=False)] == []


def test_several_words_told_without_segmenting_are_jiebas(both):
    jieba, seg = both
    texts = _runs_and_pieces()
    told = [(t, seg.several(t)) for t in texts]
    told = [(t, x) for t, x in told if x is not None]
    assert len(told) > len(texts) // 2
    assert [t for t, x in told if (len(jieba.lcut(t, HMM=False)) >= 2) != x] == []


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=16).map("".join))
def test_a_first_word_and_several_words_on_generated_text(both, text):
    jieba, seg = both
    words = jieba.lcut(text, HMM=False)
    first = seg.first_word(text)
    if first is not None:
        assert words[0] == first and words[1:] == jieba.lcut(text[len(first):], HMM=False)
    several = seg.several(text)
    if several is not None:
        assert several == (len(words) >= 2)


def test_a_near_tie_before_the_first_cut_is_not_told(both):
    """Two routes of the same score (甲|乙丙 and 甲乙|丙: the same two frequencies) are a tie that
    jieba breaks by the longer first word; ``first_word`` does not tell it (its sums before the
    cut round apart from the whole string's), ``lcut`` does."""
    jieba, _ = both
    words = sorted({"甲": 3, "丙": 3, "甲乙": 5, "乙丙": 5, "乙": 0}.items())
    seg = object.__new__(Segmenter)  # (a segmenter of a dictionary of five strings, set by hand)
    lex = Lexicon([w for w, _ in words], [f for _, f in words], 100)
    seg.find, seg.table, seg.latin = lex.find, {}, {}
    seg.logtotal = log(lex.total)
    seg.han, seg.skip, seg.eng = jieba.re_han_default, jieba.re_skip_default, jieba.re_eng
    assert seg.lcut("甲乙丙") == ["甲乙", "丙"]
    assert seg.first_word("甲乙丙") is None
    assert seg.first_word("甲乙丙丁") is None
    assert seg.first_word("甲丁") == "甲"
