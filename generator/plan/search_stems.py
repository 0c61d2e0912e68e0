"""Search words -> terms: each word stemmed as written with the Snowball stemmer of the site's language, then the
stem folded (`stemmer`, `terms`); the browser's stemmers are translated from the same algorithms
(scripts/snowball_js.py), and a site is given only its language's (`needed_static`).
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Callable

from generator.config.values import Config
from generator.languages import primary
from generator.plan.search_tokens import fold, spelled

# BCP 47 primary language subtag -> Snowball algorithm (the snowballstemmer package's names). A language
# not here is not stemmed (docs/search.md).
STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french",
    "de": "german", "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian",
    "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}


def stemmer_name(language: str) -> str | None:
    """The Snowball algorithm for a BCP 47 language tag ("en-GB" -> "english"); None: no stemming."""
    return STEMMERS.get(primary(language))


@functools.cache
def stemmer(name: str | None) -> Callable[[str], str]:
    """A cached word -> term function: the word (as `spelled` gives it, with its marks) stemmed, then the
    stem folded; `fold` for None. Stemming comes first because Snowball's rules read the letters folding
    drops (Russian й, Portuguese ç and ã, Hindi's and Tamil's vowel signs): folded first, "новый" was "новы"
    and "новая" "нов". The pure-Python stemmers of the snowballstemmer package, by module, even when PyStemmer
    is installed: the browser's stemmers are translated from these, so only these are certain to agree."""
    if name is None:
        return functools.lru_cache(maxsize=1 << 17)(fold)
    stem = snowball_stemmer(name)
    if name == "persian":
        stem = functools.partial(_persian, stem)
    elif name == "portuguese":
        stem = functools.partial(_portuguese, stem)
    return functools.lru_cache(maxsize=1 << 17)(lambda word: fold(stem(word)))


def snowball_stemmer(name: str) -> Callable[[str], str]:
    """The Snowball algorithm alone (stemmer() adds what the site's tokens need before it)."""
    module = importlib.import_module(f"snowballstemmer.{name}_stemmer")
    cls = next(value for key, value in vars(module).items() if key.endswith("Stemmer") and key != "BaseStemmer")
    return cls().stemWord


# A Persian verb's present-continuous prefix, می (نمی negated), written with a ZWNJ after it or not. Snowball's
# algorithm strips it only before a ZWNJ, which the tokens no longer hold (a word matches typed either way), so
# "میکنند", "نمیکنند" and "کنند" had three stems. It goes when a verb's ending follows (a person's ending or a
# past stem's د or ت, at least three letters after it): not from میز, میوه, میلیون or میدان. (search.js: PERSIAN_VERB)
_PERSIAN_VERB = re.compile(r"^\u0646?\u0645[\u06cc\u064a](?=.{2,}[\u0645\u062f\u062a\u06cc\u064a]\Z)")


def _persian(stem: Callable[[str], str], word: str) -> str:
    return stem(_PERSIAN_VERB.sub("", word, count=1))


# Portuguese plurals of -ão in -ões ("ação", "ações"; "acoes" typed without accents): Snowball stems them apart
# (açã, açõ), and its plurals in -ães and -ãos it stems together already (pão, pães; mão, mãos). The plural is
# made singular first, as RSLP's plural step does (Orengo and Huyck 2001; Lucene's PortugueseMinimalStemmer),
# after two letters at least ("pões", a verb, keeps its letters). (search.js: PORTUGUESE_PLURAL)
_PORTUGUESE_PLURAL = re.compile(r"(?<=..)([õo])es\Z")
_SINGULAR = {"õ": "ão", "o": "ao"}


def _portuguese(stem: Callable[[str], str], word: str) -> str:
    return stem(_PORTUGUESE_PLURAL.sub(lambda plural: _SINGULAR[plural[1]], word, count=1))


SEARCH_STATIC = "static/search/"  # the theme's scripts of the search page
STEMMER_FOLDER = "static/search/stemmers/"  # the theme's browser stemmers (scripts/snowball_js.py)


def needed_static(name: str, config: Config) -> bool:
    """Whether a theme static file goes into the site: of the browser's stemmers (docs/dev/search.md says how many
    and their size), only the runtime and the site language's one, and none of the search's scripts when search is
    off."""
    if name.startswith(SEARCH_STATIC) and not config.search:
        return False  # (only the search page, which is not written then, loads them)
    if not name.startswith(STEMMER_FOLDER):
        return True
    algorithm = stemmer_name(config.language)
    return (bool(config.search) and algorithm is not None
            and name[len(STEMMER_FOLDER):] in ("base.js", f"{algorithm}.js"))


def terms(text: str, stemmer_name: str | None, casing: str = "") -> list[str]:
    """The search terms of a text: its words as written, stemmed, folded."""
    stem = stemmer(stemmer_name)
    return list(map(stem, spelled(text, casing)))
