"""Feeds are parsed in child processes, each feed with a time limit (`fetch.parse_timeout`).

feedparser has slow paths on hostile input: a run of letters and dots in an author's address, repeated in
every entry, costs it minutes (kurtmckee/feedparser#562). It runs in C holding the GIL, so on a thread it
stalled every other source too, and no thread can be stopped. A child process can: when a feed takes
longer than the limit, its process is killed and replaced, and the source fails with a message saying so.
Checking the bytes beforehand cannot be made sure: CDATA sections, comments, character references and
charsets all hide such a run from a scan that is not the parser itself.

Processes are started on demand ("spawn": no fork of a process running threads), at most one per CPU
(parsing on threads ran one at a time anyway), and reused; a fetch with nothing new starts none.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from datetime import tzinfo

from generator.fetch.parse import Feed, NotAFeed, parse_feed


class Parsers:
    """A few parsing processes shared by fetch's download threads; `read` blocks while all are busy."""

    def __init__(self, seconds: float, most: int):
        self.seconds = seconds
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()  # (the last used first: a started one)
        for _ in range(max(1, min(most, os.cpu_count() or 1))):
            self._idle.put(_Worker())
        self._all = list(self._idle.queue)

    def read(self, body: bytes, url: str, content_type: str, max_bytes: int, zone: tzinfo, language: str
             ) -> tuple[Feed | None, str]:
        """The feed, else None and why it cannot be read (not a feed, a parser error, too slow)."""
        worker = self._idle.get()
        try:
            return worker.read((body, url, content_type, max_bytes, zone, language), self.seconds)
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        for worker in self._all:
            worker.stop()

    def __enter__(self) -> "Parsers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Worker:
    def __init__(self):
        self._process = None
        self._pipe = None
        self._ready = False
        self._lock = threading.Lock()

    def read(self, args: tuple, seconds: float) -> tuple[Feed | None, str]:
        with self._lock:
            if self._process is None:
                here, there = multiprocessing.get_context("spawn").Pipe()
                self._process = multiprocessing.get_context("spawn").Process(
                    target=_serve, args=(there,), daemon=True, name="newsdesk-feed-parser")
                self._process.start()
                there.close()
                self._pipe = here
            try:
                if not self._ready:  # (its start, Python's and the imports', is not the feed's time)
                    self._ready = self._pipe.recv()
                self._pipe.send(args)
                if self._pipe.poll(seconds):
                    return self._pipe.recv()
            except (EOFError, OSError):  # the process died (killed, out of memory): a new one for the next feed
                self.stop()
                return None, "cannot read the feed: its parser stopped; try again, and if it fails again, remove the source"
            self.stop()
            return None, (f"reading the feed took longer than fetch.parse_timeout ({seconds:g} s), so it was "
                          f"stopped: it is very large, or made to be slow to read (such as a long run of letters "
                          f"and dots in an author's address); raise fetch.parse_timeout if you trust the feed, "
                          f"else remove the source")

    def stop(self) -> None:
        process, self._process, self._ready = self._process, None, False
        if process is not None:
            process.kill()
            process.join()
            self._pipe.close()


def _serve(pipe) -> None:
    """In the child: parse each feed sent until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # (Ctrl-C is the parent's to handle: it stops its children)
    pipe.send(True)
    while True:
        try:
            args = pipe.recv()
        except EOFError:
            return
        try:
            answer = parse_feed(*args), ""
        except NotAFeed as exc:
            answer = None, str(exc)
        except Exception as exc:  # a parser bug on hostile input must not stop the other sources
            answer = None, f"cannot read the feed: {type(exc).__name__}: {exc}"
        pipe.send(answer)
