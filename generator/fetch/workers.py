"""Feeds are parsed in a child process, each feed with a time limit (`fetch.parse_timeout`).

feedparser has slow paths on hostile input: a run of letters and dots in an author's address, repeated in
every entry, costs it minutes (kurtmckee/feedparser#562). (Those a scan of the bytes can find for sure, an
entry's thousands of categories or an element's thousands of attributes, are cut before: bounds.py.) It runs in
C holding the GIL, so on a thread it stalled every other source too, and no thread can be stopped. A child
process can: when a feed takes longer than the limit, its process is killed and replaced, and the source fails
with a message saying so.
Checking the bytes beforehand cannot be made sure: CDATA sections, comments, character references and
charsets all hide such a run from a scan that is not the parser itself.

One process parses one feed at a time, as the threads did (they held the GIL): the site's own work, writing
the items, now runs beside it. It is started on demand (forked from a fork server, _context: no fork of this
process, which runs threads) and reused; a fetch with nothing new starts none. One process per CPU cost more
CPU time than it saved in a benchmark on a busy machine (docs/dev/performance.md). But a feed made to be slow
held every feed after it up to the limit: so when each process is busy with a feed it has been reading for
PATIENCE seconds (longer than an ordinary large feed takes), the next feed gets a process of its own
(Parsers), up to MOST at once. An ordinary fetch still starts one.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from datetime import tzinfo

from generator.fetch.feed import Feed, NotAFeed
from generator.fetch.parse import parse_feed


class Parser:
    """One parsing process, shared by fetch's download threads (one feed at a time: a thread waits for it)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._process = None
        self._pipe = None
        self._ready = False
        self._closed = False
        self._lock = threading.Lock()

    def read(self, body: bytes, url: str, content_type: str, max_bytes: int, zone: tzinfo, language: str,
             given: str = "") -> tuple[Feed | None, str]:
        """The feed, else None and why it cannot be read (not a feed, a parser error, too slow)."""
        args, seconds = (body, url, content_type, max_bytes, zone, language, given), self.seconds
        with self._lock:
            if self._closed:  # (stopped half way: Ctrl-C)
                return None, "not read: fetch was stopped"
            if self._process is None:
                context = _context()
                here, there = context.Pipe()
                self._process = context.Process(target=_serve, args=(there,), daemon=True,
                                                name="newsdesk-feed-parser")
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
                return None, ("cannot read the feed: its parser stopped; try again, and if it fails again, "
                              "remove the source")
            self.stop()
            return None, (f"reading the feed took longer than fetch.parse_timeout ({seconds:g} s), so it was "
                          f"stopped: it is very large, or made to be slow to read (a value, an element or an "
                          f"attribute repeated so often or so long that the parser's time grows faster than the "
                          f"feed); raise fetch.parse_timeout if you trust the feed, else remove the source")

    def __enter__(self) -> "Parser":
        return self

    def __exit__(self, *exc) -> None:
        # (also on Ctrl-C, while a thread waits for a feed: it gets EOFError, and the threads after it start none)
        self._closed = True
        self.stop()

    def stop(self) -> None:
        process, self._process, self._ready = self._process, None, False
        if process is not None:
            process.kill()
            process.join()
            self._pipe.close()


PATIENCE = 2.0  # seconds a feed may be read before the next one stops waiting for its process
MOST = 4  # parsing processes at once: each slow feed holds one, at most fetch.parse_timeout


class Parsers:
    """Parsing processes (Parser) shared by fetch's download threads: a feed is read by an idle one, else by
    a new one when every busy one has been reading its feed for PATIENCE seconds (and fewer than MOST run);
    else it waits for one."""

    def __init__(self, seconds: float, most: int = MOST, patience: float = PATIENCE):
        self.seconds, self.most, self.patience = seconds, most, patience
        self._all: list[Parser] = []
        self._idle: list[Parser] = []
        self._since: dict[int, float] = {}  # id of a busy Parser -> when it was given its feed
        self._closed = False
        self._changed = threading.Condition()

    def read(self, body: bytes, url: str, content_type: str, max_bytes: int, zone: tzinfo, language: str,
             given: str = "") -> tuple[Feed | None, str]:
        """As Parser.read."""
        parser = self._take()
        if parser is None:
            return None, "not read: fetch was stopped"
        try:
            return parser.read(body, url, content_type, max_bytes, zone, language, given)
        finally:
            with self._changed:
                del self._since[id(parser)]
                self._idle.append(parser)
                self._changed.notify()

    def _take(self) -> Parser | None:
        with self._changed:
            while not self._closed:
                now = time.monotonic()
                newest = max(self._since.values(), default=now - self.patience)
                if self._idle or not self._all or (len(self._all) < self.most and now - newest >= self.patience):
                    if not self._idle:
                        self._all.append(Parser(self.seconds))
                    parser = self._idle.pop() if self._idle else self._all[-1]
                    self._since[id(parser)] = now
                    return parser
                # (woken when a process is free; else once the feed given last has been read for PATIENCE)
                self._changed.wait(max(0.01, newest + self.patience - now) if len(self._all) < self.most else None)
            return None

    def __enter__(self) -> "Parsers":
        return self

    def __exit__(self, *exc) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
            parsers = list(self._all)
        for parser in parsers:
            parser.__exit__(*exc)


def _context():
    """Where parsing processes come from: a fork server, else (Windows) "spawn".

    The fork server is one process started on the first feed (as "spawn" starts one: no fork of this process,
    which runs threads) that imports the parser once; each parsing process after it, in the same run (a stopped
    one's replacement, a second one beside a slow feed) or in a later fetch of the same process (a program or
    test calling fetch again), is a fork of it that imports nothing: docs/dev/performance.md."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # ("__main__" is the fork server's own default: the program's main module, imported once rather than in
    # each child; it has no effect once the server runs, which newsdesk starts only here)
    context.set_forkserver_preload(["__main__", __name__])
    return context


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
