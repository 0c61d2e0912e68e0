"""The note on pages the last build (or the published branch) had and this one has not: links to them now find
the 404 page. It names them as a reader types them (base_url and the page's path) and says, of an item's page,
whether the item moved to another address (its old one can be kept) or was removed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.errors import printable
from generator.site.model import Item

_TOPIC = re.compile(r"topics/[^/]+/index\.html")


@dataclass(frozen=True)
class Had:
    """Of an item whose page a build wrote, what `moves` reads to find it again: the build cache keeps these in a
    small file of their own (cache.pages_had), so that deploy reads them and not every item whole."""
    path: str
    source: str
    digest: str
    web_url: str
    original_url: str
    topics: tuple[str, ...]


def had_of(item: Item) -> tuple:
    """The fields of `item`'s Had, as the build cache keeps them (plain data: any newsdesk reads them)."""
    return item.path, item.source, item.digest, item.web_url, item.original_url, item.topics


def item_pages(items: Iterable) -> dict[str, object]:
    """The page (an output name, `news/.../index.html`) of each of `items` (Items or Hads; a cache's Problems are
    passed over): what a build knew of the last one's pages before it built."""
    return {item.path + "index.html": item for item in items if isinstance(item, (Item, Had))}


def moves(gone: Iterable[str], before: Iterable, now: Iterable) -> dict[str, str | None]:
    """Of the `gone` pages whose item `before` knows, where that item's page is now (an output name), or None when
    no published item is it: the same file, the same bytes under another name (a renamed file), or the only item
    with its link (`webUrl`, `originalUrl`). A topic's page is None too when none of the items `before` had in
    that topic is published now (its stories went with them), and the page of another topic when every one of
    them that is published is in that topic now and was not before (the topic renamed, or its items moved into
    another). Other pages (an item's when the cache was gone, a topic's whose items went different ways) are left
    out. `before`: the cache's values before the build, or its Hads (item_pages makes their pages): looked
    through only when a page is gone, as is `now`."""
    gone = tuple(gone)
    if not gone:
        return {}
    had = tuple(before)
    before = item_pages(had)  # (the last of those with one page: the cache's Hads are in order, the newest last)
    now = tuple(now)
    by_source = {item.source: item for item in now}
    by_digest = {item.digest: item for item in now}
    by_link: dict[str, set] = {}
    for item in now:
        for link in {item.web_url, item.original_url} - {""}:
            by_link.setdefault(link, set()).add(item.source)

    def now_of(old):
        same = by_source.get(old.source) or by_digest.get(old.digest)
        linked = {source for link in {old.web_url, old.original_url} - {""} for source in by_link.get(link, ())}
        return by_source[linked.pop()] if same is None and len(linked) == 1 else same

    found: dict[str, str | None] = {}
    members: dict[str, list] | None = None  # (each topic's items before, gathered once a topic's page is gone)
    for page in gone:
        old = before.get(page)
        if old is not None:
            same = now_of(old)
            found[page] = same.path + "index.html" if same is not None else None
        elif _TOPIC.fullmatch(page):
            if members is None:
                members = {}
                for item in had:  # (the cache's Hads: an item's page in each of the topics it was in)
                    if not isinstance(item, (Item, Had)):
                        continue
                    for slug in item.topics:
                        members.setdefault(slug, []).append(item)
            now_had = [(item, now_of(item)) for item in members.get(page.split("/")[1], ())]
            published = [(old, new) for old, new in now_had if new is not None]
            if now_had and not published:
                found[page] = None
            elif published:
                joined = set.intersection(*(set(new.topics) - set(old.topics) for old, new in published))
                if len(joined) == 1:
                    found[page] = f"topics/{joined.pop()}/index.html"
    return found


def _address(base_url: str, page: str) -> str:
    return base_url.rstrip("/") + _path(page)


def _path(page: str) -> str:
    return "/" + (page[:-len("index.html")] if page.endswith("index.html") else page)


def _listed(names: list[str], shown: int) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def gone_note(where: str, had: str, pages: tuple[str, ...], base_url: str, moved: Mapping[str, str | None] = {},
              shown: int = 10) -> str:
    """The note naming the pages that `had` (the last build, the published branch) and the site has no more
    (WriteReport.gone_pages, pages_among), at their addresses under `base_url`: those `moved` (moves) says moved
    (items' and topics' pages), with their new address and how to keep the old one; those it says no item has now,
    as removed; the rest (topics', providers', lists' pages, or items' the last build's cache did not know) with
    how to keep one that moved. "" if there are none."""
    if not pages:
        return ""
    went = [page for page in pages if moved.get(page) and not _TOPIC.fullmatch(moved[page])]
    topics = [page for page in pages if moved.get(page) and _TOPIC.fullmatch(moved[page])]
    removed = [page for page in pages if page in moved and not moved[page]]
    other = [page for page in pages if page not in moved]
    many = len(pages) != 1
    parts = []

    def now(names: list[str]) -> str:  # (each at its old address and its new one)
        return _listed([f"{_address(base_url, page)} (now {_address(base_url, moved[page])})" for page in names],
                       shown)

    if went:
        parts.append(f"moved, as {'their items' if len(went) > 1 else 'its item'} moved: {now(went)}; to keep an "
                     f"old address, add its path after base_url (`{_path(went[0])}`) to its item's `aliases:`, or "
                     f"give the item its old `slug:`")
        shown = max(shown - len(went), 1)
    if topics:
        whose = "their items' topics are" if len(topics) > 1 else "its items' topic is"
        parts.append(f"moved, as {whose} at another address now: {now(topics)}; to keep an old address (and its "
                     f"feeds), give the topic its old `slug:` in config.yaml, or add the old path after base_url to "
                     f"`redirects:` there (`{_path(topics[0])}: {_path(moved[topics[0]])}`)")
        shown = max(shown - len(topics), 1)
    if removed:
        parts.append(f"removed, as no item has {'them' if len(removed) > 1 else 'it'} now (deleted, a draft or left "
                     f"out; if one was renamed and edited as well, keep its old path in its item's `aliases:` or in "
                     f"`redirects:` in config.yaml): "
                     f"{_listed([_address(base_url, page) for page in removed], shown)}")
        shown = max(shown - len(removed), 1)
    if other:
        listed = _listed([_address(base_url, page) for page in other], shown)
        parts.append(f"{'other pages: ' if parts else ''}{listed}; "
                     f"to keep the address of one that moved (its file or topic renamed, or newsdesk upgraded), give "
                     f"its item or topic the old `slug:`, or add its path after base_url to its item's `aliases:` or "
                     f"to `redirects:` in config.yaml")
    return printable(f"note: {where}: {len(pages)} page{'s' * many} {had} {'are' if many else 'is'} gone, so links "
                     f"to {'them' if many else 'it'} find the 404 page: {'; '.join(parts)} "
                     f"(docs/configuration.md#old-addresses)")
