"""A session file proves it is whole (format 2): its last line counts its tables, its
``journal_seq`` is its last log record's seq. A file cut anywhere, even between two tables,
or missing a table from its middle, fails; see docs/session-format.md."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

#: the last line of a format 2 file
END = "# end of session: {figures} figures, {orphans} orphans, {log} log records"
_END = re.compile(r"# end of session: (\d+) figures, (\d+) orphans, (\d+) log records")


def wholeness(path: Path, doc: Any, seq_line: int, tail_lines: list[str], counts: tuple[int, int, int],
              line0: int = 0) -> str:
    """'' if the file shows it is whole, else why not ('file:line: ...'). ``doc`` is its
    ``SessionDoc`` (its ``format``, ``journal_seq`` and at least its last ``log`` record);
    ``tail_lines`` its last lines, from line ``line0 + 1``; ``counts`` its figure, orphan and
    log tables."""
    last_seq = doc.log[-1]["seq"] if doc.log else 0
    if doc.journal_seq != last_seq:
        return (f"{path}:{seq_line}: incomplete: journal_seq {doc.journal_seq} "
                f"but the last log record is seq {last_seq} (log records missing)")
    if doc.format < 2:
        return ""
    tail = len(tail_lines)
    while tail > 0 and not tail_lines[tail - 1].strip():
        tail -= 1
    m = _END.fullmatch(tail_lines[tail - 1].strip()) if tail else None
    if m is None:
        return f"{path}:{line0 + tail or 1}: incomplete: the file is cut short (its end line is missing)"
    said = tuple(int(x) for x in m.groups())
    if said != counts:
        return (f"{path}:{line0 + tail}: incomplete: the end line counts {said[0]} figures, {said[1]} orphans, "
                f"{said[2]} log records; the file holds {counts[0]}, {counts[1]}, {counts[2]}")
    return ""
