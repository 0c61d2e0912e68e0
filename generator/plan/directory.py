"""The topics and providers indexes of a site with many of them (crawlers name topics freely: thousands is
common): the most covered first, then every one from A to Z over numbered pages, each page's names under their
initials, with a bar of initials that jumps to the page and place where each begins. Up to WHOLE entries an
index stays one page, as it was (pages.plan_pages).

Pure: entries (slug, name, stories, newest) -> a Directory of slugs and plain values; pages.plan_pages makes
the Pages. Every page is bounded (LEADING + PER_PAGE names and at most one jump per initial, or per page past
MAX_JUMPS initials), whatever the number of entries.

Initials work for any script: a Latin letter without its accent or stroke (É and Ł under E and L) unless the site's
language has it as a letter of its own (generator/alphabets.py: Turkish Ç, Polish Ł, Swedish Å after Z), the capital
of any other cased alphabet (Cyrillic, Greek ...), the letter itself in a script without case (Arabic, Hebrew,
Devanagari ...), a Hangul syllable's first consonant (한 under ㅎ), a katakana as its hiragana; names written
in Chinese characters, which have no small set of initials, under one heading (HAN); names that start with a
digit or have no letter under OTHER, last. No name is left out.

On a site in Arabic, a name that begins with the article ال (written joined to its word) is filed and sorted
under the word's own first letter, as Arabic dictionaries and indexes do: السياسة under س, not with every
other name of the article under ا (shown as written). Not elsewhere: Persian and Urdu write ال only in loans
(الکترونیک); Hebrew's article ה is one letter that begins many words too (הודו, הר), which no rule of letters
tells apart; and a Latin name's separate article (The Verge) is not known to be one without its language.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from functools import lru_cache
from typing import Sequence

from generator.frozen import record
from generator.languages import primary
from generator.alphabets import alphabet, letter_at
from generator.site.text import a_to_z

WHOLE = 200  # up to this many entries, an index is one page, as it always was
LEADING = 12  # the most covered (of more than one story), first on the index's first page
PER_PAGE = 100  # names on each page of the A to Z list (a line each: far smaller than a list's cards)
MAX_JUMPS = 60  # past this many initials, the bar names the first new initial of each page only
OTHER = "#"  # names that start with a digit or have no letter
HAN = "漢字"  # names that start with a Chinese character (hanzi, kanji, hanja)
_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"  # Hangul's initial consonants, as letters that stand alone
# Arabic's article (alif, or alif wasla, and lam) before a word of two letters at least, after any leading
# non-letters ("«الأهرام»"); the short vowels and other marks that may follow a letter are skipped.
_ARABIC_ARTICLE = re.compile(r"^[^\w]*([\u0627\u0671][\u064b-\u065f\u0670]*\u0644[\u064b-\u065f\u0670]*)"
                             r"(?=(?:[^\W\d_][\u064b-\u065f\u0670]*){2})")


@record
class Entry:
    slug: str
    name: str
    stories: int  # what the index shows as its count
    newest: int  # the index of its newest item in Site.items (smaller: newer), for ties between counts


@record
class Section:
    """A run of names of one initial on a page: `listed[start:end]`."""

    label: str
    anchor: str  # the heading's id: the same for an initial on every page
    start: int
    end: int


@record
class Jump:
    """A link of the bar of initials: to page `number` of the list, at `anchor`."""

    label: str
    number: int
    anchor: str


@record
class Directory:
    leading: tuple[str, ...]  # the most covered: most stories first, then the most recent, then by name (not one)
    pages: tuple[tuple[tuple[str, ...], tuple[Section, ...]], ...]  # each page's slugs A to Z, and its sections
    jumps: tuple[Jump, ...]


def filed(name: str, language: str = "") -> str:
    """`name` as an index of a site in `language` files it: without the Arabic article that begins it on a site
    in Arabic (see the module's docstring)."""
    if primary(language) == "ar":
        found = _ARABIC_ARTICLE.match(name)
        if found:
            return name[: found.start(1)] + name[found.end(1) :]
    return name


def initial(name: str, language: str = "") -> str:
    """The heading `name` is listed under on a site in `language` (see the module's docstring)."""
    letters = alphabet(language)
    # a Latin alphabet of the language's own (generator/alphabets.py): Turkish Ç and İ, Polish Ł, Swedish Å
    if letters:
        text = unicodedata.normalize("NFKC", filed(name, language))
        for at, char in enumerate(text):
            kind = unicodedata.category(char)[0]
            if kind in "LN":
                found = letter_at(text, at, language)[1] if kind == "L" else None
                if found:
                    return found[1]
                break
    # (decomposed: É is E and its accent, 한 is ᄒ, ᅡ, ᆫ)
    for char in unicodedata.normalize("NFKD", filed(name, language)):
        kind = unicodedata.category(char)
        if kind[0] == "L":
            break
        if kind[0] == "N":
            return OTHER
    else:
        return OTHER
    code = ord(char)
    if 0x1100 <= code <= 0x1112:  # a Hangul syllable's first consonant
        return _CHOSEONG[code - 0x1100]
    if 0x30A1 <= code <= 0x30F6:  # katakana, listed with the hiragana of its sound
        char = chr(code - 0x60)
    described = unicodedata.name(char, "")
    if described.startswith("CJK "):
        return HAN
    if described.startswith("LATIN ") and " WITH " in described:  # Ø, Ł, Đ: the letter under the stroke
        base = described.split(" LETTER ", 1)[-1].split(" WITH ", 1)[0]
        if len(base) == 1:
            return base
    return char.upper()[0]


@lru_cache(maxsize=1 << 16)  # (serve plans the indexes again after each save: the same names)
def _key(name: str, language: str) -> tuple:
    """`name`'s place in A to Z: its initial's, then its own without accents or case, numbers by value ("Week 9"
    before "Week 10"), each as filed."""
    return _rank(initial(name, language), language), a_to_z(filed(name, language), language)


def _rank(label: str, language: str) -> tuple:
    """A heading's place: in the language's own alphabet where it has one (Swedish Å after Z), then by code point."""
    place = alphabet(language).get(label)
    return (label == OTHER, place[0] if place else 1 << 30, label)


def _anchor(label: str) -> str:
    return "letter-other" if label == OTHER else "letter-" + "-".join(f"{ord(c):x}" for c in label)


def directory(entries: Sequence[Entry], language: str = "") -> Directory | None:
    """The index's pages for `entries` on a site in `language`, or None when they are few enough for one page as
    it was (WHOLE)."""
    if len(entries) <= WHOLE:
        return None
    keyed = [(*_key(e.name, language), e.name, e.slug) for e in entries]
    covered = heapq.nsmallest(LEADING, ((-e.stories, e.newest, key[1], e.slug) for e, key in zip(entries, keyed)
                                        if e.stories > 1))
    leading = tuple(slug for *_, slug in covered)
    keyed.sort()
    pages, jumps, seen = [], [], set()
    for number, start in enumerate(range(0, len(keyed), PER_PAGE), 1):
        chunk = keyed[start : start + PER_PAGE]
        sections: list[Section] = []
        for at, ((*_, label), *_) in enumerate(chunk):
            if sections and sections[-1].label == label:
                continue
            if sections:
                sections[-1] = Section(sections[-1].label, sections[-1].anchor, sections[-1].start, at)
            sections.append(Section(label, _anchor(label), at, len(chunk)))
            if label not in seen:
                seen.add(label)
                jumps.append(Jump(label, number, _anchor(label)))
        pages.append((tuple(slug for *_, slug in chunk), tuple(sections)))
    if len(jumps) > MAX_JUMPS:  # one for each page that an initial begins on: no more jumps than pages
        jumps = [jump for at, jump in enumerate(jumps) if at == 0 or jump.number != jumps[at - 1].number]
    return Directory(leading, tuple(pages), tuple(jumps))
