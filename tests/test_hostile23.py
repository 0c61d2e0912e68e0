"""Hostile and odd crawler content, fourth round: character references in a body to characters no output
may carry.

Each test writes what a crawler or a feed can send and checks what the user sees: the site built from it,
the files fetch writes, and the messages.
"""

from __future__ import annotations

import re

import pytest

from conftest import build_site, item, make_site

# What no page, feed or API file may carry: C0 and C1 controls but white space, and Unicode's noncharacters
NO_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0010ffff]")


# --- 1. character references in a body to characters no output may carry ----------------------------

@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_references_to_no_character_in_a_body_keep_the_site_and_leave_no_trace(tmp_path, engine):
    """`&#xFFFF;` in one item's body stopped the whole build (cmark writes U+FFFE and U+FFFF as bytes that
    are no UTF-8); `&#1;`, `&#11;` and `&#xFDD0;` reached the story's page as the characters, which HTML
    makes parse errors and XML forbids, though the same characters written as such are removed. They are
    removed from the text now, and percent-encoded in a link, as the browser sends them."""
    refs = "&#1; &#11; &#x7f; &#x85; &#xFDD0; &#xFFFE; &#xFFFF; &#x1FFFE; &#x10FFFF;"
    body = (f"Before {refs} after.\n\n<p title=\"&#2;\">titled</p> <a href=\"https://p.example/a&#1;b&#xFFFE;\">link</a>"
            f" <img src=\"https://p.example/i&#xFFFF;.png\" alt=\"&#3;pic\">")
    featured = '"<p>Featured &#1; &#xFFFF; text</p>"'
    site = make_site(tmp_path / "site", {
        "content/refs.md": item("References", body=body, featuredContent=featured),
        "content/plain.md": item("Plain one", date="2026-11-20T09:00:00Z"),
    }, "title: Test News\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\n"
       f"markdown_engine: {engine}\n")
    config, result = build_site(site)
    assert result.items == 2
    out = config.output_path
    page = (out / "news/2026/11/20/refs/index.html").read_text(encoding="utf-8")
    assert (out / "news/2026/11/20/plain/index.html").is_file()
    assert "Before" in page and "after." in page and "titled" in page and "Featured" in page
    assert 'href="https://p.example/a%01b%EF%BF%BE"' in page
    assert 'src="https://p.example/i%EF%BF%BF.png"' in page
    written = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".rss", ".json")]
    assert written
    for path in written:
        assert not NO_CHARACTER.search(path.read_text(encoding="utf-8")), path
