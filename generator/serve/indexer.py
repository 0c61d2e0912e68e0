"""The served site's search index brought up to date in a background thread after edits (SearchIndexer)."""

from __future__ import annotations

import threading
import time
from typing import Callable

from generator.plan.pages import RenderedSite
from generator.serve.rebuild import update_search


class SearchIndexer:
    """Brings the served site's search index up to date in a background thread, after edits changed articles.

    A save shows its page first; search catches up a moment later (indexing the whole site is seconds of
    one core, generator/plan/search.py). It runs in this process, in small chunks of stories, so that a new
    change stops it at once (it is started again after that rebuild) and indexing never
    delays the next save. Changed index files are swapped in under the site lock.
    """

    DELAY = 1.0  # seconds: let the browser load the changed page first
    STORIES_PER_STEP = 100  # how often it looks whether a new change stopped it

    def __init__(self, lock: threading.Lock, echo: Callable[..., None]):
        self._lock, self._echo = lock, echo
        self.pending = False  # articles changed since the index was last made
        self._site: RenderedSite | None = None  # the plan to index: the last good build's
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._starting = threading.Lock()  # stop() may cancel from another thread while the builder starts one

    @property
    def busy(self) -> bool:
        return self.pending or (self._thread is not None and self._thread.is_alive())

    def want(self, site: RenderedSite) -> None:
        self._site, self.pending = site, True

    def start(self) -> None:
        with self._starting:
            if not self.pending or self._site is None or (self._thread is not None and self._thread.is_alive()):
                return
            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._run, args=(self._site, self._stop),
                                            name="newsdesk-search", daemon=True)
            self._thread.start()

    def cancel(self) -> None:
        with self._starting:
            thread, self._thread = self._thread, None
            self._stop.set()
        if thread is not None:
            thread.join()

    def _run(self, site: RenderedSite, stop: threading.Event) -> None:
        if stop.wait(self.DELAY):
            return
        started = time.perf_counter()
        changed = update_search(site.config, site, cancel=stop, lock=self._lock, per_task=self.STORIES_PER_STEP)
        if not stop.is_set():
            self.pending = False
            if changed:
                self._echo(f"search index updated in {time.perf_counter() - started:.1f} s")
