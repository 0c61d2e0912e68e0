"""Pictures in the size their place needs: an item's smaller copies of its picture are offered to the browser
(`srcset`, `sizes`) instead of the full-size original alone, and a provider's logo is never shown from a copy
smaller than its circle. The lead's and a story's picture are eager with `fetchpriority=high`, a list's first
thumbnail eager at low priority, the other thumbnails and the logos lazy at low priority; every one keeps its
width and height."""

from __future__ import annotations

import http.server
import json
import re
import threading

import pytest

from conftest import BASIC_CONFIG, build_site, item, make_site, static_server
from generator.config.load import load_config
from generator.errors import ConfigError

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
    assert offered["sizes"] == "(max-width: 36rem) 4.75rem, 11rem"  # a thumbnail: no card has a wider one
    assert offered["src"] == "https://pics.example/story-640.jpg"  # not the full-size original
    assert (offered["width"], offered["height"]) == ("640", "360")
    assert offered["fetchpriority"] == "low" and "loading" not in offered  # the list's first picture: at once, low
    [single] = [img for img in latest if "only.jpg" in img["src"]]
    assert "srcset" not in single and (single["width"], single["height"]) == ("1600", "900")
    assert (single["loading"], single["fetchpriority"]) == ("lazy", "low")


def test_a_story_page_offers_them_too(tmp_path):
    out = _site(tmp_path)
    [page] = [p for p in (out / "news").rglob("index.html") if "sizes" in p.parent.name]
    [hero] = [img for img in _imgs(page.read_text(encoding="utf-8")) if "story-" in img["src"]]
    assert hero["src"] == "https://pics.example/story-1024.jpg"  # the smallest as wide as the column
    # The column's width (the screen less the page's padding, 46rem at most): a phone takes the copy of its width,
    # a phone of 2.5 device pixels a CSS one or more the copy of three quarters of it, one of 2 of nine tenths
    assert hero["sizes"] == ("(min-resolution: 2.5dppx) and (max-width: 36rem) calc((100vw - 1.7rem) * 0.75), "
                             "(min-resolution: 2dppx) and (max-width: 36rem) calc((100vw - 1.7rem) * 0.9), "
                             "(max-width: 36rem) calc(100vw - 1.7rem), (max-width: 48rem) calc(100vw - 2rem), 46rem")
    assert hero["srcset"].count("w,") == 2
    assert hero["fetchpriority"] == "high" and (hero["width"], hero["height"]) == ("1024", "576")


def test_a_story_page_shows_its_other_pictures_once_each(tmp_path):
    # A gallery lists its pictures in `images`: the page showed the first only, and lost the others without a word.
    # Pictures of another shape than the first (and any without sizes after it) are others; a size of one is not.
    gallery = IMAGES + '\n  - url: "https://pics.example/unsized.jpg"\n  - url: "https://pics.example/portrait.jpg"'
    files = {"content/gallery.md": item("Harbour in pictures", type="gallery", images=gallery)}
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG))
    page = (config.output_path / "news/2026/11/20/gallery/index.html").read_text(encoding="utf-8")
    shown = [img["src"] for img in _imgs(page) if "pics.example" in img["src"]]
    assert shown == ["https://pics.example/story-1024.jpg", "https://pics.example/portrait.jpg",
                     "https://pics.example/unsized.jpg"]
    others = [img for img in _imgs(page) if img["src"] in shown[1:]]
    assert [(img["width"], img["height"], img["loading"]) for img in others] == [("300", "400", "lazy"),
                                                                                  ("736", "414", "lazy")]


def test_a_gallery_of_pictures_of_one_shape_and_size_shows_each(tmp_path):
    # Sizes of one picture differ in width; a gallery's photos, often all 1200x675, are pictures of their own.
    gallery = "".join(f'\n  - url: "https://pics.example/photo-{n}.jpg"\n    width: 1200\n    height: 675'
                      for n in range(3))
    files = {"content/gallery.md": item("Harbour in pictures", type="gallery", images=gallery)}
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG))
    page = (config.output_path / "news/2026/11/20/gallery/index.html").read_text(encoding="utf-8")
    shown = [img["src"] for img in _imgs(page) if "pics.example" in img["src"]]
    assert shown == [f"https://pics.example/photo-{n}.jpg" for n in range(3)]


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
    assert logo["src"] == large and logo["width"] == "72"
    assert logo["sizes"] == "(max-width: 36rem) 3rem, 4.5rem"  # the circle's width (3rem on a phone's page)
    # Beside a card's byline it is 1.4rem (22.4 pixels): the small copy, the large one for screens of more pixels.
    [chip] = [img for img in _imgs((out / "latest/index.html").read_text(encoding="utf-8"))
              if "tiny-example" in img["src"]]
    assert chip["src"] == small and chip["srcset"] == f"{small} 50w, {large} 400w" and chip["sizes"] == "1.4rem"
    assert (chip["loading"], chip["fetchpriority"]) == ("lazy", "low")


def test_the_front_page_lead_picture_loads_before_the_headlines_beside_it(tmp_path):
    out = _site(tmp_path)
    lead, headline = _imgs((out / "index.html").read_text(encoding="utf-8"))[1:3]  # (after the site's icon)
    assert "story-" in lead["src"] and lead["fetchpriority"] == "high" and "loading" not in lead
    # The screen less the page's padding (three quarters of it on a dense phone, nine tenths at 2), then (beside
    # the headlines) two thirds of it, 48.5rem at most
    assert lead["sizes"] == ("(min-resolution: 2.5dppx) and (max-width: 36rem) calc((100vw - 1.7rem) * 0.75), "
                             "(min-resolution: 2dppx) and (max-width: 36rem) calc((100vw - 1.7rem) * 0.9), "
                             "(max-width: 36rem) calc(100vw - 1.7rem), (max-width: 56rem) calc(100vw - 2rem), "
                             "(max-width: 76rem) calc((100vw - 3.25rem) * 2 / 3), 48.5rem")
    assert lead["src"].endswith("story-1024.jpg")
    assert "only.jpg" in headline["src"] and (headline["fetchpriority"], headline["loading"]) == ("low", "lazy")


RESIZER = "https://img.example/fit?url={url}&w={width}"


def test_a_resizer_offers_a_single_full_size_picture_in_the_widths_a_page_shows(tmp_path):
    files = {"content/one.md": item("One size only", images='\n  - url: "https://pics.example/only.jpg?v=2&s=big"'
                                                          '\n    width: 1600\n    height: 900'),
             "content/local.md": item("Our own picture", "2026-11-19T10:00:00Z",
                                      images='\n  - url: "static/img/own.jpg"\n    width: 1600\n    height: 900'),
             "static/img/own.jpg": "jpeg"}
    config, result = build_site(make_site(tmp_path / "site", files,
                                          BASIC_CONFIG + f"picture_resizer: {RESIZER}\nstories:\n  enabled: false\n"))
    assert result.site.problems == ()
    out = config.output_path
    wanted = "https%3A%2F%2Fpics.example%2Fonly.jpg%3Fv%3D2%26s%3Dbig"  # the whole URL, one query value
    copies = [f"https://img.example/fit?url={wanted}&amp;w={w} {w}w" for w in (80, 160, 320, 480, 640, 960, 1280)]
    html = (out / "latest/index.html").read_text(encoding="utf-8")
    [card] = [img for img in _imgs(html) if "only.jpg" in img["src"]]
    assert card["srcset"] == ", ".join([*copies, "https://pics.example/only.jpg?v=2&amp;s=big 1600w"])
    # The card's place is 400 pixels at most: the 480-pixel copy, with its own size (the picture's shape).
    assert card["src"] == f"https://img.example/fit?url={wanted}&amp;w=480" and card["sizes"]
    assert (card["width"], card["height"]) == ("480", "270")
    [own] = [img for img in _imgs(html) if "own.jpg" in img["src"]]
    assert own["src"] == "/static/img/own.jpg" and "srcset" not in own  # the site's own pictures are never sent out
    # A search result's picture is the card's copy
    records = [record for path in (out / "search/index/docs").iterdir() for record in json.loads(path.read_bytes())]
    assert f"https://img.example/fit?url={wanted}&w=480" in [record[8] for record in records]
    # A link preview shows the picture as the item gives it: other sites fetch it themselves.
    [page] = [p for p in (out / "news").rglob("index.html") if "one" in p.parent.name]
    text = page.read_text(encoding="utf-8")
    assert 'property="og:image" content="https://pics.example/only.jpg?v=2&amp;s=big"' in text


def test_a_picture_of_unknown_size_is_offered_in_copies_and_keeps_its_box(tmp_path):
    files = {"content/one.md": item("No size given", images='\n  - url: "https://pics.example/any.jpg"')}
    config, result = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + f"picture_resizer: {RESIZER}\n"))
    [card] = [img for img in _imgs((config.output_path / "latest/index.html").read_text(encoding="utf-8"))
              if "any.jpg" in img["src"]]
    assert card["srcset"].endswith("&amp;w=1280 1280w") and "https://pics.example/any.jpg " not in card["srcset"]
    assert (card["width"], card["height"]) == ("640", "360")  # the card's 16:9 box, as without a resizer


@pytest.mark.parametrize("template", ["https://img.example/fit?w={width}", "https://img.example/{url}/{width}/{height}",
                                      "ftp://img.example/{url}/{width}", "https://img.example/{url!r}/{width}",
                                      "https://img.example/{url/{width}"])
def test_a_bad_resizer_template_is_named_with_its_line(tmp_path, template):
    root = make_site(tmp_path / "site", {"content/a.md": item()},
                     BASIC_CONFIG + f"picture_resizer: '{template}'\n")
    with pytest.raises(ConfigError) as error:
        load_config(root / "config.yaml")
    [problem] = error.value.problems
    assert (problem.path, problem.line) == ("config.yaml", 4) and "picture_resizer" in problem.message
    assert "{url}" in (problem.hint or "")


@pytest.mark.slow
def test_a_phone_asks_the_resizer_for_a_copy_as_wide_as_its_thumbnail(tmp_path, browser):
    asked: list[str] = []

    class Resizer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            body = PNG
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Resizer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        template = f"http://127.0.0.1:{server.server_address[1]}/fit?url={{url}}&w={{width}}"
        files = {"content/one.md": item("One size only", images='\n  - url: "https://pics.example/only.jpg"'
                                                              '\n    width: 1600\n    height: 900')}
        config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + f"picture_resizer: '{template}'\n"))
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        with static_server(config.output_path) as url:
            tab = context.new_page()
            tab.goto(url + "latest/")
            tab.wait_for_function("[...document.images].every(img => img.complete)")
        context.close()
    finally:
        server.shutdown()
        server.server_close()
    # The phone's thumbnail is 4.75rem (76 CSS pixels, 152 device pixels): the 160-pixel copy, nothing bigger.
    assert asked == ["/fit?url=https%3A%2F%2Fpics.example%2Fonly.jpg&w=160"]


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf"
                    "c0f01f0005000201a9a3a3f80000000049454e44ae426082")


# --- `newsdesk pictures`: small copies made on this machine ---------------------------------------------------

def _jpeg(width: int, height: int, colour=(200, 80, 40), **save) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    picture = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 37):  # some detail, so that sizes differ
        picture.putpixel((x, (x * 7) % height), (0, 0, 0))
    picture.save(out, "JPEG", quality=90, **save)
    return out.getvalue()


def _bomb(size: int = 20_000) -> bytes:
    """A tiny PNG that claims size × size pixels (a decompression bomb: 20,000 is 1.6 GB decoded)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"\0" * (size // 8 + 1) * 200)  # (a few rows: the decoder never gets that far)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


LOCAL_SITE = "http://localhost:8000/"


def _picture_site(root, server, pictures: dict[str, tuple[int, int] | None], extra: str = ""):
    """A site of one item per picture path, each declaring the picture's size (None: no size given)."""
    files = {}
    for n, (path, size) in enumerate(sorted(pictures.items())):
        url = path if ":" in path else server.url(path)
        declared = f"\n    width: {size[0]}\n    height: {size[1]}" if size else ""
        files[f"content/p{n}.md"] = item(f"Story number {n} about {path.strip('/').replace('/', ' ')}",
                                         f"2026-11-{10 + n}T10:00:00Z",
                                         images=f'\n  - url: "{url}"{declared}')
    # (the pictures are on this machine: a public site would leave them out, docs/content.md; this site is local)
    return make_site(root, files, BASIC_CONFIG.replace("https://example.org/", LOCAL_SITE)
                     + "stories:\n  enabled: false\n" + extra)


def _card_imgs(page) -> list[dict[str, str]]:
    """The <img> of the cards of a list page (not the site's logo or the providers')."""
    return [img for img in _imgs(page.read_text(encoding="utf-8")) if "data-letters" not in img
            and not img["src"].endswith("favicon.svg")]


def _run_pictures(root, capsys, *more) -> tuple[int, str, str]:
    from generator.cli import main

    code = main(["pictures", "--config", str(root / "config.yaml"), "--local-hosts", *more])
    said = capsys.readouterr()
    return code, said.out, said.err


@pytest.fixture
def picture_server():
    from feed_server import FeedServer

    with FeedServer() as running:
        yield running


@pytest.mark.slow
def test_pictures_makes_small_copies_that_list_pages_offer(tmp_path, capsys, picture_server):
    from PIL import Image

    from feed_server import Route

    picture_server.routes["/wide.jpg"] = Route(_jpeg(1280, 720), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/wide.jpg": (1280, 720)})
    code, out, err = _run_pictures(root, capsys)
    assert code == 0 and "1 picture copied" in out and err == ""
    manifest = json.loads((root / "pictures/manifest.json").read_text(encoding="utf-8"))
    entry = manifest["pictures"][picture_server.url("/wide.jpg")]
    assert (entry["width"], entry["height"]) == (1280, 720)
    assert [copy["width"] for copy in entry["copies"]] == [160, 320, 480, 720, 960]
    for copy in entry["copies"]:
        with Image.open(root / "pictures" / copy["file"]) as made:
            assert made.format == "WEBP" and made.size == (copy["width"], copy["height"])
            assert abs(made.size[0] / made.size[1] - 16 / 9) < 0.02  # the picture's shape
            assert not made.info.get("exif") and not made.info.get("icc_profile")  # pixels only

    config, result = build_site(root)
    assert result.site.warnings == ()
    [img] = _card_imgs(config.output_path / "latest/index.html")
    links = re.findall(r"(\S+) (\d+)w", img["srcset"])
    assert [int(width) for _, width in links] == [160, 320, 480, 720, 960, 1280]
    assert links[-1][0] == picture_server.url("/wide.jpg")  # the original, as the item gives it
    for link, _ in links[:-1]:  # the copies, site-relative, and published
        assert link.startswith("/static/resized/") and (config.output_path / link.lstrip("/")).is_file()
    assert img["src"].startswith("/static/resized/") and img["src"].endswith("-480.webp")  # not the 1280 original
    assert (img["width"], img["height"]) == ("480", "270")
    assert "4.75rem" in img["sizes"]  # a phone takes the 160 or 320 copy for its 76-pixel thumbnail
    # A search result's picture is the card's copy.
    records = "".join(p.read_text(encoding="utf-8", errors="replace")
                      for p in (config.output_path / "search").rglob("*") if p.is_file())
    assert img["src"].lstrip("/") in records
    # ... offered in the card's sizes too, so that a phone takes the copy of its thumbnail's width
    meta = json.loads((config.output_path / "search/index/meta.json").read_text(encoding="utf-8"))
    [record] = [dict(zip(meta["fields"], doc)) for p in (config.output_path / "search/index/docs").glob("*.json")
                for doc in json.loads(p.read_text(encoding="utf-8"))]
    assert record["image"] == img["src"].lstrip("/")
    # (up to the copy for a desktop's 11rem thumbnail at 3 device pixels a CSS one: no result shows more)
    assert [width for _, width in record["srcset"]] == [160, 320, 480, 720]
    assert [url for url, _ in record["srcset"]] == [link.lstrip("/") for link, _ in links[:4]]
    # Link previews, feeds and the API keep the original.
    others = [p for p in config.output_path.rglob("*") if p.suffix in (".xml", ".json") and p.is_file()
              and "search" not in p.relative_to(config.output_path).parts]
    assert others and not [p for p in others if "static/resized" in p.read_text(encoding="utf-8")]
    previews = [meta for p in config.output_path.rglob("index.html")
                for meta in re.findall(r'<meta property="og:image"[^>]*>', p.read_text(encoding="utf-8"))]
    assert previews and all(picture_server.url("/wide.jpg") in meta for meta in previews)


def test_copies_follow_the_path_of_base_url_and_are_made_once(tmp_path, capsys, picture_server):
    from feed_server import Route

    picture_server.routes["/a.jpg"] = Route(_jpeg(800, 600), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/a.jpg": None},
                         extra="")
    (root / "config.yaml").write_text((root / "config.yaml").read_text().replace(
        LOCAL_SITE, LOCAL_SITE + "news/"), encoding="utf-8")
    assert _run_pictures(root, capsys)[0] == 0
    made = sorted(p.name for p in (root / "pictures").iterdir())
    code, out, _ = _run_pictures(root, capsys)
    assert code == 0 and "0 pictures copied, 1 already copied" in out
    assert len(picture_server.asked("/a.jpg")) == 1  # not downloaded again
    assert sorted(p.name for p in (root / "pictures").iterdir()) == made
    config, result = build_site(root)
    [img] = _card_imgs(config.output_path / "latest/index.html")
    # The item gave no size: the manifest's is the <img>'s shape, and the copies are offered.
    assert img["src"].startswith("/news/static/resized/") and img["src"].endswith("-480.webp")
    assert (img["width"], img["height"]) == ("480", "360")
    assert img["srcset"].count("/news/static/resized/") == 4  # 160 ... 720: narrower than 800


def test_copies_in_widths_an_older_newsdesk_made_are_made_again(tmp_path, capsys, picture_server):
    from feed_server import Route

    picture_server.routes["/old.jpg"] = Route(_jpeg(1280, 720), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/old.jpg": (1280, 720)})
    assert _run_pictures(root, capsys)[0] == 0
    manifest_path = root / "pictures/manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    [entry] = manifest["pictures"].values()
    # As an older newsdesk left them: a 640 copy where this one makes another width
    old = entry["copies"][-2]
    stale = old["file"].replace(f"-{old['width']}.webp", "-640.webp")
    (root / "pictures" / old["file"]).rename(root / "pictures" / stale)
    entry["copies"][-2] = {"file": stale, "height": 360, "width": 640}
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    code, out, _ = _run_pictures(root, capsys)
    assert code == 0 and "1 picture copied, 0 already copied" in out and "1 old copies removed" in out
    [entry] = json.loads(manifest_path.read_text(encoding="utf-8"))["pictures"].values()
    assert 640 not in [copy["width"] for copy in entry["copies"]] and not (root / "pictures" / stale).exists()
    assert all((root / "pictures" / copy["file"]).is_file() for copy in entry["copies"])


@pytest.mark.slow
def test_failed_pictures_are_named_with_what_to_do_and_the_rest_are_copied(tmp_path, capsys, picture_server):
    from feed_server import Route

    routes = picture_server.routes
    routes["/good.jpg"] = Route(_jpeg(640, 360), content_type="image/jpeg")
    routes["/page.jpg"] = Route(b"<!doctype html><title>Gone</title>", content_type="text/html")
    routes["/text.jpg"] = Route(b"\x00\x01 this is no picture at all " * 20, content_type="image/jpeg")
    routes["/bomb.png"] = Route(_bomb(), content_type="image/png")
    routes["/big.png"] = Route(_bomb(7_000), content_type="image/png")  # under Pillow's limit, over newsdesk's
    routes["/drawing.svg"] = Route(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
                                   content_type="image/svg+xml")
    routes["/huge.jpg"] = Route(stream_bytes=21 * 1024 * 1024, content_type="image/jpeg")
    pictures = {path: (640, 360) for path in ("/good.jpg", "/missing.jpg", "/page.jpg", "/text.jpg", "/bomb.png",
                                              "/big.png", "/drawing.svg", "/huge.jpg")}
    pictures["javascript:alert(1)"] = (640, 360)
    pictures["data:image/png;base64,iVBORw0KGgo="] = (640, 360)
    root = _picture_site(tmp_path / "site", picture_server, pictures)
    code, out, err = _run_pictures(root, capsys)
    assert code == 0 and "1 picture copied" in out and "7 failed" in out
    failed = dict(re.findall(r"^failed: content/p\d+\.md:\d+: (\S+): (.*)$", err, re.M))
    assert set(failed) == {picture_server.url(p) for p in pictures if p.startswith("/") and p != "/good.jpg"}
    assert "HTTP 404" in failed[picture_server.url("/missing.jpg")]
    assert "HTML" in failed[picture_server.url("/page.jpg")]
    assert "cannot be read as a picture" in failed[picture_server.url("/text.jpg")]
    assert "decompression bomb" in failed[picture_server.url("/bomb.png")]
    assert "7,000×7,000 pixels, more than 40,000,000" in failed[picture_server.url("/big.png")]
    assert "SVG" in failed[picture_server.url("/drawing.svg")]
    assert "20,971,520 bytes" in failed[picture_server.url("/huge.jpg")]
    for why in failed.values():
        assert ";" in why  # what to do, after why
    assert {path for path, _ in picture_server.requests} <= {p for p in pictures if p.startswith("/")}
    manifest = json.loads((root / "pictures/manifest.json").read_text(encoding="utf-8"))
    assert list(manifest["pictures"]) == [picture_server.url("/good.jpg")]
    config, result = build_site(root)  # the others are linked as the items give them
    latest = (config.output_path / "latest/index.html").read_text(encoding="utf-8")
    assert picture_server.url("/page.jpg") in latest and "/static/resized/" in latest


def test_a_private_host_is_never_asked_without_local_hosts(tmp_path, capsys, picture_server):
    from feed_server import Route
    from generator.cli import main

    picture_server.routes["/a.jpg"] = Route(_jpeg(640, 360), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/a.jpg": (640, 360)})
    assert main(["pictures", "--config", str(root / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "private network: never downloaded" in err and picture_server.requests == []
    assert "`newsdesk pictures --local-hosts`" in err  # what to do when the server is one's own, to test with


def test_local_hosts_on_a_public_site_says_why_its_local_pictures_are_not_copied(tmp_path, capsys, picture_server):
    """A public site's pages leave out pictures at a local address, so `--local-hosts` copied none of them, and
    said nothing: it says why, at base_url's line, and what to do. The public pictures are copied all the same."""
    from feed_server import Route
    from generator.cli import main

    picture_server.routes["/a.jpg"] = Route(_jpeg(640, 360), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/a.jpg": (640, 360)})
    config = root / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(LOCAL_SITE, "https://example.org/"),
                      encoding="utf-8")
    assert main(["pictures", "--config", str(config), "--local-hosts"]) == 0
    said = capsys.readouterr()
    assert picture_server.requests == [] and "0 pictures copied" in said.out
    assert ("warning: config.yaml:2: --local-hosts: base_url, https://example.org/, is public, and a public "
            "site's pages leave out the pictures at an address of this computer or a private network") in said.err
    assert "give the site a local address, e.g. `base_url: http://localhost:8000/`" in said.err
    assert main(["pictures", "--config", str(config)]) == 0  # (without the flag: nothing to say of it)
    assert "--local-hosts" not in capsys.readouterr().err
    config.write_text(config.read_text(encoding="utf-8").replace("https://example.org/", LOCAL_SITE),
                      encoding="utf-8")
    assert main(["pictures", "--config", str(config), "--local-hosts"]) == 0  # (a local site: copied, no warning)
    said = capsys.readouterr()
    assert "1 picture copied" in said.out and "warning" not in said.err, said


@pytest.mark.slow
def test_builds_with_copies_are_byte_identical_and_write_inside_output_only(tmp_path, capsys, picture_server):
    from conftest import files_under
    from feed_server import Route

    picture_server.routes["/a.jpg"] = Route(_jpeg(1280, 720), content_type="image/jpeg")
    picture_server.routes["/b.jpg"] = Route(_jpeg(1000, 1000, (10, 200, 30)), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/a.jpg": (1280, 720), "/b.jpg": (1000, 1000)})
    assert _run_pictures(root, capsys)[0] == 0
    first_copies = {p.name: p.read_bytes() for p in (root / "pictures").iterdir()}
    # The same bytes make the same copies and manifest.
    import shutil
    shutil.rmtree(root / "pictures")
    picture_server.requests.clear()
    assert _run_pictures(root, capsys)[0] == 0
    assert {p.name: p.read_bytes() for p in (root / "pictures").iterdir()} == first_copies
    before = set(p for p in tmp_path.rglob("*") if "output" not in p.parts)
    config, _ = build_site(root)
    one = files_under(config.output_path)
    shutil.rmtree(config.output_path)
    shutil.rmtree(root / ".newsdesk-cache", ignore_errors=True)
    config, _ = build_site(root)
    assert files_under(config.output_path) == one
    published = [name for name in one if name.startswith("static/resized/")]
    assert len(published) == 10  # 160 to 960 of each
    assert all(one[name] == first_copies[name.rsplit("/", 1)[1]] for name in published)
    after = set(p for p in tmp_path.rglob("*") if "output" not in p.parts)
    assert {p for p in after - before if ".newsdesk-cache" not in p.parts and not p.name.startswith(".output")} == set()


def test_a_new_pictures_run_changes_the_pages_of_a_warm_build(tmp_path, capsys, picture_server):
    from generator.build.cache import BuildCache
    from generator.build.pipeline import BuildOptions, build
    from feed_server import Route

    picture_server.routes["/a.jpg"] = Route(_jpeg(1280, 720), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/a.jpg": (1280, 720)})
    config = load_config(root / "config.yaml")
    cache = BuildCache()
    build(config, BuildOptions(workers=1), cache=cache)
    assert "static/resized" not in (config.output_path / "latest/index.html").read_text(encoding="utf-8")
    assert _run_pictures(root, capsys)[0] == 0
    build(config, BuildOptions(workers=1), cache=cache)
    assert "static/resized" in (config.output_path / "latest/index.html").read_text(encoding="utf-8")
    assert list((config.output_path / "static/resized").glob("*.webp"))


def test_newsdesk_build_after_newsdesk_pictures_offers_the_copies(tmp_path, capsys, picture_server):
    from feed_server import Route
    from generator.cli import main

    picture_server.routes["/a.jpg"] = Route(_jpeg(1280, 720), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, {"/a.jpg": (1280, 720)})
    config = ["--config", str(root / "config.yaml")]
    assert main(["build", *config]) == 0  # (its cache, on disk, knows the pages as they were)
    assert _run_pictures(root, capsys)[0] == 0
    assert main(["build", *config]) == 0
    assert "static/resized" in (root / "output/latest/index.html").read_text(encoding="utf-8")
    (root / "pictures/manifest.json").unlink()  # and back: the pages link the original alone
    assert main(["build", *config]) == 0
    assert "static/resized" not in (root / "output/latest/index.html").read_text(encoding="utf-8")
    assert not (root / "output/static/resized").exists()


def test_a_manifest_naming_other_files_publishes_none_of_them(tmp_path):
    root = make_site(tmp_path / "site", {"content/a.md": item(
        "One", images='\n  - url: "https://pics.example/a.jpg"\n    width: 1280\n    height: 720')},
        BASIC_CONFIG)
    (root / "pictures").mkdir()
    (root / "secret.txt").write_text("not for the site", encoding="utf-8")
    (root / "pictures/manifest.json").write_text(json.dumps({"pictures": {"https://pics.example/a.jpg": {
        "width": 1280, "height": 720, "copies": [{"file": "../secret.txt", "width": 160, "height": 90}]}}}),
        encoding="utf-8")
    config, result = build_site(root)
    assert [w.path for w in result.site.warnings] == ["pictures/manifest.json"]
    assert "run `newsdesk pictures` again" in str(result.site.warnings[0])
    assert not (config.output_path / "static/resized").exists()
    assert "not for the site" not in "".join(p.read_text(errors="replace") for p in config.output_path.rglob("*")
                                             if p.is_file())


def test_a_picture_with_a_colour_profile_or_a_broken_one_is_copied_in_its_colours(tmp_path):
    # A copy carries no colour profile, so browsers read it as sRGB: pixels are converted to sRGB first, and
    # a profile that cannot be read leaves them as given
    import io

    from PIL import Image, ImageCms

    from generator.fetch.pictures import make_entry

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    red = (200, 30, 40)
    for name, profile in [("profiled", srgb), ("broken", b"not a profile")]:
        out = io.BytesIO()
        Image.new("RGB", (640, 360), red).save(out, "JPEG", quality=95, icc_profile=profile)
        entry = make_entry(out.getvalue(), f"https://pics.example/{name}.jpg", tmp_path)
        assert entry["copies"]
        with Image.open(tmp_path / entry["copies"][-1]["file"]) as copy:
            assert copy.mode == "RGB" and not copy.info.get("icc_profile")
            assert all(abs(a - b) <= 8 for a, b in zip(copy.getpixel((320, 180)), red)), name


# Lighthouse's phone (412 CSS pixels wide at 1.75 device pixels each) and a phone of 3 device pixels a CSS one
PHONES = {"lighthouse": ({"width": 412, "height": 823}, 1.75), "dpr3": ({"width": 390, "height": 844}, 3),
          "dpr2": ({"width": 390, "height": 844}, 2), "dpr1": ({"width": 390, "height": 844}, 1)}
# Each <img> with a srcset, once loaded: its box's CSS width, and its candidates' URLs and widths
SHOWN = """() => [...document.images].filter(img => img.srcset && img.getBoundingClientRect().width > 0).map(img => ({
  box: img.getBoundingClientRect().width, current: img.currentSrc, place: img.closest('[class]').className,
  candidates: img.srcset.split(/,\\s+/).map(entry => entry.trim().split(/\\s+/))
    .map(([url, width]) => [new URL(url, document.baseURI).href, parseInt(width, 10)])}))"""


@pytest.mark.slow
def test_a_phone_takes_the_copy_of_the_width_each_picture_is_shown(tmp_path, capsys, picture_server, browser):
    """The front page's lead and cards, a list's rows, a story's picture and search results: at a phone's width
    the browser takes the narrowest copy at least as wide as the device pixels shown (a `sizes` wider than the
    layout made Lighthouse's phone take the 960 copy for a 673-pixel picture), and on Lighthouse's phone that copy
    is at most 1.3 times as wide as shown (its "properly size images" audit counts the pixels over as waste). A
    phone at 3 takes the 960 copy for the lead and a story's picture, not the full-size original; one at 2 the 720
    copy for the 726 pixels shown, not the 960 (1.7 times the bytes for 1% more width)."""
    from feed_server import Route

    pictures = {}
    for n in range(8):  # a lead, headlines beside it and a grid on the front page
        size = (1200, 630) if n % 2 else (1280, 720)  # the corpus's two most common shapes
        pictures[f"/p{n}.jpg"] = size
        picture_server.routes[f"/p{n}.jpg"] = Route(_jpeg(*size), content_type="image/jpeg")
    root = _picture_site(tmp_path / "site", picture_server, pictures)
    assert _run_pictures(root, capsys)[0] == 0
    config, result = build_site(root)
    story = result.site.model.site.items[0].path
    pages = {"front": "", "latest": "latest/", "story": story, "search": "search/?q=story"}
    seen = set()
    with static_server(config.output_path) as base:
        for phone, (viewport, ratio) in PHONES.items():
            for name, path in pages.items():
                # (a context per page: the browser may show a copy it has cached rather than the one it would ask for)
                context = browser.new_context(viewport=viewport, device_scale_factor=ratio, is_mobile=True,
                                              has_touch=True)
                tab = context.new_page()
                tab.goto(base + path, wait_until="networkidle")
                if name == "search":
                    tab.locator("#search-results img").first.wait_for()
                for y in range(0, tab.evaluate("document.documentElement.scrollHeight"), viewport["height"] // 2):
                    tab.evaluate(f"window.scrollTo(0, {y})")  # the lazy pictures too
                tab.wait_for_load_state("networkidle")
                tab.wait_for_function("[...document.images].every(img => img.complete)")
                shown = tab.evaluate(SHOWN)
                context.close()
                assert shown, f"{name} at {phone}: no picture with a srcset"
                for img in shown:
                    pixels = img["box"] * ratio
                    widths = {url: width for url, width in img["candidates"]}
                    chosen = widths[img["current"]]
                    where = f"{name} at {phone}, {img['place']}: {chosen}w for {pixels:.0f} device pixels"
                    narrower = [w for w in widths.values() if pixels <= w < chosen]  # and wide enough
                    assert not narrower, f"{where}, not {narrower}"
                    if phone == "lighthouse" and min(widths.values()) < chosen:
                        assert chosen <= 1.3 * pixels, where
                    if ratio >= 2.5 and img["box"] > 200:  # the lead or a story's picture, on a dense phone
                        # the widest copy (three quarters of the pixels shown or more), not the full-size original
                        assert chosen == sorted(widths.values())[-2] and chosen >= 0.75 * pixels, where
                        seen.add((name, "dense"))
                    elif ratio == 2 and img["box"] > 200:  # no wider than shown, and nine tenths of it or more
                        assert 0.9 * pixels <= chosen <= pixels, where
                        seen.add((name, "at 2"))
                    seen.add((name, img["place"]))
    assert {name for name, _ in seen} == set(pages)
    assert {"card-media", "hero"} <= {place.split()[0] for _, place in seen}
    assert {("front", "dense"), ("story", "dense"), ("front", "at 2"), ("story", "at 2")} <= seen


# The width an <img>'s `sizes` gives at the page's width (its first entry whose media condition holds), and the width
# its picture is drawn at: a picture that covers (object-fit) a box taller than its shape is drawn wider than the box
SIZES_AND_DRAWN = r"""(selector) => [...document.querySelectorAll(selector)].map(img => {
  let value = null;
  for (const entry of img.sizes.split(/,(?![^(]*\))/)) {
    const found = entry.trim().match(/^((?:\([^()]*\)\s*(?:and\s*)?)+)\s*(.+)$/);
    if (!found || matchMedia(found[1]).matches) { value = found ? found[2] : entry.trim(); break; }
  }
  const probe = document.createElement('div');
  probe.style.cssText = 'position: absolute; width: ' + value;
  document.body.append(probe);
  const said = probe.getBoundingClientRect().width;
  probe.remove();
  const box = img.getBoundingClientRect();
  return {said, drawn: Math.max(box.width, box.height * img.naturalWidth / img.naturalHeight)};
})"""
LEAD_IMAGES = "".join(f'\n  - url: "https://pics.example/lead-{w}.jpg"\n    width: {w}\n    height: {w * 9 // 16}'
                      for w in (320, 720, 1280))


@pytest.mark.slow
@pytest.mark.parametrize("stories", [1, 6])
def test_the_lead_picture_is_as_wide_as_its_sizes_say_alone_or_beside_headlines(tmp_path, browser, stories):
    """The front page's lead alone (no headlines beside it) showed its picture 58% of the page wide, or wider than
    its box when a long summary stretched it, while `sizes` said two thirds: the browser took a copy for another
    width than the one shown. Alone or not, at a phone's, a tablet's and a desktop's width, the picture is drawn as
    wide as `sizes` says (within the card's border)."""
    summary = repr("A summary of the story that goes on and on for a while. " * 7)
    files = {f"content/s{n}.md": item(f"Story {n} about the things it is about", f"2026-11-{10 + n}T10:00:00Z",
                                      images=LEAD_IMAGES, excerpt=summary) for n in range(stories)}
    config, _ = build_site(make_site(tmp_path / "site", files, BASIC_CONFIG + "stories:\n  enabled: false\n"))
    front = (config.output_path / "index.html").read_text(encoding="utf-8")
    assert ('class="front-top solo"' in front) == (stories == 1)
    with static_server(config.output_path) as base:
        for width in (390, 768, 900, 1000, 1366, 1600):
            context = browser.new_context(viewport={"width": width, "height": 900})
            tab = context.new_page()
            tab.route("https://pics.example/**", lambda route: route.fulfill(body=_jpeg(1280, 720),
                                                                             content_type="image/jpeg"))
            tab.goto(base, wait_until="networkidle")
            [lead] = tab.evaluate(SIZES_AND_DRAWN, ".card-lead img")
            context.close()
            assert abs(lead["said"] - lead["drawn"]) <= 3, f"{stories} stories at {width}: {lead}"
