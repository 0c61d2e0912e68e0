"""`newsdesk fetch` of entries that carry a file to download (a PDF, a zip: an RSS enclosure or a JSON Feed
attachment of another type than a picture, a sound or a video), from a real HTTP server on 127.0.0.1: the file
was dropped, and the item was an article without it. It is a download now, with its size and a link to it."""

from __future__ import annotations

import json

import pytest

from conftest import feed_site, fetched
from feed_server import FeedServer, Route
from generator.cli import main

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Reports Desk</title><link>https://reports.example/</link><description>Reports</description>
<item><title>Annual report 2026</title><link>https://reports.example/annual</link>
  <pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate><description>The year in figures.</description>
  <enclosure url="/files/Annual%20report%202026.pdf" length="2345678" type="application/pdf"/></item>
<item><title>Data without a type</title><link>https://reports.example/data</link>
  <pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate>
  <enclosure url="https://reports.example/data.zip" length="lots"/></item>
<item><title>Episode with its transcript</title><link>https://reports.example/ep</link>
  <pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate><itunes:duration>600</itunes:duration>
  <enclosure url="https://reports.example/ep.pdf" length="20000" type="application/pdf"/>
  <enclosure url="https://reports.example/ep.mp3" length="9000000" type="audio/mpeg"/></item>
<item><title>A hostile file</title><link>https://reports.example/bad</link>
  <pubDate>Mon, 16 Nov 2026 06:00:00 GMT</pubDate>
  <enclosure url="javascript:alert(1)" length="100000" type="application/pdf"/></item>
</channel></rss>
"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1", "title": "Data JSON", "home_page_url": "https://json.example/",
    "items": [{"id": "d1", "url": "https://json.example/d1", "title": "The data set",
               "date_published": "2026-11-16T08:00:00Z", "content_text": "Open data.",
               "attachments": [{"url": "https://json.example/d1.csv.zip", "mime_type": "application/zip",
                                "size_in_bytes": 4096}]}],
}


@pytest.fixture()
def site(tmp_path):
    with FeedServer() as server:
        server.routes.update({"/reports.xml": Route(RSS, content_type="application/rss+xml"),
                              "/data.json": Route(json.dumps(JSON_FEED).encode(),
                                                  content_type="application/feed+json")})
        root = feed_site(tmp_path / "site", f"  - {server.url('/reports.xml')}\n  - {server.url('/data.json')}\n")
        yield root, server


def test_a_file_to_download_makes_a_download_with_its_size_and_link(site, capsys):
    root, server = site
    assert main(["fetch", "--config", str(root / "config.yaml")]) == 0, capsys.readouterr()
    notes = capsys.readouterr().err
    items = fetched(root)
    assert len(items) == 5

    report = items["Annual report 2026"]
    pdf = server.url("/files/Annual%20report%202026.pdf")
    assert (report["type"], report["size"]) == ("download", 2345678) and "length" not in report
    assert report["featuredContent"] == f'<a href="{pdf}">Annual report 2026.pdf</a>'
    assert report["webUrl"] == "https://reports.example/annual"  # the story's page stays its link
    data = items["Data without a type"]  # known by its file's name; a size that is none is left out, and said
    assert data["type"] == "download" and "size" not in data
    assert "“Data without a type”: the size 'lots'" in notes
    assert items["The data set"]["type"] == "download" and items["The data set"]["size"] == 4096
    # an episode with a PDF beside its sound file is the episode, playing that file
    episode = items["Episode with its transcript"]
    assert episode["type"] == "podcast" and "ep.mp3" in episode["featuredContent"]
    assert (episode["length"], episode["size"]) == (600, 9000000)
    hostile = items["A hostile file"]
    assert hostile["type"] == "article" and "featuredContent" not in hostile


def test_the_built_download_page_links_its_file(site, capsys):
    root, server = site
    assert main(["fetch", "--config", str(root / "config.yaml")]) == 0
    assert main(["build", "--config", str(root / "config.yaml")]) == 0, capsys.readouterr()
    out = root / "output"
    pages = list((out / "news").rglob("annual-report-2026-*/index.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert f'href="{server.url("/files/Annual%20report%202026.pdf")}"' in page
    assert "2.3 MB" in page and ">Download<" in page
    assert "Annual report 2026" in (out / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in "".join(path.read_text("utf-8") for path in out.rglob("*.html"))
