"""Stories: the items that report the same news, across providers, as one story.

Pure: `cluster` reads its inputs and nothing else, and gives the same stories for the same inputs in
any order (see docs/dev/stories.md for the rules and the figures behind the defaults).

Items join one story when
1. one declares the other as coverage: a `related` URL is another item's URL (a story by declarations is an
   article and those it declares or that declare it, never a chain of them);
2. they are the same article under another URL form (`urlnorm.canonical_url`: AMP, AMP caches,
   `www.`/`m.`, tracking parameters, fragments, ...);
3. they report alike within `window_hours`: TF-IDF of the headline, the URL's words, the excerpt and
   the start of the body. Stories grow most-alike pair first, and a story takes an item (or another
   story) only when it is alike the story as a whole (the cosine of their centroids, with a floor on
   the mean of all their pairs; two stories of three or more items need 0.8 of the threshold), not one of
   its items: A~B and B~C do not make A~C. Candidate pairs
   come from an inverted index of each item's most telling words within the window, never all pairs. A
   provider's own items join by text only when other providers' reports agree, or as copies of one report;
   two items whose headlines differ only by their figures ("Stock X rises 4%", "... 1%"), or in a site's language by
   words of opposite meaning ("rises", "falls"), never join by text, nor do one template's lines with other figures
   or about another subject ("Stock ZA rises 3%", "Stock ZB rises 3%", the ticker written again in the excerpt).
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from array import array
import math
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from itertools import repeat
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Sequence
from urllib.parse import urlsplit

from generator.frozen import record
from generator.languages import KOREAN_PARTICLES, primary
from generator.site.opposites import (CONVERSE, WORDS as OPPOSITE_WORDS, blanked, has_sessions, opposed, pairs_of,
                                     session, within)
from generator.urlnorm import canonical_url

SAME_PROVIDER = ("join", "apart")


@record
class StoryInput:
    """What clustering needs of an item (generator/site/model.py's Item has all of it)."""

    source: str  # unique: the item's source path
    title: str
    published: datetime  # time-zone aware
    excerpt: str = ""
    text: str = ""  # the body as plain text (only its start is read)
    original_url: str = ""
    web_url: str = ""
    amp_url: str = ""
    cdn_amp_url: str = ""
    related: tuple[str, ...] = ()  # the URLs of its `related` entries
    provider: str = ""  # the provider's slug or domain; "" for none
    quality: float = 0.0
    # an episode (a podcast's, a video channel's): a show's notes and descriptions repeat from one episode to
    # the next, so its own episodes never join one story by their text
    episode: bool = False
    # when the site first had it (`firstSeenDateTime`, which fetch writes): the member first seen gives the story
    # its id, so that a report published earlier but fetched later does not change it; None: its published time
    first_seen: datetime | None = None


@dataclass(frozen=True)
class StorySettings:
    """The `stories:` block of config.yaml."""

    enabled: bool = True
    window_hours: float = 72.0  # a story grown by text spans at most this from its first item
    threshold: float = 0.35  # the cosine a story and an item (or two stories) need to join: higher, fewer merges
    same_provider: str = "join"  # "join": a provider's own items join by text when others' reports agree or as
    #                              copies of one report; "apart": only by URL or `related`, never by their text
    language: str = "en"  # the site's: which words of opposite meaning tell a template's lines apart (opposites.py)

    def __post_init__(self):
        if self.same_provider not in SAME_PROVIDER:
            raise ValueError(f"same_provider must be one of {', '.join(SAME_PROVIDER)}, got {self.same_provider!r}")
        if not self.window_hours >= 0:
            raise ValueError(f"window_hours must be 0 or more, got {self.window_hours!r}")
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be more than 0 and at most 1, got {self.threshold!r}")


@record
class Story:
    """Items that report the same news. `members` are source paths, earliest first (lead included)."""

    id: str
    lead: str
    members: tuple[str, ...]


@record
class Prepared:
    """What clustering works out of one item alone (`prepare`): its words and their weights (`bag`, kept
    compact), the keys of its URLs and of its `related` URLs, and its headline's figures. A caller may keep it
    by the item's content and hand it back."""

    words: tuple[str, ...]
    weights: array  # of `words`, in the same order
    keys: tuple[str, ...]
    related: tuple[str, ...]
    figures: tuple[str, ...] = ()  # the headline's figures (`figures`), sorted
    # the headline's words of opposite meaning in any language's list (opposites.WORDS, as written), sorted
    opposites: tuple[str, ...] = ()
    # where it has figures or opposites: its words but numbers (`words`), once each, in the headline's order
    headline: tuple[str, ...] = ()
    # where it has figures or opposites: the headline's and the excerpt's first _SHAPE words as written, in order, as
    # one string (one object per item, not one a word: the build cache keeps it for every item)
    shape: str = ""
    # the side of a trading day its headline reports (opposites.session): 1 before the close, 2 the close, 0 none
    session: int = 0
    # where its headline has a name (`_named`): the headline's words in order, a name's marked with a final "*", as
    # one string
    named: str = ""
    # how many of `named`'s words its headline's first word reads as (none for a digit alone, several for Chinese)
    opening: int = 1


def prepare(item: StoryInput, seen: dict | None = None, keys: tuple[str, ...] | None = None,
            related: tuple[str, ...] | None = None) -> Prepared:
    """The per-item part of clustering (`seen`: one dict for many items, caching words' normal forms). `keys`,
    `related`: the article keys of its URLs (`article_keys`) and of its `related` URLs (`article_key`, those that are
    some), where the caller has them: an Item keeps them from where it was read."""
    seen = {} if seen is None else seen
    raw = _tokens(_amounts(item.title))
    title = _normal_words(raw, seen)
    excerpt = _tokens(_amounts(item.excerpt))
    found = _bag(item, title, _normal_words(excerpt, seen), seen)
    if related is None:
        related = tuple(key for key in map(article_key, item.related) if key)
    if keys is None:
        keys = article_keys((item.original_url, item.web_url, item.amp_url, item.cdn_amp_url))
    found_figures = figures(item.title)
    poles = tuple(sorted(OPPOSITE_WORDS.intersection(raw) | (inside := within(item.title))))
    if inside:  # (its headline but the words of a pair, which a word of two letters' pairs would leave in part)
        title = _normal_words(_tokens(blanked(item.title)), seen)
    headline = tuple(dict.fromkeys(word for word in title if not word.isdigit())) if found_figures or poles else ()
    shape = " ".join((raw + excerpt[:_SHAPE])[:_SHAPE]) if found_figures or poles else ""
    return Prepared(tuple(found), array("d", found.values()), keys, related, found_figures, poles, headline, shape,
                    session(raw) if poles else 0, *_named(item.title, seen))


def cluster(items: Sequence[StoryInput], settings: StorySettings = StorySettings(),
            prepared: Mapping[str, Prepared] | None = None) -> tuple[Story, ...]:
    """Every item in exactly one story (most stories have one item), earliest story first. `prepared`: source ->
    `prepare(item)` for the items the caller has it of (it is worked out for the others); then the item's
    text and URLs are not read again.

    The lead is the item of highest quality, then the earliest, then the first source path. The id
    is made from the source path of the item the site had first (first seen, else published; _arrival), so
    it stays when items join or leave, earlier published ones too; it changes when that item leaves or is
    deleted (the next first seen gives the id) or when stories merge.
    """
    return Clustering(items, settings, prepared).stories


class Clustering:
    """One clustering of a site's items (`stories`, as `cluster` gives them) with what it worked out on the way:
    each item's vector, the index of words and the candidate pairs each item found in it. `edit` clusters
    the same items again after a few of them changed (serve: a saved file) and works out again only what the
    change reaches: the vectors of the items that have a word whose count changed (IDF) and come out otherwise,
    and the candidate pairs of the items that saw or now see a changed item among a word's latest items.
    Stories are then grown again from all the pairs, as a first clustering grows them, so `edit` gives what
    `cluster` gives for the new items (tests/test_stories.py checks it under random edits)."""

    def __init__(self, items: Sequence[StoryInput], settings: StorySettings = StorySettings(),
                 prepared: Mapping[str, Prepared] | None = None):
        ordered = sorted(items, key=_time_order)
        if len({item.source for item in ordered}) != len(ordered):
            twice = sorted(source for source, n in Counter(item.source for item in ordered).items() if n > 1)
            raise ValueError(f"two items with the source {twice[0]!r}")
        self.settings = settings
        self.opposites = pairs_of(settings.language)
        self.by_session = has_sessions(settings.language)
        self.names = primary(settings.language) not in _NOUNS_CAPITALISED
        self.inputs = {item.source: item for item in ordered}
        self.order = [item.source for item in ordered]  # sources, in time order
        self.seconds = {item.source: item.published.timestamp() for item in ordered}
        self.ready: dict[str, Prepared] = {}
        self.vectors: dict[str, dict[str, float]] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)  # word -> the items it is one of the _INDEXED of
        # source -> the earlier items alike it (candidate pairs) -> the product of the two vectors, which growing
        # the stories takes again for the pairs of two groups of one item (most of them)
        self.linked: dict[str, dict[str, float]] = {}
        # What the last growing worked out, for the next one (`edit`): by a group's items before any merge
        # (those of one article, else one item), its sum and |sum|^2; by two such groups, their sums' product;
        # by a story's items, the Story
        self.sums: dict[tuple[str, ...], tuple[dict[str, float], float]] = {}
        self.products: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
        self.made: dict[tuple[str, ...], Story] = {}
        # how many sentence-case headlines write a word with a capital after their first word, and how many in small
        # letters: which words of a Title Case headline are names (`_is_name`)
        self.capitals: Counter = Counter()
        self.smalls: Counter = Counter()
        if settings.enabled:
            prepared = prepared or {}
            seen: dict[str, tuple[str, ...]] = {}
            self.ready = {item.source: prepared.get(item.source) or prepare(item, seen) for item in ordered}
            self.frequency = Counter()
            for ready in self.ready.values():
                self.frequency.update(ready.words)
            self.idf = {word: _idf(count) for word, count in self.frequency.items()}
            if self.names:
                for ready in self.ready.values():
                    self._tally(ready, 1, {})
            for source in self.order:
                self.vectors[source] = _vector(self.ready[source], self.idf)
                self.linked[source] = self._scan(source, len(self.order))
                for word in list(self.vectors[source])[:_INDEXED]:
                    self.postings[word].append(source)
        self.stories = self._grow(set(), set())

    def edit(self, items: Sequence[StoryInput], prepared: Mapping[str, Prepared] | None = None,
             deleted: Sequence[str] = ()) -> tuple[Story, ...]:
        """The stories once `items` replace the items of their sources (an item of a source this clustering does
        not have is added) and the items of the sources `deleted` are gone; `prepared` as `cluster`'s (an item
        without it is prepared from its text). The clustering is left with them in (if this raises, it must
        not be used again). A word's IDF depends on how many items have it, not on how many there are, so an
        item added or deleted reaches only the items that have one of its words, as an edit does."""
        prepared = prepared or {}
        enabled = self.settings.enabled
        dirty: set[str] = set()  # items whose vector or place changed (the added ones too)
        changed: set[str] = set()  # items that changed, were added or deleted
        counted = set()  # words whose count changed
        before: dict[str, dict] = {}  # the vectors that changed (the deleted items' too), as they were
        gone = set(deleted)
        cased: dict[str, bool] = {}  # words whose count in sentence-case headlines changed -> whether they were names
        for source in deleted:
            del self.inputs[source], self.seconds[source]
            changed.add(source)
            if enabled:
                if self.names:
                    self._tally(self.ready[source], -1, cased)
                for word in self.ready.pop(source).words:
                    self.frequency[word] -= 1
                    counted.add(word)
                before[source] = self.vectors.pop(source)
                del self.linked[source]
        added: list[str] = []
        moved: set[str] = set()
        for item in items:
            source = item.source
            known = source in self.inputs
            if known and self.inputs[source] == item and \
                    self.ready.get(source) is prepared.get(source, self.ready.get(source)):
                continue
            self.inputs[source] = item
            changed.add(source)
            seconds = item.published.timestamp()
            if not known:
                added.append(source)
                dirty.add(source)
            elif self.seconds[source] != seconds:
                moved.add(source)
                dirty.add(source)  # (and its vector is compared below, with the others')
            self.seconds[source] = seconds
            if not enabled:
                continue
            old, new = self.ready.get(source), prepared.get(source) or prepare(item)
            self.ready[source] = new
            if self.names and ((old.named, old.opening) if old else ("", 1)) != (new.named, new.opening):
                self._tally(old, -1, cased)
                self._tally(new, 1, cased)
            if old is not None and (old.figures, old.opposites, old.headline, old.shape, old.session, old.named) != (
                    new.figures, new.opposites, new.headline, new.shape, new.session, new.named):
                dirty.add(source)  # (its pairs are measured again: "4%", "up" and a capital are no words of its vector)
            for word in set(old.words if old else ()).symmetric_difference(new.words):
                self.frequency[word] += 1 if word in new.words else -1
                counted.add(word)
        if not changed:
            return self.stories
        if gone:
            self.order = [source for source in self.order if source not in gone]
        if moved:
            self.order.sort(key=lambda source: _time_order(self.inputs[source]))
        for source in added:
            bisect.insort(self.order, source, key=lambda source: _time_order(self.inputs[source]))
        if not enabled:
            self.stories = self._grow(set(), changed)
            return self.stories
        weighed = set()  # words whose IDF changed (a count's step: _idf)
        for word in counted:
            if self.frequency[word] > 0:
                idf = _idf(self.frequency[word])
                if self.idf.get(word) != idf:
                    self.idf[word] = idf
                    weighed.add(word)
            else:
                del self.frequency[word], self.idf[word]
        edited = {item.source for item in items}
        for source, ready in self.ready.items():
            if source in edited or (weighed and not weighed.isdisjoint(ready.words)):
                vector, old = _vector(ready, self.idf), self.vectors.get(source)
                if old is None or list(vector.items()) != list(old.items()):
                    if old is not None:
                        before[source] = old
                    self.vectors[source] = vector
                    dirty.add(source)
        flipped = {word + "?" for word, was in cased.items() if self._is_name(word) != was}
        if flipped:  # (a Title Case headline with such a word tells its names otherwise: its pairs are measured again)
            for source, ready in self.ready.items():
                if "?" in ready.named and not flipped.isdisjoint(ready.named.split(" ")):
                    dirty.add(source)
        if not dirty and not gone:
            self.stories = self._grow(dirty, changed)
            return self.stories
        # An item sees a word's _RECENT latest items before it. Those after an item that leaves or enters a word's
        # list (added, deleted or redated: every list of its words; or whose heaviest words are others: the lists
        # of the words it no longer has or has now), in the word's list before and after the change, scan again;
        # so do the items whose vector changed. Those after an item whose vector changed, under a word it had and
        # has, see the same items as before: only their pairs with the changed items are measured again (most of
        # the items an added or deleted item reaches: each word of it whose IDF changed gives its items new
        # vectors, and often reorders their heaviest words).
        placed = gone | set(added) | moved  # items whose place in their words' lists changed
        shifts: dict[str, set[str]] = defaultdict(set)  # word -> the items that enter, leave or move in its list
        listed: dict[str, set[str]] = {}  # such an item -> its heaviest words now (none when deleted)
        for source in placed | before.keys():
            old = before[source] if source in before else self.vectors[source] if source in moved else None
            was = set(_heaviest(old)) if old is not None else set()
            now = listed[source] = set(_heaviest(self.vectors[source])) if source not in gone else set()
            for word in (was | now if source in placed else was ^ now):
                shifts[word].add(source)
        again = set(dirty)
        for word, sources in shifts.items():
            posting = self.postings[word]
            for at, source in enumerate(posting):
                if source in sources:
                    again.update(posting[at + 1 : at + 1 + _RECENT])
            self.postings[word] = [source for source in posting if source not in sources]
        again -= gone
        place = {source: n for n, source in enumerate(self.order)}
        for word, sources in shifts.items():
            posting = self.postings[word]
            for source in sources:
                if word in listed[source]:
                    posting.insert(bisect.bisect_left(posting, place[source], key=place.__getitem__), source)
            if not posting:
                del self.postings[word]
            for at, source in enumerate(posting):
                if source in sources:
                    again.update(posting[at + 1 : at + 1 + _RECENT])
        # An item sees an earlier one when both are listed under one word and it is among that word's _RECENT items
        # before it, within the window: those after an item whose vector alone changed see the same items as before,
        # and only their pairs with it are measured again.
        window = self.settings.window_hours * 3600
        seen: dict[str, set[str]] = defaultdict(set)  # such a later item -> the changed items it sees
        for source in dirty - placed:
            seconds = self.seconds[source]
            for word in _heaviest(self.vectors[source]):
                posting = self.postings[word]
                at = bisect.bisect_left(posting, place[source], key=place.__getitem__)
                for later in posting[at + 1 : at + 1 + _RECENT]:
                    if self.seconds[later] - seconds > window:
                        break  # (postings are in time order)
                    if later not in again:
                        seen[later].add(source)
        for source in again:
            self.linked[source] = self._scan(source, place[source], place)
        for source, others in seen.items():
            found = self.linked[source]
            for other in others:
                product = self._alike(other, source)
                if product is None:
                    found.pop(other, None)
                else:
                    found[other] = product
        self.stories = self._grow(dirty, changed)
        return self.stories

    def _tally(self, ready: Prepared | None, step: int, cased: dict[str, bool]) -> None:
        """Count a sentence-case headline's words after its first (`_named`'s, names marked "*") as written with a
        capital or in small letters (`step` 1 or -1), noting in `cased` whether each was a name before."""
        if ready is None or not ready.named or "?" in ready.named:
            return  # (no headline, or one in Title Case: it tells nothing of which words are names)
        for word in ready.named.split(" ")[ready.opening:]:
            plain = word.rstrip("*")
            if plain in _STOPWORDS:
                continue
            if plain not in cased:
                cased[plain] = self._is_name(plain)
            (self.capitals if word[-1] == "*" else self.smalls)[plain] += step

    def _is_name(self, word: str) -> bool:
        """Whether the site's sentence-case headlines write the word with a capital mid-sentence more often than in
        small letters: a name, where a Title Case headline has it."""
        return self.capitals[word] > self.smalls[word]

    def _scan(self, source: str, at: int, place: Mapping[str, int] | None = None) -> dict[str, float]:
        """The items before `source` (at `at` in time order) it is alike enough to be a candidate pair with: it
        looks up its _INDEXED heaviest words and compares itself with the _RECENT latest items under each within
        the window. `place`: source -> place in time order, when the index holds later items too."""
        seconds = self.seconds[source]
        window = self.settings.window_hours * 3600
        found: dict[str, float] = {}
        compared = set()
        for word in _heaviest(self.vectors[source]):
            posting = self.postings.get(word, ())
            end = len(posting) if place is None else bisect.bisect_left(posting, at, key=place.__getitem__)
            for other in reversed(posting[max(0, end - _RECENT) : end]):
                if seconds - self.seconds[other] > window:
                    break
                if other not in compared:
                    compared.add(other)
                    product = self._alike(other, source)
                    if product is not None:
                        found[other] = product
        return found

    def _alike(self, earlier: str, later: str) -> float | None:
        """The product of two items' vectors when they are a candidate pair (alike enough, sharing _SHARED words,
        not a template's lines), else None."""
        vector, ready = self.vectors[later], self.ready[later]
        # (the earlier item's vector first, as growing measures a pair: the same sum, bit for bit)
        product = _dot(self.vectors[earlier], vector)
        if product >= self.settings.threshold * _NEAR and _shared(vector, self.vectors[earlier]) and not (
                (ready.figures or ready.opposites) and _template(ready, self.ready[earlier], product, self.opposites)
        ) and not (self.names and ready.named and self.ready[earlier].named
                   and _other_names(ready.named, self.ready[earlier].named, vector, self.vectors[earlier],
                                    self._is_name)):
            return product
        return None

    def _grow(self, dirty: set[str], changed: set[str]) -> tuple[Story, ...]:
        """The stories, from the items' vectors and candidate pairs; what the last growing worked out is
        taken again for the groups of none of the items `dirty` (whose vector or place changed since) and
        the stories of none of the items `changed`."""
        ordered = [self.inputs[source] for source in self.order]
        groups = _union_find(len(ordered))
        if self.settings.enabled:
            _link_same_articles([self.ready[source] for source in self.order], groups)
            self._grow_by_text(ordered, groups, dirty)
        members: dict[int, list[str]] = defaultdict(list)
        for index, source in enumerate(self.order):
            members[_find(groups, index)].append(source)
        made, self.made = self.made, {}
        for key in map(tuple, members.values()):  # a group's root is its earliest item, and roots come in time
            story = made.get(key)                  # order: stories are earliest first
            if story is None or not changed.isdisjoint(key):
                story = make_story([self.inputs[source] for source in key])
            self.made[key] = story
        return tuple(self.made.values())

    def _grow_by_text(self, ordered: Sequence[StoryInput], groups: list[int], dirty: set[str]) -> None:
        """Agglomerate by centroid similarity: the most alike pair of stories first, while it is above the
        threshold, from the candidate pairs the items found (`linked`)."""
        if len(ordered) < 2:
            return
        settings = self.settings
        vectors = [self.vectors[item.source] for item in ordered]
        seconds = [self.seconds[item.source] for item in ordered]
        window = settings.window_hours * 3600
        threshold = settings.threshold
        order = self.order
        roots = [_find(groups, index) for index in range(len(ordered))]  # (no merge until the heap's)
        parts: dict[int, list[int]] = defaultdict(list)
        for index, root in enumerate(roots):
            parts[root].append(index)
        place = {source: n for n, source in enumerate(order)}
        stale = {roots[place[source]] for source in dirty}  # the groups a changed item is in
        # Candidate pairs: items that share one of their most telling words, within the window (_scan), of
        # two groups that together span at most the window (before any merge, a group spans its earliest item).
        # A group in no such pair never merges: it is left out of what follows (many of a site's groups).
        near: dict[int, dict[int, float | None]] = {}
        for index, source in enumerate(order):
            linked = self.linked[source]
            if linked:
                mine = roots[index]
                for other in linked:
                    theirs = roots[place[other]]
                    if theirs != mine and abs(seconds[mine] - seconds[theirs]) <= window:
                        near.setdefault(mine, {})[theirs] = None
                        near.setdefault(theirs, {})[mine] = None
        found: dict[int, _Group] = {}
        keys: dict[int, tuple[str, ...]] = {}
        sums, self.sums = self.sums, {}
        for root, indices in parts.items():  # roots come in time order: earliest first
            if root not in near:
                continue
            key = keys[root] = (order[root],) if len(indices) == 1 else tuple([order[i] for i in indices])
            kept = sums.get(key) if root not in stale else None
            if kept is None:
                # (most stories stay one item: their sum is their vector, not a copy; merges below copy a sum
                # before they add to it, as the sums are kept)
                total = vectors[root] if len(indices) == 1 else dict(vectors[root])
                for index in indices[1:]:
                    _add(total, vectors[index])
                kept = (total, _norm2(total))
            self.sums[key] = kept
            group = found[root] = _Group(seconds[root], *kept, len(indices), near[root])
            for index in indices:
                item = ordered[index]
                group.providers.setdefault(item.provider, []).append(index)  # ("": no provider)
                side = self.ready[item.source].session if self.by_session else 0
                if side:
                    _session_add(group.sessions, [side == 1, side == 2, seconds[index], seconds[index]])
                if item.provider and item.episode:
                    group.shows[item.provider] = None
        heap: list = []
        products, self.products = self.products, {}
        for root, group in found.items():
            for other in group.neighbours:
                if root < other:
                    pair = keys[root], keys[other]
                    product = products.get(pair)
                    if product is None or root in stale or other in stale:
                        # two groups of one item: their pair's product, from the later one's scan
                        product = (self.linked[order[other]].get(order[root]) if len(pair[0]) == len(pair[1]) == 1
                                   else None)
                        if product is None:
                            product = _dot(group.total, found[other].total)
                    group.neighbours[other] = found[other].neighbours[root] = self.products[pair] = product
                    _push(heap, found, root, other, product, threshold, window)
        apart = settings.same_provider == "apart"
        while heap:
            negative, a, b, version_a, version_b = heapq.heappop(heap)
            first, second = found.get(a), found.get(b)
            if first is None or second is None or first.version != version_a or second.version != version_b:
                continue  # one of them has grown or gone since this pair was measured
            shared = [p for p in second.providers if p and p in first.providers]
            if shared and (apart or not _others_agree(first, second, shared, vectors, -negative, threshold)):
                continue
            if first.shows and second.shows and any(p in first.shows for p in second.shows):
                continue  # two episodes of one show
            if _sessions_apart(first.sessions, second.sessions):
                continue  # a trading day before its close and at its close
            _union(groups, a, b)
            root, gone = min(a, b), max(a, b)
            merged, other = found[root], found.pop(gone)
            merged.first = min(merged.first, other.first)
            merged.last = max(merged.last, other.last)
            # Neighbours stay neighbours while the story they would make spans at most the window (stories only
            # grow, so one that could not merge never can): a group spanning months through declared coverage
            # would otherwise gather neighbours from all of them.
            # (A + B).N = A.N + B.N: a product kept from an earlier measure spares going through a large story's
            # sum again each time an item joins it; only the other part's product is worked out.
            neighbours = {}
            for neighbour in (*merged.neighbours, *other.neighbours):
                if neighbour == root or neighbour == gone or neighbour in neighbours:
                    continue
                group = found[neighbour]
                theirs = group.neighbours
                theirs.pop(gone, None)
                theirs.pop(root, None)
                if _within(group, merged, window):
                    mine, its = merged.neighbours.get(neighbour), other.neighbours.get(neighbour)
                    neighbours[neighbour] = theirs[root] = (
                        (mine if mine is not None else _dot(merged.total, group.total))
                        + (its if its is not None else _dot(other.total, group.total)))
            if len(neighbours) > _NEIGHBOURS:
                neighbours = _nearest(neighbours, found, root)
            # |A + B|^2 = |A|^2 + |B|^2 + 2 A.B, and A.B is what the pair's similarity was made of
            merged.norm2 += other.norm2 - 2 * negative * math.sqrt(merged.norm2 * other.norm2)
            owner = merged.version
            if len(other.total) > len(merged.total):
                merged.total, other.total = other.total, merged.total  # add the smaller sum into the larger
                owner = other.version
            if owner == 0:
                merged.total = dict(merged.total)  # a sum kept for the next growing (self.sums)
            _add(merged.total, other.total)
            merged.size += other.size
            for provider, indices in other.providers.items():
                mine = merged.providers.get(provider)
                if mine is None:
                    merged.providers[provider] = indices
                else:
                    mine.extend(indices)
            merged.shows.update(other.shows)
            _session_add(merged.sessions, other.sessions)
            merged.version += 1
            merged.neighbours = neighbours
            for neighbour, product in neighbours.items():
                _push(heap, found, min(root, neighbour), max(root, neighbour), product, threshold, window)


def _nearest(neighbours: dict[int, float], found: dict[int, _Group], root: int) -> dict[int, float]:
    """The _NEIGHBOURS of a story's neighbours most alike it (by the product over the neighbour's norm: the story's
    own norm is the same for all), the others no longer its neighbours nor it theirs."""
    def alike(neighbour: int):
        return -neighbours[neighbour] / (math.sqrt(found[neighbour].norm2) or 1.0), neighbour
    kept = set(heapq.nsmallest(_NEIGHBOURS, neighbours, key=alike))
    for neighbour in neighbours:
        if neighbour not in kept:
            del found[neighbour].neighbours[root]
    return {neighbour: product for neighbour, product in neighbours.items() if neighbour in kept}


def _idf(count: int) -> float:
    """The IDF of a word `count` items have (the notes at _REFERENCE and _DIGITS)."""
    shift = max(0, count.bit_length() - _DIGITS)
    count = (count >> shift << shift) + (1 << shift >> 1)  # the middle of the step it is in
    return math.log(1.0 + _REFERENCE / count) ** _IDF_POWER


def _heaviest(vector: dict[str, float]) -> list[str]:
    """The words of a vector under which the index lists its item (vectors keep their words heaviest first)."""
    return list(vector)[:_INDEXED]


def _time_order(item: StoryInput):
    return (item.published, item.source)


def make_story(members: Sequence[StoryInput]) -> Story:
    """The story of these items (in any order): its id, its lead, its members earliest first."""
    if len(members) == 1:  # (most stories: one item, its own lead)
        source = members[0].source
        return Story(story_id(source), source, (source,))
    members = sorted(members, key=_time_order)
    lead = min(members, key=lambda m: (-m.quality, m.published, m.source))
    return Story(story_id(min(members, key=_arrival).source), lead.source, tuple(m.source for m in members))


def _arrival(item: StoryInput):
    """The order in which the site had its items: first seen, else published (then published, then source)."""
    return (item.first_seen or item.published, item.published, item.source)


def story_id(source: str) -> str:
    """A story's id from the source path of the member the site had first (_arrival): 12 hex digits."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


# --- 1 and 2: declared coverage and the same article ---------------------------------------------

def _union_find(size: int) -> list[int]:
    return list(range(size))


def _find(parent: list[int], index: int) -> int:
    root = index
    while parent[root] != root:
        root = parent[root]
    while parent[index] != root:
        parent[index], index = root, parent[index]
    return root


def _union(parent: list[int], a: int, b: int) -> None:
    a, b = _find(parent, a), _find(parent, b)
    if a != b:
        parent[max(a, b)] = min(a, b)  # the earlier item's index is the root: no order-dependent choice


def article_keys(urls: Sequence[str]) -> tuple[str, ...]:
    """The article keys of an item's URLs (its original, web, AMP and AMP cache URLs), each once, in order:
    worked out where the item is read (Item.article_keys) or, for clustering, of its StoryInput."""
    keys: list[str] = []
    for url in dict.fromkeys(urls):
        key = article_key(url)
        if key and key not in keys:
            keys.append(key)
    return tuple(keys)


def article_key(url: str) -> str:
    """The key of the article at `url` (two URLs of one article, one key: rules 1 and 2); "" for what names no
    article: not an http(s) URL (canonical_url gives it back as it is), or a site's home page, which crawlers
    give as many items' original."""
    key = canonical_url(url) if url else ""
    if not key.startswith("https://") or (key.endswith("/") and key.count("/") == 3):  # "https://host/"
        return ""
    return url if key == url else key  # (the URL itself when it is its key: an item keeps one string, not two)


# A URL that more items give as theirs is no article's but a placeholder (a crawler's default, a section page), as
# a site's home page is; an item that declares more items its coverage is a list (a crawler's "related" of a whole
# feed), not one story. Either made one story of a whole site: "+1,999 sources" on a card. In the corpora seen one
# article is at most 2 items and an item declares at most 3.
_ONE_ARTICLE = 32
_DECLARED = 32


def _link_same_articles(ready: Sequence[Prepared], groups: list[int]) -> None:
    owners: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(ready):
        for key in item.keys:
            owners[key].append(index)
    for indices in owners.values():
        if 1 < len(indices) <= _ONE_ARTICLE:
            for index in indices[1:]:
                _union(groups, indices[0], index)
    # Declared coverage between articles (an article: the items of one key, joined above), each way
    links: dict[int, dict[int, None]] = defaultdict(dict)
    cited: Counter = Counter()  # article -> how many articles declare it
    for index, item in enumerate(ready):
        declared = {}  # the first item of each article it declares
        for key in item.related:
            found = owners.get(key)
            if found and len(found) <= _ONE_ARTICLE:
                declared[found[0]] = None
        if declared and len(declared) <= _DECLARED:  # (most items declare none)
            mine = _find(groups, index)
            for other in declared:
                theirs = _find(groups, other)
                if theirs != mine and theirs not in links[mine]:
                    links[mine][theirs] = links[theirs][mine] = None
                    cited[theirs] += 1
    # A story by declarations is a star: an article and the articles it declares or that declare it, the one with
    # the most such links first (ties: the earliest). Declaration links a pair, but a chain of them (each item
    # declaring the next: a crawler's "previous story") or a ring is not one story; an article declared by more
    # articles than an item may declare is a placeholder every item gives, as a URL many items give is.
    for article in [a for a, count in cited.items() if count > _DECLARED]:
        for other in links.pop(article):
            links[other].pop(article, None)
    taken: set[int] = set()
    for article in sorted(links, key=lambda a: (-len(links[a]), a)):
        if article not in taken:
            taken.add(article)
            for other in links[article]:
                if other not in taken:
                    taken.add(other)
                    _union(groups, article, other)


# --- 3: similar reporting ------------------------------------------------------------------------

# Words that say nothing about which story an item reports (a few are news-site fillers).
_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers him his how i if in into is it its just me more most my no nor not now of off on once only or other our
out over own same she should so some such than that the their them then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your yours
says said say new news report reports update updated video videos watch photo photos live latest via amid
one two three first last get gets got us don
""".split())
# Words of a URL's path that name the site's sections or formats rather than the story.
_URL_WORDS = frozenset("html htm php asp aspx cms shtml jsp article articles story stories index content view "
                       "post posts blog blogs amp www id item items page detail details".split())
_WORD = re.compile(r"[^\W_]+")
_ACCENTS = re.compile("[\u0300-\u036f]")  # the combining marks NFKD splits from é, ü, ç
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Korean is written with spaces between its words, each a noun or verb with its particle or ending (`삼성전자가`,
# `실적이`, `상승했다`, `서울시는`): a word is its stem, without them (after two syllables or more), rather than
# pairs of letters as Chinese and Japanese are read, whose pairs made a company's name (`삼성전자`: 삼성 성전 전자)
# three words and its particles (`자가`, `했다`) words every other story shares.
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_UNSPACED_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# A word's particles and endings, the longest first (_korean_stem): checked one by one, as a regular expression of a
# stem of any length and an ending took time of the square of a long word's length (a feed's title may be one word)
_HANGUL_ENDINGS = tuple(sorted((*KOREAN_PARTICLES, *"했다고 한다고 하겠다 했으며 이라고 이라는 했다 한다 된다 됐다 하는 하고 하며 "
                                                     "이다 라고 라는".split()), key=len, reverse=True))
_FIELDS = (("title", 1.0), ("url", 0.6), ("excerpt", 0.6), ("text", 0.3))  # where a word stands, how much it says
_PAIRS = 0.5  # two adjacent words of the headline ("true detective", "time warner") as one more word
TEXT_CHARACTERS = 500  # the start of the body: the lede says what the story is, the rest adds noise and time
# A word's IDF is ln(1 + _REFERENCE / df): it depends on how many items have the word, never on how many items
# the site has. With ln(N / df), the same pair scored differently in a site of 1,000 items and in one of 10,000
# (adding items none of whose words it has lifts every IDF, the common words' most), so a threshold right for one
# size merged more in the other. A story's name is in about as many items whatever the site's size; a generic
# word is in more the larger the site, and counts for less.
_REFERENCE = 5000
# ... where df is taken to its _DIGITS highest binary digits (exact below 32, then in steps of at most 1/16 of it),
# which moves no weight by more than about 1%. An item added or deleted changes the count of each of its words, and
# every item that has a word whose IDF changes has a new vector (Clustering.edit): with exact counts a common
# word's new IDF reached most of the site at each new item; in steps, a common word's IDF changes about once in
# 16 of the items that have it.
_DIGITS = 5
# IDF to this power, so that a word's weight grows more slowly with its rarity: the words that name a story are
# common because of the story's own coverage, and a headline's words found in no other item can never match; with
# the plain IDF these outweigh the name, and a report that adds its own angle to the story stays apart.
_IDF_POWER = 0.75
_KEEP = 40  # an item's vector keeps its most telling words
_INDEXED = 6  # candidate pairs share one of these of each item's words ...
_RECENT = 24  # ... among that word's latest items within the window
_NEAR = 0.6  # ... and are at least this part of the threshold alike (the flatter IDF makes more pairs a little alike)
# ... and share at least this many words. One word in common, however rare, is a coincidence more often than a
# story (a game's guide and a study of elephants that both say "quickly"; two headlines whose one shared word is
# "revolution" or "premiere"): in a short headline that one word alone can reach the threshold.
_SHARED = 2
# A large story's centroid comes to look like every text a little; its items must also be alike on average
# (the mean cosine of their pairs at least this part of the threshold).
_AVERAGE = 0.3
# Two stories of at least _SETTLED items each need only this part of the threshold to merge. A story's centroid
# of several items keeps the words its items agree on (the story's name) and thins out each headline's own angle,
# so two parts of one story told from two angles ("Bieber's deposition", "Bieber can't remember Australia") are
# less alike as centroids than as their closest items; two unrelated stories share no name to agree on.
_SETTLED = 3
_SETTLED_SHARE = 0.8
# Two stories that share a provider join by text only when one is alike the other's items of other providers, or
# when both are that provider's copies of one report: alike at least _COPY (nearly the same words) and within
# _COPY_HOURS. A provider's template headlines ("Stock X rises 2%" every day for every stock) are alike by the
# template's words, which no other provider writes; its several reports of one story are alike others' reports.
_COPY = 0.8
_COPY_HOURS = 12
# A trading session's reports (opposites.session: "Futures edge lower", "Stocks end lower") lie within this of each
# other, from the futures before the open to the close's reports read the next morning elsewhere; the same words a
# day later are the next session's.
_SESSION_HOURS = 16
# A story keeps at most as many neighbours (stories it may still merge with) as one item may have candidate pairs,
# its most alike. Each merge measures the story against every neighbour again, and the neighbours of a story are
# those of all its items: 2,000 look-alike items of one hour (a ticker's "Stock X rises 2%", a batch a crawler
# dated alike) made every merge into a large story measure it against all of them, the square of the items.
_NEIGHBOURS = _INDEXED * _RECENT
# Two items whose headlines' figures differ, and whose headlines are the same words but for them or that are nearly
# the same (_COPY), are no candidate pair ("Stock X rises 4%", "Stock X falls 1%"; "Stock market news for March
# 10", "... March 11 - Market News"): a template's lines (one provider's or several's) about different events,
# which no weight of words tells from a report republished. Reports of one story in their own words give figures of
# their own ("5.25%", "a 15-year high"); a year names an edition ("Billboard's 2014 list", "2013 list"), not an event.
_ANY_DIGIT = re.compile(r"\d")
# ... or whose headline and excerpt have one template's shape (`_same_shape`; of their first _SHAPE words): two
# providers' lines about two stocks, "Stock ZA rises 3%" and "Stock ZB falls 5%", in a site made of such lines, where
# no word is common enough to weigh less than the tickers.
_SHAPE = 32
_YEAR = re.compile(r"(19|20)\d\d")
# (the number taken whole, once: a shorter part of it is followed by a digit, so never stands alone, and trying
# each one back from the end read the rest of a long run of digits again each time. A lookahead's match is final,
# and the group it captures is then the match: Python 3.10 has no atomic group `(?>...)`)
_FIGURE = re.compile(r"(?<![\w.,])(?=(\d+(?:[.,]\d+)*))\1(?![\w.,]*\w)")


class _Group:
    """A story while it grows: the sum of its items' vectors and what a merge checks."""

    __slots__ = ("total", "norm2", "size", "first", "last", "providers", "shows", "sessions", "neighbours", "version")

    def __init__(self, first: float, total: dict[str, float], norm2: float, size: int,
                 neighbours: dict[int, float | None]):
        self.total = total
        self.norm2 = norm2  # |total|^2
        self.size = size
        self.first = first  # the earliest item's time (seconds)
        # the latest earliest item of the groups it grew from by text: a group of one article or of declared
        # coverage counts as at its earliest item, so a late re-post or review does not stop its story growing
        self.last = first
        self.providers: dict[str, list[int]] = {}  # each provider of its items ("": none) -> those items
        self.shows: dict[str, None] = {}  # the providers of its episodes
        # how many of its headlines take each side of a trading day (opposites.session), before the close and the
        # close, and the earliest and latest of them (seconds)
        self.sessions = [0, 0, math.inf, -math.inf]
        # roots of groups with an item alike one of ours (dicts keep order) -> the product of our totals, once known
        self.neighbours = neighbours
        self.version = 0


def _push(heap: list, found: dict, a: int, b: int, product: float, threshold: float, window: float) -> None:
    """Offer the merge of stories `a` and `b`, whose sums' product is `product`."""
    first, second = found[a], found[b]
    if not _within(first, second, window):
        return  # too far apart: stories grown by text span at most the window
    similarity = product / (math.sqrt(first.norm2 * second.norm2) or 1.0)  # their centroids' cosine
    needed = threshold * _SETTLED_SHARE if first.size >= _SETTLED and second.size >= _SETTLED else threshold
    if similarity >= needed and product >= _AVERAGE * needed * first.size * second.size:
        heapq.heappush(heap, (-similarity, a, b, first.version, second.version))


def _sessions_apart(first: list, second: list) -> bool:
    """Whether two stories are reports of two trading sessions: of a day's two sides, one before its close ("Futures
    edge lower", "Stocks open lower") and one of the close ("Stocks end lower"), every headline of each that takes a
    side taking that one (a story whose reports take both sides joins either); or of two days, their headlines that
    take a side more than _SESSION_HOURS apart ("Stocks open higher" on Monday and on Tuesday)."""
    if not (first[0] or first[1]) or not (second[0] or second[1]):
        return False
    if max(first[3], second[3]) - min(first[2], second[2]) > _SESSION_HOURS * 3600:
        return True
    return bool(first[0] and not first[1] and second[1] and not second[0]
                or first[1] and not first[0] and second[0] and not second[1])


def _session_add(sessions: list, other: list) -> None:
    sessions[0] += other[0]
    sessions[1] += other[1]
    sessions[2] = min(sessions[2], other[2])
    sessions[3] = max(sessions[3], other[3])


def _others_agree(first: _Group, second: _Group, shared: list[str], vectors: list[dict], similarity: float,
                  threshold: float) -> bool:
    """Whether two stories that both have items of the providers `shared` are one story by more than those
    providers' own words: one of them is alike the other's items of other providers (their centroids' cosine
    passes as a merge's does), or both are one provider's copies of one report (_COPY, _COPY_HOURS). A provider's
    template headlines ("Stock X rises 2%", "Weather for Leeds", "Team A 2-1 Team B") share the template's words
    and nothing else; its reports of a story others cover are alike the others' reports too."""
    needed = threshold * _SETTLED_SHARE if first.size >= _SETTLED and second.size >= _SETTLED else threshold
    product = similarity * math.sqrt(first.norm2 * second.norm2)
    for keep, cut in ((first, second), (second, first)):
        own = [index for provider in shared for index in cut.providers[provider]]
        if len(own) == cut.size:
            continue
        # the rest of `cut` is its sum less its shared providers' items (S): keep.(cut - S) and |cut - S|^2 from
        # what is known, so that the check costs those few items, not the story's size
        mine: dict[str, float] = {}
        for index in own:
            _add(mine, vectors[index])
        rest = cut.norm2 - 2 * _dot(cut.total, mine) + _norm2(mine)
        if product - _dot(keep.total, mine) >= needed * math.sqrt(keep.norm2 * max(rest, 0.0)):
            return True
    return (len(first.providers) == len(second.providers) == 1 and similarity >= _COPY
            and max(first.last, second.last) - min(first.first, second.first) <= _COPY_HOURS * 3600)


def _template(a: Prepared, b: Prepared, product: float, pairs) -> bool:
    """Whether two items are a template's lines about two events: figures that differ (`_differ`) in headlines of
    the same words but for them, in items of one template's shape (`_same_shape`) or in items nearly the same (alike
    at least _COPY); or words of opposite meaning in the site's language (`pairs`: "rises", "falls") in headlines of
    the same words but for them (in the same order, for two parties' parts: opposites.CONVERSE), in items of one
    shape or in items nearly the same; or one template's line about two subjects (`_other_subject`)."""
    if a.shape and b.shape and _other_subject(a.shape, b.shape):
        return True
    if a.figures and b.figures and _differ(a.figures, b.figures) and (
            sorted(a.headline) == sorted(b.headline) or product >= _COPY or _same_shape(a.shape, b.shape)):
        return True
    if not (pairs and a.opposites and b.opposites and opposed(pairs, a.opposites, b.opposites)):
        return False
    if product >= _COPY or _same_shape(a.shape, b.shape):
        return True
    own = {normal for word in a.opposites + b.opposites for normal in _normal(word)}  # ("up" is a stop word: none)
    a_rest, b_rest = [word for word in a.headline if word not in own], [word for word in b.headline if word not in own]
    if CONVERSE.issuperset(a.opposites + b.opposites):  # ("A beat B", "B lose to A": one match from each side)
        return a_rest == b_rest
    return set(a_rest) == set(b_rest)


def _same_shape(shape_a: str, shape_b: str) -> bool:
    """Whether two items' headline and excerpt are one template's: as many words, numbers in the same places, and
    at least half of the other words the same in the same places ("Stock ZA rises 3%. Shares of ZA rose 3% in
    trading today", "Stock ZB falls 5%. Shares of ZB fell 5% ..."); reports in their own words are not."""
    a, b = shape_a.split(" "), shape_b.split(" ")
    if len(a) != len(b):
        return False
    words = same = 0
    for x, y in zip(a, b):
        if x.isdigit() != y.isdigit():
            return False
        if not x.isdigit():
            words += 1
            same += x == y or _spelling(x) == _spelling(y)
    return 2 * same >= words


def _other_subject(shape_a: str, shape_b: str) -> bool:
    """Whether two items' headline and excerpt are one template's line about two subjects: the same words in the same
    places but one word for another, written in two places or more ("Stock ZA rises 3%. Shares of ZA rose 3% ...",
    "Stock ZB rises 3%. Shares of ZB rose 3% ..."): the template's slot (a ticker, a city, a team), filled in again.
    A name spelt two ways where it is written once ("Stacey", "Stacy" in headlines alone) is one story's."""
    a, b = shape_a.split(" "), shape_b.split(" ")
    if len(a) != len(b):
        return False
    swapped = [(x, y) for x, y in zip(a, b) if x != y]
    if len(swapped) < 2 or swapped.count(swapped[0]) < len(swapped):
        return False
    x, y = swapped[0]
    if x.isdigit() or y.isdigit():
        return False  # (other figures: `_differ`)
    return _spelling(x) != _spelling(y)  # (one name transliterated two ways: "Zelenskyy", "Zelenskiy", "Zelensky")


# Languages that write every noun with a capital: their headlines tell no names by it (German's "Regierung", "Gesetz")
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_SEPARATOR = re.compile(r"\s[-–—|]\s")  # (" - ", " – ", " — ", " | ")


def _named(title: str, seen: dict) -> tuple[str, int]:
    """A headline's words in order (`_normal`'s forms, a stop word as written), as one string, each name's with a final
    "*"; "" for a headline without a name. A name is a word written with a capital (or one inside, "iPhone"; or in
    capitals, of four letters at most: "HBO"; none that starts with a digit: "$21B" is an amount) in a headline written
    in small letters but for its names and its first word, which has a word of four letters or more, no stop word, in
    small letters ("Dalby signs new contract with Rovers"). A headline with a capital on every word ("Dalby Signs New
    Contract With Rovers", or in capitals) tells no names by itself: each of its words with a capital is marked "?",
    a name where the site's sentence-case headlines say so (`Clustering._is_name`); a script without capitals tells
    none. Its last parts after " - " or " | " without such a word are left out: a site's or a station's name ("... -
    KTVN Channel 2 - Reno"), which syndicated copies of one report each end in their own. With it, how many of those
    words the headline's first word reads as: its capital tells nothing."""
    if not title or title.islower():
        return "", 1  # (no capital at all: no name)
    if not title.isascii() and not unicodedata.is_normalized("NFKC", title):
        title = unicodedata.normalize("NFKC", title)
    parts = _SEPARATOR.split(title)
    while len(parts) > 1 and not _in_small_letters(_WORD.findall(parts[-1])):
        parts.pop()
    tokens = _WORD.findall(" ".join(parts))
    mark = "*" if _in_small_letters(tokens[1:]) else "?"
    marked, any_name, opening = [], False, 1
    for at, token in enumerate(tokens):
        lower = token.lower().replace("i\u0307", "i").replace("ı", "i")
        if lower in _STOPWORDS:
            marked.append(lower)  # (the frame is the template's words: "in Mexico" is no name for "Jared Pobre")
            continue
        if mark == "*":
            name = not token.islower() and not token[0].isdigit() and (not token.isupper() or len(token) <= 4)
        else:  # (Title Case or capitals: any word with a capital may be a name, the site's other headlines tell)
            name = not token.islower() and not token[0].isdigit() and lower != token.upper()
        any_name = any_name or name
        normals = _normal_words([lower], seen)
        if at == 0:
            opening = len(normals)
        marked += (normal + mark if name else normal for normal in normals)
    return (" ".join(marked), opening) if any_name else ("", 1)


def _in_small_letters(tokens: list[str]) -> bool:
    """Whether a word of these, of four letters or more and no stop word, is written in small letters."""
    return any(len(token) >= 4 and token.isalpha() and token.islower() and token not in _STOPWORDS for token in tokens)


def _other_names(named_a: str, named_b: str, vector_a: dict, vector_b: dict, is_name) -> bool:
    """Whether two headlines are one frame about other names (`_named`'s): the same words in the same places but
    names for names ("Dalby signs new contract with Rovers", "Hollis signs new contract with Rovers"; "Kestrel reports
    record quarter", "Brightwell reports ..."), each name of one found nowhere in the other item (its vector: headline,
    URL, excerpt, the body's start) and no name one of the other's written another way ("Kiebler", "Keibler";
    "Dalby", "Jon Dalby" is a name added, not another). A Title Case headline's word with a capital (marked "?") is a
    name where `is_name` says so (the site's sentence-case headlines write it with a capital)."""
    a, b = named_a.split(" "), named_b.split(" ")
    own_a = _slots(a, {word.rstrip("*?") for word in b}, is_name)
    own_b = _slots(b, {word.rstrip("*?") for word in a}, is_name)
    if own_a is None or own_b is None or not own_a[1] or own_a[0] != own_b[0]:
        return False
    for names_a, names_b in zip(own_a[1], own_b[1]):
        if any(name in vector_b for name in names_a) or any(name in vector_a for name in names_b):
            return False  # (the other item names it too: one event of two parties)
        if any(_variant(x, y) for x in names_a for y in names_b):
            return False
    return True


def _slots(marked: list[str], other: set[str], is_name) -> tuple[list, list[list[str]]] | None:
    """A headline's words (`_named`'s) as a frame, the words the other headline has, with a slot (None) for each run
    of its own names, and those runs; None when a word of its own is no name."""
    frame: list[str | None] = []
    slots: list[list[str]] = []
    for word in marked:
        plain = word.rstrip("*?")
        if plain in other:
            frame.append(plain)
        elif plain == word or (word[-1] == "?" and not is_name(plain)):
            return None
        elif frame and frame[-1] is None:
            slots[-1].append(plain)
        else:
            frame.append(None)
            slots.append([plain])
    return frame, slots


_PEOPLE_ENDINGS = frozenset({"ese", "ian", "ians"})  # (a place's last letter made its people's word)


def _variant(x: str, y: str) -> bool:
    """Whether two names are one written two ways: one the start of the other ("Teen", "Teenager"), or a letter or two
    apart, one for each three letters of the shorter ("Stacey", "Stacy"; "Kiebler", "Keibler"), or the shorter but its
    last letter, four letters at least, the start of the other, which ends there with a people's word's ending: a
    place and its people ("China", "Chinese"; "Ukraine", "Ukrainian"; not "Laura", "Laurent")."""
    if x.startswith(y) or y.startswith(x):
        return True
    shorter = min(len(x), len(y))
    if shorter >= 5 and x[:shorter - 1] == y[:shorter - 1] \
            and max(x, y, key=len)[shorter - 1:].casefold() in _PEOPLE_ENDINGS:
        return True
    most = max(1, shorter // 3)
    if abs(len(x) - len(y)) > most:
        return False
    row = list(range(len(y) + 1))
    for i, letter in enumerate(x, 1):
        last, row[0] = row[0], i
        for j, other in enumerate(y, 1):
            last, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, last + (letter != other))
        if min(row) > most:
            return False
    return row[-1] <= most


_TRANSLITERATED = (("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("w", "v"), ("z", "s"), ("j", "i"), ("y", "i"),
                   ("ae", "ai"))


def _spelling(word: str) -> str:
    """A name as its transliterations agree on, English's, German's and French's: "tsch", "tch" as "ch", "sch" as
    "sh", "w" as "v", "z" as "s", "j" and "y" as "i", "ae" as "ai", a doubled letter once ("Zelenskyy", "Zelenskiy",
    "Zelensky" and "Selenskyj"; "Tchaikovsky" and "Tschaikowski"; "Qaeda" and "Qaida"; "Gaddafi" and "Gadafi").
    Every word of five letters or more is read so (a word's normal form, `_normal`), so one name's spellings are one
    word of the vectors, as in `_other_subject`; words of four letters or fewer are kept as written: a ticker or a
    code one letter apart is another's ("ZBIX", "ZBYX")."""
    if len(word) <= 4:
        return word
    for spelt, read in _TRANSLITERATED:
        if spelt in word:
            word = word.replace(spelt, read)
    return "".join(letter for at, letter in enumerate(word) if at == 0 or letter != word[at - 1])


def _differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two headlines' figures (`figures`, sorted; both some) tell two events apart: neither's are all among
    the other's ("rises 4%" and "rises 1%"; not "5.25%" and "5.25% after 14 rises")."""
    less, more = (a, b) if len(a) <= len(b) else (b, a)
    left = list(more)
    for figure in less:
        if figure not in left:
            return True
        left.remove(figure)
    return False


def _within(a: _Group, b: _Group, window: float) -> bool:
    """Whether stories `a` and `b` may merge by text: the story they make spans at most the window (from its
    earliest item to the latest earliest item of the parts it grew from), whatever order its parts joined in."""
    return max(a.last, b.last) - min(a.first, b.first) <= window


def _shared(a: dict, b: dict) -> bool:
    """Whether two items' vectors share at least `_SHARED` words (pairs of words not counted: a pair is two)."""
    count = 0
    for word in a:
        if word in b and " " not in word:
            count += 1
            if count >= _SHARED:
                return True
    return False


def _add(total: dict, vector: dict) -> None:
    for word, weight in vector.items():
        total[word] = total.get(word, 0.0) + weight


def _norm2(a: dict) -> float:
    """_dot(a, a): the same products in the same order, without looking each word up again."""
    return sum([weight * weight for weight in a.values()])


def _dot(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([weight * b[word] for word, weight in a.items() if word in b])


def bag(item: StoryInput, seen: dict | None = None) -> dict[str, float]:
    """The item's words, weighted by where they stand (headline first): what clustering reads of its text,
    and depends on the item alone. `seen` caches words' normal forms (one dict for many items)."""
    seen = {} if seen is None else seen
    return _bag(item, _words(_amounts(item.title), seen), _words(_amounts(item.excerpt), seen), seen)


def _bag(item: StoryInput, title: list[str], excerpt: list[str], seen: dict) -> dict[str, float]:
    fields = (title, _url_words(item.web_url or item.original_url, seen), excerpt,
              _words(item.text[:TEXT_CHARACTERS], seen))
    bag: dict[str, float] = {}
    for found, (_, weight) in zip(fields, _FIELDS):
        for word, count in Counter(found).items():  # (1 + ln 1 is 1: most words are there once)
            bag[word] = bag.get(word, 0.0) + (weight if count == 1 else weight * (1.0 + math.log(count)))
    for pair in zip(title, title[1:]):
        key = " ".join(pair)
        bag[key] = bag.get(key, 0.0) + _PAIRS
    return bag


def _url_words(url: str, seen: dict) -> list[str]:
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return []
    # ids and dates ("idUSBREA29", "2014") are left out: they name the article, not the story; the rest are read as
    # the text's words are (`seen` keeps each spelling's reading)
    return _normal_words([w for w in re.split(r"[^a-z0-9]+", path)
                          if len(w) > 2 and w.isalpha() and w not in _URL_WORDS and w not in _STOPWORDS], seen)


def _vector(item: Prepared, idf: Mapping[str, float]) -> dict[str, float]:
    """The item's TF-IDF vector of unit length, heaviest word first, keeping its `_KEEP` heaviest words."""
    # (map and zip rather than comprehensions: the same products in the same order, for every item of the site)
    weighted = dict(zip(item.words, map(operator.mul, item.weights, map(idf.__getitem__, item.words))))
    # a stable sort: ties stay in the text's order
    kept = sorted(weighted, key=weighted.__getitem__, reverse=True)[:_KEEP]
    top = list(map(weighted.__getitem__, kept))
    norm = math.sqrt(sum(map(operator.mul, top, top))) or 1.0
    return dict(zip(kept, map(operator.truediv, top, repeat(norm))))


def figures(title: str) -> tuple[str, ...]:
    """A headline's figures, sorted: its numbers that stand alone ("4%", "5.25", "2-1", "March 10, 2014"), not
    those inside a name or a unit ("MH370", "4G", "10m", "$4.5bn")."""
    if not _ANY_DIGIT.search(title):
        return ()  # (most headlines: a plain scan, not the figure's look-arounds at every character)
    return tuple(sorted(figure for figure in _FIGURE.findall(title) if not _YEAR.fullmatch(figure)))


def words(text: str) -> list[str]:
    """Lower-case words without accents, stop words, plural s or "-ied" (as "-y"), an amount as its digits;
    Chinese, Japanese and Korean text as pairs of characters. (How stories see a headline or an excerpt.)"""
    return _words(_amounts(text), {})


def _words(text: str, seen: dict) -> list[str]:
    return _normal_words(_tokens(text), seen)


def _tokens(text: str) -> list[str]:
    """The words of a text as written, in lower case (a letter and its accent one character; full-width letters
    and digits and half-width katakana, `ＡＩ`, `２０２６`, `ｽﾏﾎ`, as their usual forms, which other reports write;
    Turkish's dotted and dotless i as i, as search's fold has them: `İZMİR` lowercases to i and a combining dot,
    which cut the word in two, and `YANGIN` is the `yangın` of a headline in small letters)."""
    if not text:
        return []
    if text.isascii():
        return _WORD.findall(text.lower())
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _WORD.findall(text.lower().replace("i\u0307", "i").replace("ı", "i"))


def _amounts(text: str) -> str:
    """A headline or an excerpt with each amount as its digits (`_amount`). (Not the body's start: read for every item,
    its digits everywhere, it doubled the time `_tokens` takes, for a word of weight 0.3.)"""
    if not text or not _ANY_DIGIT.search(text):
        return text
    if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)  # ("１.５bn")
    return _AMOUNT.sub(_amount, text)


# An amount: a number and its scale ("1.5bn", "1.5 billion", "$1,500m"; a letter alone, "m", "b", only after a
# currency's sign: "100m" is a sprint), read as one word (`_amount`)
_AMOUNT = re.compile(r"(?i)(?<![\w.,])([$€£¥]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?"
                     r"(thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b|t)\b")
_SCALES = {"thousand": 3, "k": 3, "million": 6, "mln": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9, "b": 9,
           "trillion": 12, "tn": 12, "t": 12}


def _amount(found: re.Match) -> str:
    """An amount as its digits ("1.5bn", "$1,500m": " 1500000000 "), so that every way of writing it is one word;
    a number and a letter without a currency's sign as written."""
    sign, whole, part, scale = found.groups()
    if len(scale) == 1 and not sign:
        return found.group(0)
    digits = whole.replace(",", "") + (part or "")
    zeros = _SCALES[scale.lower()] - len(part or "")
    if zeros < 0:
        return found.group(0)  # (more decimals than the scale has digits: as written)
    return f" {(digits + '0' * zeros).lstrip('0') or '0'} "


def _normal_words(tokens: list[str], seen: dict) -> list[str]:
    out: list[str] = []
    for raw in tokens:
        normal = seen.get(raw)
        if normal is None:
            normal = seen[raw] = _normal(raw)
        out += normal
    return out


def _korean_stem(word: str) -> str:
    """A Korean word without its particle or ending (_HANGUL_ENDINGS): `삼성전자가` is `삼성전자`."""
    for ending in _HANGUL_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 2 and _HANGUL.fullmatch(stem[-1]) and _HANGUL.fullmatch(stem[-2]):
            return stem
    return word


def _normal(word: str) -> tuple[str, ...]:
    """A word's normal forms (most words have one, stop words none); each spelling is worked out once."""
    if not word.isascii():
        if not _UNSPACED_CJK.search(word) and _HANGUL.search(word):  # (Korean writes spaces: a word is a word)
            return (_korean_stem(word),)
        if _CJK.search(word):
            return tuple(word[i:i + 2] for i in range(max(1, len(word) - 1)))
        word = _ACCENTS.sub("", unicodedata.normalize("NFKD", word))
    if len(word) < 2 or word in _STOPWORDS:
        return ()
    return (_spelling(_stem(word)),)


def _stem(word: str) -> str:
    # "-ies" and "-ied" both to "y": "marries", "married" and "marry" are one word; "-es" after a hiss, "-ing" and
    # "-ed" away: "launches", "launched", "launching" and "launch" are one word, as one event told in another tense
    # is one story (a final "e" is kept: without it "finale" is "final")
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return word[:-2]
    if len(word) > 4 and word.endswith(("che", "she")):  # so that "caches" meets "cache", "noches" "noche"
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 6 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 5 and word.endswith("ed"):
        return word[:-2]
    return word
