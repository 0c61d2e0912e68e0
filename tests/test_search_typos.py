"""A word of five letters or more typed with one edit (a letter changed, left out, typed more, or two side by side
swapped) finds the word wherever the edit is, its first two letters too, and the page asks "Did you mean ...?". The
first two letters choose a word's terms file, so a typo there is looked up through the tails files, by the word's
third to fifth letters (generator/plan/search_files.py, search.js `tailed`); so is one in the letters of a split key
past the second (`reqort` for *report* when "re" is split: another terms file), by the third to fifth letters of the
words it makes with each letter that key's other keys go on with."""

from __future__ import annotations

import json

import pytest

from conftest import headline_site, item, make_site, search_page
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.plan.search_files import (SEARCH_FOLDER, TAILS_FOLDER, listed_keys, shard_file, shard_key, tail_bucket,
                                         tail_key)
from generator.plan.search_stems import terms
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


# Words of "re" and "rep" every story tells, enough (with small terms files) that both keys are split, as a big site's
SPLIT_FILLERS = ("repair", "replace", "reading", "revenue", "regional", "republic", "reputation", "repeal", "replica",
                 "reptile", "repertoire", "reprint", "refinery", "renewal", "retail", "rebuild")
SPLIT_WORDS = ("report", "record", "remote", "rescue")  # each one story's title
# typed -> the word it stands for: a letter of a split key past the second changed, left out or swapped with the next
SPLIT_TYPED = {"reqort": "report", "reort": "report", "reoprt": "report", "repirt": "report", "rebord": "record",
               "reocrd": "record", "renote": "remote", "rexcue": "rescue"}


@pytest.fixture()
def split_typos(tmp_path, monkeypatch):
    """A site of a story for each of SPLIT_WORDS, which small terms files split "re" and "rep" in: "report" is in the
    file of "repo"."""
    from generator.plan import search_files

    monkeypatch.setattr(search_files, "SHARD_BYTES", 300)
    files = {f"content/{word}.md": item(f"The {word} story", f"2026-11-{n + 1:02d}T10:00:00Z",
                                        body=" ".join(SPLIT_FILLERS)) for n, word in enumerate(SPLIT_WORDS)}
    # (stories off: alike bodies would make them one story)
    root = make_site(tmp_path / "site", files, "title: News\nbase_url: https://example.org/news/\n"
                                                'now: "2026-11-22T12:00:00Z"\nstories:\n  enabled: false\n')
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    return config


def _keys(config):
    """The keys that have a terms file and the split keys of a built site's index, as search.js reads them."""
    folder = config.output_path / SEARCH_FOLDER
    return listed_keys(json.loads((folder / "meta.json").read_bytes()), lambda name: (folder / name).read_bytes())


def test_a_typo_past_a_split_key_is_in_another_terms_file_than_its_word(split_typos):
    """What the browser test below stands on: each typo's terms file is not its word's (search.js reads its own
    first), and the word is under a key of three letters or more."""
    folder = split_typos.output_path / SEARCH_FOLDER
    keys, split = _keys(split_typos)
    assert {"re", "rep"} <= split and shard_key("report", split) == "repo"
    for typed, word in SPLIT_TYPED.items():
        typed_key, key = shard_key(terms(typed, "english")[0], split), shard_key(terms(word, "english")[0], split)
        assert len(key) > 2 and key in keys and typed_key != key, typed
        if typed_key in keys:
            assert terms(word, "english")[0] not in json.loads((folder / shard_file(typed_key)).read_bytes())["terms"]


@pytest.mark.slow
def test_a_typo_past_a_split_key_finds_its_word_reading_no_other_terms_file(split_typos, page):
    split = _keys(split_typos)[1]
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    with search_page(page, split_typos) as base:
        for typed, word in SPLIT_TYPED.items():
            fetched.clear()
            page.goto(base + "search/?q=" + typed)
            page.locator("#search-status").filter(has_text="1 result for").wait_for(timeout=10_000)
            assert page.locator("#search-results .card-title a").all_inner_texts() == [f"The {word} story"], typed
            assert page.locator("#search-suggestion").inner_text() == \
                f"Did you mean {word}? Showing results for it.", typed
            # (its own terms file and its word's: not every file of the split key's other keys)
            read = {url.rsplit("/", 1)[1] for url in fetched if "/search/index/terms/re" in url}
            assert len(read) <= 2 and shard_file(shard_key(word, split)).split("/")[1] in read, (typed, read)
