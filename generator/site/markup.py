"""Markdown bodies and embedded HTML -> safe HTML.

Bodies come from crawlers, so whatever Markdown produces (including raw HTML the
author wrote) passes nh3, an allow-list sanitiser: no scripts, no event handlers,
no `javascript:` links; only http, https and mailto URLs survive. Video embeds
are never passed through: only the player URL is taken, and only from hosts the
site allows, and the theme writes its own iframe around it.
"""

from __future__ import annotations

import ctypes
import html as htmlmod
import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import nh3

from generator.urls import URL_BIDI, bidi_encoded, host_of, joined, safe_url

try:  # cmark-gfm: GitHub's C implementation of CommonMark, much faster than Python-Markdown
    import cmarkgfm
    from cmarkgfm import _cmark
    from cmarkgfm import cmark as _cmark_api
    from cmarkgfm.cmark import Options as _CmarkOptions
except ImportError:  # pragma: no cover - it is a dependency; the fallback keeps a broken install usable
    cmarkgfm = None

ENGINES = ("cmark", "python-markdown")
BODY_SCHEMES = frozenset({"http", "https", "mailto"})
_TAGS = frozenset({
    "a", "abbr", "audio", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul", "video", "source",
})
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    # A podcast's or a video's own file, in the browser's player (never autoplaying, nothing fetched before play)
    "audio": {"src"}, "video": {"src", "poster", "width", "height"}, "source": {"src", "type"},
    "abbr": {"title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"}, "ol": {"start"},
    "sup": {"id"}, "li": {"id"},  # footnotes' ids only (_FOREIGN_ID): their links lead to them
}
# Elements left out with their content: what is in them is code, or a fallback for browsers without them.
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "noembed", "noframes", "xmp"})
_H1 = re.compile(r"<(/?)h1>")
MAX_INDENT = 256  # columns of a Markdown line's indent that python-markdown reads (render_markdown)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_INDENT + 1},}}", re.MULTILINE)


def _new_markdown():
    import markdown  # (only for `markdown_engine: python-markdown`: most builds never load it)

    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


@lru_cache(maxsize=1)
def _converter():
    # One converter per process, reset between documents: building one costs more than converting a body.
    return _new_markdown()


def render_markdown(text: str, engine: str = "cmark", base: str = "") -> str:
    """Markdown body -> sanitised HTML (headings start at h2: the page title is the h1), its relative
    addresses resolved against `base` (absolute_addresses).

    `cmark` (the default) is CommonMark with GitHub's extensions (tables, strikethrough,
    autolinks), as GitHub renders Markdown; `python-markdown` is Python-Markdown with its
    "extra" extensions (footnotes, abbreviations, attribute lists) for sites that use them.
    Raw HTML passes through either renderer and is cleaned by `sanitize` afterwards.
    """
    if not text.strip():
        return ""
    try:
        if engine == "cmark" and cmarkgfm is not None:
            html = cmark_to_html(text)
        else:
            # Python-Markdown's time grows with the cube of a list's nesting (1,000 levels: 4 s); deeper than
            # a reader can follow, a line's indent is cut to MAX_INDENT, which nests it no deeper
            html = _converter().reset().convert(_DEEP_INDENT.sub(" " * MAX_INDENT, text))
    except RecursionError:  # pathological nesting; show it as text rather than fail the item
        html = "<pre>" + nh3.clean_text(text) + "</pre>"
    html = _H1.sub(r"<\1h2>", html)
    return absolute_addresses(sanitize(html), base)


# In sanitised HTML (sanitize writes every attribute as name="value", a `"` in it as &quot;)
_LINKING = re.compile(r'<(?:a|img|audio|video|source)(?:\s+[a-z-]+="[^"]*")+')
_ADDRESS = re.compile(r'(\s(?:href|src|poster))="([^"]*)"')
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_CREDENTIALS = re.compile(r"https?://[^/?#\"]*@", re.IGNORECASE)  # a user name or password before the host
# (a quick first look: any such value, or an http(s) one with credentials)
_RELATIVE = re.compile(r'="(?!https?:|mailto:|#|"|noopener )|="' + _CREDENTIALS.pattern, re.IGNORECASE)


def absolute_addresses(html: str, base: str) -> str:
    """Relative link and picture addresses of a sanitised body resolved against `base`, the page the body
    was taken from, as the browser resolved them there: on this site they would lead to pages and pictures
    it does not have. Without a base, only `//host/...` is kept (as https); other relative links are left
    as their text and such pictures without a source. An http(s) address loses a user name or password, as
    safe_url leaves them out."""
    if not _RELATIVE.search(html):  # (most bodies: one quick look)
        return html

    def resolved(match: re.Match) -> str:
        attribute, value = match.groups()
        if _CREDENTIALS.match(value):
            address = safe_url(htmlmod.unescape(value))
            return f'{attribute}="{htmlmod.escape(address)}"' if address else match.group()
        if not value or value.startswith("#") or _SCHEME.match(value):
            return match.group()
        address = joined(base, htmlmod.unescape(value)) if base else (
            "https:" + htmlmod.unescape(value) if value.startswith("//") else "")
        address = safe_url(address)
        return f'{attribute}="{htmlmod.escape(address)}"' if address else ""

    return _playable(_placeholder_links(_LINKING.sub(lambda element: _ADDRESS.sub(resolved, element.group()), html)))


# A link's `rel` (the cleaner's, always last) where the element has no `href` (`<a name>`, or its address was
# unsafe or could not be resolved): HTML allows `rel` only on a link that goes somewhere.
_REL_WITHOUT_HREF = re.compile(r'(<a(?:\s+(?!href=)[a-z-]+="[^"]*")*?)\s+rel="[^"]*"(?=>)')


def _placeholder_links(html: str) -> str:
    """Sanitised HTML with no `rel` on an `<a>` that has no `href` (a placeholder: its text, unlinked)."""
    return _REL_WITHOUT_HREF.sub(r"\1", html) if 'rel="' in html else html


# GitHub's extensions but its tagfilter, which escapes <script>, <style> and <iframe> into text for renderers
# without a sanitiser: crawled bodies keep the embed code of tweets and videos, which readers saw as text.
# sanitize drops those elements with their content instead.
_GFM_EXTENSIONS = ("table", "autolink", "strikethrough", "tasklist")


@lru_cache(maxsize=1)
def _cmark_parts():
    """Looked up once per process: the GFM syntax extensions, and cmark's node_free and the C library's
    free, which cmarkgfm's own helpers never call: they leak the document tree and the HTML buffer of
    every body (many times the body's size, which adds up to more memory than a big site has)."""
    _cmark_api.core_extensions_ensure_registered()
    extensions = tuple(_cmark_api.find_syntax_extension(name) for name in _GFM_EXTENSIONS)
    library = ctypes.CDLL(_cmark.__file__)
    library.cmark_node_free.argtypes = [ctypes.c_void_p]
    libc = ctypes.CDLL(None)
    libc.free.argtypes = [ctypes.c_void_p]
    return extensions, library.cmark_node_free, libc.free


def cmark_to_html(text: str) -> str:
    """Markdown -> HTML as GitHub renders it (but its tagfilter), not sanitised (render_markdown does that):
    the bytes of cmarkgfm.markdown_to_html_with_extensions, made step by step so that what cmark allocated
    is freed."""
    options = _CmarkOptions.CMARK_OPT_UNSAFE | _CmarkOptions.CMARK_OPT_GITHUB_PRE_LANG
    extensions, node_free, free = _cmark_parts()
    parser = _cmark_api.parser_new(options=options)
    try:
        for extension in extensions:
            _cmark_api.parser_attach_syntax_extension(parser, extension)
        _cmark_api.parser_feed(parser, text)
        root = _cmark_api.parser_finish(parser)
        try:
            raw = _cmark.lib.cmark_render_html(root, options, _cmark_api.parser_get_syntax_extensions(parser))
            try:
                return _cmark.ffi.string(raw).decode("utf-8")
            finally:
                free(int(_cmark.ffi.cast("uintptr_t", raw)))
        finally:
            node_free(int(_cmark.ffi.cast("uintptr_t", root)))
    finally:
        _cmark_api.parser_free(parser)


def sanitize(html: str) -> str:
    """Allow-list sanitising of an HTML fragment. A fragment nested deeper than MAX_DEPTH keeps its text,
    in one paragraph."""
    if not html:
        return ""
    if too_deep(html):
        html = "<p>" + " ".join(_ANY_TAG.sub(" ", html).split()) + "</p>"
    if "<iframe" in html or "<IFRAME" in html or "<Iframe" in html:
        html = _IFRAME.sub(_iframe_link, html)
    html = _cleaner().clean(html)
    if not html.isascii() and URL_BIDI.search(html):
        html = _LINKING.sub(lambda element: _ADDRESS.sub(_bidi_encoded, element.group()), html)
    html = _playable(_placeholder_links(html))
    return _FOREIGN_ID.sub("", html) if ' id="' in html else html


def _bidi_encoded(match: re.Match) -> str:
    """A link's, picture's or player's address with its direction marks percent-encoded (urls.bidi_encoded);
    with one in its host, no address: the link keeps its text, unlinked."""
    attribute, value = match.groups()
    address = bidi_encoded(value)
    return f'{attribute}="{address}"' if address else ""


# An embed in a body (a video, a post, a map): not run on the site, but not lost either. A browser reads what
# is between <iframe> and </iframe> as text it never shows, so that goes too.
_IFRAME = re.compile(r"<iframe\b([^>]*)>(?:.*?</iframe\s*>)?", re.IGNORECASE | re.DOTALL)


def without_player(featured: str) -> str:
    """featuredContent without its first iframe, which the page shows as the item's player (iframe_src)."""
    return _IFRAME.sub("", featured, count=1)


def _iframe_link(match: re.Match) -> str:
    """An iframe as a link to what it embeds (the sanitiser checks it as any link); none without an address."""
    address = _first_iframe_src(match[0]).strip()
    address = safe_url("https:" + address if address.startswith("//") else address)
    if not address:
        return ""
    return f'<p><a href="{htmlmod.escape(address)}">Embedded content from {htmlmod.escape(host_of(address))}</a></p>'


# A media element's <source> as the sanitiser writes it (every value in double quotes); one whose address was
# taken out is left out whole: a <source> names a file or is invalid HTML. A player left with no file at all
# would show an empty frame and hide what it holds (the text for browsers without players): that stays.
_SOURCE = re.compile(r'<source((?:\s+[^\s="/>]+(?:="[^"]*")?)*)\s*/?>')
_EMPTY_PLAYER = re.compile(r'<(audio|video)((?:\s+[^\s="/>]+(?:="[^"]*")?)*)>(.*?)</\1>', re.DOTALL)


def _playable(html: str) -> str:
    """Sanitised HTML without <source> elements or players that name no file."""
    if "<source" in html:
        html = _SOURCE.sub(lambda match: match[0] if ' src="' in match[1] else "", html)
    if "<audio" in html or "<video" in html:
        html = _EMPTY_PLAYER.sub(lambda match: match[0] if ' src="' in match[2] or "<source" in match[3]
                                 else match[3], html)
    return html


# An id that is not a footnote's or its reference's, as Python-Markdown names them (`fn:1`, `fnref:1`): a body's
# own ids could take the names the page's script and links look for (DOM clobbering), so only these stay.
_FOREIGN_ID = re.compile(r'\sid="(?!fn(?:ref)?:[\w.-]+")[^"]*"')


# Elements nested deeper than this (Chromium's HTML parser nests no deeper either) make the sanitiser's time
# grow with the square of the depth: one crawled body of nested <div>s could hold a build or a fetch for hours.
MAX_DEPTH = 512
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*?(/?)>")
_LEFT_OPEN = frozenset({"area", "base", "br", "col", "colgroup", "dd", "dt", "embed", "hr", "img", "input", "li",
                        "link", "meta", "option", "p", "param", "rp", "rt", "source", "tbody", "td", "tfoot", "th",
                        "thead", "tr", "track", "wbr"})  # void, or closed by the next one


def too_deep(fragment: str) -> bool:
    """Whether the fragment's elements nest deeper than MAX_DEPTH (counted in one pass over its tags)."""
    depth = 0
    for closing, name, self_closing in _ANY_TAG.findall(fragment) if fragment.count("<") > MAX_DEPTH else ():
        if self_closing or name.lower() in _LEFT_OPEN:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_DEPTH:
            return True
    return False


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    """The allow-list, made into a cleaner once per process (nh3.clean makes it anew for every body: a third
    of its time on news bodies)."""
    return nh3.Cleaner(
        tags=set(_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in _ATTRIBUTES.items()},
        url_schemes=set(BODY_SCHEMES),
        set_tag_attribute_values={media: {"controls": "", "preload": "none"} for media in ("audio", "video")},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


class _IframeSrc(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.src = ""

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and not self.src:
            self.src = dict(attrs).get("src") or ""


# The first audio or video file of sanitised HTML (every value in double quotes, escaped): the element's own
# src, or its first <source>'s
_MEDIA_FILE = re.compile(r'<(audio|video)\b[^>]*?\ssrc="([^"]*)"|<(audio|video)\b[^>]*>\s*<source\b[^>]*?\ssrc="([^"]*)"')


def media_file(html: str) -> tuple[str, str]:
    """(URL, "audio" or "video") of the first sound or video file in sanitised HTML, else ("", "")."""
    found = _MEDIA_FILE.search(html) if "<audio" in html or "<video" in html else None
    if not found:
        return "", ""
    return htmlmod.unescape(found[2] or found[4]), found[1] or found[3]


def featured_of_address(featured: str) -> str:
    """featuredContent given as an address alone, as other crawlers give a video or an episode (`https://youtu.be/x`,
    `https://cdn.example/e1.mp3`), as the markup it stands for: the player of a video page YouTube or Vimeo
    serve (an iframe of its embed address), a sound or video file's own player, any other page's iframe (a
    link, unless its host is embedded). Anything else as it is."""
    url = safe_url(featured.strip()) if featured and "<" not in featured else ""
    if not url:
        return featured
    path = urlsplit(url).path.lower()
    for kind, endings in (("audio", _AUDIO_ENDINGS), ("video", _VIDEO_ENDINGS)):
        if path.endswith(endings):
            return f'<{kind} src="{htmlmod.escape(url)}"></{kind}>'
    return f'<iframe src="{htmlmod.escape(player_url(url))}"></iframe>'


_AUDIO_ENDINGS = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac")
_VIDEO_ENDINGS = (".mp4", ".m4v", ".webm", ".ogv", ".mov")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")


def player_url(url: str) -> str:
    """The embed address of a YouTube or Vimeo video page's address (`youtube.com/watch?v=ID`, `youtu.be/ID`,
    `youtube.com/shorts/ID`, `vimeo.com/123`); any other address as it is."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video = ""
    if host == "youtube.com" and parts.path == "/watch":
        video = parse_qs(parts.query).get("v", [""])[0]
    elif host == "youtu.be" or host == "youtube.com" and parts.path.startswith(("/shorts/", "/live/")):
        video = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if video and _YOUTUBE_ID.fullmatch(video):
        return f"https://www.youtube.com/embed/{video}"
    if host == "vimeo.com" and parts.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parts.path.strip('/')}"
    return url


def iframe_src(featured: str) -> str:
    """The src of featuredContent's first iframe if it is a safe http(s) URL, else ''."""
    if not featured or "<iframe" not in featured.lower():
        return ""
    return safe_url(_first_iframe_src(featured))


def _first_iframe_src(html: str) -> str:
    """The src of the first iframe in `html`, as written (character references decoded)."""
    parser = _IframeSrc()
    parser.feed(html)
    parser.close()
    return parser.src


def embeddable(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    """Whether a player URL may be embedded: https and a host the site allows."""
    return url.startswith("https://") and host_of(url) in allowed_hosts
