"""The hostile-input corpus (issue 11): session folders and the reports they name, made hostile
one way each. Generated, not checked in: FIFOs and links cannot be, and some files are large
(sparse). ``python tests/data/hostile/generate.py OUT`` writes it to OUT for a look by hand;
``tests/test_hostile_corpus.py`` makes it in a temporary folder and runs every case.

Each case is a folder ``OUT/<name>/`` with ``reports/r.txt`` and ``sessions/`` holding one
session of reviewer ``li`` (``r.li.toml``), damaged as the case says. ``CASES`` maps the name to
(what it does, the regex a ``hedui check`` line must match, whether the session itself is
readable: ``export`` and ``stats`` then succeed, the report being checked by ``check`` only).
``OUT/inputs/`` holds reports given to hedui directly (``INPUTS``: special files, empty,
NUL bytes, binary, over the size limit), each answered by ``hedui extract`` with one line.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

SESSION = "r.li.toml"
TEXT = ("近五年共举办职业技能大赛41场次，覆盖114个工种，评选出186名技术能手。"
        "每户补贴260元至500元，共计1588万元；帮扶困难职工3496户，增长2.22个百分点。\n")
NEEDLES = ("41场次", "114个", "186名", "1588万元", "3496户")
BIG = 33 * 2**20  # over the session and journal limits (32 MiB); sparse, so it costs no disk
HUGE = 257 * 2**20  # over the report limit (256 MiB)
DIGITS = "7" * 5000

# name: (description, regex of a `hedui check` line, session readable)
CASES: dict[str, tuple[str, str, bool]] = {
    "session-fifo": ("the session file is a FIFO", r"r\.li\.toml: cannot read session file \(not a regular file\)", False),
    "session-devzero": ("the session file links to /dev/zero", r"r\.li\.toml: a link to outside the sessions folder", False),
    "session-dangling": ("the session file is a dangling link", r"r\.li\.toml: cannot read session file \(a dangling link\)", False),
    "session-folder": ("the session file is a folder", r"r\.li\.toml: cannot read session file \(not a regular file\)", False),
    "session-huge": ("the session file is over the size limit", r"r\.li\.toml: cannot read session file \(too large", False),
    "session-utf16": ("the session file is UTF-16", r"r\.li\.toml:1: session file is not UTF-8", False),
    "session-conflict": ("merge-conflict markers", r"r\.li\.toml:\d+: TOML syntax error", False),
    "session-int-5000": ("a 5,000-digit integer as a figure's start", r"r\.li\.toml:\d+: a number too long to read", False),
    "session-value-5000": ("a 5,000-digit value", r"r\.li\.toml:\d+: a number too long to read", False),
    "session-nested-header": ("1,000 nested arrays in the header", r"r\.li\.toml:1: TOML nested too deeply", False),
    "session-nan": ("a NaN value", r"r\.li\.toml:\d+: suggestion\.value is out of range", False),
    "session-seq-over": ("journal_seq over the 64-bit range", r"r\.li\.toml:\d+: journal_seq = \d+ is out of range", False),
    "session-duplicate-id": ("two figures with one id", r"r\.li\.toml:\d+: duplicate id", False),
    "session-cut": ("cut at a table boundary", r"r\.li\.toml:\d+: incomplete", False),
    "journal-fifo": ("the journal is a FIFO", r"r\.li\.toml\.journal: cannot read journal \(not a regular file\)", False),
    "journal-devzero": ("the journal links to /dev/zero", r"r\.li\.toml\.journal: cannot read journal \(a symbolic link", False),
    "journal-dangling": ("the journal is a dangling link", r"r\.li\.toml\.journal: cannot read journal \(a symbolic link", False),
    "journal-huge": ("the journal is over the size limit", r"r\.li\.toml\.journal: cannot read journal \(too large", False),
    "journal-int-5000": ("a 5,000-digit seq in the journal", r"r\.li\.toml\.journal:1: damaged journal line", False),
    "report-devzero": ("the report path is /dev/zero", r"r\.li\.toml:\d+: report /dev/zero not readable \(not a regular file\)", True),
    "report-fifo": ("the report is a FIFO", r"r\.li\.toml:\d+: report reports/r\.txt not readable \(not a regular file\)", True),
    "report-folder": ("the report is a folder", r"r\.li\.toml:\d+: report reports/r\.txt not readable \(not a regular file\)", True),
    "report-huge": ("the report is over the size limit", r"r\.li\.toml:\d+: report reports/r\.txt not readable \(too large", True),
    "report-garbage": ("the report's bytes decode in no encoding", r"r\.li\.toml:\d+: report reports/r\.txt cannot be decoded", True),
}


def _valid(case: Path) -> Path:
    """A good session with a few decisions, made through the session API."""
    from hedui.core.model import Extraction, Fields, Figure, Report
    from hedui.core.session.session import Session

    reports = case / "reports"
    reports.mkdir(parents=True)
    data = TEXT.encode("utf-8")
    (reports / "r.txt").write_bytes(data)
    figures = []
    for n in NEEDLES:
        i = TEXT.index(n)
        value = int(re.match(r"\d+", n).group())
        figures.append(Figure(i, i + len(n), n, Fields(value, unit=n[len(str(value)):]), "hostile.rule"))
    report = Report(path=reports / "r.txt", text=TEXT, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest())
    s = Session.open(Extraction(report=report, figures=tuple(figures), rules_digest="h1"), case / "sessions", "li")
    s.accept(s.entries[0].id)
    s.reject(s.entries[1].id)
    s.close()
    return s.path


def _edit(path: Path, pattern: str, new: str) -> None:
    text = path.read_text("utf-8")
    out, n = re.subn(pattern, lambda m: new, text, count=1, flags=re.M)
    assert n == 1, pattern
    path.write_text(out, "utf-8")


def _replace_report(case: Path, make) -> None:
    r = case / "reports" / "r.txt"
    r.unlink()
    make(r)


def make_case(case: Path, name: str) -> None:
    path = _valid(case)
    journal = path.with_name(path.name + ".journal")
    if name == "session-fifo":
        path.unlink()
        os.mkfifo(path)
    elif name == "session-devzero":
        path.unlink()
        os.symlink("/dev/zero", path)
    elif name == "session-dangling":
        path.unlink()
        os.symlink("gone.toml", path)
    elif name == "session-folder":
        path.unlink()
        path.mkdir()
    elif name == "session-huge":
        with open(path, "r+b") as fh:
            fh.truncate(BIG)
    elif name == "session-utf16":
        path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    elif name == "session-conflict":
        _edit(path, r'^status = "rejected"$', '<<<<<<< HEAD\nstatus = "rejected"\n=======\nstatus = "accepted"\n>>>>>>> theirs')
    elif name == "session-int-5000":
        _edit(path, r"^start = \d+$", f"start = {DIGITS}")
    elif name == "session-value-5000":
        _edit(path, r"value = \d+", f"value = {DIGITS}")
    elif name == "session-nested-header":
        _edit(path, r"^reviewer = .*$", "reviewer = " + "[" * 1000 + "]" * 1000)
    elif name == "session-nan":
        _edit(path, r"value = \d+", "value = nan")
    elif name == "session-seq-over":
        _edit(path, r"^journal_seq = \d+$", f"journal_seq = {2**63}")
    elif name == "session-duplicate-id":
        _edit(path, r'^id = "f0002"$', 'id = "f0001"')
    elif name == "session-cut":
        data = path.read_bytes()
        path.write_bytes(data[: data.index(b"\n[[figure]]\n", data.index(b"[[figure]]") + 5) + 1])
    elif name == "journal-fifo":
        os.mkfifo(journal)
    elif name == "journal-devzero":
        os.symlink("/dev/zero", journal)
    elif name == "journal-dangling":
        os.symlink(str(case / "outside.journal"), journal)
    elif name == "journal-huge":
        with open(journal, "wb") as fh:
            fh.truncate(BIG)
    elif name == "journal-int-5000":
        journal.write_text(f'{{"seq": {DIGITS}, "at": "x", "op": "accept"}}\n', "utf-8")
    elif name == "report-devzero":
        _edit(path, r'^path = ".*"$', 'path = "/dev/zero"')
    elif name == "report-fifo":
        _replace_report(case, os.mkfifo)
    elif name == "report-folder":
        _replace_report(case, lambda r: r.mkdir())
    elif name == "report-huge":
        def huge(r: Path) -> None:
            with open(r, "wb") as fh:
                fh.truncate(HUGE)
        _replace_report(case, huge)
    elif name == "report-garbage":
        garbage = bytes(range(128, 256)) * 8 + b"\xff\xfe\x00"
        _replace_report(case, lambda r: r.write_bytes(garbage))
        _edit(path, r'^sha256 = ".*"$', f'sha256 = "{hashlib.sha256(garbage).hexdigest()}"')
    else:
        raise KeyError(name)


#: reports given to hedui directly (``hedui extract PATH``): name -> regex of its one error line
INPUTS: dict[str, str] = {
    "fifo.txt": r"fifo\.txt: not a regular file",
    "devzero.txt": r"devzero\.txt: not a regular file",
    "dangling.txt": r"dangling\.txt: no such file",
    "empty.txt": r"empty\.txt: empty file",
    "nul.txt": r"nul\.txt: not a text report",
    "garbage.txt": r"garbage\.txt: ",
    "huge.txt": r"huge\.txt: too large for a report",
}


def make_inputs(folder: Path) -> dict[str, Path]:
    """The hostile reports of ``INPUTS`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    os.mkfifo(folder / "fifo.txt")
    os.symlink("/dev/zero", folder / "devzero.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nul.txt").write_bytes("报告\x00\x00全年3496户".encode("utf-8"))
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 12)
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(HUGE)
    return {name: folder / name for name in INPUTS}


def build(out: Path) -> list[Path]:
    """Every case under ``out``; returns their folders."""
    made = []
    for name in CASES:
        make_case(out / name, name)
        made.append(out / name)
    made += make_inputs(out / "inputs").values()
    return made


#: run in a child per case (``python -c PROBE CASE readable|damaged``): every command that reads
#: the sessions folder (check, export, stats, eval's reference), and the reviewer's way of opening a session (also for writing, where the
#: session is damaged: it must be refused), in one process; prints one JSON line
PROBE = r"""
import contextlib, hashlib, io, json, sys
from pathlib import Path
from hedui.cli import main
from hedui.core.model import Extraction, HeduiError, Report
from hedui.core.session.read import last_worked_on
from hedui.core.session.session import Session

case = Path(sys.argv[1])
sessions = case / "sessions"
out = {}
for name, argv in (("check", ["check"]), ("export", ["export", "-o", str(case / "out.csv")]),
                   ("stats", ["stats"])):
    o, e = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
        rc = main(argv + ["--sessions", str(sessions)])
    out[name] = [rc, o.getvalue(), e.getvalue()]
text = "近五年共举办职业技能大赛41场次，覆盖114个工种，评选出186名技术能手。每户补贴260元至500元，共计1588万元；帮扶困难职工3496户，增长2.22个百分点。\n"
report = Report(path=case / "reports" / "r.txt", text=text, encoding="utf-8",
                sha256=hashlib.sha256(text.encode()).hexdigest())
ex = Extraction(report=report, figures=(), rules_digest="h1")
last_worked_on(sessions, "li")
from hedui.core.dataset.reference import verified_reference  # eval --sessions
skipped = []
try:
    verified_reference(sessions, skipped)
    out["reference"] = skipped
except HeduiError as exc:
    out["reference"] = [str(exc)]
review = []
for read_only in ((True,) if sys.argv[2] == "readable" else (False, True)):
    try:
        Session.open(ex, sessions, "li", read_only=read_only).close()
        review.append("opened")
    except HeduiError as exc:
        review.append(str(exc))
out["review"] = review
print(json.dumps(out, ensure_ascii=False))
"""


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: generate.py OUT")
    for folder in build(Path(sys.argv[1])):
        print(folder)
