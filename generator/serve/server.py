"""`newsdesk serve`: build the site, serve the output folder, rebuild on every change, tell the browser.

    watch.Watcher -> watch.ChangeQueue -> builder thread: build -> write -> epoch + 1
    browser: GET /__newsdesk/livereload?since=EPOCH, held until the epoch moves on -> reload or swap CSS

All state lives on one DevServer, in four values with one job each: what it was started with (_Started), the
HTTP side (_Http), the rebuild state (_Rebuilding, with serve/rebuild.py's Session) and what the open pages are
told (_LiveReload); besides them, the config and the rebuilds so far. One builder thread does every rebuild,
holding the site lock from the first read to the swap of the output folder; requests take the same lock to read
a file, so a request made during a rebuild waits for it and never sees a half-swapped folder (MkDocs: "so we're
not serving a half-built site"). One exception, for speed: once serve's fast path has written the pages a
browser most likely shows, the browser reloads while it writes the rest, and a request waits only if it
asks for one of the files still to come (_hand_over; serve/rebuild.py's HandOver).

When a build fails (a template error, a broken config.yaml) the output folder is left as it was, the
terminal shows `path:line: message`, and every HTML response carries an overlay with the same text
until a build succeeds (Zola, Lektor). An item file that cannot be read is left out, as `newsdesk build`
leaves it out, and the rest of the site is built: the served site is always what a build of the same
files makes. One saved while serving is named in the overlay until it reads again (the page open is
most likely its own, which is gone); those already broken when the server started are listed in a
small dismissible notice.
"""

from __future__ import annotations

import dataclasses
import errno
import http.server
import json
import logging
import os
import secrets
import socket
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, Cancelled
from generator.build.gone import gone_note, moves
from generator.config.values import Config
from generator.errors import NewsdeskError, Problem, Unwritten, left_out, printable, summarised
from generator.i18n import Words, load_words
from generator.serve.indexer import SearchIndexer
from generator.serve.overlay import POLL_URL, SCRIPT_URL, inject, snippet
from generator.serve.rebuild import Held, Session, rebuild
from generator.serve.routes import (TYPES, content_type, host_allowed, network_address, requested_name,
                                   resolve_request)
from generator.serve.watch import (QUIET, ChangeKind, ChangeQueue, SiteLayout, Watcher, classify_changes,
                                   describe_changes, layout_of)
from generator.site.content import relative_name
from generator.site.model import Item

log = logging.getLogger(__name__)


_SCRIPT = Path(__file__).with_name("livereload.js")
_PACKAGE = Path(__file__).resolve().parent.parent  # newsdesk's own folder (generator/), where pip installed it
POLL_SECONDS = 25.0  # a held poll is answered after this long even without news, before proxies time out
# After a hand-over, the rest of a patch waits until the reloading pages have loaded (each open page's poll
# is back: its live-reload script runs once the page's stylesheets and scripts are in) or RELOAD_GRACE passed:
# it runs in this process, and while it ran, each of the page's requests waited for the processor (figures
# in docs/dev/incremental.md).
RELOAD_GRACE = 0.4
# How often the HTTP thread looks whether serve is stopping: Ctrl-C waits for it (socketserver's own default
# kept the terminal waiting a noticeable moment after every Ctrl-C).
SHUTDOWN_POLL = 0.02


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    type: str = "text/plain; charset=utf-8"
    location: str = ""


@dataclass(frozen=True)
class Rebuild:
    """One rebuild, as the terminal shows it."""

    changes: str  # e.g. "content/news/x.md changed"
    paths: tuple[str, ...]  # the changed paths that mattered, relative to the site root where inside it
    action: str  # what the browser was told: "reload", "css", or "" (nothing it shows changed)
    pages: int  # pages in the site
    rendered: int  # pages rendered again (the others were unchanged)
    written: int  # files whose bytes changed
    removed: int  # files no longer in the site
    milliseconds: float  # until the new files were written
    error: str  # the overlay's text; "" after a good build
    left_out: str = ""  # the problems of the item files saved while serving that the build left out (overlay)
    mode: str = ""  # BuildResult.mode: "patch", "update" or "full"; "" when the build failed
    note: str = ""  # BuildResult.note: why the site has no items
    gone: tuple[str, ...] = ()  # pages the output had before and has no more (WriteReport.gone_pages)
    moved: tuple[tuple[str, str | None], ...] = ()  # of those, the items' pages: where each is now (gone.moves)


_PLACEHOLDER = (b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>"
                b"<body><h1>Not found</h1><p>newsdesk serve: there is no page here (and the site has no 404.html)."
                b"</p></body></html>")


def _installed() -> frozenset[tuple[str, int, int]]:
    """newsdesk's own Python files as they are now (name, size, time written): others once `pip install` (or an
    edit of newsdesk's code) replaced them under a running serve, whose old code may then crash on the new."""
    found = set()
    for path in _PACKAGE.rglob("*.py"):
        try:
            stat = path.stat()
        except OSError:  # (removed while we looked: pip at work)
            continue
        found.add((path.relative_to(_PACKAGE).as_posix(), stat.st_size, stat.st_mtime_ns))
    return frozenset(found)


_CHANGED = "newsdesk's own files changed since serve started (it was installed again or upgraded)"
_RESTART = "Ctrl-C, and `newsdesk serve` again"


def _echo(text: str, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


@dataclass(frozen=True)
class _Started:
    """What the server was started with: fixed while it runs."""

    load: Callable[[], Config]  # reads config.yaml (again after an edit of it or of a template)
    options: BuildOptions  # the first build's
    config_file: Path
    host: str
    port: int
    next_free_port: bool
    quiet: float  # seconds without a change before a rebuild (the debounce)
    echo: Callable[..., None]
    own_clock: bool  # serve set SOURCE_DATE_EPOCH, not the user: _clock_moved may move it
    server_id: str = dataclasses.field(default_factory=lambda: secrets.token_hex(4))  # (livereload.js)
    installed: frozenset = dataclasses.field(default_factory=_installed)  # newsdesk's files (a crash compares)

    @property
    def rebuild_options(self) -> BuildOptions:
        """Every rebuild's after the first: in this process. Worker processes are forked only for the first
        build, which runs before this process starts any thread (the HTTP server's, the builder's, the
        watcher's): a fork copies only the forking thread, and a lock another thread holds at that moment stays
        held in the child for ever (Python 3.12+ warns of it). Most rebuilds are patches, which run here anyway."""
        return replace(self.options, workers=1)


@dataclass
class _Http:
    """The HTTP side: the server, its thread and the builder's, and the lock on the output folder that a rebuild
    holds from start to swap and every file read takes."""

    httpd: _HTTPServer | None = None
    threads: list[threading.Thread] = dataclasses.field(default_factory=list)
    site_lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


@dataclass
class _Rebuilding:
    """The rebuild state: what serve keeps between rebuilds, and the changes waiting for the next one."""

    # The environment builds read, with serve's clock (SOURCE_DATE_EPOCH, moved on only by _clock_moved)
    environ: dict[str, str]
    queue: ChangeQueue  # changes, debounced, for the builder thread
    indexer: SearchIndexer  # the search index brought up to date after the fast path
    # Kept across rebuilds: only changed items are read, changed pages rendered. It starts as the disk cache
    # `newsdesk build` keeps (loaded in start()), so a site built before starts warm; stop() saves its cache.
    session: Session = dataclasses.field(default_factory=Session)
    unbuilt: dict[Path, ChangeKind] = dataclasses.field(default_factory=dict)  # changes since the last good build
    first: bool = True  # no good build yet: every source file is looked at (the cache checks its size and time)
    config_broken: bool = False  # config.yaml failed to load: try again on every change
    layout: SiteLayout | None = None  # what is watched, from the config
    watcher: Watcher | None = None  # made after the first build: watchdog starts a thread at once
    notes: list[str] = dataclasses.field(default_factory=list)  # the lines that said the last good build's notes
    # Set when serve stops: a build under way stops at its next step (pipeline.Cancelled), the output as it was
    cancel: threading.Event = dataclasses.field(default_factory=threading.Event)


@dataclass
class _LiveReload:
    """What the open pages are told: the epoch their held polls wait on (guarded by `news`) and what every HTML
    page is sent with (the overlay and the notice)."""

    news: threading.Condition = dataclasses.field(default_factory=threading.Condition)  # held polls wait on it
    epoch: int = 0
    actions: deque[tuple[int, str]] = dataclasses.field(default_factory=lambda: deque(maxlen=64))
    polls: dict[int, int] = dataclasses.field(default_factory=dict)  # held polls by the epoch their page was served at
    handover: _HandedOver | None = None  # while a patch writes its last files after the reload
    stopping: bool = False
    error: str = ""  # overlay text while the last build failed
    notice: str = ""  # content problems of the last good build
    left_out: tuple[Problem, ...] = ()  # item files saved while serving that the last good build left out
    words: Words | None = None  # the theme's words the overlay and notice say theirs in (_read_words)


class DevServer:
    """The site's dev server: one instance per `newsdesk serve`; use as a context manager or start()/stop()."""

    PREPARE_AFTER = 0.3  # seconds after a rebuild before getting the next patch ready (see rebuild)

    def __init__(self, load: Callable[[], Config], options: BuildOptions, config_file: Path, *,
                 host: str = "127.0.0.1", port: int = 8000, next_free_port: bool = False, quiet: float = QUIET,
                 echo: Callable[..., None] = _echo):
        environ = dict(os.environ)
        self._started = _Started(load, replace(options, write=True), Path(config_file), host, port, next_free_port,
                                 quiet, echo, own_clock="SOURCE_DATE_EPOCH" not in environ)
        # The clock is read once, when the server starts: otherwise every save would re-rank the site a
        # little (freshness moves with time) and re-render lists that did not change. Restart to re-rank (an item
        # saved with a time after it but not after now moves it on: _clock_moved).
        environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
        self._http = _Http()
        self._rebuilding = _Rebuilding(environ, ChangeQueue(quiet=quiet), SearchIndexer(self._http.site_lock, echo))
        self._live = _LiveReload()
        self.config: Config | None = None
        self.rebuilds: list[Rebuild] = []  # every rebuild so far (tests and benchmarks read it)

    @property
    def server_id(self) -> str:
        """This server's id: a restarted server is a new one to the page (livereload.js)."""
        return self._started.server_id

    @property
    def quiet(self) -> float:
        """Seconds without a change before a rebuild (the debounce)."""
        return self._started.quiet

    def _echo(self, *said) -> None:
        self._started.echo(*said)  # (as it was called: the caller's echo may take the text alone)

    # --- life cycle -------------------------------------------------------------------------------------

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> Rebuild:
        """Load the config (a ConfigError goes to the caller), bind, build once, then serve and watch."""
        self._set_config(self._started.load())
        building, http = self._rebuilding, self._http
        building.session = Session(BuildCache.load(self.config.root))
        http.httpd = self._bind()
        try:
            began = time.time_ns()
            with http.site_lock:
                first = self._build({}, "first build")
            building.watcher = Watcher(building.queue)
            building.watcher.start(building.layout, since_ns=began)  # (and what changed while the first build ran)
            http.threads = [threading.Thread(target=http.httpd.serve_forever, args=(SHUTDOWN_POLL,),
                                             name="newsdesk-http", daemon=True),
                            threading.Thread(target=self._build_loop, name="newsdesk-builder", daemon=True)]
            for thread in http.threads:
                thread.start()
        except BaseException:
            self.stop()
            raise
        return first

    def stop(self) -> None:
        self._live.stopping = True
        self._rebuilding.cancel.set()
        self._rebuilding.queue.close()
        with self._live.news:
            self._live.news.notify_all()  # answers every held poll at once
        if self._rebuilding.watcher is not None:
            self._rebuilding.watcher.stop()
        self._rebuilding.indexer.cancel()
        if self._http.httpd is not None:
            if self._http.threads:
                self._http.httpd.shutdown()
            self._http.httpd.server_close()
        for thread in self._http.threads:
            thread.join(timeout=30)
        if self.config is not None and self.rebuilds and not any(t.is_alive() for t in self._http.threads):
            try:  # for the next `newsdesk build` or serve (only what is not in memory alone: see BuildCache)
                self._rebuilding.session.cache.save(self.config.root)
            except OSError as exc:
                log.warning("could not save the build cache: %s", exc)

    @property
    def idle(self) -> bool:
        """No change waiting to be built, no rebuild running, the search index up to date (tests wait for this)."""
        return self._rebuilding.queue.idle and not self._rebuilding.indexer.busy

    @property
    def port(self) -> int:
        return self._http.httpd.server_address[1]

    @property
    def host(self) -> str:
        """The address serve was started on (--host)."""
        return self._started.host

    @property
    def url(self) -> str:
        host = self._started.host
        if host in ("", "0.0.0.0", "::"):
            host = "127.0.0.1"  # listening everywhere, and this is the address that works from here
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{self.config.base_path}"

    @property
    def network_url(self) -> str:
        """The address other devices (a phone on the same network) open, when serve listens on every address
        (--host 0.0.0.0): `url` is this computer's own, and 0.0.0.0 is no address a browser can open. ""
        when it listens on one address only, or this computer has no network address."""
        if self._started.host not in ("", "0.0.0.0", "::"):
            return ""
        address = network_address(socket.AF_INET6 if self._started.host == "::" else socket.AF_INET)
        if not address:
            return ""
        return f"http://{f'[{address}]' if ':' in address else address}:{self.port}{self.config.base_path}"

    def _bind(self) -> _HTTPServer:
        started = self._started
        ports = [started.port] + ([started.port + n for n in range(1, 11)] if started.next_free_port and started.port
                                  else [])
        for port in ports:
            try:
                httpd = _HTTPServer((started.host, port), _Handler, dev=self)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE and port != ports[-1]:
                    continue
                if exc.errno == errno.EADDRINUSE:
                    tried = f"{ports[0]}-{port}" if len(ports) > 1 else str(port)
                    raise NewsdeskError(Problem(f"{started.host}:{tried}", None,
                                                f"port{'s' if len(ports) > 1 else ''} already in use",
                                                "stop the other server, pick one with --port N, or use --port 0 "
                                                "for any free port"), "The server did not start.") from None
                raise NewsdeskError(Problem(f"{started.host}:{port}", None,
                                            f"cannot listen here: {exc.strerror or exc}",
                                            "check --host (default 127.0.0.1)"), "The server did not start.") from None
            if port != started.port:
                started.echo(f"Port {started.port} is in use; using {port} instead.")
            return httpd
        raise AssertionError("unreachable")

    # --- rebuilding -------------------------------------------------------------------------------------

    def _build_loop(self) -> None:
        # the first build's plan: ready before the first edit, without delaying the start
        self._rebuilding.session.prepare()
        while True:
            batch = self._rebuilding.queue.next_batch()
            if batch is None:
                return
            try:
                self.rebuild(batch)
            except Cancelled:  # serve is stopping (stop()): the output is the last complete site
                return

    def rebuild(self, paths) -> Rebuild | None:
        """Rebuild for these changed paths (the builder thread calls this); None when none of them matter."""
        changes = classify_changes(paths, self._rebuilding.layout)
        if not changes:
            return None
        self._rebuilding.indexer.cancel()  # the pages are about to change under it; it starts again after this build
        with self._http.site_lock:
            record = self._build(changes, describe_changes(changes, self._rebuilding.layout.root))
        # Outside the lock, and once the browser had time to reload: indexing which pages show which story
        # while the reload was served competed with it for the processor. If another change comes first,
        # its rebuild does it itself.
        if not record.error and self._rebuilding.queue.stays_quiet(self.PREPARE_AFTER):
            self._rebuilding.session.prepare()
        return record

    def _build(self, changes: dict[Path, ChangeKind], what: str) -> Rebuild:
        started = time.perf_counter()
        building, live = self._rebuilding, self._live
        before = (live.error, live.notice, live.left_out)
        served = self.config.base_path if self.config is not None else None
        pages = rendered = written = removed = 0
        mode = note = ""
        gone: tuple[str, ...] = ()
        moved: dict[str, str | None] = {}
        handover = None
        building.unbuilt.update(changes)
        before_items = tuple(building.session.cache.items.values())  # (the rebuild replaces them)
        try:
            # A theme folder removed or renamed is config.yaml's `theme:` naming nothing: loading says so, as
            # `newsdesk build` does, rather than building with the bundled theme as if nothing had happened.
            if {ChangeKind.CONFIG, ChangeKind.TEMPLATE} & set(changes.values()) or building.config_broken:
                building.config_broken = True  # until it loads: a build with the old config would hide the error
                self._set_config(self._started.load())
                building.config_broken = False
            options = self._started.rebuild_options if self.rebuilds else self._started.options  # (first: no thread)
            try:
                result = rebuild(building.session, self.config, options, self._known_changes(),
                                 environ=building.environ, shown=None if live.error else self._hand_over,
                                 cancel=building.cancel)
            finally:
                handover, live.handover = live.handover, None
                if handover is not None:
                    handover.done.set()
            saved, building.unbuilt, building.first = building.unbuilt, {}, False
            gone = result.written.gone_pages
            if self._clock_moved(result.site.model.withheld, saved):  # planned and written again, at the new time
                result = rebuild(building.session, self.config, options, [], environ=building.environ,
                                 cancel=building.cancel)
            if result.mode == "patch" or building.indexer.pending:
                # The fast path leaves search to the indexer (in the background, after the reload): the newest
                # good plan, whatever was pending before
                building.indexer.want(result.site)
            mode, note = result.mode, result.note
            site = result.site
            pages, rendered = len(site.pages), result.rendered
            written, removed = result.written.written, result.written.removed
            gone = tuple(sorted({*gone, *result.written.gone_pages}))
            moved = moves(gone, before_items, site.model.site.items)
            live.error = ""
            self._say(site.problems, site.warnings, saved)
            self._say_notes(site.notes)
            self._note_withheld(site.model.withheld, saved)
        except NewsdeskError as exc:  # (after an upgrade, maybe new templates the old code here cannot render)
            live.error = (f"{exc}\n{_CHANGED}: this error may be the old code running here meeting the new files "
                          f"(restart serve: {_RESTART}; an error still there after that is the site's to fix)"
                          if self._upgraded() else str(exc))
        except Exception as exc:  # a bug in newsdesk: keep serving, and say so where the user looks
            log.debug("build crashed", exc_info=True)
            if self._upgraded():
                live.error = (f"newsdesk crashed while building: {exc!r}: {_CHANGED}, and its old code running here "
                              f"met the new files (restart serve: {_RESTART})")
            else:
                live.error = (f"newsdesk crashed while building: {exc!r} (run `newsdesk --debug serve` for the "
                              "traceback)")
        live.words = self._read_words()
        if building.watcher is not None:
            building.watcher.update(building.layout)  # folders created since (a new themes/) or named by a new config
        after = (live.error, live.notice, live.left_out)
        changed = written or removed or after != before
        css_only = bool(changes) and all(kind is ChangeKind.CSS for kind in changes.values())
        action = ("css" if css_only and after == before else "reload") if changed else ""
        if handover is not None and mode == "patch" and after == handover.said:
            action = "reload"  # (told when the first pages were written: _hand_over)
        elif action:
            self._announce(action)
        record = Rebuild(what, tuple(self._relative(p) for p in changes), action, pages, rendered, written, removed,
                         (time.perf_counter() - started) * 1000, self._live.error, self._left_out_text, mode, note,
                         gone, tuple(moved.items()))
        self._finish(record, before[1])
        if served is not None and self.config is not None and self.config.base_path != served:
            # (the open page, at the old path, now shows the site's not-found page)
            self._echo(f"base_url's path changed: the site is now at {self.url}")
        return record

    def _hand_over(self, held: Held) -> None:
        """The fast path wrote the pages a browser most likely shows and may still change the `held` files
        (serve/rebuild.py's HandOver): say the site's problems as the rebuild leaves them, and reload now; a
        request for a held file waits until the rebuild is done. Not when the save moves serve's clock: the
        site is built again at the new time before this rebuild ends, and the browser reloads once, then."""
        if self._passed(held.withheld, self._rebuilding.unbuilt):
            return
        self._say(held.problems, held.warnings, self._rebuilding.unbuilt)
        self._live.handover = _HandedOver(held, (self._live.error, self._live.notice, self._live.left_out))
        with self._live.news:
            open_pages = sum(self._live.polls.values())
        epoch = self._announce("reload")
        if open_pages:
            self._let_pages_load(epoch, open_pages, self._live.handover)

    def _let_pages_load(self, epoch: int, pages: int, handover: _HandedOver) -> None:
        """Wait until the `pages` open when the browser was told to reload (to `epoch`) have loaded: as many polls
        held from pages served since then (a page's live-reload script runs after its stylesheets and scripts,
        its first paint about then; a quiet moment after the page's last file was no sign of it: a busy
        browser asks for the stylesheet later than that); at most RELOAD_GRACE, and no longer once a held file
        is asked for (a page waits for it)."""
        deadline = time.monotonic() + RELOAD_GRACE
        with self._live.news:
            while not handover.asked.is_set():
                left = deadline - time.monotonic()
                if left <= 0 or sum(n for since, n in self._live.polls.items() if since >= epoch) >= pages:
                    return
                self._live.news.wait(left)

    def _announce(self, action: str) -> int:
        """Tell the open pages (their held polls) what to do: "reload", or "css" to swap stylesheets; the new epoch."""
        with self._live.news:
            self._live.epoch += 1
            self._live.actions.append((self._live.epoch, action))
            self._live.news.notify_all()
            return self._live.epoch

    def _finish(self, record: Rebuild, notice_before: str) -> None:
        self.rebuilds.append(record)
        self._show(record, notice_before)
        # Also after a failed build: the last good pages are what is served, so they are what search finds.
        if self.config is not None and self.config.search:
            self._rebuilding.indexer.start()
        else:
            self._rebuilding.indexer.pending = False  # search is off: nothing to catch up with

    def _upgraded(self) -> bool:
        """Whether newsdesk's own files changed since serve started (pip put new files under the modules this
        process has loaded): looked at only when a build failed."""
        return _installed() != self._started.installed

    def _say(self, problems, warnings, saved: dict[Path, ChangeKind]) -> None:
        """Have every page say a plan's content `problems` and `warnings` (the notice), and the problems of the
        item files `saved` since the last good build that it left out (the overlay)."""
        # (as `newsdesk build` prints them: an error's item is left out, a warning's is in the site)
        notice = "\n".join([f"error: {p}{left_out(p)}" for p in problems] + [f"warning: {p}" for p in warnings])
        unused = self._saved_and_left_out(problems, saved)
        with self._live.news:  # (what a page is sent with: _response)
            self._live.notice, self._live.left_out = notice, unused

    def _say_notes(self, notes) -> None:
        """Say the site's notes on the terminal, each once (as a build does), not on its pages: nothing is wrong."""
        said = summarised(notes)
        for line in said:
            if line not in self._rebuilding.notes:
                self._echo(line, True)
        self._rebuilding.notes = said

    def _saved_and_left_out(self, problems, saved: dict[Path, ChangeKind]) -> tuple[Problem, ...]:
        """The problems of the item files saved while serving that the build left out: those of the files
        changed since the last good build (a file, or one under a folder moved in), and those already shown
        that are still there. Shown over every page until the file reads again: the user who saved it most
        likely looks at its page, which is gone (the notice alone was easy to miss)."""
        root = self.config.root
        names = {relative_name(root, path) for path, kind in saved.items() if kind is ChangeKind.CONTENT}
        shown = {problem.path for problem in self._live.left_out}
        return tuple(problem for problem in problems if not isinstance(problem, Unwritten) and (
            problem.path in shown or problem.path in names
            or any(problem.path.startswith(name + "/") for name in names)))

    def _clock_moved(self, withheld, saved: dict[Path, ChangeKind]) -> bool:
        """Move serve's clock on to now when an item file saved since the last good build is held back as dated
        after it but is not after now: what `newsdesk fetch` writes beside a running serve, of entries published
        since serve started, each of which stayed out until a restart. Not a clock the user set (`now:`,
        SOURCE_DATE_EPOCH). True when moved: the site is to be built again at the new time (ranked anew)."""
        now = datetime.fromtimestamp(int(time.time()), timezone.utc)
        passed = self._passed(withheld, saved, now)
        if not passed:
            return False
        self._rebuilding.environ["SOURCE_DATE_EPOCH"] = str(int(now.timestamp()))
        more = f" and {len(passed) - 1} more" if len(passed) > 1 else ""
        self._echo(printable(f"serve's clock moved on to {now.isoformat().replace('+00:00', 'Z')}: {passed[0]}{more} "
                             f"{'is' if not more else 'are'} dated after it (published since serve started: fetched "
                             "meanwhile, most likely); the site is ranked at the new time"))
        return True

    def _passed(self, withheld, saved: dict[Path, ChangeKind], now: datetime | None = None) -> list[str]:
        """The item files `saved` since the last good build that a plan holds back (`withheld`) as dated after
        serve's own clock but not after `now` (the clock's time): those that move the clock on (_clock_moved)."""
        if not self._started.own_clock or self.config.now:
            return []
        now = now or datetime.fromtimestamp(int(time.time()), timezone.utc)
        names = {relative_name(self.config.root, path) for path, kind in saved.items() if kind is ChangeKind.CONTENT}
        items = self._rebuilding.session.cache.items  # (the Item each file was read into, by its name)
        return [source for source, _ in withheld if source in names and isinstance(items.get(source), Item)
                and items[source].is_published and items[source].published <= now]  # (held back: by its date)

    def _note_withheld(self, withheld, saved: dict[Path, ChangeKind]) -> None:
        """Say which item files saved since the last good build are drafts or dated after serve's clock: they stay
        out (a save that changed no page said nothing else)."""
        names = {relative_name(self.config.root, path) for path, kind in saved.items() if kind is ChangeKind.CONTENT}
        for source, reason in withheld:
            if source in names and reason == "published: false":
                self._echo(printable(f"note: {source}: a draft: left out of the site (serve with --drafts to see "
                                     "drafts; `published: true` publishes it)"), True)
            elif source in names and reason.startswith("dated in the future"):
                # (as `newsdesk build` says it; serve's clock stands still, so the item stays out until a restart)
                # (a file's name is a crawler's: printable, as a problem's path is)
                self._echo(printable(f"note: {source}: {reason}: left out until then (serve reads the clock "
                                     "when it starts: restart it then, or serve with --future)"), True)

    @property
    def _left_out_text(self) -> str:
        return "\n".join(f"error: {problem} [left out]" for problem in self._live.left_out)

    def _known_changes(self) -> list[Path] | None:
        """The files changed since the last good build, for the fast path; None: not known for sure.

        The fast path takes every file not named here as unchanged, so the list holds all changes since the
        last build that succeeded (a failed build reads nothing for sure). Only file events are precise: a
        folder moved, deleted or created may stand for files whose own events were never seen (made before
        the watch on a new folder began), and a huge batch may have overflowed the kernel's event queue.
        """
        changes = self._rebuilding.unbuilt
        if self._rebuilding.first or len(changes) > 2000:
            return None
        for path, kind in changes.items():
            if kind is ChangeKind.CONTENT and (path.suffix != ".md" or path.is_dir()):
                return None
        return list(changes)

    def _read_words(self) -> Words:
        """The theme's words in the site's language (i18n.load_words, which reads a file again only when it
        changed), for the overlay and the notice."""
        try:
            return load_words(self.config)
        except Exception:  # (a words folder renamed while it is read, or a bug: the overlay must show all the same)
            log.debug("the words were not read", exc_info=True)
            return self._live.words or Words()  # (the words it had; else the keys themselves, serve_build_failed ...)

    def _set_config(self, config: Config) -> None:
        self.config = config
        self._rebuilding.layout = layout_of(config, self._started.config_file)

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self._rebuilding.layout.root).as_posix()
        except ValueError:
            return path.as_posix()

    def _show(self, record: Rebuild, notice_before: str) -> None:
        took = f"{record.milliseconds:.0f} ms"
        if record.error and not self.rebuilds[:-1]:
            self._echo(f"The first build failed ({took}); serving what the output folder has, with the error on "
                       "every page", True)
            self._echo(record.error, True)
            return
        if record.error:
            self._echo(f"{record.changes}: build failed ({took}); the last good pages stay served", True)
            self._echo(record.error, True)
            return
        now, then = self._live.notice.splitlines(), set(notice_before.splitlines())
        for line in now:
            if line not in then:  # problems seen before were shown before
                self._echo(line, True)
        fixed = len(then - set(now))
        if fixed:
            self._echo(f"{fixed} content problem{'s' * (fixed != 1)} fixed; {len(now)} left", True)
        good = [rebuild for rebuild in self.rebuilds[:-1] if not rebuild.error]
        if record.note and (not good or good[-1].note != record.note):  # (said once, as build and check say it)
            self._echo(printable(f"note: {record.note}"), True)
        files = f"{record.written} file{'s' * (record.written != 1)} changed, {record.removed} removed"
        if len(self.rebuilds) == 1:
            self._echo(f"Built {record.pages} page{'s' * (record.pages != 1)} ({files}) in {took}")
        else:
            self._echo(f"{record.changes}: {record.rendered} of {record.pages} page{'s' * (record.pages != 1)} "
                       f"rebuilt, {files}, {took}")
        if record.gone:  # (as `newsdesk build` says it, naming fewer: a line in a running log)
            self._echo(gone_note(f"{self._relative(self.config.output_path)}/", "the last build wrote", record.gone,
                                 self.config.base_url, dict(record.moved), shown=3), True)

    # --- answering requests -----------------------------------------------------------------------------

    def respond(self, raw_path: str) -> Response:
        """The response to a GET of one path of the site (the HTTP handler only sends it)."""
        handover = self._live.handover
        if handover is not None:  # a patch is writing its last files: any other file is as it will stay
            output, held = self.config.output_path, handover.held
            target = resolve_request(output, self.config.base_path, raw_path)
            if isinstance(target, Path) and not held.holds(target.relative_to(output).as_posix()):
                return self._response(200, target)
            name = requested_name(self.config.base_path, raw_path) if target is None else None
            if name is not None and not held.holds(name) and not held.holds("404.html"):
                return self._response(404, resolve_request(output, "/", "/404.html"))  # (a file deleted for good)
            with self._live.news:
                handover.asked.set()  # (the rest of the patch need not wait for the page to load: _let_pages_load)
                self._live.news.notify_all()
            handover.done.wait()
        with self._http.site_lock:  # waits for a rebuild in progress
            config = self.config
            target = resolve_request(config.output_path, config.base_path, raw_path)
            if isinstance(target, str):
                return Response(302, location=target)  # never 301: browsers keep those, and this is a dev server
            status = 200
            if target is None:
                status = 404
                target = resolve_request(config.output_path, "/", "/404.html")
            return self._response(status, target)

    def _response(self, status: int, target: Path | None) -> Response:
        """A file's response (None: the placeholder page), with the live-reload script in HTML."""
        try:
            body = target.read_bytes() if target else _PLACEHOLDER
        except OSError:
            status, body, target = 404, _PLACEHOLDER, None
        kind = content_type(target) if target else TYPES[".html"]
        if kind.startswith("text/html"):
            with self._live.news:
                body = inject(body, snippet(self.server_id, self._live.epoch, self._live.error, self._live.notice,
                                            self._left_out_text, words=self._live.words))
        return Response(status, body, kind)

    def wait_for_news(self, since: int, server_id: str, timeout: float = POLL_SECONDS) -> dict:
        """A held poll: returns as soon as the epoch passes `since` (or the server is not the page's)."""
        deadline = time.monotonic() + timeout
        with self._live.news:
            ours = server_id == self.server_id
            if ours:
                self._live.polls[since] = self._live.polls.get(since, 0) + 1
                self._live.news.notify_all()  # (a reloaded page is back: _let_pages_load)
            try:
                while self._live.epoch <= since and ours and not self._live.stopping:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._live.news.wait(left)
            finally:
                if ours:
                    self._live.polls[since] -= 1
                    if not self._live.polls[since]:
                        del self._live.polls[since]
            newer = [action for epoch, action in self._live.actions if epoch > since]
            complete = not self._live.actions or self._live.actions[0][0] <= since + 1  # nothing fell off the history
            action = "css" if newer and complete and all(a == "css" for a in newer) else "reload"
            epoch = self._live.epoch
            return {"server": self.server_id, "epoch": epoch, "action": action if epoch > since else ""}


@dataclass(frozen=True)
class _HandedOver:
    """The output files a patch may still change after the reload, and when it is done."""

    held: Held
    said: tuple  # the overlay and notice set then (DevServer._live's error, notice and left_out)
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    asked: threading.Event = dataclasses.field(default_factory=threading.Event)  # a request waits for a held file


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # a held poll must not keep the process alive
    allow_reuse_port = False  # so that a second server on the same port fails instead of sharing it

    def __init__(self, address, handler, dev: DevServer):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.dev = dev
        super().__init__(address, handler)

    def handle_error(self, request, client_address):
        # A browser that reloads drops its held poll and any half-sent page; that is not worth a traceback.
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            log.warning("error while answering %s: %r", client_address, error)


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "newsdesk-serve"

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        dev: DevServer = self.server.dev
        url = urlsplit(self.path)
        if not host_allowed(self.headers.get("Host"), dev.host):
            response = Response(403, (f"newsdesk serve answers requests for localhost, an IP address or {dev.host} "
                                      f"only, so that no other site's page can read this preview (see DNS "
                                      f"rebinding). Open {dev.url}\n").encode("utf-8"))
        elif url.path == POLL_URL:
            query = parse_qs(url.query)
            try:
                since = int(query.get("since", ["0"])[0])
            except ValueError:
                since = 0
            news = dev.wait_for_news(since, query.get("server", [""])[0])
            response = Response(200, json.dumps(news).encode(), "application/json")
        elif url.path == SCRIPT_URL:
            response = Response(200, _SCRIPT.read_bytes(), TYPES[".js"])
        else:
            response = dev.respond(self.path)
        self.send_response(response.status)
        if response.location:
            self.send_header("Location", response.location)
        self.send_header("Content-Type", response.type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")  # every reload must show the newest build
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args) -> None:
        log.debug("%s %s", self.address_string(), format % args)
