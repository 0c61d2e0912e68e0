"""Search for questions as readers type them: the language's function words (what, is, how, to ...) rank but
never leave a story out (generator/plan/search_optional.py, static/search/search.js); a phrase in quotes keeps
every word; a query of function words alone needs them all. Also the hyphenated words of a body, and the
Portuguese plurals in -ões, as the index and the browser take them."""

from __future__ import annotations

import json

import pytest

from conftest import cpu_seconds, item, make_site, search_results, static_server
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.plan.search_compounds import compounds
from generator.plan.search_files import SEARCH_FOLDER
from generator.plan.search_stems import STEMMERS, stemmer_name, terms
from generator.plan.search_tokens import casing, fold, tokens
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


# Each language's words of negation, which must stay required (as folded: Greek πότε, when, is ποτέ, never)
NEGATIONS = {"en": "no not nor never", "de": "nicht kein keine nie", "fr": "ne pas non jamais", "es": "no ni nunca",
             "pt": "não nem nunca", "it": "non né mai", "nl": "niet geen nooit",  # (Portuguese "no" is "em o", "in the")
             "sv": "inte ej ingen inga aldrig", "da": "ikke ej ingen aldrig", "nb": "ikke ingen aldri",
             "no": "ikke ingen aldri", "nn": "ikkje ingen aldri", "fi": "ei en et emme ette eivät",
             "pl": "nie ani nigdy", "cs": "ne není nic nikdy", "ru": "не нет ни никогда", "ro": "nu nici niciodată",
             "tr": "değil yok hayır asla", "ca": "no ni mai", "id": "tidak bukan belum tak jangan",
             "hu": "nem sem ne soha", "el": "δεν μην μη όχι ποτέ", "eo": "ne neniu nenio neniam",
             "ar": "لا لم لن ليس ما غير", "fa": "نه نیست نبود هیچ هرگز"}

# A question in each language and a story that answers it without its question words (written for these tests)
QUESTIONS = {
    "sv": ("hur fungerar en värmepump", "Värmepumpen fungerar även i sträng kyla"),
    "da": ("hvad er en varmepumpe", "Varmepumpen sparer strøm om vinteren"),
    "nb": ("hva er en varmepumpe", "Varmepumpen sparer strøm om vinteren"),
    "nn": ("kva er ein varmepumpe", "Varmepumpa sparer straum om vinteren"),
    "fi": ("miten lämpöpumppu toimii", "Lämpöpumppu toimii myös pakkasella"),
    "pl": ("jak działa pompa ciepła", "Pompa ciepła działa także zimą"),
    "cs": ("jak funguje tepelné čerpadlo", "Tepelné čerpadlo funguje i v mrazu"),
    "ru": ("как работает тепловой насос", "Тепловой насос работает и в мороз"),
    "ro": ("cum funcționează o pompă de căldură", "Pompa de căldură funcționează și iarna"),
    "tr": ("ısı pompası nasıl çalışır", "Isı pompası kışın da çalışır"),
    "ca": ("com funciona una bomba de calor", "La bomba de calor funciona a l'hivern"),
    "id": ("apa itu pompa panas", "Pompa panas hemat listrik"),
    "hu": ("hogyan működik a hőszivattyú", "A hőszivattyú télen is működik"),
    "el": ("πώς λειτουργεί η αντλία θερμότητας", "Η αντλία θερμότητας λειτουργεί και τον χειμώνα"),
    "eo": ("kiel funkcias varmopumpilo", "Varmopumpilo funkcias ankaŭ vintre"),
    "ar": ("كيف تعمل المضخة الحرارية", "المضخة الحرارية تعمل في الشتاء"),
    "fa": ("پمپ حرارتی چگونه کار می‌کند", "پمپ حرارتی در زمستان کار میکند"),  # (with a ZWNJ, without)
}


def test_every_listed_word_is_one_token_folded_and_negations_stay_required():
    with_lists = {language for language in set(STEMMERS) | set(NEGATIONS) if optional_words(language)}
    assert with_lists == set(NEGATIONS)  # every list is checked here
    for language, negation in NEGATIONS.items():
        words, case = optional_words(language), casing(language)
        assert len(words) > 30 and len(set(words)) == len(words), language
        for word in words:  # each is a word the tokeniser keeps whole (not cut, not dropped as one letter)
            assert terms(word, None, case) == [fold(word)], (language, word)
        assert not {fold(word) for word in negation.split()} & {fold(word) for word in words}, language
    assert optional_words("en-GB") == optional_words("en") and optional_words("ja") == optional_words("hi") == ()
    assert optional_words("nb-NO") == optional_words("no") != optional_words("nn")


def test_a_questions_words_outside_the_list_are_all_in_the_story_that_answers_it():
    """What the search page needs (search.js: every word but the optional ones): the answer holds each other word
    of the question, stemmed as the index stems it, and lacks one of its function words at least."""
    assert set(QUESTIONS) | {"en", "de", "fr", "es", "pt", "it", "nl", "no"} == set(NEGATIONS)
    for language, (question, answer) in QUESTIONS.items():
        name, case, listed = stemmer_name(language), casing(language), {fold(w) for w in optional_words(language)}
        story = set(terms(answer, name, case))
        words = list(zip(tokens(question, case), terms(question, name, case)))
        assert [term for token, term in words if token not in listed and term not in story] == [], language
        assert [term for token, term in words if token in listed and term not in story], language


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
    # a word of 200,000 letters with a hyphen is one compound, cut and folded as spelled() does
    assert compounds("a" * 200_000 + "-b " + "é" * 200_000 + "-c") == ["a" * 40, "e" * 40]


def test_a_long_words_compounds_cost_in_proportion_to_its_letters():
    # A long word whose hyphen joins nothing: a pattern tried again at each of its letters scans the rest of the
    # word each time, a cost in the square of its length (a minute of CPU at 20,000 letters). The same letters in
    # one word and in a hundred words of a hundred cost alike when compounds() is linear: a ratio, not a time.
    long, short = "a" * 10_000 + "- x", " ".join(["a" * 100 + "-"] * 100)
    compounds("a-b")  # (the pattern, compiled once)
    spent = {long: 0.0, short: 0.0}
    for _ in range(3):  # (alternating: a change in the machine's load falls on both)
        for text in (long, short):
            started = cpu_seconds()
            assert compounds(text) == []
            spent[text] += cpu_seconds() - started
    assert spent[long] < 3 * spent[short], spent


PORTUGUESE = [("ação ações acao acoes", "aca"), ("eleição eleições eleicoes", "eleica"),
              ("opção opções", "opca"), ("milhão milhões", "milha"), ("pão pães", "pa"), ("mão mãos", "ma")]


def test_portuguese_plurals_in_oes_share_the_singulars_term():
    for words, term in PORTUGUESE:
        assert set(terms(words, "portuguese")) == {term}, words
    assert terms("pões põe", "portuguese") == ["po", "po"]  # (two letters before the ending at least)


# --- in a real browser ------------------------------------------------------------------------------

@pytest.mark.slow
def test_function_words_rank_but_leave_no_story_out(tmp_path, page):
    out = built(tmp_path)
    with static_server(out, "/paper/") as base:
        page.goto(base + "search/")
        # the story that answers with every word first, then the one with the subject alone
        assert search_results(page, "what is quillwort", "2 results for") == [ANSWER, PLAIN]
        assert search_results(page, "how to grow quillwort", "1 result for") == [ANSWER]  # "grow" is no function word
        # the function words are not marked in the results; the subject is
        marked = page.locator("#search-results mark").all_inner_texts()
        assert {word.lower() for word in marked} == {"quillwort", "grow"}
        assert search_results(page, "what is", "2 results for") == [ANSWER, OTHER]  # only function words: all of them
        # in quotes, every word of the phrase counts
        assert search_results(page, '"what is" quillwort', "1 result for") == [ANSWER]
        assert search_results(page, "quillwort lowcode", "1 result for") == [PLAIN]  # the body's "low-code"


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


@pytest.mark.slow
def test_a_question_in_each_language_with_a_list_finds_its_story(tmp_path, page):
    """In the browser, on a site in each language: the question finds the story that answers it, and not a story
    of its function words alone."""
    for language, (question, answer) in QUESTIONS.items():
        listed = {fold(word) for word in optional_words(language)}
        only = " ".join(token for token in tokens(question, casing(language)) if token in listed) + " zebra"
        root = make_site(tmp_path / language, {
            "content/answer.md": item(answer, date="2026-11-20T10:00:00Z", body="Text."),
            "content/only.md": item(only, date="2026-11-21T10:00:00Z", body="Text."),
        }, CONFIG + f"language: {language}\n")
        cfg = load_config(root / "config.yaml")
        build(cfg, BuildOptions(workers=1))
        with static_server(cfg.output_path, "/paper/") as base:
            page.goto(base + "search/")
            page.fill("#search-q", question)
            page.locator("#search-status").filter(has_text=question).wait_for(timeout=10_000)
            assert page.locator("#search-results .card-title a").all_inner_texts() == [answer], language
