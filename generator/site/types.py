"""The site's lists of items by type: a way in to its videos, downloads, podcasts... besides the news.

Articles are the site itself (Latest, Top, Hot); every other type the site has gets a list of its own,
newest first. Items are grouped by what their cards call them (model.type_label), so that every type a
crawler writes that has no name of its own ("Other") shares one list. Known types get a plural path at the
site's root (videos/, downloads/); any other under types/ (types/webinar/, types/other/), where no name can
clash with the site's own folders (topics/, news/ ...).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from generator.i18n import Words
from generator.site.model import OTHER_LABEL, Item, type_label
from generator.urls import slugify

# Known type -> (its list's path, its title); the order is the header's.
KNOWN = {
    "video": ("videos/", "Videos"),
    "audio": ("audio/", "Audio"),
    "podcast": ("podcasts/", "Podcasts"),
    "download": ("downloads/", "Downloads"),
    "event": ("events/", "Events"),
    "course": ("courses/", "Courses"),
}


@dataclass(frozen=True)
class TypeList:
    """One type's list, as the header links to it."""

    key: str  # the type ("video"), or the slug of its label for other types ("webinar", "other")
    path: str  # URL path of its first page: "videos/", "types/webinar/"
    title: str  # "Videos", "Webinar"


OTHER = "other"  # the key of the list of the types a card cannot show as written (and of a crawler's `type: other`)

# A known list's name as a type (`type: videos`, a crawler's taxonomy) is in that list: a list of its own had the
# same title ("Videos" twice in the header, each with half of them).
_BY_LIST_NAME = {path.rstrip("/"): key for key, (path, _) in KNOWN.items()}


def title_word(key: str) -> str:
    """The theme's word that titles the type list `key` (`type_video` ..., `type_other` for the list of the types
    a card cannot show as written); "" for a list titled by its type's own text ("Webinar")."""
    return f"type_{key}" if key in KNOWN or key == OTHER else ""


def titled(listed: TypeList, words: Words) -> TypeList:
    """A type list with its title in the site's language: a known type's (`type_video` ... in the theme's words)."""
    word = title_word(listed.key)
    if word and word in words.entries:
        return dataclasses.replace(listed, title=words.t(word))
    return listed


def badge(kind: str, words: Words, title: str = "") -> tuple[str, str]:
    """What a card's badge says of an item of type `kind` in the site's language, and the theme's word that is
    (`badge_video` ..., `badge_other`), or "" for a type shown as the crawler wrote it ("Podcast-episode": the
    content's text, in the content's language). ("", "") for an article, which has none, and for an item whose
    `title` names it first (badge_before)."""
    label = type_label(kind)
    word = f"badge_{kind}" if kind in KNOWN else "badge_other" if label == OTHER_LABEL else ""
    return badge_before(title, (words.t(word), word) if word and word in words.entries else (label, ""))


def badge_before(title: str, shown: tuple[str, str]) -> tuple[str, str]:
    """A badge's (text, word) `shown` before `title`, or ("", "") when the headline opens with the badge's words
    (`VIDEO | ...`, `[Video] ...`, `Podcast: ...`, as many sites title them): a badge before it would say them
    twice. `Videogiochi ...` does not."""
    if not title or not shown[0]:
        return shown
    head, text = title.lstrip("[( ").casefold(), shown[0].casefold()
    return ("", "") if head.startswith(text) and not head[len(text):len(text) + 1].isalnum() else shown


def list_path(key: str) -> str:
    """URL path of the first page of the list with this key."""
    return KNOWN[key][0] if key in KNOWN else f"types/{key}/"


@functools.lru_cache(maxsize=4096)  # (asked for every item of the site, whose types are few)
def list_key(kind: str, language: str = "") -> str:
    """The key of the list an item of type `kind` is in, as the site's `language` writes it in an address (urls.slugify:
    `types/uebertragung/` on a German site); "" for an article (in none)."""
    if kind in KNOWN:
        return kind
    label = type_label(kind)
    if not label:
        return ""
    key = slugify(label, language=language) or OTHER
    return _BY_LIST_NAME.get(key, key)


def type_lists(items: tuple[Item, ...], language: str = "") -> tuple[tuple[TypeList, tuple[int, ...]], ...]:
    """Each type list the site has with its items (indices into `items`, which is newest first): the
    known types in KNOWN's order, then the others by key. Another type's list is titled with the first
    (in sort order) of the labels of its types, so that its title moves only when its types do."""
    orders: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for index, item in enumerate(items):
        key = list_key(item.type, language)
        if key:
            orders.setdefault(key, []).append(index)
            label = _label(item.type)
            labels[key] = min(labels.get(key, label), label)
    ranked = sorted(orders, key=lambda key: (key not in KNOWN, list(KNOWN).index(key) if key in KNOWN else 0, key))
    return tuple((TypeList(key, list_path(key), KNOWN[key][1] if key in KNOWN else labels[key]), tuple(orders[key]))
                 for key in ranked)


_label = functools.lru_cache(maxsize=4096)(type_label)
