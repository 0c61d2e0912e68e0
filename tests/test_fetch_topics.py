"""`newsdesk fetch` giving entries topics by their words (topics' `keywords`), and keeping only the entries of
the site's topics from general feeds (`only_topics`), against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import FETCH_TIMEOUT, make_site
from feed_server import FeedServer, Route
from generator.cli import main

GENERAL = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tech Everything</title><link>https://tech.example/</link><description>All</description>
<item><title>New phones announced</title><link>https://tech.example/phones</link>
  <pubDate>Mon, 16 Nov 2026 12:00:00 GMT</pubDate><description>Cameras, batteries and prices.</description></item>
<item><title>Low-code tools: POWER   Apps gets offline tables</title><link>https://tech.example/pa</link>
  <pubDate>Mon, 16 Nov 2026 11:00:00 GMT</pubDate><description>A release for makers.</description></item>
<item><title>Superpower apps for runners</title><link>https://tech.example/run</link>
  <pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate><description>Training plans.</description></item>
<item><title>Weekly roundup</title><link>https://tech.example/roundup</link>
  <pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate><description>Bits and pieces.</description>
  <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>Also: a tip for <b>#PowerApps</b> makers.</p>]]></content:encoded></item>
<item><title>Spreadsheets still rule</title><link>https://tech.example/sheets</link>
  <pubDate>Mon, 16 Nov 2026 08:00:00 GMT</pubDate><category>Power Apps</category></item>
<item><title>中国的低代码</title><link>https://tech.example/cn</link>
  <pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate><description>微软发布了低代码平台的更新。</description></item>
</channel></rss>
""".encode()

CONFIG = f"""\
title: One Subject
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
topics:
  - name: Power Apps
    keywords: [power apps, "#PowerApps"]
  - name: 低代码
    keywords: [低代码平台]
fetch:
  timeout: {FETCH_TIMEOUT}
  retries: 0
sources:
  - url: {{url}}
"""


@pytest.fixture()
def server():
    with FeedServer() as running:
        running.routes["/tech.xml"] = Route(GENERAL)
        yield running


def _fetch(site: Path, capsys) -> tuple[dict[str, dict], str]:
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    out, err = capsys.readouterr()
    found = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        found[meta["title"]] = meta.get("topics", [])
    assert found
    return found, out + err


def test_keywords_give_topics_as_whole_words_in_any_case(tmp_path, server, capsys):
    site = make_site(tmp_path / "site", {}, CONFIG.format(url=server.url("/tech.xml")))
    topics, _ = _fetch(site, capsys)
    assert len(topics) == 6
    assert topics["Low-code tools: POWER Apps gets offline tables"] == ["Power Apps"]
    assert topics["Weekly roundup"] == ["Power Apps"]  # a hashtag in its text
    assert topics["Spreadsheets still rule"] == ["Power Apps"]  # its category names the topic
    assert topics["Superpower apps for runners"] == []  # not a whole word
    assert topics["New phones announced"] == []
    assert topics["中国的低代码"] == ["低代码"]  # inside a run of Chinese, which has no spaces between words


def test_only_topics_keeps_the_entries_of_the_sites_topics_and_says_how_many_it_left_out(tmp_path, server, capsys):
    config = CONFIG.format(url=server.url("/tech.xml")) + "    only_topics: true\n    topics: [Power Apps]\n"
    site = make_site(tmp_path / "site", {}, config)
    topics, out = _fetch(site, capsys)
    # the source's own topic does not count: the two entries of no declared topic's words are left out
    assert set(topics) == {"Low-code tools: POWER Apps gets offline tables", "Weekly roundup",
                           "Spreadsheets still rule", "中国的低代码"}
    assert topics["中国的低代码"] == ["Power Apps", "低代码"]
    assert "2 entries of no declared topic: left out (`only_topics`)" in out
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    page = (site / "output" / "topics" / "power-apps" / "index.html").read_text(encoding="utf-8")
    assert "Weekly roundup" in page and "New phones announced" not in page


def test_data_dir_topic_records_keywords_and_hashtags_are_keywords(tmp_path, server, capsys):
    config = CONFIG.format(url=server.url("/tech.xml")).replace(
        "topics:\n  - name: Power Apps\n    keywords: [power apps, \"#PowerApps\"]\n  - name: 低代码\n    keywords: [低代码平台]\n",
        "data_dir: data\n")
    assert "data_dir: data" in config
    site = make_site(tmp_path / "site", {"data/topics/power-apps.yaml": textwrap.dedent("""\
        name: Power Apps
        _id: power-apps
        keywords:
          - power apps
        hashtags:
          - "#PowerApps"
        """)}, config)
    topics, _ = _fetch(site, capsys)
    assert topics["Weekly roundup"] == ["Power Apps"] and topics["Spreadsheets still rule"] == ["Power Apps"]
    assert topics["New phones announced"] == []


TURKISH = """<?xml version="1.0" encoding="windows-1254"?>
<rss version="2.0"><channel><title>Spor</title><link>https://spor.example/</link><description>Spor</description>
<item><title>İSTANBUL DERBİSİNDE BÜYÜK GÜN</title><link>https://spor.example/1</link></item>
<item><title>Maç İstanbul'da oynanacak</title><link>https://spor.example/2</link></item>
<item><title>Istanbul derby, as a foreign agency writes it</title><link>https://spor.example/3</link></item>
<item><title>ısparta ekibi kazandı</title><link>https://spor.example/4</link></item>
<item><title>Isparta'da kar</title><link>https://spor.example/5</link></item>
<item><title>Yeni İNSTAGRAM özelliği</title><link>https://spor.example/6</link></item>
<item><title>İstanbullu taraftarlar</title><link>https://spor.example/7</link></item>
</channel></rss>
""".encode("windows-1254")


@pytest.mark.parametrize("language", ["tr", "az", "en"])
def test_keywords_match_whatever_a_dotted_or_dotless_i_is_written_as(tmp_path, capsys, language):
    """Turkish writes `İSTANBUL` and `ısparta`: lowercased, `İ` was `i` and a combining dot, which no keyword
    `istanbul` matched, and `ı` no keyword typed with `I` or `i` (`ISPARTA`). The dot is no other word to a reader
    searching a feed's words, in any language's site (a Turkish place in English news)."""
    with FeedServer() as running:
        running.routes["/spor.xml"] = Route(TURKISH)
        config = CONFIG.format(url=running.url("/spor.xml")).replace(
            "topics:\n", f"language: {language}\ntopics:\n  - name: İstanbul\n    keywords: [istanbul]\n"
            "  - name: Isparta\n    keywords: [ISPARTA]\n  - name: Instagram\n    keywords: [instagram]\n")
        topics, said = _fetch(make_site(tmp_path / "site", {}, config), capsys)
    assert topics == {
        "İSTANBUL DERBİSİNDE BÜYÜK GÜN": ["İstanbul"], "Maç İstanbul'da oynanacak": ["İstanbul"],
        "Istanbul derby, as a foreign agency writes it": ["İstanbul"], "ısparta ekibi kazandı": ["Isparta"],
        "Isparta'da kar": ["Isparta"], "Yeni İNSTAGRAM özelliği": ["Instagram"], "İstanbullu taraftarlar": []}, said
