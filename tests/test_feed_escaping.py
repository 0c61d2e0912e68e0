"""Feeds are HTML to their readers: hostile text in titles, excerpts, provider and topic names is shown as
text by every reader, whatever the format and field.

Each feed is parsed with a strict XML parser (expat) and read as a feed reader reads it: a field that is
HTML (RSS <description>, Atom type="html", JSON Feed content_html) is parsed with html5lib, every other
field is plain text. Either way the reader must see exactly the text the model holds, and no element.
"""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from types import MappingProxyType

import html5lib
import pytest
from conftest import build_site, item, make_site

from generator.build.pipeline import BuildOptions, plan_site
from generator.config.load import load_config
from generator.plan.feeds import feed_outputs
from generator.plan.pages import make_files

A = "{http://www.w3.org/2005/Atom}"
HOSTILE = [
    "<script>alert('title')</script>",
    "<svg onload=alert(1)>",
    "<img src=x onerror=alert(2)>",
    "a < b && c > d",
    "&lt;script&gt;alert(3)&lt;/script&gt; &amp;amp;",
    "<a href=\"javascript:alert(4)\">click</a> ]]> <![CDATA[x]]>",
]


def _html_text(markup: str, where: str) -> str:
    """What a reader shows of an HTML field: its text; fails on any element (script, svg, img, a, b ...)."""
    fragment = html5lib.parseFragment(markup, treebuilder="etree", namespaceHTMLElements=False)
    elements = list(fragment)
    assert not elements, f"{where}: the HTML holds elements {[e.tag for e in elements]}: {markup!r}"
    return fragment.text or ""


def reader_view(name: str, data: bytes) -> list[tuple[str, str]]:
    """(field, text a feed reader shows) for every text field of one feed file."""
    seen = []
    if name.endswith(".json"):
        feed = json.loads(data)
        for key in ("title", "description"):
            seen.append((f"{name} {key}", feed.get(key, "")))
        for entry in feed["items"]:
            for key in ("title", "summary", "content_text"):
                if key in entry:
                    seen.append((f"{name} item {key}", entry[key]))
            if "content_html" in entry:
                seen.append((f"{name} item content_html", _html_text(entry["content_html"], name)))
            seen += [(f"{name} item author", a["name"]) for a in entry.get("authors", [])]
            seen += [(f"{name} item tag", tag) for tag in entry.get("tags", [])]
        return seen
    root = ET.fromstring(data)  # expat: strict; fails on anything that is not well-formed XML
    for element in root.iter():
        tag = element.tag
        text = element.text or ""
        if not text.strip() or list(element):
            continue
        if tag.startswith(A):  # Atom text constructs say what they hold; the rest is text
            kind = element.get("type", "text")
            assert kind in ("text", "html"), f"{name}: {tag} type={kind}"
            seen.append((f"{name} {tag}", _html_text(text, name) if kind == "html" else text))
        elif tag in ("description", "title"):  # RSS: readers render a description as HTML, many a title too
            seen.append((f"{name} {tag}", _html_text(text, name)))
        else:
            seen.append((f"{name} {tag}", text))
    for element in root.iter(f"{A}category"):
        seen.append((f"{name} category label", element.get("label")))
    return seen


def _texts(files: dict[str, bytes]) -> set[str]:
    feeds = {name: data for name, data in files.items() if name.endswith((".xml", ".rss", ".json"))
             and (name.startswith("feeds/") or "/feed." in name)}
    assert len(feeds) >= 9  # latest, top, a topic and a provider, in three formats
    return {text for name, data in feeds.items() for _, text in reader_view(name, data)}


def test_hostile_text_from_the_model_reaches_every_reader_as_the_same_text(tmp_path):
    """Whatever text the model gives (here set straight into it), each feed escapes it exactly once."""
    root = make_site(tmp_path / "site", {"content/a.md": item("Plain", excerpt="Fine", topics="[Science]",
                                                              provider="{name: P, domain: p.example}")})
    config = load_config(root / "config.yaml")
    planned = plan_site(config, BuildOptions())
    site = planned.model.site
    title, excerpt, provider_name, topic_name, site_title, description = HOSTILE
    hostile_item = dataclasses.replace(site.items[0], title=title, excerpt=excerpt)
    topics = {slug: dataclasses.replace(t, name=topic_name, description=description) for slug, t in site.topics.items()}
    providers = {slug: dataclasses.replace(p, name=provider_name, description=description)
                 for slug, p in site.providers.items()}
    site = dataclasses.replace(site, items=(hostile_item,), topics=MappingProxyType(topics),
                               providers=MappingProxyType(providers))
    config = dataclasses.replace(config, title=site_title, description=description)
    files = make_files(feed_outputs(site, planned.rankings, config), site)
    texts = _texts(files)
    for text in (title, excerpt, provider_name, description):
        assert text in texts, f"no reader sees {text!r} as it is"
    assert any(topic_name in text for text in texts) and any(site_title in text for text in texts)
    for name in ("feeds/latest.xml", "feeds/latest.rss", "feeds/latest.json"):  # each format on its own
        shown = {text for _, text in reader_view(name, files[name])}
        assert {title, excerpt, provider_name} <= shown, name


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_front_matter_gives_feeds_that_show_the_models_text(tmp_path, text):
    """A real build: every feed parses strictly, no HTML field holds an element, and each story's title and
    excerpt read as the model holds them (the model may clean what a crawler wrote, but never twice)."""
    quoted = json.dumps(text)  # (title and excerpt differ, so that each is looked for in its own field)
    story = item("placeholder", excerpt=json.dumps(f"Excerpt: {text}"), topics=f"[{quoted}]", provider=f"{{name: {quoted}, domain: x.example}}")
    story = story.replace("title: 'placeholder'", f"title: {json.dumps(f'Title: {text}')}")
    config_text = f"title: {quoted}\ndescription: {quoted}\nbase_url: https://example.org/\nnow: 2026-11-22T12:00:00Z\n"
    root = make_site(tmp_path / "site", {"content/a.md": story}, config_text)
    config, result = build_site(root)
    [story_item] = result.site.model.site.items
    out = config.output_path
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _texts(files)  # every feed: strict XML, no element in an HTML field
    for name in ("feeds/latest.xml", "feeds/latest.rss", "feeds/latest.json"):
        shown = {text for _, text in reader_view(name, files[name])}
        for field in (story_item.title, story_item.excerpt):
            if " ".join(field.split()):
                assert " ".join(field.split()) in shown, f"{name}: {field!r} is not what a reader sees"
