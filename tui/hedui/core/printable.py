"""Text from a file or a file name made safe to show on a terminal.

A report, a session file or a file name may hold control characters: ESC starts a terminal
escape sequence (colours, cursor moves, a changed window title), BEL rings, a newline cuts a
one-line header. Everything such is shown through ``printable``: each C0 control character,
DEL and each C1 control character becomes one visible character of the Unicode "Control
Pictures" block (ESC → ␛, BEL → ␇, newline → ␊, DEL → ␡) or, for C1, U+FFFD. One character
stays one character, so offsets into a text hold for its printable form too.
"""
from __future__ import annotations

_TABLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20)}
_TABLE[0x7F] = "\u2421"
_TABLE.update({c: "\ufffd" for c in range(0x80, 0xA0)})


def printable(s: str, keep: str = "") -> str:
    """``s`` with every control character but those in ``keep`` (e.g. "\\n\\t" for a multi-line
    text) shown as a visible character; the same length as ``s``."""
    table = {c: v for c, v in _TABLE.items() if chr(c) not in keep} if keep else _TABLE
    return s.translate(table)


def has_control(s: str) -> bool:
    """Does ``s`` hold a control character (one ``printable`` would change)?"""
    return s != s.translate(_TABLE)


class PrintableStream:
    """A text stream that writes through ``printable`` (newlines and tabs kept): what the CLI
    prints to a terminal, where a file name or a label could otherwise drive the terminal."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, s: str) -> int:
        self._stream.write(printable(s, keep="\n\t"))
        return len(s)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
