"""Items as real crawlers write them, round 26: dates that name their zone in brackets or twice, times written
the French, German and Dutch way, Croatian, Vietnamese and Persian dates (a Solar Hijri one refused), fetch's
reading of a zone's ambiguous name by the site's zone as the build reads it, declared names cleaned as items'
are, one account however its address is escaped, providers' records by account, and a provider's name that one
misspelt item does not change. Each is read as its writer meant, or refused with a message at its line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import build_files, feed_site, fetched, front
from feed_server import FeedServer, Route
from generator.cli import main

CONFIG = 'title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\nstories:\n  enabled: false\n'
DATE = "publishedDateTime: 2025-11-20T10:00:00Z"


def build(tmp_path: Path, files: dict[str, str | bytes], capsys, config: str = CONFIG):
    return build_files(tmp_path, files, capsys, config)


def provider_names(out: Path) -> dict[str, str]:
    """Each provider page's slug -> the name it shows in its heading."""
    names = {}
    for path in (out / "providers").glob("*/index.html"):
        found = re.search(r'<h1 class="provider-title">(.*?)</h1>', path.read_text(encoding="utf-8"), re.DOTALL)
        names[path.parent.name] = found[1].strip()
    assert names, "no provider page"
    return names


def dated(written: dict[str, str]) -> dict[str, str]:
    """Item files dated as `written` (name -> date)."""
    return {f"{name}.md": front(f"title: Dated {name}", f"publishedDateTime: {json.dumps(written[name])}")
            for name in written}


# --- a zone named in brackets, or twice ------------------------------------------------------------------

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
    _, news, said = build(tmp_path, dated({**{n: w for n, (w, _) in read.items()}, **refused}), capsys)
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


# --- times and month names of more languages -----------------------------------------------------------

WORDED = {
    "3 décembre 2026 à 10h00": "2026-12-03T10:00:00Z",  # French
    "3 décembre 2026 à 10 h 00": "2026-12-03T10:00:00Z",
    "mercredi 3 décembre 2026 à 10h": "2026-12-03T10:00:00Z",
    "3 de dezembro de 2026 às 10h30": "2026-12-03T10:30:00Z",  # Portuguese
    "3 de diciembre de 2026 a las 10:00 h": "2026-12-03T10:00:00Z",  # Spanish
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
}


def test_times_and_month_names_of_more_languages_are_read(tmp_path, capsys):
    """French `à 10h00`, Dutch `10.00 uur`, Croatian, Vietnamese and Persian months: the item was left out."""
    files = dated({f"d{number}": written for number, written in enumerate(WORDED)})
    _, news, said = build(tmp_path, files, capsys)
    assert {written: news.get(f"d{number}", {}).get("publishedDateTime") for number, written in enumerate(WORDED)} \
        == WORDED, said
    assert "content/d" not in said, said


def test_a_solar_hijri_date_is_refused_and_a_month_of_two_languages_warned_of(tmp_path, capsys):
    """`12 آذر 1405` is a date of Iran's calendar: reading it as a Gregorian one would be a wrong day. It is
    refused, saying why. `listopada` is November in Polish and October in Croatian: read as November, with a
    warning, but on a Croatian site it is October, and on a Polish one November without a word."""
    files = dated({"hijri": "12 آذر 1405", "dari": "۱۲ قوس ۱۴۰۵", "listopad": "3 listopada 2026"})
    _, news, said = build(tmp_path / "en", files, capsys)
    assert "hijri" not in news and "dari" not in news
    assert ("error: content/hijri.md:3: `publishedDateTime` '12 آذر 1405' is a date of the Solar Hijri (Persian) "
            "calendar (`آذر`), which is not read (its months are not the Gregorian calendar's) (write the date in "
            "the Gregorian calendar, as 2026-11-22T08:00:00Z)") in said, said
    assert "error: content/dari.md:3:" in said
    assert news["listopad"]["publishedDateTime"] == "2026-11-03T00:00:00Z"
    assert ("warning: content/listopad.md:3: `publishedDateTime` names its month `listopada`, which is November in "
            "Polish and Czech and October in Croatian; it is read as November") in said
    files = dated({"listopad": "3 listopada 2026"})
    _, news, said = build(tmp_path / "hr", files, capsys, CONFIG + "language: hr\n")
    assert news["listopad"]["publishedDateTime"] == "2026-10-03T00:00:00Z" and "listopad.md" not in said, said
    _, news, said = build(tmp_path / "pl", files, capsys, CONFIG + "language: pl\n")
    assert news["listopad"]["publishedDateTime"] == "2026-11-03T00:00:00Z" and "listopad.md" not in said, said


# --- fetch reads a zone's name by the site's zone, as the build does --------------------------------------

def test_fetch_reads_an_ambiguous_zone_as_the_sites_own_when_the_site_goes_by_it(tmp_path, capsys):
    """A site in Dublin reads an item's `IST` in summer as Irish time; fetch read a feed's as India's (four and
    a half hours off). It follows the same rule; and a feed's date naming two zones that disagree is no date
    (the entry is dated when first fetched, and fetch says so) rather than its first zone's."""
    dates = {"summer": "Mon, 20 Jul 2026 10:00:00 IST", "winter": "Sat, 21 Nov 2026 10:00:00 IST",
             "bracket": "Tue, 03 Nov 2026 10:00:00 (CET)", "two": "Tue, 03 Nov 2026 10:00:00 +0100 +0500"}
    items = "".join(f"<item><title>{name}</title><link>https://site.example/{name}</link><pubDate>{written}</pubDate>"
                    "</item>" for name, written in dates.items())
    with FeedServer() as server:
        server.routes["/ie.rss"] = Route(
            ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed</title>'
             f'<link>https://site.example/</link>{items}</channel></rss>').encode())
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/ie.rss')}\n", settings="timezone: Europe/Dublin\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    said = capsys.readouterr()
    found = fetched(site)
    assert found["summer"]["publishedDateTime"] == "2026-07-20T09:00:00Z"  # (Irish summer time, +01:00)
    assert found["winter"]["publishedDateTime"] == "2026-11-21T04:30:00Z"  # (Dublin is GMT then: India's)
    assert found["bracket"]["publishedDateTime"] == "2026-11-03T09:00:00Z"
    assert found["two"]["publishedDateTime"] == "2026-11-22T12:00:00Z"  # (when first fetched: the config's now)
    assert "1 entry with a date that names two time zones that disagree" in said.out + said.err


# --- names declared in config.yaml -------------------------------------------------------------------------

def test_names_declared_in_config_are_cleaned_as_items_names_are(tmp_path, capsys):
    """A topic or provider name in config.yaml with a zero-width space or a right-to-left override showed it on
    every page (the override turned the name around, and what followed it); a domain with a zero-width space
    matched no item; a description's override was left open. They are read as an item's names and text are."""
    config = CONFIG + ("topics:\n  - name: \"Sea\\u200bFreight\"\n    description: \"Ships <b> \\u202eand\"\n"
                       "  - name: \"\\u202eEvil\"\n"
                       "providers:\n  - domain: \"port\\u200b.example\"\n    name: \"Port\\u200b News\\u202e\"\n"
                       "    description: Harbour news.\n")
    files = {"a.md": front("title: Story", DATE, "topics: [SeaFreight, Evil]", "provider:", "  name: port",
                           "  domain: port.example")}
    out, news, said = build(tmp_path, files, capsys, config)
    assert news["a"]["topics"] == ["SeaFreight", "Evil"]
    assert news["a"]["provider"]["name"] == "Port News"
    pages = [path for path in out.rglob("*.html")] + [path for path in out.rglob("*.json")]
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "\u200b" not in text and text.count("\u202e") == text.count("\u202c"), path
    topic = (out / "topics/seafreight/index.html").read_text(encoding="utf-8")
    # (the override closed where the description ends; `<b>` is text written, as ever in config.yaml)
    assert "Ships &lt;b&gt; \u202eand\u202c" in topic
    provider = (out / "providers/port-example/index.html").read_text(encoding="utf-8")
    assert "Port News" in provider and "Harbour news." in provider


# --- accounts ------------------------------------------------------------------------------------------------

def test_an_account_escaped_or_not_is_one_provider_and_records_match_by_account(tmp_path, capsys):
    """`youtube.com/%40acme` and `youtube.com/@acme` were two providers; and a `providers:` record could only
    be a domain's, so on youtube.com it named no channel (or, keyed by the host, would have named them all).
    A record with `account` is that account's alone; one with the host's domain is the host's own items'."""
    config = CONFIG + ("providers:\n  - account: https://www.youtube.com/@acme\n    name: Acme Official\n"
                       "    description: Acme's channel.\n  - domain: youtube.com\n    name: YouTube itself\n")
    def item(n: int, account: str | None) -> str:
        lines = ["provider:", "  name: Some channel", "  domain: youtube.com"]
        return front(f"title: Video {n}", DATE, *lines, *([f"  account: {account}"] if account else []))
    files = {"a.md": item(1, "https://www.youtube.com/%40acme"), "b.md": item(2, "https://m.youtube.com/@acme/"),
             "c.md": item(3, "https://www.youtube.com/@other"), "d.md": item(4, None)}
    out, news, said = build(tmp_path, files, capsys, config)
    assert {name: news[name]["provider"]["name"] for name in "abcd"} == {
        "a": "Acme Official", "b": "Acme Official", "c": "Some channel", "d": "YouTube itself"}
    names = provider_names(out)
    assert sorted(names.values()) == ["Acme Official", "Some channel", "YouTube itself"], names
    acme = next(slug for slug, name in names.items() if name == "Acme Official")
    listed = (out / "providers" / acme / "index.html").read_text(encoding="utf-8")
    assert "Video 1" in listed and "Video 2" in listed and "Acme&#39;s channel." in listed
    assert len(names) == 3, names


# --- a provider's name ------------------------------------------------------------------------------------

def test_a_providers_name_is_the_one_most_of_its_items_give(tmp_path, capsys):
    """The newest item's name was the provider's on every page: one misspelt crawl renamed it site-wide. The
    name most items give is shown; of names as many give, the newest item's."""
    def item(day: int, name: str) -> str:
        return front(f"title: Story {day}", f"publishedDateTime: 2025-11-{day:02}T10:00:00Z", "provider:",
                     f"  name: {name}", "  domain: port.example")
    files = {f"s{day}.md": item(day, "Port News") for day in (1, 2, 3)}
    files["s9.md"] = item(9, "Prot Nwes")  # (the newest)
    out, news, said = build(tmp_path / "most", files, capsys)
    assert provider_names(out) == {"port-example": "Port News"}
    assert "Port News · " in (out / "providers/port-example/feed.rss").read_text(encoding="utf-8")
    files = {"s1.md": item(1, "Old Name"), "s2.md": item(2, "New Name")}
    out, _, _ = build(tmp_path / "tie", files, capsys)
    assert provider_names(out) == {"port-example": "New Name"}


def test_serve_saving_an_item_that_changes_its_providers_usual_name_gives_what_a_full_build_gives(tmp_path):
    """An older item's edit can change the name most of a provider's items give (not its newest item's):
    serve's quick re-index must show the name a full build shows."""
    from conftest import make_site, serving
    from generator.config import load_config

    def item(day: int, name: str) -> str:
        return front(f"title: Story {day}", f"publishedDateTime: 2025-11-{day:02}T10:00:00Z", "provider:",
                     f"  name: {name}", "  domain: port.example")
    root = make_site(tmp_path / "site", {"content/s1.md": item(1, "Port News"), "content/s2.md": item(2, "Port News"),
                                         "content/s3.md": item(3, "Prot Nwes")}, CONFIG)
    save = serving(root, load_config(root / "config.yaml"), tmp_path / "scratch")
    (root / "content/s1.md").write_text(item(1, "Prot Nwes"), encoding="utf-8")
    served = save(root / "content/s1.md", "renamed")
    assert '<h1 class="provider-title">Prot Nwes</h1>' in served["providers/port-example/index.html"].decode()


def test_a_providers_record_whose_account_names_no_page_is_an_error_at_its_line(tmp_path, capsys):
    """A record's `account` that is no page of its domain would be no one's record, without a word."""
    from conftest import make_site

    config = CONFIG + ("providers:\n  - account: javascript:alert(1)\n    name: A\n"
                       "  - domain: youtube.com\n    account: https://other.example/@acme\n    name: B\n"
                       "  - account: https://m.youtube.com/@fine\n    name: C\n")
    site = make_site(tmp_path / "site", {"content/a.md": front("title: A", DATE)}, config)
    assert main(["build", "--config", str(site / "config.yaml")]) != 0
    said = capsys.readouterr()
    said = said.out + said.err
    assert ("config.yaml:8: `providers[0].account` is not the address of an account's page: 'javascript:alert(1)' "
            "(write the address of the account's own page, such as https://www.youtube.com/@acme)") in said, said
    assert "config.yaml:11: `providers[1].account` is not the address of an account's page on youtube.com" in said
    assert "providers[2]" not in said
