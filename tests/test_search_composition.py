"""Japanese queries as readers type them. A query typed with an input method, as Japanese, Chinese and Korean
readers type one: the letters being composed (`くまもと`, before the reader turns them into `熊本`) are no query
yet. The search page searched each of them as it was typed, fetched their index files and said "no results" for
them, then searched the word the reader chose. And a word typed in hiragana finds it written in katakana (`すまほ`,
`スマホ`), as a reader who leaves it unconverted means it (themes/default/static/search/search.js)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from conftest import BASIC_CONFIG, build_site, item, make_site, static_server


@contextmanager
def _search_page(browser, tmp_path, files: dict):
    """A Japanese site of `files` built and served: its search page's tab and browser context."""
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "language: ja\n"))
    assert len(result.site.model.site.items) == len(files)
    with static_server(config.output_path, config.base_path) as url:
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.goto(url + "search/", wait_until="load")
            yield tab, context
        finally:
            context.close()


@pytest.mark.slow
def test_letters_an_input_method_is_composing_are_searched_only_once_chosen(browser, tmp_path):
    files = {"content/kumamoto.md": item("熊本で半導体の新工場が稼働", "2026-11-20T08:00:00Z"),
             "content/tokyo.md": item("東京でデータセンターの誘致", "2026-11-19T08:00:00Z")}
    with _search_page(browser, tmp_path, files) as (tab, context):
        tab.wait_for_load_state("networkidle")
        asked = []
        tab.on("request", lambda request: asked.append(request.url) if "/search/index/" in request.url else None)
        tab.focus("#search-q")
        ime = context.new_cdp_session(tab)
        for typed in ("く", "くま", "くまも", "くまもと", "熊本"):  # (as the reader types, then converts)
            ime.send("Input.imeSetComposition", {"text": typed, "selectionStart": len(typed),
                                                 "selectionEnd": len(typed)})
            tab.wait_for_timeout(400)  # (longer than the page waits after a key before it searches)
        composing = (tab.locator("#search-status").inner_text(), list(asked))
        ime.send("Input.insertText", {"text": "熊本"})  # (the reader chooses it)
        tab.locator("#search-status").filter(has_text="熊本").wait_for(timeout=10_000)
        titles = tab.locator("#search-results .card-title a").all_inner_texts()
    assert composing == ("", []), composing
    assert titles == ["熊本で半導体の新工場が稼働"]
    assert asked, "the chosen word was not searched"


def _results(tab, query: str) -> tuple[str, list[str]]:
    tab.fill("#search-q", query)
    tab.locator("#search-status").filter(has_text=f"「{query}」").wait_for(timeout=10_000)
    return (tab.locator("#search-status").inner_text(), tab.locator("#search-results .card-title a").all_inner_texts())


@pytest.mark.slow
def test_a_word_typed_in_hiragana_finds_it_in_katakana_side_by_side_first(browser, tmp_path):
    files = {"content/phone.md": item("スマホ新機種、格安プランを発表", "2026-11-20T08:00:00Z"),
             "content/game.md": item("ゲーム機が値下げ", "2026-11-19T08:00:00Z"),
             # (the same letters in hiragana, apart: found too, below the word)
             "content/apart.md": item("ますます寒くなり、ほっとする鍋の季節", "2026-11-21T08:00:00Z")}
    with _search_page(browser, tmp_path, files) as (tab, _):
        found = {query: _results(tab, query) for query in ("すまほ", "げーむ", "スマホ", "ゲーム")}
    assert found["すまほ"][1][0] == "スマホ新機種、格安プランを発表", found
    assert found["げーむ"][1] == ["ゲーム機が値下げ"], found
    assert found["スマホ"][1] == ["スマホ新機種、格安プランを発表"], found  # (katakana typed: as written only)
    assert found["ゲーム"][1] == ["ゲーム機が値下げ"], found
