"""The labels' segmenter gives jieba's own words (``jieba.lcut(s, HMM=False)``) on every sentence
of the repository's reports, on pieces of them, and on generated text of Chinese characters,
Latin letters, digits, spaces and punctuation."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hedui.core.extract.jieba_dictionary import segmenter
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
