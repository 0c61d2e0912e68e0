"""The template filters and globals that are plain functions of their arguments (make_env adds those that follow
the site's config or words): text (`truncate` cut between grapheme clusters, `outline`, `opens_with`,
`json_script`), URLs (`host`), pictures (`first_image`) and the feed a page offers (`page_feed`).
"""

from __future__ import annotations

import json
import re

import jinja2

from generator.hosts import ascii_host
from generator.i18n import Words
from generator.plan.feeds import feed_path
from generator.plan.pages import Page
from generator.site.text import (BIDI, bidi_closed, cluster_boundary, cut_clusters, joins_letters, plain_start,
                                 plain_text, unspaced_end)
from generator.site.types import title_word
from generator.urls import host_of


def _closing(truncate):
    """Jinja's `truncate`, cut between two grapheme clusters (text.cut_clusters: a text without a space where it
    is cut split a flag or a family emoji), and with each direction override or isolate that the cut takes the
    end of closed before its ellipsis: the model closes what a field leaves open (text.bidi_closed), and a cut
    excerpt lost that close, which turned its ellipsis and anything after it in a link preview's or a card's
    line around."""
    @jinja2.pass_environment
    def truncate_(env, text, *args, **kwargs):
        cut = truncate(env, text, *args, **kwargs)
        if cut == text or not isinstance(cut, str) or not isinstance(text, str):
            return cut
        end = kwargs.get("end", args[2] if len(args) > 2 else "...")
        tail = end if end and cut.endswith(end) else ""
        kept = cut[:len(cut) - len(tail)]
        if text.startswith(kept):
            if not cluster_boundary(text, len(kept)):
                kept = cut_clusters(text, len(kept))
            if not kwargs.get("killwords", args[1] if len(args) > 1 else False):
                # (inside a Thai word, where no space was before the cut: at the next, as the build's other cuts)
                kept = text[:unspaced_end(text, len(kept), kwargs.get("length", args[0] if args else 255) // 2)]
                if len(kept) + len(tail) >= len(text):  # (no shorter for its cut)
                    return text
        return type(cut)((bidi_closed(kept) if BIDI.search(kept) else kept) + tail)
    return truncate_


def host(url: str) -> str:
    """The host a link leads to, as a page names it ("Watch the video on ..."): the host alone, as the browser
    reads it, so that `https://bbc.co.uk@evil.example/` is named evil.example, not "bbc.co.uk@evil.example";
    an international name in its ASCII form, as the browser sends it, so that no look-alike letter
    (a Cyrillic "а" in "аpple.com") names another site (hosts.ascii_host). A host name alone (a provider's
    domain) is named so too."""
    return ascii_host(host_of(url) if "://" in url else url)


def opens_with(body: str, text: str) -> bool:
    """Whether an HTML body's words begin with a plain `text` (an excerpt, cut or not, with its ellipsis): a
    page that shows both would say the same words twice, as when a feed's summary, kept for its links, is the
    body and the excerpt. (Its start only: a body may be a book.)"""
    words = " ".join(text.removesuffix("…").removesuffix("...").split())
    if not body or not words:
        return False
    start = body[:len(body) if len(body) < 4096 else 8 * len(words) + 2048]
    wanted = words.casefold()
    # (from the body's first paragraphs, as a rule: all of it only when they are shorter than the words)
    shown, whole = plain_start(start, 2 * len(words) + 64)
    # (its no-break spaces as spaces, as the words': a French body's are typeset, typography.py, and so may be
    # the excerpt's, or not, as a crawler wrote it)
    shown = " ".join(shown.split()).casefold()
    if not whole and len(shown) < len(wanted) and wanted.startswith(shown):
        shown = " ".join(plain_text(start).split()).casefold()
    return shown.startswith(wanted)


def first_image(items) -> object | None:
    """The first image of the first of `items` that has one (a list page's picture for link previews)."""
    return next((item.image for item in items if item.image), None)


def page_feed(page: Page) -> str:
    """The feed a page offers, as feeds.feed_path names it (no extension): its topic's or provider's
    own, Top's on Top, else Latest's. Python rather than a theme macro: every page asks, several times."""
    if page.kind in ("type", "topic", "provider"):
        return feed_path(page.kind, page.key)
    return feed_path("top" if page.kind == "top" else "latest")


def page_feed_word(page: Page) -> str:
    """The theme's word that names page_feed(page): a type list's title word (`type_video`), or "" for a list's
    own feed named by its list's title, the content's (a topic's, a provider's, a type's own: "Webinar")."""
    if page.kind == "type":
        return title_word(page.key)
    if page.kind in ("topic", "provider"):
        return ""
    return "top_stories" if page.kind == "top" else "latest_stories"


def page_feed_name(page: Page, list_title: str = "", words: Words = Words()) -> str:
    """The title of page_feed(page), for its <link rel=alternate> and the feed icon."""
    return words.t(page_feed_word(page)) if page_feed_word(page) else list_title


_HEADING = re.compile(r"<(/?)h([1-6])>")


def outline(html: str, top: int = 2) -> str:
    """Renumber an HTML fragment's headings to start at `top` and never skip a level.

    Bodies are written with any heading levels (often `###` first); placed under the page's
    h1 they must go on at h2 without gaps, or screen-reader outlines (and the HTML checker) break.
    """
    levels = sorted({int(level) for _, level in _HEADING.findall(html)})
    if not levels:
        return html
    rank = {level: top + i for i, level in enumerate(levels)}
    previous, opened = top - 1, []

    def swap(match: re.Match) -> str:
        nonlocal previous
        if match.group(1):  # a closing tag closes the heading opened last
            return f"</h{opened.pop() if opened else rank[int(match.group(2))]}>"
        previous = min(rank[int(match.group(2))], previous + 1, 6)
        opened.append(previous)
        return f"<h{previous}>"

    return _HEADING.sub(swap, html)


def whole_words(text) -> str:
    """A clamped headline whose letters join (a Devanagari, Bengali ... conjunct: text.joins_letters) with each word
    in a `<span class="word">`, which the stylesheet makes an inline block: a clamp's ellipsis hides such a box
    whole, where it cut a conjunct in two (राज… for राज्यों). Other text as it is, escaped."""
    text = str(text)
    if not joins_letters(text):
        return jinja2.utils.markupsafe.escape(text)
    escape = jinja2.utils.markupsafe.escape
    return jinja2.utils.markupsafe.Markup(" ".join(f'<span class="word">{escape(word)}</span>' if word else ""
                                                   for word in text.split(" ")))


def json_script(value) -> str:
    """JSON for a <script> element: <, > and & are escaped so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return jinja2.utils.markupsafe.Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
