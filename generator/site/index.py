"""Items -> Site (build_site): the items a build publishes (not the withheld: drafts, future ones), their
slugs made distinct (slugs.py), in the latest order, and the site's indexes: its topics (a tree, each with
its descendants' items), its providers (with facts from their records), and items by URL. Also what an
item names of the site's own pictures that the built site lacks (missing_pictures), and the topics of config.yaml
whose parent is no declared topic (unknown_parents)."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import Mapping

from generator.config.lines import entry_line
from generator.config.values import Config, ProviderConfig
from generator.errors import Problem
from generator.site.content import key_lines
from generator.site.identities import (as_declared, declared_key, declared_provider, definition, identity_of,
                                       provider_aliases, provider_identity, wrong_parent)
from generator.site.keys import PICTURE_KEYS, words_of
from generator.site.model import Image, Item, ModelResult, Provider, ProviderRef, Site, Topic
from generator.site.slugs import distinct_providers, distinct_topics, separate_path_clashes
from generator.site.text import a_to_z
from generator.site.types import type_lists
from generator.hosts import ascii_host
from generator.typography import typeset
from generator.urls import safe_url, slugify


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

    `topic_defs` comes from `identities.topic_definitions` (config.yaml wins over data_dir records);
    `extra_providers` are data_dir provider records, under config.yaml's.
    """
    problems: list[Problem] = []
    warnings: list[Problem] = []
    withheld: list[tuple[str, str]] = []
    kept: list[Item] = []
    for item in items:
        warnings.extend(item.warnings)
        reason = withheld_because(item, now, config.zone, drafts, future)
        if reason:
            withheld.append((item.source, reason))
        else:
            kept.append(item)
    kept = separate_path_clashes(kept, config.root, problems, warnings)
    kept = named_otherwise(kept, provider_aliases(extra_providers + config.providers), config.language)
    kept, provider_slugs, alike = distinct_providers(kept, config.root, warnings)
    kept, topic_slugs, alike_topics = distinct_topics(kept, topic_defs, config.root, warnings)
    kept.sort(key=latest_order)
    topic_names: dict[str, str] = {}  # slug -> name as first written, for topics config does not define
    for item in sorted(kept, key=lambda i: i.source):
        for name, slug in zip(item.topic_names, item.topics):
            topic_names.setdefault(slug, name)
    warnings.extend(unknown_parents(config, topic_defs))
    site = _index(tuple(kept), topic_defs, topic_names, extra_providers + config.providers, provider_slugs, alike,
                  topic_slugs, alike_topics, config.language)
    return ModelResult(site, tuple(problems), tuple(warnings), tuple(withheld))


def named_otherwise(items: list[Item], aliases: dict, language: str = "") -> list[Item]:
    """The items with their providers, and their related coverage's, as the site declares them when they name a
    declared provider by another of its names or addresses (identities.as_declared): one provider, one page.
    Only the items that do so are new objects."""
    if not aliases:
        return items
    found = []
    for item in items:
        provider = as_declared(item.provider, aliases, language)
        related = tuple(entry if declared is entry.provider else dataclasses.replace(entry, provider=declared)
                        for entry in item.related for declared in [as_declared(entry.provider, aliases, language)])
        if provider is not item.provider or any(new is not old for new, old in zip(related, item.related)):
            item = dataclasses.replace(item, provider=provider, related=related)
        found.append(item)
    return found


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
        if not keys:
            continue
        # (the key the file writes its pictures by: `image:` as Jekyll's posts, `featured_image:` as WordPress's)
        written = ["images", "image", *(key for key in item.extra if isinstance(key, str)
                                        and words_of(key) in PICTURE_KEYS)]
        lines = key_lines(root, item.source, {key for key, _ in keys} | set(written))
        given = next((key for key in written if key in lines), "images")
        warnings += [Problem(item.source, lines.get(given if key == "images" else key),
                             f"`{given if key == 'images' else key}`: no file {url} in the site, so the picture "
                             "shows broken", f"put the picture at {url}, or correct its `url`") for key, url in keys]
    return warnings


def withheld_because(item: Item, now: datetime, zone: tzinfo, drafts: bool = False, future: bool = False) -> str:
    """Why the build leaves the item out (a draft, a date after the build time), or "" if it publishes it. The
    date in the site's `zone`, as its author most likely wrote it."""
    if not item.is_published and not drafts:
        return "published: false"
    if item.published > now and not future:
        return f"dated in the future ({item.published.astimezone(zone).isoformat()})"
    return ""


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


def unknown_parents(config: Config, topic_defs: dict) -> list[Problem]:
    """A warning for each topic of config.yaml whose `parent` names no declared topic (of config.yaml or data_dir),
    or itself (identities.wrong_parent): a typo there (`parent: Sciense`) silently put the topic at the top of the
    tree. Under `undeclared_topics: allow` a topic only items name may be a parent, and is not warned of. (A
    data_dir record's: records.load_records.)"""
    problems = []
    for index, topic in enumerate(config.topics):
        wrong = wrong_parent(topic, topic_defs, config.undeclared_topics == "allow")
        if wrong:
            problems.append(Problem(config.path, entry_line(config.root / config.path, "topics", index, "parent"),
                                    *wrong))
    return problems


def _topic_slug(name: str, topic_defs: dict, language: str) -> str:
    """A topic's plain slug: a declared topic's own, else made from the name (slugs.distinct_topics may move it)."""
    found = definition(name, topic_defs)
    return found[0] if found else slugify(name, language=language)


def _index(items: tuple[Item, ...], topic_defs: dict, topic_names: dict[str, str],
           provider_defs: tuple[ProviderConfig, ...], provider_slugs: dict[str, str],
           alike_providers: frozenset[str], topic_slugs: dict[str, str], alike_topics: frozenset[str],
           language: str) -> Site:
    # Topics: every defined topic plus every topic an item names, parents before children.
    topics: dict[str, dict] = {}
    for slug, topic in sorted({v[0]: v[1] for v in topic_defs.values()}.items(), key=lambda kv: kv[0]):
        topics[slug] = {"name": topic.name, "parent": topic.parent, "description": topic.description,
                        "shortname": topic.shortname}
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
            parent_slug = _topic_slug(parent, topic_defs, language)
            info["parent"] = parent_slug if parent_slug in topics and parent_slug != slug else ""
    children: dict[str, list[str]] = defaultdict(list)
    for slug, info in topics.items():
        if info["parent"]:
            children[info["parent"]].append(slug)
    names = sorted(topics, key=lambda slug: (a_to_z(topics[slug]["name"], language), topics[slug]["name"]))
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
    # (names and descriptions as they are shown: a French site's typeset as its titles are, typography.py; what
    # they are found by, slugs and identities, was read from them as written)
    topic_objects = {
        slug: Topic(slug, typeset(topics[slug]["name"], language),
                    topics[slug]["parent"] if topics[slug]["parent"] in kept else "",
                    typeset(topics[slug]["description"], language),
                    tuple(sorted(child for child in children[slug] if child in kept)),
                    depth[slug], typeset(topics[slug].get("shortname", ""), language))
        for slug in names if slug in kept
    }
    topic_items = {slug: tuple(sorted(gathered[slug])) for slug in topic_objects}

    # Providers: from the items, with facts from config/data records.
    # (a record is a provider's by its domain, as an item writes it: not by a slug that may be another's too)
    # (an account's record, on a host many share, is that account's: not the host's nor another account's)
    defs = {}
    for record in map(declared_provider, provider_defs):
        domain, account = declared_key(record)
        if account or domain:
            defs[identity_of(account or domain)] = record
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
            slug, typeset(extra.name, language) if extra and extra.name else provider_name(items, indices), ref.domain,
            _logos(extra, ref), typeset(extra.description, language) if extra else "", len(indices),
            provider_average(items, indices), main_topics(items, indices))
    return Site(
        items=items,
        topics=MappingProxyType(topic_objects),
        providers=MappingProxyType(in_provider_order(providers, language)),
        topic_items=MappingProxyType(topic_items),
        provider_items=MappingProxyType({k: tuple(v) for k, v in provider_items.items()}),
        url_index=url_index_of(items),
        type_lists=type_lists(items, language),
        provider_slugs=MappingProxyType(provider_slugs),
        alike_providers=alike_providers,
        topic_slugs=MappingProxyType(topic_slugs),
        alike_topics=alike_topics,
    )


def provider_name(items, indices) -> str:
    """The name a provider's pages show (but for its `providers:` record's): the one most of its items give it,
    of those as many give, the newest item's. Not the newest item's alone: a crawler that misspelled it once
    renamed the provider on every page until the next item came. The domain that names the provider of an item
    that gives no name (nested_fields.provider_field) is no name given: it is shown when no item gives one."""
    counts: Counter = Counter()
    newest: dict[str, int] = {}
    bare: set[str] = set()
    for index in indices:  # (newest first)
        provider = items[index].provider
        counts[provider.name] += 1
        newest.setdefault(provider.name, index)
        if provider.name == ascii_host(provider.domain):
            bare.add(provider.name)
    given = [name for name in counts if name not in bare] or counts
    return min(given, key=lambda name: (-counts[name], newest[name]))


def in_provider_order(providers: dict[str, Provider], language: str = "") -> dict[str, Provider]:
    """Providers as the site lists them: most stories first, then by name in A to Z as the site's `language` orders it
    (as topics are)."""
    return dict(sorted(providers.items(), key=lambda kv: (-kv[1].count, a_to_z(kv[1].name, language), kv[1].name,
                                                          kv[0])))


def url_index_of(items) -> Mapping[str, int]:
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
