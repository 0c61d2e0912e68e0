"""`newsdesk fetch` of hostile and malformed feeds and OPML files: references to no character, broken hosts,
script addresses, numbers no type holds, impossible dates, names that could drive the terminal, a feed slow to
read, entries that try to choose where fetch writes. Each test serves what a feed can send and checks the item
files fetch writes and what it says."""

from __future__ import annotations

import json
import threading
import yaml
from datetime import timezone
from pathlib import Path

import pytest

from conftest import BIG, FEED, build_site, cpu_seconds, feed_site, fetch_site, fetched, make_site, run_fetch
from feed_server import FeedServer, Route
from generator.cli import main
from generator.fetch.workers import Parsers


def fetched_titles(site: Path) -> list[str]:
    files = sorted((site / "content" / "fetched").rglob("*.md"))
    return sorted(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["title"] for path in files)


RSS_NO_CHARACTER = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title><link>https://feed.example/</link>
<item><title>Half &#xD800; a pair</title><link>https://feed.example/1</link></item>
<item><title>Past &#x110000; the end, &#1114112; and &#99999999999; too</title><link>https://feed.example/2</link></item>
<item><title>Plain</title><link>https://feed.example/3</link><description>x &#xDC00; y</description></item>
</channel></rss>"""


JSON_LONE_SURROGATES = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Feed \ud800",
    "items": [{"id": "1", "url": "https://json.example/1", "title": "Lone \ud800 high", "content_html": "<p>\udc00</p>"},
              {"id": "2", "url": "https://json.example/2", "title": "Pair \U0001F600 kept"},
              {"id": "3", "url": "https://json.example/3", "title": "Plain"}],
}).encode("ascii")  # (json.dumps escapes them: "\\ud800", as JSON writers do)


def test_feeds_with_references_to_no_character_are_fetched_whole(tmp_path, server, capsys):
    """`&#xD800;` or `&#x110000;` in one entry of an RSS feed, or a `"\\ud800"` escape in a JSON Feed, made
    the whole feed unreadable (feedparser fails on it) or stopped fetch with a traceback (no UTF-8 file can
    hold a lone surrogate). They are U+FFFD now, as a browser shows them, and every entry is kept."""
    server.routes["/rss.xml"] = Route(RSS_NO_CHARACTER)
    server.routes["/feed.json"] = Route(JSON_LONE_SURROGATES, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/rss.xml", "/feed.json"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "0 failed" in out and "6 new" in out, out
    assert fetched_titles(site) == ["Half \ufffd a pair", "Lone \ufffd high", "Pair \U0001F600 kept",
                                    "Past \ufffd the end, \ufffd and \ufffd too", "Plain", "Plain"]
    config, result = build_site(site)
    assert not result.site.problems and result.items == 6


RSS_BROKEN_HOSTS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed</title><link>https://feed.example/</link>
<item><title>Broken link</title><link>//[::1/x</link><guid>g1</guid></item>
<item><title>Broken picture</title><link>https://feed.example/2</link><enclosure url="//a]b/x.jpg" type="image/jpeg"/></item>
<item><title>Plain</title><link>https://feed.example/3</link></item>
</channel></rss>"""


def test_an_entry_address_with_a_broken_host_costs_only_that_address(tmp_path, server, capsys):
    """An entry's link or enclosure `//[::1/x` (a broken IPv6 host) made urljoin raise, and fetch failed the
    whole source: "cannot read the feed: ValueError: Invalid IPv6 URL", none of its entries written. Such an
    address is no address now; every entry is fetched."""
    server.routes["/rss.xml"] = Route(RSS_BROKEN_HOSTS)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0 and "3 new" in out and "0 failed" in out, out + err
    assert fetched_titles(site) == ["Broken link", "Broken picture", "Plain"]


PICKY_ENTRIES = [  # (guid, link, title)
    ("../../../../config.yaml", "https://feed.example/a", "../../config"),
    ("/etc/passwd", "https://feed.example/..%2f..%2fb", "..\\..\\windows\\b"),
    ("CON", "https://feed.example/c", "CON"),
    ("c2", "https://feed.example/c2", "con"),
    ("%2e%2e%2fd", "https://feed.example/d", "%2e%2e/%2e%2e/d"),
    ("e", "https://feed.example/e", "x" * 400),
    ("f", "https://feed.example/f", ".hidden"),
    ("g", "https://feed.example/g", "Caf\u00e9"),
    ("h", "https://feed.example/h", "Cafe\u0301"),
    ("i", "https://feed.example/i", "Case"),
    ("j", "https://feed.example/j", "case"),
]


def test_feed_entries_cannot_choose_where_fetch_writes_them(tmp_path, server, capsys):
    """guids, links and titles with `../`, `\\`, `%2e%2e`, Windows device names, 400 characters, names that
    differ by case or Unicode normalisation: each entry is one file in the source's folder, none overwrites
    another or anything else, and a second fetch finds each again (writes nothing)."""
    from xml.sax.saxutils import escape

    entries = "".join(f"<item><guid isPermaLink=\"false\">{escape(guid)}</guid><link>{escape(link)}</link>"
                      f"<title>{escape(title)}</title></item>" for guid, link, title in PICKY_ENTRIES)
    server.routes["/picky.xml"] = Route(f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Picky"
                                        f"</title>{entries}</channel></rss>".encode("utf-8"))
    site = fetch_site(tmp_path / "site", server, ["/picky.xml"])
    before = {p for p in site.rglob("*") if p.is_file()}
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    assert f"{len(PICKY_ENTRIES)} new" in capsys.readouterr().out
    written = {p for p in site.rglob("*") if p.is_file()} - before
    files = [p for p in written if p.suffix == ".md"]
    assert len(files) == len(PICKY_ENTRIES)
    [folder] = (site / "content" / "fetched").iterdir()  # the source's folder (127-0-0-1-<port>)
    for path in files:
        assert path.parent == folder and path.name.isascii() and len(path.name) < 80, path
        assert not path.name.startswith(".") and path.stem.split("-")[0].lower() not in ("con", "nul", "prn", "aux")
    assert len({p.name.lower() for p in files}) == len(files)
    assert sorted(fetched_titles(site)) == sorted(title for _, _, title in PICKY_ENTRIES)
    assert (site / "config.yaml").read_text(encoding="utf-8").startswith("title: Fetched News")
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    assert f"0 new, 0 updated, {len(PICKY_ENTRIES)} unchanged" in capsys.readouterr().out


def fetch_topics_site(root: Path, server: FeedServer, paths, extra: str = "") -> Path:
    return feed_site(root, "".join(f"  - {server.url(path)}\n" for path in paths), "topics: [AI, Science]\n", extra)


BAD_DATES_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Dates</title><link>https://dates.example/</link>
<item><title>Year one</title><link>https://dates.example/1</link><pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate></item>
<item><title>Epoch</title><link>https://dates.example/2</link><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>
<item><title>Zeros</title><link>https://dates.example/3</link><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">0000-00-00T00:00:00Z</dc:date></item>
<item><title>Gibberish</title><link>https://dates.example/4</link><pubDate>Mon, 99 Xyz 2021 99:99:99 GMT</pubDate></item>
<item><title>Good</title><link>https://dates.example/5</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate><category>AI</category></item>
</channel></rss>"""


BAD_DATES_JSON = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Json", "home_page_url": "https://json.example/",
    "items": [
        {"id": "1", "url": "https://json.example/1", "title": "End of time", "date_published": "9999-12-31T23:59:59-05:00"},
        {"id": "2", "url": "https://json.example/2", "title": "Before the epoch", "date_published": "1969-12-31T00:00:00Z"},
        {"id": "3", "url": "https://json.example/3", "title": "A number", "date_published": 12345, "tags": 5},
        {"id": "4", "url": "https://json.example/4", "title": "One tag", "tags": "Science",
         "date_published": "2026-11-20T10:00:00Z"},
        {"id": "5", "url": "https://json.example/5", "title": "Odd tags", "tags": ["AI", 1, None, {"x": 1}, ["y"]]},
        {"id": "6", "url": "https://json.example/6", "title": "Tag map", "tags": {"AI": 1}},
    ]}).encode()


def test_entries_with_unusable_dates_or_odd_tags_keep_their_feed(tmp_path, server, capsys):
    """One entry dated before 1970, past 9999 once in UTC, `0000-00-00` or gibberish, or tagged with a plain
    string or a number, made fetch drop its whole feed ("cannot read the feed: ValueError") or write a date
    the build rejects. Such a date is no date now (the entry is dated when fetched); a plain-string tag is one
    tag; every other entry is kept."""
    server.routes["/rss.xml"] = Route(BAD_DATES_RSS)
    server.routes["/feed.json"] = Route(BAD_DATES_JSON, content_type="application/feed+json")
    site = fetch_topics_site(tmp_path / "site", server, ["/rss.xml", "/feed.json"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "0 failed" in out and "11 new" in out, out + err
    items = fetched(site)
    assert len(items) == 11
    for title in ("Year one", "Epoch", "Zeros", "Gibberish", "End of time", "Before the epoch", "A number"):
        assert str(items[title]["publishedDateTime"]).startswith("20"), (title, items[title])
    assert items["Good"]["publishedDateTime"] == "2026-11-20T10:00:00Z"
    assert items["Good"]["topics"] == ["AI"]
    assert items["One tag"]["topics"] == ["Science"]  # not "S", "c", "i"... one letter each
    assert items["Odd tags"]["topics"] == ["AI"]
    assert items["Tag map"].get("topics") is None
    assert "topics" not in items["A number"]
    config, result = build_site(site)
    assert not result.site.problems, result.site.problems
    assert result.items == 11


def test_an_opml_file_nested_thousands_deep_is_read(tmp_path, server, capsys):
    """Feed readers export folders as nested outlines; a file nested 5,000 deep stopped fetch with a
    RecursionError traceback. It is read like any other: the feed at the bottom is fetched, with the topics
    of the declared folders above it."""
    server.routes["/rss.xml"] = Route(BAD_DATES_RSS)
    depth = 5000
    opml = ('<?xml version="1.0"?><opml version="2.0"><head><title>Deep</title></head><body>'
            '<outline text="Science">' + '<outline text="folder">' * depth
            + f'<outline text="Deep feed" type="rss" xmlUrl="{server.url("/rss.xml")}"/>'
            + "</outline>" * depth + "</outline></body></opml>")
    site = fetch_topics_site(tmp_path / "site", server, [], extra="  opml: feeds.opml\n")
    (site / "config.yaml").write_text((site / "config.yaml").read_text(encoding="utf-8").replace("sources:\n", ""),
                                      encoding="utf-8")
    (site / "feeds.opml").write_text(opml, encoding="utf-8")
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.startswith("1 source, 5 new"), out + err
    items = fetched(site)
    assert {meta["provider"]["name"] for meta in items.values()} == {"Deep feed"}
    assert all(meta["topics"][0] == "Science" for meta in items.values())


@pytest.mark.slow
def test_an_opml_file_of_tens_of_thousands_of_feeds_is_read_quickly_with_lines(tmp_path):
    """Each outline's line was found by searching the whole file again: 40,000 outlines (2.5 MB, within the
    4 MB allowed) took half a minute before fetch asked for a single feed. One pass now."""
    from generator.config.load import load_config
    from generator.fetch.sources import read_sources

    count = 40_000
    site = make_site(tmp_path / "site", {}, "title: x\nbase_url: https://example.org/\nfetch:\n  opml: feeds.opml\n")
    (site / "feeds.opml").write_text(
        '<?xml version="1.0"?>\n<opml version="2.0"><body>\n'
        + "".join(f'<outline text="Feed {n}" xmlUrl="https://feeds.example/{n}?a=1&amp;b=2"/>\n' for n in range(count))
        + "<outline text='Last' xmlUrl = 'https://feeds.example/&quot;last&quot;'/>\n</body></opml>\n", encoding="utf-8")
    started = cpu_seconds()
    sources = read_sources(load_config(site / "config.yaml"))
    assert cpu_seconds() - started < 10
    assert len(sources) == count + 1
    assert (sources[0].url, sources[0].line) == ("https://feeds.example/0?a=1&b=2", 3)
    assert (sources[-2].label, sources[-1].label) == (
        f"feeds.opml:{count + 2}: Feed {count - 1} (https://feeds.example/{count - 1}?a=1&b=2)",
        f'feeds.opml:{count + 3}: Last (https://feeds.example/"last")')


def test_nan_in_a_json_feed_is_no_text(tmp_path, server, capsys):
    """Python's JSON reader takes NaN and Infinity: a feed titled NaN named its provider "nan", and two
    entries with the id NaN were one."""
    body = b'{"version": "https://jsonfeed.org/version/1.1", "title": NaN, "home_page_url": "https://nan.example/",' \
           b' "items": [{"id": NaN, "url": "https://nan.example/1", "title": "One", "tags": [NaN, "AI"]},' \
           b' {"id": NaN, "url": "https://nan.example/2", "title": Infinity, "summary": "Two"}]}'
    server.routes["/feed.json"] = Route(body, content_type="application/feed+json")
    site = fetch_topics_site(tmp_path / "site", server, ["/feed.json"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0 and "2 new" in out, out + err
    items = fetched(site)
    assert sorted(items) == ["One", "Two"]
    assert {meta["provider"]["name"] for meta in items.values()} == {"nan.example"}
    assert items["One"]["topics"] == ["AI"]


def test_fetch_messages_quoting_an_opml_name_cannot_drive_the_terminal(tmp_path, server, capsys):
    """An OPML file (a feed reader's export, names taken from the feeds) may name a feed with a C1 control
    (U+009B is CSI to a terminal, as ESC [ is) or a direction override; fetch printed it as it was in each
    note and failure about the source. It is escaped as in every other message."""
    site = fetch_topics_site(tmp_path / "site", server, [], extra="  opml: feeds.opml\n")
    (site / "config.yaml").write_text((site / "config.yaml").read_text(encoding="utf-8").replace("sources:\n", ""),
                                      encoding="utf-8")
    (site / "feeds.opml").write_text(f'<opml><body><outline text="Evil \u009b2J \u202e name" '
                                     f'xmlUrl="{server.url("/nothing.xml")}"/></body></opml>', encoding="utf-8")
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "failed: feeds.opml:1: Evil \\x9b2J \\u202e name (" in err, err
    assert "\u009b" not in out + err and "\u202e" not in out + err


# `&nbsp;` is no XML entity: feedparser reads this feed with its fallback parser, which leaves character
# references in attributes as written (as broken feeds in the wild are read)
SCRIPT_URLS_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Scripts</title>
<link>https://scripts.example/</link><description>A&nbsp;feed</description>
<item><title>Tabbed</title><link>https://scripts.example/1</link>
<enclosure url="java&#x9;script:alert(1)" type="image/jpeg" length="1"/>
<media:content url="&#x1;&#x20;javascript:alert(1)" medium="image"/>
<enclosure url="java&#x9;script:alert(2)" type="audio/mpeg" length="2048"/>
<source url="jav&#x61;script:alert(3)">Origin</source></item>
<item><title>Spelled</title><link>JaVaScRiPt:alert(1)</link><guid isPermaLink="false">spelled</guid>
<media:thumbnail url="jav&#x61;script:alert(1)"/><enclosure url="/img/kept.jpg" type="image/jpeg" length="1"/></item>
</channel></rss>"""


SCRIPT_URLS_JSON = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Json", "home_page_url": "java&#x9;script:alert(1)",
    "items": [{"id": "1", "url": "\u0001 JaVa\nScRiPt:alert(1)", "title": "Json one",
               "image": "java&#x9;script:alert(1)", "banner_image": "data:image/png;base64,AAAA",
               "attachments": [{"url": "java&#x9;script:alert(2)", "mime_type": "audio/mpeg"}]},
              {"id": "2", "url": "/2", "title": "Json two", "image": "https://json.example/kept.png"}]}).encode()


def test_feed_urls_that_browsers_read_as_scripts_are_left_out_and_counted(tmp_path, server, capsys):
    """`java&#x9;script:alert(1)` in an enclosure of a feed with broken XML (whose fallback parser leaves the
    reference as written) or in a JSON Feed's `image` was made a path of the feed's site
    (`https://host/java&#x9;script:alert(1)`): a broken picture on every page showing the entry, and
    `javascript:` to anything that decodes the reference once, as the build does a URL's. Every feed URL is
    read as a browser reads it now (controls and spaces around it stripped, tabs and line breaks removed);
    one with another scheme is left out and counted in a note; the entries and their other addresses are
    kept."""
    server.routes["/rss.xml"] = Route(SCRIPT_URLS_RSS)
    server.routes["/feed.json"] = Route(SCRIPT_URLS_JSON, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/rss.xml", "/feed.json"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "4 new" in out and "0 failed" in out, out + err
    notes = [line for line in err.splitlines() if "no http or https URL" in line]
    assert len(notes) == 2, err
    assert notes[0] == (f"note: config.yaml:8: {server.url('/rss.xml')}: 6 addresses of links or pictures that are "
                        f"no http or https URL (javascript:, data:...): left out (in “Tabbed”, “Spelled”)")
    assert notes[1].startswith(f"note: config.yaml:9: {server.url('/feed.json')}: 5 addresses of"), notes
    items = fetched(site)
    assert sorted(items) == ["Json one", "Json two", "Spelled", "Tabbed"]
    assert "images" not in items["Tabbed"] and "images" not in items["Json one"]
    assert items["Tabbed"]["type"] == items["Json one"]["type"] == "article"  # (no player of a script)
    assert "originalUrl" not in items["Spelled"] and "originalUrl" not in items["Json one"]
    assert items["Spelled"]["images"] == [{"url": server.url("/img/kept.jpg")}]
    assert items["Json two"]["images"] == [{"url": "https://json.example/kept.png"}]
    assert items["Json two"]["originalUrl"] == server.url("/2")
    assert {meta["provider"]["domain"] for meta in items.values()} == {"scripts.example", "127.0.0.1"}
    code = main(["build", "--config", str(site / "config.yaml")])
    capsys.readouterr()
    assert code == 0
    outputs = [path for path in (site / "output").rglob("*") if path.suffix in (".html", ".xml", ".json")]
    assert outputs
    for path in outputs:
        text = path.read_text(encoding="utf-8").lower()
        assert "script:alert" not in text and "script%3aalert" not in text and "data:image" not in text, path


def test_an_opml_outline_with_a_host_no_parser_reads_is_an_error_at_its_line(tmp_path, capsys):
    """An OPML export (names and addresses taken from feeds) with `xmlUrl="http://[::1/rss"` stopped fetch
    with a ValueError traceback, and an outline with another scheme was named without its line. Both are
    errors at their outline's line now, with what to do."""
    site = make_site(tmp_path / "site", {}, "title: T\nbase_url: https://example.org/\nfetch:\n  opml: feeds.opml\n")
    (site / "feeds.opml").write_text('<opml><body>\n<outline text="Ok" xmlUrl="https://ok.example/rss"/>\n'
                                     '<outline text="Bad" xmlUrl="http://[::1/rss"/>\n'
                                     '<outline text="Script" xmlUrl="javascript:alert(1)"/>\n</body></opml>\n',
                                     encoding="utf-8")
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", out + err
    assert err.splitlines() == [
        "feeds.opml:3: outline 'Bad': 'http://[::1/rss' is not an http(s) feed URL (fix or remove the outline, "
        "or export the file from your feed reader again)",
        "feeds.opml:4: outline 'Script': 'javascript:alert(1)' is not an http(s) feed URL (fix or remove the "
        "outline, or export the file from your feed reader again)",
        "2 problems in feeds.opml"]


WRONG_TYPES_JSON = ('{"version": "https://jsonfeed.org/version/1.1", "title": "Json", "home_page_url": "https://json.example/",'
                    ' "items": [{"id": ' + BIG + ', "url": "https://json.example/1", "title": "Huge id"},'
                    ' {"id": "2", "url": "https://json.example/2", "title": "Huge tag", "tags": [' + BIG + ', "AI"]},'
                    ' {"id": "3", "url": "https://json.example/3", "title": "Number attachments", "attachments": 5},'
                    ' {"id": "4", "url": "https://json.example/4", "title": ' + BIG + '},'
                    ' {"id": "5", "url": "https://json.example/5", "title": "Huge duration", "attachments": [{"url":'
                    ' "https://json.example/5.mp3", "mime_type": "audio/mpeg", "duration_in_seconds": ' + BIG + '}]}]}').encode()


def test_huge_numbers_or_a_number_of_attachments_keep_the_json_feed(tmp_path, server, capsys):
    """An id, a tag, a title or an attachment's duration of 10**400 (an integer to JSON, which no float
    holds) or `"attachments": 5`
    made fetch drop the whole feed ("cannot read the feed: OverflowError", "TypeError"). Such a number is
    its digits, as any other; attachments that are no list are none; every entry is kept."""
    server.routes["/feed.json"] = Route(WRONG_TYPES_JSON, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/feed.json"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.startswith("1 source, 5 new, 0 updated, 0 unchanged, 0 failed"), out + err
    items = fetched(site)
    assert sorted(items) == [BIG, "Huge duration", "Huge id", "Huge tag", "Number attachments"]
    assert items["Number attachments"]["type"] == "article"
    assert items["Huge duration"]["type"] == "audio" and "length" not in items["Huge duration"]


@pytest.mark.slow
def test_a_feed_s_enormous_author_is_read_in_time_linear_in_its_length(tmp_path):
    """An entry's author is read without its e-mail addresses, found by fetch's pattern, which was tried from each
    of a name's characters to its end: an author of 40 kB without an `@` took 5 s, one of 200 kB minutes. Now it
    takes time linear in the name's length. Thousands of authors, and names of markup and entities, are read too.
    (feedparser's own search of an RSS author is as slow, and not bounded: see docs/fetch.md.)"""
    from generator.fetch.parse import parse_feed

    long_name = "Z" * 400_000
    many = "".join(f"<author><name>Writer {n}</name></author>" for n in range(3000))
    atom = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Tide</title>'
            '<link rel="alternate" href="https://tide.example/"/>'
            + "".join(f'<entry><id>tag:tide.example,2026:{n}</id><title>T{n}</title><updated>2026-11-20T10:00:00Z'
                      f'</updated><link rel="alternate" href="https://tide.example/{n}"/>{authors}</entry>'
                      for n, authors in enumerate([
                          f"<author><name>{long_name}</name></author>", f"<author><name>{long_name}@</name></author>",
                          many, "<author><name>&lt;script&gt;alert(1)&lt;/script&gt;Bo &amp;amp; Co</name>"
                                "<email>bo@tide.example</email></author>"]))
            + "</feed>").encode()
    started = cpu_seconds()
    entries = parse_feed(atom, "https://tide.example/feed.atom").entries
    assert cpu_seconds() - started < 5
    authors = [entry.author for entry in entries]
    # (compared as booleans: pytest's diff of two 400 kB texts takes a minute)
    assert (authors[0] == long_name, authors[1] == long_name + "@", authors[3]) == (True, True, "Bo & Co")
    assert authors[2].startswith("Writer 0, Writer 1, ") and "Writer 2999" in authors[2]


def slow_feed() -> bytes:
    """feedparser takes minutes over an author's value that is a long run of letters and dots
    (kurtmckee/feedparser#562)."""
    half = "a." * 50_000
    entries = "".join(f"<item><title>Slow {n}</title><link>https://slow.example/{n}</link>"
                      f"<author>a@{half}{half}!</author></item>" for n in range(5))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Slow</title>'
            f"{entries}</channel></rss>").encode()


@pytest.mark.slow
def test_a_feed_slow_to_read_does_not_hold_up_the_feed_after_it():
    """All feeds were read in one child process, one after another: a feed made to be slow held every other
    feed up to `fetch.parse_timeout` (60 s each). Once it has been read for a moment, the next feed gets a
    process of its own: here the good feed is read while the slow one still is."""
    answers: dict[str, tuple] = {}
    with Parsers(600, patience=0.5) as parsers:
        slow = threading.Thread(target=lambda: answers.setdefault(
            "slow", parsers.read(slow_feed(), "https://slow.example/rss", "application/rss+xml", 10 ** 7,
                                 timezone.utc, "en")))
        slow.start()
        good = parsers.read(FEED, "https://f.example/rss", "application/rss+xml", 10 ** 7, timezone.utc, "en")
        assert "slow" not in answers, "the good feed waited for the slow one"
    slow.join()
    feed, problem = good
    assert problem == "" and [entry.title for entry in feed.entries] == ["One", "Two"]
    assert answers["slow"][0] is None  # (stopped with the pool)


def test_a_json_feed_with_a_number_of_thousands_of_digits_keeps_its_entries(tmp_path, server, capsys):
    """Python makes no int of more than 4,300 digits: one such number in a JSON Feed (a size, an id) made the
    whole feed "invalid JSON (Exceeds the limit ... use sys.set_int_max_str_digits())", every entry lost. The
    number is its digits: as a size or a length none, as an id its text."""
    huge = "9" * 5000
    body = ('{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": ['
            '{"id": "a", "url": "https://j.example/a", "title": "Podcast", "date_published": "2026-11-20T10:00:00Z", '
            '"attachments": [{"url": "https://j.example/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": ' + huge
            + ', "duration_in_seconds": ' + huge + '}]}, '
            '{"id": ' + huge + ', "url": "https://j.example/b", "title": "Second", '
            '"date_published": "2026-11-20T09:00:00Z"}]}').encode()
    server.routes["/feed.json"] = Route(body, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/feed.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and "digits" not in err, out + err
    import yaml

    items = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        items[meta["title"]] = meta
    assert sorted(items) == ["Podcast", "Second"]
    assert "size" not in items["Podcast"] and "length" not in items["Podcast"]


NO_CHARSETS = ["hex", "zlib", "base64", "rot13", "unicode_escape", "idna", "punycode", "utf-7", "undefined"]


def test_a_charset_that_is_no_charset_of_text_is_read_as_none(tmp_path, server, capsys):
    """Python knows `hex`, `zlib`, `rot13`, `punycode` and `undefined` as codecs, but they are no charsets of
    text, and browsers read none of them: a JSON Feed served as `charset=hex` failed with "LookupError: 'hex' is
    not a text encoding", one as `charset=idna` as "invalid JSON", and an RSS feed declaring
    `encoding="undefined"` (or served so) with "UnicodeError". Each is read as a feed that names no charset:
    UTF-8, its stray Latin-1 bytes as Windows-1252, as with no charset at all."""
    json_body = ('{"version": "https://jsonfeed.org/version/1.1", "title": "J", "home_page_url": "https://j.example/",'
                 ' "items": [{"id": "%s", "url": "https://j.example/%s", "title": "Caf\xe9 %s"}]}')
    rss_body = ('<?xml version="1.0"%s?><rss version="2.0"><channel><title>R</title><link>https://r.example/</link>'
                '<item><title>Caf\xe9 %s</title><link>https://r.example/%s</link></item></channel></rss>')
    paths = []
    for name in NO_CHARSETS:
        server.routes[f"/{name}.json"] = Route((json_body % (name, name, name)).encode("latin-1"),
                                               content_type=f"application/feed+json; charset={name}")
        server.routes[f"/{name}.rss"] = Route((rss_body % ("", name + " served", name + "-s")).encode("latin-1"),
                                              content_type=f"application/rss+xml; charset={name}")
        server.routes[f"/{name}.xml"] = Route((rss_body % (f' encoding="{name}"', name + " declared", name + "-d"))
                                              .encode("latin-1"), content_type="application/rss+xml")
        paths += [f"/{name}.json", f"/{name}.rss", f"/{name}.xml"]
    site = feed_site(tmp_path / "site", "".join(f"  - {server.url(path)}\n" for path in paths))
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and f"{len(paths)} new, 0 updated, 0 unchanged, 0 failed" in out and not err, out + err
    assert sorted(fetched_titles(site)) == sorted(f"Café {name}{kind}" for name in NO_CHARSETS
                                                  for kind in ("", " served", " declared"))


BOM_RSS = ('<?xml version="1.0" encoding="{declared}"?>\n<rss version="2.0"><channel><title>Sixteen</title>'
           '<link>https://sixteen.example/</link><item><title>Caf\u00e9 \u2014 {name}</title>'
           '<link>https://sixteen.example/{name}</link></item></channel></rss>')


def _served_and_fetched(tmp_path, server, capsys, feeds: dict) -> list[str]:
    """The titles fetch read from `feeds` (path: (body, Content-Type)), each served and read without a failure."""
    for path, (body, content_type) in feeds.items():
        server.routes[path] = Route(body, content_type=content_type)
    site = fetch_site(tmp_path / "site", server, list(feeds))
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and f"{len(feeds)} new" in out and "0 failed" in out, out + err
    return sorted(fetched_titles(site))


def test_a_utf16_feed_is_read_whatever_its_header_says_and_without_a_byte_order_mark(tmp_path, server, capsys):
    """A byte order mark says a feed's charset, as browsers and XML read it; a UTF-16 feed with one, served with
    the server's default `charset=iso-8859-1`, failed as "neither XML nor JSON". One without (XML allows it
    when the declaration names UTF-16LE or UTF-16BE, and finds it by the `<` and the zero byte) failed as
    "broken XML ... mismatched tag". Each is read."""
    feeds = {
        "/le-bom.xml": (b"\xff\xfe" + BOM_RSS.format(declared="UTF-16", name="le-bom").encode("utf-16-le"),
                        "text/xml; charset=iso-8859-1"),
        "/be-bom.xml": (b"\xfe\xff" + BOM_RSS.format(declared="UTF-16", name="be-bom").encode("utf-16-be"),
                        "application/rss+xml; charset=windows-1252"),
        "/le.xml": (BOM_RSS.format(declared="UTF-16LE", name="le").encode("utf-16-le"), "application/rss+xml"),
        "/be.xml": (BOM_RSS.format(declared="UTF-16BE", name="be").encode("utf-16-be"), "text/xml"),
    }
    assert _served_and_fetched(tmp_path, server, capsys, feeds) == [
        "Caf\u00e9 \u2014 be", "Caf\u00e9 \u2014 be-bom", "Caf\u00e9 \u2014 le", "Caf\u00e9 \u2014 le-bom"]


def test_a_utf32_feed_without_a_byte_order_mark_is_found_by_its_first_character(tmp_path, server, capsys):
    """XML finds UTF-32 without a byte order mark by its first `<` and three zero bytes, as it finds UTF-16 by one;
    such a feed failed as "neither XML nor JSON" (feedparser does not look). Each is read, as one with a mark is."""
    feeds = {
        "/le32.xml": (BOM_RSS.format(declared="UTF-32LE", name="le32").encode("utf-32-le"), "application/rss+xml"),
        "/be32.xml": (BOM_RSS.format(declared="UTF-32BE", name="be32").encode("utf-32-be"), "text/xml"),
        "/bom32.xml": (BOM_RSS.format(declared="UTF-32", name="bom32").encode("utf-32"),
                       "text/xml; charset=iso-8859-1"),
    }
    assert _served_and_fetched(tmp_path, server, capsys, feeds) == [
        "Caf\u00e9 \u2014 be32", "Caf\u00e9 \u2014 bom32", "Caf\u00e9 \u2014 le32"]


def test_a_json_feed_in_utf16_or_utf32_is_read_whatever_its_header_says(tmp_path, server, capsys):
    """JSON is UTF-8, but Windows tools save it in UTF-16 with a byte order mark (PowerShell 5's `Out-File`), and
    JSON's own rule (RFC 4627) finds UTF-16 and UTF-32 without one by the zero bytes around its first `{`, as
    Python's json.loads does. Such a feed failed as "invalid JSON", or, served as text/plain, as "neither XML nor
    JSON", where the same feed in XML is read. Each is read."""
    def feed(name: str) -> str:
        return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Feed",
                           "items": [{"id": name, "url": f"https://json.example/{name}",
                                      "title": f"Caf\u00e9 \u2014 {name}"}]},
                          ensure_ascii=False)

    feeds = {
        "/le-bom.json": (b"\xff\xfe" + feed("le-bom").encode("utf-16-le"), "application/json; charset=iso-8859-1"),
        "/be-bom.json": (b"\xfe\xff" + feed("be-bom").encode("utf-16-be"), "text/plain"),
        "/le.json": (feed("le").encode("utf-16-le"), "application/feed+json"),
        "/be32.json": (feed("be32").encode("utf-32-be"), "text/plain; charset=utf-8"),
    }
    assert _served_and_fetched(tmp_path, server, capsys, feeds) == [
        "Caf\u00e9 \u2014 be-bom", "Caf\u00e9 \u2014 be32", "Caf\u00e9 \u2014 le", "Caf\u00e9 \u2014 le-bom"]


def test_a_json_feed_nested_thousands_deep_keeps_its_entries(tmp_path, server, capsys):
    """Python's JSON reader stops at about a thousand levels: one entry's extension nested deeper (`_x`, which
    JSON Feed leaves to anyone) made the whole feed "invalid JSON (maximum recursion depth exceeded ...)", every
    entry lost. No JSON Feed field nests past a few levels: what is deeper is dropped, the entries are read."""
    deep = "[" * 100_000 + "]" * 100_000
    body = ('{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": ['
            '{"id": "a", "url": "https://j.example/a", "title": "Deep [{\\"", "_x": {"y": ' + deep + '}}, '
            '{"id": "b", "url": "https://j.example/b", "title": "Plain", "tags": ["Science"], '
            '"_z": [' + "{\"a\": " * 5000 + "1" + "}" * 5000 + ']}]}').encode()
    server.routes["/feed.json"] = Route(body, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/feed.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0 and "2 new" in out, out + err
    assert fetched_titles(site) == ['Deep [{"', "Plain"]
