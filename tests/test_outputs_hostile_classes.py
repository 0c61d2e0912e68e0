"""Every front-matter field, nested ones too, given each class of hostile value that tests/hostile_items.py makes
(markup, what ends a script, a CDATA section or a comment, every URL scheme trick, direction and invisible
characters, controls, broken encodings and line ends, YAML's own features, enormous and deeply nested values):
each output is read by a real reader of its kind (html5lib for pages, expat for feeds and sitemaps, json for the
API, the feeds and the search index) and holds no executable markup, only safe links, each item where it can be
shown, and a `path:line: message (what to do)` for each that cannot; the rest of the site is built."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import URL_ATTRIBUTES, html_elements, json_strings, make_site, url_scheme
from generator.cli import main
from hostile_items import hostile_items

CONFIG = ('title: Classes\nbase_url: http://localhost:8000/news/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 3000\n'
          'feed_items: 3000\nstories:\n  enabled: false\n')
SCRIPTS = ("/news/static/js/images.js", "/news/static/js/relative-times.js", "/news/static/js/words.js",
           "/news/static/search/search.js")
URL_KEYS = {"url", "webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "external_url", "image", "videoUrl",
            "mediaUrl", "nextPage", "previousPage", "home_page_url", "feed_url", "api", "logo", "isBasedOn",
            "mainEntityOfPage", "contentUrl", "embedUrl", "thumbnailUrl", "sameAs", "@id", "banner_image", "icon",
            "favicon", "avatar"}
# Characters that turn the direction of what follows them, until their end
OPENERS = re.compile("[\u202a\u202b\u202d\u202e\u2066-\u2068]")


def _link_is_safe(url: str) -> bool:
    """A link a browser follows to an http(s) address or a page of the site, never a script, nor another host
    written as if it were the site's (`//evil`, `/\\evil`, which browsers read as `//evil`)."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(33))))
    if url_scheme(cleaned) in ("http", "https", "mailto"):
        return True
    return url_scheme(cleaned) == "" and not re.match(r"[/\\]{2}", cleaned)


def _each_class_once(items):
    """The titles, and the first item of every other class: each class in one field at least."""
    seen = set()
    return [hostile for hostile in items
            if hostile.field == "title" or hostile.kind not in seen and not seen.add(hostile.kind)]


# Every class in every field (some 900 items: a slow build), or each class once
@pytest.fixture(scope="module", params=[pytest.param(None, id="every", marks=pytest.mark.slow),
                                        pytest.param(_each_class_once, id="once")])
def built(tmp_path_factory, request):
    items = (request.param or list)(hostile_items())
    root = make_site(tmp_path_factory.mktemp("classes") / "site", {
        "content/good.md": "---\ntitle: Good story\npublishedDateTime: 2026-11-20T10:00:00Z\n---\nGood body.\n"},
        CONFIG)
    for hostile in items:
        (root / "content" / f"{hostile.name}.md").write_bytes(hostile.data)
    report = root.parent / "report.json"
    assert main(["build", "--config", str(root / "config.yaml"), "--report", str(report)]) == 0
    out = root / "output"
    assert sorted(path.name for path in root.parent.iterdir()) == ["report.json", "site"]  # (nothing written beside)
    assert sorted(path.name for path in root.iterdir()) == [".newsdesk-cache", "config.yaml", "content", "output"]
    files = {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    assert not any(path.name == "pwned" for path in root.parent.rglob("*"))
    return items, files, json.loads(report.read_text(encoding="utf-8"))


def _unsafe_in_page(name: str, data: bytes, fragment: bool = False) -> list[str]:
    """What a browser would run in a page, or where it would go from it that is not http(s) nor the site."""
    found = []
    if fragment:
        import html5lib

        elements = [((e.tag if isinstance(e.tag, str) else ""), e)
                    for e in html5lib.parseFragment(data, namespaceHTMLElements=False).iter()]
    else:
        elements = list(html_elements(name, data))
    for tag, element in elements:
        if tag == "script":
            if element.get("type") in ("application/ld+json", "application/json"):
                json.loads(element.text)  # (a `</script>` in a value would have cut it short)
                if re.search("[<\u2028\u2029]", element.text):
                    found.append(f"{name}: <script> holds < or a line separator")
            elif element.get("src") not in SCRIPTS or (element.text or "").strip():
                found.append(f"{name}: <script {element.attrib}>{(element.text or '')[:40]}")
        if tag in ("style", "base", "object", "embed", "iframe", "frame", "svg", "math", "meta" if fragment else "") \
                or tag == "form" and element.get("action") != "/news/search/":
            found.append(f"{name}: <{tag}>")
        for attribute, value in element.attrib.items():
            if attribute.lower().startswith("on") or attribute.lower() == "style" and "url(" in value:
                found.append(f"{name}: <{tag} {attribute}={value[:40]!r}>")
            if attribute in URL_ATTRIBUTES or (tag == "meta" and attribute == "content"
                                               and element.get("property", "").endswith((":url", ":image"))):
                for url in value.split(",") if attribute == "srcset" else [value]:
                    if not _link_is_safe(url.strip().split(" ")[0] if attribute == "srcset" else url):
                        found.append(f"{name}: <{tag} {attribute}={value[:60]!r}>")
    return found


def _open_directions(name: str, data: bytes) -> list[str]:
    """Text holding a direction override or isolate that reaches past its element: each must be inside a <bdi> or
    an element of its own direction (dir), or be closed in its text, so that it turns nothing around it. Closers
    are counted in the text node itself: what a browser closes at a paragraph's end may still turn the theme's
    words after it in that paragraph."""
    found, skipped = [], set()
    for tag, element in html_elements(name, data):
        # (an item's body is paragraphs of its own: an override there reaches the end of its paragraph, the item's)
        if "body" in element.get("class", "").split():
            skipped.update(map(id, element.iter()))
        if tag in ("bdi", "title", "script", "style", "textarea") or element.get("dir") or id(element) in skipped:
            continue
        for text in (element.text, *(child.tail for child in element)):
            if text and OPENERS.search(text):
                opened = len(OPENERS.findall(text)) - len(re.findall("[\u202c\u2069]", text))
                if opened > 0:
                    found.append(f"{name}: <{tag}> {text[:40]!r}")
    return found


def test_every_page_holds_only_the_theme_s_scripts_and_safe_links(built):
    items, files, report = built
    pages = {name: data for name, data in files.items() if name.endswith(".html")}
    assert len(pages) > len(items)
    found = [problem for name, data in pages.items() for problem in _unsafe_in_page(name, data)]
    assert not found, "\n".join(found[:30])


def test_a_direction_character_in_a_field_turns_nothing_around_it_on_any_page(built):
    items, files, report = built
    pages = {name: data for name, data in files.items() if name.endswith(".html")}
    assert any(OPENERS.search(data.decode("utf-8")) for data in pages.values())  # (shown, not dropped)
    found = [problem for name, data in pages.items() for problem in _open_directions(name, data)]
    assert not found, "\n".join(found[:30])


def test_every_feed_and_sitemap_is_well_formed_and_links_only_to_http(built):
    items, files, report = built
    xml = {name: data for name, data in files.items() if name.endswith((".xml", ".rss"))}
    assert {"sitemap.xml", "feeds/latest.rss", "feeds/latest.xml"} <= set(xml)
    found = []
    for name, data in xml.items():
        for element in ET.fromstring(data).iter():  # (expat: strict XML 1.0, or ParseError)
            for url in (element.get("href"), element.get("url"), element.text
                        if element.tag.rsplit("}", 1)[-1] in ("loc", "link", "uri", "url", "logo", "icon") else None):
                if url is not None and not _link_is_safe(url):
                    found.append(f"{name}: {element.tag} {url[:60]!r}")
            if element.text and (element.get("type") == "html" or element.tag.endswith(("description", "encoded"))):
                found += _unsafe_in_page(f"{name} {element.tag}", element.text.encode("utf-8"), fragment=True)
    assert not found, "\n".join(found[:30])


def test_every_json_file_parses_and_links_only_to_http(built):
    items, files, report = built
    documents = {name: data for name, data in files.items() if name.endswith(".json")}
    assert {"feeds/latest.json", "api/news/index.json"} <= set(documents)
    assert any(name.startswith("search/") for name in documents)
    found = []
    for name, data in documents.items():
        document = json.loads(data)  # (strict: no NaN, no lone surrogate)
        assert not re.search(rb"\\ud[89ab]|NaN|Infinity", data, re.I) or name.startswith("search/"), name
        found += [f"{name}: {url[:60]!r}" for url in json_strings(document, URL_KEYS) if not _link_is_safe(url)]
        for html in json_strings(document, {"content_html", "summary_html"}):
            found += _unsafe_in_page(f"{name} content_html", html.encode("utf-8"), fragment=True)
    assert not found, "\n".join(found[:30])


def test_each_item_is_shown_or_said_at_its_line_with_what_to_do(built):
    """An item is left out only with a `path:line: message (what to do)`; every other is in the API and on its
    page, its marker word with it; the good story is on the front page."""
    items, files, report = built
    api = files["api/news/index.json"].decode("utf-8")
    rejected = {entry["source"]: entry["error"] for entry in report["rejected"]}
    withheld = {entry["source"] for entry in report["withheld"]}
    for message in [*rejected.values(), *(entry["warning"] for entry in report["warnings"])]:
        assert re.match(r"content/[\w.-]+\.md:\d+: .+ \(.+\)$", message, re.S), message
    feed = files["feeds/latest.json"].decode("utf-8")
    # (an item's page is at its API entry's path: a hostile slug makes it, not the file's name)
    pages = {mark: files[entry["path"] + "index.html"].decode("utf-8") for entry in json.loads(api)["news"]
             for mark in set(re.findall(r"mark\d{4}", json.dumps(entry)))}
    missing = []
    for hostile in items:
        source = f"content/{hostile.name}.md"
        if source in rejected or source in withheld:
            continue
        if not (hostile.mark in api and hostile.mark in feed and hostile.mark in pages.get(hostile.mark, "")):
            missing.append(f"{source} ({hostile.field}, {hostile.kind})")
    assert not missing, "\n".join(missing)
    kept_out = sorted(rejected)
    assert len(kept_out) < len(items) / 10, kept_out  # (most hostile items are shown, without what they cannot have)
    assert "Good story" in api and b"Good story" in files["latest/index.html"]
