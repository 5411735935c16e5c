"""An ``Extraction`` as compact JSON for the cache, and back (checked: a cached extraction that
does not fit its report's text is refused, never shown).

The report's text is not stored: it is decoded again from the report's bytes, whose sha256 is
the cache key, so the figures can only ever be paired with the very text they were made from.
"""
from __future__ import annotations

import json
from typing import Any

from hedui.core.model import Artefact, Extraction, Fields, Figure, Report


class Damaged(ValueError):
    """A cache entry that cannot be read back into an extraction of its report."""


def _figure(f: Figure) -> list[Any]:
    v = f.fields
    return [f.start, f.end, f.text, f.rule, f.repeat_of,
            [v.value, v.value_max, v.unit, v.bound, v.category, v.label, v.period],
            list(f.label_alternatives), list(f.period_alternatives)]


def dumps(extraction: Extraction) -> bytes:
    """The JSON bytes of an extraction, without the report's text."""
    report = extraction.report
    doc = {
        "encoding": report.encoding,
        "sha256": report.sha256,
        "chars": len(report.text),
        "rules_digest": extraction.rules_digest,
        "artefacts": [[a.start, a.end, a.kind, a.rule, a.repeat_of] for a in report.artefacts],
        "figures": [_figure(f) for f in extraction.figures],
        "excluded": [_figure(f) for f in extraction.excluded],
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _load_figure(raw: Any, text: str, excluded: bool) -> Figure:
    start, end, ftext, rule, repeat_of, v, label_alts, period_alts = raw
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)) \
            or text[start:end] != ftext:
        raise Damaged(f"figure {ftext!r} at {start}-{end} does not fit the report")
    value, value_max, unit, bound, category, label, period = v
    fields = Fields(value=value, value_max=value_max, unit=unit, bound=bound, category=category,
                    label=label, period=period)
    return Figure(start, end, ftext, fields, rule, excluded=excluded, repeat_of=repeat_of,
                  label_alternatives=tuple(label_alts), period_alternatives=tuple(period_alts))


def loads(data: bytes, report: Report) -> Extraction:
    """The extraction stored in ``data`` for ``report`` (decoded from the same bytes); ``Damaged``
    if it is not valid JSON of the right shape or does not fit the report's text."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc["sha256"] != report.sha256 or doc["chars"] != len(report.text) \
                or doc["encoding"] != report.encoding:
            raise Damaged("entry of another report")
        text = report.text
        artefacts = tuple(Artefact(int(s), int(e), str(k), str(r), p) for s, e, k, r, p in doc["artefacts"])
        figures = tuple(_load_figure(f, text, False) for f in doc["figures"])
        excluded = tuple(_load_figure(f, text, True) for f in doc["excluded"])
        digest = doc["rules_digest"]
    except Damaged:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as exc:
        raise Damaged(f"cannot read entry ({type(exc).__name__})") from None
    return Extraction(report=Report(report.path, text, report.encoding, report.sha256, artefacts),
                      figures=figures, excluded=excluded, rules_digest=str(digest))
