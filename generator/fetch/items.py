"""A feed entry -> its identity, its file name, and the text of its content file.

Pure functions: no clock, no disk. The same entry with the same remembered facts (first seen, heat) gives
the same bytes, so a fetch that finds nothing new writes nothing.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime, time, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import yaml

from generator import __version__
from generator.config.values import TopicConfig
from generator.fetch.feed import Entry, Episode, Feed
from generator.fetch.sources import Source
from generator.fetch.state import bounded_key
from generator.isotime import Day
from generator.languages import UNSPACED, own_language
from generator.site.markup import feed_whole, sanitize, shifted
from generator.site.fields import MAX_TEXT
from generator.site.item_bounds import MAX_FILE_BYTES, MAX_FRONT_MATTER_BYTES, MAX_IMAGES
from generator.site.text import cut_at_word
from generator.site.text import plain_text as plain_title  # a title as the build reads one
from generator.urlnorm import canonical_url
from generator.urls import home_page, safe_url, slugify

try:  # libyaml's emitter: Python's was two thirds of a first fetch's time (PyYAML's wheels all have it)
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _SafeDumper

EXCERPT_CHARS = 300
TITLE_SLUG_CHARS = 50  # plus "-" and the 12-character identity hash: within the 80 of a page slug
# (room left for the front matter at its largest, and more: the file is read whole, not cut by the build)
MAX_BODY_BYTES = MAX_FILE_BYTES - 4 * MAX_FRONT_MATTER_BYTES
HEAT_TOP, HEAT_STEP, HEAT_FLOOR = 100.0, 5.0, 10.0


@dataclass(frozen=True)
class Facts:
    """What an item keeps from the fetch that first saw it: an update writes these again, unchanged."""

    first_seen: datetime
    heat: float


def identity(entry: Entry, source: Source) -> str:
    """Which entry this is, across fetches: a guid that is a URL names the page itself (two feeds carrying
    it carry one item); another guid is the feed's own name for it, scoped by the source; without a guid,
    the link, normalised; without either, the title and the text, scoped by the source."""
    if entry.guid:
        return bounded_key(canonical_url(entry.guid) if safe_url(entry.guid) else f"{source.key} {entry.guid}")
    return alias(entry, source)


def alias(entry: Entry, source: Source) -> str:
    """The identity an entry has without its guid: its link, normalised; else its title and text."""
    if entry.link:
        return bounded_key(canonical_url(entry.link))
    digest = hashlib.sha1(f"{entry.title}\n{entry.summary}\n{entry.content}".encode("utf-8")).hexdigest()
    return f"{source.key} text:{digest}"


def identities(entries: tuple[Entry, ...], source: Source) -> tuple[list[str], dict[str, str], list[str]]:
    """Each entry's identity (in order), the identities a shared guid gave before for those now named
    otherwise (old -> the guid), and what to tell the user. Some CMSs give every entry of a feed one guid: a guid
    that entries of different links or titles share names none of them, and each is known as if it had
    none (by its link, else its text). Entries alike in link and title under one guid are one entry listed
    twice (a link, or without one a title, alike), and keep it."""
    shared: dict[str, set[tuple[str, str]]] = {}
    for entry in entries:
        if entry.guid:  # (one link is one entry, whatever its titles; without a link, its title tells)
            shared.setdefault(entry.guid, set()).add((canonical_url(entry.link), "") if entry.link
                                                     else ("", entry.title))
    repeated = {guid for guid, seen in shared.items() if len(seen) > 1}
    keys, replaced, notes = [], {}, []
    for entry in entries:
        if entry.guid in repeated:
            keys.append(alias(entry, source))
            replaced[identity(entry, source)] = entry.guid
        else:
            keys.append(identity(entry, source))
    for guid in sorted(repeated):
        count = sum(entry.guid == guid for entry in entries)
        notes.append(f"{count} entries share the guid {_cut(guid, 80)!r} though their links or titles differ (the "
                     f"feed's CMS gives them one id): each is known by its link (else its text) instead; ask the "
                     f"feed's owner to give each entry a <guid> (or Atom <id>) of its own")
    return keys, replaced, notes


def hash_of(key: str) -> str:
    """The 12 hex digits of an identity that end its file name (48 bits: a clash needs ~16 million items)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def file_name(folder: str, source: Source, key: str, title: str, language: str = "") -> str:
    """`<folder>/<source>/<title words>-<identity hash>.md`, relative to the content folder, its words as the
    site's `language` writes them in a page's address. The title is the one the entry had when first fetched;
    later fetches find the file by its hash, so a changed title changes neither the file nor the page's URL."""
    words = slugify(title, language=language)
    if len(words) > TITLE_SLUG_CHARS:
        words = words[:TITLE_SLUG_CHARS].rsplit("-", 1)[0] or words[:TITLE_SLUG_CHARS]
    return f"{folder.strip('/')}/{slugify(source.key, language=language)}/{words}-{hash_of(key)}.md"


# How fetch reads an entry into an item: one more whenever a newsdesk reads a feed's entries differently
# (a field read better, one added), so that the next fetch reads every feed whole and writes its items anew,
# but for those edited by hand (store.py). Never for a change of identity(): that would fetch every entry
# again, as a new item. (1: guids that are ids, not links; providers' accounts on shared hosts; authors. 2: a
# formula's powers and indices in excerpts, c² rather than c2. 3: links read as a browser reads them,
# `\\host\x` and `https:/host/x` on that host, hosts in lower case. 4: a picture's alt text in excerpts, words
# of cells apart; an uncut summary with links, pictures, emphasis as the body. 5: pictures' alt, caption and
# credit, from media:title, media:description, media:credit and newsdesk's JSON Feed extension. 6: a download's
# file, size and price; a provider's domain that an entry's <source> gives only where its story's address agrees.
# 7: a download's file beside its page, as its featuredContent. 8: a link shortener's host is no provider's domain;
# a duration's 60th minute or second, `4:75`, no length. 9: a date without a zone in the site's zone, as an
# item's; UTF-8 that a CMS encoded twice, `PerchÃ©`, as meant. 10: a day written alone as that day, no time.
# 11: a date of numbers month first in a feed that says it is in en-US, or whose source says so. 12: the time it was
# first seen, `firstSeenDateTime`, which gives a story its id. 13: an entry's own language, else its feed's, as the
# item's `language` when it is not the site's; an OPML outline's `language`; a 12-hour clock's time (`10:00 PM`) as
# that hour, a time of day alone (`21:30`) on the day it was first seen. 14: a date relative to the fetch that first
# saw it, `вчера в 18:45`, `2 часа назад`, from that fetch. 15: Arabic's, Persian's and Spanish's words for before
# and after noon after any date, `2026-12-02 10:30 م`, not only after one in words. 16: the item's `language` by
# the build's rule, languages.own_language: another script or region of the site's language is written too. 17: a
# podcast episode's `explicit`, as its itunes:explicit (else its channel's) says it in any of Apple's words; a video's
# player from newsdesk's JSON Feed extension, `_newsdesk: {player}`; East Asian legacy charsets read as browsers
# read them, and Korean, Japanese and Chinese relative dates and dates with the time in words. 18: relative dates in
# Turkish, Azerbaijani, the Baltic, Nordic and Hungarian languages, Greek and Romanian; a weekday after the year. 19:
# relative dates in Estonian, Slovenian, Catalan, Indonesian, Malay, Arabic, Hebrew, Vietnamese and Thai; a weekday
# in brackets or capitals after the date; a date of numbers day first in every language that writes the day first,
# whatever the separator. 20: a podcast episode's number, season, kind (a trailer, a bonus), chapters and
# transcript; from newsdesk's JSON Feed extension, an episode's `explicit` too. 21: an episode's chapters and
# transcript at addresses read as any other field's (urls.field_url: entities decoded, what XML forbids encoded). 22:
# a title, excerpt or caption cut inside a word of Thai, Lao, Khmer or Burmese ends at the next space after it.)
READING = 22


def item_settings(source: Source, topics: tuple[TopicConfig, ...], language: str, timezone: str) -> str:
    """A hash of what shapes a source's items besides its feed (its name, topics, language, the declared topics...,
    the site's language and time zone, which match categories to topics and read dates, and the newsdesk that writes
    them, its READING): when it changes, its items are written anew, even if the feed has not."""
    shaping = (source.name, source.domain, source.logo, source.topics, source.quality, source.max_items,
               source.only_topics, source.language, tuple((topic.name, topic.slug, topic.keywords) for topic in topics),
               language, timezone, __version__, READING)
    return hashlib.sha1(repr(shaping).encode("utf-8")).hexdigest()[:12]


def episode_fields(episode: Episode) -> dict:
    """A podcast episode's number, season, kind, chapters and transcript as front matter writes them (each when
    the feed gave it)."""
    fields = {"episode": episode.number, "season": episode.season, "episodeType": episode.kind,
              **{key: {"url": url, "type": kind} for key, (url, kind) in
                 (("chapters", episode.chapters), ("transcript", episode.transcript)) if url}}
    return {key: value for key, value in fields.items() if value}


def heat_at(position: int) -> float:
    """The default heat of a new entry: 100 for the first of its feed, 5 less for each one below, at least 10."""
    return max(HEAT_FLOOR, HEAT_TOP - HEAT_STEP * position)


def item_text(entry: Entry, source: Source, feed: Feed, facts: Facts, topics: tuple[TopicConfig, ...],
              language: str = "") -> tuple[str, bool]:
    """The content file: front matter in the content format, then the entry's sanitised HTML as the body;
    and whether the body had to be cut (body_of)."""
    summary = without_footer(entry.summary, entry)
    excerpt = excerpt_of((summary if not is_link_only(summary) else "") or without_footer(entry.content, entry))
    meta: dict = {"title": title_of(entry)}
    if excerpt and not repeats_title(excerpt, meta["title"], entry):
        meta["excerpt"] = excerpt
    meta["publishedDateTime"] = written_date(published_at(entry, facts))
    # (the member of a story first seen gives it its id: a report published earlier but fetched later leaves it)
    meta["firstSeenDateTime"] = utc_stamp(facts.first_seen)
    download = entry.download if type_of(entry) == "download" else None
    if link := entry.link or (download.url if download else ""):  # (a download without a page: its file is its link)
        meta["originalUrl"] = link
        meta["webUrl"] = entry.discussion or link  # (a Reddit post: the story, and its discussion)
    meta["type"] = type_of(entry)
    meta["quality"] = _number(source.quality)
    meta["heat"] = _number(facts.heat)
    meta["provider"] = provider_of(source, feed, entry)
    author = _cut(entry.author, MAX_TEXT)
    if author and author.casefold() != meta["provider"]["name"].casefold():  # (a channel's videos name it)
        meta["author"] = author
    own = entry.language or source.language or feed.language  # (the entry's, else its feed's)
    if own_language(own, language):  # (as the build marks it)
        meta["language"] = own
    chosen = topics_of(entry, source, topics, language)
    if chosen:
        meta["topics"] = list(chosen)
    if entry.images:  # the first that the build keeps: it would warn about a file the user did not write
        meta["images"] = [{k: v for k, v in (("url", i.url), ("width", i.width), ("height", i.height),
                                             ("alt", _cut(i.alt, MAX_TEXT)), ("caption", _cut(i.caption, MAX_TEXT)),
                                             ("credit", _cut(i.credit, MAX_TEXT))) if v}
                          for i in entry.images[:MAX_IMAGES]]
    seconds = entry.media.seconds if entry.media else entry.seconds
    if seconds:
        meta["length"] = seconds  # (a number of seconds: the build shows it as 1:02:33)
    if entry.media and entry.media.size:
        meta["size"] = entry.media.size
    elif download and download.size:
        meta["size"] = download.size
    if download and download.price is not None:  # (an offer, as the content format writes one: `€10` shown)
        meta["price"] = {"amount": _number(download.price), **({"currency": download.currency} if download.currency
                                                                else {})}
    if entry.explicit is not None and meta["type"] == "podcast":  # (the site's feeds say it again: itunes:explicit)
        meta["explicit"] = entry.explicit
    if entry.episode and meta["type"] == "podcast":  # (the site's feeds say them again: generator/podcasts.py)
        meta.update(episode_fields(entry.episode))
    if entry.player:
        meta["featuredContent"] = f'<iframe src="{html.escape(entry.player, quote=True)}"></iframe>'
    elif entry.media:  # the file itself, in the browser's own player; nothing is fetched until it is played
        meta["featuredContent"] = (f'<{entry.media.kind} controls preload="none" '
                                   f'src="{html.escape(entry.media.url, quote=True)}"></{entry.media.kind}>')
    elif download and download.url != meta.get("originalUrl"):  # (its page is its link: the file to get, by address)
        meta["featuredContent"] = download.url
    body, cut = body_of(entry)
    return "---\n" + _yaml(meta) + "---\n" + body, cut


def repeats_title(excerpt: str, title: str, entry: Entry) -> bool:
    """Whether a summary only repeats the headline (and its publisher, as Google News's do): a card would
    show the same words twice."""
    def words(text: str) -> str:
        return " ".join(text.casefold().split())
    return words(excerpt) in {words(title), words(f"{title} {entry.origin}"), words(f"{title} - {entry.origin}")}


def is_link_only(fragment: str) -> bool:
    """Whether a summary is no more than a short link or two (Hacker News's "Comments", "Read more"): what a
    feed gives to click, not what the story says."""
    return bool(fragment) and not plain_text(fragment, links=False) and len(plain_text(fragment)) <= 40


_LAST_PARAGRAPH = re.compile(r"<p\b[^>]*>((?:(?!<p\b).)*?)</p>\s*\Z", re.S | re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
FOOTER_CHARS = 100  # what a footer may say besides the title


def without_footer(fragment: str, entry: Entry) -> str:
    """The entry's HTML without a last paragraph that only links back to the entry itself: WordPress's "The
    post <a>TITLE</a> appeared first on <a>SITE</a>." (Yoast, in any language), a theme's "Continue reading
    TITLE", which a card would show as the story's words."""
    last = _LAST_PARAGRAPH.search(fragment) if fragment and entry.link else None
    if not last or len(last.group(1)) > len(entry.title) + 20 * FOOTER_CHARS:  # (a footer's markup is short)
        return fragment
    own = entry.link.rstrip("/")
    if not any(urljoin(entry.link, html.unescape(a or b).strip()).rstrip("/") == own
               for a, b in _HREF.findall(last.group(1))):
        return fragment
    if len(plain_text(last.group(1))) > len(plain_title(entry.title)) + FOOTER_CHARS:
        return fragment
    return fragment[:last.start()].rstrip()


def type_of(entry: Entry) -> str:
    """A video when it has a player or a video file; a podcast episode (or other audio) when it has a sound
    file; a download when it carries another file (a PDF, an installer); else an article."""
    if entry.player or (entry.media and entry.media.kind == "video"):
        return "video"
    if entry.media:
        return "podcast" if entry.podcast else "audio"
    return "download" if entry.download else "article"


def is_empty(entry: Entry) -> bool:
    """An entry with no title, no link and no text (a feed's placeholder, a broken export): as an item it
    would be an "Untitled" card leading nowhere, so fetch leaves it out and counts it."""
    return not (entry.link or _plain_title(entry.title, entry.title_html)
                or excerpt_of(entry.summary) or excerpt_of(entry.content))


def title_of(entry: Entry) -> str:
    """The title a reader sees, which also names the file: the entry's as plain text (a title the feed marks
    as HTML loses its tags), else the start of its summary, else its link."""
    title = _plain_title(entry.title, entry.title_html)
    origin = " ".join(entry.origin.split())
    if origin and title.endswith(f" - {origin}") and title[:-len(origin) - 3].strip():
        title = title[:-len(origin) - 3].rstrip()  # Google News's "Headline - Publisher": the publisher is the provider
    if title and (release := _RELEASE.match(entry.link)) and release["project"].casefold() not in title.casefold():
        title = f"{release['project']} {title}"  # (a release named by its tag alone: "v2.4.0" of which project?)
    return title or _first_sentence(excerpt_of(entry.summary or entry.content)) or entry.link or "Untitled"


# A release's page on GitHub, Gitea, Forgejo: /OWNER/PROJECT/releases/tag/TAG
_RELEASE = re.compile(r"^https?://[^/]+/[^/?#]+/(?P<project>[^/?#]+)/releases/tag/[^/?#]+/?$")


TITLE_CHARS = 80  # of a title made of a post's text
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def _first_sentence(text: str) -> str:
    """A title for a post without one (Bluesky's, Mastodon's): its whole first sentences, as many as fit in
    TITLE_CHARS, rather than a sentence cut mid-way; else its start, cut at a word."""
    if len(text) <= TITLE_CHARS:
        return text
    ends = [end.end() for end in _SENTENCE_END.finditer(text, 0, TITLE_CHARS)]
    return text[:ends[-1]] if ends and ends[-1] >= 20 else _cut(text, TITLE_CHARS)


def _plain_title(title: str, is_html: bool) -> str:
    """As plain text, cut at a word to the build's limit for a title or a name (a feed may send 100,000
    characters, which the build would cut with a warning about a file the user did not write)."""
    return _cut(plain_title(title) if is_html else " ".join(title.split()), MAX_TEXT)


def published_of(entry: Entry, facts: Facts) -> str:
    """The state's date of the entry: its moment (published_at) as utc_stamp writes it."""
    return utc_stamp(published_at(entry, facts))


def published_at(entry: Entry, facts: Facts) -> datetime:
    """`publishedDateTime`: the feed's date of the entry, else the time fetch first saw it. A date after
    that time is a wrong clock or time zone (the entry is out already): the build would hide the item
    until then, so it is dated when first seen. A time of day alone (`21:30`) is the last such time, in the
    site's zone, at or before then: a reader of a live blog takes it for today's, unless that is still to come. A
    date relative to then (`вчера в 18:45`, `2 часа назад`) is read from it, as a reader of the feed then did."""
    if entry.published and not from_the_future(entry, facts):
        return entry.published
    if entry.relative:
        return entry.relative.at(facts.first_seen)
    return last_at(entry.clock, facts.first_seen) if entry.clock else facts.first_seen


def last_at(clock: time, seen: datetime) -> datetime:
    """The last moment at or before `seen` whose time of day in the clock's zone (its tzinfo) is `clock`."""
    local = seen.astimezone(clock.tzinfo)
    today = datetime.combine(local.date(), clock.replace(tzinfo=None), tzinfo=clock.tzinfo)
    moment = today if today <= local else datetime.combine(local.date() - timedelta(days=1),
                                                           clock.replace(tzinfo=None), tzinfo=clock.tzinfo)
    return moment.astimezone(timezone.utc)


def written_date(moment: datetime) -> str:
    """`publishedDateTime` as an item file writes it: a day written alone (isotime.Day, in the site's zone) as
    that day, which the build reads as it (no time made up on its pages); else utc_stamp."""
    return moment.date().isoformat() if isinstance(moment, Day) else utc_stamp(moment)


def utc_stamp(moment: datetime) -> str:
    """A time as item files and the state file write it: in UTC, to the second. One writing, so that the
    state's dates compare as strings (store.expire)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_the_future(entry: Entry, facts: Facts) -> bool:
    return entry.published is not None and entry.published > facts.first_seen


def provider_of(source: Source, feed: Feed, entry: Entry) -> dict:
    """The source's `name` and `domain` when config.yaml sets them; else the publisher an entry names (a feed
    of others' entries, such as Google News, names each one's), else the feed's title and site."""
    origin_name = " ".join(entry.origin.split())
    site = ""
    if not (source.name or source.domain) and (origin_name or _bare_host(entry.origin_link)):
        site = _origin_site(entry, feed, source)
        domain = _bare_host(site)
        provider: dict = {"name": _cut(origin_name, MAX_TEXT) or domain, "domain": domain}
    else:
        # (a channel, a repository, a subreddit of a host many share: its own provider, unless config.yaml
        # gives the source a domain; by the feed's site, else the feed's URL)
        shared, account = ("", "") if source.domain else next(
            (found for found in map(account_of, (feed.link, source.url)) if found[0]), ("", ""))
        site = "" if source.domain or shared else feed.link or source.url
        domain = source.domain or shared or _bare_host(site)
        provider = {"name": source.name or _plain_title(feed.title, feed.title_html) or domain, "domain": domain}
        if account:
            provider["account"] = account
    if home := home_page(site):
        provider["url"] = home
    if source.logo:
        provider["images"] = [{"url": source.logo}]
    return provider


def _origin_site(entry: Entry, feed: Feed, source: Source) -> str:
    """The address whose host is the domain of the publisher an entry names (its <source>):
    - the <source>'s address, when the story's link names no other site: it has none, it is on the feed's own
      site (Google News's links are its own redirects) or a link shortener's (SHORTENERS), or it is on the
      source's site or a subdomain of it (but a source on a subdomain of the story's host, `feeds.x.example`,
      gives the story's: x.example); a <source> on a shortener's gives no address;
    - else the story's link, when it is on another site than the feed's: a feed cannot file another site's
      story under a publisher it names (newsdesk's own RSS: its <source> is the provider's feed on the site it
      came from, its story the provider's page); so too when the <source> gives no address;
    - else the feed's site."""
    story, given = _publisher_host(entry.link), _publisher_host(entry.origin_link)
    own = {_bare_host(feed.link), _bare_host(source.url)}
    if "." in given and (not story or story in own or _one_domain(story, given)):
        return entry.origin_link if not given.endswith("." + story) else entry.link  # (`feeds.x.example`: x.example)
    return entry.link if story and story not in own else feed.link or source.url


# Link shorteners (docs/fetch.md lists them): a link there is a redirect to a story on another site, which it does
# not name, as Google News's are; the shortener is never the story's publisher. Its host as written, or with `www.`.
SHORTENERS = frozenset({"t.co", "bit.ly", "ow.ly", "buff.ly", "dlvr.it", "lnkd.in", "trib.al", "tinyurl.com", "goo.gl",
                        "fb.me"})


def _publisher_host(url: str) -> str:
    """The host of an address as a publisher's domain: none of a link shortener's."""
    host = _bare_host(url)
    return "" if host in SHORTENERS else host


def _one_domain(host: str, other: str) -> bool:
    """Whether two hosts are one site's: the same, or one a subdomain of the other (`feeds.x.example`, `x.example`)."""
    return host == other or host.endswith("." + other) or other.endswith("." + host)


# Hosts on which every account is a provider of its own (docs/fetch.md lists them): each with the pattern of an
# account's path in a feed's URL there, after a leading /feed or /feeds. The host's own other names are the
# host (www.youtube.com, old.reddit.com: _HOST_PREFIXES); another subdomain (NAME.substack.com, NAME.medium.com)
# is a site of its own, and so one provider, as is a feed whose URL matches no pattern (a site's front page).
SHARED_HOSTS = {
    "youtube.com": re.compile(r"/(?:channel|user|c)/[^/?#]+|/@[^/?#]+"),  # and feeds/videos.xml?channel_id=ID
    "github.com": re.compile(r"/[^/?#.]+(?:/[^/?#]+)?"),  # a repository (owner/name), or a user (/NAME.atom)
    "bsky.app": re.compile(r"/profile/[^/?#]+"),
    "medium.com": re.compile(r"/@[^/?#]+|/(?!tag/|topic/)[^/?#@]+(?=/?$)"),  # an author, or a publication
    "substack.com": re.compile(r"/@[^/?#]+"),
    "reddit.com": re.compile(r"/(?:r|u|user)/[^/?#]+"),
}
_YOUTUBE_FEED = re.compile(r"/feeds/videos\.xml$")
_YOUTUBE_QUERY = {"channel_id": "/channel/", "user": "/user/", "playlist_id": "/playlist?list="}


def account_of(url: str) -> tuple[str, str]:
    """(the shared host, the account's page) of a feed's site or its URL on a SHARED_HOSTS host, e.g.
    ("youtube.com", "https://youtube.com/channel/UC1"); else ("", "")."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "", ""
    host = (parts.hostname or "").rstrip(".")
    shared = next((name for name in SHARED_HOSTS if host == name or host.split(".", 1) in (
        [prefix, name] for prefix in _HOST_PREFIXES)), "")
    if not shared:
        return "", ""
    if shared == "youtube.com" and _YOUTUBE_FEED.search(parts.path):
        for name, value in parse_qsl(parts.query):
            if name in _YOUTUBE_QUERY and value and _PLAIN_ID.fullmatch(value):
                return shared, f"https://{shared}{_YOUTUBE_QUERY[name]}{value}"
        return "", ""
    path = re.sub(r"^/feeds?(?=/|$)", "", parts.path)
    found = SHARED_HOSTS[shared].match(path)
    if not found:
        return "", ""
    account = re.sub(r"\.(?:atom|rss|xml|json)$", "", found[0]).rstrip("/")
    return (shared, f"https://{shared}{account}") if account.strip("/@") else ("", "")


_HOST_PREFIXES = ("www", "m", "old", "new", "mobile")  # the host's own names: any other subdomain is a site of its own
_PLAIN_ID = re.compile(r"[\w-]{1,200}")


def topics_of(entry: Entry, source: Source, topics: tuple[TopicConfig, ...], language: str = "") -> tuple[str, ...]:
    """The source's topics, then the declared topics the entry's categories or words name (matched_topics)."""
    return tuple(dict.fromkeys((*source.topics, *matched_topics(entry, topics, language))))


def matched_topics(entry: Entry, topics: tuple[TopicConfig, ...], language: str = "") -> tuple[str, ...]:
    """The declared topics that the entry's categories name (by name or slug, in any case: a feed's own tags
    would otherwise make a topic page for every one of them; the slug as the site's `language` writes a topic's
    page), then those with a keyword in its title, summary or text."""
    declared: dict[str, str] = {}
    for topic in topics:
        declared.setdefault(topic.name.lower(), topic.name)
        declared.setdefault((topic.slug or slugify(topic.name, language=language)).lower(), topic.name)
    chosen = []
    for category in entry.categories:
        category = html.unescape(category)  # WordPress writes "Arts &amp; Culture" inside CDATA
        # ("News/AI", and "AI, Robots" as some CMSs give a post's categories in one)
        for part in _CATEGORY_PARTS.split(category) if category.lower() not in declared else [category]:
            name = declared.get(part.strip().lower()) or declared.get(slugify(part, language=language))
            if name:
                chosen.append(name)
    worded = [topic for topic in topics if topic.keywords]
    if worded:
        text = _folded(unmarked(" ".join((title_of(entry), excerpt_of(entry.summary),
                                          plain_title(entry.content[:KEYWORD_TEXT]) if entry.content else ""))))
        chosen.extend(topic.name for topic in worded if _keywords(topic.keywords).search(text))
    return tuple(dict.fromkeys(chosen))


KEYWORD_TEXT = 100_000  # characters of an entry's text looked through for keywords
_CATEGORY_PARTS = re.compile(r"[/,;|]")

# What a writer of Arabic, Hebrew or Syriac may leave out of a word without making it another (the vowel marks,
# harakat and niqqud; cantillation; the hamza or madda on an alef, a mark once decomposed: أسعار and اسعار), the
# tatweel that only stretches an Arabic word (الاقتـــصاد), and what no reader sees inside a word (a direction
# mark, a soft hyphen, a zero-width joiner). Latin letters' accents stay: they make other words (résumé, resume).
_ABJAD_MARKS = "".join(chr(point) for point in [*range(0x0591, 0x0750), *range(0x0870, 0x0900)]
                       if unicodedata.category(chr(point)) == "Mn")
_UNMARKED = re.compile(f"[{_ABJAD_MARKS}\u0640\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u2069\ufeff]+")


def unmarked(text: str) -> str:
    """A text without _UNMARKED's marks and characters, as keywords and the entries' words are matched."""
    return unicodedata.normalize("NFC", _UNMARKED.sub("", unicodedata.normalize("NFD", text)))


# A letter or digit of a script written without spaces between words: a keyword in one is found inside
# a longer run of them, as such text has no word boundaries to look for; and a word in another script ends at
# one (`AI半導体`: `AI`, as Japanese writes a Latin word among its own without a space).
_UNSPACED = re.compile(f"[{UNSPACED}]")
_BEFORE = rf"(?<![^\W_{UNSPACED}])"
_AFTER = rf"(?![^\W_{UNSPACED}])"


def _folded(text: str) -> str:
    """`text` as keywords are looked for in it: casefolded, full-width letters and digits and half-width katakana
    (`ＡＩ`, `ｽﾏﾎ`) as their usual forms (NFKC), as Japanese, Chinese and Korean text writes them either way.
    (Not the stories' words' rule, stories._tokens, nor search's, search_tokens: those lower(), as search.js
    does; a keyword is found in any case, `STRASSE` as `Straße`, which only casefold() gives.) Turkish's dotted and
    dotless i are one letter here, as search's fold has them: `İSTANBUL` casefolds to `i` and a combining dot, and
    `ısparta` is the `ISPARTA` a keyword writes, in a Turkish feed or a Turkish name in any other."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFKC", text).casefold().replace("i\u0307", "i").replace("ı", "i")


@lru_cache(maxsize=1024)
def _keywords(keywords: tuple[str, ...]) -> re.Pattern:
    """One pattern finding any of a topic's keywords as whole words, in casefolded text."""
    patterns = []
    for keyword in keywords:
        words = _folded(unmarked(keyword)).split()
        if not words:
            continue
        pattern = r"\s+".join(map(re.escape, words))
        if words[0][0].isalnum() and not _UNSPACED.match(words[0][0]):
            pattern = _BEFORE + pattern
        if words[-1][-1].isalnum() and not _UNSPACED.match(words[-1][-1]):
            pattern += _AFTER
        patterns.append(pattern)
    return re.compile("|".join(patterns) or r"(?!)")


def body_of(entry: Entry) -> tuple[str, bool]:
    """The entry's full text, sanitised, as one raw HTML block of the Markdown body: inside `<div>` without
    blank lines, neither Markdown renderer reads it as Markdown (the build's sanitiser drops the div).
    Without a full text, the summary, when the excerpt had to cut it or the summary shows more than its
    words (shows_more); else no body, as the page shows the excerpt already. A text longer than
    MAX_BODY_BYTES is cut there, before a tag, and its open elements closed again; the second value says so."""
    fragment = without_footer(entry.content, entry)
    uncut = False
    if not fragment and not is_link_only(summary := without_footer(entry.summary, entry)):
        fragment, uncut = summary, len(plain_text(summary)) <= EXCERPT_CHARS
    cleaned = sanitize(fragment).strip()  # (nested too deep: its text, in one paragraph)
    if "<img" in cleaned:
        cleaned = _PIXEL.sub("", cleaned)
    if uncut and not (shows_more(cleaned) and not repeats_title(excerpt_of(cleaned), title_of(entry), entry)):
        return "", False  # (its words are the excerpt's; a headline and its publisher, linked, are no text)
    data = cleaned.encode("utf-8")
    cut = len(data) > MAX_BODY_BYTES
    if cut:
        start = data[:MAX_BODY_BYTES].decode("utf-8", "ignore")
        cleaned = sanitize(start[:start.rfind("<")] if "<" in start else start).strip()
    if not cleaned:
        return "", cut
    lines = [line.rstrip() for line in cleaned.splitlines() if line.strip()]
    return "<div>\n" + "\n".join(lines) + "\n</div>\n", cut


# A tracking pixel (Medium's, Feedburner's, WordPress's statistics): a picture declared 0 or 1 pixel wide or
# high tells its site who read the text, and shows nothing. (In the sanitiser's output, attributes are quoted.)
_PIXEL = re.compile(r'<img\b[^<>]*?\s(?:width|height)="[01]"[^<>]*>')  # ([^<>]: a try ends at the next tag)


# What a sanitised text's plain words leave out: any element but a paragraph, a line break and their like (a
# link's target, a picture, emphasis, a list, a table, code...)
_MORE_THAN_WORDS = re.compile(r"<(?!(?:p|br|div|span)\b)[a-z]", re.I)


def shows_more(cleaned: str) -> bool:
    """Whether a sanitised summary shows more than the excerpt made of it: a link, a picture, emphasis..."""
    return bool(_MORE_THAN_WORDS.search(cleaned))


_MORE = re.compile(r"\s*\[(?:…|\.\.\.)\]\Z")  # WordPress's "[…]" after a summary it cut


def excerpt_of(fragment: str) -> str:
    """Plain text of an HTML fragment, cut at a word to at most EXCERPT_CHARS characters."""
    return _cut(_MORE.sub("…", plain_text(fragment)), EXCERPT_CHARS)


class _Text(HTMLParser):
    # (and a word's reading, `<rt>`, with the brackets around it for browsers without ruby, `<rp>`: shown above the
    # word on a page, in plain text it would run into it: 新工場しんこうじょう)
    _SKIP = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title",
                       "rt", "rp", "rtc"})
    # (elements a browser shows apart: their words must not run into the next ones, "ab" of two cells)
    _BREAK = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                        "section", "article", "figure", "figcaption", "ul", "ol", "dl", "dt", "dd", "table", "caption",
                        "pre", "hr", "header", "footer", "aside", "nav", "main", "details", "summary", "address"})

    def __init__(self, links: bool = True):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.skip = self._SKIP if links else self._SKIP | {"a"}
        self.shifts: list[tuple[str, int]] = []  # open <sup> and <sub>: (tag, where their text starts)
        self.dropped = False  # a picture without words just left out: "see <img>." reads "see."

    def handle_starttag(self, tag, attrs):
        if tag in self.skip:
            self.skipping += 1
        elif tag == "img" and not self.skipping:  # its words in the sentence, as a browser without pictures shows it
            alt = " ".join((dict(attrs).get("alt") or "").split())
            pixel = any(k in ("width", "height") and (v or "").strip() in ("0", "1") for k, v in attrs)  # (_PIXEL)
            if alt and not pixel:
                self.parts.append(alt)
            else:
                self.dropped = True
        elif tag in self._BREAK:
            self.parts.append(" ")
        elif tag in ("sup", "sub"):  # (a formula's power or index, as the body writes it: c², not c2)
            self.shifts.append((tag, len(self.parts)))

    def handle_endtag(self, tag):
        if tag in self.skip:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BREAK:
            self.parts.append(" ")
        elif tag in ("sup", "sub") and self.shifts and self.shifts[-1][0] == tag:
            start = self.shifts.pop()[1]
            self.parts[start:] = [shifted(" ".join("".join(self.parts[start:]).split()), tag == "sup",
                                           marked=False)]

    def handle_data(self, data):
        if self.skipping:
            return
        if self.dropped and data.lstrip()[:1] in _CLOSING and data.strip():
            while self.parts and self.parts[-1].isspace():  # (the space before the picture, and a break's)
                self.parts.pop()
            if self.parts:
                self.parts[-1] = self.parts[-1].rstrip()
            data = data.lstrip()
        self.dropped = self.dropped and not data.strip()
        self.parts.append(data)


_CLOSING = frozenset(".,;:!?)]…")  # what follows a word without a space


def plain_text(fragment: str, links: bool = True) -> str:
    """Tags stripped (and the content of script, style and the like dropped; of links too unless `links`),
    entities decoded, white space collapsed."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    parser = _Text(links)
    feed_whole(parser, fragment)
    return " ".join("".join(parser.parts).split())


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return cut_at_word(text, limit - 1).rstrip(" ,;:.-") + "…"


def _bare_host(url: str) -> str:
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # (`http://[a/`: a broken host is none)
        return ""
    return host[4:] if host.startswith("www.") and host.count(".") >= 2 else host


def _number(value: float):
    return int(value) if float(value).is_integer() else value


def _yaml(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True, width=1 << 20,
                     default_flow_style=False)
