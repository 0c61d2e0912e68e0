"""Spread independent work over processes (forked, so the model is shared, not pickled).

Items are parsed, and pages rendered, in chunks across cores. Forking means each
worker starts with the parent's memory (config, model, compiled templates) for
free; only the small task descriptions go in and the results come back. Where
fork is not available, or the work is small, it all runs in this process: the
results are the same either way, in the same order.

This process works too: with N workers it forks N - 1 helpers and takes a task
itself whenever every helper has AHEAD tasks waiting. A forked helper ends up with
its own copy of much of the model (reading an object writes its reference count,
and copy-on-write copies the page it is on), so one process fewer is one copy of
the model fewer: at 100,000 items that is 500-600 MB.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterable, Iterator, Sequence

MIN_TASKS = 2  # below this many chunks a pool costs more than it saves
AHEAD = 2  # tasks queued per helper, so that none waits while this process works on one

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
        helpers = min(workers, len(tasks)) - 1
        with context.Pool(helpers, initializer=_start_worker, initargs=(function, state)) as pool:
            yield from _shared(pool, helpers, function, state, tasks)
    finally:
        gc.unfreeze()


def _shared(pool, helpers: int, function: Callable, state, tasks: list) -> Iterator:
    """function(state, task) for each task, in order, run by the pool's helpers and by this process."""
    done: dict[int, object] = {}
    queued: dict = {}  # task index -> AsyncResult
    start = first = 0  # next task to hand out; next result to yield
    while first < len(tasks):
        while start < len(tasks) and len(queued) < helpers * AHEAD:
            queued[start] = pool.apply_async(_run_task, (tasks[start],))
            start += 1
        for index in [index for index, result in queued.items() if result.ready()]:
            done[index] = queued.pop(index).get()  # a helper's exception is raised here
        while first in done:
            yield done.pop(first)
            first += 1
        if start < len(tasks):
            done[start] = function(state, tasks[start])  # every helper is busy: work meanwhile
            start += 1
        elif first in queued:
            done[first] = queued.pop(first).get()  # nothing left to start: wait for the next in order


def _start_worker(function: Callable, state) -> None:
    global _worker_job
    _worker_job = (function, state)


def _run_task(task):
    function, state = _worker_job
    return function(state, task)
