"""What one build leaves for the next, so that a rebuild only redoes what changed.

`serve` keeps one BuildCache in memory across rebuilds; `newsdesk build` keeps one
on disk in `.newsdesk-cache/` at the site root (delete it, or pass --clean, to
start cold). Nothing in it is trusted blindly:
- an item is reused only if its file's size and modification time are unchanged
  (or, in `serve`, if the watcher did not report it) and config.yaml is the same;
- a page, feed or other output file is reused only if its fingerprint
  (generator/build/fingerprints.py) is unchanged and the previous output file is still there
  with the size and time we wrote it;
- the list of files the output holds (`published`: what an edit's build deletes
  from) only if the last build that loaded the cache saved it: a build stopped
  before it saved (killed, or failed) may have written files it does not list,
  and the next one assembles the whole output again (see `writing`).
The output of a build with a cache is byte-identical to one without (tested).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import shutil
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator import __version__
from generator.build.collector import collector_paused

log = logging.getLogger(__name__)

CACHE_DIR = ".newsdesk-cache"
_FILE = "build.pickle"
_SEARCH = "search"  # the search index's kept task results (search_folder)
_WORDS = "words.pickle"  # the items' words for stories, apart: read only by a build that clusters (words)
_FORMAT = 128  # bump when what the cache holds (Item, Problem, the stories' words, the search tasks' results) or how
#               a file is read changes, or how templates compile (render.environment.make_env's settings: `compiled`)
_PARSES = 500  # template texts' parses kept at most (a theme has tens of templates)
_RACY_NS = 2_000_000_000  # a file changed this close to when we read it may change again unseen
_UNSAVED = "unsaved"  # there from `writing` until `save`: a build that may write the output is under way


@dataclass
class BuildCache:
    config: str = ""  # config_key the items were made under
    files: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # source -> (mtime_ns, size, read_ns)
    items: dict = field(default_factory=dict)  # source -> Item or Problem
    outputs: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # output -> (fingerprint, size, mtime_ns)
    published: frozenset[str] = frozenset()  # every file the last build put in the output (search index aside)
    dirty: bool = False  # changed since loaded: save() writes only then (pickling a big site's items takes a while)
    # an item's digest -> its words for stories (grouping.group), through `words`: kept on disk too, so that a
    # build after an edit or a fetch works out only the new items' words before clustering. None: in their
    # own file, not read yet (a build of unchanged items keeps its stories whole and never reads them).
    story_words: dict | None = field(default_factory=dict)
    stories: dict = field(default_factory=dict)  # the last stories, by a key of their inputs (grouping.group)
    # a template's source text -> what parsing it found (fingerprints.template_keys): a build parses only
    # the templates whose text is new
    template_parses: dict = field(default_factory=dict)
    # a page template -> (its digest, the warnings rendering its pages found: pipeline.with_tested), for the
    # pages a build does not render again
    tested: dict = field(default_factory=dict)
    # Jinja's key of a template -> its compiled code (render.environment.CompiledTemplates.of), for a build in a
    # new process that renders pages: compiling the theme was a large part of a small edit's build. (Loaded as
    # the rest of this file is: the cache is the site's own, trusted as much as its pickle.)
    compiled: dict = field(default_factory=dict)
    root: Path | None = None  # the site whose `.newsdesk-cache/` this cache is saved in (None: kept in memory only)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        # not worth a disk cache's size (and where it is saved is the loader's to say); the words have a file
        state.update(dirty=False, root=None, story_words=None)
        if len(self.template_parses) > _PARSES:  # (serve: a theme edited many times)
            state["template_parses"] = {}
        if len(self.compiled) > _PARSES:  # (templates removed or moved: their keys stay)
            state["compiled"] = {}
        return state

    def words(self) -> dict:
        """The items' words for stories (story_words), read from their file on first use."""
        if self.story_words is None:
            self.story_words = {}
            try:
                with (self.root / CACHE_DIR / _WORDS).open("rb") as handle, collector_paused():
                    version, config, found = pickle.load(handle)
                if (version, config) == (_version(), self.config) and isinstance(found, dict):
                    self.story_words = found
            except FileNotFoundError:
                pass
            except Exception as exc:  # from another version, or damaged: worked out again
                log.info("ignoring the stories' words in %s: %s", self.root / CACHE_DIR, exc)
        return self.story_words

    def forget_words(self) -> None:
        """Made under another config: worked out again as items are read."""
        self.story_words = {}

    def set_words_aside(self) -> None:
        """The stories are planned: a cache saved on disk writes the words to their file now and lets them go,
        as rendering never reads them (a part of a large build's peak memory: docs/dev/performance.md). Written
        whole whatever the build does next: an item's words are a function of its content and the config,
        whichever build made them. (A build whose caller keeps a clustering to bring up to date does not call
        this: build.pipeline.plan_site.)"""
        if self.root is None or self.story_words is None:
            return
        self._save_words()
        self.story_words = None

    def item(self, name: str, stat: os.stat_result, config: str):
        """The cached Item/Problem for a source file, if it is still valid."""
        if config != self.config or name not in self.items:
            return None
        known = self.files.get(name)
        if known is None or (known[0], known[1]) != (stat.st_mtime_ns, stat.st_size):
            return None
        if known[2] - known[0] < _RACY_NS:  # written so close to our read that a same-size edit could hide
            return None
        return self.items[name]

    def remember_item(self, name: str, stat: os.stat_result, result) -> None:
        self.files[name] = (stat.st_mtime_ns, stat.st_size, time.time_ns())
        self.items[name] = result
        self.dirty = True

    def remember_output(self, folder: Path, name: str, fingerprint: str) -> None:
        """The fingerprint of the file just written as `name` in the output `folder`, with its size and time."""
        stat = _stat(folder, name)
        self.outputs[name] = (fingerprint, stat.st_size, stat.st_mtime_ns) if stat else ("", -1, -1)

    def output(self, folder: Path, name: str, fingerprint: str) -> bool:
        """Whether the output file `name` in `folder` is still exactly what this fingerprint makes."""
        known = self.outputs.get(name)
        if known is None or known[0] != fingerprint:
            return False
        stat = _stat(folder, name)
        return stat is not None and (known[1], known[2]) == (stat.st_size, stat.st_mtime_ns)

    @classmethod
    def load(cls, root: Path, cold: bool = False) -> "BuildCache":
        """The cache saved in the site at `root` (`cold`: an empty one, that `save` puts in its place)."""
        path = root / CACHE_DIR / _FILE
        cache = cls()
        try:
            if not cold:
                with path.open("rb") as handle, collector_paused():  # (hundreds of thousands of objects, kept)
                    version, found = pickle.load(handle)
                    # They live as long as the build: the collector need not walk them (as plan_site's items)
                    gc.freeze()
                if version == _version() and isinstance(found, cls):
                    cache = found
                    if (root / CACHE_DIR / _UNSAVED).exists():  # a build did not finish: its files are not listed
                        cache.published = frozenset()
        except FileNotFoundError:
            pass
        except Exception as exc:  # a cache from another version, or damaged: start cold
            log.info("ignoring build cache %s: %s", path, exc)
        if cold:
            shutil.rmtree(root / CACHE_DIR / _SEARCH, ignore_errors=True)
            (root / CACHE_DIR / _WORDS).unlink(missing_ok=True)
        cache.root = root
        return cache

    def search_folder(self) -> Path | None:
        """Where the search index's task results are kept from build to build (search_index.make_index), or
        None for a cache kept in memory only. Apart from the pickle: only a build whose index changed reads it."""
        return None if self.root is None else self.root / CACHE_DIR / _SEARCH

    def writing(self) -> None:
        """The build is about to write the output: until `save`, the cache on disk does not describe it
        (a build stopped in between leaves `published` short of files it wrote)."""
        if self.root is None or (self.root / CACHE_DIR / _UNSAVED).exists():
            return
        folder = self.root / CACHE_DIR
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n")
        (folder / _UNSAVED).touch()

    def save(self, root: Path) -> None:
        folder = root / CACHE_DIR
        if self.story_words is not None:  # (read or made since loaded)
            self._save_words(root)
        if self.dirty or not (folder / _FILE).is_file():
            _write(folder, _FILE, (_version(), self))
            self.dirty = False
        (folder / _UNSAVED).unlink(missing_ok=True)

    def _save_words(self, root: Path | None = None) -> None:
        _write((root or self.root) / CACHE_DIR, _WORDS, (_version(), self.config, self.story_words))


def _write(folder: Path, name: str, value) -> None:
    """Pickle `value` into folder/name whole: a build stopped meanwhile leaves the file as it was."""
    folder.mkdir(exist_ok=True)
    (folder / ".gitignore").write_text("*\n")
    temp = folder / f"{name}.tmp"
    try:
        with temp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / name)
    except BaseException as exc:
        temp.unlink(missing_ok=True)  # (a full disk: not a half-written file besides)
        if isinstance(exc, OSError) and exc.filename is None:  # (a failed write names no file: where it was)
            exc.filename = str(folder / name)
        raise


def _version() -> tuple:
    """What a saved cache must have been made under: newsdesk's version and the cache's format, and Python's
    Unicode tables, which its items' text and story words were cleaned and split with, and Jinja's, which
    parsed its templates."""
    return __version__, _FORMAT, unicodedata.unidata_version, jinja2.__version__


def _stat(folder: Path, name: str) -> os.stat_result | None:
    try:
        return os.stat(os.path.join(folder, name))
    except OSError:
        return None
