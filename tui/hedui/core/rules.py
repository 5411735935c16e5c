"""Rule files: reading ``rules/*.toml`` with one-line errors naming file and line.

The rule *schemas* (units, qualifiers, exclusions, label and period heuristics,
artefacts) are defined by the modules that use them; this module reads the
files, reports syntax errors with file and line, locates a rule's line for
schema errors, and computes the digest that sessions record.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path

from hedui.core.model import RulesError


def default_rules_dir() -> Path:
    """The bundled rules: ``hedui/_rules`` in a wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent  # .../hedui
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def read_rule_file(path: Path) -> dict:
    """Parse one TOML rule file; a syntax error becomes ``RulesError('file:line: msg')``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RulesError(f"{path}: cannot read rule file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RulesError(f"{path}:{line}: rule file is not UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = m.group(1) if m else "?"
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise RulesError(f"{path}:{line}: TOML syntax error: {msg}") from None


def line_of(path: Path, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in the file (for schema errors)."""
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return i
    except OSError:
        return None
    return None


def schema_error(path: Path, rule_id: str | None, message: str) -> RulesError:
    """A RulesError naming the file and, when it can be found, the line of the rule."""
    line = line_of(path, f'"{rule_id}"') if rule_id else None
    where = f"{path}:{line}" if line else f"{path}"
    return RulesError(f"{where}: {message}")


def rules_digest(rules_dir: Path) -> str:
    """sha256 over every ``*.toml`` in the rules folder (names and bytes), hex, 16 chars."""
    h = hashlib.sha256()
    for p in sorted(rules_dir.glob("*.toml")):
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]
