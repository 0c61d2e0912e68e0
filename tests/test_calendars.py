"""Persian sites' dates in the Solar Hijri calendar (`calendar: persian` in fa.yaml), as browsers' Intl writes them;
every other language's in the Gregorian one; machines' dates (datetime attributes, feeds, API) unchanged."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from conftest import build_site, item, make_site
from generator.calendars import solar_hijri
from generator.config.load import load_config
from generator.i18n import load_words


def words_of(tmp_path, language: str, files: dict | None = None):
    root = make_site(tmp_path / "s", files or {}, f"title: T\nbase_url: https://example.org/\nlanguage: {language}\n")
    return load_words(load_config(root / "config.yaml"))


@pytest.mark.parametrize("day, solar", [
    (date(2026, 3, 21), (1405, 1, 1)),  # Nowruz
    (date(2026, 3, 20), (1404, 12, 29)),  # the last day of a common year
    (date(2025, 3, 20), (1403, 12, 30)),  # ... and of a leap year (1403)
    (date(2025, 3, 21), (1404, 1, 1)),
    (date(2026, 9, 22), (1405, 6, 31)),  # the last day of a month of 31 days
    (date(2026, 9, 23), (1405, 7, 1)),
    (date(1979, 2, 11), (1357, 11, 22)),
    (date(2026, 12, 6), (1405, 9, 15)),
])
def test_known_dates_in_the_solar_hijri_calendar(day, solar):
    assert solar_hijri(day) == solar


def test_a_persian_sites_dates_are_solar_hijri_in_persian_digits(tmp_path):
    words = words_of(tmp_path, "fa")
    assert words.problems == ()
    assert words.date(datetime(2026, 3, 21, 9, 5)) == "۱ فروردین ۱۴۰۵"
    assert words.date(datetime(2026, 3, 20, 9, 5), "short") == "۲۹ اسفند ۱۴۰۴"
    assert words.date(datetime(2026, 12, 6, 9, 5), "time") == "۱۵ آذر ۱۴۰۵، ساعت ۰۹:۰۵"
    assert words.date(datetime(2026, 3, 21), "%A %Y/%m/%d %y %-m %%Y") == "شنبه ۱۴۰۵/۰۱/۰۱ ۰۵ ۱ %Y"
    assert words.date(datetime(9026, 3, 4, 8, 0), "time") == "۹۰۲۶-۰۳-۰۴"  # (beyond the rule's years)


def test_other_languages_keep_the_gregorian_calendar(tmp_path):
    assert words_of(tmp_path / "en", "en").date(datetime(2026, 3, 21)) == "21 March 2026"
    assert words_of(tmp_path / "ar", "ar").date(datetime(2026, 3, 21)) == "21 مارس 2026"
    # a Persian site that wants the Gregorian calendar says so in its own words file, with its months' names
    own = words_of(tmp_path / "fa", "fa", {"themes/default/i18n/fa.yaml": "calendar: gregorian\nmonths: [ژانویه, "
                                           "فوریه, مارس, آوریل, مه, ژوئن, ژوئیه, اوت, سپتامبر, اکتبر, نوامبر, دسامبر]\n"})
    assert own.date(datetime(2026, 3, 21)) == "۲۱ مارس ۲۰۲۶"


def test_an_unknown_calendar_is_warned_of_at_its_line_and_dates_stay_gregorian(tmp_path):
    words = words_of(tmp_path, "en", {"themes/default/i18n/en.yaml": "latest: Latest\ncalendar: julian\n"})
    said = [str(problem) for problem in words.problems]
    assert len(said) == 1 and said[0].startswith("themes/default/i18n/en.yaml:2: `calendar` must be one of")
    assert words.date(datetime(2026, 3, 21)) == "21 March 2026"


@pytest.mark.slow
def test_a_persian_sites_pages_show_solar_hijri_dates_and_machines_keep_iso_ones(tmp_path):
    root = make_site(tmp_path / "s", {"content/a.md": item("A", date="2026-03-21T10:00:00Z")},
                     "title: T\nbase_url: https://example.org/\nlanguage: fa\n")
    config, result = build_site(root)
    assert result.site.warnings == ()
    out = config.output_path
    story = (out / "news/2026/03/21/a/index.html").read_text("utf-8")
    assert '<time datetime="2026-03-21T10:00:00+00:00"' in story and "۱ فروردین ۱۴۰۵، ساعت ۱۰:۰۰" in story
    assert '۱ فروردین ۱۴۰۵</time>' in (out / "latest/index.html").read_text("utf-8")
    assert "۱ فروردین ۱۴۰۵" in (out / "search/index/docs/0.json").read_text("utf-8")  # (search.js shows it)
    machines = [out / "feeds/latest.xml", out / "feeds/latest.rss", out / "feeds/latest.json",
                out / "api/news/index.json", out / "sitemap.xml"]
    for path in machines:
        text = path.read_text("utf-8")
        assert "۱۴۰۵" not in text and "فروردین" not in text, path
    assert "2026-03-21T10:00:00" in (out / "feeds/latest.xml").read_text("utf-8")
    assert "21 Mar 2026" in (out / "feeds/latest.rss").read_text("utf-8")


@pytest.mark.slow
def test_every_day_from_1900_to_2100_is_written_as_the_browsers_intl_writes_it_in_persian(browser, tmp_path):
    words = words_of(tmp_path, "fa")
    first, last = date(1900, 1, 1), date(2100, 12, 31)
    tab = browser.new_page()
    try:
        written = tab.evaluate("""([first, last]) => {
            const long = new Intl.DateTimeFormat("fa", {day: "numeric", month: "long", year: "numeric",
                                                        timeZone: "UTC"});
            const short = new Intl.DateTimeFormat("fa", {day: "numeric", month: "short", year: "numeric",
                                                         timeZone: "UTC"});
            const days = {calendar: long.resolvedOptions().calendar, long: [], short: []};
            for (let t = Date.parse(first); t <= Date.parse(last); t += 86400000) {
                days.long.push(long.format(t));
                days.short.push(short.format(t));
            }
            return days;
        }""", [first.isoformat() + "T00:00:00Z", last.isoformat() + "T00:00:00Z"])
    finally:
        tab.close()
    assert written["calendar"] == "persian"
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    assert len(days) == len(written["long"]) == len(written["short"]) == 73414
    moments = [datetime(d.year, d.month, d.day, 12, tzinfo=timezone.utc) for d in days]
    ours = [words.date(moment) for moment in moments]
    assert [(d, o) for d, o, i in zip(days, ours, written["long"]) if o != i] == []
    ours = [words.date(moment, "short") for moment in moments]
    assert [(d, o) for d, o, i in zip(days, ours, written["short"]) if o != i] == []
