"""A Japanese site's feeds, served on loopback as Japanese publishers serve them: RSS in Shift_JIS named only in
the HTTP header, RSS in EUC-JP named in its prolog. Their entries' readings (`<ruby>新工場<rt>しんこうじょう</rt>
</ruby>`) are shown above their words on the story's page, and are no words of its excerpt; and a topic's keywords
are found whichever width an entry writes them in (`ＡＩ` for `AI`, `ｽﾏﾎ` for `スマホ`)."""

from __future__ import annotations

import json

import pytest
from conftest import build_said, feed_site, fetch_said, fetched
from feed_server import FeedServer, Route

SHIFT_JIS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>テックニュース速報</title><link>https://sokuho.example.jp/</link>
<language>ja</language>
<item><title>【速報】ＡＩ半導体の新工場、熊本で稼働へ</title><link>https://sokuho.example.jp/a1</link>
<pubDate>Sun, 22 Nov 2026 09:30:00 +0900</pubDate>
<description>半導体大手は熊本県に新しい工場を建設する。</description></item>
<item><title>「ｽﾏﾎ」新機種、1,980円の格安ﾌﾟﾗﾝ</title><link>https://sokuho.example.jp/a2</link>
<pubDate>Sun, 22 Nov 2026 08:00:00 +0900</pubDate>
<description>携帯各社が格安ﾌﾟﾗﾝを発表。</description></item>
</channel></rss>"""

EUC_JP = """<?xml version="1.0" encoding="EUC-JP"?>
<rss version="2.0"><channel><title>毎日テック</title><link>https://mainichi.example.jp/</link>
<item><title>熊本の新工場、量産を開始</title><link>https://mainichi.example.jp/b1</link>
<pubDate>2026年11月22日 午前10時</pubDate>
<description><![CDATA[<p>熊本県に<ruby>新工場<rp>（</rp><rt>しんこうじょう</rt><rp>）</rp></ruby>を建設し、\
<ruby><rb>量産</rb><rt>りょうさん</rt></ruby>を始めると発表した。半導体の需要は高く、各社は2027年までに\
生産能力を倍にする計画だ。関係者によると、新工場では約千人が働く予定で、地元の雇用にも大きな効果が\
期待されている。県は道路や住宅の整備を急いでいる。</p>]]></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja"><title>クラウド日報</title><id>urn:cloud</id>
<link href="https://cloud.example.jp/"/>
<entry><title>令和８年度の予算案、デジタル庁が要求</title><id>urn:cloud:1</id><link href="https://cloud.example.jp/c1"/>
<published>令和8年11月21日 18時30分</published><summary>デジタル庁は予算を要求した。</summary></entry>
</feed>"""

TOPICS = "topics:\n  - name: AI\n    keywords: [AI]\n  - name: スマートフォン\n    keywords: [スマホ, プラン]\n"


@pytest.mark.slow
def test_japanese_feeds_keep_their_readings_on_the_page_out_of_the_excerpt_and_find_keywords_of_any_width(
        tmp_path, capsys):
    with FeedServer() as server:
        server.routes["/sjis.rss"] = Route(SHIFT_JIS.encode("cp932"), content_type="application/rss+xml; charset=Shift_JIS")
        server.routes["/euc.rss"] = Route(EUC_JP.encode("euc_jp"), content_type="application/rss+xml")
        server.routes["/feed.atom"] = Route(ATOM.encode(), content_type="application/atom+xml")
        site = feed_site(tmp_path / "site", "".join(f"  - {server.url(path)}\n" for path in server.routes),
                         settings="language: ja\ntimezone: Asia/Tokyo\n" + TOPICS)
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    items = fetched(site)
    assert sorted(items) == sorted(["「ｽﾏﾎ」新機種、1,980円の格安ﾌﾟﾗﾝ", "【速報】ＡＩ半導体の新工場、熊本で稼働へ",
                                    "熊本の新工場、量産を開始", "令和８年度の予算案、デジタル庁が要求"])
    # dates as Japanese feeds write them, in the site's time zone (Tokyo's: UTC+9)
    assert {title: meta["publishedDateTime"] for title, meta in items.items()} == {
        "「ｽﾏﾎ」新機種、1,980円の格安ﾌﾟﾗﾝ": "2026-11-21T23:00:00Z", "【速報】ＡＩ半導体の新工場、熊本で稼働へ": "2026-11-22T00:30:00Z",
        "熊本の新工場、量産を開始": "2026-11-22T01:00:00Z", "令和８年度の予算案、デジタル庁が要求": "2026-11-21T09:30:00Z"}
    assert items["【速報】ＡＩ半導体の新工場、熊本で稼働へ"].get("topics") == ["AI"]
    assert items["「ｽﾏﾎ」新機種、1,980円の格安ﾌﾟﾗﾝ"].get("topics") == ["スマートフォン"]
    excerpt = items["熊本の新工場、量産を開始"]["excerpt"]
    assert excerpt.startswith("熊本県に新工場を建設し、量産を始めると発表した。"), excerpt
    assert "しんこうじょう" not in excerpt and "（" not in excerpt

    status, said = build_said(site, capsys)
    assert status == 0, said
    news = json.loads((site / "output" / "api" / "news" / "index.json").read_text(encoding="utf-8"))["news"]
    story = next(entry for entry in news if entry["title"] == "熊本の新工場、量産を開始")
    page = (site / "output" / story["url"].split("/", 3)[3] / "index.html").read_text(encoding="utf-8")
    assert "<ruby>新工場<rp>（</rp><rt>しんこうじょう</rt><rp>）</rp></ruby>" in page
    assert "<ruby><rb>量産</rb><rt>りょうさん</rt></ruby>" in page
    assert "新工場しんこうじょう" not in page  # (not in its description, its JSON-LD, its lede)
