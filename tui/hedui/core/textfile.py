"""The small UTF-8 files that configure hedui (rule files, the keymap config, gold files): read
with one-line errors that name the file, and the line where there is one."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

_AT = re.compile(r"\s*\(at line (\d+), column \d+\)")


def read_utf8(path: Path, what: str, error: type[Exception], encoding: str = "utf-8") -> str:
    """The text of ``path``; ``error("path: cannot read WHAT …")`` or ``error("path:LINE: WHAT is
    not UTF-8")`` otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(f"{path}:{line}: {what} is not UTF-8") from None


def parse_toml(path: Path, text: str, error: type[Exception]) -> dict:
    """``tomllib.loads(text)``; a syntax error becomes ``error("path:LINE: TOML syntax error: …")``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _AT.search(msg)
        line = m.group(1) if m else "?"
        raise error(f"{path}:{line}: TOML syntax error: {_AT.sub('', msg)}") from None
