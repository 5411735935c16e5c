"""Messages the app's workers and widgets post (past tense, as things that happened)."""
from __future__ import annotations

from dataclasses import dataclass

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
class PreparationProgressed(Message):
    """``done`` of ``total`` reports are prepared."""

    done: int
    total: int


@dataclass
class FigureDecided(Message):
    """A decision on a figure is on disk (the session call returned) and on screen."""

    report: int
    entry_id: str
    status: str
