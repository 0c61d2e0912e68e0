"""How the site names itself in every output: a title that looks like HTML or holds tabs and line breaks,
an ordinary RSS title, and an IDN base_url written in its ASCII form."""

from __future__ import annotations

import json
import re
import xml.dom.minidom

import pytest

from conftest import build_said, item, make_site
from generator import cli


def _shown(detail_value: str, kind: str) -> str:
    """What a reader shows of a feedparser field: HTML rendered to its text, plain text as it is."""
    import html5lib

    if kind != "text/html":
        return detail_value
    fragment = html5lib.parseFragment(detail_value, treebuilder="etree", namespaceHTMLElements=False)
    assert not list(fragment), detail_value  # no element: the text is shown, not made bold or run
    return fragment.text or ""


@pytest.mark.parametrize("title", ["Tom & Jerry <News>", "Cats <b>and</b> dogs", "R&amp;D weekly", "AT&T <3 news"])
def test_a_site_title_that_looks_like_html_reads_as_written_in_pages_and_every_feed(tmp_path, capsys, title):
    import html as html_module

    import feedparser

    site = make_site(tmp_path / "site", {
        "content/a.md": item(f"Story: {title}", originalUrl="https://a.example/1"),
    }, f"title: {json.dumps(title)}\nbase_url: https://example.org/\nnow: '2026-11-22T12:00:00Z'\n")
    code, said = build_said(site, capsys)
    assert code == 0, said
    out = site / "output"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert html_module.unescape(re.search(r"<title>(.*?)</title>", page)[1]) == title
    # (an item's title is content, which the site may clean: each feed shows it as the site's API has it)
    [news] = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    story = news["title"]
    assert story.startswith("Story: ")
    for name in ("feeds/latest.rss", "feeds/latest.xml"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert not parsed.bozo, name
        feed_title = _shown(parsed.feed.title, parsed.feed.title_detail.type)
        assert feed_title == f"{title}: Latest", name
        [entry] = parsed.entries
        assert _shown(entry.title, entry.title_detail.type) == story, name
    # A reader that renders RSS titles as HTML shows them as written too.
    rss = (out / "feeds/latest.rss").read_text(encoding="utf-8")
    import xml.etree.ElementTree as ET

    titles = [element.text for element in ET.fromstring(rss).iter("title")]
    assert [_shown(text, "text/html") for text in titles] == [f"{title}: Latest", story]
    data = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    assert data["title"] == f"{title}: Latest" and data["items"][0]["title"] == story


def test_an_ordinary_rss_title_is_written_as_it_is(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("AT&T buys a < b", originalUrl="https://a.example/1")})
    assert build_said(site, capsys)[0] == 0
    rss = (site / "output/feeds/latest.rss").read_text(encoding="utf-8")
    assert "<title>AT&amp;T buys a &lt; b</title>" in rss


def test_an_idn_base_url_is_written_in_its_ascii_form_wherever_the_site_names_itself(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("Eins", originalUrl="https://a.example/1")},
                     "title: B\nbase_url: 'https://Bücher.example/neu/'\nnow: '2026-11-22T12:00:00Z'\n")
    code, said = build_said(site, capsys)
    assert code == 0, said
    out = site / "output"
    files = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".rss", ".json", ".txt")]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "bücher" not in text.lower(), path
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://xn--bcher-kva.example/neu/sitemap.xml" in robots
    assert "<loc>https://xn--bcher-kva.example/neu/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://xn--bcher-kva.example/neu/"' in (out / "index.html").read_text("utf-8")
    feed = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    assert feed["home_page_url"] == "https://xn--bcher-kva.example/neu/latest/"


def test_tabs_and_line_breaks_in_the_title_are_white_space_and_feeds_stay_well_formed(site):
    (site / "config.yaml").write_text('title: "Test\\tNews"\ndescription: "Line one\\nline two"\n'
                                      'base_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    assert cli.main(["build"]) == 0
    feeds = sorted((site / "output/feeds").glob("latest.*"))
    assert len(feeds) == 3
    for feed in feeds:
        if feed.suffix == ".json":
            assert json.loads(feed.read_text())["title"] == "Test News: Latest"
        else:
            xml.dom.minidom.parse(str(feed))
