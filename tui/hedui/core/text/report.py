"""Report loading: bytes -> decoded, never-altered text + artefacts.

    rules = load_artefact_rules()                   # compile once (artefact_rules.py)
    report = load_report(path, artefact_rules=rules)
    report.text        # the decoded text, exactly as stored (offsets index this)
    report.encoding    # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "gb18030", "big5", "cp950"
    report.sha256      # of the raw bytes
    report.artefacts   # pinyin / furniture / repeat spans, sorted by start (artefacts.py)

Then ``view.make_view(report, rules.simplifier)`` gives the simplified view
with an exact offset map (view.py).

Every failure is a ``ReportError`` whose message is one line naming the file:
``"<path>: <reason>"`` (missing, a directory, unreadable, empty, binary,
undecodable).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from hedui.core.text.artefact_rules import ArtefactRules, load_artefact_rules
from hedui.core.text.artefacts import find_artefacts
from hedui.core.text.decoding import MAX_REPORT_BYTES, DecodeFailure, decode_report_bytes
from hedui.core.model import Artefact, Report, ReportError


def read_report_bytes(path: Path | str) -> bytes:
    """The raw bytes of a report file, or a one-line ReportError."""
    if str(path) == "":
        raise ReportError("(empty path): no report file given")
    p = Path(path)
    try:
        if p.is_dir():
            raise ReportError(f"{p}: is a directory, not a report file")
        if p.exists() and not p.is_file():
            raise ReportError(f"{p}: not a regular file")
        size = p.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise ReportError(f"{p}: too large for a report ({size} bytes)")
        return p.read_bytes()
    except FileNotFoundError:
        raise ReportError(f"{p}: no such file") from None
    except PermissionError:
        raise ReportError(f"{p}: permission denied") from None
    except OSError as exc:
        raise ReportError(f"{p}: cannot read ({exc.strerror or exc})") from None


def decode_report(path: Path | str, data: bytes, artefact_rules: ArtefactRules | None = None,
                  rules_dir: Path | None = None,
                  find: Callable[[str, ArtefactRules], tuple[Artefact, ...]] = find_artefacts) -> Report:
    """A Report from bytes already read (``path`` names it in errors and in the Report);
    ``find(text, rules)``: its artefacts (``find_artefacts``, or a caller's way to the same)."""
    p = Path(path)
    try:
        text, encoding = decode_report_bytes(data)
    except DecodeFailure as exc:
        raise ReportError(f"{p}: {exc}") from None
    rules = artefact_rules if artefact_rules is not None else load_artefact_rules(rules_dir)
    return Report(
        path=p,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        artefacts=find(text, rules),
    )


def load_report(path: Path | str, rules_dir: Path | None = None,
                artefact_rules: ArtefactRules | None = None) -> Report:
    """Read, decode and find the artefacts of one report.

    Pass ``artefact_rules`` (from ``load_artefact_rules``) when loading many
    reports; otherwise the rules of ``rules_dir`` (default: the bundled
    ``rules/``) are read and compiled for this call. A bad rule file raises
    ``RulesError``; a bad report raises ``ReportError``.
    """
    data = read_report_bytes(path)
    return decode_report(path, data, artefact_rules, rules_dir)
