"""`newsdesk fetch` of videos that play in their site's player (YouTube's, Vimeo's, Dailymotion's), from a real HTTP
server on 127.0.0.1: the length the feed gives the player's own media:content (a Flash or HTML embed, no file a
browser plays) is the video's, and its card shows it."""

from __future__ import annotations

import re

import pytest

from conftest import build_site, fetch_site, fetched, run_fetch
from feed_server import FeedServer, Route

# A channel's feed as YouTube writes it, but with the length some such feeds give (YouTube's own gives none): the
# player's media:content is Flash's type, as YouTube's is, or a web page's, as other hosts' are.
VIDEOS = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/"
  xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
<title>قناة الأخبار</title><link rel="alternate" href="https://www.youtube.com/channel/UCabc"/>
<entry><id>yt:video:dQw4w9WgXcQ</id><yt:videoId>dQw4w9WgXcQ</yt:videoId>
  <title>تقرير: أسعار الوقود في مصر ٢٠٢٦ | Fuel prices</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"/>
  <published>2026-11-21T05:00:00+00:00</published>
  <media:group><media:title>تقرير</media:title>
    <media:content url="https://www.youtube.com/v/dQw4w9WgXcQ?version=3" type="application/x-shockwave-flash"
      width="640" height="390" duration="754"/>
    <media:thumbnail url="https://i1.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" width="480" height="360"/>
  </media:group></entry>
<entry><id>urn:clip:2</id><title>A clip in a page's player</title><link rel="alternate" href="https://clips.example/2"/>
  <published>2026-11-21T04:00:00+00:00</published>
  <media:content url="https://clips.example/embed/2" type="text/html" duration="1:02:33">
    <media:player url="https://clips.example/embed/2"/></media:content></entry>
<entry><id>urn:clip:3</id><title>A clip of no length</title><link rel="alternate" href="https://clips.example/3"/>
  <published>2026-11-21T03:00:00+00:00</published>
  <media:content url="https://clips.example/embed/3" type="text/html" duration="soon">
    <media:player url="https://clips.example/embed/3"/></media:content></entry>
</feed>
""".encode()


def _fetched(root, capsys):
    with FeedServer() as server:
        server.routes["/videos.xml"] = Route(VIDEOS, content_type="application/atom+xml")
        site = fetch_site(root, server, ["/videos.xml"])
        code, _, err = run_fetch(site, capsys)
    assert code == 0, err
    return site, err


def test_a_video_in_its_sites_player_has_the_length_its_feed_gives_the_player(tmp_path, capsys):
    site, err = _fetched(tmp_path / "site", capsys)
    items = fetched(site)
    youtube = items["تقرير: أسعار الوقود في مصر ٢٠٢٦ | Fuel prices"]
    assert youtube["type"] == "video" and youtube["length"] == 754
    assert youtube["featuredContent"] == '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'
    assert "size" not in youtube  # (the player is no file a reader downloads)
    clip = items["A clip in a page's player"]
    assert (clip["type"], clip["length"]) == ("video", 3753)
    # a length that is none is left out, and said, as a file's is
    assert items["A clip of no length"]["type"] == "video" and "length" not in items["A clip of no length"]
    assert "“A clip of no length”: the length 'soon'" in " ".join(err.split())


@pytest.mark.slow  # a build
def test_a_video_card_shows_the_length_of_the_video_its_player_plays(tmp_path, capsys):
    site, _ = _fetched(tmp_path / "site", capsys)
    _, result = build_site(site)
    assert result.site.problems == ()
    cards = re.findall(r'<article class="card.*?</article>', (site / "output" / "videos" / "index.html")
                       .read_text(encoding="utf-8"), re.S)
    assert len(cards) == 3
    shown = {re.search(r'card-title"><a [^>]*>(?:<span class="badge">[^<]*</span> )?([^<]*)', card)[1]:
             re.findall(r'<bdi><time datetime="(PT[0-9HMS]+)">', card) for card in cards}
    assert shown == {"تقرير: أسعار الوقود في مصر ٢٠٢٦ | Fuel prices": ["PT12M34S"],
                     "A clip in a page&#39;s player": ["PT1H2M33S"], "A clip of no length": []}
