"""How a status looks: a symbol (readable without colour) and a style name."""
from __future__ import annotations

SYMBOLS: dict[str, str] = {
    "pending": "·",
    "accepted": "✓",
    "corrected": "✎",
    "flagged": "⚑",
    "rejected": "✗",
    "added": "+",
    "excluded": "∅",
}

#: Rich styles (16-colour safe); with NO_COLOR only the symbol and bold remain
STYLES: dict[str, str] = {
    "pending": "bold",
    "accepted": "green",
    "corrected": "cyan",
    "flagged": "yellow",
    "rejected": "red",
    "added": "magenta",
    "excluded": "dim",
}

#: keys of the status filter, in the order shown
FILTERS: tuple[str, ...] = ("all", "pending", "accepted", "corrected", "flagged", "rejected", "added")


#: an integer with more digits than this is shown by its size (str() refuses over 4,300 digits)
MAX_SHOWN_DIGITS = 40


def format_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and abs(value).bit_length() > MAX_SHOWN_DIGITS * 3.33:
        digits = int(abs(value).bit_length() * 0.30103) + 1
        return f"{'-' if value < 0 else ''}(~{digits:,} digits)"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def format_amount(fields: object) -> str:
    """``value`` or ``value–value_max``."""
    v = format_value(getattr(fields, "value", None))
    vmax = getattr(fields, "value_max", None)
    return f"{v}–{format_value(vmax)}" if vmax is not None else v
