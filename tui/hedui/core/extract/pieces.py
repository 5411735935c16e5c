"""One long report extracted on several cores: its view cut into pieces at line ends, each piece
extracted in a forked child process (the first here), the figures joined in text order.

Nothing an extraction decides reaches far: a number, its unit and its qualifiers sit on one line;
a label or a period is looked for in its sentence (``context.SENTENCE_REACH``) or its table. So
each piece finds its candidates in its own stretch of the text widened by ``MARGIN`` characters
on both sides (cut at line ends) and keeps those that start inside it; its figures' labels and
periods are read in the whole report's context (its sentences and tables, found once before the
fork) with the numbers and the time phrases of that widened stretch. Whole-report state (artefacts,
repeated paragraphs) is found before the cut and marked after the join. A cut is never made
within ``MARGIN`` of a table. ``tests/test_pieces.py`` checks that the pieces give exactly the
serial extraction on real reports.

Forking is used where the platform has it (elsewhere the pieces run one after another here);
a child's result comes back pickled through a pipe; a child that fails fails the extraction.
"""
from __future__ import annotations

import bisect
import os
import pickle
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from hedui.core.extract.table_layout import Tables

T = TypeVar("T")

#: the characters a piece's stretch is widened by on each side (beyond any sentence's reach)
MARGIN = 3000
#: the least characters of a piece: a shorter report is not worth a fork
PIECE_CHARS = 200_000


def cut_points(text: str, tables: Tables | None, pieces: int, least: int = PIECE_CHARS,
               margin: int = MARGIN) -> list[int]:
    """Starts of the pieces after the first (each just after a line end, none within ``margin``
    of a table cell), for at most ``pieces`` pieces of at least ``least`` characters."""
    n = len(text)
    pieces = min(pieces, n // max(1, least))
    starts = tables.starts if tables is not None else []
    cuts: list[int] = []
    for k in range(1, pieces):
        p = max(k * n // pieces, cuts[-1] + least if cuts else least)
        while True:
            q = text.find("\n", p - 1)
            if q < 0 or n - (q + 1) < least:
                return cuts
            p = q + 1
            i = bisect.bisect_left(starts, p - margin)  # a table's first cell near the cut
            j = bisect.bisect_right(starts, p) - 1  # the last cell that starts before it
            near = i < len(starts) and starts[i] < p + margin
            inside = j >= 0 and tables is not None and tables.cells[j].end > p - margin
            if not (near or inside):
                break
            p += margin
        cuts.append(p)
    return cuts


def stretch(text: str, a: int, b: int, margin: int = MARGIN) -> tuple[int, int]:
    """[lo, hi): the piece [a, b) widened by ``margin`` on both sides, to whole lines."""
    lo = 0 if a - margin <= 0 else text.rfind("\n", 0, a - margin) + 1
    hi = text.find("\n", b + margin)
    return lo, (len(text) if hi < 0 else hi + 1)


def shifted_tables(tables: Tables | None, lo: int, hi: int) -> Tables | None:
    """The cells of [lo, hi) with offsets counted from ``lo`` (for a search of ``text[lo:hi]``)."""
    if tables is None or not tables.cells:
        return tables
    i, j = bisect.bisect_left(tables.starts, lo), bisect.bisect_left(tables.starts, hi)
    cells = [replace(c, start=c.start - lo, end=c.end - lo) for c in tables.cells[i:j] if c.end <= hi]
    return Tables(cells, [c.start for c in cells], tables.join, tables.cell_rule)


def run_forked(tasks: list[Callable[[], T]]) -> list[T]:
    """``[task() for task in tasks]``, the tasks after the first in forked children."""
    if len(tasks) < 2 or not hasattr(os, "fork"):
        return [task() for task in tasks]
    children: list[tuple[int, int]] = []
    try:
        for task in tasks[1:]:
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: its answer (or its error) down the pipe, then out
                os.close(r)
                code = 0
                try:
                    try:
                        data = pickle.dumps((True, task()), protocol=pickle.HIGHEST_PROTOCOL)
                    except BaseException as exc:  # noqa: BLE001 - said in the parent
                        data = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
                    with os.fdopen(w, "wb") as out:
                        out.write(data)
                except BaseException:  # noqa: BLE001 - the parent sees no answer
                    code = 1
                finally:
                    os._exit(code)
            os.close(w)
            children.append((pid, r))
        results: list[Any] = [tasks[0]()]
        for pid, r in children:
            with os.fdopen(r, "rb") as got:
                data = got.read()
            os.waitpid(pid, 0)
            children = [(p, f) for p, f in children if p != pid]
            if not data:
                raise RuntimeError("a piece's process ended without an answer")
            ok, value = pickle.loads(data)
            if not ok:
                raise RuntimeError(f"a piece's process failed ({value})")
            results.append(value)
        return results
    finally:
        for pid, r in children:  # after a failure: no child left behind
            try:
                os.close(r)
                os.waitpid(pid, 0)
            except OSError:
                pass
