"""Field fixes in the session: corrections recorded field by field, and several figures
corrected as ONE step (a table column given its period) that one undo takes back."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from hedui.core.model import SessionError
from hedui.core.session.session import Session
from tests.session_helpers import NEEDLES, TEXT, make_extraction


@pytest.fixture
def session(tmp_path):
    ex = make_extraction(tmp_path / "r.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp_path / "s", "li")
    yield s
    s.close()


def journal(s: Session) -> list[dict]:
    path = s.path.with_name(s.path.name + ".journal")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_a_correction_records_the_fields_it_changed(session):
    e = session.entries[0]
    session.correct(e.id, replace(e.fields, label="职业技能大赛"))
    rec = session.log[-1]
    assert rec["op"] == "correct" and rec["changed"] == ["label"]
    assert journal(session)[-1]["changed"] == ["label"]
    e2 = session.entries[1]
    session.correct(e2.id, replace(e2.fields, period="2020年", bound="~"))
    assert session.log[-1]["changed"] == ["bound", "period"]


def test_correct_many_is_one_step_for_undo_and_redo(session, tmp_path):
    ids = [e.id for e in session.entries[:3]]
    session.accept(session.entries[5].id)  # an earlier decision, left alone by the undo
    changes = [(eid, replace(session.entry(eid).fields, period="2024年")) for eid in ids]
    session.correct_many(changes)
    assert [session.entry(i).fields.period for i in ids] == ["2024年"] * 3
    assert {session.entry(i).status for i in ids} == {"corrected"}
    groups = {rec.get("group") for rec in session.log[-3:]}
    assert len(groups) == 1 and None not in groups
    session.undo()
    assert [session.entry(i).status for i in ids] == ["pending"] * 3
    assert [session.entry(i).fields.period for i in ids] == ["近五年", "近五年", ""]
    assert session.entry(session.entries[5].id).status == "accepted"
    session.redo()
    assert [session.entry(i).fields.period for i in ids] == ["2024年"] * 3
    session.undo()
    session.close()
    # across a restart: the group is still one step
    ex = make_extraction(tmp_path / "r.txt", TEXT, NEEDLES)
    with Session.open(ex, tmp_path / "s", "li") as again:
        again.redo()
        assert [again.entry(i).fields.period for i in ids] == ["2024年"] * 3
        again.undo()
        assert [again.entry(i).status for i in ids] == ["pending"] * 3
        again.undo()  # the accept before the group
        assert again.entry(again.entries[5].id).status == "pending"


def test_correct_many_with_an_unknown_id_writes_nothing(session):
    before = len(session.log)
    with pytest.raises(KeyError):
        session.correct_many([(session.entries[0].id, session.entries[0].fields), ("f9999", session.entries[0].fields)])
    assert len(session.log) == before


def test_a_bad_changed_list_is_refused(session):
    from hedui.core.session.file_format import validate_log_record

    rec = {"seq": 1, "at": "2026-01-01T00:00:00Z", "op": "correct", "id": "f0001", "changed": ["colour"]}
    with pytest.raises(Exception, match="changed must be a list of field names"):
        validate_log_record(rec)
    with pytest.raises(Exception, match="group"):
        validate_log_record({**rec, "changed": [], "group": 0})


def test_correct_many_on_a_read_only_session_is_refused(tmp_path):
    ex = make_extraction(tmp_path / "r.txt", TEXT, NEEDLES)
    Session.open(ex, tmp_path / "s", "li").close()
    with Session.open(ex, tmp_path / "s", "li", read_only=True) as ro:
        with pytest.raises(SessionError):
            ro.correct_many([(ro.entries[0].id, ro.entries[0].fields)])


def test_respan_is_one_step_a_reject_and_an_add(session):
    e = session.entries[3]  # 260元至500元: give it the span of 500元 alone
    start = e.start + e.text.index("500元")
    new = session.respan(e.id, start, e.end, replace(e.fields, value=500, value_max=None, bound="="))
    assert (new.start, new.end, new.status, new.rule) == (start, e.end, "added", e.rule)
    assert session.entry(e.id).status == "rejected" and "span moved" in session.entry(e.id).note
    assert {r["op"] for r in session.log[-2:]} == {"reject", "add"} and len({r["group"] for r in session.log[-2:]}) == 1
    session.undo()
    assert session.entry(e.id).status == "pending"
    assert all(x.start != start or x.end != e.end for x in session.entries)  # the added one is gone
    session.redo()
    assert session.entry(new.id).status == "added"
    with pytest.raises(SessionError, match="already covers"):
        session.respan(session.entries[0].id, new.start, new.end, new.fields)
