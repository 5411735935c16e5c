"""A label's words written back: the report's own characters at a label's view positions, artefacts
left out, stretches joined as a curator writes them (``join_pieces``).
"""
from __future__ import annotations

from hedui.core.extract.context import Context
from hedui.core.extract.label_words import join_pieces

#: view characters either side of a label's first one whose original text is taken at once
_STRETCH = (120, 360)


def _stretch(ctx: Context, lo: int, hi: int) -> tuple[int, int, str]:
    """(start, end, original text) of a stretch of the view holding [lo, hi), one character per
    view position (the view keeps whole characters): the labels and alternatives of a sentence's
    figures are sliced from it; the last one is remembered on the context ("label-stretch")."""
    a = max(0, lo - _STRETCH[0])
    b = min(len(ctx.text), max(hi, lo + _STRETCH[1]))
    got = (a, b, ctx.original(range(a, b)))
    if len(got[2]) != b - a:  # not one original character per view position: no stretch
        got = (lo, hi, ctx.original(range(lo, hi)))
        if len(got[2]) != hi - lo:
            return -1, -1, ""
    ctx.memo["label-stretch"] = got
    return got


def label_text(ctx: Context, idx: list[int]) -> str:
    """The report's characters at view positions ``idx``, artefacts left out: stretches of the
    report joined directly where the positions skip some (``join_pieces``), each with its own
    spacing."""
    if not idx:
        return ""
    first, last = idx[0], idx[-1]
    got = ctx.memo.get("label-stretch")
    if got is None or first < got[0] or last >= got[1]:
        got = _stretch(ctx, first, last + 1)
    at, _, orig = got
    if last - first + 1 == len(idx):  # one stretch
        if at < 0:
            return ctx.original(range(first, last + 1)).strip()
        return orig[first - at:last + 1 - at].strip()
    # the label and its alternatives write the same runs: remembered on the context
    key = ("text", *idx)
    got = ctx.memo.get(key)
    if got is None:
        if at < 0:
            def piece_of(a: int, b: int) -> str:
                return ctx.original(range(a, b)).strip()
        else:
            def piece_of(a: int, b: int) -> str:
                return orig[a - at:b - at].strip()
        pieces: list[str] = []
        a = prev = first
        for i in idx[1:]:
            if i != prev + 1:
                piece = piece_of(a, prev + 1)
                if piece:
                    pieces.append(piece)
                a = i
            prev = i
        piece = piece_of(a, prev + 1)
        if piece:
            pieces.append(piece)
        got = ctx.memo[key] = join_pieces(pieces)
    return got
