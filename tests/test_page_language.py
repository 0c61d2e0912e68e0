"""What a reader sees and hears of the page's languages: the search results' dates written as the cards' are
("3 hours ago" in the language of the theme's words), and the theme's words marked with their language when it is
not the content's (a screen reader reads each text in the voice of its `lang`)."""

from __future__ import annotations

import pytest

from conftest import build_site, item, make_site, static_server

NOW = "2026-11-20T13:00:00Z"  # the reader's clock in the browser


def site(tmp_path, language: str, titles=("Fresh story", "An old story"), **more: str):
    config = (f"title: {titles[0]} news\nbase_url: https://example.org/news/\nlanguage: {language}\n"
              f"now: \"{NOW}\"\n")
    files = {**more,
             "content/fresh.md": item(titles[0], "2026-11-20T10:00:00Z", heat=98.3, topics="[Robots]",
                                      provider="{name: Daily Circuit, domain: dailycircuit.example}"),
             "content/old.md": item(titles[1], "2026-11-01T08:00:00Z", heat=40, topics="[Robots]")}
    root = make_site(tmp_path / f"site-{language}", files, config)
    config, _ = build_site(root)
    return config


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.clock.set_fixed_time(NOW)
    tab.goto(url)
    return context, tab


# Each date shown: its text, its title (the written date, once rewritten), its language as a screen reader takes it
TIMES = """(selector) => [...document.querySelectorAll(selector)].map(t => ({when: t.getAttribute('datetime').slice(0, 16),
  text: t.textContent, title: t.title, lang: t.closest('[lang]').getAttribute('lang')}))"""


@pytest.mark.slow
@pytest.mark.parametrize("language, fresh, lang", [("en", "3 hours ago", "en"), ("de", "vor 3 Stunden", "de"),
                                                    ("ko", "3 hours ago", "en")])  # (no Korean words: English)
def test_search_results_write_dates_as_the_cards_do(browser, tmp_path, language, fresh, lang):
    config = site(tmp_path, language)
    with static_server(config.output_path, "/news/") as base:
        context, tab = _open(browser, base + "latest/")
        try:
            cards = {t["when"]: t for t in tab.evaluate(TIMES, "main time")}
            assert cards["2026-11-20T10:00"]["text"] == fresh
            tab.goto(base + "search/?q=story")
            tab.locator("#search-results li").nth(1).wait_for(timeout=10_000)
            found = {t["when"]: t for t in tab.evaluate(TIMES, "#search-results time")}
            assert set(found) == {"2026-11-20T10:00", "2026-11-01T08:00"}
            # as on the cards: "3 hours ago" in the words' language, the written date in its title; a date a week
            # old or more written as the cards write it
            for when in found:
                assert found[when] == cards[when], when
            assert found["2026-11-20T10:00"]["lang"] == lang
            assert found["2026-11-01T08:00"]["text"] != "2026-11-01T08:00"
        finally:
            context.close()
