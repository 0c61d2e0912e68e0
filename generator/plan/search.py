"""Site search: newsdesk's own static index, made from the model (not from HTML), searched in the
browser by themes/default/static/search/search.js.

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
topic, provider and author names > excerpt > kind); a story's impact is its items' highest. The client multiplies impacts
by the term's rarity (idf, from the document frequency each list carries). Pairs of adjacent terms (`_a b`) make
quoted phrases exact, and `t:SLUG` / `p:SLUG` terms list the stories of a topic or provider (of any of a story's
items), for filters. The files, under SEARCH_FOLDER in the site:

    meta.json         {"version", "docs", "chunk", "fields", "stemmer", "casing", "optional", "keys", "files", "source"}
    facets.json       {"topics": [[slug, name, stories], ...], "providers": [...]}
    docs/N.json       documents N*chunk ..: one record each, fields as meta's "fields" names them
    terms/KEY.json    {"terms": {"term": [df, id, impact, id delta, impact, ...]}, "forms": {"term": word}}

A term's shard KEY is its first two characters; a shard that grows past SHARD_BYTES is split by one more
character (the client follows the same rule), so a file stays small whatever the size of the site. Meta's
"keys" lists the keys that have a file, as each key but its last character -> those last characters, so that
the client never asks for a file that is not there (a 404 is an error in the browser's console). The split
keys need no list of their own: they are the beginnings, two characters or longer, of the keys (a key of n
characters is there only if its beginnings of 2 .. n-1 were split; a split key's longer terms are in files
of longer keys). A term in more than MAX_POSTINGS stories keeps only its MAX_POSTINGS highest
impacts (and its true df): such a word is too common to decide a ranking. KEY is in the file name as is
when it is [a-z0-9] (lower case), starts with no "x" and is no Windows device name (`con`, `nul`), else "x" + the
hex of its UTF-8: a crafted term can never name a file outside the folder, nor one a checkout on Windows cannot
write, nor another key's file (but for case too). "forms" gives the commonest word of a stem, for "did you mean".

A query reads meta.json, one terms file per query word (and one per phrase or filter) and the docs files
of the results it shows: a few small files, whatever the size of the site. Document ids go from the oldest
story to the newest: a higher id is a newer story (sorting by date and ties use it). The output is
byte-identical for the same input; `source` (a digest of everything the index is made from) lets a build
keep the live index when nothing in it would change.

This module plans the index and makes its files' bytes from the results of its tasks; running the tasks
across processes and writing the files is the build's (generator/build/search_index.py).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib
import itertools
import html
import json
import marshal
import operator
import re
import threading
import unicodedata
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from generator import __version__
from generator.config.values import Config
from generator.i18n import facts, load_words
from generator.languages import ASCII_DIGITS, UNSPACED, primary
from generator.plan.feeds import html_datetime
from generator.plan.pictures import candidates, resized, with_copies
from generator.plan.search_optional import optional_words
from generator.site.local_pictures import LocalCopies
from generator.site.model import Item, Site
from generator.site.text import BIDI, bidi_closed, cut_at_word
from generator.site.types import badge, list_key, title_word
from generator.urls import device_name, resized_url

FORMAT = 27  # bump when the files or the tokeniser change: the live index is then made again, and the client checks it
SEARCH_FOLDER = "search/index"  # beside the search page (search/index.html)
DOCS_PER_FILE = 5  # small files: the 20 results a query shows fetch at most 20 of them, 100 records, not thousands
ITEMS_PER_TASK = 500  # documents tokenised per task in a worker process (at least; at most MAX_TASKS tasks)
MAX_TASKS = 32  # a big site: fewer, larger tasks, so that fewer partial posting lists are joined
SHARD_BYTES = 24 * 1024  # a terms file larger than this is split by one more character of its terms
MAX_SHARD_NAME = 64  # characters of a terms file's name (terms/...): a longer key is not split (_shards)
MAX_POSTINGS = 2000  # a term in more stories keeps its highest impacts only (filters keep all)
EXCERPT_CHARS = 200
THUMBNAIL = 480  # pixels: a result's picture asked of a `picture_resizer`, as a card's (plan.pictures)
WIDEST_SHOWN = 528  # device pixels of a result's thumbnail at most: a list card's 11rem at 3 a CSS pixel
# `image` is the result's `src`; `srcset` the picture's sizes as a card offers them ([[URL, width], ...], or []), so
# that a phone takes a copy of its 76-pixel thumbnail's width, not the desktop's. A type's badge is its `type_word`
# (`badge_video`: search.js says it from the page's words) or, for a type the theme does not know, its `type`.
FIELDS = ("url", "title", "excerpt", "provider", "provider_slug", "published", "date", "topics", "image",
          "heat", "type", "type_word", "sources", "facts", "srcset")
# Ranking: impact = bonus of each field the term is in + BM25 of its body frequency. A title word outranks
# a topic, provider or author name, which outranks the excerpt; the body adds at most K1 + 1 (BM25 saturates).
# The kind of an item (its type's words as the site shows them, "Vídeo"; the word for free of an offer of 0) weighs
# least: "vídeos" finds the videos, and a story that says it in its title or text still ranks above them (about
# as much as one mention in a long text; and it fills what the other fields leave of the files' range).
TITLE, LABEL, EXCERPT, KIND = 3.0, 2.0, 1.0, 0.3
K1, B, BODY_LENGTH = 1.2, 0.5, 400  # BM25's usual k1; b and the length it normalises against, for news stories
IMPACT_SCALE = 30  # impact units -> the integers in the files (at most 255)
MAX_WEIGHT = 255
TITLE_POINTS, LABEL_POINTS, EXCERPT_POINTS, KIND_POINTS = (round(bonus * IMPACT_SCALE)
                                                           for bonus in (TITLE, LABEL, EXCERPT, KIND))
BODY_SCALE = (K1 + 1) * IMPACT_SCALE
assert BODY_SCALE + TITLE_POINTS + LABEL_POINTS + EXCERPT_POINTS + KIND_POINTS <= MAX_WEIGHT  # an impact fits the files' range
MAX_TERM = 40  # characters; a longer "word" (a hash, a URL run together) is cut here, by the client too
PAIRS_IN_BODY = 50  # phrases are indexed in the title, the excerpt and this many words of the text
# A body's text is indexed until it has used this many different words (its words and hyphenated compounds):
# a crawler's junk of random words would add a posting per word, and grow the index past the rest of the site;
# a long real text uses far fewer (docs/search.md). The page shows the whole body.
MAX_BODY_WORDS = 5000
PAIR, TOPIC, PROVIDER = "_", "t:", "p:"  # prefixes of phrase pairs and filter terms (no word has "_" or ":")

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

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt; JavaScript's \p{Default_Ignorable_Code_Point}):
# soft hyphens, zero-width spaces and joiners, word joiners, direction marks, variation selectors, fillers, tags.
# Invisible, so dropped from words as the combining marks are ("inter\u00adnational" is one word, as a reader
# sees it; ZWNJ and ZWJ inside Persian and Indic words too, as ICU's case folding does). The same list is in
# search.js; tests/test_search.py checks it against node's. The zero-width space is the one exception: it is where
# Thai, Khmer, Lao and Burmese text, written without spaces, marks its word breaks (Unicode's word boundaries
# break at it, UAX #29), so normalise makes it a space.
IGNORABLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
             "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
             "\U000e0000-\U000e0fff")
_WORDS = re.compile(r"[^\W_]{2,}")  # a token (_tokens) in text with no UNSPACED letter, where it means exactly this
_TAG = re.compile(rb"<[^>]*>")
# Languages whose dotted and dotless i are two letters (Unicode's SpecialCasing.txt: Turkish, Azerbaijani): there
# "I" is the capital of "ı" and "İ" of "i" (elsewhere "İ" lowercases to "i" and a combining dot, which the stemmer
# reads as no letter). search.js: TURKIC.
TURKIC = frozenset({"tr", "az"})
_TURKIC_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_IGNORED = re.compile(f"[{IGNORABLE}]+")


@functools.cache
def _mark_ranges() -> str:
    """Every combining mark (category M), as ranges of a character class (search.js: \\p{M}). Made on first
    use (it walks all of Unicode), and by index_tasks before the build forks, so that each worker does not
    make it again."""
    # Marks are only in planes 0 and 1 and in the variation selectors of plane 14 (E0100-E01EF).
    return _ranges([*range(0x20000), *range(0xE0000, 0xE1000)], lambda char: unicodedata.category(char)[0] == "M")


def _ranges(points: list[int], test: Callable[[str], bool]) -> str:
    """The characters of `points` (in order) that pass `test`, as ranges of a character class (none of them
    may be a character that a class must escape)."""
    ranges, start, previous = [], None, -1
    for point in [*points, -1]:
        kept = point >= 0 and test(chr(point))
        if kept and start is None:
            start = point
        elif not kept and start is not None:
            ranges.append(f"{chr(start)}-{chr(previous)}")
            start = None
        previous = point
    return "".join(ranges)


@functools.cache
def _marks() -> re.Pattern:
    """Every combining mark and every IGNORABLE character, as search.js's DROPPED."""
    return re.compile("[" + _mark_ranges() + IGNORABLE + "]+")


@functools.cache
def _written_words() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A word as written (search.js: SPELLED): a run of letters, digits and the marks on them, or one letter
    of an UNSPACED script with its marks; the same for a text with no IGNORABLE or UNSPACED character and
    nothing beyond plane 0, where `re` tests each character against one table: the letters, digits and
    marks of plane 0 as ranges (`\\w` beside them was a test of the character's category per character, and
    a class with ranges past U+FFFF is tested range by range, several times slower); and what finds those
    characters, as fast. Made by index_tasks before the build forks, as _mark_ranges."""
    marks = _mark_ranges()
    # (str.isalnum() is what `re` takes for \w, less "_")
    plane0 = _ranges(list(range(0x10000)), lambda char: char.isalnum() or unicodedata.category(char)[0] == "M")
    # (a word of one character folds to one letter at most, which is no token: not matched at all)
    return (re.compile(rf"(?:[^\W_{UNSPACED}]|[{marks}]){{2,}}|[{UNSPACED}][{marks}]*"),
            re.compile(rf"[{plane0}]{{2,}}"),
            re.compile(f"[{_plane0(IGNORABLE)}{_plane0(UNSPACED)}]|[\U00010000-\U0010ffff]"))


@functools.cache
def _tokens() -> tuple[re.Pattern, re.Pattern]:
    """A token: a run of two or more letters or digits (Python's [^\\W_] is exactly Unicode's L and N), or one
    letter of a script written without spaces (UNSPACED); and what finds an UNSPACED letter. Made on first use,
    as _written_words: `re` takes a while over their long classes, and a build whose index is current needs
    neither."""
    return re.compile(rf"[^\W_{UNSPACED}]{{2,}}|(?=[^\W_])[{UNSPACED}]"), re.compile(f"[{UNSPACED}]")


def _plane0(ranges: str) -> str:
    """The characters and ranges of a character class's text that are in plane 0."""
    parts = re.findall(".-.|.", ranges, re.S)
    return "".join(part for part in parts if part[-1] <= "\uffff")


def spelled(text: str, casing: str = "") -> list[str]:
    """The words of a text as the stemmer reads them, in order, repeats included: lowercased NFKC, with
    their accents ("informações", "новый"; NFKC makes "ﬁ" and "Ａ" the letters "fi" and "A" the algorithms
    know). A word's token is it folded (`fold`: "informacoes", as a query typed without accents has it). A
    word that folding cuts in two or more tokens, or one longer than MAX_TERM, is its tokens, as folded.
    `casing` "tr" (casing(language)): "I" and "İ" lowercase to "ı" and "i", and the dot of an "i" written with
    one more goes."""
    return _spelled(text, casing, _Runs(casing))[0]


# Each ASCII byte that is no letter or digit -> a space, the rest kept: a word (a run of _written_words' plane 0
# class) never holds such a byte, so a text's UTF-8 split at them cuts it only between its words
_CUT = bytes(byte if byte >= 0x80 or chr(byte).isalnum() else 0x20 for byte in range(256))


class _Runs(dict):
    """A NFKC text's runs of letters, digits and non-ASCII characters (its UTF-8 bytes split at _CUT's spaces) ->
    the words spelled() finds in each: a run is looked at once a task, not every time a text has it (most runs are
    one word, and words repeat: "the" is one run however many bodies write it). A run is lowercased here, once, and
    shares its lowercase's entry ("The" and "the"). None for a run with an IGNORABLE or UNSPACED character or one
    past plane 0: its text's words are found otherwise."""

    def __init__(self, casing: str = ""):
        super().__init__()
        self.casing = casing
        self.written = _Written(self)

    def __missing__(self, run: bytes) -> tuple[str, ...] | None:
        text = _lower(run.decode("utf-8", "surrogatepass"), self.casing)
        lowered = text.encode("utf-8", "surrogatepass")
        words: tuple[str, ...] | None
        if lowered != run:
            words = self[lowered]
        elif text.isascii():  # (lowercase letters and digits only)
            words = (text[:MAX_TERM],) if len(text) > 1 else ()
        elif _written_words()[2].search(text):
            return None  # (not kept: such a run is often a whole sentence of Chinese or Japanese)
        else:
            # Most words are their own tokens: _whole is the word (English with typographic quotes: all of them)
            words = tuple(itertools.chain.from_iterable(map(_whole, _written_words()[1].findall(text))))
        if words is not None:
            self[run] = words
        return words


class _Written(dict):
    """A non-ASCII text's runs as written (its UTF-8 split at _CUT's spaces, before NFKC) -> their words, through the
    task's _Runs: NFKC is made run by run, once a task, not over every text (its check of a text cost as much as
    the rest of the words' finding but the lookups). NFKC maps a run alone as within its text when the run starts
    with a starter (an ASCII character that is cut composes with no starter that follows it: only "<", "=" and ">"
    compose, with U+0338, a mark), and makes of it the runs the whole text's NFKC has there (it may make cut
    characters: U+00A0, "…"). None for a run that starts with a mark, or holds a capital sigma once made NFKC, or
    that _Runs takes as None: its text is read whole."""

    def __init__(self, runs: _Runs):
        super().__init__()
        self.runs = runs
        self.marked: set[bytes] = set()  # the runs NFKC makes a ".", "#" or "+" in (as "…" or "＃")

    def __missing__(self, run: bytes) -> tuple[str, ...] | None:
        text = run.decode("utf-8", "surrogatepass")
        written = unicodedata.normalize("NFKC", text)
        if written != text and ("." in written or "#" in written or "+" in written):
            self.marked.add(run)
        if "\u03a3" in written or unicodedata.combining(unicodedata.normalize("NFKD", text[0])[0]):
            return None
        if written == text:
            words = self.runs[run]
        else:
            try:
                words = tuple(itertools.chain.from_iterable(map(
                    self.runs.__getitem__, written.encode("utf-8", "surrogatepass").translate(_CUT).split())))
            except TypeError:  # (a run's None)
                return None
        if words is not None:
            self[run] = words
        return words


def _spelled(text: str, casing: str, runs: _Runs, utf8: bytes | None = None) -> tuple[list[str], bool]:
    """spelled()'s words, each run of `runs` (a task's, for every text it reads) looked at once; and whether NFKC
    may make a ".", "#" or "+" in the text (literals() looks for literals made so then). `utf8`: the text's UTF-8,
    if made already."""
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    # Lowercased run by run (_Runs), not as a whole, which costs more than the rest of the words' finding: lower()
    # maps each character alone, never to an ASCII character that is cut nor from one, so the runs are the same;
    # but a capital sigma is final or not by the letters around it, across runs (tests/test_search.py checks
    # every character). An ASCII text's lower() is cheap, and cheaper than the runs it would make new to the task.
    # An IGNORABLE character is still one, or an UNSPACED letter, after NFKC and lower() (no composition takes one
    # in; tests/test_search.py checks every one), so a text none of whose runs has one had none to drop (each such
    # character is in a run: only ASCII bytes are cut).
    # NFKC makes a ".", "#" or "+" only of a character past ASCII (no composition takes one in), so in a run: one of
    # the task's marked ones, or, in a text read whole, where its NFKC differs
    if text.isascii():
        lowered = _lower(text, casing).encode("utf-8") if casing else utf8.lower()
        try:
            return list(itertools.chain.from_iterable(map(runs.__getitem__, lowered.translate(_CUT).split()))), False
        except TypeError:  # (a run's None)
            pass
    else:
        written_runs = utf8.replace(b"\xe2\x80\x8b", b" ").translate(_CUT).split()  # (U+200B's UTF-8: a space)
        try:
            words = list(itertools.chain.from_iterable(map(runs.written.__getitem__, written_runs)))
            return words, bool(runs.written.marked) and not runs.written.marked.isdisjoint(written_runs)
        except TypeError:
            text = text.replace("\u200b", " ")
    written = unicodedata.normalize("NFKC", text)
    changed = written != text
    if "\u03a3" in written:  # (lowercased whole, then its runs)
        written = _lower(written, casing)
        try:
            return list(itertools.chain.from_iterable(map(
                runs.__getitem__, written.encode("utf-8", "surrogatepass").translate(_CUT).split()))), changed
        except TypeError:
            pass
    written = _lower(written, casing)  # (lower() of a lowercase text is that text)
    if _IGNORED.search(text):  # (dropped before NFKC: a soft hyphen between a letter and its accent)
        written = _lower(unicodedata.normalize("NFKC", _IGNORED.sub("", text)), casing)
    return list(itertools.chain.from_iterable(map(_whole, _written_words()[0].findall(written)))), changed


# Hyphens that join a compound's parts: the ASCII one, Unicode's hyphen and its non-breaking form
_HYPHENS = "-\u2010\u2011"
_HYPHEN = re.compile(f"[{_HYPHENS}]")


@functools.cache
def _compound() -> re.Pattern:
    """Letters, digits and their marks joined by hyphens (search.js: COMPOUND), from the start of a word only
    (what search.js finds: a match begins where a word does; not tried again at each letter of a long word)."""
    letter = rf"(?:[^\W_]|[{_mark_ranges()}])"
    return re.compile(rf"(?<!{letter}){letter}+(?:[{_HYPHENS}]{letter}+)+")


def compounds(text: str, casing: str = "") -> list[str]:
    """The words a text writes with hyphens ("T-Mobile", "GPT-3", "low-code"), each as the one word `spelled`
    makes of it without them ("tmobile", "gpt3", "lowcode"), in order: a part of one letter is no word of its
    own, so "t-mobile" was "mobile" alone. A compound that is not one word without its hyphens (a CJK one) is
    none; one longer than MAX_TERM is cut, as a word is. (search.js: compounds)"""
    # Only the runs of non-space characters that hold a hyphen, each alone (a compound is inside one, and so are
    # NFKC's and lower()'s changes): the pattern tried at every letter of a body cost more than the rest of the index
    found: list[str] = []
    end = 0
    for hyphen in _hyphens(text):
        if hyphen < end:
            continue
        start = hyphen
        while start > end and not text[start - 1].isspace():
            start -= 1
        end = _NOT_SPACE.match(text, hyphen).end()
        found += _compounds(text[start:end], casing)
    return found


# A capital after a small letter inside a word: where a camel-cased name's parts meet ("VentureBeat"). ASCII letters
# only, so that C finds them in a body: its UTF-8 bytes translated to "a" for a small letter, "A" for a capital, "0"
# for a digit, " " for any other ASCII character (no letter or digit of any script is one) and "x" for the bytes of
# the others, then searched for "aA" (not a pattern tried at every character: docs/dev/performance.md, session 39)
_CASES = bytes(97 if 97 <= b <= 122 else 65 if 65 <= b <= 90 else 48 if 48 <= b <= 57 else 32 if b < 128 else 120
               for b in range(256))
_CAMEL = re.compile(r"[a-z][A-Z]")
_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_END = re.compile(r"[^\W_]*")


def camel_parts(text: str, casing: str = "") -> list[str]:
    """The parts of the words a text writes in camel case ("VentureBeat", "PowerApps", "iPhone"), each as `spelled`
    makes words ("venture", "beat", "power", "apps", "phone"), in order: a reader types them apart, and the word
    itself is one word to the tokeniser. A part starts at an ASCII capital after an ASCII small letter; the word's
    other letters may be any. The index takes them as its compounds; search.js needs no such function, as a query's
    words typed apart are its words already."""
    return _camel_words(text.encode("utf-8", "surrogatepass"), casing)


def _camel_words(written: bytes, casing: str) -> list[str]:
    """camel_parts() of a text's UTF-8."""
    cases = written.translate(_CASES)
    found: list[str] = []
    end = 0
    at = cases.find(b"aA")
    while at >= 0:
        # (the run of bytes between ASCII characters that are no letter or digit: whole words, whatever the script)
        start = cases.rfind(b" ", end, at) + 1 or end
        end = cases.find(b" ", at)
        if end < 0:
            end = len(cases)
        found += _camel_parts(written[start:end].decode("utf-8", "surrogatepass"), casing)
        at = cases.find(b"aA", end)
    return found


def _camel_parts(text: str, casing: str) -> list[str]:
    found: list[str] = []
    end = 0
    for match in _CAMEL.finditer(text):
        if match.start() < end:
            continue
        start = match.start()
        while start > end and text[start - 1].isalnum():
            start -= 1
        end = _WORD_END.match(text, match.start()).end()
        found += spelled(_CAMEL_BREAK.sub(" ", text[start:end]), casing)
    return found


def _hyphens(text: str) -> list[int]:
    """Where a text's hyphens are, in order: str.find jumps from one to the next, where a pattern would be tried at
    every letter of a body (docs/dev/search.md, Compounds, has the cost of each)."""
    found = []
    for hyphen in _HYPHENS:
        at = text.find(hyphen)
        while at >= 0:
            found.append(at)
            at = text.find(hyphen, at + 1)
    return sorted(found)


_NOT_SPACE = re.compile(r"\S*")


def _compounds(text: str, casing: str) -> list[str]:
    written = _lower(unicodedata.normalize("NFKC", _IGNORED.sub("", text.replace("\u200b", " "))), casing)
    found = []
    for run in _compound().findall(written):
        words = spelled(_HYPHEN.sub("", run), casing)
        if len(words) == 1:
            found.append(words[0])
    return found


# Words that punctuation makes, which the tokeniser cuts to pieces of one character or none: a version or a number
# with dots ("9.3.3", "v2.1", "3.20092.32") and a language's name of a letter and "#" or "++" ("C#", "F#", "C++").
# Each is indexed beside the text's words as one term, as written ("9.3.3", "c#"), and a query's must match.
# (search.js: LITERAL)
_LITERAL = re.compile(r"(?<![\w.])(?:[a-z0-9]*[0-9](?:\.[0-9]+)+(?!\w)|[a-z](?:#|\+\+)(?![\w#+]))")


# The characters other than "." whose NFKC holds ".", "#" or "+" (fullwidth forms, "…", "⒈"): where a literal may be
# before NFKC (tests/test_search_literals.py checks the list against Python's Unicode tables)
LITERAL_MARKS = ("#+\u2024-\u2026\u207a\u208a\u2488-\u249b\u33c2\u33c7\u33d8\ufb29\ufe19\ufe30\ufe52\ufe5f\ufe62"
                 "\uff03\uff0b\uff0e\U0001f100")
_LITERAL_MARK = re.compile(f"[.{LITERAL_MARKS}]")  # (a class alone: `re` looks for it in C, not at each character)
# A full stop before a digit or a character past ASCII (NFKC may make it a digit, or it is IGNORABLE and dropped)
_DOT_BEFORE_DIGIT = re.compile(r"\.(?=[0-9\x80-\U0010ffff])")


def literals(text: str, casing: str = "") -> list[str]:
    """The words punctuation makes in a text (_LITERAL: "9.3.3", "v2.1", "c#", "c++"), lowercased NFKC, in order;
    each cut to MAX_TERM, as a word is. In a text that may have one, only the runs of non-space characters that hold
    a mark are looked at, each alone, as compounds() does. (search.js: literals)"""
    return _literals(text, casing, _spelled(text, casing, _Runs(casing))[1])


def _literals(text: str, casing: str, marked: bool) -> list[str]:
    """literals(); `marked`: whether NFKC may make a ".", "#" or "+" in the text (as _spelled() tells)."""
    # A text has none without a full stop before a digit, a "#" or a "+" (each found in C: a pattern tried at each
    # character, or a Python step at each full stop, cost much of the index: docs/dev/search.md, Literals), unless
    # NFKC makes one: every other LITERAL_MARKS character is one it changes, which _spelled tells from its runs (not
    # a check of every text again)
    if not (_DOT_BEFORE_DIGIT.search(text) or "#" in text or "+" in text or marked):
        return []
    if text.isascii():
        return [word[:MAX_TERM] for word in _LITERAL.findall(_lower(text, casing))]
    found: list[str] = []
    end = 0
    for mark in _LITERAL_MARK.finditer(text):
        at = mark.start()
        if at < end or (text[at] == "." and (at + 1 == len(text) or text[at + 1].isspace())):
            continue  # (a full stop at a sentence's end: no literal)
        start = at
        while start > end and not text[start - 1].isspace():
            start -= 1
        end = _NOT_SPACE.match(text, at).end()
        written = _lower(unicodedata.normalize("NFKC", _IGNORED.sub("", text[start:end].replace("\u200b", " "))),
                         casing)
        found += (word[:MAX_TERM] for word in _LITERAL.findall(written))
    return found


# A word of this many letters or fewer beside another is also indexed joined to it (joins)
JOIN_SHORT = 3


def joins(words: list[str], optional: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Two words side by side (as `spelled` gives them) joined as one, where one of them has 2 to JOIN_SHORT letters
    and neither is a function word (`optional`, folded) nor a number: "no code" -> "nocode", "low code" ->
    "lowcode", "set up" -> "setup", "scroll bar" -> "scrollbar", so that a reader who types the compound as one word
    finds the stories that write it apart or with a hyphen (compounds). A short part, as compounds are mostly made
    (a prefix, a short noun); any two words would join as many terms as the phrase pairs, and a query of a long word
    read as two (search.js `apart`) only when it matches nothing. (search.js: joins, joinOf: two query words side by
    side that join are looked up as their join rather than their phrase pair)"""
    found = []
    for first, second in zip(words, words[1:]):
        # (the lengths first: most pairs are of two long words; then the function words, most short words)
        if ((len(first) <= JOIN_SHORT or len(second) <= JOIN_SHORT) and len(first) > 1 and len(second) > 1
                and _joinable(first, optional) and _joinable(second, optional)):
            found.append((first + second)[:MAX_TERM])
    return found


# Where a sentence or a phrase ends: no join across it ("code. Set" is no "codeset"). A full stop, comma, colon ... before
# a space or the text's end (a dot inside "ASP.NET" or "9.3" is none), or one of the scripts written without spaces, or
# a bracket (search.js: PHRASE_END)
_PHRASE_END = re.compile(r"[.,;:!?\u2026]+(?=\s|$)|[\u3001\u3002\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f()\[\]{}]")


def phrase_joins(text: str, casing: str = "", optional: frozenset[str] | set[str] = frozenset(),
                 limit: int | None = None) -> list[str]:
    """`joins` of a text's words phrase by phrase (_PHRASE_END), of its first `limit` words if given."""
    return _phrase_joins(text, casing, _Runs(casing), optional, limit)


def _phrase_joins(text: str, casing: str, runs: _Runs, optional: frozenset[str] | set[str],
                  limit: int | None = None, words: list[str] | None = None) -> list[str]:
    """phrase_joins with a task's runs; `words`, the text's words if spelled already (used when no mark cuts it)."""
    if words is not None and not _PHRASE_END.search(text):
        return joins(words[:limit], optional)
    found: list[str] = []
    left = limit
    start = 0
    for mark in itertools.chain(_PHRASE_END.finditer(text), (None,)):
        part = _spelled(text[start:mark.start() if mark else len(text)], casing, runs)[0]
        if left is not None:
            part = part[:left]
            left -= len(part)
        found += joins(part, optional)
        if left == 0 or mark is None:
            break
        start = mark.end()
    return found


def _joinable(word: str, optional: frozenset[str] | set[str]) -> bool:
    """Whether a word may be a part of a join: no function word, folded (a spelled ASCII word is its own fold), nor a
    number."""
    return word not in optional and not word.isdecimal() and (word.isascii() or fold(word) not in optional)


def _synonym_table(groups: tuple[tuple[str, ...], ...], stems: "_Stems", casing: str) -> tuple[dict, list]:
    """What _synonyms looks for: the first term of each member of each group -> [(the member's terms, group, member)];
    and each group's members' words."""
    first: dict[str, list] = {}
    members = []
    for number, group in enumerate(groups):
        words = [spelled(member, casing) for member in group]
        members.append(words)
        for at, found in enumerate(words):
            if found:
                terms = tuple(stems[word] for word in found)
                first.setdefault(terms[0], []).append((terms, number, at))
    return first, members


def _synonyms(stems: "_Stems", words: list[str]) -> list[str]:
    """The words a field's `words` stand for by the site's synonyms (stems.synonyms): each group a member of which the
    field writes (its terms side by side: "entity" is "entities") gives its other members' words, once."""
    first, members = stems.synonyms
    matched: dict[int, set[int]] = {}
    terms = [stems[word] for word in words]
    for at, term in enumerate(terms):
        for member, group, number in first.get(term, ()):
            if len(member) == 1 or tuple(terms[at:at + len(member)]) == member:
                matched.setdefault(group, set()).add(number)
    found: list[str] = []
    for group, numbers in matched.items():
        for number, written in enumerate(members[group]):
            if number not in numbers:
                found += written
    return found


def _lower(text: str, casing: str) -> str:
    if not casing:
        return text.lower()
    return text.translate(_TURKIC_LOWER).lower().replace("i\u0307", "i")


def casing(language: str) -> str:
    """How a site's language lowercases: "tr" for TURKIC's, else "" (Unicode's default)."""
    return "tr" if primary(language) in TURKIC else ""


@functools.lru_cache(maxsize=1 << 16)  # news repeats its names and places: most words were seen before
def _whole(word: str) -> tuple[str, ...]:
    """A word as written, or its tokens when folding does not leave it one token of MAX_TERM at most."""
    token = fold(word)
    any_token, unspaced = _tokens()
    found = (any_token if unspaced.search(token) else _WORDS).findall(token)
    if len(found) == 1 and found[0] == token and len(token) <= MAX_TERM:
        return (word,)
    return tuple(part[:MAX_TERM] for part in found)


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """NFKD, combining marks and IGNORABLE characters dropped (é -> e, ﬁ -> fi, soft hyphens), NFC again
    (NFKD splits Hangul syllables into jamo; this puts them back), lowercased with str.lower() (JS
    toLowerCase does the same mapping); and the dotless "ı" is "i", as a query typed without Turkish letters
    has it (Turkish's other letters fold so: ş, ç, ğ, ö, ü), and so are the letters with a stroke, which NFKD
    leaves whole: ł (Polish), ø (Danish, Norwegian), đ (Croatian, Vietnamese), ħ (Maltese); and the ligatures œ
    (French) and æ (Danish, Norwegian) are the two letters their readers type for them, "oe" and "ae"; and a digit
    of another script is its ASCII digit (languages.ASCII_DIGITS: ٢٠٢٦ and ۲۰۲۶ are 2026)."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFC", _marks().sub("", unicodedata.normalize("NFKD", text))).lower()
    folded = folded.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ħ", "h")
    return folded.replace("œ", "oe").replace("æ", "ae").translate(ASCII_DIGITS)


def tokens(text: str, casing: str = "") -> list[str]:
    """The words of a text folded, in order, repeats included: what it is searched by before stemming."""
    found = spelled(text, casing)
    return found if "".join(found).isascii() else list(map(fold, found))


def body_text(body: bytes) -> str:
    """The words of a sanitised body, from the compressed bytes of its HTML (model.body_html's): tags become spaces,
    entities their characters. The tags go from its UTF-8 before it is decoded (less to decode, and the pattern
    is quicker over bytes: docs/dev/search.md, Session 40; a tag is whole characters, as it starts and ends at an ASCII
    byte)."""
    return _body_text(body)[0]


def _body_text(body: bytes) -> tuple[str, bytes]:
    """body_text() and its UTF-8: the untagged bytes themselves when they hold no entity (no encoding again)."""
    untagged = _TAG.sub(b" ", zlib.decompress(body))
    if b"&" not in untagged:
        return untagged.decode("utf-8"), untagged
    text = html.unescape(untagged.decode("utf-8"))
    return text, text.encode("utf-8", "surrogatepass")


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
    """Whether a theme static file goes into the site: of the browser's stemmers (36, 760 KiB), only
    the runtime and the site language's one, and none of the search's scripts when search is off."""
    if name.startswith(SEARCH_STATIC) and not config.search:
        return False  # (only the search page, which is not written then, loads them)
    if not name.startswith(STEMMER_FOLDER):
        return True
    algorithm = stemmer_name(config.language)
    return bool(config.search) and algorithm is not None and name[len(STEMMER_FOLDER):] in ("base.js", f"{algorithm}.js")


def terms(text: str, stemmer_name: str | None, casing: str = "") -> list[str]:
    """The search terms of a text: its words as written, stemmed, folded."""
    stem = stemmer(stemmer_name)
    return list(map(stem, spelled(text, casing)))


def shard_key(term: str, split: frozenset[str] | set[str] = frozenset()) -> str:
    """The first two characters of a term, one more for each split key it starts with (search.js: shardKey)."""
    key = term[:2]
    while key in split and len(term) > len(key):
        key = term[:len(key) + 1]
    return key


_PLAIN_KEY = re.compile(r"[a-wyz0-9][a-z0-9]*")  # a key written as it is (shard_file)


def shard_file(key: str) -> str:
    """The terms file of a shard key: safe ASCII whatever the key holds, no name Windows reserves (a split "co"
    makes a key "con": terms/con.json cannot be checked out there), and one key's alone: a key written as it is
    never starts with the "x" of the hex names (crafted words split down to the key `x743a` wrote over the topic
    filters' file, the hex of `t:`), nor another's but for case (terms are lower case: a key in capitals, which
    only a caller of its own gives, is hex too, as macOS and Windows take `Ab.json` and `ab.json` for one file)."""
    if _PLAIN_KEY.fullmatch(key) and not device_name(key):
        return f"terms/{key}.json"
    return f"terms/x{key.encode('utf-8').hex()}.json"


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
                        tuple(optional_words(config.language)), config.search_synonyms)]
    add, story_of = described.append, site.story_of.get
    for index, item in enumerate(site.items):
        if item.is_published:
            provider, published = item.provider, item.published
            # (an instant as its timestamp and microsecond: exact, and cheaper than its text)
            add((index, story_of(index, -1), _KEYED(item), provider.name if provider else None,
                 provider.slug if provider else "", published.timestamp(), published.microsecond,
                 tuple(map(_PICTURE, item.images))))
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
                     story.sources if story else 0,  # as pages.coverage counts
                     facts(words, item),  # as the cards show them
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
                       tuple(prices.items()))


def price_words(item: Item, words) -> str:
    """An item's price as search finds it: as its card shows it (i18n.facts: "9.90 USD", "9,90 EUR", "Free") and, for
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


def index_tasks(index: SearchIndex, per_task: int = 0) -> list[tuple]:
    """The index's work in independent tasks, for index_task (generator/build/search_index.py runs them
    across processes). A task carries its stories' text as one string of bytes (marshal's, version 2: the
    same texts give the same bytes), made here, before the build forks: a process that read the texts from
    the model after the fork, or sent them object by object, would write every object's reference count, and
    copy-on-write would copy the pages of the whole model's text into both processes. It also makes what
    every task needs once, here."""
    count = len(index.members)
    size = per_task or max(ITEMS_PER_TASK, -(-count // MAX_TASKS))
    _marks()
    _written_words()
    _tokens()
    _compound()
    stemmer(index.stemmer)  # (its module imported here, not again in each helper)
    texts = functools.partial(_texts, dict(index.shortnames), dict(index.kinds), index.free, dict(index.prices))
    vocabulary = (index.synonyms, index.optional)
    return [(start, index.stemmer, index.casing, vocabulary,
             marshal.dumps([tuple(map(texts, items)) for items in index.members[start:start + size]], 2))
            for start in range(0, count, size)]


def task_key(task: tuple) -> str:
    """A digest of everything index_task(None, task) reads: equal keys, equal results (a build keeps the
    results of the last one's tasks by this key, generator/build/search_index.py)."""
    start, stemmer_name, lowered, vocabulary, texts = task
    # (Python's Unicode tables fold and split the words; the snowballstemmer package stems them)
    digest = hashlib.sha1(f"newsdesk search task {FORMAT} {__version__} {unicodedata.unidata_version} "
                          f"{_package_version('snowballstemmer')} {stemmer_name} {lowered} {start}\n".encode())
    digest.update(marshal.dumps(vocabulary, 2))
    digest.update(texts)
    return digest.hexdigest()


@functools.cache
def _package_version(name: str) -> str:
    import importlib.metadata  # (only a build that tokenises needs it)

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


class Postings(NamedTuple):
    """A task's posting lists end to end: term n's are the `lengths[n]` ids and impacts after those of the
    terms before it. Four objects rather than two arrays a term: a task's result is pickled to come back
    from a helper and to be kept (generator/build/search_index.py), and pickle makes each array its own
    reduction, which cost more than the rest of the join (tens of thousands of terms a task)."""

    terms: list[str]
    lengths: array  # ("I")
    ids: array  # ("I")
    impacts: array  # ("B")


def index_files(index: SearchIndex, batches: Iterable[tuple], cancel: threading.Event | None = None
                ) -> dict[str, bytes] | None:
    """Name (relative to the site root) -> bytes of every index file, meta.json last, from index_task's
    results for index_tasks(index), in order; None if `cancel` was set.

    The tasks send back their terms' postings as arrays (Postings); here each term's are joined, cut (a
    common term's list would be cut anyway: only what is kept is written out) and written, so this process
    never holds a posting per object.
    """
    joined: dict[str, tuple[array, array]] = {}  # term -> (ids, impacts) of every story so far
    forms: dict[str, Counter] = {}  # stem -> {word: stories}
    plain: set[str] = set()  # words that are their own stem: "forms" need not name another word for them
    for batch, batch_forms, batch_plain in batches:
        if cancel is not None and cancel.is_set():
            return None
        ids, impacts, end = batch.ids, batch.impacts, 0
        for term, length in zip(batch.terms, batch.lengths):
            start = end
            end += length
            known = joined.get(term)
            if known is None:
                joined[term] = (ids[start:end], impacts[start:end])
            else:
                known[0].extend(ids[start:end])
                known[1].extend(impacts[start:end])
        for stem, words in batch_forms.items():
            forms.setdefault(stem, Counter()).update(words)
        plain |= batch_plain
    counts = {term: len(ids) for term, (ids, _) in joined.items()}  # term -> document frequency
    # Every number written is an id delta (at most the number of documents) or an impact (at most
    # MAX_WEIGHT): each one's text, made once, rather than str() of millions of ints
    numbers = list(map(str, range(max(len(index.docs), MAX_WEIGHT) + 1)))
    postings = {term: _written(numbers, *_cut(*joined.pop(term))) for term in sorted(joined)}
    shards = _shards(postings)
    files: dict[str, bytes] = {}
    for number, start in enumerate(range(0, len(index.docs), DOCS_PER_FILE)):
        files[f"{SEARCH_FOLDER}/docs/{number}.json"] = _encode(_json(index.docs[start:start + DOCS_PER_FILE]))
    for key, names in shards.items():
        words = {term: max(sorted(forms[term].items()), key=lambda pair: pair[1])[0]
                 for term in names if term in forms and term not in plain}
        text = ",".join(f"{_json(term)}:[{counts[term]},{postings[term]}]" for term in names)
        files[f"{SEARCH_FOLDER}/{shard_file(key)}"] = _encode('{"forms":' + _json(words) + ',"terms":{' + text + "}}")
    stories = Counter(counts)
    facets = {"topics": [[slug, name, stories[TOPIC + slug]] for slug, name in index.facets[0] if stories[TOPIC + slug]],
              "providers": [[slug, name, stories[PROVIDER + slug]] for slug, name in index.facets[1]
                            if stories[PROVIDER + slug]]}
    files[f"{SEARCH_FOLDER}/facets.json"] = _encode(_json(facets))
    meta = {"version": FORMAT, "docs": len(index.docs), "chunk": DOCS_PER_FILE, "fields": list(FIELDS),
            "stemmer": index.stemmer, "casing": index.casing, "optional": list(index.optional), "keys": _listed(shards), "files": len(files) + 1, "source": index.source}
    files[f"{SEARCH_FOLDER}/meta.json"] = _encode(_json(meta))
    return files


def _cut(ids: array, impacts: array) -> tuple[array, array]:
    """A posting list with at most MAX_POSTINGS entries: the highest impacts (the newer stories among those
    on the lowest impact kept), in id order still."""
    if len(ids) <= MAX_POSTINGS:
        return ids, impacts
    # Impacts are small integers: the lowest one kept, and how many of it, from a count of each
    data = impacts.tobytes()
    histogram = Counter(data)
    kept = 0
    for lowest in sorted(histogram, reverse=True):
        if kept + histogram[lowest] >= MAX_POSTINGS:
            break
        kept += histogram[lowest]
    room = MAX_POSTINGS - kept  # of the stories with the lowest impact kept, the newest `room`
    # Postings picked through a mask of the impacts' bytes (a common term's list is tens of thousands long):
    # before the first tie kept, the higher impacts; from it on, the lowest kept too. The first tie kept is the
    # one with as many ties before it as are dropped: found by halving, each count in C (not an int a posting)
    ties = data.translate(bytes(v == lowest for v in range(256)))
    first = bisect.bisect_right(range(len(data)), histogram[lowest] - room, key=lambda end: ties.count(1, 0, end)) - 1
    mask = (data[:first].translate(bytes(v > lowest for v in range(256)))
            + data[first:].translate(bytes(v >= lowest for v in range(256))))
    # (array("B") parses each int it is given as a format: from bytes it copies them)
    return array("I", itertools.compress(ids, mask)), array("B", bytes(itertools.compress(data, mask)))


def _written(numbers: list[str], ids: array, impacts: array) -> str:
    """A posting list as the terms files hold it: "id,impact,id delta,impact,..."; numbers[n] is str(n)."""
    text = [""] * (2 * len(ids))
    text[0::2] = map(numbers.__getitem__, map(operator.sub, ids, itertools.chain((0,), ids)))
    text[1::2] = map(numbers.__getitem__, impacts)
    return ",".join(text)


def _shards(postings: dict[str, str]) -> dict[str, list[str]]:
    """Shard key -> its terms (sorted), split as the module's docstring says."""
    pending = [(2, sorted(postings))]
    shards: dict[str, list[str]] = {}
    while pending:
        length, names = pending.pop()
        groups: dict[str, list[str]] = {}
        for term in names:
            groups.setdefault(term[:length], []).append(term)
        for key, group in groups.items():
            size = sum(len(postings[term]) + len(term) + 8 for term in group)
            longer = [term for term in group if len(term) > length]
            # (a key's file name grows with each split; one past MAX_SHARD_NAME keeps its terms in one larger
            # file: crafted words sharing a long prefix of 4-byte letters made names past the file system's
            # 255 bytes, and the build failed)
            if size > SHARD_BYTES and longer and len(shard_file(key + "\U0010ffff")) <= MAX_SHARD_NAME:
                shorter = [term for term in group if len(term) <= length]
                if shorter:
                    shards[key] = shorter
                pending.append((length + 1, longer))
            else:
                shards[key] = group
    return dict(sorted(shards.items()))


def _listed(shards: dict[str, list[str]]) -> dict[str, str]:
    """The keys of the terms files as meta's "keys": each key but its last character -> those last characters
    ({"ca": "rt"} for "car" and "cat"): a third of the size of a list of the keys; the split keys follow from
    them (listed_keys)."""
    listed: dict[str, str] = {}
    for key in shards:  # (sorted)
        listed[key[:-1]] = listed.get(key[:-1], "") + key[-1]
    return listed


def listed_keys(meta: dict) -> tuple[set[str], set[str]]:
    """The shard keys that have a terms file and the split keys, from a meta.json (search.js reads it so)."""
    keys = {start + last for start, lasts in meta["keys"].items() for last in lasts}
    return keys, {start[:n] for start in meta["keys"] for n in range(2, len(start) + 1)}


def _texts(shortnames: dict[str, str], kinds: dict[str, str], free: str, prices: dict[tuple, str], item: Item
           ) -> tuple[str, str, str, str, bytes, tuple[str, ...]]:
    # the author's name weighs as the provider's: a reader looking for a writer's stories types it; a topic's
    # shortname as its name (`CDS`: readers type what the topic's own pages and posts call it)
    labels = " ".join([*item.topic_names, *(shortnames[slug] for slug in item.topics if slug in shortnames),
                       item.provider.name if item.provider else "", item.author])
    filters = tuple(TOPIC + slug for slug in item.topics) + ((PROVIDER + item.provider.slug,) if item.provider else ())
    # (an offer of 0 is what a card shows as the word for free: i18n.facts)
    # (and its price as written, "$4.99", "4,99 €", "Free": a reader looking for an offer types it)
    price = prices.get((item.price, item.price_amount, item.price_currency), "")
    kind = " ".join(filter(None, (kinds.get(item.type, ""), free if item.price_amount == 0 else "", price)))
    return item.title, labels, item.excerpt, kind, item.body, filters


def index_task(_state, task: tuple) -> tuple[Postings, dict[str, dict[str, int]], set[str]]:
    """The postings of the documents of a task (Postings); term -> {word: documents} for the words that are
    not their own term; the words that are."""
    start, stemmer_name, lowered, (synonyms, optional), texts = task
    texts = marshal.loads(texts)
    stems = _Stems(stemmer(stemmer_name), lowered)
    stems.optional = frozenset(optional)
    stems.synonyms = _synonym_table(synonyms, stems, lowered)
    words: Counter = Counter()  # word -> documents of this task it is in
    # 4 bytes an id and 1 an impact (at most MAX_WEIGHT), not a Python int each; the impacts in a bytearray,
    # whose append takes an int directly (array("B")'s parses it as a format, which cost a tenth of this loop)
    postings: dict[str, tuple[array, bytearray]] = {}
    for doc, items in enumerate(texts, start):
        for term, weight in _document_weights(stems, lowered, words, items).items():
            posting = postings.get(term)
            if posting is None:
                postings[term] = (array("I", (doc,)), bytearray((weight,)))
            else:
                posting[0].append(doc)
                posting[1].append(weight)
    forms: dict[str, dict[str, int]] = {}
    plain: set[str] = set()
    for word, documents in words.items():
        for term in (stems[word], *([stems.folded[word]] if word in stems.folded else [])):
            if term == word:
                plain.add(word)
            else:
                counts = forms.setdefault(term, {})
                counts[word] = counts.get(word, 0) + documents
    ids = array("I")
    for term_ids, _ in postings.values():
        ids.extend(term_ids)
    impacts = array("B", b"".join(map(operator.itemgetter(1), postings.values())))
    return Postings(list(postings), array("I", map(len, map(operator.itemgetter(1), postings.values()))),
                    ids, impacts), forms, plain


class _Stems(dict):
    """word -> term for the words of one task, each stemmed the first time it is looked up; `folded`:
    word -> its folded term (its token stemmed), for the words where that differs; `runs`: the task's _Runs."""

    def __init__(self, stem: Callable[[str], str], casing: str = ""):
        super().__init__()
        self.stem = stem
        self.folded: dict[str, str] = {}
        self.runs = _Runs(casing)
        self.optional: frozenset[str] = frozenset()  # the language's function words, folded (joins)
        self.synonyms: tuple = ({}, [])  # _synonym_table's

    def __missing__(self, word: str) -> str:
        term = self[word] = self.stem(word)
        if not word.isascii():
            other = self.stem(fold(word))
            if other != term:
                self.folded[word] = other
        return term


def _document_weights(stems: _Stems, casing: str, words: Counter, items: tuple) -> dict[str, int]:
    """term -> impact for one document: of its one item, or for a story the highest of its items' impacts
    (a story is as much about a word as its item most about it; `words` counts each word once a document)."""
    if len(items) == 1:
        return _weights(stems, casing, words, *items[0])
    found: set[str] = set()  # (the story's words, counted once below)
    # The first item's weights as they are (a dict of its own, every weight at least 1); the others' raise them
    weights = _weights(stems, casing, found, *items[0])
    for text in items[1:]:
        for term, weight in _weights(stems, casing, found, *text).items():
            if weight > weights.get(term, 0):
                weights[term] = weight
    words.update(found)
    return weights


def _weights(stems: _Stems, casing: str, words: Counter | set[str], title: str, labels: str,
             excerpt: str, kind: str, body: bytes, filters: tuple[str, ...]) -> dict[str, int]:
    """term -> impact for one item (a new dict); `stems` and `words` (the words' document counts, or a story's
    words so far) are filled in.

    A word is indexed by its term (stemmed as written, then folded: "informações" -> "inform") and, when
    that differs, by its folded term too (its token stemmed: "informacoes" -> "informaco"), with the
    same weights: a query typed without accents is stemmed from its folded letters, and finds it so."""
    runs = stems.runs
    text, body_utf8 = _body_text(body)
    texts = (title, labels, excerpt, kind, text)
    # (each text's UTF-8 made once, for its words and its camel-case parts)
    utf8 = [field.encode("utf-8", "surrogatepass") for field in texts[:-1]] + [body_utf8]
    spelled_fields = [_spelled(field, casing, runs, written) for field, written in zip(texts, utf8)]
    fields = [words for words, _ in spelled_fields[:-1]]
    body_words = spelled_fields[-1][0]
    # (a compound is a word of its field beside its parts, after them: so in no phrase pair; so are a camel-cased
    # word's parts beside it)
    joined = [compounds(field, casing) + _camel_words(written, casing) + _literals(field, casing, marked)
              for field, written, (_, marked) in zip(texts, utf8, spelled_fields)]
    # (two words side by side, one of them short, also as one word where phrase pairs are: "no code" is "nocode")
    # (within a sentence or phrase: "code. Set" is no "codeset")
    joined[0] += _phrase_joins(title, casing, runs, stems.optional, None, fields[0])
    joined[2] += _phrase_joins(excerpt, casing, runs, stems.optional, None, fields[2])
    joined[-1] += _phrase_joins(text, casing, runs, stems.optional, PAIRS_IN_BODY)
    if stems.synonyms[0]:
        for found, extra in zip((*fields, body_words), joined):
            extra += _synonyms(stems, found)
    if len(body_words) + len(joined[-1]) > MAX_BODY_WORDS:
        body_words, joined[-1] = _bounded(body_words, joined[-1])
    present = set(body_words)
    present.update(*fields, *joined)
    words.update(present)
    # (every word of `present` is looked up, so stemmed, in _field_weights)
    weights = _field_weights(stems.__getitem__, fields, body_words, joined)
    others = stems.folded
    if others and not others.keys().isdisjoint(present):
        folded = {word: others.get(word) or stems[word] for word in present}
        for term, weight in _field_weights(folded.__getitem__, fields, body_words, joined).items():
            if weight > weights.get(term, 0):
                weights[term] = weight
    weights.update(dict.fromkeys(filters, 1))
    return weights


def _bounded(words: list[str], compounds: list[str]) -> tuple[list[str], list[str]]:
    """A body's words and compounds as the index takes them: of its first MAX_BODY_WORDS different ones (its
    words in order, then its compounds), each as often as the text writes it."""
    distinct = dict.fromkeys(words)
    distinct.update(dict.fromkeys(compounds))
    if len(distinct) <= MAX_BODY_WORDS:
        return words, compounds
    kept = set(itertools.islice(distinct, MAX_BODY_WORDS))
    return [word for word in words if word in kept], [word for word in compounds if word in kept]


def _field_weights(term_of: Callable, fields: list[list], body_words: list, joined: list[list]) -> dict[str, int]:
    """term -> impact of one story's words, each made a term by `term_of`; `fields`: the words of its title, labels,
    excerpt and kind; `joined`: each field's compounds, then the body's."""
    frequency = Counter(map(term_of, body_words))
    if joined[-1]:  # (counted as the body's words, the text's length as it was: its words do not change)
        frequency.update(map(term_of, joined[-1]))
    norm = K1 * (1 - B + B * len(body_words) / BODY_LENGTH)
    # body frequency -> its BM25 points: most terms are there once or twice, so this is a short table
    points = {n: round(n * BODY_SCALE / (n + norm)) or 1 for n in set(frequency.values())}
    weights = dict(zip(frequency, map(points.__getitem__, frequency.values())))
    title_terms, label_terms, excerpt_terms, kind_terms = (list(map(term_of, found)) for found in fields)
    for found, compound, bonus in zip((title_terms, label_terms, excerpt_terms, kind_terms), joined,
                                      (TITLE_POINTS, LABEL_POINTS, EXCERPT_POINTS, KIND_POINTS)):
        found = set(found)
        if compound:
            found.update(map(term_of, compound))
        for term in found:
            weights[term] = weights.get(term, 0) + bonus
    # Adjacent pairs, for quoted phrases: in the title, excerpt and start of the text, where a story
    # names what it is about (every pair of a long text would double the index and its build time)
    for found in (title_terms, excerpt_terms, list(map(term_of, body_words[:PAIRS_IN_BODY]))):
        weights.update(dict.fromkeys([f"{PAIR}{first} {second}" for first, second in zip(found, found[1:])], 1))
    return weights


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = cut_at_word(text, EXCERPT_CHARS).rstrip(" ,;:.")
    # (a direction override the cut takes the end of is closed, as the whole excerpt's was: text.bidi_closed)
    return (bidi_closed(cut) if BIDI.search(cut) else cut) + "…"


# One encoder for every value written: json.dumps with these arguments makes a new one at each call, which cost
# more than encoding a term's name (tens of thousands of them)
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "replace")  # a lone surrogate from odd input becomes "?", not a failed build
