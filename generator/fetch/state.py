"""The fetch state file (`fetch.state_file`, committed with the site): what fetch knows between runs.

Per source: the validators for conditional GETs, where a feed moved for good, since when it is gone.
Per item (keyed by the entry's identity): the file fetch wrote, the SHA-256 of the bytes it wrote (a file
whose bytes differ was edited by hand or by another tool, and is never touched again), the time it was
first seen and the heat it was given then (both kept, so that an update rewrites the same values), its
date (for `keep_days`), and which source it came from. An item whose file was deleted, by the user or by
`keep_days`, stays as a tombstone with no file, so the entry is not fetched again while its feed still
carries it. The file is JSON with sorted keys and holds no clocks of its own, so a fetch that finds
nothing new leaves it byte for byte as it was.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from generator.errors import ConfigError, Problem

VERSION = 1


@dataclass(frozen=True)
class FeedState:
    etag: str = ""
    last_modified: str = ""
    moved_to: str = ""  # a 301/308 answer's new URL, used from then on
    gone_since: str = ""  # a 410 answer's date: not asked again
    settings: str = ""  # a hash of the settings its items were written with: others, and the feed is read whole


@dataclass(frozen=True)
class ItemState:
    source: str  # the source's URL as config.yaml lists it
    file: str = ""  # relative to the content folder, with forward slashes; "" once deleted
    sha256: str = ""
    first_seen: str = ""
    date: str = ""  # publishedDateTime as written
    heat: float = 0.0


@dataclass
class State:
    """Loaded once, changed as sources finish (in one thread), saved once at the end."""

    feeds: dict[str, FeedState] = field(default_factory=dict)
    items: dict[str, ItemState] = field(default_factory=dict)

    def feed(self, url: str) -> FeedState:
        return self.feeds.get(url, FeedState())

    def set_feed(self, url: str, **changes) -> None:
        self.feeds[url] = replace(self.feed(url), **changes)

    def text(self) -> str:
        data = {"version": VERSION,
                "feeds": {url: _compact(asdict(feed)) for url, feed in sorted(self.feeds.items()) if _compact(asdict(feed))},
                "items": {key: _compact(asdict(item)) for key, item in sorted(self.items.items())}}
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _compact(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in ("", None)}


def load_state(path: Path, shown: str) -> State:
    """The state file, or an empty state if there is none yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return State()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Problem(shown, None, f"cannot read the fetch state: {exc}", "restore it from git"))
    try:
        data = json.loads(text)
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}, this newsdesk reads version {VERSION}")
        feeds = {url: FeedState(**values) for url, values in data.get("feeds", {}).items()}
        items = {key: ItemState(**values) for key, values in data.get("items", {}).items()}
    except (ValueError, TypeError, AttributeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise ConfigError(Problem(shown, line, f"not a fetch state file: {exc}",
                                  "restore it from git; deleting it makes fetch leave every fetched item alone"))
    return State(feeds, items)


def save_state(state: State, path: Path) -> bool:
    """Write the state if it changed (whole or not at all); return whether it was written."""
    text = state.text()
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return True
