"""Hostile and odd crawler content, third round: direction marks in the body's links, feed URLs that a
browser reads as scripts, a fetch state file written from what servers sent.

Each test writes what a crawler or a feed can send and checks what the user sees: the files fetch writes,
the site built from them, and the messages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build_site, feed_site, fetched, item, make_site
from feed_server import FeedServer, Route
from generator.cli import main

BIG = "1" + "0" * 400  # an int to YAML and to JSON: no float holds it


def fetch_site(root: Path, server: FeedServer, paths, extra: str = "") -> Path:
    return feed_site(root, "".join(f"  - {server.url(path)}\n" for path in paths), fetch=extra)


def links(page: Path, within: str) -> list[tuple[str, str | None, str]]:
    """(tag, href or src, text) of each link and picture inside the page's `div` of class `within`."""
    import html5lib

    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    divs = [div for div in tree.iter("div") if div.get("class") == within]
    assert divs, f"no div.{within} in {page}"
    return [(e.tag, e.get("href") if e.tag == "a" else e.get("src"), "".join(e.itertext()))
            for div in divs for e in div.iter() if e.tag in ("a", "img")]


# --- 1. direction marks in the links and pictures of a body ------------------------------------------

def test_direction_marks_in_body_links_are_percent_encoded_or_the_link_dropped(tmp_path):
    """A right-to-left override in a body's link (`/\\u202egpj.exe`, shown as `/exe.jpg` by the status bar)
    was published as it was, though the same link in the front matter was percent-encoded; one in a host
    (`//ev\\u202eil.example/`, resolved against the page) made a link no browser can follow. The body and
    featuredContent follow the front matter's rule now: percent-encoded in the path, query and fragment;
    in the host, the link keeps its text, unlinked, and the picture has no source."""
    raw = ('<p><a href="https://p.example/a\u202egpj.exe?q=\u200e#f\u2067">path</a> '
           '<a href="//ev\u202eil.example/x">host</a> <a href="mailto:me\u2066@p.example">mail</a> '
           '<a href="/rel\u061c.html">relative</a> <img src="//im\u200fg.example/i.png" alt="gone"> '
           '<img src="https://p.example/\u200fi.png" alt="kept"></p>')
    featured = json.dumps(raw + '<iframe src="https://www.youtube.com/embed/x"></iframe>')
    players = ('\n\n<audio src="https://p.example/a\u202egpj.mp3"></audio>\n\n'
               '<video><source src="https://p.example/s\u2066.mp4" type="video/mp4"></video>')
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Marks", webUrl="https://p.example/news/story.html", featuredContent=featured,
                             body=raw + players),
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    assert not result.site.problems
    page = config.output_path / "news/2026/11/20/a/index.html"
    expected = [("a", "https://p.example/a%E2%80%AEgpj.exe?q=%E2%80%8E#f%E2%81%A7", "path"), ("a", None, "host"),
                ("a", "mailto:me%E2%81%A6@p.example", "mail"), ("a", "https://p.example/rel%D8%9C.html", "relative"),
                ("img", "https://p.example/%E2%80%8Fi.png", "")]  # (one with a mark in its host: its text, none)
    assert links(page, "featured body") == expected
    assert links(page, "body") == expected
    text = page.read_text(encoding="utf-8")
    assert "il.example" not in text and "g.example" not in text
    assert '<audio src="https://p.example/a%E2%80%AEgpj.mp3"' in text
    assert '<source src="https://p.example/s%E2%81%A6.mp4"' in text
    assert not any(mark in text for mark in "\u202e\u2066\u200f\u200e\u061c\u2067")



def test_direction_marks_and_noncharacters_in_a_player_url_are_percent_encoded(tmp_path):
    """featuredContent's player URL (a video's `<iframe src>`) went into the page and the API's `videoUrl`
    as written, with a right-to-left override in it, while every other URL had it percent-encoded; one with
    a direction mark in its host was embedded."""
    featured = json.dumps('<iframe src="https://www.youtube.com/embed/x\u202egpj.exe?a=\u200e"></iframe>')
    spoofed = json.dumps('<iframe src="https://www.you\u202etube.com/embed/y"></iframe>')
    site = make_site(tmp_path / "site", {"content/v.md": item("V", type="video", featuredContent=featured),
                                         "content/w.md": item("W", type="video", featuredContent=spoofed)},
                     'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    encoded = "https://www.youtube.com/embed/x%E2%80%AEgpj.exe?a=%E2%80%8E"
    api = (config.output_path / "api/news/index.json").read_text(encoding="utf-8")
    assert f'"videoUrl":"{encoded}"' in api.replace(": ", ":")
    page = (config.output_path / "news/2026/11/20/v/index.html").read_text(encoding="utf-8")
    assert f'<iframe src="{encoded}"' in page
    outputs = [path for path in config.output_path.rglob("*") if path.suffix in (".html", ".xml", ".json")]
    assert outputs and not any("\u202e" in path.read_text(encoding="utf-8") for path in outputs)
    assert "<iframe" not in (config.output_path / "news/2026/11/20/w/index.html").read_text(encoding="utf-8")

# --- 2. fetch: feed URLs that a browser reads as another scheme ---------------------------------------

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
                        f"no http or https URL (javascript:, data:...): left out")
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


# --- 3. the fetch state file: what servers sent, and what someone wrote into it -----------------------

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>https://f.example/</link>
<item><title>One</title><link>https://f.example/1</link></item></channel></rss>"""


def test_what_servers_send_reaches_the_state_file_and_messages_as_a_client_can_use_it(tmp_path, server, capsys):
    """An `ETag: "é"` was kept in the state file and sent back: every later fetch stopped with a
    UnicodeEncodeError traceback. A redirect's raw UTF-8 target, a C1 control (CSI, as ESC [ to a terminal)
    in it, went into the state file as it was; a status line's 3,000-character text was printed whole. Validators are kept only when they
    can be sent back; a target is percent-encoded as a browser sends it; a status text is cut."""
    server.routes["/etag.xml"] = Route(FEED, etag='"\u00e9"')
    server.routes["/moved.xml"] = Route(b"", 301, "text/plain", headers={"Location": "/caf\u00c3\u00a9\u00c2\u009b.xml"})
    server.routes["/caf%C3%A9%C2%9B.xml"] = Route(FEED.replace(b"f.example/1", b"f.example/2"))
    server.routes["/reason.xml"] = Route(b"", 404, "text/plain", reason="Not \u009b2J found " + "x" * 3000)
    site = fetch_site(tmp_path / "site", server, ["/etag.xml", "/moved.xml", "/reason.xml"])
    for run in range(2):
        code = main(["fetch", "--config", str(site / "config.yaml")])
        out, err = capsys.readouterr()
        assert code == 1, out + err
        assert f"{2 if run == 0 else 0} new" in out and "1 failed" in out, out + err
    [reason] = [line for line in err.splitlines() if "reason.xml" in line]
    assert "HTTP 404 Not" in reason and "found xxx" in reason and "\u009b" not in reason and len(reason) < 400, reason
    state = (site / "fetch-state.json").read_text(encoding="utf-8")
    assert state.isascii() and "\u009b" not in state
    feeds = json.loads(state)["feeds"]
    assert "etag" not in feeds[server.url("/etag.xml")]
    assert feeds[server.url("/moved.xml")]["moved_to"] == server.url("/caf%C3%A9%C2%9B.xml")
    assert [headers.get("if-none-match") for headers in server.asked("/etag.xml")] == [None, None]
    assert len(server.asked("/caf%C3%A9%C2%9B.xml")) == 2


STATE = """\
{
 "feeds": {
  "URL": {
   "etag": "\\"e1\\"",
   "settings": "SETTINGS"
  }
 },
 "items": {
  "https://f.example/1": {
   "date": "2026-11-20T10:00:00Z",
   "file": "fetched/f-example/one-2c4b8a7d35d3.md",
   "first_seen": "2026-11-20T10:00:00+00:00",
   "heat": 100,
   "sha256": "SHA",
   "source": "URL"
  }
 },
 "version": 1
}
"""


@pytest.mark.parametrize("tampered, replacement, line, message", [
    ('"file": "fetched/f-example/one-2c4b8a7d35d3.md"', '"file": "../config.yaml"', 11,
     "`file` of 'https://f.example/1' is '../config.yaml', not a .md file in the content folder"),
    ('"heat": 100', '"heat": "hot"', 13, "`heat` of 'https://f.example/1' is 'hot', not a number from 0 to 1,000,000"),
    ('"heat": 100', f'"heat": {BIG}', 13, "`heat` of 'https://f.example/1' is '10000000000000000000000000000"),
    ('"heat": 100', '"heat": NaN', None, "NaN is no number JSON allows"),
    ('"first_seen": "2026-11-20T10:00:00+00:00"', '"first_seen": "yesterday"', 12,
     "`first_seen` of 'https://f.example/1' is 'yesterday', not a time like 2026-11-22T08:00:00+00:00"),
    ('"date": "2026-11-20T10:00:00Z"', '"date": 5', 10, "`date` of 'https://f.example/1' is a JSON number, not a string"),
    ('"etag": "\\"e1\\""', '"etag": ["e1"]', 4, "`etag` of 'URL' is a JSON list, not a string"),
    ('"version": 1', '"version": ' + "[" * 100_000 + "]" * 100_000, None, "nested deeper than JSON's reader goes"),
])
def test_a_tampered_state_file_is_an_error_at_its_line(tmp_path, server, capsys, tampered, replacement, line, message):
    """A state file is committed with the site, so anyone with a pull request can write it. A `file` of
    `../config.yaml` (with that file's SHA-256) made fetch overwrite or, past keep_days, delete it; a heat
    of "hot" or 10**400, a first_seen of "yesterday", NaN or JSON nested 100,000 deep stopped fetch with a
    traceback. Each is an error at its line now, and fetch writes nothing."""
    import hashlib

    server.routes["/rss.xml"] = Route(FEED)
    site = fetch_site(tmp_path / "site", server, ["/rss.xml"], extra="  keep_days: 1\n")
    config = (site / "config.yaml").read_bytes()
    text = STATE.replace("URL", server.url("/rss.xml")).replace(tampered, replacement)
    (site / "fetch-state.json").write_text(text.replace("SHA", hashlib.sha256(config).hexdigest()), encoding="utf-8")
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", out + err
    where = "fetch-state.json" + (f":{line}" if line else "")
    assert err.startswith(f"{where}: not a fetch state file: {message.replace('URL', server.url('/rss.xml'))}"), err
    assert "Traceback" not in err and "restore it from git" in err
    assert (site / "config.yaml").read_bytes() == config
    assert server.asked("/rss.xml") == []


def test_state_values_fetch_cannot_use_are_ignored_with_a_note(tmp_path, server, capsys):
    """A moved_to of `javascript:alert(1)` (or with ESC [2J in it) made every fetch fail with a garbled
    message instead of reading the feed; an ETag of "é" stopped fetch with a traceback. They are ignored
    with a note at their line: the feed is read whole, at the URL config.yaml lists. A state file larger
    than fetch reads is an error, not a gigabyte read into memory."""
    server.routes["/rss.xml"] = Route(FEED)
    server.routes["/other.xml"] = Route(FEED.replace(b"f.example/1", b"f.example/2"))
    site = fetch_site(tmp_path / "site", server, ["/rss.xml", "/other.xml"])
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    capsys.readouterr()
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    state["feeds"][server.url("/rss.xml")]["moved_to"] = "javascript:alert(1)\u001b[2J"
    state["feeds"][server.url("/other.xml")]["etag"] = '"\u00e9"'
    text = json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    (site / "fetch-state.json").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.startswith("2 sources, 0 new, 0 updated, 2 unchanged, 0 failed"), out
    moved = next(n for n, text in enumerate(lines, 1) if '"moved_to"' in text)
    etag = next(n for n, text in enumerate(lines, 1) if '"etag": "\\"\u00e9' in text)
    assert (f"note: fetch-state.json:{moved}: `moved_to` of {server.url('/rss.xml')} is not what a server sends "
            f"('javascript:alert(1)\\x1b[2J'); ignored: the feed is read whole, at the URL config.yaml lists") in err
    assert f"note: fetch-state.json:{etag}: `etag` of {server.url('/other.xml')} is not what a server sends" in err
    assert "\u001b" not in err
    assert "moved_to" not in (site / "fetch-state.json").read_text(encoding="utf-8")
    with open(site / "fetch-state.json", "r+b") as handle:  # (sparse: nothing is written)
        handle.truncate(300 * 1024 * 1024)
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and err.startswith("fetch-state.json: the fetch state is 314,572,800 bytes, more than fetch reads"), err


# --- 4. config.yaml: numbers no float or clock holds, hosts no parser reads ----------------------------


@pytest.mark.parametrize("lines, message", [
    (f"ranking:\n  heat_weight: {BIG}\n", "config.yaml:5: `ranking.heat_weight` must be a finite number, got "
                                          "100000000000000000000000… (401 digits)"),
    (f"stories:\n  window_hours: {BIG}\n", "config.yaml:5: `stories.window_hours` must be a finite number"),
    (f"sources:\n  - url: https://feeds.example/a\n    quality: {BIG}\n",
     "config.yaml:6: `sources[0].quality` must be a finite number"),
    ("sources:\n  - https://[::1/rss\n", "config.yaml:5: `sources[0]` needs an http(s) feed URL, got 'https://[::1/rss'"),
    ("fetch:\n  keep_days: 99999999999\n", "config.yaml:5: `fetch.keep_days` must be at most 36,500"),
    ("fetch:\n  timeout: 1.0e+300\n", "config.yaml:5: `fetch.timeout` must be at most 86,400 seconds (a day)"),
    ("fetch:\n  backoff: 1.0e+300\n  max_wait: 1.0e+300\n", "config.yaml:5: `fetch.backoff` must be at most 86,400 seconds (a day)"),
    ('fetch:\n  user_agent: "News/1.0\\nX-Evil: 1"\n',
     "config.yaml:5: `fetch.user_agent` must be printable ASCII on one line, got 'News/1.0\\nX-Evil: 1'"),
])
def test_config_values_no_number_clock_or_header_holds_are_errors_at_their_line(tmp_path, capsys, lines, message):
    """A weight, a window or a quality of 10**400 (an int to YAML), a keep_days past the calendar, a timeout
    or backoff of 1e+300 seconds, a source `https://[::1/rss`: each stopped build or fetch with an
    OverflowError or ValueError traceback. A user agent with a line break failed every feed as "the
    server garbled its answer". Each is an error at its line now."""
    config = 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n' + lines
    if "sources:" not in lines:
        config += "sources:\n  - https://feeds.example/rss\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, config)
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", out + err
    assert err.startswith(message), err


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
        "2 problem(s) in feeds.opml"]


# --- 5. fetch: values of the wrong type in a JSON Feed -----------------------------------------------

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
