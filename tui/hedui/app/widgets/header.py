"""The one-line header: report, position, progress and pace."""
from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.widget import Widget

from hedui.core.printable import printable

#: the report name is never cut shorter than this many cells
MIN_NAME_CELLS = 12


def middle_ellipsis(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, its middle replaced by ``…`` if it is longer
    (CJK characters are 2 cells; the start and the end, the extension, stay)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    budget = width - 1
    head_budget = (budget + 1) // 2
    head, used = [], 0
    for ch in text:
        w = get_character_cell_size(ch)
        if used + w > head_budget:
            break
        head.append(ch)
        used += w
    tail, tail_used = [], 0
    for ch in reversed(text[len(head):]):
        w = get_character_cell_size(ch)
        if used + tail_used + w > budget:
            break
        tail.append(ch)
        tail_used += w
    return "".join(head) + "…" + "".join(reversed(tail))


class ReviewHeader(Widget):
    """``name  2/5 · 12/40 undecided 28 · all 60/200 · 240/h`` — repainted only when it changes.

    The progress always fits: a long report name is shortened in the middle."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._last: tuple = ()

    def show(
        self,
        name: str,
        position: tuple[int, int],
        progress: tuple[int, int],
        overall: tuple[int, int],
        pace: int,
        note: str = "",
    ) -> None:
        key = (printable(name), position, progress, overall, pace, printable(note))
        if key == self._last:
            return
        self._last = key
        # a fixed-size widget: repaint only itself (Static.update would re-lay out the screen)
        self.refresh()

    def _progress(self, level: int = 0) -> Text:
        """Level 0: everything; 1: without the totals of all reports and the pace; 2: without
        the undecided count either (so that the note, e.g. N NOT SAVED, always shows)."""
        _name, position, (done, total), overall, pace, note = self._last
        text = Text()
        text.append(f"{position[0]}/{position[1]}  ")
        if not total:
            text.append("no figures")
        elif done == total:
            text.append(f"{done}/{total} done", style="bold")
        else:
            text.append(f"{done}/{total}" + (f" · {total - done} undecided" if level < 2 else ""))
        if level < 1:
            text.append(f"  all {overall[0]}/{overall[1]}  {pace}/h")
        if note:
            text.append(f"  {note}", style="italic")
        return text

    def render(self) -> Text:
        if not self._last:
            return Text()
        width = self.size.width
        rest = self._progress()
        for level in (1, 2):  # what matters least goes first when the line does not fit
            if width <= 0 or rest.cell_len + MIN_NAME_CELLS + 2 <= width:
                break
            rest = self._progress(level)
        name_cells = max(MIN_NAME_CELLS, width - rest.cell_len - 2) if width > 0 else cell_len(self._last[0])
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {middle_ellipsis(self._last[0], name_cells)} ", style="bold")
        text.append_text(rest)
        if width > 0:  # the whole line (a reverse-video bar under NO_COLOR, hedui.tcss)
            text.truncate(width, overflow="ellipsis", pad=True)
        return text


def status_note(*, counting: tuple[int, int] | None, labels_pending: bool, filter: str, search: str,
                error: bool, read_only: bool, orphans: int, unsaved: int) -> str:
    """The header's note, most urgent first: what was not saved, orphans, read-only, a report
    that cannot be opened, the search, the filter, labels still being prepared, the count."""
    parts = []
    if unsaved:  # writes failed: kept in memory, retried with the next decision
        parts.append(f"{unsaved} NOT SAVED")
    if orphans:  # decisions a changed report has no place for: o lists them
        parts.append(f"{orphans} ORPHANED (o)")
    if read_only:
        parts.append("READ-ONLY")
    if error:
        parts.append("CANNOT OPEN")
    if search:
        parts.append(search)
    if filter != "all":
        parts.append(f"[{filter}]")
    if labels_pending:
        parts.append("preparing labels…")
    if counting is not None:
        parts.append(f"counting {counting[0]}/{counting[1]}…")
    return " ".join(parts) + (" " if parts and counting is None else "")
