"""A picture's words: the `alt`, caption and credit an item gives its pictures (as crawlers copy an <img>'s and a
<figure>'s, or as schema.org's ImageObject names them) are what the article page's <img alt>, caption and link
previews show, as plain text escaped once; a decorative picture's empty `alt` stays alt=""."""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import build_items, built_page as page, front

PICTURES = """images:
  - url: https://pics.example/harbour.jpg
    width: 1200
    height: 675
    alt: "Boats in the harbour &amp; <b>mist</b> at \\"dawn\\""
    caption: The harbour at dawn
    credit: Jo Lens / Agency
  - url: https://pics.example/rule.png
    width: 800
    height: 20
    alt: "  "
  - url: https://pics.example/crowd.jpg
    width: 800
    height: 600
    name: A crowd on the quay
    caption: {shown: no}
    author:
      name: Ann Author"""


def test_a_pictures_alt_caption_and_credit_are_shown_on_its_page(tmp_path, capsys):
    """Every picture's alt was "" and its caption and credit unread, whatever the item said of it."""
    files = {"pictured.md": front("title: Pictured", "publishedDateTime: 2026-11-20T10:00:00Z", PICTURES),
             "plain.md": front("title: Plain", "publishedDateTime: 2026-11-20T09:00:00Z",
                               "images:\n  - url: https://pics.example/plain.jpg")}
    out, news, said = build_items(tmp_path, files, capsys)
    html = page(out, news["pictured"])
    alt = "Boats in the harbour &amp; mist at &#34;dawn&#34;"  # (decoded, its tags gone, then escaped once)
    assert f'<img src="https://pics.example/harbour.jpg" alt="{alt}"' in html
    assert ('<p class="picture-words"><span class="caption">The harbour at dawn</span><span class="sep"> · </span>'
            '<span class="credit">Jo Lens / Agency</span></p>' in html), html
    assert f'<meta property="og:image:alt" content="{alt}">' in html
    assert '<img src="https://pics.example/rule.png" alt=""' in html  # (blank: a decorative picture)
    assert ('<img src="https://pics.example/crowd.jpg" alt="A crowd on the quay"' in html
            and '<figcaption><span class="credit">Ann Author</span></figcaption>' in html), html
    assert ("warning: content/pictured.md:4: `images`: the `caption` of entry 3 is no text (got a mapping); it is "
            "left out (write `caption` as text, on one line, in quotes)") in said, said
    plain = page(out, news["plain"])
    assert '<img src="https://pics.example/plain.jpg" alt=""' in plain and "image:alt" not in plain
    assert "picture-words" not in plain and "<figcaption" not in plain


def test_a_caption_that_says_what_the_alt_says_is_not_read_twice(tmp_path, capsys):
    """A crawler that copies a figure's caption into `alt` too made a screen reader say it twice."""
    pictures = ("images:\n  - url: https://pics.example/a.jpg\n    alt: The same words\n    caption: The same words")
    out, news, _ = build_items(tmp_path, {"same.md": front("title: Same", "publishedDateTime: 2026-11-20T10:00:00Z",
                                                           pictures)}, capsys)
    html = page(out, news["same"])
    assert '<img src="https://pics.example/a.jpg" alt=""' in html
    assert '<p class="picture-words"><span class="caption">The same words</span></p>' in html


def test_a_pictures_words_are_in_the_feeds_and_the_api_as_their_readers_read_them(tmp_path, capsys):
    """The page showed a picture's alt, caption and credit; the API and the feeds dropped them. Each format has
    them where it has a place (the API's images; Media RSS's media:title and media:credit in RSS and Atom, where
    media:description would replace the entry's summary in feedparser; a `_newsdesk` extension in JSON Feed),
    read back by real parsers as the same plain text, markup-looking words and all."""
    feedparser = pytest.importorskip("feedparser")
    alt, caption, credit = "Boats <script>x</script> ]]> & mist\u2028at dawn", "The harbour &lt;b&gt; at dawn", "Jo & Co"
    pictures = ("images:\n  - url: https://pics.example/harbour.jpg\n    width: 1200\n    height: 675\n"
                f"    alt: {json.dumps(alt)}\n    caption: {json.dumps(caption)}\n    credit: {json.dumps(credit)}")
    files = {"pictured.md": front("title: Pictured", "publishedDateTime: 2026-11-20T10:00:00Z", "excerpt: The story.",
                                  pictures),
             "decorative.md": front("title: Decorative", "publishedDateTime: 2026-11-20T09:00:00Z",
                                    "images:\n  - url: https://pics.example/rule.png\n    alt: ''")}
    out, news, said = build_items(tmp_path, files, capsys)
    shown_alt = "Boats ]]> & mist at dawn"  # (as the page's alt: tags gone, one line)
    shown_caption = "The harbour at dawn"  # (as every text field: `&lt;b&gt;` is a tag)
    api = {entry["title"]: entry["images"] for entry in json.loads((out / "api/news/index.json").read_text())["news"]}
    assert api["Pictured"] == [{"url": "https://pics.example/harbour.jpg", "width": 1200, "height": 675,
                                "alt": shown_alt, "caption": shown_caption, "credit": credit}]
    assert api["Decorative"] == [{"url": "https://pics.example/rule.png", "width": None, "height": None, "alt": ""}]
    media = "{http://search.yahoo.com/mrss/}"
    for name in ("feeds/latest.rss", "feeds/latest.xml"):
        data = (out / name).read_bytes()
        contents = list(ET.fromstring(data).iter(media + "content"))
        assert len(contents) == 2, name
        words = {content.get("url"): (content.findtext(media + "title"), content.findtext(media + "credit"))
                 for content in contents}
        assert words == {"https://pics.example/harbour.jpg": (shown_alt, credit),
                         "https://pics.example/rule.png": (None, None)}, name
        assert contents[0].find(media + "title").get("type") == "plain"
        parsed = feedparser.parse(data)
        assert not parsed.bozo, (name, parsed.bozo_exception)
        entry = next(entry for entry in parsed.entries if entry.title == "Pictured")
        assert entry.summary == "The story." and "content" not in entry, name  # (the picture's words replace neither)
        assert entry.media_credit == [{"content": credit}], name
    feed = {entry["title"]: entry for entry in json.loads((out / "feeds/latest.json").read_text())["items"]}
    assert feed["Pictured"]["image"] == "https://pics.example/harbour.jpg"
    assert feed["Pictured"]["_newsdesk"]["image"] == {"alt": shown_alt, "caption": shown_caption, "credit": credit,
                                                      "width": 1200, "height": 675}
    assert "image" not in feed["Decorative"].get("_newsdesk", {})
    assert f'alt="{html.escape(shown_alt)}"' in page(out, news["pictured"])
