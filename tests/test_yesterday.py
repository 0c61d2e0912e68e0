"""A date of the day before today reads "yesterday" ("hier", "gestern", "昨日"), not "1 day ago": every language
the theme ships has the word (`yesterday`), the one the browser's Intl.RelativeTimeFormat says too, and the
reader's browser writes it (static/js/relative-times.js, the only writer of "... ago": the pages hold the written
date) for a date of the reader's calendar yesterday, counting days by the reader's midnights. So for the day
before ("avant-hier", "vorgestern", `day_before_yesterday`), in the languages that have a word for it (English
has none: "2 days ago")."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import build_site, item, make_site, static_server
from generator.config.load import default_config
from generator.i18n import load_words, shipped_languages

NOW = "2026-11-20T13:00:00Z"  # the reader's clock: 08:00 in New York, 14:00 in Paris, 22:00 in Tokyo

NODE_YESTERDAY = """
const [tags, days] = JSON.parse(require("fs").readFileSync(0, "utf8")), out = {};
for (const tag of tags) out[tag] = new Intl.RelativeTimeFormat(tag, {numeric: "auto"}).format(days, "day");
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.parametrize("key, days, french", [("yesterday", -1, "hier"), ("today", 0, "aujourd’hui")])
def test_every_shipped_language_has_its_word_for_yesterday_and_today_as_browsers_say_it(tmp_path, key, days, french):
    # (`today`: a day written alone, with no time, on that day: test_a_day_alone_reads_today_or_yesterday_...)
    languages = shipped_languages()
    assert "fr" in languages and "ja" in languages
    words = {language: load_words(default_config(tmp_path, language=language)) for language in languages}
    run = subprocess.run(["node", "-e", NODE_YESTERDAY], input=json.dumps([languages, days]), capture_output=True,
                         text=True, check=True)
    browsers = json.loads(run.stdout)
    assert {language: words[language].t(key) for language in languages} == browsers
    assert browsers["fr"] == french
    assert not any(key in words[language].english for language in languages)


def test_every_shipped_language_says_the_day_before_yesterday_as_browsers_say_it(tmp_path):
    languages = shipped_languages()
    words = {language: load_words(default_config(tmp_path, language=language)) for language in languages}
    # what the browser says for the day before yesterday: a word ("avant-hier"), or "2 days ago" in a language
    # without one
    run = subprocess.run(["node", "-e", NODE_YESTERDAY], input=json.dumps([languages, -2]), capture_output=True,
                         text=True, check=True)
    browsers = json.loads(run.stdout)
    # (CLDR has no words for it in Yiddish: the browser writes its root locale's "-2 d", and the words file has
    # its own)
    unsaid = {language for language in languages if browsers[language].startswith("-")}
    assert unsaid == {"yi"}
    said = [language for language in languages if language not in unsaid]
    assert {language: words[language].t("day_before_yesterday") for language in said} == {
        language: browsers[language] for language in said}
    assert (browsers["fr"], browsers["de"], browsers["en"]) == ("avant-hier", "vorgestern", "2 days ago")
    assert not any("day_before_yesterday" in words[language].english for language in languages)


def _open(browser, url: str, zone: str, now: str = NOW):
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id=zone, locale="en-US")
    tab = context.new_page()
    # (the reader's clock fixed: Date only, as tests/test_i18n_numbers.py does)
    tab.add_init_script("(() => { const Real = Date, fixed = Real.parse(%s); function Fixed(...a) { "
                        "return new.target ? (a.length ? new Real(...a) : new Real(fixed)) : Real(); } "
                        "Fixed.prototype = Real.prototype; Fixed.parse = Real.parse; Fixed.UTC = Real.UTC; "
                        "Fixed.now = () => fixed; window.Date = Fixed; })();" % json.dumps(now))
    tab.goto(url)
    return context, tab


# date -> what a reader in New York reads, in English and in French
NEW_YORK = {
    "2026-11-20T03:00:00Z": ("10 hours ago", "il y a 10 heures"),  # (22:00 yesterday, under a day: hours)
    "2026-11-19T12:00:00Z": ("yesterday", "hier"),  # (07:00 yesterday)
    "2026-11-19T04:00:00Z": ("2 days ago", "avant-hier"),  # (23:00 the day before: 33 hours, not "yesterday")
    "2026-11-17T20:00:00Z": ("3 days ago", "il y a 3 jours"),  # (15:00 on the 17th)
    "2026-11-17T12:00:00Z": ("3 days ago", "il y a 3 jours"),
}
# the same dates in Tokyo (22:00 on the 20th)
TOKYO = {
    "2026-11-20T03:00:00Z": ("10 hours ago", "il y a 10 heures"),  # (12:00 today)
    "2026-11-19T12:00:00Z": ("yesterday", "hier"),  # (21:00 yesterday, 25 hours ago)
    "2026-11-19T04:00:00Z": ("yesterday", "hier"),  # (13:00 yesterday)
    "2026-11-17T20:00:00Z": ("2 days ago", "avant-hier"),  # (05:00 on the 18th: 65 hours, the day before yesterday)
    "2026-11-17T12:00:00Z": ("3 days ago", "il y a 3 jours"),
}


@pytest.mark.slow
@pytest.mark.parametrize("language, shown", [("en", 0), ("fr", 1)])
def test_a_date_of_the_readers_yesterday_reads_yesterday(browser, tmp_path, language, shown):
    titles = ["Harbour cranes", "Violin makers", "Glacier survey", "Ferry timetable", "Bakery opens"]
    stories = {f"content/s{n}.md": item(title, when) for n, (title, when) in enumerate(zip(titles, NEW_YORK))}
    config = f"title: Days\nbase_url: https://example.org/\nlanguage: {language}\nnow: \"{NOW}\"\n"
    config, _ = build_site(make_site(tmp_path / language, stories, config))
    with static_server(config.output_path) as base:
        for zone, expected in (("America/New_York", NEW_YORK), ("Asia/Tokyo", TOKYO)):
            context, tab = _open(browser, base + "latest/", zone)
            try:
                said = tab.evaluate("() => Object.fromEntries(Array.from(document.querySelectorAll('time.ago'))"
                                    ".map(t => [t.getAttribute('datetime').slice(0, 13), t.textContent]))")
                assert said == {when[:13]: texts[shown] for when, texts in expected.items()}, zone
                assert tab.locator("time[lang]").count() == 0
            finally:
                context.close()


# the reader's clock: 2026-12-07 at 20:00 UTC, 15:00 in New York, 05:00 on the 8th in Tokyo
READER_NOW = "2026-12-07T20:00:00Z"
DAYS = {"Harbour festival": "2026-12-07", "Violin makers": "2026-12-06", "Glacier survey": "2026-12-04",
        "Bakery opens": "2026-11-20"}
# what a reader reads of each day, by its own calendar: today in New York is the 7th, in Tokyo the 8th
READ = {
    "America/New_York": {"Harbour festival": ("today", "oggi"), "Violin makers": ("yesterday", "ieri"),
                         "Glacier survey": ("3 days ago", "3 giorni fa"),
                         "Bakery opens": ("20 Nov 2026", "20 nov 2026")},
    "Asia/Tokyo": {"Harbour festival": ("yesterday", "ieri"), "Violin makers": ("2 days ago", "l’altro ieri"),
                   "Glacier survey": ("4 days ago", "4 giorni fa"), "Bakery opens": ("20 Nov 2026", "20 nov 2026")},
}


@pytest.mark.slow
@pytest.mark.parametrize("language, shown", [("en", 0), ("it", 1)])
def test_a_day_alone_reads_today_or_yesterday_by_the_readers_calendar_never_hours(browser, tmp_path, language,
                                                                                   shown):
    """An item dated by its day alone (`<time datetime="2026-12-07">`, tests/test_date_only.py) is that day of the
    reader's calendar: "today", "yesterday", "3 days ago", never hours counted from a midnight it does not say
    (JavaScript's Date reads a date alone as UTC's, which in New York was "15 hours ago", and in Tokyo "yesterday"
    at 09:00 of the day after)."""
    stories = {f"content/s{n}.md": item(title, day) for n, (title, day) in enumerate(DAYS.items())}
    config = (f"title: Days\nbase_url: https://example.org/\nlanguage: {language}\ntimezone: Europe/Rome\n"
              f"now: \"{READER_NOW}\"\n")
    config, _ = build_site(make_site(tmp_path / language, stories, config))
    with static_server(config.output_path) as base:
        for zone, expected in READ.items():
            context, tab = _open(browser, base + "latest/", zone, READER_NOW)
            try:
                said = tab.evaluate("() => Array.from(document.querySelectorAll('article')).map(a => ["
                                    "a.querySelector('h2, h3').textContent.trim(), "
                                    "a.querySelector('time.ago').textContent])")
                assert dict(said) == {title: texts[shown] for title, texts in expected.items()}, zone
            finally:
                context.close()
