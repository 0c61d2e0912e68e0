"""`newsdesk fetch` of feeds as real sites serve them, session 25: a guid that is an id and not a page, a
guid a CMS gives every entry, providers on shared hosts (YouTube channels, GitHub repositories...), and
items written by an older reading. Every feed is served by a real HTTP server on 127.0.0.1; the tests read
the item files and the state file fetch writes, as a user would."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from conftest import build_site, feed_site, fetched
from feed_server import FeedServer, Route
from generator.cli import main


def rss(items: str, title: str = "Town News", link: str = "https://town.example/") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{link}</link>{items}</channel></rss>").encode()


def run(site: Path) -> tuple[int, str]:
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(["fetch", "--config", str(site / "config.yaml")])
    return code, said.getvalue()


def files(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site / "content" / "fetched").rglob("*.md"))}


def state(site: Path) -> dict:
    return json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))


# -- 1. a guid that is no absolute http(s) URL is an id, not a link --------------------------------------

NUMBERED = rss(
    "<item><title>Numbered story</title><guid>12345</guid><pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate>"
    "<description>A story whose only id is a number.</description></item>"
    "<item><title>Pathed story</title><guid>/stories/9</guid><pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate></item>"
    "<item><title>Permalink story</title><guid>https://town.example/p?id=7&amp;x=1</guid>"
    "<pubDate>Sat, 21 Nov 2026 06:00:00 GMT</pubDate></item>"
    "<item><title>Permalink in CDATA</title><guid><![CDATA[https://town.example/q?id=8&x=1]]></guid>"
    "<pubDate>Sat, 21 Nov 2026 05:00:00 GMT</pubDate></item>"
    "<item><title>Linked story</title><guid>777</guid><link>https://town.example/linked</link>"
    "<pubDate>Sat, 21 Nov 2026 04:00:00 GMT</pubDate></item>")


def test_a_guid_that_is_no_url_is_no_link_and_its_item_stays_the_same(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(NUMBERED, etag='"v1"')
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        code, said = run(site)
        assert code == 0, said
        items = fetched(site)
        assert len(items) == 5
        # (feedparser made these http://127.0.0.1:PORT/12345: a page the feed's server does not have)
        for title in ("Numbered story", "Pathed story"):
            assert "originalUrl" not in items[title] and "webUrl" not in items[title], items[title]
        assert items["Permalink story"]["originalUrl"] == "https://town.example/p?id=7&x=1"
        assert items["Permalink in CDATA"]["originalUrl"] == "https://town.example/q?id=8&x=1"
        assert items["Linked story"]["originalUrl"] == "https://town.example/linked"
        # each is still known by its guid: the state names it so, and a second fetch of the unchanged
        # feed (read whole: no validator sent) writes nothing new
        keys = set(state(site)["items"])
        assert {f"https://127.0.0.1:{server.port}/12345", f"https://127.0.0.1:{server.port}/stories/9"} <= keys
        before = files(site)
        server.routes["/news.rss"] = Route(NUMBERED)
        code, said = run(site)
        assert code == 0, said
        assert said.strip().endswith("1 source, 0 new, 0 updated, 5 unchanged, 0 failed"), said
        assert files(site) == before


def test_an_item_without_a_link_builds_without_a_warning(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(NUMBERED)
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        assert run(site)[0] == 0
    config, result = build_site(site)
    assert not result.site.problems and not result.site.warnings, [str(p) for p in
                                                                   (*result.site.problems, *result.site.warnings)]
    (page,) = [path.read_text(encoding="utf-8") for path in config.output_path.rglob("index.html")
               if "<h1" in path.read_text(encoding="utf-8") and ">Numbered story</h1>" in path.read_text(encoding="utf-8")]
    assert "A story whose only id is a number." in page
    assert "127.0.0.1" not in page
