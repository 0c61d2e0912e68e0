"""Pictures that fail to load are hidden (the theme's static/js/images.js), pictures that load are shown.

Crawled stories often point at pictures that have since gone; a reader should see the card's
placeholder, not a broken-image icon. Real browser, real HTTP server.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from conftest import item, make_site, static_server

from generator.build import BuildOptions, build
from generator.config import load_config

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
                                    images=f'[{{url: "http://127.0.0.1:9/gone.jpg", width: 1, height: 1}}]'),
            "content/fine.md": item("Fine picture", date="2026-11-19T10:00:00Z",
                                    images=f'[{{url: "{base}static/ok.png", width: 1, height: 1}}]'),
        }, f"title: T\nbase_url: {base}\nnow: \"2026-11-22T12:00:00Z\"\nsearch: false\n")
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
