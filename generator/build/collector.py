"""The cyclic garbage collector paused while a build makes or loads objects it keeps.

Reading items, loading the build cache and planning allocate millions of objects and keep most of them, so
the collector, triggered by allocation counts, walks the ever larger heap again and again, a large share of
the time; so does serve's fast path, planning and rendering an edit with the whole site alive. They leave
little cyclic garbage, collected once the collector is back on.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    """The collector off inside (in this process; forked helpers inherit it), back as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
