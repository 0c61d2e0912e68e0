"""What a feed is read into (parse.py): the frozen Feed, its Entry values with their Image and Media, and
NotAFeed, the error of bytes that are no feed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from generator.fetch.bounds import Cuts
from generator.fetch.relative_dates import Relative


@dataclass(frozen=True)
class Image:
    url: str
    width: int | None = None
    height: int | None = None
    # what it shows, the caption under it and whose it is, as the feed gives them (Media RSS's media:title,
    # media:description and media:credit: picture_words.py; newsdesk's JSON Feed extension), plain text, or ""
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Media:
    """An episode's or a video's own file (an RSS enclosure, media:content, a JSON Feed attachment)."""
    url: str
    kind: str  # "audio" or "video"
    seconds: int | None = None  # its length (itunes:duration, media:content's duration, duration_in_seconds)
    size: int | None = None  # bytes, as the feed gives them


@dataclass(frozen=True)
class Episode:
    """What a podcast's feed says of one episode besides its file (Apple's and Podcasting 2.0's tags: episodes.py)."""
    number: int = 0  # itunes:episode, from 1; 0: none
    season: int = 0  # itunes:season, from 1; 0: none
    kind: str = ""  # itunes:episodeType when `trailer` or `bonus` ("": a full episode, Apple's default)
    chapters: tuple[str, str] = ("", "")  # podcast:chapters' (http(s) address, media type), or ("", "")
    transcript: tuple[str, str] = ("", "")  # podcast:transcript's, or ("", "")


@dataclass(frozen=True)
class Download:
    """A file to download that an entry carries (an enclosure of another kind than a picture, a sound or a video:
    a PDF, an installer), with its size and price (Media RSS's media:price) as the feed gives them."""
    url: str
    size: int | None = None
    price: float | None = None
    currency: str = ""


@dataclass(frozen=True)
class Entry:
    guid: str
    link: str  # absolute http(s), or ""
    title: str  # as the feed gives it: HTML when title_html, else plain text
    title_html: bool
    summary: str  # HTML
    content: str  # HTML, the full text when the feed carries it
    published: datetime | None  # UTC (a day written alone: an isotime.Day in the site's zone); published, else updated
    categories: tuple[str, ...]
    images: tuple[Image, ...]
    player: str  # a video player's URL (media:player, YouTube's yt:videoId)
    media: Media | None = None  # the first audio or video file it carries
    # the length of the video that its site's player plays (`player`), as the player's media:content gives it
    seconds: int | None = None
    podcast: bool = False  # an episode of a podcast (iTunes tags), rather than any audio
    # whether it is explicit, as its itunes:explicit (else its channel's) says (generator/fetch/explicit.py), else None
    explicit: bool | None = None
    episode: Episode | None = None  # its number, season, kind, chapters and transcript, when it says any
    download: Download | None = None  # the first file of another kind it carries, when it plays none
    # Who published it, when the feed carries others' entries (RSS and Atom <source>: Google News, a reader's
    # shared items): the publisher's name and site, else ""
    origin: str = ""
    origin_link: str = ""
    # The page where the entry is discussed, when its link is another site's story that it only points to
    # (Reddit's "submitted by ... [link] [comments]"): the story is `link`, else ""
    discussion: str = ""
    # Who wrote it, as plain text (RSS <author> and dc:creator, Atom <author>, JSON Feed authors): names only,
    # several joined with ", "; never an e-mail address
    author: str = ""
    # What was left out of it, for the user: its file's length or size that is none (`-5`, `soon`), shown; and
    # how many of its addresses have another scheme than http(s)
    odd_values: tuple[str, ...] = ()
    unsafe_urls: int = 0
    # Its date as written when it is left undated (dated when first fetched) as its day and month are both numbers,
    # which writers put in either order, and the site's language does not say which (`05/12/2026` on an `en` site)
    either_order: str = ""
    # The language it says it is in itself (Atom's `xml:lang` on it, its title or its text; RSS's `dc:language` in
    # it; a JSON Feed 1.1 item's `language`), a language code, else ""
    language: str = ""
    # The time of day its date gives alone, without a date (`21:30`, `9:30 PM`), in the site's zone (its tzinfo),
    # when it has no date: items.published_at dates it by the fetch that first saw it
    clock: time | None = None
    # Its date as written relative to when the feed is read (`вчера в 18:45`, `2 часа назад`), when it has no
    # other: items.published_at reads it from the fetch that first saw it
    relative: Relative | None = None


@dataclass(frozen=True)
class Feed:
    title: str  # as the feed gives it: HTML when title_html, else plain text
    link: str  # the site's home page, if the feed names it
    entries: tuple[Entry, ...]
    title_html: bool = False
    unsafe_urls: int = 0  # addresses left out for their scheme (`javascript:`, `data:`...): the user is told
    # entries whose date was refused (two time zones that disagree, another calendar: isotime.checked), dated
    # when first fetched instead: the user is told
    refused_dates: int = 0
    cuts: Cuts = Cuts()  # what a hostile feed repeats beyond what feedparser reads in time (bounds.py): told too
    language: str = ""  # the language the feed says it is in, when its dates were read by it (Dates.declare)


CHECK = "open the URL in a browser: is it the feed's?"


class NotAFeed(ValueError):
    """The bytes are no feed newsdesk can read; the message says what was found."""
