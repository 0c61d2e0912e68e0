"""Pictures that fail to load are hidden (the theme's static/js/images.js), pictures that load are shown.

Crawled stories often point at pictures that have since gone; a reader should see the card's
placeholder, not a broken-image icon. Real browser, real HTTP server.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from conftest import item, make_site, static_server

from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

pytestmark = pytest.mark.slow  # a real browser

# A 1x1 PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def test_a_picture_that_fails_to_load_is_hidden_and_one_that_loads_is_shown(tmp_path, page):
    output = tmp_path / "site" / "output"
    output.mkdir(parents=True)
    with static_server(output, "/") as base:
        root = make_site(tmp_path / "site", {
            "static/ok.png": "",
            "content/gone.md": item("Gone picture", date="2026-11-20T10:00:00Z",
                                    images='[{url: "http://127.0.0.1:9/gone.jpg", width: 1, height: 1}]'),
            "content/fine.md": item("Fine picture", date="2026-11-19T10:00:00Z",
                                    images=f'[{{url: "{base}static/ok.png", width: 1, height: 1}}]'),
        }, f"title: T\nbase_url: {base}\nnow: \"2026-11-22T12:00:00Z\"\nsearch: false\n"
           "stories:\n  enabled: false\n")  # (two pictures, two cards: alike as they are, not one story)
        Path(root / "static/ok.png").write_bytes(PNG)
        build(load_config(root / "config.yaml"), BuildOptions(), environ={})
        page.goto(base + "latest/")
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=10_000)
        gone = page.locator("img[src$='gone.jpg']").first
        fine = page.locator("img[src$='ok.png']").first
        page.wait_for_function("() => document.querySelector(\"img[src$='gone.jpg']\").classList.contains('is-broken')",
                               timeout=10_000)
        assert gone.evaluate("i => getComputedStyle(i).visibility") == "hidden"
        assert "is-broken" not in (fine.get_attribute("class") or "")
        assert fine.evaluate("i => getComputedStyle(i).visibility") == "visible"


def test_a_picture_of_the_sites_static_folder_is_kept_by_its_site_path(tmp_path):
    import json

    from conftest import build_site

    pictures = '[{url: "/static/pics/a.svg", width: 64, height: 36}]'
    # (not "///x.svg": a browser reads that on the story's page as the host x.svg, and so does newsdesk)
    refused = '["static/../config.yaml", "pics/a.svg", "static/.hidden.svg"]'
    root = make_site(tmp_path / "site", {
        "static/pics/a.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="36"/>\n',
        "content/own.md": item("Own picture", images=pictures, provider='{name: P, images: ["static/pics/a.svg"]}'),
        "content/odd.md": item("Odd pictures", images=refused),
    }, "title: T\nbase_url: https://example.org/news/\nnow: \"2026-11-22T12:00:00Z\"\n"
       "stories:\n  enabled: false\n")  # (two cards: alike as they are, not one story)
    config, result = build_site(root)
    out = config.output_path
    assert (out / "static/pics/a.svg").is_file()
    front = (out / "index.html").read_text(encoding="utf-8")
    assert '<img src="/news/static/pics/a.svg" alt="" width="64" height="36"' in front  # the card's picture
    assert front.count('src="/news/static/pics/a.svg"') >= 2  # and the provider's logo
    feed = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    images = {entry["title"]: entry.get("image") for entry in feed["items"]}
    assert images == {"Own picture": "https://example.org/news/static/pics/a.svg", "Odd pictures": None}
