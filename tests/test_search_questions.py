"""Search for questions as readers type them: the language's function words (what, is, how, to ...) rank but
never leave a story out (generator/plan/search_optional.py, static/search/search.js); a phrase in quotes keeps
every word; a query of function words alone needs them all. Also the hyphenated words of a body, and the
Portuguese plurals in -ões, as the index and the browser take them."""

from __future__ import annotations

import json

import pytest

from conftest import item, make_site, static_server
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.plan.search import SEARCH_FOLDER, compounds, fold, terms
from generator.plan.search_optional import optional_words

CONFIG = """\
title: Questions News
base_url: https://example.org/paper/
now: "2026-11-22T12:00:00Z"
"""

ANSWER = "What is quillwort, and how to grow it"  # every word of the question
PLAIN = "Quillwort spreads in cold lakes"  # the subject alone
OTHER = "What is a marmoset"  # the question's words, another subject


def files() -> dict[str, str]:
    return {
        "content/answer.md": item(ANSWER, date="2026-11-20T10:00:00Z", body="Quillwort grows under water."),
        "content/plain.md": item(PLAIN, date="2026-11-21T10:00:00Z",
                                 body="Quillwort spores drift. A low-code tool maps the lakes."),
        "content/other.md": item(OTHER, date="2026-11-19T10:00:00Z", body="A small monkey of the forest."),
    }


def built(tmp_path, config=CONFIG):
    root = make_site(tmp_path / "site", files(), config)
    cfg = load_config(root / "config.yaml")
    build(cfg, BuildOptions(workers=1))
    return cfg.output_path


def meta_of(out) -> dict:
    return json.loads((out / SEARCH_FOLDER / "meta.json").read_bytes())


def test_every_listed_word_is_one_token_folded_and_negations_stay_required():
    negations = {"en": "no not nor", "de": "nicht kein keine", "fr": "ne pas non", "es": "no ni",
                 "pt": "não nem", "it": "non né", "nl": "niet geen"}  # (Portuguese "no" is "em o", "in the")
    for language, negation in negations.items():
        words = optional_words(language)
        assert len(words) > 30, language
        for word in words:  # each is a word the tokeniser keeps whole (not cut, not dropped as one letter)
            assert terms(word, None) == [fold(word)], (language, word)
        assert not set(negation.split()) & set(words), language
    assert optional_words("en-GB") == optional_words("en") and optional_words("ja") == optional_words("fa") == ()


def test_meta_lists_the_sites_languages_function_words_folded(tmp_path):
    meta = meta_of(built(tmp_path))
    assert {"what", "is", "how", "to"} <= set(meta["optional"]) and "quillwort" not in meta["optional"]
    assert meta["optional"] == sorted(meta["optional"])
    french = meta_of(built(tmp_path / "fr", CONFIG + "language: fr\n"))["optional"]
    assert "ou" in french and "où" not in french  # folded, as a query's token is
    assert meta_of(built(tmp_path / "ja", CONFIG + "language: ja\n"))["optional"] == []


def test_a_bodys_words_written_with_hyphens_are_also_one_word(tmp_path):
    out = built(tmp_path)
    shards = (out / SEARCH_FOLDER / "terms").glob("*.json")
    found = {term for path in shards for term in json.loads(path.read_bytes())["terms"]}
    assert "lowcod" in found  # "low-code" of the body, stemmed (a title's, excerpt's and label's were already)


def test_compounds_of_a_long_text_are_those_of_its_parts_found_in_one_pass():
    parts = ["As low-code grows, T-Mobile uses GPT\u20113 (model\u2010driven)", "Café DÉJÀ-vu, 1999-2026",
             "e-\u0301mail inter\u00ad-national x\u200b-y", "a - b, x-, -y, 東京-タワー", "İ-stanbul ΟΔΟΣ-ΣΊΣΥΦΟΣ"]
    text = "\n".join(parts * 40)
    assert compounds(text) == [word for part in parts * 40 for word in compounds(part)]
    assert compounds(text, "tr") == [word for part in parts * 40 for word in compounds(part, "tr")]
    # a word of 200,000 letters with a hyphen: the pattern is not tried again at each of its letters
    assert compounds("a" * 200_000 + "-b " + "é" * 200_000 + "-c") == ["a" * 40, "e" * 40]  # (cut, folded: as spelled())


PORTUGUESE = [("ação ações acao acoes", "aca"), ("eleição eleições eleicoes", "eleica"),
              ("opção opções", "opca"), ("milhão milhões", "milha"), ("pão pães", "pa"), ("mão mãos", "ma")]


def test_portuguese_plurals_in_oes_share_the_singulars_term():
    for words, term in PORTUGUESE:
        assert set(terms(words, "portuguese")) == {term}, words
    assert terms("pões põe", "portuguese") == ["po", "po"]  # (two letters before the ending at least)


# --- in a real browser ------------------------------------------------------------------------------

def results(page, query: str, said: str) -> list[str]:
    page.fill("#search-q", query)
    page.locator("#search-status").filter(has_text=f"{said} \u201c{query}\u201d").wait_for(timeout=10_000)
    return page.locator("#search-results .card-title a").all_inner_texts()


@pytest.mark.slow
def test_function_words_rank_but_leave_no_story_out(tmp_path, page):
    out = built(tmp_path)
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        # the story that answers with every word first, then the one with the subject alone
        assert results(page, "what is quillwort", "2 results for") == [ANSWER, PLAIN]
        assert results(page, "how to grow quillwort", "1 result for") == [ANSWER]  # "grow" is no function word
        # the function words are not marked in the results; the subject is
        marked = page.locator("#search-results mark").all_inner_texts()
        assert {word.lower() for word in marked} == {"quillwort", "grow"}
        assert results(page, "what is", "2 results for") == [ANSWER, OTHER]  # only function words: all of them
        # in quotes, every word of the phrase counts
        assert results(page, '"what is" quillwort', "1 result for") == [ANSWER]
        assert results(page, "quillwort lowcode", "1 result for") == [PLAIN]  # the body's "low-code"


@pytest.mark.slow
def test_the_browser_reads_the_same_words_as_optional_and_stems_portuguese_as_python(tmp_path, page):
    out = built(tmp_path / "pt", CONFIG + "language: pt\n")
    listed = meta_of(out)["optional"]
    words = [word for forms, _ in PORTUGUESE for word in forms.split()] + ["pões", "põe", "heroes", "Ações"]
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("window.newsdeskSearch !== undefined")
        page.evaluate("window.newsdeskSearch.useStemmer('portuguese')")
        in_browser = page.evaluate("words => words.map(w => window.newsdeskSearch.terms(w))", words)
        optional = page.evaluate("([q, words]) => window.newsdeskSearch.optional(q, words)",
                                 ['como funciona a relação "do governo" para as ações', listed])
        alone = page.evaluate("([q, words]) => window.newsdeskSearch.optional(q, words)", ["como da", listed])
    assert in_browser == [terms(word, "portuguese") for word in words]
    assert optional == ["como", "para", "as"]  # not "do" in quotes, nor the other words
    assert alone == []  # nothing but function words: every one needed
