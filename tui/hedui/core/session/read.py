"""Reading saved sessions without opening them for review (export, check, stats, eval).

Nothing here writes or locks: a session another process has open is read as it
stands on disk (its TOML file with its journal folded in).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hedui.core.session.entry import Entry, apply_state, entry_from_dict, is_full
from hedui.core.model import SessionError
from hedui.core.session.entry import SchemaProblem
from hedui.core.session.file_format import (
    SYSTEM_OPS, SessionDoc, _Lines, doc_from_toml, log_item, parse_toml, read_session, read_session_bytes, wholeness,
)
from hedui.core.session.paths import ASSIGNMENT_FILE, resolve_report_path
from hedui.core.session.store import journal_gap, read_journal

SUFFIX = ".toml"


@dataclass
class SavedSession:
    path: Path
    doc: SessionDoc  # entries and log include the journal
    report_path: Path  # where the report is expected

    @property
    def entries(self) -> list[Entry]:
        return self.doc.entries


def session_files(sessions_dir: Path) -> list[Path]:
    """The session files of a folder (``*.toml``), sorted; SessionError if it is not a folder."""
    sessions_dir = Path(sessions_dir)
    if not sessions_dir.is_dir():
        raise SessionError(f"{sessions_dir}: sessions folder not found")
    # every entry, whatever it is: a FIFO, a dangling link or a folder is reported by its reader
    return sorted(p for p in sessions_dir.glob(f"*{SUFFIX}") if p.name != ASSIGNMENT_FILE)


def fold_journal(doc: SessionDoc, records: list[dict[str, Any]], journal: Path) -> None:
    """Apply journal records (seq > doc.journal_seq) to ``doc`` in place."""
    by_id = {e.id: e for e in doc.entries}
    for rec in records:
        if rec["seq"] <= doc.journal_seq:
            continue
        doc.log.append(rec)
        if rec["op"] in SYSTEM_OPS:
            continue
        doc.updated_at = rec["at"]
        eid, after = rec.get("id", ""), rec.get("after")
        if after is None:
            by_id.pop(eid, None)
        elif eid in by_id:
            by_id[eid] = apply_state(by_id[eid], after)
        elif is_full(after):
            by_id[eid] = entry_from_dict(after)
        else:
            raise SessionError(f"{journal}: seq {rec['seq']} refers to figure {eid}, which is not in the session")
    doc.entries = sorted(by_id.values(), key=lambda e: (e.start, e.end, e.id))


def log_start(data: bytes) -> int:
    """Where a file's ``[[log]]`` tables begin (hedui writes them last); -1 if it has none, or
    if a figure or an orphan follows them (a hand-made order is read whole)."""
    cut = data.find(b"\n[[log]]")
    if cut < 0 or data.find(b"\n[[figure]]", cut) >= 0 or data.find(b"\n[[orphan]]", cut) >= 0:
        return -1
    return cut + 1


def read_figures(path: Path) -> SessionDoc:
    """``read_session`` without parsing the decision log (agree and export need no history:
    it is most of a file): the figures, and only the last log record, which with the end line
    still proves the file whole. ``doc.log`` is empty."""
    data = read_session_bytes(path)
    cut = log_start(data)
    if cut < 0:
        doc = read_session(path, data)
        doc.log = []
        return doc
    raw, text = parse_toml(path, data[:cut])
    doc = doc_from_toml(path, raw, _Lines(text), whole=False)
    last = data.rfind(b"\n[[log]]") + 1
    tail, tail_text = parse_toml(path, data[last:])
    line0 = data.count(b"\n", 0, last)
    try:
        doc.log = [log_item(tail["log"][0], 0)] if isinstance(tail.get("log"), list) and tail["log"] else []
    except SchemaProblem as exc:
        raise SessionError(f"{path}:{line0 + 1}: {exc}") from None
    counts = (len(raw.get("figure", [])), len(raw.get("orphan", [])), data.count(b"\n[[log]]"))
    seq_line = text.count("\n", 0, max(0, text.find("\njournal_seq"))) + 2  # (only said if it is wrong)
    doc.incomplete = wholeness(path, doc, seq_line, tail_text.split("\n"), counts, line0)
    doc.log = []
    return doc


def load_saved(path: Path, sessions_dir: Path, log: bool = True) -> SavedSession:
    """One session file with its journal; ``SessionError('file:line: reason')`` if damaged.
    ``log=False``: the figures without the file's decision log (``read_session``)."""
    journal = path.with_name(path.name + ".journal")
    # the journal before the file: a writer renames a new file before it trims the journal,
    # so the file read second holds at least what the journal lost
    records = read_journal(journal, repair=False)
    doc = read_session(path) if log else read_figures(path)
    doc.incomplete = doc.incomplete or journal_gap(journal, doc.journal_seq,
                                                   [r for r in records if r["seq"] > doc.journal_seq])
    if doc.incomplete:  # a dataset is never made from part of a session
        raise SessionError(doc.incomplete)
    fold_journal(doc, records, journal)
    return SavedSession(path=path, doc=doc, report_path=resolve_report_path(doc.report_path, sessions_dir))


def load_all(sessions_dir: Path, log: bool = True) -> tuple[list[SavedSession], list[str]]:
    """Every readable session of a folder, and one error line per unreadable one (``log``: as
    ``load_saved``)."""
    good, bad = [], []
    for p in session_files(sessions_dir):
        try:
            good.append(load_saved(p, sessions_dir, log))
        except SessionError as exc:
            bad.append(str(exc))
    return good, bad


def last_updated(path: Path) -> str:
    """When a session file was last decided on (RFC 3339; '' if never or unreadable),
    without parsing its figures: the header's ``updated_at`` or the journal's last record."""
    from hedui.core.session.paths import peek_header

    when = peek_header(path).get("updated_at", "")
    try:
        records = read_journal(path.with_name(path.name + ".journal"), repair=False)
    except SessionError:
        records = []
    for rec in reversed(records):
        if rec["op"] not in SYSTEM_OPS:
            when = max(when, rec["at"]) if isinstance(when, str) else rec["at"]
            break
    return when if isinstance(when, str) else ""


def last_worked_on(sessions_dir: Path, reviewer: str) -> str | None:
    """The report path (as stored) of ``reviewer``'s most recently decided session, or None."""
    from hedui.core.session.paths import peek_header

    best: tuple[str, str] | None = None
    try:
        files = session_files(sessions_dir)
    except SessionError:
        return None
    for p in files:
        head = peek_header(p)
        report = head.get("report")
        if head.get("reviewer") != reviewer or not isinstance(report, dict):
            continue
        when = last_updated(p)
        if when and (best is None or when > best[0]) and isinstance(report.get("path"), str):
            best = (when, report["path"])
    return best[1] if best else None
