"""An item dated by its day alone (`publishedDateTime: 2026-12-07`, `7 dicembre 2026`, a feed's `Mon, 07 Dec
2026`) shows that day and no time made up: its page's byline, its cards, `<time datetime>`, JSON-LD and the search
records say the day; feeds and the API, which need a moment, keep the start of that day in the site's zone, as
ranking and sorting do. (The reader's browser counts such a day in calendar days: tests/test_yesterday.py.)"""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import format_datetime

import pytest

from conftest import api_news, build_site, feed_site, fetched, item, make_site
from feed_server import FeedServer, Route
from generator.cli import main
from generator.plan.search_files import SEARCH_FOLDER

NOW = "2026-12-07T20:00:00Z"


def _site(tmp_path, language: str, zone: str, day: str):
    """A site in `language` and `zone` with three items: one dated by `day` alone, one at 00:00 of that day written
    with its time, one at 22:00 the day before (the site's zone): built."""
    related = ('[{title: Other take, webUrl: "https://other.example/a", publishedDateTime: 2026-12-05, '
               'provider: {name: Other}}]')
    files = {"content/day.md": item("Harbour festival", day, related=related),
             "content/midnight.md": item("Night ferry", "2026-12-07T00:00:00"),
             "content/evening.md": item("Evening market", "2026-12-06T22:00:00")}
    config = (f"title: Days\nbase_url: https://example.org/\nlanguage: {language}\ntimezone: {zone}\n"
              f"now: \"{NOW}\"\nstories:\n  enabled: false\n")
    config, result = build_site(make_site(tmp_path / language, files, config))
    assert not result.site.problems
    return config


def _news(config) -> dict[str, dict]:
    """The API's news entries by their title."""
    return {entry["title"]: entry for entry in api_news(config).values()}


def _page(config, title: str) -> str:
    return (config.output_path / _news(config)[title]["path"] / "index.html").read_text(encoding="utf-8")


def _search_docs(config) -> dict[str, dict]:
    folder = config.output_path / SEARCH_FOLDER
    meta = json.loads((folder / "meta.json").read_bytes())
    docs = [doc for n in range(-(-meta["docs"] // meta["chunk"]))
            for doc in json.loads((folder / f"docs/{n}.json").read_bytes())]
    assert docs
    return {doc[1]: dict(zip(meta["fields"], doc)) for doc in docs}


# language, zone, the day as written, the day's start in UTC (feeds, API), the byline's day, a card's, and the
# byline of the item written at 00:00 with its time
SITES = [
    ("en", "America/New_York", "2026-12-07", "2026-12-07T05:00:00Z", "7 December 2026", "7 Dec 2026",
     "7 December 2026, 00:00"),
    ("it", "Europe/Rome", "7 dicembre 2026", "2026-12-06T23:00:00Z", "7 dicembre 2026", "7 dic 2026",
     "7 dicembre 2026, 00:00"),
]
IDS = ["en-New_York", "it-Rome"]


@pytest.mark.parametrize("language, zone, day, start, long, short, midnight", SITES, ids=IDS)
def test_a_day_alone_shows_the_day_where_a_person_reads_it(tmp_path, language, zone, day, start, long, short,
                                                            midnight):
    config = _site(tmp_path, language, zone, day)
    page = _page(config, "Harbour festival")
    # the byline: the day, in the page's words, and an HTML date with no time
    assert re.search(rf'<time datetime="2026-12-07"[^>]*>{long}</time>', page), page
    assert "00:00" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert '<meta property="article:published_time" content="2026-12-07">' in page
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(ld)["datePublished"] == "2026-12-07"
    # its related coverage, dated by its day alone too
    assert re.search(r'<time class="ago" datetime="2026-12-05"[^>]*>5 ', page)
    # its card on Latest: the short day, a date the reader's browser counts in days
    latest = (config.output_path / "latest/index.html").read_text(encoding="utf-8")
    assert '<time class="ago" datetime="2026-12-07"' in latest
    assert re.search(rf'datetime="2026-12-07"[^>]*>{short}</time>', latest)
    # an item written at 00:00 with its time keeps it
    ferry = _page(config, "Night ferry")
    assert re.search(rf'<time datetime="2026-12-07T00:00:00[+-][0-9:]+"[^>]*>{midnight}</time>', ferry), ferry
    # search results: the day, as the card writes it
    docs = _search_docs(config)
    assert docs["Harbour festival"]["published"] == "2026-12-07"
    assert docs["Harbour festival"]["date"] == short
    assert docs["Night ferry"]["published"].startswith("2026-12-07T00:00:00")


@pytest.mark.parametrize("language, zone, day, start, long, short, midnight", SITES, ids=IDS)
def test_a_day_alone_is_the_start_of_that_day_for_feeds_the_api_and_sorting(tmp_path, language, zone, day, start,
                                                                             long, short, midnight):
    config = _site(tmp_path, language, zone, day)
    news = _news(config)
    harbour, ferry = news["Harbour festival"], news["Night ferry"]
    assert harbour["publishedDateTime"] == start and harbour["dateOnly"] is True
    assert ferry["publishedDateTime"] == start and "dateOnly" not in ferry
    # newest first: the day's start is after the evening before (and ties with the item written at 00:00)
    titles = [entry["title"] for entry in json.loads(
        (config.output_path / "api/news/index.json").read_text(encoding="utf-8"))["news"]]
    assert titles.index("Harbour festival") < titles.index("Evening market")
    assert titles.index("Night ferry") < titles.index("Evening market")
    atom = (config.output_path / "feeds/latest.xml").read_text(encoding="utf-8")
    entry = atom.split("<title>Harbour festival</title>", 1)[1].split("</entry>", 1)[0]
    assert f"<published>{start}</published>" in entry
    rss = (config.output_path / "feeds/latest.rss").read_text(encoding="utf-8")
    entry = rss.split("<title>Harbour festival</title>", 1)[1].split("</item>", 1)[0]
    assert f"<pubDate>{format_datetime(datetime.fromisoformat(start.replace('Z', '+00:00')), usegmt=True)}</pubDate>" \
        in entry


def test_a_fetched_feeds_day_alone_is_shown_as_that_day(tmp_path, capsys):
    """A feed's entry dated by its day (RSS `Mon, 07 Dec 2026`, Atom's `2026-12-07`, an Italian `7 dicembre 2026`)
    is written as that day in its item's file, which the build shows as the day: no 00:00, and no "23:00 the day
    before" of the day's start in UTC."""
    rss = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed</title>'
           '<link>https://site.example/</link>'
           '<item><title>Sagra del tartufo</title><link>https://site.example/1</link>'
           '<pubDate>Mon, 07 Dec 2026</pubDate></item>'
           '<item><title>Mercatino</title><link>https://site.example/2</link>'
           '<pubDate>7 dicembre 2026</pubDate></item>'
           '<item><title>Bilancio</title><link>https://site.example/3</link>'
           '<pubDate>Mon, 07 Dec 2026 10:00:00 +0100</pubDate></item></channel></rss>').encode()
    atom = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            '<id>a</id><link href="https://atom.example/"/><entry><id>a1</id><title>Concerto</title>'
            '<link href="https://atom.example/1"/><published>2026-12-07</published></entry></feed>').encode()
    with FeedServer() as server:
        server.routes.update({"/it.rss": Route(rss), "/a.atom": Route(atom, content_type="application/atom+xml")})
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/it.rss')}\n  - url: {server.url('/a.atom')}\n",
                         settings="language: it\ntimezone: Europe/Rome\n")
        # (the feed's day is the fetch's: its `now`, at 20:00 that day, not before it)
        (site / "config.yaml").write_text((site / "config.yaml").read_text().replace("2026-11-22T12:00:00Z", NOW))
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert {title: found[title]["publishedDateTime"] for title in ("Sagra del tartufo", "Mercatino", "Concerto",
                                                                   "Bilancio")} == {
        "Sagra del tartufo": "2026-12-07", "Mercatino": "2026-12-07", "Concerto": "2026-12-07",
        "Bilancio": "2026-12-07T09:00:00Z"}
    config, result = build_site(site)
    assert not result.site.problems
    bylines = {}
    for entry in _news(config).values():
        page = (config.output_path / entry["path"] / "index.html").read_text(encoding="utf-8")
        bylines[entry["title"]] = re.search(r'<time datetime="([^"]+)"[^>]*>([^<]+)</time>', page).groups()
    assert bylines["Sagra del tartufo"] == bylines["Mercatino"] == bylines["Concerto"] \
        == ("2026-12-07", "7 dicembre 2026")
    assert bylines["Bilancio"] == ("2026-12-07T10:00:00+01:00", "7 dicembre 2026, 10:00")


def test_a_theme_tells_a_day_alone_by_the_day_test(tmp_path):
    """A theme's own format with a time (`%H:%M`) would show 00:00 of a day alone: `is day` tells it apart."""
    files = {"content/day.md": item("Harbour festival", "2026-12-07"),
             "content/midnight.md": item("Night ferry", "2026-12-07T00:00:00Z"),
             "themes/default/templates/partials/header_tools.html":
                 "{% if item is defined %}<p class=when>{{ item.published|date('%d.%m. %H:%M')"
                 " if item.published is not day else item.published|date('%d.%m.') }}</p>{% endif %}\n"}
    config, result = build_site(make_site(tmp_path / "site", files, f"title: T\nbase_url: https://example.org/\n"
                                                                     f"now: \"{NOW}\"\n"))
    assert not result.site.problems
    said = {title: re.search(r"<p class=when>([^<]*)</p>", _page(config, title))[1]
            for title in ("Harbour festival", "Night ferry")}
    assert said == {"Harbour festival": "07.12.", "Night ferry": "07.12. 00:00"}
