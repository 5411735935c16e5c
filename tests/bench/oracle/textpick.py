"""The cheapest pick from the report's text that gives a field its gold value.

The picker's text keys are tried on a copy of its own text pick (the app's ``ReportTextPick``,
so the spans are the app's): ``h``/``l`` and ``H``/``L`` a word, ``[``/``]`` and ``{``/``}`` a
character; ``+`` (or Space) keeps the phrase as a part and selects the next one.  A pick of
one part is searched breadth first; a pick of two parts takes as its first part a phrase that
begins the gold value, then searches the second.  Only the keys the picker's bindings have
are tried (an app without the part or character keys gets the word moves alone).
"""
from __future__ import annotations

from collections import deque
from types import SimpleNamespace
from typing import Any, Callable

#: key typed -> (binding id, method of the text pick, its arguments)
MOVES = {
    "h": ("picker.word_left", "move", (-1,)), "l": ("picker.word_right", "move", (1,)),
    "H": ("picker.shrink", "grow", (-1,)), "L": ("picker.grow", "grow", (1,)),
    "[": ("picker.start_left", "nudge", ("start", -1)), "]": ("picker.start_right", "nudge", ("start", 1)),
    "{": ("picker.end_left", "nudge", ("end", -1)), "}": ("picker.end_right", "nudge", ("end", 1)),
}
#: key typed -> (binding id, separator)
PARTS = {"+": ("picker.join", ""), " ": ("picker.join_spaced", " ")}
#: the longest pick of one part tried (keys before Enter), and of each of two parts
DEPTH, PART_DEPTH = 10, 7


def _quiet_pick(screen: Any, entry: Any, start_at: str) -> Any:
    """The app's text pick on a screen that shows nothing, its phrases remembered by span."""
    from hedui.app.screens.field_fixes import ReportTextPick

    quiet = SimpleNamespace(slot=screen.slot, simplify=screen.simplify,
                            view=SimpleNamespace(show_span=lambda s, e: None, end_selection=lambda: None))

    class Pick(ReportTextPick):
        memo: dict[tuple[int, int], str] = {}

        def _phrase(self) -> str:
            got = self.memo.get(self.span)
            if got is None:
                got = self.memo[self.span] = super()._phrase()
            return got

    pick = Pick(quiet, entry, start_at)
    pick.memo = {}
    pick._begin()  # where the first key starts from (it acts from there at once)
    return pick


def _spread(pick: Any, start: tuple[int, int], moves: dict, depth: int,
            done: Callable[[str], bool] | None = None) -> dict[tuple[int, int], list[str]]:
    """Spans reachable from ``start`` in at most ``depth`` keys, with the fewest keys to each;
    stops at the first whose value ``done`` accepts (then it alone is returned)."""
    seen: dict[tuple[int, int], list[str]] = {}
    queue: deque[tuple[tuple[int, int], list[str]]] = deque([(start, [])])
    while queue:
        span, path = queue.popleft()
        if len(path) >= depth:
            continue
        for key, (_bid, how, args) in moves.items():
            pick.span = span
            value = getattr(pick, how)(*args)
            new = pick.span
            if new in seen:
                continue
            seen[new] = path + [key]
            if done is not None and done(value):
                return {new: seen[new]}
            queue.append((new, seen[new]))
    return seen


def _squash(s: str) -> str:
    return s.replace(" ", "")


def text_keys(screen: Any, entry: Any, field: str, want: str, good: Callable[[str], bool],
              has: Callable[[str], bool], within: int) -> list[str] | None:
    """The fewest keys (Enter included) that pick a value ``good`` accepts, if fewer than
    ``within``; None otherwise."""
    pick = _quiet_pick(screen, entry, str(getattr(entry.fields, field)))
    moves = {k: m for k, m in MOVES.items() if has(m[0])}
    parts = {k: p for k, p in PARTS.items() if has(p[0])}
    begin = pick.span
    best: list[str] | None = None
    found = _spread(pick, begin, moves, min(DEPTH, within - 2), good)
    hit = [path for span, path in found.items() if good(pick.memo.get(span, ""))]
    if hit:
        best = hit[0] + ["enter"]
    if not parts:
        return best
    target = _squash(want)
    firsts = _spread(pick, begin, moves, PART_DEPTH)
    firsts[begin] = []
    options = sorted((len(p), span) for span, p in firsts.items()
                     if (ph := pick.memo.get(span) or _phrase_at(pick, span)) and target.startswith(_squash(ph))
                     and len(_squash(ph)) < len(target))
    for n, span in options:
        for key, (_bid, sep) in parts.items():
            limit = (len(best) if best else within) - n - 2  # + the part key, Enter
            if limit <= 0:
                continue
            pick.prefix, pick.span = "", span
            joined = pick.add_part(sep)
            prefix, second = pick.prefix, pick.span
            if good(joined):
                best = firsts[span] + [key, "enter"]
                continue
            rest = _spread(_Prefixed(pick, prefix), second, moves, min(PART_DEPTH, limit - 1), good)
            path = next((p for s, p in rest.items() if good(prefix + pick.memo.get(s, ""))), None)
            if path is not None and len(firsts[span]) + 2 + len(path) < (len(best) if best else within):
                best = firsts[span] + [key] + path + ["enter"]
    pick.prefix = ""
    return best


def _phrase_at(pick: Any, span: tuple[int, int]) -> str:
    pick.span = span
    return pick._phrase()


class _Prefixed:
    """The pick with a part taken: its moves return the whole value (prefix and phrase)."""

    def __init__(self, pick: Any, prefix: str) -> None:
        self.pick, self.prefix = pick, prefix

    @property
    def span(self) -> tuple[int, int]:
        return self.pick.span

    @span.setter
    def span(self, value: tuple[int, int]) -> None:
        self.pick.span = value

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.pick, name)

        def call(*args: Any) -> str:
            self.pick.prefix = self.prefix
            return method(*args)

        return call
