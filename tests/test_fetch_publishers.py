"""`newsdesk fetch` of feeds that carry other publishers' entries (Google News, a feed reader's shared items),
from a real HTTP server on 127.0.0.1: each item's provider is its publisher, not the feed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import feed_site
from feed_server import FeedServer, Route
from generator.cli import main
from generator.fetch.items import SHORTENERS

NEWS_SEARCH = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>"low code" - Google News</title><link>https://news.google.com/search?q=low+code</link>
<item><title>Low-code platform ships an update - The Daily Circuit</title>
  <link>https://news.google.com/rss/articles/CBMiAAA?oc=5</link><guid isPermaLink="false">CBMiAAA</guid>
  <pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate>
  <description>&lt;a href="https://news.google.com/rss/articles/CBMiAAA?oc=5"&gt;Low-code platform ships an update&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;The Daily Circuit&lt;/font&gt;</description>
  <source url="https://www.dailycircuit.example">The Daily Circuit</source></item>
<item><title>Spreadsheets - still everywhere - AT&amp;T Business</title>
  <link>https://news.google.com/rss/articles/CBMiBBB?oc=5</link><guid isPermaLink="false">CBMiBBB</guid>
  <pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
  <description>Why spreadsheets last, and what replaces them.</description>
  <source url="https://business.att.example/">AT&amp;T Business</source></item>
<item><title>An entry without a source</title><link>https://news.google.com/rss/articles/CBMiCCC</link>
  <pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate></item>
</channel></rss>
"""

SHARED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>My shared items</title><id>tag:reader,shared</id>
<link rel="alternate" href="https://reader.example/shared"/><updated>2026-11-16T10:00:00Z</updated>
<entry><title>Rail strike called off</title><id>tag:rail</id><link href="https://trains.example/strike"/>
  <updated>2026-11-16T10:00:00Z</updated><summary>Unions and operators agreed overnight.</summary>
  <source><id>tag:trains</id><title>Trains Weekly</title><link rel="alternate" href="https://www.trains.example/"/>
  <link rel="self" href="https://www.trains.example/feed.atom"/></source></entry>
</feed>
"""


@pytest.fixture()
def server():
    with FeedServer() as running:
        running.routes.update({"/news.xml": Route(NEWS_SEARCH), "/shared.atom": Route(SHARED)})
        yield running


def _fetch(root: Path, server: FeedServer, sources: str, capsys) -> dict[str, dict]:
    site = feed_site(root, sources.format(url=server.url("").rstrip("/")))
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        found[meta["title"]] = meta
    assert found
    return found


@pytest.mark.slow
def test_each_entry_is_its_publishers_and_its_headline_loses_the_publishers_name(tmp_path, server, capsys):
    items = _fetch(tmp_path / "site", server, "  - {url}/news.xml\n  - {url}/shared.atom\n", capsys)
    assert set(items) == {"Low-code platform ships an update", "Spreadsheets - still everywhere",
                          "An entry without a source", "Rail strike called off"}
    first = items["Low-code platform ships an update"]
    assert first["provider"] == {"name": "The Daily Circuit", "domain": "dailycircuit.example"}
    assert "excerpt" not in first  # it only repeated the headline and the publisher
    second = items["Spreadsheets - still everywhere"]  # (a dash inside the headline stays)
    assert second["provider"] == {"name": "AT&T Business", "domain": "business.att.example"}
    assert second["excerpt"] == "Why spreadsheets last, and what replaces them."
    assert items["An entry without a source"]["provider"]["domain"] == "news.google.com"  # the feed's, as before
    assert items["Rail strike called off"]["provider"] == {"name": "Trains Weekly", "domain": "trains.example"}


def test_a_provider_set_in_config_yaml_is_every_entrys(tmp_path, server, capsys):
    items = _fetch(tmp_path / "site", server, "  - url: {url}/news.xml\n    name: Search results\n", capsys)
    assert {meta["provider"]["name"] for meta in items.values()} == {"Search results"}


CLAIMS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Picked stories</title><link>https://picks.example/</link>
<item><title>Not really theirs</title><link>https://elsewhere.example/copy</link>
  <pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate>
  <source url="https://www.bignews.example/">Big News</source></item>
<item><title>Really theirs</title><link>https://www.bignews.example/real</link>
  <pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
  <source url="https://feeds.bignews.example/rss">Big News</source></item>
<item><title>Named by its feed here</title><link>https://smallpaper.example/story</link>
  <pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate>
  <source url="https://picks.example/providers/smallpaper/feed.rss">Small Paper</source></item>
<item><title>On its sports desk</title><link>https://sport.bignews.example/match</link>
  <pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate>
  <source url="https://www.bignews.example/">Big News</source></item>
</channel></rss>
"""


def test_a_source_names_the_domain_of_a_story_on_its_site_alone(tmp_path, server, capsys):
    server.routes["/claims.rss"] = Route(CLAIMS)
    items = _fetch(tmp_path / "site", server, "  - {url}/claims.rss\n", capsys)
    # (a feed cannot make another site's story Big News's: its name goes with the story's own site)
    assert items["Not really theirs"]["provider"] == {"name": "Big News", "domain": "elsewhere.example"}
    assert items["Really theirs"]["provider"] == {"name": "Big News", "domain": "bignews.example"}
    assert items["On its sports desk"]["provider"]["domain"] == "bignews.example"  # (a subdomain is its site)
    # (a source that is a feed on the aggregator's site, as newsdesk's RSS writes it: the story's site)
    assert items["Named by its feed here"]["provider"] == {"name": "Small Paper", "domain": "smallpaper.example"}


SHORTENED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Shared links</title><link>https://picks.example/</link>
<item><title>Behind a shortener</title><link>https://t.co/AbC123</link>
  <pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate>
  <source url="https://www.bignews.example/">Big News</source></item>
<item><title>Behind another, named alone</title><link>https://www.bit.ly/3xYz</link>
  <pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
  <source>Small Paper</source></item>
<item><title>Its source behind one</title><link>https://smallpaper.example/story</link>
  <pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate>
  <source url="https://dlvr.it/Rss9">Small Paper</source></item>
</channel></rss>
"""


def test_a_link_shorteners_host_is_never_a_publishers_domain(tmp_path, server, capsys):
    # (docs/fetch.md: a shortened link names no site, as Google News's redirects do: the <source> names it)
    server.routes["/shortened.rss"] = Route(SHORTENED)
    items = _fetch(tmp_path / "site", server, "  - {url}/shortened.rss\n", capsys)
    assert items["Behind a shortener"]["provider"] == {"name": "Big News", "domain": "bignews.example"}
    # (a <source> without an address: the feed's site, as a Google News entry's; the story's own host is none)
    assert items["Behind another, named alone"]["provider"] == {"name": "Small Paper", "domain": "picks.example"}
    assert items["Its source behind one"]["provider"] == {"name": "Small Paper", "domain": "smallpaper.example"}


def test_the_fetch_guide_lists_every_link_shortener():
    listed = (Path(__file__).parent.parent / "docs" / "fetch.md").read_text(encoding="utf-8")
    assert SHORTENERS and all(f"`{host}`" in listed for host in SHORTENERS), sorted(SHORTENERS)
