"""Making and writing the site search index: generator/plan/search*.py decide what the index holds and
how its files read; this runs its tasks across processes and brings a live site's index up to date.

    make_index(index, workers)         every file of the index, made anew (its tasks' results kept, to
                                       reuse those of unchanged stories next time)
    source_of(site, config, copies)    the digest of the index's input (search.index_source)
    is_current(output, source)         whether the live index was made from that input
    index_changes(output, site, ...)   what to write and delete to bring the live index in line
    update_live_index(output, site, ...)  the same, done in place (serve's background indexer)

`source` in meta.json (search.index_source: a digest of everything the index is made from) lets a build keep
the live index when nothing in it would change, without planning it.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import threading
from pathlib import Path

from generator.build.collector import collector_paused
from generator.build.parallel import fork_map
from generator.build.writer import list_files, output_lock, update_in_place
from generator.config.values import Config
from generator.plan.search import FORMAT, SearchIndex, index_source, plan_index
from generator.plan.search_files import SEARCH_FOLDER, index_files
from generator.plan.search_tasks import index_task, index_tasks, task_key
from generator.site.local_pictures import LocalCopies
from generator.site.model import Site


def make_index(index: SearchIndex, workers: int = 1, cancel: threading.Event | None = None,
               per_task: int = 0, kept: Path | None = None) -> dict[str, bytes] | None:
    """Name (relative to the site root) -> bytes of every index file, meta.json last; None if cancelled.
    Stories are tokenised in tasks of `per_task` (0: search_tasks.py's choice) on up to `workers` processes.

    `kept`: a folder where each task's result is kept by its task_key, so that the next index tokenises
    only the tasks whose stories changed (after an edit or a fetch: the newest task or two). What it held
    for other tasks is deleted once the index is made."""
    # Tokenising allocates millions of short-lived objects, none cyclic: the collector, triggered by the
    # counts, would walk the whole live site again and again (forked helpers inherit the pause)
    with collector_paused():
        return _make_index(index, workers, cancel, per_task, kept)


def _make_index(index: SearchIndex, workers: int, cancel: threading.Event | None, per_task: int,
                kept: Path | None) -> dict[str, bytes] | None:
    tasks = index_tasks(index, per_task)
    if kept is None:
        return index_files(index, fork_map(index_task, None, tasks, workers), cancel)
    keys = [task_key(task) for task in tasks]
    known = {key for key in keys if (kept / key).is_file()}
    fresh = fork_map(index_task, None, [task for task, key in zip(tasks, keys) if key not in known], workers)

    def results():
        for key in keys:
            if key in known:
                try:
                    yield pickle.loads((kept / key).read_bytes())
                    continue
                except Exception:  # (whatever a damaged file makes pickle raise)
                    raise _Damaged(key) from None
            result = next(fresh)
            _keep(kept, key, result)
            yield result

    try:
        files = index_files(index, results(), cancel)
    except _Damaged:  # a kept file unreadable: tokenise every task
        shutil.rmtree(kept, ignore_errors=True)
        return _make_index(index, workers, cancel, per_task, None)
    if files is not None:
        for stale in set(list_files(kept)) - set(keys):
            (kept / stale).unlink(missing_ok=True)
    return files


class _Damaged(Exception):
    """A kept task result could not be read."""


def _keep(folder: Path, key: str, result) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f"{key}.tmp"
    temp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(temp, folder / key)


def live_names(output: Path) -> set[str] | None:
    """The index files of the live site, if meta.json is there and counts as many; else None."""
    meta = _live_meta(output)
    if meta is None:
        return None
    names = set(list_files(output / SEARCH_FOLDER))
    if meta.get("files") != len(names) or "facets.json" not in names:
        return None
    return {f"{SEARCH_FOLDER}/{name}" for name in names}


def live_source(output: Path) -> str | None:
    meta = _live_meta(output)
    return meta.get("source") if meta is not None and meta.get("version") == FORMAT else None


def source_of(site: Site, config: Config, copies: LocalCopies | None = None) -> str:
    """search.index_source of the site: what is_current compares. A few tuples an item, none cyclic, all let go
    at once: the collector, triggered by their count, would walk the whole live site for nothing."""
    with collector_paused():
        return index_source(site, config, copies)


def is_current(output: Path, source: str) -> bool:
    """Whether the live index was made from exactly the input of this `source` (search.index_source) and is
    whole: the one check of a full build's and of an update in place."""
    return live_source(output) == source and live_names(output) is not None


def _live_meta(output: Path) -> dict | None:
    try:
        meta = json.loads((output / SEARCH_FOLDER / "meta.json").read_bytes())
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def update_live_index(output: Path, site: Site, config: Config, copies: LocalCopies | None = None, workers: int = 1,
                      cancel: threading.Event | None = None, lock: threading.Lock | None = None,
                      per_task: int = 0) -> bool:
    """Bring the index of a live site up to date in place: changed files replaced (each by a rename),
    files that are gone deleted, equal ones left alone. False if it was current already or `cancel` was set."""
    changes = index_changes(output, site, config, copies, workers, cancel, per_task)
    if changes is None:
        return False
    with lock or contextlib.nullcontext(), output_lock(output):  # (the order serve's rebuilds take them in)
        update_in_place(output, *changes)
    return True


def index_changes(output: Path, site: Site | None, config: Config, copies: LocalCopies | None = None,
                  workers: int = 1, cancel: threading.Event | None = None, per_task: int = 0,
                  kept: Path | None = None) -> tuple[dict[str, bytes], dict, set[str]] | None:
    """What update_in_place is to do to bring the live site's index in line with the one of `site` (None:
    search is off, no index): (files, copies, names to delete); None if it is in line already (planned only
    when it is not) or `cancel` was set."""
    old = {f"{SEARCH_FOLDER}/{name}" for name in list_files(output / SEARCH_FOLDER)}
    if site is None:
        return ({}, {}, old) if old else None
    source = source_of(site, config, copies)
    if is_current(output, source):
        return None
    files = make_index(plan_index(site, config, copies, source), workers, cancel, per_task, kept)
    return None if files is None else (files, {}, old - set(files))
