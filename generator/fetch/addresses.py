"""A feed's URLs as a browser reads them (Addresses): relative ones resolved against the feed's (or an
entry's xml:base) address, and only safe http(s) ones kept, those left out for their scheme counted."""

from __future__ import annotations

import html as htmlmod
import re

from generator.urls import joined, read_url, safe_url


class Addresses:
    """A feed's URLs as a browser reads them (urls.read_url, as front matter's and bodies' are: C0 controls and
    spaces around them stripped, tabs and line breaks in them removed, `https:/host` and `https:\\\\host\\x` as
    `https://host/...`), a relative one resolved against the feed's URL; kept only
    as a safe http(s) URL (urls.safe_url). `java&#x9;script:` is `javascript:` to a browser, and to the build,
    which decodes a URL's character references once (crawlers copy them from HTML attributes): when the
    XML is broken, feedparser's fallback parser leaves them in attributes as written, and a JSON Feed has
    none to decode. A URL with another scheme, as written or so decoded, is left out and counted in
    `unsafe`, rather than made a path of the feed's site."""

    def __init__(self, base: str, counted: "Addresses | None" = None):
        self.base = base
        self.unsafe = 0
        self.counted = counted or self  # (where the left-out ones are counted: the feed's)

    def at(self, base) -> "Addresses":
        """The same, resolving against another base: an entry's or a content's xml:base (itself resolved
        against this one when relative)."""
        if not isinstance(base, str) or not base or base == self.base:
            return self
        base = joined(self.base, base)
        return Addresses(base, self.counted) if HTTP.match(base) else self

    def __call__(self, value) -> str:
        text = read_url(value) if isinstance(value, str) else ""
        if not text:
            return ""
        for reading in (text, read_url(htmlmod.unescape(text)) if "&" in text else ""):
            scheme = SCHEME.match(reading)
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
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


HTTP = re.compile(r"\s*https?://", re.I)
