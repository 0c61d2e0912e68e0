"""A crawled body's and featuredContent's HTML on the story's page: what a browser showed of it is shown,
and nothing of it runs."""

from __future__ import annotations

import json

import html5lib

from conftest import build_site, item, make_site


def test_a_frame_s_own_document_is_shown_as_the_body_s_html(tmp_path):
    """An iframe with no address shows the document its `srcdoc` holds (a quoted post, a table a page's
    script wrote, copied with the page): it was left out with all its words. It is read as the body's HTML
    is, its scripts and handlers dropped, and an iframe in it is a link. A featuredContent whose first iframe
    is such a document and whose second is the player kept neither the document nor one player: the player
    was shown twice (as the player and as a link), the document not at all."""
    quoted = ('&lt;blockquote&gt;&lt;p&gt;Cranes &lt;b&gt;repainted&lt;/b&gt;&lt;/p&gt;&lt;script&gt;window.pwned=1'
              '&lt;/script&gt;&lt;img src=x onerror=window.pwned=2&gt;&lt;iframe src=&quot;https://maps.example/m'
              '&quot;&gt;&lt;/iframe&gt;&lt;/blockquote&gt;')
    featured = json.dumps('<iframe srcdoc="&lt;p&gt;Quoted post&lt;/p&gt;"></iframe>'
                          '<iframe src="https://www.youtube.com/embed/abcDEF12345"></iframe>')
    site = make_site(tmp_path / "site", {
        "content/frame.md": item("Frame", webUrl="https://news.example/frame", featuredContent=featured,
                                 body=f'Before.\n\n<iframe srcdoc="{quoted}" width="600"></iframe>\n\nAfter.')})
    config, result = build_site(site)
    assert not result.site.problems and not result.site.warnings
    page = (config.output_path / "news" / "2026" / "11" / "20" / "frame" / "index.html").read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(page)
    assert not parser.errors, parser.errors[:3]
    text = " ".join("".join(document.find(".//main").itertext()).split())
    assert "Before. Cranes repainted" in text and "After." in text and "Quoted post" in text
    assert "pwned" not in page and "onerror" not in page and "srcdoc" not in page
    links = [a.get("href") for a in document.iter("a") if a.get("class") != "player-start"]  # (the player's own)
    assert "https://maps.example/m" in links and "https://www.youtube.com/embed/abcDEF12345" not in links
    assert [frame.get("src") for frame in document.iter("iframe")] == ["https://www.youtube.com/embed/abcDEF12345"]
