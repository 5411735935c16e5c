"""`hedui review`: bad input stops with one line before the app (or the extractor) starts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hedui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "guangxi-2023.txt"


@pytest.fixture
def no_app(monkeypatch):
    """Starting the extractor (the first step of opening the app) fails the test instead."""
    import hedui.app.extraction_process as ep

    def refuse(*args, **kwargs):
        raise AssertionError("the app was started")

    monkeypatch.setattr(ep, "start_extraction", refuse)


def _rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    return rules


def _review(tmp_path: Path, *extra: str) -> int:
    return main(["review", str(SEED), "--sessions", str(tmp_path / "sessions"), *extra])


def test_rules_syntax_error_is_one_line_before_the_app(tmp_path, capsys, no_app):
    rules = _rules(tmp_path)
    units = rules / "units.toml"
    n = units.read_text(encoding="utf-8").count("\n")
    with units.open("a", encoding="utf-8") as f:
        f.write("id = \n")
    assert _review(tmp_path, "--rules", str(rules)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"hedui: {units}:{n + 1}: ")
    assert "Error" not in err and "Traceback" not in err
    assert not (tmp_path / "sessions").exists()  # nothing created either


def test_rules_schema_error_is_one_line_before_the_app(tmp_path, capsys, no_app):
    rules = _rules(tmp_path)
    with (rules / "exclusions.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[exclusion]]\nid = "bad.regex"\nreason = "x"\npattern = "(unclosed"\n')
    assert _review(tmp_path, "--rules", str(rules)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "exclusions.toml:" in err and "bad.regex" in err


def test_bad_label_rules_are_one_line_before_the_app(tmp_path, capsys, no_app):
    rules = _rules(tmp_path)
    (rules / "labels.toml").write_text("[[trim]\n", encoding="utf-8")
    assert _review(tmp_path, "--rules", str(rules)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "labels.toml:1:" in err
