"""Markup and script addresses in every field of an item (its provider's pictures and its related stories'
too), scores no number holds, byte order marks, NUL and lone surrogates, direction overrides: every output
(pages, feeds, the API, the search index) stays safe and still shows the good story."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from conftest import build_site, make_site


MARKUP = '"><script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>'


SCRIPT_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
               "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "&#106;avascript:alert(1)",
               "jav&#x0A;ascript:alert(1)", "\u202ejavascript:alert(1)"]


SCORES = [float("nan"), float("inf"), -1e308, "1e400", -5, "NaN", "-Infinity", 10**400, "1e999"]


UNSAFE = re.compile(r"^\s*(?:javascript|vbscript|data|file):", re.IGNORECASE)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "cite", "background", "srcset"}


def hostile(n: int, url: str) -> str:
    text = f"T{n} {MARKUP} \u202e\u2066rtl\x00 \ud800 \ufeff &lt;b&gt;x&lt;/b&gt;"
    meta = {
        "title": text, "excerpt": text * 2, "publishedDateTime": f"2026-11-{n + 1:02}T10:00:00Z",
        "originalUrl": url, "webUrl": url, "ampWebUrl": url, "cdnAmpWebUrl": url, "type": f"video{MARKUP}",
        "quality": SCORES[n % len(SCORES)], "heat": SCORES[(n + 3) % len(SCORES)],
        "provider": {"name": f"P{n % 2}{MARKUP}", "domain": f"p{n % 2}.example", "url": url, "logo": url,
                     "images": [{"url": url, "width": "1e999", "height": -5}, url], "account": url},
        "topics": [f"Topic{MARKUP}", "../../etc/passwd", "\u202eevil"],
        "images": [{"url": url, "width": float("nan"), "height": 10**30}, url, {"src": url}, {"href": url}],
        "image": url,
        "related": [{"title": f"R{MARKUP}", "webUrl": url, "originalUrl": url, "url": url,
                     "provider": {"name": f"RP{MARKUP}", "domain": "rp.example", "images": [url]},
                     "excerpt": MARKUP, "type": MARKUP}, url],
        "featuredContent": f"<p>feat</p><script>alert(1)</script><a href='{url}'>x</a><img src='{url}' onerror=alert(1)>",
        "category": MARKUP, "slug": f"../../{MARKUP}", "author": MARKUP, "authors": [MARKUP, {"name": MARKUP, "url": url}],
    }
    body = (f"<script>alert(1)</script>\n\n[link]({url})\n\n<a href=\"{url}\">a</a> <img src=\"{url}\" onerror=\"x\">"
            f"<iframe src=\"{url}\"></iframe><form action=\"{url}\"><button formaction=\"{url}\">b</button></form>"
            f"<object data=\"{url}\"></object><base href=\"{url}\"><svg><a xlink:href=\"{url}\">s</a></svg>"
            f"<div style=\"background:url({url})\">d</div>\n")
    # (JSON is YAML: every character as an escape, a lone surrogate and NaN included)
    return "---\n" + json.dumps(meta) + "\n---\n" + body


class _Scan(HTMLParser):
    """What a browser would run in an HTML text: event attributes, script addresses, frames, forms and bases
    that are not the theme's, scripts whose text is not escaped JSON."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value and any(UNSAFE.match(part.strip()) for part in value.split(",")):
                self.found.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "style" and re.search(r"url\(|expression", value or "", re.IGNORECASE):
                self.found.append(f"<{tag} style={value[:40]!r}>")
        if tag in ("iframe", "object", "embed", "base", "frame") or tag == "form" and "search" not in values.get("class", ""):
            self.found.append(f"<{tag}>")
        self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data):
        if self.open and self.open[-1] == "script" and "alert" in data and "\\u003c" not in data:
            self.found.append(f"<script>{data[:40]!r}")


def _unsafe_in_html(text: str) -> list[str]:
    scan = _Scan()
    scan.feed(text)
    return scan.found


def test_hostile_fields_leave_every_output_safe_and_the_good_story_in_each(tmp_path):
    files = {f"content/h{n}.md": hostile(n, url) for n, url in enumerate(SCRIPT_URLS)}
    files["content/good.md"] = ("---\ntitle: Good story\npublishedDateTime: 2026-11-20T10:00:00Z\nprovider:\n"
                                "  name: Good\n  domain: good.example\n---\nGood body\n")
    site = make_site(tmp_path / "site", {}, 'title: "H<script>alert(1)</script>"\nbase_url: https://example.org/\n'
                                            'now: "2026-11-22T12:00:00Z"\nitems_per_page: 100\n')
    for name, text in files.items():
        (site / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    config, result = build_site(site)
    assert not result.site.problems, result.site.problems
    out = config.output_path
    found, kinds = [], {"html": 0, "xml": 0, "json": 0}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel, data = path.relative_to(out).as_posix(), path.read_bytes()
        text = data.decode("utf-8")  # (every output is UTF-8)
        assert "\x00" not in text and not re.search("[\ud800-\udfff]", text), rel
        assert text.count("\u202e") <= text.count("\u202c"), f"{rel}: a direction override left open"
        if rel.endswith(".html"):
            kinds["html"] += 1
            found += [f"{rel}: {problem}" for problem in _unsafe_in_html(text)]
        elif rel.endswith((".xml", ".rss")):
            kinds["xml"] += 1
            for element in ET.fromstring(data).iter():  # (well-formed, or ParseError)
                found += [f"{rel}: {element.tag} {key}" for key, value in element.attrib.items() if UNSAFE.match(value)]
                if element.text and UNSAFE.match(element.text):
                    found.append(f"{rel}: {element.tag} {element.text[:40]!r}")
                if element.text and (element.attrib.get("type") == "html" or element.tag.endswith(("description", "encoded"))):
                    found += [f"{rel}: {element.tag}: {problem}" for problem in _unsafe_in_html(element.text)]
        elif rel.endswith(".json"):
            kinds["json"] += 1
            assert not re.search(r"(?<![\w\"])(?:NaN|-?Infinity)(?![\w\"])", text), rel
            stack = [("", json.loads(text))]
            while stack:
                key, value = stack.pop()
                if isinstance(value, dict):
                    stack += value.items()
                elif isinstance(value, list):
                    stack += [(key, entry) for entry in value]
                elif isinstance(value, str):
                    if UNSAFE.match(value):
                        found.append(f"{rel}: {key} {value[:40]!r}")
                    if "html" in key.lower():  # (JSON Feed's content_html: the one field readers show as HTML)
                        found += [f"{rel}: {key} {problem}" for problem in _unsafe_in_html(value)]
                elif isinstance(value, float):
                    assert math.isfinite(value), rel
    assert all(kinds.values()), kinds
    assert not found, "\n".join(found[:40])
    news = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert len(news) == len(files)  # (each hostile item is kept, without what it cannot have)
    for rel in ("index.html", "latest/index.html", "feeds/latest.rss", "feeds/latest.xml", "feeds/latest.json",
                "sitemap.xml", "providers/good-example/index.html"):
        assert "Good story" in (out / rel).read_text(encoding="utf-8") or "good" in (out / rel).read_text(encoding="utf-8"), rel
    assert any("Good story" in path.read_text(encoding="utf-8") for path in (out / "search").rglob("*.json"))
    warned = "\n".join(map(str, result.site.warnings))
    for field in ("originalUrl", "webUrl", "`provider`: 2 entries", "`images`: 4 entries", "`image`", "`related`"):
        assert f"content/h0.md:1: `{field.strip('`')}" in warned or f"content/h0.md:1: {field}" in warned, field
