"""Markdown bodies and embedded HTML -> safe HTML.

Bodies come from crawlers, so whatever Markdown produces (including raw HTML the
author wrote) passes nh3, an allow-list sanitiser: no scripts, no event handlers,
no `javascript:` links; only http, https and mailto URLs survive. Video embeds
are never passed through: only the player URL is taken, and only from hosts the
site allows, and the theme writes its own iframe around it.
"""

from __future__ import annotations

import bisect
import ctypes
import html as htmlmod
import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import nh3

from generator.players import player_url
from generator.site.fences import fenced_code
from generator.site.nesting import well_nested
from generator.textfiles import maybe_mangled, unmangled
from generator.urls import (CONTROL, MAX_URL, URL_BIDI, bidi_encoded, field_url, host_of, joined, private_address,
                            read_url, safe_url, valid_url, without_controls)

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
    "ruby", "rb", "rt", "rp", "rtc",  # a word's reading above it (Japanese furigana, Chinese pinyin or zhuyin)
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
    Raw HTML passes through either renderer and is cleaned by `sanitize` afterwards. `text` holds no
    character no output may carry (without_controls: make_item removes them before Markdown reads it).
    """
    if not text.strip():
        return ""
    try:
        if engine == "cmark" and cmarkgfm is not None:
            html = cmark_to_html(text)
        else:
            # Python-Markdown's time grows with the cube of a list's nesting (docs/dev/performance.md); deeper than
            # a reader can follow, a line's indent is cut to MAX_INDENT, which nests it no deeper
            html = _converter().reset().convert(_DEEP_INDENT.sub(" " * MAX_INDENT, text))
    except RecursionError:  # pathological nesting; show it as text rather than fail the item
        html = "<pre>" + nh3.clean_text(text) + "</pre>"
    html = _H1.sub(r"<\1h2>", html)
    # (Markdown nests its own elements as HTML allows: only raw HTML can nest them otherwise)
    # (only a numeric character reference can bring back what the text was cleaned of)
    html = sanitize(html, mend=bool(_RAW_HTML.search(text)), controls="&#" in text)
    return absolute_addresses(text_unmangled(html) if maybe_mangled(html) else html, base)


# In sanitised HTML (each tag whole, its attributes' values in double quotes, `<` in text written `&lt;`): what
# text_unmangled leaves as written: a code element with its text, a tag, an address written in the text (a
# scheme's name of a few letters: `a.a.a.a...` is tried at each of its words, never read to its end from each)
_AS_WRITTEN = re.compile(r'<(pre|code|kbd|samp)\b[^>]*>.*?</\1>|<[^>"]*(?:"[^"]*"[^>"]*)*>'
                         r"|\b[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s<]*|\bwww\.[^\s<]*", re.DOTALL)
_WORDS_ATTRIBUTE = re.compile(r'(\s(?:alt|title)=")([^"]*)')


def text_unmangled(html: str) -> str:
    """Sanitised HTML with its words' UTF-8 that a CMS encoded twice read as meant (textfiles.unmangled), and
    its pictures' and links' `alt` and `title` so; code, addresses (attributes' and those written in the text)
    as written: `Ã©` in a URL may be the address, and in code it may be what the code says."""
    parts, at = [], 0
    for kept in _AS_WRITTEN.finditer(html):
        parts.append(_words_unmangled(html[at:kept.start()]))
        tag = kept[0]
        if tag.startswith("<") and not kept[1] and maybe_mangled(tag):
            tag = _WORDS_ATTRIBUTE.sub(lambda words: words[1] + _words_unmangled(words[2]), tag)
        parts.append(tag)
        at = kept.end()
    parts.append(_words_unmangled(html[at:]))
    return "".join(parts)


def _words_unmangled(text: str) -> str:
    # (the sanitiser writes a no-break space as `&nbsp;`, which is the second character of `Ã\xa0`, `à`)
    if not maybe_mangled(text):
        return text
    if "&nbsp;" not in text:
        return unmangled(text)
    return unmangled(text.replace("&nbsp;", "\xa0")).replace("\xa0", "&nbsp;")


# Python-Markdown's inline processing copies a paragraph's text at each match of its patterns (links, code,
# tags, entities, emphasis, escapes, line breaks), and each `[` without its end is read to the end of the
# paragraph: its time grows with the square of their number in one paragraph, which a crawled body can make
# hours. Past this much, a body is rendered as CommonMark, which reads it in linear time.
PYTHON_MARKDOWN_WORK = 2_000 ** 2  # the sum over paragraphs of their marks' number, squared
# It also takes each block (a paragraph, a line of raw HTML, a heading) from the front of a list of the body's
# blocks, each time moving the rest: its time grows with the square of their number. Every block starts a line;
# a fenced code block is one block, whatever its length (site/fences.py).
PYTHON_MARKDOWN_LINES = 20_000  # of a body (its time at this many one-line blocks: docs/dev/performance.md)
# Its search for a fence that closes a code block reads from each opening to the end of the body when none does
PYTHON_MARKDOWN_FENCE_WORK = 20_000_000  # characters that search reads in vain (site/fences.py)
_MARKS = "[`<&\\*_!\n"
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
# A block of raw HTML, which Python-Markdown passes as it is (unless some `markdown="1"` asks it to read inside);
# its HTML parser rereads the rest of the block at each `<` that no `>` closes
_RAW_BLOCK = re.compile(r"\s*<(?:address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|h[1-6]|"
                        r"header|hr|main|nav|ol|p|pre|section|table|ul)\b", re.IGNORECASE)
_UNCLOSED = re.compile(r"<(?![^<>]*>)")


def python_markdown_costly(text: str) -> tuple[int, str, int]:
    """(line of the body from 1, what, how many) when the body would cost Python-Markdown more than it may:
    `marks`, the paragraph with the most marks its inline patterns match (past PYTHON_MARKDOWN_WORK); `fences`,
    the first of the code fences that nothing closes (past PYTHON_MARKDOWN_FENCE_WORK); `lines`, line 1 of a body
    of more than PYTHON_MARKDOWN_LINES lines outside its fenced code blocks. Else (0, "", 0)."""
    text = text.expandtabs(4)  # (as Python-Markdown reads it: a fence may be closed by `\t`)
    blocks, vain, unclosed = fenced_code(text)
    lines = text.count("\n") - sum(text.count("\n", start, end) for start, end in blocks)
    fence_line = text.count("\n", 0, unclosed[0]) + 1 if unclosed else 0
    parts, at = [], 0
    for start, end in blocks:  # (a code block's lines and marks are not Markdown's)
        parts += [text[at:start], "\n" * text.count("\n", start, end)]
        at = end
    text = "".join(parts) + text[at:] if blocks else text
    raw_passes = "markdown=" not in text
    total = worst = worst_line = 0
    at, line = 0, 1
    for end, after in [(m.start(), m.end()) for m in _PARAGRAPHS.finditer(text)] + [(len(text), len(text))]:
        block = text[at:end]
        if raw_passes and _RAW_BLOCK.match(block):
            marks = len(_UNCLOSED.findall(block)) if "<" in block[1:] else 0
        else:
            marks = sum(block.count(mark) for mark in _MARKS)
        total += marks * marks
        if marks > worst:
            worst, worst_line = marks, line + len(block) - len(block.lstrip("\n"))
        line += text.count("\n", at, after)
        at = after
    if total > PYTHON_MARKDOWN_WORK:
        return worst_line, "marks", worst
    if vain > PYTHON_MARKDOWN_FENCE_WORK:
        return fence_line, "fences", len(unclosed)
    return (1, "lines", lines) if lines >= PYTHON_MARKDOWN_LINES else (0, "", 0)


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
        return f'{attribute}="{htmlmod.escape(address)}"' if address and len(address) <= MAX_URL else ""

    html = _playable(_placeholder_links(_LINKING.sub(lambda element: _ADDRESS.sub(resolved, element.group()), html)))
    return _sourceless_pictures(html) if "<img" in html else html


# What a page loads without a click, in sanitised HTML: a picture's or a player's file, a video's poster
_LOADING_ELEMENT = re.compile(r'<(?:img|audio|video|source)(?:\s+[a-z-]+="[^"]*")+')
_LOADED_ADDRESS = re.compile(r' (?:src|poster)="(https?://[^"]*)"')  # (sanitize writes them so)


def without_private_sources(html: str) -> tuple[str, tuple[str, ...]]:
    """Sanitised HTML without the sources of its pictures and players on the reader's own network (urls.private_address:
    site/private_pictures.py says why), a picture then shown as its text; and those addresses, in order."""
    if ' src="' not in html and ' poster="' not in html or not any(  # (most bodies: a quick look)
            private_address(htmlmod.unescape(source[1])) for source in _LOADED_ADDRESS.finditer(html)):
        return html, ()
    found: list[str] = []

    def source(match: re.Match) -> str:
        address = htmlmod.unescape(match[1])
        if not private_address(address):
            return match.group()
        found.append(address)
        return ""

    html = _LOADING_ELEMENT.sub(lambda element: _LOADED_ADDRESS.sub(source, element.group()), html)
    # (a player left with no file shows what it holds, as one that named none: _playable)
    return (_playable(_sourceless_pictures(html)) if found else html), tuple(found)


# A link's `rel` (the cleaner's, always last) where the element has no `href` (`<a name>`, or its address was
# unsafe or could not be resolved): HTML allows `rel` only on a link that goes somewhere.
_REL_WITHOUT_HREF = re.compile(r'(<a(?:\s+(?!href=)[a-z-]+="[^"]*")*?)\s+rel="[^"]*"(?=>)')


# A picture (in sanitised HTML) and its text: one whose address was unsafe or could not be resolved has no `src`,
# which HTML requires; what a browser shows of a picture it cannot load is its text
_PICTURE = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)>')
_ALT = re.compile(r'\salt="([^"]*)"')


def _sourceless_pictures(html: str) -> str:
    """Sanitised HTML with each picture that has no address as its text (`alt`)."""
    def text(match: re.Match) -> str:
        if ' src="' in match[1]:
            return match.group()
        alt = _ALT.search(match[1])
        return htmlmod.escape(htmlmod.unescape(alt[1]), quote=False) if alt else ""

    return _PICTURE.sub(text, html)


def _placeholder_links(html: str) -> str:
    """Sanitised HTML with no `rel` on an `<a>` that has no `href` (a placeholder: its text, unlinked)."""
    # (only an `<a ` whose first attribute is not its href can lack one: most bodies' links have it first, and
    # a count of each is quicker than the pattern's search)
    if 'rel="' in html and html.count("<a ") != html.count('<a href="'):
        return _REL_WITHOUT_HREF.sub(r"\1", html)
    return html


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
                # cmark writes the noncharacters U+FFFE and U+FFFF (`&#xFFFE;`) as the single bytes FE and FF,
                # which are no UTF-8; no output may carry them (sanitize drops them when written as such)
                return _cmark.ffi.string(raw).decode("utf-8", "ignore")
            finally:
                free(int(_cmark.ffi.cast("uintptr_t", raw)))
        finally:
            node_free(int(_cmark.ffi.cast("uintptr_t", root)))
    finally:
        _cmark_api.parser_free(parser)


# Where Markdown may hold raw HTML: a tag, an end tag, a comment or a declaration (and an autolink, `<https:...>`)
_RAW_HTML = re.compile(r"<[A-Za-z/!?]")


def sanitize(html: str, mend: bool = True, ids: bool = True, controls: bool = True) -> str:
    """Allow-list sanitising of an HTML fragment. A fragment nested deeper than MAX_DEPTH keeps its text,
    in one paragraph. Its elements nest as HTML allows (nesting.well_nested) unless `mend` is false, for HTML
    that nests them so already. Footnotes' ids stay unless `ids` is false (for what is shown beside a body,
    whose footnotes they would take). `controls` false: the fragment holds no character no output may carry
    (CONTROL), nor a character reference to one, so the cleaned HTML is not searched for them again."""
    if not html:
        return ""
    if too_deep(html):
        html = "<p>" + " ".join(_ANY_TAG.sub(" ", html).split()) + "</p>"
    html = _cleaner().clean(_prepared(html))
    if not html.isascii() and URL_BIDI.search(html):
        html = _LINKING.sub(lambda element: _ADDRESS.sub(_bidi_encoded, element.group()), html)
    if controls and without_controls(html) is not html:  # (rare: a body's own go before Markdown reads it)
        # Character references to characters no output may carry (`&#1;`, `&#xFFFE;`), which the cleaner writes
        # as the characters: percent-encoded in addresses, as the browser sends them; elsewhere they go
        html = without_controls(_LINKING.sub(lambda element: _ADDRESS.sub(_controls_encoded, element.group()), html))
    if _UNSOUND_ADDRESS.search(html):
        html = _LINKING.sub(lambda element: _ADDRESS.sub(_valid_address, element.group()), html)
    if len(html) > MAX_URL and _LONG_ADDRESS.search(html):
        html = _LINKING.sub(lambda element: _ADDRESS.sub(_not_too_long, element.group()), html)
    html = _playable(_placeholder_links(html))
    if _SIZED.search(html):
        html = _SIZED.sub(lambda element: _SIZE.sub(_valid_size, element.group()), html)
    if "<img" in html:  # a picture with no text given is one that says nothing (HTML requires `alt`)
        html = _sourceless_pictures(_NO_ALT.sub('<img alt=""', html))
    if "<img" in html or "<audio" in html or "<video" in html:
        html = _LOADED_LATE.sub(_loaded_late, html)
    if ' id="' in html:
        unwanted = _FOREIGN_ID if ids else _ANY_ID
        html = _WITH_ATTRIBUTES.sub(lambda element: unwanted.sub("", element.group()), html)
    return well_nested(html) if mend else html  # (and a `<time>` with no date HTML reads is its text)


# Pictures and players (in sanitised HTML) as a page shows them: a body may hold hundreds of pictures (a gallery,
# tracking pixels), which a reader's browser would all fetch at once; a picture is fetched when it nears the
# screen, a player's file when it is played. The body's own `loading`, `decoding`, `preload` or `autoplay` (the
# cleaner drops them: a crawler's `loading="eager"` was its own page's layout) never comes through. Written
# here, after the cleaner, in one order: nh3's `set_tag_attribute_values` writes two attributes in an order that
# changes from one process to the next.
_LOADED_LATE = re.compile(r'<(img|audio|video)((?:\s+[a-z-]+="[^"]*")*)>')
_LATE = {"img": ' loading="lazy" decoding="async"', "audio": ' controls="" preload="none"',
         "video": ' controls="" preload="none"'}


def _loaded_late(match: re.Match) -> str:
    return f"<{match[1]}{match[2]}{_LATE[match[1]]}>"


def _prepared(html: str, inner: bool = False) -> str:
    """HTML as the cleaner is to read it: what a page's script, frame or formula would show, as HTML the
    cleaner keeps (`inner`: in a frame's document, whose frames show no document in turn)."""
    if "<iframe" in html or "<IFRAME" in html or "<Iframe" in html:
        html = _without_iframes(html, _frame_in_frame if inner else _iframe_link)
    if "<img" in html or "<IMG" in html or "<Img" in html:
        html = _LAZY_IMG.sub(_loaded, html)
    if "<noscript" in html or "<NOSCRIPT" in html or "<Noscript" in html or "<NoScript" in html:
        html = _NOSCRIPT.sub("", html)
    if "<math" in html or "<MATH" in html or "<Math" in html:
        html = _formulas_as_text(html)
    return html


# The elements whose allowed attributes take only numbers or keywords (_valid_size; `time`'s: nesting), in
# sanitised HTML (every attribute written name="value", a `"` in it as &quot;), and those attributes
_SIZED = re.compile(r'<(?:img|video|td|th|ol|source)(?=\s[^>]*?(?:width|height|colspan|rowspan|start|scope|type)=")'
                    r'(?:\s+[a-z-]+="[^"]*")+')
_NO_ALT = re.compile(r'<img(?=(?:\s+[a-z-]+="[^"]*")*>)(?!(?:\s+[a-z-]+="[^"]*")*?\salt=")')
_SIZE = re.compile(r'\s(width|height|colspan|rowspan|start|scope|type)="([^"]*)"')
_PIXELS = re.compile(r"\s*0*([0-9]{1,5})(?:\.[0-9]*)?(?:px)?\s*")
# (nine digits at most: past a browser's 32-bit integer it ignores the value; and Python reads no int of
# more than 4,300 digits: a `colspan` of 5,000 digits stopped the build)
_INTEGER = re.compile(r"\s*(-?)0*([0-9]{1,9})\s*")
# A picture's or a player's width or height past it is a box no screen shows (`width="1" height="99999999"`):
# the attribute is dropped and the browser gives the picture its own size.
MOST_PIXELS = 10_000
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][\w.+-]*/[A-Za-z0-9][\w.+-]*(?:\s*;.*)?")


def _valid_size(match: re.Match) -> str:
    """An attribute that takes a number or a keyword, as a browser reads it (`640px` is 640, a column span
    of 5000 is 1000), or none when a browser would ignore its value (`width="abc"`, `scope="sideways"`) or
    its box would be past MOST_PIXELS: crawled bodies carry such values, which HTML makes errors of."""
    name, value = match.groups()
    if name in ("width", "height"):
        found = _PIXELS.fullmatch(value)
        return f' {name}="{int(found[1])}"' if found and int(found[1]) <= MOST_PIXELS else ""
    if name in ("colspan", "rowspan", "start"):
        found = _INTEGER.fullmatch(value)
        if not found:
            return ""
        number = int(found[1] + found[2])
        if name == "start":
            return f' start="{number}"'
        low, high = (1, 1000) if name == "colspan" else (0, 65534)  # (a browser clamps them so)
        return f' {name}="{min(max(number, low), high)}"'
    if name == "scope":
        scope = value.strip().lower()
        return f' scope="{scope}"' if scope in ("row", "col", "rowgroup", "colgroup") else ""
    return match.group() if _MEDIA_TYPE.fullmatch(htmlmod.unescape(value)) else ""  # (type)


# A link's, picture's or player's address (in sanitised HTML) with what urls.valid_url encodes or reads anew.
# (It starts with the literal `="`, which `re` skips to quickly; the attribute's name is looked back at from there.)
# (or an http(s) one written otherwise than `https://host`: `HTTPS://`, `https:/host`, `https:host`, or with a
# capital or a non-ASCII letter in its host, which read_url writes in lower case: `https://NEWS.Example/`, or port 0;
# or a host that may be none a browser reads, hosts.readable_host's: with an escape, an `xn--` label or a number last)
_UNSOUND_ADDRESS = re.compile(r'="(?:(?<=\shref=")|(?<=\ssrc=")|(?<=\sposter="))(?:(?!https?://(?![/\\]))(?i:https?):'
                              r'|https?://[^/?#\\"]*(?:[A-Z\x80-\U0010ffff%]|:0+(?=[/?#"])'
                              r'|(?<=[./])(?:xn--|(?:[0-9]+|0[xX][0-9a-fA-F]*)\.?(?=[/?#:"])))'
                              r'|[^"]*?(?:[\[\]{}|^\\<>`\s]|&(?:lt|gt|quot);|%(?![0-9A-Fa-f]{2})|#[^"#]*#))')


def _valid_address(match: re.Match) -> str:
    """An address as the URL standard allows it (valid_url): crawled bodies link `x]]>y`, `a|b`, `100%`, and
    `https:\\\\host\\x`, which browsers follow and HTML checkers call errors."""
    attribute, value = match.groups()
    address = valid_url(htmlmod.unescape(value))
    if _HTTP.match(address) and not safe_url(address):  # (port 0, or a host no browser reads, as in fields)
        return ""
    return f'{attribute}="{htmlmod.escape(address)}"' if address != htmlmod.unescape(value) else match.group()


_HTTP = re.compile(r"https?://")
# An address that may be longer than MAX_URL (its entities not yet read): a quick first look
_LONG_ADDRESS = re.compile(r'\s(?:href|src|poster)="[^"]{%d}' % (MAX_URL + 1))


# A run of more than MAX_URL characters of a body that could be an address (no space, quote or angle bracket),
# from the run's start only (the look-behind): tried from each of a short run's characters, a body of such runs
# was read thousands of times over
_LONG_RUN = re.compile(r"""(?<![^\s"'<>])[^\s"'<>]{%d,}""" % (MAX_URL + 1))
_ADDRESS_START = re.compile(r"(?:https?:|//|www\.)", re.IGNORECASE)
_ATTRIBUTE_BEFORE = re.compile(r"""(?:href|src|poster)\s*=\s*["']?$""", re.IGNORECASE)


# A table's row with fewer cells than its header is filled with empty ones, by either engine: a few kilobytes of
# short rows under a wide header made megabytes of HTML per table (docs/content.md has the figures). Past this
# many cells filled in one body, a table is shown as the text it is written as.
MAX_FILLED_CELLS = 100_000
# A table's delimiter row (`|---|:--:|`, maybe in a quote or a list item), which makes the lines above and below
# it a table
_DELIMITER_ROW = re.compile(r"^(?P<lead>[ \t>]*(?:[-+*]|[0-9]+[.)])?[ \t>]*)"
                            r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$"
                            r"|^(?P<lead2>[ \t>]*)\|?[ \t]*:?-+:?[ \t]*\|[ \t]*$", re.MULTILINE)


def tables_bounded(body: str) -> tuple[str, int]:
    """A Markdown body with each table past MAX_FILLED_CELLS filled cells (counted in order) written as text (its
    delimiter row escaped), and the line in the body (from 1) of the first such table, or 0."""
    if "-|" not in body and "|-" not in body and "- |" not in body and "| -" not in body:  # (most bodies)
        return body, 0
    filled, escaped, first = 0, [], 0
    for row in _DELIMITER_ROW.finditer(body):
        columns = _cells(row.group())
        rows_end = body.find("\n\n", row.end())
        rows = body[row.end():rows_end if rows_end >= 0 else len(body)].split("\n")[1:]
        more = sum(max(0, columns - _cells(line)) for line in rows)
        if filled + more <= MAX_FILLED_CELLS:
            filled += more
            continue
        at = row.start() + len(row.group("lead") or row.group("lead2") or "")
        escaped.append(body.index("-", at))
        first = first or body.count("\n", 0, row.start())  # (the header's line, above the delimiter row)
    for at in reversed(escaped):
        body = body[:at] + "\\" + body[at:]
    return body, first


def _cells(line: str) -> int:
    """How many cells a table's row writes (its `|`s that no backslash escapes, without those at its ends)."""
    line = line.strip().lstrip(">-+*0123456789.) \t")
    bars = line.count("|") - line.count("\\|")
    return max(1, bars + 1 - line.startswith("|") - (line.endswith("|") and len(line) > 1))


def too_long_address(body: str) -> tuple[int, int] | None:
    """(line in the body from 1, length) of the first link or picture address in a Markdown body longer than
    MAX_URL (a Markdown link's destination, an HTML attribute's value, an address written alone), which sanitize
    leaves as the link's text (or the picture's): said, so that its writer learns why."""
    if len(body) <= MAX_URL:
        return None
    for found in _LONG_RUN.finditer(body):
        run = found.group()
        at = run.find("](")
        address = run[at + 2:].lstrip("<") if at >= 0 else run
        if at >= 0 and address.endswith(")"):
            address = address[:-1]
        if len(address) > MAX_URL and (at >= 0 or _ADDRESS_START.match(address)
                                       or _ATTRIBUTE_BEFORE.search(body, max(0, found.start() - 20), found.start())):
            return body.count("\n", 0, found.start()) + 1, len(address)
    return None


def _not_too_long(match: re.Match) -> str:
    """A link's, picture's or player's address, or none when it is longer than MAX_URL (as fields' are: no server
    answers it): the link keeps its text, unlinked, and a picture shows its `alt`."""
    return "" if len(htmlmod.unescape(match[2])) > MAX_URL else match.group()


def _controls_encoded(match: re.Match) -> str:
    """A link's, picture's or player's address with the characters no output may carry percent-encoded, as
    the browser sends them (the front matter's URLs are written so too)."""
    attribute, value = match.groups()
    # (those at its ends a browser leaves out: read_url, as valid_url reads it)
    return f'{attribute}="{CONTROL.sub(lambda m: quote(m.group(), safe=""), read_url(value))}"'


def _bidi_encoded(match: re.Match) -> str:
    """A link's, picture's or player's address with its direction marks percent-encoded (urls.bidi_encoded);
    with one in its host, no address: the link keeps its text, unlinked."""
    attribute, value = match.groups()
    address = bidi_encoded(value)
    return f'{attribute}="{address}"' if address else ""


# An embed in a body (a video, a post, a map): not run on the site, but not lost either. A browser reads what
# is between <iframe> and </iframe> as text it never shows, so that goes too. (A tag is read up to the next `<`
# or `>`, and each closing tag is looked up once: read to the end of the text from each `<iframe` without an
# end, a body of many of them took time in the square of its length: docs/dev/performance.md.)
_IFRAME_OPEN = re.compile(r"<iframe\b[^<>]*>", re.IGNORECASE)
_IFRAME_CLOSE = re.compile(r"</iframe\s*>", re.IGNORECASE)


def _iframes(html: str, most: int = -1):
    """(start, end, opening tag) of each iframe in `html` with what it holds up to its closing tag, if it has one
    (the first `most`, or all)."""
    closers = [(m.start(), m.end()) for m in _IFRAME_CLOSE.finditer(html)] if "</" in html else []
    starts = [start for start, _ in closers]
    at = 0
    while most:
        opening = _IFRAME_OPEN.search(html, at)
        if not opening:
            return
        after = bisect.bisect_left(starts, opening.end())
        end = closers[after][1] if after < len(closers) else opening.end()
        yield opening.start(), end, opening.group()
        at, most = end, most - 1


def _without_iframes(html: str, instead, most: int = -1) -> str:
    """`html` with each iframe (the first `most`) replaced by `instead(its opening tag)`."""
    parts, at = [], 0
    for start, end, tag in _iframes(html, most):
        parts += [html[at:start], instead(tag)]
        at = end
    return "".join(parts) + html[at:] if parts else html


# What a page shows where its script does not run, which is the case here: lazy-loading pages give their
# pictures so (`<img data-src=...><noscript><img src=...></noscript>`). Read as what the browser reads with
# scripting on (text), it was shown as markup (`<img src="...">`); without its tags it is read as HTML.
_NOSCRIPT = re.compile(r"</?noscript\b[^<>]*>", re.IGNORECASE)


# A MathML formula (`<math>`, as crawled pages of science news and Wikipedia carry) is written as its text, with
# its powers and indices as <sup> and <sub>: the cleaner drops MathML whole, with its text (a formula vanished
# from its sentence), and letting MathML through is how sanitisers have been got round (its elements parse
# <style> and comments otherwise than HTML's do). Each `<math>` is paired with the `</math>` after it, in one
# pass (an unclosed one is left to the cleaner, as before).
_MATH_TAG = re.compile(r"<(/?)math\b[^<>]*>", re.IGNORECASE)
_MATH_OPERATORS = frozenset("=+−-×÷<>≤≥≈≠±→⇒∈")


def _formulas_as_text(html: str, write=lambda formula: formula) -> str:
    """`html` with each `<math>...</math>` as `write` of its text (_Formula.text_of)."""
    parts, at, start = [], 0, None
    for tag in _MATH_TAG.finditer(html):
        if not tag[1] and not tag[0].endswith("/>"):
            start = tag
        elif tag[1] and start is not None:
            parts += [html[at:start.start()], write(_Formula.text_of(html[start.end():tag.start()]))]
            at, start = tag.end(), None
    return "".join(parts) + html[at:] if parts else html


class _Formula(HTMLParser):
    """A MathML formula's elements as a tree of [name, children...], its text as strings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = [["math"]]

    @classmethod
    def text_of(cls, inner: str) -> str:
        parser = cls()
        feed_whole(parser, inner)
        return _written(parser.open[0])

    def handle_starttag(self, tag, attrs):
        element = [tag]
        self.open[-1].append(element)
        if len(self.open) < 64:  # (deeper nesting adds no meaning: its text joins the element above)
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].append([tag])

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                break

    def handle_data(self, data):
        self.open[-1].append(data)


def _written(node) -> str:
    """A MathML element as HTML: its text escaped, powers and indices in <sup> and <sub>, a fraction as a/b;
    a TeX annotation (the formula's source, beside the formula itself) is left out."""
    if isinstance(node, str):
        return htmlmod.escape(" ".join(node.split()), quote=False)
    name, children = node[0].lower(), [child for child in node[1:] if not isinstance(child, str) or child.strip()]
    parts = [_written(child) for child in children]
    if name in ("annotation", "annotation-xml") or name in _DROPPED_WITH_CONTENT:
        return ""
    if name == "semantics":
        return parts[0] if parts else ""
    if name == "mo":
        text = "".join(parts)
        return f" {text} " if text in _MATH_OPERATORS else text
    if name in ("msup", "msub", "msubsup", "mfrac", "mroot") and len(parts) >= 2:
        if name == "msup":
            return f"{parts[0]}<sup>{parts[1]}</sup>"
        if name == "msub":
            return f"{parts[0]}<sub>{parts[1]}</sub>"
        if name == "msubsup":
            return f"{parts[0]}<sub>{parts[1]}</sub>" + (f"<sup>{parts[2]}</sup>" if len(parts) > 2 else "")
        if name == "mroot":
            return f"<sup>{parts[1]}</sup>√({parts[0]})"
        return "/".join(f"({part})" if len(_TAG_OR_SPACE.sub("", htmlmod.unescape(part))) > 1 else part
                        for part in parts[:2])
    if name == "msqrt":
        return f"√({''.join(parts)})"
    return "".join(parts)


_TAG_OR_SPACE = re.compile(r"<[^>]*>|\s")


# A formula in a plain-text field (a title, an excerpt): its powers and indices in Unicode's superscript and
# subscript characters where each has one (c², xᵢ), else written as `^(...)` and `_(...)`
_RAISED = str.maketrans("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ")
_LOWERED = str.maketrans("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_INNERMOST = re.compile(r"<(sup|sub)>([^<]*)</\1>")


def shifted(words: str, raised: bool, marked: bool = True) -> str:
    """A power's (`raised`) or an index's words as plain text: in superscript or subscript characters when
    each has one (², ᵢ), else after `^` or `_` (in brackets when more than one character), or, not `marked`,
    as they are (HTML's `1<sup>st</sup>` is no power)."""
    table = _RAISED if raised else _LOWERED
    if words and all(ord(char) in table for char in words):
        return words.translate(table)
    if not marked or not words:
        return words
    return ("^" if raised else "_") + (words if len(words) == 1 else f"({words})")


def formulas_as_plain_text(text: str) -> str:
    """`text` (a plain-text field, entities decoded) with each MathML formula in it as the words it shows, as
    the body shows it (E = mc², (a + b)/2), rather than its elements' names shown as text."""
    if "<math" not in text and "<MATH" not in text.upper():
        return text
    return _formulas_as_text(text, _plain)


def _plain(written: str) -> str:
    """A formula's text as the body writes it (its powers and indices in <sup> and <sub>), as plain text."""
    while (inner := _INNERMOST.search(written)) is not None:
        mapped = shifted(htmlmod.unescape(inner[2]), inner[1] == "sup")
        written = written[:inner.start()] + htmlmod.escape(mapped, quote=False) + written[inner.end():]
    return htmlmod.unescape(written)


# A picture whose address a lazy-loading page's script sets, from `data-src` (or one of its other names) or
# `srcset` (which the sanitiser does not keep): without that script the address is the picture's `src`
# (one followed by the picture for browsers without script, `<noscript><img src=...>`, is left as it is: that
# one is shown)
_LAZY_IMG = re.compile(r"<img\b[^<>]*>(?!\s*<noscript)", re.IGNORECASE)
_LAZY = ("data-src", "data-lazy-src", "data-original", "data-lazy", "srcset", "data-srcset")
_IMG_ATTRIBUTE = re.compile(r"""\s([a-z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)


def _loaded(match: re.Match) -> str:
    """An `<img>` with the address its lazy-loading script would give it as its `src`, when its own is none
    or a placeholder (a `data:` picture)."""
    tag = match.group()
    if "srcset" not in tag.lower() and "data-" not in tag.lower():
        return tag
    values = {name.lower(): value.strip("\"'") for name, value in _IMG_ATTRIBUTE.findall(tag)}
    if (values.get("src") and not values["src"].strip().lower().startswith("data:")) or not any(
            key in values for key in _LAZY):
        return tag
    candidates = [values.get(key, "") for key in _LAZY[:4]]
    # (of a srcset, the last candidate first: they are listed narrowest first)
    candidates += [entry.split()[0] for entry in reversed((values.get("srcset") or values.get("data-srcset") or
                                                         "").split(", ")) if entry.split()]
    address = next((c.strip() for c in candidates if _lazy_address(c)), "")
    if not address:
        return tag
    rest = _IMG_ATTRIBUTE.sub(lambda m: "" if m[1].lower() == "src" else m.group(), tag[4:])
    return f'<img src="{htmlmod.escape(htmlmod.unescape(address))}"{rest}'


def _lazy_address(candidate: str) -> bool:
    """Whether a lazy-loading attribute's address may be a picture's: not a placeholder (`data:`), and http(s)
    or relative (a srcset's `javascript:` candidate would take the place of its safe ones, and be dropped)."""
    address = re.sub(r"[\t\n\r]", "", htmlmod.unescape(candidate)).strip().lower()
    scheme = _SCHEME.match(address)
    return bool(address) and (not scheme or scheme.group() in ("http:", "https:"))


def without_player(featured: str) -> str:
    """featuredContent without the iframe that the page shows as the item's player (iframe_src: the first
    with an address); any other is left for the sanitiser (_iframe_link)."""
    taken = []

    def instead(tag: str) -> str:
        if not taken and _first_iframe_src(tag).strip():
            taken.append(tag)
            return ""
        return tag
    return _without_iframes(featured, instead)


def _iframe_link(tag: str, inner: bool = False) -> str:
    """An iframe (its opening tag) as a link to what it embeds (the sanitiser checks it as any link); without
    an address, the document its `srcdoc` holds, which is what a browser shows there (a quoted post, a
    table), read as the body's HTML is (`inner`: an iframe in that document, which is a link or nothing)."""
    parser = _IframeSrc()
    feed_whole(parser, tag)
    address = field_url(parser.src)  # (as the player's: `//host/embed/x`, spaces encoded)
    if address:
        return (f'<p><a href="{htmlmod.escape(address)}">'
                f'Embedded content from {htmlmod.escape(host_of(address))}</a></p>')
    if not parser.srcdoc.strip() or inner:
        return ""
    if too_deep(parser.srcdoc):  # (as a body nested so deep is: its text)
        return "<p>" + htmlmod.escape(" ".join(_ANY_TAG.sub(" ", parser.srcdoc).split()), quote=False) + "</p>"
    # (cleaned alone first: it is a document of its own, whose unclosed or stray tags end in it)
    return _cleaner().clean(_prepared(parser.srcdoc, inner=True))


def _frame_in_frame(tag: str) -> str:
    return _iframe_link(tag, inner=True)


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
_ANY_ID = re.compile(r'\sid="[^"]*"')
# An element's start tag as the cleaner writes it (each attribute `name="value"`): an id is taken out of one only,
# not out of text that writes one (`set id="main"`, which the cleaner leaves unescaped).
_WITH_ATTRIBUTES = re.compile(r'<[a-z][a-z0-9]*(?:\s+[a-z-]+="[^"]*")+')


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
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


class _IframeSrc(HTMLParser):
    """The first iframe's address (`src`) and, of the iframe that gives it or the first, its `srcdoc`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.src = self.srcdoc = ""

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and not self.src:
            values = dict(attrs)
            self.src = values.get("src") or ""
            self.srcdoc = self.srcdoc or values.get("srcdoc") or ""


# The first audio or video file of sanitised HTML (every value in double quotes, escaped): the element's own
# src, or its first <source>'s
_MEDIA_FILE = re.compile(r'<(audio|video)\b[^>]*?\ssrc="([^"]*)"'
                         r'|<(audio|video)\b[^>]*>\s*<source\b[^>]*?\ssrc="([^"]*)"')


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


def iframe_src(featured: str) -> str:
    """The src of featuredContent's first iframe as written (character references decoded), else ''; the
    item reads it as a URL field (scheme-relative, relative, with spaces) and keeps it only if that is safe."""
    if not featured or "<iframe" not in featured.lower():
        return ""
    return _first_iframe_src(featured).strip()


def _first_iframe_src(html: str) -> str:
    """The src of the first iframe in `html`, as written (character references decoded)."""
    parser = _IframeSrc()
    feed_whole(parser, html)
    return parser.src


# What HTMLParser.close() may still read of the text it was fed (its length times its `<`s): see feed_whole
_CLOSING_WORK = 1_000_000


def feed_whole(parser: HTMLParser, text: str) -> None:
    """`text` fed to `parser` to its end (feed, then close), in time that grows with its length alone.
    close() reads what an unclosed tag, comment or quote leaves at the end (`<x y='` ...) as text, rescanning
    what follows each `<` after it: up to CPython 3.13.4 and 3.12.10 (CVE-2025-6069) its time grows with
    the square of that rest, which a crawled body can make minutes long. A browser drops a tag left open at
    the end with all after it; so, when that rest is big and full of `<`, it is not read here."""
    parser.feed(text)
    if parser.rawdata.count("<") * len(parser.rawdata) <= _CLOSING_WORK:
        parser.close()


def embeddable(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    """Whether a player URL may be embedded: https and a host the site allows."""
    return url.startswith("https://") and host_of(url) in allowed_hosts
