"""`newsdesk fetch` of what a feed says of its pictures: Media RSS's media:title, media:description and
media:credit (in the picture's element, or a credit of its media:group or entry), and newsdesk's JSON Feed
extension, become the item's `images` entries' alt, caption and credit."""

from __future__ import annotations

import json

from conftest import fetch_site, fetched, run_fetch
from feed_server import Route

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pictures</title>
<link>https://pics.example/</link><description>D</description>
<item><title>Harbour at dawn</title><link>https://pics.example/harbour</link>
  <description>The harbour, early.</description><media:credit>Desk Photos</media:credit>
  <enclosure url="https://pics.example/harbour.jpg" type="image/jpeg" length="0"/>
  <media:content url="https://pics.example/harbour.jpg" medium="image" width="1200" height="800">
    <media:title type="plain">Boats &amp;amp; mist</media:title>
    <media:description>The harbour before the ferries leave</media:description>
    <media:credit role="photographer">Jo Photo</media:credit></media:content>
  <media:content url="https://pics.example/quay.jpg" medium="image">
    <media:title type="html">&lt;b&gt;The quay&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;</media:title></media:content>
  <media:content url="https://pics.example/IMG_2041.jpg" medium="image"><media:title>IMG_2041</media:title></media:content>
</item>
<item><title>A video</title><link>https://pics.example/video</link>
  <media:group><media:title>A video</media:title><media:description>All the video says, at length.</media:description>
    <media:credit>Channel Crew</media:credit>
    <media:thumbnail url="https://pics.example/v.jpg" width="480" height="360"/></media:group></item>
<item><title>A post</title><link>https://social.example/@a/1</link><description>Text of the post.</description>
  <media:content url="https://files.social.example/1.png" type="image/png" medium="image">
    <media:description type="plain">A quiet street with bicycles</media:description></media:content></item>
</channel></rss>
"""

JSON_FEED = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
    {"id": "1", "url": "https://j.example/1", "title": "Pictured", "content_text": "Text.",
     "image": "https://j.example/1.jpg",
     "_newsdesk": {"image": {"alt": "A red kite", "caption": "Over the hill", "credit": "Sam", "width": 800,
                             "height": -3}}},
    {"id": "2", "url": "https://j.example/2", "title": "Odd words", "content_text": "Text.",
     "image": "https://j.example/2.jpg", "_newsdesk": {"image": ["not", "a", "mapping"]}}]}


def test_a_pictures_words_become_its_alt_caption_and_credit(tmp_path, server, capsys):
    server.routes["/pics.rss"] = Route(RSS.encode())
    server.routes["/feed.json"] = Route(json.dumps(JSON_FEED).encode(), content_type="application/feed+json")
    site = fetch_site(tmp_path / "site", server, ["/pics.rss", "/feed.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    items = fetched(site)
    # one picture named as an enclosure and a media:content is one, with its size and words; the entry's
    # media:credit is the credit of a picture without its own; a title that is the file's name is no alt
    assert items["Harbour at dawn"]["images"] == [
        {"url": "https://pics.example/harbour.jpg", "width": 1200, "height": 800, "alt": "Boats & mist",
         "caption": "The harbour before the ferries leave", "credit": "Jo Photo"},
        {"url": "https://pics.example/quay.jpg", "alt": "The quay", "credit": "Desk Photos"},
        {"url": "https://pics.example/IMG_2041.jpg", "credit": "Desk Photos"}]
    # a media:group's title and description are the video's, not its thumbnail's; its credit is
    assert items["A video"]["images"] == [{"url": "https://pics.example/v.jpg", "width": 480, "height": 360,
                                           "credit": "Channel Crew"}]
    # Mastodon's alt text
    assert items["A post"]["images"] == [{"url": "https://files.social.example/1.png",
                                          "alt": "A quiet street with bicycles"}]
    assert items["Pictured"]["images"] == [{"url": "https://j.example/1.jpg", "width": 800, "alt": "A red kite",
                                            "caption": "Over the hill", "credit": "Sam"}]
    assert items["Odd words"]["images"] == [{"url": "https://j.example/2.jpg"}]
