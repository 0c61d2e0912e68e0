"""Feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the site, every topic and every provider.

Output paths (relative to `base_url`; `.xml` is Atom, `.rss` is RSS, `.json` is JSON Feed):

    feeds/latest.xml  feeds/latest.rss  feeds/latest.json     newest stories first
    feeds/top.xml     feeds/top.rss     feeds/top.json        the Top list (ranked)
    topics/<slug>/feed.xml|.rss|.json                         a topic, its child topics included
    providers/<slug>/feed.xml|.rss|.json                      one provider
    videos/feed.xml|.rss|.json, types/<key>/feed...           one type's list (site/types.py)

Each feed has an entry per story, as its page has a card per story: the same item (the story's lead;
on a provider's or a type's feed, the list's own item unless the lead is one), at the same place, dated as
the card: published at its item's own time, updated at the time the card shows (pages.Coverage.time: on
Latest, Top and a topic's feed the story's newest item's, so a story a new source joined is updated then).
RSS has no date of a change: its pubDate is the item's own, and an <atom:updated> gives the card's time.

Pure: Site + Rankings + Config -> FileOutputs (output path, the items
shown, and how to make the bytes). The XML is built with the standard library's ElementTree (which escapes
text and attributes), after every string has been stripped of characters XML 1.0 cannot hold, so no title or
excerpt can make a feed unparsable. Every URL is absolute, made from `base_url`.
A feed's "updated" time is its newest item's date, and an empty feed's is a fixed
one (EMPTY_UPDATED), never the build clock: an unchanged feed keeps the same bytes
from one build to the next, and a deploy with no change commits nothing.

Text and HTML: every field is plain text except RSS's <description>, which feed
readers render as HTML (RSS 2.0: "entity-encoded HTML is allowed"). Plain text is
written as the element's XML text (Atom says so with type="text"; JSON Feed's
title, summary and content_text are text by definition); a description is
HTML-escaped first, so `<script>` in an excerpt reaches the reader as text.
RSS's <title> says neither: many readers render it as HTML, and others (feedparser's)
do when it looks like HTML. A title with a would-be tag or character reference
(`Tom & Jerry <News>`, `&amp;`) is HTML-escaped too, so those readers show its text;
any other title is written as it is, which readers of plain text show too.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Callable
from urllib.parse import urlsplit

from generator import __version__, podcasts
from generator.config.values import Config
from generator.frozen import record
from generator.i18n import Words, load_words
from generator.isotime import Day
from generator.languages import primary
from generator.money import amount_text
from generator.hosts import ascii_host, readable_host
from generator.urls import ascii_url, site_url
from generator.site.grouping import item_story, story_first
from generator.site.model import Item, ProviderRef, Site
from generator.site.text import spaces_made_one
from generator.plan.pages import EarlierOutputs, FileOutput, dated_item, described, one_per_story
from generator.site.ranking import Rankings
from generator.site.types import list_path, titled

log = logging.getLogger(__name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"
# Apple's podcast tags (https://podcasters.apple.com/support/823-podcast-requirements), which podcast apps read
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# Podcasting 2.0's tags (https://podcastindex.org/namespace/1.0): an episode's chapters and transcript
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# An empty feed's Atom <updated> (required there): fixed, so that the feed of a list with no story yet
# does not change with every build. RSS leaves its optional <lastBuildDate> out instead.
EMPTY_UPDATED = datetime(1970, 1, 1, tzinfo=timezone.utc)
EXTENSIONS = {"atom": ".xml", "rss": ".rss", "json": ".json"}
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}

# XML 1.0 allows tab, newline, carriage return and most of Unicode; C1 controls are allowed
# but mean nothing in a headline and upset some readers, so they go too. What goes is written out rather than
# what stays (\t \n \r \x20-\x7e \xa0-\ud7ff \ue000-\ufffd and past \uffff): the same characters, and
# `re` makes this short class at once where it walked each of the other's.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_DOMAIN = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")
# A fixed table rather than `mimetypes`, whose answers depend on the machine's mime.types files.
_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
                ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml"}


def clean_text(text: str) -> str:
    """Text safe for any XML document: invalid characters dropped, runs of white space made one space (a run
    of no-break spaces only kept, as one: French writes one before `?` and `:`, as the item's title has it)."""
    return spaces_made_one(_NOT_XML.sub("", str(text)))


@record
class Feed:
    """One list of the site offered as a feed (written in all three formats)."""

    path: str  # output path without the extension: "feeds/latest", "topics/ai/feed"
    page: str  # the HTML page the feed follows: "latest/", "topics/ai/"
    title: str
    description: str
    items: tuple[int, ...]  # indices into Site.items, in feed order
    # "en" for a description of the theme's words alone that they show in English in a feed of another
    # language (Atom's <subtitle xml:lang>); else "": the feed's
    description_lang: str = ""
    own: bool = False  # a provider's or a type's list: each card shows its own item's time (pages.one_per_story)


@record
class _Entry:
    """An item as feeds show it: cleaned text, absolute URLs."""

    url: str  # the item's page on this site
    id: str  # a story's lead: the page of the item that gives the story its id (_id_item); else the url
    original: str  # the story on the provider's site, or ""
    title: str
    summary: str
    published: datetime
    updated: datetime  # the time its card shows (pages.dated_item): the story's newest item's, else `published`
    image: str
    image_type: str
    image_width: int | None
    image_height: int | None
    # the picture's words, as its page shows them: what it shows, the caption under it, whose it is (or "")
    image_alt: str
    image_caption: str
    image_credit: str
    # the sound or video file it plays (a podcast's episode), or a download's file (its link), or ""
    media: str
    media_type: str  # its media type, for the enclosure
    media_size: int  # its size in bytes when the item gives one, else 0
    media_seconds: int  # its length in seconds when the item gives one (Item.length_seconds), else 0
    # a video's player on its site (YouTube's, Vimeo's: Item.video_url), when it plays no file of its own; else ""
    player: str
    # a podcast's episode (type `podcast` with its file): Apple's tags, which podcast apps read, are written for it;
    # its `explicit` as they write it ("true" or "false") when the item says, else ""
    podcast: bool
    explicit: str
    # a podcast's episode's number and season (0: none), its kind (Apple's full, trailer or bonus; "" for any other
    # item), and its chapters' and transcript's (address, media type), each ("", "") when it has none
    episode: int
    season: int
    episode_type: str
    chapters: tuple[str, str]
    transcript: tuple[str, str]
    # a download's price as an offer gives it (amount and currency), for Media RSS's media:price; else ""
    price: str
    price_currency: str
    author: str  # provider name, or ""
    author_url: str  # the provider's home page (https://<domain>/, or ProviderRef.site), or ""
    writer: str  # who wrote it (the item's `author`), or "": the feeds' author then, the provider its source
    author_feed: str  # this site's RSS feed of that provider, or ""
    topics: tuple[tuple[str, str], ...]  # (slug, name)


def feed_path(kind: str, key: str = "") -> str:
    """Output path (without extension) of a feed: kind is latest, top, type, topic or provider."""
    if kind in ("latest", "top"):
        return f"feeds/{kind}"
    if kind == "type":
        return f"{list_path(key)}feed"
    return f"{'topics' if kind == 'topic' else 'providers'}/{key}/feed"


def plan_feeds(site: Site, rankings: Rankings, config: Config, kept: frozenset = frozenset()) -> list[Feed | str]:
    """Every feed of the site, in a stable order; the feed of a topic's or provider's list that `kept` names
    ((kind, slug): EarlierOutputs.kept) as its path alone (its outputs are the last plan's)."""
    size = config.feed_items
    name = clean_text(config.title) or "newsdesk"
    words = load_words(config)
    feeds = [
        Feed(feed_path("latest"), "latest/", words.t("feed_latest", site=name),
             config.description or words.t("feed_latest_description", site=name),
             (rankings.newest or rankings.latest)[:size]),
        _top_feed(rankings, config, name, words),
    ]
    for listed, order in site.type_lists if config.type_lists else ():
        listed = titled(listed, words)
        feeds.append(Feed(feed_path("type", listed.key), listed.path, f"{listed.title} · {name}",
                          words.t("feed_type_description", list=listed.title, site=name),
                          one_per_story(site, order, own=True)[:size], own=True))
    for slug, topic in site.topics.items():
        if ("topic", slug) in kept:  # (its items are the first of its pages', which are as they were)
            feeds.append(feed_path("topic", slug))
            continue
        feeds.append(Feed(feed_path("topic", slug), f"topics/{slug}/", f"{topic.name} · {name}",
                          topic.description or words.t("topic_description", topic=topic.name),
                          one_per_story(site, site.topic_items.get(slug, ()))[:size]))
    for slug, provider in site.providers.items():
        if ("provider", slug) in kept:
            feeds.append(feed_path("provider", slug))
            continue
        feeds.append(Feed(feed_path("provider", slug), f"providers/{slug}/", f"{provider.name} · {name}",
                          provider.description or words.t("feed_provider_description", provider=provider.name),
                          one_per_story(site, site.provider_items.get(slug, ()), own=True)[:size], own=True))
    return feeds


def _top_feed(rankings: Rankings, config: Config, name: str, words: Words) -> Feed:
    return Feed(feed_path("top"), "top/", words.t("feed_top", site=name), words.t("top_description"),
                rankings.top[: config.feed_items], _in_english(words, config, "top_description"))


def _in_english(words: Words, config: Config, key: str) -> str:
    """"en" when the word `key` is shown in English in a feed of another language: the site's language has no
    words (Words.speaks) or its words file lacks the key (Words.english); for a description that is the word
    alone (Top's). A text that names the site, a list, a topic or a provider ("<site>: Latest", "News about
    <topic>") holds the site's language too, and an Atom text has one language: it keeps the feed's, as the
    pages' mixed <title> and descriptions keep the document's (render/environment.py, head_lang)."""
    language = clean_text(config.language)
    if not language or primary(language) == "en":
        return ""
    return "en" if words.speaks.lower() != language.lower() or key in words.english else ""


def feed_outputs(site: Site, rankings: Rankings, config: Config,
                 earlier: EarlierOutputs | None = None) -> list[FileOutput]:
    """Every feed in every format, as outputs made only when their items changed; with `earlier`, those of the
    lists it keeps are the last plan's."""
    return _outputs(plan_feeds(site, rankings, config, earlier.kept if earlier else frozenset()), config, site,
                    earlier)


def _outputs(feeds: list[Feed | str], config: Config, site: Site,
             earlier: EarlierOutputs | None) -> list[FileOutput]:
    outputs = []
    for feed in feeds:
        if isinstance(feed, str):
            outputs += (earlier.outputs[feed + extension] for extension in EXTENSIONS.values())
            continue
        # the items that give its entries their ids and their dates read too: a feed changes with their pages'
        # paths and their times
        read = (*map(partial(_id_item, site), feed.items),
                *(dated_item(site, index, feed.own) for index in feed.items))
        others = tuple(dict.fromkeys(other for other in read if other not in feed.items))
        for kind, extension in EXTENSIONS.items():
            outputs.append(FileOutput(feed.path + extension, partial(_feed_file, feed, config, kind),
                                      feed.items + others, (feed.page, feed.title, feed.description,
                                                            feed.description_lang, feed.own)))
    return outputs


def _feed_file(feed: Feed, config: Config, kind: str, site: Site, memo: dict) -> bytes:
    shown = []
    for index in feed.items:
        item = site.items[index]
        entry = described(memo, "feed entry", item, lambda: _entry(site, config, item))
        first = _id_item(site, index)  # (neither in the memo, which is by the item alone)
        if first != index:
            entry = dataclasses.replace(entry, id=site_url(config.base_url, site.items[first].path))
        dated = dated_item(site, index, feed.own)
        if dated != index:
            entry = dataclasses.replace(entry, updated=site.items[dated].published.astimezone(timezone.utc))
        shown.append(entry)
    updated = max((e.updated for e in shown), default=None)  # None: an empty feed
    if kind == "atom":
        return _atom(feed, shown, config, updated)
    if kind == "rss":
        return _rss(feed, shown, config, updated)
    return _json_feed(feed, shown, config)


def _id_item(site: Site, index: int) -> int:
    """The item whose page is the id of the feed entry of site.items[index]: for a story's lead, the story's first
    item (grouping.story_first), so that a better write-up joining as the new lead is not a new entry; for any
    other item (a provider's or a type's feed shows its own item of a story), the item itself."""
    story = item_story(site, index)
    return story_first(site, index) if story is not None and story.lead == index else index


def _entry(site: Site, config: Config, item: Item) -> _Entry:
    base = config.base_url
    image = item.image
    image_url = site_url(base, image.url) if image else ""
    provider = site.providers.get(item.provider.slug) if item.provider else None
    download = _download_file(item)
    file = item.media_file or download
    player = item.video_url if item.type == "video" and not item.media_file else ""
    episode = item.type == "podcast" and bool(item.media_file)
    return _Entry(
        url=site_url(base, item.path),
        id=site_url(base, item.path),
        original=item.link,
        title=clean_text(item.title) or "(untitled)",
        summary=clean_text(item.excerpt),
        published=item.published.astimezone(timezone.utc),
        updated=item.published.astimezone(timezone.utc),
        image=image_url,
        image_type=image_type(image_url),
        image_width=image.width if image else None,
        image_height=image.height if image else None,
        image_alt=clean_text(image.alt or "" if image else ""),
        image_caption=clean_text(image.caption if image else ""),
        image_credit=clean_text(image.credit if image else ""),
        media=file,
        media_type=(media_type(item.media_file, item.media_kind) if item.media_file
                    else download_type(download) if download else ""),
        media_size=item.size_bytes if file else 0,
        media_seconds=item.length_seconds if item.media_file or player else 0,
        player=player,
        podcast=episode,
        explicit=_explicit(item.extra.get("explicit")) if item.type == "podcast" else "",
        episode=podcasts.number(item.extra.get("episode")) if episode else 0,
        season=podcasts.number(item.extra.get("season")) if episode else 0,
        episode_type=podcasts.episode_type(item.extra.get("episodeType")) if episode else "",
        chapters=podcasts.chapters(item.extra.get("chapters")) if episode else ("", ""),
        transcript=podcasts.transcript(item.extra.get("transcript")) if episode else ("", ""),
        price=amount_text(item.price_amount) if download and item.price_amount is not None else "",
        price_currency=clean_text(item.price_currency) if download and item.price_amount is not None else "",
        author=clean_text(provider.name if provider else item.provider.name if item.provider else ""),
        author_url=provider_home(item.provider) if item.provider else "",
        author_feed=site_url(base, feed_path("provider", item.provider.slug) + ".rss") if provider else "",
        writer=clean_text(item.author),
        topics=tuple((slug, clean_text(site.topics[slug].name)) for slug in item.topics if slug in site.topics),
    )


def domain_url(domain: str) -> str:
    """A provider's home page, from the domain an item gives (plain text: anything), an international one in
    IDNA's ASCII form (`https://xn--bcher-kva.example/`, as the browser goes there); "" when it is no host name
    (`two words`), or none a browser reads (`news.123`: hosts.readable_host)."""
    domain = ascii_host(domain)
    return f"https://{domain}/" if _DOMAIN.fullmatch(domain) and readable_host(domain) else ""


def provider_home(provider: ProviderRef) -> str:
    """The home page of an item's provider, as every output gives it: its own (a site on a port of its own, with
    its scheme and port: ProviderRef.site), else https://<domain>/; "" when it has neither."""
    return provider.site or domain_url(provider.domain)


def image_type(url: str) -> str:
    """The media type of an image URL from its extension, or "" when the URL does not say."""
    return _by_extension(url, _IMAGE_TYPES, "")


_MEDIA_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac", ".oga": "audio/ogg",
                ".ogg": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav", ".flac": "audio/flac",
                ".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime"}


def media_type(url: str, kind: str) -> str:
    """The media type of a sound or video file from its extension; else the commonest of its kind (an
    enclosure must name one)."""
    return _by_extension(url, _MEDIA_TYPES, "video/mp4" if kind == "video" else "audio/mpeg")


# A download's file by its extension (a fixed table, as _MEDIA_TYPES); any other is bytes to its readers
_DOWNLOAD_TYPES = {".pdf": "application/pdf", ".zip": "application/zip", ".epub": "application/epub+zip",
                   ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                   ".msi": "application/x-msi", ".exe": "application/vnd.microsoft.portable-executable",
                   ".dmg": "application/x-apple-diskimage", ".apk": "application/vnd.android.package-archive",
                   ".gz": "application/gzip", ".tgz": "application/gzip", ".tar": "application/x-tar",
                   ".7z": "application/x-7z-compressed"}


def download_type(url: str) -> str:
    """The media type of a download's file from its extension, else application/octet-stream (an enclosure must
    name one)."""
    return _by_extension(url, _DOWNLOAD_TYPES, "application/octet-stream")


_PAGE_ENDINGS = ("/", ".html", ".htm", ".shtml", ".xhtml", ".php", ".asp", ".aspx", ".jsp")


def _download_file(item: Item) -> str:
    """A download's file for its enclosure, or "": the file its `featuredContent` gives (beside a page, as
    `newsdesk fetch` writes a feed's enclosure), else its link (the story is the file); never what plays (that is
    `media_file`, or a player the site embeds), never a web page (a store's or a project's page as an enclosure
    would have feed readers save its HTML as the file)."""
    if item.type != "download" or item.media_file:
        return ""
    given = "" if item.embed else item.video_url
    return next((url for url in (given, item.link) if url and not _web_page(url)), "")


def _web_page(url: str) -> bool:
    """A link that names a page rather than a file: its path ends in a folder or a web page's extension."""
    path = urlsplit(url).path
    return not path or path.lower().endswith(_PAGE_ENDINGS)


def _explicit(value) -> str:
    """An item's `explicit` as Apple's itunes:explicit takes it ("true" or "false"), or "" when it does not say (a
    value of neither kind says nothing: no podcast app is told a wrong one)."""
    if isinstance(value, str):
        value = {"true": True, "yes": True, "explicit": True, "false": False, "no": False, "clean": False}.get(
            value.strip().lower())
    return {True: "true", False: "false"}.get(value, "") if isinstance(value, bool) else ""


def _by_extension(url: str, types: dict[str, str], otherwise: str) -> str:
    path = urlsplit(url).path.lower()
    return next((found for ext, found in types.items() if path.endswith(ext)), otherwise)


def html_datetime(moment: datetime) -> str:
    """A time as HTML's <time datetime> takes it (pages and search results): ISO 8601 with at most three digits
    of a second, where Python writes six (a crawler's date may have any number); a day written alone
    (isotime.Day, in the zone it is a day of) as the date alone, which HTML takes too."""
    if isinstance(moment, Day):
        return moment.date().isoformat()
    moment = whole_minute_offset(moment)
    return moment.isoformat(timespec="milliseconds" if moment.microsecond else "seconds")


def whole_minute_offset(moment: datetime) -> datetime:
    """The moment in its own zone when that zone's offset is whole minutes, else in UTC: before zones were
    standard they kept local mean time (Amsterdam +00:19:32 until 1937), an offset Python writes with its
    seconds, which neither HTML nor ISO 8601 has (and JavaScript's Date reads as no date)."""
    offset = moment.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        return moment.astimezone(timezone.utc)
    return moment


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _rfc822(moment: datetime) -> str:
    from email.utils import format_datetime  # (here: a build that writes no RSS feed, a warm one, never needs it)

    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _as_html(text: str) -> str:
    """Plain text as the HTML of an RSS <description> (ElementTree then escapes it again, as XML)."""
    return html.escape(text, quote=False)


_LOOKS_LIKE_HTML = re.compile(r"<[A-Za-z/!?]|&#?\w+;")


def _rss_title(text: str) -> str:
    """An RSS <title>: HTML-escaped when a reader taking it for HTML would read a tag or reference in it."""
    return html.escape(text, quote=False) if _LOOKS_LIKE_HTML.search(text) else text


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return (b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)
            + b"\n")


def _iri(address: str) -> str:
    """An address as Atom writes it: an IRI, as written (RSS writes ascii_url's)."""
    return address


def _extensions(parent: ET.Element, entry: _Entry, address: Callable[[str], str]) -> None:
    """What an Atom entry and an RSS item carry alike in other namespaces (Media RSS, Apple's), in one order."""
    _file(parent, entry, address)
    _price(parent, entry)
    _itunes(parent, entry, address)
    if entry.image:
        _media(parent, entry, address)


def _file(parent: ET.Element, entry: _Entry, address: Callable[[str], str]) -> None:
    """The sound or video file's length, which an enclosure has no room for: Media RSS's media:content of the
    same file (with its size), as feed readers and newsdesk fetch read it; else a video's player (media:player)."""
    if entry.media and entry.media_seconds:
        size = {"fileSize": str(entry.media_size)} if entry.media_size else {}
        _add(parent, "media:content", url=address(entry.media), type=entry.media_type,
             medium=entry.media_type.split("/")[0], duration=str(entry.media_seconds), **size)
    elif entry.player:  # (a video its site's player plays, as Vimeo's feeds and YouTube's give one: a web page)
        length = {"duration": str(entry.media_seconds)} if entry.media_seconds else {}
        content = _add(parent, "media:content", url=address(entry.player), type="text/html", **length)
        _add(content, "media:player", url=address(entry.player))


def _price(parent: ET.Element, entry: _Entry) -> None:
    """A download's price, as Media RSS's media:price gives it (newsdesk fetch reads it back as the item's offer)."""
    if entry.price:
        currency = {"currency": entry.price_currency} if entry.price_currency else {}
        _add(parent, "media:price", type="purchase", price=entry.price, **currency)


def _itunes(parent: ET.Element, entry: _Entry, address: Callable[[str], str]) -> None:
    """A podcast's episode as Apple's tags give it, which podcast apps read (the enclosure is its file): its length
    in seconds, its picture (Apple takes a JPEG or PNG), who made it (its author, else its provider, as the entry's
    author), and whether it is explicit when the item says."""
    if not entry.podcast:
        return
    if entry.media_seconds:
        _add(parent, "itunes:duration", str(entry.media_seconds))
    if entry.image and entry.image_type in ("image/jpeg", "image/png"):
        _add(parent, "itunes:image", href=address(entry.image))
    if entry.writer or entry.author:  # (as the feed's author is: a second name would read as a second author)
        _add(parent, "itunes:author", entry.writer or entry.author)
    if entry.explicit:
        _add(parent, "itunes:explicit", entry.explicit)
    if entry.episode:
        _add(parent, "itunes:episode", str(entry.episode))
    if entry.season:
        _add(parent, "itunes:season", str(entry.season))
    _add(parent, "itunes:episodeType", entry.episode_type)
    for tag, (url, kind) in (("podcast:chapters", entry.chapters), ("podcast:transcript", entry.transcript)):
        if url:
            _add(parent, tag, url=address(url), type=kind)


def _media(parent: ET.Element, entry: _Entry, address: Callable[[str], str]) -> None:
    attrs = {"url": address(entry.image), "medium": "image"}
    if entry.image_type:
        attrs["type"] = entry.image_type
    if entry.image_width and entry.image_height:
        attrs.update(width=str(entry.image_width), height=str(entry.image_height))
    content = _add(parent, "media:content", **attrs)
    # Media RSS's media:description would be the place for the alt and the caption, but feedparser reads it as
    # the entry's content (or its summary when it has none): the picture's words replaced the story's in its
    # readers. media:title leaves both alone; it has room for one of them.
    if entry.image_alt or entry.image_caption:
        _add(content, "media:title", entry.image_alt or entry.image_caption, type="plain")
    if entry.image_credit:
        _add(content, "media:credit", entry.image_credit)


def _itunes_ns(entries: list[_Entry]) -> dict[str, str]:
    """Apple's namespace, on a feed with a podcast's episode alone, and Podcasting 2.0's on one with an episode's
    chapters or transcript: the others' bytes stay as they were."""
    spaces = {"xmlns:itunes": ITUNES_NS} if any(entry.podcast for entry in entries) else {}
    if any(entry.chapters[0] or entry.transcript[0] for entry in entries):
        spaces["xmlns:podcast"] = PODCAST_NS
    return spaces


def _is_podcast(entries: list[_Entry]) -> bool:
    """Whether a feed is a podcast, which a podcast directory lists: every entry is an episode (an article feed
    with an episode in it is not)."""
    return bool(entries) and all(entry.podcast for entry in entries)


def _show(channel: ET.Element, entries: list[_Entry], config: Config) -> None:
    """An RSS channel's tags that Apple's podcast directory requires of a podcast (its picture, category, author,
    whether it is explicit, its kind), after its own title, link, description and language."""
    cover = podcasts.cover_url(config.base_url, config.podcast_image)
    if cover:
        _add(channel, "itunes:image", href=ascii_url(cover))
    main, sub = podcasts.category(config.podcast_category)
    if main:
        node = _add(channel, "itunes:category", text_=main)
        if sub:
            _add(node, "itunes:category", text_=sub)
    _add(channel, "itunes:author", clean_text(config.title) or "newsdesk")
    # (a show is explicit when any episode shown is: Apple's rule for the channel's value)
    _add(channel, "itunes:explicit", "true" if any(entry.explicit == "true" for entry in entries) else "false")
    _add(channel, "itunes:type", "episodic")  # (newest first, as every list of the site is)


def _atom(feed: Feed, entries: list[_Entry], config: Config, updated: datetime | None) -> bytes:
    base = config.base_url
    # Namespaces are written as plain attributes with literal prefixes: ElementTree's own
    # namespace registry is process-wide state, and this keeps the prefixes readable.
    # (`language: ""` declares none, as the pages' `<html lang="">` does: not English)
    language = {"xml:lang": clean_text(config.language)} if clean_text(config.language) else {}
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xmlns:media": MEDIA_NS, **_itunes_ns(entries), **language})
    _add(root, "id", site_url(base, feed.page))
    _add(root, "title", clean_text(feed.title))
    if clean_text(feed.description):
        _add(root, "subtitle", clean_text(feed.description),
             **({"xml:lang": feed.description_lang} if feed.description_lang else {}))
    _add(root, "updated", rfc3339(updated or EMPTY_UPDATED))
    _add(root, "link", rel="self", type=MEDIA_TYPES["atom"], href=site_url(base, feed.path + EXTENSIONS["atom"]))
    _add(root, "link", rel="alternate", type="text/html", href=site_url(base, feed.page))
    author = _add(root, "author")  # entries without a provider fall back to the site as author
    _add(author, "name", clean_text(config.title) or "newsdesk")
    _add(author, "uri", base)
    _add(root, "generator", "newsdesk", version=__version__)
    topics = site_url(base, "topics/")
    for entry in entries:
        node = _add(root, "entry")
        _add(node, "id", entry.id)
        _add(node, "title", entry.title)
        _add(node, "published", rfc3339(entry.published))
        _add(node, "updated", rfc3339(entry.updated))
        _add(node, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.original:
            _add(node, "link", rel="via", href=entry.original)
        if entry.media:
            size = {"length": str(entry.media_size)} if entry.media_size else {}
            _add(node, "link", rel="enclosure", href=entry.media, type=entry.media_type, **size)
        # A link without a type is text/html to readers (feedparser says so): a picture whose address does not
        # say its type is left to media:content, as RSS leaves it out of its enclosure.
        if entry.image and entry.image_type:
            _add(node, "link", rel="enclosure", href=entry.image, type=entry.image_type)
        if entry.writer or entry.author:
            person = _add(node, "author")
            _add(person, "name", entry.writer or entry.author)
            if entry.author_url and not entry.writer:  # (the provider's site is no page of the writer's)
                _add(person, "uri", entry.author_url)
        if entry.author_feed:  # (the provider, as RSS's <source> gives it, with its site: who published it)
            origin = _add(node, "source")
            own = entry.author_feed.removesuffix(EXTENSIONS["rss"]) + EXTENSIONS["atom"]
            _add(origin, "id", own)
            _add(origin, "title", entry.author)
            if entry.author_url:
                _add(origin, "link", rel="alternate", type="text/html", href=entry.author_url)
            _add(origin, "link", rel="self", type=MEDIA_TYPES["atom"], href=own)
        # The name is the term, as in RSS: readers show the term (feedparser's users read `tag.term`), and a
        # slug is no name to show; the scheme is the site's topics
        for slug, name in entry.topics:
            _add(node, "category", term=name, scheme=topics, label=name)
        if entry.summary:
            _add(node, "summary", entry.summary, type="text")
        _extensions(node, entry, _iri)
    return _serialize(root)


def _rss(feed: Feed, entries: list[_Entry], config: Config, updated: datetime | None) -> bytes:
    base = config.base_url
    url = ascii_url  # RSS takes URLs (RFC 3986), where Atom and JSON Feed take IRIs: as browsers send them
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS, "xmlns:media": MEDIA_NS,
                              **_itunes_ns(entries)})
    channel = _add(root, "channel")
    _add(channel, "title", _rss_title(clean_text(feed.title)))
    _add(channel, "link", url(site_url(base, feed.page)))
    _add(channel, "description", _as_html(clean_text(feed.description) or clean_text(feed.title)))
    if clean_text(config.language):
        _add(channel, "language", clean_text(config.language))
    if updated is not None:
        _add(channel, "lastBuildDate", _rfc822(updated))
    _add(channel, "generator", f"newsdesk {__version__}")
    _add(channel, "docs", "https://www.rssboard.org/rss-specification")
    _add(channel, "atom:link", href=url(site_url(base, feed.path + EXTENSIONS["rss"])), rel="self",
         type=MEDIA_TYPES["rss"])
    if _is_podcast(entries):
        _show(channel, entries, config)
    for entry in entries:
        node = _add(channel, "item")
        _add(node, "title", _rss_title(entry.title))
        _add(node, "link", url(entry.url))
        _add(node, "guid", url(entry.id), isPermaLink="true")  # (a page of this story too)
        _add(node, "pubDate", _rfc822(entry.published))  # (the article's, as its page's datePublished)
        if entry.updated != entry.published:
            # RSS has no date of a change: Atom's, which feedparser and the readers that know Atom read as `updated`
            _add(node, "atom:updated", rfc3339(entry.updated))
        if entry.original:  # (the story on its provider's site, as Atom's feed gives it: RSS has no element for it)
            _add(node, "atom:link", rel="via", href=url(entry.original))
        if entry.summary:
            _add(node, "description", _as_html(entry.summary))
        if entry.writer or entry.author:
            # RSS's own <author> must be an e-mail address; Dublin Core's creator takes a name.
            _add(node, "dc:creator", entry.writer or entry.author)
        for slug, name in entry.topics:
            _add(node, "category", name, domain=url(site_url(base, f"topics/{slug}/")))
        if entry.author_feed:
            _add(node, "source", entry.author, url=url(entry.author_feed))
        # One enclosure (RSS has room for one): a podcast's episode is what a podcast app plays; else the picture.
        # A size the item does not give is unknown without fetching the file; the RSS Advisory Board says 0 then.
        if entry.media:
            _add(node, "enclosure", url=url(entry.media), length=str(entry.media_size), type=entry.media_type)
        elif entry.image and entry.image_type:
            _add(node, "enclosure", url=url(entry.image), length="0", type=entry.image_type)
        _extensions(node, entry, url)
    return _serialize(root)


def _json_feed(feed: Feed, entries: list[_Entry], config: Config) -> bytes:
    base = config.base_url
    data = {
        "version": JSON_FEED_VERSION,
        "title": clean_text(feed.title),
        "home_page_url": site_url(base, feed.page),
        "feed_url": site_url(base, feed.path + EXTENSIONS["json"]),
        "description": clean_text(feed.description),
        **({"language": clean_text(config.language)} if clean_text(config.language) else {}),
        "authors": [{"name": clean_text(config.title) or "newsdesk", "url": base}],
        "items": [],
    }
    for entry in entries:
        item = {"id": entry.id, "url": entry.url}
        if entry.original:
            item["external_url"] = entry.original
        item["title"] = entry.title
        if entry.summary:
            item["summary"] = entry.summary
        item["content_text"] = entry.summary or entry.title  # JSON Feed wants content_text or content_html
        if entry.image:
            item["image"] = entry.image
            # (JSON Feed has no place for a picture's words and size: an extension, as its spec has them, by `_` +
            # a name)
            words = {"alt": entry.image_alt, "caption": entry.image_caption, "credit": entry.image_credit,
                     **({"width": entry.image_width, "height": entry.image_height}
                        if entry.image_width and entry.image_height else {})}
            if any(words.values()):
                item.setdefault("_newsdesk", {})["image"] = {key: text for key, text in words.items() if text}
        if entry.media:
            size = {"size_in_bytes": entry.media_size} if entry.media_size else {}
            length = {"duration_in_seconds": entry.media_seconds} if entry.media_seconds else {}
            item["attachments"] = [{"url": entry.media, "mime_type": entry.media_type, **size, **length}]
        item["date_published"] = rfc3339(entry.published)
        if entry.updated != entry.published:
            item["date_modified"] = rfc3339(entry.updated)
        if entry.writer:
            item["authors"] = [{"name": entry.writer}]
        elif entry.author:
            item["authors"] = [{"name": entry.author, **({"url": entry.author_url} if entry.author_url else {})}]
        if entry.topics:
            item["tags"] = [name for _, name in entry.topics]
        if entry.player:  # (a video its site's player plays, as media:player in RSS and Atom; no file to attach)
            length = {"duration_in_seconds": entry.media_seconds} if entry.media_seconds else {}
            item.setdefault("_newsdesk", {})["player"] = {"url": entry.player, **length}
        if entry.podcast:  # (a podcast's episode, as Apple's tags in RSS and Atom say; JSON Feed has no word for it)
            item.setdefault("_newsdesk", {})["type"] = "podcast"
            episode = {"episode": entry.episode, "season": entry.season, "episodeType": entry.episode_type,
                       **{key: {"url": url, "type": kind} for key, (url, kind) in
                          (("chapters", entry.chapters), ("transcript", entry.transcript)) if url}}
            item["_newsdesk"]["podcast"] = {key: value for key, value in episode.items() if value}
            if entry.explicit:
                item["_newsdesk"]["podcast"]["explicit"] = entry.explicit == "true"
        if entry.price:  # (a download's price, as Media RSS's media:price in RSS and Atom)
            item.setdefault("_newsdesk", {})["price"] = {
                "amount": json.loads(entry.price),
                **({"currency": entry.price_currency} if entry.price_currency else {})}
        if entry.author:  # (the provider, as RSS's <source> and Atom's give it: `authors` may be its writer)
            item.setdefault("_newsdesk", {})["provider"] = {
                "name": entry.author, **({"url": entry.author_url} if entry.author_url else {})}
        data["items"].append(item)
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
