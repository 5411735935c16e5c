"""Report loading (PLACEHOLDER, to be replaced: decoding detection and artefacts)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from hedui.core.model import Report, ReportError


def load_report(path: Path) -> Report:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ReportError(f"{path}: cannot decode") from None
    return Report(path=path, text=text, encoding="utf-8", sha256=hashlib.sha256(data).hexdigest())
