"""One report, taken to its gold in the order of the text.

Moves are chosen by what they cost from where the cursor is: ``j``/``k`` between figures,
``p`` (from a figure: the next excluded number) and ``N``/``p`` to promote, ``i`` and the
selection keys (lines first, then characters, then the end) to add.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from rich.cells import cell_len

from tests.bench.oracle.driver import Keys
from tests.bench.oracle.fields import fill_form, fix_figure
from tests.bench.oracle.plan import Task, changes, make_plan


async def curate(keys: Keys, gold: list[dict]) -> int:
    """Take the report on screen to ``gold``; returns the number of required gold figures."""
    screen = keys.screen
    plan = make_plan(list(screen._ordered), list(screen._excluded), gold)
    gold_of = {t.entry_id: t.gold for t in plan.tasks if t.entry_id and t.gold and not t.gold.get("optional")}
    for task in plan.tasks:
        if task.kind == "promote":
            await promote(keys, task)
        elif task.kind == "add":
            await add(keys, task)
        elif task.kind == "reject":
            await to_entry(keys, task.entry_id)
            await keys.press("x", "reject")
        elif task.gold.get("optional") or not changes(screen.entry(task.entry_id).fields, task.gold):
            if screen.entry(task.entry_id).status == "pending":  # (a column fill may have done it)
                await to_entry(keys, task.entry_id)
                await keys.press("a", "accept")
        else:
            await fix_figure(keys, task.entry_id, task.gold, changes, gold_of)
    return plan.required


def _rows(screen: Any) -> list[Any]:
    return screen.visible_entries()


def _on_figure(screen: Any) -> bool:
    return screen.current_excluded is None and screen.current_id is not None \
        and screen.table.row_of(screen.current_id) is not None and not getattr(screen, "current_hit", None)


async def to_entry(keys: Keys, entry_id: str) -> None:
    """``j``/``k`` to the figure, or ``n`` when it is the next undecided one further on."""
    screen = keys.screen
    for _ in range(10_000):
        if screen.current_id == entry_id and _on_figure(screen):
            return
        target = screen.entry(entry_id)
        pos = screen.cursor_offset()
        ahead = next((e for e in screen._ordered if e.status == "pending" and e.start > pos), None)
        rows = (screen.table.row_of(entry_id) - screen.table.row_of(screen.current_id)) if _on_figure(screen) else 0
        if ahead is not None and ahead.id == entry_id and rows > 1 and keys.allowed("n") \
                and screen.check_action("next_pending", ()):
            await keys.press("n", "move")
            continue
        if _on_figure(screen):
            down = screen.table.row_of(entry_id) > screen.table.row_of(screen.current_id)
        else:
            down = target.start > screen.cursor_offset()
        await keys.press("j" if down else "k", "move")
    raise AssertionError(f"could not reach figure {entry_id}")


def _numbers(screen: Any) -> list[Any]:
    """The excluded numbers ``N`` and ``p`` walk through (those no figure covers)."""
    walk = getattr(screen, "uncovered_excluded", None)
    return walk() if walk is not None else list(screen._excluded)


async def promote(keys: Keys, task: Task) -> None:
    """Go to the excluded number (the cheaper of: from a figure ``p`` then ``N``s, or ``N``s
    from where the cursor is), promote it (``p``), then fix its fields."""
    screen = keys.screen
    numbers = _numbers(screen)
    target = next(i for i, f in enumerate(numbers) if (f.start, f.end) == (task.excluded.start, task.excluded.end))
    starts = [f.start for f in numbers]
    rows = _rows(screen)
    here = screen.table.row_of(screen.current_id) if _on_figure(screen) else None
    best: tuple[int, int | None] = (10**9, None)  # (keys, row to start from; None: from here by N)
    if not _on_figure(screen):
        first = bisect_right(starts, screen.cursor_offset()) % max(1, len(starts))
        if first <= target:
            best = (target - first + 1, None)
    for r, e in enumerate(rows):
        first = bisect_left(starts, e.start)
        if first > target:
            break
        move = abs(r - here) if here is not None else 1 + abs(r - _row_near(rows, screen.cursor_offset()))
        cost = move + 1 + (target - first)
        if cost < best[0]:
            best = (cost, r)
    query = search_query(screen, task.excluded.start) if keys.has_binding("review.search") else None
    if query is not None and 2 + len(query) < best[0]:
        await search_to(keys, query)  # the hit is on the excluded number: p promotes it
    else:
        if screen.search_active:  # N steps through hits while a search is on: end it
            await keys.press("escape", "move")
        if best[1] is not None:
            await to_entry(keys, rows[best[1]].id)
            await keys.press("p", "add")
    for _ in range(len(starts) + 1):
        x = screen.current_excluded
        if x is not None and (x.start, x.end) == (task.excluded.start, task.excluded.end):
            break
        await keys.press("N", "add")
    else:
        raise AssertionError(f"could not reach the excluded number at {task.start}")
    await keys.press("p", "add")
    entry = screen.entry(screen.current_id)
    if entry is None or (entry.start, entry.end) != (task.excluded.start, task.excluded.end):
        raise AssertionError(f"promoting the number at {task.start} gave no figure")
    await fix_figure(keys, entry.id, task.gold, changes)


def _row_near(rows: list[Any], offset: int) -> int:
    return max(0, bisect_left([e.start for e in rows], offset) - 1)


# ------------------------------------------------------------------ add: select a span


def _column(view: Any, offset: int) -> int:
    _para, start, _end = view.line_span(view.line_of_offset(offset))
    return cell_len(view.text[start:offset])


def _offset_at(view: Any, y: int, column: int) -> int:
    _para, start, end = view.line_span(y)
    used = 0
    for i in range(start, end):
        used += cell_len(view.text[i])
        if used > column:
            return i
    return max(start, end - 1)


def selection_cost(view: Any, origin: int, start: int) -> int:
    """Keys to move a fresh selection from ``origin`` to ``start``: lines, then characters."""
    y0, y1 = view.line_of_offset(origin), view.line_of_offset(start)
    at = _offset_at(view, y1, _column(view, origin)) if y0 != y1 else origin
    return abs(y1 - y0) + abs(start - at)


def search_query(screen: Any, start: int, longest: int = 8) -> str | None:
    """The shortest text from ``start`` whose search puts the cursor on ``start`` (the first
    hit after the cursor), as the app's own search finds it; None if none up to ``longest``."""
    text = screen.view.text
    pos = screen.cursor_offset()
    for n in range(1, longest + 1):
        query = text[start:start + n]
        if "\n" in query or len(query) < n:
            return None
        starts = [s for s, _e in screen.find(query)]
        if starts and starts[bisect_right(starts, pos) % len(starts)] == start:
            return query
    return None


async def search_to(keys: Keys, query: str) -> None:
    """``/``, the query, Enter: the cursor on the hit."""
    screen = keys.screen
    await keys.press("slash", "move")
    await keys.until(lambda: screen.panel is not None, "the search prompt")
    await keys.type(query, "move")
    await keys.press("enter", "move")
    await keys.until(lambda: screen.panel is None and screen.hit is not None, "the search hit")


async def add(keys: Keys, task: Task) -> None:
    """``i`` from the cheapest figure to start at, the selection moved and grown over the gold
    span, Enter; then the form (prefilled from the span) fixed and saved."""
    screen = keys.screen
    view = screen.view
    rows = _rows(screen)
    here = screen.table.row_of(screen.current_id) if _on_figure(screen) else None
    best = (selection_cost(view, max(screen.cursor_offset(), 0), task.start), None)
    for r, e in enumerate(rows):
        move = abs(r - here) if here is not None else 1 + abs(r - _row_near(rows, screen.cursor_offset()))
        cost = move + selection_cost(view, e.start, task.start)
        if cost < best[0]:
            best = (cost, r)
    query = search_query(screen, task.start) if keys.has_binding("review.search") else None
    if query is not None and 2 + len(query) < best[0]:
        await search_to(keys, query)
    elif best[1] is not None:
        await to_entry(keys, rows[best[1]].id)
    await keys.press("i", "add")
    await keys.until(lambda: screen.selecting and view.selection is not None, "the selection")
    for _ in range(10_000):
        cursor = view.selection[0]
        if cursor == task.start:
            break
        y0, y1 = view.line_of_offset(cursor), view.line_of_offset(task.start)
        if y0 != y1:
            await keys.press("j" if y1 > y0 else "k", "add")
        else:
            await keys.press("l" if task.start > cursor else "h", "add")
    for _ in range(task.end - task.start - 1):
        await keys.press("L", "add")
    if view.selection != (task.start, task.end):
        raise AssertionError(f"selected {view.selection}, not the gold span {task.start}-{task.end}")
    await keys.press("enter", "add")
    await keys.until(lambda: screen.panel is not None, "the add form")
    prefill = screen.panel.initial
    # the number's fields in the add form (its keys are the add's); label and period after
    numbers = {k: v for k, v in changes(prefill, task.gold).items() if k not in ("label", "period")}
    await fill_form(keys, numbers, "add")
    added = next(e for e in screen._ordered if (e.start, e.end) == (task.start, task.end))
    await fix_figure(keys, added.id, task.gold, changes)
