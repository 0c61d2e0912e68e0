"""One item edited (serve): the site's indexes brought up to date without indexing every item again
(reindexed), or None when the edit changes what is site-wide and the site must be indexed anew; and
whether an edit changed the item's words alone (same_place)."""

from __future__ import annotations

import bisect
import dataclasses
from dataclasses import fields
from types import MappingProxyType
from typing import Mapping, NamedTuple

from generator.site.identities import definition, provider_identity, topic_identity
from generator.site.index import (in_provider_order, latest_order, main_topics, provider_average, provider_name,
                                  url_index_of)
from generator.site.model import Item, Site, Topic
from generator.site.types import list_key, type_lists
from generator.typography import typeset


# What an edit may change in an item and leave the site's shape as it was: none of these decide an
# item's page, its place in any order, its topics or provider, or anything the site shows of others.
# (Not `type`: it puts the item in a type's list, site/types.py.)
TEXT_FIELDS = frozenset({"digest", "title", "excerpt", "author", "amp_url", "cdn_amp_url", "images", "body",
                         "featured_html", "video_url", "embed", "price", "price_amount", "price_currency", "length",
                         "length_seconds", "size", "size_bytes", "category",
                         "extra", "warnings", "media_file", "media_kind"})


def same_place(old: Item, new: Item) -> bool:
    """Whether `new` differs from `old` only in its words (TEXT_FIELDS): every page shows it where it did."""
    return all(getattr(old, f.name) == getattr(new, f.name) for f in fields(Item) if f.name not in TEXT_FIELDS)


class Reindexed(NamedTuple):
    site: Site
    position: list[int]  # old index -> new index (-1: the item deleted)
    low: int  # old and new indices from low to high (both included; past the end of one list in places) are
    high: int  # those of the items that moved, and of the edited one
    to: int  # the edited (or added) item's new index; -1 when it was deleted


def reindexed(site: Site, index: int | None, new: Item | None, topic_defs: dict, language: str = ""
              ) -> Reindexed | None:
    """`site` with site.items[index] replaced by `new` (the same file, edited) and put in its place in the
    latest order, every index as `index.build_site` would make it. `index` None: `new` is added; `new` None: the
    item is deleted. `language`: the site's, which its type lists' addresses are written in.

    None when the edit changes what is site-wide, which every page can show (generator/build/fingerprints.py
    site_keys): a topic that appears or goes, a topic's name as items write it, a provider that
    appears or goes or is named by another of its items (or whose slug another's is like: see
    slugs.py; so for topics), a type list (site/types.py) that appears,
    goes or is titled otherwise. The caller checks that `new` is still published and writes a page no
    other item writes.
    """
    old = site.items[index] if index is not None else None
    for edited in (old, new):
        identity = provider_identity(edited.provider) if edited and edited.provider else None
        if identity and (site.provider_slugs.get(identity) != edited.provider.slug or identity in site.alike_providers):
            return None  # a new provider, or one whose slug another's is like (the build's warning names its items)
        for slug, name in zip(edited.topics, edited.topic_names) if edited else ():
            found = definition(name, topic_defs)
            key = found[0] if found else topic_identity(name)
            if key in site.alike_topics or not (found or site.topic_slugs.get(key) == slug):
                return None  # a new topic, or one whose slug another's is like (or moves: slugs.distinct_topics)
    items = list(site.items)
    if index is not None:
        del items[index]
    to = -1
    if new is not None:
        to = bisect.bisect_left(items, latest_order(new), key=latest_order)
        items.insert(to, new)
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
        position[low : high + 1] = (list(range(low + 1, high + 1)) + [to] if to < index
                                    else [to] + list(range(low, high)))
    lists = _type_lists(site, items, old, new, index, to, position, low, high, language)
    if lists is None:
        return None  # a link more or less, or another name, in every page's header
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
        if not written or typeset(min(written)[1], language) != site.topics[slug].name:
            # the topic goes (a child's stories alone do not keep it), or is named as another item writes it
            return None
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
        providers = in_provider_order(providers, language)
    url_index = site.url_index
    if old is None or new is None or low != high or (old.original_url, old.web_url) != (new.original_url, new.web_url):
        url_index = url_index_of(items)
    site = Site(
        items=tuple(items),
        topics=site.topics,
        providers=MappingProxyType(providers) if restated else site.providers,
        topic_items=MappingProxyType(topic_items),
        provider_items=MappingProxyType(provider_items),
        url_index=url_index,
        type_lists=lists,
        provider_slugs=site.provider_slugs,
        alike_providers=site.alike_providers,
        topic_slugs=site.topic_slugs,
        alike_topics=site.alike_topics,
    )
    return Reindexed(site, position, low, high, to)


def _type_lists(site: Site, items: list[Item], old: Item | None, new: Item | None, index: int | None, to: int,
               position: list[int], low: int, high: int, language: str):
    """The site's type lists after the edit, or None when one appears, goes or is titled otherwise. Worked out
    from every item only when the edited item's type did change and is in a list (before or after)."""
    was, now = list_key(old.type if old else "article", language), list_key(new.type if new else "article", language)
    if (was == now == "") or (old is not None and new is not None and old.type == new.type):
        return tuple((listed, _moved(order, index, to, position, low, high, listed.key == was, listed.key == now))
                     for listed, order in site.type_lists)
    found = type_lists(tuple(items), language)
    if [listed for listed, _ in found] != [listed for listed, _ in site.type_lists]:
        return None
    return found


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
