'''The session file: one TOML document per report and reviewer.

``docs/session-format.md`` describes the format with a full annotated example.
In short: top-level ``format``, ``reviewer``, ``created_at``, ``updated_at``,
``journal_seq``, ``next_id``; ``[report]`` (path, sha256, encoding, chars);
``[extractor]`` (hedui, rules_digest); one ``[[figure]]`` per figure (id, start,
end, text, status, rule, note, flag_reason, decided_by, decided_at, context,
repeat_of, stale, fields, suggestion; empty values left out, ``fields`` only
when it differs from ``suggestion``); ``[[orphan]]`` for decisions that could
not be re-anchored; ``[[log]]`` records (seq, at, by, op, id, target, before,
after, note; ``changed``: the fields a correction changed; ``group``: decisions made as one
step) from which undo/redo and the audit trail are rebuilt.

This module writes that document (a small TOML emitter: the layout is fixed and
diff-friendly) and reads it back with strict validation: every problem is
``SessionError('<file>:<line>: <reason>')``.
'''
from __future__ import annotations

import math
import re
import tomli  # the standard library's TOML reader, compiled: 3x faster on session files
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from hedui.core.session.entry import (
    Entry, SchemaProblem, check_int, check_str, entry_from_dict, entry_to_dict, validate_state,
)
from hedui.core.model import FIELD_NAMES, SessionError
from hedui.core.session.safe_io import SESSION_LIMIT, check_session_link, read_regular
from hedui.core.session.whole import END, wholeness  # noqa: F401 (wholeness: also read.py's)

ROLES = ("review", "adjudication")
#: the format this hedui writes; 2 added the end line (``END``) that proves a file is whole
FORMAT_VERSION = 2
#: the formats this hedui reads (a format 1 file is rewritten as format 2 on its next write)
READABLE_FORMATS = (1, 2)
DECISION_OPS = ("accept", "reject", "flag", "correct", "add", "reset")
SYSTEM_OPS = ("reanchor", "rules", "agreed")
LOG_OPS = DECISION_OPS + ("undo", "redo") + SYSTEM_OPS


@dataclass
class SessionDoc:
    """Everything in a session file, validated."""

    reviewer: str
    report_path: str
    report_sha256: str
    report_encoding: str
    report_chars: int
    hedui_version: str
    rules_digest: str
    created_at: str = ""
    updated_at: str = ""
    journal_seq: int = 0
    next_id: int = 1
    entries: list[Entry] = field(default_factory=list)
    orphans: list[Entry] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)
    format: int = FORMAT_VERSION
    #: "review" (one reviewer's own decisions) or "adjudication" (the resolved version of a
    #: report several reviewers decided: ``hedui adjudicate``); written only when not "review"
    role: str = "review"
    #: why the file cannot be shown to be whole (cut short, tables missing), '' if it is;
    #: such a file is read but never written over
    incomplete: str = ""


# ---------------------------------------------------------------- writing

_ESC = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESC = re.compile(r'["\\\x00-\x1f\x7f]')


def _esc_char(m: re.Match[str]) -> str:
    c = m.group(0)
    return _ESC.get(c) or f"\\u{ord(c):04x}"


def toml_str(s: str) -> str:
    return '"' + _NEEDS_ESC.sub(_esc_char, s) + '"'


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("non-finite number")
        r = repr(v)
        return r if any(c in r for c in ".eE") else r + ".0"
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items() if x is not None) + " }"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _table(out: list[str], header: str, d: dict[str, Any]) -> None:
    out.append("")
    out.append(header)
    for k, v in d.items():
        if v is not None:
            out.append(f"{k} = {toml_value(v)}")


def dump_session(doc: SessionDoc, pause: Callable[[], None] | None = None) -> str:
    """The TOML text of ``doc``. ``pause`` is called every 50 tables (a background
    writer passes ``time.sleep(0)`` to let a keystroke's thread run)."""
    check_header(doc)  # what is written is read back with the same rules
    out = [
        "# hedui session: one report, one reviewer. Written by hedui; read, diff and commit it freely.",
        f"format = {FORMAT_VERSION}",
        f"reviewer = {toml_str(doc.reviewer)}",
        f"created_at = {toml_str(doc.created_at)}",
        f"updated_at = {toml_str(doc.updated_at)}",
        f"journal_seq = {doc.journal_seq}",
        f"next_id = {doc.next_id}",
    ]
    if doc.role != "review":
        out.append(f"role = {toml_str(doc.role)}")
    _table(out, "[report]", {"path": doc.report_path, "sha256": doc.report_sha256,
                             "encoding": doc.report_encoding, "chars": doc.report_chars})
    _table(out, "[extractor]", {"hedui": doc.hedui_version, "rules_digest": doc.rules_digest})
    n = 0
    for header, items in (("[[figure]]", doc.entries), ("[[orphan]]", doc.orphans), ("[[log]]", doc.log)):
        for item in items:
            _table(out, header, item if isinstance(item, dict) else entry_to_dict(item))
            n += 1
            if pause is not None and n % 50 == 0:
                pause()
    out.append("")
    out.append(END.format(figures=len(doc.entries), orphans=len(doc.orphans), log=len(doc.log)))
    out.append("")
    return "\n".join(out)


def check_header(doc: SessionDoc) -> None:
    """The header's values as the reader checks them; raises SchemaProblem."""
    check_str("reviewer", doc.reviewer, limit=200)
    check_str("created_at", doc.created_at, limit=64)
    check_str("updated_at", doc.updated_at, limit=64)
    check_int("journal_seq", doc.journal_seq)
    check_int("next_id", doc.next_id, lo=1)
    check_str("path", doc.report_path, limit=4096)
    check_str("sha256", doc.report_sha256, limit=64)
    check_str("encoding", doc.report_encoding, limit=64)
    check_int("chars", doc.report_chars)
    check_str("hedui", doc.hedui_version, limit=64)
    check_str("rules_digest", doc.rules_digest, limit=128)


# ---------------------------------------------------------------- reading

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z_.\"-]+)\s*\]\]?\s*(#.*)?$")


class _Lines:
    """Finds the line of a key in a session file (for schema errors). The text is split into
    lines only when asked (``lines``, ``blocks``): reading a good file never needs it."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def blocks(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            m = _HEADER.match(line)
            if m:
                out.setdefault(m.group(1), []).append(i)
        return out

    @property
    def first_header(self) -> int:
        return min((i for b in self.blocks.values() for i in b), default=len(self.lines))

    def find(self, table: str, index: int, key: str) -> int:
        """1-based line of ``key`` in the index-th ``table`` block ('' = top level)."""
        if table:
            starts = self.blocks.get(table, [])
            if index >= len(starts):
                return starts[-1] + 1 if starts else 1
            lo = starts[index]
            hi = min([s for b in self.blocks.values() for s in b if s > lo], default=len(self.lines))
        else:
            lo, hi = 0, self.first_header
        head = key.split(".")[0]
        if head:
            pat = re.compile(rf"^\s*{re.escape(head)}\s*[=.]")
            for i in range(lo, hi):
                if pat.match(self.lines[i]):
                    return i + 1
        return lo + 1


def _log_record(rec: Any) -> dict[str, Any]:
    if not isinstance(rec, dict):
        raise SchemaProblem("", "a log record must be a table")
    unknown = set(rec) - {"seq", "at", "by", "op", "id", "target", "before", "after", "note", "changed", "group"}
    if unknown:
        k = sorted(unknown)[0]
        raise SchemaProblem(k, f"unknown key {k!r}")
    for k in ("seq", "at", "op"):
        if k not in rec:
            raise SchemaProblem("", f"log record is missing {k!r}")
    check_int("seq", rec["seq"], lo=1)
    check_str("at", rec["at"], limit=64)
    check_str("by", rec.get("by", ""), limit=200)
    op = check_str("op", rec["op"])
    if op not in LOG_OPS:
        raise SchemaProblem("op", f"unknown op {op!r}")
    check_str("id", rec.get("id", ""), limit=64)
    check_str("note", rec.get("note", ""))
    if op in ("undo", "redo"):
        check_int("target", rec.get("target"), lo=1)
    if "group" in rec:  # decisions made as one step (a table column): undone and redone together
        check_int("group", rec["group"], lo=1)
    changed = rec.get("changed", [])  # a correction's fields, by name: provenance per field
    if not isinstance(changed, list) or any(c not in FIELD_NAMES for c in changed):
        raise SchemaProblem("changed", f"changed must be a list of field names ({', '.join(FIELD_NAMES)})")
    for k in ("before", "after"):
        if rec.get(k) is not None:
            try:
                validate_state(rec[k])
            except SchemaProblem as exc:
                raise SchemaProblem(k, f"{k}: {exc}") from None
    return rec


def read_session_bytes(path: Path) -> bytes:
    """The bytes of a session file: a regular file (or a link to one in its own folder) within
    ``SESSION_LIMIT``; one-line SessionError otherwise."""
    check_session_link(path)
    return read_regular(path, "session file", SESSION_LIMIT)


def parse_toml(path: Path, data: bytes) -> tuple[dict[str, Any], str]:
    """Decode and parse; errors become ``SessionError('file:line: ...')``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SessionError(f"{path}:{line}: session file is not UTF-8") from None
    try:
        return tomli.loads(text), text
    except RecursionError:
        raise SessionError(f"{path}:1: TOML nested too deeply") from None
    except tomli.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = m.group(1) if m else str(text.count("\n") + 1)
        msg = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", msg)
        raise SessionError(f"{path}:{line}: TOML syntax error: {msg}") from None
    except ValueError as exc:  # not a TOMLDecodeError: an integer of thousands of digits
        m = re.search(r"[0-9_]{4000,}", text)
        line = text.count("\n", 0, m.start()) + 1 if m else 1
        raise SessionError(f"{path}:{line}: a number too long to read ({str(exc)[:60]})") from None


def read_session(path: Path, data: bytes | None = None, problems: list[str] | None = None) -> SessionDoc:
    """Read and validate a session file; any problem is ``SessionError('file:line: reason')``.

    With ``problems``, a bad figure or log record is noted there (one line each) and
    skipped instead, so that ``hedui check`` can list them all."""
    if data is None:
        data = read_session_bytes(path)
    raw, text = parse_toml(path, data)
    return doc_from_toml(path, raw, _Lines(text), problems)


def doc_from_toml(path: Path, raw: dict[str, Any], lines: _Lines, problems: list[str] | None = None,
                  whole: bool = True) -> SessionDoc:
    """The document of a parsed file (``whole``: the file, which must prove it is complete; else
    only its head, whose tables are read by ``hedui.core.session.stream``)."""
    def fail(table: str, index: int, key: str, reason: str) -> SessionError:
        return SessionError(f"{path}:{lines.find(table, index, key)}: {reason}")

    def item_problem(table: str, index: int, exc: SchemaProblem) -> None:
        if problems is None:
            raise fail(table, index, exc.key, str(exc))
        problems.append(str(fail(table, index, exc.key, str(exc))))

    table, index = "", 0
    try:
        fmt = raw.get("format")
        if fmt is None:
            raise SchemaProblem("", "not a hedui session file (no 'format')")
        check_int("format", fmt)
        if fmt not in READABLE_FORMATS:
            raise SchemaProblem("format", f"session format {fmt} is not supported "
                                          f"(this hedui reads {' and '.join(map(str, READABLE_FORMATS))})")
        for k in ("reviewer", "report", "extractor"):
            if k not in raw:
                raise SchemaProblem("", f"missing {k!r}")
        rep, ext = raw["report"], raw["extractor"]
        if not isinstance(rep, dict) or not isinstance(ext, dict):
            raise SchemaProblem("report", "report and extractor must be tables")
        doc = SessionDoc(
            reviewer=check_str("reviewer", raw["reviewer"], limit=200),
            created_at=check_str("created_at", raw.get("created_at", ""), limit=64),
            updated_at=check_str("updated_at", raw.get("updated_at", ""), limit=64),
            journal_seq=check_int("journal_seq", raw.get("journal_seq", 0)),
            next_id=check_int("next_id", raw.get("next_id", 1), lo=1),
            role=check_str("role", raw.get("role", "review"), limit=32),
            report_path="", report_sha256="", report_encoding="", report_chars=0,
            hedui_version="", rules_digest="",
        )
        if doc.role not in ROLES:
            raise SchemaProblem("role", f"role must be one of {', '.join(ROLES)}")
        table = "report"
        for k in ("path", "sha256"):
            if k not in rep:
                raise SchemaProblem("", f"[report] is missing {k!r}")
        doc.report_path = check_str("path", rep["path"], limit=4096)
        doc.report_sha256 = check_str("sha256", rep["sha256"], limit=64)
        doc.report_encoding = check_str("encoding", rep.get("encoding", ""), limit=64)
        doc.report_chars = check_int("chars", rep.get("chars", 0))
        table = "extractor"
        doc.hedui_version = check_str("hedui", ext.get("hedui", ""), limit=64)
        doc.rules_digest = check_str("rules_digest", ext.get("rules_digest", ""), limit=128)
        seen: set[str] = set()
        for table, target in (("figure", doc.entries), ("orphan", doc.orphans)):
            items = raw.get(table, [])
            if not isinstance(items, list):
                raise SchemaProblem(table, f"{table} must be an array of tables")
            for index, item in enumerate(items):
                try:
                    e = figure_item(doc, table, item, seen)
                except SchemaProblem as exc:
                    item_problem(table, index, exc)
                    continue
                seen.add(e.id)
                target.append(e)
        table = "log"
        items = raw.get("log", [])
        if not isinstance(items, list):
            raise SchemaProblem("log", "log must be an array of tables")
        last = 0
        for index, rec in enumerate(items):
            try:
                log_item(rec, last)
            except SchemaProblem as exc:
                item_problem(table, index, exc)
                continue
            last = rec["seq"]
            doc.log.append(rec)
        if doc.journal_seq < last:
            table, index = "", 0
            raise SchemaProblem("journal_seq", f"journal_seq {doc.journal_seq} is below the last log seq {last}")
        doc.format = fmt
    except SchemaProblem as exc:
        raise fail(table, index, exc.key, str(exc)) from None
    doc.entries.sort(key=lambda e: (e.start, e.end))
    if whole and not problems:  # (with skipped items the counts cannot agree)
        doc.incomplete = wholeness(path, doc, lines.find("", 0, "journal_seq"), lines.lines,
                                   (len(raw.get("figure", [])), len(raw.get("orphan", [])), len(raw.get("log", []))))
    return doc


def figure_item(doc: SessionDoc, table: str, item: Any, seen: set[str]) -> Entry:
    """A ``[[figure]]`` or ``[[orphan]]`` table as an Entry (ids unique in ``seen``); raises SchemaProblem."""
    e = entry_from_dict(item)
    if e.id in seen:
        raise SchemaProblem("id", f"duplicate id {e.id!r}")
    if table == "figure" and e.end > doc.report_chars:
        raise SchemaProblem("end", f"end {e.end} is beyond the report's {doc.report_chars} characters")
    return e


def log_item(rec: Any, last: int) -> dict[str, Any]:
    """A ``[[log]]`` table following seq ``last``; raises SchemaProblem."""
    _log_record(rec)
    if rec["seq"] <= last:
        raise SchemaProblem("seq", f"log seq {rec['seq']} is not increasing")
    return rec


def validate_log_record(rec: Any) -> dict[str, Any]:
    """Validate one journal record (same schema as a ``[[log]]`` table); raises SchemaProblem."""
    return _log_record(rec)
