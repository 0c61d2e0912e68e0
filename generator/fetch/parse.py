"""Feed bytes -> Feed: RSS 0.9x/1.0 (RDF)/2.0 and Atom through feedparser, JSON Feed 1.0/1.1 (json_feed.py).

feedparser detects the charset (HTTP header, XML declaration, byte order mark, then guesses), resolves
relative links against xml:base and the feed's URL, and reads broken XML as well as it can. What comes out
is still untrusted: items.py sanitises every piece of HTML and keeps only http(s) URLs. Here: which format
the bytes are, what they are when no feed (NotAFeed: a web page names its feed), and the channel; each
entry is read in rss_atom.py.
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from datetime import timezone, tzinfo
from html.parser import HTMLParser
from xml.sax import SAXParseException

import feedparser

from generator.fetch.addresses import Addresses
from generator.fetch.bounds import bounded
from generator.fetch.east_asian import as_utf8
from generator.fetch.episodes import prefix_of
from generator.fetch.explicit import explicit_marks
from generator.fetch.feed import CHECK, Feed, NotAFeed
from generator.fetch.feed_dates import Dates
from generator.fetch.feed_values import (charset_named, charset_of, charset_read, no_charset, text_of,
                                         without_charset)
from generator.fetch.json_feed import json_feed
from generator.fetch.picture_words import picture_words
from generator.fetch.rss_atom import link_of, linked_by_guid, read_entry, title_of, written_guids
from generator.textfiles import unmangled, utf8_mostly
from generator.urls import joined, safe_url


# A character reference to no character (a surrogate, beyond U+10FFFF): feedparser's fallback parser fails on
# the whole feed when it meets one, so each becomes U+FFFD first, as an HTML parser shows it.
_NUMERIC_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def parse_feed(body: bytes, url: str, content_type: str = "", max_bytes: int = 10 * 1024 * 1024,
               zone: tzinfo = timezone.utc, language: str = "", given: str = "") -> Feed:
    """The feed `body` is; NotAFeed when it is none. `zone` and `language`: the site's, as the build reads an
    item's date by them (a name of several zones, `IST`, as the site's zone when it goes by it then; a name
    of two months, `listopada`, as the site's language means it); `given`: the source's `language`, which
    its dates are read by instead, else by the feed's own (Dates.declare)."""
    dates = Dates(zone, language, given)
    content_type = charset_read(content_type)
    if body[:2] == b"\x1f\x8b":  # a .xml.gz file served as it is, without Content-Encoding: gzip
        body = _gunzipped(body, max_bytes)
    wide = _wide_json(body)
    if wide is not None:  # (its header's charset, if any, is the server's default: the text says what it is)
        body, content_type = wide, without_charset(content_type)
    if body[:4] in (b"<\x00\x00\x00", b"\x00\x00\x00<"):
        # UTF-32 without its byte order mark, which XML finds by the `<` and its three zero bytes
        body = (codecs.BOM_UTF32_LE if body[0] else codecs.BOM_UTF32_BE) + body
    elif body[:2] in (b"<\x00", b"\x00<") and body[2:4] != b"\x00\x00":
        # UTF-16 without its byte order mark, which XML finds by the `<` and its zero byte (feedparser does not)
        body = (codecs.BOM_UTF16_LE if body[0] else codecs.BOM_UTF16_BE) + body
    if body.startswith(_BOMS):  # (it says the charset, whatever the header names: as XML and browsers read it)
        content_type = without_charset(content_type)
    declared = _XML_ENCODING.match(body[:500])
    if declared and no_charset(declared[1].decode("ascii")):  # (`encoding="undefined"` failed the whole feed)
        body = body[:declared.start(1)] + b"utf-8" + body[declared.end(1):]  # (as XML reads none: UTF-8)
    elif not body.startswith(_BOMS):
        charset = charset_of(content_type) or (charset_named(declared[1].decode("ascii")) if declared else "")
        if (legacy := as_utf8(body, charset, (given, language))) is not None:
            body, content_type = legacy, without_charset(content_type)
    if _says_utf8(body, content_type) and (meant := unmangled(text := utf8_mostly(body))) != text:
        body = meant.encode("utf-8")  # ("PerchÃ©": UTF-8 that a CMS read as Windows-1252, then wrote again)
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise NotAFeed(f"an empty answer: the server sent nothing; {CHECK}")
    # (by its first character: servers label RSS application/json, and JSON text/plain)
    if head.startswith(b"{") or ("json" in content_type.lower() and not head.startswith(b"<")):
        return json_feed(body, url, content_type, dates)
    if b"&#" in body:
        body = _NUMERIC_REF.sub(_character_ref, body)
    if _meant_as_utf8(body, content_type):
        # A UTF-8 feed with a byte or two that is not (a word pasted from a Windows program into one entry):
        # feedparser read all of it as Windows-1252 then, and every other entry's accents were mojibake
        # ("CafÃ©"). Only those bytes are read so, as in item files.
        body = utf8_mostly(body).encode("utf-8")
    # feedparser's own sanitiser is off: it drops what lazy-loading pictures need (`data-src`, `srcset`) before
    # newsdesk's could make them the pictures' `src`. Every piece of HTML is sanitised here instead (cleaned_html),
    # and titles are made plain text, their scripts' and styles' text dropped (text.plain_text).
    # Nor does feedparser get the feed's URL: it would resolve links against it its own way (urljoin, which
    # takes `\\host\x` for a path) before Addresses reads them as a browser does (urls.joined).
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
    dates.declare(channel.get("language"))  # (RSS's <language> or dc:language, Atom's xml:lang)
    link = Addresses(url)
    show = channel.get("image")  # a podcast's cover (itunes:image), its episodes' picture when they have none
    cover = text_of(show.get("href")) if isinstance(show, dict) else ""
    rss = (parsed.version or "").startswith("rss")
    words = picture_words(body) if any("media_content" in entry or "media_thumbnail" in entry
                                       for entry in parsed.entries) else {}
    written = written_guids(body, parsed.get("encoding")) if rss and any(map(linked_by_guid, parsed.entries)) else set()
    # (a podcast's episodes, by Apple's tags as read_entry tells them: whether each is explicit)
    podcast = any(key.startswith("itunes_") for entry in parsed.entries for key in entry)
    show, marks = explicit_marks(body) if podcast else (None, [])
    prefix = prefix_of(parsed.get("namespaces")) if podcast else "podcast"
    return Feed(title=title_of(channel), link=link(link_of(channel)),
                entries=tuple(read_entry(entry, link, dates, rss=rss, cover=cover, guids=written, words=words,
                                         explicit=marks[n] if n < len(marks) and marks[n] is not None else show,
                                         prefix=prefix)
                              for n, entry in enumerate(parsed.entries)),
                title_html="html" in (channel.get("title_detail") or {}).get("type", "text/plain"),
                unsafe_urls=link.unsafe, refused_dates=dates.refused, cuts=cuts, language=dates.declared)


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


def _wide_json(body: bytes) -> bytes | None:
    """A JSON text in UTF-16 or UTF-32 as UTF-8, else None. JSON is UTF-8, but Windows tools save it in UTF-16 with
    a byte order mark, and RFC 4627 finds UTF-16 and UTF-32 without one by the zero bytes around the first
    character (json.detect_encoding); an XML feed in them (`<` first) is feedparser's to read."""
    if b"\x00" not in body[:4] and not body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    encoding = json.detect_encoding(body)
    if encoding == "utf-8" or not body[:64].decode(encoding, "ignore").lstrip("\ufeff \t\r\n").startswith("{"):
        return None
    try:
        return body.decode(encoding).lstrip("\ufeff").encode("utf-8")
    except UnicodeError:  # (a lone surrogate: not JSON's either; said as invalid JSON, as it was)
        return None


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # (UTF-32LE's starts as
# UTF-16LE's does)
_XML_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _says_utf8(body: bytes, content_type: str) -> bool:
    """Whether a feed says (or, saying nothing, means) that it is UTF-8: its HTTP charset and its XML declaration
    name UTF-8 or nothing, and it starts with no UTF-16 or UTF-32 byte order mark (UTF-32 of ASCII is valid UTF-8:
    its zero bytes are)."""
    if body.startswith(_BOMS[1:]) or charset_of(content_type) not in ("", "utf-8"):
        return False
    declared = _XML_ENCODING.match(body[:500])
    return not declared or declared.group(1).decode("ascii").lower().replace("_", "-") in ("utf-8", "utf8")


def _meant_as_utf8(body: bytes, content_type: str) -> bool:
    """Whether a feed that is not UTF-8 throughout says (or, saying nothing, means) that it is (_says_utf8)."""
    if not _says_utf8(body, content_type):
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
