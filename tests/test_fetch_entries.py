"""How fetch reads an entry's fields from the feeds crawled sites serve: Reddit's, Hacker News' and Lemmy's
links and boilerplate, lazy-loading pictures, HTML escaped twice, avatars and thumbnails that are no story's
picture, enclosures without a type, dates in other languages' words, formulas in excerpts, entries with
nothing to show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import (FEED, HOSTILE_DATES, LOCALISED_DATES, built_page as page, cpu_seconds, feed_site, fetch_said,
                      fetched, fetched_dates)
from feed_server import FeedServer, Route
from generator import cli
from generator.cli import main


def rss(*items: str, title: str = "Feed") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f'<link>https://site.example/</link>{"".join(items)}</channel></rss>').encode()


def fetch_items(tmp_path: Path, capsys, routes: dict[str, Route]) -> dict[str, dict]:
    """`newsdesk fetch` of these feeds, served on 127.0.0.1: the items written, by title."""
    with FeedServer() as server:
        server.routes.update(routes)
        site = feed_site(tmp_path / "site", "".join(f"  - url: {server.url(name)}\n" for name in routes))
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert found
    return found


def test_feed_dates_with_other_languages_month_names_are_read(tmp_path, capsys):
    """feedparser reads RSS dates in English only: an entry dated `Mi, 02 Dez 2026 ...` was dated when fetched."""
    items = "".join(f"<item><title>Entry {number}</title><link>https://site.example/{number}</link>"
                    f"<pubDate>{written}</pubDate></item>" for number, written in enumerate(LOCALISED_DATES))
    found = fetch_items(tmp_path, capsys, {"/de.rss": Route(rss(items))})
    assert {written: found[f"Entry {number}"]["publishedDateTime"]
            for number, written in enumerate(LOCALISED_DATES)} == LOCALISED_DATES


def reddit_entry(post: str, title: str, text: str, link: str, thumbnail: bool = False) -> str:
    """An entry of a subreddit's Atom feed (https://www.reddit.com/r/X/.rss) as Reddit writes one."""
    discussion = f"https://www.reddit.com/r/harbour/comments/{post}/{title.lower().replace(' ', '_')}/"
    footer = (f' &#32; submitted by &#32; <a href="https://www.reddit.com/user/fan"> /u/fan </a> <br/> '
              f'<span><a href="{link or discussion}">[link]</a></span> &#32; '
              f'<span><a href="{discussion}">[comments]</a></span>')
    if thumbnail:
        html = (f'<table> <tr><td> <a href="{discussion}"> <img src="https://b.thumbs.redditmedia.com/{post}.jpg" '
                f'alt="{title}" title="{title}" /> </a> </td><td>{footer} </td></tr></table>')
    else:
        html = f'<!-- SC_OFF --><div class="md">{text}</div><!-- SC_ON -->{footer}'
    escaped = html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    media = f'<media:thumbnail url="https://b.thumbs.redditmedia.com/{post}.jpg" />' if thumbnail else ""
    return (f'<entry><author><name>/u/fan</name><uri>https://www.reddit.com/user/fan</uri></author>'
            f'<category term="harbour" label="r/harbour"/><content type="html">{escaped}</content><id>t3_{post}</id>'
            f'{media}<link href="{discussion}" /><updated>2026-11-21T10:00:00+00:00</updated>'
            f'<published>2026-11-21T09:55:00+00:00</published><title>{title}</title></entry>')


REDDIT = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
          'xmlns:media="http://search.yahoo.com/mrss/"><category term="harbour" label="r/harbour"/>'
          '<updated>2026-11-21T10:05:00+00:00</updated><id>/r/harbour/.rss</id>'
          '<link rel="self" href="https://www.reddit.com/r/harbour/.rss" type="application/atom+xml" />'
          '<link rel="alternate" href="https://www.reddit.com/r/harbour/" type="text/html" /><title>Harbour</title>'
          + reddit_entry("1abc", "Cranes repainted", "", "https://news.example/2026/11/cranes?utm_source=reddit",
                         thumbnail=True)
          + reddit_entry("2def", "Why did the ferry stop", "<p>Does anyone know why the ferry stopped running this "
                         "week? The timetable says nothing.</p>", "")
          + reddit_entry("3ghi", "A picture of the quay", "", "https://i.redd.it/quay.jpg", thumbnail=True)
          + reddit_entry("4jkl", "A hostile link", "", "javascript:alert(1)", thumbnail=True)
          + "</feed>").encode()


def test_a_reddit_entry_links_to_the_story_it_submits_and_has_no_submission_footer(tmp_path, capsys):
    """Each entry of a subreddit's feed links to its discussion, and its text is "submitted by /u/x [link]
    [comments]": the item linked only to Reddit and that was its excerpt. A link post's story is its
    `originalUrl` (the discussion its `webUrl`); a post's own text is its text, without the footer."""
    found = fetch_items(tmp_path, capsys, {"/r/harbour/.rss": Route(REDDIT, content_type="application/atom+xml")})
    cranes, ferry = found["Cranes repainted"], found["Why did the ferry stop"]
    assert cranes["originalUrl"] == "https://news.example/2026/11/cranes?utm_source=reddit"
    assert cranes["webUrl"] == "https://www.reddit.com/r/harbour/comments/1abc/cranes_repainted/"
    assert cranes["images"] == [{"url": "https://b.thumbs.redditmedia.com/1abc.jpg"}]
    assert ferry["originalUrl"] == ferry["webUrl"] == "https://www.reddit.com/r/harbour/comments/2def/why_did_the_ferry_stop/"
    assert ferry["excerpt"] == "Does anyone know why the ferry stopped running this week? The timetable says nothing."
    # a picture on Reddit's own host, or an address that is no http(s) one, is no story elsewhere
    for title in ("A picture of the quay", "A hostile link"):
        assert found[title]["originalUrl"] == found[title]["webUrl"]
        assert found[title]["webUrl"].startswith("https://www.reddit.com/r/harbour/comments/")
    for meta in found.values():
        assert "submitted by" not in meta.get("excerpt", "") and "[comments]" not in meta.get("excerpt", "")
    texts = [path.read_text(encoding="utf-8") for path in (tmp_path / "site/content/fetched").rglob("*.md")]
    assert len(texts) == 4 and not any("submitted by" in text or "[link]" in text for text in texts)
    assert any("The timetable says nothing." in text for text in texts)


LAZY = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Lazy Blog</title>'
        '<link>https://lazy.example/</link>'
        '<item><title>Lazy pictures</title><link>https://lazy.example/2026/11/lazy/</link>'
        '<pubDate>Sat, 21 Nov 2026 08:00:00 +0000</pubDate><content:encoded><![CDATA['
        '<p>Words about the harbour, long enough to be a text of its own.</p>'
        '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://cdn.lazy.example/a.jpg" alt="A"></p>'
        '<p><img data-lazy-src="/uploads/b.jpg" alt="B"></p>'
        '<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-srcset="https://cdn.lazy.example/c-320.jpg 320w, '
        'https://cdn.lazy.example/c-1024.jpg 1024w" alt="C"></p>'
        '<p onclick="alert(1)">Safe<script>alert(2)</script><img src="x" onerror="alert(3)" data-src="javascript:alert(4)"></p>'
        ']]></content:encoded></item>'
        '<item><title type="html">&lt;script&gt;alert(5)&lt;/script&gt;Harbour &lt;b&gt;news&lt;/b&gt;'
        '&lt;style&gt;b {color: red}&lt;/style&gt;</title><link>https://lazy.example/2026/11/news/</link>'
        '<pubDate>Sat, 21 Nov 2026 07:00:00 +0000</pubDate><description>Plain.</description></item>'
        '</channel></rss>').encode()


HOSTILE_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;script&gt;alert(6)&lt;/script&gt;Atom &lt;i&gt;Desk&lt;/i&gt;</title>
<link href="https://atom.example/"/><id>tag:atom</id><updated>2026-11-21T10:00:00Z</updated>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(7)</script>Xhtml <b>title</b><style>b{}</style></div></title>
  <id>tag:atom,1</id><link href="https://atom.example/1"/><updated>2026-11-21T10:00:00Z</updated>
  <content type="html" xml:base="https://atom.example/">&lt;p&gt;Body&lt;script&gt;alert(8)&lt;/script&gt;&lt;img data-src="pics/d.jpg" src="data:," alt="D"&gt;&lt;/p&gt;</content></entry>
</feed>"""


def test_fetched_text_keeps_lazy_loading_pictures_and_html_titles_lose_their_scripts(tmp_path, capsys):
    """feedparser's own sanitiser dropped `data-src` (and `srcset`) before newsdesk's saw it: a lazy-loading
    blog's pictures were gone, or a grey placeholder. Fetched text now keeps them as the build does, each
    as its `src`, resolved as the text's other addresses; and a title, a feed's title or an entry's text
    marked as HTML shows no script's or style's text."""
    found = fetch_items(tmp_path, capsys, {"/lazy.rss": Route(LAZY), "/atom.xml": Route(
        HOSTILE_ATOM, content_type="application/atom+xml")})
    assert set(found) == {"Lazy pictures", "Harbour news", "Xhtml title"}, list(found)
    [lazy] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "lazy-pictures" in path.name]
    text = lazy.read_text(encoding="utf-8")
    assert 'src="https://cdn.lazy.example/a.jpg"' in text
    assert 'src="http://127.0.0.1:' in text and '/uploads/b.jpg"' in text  # (relative: as RSS text's links are)
    assert 'src="https://cdn.lazy.example/c-1024.jpg"' in text
    assert found["Lazy pictures"]["images"] == [{"url": "https://cdn.lazy.example/a.jpg"}]  # (not the placeholder)
    for hostile in ("alert", "onclick", "onerror", "javascript:", "<script"):
        assert hostile not in text
    [atom] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "xhtml-title" in path.name]
    atom_text = atom.read_text(encoding="utf-8")
    assert 'src="https://atom.example/pics/d.jpg"' in atom_text and "alert" not in atom_text
    assert found["Xhtml title"]["provider"]["name"] == "Atom Desk"
    assert all("alert" not in json.dumps(meta) and "color" not in json.dumps(meta) for meta in found.values())
    # and the site built from them shows the pictures, and no script's text
    site = tmp_path / "site"
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    news = json.loads((site / "output/api/news/index.json").read_text(encoding="utf-8"))["news"]
    [built] = [entry for entry in news if entry["title"] == "Lazy pictures"]
    html = page(site / "output", built)
    assert 'src="https://cdn.lazy.example/a.jpg"' in html and "alert" not in html


LONG = "The harbour board met on Friday and agreed to repaint every crane along the quay. " * 6


def test_html_escaped_twice_is_the_html_it_escapes_and_a_json_feed_may_give_rss_dates(tmp_path, capsys):
    """A CMS that escapes its HTML before its feed writer escapes it again gives `&lt;p&gt;...` as the text:
    the page showed the tags as words. A JSON Feed converted from RSS dates its items as RSS does: they
    were dated when fetched."""
    twice = LONG.replace("Friday", "Friday &amp;amp; Saturday")
    feed = rss(f"<item><title>Escaped twice</title><link>https://site.example/twice</link>"
               f"<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate>"
               f"<description>&amp;lt;p&amp;gt;{twice}&amp;lt;/p&amp;gt;&amp;lt;p&amp;gt;&amp;lt;b&amp;gt;End"
               f"&amp;lt;/b&amp;gt;&amp;lt;/p&amp;gt;</description></item>"
               f"<item><title>About tags</title><link>https://site.example/tags</link>"
               f"<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate>"
               f"<description>Write &amp;lt;p&amp;gt; for a paragraph. {LONG}</description></item>")
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1", "title": "J", "items": [
        {"id": "1", "url": "https://j.example/1", "title": "RSS dated", "content_text": "x",
         "date_published": "Sat, 21 Nov 2026 08:00:00 +0100"},
        {"id": "2", "url": "https://j.example/2", "title": "Locale dated", "content_text": "x",
         "date_published": "Sa, 21 Nov 2026 08:00:00 +0100"},
        {"id": "3", "url": "https://j.example/3", "title": "No date", "content_text": "x",
         "date_published": "soon"},
        {"id": "4", "url": "https://j.example/4", "title": "Relative date", "content_text": "x",
         "date_published": "yesterday"}]}).encode()
    found = fetch_items(tmp_path, capsys, {"/twice.rss": Route(feed), "/feed.json": Route(
        json_feed, content_type="application/feed+json")})
    [path] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "escaped-twice" in path.name]
    text = path.read_text(encoding="utf-8")
    assert "<p>The harbour board met on Friday &amp; Saturday" in text and "<b>End</b>" in text
    assert "&lt;p" not in text
    assert found["Escaped twice"]["excerpt"].startswith("The harbour board met on Friday & Saturday")
    # (text about HTML that has escaped tags among its words is text)
    [about] = [path for path in (tmp_path / "site/content/fetched").rglob("*.md") if "about-tags" in path.name]
    assert "Write &lt;p&gt; for a paragraph." in about.read_text(encoding="utf-8")
    assert found["RSS dated"]["publishedDateTime"] == found["Locale dated"]["publishedDateTime"] == "2026-11-21T07:00:00Z"
    assert found["No date"]["publishedDateTime"] == "2026-11-22T12:00:00Z"  # (when first seen: the fetch's time)
    assert found["Relative date"]["publishedDateTime"] == "2026-11-21"  # (the day before that fetch, alone)


HNRSS = rss(
    '<item><title>Show HN: A tiny generator</title><link>https://code.example/tiny</link>'
    '<pubDate>Sat, 21 Nov 2026 11:00:00 +0000</pubDate><comments>https://news.ycombinator.com/item?id=1</comments>'
    '<guid isPermaLink="false">https://news.ycombinator.com/item?id=1</guid><description><![CDATA[\n'
    '<p>Article URL: <a href="https://code.example/tiny">https://code.example/tiny</a></p>\n'
    '<p>Comments URL: <a href="https://news.ycombinator.com/item?id=1">https://news.ycombinator.com/item?id=1</a></p>\n'
    '<p>Points: 12</p>\n<p># Comments: 4</p>\n]]></description></item>'
    '<item><title>Ask HN: What do you read?</title><link>https://news.ycombinator.com/item?id=2</link>'
    '<pubDate>Sat, 21 Nov 2026 10:00:00 +0000</pubDate><description><![CDATA[<p>Which feeds do you read each '
    'morning?</p>\n<hr>\n<p>Comments URL: <a href="https://news.ycombinator.com/item?id=2">'
    'https://news.ycombinator.com/item?id=2</a></p>\n<p>Points: 5</p>\n<p># Comments: 2</p>]]></description></item>',
    title="Hacker News: Front Page")


LEMMY = rss(
    '<item><title>Cranes repainted</title><link>https://news.example/cranes</link>'
    '<comments>https://lemmy.example/post/7</comments><guid>https://lemmy.example/post/7</guid>'
    '<pubDate>Sat, 21 Nov 2026 09:00:00 +0000</pubDate><description><![CDATA[submitted by '
    '<a href="https://lemmy.example/u/ann">ann</a> to <a href="https://lemmy.example/c/harbour">harbour</a><br>'
    '23 points | <a href="https://lemmy.example/post/7">5 comments</a><br>'
    '<a href="https://news.example/cranes">https://news.example/cranes</a>'
    '<p>Finally, after ten years of rust.</p>]]></description></item>', title="Lemmy - harbour")


def test_hacker_news_and_lemmy_entries_are_their_story_and_discussion_not_their_boilerplate(tmp_path, capsys):
    """hnrss.org's entries' text is "Article URL: ... Comments URL: ... Points: 12 # Comments: 4", Lemmy's
    "submitted by ann to harbour 23 points | 5 comments": that was the excerpt. As Reddit's, the story is
    `originalUrl`, the discussion `webUrl`, and the text is the post's own, if it has any."""
    found = fetch_items(tmp_path, capsys, {"/hn.rss": Route(HNRSS), "/lemmy.rss": Route(LEMMY)})
    show, ask, cranes = found["Show HN: A tiny generator"], found["Ask HN: What do you read?"], found["Cranes repainted"]
    assert (show["originalUrl"], show["webUrl"]) == ("https://code.example/tiny", "https://news.ycombinator.com/item?id=1")
    assert "excerpt" not in show
    assert ask["originalUrl"] == ask["webUrl"] == "https://news.ycombinator.com/item?id=2"
    assert ask["excerpt"] == "Which feeds do you read each morning?"
    assert (cranes["originalUrl"], cranes["webUrl"]) == ("https://news.example/cranes", "https://lemmy.example/post/7")
    assert cranes["excerpt"] == "Finally, after ten years of rust."
    texts = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "site/content/fetched").rglob("*.md"))
    for boilerplate in ("Comments URL", "Points:", "submitted by", "5 comments"):
        assert boilerplate not in texts


WORDPRESS_COM = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" '
                 'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>WP</title>'
                 '<link>https://wp.example</link>'
                 '<item><title>Harbour cranes</title><link>https://wp.example/2026/11/cranes/</link>'
                 '<pubDate>Sat, 21 Nov 2026 08:00:00 +0000</pubDate><description>Short.</description>'
                 '<media:content url="https://0.gravatar.com/avatar/abc?s=96&amp;d=identicon" medium="image">'
                 '<media:title type="html">jane</media:title></media:content>'
                 '<media:content url="https://wp.example/files/2026/11/crane.jpg" medium="image">'
                 '<media:title type="html">crane</media:title></media:content></item>'
                 '<item><title>Only the author</title><link>https://wp.example/2026/11/author/</link>'
                 '<pubDate>Sat, 21 Nov 2026 07:00:00 +0000</pubDate><description>Short.</description>'
                 '<content:encoded><![CDATA[<p><img src="https://secure.gravatar.com/avatar/def?s=600" width="600" '
                 'height="600"> Words.</p>]]></content:encoded>'
                 '<media:content url="https://1.gravatar.com/avatar/abc?s=96&amp;d=identicon" medium="image">'
                 '<media:title type="html">jane</media:title></media:content></item>'
                 '</channel></rss>').encode()


def test_an_authors_avatar_is_not_the_storys_picture(tmp_path, capsys):
    """WordPress.com's feeds name the author's Gravatar as a media:content of every entry: it was the story's
    picture (or one of its gallery) of every post."""
    found = fetch_items(tmp_path, capsys, {"/wp.rss": Route(WORDPRESS_COM)})
    assert found["Harbour cranes"]["images"] == [{"url": "https://wp.example/files/2026/11/crane.jpg"}]
    assert "images" not in found["Only the author"]


def test_a_utf8_feed_with_a_windows_1252_byte_keeps_its_utf8_text(tmp_path, capsys):
    """One entry pasted from a Windows program (a `\\x93` quote) in a UTF-8 feed: feedparser read the whole
    feed as Windows-1252, and every other entry's accents were mojibake ("CafÃ©"); a JSON Feed so was "not a
    feed". Each such byte is its Windows-1252 character, the rest UTF-8, as in item files."""
    feed = rss("<item><title>Café – crème</title><link>https://site.example/1</link>"
               "<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>"
               "<item><title>Pasted QUOTE</title><link>https://site.example/2</link>"
               "<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate></item>").replace(b"QUOTE", b"\x93quote\x94")
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
        {"id": "1", "url": "https://j.example/1", "title": "Zürich QUOTE", "content_text": "x",
         "date_published": "2026-11-21T06:00:00Z"}]}, ensure_ascii=False).encode().replace(b"QUOTE", b"\x93q\x94")
    latin = ('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>L</title>'
             '<item><title>Ärger in Zürich</title><link>https://l.example/1</link></item></channel></rss>').encode("latin-1")
    found = fetch_items(tmp_path, capsys, {"/mixed.rss": Route(feed), "/mixed.json": Route(
        json_feed, content_type="application/feed+json"), "/latin.rss": Route(latin, content_type="application/rss+xml")})
    assert {"Café – crème", "Pasted “quote”", "Zürich “q”", "Ärger in Zürich"} <= set(found), list(found)


def mangled(text: str) -> str:
    """`text` as a publisher's CMS writes it after reading its UTF-8 as Windows-1252: "PerchÃ©"."""
    return text.encode("utf-8").decode("cp1252", "replace")


def test_a_feeds_utf8_read_as_windows_1252_and_written_again_is_read_as_meant(tmp_path, capsys):
    """Italian sites' feeds often carry their text encoded twice (a CMS read its UTF-8 as Windows-1252, then wrote
    UTF-8): "PerchÃ© la cittÃ\xa0 Ã¨ piÃ¹ bella: Â«parla il sindacoÂ»", "lâ€™Aquila". The site showed that
    mojibake; each such sequence is read as the character it was, in RSS and JSON Feed alike. Text that only has
    such letters (Portuguese `SÃO PAULO`, `Ãgua`) stays as written."""
    meant = "Perché la città è più bella: «parla il sindaco» a l’Aquila, 10 €"
    feed = rss(f"<item><title>{mangled(meant)}</title><link>https://site.example/1</link>"
               f"<description>{mangled('Il caffè è già chiuso')}</description>"
               "<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate></item>"
               "<item><title>SÃO PAULO e Ãgua, Â (À)</title><link>https://site.example/2</link>"
               "<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate></item>")
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
        {"id": "1", "url": "https://j.example/1", "title": mangled("Sanità, più medici"), "content_text": "x",
         "date_published": "2026-11-21T06:00:00Z"}]}, ensure_ascii=False).encode()
    found = fetch_items(tmp_path, capsys, {"/it.rss": Route(feed), "/it.json": Route(
        json_feed, content_type="application/feed+json")})
    assert set(found) == {meant, "SÃO PAULO e Ãgua, Â (À)", "Sanità, più medici"}, list(found)
    assert found[meant]["excerpt"] == "Il caffè è già chiuso"


def test_an_enclosure_without_its_type_and_categories_given_in_one_are_read(tmp_path, capsys):
    """`<enclosure url="...jpg">` without `type` was no picture (and an `.mp3` no episode); a post's categories
    given as one, `<category>AI, Robots</category>`, named no declared topic."""
    feed = rss('<item><title>Typeless</title><link>https://site.example/t</link>'
               '<pubDate>Sat, 21 Nov 2026 08:00:00 GMT</pubDate><category>Robots, AI</category>'
               '<enclosure url="https://cdn.site.example/crane.JPG?v=2" length="0" /></item>'
               '<item><title>Episode</title><link>https://site.example/e</link>'
               '<pubDate>Sat, 21 Nov 2026 07:00:00 GMT</pubDate>'
               '<enclosure url="https://cdn.site.example/e1.mp3" length="12345678" /></item>')
    with FeedServer() as server:
        server.routes["/t.rss"] = Route(feed)
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/t.rss')}\n",
                         settings="topics:\n  - name: AI\n  - name: Robots\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert found["Typeless"]["images"] == [{"url": "https://cdn.site.example/crane.JPG?v=2"}]
    assert found["Typeless"]["topics"] == ["Robots", "AI"]
    assert found["Episode"]["type"] == "audio" and found["Episode"]["size"] == 12345678


BLOGGER = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>Blog</title>
<link rel="alternate" href="https://blog.example/"/><id>tag:blogger.com,1999:blog-1</id><updated>2026-11-21T10:00:00Z</updated>
<entry><id>tag:blogger.com,1999:blog-1.post-1</id><published>2026-11-21T10:00:00Z</published><title>Harbour walk</title>
<link rel="alternate" type="text/html" href="https://blog.example/2026/11/harbour-walk.html"/>
<content type="html">&lt;p&gt;&lt;img src="https://blogger.example/img/s1600/harbour.jpg" width="1200" height="800"&gt; A walk.&lt;/p&gt;</content>
<media:thumbnail url="https://blogger.example/img/s72-c/harbour.jpg" height="72" width="72"/></entry>
</feed>"""


def test_a_thumbnail_declared_too_small_is_not_the_storys_picture(tmp_path, capsys):
    """Blogger names a 72-pixel thumbnail of every post as its media:thumbnail: that was the story's picture,
    blurred to the width of the page, while the post's own full-size picture was in its text."""
    found = fetch_items(tmp_path, capsys, {"/blog.atom": Route(BLOGGER, content_type="application/atom+xml")})
    assert found["Harbour walk"]["images"] == [{"url": "https://blogger.example/img/s1600/harbour.jpg",
                                                "width": 1200, "height": 800}]


def test_a_youtube_entry_is_a_video_only_with_a_youtube_video_id(tmp_path, capsys):
    """A yt:videoId is taken by the one rule of YouTube's ids that a video's address and a `{{< youtube >}}`
    shortcode follow (11 characters of [A-Za-z0-9_-]): fetch kept any letters of any id, so an id YouTube
    has no video of (`abc`, `Xy1_-Ab2Cdé`) gave a player that shows nothing."""
    entries = "".join(f"<entry><id>yt:video:{number}</id><yt:videoId>{video}</yt:videoId><title>Video {number}</title>"
                      f'<link rel="alternate" href="https://www.youtube.example/watch?v={number}"/>'
                      f"<published>2026-11-20T18:30:05+00:00</published></entry>"
                      for number, video in enumerate(("Xy1_-Ab2Cd3", "abc", "Xy1_-Ab2Cdé", "Xy1_-Ab2Cd3x")))
    feed = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" '
            f'xmlns="http://www.w3.org/2005/Atom"><id>yt:channel:UCharbour</id><title>Harbour</title>{entries}</feed>')
    found = fetch_items(tmp_path, capsys, {"/videos.xml": Route(feed.encode(), content_type="application/atom+xml")})
    assert found["Video 0"]["featuredContent"] == '<iframe src="https://www.youtube.com/embed/Xy1_-Ab2Cd3"></iframe>'
    assert [name for name in ("Video 1", "Video 2", "Video 3") if "featuredContent" in found[name]] == []


@pytest.mark.slow  # (a 2 MB entry's cost; the footer's reading runs quick above)
def test_a_hostile_run_of_reddit_markers_costs_one_reading(tmp_path, capsys):
    """A text of 100,000 `<!-- SC_OFF -->` markers before a Reddit footer: each began a search over the
    rest of the text again (minutes for one entry); it is one reading of it, and the story is still read."""
    markers = "&lt;!-- SC_OFF --&gt;" * 100_000
    footer = ('submitted by &lt;a href="https://www.reddit.com/user/x"&gt;x&lt;/a&gt; &lt;span&gt;&lt;a '
              'href="https://n.example/story"&gt;[link]&lt;/a&gt;&lt;/span&gt; &lt;span&gt;&lt;a '
              'href="https://www.reddit.com/r/h/comments/9/s/"&gt;[comments]&lt;/a&gt;&lt;/span&gt;')
    feed = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>R</title>'
            '<id>r</id><entry><id>t3_9</id><title>Hostile</title><link href="https://www.reddit.com/r/h/comments/9/s/"/>'
            f'<updated>2026-11-21T10:00:00Z</updated><content type="html">{markers}{footer}</content></entry>'
            '</feed>').encode()
    started = cpu_seconds()
    found = fetch_items(tmp_path, capsys, {"/r.rss": Route(feed, content_type="application/atom+xml")})
    assert cpu_seconds() - started < 30
    assert found["Hostile"]["originalUrl"] == "https://n.example/story"


FEED_DATES = {  # as a site's locale writes RSS's date -> the moment (UTC)
    "śr, 03 gru 2025 10:00:00 +0100": "2025-12-03T09:00:00Z",  # Polish
    "st, 03 prosince 2025 10:00:00 +0100": "2025-12-03T09:00:00Z",  # Czech
    "ср, 03 дек. 2025 10:00:00 +0300": "2025-12-03T07:00:00Z",  # Russian
    "Çar, 03 Ara 2025 10:00:00 +0300": "2025-12-03T07:00:00Z",  # Turkish
    "3 Δεκεμβρίου 2025": "2025-12-03",  # Greek, a date alone: the day, no time made up
    "Wed, 03 Dec 2025 10:00:00 IST": "2025-12-03T04:30:00Z",  # (India's, as an item's date reads it)
}


def test_feed_dates_with_more_languages_month_names_are_read(tmp_path, capsys):
    """A feed's date in Polish, Czech, Russian, Turkish or Greek words was no date to feedparser: the entry was
    dated when fetched. It is read as an item's date is."""
    items = "".join(f"<item><title>Entry {number}</title><link>https://site.example/{number}</link>"
                    f"<pubDate>{written}</pubDate></item>" for number, written in enumerate(FEED_DATES))
    with FeedServer() as server:
        server.routes["/pl.rss"] = Route(
            ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed</title>'
             f'<link>https://site.example/</link>{items}</channel></rss>').encode())
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/pl.rss')}\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert {written: found[f"Entry {number}"]["publishedDateTime"] for number, written in enumerate(FEED_DATES)} \
        == FEED_DATES


ZONELESS_DATES = {  # a feed's date without a time zone, on a site in New York (UTC-5 in November) -> the moment
    "21 November 2026": "2026-11-21",  # a date alone: that day (midnight in the site's zone, as an item's)
    "November 21, 2026": "2026-11-21",
    "Sat, 21 Nov 2026": "2026-11-21",
    "Sat, 21 Nov 2026 10:00:00": "2026-11-21T15:00:00Z",
    "2026-11-21T10:00:00": "2026-11-21T15:00:00Z",
    "Sat, 21 Nov 2026 10:00:00 GMT": "2026-11-21T10:00:00Z",  # (a zone named: as it says)
    "Sat, 21 Nov 2026 10:00:00 -0000": "2026-11-21T10:00:00Z",  # (RFC 2822's "UTC, local zone unknown")
}


def test_a_feed_date_without_a_zone_is_in_the_sites_zone_as_an_items_is(tmp_path, capsys):
    """An item's `publishedDateTime: 21 November 2026` is midnight in the site's zone; fetch wrote the same date
    of a feed as midnight UTC, which a site in New York showed as the evening before (and one in Rome at
    01:00, a time no feed gave). RSS, Atom and JSON Feed dates without a zone are read in the site's zone, and
    a date alone is written as that day, which the build reads as the same midnight."""
    items = "".join(f"<item><title>Entry {number}</title><link>https://site.example/{number}</link>"
                    f"<pubDate>{written}</pubDate></item>" for number, written in enumerate(ZONELESS_DATES))
    atom = ('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            '<id>a</id><link href="https://atom.example/"/><entry><id>a1</id><title>Atom entry</title>'
            '<link href="https://atom.example/1"/><published>2026-11-21T10:00:00</published></entry></feed>').encode()
    json_feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
        {"id": "j1", "url": "https://json.example/1", "title": "JSON entry", "date_published": "2026-11-21"}]}).encode()
    with FeedServer() as server:
        server.routes.update({"/ny.rss": Route(rss(items)), "/a.atom": Route(atom, content_type="application/atom+xml"),
                              "/j.json": Route(json_feed, content_type="application/feed+json")})
        sources = "".join(f"  - url: {server.url(name)}\n" for name in ("/ny.rss", "/a.atom", "/j.json"))
        site = feed_site(tmp_path / "site", sources, settings="timezone: America/New_York\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert {written: found[f"Entry {number}"]["publishedDateTime"] for number, written in enumerate(ZONELESS_DATES)} \
        == ZONELESS_DATES
    assert found["Atom entry"]["publishedDateTime"] == "2026-11-21T15:00:00Z"
    assert found["JSON entry"]["publishedDateTime"] == "2026-11-21"


def test_an_italian_feeds_date_alone_is_that_day_in_rome(tmp_path, capsys):
    """`7 dicembre 2026`, as Italian sites write a date alone, on a site in Rome: that day there (not 23:00 UTC
    the day before, nor 01:00); `sab, 21 nov 2026 10:00:00` without a zone is 10:00 in Rome."""
    items = ("<item><title>Sagra</title><link>https://it.example/1</link><pubDate>21 novembre 2026</pubDate></item>"
             "<item><title>Bilancio</title><link>https://it.example/2</link>"
             "<pubDate>sab, 21 nov 2026 10:00:00</pubDate></item>")
    with FeedServer() as server:
        server.routes["/it.rss"] = Route(rss(items))
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/it.rss')}\n",
                         settings="language: it\ntimezone: Europe/Rome\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    found = fetched(site)
    assert found["Sagra"]["publishedDateTime"] == "2026-11-21"
    assert found["Bilancio"]["publishedDateTime"] == "2026-11-21T09:00:00Z"


def test_fetch_reads_an_ambiguous_zone_as_the_sites_own_when_the_site_goes_by_it(tmp_path, capsys):
    """A site in Dublin reads an item's `IST` in summer as Irish time; fetch read a feed's as India's (four and
    a half hours off). It follows the same rule; and a feed's date naming two zones that disagree is no date
    (the entry is dated when first fetched, and fetch says so) rather than its first zone's."""
    dates = {"summer": "Mon, 20 Jul 2026 10:00:00 IST", "winter": "Sat, 21 Nov 2026 10:00:00 IST",
             "bracket": "Tue, 03 Nov 2026 10:00:00 (CET)", "two": "Tue, 03 Nov 2026 10:00:00 +0100 +0500"}
    items = "".join(f"<item><title>{name}</title><link>https://site.example/{name}</link><pubDate>{written}</pubDate>"
                    "</item>" for name, written in dates.items())
    with FeedServer() as server:
        server.routes["/ie.rss"] = Route(
            ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed</title>'
             f'<link>https://site.example/</link>{items}</channel></rss>').encode())
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/ie.rss')}\n", settings="timezone: Europe/Dublin\n")
        assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    said = capsys.readouterr()
    found = fetched(site)
    assert found["summer"]["publishedDateTime"] == "2026-07-20T09:00:00Z"  # (Irish summer time, +01:00)
    assert found["winter"]["publishedDateTime"] == "2026-11-21T04:30:00Z"  # (Dublin is GMT then: India's)
    assert found["bracket"]["publishedDateTime"] == "2026-11-03T09:00:00Z"
    assert found["two"]["publishedDateTime"] == "2026-11-22T12:00:00Z"  # (when first fetched: the config's now)
    assert "1 entry with a date that names two time zones that disagree" in said.out + said.err


@pytest.mark.slow  # (a cost check on 500 kB of dates: architecture.md's slow set)
def test_a_feed_s_long_hostile_date_is_read_at_once(tmp_path):
    """`newsdesk fetch` reads a feed's date in other languages' words and with zones by name with the same
    patterns: a 100 kB pubDate is no date there either, and the feed's entries are read at once."""
    from generator.fetch.parse import parse_feed

    entries = "".join(f"<item><title>T{name}</title><link>https://f.example/{name}</link>"
                      f"<pubDate>{make(100_000)}</pubDate></item>" for name, make in HOSTILE_DATES.items())
    body = ("<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><link>https://f.example/</link>"
            f"{entries}<item><title>Fine</title><link>https://f.example/fine</link>"
            "<pubDate>Mi, 02 Dez 2026 10:00:00 +0100</pubDate></item></channel></rss>").encode()
    started = cpu_seconds()
    feed = parse_feed(body, "https://f.example/feed")
    assert cpu_seconds() - started < 5
    assert len(feed.entries) == len(HOSTILE_DATES) + 1
    assert feed.entries[-1].published.isoformat() == "2026-12-02T09:00:00+00:00"


def test_fetch_writes_a_formulas_power_in_an_excerpt_as_the_body_shows_it(tmp_path, server, capsys):
    """The body shows `<msup><mi>c</mi><mn>2</mn></msup>` as c²; the excerpt fetch wrote from it read "c2".
    HTML's own `1<sup>st</sup>` stays 1st."""
    math = ("&lt;math&gt;&lt;msup&gt;&lt;mi&gt;c&lt;/mi&gt;&lt;mn&gt;2&lt;/mn&gt;&lt;/msup&gt;&lt;/math&gt;")
    server.routes["/m.xml"] = Route(FEED.replace(b"<description>First.", f"<description>About {math}.".encode())
                                    .replace(b"<description>Second.", b"<description>The 1&lt;sup&gt;st&lt;"
                                             b"/sup&gt; and H&lt;sub&gt;2&lt;/sub&gt;O."))
    site = feed_site(tmp_path / "site", f"  - {server.url('/m.xml')}\n")
    assert fetch_said(site, capsys)[0] == 0
    items = fetched(site)
    assert items["One"]["excerpt"] == "About c²." and items["Two"]["excerpt"] == "The 1st and H₂O.", items


def test_fetch_skips_entries_with_no_title_link_or_text_and_counts_them(tmp_path, server, capsys):
    server.routes["/feed.xml"] = Route(b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
        <link>https://desk.example/</link>
        <item><title>Kept</title><link>https://desk.example/kept</link></item>
        <item><guid isPermaLink="false">empty-1</guid><description>  </description></item>
        <item><title> </title><description><![CDATA[<p> </p>]]></description></item>
        <item><description>Only a text, kept</description></item>
        </channel></rss>""")
    root = feed_site(tmp_path / "site", f"  - {server.url('/feed.xml')}\n")
    assert cli.main(["fetch", "--config", str(root / "config.yaml")]) == 0
    out, err = capsys.readouterr()
    assert sorted(fetched(root)) == ["Kept", "Only a text, kept"]
    assert "2 entries with no title, link or text: left out" in err, err
    assert out.startswith("1 source, 2 new,"), out


@pytest.mark.slow
def test_a_feeds_day_first_date_is_read_by_the_sites_language_or_said_with_its_entry(tmp_path, capsys):
    """A Spanish feed's `05/11/2026 10:00` (5 November, as Spanish writes it) left its entry dated when first
    fetched without a word, and feedparser read `05-11-2026 10:00` as 20 November 2005. A Spanish site reads the
    day first, with slashes or dashes (its language's short date is day first); an English one dates both when
    first fetched and says which feed and entries, and why."""
    dates = {"Slashed": "05/11/2026 10:00", "Dashed": "05-11-2026 10:00", "Plain": "Sat, 21 Nov 2026 10:00:00 GMT"}
    items = "".join(f"<item><title>{name}</title><link>https://site.example/{name}</link><pubDate>{written}</pubDate>"
                    "</item>" for name, written in dates.items())
    feed = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Noticias</title>'
            f'<link>https://site.example/</link>{items}</channel></rss>').encode()
    found, said = {}, {}
    for language in ("es", "en"):
        found[language], said[language] = fetched_dates(tmp_path / language, capsys, {"/es.rss": (feed, "")},
                                                        f"language: {language}\n")
    first_fetched = "2026-11-22T12:00:00Z"  # (the config's now)
    assert found == {"es": {"Slashed": "2026-11-05T10:00:00Z", "Dashed": "2026-11-05T10:00:00Z",
                            "Plain": "2026-11-21T10:00:00Z"},
                     "en": {"Slashed": first_fetched, "Dashed": first_fetched, "Plain": "2026-11-21T10:00:00Z"}}, said
    either = "with a date whose day and month are both numbers, which writers put in either order: "
    assert either not in said["es"], said["es"]
    assert (f"/es.rss: 2 entries {either}“Slashed”: '05/11/2026 10:00'; “Dashed”: '05-11-2026 10:00': dated when "
            "first fetched instead") in said["en"], said["en"]
