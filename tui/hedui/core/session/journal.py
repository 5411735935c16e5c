"""Reading a session's journal: decisions not yet folded into its TOML file, one JSON line each."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hedui.core.model import SessionError
from hedui.core.session.entry import SchemaProblem
from hedui.core.session.file_format import validate_log_record
from hedui.core.session.safe_io import JOURNAL_LIMIT, read_regular


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def read_journal(path: Path, *, repair: bool) -> list[dict[str, Any]]:
    """The journal's records; a torn last line is dropped (and cut off when ``repair``)."""
    if not os.path.lexists(path):
        return []
    data = read_regular(path, "journal", JOURNAL_LIMIT, follow=False)
    records = []
    pos = 0
    lineno = 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl < 0:  # torn tail: a crash in the middle of an append that was never acknowledged
            if repair:
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
                    try:
                        os.ftruncate(fd, pos)
                        os.fsync(fd)
                    finally:
                        os.close(fd)
                except OSError as exc:
                    raise SessionError(f"{path}: cannot repair journal ({_why(exc)})") from None
            break
        lineno += 1
        line = data[pos:nl]
        pos = nl + 1
        try:
            rec = json.loads(line.decode("utf-8"))
            validate_log_record(rec)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise SessionError(f"{path}:{lineno}: damaged journal line") from None
        except SchemaProblem as exc:
            raise SessionError(f"{path}:{lineno}: {exc}") from None
        if records and rec["seq"] <= records[-1]["seq"]:
            raise SessionError(f"{path}:{lineno}: journal seq {rec['seq']} is not increasing")
        records.append(rec)
    return records


def journal_gap(journal: Path, journal_seq: int, pending: list[dict[str, Any]]) -> str:
    """Why the journal does not continue the session file (records missing), or ''."""
    if pending and pending[0]["seq"] != journal_seq + 1:
        return (f"{journal}:1: incomplete: the journal starts at seq {pending[0]['seq']} but the session "
                f"file ends at seq {journal_seq} (records missing)")
    return ""
