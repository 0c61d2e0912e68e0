"""Link aggregators' entries (Reddit, hnrss.org, Lemmy): where their boilerplate text says the story and its
discussion are (submission), and the text without it (without_submission)."""

from __future__ import annotations

import html as htmlmod
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit




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


def submission(fragment: str) -> tuple[str, str, str] | None:
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


def without_submission(fragment: str) -> str:
    """An entry's text without an aggregator's boilerplate (submission): the post's own text ("" for a link
    post), not "submitted by /u/name [link] [comments]"."""
    found = submission(fragment)
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


def one_site(url: str, other: str) -> bool:
    """Whether two addresses are of one site: the same host (but for `www.`), or both Reddit's
    (`old.reddit.com`, `i.redd.it`)."""
    def site(address: str) -> str:
        host = (urlsplit(address).hostname or "").rstrip(".")
        if any(host == own or host.endswith("." + own) for own in _REDDIT_HOSTS):
            return "reddit.com"
        return host.removeprefix("www.")
    return bool(other) and site(url) == site(other)
