"""A feed's single values as newsdesk reads them: text (text_of, text_decoded), HTML escaped twice or
sanitised (unescaped, cleaned_html), plain text as paragraphs, numbers, lists and tags, authors' names, an
episode's or video's file (media_of), a download's (download_of), a Content-Type's charset."""

from __future__ import annotations

import codecs
import html as htmlmod
import math
import mimetypes
import re
from urllib.parse import urlsplit

from feedparser.urls import resolve_relative_uris

from generator.fetch.east_asian import LABELS, WIDER
from generator.fetch.feed import Download, Media
from generator.site.markup import sanitize
from generator.site.text import plain_text


# A character reference, with its semicolon (without one, `&copy` in "AT&copy" would be read as one)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def text_decoded(text: str) -> str:
    """A plain text with its character references decoded: a feed that says its title is text but writes
    `Fish &amp;amp; chips` (`Fish &amp; chips` once read as XML) escaped it twice, and means "Fish & chips"."""
    return _REFERENCE.sub(lambda match: htmlmod.unescape(match[0]), text) if "&" in text else text


# (from the start of a run of such characters only: tried from each of them, a long name without an `@` took
# time in the square of its length: docs/dev/performance.md)
EMAIL = re.compile(r"(?<![^\s()<>@])[^\s()<>@]+@[^\s()<>@]+")


def names_of(names) -> str:
    """Plain-text names, each once, joined with ", " (an e-mail address in one left out)."""
    cleaned = (" ".join(EMAIL.sub(" ", plain_text(name)).split()) for name in names if isinstance(name, str))
    return ", ".join(dict.fromkeys(name for name in cleaned if name.strip(" ,;:-")))


# HTML escaped once more than it should be, as a CMS that escapes its text before its feed writer escapes it
# again writes it: `&lt;p&gt;Hello&lt;/p&gt;` is the HTML, with no tag of its own, starting with an element's
# escaped tag (text about HTML is seldom all escaped markup from its first character)
_ESCAPED_TAG = re.compile(r"\s*&lt;(?:p|div|a|img|span|b|strong|em|i|br|figure|h[1-6]|ul|ol|li|table|blockquote"
                          r"|section|article|header|picture)(?:\s|&gt;|/)", re.IGNORECASE)


def unescaped(fragment: str) -> str:
    """An entry's HTML that was escaped twice (_ESCAPED_TAG), as the HTML it escapes; any other as it is."""
    if fragment and "<" not in fragment and _ESCAPED_TAG.match(fragment):
        return htmlmod.unescape(fragment)
    return fragment


def cleaned_html(fragment: str, base: str) -> str:
    """An entry's HTML sanitised as every body is (markup.sanitize: a lazy-loading picture's `data-src` made
    its `src`), its relative addresses then resolved against `base` as feedparser resolved the others."""
    if not fragment:
        return ""
    cleaned = sanitize(fragment)
    return resolve_relative_uris(cleaned, base, "utf-8", "text/html") if "<" in cleaned else cleaned


def type_by_name(url) -> str:
    """The media type a file's name says (`.jpg` is `image/jpeg`, `.mp3` `audio/mpeg`), else ""."""
    if not isinstance(url, str):
        return ""
    return mimetypes.guess_type(urlsplit(url).path)[0] or ""


def media_of(files) -> Media | None:
    """The first of (url, kind, length, size) that is an audio or video file at an http(s) address, with the
    length and size another of the same address gives when it has none (an RSS enclosure has no room for a
    length: its media:content gives it)."""
    files = [(url, kind, _seconds(length), int_of(size)) for url, kind, length, size in files
             if url and kind in ("audio", "video")]
    if not files:
        return None
    url, kind, seconds, size = files[0]
    seconds = seconds or next((other[2] for other in files if other[0] == url and other[2]), None)
    # (feeds write a length of 0 or 1 byte for "unknown": no file a reader would fetch is that small)
    size = next((other[3] for other in files if other[0] == url and other[3] and other[3] >= 1024), None)
    return Media(url, kind, seconds, size)


def download_of(files, price) -> Download | None:
    """The first of (url, media type, size) that is a file to download at an http(s) address: a type of
    `application/` (`application/pdf`, bytes), but a feed's or a page's (XML, HTML, JSON); with the price a feed's
    media:price (`{price, currency}`, as feedparser and newsdesk's JSON Feeds give it) says."""
    found = next(((url, size) for url, kind, size in files if url and kind.startswith(("application/", "binary/"))
                  and not _NO_DOWNLOAD.search(kind.split(";")[0].strip())), None)
    if not found:
        return None
    price = price if isinstance(price, dict) else {}
    amount = price.get("price", price.get("amount"))
    try:
        amount = float(text_of(amount)) if not isinstance(amount, bool) else None
    except ValueError:
        amount = None
    if amount is None or not 0 <= amount < 1e15:
        amount = None
    currency = " ".join(text_of(price.get("currency"))[:10].split()) if amount is not None else ""
    return Download(found[0], int_of(found[1]), amount, currency)


# A feed's or a page's type (`application/rss+xml`, `application/xhtml+xml`, `application/json`): no file to keep
_NO_DOWNLOAD = re.compile(r"[/+](?:xml|json)$|html", re.IGNORECASE)


def player_seconds(played) -> int | None:
    """The first length of (url, kind, length, size) that is one: a video's when it plays in its site's player,
    from the player's own media:content (YouTube's Flash embed, another host's web page)."""
    return next((seconds for _, _, length, _ in played if (seconds := _seconds(length))), None)


def odd_values(files) -> tuple[str, ...]:
    """The lengths and sizes of an entry's sound and video files that are none (`-5`, `soon`, more seconds than
    three years hold), as the user is shown them: at most MOST_ODD of them."""
    found: dict[str, None] = {}
    for _, kind, length, size in files:
        if kind not in ("audio", "video"):
            continue
        for what, value, read in (("length", length, _seconds), ("size", size, int_of)):
            text = text_of(value) if not isinstance(value, bool) else str(value)
            if text and read(value) is None and not _NOUGHT.fullmatch(text):
                found[f"the {what} {_shown(text)}"] = None
                if len(found) == MOST_ODD:
                    return tuple(found)
    return tuple(found)


MOST_ODD = 3
_NOUGHT = re.compile(r"[0:.]+")  # (feeds write 0 for "unknown")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:29] + "…")


# itunes:duration is seconds (`3753`) or `H:MM:SS`, `MM:SS` (some hosts add milliseconds: `00:45:10.480`);
# media:content's is seconds too. Only a clock's leading part passes 59 (`75:30`): `4:75` is no time a clock
# shows, and no length (as the build reads an item's `length`, site/quantities.py)
_CLOCK = re.compile(r"(?:(\d{1,4}):([0-5]?\d)|(\d{1,4})):([0-5]?\d)(?:\.\d+)?|(\d{1,9})(?:\.\d+)?")


def _seconds(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        value = text_of(value)  # (10**400 is no float: math.isfinite raised on it)
    match = _CLOCK.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    hours, minutes, leading, seconds, alone = match.groups()
    total = int(alone) if alone else (int(hours or 0) * 60 + int(minutes or leading)) * 60 + int(seconds)
    return total if 0 < total < 10**8 else None


# Python's codecs that are no charset of text on the web: its transforms of bytes (a JSON Feed served as
# `charset=hex` failed with "LookupError: 'hex' is not a text encoding"), of text, of escapes and of host
# names, UTF-7 (which browsers refuse: it hides markup) and `undefined` (which decodes nothing). A feed that
# names one is read as if it named none, as a browser reads it.
_NO_CHARSET = frozenset({"base64", "bz2", "hex", "quopri", "uu", "zlib", "rot-13", "unicode-escape",
                         "raw-unicode-escape", "idna", "punycode", "utf-7", "undefined"})


def charset_of(content_type: str) -> str:
    """The charset a Content-Type header names (charset_named)."""
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return charset_named(value.strip().strip('"'))
    return ""


def charset_named(label: str) -> str:
    """Python's name of the charset a header or an XML declaration names, if Python knows it as one of text
    (_NO_CHARSET), a legacy East Asian one's as the wider charset browsers read for it (east_asian.py); else ""."""
    if label.lower() in LABELS:
        return LABELS[label.lower()]
    try:
        known = codecs.lookup(label).name
    except LookupError:
        return ""
    return "" if known in _NO_CHARSET else WIDER.get(known, known)


def no_charset(label: str) -> bool:
    """Whether a charset's label is one Python knows as a codec but no charset of text (_NO_CHARSET): read as if
    none were named. (An unknown label is feedparser's to pass over, as it does.)"""
    try:
        return codecs.lookup(label).name in _NO_CHARSET
    except LookupError:
        return False


def charset_read(content_type: str) -> str:
    """A Content-Type header as a feed is read by it: without a charset that is none (no_charset; feedparser takes
    the header's charset as it finds it, and failed on the whole feed at `charset=undefined`)."""
    if "charset" not in content_type.lower():
        return content_type
    return ";".join(parameter for parameter in content_type.split(";")
                    if parameter.partition("=")[0].strip().lower() != "charset"
                    or not no_charset(parameter.partition("=")[2].strip().strip('"')))


def without_charset(content_type: str) -> str:
    """A Content-Type header without its charset (a feed's byte order mark says it)."""
    return ";".join(parameter for parameter in content_type.split(";")
                    if parameter.partition("=")[0].strip().lower() != "charset")


def listed(value) -> list:
    """A feed's list (of tags, of attachments): a plain string is one (not one per letter); a number or a
    map, none."""
    if isinstance(value, (str, dict)):
        return [value] if isinstance(value, str) else []
    return list(value) if isinstance(value, (list, tuple)) else []


def tags_of(values) -> tuple[str, ...]:
    """The text tags among `values`: a number is its digits; null, lists and maps are no tag."""
    return tuple(text for text in map(text_of, values) if text)


def text_of(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # (however long: 10**400 is no float, and math.isfinite raised on it)
    if isinstance(value, float):
        # (Python's JSON reader takes NaN and Infinity: no title, id or tag is "nan")
        return str(value) if math.isfinite(value) else ""
    return value.strip() if isinstance(value, str) else ""


def html_escaped(text: str) -> str:
    """Plain text as HTML's text (quotes as they are: no attribute holds it)."""
    return htmlmod.escape(text, quote=False)


BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str) -> str:
    """A plain text (JSON Feed's content_text, Atom's text content) as HTML: a paragraph for each run of lines
    between blank ones, a line break for each other line break, as its writer laid it out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return "".join(f"<p>{html_escaped(part.strip()).replace(chr(10), '<br>' + chr(10))}</p>"
                   for part in BLANK_LINES.split(text) if part.strip())


def int_of(value) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
