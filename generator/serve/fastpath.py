"""serve's fast path: put one saved item file into the last plan, planning again only what it can change.

Most saves while editing a site change one item. Rather than reading, modelling, ranking and planning the
whole site again, `replan` brings the last plan's indexes up to date for the one item
(reindex.reindexed), ranks the site again when what ranking reads changed, and plans again what can
have changed: the front page, Latest, Top and Hot (cheap), the lists of the topics and providers whose
stories moved, the topics and providers indexes, the page of the edited story; then (`with_outputs`, which
serve runs once the pages an editor looks at are written) the pages of the stories that show, link to or
neighbour it (a story that only moved place keeps its page, its indices renumbered), feeds, the API and the
sitemaps (their entries of pages kept as they were are kept, and so are the feeds and API files of the
lists kept as they were). An edit of the words only is the same move, of length zero: the pages that show
the item are planned again and the rest are kept. What is planned again is made as a build makes it: when its
fingerprint is not the one of the file the output holds (serve/rebuild.py, pipeline.stale_outputs), and the
files the site no longer has are removed. A story added or deleted is the same with every story
after it moving one place.

None (serve runs the build) when the edit changes what the site holds (a story withdrawn, a page path
another story writes, or one that another story wanted too, the old addresses of `aliases`) or what every
page can show: a topic or provider that comes or goes, or is named otherwise (reindex.reindexed), or a story of
several items that forms, changes or goes (grouping.edited_stories: at once for an item added or deleted; for an edit
of what clustering reads, through the Patch's `check`, which serve runs after the saved page is shown).
Either way the output is the same bytes a full build makes (tests/test_patch.py, tests/test_replan.py).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from generator.plan.outputs import plan_outputs
from generator.plan.pages import (LIST_KINDS, MORE_REACH, Earlier, EarlierOutputs, FileOutput, Page, RenderedSite,
                                  Shared, Teaser, article_page, plan_pages)
from generator.plan.sitemap import planned_entries
from generator.site.grouping import Kept, edited_stories, restoried, story_settings
from generator.site.index import withheld_because
from generator.site.model import Item, Provider, Site
from generator.site.ranking import rank
from generator.site.reindex import reindexed, same_place


@dataclass(frozen=True)
class Patch:
    plan: RenderedSite  # the last plan with the edited items in (its outputs the last plan's until with_outputs)
    # The pages planned again (not the last plan's objects): those whose fingerprint is not the output's are made
    pages: tuple[Page, ...]
    # The same for feeds, API files and sitemaps: None until with_outputs plans them (serve does that after the
    # hand-over, serve/rebuild.py: the pages shown first do not read them)
    outputs: tuple[FileOutput, ...] | None = None
    reordered: bool = False  # lists show other stories now, or items moved: the Dependents are out of date
    gone: tuple[str, ...] = ()  # output files the patched plan no longer has (only pages' until with_outputs)
    # None, or: whether the stories the plan keeps are what clustering gives (grouping.edited_stories); when
    # it says no, the patch is void and the site is built (serve/rebuild.py asks after the first pages)
    check: Callable[[], bool] | None = None
    kept: frozenset = frozenset()  # (kind, slug) of the topics' and providers' lists planned as they were (Earlier)
    # (number in plan.pages, item index) of the other stories' pages to plan again: the last plan's pages stand in
    # for them until with_outputs plans them (after the hand-over: the reloaded pages show none of them)
    later: tuple[tuple[int, int], ...] = ()
    changed: frozenset = frozenset()  # the indices whose card, API record or story entry may differ (_changed)


class Dependents:
    """Which pages and files show each item of a plan (built once per plan, then kept for its patches).

    It reads Page.items and FileOutput.items, which the planners fill with every item an output
    shows (tests/test_patch.py checks that no page's context holds an item its `items` leave out).
    """

    def __init__(self, plan: RenderedSite):
        self.index = {item.source: n for n, item in enumerate(plan.model.site.items)}
        self.articles: dict[int, int] = {}  # item index -> its article page's index in plan.pages
        self.pages: dict[int, list[int]] = defaultdict(list)  # item index -> indices into plan.pages
        self.outputs: dict[int, list[int]] = defaultdict(list)  # item index -> indices into plan.outputs
        self.page_numbers = {page.output: n for n, page in enumerate(plan.pages)}  # output file -> its index
        self.output_numbers = {output.name: n for n, output in enumerate(plan.outputs)}
        self.providers: dict[str, list[int]] = defaultdict(list)  # provider slug -> pages holding its Provider
        self.lists: dict[tuple[str, str], list[int]] = defaultdict(list)  # (kind, key) of a list -> its pages
        for number, page in enumerate(plan.pages):
            if page.kind == "article":
                self.articles[page.items[0]] = number
            elif page.kind in LIST_KINDS:
                self.lists[page.kind, page.key].append(number)
            for index in set(page.items):
                self.pages[index].append(number)
            for value in page.context.values():  # planners put Providers and Teasers at the top of a context (tested)
                for entry in value if isinstance(value, tuple) else (value,):
                    if isinstance(entry, Provider):
                        self.providers[entry.slug].append(number)
                    elif isinstance(entry, Teaser):  # a story's page that names another story
                        self.pages[self.index[entry.source]].append(number)
        for number, output in enumerate(plan.outputs):
            for index in set(output.items):
                self.outputs[index].append(number)


def replan(plan: RenderedSite, dependents: Dependents, source: str, new: Item | None, *, drafts: bool,
           future: bool, words: dict | None = None, clustering: Kept | None = None) -> Patch | None:
    """The plan with the edited item `new` (of file `source`) in, or with that file's story added (a source the
    plan does not have) or deleted (`new` None); None if the site must be planned again. `words`: the
    items' words for stories (BuildCache.words); `clustering`: the last clustering (serve's Session.clustering)."""
    site = plan.model.site
    index = dependents.index.get(source)
    if (index is None and new is None) or (
            new is not None and withheld_because(new, plan.now, plan.config.zone, drafts, future)):
        return None
    old = site.items[index] if index is not None else None
    if _moves_old_addresses(plan, old, new):
        return None  # the site's old addresses and what they are in the way of are worked out anew
    if new is not None and (old is None or new.path != old.path) and any(item.path == new.path for item in site.items):
        return None  # two stories would write one page: the build gives one of them another
    if old is not None and (new is None or new.path != old.path) and any(w.path == source and w not in old.warnings
                                                                          for w in plan.warnings):
        return None  # it shared its page name with another story (slugs.separate_path_clashes): plan again
    moved = reindexed(site, index, new, plan.topic_defs, plan.config.language)
    if moved is None:
        return None
    new_site, position, low, high, to = moved
    new_site, check = edited_stories(site, new_site, old, new, story_settings(plan.config), words, clustering,
                                     position)
    if new_site is None:
        return None  # an edit formed, changed or ended a story: planned again, as a full build plans it
    stories = new_site.stories
    # An item added or deleted may change stories (clustered already): the items (new indices) whose story is
    # another now, or none, have their cards, pages and API records made again, as the lists that show them.
    restoried_at = frozenset()
    if old is None or new is None:
        restoried_at = frozenset(position[dependents.index[source]] if source in dependents.index else to
                                 for source in restoried(site, new_site)) - {-1}
    if old is not None and new is not None and low == high and _ranked_by(old) == _ranked_by(new):
        rankings = plan.rankings
    elif old is not None and new is not None and low == high and old.published == new.published:
        # every item's date is where it was, and so its age
        rankings = rank(new_site.items, now=plan.now, weights=plan.config.ranking, ages=plan.rankings.ages,
                        stories=stories)
    else:
        rankings = rank(new_site.items, now=plan.now, weights=plan.config.ranking, stories=stories)
    # A list's pages also hold the other items of the stories on its cards (pages._cards; a topic's list shows
    # a story's lead, which may be of other topics): a list showing a story one of whose items was edited or
    # moved is planned again, though its own items are as they were.
    shifted = {i for i in range(low, min(high, len(site.items) - 1) + 1) if i in site.story_of}

    # The lists of topics and providers none of whose stories moved and none of whose cards may differ (an item
    # alone counts its declared coverage the site does not have: a URL that came or went changes its card), as
    # they were (they cannot show the item).
    changed = _changed(site, new_site, position) | restoried_at
    kept = set()
    for kind, heads, orders, new_heads, new_orders in (
            ("topic", site.topics, site.topic_items, new_site.topics, new_site.topic_items),
            ("provider", site.providers, site.provider_items, new_site.providers, new_site.provider_items)):
        for slug, order in new_orders.items():
            if order is orders.get(slug) and new_heads[slug] is heads.get(slug) and not _holds(order, to) and not (
                    shifted and any(i in shifted for n in dependents.lists.get((kind, slug), ())
                                    for i in plan.pages[n].items)) and changed.isdisjoint(order):
                kept.add((kind, slug))
    # The stories' pages, in the new order; None for those to plan again: the edited story's, the pages that
    # show it or link to it, and the pages holding a restated Provider (and, below, whatever else can differ).
    first = dependents.articles[0] if site.items else 0  # plan_pages puts them together, in the items' order
    articles: list = [None] * len(new_site.items)
    for i, page in enumerate(plan.pages[first : first + len(site.items)]):
        if position[i] >= 0:
            articles[position[i]] = page
    was = articles.copy()
    again = {to}
    if index is not None:
        again.update(position[plan.pages[number].items[0]] for number in dependents.pages.get(index, ())
                     if plan.pages[number].kind == "article")
    for slug, provider in new_site.providers.items():
        if provider is not site.providers.get(slug):
            again.update(position[plan.pages[number].items[0]] for number in dependents.providers.get(slug, ())
                         if plan.pages[number].kind == "article")
    # Stories' pages name the stories next to them in their first topic and their provider
    # (pages.article_page): those within MORE_REACH of the edited story's old or new place in a list are
    # planned again (the ones that come out the same are not made).
    for kind, orders, new_orders in (("topic", site.topic_items, new_site.topic_items),
                                     ("provider", site.provider_items, new_site.provider_items)):
        for slug, new_order in new_orders.items():
            if (kind, slug) in kept:
                continue
            if index is not None:
                again.update(position[i] for i in _around(orders.get(slug, ()), index))
            if to >= 0:
                again.update(_around(new_order, to))
    urls = {old.original_url, old.web_url} if old else set()
    urls ^= {new.original_url, new.web_url} if new else set()
    if urls - {""}:  # stories listing its new URL as related coverage now link to its page (internal())
        again.update(k for k, item in enumerate(new_site.items) if any(r.url in urls for r in item.related))
    again.update(restoried_at)
    for k in again:
        if k >= 0:  # (-1: the deleted story's page)
            articles[k] = None
    # A page's context names no place in Site.items (Teaser), only its `items` do: the page of a story that only
    # moved place, or of one showing such a story, is the page as it was with its indices renumbered, when every
    # item it shows is the same Item at its new place (a deletion moves every story after it).
    for k, page in enumerate(articles):
        if page is not None:
            shown = tuple(position[i] for i in page.items)
            if shown != page.items:
                articles[k] = (dataclasses.replace(page, items=shown) if all(
                    j >= 0 and new_site.items[j] is site.items[i] for i, j in zip(page.items, shown)) else None)
    later = [k for k, page in enumerate(articles) if page is None and k != to and was[k] is not None]
    for k in later:
        articles[k] = was[k]
    # The lists' pages as they were, their `items` renumbered the same way (a deleted item's place is -1, which no
    # list shows): a page showing the same Items, none `changed`, is kept (pages._same_stories).
    renumber = any(position[i] != i for i in range(low, min(high, len(position) - 1) + 1))
    lists = {region: [_renumbered(plan.pages[number], position) if renumber else plan.pages[number]
                      for number in numbers] for region, numbers in dependents.lists.items()}
    pages = plan_pages(new_site, rankings, plan.config, Earlier(lists, frozenset(kept), articles, changed))

    render, names = [], set()
    for page in pages:
        names.add(page.output)
        number = dependents.page_numbers.get(page.output)
        if number is None or plan.pages[number] is not page:
            render.append(page)
    gone = tuple(name for name in dependents.page_numbers if name not in names)
    start = next((n for n, page in enumerate(pages) if page.kind == "article"), 0)
    model = dataclasses.replace(plan.model, site=new_site)
    replanned = dataclasses.replace(plan, model=model, rankings=rankings, pages=tuple(pages))
    # Only its words changed: every page shows the items it showed, at the same indices (Dependents hold)
    words_only = old is not None and new is not None and same_place(old, new) and rankings is plan.rankings
    # The API files compare their items by index (api._kept): an index whose item moved is changed for them.
    moved_to = frozenset(j for i, j in enumerate(position[low : high + 1], low) if 0 <= j != i)
    return Patch(replanned, tuple(render), reordered=not words_only, gone=gone, check=check, kept=frozenset(kept),
                 changed=changed | moved_to, later=tuple((start + k, k) for k in later))


def with_outputs(last: RenderedSite, dependents: Dependents, patch: Patch) -> Patch:
    """`patch` (replan's, of the plan `last`) with the other stories' pages it left for later (Patch.later), its
    feeds, API files and sitemaps planned (Patch.pages and Patch.outputs: those planned again); those the plan no
    longer has are gone. The feeds and API files of the lists replan kept are the last plan's objects."""
    plan = patch.plan
    site, new_site = last.model.site, plan.model.site
    if patch.later:
        pages, render, shared = list(plan.pages), list(patch.pages), Shared()
        for number, index in patch.later:
            render.append(article_page(new_site, index, shared))
            pages[number] = render[-1]
        plan = dataclasses.replace(plan, pages=tuple(pages))
        patch = dataclasses.replace(patch, plan=plan, pages=tuple(render), later=())
    earlier = EarlierOutputs({output.name: output for output in last.outputs}, patch.kept,
                             new_site.stories is site.stories or new_site.stories == site.stories, patch.changed)
    outputs = plan_outputs(new_site, plan.rankings, plan.pages, plan.config, plan.now,
                           planned_entries(last.pages, last.outputs), earlier, plan.copies)
    made, names = [], set()
    for output in outputs:
        names.add(output.name)
        number = dependents.output_numbers.get(output.name)
        if number is None or last.outputs[number] is not output:
            made.append(output)
    gone = patch.gone + tuple(name for name in dependents.output_numbers if name not in names)
    return dataclasses.replace(patch, plan=dataclasses.replace(plan, outputs=tuple(outputs)), outputs=tuple(made),
                               gone=gone)


def _moves_old_addresses(plan: RenderedSite, old: Item | None, new: Item | None) -> bool:
    """Whether an edit may change which old addresses have a redirect page, or what their problems are: the item's
    `aliases` edited, or, on a site with old addresses, a page that comes, goes or moves (it may free or take
    one). A redirect page's title (the item's) the plan's outputs make again, as every file's."""
    if (old.aliases if old else ()) != (new.aliases if new else ()):
        return True
    if old is not None and new is not None and old.path == new.path:
        return False
    return bool(plan.config.redirects) or any(item.aliases for item in plan.model.site.items)


def _changed(site: Site, new_site: Site, position: list[int]) -> frozenset[int]:
    """The indices of `new_site` whose card, API record or story entry may not be what the same item's was in
    `site` at its last place (`position`: its index there -> here, -1 for an item deleted; Earlier.changed): the
    items that are not the ones that were at their last place and, when a URL came or went, the items that name it
    as related coverage (a story lists the URLs the site does not have), with every member of their stories,
    before and after (a card shows its story, a record names its story's other items). Any other item is the
    very Item it was, in a story of the very Items it was in: its card is as it was, wherever it moved."""
    items, before = new_site.items, site.items
    was = [-1] * len(items)  # new index -> old
    for i, j in enumerate(position):
        if j >= 0:
            was[j] = i
    seeds = {k for k, i in enumerate(was) if i < 0 or before[i] is not items[k]}
    left = [i for i, j in enumerate(position) if j < 0 or items[j] is not before[i]]  # (old indices)
    if new_site.url_index is not site.url_index:
        urls = ({url for i in left for url in (before[i].original_url, before[i].web_url)}
                ^ {url for k in seeds for url in (items[k].original_url, items[k].web_url)}) - {""}
        if urls:
            seeds.update(k for k, item in enumerate(items) if any(r.url in urls for r in item.related))
    changed = set(seeds)
    for number in {site.story_of[i] for i in left if i in site.story_of}:  # (a story once, however large)
        changed.update(position[i] for i in site.stories[number].members)
    for number in {new_site.story_of[k] for k in seeds if k in new_site.story_of}:
        changed.update(new_site.stories[number].members)
    changed.discard(-1)
    return frozenset(changed)


def _renumbered(page: Page, position: list[int]) -> Page:
    """`page` with its `items` at their new places (`position`: old index -> new, -1 for an item deleted)."""
    shown = tuple(position[i] for i in page.items)
    return page if shown == page.items else dataclasses.replace(page, items=shown)


def _ranked_by(item: Item) -> tuple:
    """What ranking.rank reads of an item."""
    return item.heat, item.quality, item.published


def _holds(order: tuple[int, ...], index: int) -> bool:
    """Whether an ascending tuple of indices holds `index`."""
    at = bisect.bisect_left(order, index)
    return at < len(order) and order[at] == index


def _around(order: tuple[int, ...], index: int) -> tuple[int, ...]:
    """The stories of `order` (ascending) within MORE_REACH places of `index`, if it is in the list."""
    at = bisect.bisect_left(order, index)
    if at == len(order) or order[at] != index:
        return ()
    return order[max(0, at - MORE_REACH) : at + MORE_REACH + 1]


def held_in(value, kind: type, found: list) -> list:
    """Every `kind` (Item, Provider) held anywhere in a page's context (for the tests of Dependents' premises)."""
    if isinstance(value, kind):
        found.append(value)
    elif isinstance(value, dict):
        for entry in value.values():
            held_in(entry, kind, found)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            held_in(entry, kind, found)
    return found
