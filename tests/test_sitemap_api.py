"""Search engines and apps: sitemaps, robots.txt, social tags, JSON-LD and the JSON API of real builds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import html5lib

from conftest import BASIC_CONFIG, build_site, item, make_site, resolve_url
from generator.build.pipeline import BuildOptions, plan_site
from generator.config.load import load_config
from generator.plan.pages import make_files
from generator.plan.sitemap import sitemap_outputs

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
H = "{http://www.w3.org/1999/xhtml}"
def html_pages(config, out: Path) -> list[str]:
    """The URL of every HTML page on disk, except the 404 page."""
    urls = []
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if rel == "404.html":
            continue
        assert rel.endswith("index.html"), rel
        urls.append(config.base_url + rel[: -len("index.html")])
    assert urls, f"no HTML pages under {out}"
    return urls


def locs(data: bytes) -> list[str]:
    return [loc.text for loc in ET.fromstring(data).iter(f"{SM}loc")]


# --- sitemaps and robots.txt ------------------------------------------------------------------------

def test_sitemap_lists_every_page_once_and_nothing_else(example):
    config, result, out = example
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset"
    listed = locs((out / "sitemap.xml").read_bytes())
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(html_pages(config, out))
    assert config.base_url + "search/" in listed and not any(u.endswith("404/") for u in listed)
    dated = {}
    for url in root.findall(f"{SM}url"):
        if url.find(f"{SM}lastmod") is not None:
            dated[url.findtext(f"{SM}loc")] = datetime.fromisoformat(url.findtext(f"{SM}lastmod").replace("Z", "+00:00"))
            assert dated[url.findtext(f"{SM}loc")].tzinfo
    # Stories and the lists by date carry the date of their newest story; the lists by score have none.
    base = config.base_url
    assert base + "latest/" in dated and base + "topics/ai/" in dated and any("/news/" in url for url in dated)
    assert not {base, base + "top/", base + "hot/"} & set(dated)


def test_a_large_site_gets_a_sitemap_index(example):
    config, result, out = example
    site = result.site
    files = make_files(sitemap_outputs(site.pages, site.model.site, config, site.now, max_urls=10), site.model.site)
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SM}sitemapindex"
    parts = [loc.text for loc in index.iter(f"{SM}loc")]
    assert len(parts) == -(-len(html_pages(config, out)) // 10)
    listed = []
    for url in parts:
        name = url[len(config.base_url):]
        assert url.startswith(config.base_url) and name in files
        chunk = locs(files[name])
        assert 0 < len(chunk) <= 10
        listed += chunk
    assert sorted(listed) == sorted(html_pages(config, out))


def _as_elementtree_writes(root_tag: str, tag: str, entries: list[tuple[str, str | None]]) -> bytes:
    root = ET.Element(root_tag, {"xmlns": SM[1:-1]})
    for loc, lastmod in entries:
        entry = ET.SubElement(root, tag)
        ET.SubElement(entry, "loc").text = loc
        if lastmod:
            ET.SubElement(entry, "lastmod").text = lastmod
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def test_sitemaps_are_the_bytes_elementtree_writes(example):
    # sitemap.py writes sitemaps as text (13,000 entries at 10,000 items); they must stay what ElementTree
    # would write for the same entries, escaping included.
    config, result, out = example
    site = result.site
    index = make_files(sitemap_outputs(site.pages, site.model.site, config, site.now, max_urls=10), site.model.site)
    files = [("urlset", "url", (out / "sitemap.xml").read_bytes()), ("sitemapindex", "sitemap", index["sitemap.xml"])]
    files += [("urlset", "url", data) for name, data in index.items() if name.startswith("sitemaps/")]
    for root_tag, tag, data in files:
        entries = [(e.findtext(f"{SM}loc"), e.findtext(f"{SM}lastmod")) for e in ET.fromstring(data)]
        assert entries and data == _as_elementtree_writes(root_tag, tag, entries)


def test_sitemaps_escape_urls_as_elementtree_does(tmp_path):
    config = BASIC_CONFIG.replace("https://example.org/", "https://é.example/news&views'<1>\"/")
    root = make_site(tmp_path / "site", {"content/a.md": item("A & B"), "content/b.md": item("C")}, config)
    config, result = build_site(root)
    site = result.site
    index = make_files(sitemap_outputs(site.pages, site.model.site, config, site.now, max_urls=2), site.model.site)
    files = [("urlset", "url", (config.output_path / "sitemap.xml").read_bytes()),
             ("sitemapindex", "sitemap", index["sitemap.xml"])]
    files += [("urlset", "url", data) for name, data in index.items() if name.startswith("sitemaps/")]
    for root_tag, tag, data in files:
        entries = [(e.findtext(f"{SM}loc"), e.findtext(f"{SM}lastmod")) for e in ET.fromstring(data)]
        # (what a URL cannot hold as it is, base_url's path holds percent-encoded: <1>" is %3C1%3E%22; and its
        # host is in IDNA: é.example is xn--9ca.example)
        assert entries and all(loc.startswith("https://xn--9ca.example/news&views'%3C1%3E%22/") for loc, _ in entries)
        assert data == _as_elementtree_writes(root_tag, tag, entries)
    assert b"news&amp;views'%3C1%3E%22/" in files[0][2]


def test_news_sitemap_holds_the_items_of_the_last_two_days(tmp_path):
    files = {
        "content/fresh.md": item("Fresh", date="2026-11-22T11:00:00Z"),
        "content/edge.md": item("Nearly two days old", date="2026-11-20T13:00:00Z"),
        "content/old.md": item("Three days old", date="2026-11-19T12:00:00Z"),
        "content/future.md": item("Tomorrow", date="2026-11-23T12:00:00Z"),
    }
    root = make_site(tmp_path / "site", files)  # now: 2026-11-22T12:00:00Z
    config, result = build_site(root)
    out = config.output_path
    news = ET.fromstring((out / "news-sitemap.xml").read_bytes())
    titles = [u.findtext(f"{NEWS}news/{NEWS}title") for u in news.findall(f"{SM}url")]
    assert titles == ["Fresh", "Nearly two days old"]
    for url in news.findall(f"{SM}url"):
        resolve_url(config, out, url.findtext(f"{SM}loc"))
        assert url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == "Test News"
        assert url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "en"
        datetime.fromisoformat(url.findtext(f"{NEWS}news/{NEWS}publication_date").replace("Z", "+00:00"))
    robots = (out / "robots.txt").read_text()
    sitemaps = [line.split(": ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap: ")]
    assert sitemaps == ["https://example.org/sitemap.xml", "https://example.org/news-sitemap.xml"]
    for url in sitemaps:
        resolve_url(config, out, url)


def test_without_recent_items_there_is_no_news_sitemap(tmp_path):
    root = make_site(tmp_path / "site", {"content/old.md": item("Old", date="2026-10-01T10:00:00Z")})
    config, result = build_site(root)
    assert not (config.output_path / "news-sitemap.xml").exists()
    assert "news-sitemap" not in (config.output_path / "robots.txt").read_text()
    assert "Sitemap: https://example.org/sitemap.xml" in (config.output_path / "robots.txt").read_text()


# --- social cards and JSON-LD -----------------------------------------------------------------------

def parse_html(path: Path):
    return html5lib.parse(path.read_bytes(), transport_encoding="utf-8")


def meta(doc, key: str) -> list[str]:
    return [m.get("content") for m in doc.iter(f"{H}meta") if key in (m.get("property"), m.get("name"))]


def json_ld(doc) -> list:
    return [json.loads(s.text) for s in doc.iter(f"{H}script") if s.get("type") == "application/ld+json"]


def test_every_page_has_canonical_opengraph_and_twitter_tags(example):
    config, result, out = example
    assert result.site.pages
    for page in result.site.pages:
        doc = parse_html(out / page.output)
        canonical = [l.get("href") for l in doc.iter(f"{H}link") if l.get("rel") == "canonical"]
        if page.kind == "404":
            assert canonical == [] and meta(doc, "og:url") == []
        else:
            assert canonical == [config.base_url + page.url] == meta(doc, "og:url"), page.output
        for key in ("og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title"):
            assert len(meta(doc, key)) == 1 and meta(doc, key)[0], f"{page.output}: {key}"
        assert meta(doc, "og:title") == [page.title]
        if page.kind == "article" and page.context["item"].images:
            image = urljoin(config.base_url, page.context["item"].images[0].url)  # pictures may be site-relative
            assert meta(doc, "og:image") == [image] == meta(doc, "twitter:image")
            assert meta(doc, "twitter:card") == ["summary_large_image"]


def test_every_article_page_has_news_article_json_ld(example):
    config, result, out = example
    site = result.site.model.site
    articles = [p for p in result.site.pages if p.kind == "article"]
    assert len(articles) == len(site.items)
    kinds = []
    for page in articles:
        story = page.context["item"]
        doc = parse_html(out / page.output)
        [data] = json_ld(doc)
        # (a video with a picture is a VideoObject, named and dated as Google's video results read one)
        video = story.type == "video" and story.images
        kinds.append(data["@type"])
        assert data["@context"] == "https://schema.org" and data["@type"] == ("VideoObject" if video else "NewsArticle")
        assert data["name" if video else "headline"] == story.title == "".join(
            doc.find(f".//{H}h1").itertext()).strip()
        assert datetime.fromisoformat(data["datePublished"]) == story.published
        if video:
            assert data["uploadDate"] == data["datePublished"] and data["thumbnailUrl"]
        assert data["url"] == config.base_url + story.path
        if story.link:
            assert data["isBasedOn"] == story.link
        if story.images:
            assert data["thumbnailUrl" if video else "image"] == [urljoin(config.base_url, i.url) for i in story.images]
        if story.provider:
            assert data["publisher"]["name"] == site.providers[story.provider.slug].name
    assert "VideoObject" in kinds and "NewsArticle" in kinds
    other = next(p for p in result.site.pages if p.kind == "latest")
    assert json_ld(parse_html(out / other.output)) == []


def test_a_title_with_a_script_end_tag_cannot_break_out_of_json_ld(tmp_path):
    # (whole tags are removed from plain-text fields, text.plain_text: these are the parts that stay)
    title = 'Break </script <script alert("x") <!- & </SCRIPT'
    files = {"content/evil.md": item("placeholder", excerpt='"</script <img src=x onerror=alert(1)"',
                                     provider='{name: "</script Prov", domain: evil.example}')}
    files["content/evil.md"] = files["content/evil.md"].replace("title: 'placeholder'", f"title: {json.dumps(title)}")
    root = make_site(tmp_path / "site", files)
    config, result = build_site(root)
    [page] = [p for p in result.site.pages if p.kind == "article"]
    doc = parse_html(config.output_path / page.output)
    scripts = list(doc.iter(f"{H}script"))
    # nothing else became a script: besides the JSON-LD there are only the theme's own files, with no inline code
    theme_scripts = [s for s in scripts if s.get("type") != "application/ld+json"]
    assert theme_scripts and len(theme_scripts) == len(scripts) - 1  # (the JSON-LD was there, and the theme's)
    assert all(s.get("src", "").startswith("/static/") and not (s.text or "").strip() for s in theme_scripts)
    [data] = json_ld(doc)
    assert data["headline"] == title
    assert data["description"] == "</script <img src=x onerror=alert(1)"
    assert data["publisher"]["name"] == "</script Prov"
    assert not [i for i in doc.iter(f"{H}img") if i.get("onerror")]


# --- JSON API ---------------------------------------------------------------------------------------

ITEM_FIELDS = {"path", "title", "type", "heat", "webUrl", "ampWebUrl", "excerpt", "publishedDateTime", "provider",
               "images", "topics"}


def follow(config, out: Path, url: str, key: str = "news") -> tuple[list[dict], int]:
    """Every entry of `key` reached from `url` by following nextPage to the end, and how many files that took;
    each file's previousPage is the one before it."""
    items, pages, seen, previous = [], 0, set(), None
    while url is not None:
        assert url not in seen, f"nextPage loops back to {url}"
        seen.add(url)
        data = json.loads(resolve_url(config, out, url).read_text(encoding="utf-8"))
        pages += 1
        assert data["page"] == pages and data["previousPage"] == previous
        items += data[key]
        previous, url = url, data["nextPage"]
    assert pages == data["pages"] and len(items) == data["total"]
    return items, pages


def test_api_news_pages_chain_to_the_end_and_hold_every_item_once(example):
    config, result, out = example
    site = result.site.model.site
    items, pages = follow(config, out, config.base_url + "api/news/index.json")
    assert pages == -(-len(site.items) // config.items_per_page) > 1
    assert [i["path"] for i in items] == [s.path for s in site.items]  # newest first, each once
    article_urls = sorted(u for u in html_pages(config, out) if "/news/" in u)
    assert sorted(i["url"] for i in items) == article_urls
    for record, story in zip(items, site.items):
        assert ITEM_FIELDS <= record.keys()
        assert record["title"] == story.title and record["excerpt"] == story.excerpt
        assert datetime.fromisoformat(record["publishedDateTime"].replace("Z", "+00:00")) == story.published
        assert record["webUrl"] == (story.link or None) and record["ampWebUrl"] == (story.amp_url or None)
        assert record["heat"] == story.heat
        assert record["topics"] == [site.topics[t].name for t in story.topics]
        assert [i["url"] for i in record["images"]] == [urljoin(config.base_url, i.url) for i in story.images]
        if story.provider:
            assert record["provider"]["domain"] == story.provider.domain
            assert set(record["provider"]) == {"name", "domain", "url", "images"}
            assert record["provider"]["url"] == f"https://{story.provider.domain}/"
        else:
            assert record["provider"] is None


def test_api_topics_list_every_topic_and_each_topic_chains_to_its_items(example):
    config, result, out = example
    site = result.site.model.site
    topics = json.loads((out / "api/topics/index.json").read_text(encoding="utf-8"))["topics"]
    assert topics and [t["slug"] for t in topics] == list(site.topics)
    for topic in topics:
        assert topic["api"] == f"{config.base_url}api/news/{topic['slug']}/index.json"
        items, _ = follow(config, out, topic["api"])
        assert [i["path"] for i in items] == [site.items[n].path for n in site.topic_items[topic["slug"]]]
        assert len(items) == topic["count"]
        resolve_url(config, out, topic["url"])
        for url in topic["feeds"].values():
            resolve_url(config, out, url)


def test_every_api_item_is_a_page_of_the_site_and_every_story_page_is_in_the_api(example):
    # An app shows an item and links to its page: every page an API file names must exist, every story page be
    # listed (as the sitemap lists it), and an item be the same record in api/news/ and api/stories/
    config, result, out = example
    news, _ = follow(config, out, config.base_url + "api/news/index.json")
    stories, _ = follow(config, out, config.base_url + "api/stories/index.json", "stories")
    story_pages = sorted(u for u in html_pages(config, out) if "/news/" in u)
    assert story_pages and sorted(record["url"] for record in news) == story_pages
    assert set(story_pages) <= set(locs((out / "sitemap.xml").read_bytes()))
    by_path = {record["path"]: record for record in news}
    listed = []
    for story in stories:
        assert story["lead"] in {record["path"] for record in story["items"]}
        assert story["itemCount"] == len(story["items"])  # (no story of the example site is larger than a page holds)
        for record in story["items"]:
            full = by_path[record["path"]]
            story_fields = ("story", "sourceCount", "itemCount", "sources")
            assert record == {k: v for k, v in full.items() if k not in story_fields}
            assert full["story"] == story["id"]
            listed.append(record["path"])
    assert sorted(listed) == sorted(by_path)  # each item in one story
    for record in news:
        assert record["url"] == config.base_url + record["path"]
        for source in record["sources"]:
            assert source["url"] == config.base_url + source["path"] and source["path"] in by_path
    assert any(record["sources"] for record in news)


def test_api_topics_are_paginated_100_a_file_however_many_a_site_names(tmp_path):
    # Crawlers name topics freely: api/topics/index.json held every one of them in one file
    files = {f"content/s{n}.md": item(f"Story {n}", topics=f"[Topic {n:03}]") for n in range(250)}
    root = make_site(tmp_path / "site", files, "title: T\nbase_url: https://example.org/\nnow: 2026-11-22T12:00:00Z\n"
                                               "stories:\n  enabled: false\n")
    config = load_config(root / "config.yaml")
    plan = plan_site(config, BuildOptions())
    written = {name: json.loads(data) for name, data in make_files(plan.outputs, plan.model.site).items()
               if name.startswith("api/topics/")}
    assert sorted(written) == ["api/topics/index.json", "api/topics/page/2/index.json", "api/topics/page/3/index.json"]
    first, second, third = (written[f"api/topics/{p}index.json"] for p in ("", "page/2/", "page/3/"))
    assert [len(page["topics"]) for page in (first, second, third)] == [100, 100, 50]
    assert (first["page"], first["pages"], first["total"]) == (1, 3, 250)
    assert first["previousPage"] is None and third["nextPage"] is None
    assert first["nextPage"] == "https://example.org/api/topics/page/2/index.json"
    assert second["previousPage"] == "https://example.org/api/topics/index.json"
    assert second["nextPage"] == "https://example.org/api/topics/page/3/index.json"
    assert third["previousPage"] == first["nextPage"]
    slugs = [topic["slug"] for page in (first, second, third) for topic in page["topics"]]
    assert sorted(slugs) == sorted(plan.model.site.topics) and len(set(slugs)) == 250


def test_api_of_an_empty_site_has_one_page_with_no_next(tmp_path):
    root = make_site(tmp_path / "site", {}, "title: Empty\nbase_url: https://example.org/sub/\nnow: 2026-11-22T12:00:00Z\n")
    config, result = build_site(root)
    data = json.loads((config.output_path / "api/news/index.json").read_text())
    assert data["news"] == [] and data["nextPage"] is None and data["pages"] == 1
    assert locs((config.output_path / "sitemap.xml").read_bytes())[0] == "https://example.org/sub/"


def test_the_api_gives_what_cards_show_of_a_podcast_or_download_and_its_player(tmp_path):
    # An app listing podcasts needs their length, a download's size and price, a video's player: the cards and
    # story pages showed them, the API left them out
    files = {"content/p.md": item("Tide tables, read aloud", type="podcast", length='"PT31M5S"', price='"Free"',
                                  featuredContent="'<iframe src=\"https://player.audio.example/ep/7\"></iframe>'"),
             "content/d.md": item("Harbour charts", "2026-11-19T10:00:00Z", type="download", size='"12 MB"')}
    config, result = build_site(make_site(tmp_path / "site", files))
    for listing in ("api/news/index.json", "api/stories/index.json"):
        data = json.loads((config.output_path / listing).read_text(encoding="utf-8"))
        records = data.get("news") or [record for story in data["stories"] for record in story["items"]]
        assert [(r["title"], r["length"], r["size"], r["price"], r["videoUrl"]) for r in records] == [
            ("Tide tables, read aloud", "31:05", None, "Free", "https://player.audio.example/ep/7"),
            ("Harbour charts", None, "12 MB", None, None)], listing


def test_discovery_files_are_byte_identical_across_plans(tmp_path):
    root = make_site(tmp_path / "site", {f"content/s{n}.md": item(f"Story {n}", topics="[AI]") for n in range(25)})
    config = load_config(root / "config.yaml")
    first, second = plan_site(config, BuildOptions()), plan_site(config, BuildOptions())
    first_files = make_files(first.outputs, first.model.site)
    assert first_files == make_files(second.outputs, second.model.site)
    assert {"sitemap.xml", "robots.txt", "api/news/index.json", "api/news/page/2/index.json",
            "api/topics/index.json", "api/news/ai/index.json"} <= first_files.keys()


def test_api_false_leaves_out_the_api_and_the_rest_still_builds(tmp_path):
    config_text = "title: T\nbase_url: https://example.org/\nnow: 2026-11-22T12:00:00Z\n"
    root = make_site(tmp_path / "site", {"content/a.md": item("A", topics='["Science"]')}, config_text)
    config, _ = build_site(root)
    out = config.output_path
    assert (out / "api/news/index.json").is_file()
    (root / "config.yaml").write_text(config_text + "api: false\n", encoding="utf-8")
    config, result = build_site(root)
    assert not (out / "api").exists()
    assert (out / "feeds/latest.xml").is_file() and (out / "topics/science/index.html").is_file()
    assert "/api/" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_api_files_are_compact_json_as_json_dumps_writes_it(example):
    # api.py joins each item's JSON, written once, into the files: the bytes must be what dumping the whole
    # file's data at once gives (compact separators, UTF-8, no ASCII escapes, one newline at the end)
    config, _result, out = example
    files = sorted((out / "api").rglob("*.json"))
    assert len(files) > 3
    for path in files:
        data = path.read_bytes()
        expected = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")) + "\n"
        assert data == expected.encode("utf-8"), path
