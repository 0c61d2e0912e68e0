"""Times of day as feeds write them: with AM or PM (`Sat, 21 Nov 2026 10:00 PM`, `11/21/2026 10:00 PM`), read as
the hour they name, and alone, without a date (`21:30`, `9:30 PM`: a live blog's, a ticker's), read as the last
such time, in the site's zone, at or before the fetch that first saw the entry."""

from __future__ import annotations

from conftest import fetched_dates

FIRST_FETCHED = "2026-11-22T12:00:00Z"  # (feed_site's now: 07:00 in New York)


def rss(dates: dict[str, str], language: str = "") -> bytes:
    items = "".join(f"<item><title>{title}</title><link>https://times.example/{number}</link>"
                    f"<pubDate>{written}</pubDate></item>" for number, (title, written) in enumerate(dates.items()))
    said = f"<language>{language}</language>" if language else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Times</title>'
            f"<link>https://times.example/</link>{said}{items}</channel></rss>").encode()


def test_times_with_am_or_pm_and_times_alone_are_the_times_they_name(tmp_path, capsys):
    """feedparser read `10:00 PM` as 10:00 (dropping PM: twelve hours early), a numbers' date with PM not at all,
    and a time alone as that time on the day of the machine's clock, in UTC: after the fetch, so the entry was
    dated when first fetched, and a fetch on another machine or day would have dated it otherwise."""
    american = {"Words PM": "Sat, 21 Nov 2026 10:00 PM", "Iso PM": "2026-11-21 10:00 PM",
                "Numbers PM": "11/21/2026 10:00 PM", "Dotted": "Sat, 21 Nov 2026 10:00 p.m.",
                "Alone": "21:30", "Alone PM": "9:30 PM", "Alone seconds": "21:30:15", "Morning": "6:15 am",
                "Past midnight": "12:30 AM", "No hour": "13:30 PM", "Later": "23:59"}
    dates, said = fetched_dates(tmp_path / "site", capsys, rss(american, language="en-US"),
                                "timezone: America/New_York\n")
    assert dates == {
        "Words PM": "2026-11-22T03:00:00Z", "Iso PM": "2026-11-22T03:00:00Z", "Numbers PM": "2026-11-22T03:00:00Z",
        "Dotted": "2026-11-22T03:00:00Z",
        # (07:00 in New York when first fetched: 21:30 was last evening's, 06:15 this morning's)
        "Alone": "2026-11-22T02:30:00Z", "Alone PM": "2026-11-22T02:30:00Z", "Alone seconds": "2026-11-22T02:30:15Z",
        "Morning": "2026-11-22T11:15:00Z", "Past midnight": "2026-11-22T05:30:00Z",
        "No hour": FIRST_FETCHED, "Later": "2026-11-22T04:59:00Z"}, said


def test_a_date_written_year_first_with_slashes_or_dots_is_that_day(tmp_path, capsys):
    """`2026/11/21 08:00` (the year first with slashes or dots, as items' dates are read: docs/content.md) was read
    by feedparser as 1 December: a wrong day, ten days late."""
    dates = {"Slashes": "2026/11/21 08:00", "Dots": "2026.11.21 08:00", "Day": "2026/11/21",
             "Slashes PM": "2026/11/21 8:00 PM"}
    found, said = fetched_dates(tmp_path / "site", capsys, rss(dates))
    assert found == {
        "Slashes": "2026-11-21T08:00:00Z", "Dots": "2026-11-21T08:00:00Z", "Day": "2026-11-21",
        "Slashes PM": "2026-11-21T20:00:00Z"}, said
