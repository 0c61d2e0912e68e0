"""JSON Feed 1.0 and 1.1 read into a Feed (json_feed), which feedparser does not read."""

from __future__ import annotations

import json
import re

from generator.fetch.addresses import Addresses
from generator.fetch.body_pictures import body_picture
from generator.fetch.episodes import json_episode
from generator.fetch.feed import CHECK, Entry, Feed, Image, NotAFeed
from generator.fetch.feed_dates import Dates, language_code
from generator.fetch.feed_values import (charset_of, cleaned_html, download_of, html_escaped, int_of, listed, media_of,
                                         names_of, odd_values, paragraphs, player_seconds, tags_of, text_decoded,
                                         text_of, unescaped)
from generator.fetch.picture_words import MOST_CHARS
from generator.textfiles import utf8_mostly
from generator.urlnorm import canonical_url


# Lone surrogates: a JSON Feed's "\ud800" escape makes one. No UTF-8 file can hold it (fetch would fail writing
# the item), so each becomes U+FFFD, as a UTF-8 decoder shows a broken character.
_SURROGATE = re.compile("[\ud800-\udfff]")


# A JSON text's strings and brackets, for _shallow (a string's brackets are its own)
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
MOST_DEPTH = 64  # levels of arrays and objects kept of a feed nested past what Python's JSON reader reads


def _shallow(text: str) -> str:
    """A JSON text with each array or object nested more than MOST_DEPTH deep written as `null`."""
    pieces, depth, kept, cut = [], 0, 0, 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth == MOST_DEPTH + 1:
                cut = match.start()
        elif token in ("]", "}"):
            if depth == MOST_DEPTH + 1:
                pieces += [text[kept:cut], "null"]
                kept = match.end()
            depth -= 1
    return "".join(pieces) + text[kept:]


def json_feed(body: bytes, url: str, content_type: str, dates: "Dates") -> Feed:
    """JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), which feedparser does not read."""
    try:
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:  # JSON is UTF-8, but a server may say (rightly) that its feed is not
            charset = charset_of(content_type)
            # (else UTF-8 but for a byte or two, each its Windows-1252 character, as in an RSS feed)
            text = body.decode(charset) if charset and charset != "utf-8" else utf8_mostly(body).lstrip("\ufeff")
        try:
            data = json.loads(text, parse_int=_json_int)
        except RecursionError:  # (nested past Python's reader: what is that deep is no field of a feed)
            data = json.loads(_shallow(text), parse_int=_json_int)
        if "\\u" in text and _SURROGATE.search(text := json.dumps(data, ensure_ascii=False)):
            data = json.loads(_SURROGATE.sub("\ufffd", text), parse_int=_json_int)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotAFeed(f"not a feed: invalid JSON ({exc}); {CHECK}") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise NotAFeed(f"not a feed: JSON without a JSON Feed `version`; {CHECK}")
    items = data.get("items")
    if not isinstance(items, list):
        raise NotAFeed(f"not a feed: a JSON Feed without `items`; {CHECK}")

    dates.declare(data.get("language"))  # (JSON Feed 1.1's)
    link = Addresses(url)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        unsafe = link.unsafe  # (to tell which entries had addresses left out)
        own, elsewhere = link(item.get("url")), link(item.get("external_url"))
        page = own or elsewhere
        # (a link blog's item: the story it tells of is elsewhere, `external_url`, and its own page, `url`, is its
        # discussion, as a Reddit post's; newsdesk's feeds give their items' stories so)
        story = elsewhere if own and elsewhere and canonical_url(elsewhere) != canonical_url(own) else ""
        html = written = unescaped(text_of(item.get("content_html")))
        if html:  # its relative links are the item page's (feedparser does this for RSS and Atom)
            html = cleaned_html(html, page or url)
        elif item.get("content_text"):
            html = paragraphs(text_of(item.get("content_text")))
        images = tuple(Image(address, **(_image_words(item) if name == "image" else {}))
                       for name in ("image", "banner_image") if (address := link(item.get(name))))
        attached = [(link(a.get("url")), text_of(a.get("mime_type")).strip().lower(), a)
                    for a in listed(item.get("attachments")) if isinstance(a, dict)]
        files = [(address, kind.split("/")[0], a.get("duration_in_seconds"), a.get("size_in_bytes"))
                 for address, kind, a in attached]
        others = [(address, kind, a.get("size_in_bytes")) for address, kind, a in attached]  # (a download's)
        media = media_of(files)
        # (newsdesk's feeds: a video its site's player plays, as media:player says in RSS and Atom)
        shown = _extension(item, "player")
        player = "" if media else link(shown.get("url"))
        played = [(player, "video", shown.get("duration_in_seconds"), None)] if player else []
        when = dates.json_item(item)
        origin = _extension(item, "provider")  # (newsdesk's feeds: who published it, as RSS's <source> says)
        entries.append(Entry(
            guid=text_of(item.get("id")),
            link=story or page,
            discussion=page if story else "",
            title=text_decoded(text_of(item.get("title"))),
            title_html=False,
            summary=html_escaped(text_decoded(text_of(item.get("summary")))),
            content=html,
            published=when,
            categories=tags_of(listed(item.get("tags"))),
            images=images or body_picture(written or html, link, page or url),
            player=player,
            media=media,
            seconds=player_seconds(played),
            # (newsdesk's feeds: a podcast's episode, as Apple's tags say in RSS; a download's price, as media:price)
            podcast=bool(media) and _is_podcast(item),
            explicit=_explicit(_extension(item, "podcast")) if media and _is_podcast(item) else None,
            episode=json_episode(_extension(item, "podcast"), link) if media and _is_podcast(item) else None,
            download=None if media else download_of(others, _extension(item, "price")),
            author=_json_authors(item) or _json_authors(data),
            origin=" ".join(text_of(origin.get("name")).split()),
            origin_link=link(origin.get("url")),
            odd_values=odd_values(files + played),
            unsafe_urls=link.unsafe - unsafe,
            either_order="" if when else dates.in_either_order(item.get("date_published"), item.get("date_modified")),
            language=language_code(item.get("language")),  # (JSON Feed 1.1's)
            clock=None if when else dates.clock(item.get("date_published"), item.get("date_modified")),
            relative=None if when else dates.relative(item.get("date_published"), item.get("date_modified")),
        ))
    return Feed(title=text_decoded(text_of(data.get("title"))), link=link(data.get("home_page_url")),
                entries=tuple(entries), unsafe_urls=link.unsafe, refused_dates=dates.refused, language=dates.declared)


def _image_words(item: dict) -> dict[str, str]:
    """What newsdesk's JSON Feeds say of an item's `image` (JSON Feed has no place for it): the extension
    `_newsdesk: {image: {alt, caption, credit, width, height}}`, the words each a plain text."""
    said = _extension(item, "image")
    return {**{name: " ".join(text_of(said.get(name))[:MOST_CHARS].split()) for name in ("alt", "caption", "credit")},
            **{name: int_of(said.get(name)) if not isinstance(said.get(name), bool) else None
               for name in ("width", "height")}}


def _explicit(said: dict) -> bool | None:
    """Whether newsdesk's extension says an episode is explicit (`_newsdesk: {podcast: {explicit: true}}`)."""
    return said.get("explicit") if isinstance(said.get("explicit"), bool) else None


def _is_podcast(item: dict) -> bool:
    """Whether newsdesk's extension says the item is a podcast's episode: `_newsdesk: {type: podcast}`."""
    extension = item.get("_newsdesk")
    return isinstance(extension, dict) and extension.get("type") == "podcast"


def _extension(item: dict, name: str) -> dict:
    """A mapping of newsdesk's extension to JSON Feed, `_newsdesk: {image: ..., provider: ...}`, else {}."""
    extension = item.get("_newsdesk")
    said = extension.get(name) if isinstance(extension, dict) else None
    return said if isinstance(said, dict) else {}


def _json_authors(element: dict) -> str:
    """A JSON Feed item's (or the feed's) authors' names: 1.1's `authors`, else 1.0's `author`."""
    people = listed(element.get("authors")) or [element.get("author")]
    return names_of(text_of(person.get("name")) for person in people if isinstance(person, dict))


def _json_int(digits: str) -> int | str:
    """A JSON integer, or its digits as text when Python makes no int of so many (4,300): one such number
    anywhere in a feed (an id, a size) made all of it "invalid JSON", every entry lost. As a size or a length
    it is then none; as an id, its text."""
    return int(digits) if len(digits) <= _MOST_DIGITS else digits


_MOST_DIGITS = 4000
