"""Reading a session file table by table, for ``hedui check`` on large files.

The file is split at its table headers; each ``[[figure]]``, ``[[orphan]]`` and ``[[log]]`` table is
parsed and validated on its own with the rules of ``file_format`` (the same functions), and
only what check needs is kept: the figures, and of the log the last record of each figure
with the count and the last seq. Memory stays near the size of the figures, not of the file's
parsed tree (about half the memory of the whole-file parse).

A file that uses TOML beyond what hedui writes in a way this reader cannot follow (a table
header inside a multi-line string, say) is reported as a problem, never passed.
"""
from __future__ import annotations

import re
import tomli  # as file_format: the compiled TOML reader
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from hedui.core.model import SessionError
from hedui.core.session.entry import SchemaProblem
from hedui.core.session.file_format import (
    SYSTEM_OPS, SessionDoc, _Lines, doc_from_toml, figure_item, log_item, parse_toml,
)
from hedui.core.session.safe_io import SESSION_LIMIT, check_session_link, read_regular
from hedui.core.session.whole import wholeness

_TABLE = re.compile(r"(?m)^[ \t]*\[\[[ \t]*(figure|orphan|log)[ \t]*\]\][ \t]*(#[^\n]*)?\r?$")


@dataclass
class Streamed:
    doc: SessionDoc  # header, entries, orphans; log = the last record of each figure, by seq
    head: _Lines  # the lines before the first table (for line numbers of header keys)
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)  # figure id -> lines of start, status
    log_count: int = 0


def _key_line(block: str, first: int, key: str) -> int:
    """The line of ``key`` in a table whose header is on line ``first``."""
    if not key:
        return first
    m = re.search(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*[=.]", block)
    return first + block.count("\n", 0, m.start()) if m else first


class _Reader:
    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        self.out: Streamed | None = None
        self.seen: set[str] = set()
        self.counts = [0, 0, 0]
        self.last_seq = 0
        self.last_by_id: dict[str, dict[str, Any]] = {}

    def head(self, text: str) -> None:
        raw, _ = parse_toml(self.path, text.encode("utf-8"))
        lines = _Lines(text)
        if any(k in raw for k in ("figure", "orphan", "log")):
            raise SessionError(f"{self.path}:1: figures and log must be [[figure]], [[orphan]] and [[log]] tables")
        self.out = Streamed(doc_from_toml(self.path, raw, lines, self.problems, whole=False), lines)

    def block(self, lines: str, first: int) -> None:
        assert self.out is not None
        try:
            raw = tomli.loads(lines)
        except tomli.TOMLDecodeError as exc:
            m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
            at = first + int(m.group(1)) - 1 if m else first
            msg = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
            raise SessionError(f"{self.path}:{at}: TOML syntax error: {msg}") from None
        except RecursionError:
            raise SessionError(f"{self.path}:{first}: TOML nested too deeply") from None
        except ValueError as exc:  # an integer of thousands of digits
            m = re.search(r"[0-9_]{4000,}", lines)
            at = first + lines.count("\n", 0, m.start()) if m else first
            raise SessionError(f"{self.path}:{at}: a number too long to read ({str(exc)[:60]})") from None
        if set(raw) - {"figure", "orphan", "log"} or len(raw) != 1 or len(raw[next(iter(raw))]) != 1:
            raise SessionError(f"{self.path}:{first}: a table this reader cannot follow (check it by hand)")
        table, (item,) = next(iter(raw.items()))
        doc = self.out.doc
        try:
            if table == "log":
                self.counts[2] += 1
                rec = log_item(item, self.last_seq)
                self.last_seq = rec["seq"]
                if rec.get("id") and rec["op"] not in SYSTEM_OPS:
                    self.last_by_id.pop(rec["id"], None)
                    self.last_by_id[rec["id"]] = rec  # (kept in seq order)
                return
            self.counts[0 if table == "figure" else 1] += 1
            e = figure_item(doc, table, item, self.seen)
        except SchemaProblem as exc:
            self.problems.append(f"{self.path}:{_key_line(lines, first, exc.key.split('.')[0])}: {exc}")
            return
        self.seen.add(e.id)
        (doc.entries if table == "figure" else doc.orphans).append(e)
        if table == "figure":
            self.out.lines[e.id] = (_key_line(lines, first, "start"), _key_line(lines, first, "status"))


def stream_session(path: Path, problems: list[str]) -> Streamed:
    """Read and check ``path`` table by table; problems of single tables go to ``problems``,
    a file that cannot be read at all raises SessionError('file:line: reason')."""
    check_session_link(path)
    data = read_regular(path, "session file", SESSION_LIMIT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SessionError(f"{path}:{line}: session file is not UTF-8") from None
    del data
    reader = _Reader(path, problems)
    starts = [m.start() for m in _TABLE.finditer(text)] + [len(text)]
    reader.head(text[: starts[0]])
    line = text.count("\n", 0, starts[0]) + 1
    for a, b in zip(starts, starts[1:]):
        reader.block(text[a:b], line)
        line += text.count("\n", a, b)
    out = reader.out
    assert out is not None
    doc = out.doc
    doc.log = list(reader.last_by_id.values())
    out.log_count = reader.counts[2]
    if reader.last_seq > doc.journal_seq:
        problems.append(f"{path}:{out.head.find('', 0, 'journal_seq')}: journal_seq {doc.journal_seq} "
                        f"is below the last log seq {reader.last_seq}")
    elif not problems:
        tail = text[-2048:].split("\n")
        last = [{"seq": reader.last_seq}] if reader.counts[2] else []
        doc.incomplete = wholeness(path, replace(doc, log=last), out.head.find("", 0, "journal_seq"), tail,
                                   tuple(reader.counts), text.count("\n") + 1 - len(tail))
    doc.entries.sort(key=lambda e: (e.start, e.end))
    return out
