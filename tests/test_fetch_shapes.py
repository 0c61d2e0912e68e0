"""`newsdesk fetch` of feeds of particular shapes that real sites serve (Feedburner, Mastodon, RSS 1.0),
from a real HTTP server on 127.0.0.1: each item gets the article's own address and its own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import feed_site, fetched
from feed_server import FeedServer, Route
from generator.cli import main

FEEDBURNER = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>Burned Blog</title><link>https://burned.example/</link>
<item><title>Harbour ferry returns</title><link>https://feeds.feedburner.example/~r/burned/~3/abc/ferry</link>
  <feedburner:origLink>https://burned.example/2026/11/ferry/</feedburner:origLink>
  <pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate><description>The ferry is back.</description></item>
<item><title>A hostile original</title><link>https://feeds.feedburner.example/~r/burned/~3/def/hostile</link>
  <feedburner:origLink>javascript:alert(1)</feedburner:origLink>
  <pubDate>Sat, 21 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>
"""

MASTODON = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Jane (@jane@social.example)</title><link>https://social.example/@jane</link>
<item><guid isPermaLink="true">https://social.example/@jane/1</guid><link>https://social.example/@jane/1</link>
  <pubDate>Sat, 21 Nov 2026 09:00:00 +0000</pubDate>
  <description>&lt;p&gt;The council voted to close Main Street to cars on Sundays, from the first of March, after a
  year of trials that the shops along it asked for. Cyclists and the bus company welcomed it.&lt;/p&gt;</description>
  <media:content url="https://files.social.example/1.png" type="image/png" medium="image">
    <media:description type="plain">A quiet street with bicycles</media:description></media:content></item>
</channel></rss>
"""

RDF = b"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://papers.example/"><title>Papers</title><link>https://papers.example/</link>
  <description>New papers</description></channel>
<item rdf:about="https://papers.example/abs/1"><title>Counting words in headlines</title>
  <link>https://papers.example/abs/1</link><description>We count words.</description>
  <dc:date>2026-11-21T08:00:00Z</dc:date></item>
</rdf:RDF>
"""


HACKER_NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hacker News</title><link>https://news.hn.example/</link>
<item><title>Show HN: A tiny static site generator</title><link>https://code.example/tiny</link>
  <pubDate>Sat, 21 Nov 2026 11:00:00 +0000</pubDate><comments>https://news.hn.example/item?id=1</comments>
  <description>&lt;a href="https://news.hn.example/item?id=1"&gt;Comments&lt;/a&gt;</description></item>
<item><title>A summary that is one long link</title><link>https://code.example/long</link>
  <pubDate>Sat, 21 Nov 2026 10:00:00 +0000</pubDate>
  <description>&lt;a href="https://code.example/long"&gt;Engineers rebuilt the old bridge in six weeks, using the
  original stones&lt;/a&gt;</description></item>
</channel></rss>
"""


WORDPRESS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Gazette</title><link>https://gazette.example</link>
<item><title>Library opens on Sundays</title><link>https://gazette.example/2026/11/library-sundays/</link>
  <pubDate>Sat, 21 Nov 2026 08:00:00 +0000</pubDate>
  <description><![CDATA[<p>From next month the central library opens on Sundays [&#8230;]</p>
<p>The post <a href="https://gazette.example/2026/11/library-sundays/">Library opens on Sundays</a> appeared
first on <a href="https://gazette.example">Valley Gazette</a>.</p>]]></description>
  <content:encoded><![CDATA[<p><img src="https://s.w.example/emoji/1f642.png" alt="🙂" class="wp-smiley">
<img src="https://stats.example/b.gif" width="1" height="1" alt=""><img src="javascript:alert(1)" alt="x">
<img src="/uploads/library.jpg" width="1200" height="800" alt="The library"></p>
<p>From next month the central library opens on Sundays, from ten to four.</p>
<p>Der Beitrag <a href="https://gazette.example/2026/11/library-sundays/">Library opens on Sundays</a> erschien
zuerst auf <a href="https://gazette.example">Valley Gazette</a>.</p>]]></content:encoded></item>
<item><title>Bridge reopens</title><link>https://gazette.example/2026/11/bridge/</link>
  <pubDate>Sat, 21 Nov 2026 07:00:00 +0000</pubDate>
  <description><![CDATA[<p>The bridge reopened.</p><p>Read our earlier report on
<a href="https://gazette.example/2026/10/bridge-closed/">the closure</a>.</p>]]></description></item>
</channel></rss>
""".encode()


BLOG = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/posts/"><title>A Blog</title>
<link href="https://blog.example/"/><id>tag:blog</id><updated>2026-11-21T10:00:00Z</updated>
<entry><title>Garden notes</title><id>tag:blog,1</id><link href="garden"/><updated>2026-11-21T10:00:00Z</updated>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Roses, at last.</p>
  <img src="pics/roses.jpg" alt="Roses"/></div></content></entry>
</feed>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One fetch of every shape, shared: the tests only read what it wrote."""
    with FeedServer() as server:
        server.routes.update({"/burned.xml": Route(FEEDBURNER), "/jane.rss": Route(MASTODON),
                              "/papers.rdf": Route(RDF),
                              "/hn.rss": Route(HACKER_NEWS), "/wp.rss": Route(WORDPRESS),
                              "/blog.atom": Route(BLOG)})
        sources = "".join(f"  - url: {server.url(name)}\n"
                          for name in ("/burned.xml", "/jane.rss", "/papers.rdf", "/hn.rss", "/wp.rss", "/blog.atom"))
        site = feed_site(tmp_path_factory.mktemp("shapes") / "site", sources)
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    return site


@pytest.fixture(scope="module")
def items(site: Path) -> dict[str, dict]:
    found = fetched(site)
    assert found
    return found


def test_a_feedburner_entry_links_to_the_article_not_the_redirect(items):
    assert items["Harbour ferry returns"]["originalUrl"] == "https://burned.example/2026/11/ferry/"
    # an original address that is no http(s) one is not taken: the entry keeps its own link
    assert items["A hostile original"]["originalUrl"].startswith("https://feeds.feedburner.example/")


def test_a_post_without_a_title_keeps_its_text_not_its_pictures_description(site, items):
    # (feedparser makes the picture's media:description the entry's content: it is the picture's alt text)
    (title,) = [title for title in items if title.startswith("The council voted")]
    assert items[title]["images"] == [{"url": "https://files.social.example/1.png",
                                       "alt": "A quiet street with bicycles"}]
    (path,) = [path for path in (site / "content" / "fetched").rglob("*.md") if "council" in path.name]
    assert items[title]["excerpt"].endswith("Cyclists and the bus company welcomed it.")
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "A quiet street with bicycles" not in body  # (it was the post's body)


def test_an_rss_1_0_entry_is_read_with_its_date(items):
    paper = items["Counting words in headlines"]
    assert paper["publishedDateTime"] == "2026-11-21T08:00:00Z"
    assert paper["excerpt"] == "We count words."


def test_a_summary_that_is_only_a_short_link_is_no_excerpt(items):
    assert "excerpt" not in items["Show HN: A tiny static site generator"]  # (it was "Comments")
    assert items["A summary that is one long link"]["excerpt"].startswith("Engineers rebuilt the old bridge")


def test_a_wordpress_footer_that_links_back_to_the_post_is_not_its_text(site, items):
    # (Yoast's "The post ... appeared first on ...", in any language; "[…]" after a cut summary)
    assert items["Library opens on Sundays"]["excerpt"] == "From next month the central library opens on Sundays…"
    (path,) = [path for path in (site / "content" / "fetched").rglob("*.md") if "library" in path.name]
    text = path.read_text(encoding="utf-8")
    assert "from ten to four" in text and "erschien" not in text and "appeared" not in text
    # a last paragraph linking elsewhere is the story's own
    assert items["Bridge reopens"]["excerpt"] == "The bridge reopened. Read our earlier report on the closure."


def test_an_entry_whose_feed_names_no_picture_gets_the_first_of_its_text(site, items):
    # (not an emoji, a tracking pixel or an address that is no http(s) one; relative ones resolved as the
    # text's links are: in RSS, against the feed's address)
    (picture,) = items["Library opens on Sundays"]["images"]
    assert picture["url"].startswith("http://127.0.0.1:") and picture["url"].endswith("/uploads/library.jpg")
    assert (picture["width"], picture["height"]) == (1200, 800)
    assert items["Garden notes"]["images"] == [{"url": "https://blog.example/posts/pics/roses.jpg"}]
    assert "images" not in items["Bridge reopens"]  # (no picture anywhere)
    # a picture the feed names is the item's, whatever its text shows
    assert items["Harbour ferry returns"].get("images") is None
    assert items[next(t for t in items if t.startswith("The council"))]["images"] == [
        {"url": "https://files.social.example/1.png", "alt": "A quiet street with bicycles"}]
