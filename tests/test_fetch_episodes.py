"""A podcast's episode keeps what its feed says of it besides its file: its number and season and its kind
(Apple's itunes:episode, itunes:season, itunes:episodeType), its chapters and transcript (Podcasting 2.0's
podcast:chapters and podcast:transcript, under whatever prefix the feed gives the namespace), only at http(s)
addresses; and the site's feeds give them again to podcast apps (docs/fetch.md, docs/feeds-and-api.md)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import build_site, fetch_site, fetched, run_fetch
from feed_server import FeedServer, Route

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"


def _episode(number: int, tags: str) -> str:
    return (f"<item><title>Episode {number}</title><link>https://pod.example/{number}</link>"
            f"<pubDate>Fri, 20 Nov 2026 {number:02d}:00:00 GMT</pubDate>"
            f'<enclosure url="https://pod.example/{number}.mp3" length="2048000" type="audio/mpeg"/>'
            f"<i:duration>60</i:duration>{tags}</item>")


EPISODES = {
    1: "<i:episode>12</i:episode><i:season>3</i:season><i:episodeType>full</i:episodeType>"
       '<pc:chapters url="/chapters/12.json" type="application/json+chapters"/>'
       '<pc:transcript url="https://pod.example/12.vtt?x=1&amp;y=2" type="text/vtt"/>',
    2: "<i:episodeType> Trailer </i:episodeType><i:season>3</i:season>",
    3: "<i:episodeType>bonus</i:episodeType>"
       '<pc:chapters url="javascript:alert(1)" type="application/json+chapters"/>'
       '<pc:transcript url="https://pod.example/3.srt"/>',
    4: "<i:episode>-1</i:episode><i:season>x</i:season><i:episodeType>&lt;b&gt;</i:episodeType>",
}
FEED = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:i="{ITUNES}" xmlns:pc="{PODCAST_NS}">'
        "<channel><title>Pod</title><link>https://pod.example/</link><description>D</description>"
        + "".join(_episode(number, tags) for number, tags in EPISODES.items()) + "</channel></rss>").encode()


def test_an_episode_keeps_its_number_season_kind_chapters_and_transcript(tmp_path, capsys):
    with FeedServer() as server:
        server.routes["/pod.xml"] = Route(FEED, content_type="application/rss+xml")
        site = fetch_site(tmp_path / "site", server, ["/pod.xml"])
        code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    items = {meta["originalUrl"]: meta for meta in fetched(site).values()}
    assert len(items) == len(EPISODES)
    fields = ("episode", "season", "episodeType", "chapters", "transcript")
    got = {url: {key: meta[key] for key in fields if key in meta} for url, meta in items.items()}
    # (an address relative to the feed's, as a browser reads it: on the server the feed came from)
    chapters = got["https://pod.example/1"].pop("chapters")
    assert chapters["type"] == "application/json+chapters"
    assert chapters["url"].startswith("http://127.0.0.1:") and chapters["url"].endswith("/chapters/12.json")
    assert got == {
        "https://pod.example/1": {"episode": 12, "season": 3,
                                  "transcript": {"url": "https://pod.example/12.vtt?x=1&y=2", "type": "text/vtt"}},
        "https://pod.example/2": {"season": 3, "episodeType": "trailer"},
        # (no chapters at a javascript: address; a transcript's type from its file's name, as none was given)
        "https://pod.example/3": {"episodeType": "bonus", "transcript": {
            "url": "https://pod.example/3.srt", "type": "application/x-subrip"}},
        "https://pod.example/4": {},  # (values that say nothing usable: none)
    }
    config, _ = build_site(site)
    rss = ET.parse(config.output_path / "feeds/latest.rss").getroot()
    shown = {item.find("link").text: item for item in rss.iter("item")}
    assert len(shown) == len(EPISODES)
    first = next(item for item in shown.values() if item.findtext(f"{{{ITUNES}}}episode") == "12")
    assert first.find(f"{{{PODCAST_NS}}}transcript").get("url") == "https://pod.example/12.vtt?x=1&y=2"
    kinds = sorted(item.findtext(f"{{{ITUNES}}}episodeType") for item in shown.values())
    assert kinds == ["bonus", "full", "full", "trailer"]
