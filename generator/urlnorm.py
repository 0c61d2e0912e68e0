"""One story, one URL: the key under which two links to the same page compare equal.

Feeds and crawlers link the same article in many spellings: the AMP page, Google's AMP
cache, the mobile host, `www.` or not, with campaign parameters, a fragment, a default
port. `canonical_url` folds them into one key. Fetch uses it to name a feed entry
without a guid, and stories use it to see that two providers' items link the same page.

The result is a key for comparing, not a link to show: it may name a host (no `www.`)
or a scheme (`https`) that the site itself does not answer on.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from generator.urls import url_host

# Query parameters that say how a reader arrived, not which page they read (compared in lower case: `CMP`, `cmp`).
# Never one that some site reads to choose the page: `id`, `p`, `page`, `ref` (a branch on code hosts), `source`,
# `cid` (a content id on some sites), `partner`, `feature`.
_TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
    "ref_src", "ref_url", "cmpid", "ocid", "smid", "mkt_tok", "_hsenc", "_hsmi", "__twitter_impression",
    "wbraid", "gbraid", "ttclid", "li_fat_id", "srsltid", "s_kwcid",  # ad clicks: Google, TikTok, LinkedIn, Adobe
    "cmp", "ncid", "icid", "sr_share", "s_cid", "xtor", "at_medium", "at_campaign", "wt.mc_id",  # publishers' campaigns
    "guccounter", "guce_referrer", "guce_referrer_sig",  # Yahoo's consent page sends readers back with these
    "amp", "outputtype",  # ?amp=1, ?outputType=amp: the AMP rendering of the same page
    "usqp", "aoh", "ampshare",  # what Google's AMP cache and viewer add (and its runtime's amp_*, below)
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "amp_")
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_AMP_CACHE = re.compile(r"^/(?:c|v|i)/(s/)?(.+)$")  # https://example-com.cdn.ampproject.org/c/s/example.com/path
_GOOGLE_AMP = re.compile(r"^/amp/(s/)?(.+)$")  # https://www.google.com/amp/s/example.com/path
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def canonical_url(url: str) -> str:
    """The comparison key of an http(s) URL; anything else comes back stripped of surrounding space.

    - `https` for `http`, the host in lower case without `www.`, `m.`, `mobile.`, `amp.` or a trailing dot,
      no user name or password, no default port;
    - an AMP cache URL (`*.cdn.ampproject.org/c/s/...`, `google.com/amp/s/...`) becomes the page it caches;
    - AMP paths lose their AMP part: `/amp/x`, `/x/amp/`, `/x.amp`, `/x.amp.html`;
    - tracking parameters go (`utm_*`, `fbclid`, `gclid`, ..., `amp=1` and the AMP cache's `amp_js_v`, `usqp`),
      the rest are sorted (an `&` written `&amp;` is an `&`);
    - no fragment; no trailing slash (but for the root); percent escapes of letters and digits decoded,
      the others in upper case.
    """
    return _canonical(url.strip() if isinstance(url, str) else "")


# The same URLs are asked for again and again: an item's reader drops the `related` entries that are its own
# page and its stories' words then key the same URLs, and an item's `related` URLs are mostly other items' URLs;
# a story's pages each look up its members' URLs (plan/pages.py), planned near one another.
@functools.lru_cache(maxsize=1 << 15)
def _canonical(text: str) -> str:
    for _ in range(3):  # a cache URL of a cache URL is unwrapped too, a bounded number of times
        unwrapped = _unwrap_cache(text)
        if unwrapped == text:
            break
        text = unwrapped
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return text
    host = url_host(parts).rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    return urlunsplit(("https", host, _path(parts.path), _query(parts.query), ""))


def _unwrap_cache(text: str) -> str:
    lowered = text.lower()
    if ".cdn.ampproject.org" not in lowered and "google." not in lowered:
        return text  # (most URLs: not parsed twice)
    try:
        parts = urlsplit(text)
        host = url_host(parts)
    except ValueError:
        return text
    match = None
    if host.endswith(".cdn.ampproject.org"):
        match = _AMP_CACHE.match(parts.path)
    elif host.startswith("www.google.") or host.startswith("google."):
        match = _GOOGLE_AMP.match(parts.path)
    if not match:
        return text
    inner = ("https://" if match.group(1) else "http://") + match.group(2)
    return inner + (f"?{parts.query}" if parts.query else "")


def _path(path: str) -> str:
    if "%" in path:
        path = _ESCAPE.sub(_escape, path)
    if "//" in path:
        path = re.sub(r"/{2,}", "/", path)
    segments = path.split("/")
    if len(segments) > 2 and segments[1].lower() == "amp":  # /amp/story -> /story
        segments.pop(1)
    if len(segments) > 2 and segments[-1] == "" and segments[-2].lower() == "amp":  # /story/amp/ -> /story
        segments = segments[:-2] + [""]
    elif len(segments) > 2 and segments[-1].lower() == "amp":  # /story/amp -> /story
        segments.pop()
    last = segments[-1]
    lowered = last.lower()
    if lowered.endswith(".amp.html"):
        segments[-1] = last[: -len(".amp.html")] + ".html"
    elif lowered.endswith(".amp") and len(last) > 4:
        segments[-1] = last[: -len(".amp")]
    path = "/".join(segments)
    if len(path) > 1:
        path = path.rstrip("/")
    return path or "/"


def _escape(match: re.Match) -> str:
    char = unquote(match.group(0))
    return char if char in _UNRESERVED else match.group(0).upper()


def _query(query: str) -> str:
    if not query:
        return ""
    kept = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key[:4].lower() == "amp;":
            key = key[4:]  # `a=1&amp;b=2`: an `&` left HTML-escaped, as crawlers copy links out of a page's source
        name = key.lower()
        if name in _TRACKING or name.startswith(_TRACKING_PREFIXES):
            continue
        kept.append((key, value))
    return urlencode(sorted(kept), quote_via=quote)
