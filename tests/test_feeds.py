"""Feeds: every Atom, RSS and JSON feed of a real build parses strictly, is complete, and links inside the site."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import build_site, resolve_url, item, make_site
from generator.build.pipeline import BuildOptions, plan_site
from generator.config.load import load_config
from generator.plan.feeds import feed_outputs
from generator.plan.pages import make_files, one_per_story

A = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
DC = "{http://purl.org/dc/elements/1.1/}"
def parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert moment.tzinfo is not None, f"{text} has no time zone"
    return moment


def feeds_of(out: Path, ext: str) -> list[Path]:
    found = sorted((out / "feeds").glob(f"*{ext}")) + sorted(out.glob(f"topics/*/feed{ext}")) + \
        sorted(out.glob(f"providers/*/feed{ext}"))
    assert found
    return found


def test_there_is_one_feed_of_each_format_for_the_site_every_topic_and_every_provider(example):
    config, result, out = example
    site = result.site.model.site
    for ext in (".xml", ".rss", ".json"):
        names = {p.relative_to(out).as_posix() for p in feeds_of(out, ext)}
        expected = {f"feeds/latest{ext}", f"feeds/top{ext}"} | {f"topics/{s}/feed{ext}" for s in site.topics} | \
            {f"providers/{s}/feed{ext}" for s in site.providers}
        assert names == expected


def test_every_atom_feed_parses_and_has_what_atom_requires(example):
    config, result, out = example
    for path in feeds_of(out, ".xml"):
        root = ET.fromstring(path.read_bytes())  # expat: strict, fails on any invalid character
        assert root.tag == f"{A}feed"
        assert root.findtext(f"{A}id") and root.findtext(f"{A}title")
        parse_time(root.findtext(f"{A}updated"))
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
        assert resolve_url(config, out, links["self"]) == path
        resolve_url(config, out, links["alternate"])
        assert root.find(f"{A}author/{A}name").text  # entries without a provider fall back to it
        ids = [entry.findtext(f"{A}id") for entry in root.findall(f"{A}entry")]
        assert len(ids) == len(set(ids))
        for entry in root.findall(f"{A}entry"):
            assert entry.findtext(f"{A}title")
            # (updated: when the story's newest source came, as its card shows; the lead's own time when alone)
            assert parse_time(entry.findtext(f"{A}updated")) >= parse_time(entry.findtext(f"{A}published"))
            alternate = [link.get("href") for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
            assert len(alternate) == 1
            article = resolve_url(config, out, alternate[0])
            assert re.search(r'"@type":"(NewsArticle|VideoObject|AudioObject)"', article.read_text(encoding="utf-8"))
            assert_a_page_of_the_story(config, out, entry.findtext(f"{A}id"), alternate[0])


def assert_a_page_of_the_story(config, out: Path, id: str, link: str) -> None:
    """A feed entry's id is its page, or (for a story's lead) the page of the story's first item, which links
    to the lead's (docs/feeds-and-api.md: the id stays when a better write-up joins and leads)."""
    if id != link:
        page = resolve_url(config, out, id).read_text(encoding="utf-8")
        lead = "/" + link.removeprefix(config.base_url)
        assert re.search(rf'class="story-of">[^<]*<a href="[^"]*{re.escape(lead)}"', page), (id, link)


def test_every_rss_feed_parses_with_rfc822_dates_and_permalinks(example):
    config, result, out = example
    for path in feeds_of(out, ".rss"):
        root = ET.fromstring(path.read_bytes())
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for required in ("title", "link", "description"):
            assert channel.findtext(required), f"{path}: channel has no {required}"
        resolve_url(config, out, channel.findtext("link"))
        assert resolve_url(config, out, channel.find(f"{A}link").get("href")) == path
        parsedate_to_datetime(channel.findtext("lastBuildDate"))
        guids = [i.findtext("guid") for i in channel.findall("item")]
        assert len(guids) == len(set(guids))
        for node in channel.findall("item"):
            assert node.findtext("title")
            assert node.find("guid").get("isPermaLink") == "true"
            assert_a_page_of_the_story(config, out, node.findtext("guid"), node.findtext("link"))
            resolve_url(config, out, node.findtext("link"))
            assert parsedate_to_datetime(node.findtext("pubDate")).tzinfo is not None
            source = node.find("source")
            if source is not None:
                assert source.text == node.findtext(f"{DC}creator")
                resolve_url(config, out, source.get("url"))


def test_every_json_feed_is_json_feed_1_1(example):
    config, result, out = example
    for path in feeds_of(out, ".json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        assert data["title"]
        assert resolve_url(config, out, data["feed_url"]) == path
        resolve_url(config, out, data["home_page_url"])
        ids = [i["id"] for i in data["items"]]
        assert len(ids) == len(set(ids))
        for entry in data["items"]:
            assert entry.get("content_text") or entry.get("content_html")
            resolve_url(config, out, entry["url"])
            parse_time(entry["date_published"])


def test_feeds_follow_the_lists_and_carry_excerpt_image_and_provider(example):
    config, result, out = example
    site = result.site.model.site
    latest = ET.fromstring((out / "feeds/latest.xml").read_bytes())
    entries = latest.findall(f"{A}entry")
    # an entry per story, as Latest has a card per story: its lead, where its newest item stands
    newest = [site.items[i] for i in result.site.rankings.newest[: config.feed_items]]
    assert site.stories and len(newest) < len(site.items)
    def link(entry):
        return next(l.get("href") for l in entry.findall(f"{A}link") if l.get("rel") == "alternate")
    assert [link(e) for e in entries] == [config.base_url + i.path for i in newest]
    with_image = next(i for i in newest if i.images and i.provider and i.excerpt)
    entry = next(e for e in entries if link(e) == config.base_url + with_image.path)
    assert entry.findtext(f"{A}summary") == with_image.excerpt
    assert entry.find(f"{A}author/{A}name").text == site.providers[with_image.provider.slug].name
    assert entry.find(f"{MEDIA}content").get("url") == urljoin(config.base_url, with_image.images[0].url)
    assert [l.get("href") for l in entry.findall(f"{A}link") if l.get("rel") == "via"] == [with_image.link]

    rss = ET.fromstring((out / "feeds/latest.rss").read_bytes()).find("channel")
    node = next(n for n in rss.findall("item") if n.findtext("link") == config.base_url + with_image.path)
    assert node.find("enclosure").get("url") == urljoin(config.base_url, with_image.images[0].url)
    assert node.findtext(f"{DC}creator") == site.providers[with_image.provider.slug].name
    assert parsedate_to_datetime(node.findtext("pubDate")) == with_image.published

    top = ET.fromstring((out / "feeds/top.xml").read_bytes())
    ranked = [config.base_url + site.items[i].path for i in result.site.rankings.top[: config.feed_items]]
    assert [link(e) for e in top.findall(f"{A}entry")] == ranked

    topic = next(slug for slug, t in site.topics.items() if t.children and site.topic_items[slug])
    data = json.loads((out / f"topics/{topic}/feed.json").read_text(encoding="utf-8"))
    assert [e["url"] for e in data["items"]] == [config.base_url + site.items[i].path
                                                 for i in one_per_story(site, site.topic_items[topic])]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates, self.icons = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate":
            self.alternates.append((attrs.get("type"), attrs.get("href")))
        if tag == "a" and "feed-icon" in (attrs.get("class") or ""):
            self.icons.append(attrs.get("href"))


def test_pages_link_their_own_feeds_and_every_feed_link_resolves(example):
    config, result, out = example
    site = result.site.model.site
    assert result.site.pages
    for page in result.site.pages:
        parser = _Links()
        parser.feed((out / page.output).read_text(encoding="utf-8"))
        types = {t for t, _ in parser.alternates}
        assert {"application/atom+xml", "application/rss+xml", "application/feed+json"} <= types, page.output
        for _, href in parser.alternates:
            resolve_url(config, out, href)
        assert len(parser.icons) == 1, f"{page.output}: no visible feed icon"
        resolve_url(config, out, "https://example.github.io" + parser.icons[0])  # root-relative, under the base path
        own = {"topic": f"topics/{page.key}/feed", "provider": f"providers/{page.key}/feed",
               "top": "feeds/top", "type": f"{page.key}s/feed"}.get(page.kind, "feeds/latest")
        assert parser.alternates[0][1] == f"{config.base_url}{own}.xml", page.output
    assert any(p.kind == "topic" for p in result.site.pages) and site.providers
    assert any(p.kind == "type" for p in result.site.pages)  # (the example site has videos)


def test_feed_length_is_the_feed_items_setting(tmp_path):
    files = {f"content/s{n}.md": item(f"Story {n}", date=f"2026-11-{10 + n:02d}T10:00:00Z") for n in range(6)}
    root = make_site(tmp_path / "site", files, "title: T\nbase_url: https://example.org/\nnow: 2026-11-22T12:00:00Z\n"
                                              "feed_items: 4\nstories:\n  enabled: false\n")  # (alike: one story)
    config, result = build_site(root)
    out = config.output_path
    titles = [e.findtext(f"{A}title") for e in ET.fromstring((out / "feeds/latest.xml").read_bytes()).findall(f"{A}entry")]
    assert titles == ["Story 5", "Story 4", "Story 3", "Story 2"]
    assert len(json.loads((out / "feeds/top.json").read_text())["items"]) == 4
    assert len(ET.fromstring((out / "feeds/latest.rss").read_bytes()).findall("channel/item")) == 4


CONTROL_TITLE = r"Bell\a tab\t null\0 esc\e del\x7f nel\x85 nonchar\uFFFE\uFFFF end"


def test_a_title_full_of_control_characters_still_gives_valid_feeds(tmp_path):
    text = item("placeholder", excerpt=f'"Excerpt {CONTROL_TITLE}"',
                provider='{name: "Prov\\x01ider", domain: prov.example}', topics='["To\\x02pic"]')
    text = text.replace("title: 'placeholder'", f'title: "{CONTROL_TITLE}"')
    root = make_site(tmp_path / "site", {"content/bad.md": text})
    config, result = build_site(root)
    assert [i.source for i in result.site.model.site.items] == ["content/bad.md"]
    out = config.output_path
    for path in [p for ext in (".xml", ".rss") for p in feeds_of(out, ext)]:
        ET.fromstring(path.read_bytes())  # must not raise
    title = ET.fromstring((out / "feeds/latest.xml").read_bytes()).find(f"{A}entry/{A}title").text
    assert title == "Bell tab null esc del nel nonchar end"
    for path in feeds_of(out, ".json"):
        json.loads(path.read_text(encoding="utf-8"))


def test_feeds_stay_valid_even_if_the_model_lets_control_characters_through(tmp_path):
    """feeds.py does not rely on the model's cleaning: raw C0/C1 controls and non-characters in every text."""
    root = make_site(tmp_path / "site", {"content/a.md": item("Plain", excerpt="Fine", provider="{name: P, domain: p.example}")})
    config = load_config(root / "config.yaml")
    planned = plan_site(config, BuildOptions())
    site = planned.model.site
    nasty = "A\x00B\x01C\x0bD\x1fE\x7fF\x85G\ud7ff\ufffeH\uffffI"
    dirty = dataclasses.replace(site.items[0], title=nasty, excerpt=nasty)
    site = dataclasses.replace(site, items=(dirty,))
    files = make_files(feed_outputs(site, planned.rankings, dataclasses.replace(config, title=nasty)), site)
    for name, data in files.items():
        if name.endswith((".xml", ".rss")):
            root_element = ET.fromstring(data)
            texts = "".join(root_element.itertext())
            assert "\x00" not in texts and "\ufffe" not in texts
    atom = ET.fromstring(files["feeds/latest.xml"])
    assert atom.find(f"{A}entry/{A}title").text == "ABCDEFG\ud7ffHI"
    assert json.loads(files["feeds/latest.json"])["items"][0]["title"] == "ABCDEFG\ud7ffHI"


def test_feeds_are_byte_identical_across_builds(tmp_path):
    root = make_site(tmp_path / "site", {f"content/s{n}.md": item(f"Story {n}", excerpt="E", topics="[AI]")
                                         for n in range(3)})
    config = load_config(root / "config.yaml")
    first = _feed_files(*_model(config))
    second = _feed_files(*_model(config))
    assert first == second and first


def _model(config):
    planned = plan_site(config, BuildOptions())
    return planned.model.site, planned.rankings, config, planned.now


def _feed_files(site, rankings, config, now) -> dict[str, bytes]:
    return make_files(feed_outputs(site, rankings, config), site)


def test_feeds_false_leaves_out_every_feed_and_every_link_to_one(tmp_path):
    files = {f"content/s{n}.md": item(f"Story {n}", topics='["Science"]', provider='{name: Prov, domain: prov.example}')
             for n in range(3)}
    config_text = "title: T\nbase_url: https://example.org/\nnow: 2026-11-22T12:00:00Z\n"
    root = make_site(tmp_path / "site", files, config_text)
    config, _ = build_site(root)
    out = config.output_path
    assert (out / "feeds/latest.xml").is_file() and (out / "topics/science/feed.rss").is_file()
    (root / "config.yaml").write_text(config_text + "feeds: false\n", encoding="utf-8")
    config, result = build_site(root)  # turned off after a build with feeds: they go
    assert not (out / "feeds").exists()
    assert [p for p in out.rglob("feed.*")] == []
    assert result.site.pages
    for page in result.site.pages:
        parser = _Links()
        parser.feed((out / page.output).read_text(encoding="utf-8"))
        assert parser.alternates == [] and parser.icons == [], page.output
    topics = json.loads((out / "api/topics/index.json").read_text(encoding="utf-8"))["topics"]
    assert topics and all("feeds" not in topic for topic in topics)
    assert "feed" not in (out / "sitemap.xml").read_text(encoding="utf-8")


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HAN = re.compile("[\u4e00-\u9fff]")
LATIN = re.compile("[A-Za-z]{2}")
CHINESE_SITE = {
    "content/a.md": item("上海机器人", "2026-11-20T10:00:00Z", topics="[机器人]", excerpt="'机器人故事'",
                         provider="{name: 每日, domain: daily.example}"),
    "content/b.md": item("广州下载", "2026-11-18T12:00:00Z", type="download", topics="[机器人]"),
}


def _said(element: ET.Element, language: str):
    """Each text of an Atom feed's head and its entries' titles and summaries with the language a reader gives it
    (the nearest xml:lang)."""
    for child in element:
        lang = child.get(XML_LANG, language)
        if child.tag in (A + "title", A + "subtitle", A + "summary") and (child.text or "").strip():
            yield child.tag[len(A):], child.text.strip(), lang
        if child.tag == A + "entry":
            yield from _said(child, lang)


TOP = "What matters most: heat and quality, freshness counting over days."
ZH_FILE = "themes/default/i18n/zh.yaml"


@pytest.mark.parametrize("words, top", [({}, (TOP, "en")), ({ZH_FILE: "latest: 最新\n"}, (TOP, "en")),
                                        ({ZH_FILE: "top_description: 最重要的文章\n"}, ("最重要的文章", None))])
def test_a_feeds_theme_words_shown_in_english_say_they_are_english(tmp_path, words, top):
    """A `zh` site without Chinese words, or with a words file that lacks some: the feeds are Chinese (the content's
    language, as <html lang>), a description of the theme's words alone shown in English says xml:lang="en" (what
    a feed reader hyphenates, speaks and picks a font by), and no text with Chinese in it is marked English."""
    root = make_site(tmp_path / "site", {**CHINESE_SITE, **words},
                     "title: 上海新闻\nbase_url: https://example.org/\nlanguage: zh\nnow: 2026-11-22T12:00:00Z\n")
    out = build_site(root)[0].output_path
    atoms = [path for path in out.rglob("*.xml") if path.read_bytes().startswith(b"<?xml") and b"<feed" in path.read_bytes()]
    assert len(atoms) >= 5  # latest, top, downloads, a topic, a provider
    english = 0
    for path in atoms:
        feed = ET.parse(path).getroot()
        assert feed.get(XML_LANG) == "zh", path
        for tag, text, lang in _said(feed, "zh"):
            if HAN.search(text):  # content, or the theme's words with the site's or a topic's name
                assert lang == "zh", (path, tag, text)
            else:  # the theme's words alone
                assert LATIN.search(text) and lang == "en", (path, tag, text)
                english += 1
    assert english == (top[1] == "en")  # Top's description, unless the words file has it
    subtitle = ET.parse(out / "feeds/top.xml").getroot().find(A + "subtitle")
    assert (subtitle.text, subtitle.get(XML_LANG)) == top
    latest = ET.parse(out / "feeds/latest.xml").getroot().find(A + "title")
    assert latest.text == "上海新闻: Latest" and latest.get(XML_LANG) is None  # (the feed's language: see feeds.py)
    for path in out.rglob("*.rss"):  # RSS has one language, the channel's: the content's
        assert ET.parse(path).getroot().find("channel/language").text == "zh", path


def test_no_feed_text_is_marked_when_the_words_are_the_sites(tmp_path):
    for language in ("en", "de", "ja"):
        root = make_site(tmp_path / language, CHINESE_SITE,
                         f"title: T\nbase_url: https://example.org/\nlanguage: {language}\nnow: 2026-11-22T12:00:00Z\n")
        out = build_site(root)[0].output_path
        atoms = sorted(out.rglob("feed.xml")) + sorted((out / "feeds").glob("*.xml"))
        assert len(atoms) >= 5
        for path in atoms:
            text = path.read_text(encoding="utf-8")
            assert text.count("xml:lang") == 1 and f'<feed xmlns="{A[1:-1]}"' in text, path


def test_every_feeds_entries_are_in_the_sites_language_in_every_format(tmp_path):
    """Items have no language of their own: each feed says the site's once, for the whole feed, and no entry says
    another (an Atom entry's xml:lang, a JSON Feed 1.1 item's `language`); RSS 2.0 has only the channel's."""
    root = make_site(tmp_path / "site", CHINESE_SITE,
                     "title: 上海新闻\nbase_url: https://example.org/\nlanguage: zh\nnow: 2026-11-22T12:00:00Z\n")
    out = build_site(root)[0].output_path
    rsss = list(out.rglob("*.rss"))
    jsons = [path.with_suffix(".json") for path in rsss]
    atoms = [path for path in out.rglob("*.xml") if b"<feed" in path.read_bytes()]
    assert len(jsons) == len(rsss) == len(atoms) >= 5
    for path in jsons:
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["items"], path
        assert feed["language"] == "zh", path
        assert all("language" not in entry for entry in feed["items"]), path
    for path in rsss:
        channel = ET.parse(path).getroot().find("channel")
        assert channel.find("language").text == "zh" and channel.findall("item"), path
    for path in atoms:
        feed = ET.parse(path).getroot()
        assert feed.get(XML_LANG) == "zh" and feed.findall(A + "entry"), path
        assert all(entry.get(XML_LANG) is None for entry in feed.iter(A + "entry")), path
