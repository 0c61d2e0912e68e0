"""`newsdesk fetch` of the feeds real sites serve, as their servers write them: YouTube, podcasts,
Substack, Medium, Ghost, Blogger, GitHub releases, arXiv, Bluesky, JSON Feed 1.1, Atom's links and ids,
and what servers do to them (wrong Content-Type, compression, charsets). Every feed is served by a real
HTTP server on 127.0.0.1; the tests read the item files fetch writes."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import zlib
from pathlib import Path

import pytest

from conftest import build_site, feed_site, fetched, cpu_seconds
from feed_server import FeedServer, Route
from generator.cli import main

YOUTUBE = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/"
 xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="http://www.youtube.example/feeds/videos.xml?channel_id=UCharbour"/>
 <id>yt:channel:harbour</id><yt:channelId>harbour</yt:channelId>
 <title>Harbour Town Council</title>
 <link rel="alternate" href="https://www.youtube.example/channel/UCharbour"/>
 <author><name>Harbour Town Council</name><uri>https://www.youtube.example/channel/UCharbour</uri></author>
 <published>2020-03-01T10:00:00+00:00</published>
 <entry>
  <id>yt:video:Xy1_-Ab2Cd3</id><yt:videoId>Xy1_-Ab2Cd3</yt:videoId><yt:channelId>UCharbour</yt:channelId>
  <title>Council meeting &amp; budget vote</title>
  <link rel="alternate" href="https://www.youtube.example/watch?v=Xy1_-Ab2Cd3"/>
  <author><name>Harbour Town Council</name><uri>https://www.youtube.example/channel/UCharbour</uri></author>
  <published>2026-11-20T18:30:05+00:00</published><updated>2026-11-21T02:11:40+00:00</updated>
  <media:group>
   <media:title>Council meeting &amp; budget vote</media:title>
   <media:content url="https://www.youtube.example/v/Xy1_-Ab2Cd3?version=3" type="application/x-shockwave-flash"
    width="640" height="390"/>
   <media:thumbnail url="https://i1.ytimg.example/vi/Xy1_-Ab2Cd3/hqdefault.jpg" width="480" height="360"/>
   <media:description>The whole meeting of the town council, with the vote on next year's budget.
Agenda: https://harbour.example/agenda</media:description>
   <media:community><media:starRating count="12" average="5.00" min="1" max="5"/>
    <media:statistics views="340"/></media:community>
  </media:group>
 </entry>
 <entry>
  <id>yt:video:Zz9_-Yy8Xx7</id><yt:videoId>Zz9_-Yy8Xx7</yt:videoId><yt:channelId>UCharbour</yt:channelId>
  <title>Harbour walk, with chapters</title>
  <link rel="alternate" href="https://www.youtube.example/watch?v=Zz9_-Yy8Xx7"/>
  <published>2026-11-19T12:00:00+00:00</published><updated>2026-11-19T12:00:00+00:00</updated>
  <media:group>
   <media:title>Harbour walk, with chapters</media:title>
   <media:thumbnail url="https://i2.ytimg.example/vi/Zz9_-Yy8Xx7/hqdefault.jpg" width="480" height="360"/>
   <media:description>A walk along the harbour wall at low tide, from the lighthouse to the old fish market, with the
history of each building we pass and the people who worked there, told by the harbour master herself,
who has kept the harbour's logbooks for thirty years and knows every boat that ever tied up there.

Chapters:
00:00 The lighthouse
04:12 The &lt;b&gt;old&lt;/b&gt; fish market &amp; its clock
09:30 Back to town</media:description>
  </media:group>
 </entry>
</feed>
"""

PODCAST = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Harbour Hour</title><link>https://harbourhour.example/</link>
 <itunes:author>Harbour Radio</itunes:author><itunes:image href="https://cdn.pod.example/show/cover-3000.jpg"/>
 <itunes:category text="News"><itunes:category text="Daily News"/></itunes:category>
 <item><title>Episode 41: The ferry timetable</title>
  <guid isPermaLink="false">5f2c1e0a-1111-4abc-9def-000000000041</guid>
  <pubDate>Fri, 20 Nov 2026 05:00:00 -0000</pubDate><itunes:episode>41</itunes:episode>
  <itunes:duration>01:02:33</itunes:duration>
  <itunes:summary>We ask the ferry company why the winter timetable changed, and what it means.</itunes:summary>
  <itunes:image href="https://cdn.pod.example/ep41/art.jpg"/>
  <enclosure url="https://dts.pod.example/ep41.mp3?aid=rss" length="60123456" type="audio/mpeg"/></item>
 <item><title>Episode 40: Seconds</title><guid isPermaLink="false">5f2c1e0a-1111-4abc-9def-000000000040</guid>
  <pubDate>Fri, 13 Nov 2026 05:00:00 -0000</pubDate><itunes:duration>1834</itunes:duration>
  <content:encoded><![CDATA[<p>Show notes with <a href="https://harbourhour.example/40">links</a>.</p>]]></content:encoded>
  <enclosure url="https://dts.pod.example/ep40.m4a" length="0" type="audio/x-m4a"/></item>
 <item><title>Episode 39: Typed as bytes</title><guid isPermaLink="false">5f2c1e0a-1111-4abc-9def-000000000039</guid>
  <pubDate>Fri, 06 Nov 2026 05:00:00 -0000</pubDate><itunes:duration>00:45:10.480</itunes:duration>
  <enclosure url="https://dts.pod.example/ep39.MP3?x=1" length="31234567" type="application/octet-stream"/></item>
 <item><title>Episode 38: No type</title><guid isPermaLink="false">5f2c1e0a-1111-4abc-9def-000000000038</guid>
  <pubDate>Fri, 30 Oct 2026 05:00:00 -0000</pubDate><itunes:duration>100</itunes:duration>
  <enclosure url="https://dts.pod.example/ep38.m4a" length="1234567"/></item>
</channel></rss>
"""

MEDIUM = b"""<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0"><channel>
<title><![CDATA[Stories by Sam Coder on Medium]]></title><link>https://medium.example/@samcoder</link>
<item><title><![CDATA[Caching feeds the boring way]]></title>
<link>https://medium.example/@samcoder/caching-feeds-1a2b3c?source=rss-abc------2</link>
<guid isPermaLink="false">https://medium.example/p/1a2b3c</guid><category><![CDATA[technology]]></category>
<dc:creator><![CDATA[Sam Coder]]></dc:creator><pubDate>Fri, 20 Nov 2026 16:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>ETags are the whole trick: send back what you were given.</p>
<figure><img alt="" src="https://cdn-images.medium.example/max/1024/1*diagram.png" /></figure>
<p>And keep the state somewhere.</p><img src="https://medium.example/_/stat?event=post.clientViewed&referrerSource=full_rss&postId=1a2b3c" width="1" height="1" alt="">]]></content:encoded></item>
</channel></rss>
"""

BLOGGER = b"""<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'
 xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:gd="http://schemas.google.com/g/2005"
 xmlns:thr='http://purl.org/syndication/thread/1.0'><id>tag:blogger.com,1999:blog-1234</id>
<updated>2026-11-21T12:00:00.000-08:00</updated><title type='text'>Valley Orchard Diary</title>
<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='https://orchard.blogspot.example/feeds/posts/default'/>
<link rel='alternate' type='text/html' href='https://orchard.blogspot.example/'/>
<entry><id>tag:blogger.com,1999:blog-1234.post-111</id><published>2026-11-21T09:15:00.000-08:00</published>
<updated>2026-11-21T09:20:11.222-08:00</updated>
<category scheme="http://www.blogger.com/atom/ns#" term="Economy"/><title type='text'>Apple prices this autumn</title>
<content type='html'>&lt;p&gt;Prices at the market were up again.&lt;/p&gt;&lt;div class="separator"&gt;&lt;a href="https://bg.blogusercontent.example/img/b/R29v/s1600/apples.jpg"&gt;&lt;img border="0" data-original-height="900" data-original-width="1600" src="https://bg.blogusercontent.example/img/b/R29v/s320/apples.jpg" width="320" height="180" /&gt;&lt;/a&gt;&lt;/div&gt;</content>
<link rel='replies' type='application/atom+xml' href='https://orchard.blogspot.example/feeds/111/comments/default' title='Post Comments'/>
<link rel='replies' type='text/html' href='https://orchard.blogspot.example/2026/11/apple-prices.html#comment-form' title='0 Comments'/>
<link rel='edit' type='application/atom+xml' href='https://www.blogger.example/feeds/1234/posts/default/111'/>
<link rel='self' type='application/atom+xml' href='https://www.blogger.example/feeds/1234/posts/default/111'/>
<link rel='alternate' type='text/html' href='https://orchard.blogspot.example/2026/11/apple-prices.html' title='Apple prices'/>
<author><name>Orchard Keeper</name><gd:image rel='http://schemas.google.com/g/2005#thumbnail' width='16' height='16'
 src='https://img1.blogblog.example/img/b16-rounded.gif'/></author>
<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="https://bg.blogusercontent.example/img/b/R29v/s72-c/apples.jpg"
 height="72" width="72"/><thr:total>0</thr:total></entry></feed>
"""

GITHUB = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en-US">
  <id>tag:github.com,2008:https://github.example/acme/widget/releases</id>
  <link type="text/html" rel="alternate" href="https://github.example/acme/widget/releases"/>
  <link type="application/atom+xml" rel="self" href="https://github.example/acme/widget/releases.atom"/>
  <title>Release notes from widget</title><updated>2026-11-20T14:02:11Z</updated>
  <entry><id>tag:github.com,2008:Repository/123456/v2.4.0</id><updated>2026-11-20T14:02:11Z</updated>
    <link rel="alternate" type="text/html" href="https://github.example/acme/widget/releases/tag/v2.4.0"/>
    <title>v2.4.0</title>
    <content type="html">&lt;h2&gt;What&amp;#39;s Changed&lt;/h2&gt;
&lt;ul&gt;&lt;li&gt;Faster start by &lt;a href=&quot;https://github.example/octo&quot;&gt;@octo&lt;/a&gt;&lt;/li&gt;&lt;/ul&gt;</content>
    <author><name>octo</name></author>
    <media:thumbnail height="30" width="30" url="https://avatars.github.example/u/1?s=60&amp;v=4"/>
  </entry>
</feed>
"""

ARXIV = b"""<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
  <channel><title>cs.CL updates on arXiv.example</title><link>http://rss.arxiv.example/rss/cs.CL</link>
    <description>cs.CL updates on the arXiv.example e-print archive.</description>
    <item><title>Counting Headlines with Small Models</title><link>https://arxiv.example/abs/2611.01234</link>
      <description>arXiv:2611.01234v1 Announce Type: new
Abstract: We count the words of headlines with small models, and find that $n^2$ is too many.</description>
      <guid isPermaLink="false">oai:arXiv.example:2611.01234v1</guid><category>cs.CL</category>
      <pubDate>Fri, 20 Nov 2026 00:00:00 -0500</pubDate><arxiv:announce_type>new</arxiv:announce_type>
      <dc:creator>Ada Author, Ben Writer</dc:creator></item>
  </channel>
</rss>
"""

BLUESKY = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><description>Posts about the harbour.</description>
<link>https://bsky.example/profile/harbour.example</link><title>@harbour.example - Harbour Watch</title>
<item><link>https://bsky.example/profile/harbour.example/post/3kabcdefghi2x</link>
 <description>The new ferry made its first crossing this morning &amp; was full. Photos later today!</description>
 <pubDate>21 Nov 2026 09:12:44 +0000</pubDate>
 <guid isPermaLink="false">at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabcdefghi2x</guid></item>
<item><link>https://bsky.example/profile/harbour.example/post/3kabcdefghi2y</link>
 <description>The council met for four hours last night to decide the budget &amp; the ferry.

It agreed to keep the ferry running all winter, to repair the pier before spring, and to look again at
parking fees in March, when the new figures for visitors are in and the shops have had their say about it.
The vote was close: seven to six, after a long debate about the cost of the winter crossings.</description>
 <pubDate>20 Nov 2026 21:00:00 +0000</pubDate>
 <guid isPermaLink="false">at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3kabcdefghi2y</guid></item>
</channel></rss>
"""

JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Pocket Journal",
    "home_page_url": "https://journal.example/", "feed_url": "https://journal.example/feed.json",
    "authors": [{"name": "Kim Writer", "url": "https://journal.example/about"}], "language": "en",
    "items": [
        {"id": "https://journal.example/2026/11/21/walk", "url": "https://journal.example/2026/11/21/walk",
         "title": "A walk by the river &amp; the weir", "content_html": "<p>Cold but <em>bright</em>.</p>",
         "summary": "Cold but bright.", "image": "https://journal.example/img/river.jpg",
         "banner_image": "https://journal.example/img/river-wide.jpg",
         "date_published": "2026-11-21T08:00:00-05:00", "authors": [{"name": "Kim Writer"}]},
        {"id": "2", "url": "https://journal.example/2026/11/20/note", "title": "Two paragraphs",
         "content_text": "Only text here.\n\nA second paragraph & <b>no markup</b>,\nover two lines.",
         "date_modified": "2026-11-20T10:00:00Z"},
        {"id": "3", "url": "https://journal.example/2026/11/19/ep", "title": "Episode 3", "content_text": "Listen.",
         "date_published": "2026-11-19T10:00:00Z",
         "attachments": [{"url": "https://journal.example/audio/3.mp3", "mime_type": "audio/mpeg",
                          "size_in_bytes": 2345678, "duration_in_seconds": 1800.5}]},
    ]}).encode()

NOTES = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"
 xml:base="https://notes.example/blog/">
<title>Notes</title><id>tag:notes.example,2026:feed</id><updated>2026-11-21T10:00:00Z</updated>
<entry><title>Several links</title><id>tag:notes.example,2026:post-7</id>
 <link rel="self" type="application/atom+xml" href="posts/7.atom"/>
 <link rel="replies" type="text/html" href="posts/7#comments"/>
 <link rel="alternate" type="application/json" href="posts/7.json"/>
 <link rel="alternate" type="text/html" href="posts/7"/>
 <updated>2026-11-21T10:00:00Z</updated>
 <content type="html" xml:base="https://notes.example/blog/posts/">&lt;p&gt;See &lt;a href="8"&gt;the next one&lt;/a&gt;.&lt;/p&gt;&lt;img src="../img/7-wide.jpg" width="1200" height="600"&gt;</content></entry>
<entry xml:base="/pictures/"><title>A relative thumbnail</title><id>tag:notes.example,2026:post-8</id>
 <link rel="alternate" href="posts/8"/><updated>2026-11-21T09:00:00Z</updated>
 <media:thumbnail url="8-wide.jpg" width="640" height="360"/><summary>A picture in media:thumbnail.</summary></entry>
<entry><title>Only a tag id</title><id>tag:notes.example,2026:post-6</id><updated>2026-11-20T10:00:00Z</updated>
 <summary>No link at all.</summary></entry>
<entry><title>A urn id</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><updated>2026-11-18T10:00:00Z</updated>
 <summary>Nor here.</summary></entry>
<entry><title>An id that is the page</title><id>https://notes.example/blog/posts/5</id>
 <updated>2026-11-19T10:00:00Z</updated><summary>The id is the page.</summary></entry>
<entry><title type="text">Salt &amp;amp; pepper &amp;#8217;s</title><id>https://notes.example/blog/posts/4</id>
 <updated>2026-11-17T10:00:00Z</updated><summary type="text">Salt &amp;amp; more</summary></entry>
</feed>
"""


def rss(items: str, title: str = "Plain Feed", encoding: str = "UTF-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f'<link>https://plain.example/</link>\n{items}</channel></rss>\n')


def item(title: str, path: str, extra: str = "") -> str:
    return (f"<item><title>{title}</title><link>https://plain.example/{path}</link>"
            f"<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate>{extra}</item>")


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)  # (deflate without zlib's header, as some servers send)
    return compressor.compress(data) + compressor.flush()


ROUTES = {
    "/youtube.xml": Route(YOUTUBE, content_type="text/xml; charset=UTF-8"),
    "/podcast.rss": Route(PODCAST, content_type="application/xml"),
    "/medium.rss": Route(MEDIUM, content_type="text/xml; charset=utf-8"),
    "/blogger.atom": Route(BLOGGER, content_type="application/atom+xml; charset=UTF-8"),
    "/github.atom": Route(GITHUB, content_type="application/atom+xml; charset=utf-8"),
    "/arxiv.rss": Route(ARXIV),
    "/bluesky.rss": Route(BLUESKY),
    "/feed.json": Route(JSON_FEED, content_type="application/feed+json"),
    "/notes.atom": Route(NOTES, content_type="application/atom+xml"),
    # what servers do to feeds
    "/plain.rss": Route(rss(item("Served as text/plain", "plain")).encode(), content_type="text/plain"),
    "/octet.rss": Route(rss(item("Served as octet-stream", "octet")).encode(), content_type="application/octet-stream"),
    "/json-type.rss": Route(rss(item("RSS served as JSON", "json-type")).encode(), content_type="application/json"),
    "/gzip-file.rss": Route(gzip.compress(rss(item("A gzip file", "gzip-file")).encode()),
                            content_type="application/x-gzip"),
    "/x-gzip.rss": Route(gzip.compress(rss(item("Encoded x-gzip", "x-gzip")).encode()),
                         headers={"Content-Encoding": "x-gzip"}),
    "/gzip-twice.rss": Route(gzip.compress(rss(item("Gzipped twice", "gzip-twice")).encode()), gzip=True),
    "/zipped.rss": Route(rss(item("Gzip encoded", "gzipped")).encode(), gzip=True),
    "/deflate.rss": Route(zlib.compress(rss(item("Deflate encoded", "deflate")).encode()),
                          headers={"Content-Encoding": "deflate"}),
    "/raw-deflate.rss": Route(raw_deflate(rss(item("Raw deflate encoded", "raw-deflate")).encode()),
                              headers={"Content-Encoding": "deflate"}),
    "/latin1.rss": Route(rss(item("Café crème", "latin1", "<description>Crème brûlée</description>"),
                             encoding="ISO-8859-1").encode("iso-8859-1"), content_type="text/xml"),
    "/cp1251.rss": Route(rss(item("Новости дня", "cp1251", "<description>Привет, мир</description>"),
                             title="Газета", encoding="windows-1251").encode("cp1251"), content_type="application/xml"),
    "/undated.rss": Route(rss("<item><title>No date here</title><link>https://plain.example/undated</link></item>").encode()),
    "/dupes.rss": Route(rss(
        '<item><title>First copy</title><guid isPermaLink="false">same-1</guid><link>https://plain.example/d1</link>'
        '<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>'
        '<item><title>Second copy</title><guid isPermaLink="false">same-1</guid><link>https://plain.example/d1</link>'
        '<pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate></item>').encode()),
    "/entities.rss": Route(rss(
        item("Fish &amp;amp; chips", "fish", "<description>Fish &amp;amp; chips, twice escaped</description>")
        + item("<![CDATA[Tom &amp; Jerry&#8217;s]]>", "tom") + item("AT&amp;T &lt; 5", "att")).encode()),
}


@pytest.fixture(scope="module")
def fetch_run(tmp_path_factory) -> tuple[Path, str, int]:
    """One fetch of every feed above: the site, what fetch said, and its exit status."""
    with FeedServer() as server:
        server.routes.update(ROUTES)
        sources = "".join(f"  - url: {server.url(path)}\n" for path in ROUTES)
        site = feed_site(tmp_path_factory.mktemp("real_feeds") / "site", sources,
                         settings="topics: [Economy, Science, Technology]\n")
        said = io.StringIO()
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            code = main(["fetch", "--config", str(site / "config.yaml")])
    return site, said.getvalue(), code


@pytest.fixture(scope="module")
def items(fetch_run) -> dict[str, dict]:
    found = fetched(fetch_run[0])
    assert found
    return found


def body(site: Path, words: str) -> str:
    (path,) = [path for path in (site / "content" / "fetched").rglob("*.md") if words in path.name]
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def test_a_youtube_video_is_a_video_with_its_player_picture_and_description(items):
    video = items["Council meeting & budget vote"]
    assert video["type"] == "video"
    assert video["featuredContent"] == '<iframe src="https://www.youtube.com/embed/Xy1_-Ab2Cd3"></iframe>'
    assert video["images"] == [{"url": "https://i1.ytimg.example/vi/Xy1_-Ab2Cd3/hqdefault.jpg",
                                "width": 480, "height": 360}]
    assert video["excerpt"].startswith("The whole meeting of the town council")
    assert video["publishedDateTime"] == "2026-11-20T18:30:05Z"


def test_a_podcast_episode_has_its_length_size_and_player(items):
    episode = items["Episode 41: The ferry timetable"]
    assert (episode["type"], episode["length"], episode["size"]) == ("podcast", 3753, 60123456)
    assert episode["featuredContent"] == '<audio controls preload="none" src="https://dts.pod.example/ep41.mp3?aid=rss"></audio>'
    assert episode["excerpt"].startswith("We ask the ferry company")
    assert episode["images"] == [{"url": "https://cdn.pod.example/ep41/art.jpg"}]
    seconds = items["Episode 40: Seconds"]
    assert (seconds["type"], seconds["length"]) == ("podcast", 1834)
    assert "size" not in seconds  # (length="0": unknown)


def test_a_json_feed_1_1_item_is_read_whole(items):
    walk = items["A walk by the river & the weir"]  # (a plain text escaped twice, as in Atom)
    assert walk["publishedDateTime"] == "2026-11-21T13:00:00Z"
    assert walk["images"] == [{"url": "https://journal.example/img/river.jpg"},
                              {"url": "https://journal.example/img/river-wide.jpg"}]
    assert items["Two paragraphs"]["publishedDateTime"] == "2026-11-20T10:00:00Z"  # (date_modified only)
    episode = items["Episode 3"]
    assert (episode["type"], episode["length"], episode["size"]) == ("audio", 1800, 2345678)


def test_every_feed_is_read(fetch_run):
    assert fetch_run[2] == 0, fetch_run[1]
    assert "23 sources, 37 new" in fetch_run[1]


def test_a_feed_served_as_json_or_as_a_gzip_file_is_read_as_what_it_is(items):
    # (servers label an RSS file application/json, or send a .xml.gz file without Content-Encoding)
    assert items["RSS served as JSON"]["originalUrl"] == "https://plain.example/json-type"
    assert items["A gzip file"]["originalUrl"] == "https://plain.example/gzip-file"
    # (an encoding httpx does not know, x-gzip, is left to this too, as is a gzip file gzipped again)
    assert items["Encoded x-gzip"]["originalUrl"] == "https://plain.example/x-gzip"
    assert items["Gzipped twice"]["originalUrl"] == "https://plain.example/gzip-twice"


def test_a_gzip_file_that_unpacks_past_max_bytes_fails_alone(tmp_path, capsys):
    with FeedServer() as server:
        server.routes["/bomb.rss"] = Route(gzip.compress(b"<rss>" + b" " * 200_000 + b"</rss>"),
                                           content_type="application/gzip")
        site = feed_site(tmp_path / "site", f"  - {server.url('/bomb.rss')}\n", fetch="  max_bytes: 100000\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 1
    assert "a gzip file of more than fetch.max_bytes (100,000 bytes) unpacked" in capsys.readouterr().err


def test_feeds_served_with_a_wrong_type_compressed_or_in_another_charset_are_read(items):
    for title in ("Served as text/plain", "Served as octet-stream", "Gzip encoded", "Deflate encoded",
                  "Raw deflate encoded"):
        assert items[title]["originalUrl"].startswith("https://plain.example/")
    assert items["Café crème"]["excerpt"] == "Crème brûlée"
    assert items["Новости дня"]["excerpt"] == "Привет, мир"
    assert items["Новости дня"]["provider"]["name"] == "Газета"


def test_an_entry_without_a_date_is_dated_when_first_fetched(items):
    assert items["No date here"]["publishedDateTime"] == "2026-11-22T12:00:00Z"  # (the config's `now`)


def test_an_entry_a_feed_lists_twice_is_written_once_and_fetch_says_so(fetch_run, items):
    assert "First copy" in items and "Second copy" not in items
    assert "'Second copy': the feed lists this entry twice; the first is kept" in fetch_run[1]


def test_entities_in_rss_titles_are_decoded_once(items):
    assert items["Fish & chips"]["excerpt"] == "Fish & chips, twice escaped"
    assert "Tom & Jerry’s" in items
    assert "AT&T < 5" in items


def test_atom_takes_the_html_alternate_among_several_links_and_resolves_xml_base(fetch_run, items):
    post = items["Several links"]
    assert post["originalUrl"] == "https://notes.example/blog/posts/7"
    assert post["images"] == [{"url": "https://notes.example/blog/img/7-wide.jpg", "width": 1200, "height": 600}]
    assert 'href="https://notes.example/blog/posts/8"' in body(fetch_run[0], "several-links")
    assert items["An id that is the page"]["originalUrl"] == "https://notes.example/blog/posts/5"
    # (media:thumbnail's url too, which feedparser leaves as written, against the entry's xml:base)
    thumbnail = items["A relative thumbnail"]
    assert thumbnail["originalUrl"] == "https://notes.example/pictures/posts/8"
    assert thumbnail["images"] == [{"url": "https://notes.example/pictures/8-wide.jpg", "width": 640, "height": 360}]


def test_an_id_that_is_no_http_address_is_no_link(fetch_run, items):
    # (feedparser gives an entry without a link its id as the link: a tag: or urn: URI is no page, and no
    # unsafe address to warn about either)
    for title in ("Only a tag id", "A urn id"):
        assert "originalUrl" not in items[title] and "webUrl" not in items[title], title
    assert "no http or https URL" not in fetch_run[1]


def test_a_picture_the_feed_declares_under_100_pixels_is_no_items_picture(items):
    # GitHub's 30-pixel avatar of the author is no picture of the release; Blogger's 72-pixel square
    # thumbnail is a crop of the post's picture, which its text has bigger
    assert "images" not in items["widget v2.4.0"]
    assert items["Apple prices this autumn"]["images"] == [
        {"url": "https://bg.blogusercontent.example/img/b/R29v/s320/apples.jpg", "width": 320, "height": 180}]


def test_a_tracking_pixel_is_left_out_of_the_body(fetch_run, items):
    text = body(fetch_run[0], "caching-feeds")
    assert "1*diagram.png" in text and "And keep the state somewhere." in text
    assert "/_/stat" not in text  # (Medium's 1×1 picture that tells it who read the post)
    assert items["Caching feeds the boring way"]["images"] == [
        {"url": "https://cdn-images.medium.example/max/1024/1*diagram.png"}]


def test_a_podcast_episode_without_a_picture_of_its_own_shows_the_shows_cover(items):
    assert items["Episode 40: Seconds"]["images"] == [{"url": "https://cdn.pod.example/show/cover-3000.jpg"}]
    assert items["Episode 41: The ferry timetable"]["images"] == [{"url": "https://cdn.pod.example/ep41/art.jpg"}]


def test_a_plain_text_body_keeps_its_paragraphs_and_line_breaks(fetch_run):
    text = body(fetch_run[0], "two-paragraphs")
    assert "<p>Only text here.</p>" in text
    assert "<p>A second paragraph &amp; &lt;b&gt;no markup&lt;/b&gt;,<br>\nover two lines.</p>" in text


def test_arxivs_announcement_line_is_not_the_excerpt(items):
    paper = items["Counting Headlines with Small Models"]
    assert paper["excerpt"] == "We count the words of headlines with small models, and find that $n^2$ is too many."
    assert paper["publishedDateTime"] == "2026-11-20T05:00:00Z"


def test_a_redirect_to_https_that_fails_is_named_with_where_it_led(tmp_path, capsys):
    # (a site moving its feed to https with a 301, where this server speaks no TLS)
    with FeedServer() as server:
        target = server.url("/feed.rss").replace("http://", "https://")
        server.routes["/feed.rss"] = Route(rss(item("Never read", "never")).encode(), status=301,
                                           headers={"Location": target})
        site = feed_site(tmp_path / "site", f"  - {server.url('/feed.rss')}\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"redirected (HTTP 301) to {target}: " in err
    assert "no TLS (https) connection" in err and "WRONG_VERSION_NUMBER" not in err
    assert not (site / "content" / "fetched").exists() or not list((site / "content" / "fetched").rglob("*.md"))


def test_entities_escaped_twice_in_a_plain_text_title_are_decoded_once(items):
    # (Atom's type="text" title "Salt &amp;amp; pepper": its writer escaped it twice, and means "&")
    salt = items["Salt & pepper ’s"]
    assert salt["excerpt"] == "Salt & more"


def test_a_youtube_description_is_plain_text_with_its_line_breaks(fetch_run, items):
    # (media:description is plain text: a "<b>" in it is what the uploader typed, and its lines are chapters)
    text = body(fetch_run[0], "harbour-walk")
    assert "<p>Chapters:<br>\n00:00 The lighthouse<br>\n04:12 The &lt;b&gt;old&lt;/b&gt; fish market &amp; its clock" in text
    assert "<b>" not in text
    assert items["Harbour walk, with chapters"]["excerpt"].startswith("A walk along the harbour wall at low tide")


def test_an_enclosure_without_a_sound_type_is_known_by_its_extension(items):
    # (hosts send mp3 files as application/octet-stream, or with no type at all; a duration with a fraction
    # of a second is its seconds)
    typed = items["Episode 39: Typed as bytes"]
    assert (typed["type"], typed["length"], typed["size"]) == ("podcast", 2710, 31234567)
    assert typed["featuredContent"] == '<audio controls preload="none" src="https://dts.pod.example/ep39.MP3?x=1"></audio>'
    assert items["Episode 38: No type"]["type"] == "podcast"


def test_the_site_builds_from_the_fetched_items_without_a_warning(fetch_run, items):
    config, result = build_site(fetch_run[0])
    assert not result.site.problems and not result.site.warnings, [str(p) for p in
                                                                   (*result.site.problems, *result.site.warnings)]
    assert result.items == len(items)
    pages = {path: path.read_text(encoding="utf-8") for path in config.output_path.rglob("index.html")}
    (video,) = [text for text in pages.values() if "<h1" in text and "Council meeting &amp; budget vote</h1>" in text]
    assert '<iframe src="https://www.youtube.com/embed/Xy1_-Ab2Cd3"' in video
    (episode,) = [text for text in pages.values() if "<h1" in text and "Episode 39: Typed as bytes</h1>" in text]
    assert 'src="https://dts.pod.example/ep39.MP3?x=1"' in episode and "<audio" in episode
    (medium,) = [text for text in pages.values() if "<h1" in text and "Caching feeds the boring way</h1>" in text]
    assert "1*diagram.png" in medium and "/_/stat" not in medium


@pytest.mark.slow
def test_a_feed_of_5000_entries_is_written_whole_and_read_again_unchanged(tmp_path, capsys):
    entries = "".join(
        item(f"Story {n} about the harbour", f"s/{n}", f"<guid>https://plain.example/s/{n}</guid>"
             f"<description>&lt;p&gt;Paragraph {n}, with &lt;a href=\"/x/{n}\"&gt;a link&lt;/a&gt;.&lt;/p&gt;</description>")
        for n in range(5000))
    with FeedServer() as server:
        server.routes["/big.rss"] = Route(rss(entries).encode())
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/big.rss')}\n    max_items: 0\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
        assert "1 source, 5000 new" in capsys.readouterr().out
        assert len(list((site / "content" / "fetched").rglob("*.md"))) == 5000
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
        assert "1 source, 0 new, 0 updated, 5000 unchanged" in capsys.readouterr().out


def test_a_post_without_a_title_is_titled_by_its_first_sentence(items):
    # (Bluesky's and Mastodon's feeds give posts no title: the first sentence reads as one, where the first
    # 80 characters cut mid-sentence did not)
    post = items["The new ferry made its first crossing this morning & was full."]
    assert post["excerpt"] == "The new ferry made its first crossing this morning & was full. Photos later today!"
    assert post["originalUrl"] == "https://bsky.example/profile/harbour.example/post/3kabcdefghi2x"


def test_a_post_of_several_paragraphs_without_markup_keeps_them(fetch_run, items):
    # (Bluesky writes a post's text as it is: paragraphs between blank lines, no tags)
    assert "The council met for four hours last night to decide the budget & the ferry." in items
    text = body(fetch_run[0], "the-council-met")
    assert "<p>The council met for four hours last night to decide the budget &amp; the ferry.</p>\n<p>It agreed" in text


def test_a_release_named_by_its_version_alone_is_titled_with_its_project(items):
    # (GitHub's, Gitea's and Forgejo's release feeds title each release by its tag: "v2.4.0" on a card
    # among others' stories says nothing)
    release = items["widget v2.4.0"]
    assert release["originalUrl"] == "https://github.example/acme/widget/releases/tag/v2.4.0"
    assert release["excerpt"] == "What's Changed Faster start by @octo"


def test_a_summary_of_arxiv_prefixes_costs_one_reading(tmp_path, capsys):
    # (a hostile summary "arXiv:arXiv:arXiv:...": looking for arXiv's announcement line anywhere in it took
    # time in the square of its length, minutes for 300 kB)
    summary = "arXiv:" * 50_000
    with FeedServer() as server:
        server.routes["/arxiv.rss"] = Route(rss(item("Many prefixes", "prefixes", f"<description>{summary}</description>")).encode())
        site = feed_site(tmp_path / "site", f"  - {server.url('/arxiv.rss')}\n")
        started = cpu_seconds()
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
        assert cpu_seconds() - started < 20
    assert fetched(site)["Many prefixes"]["excerpt"].startswith("arXiv:arXiv:")
