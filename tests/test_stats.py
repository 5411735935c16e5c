"""`hedui stats`: progress, statuses, rule acceptance (most rejected first), pace."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hedui.cli import main
from hedui.core.session import session as session_mod
from hedui.core.session import store as store_mod
from hedui.core.model import FIELD_NAMES, Fields
from hedui.core.session.session import Session
from hedui.core.session.read import load_all
from hedui.core.dataset.stats import COUNTED, compute, work_hours
from tests.session_helpers import NEEDLES, TEXT, make_extraction


class Clock:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 2, 9, 0, 0, tzinfo=timezone.utc)

    def __call__(self) -> str:
        return self.t.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(session_mod, "now_rfc3339", clock)
    monkeypatch.setattr(store_mod, "now_rfc3339", clock)
    (tmp_path / "r").mkdir()
    needles = [(t, f) for t, f in NEEDLES]
    ex = make_extraction(tmp_path / "r" / "one.txt", TEXT, needles[:4], rule="rule.good")
    ex = ex.__class__(report=ex.report, rules_digest="d",
                      figures=ex.figures + make_extraction(tmp_path / "r" / "one.txt", TEXT, needles,
                                                           rule="rule.bad").figures[4:])
    s = Session.open(ex, tmp_path / "s", "li")
    ids = [e.id for e in s.entries]
    # rule.good: 3 accepted, 1 corrected; rule.bad: 3 rejected, 1 accepted
    plan = [s.accept, s.accept, s.accept, lambda i: s.correct(i, Fields(1)),
            s.reject, s.reject, s.reject, s.accept]
    for i, act in zip(ids, plan):
        clock.t += timedelta(seconds=36)  # 100 an hour
        act(i)
    clock.t += timedelta(hours=3)  # a long break is not work
    s.add(0, 2, Fields(5))
    s.close()
    ex2 = make_extraction(tmp_path / "r" / "two.txt", TEXT, NEEDLES, rule="rule.good")
    s = Session.open(ex2, tmp_path / "s", "li")
    clock.t += timedelta(seconds=36)
    s.flag(s.entries[0].id, "other")
    s.undo()  # undo and redo are not counted as decisions for the pace
    s.close()
    return tmp_path


def test_compute(folder):
    sessions, bad = load_all(folder / "s")
    assert bad == []
    st = compute(sessions)
    assert [(p, d, t) for p, _, d, t in st.progress] == [("r/one.txt", 9, 9), ("r/two.txt", 0, 8)]
    assert st.by_status["accepted"] == 4 and st.by_status["rejected"] == 3 and st.by_status["added"] == 1
    assert st.by_status["pending"] == 8 and st.by_status["corrected"] == 1
    assert [r.rule for r in st.rules][:2] == ["rule.bad", "rule.good"]
    bad_rule, good = st.rules[0], st.rules[1]
    assert bad_rule.counts["rejected"] == 3 and bad_rule.acceptance == pytest.approx(0.25)
    # a correction keeps the figure: it counts for the rule, and against the fields it changed
    assert good.acceptance == pytest.approx(1.0) and good.kept == 4
    corrected = next(e for e in sessions[0].entries if e.status == "corrected")
    changed = {("value" if n == "value_max" else n) for n in FIELD_NAMES
               if getattr(corrected.suggestion, n) != getattr(corrected.fields, n)}
    assert changed  # Fields(1) differs from the suggestion
    for name in COUNTED:
        assert good.correction_rate(name) == pytest.approx(0.25 if name in changed else 0.0)
    assert bad_rule.correction_rate("label") == 0.0
    assert {r.rule: r.counts["added"] for r in st.rules}["manual"] == 1
    n, hours = st.pace["li"]
    assert n == 10  # 8 + add + flag (the undo is not a decision)
    assert hours == pytest.approx(7 * 36 / 3600 + 36 / 3600)  # breaks over 10 minutes left out


def test_cli_output(folder, capsys):
    assert main(["stats", "--sessions", str(folder / "s")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert any(ln.split()[:2] == ["r/one.txt", "li"] and "9/9" in ln and "100.0%" in ln for ln in lines)
    assert any(ln.split()[0] == "all" and "9/17" in ln for ln in lines)
    rules = next(i for i, ln in enumerate(lines) if ln.startswith("rules (most rejected first"))
    assert lines[rules + 2].split()[0] == "rule.bad" and lines[rules + 2].split()[-1] == "25%"
    fields = next(i for i, ln in enumerate(lines) if ln.startswith("corrections per field"))
    assert lines[fields + 1].split()[:8] == ["rule", "kept", *COUNTED]
    good = next(ln.split() for ln in lines[fields + 2:] if ln.split()[0] == "rule.good")
    assert good[1] == "4" and "25%" in good[2:]
    pace = [ln for ln in lines if ln.strip().startswith("li ") and "figures/hour" in ln]
    assert len(pace) == 1 and "125 figures/hour" in pace[0]


def test_work_hours():
    t = datetime(2026, 1, 1, tzinfo=timezone.utc)
    ts = [t, t + timedelta(minutes=5), t + timedelta(minutes=50), t + timedelta(minutes=51)]
    assert work_hours(ts) == pytest.approx(6 / 60)
    assert work_hours([t]) == 0


def test_a_label_only_fix_is_no_rejection_of_the_rule(tmp_path):
    from dataclasses import replace

    ex = make_extraction(tmp_path / "r.txt", TEXT, NEEDLES[:4], rule="unit.percent")
    with Session.open(ex, tmp_path / "s", "li") as s:
        ids = [e.id for e in s.entries]
        s.correct(ids[0], replace(s.entry(ids[0]).fields, label="职业技能大赛"))
        s.correct(ids[1], replace(s.entry(ids[1]).fields, period="2020年", label="工种数"))
        s.accept(ids[2])
        s.reject(ids[3])
    sessions, _ = load_all(tmp_path / "s")
    rule = compute(sessions).rules[0]
    assert rule.rule == "unit.percent"
    assert rule.acceptance == pytest.approx(3 / 4)  # two fixes and an accept kept, one rejection
    assert rule.correction_rate("label") == pytest.approx(2 / 3)
    assert rule.correction_rate("period") == pytest.approx(1 / 3)
    assert rule.correction_rate("value") == 0.0
