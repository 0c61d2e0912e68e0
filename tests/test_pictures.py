"""Pictures in the size their place needs: an item's smaller copies of its picture are offered to the browser
(`srcset`, `sizes`) instead of the full-size original alone, and a provider's logo is never shown from a copy
smaller than its circle. The first picture stays eager with `fetchpriority=high`, every one keeps its
width and height."""

from __future__ import annotations

import re

from conftest import BASIC_CONFIG, build_site, item, make_site

IMAGES = """
  - url: "https://pics.example/story-1024.jpg"
    width: 1024
    height: 576
  - url: "https://pics.example/story-320.jpg"
    width: 320
    height: 180
  - url: "https://pics.example/portrait.jpg"
    width: 300
    height: 400
  - url: "https://pics.example/story-640.jpg"
    width: 640
    height: 360"""


def _imgs(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([a-z-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img\b[^>]*>", html)]


def _site(tmp_path):
    files = {
        "content/sizes.md": item("Offered in three sizes", images=IMAGES),
        "content/one.md": item("One size only", "2026-11-19T10:00:00Z",
                               images='\n  - url: "https://pics.example/only.jpg"\n    width: 1600\n    height: 900'),
    }
    # (stories off: the two items, alike in all but their headlines, would be one story and one card)
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "stories:\n  enabled: false\n"))
    assert result.site.problems == ()
    return config.output_path


def test_a_card_offers_the_pictures_smaller_copies_and_keeps_its_shape(tmp_path):
    out = _site(tmp_path)
    latest = _imgs((out / "latest/index.html").read_text(encoding="utf-8"))
    [offered] = [img for img in latest if "story-" in img["src"]]
    # Of one shape (16:9) only: the portrait is another picture. Narrowest first, each by its width.
    assert offered["srcset"] == ("https://pics.example/story-320.jpg 320w, https://pics.example/story-640.jpg 640w, "
                                 "https://pics.example/story-1024.jpg 1024w")
    assert offered["sizes"] == "(max-width: 36rem) 4.75rem, 24rem"
    assert offered["src"] == "https://pics.example/story-640.jpg"  # not the full-size original
    assert (offered["width"], offered["height"]) == ("640", "360")
    assert offered["fetchpriority"] == "high" and "loading" not in offered  # the list's first picture
    [single] = [img for img in latest if "only.jpg" in img["src"]]
    assert "srcset" not in single and (single["width"], single["height"]) == ("1600", "900")
    assert single["loading"] == "lazy"


def test_a_story_page_offers_them_too(tmp_path):
    out = _site(tmp_path)
    [page] = [p for p in (out / "news").rglob("index.html") if "sizes" in p.parent.name]
    [hero] = [img for img in _imgs(page.read_text(encoding="utf-8")) if "story-" in img["src"]]
    assert hero["src"] == "https://pics.example/story-1024.jpg"  # the smallest as wide as the column
    assert hero["sizes"] == "(max-width: 46rem) 100vw, 46rem" and hero["srcset"].count("w,") == 2
    assert hero["fetchpriority"] == "high" and (hero["width"], hero["height"]) == ("1024", "576")


def test_a_provider_logo_is_never_shown_from_a_copy_smaller_than_its_circle(tmp_path):
    root = make_site(tmp_path / "site", {
        "content/a.md": item("A story", provider="{name: Tiny, domain: tiny.example}"),
        "data/organizations/tiny.example.md": (
            "---\n_id: tiny.example\nname: Tiny Times\nimages:\n"
            "  - url: /assets/images/organizations/tiny.example-50x50.jpg\n    width: 50\n    height: 50\n"
            "  - url: /assets/images/organizations/tiny.example-400x400.jpg\n    width: 400\n    height: 400\n---\n"),
        "assets/images/organizations/tiny.example-50x50.jpg": "small jpeg",
        "assets/images/organizations/tiny.example-400x400.jpg": "large jpeg",
    }, BASIC_CONFIG + "data_dir: data\n")
    config, result = build_site(root)
    out = config.output_path
    small, large = "/assets/providers/tiny-example-50x50.jpg", "/assets/providers/tiny-example-400x400.jpg"
    assert (out / small[1:]).read_text() == "small jpeg" and (out / large[1:]).read_text() == "large jpeg"
    # On its own page the logo is 72 pixels wide: the 50-pixel copy would be blown up.
    [logo] = [img for img in _imgs((out / "providers/tiny-example/index.html").read_text(encoding="utf-8"))
              if "tiny-example" in img["src"] and img["width"] == "72"]
    assert logo["src"] == large and (logo["width"], logo["sizes"]) == ("72", "72px")
    # Beside a card's byline it is 24 pixels: the small copy, the large one for screens of more pixels.
    [chip] = [img for img in _imgs((out / "latest/index.html").read_text(encoding="utf-8"))
              if "tiny-example" in img["src"]]
    assert chip["src"] == small and chip["srcset"] == f"{small} 50w, {large} 400w" and chip["sizes"] == "24px"


def test_the_front_page_lead_picture_loads_before_the_headlines_beside_it(tmp_path):
    out = _site(tmp_path)
    lead, headline = _imgs((out / "index.html").read_text(encoding="utf-8"))[1:3]  # (after the site's icon)
    assert "story-" in lead["src"] and lead["fetchpriority"] == "high" and "loading" not in lead
    assert lead["sizes"] == "(max-width: 56rem) 100vw, 50rem" and lead["src"].endswith("story-1024.jpg")
    assert "only.jpg" in headline["src"] and (headline["fetchpriority"], headline["loading"]) == ("low", "lazy")
