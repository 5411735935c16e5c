"""Helpers for the label/period tests: a report from a string, and the figure span of a substring."""
from __future__ import annotations

import hashlib
from pathlib import Path

from hedui.core.extract.context import Context
from hedui.core.extract.context_making import make_context
from hedui.core.extract.context_rules import ContextRules, load_context_rules
from hedui.core.model import Artefact, Report
from hedui.core.text.view import make_view

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


def rules() -> ContextRules:
    return load_context_rules(RULES_DIR)


def context(text: str, pinyin: tuple[tuple[int, int], ...] = ()) -> Context:
    report = Report(
        path=Path("mem.txt"), text=text, encoding="utf-8",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        artefacts=tuple(Artefact(s, e, "pinyin") for s, e in pinyin),
    )
    return make_context(report, make_view(report), rules())


def span(text: str, figure: str, nth: int = 0) -> tuple[int, int]:
    """[start, end) of the nth occurrence of ``figure`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(figure, pos + 1)
    return pos, pos + len(figure)
