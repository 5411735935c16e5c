"""``hedui check``: every problem of every session file in a folder, one line each.

A line is ``<file>:<line>: <problem>`` (``<file>: <problem>`` where no line
applies). Checked: TOML syntax; the schema (missing or mistyped fields, unknown
status, duplicate ids, ...); the journal beside a file; the report the session
names (missing, changed since the session, its length); each figure's offsets
against the report's text.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from hedui.core.text.decoding import DecodeFailure, decode_report_bytes
from hedui.core.model import SessionError
from hedui.core.session.file_format import SYSTEM_OPS, _Lines, parse_toml, read_session
from hedui.core.session.paths import resolve_report_path
from hedui.core.session.read import fold_journal, session_files
from hedui.core.session.store import read_journal


def check_file(path: Path, sessions_dir: Path) -> list[str]:
    """The problems of one session file."""
    problems: list[str] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{path}: cannot read ({exc.strerror or exc})"]
    try:
        doc = read_session(path, data, problems)
    except SessionError as exc:
        return problems + [str(exc)]
    _raw, text = parse_toml(path, data)
    lines = _Lines(text)
    journal = path.with_name(path.name + ".journal")
    try:
        fold_journal(doc, read_journal(journal, repair=False), journal)
    except SessionError as exc:
        problems.append(str(exc))
    if not problems:  # (a figure skipped as invalid would also show as missing from its log)
        problems += _log_agrees(path, doc, lines)
    report_file = resolve_report_path(doc.report_path, sessions_dir)
    where = f"{path}:{lines.find('report', 0, 'path')}"
    try:
        raw_report = report_file.read_bytes()
    except OSError as exc:
        problems.append(f"{where}: report {doc.report_path} not found ({exc.strerror or exc})")
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
    if doc.report_chars != len(report_text):
        problems.append(f"{path}:{lines.find('report', 0, 'chars')}: chars = {doc.report_chars}, "
                        f"but the report has {len(report_text)} characters")
    blocks = _figure_blocks(lines)
    for e in doc.entries:
        if e.end > len(report_text) or report_text[e.start:e.end] != e.text:
            at = blocks.get(e.id)
            line = f":{lines.find('figure', at, 'start')}" if at is not None else ""
            got = report_text[e.start:e.end]
            problems.append(f"{path}{line}: figure {e.id} text {e.text!r} does not match "
                            f"the report at {e.start}-{e.end} ({got!r})")
    return problems


def _log_agrees(path: Path, doc, lines: _Lines) -> list[str]:
    """Each figure's status is what the last log record touching it left (the log is its audit trail)."""
    last: dict[str, dict] = {}
    for rec in doc.log:
        if rec.get("id") and rec["op"] not in SYSTEM_OPS:
            last[rec["id"]] = rec
    figures = {e.id: e for e in doc.entries + doc.orphans}
    blocks = _figure_blocks(lines)
    out = []
    for eid, rec in last.items():
        after = rec.get("after")
        e = figures.get(eid)
        if after is None and e is not None or after is not None and e is None:
            state = "absent" if e is None else "present"
            out.append(f"{path}: figure {eid} is {state}, unlike its last log record (seq {rec['seq']})")
        elif e is not None and after is not None and after.get("status") != e.status:
            at = blocks.get(eid)
            line = f":{lines.find('figure', at, 'status')}" if at is not None else ""
            out.append(f"{path}{line}: figure {eid} is {e.status!r} but its last log record "
                       f"(seq {rec['seq']}) says {after.get('status')!r}")
    return out


_ID = re.compile(r'\s*id\s*=\s*"([^"]*)"')


def _figure_blocks(lines: _Lines) -> dict[str, int]:
    """Figure id -> index of its ``[[figure]]`` block (for line numbers)."""
    out: dict[str, int] = {}
    for n, start in enumerate(lines.blocks.get("figure", [])):
        for ln in lines.lines[start + 1:start + 4]:
            m = _ID.match(ln)
            if m:
                out.setdefault(m.group(1), n)
                break
    return out


def check_folder(sessions_dir: Path) -> tuple[int, list[str]]:
    """(number of session files, problem lines)."""
    files = session_files(sessions_dir)
    problems: list[str] = []
    for p in files:
        problems += check_file(p, Path(sessions_dir))
    for j in sorted(Path(sessions_dir).glob("*.toml.journal")):
        if not j.with_name(j.name[: -len(".journal")]).exists():
            problems.append(f"{j}: journal without its session file")
    from hedui.core.dataset.team_check import check_team

    problems += check_team(Path(sessions_dir), files)
    return len(files), problems
