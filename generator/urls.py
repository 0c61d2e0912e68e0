"""Slugs and URLs: the only way content text becomes part of an output path or a link.

Output paths are made from slugs alone ([a-z0-9-], bounded length), so no title,
file name or field can make the build write outside the output folder. URLs taken
from content are kept only with a safe scheme.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from anyascii import anyascii

MAX_SLUG = 80
_UNSAFE_IN_URL = re.compile(r'[\x00-\x20"<>\\`\x7f]')
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Symbols that carry meaning in names ("C++", "C#", "Q&A") are spelled out rather than dropped,
# so that different names do not end up with the same slug.
_SPELLED = str.maketrans({"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "})


def slugify(text: str, fallback: str = "") -> str:
    """Transliterate to ASCII, lower-case, keep [a-z0-9-], cut at a word boundary.

    Text with nothing left (only emoji, say) gets a short stable hash so that it
    still has a unique, safe slug.
    """
    slug = _NOT_SLUG.sub("-", anyascii(str(text).translate(_SPELLED)).lower()).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    if not slug:
        seed = str(text) or fallback
        slug = "x-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]
    return slug


def safe_url(value, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """The URL if it is absolute with an allowed scheme and a host; else the empty string."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if _UNSAFE_IN_URL.search(value):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in schemes or not parts.netloc:
        return ""
    return value


_STATIC_PATH = re.compile(r"/?(static(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)+)")


def static_path(value) -> str:
    """A file of the site's own static/ folder named site-relatively (`static/x.png` or `/static/x.png`), as
    `static/x.png`; else the empty string. Plain names only: no `..`, no hidden files, nothing to escape."""
    match = _STATIC_PATH.fullmatch(value.strip()) if isinstance(value, str) else None
    return match.group(1) if match else ""


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def site_url(base_url: str, path: str) -> str:
    """urljoin(base_url, path), fast for the plain relative paths newsdesk makes ("news/2026/x/",
    "feeds/top.xml"): it is called for several links of every page and every feed entry, and urljoin
    parses both URLs each time. Anything else (absolute, rooted, dotted, with a query) goes to urljoin."""
    if base_url.endswith("/") and path and path[0] not in "/.?#" and not _NOT_PLAIN.search(path):
        return base_url + path
    return _join(base_url, path)


def origin_url(base_url: str, rooted: str) -> str:
    """urljoin(base_url, rooted) for a path starting with one "/" (what `url()` in templates returns)."""
    if rooted.startswith("/") and not rooted.startswith("//") and not _NOT_PLAIN.search(rooted):
        return url_origin(base_url) + rooted
    return _join(base_url, rooted)


@lru_cache(maxsize=1 << 16)
def _join(base_url: str, path: str) -> str:
    # Mostly a story's image or logo URL, which is on several pages and feeds: parsed once, not each time.
    return urljoin(base_url, path)


@lru_cache(maxsize=16)
def url_origin(base_url: str) -> str:
    """scheme://host[:port] of a URL, the part a rooted path is put after (parsed once per base URL:
    every page makes several absolute links)."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


_NOT_PLAIN = re.compile(r"[:?#\\]|/\.|\.\.|^\.|//")  # what urljoin would resolve or normalise
