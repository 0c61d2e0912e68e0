"""The theme's words as templates and the theme's scripts ask for them: `t` (a word in the site's language, its
blanks filled), the words search.js and relative-times.js show (`search_words`, `relative_time_words`) and an
item's type badge (`type_badge`). make_env binds each to the site's words once per build.
"""

from __future__ import annotations

from typing import Callable, Mapping

from markupsafe import Markup, escape

from generator.i18n import LENGTH_WORDS, Words, fill
from generator.render.filters import json_script
from generator.site.types import KNOWN, OTHER, badge_before

# The words search.js shows (it reads them from the block with_search_words puts into the search page).
SEARCH_WORDS = ("search_longer", "search_did_you_mean", "search_none", "search_found", "search_partial",
                "search_unavailable", "heat", "hot_signal", "meter_label", "sources", "also_covered", "topics",
                "number_decimal", "number_group", "number_group_from", "number_digits",
                *(f"badge_{kind}" for kind in (*KNOWN, OTHER)))

# The words relative-times.js writes recent dates in (its script element's data-ago: relative_time_words).
AGO_WORDS = ("minutes_ago", "hours_ago", "days_ago", "yesterday", "day_before_yesterday", "today")


def plain_words(words: Words) -> dict[str, str]:
    """The words with nothing to choose (no plural forms): most of them, which `t` gives as they are."""
    return {key: text for key, text in words.entries.items() if isinstance(text, str)}


def t(words: Words, plain: Mapping[str, str], filled: Callable, /, key: str, n=None, **values) -> str:
    """The theme's word `key` in the site's language (generator/i18n.py), its `{name}`s filled with `values`
    and `{n}` with the count `n`. Text, escaped once by autoescaping; with HTML among the values (a
    `{% set %}` block's link), HTML: the word escaped here, the values as they are or escaped (any names: the
    first three, which make_env binds, are positional only). `plain`:
    plain_words(words); `filled`: filled_word, kept per build, as a word filled in is the same for the same
    values (a card's meter label, "More from <provider>" on its stories' pages, the footer on every page)."""
    if n is None and not values:
        text = plain.get(key)
        if text is not None:  # (most words: nothing to choose or fill)
            return text
    try:  # (each value with its type: 1 and True, a text and its Markup, are equal and written apart)
        return filled(key, n, *[(name, type(value), value) for name, value in values.items()])
    except TypeError:  # a value that is no key (a list): filled every time
        return translate(words, key, n, values)


def filled_word(words: Words, key: str, n, *values: tuple) -> str:
    """translate() of `values` given as (name, type, value), a key of each value with its type."""
    return translate(words, key, n, {name: value for name, _, value in values})


def translate(words: Words, key: str, n, values: dict):
    """`t` of a word to choose or fill: see t."""
    text = words.text(key, n)
    if n is not None:
        values.setdefault("n", n)
    if any(isinstance(value, Markup) for value in values.values()):
        return Markup(fill(str(escape(text)), values,
                           lambda value: str(escape(value if isinstance(value, Markup) else words.show(value)))))
    return fill(text, values, words.show)


def search_words(words: Words, date_lang: Callable) -> dict:
    """The words static/search/search.js shows, for the search page's JSON block; `english`: those of them
    shown in English for a partial words file (i18n.Words.english), which it marks as word_lang does, and
    `date_short` when the results' dates (the index's, written as the cards') are English (date_lang), and the
    length words (LENGTH_WORDS) when the index's lengths are (it writes them as the cards do: i18n.Fact);
    `number_groups`, the sizes of the digit groups the site's language writes (Words.groups: [3, 2] in Hindi)."""
    english = ([key for key in (*SEARCH_WORDS, *LENGTH_WORDS) if key in words.english]
               + ["date_short"] * bool(date_lang("short")))
    return {**{key: words.entries.get(key, key) for key in SEARCH_WORDS}, "language": words.speaks,
            "number_groups": list(words.groups), "english": sorted(english)}


def relative_time_words(words: Words) -> Markup:
    """The words static/js/relative-times.js writes recent dates in ("3 hours ago": `minutes_ago`, `hours_ago`,
    `days_ago`, each its plural forms, `yesterday`, `day_before_yesterday` and `today`; `number_digits` where
    they are not 0-9 (Persian's ۰-۹); `english`: those of them shown in English for a partial words file, which it
    marks as word_lang does), as JSON for its script element's single-quoted `data-ago` (', <, > and & written as
    JSON escapes). The same on every page: make_env keeps it (the pages' fingerprints hold the words through
    words.digest)."""
    return Markup(json_script({**{key: words.entries[key] for key in AGO_WORDS if key in words.entries},
                               **({"number_digits": words.entries["number_digits"]} if words.digits else {}),
                               "english": sorted(key for key in AGO_WORDS if key in words.english)})
                  .replace("'", "\\u0027"))


def type_badge(kind_badge: Callable, kind: str, title: str = "") -> tuple[str, str]:
    """(text, word) of an item's type badge: types.badge (`kind_badge`: it, of the site's words, kept per build, as
    a site has a few types, each on many cards); `word` "" for a type shown as the crawler wrote it; none before a
    `title` that names the type first (types.badge_before)."""
    return badge_before(title, kind_badge(kind))
