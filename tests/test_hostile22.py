"""Hostile and odd crawler content, third round: direction marks in the body's links, feed URLs that a
browser reads as scripts, a fetch state file written from what servers sent.

Each test writes what a crawler or a feed can send and checks what the user sees: the files fetch writes,
the site built from them, and the messages.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import build_site, item, make_site
from feed_server import FeedServer, Route
from generator.cli import main


@pytest.fixture()
def server():
    with FeedServer() as running:
        yield running


def fetch_site(root: Path, server: FeedServer, paths, extra: str = "") -> Path:
    config = textwrap.dedent("""\
        title: Fetched News
        base_url: https://example.org/
        now: "2026-11-22T12:00:00Z"
        fetch:
          timeout: 2
          retries: 0
        """) + extra + "sources:\n" + "".join(f"  - {server.url(path)}\n" for path in paths)
    return make_site(root, {}, config)


def fetched(site: Path) -> dict[str, dict]:
    """Every fetched item's front matter, by title."""
    found = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        found[meta["title"]] = meta
    return found


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
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Marks", webUrl="https://p.example/news/story.html", featuredContent=featured,
                             body=raw),
    }, 'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    config, result = build_site(site)
    assert not result.site.problems
    page = config.output_path / "news/2026/11/20/a/index.html"
    expected = [("a", "https://p.example/a%E2%80%AEgpj.exe?q=%E2%80%8E#f%E2%81%A7", "path"), ("a", None, "host"),
                ("a", "mailto:me%E2%81%A6@p.example", "mail"), ("a", "https://p.example/rel%D8%9C.html", "relative"),
                ("img", None, ""), ("img", "https://p.example/%E2%80%8Fi.png", "")]
    assert links(page, "featured body") == expected
    assert links(page, "body") == expected
    text = page.read_text(encoding="utf-8")
    assert "il.example" not in text and "g.example" not in text


# --- 2. fetch: feed URLs that a browser reads as another scheme ---------------------------------------

# `&nbsp;` is no XML entity: feedparser reads this feed with its fallback parser, which leaves character
# references in attributes as written (as broken feeds in the wild are read)
SCRIPT_URLS_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Scripts</title>
<link>https://scripts.example/</link><description>A&nbsp;feed</description>
<item><title>Tabbed</title><link>https://scripts.example/1</link>
<enclosure url="java&#x9;script:alert(1)" type="image/jpeg" length="1"/>
<media:content url="&#x1;&#x20;javascript:alert(1)" medium="image"/></item>
<item><title>Spelled</title><link>JaVaScRiPt:alert(1)</link><guid isPermaLink="false">spelled</guid>
<media:thumbnail url="jav&#x61;script:alert(1)"/><enclosure url="/img/kept.jpg" type="image/jpeg" length="1"/></item>
</channel></rss>"""

SCRIPT_URLS_JSON = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Json", "home_page_url": "java&#x9;script:alert(1)",
    "items": [{"id": "1", "url": "\u0001 JaVa\nScRiPt:alert(1)", "title": "Json one",
               "image": "java&#x9;script:alert(1)", "banner_image": "data:image/png;base64,AAAA"},
              {"id": "2", "url": "/2", "title": "Json two", "image": "https://json.example/kept.png"}]}).encode()


def test_feed_urls_that_browsers_read_as_scripts_are_left_out_and_counted(tmp_path, server, capsys):
    """`java&#x9;script:alert(1)` in an enclosure of a feed with broken XML (whose fallback parser leaves the
    reference as written), a JSON Feed's `image`, a link with a control character before it: fetch made each
    a path of the feed's site (`https://host/java&#x9;script:alert(1)`), a broken picture or link on every
    page showing the entry (and `javascript:` to anything that decodes the reference once, as the build does
    a URL's). They are read as a browser reads them now, left out and counted in a note; the entries and
    their other addresses are kept."""
    server.routes["/rss.xml"] = Route(SCRIPT_URLS_RSS)
    server.routes["/feed.json"] = Route(SCRIPT_URLS_JSON, content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/rss.xml", "/feed.json"])
    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "4 new" in out and "0 failed" in out, out + err
    notes = [line for line in err.splitlines() if "no http or https URL" in line]
    assert len(notes) == 2, err
    assert notes[0] == (f"note: config.yaml:8: {server.url('/rss.xml')}: 4 addresses of links or pictures that are "
                        f"no http or https URL (javascript:, data:...): left out")
    assert notes[1].startswith(f"note: config.yaml:9: {server.url('/feed.json')}: 4 addresses of"), notes
    items = fetched(site)
    assert sorted(items) == ["Json one", "Json two", "Spelled", "Tabbed"]
    assert "images" not in items["Tabbed"] and "images" not in items["Json one"]
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
