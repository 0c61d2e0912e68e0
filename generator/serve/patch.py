"""The fast path of a rebuild: put edited items into the last plan when the edit leaves the site's shape alone.

Most saves while editing a site change an item's words, not its place: its title,
excerpt, body, pictures (model.TEXT_FIELDS). Such an edit leaves every page, order,
topic and provider of the site as it was, so the last plan (pages.RenderedSite) is
still right except for the pages and files that show the edited item. `patch_plan`
swaps the new Items in and names those outputs; the build renders only them,
without reading, modelling, ranking and planning the whole site again.

A score edit (heat, quality: model.SCORE_FIELDS) also moves the item, and the items
whose percentiles it shifts, in the front page, Top, Hot and the Top feed, and
nowhere else (Latest, topics, providers and the API go by date; the sitemap gives the
ranked lists no date). So the site is ranked again (one pass, no reading) and only
those lists are planned again; of them, the pages and files whose stories changed are
made. A quality edit can also move its provider's average quality, which the
provider's card shows: then the pages holding that Provider (its list pages, the
providers index, its stories' pages) are made again too. Not patched here: a score edit
that takes an item over or under `min_heat` (Top and Hot gain or lose a page).

Anything else is not a patch of this kind: `patch_plan` returns None. An edit that moves
one item elsewhere (redated, other topics or provider, new URLs; over or under min_heat)
is then planned again from the last plan by generator/serve/replan.py; what is left (an item
added, deleted or no longer readable, several moves at once, a template, config or data
edit) takes the build's normal incremental path. Either way the output is the same bytes
a full build makes (tests/test_patch.py, tests/test_replan.py).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType

from generator.build.fingerprints import same_page
from generator.plan.feeds import ranked_feed_outputs
from generator.plan.pages import LIST_KINDS, FileOutput, Page, RenderedSite, Teaser, article_page, ranked_pages
from generator.site.model import SCORE_FIELDS, TEXT_FIELDS, Item, Provider, Site, provider_average, same_place
from generator.site.ranking import rank


@dataclass(frozen=True)
class Patch:
    plan: RenderedSite  # the last plan with the edited items in
    pages: tuple[Page, ...]  # the pages that show an edited item (to render again)
    outputs: tuple[FileOutput, ...]  # the same for feeds, API files, the news sitemap
    reordered: bool = False  # lists show other stories now, or items moved: the Dependents are out of date
    gone: tuple[str, ...] = ()  # output files the patched plan no longer has (generator/serve/replan.py)


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


def patch_plan(plan: RenderedSite, dependents: Dependents, edits: dict[str, Item]) -> Patch | None:
    """The plan with these edited items (source -> new Item) in, or None if an edit changes the site's shape."""
    items = list(plan.model.site.items)
    swaps: dict[int, Item | Provider] = {}  # id of the old Item (or Provider) -> the new one
    page_numbers: set[int] = set()
    output_numbers: set[int] = set()
    reordered = False
    min_heat = plan.config.ranking.min_heat
    for source, new in edits.items():
        index = dependents.index.get(source)
        if index is None:
            return None
        old = items[index]
        if not same_place(old, new):
            if not same_place(old, new, TEXT_FIELDS | SCORE_FIELDS) or (old.heat >= min_heat) != (new.heat >= min_heat):
                return None
            reordered = True
        swaps[id(old)] = new
        items[index] = new
        page_numbers.update(dependents.pages.get(index, ()))
        output_numbers.update(dependents.outputs.get(index, ()))
    site = dataclasses.replace(plan.model.site, items=tuple(items))
    pages, outputs = list(plan.pages), list(plan.outputs)
    rankings = plan.rankings
    if reordered:
        restated = _restated_providers(site, edits.values())
        if restated:
            for slug, provider in restated.items():
                swaps[id(site.providers[slug])] = provider
                page_numbers.update(dependents.providers.get(slug, ()))
            providers = {slug: restated.get(slug, provider) for slug, provider in site.providers.items()}
            site = dataclasses.replace(site, providers=MappingProxyType(providers))
        # Only text and scores changed (same_place): every item's date is where it was, and so its age.
        rankings = rank(site.items, now=plan.now, weights=plan.config.ranking, ages=plan.rankings.ages)
        replanned = _replan_ranked(site, rankings, plan, dependents, pages, outputs)
        page_numbers -= replanned[0]  # planned again with the new items: nothing to swap in
        output_numbers.update(replanned[1])
    articles = {number: index for index, number in dependents.articles.items()}
    same: set[int] = set()
    for number in page_numbers:
        if number in articles:  # its title and description are the item's too: plan it again
            page = article_page(site, articles[number])
            if same_page(pages[number], page, plan.model.site, site, {}):
                same.add(number)  # it names an edited story whose name, date and path stayed as they were
            pages[number] = page
        else:
            pages[number] = dataclasses.replace(pages[number], context=_swap(pages[number].context, swaps))
    page_numbers -= same
    if reordered:
        page_numbers.update(replanned[0])
    model = dataclasses.replace(plan.model, site=site)
    patched = dataclasses.replace(plan, model=model, rankings=rankings, pages=tuple(pages), outputs=tuple(outputs))
    return Patch(patched, tuple(pages[n] for n in sorted(page_numbers)),
                 tuple(outputs[n] for n in sorted(output_numbers)), reordered)


def _restated_providers(site: Site, edited) -> dict[str, Provider]:
    """The providers of edited items whose average quality (on their card) the edits moved, restated."""
    restated = {}
    for slug in {item.provider.slug for item in edited if item.provider}:
        indices, provider = site.provider_items.get(slug, ()), site.providers.get(slug)
        if provider is None or not indices:
            continue
        average = provider_average(site.items, indices)
        if average != provider.avg_quality:
            restated[slug] = dataclasses.replace(provider, avg_quality=average)
    return restated


def _replan_ranked(site: Site, rankings, plan: RenderedSite, dependents: Dependents, pages: list[Page],
                   outputs: list[FileOutput]) -> tuple[set[int], set[int]]:
    """Plan the front page, Top, Hot and the Top feed again into `pages` and `outputs`; return the
    numbers of the pages and outputs whose stories changed."""
    changed_pages: set[int] = set()
    for page in ranked_pages(site, rankings, plan.config):
        number = dependents.page_numbers[page.output]
        if pages[number].items != page.items:
            pages[number] = page
            changed_pages.add(number)
    changed_outputs: set[int] = set()
    for output in ranked_feed_outputs(rankings, plan.config) if plan.config.feeds else []:
        number = dependents.output_numbers[output.name]
        if (outputs[number].items, outputs[number].key) != (output.items, output.key):
            outputs[number] = output
            changed_outputs.add(number)
    return changed_pages, changed_outputs


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


def _swap(value, swaps: dict[int, Item | Provider]):
    """A copy of a page's context with the edited Items (and restated Providers) in place of the old ones."""
    if isinstance(value, (Item, Provider)):
        return swaps.get(id(value), value)
    if isinstance(value, dict):
        return {key: _swap(entry, swaps) for key, entry in value.items()}
    if isinstance(value, list):
        return [_swap(entry, swaps) for entry in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_swap(entry, swaps) for entry in value)
    return value
