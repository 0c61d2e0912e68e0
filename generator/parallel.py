"""Spread independent work over processes (forked, so the model is shared, not pickled).

Items are parsed, and pages rendered, in chunks across cores. Forking means each
worker starts with the parent's memory (config, model, compiled templates) for
free; only the small task descriptions go in and the results come back. Where
fork is not available, or the work is small, it all runs in this process: the
results are the same either way, in the same order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterable, Iterator, Sequence

MIN_TASKS = 2  # below this many chunks a pool costs more than it saves

# Set in each worker process only, by the pool's initializer: the function and the shared state it runs with.
_worker_job: tuple[Callable, object] | None = None


def default_workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def chunks(values: Sequence, size: int) -> list[Sequence]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def fork_map(function: Callable, state, tasks: Iterable, workers: int) -> Iterator:
    """Yield function(state, task) for each task, in order, using up to `workers` processes."""
    tasks = list(tasks)
    if workers <= 1 or len(tasks) < MIN_TASKS or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            yield function(state, task)
        return
    context = multiprocessing.get_context("fork")
    # Objects the parent holds go to the collector's permanent generation before the fork: otherwise the
    # workers' collections write to every object's header, and copy-on-write copies the whole heap into
    # each worker (the model of a big site, once per core).
    gc.freeze()
    try:
        with context.Pool(min(workers, len(tasks)), initializer=_start_worker, initargs=(function, state)) as pool:
            yield from pool.imap(_run_task, tasks)
    finally:
        gc.unfreeze()


def _start_worker(function: Callable, state) -> None:
    global _worker_job
    _worker_job = (function, state)


def _run_task(task):
    function, state = _worker_job
    return function(state, task)
