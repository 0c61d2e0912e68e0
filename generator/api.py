"""A read-only JSON API, as static files: what an app needs to show the site's news.

    api/news/index.json               newest items first, `items_per_page` per file
    api/news/page/<n>/index.json      page n (2, 3, ...)
    api/news/<topic>/index.json       the same for one topic (its child topics included)
    api/news/<topic>/page/<n>/index.json
    api/topics/index.json             every topic, with links to its API pages and feeds

Each news file holds `news` (a list of items) and `nextPage`, the absolute URL of the
next file, or null on the last one, so a client follows `nextPage` to the end. The
item fields follow the content format (path, title, type, heat, webUrl, ampWebUrl,
excerpt, publishedDateTime, provider, images, topics); the README has an example.

Pure: Site + Rankings + Config -> {output path: bytes}.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urljoin

from generator.config import Config
from generator.feeds import EXTENSIONS, feed_path, rfc3339
from generator.model import Image, Item, Site
from generator.ranking import Rankings

log = logging.getLogger(__name__)


def api_files(site: Site, rankings: Rankings, config: Config) -> dict[str, bytes]:
    """Output path -> bytes for every API file."""
    records: dict[int, dict] = {}  # an item is on several lists; describe it once
    files: dict[str, bytes] = {}
    files.update(_pages(site, config, "api/news/", rankings.latest, None, records))
    for slug, topic in site.topics.items():
        about = {"slug": slug, "name": topic.name}
        files.update(_pages(site, config, f"api/news/{slug}/", site.topic_items.get(slug, ()), about, records))
    files["api/topics/index.json"] = _dump({"topics": [_topic(site, config, slug) for slug in site.topics]})
    return files


def news_page_path(base: str, number: int) -> str:
    """Output path of page `number` of the list whose first page is `base`index.json."""
    return f"{base}index.json" if number == 1 else f"{base}page/{number}/index.json"


def _pages(site: Site, config: Config, base: str, order: tuple[int, ...], topic: dict | None,
           records: dict[int, dict]) -> dict[str, bytes]:
    size = config.items_per_page
    total = max(1, -(-len(order) // size))
    files = {}
    for number in range(1, total + 1):
        chunk = order[(number - 1) * size : number * size]
        for index in chunk:
            if index not in records:
                records[index] = item_record(site, config, site.items[index])
        data = {"topic": topic} if topic else {}
        data.update(page=number, pages=total, total=len(order), news=[records[i] for i in chunk],
                    nextPage=urljoin(config.base_url, news_page_path(base, number + 1)) if number < total else None)
        files[news_page_path(base, number)] = _dump(data)
    return files


def item_record(site: Site, config: Config, item: Item) -> dict:
    """One item as the API shows it."""
    provider = None
    if item.provider:
        known = site.providers.get(item.provider.slug)
        images = item.provider.images or ((known.logo,) if known and known.logo else ())
        provider = {"name": known.name if known else item.provider.name, "domain": item.provider.domain,
                    "images": [_image(config, i) for i in images]}
    return {
        "path": item.path,
        "url": urljoin(config.base_url, item.path),
        "title": item.title,
        "type": item.type,
        "heat": _number(item.heat),
        "quality": _number(item.quality),
        "webUrl": item.link or None,
        "originalUrl": item.original_url or None,
        "ampWebUrl": item.amp_url or None,
        "excerpt": item.excerpt,
        "publishedDateTime": rfc3339(item.published),
        "provider": provider,
        "images": [_image(config, i) for i in item.images],
        "topics": [site.topics[slug].name for slug in item.topics if slug in site.topics],
    }


def _topic(site: Site, config: Config, slug: str) -> dict:
    topic = site.topics[slug]
    feed = feed_path("topic", slug)
    return {
        "slug": slug,
        "name": topic.name,
        "parent": topic.parent or None,
        "children": list(topic.children),
        "description": topic.description,
        "count": len(site.topic_items.get(slug, ())),
        "url": urljoin(config.base_url, f"topics/{slug}/"),
        "api": urljoin(config.base_url, news_page_path(f"api/news/{slug}/", 1)),
        "feeds": {kind: urljoin(config.base_url, feed + ext) for kind, ext in EXTENSIONS.items()},
    }


def _image(config: Config, image: Image) -> dict:
    return {"url": urljoin(config.base_url, image.url), "width": image.width, "height": image.height}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _dump(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
