"""Messages the app's workers and widgets post (past tense, as things that happened)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from hedui.app.workspace import ReportSlot


@dataclass
class ReportPrepared(Message):
    """A report was loaded, extracted and its session opened (or it failed: ``slot.error``)."""

    index: int
    slot: ReportSlot


@dataclass
class ReportPreviewed(Message):
    """A report's figures are known (``slot.preview``) while its labels are still being prepared."""

    index: int
    slot: ReportSlot


@dataclass
class ReportExtracted(Message):
    """The corpus server sent report ``index``'s extraction (or why it cannot be read)."""

    index: int
    extraction: Any
    error: str | None


@dataclass
class CorpusCounted(Message):
    """The background pass counted reports: ``kind`` "figures" ``(i, figures, error)``,
    "decisions" ``(i, decided, flagged, total)``, or "done" (every report counted)."""

    kind: str
    items: list


@dataclass
class CacheWarned(Message):
    """The extraction cache cannot be used (one line: why); hedui goes on without it."""

    line: str


@dataclass
class FigureDecided(Message):
    """A decision on a figure is on disk (the session call returned) and on screen."""

    report: int
    entry_id: str
    status: str
