"""Python's cycle collector paused over a batch of allocations that makes no garbage cycles.

An extraction allocates hundreds of thousands of objects (candidates, figures, the context's
answers) that all live until it ends, and almost no reference cycles; each of the collector's
passes over the older generations walks every one of them for nothing (a tenth of the CPU time
of a long report). Reference counting still frees everything as usual; cycles made inside the
block are collected after it.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block, then as it was (on, unless someone turned it off)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # what the block made goes to the oldest generation at once (a pass over the youngest
        # would walk all of it first: the cost the pause saves)
        gc.freeze()
        gc.unfreeze()
        if was:
            gc.enable()
