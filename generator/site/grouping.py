"""The site's items grouped into stories (generator/site/stories.py), as indices into Site.items.

    model (Site) -> with_stories(site, settings) -> Site with `stories` and `story_of`

Pure, as the model is: the same items give the same stories, whatever order they were read in.
An item's words (`stories.bag`) depend on that item alone; `words` (its content digest -> them) keeps
them from one build to the next, so that a warm build or serve's rebuild only does the site-wide part.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
import zlib
from types import MappingProxyType
from typing import Callable, MutableMapping, Sequence

from generator.config.values import Config
from generator.site.model import Item, Site, SiteStory
from generator.site.stories import (TEXT_CHARACTERS, Clustering, Prepared, Story, StoryInput, StorySettings,
                                    make_story, prepare, story_id)

EPISODES = frozenset({"podcast", "audio", "video"})  # the types a show publishes episode after episode
_TEXT = 1500  # bytes of the body's HTML read at most: enough for the start of its text that clustering reads
_FIRST = 1000  # bytes read first: in most bodies they hold that start (body_text)
_TAG = re.compile(r"<[^>]*>?")


def story_settings(config: Config) -> StorySettings:
    """The clustering's settings: config.yaml's `stories:` block, and the site's `language` (its words of opposite
    meaning)."""
    stories = config.stories
    return StorySettings(stories.enabled, stories.window_hours, stories.threshold, stories.same_provider,
                         config.language)


_EDITS = 50  # items changed, added or deleted since the kept clustering (Kept) it is brought up to date for, at most


class Kept:
    """The last clustering (stories.Clustering) and the items it was made of, kept from build to build by serve
    (Session.clustering): clustering the site again after an edit works out again only what the edited
    items reach (Clustering.edit), where clustering it whole grows with the site (docs/dev/incremental.md)."""

    def __init__(self) -> None:
        self.clustering: Clustering | None = None
        self.items: dict[str, Item] = {}  # source -> the Item it was made of


def with_stories(site: Site, settings: StorySettings, words: Callable[[], MutableMapping] | None = None,
                 last: MutableMapping | None = None, kept: Kept | None = None) -> Site:
    """`site` with its stories of two or more items (none when stories are off)."""
    if not settings.enabled or len(site.items) < 2:
        return site
    return attach(site, group(site.items, settings, words, last, kept))


def group(items: tuple[Item, ...], settings: StorySettings, words: Callable[[], MutableMapping] | None = None,
          last: MutableMapping | None = None, kept: Kept | None = None) -> tuple[Story, ...]:
    """The stories of these items (every item in one), as generator/site/stories.py makes them (`settings`: the
    site's, story_settings). `words` gives
    an item's content digest -> what clustering works out of it alone (stories.prepare), filled here and kept
    by the caller from build to build (serve: an edit redoes only the site-wide part); called only when
    clustering runs, so that a caller can keep them on disk until then. `last`: the last result,
    by a key of its inputs (the items' source paths and content digests, and the settings), kept by the
    caller from build to build: the same items give it back without clustering (a build of an unchanged site).
    The caller empties both when what makes an item from its file changes (config.yaml, the records).
    `kept`: the last clustering, brought up to date here when it was made with the same settings and few items
    changed, were added or were deleted since (a fetch's new items too), else made again."""
    key = None
    if last is not None:
        digest = hashlib.sha1(repr(settings).encode("utf-8"))
        for item in items:
            digest.update(f"{item.source}\0{item.digest}\n".encode("utf-8", "surrogatepass"))
        key = digest.hexdigest()
        if key in last:
            return last[key]
    words = {} if words is None else words()
    seen: dict = {}  # words' normal forms, for all the items prepared here
    for item in items:
        if item.digest not in words:
            words[item.digest] = item_words(item, seen)
    if len(words) > 2 * len(items):  # serve: forget the items edited or deleted since
        current = {item.digest for item in items}
        for digest in [d for d in words if d not in current]:
            del words[digest]
    # (an item whose words are known needs no body text: the slow part of its input)
    clustering = kept.clustering if kept is not None else None
    if kept is not None:
        kept.clustering = None  # (not to be used again if the edit fails half way)
        changed = [item for item in items if kept.items.get(item.source) is not item]  # (or added)
        sources = {item.source for item in items}
        deleted = [source for source in kept.items if source not in sources]
        if clustering is None or clustering.settings != settings or len(changed) + len(deleted) > _EDITS:
            clustering = None
    if clustering is None:
        inputs = [story_input(item, text=False) for item in items]
        clustering = Clustering(inputs, settings, {item.source: words[item.digest] for item in items})
    else:
        clustering.edit([story_input(item, text=False) for item in changed],
                        {item.source: words[item.digest] for item in changed}, deleted)
    stories = clustering.stories
    if kept is not None:
        kept.clustering, kept.items = clustering, {item.source: item for item in items}
    if last is not None:
        last.clear()  # (one result: the next build's items are this one's, or it clusters again)
        last[key] = stories
    return stories


def item_words(item: Item, seen: dict) -> Prepared:
    """What clustering works out of one item alone (stories.prepare): what `group`'s `words` keeps by the
    item's content digest. A build works it out where it reads the item, spread over the cores. `seen`:
    one dict for many items (words' normal forms)."""
    # (the article keys of its URLs as the item was read with them, not worked out again)
    return prepare(story_input(item), seen, item.article_keys,
                   tuple(entry.article_key for entry in item.related if entry.article_key))


def attach(site: Site, stories: tuple[Story, ...]) -> Site:
    """`site` with these stories (those of two or more items) as SiteStory values."""
    index = {item.source: n for n, item in enumerate(site.items)}
    found: list[SiteStory] = []
    story_of: dict[int, int] = {}
    for story in stories:
        if len(story.members) < 2:
            continue
        members = tuple(sorted(index[source] for source in story.members))
        for member in members:
            story_of[member] = len(found)
        found.append(_site_story(site, story.id, index[story.lead], members))
    return dataclasses.replace(site, stories=tuple(found), story_of=MappingProxyType(story_of))


def _site_story(site: Site, id: str, lead: int, members: tuple[int, ...]) -> SiteStory:
    """The story of these items (indices into site.items, ascending) as the site shows it."""
    providers: dict[str, None] = {}
    for member in (lead, *members):
        provider = site.items[member].provider
        if provider:
            providers[provider.slug] = None
    related = declared(site, lead, members)
    # "+N sources": the other articles, each once for each provider (one provider's item and its AMP copy, fetched as
    # two items, are one source; a wire's article that three providers carry is three), and the declared coverage
    # the site does not have (declared: each outside article once)
    articles, seen = 0, set()
    for member in members:
        item = site.items[member]
        slug = item.provider.slug if item.provider else ""
        keys = [(slug, key) for key in item.article_keys]
        articles += seen.isdisjoint(keys) or not keys
        seen.update(keys)
    return SiteStory(id, lead, members, tuple(providers), site.items[members[0]].published, related,
                     articles - 1 + len(related))


def declared(site: Site, lead: int, members: Sequence[int]) -> tuple[str, ...]:
    """The URLs of these items' `related` entries that are no item's (the lead's first, then the others' newest
    first; its page lists them among the items, by date), each outside article once."""
    seen = {url for member in members for url in (site.items[member].original_url, site.items[member].web_url)}
    related: dict[str, None] = {}
    keys: set[str] | None = None  # the members' articles' keys and the entries' kept so far (most stories need none)
    for member in (lead, *members):
        for entry in site.items[member].related:
            if entry.url in seen or entry.url in site.url_index or entry.url in related:
                continue
            # Another form of a member's URL (its AMP page, `m.`, `?utm_source=`) is that member, which the story
            # lists already: declared coverage joined the story by it. Two forms of one outside article are one.
            key = entry.article_key
            if key:
                if keys is None:
                    keys = set(member_keys(site, members))
                if key in keys:
                    continue
                keys.add(key)
            related[entry.url] = None
    return tuple(related)


def member_keys(site: Site, members: Sequence[int]) -> dict[str, int]:
    """Each article key of these items (indices into site.items), in any of their URLs' forms (AMP, `m.`, tracking
    parameters: stories.article_key, as declared coverage joins a story) -> the first of them with it."""
    keys: dict[str, int] = {}
    for member in members:
        for key in site.items[member].article_keys:
            keys.setdefault(key, member)
    return keys


def _reattached(before: Site, after: Site, edited: int, position: Sequence[int] | None) -> Site:
    """`after` with `before`'s stories, when its items are `before`'s but the one at `edited` (an index into
    before.items), edited where it was or moved (`position`: each item's index in before.items -> its index
    in after.items; None: every item where it was), and they read the same URLs (Site.url_index's URLs the
    same): the other stories' indices moved as `position` says, and only the edited item's story worked out
    again (what attach gives, without the whole site: a redate moves a day's items one place, and attach
    went through every story and item)."""
    number = before.story_of.get(edited)
    if position is None:
        stories = before.stories
        if number is not None:
            story = stories[number]
            stories = (*stories[:number], _site_story(after, story.id, story.lead, story.members),
                       *stories[number + 1:])
        return dataclasses.replace(after, stories=stories, story_of=before.story_of)
    found: list[SiteStory] = []
    story_of: dict[int, int] = {}
    for n, story in enumerate(before.stories):
        members = tuple(sorted(position[m] for m in story.members))
        if n == number:
            story = _site_story(after, story.id, position[story.lead], members)
        elif members != story.members or position[story.lead] != story.lead:
            # (the same items, in the same order among them: the same providers, newest and coverage)
            story = dataclasses.replace(story, lead=position[story.lead], members=members)
        for member in members:
            story_of[member] = n
        found.append(story)
    return dataclasses.replace(after, stories=tuple(found), story_of=MappingProxyType(story_of))


def edited_stories(before: Site, after: Site, old: Item | None, new: Item | None, settings: StorySettings,
                   words: MutableMapping | None = None, clustering: Kept | None = None,
                   position: Sequence[int] | None = None) -> tuple[Site | None, Callable[[], bool] | None]:
    """`after` (serve's fast path: `before` with the item `old` edited into `new`, or added or deleted) with the
    stories a full build gives it. An item edited: when every story is as in `before` but for the places of
    its items; None when one forms, changes or goes (its items, lead, providers, newest time or declared
    coverage): then serve plans the site again, as a full build does. An item added or deleted: the stories
    as clustering gives them (`restoried` names the items whose story changed). With it, a check: None when
    the stories are certain, else a function that clusters the site again and says whether they are as given.

    Exact: clustering is a function of what it reads of the items (story_input, stories.prepare), so an edit
    that leaves that as it was (heat, topics, type ...) leaves the stories as they were, and one of quality
    alone leaves their items as they were (it only chooses a lead: chosen again here). Any other edit of an
    item is given the stories it had and the check (serve shows the saved page first, then checks,
    serve/rebuild.py); an item added or deleted is clustered here, before anything is written. Both bring
    `clustering` (the last one, serve's Session.clustering) up to date for the item (stories.Clustering.edit:
    what the edit reaches is worked out again, the stories grown again from every item's candidate pairs),
    else cluster the whole site, the items' words kept by their digest in `words`. `position`: each item's index
    in before.items -> its index in after.items (reindex.Reindexed.position), for the stories given to a moved item.
    `settings`: the site's, as `group`'s."""
    if not settings.enabled:
        return after, None
    words = {} if words is None else words
    if old is not None and new is not None:
        reads_old, reads_new = _reads(old, words), _reads(new, words)
        same = reads_old == reads_new
        in_place = len(after.items) == len(before.items) and all(a is b or a is new
                                                                 for a, b in zip(after.items, before.items))
        if same and in_place:
            # every item where it was: the very same stories
            return dataclasses.replace(after, stories=before.stories, story_of=before.story_of), None
        items = before.items
        kept = tuple(Story(s.id, items[s.lead].source, tuple(items[m].source for m in s.members))
                     for s in before.stories)
        # (a headline edit or a redate: the stories it had, but its own worked out again; what attach(after, kept)
        # gives)
        given = None
        if (old.original_url, old.web_url) == (new.original_url, new.web_url) and (in_place or position is not None):
            given = _reattached(before, after, next(n for n, item in enumerate(before.items) if item is old),
                                None if in_place else position)
        if same:
            return given or attach(after, kept), None
        if _but_quality(reads_old) == _but_quality(reads_new):
            # Quality only chooses a story's lead: its items stay; its lead is chosen again, by the same rule.
            inputs = {item.source: item for item in after.items}
            kept = tuple(make_story([story_input(inputs[m], text=False) for m in story.members])
                         if new.source in story.members else story for story in kept)
            now = attach(after, kept)
            return (now if _described(before) == _described(now) else None), None

        def check() -> bool:
            return _described(before) == _described(attach(after, group(after.items, settings, lambda: words,
                                                                          kept=clustering)))

        return given or attach(after, kept), check
    # An item added or deleted (a file saved broken or withheld too): clustered now, the stories as they come
    # out (the caller plans again whatever shows a story that changed: restoried)
    return attach(after, group(after.items, settings, lambda: words, kept=clustering)), None


def restoried(before: Site, after: Site) -> frozenset[str]:
    """The sources of the items of every story of `before` that `after` does not have as it was (its items, lead,
    providers, newest time or declared coverage), and of every story of `after` that `before` did not have: the
    items whose cards, pages and API records show another story (or none) now."""
    was, now = _described(before), _described(after)
    if was == now:
        return frozenset()
    return frozenset(source for story in set(was).symmetric_difference(now) for source in story[2])


def _but_quality(reads: tuple) -> tuple:
    """What clustering reads of an item (_reads) but its quality, which only chooses a story's lead."""
    return dataclasses.replace(reads[0], quality=0.0), reads[1]


def _reads(item: Item, words: MutableMapping) -> tuple:
    """What clustering reads of an item."""
    known = words.get(item.digest)
    if known is None:
        known = words[item.digest] = item_words(item, {})
    return story_input(item, text=False), known


def _described(site: Site) -> list[tuple]:
    """The site's stories by their items' sources: what a story shows, wherever its items stand."""
    items = site.items
    return [(s.id, items[s.lead].source, tuple(items[m].source for m in s.members), s.providers, s.newest, s.related)
            for s in site.stories]


def story_report(site: Site) -> list[dict]:
    """The stories of two or more items as `newsdesk build --report` gives them: id, lead, items (source paths,
    newest first) and sourceCount (its card's "+N sources"), earliest story first."""
    return [{"id": story.id, "lead": site.items[story.lead].source,
             "items": [site.items[member].source for member in story.members], "sourceCount": story.sources}
            for story in site.stories]


def item_story(site: Site, index: int) -> SiteStory | None:
    """The story of two or more items that site.items[index] is in, or None."""
    number = site.story_of.get(index)
    return None if number is None else site.stories[number]


def story_first(site: Site, index: int) -> int:
    """The item whose source gives the story of site.items[index] its id (its earliest: stories.cluster), which a
    source joining later leaves as it was, even one that becomes the lead; the item itself when it is alone."""
    story = item_story(site, index)
    if story is None:
        return index
    for member in reversed(story.members):  # (newest first: the earliest is at the end)
        if story_id(site.items[member].source) == story.id:
            return member
    return story.lead


def story_of_item(site: Site, index: int) -> str:
    """The id of the story site.items[index] is in (an item alone is a story of its own)."""
    story = item_story(site, index)
    return story.id if story else story_id(site.items[index].source)


def story_input(item: Item, text: bool = True) -> StoryInput:
    """What clustering reads of an item (`text` False: without its body's text, read for its words only)."""
    return StoryInput(
        source=item.source, title=item.title, published=item.published, excerpt=item.excerpt,
        text=body_text(item.body) if text else "", original_url=item.original_url, web_url=item.web_url,
        amp_url=item.amp_url, cdn_amp_url=item.cdn_amp_url, related=tuple(r.url for r in item.related),
        provider=item.provider.slug if item.provider else "", quality=item.quality or 0.0,
        episode=item.type in EPISODES, first_seen=item.first_seen)


def body_text(body: bytes) -> str:
    """The start of an item's body as plain text, as the body's first _TEXT bytes of HTML give it, and at least
    the TEXT_CHARACTERS that clustering reads where those bytes hold them (its compressed HTML: only the start
    is decompressed)."""
    if not body:
        return ""
    unzip = zlib.decompressobj()
    start = unzip.decompress(body, _FIRST)
    if len(start) == _FIRST:  # (else that was the whole body)
        # Most bodies: the text before the last tag that starts in their first bytes is long enough. No tag,
        # character reference or word runs across the start of a tag once every tag before it is closed, so
        # that text is the start of what the _TEXT bytes give: the same words, from fewer bytes.
        head = start.decode("utf-8", "ignore")
        cut = head.rfind("<")
        if cut > 0 and head.rfind(">", 0, cut) >= head.rfind("<", 0, cut):
            text = " ".join(html.unescape(_TAG.sub(" ", head[:cut])).split())
            if len(text) >= TEXT_CHARACTERS:
                return text
        start += unzip.decompress(unzip.unconsumed_tail, _TEXT - _FIRST)
    return " ".join(html.unescape(_TAG.sub(" ", start.decode("utf-8", "ignore"))).split())

