"""Reviewed sessions as the reference of ``hedui eval --sessions DIR``.

``verified_reference(sessions_dir)`` gives, per report name (the file name
without extension, as ``hedui.core.dataset.evaluate.report_name``), figure dicts in the
gold format of the shared gold files: ``start, end, text, value, value_max,
unit, bound, category, label, period, optional``. Verified figures (accepted,
corrected, added) are required (``optional = False``). Figures a reviewer has
not decided yet (pending) or flagged are ``optional = True``: the metric ignores
extractions that overlap them, so a half-reviewed report does not count the
extractor's unreviewed proposals as errors. Rejected figures are left out (an
extractor that proposes them again is charged a false positive). Sessions of
one report by several reviewers are merged: at one span the latest decision wins.
A session whose report changed since it was reviewed is left out (its offsets
point into the old text).
"""
from __future__ import annotations

from pathlib import Path

from hedui.core.dataset.evaluate import report_name
from hedui.core.model import VERIFIED, SessionError
from hedui.core.session.safe_io import NotReadable, report_sha256
from hedui.core.session.read import load_all


def verified_reference(sessions_dir: Path, skipped: list[str] | None = None) -> dict[str, list[dict]]:
    """Gold-format reference figures from reviewed sessions (see the module doc).

    A session whose report is missing or has changed since (its offsets would not fit
    the text the extractor reads) is left out, with a one-line reason appended to
    ``skipped`` when given. Raises ``SessionError`` for a missing folder or the first
    damaged session file.
    """
    sessions, bad = load_all(Path(sessions_dir))
    if bad:
        raise SessionError(bad[0])
    current = []
    for s in sessions:
        try:
            same = report_sha256(s.report_path) == s.doc.report_sha256
            why = "changed since it was reviewed (open it in hedui review to re-anchor)"
        except NotReadable as exc:
            same, why = False, f"not readable ({exc.reason})"
        if same:
            current.append(s)
        elif skipped is not None:
            skipped.append(f"{s.path}: left out of the reference: report {s.doc.report_path} {why}")
    sessions = current
    best: dict[str, dict[tuple[int, int], tuple[str, dict | None]]] = {}
    for s in sessions:
        name = report_name(s.doc.report_path)
        spans = best.setdefault(name, {})
        for e in s.entries:
            f = e.fields
            fig: dict | None = None if e.status == "rejected" else {
                "start": e.start, "end": e.end, "text": e.text, "value": f.value, "value_max": f.value_max,
                "unit": f.unit, "bound": f.bound, "category": f.category, "label": f.label,
                "period": f.period, "optional": e.status not in VERIFIED,
            }
            key = (e.start, e.end)
            when = e.decided_at if e.decided else ""
            if key not in spans or when > spans[key][0]:
                spans[key] = (when, fig)
    return {name: [fig for _, (_, fig) in sorted(spans.items()) if fig is not None]
            for name, spans in best.items()}
