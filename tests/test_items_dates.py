"""Items' dates as crawlers write them: other writers' formats and field names, month names and times of
other languages, zones by ambiguous names or in brackets, other calendars, and hostile dates refused at once."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import (DATE_2025, HOSTILE_DATES, ITEMS_CONFIG, LOCALISED_DATES, api_news, build_items, build_site,
                      built_dates, built_page as page, cpu_seconds, front, item, make_site)


DATES = {  # as written -> the moment it names (the site's time zone is UTC)
    "2026/11/20": "2026-11-20T00:00:00Z",
    "2026/1/5 10:00:00": "2026-01-05T10:00:00Z",
    "2026.11.20 10:00": "2026-11-20T10:00:00Z",
    "November 20, 2026": "2026-11-20T00:00:00Z",
    "Nov 20, 2026 10:00 AM": "2026-11-20T10:00:00Z",
    "Friday, November 20, 2026 at 11:30 pm": "2026-11-20T23:30:00Z",
    "20th Nov. 2026, 12:05 AM GMT": "2026-11-20T00:05:00Z",
    "20 November 2026": "2026-11-20T00:00:00Z",
    "20-Nov-2026": "2026-11-20T00:00:00Z",
    # JavaScript's String(new Date()): the offset was ignored (as RFC 2822 read it), an hour off
    "Fri Nov 20 2026 10:00:00 GMT+0100 (Central European Standard Time)": "2026-11-20T09:00:00Z",
    "Nov 20, 2026 10:00 +01:00": "2026-11-20T09:00:00Z",
    "2026-11-20 10:00:00 UTC": "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00 GMT": "2026-11-20T10:00:00Z",
    "/Date(1795168800000)/": "2026-11-20T10:00:00Z",
    "/Date(1795168800000+0100)/": "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00+01:00[Europe/Paris]": "2026-11-20T09:00:00Z",
    "2026-07-20T10:00:00[Europe/Paris]": "2026-07-20T08:00:00Z",
    # Java's ZonedDateTime in UTC writes both the offset and the zone's name: the item was left out
    "2026-11-20T10:00:00Z[UTC]": "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00.125Z[Etc/UTC]": "2026-11-20T10:00:00.125000Z",
    # digits alone: ISO 8601's basic date, and GDELT's date and time (which was read as milliseconds, in 2610)
    "20261120": "2026-11-20T00:00:00Z",
    "20261120100000": "2026-11-20T10:00:00Z",
}


NO_DATES = ["20261320", "11/12/2026", "Foo 20, 2026", "Nov 20, 2026 10:00 XYZT", "Nov 20, 2026 13:00 PM", "2026/13/45",
            "2026-11-20T10:00:00[Nowhere/Land]"]


def test_dates_as_other_writers_give_them_are_read(tmp_path, capsys):
    """.NET's JSON dates, Java's zone names, year-first dates with slashes and English dates in words left
    the story out ("not a date"), though each names one moment."""
    files = {f"d{n}.md": front("title: Dated", f"publishedDateTime: {json.dumps(written)}")
             for n, written in enumerate(DATES)}
    files.update({f"x{n}.md": front("title: Undated", f"publishedDateTime: {json.dumps(written)}")
                  for n, written in enumerate(NO_DATES)})
    files["number.md"] = front("title: A number", "publishedDateTime: 20261120100000")  # (as YAML reads it: a number)
    _, news, said = build_items(tmp_path, files, capsys)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        **{f"d{n}": moment for n, moment in enumerate(DATES.values())}, "number": "2026-11-20T10:00:00Z"}
    for n, written in enumerate(NO_DATES):  # (a day and month in numbers: which is the month is anyone's guess)
        assert f"error: content/x{n}.md:3: `publishedDateTime`" in said and repr(written) in said, (written, said)


def test_a_date_under_another_crawlers_name_dates_the_story(tmp_path, capsys):
    """`date:` (Hugo's, Jekyll's), `pubDate` (RSS's), `datePublished` (schema.org's) or `published: <a date>`
    left the story out; it is the story's date, with a warning naming the field to rename."""
    files = {f"{name}.md": front("title: Dated", f"{name}: {written}")
             for name, written in (("date", "2026-11-21"), ("pubDate", "'Sat, 21 Nov 2026 08:00:00 GMT'"),
                                   ("datePublished", "2026-11-21T08:00:00Z"), ("published", "2026-11-21 08:00:00"))}
    files["both.md"] = front("title: Both", "publishedDateTime: 2026-11-20T10:00:00Z", "date: 2026-01-01")
    files["bad.md"] = front("title: Bad", "date: someday")
    _, news, said = build_items(tmp_path, files, capsys)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        "date": "2026-11-21T00:00:00Z", "pubdate": "2026-11-21T08:00:00Z", "datepublished": "2026-11-21T08:00:00Z",
        "published": "2026-11-21T08:00:00Z", "both": "2026-11-20T10:00:00Z"}
    assert ("warning: content/pubDate.md:3: `pubDate` is read as `publishedDateTime`, which is not given (rename "
            "`pubDate` to `publishedDateTime`)") in said, said
    assert "content/both.md" not in said and "content/published.md:3: `published` must be" not in said
    assert "error: content/bad.md:3: `date` is not a date: 'someday'" in said, said


def test_item_dates_with_other_languages_month_names_are_read(tmp_path, capsys):
    """A crawler on a German, French, Spanish... site copies the date as the site writes it: the item was
    left out ("not a date")."""
    worded = {**LOCALISED_DATES, "Mittwoch, 2. Dezember 2026 um 10:00": "2026-12-02T10:00:00Z",
              "2 de diciembre de 2026": "2026-12-02T00:00:00Z", "mercredi 2 décembre 2026 à 10:00": "2026-12-02T10:00:00Z",
              "2 dicembre 2026": "2026-12-02T00:00:00Z", "2 december 2026 10:00": "2026-12-02T10:00:00Z",
              # (the day, month and year as numbers with dots: always in that order)
              "20.11.2026": "2026-11-20T00:00:00Z", "Fr, 20.11.2026 um 10:00 Uhr": "2026-11-20T10:00:00Z",
              "5.1.2026, 10:00": "2026-01-05T10:00:00Z", "2026-11-20T10:00:00 CET": "2026-11-20T09:00:00Z",
              "Nov 20, 2026 10:00 CEST": "2026-11-20T08:00:00Z"}
    files = {f"d{number}.md": front("title: Dated", f'publishedDateTime: "{written}"')
             for number, written in enumerate(worded)}
    files["bad.md"] = front("title: Bad", 'publishedDateTime: "Mi, 02 Xyz 2026 10:00:00 +0100"')
    files["dots.md"] = front("title: Dots", 'publishedDateTime: "31.02.2026"')
    files["ist.md"] = front("title: IST", 'publishedDateTime: "Sat, 21 Nov 2026 10:00:00 IST"')  # (3 zones)
    _, news, said = build_items(tmp_path, files, capsys)
    assert {written: news[f"d{number}"]["publishedDateTime"] for number, written in enumerate(worded)} == worded
    # (a word that is no month is still no date, said as written)
    assert "error: content/bad.md:3: `publishedDateTime` is not a date: 'Mi, 02 Xyz 2026 10:00:00 +0100'" in said, said
    assert "error: content/dots.md:3: `publishedDateTime` '31.02.2026' is not a valid date (day is out of range " \
           "for month)" in said, said
    # (a name of several zones is read as the one news most often means, with a warning, below)
    assert news["ist"]["publishedDateTime"] == "2026-11-21T04:30:00Z" and "warning: content/ist.md:3:" in said, said


WORDED_DATES = {  # as a site in that language writes a date -> the moment (UTC; the site's zone is UTC)
    "12 grudnia 2025": "2025-12-12T00:00:00Z",  # Polish, the genitive a date takes
    "środa, 3 grudnia 2025 r., o godz. 10:00": "2025-12-03T10:00:00Z",
    "1 października 2025": "2025-10-01T00:00:00Z",
    "5 prosince 2025": "2025-12-05T00:00:00Z",  # Czech
    "5. července 2025 v 10:00": "2025-07-05T10:00:00Z",
    "3 декабря 2025": "2025-12-03T00:00:00Z",  # Russian
    "3 марта 2025 г. в 10:00": "2025-03-03T10:00:00Z",
    "ср, 03 дек. 2025 10:00:00 +0300": "2025-12-03T07:00:00Z",
    "3 грудня 2025 р.": "2025-12-03T00:00:00Z",  # Ukrainian
    "15 листопада 2025": "2025-11-15T00:00:00Z",
    "1 Aralık 2025": "2025-12-01T00:00:00Z",  # Turkish, with and without its letters
    "1 ARALIK 2025 10:00": "2025-12-01T10:00:00Z",
    "15 Şubat 2025": "2025-02-15T00:00:00Z",
    "Τετάρτη, 3 Δεκεμβρίου 2025": "2025-12-03T00:00:00Z",  # Greek
    "2025. december 12.": "2025-12-12T00:00:00Z",  # Hungarian, the year first
    "2025. márc. 5., 10:00": "2025-03-05T10:00:00Z",
    "2025 m. gruodžio 3 d.": "2025-12-03T00:00:00Z",  # Lithuanian
    "2025. gada 3. decembrī, plkst. 10:00": "2025-12-03T10:00:00Z",  # Latvian
    "12. joulukuuta 2025 klo 10.00": "2025-12-12T10:00:00Z",  # Finnish
    "12 december 2025 kl. 10.30": "2025-12-12T10:30:00Z",  # Swedish
    "12 marts 2025": "2025-03-12T00:00:00Z",  # Danish
    "12 decembrie 2025": "2025-12-12T00:00:00Z",  # Romanian
    "1 d'octubre de 2025": "2025-10-01T00:00:00Z",  # Catalan
    "12 Agustus 2025": "2025-08-12T00:00:00Z",  # Indonesian
    "الأربعاء، 3 ديسمبر 2025": "2025-12-03T00:00:00Z",  # Arabic, in its digits too
    "٣ أبريل ٢٠٢٥ ١٠:٠٠": "2025-04-03T10:00:00Z",
    "3 בדצמבר 2025": "2025-12-03T00:00:00Z",  # Hebrew
    "2025年12月3日 10:00": "2025-12-03T10:00:00Z",  # Chinese and Japanese
    "2025년 12월 3일": "2025-12-03T00:00:00Z",  # Korean
}


def test_dates_with_month_names_of_more_languages_are_read(tmp_path, capsys):
    """A crawler on a Polish, Czech, Russian, Turkish, Greek... site copies the date as the site writes it,
    the month declined as a date declines it: the item was left out ("not a date")."""
    read, said = built_dates(tmp_path, {**WORDED_DATES, "3 Xyzzy 2025": None}, capsys)
    assert read == {**WORDED_DATES, "3 Xyzzy 2025": None}, said
    assert f"error: content/d{len(WORDED_DATES)}.md:3: `publishedDateTime` is not a date: '3 Xyzzy 2025'" in said, said


def test_a_zone_named_by_a_name_of_several_is_read_as_news_most_often_means_it_with_a_warning(tmp_path, capsys):
    """`IST`, `BST`, `CST` name several zones each (India's and Ireland's, Britain's summer and Bangladesh's,
    North America's Central and China's): the item had no date and was left out. It is read as the zone
    English-language news most often means, and a warning at its line says so and what to write."""
    dates = {
        "ist": ("Sat, 21 Nov 2026 10:00:00 IST", "2026-11-21T04:30:00Z"),
        "bst": ("2026-06-21T10:00:00 BST", "2026-06-21T09:00:00Z"),
        "cst": ("Nov 20, 2026 10:00 AM CST", "2026-11-20T16:00:00Z"),
        "worded": ("21 listopada 2026 10:00 IST", "2026-11-21T04:30:00Z"),
        "est": ("2026-11-20 10:00 EST", "2026-11-20T15:00:00Z"),  # (one zone: no warning)
        "sast": ("20 Nov 2026 10:00 SAST", "2026-11-20T08:00:00Z"),
    }
    files = {f"{name}.md": front("title: Zoned", f'publishedDateTime: "{written}"') for name, (written, _) in dates.items()}
    files["related.md"] = front("title: Related", DATE_2025, "related:", "  - title: Other", "    webUrl: https://o.example/a",
                                '    publishedDateTime: "2026-11-19 09:00 CST"')
    out, news, said = build_items(tmp_path, files, capsys)
    assert {name: news[name]["publishedDateTime"] for name in dates} == {name: when for name, (_, when) in dates.items()}
    assert ("warning: content/ist.md:3: `publishedDateTime` names its time zone `IST`, which names more than one "
            "zone; it is read as India Standard Time (+05:30) (write the offset instead of `IST`, e.g. +05:30, or "
            "that of Irish Standard Time (+01:00) or Israel Standard Time (+02:00))") in said, said
    assert "warning: content/bst.md:3: `publishedDateTime` names its time zone `BST`" in said
    assert "it is read as North American Central Standard Time (-06:00)" in said and "China Standard Time (+08:00)" in said
    assert "warning: content/worded.md:3:" in said
    assert "content/est.md" not in said and "content/sast.md" not in said, said
    assert "warning: content/related.md:4: `related: publishedDateTime` names its time zone `CST`" in said, said
    assert "Other" in page(out, news["related"])


def test_a_name_of_several_zones_is_the_sites_own_zone_when_the_site_goes_by_it(tmp_path, capsys):
    """A site in Shanghai reads `CST` as China's time, and one in Dublin reads `IST` as Irish summer time: the
    site's own zone, when it goes by that name at that date, is what its crawlers mean; no warning."""
    files = {"cst.md": front("title: China", 'publishedDateTime: "2026-11-20 10:00 CST"'),
             "ist.md": front("title: India", 'publishedDateTime: "Sat, 21 Nov 2026 10:00:00 IST"')}
    _, news, said = build_items(tmp_path / "shanghai", files, capsys, ITEMS_CONFIG + "timezone: Asia/Shanghai\n")
    assert news["cst"]["publishedDateTime"] == "2026-11-20T02:00:00Z" and "content/cst.md" not in said, said
    assert news["ist"]["publishedDateTime"] == "2026-11-21T04:30:00Z" and "warning: content/ist.md:3:" in said
    files = {"ist.md": front("title: Irish", 'publishedDateTime: "2026-07-20 10:00 IST"')}
    _, news, said = build_items(tmp_path / "dublin", files, capsys, ITEMS_CONFIG + "timezone: Europe/Dublin\n")
    assert news["ist"]["publishedDateTime"] == "2026-07-20T09:00:00Z" and "content/ist.md" not in said, said


def dated(written: dict[str, str]) -> dict[str, str]:
    """Item files dated as `written` (name -> date)."""
    return {f"{name}.md": front(f"title: Dated {name}", f"publishedDateTime: {json.dumps(written[name])}")
            for name in written}


def test_a_zone_in_brackets_is_read_and_two_zones_that_disagree_are_refused(tmp_path, capsys):
    """`10:00:00 (CET)` was read as UTC (an hour off), `+0100 (EST)` and `+0100 +0500` as the first zone without
    a word, and `...+01:00 (CET)` was no date. A zone in brackets is read; two that agree are one; two that
    disagree are refused, naming both, as is a bracketed word that is no zone when the date has no other."""
    read = {
        "bracket": ("Tue, 03 Dec 2026 10:00:00 (CET)", "2026-12-03T09:00:00Z"),
        "both": ("Tue, 03 Dec 2026 10:00:00 +0100 (CET)", "2026-12-03T09:00:00Z"),
        "iso": ("2026-12-03T10:00:00+01:00 (CET)", "2026-12-03T09:00:00Z"),
        "javascript": ("Thu Dec 03 2026 10:00:00 GMT+0100 (Central European Standard Time)", "2026-12-03T09:00:00Z"),
        "agree": ("Tue, 03 Dec 2026 10:00:00 +0100 CET", "2026-12-03T09:00:00Z"),
        "gmt": ("3 Dec 2026 10:00 (GMT+7)", "2026-12-03T03:00:00Z"),
        "india": ("Wed, 03 Dec 2026 10:00:00 +0530 (IST)", "2026-12-03T04:30:00Z"),  # (the offset says which IST)
    }
    refused = {"offsets": "Tue, 03 Dec 2026 10:00:00 +0100 +0500", "named": "Tue, 03 Dec 2026 10:00:00 +0100 (EST)",
               "name": "Tue, 03 Dec 2026 10:00:00 CET +0500", "ist": "Wed, 03 Dec 2026 10:00:00 +0300 IST",
               "word": "3 Dec 2026 10:00 (Mitteleuropa)"}
    _, news, said = build_items(tmp_path, dated({**{n: w for n, (w, _) in read.items()}, **refused}), capsys)
    assert {name: news[name]["publishedDateTime"] for name in read} == {name: when for name, (_, when) in read.items()}
    assert not set(refused) & set(news), news.keys()
    assert ("error: content/offsets.md:3: `publishedDateTime` 'Tue, 03 Dec 2026 10:00:00 +0100 +0500' names two "
            "time zones that disagree: `+0100` (+01:00) and `+0500` (+05:00) (write the one zone the date is in, "
            "as an offset such as +01:00)") in said, said
    assert "error: content/named.md:3: `publishedDateTime` 'Tue, 03 Dec 2026 10:00:00 +0100 (EST)' names two time " \
           "zones that disagree: `+0100` (+01:00) and `(EST)` (-05:00)" in said
    assert "error: content/name.md:3:" in said and "`CET` (+01:00) and `+0500` (+05:00)" in said
    assert "`+0300` (+03:00) and `IST` (+05:30 or +01:00 or +02:00)" in said
    assert "error: content/word.md:3: `publishedDateTime` '3 Dec 2026 10:00 (Mitteleuropa)' ends with " \
           "`(Mitteleuropa)`, which is no time zone newsdesk knows" in said
    for name in read:
        assert f"content/{name}.md" not in said, (name, said)


WORDED = {
    "3 décembre 2026 à 10h00": "2026-12-03T10:00:00Z",  # French
    "3 décembre 2026 à 10 h 00": "2026-12-03T10:00:00Z",
    "mercredi 3 décembre 2026 à 10h": "2026-12-03T10:00:00Z",
    "3 de dezembro de 2026 às 10h30": "2026-12-03T10:30:00Z",  # Portuguese
    "3 de diciembre de 2026 a las 10:00 h": "2026-12-03T10:00:00Z",  # Spanish
    "3 de diciembre del 2026": "2026-12-03T00:00:00Z",  # (Latin America's `del` before the year)
    "03 de Diciembre de 2026 - 10:00 hs": "2026-12-03T10:00:00Z",  # (Argentina's and Uruguay's hours)
    "3 de diciembre del 2026, 10:00 hrs.": "2026-12-03T10:00:00Z",  # (Mexico's)
    "3. Dezember 2026 um 10.00 Uhr": "2026-12-03T10:00:00Z",  # German
    "3. Dezember 2026 um 10 Uhr": "2026-12-03T10:00:00Z",
    "3 december 2026 om 10.00 uur": "2026-12-03T10:00:00Z",  # Dutch
    "3 dicembre 2026 alle ore 10.00": "2026-12-03T10:00:00Z",  # Italian
    "3. prosince 2026 v 10:00 hod.": "2026-12-03T10:00:00Z",  # Czech
    "3. siječnja 2026.": "2026-01-03T00:00:00Z",  # Croatian
    "3. prosinca 2026. u 10:00": "2026-12-03T10:00:00Z",
    "15. svibnja 2026.": "2026-05-15T00:00:00Z",
    "3. listopada 2026.": "2026-10-03T00:00:00Z",  # (the year's dot: Croatian, so October)
    "3 tháng 12 năm 2026": "2026-12-03T00:00:00Z",  # Vietnamese
    "Thứ Tư, 3 tháng 12, 2026 10:00": "2026-12-03T10:00:00Z",
    "ngày 3 tháng 12 năm 2026 lúc 10:00": "2026-12-03T10:00:00Z",
    "3 دسامبر 2026": "2026-12-03T00:00:00Z",  # Persian, the Gregorian months
    "۱۵ مه ۲۰۲۶": "2026-05-15T00:00:00Z",
    "۲ ژانويه ۲۰۲۶ ساعت ۱۰:۰۰": "2026-01-02T10:00:00Z",  # (Arabic's yeh for Persian's)
    # a weekday after the year, as Turkish sites write a date (and Russian, German, Polish ones too)
    "3 Aralık 2026 Perşembe 09:30": "2026-12-03T09:30:00Z",
    "3 ARALIK 2026 PERŞEMBE": "2026-12-03T00:00:00Z",
    "3 декабря 2026, четверг, 09:30": "2026-12-03T09:30:00Z",
    "3. Dezember 2026, Donnerstag, 9:30 Uhr": "2026-12-03T09:30:00Z",
    "3 grudnia 2026 (czwartek) 09:30": "2026-12-03T09:30:00Z",
    "3 Dezember 2026 MEZ": "2026-12-02T23:00:00Z",  # (a zone's name in capitals is no weekday)
    # the year's word after a date of numbers too, as Polish, Russian and Ukrainian write it
    "3.12.2026 r.": "2026-12-03T00:00:00Z",
    "03.12.2026 r., godz. 10:00": "2026-12-03T10:00:00Z",
    "03.12.2026 г. в 10:00": "2026-12-03T10:00:00Z",
    "03.12.2026 р. о 10:00": "2026-12-03T10:00:00Z",
    # Turkey's and Azerbaijan's zones by name
    "Thu, 03 Dec 2026 10:00:00 TRT": "2026-12-03T07:00:00Z",
    "Thu, 03 Dec 2026 10:00:00 AZT": "2026-12-03T06:00:00Z",
}


def test_times_and_month_names_of_more_languages_are_read(tmp_path, capsys):
    """French `à 10h00`, Dutch `10.00 uur`, Croatian, Vietnamese and Persian months: the item was left out."""
    read, said = built_dates(tmp_path, WORDED, capsys)
    assert read == WORDED, said
    assert "content/d" not in said, said


def test_a_solar_hijri_date_is_refused_and_a_month_of_two_languages_warned_of(tmp_path, capsys):
    """`12 آذر 1405` is a date of Iran's calendar: reading it as a Gregorian one would be a wrong day. It is
    refused, saying why. `listopada` is November in Polish and October in Croatian: read as November, with a
    warning, but on a Croatian site it is October, and on a Polish one November without a word."""
    files = dated({"hijri": "12 آذر 1405", "dari": "۱۲ قوس ۱۴۰۵", "listopad": "3 listopada 2026"})
    _, news, said = build_items(tmp_path / "en", files, capsys)
    assert "hijri" not in news and "dari" not in news
    assert ("error: content/hijri.md:3: `publishedDateTime` '12 آذر 1405' is a date of the Solar Hijri (Persian) "
            "calendar (`آذر`), which is not read (its months are not the Gregorian calendar's) (write the date in "
            "the Gregorian calendar, as 2026-11-22T08:00:00Z)") in said, said
    assert "error: content/dari.md:3:" in said
    assert news["listopad"]["publishedDateTime"] == "2026-11-03T00:00:00Z"
    assert ("warning: content/listopad.md:3: `publishedDateTime` names its month `listopada`, which is November in "
            "Polish and Czech and October in Croatian; it is read as November") in said
    files = dated({"listopad": "3 listopada 2026"})
    _, news, said = build_items(tmp_path / "hr", files, capsys, ITEMS_CONFIG + "language: hr\n")
    assert news["listopad"]["publishedDateTime"] == "2026-10-03T00:00:00Z" and "listopad.md" not in said, said
    _, news, said = build_items(tmp_path / "pl", files, capsys, ITEMS_CONFIG + "language: pl\n")
    assert news["listopad"]["publishedDateTime"] == "2026-11-03T00:00:00Z" and "listopad.md" not in said, said


@pytest.mark.parametrize("size", [1_000, 10_000, 100_000])
def test_a_long_hostile_date_is_refused_at_once_with_its_line(tmp_path, size):
    """The patterns that read dates in words and zones by name (`2 Dezember 2026 10:00 Uhr`, `... CET`) took time
    that grows with the square of a text's length or faster: a `publishedDateTime` of `2 Dezember 2026 10:00`,
    10 kB of spaces and `Uhx` took 10 s to refuse, one of 100 kB most of an hour. No date is that long: such a
    text is refused at once, with an error naming its line; the rest of the site builds."""
    files = {f"content/{name}.md": item(name, date=json.dumps(make(size))) for name, make in HOSTILE_DATES.items()}
    files["content/fine.md"] = item("Fine", date="'20. November 2026 um 10:00 Uhr'")
    site = make_site(tmp_path / "site", files)
    started = cpu_seconds()
    config, result = build_site(site)
    assert cpu_seconds() - started < 10
    assert api_news(config)["fine"]["publishedDateTime"] == "2026-11-20T10:00:00Z"
    refused = sorted(str(p) for p in result.site.problems)
    assert [p.split(":")[:2] for p in refused] == [[f"content/{name}.md", "3"] for name in sorted(HOSTILE_DATES)]
    assert all("which no date is" in p for p in refused), refused


def test_a_date_whose_zone_the_reader_does_not_know_is_not_read_in_another_zone(tmp_path):
    """An RFC 2822 date's zone that email.utils does not know (`GMT+5`, `EST5EDT`) was dropped, and the time read
    in the site's zone, hours off without a word; `+01` was read as one minute; and `10:00 Uhr MEZ` kept its
    `Uhr` before the zone's offset, which so went unread. Now an unknown zone is an error at its line, `+01` is
    an hour, and `Uhr` goes before a zone too; the same in a fetched feed's dates."""
    from generator.fetch.parse import parse_feed

    dates = {"gmt5": "Mi, 18 Nov 2026 10:00:00 GMT+5", "posix": "18 Nov 2026 10:00:00 EST5EDT",
             "hours": "Wed, 18 Nov 2026 10:00:00 +01", "uhr": "18. November 2026 um 10:00 Uhr MEZ",
             "plain": "18 Nov 2026 10:00:00"}
    site = make_site(tmp_path / "site", {f"content/{name}.md": item(name, date=json.dumps(text))
                                         for name, text in dates.items()})
    config, result = build_site(site)
    news = api_news(config)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        "hours": "2026-11-18T09:00:00Z", "uhr": "2026-11-18T09:00:00Z", "plain": "2026-11-18T10:00:00Z"}
    assert sorted(str(p).split(":")[0] for p in result.site.problems) == ["content/gmt5.md", "content/posix.md"]
    entries = "".join(f"<item><title>{name}</title><link>https://f.example/{name}</link><pubDate>{text}</pubDate>"
                      "</item>" for name, text in dates.items())
    feed = parse_feed(("<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>"
                       f"<link>https://f.example/</link>{entries}</channel></rss>").encode(), "https://f.example/feed")
    assert {e.title: e.published and e.published.isoformat() for e in feed.entries}["uhr"] == "2026-11-18T09:00:00+00:00"
    assert {e.title: e.published for e in feed.entries}["gmt5"] != datetime(2026, 11, 18, 10, tzinfo=timezone.utc)


MORE_WORDED_DATES = {
    "ore 10:00 del 3 dicembre 2026": "2026-12-03T10:00:00Z",  # Italian: the time first
    "10:00, 3 dicembre 2026": "2026-12-03T10:00:00Z",
    "alle 10.00 - 03.12.2026": "2026-12-03T10:00:00Z",
    "Thứ Tư, 3/12/2026, 10:00 (GMT+7)": "2026-12-03T03:00:00Z",  # Vietnamese: day/month/year after a weekday
    "Thứ tư, 03/12/2026 - 10:00": "2026-12-03T10:00:00Z",
    "ngày 03/12/2026": "2026-12-03T00:00:00Z",
    "3 كانون الأول 2026": "2026-12-03T00:00:00Z",  # Syria's and Lebanon's months
    "الأربعاء، 3 كانون الثاني 2026": "2026-01-03T00:00:00Z",
    "٣ تشرين الثاني ٢٠٢٦": "2026-11-03T00:00:00Z",
    "15 آذار 2026": "2026-03-15T00:00:00Z",
    "1 آب 2026 10:00": "2026-08-01T10:00:00Z",
    "20 أيلول 2026": "2026-09-20T00:00:00Z",
}


def test_italian_vietnamese_and_levantine_dates_are_read(tmp_path, capsys):
    """An Italian time before the date, Vietnamese day/month/year with a weekday, and the Arabic month names
    of Syria, Lebanon, Jordan and Iraq (two words for four of them): each item was left out with an error."""
    read, said = built_dates(tmp_path, MORE_WORDED_DATES, capsys)
    assert read == MORE_WORDED_DATES, said
    assert "content/d" not in said, said


def test_day_month_year_with_slashes_is_a_date_on_a_site_whose_language_writes_the_day_first(tmp_path, capsys):
    """`03/12/2026` is 3 December to a Spanish, French, British or Vietnamese writer and 12 March to an American
    one: read so on a site whose `language` writes the day first (a Spanish site's was an error), an error naming
    both readings where the language writes the month first or the year first."""
    read_as_day_first(tmp_path, capsys, ("es",), ("en-US",))


def test_day_month_year_with_dashes_is_a_date_on_a_site_whose_language_writes_the_day_first(tmp_path, capsys):
    """Dutch writes 3 December 2026 `03-12-2026` (CLDR's short date, d-M-y): an error on a Dutch site, now read,
    and so on a Spanish one (which writes `03/12/2026`: the day first all the same); on an English one still the
    error naming both readings."""
    written = {"03-12-2026": "2026-12-03T00:00:00Z", "03-12-2026 10:00": "2026-12-03T10:00:00Z",
               "5-1-2026, 10.00 uur": "2026-01-05T10:00:00Z", "03/12/2026": "2026-12-03T00:00:00Z"}
    for language in ("nl", "es"):
        read, said = built_dates(tmp_path / language, written, capsys, ITEMS_CONFIG + f"language: {language}\n")
        assert read == written, (language, said)
    read, said = built_dates(tmp_path / "en", written, capsys, ITEMS_CONFIG + "language: en\n")
    assert read == dict.fromkeys(written), said
    assert "error: content/d0.md:3: `publishedDateTime` is not a date: '03-12-2026' (the day and the month " \
           "are both numbers, which writers put in either order" in said, said


@pytest.mark.parametrize("language", ["tr", "es", "en", *(pytest.param(language, marks=pytest.mark.slow)
                                                            for language in ("pl", "de", "ru", "nl"))])
def test_day_month_year_is_read_day_first_with_either_separator_where_the_language_writes_the_day_first(
        tmp_path, capsys, language):
    """`07/12/2026` on a Turkish, Polish, German or Russian site (whose languages write the day first, with dots)
    was an error, as was `07-12-2026` on a Spanish one: their writers put the day first whatever the separator.
    The order of CLDR's short date decides; an English site's (`en`: either order) is still the error."""
    written = {"07/11/2026": "2026-11-07T00:00:00Z", "07-11-2026 09:30": "2026-11-07T09:30:00Z"}
    read, said = built_dates(tmp_path, written, capsys, ITEMS_CONFIG + f"language: {language}\n")
    assert read == (dict.fromkeys(written) if language == "en" else written), said


@pytest.mark.slow
def test_day_month_year_with_slashes_is_read_by_each_languages_order(tmp_path, capsys):
    read_as_day_first(tmp_path, capsys, ("fr", "pt-BR", "en-GB", "en-IN", "vi", "de", "nl", "fr-CH"),
                      ("en", "ja", "fr-CA", "''"))


def read_as_day_first(tmp_path: Path, capsys, day_first, other):
    written = {"03/12/2026": "2026-12-03T00:00:00Z", "03/12/2026 10:00": "2026-12-03T10:00:00Z",
               "13/05/2026": "2026-05-13T00:00:00Z"}
    for language in day_first:
        read, said = built_dates(tmp_path / language, written, capsys, ITEMS_CONFIG + f"language: {language}\n")
        assert read == written, (language, said)
        assert "content/d" not in said, (language, said)
    for language in other:  # (13/05 names no month 13, but is no proof of the order: the writer may have slipped)
        read, said = built_dates(tmp_path / language.strip("'"), written, capsys,
                                 ITEMS_CONFIG + f"language: {language}\n")
        assert read == dict.fromkeys(written), (language, said)
        assert "error: content/d0.md:3: `publishedDateTime` is not a date: '03/12/2026' (the day and the month are " \
               "both numbers, which writers put in either order" in said, (language, said)


def test_two_times_around_an_italian_date_are_no_date(tmp_path, capsys):
    read, said = built_dates(tmp_path / "it", {"10:00 - 3 dicembre 2026 11:00": None}, capsys)
    assert read == {"10:00 - 3 dicembre 2026 11:00": None}, said  # (two times: which is meant?)


# Language tags a site's `language:` is often given as, beyond the bare languages: the regions whose short dates
# differ from their language's in CLDR, and the common ones that do not
REGIONAL_TAGS = ("en-US en-GB en-AU en-IN en-CA en-NZ en-IE en-ZA en-SG en-PH en-NG en-KE en-PK en-HK en-DE en-150 "
                 "es-ES es-MX es-US es-AR es-CO es-CL es-PE es-PA es-PR es-419 fr-FR fr-BE fr-CA fr-CH it-CH de-AT "
                 "de-CH nl-BE pt-BR pt-PT ar-EG ar-SA ar-MA he-IL fa-IR ur-PK ur-IN ja-JP vi-VN zh-CN zh-TW zh-HK "
                 "zh-Hant zh-Hant-HK zh-SG sr-Latn uz-AF uz-Arab ms-MY hi-IN").split()


def test_which_languages_write_the_day_first_is_as_cldr_has_it():
    """The languages whose sites read `05/12/2026` (or `05-12-2026`) as 5 December are those whose short date, as
    CLDR gives it (node's Intl, with the Gregorian calendar), is the day, the month and the year, whatever the
    separator: every language the theme ships, every two-letter language and the common regional tags."""
    import shutil
    import subprocess

    from generator.isotime import writes_day_first
    from generator.languages import LANGUAGES

    if not shutil.which("node"):
        pytest.skip("node is not installed")
    shipped = sorted(path.stem for path in (Path(__file__).parent.parent / "themes/default/i18n").glob("*.yaml"))
    assert "es" in shipped and "en" in shipped, shipped
    tags = [*shipped, *sorted(LANGUAGES), *REGIONAL_TAGS]
    script = """
        const day = new Date(Date.UTC(2026, 11, 5, 12)), out = {};
        if (new Intl.DateTimeFormat("es").resolvedOptions().locale !== "es") { console.log("null"); process.exit(); }
        for (const tag of process.argv.slice(1)) {
            out[tag] = new Intl.DateTimeFormat(tag, {dateStyle: "short", calendar: "gregory", timeZone: "UTC"})
                .formatToParts(day).map(p => p.type === "literal" ? p.value.replace(/[\\s\\u200e\\u200f\\u061c]/g, "")
                                                               : p.type).join(" ");
        }
        console.log(JSON.stringify(out));"""
    patterns = json.loads(subprocess.run(["node", "-e", script, *tags], capture_output=True, text=True,
                                         check=True).stdout)
    if patterns is None:
        pytest.skip("node is built without ICU's locale data")
    assert len(patterns) > 200, patterns
    cldr = {tag for tag, pattern in patterns.items() if pattern.startswith("day ")}
    assert {"es", "fr", "it", "pt", "vi", "en-GB", "en-AU", "en-IN", "nl-BE", "nl", "es-CL", "de", "tr", "pl",
            "ru"} <= cldr and not {"en", "en-US", "ja", "fr-CA", "hu"} & cldr, cldr
    assert {tag for tag in patterns if writes_day_first(tag)} == cldr


def test_which_languages_write_the_month_first_is_as_cldr_has_it():
    """The languages whose feeds' `12/05/2026` fetch reads as 5 December, when the feed or its source says it is in
    one (docs/fetch.md), are those whose short date, as CLDR gives it (node's Intl), is the month, the day and the
    year with slashes between them, but `en` alone, which says nothing of where the writer is; tags ICU has no data
    of (it falls back to another's) are left out."""
    import shutil
    import subprocess

    from generator.isotime import month_first
    from generator.languages import LANGUAGES

    if not shutil.which("node"):
        pytest.skip("node is not installed")
    tags = [*sorted(LANGUAGES), *REGIONAL_TAGS,
            *"en-AS en-GU en-MH en-MP en-PR en-UM en-VI fil fil-PH chr sd-IN".split()]
    script = """
        const day = new Date(Date.UTC(2026, 11, 5, 12)), out = {};
        if (new Intl.DateTimeFormat("es").resolvedOptions().locale !== "es") { console.log("null"); process.exit(); }
        for (const tag of process.argv.slice(1)) {
            const format = new Intl.DateTimeFormat(tag, {dateStyle: "short", calendar: "gregory", timeZone: "UTC"});
            if (format.resolvedOptions().locale !== tag) continue;
            out[tag] = format.formatToParts(day).map(p => p.type === "literal"
                ? p.value.replace(/[\\s\\u200e\\u200f\\u061c]/g, "") : p.type).join(" ");
        }
        console.log(JSON.stringify(out));"""
    patterns = json.loads(subprocess.run(["node", "-e", script, *tags], capture_output=True, text=True,
                                         check=True).stdout)
    if patterns is None:
        pytest.skip("node is built without ICU's locale data")
    assert len(patterns) > 100, patterns
    cldr = {tag for tag, pattern in patterns.items() if pattern == "month / day / year"} - {"en"}
    assert {"en-US", "en-PH", "fil", "es-PA"} <= cldr and not {"en-GB", "es", "fr-CA"} & cldr, cldr
    assert {tag for tag in patterns if month_first(tag)} == cldr
    assert not month_first("en") and not month_first("")


def test_a_date_with_the_day_and_month_as_numbers_is_refused_with_its_readings_to_choose_from(tmp_path, capsys):
    # Written by hand, `02/12/2026` was refused with "write it as 2026-11-22T08:00:00Z", which
    # did not say why so plain a date is none, nor which form its writer should use.
    # (on an American site now: a French one reads it as 2 December)
    # (`, 10:00` was copied after the T: `2026-12-02T, 10:00`, no date either)
    written = {"02/12/2026": None, "13-12-2026": None, "02/12/2026 10:00": None, "31/02/2026": None,
               "02/12/2026, 10:00": None}
    read, said = built_dates(tmp_path, written, capsys, ITEMS_CONFIG + "language: en-US\n")
    assert read == written, said
    either = "the day and the month are both numbers, which writers put in either order: write it as "
    assert [line.split(" is not a date: ", 1)[1] for line in said.splitlines() if "is not a date" in line] == [
        f"'02/12/2026' ({either}2026-12-02 for 2 December or 2026-02-12 for 12 February) [left out]",
        f"'13-12-2026' ({either}2026-12-13 for 13 December) [left out]",
        f"'02/12/2026 10:00' ({either}2026-12-02 for 2 December or 2026-02-12 for 12 February, with its time after "
        f"a T: 2026-12-02T10:00) [left out]",
        "'31/02/2026' (write it as 2026-11-22T08:00:00Z) [left out]",  # (no day of either month)
        f"'02/12/2026, 10:00' ({either}2026-12-02 for 2 December or 2026-02-12 for 12 February, with its time "
        f"after a T: 2026-12-02T10:00) [left out]",
    ]


# Dates a writer meant day first that a site refuses, by the site's language, with the moment each means: what
# the hint says to write must be read as that moment
REFUSED_DAY_FIRST = {
    "en": {"02/12/2026, 10:00": "2026-12-02T10:00:00Z", "02/12/2026 10:00 +0100": "2026-12-02T09:00:00Z",
           "02-12-2026 um 10:00 Uhr": "2026-12-02T10:00:00Z", "02/12/2026 - 10:00:05 GMT": "2026-12-02T10:00:05Z",
           "02/12/2026 10:00 CET": "2026-12-02T09:00:00Z", "02/12/26, 10:00": "2026-12-02T10:00:00Z",
           "02/12/2026": "2026-12-02T00:00:00Z", "2-12-2026 10h30": "2026-12-02T10:30:00Z"},
    "de": {"02.12.26, 14.30 Uhr": "2026-12-02T14:30:00Z", "2.12.26 um 14:30 Uhr": "2026-12-02T14:30:00Z",
           "02/12/26, 10:00": "2026-12-02T10:00:00Z"},
    "nl": {"02-12-26 10:00": "2026-12-02T10:00:00Z", "2-12-26, 10.00 uur": "2026-12-02T10:00:00Z"},
    "es": {"02/12/26, 10:00": "2026-12-02T10:00:00Z", "02-12-26, 10:00": "2026-12-02T10:00:00Z"},
    "ja": {"02/12/2026, 10:00": "2026-12-02T10:00:00Z"},
}
# (what each hint says to write: the first reading, with its time when it has one, or the date with four digits)
_SUGGESTED = re.compile(r".*?(?:after a T: (\S+)\)|write it in four, as (.+)\) \[left out\]$|write it as ([0-9-]{10}) "
                        r"for (?!.*after a T))")


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(REFUSED_DAY_FIRST))
def test_what_a_refused_dates_hint_says_to_write_is_read_as_the_moment_meant(tmp_path, capsys, language):
    """Each hint that rewrites a refused date (its readings, its year in four digits) gives a date that a user
    can paste back: read by the same site, it is the moment meant."""
    meant = REFUSED_DAY_FIRST[language]
    config = ITEMS_CONFIG + f"language: {language}\n"
    read, said = built_dates(tmp_path / "refused", meant, capsys, config)
    assert read == dict.fromkeys(meant), said
    lines = [line for line in said.splitlines() if " is not a date: " in line]
    suggested = [next(part for part in _SUGGESTED.search(line).groups() if part) for line in lines]
    assert len(suggested) == len(meant), said
    wanted = dict(zip(suggested, meant.values()))  # (some hints suggest the same date)
    assert all(wanted[written] == moment for written, moment in zip(suggested, meant.values())), (suggested, meant)
    again, said = built_dates(tmp_path / "suggested", wanted, capsys, config)
    assert again == wanted, said


def test_a_date_with_a_two_digit_year_is_refused_with_its_year_in_four_digits_to_write(tmp_path, capsys):
    # Written by hand on a German site, `03.12.26` (as Germans write a date in short) was refused with "write it
    # as 2026-11-22T08:00:00Z", which did not say what was wrong with it. Its century is not guessed.
    written = {"03.12.26": None, "3.12.26 um 14:30 Uhr": None, "03.12.2026": "2026-12-03T00:00:00Z"}
    read, said = built_dates(tmp_path, written, capsys, ITEMS_CONFIG + "language: de\n")
    assert read == written, said
    assert [line.split(" is not a date: ", 1)[1] for line in said.splitlines() if "is not a date" in line] == [
        "'03.12.26' (its year has two digits, which could be of any century: write it in four, as 03.12.2026)"
        " [left out]",
        "'3.12.26 um 14:30 Uhr' (its year has two digits, which could be of any century: write it in four, as"
        " 3.12.2026 um 14:30 Uhr) [left out]",
    ]


def test_the_two_digit_year_hint_copies_only_a_time_after_the_date(tmp_path, capsys):
    # The hint copied whatever followed `dd.mm.yy`: `05.12.26x` was told to be written as `05.12.2026x`, which
    # is no date either. Only a time (or nothing) is copied; other text after it gets the plain hint.
    written = {"05.12.26x": None, "05.12.26 and then some": None, "05.12.26, 14.30 Uhr": None}
    read, said = built_dates(tmp_path, written, capsys, ITEMS_CONFIG + "language: de\n")
    assert read == written, said
    reasons = [line.split(" is not a date: ", 1)[1] for line in said.splitlines() if "is not a date" in line]
    assert len(reasons) == 3, said
    assert [reason for reason in reasons if "two digits" in reason] == [
        "'05.12.26, 14.30 Uhr' (its year has two digits, which could be of any century: write it in four, as"
        " 05.12.2026, 14.30 Uhr) [left out]"], said
    assert "2026x" not in said and "2026 and" not in said, said


def test_a_day_past_its_months_end_is_said_to_be_out_of_range_however_the_date_is_written(tmp_path, capsys):
    # "31 de febrero de 2026" said only "is not a date" (and "write it as 2026-11-22T08:00:00Z"), where
    # 2026-02-31 says what is wrong: the day is out of range for the month. Every written form says so now.
    written = ["2026-02-31", "31 de febrero de 2026", "31 février 2026", "31. Februar 2026", "February 31, 2026",
               "Feb 31, 2026 10:00 AM", "31.02.2026", "31/02/2026", "Tue, 31 Feb 2026 10:00:00 GMT",
               "29 de febrero de 2027"]
    read, said = built_dates(tmp_path, dict.fromkeys(written), capsys, ITEMS_CONFIG + "language: es\n")
    assert read == dict.fromkeys(written), said
    errors = [line for line in said.splitlines() if line.startswith("error: content/d")]
    assert errors == [f"error: content/d{n}.md:3: `publishedDateTime` {date!r} is not a valid date (day is out of "
                      f"range for month) (fix the date; dates look like 2026-11-22T08:00:00Z) [left out]"
                      for n, date in enumerate(written)], said


def test_a_day_first_date_with_a_two_digit_year_says_to_write_the_year_in_four_digits(tmp_path, capsys):
    # `05-12-26` said only "write it as 2026-11-22T08:00:00Z"; `05.12.26` said to write the year in four. With
    # dashes or slashes, which number is the month is not known either (but on a site whose language writes the
    # day first): the hint names both readings, with the year in four digits.
    written = {"05.12.26": None, "05-12-26": None, "5-12-26 10:00": None, "05/12/26": None}
    four = "its year has two digits, which could be of any century: write it in four, as "
    either = ("its year has two digits, which could be of any century, and the day and the month are both numbers, "
              "which writers put in either order: write it as ")
    for language, hints in (
            ("es", [f"{four}05.12.2026", f"{four}05-12-2026", f"{four}5-12-2026 10:00", f"{four}05/12/2026"]),
            ("ja", [f"{four}05.12.2026", f"{either}2026-12-05 for 5 December or 2026-05-12 for 12 May",
                    f"{either}2026-12-05 for 5 December or 2026-05-12 for 12 May, with its time after a T: "
                    "2026-12-05T10:00", f"{either}2026-12-05 for 5 December or 2026-05-12 for 12 May"])):
        read, said = built_dates(tmp_path / language, written, capsys, ITEMS_CONFIG + f"language: {language}\n")
        assert read == written, said
        assert [line.split(" is not a date: ", 1)[1] for line in said.splitlines() if "is not a date" in line] == [
            f"{date!r} ({hint}) [left out]" for date, hint in zip(written, hints)], (language, said)


def test_an_offset_of_a_day_or_more_or_of_sixty_minutes_is_said_in_words_at_its_line(tmp_path):
    """`+99:00` was said in Python's words ("offset must be a timedelta strictly between -timedelta(hours=24)
    and timedelta(hours=24), not datetime.timedelta(days=4, ...)"), and `+05:99`, unquoted, was read by YAML as
    an offset of 6:39 hours: the story dated hours off, without a word. Each is an error at its line now, in
    words, with what to write; the site's other stories are built."""
    files = {"content/a.md": item("A", date="2026-11-16 10:00:00 +99:00"),
             "content/b.md": item("B", date="'2026-11-16T10:00:00+24:00'"),
             "content/c.md": item("C", date="2026-11-16T10:00:00+05:99"),
             "content/d.md": item("D", date="2026-11-16T10:00:00+05:30")}
    config, result = build_site(make_site(tmp_path / "site", files))
    said = {problem.path: str(problem) for problem in result.site.problems}
    assert set(said) == {"content/a.md", "content/b.md", "content/c.md"}, said
    for text in said.values():
        assert text.startswith(text.split(":")[0] + ":3: `publishedDateTime` '2026-11-16"), text
        assert "timedelta" not in text and "the zone's offset must be less than 24 hours, its minutes in 0..59" in text
        assert text.endswith("(fix the date; dates look like 2026-11-22T08:00:00Z)"), text
    assert api_news(config)["d"]["publishedDateTime"] == "2026-11-16T04:30:00Z"


@pytest.mark.parametrize("written", ["0001-01-01T00:00:00Z", "'0001-01-01T00:00:00'", "1970-01-01T00:00:00Z",
                                     "'1970-01-01T01:00:00+01:00'", "'Thu, 01 Jan 1970 00:00:00 GMT'"])
def test_a_date_writers_put_for_none_keeps_the_story_and_is_said_at_its_line(tmp_path, written):
    """.NET writers put 0001-01-01 (DateTime.MinValue) for a date they do not know, others a zero timestamp
    (1970-01-01, in any zone): the story was published dated so, last of every list, "1 January 1" on its
    page, without a word (fetch reads such a feed entry as undated). Each is a warning at its line now; the
    story is kept, and an archive's story of 1930 is no such date."""
    files = {"content/none.md": item("None", date=written), "content/old.md": item("Old", date="1930-05-01T10:00:00Z")}
    config, result = build_site(make_site(tmp_path / "site", files))
    said = [str(warning) for warning in result.site.warnings]
    assert len(said) == 1 and said[0].startswith("content/none.md:3: `publishedDateTime` "), said
    assert said[0].endswith("is a date that writers put for one they do not know (0001-01-01, 1970-01-01); the "
                            "story is dated so, after every other (write the date the item was published)"), said
    assert set(api_news(config)) == {"none", "old"} and not result.site.problems


def test_a_published_date_as_text_and_a_mongodb_date_date_the_story(tmp_path, capsys):
    """Atom's `published` is the entry's date, and feedparser gives it as text, so a crawler that saves its
    entries writes `published: "Sat, 21 Nov 2026 08:00:00 GMT"`; MongoDB's export writes a date as
    `{$date: ...}`. Each left the story out ("missing `publishedDateTime`", "must be a date, got a mapping")."""
    files = {
        "atom.md": front("title: Atom dated", "published: 'Sat, 21 Nov 2026 08:00:00 GMT'"),
        "iso.md": front("title: ISO dated", "published: '2026-11-21T09:00:00Z'"),
        "both.md": front("title: Both", "publishedDateTime: 2026-11-20T10:00:00Z", "published: '2026-11-20T10:00:00Z'"),
        "mongo.md": front("title: Mongo dated", 'publishedDateTime: {"$date": "2026-11-21T07:00:00.000Z"}'),
        "mongolong.md": front("title: Mongo long", 'publishedDateTime: {"$date": {"$numberLong": "1795168800000"}}'),
        "flag.md": front("title: Flagged", "publishedDateTime: 2026-11-20T11:00:00Z", "published: maybe"),
    }
    out, news, said = build_items(tmp_path, files, capsys)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        "atom": "2026-11-21T08:00:00Z", "iso": "2026-11-21T09:00:00Z", "both": "2026-11-20T10:00:00Z",
        "mongo": "2026-11-21T07:00:00Z", "mongolong": "2026-11-20T10:00:00Z", "flag": "2026-11-20T11:00:00Z"}
    assert "<time datetime=\"2026-11-21T08:00:00+00:00\"" in page(out, news["atom"])
    assert ("warning: content/atom.md:3: `published` is read as `publishedDateTime`, which is not given (rename "
            "`published` to `publishedDateTime`)") in said, said
    assert "content/both.md" not in said and "content/mongo" not in said, said
    # (a flag that is neither true nor false says what to write)
    assert ("warning: content/flag.md:4: `published` must be true or false, got 'maybe'; true is used (write "
            "`published: true`, or `published: false` for a draft)") in said, said


ZONE_WORD_OFFSETS = {  # a zone word with its offset after an ISO time, as sites and JavaScript write it
    "2026-11-20T10:00:00 GMT+01:00": "2026-11-20T09:00:00Z",
    "2026-11-20T10:00:00 UTC+1": "2026-11-20T09:00:00Z",
    "2026-11-20 10:00 GMT": "2026-11-20T10:00:00Z",
    "2026-11-20T10:00:00 GMT+0100": "2026-11-20T09:00:00Z",
    "2026-11-20T10:00:00GMT-5": "2026-11-20T15:00:00Z",
    "2026-11-20 10:00 utc+5:30": "2026-11-20T04:30:00Z",
    "2026-11-20 UTC+1": "2026-11-19T23:00:00Z",  # (a date alone: its midnight at that offset)
    "2026-11-20T10:00:00+01:00 GMT+1": "2026-11-20T09:00:00Z",  # (the zone twice, alike)
}


def test_a_zone_word_with_its_offset_after_an_iso_time_dates_the_story_in_its_zone(tmp_path):
    """`2026-11-20T10:00:00 GMT+01:00` and `... UTC+1` left the story out ("not a valid date"); each is that time
    at that offset, as its page (in the site's zone) and feeds show it. An offset no zone has, or one that
    disagrees with the time's own, is an error at its line; the site's other stories are built."""
    files = {f"content/d{n}.md": item(f"Dated {n}", date=json.dumps(written))
             for n, written in enumerate(ZONE_WORD_OFFSETS)}
    files["content/far.md"] = item("Far", date='"2026-11-20T10:00:00 UTC+25"')
    files["content/twice.md"] = item("Twice", date='"2026-11-20T10:00:00Z UTC+1"')
    site = make_site(tmp_path / "site", files, 'title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\n'
                                               "timezone: Europe/Paris\nstories:\n  enabled: false\n")
    config, result = build_site(site)
    news = api_news(config)
    assert {name: entry["publishedDateTime"] for name, entry in news.items()} == {
        f"d{n}": moment for n, moment in enumerate(ZONE_WORD_OFFSETS.values())}
    assert '<time datetime="2026-11-20T10:00:00+01:00">20 November 2026, 10:00' in page(site / "output", news["d0"])
    rss = (site / "output/feeds/latest.rss").read_text(encoding="utf-8")
    assert "<title>Dated 1</title>" in rss and "<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>" in rss
    said = {problem.path: str(problem) for problem in result.site.problems}
    assert set(said) == {"content/far.md", "content/twice.md"}, said
    assert said["content/far.md"].startswith("content/far.md:3: `publishedDateTime` '2026-11-20T10:00:00 UTC+25' is "
                                             "not a valid date (the zone's offset must be less than 24 hours"), said
    assert "names two time zones that disagree: `Z` (+00:00) and `UTC+1` (+01:00)" in said["content/twice.md"], said


# Dates as sites write them in ASCII digits, each of which is read (test_dates_as_other_writers_give_them_are_read)
ASCII_DATES = ["2025-12-05", "2025-12-05T10:30:00Z", "2025-12-05 10:30:00+02:00", "5 ديسمبر 2025 10:30",
               "Fri, 05 Dec 2025 10:30:00 +0200", "5 كانون الأول 2025"]


def test_a_date_written_in_any_scripts_digits_is_read_as_in_ascii_digits(tmp_path, capsys):
    """A crawler copies a date as an Arabic, Persian, Urdu, Hindi, Bengali or Thai site writes it, in its own digits
    (`۲۰۲۶-۱۲-۰۵`, `٢٠٢٦-١٢-٠٥T١٠:٣٠:٠٠Z`): the item was left out ("not a date") unless the date was in words."""
    from generator.languages import DIGIT_ZEROS

    assert len(DIGIT_ZEROS) >= 58
    in_ascii, said = built_dates(tmp_path / "ascii", dict.fromkeys(ASCII_DATES), capsys)
    assert None not in in_ascii.values(), said
    for zero in (0x660, 0x6F0, 0x966, 0x9E6, 0xE50):  # Arabic-Indic, Persian, Devanagari, Bengali, Thai
        written = {date.translate({ord("0") + n: zero + n for n in range(10)}): date for date in ASCII_DATES}
        read, said = built_dates(tmp_path / hex(zero), dict.fromkeys(written), capsys)
        assert {written[date]: moment for date, moment in read.items()} == in_ascii, said


# Dates as Arabic news sites write them (Egypt's, the Gulf's, the Levant's), with the words for before and after
# noon, for "at", the year's "م" (of the Christian era) and the Arabic comma; and before and after noon as
# Persian and Spanish write them, as readers of those sites' times.
HALF_DAY_DATES = {
    "الأربعاء، 02 ديسمبر 2026 10:30 م": "2026-12-02T20:30:00Z",
    "الأربعاء 02 ديسمبر 2026 - 10:30 ص": "2026-12-02T08:30:00Z",
    "٢ ديسمبر ٢٠٢٦ ١٠:٣٠ مساءً": "2026-12-02T20:30:00Z",
    "2 ديسمبر 2026 الساعة 10:30 صباحاً": "2026-12-02T08:30:00Z",
    "2 ديسمبر، 2026": "2026-12-01T22:00:00Z",  # (a day alone: its start in Cairo)
    "2 ديسمبر 2026م": "2026-12-01T22:00:00Z",
    "الأربعاء 2 كانون الأول 2026م 12:15 م": "2026-12-02T10:15:00Z",
    "2 ديسمبر 2026 12:05 ص": "2026-12-01T22:05:00Z",
    "۲ دسامبر ۲۰۲۶ ساعت ۱۰:۳۰ ب.ظ": "2026-12-02T20:30:00Z",
    "2 de diciembre de 2026, 10:30 p. m.": "2026-12-02T20:30:00Z",
    "2 de diciembre de 2026 10:30 a.m.": "2026-12-02T08:30:00Z",
}


def test_arabic_dates_with_their_words_for_noon_and_at_are_read(tmp_path, capsys):
    """`10:30 م` (after noon), `صباحاً`, `الساعة` (at), `2026م`: such an item was left out ("not a date"), or read
    twelve hours early. Read in the site's zone (Cairo, two hours ahead of UTC in December)."""
    read, said = built_dates(tmp_path, HALF_DAY_DATES, capsys, ITEMS_CONFIG + "timezone: Africa/Cairo\n")
    assert read == HALF_DAY_DATES, said
    assert "content/d" not in said, said


def test_a_12_hour_clock_s_time_is_the_hour_it_names_in_every_form_of_date(tmp_path, capsys):
    """`10:00 PM` after a date of numbers or an ISO date was no date (only English words' dates took AM/PM): the
    build reads a 12-hour time by the one rewrite fetch's entries take (isotime.twenty_four_hour)."""
    dates = {"21/11/2026 10:00 PM": "2026-11-21T22:00:00Z", "2026-11-21 10:00 PM": "2026-11-21T22:00:00Z",
             "21.11.2026 10:00 p.m.": "2026-11-21T22:00:00Z", "Nov 21, 2026 10:00 PM": "2026-11-21T22:00:00Z",
             "2026-11-21 12:30 AM": "2026-11-21T00:30:00Z"}
    read, said = built_dates(tmp_path, dates, capsys, "language: fr\n" + ITEMS_CONFIG)
    assert read == dates, said


def test_a_half_day_word_is_read_after_every_form_of_date(tmp_path, capsys):
    """Arabic's `م`, Persian's `ب.ظ` and Spanish's `p. m.` were read after a date in words only: after an ISO date
    or one of numbers the item was no date. One rewrite (isotime.twenty_four_hour) reads every half-day word."""
    dates = {"2026-12-02 10:30 م": "2026-12-02T22:30:00Z", "02/12/2026 10:30 p. m.": "2026-12-02T22:30:00Z",
             "2026-12-02 10:30 ب.ظ": "2026-12-02T22:30:00Z", "2026-12-02 09:15 ص": "2026-12-02T09:15:00Z",
             "2 ديسمبر 2026 10:30 م": "2026-12-02T22:30:00Z"}
    read, said = built_dates(tmp_path, dates, capsys, "language: es\n" + ITEMS_CONFIG)
    assert read == dates, said
