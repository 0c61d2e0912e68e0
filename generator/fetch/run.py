"""`fetch()`: one `newsdesk fetch`, knowing nothing of the command line.

Downloads run on `fetch.concurrency` threads, parsing in child processes with a time limit (workers.py), and
the results are written in the order config.yaml lists the sources, so which source keeps an entry that two
of them carry does not depend on which answered first.
"""

from __future__ import annotations

import os
import shlex
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from generator import __version__
from generator.config.lines import config_node, key_line
from generator.config.values import Config, TopicConfig
from generator.errors import ConfigError, Problem
from generator.fetch.bounds import MAX_ATTRIBUTES, MAX_CATEGORIES
from generator.fetch.http import Client, Response, Settings
from generator.fetch.items import item_settings, title_of
from generator.fetch.feed import Feed
from generator.fetch.sources import Source, declared_topics, read_sources
from generator.fetch.state import FeedState, Journal, State, load_state, save_state
from generator.fetch.store import Store
from generator.fetch.workers import Parsers
from generator.isotime import month_first
from generator.site.notes import shown as quoted  # (`shown` names the state file below)


@dataclass(frozen=True)
class SourceResult:
    source: Source
    status: str  # "fetched", "not_modified" or "failed"
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    message: str = ""  # why it failed
    notes: tuple[str, ...] = ()  # what the user should know even so: moved, duplicates, edited files


@dataclass(frozen=True)
class FetchReport:
    results: tuple[SourceResult, ...]
    expired: int = 0
    notes: tuple[str, ...] = ()
    state_written: bool = False

    def count(self, field: str) -> int:
        return sum(getattr(result, field) for result in self.results)

    @property
    def failed(self) -> tuple[SourceResult, ...]:
        return tuple(result for result in self.results if result.status == "failed")

    def summary(self) -> str:
        expired = f", {self.expired} expired" if self.expired else ""
        sources = "1 source" if len(self.results) == 1 else f"{len(self.results)} sources"
        resting = sum(result.status == "not_modified" for result in self.results)
        if resting:  # (else a fetch of feeds that all answered 304 reads as one that read nothing)
            sources += f" ({resting} not modified since the last fetch)"
        return (f"{sources}, {self.count('new')} new, {self.count('updated')} updated, "
                f"{self.count('unchanged')} unchanged, {len(self.failed)} failed{expired}")


def settings_of(config: Config) -> Settings:
    options = config.fetch
    agent = options.user_agent or f"newsdesk/{__version__} (+{config.base_url})"
    return Settings(timeout=options.timeout, retries=options.retries, backoff=options.backoff,
                    max_wait=options.max_wait, max_bytes=options.max_bytes, user_agent=agent)


def fetch(config: Config, now: datetime, progress: Callable[[str, int, int], None] | None = None, *,
          configured: Config | None = None) -> FetchReport:
    """Fetch every source into the content folder; bad sources are reported, never raised (a bad config
    or state file is: ConfigError). `configured` is the config before --content and --state changed it:
    a state file that names no content folder (an older newsdesk's) is that config's."""
    topics = declared_topics(config)
    sources = read_sources(config, topics)
    state_path = config.root / config.fetch.state_file
    if not state_path.parent.is_dir():  # (said before fetching: the items written, then no state to know them by)
        raise ConfigError(_no_state_folder(config))
    state = load_state(state_path, config.fetch.state_file)
    _check_folder(state, config, configured or config)
    journal = Journal(state_path)
    journal.recover(state, config.content_path)  # (what a fetch killed before it saved the state wrote)
    store = Store(config.content_path, config.fetch.folder, state, topics, sources, journal, config.language)
    results: list[SourceResult] = []
    with Client(settings_of(config)) as client, ThreadPoolExecutor(config.fetch.concurrency) as pool, \
            Parsers(config.fetch.parse_timeout) as parser:
        asked = [(source, state.feed(source.url)) for source in sources]
        futures = [None if feed.gone_since else pool.submit(_download, client, parser, feed.moved_to or source.url,
                                                             *_validators(feed, source, topics, config), config,
                                                             source.language)
                   for source, feed in asked]
        try:
            for done, ((source, feed), future) in enumerate(zip(asked, futures), 1):
                if future is None:
                    results.append(SourceResult(source, "failed", message=f"gone since {feed.gone_since} (HTTP 410); "
                                                f"remove it from {source.where}"))
                else:
                    results.append(_record(store, source, *future.result(), now, config))
                if progress:
                    progress("Fetching", done, len(sources))
        finally:  # stopped half way (Ctrl-C): what was written is remembered, so it is not taken for hand edits
            for future in futures:
                if future is not None:
                    future.cancel()
            notes: list[str] = list(state.notes)
            expired = 0
            if len(results) == len(sources):  # (not after Ctrl-C: a run stopped half way removes nothing)
                store.forget_unlisted()
                if config.fetch.keep_days:
                    expired, kept = store.expire(now - timedelta(days=config.fetch.keep_days))
                    notes += kept
            try:
                written = save_state(state, state_path)
            finally:  # (the handle either way; the file only once the state holds it, for the next fetch)
                journal.close()
            journal.remove()
    return FetchReport(tuple(results), expired, tuple(notes), written)


def _no_state_folder(config: Config) -> Problem:
    """The state file's folder is not there: said where the file was named (--state, or config.yaml's line),
    with the command that makes it from where fetch was run."""
    def from_here(path: str) -> str:  # (an absolute one as given)
        return path if os.path.isabs(path) else os.path.relpath(config.root / path)

    name = config.fetch.state_file
    folder = os.path.dirname(name.rstrip("/"))
    create = f"create it first (`mkdir -p {shlex.quote(from_here(folder))}`), or "
    if "fetch.state_file" in config.from_options:
        return Problem("--state", None, f"there is no folder {from_here(folder)}/ to keep the fetch state in",
                       create + "give --state a file in a folder that is there")
    line = key_line(config_node(config.root / config.path), "fetch.state_file")
    return Problem(config.path, line, f"there is no folder {folder}/ to keep the fetch state in (`fetch.state_file`: "
                   f"{name})", create + "correct `fetch.state_file` to a file in a folder that is there")


def folder_name(config: Config) -> str:
    """The content folder as the state file names it: relative to the site root, with forward slashes."""
    return Path(os.path.relpath(config.content_path.resolve(), config.root.resolve())).as_posix()


def _check_folder(state: State, config: Config, configured: Config) -> None:
    """Refuse a state file that is another content folder's: its records name files in that folder, so
    in this one fetch would take each of them for deleted by hand and never fetch those entries again."""
    here = folder_name(config)
    if state.content:
        theirs, line = state.content, state.content_line
    elif state.items and config.fetch.state_file == configured.fetch.state_file:
        theirs, line = folder_name(configured), None  # an older newsdesk's state, of content_dir
    else:
        theirs, line = here, None  # a new state (or one given with --state) starts with this folder
    if theirs != here and not state.items:
        # (nothing written there to lose, as after a first fetch that failed: the folder is this one from now on,
        # and every feed is read whole, as its validators say what that folder got)
        for url in list(state.feeds):
            state.set_feed(url, etag="", last_modified="")
    elif theirs != here:
        shown = config.fetch.state_file
        raise ConfigError(Problem(
            shown, line, f"this fetch state is of the content folder {theirs}/, not {here}/: its records name the "
                         f"files fetch wrote there, and in {here}/ it would take each of them for deleted by hand",
            f"fetch into {theirs}/ (leave out --content), or give {here}/ a state file of its own: "
            f"`newsdesk fetch --content {os.path.relpath(config.content_path)} --state "
            f"{os.path.relpath(config.root / (Path(here).name + '-fetch-state.json'))}` (a new file starts "
            f"empty); if you moved the content folder to {here}/, change `content` in {shown} to \"{here}\""))
    state.content = here


def _validators(feed: FeedState, source: Source, topics: tuple[TopicConfig, ...], config: Config) -> tuple[str, str]:
    """The ETag and Last-Modified to send: none when the source's items were written with other settings
    (its name, its topics, the site's language...), so that the whole feed is read and its items written anew."""
    if feed.settings != item_settings(source, topics, config.language, config.timezone):
        return "", ""
    return feed.etag, feed.last_modified


_NAMED = 3  # entries a note names; the others it counts


def _named(entry) -> str:
    """An entry as a note names it: its title as a reader sees it (items.title_of), cut."""
    title = title_of(entry)
    return f"“{title if len(title) <= 60 else title[:59] + '…'}”"


def _read_by(source: Source, feed: Feed, config: Config) -> str:
    """Whose language a feed's dates were read by, as a note names it."""
    if source.language:
        return f"its source's `language` ({source.language})"
    if feed.language:
        return f"the language the feed says it is in ({feed.language})"
    return f"the site's `language` ({config.language})" if config.language else "a site without a `language`"


def _unordered_why(source: Source, feed: Feed, config: Config) -> str:
    """Why a feed's date of numbers (`25/12/2026`) was no date, and what to do, as a note says it: a feed said to
    write the month first with slashes (feed_dates.Dates) whose date is none so (no such month, or dashes), else one
    whose language does not write such a date day first."""
    if month_first(source.language or feed.language):  # (not read the other way round: the order is in doubt)
        return (f"{_read_by(source, feed, config)} writes the month first with slashes, and these are no such date "
                f"(no month has the first number, or dashes part them). If this feed writes the day first, its other "
                f"such dates were read the wrong way round: give its source the language it is in, "
                f"`language: en-GB` (fr, es...)")
    return (f"{_read_by(source, feed, config)} does not write such a date day first. If this feed does, give its "
            f"source the language it is in, `language: fr` (es, en-GB...; `en-US` if it writes the month first)")


def _entries_named(entries: list, template: str) -> str:
    if not entries:
        return ""
    named = ", ".join(map(_named, entries[:_NAMED]))
    return template.format(named + (f" and {len(entries) - _NAMED} more" if len(entries) > _NAMED else ""))


def _download(client: Client, parser: Parsers, url: str, etag: str, last_modified: str, config: Config,
              language: str) -> tuple[Response, Feed | None, str]:
    """On a worker thread: the answer and, for a feed that changed, its entries (or why it cannot be read), their
    dates read by the site's time zone and language, as the build reads an item's (`language`: the source's,
    read by instead)."""
    response = client.get(url, etag, last_modified)
    if response.status != "ok":
        return response, None, ""
    return (response, *parser.read(response.body, response.url, response.content_type, client.settings.max_bytes,
                                    config.zone, config.language, language))


def _record(store: Store, source: Source, response: Response, feed: Feed | None, problem: str,
            now: datetime, config: Config) -> SourceResult:
    """On the main thread: the state's notes on the feed, the files, and what to tell the user."""
    state = store.state
    notes: list[str] = []
    if response.moved_to and response.moved_to != state.feed(source.url).moved_to:
        state.set_feed(source.url, moved_to=response.moved_to, etag="", last_modified="")
    if state.feed(source.url).moved_to:
        notes.append(f"moved permanently to {state.feed(source.url).moved_to} (HTTP 301): fetch reads it there "
                     f"from now on; change the URL in {source.where}")
    if response.status == "gone":
        state.set_feed(source.url, gone_since=now.strftime("%Y-%m-%d"), etag="", last_modified="")
        return SourceResult(source, "failed", message=f"{response.message}; not asked again: remove it from "
                                                      f"{source.where}", notes=tuple(notes))
    if response.status == "failed" or problem:
        return SourceResult(source, "failed", message=problem or response.message, notes=tuple(notes))
    if response.status == "not_modified":
        return SourceResult(source, "not_modified", notes=tuple(notes))
    applied = store.apply(source, feed, now)
    state.set_feed(source.url, etag=response.etag, last_modified=response.last_modified,
                   settings=item_settings(source, store.topics, config.language, config.timezone))
    if feed.refused_dates:  # (the entries are kept, dated when first fetched)
        notes.append(f"{feed.refused_dates} entr{'y' if feed.refused_dates == 1 else 'ies'} with a date that names two "
                     f"time zones that disagree, or that is in another calendar than the Gregorian: dated when first "
                     f"fetched instead; ask the feed's publisher to fix its dates")
    if unordered := [entry for entry in feed.entries if entry.either_order]:  # (kept, dated when first fetched)
        notes.append(f"{len(unordered)} entr{'y' if len(unordered) == 1 else 'ies'} with a date whose day and month "
                     f"are both numbers, which writers put in either order: "
                     + "; ".join(f"{_named(entry)}: {quoted(entry.either_order)}" for entry in unordered[:_NAMED])
                     + (f"; and {len(unordered) - _NAMED} more" if len(unordered) > _NAMED else "")
                     + f": dated when first fetched instead, as {_unordered_why(source, feed, config)}, in "
                       f"{source.where}; else ask the feed's publisher for dates such as Sat, 05 Dec 2026 10:00:00 GMT")
    if feed.cuts:  # (the entries are kept, with what a reader can use of them)
        cut = [f"{count} {what} beyond {whose} first {most}" for count, what, whose, most in (
            (feed.cuts.categories, "categories (or keywords)", "an entry's", MAX_CATEGORIES),
            (feed.cuts.attributes, "attributes", "an element's", MAX_ATTRIBUTES)) if count]
        notes.append(f"{' and '.join(cut)}: left out, as reading so many takes minutes; the entries are kept. "
                     f"Ask the feed's publisher to list fewer, or remove the source if you do not trust it")
    if feed.unsafe_urls:  # (the entries are kept, without those links and pictures)
        notes.append(f"{feed.unsafe_urls} address{'' if feed.unsafe_urls == 1 else 'es'} of links or pictures "
                     f"that are no http or https URL (javascript:, data:...): left out"
                     + _entries_named([entry for entry in feed.entries if entry.unsafe_urls], " (in {})"))
    if odd := [entry for entry in feed.entries if entry.odd_values]:  # (kept, without that length or size)
        notes.append(f"{len(odd)} entr{'y' if len(odd) == 1 else 'ies'} with a file's length or size that is none: "
                     + "; ".join(f"{_named(entry)}: {', '.join(entry.odd_values)}" for entry in odd[:_NAMED])
                     + (f"; and {len(odd) - _NAMED} more" if len(odd) > _NAMED else "")
                     + ": left out (a length is seconds or H:MM:SS, a size bytes); "
                       "ask the feed's publisher to fix them")
    return SourceResult(source, "fetched", applied.new, applied.updated, applied.unchanged,
                        notes=tuple(notes) + applied.notes)
