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
import mimetypes
import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.sax import SAXParseException

import feedparser
from feedparser.urls import resolve_relative_uris

from generator.fetch.bounds import Cuts, bounded
from generator.isotime import Refused, checked, in_english, parse_iso, parse_rfc2822, site_zoned, with_offset, zone_named
from generator.textfiles import utf8_mostly
from generator.site.markup import sanitize
from generator.site.text import plain_text
from generator.urlnorm import canonical_url
from generator.urls import joined, read_url, safe_url


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
    # The page where the entry is discussed, when its link is another site's story that it only points to
    # (Reddit's "submitted by ... [link] [comments]"): the story is `link`, else ""
    discussion: str = ""
    # Who wrote it, as plain text (RSS <author> and dc:creator, Atom <author>, JSON Feed authors): names only,
    # several joined with ", "; never an e-mail address
    author: str = ""


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


# A character reference to no character (a surrogate, beyond U+10FFFF): feedparser's fallback parser fails on
# the whole feed when it meets one, so each becomes U+FFFD first, as an HTML parser shows it.
_NUMERIC_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
# Lone surrogates: a JSON Feed's "\ud800" escape makes one. No UTF-8 file can hold it (fetch would fail writing
# the item), so each becomes U+FFFD, as a UTF-8 decoder shows a broken character.
_SURROGATE = re.compile("[\ud800-\udfff]")


CHECK = "open the URL in a browser: is it the feed's?"


class NotAFeed(ValueError):
    """The bytes are no feed newsdesk can read; the message says what was found."""


def parse_feed(body: bytes, url: str, content_type: str = "", max_bytes: int = 10 * 1024 * 1024,
               zone: tzinfo = timezone.utc, language: str = "") -> Feed:
    """The feed `body` is; NotAFeed when it is none. `zone` and `language`: the site's, as the build reads an
    item's date by them (a name of several zones, `IST`, as the site's zone when it goes by it then; a name
    of two months, `listopada`, as the site's language means it)."""
    dates = _Dates(zone, language)
    if body[:2] == b"\x1f\x8b":  # a .xml.gz file served as it is, without Content-Encoding: gzip
        body = _gunzipped(body, max_bytes)
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise NotAFeed(f"an empty answer: the server sent nothing; {CHECK}")
    # (by its first character: servers label RSS application/json, and JSON text/plain)
    if head.startswith(b"{") or ("json" in content_type.lower() and not head.startswith(b"<")):
        return _json_feed(body, url, content_type, dates)
    if b"&#" in body:
        body = _NUMERIC_REF.sub(_character_ref, body)
    if _meant_as_utf8(body, content_type):
        # A UTF-8 feed with a byte or two that is not (a word pasted from a Windows program into one entry):
        # feedparser read all of it as Windows-1252 then, and every other entry's accents were mojibake
        # ("CafÃ©"). Only those bytes are read so, as in item files.
        body = utf8_mostly(body).encode("utf-8")
    # feedparser's own sanitiser is off: it drops what lazy-loading pictures need (`data-src`, `srcset`) before
    # newsdesk's could make them the pictures' `src`. Every piece of HTML is sanitised here instead (_cleaned),
    # and titles are made plain text, their scripts' and styles' text dropped (text.plain_text).
    # Nor does feedparser get the feed's URL: it would resolve links against it its own way (urljoin, which
    # takes `\\host\x` for a path) before _Addresses reads them as a browser does (urls.joined).
    body, cuts = bounded(body)
    parsed = feedparser.parse(body, sanitize_html=False, response_headers={
        "content-type": content_type or "application/xml"})
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
    rss = (parsed.version or "").startswith("rss")
    written = _written_guids(body, parsed.get("encoding")) if rss and any(map(_linked_by_guid, parsed.entries)) else set()
    return Feed(title=_title(channel), link=link(_own_link(channel)),
                entries=tuple(_entry(entry, link, dates, rss=rss, cover=cover, guids=written)
                              for entry in parsed.entries),
                title_html="html" in (channel.get("title_detail") or {}).get("type", "text/plain"),
                unsafe_urls=link.unsafe, refused_dates=dates.refused, cuts=cuts)


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
    """A feed's URLs as a browser reads them (urls.read_url, as front matter's and bodies' are: C0 controls and
    spaces around them stripped, tabs and line breaks in them removed, `https:/host` and `https:\\\\host\\x` as
    `https://host/...`), a relative one resolved against the feed's URL; kept only
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
        """The same, resolving against another base: an entry's or a content's xml:base (itself resolved
        against this one when relative)."""
        if not isinstance(base, str) or not base or base == self.base:
            return self
        base = joined(self.base, base)
        return _Addresses(base, self.counted) if _HTTP.match(base) else self

    def __call__(self, value) -> str:
        text = read_url(value) if isinstance(value, str) else ""
        if not text:
            return ""
        for reading in (text, read_url(htmlmod.unescape(text)) if "&" in text else ""):
            scheme = _SCHEME.match(reading)
            if scheme and scheme.group(1).lower() not in ("http", "https"):
                self.counted.unsafe += 1
                return ""
        url = joined(self.base, value)
        if _ENCODED_BY_BROWSERS.search(url):  # `/my pic.jpg`: a browser asks for /my%20pic.jpg
            head = _HEAD.match(url)
            if head and not _ENCODED_BY_BROWSERS.search(head[0]):  # (not in a host name: no browser reads that)
                url = head[0] + _ENCODED_BY_BROWSERS.sub(lambda c: f"%{ord(c[0]):02X}", url[head.end():])
        return safe_url(url)


# What a browser percent-encodes in a URL's path, query and fragment (URL standard's C0 control, fragment
# and query sets); what comes before the path
_ENCODED_BY_BROWSERS = re.compile(r'[\x00-\x20"<>`\x7f]')
_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


_XML_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _meant_as_utf8(body: bytes, content_type: str) -> bool:
    """Whether a feed that is not UTF-8 throughout says (or, saying nothing, means) that it is: its HTTP
    charset and its XML declaration name UTF-8 or nothing, and it starts with no UTF-16 byte order mark."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")) or _charset(content_type) not in ("", "utf-8"):
        return False
    declared = _XML_ENCODING.match(body[:500])
    if declared and declared.group(1).decode("ascii").lower().replace("_", "-") not in ("utf-8", "utf8"):
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


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


def _text_decoded(text: str) -> str:
    """A plain text with its character references decoded: a feed that says its title is text but writes
    `Fish &amp;amp; chips` (`Fish &amp; chips` once read as XML) escaped it twice, and means "Fish & chips"."""
    return _REFERENCE.sub(lambda match: htmlmod.unescape(match[0]), text) if "&" in text else text


def _title(element) -> str:
    """An entry's or a feed's title as given: HTML, or a plain text with its references decoded once."""
    title = _text(element.get("title"))
    return title if "html" in (element.get("title_detail") or {}).get("type", "text/plain") else _text_decoded(title)


def _linked_by_guid(entry) -> bool:
    """Whether an RSS entry's only address is its guid: feedparser makes a guid without `isPermaLink="false"`
    the entry's link when it has no <link>, resolving it against the feed's address first."""
    return bool(entry.get("guidislink")) and not entry.get("links") and isinstance(entry.get("id"), str)


# An RSS <guid>'s text as written (any prefix; CDATA or not), each part bounded so that a hostile run of
# unclosed tags costs one reading of the feed
_GUID = re.compile(r"<(?:[A-Za-z_][\w.-]{0,40}:)?guid\b[^<>]{0,1000}>\s*(?:<!\[CDATA\[([^\]<]{0,4096})\]\]>|([^<]{0,4096}))",
                   re.IGNORECASE)


def _written_guids(body: bytes, encoding) -> set[str]:
    """The feed's guids as written, their character references decoded: feedparser gives a permalink guid
    resolved against the feed's address, and only these tell `12345` (an id: feedparser made it
    `http://FEED-HOST/12345`, a page that is not there) from a guid written as that address."""
    try:
        text = body.decode(encoding or "utf-8", "replace")
    except LookupError:
        text = body.decode("utf-8", "replace")
    return {(cdata or htmlmod.unescape(plain)).strip() for cdata, plain in _GUID.findall(text)}


def _entry(entry, link: _Addresses, dates: "_Dates", rss: bool = False, cover: str = "",
           guids: set[str] = frozenset()) -> Entry:
    link = link.at((entry.get("title_detail") or entry.get("summary_detail") or {}).get("base"))
    content = entry.get("content") or []
    html_content = _unescaped(next((c.get("value", "") for c in content if "html" in (c.get("type") or "")), ""))
    summary = entry.get("summary", "")
    # An RSS entry has no plain-text content element: feedparser makes one of a media:description, which is
    # often a picture's (Mastodon's alt text). The entry's own description is its text then.
    if not html_content and content and not (rss and summary):
        html_content = _paragraphs(content[0].get("value", ""))
    if summary and "html" not in (entry.get("summary_detail") or {}).get("type", "text/html"):
        summary = _escape(_text_decoded(summary))
    elif summary and entry.get("yt_videoid") and not html_content:
        # A YouTube video's media:description, which feedparser takes for HTML, is plain text (Media RSS's
        # default): a "<b>" in it is what its uploader typed, and its lines (chapters, links) are lines.
        summary = _paragraphs(summary)
    else:
        summary = _unescaped(summary)
        if "<" not in summary and not html_content and _BLANK_LINES.search(summary.replace("\r", "")):
            # An HTML text without a tag but with blank lines (Bluesky's posts) is paragraphs, as written
            summary = "\n".join(f"<p>{part.strip()}</p>"
                                for part in _BLANK_LINES.split(summary.replace("\r", "").strip()) if part.strip())
    if summary.startswith("arXiv:") and (announced := _ARXIV.match(summary)):  # (at its start only: one try)
        summary = summary[announced.end():]
    content_base = link.at(content[0].get("base") if content else "").base
    summary_base = link.at((entry.get("summary_detail") or {}).get("base")).base
    # (a permalink guid is an address, resolved as feedparser resolved it when it had the feed's URL: the
    # identity of the items fetched before stays the same)
    guid = _text(entry.get("id"))
    if guid and entry.get("guidislink"):
        guid = joined(link.base, guid.strip()) or guid
    own_link = link(entry.get("feedburner_origlink")) or link(_own_link(entry))
    written = entry["id"].strip() if _linked_by_guid(entry) else ""
    if rss and own_link and written and not (written in guids and _HTTP.match(written)):
        # A guid that is no absolute http(s) URL (`<guid>12345</guid>`) is an id, not a page: the item has no
        # link then (its page on the site is its page), rather than one to a page that is not there. (Its
        # identity is still the address feedparser made of it, so the items fetched before stay the same.)
        own_link = link(entry.get("feedburner_origlink"))
    story, discussion = own_link, ""
    # (the text's picture, read before it is sanitised, which drops the `class` that tells an emoji; and before a
    # submission's footer goes: a link post's thumbnail is in it)
    picture = (_body_picture(html_content, link, content_base) if html_content
               else _body_picture(summary, link, summary_base))
    if "omments" in html_content or "omments" in summary:  # ([comments], "Comments URL:", "4 comments")
        found = _submission(html_content) or _submission(summary)
        if found:
            pointed, comments = link(found[0]) if found[0] else "", link(found[1])
            if pointed and not _one_site(pointed, comments or own_link):
                story = pointed
            if comments and canonical_url(comments) != canonical_url(story):
                discussion = comments
            html_content, summary = _without_submission(html_content), _without_submission(summary)
    html_content, summary = _cleaned(html_content, content_base), _cleaned(summary, summary_base)
    when = dates.entry(entry)
    # (feedparser resolves links in the elements it knows, not media:content's or an RSS enclosure's
    # `url="/img/a.jpg"`: `link` resolves those against the entry's xml:base, else the feed's URL)
    images = []
    for media in list(entry.get("media_content") or []) + list(entry.get("media_thumbnail") or []):
        kind = media.get("medium") or (media.get("type") or "").split("/")[0]
        if kind in ("image", "") and (address := link(media.get("url"))):
            images.append(Image(address, _int(media.get("width")), _int(media.get("height"))))
    episode = entry.get("image")  # a podcast episode's <itunes:image href>, its cover when it has no other picture
    if isinstance(episode, dict) and (address := link(episode.get("href"))):
        images.append(Image(address))
    files = []
    for enclosure in entry.get("enclosures") or []:
        kind = (enclosure.get("type") or "").split("/")[0]
        if kind in ("", "application", "binary"):  # (no type, or application/octet-stream: what its name says)
            kind = _type_by_name(enclosure.get("href")).split("/")[0]
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
    images = tuple(dict.fromkeys(image for image in images if not _avatar(image.url) and not _tiny(image))) or picture
    if not images and podcast and media and (address := link(cover)):
        images = (Image(address),)
    origin = entry.get("source") if isinstance(entry.get("source"), dict) else None
    player = link((entry.get("media_player") or {}).get("url", ""))
    if not player and entry.get("yt_videoid"):
        player = "https://www.youtube.com/embed/" + "".join(c for c in entry["yt_videoid"] if c.isalnum() or c in "-_")
    return Entry(
        guid=guid,
        # (Feedburner's link is its own redirect; origLink is the article's address on its site)
        link=story,
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
        origin=_plain(origin.get("title"), origin.get("title_detail")) if origin else "",
        origin_link=link(_text(origin.get("link") or origin.get("href"))) if origin else "",
        discussion=discussion,
        author=_author_names(entry, rss),
    )


# (from the start of a run of such characters only: tried from each of them, a long name without an `@` took
# time in the square of its length, minutes for one of 200 kB)
_EMAIL = re.compile(r"(?<![^\s()<>@])[^\s()<>@]+@[^\s()<>@]+")


def _author_names(entry, rss: bool) -> str:
    """An RSS or Atom entry's authors' names. RSS's <author> is an e-mail address, with the name in brackets
    (`sam@x.example (Sam Coder)`), which feedparser splits at the wrong places: such a value is read here,
    its address left out (a page would publish it to spammers). (Atom's names are its <name>s: feedparser's
    `author` mixes one's name with another's address.)"""
    written = _text(entry.get("author"))
    if rss and _EMAIL.search(written):  # (not a handle alone: `@alice`)
        names = [" ".join(_EMAIL.sub(" ", written).translate(_BRACKETS).split())]
    else:
        names = [_text(each.get("name")) for each in entry.get("authors") or [] if isinstance(each, dict)] or [written]
    return _names(names)


_BRACKETS = str.maketrans("()<>[]", "      ")


def _names(names) -> str:
    """Plain-text names, each once, joined with ", " (an e-mail address in one left out)."""
    cleaned = (" ".join(_EMAIL.sub(" ", plain_text(name)).split()) for name in names if isinstance(name, str))
    return ", ".join(dict.fromkeys(name for name in cleaned if name.strip(" ,;:-")))


_HTTP = re.compile(r"\s*https?://", re.I)


def _own_link(element) -> str:
    """An entry's (or a feed's) link. Without a link element, feedparser gives it its id, such as Atom's
    `tag:` or `urn:` URIs: that is its page only when it is an http(s) address (another is no unsafe
    address to warn about, only no page)."""
    given, own = element.get("link"), element.get("id")
    linked = any(isinstance(each, dict) and each.get("href") == given for each in element.get("links") or [])
    if isinstance(given, str) and isinstance(own, str) and own and not _HTTP.match(own) and not linked \
            and element.get("guidislink"):
        return ""
    return given


# HTML escaped once more than it should be, as a CMS that escapes its text before its feed writer escapes it
# again writes it: `&lt;p&gt;Hello&lt;/p&gt;` is the HTML, with no tag of its own, starting with an element's
# escaped tag (text about HTML is seldom all escaped markup from its first character)
_ESCAPED_TAG = re.compile(r"\s*&lt;(?:p|div|a|img|span|b|strong|em|i|br|figure|h[1-6]|ul|ol|li|table|blockquote"
                          r"|section|article|header|picture)(?:\s|&gt;|/)", re.IGNORECASE)


def _unescaped(fragment: str) -> str:
    """An entry's HTML that was escaped twice (_ESCAPED_TAG), as the HTML it escapes; any other as it is."""
    if fragment and "<" not in fragment and _ESCAPED_TAG.match(fragment):
        return htmlmod.unescape(fragment)
    return fragment


def _cleaned(fragment: str, base: str) -> str:
    """An entry's HTML sanitised as every body is (markup.sanitize: a lazy-loading picture's `data-src` made
    its `src`), its relative addresses then resolved against `base` as feedparser resolved the others."""
    if not fragment:
        return ""
    cleaned = sanitize(fragment)
    return resolve_relative_uris(cleaned, base, "utf-8", "text/html") if "<" in cleaned else cleaned


def _plain(value, detail) -> str:
    """A name a feed gives (a <source>'s title) as plain text, when the feed marks it as HTML."""
    text = _text(value)
    return plain_text(text) if text and "html" in (detail or {}).get("type", "") else text


# How link aggregators write an entry's text: who submitted it, where it is discussed, its score, and the story's
# address (its own text, a self post's, apart). Reddit's (and its mirrors'): the post's own text, if any (between
# `<!-- SC_OFF -->` and `<!-- SC_ON -->`), then "submitted by <a>/u/name</a> <br> <span><a href=STORY>[link]</a>
# </span> <span><a href=DISCUSSION>[comments]</a></span>"; a link post's text is a table of its thumbnail and that.
_REDDIT = re.compile(
    r"""submitted\s+by\b.*?<a\b[^>]*?\bhref\s*=\s*(["'])(?P<link>[^"']*)\1[^>]*>\s*\[link\]\s*</a>"""
    r""".*?<a\b[^>]*?\bhref\s*=\s*(["'])(?P<comments>[^"']*)\3[^>]*>\s*\[comments\]\s*</a>""",
    re.DOTALL | re.IGNORECASE)
# hnrss.org's (Hacker News's, Lobsters' and others' feeds): the post's text, if any, then "Article URL: <a>",
# "Comments URL: <a>", "Points: N", "# Comments: N", a paragraph each, at its end
_HNRSS = re.compile(
    r"""(?:<hr\s*/?>\s*)?(?:<p>\s*Article\s+URL:\s*<a\s+href=["'](?P<article>[^"']*)["'][^>]*>[^<]*</a>\s*</p>\s*)?"""
    r"""<p>\s*Comments\s+URL:\s*<a\s+href=["'](?P<comments>[^"']*)["'][^>]*>[^<]*</a>\s*</p>"""
    r"""(?:\s*<p>\s*Points:\s*-?[0-9]+\s*</p>)?(?:\s*<p>\s*\#\s*Comments:\s*[0-9]+\s*</p>)?\s*\Z""", re.IGNORECASE)
# Lemmy's: "submitted by <a>name</a> to <a>community</a><br>N points | <a href=DISCUSSION>N comments</a>", then
# "<br><a href=STORY>STORY</a>" for a link, at its start; then the post's own text
_LEMMY = re.compile(
    r"""\s*submitted\s+by\s+<a\s[^>]*>[^<]*</a>(?:\s+to\s+<a\s[^>]*>[^<]*</a>)?\s*<br\s*/?>\s*-?[0-9]+\s+points?"""
    r"""\s*\|\s*<a\s+href=["'](?P<comments>[^"']*)["'][^>]*>\s*[0-9]+\s+comments?\s*</a>"""
    r"""(?:\s*<br\s*/?>\s*<a\s+href=["'](?P<article>[^"']*)["'][^>]*>[^<]*</a>)?\s*(?:<br\s*/?>)?""", re.IGNORECASE)
# Reddit's own hosts besides reddit.com: its short links, pictures, videos and thumbnails
_REDDIT_HOSTS = ("reddit.com", "redd.it", "redditmedia.com", "redditstatic.com")
_FOOTER_CHARS = 4000  # of an entry's text, at its end: where an aggregator's footer is sought


def _submission(fragment: str) -> tuple[str, str, str] | None:
    """(the story's address or "", the discussion's, the post's own text) of an entry's text as a link
    aggregator writes it (_REDDIT, _HNRSS, _LEMMY), the addresses as written (character references decoded);
    None for any other text. Each shape is sought once, where it is (a footer in the text's last characters),
    so that no text costs more than a reading of it."""
    if not fragment:
        return None
    tail = max(0, len(fragment) - _FOOTER_CHARS)
    at = fragment.lower().rfind("submitted by", tail)
    if at >= 0 and (found := _REDDIT.match(fragment, at)):
        before = fragment[:at]
        # (the post's own text between Reddit's markers, found with one search for each: no hostile run of
        # markers makes the search over the text begin again at each)
        opened = before.find("<!-- SC_OFF -->")
        closed = before.find("<!-- SC_ON -->", opened) if opened >= 0 else -1
        if closed >= 0:
            text = before[opened + len("<!-- SC_OFF -->"):closed]
        else:
            text = "" if "<table" in before.lower() or not _Words.of(before) else before
        return htmlmod.unescape(found["link"]), htmlmod.unescape(found["comments"]), text.strip()
    if found := _HNRSS.search(fragment, tail):
        own = fragment[:found.start()]
    elif found := _LEMMY.match(fragment):
        own = fragment[found.end():]
    else:
        return None
    return htmlmod.unescape(found["article"] or ""), htmlmod.unescape(found["comments"]), own.strip()


def _without_submission(fragment: str) -> str:
    """An entry's text without an aggregator's boilerplate (_submission): the post's own text ("" for a link
    post), not "submitted by /u/name [link] [comments]"."""
    found = _submission(fragment)
    return found[2] if found else fragment


class _Words(HTMLParser):
    """Whether an HTML fragment has any text (not only pictures and markup)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = False

    def handle_data(self, data):
        self.found = self.found or bool(data.strip())

    @classmethod
    def of(cls, fragment: str) -> bool:
        parser = cls()
        parser.feed(fragment)
        parser.close()
        return parser.found


def _one_site(url: str, other: str) -> bool:
    """Whether two addresses are of one site: the same host (but for `www.`), or both Reddit's
    (`old.reddit.com`, `i.redd.it`)."""
    def site(address: str) -> str:
        host = (urlsplit(address).hostname or "").rstrip(".")
        if any(host == own or host.endswith("." + own) for own in _REDDIT_HOSTS):
            return "reddit.com"
        return host.removeprefix("www.")
    return bool(other) and site(url) == site(other)


MIN_PICTURE = 100  # pixels: a picture declared narrower or lower is an icon, an avatar or a tracking pixel


class _FirstPicture(HTMLParser):
    def __init__(self, link: _Addresses, base: str = ""):
        super().__init__(convert_charrefs=True)
        self.link, self.base, self.found = link, base, None

    def handle_starttag(self, tag, attrs):
        if tag != "img" or self.found:
            return
        given = {name: value or "" for name, value in attrs}
        width, height = _int(given.get("width")), _int(given.get("height"))
        small = any(size is not None and size < MIN_PICTURE for size in (width, height))
        kind = given.get("class", "").casefold()
        source = given.get("src", "").strip()
        if not source or source.lower().startswith("data:"):  # (a lazy-loading picture's placeholder)
            lazy = [given.get(name, "") for name in _LAZY_SOURCES]
            lazy += [entry.split()[0] for entry in reversed((given.get("srcset") or given.get("data-srcset") or "")
                                                            .split(", ")) if entry.split()][:1]
            source = next((c.strip() for c in lazy if c.strip()), "")
        if small or any(word in kind for word in ("emoji", "smiley", "avatar", "icon")) or not source:
            return
        if _avatar(source):
            return
        if self.base and not _SCHEME.match(read_url(source)):  # (one with a scheme is checked as written)
            source = joined(self.base, source)
        if address := self.link(source):
            self.found = Image(address, width if height else None, height if width else None)


# A person's picture, not the story's: Gravatar's (WordPress.com's feeds name the author's as a media:content
# of each entry, often its first) and other avatar services' (`avatars.githubusercontent.com`). (Not any
# `/avatar/` path: a story about the film may have its poster there.)
_AVATAR = re.compile(r"https?://(?:[^/?#]*\.)?(?:gravatar\.com|avatars?\.[^/?#]+)(?:[/?#:]|$)", re.IGNORECASE)


def _tiny(image: Image) -> bool:
    """A picture the feed declares too small to show as the story's (Blogger's 72-pixel thumbnail of every
    post): the text's own picture, full size, is the story's then."""
    return any(size is not None and size < MIN_PICTURE for size in (image.width, image.height))


def _avatar(url: str) -> bool:
    return bool(_AVATAR.search(url))


# Where a lazy-loading picture has its address (the build's sanitiser reads them alike: markup._LAZY)
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy")


def _body_picture(fragment: str, link: _Addresses, base: str = "") -> tuple[Image, ...]:
    """The first picture of an entry's text, for an entry whose feed names none (WordPress's and many blogs'
    feeds have their pictures only in the text); not an emoji, an icon or a tracking pixel. `base`: what its
    relative addresses are relative to, where feedparser did not resolve them (a lazy picture's)."""
    if "<img" not in fragment.lower():
        return ()
    parser = _FirstPicture(link, base)
    parser.feed(fragment)
    parser.close()
    return (parser.found,) if parser.found else ()


def _json_feed(body: bytes, url: str, content_type: str, dates: "_Dates") -> Feed:
    """JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), which feedparser does not read."""
    try:
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:  # JSON is UTF-8, but a server may say (rightly) that its feed is not
            charset = _charset(content_type)
            # (else UTF-8 but for a byte or two, each its Windows-1252 character, as in an RSS feed)
            text = body.decode(charset) if charset and charset != "utf-8" else utf8_mostly(body).lstrip("\ufeff")
        data = json.loads(text, parse_int=_json_int)
        if "\\u" in text and _SURROGATE.search(text := json.dumps(data, ensure_ascii=False)):
            data = json.loads(_SURROGATE.sub("\ufffd", text), parse_int=_json_int)
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
        html = written = _unescaped(_text(item.get("content_html")))
        if html:  # its relative links are the item page's (feedparser does this for RSS and Atom)
            html = _cleaned(html, page or url)
        elif item.get("content_text"):
            html = _paragraphs(_text(item.get("content_text")))
        images = tuple(Image(address) for address in map(link, (item.get("image"), item.get("banner_image"))) if address)
        attachments = [a for a in _listed(item.get("attachments")) if isinstance(a, dict)]
        when = dates.json_item(item)
        entries.append(Entry(
            guid=_text(item.get("id")),
            link=page,
            title=_text_decoded(_text(item.get("title"))),
            title_html=False,
            summary=_escape(_text_decoded(_text(item.get("summary")))),
            content=html,
            published=when,
            categories=_tags(_listed(item.get("tags"))),
            images=images or _body_picture(written or html, link, page or url),
            player="",
            media=_media((link(a.get("url")), _text(a.get("mime_type")).split("/")[0], a.get("duration_in_seconds"),
                          a.get("size_in_bytes")) for a in attachments),
            author=_json_authors(item) or _json_authors(data),
        ))
    return Feed(title=_text_decoded(_text(data.get("title"))), link=link(data.get("home_page_url")), entries=tuple(entries),
                unsafe_urls=link.unsafe, refused_dates=dates.refused)


def _json_authors(element: dict) -> str:
    """A JSON Feed item's (or the feed's) authors' names: 1.1's `authors`, else 1.0's `author`."""
    people = _listed(element.get("authors")) or [element.get("author")]
    return _names(_text(person.get("name")) for person in people if isinstance(person, dict))


def _type_by_name(url) -> str:
    """The media type a file's name says (`.jpg` is `image/jpeg`, `.mp3` `audio/mpeg`), else ""."""
    if not isinstance(url, str):
        return ""
    return mimetypes.guess_type(urlsplit(url).path)[0] or ""


def _json_int(digits: str) -> int | str:
    """A JSON integer, or its digits as text when Python makes no int of so many (4,300): one such number
    anywhere in a feed (an id, a size) made all of it "invalid JSON", every entry lost. As a size or a length
    it is then none; as an id, its text."""
    return int(digits) if len(digits) <= _MOST_DIGITS else digits


_MOST_DIGITS = 4000


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


class _Dates:
    """A feed's entries' dates, read as the build reads an item's (the site's `zone` and `language`), with
    those refused counted (`refused`): a date that names two time zones that disagree, or a Solar Hijri one
    (isotime.checked), is no date, rather than the moment feedparser makes of its first zone or of its digits."""

    def __init__(self, zone: tzinfo, language: str):
        self.zone, self.language, self.refused = zone, language, 0

    def entry(self, entry) -> datetime | None:
        """An RSS or Atom entry's date: its published one, else its updated one."""
        return self._first((entry.get("published_parsed"), entry.get("published"), False),
                           (entry.get("updated_parsed"), entry.get("updated"), False))

    def json_item(self, item: dict) -> datetime | None:
        return self._first((None, item.get("date_published"), True), (None, item.get("date_modified"), True))

    def _first(self, *dates) -> datetime | None:
        """The first of these dates that is one; an entry with one refused counted once (feedparser gives an
        RSS entry's pubDate as its updated date too)."""
        refused = self.refused
        for parsed, written, iso in dates:
            if (moment := self.dated(parsed, written, iso)) is not None:
                self.refused = refused
                return moment
        self.refused = min(self.refused, refused + 1)
        return None

    def dated(self, parsed, written, iso: bool = False) -> datetime | None:
        """An entry's date, from feedparser's reading of it (`parsed`) or as written: one that names its time zone
        by a name feedparser reads as UTC (`CET`), or twice, or with another language's words is read here;
        `iso`: a JSON Feed's date, which feedparser does not read."""
        if isinstance(written, str):
            try:
                rewritten = checked(written)
            except Refused:
                self.refused += 1
                return None
            if rewritten != written.strip():  # (`10:00 (CET)`, which feedparser reads as UTC: read here)
                parsed, written = None, rewritten
            site = site_zoned(written, self.zone, lambda text: self.read(text, self.zone))
            if site is not None:
                return _usable(site.astimezone(timezone.utc))
        if iso:
            return _iso_date(written, self.language)
        if isinstance(written, str) and (zone_named(written) or parsed is None):
            return (_worded_date(written, rss=True, language=self.language)
                    or _iso_date(with_offset(written), self.language) or _parsed_date(parsed))
        return _parsed_date(parsed) or _worded_date(written, language=self.language)

    def read(self, text: str, zone: tzinfo) -> datetime | None:
        """A date without a zone's name, a time without a zone in `zone`."""
        return _iso_date(text, self.language, zone)  # (else an RSS date, in English or other words)


def _worded_date(value, rss: bool = False, language: str = "", zone: tzinfo = timezone.utc) -> datetime | None:
    """A date feedparser could not read, written with another language's month and weekday names, as a
    site's locale makes RSS's date (`Mi, 02 Dez 2026 10:00:00 +0100`, `mer., 2 déc. 2026 ...`): read as its
    English spelling is (`rss`: an RSS date in English too). One without a zone is in `zone`: UTC, as
    feedparser reads such a date, but where the site's zone is meant (_Dates.read)."""
    if not isinstance(value, str) or (english := in_english(value, language)) == value and not rss:
        return None
    try:
        # (a date alone, `3 декабря 2025`, is midnight: RFC 2822 wants a time)
        moment = parse_rfc2822(english if ":" in english else english + " 00:00:00")
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    try:
        return _usable(moment.astimezone(timezone.utc))
    except (ValueError, OverflowError):
        return None


def _iso_date(value, language: str = "", zone: tzinfo = timezone.utc) -> datetime | None:
    """A JSON Feed's date: RFC 3339, as its specification says, else an RSS date (RFC 2822, in English or
    another language's words), as feeds converted from RSS write it."""
    if not isinstance(value, str):
        return None
    try:
        moment = parse_iso(value)
    except ValueError:
        return _worded_date(value, rss=True, language=language, zone=zone)
    try:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
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
