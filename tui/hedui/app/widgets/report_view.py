"""The report pane: the report's original text, soft-wrapped, with figures highlighted.

``ReportView`` is a Line-API ``ScrollView``: it wraps the text itself by cell
width (``wrap.py``), keeps an index of screen lines as offsets into the
original text, and renders only the lines on screen, through an LRU cache of
``Strip`` s.  The text is never altered; every coordinate in this API is a
``str`` offset into it.

API (keys are the app's business; these are the methods it calls):

- ``set_document(text, marks)``: show a report; ``marks`` are ``Mark(start,
  end, kind, key)`` (``report_marks.py``) with kind one of pending, accepted,
  corrected, flagged, rejected, added (figures; ``key`` is the figure id),
  excluded (a number the extractor saw and excluded) or artefact.
- ``update_mark(key, kind)``: a figure's status changed; repaints only the lines
  its span touches.  ``add_mark(mark)`` / ``remove_mark(key)`` likewise.
- ``set_current(key | None)``: emphasise the current figure and scroll it into
  view without animation (moving down it lands ``CONTEXT`` lines below the top;
  moving up, ``CONTEXT`` lines above the bottom); repaints only changed lines.
- ``set_search(spans)``: highlight the search's hits (spans found by the screen,
  simplified and traditional alike); ``set_hit(span | None)``: the hit the cursor is
  on, shown like the current figure and scrolled into view; ``clear_search()``.
- ``scroll_to_offset(start, end=None)``: bring a span into view (same rule).
- Selection (to add a missed figure): ``begin_selection(offset)``,
  ``move_selection(delta_chars, extend)``, ``move_selection_lines(delta_lines,
  extend)``, ``selection -> (start, end) | None`` (half-open, the character
  under the cursor included), ``end_selection() -> (start, end) | None``.
- Queries: ``line_count``, ``line_span(y) -> (paragraph, start, end)``,
  ``line_of_offset(offset)``, ``first_visible_offset()``.

Styles: the component classes ``report-view--<kind>`` (and ``--current``,
``--search``, ``--selection``) in ``DEFAULT_CSS``; every status stays readable
without colour (``NO_COLOR``, 16 colours) by its text attributes: the table is
in ``report_paint.py``.
"""
from __future__ import annotations

from typing import Hashable, Iterable, Sequence

from rich.style import Style
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from hedui.app.widgets.report_marks import KIND_LAYER, MARK_KINDS, Mark, MarkIndex
from hedui.app.widgets.report_lines import LineIndex, reveal_target
from hedui.app.widgets.report_paint import REPORT_VIEW_CSS, RUN_ALTERNATE, StyledSpan, paint_line
from hedui.app.widgets.report_selection import SearchHits, SelectionMoves, TextCursor
from hedui.app.widgets.wrap import normalise_keep

__all__ = ["Mark", "ReportView"]

Span = tuple[int, int]


class ReportView(SelectionMoves, ScrollView, can_focus=False):
    """A report's text, wrapped by cell width, with highlighted spans."""

    DEFAULT_CSS = REPORT_VIEW_CSS  # the styles of the status table, in report_paint.py

    COMPONENT_CLASSES = {
        f"report-view--{kind}" for kind in (*MARK_KINDS, "current", "search", "selection")
    }

    #: lines of context kept between the current figure and the edge of the view
    CONTEXT = 2
    #: strips kept in the render cache
    CACHE_SIZE = 2048

    def __init__(
        self, text: str = "", marks: Iterable[Mark] = (), *,
        name: str | None = None, id: str | None = None, classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = ""
        self._marks = MarkIndex()
        self._keep: list[Span] = []
        self._lines = LineIndex()
        self._cache: LRUCache[tuple[int, int, int, int], Strip] = LRUCache(self.CACHE_SIZE)
        self._line_version: dict[int, int] = {}
        self._generation = 0
        self._styles: dict[str, Style] = {}
        self._current: Hashable = None
        self._search = SearchHits()
        self._hit: Span | None = None
        self._cursor = TextCursor("")
        self._pending_reveal: tuple[Span, int] | None = None
        self._laid_out_as: tuple | None = None  # (size, virtual size, container size) last laid out
        self.set_document(text, marks)

    # ------------------------------------------------------------------ document

    def set_document(self, text: str, marks: Iterable[Mark] = ()) -> None:
        """Show ``text`` (never altered) with ``marks`` highlighted; resets the view."""
        self._text = text
        self._marks = MarkIndex(marks)
        self._keep = normalise_keep(
            (m.start, m.end) for m in self._marks.marks if KIND_LAYER[m.kind] > 0
        )
        self._current = None
        self._search = SearchHits()
        self._hit = None
        self._cursor = TextCursor(text)
        self._pending_reveal = None
        self._lines = LineIndex(text, 0, self._keep)
        self._invalidate_all()
        if self.is_mounted:
            self._rewrap(keep_offset=None)
            self.scroll_to(0, 0, animate=False, force=True)
            self.refresh()

    @property
    def text(self) -> str:
        """The report's original text."""
        return self._text

    @property
    def marks(self) -> Sequence[Mark]:
        """The marks, sorted by start, with their current kinds."""
        return self._marks.marks

    def update_mark(self, key: Hashable, kind: str) -> None:
        """Change the kind (status) of figure ``key``; repaints only its lines."""
        self._touch(*self._marks.set_kind(key, kind))

    def add_mark(self, mark: Mark) -> None:
        """Highlight one more span (a figure the reviewer added)."""
        self._marks.add(mark)
        # the marks touching it after may change their run style (every other one differs)
        self._touch((mark.start, self._marks.run_end(mark.end)))

    def remove_mark(self, key: Hashable) -> None:
        """Stop highlighting figure ``key`` (an add that was undone)."""
        spans = self._marks.remove(key)
        self._touch(*((s, self._marks.run_end(e)) for s, e in spans))
        if key == self._current:
            self._current = None

    # ------------------------------------------------------------------ lines

    @property
    def line_count(self) -> int:
        """Screen lines at the current width (0 before the first layout).

        Exact: this wraps whatever the background chunks have not wrapped yet."""
        self._lines.wrap_all()
        self._grow_virtual_size()
        return len(self._lines)

    def line_span(self, y: int) -> tuple[int, int, int]:
        """``(paragraph index, start, end)`` of screen line ``y``."""
        return self._lines.span(y)

    def line_of_offset(self, offset: int) -> int:
        """The screen line that shows ``text[offset]`` (a newline: the line before it)."""
        return self._lines.line_of_offset(offset)

    def first_visible_offset(self) -> int:
        """Offset of the first character on the top line of the view."""
        lines = self._lines
        lines.ensure_line(round(self.scroll_y))
        if not len(lines):
            return 0
        return lines.starts[min(round(self.scroll_y), len(lines) - 1)]

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _rewrap(self, keep_offset: int | None) -> None:
        """Wrap at the current width: the first chunk (and up to ``keep_offset``,
        or a pending reveal) now, the rest in chunks after the screen is painted."""
        width = self._content_width()
        if width <= 0:
            return
        self._lines = lines = LineIndex(self._text, width, self._keep)
        lines.wrap_chunk()
        if keep_offset is not None:
            lines.ensure_offset(keep_offset)
        if self._pending_reveal is not None:
            lines.ensure_offset(self._pending_reveal[0][1])
        self._invalidate_all()
        self.virtual_size = Size(width, lines.estimated_total())
        if keep_offset is not None:
            self.scroll_to(y=self.line_of_offset(keep_offset), animate=False, force=True)
        if not lines.done:
            self.call_later(self._wrap_more, lines)

    def _wrap_more(self, lines: LineIndex) -> None:
        """Wrap one more chunk in the background of the event loop."""
        if lines is not self._lines:
            return  # a newer document or width took over
        lines.wrap_chunk()
        self._grow_virtual_size()
        if not lines.done:
            self.call_later(self._wrap_more, lines)

    def _grow_virtual_size(self) -> None:
        """Keep the virtual height >= the lines wrapped; exact once all are.

        The estimate is set once per wrap so that the scrollbar is not redrawn
        (bytes over SSH) after every chunk."""
        lines = self._lines
        if lines.width <= 0:
            return
        height = self.virtual_size.height
        if lines.done:
            if height != len(lines):
                self.virtual_size = Size(lines.width, len(lines))
        elif len(lines) > height:
            self.virtual_size = Size(lines.width, lines.estimated_total())

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_resize(self, event: Resize) -> None:
        if self._content_width() != self._lines.width:
            top = self.first_visible_offset() if len(self._lines) else None
            self._rewrap(keep_offset=top)
        if self._pending_reveal is not None:
            span, direction = self._pending_reveal
            self._pending_reveal = None
            self._reveal(span, direction)
        elif self._current is not None:  # a new width or height: keep the current figure in view
            span = self._marks.span_of(self._current)
            if span is not None and len(self._lines):
                self._lines.ensure_offset(span[1])
                self.scroll_to_offset(*span)

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        """Nothing to do when neither the sizes nor this view's own virtual size (it sizes
        itself: ``_grow_virtual_size``) changed since the last layout: the layout's virtual
        size never equals this view's, and Textual would repaint the scrollbar (~430 bytes at
        80x24 over SSH) on every layout of the screen, a panel shown or hidden."""
        state = (size, self.virtual_size, container_size)
        if state == self._laid_out_as:
            return False
        self._laid_out_as = state
        return super()._size_updated(size, virtual_size, container_size, layout)

    def _theme_changed(self, _theme: object) -> None:
        self._invalidate_all()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate_all()

    # ------------------------------------------------------------------ rendering

    def _invalidate_all(self) -> None:
        self._generation += 1
        self._line_version.clear()
        self._cache.clear()
        self._styles.clear()

    def _touch(self, *spans: Span | None) -> None:
        """Invalidate the screen lines that show ``spans`` and repaint just their cells.

        Textual sends a refreshed region from the widget's left edge to the
        region's right end, once per region: so one region per screen row, as
        narrow as the changed cells, keeps a status change to a few hundred bytes."""
        lines = self._lines
        if not len(lines):
            return
        versions = self._line_version
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        rows: dict[int, tuple[int, int]] = {}
        for span in spans:
            if span is None or span[0] >= lines.wrapped_upto:
                continue  # nothing, or not wrapped yet and so never drawn
            start, end = span
            first = self.line_of_offset(start)
            last = self.line_of_offset(max(start, end - 1))
            for y in range(first, last + 1):
                versions[y] = versions.get(y, 0) + 1
                if not top <= y < top + height:
                    continue
                x0, x1 = lines.cells(y, start, end)
                if x1 > x0:
                    old = rows.get(y)
                    rows[y] = (x0, x1) if old is None else (min(old[0], x0), max(old[1], x1))
        if rows:
            self.refresh(*(Region(x0, y - top, x1 - x0, 1) for y, (x0, x1) in rows.items()))

    def _style(self, kind: str) -> Style:
        style = self._styles.get(kind)
        if style is None:
            style = self.get_component_rich_style(f"report-view--{kind}", partial=True)
            self._styles[kind] = style
        return style

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        lines = self._lines
        width = lines.width
        if index >= len(lines):
            lines.ensure_line(index)
        if index >= len(lines) or width <= 0:
            return Strip.blank(max(width, self._content_width()), self.rich_style)
        key = (index, width, self._generation, self._line_version.get(index, 0))
        strip = self._cache.get(key)
        if strip is None:
            strip = self._build_strip(index, width)
            self._cache[key] = strip
        return strip

    def _build_strip(self, index: int, width: int) -> Strip:
        """The strip of screen line ``index``: O(line length + marks on it)."""
        start, end = self._lines.starts[index], self._lines.ends[index]
        layers: list[StyledSpan] = []  # mark styles, in painting order
        overlays: list[StyledSpan] = []
        current = self._current
        marks = self._marks
        for mark in marks.overlapping(start, end):
            style = self._style(mark.kind)
            if KIND_LAYER[mark.kind] > 0 and marks.run_position(mark) % 2:
                style = style + RUN_ALTERNATE  # touches the mark before it: shown apart
            layers.append((mark.start, mark.end, style))
            if current is not None and mark.key == current:
                overlays.append((mark.start, mark.end, self._style("current")))
        if self._search:
            search_style = self._style("search")
            overlays.extend((s, e, search_style) for s, e in self._search.overlapping(start, end))
        hit = self._hit
        if hit is not None and hit[0] < end and hit[1] > start:
            overlays.append((hit[0], hit[1], self._style("current")))
        selection = self.selection
        if selection is not None and selection[0] < end and selection[1] > start:
            overlays.append((selection[0], selection[1], self._style("selection")))
        return paint_line(self._text, start, end, width, self.rich_style, layers, overlays)

    # ------------------------------------------------------------------ current figure

    def set_current(self, key: Hashable | None) -> None:
        """Emphasise figure ``key`` (None: none) and scroll it into view, unanimated."""
        old = self._marks.span_of(self._current) if self._current is not None else None
        self._current = key
        new = self._marks.span_of(key) if key is not None else None
        if old == new:
            return
        self._touch(old, new)
        if new is not None:
            direction = 1 if old is None or new[0] >= old[0] else -1
            self._reveal(new, direction)

    @property
    def current(self) -> Hashable:
        """The key of the emphasised figure, or None."""
        return self._current

    def scroll_to_offset(self, start: int, end: int | None = None) -> None:
        """Scroll so that ``text[start:end]`` is in view (no animation)."""
        span = (start, start + 1 if end is None else max(end, start + 1))
        top = self.first_visible_offset()
        self._reveal(span, 1 if start >= top else -1)

    def _reveal(self, span: Span, direction: int) -> None:
        height = self.scrollable_content_region.height
        if not len(self._lines) or height <= 0:
            self._pending_reveal = (span, direction)
            return
        first = self.line_of_offset(span[0])
        last = self.line_of_offset(max(span[0], span[1] - 1))
        self._grow_virtual_size()
        target = reveal_target(first, last, round(self.scroll_y), height, self.CONTEXT, direction)
        if target is not None:
            self.scroll_to(y=target, animate=False, force=True)

    # ------------------------------------------------------------------ search

    def set_search(self, spans: list[Span]) -> None:
        """Highlight the hits ``spans`` (sorted by start); repaints only their lines."""
        old = self._search.spans
        self._search = SearchHits(spans)
        self._touch(*old, *self._search.spans)

    def set_hit(self, span: Span | None) -> None:
        """The hit the cursor is on (None: none): emphasised, and scrolled into view."""
        old, self._hit = self._hit, span
        if old == span:
            return
        self._touch(old, span)
        if span is not None:
            self._reveal(span, 1 if old is None or span[0] >= old[0] else -1)

    def clear_search(self) -> None:
        """Remove the search highlight and the hit."""
        self.set_hit(None)
        if self._search:
            old = self._search.spans
            self._search = SearchHits()
            self._touch(*old)
