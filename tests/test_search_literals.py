"""Site search for what readers type with punctuation and short names: versions and numbers with dots (`9.3.3`,
`v2.1`), `C#` and `C++`, `.NET`, `Wi-Fi`, `COVID-19`, `iOS 17`; a topic's `shortname` (`CDS`); French and Italian
elisions (`qu'il`, `jusqu'à`, `dell'anno`) with each apostrophe readers type (' ’ ‘). The tokeniser is
generator/plan/search_compounds.py's (and search_tokens.py's) and search.js's: both are compared here, and the
reader's queries typed in chromium.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from conftest import build_site, item, make_site, search_results, static_server, story_files, told
from generator.plan.search_compounds import LITERAL_MARKS, literals
from generator.plan.search_files import SEARCH_FOLDER
from generator.plan.search_stems import terms
from generator.plan.search_tokens import fold, tokens
from generator.plan.search_optional import optional_words

CONFIG = """\
title: Literal News
base_url: https://example.org/paper/
now: "2026-11-22T12:00:00Z"
data_dir: data
topics:
  - name: Wireless
    shortname: WLAN
"""

# title -> what else the item says (its excerpt, topics and body); a month apart, so that no two are one story
STORIES = {
    "Portal update arrives": told("Sites move to portal version 9.3.3.x this week."),
    "Bug fixes for site builders": told("Version 9.2 brought fixes."),
    "API reaches its second version": told("The v2.1 endpoints replace v1."),
    "Language tooling news": told("Better C# analyzers and a faster C++ compiler."),
    "Runtime ships for Linux": told("The .NET runtime is now packaged."),
    "Office networks get faster": told("Wi-Fi 7 access points arrive.", topics="[Wireless]"),
    "Clinic reopens": told("After the COVID-19 closures, patients return."),
    "Phone makers ship updates": told("Support for iOS 17 lands."),
    "Tables get relations": told("Lookups between tables.", topics="[Common Data Service]",
                                 body="Version 4.1.2 of the designer is out."),
    # literals only as NFKC reads them (fullwidth forms), in a body with an entity
    "Functional tools update": told("Compilers and editors.",
                                    body="Version \uff19\uff0e\uff14 of the \uff26\uff03 tools &amp; more\u2026"),
}

TOPIC_RECORD = "name: Common Data Service\n_id: common-data-service\nshortname: CDS\n"

# query -> the titles it finds, as a reader checks them
QUERIES = {
    "9.3.3": ["Portal update arrives"],
    "portal 9.3.3": ["Portal update arrives"],
    "portal 9.3": ["Portal update arrives"],  # the last word is completed: 9.3 -> 9.3.3
    "version 9.2": ["Bug fixes for site builders"],
    "v2.1": ["API reaches its second version"],
    "C#": ["Language tooling news"],
    "c++ compiler": ["Language tooling news"],
    ".NET runtime": ["Runtime ships for Linux"],  # (".NET" is the word "net", exact: not completed to "networks")
    ".NET": ["Runtime ships for Linux"],
    "Wi-Fi": ["Office networks get faster"],
    "wifi": ["Office networks get faster"],
    "COVID-19": ["Clinic reopens"],
    "covid19": ["Clinic reopens"],
    "iOS 17": ["Phone makers ship updates"],
    "4.1.2": ["Tables get relations"],  # in a body
    "F# 9.4": ["Functional tools update"],  # written with fullwidth forms
    "CDS": ["Tables get relations"],  # a data_dir topic record's shortname
    "WLAN": ["Office networks get faster"],  # config.yaml's
}


@pytest.fixture(scope="module")
def literal_site(tmp_path_factory):
    files = {"data/topics/cds.yaml": TOPIC_RECORD, **story_files(STORIES)}
    config, _ = build_site(make_site(tmp_path_factory.mktemp("literals") / "site", files, CONFIG))
    return config.output_path


def test_versions_and_language_names_are_words_of_their_own():
    assert literals("Portal 9.3.3.x, Version 3.20092.32 (v2.1) and 6.0.") == ["9.3.3", "3.20092.32", "v2.1", "6.0"]
    assert literals("C#, F# and C++; .NET") == ["c#", "f#", "c++"]
    # what is no such word: a sentence's end, a decimal with a unit, a word's dots, a hashtag, a part of a longer one
    assert literals("The end. Next 1.5m e.g. #AI A+ abc# a.9.3 _v2.1 c#d 9..3") == []
    # as NFKC reads the text (fullwidth forms), and cut as a word is
    assert literals("９．３ Ｃ＃") == ["9.3", "c#"]
    assert literals("1." + "2." * 30 + "3") == [("1." + "2." * 30)[:40]]
    # the words spelled() finds are unchanged: the literals come beside them
    assert tokens("v2.1 C# 9.3.3 iOS 17 Wi-Fi COVID-19") == ["v2", "ios", "17", "wi", "fi", "covid", "19"]


@pytest.mark.slow  # (all of Unicode, NFKC each)
def test_the_marks_that_may_make_a_literal_are_those_whose_nfkc_has_one():
    listed = re.compile(f"[{LITERAL_MARKS}]")
    found = [chr(c) for c in range(0x110000) if chr(c) != "." and any(
        mark in unicodedata.normalize("NFKC", chr(c)) for mark in ".#+")]
    assert found and all(listed.fullmatch(char) for char in found)
    assert len(found) == sum(1 for c in range(0x110000) if listed.fullmatch(chr(c)))


def test_french_and_italian_elisions_are_function_words():
    # the elided words of two letters or more are words to the tokeniser, each apostrophe alike; one letter is none
    for apostrophe in "'\u2019\u2018":
        assert tokens(f"jusqu{apostrophe}à lorsqu{apostrophe}il qu{apostrophe}elle l{apostrophe}eau") == [
            "jusqu", "lorsqu", "il", "qu", "elle", "eau"]
        assert tokens(f"dell{apostrophe}anno all{apostrophe}interno quest{apostrophe}anno") == [
            "dell", "anno", "all", "interno", "quest", "anno"]
    french, italian = set(optional_words("fr")), set(optional_words("it"))
    assert {"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "il", "elle"} <= french
    assert {"dell", "all", "nell", "dall", "sull", "quest", "un"} <= italian


@pytest.mark.slow
def test_the_index_lists_literals_and_shortnames(literal_site):
    folder = literal_site / SEARCH_FOLDER
    found = {term for path in (folder / "terms").iterdir() for term in json.loads(path.read_bytes())["terms"]}
    assert {"9.3.3", "9.2", "v2.1", "c#", "c++", "4.1.2", "wifi", "covid19", "9.4", "f#"} <= found
    assert set(terms("CDS WLAN", "english")) <= found
    assert not {"9.3.3.x", "c", "9"} & found


@pytest.mark.slow
def test_what_a_reader_types_finds_the_story(literal_site, page):
    with static_server(literal_site, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearch === 'object'")
        for query, titles in QUERIES.items():
            said = "1 result for" if len(titles) == 1 else f"{len(titles)} results for"
            assert search_results(page, query, said) == titles, query
        strings = [*QUERIES, *STORIES, *(fields["excerpt"] for fields in STORIES.values()),
                   "９．３ Ｃ＃ ⒈5 a.9.3 _v2.1 c#d 9..3 1.5m", "x\u00ad9.3\u200b.4 v1.\u20602",
                   "c+\u00ad+ 9\u00ad.3 ９.3 Ａ# 1…2 …9.3 9\u20243 \u00a09.3\u00a0 é 9.3 v2.1 ü. C# ü",
                   "naïve text without any — “quoted” … ﹟x 4\U0001f100"]
        in_browser = page.evaluate("strings => strings.map(s => window.newsdeskSearch.literals(s))", strings)
    assert in_browser == [literals(s) for s in strings]
    assert any(in_browser)


@pytest.mark.slow
def test_a_french_query_typed_with_any_apostrophe_finds_the_story(tmp_path, page):
    story, other = "Lorsqu'il pleut, les trains ralentissent", "Le soleil revient sur la côte"
    root = make_site(tmp_path / "fr", {
        "content/pluie.md": item(story.replace("'", "\u2019"), date="2026-11-20T10:00:00Z", body="Texte."),
        "content/soleil.md": item(other, date="2026-11-21T10:00:00Z", body="Texte."),
    }, "title: Nouvelles\nbase_url: https://example.org/paper/\nlanguage: fr\n")
    config, _ = build_site(root)
    listed = sorted({fold(word) for word in optional_words("fr")})
    shown = story.replace("'", "\u2019")
    with static_server(config.output_path, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearch === 'object'")
        for apostrophe in "'\u2019\u2018":
            query = f"jusqu{apostrophe}à quand pleut-il lorsqu{apostrophe}on qu{apostrophe}il"
            optional = page.evaluate("([q, words]) => window.newsdeskSearch.optional(q, words)", [query, listed])
            assert optional == ["jusqu", "quand", "il", "lorsqu", "on", "qu"], apostrophe
            # the elided words need not be in the story; the others are
            for typed in (f"qu{apostrophe}il pleut", f"jusqu{apostrophe}où pleut-il"):
                page.fill("#search-q", typed)
                page.locator("#search-status").filter(has_text=f"1 résultat pour « {typed} »").wait_for(timeout=10_000)
                assert page.locator("#search-results .card-title a").all_inner_texts() == [shown], typed
                assert "aucun article" not in page.locator("#search-status").inner_text()  # (every word it needs)
