"""The data model shared by every part of hedui.

Character offsets into a report's decoded text (Python ``str`` indices) are the
only coordinates the core knows; screen cells and rows belong to the app.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

Bound = Literal["=", "~", ">", ">=", "<", "<=", "range"]
BOUNDS: tuple[str, ...] = ("=", "~", ">", ">=", "<", "<=", "range")

Category = Literal["count", "money", "percent", "ratio", "measure"]
CATEGORIES: tuple[str, ...] = ("count", "money", "percent", "ratio", "measure")

Status = Literal["pending", "accepted", "corrected", "flagged", "rejected", "added"]
STATUSES: tuple[str, ...] = ("pending", "accepted", "corrected", "flagged", "rejected", "added")
#: statuses whose figure goes into the dataset
VERIFIED: frozenset[str] = frozenset({"accepted", "corrected", "added"})

FlagReason = Literal["ambiguous", "source-error", "outside-definition", "other"]
FLAG_REASONS: tuple[str, ...] = ("ambiguous", "source-error", "outside-definition", "other")

ArtefactKind = Literal["pinyin", "furniture", "repeat"]

Number = int | float


def to_number(d: Decimal) -> Number:
    """An exact Decimal as the JSON number hedui writes: int when integral."""
    if d == d.to_integral_value():
        return int(d)
    return float(d.normalize())


@dataclass(frozen=True, slots=True)
class Fields:
    """The reviewable fields of a figure (FIGURES.md), apart from its span."""

    value: Number
    value_max: Number | None = None
    unit: str = ""
    bound: str = "="
    category: str = "count"
    label: str = ""
    period: str = ""


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Fields))


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure (or, with ``excluded``, one number the extractor saw and did not propose).

    ``rule`` is the id of the rule that produced it (or excluded it).
    ``repeat_of`` is the start offset of the same figure in the first copy of a
    repeated paragraph, else None. ``label_alternatives`` and ``period_alternatives`` are up
    to four ranked other readings (never the chosen one), for the reviewer's pickers.
    """

    start: int
    end: int
    text: str
    fields: Fields
    rule: str
    excluded: bool = False
    repeat_of: int | None = None
    label_alternatives: tuple[str, ...] = ()
    period_alternatives: tuple[str, ...] = ()

    # convenience accessors (read-only views of fields)
    @property
    def value(self) -> Number:
        return self.fields.value

    @property
    def value_max(self) -> Number | None:
        return self.fields.value_max

    @property
    def unit(self) -> str:
        return self.fields.unit

    @property
    def bound(self) -> str:
        return self.fields.bound

    @property
    def category(self) -> str:
        return self.fields.category

    @property
    def label(self) -> str:
        return self.fields.label

    @property
    def period(self) -> str:
        return self.fields.period

    def with_fields(self, **changes: object) -> "Figure":
        return replace(self, fields=replace(self.fields, **changes))

    def as_json(self, file: str) -> dict:
        """The JSON Lines record of ``hedui extract``."""
        d = {
            "file": file,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.fields.value,
            "value_max": self.fields.value_max,
            "unit": self.fields.unit,
            "bound": self.fields.bound,
            "category": self.fields.category,
            "label": self.fields.label,
            "period": self.fields.period,
            "rule": self.rule,
            "label_alternatives": list(self.label_alternatives),
            "period_alternatives": list(self.period_alternatives),
        }
        if self.repeat_of is not None:
            d["repeat_of"] = self.repeat_of
        if self.excluded:
            d["excluded"] = True
        return d


def in_text_order(figures: list[Figure], excluded: list[Figure]) -> list[Figure]:
    """Figures and excluded numbers in one list by (start, end), a figure before an excluded
    number of the same span (``hedui extract --excluded``)."""
    return sorted([*figures, *excluded], key=_span)


def _span(f: Figure) -> tuple[int, int]:
    return f.start, f.end


@dataclass(frozen=True, slots=True)
class Artefact:
    """A span of the original text that is not the report's own prose.

    kind ``pinyin``: a romanisation inserted after a character, e.g. ``(chǎn)``;
    kind ``furniture``: page furniture of a hosting site;
    kind ``repeat``: a later copy of a paragraph; ``repeat_of`` is the start
    offset of its first copy.
    """

    start: int
    end: int
    kind: str
    rule: str = ""
    repeat_of: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A decoded report. ``text`` is never altered after decoding."""

    path: Path
    text: str
    encoding: str
    sha256: str
    artefacts: tuple[Artefact, ...] = ()

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractor made of one report."""

    report: Report
    figures: tuple[Figure, ...]
    excluded: tuple[Figure, ...] = ()
    rules_digest: str = ""


class HeduiError(Exception):
    """An error with a one-line message fit for the user (names the file, and line where known)."""


class ReportError(HeduiError):
    """A report that cannot be read or decoded."""


class RulesError(HeduiError):
    """A rule file with a syntax or schema error."""


class SessionError(HeduiError):
    """A session file that cannot be read, validated or written."""


class SessionLocked(SessionError):
    """Another process holds the session's lock."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder
