"""A team: assignment, agreement, one dataset from several reviewers, sync through git."""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from hedui.cli import main
from hedui.core.dataset.agreement import agreement, cohen_kappa
from hedui.core.dataset.assignment import assign, read_assignment
from hedui.core.dataset.consensus import Counts, consensus_rows
from hedui.core.dataset.versions import group
from hedui.core.session.read import load_all
from hedui.core.session.session import Session
from tests.app_helpers import ws  # noqa: F401
from tests.session_helpers import NEEDLES, TEXT, make_extraction

REPO = Path(__file__).resolve().parent.parent


def review(ex, sessions: Path, reviewer: str, plan: dict[int, str], fix: dict[int, dict] | None = None) -> None:
    """Decide figures of ``ex`` as ``reviewer``: plan maps figure index to accept/reject/flag/correct."""
    s = Session.open(ex, sessions, reviewer)
    try:
        ids = [e.id for e in s.entries]
        for i, what in plan.items():
            if what == "accept":
                s.accept(ids[i])
            elif what == "reject":
                s.reject(ids[i])
            elif what == "flag":
                s.flag(ids[i], "ambiguous")
            elif what == "correct":
                s.correct(ids[i], replace(s.entry(ids[i]).fields, **(fix or {}).get(i, {})))
        s.flush()
    finally:
        s.close()


@pytest.fixture
def three(tmp_path: Path):
    ex = make_extraction(tmp_path / "r.txt", TEXT, NEEDLES)
    sessions = tmp_path / "sessions"
    n = len(NEEDLES)
    review(ex, sessions, "ana", {i: "accept" for i in range(n)})
    plan_bo = {i: "accept" for i in range(n)} | {2: "reject", 5: "correct"}
    review(ex, sessions, "bo", plan_bo, {5: {"label": "困難職工"}})
    plan_chen = {i: "accept" for i in range(n - 1)} | {3: "flag"}  # the last one left pending
    review(ex, sessions, "chen", plan_chen)
    return sessions


def test_kappa_known_values() -> None:
    # textbook: 20 items, a says yes 10 (b yes on 7 of them), b says yes 9 → po 0.75, pe 0.5 → κ 0.5
    pairs = [("y", "y")] * 7 + [("y", "n")] * 3 + [("n", "y")] * 2 + [("n", "n")] * 8
    assert cohen_kappa(pairs) == pytest.approx(0.5)
    assert cohen_kappa([("y", "y")] * 4) is None  # pe = 1: undefined, never a made-up 1.0
    assert cohen_kappa([]) is None


def test_agreement_pairs_fields_and_alpha(three: Path) -> None:
    sessions, bad = load_all(three)
    assert not bad and len(sessions) == 3
    a = agreement(group(sessions))
    ana_bo = a.pairs[("ana", "bo")]
    n = len(NEEDLES)
    assert len(ana_bo.pairs) == n
    assert ana_bo.observed == pytest.approx((n - 1) / n)  # one reject against an accept
    assert ana_bo.both_verified == n - 1
    assert ana_bo.span_f1 == pytest.approx(2 * (n - 1) / (n + n - 1))
    assert ana_bo.field_rate("value_unit") == 1.0
    assert ana_bo.field_rate("label") < 1.0  # bo's corrected label differs
    ana_chen = a.pairs[("ana", "chen")]
    assert len(ana_chen.pairs) == n - 1  # chen left one pending: not compared
    assert a.alpha is not None and -1.0 <= a.alpha < 1.0
    assert a.reports[0].figures == n and a.reports[0].agreed == n - 3


def test_consensus_one_row_per_agreed_figure(three: Path) -> None:
    sessions, _ = load_all(three)
    counts = Counts()
    rows = list(consensus_rows(group(sessions), counts))
    n = len(NEEDLES)
    # figures 2 (rejected by bo), 3 (flagged by chen), 5 (label fixed by bo) disputed; the last open
    assert counts.disputed == 3 and counts.open == 1
    assert len(rows) == n - 4
    assert all(r["reviewer"] == "ana+bo+chen" for r in rows)
    counts = Counts()
    marked = list(consensus_rows(group(sessions), counts, include_disputed=True))
    assert sum(r["disputed"] for r in marked) == 2 + 2 + 3  # the verified versions of figures 2, 3, 5
    assert len({(r["start"], r["end"]) for r in marked if not r["disputed"]}) == n - 4


def test_export_cli_default_per_reviewer_and_disputed(three: Path, capsys) -> None:
    assert main(["export", "--sessions", str(three), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == len(NEEDLES) - 4
    assert "3 disputed figures left out" in err and "1 not yet decided" in err
    assert main(["export", "--sessions", str(three), "--format", "jsonl", "--per-reviewer"]) == 0
    out, _ = capsys.readouterr()
    assert {json.loads(line)["reviewer"] for line in out.splitlines()} == {"ana", "bo", "chen"}
    assert main(["export", "--sessions", str(three), "--format", "csv", "--include-disputed"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].endswith(",disputed") and ",true" in out


def test_agree_cli_text_and_json(three: Path, capsys) -> None:
    assert main(["agree", "--sessions", str(three)]) == 0
    out, _ = capsys.readouterr()
    assert "ana ~ bo" in out and "Krippendorff" in out and "worst first" in out
    assert main(["agree", "--sessions", str(three), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["figures_both_decided"] > 0 and len(data["pairs"]) == 3


def test_assign_balanced_with_overlap_and_stable() -> None:
    reports = [(f"r{i:02}.txt", 10 + i) for i in range(40)]
    a, added = assign(reports, ["ana", "bo", "chen"], 0.2, seed=3)
    assert added == 40 and len(a.reports) == 40
    assert sum(len(x.reviewers) == 2 for x in a.reports) == 8
    load = a.load()
    assert max(load.values()) - min(load.values()) <= max(n for _, n in reports)
    more = reports + [(f"s{i:02}.txt", 5) for i in range(10)]
    b, added = assign(more, ["ana", "bo", "chen"], 0.2, seed=3, existing=a)
    assert added == 10
    assert {x.path: x.reviewers for x in b.reports if x.path.startswith("r")} == {x.path: x.reviewers for x in a.reports}
    again, _ = assign(reports, ["ana", "bo", "chen"], 0.2, seed=3)
    assert again.reports == a.reports  # the seed decides, not chance
    with pytest.raises(ValueError):
        assign(reports, ["ana"], 0.2, seed=1)


def test_assign_cli_writes_and_adds(tmp_path: Path, capsys) -> None:
    sessions = tmp_path / "sessions"
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    assert main(["assign", str(seeds[0]), str(seeds[1]), "--reviewers", "ana,bo", "--overlap", "0.5",
                 "--sessions", str(sessions)]) == 0
    first = read_assignment(sessions)
    assert first is not None and len(first.reports) == 2 and all(x.figures > 0 for x in first.reports)
    assert main(["assign", *map(str, seeds), "--reviewers", "ana,bo", "--sessions", str(sessions)]) == 0
    second = read_assignment(sessions)
    assert len(second.reports) == len(seeds)
    assert second.reports[:2] == first.reports
    (sessions / "assignment.toml").write_text("format = 1\nreviewers = 3\n", encoding="utf-8")
    assert main(["assign", str(seeds[0]), "--reviewers", "ana", "--sessions", str(sessions)]) == 1
    assert "assignment.toml: reviewers must be a list of names" in capsys.readouterr().err


def test_review_shows_only_the_reviewers_assigned_reports(tmp_path: Path, capsys) -> None:
    from hedui.core.dataset.assignment import assigned_to
    from hedui.core.model import SessionError

    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copyfile(REPO / "seeds" / "echeng-2019h1.txt", reports / name)
    sessions = tmp_path / "sessions"
    files = sorted(reports.glob("*.txt"))
    assert assigned_to(files, sessions, "bo") == (files, "")  # no assignment: every report
    sessions.mkdir()
    (sessions / "assignment.toml").write_text(
        'format = 1\nreviewers = ["ana", "bo"]\noverlap = 0.5\nseed = 0\n'
        '[[report]]\npath = "reports/a.txt"\nfigures = 3\nreviewers = ["ana", "bo"]\n'
        '[[report]]\npath = "reports/b.txt"\nfigures = 3\nreviewers = ["ana"]\n'
        '[[report]]\npath = "reports/c.txt"\nfigures = 3\nreviewers = ["bo"]\n', encoding="utf-8")
    kept, note = assigned_to(files, sessions, "bo")
    assert [p.name for p in kept] == ["a.txt", "c.txt"] and "2 of 3 reports are bo's" in note
    with pytest.raises(SessionError, match="assigns chen none of these 3"):
        assigned_to(files, sessions, "chen")
    # the command stops before the app opens, and --all is the way round
    assert main(["review", str(reports), "--sessions", str(sessions), "--reviewer", "chen"]) == 1
    assert "--all reviews them anyway" in capsys.readouterr().err


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_sync_two_clones_of_a_bare_repository(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_NAME", "t")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "t@example.invalid")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "t")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "t@example.invalid")
    bare = tmp_path / "team.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    clones = []
    for who in ("ana", "bo"):
        c = tmp_path / who
        _git(tmp_path, "clone", "-q", str(bare), str(c))
        _git(c, "checkout", "-q", "-B", "main")
        clones.append(c)
    # ana starts the repository: the report and her session
    for c in clones[:1]:
        (c / "reports").mkdir()
    ex_a = make_extraction(clones[0] / "reports" / "r.txt", TEXT, NEEDLES)
    _git(clones[0], "add", "reports")
    _git(clones[0], "commit", "-q", "-m", "report")
    _git(clones[0], "push", "-q", "-u", "origin", "main")
    review(ex_a, clones[0] / "sessions", "ana", {0: "accept"})
    assert main(["sync", "--sessions", str(clones[0] / "sessions"), "--reviewer", "ana"]) == 0
    assert "pushed" in capsys.readouterr().err
    # bo pulls the report, reviews, syncs; then ana syncs and has bo's file
    _git(clones[1], "pull", "-q", "origin", "main")
    ex_b = make_extraction(clones[1] / "reports" / "r.txt", TEXT, NEEDLES)
    review(ex_b, clones[1] / "sessions", "bo", {0: "reject"})
    assert main(["sync", "--sessions", str(clones[1] / "sessions"), "--reviewer", "bo"]) == 0
    assert main(["sync", "--sessions", str(clones[0] / "sessions"), "--reviewer", "ana"]) == 0
    assert sorted(p.name for p in (clones[0] / "sessions").glob("*.toml")) == ["r.ana.toml", "r.bo.toml"]
    log = _git(clones[0], "log", "--format=%s")
    assert "hedui: bo — 1 session file (r)" in log
    capsys.readouterr()
    # no remote: one line, nothing changed
    lone = tmp_path / "lone"
    _git(tmp_path, "init", "-q", str(lone))
    review(make_extraction(lone / "r.txt", TEXT, NEEDLES), lone / "sessions", "ana", {0: "accept"})
    assert main(["sync", "--sessions", str(lone / "sessions"), "--reviewer", "ana"]) == 1
    err = capsys.readouterr().err
    assert "no remote" in err and err.count("\n") == 1
    assert _git(lone, "status", "--porcelain").count("??") >= 1  # nothing was committed


def test_sync_conflict_changes_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(k, "t")
    for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(k, "t@example.invalid")
    bare = tmp_path / "team.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    a, b = tmp_path / "a", tmp_path / "b"
    for c in (a, b):
        _git(tmp_path, "clone", "-q", str(bare), str(c))
        _git(c, "checkout", "-q", "-B", "main")
    ex = make_extraction(a / "r.txt", TEXT, NEEDLES)
    review(ex, a / "sessions", "ana", {0: "accept"})
    assert main(["sync", "--sessions", str(a / "sessions"), "--reviewer", "ana"]) == 0
    # the same reviewer's file changed in two clones (a merge that cannot be automatic)
    _git(b, "pull", "-q", "origin", "main")
    ex_b = make_extraction(b / "r.txt", TEXT, NEEDLES)
    review(ex_b, b / "sessions", "ana", {1: "reject"})
    review(ex, a / "sessions", "ana", {2: "reject"})
    assert main(["sync", "--sessions", str(a / "sessions"), "--reviewer", "ana"]) == 0
    before = _git(b, "rev-parse", "HEAD")
    text_before = (b / "sessions" / "r.ana.toml").read_bytes()
    capsys.readouterr()
    assert main(["sync", "--sessions", str(b / "sessions"), "--reviewer", "ana"]) == 1
    err = capsys.readouterr().err
    assert "conflict" in err and "nothing was changed" in err
    assert _git(b, "rev-parse", "HEAD") == before
    assert (b / "sessions" / "r.ana.toml").read_bytes() == text_before


def test_check_after_a_merge(three: Path, tmp_path: Path, capsys) -> None:
    assert main(["check", "--sessions", str(three)]) == 0
    capsys.readouterr()
    # a second file for ana's report (as a merge of a copy under another name would bring)
    shutil.copy(three / "r.ana.toml", three / "r~0badc0de.ana.toml")
    (three / "assignment.toml").write_text(
        'format = 1\nreviewers = ["ana", "bo"]\noverlap = 0.0\nseed = 0\n\n'
        '[[report]]\npath = "r.txt"\nfigures = 8\nreviewers = ["ana", "bo"]\n\n'
        '[[report]]\npath = "gone.txt"\nfigures = 3\nreviewers = ["bo"]\n', encoding="utf-8")
    assert main(["check", "--sessions", str(three)]) == 1
    out = capsys.readouterr().out
    assert "a second session of r.txt by ana" in out
    assert "report gone.txt not found" in out
    assert "reviewer chen is not in the assignment" in out
    assert "reviewer bo is not" not in out


def test_stats_per_reviewer_and_adjudicated_share(three: Path, capsys) -> None:
    (three / "assignment.toml").write_text(
        'format = 1\nreviewers = ["ana", "bo", "chen"]\noverlap = 1.0\nseed = 0\n\n'
        '[[report]]\npath = "r.txt"\nfigures = 8\nreviewers = ["ana", "bo", "chen"]\n', encoding="utf-8")
    assert main(["stats", "--sessions", str(three)]) == 0
    out = capsys.readouterr().out
    n = len(NEEDLES)
    assert f"ana             1 reports  {n:6d}/{n:<6d} figures decided  assigned 1, started 1" in out
    assert f"chen            1 reports  {n - 1:6d}/{n:<6d}" in out
    assert "double-reviewed reports: 1, adjudicated 0 (0%), disputed figures left 4" in out


def test_agree_reads_figures_without_the_log_and_still_proves_files_whole(three: Path) -> None:
    from hedui.core.model import SessionError
    from hedui.core.session.file_format import read_session
    from hedui.core.session.read import load_saved, read_figures

    path = three / "r.bo.toml"
    whole, figures = read_session(path), read_figures(path)
    assert figures.entries == whole.entries and whole.log and not figures.log
    assert (figures.journal_seq, figures.role, figures.incomplete) == (whole.journal_seq, whole.role, "")
    data = path.read_bytes()
    cut = data.rfind(b"\n[[log]]")
    path.write_bytes(data[:cut + 1])  # the last log record and the end line lost
    with pytest.raises(SessionError, match="incomplete"):
        load_saved(path, three, log=False)
    path.write_bytes(data.replace(b"log records", b"log records ", 1)[: data.rfind(b"\n", 0, len(data) - 1)])
    with pytest.raises(SessionError, match="incomplete"):  # the end line gone
        load_saved(path, three, log=False)


async def test_report_list_says_whose_is_whose(ws) -> None:  # noqa: F811
    from hedui.core.dataset.assignment import owners_of
    from tests.app_helpers import REPORTS, screen_text, wait_ready

    files = sorted(ws.reports.glob("*.txt"))
    assert owners_of(files, ws.sessions) is None  # no assignment: nothing to say
    ws.sessions.mkdir(exist_ok=True)
    (ws.sessions / "assignment.toml").write_text(
        'format = 1\nreviewers = ["ana", "bo"]\noverlap = 0.5\nseed = 0\n'
        f'[[report]]\npath = "reports/{REPORTS[0]}"\nfigures = 3\nreviewers = ["ana", "bo"]\n', encoding="utf-8")
    owners = owners_of(files, ws.sessions)
    assert owners == ["ana+bo" if p.name == REPORTS[0] else "—" for p in files]
    app = ws.app()
    app.owners = owners
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(pilot)
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert f"{REPORTS[0]}  · ana+bo" in text and "· —" in text
        await pilot.press("b", "o")  # the filter finds bo's reports by name
        await pilot.pause(0.3)
        text = screen_text(app)
        assert REPORTS[0] in text and REPORTS[1] not in text
