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
from conftest import BASIC_CONFIG, ROOT, build_site, item, make_site, static_server

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
