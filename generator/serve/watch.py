"""What `newsdesk serve` watches, which changes matter, and when a burst of them is over.

    watchdog events -> ChangeQueue (debounce) -> a batch of paths -> classify_changes -> Changes

Three parts, each usable on its own:
- `SiteLayout` + `detect_change_kind`: a pure function from one path to what it is (content, template,
  CSS, other static file, config, data) or None for paths the build never reads: editor temp and backup
  files, hidden files, and the output folder with the writer's staging folders beside it. Table-tested.
- `ChangeQueue`: paths go in from the watchdog thread; the builder takes them out in one batch once
  nothing has happened for `quiet` seconds, so an editor's atomic save, a `git checkout` of 500 files or
  a burst of saves gives one rebuild (MkDocs' build loop, Zola's debouncer).
- `Watcher`: the watchdog observer feeding a ChangeQueue, with the folders it watches kept in step with
  the config (a `themes/` folder created later, a changed `content_dir`).
"""

from __future__ import annotations

import enum
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePath

from watchdog.events import (EVENT_TYPE_CLOSED, EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED,
                             EVENT_TYPE_MOVED, FileSystemEventHandler)
from watchdog.observers import Observer

from generator.errors import printable
from generator.config.values import Config, bundled_theme_dir
from generator.build.writer import BESIDE_OUTPUT, beside_output
from generator.site.content import looks_like_an_item
from generator.site.local_pictures import MANIFEST
from generator.site.scratch import is_scratch

log = logging.getLogger(__name__)


class ChangeKind(enum.Enum):
    CONTENT = "content"  # an item file (or a folder of them)
    TEMPLATE = "template"  # anything in a theme but its static files
    CSS = "css"  # a stylesheet: the browser can swap it without reloading the page
    STATIC = "static"  # any other static file (images, scripts, fonts)
    CONFIG = "config"  # config.yaml: reload it, then rebuild everything
    DATA = "data"  # topic and provider records in data_dir, the manifest of the copies of pictures


@dataclass(frozen=True)
class SiteLayout:
    """Where a site's inputs and output are; all paths absolute and resolved."""

    root: Path
    config_file: Path
    content: Path
    themes: tuple[Path, ...]  # folders holding themes: `<folder>/<theme>/templates|static/...`
    static: Path  # the site's own `static/`
    data: Path | None
    output: Path
    pictures: Path | None = None  # pictures_dir: its manifest says which copies of pictures the pages offer

    @property
    def ignored(self) -> tuple[Path, ...]:
        """The output folder and the writer's folders beside it (and `.output.newsdesk-old` and `-recycle`,
        earlier newsdesks')."""
        out = self.output
        return (out, *(beside_output(out, use) for use in (*BESIDE_OUTPUT, "old", "recycle")))

    @property
    def watched(self) -> tuple[tuple[Path, bool], ...]:
        """(folder, recursive) pairs to watch; the root itself only for config.yaml and new folders."""
        folders = [(self.config_file.parent, False), (self.root, False), (self.content, True),
                   (self.static, True), *((t, True) for t in self.themes)]
        if self.data:
            folders.append((self.data, True))
        if self.pictures:
            folders.append((self.pictures, False))
        unique: list[tuple[Path, bool]] = []
        for folder, recursive in folders:
            if (folder, recursive) not in unique:
                unique.append((folder, recursive))
        return tuple(unique)


def layout_of(config: Config, config_file: Path) -> SiteLayout:
    root = config.root.resolve()
    themes = [root / "themes"]
    for name in (config.theme, "default"):
        bundled = bundled_theme_dir(name)
        if bundled is not None and bundled.resolve().parent not in themes:
            themes.append(bundled.resolve().parent)
    return SiteLayout(root=root, config_file=Path(config_file).resolve(), content=config.content_path.resolve(),
                      themes=tuple(themes), static=(root / "static"),
                      data=(root / config.data_dir).resolve() if config.data_dir else None,
                      output=config.output_path.resolve(),
                      pictures=(root / config.pictures_dir).resolve() if config.pictures_dir else None)


def detect_change_kind(path: PurePath, layout: SiteLayout, directory: bool = False) -> ChangeKind | None:
    """What a changed path is to the build, or None when no build reads it (`directory`: the event was a folder's)."""
    if is_scratch(path.name):
        return None
    if path == layout.config_file:
        return ChangeKind.CONFIG
    if any(_inside(path, folder) is not None for folder in layout.ignored):
        return None
    if layout.pictures and (path == layout.pictures / MANIFEST or path == layout.pictures):
        return ChangeKind.DATA  # (`newsdesk pictures` writes the manifest after the copies it names)
    for folder in layout.themes:
        parts = _inside(path, folder)
        if parts is not None and not _hidden(parts):
            if len(parts) >= 2 and parts[1] == "static":
                return _static_kind(path)
            return ChangeKind.TEMPLATE  # templates, or a whole theme folder added or removed
    for folder, kind in ((layout.static, None), (layout.data, ChangeKind.DATA), (layout.content, ChangeKind.CONTENT)):
        parts = _inside(path, folder) if folder else None
        if parts is not None and not _hidden(parts):
            if kind is ChangeKind.CONTENT and not directory and parts and not looks_like_an_item(path.name):
                # only `*.md` files are items (content.source_files), and the build says what it does not
                # read of `x.markdown`; `sed -i` leaves `sedXXXXXX` files
                return None
            return kind or _static_kind(path)
    return None


def classify_changes(batch, layout: SiteLayout) -> dict[Path, ChangeKind]:
    """The paths of one batch that matter, each with its kind (in the order they came).

    `batch` maps each path to whether it is a folder (as ChangeQueue.next_batch gives it), or lists file paths.
    """
    folders = batch if isinstance(batch, dict) else dict.fromkeys(batch, False)
    kinds = {}
    for path, directory in folders.items():
        kind = detect_change_kind(Path(path), layout, directory)
        if kind is not None:
            kinds[Path(path)] = kind
    return kinds


def describe_changes(changes: dict[Path, ChangeKind], root: Path) -> str:
    """One short phrase for the terminal: `content/a.md changed`, `content/a.md and 499 more changed`."""
    names = []
    for path in changes:
        try:
            names.append(path.relative_to(root).as_posix())
        except ValueError:
            names.append(path.as_posix())
    if not names:
        return "nothing changed"
    verb = "changed" if any(Path(path).exists() for path in changes) else "removed"  # (a folder deleted: all gone)
    more = f" and {len(names) - 1} more" if len(names) > 1 else ""
    return printable(f"{names[0]}{more} {verb}")  # (a file's name is a crawler's, as a problem's path is)


def changed_since(layout: SiteLayout, since_ns: int) -> list[tuple[str, bool]]:
    """(path, is a folder) of what in the watched folders was modified at or after `since_ns`: the edits a
    watch started late missed (serve starts watching after its first build, see server.DevServer.start).
    A folder's own time moves when a file in it is created, renamed or deleted: it is named itself only
    when none of its files is (a file deleted)."""
    found: list[tuple[str, bool]] = []
    ignored = {str(folder) for folder in layout.ignored}
    for folder, recursive in layout.watched:
        for path, names, files in os.walk(folder):
            names[:] = [n for n in names if not n.startswith(".") and os.path.join(path, n) not in ignored]
            newer = [(os.path.join(path, name), False) for name in files
                     if _modified_since(os.path.join(path, name), since_ns)]
            if not newer and _modified_since(path, since_ns):
                newer = [(path, True)]
            found += newer
            if not recursive:
                break
    return found


def _modified_since(path: str, since_ns: int) -> bool:
    try:
        return os.stat(path, follow_symlinks=False).st_mtime_ns >= since_ns
    except OSError:
        return False  # gone meanwhile: its folder says so


def _inside(path: PurePath, folder: Path) -> tuple[str, ...] | None:
    """The parts of `path` below `folder` (empty for the folder itself), or None when outside it."""
    try:
        return path.relative_to(folder).parts
    except ValueError:
        return None


def _hidden(parts: tuple[str, ...]) -> bool:
    # The build skips hidden files and folders (content.source_files, render.static_files), so they never matter.
    return any(part.startswith(".") for part in parts)


def _static_kind(path: PurePath) -> ChangeKind:
    return ChangeKind.CSS if path.suffix.lower() == ".css" else ChangeKind.STATIC


# How long nothing must change before a rebuild (serve's default; `newsdesk serve --debounce MS`). An editor's
# save (a temp file renamed over the item) or a `git checkout` writes its files within a few milliseconds of
# each other, so this much quiet still gives one rebuild; a longer debounce was a large share of the time a
# save takes to show.
QUIET = 0.05


class ChangeQueue:
    """Changed paths, handed out in one batch once they stop coming.

    `add` is called from the watchdog thread; `next_batch` blocks in the builder thread until there is
    something and then `quiet` seconds pass without more, or `longest` seconds after the first path of
    the batch (so a tool writing files without pause cannot hold rebuilds off for ever).
    """

    def __init__(self, quiet: float = QUIET, longest: float = 2.0):
        self.quiet = quiet
        self.longest = longest
        self._paths: dict[str, bool] = {}  # path -> is a folder, in the order first seen
        self._first = self._last = 0.0
        self._closed = False
        self._working = False  # a batch was handed out and its taker has not asked for the next one yet
        self._cond = threading.Condition()

    def add(self, *paths: str, directory: bool = False) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            for path in paths:
                self._paths[path] = self._paths.get(path, False) or directory
            self._last = now
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def next_batch(self) -> dict[str, bool] | None:
        """The next batch, path -> whether it is a folder; None once the queue is closed."""
        with self._cond:
            self._working = False
            while not self._paths and not self._closed:
                self._cond.wait()
            while not self._closed:
                now = time.monotonic()
                wait = min(self._last + self.quiet, self._first + self.longest) - now
                if wait <= 0:
                    break
                self._cond.wait(wait)
            if self._closed:
                return None
            batch, self._paths = self._paths, {}
            self._working = True
            return batch

    def stays_quiet(self, seconds: float) -> bool:
        """Wait up to `seconds`; True if no path came meanwhile (False as soon as one does, or on close)."""
        deadline = time.monotonic() + seconds
        with self._cond:
            while not self._paths and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    return True
                self._cond.wait(left)
            return False

    @property
    def idle(self) -> bool:
        """Nothing waiting, and the last batch handed out is done with."""
        with self._cond:
            return not self._paths and not self._working


class _Handler(FileSystemEventHandler):
    # Only events that change something: reading files (the build's own `opened`/`closed_no_write`) must not
    # start another build, and a folder's `modified` only repeats what the events for its files say.
    _WANTED = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}

    def __init__(self, queue: ChangeQueue):
        self.queue = queue
        # The output folder and the writer's folders beside it (SiteLayout.ignored): the build's own writes.
        # They are no change, and must not hold off what serve does once the queue stays quiet.
        self.ignored: tuple[str, ...] = ()

    def on_any_event(self, event) -> None:
        if event.event_type not in self._WANTED or (event.is_directory and event.event_type == EVENT_TYPE_MODIFIED):
            return
        paths = [os.fsdecode(event.src_path)]
        if event.event_type == EVENT_TYPE_MOVED:
            paths.append(os.fsdecode(event.dest_path))
        paths = [path for path in paths if not any(path == folder or path.startswith(folder + os.sep)
                                                   for folder in self.ignored)]
        if paths:
            self.queue.add(*paths, directory=event.is_directory)


class _StopRace(logging.Filter):
    """watchdog's inotify reader logs an error when it wakes up while the observer is being stopped
    ("queue_events() called when the thread is inactive"): harmless, and not something to show a user
    who pressed Ctrl-C."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "called when the thread is inactive" not in record.getMessage()


logging.getLogger("watchdog.observers.inotify").addFilter(_StopRace())


class Watcher:
    """A watchdog observer over a site's input folders, feeding `queue`."""

    def __init__(self, queue: ChangeQueue):
        self.queue = queue
        self._observer = Observer()
        self._handler = _Handler(queue)
        self._watches: dict[tuple[Path, bool], object] = {}

    def start(self, layout: SiteLayout, since_ns: int | None = None) -> None:
        """Start watching; `since_ns` (time.time_ns()): also queue what changed from then until the watch began."""
        self.update(layout)
        self._observer.start()
        if since_ns is not None:
            for path, directory in changed_since(layout, since_ns):
                self.queue.add(path, directory=directory)

    def update(self, layout: SiteLayout) -> None:
        """Watch the layout's folders that exist now; stop watching those it no longer has."""
        self._handler.ignored = tuple(str(folder) for folder in layout.ignored)
        wanted = {(folder, recursive) for folder, recursive in layout.watched if folder.is_dir()}
        for key in list(self._watches):
            if key not in wanted:
                self._observer.unschedule(self._watches.pop(key))
        for folder, recursive in sorted(wanted - self._watches.keys()):
            try:
                self._watches[(folder, recursive)] = self._observer.schedule(self._handler, str(folder),
                                                                             recursive=recursive)
            except OSError as exc:  # e.g. the inotify watch limit; the site still builds, it just misses edits there
                log.warning("cannot watch %s: %s", folder, exc)

    def stop(self) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join(timeout=5)
