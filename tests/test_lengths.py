"""A video's or a podcast's length as a reader reads it: with its units ("1 hr 2 min"), never a clock's "12:34",
which beside a card's "3 hours ago" reads as the time of day it was posted; in full for a screen reader, and to
the second in its <time datetime>. The same on the cards, the story page and the search's results, in a phone's
width without overflowing or moving."""

from __future__ import annotations

import pytest

from conftest import LAYOUT_SHIFT, build_site, item, make_site, static_server

from generator.config.load import load_config
from generator.i18n import Fact, length_of, load_words


def words_in(tmp_path, language: str):
    root = make_site(tmp_path / f"site-{language}", {}, f"title: Lengths\nbase_url: https://example.org/\n"
                                                       f"language: {language}\n")
    return load_words(load_config(root / "config.yaml"))


# seconds -> (shown, said in full, <time datetime>): seconds under a minute, minutes to the nearest from one on,
# hours and minutes from an hour on (none of 0 minutes shown), the datetime exact
EN = [(1, "1 sec", "1 second", "PT1S"), (59, "59 sec", "59 seconds", "PT59S"), (60, "1 min", "1 minute", "PT1M"),
      (89, "1 min", "1 minute", "PT1M29S"), (90, "2 min", "2 minutes", "PT1M30S"),
      (754, "13 min", "13 minutes", "PT12M34S"), (3569, "59 min", "59 minutes", "PT59M29S"),
      (3570, "1 hr", "1 hour", "PT59M30S"), (3600, "1 hr", "1 hour", "PT1H"),
      (3723, "1 hr 2 min", "1 hour 2 minutes", "PT1H2M3S"), (7260, "2 hr 1 min", "2 hours 1 minute", "PT2H1M"),
      (90061, "25 hr 1 min", "25 hours 1 minute", "PT25H1M1S")]


def test_a_length_is_shown_with_units_said_in_full_and_exact_in_its_datetime(tmp_path):
    words = words_in(tmp_path, "en")
    for seconds, shown, spoken, iso in EN:
        assert length_of(words, seconds) == Fact(shown, spoken, iso), seconds


@pytest.mark.parametrize("language, seconds, shown, spoken", [
    ("de", 3723, "1 Std., 2 Min.", "1 Stunde, 2 Minuten"),
    ("fr", 45, "45\u202fs", "45\u00a0secondes"),
    ("ru", 300, "5 мин", "5 минут"), ("ru", 3780, "1 ч 3 мин", "1 час 3 минуты"),
    ("he", 7200, "שעתיים", "שעתיים"),  # (Hebrew's two hours, CLDR's word for both)
    ("ar", 3720, "1 س و2 د", "ساعة ودقيقتان"),  # (Arabic's one and two in words, as CLDR's long units)
    ("ko", 3723, "1시간 2분", "1시간 2분"),  # (the same words: said as shown)
    ("fa", 45, "۴۵ ثانیه", "۴۵ ثانیه"),
])
def test_a_length_is_in_the_sites_language_and_its_plural_forms(tmp_path, language, seconds, shown, spoken):
    fact = length_of(words_in(tmp_path, language), seconds)
    assert (fact.text, fact.spoken or fact.text) == (shown, spoken)


# What a reader of each meets: the length's text and what a screen reader hears of it, the <time> it is in, and
# whether it overflows its card or the page
SEEN = """(selector) => [...document.querySelectorAll(selector + ' time[datetime^=P]')].map(time => {
  const heard = [...time.childNodes].filter(n => !(n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true'))
    .map(n => n.textContent).join('');
  const box = time.closest('li, article, .card, main'), r = time.getBoundingClientRect(), b = box.getBoundingClientRect();
  return {datetime: time.getAttribute('datetime'), text: (time.querySelector('[aria-hidden=true]') || time).textContent, heard,
          lang: time.closest('[lang]').getAttribute('lang'),
          inside: r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.right <= innerWidth + 0.5};
})"""


@pytest.mark.slow
@pytest.mark.parametrize("language, files, shown, heard, lang", [
    ("en", {}, "1 hr 2 min", "1 hour 2 minutes", "en"),
    ("de", {}, "1 Std., 2 Min.", "1 Stunde, 2 Minuten", "de"),
    ("ar", {}, "1 س و2 د", "ساعة ودقيقتان", "ar"),
    # (a site's own words without the length's: English's, marked so)
    ("zh", {"themes/default/i18n/zh.yaml": "latest: 最新\n"}, "1 hr 2 min", "1 hour 2 minutes", "en"),
])
def test_a_phone_shows_a_length_with_units_on_cards_pages_and_search_alike(browser, tmp_path, language, files,
                                                                         shown, heard, lang):
    podcast = {"content/episode.md": item("Harbour cranes episode", "2026-11-20T10:00:00Z", type="podcast",
                                          length=3723, size=45678901, price="{amount: 1299.5, currency: EUR}",
                                          topics="[Ports]", provider="{name: Harbour Radio Network Weekly, "
                                                                     "domain: harbour-radio.example}"),
               "content/other.md": item("Orchard news", "2026-11-19T10:00:00Z", topics="[Ports]"), **files}
    root = make_site(tmp_path / "site", podcast, f"title: Lengths\nbase_url: https://example.org/news/\n"
                                                 f"language: {language}\nnow: \"2026-11-20T13:00:00Z\"\n")
    config, _ = build_site(root)
    with static_server(config.output_path, "/news/") as base:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        tab = context.new_page()
        tab.clock.set_fixed_time("2026-11-20T13:00:00Z")
        try:
            seen = []
            for path in ("", "podcasts/", "news/2026/11/20/episode/"):
                tab.goto(base + path)
                found = tab.evaluate(SEEN, "main")
                assert found, path
                seen += found
                assert tab.evaluate("document.documentElement.scrollWidth") <= 390, path
                assert tab.evaluate(LAYOUT_SHIFT) < 0.05, path
            tab.goto(base + "search/?q=harbour")
            tab.locator("#search-results li .facts").first.wait_for(timeout=10_000)
            seen += tab.evaluate(SEEN, "#search-results")
            assert tab.evaluate("document.documentElement.scrollWidth") <= 390
            for found in seen:
                assert (found["datetime"], found["text"], found["heard"], found["lang"]) == (
                    "PT1H2M3S", shown, heard, lang), found
                assert found["inside"], found
        finally:
            context.close()
