"""Site search: newsdesk's own static index, made from the model (not from HTML), searched in the
browser by themes/default/static/search/search.js. This module plans it: which documents, and their records.

Every published story is a document, as the list pages show it: an item alone, or the items of a story
(generator/site/stories.py), shown as its lead's card. Each item's title, topic names (and their shortnames),
provider and author names, excerpt, kind (its type's words as the site shows them, the word for free of an
offer of 0: kind_words; and its price: price_words) and body text are cut into words (`spelled`, which the client
repeats exactly; beside them, the words hyphens join, `compounds`, those dots, "#" and "++" make, `literals`, two
words side by side one of them short, `joins`, and the other members of a synonym group a field writes one of,
`_synonyms`) and each word is
stemmed as written with the Snowball stemmer of the site's `language`, then the stem folded (`terms`; the client
runs the same algorithm, translated to JavaScript by scripts/snowball_js.py); a word whose folded letters
(`tokens`) stem to another term is listed under that too, for queries typed without accents. Each term gets a
posting list of (document, impact): a BM25 weight of its body frequency, normalised by the item's length against a
fixed length (so adding a story never changes another's weights), plus a bonus for each field it is in (title >
topic, provider and author names > excerpt > kind); a story's impact is its items' highest. The client multiplies
impacts by the term's rarity (idf, from the document frequency each list carries). Pairs of adjacent terms (`_a b`) make
quoted phrases exact, and `t:SLUG` / `p:SLUG` terms list the stories of a topic or provider (of any of a story's
items), for filters. Document ids go from the oldest story to the newest: a higher id is a newer story (sorting
by date and ties use it). The output is byte-identical for the same input; `source` (a digest of everything the
index is made from) lets a build keep the live index when nothing in it would change.

The stages, each a module of its own:

    search.py            the documents and their records (plan_index), the digest of the input (index_source)
    search_tokens.py     a text's words as written and folded (spelled, tokens, fold), a body's text
    search_compounds.py  the words a text makes beside them (compounds, camel_parts, literals, joins)
    search_stems.py      words -> terms: the Snowball stemmer of the site's language (stemmer, terms)
    search_optional.py   the language's function words, which a query need not match
    search_latin.py      the Latin spellings of a Cyrillic or Greek script's letters, which a query may type
    search_hangul.py     Korean words in Latin letters (romanised), which a Korean site's index lists them by too
    search_tasks.py      the stories' terms and impacts, in tasks a helper process runs (index_tasks, index_task)
    search_files.py      the tasks' results joined and written as the index's files (index_files, shard_file)

Running the tasks across processes and writing the files is the build's (generator/build/search_index.py).
"""

from __future__ import annotations

import hashlib
import itertools
import marshal
import operator
import unicodedata
from dataclasses import dataclass

from generator import __version__
from generator.config.values import Config
from generator.i18n import facts, load_words
from generator.languages import KOREAN_PARTICLES
from generator.plan.feeds import html_datetime
from generator.plan.pictures import candidates, resized, with_copies
from generator.plan.search_hangul import romanises
from generator.plan.search_latin import latin_letters
from generator.plan.search_optional import optional_words
from generator.plan.search_stems import stemmer_name
from generator.plan.search_tokens import casing, fold, spelled
from generator.site.grouping import declared
from generator.site.local_pictures import LocalCopies
from generator.site.model import Item, Site
from generator.site.text import BIDI, bidi_closed, cut_at_word, spaces_made_one
from generator.site.types import badge, list_key, title_word
from generator.urls import resized_url

FORMAT = 36  # bump when the files or the tokeniser change: the live index is then made again, and the client checks it
EXCERPT_CHARS = 200
THUMBNAIL = 480  # pixels: a result's picture asked of a `picture_resizer`, as a card's (plan.pictures)
WIDEST_SHOWN = 528  # device pixels of a result's thumbnail at most: a list card's 11rem at 3 a CSS pixel
# `image` is the result's `src`; `srcset` the picture's sizes as a card offers them ([[URL, width], ...], or []), so
# that a phone takes a copy of its 76-pixel thumbnail's width, not the desktop's. A type's badge is its `type_word`
# (`badge_video`: search.js says it from the page's words) or, for a type the theme does not know, its `type`.
FIELDS = ("url", "title", "excerpt", "provider", "provider_slug", "published", "date", "topics", "image",
          "heat", "type", "type_word", "sources", "facts", "srcset")


@dataclass(frozen=True)
class SearchIndex:
    """What the index is made of: its documents in order, their records and a digest of both."""

    members: tuple[tuple[Item, ...], ...]  # document id -> the items of its story, the one it shows first
    docs: tuple[tuple, ...]  # document id -> its record (FIELDS)
    source: str  # digest of every input of the index (stored in meta.json)
    stemmer: str | None = None  # Snowball algorithm of the site's language
    casing: str = ""  # how the site's language lowercases (casing())
    facets: tuple = ((), ())  # ((topic slug, name), ...), ((provider slug, name), ...) in site order
    optional: tuple[str, ...] = ()  # the language's function words, folded: a query need not match them
    shortnames: tuple = ()  # (topic slug, its shortname), for the topics that have one: a story's labels name it too
    kinds: tuple = ()  # (type, its words as the site shows them) for the site's types but articles: kind_words
    free: str = ""  # the site's word for free, which an offer of 0 shows (Words.price)
    # Groups of words that mean the same (config's search_synonyms, then each topic's name and shortname): a story
    # that writes one member is indexed by the others' words too (_synonyms)
    synonyms: tuple[tuple[str, ...], ...] = ()
    prices: tuple = ()  # (price, amount, currency) -> the price as the site's cards show it, for the items with one
    latin: tuple = ()  # (letter, its Latin spellings) of the site's script, which a query typed in Latin spells
    hangul: bool = False  # whether a Hangul word is indexed by its romanisation too (a Korean site: search_hangul)


# What index_source hashes of an item, besides its provider, time and pictures: what a record or a task reads
_KEYED = operator.attrgetter("path", "title", "excerpt", "topics", "topic_names", "heat", "type", "length", "size",
                             "size_bytes", "price", "price_amount", "price_currency", "author", "digest")
_PICTURE = operator.attrgetter("url", "width", "height")


def index_source(site: Site, config: Config, copies: LocalCopies | None = None) -> str:
    """A digest of every input of the index, as plan_index and index_tasks read them (SearchIndex.source, kept in
    meta.json): a build compares it with the live index's to see whether to make the index again, without
    planning it. Cheap: the values are hashed as they are, not as the records write them.

    Each published item's fields that a record or a task reads (its body by the file's digest: the body is
    made from the file and the Markdown engine alone), where it stands and its story; the stories; the
    topics' and providers' names; the config keys plan_index reads; the theme's words (dates, badges, facts)
    and the manifest of the pictures' copies (thumbnails)."""
    words = load_words(config)
    # (Python's Unicode tables fold and split the words, as task_key says)
    described: list = [("newsdesk search", FORMAT, __version__, unicodedata.unidata_version, config.markdown_engine,
                        stemmer_name(config.language), casing(config.language), config.timezone,
                        config.picture_resizer, words.digest, copies.digest if copies else "",
                        tuple(optional_words(config.language)), config.search_synonyms,
                        sorted(latin_letters(config.language).items()), KOREAN_PARTICLES,
                        romanises(config.language))]
    add, story_of = described.append, site.story_of.get
    for index, item in enumerate(site.items):
        if item.is_published:
            provider, published = item.provider, item.published
            # (an instant as its timestamp and microsecond: exact, and cheaper than its text)
            add((index, story_of(index, -1), _KEYED(item), provider.name if provider else None,
                 provider.slug if provider else "", published.timestamp(), published.microsecond,
                 tuple(map(_PICTURE, item.images)),
                 # (an item alone counts the coverage it declares that no item is, which other items' URLs decide)
                 len(declared(site, index, (index,))) if item.related and story_of(index) is None else 0))
    add(tuple((story.lead, story.members, story.newest.timestamp(), story.newest.microsecond, story.sources)
              for story in site.stories))
    add(tuple((slug, topic.name, topic.shortname) for slug, topic in site.topics.items()))
    add(tuple((slug, provider.name) for slug, provider in site.providers.items()))
    # (marshal's version 2: the same values give the same bytes, shared or not)
    return hashlib.sha256(marshal.dumps(described, 2)).hexdigest()


def plan_index(site: Site, config: Config, copies: LocalCopies | None = None, source: str = "") -> SearchIndex:
    """The documents to index and their records. `copies`: those of pictures that `newsdesk pictures` made;
    `source`: index_source(site, config, copies), when the caller has it already.

    A document is a story, as the list pages show it (pages.one_per_story): an item alone, or a story of
    several items, found by the words of any of them and shown as its lead's card with "+N sources" and the
    story's newest time. Only published items are in it (drafts stay out even in a --drafts build)."""
    published = [index for index, item in enumerate(site.items) if item.is_published]
    groups: list[tuple[int, ...]] = []  # per document, newest first: the item it shows, then the others
    seen: set[int] = set()
    for index in published:  # site.items is newest first, so a story stands where its newest item does
        number = site.story_of.get(index)
        if number is None:
            groups.append((index,))
        elif number not in seen:
            seen.add(number)
            story = site.stories[number]
            shown = [i for i in story.members if site.items[i].is_published]
            lead = story.lead if story.lead in shown else shown[0]
            groups.append((lead, *(i for i in shown if i != lead)))
    groups.reverse()  # document ids go from the oldest to the newest
    zone = config.zone
    words = load_words(config)
    optional = tuple(sorted({fold(word) for word in optional_words(config.language)}))
    docs = []
    for group in groups:
        item = site.items[group[0]]
        number = site.story_of.get(group[0])
        story = site.stories[number] if number is not None else None
        local = (story.newest if story else item.published).astimezone(zone)
        image = _thumbnail(item.image, config.picture_resizer, copies) if item.image else ""
        srcset = _sizes(item.images, config.picture_resizer, copies) if image else []
        docs.append((item.path, item.title, _shorten(item.excerpt), item.provider.name if item.provider else "",
                     item.provider.slug if item.provider else "", html_datetime(local),
                     words.date(local, "short"),  # as the cards write it (templates/partials/card.html)
                     [[slug, site.topics[slug].name if slug in site.topics else slug] for slug in item.topics],
                     image, round(item.heat, 1), *_type_badge(item.type, words, item.title),
                     story.sources if story else len(declared(site, group[0], (group[0],))) if item.related else 0,
                     # (as pages.coverage counts)
                     # as the cards show them; a length as [text, spoken, iso] (i18n.Fact)
                     [[fact.text, fact.spoken, fact.iso] if fact.iso else fact.text for fact in facts(words, item)],
                     srcset))
    facets = (tuple((slug, topic.name) for slug, topic in site.topics.items()),
              tuple((slug, provider.name) for slug, provider in site.providers.items()))
    members = tuple(tuple(site.items[index] for index in group) for group in groups)
    shortnames = tuple((slug, topic.shortname) for slug, topic in site.topics.items() if topic.shortname)
    kinds = tuple((kind, kind_words(kind, words)) for kind in sorted({item.type for item in site.items}))
    # (a topic's name and shortname name one thing: a story that writes "Common Data Service" without the topic is
    # found by "CDS" too, and one that writes "CDS" by its name)
    synonyms = config.search_synonyms + tuple((topic.name, topic.shortname) for topic in site.topics.values()
                                              if topic.shortname and spelled(topic.shortname) != spelled(topic.name))
    prices = {}
    for item in itertools.chain.from_iterable(members):
        if item.price or item.price_amount is not None:
            key = (item.price, item.price_amount, item.price_currency)
            if key not in prices:
                prices[key] = price_words(item, words)
    return SearchIndex(members, tuple(docs), source or index_source(site, config, copies),
                       stemmer_name(config.language), casing(config.language), facets, optional, shortnames,
                       tuple((kind, text) for kind, text in kinds if text), words.t("price_free"), synonyms,
                       tuple(prices.items()), tuple((letter, tuple(spellings))
                                                    for letter, spellings in latin_letters(config.language).items()),
                       romanises(config.language))


def price_words(item: Item, words) -> str:
    """An item's price as search finds it: as its card shows it (i18n.facts: "$9.90", "9,90 €", "Free") and, for
    an offer, its amount as a number with a dot ("9.90", "10"), which readers type whatever the site's language."""
    if item.price_amount is None:
        return item.price
    amount = item.price_amount
    plain = str(int(amount)) if float(amount).is_integer() else f"{amount:.2f}"
    return f"{words.price(amount, item.price_currency)} {plain}"


def kind_words(kind: str, words) -> str:
    """The words a site shows for an item of type `kind`, which search finds it by: its card's badge ("Vídeo") and
    its list's title ("Vídeos"; the stemmer joins most plurals, not every language's), or the type's own word for a
    type the theme does not know ("Webinar"); "" for an article."""
    text, _ = badge(kind, words)
    if not text:
        return ""
    word = title_word(list_key(kind))
    return f"{text} {words.t(word)}" if word and word in words.entries else text


def _type_badge(kind: str, words, title: str) -> tuple[str, str]:
    """A result's `type` and `type_word` (FIELDS): types.badge, its word or else its text (none before a `title`
    that names the type first, as on the cards)."""
    text, word = badge(kind, words, title)
    return ("", word) if word else (text, "")


def _thumbnail(image, resizer: str, copies: LocalCopies | None = None) -> str:
    """A result's picture: the narrowest of its local copies as wide as a card's (templates/partials/card.html,
    plan.pictures), or their widest; else, with a `picture_resizer`, a copy of that width when the picture is
    another site's and wider or of unknown width."""
    made = copies.get(image.url) if copies else None
    if made and made[1]:
        return next((copy.url for copy in made[1] if (copy.width or 0) >= THUMBNAIL), made[1][-1].url)
    if resizer and image.remote and (image.width or THUMBNAIL + 1) > THUMBNAIL:
        return resized_url(resizer, image.url, THUMBNAIL)
    return image.url


def _sizes(images, resizer: str, copies: LocalCopies | None = None) -> list[list]:
    """A result's picture in the sizes a card's <img> offers (plan.pictures.picture): [[URL, width], ...],
    narrowest first, or [] when there is one."""
    images, copied = with_copies(images, copies)
    given = candidates(images)
    found = resized(given, resizer) if resizer and not copied else given
    if len(found) < 2 or not all(image.width for image in found):
        return []
    # up to the first wide enough for the widest result's thumbnail: no browser takes a wider one, and each is
    # a URL more in every record
    wide = next((n for n, image in enumerate(found) if image.width >= WIDEST_SHOWN), len(found) - 1)
    return [[image.url, image.width] for image in found[:wide + 1]]


def _shorten(text: str) -> str:
    text = spaces_made_one(text)  # (a number's no-break spaces kept: "1 999" is one word, as the card writes it)
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = cut_at_word(text, EXCERPT_CHARS).rstrip(" ,;:.")
    # (a direction override the cut takes the end of is closed, as the whole excerpt's was: text.bidi_closed)
    return (bidi_closed(cut) if BIDI.search(cut) else cut) + "…"
