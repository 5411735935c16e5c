"""The extraction cache: a hit is the extractor's own result, a change is a miss, and a damaged,
foreign or unusable cache is never trusted (hedui goes on without it, saying so once)."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from hedui.core.corpus import cache as cache_mod
from hedui.core.corpus.cached import CachedExtractor, open_cache
from hedui.core.corpus.extraction import extract_bytes
from hedui.core.extract.extractor import Extractor
from hedui.core.rules import default_rules_dir
from hedui.core.text.report import load_report

REPO = Path(__file__).resolve().parent.parent
NAMES = ("echeng-2019h1.txt", "guangxi-2023.txt", "wuwei-2022.txt")


@pytest.fixture(scope="module")
def fresh():
    extractor = Extractor()
    return {name: extractor.extract(load_report(REPO / "seeds" / name)) for name in NAMES}


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in NAMES:
        shutil.copyfile(REPO / "seeds" / name, folder / name)
    return folder


def run(folder: Path, root: Path | None, rules: Path | None = None) -> tuple[CachedExtractor, dict]:
    corpus = CachedExtractor(rules, open_cache(root, rules))
    got = {name: corpus.extract_path(folder / name) for name in NAMES}
    return corpus, got


def _same(got, fresh) -> None:
    for name, extraction in got.items():
        assert extraction.figures == fresh[name].figures and extraction.excluded == fresh[name].excluded
        assert extraction.report.artefacts == fresh[name].report.artefacts
        assert extraction.report.text == fresh[name].report.text


def test_a_reopened_corpus_is_read_from_the_cache_and_is_the_extractors_own(reports, tmp_path, fresh):
    first, got = run(reports, tmp_path / "cache")
    assert first.extracted == len(NAMES) and first.cache.warning == ""
    _same(got, fresh)
    again, got = run(reports, tmp_path / "cache")
    assert again.extracted == 0 and again.cache.hits == len(NAMES)
    assert again._extractor is None  # a warm cache never even builds the extractor
    _same(got, fresh)
    assert again.summaries([reports / n for n in NAMES]) == [len(fresh[n].figures) for n in NAMES]


def test_a_changed_report_or_rule_file_is_extracted_again(reports, tmp_path, fresh):
    run(reports, tmp_path / "cache")
    changed = reports / NAMES[0]
    changed.write_bytes(changed.read_bytes() + "另有新建工会组织7家。\n".encode())
    corpus = CachedExtractor(None, open_cache(tmp_path / "cache", None))
    assert corpus.summaries([changed])[0] is None  # the quick check already says so
    extraction = corpus.extract_path(changed)
    assert corpus.extracted == 1 and any(f.text == "7家" for f in extraction.figures)
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    with open(rules / "units.toml", "a", encoding="utf-8") as fh:
        fh.write("\n# a comment changes the digest\n")
    corpus, got = run(reports, tmp_path / "cache", rules)
    assert corpus.extracted == len(NAMES)  # other rules: nothing of the bundled rules' is used


def _entries(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / cache_mod.DB_NAME, isolation_level=None)


def test_a_damaged_entry_is_made_again_never_trusted(reports, tmp_path, fresh):
    root = tmp_path / "cache"
    run(reports, root)
    db = _entries(root)
    (sha, blob), = db.execute("SELECT sha256, data FROM entries LIMIT 1").fetchall()
    db.execute("UPDATE entries SET data = ? WHERE sha256 = ?", (blob[:-7] + b"garbage", sha))
    # and one whose checksum is right but whose figures do not fit the report
    (sha2, blob2), = db.execute("SELECT sha256, data FROM entries WHERE sha256 != ? LIMIT 1", (sha,)).fetchall()
    bad = zlib.decompress(blob2).replace(b'"figures":[[', b'"figures":[[1,', 1)
    bad = zlib.compress(bad)
    db.execute("UPDATE entries SET data = ?, checksum = ? WHERE sha256 = ?",
               (bad, cache_mod._checksum(bad), sha2))
    db.close()
    corpus, got = run(reports, root)
    assert corpus.cache.remade == 2 and corpus.extracted == 2
    _same(got, fresh)
    corpus, got = run(reports, root)  # made again: all hits now
    assert corpus.extracted == 0 and corpus.cache.remade == 0
    _same(got, fresh)


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_cache_file_is_gone_on_without(reports, tmp_path, fresh, damage):
    root = tmp_path / "cache"
    run(reports, root)
    db_file = root / cache_mod.DB_NAME
    data = db_file.read_bytes()
    db_file.write_bytes(b"not a database at all" * 100 if damage == "garbage" else data[:len(data) // 3])
    corpus, got = run(reports, root)
    _same(got, fresh)  # never stale: extracted afresh
    assert corpus.extracted == len(NAMES)
    assert "going on without the cache" in corpus.cache.warning and "\n" not in corpus.cache.warning


def test_a_cache_of_another_version_is_not_used(reports, tmp_path, fresh):
    root = tmp_path / "cache"
    run(reports, root)
    db = _entries(root)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    db.close()
    corpus, got = run(reports, root)
    assert corpus.extracted == len(NAMES) and "another hedui version" in corpus.cache.warning
    _same(got, fresh)


def test_an_entry_of_another_extractor_is_a_miss(reports, tmp_path):
    root = tmp_path / "cache"
    run(reports, root)
    db = _entries(root)
    db.execute("UPDATE entries SET extractor = 'hedui 0.0.1:old'")
    db.close()
    corpus, _ = run(reports, root)
    assert corpus.extracted == len(NAMES) and corpus.cache.warning == ""


def test_a_cache_folder_that_cannot_be_made_is_gone_on_without(reports, tmp_path, fresh):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    corpus, got = run(reports, blocker / "cache")
    _same(got, fresh)
    assert corpus.cache.warning.startswith(f"{blocker / 'cache'}: cannot create the cache folder")


FULL_CHILD = r"""
import resource, signal, sys
from pathlib import Path
from hedui.core.corpus.cached import CachedExtractor, open_cache
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
root, folder = Path(sys.argv[1]), Path(sys.argv[2])
corpus = CachedExtractor(None, open_cache(root, None))
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # the cache file may not grow past 20 kB
counts = [len(corpus.extract_path(p).figures) for p in sorted(folder.glob("*.txt"))]
print(counts)
print(corpus.cache.warning)
"""


def test_a_full_cache_is_gone_on_without(reports, tmp_path, fresh):
    env = dict(os.environ, PYTHONPATH=str(REPO / "tui"))
    out = subprocess.run([sys.executable, "-c", FULL_CHILD, str(tmp_path / "cache"), str(reports)],
                         capture_output=True, text=True, env=env, timeout=120)
    counts, warning = out.stdout.splitlines()[:2]
    assert counts == str([len(fresh[n].figures) for n in NAMES]), out.stderr
    assert "cannot be written" in warning and "going on without the cache" in warning


def test_extraction_is_a_plain_function_of_the_bytes(fresh):
    data = (REPO / "seeds" / NAMES[1]).read_bytes()
    extraction = extract_bytes(data, NAMES[1])
    assert extraction.figures == fresh[NAMES[1]].figures
    assert extraction.report.sha256 == fresh[NAMES[1]].report.sha256
