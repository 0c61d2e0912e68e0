"""The fast path of a rebuild: put edited items into the last plan when the edit leaves its shape alone.

Most saves while editing a site change an item's words, not its place: its title,
excerpt, body, pictures (model.TEXT_FIELDS). Such an edit leaves every page, order,
topic and provider of the site as it was, so the last plan (pages.RenderedSite) is
still right except for the pages and files that show the edited item. `patch_plan`
swaps the new Items in and names those outputs; the build renders only them,
without reading, modelling, ranking and planning 10,000 items again.

Anything else (an item added, deleted, redated, rescored, moved to another topic or
provider, an item that no longer reads, a template, config or data edit) is not a
patch: `patch_plan` returns None and the build takes its normal incremental path.
Either way the output is the same bytes a full build makes (tests/test_patch.py).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from generator.model import Item, same_place
from generator.pages import FileOutput, Page, RenderedSite, article_page


@dataclass(frozen=True)
class Patch:
    plan: RenderedSite  # the last plan with the edited items in
    pages: tuple[Page, ...]  # the pages that show an edited item (to render again)
    outputs: tuple[FileOutput, ...]  # the same for feeds, API files, the news sitemap


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
        for number, page in enumerate(plan.pages):
            if page.kind == "article":
                self.articles[page.items[0]] = number
            for index in set(page.items):
                self.pages[index].append(number)
        for number, output in enumerate(plan.outputs):
            for index in set(output.items):
                self.outputs[index].append(number)


def patch_plan(plan: RenderedSite, dependents: Dependents, edits: dict[str, Item]) -> Patch | None:
    """The plan with these edited items (source -> new Item) in, or None if an edit changes the site's shape."""
    items = list(plan.model.site.items)
    swaps: dict[int, Item] = {}  # id of the old Item -> the new one
    page_numbers: set[int] = set()
    output_numbers: set[int] = set()
    for source, new in edits.items():
        index = dependents.index.get(source)
        if index is None or not same_place(items[index], new):
            return None
        swaps[id(items[index])] = new
        items[index] = new
        page_numbers.update(dependents.pages.get(index, ()))
        output_numbers.update(dependents.outputs.get(index, ()))
    site = dataclasses.replace(plan.model.site, items=tuple(items))
    pages = list(plan.pages)
    articles = {number: index for index, number in dependents.articles.items()}
    for number in page_numbers:
        if number in articles:  # its title and description are the item's too: plan it again
            pages[number] = article_page(site, articles[number])
        else:
            pages[number] = dataclasses.replace(pages[number], context=_swap(pages[number].context, swaps))
    model = dataclasses.replace(plan.model, site=site)
    patched = dataclasses.replace(plan, model=model, pages=tuple(pages))
    return Patch(patched, tuple(pages[n] for n in sorted(page_numbers)),
                 tuple(plan.outputs[n] for n in sorted(output_numbers)))


def items_in(value, found: list) -> list:
    """Every Item held anywhere in a page's context (for the test of Dependents' premise)."""
    if isinstance(value, Item):
        found.append(value)
    elif isinstance(value, dict):
        for entry in value.values():
            items_in(entry, found)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            items_in(entry, found)
    return found


def _swap(value, swaps: dict[int, Item]):
    """A copy of a page's context with the edited Items in place of the old ones."""
    if isinstance(value, Item):
        return swaps.get(id(value), value)
    if isinstance(value, dict):
        return {key: _swap(entry, swaps) for key, entry in value.items()}
    if isinstance(value, list):
        return [_swap(entry, swaps) for entry in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_swap(entry, swaps) for entry in value)
    return value
