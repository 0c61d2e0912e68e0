"""Which field each front matter key is: the known fields (KNOWN_FIELDS, and those of an item's provider,
pictures and related stories), keys that spell one in another case or with `_`, `-` or spaces between its
words (`Title`, `published_date_time`), other writers' names of a field (Hugo's `tags`, JSON-LD's
`headline`), and a key that is a typo of one, said with a warning."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from types import MappingProxyType

from generator.site.notes import Notes


KNOWN_FIELDS = frozenset({
    "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "type",
    "quality", "heat", "published", "provider", "topics", "images", "related", "secured", "featuredContent",
    "price", "length", "category", "slug", "size", "image", "author", "authors", "aliases", "firstSeenDateTime",
    "language",
})

# An item's keys that are no field looked at for a typo of one (`exerpt`): a crawler's record of thousands of keys
# of its own holds no typos, and looking at each (difflib) cost more than all else the item's reading did
MAX_KEYS_LOOKED_AT = 100

# The fields of the mappings inside an item (a provider, each picture, each related story).
_IMAGE_FIELDS = frozenset({"url", "src", "contentUrl", "href", "width", "height"})
_NESTED_FIELDS = MappingProxyType({
    "provider": frozenset({"name", "domain", "images", "url", "logo", "account", "_id"}),
    "images": _IMAGE_FIELDS,
    "related": frozenset({"title", "webUrl", "originalUrl", "url", "publishedDateTime", "provider", "excerpt",
                          "type", "quality"}),
})


@lru_cache(maxsize=1 << 12)  # (a site's items write a few dozen keys, each item asks for each of them and more)
def words_of(key) -> str:
    """A key as compared across spellings: `PublishedDateTime`, `published_date_time`, `Published-Date-Time`
    and `publisheddatetime` are one."""
    return KEY_SEPARATORS.sub("", key).casefold() if isinstance(key, str) else ""


KEY_SEPARATORS = re.compile(r"[\s_-]+")


@lru_cache(maxsize=None)  # (a few field sets, asked for each item)
def _field_words(fields: frozenset) -> dict[str, str]:
    """{a field's words (words_of): the field} of a set of fields."""
    return {words_of(name): name for name in fields}


# Fields that other writers name otherwise: Hugo's and Jekyll's front matter (`description`, `summary`, `tags`,
# `categories`), JSON Feed's and schema.org's (`url`, `summary`, `thumbnailUrl`, `publisher`, `keywords`, a
# video's `duration`, a product's `offers`; JSON-LD's `headline`, `mainEntityOfPage`, `@type`), RSS's (`link`),
# WordPress's (`featured_image`). Each is read as its field when the item gives neither that field nor those
# that stand for it (the second of each), with a warning to rename it, as `date` is read as
# `publishedDateTime`; it stays in `item.extra` too, for templates that read it there.
_OTHER_NAMES = (
    ("title", ("title",), ("headline",)),
    ("excerpt", ("excerpt",), ("description", "summary")),
    ("webUrl", ("webUrl", "originalUrl"), ("url", "link", "canonicalUrl", "permalink", "mainEntityOfPage")),
    ("type", ("type",), ("@type",)),
    ("image", ("image", "images"), ("thumbnail", "thumbnailUrl", "featuredImage")),
    ("topics", ("topics",), ("tags", "categories", "keywords")),
    ("provider", ("provider",), ("publisher",)),
    ("length", ("length",), ("duration",)),
    ("price", ("price",), ("offers",)),
    # (a draft written `isPublished: false`, as Contentful, Strapi and other CMSs' APIs name the flag, was published)
    ("published", ("published",), ("isPublished",)),
    ("aliases", ("aliases",), ("redirect_from",)),  # (Jekyll's jekyll-redirect-from)
)


def _each_once(values: list) -> list:
    """`values` without a repeated name (a record, `{name: AI}`, is kept as it is: topics_field reads it)."""
    seen: set = set()
    return [value for value in values if not isinstance(value, (str, int, float))
            or (value not in seen and not seen.add(value))]


# The keys a file may give its pictures by, as messages about them name the one it writes (in words_of's form)
PICTURE_KEYS = frozenset(words_of(name) for name in ("images", "image", "thumbnail", "thumbnailUrl", "featuredImage"))
_TAXONOMIES = frozenset(words_of(name) for name in ("tags", "categories", "keywords"))
_ALIASES = frozenset(words_of(name) for name in ("aliases", "redirect_from"))
_OLD_ADDRESS = re.compile(r"/(?!/)")  # (a path of the old site; `//host/x` is an address without its scheme)

# Other writers' names of the date (Hugo's, RSS's, schema.org's, NewsAPI's ...), read when the item gives none
OTHER_DATE_KEYS = ("date", "pubDate", "publishDate", "publishedDate", "published_date", "publishedAt",
                   "published_at", "datePublished")


def jekyll_post(path: str, form: str) -> bool:
    """Whether the file at `path` is one Jekyll reads as a post: in a `_posts` folder, named `YYYY-MM-DD-title`,
    with YAML front matter (Jekyll reads no other). Only there is a taxonomy's string read as Jekyll reads it
    (split_as_jekyll): Hugo keeps `tags: "machine learning"` one term, and so does newsdesk elsewhere."""
    folders, _, name = path.rpartition("/")
    return form == "yaml" and "_posts" in folders.split("/") and bool(_DATED_NAME.match(name))


_DATED_NAME = re.compile(r"\d{4}-\d{2}-\d{2}-")


def split_as_jekyll(meta: dict) -> tuple[dict, frozenset]:
    """`meta` with its `tags` and `categories` given as one string of names split on spaces, as Jekyll reads
    them in a post (`categories: politics world` is two categories), and the keys split. A string with a comma
    or a semicolon is left to topics_field, which lists by those."""
    split = {key: value.split() for key, value in meta.items() if isinstance(key, str) and isinstance(value, str)
             and words_of(key) in _JEKYLL_LISTS and len(value.split()) > 1 and not _LIST_MARKS.search(value)}
    return ({**meta, **split}, frozenset(split)) if split else (meta, frozenset())


_JEKYLL_LISTS = frozenset(words_of(name) for name in ("tags", "categories"))
_LIST_MARKS = re.compile(r"[,;]")


def named_otherwise(meta: dict, notes: Notes, jekyll: bool = False) -> dict:
    """`meta` with the fields of _OTHER_NAMES that it gives under another writer's name; `jekyll`: the file is a
    Jekyll post (jekyll_post), whose taxonomies' strings are read as Jekyll reads them."""
    meta, split = split_as_jekyll(meta) if jekyll else (meta, frozenset())
    words = {words_of(key): key for key in meta if isinstance(key, str)}
    found = {}
    for field, given, others in _OTHER_NAMES:
        if any(name in meta for name in given):
            continue
        keys = [words[words_of(other)] for other in others
                if words_of(other) in words and meta[words[words_of(other)]] not in (None, "", [], {})]
        if field == "webUrl":
            keys = [key for key in keys if not _said_old_address(key, meta, notes)]
        key = keys[0] if keys else None
        if key is not None:
            value = meta[key]
            if field == "webUrl" and isinstance(value, dict):  # (JSON-LD's `{"@type": WebPage, "@id": URL}`)
                value = value.get("@id") or value.get("url")
            lists = [name for name in meta if isinstance(name, str) and words_of(name) in _TAXONOMIES
                     and isinstance(meta[name], list) and meta[name]] if field == "topics" else []
            if len(lists) > 1:  # (Jekyll's and Hugo's `tags` and `categories`: both are the post's topics)
                key, value = lists[0], _each_once([name for listed in lists for name in meta[listed]])
                named = ", ".join(f"`{name}`" for name in lists[:-1]) + f" and `{lists[-1]}`"
                notes.aliases.setdefault(field, key)
                notes.warn(field, f"{named} are read as `{field}`, which is not given",
                           f"write them as one list under `{field}`: `{notes.written(field, value)}`")
                found[field] = value
                continue
            found[field] = value
            notes.aliases.setdefault(field, key)  # (what is said of the field is said at this key's line)
            notes.warn(field, f"`{key}` is read as `{field}`, which is not given",
                       f"write them as a list under `{field}`: `{notes.written(field, value)}`" if key in split
                       else f"rename `{key}` to `{field}`")
    return {**meta, **found} if found else meta


def _said_old_address(key: str, meta: dict, notes: Notes) -> bool:
    """Whether `key` is Jekyll's or Hugo's `permalink`, or Hugo's `url`, giving the old site's own address of the
    post (`/culture/tram-line/`, `old-post.html`), no story's: renamed `webUrl` it would still be left out (or
    taken for a host, `https://old-post.html/`), and what keeps it working is `aliases`. Said so, if it is."""
    path = old_address(meta[key]) if words_of(key) in _OLD_ADDRESS_KEYS else ""
    if not path:
        return False
    kept = any(words_of(name) in _ALIASES for name in meta if isinstance(name, str))
    notes.warn(key, f"`{key}` is the old site's address of this post: it is left out",
               "remove it: `aliases` keeps the old address" if kept else
               f"keep the old address working with `{notes.written('aliases', path)}` (see Old addresses in the "
               f"content format), and remove `{key}`")
    notes.aliases.setdefault(key, key)  # (said: not a key to look at for a typo)
    return True


_OLD_ADDRESS_KEYS = frozenset(words_of(name) for name in ("permalink", "url"))
_NOT_IN_A_PATH = re.compile(r"[:?#\s]")


def old_address(value) -> str:
    """The old site's path of a post that its `permalink` or `url` gives, as `aliases` writes it: `/x/` as it is,
    Hugo's `x/` or `x.html` (relative to the site's root) with a `/` before it; "" for any other value (a full
    address, `//host/x`, a host without its scheme: a story's)."""
    text = value.strip() if isinstance(value, str) else ""
    if _OLD_ADDRESS.match(text):
        return text
    # (without its first `/`: a page's folder or file, `2019/03/old-post/`, `old-post.html`, whose first part is
    # no host, `news.example/story/`)
    first, slash, _ = text.partition("/")
    page = text.lower().endswith(("/", ".html", ".htm")) and not _NOT_IN_A_PATH.search(text)
    return "/" + text if page and first and (not slash or "." not in first) else ""


def spelled_as_known(mapping: dict, fields: frozenset, notes: Notes, section: str = ""
                      ) -> tuple[dict, dict[str, str]]:
    """`mapping` with each key that spells a known field in another case or with `_`, `-` or spaces between
    its words (`Title`, `published_date_time`, a picture's `URL`: as other crawlers' serialisers write them)
    read as that field, and {field: key as written} of those; when the field is given too, it is used, with a
    warning. The keys of one mapping, as the readers below then read it (nested_spelled_as_known)."""
    words = _field_words(fields)
    aliases: dict[str, str] = {}
    for key in mapping:
        if isinstance(key, str) and key not in fields:
            known = words.get(words_of(key))
            if known and known in mapping:
                where = f" in `{section}`" if section else ""
                notes.warn((section or key, key) if section else key, f"`{key}`{where} is `{known}` written "
                           f"again: `{known}` is used", "remove the one you do not mean")
            elif known and known not in aliases:
                aliases[known] = key
    if not aliases:
        return mapping, aliases
    return {next((field for field, written in aliases.items() if written == key), key): value
            for key, value in mapping.items()}, aliases


def nested_spelled_as_known(meta: dict, notes: Notes) -> dict:
    """`meta` with the keys of its provider, pictures and related stories (and theirs) read as
    spelled_as_known reads the item's."""
    def entries(value, fields, section):
        if isinstance(value, dict):
            return one(value, fields, section)
        if isinstance(value, list):
            return [one(entry, fields, section) if isinstance(entry, dict) else entry for entry in value]
        return value

    def one(entry, fields, section):
        entry = spelled_as_known(entry, fields, notes, section)[0]
        if fields is _NESTED_FIELDS["provider"]:
            for key in ("images", "logo"):
                if key in entry:
                    entry = dict(entry, **{key: entries(entry[key], _IMAGE_FIELDS, section)})
        elif fields is _NESTED_FIELDS["related"] and "provider" in entry:
            entry = dict(entry, provider=entries(entry["provider"], _NESTED_FIELDS["provider"], section))
        return entry

    changed = {key: entries(meta[key], _NESTED_FIELDS[key if key != "image" else "images"], key)
               for key in ("provider", "images", "image", "related") if isinstance(meta.get(key), (dict, list))}
    return dict(meta, **changed) if changed else meta


def check_keys(meta: dict, notes: Notes) -> None:
    """Warn about a key that is a typo of a known one (`exerpt`, a provider's `domian`), or one of a
    provider's or picture's that lost its indent under an empty `provider:`; other unknown keys are kept
    for templates without a word (crawlers write fields of their own: a picture's `isCached`)."""
    read = set(notes.aliases.values())  # (a key read as a field, as another writer names it: said already)
    looked = 0  # unknown keys looked at for a typo, at most MAX_KEYS_LOOKED_AT
    for key in meta:
        if (isinstance(key, str) and key not in KNOWN_FIELDS and key not in read
                and words_of(key) not in _field_words(KNOWN_FIELDS)):
            looked += 1
            # (a field spelled otherwise is read, or said: spelled_as_known)
            known = _close_to(key, KNOWN_FIELDS) if looked <= MAX_KEYS_LOOKED_AT else ""
            owner = next((section for section, fields in _NESTED_FIELDS.items()
                          if key in fields and section in meta and meta[section] is None), None)
            # (`titel:` where `title` is missing: the error is at the typo's line, not "add a `title` line")
            missing = next((n for n, (at, message, _) in enumerate(notes.errors)
                            if known and at is None and message == f"missing `{known}`"), None)
            if missing is not None:
                notes.errors[missing] = (key, f"missing `{known}`: `{key}` is not a known field",
                                         f"rename `{key}` to `{known}`")
            elif known:
                notes.warn(key, f"`{key}` is not a known field; did you mean `{known}`?",
                           f"rename it to `{known}`, or it is ignored")
            elif owner:
                notes.warn(key, f"`{key}` is not a field of an item but of its `{owner}`, which is empty",
                           notes.moved_under(owner, key))
    nested = [(section, entry) for section in _NESTED_FIELDS
              for entry in (meta.get(section) if isinstance(meta.get(section), list) else [meta.get(section)])]
    nested += [(f"{section}.provider", entry["provider"]) for section, entry in nested if section == "related"
               and isinstance(entry, dict) and isinstance(entry.get("provider"), dict)]
    nested += [(f"{section}.images", image) for section, entry in nested if section.endswith("provider")
               and isinstance(entry, dict) and isinstance(entry.get("images"), list) for image in entry["images"]]
    said = set()
    for section, entry in nested:
        fields = _NESTED_FIELDS[section.rsplit(".", 1)[-1]]
        for key in entry if isinstance(entry, dict) else ():
            unknown = isinstance(key, str) and key not in fields and words_of(key) not in _field_words(fields)
            looked += unknown
            known = unknown and looked <= MAX_KEYS_LOOKED_AT and _close_to(key, fields)
            if known and (section, key) not in said:
                said.add((section, key))
                notes.warn((section.split(".")[0], key), f"`{key}` in `{section}` is not a known field; "
                           f"did you mean `{known}`?", f"rename it to `{known}`, or it is ignored")


def _close_to(key: str, fields) -> str:
    """The known field `key` is a typo of (in another case, or a letter or two off), or ""."""
    by_case = {name.lower(): name for name in fields}
    close = by_case.get(key.lower()) or difflib.get_close_matches(key, fields, 1, 0.8)
    return close if isinstance(close, str) else close[0] if close else ""
