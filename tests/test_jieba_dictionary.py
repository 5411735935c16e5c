"""jieba's prefix dictionary read from hedui's flat copy (core/extract/jieba_dictionary.py) is
jieba's own, word for word; a damaged copy is not used."""
from __future__ import annotations

import jieba

from hedui.core.extract import jieba_dictionary


def _tokenizer(folder):
    dt = jieba.Tokenizer()
    dt.tmp_dir = str(folder)
    return dt


def test_the_copy_is_jiebas_dictionary(tmp_path):
    own = _tokenizer(tmp_path / "own")
    (tmp_path / "own").mkdir()
    own.initialize()  # jieba's own way
    first = _tokenizer(tmp_path)
    jieba_dictionary.load(jieba, first)  # jieba's way, then the copy written
    copies = list(tmp_path.glob("hedui-jieba-*.dict"))
    assert len(copies) == 1
    again = _tokenizer(tmp_path)
    jieba_dictionary.load(jieba, again)  # from the copy
    assert again.initialized and again.total == own.total and len(own.FREQ) > 300_000
    assert again.FREQ == own.FREQ and list(again.FREQ) == list(own.FREQ)
    assert again.lcut("新增养殖合作社12个", HMM=False) == own.lcut("新增养殖合作社12个", HMM=False)


def test_the_lexicon_is_jiebas_dictionary_sorted(tmp_path):
    (tmp_path / "own").mkdir()
    own = _tokenizer(tmp_path / "own")
    own.initialize()
    first = jieba_dictionary._lexicon_of(jieba, _tokenizer(tmp_path))  # no copy yet: written, then read
    again = jieba_dictionary._lexicon_of(jieba, _tokenizer(tmp_path))  # from the copy
    expected = sorted(own.FREQ.items())
    for lex in (first, again):
        assert list(zip(lex.words, lex.freqs)) == expected and lex.total == own.total
    prefixes = [w for w, f in expected if f == 0]  # prefixes of words, no words themselves
    assert len(prefixes) > 1000 and all(again.get(w) == 0 for w in prefixes[::97])
    assert again.get("合作社") == own.FREQ["合作社"] > 0
    assert again.get("社合作") is None and again.get("") is None and again.get("\uffff") is None


def test_a_damaged_copy_is_not_used(tmp_path):
    first = _tokenizer(tmp_path)
    jieba_dictionary.load(jieba, first)
    (copy,) = tmp_path.glob("hedui-jieba-*.dict")
    data = copy.read_bytes()
    for damaged in (data[: len(data) // 2], b"nonsense\n" + data, data[:100] + b"\xff\xfe" + data[102:]):
        copy.write_bytes(damaged)
        dt = _tokenizer(tmp_path)
        jieba_dictionary.load(jieba, dt)
        assert dt.initialized and dt.FREQ == first.FREQ and dt.total == first.total


def test_jieba_imported_without_pkg_resources():
    # a fresh process: jieba works, its files opened without setuptools' pkg_resources
    import subprocess
    import sys

    code = ("import sys; import hedui.core.extract.context; "
            "from hedui.core.extract.jieba_dictionary import segmenter; "
            "print(segmenter().lcut('新增养殖合作社12个', HMM=False), 'pkg_resources' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['新增', '养殖', '合作社', '12', '个'] False"
