"""Site search on a site written in Cyrillic or Greek, typed in Latin letters as on a keyboard without the site's
script: "moskva" finds Москва, "athina" Αθήνα, "kyiv" Київ, and the page asks "Did you mean москва?"; a Latin word the
site writes (Apple) is found as typed, and one that spells none of its words finds nothing."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from conftest import headline_site, search_page
from generator.plan.search_files import SEARCH_FOLDER
from generator.plan.search_latin import latin_letters
from generator.plan.search_tokens import fold

SCRIPTS = {"ru": "Cyrillic", "uk": "Cyrillic", "be": "Cyrillic", "bg": "Cyrillic", "mk": "Cyrillic", "el": "Greek"}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_each_letter_of_the_script_has_its_latin_spellings(language):
    import unicodedata

    letters = latin_letters(f"{language}-XX")
    assert len(letters) >= 24
    for letter, spellings in letters.items():
        # (as search folds a word: a letter folding makes another, й, ё or ς, never stands in a term; Greek's digraphs
        # are two letters, which one Latin letter spells)
        assert fold(letter) == letter and len(letter) <= (2 if language == "el" else 1), letter
        assert all(SCRIPTS[language].upper() in unicodedata.name(char) for char in letter), letter
        assert spellings and all(spelling.isascii() and spelling == spelling.lower() for spelling in spellings)
    assert latin_letters("en") == latin_letters("sr") == latin_letters(None) == {}


SITES = {
    "ru": {"Москва готовится к зиме": "", "В Москве открыли новое метро": "", "Санкт-Петербург строит мост": "",
           "Apple выпустила новый iPhone": "", "Щука в реке": ""},
    "el": {"Αθήνα: νέο μετρό": "", "Θεσσαλονίκη: το λιμάνι μεγαλώνει": "", "Κύπρος και Ελλάδα": ""},
    "uk": {"Київ готується до зими": "", "Львів відкрив музей": ""},
}
# language -> (query, the titles it finds, the word the page suggests (as a story writes it; its start for a word the
# stories write in two forms), or "" when it finds them as typed)
QUERIES = {
    "ru": [("moskva", ["В Москве открыли новое метро", "Москва готовится к зиме"], "москв"),
           ("moskvy", ["В Москве открыли новое метро", "Москва готовится к зиме"], "москв"),
           ("sankt peterburg", ["Санкт-Петербург строит мост"], "санкт"), ("shchuka", ["Щука в реке"], "щук"),
           ("apple", ["Apple выпустила новый iPhone"], "")],
    "el": [("athina", ["Αθήνα: νέο μετρό"], "αθήνα"),
           ("thessaloniki", ["Θεσσαλονίκη: το λιμάνι μεγαλώνει"], "θεσσαλονίκη"),
           ("kypros", ["Κύπρος και Ελλάδα"], "κύπρος")],
    "uk": [("kyiv", ["Київ готується до зими"], "київ"), ("lviv", ["Львів відкрив музей"], "львів")],
}


@pytest.mark.parametrize("language", sorted(SITES))
def test_the_index_carries_the_languages_latin_spellings(tmp_path, language):
    output = _site(tmp_path, language).output_path
    meta = json.loads((output / SEARCH_FOLDER / "meta.json").read_bytes())
    assert meta["latin"] == latin_letters(language) and meta["latin"]


def _site(tmp_path, language: str):
    return headline_site(tmp_path / "site", SITES[language], f"language: {language}\n")


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(SITES))
def test_a_reader_typing_latin_letters_finds_the_sites_words(tmp_path, page, language):
    with search_page(page, _site(tmp_path, language)):
        for query, titles, suggested in QUERIES[language]:
            page.fill("#search-q", query)
            page.locator("#search-status").filter(has_text=query).wait_for(timeout=10_000)
            page.wait_for_function("document.querySelectorAll('#search-results .card-title a').length > 0")
            assert sorted(page.locator("#search-results .card-title a").all_inner_texts()) == sorted(titles), query
            suggestion = page.locator("#search-suggestion")
            if suggested:
                assert suggestion.is_visible() and suggested in suggestion.inner_text().lower(), query
            else:
                assert not suggestion.is_visible(), query
        page.fill("#search-q", "qwxzvb")
        page.locator("#search-status").filter(has_text="qwxzvb").wait_for(timeout=10_000)
        assert page.locator("#search-results .card-title a").count() == 0


# language -> (query, the titles it finds, what the page suggests): in quotes, with a typo, or both
MISTYPED = {
    "ru": [('"sankt peterburg"', ["Санкт-Петербург строит мост"], '"санкт петербург"'),
           ("«sankt peterburg»", ["Санкт-Петербург строит мост"], "«санкт петербург»"),
           ('"peterburg sankt"', [], '"петербург санкт"'),  # (read, but in no story in that order)
           ("moskvaa", ["В Москве открыли новое метро", "Москва готовится к зиме"], "москв"),
           ("mosvka", ["В Москве открыли новое метро", "Москва готовится к зиме"], "москв"),
           ("moskba", ["В Москве открыли новое метро", "Москва готовится к зиме"], "москв"),
           ("sankt peterbrug", ["Санкт-Петербург строит мост"], "санкт петербург"),
           ('"sankt peterbrug"', ["Санкт-Петербург строит мост"], '"санкт петербург"'),
           ("shchukka", ["Щука в реке"], "щук")],
    "el": [("thesaloniki", ["Θεσσαλονίκη: το λιμάνι μεγαλώνει"], "θεσσαλονίκη"),
           ("athnia", ["Αθήνα: νέο μετρό"], "αθήνα")],
    "uk": [('"kyiv hotuietsia"', ["Київ готується до зими"], '"київ готується"'),
           ("lvvi", ["Львів відкрив музей"], "львів")],
}


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(MISTYPED))
def test_latin_letters_read_in_quotes_and_with_a_typo(tmp_path, page, language):
    """A phrase in quotes typed in Latin is read word by word as the site's words, and must stand so in a story (in
    that order); a Latin word with a typo (a letter more, less, changed, or two swapped) is read as the word it spells
    but for that, when none is spelled exactly. The page suggests the query as read, its quotes and order kept."""
    with search_page(page, _site(tmp_path, language)) as base:
        for query, titles, suggested in MISTYPED[language]:
            page.goto(base + "search/?q=" + urllib.parse.quote(query))
            page.locator("#search-status").filter(has_text=query.strip('"«»')).wait_for(timeout=10_000)
            assert sorted(page.locator("#search-results .card-title a").all_inner_texts()) == sorted(titles), query
            suggestion = page.locator("#search-suggestion")
            if suggested:
                assert suggestion.is_visible(), query
                assert suggested in suggestion.locator("a").inner_text().lower(), query
            else:
                assert not suggestion.is_visible(), query
