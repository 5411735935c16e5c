"""The extractor's access to the simplified view and to the label/period helpers.

Uses ``hedui.core.view`` (make_view) and ``hedui.core.labels`` / ``hedui.core.periods``
(make_context, label_for, period_for) when they are present; otherwise stand-ins: an
identity view (or a same-length opencc t2s view) and empty labels and periods.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from hedui.core.model import Report


@dataclass(frozen=True, slots=True)
class PlainView:
    """A view whose characters map one to one onto the original."""

    text: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return start, end


def _t2s_same_length(text: str) -> str:
    try:
        import opencc
    except ImportError:  # pragma: no cover
        return text
    conv = opencc.OpenCC("t2s").convert(text)
    return conv if len(conv) == len(text) else text


def view_of(report: Report):
    try:
        from hedui.core.view import make_view  # type: ignore[attr-defined]
    except ImportError:
        return PlainView(_t2s_same_length(report.text))
    return make_view(report)


def context_tools(report: Report, view) -> tuple[Callable[[int, int], str], Callable[[int, int], str]]:
    """(label_for(start, end), period_for(start, end)) on view offsets."""
    try:
        from hedui.core.labels import label_for, make_context  # type: ignore[attr-defined]
    except ImportError:
        make_context = None  # type: ignore[assignment]
    if make_context is None:
        return (lambda s, e: ""), (lambda s, e: "")
    ctx = make_context(report, view)
    try:
        from hedui.core.periods import period_for  # type: ignore[attr-defined]
    except ImportError:
        def period_for(ctx, s, e):  # type: ignore[no-redef]
            return ""
    return (lambda s, e: label_for(ctx, s, e)), (lambda s, e: period_for(ctx, s, e))
