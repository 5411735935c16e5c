"""`hedui extract` and `hedui eval` through the real entry point."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from hedui.cli import main
from hedui.core.corpus.extraction import extract_lines

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "wuwei-2022.txt"
KEYS = ["file", "start", "end", "text", "value", "value_max", "unit", "bound", "category", "label",
        "period", "rule"]


def test_extract_jsonl(capsys):
    assert main(["extract", str(SEED)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = [json.loads(x) for x in out.splitlines()]
    assert len(lines) > 100
    text = SEED.read_text(encoding="utf-8")
    for rec in lines:
        assert list(rec)[:12] == KEYS
        assert rec["file"] == str(SEED)
        assert text[rec["start"]:rec["end"]] == rec["text"]
        assert "excluded" not in rec


def test_extract_folder_table_and_excluded(capsys, tmp_path: Path):
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("2020年，全市新建职工之家300家。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored 5家", encoding="utf-8")
    assert main(["extract", "--excluded", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    recs = [json.loads(x) for x in out.splitlines()]
    b = [r for r in recs if r["file"].endswith("b.txt")]
    assert [(r["text"], r.get("excluded", False), r["rule"]) for r in b] == \
        [("2020", True, "date.year"), ("300家", False, "unit.count.org")]
    assert not any(r["file"].endswith("notes.md") for r in recs)
    assert main(["extract", "--format", "table", str(tmp_path / "b.txt")]) == 0
    out, _ = capsys.readouterr()
    rows = out.splitlines()[1:]
    assert len(rows) == 1 and "300家" in rows[0] and "unit.count.org" in rows[0]
    assert not any(r.startswith("x ") for r in rows)


def test_bad_file_one_stderr_line_others_processed(capsys, tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("建成300家。", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    rc = main(["extract", str(missing), str(good)])
    out, err = capsys.readouterr()
    assert rc == 1
    assert len(err.strip().splitlines()) == 1 and "missing.txt" in err
    assert json.loads(out.splitlines()[0])["text"] == "300家"


def test_no_library_chatter_on_stderr(capsys):
    assert main(["extract", str(ROOT / "seeds" / "guangxi-2023.txt")]) == 0
    _, err = capsys.readouterr()
    assert err == ""


def test_no_chatter_in_a_fresh_process():
    import subprocess
    import sys
    proc = subprocess.run([sys.executable, "-m", "hedui", "extract", str(ROOT / "seeds" / "guangxi-2023.txt")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0 and proc.stderr == ""
    assert len(proc.stdout.splitlines()) > 40


def test_a_fresh_process_writes_every_line_before_it_ends(tmp_path: Path):
    """``python -m hedui extract`` ends without the interpreter's teardown (cli.script): a long
    report cut into pieces must still reach the pipe whole, the same lines ``main`` prints, and
    a missing file among the reports still gives its one line and exit code 1."""
    import subprocess
    import sys

    from hedui.core.extract.pieces import PIECE_CHARS

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    long = tmp_path / "long.txt"
    long.write_text(text * (2 * PIECE_CHARS // len(text) + 1), encoding="utf-8")
    argv = ["extract", "--no-cache", "--jobs", "2", str(long), str(tmp_path / "missing.txt")]
    proc = subprocess.run([sys.executable, "-m", "hedui", *argv], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("missing.txt: no such file") and proc.stderr.count("\n") == 1
    lines = extract_lines(long.read_bytes(), str(long), jobs=1)
    assert proc.stdout == "".join(lines) and len(lines) > 1000


def test_bad_rules_folder_is_one_line(capsys, tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "qualifiers.toml").write_text("[[qualifier]\n", encoding="utf-8")
    assert main(["extract", "--rules", str(rules), str(SEED)]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "qualifiers.toml:1:" in err


def test_eval_summary_and_json(capsys):
    gold = ROOT / "tests/data/dev/gold"
    reports = ROOT / "tests/data/dev/reports"
    assert main(["eval", str(gold), str(reports), "--json"]) == 0
    out, err = capsys.readouterr()
    res = json.loads(out)
    assert res["f1"] >= 0.99 and len(res["per_file"]) == 14 and err == ""
    assert main(["eval", str(gold), str(reports / "fugou-maternal-child-health.txt"), "--verbose"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].startswith("fugou-maternal-child-health")
    assert out.splitlines()[-1].startswith("precision=")


def test_eval_verbose_lists_errors(capsys, tmp_path: Path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (tmp_path / "r.txt").write_text("建成300家,培训50人。", encoding="utf-8")
    (gold / "r.json").write_text(json.dumps({"file": "r.txt", "figures": [
        {"text": "300家", "value": 300, "unit": "家", "start": 2, "end": 6},
        {"text": "9人", "value": 9, "unit": "人", "start": 9, "end": 12}]}), encoding="utf-8")
    assert main(["eval", str(gold), str(tmp_path / "r.txt"), "--verbose"]) == 0
    out, _ = capsys.readouterr()
    assert " FP " in out and " FN " in out and "tp=1 fp=1 fn=1" in out


def test_eval_against_reviewed_sessions(capsys, tmp_path: Path):
    from hedui.core.extract.extractor import Extractor
    from hedui.core.text.report import load_report
    from hedui.core.session.session import Session

    report = tmp_path / "r.txt"
    report.write_text("全年新建职工之家300家,培训职工2万人次,投入资金50万元。", encoding="utf-8")
    s = Session.open(Extractor().extract(load_report(report)), tmp_path / "sessions", "li")
    ids = [e.id for e in s.entries]
    assert len(ids) == 3
    s.accept(ids[0])
    s.accept(ids[1])
    s.reject(ids[2])
    s.close()
    assert main(["eval", "--sessions", str(tmp_path / "sessions"), str(report), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert (res["tp"], res["fp"], res["fn"]) == (2, 1, 0)  # the rejected figure, proposed again, is an fp


def test_eval_needs_gold_and_reports(capsys):
    assert main(["eval", str(ROOT / "seeds")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "GOLD_DIR" in err


def test_json_lines_are_the_encoders_character_for_character():
    # hedui extract writes each line straight from the figure (corpus/extraction.json_line):
    # exactly json.dumps(figure.as_json(name), ensure_ascii=False), whatever the fields hold
    from hedui.core.corpus.extraction import extract_bytes, json_line
    from hedui.core.model import Fields, Figure

    path = Path(__file__).resolve().parent.parent / "seeds"
    real = [f for p in sorted(path.glob("*.txt")) for f in extract_bytes(p.read_bytes(), p.name).figures]
    odd = [
        Figure(0, 5, 'a"b\\c\n\t\x01\u2028😀', Fields(-1.5e-07, 1e22, "万元", ">=", "money", '标"签', "2023年"),
               "rule.x", excluded=True, repeat_of=12, label_alternatives=('甲"', "乙\\"), period_alternatives=("上年",)),
        Figure(3, 4, "3", Fields(0.1, None, "", "=", "count"), "r"),
        Figure(3, 4, "3", Fields(float("nan"), float("inf"), "", "=", "count"), "r"),  # not JSON numbers: the encoder's
        Figure(3, 4, "3", Fields(True, None, "", "=", "count"), "r"),  # a bool: the encoder's true
    ]
    assert len(real) > 100
    for name in ("seed.txt", 'a "quoted"\\name.txt'):
        line = json_line(name)
        for f in real + odd:
            assert line(f) == json.dumps(f.as_json(name), ensure_ascii=False) + "\n"
