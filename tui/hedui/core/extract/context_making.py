"""Making the context of a report (``make_context``), of a piece of a long one (``in_stretch``),
and loading jieba's dictionary ahead of them (``warm``); the context itself is context.py."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from hedui.core.extract.boundaries import sentence_starts
from hedui.core.extract.context import Context, RuleScanners, TextViewLike
from hedui.core.extract.positions import covered, quantity_starts
from hedui.core.extract.context_numbers import kept_quantities
from hedui.core.extract.context_rules import ContextRules, load_context_rules
from hedui.core.extract.jieba_dictionary import lexicon, quiet
from hedui.core.extract.time_phrases import find_time_phrases
from hedui.core.model import Report
from hedui.core.rules import default_rules_dir


def in_stretch(ctx: Context, quantities: list[tuple[int, int]], lo: int, hi: int) -> Context:
    """``ctx`` for the figures of a piece of a long report (pieces.py): with these numbers (as
    ``make_context`` takes them) and the time phrases found in the view's stretch [lo, hi)
    around the piece, nothing else remembered but the segmentation."""
    kept = kept_quantities(ctx.text, ctx.rules, quantities)
    full = ctx.sentence_at

    def sentence_at(pos: int) -> tuple[int, int]:
        s, e = full(pos + lo)
        return max(s, lo) - lo, min(e, hi) - lo

    periods = ctx.scanners.periods if ctx.scanners is not None else None
    found = [p.shifted(lo) for p in find_time_phrases(ctx.text[lo:hi], ctx.rules, periods, sentence_at)]
    phrases = [p for p in found if p.kind != "base"]
    starts, index = quantity_starts(kept, len(ctx.text))  # type: ignore[arg-type]
    piece = replace(ctx, _quantities=kept, _quantity_starts=starts, _quantity_index=index, _qblocks=None,
                    _qcache={}, _phrases=phrases, _bases={p.end: p for p in found if p.kind == "base"},
                    memo={}, _word_cache=dict(ctx._word_cache))
    piece._set_phrases(phrases)
    return piece


def warm(ctx: Context | None = None) -> None:
    """Load jieba's dictionary now, as the segmenter reads it (before a fork: once for all the
    pieces of a report)."""
    if ctx is not None:
        ctx.words("")
    else:
        lexicon(quiet())


def make_context(report: Report, view: TextViewLike, rules: ContextRules | None = None,
                 scanners: RuleScanners | None = None,
                 quantities: list[tuple[int, int]] | None = None, tables: Any = None) -> Context:
    """The context of one report, for ``label_for`` and ``period_for`` (pass the ``scanners``
    of ``rules`` when making many contexts)."""
    if rules is None:
        rules = load_context_rules(default_rules_dir())
    if scanners is None or scanners.rules is not rules:
        scanners = RuleScanners(rules)
    text = view.text
    quantities = kept_quantities(text, rules, quantities)
    starts, index = quantity_starts(quantities, len(text)) if quantities is not None else (None, None)
    origin = getattr(view, "origin", None)
    segments = None
    if origin is not None and hasattr(origin, "view_starts"):
        segments = (list(origin.view_starts), list(origin.orig_starts))  # a list bisects faster
    return Context(
        report=report,
        view=view,
        rules=rules,
        text=text,
        _sentence_starts=sentence_starts(text, rules.sentence_ends),
        scanners=scanners,
        _segments=segments,
        _quantities=quantities,
        _quantity_starts=starts,
        _quantity_index=index,
        _covered=covered(len(text)),
        tables=tables,
    )
