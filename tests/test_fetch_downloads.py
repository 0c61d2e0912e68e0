"""`newsdesk fetch` of entries that carry a file to download (a PDF, an installer: an RSS enclosure, an Atom
rel="enclosure", a JSON Feed attachment of another kind than a picture, a sound or a video), from a real HTTP
server on 127.0.0.1: each is a `download`, with its size and its price (Media RSS's media:price)."""

from __future__ import annotations

import json

from conftest import fetch_site, fetched, run_fetch
from feed_server import Route

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Council papers</title>
<link>https://council.example/</link>
<item><title>Budget 2027</title><link>https://council.example/papers/budget</link>
  <pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate><description>The draft budget, for comment.</description>
  <enclosure url="https://council.example/files/budget-2027.pdf" length="734003" type="application/pdf"/>
  <media:price type="purchase" price="12.50" currency="GBP"/></item>
<item><title>Map pack</title><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
  <enclosure url="https://council.example/files/maps.zip" length="0" type="application/octet-stream"/>
  <media:price price="lots&lt;script&gt;"/></item>
<item><title>Minutes page</title><link>https://council.example/minutes</link><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate>
  <enclosure url="https://council.example/minutes.html" length="0" type="text/html"/>
  <enclosure url="javascript:alert(1)" length="5" type="application/pdf"/></item>
<item><title>Episode with notes</title><link>https://council.example/ep</link><pubDate>Fri, 20 Nov 2026 07:00:00 GMT</pubDate>
  <enclosure url="https://council.example/notes.pdf" length="1000" type="application/pdf"/>
  <enclosure url="https://council.example/ep.mp3" length="0" type="audio/mpeg"/></item>
</channel></rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Releases</title>
<id>tag:tools.example,2026:releases</id><updated>2026-11-20T10:00:00Z</updated>
<entry><title>Tool 2.0</title><id>tag:tools.example,2026:2.0</id><updated>2026-11-20T10:00:00Z</updated>
  <link rel="alternate" href="https://tools.example/2.0"/>
  <link rel="enclosure" href="https://tools.example/tool-2.0.msi" length="48000000" type="application/x-msi"/></entry>
</feed>
"""

JSON_FEED = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Templates", "items": [
    {"id": "1", "url": "https://templates.example/1", "title": "Invoice template", "content_text": "A template.",
     "date_published": "2026-11-20T10:00:00Z",
     "attachments": [{"url": "https://templates.example/invoice.docx", "size_in_bytes": 52000,
                      "mime_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}],
     "_newsdesk": {"price": {"amount": 0, "currency": "USD"}}},
    {"id": "2", "url": "https://templates.example/2", "title": "A feed's own feed", "content_text": "Subscribe.",
     "date_published": "2026-11-20T09:00:00Z",
     "attachments": [{"url": "https://templates.example/feed.json", "mime_type": "application/feed+json"}]},
]}).encode()


def test_an_entrys_file_to_download_makes_it_a_download_with_its_size_and_price(tmp_path, server, capsys):
    server.routes.update({"/papers.rss": Route(RSS), "/releases.atom": Route(ATOM), "/templates.json": Route(JSON_FEED)})
    site = fetch_site(tmp_path / "site", server, ["/papers.rss", "/releases.atom", "/templates.json"])
    code, out, err = run_fetch(site, capsys)
    assert code == 0, out + err
    items = fetched(site)
    budget = items["Budget 2027"]
    assert (budget["type"], budget["size"], budget["price"]) == ("download", 734003, {"amount": 12.5, "currency": "GBP"})
    assert budget["originalUrl"] == "https://council.example/papers/budget"  # (its page; the file beside it)
    assert budget["featuredContent"] == "https://council.example/files/budget-2027.pdf"
    maps = items["Map pack"]  # (no page: its file is its link; a price that is no number is none)
    assert (maps["type"], maps["originalUrl"]) == ("download", "https://council.example/files/maps.zip")
    assert "price" not in maps and "size" not in maps and "featuredContent" not in maps
    assert items["Minutes page"]["type"] == "article"  # (a page is no file; an unsafe address none either)
    assert items["Episode with notes"]["type"] == "audio"  # (what it plays comes first)
    tool = items["Tool 2.0"]
    assert (tool["type"], tool["size"], tool["featuredContent"]) == ("download", 48000000,
                                                                     "https://tools.example/tool-2.0.msi")
    invoice = items["Invoice template"]
    assert (invoice["type"], invoice["size"], invoice["price"]) == ("download", 52000, {"amount": 0, "currency": "USD"})
    assert items["A feed's own feed"]["type"] == "article"
    assert "javascript" not in "".join(path.read_text() for path in (site / "content").rglob("*.md"))


def test_a_fetched_downloads_file_beside_its_page_is_its_feeds_enclosure_and_its_pages_button(tmp_path, server,
                                                                                                capsys):
    import xml.etree.ElementTree as ET

    from conftest import build_said

    server.routes.update({"/papers.rss": Route(RSS)})
    site = fetch_site(tmp_path / "site", server, ["/papers.rss"])
    assert run_fetch(site, capsys)[0] == 0
    code, said = build_said(site, capsys)
    assert code == 0, said
    out = site / "output"
    enclosures = {item.findtext("title"): item.find("enclosure")
                  for item in ET.fromstring((out / "feeds/latest.rss").read_bytes()).iter("item")}
    budget = enclosures["Budget 2027"]  # (the file, not its page: a feed reader saves it)
    assert (budget.get("url"), budget.get("type"), budget.get("length")) == (
        "https://council.example/files/budget-2027.pdf", "application/pdf", "734003")
    assert enclosures["Map pack"].get("url") == "https://council.example/files/maps.zip"
    pages = [path.read_text(encoding="utf-8") for path in out.rglob("index.html") if "Budget 2027</h1>" in
             path.read_text(encoding="utf-8")]
    assert len(pages) == 1
    assert 'href="https://council.example/files/budget-2027.pdf"' in pages[0]
    assert "Get it from council.example" in pages[0] and "Watch" not in pages[0]
