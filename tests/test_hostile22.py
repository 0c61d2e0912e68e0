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
