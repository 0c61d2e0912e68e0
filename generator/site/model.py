"""The frozen model every page is made from: plain data, made once and only read after.

An Item is one news item, normalised (item.py makes it from a Source), with its pictures (Image), its
provider as it names it (ProviderRef) and its other coverage (Related). A Site holds all published items,
latest first, and the read-only indexes the pages need (index.py makes it): its Topics, its Providers
(each a ProviderBadge, what a story's card shows, with its counts), its stories (SiteStory). ModelResult
is a Site with what the build left out and why.

The build cache and the reading processes pickle items naming their class's module (generator/frozen.py):
a class moved out of this module needs the cache's _FORMAT bumped (generator/build/cache.py).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from generator.errors import Problem
from generator.frozen import record
from generator.languages import in_capitals

if TYPE_CHECKING:  # (types.py reads the model: the lists' own type, for the annotation alone)
    from generator.site.types import TypeList


# What a card calls an item of a known type ("" for an article: most are). Any other type is kept as
# written and labelled by type_label.
TYPE_LABELS = MappingProxyType({"article": "", "video": "Video", "audio": "Audio", "podcast": "Podcast",
                                "download": "Download", "event": "Event", "course": "Course"})
OTHER_LABEL = "Other"  # what type_label calls a type it cannot show as written
_LABEL_WORDS = re.compile(r"[^\W\d_][^\W_]*(?:[ -][^\W_]+)?")


@record
class Image:
    url: str  # absolute http(s) URL, or a path inside the site (no leading slash)
    width: int | None = None
    height: int | None = None
    # What it shows, in words, as plain text: None when the item does not say; "" for a decorative picture
    # (an `alt` given empty), which readers of the page skip
    alt: str | None = None
    caption: str = ""  # shown under it, as plain text
    credit: str = ""  # whose picture it is (a photographer, an agency), as plain text

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
    # Its home page when that is not https://<domain>/: a site on a port of its own, or by its IP address (a
    # test feed's http://127.0.0.1:8123/), as the item's provider `url` gives it; else ""
    site: str = ""


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
    article_key: str  # stories.article_key(url), worked out where the item is read: "" when the URL names no article


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
    # The article keys of those four URLs (stories.article_keys), worked out where the item is read and kept with
    # it in the build cache: a build joins a story's declared coverage to its members by them (none when stories
    # are off: nothing reads them)
    article_keys: tuple[str, ...]
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
    # its length in whole seconds, read with `length` (quantities.length_field): what feeds, the API and the search
    # index give; 0 when `length` is none or is text of no time (`4 min`)
    length_seconds: int = 0
    author: str = ""  # who wrote it, as plain text (several names joined with ", "), or ""
    # the body is the start of a longer one, cut at the file's size limit: its page says so and links the original
    body_cut: bool = False
    # the front matter key its slug is made of, as the file writes it (`slug`, or `title` for a file named `.md`),
    # or "" for its file name: where a warning about its page is said
    slug_key: str = ""
    # its old addresses (`aliases`), each a site path (urls.old_path: `old/story/`) where a page sends readers to
    # its page (plan/redirects.py)
    aliases: tuple[str, ...] = ()
    # the language its own text is in (`language: fr`: a language tag), which its card and page mark; "" for the site's
    language: str = ""
    warnings: tuple[Problem, ...] = ()  # what the user should fix in its file (the item is shown all the same)
    # when the site first had it (`firstSeenDateTime`, which fetch writes), or None: which member of a story gives
    # it its id (stories.make_story), so that a report fetched after the story began does not change it
    first_seen: datetime | None = None

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
    shortname: str = ""  # a short name readers know it by (`CDS`), which search finds its stories by


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
        """monogram_in no particular language (themes written before the `monogram` filter read this)."""
        return self.monogram_in("")

    def monogram_in(self, language: str) -> str:
        """The first letter or digit of the name's first two words ("«Le Monde»": "LM"), in capitals as the site's
        `language` writes them (Turkish `istanbul haber`: "İH"); without one, its first visible character. Never a
        character that shows nothing: crawled names often start with a byte order mark, a zero-width space or a
        direction override, which made an empty circle of the monogram."""
        words = [w for w in self.name.replace(".", " ").split() if any(c.isalnum() for c in w)]
        letters = "".join(next(c for c in w if c.isalnum()) for w in words[:2])
        return in_capitals(letters or next((c for c in self.name if c.isprintable() and not c.isspace()), "?"),
                           language)

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
    # "+N sources": its other articles (two items of one article count once) and `related`'s
    sources: int = 0


@dataclass(frozen=True)
class Site:
    """All items (latest first) and the read-only indexes the pages need."""

    items: tuple[Item, ...]
    topics: Mapping[str, Topic]
    providers: Mapping[str, Provider]
    topic_items: Mapping[str, tuple[int, ...]]  # slug -> indices into items, children's items included
    provider_items: Mapping[str, tuple[int, ...]]
    url_index: Mapping[str, int]  # an item's original/web URL -> its index, for internal "more coverage" links
    # the site's lists by type (site/types.py type_lists), worked out once here for the plan, the feeds, the
    # header and the fingerprints, whether or not the config shows them
    type_lists: tuple[tuple[TypeList, tuple[int, ...]], ...]
    # a provider's identity (provider_identity) -> its slug: its plain one unless another's is alike (slugs.py)
    provider_slugs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    alike_providers: frozenset[str] = frozenset()  # the identities of those whose plain slugs are alike (warned of)
    # an undeclared topic's identity (topic_identity) -> its slug: its plain one unless another's is alike
    topic_slugs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    alike_topics: frozenset[str] = frozenset()  # the topics a fast re-index leaves to a build (slugs.distinct_topics)
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


def type_label(kind: str) -> str:
    """What a card calls an item of this type: nothing for an article, the known name of a known type,
    the type itself, capitalised, when it is one short word or two, else "Other"."""
    if kind in TYPE_LABELS:
        return TYPE_LABELS[kind]
    return kind.capitalize() if _LABEL_WORDS.fullmatch(kind) else OTHER_LABEL
