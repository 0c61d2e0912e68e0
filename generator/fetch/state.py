"""The fetch state file (`fetch.state_file`, committed with the site): what fetch knows between runs.

Per source: the validators for conditional GETs, where a feed moved for good, since when it is gone.
Per item (keyed by the entry's identity): the file fetch wrote, the SHA-256 of the bytes it wrote (a file
whose bytes differ was edited by hand or by another tool, and is never touched again), the time it was
first seen and the heat it was given then (both kept, so that an update rewrites the same values), its
date (for `keep_days`), and which source it came from. An item whose file was deleted, by the user or by
`keep_days`, stays as a tombstone with no file, so the entry is not fetched again while its feed still
carries it (or, when other feeds carry it too, while any does: `others`). An item keyed by a guid keeps
its link as `alias`, by which it is found when the guid comes to be shared or goes. Keys longer than MAX_KEY
are hashed (bounded_key). The state also names the content folder its files are in (`content`, relative to the site
root): another folder's state would take every file for deleted by hand. The file is JSON with sorted keys and
holds no clocks of its own, so a fetch that finds nothing new leaves it byte for byte as it was.

Its format: `version` (VERSION) changes only when a field comes to mean something else, which an older
newsdesk would misread; it refuses a later version, saying to upgrade. A field is added without a new
version: a reader keeps the fields it does not know, of the file, a feed or an item, as they are and writes
them back (`newer`), so a state a later newsdesk wrote is read by an earlier one, and the later one finds its
fields again after it. (Until this rule, an unknown field was an error: newsdesk before it cannot read a
state with added fields.)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from generator.errors import ConfigError, Problem
from generator.isotime import parse_iso

VERSION = 1


@dataclass(frozen=True)
class FeedState:
    etag: str = ""
    last_modified: str = ""
    moved_to: str = ""  # a 301/308 answer's new URL, used from then on
    gone_since: str = ""  # a 410 answer's date: not asked again
    settings: str = ""  # a hash of the settings its items were written with: others, and the feed is read whole
    newer: tuple = ()  # (name, JSON value) of the fields this newsdesk does not know: written back as they were


@dataclass(frozen=True)
class ItemState:
    source: str  # the source's URL as config.yaml lists it
    file: str = ""  # relative to the content folder, with forward slashes; "" once deleted
    sha256: str = ""
    first_seen: str = ""
    date: str = ""  # publishedDateTime as written
    heat: float = 0.0
    # The identity the entry would have without its guid (its link, else its text), when that is not its key:
    # a feed whose entries come to share a guid, or lose it, names the entry so, and finds this record by it.
    alias: str = ""
    # The other listed sources that carry the entry too (one a line): a deleted item stays deleted until none does.
    others: str = ""
    newer: tuple = ()  # as FeedState's


@dataclass
class State:
    """Loaded once, changed as sources finish (in one thread), saved once at the end."""

    feeds: dict[str, FeedState] = field(default_factory=dict)
    items: dict[str, ItemState] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was ignored when it was loaded (load_state)
    content: str = ""  # the content folder its files are in, relative to the site root ("" in older states)
    content_line: int | None = None  # where the file says so
    newer: tuple = ()  # the file's own fields this newsdesk does not know, written back as they were

    def feed(self, url: str) -> FeedState:
        return self.feeds.get(url, FeedState())

    def set_feed(self, url: str, **changes) -> None:
        self.feeds[url] = replace(self.feed(url), **changes)

    def text(self) -> str:
        data = {**dict(self.newer), "version": VERSION, **({"content": self.content} if self.content else {}),
                "feeds": {url: _compact(feed) for url, feed in sorted(self.feeds.items()) if _compact(feed)},
                "items": {key: _compact(item) for key, item in sorted(self.items.items())}}
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _compact(record: FeedState | ItemState) -> dict:
    known = {f.name: getattr(record, f.name) for f in fields(record) if f.name != "newer"}
    return {**dict(record.newer), **{key: value for key, value in known.items() if value not in ("", None)}}


MAX_KEY = 512  # characters of an entry's identity the state keeps as it is (bounded_key)
MAX_STATE_BYTES = 256 * 1024 * 1024  # a few hundred bytes an item: room for ~800,000 of them
MAX_VALIDATOR = 512  # characters of an ETag or Last-Modified fetch keeps and sends back (http.py)
MAX_HEAT = 1_000_000  # as the build reads an item's heat
MAX_URL = 2048  # characters of a redirect's target fetch follows and remembers (http.py)
_AGAIN = "restore it from git; deleting it makes fetch leave every fetched item alone"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Bad(ValueError):
    def __init__(self, message: str, keys: tuple[str, ...] = (), hint: str = _AGAIN):
        super().__init__(message)
        self.keys = keys  # where it is: the keys leading to it
        self.hint = hint


def bounded_key(key: str) -> str:
    """An entry's identity as the state keeps it: at most MAX_KEY characters. A longer one (a feed's guid can be
    a whole article) is its start, to read, and the SHA-256 of all of it, to tell it from others."""
    if len(key) <= MAX_KEY:
        return key
    return f"{key[:200]} sha256:{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()}"


def header_value(value, limit: int = MAX_VALIDATOR) -> str:
    """`value` if an HTTP client can send it back as a header: printable ASCII, at most `limit` characters;
    else the empty string. (A server's `ETag: "é"` was kept, and every later fetch stopped with a traceback
    when httpx could not encode it.)"""
    return value if isinstance(value, str) and len(value) <= limit and _HEADER.fullmatch(value) else ""


_HEADER = re.compile(r"[\x20-\x7e]*")


def load_state(path: Path, shown: str) -> State:
    """The state file, or an empty state if there is none yet. A value fetch did not write (a wrong type, a
    path out of the content folder, a date that is none) is an error at its line; a feed's validator or new
    address that fetch would not send or follow is ignored with a note (in State.notes): the feed is read
    whole, at the URL config.yaml lists."""
    try:
        size = path.stat().st_size
        if size > MAX_STATE_BYTES:
            raise ConfigError(Problem(shown, None, f"the fetch state is {size:,} bytes, more than fetch reads "
                                                   f"({MAX_STATE_BYTES:,})", _AGAIN))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return State()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Problem(shown, None, f"cannot read the fetch state: {exc}", "restore it from git"))
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int)
        if not isinstance(data, dict):
            raise ValueError(f"a JSON {_kind(data)}, not an object")
        version = data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise _Bad(f"version {version} of the state's format is a later newsdesk's (this one reads version "
                       f"{VERSION})", ("version",), "upgrade newsdesk (pip install -U newsdesk), then fetch again")
        if version != VERSION:
            raise ValueError(f"version {_cut(str(version))}, this newsdesk reads version {VERSION}")
        notes: list[str] = []
        feeds = {url: _feed(url, values, notes, lambda keys: _line(text, ("feeds",) + keys))
                 for url, values in _section(data, "feeds").items()}
        # (a state an older newsdesk wrote may have longer keys: kept under their bounded form, as fetch names
        # their entries now)
        items = {bounded_key(key): _item(key, values) for key, values in _section(data, "items").items()}
        content = data.get("content", "")
        if not isinstance(content, str):
            raise _Bad(f"`content` is a JSON {_kind(content)}, not a string (the content folder)", ("content",))
    except _Bad as exc:
        raise ConfigError(Problem(shown, _line(text, exc.keys), f"not a fetch state file: {exc}", exc.hint)) from None
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        if isinstance(exc, RecursionError):
            exc = "nested deeper than JSON's reader goes"
        raise ConfigError(Problem(shown, line, f"not a fetch state file: {exc}", _AGAIN)) from None
    newer = tuple((name, value) for name, value in sorted(data.items())
                  if name not in ("version", "content", "feeds", "items"))
    return State(feeds, items, [f"{shown}:{line}: {note}" if line else f"{shown}: {note}" for line, note in notes],
                 content, _line(text, ("content",)) if content else None, newer)


def _bounded_int(digits: str) -> int | str:
    """A JSON integer; one of more digits than Python makes an int of (4,300) is its digits, which the value's
    own check refuses at its line (Python's error told the user to call sys.set_int_max_str_digits)."""
    return int(digits) if len(digits) <= 4000 else digits


def _no_constant(name: str):
    raise ValueError(f"{name} is no number JSON allows")


def _kind(value) -> str:
    return {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}.get(
        type(value), "number")


def _section(data: dict, name: str) -> dict:
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise _Bad(f"`{name}` is a JSON {_kind(section)}, not an object", (name,))
    return section


def _fields(kind: type, keys: tuple[str, ...], values) -> dict:
    """`values` checked to be an object whose fields of `kind` are each a string (and `heat` a finite number),
    the others (a later newsdesk's) gathered as `newer`."""
    if not isinstance(values, dict):
        raise _Bad(f"{keys[-1]!r} is a JSON {_kind(values)}, not an object", keys)
    names = {f.name for f in fields(kind)} - {"newer"}
    newer = tuple((name, value) for name, value in sorted(values.items()) if name not in names)
    values = {name: value for name, value in values.items() if name in names}
    for name, value in values.items():
        if name == "heat":
            # (compared, not converted: 10**400 is no float; NaN is in no range)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_HEAT:
                shown = _cut(str(value)) if isinstance(value, (int, float, str)) else repr(value)
                raise _Bad(f"`heat` of {keys[-1]!r} is {shown}, not a number from 0 to {MAX_HEAT:,}", keys + (name,))
        elif not isinstance(value, str):
            raise _Bad(f"`{name}` of {keys[-1]!r} is a JSON {_kind(value)}, not a string", keys + (name,))
    return {**values, "newer": newer} if newer else values


def _feed(url: str, values, notes: list, line) -> FeedState:
    values = dict(_fields(FeedState, ("feeds", url), values))
    for name, limit, plain in (("etag", MAX_VALIDATOR, header_value), ("last_modified", MAX_VALIDATOR, header_value),
                               ("moved_to", MAX_URL, _followable)):
        if values.get(name) and not plain(values[name], limit):
            notes.append((line((url, name)), f"`{name}` of {url} is not what a server sends ({_cut(values[name])}); "
                                             f"ignored: the feed is read whole, at the URL config.yaml lists"))
            del values[name]
    if values.get("gone_since") and not _DAY.fullmatch(values["gone_since"]):
        raise _Bad(f"`gone_since` of {url!r} is {_cut(values['gone_since'])}, not a date like 2026-11-22",
                   ("feeds", url, "gone_since"))
    return FeedState(**values)


def _followable(value: str, limit: int) -> str:
    """A redirect's target as fetch remembers it (http.py): an http(s) URL without controls, spaces or
    direction marks, at most `limit` characters (a host may be a name in any script: bücher.example)."""
    return value if len(value) <= limit and _HTTP.match(value) and value.isprintable() and " " not in value else ""


_HTTP = re.compile(r"https?://[^/?#]+", re.IGNORECASE)


def _item(key: str, values) -> ItemState:
    keys = ("items", key)
    values = _fields(ItemState, keys, values)
    if "source" not in values:
        raise _Bad(f"{key!r} has no `source`", keys)
    file = values.get("file", "")
    if file and (not _SAFE_FILE.fullmatch(file) or any(part in (".", "..") for part in file.split("/"))):
        raise _Bad(f"`file` of {key!r} is {_cut(file)}, not a .md file in the content folder", keys + ("file",))
    try:
        parse_iso(values.get("first_seen", ""))
    except (ValueError, OverflowError):
        raise _Bad(f"`first_seen` of {key!r} is {_cut(values.get('first_seen', ''))}, not a time like "
                   f"2026-11-22T08:00:00+00:00", keys + ("first_seen",)) from None
    if values.get("date") and not _DATE.fullmatch(values["date"]):
        raise _Bad(f"`date` of {key!r} is {_cut(values['date'])}, not a date like 2026-11-22T08:00:00Z",
                   keys + ("date",))
    if values.get("alias"):
        values = {**values, "alias": bounded_key(values["alias"])}
    return ItemState(**values)


# What file_name (items.py) makes: a relative path of plain names, ending in .md
_SAFE_FILE = re.compile(r"(?:[^/\\\x00-\x1f\x7f:]+/)*[^/\\\x00-\x1f\x7f:]+\.md")


def _cut(value: str) -> str:
    return repr(value if len(value) <= 80 else value[:80] + "…")


def _line(text: str, keys: tuple[str, ...]) -> int | None:
    """The line of the value the keys lead to, as fetch writes the file (one key a line); None if not found."""
    at = 0
    for key in keys:
        found = text.find(json.dumps(key, ensure_ascii=False) + ":", at)
        if found < 0:
            return None
        at = found + 1
    return text.count("\n", 0, at) + 1 if keys else None


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


class Journal:
    """What fetch is about to do to a file of the content folder, said before it does it (a JSON line each:
    the entry's key and its record as the state will keep it), beside the state file until the state is
    saved. The state is saved once, at the end: a fetch killed before that (a job cancelled, the OOM killer)
    left files the next fetch had no record of, and it left alone for good those it would write otherwise (an
    undated entry's, dated when first seen). The next fetch takes back from the journal each record whose file
    holds exactly the bytes it names (`recover`)."""

    def __init__(self, state_path: Path):
        self.path = state_path.with_name(f".{state_path.name}.journal")  # hidden, as the state's temporary file
        self._file = None

    def note(self, key: str, record: ItemState) -> None:
        if self._file is None:
            self._file = open(self.path, "a", encoding="utf-8", buffering=1)  # (a line at a time: a kill loses none)
        self._file.write(json.dumps({"key": key, "item": _compact(record)}, sort_keys=True) + "\n")

    def recover(self, state: State, content: Path) -> None:
        """The records of what a killed fetch did that are so on disk, put in `state`: a file written with those
        very bytes, or one deleted (expired) that is gone."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):  # (none: the last fetch ended)
            return
        for line in lines:
            try:
                told = json.loads(line)
                key, record = told["key"], _item(told["key"], told["item"])
            except (ValueError, TypeError, KeyError, AttributeError):  # (the line a kill cut short)
                continue
            if record.file:
                try:
                    done = hashlib.sha256((content / record.file).read_bytes()).hexdigest() == record.sha256
                except OSError:
                    done = False
            else:
                before = state.items.get(key)
                done = bool(before and before.file) and not (content / before.file).is_file()
            if done:
                state.items[key] = record

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def remove(self) -> None:
        """Once the state holds what the journal says: it is done with."""
        self.close()
        self.path.unlink(missing_ok=True)
