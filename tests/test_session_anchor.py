"""A report edited or rules changed under a session: decisions follow, none is dropped."""
from __future__ import annotations

from dataclasses import replace

from hedui.core.dataset.check import check_file
from hedui.core.extract.extractor import Extractor
from hedui.core.model import Extraction, Fields, Figure
from hedui.core.text.report import load_report
from hedui.core.session.session import Session
from tests.session_helpers import NEEDLES, SEEDS, TEXT, figures_for, make_extraction, make_report


def decide_some(s: Session) -> dict[str, str]:
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    s.reject(ids[2])
    s.correct(ids[3], replace(NEEDLES[3][1], value_max=600), note="n")
    s.flag(ids[5], "ambiguous")
    return {e.id: e.status for e in s.entries if e.decided}


def test_insert_before_figures_decisions_follow(tmp_path):
    path = tmp_path / "r.txt"
    s = Session.open(make_extraction(path, TEXT, NEEDLES), tmp_path / "s", "li")
    decided = decide_some(s)
    s.close()

    edited = "【新增导语】本报讯，记者从市总工会获悉。\n" + TEXT
    ex2 = make_extraction(path, edited, NEEDLES)
    s = Session.open(ex2, tmp_path / "s", "li")
    assert {e.id: e.status for e in s.entries if e.decided} == decided
    for e in s.entries:
        assert edited[e.start:e.end] == e.text
    assert s.entry(list(decided)[2]).fields.value_max == 600
    assert s.orphans == []
    assert s.notices and "report changed" in s.notices[0] and "4 decisions kept (4 moved)" in s.notices[0]
    assert s.progress() == (4, len(NEEDLES))
    assert not s.can_undo()  # the log was re-based
    s.close()
    # a reopen with the same report applies nothing more
    s = Session.open(ex2, tmp_path / "s", "li")
    assert s.notices == [] and {e.id: e.status for e in s.entries if e.decided} == decided
    assert [r["op"] for r in s.log][-1] == "reanchor"
    s.close()


def test_ambiguous_and_vanished_decisions_are_listed_and_kept(tmp_path):
    path = tmp_path / "r.txt"
    s = Session.open(make_extraction(path, TEXT, NEEDLES), tmp_path / "s", "li")
    ids = [e.id for e in s.entries]
    s.accept(ids[1])  # 114个
    s.accept(ids[4])  # 1588万元
    s.reject(ids[7])  # 98.5%以上
    s.close()

    cut = TEXT.index("。") + 5
    # after a new lead, the passage around 114个 appears twice (same context: ambiguous),
    # 1588万元 is gone, 98.5% moves
    edited = "导语。" + TEXT[:cut] + TEXT[:cut] + TEXT[cut:].replace("1588万元", "一千万元")
    needles = [n for n in NEEDLES if n[0] != "1588万元"]
    needles = needles[:3] + needles  # the repeated passage holds the first three
    ex2 = Extraction(report=make_report(path, edited), figures=figures_for(edited, needles), rules_digest="d1")
    s = Session.open(ex2, tmp_path / "s", "li")
    assert {o.id for o in s.orphans} == {ids[1], ids[4]}
    text = "\n".join(s.notices)
    assert f"{ids[1]} '114个'" in text and "ambiguous" in text
    assert f"{ids[4]} '1588万元'" in text and "no longer in the report" in text
    assert "2 could not be placed" in s.notices[0]
    moved = s.entry(ids[7])
    assert moved.status == "rejected" and edited[moved.start:moved.end] == "98.5%以上"
    s.close()
    s = Session.open(ex2, tmp_path / "s", "li")  # orphans survive in the file
    assert {o.id for o in s.orphans} == {ids[1], ids[4]}
    assert all(o.status == "accepted" for o in s.orphans)
    s.close()
    assert check_file(s.path, tmp_path / "s") == []


def test_rules_change_carries_decisions_over(tmp_path):
    path = tmp_path / "r.txt"
    s = Session.open(make_extraction(path, TEXT, NEEDLES), tmp_path / "s", "li")
    ids = [e.id for e in s.entries]
    s.accept(ids[0])
    s.correct(ids[1], replace(NEEDLES[1][1], label="工种数"))
    s.reject(ids[2])
    added = s.add(TEXT.index("五年"), TEXT.index("五年") + 2, Fields(5, unit="年"))
    s.close()

    # new rules: 186名 no longer proposed, 114个 gets another label, a new figure appears,
    # 41场次 now read with a different value (not the same figure)
    needles = [("41场次", replace(NEEDLES[0][1], value=42)), ("114个", replace(NEEDLES[1][1], label="新标签"))]
    needles += NEEDLES[3:] + [("近五年", Fields(5, unit="年", category="measure"))]
    needles.sort(key=lambda n: TEXT.index(n[0]))
    ex2 = make_extraction(path, TEXT, needles, digest="d2", rule="new.rule")
    s = Session.open(ex2, tmp_path / "s", "li")
    by_id = {e.id: e for e in s.entries}
    # same span and value: the correction carries over, beside the new suggestion
    e = by_id[ids[1]]
    assert e.status == "corrected" and e.fields.label == "工种数" and e.suggestion.label == "新标签"
    assert e.rule == "new.rule" and not e.stale
    # decided but no longer proposed (or now with another value): kept, stale
    assert by_id[ids[2]].status == "rejected" and by_id[ids[2]].stale
    assert by_id[ids[0]].status == "accepted" and by_id[ids[0]].stale
    new41 = [x for x in s.entries if x.text == "41场次" and x.id != ids[0]]
    assert len(new41) == 1 and new41[0].status == "pending" and new41[0].fields.value == 42
    # pending figures with the same span keep their id and take the new suggestion
    assert by_id[ids[4]].status == "pending" and by_id[ids[4]].rule == "new.rule"
    # the added figure is kept, not duplicated by the new suggestion at its span... (different span here)
    assert by_id[added.id].status == "added"
    assert sum(1 for x in s.entries if x.decided) == 4
    assert any("rules changed" in n for n in s.notices)
    assert all(TEXT[x.start:x.end] == x.text for x in s.entries)
    s.close()
    assert check_file(s.path, tmp_path / "s") == []


def test_real_seed_edit_and_reextract(tmp_path):
    src = SEEDS / "zhuzhou-2020.txt"
    path = tmp_path / src.name
    path.write_bytes(src.read_bytes())
    extractor = Extractor()
    ex = extractor.extract(load_report(path))
    s = Session.open(ex, tmp_path / "s", "li")
    chosen = s.entries[::3]
    for e in chosen:
        s.accept(e.id)
    texts = {e.id: e.text for e in chosen}
    s.close()
    path.write_bytes("前言：此文为修订稿。\n\n".encode() + src.read_bytes())
    ex2 = extractor.extract(load_report(path))
    s = Session.open(ex2, tmp_path / "s", "li")
    placed = {e.id for e in s.entries if e.status == "accepted"}
    assert placed | {o.id for o in s.orphans} == set(texts)
    for e in s.entries:
        assert ex2.report.text[e.start:e.end] == e.text
    for i in placed:
        assert s.entry(i).text == texts[i]
    assert len(placed) >= len(texts) * 0.9
    s.close()


def test_added_figure_meets_new_suggestion_at_its_span(tmp_path):
    path = tmp_path / "r.txt"
    s = Session.open(make_extraction(path, TEXT, NEEDLES), tmp_path / "s", "li")
    start = TEXT.index("近五年")
    a = s.add(start, start + 3, Fields(5, unit="年"))
    s.close()
    figs = figures_for(TEXT, NEEDLES) + (Figure(start, start + 3, "近五年", Fields(5, unit="年"), "r"),)
    ex2 = Extraction(report=make_report(path, TEXT), figures=tuple(sorted(figs, key=lambda f: f.start)),
                     rules_digest="d9")
    s = Session.open(ex2, tmp_path / "s", "li")
    at = [e for e in s.entries if e.start == start and e.end == start + 3]
    assert [e.id for e in at] == [a.id] and at[0].status == "added"
    s.close()


def test_occurrence_index_finds_what_str_find_finds():
    import random

    from hedui.core.session.anchor import Occurrences

    rng = random.Random(3)
    alphabet = "12万元人户个%。，"
    text = "".join(rng.choice(alphabet) for _ in range(5000))
    needles = {"".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 7))) for _ in range(300)}
    assert len(needles) >= Occurrences.INDEX_FROM
    indexed, plain = Occurrences(text, needles), Occurrences(text, set())
    assert indexed.index is not None and plain.index is None
    for n in needles:
        assert indexed(n) == plain(n)[: len(indexed(n))] and len(indexed(n)) == len(plain(n))
