"""A picture's words: the `alt`, caption and credit an item gives its pictures (as crawlers copy an <img>'s and a
<figure>'s, or as schema.org's ImageObject names them) are what the article page's <img alt>, caption and link
previews show, as plain text escaped once; a decorative picture's empty `alt` stays alt=""."""

from __future__ import annotations

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
    assert ('<p class="picture-words">The harbour at dawn · <span class="credit">Jo Lens / Agency</span></p>'
            in html), html
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
    assert '<p class="picture-words">The same words</p>' in html
