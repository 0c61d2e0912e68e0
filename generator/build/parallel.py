"""Spread independent work over processes (forked, so the model is shared, not pickled).

Items are parsed, and pages rendered, in chunks across cores. Forking means each
worker starts with the parent's memory (config, model, compiled templates) for
free; only the small task descriptions go in and the results come back. Where
fork is not available, or the work is small, it all runs in this process: the
results are the same either way, in the same order.

This process works too: with N workers it forks N - 1 helpers and takes the
next task itself whenever it is free. A forked helper ends up with
its own copy of much of the model (reading an object writes its reference count,
and copy-on-write copies the page it is on), so one process fewer is one copy of
the model fewer, which is much of a big site's memory; and helpers live for a part of
a long job only (HELPER_TASKS), so what they copied is given back as they end.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from concurrent.futures import Future
from typing import Callable, Iterable, Iterator, Sequence

from generator.errors import BuildError, Problem

MIN_TASKS = 2  # below this many chunks a pool costs more than it saves
AHEAD = 2  # tasks queued per helper, so that none waits between two
HELPER_TASKS = 50  # tasks shared out by one set of helpers; then they end, and new ones are forked

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
    if workers <= 1 or len(tasks) < MIN_TASKS or not hasattr(os, "fork"):  # (fork: POSIX's, as multiprocessing's)
        for task in tasks:
            yield function(state, task)
        return
    yield from _forked_map(function, state, tasks, workers)


def _forked_map(function: Callable, state, tasks: list, workers: int) -> Iterator:
    """fork_map's work spread over forked helpers."""
    # (imported here: a build that changed little has too little work to spread, and no need of them)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    # Objects the parent holds go to the collector's permanent generation before the fork: otherwise the
    # workers' collections write to every object's header, and copy-on-write copies the whole heap into
    # each worker (the model of a big site, once per core).
    gc.freeze()
    helpers = min(workers, len(tasks)) - 1
    try:
        # Helpers forked afresh for each part of the work: what a helper copied on write (every object it read)
        # is given back when it ends, rather than growing into a copy of the whole model on a big site.
        for start in range(0, len(tasks), HELPER_TASKS):
            # concurrent.futures rather than multiprocessing.Pool: when a helper dies (the out-of-memory
            # killer), its tasks fail with BrokenProcessPool instead of never being answered.
            pool = ProcessPoolExecutor(helpers, mp_context=context, initializer=_start_worker,
                                       initargs=(function, state, os.getpid()))
            try:
                yield from _shared(pool, helpers, function, state, tasks[start:start + HELPER_TASKS])
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
    except BrokenProcessPool:
        raise BuildError(Problem("helper process", None, "a helper process of the build ended abruptly (killed by "
                                 "the system, perhaps for want of memory)",
                                 "build again; `--workers 1` builds in one process, with the least memory")) from None
    finally:
        gc.unfreeze()


def _shared(pool, helpers: int, function: Callable, state, tasks: list) -> Iterator:
    """function(state, task) for each task, in order, run by the pool's helpers and by this process.

    Tasks are handed out from one counter: to this process whenever it is free, and to a helper as soon
    as it finishes one (from the pool's result thread, so a helper never waits for this process to
    finish a task of its own). At the end every process is busy until the last task is taken.
    """
    cond = threading.Condition()
    results: dict[int, tuple[bool, object]] = {}
    handed = [0]  # the next task to hand out
    failed = threading.Event()

    def take() -> int | None:
        with cond:
            if handed[0] >= len(tasks) or failed.is_set():
                return None
            handed[0] += 1
            return handed[0] - 1

    def finish(index: int, ok: bool, value) -> None:
        with cond:
            results[index] = (ok, value)
            if not ok:
                failed.set()
            cond.notify()

    def give() -> None:
        index = take()
        if index is None:
            return
        try:
            future = pool.submit(_run_task, tasks[index])
        except RuntimeError as exc:  # the pool was shut down (this generator was abandoned): nothing more to do
            finish(index, False, exc)
            return
        future.add_done_callback(lambda done: done_with(index, done))

    def done_with(index: int, future: Future) -> None:  # in the pool's thread (or here, if it is done already)
        if future.cancelled():
            return
        error = future.exception()
        finish(index, error is None, future.result() if error is None else error)
        if error is None:
            give()

    for _ in range(helpers * AHEAD):
        give()
    first = 0
    while first < len(tasks):
        with cond:
            found = results.pop(first, None)
        if found is not None:
            ok, value = found
            if not ok:
                raise value
            yield value
            first += 1
            continue
        index = take()
        if index is not None:
            value = function(state, tasks[index])  # this process is free: it takes the next task itself
            with cond:
                results[index] = (True, value)
        else:
            with cond:
                cond.wait_for(lambda: first in results)


def _start_worker(function: Callable, state, parent: int) -> None:
    global _worker_job
    _worker_job = (function, state)
    _end_with(parent)


def _end_with(parent: int) -> None:
    """End this helper when the build does. A helper holds both ends of its pool's pipes, so after a `kill -9`
    of the build it would wait for ever for a task, or to hand in a result: a thread looks for its parent
    once a second (the build's own helpers fork no further, so a new parent means the build is gone)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="newsdesk-parent-watch", daemon=True).start()


def _run_task(task):
    function, state = _worker_job
    return function(state, task)
