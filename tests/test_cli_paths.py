"""PATH arguments that yield no reports: one line on stderr and a non-zero exit."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hedui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "guangxi-2023.txt"


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    d = tmp_path / "emptydir"
    d.mkdir()
    (d / "notes.md").write_text("5个", encoding="utf-8")
    return d


def test_extract_empty_folder(empty, capsys):
    assert main(["extract", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"hedui: {empty}: no .txt reports\n"


def test_extract_empty_folder_among_others(empty, tmp_path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(SEED, good / "a.txt")
    assert main(["extract", str(empty), str(good)]) == 1
    out, err = capsys.readouterr()
    assert err == f"hedui: {empty}: no .txt reports\n" and len(out.splitlines()) > 10


def test_eval_empty_folder(empty, capsys):
    assert main(["eval", str(ROOT / "tests" / "data" / "gold"), str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"hedui: {empty}: no .txt reports\n"


def test_eval_reports_without_gold(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    assert main(["eval", str(gold), str(SEED)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"hedui: {gold}: no gold file for any of the reports given\n"


def test_review_empty_folder_among_others(empty, tmp_path, capsys, monkeypatch):
    import hedui.app.extraction_process as ep

    def refuse(*args, **kwargs):
        raise AssertionError("the app was started")

    monkeypatch.setattr(ep, "start_extraction", refuse)
    assert main(["review", str(SEED), str(empty), "--sessions", str(tmp_path / "s")]) == 1
    assert capsys.readouterr().err == f"hedui: {empty}: no .txt reports\n"
