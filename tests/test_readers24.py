"""Real readers of every output, fed a site of odd but valid crawled items.

Titles with `<`, `&`, quotes, emoji, right-to-left text, combining marks and a 300-letter word; addresses with
Unicode and IDN hosts, IPv6, spaces, quotes and brackets; one item with every optional field and one with
none; a base_url whose path has a space. Each output is read as its readers read it: feeds with feedparser
(what feed readers are built on), JSON with a strict decoder, sitemaps as sitemaps.org defines them, pages'
heads with html5lib (as browsers and crawlers parse them). What a reader gets must be what the page shows.
"""

from __future__ import annotations

import html
import json
import math
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import html5lib
import pytest

from conftest import ROOT, build_site, make_site, resolve_url

H = "{http://www.w3.org/1999/xhtml}"
A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
q = json.dumps  # a YAML double-quoted scalar that can carry any character

TITLES = [
    'Tom & Jerry say "5 < 6" and \'x > y\' \U0001f389\U0001f469\u200d\U0001f469\u200d\U0001f467',
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd: \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 2026",
    "Zalgo z\u0337\u0322a\u0338l\u0336g\u0335o\u0334 and Ze\u0301bre n\u0303",
    "Long " + "x" * 300 + " word",
    "Brackets [1] {2} (3) a]]>b <3 &c",
]
URLS = [
    'https://m\u00fcnchen.example/stra\u00dfe/\u00e4 \u00f6?q="x"&y=[1]#frag',
    "https://xn--mnchen-3ya.example/a'b(c)d",
    "https://\u4f8b\u3048.\u30c6\u30b9\u30c8/\u30d1\u30b9?\u30af\u30a8\u30ea=\u5024",
    "http://[2001:db8::1]/v6/path",
    "https://ok.example/a%20b/{c}|d^e`f",
]
# A picture whose address does not say its type (no extension), and ones that do
PICTURES = ["https://img.example/render?id=7", "https://img.example/\u00e9t\u00e9 (1).jpg",
            "https://img.example/p.png", "https://img.example/q.webp", "https://img.example/r.gif"]


def _file(lines: list[str], body: str = "Body.") -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def odd_files() -> dict[str, str]:
    files = {}
    for n, title in enumerate(TITLES):
        url = URLS[n]
        files[f"content/t{n}.md"] = _file([
            f"title: {q(title)}", f"excerpt: {q('Summary: ' + title)}",
            f"publishedDateTime: 2026-11-20T10:{n:02d}:00.123456+02:00",
            f"webUrl: {q(url)}", f"ampWebUrl: {q('https://amp.example/' + str(n))}",
            "type: podcast" if n == 0 else "type: article",
            *([f"featuredContent: {q('https://cdn.example/%C3%A9pisode%20' + str(n) + '.mp3')}", "size: 12345"]
              if n == 0 else []),
            f"provider: {q({'name': 'Prov ' + title[:20], 'domain': f'p{n}.example'})}",
            f"topics: {q([title[:30], 'Plain'])}",
            f"images: {q([{'url': PICTURES[n], 'width': 800, 'height': 400}])}",
            f"related: {q([{'title': title, 'webUrl': f'https://rel.example/{n}'}])}",
            "quality: 50", "heat: 7", "price: '9 \u20ac'", "length: PT4M13S", "category: c", "secured: s",
        ])
    files["content/bare.md"] = _file(["title: Bare", "publishedDateTime: 2026-11-19T10:00:00Z"], "")
    return files


CONFIG = ('title: "Q&A <News> \\"\u0394\\" \U0001f389"\nbase_url: https://example.org/news site/\n'
          'now: "2026-11-22T12:00:00Z"\nstories:\n  enabled: false\ndescription: "A & B <c>"\n')


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("readers") / "site", odd_files(), CONFIG)
    config, result = build_site(root)
    assert not result.site.problems
    return config, result, config.output_path


# --- what the page shows ------------------------------------------------------------------------------

def head_of(path: Path) -> dict:
    """What a crawler reads of a page: canonical, og:/twitter: tags, article tags, time, JSON-LD."""
    doc = html5lib.parse(path.read_bytes(), transport_encoding="utf-8")
    metas: dict[str, list[str]] = {}
    for m in doc.iter(f"{H}meta"):
        key = m.get("property") or m.get("name")
        metas.setdefault(key, []).append(m.get("content"))
    links = [(l.get("rel"), l.get("type"), l.get("href")) for l in doc.iter(f"{H}link")]
    times = [t.get("datetime") for t in doc.iter(f"{H}time")]
    h1 = "".join(doc.find(f".//{H}h1").itertext()) if doc.find(f".//{H}h1") is not None else None
    ld = [s.text for s in doc.iter(f"{H}script") if s.get("type") == "application/ld+json"]
    return {"meta": metas, "links": links, "times": times, "h1": h1, "ld": ld}


def article_pages(config, result) -> dict[str, dict]:
    """Each story's page URL -> what its head shows."""
    out = config.output_path
    pages = {config.base_url + p.url: head_of(out / p.output) for p in result.site.pages if p.kind == "article"}
    assert len(pages) == len(TITLES) + 1
    return pages


def feed_files(out: Path, ext: str) -> list[Path]:
    found = sorted(p for p in out.rglob(f"*{ext}") if p.name.startswith(("feed.", "latest.", "top.")))
    assert len(found) > 10
    return found


RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
RFC822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
                    r"\d\d:\d\d:\d\d (GMT|[+-]\d{4})")


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def absolute(url: str) -> None:
    """An address a reader can follow: http(s), a host, no white space or control characters."""
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.hostname, url
    assert not re.search(r"[\x00-\x20\x7f]", url), url


# --- feeds through feedparser -------------------------------------------------------------------------

def test_feedparser_reads_every_atom_and_rss_entry_as_its_page_shows_it(odd):
    config, result, out = odd
    pages = article_pages(config, result)
    seen = 0
    for path in feed_files(out, ".xml") + feed_files(out, ".rss"):
        feed = feedparser.parse(path.read_bytes())
        atom = path.suffix == ".xml"
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.version == ("atom10" if atom else "rss20"), path
        raw = ET.fromstring(path.read_bytes())
        raw_entries = raw.findall(f"{A}entry") if atom else raw.findall("channel/item")
        assert len(raw_entries) == len(feed.entries)
        for entry, node in zip(feed.entries, raw_entries):
            seen += 1
            page = pages[entry.link]
            where = (path.name, entry.link)
            assert [entry.link] == [h for rel, _, h in page["links"] if rel == "canonical"], where
            assert entry.id == entry.link, where
            if atom:
                assert raw.findtext(f"{A}id") and node.findtext(f"{A}id") == entry.link  # stable: the page's URL
                assert RFC3339.fullmatch(node.findtext(f"{A}published")), where
                assert RFC3339.fullmatch(node.findtext(f"{A}updated")), where
                assert moment(node.findtext(f"{A}published")) == moment(json.loads(page["ld"][0])["datePublished"])
            else:
                guid = node.find("guid")
                assert guid.get("isPermaLink") == "true" and guid.text == entry.link, where
                assert RFC822.fullmatch(node.findtext("pubDate")), where
                published = parsedate_to_datetime(node.findtext("pubDate"))
                assert published == moment(json.loads(page["ld"][0])["datePublished"]).replace(microsecond=0)
            assert entry.title == page["meta"]["og:title"][0] == page["h1"], where
            summary = entry.get("summary", "")
            if entry.get("summary_detail", {}).get("type") == "text/html":
                summary = html.unescape(summary)  # RSS <description> is HTML: what a reader shows is its text
            assert summary == json.loads(page["ld"][0])["description"], where  # (the page's meta tag is cut)
            tags = [t.label if atom else t.term for t in entry.get("tags", [])]
            assert tags == page["meta"].get("article:tag", []), where
            for enclosure in entry.get("enclosures", []):
                absolute(enclosure.href)
                # a reader shows a picture as one only if the enclosure says it is one
                assert enclosure.type.startswith(("image/", "audio/", "video/")), (where, enclosure)
            pictures = [e.href for e in entry.get("enclosures", []) if e.type.startswith("image/")]
            assert pictures in ([], page["meta"].get("og:image", [])[:1]), where
    assert seen > 20
