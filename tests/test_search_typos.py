"""A word of five letters or more typed with one edit (a letter changed, left out, typed more, or two side by side
swapped) finds the word wherever the edit is, its first two letters too, and the page asks "Did you mean ...?". The
first two letters choose a word's terms file, so a typo there is looked up through the tails files, by the word's
third to fifth letters (generator/plan/search_files.py, search.js `tailed`)."""

from __future__ import annotations

import json

import pytest

from conftest import headline_site, search_page
from generator.plan.search_files import SEARCH_FOLDER, TAILS_FOLDER, tail_bucket, tail_key
from generator.plan.search_tokens import fold

HEADLINES = ["New vaccine trial starts in the spring", "Chemistry prize goes to battery pioneers",
             "Harbour cranes get a new paint job", "Council votes on the night bus"]
# typed -> the word it stands for: each edit in the first two letters, and one past them
TYPED = {"avccine": "vaccine", "vcacine": "vaccine", "baccine": "vaccine", "vqccine": "vaccine", "accine": "vaccine",
         "vccine": "vaccine", "xvaccine": "vaccine", "vxaccine": "vaccine", "vacicne": "vaccine",
         "cehmistry": "chemistry", "hcemistry": "chemistry", "hemistry": "chemistry", "xhemistry": "chemistry"}


def _site(tmp_path):
    return headline_site(tmp_path / "site", HEADLINES)


def test_every_word_term_is_in_the_tails_file_of_its_words_third_to_fifth_letters(tmp_path):
    folder = _site(tmp_path).output_path / SEARCH_FOLDER
    meta = json.loads((folder / "meta.json").read_bytes())
    assert meta["tails"] >= 1
    tails = {number: json.loads((folder / TAILS_FOLDER / f"{number}.json").read_bytes())
             for number in range(meta["tails"])}  # (every one is written: the page never asks for a missing file)
    assert sorted(path.name for path in (folder / TAILS_FOLDER).iterdir()) == sorted(f"{n}.json" for n in tails)
    words, forms = {}, {}
    for path in (folder / "terms").iterdir():
        shard = json.loads(path.read_bytes())
        for term, postings in shard["terms"].items():
            word = fold(shard["forms"].get(term, term))
            if not term.startswith("_") and ":" not in term and len(word) >= 5 and not word.isdigit():
                words[term] = postings[0]
                if term in shard["forms"]:
                    forms[term] = shard["forms"][term]
    assert words["vaccin"] and forms["vaccin"] == "vaccine" and words["chemistri"]
    assert {term: df for tail in tails.values() for term, df in tail["terms"].items()} == words
    assert {term: word for tail in tails.values() for term, word in tail["forms"].items()} == forms
    for number, tail in tails.items():
        assert tail["terms"], number  # (TAIL_BYTES makes no more files than the terms fill)
        for term in tail["terms"]:
            assert tail_bucket(tail_key(fold(tail["forms"].get(term, term))), meta["tails"]) == number


@pytest.mark.slow
def test_one_edit_anywhere_in_a_word_finds_it_and_says_did_you_mean(tmp_path, page):
    with search_page(page, _site(tmp_path)) as base:
        for typed, word in TYPED.items():
            page.goto(base + "search/?q=" + typed)
            page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
            title = next(headline for headline in HEADLINES if word in headline.lower())
            assert page.locator("#search-results .card-title a").all_inner_texts() == [title], typed
            assert page.locator("#search-suggestion").inner_text() == \
                f"Did you mean {word}? Showing results for it.", typed
        page.goto(base + "search/?q=zqxvcine")  # (two edits in a word of 8 letters: its own file's rule, and none)
        page.locator("#search-status").filter(has_text="No results for").wait_for(timeout=10_000)
