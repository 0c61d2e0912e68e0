"""An entry's addresses as a browser reads them (urls.read_url), as front matter's and bodies' are: feedparser
resolved them first, its own way, against the feed's URL, so that `\\\\host\\story` became a path of the feed's
host, and `https:/host/story` another than the one a crawler's item written so names. Fetched for real, from
a feed on loopback."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import fetch_site
from feed_server import Route
from generator.cli import main
from generator.fetch.parse import parse_feed

# (link as written, the address an item of it links to)
LINKS = [
    ("https:/news.example/one-slash", "https://news.example/one-slash"),
    ("https:\\\\news.example\\backslashes", "https://news.example/backslashes"),
    ("\\\\news.example\\scheme-relative", "http://news.example/scheme-relative"),
    ("https:news.example/no-slash", "https://news.example/no-slash"),
    ("HTTPS://News.Example/Capitals", "https://news.example/Capitals"),
    ("/rooted/path", "http://HOST/rooted/path"),
    ("relative/path", "http://HOST/feeds/relative/path"),
]


def _fetched(tmp_path: Path, server, capsys, body: bytes, name: str) -> dict[str, str]:
    server.routes[f"/feeds/{name}"] = Route(body)
    site = fetch_site(tmp_path / name.replace(".", "-"), server, [f"/feeds/{name}"])
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    items = {}
    for path in (site / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^title: ['\"]?(.*?)['\"]?$", text, re.M).group(1)
        items[title] = re.search(r"^originalUrl: ['\"]?(.*?)['\"]?$", text, re.M).group(1)
    return items


def _expected(server) -> dict[str, str]:
    host = server.url("/").split("//", 1)[1].rstrip("/")
    return {f"Story {n}": url.replace("HOST", host) for n, (_, url) in enumerate(LINKS)}


def test_rss_entry_links_are_read_as_a_browser_reads_them(tmp_path, server, capsys):
    entries = "".join(f"<item><title>Story {n}</title><link>{link}</link><guid isPermaLink='false'>id-{n}</guid>"
                      f"<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>"
                      for n, (link, _) in enumerate(LINKS))
    body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><link>https://news.example/</link>"
            f"{entries}</channel></rss>").encode()
    assert _fetched(tmp_path, server, capsys, body, "rss.xml") == _expected(server)


def test_atom_entry_links_are_read_as_a_browser_reads_them(tmp_path, server, capsys):
    entries = "".join(f"<entry><title>Story {n}</title><id>urn:x:{n}</id><link href='{link}'/>"
                      f"<updated>2026-11-20T10:00:00Z</updated></entry>" for n, (link, _) in enumerate(LINKS))
    body = (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>F</title>"
            f"<id>urn:x</id><updated>2026-11-20T10:00:00Z</updated>{entries}</feed>").encode()
    assert _fetched(tmp_path, server, capsys, body, "atom.xml") == _expected(server)


def test_a_relative_xml_base_is_resolved_against_the_feed(tmp_path, server, capsys):
    """xml:base="/blog/" (relative) is the feed's folder /blog/: its entries' links and their bodies' pictures
    are under it, on the feed's host, not paths of the built site."""
    body = b"""<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom' xml:base='/blog/'><title>F</title>
<id>urn:x</id><updated>2026-11-20T10:00:00Z</updated>
<entry><title>Based</title><id>urn:x:1</id><link href='post/1'/><updated>2026-11-20T10:00:00Z</updated>
<content type='html'>&lt;p&gt;Text &lt;img src="pic.jpg" alt="a picture"&gt;&lt;/p&gt;</content></entry></feed>"""
    server.routes["/feeds/based.xml"] = Route(body)
    site = fetch_site(tmp_path / "site", server, ["/feeds/based.xml"])
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    [item] = list((site / "content").rglob("*.md"))
    text = item.read_text(encoding="utf-8")
    assert f"originalUrl: {server.url('/blog/post/1')}" in text.replace("'", "").replace('"', "")
    assert server.url("/blog/pic.jpg") in text


def test_a_guid_keeps_the_identity_it_had():
    """A permalink guid written as a path (`/p/1`, `12345`) is, as an identity, the address on the feed's host
    that feedparser made of it when it was given the feed's URL: the item fetched before is the same item."""
    body = b"""<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><link>https://news.example/</link>
<item><title>Rooted</title><guid>/p/1</guid></item>
<item><title>Number</title><guid>12345</guid></item>
<item><title>Not a permalink</title><guid isPermaLink="false">/p/3</guid><link>/l/3</link></item>
</channel></rss>"""
    entries = parse_feed(body, "https://feeds.example/dir/rss.xml").entries
    assert [(entry.guid, entry.link) for entry in entries] == [
        ("https://feeds.example/p/1", ""), ("https://feeds.example/dir/12345", ""),
        ("/p/3", "https://feeds.example/l/3")]


def test_in_a_feed_of_the_same_scheme_a_one_slash_link_names_its_host_as_in_front_matter():
    """`https:/host/x` is `https://host/x` in an https feed too, as in an item's front matter and as the feed's
    pictures were read (feedparser made it a path of the feed's host: a link to a page that is not there)."""
    links = ["https:/news.example/a", "https:news.example/b", "https:\\\\news.example\\c", "\\\\news.example\\d",
             "HTTPS:/News.Example/e"]
    entries = "".join(f"<item><title>{n}</title><link>{link}</link><guid isPermaLink='false'>{n}</guid></item>"
                      for n, link in enumerate(links))
    body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{entries}</channel></rss>".encode()
    feed = parse_feed(body, "https://feeds.example/dir/rss.xml")
    assert [entry.link for entry in feed.entries] == [
        "https://news.example/a", "https://news.example/b", "https://news.example/c", "https://news.example/d",
        "https://news.example/e"]
