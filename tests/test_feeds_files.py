"""What the feeds carry of an item's file: a podcast's episode with Apple's tags (which podcast apps read), a
download's file with its size and price, and every item's length in seconds as it was read once (feeds, API)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import build_items, front

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
MEDIA = "{http://search.yahoo.com/mrss/}"
A = "{http://www.w3.org/2005/Atom}"
HEAD = ("publishedDateTime: 2026-11-20T10:00:00Z",)


def _entries(out, path: str) -> dict[str, ET.Element]:
    """The entries of one of the site's RSS or Atom feeds by title (expat: strict, fails on any bad character)."""
    root = ET.fromstring((out / path).read_bytes())
    found = {node.findtext("title") or node.findtext(f"{A}title"): node
             for node in root.iter() if node.tag in ("item", f"{A}entry")}
    assert found
    return found


FILES = {
    "episode.md": front("title: Episode 7", *HEAD, "type: podcast", 'length: "1:02:03"', "explicit: yes",
                        "provider: {name: 'Tom & Jerry <Pod>', domain: pod.example}",
                        "featuredContent: https://pod.example/7.mp3",
                        "images: [{url: https://pod.example/7.jpg, width: 1400, height: 1400}]"),
    "shy.md": front("title: Episode 8", *HEAD, "type: podcast", "length: 95", "explicit: maybe<script>",
                    "featuredContent: https://pod.example/8.mp3", "images: [{url: https://pod.example/8.webp}]"),
    "bulletin.md": front("title: Bulletin", *HEAD, "type: audio", "length: 4 min",
                         "provider: {name: Radio, domain: radio.example}",
                         "featuredContent: https://radio.example/b.mp3"),
    "guide.md": front("title: Guide", *HEAD, "type: download", "originalUrl: https://ferries.example/guide.pdf",
                      "size: 2500000", "price: {amount: 4.99, currency: '<EUR>'}"),
    "tool.md": front("title: Tool", *HEAD, "type: download", "webUrl: https://tools.example/get?id=1",
                     "price: Free"),
    "nothing.md": front("title: Nothing to get", *HEAD, "type: download"),
    "store.md": front("title: Store page", *HEAD, "type: download", "webUrl: https://apps.example/app/ferry/"),
    "page.md": front("title: Project page", *HEAD, "type: download", "webUrl: https://apps.example/ferry.html"),
}


def test_a_podcasts_episode_has_apples_tags_and_other_items_none(tmp_path, capsys):
    out, news, _ = build_items(tmp_path, FILES, capsys)
    rss = (out / "feeds/latest.rss").read_text(encoding="utf-8")
    assert rss.count('xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"') == 1
    items = _entries(out, "feeds/latest.rss")
    episode = items["Episode 7"]
    assert episode.find("enclosure").get("url") == "https://pod.example/7.mp3"
    assert episode.findtext(f"{ITUNES}duration") == "3723"  # (in seconds, as Apple asks)
    assert episode.find(f"{ITUNES}image").get("href") == "https://pod.example/7.jpg"
    assert episode.findtext(f"{ITUNES}author") == "Tom & Jerry <Pod>"  # (escaped once: XML's reader gives it back)
    assert "Tom &amp; Jerry &lt;Pod&gt;" in rss
    assert episode.findtext(f"{ITUNES}explicit") == "true"
    shy = items["Episode 8"]  # (a WebP picture is none Apple takes; a value of `explicit` that says nothing)
    assert shy.findtext(f"{ITUNES}duration") == "95"
    assert shy.find(f"{ITUNES}image") is None and shy.find(f"{ITUNES}explicit") is None
    for title in ("Bulletin", "Guide", "Tool", "Nothing to get", "Store page"):  # (no podcast app's episode)
        assert not [child for child in items[title] if child.tag.startswith(ITUNES)], title
    # Atom has them too (feedparser reads them there); a feed without an episode declares no namespace
    assert _entries(out, "feeds/latest.xml")["Episode 7"].findtext(f"{ITUNES}duration") == "3723"
    radio = (out / "providers/radio-example/feed.rss").read_text(encoding="utf-8")
    assert "itunes" not in radio and "<enclosure" in radio
    json_items = {entry["title"]: entry for entry in json.loads((out / "feeds/latest.json").read_text())["items"]}
    assert json_items["Episode 7"]["_newsdesk"]["type"] == "podcast"
    assert "type" not in json_items["Bulletin"].get("_newsdesk", {})


def test_a_downloads_file_is_its_enclosure_with_its_size_and_price(tmp_path, capsys):
    out, news, _ = build_items(tmp_path, FILES, capsys)
    for path, enclosure in (("feeds/latest.rss", "enclosure"), ("feeds/latest.xml", f"{A}link[@rel='enclosure']")):
        items = _entries(out, path)
        guide = items["Guide"].find(enclosure)
        assert (guide.get("url") or guide.get("href"), guide.get("type"), guide.get("length")) == (
            "https://ferries.example/guide.pdf", "application/pdf", "2500000")
        price = items["Guide"].find(f"{MEDIA}price")
        assert (price.get("price"), price.get("currency")) == ("4.99", "<EUR>")
        tool = items["Tool"].find(enclosure)  # (an address that names no file's type: bytes)
        assert tool.get("type") == "application/octet-stream"
        assert items["Tool"].find(f"{MEDIA}price") is None  # (a price in words has no amount to give)
        assert items["Nothing to get"].find(enclosure) is None  # (no link: no file)
        for page in ("Store page", "Project page"):  # (a web page is no file to save)
            assert items[page].find(enclosure) is None, page
    rss = (out / "feeds/latest.rss").read_text(encoding="utf-8")
    assert 'currency="&lt;EUR&gt;"' in rss
    json_items = {entry["title"]: entry for entry in json.loads((out / "feeds/latest.json").read_text())["items"]}
    assert json_items["Guide"]["attachments"] == [{"url": "https://ferries.example/guide.pdf",
                                                   "mime_type": "application/pdf", "size_in_bytes": 2500000}]
    assert json_items["Guide"]["_newsdesk"]["price"] == {"amount": 4.99, "currency": "<EUR>"}
    assert "attachments" not in json_items["Nothing to get"]


def test_a_length_is_read_once_in_seconds_for_the_cards_feeds_and_api(tmp_path, capsys):
    out, news, _ = build_items(tmp_path, FILES, capsys)
    assert (news["episode"]["length"], news["episode"]["lengthSeconds"]) == ("1:02:03", 3723)
    assert (news["shy"]["length"], news["shy"]["lengthSeconds"]) == ("1:35", 95)
    assert (news["bulletin"]["length"], news["bulletin"]["lengthSeconds"]) == ("4 min", None)  # (words: no seconds)
    assert news["guide"]["lengthSeconds"] is None
    bulletin = _entries(out, "feeds/latest.rss")["Bulletin"]
    assert bulletin.find(f"{MEDIA}content[@medium='audio']") is None  # (no length to give beside the enclosure)
    assert '<time datetime="PT1H2M3S"><span aria-hidden="true">1 hr 2 min</span>' in (
        out / news["episode"]["path"] / "index.html").read_text(encoding="utf-8")  # (with its units, on the page)


def test_a_downloads_file_given_beside_its_page_is_its_enclosure(tmp_path, capsys):
    files = {
        "report.md": front("title: Report", *HEAD, "type: download", "webUrl: https://council.example/report/",
                           "featuredContent: https://council.example/files/report.pdf", "size: 1000"),
        "setup.md": front("title: Setup", *HEAD, "type: download", "webUrl: https://tools.example/setup.html",
                          "featuredContent: https://tools.example/about.html"),  # (a page beside a page: no file)
    }
    out, _, _ = build_items(tmp_path, files, capsys)
    items = _entries(out, "feeds/latest.rss")
    report = items["Report"].find("enclosure")
    assert (report.get("url"), report.get("type"), report.get("length")) == (
        "https://council.example/files/report.pdf", "application/pdf", "1000")
    assert items["Setup"].find("enclosure") is None


def test_the_api_gives_a_files_size_in_bytes_and_a_prices_amount_and_currency_as_numbers(tmp_path, capsys):
    """An app adds up sizes and compares prices: beside the texts the cards show (`"2.5 MB"`), the API gives the
    numbers, as `lengthSeconds` is the length's; a free file's price is 0, and one in words has no amount."""
    files = dict(FILES, **{"free.md": front("title: Free report", *HEAD, "type: download", "size: 999",
                                            "originalUrl: https://council.example/free.pdf",
                                            "price: {amount: 0, currency: EUR}")})
    _, news, _ = build_items(tmp_path, files, capsys)
    numbers = {name: (entry["size"], entry["sizeBytes"], entry["price"], entry["priceAmount"], entry["priceCurrency"])
               for name, entry in news.items()}
    assert numbers["guide"] == ("2.5 MB", 2500000, "4.99 <EUR>", 4.99, "<EUR>")
    assert numbers["free"][1:] == (999, "0 EUR", 0, "EUR")
    assert numbers["tool"] == (None, None, "Free", None, None)  # (a price in words: no amount to give)
    assert numbers["episode"] == (None, None, None, None, None)
