"""Feed bytes -> Feed: RSS 0.9x/1.0 (RDF)/2.0 and Atom through feedparser, JSON Feed 1.0/1.1 here.

feedparser detects the charset (HTTP header, XML declaration, byte order mark, then guesses), resolves
relative links against xml:base and the feed's URL, and reads broken XML as well as it can. What comes out
is still untrusted: items.py sanitises every piece of HTML and keeps only http(s) URLs.
"""

from __future__ import annotations

import calendar
import codecs
import html as htmlmod
import json
import math
import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.sax import SAXParseException

import feedparser
from feedparser.urls import resolve_relative_uris

from generator.isotime import parse_iso
from generator.urls import joined, safe_url


@dataclass(frozen=True)
class Image:
    url: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Media:
    """An episode's or a video's own file (an RSS enclosure, media:content, a JSON Feed attachment)."""
    url: str
    kind: str  # "audio" or "video"
    seconds: int | None = None  # its length (itunes:duration, media:content's duration, duration_in_seconds)
    size: int | None = None  # bytes, as the feed gives them


@dataclass(frozen=True)
class Entry:
    guid: str
    link: str  # absolute http(s), or ""
    title: str  # as the feed gives it: HTML when title_html, else plain text
    title_html: bool
    summary: str  # HTML
    content: str  # HTML, the full text when the feed carries it
    published: datetime | None  # UTC; the published date, else the updated one
    categories: tuple[str, ...]
    images: tuple[Image, ...]
    player: str  # a video player's URL (media:player, YouTube's yt:videoId)
    media: Media | None = None  # the first audio or video file it carries
    podcast: bool = False  # an episode of a podcast (iTunes tags), rather than any audio
    # Who published it, when the feed carries others' entries (RSS and Atom <source>: Google News, a reader's
    # shared items): the publisher's name and site, else ""
    origin: str = ""
    origin_link: str = ""


@dataclass(frozen=True)
class Feed:
    title: str  # as the feed gives it: HTML when title_html, else plain text
    link: str  # the site's home page, if the feed names it
    entries: tuple[Entry, ...]
    title_html: bool = False
    unsafe_urls: int = 0  # addresses left out for their scheme (`javascript:`, `data:`...): the user is told


# A character reference to no character (a surrogate, beyond U+10FFFF): feedparser's fallback parser fails on
# the whole feed when it meets one, so each becomes U+FFFD first, as an HTML parser shows it.
_NUMERIC_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
# Lone surrogates: a JSON Feed's "\ud800" escape makes one. No UTF-8 file can hold it (fetch would fail writing
# the item), so each becomes U+FFFD, as a UTF-8 decoder shows a broken character.
_SURROGATE = re.compile("[\ud800-\udfff]")


CHECK = "open the URL in a browser: is it the feed's?"


class NotAFeed(ValueError):
    """The bytes are no feed newsdesk can read; the message says what was found."""


def parse_feed(body: bytes, url: str, content_type: str = "", max_bytes: int = 10 * 1024 * 1024) -> Feed:
    if body[:2] == b"\x1f\x8b":  # a .xml.gz file served as it is, without Content-Encoding: gzip
        body = _gunzipped(body, max_bytes)
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise NotAFeed(f"an empty answer: the server sent nothing; {CHECK}")
    # (by its first character: servers label RSS application/json, and JSON text/plain)
    if head.startswith(b"{") or ("json" in content_type.lower() and not head.startswith(b"<")):
        return _json_feed(body, url, content_type)
    if b"&#" in body:
        body = _NUMERIC_REF.sub(_character_ref, body)
    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type or "application/xml"})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        if "html" in content_type.lower() or head.lower().startswith((b"<!doctype html", b"<html")):
            raise NotAFeed(_web_page(body, url))
        if not head.startswith(b"<"):
            raise NotAFeed(f"not a feed: the answer is neither XML nor JSON; {CHECK}")
        problem = parsed.get("bozo_exception") if parsed.bozo else None
        if isinstance(problem, SAXParseException):  # its str() names the file "<unknown>"
            problem = f"broken XML at line {problem.getLineNumber()}, column {problem.getColumnNumber()}: " \
                      f"{problem.getMessage()}"
        raise NotAFeed(f"not a feed: {problem}; {CHECK}" if problem else
                       f"not a feed: no RSS, Atom or RDF entries found; {CHECK}")
    channel = parsed.feed
    link = _Addresses(url)
    show = channel.get("image")  # a podcast's cover (itunes:image), its episodes' picture when they have none
    cover = _text(show.get("href")) if isinstance(show, dict) else ""
    return Feed(title=_title(channel), link=link(_own_link(channel)),
                entries=tuple(_entry(entry, link, rss=(parsed.version or "").startswith("rss"), cover=cover)
                              for entry in parsed.entries),
                title_html="html" in (channel.get("title_detail") or {}).get("type", "text/plain"),
                unsafe_urls=link.unsafe)


def _gunzipped(body: bytes, max_bytes: int) -> bytes:
    """A gzip file's content, up to max_bytes (fetch.max_bytes: a gzip bomb stops there)."""
    unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        content = unzip.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise NotAFeed(f"not a feed: a broken gzip file ({exc}); {CHECK}") from None
    if len(content) > max_bytes:
        raise NotAFeed(f"not a feed: a gzip file of more than fetch.max_bytes ({max_bytes:,} bytes) unpacked; "
                       f"raise fetch.max_bytes if the feed really is that big")
    return content


class _Addresses:
    """A feed's URLs as a browser reads them (the WHATWG URL parser): C0 controls and spaces around them
    stripped, tabs and line breaks in them removed, a relative one resolved against the feed's URL; kept only
    as a safe http(s) URL (urls.safe_url). `java&#x9;script:` is `javascript:` to a browser, and to the build,
    which decodes a URL's character references once (crawlers copy them from HTML attributes): when the
    XML is broken, feedparser's fallback parser leaves them in attributes as written, and a JSON Feed has
    none to decode. A URL with another scheme, as written or so decoded, is left out and counted in
    `unsafe`, rather than made a path of the feed's site."""

    def __init__(self, base: str, counted: "_Addresses | None" = None):
        self.base = base
        self.unsafe = 0
        self.counted = counted or self  # (where the left-out ones are counted: the feed's)

    def at(self, base) -> "_Addresses":
        """The same, resolving against another base: an entry's xml:base, for the addresses of elements
        feedparser does not resolve itself (media:content's and media:thumbnail's `url`)."""
        if not isinstance(base, str) or base == self.base or not _HTTP.match(base):
            return self
        return _Addresses(base, self.counted)

    def __call__(self, value) -> str:
        text = _as_browsers_read(value) if isinstance(value, str) else ""
        if not text:
            return ""
        for reading in (text, _as_browsers_read(htmlmod.unescape(text)) if "&" in text else ""):
            scheme = _SCHEME.match(reading)
            if scheme and scheme.group(1).lower() not in ("http", "https"):
                self.counted.unsafe += 1
                return ""
        url = joined(self.base, text)
        if _ENCODED_BY_BROWSERS.search(url):  # `/my pic.jpg`: a browser asks for /my%20pic.jpg
            head = _HEAD.match(url)
            if head and not _ENCODED_BY_BROWSERS.search(head[0]):  # (not in a host name: no browser reads that)
                url = head[0] + _ENCODED_BY_BROWSERS.sub(lambda c: f"%{ord(c[0]):02X}", url[head.end():])
        return safe_url(url)


# What a browser percent-encodes in a URL's path, query and fragment (URL standard's C0 control, fragment
# and query sets); what comes before the path
_ENCODED_BY_BROWSERS = re.compile(r'[\x00-\x20"<>`\x7f]')
_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def _as_browsers_read(text: str) -> str:
    text = text.strip(_C0_OR_SPACE)
    return _TAB_OR_NEWLINE.sub("", text) if "\t" in text or "\n" in text or "\r" in text else text


def _character_ref(match: re.Match) -> bytes:
    digits = (match[1] or match[2]).lstrip(b"0")
    if len(digits) > 7:
        return b"&#xFFFD;"
    code = int(digits or b"0", 16 if match[1] else 10)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else match[0]


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
               "application/json")


class _FeedLinks(HTMLParser):
    """The feeds a web page names: `<link rel="alternate" type="application/rss+xml" href="...">`."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = {name: (value or "").strip() for name, value in attrs}
        if (tag == "link" and "alternate" in found.get("rel", "").lower().split()
                and found.get("type", "").lower() in _FEED_TYPES and found.get("href")):
            self.hrefs.append(found["href"])


def _web_page(body: bytes, url: str) -> str:
    """Why a web page is no feed, and which URL to give instead: the page's own feed link, if it has one
    (a user often gives the site's address)."""
    links = _FeedLinks()
    links.feed(body[:1_000_000].decode("utf-8", "replace"))
    feeds = [safe_url(joined(url, href)) for href in links.hrefs]
    feeds = [feed for feed in feeds if feed and feed.isprintable()]  # it is shown on a terminal
    if feeds:
        return f"not a feed but a web page, which names its feed: {feeds[0]} (list that URL as the source instead)"
    return "not a feed but a web page (give the URL of the site's RSS, Atom or JSON feed)"


# arXiv's RSS starts each abstract with a line for its mailing list: "arXiv:2611.01234v1 Announce Type: new"
_ARXIV = re.compile(r"arXiv:\S+\s+Announce Type:\s*[\w-]+\s+Abstract:\s*")


# A character reference, with its semicolon (without one, `&copy` in "AT&copy" would be read as one)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _unescaped(text: str) -> str:
    """A plain text with its character references decoded: a feed that says its title is text but writes
    `Fish &amp;amp; chips` (`Fish &amp; chips` once read as XML) escaped it twice, and means "Fish & chips"."""
    return _REFERENCE.sub(lambda match: htmlmod.unescape(match[0]), text) if "&" in text else text


def _title(element) -> str:
    """An entry's or a feed's title as given: HTML, or a plain text with its references decoded once."""
    title = _text(element.get("title"))
    return title if "html" in (element.get("title_detail") or {}).get("type", "text/plain") else _unescaped(title)


def _entry(entry, link: _Addresses, rss: bool = False, cover: str = "") -> Entry:
    link = link.at((entry.get("title_detail") or entry.get("summary_detail") or {}).get("base"))
    content = entry.get("content") or []
    html_content = next((c.get("value", "") for c in content if "html" in (c.get("type") or "")), "")
    summary = entry.get("summary", "")
    # An RSS entry has no plain-text content element: feedparser makes one of a media:description, which is
    # often a picture's (Mastodon's alt text). The entry's own description is its text then.
    if not html_content and content and not (rss and summary):
        html_content = _paragraphs(content[0].get("value", ""))
    if summary and "html" not in (entry.get("summary_detail") or {}).get("type", "text/html"):
        summary = _escape(_unescaped(summary))
    elif summary and entry.get("yt_videoid") and not html_content:
        # A YouTube video's media:description, which feedparser takes for HTML, is plain text (Media RSS's
        # default): a "<b>" in it is what its uploader typed, and its lines (chapters, links) are lines.
        summary = _paragraphs(summary)
    elif summary and "<" not in summary and not html_content and _BLANK_LINES.search(summary.replace("\r", "")):
        # An HTML text without a tag but with blank lines (Bluesky's posts) is paragraphs, as its writer meant
        summary = "\n".join(f"<p>{part.strip()}</p>" for part in _BLANK_LINES.split(summary.replace("\r", "").strip())
                            if part.strip())
    if summary.startswith("arXiv:"):
        summary = _ARXIV.sub("", summary, count=1)
    when = _parsed_date(entry.get("published_parsed")) or _parsed_date(entry.get("updated_parsed"))
    # (feedparser resolves links in the elements it knows, not media:content's or an RSS enclosure's
    # `url="/img/a.jpg"`: `link` resolves those against the entry's xml:base, else the feed's URL)
    images = []
    for media in list(entry.get("media_content") or []) + list(entry.get("media_thumbnail") or []):
        kind = media.get("medium") or (media.get("type") or "").split("/")[0]
        width, height = _int(media.get("width")), _int(media.get("height"))
        if kind in ("image", "") and not _small(width, height) and (address := link(media.get("url"))):
            images.append(Image(address, width, height))
    episode = entry.get("image")  # a podcast episode's <itunes:image href>, its cover when it has no other picture
    if isinstance(episode, dict) and (address := link(episode.get("href"))):
        images.append(Image(address))
    files = []
    for enclosure in entry.get("enclosures") or []:
        kind = (enclosure.get("type") or "").split("/")[0]
        if kind in ("", "application", "binary"):  # (application/octet-stream, or no type: by its name)
            kind = _file_kind(enclosure.get("href"))
        if kind == "image" and (address := link(enclosure.get("href"))):
            images.append(Image(address))
        elif kind in ("audio", "video"):
            files.append((link(enclosure.get("href")), kind, entry.get("itunes_duration"), enclosure.get("length")))
    for media in entry.get("media_content") or []:
        kind = media.get("medium") or (media.get("type") or "").split("/")[0]
        if kind in ("audio", "video"):
            files.append((link(media.get("url")), kind, media.get("duration"), media.get("filesize")))
    podcast = any(key.startswith("itunes_") for key in entry)
    media = _media(files)
    images = tuple(dict.fromkeys(images)) or _body_picture(html_content or summary, link)
    if not images and podcast and media and (address := link(cover)):
        images = (Image(address),)
    origin = entry.get("source") if isinstance(entry.get("source"), dict) else None
    player = link((entry.get("media_player") or {}).get("url", ""))
    if not player and entry.get("yt_videoid"):
        player = "https://www.youtube.com/embed/" + "".join(c for c in entry["yt_videoid"] if c.isalnum() or c in "-_")
    return Entry(
        guid=_text(entry.get("id")),
        # (Feedburner's link is its own redirect; origLink is the article's address on its site)
        link=link(entry.get("feedburner_origlink")) or link(_own_link(entry)),
        title=_title(entry),
        title_html="html" in (entry.get("title_detail") or {}).get("type", "text/plain"),
        summary=summary,
        content=html_content,
        published=when,
        categories=_tags(tag.get("term") if isinstance(tag, dict) else tag for tag in _listed(entry.get("tags"))),
        images=images,
        player=player,
        media=media,
        podcast=podcast,
        origin=_text(origin.get("title")) if origin else "",
        origin_link=link(_text(origin.get("link") or origin.get("href"))) if origin else "",
    )


_HTTP = re.compile(r"\s*https?://", re.I)


def _own_link(element) -> str:
    """An entry's (or a feed's) link. Without a link element, feedparser gives it its id, such as Atom's
    `tag:` or `urn:` URIs: that is its page only when it is an http(s) address (another is no unsafe
    address to warn about, only no page)."""
    given, own = element.get("link"), element.get("id")
    if (isinstance(given, str) and isinstance(own, str) and own and not _HTTP.match(own)
            and element.get("guidislink") and not any(isinstance(each, dict) and each.get("href") == given for each in element.get("links") or [])):
        return ""
    return given


MIN_PICTURE = 100  # pixels: a picture declared narrower or lower is an icon, an avatar or a tracking pixel


def _small(width: int | None, height: int | None) -> bool:
    """Whether a picture is declared too small to be a story's: an icon, an avatar (GitHub's 30-pixel ones in
    media:thumbnail), a thumbnail crop (Blogger's 72-pixel square; its text has the picture bigger)."""
    return any(size is not None and size < MIN_PICTURE for size in (width, height))


class _FirstPicture(HTMLParser):
    def __init__(self, link: _Addresses):
        super().__init__(convert_charrefs=True)
        self.link, self.found = link, None

    def handle_starttag(self, tag, attrs):
        if tag != "img" or self.found:
            return
        given = {name: value or "" for name, value in attrs}
        width, height = _int(given.get("width")), _int(given.get("height"))
        small = _small(width, height)
        kind = given.get("class", "").casefold()
        if small or any(word in kind for word in ("emoji", "smiley", "avatar", "icon")) or not given.get("src"):
            return
        if address := self.link(given["src"]):
            self.found = Image(address, width if height else None, height if width else None)


def _body_picture(fragment: str, link: _Addresses) -> tuple[Image, ...]:
    """The first picture of an entry's text, for an entry whose feed names none (WordPress's and many blogs'
    feeds have their pictures only in the text); not an emoji, an icon or a tracking pixel."""
    if "<img" not in fragment.lower():
        return ()
    parser = _FirstPicture(link)
    parser.feed(fragment)
    parser.close()
    return (parser.found,) if parser.found else ()


def _json_feed(body: bytes, url: str, content_type: str) -> Feed:
    """JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), which feedparser does not read."""
    try:
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:  # JSON is UTF-8, but a server may say (rightly) that its feed is not
            charset = _charset(content_type)
            if not charset:
                raise
            text = body.decode(charset)
        data = json.loads(text)
        if "\\u" in text and _SURROGATE.search(text := json.dumps(data, ensure_ascii=False)):
            data = json.loads(_SURROGATE.sub("\ufffd", text))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotAFeed(f"not a feed: invalid JSON ({exc}); {CHECK}") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise NotAFeed(f"not a feed: JSON without a JSON Feed `version`; {CHECK}")
    items = data.get("items")
    if not isinstance(items, list):
        raise NotAFeed(f"not a feed: a JSON Feed without `items`; {CHECK}")

    link = _Addresses(url)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        page = link(item.get("url")) or link(item.get("external_url"))
        html = _text(item.get("content_html"))
        if html:  # its relative links are the item page's (feedparser does this for RSS and Atom)
            html = resolve_relative_uris(html, page or url, "utf-8", "text/html")
        elif item.get("content_text"):
            html = _paragraphs(_text(item.get("content_text")))
        images = tuple(Image(address) for address in map(link, (item.get("image"), item.get("banner_image"))) if address)
        attachments = [a for a in _listed(item.get("attachments")) if isinstance(a, dict)]
        when = _iso_date(item.get("date_published")) or _iso_date(item.get("date_modified"))
        entries.append(Entry(
            guid=_text(item.get("id")),
            link=page,
            title=_unescaped(_text(item.get("title"))),
            title_html=False,
            summary=_escape(_unescaped(_text(item.get("summary")))),
            content=html,
            published=when,
            categories=_tags(_listed(item.get("tags"))),
            images=images or _body_picture(html, link),
            player="",
            media=_media((link(a.get("url")), _text(a.get("mime_type")).split("/")[0], a.get("duration_in_seconds"),
                          a.get("size_in_bytes")) for a in attachments),
        ))
    return Feed(title=_unescaped(_text(data.get("title"))), link=link(data.get("home_page_url")), entries=tuple(entries),
                unsafe_urls=link.unsafe)


# The kinds of file an enclosure's name says, for one sent without a type or as application/octet-stream
_EXTENSIONS = {**dict.fromkeys(("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac"), "audio"),
               **dict.fromkeys(("mp4", "m4v", "mov", "webm"), "video"),
               **dict.fromkeys(("jpg", "jpeg", "png", "gif", "webp"), "image")}


def _file_kind(url) -> str:
    try:
        path = urlsplit(url).path if isinstance(url, str) else ""
    except ValueError:  # (`http://[::1`: no URL, which link() leaves out too)
        return ""
    return _EXTENSIONS.get(path.rsplit(".", 1)[-1].lower(), "") if "." in path.rsplit("/", 1)[-1] else ""


def _media(files) -> Media | None:
    """The first of (url, kind, length, size) that is an audio or video file at an http(s) address."""
    for url, kind, length, size in files:
        if url and kind in ("audio", "video"):
            size = _int(size)
            # (feeds write a length of 0 or 1 byte for "unknown": no file a reader would fetch is that small)
            return Media(url, kind, _seconds(length), size if size and size >= 1024 else None)
    return None


# itunes:duration is seconds (`3753`) or `H:MM:SS`, `MM:SS` (some hosts add milliseconds: `00:45:10.480`);
# media:content's is seconds too
_CLOCK = re.compile(r"(?:(\d{1,4}):)?(\d{1,4}):(\d{1,2})(?:\.\d+)?|(\d{1,9})(?:\.\d+)?")


def _seconds(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        value = _text(value)  # (10**400 is no float: math.isfinite raised on it)
    match = _CLOCK.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    hours, minutes, seconds, alone = match.groups()
    total = int(alone) if alone else (int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)
    return total if 0 < total < 10**8 else None


def _charset(content_type: str) -> str:
    """The charset a Content-Type header names, if Python knows it."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                return ""
    return ""


# An entry dated before this is no date: feeds write 0001-01-01, 1970-01-01 (a zero timestamp, in any time
# zone) or 0000-00-00 for "unknown", and the build reads no year before 1000. Such an entry is dated when
# first fetched, as one without a date.
EARLIEST = datetime(1970, 1, 2, tzinfo=timezone.utc)


def _usable(moment: datetime | None) -> datetime | None:
    return moment if moment is not None and moment >= EARLIEST else None


def _parsed_date(when) -> datetime | None:
    """feedparser's time tuple, in UTC; None when it is no date a reader could use: one feedparser made of
    `0000-00-00` (year -1) or past 9999 once in UTC cannot be a datetime, and would cost the whole feed."""
    if not when:
        return None
    try:
        return _usable(datetime.fromtimestamp(calendar.timegm(when), timezone.utc))
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def _iso_date(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = parse_iso(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return _usable(moment.astimezone(timezone.utc))
    except (ValueError, OverflowError):  # 9999-12-31T23:59:59-05:00 is past the last datetime in UTC
        return None


def _listed(value) -> list:
    """A feed's list (of tags, of attachments): a plain string is one (not one per letter); a number or a
    map, none."""
    if isinstance(value, (str, dict)):
        return [value] if isinstance(value, str) else []
    return list(value) if isinstance(value, (list, tuple)) else []


def _tags(values) -> tuple[str, ...]:
    """The text tags among `values`: a number is its digits; null, lists and maps are no tag."""
    return tuple(text for text in map(_text, values) if text)


def _text(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # (however long: 10**400 is no float, and math.isfinite raised on it)
    if isinstance(value, float):
        # (Python's JSON reader takes NaN and Infinity: no title, id or tag is "nan")
        return str(value) if math.isfinite(value) else ""
    return value.strip() if isinstance(value, str) else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def _paragraphs(text: str) -> str:
    """A plain text (JSON Feed's content_text, Atom's text content) as HTML: a paragraph for each run of lines
    between blank ones, a line break for each other line break, as its writer laid it out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return "".join(f"<p>{_escape(part.strip()).replace(chr(10), '<br>' + chr(10))}</p>"
                   for part in _BLANK_LINES.split(text) if part.strip())


def _int(value) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
