"""A feed entry's summary, when it is all the entry has: its excerpt reads as a sentence (a picture's alt text
in its place, else nothing and no stray space; cells, list items and captions apart), and what its plain words
lose (links, pictures, emphasis, lists) is kept as the item's body, which the story page shows once. Fetched
for real, from feeds on loopback."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import fetch_site, fetched
from feed_server import Route
from generator.cli import main


def _rss(items: str) -> bytes:
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title><link>https://f.example/</link>"
            f"{items}</channel></rss>").encode()


def _item(n: int, title: str, summary: str, extra: str = "") -> str:
    escaped = summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (f"<item><title>{title}</title><link>https://f.example/{n}</link>"
            f"<pubDate>Fri, 20 Nov 2026 10:0{n}:00 GMT</pubDate><description>{escaped}</description>{extra}</item>")


def _fetch(tmp_path: Path, server, capsys, items: str) -> Path:
    server.routes["/feeds/summaries.xml"] = Route(_rss(items))
    site = fetch_site(tmp_path / "site", server, ["/feeds/summaries.xml"])
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    return site


def _bodies(site: Path) -> dict[str, str]:
    found = {}
    for path in (site / "content" / "fetched").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^title: ['\"]?(.*?)['\"]?$", text, re.M)[1]
        found[title] = text.split("---\n", 2)[2]
    return found


EXCERPTS = {
    "Picture": ("<p>For the details see <img src='/chart.png'>. Then more.</p>", "For the details see. Then more."),
    "Named picture": ("<p>See <img src='/chart.png' alt='the sales chart'>, then more.</p>",
                      "See the sales chart, then more."),
    "Picture mid-sentence": ("<p>A <img src='/x.png'> word</p>", "A word"),
    "Cells": ("<table><tr><td>alpha</td><td>beta</td></tr></table>", "alpha beta"),
    "List": ("<ul><li>one</li><li>two</li></ul>", "one two"),
    "Breaks": ("first<br>second", "first second"),
    "Figure": ("<figure><img src='/a.png' alt='A cat'><figcaption>Asleep</figcaption></figure>Then",
               "A cat Asleep Then"),
    "Terms": ("<dl><dt>term</dt><dd>meaning</dd></dl>", "term meaning"),
}


def test_a_summary_s_excerpt_reads_as_a_sentence(tmp_path, server, capsys):
    site = _fetch(tmp_path, server, capsys,
                  "".join(_item(n, title, summary) for n, (title, (summary, _)) in enumerate(EXCERPTS.items())))
    items = fetched(site)
    assert {title: items[title].get("excerpt") for title in EXCERPTS} == {
        title: excerpt for title, (_, excerpt) in EXCERPTS.items()}


def test_an_uncut_summary_keeps_its_links_and_pictures_as_the_body(tmp_path, server, capsys):
    site = _fetch(tmp_path, server, capsys, "".join((
        _item(1, "Linked",
              "<p>Read <a href='/report'>the report</a>, <em>now</em>: <img src='/chart.png' alt='chart'>.</p>"),
        _item(2, "Words only", "<p>Just words.</p><p>Two paragraphs.</p>"),
        _item(3, "Google style", "<a href='https://f.example/3'>Google style</a>&nbsp;&nbsp;<font>Pub</font>",
              "<source url='https://pub.example/'>Pub</source>"),
    )))
    items, bodies = fetched(site), _bodies(site)
    assert items["Linked"]["excerpt"] == "Read the report, now: chart."
    body = bodies["Linked"]
    assert f'href="{server.url("/report")}"' in body and f'src="{server.url("/chart.png")}"' in body
    assert "<em>now</em>" in body
    # its words are the excerpt's; Google News's headline linked, and its publisher, is no text: no body
    assert bodies["Words only"].strip() == "" and items["Words only"]["excerpt"] == "Just words. Two paragraphs."
    assert bodies["Google style"].strip() == ""


def test_the_story_page_shows_a_summary_kept_as_the_body_once(tmp_path, server, capsys):
    site = _fetch(tmp_path, server, capsys, "".join((
        _item(1, "Linked", "<p>Read <a href='/report'>the report</a> today.</p>"),
        _item(2, "Words only", "<p>Just words here.</p>"),
    )))
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    pages = {name: list((site / "output" / "news").rglob(f"{name}-*/index.html")) for name in ("linked", "words-only")}
    assert all(len(found) == 1 for found in pages.values()), pages
    linked = pages["linked"][0].read_text(encoding="utf-8")
    article = linked.split("<article", 1)[1].split("</article>", 1)[0]
    assert article.count("the report") == 1 and 'class="lede"' not in article
    assert f'href="{server.url("/report")}"' in article
    words = pages["words-only"][0].read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    assert 'class="lede"' in words and words.count("Just words here.") == 1
