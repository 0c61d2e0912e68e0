"""Stage 3: Sources -> Items, Topics, Providers: the frozen model every page is made from.

Front matter values are normalised here, once: dates become time-zone-aware UTC,
scores become floats from 0 to MAX_SCORE, plain-text fields are decoded (plain_text),
URLs are kept only with an http(s) scheme, the body is rendered and sanitised.

Item files come from crawlers, so nothing a crawler can write loses a story that can be
shown: a value of the wrong kind is dropped, an out-of-range number clamped, an unknown
`type` kept (with a neutral label), each with a warning naming the file and line. Only an
item without a title or a usable date (or naming an undeclared topic, when the config's
`undeclared_topics` is `error`) is left out, as a Rejected problem that names every error
and warning of the file at once. An item held back on purpose (draft, future) is "withheld".

What one item may cost is bounded, as some pages cost per pair of its parts (each of its
topic pages lists its topics): at most MAX_TOPICS topics, MAX_RELATED related stories and
MAX_IMAGES images are kept (and MAX_IMAGES of its provider's), with a warning for the rest.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import hashlib
import html
import json
import logging
import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from functools import lru_cache
from datetime import date, datetime, time, timezone
from types import MappingProxyType
from typing import Mapping, NamedTuple
from urllib.parse import quote, urlsplit

from generator.config import Config, ProviderConfig, TopicConfig
from generator.site.content import Source, key_lines
from generator.errors import Problem, Rejected
from generator.frozen import record
from generator.isotime import (AMBIGUOUS_ZONES, LONGEST_DATE, Refused, ambiguous_month, ambiguous_zone, checked,
                               goes_by, in_english, parse_iso, parse_rfc2822, site_zoned, with_offset)
from generator.site.markup import (absolute_addresses, embeddable, featured_of_address, formulas_as_plain_text,
                                   iframe_src, media_file, player_url, python_markdown_costly, render_markdown,
                                   sanitize, without_player)
from generator.urlnorm import canonical_url
from generator.urls import (distinct_slug, field_url, host_of, joined, safe_url, slugify, spell_symbols,
                            static_path, without_controls)

log = logging.getLogger(__name__)

KNOWN_FIELDS = frozenset({
    "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "type",
    "quality", "heat", "published", "provider", "topics", "images", "related", "secured", "featuredContent",
    "price", "length", "category", "slug", "size", "image", "author", "authors",
})
# The fields of the mappings inside an item (a provider, each picture, each related story).
_IMAGE_FIELDS = frozenset({"url", "src", "contentUrl", "href", "width", "height"})
_NESTED_FIELDS = MappingProxyType({
    "provider": frozenset({"name", "domain", "images", "url", "logo", "account"}),
    "images": _IMAGE_FIELDS,
    "related": frozenset({"title", "webUrl", "originalUrl", "url", "publishedDateTime", "provider", "excerpt",
                          "type", "quality"}),
})
# What a card calls an item of a known type ("" for an article: most are). Any other type is kept as
# written and labelled by type_label.
TYPE_LABELS = MappingProxyType({"article": "", "video": "Video", "audio": "Audio", "podcast": "Podcast",
                                "download": "Download", "event": "Event", "course": "Course"})
MAX_TYPE = 40  # characters of a type kept
MAX_SCORE = 1_000_000.0  # heat and quality are clamped to 0..MAX_SCORE
MAX_TOPICS = 20  # per item; see the module's docstring
MAX_RELATED = 50
MAX_IMAGES = 20
MAX_TEXT = 2000  # characters of a plain-text field (a title, an excerpt, a name); see _capped
_DECODE_ROUNDS = 4  # entity decodings of one field at most: each round undoes one encoding too many
_TAG = re.compile(r"<!--.*?(?:-->|$)|<[!?][^<>]*>|</?([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^<>]*)?>", re.DOTALL)
# What plain_text takes for a tag: HTML's elements (and SVG's and MathML's roots), and custom elements (a
# "-" in the name). Anything else in angle brackets is words a reader should see: `List<String>`, `Vec<u8>`.
_ELEMENTS = frozenset("""
    a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
    embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html
    i iframe img input ins isindex kbd keygen label legend li link listing main map mark marquee math menu meta
    meter nav nobr noembed noframes noscript object ol optgroup option output p param picture plaintext pre
    progress q rb rp rt rtc ruby s samp script search section select slot small source span strike strong style
    sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
    xmp""".split())
# Elements that cut-off HTML leaves behind bare (`<p>First paragraph`, `<br>`, `<b>`): always markup. Any other
# element's bare opening tag that nothing in the field closes is words about HTML: "The <dialog> element".
_STRAY_TAGS = frozenset("""
    b big blockquote br center dd div dl dt em font h1 h2 h3 h4 h5 h6 hr i li mark nobr ol p s section small span
    strike strong sub sup table tbody td tfoot th thead tr tt u ul wbr article figure figcaption""".split())
_CLOSING = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)")
# An element whose content a browser never shows as text (the body's sanitiser drops them with it): its
# opening tag, and the closing tag of each
_HIDDEN_OPENING = re.compile(r"<(script|style|template|noembed|noframes|xmp)\b[^<>]*>", re.IGNORECASE)
_HIDDEN_CLOSING = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
                   for name in ("script", "style", "template", "noembed", "noframes", "xmp")}


def _without_hidden(text: str) -> str:
    """`text` without the elements of _HIDDEN_OPENING that are closed, content and all (an opening tag
    nothing closes stays, as words: "How <script> tags block rendering"). In one pass: a name found
    without a closing tag after it is not looked for again, so hostile text costs no more than a few
    readings of it."""
    parts, at, unclosed = [], 0, set()
    for opening in _HIDDEN_OPENING.finditer(text):
        name = opening.group(1).lower()
        if opening.start() < at or name in unclosed:
            continue
        closing = _HIDDEN_CLOSING[name].search(text, opening.end())
        if closing is None:
            unclosed.add(name)
            continue
        parts.append(text[at:opening.start()])
        at = closing.end()
    return "".join(parts) + text[at:] if parts else text
_BREAKING_TAGS = frozenset({"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "hr", "blockquote", "section",
                            "article", "h1", "h2", "h3", "h4", "h5", "h6"})
_LABEL_WORDS = re.compile(r"[^\W\d_][^\W_]*(?:[ -][^\W_]+)?")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@record
class Image:
    url: str  # absolute http(s) URL, or a path inside the site (no leading slash)
    width: int | None = None
    height: int | None = None

    @property
    def remote(self) -> bool:
        """Whether the picture is another site's (an http(s) URL), not one of the site's own files."""
        return self.url.lower().startswith(("https://", "http://"))


@record
class ProviderRef:
    """The provider as an item names it."""

    name: str
    domain: str
    slug: str
    images: tuple[Image, ...] = ()
    # Its own page on a host many providers share (a YouTube channel's, a GitHub repository's), as its identity
    # reads it: the host without `www.`, the path and the query (`youtube.com/channel/UC1`); else ""
    account: str = ""


@record
class Related:
    """Another provider's coverage of the same story."""

    title: str
    excerpt: str
    published: datetime | None
    url: str
    type: str
    provider: ProviderRef | None
    quality: float | None


@record
class Item:
    """One news item, normalised; `path` is its page, relative to the site root."""

    source: str
    digest: str
    slug: str
    path: str
    title: str
    excerpt: str
    published: datetime
    original_url: str
    web_url: str
    amp_url: str
    cdn_amp_url: str
    type: str  # lower case, as written (any value: see type_label)
    quality: float | None  # None: not given (pages show none; ranking counts it as 0)
    heat: float
    is_published: bool
    provider: ProviderRef | None
    topics: tuple[str, ...]  # topic slugs
    topic_names: tuple[str, ...]  # the same topics as the item writes them
    images: tuple[Image, ...]
    related: tuple[Related, ...]
    body: bytes  # the sanitised body HTML, UTF-8 and zlib-compressed: far less memory than a str with any
    #               non-Latin-1 character, which matters on a big site (and in every forked worker that
    #               touches it); only article pages read it. Templates use `body_html`.
    featured_html: str
    video_url: str  # the player URL found in featuredContent (may be on any host)
    embed: bool  # whether video_url is on the allow-list and may be embedded
    price: str
    length: str
    category: str
    extra: dict = field(default_factory=dict)  # unknown front matter fields, for templates (do not mutate)
    secured: str = ""  # opaque; kept so nothing the user had is lost, never rendered
    size: str = ""  # a download's size as the item writes it ("12 MB")
    size_bytes: int = 0  # the same in bytes when the item gives a number (a feed's enclosure needs it), else 0
    # a price written as an offer (`{amount: 10, currency: EUR}`): its amount, for the theme to write as the site's
    # language writes numbers (`price` has it as text, `10 EUR`), and its currency; None and "" otherwise
    price_amount: float | None = None
    price_currency: str = ""
    # the sound or video file that featuredContent plays (a podcast's episode), and which of the two: feeds
    # carry it as their enclosure, so that a podcast app can play it
    media_file: str = ""
    media_kind: str = ""
    author: str = ""  # who wrote it, as plain text (several names joined with ", "), or ""
    warnings: tuple[Problem, ...] = ()  # what the user should fix in its file (the item is shown all the same)

    @property
    def image(self) -> Image | None:
        return self.images[0] if self.images else None

    @property
    def body_html(self) -> str:
        return body_html(self.body)

    @property
    def type_label(self) -> str:
        """What cards call it: "" for an article (see type_label)."""
        return type_label(self.type)

    @property
    def link(self) -> str:
        """The story on the provider's site."""
        return self.web_url or self.original_url


def body_html(body: bytes) -> str:
    """An Item's body HTML from the compressed bytes it keeps (also for the bytes alone, as search's
    worker processes get them)."""
    return zlib.decompress(body).decode("utf-8")


@record
class Topic:
    slug: str
    name: str
    parent: str  # slug, or ""
    description: str
    children: tuple[str, ...] = ()
    depth: int = 0  # how many parents up to a top-level topic (0 for one; counted without recursion)


@record
class ProviderBadge:
    """Who a provider is, as a story's card shows it: what templates get from the `providers` global.

    The counts and averages (Provider) are left out on purpose: they move with every story, and a
    value every page can read would make every page depend on every story (generator/build/fingerprints.py).
    """

    slug: str
    name: str
    domain: str
    logos: tuple[Image, ...]  # its logo in every size given (the first as given: see `logo`)
    description: str

    @property
    def logo(self) -> Image | None:
        return self.logos[0] if self.logos else None

    @property
    def monogram(self) -> str:
        """The first letter or digit of the name's first two words ("«Le Monde»": "LM"); without one, its first
        visible character. Never a character that shows nothing: crawled names often start with a byte order
        mark, a zero-width space or a direction override, which made an empty circle of the monogram."""
        words = [w for w in self.name.replace(".", " ").split() if any(c.isalnum() for c in w)]
        letters = "".join(next(c for c in w if c.isalnum()) for w in words[:2])
        return (letters or next((c for c in self.name if c.isprintable() and not c.isspace()), "?")).upper()

    @property
    def hue(self) -> int:
        """A stable colour for the monogram, from the domain."""
        return sum(ord(c) * (i + 1) for i, c in enumerate(self.slug)) % 360


@record
class Provider(ProviderBadge):
    """A provider with the facts its own card shows (on its page and the providers index)."""

    count: int
    avg_quality: float | None  # None: none of its items gives a quality
    main_topics: tuple[str, ...]  # topic slugs, most items first

    @property
    def badge(self) -> ProviderBadge:
        return ProviderBadge(self.slug, self.name, self.domain, self.logos, self.description)


@record
class SiteStory:
    """Items that report the same news (generator/site/stories.py, generator/site/grouping.py): two or more."""

    id: str  # stable: made from the source path of its earliest item (stories.story_id)
    lead: int  # index into Site.items of the item whose title and picture stand for the story
    members: tuple[int, ...]  # indices into Site.items, ascending (newest first), the lead included
    providers: tuple[str, ...]  # the distinct provider slugs of its members, the lead's first, then newest first
    newest: datetime  # the newest member's time
    related: tuple[str, ...] = ()  # URLs of its members' `related` entries that are no item's: more coverage


@dataclass(frozen=True)
class Site:
    """All items (latest first) and the read-only indexes the pages need."""

    items: tuple[Item, ...]
    topics: Mapping[str, Topic]
    providers: Mapping[str, Provider]
    topic_items: Mapping[str, tuple[int, ...]]  # slug -> indices into items, children's items included
    provider_items: Mapping[str, tuple[int, ...]]
    url_index: Mapping[str, int]  # an item's original/web URL -> its index, for internal "more coverage" links
    # a provider's identity (provider_identity) -> its slug: its plain one unless another's is alike (_distinct_slugs)
    provider_slugs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    alike_providers: frozenset[str] = frozenset()  # the identities of those whose plain slugs are alike (warned of)
    # an undeclared topic's identity (topic_identity) -> its slug: its plain one unless another's is alike
    topic_slugs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    alike_topics: frozenset[str] = frozenset()  # the topics a fast re-index leaves to a build (_distinct_topics)
    # Stories of two or more items (an item not in one is a story of its own), earliest first, and item index ->
    # index into `stories` for their members. Empty unless grouping.with_stories filled them.
    stories: tuple[SiteStory, ...] = ()
    story_of: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class ModelResult:
    site: Site
    problems: tuple[Problem, ...]  # items left out because they are broken
    warnings: tuple[Problem, ...]  # items kept, with something the user should fix
    withheld: tuple[tuple[str, str], ...]  # (source, reason) for drafts and future items


# --- the stage -----------------------------------------------------------------------------------

def make_item_or_problem(source: Source, config: Config, topic_defs: dict) -> Item | Problem:
    """The Item of a source file, or the Rejected problem that leaves it out (see make_item)."""
    return make_item(source, config, topic_defs)


def build_site(
    items: list[Item],
    config: Config,
    topic_defs: dict,
    *,
    now: datetime,
    drafts: bool = False,
    future: bool = False,
    extra_providers: tuple[ProviderConfig, ...] = (),
) -> ModelResult:
    """Choose the items this build publishes and index them.

    `topic_defs` comes from `topic_definitions` (config.yaml wins over data_dir records);
    `extra_providers` are data_dir provider records, under config.yaml's.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    withheld: list[tuple[str, str]] = []
    kept: list[Item] = []
    for item in items:
        warnings.extend(item.warnings)
        reason = withheld_because(item, now, drafts, future)
        if reason:
            withheld.append((item.source, reason))
        else:
            kept.append(item)
    kept = _separate_path_clashes(kept, problems, warnings)
    kept, provider_slugs, alike = _distinct_providers(kept, config.root, warnings)
    kept, topic_slugs, alike_topics = _distinct_topics(kept, topic_defs, config.root, warnings)
    kept.sort(key=latest_order)
    topic_names: dict[str, str] = {}  # slug -> name as first written, for topics config does not define
    for item in sorted(kept, key=lambda i: i.source):
        for name, slug in zip(item.topic_names, item.topics):
            topic_names.setdefault(slug, name)
    site = _index(tuple(kept), topic_defs, topic_names, extra_providers + config.providers, provider_slugs, alike,
                  topic_slugs, alike_topics)
    return ModelResult(site, tuple(problems), tuple(warnings), tuple(withheld))


def missing_pictures(items, files, root) -> list[Problem]:
    """A warning for each picture an item names in the site's own static/ folder (`static/pictures/x.jpg`) that
    the built site does not have (`files`: its static files' output names): its pages would show a broken
    picture. Asked of the plan, not kept with the item: the file may be added without the item changing."""
    warnings = []
    for item in items:
        if item is None:
            continue
        keys = [(key, image.url) for key, images in (("images", item.images),
                                                      ("provider", item.provider.images if item.provider else ()))
                for image in images if not image.remote and image.url not in files]
        lines = key_lines(root, item.source, {key for key, _ in keys}) if keys else {}
        warnings += [Problem(item.source, lines.get(key), f"`{key}`: no file {url} in the site, so the picture "
                             "shows broken", f"put the picture at {url}, or correct its `url`") for key, url in keys]
    return warnings


def withheld_because(item: Item, now: datetime, drafts: bool = False, future: bool = False) -> str:
    """Why the build leaves the item out (a draft, a date after the build time), or "" if it publishes it."""
    if not item.is_published and not drafts:
        return "published: false"
    if item.published > now and not future:
        return f"dated in the future ({item.published.isoformat()})"
    return ""


# What an edit may change in an item and leave the site's shape as it was: none of these decide an
# item's page, its place in any order, its topics or provider, or anything the site shows of others.
# (Not `type`: it puts the item in a type's list, site/types.py.)
TEXT_FIELDS = frozenset({"digest", "title", "excerpt", "author", "amp_url", "cdn_amp_url", "images", "body",
                         "featured_html", "video_url", "embed", "price", "price_amount", "price_currency", "length",
                         "size", "size_bytes", "category",
                         "extra", "secured", "warnings", "media_file", "media_kind"})


def same_place(old: Item, new: Item) -> bool:
    """Whether `new` differs from `old` only in its words (TEXT_FIELDS): every page shows it where it did."""
    return all(getattr(old, f.name) == getattr(new, f.name) for f in fields(Item) if f.name not in TEXT_FIELDS)


def provider_average(items, indices) -> float | None:
    """A provider's average quality, as its card shows it: over its items (indices into `items`) that give
    one; None when none does."""
    given = [items[i].quality for i in indices if items[i].quality is not None]
    return round(sum(given) / len(given), 1) if given else None


def main_topics(items, indices) -> tuple[str, ...]:
    """A provider's main topics, as its card shows them: the three its items (indices into `items`) name most."""
    counts = Counter(t for i in indices for t in items[i].topics)
    return tuple(t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])


def latest_order(item: Item):
    """Newest first; the source path breaks ties so the order never depends on the file system."""
    return (-item.published.timestamp(), item.source)


def make_item(source: Source, config: Config, topic_defs: dict) -> Item | Rejected:
    """The Item a source file makes (with the warnings it carries), or, when it cannot be shown (no
    title, no usable date, a topic the site does not declare under `undeclared_topics: error`),
    the Rejected problem naming every error and warning of the file at once."""
    notes = _Notes()
    meta, notes.aliases = _spelled_as_known(source.meta, KNOWN_FIELDS, notes)
    meta = _nested_spelled_as_known(meta, notes)
    meta = _named_otherwise(meta, notes)
    written = {notes.canonical(key): value for key, value in source.written.items()}
    title = _text(meta, "title", notes, required=True, written=written)
    published = _date(meta, "publishedDateTime", config, notes)
    kind = _type(meta.get("type"), "type", notes)
    _check_keys(meta, notes)
    topics = _topics(meta, topic_defs, config, notes)
    featured = featured_of_address(_text(meta, "featuredContent", notes, plain=False))
    original, web = field_url(meta.get("originalUrl")), field_url(meta.get("webUrl"))
    if not featured and kind == "video":  # (a video's page on YouTube or Vimeo names its player)
        page = original or web
        featured = featured_of_address(page) if page and player_url(page) != page else ""
    # The page the item was taken from: relative addresses in the body, featuredContent, pictures and related
    # coverage are of that page, as the browser resolved them there (without it they cannot be followed).
    base = web or original
    # A player's URL is in the API and the page's iframe; embed codes write it as any URL field's value
    # (`//www.youtube.com/embed/x` most often), and one that cannot be kept is said, as such a field's is
    player = iframe_src(featured)
    video_url = field_url(player) or _resolved(player, base)
    if player and not video_url:
        notes.warn("featuredContent", f"the player's address in `featuredContent` is not an http or https URL: "
                   f"{_shown(player)}; the item has no player", "write the iframe's src as a full address, "
                   "e.g. https://www.youtube.com/embed/ID")
    values = dict(  # (all read before deciding, so that every problem of the file is said at once)
        excerpt=_text(meta, "excerpt", notes, written=written),
        original_url=_url_field(meta, "originalUrl", notes, base),
        web_url=_url_field(meta, "webUrl", notes, base),
        amp_url=_url_field(meta, "ampWebUrl", notes, base),
        cdn_amp_url=_url_field(meta, "cdnAmpWebUrl", notes, base),
        type=_shared(kind),
        quality=_score(meta.get("quality"), "quality", notes),
        heat=_score(meta.get("heat"), "heat", notes) or 0.0,
        is_published=_bool(meta, "published", notes, default=True) if meta.get("published") not in (None, "")
        else not _drafted(meta, notes),
        provider=_shared(_provider_ref(meta.get("provider"), "provider", notes, base)),
        topics=_shared(tuple(slug for slug, _ in topics)),
        topic_names=_shared(tuple(name for _, name in topics)),
        images=_pictures(meta, notes, base),
        related=_related(meta.get("related"), config, notes, base),
        featured_html="",  # (below: its relative addresses are the story page's, as the body's)
        video_url=video_url,
        embed=embeddable(video_url, config.embed_hosts),
        price=_price(meta, "price", notes, written),
        length=_length(meta, "length", notes, written),
        category=_text(meta, "category", notes, written=written),
        author=_author(meta, notes),
        extra={k: v for k, v in meta.items() if k not in KNOWN_FIELDS},
        secured=_opaque(meta.get("secured")),
        size=_size(meta, "size", notes, written),
        size_bytes=int(_bytes(written["size"] if written and "size" in written else meta.get("size")) or 0),
        **_offer(meta, "price", written),
    )
    values["related"] = _other_than(values, notes)
    if featured:
        # (its first iframe is the player, shown as one: not again as a link)
        # (without ids: footnotes are the body's, and the same id twice in a page leads its links astray)
        values["featured_html"] = absolute_addresses(sanitize(without_player(featured), ids=False), base)
        # (sanitised, its address is safe for a browser; a podcast app reads it from a feed's enclosure, which
        # must be a URL as sent: `a b.mp3` as `a%20b.mp3`)
        address, kind = media_file(values["featured_html"])
        values["media_file"] = field_url(address)
        values["media_kind"] = kind if values["media_file"] else ""
    slug_text = _text(meta, "slug", notes, written=written)
    errors, warnings = notes.problems(config.root, source.path, source.body_line - 1,
                                      {key: again for key, _, again in source.twice})
    warnings += tuple(Problem(source.path, again, f"`{key}` is given twice, also on line {first}: the last one is used",
                              "remove the one you do not mean") for key, first, again in source.twice)
    warnings += tuple(Problem(source.path, line, message, hint) for line, message, hint in source.notes)
    if errors:
        first = errors[0]
        return Rejected(first.path, first.line, first.message, first.hint, errors=errors, warnings=warnings)
    slug = slugify(slug_text or _stem(source.path) or title, fallback=source.path)
    day = published.astimezone(config.zone)  # (strftime writes year 1 as "1")
    body, engine = without_controls(source.body), config.markdown_engine
    if engine == "python-markdown":
        line, marks = python_markdown_costly(body)
        if line:
            engine = "cmark"
            warnings += (Problem(source.path, source.body_line + line - 1,
                                 "the body is rendered as CommonMark: Python-Markdown would take minutes over it "
                                 f"(this paragraph holds {marks:,} brackets, tags, entities and other marks)",
                                 "split the text into shorter paragraphs, or set `markdown_engine: cmark`"),)
    return Item(
        source=source.path,
        digest=source.digest,
        slug=slug,
        path=f"news/{day.year:04d}/{day.month:02d}/{day.day:02d}/{slug}/",
        title=title,
        published=published,
        body=zlib.compress(render_markdown(body, engine, base).encode("utf-8"), 1),
        warnings=warnings,
        **values,
    )


_SHARED: dict = {}  # a value many items hold alike -> the one object they all hold (_shared)
_SHARED_MAX = 10_000  # distinct values kept; then it starts again (a site has far fewer providers and topic lists)


def _shared(value):
    """One object for each of the values that many items hold alike: their provider (its name, domain and logos),
    their topics, their type. A big site's items then hold one of each rather than a copy each: less memory, and
    fewer pages for a forked rendering helper to copy as it reads them. Items made in one process and sent
    back together (a reading task's items, the build cache) keep holding one object."""
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


class _Notes:
    """What is wrong with one item file, gathered while it is read so that one build reports all of it.
    An error leaves the item out; a warning keeps it, with the value dropped, clamped or defaulted."""

    def __init__(self):
        self.errors: list[tuple[str | None, str, str]] = []  # (front matter key or None, message, hint)
        self.warnings: list[tuple[str | None, str, str]] = []
        self.aliases: dict[str, str] = {}  # field -> the key the file writes it as, when another spelling

    def canonical(self, key):
        """The field a top-level key of the file is read as (`Title` is `title`: _spelled_as_known)."""
        return next((field for field, written in self.aliases.items() if written == key), key)

    def error(self, key: str | tuple | None, message: str, hint: str = "") -> None:
        self.errors.append((key, message, hint))

    def warn(self, key: str | tuple | None, message: str, hint: str = "") -> None:
        self.warnings.append((key, message, hint))

    def problems(self, root, path: str, end: int = 1, last: Mapping[str, int] | None = None
                 ) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
        """`end`: the line of the front matter's closing `---`, where a missing key (key None) is to be added;
        `last`: the line of the last of a top-level key given more than once, whose value is the one used."""
        if not self.errors and not self.warnings:
            return (), ()
        # ("related: quality" is on the line of `related:`; a key (`provider`, `domian`) on the line of `domian:`)
        def where(key):
            top, *rest = key if isinstance(key, tuple) else (key.split(":")[0],)
            top = self.aliases.get(top, top)  # (at the key as the file spells it)
            return (top, *rest) if rest else top
        lines = key_lines(root, path, {where(key) for key, _, _ in self.errors + self.warnings if key})
        lines.update({key: line for key, line in (last or {}).items() if key in lines})
        return tuple(tuple(Problem(path, lines.get(where(key)) or 1 if key else end, message, hint)
                           for key, message, hint in notes) for notes in (self.errors, self.warnings))


class _Unusable(Exception):
    """A value that cannot be used (the caller decides whether that leaves the item out)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


# --- field normalisers: trouble goes into the item's notes, naming the key ----------------------------

def _stem(path: str) -> str:
    """File name without extension and without a leading YYYY-MM-DD- date."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if len(stem) > 11 and stem[:4].isdigit() and stem[4] == "-" and stem[7] == "-" and stem[10] == "-":
        stem = stem[11:]
    return stem


def plain_text(text: str, markup: bool = True) -> str:
    """A crawler's plain-text field as a reader should see it: HTML entities decoded (again while that
    changes it, a few times at most: `&amp;#8217;` was encoded twice), stray tags removed, control
    characters dropped, white space made one space. Templates, feeds and the search index escape the
    result once; nothing decodes it again. `markup` False: a text that is no HTML (the site's own config.yaml's),
    its `&` and `<` kept as written."""
    for _ in range(_DECODE_ROUNDS if markup else 0):
        if "&" not in text and "<" not in text:
            break
        decoded = html.unescape(text)
        if "<" in decoded:  # (a formula shows its words, not its elements' names: `<mi>E</mi>`)
            decoded = formulas_as_plain_text(decoded)
        if "</" in decoded:  # (a script's or a style's text is no words of the field: `<script>alert(1)</script>`)
            decoded = _without_hidden(decoded)
        closed = frozenset(name.lower() for name in _CLOSING.findall(decoded)) if "</" in decoded else frozenset()
        decoded = _TAG.sub(lambda match: _tag_gap(match, closed), decoded)
        if decoded == text:
            break
        text = decoded
    text = without_controls(text)
    if _SURROGATE.search(text):  # (YAML's "\udcff" escapes make them; no file can be written with one)
        text = _SURROGATE.sub("\ufffd", text)
    if text.isascii():
        text = " ".join(text.split())
    else:
        if "\u00ad" in text or "\ufeff" in text:
            # (a soft hyphen splits the word it is in for search and for what compares titles, and a byte order
            # mark inside a text is a file's seam; neither shows: the hyphen is the theme's to place)
            text = text.replace("\u00ad", "").replace("\ufeff", "")
        # A run of white space is one space, but one of no-break spaces only is kept, as one: French puts one
        # before `:`, `?` and `!` and in `20 %`, and others between a number and its unit, so that no line
        # breaks there (pages, feeds and JSON write it as the character; search still splits words at it)
        text = spaces_made_one(text)
    if not text.isascii() and not _SHOWN.search(text):
        return ""  # only characters that show nothing (`&#8203;`, a byte order mark): as empty as spaces
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # (`e` and a combining accent, as some crawlers and macOS write it: the same text to a reader, `é` to
        # a page's checker and to what compares or searches it)
        text = unicodedata.normalize("NFC", text)
    return bidi_closed(text) if _BIDI.search(text) else text


_SPACE_RUN = re.compile(r"\s+")
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")


def spaces_made_one(text: str) -> str:
    """Every run of white space one space, without the text's first and last; a run of no-break spaces
    only kept, as one (plain_text; the feeds' clean_text)."""
    if "\u00a0" in text or "\u202f" in text or "\u2007" in text:
        return _SPACE_RUN.sub(_one_space, text).strip()
    return " ".join(text.split())


def _one_space(match: re.Match) -> str:
    run = match.group()
    return run[0] if _NO_BREAK_SPACES.issuperset(run) else " "


def plain_name(text: str, markup: bool = True) -> str:
    """A name (a provider's, a topic's) as plain_text makes it, without the characters that show nothing and
    that would make two names that look alike two providers or topics: zero-width spaces, word joiners,
    direction marks and embeddings, Hangul fillers, and a zero-width joiner or non-joiner but between two
    letters or symbols of a script or emoji that uses it (Persian `می‌خواهم`, Indic conjuncts, `👩‍💻`, where it
    changes what shows). No-break spaces are plain spaces in a name: they only keep a line whole. `markup`: as
    plain_text's."""
    text = plain_text(text, markup)
    if text.isascii():
        return text
    text = _INVISIBLE_IN_NAMES.sub("", text)
    if _SELECTOR.search(text):
        text = _SELECTOR.sub(lambda found: found[0] if _selects(found.string, found.start(), found.end()) else "",
                             text)
    if "\u200c" in text or "\u200d" in text:
        text = "".join(c for i, c in enumerate(text) if c not in "\u200c\u200d"
                       or 0 < i < len(text) - 1 and _joins(text[i - 1]) and _joins(text[i + 1]))
    return " ".join(text.split())


_IGNORED_IN_HOSTS = re.compile("[\u00ad\u034f\u180b-\u180d\u200b\u2060\ufe00-\ufe0f\ufeff]")  # (UTS 46's "ignored")
# (Unicode's default ignorable code points but the joiners and selectors, which _SELECTOR and _joins keep
# where they change what shows)
_INVISIBLE_IN_NAMES = re.compile("[\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e"
                                 "\u2060-\u206f\u3164\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                                 "\U000e0000-\U000e001f\U000e0080-\U000e00ff\U000e01f0-\U000e0fff]")
# Variation selectors (an emoji's `❤️`, a Han character's variant, Mongolian's), and tags (a flag's `🏴 + tags`):
# kept only where they select something, else nothing that shows, which made `Acme` and `Acme\ufe0f` two names
_SELECTOR = re.compile("[\ufe00-\ufe0f\u180b-\u180d\u180f\U000e0100-\U000e01ef]|[\U000e0020-\U000e007f]+")


def _selects(text: str, start: int, end: int) -> bool:
    """Whether the selector or the tags at text[start:end] change what shows: a selector after a letter or symbol
    of a script other than ASCII's (or before a keycap's U+20E3), tags after a black flag."""
    before = text[start - 1] if start else ""
    if "\U000e0020" <= text[start] <= "\U000e007f":
        return before == "\U0001f3f4"
    return bool(before) and _joins(before) or text.startswith("\u20e3", end)


def _joins(char: str) -> bool:
    """Whether a joiner next to `char` may change what shows: a letter or mark of a script other than ASCII's,
    a symbol (emoji) or its modifier, or a variation selector."""
    return not char.isascii() and (unicodedata.category(char)[0] in "LM" or unicodedata.category(char) in ("So", "Sk"))


# A character that shows: none of Unicode's default ignorable code points (zero-width spaces and joiners,
# direction marks, byte order marks, variation selectors, Hangul fillers, tags) nor white space. A title of
# only such characters was a card's link with no text, an empty headline, a blank feed entry.
_SHOWN = re.compile("[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS, _ISOLATES = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068"
_PDF, _PDI = "\u202c", "\u2069"


def bidi_closed(text: str) -> str:
    """`text` with each direction embedding, override or isolate it opens and leaves open closed at its end.
    They are kept (right-to-left text needs them), but one left open (a crawler's stray U+202E) would turn
    around what a page writes after the field on the same line: the provider's name, the date."""
    opened: list[str] = []
    for char in _BIDI.findall(text):
        if char in _EMBEDDINGS or char in _ISOLATES:
            opened.append(char)
        elif char == _PDF:
            if opened and opened[-1] in _EMBEDDINGS:  # (a PDF closes no isolate, as the Unicode algorithm reads it)
                opened.pop()
        elif any(c in _ISOLATES for c in opened):  # a PDI closes its isolate and all opened in it
            while opened.pop() not in _ISOLATES:
                pass
    return text + "".join(_PDI if char in _ISOLATES else _PDF for char in reversed(opened))


def _resolved(value, base: str) -> str:
    """A relative address (`/images/x.jpg`, `../x.jpg`) of the page at `base`, as the browser resolved it there,
    if that makes a safe URL (field_url); else the empty string."""
    if not base or not isinstance(value, str) or not value.strip() or _SCHEME_START.match(value.strip()):
        return ""
    return field_url(joined(base, value.strip()))


_SCHEME_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # (an address with a scheme is not relative)


def _url_field(meta: dict, key: str, notes: _Notes, base: str = "") -> str:
    """A URL field (field_url), or an address relative to `base` (_resolved); one given that cannot be kept
    (`javascript:`, a relative path with no page to resolve it against, a list) is left out with a warning,
    so the user learns why the story has no link."""
    value = meta.get(key)
    if value is None or value == "":
        return ""
    url = field_url(value) or _resolved(value, base)
    if not url:
        notes.warn(key, f"`{key}` is not an http or https URL: {_shown(value)}; it is left out",
                   "write the full address, e.g. https://provider.example/story")
    return url


def _tag_gap(match: re.Match, closed: frozenset[str]) -> str:
    """What a removed tag leaves: a space where it broke the line (<br>, <p>), else nothing (<b>); what is
    no element's tag (`<String>`), or an element's bare tag that nothing in the field (`closed`) closes and
    cut-off HTML does not leave (_STRAY_TAGS), stays as it is. An unclosed `<!--` is text too, with all
    after it (it hid nothing); _TAG takes it to the end in one match, as a search for each `<!--`'s end
    would take time growing with the square of the text's length."""
    name = (match.group(1) or "").lower()
    if name and name not in _ELEMENTS and "-" not in name:
        return match.group()
    if (name and name not in _STRAY_TAGS and name not in closed and match.group()[1] != "/"
            and match.group()[len(name) + 1:].strip() == ">"):
        return match.group()
    if match.group().startswith("<!--") and not match.group().endswith("-->"):
        return match.group()
    return " " if name in _BREAKING_TAGS else ""


def _plain(value, name: bool = False) -> str | None:
    """A scalar as plain text (`name`: as plain_name makes a name); None for a list, a mapping or anything else
    that is not one."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float, date, time)):  # (a time: TOML's `07:30:00`)
        return plain_name(str(value)) if name else plain_text(str(value))
    return None


def _text(meta: dict, key: str, notes: _Notes, required: bool = False, plain: bool = True,
          written: Mapping[str, str] | None = None) -> str:
    """A text field; `plain`: decoded (plain_text), else (HTML, opaque values) only without control characters.
    `written`: Source.written, the text of a value YAML read as a number, a date or true/false (`length: 4:05`
    is 245 to YAML): a text field shows what was written."""
    value = meta.get(key)
    if written and key in written:
        value = written[key]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        # (JSON-LD writes a value as a list of one: `title: ["..."]`)
        if len(value) == 1:
            value = value[0]
    text = "" if value is None else _plain(value) if plain else _unplain(value)
    if text is None:
        report = notes.error if required else notes.warn
        report(key, f"`{key}` must be text, got {_kind(value)}", "put the value in quotes, on one line")
        return ""
    if isinstance(value, bool):  # `title: Yes` is read as true: the words were lost
        notes.warn(key, f"`{key}` was read as {text}, not as text", "put the value in quotes")
    if not text and required:
        if key not in meta:  # (`title:` with nothing after it is there, and empty: said at its line)
            notes.error(None, f"missing `{key}`", f"add a line above this closing `---` with the item's {key}, e.g. "
                                                  f"`{key}: Central bank holds rates`")
        else:
            notes.error(key, f"`{key}` is empty", f"write the {key} as text")
    return _capped(text, key, notes) if plain else text


def _author(meta: dict, notes: _Notes) -> str:
    """`author` (else `authors`, as JSON Feed and JSON-LD write it): a name, a mapping with a `name` (JSON-LD's
    Person), or a list of them; the names as plain text, each once, joined with ", "."""
    key = "author" if meta.get("author") not in (None, "", []) else "authors"
    value = meta.get(key)
    names, unusable = [], []
    for entry in value if isinstance(value, list) else [] if value is None else [value]:
        name = entry.get("name") if isinstance(entry, dict) else entry
        text = None if isinstance(name, bool) else "" if name is None else _plain(name)
        if text is None:
            unusable.append(name)
        elif text:
            names.append(text)
    if unusable and not isinstance(value, list):
        notes.warn(key, f"`{key}` must be a name, a mapping with a `name` or a list of them, got "
                        f"{_kind(value)}; it is left out", "write the author's name, e.g. `author: Sam Coder`")
    elif unusable:  # (the others' names kept: one odd entry of a crawler's list cost them all)
        notes.warn(key, f"`{key}` must be a name, a mapping with a `name` or a list of them: "
                        f"{_entries(len(unusable))} no name as text (got {_kind(unusable[0])}); "
                        f"{'it is' if len(unusable) == 1 else 'they are'} left out",
                   "give each author as a name, or a mapping with a `name`")
    return _capped(", ".join(dict.fromkeys(names)), key, notes)


def _capped(text: str, key: str, notes: _Notes) -> str:
    """A plain-text field cut at a word to MAX_TEXT characters, with a warning: a title or a name is written
    into every page, feed and API file that shows its story (a crawler's 4 MB title would be 30 of them)."""
    if len(text) <= MAX_TEXT:
        return text
    cut = text[:MAX_TEXT]
    if " " in cut[MAX_TEXT // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    notes.warn(key, f"`{key}` is {len(text):,} characters long; it is cut to {len(cut):,}",
               f"shorten it to at most {MAX_TEXT:,} characters")
    cut = cut.rstrip() + "…"
    return bidi_closed(cut) if _BIDI.search(cut) else cut


def _opaque(value) -> str:
    """A value kept and never shown (`secured`), in any shape a crawler gives it, as text: no reader sees it,
    so none of its shapes is worth a warning."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return without_controls(json.dumps(value, default=str, ensure_ascii=False, sort_keys=True))
    return _unplain(value) or ""


def _unplain(value) -> str | None:
    if isinstance(value, (list, dict)) or value is None:
        return None
    return " ".join(without_controls(str(value)).splitlines()).strip()


def _bytes(value) -> int | float | None:
    """A size given as a number (of bytes: `12345`, `"12345"`), or None for anything else."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e18:
        return None
    return value


def _size(meta: dict, key: str, notes: _Notes, written: Mapping[str, str] | None = None) -> str:
    """A download's size as a reader reads one: a number is of bytes (as a feed's enclosure and HTTP give it),
    written in kB, MB, GB or TB (`12.3 MB`); text as written (`12 MB`)."""
    value = _bytes(written[key] if written and key in written else meta.get(key))
    if value is None:
        return _text(meta, key, notes, written=written)
    if value < 1000:
        return f"{value:g} bytes"
    for unit in ("kB", "MB", "GB", "TB", "PB"):
        value /= 1000
        if value < 999.95 or unit == "PB":
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _price(meta: dict, key: str, notes: _Notes, written: Mapping[str, str] | None = None) -> str:
    """A price as text; one written as an offer (`{amount: 10, currency: EUR}`, schema.org's `{price: 10,
    priceCurrency: EUR}`) as its amount and currency, `10 EUR`."""
    value = written[key] if written and key in written else meta.get(key)
    if isinstance(value, list) and value and all(isinstance(offer, dict) for offer in value):
        value = value[0]  # (schema.org's offers, a list: the first is the item's price)
    if not isinstance(value, dict):
        return _text(meta, key, notes, written=written)
    amount = next((value[k] for k in ("amount", "price", "value") if value.get(k) not in (None, "")), None)
    currency = next((value[k] for k in ("currency", "priceCurrency") if value.get(k) not in (None, "")), "")
    if amount is None or isinstance(amount, (bool, list, dict)) or isinstance(currency, (bool, list, dict)):
        return _text(meta, key, notes, written=written)  # (no amount to show: said as any mapping is)
    return _text({key: f"{amount} {currency}".strip()}, key, notes)


def _offer(meta: dict, key: str, written: Mapping[str, str] | None = None) -> dict:
    """`price_amount` and `price_currency` of a price written as an offer whose amount is a number (`_price` gives
    its text and says what is wrong with any other); nothing otherwise."""
    value = written[key] if written and key in written else meta.get(key)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        return {}
    amount = next((value[k] for k in ("amount", "price", "value") if value.get(k) not in (None, "")), None)
    currency = next((value[k] for k in ("currency", "priceCurrency") if value.get(k) not in (None, "")), "")
    if isinstance(amount, str) and re.fullmatch(r"[0-9]{1,15}(\.[0-9]{1,6})?", amount.strip()):
        amount = float(amount)
    if (isinstance(amount, bool) or not isinstance(amount, (int, float)) or not 0 <= amount < 1e15
            or not isinstance(currency, str)):
        return {}
    currency = _text({key: currency}, key, _Notes()) or ""
    return {"price_amount": float(amount), "price_currency": currency}


# An ISO 8601 duration, as YouTube's API and schema.org's `duration` give a video's length: `PT4M13S`, `P1DT2H`
_DURATION = re.compile(r"P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:[.,][0-9]+)?)S)?)?",
                       re.IGNORECASE)


def _length(meta: dict, key: str, notes: _Notes, written: Mapping[str, str] | None = None) -> str:
    """A video's or podcast's length as a reader reads one: `4:13` or `1:02:03` for an ISO 8601 duration or a
    number of seconds (as a feed's `itunes:duration` gives it, and as YAML reads `length: 4:13` unquoted: 253);
    any other text as written (`4 min`)."""
    value = written[key] if written and key in written else meta.get(key)
    seconds = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str) and _EPOCH.fullmatch(value.strip()):  # (seconds written as text: "754.5")
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.fullmatch(value.strip())) and any(match.groups()):
        days, hours, minutes, rest = (float((g or "0").replace(",", ".")) for g in match.groups())
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + rest
    if seconds == 0:  # (`PT0S`, `0`: a crawler's "unknown", no length to show)
        return ""
    if seconds is None or not 0 < seconds < 1e9:  # (text, nothing, or no length a reader could use)
        return _text(meta, key, notes, written=written)
    whole = max(1, int(seconds + 0.5))
    hours, minutes, seconds = whole // 3600, whole // 60 % 60, whole % 60
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)


def _type(value, key: str, notes: _Notes) -> str:
    """The item's type, lower case: any value is kept (a card labels what it does not know neutrally)."""
    if value is None:
        return "article"
    text = _plain(value)
    if text is None or isinstance(value, bool):
        notes.warn(key, f"`{key}` must be a word such as article or video, got {_kind(value)}",
                   "write it as `type: article`; the item is shown as an article")
        return "article"
    text = text.lower()[:MAX_TYPE]
    return _TYPE_SYNONYMS.get(_KEY_SEPARATORS.sub("", text.replace(".", "")), text) or "article"


# What other crawlers call the known types: schema.org's (`NewsArticle`, `BlogPosting`, `VideoObject`),
# Open Graph's (`video.other`, `music.song`, `website`, which sites set on their stories), a list's name
# (`videos`) and a news site's own words (`news`, `post`, `story`). An item so typed is what its type means:
# an article is in no list of its own and shows no badge ("Newsarticle" was one, in a list of its own).
_TYPE_SYNONYMS = MappingProxyType({word: kind for kind, words in {
    "article": "article articles news newsarticle analysisnewsarticle opinionnewsarticle reportagenewsarticle "
               "reviewnewsarticle backgroundnewsarticle askpublicnewsarticle satiricalarticle techarticle "
               "scholarlyarticle report blogposting liveblogposting socialmediaposting blog blogpost post posts "
               "story stories website webpage text",
    "video": "video videos videoobject videoother videomovie videoepisode videotvshow clip",
    "audio": "audio audioobject musicsong musicalbum sound",
    "podcast": "podcast podcasts podcastepisode podcastseries",
    "download": "download downloads datadownload softwareapplication",
    "event": "event events",
    "course": "course courses",
}.items() for word in words.split()})


def type_label(kind: str) -> str:
    """What a card calls an item of this type: nothing for an article, the known name of a known type,
    the type itself, capitalised, when it is one short word or two, else "Other"."""
    if kind in TYPE_LABELS:
        return TYPE_LABELS[kind]
    return kind.capitalize() if _LABEL_WORDS.fullmatch(kind) else "Other"


_OTHER_DATE_KEYS = ("date", "pubDate", "publishDate", "publishedDate", "published_date", "publishedAt",
                    "published_at", "datePublished")


def _date(meta: dict, key: str, config: Config, notes: _Notes) -> datetime:
    """The item's date in UTC; a missing or unusable one is an error (its page's path needs it)."""
    value = meta.get(key)
    if value is None or value == "":
        if key in meta:  # (`publishedDateTime:` with nothing after it: said at its line)
            notes.error(key, f"`{key}` is empty", "write the date, as 2026-11-22T08:00:00Z")
        else:
            # (Hugo's and Jekyll's `date:`, a crawler's `pubDate`, `published: 2026-01-10`: the story's date all
            # the same, under another name; said, as `published` is true or false to every other reader)
            other = next((name for name in _OTHER_DATE_KEYS if meta.get(name) not in (None, "")), None)
            if isinstance(meta.get("published"), (date, datetime)):
                other = "published"
            if other:
                notes.warn(other, f"`{other}` is read as `{key}`, which is not given", f"rename `{other}` to `{key}`")
                try:
                    return _zone_guessed(_to_utc(meta[other], config, other), meta[other], other, config, notes)
                except _Unusable as exc:
                    notes.error(other, exc.message, exc.hint)
            else:
                notes.error(None, f"missing `{key}`", f"add a line above this closing `---` with when the item was "
                                                      f"published, e.g. `{key}: 2026-11-22T08:00:00Z`")
    else:
        try:
            return _zone_guessed(_to_utc(value, config, key), value, key, config, notes)
        except _Unusable as exc:
            notes.error(key, exc.message, exc.hint)
    return datetime(2000, 1, 1, tzinfo=timezone.utc)  # (never used: the item is left out)


def _zone_guessed(moment: datetime, value, key: str, config: Config, notes: _Notes) -> datetime:
    """`moment`, with a warning when `value` named its zone by a name of several (isotime.AMBIGUOUS_ZONES),
    which was read as the one news most often means (not when it was read as the site's zone: site_zoned),
    or its month by a name of two (isotime.ambiguous_month)."""
    if not isinstance(value, str):
        return moment
    try:
        value = checked(value)  # (`10:00 (IST)`: the name in brackets)
    except Refused:
        return moment
    if doubt := ambiguous_month(value, config.language):
        notes.warn(key, f"`{key}` {doubt}", "write the month as a number, as 2026-11-22, or set the site's "
                                            "`language` to the language its dates are written in (hr: October)")
    name = ambiguous_zone(value)
    if name and not goes_by(config.zone, name, moment):
        offset, meant, other = AMBIGUOUS_ZONES[name]
        notes.warn(key, f"`{key}` names its time zone `{name}`, which names more than one zone; it is read as "
                        f"{meant} ({offset[:3]}:{offset[3:]})",
                   f"write the offset instead of `{name}`, e.g. {offset[:3]}:{offset[3:]}, or that of {other}")
    return moment


def _to_utc(value, config: Config, key: str) -> datetime:
    """A date as crawlers write one: ISO 8601 (YAML's own timestamps too), a Unix time in seconds or
    milliseconds (as JSON APIs give it), or RFC 2822 (as RSS's pubDate is)."""
    if isinstance(value, str) and len(value.strip()) > LONGEST_DATE:
        raise _Unusable(f"`{key}` is {len(value.strip()):,} characters long, which no date is: {_shown(value)}",
                        "write the date alone, as 2026-11-22T08:00:00Z")
    written = value
    if isinstance(value, str):
        try:
            value = checked(value)  # (`... +0100 (CET)`, `... 10:00 (CET)`; two zones that disagree refused)
        except Refused as exc:
            raise _Unusable(f"`{key}` {_shown(value)} {exc}", exc.hint) from None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif (isinstance(value, (int, float)) and not isinstance(value, bool)
          or isinstance(value, str) and _EPOCH.fullmatch(value.strip())):
        moment = _from_epoch(value, key)
    elif isinstance(value, str) and (moment := site_zoned(value, config.zone, lambda text: _read(text, config, key))):
        pass
    elif isinstance(value, str):
        error = None
        text = with_offset(value.strip())  # (`... 10:00 CET`: a zone named, of one offset)
        try:
            moment = parse_iso(text)
        except ValueError as exc:
            error, moment = exc, _written_otherwise(text)
        if moment is None:
            if _ISO_SHAPED.match(text):  # (`2026-13-45`, which YAML leaves as text: say what is wrong)
                raise _Unusable(f"`{key}` {_shown(written)} is not a valid date ({error})",
                                "fix the date; dates look like 2026-11-22T08:00:00Z") from None
            # (another language's month and weekday names: `Mi, 02 Dez 2026 10:00:00 +0100`, `2. Dezember 2026`)
            english = in_english(text, config.language)
            moment = _written_otherwise(english) if english != text else None
            if moment is None:
                moment = _from_rfc2822(english, key, written)
    else:
        raise _Unusable(f"`{key}` must be a date, got {_kind(value)}", "write it as 2026-11-22T08:00:00Z")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=config.zone)  # naive times are in the site's zone
    try:
        moment = moment.astimezone(timezone.utc)
        moment.astimezone(config.zone)  # pages show it in the site's zone
    except (OverflowError, ValueError):  # the first or last hours of year 1 or 9999, in some zone
        raise _Unusable(f"`{key}` {_shown(written)} is outside the calendar once in UTC or the site's time zone",
                        "give a date between the years 1 and 9999")
    return moment


def _read(text: str, config: Config, key: str) -> datetime | None:
    """The moment `text` names (a time without a zone in the site's), None when it is no date: site_zoned's
    reading of a date without its zone's name."""
    try:
        return _to_utc(text, config, key)
    except _Unusable:
        return None


_EPOCH = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ISO_SHAPED = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ]|$)")
# A Unix time is taken from 1e8 (March 1973) on: a smaller number is more likely a year (`2026`) than a time
# of 1970; and one from 1e11 on is in milliseconds (in seconds it would be the year 5138).
_EPOCH_SECONDS, _EPOCH_MILLISECONDS = 1e8, 1e11


# Dates as other writers than ISO 8601's and RSS's give them: .NET's JSON (`/Date(1795168800000)/`), a zone
# after an ISO time as a word (`2026-11-20 10:00:00 UTC`) or Java's name in brackets (`...+01:00[Europe/Paris]`),
# the year first with slashes or dots (`2026/11/20`), and English words (`November 20, 2026`, `Nov 20, 2026
# 10:00 AM`, `20 November 2026`). A date with the day and month as numbers and the year last (`11/12/2026`) is
# none: which is the month depends on who wrote it.
_DOTNET_DATE = re.compile(r"/?Date\((-?[0-9]{1,16})(?:[+-][0-9]{4})?\)/?")
_ZONE_AFTER = re.compile(r"(?P<time>.*?[0-9])\s*(?:\[(?P<name>[A-Za-z][A-Za-z0-9_+/-]*)\]|\s(?P<word>UTC|GMT|Z))",
                         re.IGNORECASE)
_YEAR_FIRST = re.compile(r"([0-9]{4})([/.])([0-9]{1,2})\2([0-9]{1,2})(?=$|[T\s])(.*)", re.DOTALL)
_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), 1) for name in names.split()}
_WORDS_DATE = re.compile(r"""
    (?:[A-Za-z]+,?\s+)??                                             # a weekday
    (?: (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\.?(?:\s+|-)(?P<month>[A-Za-z]+)\.?,?
      | (?P<month2>[A-Za-z]+)\.?\s+(?P<day2>[0-9]{1,2})(?:st|nd|rd|th)?,? )
    (?:\s+|-)(?P<year>[0-9]{4})
    (?: ,?\s+(?:at\s+)? (?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?
        \s*(?P<half>[AaPp])?\.?(?:[Mm]\.?)? )?
    (?: \s*(?P<zone>Z|UTC|GMT|(?:GMT|UTC)?[+-][0-9]{2}:?[0-9]{2}) )?
    (?: \s+\([^()]*\) )?                                          # JavaScript's name of the zone
""", re.VERBOSE)


def _written_otherwise(text: str) -> datetime | None:
    """The moment a date written in one of the forms above names; None when it is in none of them (or is
    no date: the caller says why)."""
    if found := _DOTNET_DATE.fullmatch(text):
        try:
            return datetime.fromtimestamp(int(found.group(1)) / 1000, timezone.utc)
        except (OverflowError, ValueError, OSError):
            return None
    if found := _YEAR_FIRST.fullmatch(text):
        year, _, month, day, rest = found.groups()
        text = f"{year}-{int(month):02}-{int(day):02}{rest}"
        try:
            return parse_iso(text)
        except ValueError:
            return _written_otherwise(text)
    if found := _ZONE_AFTER.fullmatch(text):
        try:
            moment = parse_iso(found.group("time"))
        except ValueError:
            moment = _written_otherwise(found.group("time")) if not _ZONE_AFTER.fullmatch(found.group("time")) else None
        if moment is None or moment.tzinfo is not None or not found.group("name"):
            return moment.replace(tzinfo=moment.tzinfo or timezone.utc) if moment else None
        try:
            from zoneinfo import ZoneInfo

            return moment.replace(tzinfo=ZoneInfo(found.group("name")))
        except (ValueError, KeyError, OSError):  # (no such zone: no date to guess)
            return None
    if found := _WORDS_DATE.fullmatch(text):
        part = found.groupdict()
        month = _MONTHS.get((part["month"] or part["month2"]).lower())
        hour = int(part["hour"] or 0)
        if month is None or hour > 12 and part["half"] or hour == 0 and part["half"]:
            return None
        if part["half"]:
            hour = hour % 12 + (12 if part["half"] in "Pp" else 0)
        zone = (part["zone"] or "").removeprefix("GMT").removeprefix("UTC")  # (`GMT+0100`: JavaScript's Date)
        try:
            moment = datetime(int(part["year"]), month, int(part["day"] or part["day2"]), hour,
                              int(part["minute"] or 0), int(part["second"] or 0))
            if part["zone"]:
                moment = parse_iso(moment.isoformat() + (zone or "Z"))
        except ValueError:
            return None
        return moment
    return None


def _from_epoch(value, key: str) -> datetime:
    """A Unix time, in seconds, or in milliseconds when it is that large (JavaScript's Date.now())."""
    try:
        number = float(value)
        if not number >= _EPOCH_SECONDS:  # (NaN too)
            raise _Unusable(f"`{key}` is not a date: {_shown(value)}",
                            "write it as 2026-11-22T08:00:00Z, or as seconds since 1970")
        return datetime.fromtimestamp(number / 1000 if number >= _EPOCH_MILLISECONDS else number, timezone.utc)
    except (OverflowError, ValueError, OSError):
        raise _Unusable(f"`{key}` {_shown(value)} is outside the calendar as a Unix time",
                        "write it as 2026-11-22T08:00:00Z, or as seconds since 1970")


def _from_rfc2822(value: str, key: str, written: str | None = None) -> datetime:
    """An RFC 2822 date (`Fri, 20 Nov 2026 08:00:00 GMT`); one without a zone is in the site's zone, as an ISO
    one is, but a zone name the format does not know (`CEST`) is refused rather than taken for that.
    `written`: the value as the file gives it, for the message."""
    try:
        moment = parse_rfc2822(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        moment = None
    words = value.split()
    if moment is None:
        raise _Unusable(f"`{key}` is not a date: {_shown(value if written is None else written)}",
                        "write it as 2026-11-22T08:00:00Z")
    if moment.tzinfo is None and words[-1] == "-0000":  # (the format's "UTC, local zone unknown")
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def _shown(value) -> str:
    """A value quoted in a message, cut short; a date as YAML's reader gave it, as it is written."""
    if isinstance(value, (date, time)):  # (and TOML's times, as written)
        value = value.isoformat().replace("+00:00", "Z")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _score(value, key: str, notes: _Notes) -> float | None:
    """A heat or quality as a number from 0 to MAX_SCORE; None when not given (or not a number).
    Out-of-range values are clamped with a warning: a crawler's odd number never costs the story."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = value.strip()
        if value.endswith("%") and value[:-1].strip():  # (`87%`: a score a crawler wrote as a percentage)
            value = value[:-1].strip()
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        notes.warn(key, f"`{key}` must be a number, got {_shown(value)}", "write it without quotes or units, e.g. 87")
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        number = math.inf if value > 0 else -math.inf
    except ValueError:
        number = _written_number(value, key, notes)
        if number is None:
            notes.warn(key, f"`{key}` must be a number, got {_shown(value)}", "write it without quotes or units, e.g. 87")
            return None
    else:
        if isinstance(value, str) and _DECIMAL_OR_GROUPED.fullmatch(value):
            notes.warn(key, f"`{key}` {_shown(value)} may be {number:g} or {value.replace('.', '')} (with a thousands "
                            f"separator); it is read as {number:g}",
                       f"write {value.replace('.', '')} if that is meant, or {number:g} without quotes")
    if math.isnan(number):
        notes.warn(key, f"`{key}` is not a number ({_shown(value)}); it is left out", "write a number from 0 to 1000000, e.g. 87")
        return None
    clamped = min(max(number, 0.0), MAX_SCORE)
    if clamped != number:
        notes.warn(key, f"`{key}` {_shown(value)} is out of range (0 to {MAX_SCORE:,.0f}); {clamped:,.0f} is used",
                   "write a number from 0 to 1000000")
    return clamped


# A score as sites write counts: digits grouped by thousands (`1,234`, `1.234.567`, `1 234`, Swiss `1'234`, with
# a no-break or thin space as French does), a decimal mark (`.` or `,`) after them, and a unit (`12k`, `1.2K`,
# `3,5 Mio`). One separator alone before three digits (`1,234`, `1.234`) may be a thousands separator or a decimal
# mark: read as a thousands separator when a comma (as English-language sites write counts; no data format writes
# a decimal comma), as a decimal point when a dot (as YAML and JSON read it), with a warning either way.
_SCORE_WORDS = re.compile(r"(?P<number>[+-]?[0-9](?:[0-9,.'’]|[ ](?=[0-9]))*)[ ]?(?P<unit>[kKmMbB]|mn|Mn|bn|Bn|Mio|Mrd)?")
_LONGEST_SCORE = 40  # (no count a site shows is longer; a longer text is no score, read no further)
_UNITS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9, "mrd": 1e9}
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:(?P<mark>[,.'’ \u00a0\u202f\u2009])[0-9]{3})(?:(?P=mark)[0-9]{3})*"
                      r"(?:(?P<decimal>[.,])[0-9]+)?")
_DECIMAL_OR_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")


def _written_number(text: str, key: str, notes: _Notes) -> float | None:
    """A score written as a count is (_SCORE_WORDS), or None when it is no such number."""
    if len(text) > _LONGEST_SCORE:
        return None
    found = _SCORE_WORDS.fullmatch(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))
    if not found:
        return None
    digits, unit = found["number"].strip(), found["unit"]
    grouped = _GROUPED.fullmatch(digits)
    if grouped and unit and not grouped["decimal"] and digits.count(grouped["mark"]) == 1 and grouped["mark"] in ",.":
        plain = digits.replace(",", ".")  # (`1.234k`: a decimal mark before a unit)
    elif grouped and grouped["decimal"] != grouped["mark"]:
        mark, decimal = grouped["mark"], grouped["decimal"]
        plain = digits.replace(mark, "").replace(decimal or ".", ".")
        if mark == "," and digits.count(",") == 1 and not decimal and not unit:
            notes.warn(key, f"`{key}` {_shown(text)} may be {plain} or {digits.replace(',', '.')} (with a decimal "
                            f"comma); it is read as {plain}",
                       f"write {plain}, or {digits.replace(',', '.')} if that is meant, without quotes")
    elif re.fullmatch(r"[+-]?[0-9]+(?:[.,][0-9]+)?", digits):
        plain = digits.replace(",", ".")  # (`1,5`, `3,5 Mio`: a decimal comma, before other than three digits)
    else:
        return None
    try:
        return float(plain) * _UNITS[unit.lower()] if unit else float(plain)
    except ValueError:
        return None


def _bool(meta: dict, key: str, notes: _Notes, default: bool) -> bool:
    value = meta.get(key)
    if value is None or value == "":  # (`published:` with no value is not given, as every other field's empty value)
        return default
    if isinstance(value, date) and meta.get("publishedDateTime") in (None, ""):
        return default  # (`published: 2026-01-10`, read as the item's date: _date)
    if isinstance(value, bool):
        return value
    # (a crawler that exports its database's flags writes 0 and 1: `published: 0` is a draft, not news)
    words = ("true", "yes", "on", "1", "false", "no", "off", "0")  # (YAML 1.1's words for them, and numbers)
    if value in (0, 1) or isinstance(value, str) and value.strip().lower() in words:
        return str(value).strip().lower() in words[:4]
    notes.warn(key, f"`{key}` must be true or false, got {_shown(value)}; {str(default).lower()} is used")
    return default


# WordPress's `status` of a post that is not out (its exports and crawlers of its API write it)
_UNPUBLISHED = frozenset({"draft", "pending", "private", "future", "trash", "auto-draft"})


def _drafted(meta: dict, notes: _Notes) -> bool:
    """Whether an item that does not say `published` is a draft as another writer says so: Hugo's and
    Jekyll's `draft: true`, WordPress's `status: draft` (or `pending`, `private`...)."""
    words = {_words_of(key): key for key in meta if isinstance(key, str)}
    if "draft" in words and meta[words["draft"]] not in (None, ""):
        return _bool(meta, words["draft"], notes, default=False)
    status = meta.get(words["status"]) if "status" in words else None
    return isinstance(status, str) and status.strip().lower() in _UNPUBLISHED


def _words_of(key) -> str:
    """A key as compared across spellings: `PublishedDateTime`, `published_date_time`, `Published-Date-Time`
    and `publisheddatetime` are one."""
    return _KEY_SEPARATORS.sub("", key).casefold() if isinstance(key, str) else ""


_KEY_SEPARATORS = re.compile(r"[\s_-]+")


@lru_cache(maxsize=None)  # (a few field sets, asked for each item)
def _field_words(fields: frozenset) -> dict[str, str]:
    """{a field's words (_words_of): the field} of a set of fields."""
    return {_words_of(name): name for name in fields}


# Fields that other writers name otherwise: Hugo's and Jekyll's front matter (`description`, `summary`, `tags`,
# `categories`), JSON Feed's and schema.org's (`url`, `summary`, `thumbnailUrl`, `publisher`; JSON-LD's
# `headline`, `mainEntityOfPage`, `@type`), RSS's (`link`),
# WordPress's (`featured_image`). Each is read as its field when the item gives neither that field nor those
# that stand for it (the second of each), with a warning to rename it, as `date` is read as
# `publishedDateTime`; it stays in `item.extra` too, for templates that read it there.
_OTHER_NAMES = (
    ("title", ("title",), ("headline",)),
    ("excerpt", ("excerpt",), ("description", "summary")),
    ("webUrl", ("webUrl", "originalUrl"), ("url", "link", "canonicalUrl", "permalink", "mainEntityOfPage")),
    ("type", ("type",), ("@type",)),
    ("image", ("image", "images"), ("thumbnail", "thumbnailUrl", "featuredImage")),
    ("topics", ("topics",), ("tags", "categories")),
    ("provider", ("provider",), ("publisher",)),
)


def _named_otherwise(meta: dict, notes: _Notes) -> dict:
    """`meta` with the fields of _OTHER_NAMES that it gives under another writer's name."""
    words = {_words_of(key): key for key in meta if isinstance(key, str)}
    found = {}
    for field, given, others in _OTHER_NAMES:
        if any(name in meta for name in given):
            continue
        key = next((words[_words_of(other)] for other in others
                    if _words_of(other) in words and meta[words[_words_of(other)]] not in (None, "", [], {})), None)
        if key is not None:
            value = meta[key]
            if field == "webUrl" and isinstance(value, dict):  # (JSON-LD's `{"@type": WebPage, "@id": URL}`)
                value = value.get("@id") or value.get("url")
            found[field] = value
            notes.aliases.setdefault(field, key)  # (what is said of the field is said at this key's line)
            notes.warn(field, f"`{key}` is read as `{field}`, which is not given", f"rename `{key}` to `{field}`")
    return {**meta, **found} if found else meta


def _spelled_as_known(mapping: dict, fields: frozenset, notes: _Notes, section: str = ""
                      ) -> tuple[dict, dict[str, str]]:
    """`mapping` with each key that spells a known field in another case or with `_`, `-` or spaces between
    its words (`Title`, `published_date_time`, a picture's `URL`: as other crawlers' serialisers write them)
    read as that field, and {field: key as written} of those; when the field is given too, it is used, with a
    warning. The keys of one mapping, as the readers below then read it (_nested_spelled_as_known)."""
    words = _field_words(fields)
    aliases: dict[str, str] = {}
    for key in mapping:
        if isinstance(key, str) and key not in fields:
            known = words.get(_words_of(key))
            if known and known in mapping:
                where = f" in `{section}`" if section else ""
                notes.warn((section or key, key) if section else key, f"`{key}`{where} is `{known}` written "
                           f"again: `{known}` is used", "remove the one you do not mean")
            elif known and known not in aliases:
                aliases[known] = key
    if not aliases:
        return mapping, aliases
    return {next((field for field, written in aliases.items() if written == key), key): value
            for key, value in mapping.items()}, aliases


def _nested_spelled_as_known(meta: dict, notes: _Notes) -> dict:
    """`meta` with the keys of its provider, pictures and related stories (and theirs) read as
    _spelled_as_known reads the item's."""
    def entries(value, fields, section):
        if isinstance(value, dict):
            return one(value, fields, section)
        if isinstance(value, list):
            return [one(entry, fields, section) if isinstance(entry, dict) else entry for entry in value]
        return value

    def one(entry, fields, section):
        entry = _spelled_as_known(entry, fields, notes, section)[0]
        if fields is _NESTED_FIELDS["provider"]:
            for key in ("images", "logo"):
                if key in entry:
                    entry = dict(entry, **{key: entries(entry[key], _IMAGE_FIELDS, section)})
        elif fields is _NESTED_FIELDS["related"] and "provider" in entry:
            entry = dict(entry, provider=entries(entry["provider"], _NESTED_FIELDS["provider"], section))
        return entry

    changed = {key: entries(meta[key], _NESTED_FIELDS[key if key != "image" else "images"], key)
               for key in ("provider", "images", "image", "related") if isinstance(meta.get(key), (dict, list))}
    return dict(meta, **changed) if changed else meta


def _check_keys(meta: dict, notes: _Notes) -> None:
    """Warn about a key that is a typo of a known one (`exerpt`, a provider's `domian`), or one of a
    provider's or picture's that lost its indent under an empty `provider:`; other unknown keys are kept
    for templates without a word (crawlers write fields of their own: a picture's `isCached`)."""
    read = set(notes.aliases.values())  # (a key read as a field, as another writer names it: said already)
    for key in meta:
        if (isinstance(key, str) and key not in KNOWN_FIELDS and key not in read
                and _words_of(key) not in _field_words(KNOWN_FIELDS)):
            known = _close_to(key, KNOWN_FIELDS)  # (a field spelled otherwise is read, or said: _spelled_as_known)
            owner = next((section for section, fields in _NESTED_FIELDS.items()
                          if key in fields and section in meta and meta[section] is None), None)
            if known:
                notes.warn(key, f"`{key}` is not a known field; did you mean `{known}`?",
                           f"rename it to `{known}`, or it is ignored")
            elif owner:
                notes.warn(key, f"`{key}` is not a field of an item but of its `{owner}`, which is empty",
                           f"indent it under `{owner}:`" + (" as `- url: ...`" if owner == "images" else ""))
    nested = [(section, entry) for section in _NESTED_FIELDS
              for entry in (meta.get(section) if isinstance(meta.get(section), list) else [meta.get(section)])]
    nested += [(f"{section}.provider", entry["provider"]) for section, entry in nested if section == "related"
               and isinstance(entry, dict) and isinstance(entry.get("provider"), dict)]
    nested += [(f"{section}.images", image) for section, entry in nested if section.endswith("provider")
               and isinstance(entry, dict) and isinstance(entry.get("images"), list) for image in entry["images"]]
    said = set()
    for section, entry in nested:
        fields = _NESTED_FIELDS[section.rsplit(".", 1)[-1]]
        for key in entry if isinstance(entry, dict) else ():
            known = (isinstance(key, str) and key not in fields and _words_of(key) not in _field_words(fields)
                     and _close_to(key, fields))
            if known and (section, key) not in said:
                said.add((section, key))
                notes.warn((section.split(".")[0], key), f"`{key}` in `{section}` is not a known field; "
                           f"did you mean `{known}`?", f"rename it to `{known}`, or it is ignored")


def _close_to(key: str, fields) -> str:
    """The known field `key` is a typo of (in another case, or a letter or two off), or ""."""
    by_case = {name.lower(): name for name in fields}
    close = by_case.get(key.lower()) or difflib.get_close_matches(key, fields, 1, 0.8)
    return close if isinstance(close, str) else close[0] if close else ""


def _topics(meta: dict, topic_defs: dict, config: Config, notes: _Notes) -> list[tuple[str, str]]:
    """(slug, name as written) of each topic, at most MAX_TOPICS; two names of one topic (one declared
    topic, or one topic_identity) are one. The slug is the plain one: the site may move it (_distinct_topics)."""
    value = meta.get("topics")
    if isinstance(value, str) and "," in value and not _definition(_plain(value) or "", topic_defs):
        # `topics: "AI, Robots"`, as CMS exports, schema.org's `keywords` and hand-written front matter give a
        # list: two topics, not one named "AI, Robots". A declared name with a comma in it stays whole, and so
        # does a number written with its thousands (`1,000`).
        value = [part for part in _LISTED_BY_COMMAS.split(value) if part.strip()]
        meta = dict(meta, topics=value)
    if _weighted(value):  # `{AI: 0.9, Robots: 0.4}`: a classifier's topics with their scores
        value = list(value)
    if isinstance(value, (list, dict)):
        entries = value if isinstance(value, list) else [value]
        meta = dict(meta, topics=[_topic_of_record(v, topic_defs) if isinstance(v, dict) else v for v in entries])
    names = _string_list(meta, "topics", notes)
    if len(names) > MAX_TOPICS:
        notes.warn("topics", f"`topics` names {len(names)} topics; only the first {MAX_TOPICS} are kept",
                   f"an item may have at most {MAX_TOPICS} topics")
        names = names[:MAX_TOPICS]
    topics, undeclared, seen = [], [], set()
    for name in names:
        found = _definition(name, topic_defs)
        key = ("declared", found[0]) if found else ("", topic_identity(name))
        if key not in seen:
            seen.add(key)
            topics.append((found[0] if found else slugify(name), name))
            if not found:
                undeclared.append(name)
    if topic_defs and config.undeclared_topics != "allow":
        names = {topic.name.casefold(): topic.name for _, topic in topic_defs.values()}
        for name in undeclared:
            close = difflib.get_close_matches(name.casefold(), sorted(names), 1, 0.8)
            known = f"; did you mean `{names[close[0]]}`?" if close else ""
            hint = "declare it under `topics:` in config.yaml (or data_dir), or fix the name"
            parts = [part.strip() for part in name.split(",")]
            if len(parts) > 1 and all(part.casefold() in names for part in parts):  # `topics: AI, Science`
                listed = ", ".join(names[part.casefold()] for part in parts)
                known, hint = f"; did you mean the topics {listed}?", f"write them as a list: `topics: [{listed}]`"
            report = notes.error if config.undeclared_topics == "error" else notes.warn
            report("topics", f"topic `{name}` is not declared{known}", hint)
    return topics


_TOPIC_RECORD_KEYS = ("name", "_id", "slug", "id", "shortname")
_LISTED_BY_COMMAS = re.compile(r"\s*(?:(?<![0-9]),|,(?![0-9]))\s*")


def _weighted(value) -> bool:
    """Whether `topics` is a mapping of topic names to a score each, as a classifier writes them, rather than
    one topic's record (which has a name or an id)."""
    return (isinstance(value, dict) and bool(value) and not any(key in value for key in _TOPIC_RECORD_KEYS)
            and all(isinstance(key, str) and (v is None or isinstance(v, (int, float)) and not isinstance(v, bool))
                    for key, v in value.items()))


def _topic_of_record(record: dict, topic_defs: dict):
    """The topic a record names (`{name: Power Apps, _id: power-apps}`, as a site's topic records are written,
    or only `{_id: power-apps}`): the first of its name and ids that the site declares, else its name, else an
    id; the record itself when it has none (it is left out, with a warning)."""
    named = [v for v in (record.get(k) for k in _TOPIC_RECORD_KEYS)
             if isinstance(v, (str, int)) and not isinstance(v, bool) and _plain(v)]
    return next((v for v in named if _definition(_plain(v), topic_defs)), named[0] if named else record)


def _string_list(meta: dict, key: str, notes: _Notes) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    names = [_plain(v, name=True) if not isinstance(v, bool) else None for v in value]
    if None in names:
        notes.warn(key, f"`{key}` must be a list of names; {names.count(None)} entr{'y is' if names.count(None) == 1 else 'ies are'} left out",
                   "write one `- name` per line")
    blank = sum(1 for v, name in zip(value, names) if name == "" and isinstance(v, str) and v)
    if blank:  # (`"\u200b"`, `<b></b>`: said, not a topic lost without a word)
        notes.warn(key, f"`{key}`: {_entries(blank)} no character that shows (only spaces, invisible characters "
                        f"or markup); {'it is' if blank == 1 else 'they are'} left out", "write each name in words")
    return [_capped(name, key, notes) for name in names if name]


_WHOLE_FLOAT = re.compile(r"[0-9]{1,6}\.0*")


def _int(value) -> int | None:
    """A picture's width or height in pixels; as an HTML attribute or CSS writes it too (`"640"`, `640px`)."""
    if isinstance(value, str) and value.strip().lower().endswith("px"):
        value = value.strip()[:-2]
    if isinstance(value, float) or isinstance(value, str) and _WHOLE_FLOAT.fullmatch(value.strip()):
        value = float(value) if float(value).is_integer() else None  # (`width: 1024.0`, as JSON writers give it)
    if isinstance(value, bool):  # (`width: yes` is true to YAML, which int() takes for 1: a picture 1 pixel wide)
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number < 100_000 else None


def _images(value, key: str, notes: _Notes, limit: int, base: str = "") -> tuple[Image, ...]:
    """Pictures with an http(s) `url`, a file of the site's static/ folder, or an address relative to `base`
    (a crawler's copy of `<meta property="og:image" content="/images/x.jpg">`)."""
    if value is None or value == "":
        return ()
    if isinstance(value, (dict, str)):
        value = [value]
    if not isinstance(value, list):
        notes.warn(key, f"`{key}` must be a list of images with `url`, `width`, `height`")
        return ()
    value = [entry for entry in value if entry is not None and entry != ""]  # (an empty entry is no picture)
    if len(value) > limit:
        notes.warn(key, f"`{key}` lists {len(value)} images; only the first {limit} are kept",
                   f"an item may have at most {limit} images")
        value = value[:limit]
    images, unusable = [], []
    for entry in value:
        # (`src`: a crawler's copy of an <img>'s attributes; `contentUrl`: schema.org's ImageObject; `href`: a link's)
        raw = next((entry[k] for k in ("url", "src", "contentUrl", "href") if entry.get(k)), None) \
            if isinstance(entry, dict) else entry
        url = field_url(raw) or static_path(raw) or _resolved(raw, base)  # (the site's own static/ first)
        if url:
            images.append(Image(url, _int(entry.get("width")) if isinstance(entry, dict) else None,
                                _int(entry.get("height")) if isinstance(entry, dict) else None))
        else:
            unusable.append(raw)
    if unusable:
        notes.warn(key, f"`{key}`: {_entries(len(unusable))} no http or https `url` (first: {_shown(unusable[0])}); "
                   f"{'it is' if len(unusable) == 1 else 'they are'} left out",
                   "write each picture's full address, or a file of static/ as static/pictures/x.jpg")
    return tuple(images)


def _pictures(meta: dict, notes: _Notes, base: str) -> tuple[Image, ...]:
    """`images`, then `image`, one picture as og:image and many site generators' front matter give it (the
    story's picture when there is no `images`), unless `images` has it already."""
    images = _images(meta.get("images"), "images", notes, MAX_IMAGES, base)
    # (`image` as a list: og:image's and JSON-LD's several pictures, the first the story's)
    single = _images(meta.get("image"), "image", notes, max(1, MAX_IMAGES - len(images)), base)
    return images + tuple(image for image in single if all(image.url != other.url for other in images))


def _entries(count: int) -> str:
    return "1 entry has" if count == 1 else f"{count} entries have"


_HOST_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?")  # labels of letters, digits and hyphens (any script)
_WEB_ADDRESS = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)


def _provider_ref(value, key: str, notes: _Notes, base: str = "") -> ProviderRef | None:
    if isinstance(value, list) and value and all(isinstance(entry, (str, dict)) for entry in value):
        # (JSON-LD writes a publisher as a list of one; an item shows one provider)
        if len(value) > 1:
            notes.warn(key, f"`{key}` lists {len(value)} providers; the first is used",
                       "give the item one provider")
        value = value[0]
    if value is None:
        return None
    if isinstance(value, str) and _WEB_ADDRESS.match(value.strip()) and host_of(value.strip()):
        # `provider: https://www.example.com/` (a crawler that knows only where it read the story): that site
        value = {"name": site_domain(host_of(value.strip()).lower()), "domain": value.strip()}
    if isinstance(value, str):
        value = {"name": value}  # `provider: Solo Reporter`
    if not isinstance(value, dict):
        notes.warn(key, f"`{key}` must be a mapping with `name` and `domain`, got {_kind(value)}; it is left out")
        return None
    name = _plain(value.get("name") or "", name=True)
    # (a provider written as a site's publisher record, `url` and `logo`, as config.yaml's providers are too)
    domain = _plain(value.get("domain") or value.get("url") or "")
    if domain and _IGNORED_IN_HOSTS.search(domain):
        # (`port\u200b.example`, a zero-width space copied with the address: the host browsers go to, as IDNA's
        # mapping drops such characters; a direction mark stays, and makes no host, as no browser loads one)
        domain = _IGNORED_IN_HOSTS.sub("", domain)
    if name is None or domain is None:
        notes.warn(key, f"`{key}`'s `name` and `domain` must be text")
    if domain and "://" in domain and host_of(domain.strip()):
        domain = host_of(domain.strip())  # an address written for the domain: `https://example.com/`
    # (a host is read with its compatibility characters mapped, as browsers map it: `ｅｘａｍｐｌｅ.com` and a
    # `café` written with a combining accent are one site's, and a domain host_name accepts)
    domain = site_domain(unicodedata.normalize("NFKC", domain or "").lower())
    name, domain = _capped(name or "", key, notes), _capped(domain, key, notes)
    if domain and not _HOST_NAME.fullmatch(domain):
        # (kept: it still tells this provider from others, and shows as text only)
        notes.warn(key, f"`{key}`'s `domain` is not a host name: {_shown(domain)}",
                   "write the site's host, such as example.com")
    if not name and not domain:
        if isinstance(value.get("name"), str) and value["name"]:  # (`"\u200b"`: said, not lost without a word)
            notes.warn(key, f"`{key}`'s `name` has no character that shows (only spaces, invisible characters or "
                            f"markup): {_shown(value['name'])}; the item has no provider",
                       "write the provider's name in words, or give its `domain`")
        return None
    images = value.get("images") if value.get("images") is not None else value.get("logo")
    account = _account(value.get("account"), domain, key, notes)
    domain = domain or account.split("/", 1)[0].split("?", 1)[0]
    return ProviderRef(name or domain, domain, slugify(account or domain or name),
                       _images(images, key, notes, MAX_IMAGES, base), account)


_LONGEST_ACCOUNT = 500  # (a page and a slug from it, shown on every page of the provider's)


def account_page(value, domain: str = "") -> str:
    """An account's page as ProviderRef.account names it (`youtube.com/@acme`), from its address as an item or a
    `providers:` record writes it; "" when it is no http(s) page on `domain` (when given) past its home page."""
    if value is None or value == "":
        return ""
    # (as canonical_url compares pages: `?utm_source=...`, `#videos`, `m.` or `%7E` for `~` make no other account)
    url = canonical_url(field_url(value))
    host = host_of(url) if url else ""
    if domain and host and host == host_of(canonical_url(f"https://{domain}/")):
        host = domain  # (`m.youtube.com/@a` is youtube.com's account)
    if not host or (domain and host != domain):
        return ""
    parts = urlsplit(url)
    page = host + _decoded_path(parts.path.rstrip("/")) + (f"?{parts.query}" if parts.query else "")
    return "" if page == host else page


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_KEPT_ESCAPED = re.compile(r"[\x00-\x20\x7f/?#%\s]")  # (what would make another path, or none)


def _decoded_path(path: str) -> str:
    """A path with its percent escapes decoded (`/%40acme` is `/@acme`, `/%D0%B0` `/а`), as a browser shows it and
    as the site it names reads it, but for those of a slash, `?`, `#`, `%`, a space or a control character, and of
    bytes that are no UTF-8: two spellings of one page make one account."""
    if "%" not in path:
        return path

    def decoded(run: re.Match) -> str:
        try:
            text = bytes.fromhex(run[0].replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return run[0].upper()
        return _KEPT_ESCAPED.sub(lambda found: quote(found[0], safe=""), text)

    return _ESCAPES.sub(decoded, path)


def _account(value, domain: str, key: str, notes: _Notes) -> str:
    """A provider's `account` (ProviderRef.account): an http(s) address on its domain, past its home page."""
    if value is None or value == "":
        return ""
    page = account_page(value, domain)
    if len(page) > _LONGEST_ACCOUNT:
        notes.warn(key, f"`{key}`'s `account` is {len(page):,} characters long, which no account's address is; it "
                        "is left out", "write the address of the account's own page, or leave `account` out")
        return ""
    if not page:
        notes.warn(key, f"`{key}`'s `account` is not the address of a page on {domain or 'its site'}: {_shown(value)}; "
                        f"it is left out", "write the address of the account's own page, such as "
                        "https://www.youtube.com/channel/ID, or leave `account` out")
        return ""
    return page


def _related(value, config: Config, notes: _Notes, base: str = "") -> tuple[Related, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        notes.warn("related", f"`related` must be a list of stories, got {_kind(value)}")
        return ()
    if len(value) > MAX_RELATED:
        notes.warn("related", f"`related` lists {len(value)} stories; only the first {MAX_RELATED} are kept",
                   f"an item may have at most {MAX_RELATED} related stories")
        value = value[:MAX_RELATED]
    related, unusable = [], 0
    for entry in value:
        # (`url`: the key of schema.org's records and of most JSON APIs)
        written = [entry.get(k) for k in ("webUrl", "originalUrl", "url")] if isinstance(entry, dict) else []
        url = next(filter(None, map(field_url, written)), "") or _resolved(next(filter(None, written), ""), base)
        if isinstance(entry, str):  # coverage listed by its full address alone
            url, entry = field_url(entry), {}
        # (without a title, a reader still follows it by its site's name)
        title = isinstance(entry, dict) and (_plain(entry.get("title") or "") or host_of(url).removeprefix("www."))
        if not url or not title:
            unusable += 1  # nothing a reader could follow
            continue
        published = None
        if entry.get("publishedDateTime"):
            try:
                published = _zone_guessed(_to_utc(entry["publishedDateTime"], config, "related: publishedDateTime"),
                                          entry["publishedDateTime"], "related: publishedDateTime", config, notes)
            except _Unusable as exc:
                notes.warn("related", exc.message + "; the date is left out", exc.hint)
        related.append(Related(_capped(title, "related", notes),
                               _capped(_plain(entry.get("excerpt") or "") or "", "related", notes), published, url,
                               _type(entry.get("type"), "related: type", notes),
                               _provider_ref(entry.get("provider"), "related: provider", notes),
                               _score(entry.get("quality"), "related: quality", notes)))
    if unusable:
        notes.warn("related", f"`related`: {_entries(unusable)} no http or https `webUrl`; "
                   f"{'it is' if unusable == 1 else 'they are'} left out",
                   "give each story its full address")
    return tuple(related)


def _other_than(values: dict, notes: _Notes) -> tuple[Related, ...]:
    """The item's `related` entries but those that are its own page (its URL in any spelling: its AMP page,
    with tracking parameters ...): crawlers list the page they read among its coverage, and shown, the page
    linked to itself as "More coverage" and counted itself as another source."""
    related = values["related"]
    if not related:  # (most items: no addresses to put in order)
        return related
    own = {canonical_url(values[key]) for key in ("web_url", "original_url", "amp_url", "cdn_amp_url") if values[key]}
    kept = tuple(entry for entry in related if canonical_url(entry.url) not in own)
    if len(kept) < len(related):
        left = len(related) - len(kept)
        notes.warn("related", f"`related`: {_entries(left)} this story's own address; "
                   f"{'it is' if left == 1 else 'they are'} left out", "list other pages' coverage of the story only")
    return kept


# --- indexes --------------------------------------------------------------------------------------

def declared_topic(topic: TopicConfig) -> TopicConfig:
    """A topic as config.yaml or a data_dir record declares it, its name and parent's as an item's topic is read
    (plain_name), its description as an item's text (plain_text), but as text written, not HTML (`<b>` and `&amp;`
    in a name are those characters, as ever): a zero-width space or a direction override pasted into
    config.yaml shows nothing, or turns the name (and what follows it) around, on every page."""
    name, parent = plain_name(topic.name, markup=False), plain_name(topic.parent, markup=False)
    description = plain_text(topic.description, markup=False)
    if (name, parent, description) == (topic.name, topic.parent, topic.description):
        return topic
    return dataclasses.replace(topic, name=name, parent=parent, description=description)


def declared_provider(provider: ProviderConfig) -> ProviderConfig:
    """A provider as config.yaml or a data_dir record declares it, its name as an item's provider's is read
    (plain_name), its description as an item's text (plain_text), as text written, not HTML (declared_topic), and
    its domain as an item's is (a zero-width space in it is none, as browsers read a host): else the record named
    a provider no item is."""
    name, description = plain_name(provider.name, markup=False), plain_text(provider.description, markup=False)
    domain = _IGNORED_IN_HOSTS.sub("", plain_text(provider.domain, markup=False))
    if (name, domain, description) == (provider.name, provider.domain, provider.description):
        return provider
    return dataclasses.replace(provider, name=name, domain=domain, description=description)


def topic_definitions(defs: tuple[TopicConfig, ...]) -> dict[str, tuple[str, TopicConfig]]:
    """casefolded name or slug, or topic_identity of the name -> (slug, definition); later definitions win
    (config over data_dir), and a name or slug as written over an identity. Each as declared_topic reads it."""
    table: dict[str, tuple[str, TopicConfig]] = {}
    defs = tuple(map(declared_topic, defs))
    for topic in defs:
        table[topic_identity(topic.name)] = (slugify(topic.slug or topic.name), topic)
    for topic in defs:
        slug = slugify(topic.slug or topic.name)
        table[topic.name.casefold()] = (slug, topic)
        table[slug] = (slug, topic)
    return table


def topic_identity(name: str) -> str:
    """Which topic a name is, however an item writes it: the name without case, accents or any character that
    is not a letter or digit (symbols that carry meaning spelled out, as in its slug), not transliterated.
    `Machine Learning`, `machine-learning` and `MACHINE LEARNING` are one topic, `Café` and `Cafe` one; 北京
    and 背景 are two, though both slug `beijing` (_distinct_topics keeps them apart). Accents are the marks
    placed above or below a letter (combining class 200 and up, as Latin, Greek and Cyrillic ones): other
    marks make another letter (kana voicing, Indic vowel signs) and are kept. A name of no letter or digit
    is itself."""
    text = unicodedata.normalize("NFKD", spell_symbols(name).casefold())
    identity = "".join(c for c in text if c.isalnum() or (unicodedata.category(c)[0] == "M"
                                                           and unicodedata.combining(c) < 200))
    return identity or name.casefold()


def _definition(name: str, topic_defs: dict) -> tuple[str, TopicConfig] | None:
    """The declared topic a name (or slug) written in an item or as a parent is: (slug, definition), or None."""
    if not topic_defs:
        return None
    return topic_defs.get(name.casefold()) or topic_defs.get(topic_identity(name))


def _topic_slug(name: str, topic_defs: dict) -> str:
    """A topic's plain slug: a declared topic's own, else made from the name (_distinct_topics may move it)."""
    found = _definition(name, topic_defs)
    return found[0] if found else slugify(name)


_MAX_SLUG_TRIES = 16  # names _separate_path_clashes tries for a story whose page another one has


def _separate_path_clashes(items: list[Item], problems: list[Problem], warnings: list[Problem]) -> list[Item]:
    """Stories that would write one page (`Story.md` and `story.md`, or two `slug:`s alike on one day): the
    first by source path keeps it, each other one gets a page of its own, named after its source path."""
    by_path: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_path[item.path].append(item)
    taken = set(by_path)
    kept = []
    for path, group in by_path.items():
        group.sort(key=lambda i: i.source)
        kept.append(group[0])
        for other in group[1:]:
            # Named after its source path; if another story has that page already (its `slug:` is that name,
            # as a user pins a page), after its path and a number, so that it is not left out for it.
            for tried in range(_MAX_SLUG_TRIES):
                slug = distinct_slug(other.slug, other.source if not tried else f"{other.source}\n{tried}")
                moved = f"{path[: -len(other.slug) - 1]}{slug}/"
                if moved not in taken:
                    break
            else:  # (unreachable but by a flood of hash clashes: left out, said)
                problems.append(Problem(other.source, 1, f"would write the same page as {group[0].source} ({path})",
                                        "give one of them a different `slug:` or file name"))
                continue
            taken.add(moved)
            # A digest of its own too: what is cached by digest (its card) must not be the story at its own path.
            digest = hashlib.sha1(f"{other.digest}\n{moved}".encode("utf-8")).hexdigest()
            kept.append(dataclasses.replace(other, slug=slug, path=moved, digest=digest))
            hint = "give one of them its own `slug:` for a page name of your choice"
            if other.source.casefold() == group[0].source.casefold():  # (a clone on macOS or Windows keeps one)
                hint = ("rename one of the files: names that differ only in case are one file on macOS and "
                        "Windows, so a copy of the site there has only one of them")
            warnings.append(Problem(other.source, 1, f"would write the same page as {group[0].source} ({path}); "
                                                     f"its page is {moved} instead", hint))
            warnings.append(Problem(group[0].source, 1, f"{other.source} would write the same page ({path}); "
                                                        f"its page is {moved} instead", hint))
    return kept


def site_domain(domain: str) -> str:
    """A provider's domain as the site knows it: without `www.` (a crawler that takes the domain from a story's
    address writes `www.example.com`, another, or the provider's record, `example.com`: one provider)."""
    return domain[4:] if domain.startswith("www.") and "." in domain[4:] else domain


def provider_identity(ref: ProviderRef) -> str:
    """Who a provider is: its account on a shared host when the item gives one, else its domain, else its
    name, case-folded. Two items name one
    provider exactly when these are equal; two providers' slugs may be alike all the same (_distinct_slugs)."""
    return _identity(ref.account or ref.domain or ref.name)


def _identity(text: str) -> str:
    """`text` as a provider's identity compares it: in any case, and written with any of Unicode's spellings of
    a character (a name's `é` as one character or as `e` and its accent; fullwidth `Ａ`)."""
    return unicodedata.normalize("NFKC", text).casefold()


def _distinct_providers(items: list[Item], root, warnings: list[Problem]) -> tuple[list[Item], dict[str, str],
                                                                                  frozenset[str]]:
    """The items with their providers named by the slugs the site gives them (_distinct_slugs), those slugs by
    identity, and the identities whose plain slugs are alike. Only the items of a provider whose slug is not
    its plain one are new objects."""
    written: dict[str, set[str]] = defaultdict(set)  # plain slug -> its providers' identities
    for item in items:
        ref = item.provider
        if ref is not None:
            written[ref.slug].add(provider_identity(ref))
    slugs, clashes = _distinct_slugs(written)
    if clashes:
        _warn_of_alike_providers(items, clashes, slugs, root, warnings)
    moved = {slug for slug, identities in written.items() if any(slugs[identity] != slug for identity in identities)}
    if moved:
        items = list(items)
        for index, item in enumerate(items):
            if item.provider is not None and item.provider.slug in moved:
                slug = slugs[provider_identity(item.provider)]
                if slug != item.provider.slug:
                    items[index] = dataclasses.replace(item, provider=dataclasses.replace(item.provider, slug=slug))
    return items, slugs, frozenset(identity for _, identities in clashes for identity in identities)


def _distinct_topics(items: list[Item], topic_defs: dict, root, warnings: list[Problem]
                     ) -> tuple[list[Item], dict[str, str], frozenset[str]]:
    """The items with their topics named by the slugs the site gives them (_distinct_slugs: a declared topic
    keeps its own, which no other gets), those slugs by the identity of each undeclared topic, and the topics
    a fast re-index must leave to a build: those whose plain slugs are alike (their identities, a declared
    one's slug) and those whose names slug otherwise (`AI`, `A.I.`). Only the items of a topic whose slug is not
    its plain one are new objects."""
    identities: dict[tuple[str, str], str] = {}  # (plain slug, name) of an undeclared topic -> its identity
    for pair in {pair for item in items for pair in zip(item.topics, item.topic_names)}:
        if _definition(pair[1], topic_defs) is None:
            identities[pair] = topic_identity(pair[1])
    written: dict[str, set[str]] = defaultdict(set)  # plain slug -> the identities of its topics
    for (slug, _), identity in identities.items():
        written[slug].add(identity)
    reserved = frozenset(slug for slug, _ in topic_defs.values()) & written.keys()
    slugs, clashes = _distinct_slugs(written, reserved)
    if clashes:
        _warn_of_alike_topics(items, clashes, slugs, identities, reserved, topic_defs, root, warnings)
    moved = {pair: slugs[identity] for pair, identity in identities.items() if slugs[identity] != pair[0]}
    if moved:
        items = list(items)
        for index, item in enumerate(items):
            pairs = tuple(zip(item.topics, item.topic_names))
            if any(pair in moved for pair in pairs):
                items[index] = dataclasses.replace(item, topics=tuple(moved.get(pair, pair[0]) for pair in pairs))
    plain_slugs = Counter(identity for slug, identities in written.items() for identity in identities)
    alike = {key for slug, group in clashes for key in (*group, *([slug] if slug in reserved else []))}
    return items, slugs, frozenset(alike | {identity for identity, count in plain_slugs.items() if count > 1})


def _warn_of_alike_topics(items: list[Item], clashes: list[tuple[str, list[str]]], slugs: dict[str, str],
                          identities: dict, reserved: frozenset[str], topic_defs: dict, root,
                          warnings: list[Problem]) -> None:
    """One warning for each set of topics whose plain slugs are alike, at the first item (by path) of the one that
    keeps the slug (a declared one, or as _distinct_slugs decides), naming the first item of each other."""
    first: dict[str, tuple[Item, str]] = {}  # identity (a declared topic: its slug) -> its first item, the name there
    wanted = {key for slug, group in clashes for key in ((slug,) if slug in reserved else ()) + tuple(group)}
    for item in items:
        for pair in zip(item.topics, item.topic_names):
            key = identities.get(pair, pair[0])
            if key in wanted and (key not in first or item.source < first[key][0].source):
                first[key] = (item, pair[1])
    for slug, group in clashes:
        where = []  # (name, source, line, its slug), the one that keeps the slug first
        for key in ((slug,) if slug in reserved else ()) + tuple(group):
            if key in first:
                item, name = first[key]
                line = key_lines(root, item.source, {"topics"}).get("topics") or 1
                where.append((name, item.source, line, slugs.get(key, slug)))
            else:  # a declared topic no item names
                where.append((topic_defs[slug][1].name, "", 0, slug))
        path, line = next((source, at) for _, source, at, _ in where if source)
        names = [f"`{name}`" + (f" ({source}:{at})" if source and (source, at) != (path, line) else "")
                 + ("" if source else " (declared)") for name, source, at, _ in where]
        pages = [f"topics/{own}/" for *_, own in where]
        warnings.append(Problem(
            path, line, f"topics {_listed(names)} have slugs alike; each has a page of its own: {_listed(pages)}",
            "if they are one topic, write it the same way in all its items; to choose a topic's page name, "
            "declare it under `topics:` in config.yaml with a `slug:`"))


def _distinct_slugs(written: dict[str, set[str]], reserved: frozenset[str] = frozenset()
                    ) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """Each provider's or topic's slug, by identity (provider_identity, topic_identity; `written`: plain slug ->
    the identities of those items give it). It is its plain slug (slugify of a provider's domain, else its name;
    of a topic's name), but when the plain slugs of two or more identities are alike (`a.b.example` and
    `a-b.example`, a domain and a name, Unicode transliterated alike) the one with the fewest hyphens, then the
    first in code point order, keeps it, and each other gets a hash of its identity after it
    (urls.distinct_slug); a `reserved` slug (a declared topic's) none of them keeps. A slug so depends on the
    set of the site's providers or topics alone, not on file order, and one whose slug no other's is like keeps
    the one it always had. Also each set of identities whose plain slugs are alike (or reserved), the one that
    keeps it first."""
    plain: dict[str, str] = {}  # identity -> plain slug
    for slug, identities in written.items():
        for identity in identities:
            # (one's names may slug otherwise, "AI" and "A.I.": the fewest hyphens, so that the plain spelling's
            # page stays where it was when a dotted one appears; then the least)
            if identity not in plain or (slug.count("-"), slug) < (plain[identity].count("-"), plain[identity]):
                plain[identity] = slug
    alike: dict[str, list[str]] = defaultdict(list)
    for identity, slug in plain.items():
        alike[slug].append(identity)
    slugs, taken = {}, set(alike) | reserved
    for slug, identities in sorted(alike.items()):
        identities.sort(key=lambda identity: (identity.count("-"), identity))
        keeps = 0 if slug in reserved else 1
        for identity in identities[:keeps]:
            slugs[identity] = slug
        for identity in identities[keeps:]:
            own, seed = distinct_slug(slug, identity), 0
            while own in taken:  # (a hash alike too: another seed)
                seed += 1
                own = distinct_slug(slug, f"{identity}\n{seed}")
            taken.add(own)
            slugs[identity] = own
    return slugs, [(slug, identities) for slug, identities in sorted(alike.items())
                   if len(identities) > 1 or slug in reserved]


def _warn_of_alike_providers(items: list[Item], clashes: list[tuple[str, list[str]]], slugs: dict[str, str], root,
                             warnings: list[Problem]) -> None:
    """One warning for each set of providers whose plain slugs are alike, at the first item (by path) of the one
    that keeps its slug, naming the first item of each other."""
    first: dict[str, Item] = {}  # identity -> its first item
    wanted = {identity for _, identities in clashes for identity in identities}
    for item in items:
        if item.provider is not None:
            identity = provider_identity(item.provider)
            if identity in wanted and (identity not in first or item.source < first[identity].source):
                first[identity] = item
    for _, identities in clashes:
        where, accounts = [], False
        for identity in identities:
            item = first[identity]
            accounts = accounts or bool(item.provider.account)
            line = key_lines(root, item.source, {"provider"}).get("provider") or 1
            # (an account by its page: providers of one shared host are told apart by nothing else)
            ref = item.provider
            # (percent-encoded but for ASCII's letters: a zero-width space or a Cyrillic `а` is what tells an
            # account from the one it looks like)
            account = "".join(c if c.isascii() and c.isprintable() else quote(c) for c in ref.account)
            where.append((item.source, line, account or ref.domain or ref.name, slugs[identity]))
        path, line = where[0][:2]
        names = [f"`{name}`" + (f" ({source}:{at})" if n else "") for n, (source, at, name, _) in enumerate(where)]
        pages = [f"providers/{slug}/" for *_, slug in where]
        warnings.append(Problem(
            path, line, f"providers {_listed(names)} have slugs alike; each has a page of its own: {_listed(pages)}",
            f"if they are one provider, write the same {'account' if accounts else 'domain (or name)'} in all its "
            "items"))


def _listed(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1]


def _index(items: tuple[Item, ...], topic_defs: dict, topic_names: dict[str, str],
           provider_defs: tuple[ProviderConfig, ...], provider_slugs: dict[str, str],
           alike_providers: frozenset[str], topic_slugs: dict[str, str], alike_topics: frozenset[str]) -> Site:
    # Topics: every defined topic plus every topic an item names, parents before children.
    topics: dict[str, dict] = {}
    for slug, topic in sorted({v[0]: v[1] for v in topic_defs.values()}.items(), key=lambda kv: kv[0]):
        topics[slug] = {"name": topic.name, "parent": topic.parent, "description": topic.description}
    direct: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for slug in item.topics:
            direct[slug].append(index)
    for slug in direct:
        if slug not in topics:
            topics[slug] = {"name": topic_names.get(slug, slug), "parent": "", "description": ""}
    for slug, info in topics.items():
        parent = info["parent"]
        if parent:
            parent_slug = _topic_slug(parent, topic_defs)
            info["parent"] = parent_slug if parent_slug in topics and parent_slug != slug else ""
    children: dict[str, list[str]] = defaultdict(list)
    for slug, info in topics.items():
        if info["parent"]:
            children[info["parent"]].append(slug)
    names = sorted(topics, key=lambda slug: topics[slug]["name"].casefold())
    order, depth = topic_tree([slug for slug in names if not topics[slug]["parent"]]
                              + [slug for slug in names if topics[slug]["parent"]], lambda slug: sorted(children[slug]))
    # A topic's list shows its descendants' items too: gathered children first (the tree's order backwards),
    # each once, without recursion (records can chain topics thousands deep).
    gathered: dict[str, set[int]] = {}
    for slug in reversed(order):
        found = gathered[slug] = set(direct.get(slug, ()))
        for child in children.get(slug, ()):
            if child in gathered and depth[child] == depth[slug] + 1:  # (not the start of a parent cycle)
                found |= gathered[child]
    # A declared topic no item (nor a child's) has yet gets no page, feed, API file or link, as a taxonomy term
    # without content gets none in Hugo: an empty page says nothing, and thousands of them made a small site slow.
    kept = {slug for slug in names if gathered.get(slug)}
    topic_objects = {
        slug: Topic(slug, topics[slug]["name"], topics[slug]["parent"] if topics[slug]["parent"] in kept else "",
                    topics[slug]["description"], tuple(sorted(child for child in children[slug] if child in kept)),
                    depth[slug])
        for slug in names if slug in kept
    }
    topic_items = {slug: tuple(sorted(gathered[slug])) for slug in topic_objects}

    # Providers: from the items, with facts from config/data records.
    # (a record is a provider's by its domain, as an item writes it: not by a slug that may be another's too)
    # (an account's record, on a host many share, is that account's: not the host's nor another account's)
    defs = {}
    for record in map(declared_provider, provider_defs):
        domain = site_domain(record.domain.strip().lower())
        key = account_page(record.account, domain) if record.account else domain
        if key:
            defs[_identity(key)] = record
    provider_items: dict[str, list[int]] = defaultdict(list)
    refs: dict[str, ProviderRef] = {}
    for index, item in enumerate(items):
        if item.provider:
            provider_items[item.provider.slug].append(index)
            refs.setdefault(item.provider.slug, item.provider)
    providers = {}
    for slug, indices in provider_items.items():
        ref = refs[slug]
        extra = defs.get(provider_identity(ref))
        providers[slug] = Provider(
            slug, (extra.name if extra and extra.name else provider_name(items, indices)), ref.domain, _logos(extra, ref),
            extra.description if extra else "", len(indices),
            provider_average(items, indices), main_topics(items, indices))
    return Site(
        items=items,
        topics=MappingProxyType(topic_objects),
        providers=MappingProxyType(_in_provider_order(providers)),
        topic_items=MappingProxyType(topic_items),
        provider_items=MappingProxyType({k: tuple(v) for k, v in provider_items.items()}),
        url_index=_url_index(items),
        provider_slugs=MappingProxyType(provider_slugs),
        alike_providers=alike_providers,
        topic_slugs=MappingProxyType(topic_slugs),
        alike_topics=alike_topics,
    )


def provider_name(items, indices) -> str:
    """The name a provider's pages show (but for its `providers:` record's): the one most of its items give it,
    of those as many give, the newest item's. Not the newest item's alone: a crawler that misspelled it once
    renamed the provider on every page until the next item came."""
    counts: Counter = Counter()
    newest: dict[str, int] = {}
    for index in indices:  # (newest first)
        name = items[index].provider.name
        counts[name] += 1
        newest.setdefault(name, index)
    return min(counts, key=lambda name: (-counts[name], newest[name]))


def _in_provider_order(providers: dict[str, Provider]) -> dict[str, Provider]:
    """Providers as the site lists them: most stories first, then by name."""
    return dict(sorted(providers.items(), key=lambda kv: (-kv[1].count, kv[1].name.casefold(), kv[0])))


def _url_index(items) -> Mapping[str, int]:
    """An item's original and web URL -> its index (the first, newest item with it)."""
    url_index: dict[str, int] = {}
    for index, item in enumerate(items):
        for url in (item.original_url, item.web_url):
            if url:
                url_index.setdefault(url, index)
    return MappingProxyType(url_index)


def topic_tree(roots_first: list[str], children_of) -> tuple[list[str], dict[str, int]]:
    """Every topic once, in the topics index's order: each top-level one (no parent, listed first in
    `roots_first`), followed by the topics inside it, depth first, as `children_of(slug)` lists each one's
    children; and each topic's depth. On a stack of its own: records can chain topics thousands deep. A parent cycle
    in the definitions (A in B, B in A) has no top-level topic: it is walked from its first topic in
    `roots_first`, at depth 0."""
    order: list[str] = []
    depth: dict[str, int] = {}
    for start in roots_first:
        if start in depth:
            continue
        stack = [(start, 0)]
        while stack:
            slug, level = stack.pop()
            if slug in depth:
                continue
            depth[slug] = level
            order.append(slug)
            stack.extend((child, level + 1) for child in reversed(children_of(slug)) if child not in depth)
    return order, depth


def _logos(extra: ProviderConfig | None, ref: ProviderRef) -> tuple[Image, ...]:
    """A provider's logo in every size known: config's or its data record's, else what its items give."""
    if extra and extra.logos:
        return tuple(Image(url, width, height) for url, width, height in extra.logos)
    if extra and extra.logo:
        url = safe_url(extra.logo) or (extra.logo.lstrip("/") if ".." not in extra.logo else "")
        if url:
            return (Image(url, 50, 50),)
    return ref.images


# --- one item edited: the indexes brought up to date without indexing every item again ------------

class Reindexed(NamedTuple):
    site: Site
    position: list[int]  # old index -> new index (-1: the item deleted)
    low: int  # old and new indices from low to high (both included; past the end of one list in places) are
    high: int  # those of the items that moved, and of the edited one
    to: int  # the edited (or added) item's new index; -1 when it was deleted


def reindexed(site: Site, index: int | None, new: Item | None, topic_defs: dict) -> Reindexed | None:
    """`site` with site.items[index] replaced by `new` (the same file, edited) and put in its place in the
    latest order, every index as `_index` would make it. `index` None: `new` is added; `new` None: the
    item is deleted.

    None when the edit changes what is site-wide, which every page can show (generator/build/fingerprints.py
    site_keys): a topic that appears or goes, a topic's name as items write it, a provider that
    appears or goes or is named by another of its items (or whose slug another's is like: see
    _distinct_slugs; so for topics), a type list (site/types.py) that appears,
    goes or is titled otherwise. The caller checks that `new` is still published and writes a page no
    other item writes.
    """
    from generator.site.types import same_type_lists  # (types.py reads this module)

    old = site.items[index] if index is not None else None
    for edited in (old, new):
        identity = provider_identity(edited.provider) if edited and edited.provider else None
        if identity and (site.provider_slugs.get(identity) != edited.provider.slug or identity in site.alike_providers):
            return None  # a new provider, or one whose slug another's is like (the build's warning names its items)
        for slug, name in zip(edited.topics, edited.topic_names) if edited else ():
            found = _definition(name, topic_defs)
            key = found[0] if found else topic_identity(name)
            if key in site.alike_topics or not (found or site.topic_slugs.get(key) == slug):
                return None  # a new topic, or one whose slug another's is like (or moves: _distinct_topics)
    items = list(site.items)
    if index is not None:
        del items[index]
    to = -1
    if new is not None:
        to = bisect.bisect_left(items, latest_order(new), key=latest_order)
        items.insert(to, new)
    if not same_type_lists(site.items, items, old, new):
        return None  # a link more or less, or another name, in every page's header
    count = len(site.items)
    position = list(range(count))
    if index is None:  # added: the items from `to` on move one place on
        position[to:] = range(to + 1, count + 1)
        low, high = to, len(items) - 1
    elif new is None:  # deleted: the items after it move one place back
        position[index:] = [-1, *range(index, count - 1)]
        low, high = index, count - 1
    else:  # old index -> new: the edited item to `to`, the items it passed one place back (or on)
        low, high = min(index, to), max(index, to)
        position[low : high + 1] = list(range(low + 1, high + 1)) + [to] if to < index else [to] + list(range(low, high))
    old_topics = old.topics if old else ()
    new_topics = new.topics if new else ()
    topics = _ancestors(old_topics, site.topics), _ancestors(new_topics, site.topics)
    if not set(new_topics) <= site.topics.keys():
        return None  # a new topic: a page more, and a name in every page's menu
    defined = {slug for slug, _ in topic_defs.values()}
    topic_items = {}
    for slug, order in site.topic_items.items():
        order = _moved(order, index, to, position, low, high, slug in topics[0], slug in topics[1])
        if not order:
            return None  # its last item left: the topic goes (declared or not, an empty topic has no page)
        topic_items[slug] = order
    for slug in (set(old_topics) | set(new_topics)) - defined:
        written = [(items[i].source, items[i].topic_names[items[i].topics.index(slug)])
                   for i in topic_items[slug] if slug in items[i].topics]
        if not written or min(written)[1] != site.topics[slug].name:
            return None  # the topic goes (a child's stories alone do not keep it), or is named as another item writes it
    providers, provider_items = dict(site.providers), dict(site.provider_items)
    old_slug = old.provider.slug if old and old.provider else None
    new_slug = new.provider.slug if new and new.provider else None
    slugs = {slug for slug in (old_slug, new_slug) if slug}
    if new_slug and new_slug not in site.providers:
        return None  # a new provider
    for slug, order in site.provider_items.items():
        order = _moved(order, index, to, position, low, high, slug == old_slug, slug == new_slug)
        if slug in slugs:
            if not order or items[order[0]].provider != site.items[site.provider_items[slug][0]].provider:
                return None  # the provider goes, or its first story (whose logo it shows) is another
            if provider_name(items, order) != provider_name(site.items, site.provider_items[slug]):
                return None  # its name, on every page that shows one of its items, is another
            providers[slug] = dataclasses.replace(site.providers[slug], count=len(order),
                                                  avg_quality=provider_average(items, order),
                                                  main_topics=main_topics(items, order))
        provider_items[slug] = order
    for slug in slugs:
        if providers[slug] == site.providers[slug]:
            providers[slug] = site.providers[slug]  # the same values: the same object (the plan compares by identity)
    restated = any(providers[slug] is not site.providers[slug] for slug in slugs)
    if any(providers[slug].count != site.providers[slug].count for slug in slugs):
        providers = _in_provider_order(providers)
    url_index = site.url_index
    if old is None or new is None or low != high or (old.original_url, old.web_url) != (new.original_url, new.web_url):
        url_index = _url_index(items)
    site = Site(
        items=tuple(items),
        topics=site.topics,
        providers=MappingProxyType(providers) if restated else site.providers,
        topic_items=MappingProxyType(topic_items),
        provider_items=MappingProxyType(provider_items),
        url_index=url_index,
        provider_slugs=site.provider_slugs,
        alike_providers=site.alike_providers,
        topic_slugs=site.topic_slugs,
        alike_topics=site.alike_topics,
    )
    return Reindexed(site, position, low, high, to)


def _ancestors(slugs, topics: Mapping[str, Topic]) -> set[str]:
    """The topics whose lists show an item of these topics: each and its parents, up the tree."""
    found: set[str] = set()
    for slug in slugs:
        while slug and slug in topics and slug not in found:
            found.add(slug)
            slug = topics[slug].parent
    return found


def _moved(order: tuple[int, ...], index: int | None, to: int, position: list[int], low: int, high: int,
           was_in: bool, is_in: bool) -> tuple[int, ...]:
    """An ascending list of item indices with the edited item (old `index`, new `to`) taken out and put back as it
    is in the list now, and `position` applied to the others: the very same tuple when none of its indices change."""
    start = bisect.bisect_left(order, low)
    if not was_in and not is_in and (start == len(order) or order[start] > high):
        return order  # nothing in the span that moved
    moved = [position[i] for i in order if i != index]
    if is_in:
        bisect.insort(moved, to)
    moved = tuple(moved)
    return order if moved == order else moved
