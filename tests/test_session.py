"""Session API: decisions, round trip of every field, undo/redo across reopen, the lock."""
from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest

from hedui.core.model import Fields, SessionError, SessionLocked
from hedui.core.session.session import Session
from tests.session_helpers import NEEDLES, TEXT, make_extraction


@pytest.fixture
def ex(tmp_path):
    return make_extraction(tmp_path / "report.txt", TEXT, NEEDLES)


def open_(ex, tmp_path, **kw):
    return Session.open(ex, tmp_path / "sessions", "li", **kw)


def test_new_session_has_every_figure_pending(ex, tmp_path):
    s = open_(ex, tmp_path)
    assert s.progress() == (0, len(NEEDLES))
    assert [e.text for e in s.entries] == [n for n, _ in NEEDLES]
    assert all(e.status == "pending" and e.fields == e.suggestion for e in s.entries)
    assert len({e.id for e in s.entries}) == len(NEEDLES)
    assert s.first_pending() is s.entries[0]
    assert s.path.name == "report.li.toml"
    assert s.path.with_name("report.li.toml.lock").exists() and not s.path.exists()  # lazy: the lock only
    s.close()
    assert not s.path.exists() and not s.path.with_name("report.li.toml.lock").exists()
    left = [p.name for p in (tmp_path / "sessions").iterdir()]
    assert left == [".gitignore"]  # no decision: nothing but the new folder's .gitignore


def test_a_lazy_session_is_written_with_its_first_decision(ex, tmp_path):
    s = open_(ex, tmp_path)
    first = s.entries[0].id
    s.accept(first)
    assert s.path.exists()  # the file before the journal: the journal never lacks its file
    s.close()
    again = open_(ex, tmp_path, read_only=True)
    assert again.entry(first).status == "accepted" and again.progress() == (1, len(NEEDLES))
    again.close()


def test_round_trip_of_every_field(ex, tmp_path):
    s = open_(ex, tmp_path)
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    s.reject(ids[1])
    s.flag(ids[2], "source-error", "写错了 \"quoted\" \\ back\nslash")
    corrected = Fields(value=-6.4, value_max=1e-05, unit="", bound="range", category="ratio",
                       label="幫扶困難職工 \t tab", period="2020年上半年")
    s.correct(ids[3], corrected, note="范围")
    big = Fields(value=2**62, value_max=None, unit="微克/立方米", bound="<=", category="measure")
    s.correct(ids[4], big)
    added = s.add(TEXT.index("近五年"), TEXT.index("近五年") + 3, Fields(5, unit="年", category="measure"),
                  note="promoted", rule="exclude.period")
    before = {e.id: e for e in s.entries}
    s.close()

    s2 = open_(ex, tmp_path)
    after = {e.id: e for e in s2.entries}
    assert after == before
    e = s2.entry(ids[3])
    assert e.status == "corrected" and e.fields == corrected and e.suggestion == NEEDLES[3][1]
    assert e.suggestion.value_max == 500 and e.note == "范围"
    assert s2.entry(ids[2]).note == "写错了 \"quoted\" \\ back\nslash"
    assert s2.entry(ids[2]).flag_reason == "source-error"
    assert s2.entry(ids[4]).fields.value == 2**62
    a = s2.entry(added.id)
    assert a.status == "added" and a.suggestion is None and a.rule == "exclude.period" and a.text == "近五年"
    assert all(x.decided_by == "li" and x.decided_at.endswith("Z") for x in s2.entries if x.decided)
    assert s2.progress() == (6, len(NEEDLES) + 1)
    assert s2.updated_at == max(x.decided_at for x in s2.entries if x.decided)
    s2.close()
    # the file is plain TOML holding the same
    doc = tomllib.loads(s.path.read_text("utf-8"))
    assert doc["format"] == 2 and doc["report"]["chars"] == len(TEXT)
    figs = {f["id"]: f for f in doc["figure"]}
    assert figs[ids[3]]["fields"]["label"] == "幫扶困難職工 \t tab"
    assert "value_max" not in figs[ids[0]]["suggestion"] and "fields" not in figs[ids[0]]  # same as suggested
    assert figs[ids[3]]["suggestion"]["value_max"] == 500 and figs[added.id]["fields"]["unit"] == "年"
    assert "suggestion" not in figs[added.id]
    assert figs[ids[6]]["suggestion"]["unit"] == "百分点"


def test_entries_sorted_and_ids_never_reused(ex, tmp_path):
    s = open_(ex, tmp_path)
    a = s.add(0, 3, Fields(5))
    assert s.entries[0].id == a.id
    s.undo()  # removes the added figure
    assert a.id not in {e.id for e in s.entries}
    b = s.add(0, 3, Fields(5))
    assert b.id != a.id
    assert [(e.start, e.end) for e in s.entries] == sorted((e.start, e.end) for e in s.entries)
    s.close()


def test_undo_redo_rebuilt_from_log_across_reopen(ex, tmp_path):
    s = open_(ex, tmp_path)
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    s.correct(ids[1], replace(NEEDLES[1][1], value=115))
    s.reject(ids[2])
    assert s.undo().id == ids[2]
    assert s.entry(ids[2]).status == "pending"
    s.close()

    s = open_(ex, tmp_path)
    assert s.can_undo() and s.can_redo()
    assert s.redo().status == "rejected"
    assert not s.can_redo()
    assert s.undo().id == ids[2]
    assert s.undo().id == ids[1]
    assert s.entry(ids[1]).status == "pending" and s.entry(ids[1]).fields.value == 114
    s.close()

    s = open_(ex, tmp_path)
    assert s.progress() == (1, len(NEEDLES))
    assert s.redo().fields.value == 115
    assert s.undo().id == ids[1] and s.undo().id == ids[0]
    assert s.undo() is None and not s.can_undo()
    assert s.progress() == (sum(e.decided for e in s.entries), len(s.entries))
    s.accept(ids[5])  # a new decision clears the redo stack
    assert not s.can_redo() and s.redo() is None
    ops = [r["op"] for r in s.log]
    assert ops == ["accept", "correct", "reject", "undo", "redo", "undo", "undo", "redo", "undo", "undo", "accept"]
    s.close()
    s = open_(ex, tmp_path)
    assert s.can_undo() and not s.can_redo()
    s.close()


def test_reset_and_undo_of_add(ex, tmp_path):
    s = open_(ex, tmp_path)
    e = s.entries[0]
    s.flag(e.id, "ambiguous")
    assert s.reset(e.id).status == "pending"
    assert s.entry(e.id).flag_reason == "" and s.entry(e.id).decided_by == ""
    a = s.add(0, 2, Fields(5))
    s.reset(a.id)
    assert a.id not in [x.id for x in s.entries]
    assert s.undo().id == a.id and s.entry(a.id).status == "added"
    assert s.progress() == (1, len(NEEDLES) + 1)
    s.close()


def test_bad_calls_raise_session_error(ex, tmp_path):
    s = open_(ex, tmp_path)
    with pytest.raises(SessionError):
        s.flag(s.entries[0].id, "no-such-reason")
    with pytest.raises(SessionError):
        s.add(5, 5000, Fields(1))
    with pytest.raises(SessionError):
        s.add(s.entries[0].start, s.entries[0].end, Fields(1))
    with pytest.raises(SessionError):
        s.correct(s.entries[0].id, Fields(1, bound="about"))
    with pytest.raises(SessionError):
        s.correct(s.entries[0].id, Fields(float("nan")))
    with pytest.raises(KeyError):
        s.accept("nope")
    assert s.progress() == (0, len(NEEDLES)) and not s.can_undo()
    s.close()


def test_lock_names_holder_and_read_only_works(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    with pytest.raises(SessionLocked) as info:
        open_(ex, tmp_path)
    msg = str(info.value)
    assert "report.li.toml" in msg and "@" in msg and "since" in msg and "\n" not in msg
    assert info.value.holder.startswith(f"{__import__('os').getpid()}@")
    ro = open_(ex, tmp_path, read_only=True)
    assert ro.read_only and ro.entry(s.entries[0].id).status == "accepted"  # journal folded in
    with pytest.raises(SessionError):
        ro.accept(ro.entries[1].id)
    with pytest.raises(SessionError):
        ro.undo()
    ro.close()
    s.close()
    s = open_(ex, tmp_path)  # free again
    s.close()


def test_two_reports_with_one_stem_get_two_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ex1 = make_extraction(tmp_path / "a" / "r.txt", TEXT, NEEDLES)
    ex2 = make_extraction(tmp_path / "b" / "r.txt", TEXT + "另有7家。", NEEDLES + [("7家", Fields(7, unit="家"))])
    s1 = Session.open(ex1, tmp_path / "sessions", "li")
    s2 = Session.open(ex2, tmp_path / "sessions", "li")
    assert s1.path != s2.path
    s1.accept(s1.entries[0].id)
    s1.close()
    s2.close()
    again = Session.open(ex2, tmp_path / "sessions", "li")
    assert again.path == s2.path and len(again.entries) == len(NEEDLES) + 1
    again.close()
    again = Session.open(ex1, tmp_path / "sessions", "li")
    assert again.path == s1.path and again.progress()[0] == 1
    again.close()


def test_reviewers_get_separate_files(ex, tmp_path):
    s1 = Session.open(ex, tmp_path / "s", "li")
    s2 = Session.open(ex, tmp_path / "s", "王 芳")
    assert s1.path != s2.path
    s1.close()
    s2.close()


def test_worker_thread_writes_toml_in_background(ex, tmp_path):
    s = open_(ex, tmp_path, batch=3, idle=0.05)
    for e in list(s.entries)[:5]:
        s.accept(e.id)
    import time
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        doc = tomllib.loads(s.path.read_text("utf-8"))
        if doc["journal_seq"] == 5:
            break
        time.sleep(0.02)
    assert doc["journal_seq"] == 5
    assert sum(f["status"] == "accepted" for f in doc["figure"]) == 5
    assert s.path.with_name(s.path.name + ".bak").exists()
    s.close()


def test_closed_session_refuses_decisions_and_close_is_idempotent(ex, tmp_path):
    s = open_(ex, tmp_path)
    s.accept(s.entries[0].id)
    s.close()
    s.close()
    with pytest.raises(SessionError, match="closed"):
        s.reject(s.entries[1].id)
    with pytest.raises(SessionError, match="empty"):
        Session.open(ex, tmp_path / "sessions", "  ")


def test_read_only_open_of_a_new_session_writes_nothing(ex, tmp_path):
    s = open_(ex, tmp_path, read_only=True)
    assert s.progress() == (0, len(NEEDLES))
    s.close()
    assert not (tmp_path / "sessions").exists()


def test_last_worked_on(tmp_path):
    from hedui.core.session.read import last_updated, last_worked_on
    from tests.session_helpers import make_extraction as mk

    (tmp_path / "r").mkdir()
    a = mk(tmp_path / "r" / "a.txt", TEXT, NEEDLES)
    b = mk(tmp_path / "r" / "b.txt", TEXT, NEEDLES)
    sa = Session.open(a, tmp_path / "s", "li")
    sb = Session.open(b, tmp_path / "s", "li")
    assert last_worked_on(tmp_path / "s", "li") is None
    sa.accept(sa.entries[0].id)
    assert last_worked_on(tmp_path / "s", "li") == "r/a.txt"  # from the journal, before any rewrite
    import time
    time.sleep(1.1)  # timestamps have one-second resolution
    sb.accept(sb.entries[0].id)
    assert last_worked_on(tmp_path / "s", "li") == "r/b.txt"
    sa.close()
    sb.close()
    assert last_worked_on(tmp_path / "s", "li") == "r/b.txt" and last_worked_on(tmp_path / "s", "wang") is None
    assert last_updated(sb.path) == sb.updated_at


def test_reviewer_names_never_share_a_file(ex, tmp_path):
    from hedui.core.session.paths import safe_name

    assert safe_name("li") == "li" and safe_name("wang.fang") == "wang.fang"
    assert safe_name("li?") != safe_name("li") and safe_name("li?") != safe_name("li*")
    assert safe_name("王 芳").startswith("王_芳~") and safe_name("../../etc") .count("/") == 0
    s1 = Session.open(ex, tmp_path / "s", "li")
    s2 = Session.open(ex, tmp_path / "s", "li?")
    assert s1.path != s2.path
    s2.accept(s2.entries[0].id)  # a decision writes the (lazy) file
    s1.close()
    s2.close()
    s2.path.rename(s1.path)  # a file of another reviewer under li's name is refused, not taken over
    with pytest.raises(SessionError, match="reviewer 'li\\?', not 'li'"):
        Session.open(ex, tmp_path / "s", "li")


def test_inputs_the_file_could_not_hold_are_refused(tmp_path):
    text = "前\x00文共有12家。" + TEXT
    ex = make_extraction(tmp_path / "nul.txt", text, [("12家", Fields(12, unit="家"))] + NEEDLES)
    s = Session.open(ex, tmp_path / "s", "li")
    s.accept(s.entries[0].id)  # its context holds the report's NUL: fine
    s.add(0, 3, Fields(1))  # so does its text
    with pytest.raises(SessionError, match="note contains a NUL"):
        s.flag(s.entries[2].id, "other", "a\x00b")
    with pytest.raises(SessionError, match="note is too long"):
        s.correct(s.entries[2].id, Fields(1), note="x" * 20_000)
    with pytest.raises(SessionError, match="label contains a NUL"):
        s.correct(s.entries[2].id, Fields(1, label="\x00"))
    s.close()
    s = Session.open(ex, tmp_path / "s", "li")
    assert s.progress() == (2, len(NEEDLES) + 2)
    s.close()
    with pytest.raises(SessionError, match="reviewer contains a NUL"):
        Session.open(ex, tmp_path / "s", "l\x00i")


def test_moved_report_keeps_its_session(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    ex = make_extraction(tmp_path / "old" / "r.txt", TEXT, NEEDLES)
    s = Session.open(ex, tmp_path / "s", "li")
    s.accept(s.entries[0].id)
    s.close()
    (tmp_path / "old" / "r.txt").rename(tmp_path / "new" / "r.txt")
    moved = make_extraction(tmp_path / "new" / "r.txt", TEXT, NEEDLES)
    s2 = Session.open(moved, tmp_path / "s", "li")
    assert s2.path == s.path and s2.progress() == (1, len(NEEDLES)) and s2.notices == []
    s2.close()
    assert tomllib.loads(s.path.read_text("utf-8"))["report"]["path"] == "new/r.txt"


def test_report_without_figures(tmp_path):
    from hedui.core.session.paths import peek_header

    ex = make_extraction(tmp_path / "empty.txt", "本报告没有数字。", [])
    s = Session.open(ex, tmp_path / "s", "li")
    assert s.entries == [] and s.progress() == (0, 0) and s.first_pending() is None
    s.close()
    assert not s.path.exists()  # nothing decided: nothing written
    s = Session.open(ex, tmp_path / "s", "li")
    a = s.add(5, 7, Fields(1))
    assert s.progress() == (1, 1) and s.entry(a.id).text == "数字"
    s.close()
    assert peek_header(s.path)["report"]["path"] == "empty.txt"


def test_bad_figures_from_the_extractor_are_left_out_with_a_notice(tmp_path):
    from hedui.core.model import Figure

    ex = make_extraction(tmp_path / "r.txt", TEXT, NEEDLES)
    bad = (Figure(5, 3, "x", Fields(1), "r"), Figure(0, 2, "错字", Fields(1), "r"),
           Figure(0, 2, TEXT[:2], Fields(float("inf")), "r"), Figure(0, 2, TEXT[:2], Fields(1, bound="?"), "r"))
    ex = ex.__class__(report=ex.report, figures=ex.figures + bad, rules_digest=ex.rules_digest)
    s = Session.open(ex, tmp_path / "s", "li")
    assert len(s.entries) == len(NEEDLES) and len(s.notices) == 4
    assert all("cannot be kept" in n for n in s.notices)
    s.close()
    s = Session.open(ex, tmp_path / "s", "li")  # the file stays readable
    assert len(s.entries) == len(NEEDLES)
    s.close()
