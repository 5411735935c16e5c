"""Painting one screen line of the report pane into a ``Strip``.

Styles (component classes in ``DEFAULT_CSS``; each status stays readable
without colour, under ``NO_COLOR`` or 16 colours, through its text attributes,
chosen among those terminals also draw on CJK glyphs):

==========  =====================  ==================
kind        attributes             colour
==========  =====================  ==================
pending     underline              warning
accepted    bold                   success
corrected   bold underline         accent
added       bold overline          primary
flagged     reverse                error
rejected    strike dim             (dimmed foreground)
excluded    dim underline          (dimmed foreground)
artefact    dim                    (dimmed foreground)
current     reverse bold (+ the    accent background
            figure's own style)
search      reverse                warning background
selection   reverse                primary background
==========  =====================  ==================

Where marks overlap (a figure in a repeated paragraph), the figure's style
replaces the artefact's; search, current and selection are laid on top.
Where figures touch (``4期249人次``: two figures, no gap), every other one of
the run is double- instead of single-underlined (``RUN_ALTERNATE``, SGR 21),
so that the boundary shows without colour.
"""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

#: the ``DEFAULT_CSS`` of ``ReportView``: the table above, as Textual CSS
REPORT_VIEW_CSS = """
    ReportView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        & > .report-view--pending { text-style: underline; color: $text-warning; }
        & > .report-view--accepted { text-style: bold; color: $text-success; }
        & > .report-view--corrected { text-style: bold underline; color: $text-accent; }
        & > .report-view--added { text-style: bold overline; color: $text-primary; }
        & > .report-view--flagged { text-style: reverse; color: $text-error; }
        & > .report-view--rejected { text-style: strike dim; }
        & > .report-view--excluded { text-style: dim underline; }
        & > .report-view--artefact { text-style: dim; }
        & > .report-view--current { text-style: reverse bold; background: $accent-muted; }
        & > .report-view--search { text-style: reverse; background: $warning-muted; }
        & > .report-view--selection { text-style: reverse; background: $primary-muted; }
    }
    """

#: added to every other mark of a run of touching marks: double underline instead of single
RUN_ALTERNATE = Style(underline=False, underline2=True)

#: control characters are not sent to the terminal: tab becomes a space, the rest vanish
SCREEN_SAFE = {c: None for c in (*range(0x20), *range(0x7F, 0xA0))} | {0x09: " "}

StyledSpan = tuple[int, int, Style]


def paint_line(
    text: str,
    start: int,
    end: int,
    width: int,
    base: Style,
    layers: list[StyledSpan],
    overlays: list[StyledSpan],
) -> Strip:
    """The strip for ``text[start:end]``, padded (or cropped) to ``width`` cells.

    ``layers`` are mark styles in painting order: where several cover a
    character, the last one alone is used (a figure replaces the artefact
    around it).  ``overlays`` (search, current, selection) are all added on
    top, in order.  Cost: O(line length + spans), spans being few per line.
    """
    cuts = {start, end}
    for s, e, _ in layers:
        cuts.add(min(max(s, start), end))
        cuts.add(min(max(e, start), end))
    for s, e, _ in overlays:
        cuts.add(min(max(s, start), end))
        cuts.add(min(max(e, start), end))
    points = sorted(cuts)
    segments: list[Segment] = []
    for a, b in zip(points, points[1:]):
        chunk = text[a:b].translate(SCREEN_SAFE)
        if not chunk:
            continue
        style = base
        mark_style = None
        for s, e, st in layers:
            if s <= a and e >= b:
                mark_style = st
        if mark_style is not None:
            style = style + mark_style
        for s, e, st in overlays:
            if s <= a and e >= b:
                style = style + st
        segments.append(Segment(chunk, style))
    return Strip(segments).crop_extend(0, width, base)
