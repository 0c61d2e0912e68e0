"""A Korean reader types a noun with the particle a sentence gives it (`서울시가`, `서울시는`, `서울시의`, `서울시에서`):
the search finds the stories that write the noun, with another particle or none, as it finds them by `서울시`
(themes/default/static/search/search.js, from meta.json's `particles`). Hangul is searched letter by letter
(docs/search.md), so each particle's letter was a letter a story had to hold: `서울시가` left out or ranked as
partial every story that writes `서울시` without a `가`."""

from __future__ import annotations

import json
import unicodedata
import urllib.parse

import pytest
from conftest import BASIC_CONFIG, ROOT, build_site, item, make_site, search_page, static_server

from generator.languages import KOREAN_PARTICLES
from generator.plan.search_files import SEARCH_FOLDER

STORIES = {"bus": "서울시 자율주행 버스 도입", "city": "서울시 스마트시티 계획 발표", "port": "부산 항만 개발 계획"}
QUERIES = ["서울시", "서울시가", "서울시는", "서울시의", "서울시에서", "서울시로", "서울시처럼", "서울시에서는",
           unicodedata.normalize("NFD", "서울시가")]  # (as a Mac's keyboard may give it: its letters' jamo)


@pytest.mark.slow
def test_a_korean_noun_typed_with_its_particle_finds_the_stories_of_the_noun(browser, tmp_path):
    files = {f"content/{name}.md": item(title, f"2026-11-{20 - n:02d}T08:00:00Z", body=title)
             for n, (name, title) in enumerate(STORIES.items())}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "language: ko\n"))
    found = {}
    with static_server(config.output_path, config.base_path) as url:
        context = browser.new_context(viewport={"width": 390, "height": 900})
        try:
            tab = context.new_page()
            for query in QUERIES + ["부산"]:
                tab.goto(url + "search/?q=" + urllib.parse.quote(query), wait_until="load")
                tab.locator("#search-results li").first.wait_for(timeout=10_000)
                titles = tab.evaluate("() => [...document.querySelectorAll('#search-results li a')]"
                                      ".map(a => a.textContent.trim())")
                found[query] = (sorted(set(titles) & set(STORIES.values())), tab.inner_text("#search-status"))
        finally:
            context.close()
    assert found["부산"][0] == ["부산 항만 개발 계획"]  # (what is looked at: each query's stories)
    for query in QUERIES:
        titles, status = found[query]
        assert titles == sorted([STORIES["bus"], STORIES["city"]]), (query, found)
        assert "검색 결과 2건" in status and "가장 많이" not in status, (query, status)  # (no partial match)


def test_the_index_carries_the_particles_that_stories_strip_from_a_word(tmp_path):
    """search.js kept a list of its own, which had drifted from the clustering's: `서울시처럼` and `서울시에서는`
    were one word to a story but two letters more to find in search. One list now: the index's meta.json carries
    it, and search.js reads it from there."""
    files = {"content/bus.md": item(STORIES["bus"], "2026-11-20T08:00:00Z", body=STORIES["bus"])}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "language: ko\n"))
    meta = json.loads((config.output_path / SEARCH_FOLDER / "meta.json").read_bytes())
    assert meta["particles"] == list(KOREAN_PARTICLES) and len(meta["particles"]) > 20
    script = (ROOT / "themes/default/static/search/search.js").read_text(encoding="utf-8")
    assert not any(f"|{particle}|" in script or f"({particle}|" in script for particle in meta["particles"])


# The Revised Romanization's spellings of places and words, as the government's and readers' (liaison, ㄹ beside ㄹ or ㄴ)
ROMANISED = {"서울": "seoul", "부산": "busan", "대구": "daegu", "인천": "incheon", "광주": "gwangju", "대전": "daejeon",
             "울산": "ulsan", "제주": "jeju", "한국": "hanguk", "한국어": "hangugeo", "신라": "silla", "한라산": "hallasan",
             "설날": "seollal", "경기도": "gyeonggido", "전라남도": "jeollanamdo", "떡볶이": "tteokbokki", "좋아": "joa",
             "닭이": "dalgi", "강아지": "gangaji", "김치": "gimchi", "의자": "uija", "왜": "wae"}


def test_hangul_words_are_written_in_the_revised_romanization():
    from generator.plan.search_hangul import romanised, romanised_words

    assert {word: romanised(word) for word in ROMANISED} == ROMANISED
    # (a word with its particle is its romanisation with and without it; one letter is no word)
    assert romanised_words("서울시가 부산에서는 아 서울") == ["seoulsiga", "seoulsi", "busaneseoneun", "busan", "seoul"]
    assert romanised_words(unicodedata.normalize("NFD", "서울")) == ["seoul"]


@pytest.mark.slow
def test_search_js_romanises_hangul_as_python_does(tmp_path):
    """Every syllable of Hangul alone and after each other syllable's final and before its initial (11,172 syllables,
    the rules of two side by side), and runs with each particle, in node against search_hangul.romanised_words."""
    import random
    import subprocess

    from generator.plan.search_hangul import romanised_words

    syllables = [chr(code) for code in range(0xAC00, 0xD7A4)]
    rng = random.Random(45)
    texts = [" ".join(syllables), " ".join(a + b for a, b in zip(syllables, rng.sample(syllables, len(syllables)))),
             " ".join("".join(rng.choices(syllables, k=rng.randint(2, 5))) + particle
                      for particle in KOREAN_PARTICLES for _ in range(40)), "서울시에서는 Seoul 東京 서울"]
    (tmp_path / "texts.json").write_text(json.dumps([texts, list(KOREAN_PARTICLES)], ensure_ascii=False),
                                         encoding="utf-8")
    (tmp_path / "run.js").write_text("""
        const fs = require("fs"), vm = require("vm"), [dir, file] = process.argv.slice(2);
        globalThis.window = globalThis;
        globalThis.document = { getElementById: () => null };
        vm.runInThisContext(fs.readFileSync(dir + "/search.js", "utf8"));
        const [texts, particles] = JSON.parse(fs.readFileSync(file, "utf8"));
        process.stdout.write(JSON.stringify(texts.map(t => window.newsdeskSearch.romanised(t, particles))));
    """)
    run = subprocess.run(["node", str(tmp_path / "run.js"), str(ROOT / "themes/default/static/search"),
                          str(tmp_path / "texts.json")], capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    expected = [romanised_words(text) for text in texts]
    assert sum(map(len, expected)) > 20_000
    assert found == expected


ROMAN_STORIES = {"subway": "서울 지하철 새 노선 개통", "bus": "서울시가 자율주행 버스 도입", "port": "부산 항만 개발 계획",
                 "economy": "한국어 교육 확대"}
# a query typed in Latin letters -> the stories it finds
ROMAN_QUERIES = {"seoul": ["bus", "subway"], "seoulsi": ["bus"], "busan": ["port"], "hangugeo": ["economy"],
                 "busan hangman": ["port"], "Seoul jihacheol": ["subway"]}


@pytest.mark.slow
def test_a_korean_word_typed_in_latin_letters_finds_and_marks_the_hangul_word(tmp_path, page):
    files = {f"content/{name}.md": item(title, f"2026-11-{20 - n:02d}T08:00:00Z", body=title)
             for n, (name, title) in enumerate(ROMAN_STORIES.items())}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "language: ko\n"))
    with search_page(page, config) as base:
        for query, names in ROMAN_QUERIES.items():
            page.goto(base + "search/?q=" + urllib.parse.quote(query))
            page.locator("#search-status").filter(has_text=f"{len(names)}건").wait_for(timeout=10_000)
            titles = page.locator("#search-results .card-title a").all_inner_texts()
            assert sorted(titles) == sorted(ROMAN_STORIES[name] for name in names), query
        page.goto(base + "search/?q=busan")
        page.locator("#search-status").filter(has_text="1건").wait_for(timeout=10_000)
        assert page.locator("#search-results .card-title mark").all_inner_texts() == ["부", "산"]


def test_the_index_says_whether_it_lists_hangul_words_in_latin_letters(tmp_path):
    """search.js marks a Hangul word whose romanisation a Latin query holds only where the index lists it so: meta.json's
    `hangul`, true on a Korean site alone."""
    files = {"content/bus.md": item(STORIES["bus"], "2026-11-20T08:00:00Z", body=STORIES["bus"])}
    found = {}
    for language in ("ko", "en"):
        config, _ = build_site(make_site(tmp_path / language, files, BASIC_CONFIG + f"language: {language}\n"))
        found[language] = json.loads((config.output_path / SEARCH_FOLDER / "meta.json").read_bytes())["hangul"]
    assert found == {"ko": True, "en": False}


@pytest.mark.slow
def test_a_latin_query_marks_no_hangul_word_on_a_site_that_is_not_korean(tmp_path, page):
    """On an English site "seoul" finds a story by its Latin word: 서울 beside it is not what matched (the index lists no
    Hangul word by its romanisation there), so it is not marked."""
    title = "Seoul 서울 opens a new subway line"
    files = {"content/subway.md": item(title, "2026-11-20T08:00:00Z", body=title)}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "language: en\n"))
    with search_page(page, config) as base:
        page.goto(base + "search/?q=seoul")
        page.locator("#search-results .card-title a").first.wait_for(timeout=10_000)
        assert page.locator("#search-results .card-title a").all_inner_texts() == [title]
        assert page.locator("#search-results .card-title mark").all_inner_texts() == ["Seoul"]
