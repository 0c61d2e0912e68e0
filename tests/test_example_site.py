"""The example site shows pictures of its own: every picture it names is in the site, and loads in a browser."""

from __future__ import annotations

import importlib.util
import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT, static_server


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs)["src"])


def _img_sources(html: str) -> list[str]:
    parser = _Images()
    parser.feed(html)
    return parser.sources


def test_every_picture_of_the_built_example_is_a_file_of_the_site(example):
    config, result, out = example
    base_path = "/newsdesk/"
    pages = sorted(out.rglob("*.html"))
    sources = {src for page in pages for src in _img_sources(page.read_text(encoding="utf-8"))}
    pictures = {src for src in sources if "/static/pictures/" in src}
    logos = {src for src in sources if "/static/logos/" in src}
    assert len(pictures) >= 20 and len(logos) >= 5
    outside = sorted(src for src in sources if not src.startswith(base_path))
    assert outside == []  # nothing from other hosts (the example used to point at .example hosts that do not exist)
    missing = sorted(src for src in sources if not (out / src[len(base_path):]).is_file())
    assert missing == []


def test_example_pictures_are_what_the_script_draws():
    spec = importlib.util.spec_from_file_location("example_pictures", ROOT / "scripts" / "example_pictures.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    drawn = script.pictures()
    committed = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
                 for p in sorted((ROOT / "static").rglob("*.svg"))}
    assert len(drawn) >= 25 and drawn == committed
    assert all(len(text) < 4096 for text in drawn.values())  # small: a few KB at most each
    for text in drawn.values():
        assert re.match(r'<svg xmlns="http://www.w3.org/2000/svg" width="\d+" height="\d+"', text)


@pytest.mark.slow
def test_example_pictures_load_in_a_browser(example, page):
    config, result, out = example
    with static_server(out, "/newsdesk/") as base:
        for path in ("", "providers/", "news/2026/10/30/comet-c2026-r3-brightens/"):
            page.goto(base + path)
            # Lazy pictures below the fold load only when scrolled to: ask for them all now.
            page.evaluate("() => document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
            page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=15_000)
            sizes = page.evaluate("() => [...document.images].map(i => [i.getAttribute('src'), i.naturalWidth])")
            shown = [src for src, width in sizes if "/static/pictures/" in src or "/static/logos/" in src]
            assert shown, f"no example pictures on {path or 'the front page'}"
            assert [src for src, width in sizes if width == 0] == []
