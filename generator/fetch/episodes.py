"""What a podcast feed says of an episode besides its file: its number and season, its kind (Apple's
itunes:episode, itunes:season, itunes:episodeType, which feedparser keeps as `itunes_episode` ...), its chapters and
transcript (Podcasting 2.0's podcast:chapters and podcast:transcript, which feedparser keeps under the prefix the
feed gave their namespace: `podcast_chapters`, one transcript, its last); and the same from newsdesk's JSON Feed
extension, `_newsdesk: {podcast: {...}}`. Each value is read by the one rule the build reads it by
(generator/podcasts.py), so what one newsdesk writes another reads back as it was."""

from __future__ import annotations

from typing import Callable

from generator import podcasts
from generator.fetch.feed import Episode

NAMESPACE = "https://podcastindex.org/namespace/1.0"


def prefix_of(namespaces: dict) -> str:
    """The prefix a feed gives Podcasting 2.0's namespace (feedparser's `namespaces`), `podcast` when it gives none."""
    return next((prefix for prefix, uri in (namespaces or {}).items() if uri == NAMESPACE and prefix), "podcast")


def feed_episode(entry, prefix: str, link: Callable[[str], str]) -> Episode | None:
    """An RSS or Atom entry's episode facts (`link`: its addresses made absolute and safe), or None."""
    return _episode(entry.get("itunes_episode"), entry.get("itunes_season"), entry.get("itunes_episodetype"),
                    _linked(entry.get(f"{prefix}_chapters"), link), _linked(entry.get(f"{prefix}_transcript"), link))


def json_episode(said: dict, link: Callable[[str], str]) -> Episode | None:
    """A JSON Feed item's episode facts from newsdesk's extension (`_newsdesk: {podcast: {...}}`), or None."""
    return _episode(said.get("episode"), said.get("season"), said.get("episodeType"),
                    _linked(said.get("chapters"), link), _linked(said.get("transcript"), link))


def _linked(value, link: Callable[[str], str]) -> dict | None:
    if not isinstance(value, dict):
        return None
    address = link(value.get("url"))
    return {"url": address, "type": value.get("type")} if address else None


def _episode(number, season, kind, chapters, transcript) -> Episode | None:
    kind = podcasts.episode_type(kind)
    found = Episode(podcasts.number(number), podcasts.number(season), "" if kind == "full" else kind,
                    podcasts.chapters(chapters) if chapters else ("", ""),
                    podcasts.transcript(transcript) if transcript else ("", ""))
    return found if found != Episode() else None
