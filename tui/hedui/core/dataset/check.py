"""``hedui check``: every problem of every session file in a folder, one line each.

A line is ``<file>:<line>: <problem>`` (``<file>: <problem>`` where no line
applies). Checked: TOML syntax; the schema (missing or mistyped fields, unknown
status, duplicate ids, ...); the journal beside a file; the report the session
names (missing, changed since the session, its length); each figure's offsets
against the report's text.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from hedui.core.text.decoding import DecodeFailure, decode_report_bytes
from hedui.core.model import VERIFIED, SessionError
from hedui.core.session.entry import Entry
from hedui.core.session.file_format import SYSTEM_OPS, SessionDoc
from hedui.core.session.paths import resolve_report_path
from hedui.core.session.read import fold_journal, session_files
from hedui.core.session.safe_io import REPORT_LIMIT, NotReadable, read_regular
from hedui.core.session.store import journal_gap, read_journal
from hedui.core.session.stream import stream_session


def check_file(path: Path, sessions_dir: Path) -> list[str]:
    """The problems of one session file (read table by table: see ``hedui.core.session.stream``)."""
    problems: list[str] = []
    try:
        read = stream_session(path, problems)
    except SessionError as exc:
        return problems + [str(exc)]
    doc, head = read.doc, read.head

    def at(eid: str, which: int) -> str:
        lines = read.lines.get(eid)
        return f":{lines[which]}" if lines else ""

    if doc.incomplete:
        problems.append(doc.incomplete)
    journal = path.with_name(path.name + ".journal")
    try:
        records = read_journal(journal, repair=False)
        gap = journal_gap(journal, doc.journal_seq, [r for r in records if r["seq"] > doc.journal_seq])
        if gap:
            problems.append(gap)
        fold_journal(doc, records, journal)
    except SessionError as exc:
        problems.append(str(exc))
    if not problems:  # (a figure skipped as invalid would also show as missing from its log)
        problems += _log_agrees(path, doc, lambda eid: at(eid, 1))
    problems += _overlaps(path, doc.entries, lambda eid: at(eid, 0))
    report_file = resolve_report_path(doc.report_path, sessions_dir)
    where = f"{path}:{head.find('report', 0, 'path')}"
    try:
        raw_report = read_regular(report_file, "report", REPORT_LIMIT)
    except NotReadable as exc:
        why = "not found" if exc.reason == "not found" else f"not readable ({exc.reason})"
        problems.append(f"{where}: report {doc.report_path} {why}")
        return problems
    if hashlib.sha256(raw_report).hexdigest() != doc.report_sha256:
        problems.append(f"{where}: report {doc.report_path} changed since this session (sha256 differs); "
                        f"open it in hedui review to re-anchor the decisions")
        return problems
    try:  # decoded as hedui reads reports (no rules needed: only the text matters here)
        report_text, _encoding = decode_report_bytes(raw_report)
    except DecodeFailure as exc:
        problems.append(f"{where}: report {doc.report_path} cannot be decoded ({exc})")
        return problems
    del raw_report
    if doc.report_chars != len(report_text):
        problems.append(f"{path}:{head.find('report', 0, 'chars')}: chars = {doc.report_chars}, "
                        f"but the report has {len(report_text)} characters")
    for e in doc.entries:
        if e.end > len(report_text) or report_text[e.start:e.end] != e.text:
            got = report_text[e.start:e.end]
            problems.append(f"{path}{at(e.id, 0)}: figure {e.id} text {e.text!r} does not match "
                            f"the report at {e.start}-{e.end} ({got!r})")
    return problems


def _overlaps(path: Path, entries: list[Entry], line: Callable[[str], str]) -> list[str]:
    """Verified figures whose spans overlap: one piece of text is one figure in the dataset."""
    out = []
    verified = sorted((e for e in entries if e.status in VERIFIED), key=lambda e: (e.start, e.end))
    reach: Entry | None = None  # the verified figure reaching furthest so far
    for e in verified:
        if reach is not None and e.start < reach.end:
            out.append(f"{path}{line(e.id)}: verified figures overlap: {reach.id} {reach.text!r} at "
                       f"{reach.start}-{reach.end} and {e.id} {e.text!r} at {e.start}-{e.end}")
        if reach is None or e.end > reach.end:
            reach = e
    return out


def _log_agrees(path: Path, doc: SessionDoc, line: Callable[[str], str]) -> list[str]:
    """Each figure's status is what the last log record touching it left (the log is its audit trail)."""
    last: dict[str, dict] = {}
    for rec in doc.log:
        if rec.get("id") and rec["op"] not in SYSTEM_OPS:
            last[rec["id"]] = rec
    figures = {e.id: e for e in doc.entries + doc.orphans}
    out = []
    for eid, rec in last.items():
        after = rec.get("after")
        e = figures.get(eid)
        if after is None and e is not None or after is not None and e is None:
            state = "absent" if e is None else "present"
            out.append(f"{path}: figure {eid} is {state}, unlike its last log record (seq {rec['seq']})")
        elif e is not None and after is not None and after.get("status") != e.status:
            out.append(f"{path}{line(eid)}: figure {eid} is {e.status!r} but its last log record "
                       f"(seq {rec['seq']}) says {after.get('status')!r}")
    return out


def check_folder(sessions_dir: Path) -> tuple[int, list[str]]:
    """(number of session files, problem lines)."""
    files = session_files(sessions_dir)
    problems: list[str] = []
    for p in files:
        problems += check_file(p, Path(sessions_dir))
    for j in sorted(Path(sessions_dir).glob("*.toml.journal")):
        if not os.path.lexists(j.with_name(j.name[: -len(".journal")])):
            problems.append(f"{j}: journal without its session file")
    from hedui.core.dataset.team_check import check_team

    problems += check_team(Path(sessions_dir), files)
    return len(files), problems
