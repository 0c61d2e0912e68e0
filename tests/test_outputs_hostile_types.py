"""Every front-matter field, and every field of its nested mappings (a provider's, a picture's, a related story's),
given each hostile text (`</script>`, `]]>`, `-->`, line separators, NUL and other controls, a lone surrogate,
a direction override, script addresses spelt with entities, capitals and spaces, 20,000 characters) and each YAML
type where text is expected (numbers, booleans, null, dates, lists, mappings, deep nesting): the site builds,
every output parses with a real parser (html5lib, expat, json) and runs nothing, and every value that is bad or
cut is said at its line. tests/test_outputs_hostile.py attacks the same outputs with markup in text fields, script
addresses in URL fields and bodies; this crosses every field with every kind of value instead."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import URL_ATTRIBUTES, html_elements, json_strings, make_site, url_scheme
from generator.cli import main

TEXTS = ["</script><script>window.pwned=1</script>", "]]>", "--><!--", "a\u2028b\u2029c", "n\x00u\x01l\x1f\x7f",
         "\ud800 lone", "\u202eevil\u202c", "jav&#x09;ascript:window.pwned=2", " JaVaScRiPt:window.pwned=3",
         "vbscript:msgbox(1)", "data:text/html,<script>window.pwned=4</script>", "x" * 20_000]
TYPES = ["7", "1.5", "true", "null", "[1, a]", "{a: {b: [1]}}", "2026-11-20", "-0.0", "1" + "0" * 30]
FIELDS = ["title", "excerpt", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "type", "quality", "heat",
          "published", "author", "provider", "topics", "images", "image", "related", "featuredContent", "price",
          "length", "size", "category", "slug", "secured", "publishedDateTime"]
NESTED = {"provider": ("{name: N, domain: d.example, %s: %s}", ["name", "domain", "url", "images", "account"]),
          "images": ("[{url: 'https://img.example/p.jpg', %s: %s}]", ["url", "width", "alt", "caption", "credit"]),
          "related": ("[{title: R, webUrl: 'https://rel.example/r', %s: %s}]",
                      ["title", "webUrl", "excerpt", "provider", "publishedDateTime", "type"])}
CONFIG = ('title: Sweep\nbase_url: http://localhost:8000/news/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 2000\n'
          'feed_items: 2000\nstories:\n  enabled: false\n')
SCRIPTS = ("/news/static/js/images.js", "/news/static/js/words.js", "/news/static/js/relative-times.js",
           "/news/static/search/search.js")
URL_KEYS = {"url", "webUrl", "originalUrl", "ampWebUrl", "external_url", "image", "videoUrl", "mediaUrl", "nextPage",
            "previousPage", "home_page_url", "feed_url", "api", "logo", "isBasedOn", "mainEntityOfPage"}


def _values() -> list[str]:
    """Each value as YAML writes it: texts in double quotes with escapes (JSON is YAML), types as written."""
    return [json.dumps(text) for text in TEXTS] + TYPES


def _files() -> dict[str, str]:
    lines = []
    for field in FIELDS:
        lines += [(field, f"{field}: {value}") for value in _values()]
    for field, (shape, keys) in NESTED.items():
        lines += [(field, f"{field}: {shape % (key, value)}") for key in keys for value in _values()]
    deep = "topics: " + "[" * 40 + "x" + "]" * 40
    files = {}
    for n, (field, line) in enumerate(lines + [("topics", deep)]):
        head = {"title": f"title: Story {n}", "publishedDateTime": f"publishedDateTime: 2026-11-20T10:00:{n % 60:02}Z",
                "webUrl": f"webUrl: https://ok.example/{n}"}
        head[field] = line
        files[f"content/i{n:04}.md"] = "---\n" + "\n".join(head.values()) + "\n---\nBody.\n"
    return files


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("sweep") / "site", _files(), CONFIG)
    report = root.parent / "report.json"
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report)]) == 0
    out = root / "output"
    files = {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    return files, json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_every_page_of_the_sweep_parses_and_runs_nothing(swept):
    files, report = swept
    pages = {name: data for name, data in files.items() if name.endswith(".html")}
    assert len(pages) > json.loads(files["api/news/index.json"])["total"] > 800
    for name, data in pages.items():
        for tag, element in html_elements(name, data):
            if tag == "script":
                assert (element.get("src") in SCRIPTS and not (element.text or "").strip()
                        or element.get("type") in ("application/ld+json", "application/json")), (name, element.attrib)
                if element.get("type"):
                    json.loads(element.text)
                    assert not re.search("[<\u2028\u2029]", element.text), name
            assert tag not in ("style", "base", "object", "embed", "iframe", "svg", "math", "form") or (
                tag == "form" and element.get("action") == "/news/search/"), (name, tag)
            for attribute, value in element.attrib.items():
                assert not attribute.lower().startswith("on"), (name, tag, attribute)
                if attribute in URL_ATTRIBUTES or (tag == "meta" and attribute == "content"
                                                   and element.get("property", "").endswith((":url", ":image"))):
                    for url in value.split(",") if attribute == "srcset" else [value]:
                        assert url_scheme(url.strip()) in ("", "http", "https", "mailto"), (name, tag, attribute, value)
        assert "\x00" not in data.decode("utf-8"), name


@pytest.mark.slow
def test_every_feed_api_file_sitemap_and_search_file_of_the_sweep_parses(swept):
    files, report = swept
    xml = {name: data for name, data in files.items() if name.endswith((".xml", ".rss"))}
    documents = {name: data for name, data in files.items() if name.endswith(".json")}
    assert {"sitemap.xml", "feeds/latest.rss", "feeds/latest.xml"} <= set(xml)
    assert {"feeds/latest.json", "api/news/index.json", "api/topics/index.json"} <= set(documents)
    assert any(name.startswith("search/") for name in documents)
    for name, data in xml.items():
        for element in ET.fromstring(data).iter():  # (expat: strict XML 1.0)
            for url in (element.get("href"), element.get("url"),
                        element.text if element.tag.endswith(("loc", "link", "id", "guid", "uri")) else None):
                assert url is None or url_scheme(url.strip()) in ("", "http", "https"), (name, element.tag, url)
    for name, data in documents.items():
        for url in json_strings(json.loads(data), URL_KEYS):
            assert url_scheme(url.strip()) in ("", "http", "https"), (name, url)
        assert not re.search(rb"\\ud[89ab]", data, re.I), name  # (no lone surrogate escaped into JSON)
    news = json.loads(documents["api/news/index.json"])
    assert len(json.loads(documents["feeds/latest.json"])["items"]) == len(news["news"]) == news["total"]


@pytest.mark.slow
def test_every_bad_value_of_the_sweep_is_said_at_its_line_and_the_rest_builds(swept):
    files, report = swept
    said = [entry["warning"] for entry in report["warnings"]] + [entry["error"] for entry in report["rejected"]]
    assert len(said) > 300
    for message in said:
        assert re.match(r"content/i\d{4}\.md:[2-5]: ", message), message
    # Only a title that shows nothing and a date that is none leave an item out (and nesting past the limit)
    rejected = {entry["source"]: entry["error"] for entry in report["rejected"]}
    for message in rejected.values():
        assert re.match(r"content/i\d{4}\.md:(2: `title`|3: `publishedDateTime`|5: front matter is nested)", message)
    withheld = {entry["source"] for entry in report["withheld"]}
    assert withheld == {"content/i0208.md"}, withheld  # (`published: -0.0`: zero, as databases write "no")
    assert json.loads(files["api/news/index.json"])["total"] + len(rejected) + len(withheld) == len(_files())
    # a value of the wrong kind that is left out is said (its item kept)
    warned = {entry["source"] for entry in report["warnings"]}
    names = {line: name for name, line in
             ((name, text.split("\n")[4]) for name, text in _files().items())}
    for line in ("author: {a: {b: [1]}}", "provider: {a: {b: [1]}}", "topics: {a: {b: [1]}}", "excerpt: [1, a]",
                 "provider: {name: N, domain: d.example, images: {a: {b: [1]}}}"):
        assert names[line] in warned, line
