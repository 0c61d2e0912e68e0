"""Slugs and URLs: the only way content text becomes part of an output path or a link.

Output paths are made from slugs alone ([a-z0-9-], bounded length), so no title,
file name or field can make the build write outside the output folder. URLs taken
from content are kept only with a safe scheme.

Slugs are also portable: a built site is a git branch that people clone on Windows
and macOS. They are lower case (no two outputs differ only by case), never end in a
dot or space, are never a Windows device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9,
which Windows reserves with any extension too: `con` becomes `con_`), and are at most
MAX_SLUG characters; a longer one is cut and given a short hash of the whole, so two
long names that start alike keep apart. Every output path newsdesk makes is then
under 120 characters (the longest, `api/news/<slug>/page/<n>/index.json`, ~110),
which leaves 140 of Windows' 260 (MAX_PATH) for the folder a site is cloned into.
Files of a theme's or the site's own `static/` are copied under their own names, when a published site can
hold them (publishable_name).
"""

from __future__ import annotations

import hashlib
import html as htmlmod
import re
import unicodedata
from functools import lru_cache
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

from anyascii import anyascii

from generator.hosts import ascii_host, lower_host, private_host, read_host, readable_host
from generator.languages import primary

MAX_SLUG = 80
# An address longer than this is no link (field_url, and a body's links and pictures): servers refuse a request
# line past about 8 KB (414, or 400) and browsers and feed readers past a few thousand characters more, and a
# crawler's runaway address was written whole into every page, feed and API file that shows its story.
MAX_URL = 8192
_HASHED = 8  # hex digits of the hash that keeps a cut or clashing slug apart
_DEVICE = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")  # Windows device names (slugify leaves no dot)
_UNSAFE_IN_URL = re.compile(r'[\x00-\x20"<>\\`\x7f]')
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Unicode's tag characters, which show nothing (after a black flag they name a region's flag) and which anyascii
# spells as the ASCII letters they tag: `x<TAG A>y.md` was the slug `xay`. Dropped, as other invisible ones are.
_TAGS = re.compile("[\U000e0000-\U000e007f]+")
# The marks of India's scripts that anyascii writes as an apostrophe, a break between words in a slug: the nukta
# (`ज़`: `ज` and a nukta, `j'`) and the like. A letter and such a mark that Unicode also has as one letter, which
# NFC leaves as two (`ज़`, U+095B, `z`), is written as that letter; any other such mark goes (Gujarati `ફ઼` is `ph`).
_APART = "".join(chr(point) for point in range(0x0900, 0x0E00)
                 if unicodedata.category(chr(point))[0] == "M" and anyascii(chr(point)) == "'")
_AS_ONE = {pair: letter for letter, pair in ((chr(point), unicodedata.normalize("NFD", chr(point)))
                                              for point in range(0x0900, 0x0E00))
           if len(pair) == 2 and pair[1] in _APART}
_PAIR = re.compile("|".join(_AS_ONE))
_MARK_APART = re.compile(f"[{_APART}]")

# Symbols that carry meaning in names ("C++", "C#", "Q&A") are spelled out rather than dropped,
# so that different names do not end up with the same slug.
_SPELLED = str.maketrans({"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "})
# German writes its umlauts so where it has none (addresses, typewriters): `Glätte` (black ice) is `glaette`, not
# `glatte` (smooth). Only on a German site: Swedish, Finnish or Turkish drop the dots.
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# `&` in an address is the site's language's own "and", as its readers say it: `Recherche & Innovation` on a French
# site is `recherche-et-innovation`, `Klima & Umwelt` on a German one `klima-und-umwelt`. Languages written in Latin
# letters only (as addresses are): elsewhere (Arabic, Hebrew, Persian, Urdu, Japanese, Russian...) `&` is mostly in a
# Latin brand's name (H&M, AT&T), which is said with the English word (Japanese reads it アンド too), so `and` stays.
AND_WORDS = {
    "af": "en", "ca": "i", "cs": "a", "cy": "a", "da": "og", "de": "und", "eo": "kaj", "es": "y", "et": "ja",
    "eu": "eta", "fi": "ja", "fr": "et", "ga": "agus", "gl": "e", "hr": "i", "bs": "i", "hu": "és", "id": "dan",
    "is": "og", "it": "e", "la": "et", "lt": "ir", "lv": "un", "ms": "dan", "mt": "u", "nb": "og", "nl": "en",
    "nn": "og", "no": "og", "pl": "i", "pt": "e", "ro": "și", "sk": "a", "sl": "in", "sq": "dhe", "sv": "och",
    "sw": "na", "tl": "at", "tr": "ve", "vi": "và",
}


def slugify(text: str, fallback: str = "", language: str = "") -> str:
    """Transliterate to ASCII, lower-case, keep [a-z0-9-], cut at a word boundary with a hash of the rest;
    `language`: the site's (`config.language`), for German's letters and the language's word for `&`.

    Text with nothing left (only emoji, say) gets a short stable hash so that it
    still has a unique, safe slug. A Windows device name gets a `_` (see above).
    """
    text = str(text)
    slug = plain_slug(text, language)
    if not slug:
        seed = text or fallback
        slug = "x-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]
    return slug + "_" if device_name(slug) else slug


def plain_slug(text: str, language: str = "") -> str:
    """`text` as slugify makes it a slug (transliterated, lower-case, [a-z0-9-], cut), or "" when nothing of it is
    left: no letter or digit (`???`), or only characters that show nothing."""
    text = str(text)
    shown = text if text.isascii() else _TAGS.sub("", text)
    language = primary(language)
    if language == "de":
        shown = unicodedata.normalize("NFC", shown).translate(_GERMAN)  # (`u` and a combining diaeresis too)
    if language in AND_WORDS and "&" in shown:
        shown = shown.replace("&", f" {AND_WORDS[language]} ")
    if not shown.isascii():
        shown = _MARK_APART.sub("", _PAIR.sub(lambda pair: _AS_ONE[pair[0]], shown))
    slug = _NOT_SLUG.sub("-", anyascii(spell_symbols(shown)).lower()).strip("-")
    return distinct_slug(slug, slug) if len(slug) > MAX_SLUG else slug


def device_name(name: str) -> bool:
    """Whether a lower-case file name (without its extension) is one Windows reserves (CON, NUL, COM1 ...)."""
    return _DEVICE.fullmatch(name) is not None


# What no published file's name may hold: a control character (deploy hands each name to git fast-import on a line
# of its own: a line break ends the name, and what follows it is read as fast-import's next command) or a lone
# surrogate, a byte that is not UTF-8 as the file system hands it over (no text: not a branch's path, a link or
# a message).
_UNPUBLISHABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
UNPUBLISHABLE = "a name that a published site cannot hold (a control character or a byte that is not UTF-8)"


def publishable_name(name: str) -> bool:
    """Whether a file of `static/` (or of the output) can be published under its name (_UNPUBLISHABLE)."""
    return _UNPUBLISHABLE.search(name) is None


# What Windows (and git there, which then stops checking the rest of a clone out) refuses in a part of a path, besides
# a device's name: a trailing dot or space, and these characters (a control is unpublishable already)
_WINDOWS_REFUSES = re.compile(r'[<>:"|?*]|[. ]$')
WINDOWS_REFUSES = "a device's name, a name ending in a dot or a space, or one of <>:\"|?*"


def windows_refuses(path: str) -> bool:
    """Whether Windows cannot hold a file of this output path (WINDOWS_REFUSES): a part named as a device, with any
    extension (`aux.css`, `com1.tar.gz`), ending in a dot or a space, or holding one of <>:"|?*."""
    return any(_WINDOWS_REFUSES.search(part) or device_name(part.split(".", 1)[0].rstrip(" ").lower())
               for part in path.split("/"))


def spell_symbols(text: str) -> str:
    """`text` with the symbols that carry meaning in names spelled out ("C++" -> "C plus plus")."""
    return text.translate(_SPELLED)


def distinct_slug(slug: str, seed: str) -> str:
    """`slug` (cut at a word boundary to fit) with a short hash of `seed`: a slug of its own, within MAX_SLUG."""
    room = MAX_SLUG - _HASHED - 1
    cut = slug[:room].rsplit("-", 1)[0] if len(slug) > room else slug
    return f"{cut or slug[:room]}-{hashlib.sha1(seed.encode('utf-8')).hexdigest()[:_HASHED]}"


def safe_url(value, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """The URL if it is absolute with an allowed scheme and a host, its scheme in lower case and without a
    user name or password; else the empty string. (`HTTPS://host/x.jpg` is the same address to a browser, but
    what compares schemes as written, such as templates' `url` filter, took it for a path of the site. A
    browser loads no picture from `https://user:pw@host/`, and such a link is someone's password, or a
    disguise: `https://www.bbc.co.uk@evil.example/` goes to evil.example.)"""
    if not isinstance(value, str):
        return ""
    value = read_url(value)
    if _UNSAFE_IN_URL.search(value):
        return ""
    try:
        parts = urlsplit(value)
        port = parts.port  # (raises on a port that is no number of 0 to 65535; to 0 no browser connects)
    except ValueError:
        return ""
    if parts.scheme not in schemes or not parts.netloc or port == 0:  # (urlsplit gives the scheme in lower case)
        return ""
    if not readable_host(url_host(parts)):
        return ""
    # (the value is "scheme://netloc..." as written: _UNSAFE_IN_URL let no space or backslash through)
    rest = value[len(parts.scheme) + 3 + len(parts.netloc):]
    host = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme}://{host}{rest}" if host else ""


# Unicode's bidirectional formatting characters: embeddings, overrides, isolates and the marks
URL_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What comes before a URL's path: its scheme and host (`https://host`, `//host`, `mailto:`). A browser reads
# http(s) URLs with one slash or none (`https:/host/x`) or with backslashes as if they had two.
_BEFORE_PATH = re.compile(r"(?:https?:[/\\]*[^/?#\\]*|(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]*|[A-Za-z][A-Za-z0-9+.-]*:)",
                          re.IGNORECASE)


def bidi_encoded(url: str) -> str:
    """`url` with its direction marks, embeddings, overrides and isolates percent-encoded, as the browser
    sends them (the link leads to the same place); the empty string when one is in its scheme or host, which
    no browser can load. Left as they were, they turn around how a feed reader or a browser's status bar
    shows the link: `/\u202egpj.exe` shows as `/exe.jpg`."""
    if url.isascii() or not URL_BIDI.search(url):
        return url
    start = _BEFORE_PATH.match(url)
    head = start.group() if start else ""
    if URL_BIDI.search(head):
        return ""
    return head + URL_BIDI.sub(lambda m: quote(m.group(), safe=""), url[len(head):])


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def ascii_url(url: str) -> str:
    """An address as a browser sends it, in ASCII: its host in IDNA (`münchen.example` is
    `xn--mnchen-3ya.example`) and every other non-ASCII character UTF-8 percent-encoded (`été` is
    `%C3%A9t%C3%A9`), for the formats that take URLs (RFC 3986) rather than IRIs, as RSS does. It leads to
    the same place. An address whose host IDNA cannot write (as browsers do) keeps its host as
    written."""
    if url.isascii():
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    start = len(parts.scheme) + 3 if url[len(parts.scheme):].startswith("://") else 0
    netloc = url[start:start + len(parts.netloc)] if start else ""
    rest = url[start + len(netloc):]
    if not netloc.isascii():
        login, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.partition(":")  # (not an IPv6 literal: that is ASCII)
        netloc = login + at + ascii_host(host) + colon + port
    encode = lambda m: quote(m.group(), safe="")  # noqa: E731
    return url[:start] + netloc + _NON_ASCII.sub(encode, rest)


def joined(base: str, relative: str) -> str:
    """The address a link written `relative` on the page `base` leads to: read as every address is (read_url,
    so `\\\\host\\x` names the host and `https:/host/x` is `https://host/x`, as in front matter), then
    resolved (urljoin); "" when it names no host a browser could read (urljoin raises on `//[::1/x` or
    `//a]b/`, which crawled bodies hold)."""
    try:
        return urljoin(base, read_url(relative))
    except ValueError:
        return ""


_STATIC_PATH = re.compile(r"/?(static(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)+)")


def static_path(value) -> str:
    """A file of the site's own static/ folder named site-relatively (`static/x.png` or `/static/x.png`), as
    `static/x.png`; else the empty string. Plain names only: no `..`, no hidden files, nothing to escape."""
    match = _STATIC_PATH.fullmatch(value.strip()) if isinstance(value, str) else None
    return match.group(1) if match else ""


def host_of(url: str) -> str:
    try:
        return url_host(urlsplit(url))
    except ValueError:
        return ""


def url_host(parts: SplitResult) -> str:
    """A split URL's host (without an IPv6 address's brackets, "" when it has none) in lower case as read_url
    writes it, letter by letter: `hostname` lowers it with str.lower, whose final sigma gives one host two
    spellings (`ΣΑΣ-x.example` would be `σας-x.example` here and `σασ-x.example` in a link read_url read)."""
    hostinfo = parts.netloc.rpartition("@")[2]
    _, bracket, bracketed = hostinfo.partition("[")  # (split as urllib's `hostname` splits it)
    host = bracketed.partition("]")[0] if bracket else hostinfo.partition(":")[0]
    return lower_host(host)


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


def home_page(url: str) -> str:
    """The home page of a URL's site where its scheme and port are part of the address: a site on a port of its
    own (`https://example.com:8443/`), or named by its IP address or as localhost (a test feed's
    `http://127.0.0.1:8123/`); "" for a site on its scheme's own port, whose home page is `https://<host>/`
    (an old feed's `http://` link to a site that has moved to https included)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    host = url_host(parts).rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    own = port is None or port == (80 if parts.scheme.lower() == "http" else 443)
    if own and not (host == "localhost" or ":" in host or host.replace(".", "").isdigit()):
        return ""
    return f"{parts.scheme.lower()}://{f'[{host}]' if ':' in host else host}{'' if own else f':{port}'}/"


@lru_cache(maxsize=16)
def url_origin(base_url: str) -> str:
    """scheme://host[:port] of a URL, the part a rooted path is put after (parsed once per base URL:
    every page makes several absolute links)."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}"


_NOT_PLAIN = re.compile(r"[:?#\\]|/\.|\.\.|^\.|//")  # what urljoin would resolve or normalise


def resized_url(resizer: str, url: str, width: int) -> str:
    """The URL of a picture `width` pixels wide as an image resizing service makes it: config.yaml's
    `picture_resizer` template (checked when loaded) with {url} percent-encoded."""
    return resizer.format(url=quote(url, safe=""), width=width)


# Characters no output may carry (HTML makes them parse errors, XML forbids most): C0 and C1 controls
# other than white space, and Unicode's noncharacters. Tabs and line breaks stay (as white space).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
                     + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
                     + "]")
# CONTROL's many single characters beyond the BMP make it slow to search a long text (a body): this class,
# a few ranges, finds in one pass its characters in the BMP and every character beyond it (emoji, mostly,
# which are then looked at one by one: a noncharacter's code point ends in FFFE or FFFF)
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]")


def without_controls(text: str) -> str:
    """`text` without the characters no output may carry (CONTROL)."""
    for found in _SUSPECT.finditer(text):
        char = found.group()
        if char < "\U00010000" or ord(char) & 0xFFFE == 0xFFFE:
            return CONTROL.sub("", text)
    return text


# (a numeric reference is read without its `;` too, as a browser reads one: `&#106avascript:` is `javascript:`)
_URL_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;)")


def field_url(value) -> str:
    """A URL as crawlers write it (an item's field, a data_dir record's logo, an embed code's src), if safe
    (safe_url), with the entities a crawler copied from an HTML attribute decoded once, as a browser reads
    the attribute (`?a=1&#038;b=2` is `?a=1&b=2`); only numeric ones and named ones ended by `;`, so that
    `&copy=1` in a query stays as it is. Scheme-relative is https; spaces and the like after the host are
    percent-encoded, as are controls and direction marks (_as_sent)."""
    return _field_url_of_text(value) if type(value) is str else _field_url(value)


# An item's originalUrl and webUrl are most often one address, and its provider's logo is every one of its
# provider's items': each text is worked out once.
@lru_cache(maxsize=1 << 14)
def _field_url_of_text(value: str) -> str:
    return _field_url(value)


def too_long(value) -> bool:
    """Whether `value` is an address that field_url leaves out for its length alone (over MAX_URL characters as
    sent, percent escapes and all)."""
    return isinstance(value, str) and len(_field_url(value, None)) > MAX_URL


def entities_read(value: str) -> str:
    """An address a crawler copied from an HTML attribute, with its entities read once, as the browser reads the
    attribute (field_url's reading; a named reference only when ended by `;`)."""
    return _URL_ENTITY.sub(lambda m: htmlmod.unescape(m.group()), value) if "&" in value else value


def _field_url(value, longest: int | None = MAX_URL) -> str:
    if isinstance(value, str):
        value = entities_read(value)
    if isinstance(value, str) and value.lstrip().startswith("//"):
        # A scheme-relative URL (`//cdn.example/x.jpg`, as WordPress and CDNs write pictures) means the page's
        # own scheme: https, as the site is served
        value = "https:" + value.lstrip()
    elif isinstance(value, str) and _WWW_HOST.match(value.lstrip()):
        # An address without its scheme, as a crawler strips it or a person types it (`www.example.com/story`):
        # no relative address starts with a host's `www.`
        value = "https://" + value.lstrip()
    url = safe_url(value)
    if not url and isinstance(value, str):
        url = safe_url(valid_url(value))
    url = valid_url(_as_sent(url))
    return url if longest is None or len(url) <= longest else ""


_WWW_HOST = re.compile(r"www\.[A-Za-z0-9-]+\.[A-Za-z0-9.-]*[A-Za-z](?:[:/?#]|$)", re.IGNORECASE)


def _as_sent(url: str) -> str:
    """A safe URL with what would break or disguise it where it is shown percent-encoded, as the browser sends
    it: U+FFFE in a path made every feed with the story ill-formed XML (safe_url lets such characters through);
    a direction mark turns how it is shown around (bidi_encoded, which leaves no URL with one in its host)."""
    if url and not url.isascii() and CONTROL.search(url):
        url = CONTROL.sub(lambda m: quote(m.group(), safe=""), url)
    return bidi_encoded(url) if url else url


# What the URL standard allows in no address after its host, though a browser sends some as written (`[`, `]`,
# `|`, `^` in a path, a `%` that starts no escape, a second `#`): HTML checkers call each an error, and feed
# readers may refuse the link. Percent-encoded, the address leads to the same place.
_INVALID_AFTER_HOST = re.compile(r'[\x00-\x20"<>`\x7f\[\]{}|^\\]|%(?![0-9A-Fa-f]{2})')
_SCHEME_SLASHES = re.compile(r"(https?):[/\\]*", re.IGNORECASE)
_HOST_PART = re.compile(r"[^/?#\\]*")


def with_scheme(given) -> str:
    """The http(s) address meant by one written as a host's name without its scheme (`example.org/news/` is
    https://example.org/news/), for a message to show; "" for any other value."""
    given = given.strip() if isinstance(given, str) else ""
    # (shown in a message as it is: short, printable, one word; else the message's example does)
    if "://" in given or len(given) > 200 or not given.isprintable() or any(char.isspace() for char in given):
        return ""
    try:
        meant = urlsplit("https://" + given.lstrip("/"))
    except ValueError:  # (`[` with no IPv6 address)
        return ""
    if "." not in (meant.hostname or ""):  # (not a host's name)
        return ""
    return f"https://{meant.netloc}{meant.path or '/'}"


def read_url(url: str) -> str:
    """An address as a browser reads it (the URL standard's parser, without a base): without the C0 controls
    and white space at its ends and the tabs and line breaks in it, and an http(s) one with its scheme in lower
    case, then `://` and its host (in lower case: `Example.COM` is `example.com`, one address, and one host to
    what compares them as written, such as feed readers' ids and the pictures' manifest), however many slashes
    or backslashes the scheme was written with
    (`HTTPS:\\\\host\\x`, `https:/host/x` and `https:host/x` are all `https://host/x`), its host ending at the
    first `/`, `\\`, `?` or `#` (`https://a\\@b/` is `https://a/@b/`, not a login at b), and backslashes before
    its query read as `/`. Any other address is otherwise as written. The one reading of addresses, for
    bodies (valid_url), fields (safe_url) and feeds (joined) alike; nothing in it is checked (safe_url does
    that)."""
    url = _trimmed(url)
    if not _ODD_HTTP_HEAD.match(url) and "\\" not in url:
        return url
    parts = _parts(url)
    if parts is None:  # (mailto: and the like: as written)
        return url
    head, path, tail = parts
    return head + path.replace("\\", "/") + tail


def _trimmed(url: str) -> str:
    """`url` without the C0 controls and white space at its ends and the tabs and line breaks in it."""
    if url[:1] <= " " or url[-1:] <= " " or url[:1].isspace() or url[-1:].isspace():
        url = _URL_ENDS.sub("", url)
    if "\t" in url or "\n" in url or "\r" in url:
        url = _TAB_OR_NEWLINE.sub("", url)
    return url


def _parts(url: str) -> tuple[str, str, str] | None:
    """An http(s) or relative address cut where a browser cuts it: `http(s)://host` (its scheme in lower case,
    `://` however many slashes or backslashes were written; "" for a relative one), the path, and the query and
    fragment; None for an address of another scheme."""
    scheme = _SCHEME_SLASHES.match(url)
    if scheme:
        start = scheme.end()
        host = _HOST_PART.match(url, start).group()
        rest = url[start + len(host):]
        login, at, host = host.rpartition("@")
        head = f"{scheme[1].lower()}://{login}{at}{read_host(host)}"
    elif _SCHEME.match(url):
        return None
    else:
        head, rest = "", url
    cut = min((at for at in (rest.find("?"), rest.find("#")) if at >= 0), default=len(rest))
    return head, rest[:cut], rest[cut:]


# C0 controls and spaces, as the URL standard strips them, and Unicode's other white space (a no-break space
# a crawler copied with the address), which would make an address a browser reads as a path of the site
_URL_ENDS = re.compile(r"^[\x00-\x20\s]+|[\x00-\x20\s]+$")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
# An http(s) address not written `http://host` or `https://host` (its scheme in capitals, or with other than
# two slashes before its host, or backslashes), or with a capital or any non-ASCII letter in its host (which
# hosts.lower_host looks at: `BÜCHER.example` is `bücher.example`), a percent escape, or a last label that starts
# with a digit (maybe an IPv4 address, which hosts.read_host writes as a browser does: `0x7f.1` is 127.0.0.1)
_ODD_HTTP_HEAD = re.compile(r"(?!https?://(?![/\\])(?:[^/?#\\@]*@)?(?:[^/?#\\@A-Z%:\x80-\U0010ffff]*\.)?"
                            r"[^/?#\\@A-Z%:.0-9\x80-\U0010ffff][^/?#\\@A-Z%:.\x80-\U0010ffff]*\.?"
                            r"(?::[^/?#\\@A-Z\x80-\U0010ffff]*)?(?:[/?#\\]|$))(?i:https?):")


def valid_url(url: str) -> str:
    """An http(s) URL, or a relative one, as a browser reads it (read_url), with what the URL standard allows
    in no URL after its host percent-encoded. Any other URL as read_url reads it."""
    url = read_url(url)
    if not _INVALID_AFTER_HOST.search(url) and url.count("#") < 2:
        return url
    parts = _parts(url)  # (read_url wrote an http(s) address's head as this writes it)
    if parts is None:  # (mailto: and the like: as written)
        return url
    head, path, tail = parts
    if tail.count("#") > 1:
        at = tail.index("#") + 1
        tail = tail[:at] + tail[at:].replace("#", "%23")
    encode = lambda m: f"%{ord(m.group()):02X}" if m.group() != "%" else "%25"  # noqa: E731
    return head + _INVALID_AFTER_HOST.sub(encode, path) + _INVALID_AFTER_HOST.sub(encode, tail)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def private_address(url: str) -> bool:
    """Whether a URL's host is on the reader's own machine or network (hosts.private_host)."""
    found = _URL_HOST.match(url)  # (as urlsplit's `hostname` reads it, for every picture of every body: quicker)
    host = found and (found[1] or found[2])
    return bool(host) and private_host(host.lower())


_URL_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(?:\[([^\]/?#]*)\]|([^/?#:]*))")


# An old address's path (`aliases:`, `redirects:`), in characters: its redirect page is a file of that name, which
# leaves room in Windows' 260 (MAX_PATH) for the folder a site is cloned into
MAX_OLD_PATH = 160
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NO_FILE_NAME = re.compile(r'[<>:"|*]')  # (characters Windows refuses in a file name; `?` is a query's)
_ENDING = re.compile(r"[a-z0-9]{1,5}")  # a file's ending (`php`), after the last dot of the path's last part
_SPACES = re.compile(r"[^\S ]")  # white space other than a plain space (tabs, line breaks)


def old_path(value) -> tuple[str, str]:
    """An old address of the site (an item's `aliases:`, a key of config.yaml's `redirects:`) as the site path its
    redirect page is written at: `("old/story/", "")` for `/old/story/`, `old/story` or `/old/%C3%BCber/` (as
    `old/über/`); `("old/page.html", "")` for a page's file. Else `("", what is wrong with it)`, said after the
    value: only a path of this site, normalised, is one, so that no address from content names another host or
    a file outside the output folder (no scheme, no `//host`, no `..`, no backslash, no hidden or device names)."""
    if not isinstance(value, str):
        return "", "is not text: write the path of the old address as text, e.g. `/old/story/`"
    text = value.strip()
    if not text:
        return "", "is empty: write the path of the old address, e.g. `/old/story/`"
    if text.startswith(("//", "\\\\", "/\\", "\\/")):
        return "", "names another host (`//host/...`): write the path on this site alone, e.g. `/old/story/`"
    if _SCHEME.match(text):
        return "", ("is a full address: write its path on this site alone, e.g. `/old/story/` for "
                    "https://example.com/old/story/")
    if "?" in text or "#" in text:
        return "", "has a query or a fragment (`?`, `#`), which a static host does not tell apart: write the path alone"
    path = unicodedata.normalize("NFC", unquote(text))
    if "\\" in path:
        return "", "has a backslash: write the path with `/` between its folders"
    if CONTROL.search(path) or _SPACES.search(path):
        return "", "holds a control character or a line break: write the path on one line, of visible characters"
    folder = path.endswith("/")
    segments = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            return "", "goes up a folder (`..`): write the path from the site's root, e.g. `/old/story/`"
        if segment.startswith("."):
            return "", f"names a hidden file or folder (`{segment}`): it cannot be an old address of a page"
        if segment.endswith((".", " ")) or _NO_FILE_NAME.search(segment) or device_name(segment.split(".")[0].lower()):
            return "", (f"has a part, `{segment}`, that Windows cannot name a file by (a device name, a trailing dot "
                        "or space, or one of < > : \" | *): the built site would not check out there")
        segments.append(segment)
    if not segments:
        return "", "is the site's front page, which is a page of the site: write the path of an old address"
    stem, dot, ending = segments[-1].lower().rpartition(".")
    page = not folder and dot and ending in ("html", "htm")
    if not folder and dot and stem and not page and _ENDING.fullmatch(ending):
        return "", (f"ends in a file's ending other than .html (`.{ending}`): a static host sends such a file as it "
                    "is, not as a page that redirects; end it with `/` if it is a folder")
    site_path = "/".join(segments) + ("" if page else "/")
    if len(site_path) > MAX_OLD_PATH:
        return "", f"is {len(site_path):,} characters long, more than an old address may be ({MAX_OLD_PATH})"
    return site_path, ""


def old_output(path: str) -> str:
    """The file of an old address's redirect page (old_path's `path`): `old/story/index.html`, `old/page.html`."""
    return f"{path}index.html" if path.endswith("/") else path
