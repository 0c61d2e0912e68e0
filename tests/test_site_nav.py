"""The header's sections and the footer: each page marks its own section current, and what they show depends on
`page.section` alone, which has one value per section of the site (the header is rendered once for each)."""

from __future__ import annotations

import re

from conftest import BASIC_CONFIG, build_site, item, make_site


def _site(root):
    files = {
        "content/a1.md": item("An article", "2026-11-20T10:00:00Z", topics="[Technology]"),
        "content/a2.md": item("Another article", "2026-11-21T10:00:00Z"),
        "content/v1.md": item("A video", "2026-11-19T10:00:00Z", type="video"),
        # (a crawler's type that is also a section's name: its list is not Latest)
        "content/l1.md": item("A latest thing", "2026-11-18T10:00:00Z", type="latest"),
    }
    config, result = build_site(make_site(root, files, BASIC_CONFIG))
    assert result.site.problems == ()
    return config.output_path, result.site.pages


def _current(html: str) -> list[tuple[str, str]]:
    """(link, text) of each link of the header's sections marked current."""
    nav = re.search(r'<nav[^>]* aria-label="Sections">(.*?)</nav>', html, re.S)[1]
    return [(href, text) for href, current, text in
            re.findall(r'<a href="([^"]+)"( aria-current="page")?[^>]*>([^<]+)</a>', nav) if current]


def test_each_page_marks_its_own_section_and_no_other(tmp_path):
    out, pages = _site(tmp_path / "site")
    expected = {"latest": [("/latest/", "Latest")], "top": [("/top/", "Top")], "hot": [("/hot/", "Hot")],
                "topics": [("/topics/", "Topics")], "topic": [("/topics/", "Topics")],
                "providers": [("/providers/", "Providers")], "provider": [("/providers/", "Providers")],
                "article": [], "home": []}
    seen = set()
    for page in pages:
        html = (out / page.output).read_text(encoding="utf-8")
        if page.kind == "type":
            first = re.sub(r"page/\d+/$", "", page.url)
            assert _current(html) == [("/" + first, re.search(r"<h1[^>]*>([^<]+)</h1>", html)[1])], page.url
        elif page.kind in expected:
            assert _current(html) == expected[page.kind], page.url
        seen.add(page.kind)
    assert {"latest", "type", "topic", "providers", "article", "home"} <= seen


def test_pages_have_one_section_value_per_section_of_the_site(tmp_path):
    _, pages = _site(tmp_path / "site")
    sections = {page.section for page in pages}
    assert {page.section for page in pages if page.kind in ("article", "home", "404", "search")} == {""}
    assert {page.section for page in pages if page.kind == "type"} == {"type/video", "type/latest"}
    assert sections == {"", "latest", "top", "hot", "topics", "providers", "type/video", "type/latest"}
