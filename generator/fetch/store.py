"""Fetched entries -> files in the content folder, and the state's record of each file.

The rule that keeps a user's work: fetch only ever rewrites or deletes a file whose bytes are exactly the
bytes it wrote last (their SHA-256 is in the state file). A file edited by hand, or by another tool, is
left as it is from then on; a file deleted by hand is not fetched again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import yaml

from generator.config.values import TopicConfig
from generator.fetch.items import (MAX_BODY_BYTES, Facts, alias, file_name, from_the_future, hash_of, heat_at,
                                   identities, is_empty, item_text, matched_topics, published_of, title_of,
                                   utc_stamp)
from generator.fetch.feed import Entry, Feed
from generator.fetch.sources import Source
from generator.fetch.state import ItemState, Journal, State
from generator.isotime import parse_iso
from generator.urlnorm import canonical_url

FIRST_SEEN = b"\nfirstSeenDateTime: "  # (in the files of a newsdesk since READING 12)
# (the entry changed, or how this newsdesk reads it: fetch cannot tell which)
EDITED = ("edited by hand, left as it is, though fetch would now write it otherwise: to take that, delete the file "
          "and its entry under `items` in the state file")
CUT = f"its text is longer than {MAX_BODY_BYTES // (1024 * 1024)} MiB: written up to there (the rest is on its page)"


@dataclass(frozen=True)
class Applied:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: tuple[str, ...] = ()


class Store:
    """The content folder's fetched files and their records in the state; used from one thread."""

    def __init__(self, content: Path, folder: str, state: State, topics: tuple[TopicConfig, ...],
                 sources: tuple[Source, ...], journal: Journal, language: str = ""):
        self.content = content
        self.journal = journal  # each file written or deleted is said in it first
        self.folder = folder.strip("/")
        self.language = language  # (the site's: new files' names are as its pages' addresses write the words)
        self.state = state
        self.topics = topics
        self.listed = {source.url for source in sources}
        self.by_hash = self._files_by_hash()
        # (source, alias) -> the key of the record keeping that alias (checked when used: records move)
        self.by_alias = {(record.source, record.alias): key for key, record in sorted(state.items.items())
                         if record.alias}
        # the key a record written under an earlier newsdesk's URL rules has now -> that key: a link's parameter
        # that canonical_url came to drop (`?CMP=`) must not make its entry a new item (only keys with a query)
        self.by_rule = {now: key for key in sorted(state.items) if "?" in key and " " not in key
                        for now in (canonical_url(key),) if now != key}

    def _files_by_hash(self) -> dict[str, str]:
        """Fetched files on disk by the identity hash their names end with: with a lost state file, fetch
        still finds an entry's file (and leaves it alone unless it holds exactly what fetch would write)."""
        found = {}
        base = self.content / self.folder
        for path in sorted(base.glob("*/*.md")) if base.is_dir() else ():
            tail = path.stem.rsplit("-", 1)[-1]
            if len(tail) == 12:
                found.setdefault(tail, path.relative_to(self.content).as_posix())
        return found

    def apply(self, source: Source, feed: Feed, now: datetime) -> Applied:
        new = updated = unchanged = future = 0
        keys, replaced, notes = identities(feed.entries, source)
        key_of = {id(entry): key for entry, key in zip(feed.entries, keys)}
        every = set(keys)
        if replaced:
            self._adopt(source, feed, keys, replaced)
        seen: set[str] = set()
        repeats: dict[str, list] = {}  # (a key listed again: its title, and how often the feed lists it)
        # (left out before the newest are chosen: they neither take a place of max_items nor lower a heat)
        entries = tuple(entry for entry in feed.entries if not is_empty(entry))
        empty = len(feed.entries) - len(entries)
        if source.only_topics:
            kept = tuple(entry for entry in entries if matched_topics(entry, self.topics, self.language))
            if len(kept) < len(entries):
                notes.append(f"{len(entries) - len(kept)} entr{'y' if len(entries) - len(kept) == 1 else 'ies'} "
                             f"of no declared topic: left out (`only_topics`)")
            entries = kept
        for position, entry in newest(entries, source.max_items):
            key = key_of[id(entry)]
            if key in seen:
                repeats.setdefault(key, [entry.title or key, 1])[1] += 1
                continue
            seen.add(key)
            other = alias(entry, source) if entry.guid else ""
            other = "" if other == key else other  # what the record keeps to find it by, should its key change
            record = self.state.items.get(key) or self._renamed(key, other, source, every)
            if record and record.alias != other and record.source == source.url:
                record = self.state.items[key] = replace(record, alias=other)
                if other:
                    self.by_alias[(source.url, other)] = key
            if record and record.source != source.url and record.source in self.listed:
                if source.url not in record.others.split("\n"):  # (should that one drop it, this one has it)
                    others = "\n".join(filter(None, (record.others, source.url)))
                    self.state.items[key] = replace(record, others=others)
                unchanged += 1  # another listed source carried it first and keeps it
                continue
            if record and not record.file:
                unchanged += 1  # deleted by hand or expired: not fetched again
                continue
            facts = Facts(parse_iso(record.first_seen) if record else now,
                          record.heat if record else heat_at(position))
            text, cut = item_text(entry, source, feed, facts, self.topics, self.language)
            text = text.encode("utf-8")
            digest = hashlib.sha256(text).hexdigest()
            date = published_of(entry, facts)
            if record:
                path = self.content / record.file
                try:
                    current = path.read_bytes()
                except FileNotFoundError:
                    self.state.items[key] = replace(record, file="", sha256="")
                    notes.append(f"{record.file}: deleted by hand; not fetched again")
                    unchanged += 1
                    continue
                if hashlib.sha256(current).hexdigest() != record.sha256:
                    if digest != record.sha256:
                        notes.append(f"{record.file}: {EDITED}")
                    unchanged += 1
                    continue
                if FIRST_SEEN not in current and entry.published and entry.published < facts.first_seen:
                    # (written before items said when they were first seen, when a story's id came from its member
                    # published first: counted as seen then, so that the upgrade moves no id)
                    facts = replace(facts, first_seen=entry.published)
                    text = item_text(entry, source, feed, facts, self.topics, self.language)[0].encode("utf-8")
                    digest = hashlib.sha256(text).hexdigest()
                    record = replace(record, first_seen=facts.first_seen.isoformat())
                if current == text and record.source == source.url:
                    unchanged += 1
                    continue
                record = replace(record, source=source.url, sha256=digest, date=date,
                                 others=_without(record.others, source.url))
                if current != text:
                    self._write(key, record, path, text)
                    updated += 1
                    if cut:
                        notes.append(f"{record.file}: {CUT}")
                else:
                    unchanged += 1
                self.state.items[key] = record
                continue
            name = self.by_hash.get(hash_of(key)) or file_name(self.folder, source, key, title_of(entry), self.language)
            path = self.content / name
            record = ItemState(source=source.url, file=name, sha256=digest, first_seen=facts.first_seen.isoformat(),
                               date=date, heat=facts.heat, alias=other)
            if path.exists():
                if path.read_bytes() != text:
                    notes.append(f"{name}: already there, and not written by fetch as far as its state file "
                                 f"knows; left as it is")
                    unchanged += 1
                    continue
                unchanged += 1  # what fetch would write, e.g. after the state file was lost: adopt it
            else:
                self._write(key, record, path, text)
                new += 1
                future += from_the_future(entry, facts)
                if cut:
                    notes.append(f"{name}: {CUT}")
            self.by_hash[hash_of(key)] = name
            self.state.items[key] = record
            if other:
                self.by_alias[(source.url, other)] = key
        for title, times in repeats.values():  # (one note an entry, however often it is repeated)
            notes.append(f"{title!r}: the feed lists this entry {'twice' if times == 2 else f'{times} times'}; "
                         "the first is kept")
        if empty:
            notes.append(f"{empty} entr{'y' if empty == 1 else 'ies'} with no title, link or text: left out")
        if future:
            notes.append(f"{future} new entr{'y is' if future == 1 else 'ies are'} dated after this fetch (the feed's "
                         f"clock or time zone is wrong): dated when fetched instead")
        # Tombstones are needed while a feed lists their entries: one that only this feed's dropped goes to the next
        # listed source that carries it too, or, with none, away.
        for key, record in list(self.state.items.items()):
            if key in every or not (record.source == source.url or source.url in record.others.split("\n")):
                continue
            others = [url for url in record.others.split("\n") if url and url != source.url and url in self.listed]
            if record.source != source.url:
                self.state.items[key] = replace(record, others="\n".join(others))
            elif record.file:
                continue
            elif others:
                self.state.items[key] = replace(record, source=others[0], others="\n".join(others[1:]))
            else:
                del self.state.items[key]
        return Applied(new, updated, unchanged, tuple(notes))

    def _renamed(self, key: str, other: str, source: Source, listed: set[str]) -> ItemState | None:
        """The record of an entry whose identity changed since it was written, moved to `key`: its guid came to be
        shared with other entries (it is known by its link now, which its record keeps as its `alias`), stopped
        being shared, was added or dropped by the feed, or, being no URL, is scoped by a `domain` the source was given
        since. Each of these would otherwise write the entry again as
        a new item: a copy of its file, or one deleted by hand back again. Only this source's records move, and
        only those no entry of the feed is known by now; but for a link's key written under an earlier newsdesk's
        rules of canonical_url (by_rule), which names the same page whichever source carried it."""
        found = ""
        if other and other not in listed:
            record = self.state.items.get(other)  # written under its link: its guid was shared, or had none
            found = other if record and record.source == source.url else ""
        # by the alias its record keeps: its key, else its guid (an id of the source's site) under a `domain:`
        # given since
        for name in (key, other) if other else (key,):
            if not found:
                old = self.by_alias.get((source.url, name), "")
                record = self.state.items.get(old)
                found = old if record and record.alias == name and record.source == source.url and old not in listed \
                    else ""
        if not found:
            old = self.by_rule.get(key) or self.by_rule.get(other, "")  # (its link's key: a guid added since)
            record = self.state.items.get(old)
            found = old if record and old not in listed else ""  # (the page's key, whichever source carried it)
        if not found:
            return None
        record = self.state.items.pop(found)
        self.state.items[key] = record
        return record

    def _adopt(self, source: Source, feed: Feed, keys: list[str], replaced: dict[str, str]) -> None:
        """The items written under a guid their feed now gives several entries (identities): each is moved to
        the identity of the entry it was written from (by the link, else the title, in its file), so that it is
        updated in place rather than written again as a new item. (One deleted by hand left no file to tell
        which entry it was.)"""
        for old, guid in replaced.items():
            record = self.state.items.get(old)
            if not record or record.source != source.url or not record.file:
                continue
            try:
                meta = yaml.safe_load((self.content / record.file).read_text(encoding="utf-8").split("---\n", 2)[1])
            except (OSError, UnicodeDecodeError, IndexError, yaml.YAMLError):
                continue
            if not isinstance(meta, dict):
                continue
            link, title = meta.get("originalUrl"), meta.get("title")
            for entry, key in zip(feed.entries, keys):
                if entry.guid == guid and (entry.link == link if link else not entry.link and title_of(entry) == title):
                    if key not in self.state.items:
                        self.state.items[key] = record
                        del self.state.items[old]
                    break

    def forget_unlisted(self) -> int:
        """Drop what the state keeps of sources config.yaml no longer lists: their feeds' records, and the
        tombstones (the records of deleted files) that no listed source carries. A tombstone is needed only
        while a feed lists its entry, and a removed source's were otherwise kept for ever. A record whose file
        is gone is one too: a file deleted by hand is seen as deleted only when its feed is read again, which a
        removed source's never is. Records with a file stay: the file is fetch's, to update should a source
        carry the entry again, or to expire. Returns how many tombstones went."""
        for url in [url for url in self.state.feeds if url not in self.listed]:
            del self.state.feeds[url]
        gone = 0
        for key, record in list(self.state.items.items()):
            if record.source in self.listed or (record.file and (self.content / record.file).is_file()):
                continue
            others = [url for url in record.others.split("\n") if url in self.listed]
            if others:
                self.state.items[key] = replace(record, source=others[0], others="\n".join(others[1:]))
            else:
                del self.state.items[key]
                gone += 1
        return gone

    def expire(self, cutoff: datetime) -> tuple[int, list[str]]:
        """Delete the fetched files published before `cutoff` that nobody edited; return how many, and notes."""
        expired, kept = 0, []
        stamp = utc_stamp(cutoff)
        for key, record in sorted(self.state.items.items()):
            if not record.file or not record.date or record.date >= stamp:
                continue
            path = self.content / record.file
            try:
                current = path.read_bytes()
            except FileNotFoundError:
                self.state.items[key] = replace(record, file="", sha256="")
                continue
            if hashlib.sha256(current).hexdigest() != record.sha256:
                kept.append(record.file)
                continue
            self.state.items[key] = replace(record, file="", sha256="")
            self.journal.note(key, self.state.items[key])
            path.unlink()
            expired += 1
        notes = [f"{name}: older than fetch.keep_days, but edited by hand: kept" for name in kept]
        return expired, notes

    def _write(self, key: str, record: ItemState, path: Path, data: bytes) -> None:
        self.journal.note(key, record)  # (first: a fetch killed after the write knows the file for its own)
        _write(path, data)


def newest(entries: tuple[Entry, ...], most: int) -> list[tuple[int, Entry]]:
    """The `most` newest entries (0: all), in the feed's order, each with its place from the feed's newest
    end (its default heat). Most feeds list their newest first; one that lists its oldest first (every entry
    dated, its first older than its last) is counted from its end, or its newest entry would get the least
    heat, and, longer than `most`, it would never show a new entry. Without a date on every entry, the
    feed's order is all there is: the first."""
    dated = all(entry.published is not None for entry in entries)
    oldest_first = dated and len(entries) > 1 and entries[0].published < entries[-1].published
    numbered = [(len(entries) - 1 - place if oldest_first else place, entry) for place, entry in enumerate(entries)]
    if not most or len(numbered) <= most:
        return numbered
    if not dated:
        return numbered[:most]
    kept = sorted(enumerate(numbered), key=lambda pair: pair[1][1].published, reverse=True)[:most]  # stable
    return [pair for _, pair in sorted(kept, key=lambda pair: pair[0])]


def _without(others: str, url: str) -> str:
    return "\n".join(other for other in others.split("\n") if other and other != url)


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: serve's watcher and a build running alongside never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")  # hidden: the build skips it
    temporary.write_bytes(data)
    os.replace(temporary, path)
