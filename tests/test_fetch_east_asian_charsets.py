"""Feeds in the legacy charsets of Korean, Japanese and Chinese sites, served on loopback as their publishers
serve them. Each label names a narrow standard (EUC-KR, Shift_JIS, GB2312, Big5) whose writers' Windows machines
encode a wider one (CP949, CP932, GBK/GB18030, Big5-HKSCS), as browsers read it (the WHATWG Encoding Standard):
a headline with one of the wider set's characters (똠, 햏; ①, ㈱, 髙; 镕; 峯) was Latin-1 mojibake in full. So was
a feed that names no charset at all, as many Korean and Japanese sites' feeds are: read by its language (the
source's, else the one it says, else the site's) in that language's legacy charsets, as a browser set to it does."""

from __future__ import annotations

import zlib

from conftest import feed_site, fetch_said, fetched
from feed_server import FeedServer, Route

# (the feed's language, a charset's label as servers and prologs write it, the Python codec the bytes are in,
# a headline with characters only the wider set has)
LABELLED = [
    ("ko", "EUC-KR", "cp949", "똠방각하 햏자, 삼성전자 실적 발표"),
    ("ko", "ks_c_5601-1987", "cp949", "똠방각하 햏자, 카카오 새 서비스"),
    ("ko", "windows-949", "cp949", "햏 네이버 검색 개편"),
    ("ja", "Shift_JIS", "cp932", "①㈱髙島屋、新店舗を開業"),
    ("ja", "x-sjis", "cp932", "㈱髙橋製作所が上場"),
    ("zh-CN", "GB2312", "gb18030", "朱镕基谈半导体"),
    ("zh-CN", "x-gbk", "gb18030", "镕铸新芯片"),
    ("zh-TW", "Big5", "big5hkscs", "峯會討論晶片"),
]

# (a language, the codec its unlabelled feed is in, a headline)
UNLABELLED = [
    ("ko", "euc_kr", "서울시는 자율주행 버스를 도입한다"),
    ("ko", "cp949", "똠방각하 삼성전자 실적 상승"),
    ("ja", "cp932", "熊本の新工場、量産を開始"),
    ("ja", "euc_jp", "東京の新工場、量産を開始"),
    ("zh-CN", "gb18030", "北京发布人工智能新规"),
    ("zh-TW", "big5hkscs", "台北發布人工智慧新規"),
]


def _rss(title: str, language: str, prolog: str = "") -> str:
    return (f"{prolog}<rss version=\"2.0\"><channel><title>Feed</title><link>https://feed.example/</link>"
            f"<language>{language}</language><item><title>{title}</title>"
            f"<link>https://feed.example/{zlib.crc32(title.encode())}"
            f"</link><pubDate>Sun, 22 Nov 2026 09:30:00 +0900</pubDate><description>{title}</description></item>"
            f"</channel></rss>")


def test_legacy_east_asian_labels_are_read_as_the_wider_charset_browsers_read(tmp_path, capsys):
    with FeedServer() as server:
        for number, (language, label, codec, title) in enumerate(LABELLED):
            body = _rss(title, language)
            server.routes[f"/header{number}.rss"] = Route(
                body.encode(codec), content_type=f"application/rss+xml; charset={label}")
            server.routes[f"/prolog{number}.rss"] = Route(
                _rss(title + " (prolog)", language, f'<?xml version="1.0" encoding="{label}"?>').encode(codec),
                content_type="application/rss+xml")
        site = feed_site(tmp_path / "site", "".join(f"  - url: {server.url(path)}\n    domain: d{number}.example\n"
                                                    for number, path in enumerate(server.routes)))
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    assert sorted(fetched(site)) == sorted([title for *_, title in LABELLED]
                                           + [title + " (prolog)" for *_, title in LABELLED]), said


def test_a_feed_naming_no_charset_is_read_in_its_languages_legacy_charset(tmp_path, capsys):
    with FeedServer() as server:
        for number, (language, codec, title) in enumerate(UNLABELLED):
            # its language said by the feed itself
            server.routes[f"/says{number}.rss"] = Route(_rss(title, language).encode(codec),
                                                       content_type="text/xml")
        # one saying nothing, on a Korean site: the site's language
        server.routes["/site.rss"] = Route(_rss("애플, 한국에 새 매장", "").encode("euc_kr"), content_type="text/xml")
        sources = "".join(f"  - url: {server.url(path)}\n    domain: d{number}.example\n"
                          for number, path in enumerate(server.routes))
        site = feed_site(tmp_path / "site", sources, settings="language: ko\n")
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    assert sorted(fetched(site)) == sorted([title for *_, title in UNLABELLED] + ["애플, 한국에 새 매장"]), said


def test_a_feed_naming_no_charset_in_a_western_language_is_still_read_as_before(tmp_path, capsys):
    """Windows-1252's bytes in a French feed that says nothing: as before, not as Korean."""
    with FeedServer() as server:
        server.routes["/fr.rss"] = Route(_rss("Café à Paris", "fr").encode("cp1252"), content_type="text/xml")
        site = feed_site(tmp_path / "site", f"  - {server.url('/fr.rss')}\n", settings="language: ko\n")
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    assert list(fetched(site)) == ["Café à Paris"], said


def test_a_utf8_feed_labelled_with_a_legacy_charset_is_read_as_utf8(tmp_path, capsys):
    """A site that moved to UTF-8 while its server (or its feed's prolog) still says EUC-KR, Shift_JIS or GB2312:
    the bytes are no text of that charset and are UTF-8, which they were read as before the legacy charsets were;
    read in the label's charset they were mojibake in full."""
    titles = {"EUC-KR": "삼성전자, 인공지능 반도체 투자 확대", "Shift_JIS": "熊本の新工場、量産を開始",
              "GB2312": "北京发布人工智能新规"}
    with FeedServer() as server:
        for number, (label, title) in enumerate(titles.items()):
            server.routes[f"/header{number}.rss"] = Route(
                _rss(title, "").encode("utf-8"), content_type=f"application/rss+xml; charset={label}")
            server.routes[f"/prolog{number}.rss"] = Route(
                _rss(title + " 2", "", f'<?xml version="1.0" encoding="{label}"?>').encode("utf-8"),
                content_type="application/rss+xml")
        site = feed_site(tmp_path / "site", "".join(f"  - url: {server.url(path)}\n    domain: d{number}.example\n"
                                                    for number, path in enumerate(server.routes)))
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    assert sorted(fetched(site)) == sorted([*titles.values(), *(title + " 2" for title in titles.values())]), said
