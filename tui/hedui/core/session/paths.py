"""Where a session file lives, and how it names its report.

* File name: ``<report-stem>.<reviewer>.toml`` in the sessions folder (see
  ``safe_name`` for characters a file name cannot hold); an adjudication (``hedui
  adjudicate``) is ``<report-stem>.<reviewer>+adjudication.toml`` (``+`` is never in a safe
  name, so it cannot clash with a review session of any report or reviewer). If that
  name is already taken by a session of a *different* report (same stem, other
  folder), the file is ``<report-stem>~<8 hex>.<reviewer>.toml``, the hex being
  a hash of the report's absolute path.
* Report path inside the file: relative to the sessions folder's parent when the
  report lies below it (``sessions/`` beside ``seeds/`` gives ``seeds/x.txt``),
  else absolute. ``resolve_report_path`` reverses that.
"""
from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path

from hedui.core.model import Report, SessionError
from hedui.core.session.safe_io import SESSION_LIMIT, check_session_link, open_regular

_UNSAFE = re.compile(r"[^\w.\-]+")
#: the team's assignment (core/dataset/assignment.py) lives in the sessions folder too, and is
#: not a session
ASSIGNMENT_FILE = "assignment.toml"
#: what the file name of a session of each role ends with, before ``.toml``
ROLE_SUFFIX = {"review": "", "adjudication": "+adjudication"}


def safe_name(s: str) -> str:
    """A file-name-safe form of a stem or reviewer name (letters of any script kept).

    When anything had to change, a short hash of the original is appended, so that
    two names never share a file (``li?`` -> ``li~1b2c3d``, ``王 芳`` -> ``王_芳~...``)."""
    safe = _UNSAFE.sub("_", s).strip("._")[:80] or "_"
    if safe != s:
        safe += "~" + hashlib.sha256(s.encode("utf-8")).hexdigest()[:6]
    return safe


def stored_report_path(report_path: Path, sessions_dir: Path) -> str:
    """The report path as written into a session file (POSIX separators)."""
    absolute = Path(report_path).resolve()
    base = Path(sessions_dir).resolve().parent
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


def resolve_report_path(stored: str, sessions_dir: Path) -> Path:
    p = Path(stored)
    if p.is_absolute():
        return p
    return Path(sessions_dir).resolve().parent / p


def peek_header(path: Path) -> dict:
    """The top of a session file (format, reviewer, times, [report], [extractor]) without
    parsing its figures; {} if it cannot be read."""
    try:
        check_session_link(path)  # (never read through a link to outside the folder)
        fd = open_regular(path, "session file", SESSION_LIMIT)  # never blocks on a FIFO
    except SessionError:
        return {}
    try:
        head = os.read(fd, 8192)
    except OSError:
        return {}
    finally:
        os.close(fd)
    text = head.decode("utf-8", "ignore")
    cut = text.find("\n[[")
    if cut < 0:
        if len(head) == 8192:
            return {}
        cut = len(text)  # a session without figures or log: the whole file is the header
    try:
        return tomllib.loads(text[:cut])
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):  # (a 5,000-digit integer; deep nesting)
        return {}


def lock_owner(session: Path) -> str:
    """The report (as stored) named by the lock file of ``session``; '' if none or unreadable."""
    try:
        with open(session.with_name(session.name + ".lock"), "rb") as fh:
            lines = fh.read(4096).decode("utf-8", "replace").split("\n")
    except OSError:
        return ""
    return lines[1].strip() if len(lines) > 1 else ""


def session_path(sessions_dir: Path, report: Report, reviewer: str, role: str = "review") -> Path:
    """The session file of ``report`` reviewed (or adjudicated) by ``reviewer`` (existing or to be made)."""
    sessions_dir = Path(sessions_dir)
    stem, rev = safe_name(Path(report.path).stem), safe_name(reviewer) + ROLE_SUFFIX[role]
    stored = stored_report_path(report.path, sessions_dir)
    tag = hashlib.sha256(Path(report.path).resolve().as_posix().encode()).hexdigest()[:8]
    alt = sessions_dir / f"{stem}~{tag}.{rev}.toml"
    if os.path.lexists(alt):
        return alt
    base = sessions_dir / f"{stem}.{rev}.toml"
    if not os.path.lexists(base):  # unless a lazy session of another report holds the name (its lock says)
        return alt if lock_owner(base) not in ("", stored) else base
    head = peek_header(base).get("report", {})
    other = head.get("path") if isinstance(head, dict) else None
    if not isinstance(other, str) or other == stored:
        return base
    # another report with the same stem owns the name, unless that report moved here
    if resolve_report_path(other, sessions_dir).exists() or head.get("sha256") != report.sha256:
        return alt
    return base
