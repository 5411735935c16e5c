"""Highlight spans over a report's text, and a fast index to find them by range.

No Textual here: the report pane (``report_view.py``) asks this index which
spans touch a screen line, and which lines a figure's status change touches.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Hashable, Iterable, Sequence

#: the statuses of a figure (FIGURES.md / model.STATUSES)
FIGURE_KINDS: tuple[str, ...] = (
    "pending",
    "accepted",
    "corrected",
    "flagged",
    "rejected",
    "added",
)
#: every kind a mark may have: figure statuses, a number the extractor saw and
#: excluded, and an artefact (pinyin garbage, page furniture, repeated paragraph)
MARK_KINDS: tuple[str, ...] = FIGURE_KINDS + ("excluded", "artefact")

#: painting order: a later kind is painted over an earlier one where they overlap
KIND_LAYER: dict[str, int] = {"artefact": 0, "excluded": 1} | {k: 2 for k in FIGURE_KINDS}


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span ``text[start:end]`` of the report.

    ``kind`` is one of :data:`MARK_KINDS`; ``key`` identifies the figure (its
    id) so that its status can be changed later; artefacts may have no key.
    """

    start: int
    end: int
    kind: str
    key: Hashable = None

    def __post_init__(self) -> None:
        if self.kind not in KIND_LAYER:
            raise ValueError(f"unknown mark kind {self.kind!r} (expected one of {', '.join(MARK_KINDS)})")
        if self.end < self.start:
            raise ValueError(f"mark {self.key!r} ends ({self.end}) before it starts ({self.start})")


class _Layer:
    """Marks that do not overlap each other, sorted by start."""

    __slots__ = ("ids", "starts", "ends")

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def append(self, mark_id: int, start: int, end: int) -> None:
        self.ids.append(mark_id)
        self.starts.append(start)
        self.ends.append(end)


class MarkIndex:
    """The marks of one report, found by offset range in ``O(log n + k)``.

    Marks are dealt into layers of non-overlapping marks (figures in one,
    artefacts, which may contain figures, in another), so that a ``bisect`` over
    a layer's ends finds the first mark that reaches into a range.
    """

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        self._marks: list[Mark] = sorted(
            (m for m in marks if m.end > m.start), key=lambda m: (m.start, -m.end)
        )
        self._layers: list[_Layer] = []
        self._by_key: dict[Hashable, list[int]] = {}
        for mark_id, mark in enumerate(self._marks):
            self._place(mark_id, mark)
            if mark.key is not None:
                self._by_key.setdefault(mark.key, []).append(mark_id)

    def _place(self, mark_id: int, mark: Mark) -> None:
        for layer in self._layers:
            if layer.ends[-1] <= mark.start:
                layer.append(mark_id, mark.start, mark.end)
                return
        layer = _Layer()
        layer.append(mark_id, mark.start, mark.end)
        self._layers.append(layer)

    def __len__(self) -> int:
        return len(self._marks)

    @property
    def marks(self) -> Sequence[Mark]:
        """All marks, sorted by start, with their current kinds."""
        live = {i for layer in self._layers for i in layer.ids}
        return tuple(sorted((self._marks[i] for i in live), key=lambda m: (m.start, -m.end)))

    def marks_for(self, key: Hashable) -> list[Mark]:
        """The marks of one figure (usually one)."""
        return [self._marks[i] for i in self._by_key.get(key, ())]

    def span_of(self, key: Hashable) -> tuple[int, int] | None:
        """``(start, end)`` covering every mark of ``key``, or None if unknown."""
        marks = self.marks_for(key)
        if not marks:
            return None
        return min(m.start for m in marks), max(m.end for m in marks)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Marks that share at least one character with ``[start, end)``,
        in painting order (artefacts first, then excluded numbers, then figures)."""
        found: list[Mark] = []
        marks = self._marks
        for layer in self._layers:
            i = bisect_right(layer.ends, start)
            starts, ids = layer.starts, layer.ids
            n = len(starts)
            while i < n and starts[i] < end:
                found.append(marks[ids[i]])
                i += 1
        if len(found) > 1:
            found.sort(key=lambda m: (KIND_LAYER[m.kind], m.start))
        return found

    def _touching(self, offset: int, before: bool) -> Mark | None:
        """A highlighted mark (figure or excluded number) ending (``before``) or starting
        exactly at ``offset``."""
        probe = (offset - 1, offset) if before else (offset, offset + 1)
        for m in self.overlapping(*probe):
            if KIND_LAYER[m.kind] > 0 and (m.end if before else m.start) == offset:
                return m
        return None

    def run_position(self, mark: Mark, limit: int = 64) -> int:
        """How many highlighted marks run without a gap up to ``mark`` (0: none touches it).

        Two figures side by side (``4期249人次``) would read as one underlined run;
        the painter marks every other one of such a run differently."""
        n, start = 0, mark.start
        while n < limit:
            prev = self._touching(start, before=True)
            if prev is None:
                break
            n, start = n + 1, prev.start
        return n

    def run_end(self, offset: int, limit: int = 64) -> int:
        """The end of the run of touching marks that continues from ``offset``."""
        for _ in range(limit):
            nxt = self._touching(offset, before=False)
            if nxt is None:
                break
            offset = nxt.end
        return offset

    def add(self, mark: Mark) -> None:
        """Add one mark (a figure the reviewer added) to the index."""
        if mark.end <= mark.start:
            return
        mark_id = len(self._marks)
        self._marks.append(mark)
        if mark.key is not None:
            self._by_key.setdefault(mark.key, []).append(mark_id)
        for layer in self._layers:
            i = bisect_right(layer.starts, mark.start)
            if (i == 0 or layer.ends[i - 1] <= mark.start) and (
                i == len(layer.starts) or layer.starts[i] >= mark.end
            ):
                layer.ids.insert(i, mark_id)
                layer.starts.insert(i, mark.start)
                layer.ends.insert(i, mark.end)
                return
        layer = _Layer()
        layer.append(mark_id, mark.start, mark.end)
        self._layers.append(layer)

    def remove(self, key: Hashable) -> list[tuple[int, int]]:
        """Remove ``key``'s marks; returns their spans."""
        ids = set(self._by_key.pop(key, ()))
        if not ids:
            return []
        spans = [(self._marks[i].start, self._marks[i].end) for i in sorted(ids)]
        for layer in self._layers:
            keep = [j for j, mark_id in enumerate(layer.ids) if mark_id not in ids]
            if len(keep) != len(layer.ids):
                layer.ids = [layer.ids[j] for j in keep]
                layer.starts = [layer.starts[j] for j in keep]
                layer.ends = [layer.ends[j] for j in keep]
        self._layers = [layer for layer in self._layers if layer.ids]
        return spans

    def set_kind(self, key: Hashable, kind: str) -> list[tuple[int, int]]:
        """Change the kind of ``key``'s marks; returns the spans that changed."""
        if kind not in KIND_LAYER:
            raise ValueError(f"unknown mark kind {kind!r}")
        changed: list[tuple[int, int]] = []
        for mark_id in self._by_key.get(key, ()):
            mark = self._marks[mark_id]
            if mark.kind != kind:
                self._marks[mark_id] = replace(mark, kind=kind)
                changed.append((mark.start, mark.end))
        return changed
