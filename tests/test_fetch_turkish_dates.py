"""Dates as Turkish and Azerbaijani feeds write them, in their own single-byte charsets (Windows-1254 said in the
XML prolog, ISO-8859-9 said only in the HTTP header): relative ones (`3 saat önce`, `dün`, `dünən`) read from
the fetch that first saw the entry, and a weekday after the year (`7 Aralık 2026 Pazartesi 09:30`, as Turkish
news sites write a date, and as Russian, German and Polish sites do too: `7 декабря 2026, понедельник, 09:30`)."""

from __future__ import annotations

import pytest

from conftest import ITEMS_CONFIG, built_dates, fetched_dates, local_as_utc
from feed_server import Route

FIRST_FETCHED = "2026-11-22T12:00:00Z"  # (feed_site's now: 15:00 in Istanbul and 16:00 in Baku)


def rss(dates: dict[str, str], charset: str, declared: bool) -> bytes:
    items = "".join(f"<item><title>{title}</title><link>https://haber.example/{number}</link>"
                    f"<pubDate>{written}</pubDate></item>" for number, (title, written) in enumerate(dates.items()))
    prolog = f'<?xml version="1.0" encoding="{charset}"?>\n' if declared else '<?xml version="1.0"?>\n'
    return (prolog + f"<rss version=\"2.0\"><channel><title>Haber</title><link>https://haber.example/</link>"
            f"{items}</channel></rss>").encode(charset)


@pytest.mark.parametrize("charset, declared", [("windows-1254", True), ("iso-8859-9", False)])
def test_turkish_relative_dates_and_a_weekday_after_the_year_are_read(tmp_path, capsys, charset, declared):
    """They were no dates: each such entry was dated when fetched, so yesterday's match report showed as news
    of this minute, and a story of three hours ago as newer than one of five minutes ago."""
    written = {
        "Saat önce": "3 saat önce", "Dakika önce": "5 dakika önce", "Gün önce": "2 gün önce",
        "Hafta önce": "1 hafta önce", "Dün": "dün", "Dün saat": "Dün, 18:45", "Dün saatte": "dün saat 18:45",
        "Bugün": "bugün 10:15", "Evvelsi gün": "evvelsi gün", "Önceki gün": "önceki gün", "Az önce": "az önce",
        "Saniye önce": "30 saniye önce", "İSTANBUL": "7 Kasım 2026 Cumartesi 09:30",
        "Virgüllü": "7 Kasım 2026, Cumartesi, 09:30", "Büyük harf": "7 KASIM 2026 CUMARTESİ 09:30",
        "Not a unit": "3 elma önce",
    }
    dates, said = fetched_dates(tmp_path / "site", capsys, Route(rss(written, charset, declared), content_type=(
        "application/rss+xml" if declared else f"application/rss+xml; charset={charset}")),
        "language: tr\ntimezone: Europe/Istanbul\n")
    yesterday_1845 = "2026-11-21T15:45:00Z"
    assert dates == {
        "Saat önce": "2026-11-22T09:00:00Z", "Dakika önce": "2026-11-22T11:55:00Z", "Gün önce": "2026-11-20",
        "Hafta önce": "2026-11-15", "Dün": "2026-11-21", "Dün saat": yesterday_1845, "Dün saatte": yesterday_1845,
        "Bugün": "2026-11-22T07:15:00Z", "Evvelsi gün": "2026-11-20", "Önceki gün": "2026-11-20",
        "Az önce": FIRST_FETCHED, "Saniye önce": "2026-11-22T11:59:30Z", "İSTANBUL": "2026-11-07T06:30:00Z",
        "Virgüllü": "2026-11-07T06:30:00Z", "Büyük harf": "2026-11-07T06:30:00Z", "Not a unit": FIRST_FETCHED,
    }, said


def test_azerbaijani_relative_dates_are_read(tmp_path, capsys):
    written = {"Saat əvvəl": "3 saat əvvəl", "Dəqiqə əvvəl": "5 dəqiqə əvvəl", "Dünən": "dünən, 18:45",
               "Bu gün": "bu gün 10:15", "Gün əvvəl": "2 gün əvvəl"}
    dates, said = fetched_dates(tmp_path / "site", capsys, rss(written, "utf-8", True),
                                "language: az\ntimezone: Asia/Baku\n")
    assert dates == {
        "Saat əvvəl": "2026-11-22T09:00:00Z", "Dəqiqə əvvəl": "2026-11-22T11:55:00Z",
        "Dünən": "2026-11-21T14:45:00Z", "Bu gün": "2026-11-22T06:15:00Z", "Gün əvvəl": "2026-11-20"}, said


@pytest.mark.parametrize("language, zone, written, alone", [
    ("ru", "Europe/Moscow", "7 ноября 2026, суббота, 09:30", "7 ноября 2026, суббота"),
    ("de", "Europe/Berlin", "7. November 2026, Samstag, 09:30", "7. November 2026, Samstag"),
    ("pl", "Europe/Warsaw", "7 listopada 2026 (sobota) 09:30", "7 listopada 2026 sobota"),
    ("uk", "Europe/Kyiv", "7 листопада 2026, субота, 09:30", "7 листопада 2026, субота"),
])
def test_a_weekday_after_the_year_is_read_in_any_language(tmp_path, capsys, language, zone, written, alone):
    dates, said = fetched_dates(tmp_path / "site", capsys, rss({"Day": written, "Alone": alone}, "utf-8", True),
                                f"language: {language}\ntimezone: {zone}\n")
    assert dates == {"Day": local_as_utc(zone, 7, 9, 30), "Alone": "2026-11-07"}, said


@pytest.mark.parametrize("language, zone, written", [
    ("lt", "Europe/Vilnius", {"Ago": "prieš 2 valandas", "Minutes": "prieš 5 minutes", "Yesterday": "vakar 18:45",
                              "Day": "vakar", "Today": "šiandien 10:15", "Before": "užvakar",
                              "Days": "prieš 3 dienas"}),
    ("lv", "Europe/Riga", {"Ago": "pirms 2 stundām", "Minutes": "pirms 5 minūtēm", "Yesterday": "vakar plkst. 18:45",
                           "Day": "vakar", "Today": "šodien 10:15", "Before": "aizvakar", "Days": "pirms 3 dienām"}),
    ("ro", "Europe/Bucharest", {"Ago": "acum 2 ore", "Minutes": "acum 5 minute", "Yesterday": "ieri, 18:45",
                                "Day": "ieri", "Today": "astăzi 10:15", "Before": "alaltăieri", "Days": "acum 3 zile"}),
    ("el", "Europe/Athens", {"Ago": "πριν από 2 ώρες", "Minutes": "πριν 5 λεπτά", "Yesterday": "χθες 18:45",
                             "Day": "Χθες", "Today": "σήμερα 10:15", "Before": "προχθές", "Days": "πριν από 3 ημέρες"}),
    ("sv", "Europe/Stockholm", {"Ago": "för 2 timmar sedan", "Minutes": "för 5 minuter sedan",
                                "Yesterday": "igår kl. 18:45", "Day": "i går", "Today": "idag 10:15",
                                "Before": "i förrgår", "Days": "för 3 dagar sedan"}),
    ("da", "Europe/Copenhagen", {"Ago": "for 2 timer siden", "Minutes": "for 5 minutter siden",
                                 "Yesterday": "i går kl. 18.45", "Day": "I går", "Today": "i dag 10:15",
                                 "Before": "i forgårs", "Days": "for 3 dage siden"}),
    ("nb", "Europe/Oslo", {"Ago": "for 2 timer siden", "Minutes": "for 5 minutter siden",
                           "Yesterday": "i går kl. 18:45", "Day": "i går", "Today": "i dag 10:15",
                           "Before": "i forgårs", "Days": "for 3 dager siden"}),
    ("hu", "Europe/Budapest", {"Ago": "2 órája", "Minutes": "5 perce", "Yesterday": "tegnap 18:45", "Day": "Tegnap",
                               "Today": "ma 10:15", "Before": "tegnapelőtt", "Days": "3 napja"}),
    ("fi", "Europe/Helsinki", {"Ago": "2 tuntia sitten", "Minutes": "5 minuuttia sitten",
                               "Yesterday": "eilen klo 18.45", "Day": "eilen", "Today": "tänään 10:15",
                               "Before": "toissapäivänä", "Days": "3 päivää sitten"}),
])
def test_relative_dates_of_the_other_languages_whose_month_names_are_read(tmp_path, capsys, language, zone, written):
    """The languages whose month names dates are read in wrote `vakar` or `prieš 2 valandas` as no date."""
    dates, said = fetched_dates(tmp_path / "site", capsys, rss(written, "utf-8", True),
                                f"language: {language}\ntimezone: {zone}\n")
    assert dates == {
        "Ago": "2026-11-22T10:00:00Z", "Minutes": "2026-11-22T11:55:00Z", "Yesterday": local_as_utc(zone, 21, 18, 45),
        "Day": "2026-11-21", "Today": local_as_utc(zone, 22, 10, 15), "Before": "2026-11-20",
        "Days": "2026-11-19"}, said


@pytest.mark.parametrize("language, zone, written", [
    ("pl", "Europe/Warsaw", {"Brackets": "7 listopada 2026 (sobota)", "Capitals": "7 LISTOPADA 2026 SOBOTA 09:30"}),
    ("tr", "Europe/Istanbul", {"Brackets": "7 Kasım 2026 (Cumartesi)", "Capitals": "7 KASIM 2026 CUMARTESI 09:30",
                               "Short": "7 Kasım 2026 CTS 09:30", "Alone": "7 Kasım 2026 CUMARTESI"}),
    ("de", "Europe/Berlin", {"Brackets": "7. November 2026 (Samstag)", "Capitals": "7. November 2026 SAMSTAG 09:30",
                             "Alone": "7. November 2026 SAMSTAG", "Zone": "7. November 2026 09:30 CET"}),
])
def test_a_weekday_in_brackets_or_in_capitals_after_the_date_is_read(tmp_path, capsys, language, zone, written):
    """`7 listopada 2026 (sobota)` was refused (its brackets taken for a zone's name), and a weekday in capitals,
    `CUMARTESI`, `SAMSTAG`, made no date: a weekday before the time, or of more letters than any zone's name, is
    read as a weekday in any case; a zone's name stays the zone."""
    dates, said = fetched_dates(tmp_path / "site", capsys, rss(written, "utf-8", True),
                                f"language: {language}\ntimezone: {zone}\n")
    at_930 = local_as_utc(zone, 7, 9, 30)
    meant = {"Brackets": "2026-11-07", "Capitals": at_930, "Short": at_930, "Alone": "2026-11-07",
             "Zone": "2026-11-07T08:30:00Z"}
    assert dates == {title: meant[title] for title in written}, said


def test_items_read_a_weekday_in_brackets_or_in_capitals_as_fetch_does(tmp_path, capsys):
    written = {"7 listopada 2026 (sobota)": "2026-11-07T00:00:00Z", "7 KASIM 2026 CUMA 09:30": "2026-11-07T09:30:00Z",
               "7. November 2026 SAMSTAG": "2026-11-07T00:00:00Z", "7 November 2026 10:00 (updated)": None}
    read, said = built_dates(tmp_path, written, capsys, ITEMS_CONFIG + "language: pl\n")
    assert read == written, said
