"""A source's language, which its dates of numbers are read by (`03/11/2026`: 3 November in French, unread in
American English): config.yaml's `sources[].language`, else the language the feed says it is in (RSS's
`<language>`, Atom's `xml:lang`, JSON Feed's `language`; an OPML outline's `language`), else the site's; and an
entry's own language, else its feed's, as its item's `language` when it is not the site's."""

from __future__ import annotations

import json
import re

import pytest
from conftest import feed_site, fetch_said, fetched, fetched_dates, item
from feed_server import FeedServer, Route
from generator.cli import main

FIRST_FETCHED = "2026-11-22T12:00:00Z"  # (feed_site's now: the date of an entry whose date is not read)


def rss(title: str, written: str, language: str = "") -> bytes:
    """A feed of one entry, `title`, dated `written`, that says it is in `language` (if any)."""
    said = f"<language>{language}</language>" if language else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{title} feed</title>'
            f'<link>https://{title.lower()}.example/</link>{said}<item><title>{title}</title>'
            f'<link>https://{title.lower()}.example/1</link><pubDate>{written}</pubDate></item></channel></rss>').encode()


def atom(title: str, written: str, language: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">'
            f'<title>{title} feed</title><id>urn:{title}</id><link href="https://{title.lower()}.example/"/>'
            f'<entry><title>{title}</title><id>urn:{title}:1</id><link href="https://{title.lower()}.example/1"/>'
            f'<updated>{written}</updated></entry></feed>').encode()


def json_feed(title: str, written: str, language: str) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": f"{title} feed", "language": language,
                       "items": [{"id": "1", "url": f"https://{title.lower()}.example/1", "title": title,
                                  "date_published": written}]}).encode()


@pytest.mark.slow
def test_each_feed_s_dates_are_read_by_its_own_language(tmp_path, capsys):
    """A British site aggregating a French, a Spanish, an American and a British feed, each writing `03/11/2026`:
    the French, Spanish and British ones mean 3 November, the American one March 11. Before, every feed's dates
    were read by the site's language alone."""
    written = "03/11/2026 10:00"
    found, said = fetched_dates(tmp_path / "site", capsys, {
        "/fr.rss": (rss("Paris", written, "fr-FR"), ""),  # RSS's <language>
        "/es.atom": (atom("Madrid", written, "es"), ""),  # Atom's xml:lang
        "/uk.json": (json_feed("London", written, "en"), ""),  # `en` alone: the site's en-GB says more
        "/us.rss": (rss("Boston", written, "en-US"), ""),
        "/told.rss": (rss("Lyon", written), "    language: fr\n"),  # says nothing: the source says
        "/wrong.rss": (rss("Nice", written, "en-US"), "    language: fr_FR\n"),  # the source wins over the feed
    }, "language: en-GB\n")
    third_of_november = "2026-11-03T10:00:00Z"
    assert found == {"Paris": third_of_november, "Madrid": third_of_november, "London": third_of_november,
                     "Boston": "2026-03-11T10:00:00Z", "Lyon": third_of_november, "Nice": third_of_november}, said
    assert "either order" not in said, said


@pytest.mark.slow
def test_a_feed_said_to_be_american_is_read_month_first_and_a_bare_en_one_is_not(tmp_path, capsys):
    """`11/03/2026` is 3 November in a feed that says it is in en-US (or en-PH, or whose source says so), 11 March
    in an en-GB one, and no date in one that says `en` alone (English is written both ways round) or nothing on an
    en-US site (the site's language says what its pages are in, not its feeds): those are dated when first
    fetched, and named."""
    written = "11/03/2026 10:00"
    feeds = {
        "/us.rss": (rss("Boston", written, "en-US"), ""),  # RSS's <language>
        "/ph.atom": (atom("Manila", written, "en-PH"), ""),  # Atom's xml:lang
        "/us.json": (json_feed("Denver", "11/03/2026", "en-US"), ""),  # a day alone, in a JSON Feed
        "/told.rss": (rss("Austin", written), "    language: en_US\n"),  # says nothing: the source says
        "/uk.rss": (rss("Leeds", written, "en-GB"), ""),
        "/en.rss": (rss("Perth", written, "en"), ""),
        "/none.rss": (rss("Tulsa", written), ""),
    }
    found, said = fetched_dates(tmp_path / "site", capsys, feeds, "language: en-US\n")
    third_of_november = "2026-11-03T10:00:00Z"
    assert found == {"Boston": third_of_november, "Manila": third_of_november, "Denver": "2026-11-03",
                     "Austin": third_of_november, "Leeds": "2026-03-11T10:00:00Z", "Perth": FIRST_FETCHED,
                     "Tulsa": FIRST_FETCHED}, said
    for path, title in (("/en.rss", "Perth"), ("/none.rss", "Tulsa")):
        assert (f"{path}: 1 entry with a date whose day and month are both numbers, which writers put in either "
                f"order: “{title}”: '11/03/2026 10:00': dated when first fetched instead, as the site's `language` "
                "(en-US) does not write such a date day first. If this feed does, give its source the language it "
                "is in, `language: fr` (es, en-GB...; `en-US` if it writes the month first), in config.yaml") in said
    assert said.count("either order") == 2, said


@pytest.mark.slow
def test_a_day_past_twelve_first_in_an_american_feed_is_no_date_not_read_the_other_way_round(tmp_path, capsys):
    """`25/12/2026` in a feed that says it is in en-US has no 25th month: it is dated when first fetched, and the
    note says that the feed may write the day first (its `12/03/2026` then read the wrong way round too), rather
    than reading it as 25 December quietly. A date with dashes (`11-03-2026`) is no such date either."""
    feeds = {"/us.rss": (rss("Boston", "25/12/2026 10:00", "en-US"), ""),
             "/dashed.rss": (rss("Dallas", "11-03-2026 10:00", "en-US"), "")}
    found, said = fetched_dates(tmp_path / "site", capsys, feeds, "language: en-GB\n")
    assert found == {"Boston": FIRST_FETCHED, "Dallas": FIRST_FETCHED}, said
    for path, title, written in (("/us.rss", "Boston", "25/12/2026 10:00"),
                                 ("/dashed.rss", "Dallas", "11-03-2026 10:00")):
        assert (f"{path}: 1 entry with a date whose day and month are both numbers, which writers put in either "
                f"order: “{title}”: '{written}': dated when first fetched instead, as the language the feed says it "
                "is in (en-US) writes the month first with slashes, and these are no such date (no month has the "
                "first number, or dashes part them). If this feed writes the day first, its other such dates were "
                "read the wrong way round: give its source the language it is in, `language: en-GB` (fr, es...), "
                "in config.yaml") in said, said


@pytest.mark.slow
def test_a_feed_without_a_language_is_read_by_the_site_s_and_giving_one_reads_it_again(tmp_path, capsys):
    """An English site's feed without a language: its `03/11/2026` is no date (the note says whose language was
    asked, and what to write); once its source says `language: fr`, the next fetch reads the whole feed again
    and dates the item 3 November, though the feed has not changed."""
    with FeedServer() as server:
        server.routes["/fr.rss"] = Route(rss("Paris", "03/11/2026 10:00"), etag='"same"')
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/fr.rss')}\n", settings="language: en\n")
        code, said = fetch_said(site, capsys)
        assert code == 0, said
        assert fetched(site)["Paris"]["publishedDateTime"] == FIRST_FETCHED
        assert "as the site's `language` (en) does not write such a date day first" in said, said
        config = site / "config.yaml"
        config.write_text(config.read_text() + "    language: fr\n")
        code, said = fetch_said(site, capsys)
        assert code == 0, said
    assert fetched(site)["Paris"]["publishedDateTime"] == "2026-11-03T10:00:00Z", said
    assert "1 updated" in said and "either order" not in said, said


@pytest.mark.parametrize("written, message, hint", [
    ("French", "`sources[1].language` must be a language code such as en or pt-BR, got 'French'",
     "write the code, not the name: French is fr"),
    ("fr_FR.UTF-8", "`sources[1].language` must be a language code such as en or pt-BR, got 'fr_FR.UTF-8'",
     "write the language code: fr-FR"),
    ("jp", "`sources[1].language` 'jp': jp is a country's code, not a language's (ISO 639-1)",
     "write the language's code: ja"),
])
def test_a_source_s_language_that_is_no_language_code_is_an_error_at_its_line(tmp_path, capsys, written, message,
                                                                              hint):
    site = feed_site(tmp_path / "site", "  - https://a.example/feed.xml\n  - url: https://b.example/feed.xml\n"
                                        f"    language: {written}\n")
    lines = (site / "config.yaml").read_text().splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.strip().startswith("language:"))
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"config.yaml:{line}: {message} ({hint})" in err, err


def fetch_site(tmp_path, capsys, routes: dict, settings: str = "language: en\n", opml: str = "") -> tuple[dict, str]:
    """`newsdesk fetch` of these feeds (path -> bytes; a path in `opml` is listed in feeds.opml, as its outline's
    attributes, instead of config.yaml): the items written, by title, and all fetch said; the site, built."""
    with FeedServer() as server:
        for path, body in routes.items():
            server.routes[path] = Route(body, content_type="application/feed+json" if body.startswith(b"{")
                                        else "application/rss+xml")
        sources = "".join(f"  - url: {server.url(path)}\n" for path in routes if path not in opml)
        site = feed_site(tmp_path / "site", sources or "  []\n", settings=settings,
                         fetch="  opml: feeds.opml\n" if opml else "")
        if opml:
            outlines = "".join(f'<outline text="{path}" {attributes} xmlUrl="{server.url(path)}"/>'
                               for path, attributes in json.loads(opml).items())
            (site / "feeds.opml").write_text(f'<?xml version="1.0"?>\n<opml version="2.0"><body>{outlines}</body>'
                                             "</opml>\n", encoding="utf-8")
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    return fetched(site), said


def test_an_entry_in_another_language_than_the_site_s_carries_it_into_its_item(tmp_path, capsys):
    """An English site's feeds: an Atom entry with its own `xml:lang` (on the entry or its title), an RSS item's
    `dc:language`, a JSON Feed 1.1 item's `language`, and every entry of a feed that says it is French. Each item
    is in its entry's language, else its feed's: it says so in `language:` when that is another language than the
    site's, and its card and page mark it. Before, only the feed's language was read, for its dates."""
    atom_feed = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
                 '<title>Mixed</title><id>urn:mixed</id><link href="https://mixed.example/"/>'
                 '<entry xml:lang="fr"><title>Les grues du port</title><id>urn:m:1</id>'
                 '<link href="https://mixed.example/1"/><updated>2026-11-20T10:00:00Z</updated></entry>'
                 '<entry><title xml:lang="de">Die Kräne</title><id>urn:m:2</id><link href="https://mixed.example/2"/>'
                 '<updated>2026-11-20T10:00:00Z</updated></entry>'
                 '<entry><title>Harbour cranes</title><id>urn:m:3</id><link href="https://mixed.example/3"/>'
                 '<updated>2026-11-20T10:00:00Z</updated></entry></feed>').encode()
    rss_feed = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                '<channel><title>Desk</title><link>https://desk.example/</link><language>en-US</language>'
                '<item><title>Las grúas</title><link>https://desk.example/1</link><dc:language>es</dc:language>'
                '<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>'
                '<item><title>American cranes</title><link>https://desk.example/2</link>'
                '<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>'
                '<item><title>Named cranes</title><link>https://desk.example/3</link><dc:language>English'
                '</dc:language><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>').encode()
    french = rss("Actualites", "Fri, 20 Nov 2026 10:00:00 GMT", language="fr")
    json_items = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Json", "language": "en",
                             "items": [{"id": "1", "url": "https://json.example/1", "title": "رافعات الميناء",
                                        "language": "ar", "date_published": "2026-11-20T10:00:00Z"},
                                       {"id": "2", "url": "https://json.example/2", "title": "Json cranes",
                                        "date_published": "2026-11-20T10:00:00Z"}]}).encode()
    found, said = fetch_site(tmp_path, capsys, {"/atom.xml": atom_feed, "/rss.xml": rss_feed, "/fr.xml": french,
                                                "/feed.json": json_items})
    languages = {title: meta.get("language") for title, meta in found.items()}
    assert languages == {"Les grues du port": "fr", "Die Kräne": "de", "Harbour cranes": None, "Las grúas": "es",
                         "American cranes": None, "Named cranes": None, "Actualites": "fr",
                         "رافعات الميناء": "ar", "Json cranes": None}, said
    out = tmp_path / "site" / "output"
    latest = (out / "latest" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="/news/2026/11/20/les-grues-du-port[^"]*" lang="fr">', latest), latest
    assert re.search(r'lang="ar" dir="rtl">رافعات الميناء</a>', latest), latest


def test_an_opml_outline_s_language_is_its_feed_s(tmp_path, capsys):
    """An OPML file's outline says the language of its feed (OPML 2.0's `language`, as feed readers export the
    feed's own `<language>`): a feed listed there alone, which says none itself, is read by it (its dates of
    numbers, and its items' language), as a feed's own is: `unknown` (as readers write for none) or a language
    the site's names more precisely is none."""
    routes = {"/fr.xml": rss("Paris", "03/11/2026 10:00"), "/gb.xml": rss("London", "03/11/2026 10:00"),
              "/unknown.xml": rss("Nowhere", "03/11/2026 10:00")}
    found, said = fetch_site(tmp_path, capsys, routes, opml=json.dumps(
        {"/fr.xml": 'language="fr"', "/gb.xml": 'language="en-GB"', "/unknown.xml": 'language="unknown"'}))
    assert {title: (meta["publishedDateTime"], meta.get("language")) for title, meta in found.items()} == {
        "Paris": ("2026-11-03T10:00:00Z", "fr"), "London": ("2026-11-03T10:00:00Z", None),
        "Nowhere": (FIRST_FETCHED, None)}, said


@pytest.mark.parametrize("site_language, entry_language, marked", [
    ("pt-PT", "pt-BR", "pt-BR"),  # another region of the site's language
    pytest.param("zh-Hans", "zh-Hant", "zh-Hant", marks=pytest.mark.slow),  # another script
    pytest.param("sr", "sr-Latn", "sr-Latn", marks=pytest.mark.slow),  # a script the site's does not name
    pytest.param("en-GB", "en", None, marks=pytest.mark.slow),  # the site's language, less precisely
    pytest.param("en", "en-US", None, marks=pytest.mark.slow),  # a region the site's does not name
    pytest.param("en", "fr", "fr", marks=pytest.mark.slow),
])
def test_fetch_and_the_build_read_an_item_s_language_by_one_rule(tmp_path, capsys, site_language, entry_language,
                                                                   marked):
    """An entry's language, as fetch writes it into its item, and the same language in an item written by hand:
    the pages mark both alike, with the tag fetch wrote (or with none: the site's language). Before, fetch wrote
    a language only when its first subtag was not the site's (a Brazilian entry on a Portuguese site became the
    site's, so did a Traditional Chinese one on a Simplified Chinese site), and the build marked any tag not
    written as the site's (`en` on an `en-GB` site)."""
    feed = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<channel><title>Desk</title><link>https://desk.example/</link>'
            '<item><title>Fetched cranes</title><link>https://desk.example/1</link>'
            f'<dc:language>{entry_language}</dc:language><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>'
            '</channel></rss>').encode()
    with FeedServer() as server:
        server.routes["/rss.xml"] = Route(feed, content_type="application/rss+xml")
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/rss.xml')}\n",
                         settings=f"language: {site_language}\n",
                         files={"content/news/hand.md": item("Written cranes", "2026-11-20T10:00:00Z",
                                                             language=entry_language)})
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    assert fetched(site)["Fetched cranes"].get("language") == marked, said
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    pages = {}
    for page in (site / "output" / "news").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if heading := re.search(r"<h1([^>]*)>(\w+ cranes)</h1>", text):
            article = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)[1])
            pages[heading[2]] = (re.search(r' lang="([^"]*)"', heading[1]) or [None, None])[1], article["inLanguage"]
    assert pages == {title: (marked, marked or site_language) for title in ("Fetched cranes", "Written cranes")}


def test_a_date_of_numbers_is_read_day_first_in_every_language_that_writes_the_day_first(tmp_path, capsys):
    """`07/12/2026` in a Turkish, Polish, German or Russian feed (whose languages write the day first, with dots:
    CLDR's d.MM.y) was no date, dated when first fetched, though no writer of theirs puts the month first; so was
    `07-12-2026` in a Spanish one (d/M/y). The order of CLDR's short date decides, whatever the separator."""
    feeds = {f"/{language}.rss": (rss(title, written, language), "")
             for language, title, written in (("tr", "Ankara", "07/11/2026 09:30"), ("pl", "Kraków", "07/11/2026"),
                                              ("de", "Köln", "07-11-2026 09:30"), ("ru", "Tver", "07/11/2026 09:30"),
                                              ("es", "Cádiz", "07-11-2026 09:30"), ("fr", "Lyon", "07/11/2026 09:30"),
                                              ("ja", "Kobe", "07/11/2026 09:30"))}
    found, said = fetched_dates(tmp_path / "site", capsys, feeds, "language: en\n")
    seventh = "2026-11-07T09:30:00Z"  # (as the site is in UTC)
    assert found == {"Ankara": seventh, "Kraków": "2026-11-07", "Köln": seventh, "Tver": seventh, "Cádiz": seventh,
                     "Lyon": seventh, "Kobe": FIRST_FETCHED}, said  # (Japanese writes the year first)
