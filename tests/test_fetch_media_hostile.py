"""`newsdesk fetch` of hostile media in a feed: lengths that are none (negative, huge, words), sizes that are no
number, thousands of media:content in one entry, files and pictures at addresses of other schemes. The entries
are kept without those values, and fetch says which feed and which entries, never failing."""

from __future__ import annotations

import json

import pytest

from conftest import cpu_seconds, fetch_site, fetched, run_fetch
from feed_server import Route

HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Hostile</title><link>https://h.example/</link>
<description>D</description>
<item><title>Counted back</title><link>https://h.example/1</link><itunes:duration>-5</itunes:duration>
  <enclosure url="https://h.example/1.mp3" length="lots" type="audio/mpeg"/></item>
<item><title>Longer than time</title><link>https://h.example/2</link>
  <itunes:duration>99999999999:00:00</itunes:duration>
  <enclosure url="https://h.example/2.mp3" length="-100000" type="audio/mpeg"/></item>
<item><title>Unknown but fine</title><link>https://h.example/3</link><itunes:duration>0</itunes:duration>
  <enclosure url="https://h.example/3.mp3" length="0" type="audio/mpeg"/></item>
<item><title>Other schemes</title><link>https://h.example/4</link>
  <enclosure url="data:audio/mpeg;base64,AAAA" length="5000" type="audio/mpeg"/>
  <media:content url="javascript:alert(1)" medium="image"><media:title>x</media:title></media:content>
  <media:content url="https://h.example/4.jpg" medium="image"><media:title>The picture</media:title></media:content>
</item>
<item><title>Many files</title><link>https://h.example/5</link>
{many}</item>
</channel></rss>
"""
MANY = 10_000


def _many() -> str:
    return "".join(f'<media:content url="https://h.example/p{n}.jpg" medium="image" width="800" height="600">'
                   f'<media:title>Picture {n}</media:title><media:credit>{"C" * 5000 if n == 0 else "Jo"}</media:credit>'
                   f'</media:content><media:content url="https://h.example/v{n}.mp4" medium="video" duration="{-n}"/>'
                   for n in range(MANY))


@pytest.mark.slow  # (a feed of 10,000 media:content)
def test_hostile_media_are_left_out_with_the_entries_named(tmp_path, server, capsys):
    server.routes["/hostile.rss"] = Route(HOSTILE.replace("{many}", _many()).encode())
    site = fetch_site(tmp_path / "site", server, ["/hostile.rss"])
    before = cpu_seconds()
    code, out, err = run_fetch(site, capsys)
    spent = cpu_seconds() - before
    assert code == 0, out + err
    items = fetched(site)
    assert len(items) == 5
    for title in ("Counted back", "Longer than time", "Unknown but fine"):
        assert items[title]["type"] == "podcast" and "length" not in items[title] and "size" not in items[title]
    assert items["Other schemes"]["type"] == "article"  # (its only file is no address a browser may play)
    assert items["Other schemes"]["images"] == [{"url": "https://h.example/4.jpg", "alt": "The picture"}]
    many = items["Many files"]
    assert len(many["images"]) == 20  # (the build keeps 20)
    assert many["images"][1] == {"url": "https://h.example/p1.jpg", "width": 800, "height": 600,
                                 "alt": "Picture 1", "credit": "Jo"}
    assert len(many["images"][0]["credit"]) <= 2000
    assert many["type"] == "video" and "length" not in many
    said = " ".join(err.split())
    feed = server.url("/hostile.rss")
    # which feed, which entries, what was left out; an unknown 0 is no complaint
    assert f"{feed}: 3 entries with a file's length or size that is none:" in said
    assert "“Counted back”: the length '-5', the size 'lots'" in said
    assert "“Longer than time”: the length '99999999999:00:00', the size '-100000'" in said
    assert "“Many files”: the length '-1', the length '-2', the length '-3': left out" in said  # (its first three)
    assert "Unknown but fine" not in said
    assert f"{feed}: 2 addresses of links or pictures that are no http or https URL" in said
    assert "(in “Other schemes”)" in said
    assert spent < 30, spent  # (feedparser's own reading of 20,000 elements is most of it)


def test_a_json_feeds_hostile_attachment_is_named(tmp_path, server, capsys):
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
        {"id": "1", "url": "https://j.example/1", "title": "Odd file", "content_text": "Text.",
         "attachments": [{"url": "https://j.example/1.mp3", "mime_type": "audio/mpeg",
                          "duration_in_seconds": -60, "size_in_bytes": "big"}]},
        {"id": "2", "url": "https://j.example/2", "title": "Bad scheme", "content_text": "Text.",
         "image": "javascript:alert(1)"}]}
    server.routes["/feed.json"] = Route(json.dumps(feed).encode(), content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/feed.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    items = fetched(site)
    assert items["Odd file"]["type"] == "audio" and "length" not in items["Odd file"]
    assert "images" not in items["Bad scheme"]
    said = " ".join(err.split())
    assert "1 entry with a file's length or size that is none: “Odd file”: the length '-60', the size 'big'" in said
    assert "(in “Bad scheme”)" in said
