"""One RSS or Atom entry, as feedparser gives it, read into an Entry (read_entry): its link and guid, its
text and pictures, its files, its date and authors; and the channel's title and link (title_of, link_of)."""

from __future__ import annotations

import html as htmlmod
import re
from dataclasses import replace

from generator.fetch.addresses import Addresses, HTTP
from generator.fetch.aggregators import one_site, submission, without_submission
from generator.fetch.body_pictures import body_picture, is_avatar, is_tiny
from generator.fetch.episodes import feed_episode
from generator.fetch.feed import Entry, Image
from generator.fetch.feed_dates import Dates, language_code
from generator.fetch.feed_values import (BLANK_LINES, EMAIL, cleaned_html, download_of, html_escaped, int_of, listed,
                                         media_of, names_of, odd_values, paragraphs, player_seconds, tags_of,
                                         text_decoded, text_of, type_by_name, unescaped)
from generator.fetch.picture_words import Words
from generator.players import embed_url
from generator.site.text import plain_text
from generator.urlnorm import canonical_url
from generator.urls import joined


# arXiv's RSS starts each abstract with a line for its mailing list: "arXiv:2611.01234v1 Announce Type: new"
_ARXIV = re.compile(r"arXiv:\S+\s+Announce Type:\s*[\w-]+\s+Abstract:\s*")


def title_of(element) -> str:
    """An entry's or a feed's title as given: HTML, or a plain text with its references decoded once."""
    title = text_of(element.get("title"))
    return title if "html" in (element.get("title_detail") or {}).get("type", "text/plain") else text_decoded(title)


def linked_by_guid(entry) -> bool:
    """Whether an RSS entry's only address is its guid: feedparser makes a guid without `isPermaLink="false"`
    the entry's link when it has no <link>, resolving it against the feed's address first."""
    return bool(entry.get("guidislink")) and not entry.get("links") and isinstance(entry.get("id"), str)


# An RSS <guid>'s text as written (any prefix; CDATA or not), each part bounded so that a hostile run of
# unclosed tags costs one reading of the feed
_GUID = re.compile(r"<(?:[A-Za-z_][\w.-]{0,40}:)?guid\b[^<>]{0,1000}>\s*"
                   r"(?:<!\[CDATA\[([^\]<]{0,4096})\]\]>|([^<]{0,4096}))", re.IGNORECASE)


def written_guids(body: bytes, encoding) -> set[str]:
    """The feed's guids as written, their character references decoded: feedparser gives a permalink guid
    resolved against the feed's address, and only these tell `12345` (an id: feedparser made it
    `http://FEED-HOST/12345`, a page that is not there) from a guid written as that address."""
    try:
        text = body.decode(encoding or "utf-8", "replace")
    except LookupError:
        text = body.decode("utf-8", "replace")
    return {(cdata or htmlmod.unescape(plain)).strip() for cdata, plain in _GUID.findall(text)}


def read_entry(entry, link: Addresses, dates: "Dates", rss: bool = False, cover: str = "",
           guids: set[str] = frozenset(), words: dict[str, Words] | None = None, explicit: bool | None = None,
               prefix: str = "podcast") -> Entry:
    """`words`: what the feed says of its pictures, by their addresses as written (picture_words); `explicit`: what
    its itunes:explicit, else its channel's, says (explicit_marks); `prefix`: the feed's of Podcasting 2.0's
    namespace (episodes.prefix_of)."""
    unsafe = link.counted.unsafe  # (to tell which entries had addresses left out)
    link = link.at((entry.get("title_detail") or entry.get("summary_detail") or {}).get("base"))
    content = entry.get("content") or []
    html_content = unescaped(next((c.get("value", "") for c in content if "html" in (c.get("type") or "")), ""))
    summary = entry.get("summary", "")
    # An RSS entry has no plain-text content element: feedparser makes one of a media:description, which is
    # often a picture's (Mastodon's alt text). The entry's own description is its text then.
    if not html_content and content and not (rss and summary):
        html_content = paragraphs(content[0].get("value", ""))
    if summary and "html" not in (entry.get("summary_detail") or {}).get("type", "text/html"):
        summary = html_escaped(text_decoded(summary))
    elif summary and entry.get("yt_videoid") and not html_content:
        # A YouTube video's media:description, which feedparser takes for HTML, is plain text (Media RSS's
        # default): a "<b>" in it is what its uploader typed, and its lines (chapters, links) are lines.
        summary = paragraphs(summary)
    else:
        summary = unescaped(summary)
        if "<" not in summary and not html_content and BLANK_LINES.search(summary.replace("\r", "")):
            # An HTML text without a tag but with blank lines (Bluesky's posts) is paragraphs, as written
            summary = "\n".join(f"<p>{part.strip()}</p>"
                                for part in BLANK_LINES.split(summary.replace("\r", "").strip()) if part.strip())
    if summary.startswith("arXiv:") and (announced := _ARXIV.match(summary)):  # (at its start only: one try)
        summary = summary[announced.end():]
    content_base = link.at(content[0].get("base") if content else "").base
    summary_base = link.at((entry.get("summary_detail") or {}).get("base")).base
    # (a permalink guid is an address, resolved as feedparser resolved it when it had the feed's URL: the
    # identity of the items fetched before stays the same)
    guid = text_of(entry.get("id"))
    if guid and entry.get("guidislink"):
        guid = joined(link.base, guid.strip()) or guid
    own_link = link(entry.get("feedburner_origlink")) or link(link_of(entry))
    written = entry["id"].strip() if linked_by_guid(entry) else ""
    if rss and own_link and written and not (written in guids and HTTP.match(written)):
        # A guid that is no absolute http(s) URL (`<guid>12345</guid>`) is an id, not a page: the item has no
        # link then (its page on the site is its page), rather than one to a page that is not there. (Its
        # identity is still the address feedparser made of it, so the items fetched before stay the same.)
        own_link = link(entry.get("feedburner_origlink"))
    story, discussion = own_link, ""
    # (Atom's rel="via" names the page the entry tells of: a link blog's, an aggregator's, newsdesk's own feeds'
    # original story, which is the item's story then, and the entry's own page its discussion, as a Reddit post's)
    via = next((link(each.get("href")) for each in entry.get("links") or []
                if isinstance(each, dict) and each.get("rel") == "via" and each.get("href")), "")
    if via and own_link and canonical_url(via) != canonical_url(own_link):
        story, discussion = via, own_link
    # (the text's picture, read before it is sanitised, which drops the `class` that tells an emoji; and before a
    # submission's footer goes: a link post's thumbnail is in it)
    picture = (body_picture(html_content, link, content_base) if html_content
               else body_picture(summary, link, summary_base))
    if "omments" in html_content or "omments" in summary:  # ([comments], "Comments URL:", "4 comments")
        found = submission(html_content) or submission(summary)
        if found:
            pointed, comments = link(found[0]) if found[0] else "", link(found[1])
            if pointed and not one_site(pointed, comments or own_link):
                story = pointed
            if comments and canonical_url(comments) != canonical_url(story):
                discussion = comments
            html_content, summary = without_submission(html_content), without_submission(summary)
    html_content, summary = cleaned_html(html_content, content_base), cleaned_html(summary, summary_base)
    when = dates.entry(entry)
    # (feedparser resolves links in the elements it knows, not media:content's or an RSS enclosure's
    # `url="/img/a.jpg"`: `link` resolves those against the entry's xml:base, else the feed's URL)
    images = []
    for media in list(entry.get("media_content") or []) + list(entry.get("media_thumbnail") or []):
        kind = media.get("medium") or (media.get("type") or "").split("/")[0]
        if kind in ("image", "") and (address := link(media.get("url"))):
            said = (words or {}).get(text_of(media.get("url")), _NO_WORDS)
            images.append(Image(address, int_of(media.get("width")), int_of(media.get("height")),
                                said.alt, said.caption, said.credit))
    episode = entry.get("image")  # a podcast episode's <itunes:image href>, its cover when it has no other picture
    if isinstance(episode, dict) and (address := link(episode.get("href"))):
        images.append(Image(address))
    files, others = [], []
    for enclosure in entry.get("enclosures") or []:
        given = text_of(enclosure.get("type")).strip().lower()
        kind = given.split("/")[0]
        if kind in ("", "application", "binary"):  # (no type, or application/octet-stream: what its name says)
            kind = type_by_name(enclosure.get("href")).split("/")[0]
        if kind == "image" and (address := link(enclosure.get("href"))):
            images.append(Image(address))
        elif kind in ("audio", "video"):
            files.append((link(enclosure.get("href")), kind, entry.get("itunes_duration"), enclosure.get("length")))
        elif kind != "image" and (address := link(enclosure.get("href"))):  # (a PDF, an installer: a download's)
            others.append((address, given if given not in _BYTES else type_by_name(address) or given,
                           enclosure.get("length")))
    played = []  # (the player's own media:content, of another type: its length is the video's)
    for media in entry.get("media_content") or []:
        kind = media.get("medium") or (media.get("type") or "").split("/")[0]
        if kind in ("audio", "video"):
            files.append((link(media.get("url")), kind, media.get("duration"), media.get("filesize")))
        elif kind != "image" and media.get("duration") is not None:
            played.append((media.get("url"), "video", media.get("duration"), None))
    podcast = any(key.startswith("itunes_") for key in entry)
    media = media_of(files)
    download = None if media else download_of(others, entry.get("media_price"))
    images = merged(image for image in images if not is_avatar(image.url) and not is_tiny(image)) or picture
    if not images and podcast and media and (address := link(cover)):
        images = (Image(address),)
    origin = entry.get("source") if isinstance(entry.get("source"), dict) else None
    player = link((entry.get("media_player") or {}).get("url", ""))
    if not player and entry.get("yt_videoid"):
        player = embed_url("youtube", text_of(entry["yt_videoid"]))
    played = played if player and not media else []
    odd = odd_values(files + played)
    return Entry(
        guid=guid,
        # (Feedburner's link is its own redirect; origLink is the article's address on its site)
        link=story,
        title=title_of(entry),
        title_html="html" in (entry.get("title_detail") or {}).get("type", "text/plain"),
        summary=summary,
        content=html_content,
        published=when,
        categories=tags_of(tag.get("term") if isinstance(tag, dict) else tag for tag in listed(entry.get("tags"))),
        images=images,
        player=player,
        media=media,
        seconds=player_seconds(played),
        podcast=podcast,
        explicit=explicit if podcast else None,
        episode=feed_episode(entry, prefix, link) if podcast else None,
        download=download,
        origin=_plain(origin.get("title"), origin.get("title_detail")) if origin else "",
        origin_link=link(text_of(origin.get("link") or origin.get("href"))) if origin else "",
        discussion=discussion,
        author=_author_names(entry, rss),
        odd_values=odd,
        unsafe_urls=link.counted.unsafe - unsafe,
        either_order="" if when else dates.in_either_order(entry.get("published"), entry.get("updated")),
        language=_language_of(entry, content),
        clock=None if when else dates.clock(entry.get("published"), entry.get("updated")),
        relative=None if when else dates.relative(entry.get("published"), entry.get("updated")),
    )


def _language_of(entry, content: list) -> str:
    """The language an entry says it is in: RSS's `dc:language` in it, else the `xml:lang` of its title, text or
    summary (feedparser gives the feed's to those that say none)."""
    details = (entry.get("title_detail"), *(content[:1] if isinstance(content, list) else ()),
               entry.get("summary_detail"))
    said = [entry.get("language"), *(detail.get("language") for detail in details if isinstance(detail, dict))]
    return next((code for code in map(language_code, said) if code), "")


_NO_WORDS = Words()
_BYTES = ("", "application/octet-stream", "binary/octet-stream")  # (no type a file's name does not say better)


def merged(images) -> tuple[Image, ...]:
    """Each picture once, where it is first named: a feed names one picture as its media:content, its
    media:thumbnail and its enclosure (newsdesk's feeds do), each with some of its size and words."""
    by_url: dict[str, Image] = {}
    for image in images:
        known = by_url.get(image.url)
        by_url[image.url] = image if known is None else replace(known, **{
            name: getattr(image, name) for name in ("width", "height", "alt", "caption", "credit")
            if not getattr(known, name) and getattr(image, name)})
    return tuple(by_url.values())


def _author_names(entry, rss: bool) -> str:
    """An RSS or Atom entry's authors' names. RSS's <author> is an e-mail address, with the name in brackets
    (`sam@x.example (Sam Coder)`), which feedparser splits at the wrong places: such a value is read here,
    its address left out (a page would publish it to spammers). (Atom's names are its <name>s: feedparser's
    `author` mixes one's name with another's address.)"""
    written = text_of(entry.get("author"))
    if rss and EMAIL.search(written):  # (not a handle alone: `@alice`)
        names = [" ".join(EMAIL.sub(" ", written).translate(_BRACKETS).split())]
    else:
        names = [text_of(each.get("name")) for each in entry.get("authors") or []
                 if isinstance(each, dict)] or [written]
    return names_of(names)


_BRACKETS = str.maketrans("()<>[]", "      ")


def link_of(element) -> str:
    """An entry's (or a feed's) link. Without a link element, feedparser gives it its id, such as Atom's
    `tag:` or `urn:` URIs: that is its page only when it is an http(s) address (another is no unsafe
    address to warn about, only no page)."""
    given, own = element.get("link"), element.get("id")
    linked = any(isinstance(each, dict) and each.get("href") == given for each in element.get("links") or [])
    if isinstance(given, str) and isinstance(own, str) and own and not HTTP.match(own) and not linked \
            and element.get("guidislink"):
        return ""
    return given


def _plain(value, detail) -> str:
    """A name a feed gives (a <source>'s title) as plain text, when the feed marks it as HTML."""
    text = text_of(value)
    return plain_text(text) if text and "html" in (detail or {}).get("type", "") else text
