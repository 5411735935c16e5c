"""The curated dataset: one row per verified figure (accepted, corrected, added).

Columns, in order: ``file`` (the report path as the session stores it),
``sha256`` (of the report's bytes when it was reviewed), ``start``, ``end``
(character offsets into the decoded text), ``text``, ``value``, ``value_max``,
``unit``, ``bound``, ``category``, ``label``, ``period``, ``status``, ``rule``,
``note``, ``reviewer``, ``decided_at``. Values are the reviewer's (the
correction when corrected). A figure set aside after a report edit (an orphan)
is not exported: its offsets point into an older text.

CSV: UTF-8 (``bom=True`` adds the byte-order mark Microsoft Excel needs to see
UTF-8), a header row, RFC 4180 quoting; an absent ``value_max`` is an empty
cell. JSON Lines: one object a line, numbers as numbers, ``value_max`` null
when absent.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from hedui.core.session.entry import Entry
from hedui.core.model import VERIFIED
from hedui.core.session.read import SavedSession

COLUMNS = ("file", "sha256", "start", "end", "text", "value", "value_max", "unit", "bound", "category",
           "label", "period", "status", "rule", "note", "reviewer", "decided_at")


def exported(e: Entry, include_flagged: bool = False) -> bool:
    return e.status in VERIFIED or (include_flagged and e.status == "flagged")


def row(s: SavedSession, e: Entry, *, disputed: bool | None = None) -> dict[str, Any]:
    """The dataset row of entry ``e`` of session ``s`` (with a ``disputed`` column when given)."""
    f = e.fields
    r = {
        "file": s.doc.report_path, "sha256": s.doc.report_sha256, "start": e.start, "end": e.end,
        "text": e.text, "value": f.value, "value_max": f.value_max, "unit": f.unit, "bound": f.bound,
        "category": f.category, "label": f.label, "period": f.period, "status": e.status,
        "rule": e.rule, "note": e.note, "reviewer": e.decided_by or s.doc.reviewer,
        "decided_at": e.decided_at,
    }
    if disputed is not None:
        r["disputed"] = disputed
    return r


def rows(sessions: Iterable[SavedSession], include_flagged: bool = False) -> Iterator[dict[str, Any]]:
    """Every reviewer's rows (``--per-reviewer``), by report file, reviewer, then offset."""
    for s in sorted(sessions, key=lambda s: (s.doc.report_path, s.doc.reviewer)):
        for e in s.entries:
            if exported(e, include_flagged):
                yield row(s, e)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def to_csv(rows: Iterable[dict[str, Any]], out: io.TextIOBase, *, bom: bool = False,
           columns: tuple[str, ...] = COLUMNS) -> int:
    """Write CSV; returns the number of rows."""
    if bom:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    n = 0
    for r in rows:
        w.writerow([_cell(r[c]) for c in columns])
        n += 1
    return n


def to_jsonl(rows: Iterable[dict[str, Any]], out: io.TextIOBase, *, columns: tuple[str, ...] = COLUMNS) -> int:
    n = 0
    for r in rows:
        out.write(json.dumps({c: r[c] for c in columns}, ensure_ascii=False) + "\n")
        n += 1
    return n
