"""What one build leaves for the next, so that a rebuild only redoes what changed.

`serve` keeps one BuildCache in memory across rebuilds; `newsdesk build` keeps one
on disk in `.newsdesk-cache/` at the site root (delete it, or pass --clean, to
start cold). Nothing in it is trusted blindly:
- an item is reused only if its file's size and modification time are unchanged
  (or, in `serve`, if the watcher did not report it) and config.yaml is the same;
- a page, feed or other output file is reused only if its fingerprint
  (generator/deps.py) is unchanged and the previous output file is still there
  with the size and time we wrote it.
The output of a build with a cache is byte-identical to one without (tested).
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__

log = logging.getLogger(__name__)

CACHE_DIR = ".newsdesk-cache"
_FILE = "build.pickle"
_FORMAT = 5  # bump when what the cache holds (Item, Problem) changes shape
_RACY_NS = 2_000_000_000  # a file changed this close to when we read it may change again unseen


@dataclass
class BuildCache:
    config: str = ""  # config_key the items were made under
    files: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # source -> (mtime_ns, size, read_ns)
    items: dict = field(default_factory=dict)  # source -> Item or Problem
    outputs: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # output -> (fingerprint, size, mtime_ns)
    published: frozenset[str] = frozenset()  # every file the last build put in the output (search index aside)
    # Kept in memory only (serve), for generator/patch.py: the last plan, the (clock, drafts, future) it was
    # made under, the template environment it was rendered with, and which pages show which item.
    dirty: bool = False  # changed since loaded: save() writes only then (pickling 10,000 items takes a while)
    plan: object = None
    plan_key: tuple = ()
    env: object = None
    dependents: object = None
    unhashed: tuple = ()  # (plan, pages, outputs) of patches whose outputs have no fingerprint in `outputs` yet

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.update(plan=None, plan_key=(), env=None, dependents=None, unhashed=(), dirty=False)  # not worth a disk cache's size
        return state

    def item(self, name: str, stat: os.stat_result | None, config: str, trusted: bool):
        """The cached Item/Problem for a source file, if it is still valid (`trusted`: the caller knows the
        file is unchanged, and `stat` may be None)."""
        if config != self.config or name not in self.items:
            return None
        if trusted:
            return self.items[name]
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

    def output(self, output: str, fingerprint: str, previous: os.stat_result | None) -> bool:
        """Whether the previous output file of this page (or feed...) is still exactly what it would be made into."""
        known = self.outputs.get(output)
        return (known is not None and previous is not None and known[0] == fingerprint
                and (known[1], known[2]) == (previous.st_size, previous.st_mtime_ns))

    @classmethod
    def load(cls, root: Path) -> "BuildCache":
        path = root / CACHE_DIR / _FILE
        try:
            with path.open("rb") as handle:
                version, cache = pickle.load(handle)
            if version == (__version__, _FORMAT) and isinstance(cache, cls):
                return cache
        except FileNotFoundError:
            pass
        except Exception as exc:  # a cache from another version, or damaged: start cold
            log.info("ignoring build cache %s: %s", path, exc)
        return cls()

    def save(self, root: Path) -> None:
        folder = root / CACHE_DIR
        if not self.dirty and (folder / _FILE).is_file():
            return
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n")
        temp = folder / f"{_FILE}.tmp"
        with temp.open("wb") as handle:
            pickle.dump(((__version__, _FORMAT), self), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, folder / _FILE)
        self.dirty = False
