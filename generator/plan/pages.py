"""Plan the pages. Site + Rankings -> Page values (and the types of the plan:
FileOutput for feeds, API files and sitemaps; RenderedSite for the whole plan), no rendering yet.

Each Page and FileOutput knows its output file, how it is made, and which items it
shows: that is what an incremental rebuild needs to know which outputs an edited
item touches (generator/serve/fastpath.py, generator/build/fingerprints.py).
"""

from __future__ import annotations

import bisect
import dataclasses
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Callable, Mapping, NamedTuple, Sequence

from generator.config.values import Config
from generator.errors import Problem
from generator.i18n import Words, load_words
from generator.plan.directory import Entry, directory
from generator.frozen import record
from generator.site.local_pictures import LocalCopies
from generator.site.grouping import declared, item_story, member_keys
from generator.site.stories import story_id
from generator.site.identities import identity_of, provider_identity, site_domain
from generator.site.index import topic_tree
from generator.site.model import ModelResult, ProviderBadge, Related, Site
from generator.site.ranking import Rankings
from generator.site.types import titled
from generator.hosts import ascii_host
from generator.urls import host_of, slugify


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    base: str  # URL path of page 1, e.g. "topics/ai/"

    def url_for(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def prev_url(self) -> str:
        return self.url_for(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self) -> str:
        return self.url_for(self.number + 1) if self.number < self.total else ""

    @property
    def numbers(self) -> list[int]:
        """Page numbers to show: the first, the last and the two either side of this one."""
        wanted = {1, self.total} | set(range(self.number - 2, self.number + 3))
        return sorted(n for n in wanted if 1 <= n <= self.total)

    @property
    def links(self) -> list["PageLink"]:
        """`numbers` with what the pagination partial shows of each: its URL path, whether numbers were
        skipped before it, whether it is this page (worked out here: in the template it was a large share
        of a list page's own markup)."""
        shown, last = [], 0
        for number in self.numbers:
            shown.append(PageLink(number, self.url_for(number), number - last > 1 and last > 0, number == self.number))
            last = number
        return shown


class PageLink(NamedTuple):
    number: int
    path: str  # URL path of the page, as Pagination.url_for gives it
    gap: bool  # page numbers were skipped before this one
    current: bool


@record
class Page:
    """One HTML file to render."""

    url: str  # site-relative URL path: "" for the front page, "topics/ai/" ...
    template: str
    kind: str  # home, latest, top, hot, type, topic, topics, provider, providers, article, search, 404
    key: str  # topic or provider slug, type list key (types.TypeList), or item source, or ""
    title: str
    description: str
    context: Mapping = field(default_factory=dict)
    items: tuple[int, ...] = ()  # indices of the items this page shows (its content dependencies)
    output: str = field(init=False, repr=False, compare=False)  # its file (asked for many times per page)

    def __post_init__(self):
        object.__setattr__(self, "output", "404.html" if self.kind == "404" else f"{self.url}index.html")

    @property
    def section(self) -> str:
        """The header's section the page is in, which it marks current: `latest`, `top`, `hot`, `topics` (the
        index and each topic's pages), `providers` (the same), `type/<key>` (a list by type's pages), "" for
        none (the front page, a story's, search, 404). A site has few: the header is rendered once for each."""
        if self.kind in ("latest", "top", "hot"):
            return self.kind
        if self.kind in ("topics", "topic"):
            return "topics"
        if self.kind in ("providers", "provider"):
            return "providers"
        return f"type/{self.key}" if self.kind == "type" else ""


@record
class Coverage:
    """What a story's card shows of its other sources: "+N sources", their providers' badges, and the time it
    shows: the time by which its list places it. Plain values: a card's call is kept by its arguments
    (render/fragments.py), this one among them."""

    story: str  # the story's id
    sources: int  # "+N sources": SiteStory.sources (for an item alone, its declared coverage the site does not have)
    providers: tuple[str, ...]  # slugs of the other items' providers (not the shown item's), in the story's order
    newest: datetime  # the story's newest item's time
    # The time the card shows: the story's newest item's (the front page, Latest, Top, Hot, a topic's list), or on a
    # provider's or a type's list the card's own item's, where that list places it (one_per_story).
    time: datetime
    # the providers of its declared coverage that the site does not have (related_provider), after `providers`
    outside: tuple[ProviderBadge, ...] = ()


@record
class Kind:
    """What an entry of an article page's lists says its story is, as a card does (partials/card.html): its type,
    for `type_badge`, and its length, size and price, for `facts` (which reads them by these names, as an Item's).
    Plain values rather than the Item, as Teaser's are."""

    type: str = "article"
    length: str = ""
    length_seconds: int = 0
    size: str = ""
    size_bytes: int = 0
    price: str = ""
    price_amount: float | None = None
    price_currency: str = ""


ARTICLE = Kind()  # (most entries': one value for them all)
_ARTICLE = dataclasses.astuple(ARTICLE)


def kind_of(item) -> Kind:
    """What an entry naming `item` (an Item) says it is."""
    facts = (item.type, item.length, item.length_seconds, item.size, item.size_bytes, item.price, item.price_amount,
             item.price_currency)
    return ARTICLE if facts == _ARTICLE else Kind(*facts)  # (compared before making one: most are articles)


@record
class Source:
    """One entry of an article page's "More coverage": another item of its story (a page of this site) or a
    declared `related` story (this site's page when it has one, else the provider's link)."""

    title: str
    href: str  # a path of this site when `here`, else the original's absolute URL
    here: bool
    provider: str  # the provider's slug, or ""
    badge: ProviderBadge | None  # a `related` entry's provider that is none of the site's (related_provider)
    published: datetime | None
    excerpt: str
    kind: Kind = ARTICLE  # (a `related` entry the site does not have: its type alone)


@record
class FileOutput:
    """One output file that is not a page (a feed, an API file, a sitemap), made only if its inputs changed.

    Its bytes are `make(site, memo)`: `make` is a partial over plain values, so that a rebuild can make
    it again from a patched site; `memo` is one dict per build that outputs share (an item shown in
    forty feeds is cleaned once). Its fingerprint (generator/build/fingerprints.py) hashes the config, `name`, `key`
    (every other value `make` holds) and the items it shows: keep all three complete.
    """

    name: str
    make: Callable[[Site, dict], bytes]
    items: tuple[int, ...] = ()  # indices of the items it shows
    key: tuple = ()

    @classmethod
    def constant(cls, name: str, data: bytes) -> "FileOutput":
        return cls(name, partial(_constant, data), (), (data,))


def _constant(data: bytes, site: Site, memo: dict) -> bytes:
    return data


def described(memo: dict, kind: str, item, describe: Callable[[], object]):
    """`describe()`, once per Item object and `kind` in a FileOutput.make memo: an item is in several feeds and
    API files, and serve keeps the memo from one rebuild to the next while the site-wide values are the same
    (a story moved to another topic shifts hundreds of API files whose other stories' texts are unchanged).
    Entries are (item, description): holding the Item keeps its id standing for it alone (build's
    _describe_stories drops those of items the site no longer has)."""
    key = (kind, id(item))
    known = memo.get(key)
    if known is None or known[0] is not item:
        known = memo[key] = (item, describe())
    return known[1]


def make_files(outputs, site: Site, memo: dict | None = None) -> dict[str, bytes]:
    """Name -> bytes of every output, made now (for callers that want them all); `memo` as `make` takes it."""
    memo = {} if memo is None else memo
    return {output.name: output.make(site, memo) for output in outputs}


@dataclass(frozen=True)
class RenderedSite:
    """What the build decided to publish (the plan), before rendering pages and writing."""

    config: Config
    topic_defs: dict  # topic name -> (slug, definition): how items' topics were read
    now: datetime
    model: ModelResult
    rankings: Rankings
    pages: tuple[Page, ...]
    outputs: tuple[FileOutput, ...]  # non-page outputs (feeds, sitemaps, API, .nojekyll ...)
    copies: dict[str, os.PathLike]  # output path -> file to copy (theme static files, logos)
    problems: tuple[Problem, ...]  # files left out
    warnings: tuple[Problem, ...]
    config_digest: str  # config_key: what the cache's items and pages were made under
    pictures: LocalCopies = LocalCopies()  # the copies of pictures that `newsdesk pictures` made
    redirects: tuple = ()  # the old addresses' redirect pages among `outputs` (plan/redirects.py's Redirect)
    notes: tuple[Problem, ...] = ()  # what is not wrong but said (errors.Note): never counted as a warning


RANKED = ("home", "top", "hot")  # the kinds of page ordered by score
LIST_KINDS = ("home", "latest", "top", "hot", "type", "topic", "provider")  # the pages that show a list of stories
LISTS = (  # kind (its title and description are the words `<kind>_title` and `<kind>_description`), and the
    # Rankings order each site-wide list shows
    ("latest", "latest"),
    ("top", "top"),
    ("hot", "hot"),
)


@dataclass(frozen=True)
class Earlier:
    """What a rebuild after an edit knows of the last plan (generator/serve/fastpath.py), for plan_pages to keep
    the Page objects that would come out the same: rebuilds compare pages by identity first."""

    # (kind, key) -> the pages of that list (and the front page), their `items` renumbered to the new places
    lists: Mapping[tuple[str, str], list[Page]]
    kept: frozenset  # (kind, slug) of the topics' and providers' lists known to be as they were, whole
    articles: Sequence[Page | None]  # for each item (in the new order) its page as it was, or None
    # The indices whose card may not be the last plan's: an item not the one that was at its last place, or a
    # member of a story that holds one (before or after the edit); every other item's card is as it was, wherever
    # it moved (fastpath._changed)
    changed: frozenset[int] = frozenset()


@dataclass(frozen=True)
class EarlierOutputs:
    """What a rebuild after an edit knows of the last plan's feeds and API files (generator/serve/fastpath.py):
    those of the topics' and providers' lists Earlier.kept keeps are the last plan's FileOutput objects, as
    their pages are (rebuilds compare outputs by identity first)."""

    outputs: Mapping[str, FileOutput]  # the last plan's, by name
    kept: frozenset  # (kind, slug) of the lists known to be as they were, whole (Earlier.kept)
    stories: bool  # whether every story is as it was: an API file names its items' stories and their other items
    # The indices whose API record or story entry may not be the last plan's (an item not the one it was
    # there, a member of its story, an item naming a URL that came or went); None: every API page planned again
    changed: frozenset[int] | None = None


def plan_pages(site: Site, rankings: Rankings, config: Config, earlier: Earlier | None = None) -> list[Page]:
    """Every HTML page of the site, in a stable order; with `earlier`, the pages planned as they were
    are the Page objects of the last plan."""
    lists = earlier.lists if earlier else {}
    kept = earlier.kept if earlier else frozenset()
    words = load_words(config)
    known: dict[int, Coverage | None] = {}  # item index -> its card's Coverage (an item is on several lists)
    # The card of an item kept at its place, in a story none of whose items moved, is as it was (its Coverage is
    # its story's), so a list page showing the same items, none `changed`, is kept without making its cards again.
    as_before = earlier is not None
    moved = earlier.changed if earlier else frozenset()
    known_own: dict[int, Coverage | None] = {}  # the same for the providers' and the types' lists (its own time)
    pages: list[Page] = [_front_page(site, rankings, config, earlier, known, moved)]
    for kind, order in LISTS:
        pages += _paginate(site, config, kind, "", f"{kind}/", words.t(f"{kind}_title"),
                           words.t(f"{kind}_description"), _order(rankings, order), {}, earlier, known, words,
                           as_before, moved)
    for listed, order in site.type_lists if config.type_lists else ():
        listed = titled(listed, words)
        pages += _paginate(site, config, "type", listed.key, listed.path, listed.title,
                           words.t("type_description", list=listed.title), one_per_story(site, order, own=True), {},
                           earlier, known_own, words, as_before, moved, own=True)
    for slug, topic in site.topics.items():
        if ("topic", slug) in kept:
            pages += lists["topic", slug]
            continue
        order = one_per_story(site, site.topic_items.get(slug, ()))
        description = topic.description or words.t("topic_description", topic=topic.name)
        pages += _paginate(site, config, "topic", slug, f"topics/{slug}/", topic.name, description, order,
                           {"topic": topic}, earlier, known, words, as_before, moved)
    counts = {slug: len(site.topic_items[slug]) for slug in site.topics}
    pages += _index_pages("topics", words, [Entry(slug, topic.name, counts[slug], _newest(site.topic_items, slug))
                                            for slug, topic in site.topics.items()],
                          lambda slugs: slugs, lambda shown: {"topic_counts": {slug: counts[slug] for slug in shown},
                                                              "descendants": {}},
                          lambda: {"topic_counts": counts, "descendants": _descendants(site)})
    for slug, provider in site.providers.items():
        if ("provider", slug) in kept:
            pages += lists["provider", slug]
            continue
        order = one_per_story(site, site.provider_items.get(slug, ()), own=True)
        description = provider.description or words.t("provider_description", provider=provider.name,
                                                       domain=ascii_host(provider.domain))
        pages += _paginate(site, config, "provider", slug, f"providers/{slug}/", provider.name, description, order,
                           {"provider": provider}, earlier, known_own, words, as_before, moved, own=True)
    providers = lambda slugs: tuple(site.providers[slug] for slug in slugs)  # noqa: E731
    pages += _index_pages("providers", words, [Entry(slug, provider.name, provider.count,
                                                     _newest(site.provider_items, slug))
                                               for slug, provider in site.providers.items()],
                          providers, lambda shown: {"all_providers": providers(shown)},
                          lambda: {"all_providers": tuple(site.providers.values())})
    shared = Shared(coverage=known)
    if earlier:
        pages.extend(page or article_page(site, index, shared) for index, page in enumerate(earlier.articles))
    else:
        pages.extend(article_page(site, index, shared) for index in range(len(site.items)))
    if config.search:
        pages.append(Page("search/", "search.html", "search", "", words.t("search_title"),
                          words.t("search_description"), {}))
    pages.append(Page("404/", "404.html", "404", "", words.t("not_found"), words.t("not_found_description"), {}))
    return pages


def _order(rankings: Rankings, name: str) -> tuple[int, ...]:
    """A site-wide list's stories: Latest shows each story once, by its newest item (Rankings.newest)."""
    if name == "latest":
        return rankings.newest or rankings.latest
    return getattr(rankings, name)


def one_per_story(site: Site, order: tuple[int, ...], own: bool = False) -> tuple[int, ...]:
    """`order` (indices into site.items, ascending: newest first) with each story once, placed by the time its
    card shows (Coverage.time), so that a list's times read in order: as its lead, where the story's newest item
    stands (a topic's list: the story's newest item may be of another topic); or with `own` (a provider's or a
    type's list), as the list's own item, at that item's place: the lead when it is one of the list's, else the
    list's newest item of the story."""
    if not site.stories:
        return order
    story_of, stories = site.story_of, site.stories
    seen: set[int] = set()
    shown = []
    if own:
        listed = set(order)
        for index in order:
            number = story_of.get(index)
            if number is None:
                shown.append(index)
            elif number not in seen:
                lead = stories[number].lead
                if lead not in listed or index == lead:
                    seen.add(number)
                    shown.append(index)
        return tuple(shown)
    placed = []  # (the index of the item whose time places the card, the card's item)
    for index in order:
        number = story_of.get(index)
        if number is None:
            placed.append((index, index))
        elif number not in seen:
            seen.add(number)
            story = stories[number]
            placed.append((story.members[0], story.lead))  # (members: newest first)
    placed.sort()  # (nearly in order already: a story moves up to its newest item's place)
    return tuple(card for _, card in placed)


def coverage(site: Site, index: int, own: bool = False) -> Coverage | None:
    """What the card of site.items[index] shows of its story's other sources; None for an item alone that declares
    no coverage (an item alone counts its declared coverage the site does not have, as the API and search do).
    `own`: the card of a provider's or a type's list, which shows its item's own time (one_per_story)."""
    story = item_story(site, index)
    item = site.items[index]
    provider = item.provider.slug if item.provider else ""
    if story is None:
        if not item.related:
            return None
        related = declared(site, index, (index,))
        known, outside = _declared_providers(site, (index,), related, provider)
        return Coverage(story_id(item.source), len(related), known, item.published, item.published, outside)
    shown, outside = tuple(p for p in story.providers if p != provider), ()
    if story.related:
        known, outside = _declared_providers(site, (story.lead, *story.members), story.related, provider)
        shown += tuple(p for p in known if p not in shown)
    return Coverage(story.id, story.sources, shown, story.newest, site.items[dated_item(site, index, own)].published,
                    outside)


def _declared_providers(site: Site, members: Sequence[int], related: Sequence[str],
                        shown: str) -> tuple[tuple[str, ...], tuple[ProviderBadge, ...]]:
    """Who these items' declared coverage `related` (URLs, grouping.declared) is by, as "More coverage" names them
    (_outside): the slugs of the site's providers but the card's own item's (`shown`), and the badges of the others."""
    wanted, found, outside = set(related), {}, {}
    for member in members:
        for entry in site.items[member].related:
            if entry.url in wanted:
                slug, badge = related_provider(site, entry)
                if slug and slug != shown:
                    found[slug] = None
                elif badge is not None:
                    outside.setdefault(badge.slug, badge)
    return tuple(found), tuple(outside.values())


def related_provider(site: Site, related: Related) -> tuple[str, ProviderBadge | None]:
    """Who published a `related` entry: the slug of the site's provider it is (by who the entry's provider is, as
    an item's; an entry that names none by its address's host), else "" and a badge of its own, named and coloured
    by the rule of the site's providers' (ProviderBadge: its monogram from its name, else its domain; its colour from
    its slug), so that every source shows a logo or a monogram; ("", None) for an entry of neither a provider nor a
    host."""
    provider = related.provider
    if provider is not None:
        slug = site.provider_slugs.get(provider_identity(provider), "")
        return (slug, None) if slug else ("", ProviderBadge(provider.slug, provider.name, provider.domain,
                                                               provider.images, ""))
    domain = site_domain(host_of(related.url))
    if not domain:
        return "", None
    slug = site.provider_slugs.get(identity_of(domain), "")
    return (slug, None) if slug else ("", ProviderBadge(slugify(domain), ascii_host(domain), domain, (), ""))


def dated_item(site: Site, index: int, own: bool = False) -> int:
    """The item whose time the card of site.items[index] shows, and by which its list places it: its story's
    newest item, or on a provider's or a type's list (`own`, as one_per_story's lists) the item itself."""
    story = item_story(site, index)
    return index if story is None or own else story.members[0]  # (members: newest first)


def _cards(site: Site, chunk: tuple[int, ...], known: dict, own: bool = False) -> tuple[list, list, tuple[int, ...]]:
    """The items of these cards, their Coverage (None for items alone), and the items the cards show (a page's
    `items`, which Dependents and fingerprints read). A card shows of its story's other items only what its
    Coverage holds, a plain value in the page's context: naming them all would make a large story's pages
    cost its size squared. `known`: item index -> its card's Coverage, one dict for the lists of one `own`."""
    items = [site.items[i] for i in chunk]
    return items, [known[i] if i in known else known.setdefault(i, coverage(site, i, own)) for i in chunk], chunk


def _front_page(site: Site, rankings: Rankings, config: Config, earlier: Earlier | None, known: dict,
                moved: frozenset[int]) -> Page:
    items, covers, shown = _cards(site, tuple(rankings.top[: config.front_page_items]), known)
    if earlier:
        [before] = earlier.lists.get(("home", ""), [None])
        if (before is not None and _same_stories(before, shown, moved)
                and [before.context.get("lead_story"), *before.context.get("stories", ())] == (covers or [None])):
            return before
    return Page("", "index.html", "home", "", config.title, config.description or config.title,
                {"lead": items[0] if items else None, "items": items[1:],
                 "lead_story": covers[0] if covers else None, "stories": covers[1:]},
                shown)


MORE = 4  # stories in an article page's "More on <topic>" and "More from <provider>"
# How far from a story in a list the stories its page names can lie: MORE, past its own story and the up
# to MORE that "More on <topic>" already names, plus one for a story put in or taken out between.
MORE_REACH = 2 * MORE + 2


@record
class Teaser:
    """Another story as an article page's "More on <topic>" shows it: its title and link, and what it is (a video's
    length ...), no more. Plain values rather than the Item, so that what does not show (its scores, its text)
    does not make the page again; generator/serve/fastpath.py's Dependents finds the pages that show a story this
    way by `source`."""

    title: str
    path: str
    published: datetime
    provider: str  # its provider's name, or ""
    kind: Kind
    # Its file, for Dependents; not part of what the page shows (its fingerprint, equality). Not its place
    # in Site.items, which moves whenever a story is redated past it while the page is kept.
    source: str = field(compare=False, repr=False)


@dataclass
class Shared:
    """What the article pages planned together share: an item's Teaser ("More on <topic>", a story's lead) and its
    Source ("More coverage"), each one value for all the pages that show it (which their fingerprints describe
    once), and the article keys of a story's members, by the story's number in Site.stories. `coverage`: item
    index -> its Coverage, the dict of the site-wide and topics' lists' cards (an article shows its card's)."""

    teasers: dict[int, Teaser] = field(default_factory=dict)
    sources: dict[int, Source] = field(default_factory=dict)
    keys: dict[int, dict[str, int]] = field(default_factory=dict)
    coverage: dict[int, Coverage | None] = field(default_factory=dict)


def article_page(site: Site, index: int, shared: Shared | None = None) -> Page:
    """The page of site.items[index]; it also shows the related stories the site has, and, for a story
    without related coverage, a few more of its first topic and of its provider (the nearest in date), so
    that a reader has something to read next. `shared`: one for all the pages planned together."""
    shared = Shared() if shared is None else shared
    item = site.items[index]
    number = site.story_of.get(index)
    story = None if number is None else site.stories[number]

    def keys() -> dict[str, int]:
        # (when a `related` URL is no item's as written: a lead's page looks up its members' entries)
        if story is None:
            return {}
        found = shared.keys.get(number)
        if found is None:
            found = shared.keys[number] = member_keys(site, story.members)
        return found

    found = [_related_index(site, keys, r) for r in item.related]  # each entry's item, None when not the site's
    shown = {at for at in found if at is not None}
    lead = None
    if story is not None:
        if story.lead == index:
            shown.update(story.members)  # its "More coverage" lists them all
        else:
            lead = _teaser(site, story.lead, shared)  # (a Teaser: Dependents finds the page by its source)
    if story is None or story.lead != index:
        sources = tuple(_outside(site, related) if at is None else _member(site, at, shared)
                        for related, at in zip(item.related, found))
    else:
        sources = _lead_sources(site, index, story, keys, shared)
    shown = (index,) + tuple(sorted(shown - {index}))
    on_topic = from_provider = ()
    if not sources and lead is None:
        if item.topics:
            on_topic = _nearest(site.topic_items.get(item.topics[0], ()), index, {index})
        if item.provider:
            from_provider = _nearest(site.provider_items.get(item.provider.slug, ()), index, {index, *on_topic})
    return Page(item.path, "article.html", "article", item.source, item.title, item.excerpt or item.title,
                {"item": item, "provider": site.providers.get(item.provider.slug) if item.provider else None,
                 "sources": sources, "story_lead": (lead,) if lead else (),
                 "story": (shared.coverage[index] if index in shared.coverage
                           else shared.coverage.setdefault(index, coverage(site, index))),
                 "more_on_topic": tuple(_teaser(site, i, shared) for i in on_topic),
                 "more_from_provider": tuple(_teaser(site, i, shared) for i in from_provider)},
                shown)


def _lead_sources(site: Site, index: int, story, keys: Callable[[], dict[str, int]],
                  shared: Shared) -> tuple[Source, ...]:
    """What the page of a story's lead, site.items[index], lists as "More coverage": the story's other items and the
    declared `related` coverage of its items that the site does not have, newest first, entries without a date last.
    (Any other item's page lists its own `related` entries, this site's page where it has the story.)"""
    found = [_member(site, member, shared) for member in story.members if member != index]
    wanted = set(story.related)  # (grouping.attach: the entries that are no item's, in this order)
    for member in (index, *story.members):
        for related in site.items[member].related:
            if related.url in wanted:
                wanted.discard(related.url)
                at = _related_index(site, keys, related)
                found.append(_outside(site, related) if at is None else _member(site, at, shared))
    # (stable: items of one time keep the story's order, the declared entries theirs)
    found.sort(key=lambda source: (source.published is None, -source.published.timestamp() if source.published else 0))
    return tuple(found)


def _member(site: Site, index: int, shared: Shared) -> Source:
    """site.items[index] as "More coverage" lists it (the crawler's copy of a `related` story's title and summary
    may be older than the site's own)."""
    known = shared.sources.get(index)
    if known is None:
        item = site.items[index]
        provider = site.providers.get(item.provider.slug) if item.provider else None
        known = shared.sources[index] = Source(item.title, item.path, True, provider.slug if provider else "", None,
                                               item.published, item.excerpt, kind_of(item))
    return known


def _related_index(site: Site, keys: Callable[[], dict[str, int]], related: Related) -> int | None:
    """The item whose page a `related` entry's URL is: by the URL as written, else (of the item's story: `keys()`,
    its members' article keys) by any of its forms (its article key, worked out where the item was read); None for
    coverage the site does not have."""
    at = site.url_index.get(related.url)
    if at is None and related.article_key:
        at = keys().get(related.article_key)
    return at


def _outside(site: Site, related: Related) -> Source:
    """A `related` entry the site does not have, as "More coverage" lists it: as the entry gives it."""
    # its provider on this site, by who it is (its own slug may be another provider's: generator/site/slugs.py)
    slug, badge = related_provider(site, related)
    return Source(related.title, related.url, False, slug, badge, related.published, related.excerpt,
                  ARTICLE if related.type == "article" else Kind(related.type))


def _nearest(order: tuple[int, ...], index: int, skip: set[int]) -> tuple[int, ...]:
    """Up to MORE of `order` (ascending: newest first) nearest to `index` by their place in that list, leaving
    out `skip`, in order. By place in the list rather than index in the site, so that a story moving
    elsewhere in the site leaves the choice as it was (serve's replan relies on MORE_REACH)."""
    at, wide, near = bisect.bisect_left(order, index), MORE + len(skip), []
    for distance in range(wide + 1):  # outwards from `at`, the earlier place first at each distance
        for place in ((at,) if distance == 0 else (at - distance, at + distance)):
            if 0 <= place < len(order) and order[place] not in skip:
                near.append(place)
        if len(near) >= MORE:
            break
    return tuple(order[p] for p in sorted(near[:MORE]))


def _teaser(site: Site, index: int, shared: Shared) -> Teaser:
    known = shared.teasers.get(index)
    if known is None:
        item = site.items[index]
        provider = site.providers.get(item.provider.slug) if item.provider else None
        known = shared.teasers[index] = Teaser(item.title, item.path, item.published,
                                               provider.name if provider else "", kind_of(item), item.source)
    return known


def _index_pages(kind: str, words: Words, entries: list[Entry], values: Callable[[tuple[str, ...]], tuple],
                 shown_context: Callable[[tuple[str, ...]], dict], whole: Callable[[], dict]) -> list[Page]:
    """The topics or providers index (`kind`): one page with the `whole()` context for a site with few of them, else
    the most covered and an A to Z list over numbered pages (plan/directory.py). A page's `leading` and `listed`
    are `values(slugs)`: the slugs of topics, the Providers themselves (at the top of the context, as Dependents
    finds them); `shown_context(slugs)` adds what a page's template also reads of those it shows."""
    title, description, base = words.t(kind), words.t(f"{kind}_description"), f"{kind}/"
    found = directory(entries, words.language)
    if found is None:
        return [Page(base, f"{kind}.html", kind, "", title, description,
                     dict(whole(), leading=(), listed=(), sections=(), jumps=(), pagination=None))]
    pages = []
    for number, (listed, sections) in enumerate(found.pages, 1):
        leading = found.leading if number == 1 else ()
        pagination = Pagination(number, len(found.pages), base)
        shown_title = title if number == 1 else words.t("page_of_title", title=title, number=number,
                                                         total=pagination.total)
        pages.append(Page(pagination.url_for(number), f"{kind}.html", kind, "", shown_title, description,
                          dict(shown_context(leading + listed), leading=values(leading), listed=values(listed),
                               sections=sections, jumps=found.jumps, pagination=pagination)))
    return pages


def _newest(orders: Mapping[str, tuple[int, ...]], slug: str) -> int:
    """The index of the newest item of a topic's or provider's list (ascending: newest first), for ties."""
    order = orders.get(slug)
    return order[0] if order else 1 << 62


def _descendants(site: Site) -> dict[str, tuple[str, ...]]:
    """Each top-level topic -> every topic inside it, at any depth, in the order the topics index lists them
    (a flat list: a template that recursed through `children` stopped on topics chained thousands deep)."""
    children = lambda slug: site.topics[slug].children  # noqa: E731
    return {slug: tuple(topic_tree([slug], children)[0][1:]) for slug, topic in site.topics.items() if not topic.parent}


def page_count(count: int, size: int) -> int:
    """How many pages of `size` items a list of `count` fills: one at least (an empty list has its page)."""
    return max(1, -(-count // size))


def _paginate(site: Site, config: Config, kind: str, key: str, base: str, title: str, description: str,
              order: tuple[int, ...], extra: dict, earlier: Earlier | None, known: dict,
              words: Words = Words(), as_before: bool = False, moved: frozenset[int] = frozenset(),
              own: bool = False) -> list[Page]:
    size = config.items_per_page
    total = page_count(len(order), size)
    before = earlier.lists.get((kind, key), ()) if earlier else ()
    if len(before) != total:  # its pages say "page n of total": none is as it was
        before = ()
    pages = []
    for number in range(1, total + 1):
        chunk = order[(number - 1) * size : number * size]
        old = before[number - 1] if before else None
        if (as_before and old is not None and old.context.get("list_title") == title
                and old.description == description
                and _same_stories(old, chunk, moved)
                and all(old.context.get(name) is value for name, value in extra.items())):
            pages.append(old)  # (a Latest page after a score edit)
            continue
        items, covers, shown = _cards(site, chunk, known, own)
        if old is not None and old.context.get("list_title") == title:
            shown_title = old.title  # "page n of total" of the same list title, n and total (and words: one config)
        else:
            shown_title = title if number == 1 else words.t("page_of_title", title=title, number=number, total=total)
        if old is not None:
            if (old.title == shown_title and old.description == description and _same_stories(old, shown, moved)
                    and old.context.get("stories") == covers
                    and all(old.context.get(name) is value for name, value in extra.items())):
                pages.append(old)
                continue
        pagination = Pagination(number, total, base)
        context = dict(extra, items=items, stories=covers, pagination=pagination, list_title=title)
        pages.append(Page(pagination.url_for(number), "list.html", kind, key, shown_title, description, context,
                          shown))
    return pages


def _same_stories(old: Page, shown: tuple[int, ...], moved: frozenset[int]) -> bool:
    """Whether the last plan's `old` page showed these very items, at the same indices, their cards as they were
    (`moved`: the indices whose card may not be the last plan's, Earlier.changed)."""
    return old.items == shown and moved.isdisjoint(shown)
