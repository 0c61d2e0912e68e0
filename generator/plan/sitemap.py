"""Search engines: sitemap.xml, a Google News sitemap and robots.txt.

    sitemap.xml            every HTML page once (not 404.html); past `max_urls` pages it becomes a
                           sitemap index of sitemaps/sitemap-1.xml, sitemaps/sitemap-2.xml, ...
    news-sitemap.xml       items published in the two days before the build (at most 1,000, as
                           Google News asks); left out when there are none, since an empty
                           <urlset> is not valid
    robots.txt             allows everything and names the sitemaps

Pure: the planned pages + Site + Config + build time -> FileOutputs. Dates
come from the items a page shows, so a page's <lastmod> only moves when its content does;
the lists ordered by score have none (see _lastmod). Every <loc> is a page of the site's own, its path
made of slugs (urls.MAX_SLUG): no title, file name or `slug:` takes it near the protocol's 2,048 characters,
and no address from content is listed (tests/test_outputs_long_addresses.py).
Note that crawlers read robots.txt only at the root of a host: under a `base_url` path
(a GitHub project site) submit the sitemap to the search engine directly.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from functools import partial
from typing import Sequence

from generator.config.values import Config
from generator.urls import site_url
from generator.plan.feeds import clean_text, rfc3339
from generator.site.model import Site
from generator.plan.pages import RANKED, FileOutput, Page

log = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 50_000  # the sitemaps.org limit per file
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX = 1_000


def sitemap_outputs(pages: Sequence[Page], site: Site, config: Config, now: datetime, *,
                    max_urls: int = MAX_URLS, entries: dict | None = None) -> list[FileOutput]:
    """sitemap.xml (or an index and its parts), news-sitemap.xml when there is news, and robots.txt.
    `entries`: id of a Page -> its entry, for pages of the last plan (see planned_entries)."""
    known = entries or {}
    entries = [known.get(id(page)) or _entry(site_url(config.base_url, page.url), _lastmod(page, site))
               for page in pages if page.kind != "404"]
    outputs: list[FileOutput] = []
    if len(entries) <= max_urls:
        outputs.append(_made("sitemap.xml", _urlset, tuple(entries)))
    else:
        parts = []
        for number, start in enumerate(range(0, len(entries), max_urls), 1):
            chunk = tuple(entries[start : start + max_urls])
            name = f"sitemaps/sitemap-{number}.xml"
            outputs.append(_made(name, _urlset, chunk))
            parts.append(_entry(site_url(config.base_url, name), max((m for _, m, _ in chunk if m), default=None)))
        outputs.append(_made("sitemap.xml", _index, tuple(parts)))
    recent = _recent(site, now)
    if recent:
        outputs.append(FileOutput("news-sitemap.xml", partial(_news, config, recent), recent))
    sitemaps = ["sitemap.xml"] + (["news-sitemap.xml"] if recent else [])
    outputs.append(FileOutput.constant("robots.txt", _robots(config, sitemaps)))
    return outputs


def _recent(site: Site, now: datetime) -> tuple[int, ...]:
    """The items of the news sitemap: published in the NEWS_WINDOW before `now`, at most NEWS_MAX."""
    since, recent = now - NEWS_WINDOW, []
    for index, item in enumerate(site.items):  # newest first: the first one older than the window ends it
        if item.published < since or len(recent) == NEWS_MAX:
            break
        if item.published <= now:
            recent.append(index)
    return tuple(recent)


def planned_entries(pages: Sequence[Page], outputs: Sequence[FileOutput]) -> dict[int, tuple]:
    """id of each Page -> its (URL, lastmod) in the sitemaps planned from `pages` (sitemap_outputs' `entries`:
    a rebuild after an edit keeps most Page objects, so their entries need not be worked out again)."""
    planned = []
    for output in outputs:  # the parts in order, then the index (its entries are the parts: skipped)
        if (output.name == "sitemap.xml" or output.name.startswith("sitemaps/")) and output.make.args[0] is _urlset:
            planned.extend(output.make.args[1])
    return dict(zip((id(page) for page in pages if page.kind != "404"), planned))


def _entry(loc: str, lastmod: datetime | None) -> tuple[str, datetime | None, str]:
    """One URL of a sitemap, with the text of its <loc> and <lastmod> (formatting the dates of every page
    adds up: a rebuild after an edit keeps the entries of the pages planned as before)."""
    text = f"  <loc>{_text(loc)}</loc>"
    return loc, lastmod, text + f"\n  <lastmod>{rfc3339(lastmod)}</lastmod>" if lastmod else text


def _made(name: str, make, entries: tuple) -> FileOutput:
    """An output whose bytes follow from `entries` alone, from their texts in fact: those are its key (what its
    fingerprint describes, a row each, and none of them is in another file: a time's repr was most of it)."""
    return FileOutput(name, partial(_from_entries, make, entries), (), (tuple(text for _, _, text in entries),))


def _from_entries(make, entries: tuple, site: Site, memo: dict) -> bytes:
    return make(entries)


def _lastmod(page: Page, site: Site) -> datetime | None:
    """An article's date, or the newest item a list shows; None for pages without items, and for
    the lists ordered by score (the front page, Top, Hot): they change when scores do, so the
    newest story they show says nothing of when they changed (page 40 of Top shows old stories,
    in an order of today). Without a date there, a score edit leaves sitemap.xml as it was."""
    if page.kind == "article":
        return page.context["item"].published
    if page.kind in RANKED:
        return None
    if not page.items:
        return None
    newest = site.items[min(page.items)].published  # site.items is newest first
    # a story's newest item changes its card ("+N sources") on every list, whatever time the card shows
    return max([newest, *(story.newest for story in page.context.get("stories", ()) if story)])


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _urlset(entries: list[tuple[str, datetime | None, str]]) -> bytes:
    return _listing("urlset", "url", entries)


def _index(parts: list[tuple[str, datetime | None, str]]) -> bytes:
    return _listing("sitemapindex", "sitemap", parts)


def _listing(root: str, tag: str, entries: list[tuple[str, datetime | None, str]]) -> bytes:
    """The bytes ElementTree writes for <root><tag><loc/><lastmod/></tag>...</root>, indented by one
    space, built as text: one entry per page of the site, and ElementTree was several times slower
    (serve makes sitemap.xml again whenever a score edit moves a list's newest story)."""
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<{root} xmlns="{SITEMAP_NS}"'
    if not entries:
        return (head + " />\n").encode("utf-8")  # as ElementTree writes an element without children
    opening, closing = f" <{tag}>\n", f"\n </{tag}>"
    lines = [head + ">", *(opening + text + closing for _, _, text in entries), f"</{root}>\n"]
    return "\n".join(lines).encode("utf-8")


def _text(value: str) -> str:
    """XML character data, escaped as ElementTree escapes it."""
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def _news(config: Config, recent: tuple[int, ...], site: Site, memo: dict) -> bytes:
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    name = clean_text(config.title) or "newsdesk"
    language = news_language(clean_text(config.language))
    for item in (site.items[i] for i in recent):  # site.items is newest first
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = site_url(config.base_url, item.path)
        news = ET.SubElement(url, "news:news")
        publication = ET.SubElement(news, "news:publication")
        ET.SubElement(publication, "news:name").text = name
        ET.SubElement(publication, "news:language").text = language
        ET.SubElement(news, "news:publication_date").text = rfc3339(item.published)
        ET.SubElement(news, "news:title").text = clean_text(item.title) or "(untitled)"
    return _serialize(root)


def news_language(code: str) -> str:
    """A language code as Google News takes it: ISO 639 alone (`pt-BR` is `pt`), but Chinese as `zh-cn` or
    `zh-tw` (Traditional: Hant, Taiwan, Hong Kong, Macau); `en` for a site that declares none (it must say one)."""
    parts = code.lower().replace("_", "-").split("-")
    if parts[0] == "zh":
        return "zh-tw" if {"hant", "tw", "hk", "mo"} & set(parts[1:]) else "zh-cn"
    return parts[0] or "en"


def _robots(config: Config, sitemaps: list[str]) -> bytes:
    lines = ["# Every page of this site may be crawled.", "User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {site_url(config.base_url, name)}" for name in sitemaps]
    return ("\n".join(lines) + "\n").encode("utf-8")
