"""The cyclic garbage collector paused while many records are built or rebuilt (an import, or a
worker's result unpacked): such work allocates hundreds of thousands of tuples and no cycles, and
each collection would walk all of them again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are built: an import allocates hundreds
    of thousands of tuples and no cycles, and each collection would walk the whole grid again
    (it halves the time of a 100k-row import). Always switched back on.

    Switched back on plainly, the first collection would walk every object the import made
    (200 ms for 200,000 rows, holding the interpreter: the window freezes). So what the import
    made is first moved to the oldest generation (freeze then unfreeze: two list splices), where
    the occasional full collection walks it like any other long-lived data."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
