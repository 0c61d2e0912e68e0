"""Real readers of every output, fed a site of odd but valid crawled items.

Titles with `<`, `&`, quotes, emoji, right-to-left text, combining marks and a 300-letter word; addresses with
Unicode and IDN hosts, IPv6, spaces, quotes and brackets; one item with every optional field and one with
none; a base_url whose path has a space. Each output is read as its readers read it: feeds with feedparser
(what feed readers are built on), JSON with a strict decoder, sitemaps as sitemaps.org defines them, pages'
heads with html5lib (as browsers and crawlers parse them). What a reader gets must be what the page shows.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import html5lib
import pytest

from conftest import json_strings, ROOT, build_site, make_site, resolve_url
from generator.site.stories import story_id

H = "{http://www.w3.org/1999/xhtml}"
A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
q = json.dumps  # a YAML double-quoted scalar that can carry any character

TITLES = [
    'Tom & Jerry say "5 < 6" and \'x > y\' \U0001f389\U0001f469\u200d\U0001f469\u200d\U0001f467',
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd: "
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 2026",
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
            f"images: {q([{'url': PICTURES[n], 'width': 800, 'height': 400}, {'url': f'https://img.example/{n}'}])}",
            f"related: {q([{'title': title, 'webUrl': f'https://rel.example/{n}'}])}",
            "quality: 50", "heat: 7", "price: '9 \u20ac'", "length: PT4M13S", "category: c", "secured: s",
        ])
    files["content/bare.md"] = _file(["title: Bare", "publishedDateTime: 2026-11-19T10:00:00Z"], "")
    # addresses as crawlers copy them: a `%` that starts no escape, two `#`, a no-break space, a `\`
    files["content/urls.md"] = _file([
        "title: Addresses", "publishedDateTime: 2026-11-19T11:00:00Z",
        f"webUrl: {q('https://ok.example/100% sure/#a#b')}", "ampWebUrl: " + q("https://ok.example/a\\b?c=d e"),
        f"images: {q([{'url': 'https://img.example/a b' + chr(0xa0) + 'c.png'}, {'url': '//img.example/x.jpg'}])}",
        f"related: {q(['https://rel.example/a b'])}", "type: video",
        f"featuredContent: {q('https://cdn.example/v%zz 1.mp4')}",
        f"provider: {q({'name': 'P', 'domain': 'https://Sub.Example.com/path'})}"])
    return files


CONFIG = ('title: "Q&A <News> \\"\u0394\\" \U0001f389"\nbase_url: https://example.org/news site/\n'
          'now: "2026-11-21T12:00:00Z"\nstories:\n  enabled: false\ndescription: "A & B <c>"\n')


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("readers") / "site", odd_files(), CONFIG)
    config, result = build_site(root)
    assert not result.site.problems
    return config, result, config.output_path


@pytest.fixture(params=["odd", "example"])
def built(request):
    """The site of odd items, then the example site (stories of several items, a base_url path, videos)."""
    return request.getfixturevalue(request.param)


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
    assert len(pages) == len(result.site.model.site.items) > 5
    return pages


def entry_id(config, result, link: str) -> str:
    """The id a feed entry linking this page has: the page itself, or for a story's lead the page of the story's
    first item, whose source gives the story its id (docs/feeds-and-api.md: a new lead is no new entry)."""
    site = result.site.model.site
    index = next(n for n, item in enumerate(site.items) if config.base_url + item.path == link)
    number = site.story_of.get(index)
    if number is None or site.stories[number].lead != index:
        return link
    story = site.stories[number]
    [first] = [m for m in story.members if story_id(site.items[m].source) == story.id]
    return config.base_url + site.items[first].path


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
    """An address a reader can follow, a valid IRI (RFC 3987): http(s), a host, nothing an IRI cannot hold (white
    space, controls, `<>"{}|\\^` and backticks, a `%` that starts no escape, a second `#`)."""
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.hostname, url
    assert not re.search(r'[\x00-\x20\x7f-\x9f<>"{}|\\^`]|%(?![0-9A-Fa-f]{2})', url), url
    assert url.count("#") < 2, url


# --- feeds through feedparser -------------------------------------------------------------------------

def test_feedparser_reads_every_atom_and_rss_entry_as_its_page_shows_it(built):
    config, result, out = built
    pages = article_pages(config, result)
    seen, feed_ids = 0, []
    for path in feed_files(out, ".xml") + feed_files(out, ".rss"):
        feed = feedparser.parse(path.read_bytes())
        atom = path.suffix == ".xml"
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.version == ("atom10" if atom else "rss20"), path
        raw = ET.fromstring(path.read_bytes())
        raw_entries = raw.findall(f"{A}entry") if atom else raw.findall("channel/item")
        assert len(raw_entries) == len(feed.entries)
        if atom:
            feed_ids.append(raw.findtext(f"{A}id"))
            absolute(feed_ids[-1])
        for entry, node in zip(feed.entries, raw_entries):
            seen += 1
            page = pages[entry.link]
            where = (path.name, entry.link)
            assert [entry.link] == [h for rel, _, h in page["links"] if rel == "canonical"], where
            assert entry.id == entry_id(config, result, entry.link) and entry.id in pages, where
            if atom:
                assert raw.findtext(f"{A}id") and node.findtext(f"{A}id") == entry.id  # stable: a page's URL
                absolute(node.findtext(f"{A}id"))
                for link in node.findall(f"{A}link"):
                    absolute(link.get("href"))
                assert RFC3339.fullmatch(node.findtext(f"{A}published")), where
                assert RFC3339.fullmatch(node.findtext(f"{A}updated")), where
                assert moment(node.findtext(f"{A}published")) == moment(json.loads(page["ld"][0])["datePublished"])
            else:
                guid = node.find("guid")
                assert guid.get("isPermaLink") == "true" and guid.text == entry.id, where
                assert RFC822.fullmatch(node.findtext("pubDate")), where
                published = parsedate_to_datetime(node.findtext("pubDate"))
                assert published == moment(json.loads(page["ld"][0])["datePublished"]).replace(microsecond=0)
            title = entry.title
            if entry.title_detail.type == "text/html":
                title = html.unescape(title)  # (an RSS title that looks like HTML is HTML-escaped: its text is shown)
            assert title == page["meta"]["og:title"][0] == page["h1"], where
            summary = entry.get("summary", "")
            if entry.get("summary_detail", {}).get("type") == "text/html":
                summary = html.unescape(summary)  # RSS <description> is HTML: what a reader shows is its text
            assert summary == json.loads(page["ld"][0]).get("description", ""), where  # (the page's meta tag is cut)
            # (readers show a category's term, the one field RSS and Atom share: `[t.term for t in entry.tags]`)
            tags = [t.term for t in entry.get("tags", [])]
            assert tags == page["meta"].get("article:tag", []), where
            assert all(t.label in (None, t.term) for t in entry.get("tags", [])), where
            for enclosure in entry.get("enclosures", []):
                absolute(enclosure.href)
                # a reader shows a picture as one only if the enclosure says it is one
                assert enclosure.type.startswith(("image/", "audio/", "video/")), (where, enclosure)
            pictures = [e.href for e in entry.get("enclosures", []) if e.type.startswith("image/")]
            shown = page["meta"].get("og:image", [])[:1]
            assert pictures == [] or len(pictures) == len(shown) == 1 and _same_resource(pictures[0], shown[0]), where
    assert seen > 20
    assert len(feed_ids) == len(set(feed_ids))  # each Atom feed its own id


MEDIA = "{http://search.yahoo.com/mrss/}"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _count(parent, tag: str) -> int:
    return len(parent.findall(tag))


def test_atom_and_rss_feeds_have_the_structure_their_specifications_require(built):
    """RFC 4287's and RSS 2.0's rules that a parser does not check: required and single elements, links'
    rels, enclosures' attributes; and no character XML 1.0 cannot hold."""
    config, result, out = built
    for path in feed_files(out, ".xml"):
        assert not NOT_XML.search(path.read_text(encoding="utf-8")), path
        feed = ET.fromstring(path.read_bytes())
        for tag in ("id", "title", "updated"):
            assert _count(feed, f"{A}{tag}") == 1, (path, tag)
        assert _count(feed, f"{A}subtitle") <= 1 and _count(feed, f"{A}author") >= 1, path
        assert [l.get("rel") for l in feed.findall(f"{A}link")].count("self") == 1
        for entry in feed.findall(f"{A}entry"):
            for tag in ("id", "title", "updated"):
                assert _count(entry, f"{A}{tag}") == 1, (path, tag)
            for tag in ("published", "summary", "content"):
                assert _count(entry, f"{A}{tag}") <= 1, (path, tag)
            alternates = [(l.get("type"), l.get("hreflang")) for l in entry.findall(f"{A}link")
                          if l.get("rel", "alternate") == "alternate"]
            assert alternates and len(alternates) == len(set(alternates)), path
            for link in entry.findall(f"{A}link"):
                assert link.get("rel") in ("alternate", "via", "enclosure", "related"), path
                if link.get("length") is not None:
                    assert link.get("length").isdigit(), path
                if link.get("rel") == "enclosure":
                    assert re.fullmatch(r"[\w.+-]+/[\w.+-]+", link.get("type", "")), (path, link.attrib)
            for category in entry.findall(f"{A}category"):
                assert category.get("term"), path
            for media in entry.findall(f"{MEDIA}content"):
                absolute(media.get("url"))
    for path in feed_files(out, ".rss"):
        channel = ET.fromstring(path.read_bytes()).find("channel")
        for tag in ("title", "link", "description"):
            assert _count(channel, tag) == 1 and channel.findtext(tag), (path, tag)
        for item in channel.findall("item"):
            assert item.findtext("title") or item.findtext("description"), path
            for tag in ("title", "link", "description", "guid", "pubDate", "source"):
                assert _count(item, tag) <= 1, (path, tag)
            assert _count(item, "enclosure") <= 1, path  # (readers take one)
            for enclosure in item.findall("enclosure"):
                assert enclosure.get("url") and enclosure.get("length", "").isdigit(), (path, enclosure.attrib)
                assert re.fullmatch(r"[\w.+-]+/[\w.+-]+", enclosure.get("type", "")), (path, enclosure.attrib)
            if item.find("source") is not None:
                absolute(item.find("source").get("url"))


# --- JSON: the API and JSON Feed through a strict decoder -----------------------------------------------

def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), f"duplicate keys {keys}"
    return dict(pairs)


def _no_constant(name):
    raise AssertionError(f"{name} is no JSON number")


def strict_json(data: bytes):
    """As a strict reader decodes it: UTF-8 without a byte order mark, no NaN or Infinity, no duplicate
    keys; and every string one a UTF-8 reader can hold (no lone surrogate escaped as \\udxxx)."""
    assert not data.startswith(b"\xef\xbb\xbf")
    value = json.loads(data.decode("utf-8", errors="strict"), parse_constant=_no_constant,
                       object_pairs_hook=_no_duplicates)

    def walk(node):
        if isinstance(node, str):
            node.encode("utf-8")  # fails on a lone surrogate
        elif isinstance(node, float):
            assert math.isfinite(node)
        elif isinstance(node, dict):
            for key, child in node.items():
                walk(key)
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)
    walk(value)
    return value


URL_KEYS = {"url", "isBasedOn", "mainEntityOfPage", "webUrl", "originalUrl", "ampWebUrl", "videoUrl", "mediaUrl",
            "nextPage", "previousPage", "api", "atom", "rss",
            "json", "home_page_url", "feed_url", "external_url", "image", "related"}


def test_every_json_file_reads_strictly_and_holds_only_absolute_urls(built):
    config, result, out = built
    files = sorted(out.glob("api/**/*.json")) + feed_files(out, ".json")
    assert len(files) > 10
    index = sorted(out.glob("search/**/*.json"))  # the search page's records: its own paths, no URL fields
    assert len(index) > 5
    for path in index:
        strict_json(path.read_bytes())
    urls = 0
    for path in files:
        for url in json_strings(strict_json(path.read_bytes()), URL_KEYS):
            absolute(url)
            urls += 1
            if url.startswith(config.base_url):
                resolve_url(config, out, url)
    assert urls > 100


def test_json_feed_items_are_what_their_pages_show(built):
    config, result, out = built
    pages = article_pages(config, result)
    seen = 0
    for path in feed_files(out, ".json"):
        feed = strict_json(path.read_bytes())
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        for entry in feed["items"]:
            seen += 1
            page = pages[entry["url"]]
            ld = json.loads(page["ld"][0])
            assert entry["id"] == entry_id(config, result, entry["url"]) and entry["url"] == ld["url"]
            assert entry["title"] == page["meta"]["og:title"][0] == page["h1"]
            assert entry.get("summary", "") == ld.get("description", "")
            assert RFC3339.fullmatch(entry["date_published"])
            assert moment(entry["date_published"]) == moment(ld["datePublished"])
            assert entry.get("tags", []) == page["meta"].get("article:tag", [])
            assert ([entry["image"]] if "image" in entry else []) == page["meta"].get("og:image", [])[:1]
            assert entry.get("external_url") == ld.get("isBasedOn")
    assert seen > 20


# --- the JSON API against its documentation -----------------------------------------------------------

DOC = ROOT / "docs" / "feeds-and-api.md"


def documented_examples() -> list:
    """The example files of docs/feeds-and-api.md's JSON API section: api/news/, then api/topics/."""
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text.split("## JSON API", 1)[1], re.DOTALL)
    assert len(blocks) >= 2, "the JSON API section has no example of api/news/ and api/topics/"
    return [json.loads(block) for block in blocks]


def documented_nulls() -> set[str]:
    """The fields the API section says may be null: each sentence that says `null` names them in backticks."""
    section = DOC.read_text(encoding="utf-8").split("## JSON API", 1)[1]
    prose = re.sub(r"```.*?```", "", section, flags=re.DOTALL)
    return {name for sentence in re.split(r"(?<=\.)\s", prose) if "`null`" in sentence or " null " in sentence
            for name in re.findall(r"`(\w+)`", sentence)}


def _kind(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}[type(value)]


# The example's nulls that are numbers when given (the docs say so: `lengthSeconds`, `253`)
NUMBERS_SHOWN_NULL = {"lengthSeconds", "sizeBytes", "priceAmount"}


@functools.lru_cache(maxsize=1)
def documented_objects() -> dict[str, dict]:
    """The example's nulls that are objects when given, as the prose shows one (`"offer": {"amount": ...}`)."""
    section = DOC.read_text(encoding="utf-8").split("## JSON API", 1)[1]
    return {name: json.loads(shown) for name, shown in re.findall(r'`"(\w+)": (\{[^`]*\})`', section)}


def assert_shape(value, example, nullable: set[str], where: str) -> None:
    """value has exactly example's fields, each of the example's type (null only where documented), and so on
    inside objects and the arrays' items."""
    assert isinstance(value, dict) and value.keys() == example.keys(), (where, sorted(value), sorted(example))
    for key, shown in example.items():
        got = value[key]
        if got is None and shown is not None:
            assert key in nullable, f"{where}: {key} is null, and the documentation does not say it may be"
            continue
        if shown is None:  # (the example's nulls are texts or URLs: "4:13", "12 MB", "Free", a player's URL)
            objects = documented_objects()
            if key in objects:
                assert got is None or isinstance(got, dict), f"{where}: {key} is a {_kind(got)}, documented as an " \
                                                             "object"
                if got is not None:
                    assert_shape(got, objects[key], nullable, f"{where}.{key}")
                continue
            if key in NUMBERS_SHOWN_NULL:
                assert got is None or _kind(got) == "number", f"{where}: {key} is a {_kind(got)}, documented as a number"
                continue
            assert got is None or isinstance(got, str), f"{where}: {key} is a {_kind(got)}, documented as a text"
            continue
        assert _kind(got) == _kind(shown), f"{where}: {key} is a {_kind(got)}, documented as a {_kind(shown)}"
        if isinstance(shown, dict):
            assert_shape(got, shown, nullable, f"{where}.{key}")
        if isinstance(shown, list) and shown and isinstance(shown[0], dict):
            for n, member in enumerate(got):
                assert_shape(member, shown[0], nullable, f"{where}.{key}[{n}]")


def test_every_api_file_has_the_documented_fields_with_the_documented_types(built):
    config, result, out = built
    example = documented_examples()[0]
    nullable = documented_nulls()
    record = dict(example["news"][0])
    # `sources`: "each as {"path": ..., "url": ...}" (the example's is empty)
    record["sources"] = [{"path": record["path"], "url": record["url"]}]
    news_page = dict(example, news=[record])
    records = 0
    for path in sorted(out.glob("api/news/**/index.json")):
        data = strict_json(path.read_bytes())
        topic = data.pop("topic", None)
        in_topic = not re.fullmatch(r"api/news/(page/\d+/)?index.json", path.relative_to(out).as_posix())
        assert (topic is not None) == in_topic, path
        if in_topic:  # "plus "topic": {"slug": "ai", "name": "AI"}"
            assert_shape(topic, {"slug": "ai", "name": "AI"}, set(), path.as_posix())
        assert_shape(data, news_page, nullable, path.relative_to(out).as_posix())
        records += len(data["news"])
    assert records > 10
    # api/stories/: {"id", "lead", "newest", "sourceCount", "itemCount", "items", "related"}, items as in
    # api/news/ without the story fields; its files' head and links as api/news/'s
    item = {k: v for k, v in record.items() if k not in ("story", "sourceCount", "itemCount", "sources")}
    story = {"id": "d185ef7d7d07", "lead": record["path"], "newest": record["publishedDateTime"], "sourceCount": 0,
             "itemCount": 1, "items": [item], "related": ["https://other.example/story"]}
    stories = 0
    for path in sorted(out.glob("api/stories/**/index.json")):
        data = strict_json(path.read_bytes())
        assert_shape(data, {"page": 1, "pages": 1, "total": 1, "stories": [story], "nextPage": None,
                            "previousPage": None}, nullable, path.relative_to(out).as_posix())
        stories += len(data["stories"])
    assert stories == strict_json((out / "api/stories/index.json").read_bytes())["total"] >= 5
    topics = strict_json((out / "api/topics/index.json").read_bytes())
    assert_shape(topics, documented_examples()[1], nullable, "api/topics/index.json")
    assert len(topics["topics"]) == len(result.site.model.site.topics) > 3
    assert {"quality", "webUrl", "provider", "length", "mediaUrl", "nextPage", "previousPage"} <= nullable


# --- sitemaps and robots.txt, as sitemaps.org defines them ------------------------------------------------

W3C_DATETIME = re.compile(r"\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?)?)?")


def test_sitemaps_are_valid_as_sitemaps_org_defines_them_and_robots_txt_names_them(built):
    config, result, out = built
    pages = article_pages(config, result)
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    named = [line.split(":", 1)[1].strip() for line in robots.splitlines() if line.lower().startswith("sitemap:")]
    assert named == [config.base_url + "sitemap.xml", config.base_url + "news-sitemap.xml"]
    listed = []
    for url in named:
        absolute(url)
        path = resolve_url(config, out, url)
        data = path.read_bytes()
        assert len(data) < 50 * 1024 * 1024
        root = ET.fromstring(data)
        assert root.tag == f"{SM}urlset"
        entries = root.findall(f"{SM}url")
        assert 0 < len(entries) < 50_000
        for entry in entries:
            assert [child.tag for child in entry][0] == f"{SM}loc"
            loc = entry.findtext(f"{SM}loc")
            assert len(loc) < 2048 and loc == loc.strip()
            absolute(loc)
            resolve_url(config, out, loc)
            lastmod = entry.findtext(f"{SM}lastmod")
            if lastmod is not None:
                assert W3C_DATETIME.fullmatch(lastmod), lastmod
            listed.append(loc)
        if path.name == "news-sitemap.xml":
            news = "{http://www.google.com/schemas/sitemap-news/0.9}"
            for entry in entries:
                page = pages[entry.findtext(f"{SM}loc")]
                assert entry.findtext(f"{news}news/{news}title") == page["meta"]["og:title"][0]
                assert W3C_DATETIME.fullmatch(entry.findtext(f"{news}news/{news}publication_date"))
    assert set(pages) <= set(listed)


# --- the head of every page, as crawlers and social sites read it ------------------------------------------

def test_every_page_head_has_absolute_resolvable_links_and_json_ld_a_reader_takes(built):
    config, result, out = built
    assert len(result.site.pages) > 20
    for page in result.site.pages:
        head = head_of(out / page.output)
        where = page.output
        for rel, kind, href in head["links"]:
            if rel in ("canonical", "alternate"):
                absolute(href)
                resolve_url(config, out, href)
        for key in ("og:url", "og:image", "twitter:image"):
            for url in head["meta"].get(key, []):
                absolute(url)
        if page.kind == "404":
            continue
        assert head["meta"]["og:url"] == [h for rel, _, h in head["links"] if rel == "canonical"], where
        for key in ("og:title", "og:description", "twitter:title", "twitter:description"):
            assert len(head["meta"][key]) == 1 and head["meta"][key][0].strip(), (where, key)
        if page.kind != "article":
            continue
        [text] = head["ld"]
        assert "</" not in text and "<!--" not in text, where  # nothing in it can end the script
        data = strict_json(text.encode("utf-8"))
        assert data["@context"] == "https://schema.org" and data["@type"] in ("NewsArticle", "VideoObject",
                                                                               "AudioObject"), where
        assert data.get("headline", data.get("name")) == head["h1"] == head["meta"]["og:title"][0], where
        assert RFC3339.fullmatch(data["datePublished"]), where
        assert data["author"]["name"] and data["publisher"]["name"], where
        assert data["url"] == data["mainEntityOfPage"] == head["meta"]["og:url"][0], where
        assert data.get("description", "absent") != "", where  # none rather than an empty one
        for url in json_strings(data, URL_KEYS):
            absolute(url)
        pictures = data.get("image", data.get("thumbnailUrl", []))  # (a video's are its thumbnails)
        for url in pictures + [data[key] for key in ("embedUrl", "contentUrl") if key in data]:
            absolute(url)
        assert pictures[:1] == head["meta"].get("og:image", []), where


def _same_resource(ascii_form: str, iri: str) -> bool:
    """Whether an ASCII URL is the IRI as a browser sends it: its host in IDNA, the rest UTF-8 percent-encoded."""
    from urllib.parse import unquote

    one, two = urlsplit(ascii_form), urlsplit(iri)
    host = (one.hostname or "").encode("ascii").decode("idna")
    # (the site's own pages are named with base_url's host in IDNA too: compared as Unicode, as the other's)
    other = (two.hostname or "").encode("idna").decode("ascii").encode("ascii").decode("idna")
    return (one.scheme, host, one.port, unquote(one.path), unquote(one.query), unquote(one.fragment)) == \
        (two.scheme, other, two.port, unquote(two.path), unquote(two.query), unquote(two.fragment))


def test_rss_addresses_are_ascii_uris_of_what_the_page_links(tmp_path):
    # RSS 2.0 takes URLs (RFC 3986: ASCII), not IRIs as Atom does: an enclosure of `été (1).jpg` or a site on
    # an IDN host must reach podcast apps and validators as the browser sends it
    config_text = CONFIG.replace("https://example.org/news site/", "https://n\u00fcws.example/\u00e4 b/")
    root = make_site(tmp_path / "site", odd_files(), config_text)
    config, result = build_site(root)
    out = config.output_path
    pages = {urlsplit(url).path: (url, page) for url, page in article_pages(config, result).items()}
    checked = 0
    for path in feed_files(out, ".rss"):
        root_element = ET.fromstring(path.read_bytes())
        for element in root_element.iter():
            for url in [element.get(key) for key in ("url", "href", "domain") if element.get(key)] + (
                    [element.text] if element.tag in ("link", "guid") else []):
                assert url.isascii(), (path.name, element.tag, url)
                absolute(url)
                checked += 1
        for node in root_element.iter("item"):
            link = node.findtext("link")
            page_url, page = next((u, p) for u, p in pages.values() if _same_resource(link, u))
            pictures = page["meta"].get("og:image", [])
            enclosure = node.find("enclosure")
            if enclosure is not None and enclosure.get("type").startswith("image/"):
                assert _same_resource(enclosure.get("url"), pictures[0]), (enclosure.get("url"), pictures)
        assert not feedparser.parse(path.read_bytes()).bozo
    assert checked > 50


def test_an_address_in_ascii_leads_where_the_browser_goes():
    from generator.urls import ascii_url

    assert ascii_url("https://M\u00fcnchen.example:8080/\u00e4 %C3%B6?q=\u00fc#\u00df") == \
        "https://xn--mnchen-3ya.example:8080/%C3%A4 %C3%B6?q=%C3%BC#%C3%9F"
    assert ascii_url("http://[2001:db8::1]/p\u00e4th") == "http://[2001:db8::1]/p%C3%A4th"
    # IDNA 2003 (Python's) writes stra\u00dfe as strasse, another host than browsers go to: kept as written
    assert ascii_url("https://stra\u00dfe.example/\u00e9") == "https://stra\u00dfe.example/%C3%A9"
    assert ascii_url("https://ok.example/a%20b") == "https://ok.example/a%20b"


# --- the search index, read by the site's own script ------------------------------------------------------

@pytest.mark.slow
def test_odd_titles_come_through_the_search_index_into_result_cards_as_their_pages_show_them(odd, page):
    from conftest import static_server

    config, result, out = odd
    pages = article_pages(config, result)
    words = {"Jerry": 0, "\u05e9\u05dc\u05d5\u05dd": 1, "Zalgo": 2, "word": 3, "Brackets": 4, "Bare": None}
    with static_server(out, urlsplit(config.base_url).path) as base:
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        for word, n in words.items():
            page.goto(base + "search/?q=" + word)
            page.wait_for_function("document.getElementById('search-status').textContent !== ''", timeout=10_000)
            cards = page.locator("#search-results > li")
            assert cards.count() == 1, (word, page.locator("#search-status").text_content())
            link = cards.locator(".card-title a")
            href = link.get_attribute("href")
            url = config.base_url + href[len(urlsplit(config.base_url).path):]
            shown = pages[url]
            title = link.evaluate("a => [...a.childNodes].filter(n => !(n.classList && n.classList.contains('badge')))"
                                  ".map(n => n.textContent).join('')")
            assert title.removeprefix(" ") == shown["h1"], word  # (after a type's badge, as list cards have it)
            assert cards.locator("time.ago").get_attribute("datetime") == shown["times"][0], word
            publisher = json.loads(shown["ld"][0])["publisher"]["name"]
            chips = cards.locator(".provider-chip")
            if n is not None:  # (the bare story has no provider: the site is its publisher)
                assert chips.count() == 1 and publisher in chips.text_content(), word
            tags = [t.text_content() for t in cards.locator(".tags a").all()]
            assert tags == shown["meta"].get("article:tag", []), word
            if n is not None:  # (the page writes the title in its composed form)
                assert shown["h1"] == unicodedata.normalize("NFC", TITLES[n]), word
            assert cards.locator("b, img:not(.card-media img), script, svg").count() == 0


@pytest.mark.parametrize("language, declared", [("pt-BR", "pt"), ("en_GB", "en"), ("fil", "fil"),
                                                ("zh-Hant-TW", "zh-tw"), ("zh-HK", "zh-tw"), ("zh-Hans", "zh-cn"),
                                                ("zh", "zh-cn"), ("ZH-cn", "zh-cn")])
def test_the_news_sitemap_names_the_language_as_google_news_takes_it(tmp_path, language, declared):
    # Google News takes an ISO 639 code alone (two or three letters), or zh-cn and zh-tw: not `pt-br`
    files = {"content/a.md": _file(["title: Fresh", "publishedDateTime: 2026-11-21T10:00:00Z"])}
    root = make_site(tmp_path / "site", files, CONFIG + f"language: {language}\n")
    config, result = build_site(root)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    sitemap = ET.fromstring((config.output_path / "news-sitemap.xml").read_bytes())
    assert [e.text for e in sitemap.iter(f"{news}language")] == [declared]



def _times_of_an_old_story(tmp_path) -> list[str]:
    """Every time the pages of a story of 1930 and one of 2026 write, on a site in Amsterdam's time."""
    files = {"content/old.md": _file(["title: Old news", "publishedDateTime: 1930-05-01T10:00:00Z"]),
             "content/new.md": _file(["title: New news", "publishedDateTime: 2026-11-20T10:00:00Z"])}
    root = make_site(tmp_path / "site", files, CONFIG + "timezone: Europe/Amsterdam\n")
    config, result = build_site(root)
    written = []
    for name in ("news/1930/05/01/old/index.html", "latest/index.html", "news/2026/11/20/new/index.html"):
        head = head_of(config.output_path / name)
        written += head["times"] + head["meta"].get("article:published_time", [])
        written += [json.loads(text)["datePublished"] for text in head["ld"]]
    assert len(written) >= 6
    return written


def test_a_time_whose_zone_was_off_by_seconds_is_one_html_and_json_ld_read(tmp_path):
    # Before 1937 Amsterdam was 19 minutes 32 seconds ahead of UTC: Python writes `+00:19:32`, which neither
    # HTML's time element nor ISO 8601 (JSON-LD, Open Graph) has
    written = _times_of_an_old_story(tmp_path)
    for text in written:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)", text), text
    old = [t for t in written if t.startswith("1930")]
    assert old and {moment(t) for t in old} == {datetime(1930, 5, 1, 10, tzinfo=timezone.utc)}
    assert all(t.endswith("+01:00") for t in written if t.startswith("2026"))  # (whole minutes: the zone's own)


@pytest.mark.slow
def test_javascript_reads_every_time_of_an_old_story(tmp_path, page):
    # (JavaScript's Date is Invalid for `+00:19:32`: a script sorting or showing relative times gets NaN)
    written = _times_of_an_old_story(tmp_path)
    assert page.evaluate("times => times.map(t => isNaN(new Date(t)))", written) == [False] * len(written)
