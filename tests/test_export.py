"""`hedui export`: CSV and JSON Lines of the verified figures, and `verified_reference` for eval."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from hedui.cli import main
from hedui.core.dataset.export import COLUMNS
from hedui.core.model import Fields
from hedui.core.session.session import Session
from hedui.core.dataset.reference import verified_reference
from tests.session_helpers import NEEDLES, TEXT, make_extraction

NOTE = 'a note, with "quotes",\nanother line and 繁體'


@pytest.fixture
def folder(tmp_path):
    """Two reports reviewed: every status, a range, an empty unit, traditional text, awkward notes."""
    (tmp_path / "reports").mkdir()
    ex = make_extraction(tmp_path / "reports" / "one.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp_path / "sessions", "li")
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    s.correct(ids[3], replace(NEEDLES[3][1], value_max=600), note=NOTE)  # a range
    s.correct(ids[4], replace(NEEDLES[4][1], unit="", label="=SUM(A1)"))  # empty unit, formula-like
    s.accept(ids[5])  # traditional label
    s.accept(ids[6])  # float value
    s.flag(ids[1], "ambiguous", "看不清")
    s.reject(ids[2])
    s.add(TEXT.index("五年"), TEXT.index("五年") + 2, Fields(5, unit="年", category="measure"), rule="exclude.period")
    s.close()
    ex2 = make_extraction(tmp_path / "reports" / "two.txt", "全年共计7家。", [("7家", Fields(7, unit="家"))])
    s = Session.open(ex2, tmp_path / "sessions", "王芳")
    s.accept(s.entries[0].id)
    s.close()
    return tmp_path


def export(folder, *args):
    out = folder / "out.data"
    rc = main(["export", "--sessions", str(folder / "sessions"), "-o", str(out), *args])
    return rc, out.read_bytes()


def test_csv_round_trips_with_the_csv_module(folder):
    rc, data = export(folder)
    assert rc == 0
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert tuple(rows[0].keys()) == COLUMNS
    assert len(rows) == 7  # 5 verified + 1 added in one.txt, 1 in two.txt; no flagged, rejected, pending
    by_text = {r["text"]: r for r in rows}
    assert set(by_text) == {"41场次", "260元至500元", "1588万元", "3496户", "2.22個百分點", "五年", "7家"}
    rng = by_text["260元至500元"]
    assert (rng["value"], rng["value_max"], rng["bound"], rng["status"]) == ("260", "600", "range", "corrected")
    assert rng["note"] == NOTE and rng["reviewer"] == "li" and rng["decided_at"].endswith("Z")
    assert by_text["1588万元"]["unit"] == "" and by_text["1588万元"]["label"] == "=SUM(A1)"
    assert by_text["3496户"]["label"] == "幫扶困難職工"
    assert float(by_text["2.22個百分點"]["value"]) == 2.22 and by_text["41场次"]["value_max"] == ""
    assert by_text["五年"]["rule"] == "exclude.period" and by_text["五年"]["status"] == "added"
    assert by_text["7家"]["reviewer"] == "王芳" and by_text["7家"]["file"] == "reports/two.txt"
    for r in rows:
        text = (folder / r["file"]).read_text("utf-8")
        assert text[int(r["start"]):int(r["end"])] == r["text"]
        assert len(r["sha256"]) == 64


def test_include_flagged_and_bom(folder):
    rc, data = export(folder, "--include-flagged", "--bom")
    assert rc == 0 and data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0].keys()) == COLUMNS
    flagged = [r for r in rows if r["status"] == "flagged"]
    assert len(rows) == 8 and [r["note"] for r in flagged] == ["看不清"]


def test_jsonl_has_typed_values(folder):
    rc, data = export(folder, "--format", "jsonl")
    assert rc == 0
    recs = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert len(recs) == 7 and all(tuple(r) == COLUMNS for r in recs)
    by_text = {r["text"]: r for r in recs}
    assert by_text["260元至500元"]["value_max"] == 600 and by_text["41场次"]["value_max"] is None
    assert by_text["2.22個百分點"]["value"] == 2.22 and isinstance(by_text["41场次"]["start"], int)
    assert by_text["1588万元"]["value"] == 15880000


def test_stdout_and_damaged_session(folder, capsys):
    bad = folder / "sessions" / "broken.li.toml"
    bad.write_text("format = 1\nreviewer = [\n", "utf-8")
    rc = main(["export", "--sessions", str(folder / "sessions")])
    out, err = capsys.readouterr()
    assert rc == 1
    assert err.strip().splitlines() == [err.strip()] and "broken.li.toml:3: TOML syntax error" in err
    assert len(list(csv.reader(io.StringIO(out)))) == 8  # header + the good sessions' rows
    assert bad.read_text("utf-8") == "format = 1\nreviewer = [\n"


def test_missing_sessions_folder(tmp_path, capsys):
    assert main(["export", "--sessions", str(tmp_path / "nope")]) == 1
    assert "nope: sessions folder not found" in capsys.readouterr().err


def test_export_includes_journal_of_an_open_session(folder):
    ex = make_extraction(folder / "reports" / "three.txt", "又有9人。", [("9人", Fields(9, unit="人"))])
    s = Session.open(ex, folder / "sessions", "li")
    s.accept(s.entries[0].id)  # only in the journal yet
    rc, data = export(folder)
    s.close()
    assert rc == 0 and "9人" in data.decode("utf-8")


def test_verified_reference_in_gold_format(folder):
    ref = verified_reference(folder / "sessions")
    assert set(ref) == {"one", "two"}
    one = {f["text"]: f for f in ref["one"]}
    assert set(one["41场次"]) == {"start", "end", "text", "value", "value_max", "unit", "bound", "category",
                                 "label", "period", "optional"}
    required = {t for t, f in one.items() if not f["optional"]}
    assert required == {"41场次", "260元至500元", "1588万元", "3496户", "2.22個百分點", "五年"}
    assert one["114个"]["optional"] and one["98.5%以上"]["optional"]  # flagged, pending
    assert "186名" not in one  # rejected
    assert one["260元至500元"]["value_max"] == 600
    assert [f["start"] for f in ref["one"]] == sorted(f["start"] for f in ref["one"])


def test_verified_reference_scores_with_the_eval_metric(folder):
    from hedui.core.dataset.evaluate import score

    ref = verified_reference(folder / "sessions")
    # predictions: the verified figures themselves, plus one for the flagged (optional) figure
    # and one for the rejected: only the rejected one is a false positive
    preds = {name: [dict(f, file=f"{name}.txt", rule="x") for f in figs if not f["optional"]]
             for name, figs in ref.items()}
    text = TEXT
    flagged = next(f for f in ref["one"] if f["text"] == "114个")
    rejected_at = text.index("186名")
    preds["one"].append(dict(flagged, file="one.txt", rule="x"))
    preds["one"].append({"file": "one.txt", "start": rejected_at, "end": rejected_at + 4, "text": "186名",
                         "value": 186, "value_max": None, "unit": "名", "bound": "=", "category": "count",
                         "label": "", "period": "", "rule": "x"})
    res = score(ref, preds)
    assert (res.tp, res.fp, res.fn) == (7, 1, 0)


def test_verified_reference_leaves_out_changed_reports(folder):
    (folder / "reports" / "two.txt").write_text("全年共计8家。", "utf-8")
    skipped: list[str] = []
    ref = verified_reference(folder / "sessions", skipped)
    assert set(ref) == {"one"}
    assert len(skipped) == 1 and "two" in skipped[0] and "changed since it was reviewed" in skipped[0]
