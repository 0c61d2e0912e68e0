"""Phrases in the quote marks readers type in their languages (static/search/search.js parse): « » with or without
the French inner spaces, „ “ ” ‚ ‘ ’, 「 」 『 』 and straight ones; an apostrophe inside a word (l’eau) is no quote.
The search page's intro shows the language's own marks (the words files' search_quoted)."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT, item, make_site, static_server
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from test_search import offline, result_links

SEARCH_JS = ROOT / "themes/default/static/search/search.js"

# query -> the phrases search.js reads in it (each a list of its words, as the tokeniser spells them)
PHRASES = {
    '"sleeper cars" night': [["sleeper", "cars"]],
    "« trains de nuit »": [["trains", "de", "nuit"]],  # French spaces: no-break ones, as typed on a French keyboard
    "«\u00a0trains de nuit\u202f»": [["trains", "de", "nuit"]],
    "«trains de nuit» lac": [["trains", "de", "nuit"]],
    "„Haus am See“": [["haus", "am", "see"]],  # German
    "„dom nad morzem”": [["dom", "nad", "morzem"]],  # Polish
    "“sleeper cars” ‘night trains’": [["sleeper", "cars"], ["night", "trains"]],  # English
    "”sleeper cars” ’night trains’": [["sleeper", "cars"], ["night", "trains"]],  # Swedish, Finnish
    "‚kleines Haus‘": [["kleines", "haus"]],
    "»små huse«": [["små", "huse"]],  # Danish
    "「東京 タワー」": [["東", "京", "タ", "ワ", "ー"]],
    "『新しい 駅』": [["新", "し", "い", "駅"]],
    '"unclosed words': [["unclosed", "words"]],  # still being typed
    "« encore ouvert": [["encore", "ouvert"]],
    # apostrophes: inside a word, after one, or before one, they are no quotes
    "l’eau du lac": [],
    "don’t stop": [],
    "James’ book": [],
    "rock ’n’ roll": [],
    "’tis the season": [],
    "‘l’eau froide’ lac": [["eau", "froide"]],
    "« l’eau du lac »": [["eau", "du", "lac"]],
}


def _in_search_js(tmp_path, function: str, queries: list[str]) -> dict:
    """query -> what search.js's `window.newsdeskSearch[function]` makes of it (in node)."""
    (tmp_path / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    script = """
        const fs = require("fs"), vm = require("vm"), [file, queries, name] = process.argv.slice(1);
        globalThis.window = globalThis;
        globalThis.document = { getElementById: () => null };
        vm.runInThisContext(fs.readFileSync(file, "utf8"));
        const out = JSON.parse(fs.readFileSync(queries, "utf8")).map(q => window.newsdeskSearch[name](q));
        process.stdout.write(JSON.stringify(out));
    """
    run = subprocess.run(["node", "-e", script, str(SEARCH_JS), str(tmp_path / "queries.json"), function],
                         capture_output=True, text=True, check=True)
    return dict(zip(queries, json.loads(run.stdout)))


def test_search_js_reads_the_phrases_of_every_languages_quote_marks(tmp_path):
    assert _in_search_js(tmp_path, "phrases", list(PHRASES)) == PHRASES


# query -> how the status line quotes it (inside the language's own marks): a phrase alone without its marks, which
# the line would show twice (`1 Ergebnis für „„Wir sind erleichtert““`); anything else as typed
QUOTED_AS = {
    "„Wir sind erleichtert“": "Wir sind erleichtert",
    '"sleeper cars"': "sleeper cars",
    "« trains de nuit »": "trains de nuit",
    "«\u00a0l’eau du lac\u00a0»": "l’eau du lac",
    '"unclosed words': "unclosed words",  # still being typed
    "‘night trains’": "night trains",
    "「東京 タワー」": "東京 タワー",
    '"sleeper cars" night': '"sleeper cars" night',  # a phrase and a word
    '"a" "b"': '"a" "b"',  # two phrases
    "’tis the season": "’tis the season",  # an apostrophe
    "plain words": "plain words",
}


def test_the_status_line_quotes_a_phrase_alone_without_its_own_marks(tmp_path):
    assert _in_search_js(tmp_path, "asQuoted", list(QUOTED_AS)) == QUOTED_AS


FRENCH = """\
title: Le Journal
base_url: https://example.org/journal/
language: fr
now: "2026-11-22T12:00:00Z"
"""

HOSTILE = '<img src=x onerror="window.pwned=1"> & <b>gras</b>'


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    files = {
        "content/trains.md": item("Les trains de nuit reviennent", date="2026-11-21T10:00:00Z",
                                  body="Les voitures-lits partent à neuf heures. L’eau du lac est froide."),
        "content/nuit.md": item("La nuit des musées", date="2026-11-20T10:00:00Z",
                                body="Des trains spéciaux de la ville ramènent les visiteurs de nuit."),
    }
    root = make_site(tmp_path_factory.mktemp("fr"), files, FRENCH)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    return config.output_path


def test_the_french_search_page_tells_readers_to_type_guillemets(french_site):
    html = (french_site / "search/index.html").read_text(encoding="utf-8")
    assert "Mettez des mots entre «\u00a0guillemets\u00a0» pour les trouver côte à côte." in html


@pytest.mark.slow
def test_a_phrase_in_guillemets_finds_the_phrase_and_quoted_markup_stays_text(french_site, page):
    with static_server(french_site, "/journal/") as base:
        offline(page, base)
        page.goto(base + "search/")
        status = page.locator("#search-status")
        page.fill("#search-q", "trains nuit")  # both stories have both words
        status.filter(has_text="2 résultats").wait_for(timeout=10_000)
        for query, phrase in (("« trains de nuit »", "trains de nuit"), ("«trains de nuit»", "trains de nuit"),
                              ("„trains de nuit“", "trains de nuit"), ("«\u00a0l’eau du lac\u00a0»", "l’eau du lac")):
            page.fill("#search-q", query)
            # (the phrase's own marks not shown inside the line's: « « trains de nuit » »)
            status.filter(has_text=f"1 résultat pour « {phrase} »").wait_for(timeout=10_000)
            assert status.inner_text() == f"1 résultat pour «\u202f{phrase}\u202f»", query  # (French spaces)
            assert result_links(page).all_inner_texts() == ["Les trains de nuit reviennent"], query
        page.fill("#search-q", "« nuit trains »")  # both words in each story, side by side in neither
        status.filter(has_text="Aucun résultat").wait_for(timeout=10_000)
        for query, shown in ((f"« {HOSTILE} »", HOSTILE), (f"«{HOSTILE}", HOSTILE),
                             (f"„{HOSTILE}“ trains", f"„{HOSTILE}“ trains")):
            page.fill("#search-q", query)
            status.filter(has_text=f"Aucun résultat pour « {shown} »").wait_for(timeout=10_000)
            assert status.inner_text() == f"Aucun résultat pour «\u202f{shown}\u202f»."  # as typed, as text
            assert page.locator("#search img, #search b").count() == 0
            assert page.evaluate("window.pwned") is None
