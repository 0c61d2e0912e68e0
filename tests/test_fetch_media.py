"""`newsdesk fetch` of podcasts and videos, from a real HTTP server on 127.0.0.1: an episode's sound file or a
video's own file becomes an item of its type, with its length and size, that the built site plays."""

from __future__ import annotations

import json
import re
import textwrap
from xml.etree import ElementTree
from pathlib import Path

import pytest
import yaml

from conftest import feed_site, fetch_site, fetched, make_site, run_fetch
from feed_server import FeedServer, Route
from generator.cli import main

PODCAST = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>The Low Code Hour</title><link>https://pod.example/</link><description>Talk</description>
<item><title>Episode 42: tables in depth</title><link>https://pod.example/42</link>
  <guid isPermaLink="false">pod-42</guid><pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
  <description>We talk about tables for an hour.</description>
  <enclosure url="/media/42.mp3" length="58123456" type="audio/mpeg"/>
  <itunes:duration>1:02:33</itunes:duration></item>
<item><title>Episode 41: short one</title><link>https://pod.example/41</link>
  <guid isPermaLink="false">pod-41</guid><pubDate>Mon, 9 Nov 2026 09:00:00 GMT</pubDate>
  <enclosure url="https://cdn.pod.example/41.m4a" length="0" type="audio/x-m4a"/>
  <itunes:duration>754</itunes:duration></item>
<item><title>Episode 40: hostile</title><link>https://pod.example/40</link>
  <guid isPermaLink="false">pod-40</guid><pubDate>Mon, 2 Nov 2026 09:00:00 GMT</pubDate>
  <enclosure url="javascript:alert(1)" length="100000" type="audio/mpeg"/>
  <itunes:duration>soon&lt;script&gt;</itunes:duration></item>
</channel></rss>
"""

# A news feed whose stories carry their audio and video files as media:content, as broadcasters' feeds do
MEDIA_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Broadcast News</title><link>https://tv.example/</link><description>News</description>
<item><title>Storm reaches the coast</title><link>https://tv.example/storm</link>
  <pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate>
  <media:content url="https://tv.example/storm.mp4" type="video/mp4" medium="video" duration="95" fileSize="12345678"/>
  <media:thumbnail url="https://tv.example/storm.jpg" width="640" height="360"/></item>
<item><title>Radio bulletin</title><link>https://tv.example/bulletin</link>
  <pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
  <enclosure url="https://tv.example/bulletin.mp3" length="2048000" type="audio/mpeg"/></item>
</channel></rss>
"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1", "title": "Pod JSON", "home_page_url": "https://json.example/",
    "items": [{"id": "e1", "url": "https://json.example/e1", "title": "A JSON episode",
               "date_published": "2026-11-16T08:00:00Z", "content_text": "Notes.",
               "attachments": [{"url": "https://json.example/e1.mp3", "mime_type": "audio/mpeg",
                                "size_in_bytes": 3000000, "duration_in_seconds": 1800}]}],
}


@pytest.fixture()
def server():
    with FeedServer() as running:
        running.routes.update({
            "/podcast.xml": Route(PODCAST, content_type="application/rss+xml"),
            "/media.xml": Route(MEDIA_RSS, content_type="application/rss+xml"),
            "/feed.json": Route(json.dumps(JSON_FEED).encode(), content_type="application/feed+json"),
        })
        yield running


def _site(root: Path, server: FeedServer) -> Path:
    return feed_site(root, "".join(f"  - {server.url(path)}\n" for path in ("/podcast.xml", "/media.xml", "/feed.json")))


def _fetched(site: Path) -> dict[str, dict]:
    found = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        found[meta["title"]] = meta
    return found


@pytest.mark.slow
def test_episodes_and_media_files_become_items_of_their_type(tmp_path, server, capsys):
    site = _site(tmp_path / "site", server)
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    items = _fetched(site)
    assert len(items) == 6

    episode = items["Episode 42: tables in depth"]
    assert episode["type"] == "podcast"
    assert episode["length"] == 3753 and episode["size"] == 58123456
    # its relative address is the feed's
    assert episode["featuredContent"] == \
        f'<audio controls preload="none" src="{server.url("/media/42.mp3")}"></audio>'
    short = items["Episode 41: short one"]
    assert short["length"] == 754 and "size" not in short  # a length of 0 bytes is "unknown"

    hostile = items["Episode 40: hostile"]  # the entry is kept; its file is no address a browser may play
    assert hostile["type"] == "article" and "featuredContent" not in hostile and "length" not in hostile

    video = items["Storm reaches the coast"]
    assert (video["type"], video["length"], video["size"]) == ("video", 95, 12345678)
    assert video["featuredContent"] == '<video controls preload="none" src="https://tv.example/storm.mp4"></video>'
    assert video["images"] == [{"url": "https://tv.example/storm.jpg", "width": 640, "height": 360}]
    assert items["Radio bulletin"]["type"] == "audio"  # sound with no podcast's tags
    assert (items["A JSON episode"]["type"], items["A JSON episode"]["length"]) == ("audio", 1800)


@pytest.mark.slow
def test_the_built_site_plays_the_episode_and_lists_it_under_its_type(tmp_path, server, capsys):
    site = _site(tmp_path / "site", server)
    # (the files are on this machine: a public site would leave them out, site/private_pictures.py)
    config = site / "config.yaml"
    config.write_text(config.read_text().replace("https://example.org/", "http://127.0.0.1:8000/"))
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    out = site / "output"
    pages = list((out / "news").rglob("episode-42-*/index.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    player = re.search(r"<audio [^>]*>", page)[0]
    assert f'src="{server.url("/media/42.mp3")}"' in player and "controls" in player and 'preload="none"' in player
    assert "autoplay" not in player
    assert '<time datetime="PT1H2M33S"><span aria-hidden="true">1 hr 3 min</span>' in page and "58.1 MB" in page
    assert "Episode 42: tables in depth" in (out / "podcasts" / "index.html").read_text(encoding="utf-8")
    assert "Storm reaches the coast" in (out / "videos" / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in "".join(path.read_text("utf-8") for path in out.rglob("*.html"))

    # The podcasts' feeds carry the episodes' files and their sizes as the source gave them, for podcast apps (a
    # size the source does not give is 0 in RSS, as the RSS Advisory Board says); the API names them
    mp3 = server.url("/media/42.mp3")
    rss = ElementTree.parse(out / "podcasts" / "feed.rss").getroot()
    enclosures = {item.findtext("title"): item.find("enclosure").attrib for item in rss.iter("item")}
    assert enclosures["Episode 42: tables in depth"] == {"url": mp3, "length": "58123456", "type": "audio/mpeg"}
    assert enclosures["Episode 41: short one"]["type"] == "audio/mp4"
    assert enclosures["Episode 41: short one"]["length"] == "0"
    atom = ElementTree.parse(out / "podcasts" / "feed.xml").getroot()
    links = [link.attrib for link in atom.iter("{http://www.w3.org/2005/Atom}link")
             if link.get("rel") == "enclosure"]
    assert {"rel": "enclosure", "href": mp3, "type": "audio/mpeg", "length": "58123456"} in links
    feed = json.loads((out / "podcasts" / "feed.json").read_text(encoding="utf-8"))
    assert {"url": mp3, "mime_type": "audio/mpeg", "size_in_bytes": 58123456,
            "duration_in_seconds": 3753} in [a for i in feed["items"] for a in i.get("attachments", [])]
    news = json.loads((out / "api" / "news" / "index.json").read_text(encoding="utf-8"))["news"]
    by_title = {record["title"]: record for record in news}
    assert by_title["Episode 42: tables in depth"]["mediaUrl"] == mp3
    assert by_title["Storm reaches the coast"]["mediaUrl"] == "https://tv.example/storm.mp4"
    assert by_title["Episode 40: hostile"]["mediaUrl"] is None


def test_media_in_a_body_plays_without_autoplay_or_unsafe_addresses(tmp_path, capsys):
    body = ('<p>Hear it:</p><audio src="https://a.example/x.mp3" autoplay onplay="alert(1)"></audio>'
            '<video poster="javascript:alert(1)"><source src="javascript:alert(2)" type="video/mp4">'
            '<source src="https://a.example/x.mp4" type="video/mp4"></video>')
    site = make_site(tmp_path / "site", {"content/one.md": textwrap.dedent("""\
        ---
        title: With media
        publishedDateTime: 2026-11-20T10:00:00Z
        ---
        """) + body + "\n"}, "title: T\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\n")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    pages = [path.read_text("utf-8") for path in (site / "output").rglob("index.html")
             if "Hear it:" in path.read_text("utf-8")]
    assert pages
    for page in pages:
        assert re.search(r'<audio src="https://a.example/x.mp3"[^>]*controls', page)
        assert "autoplay" not in page and "onplay" not in page and "javascript:" not in page
        assert '<source src="https://a.example/x.mp4" type="video/mp4">' in page
        assert re.search(r"<source(?![^>]*\ssrc=)[^>]*>", page) is None  # no source left without its file


CLOCKS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Clocks</title><link>https://clock.example/</link><description>Talk</description>
<item><title>A 75th second</title><link>https://clock.example/1</link>
  <enclosure url="https://clock.example/1.mp3" type="audio/mpeg"/><itunes:duration>4:75</itunes:duration></item>
<item><title>A 60th minute</title><link>https://clock.example/2</link>
  <enclosure url="https://clock.example/2.mp3" type="audio/mpeg"/><itunes:duration>1:60:00</itunes:duration></item>
<item><title>Minutes past the hour</title><link>https://clock.example/3</link>
  <enclosure url="https://clock.example/3.mp3" type="audio/mpeg"/><itunes:duration>75:30</itunes:duration></item>
</channel></rss>
"""


def test_a_duration_no_clock_shows_is_no_length(tmp_path, server, capsys):
    # (4:75 was read as 5:15: a guess; the build reads an item's `length` so too, docs/content.md)
    server.routes["/clocks.xml"] = Route(CLOCKS, content_type="application/rss+xml")
    code, _, err = run_fetch(fetch_site(tmp_path / "site", server, ["/clocks.xml"]), capsys)
    assert code == 0, err
    items = fetched(tmp_path / "site")
    assert "length" not in items["A 75th second"] and "length" not in items["A 60th minute"]
    assert items["Minutes past the hour"]["length"] == 4530  # (a clock's leading part may pass 59)
    said = " ".join(err.split())
    assert "“A 75th second”: the length '4:75'" in said and "“A 60th minute”: the length '1:60:00'" in said
