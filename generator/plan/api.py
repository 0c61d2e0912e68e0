"""A read-only JSON API, as static files: what an app needs to show the site's news.

    api/news/index.json               newest items first, `items_per_page` per file
    api/news/page/<n>/index.json      page n (2, 3, ...)
    api/news/<topic>/index.json       the same for one topic (its child topics included)
    api/news/<topic>/page/<n>/index.json
    api/topics/index.json             the topics, with links to their API pages and feeds, TOPICS_PER_PAGE per file
    api/topics/page/<n>/index.json    page n (2, 3, ...)
    api/stories/index.json            every story, as Latest shows them (newest first), `items_per_page` per file
    api/stories/page/<n>/index.json   page n (2, 3, ...)

Each file of a list holds its `page`, `pages` and `total` (the list's length), its part of the list, and
`nextPage` and `previousPage`, the absolute URLs of the next and previous files (null past either end), so a
client follows `nextPage` to the end. Every file is bounded whatever the site's size: a list is cut into
pages, and a story lists at most STORY_ITEMS of its items and MAX_RELATED of its related URLs. The
item fields follow the content format (path, title, type, heat, author, webUrl, ampWebUrl,
excerpt, publishedDateTime, provider, images, topics, length, size, price, and lengthSeconds, sizeBytes,
priceAmount and priceCurrency, their numbers; offer, the price as the pages show it, with its amount as a decimal
text and its currency's ISO code (_offer); videoUrl, the player URL
of featuredContent; `dateOnly: true` for an item dated by its day alone, whose publishedDateTime is the start
of that day in the site's zone), plus `story`, the id of the story the item
is in (generator/site/stories.py; an item alone is a story of its own), `sourceCount`, its story's other
sources as its card counts them ("+N sources", SiteStory.sources), `itemCount`, how many items the story has, and
`sources`, the newest SOURCES of its other items (path and url, newest first);
docs/feeds-and-api.md has an example. A stories file holds `stories`: each story's `id`, its `lead` (a path),
`newest` (its newest item's time), `sourceCount` (as its card's "+N sources"), `itemCount`, its items'
records (the newest STORY_ITEMS, newest first, without the story fields) and `related`, the URLs of declared
coverage the site does not have.

Pure: Site + Rankings + Config -> FileOutputs (output path, the items shown, how to make the bytes).
"""

from __future__ import annotations

import json
import logging
from functools import partial
from typing import NamedTuple

from generator.config.values import Config
from generator.i18n import Words, load_words, price_text
from generator.isotime import Day
from generator.money import amount_text, iso_code
from generator.urls import site_url
from generator.plan.feeds import EXTENSIONS, feed_path, provider_home, rfc3339
from generator.site.grouping import declared
from generator.site.item_bounds import MAX_RELATED
from generator.site.stories import story_id
from generator.site.model import Image, Item, Site
from generator.plan.pages import EarlierOutputs, FileOutput, described, one_per_story, page_count
from generator.site.ranking import Rankings

log = logging.getLogger(__name__)


def api_outputs(site: Site, rankings: Rankings, config: Config,
                earlier: EarlierOutputs | None = None) -> list[FileOutput]:
    """Every API file, as outputs made only when their items changed; with `earlier`, the files of the topics
    it keeps are the last plan's when every story is as it was (a record names its story's other items), and so
    is any other file that shows the same items at the same places, none of them `changed` (_kept)."""
    given = earlier
    fields: dict[int, tuple] = {}  # item index -> its story (_story_of: an item is in several files)
    entries: dict[int, tuple[str, ...]] = {}  # (_story_of)
    earlier = earlier if earlier and earlier.changed is not None else None  # (its `kept` alone: read below)
    outputs = _pages(site, config, "api/news/", rankings.latest, None, fields, entries, earlier)
    kept = given.kept if given and given.stories else frozenset()
    for slug, topic in site.topics.items():
        if ("topic", slug) in kept:  # its items, at the same places, and their stories as they were
            total = page_count(len(site.topic_items.get(slug, ())), config.items_per_page)
            outputs += (given.outputs[news_page_path(f"api/news/{slug}/", n)] for n in range(1, total + 1))
            continue
        about = {"slug": slug, "name": topic.name}
        outputs += _pages(site, config, f"api/news/{slug}/", site.topic_items.get(slug, ()), about, fields, entries,
                          earlier)
    outputs += _topic_pages(site, config)
    outputs += _story_pages(site, config, one_per_story(site, rankings.newest or rankings.latest), earlier)
    return outputs


def _story_pages(site: Site, config: Config, order: tuple[int, ...],
                 earlier: EarlierOutputs | None = None) -> list[FileOutput]:
    """api/stories/: each story once, where Latest shows it, `order` giving an item of each (its lead)."""
    size = config.items_per_page
    total = page_count(len(order), size)
    outputs = []
    for number in range(1, total + 1):
        head = {"page": number, "pages": total, "total": len(order)}
        next_page = _page_url(config, "api/stories/", number + 1, total)
        chunk = order[(number - 1) * size : number * size]
        old = _kept(earlier, news_page_path("api/stories/", number), head, next_page, chunk)
        if old is not None and tuple(entry.lead for entry in old.key[2]) == chunk:
            outputs.append(old)
            continue
        stories = tuple(_story_entry(site, index) for index in chunk)
        shown = tuple(member for entry in stories for member in entry.members)
        outputs.append(FileOutput(news_page_path("api/stories/", number),
                                  partial(_stories_file, config, head, number, next_page, stories), shown,
                                  (head, next_page, stories)))
    return outputs


STORY_ITEMS = 21  # the most of a story's items its entry in api/stories/ lists (the newest): as an item's record
#                  lists SOURCES of the others, so that a story of thousands of items is no file of megabytes


class StoryEntry(NamedTuple):
    """A story's entry in api/stories/: plain values, the file's key. Its newest time is its first item's, which
    the file shows (an entry is in this file alone, and a time's repr was most of describing it)."""

    id: str
    lead: int  # the lead's index
    members: tuple[int, ...]  # its newest STORY_ITEMS items' indices, newest first
    sources: int  # the source count
    related: tuple[str, ...]  # its related coverage's URLs (the first MAX_RELATED)
    items: int  # how many items it has


def _story_entry(site: Site, index: int) -> StoryEntry:
    """The entry of the story site.items[index] is in."""
    number = site.story_of.get(index)
    if number is None:  # an item alone: its card counts its `related` entries as "+N sources"
        item = site.items[index]
        related = declared(site, index, (index,))
        return StoryEntry(story_id(item.source), index, (index,), len(related), related[:MAX_RELATED], 1)
    story = site.stories[number]
    return StoryEntry(story.id, story.lead, story.members[:STORY_ITEMS], story.sources, story.related[:MAX_RELATED],
                      len(story.members))


def _stories_file(config: Config, head: dict, number: int, next_page: str | None, stories: tuple[StoryEntry, ...],
                  site: Site, memo: dict) -> bytes:
    records = []
    for story in stories:
        items = ",".join(record_text(site, config, site.items[member], memo) for member in story.members)
        newest = site.items[story.members[0]].published  # (Story.newest; an item alone's own time)
        # (an id is hex, a path is the site's own: no escaping beyond _json's)
        records.append(f'{{"id":"{story.id}","lead":{_json(site.items[story.lead].path)},'
                       f'"newest":{_json(rfc3339(newest))},"sourceCount":{story.sources},"itemCount":{story.items},'
                       f'"items":[{items}],"related":{_json(list(story.related))}}}')
    links = _links(config, "api/stories/", number, next_page)
    return (_json(head)[:-1] + ',"stories":[' + ",".join(records) + "]," + links + "}\n").encode("utf-8")


def news_page_path(base: str, number: int) -> str:
    """Output path of page `number` of the list whose first page is `base`index.json."""
    return f"{base}index.json" if number == 1 else f"{base}page/{number}/index.json"


def _page_url(config: Config, base: str, number: int, total: int) -> str | None:
    """The absolute URL of page `number` of a list of `total` pages, None past either end."""
    return site_url(config.base_url, news_page_path(base, number)) if 1 <= number <= total else None


def _links(config: Config, base: str, number: int, next_page: str | None) -> str:
    """The `"nextPage":...,"previousPage":...` members of page `number` of a list (its previous page follows from
    its number, as its path does: no part of a kept file's key)."""
    return f'"nextPage":{_json(next_page)},"previousPage":{_json(_page_url(config, base, number - 1, number))}'


TOPICS_PER_PAGE = 100  # topics in each file of api/topics/ (a record each, far smaller than an item's)


def _topic_pages(site: Site, config: Config) -> list[FileOutput]:
    """api/topics/: every topic, in the site's order, TOPICS_PER_PAGE a file (crawlers name topics freely: a
    site may have thousands)."""
    slugs = tuple(site.topics)
    total = page_count(len(slugs), TOPICS_PER_PAGE)
    outputs = []
    for number in range(1, total + 1):
        chunk = slugs[(number - 1) * TOPICS_PER_PAGE : number * TOPICS_PER_PAGE]
        data = {"page": number, "pages": total, "total": len(slugs),
                "topics": [_topic(site, config, slug) for slug in chunk],
                "nextPage": _page_url(config, "api/topics/", number + 1, total),
                "previousPage": _page_url(config, "api/topics/", number - 1, total)}
        outputs.append(FileOutput.constant(news_page_path("api/topics/", number), _dump(data)))
    return outputs


def _pages(site: Site, config: Config, base: str, order: tuple[int, ...], topic: dict | None,
           fields: dict[int, tuple], entries: dict[int, tuple[str, ...]],
           earlier: EarlierOutputs | None = None) -> list[FileOutput]:
    size = config.items_per_page
    total = page_count(len(order), size)
    outputs = []
    for number in range(1, total + 1):
        chunk = order[(number - 1) * size : number * size]
        head = {"topic": topic} if topic else {}
        head.update(page=number, pages=total, total=len(order))
        next_page = _page_url(config, base, number + 1, total)
        old = _kept(earlier, news_page_path(base, number), head, next_page, chunk)
        if old is not None and old.items == chunk:
            outputs.append(old)  # (Latest's files after a score or headline edit)
            continue
        stories = tuple(fields.get(i) or fields.setdefault(i, _story_of(site, i, entries)) for i in chunk)
        outputs.append(FileOutput(news_page_path(base, number),
                                  partial(_news_file, config, base, number, head, chunk, next_page, stories),
                                  tuple(chunk), (head, next_page, stories)))
    return outputs


def _kept(earlier: EarlierOutputs | None, name: str, head: dict, next_page: str | None,
          chunk: tuple[int, ...]) -> FileOutput | None:
    """The last plan's file `name` when its head and next page are these and neither it nor `chunk` holds an
    index `earlier.changed` names: its items' records and stories are as they were (a record is written once
    per Item object, record_text), so it is the same file. The caller checks it shows `chunk`."""
    old = earlier.outputs.get(name) if earlier else None
    if (old is None or old.key[0] != head or old.key[1] != next_page or not earlier.changed.isdisjoint(chunk)
            or not earlier.changed.isdisjoint(old.items)):
        return None
    return old


SOURCES = 20  # the most of a story's other items an item's record lists: every record listing every other
#               item would make a large story's API its size squared (its items all carry its `story` id)


def _story_of(site: Site, index: int, entries: dict[int, tuple[str, ...]]) -> tuple[str, int, int, tuple[str, ...]]:
    """The id of an item's story, its source count (its card's "+N sources": SiteStory.sources, for an item alone
    its declared coverage the site does not have), how many items it has, and the paths of the newest SOURCES of
    its other items, newest first (planned here: they are the story's, not the item's, whose record is kept per item).
    `entries`: a story's number -> its members' paths, found once for all its members (serve plans the API
    again after every edit; the JSON of them is written only for the files made, _story_fields)."""
    number = site.story_of.get(index)
    if number is None:
        item = site.items[index]
        return story_id(item.source), len(declared(site, index, (index,))) if item.related else 0, 1, ()
    story = site.stories[number]
    paths = entries.get(number)
    if paths is None:
        paths = entries[number] = tuple(site.items[m].path for m in story.members[: SOURCES + 1])
    others = tuple(path for member, path in zip(story.members, paths) if member != index)
    return story.id, story.sources, len(story.members), others[:SOURCES]


def _story_fields(config: Config, story: tuple[str, int, int, tuple[str, ...]], memo: dict) -> str:
    """The `"story":...,"sourceCount":...,"itemCount":...,"sources":[...]` members of an item's record (_story_of's
    value)."""
    key = ("api story", story)
    known = memo.get(key)
    if known is None:
        sources = ",".join(_json({"path": path, "url": site_url(config.base_url, path)}) for path in story[3])
        # (an id is hex: no escaping)
        known = memo[key] = (f'"story":"{story[0]}","sourceCount":{story[1]},"itemCount":{story[2]},'
                             f'"sources":[{sources}]')
    return known


def _news_file(config: Config, base: str, number: int, head: dict, chunk: tuple[int, ...], next_page: str | None,
               stories: tuple[tuple, ...], site: Site, memo: dict) -> bytes:
    news = [record_text(site, config, site.items[index], memo)[:-1] + "," + _story_fields(config, story, memo) + "}"
            for index, story in zip(chunk, stories)]
    # The same text as _dump(dict(head, news=[records], nextPage=..., previousPage=...)), from the records' own JSON
    return (_json(head)[:-1] + ',"news":[' + ",".join(news) + "]," + _links(config, base, number, next_page) + "}\n"
            ).encode("utf-8")


def record_text(site: Site, config: Config, item: Item, memo: dict) -> str:
    """item_record as JSON, written once per Item object (pages.described), in the site's words (read once per
    memo: a build's, as the words are in the outputs' config digest)."""
    words = memo.get("api words")
    if words is None:
        words = memo["api words"] = load_words(config)
    return described(memo, "api record", item, lambda: _json(item_record(site, config, item, words)))


def item_record(site: Site, config: Config, item: Item, words: Words) -> dict:
    """One item as the API shows it (`words`: the site's, which its price's `offer.text` is written in)."""
    provider = None
    if item.provider:
        known = site.providers.get(item.provider.slug)
        images = item.provider.images or ((known.logo,) if known and known.logo else ())
        provider = {"name": known.name if known else item.provider.name, "domain": item.provider.domain,
                    "url": provider_home(item.provider) or None, "images": [_image(config, i) for i in images]}
    record = {
        "path": item.path,
        "url": site_url(config.base_url, item.path),
        "title": item.title,
        "type": item.type,
        "heat": _number(item.heat),
        "quality": _number(item.quality),
        "author": item.author or None,
        "webUrl": item.link or None,
        "originalUrl": item.original_url or None,
        "ampWebUrl": item.amp_url or None,
        "excerpt": item.excerpt,
        "publishedDateTime": rfc3339(item.published),
        "provider": provider,
        "images": [_image(config, i) for i in item.images],
        "topics": [site.topics[slug].name for slug in item.topics if slug in site.topics],
        # (what cards show of a video, podcast or download, and its player: an app shows them too)
        "length": item.length or None,
        "lengthSeconds": item.length_seconds or None,  # (the same length, for an app to add up or sort by)
        "size": item.size or None,
        "sizeBytes": item.size_bytes or None,  # (the same size, for an app to add up, as lengthSeconds is)
        "price": item.price or None,
        # (an offer's amount and currency, for an app to compare: a price in words has none)
        "priceAmount": _number(item.price_amount),
        "priceCurrency": (item.price_currency or None) if item.price_amount is not None else None,
        "offer": _offer(words, item),
        "videoUrl": item.video_url or None,
        "mediaUrl": item.media_file or None,
    }
    if isinstance(item.published, Day):  # (a day written alone: publishedDateTime is its start, for an app to sort by)
        record["dateOnly"] = True
    return record


def _offer(words: Words, item: Item) -> dict | None:
    """An item's price for an app to show and to compute with: `text` as the site's pages show it (`€4.99`, `Free`),
    and of an offer its `amount` as a decimal text (`4.99`: no float of JSON's to round) and its `currency`'s ISO
    4217 code (`EUR`; none for a sign, `$`, which names no one currency); none for an item without a price."""
    text = price_text(words, item)
    if not text:
        return None
    offered = item.price_amount is not None
    return {"amount": amount_text(item.price_amount) if offered else None,
            "currency": (iso_code(item.price_currency) or None) if offered else None, "text": text}


def _topic(site: Site, config: Config, slug: str) -> dict:
    topic = site.topics[slug]
    feed = feed_path("topic", slug)
    record = {
        "slug": slug,
        "name": topic.name,
        "parent": topic.parent or None,
        "children": list(topic.children),
        "description": topic.description,
        "count": len(site.topic_items.get(slug, ())),
        "url": site_url(config.base_url, f"topics/{slug}/"),
        "api": site_url(config.base_url, news_page_path(f"api/news/{slug}/", 1)),
        "feeds": {kind: site_url(config.base_url, feed + ext) for kind, ext in EXTENSIONS.items()},
    }
    if not config.feeds:  # the site writes none: no links to files that are not there
        del record["feeds"]
    return record


def _image(config: Config, image: Image) -> dict:
    """A picture, with its words as its page shows them, each when the item gives it: `alt` ("" for a decorative
    picture), `caption`, `credit`."""
    words = {"alt": image.alt, "caption": image.caption or None, "credit": image.credit or None}
    return {"url": site_url(config.base_url, image.url), "width": image.width, "height": image.height,
            **{key: text for key, text in words.items() if text is not None}}


def _number(value: float | None) -> int | float | None:
    if value is None:  # (an item that gives no quality, or no price in numbers)
        return None
    return int(value) if float(value).is_integer() else value


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _dump(data: dict) -> bytes:
    return (_json(data) + "\n").encode("utf-8")
