"""`hedui eval` with bad gold files: one plain line naming the file and what is wrong."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hedui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "guangxi-2023.txt"
FIG = {"start": 0, "end": 2, "text": "3个", "value": 3, "unit": "个"}


def _eval(tmp_path: Path, content: str, capsys) -> str:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.json").write_text(content, encoding="utf-8")
    assert main(["eval", str(gold), str(SEED)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"hedui: {gold / 'x.json'}")
    assert not re.search(r"[A-Z][a-z]+Error\b|Traceback|Exception", err), err
    return err


@pytest.mark.parametrize("gold, expected", [
    ([1, 2], 'expected an object with "file" and "figures"'),
    ({"figures": []}, 'missing key "file"'),
    ({"file": "guangxi-2023.txt"}, 'missing key "figures"'),
    ({"file": 3, "figures": []}, '"file" must be'),
    ({"file": "guangxi-2023.txt", "figures": {"a": 1}}, '"figures" must be a list of objects'),
    ({"file": "guangxi-2023.txt", "figures": [1, 2]}, '"figures" must be a list of objects'),
    ({"file": "guangxi-2023.txt", "figures": [{k: v for k, v in FIG.items() if k != "start"}]},
     'figure 1 (3个): missing key "start"'),
    ({"file": "guangxi-2023.txt", "figures": [FIG, dict(FIG, value="many")]}, 'figure 2 (3个): "value" must be a number'),
    ({"file": "guangxi-2023.txt", "figures": [dict(FIG, start="0")]}, '"start" must be a whole number'),
    ({"file": "guangxi-2023.txt", "figures": [dict(FIG, start=5, end=2)]}, '"end" (2) is before "start" (5)'),
    ({"file": "guangxi-2023.txt", "figures": [dict(FIG, unit=5)]}, '"unit" must be a string'),
])
def test_bad_gold_shapes(tmp_path, capsys, gold, expected):
    err = _eval(tmp_path, json.dumps(gold, ensure_ascii=False), capsys)
    assert expected in err


def test_json_syntax_error_names_the_line(tmp_path, capsys):
    err = _eval(tmp_path, '{"file": "guangxi-2023.txt",\n "figures": [}\n', capsys)
    assert "x.json:2: " in err and "JSON syntax error" in err


def test_two_gold_files_for_one_report(tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("a.json", "b.json"):
        (gold / name).write_text(json.dumps({"file": "guangxi-2023.txt", "figures": []}), encoding="utf-8")
    assert main(["eval", str(gold), str(SEED)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "b.json" in err and "a.json" in err


def test_good_gold_still_scores(tmp_path, capsys):
    assert main(["eval", str(ROOT / "tests" / "data" / "gold"), str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "f1=1.000" in out
