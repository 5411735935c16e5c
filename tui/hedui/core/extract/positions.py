"""Sorted positions of a view text (the starts of its quantities, the starts and the ends of its
time phrases) as the context bisects them hundreds of thousands of times a long report: each
list ended by ``BEYOND``, so that the index a bisection gives always has a value to read, and a
bucket index, so that a bisection is one list read and a step or two (``Context.quantities_in``,
``phrases_in``).
"""
from __future__ import annotations

from itertools import accumulate
from typing import Any

#: positions per bucket: 2**SHIFT (a shift finds the bucket of a position)
SHIFT = 5
#: the last value of a list of positions, past any position
BEYOND = 1 << 62


def ended(values: list[int]) -> list[int]:
    """``values`` (sorted) with BEYOND after them."""
    out = list(values)
    out.append(BEYOND)
    return out


def bucket_index(values: list[int], size: int) -> list[int]:
    """For each bucket b of the positions 0..size: ``bisect_left(values, b << SHIFT)`` (``values``
    sorted, ended by BEYOND); the bisection of a position p then starts at ``index[p >> SHIFT]``
    and steps on while the value there is below p."""
    buckets = (size >> SHIFT) + 1
    counts = [0] * (buckets + 1)
    for v in values:
        b = (v >> SHIFT) + 1
        if b >= buckets:  # (sorted: the rest are past the buckets too)
            break
        counts[b] += 1
    counts.pop()
    return list(accumulate(counts))


def covered(size: int) -> int:
    """The positions a ``bucket_index(_, size)`` answers for: 0 up to this (excluded)."""
    return ((size >> SHIFT) + 1) << SHIFT


def phrase_bounds(phrases: list[Any]) -> tuple[list[int], list[int]]:
    """The starts and the ends of the time phrases (found apart, so both sorted), each list
    ended by BEYOND."""
    starts, ends = [p.start for p in phrases], [p.end for p in phrases]
    if any(a > b for a, b in zip(ends, ends[1:])):
        raise ValueError("time phrases overlap")
    return ended(starts), ended(ends)


def quantity_starts(quantities: list[tuple[int, int]], size: int) -> tuple[list[int], list[int]]:
    """The starts of the (sorted) quantities of a text of ``size`` characters, ended by BEYOND,
    and their bucket index."""
    starts = ended([q[0] for q in quantities])
    return starts, bucket_index(starts, size)
