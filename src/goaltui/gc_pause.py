"""Building many objects that all stay alive, without garbage collection in the middle.

Loading a table or validating it makes tens of thousands of objects (nodes,
rows, problems) and frees none of them through reference cycles: the
collections that so many allocations trigger (each a walk over every young
object, and now and then over the whole heap) find nothing to free and cost a
fifth of the time. :func:`no_collection` turns the collector off for such a
block and back on after it (if it was on).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
