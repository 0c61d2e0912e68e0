"""A story body's pictures and players load late: every picture of a body (Markdown's or HTML's, in a link, a
figure or a table) has `loading="lazy"` and `decoding="async"` once, whatever the crawler wrote, and keeps the
size the body gave it; a player's file waits for a play. A body of hundreds of pictures (a gallery, tracking
pixels) fetched them all at once on a reader's phone."""

from __future__ import annotations

import re

import pytest
from conftest import build_site, html_elements, item, make_site, static_server

from generator.site.markup import ENGINES, render_markdown

_LATE = ' loading="lazy" decoding="async">'


def _pictures(html: str) -> list[str]:
    return re.findall(r"<img\b[^>]*>", html)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_picture_of_a_body_loads_lazily_once_with_the_size_it_was_given(engine):
    body = ("![alone](https://pics.example/1.png)\n\n"
            "[![linked](https://pics.example/2.png)](https://news.example/a)\n\n"
            '<figure><img src="https://pics.example/3.png" alt="figured" width="640" height="360">'
            "<figcaption>Caption</figcaption></figure>\n\n"
            "| a | b |\n|---|---|\n| ![cell](https://pics.example/4.png) | x |\n\n"
            '<p><a href="https://news.example/b"><img src="https://pics.example/5.png" alt="in a link" width="10"></a></p>\n\n'
            '<p><img src="https://pics.example/6.png" alt="first" loading="eager" decoding="sync" fetchpriority="high">'
            ' <img src=https://pics.example/7.png alt=bare loading=lazy> <IMG SRC="https://pics.example/8.png" '
            'LOADING="EAGER" ALT="shouting"></p>\n')
    html = render_markdown(body, engine)
    pictures = _pictures(html)
    assert len(pictures) == 8 and [re.search(r'src="https://pics.example/(\d).png"', p)[1] for p in pictures] == list("12345678")
    for picture in pictures:
        # (a crawler's own loading or decoding is its page's layout, not this one's: never kept, never twice)
        assert picture.endswith(_LATE) and picture.count("loading=") == 1 and picture.count("decoding=") == 1
        assert "eager" not in picture.lower() and "\"sync\"" not in picture and "fetchpriority" not in picture
    assert 'width="640" height="360"' in pictures[2] and 'width="10"' in pictures[4] and "height" not in pictures[4]
    assert sum("width=" in p or "height=" in p for p in pictures) == 2  # (no size invented)


def test_a_picture_with_no_address_is_still_its_text_and_a_player_waits_for_a_play():
    html = render_markdown('<img src="javascript:alert(1)" alt="Chart"> <video src="https://v.example/v.mp4" '
                           'autoplay preload="auto"></video> <audio controls="no" preload="metadata" '
                           'src="https://a.example/a.mp3"></audio>')
    assert "<img" not in html and "Chart" in html
    assert '<video src="https://v.example/v.mp4" controls="" preload="none"></video>' in html
    assert '<audio src="https://a.example/a.mp3" controls="" preload="none"></audio>' in html
    assert "autoplay" not in html and "metadata" not in html and '"auto"' not in html


def _gallery_site(root, count: int):
    body = "A gallery.\n\n" + "\n\n".join(f"![Picture {n}](https://pics.example/{n}.png)" for n in range(count))
    return make_site(root, {"content/gallery.md": item("Gallery", body=body), "content/other.md": item("Other")})


def test_a_body_s_pictures_are_on_its_page_alone(tmp_path):
    """The body is shown on its story's page only: feeds carry an item's summary as text, the API its fields, the
    search index its words; none of them carries the body's pictures (nor the attributes written on them)."""
    config, result = build_site(_gallery_site(tmp_path / "site", 200))
    out = config.output_path
    page = (out / "news/2026/11/20/gallery/index.html").read_bytes()
    shown = [e for tag, e in html_elements("gallery", page) if tag == "img" and "pics.example" in e.get("src", "")]
    assert len(shown) == 200 and all(e.get("loading") == "lazy" and e.get("decoding") == "async" for e in shown)
    others = [path for path in out.rglob("*") if path.is_file() and path.suffix in (".xml", ".json", ".js", ".txt")
              and "static" not in path.parts]
    assert any(path.suffix == ".xml" for path in others) and any(path.suffix == ".json" for path in others)
    for path in others:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "pics.example/1" not in text and 'loading=\\"lazy' not in text, path


@pytest.mark.slow
def test_a_browser_fetches_only_the_pictures_near_the_first_screen(tmp_path, page):
    """A story of 200 pictures, served on loopback, to a phone-sized browser: only those on or near its first
    screen are fetched; scrolling to the end fetches the last."""
    config, result = build_site(_gallery_site(tmp_path / "site", 200))
    asked: list[str] = []
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478"
                        "9c6360000002000001e221bc330000000049454e44ae426082")

    def picture(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=png)

    page.set_viewport_size({"width": 390, "height": 844})
    page.route("https://pics.example/**", picture)
    with static_server(config.output_path) as base:
        page.goto(base + "news/2026/11/20/gallery/", wait_until="load")
        page.wait_for_timeout(500)
        first = len(asked)
        # (a picture without a size is a line tall until it loads: 200 of them are still many screens)
        assert page.evaluate("() => document.documentElement.scrollHeight") > 3 * 844
        assert 0 < first < 60, asked
        assert "https://pics.example/0.png" in asked and "https://pics.example/199.png" not in asked
        page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("() => document.querySelector('img[src$=\"/199.png\"]').complete", timeout=15_000)
        assert "https://pics.example/199.png" in asked and len(asked) < 200 + 1
