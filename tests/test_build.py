"""End to end: build the example site (config.yaml + content/) and check it the way a visitor and a crawler would.

Every HTML page parses as HTML5 (strictly), every internal link and asset resolves to a file of the output,
also when base_url has a path, and every item shows up where a reader looks for it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import pytest

from conftest import ROOT
from generator import cli
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

LINK_ATTRIBUTES = {"a": ("href",), "link": ("href",), "img": ("src", "srcset"), "script": ("src",),
                   "source": ("src", "srcset"), "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",),
                   "form": ("action",)}


# --- helpers other tests use too (test_corpus) -------------------------------------------------------------

def copy_example(dest: Path) -> Path:
    """The example site, copied so that builds (and their caches) never touch the checkout."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "config.yaml", dest / "config.yaml")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "static", dest / "static")
    return dest


def parse_page(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def html_errors(path: Path) -> list[str]:
    """Parse errors of a strict HTML5 parser (empty for a valid page)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        parser.parse(path.read_bytes())
    except html5lib.html5parser.ParseError as exc:
        return [f"{exc}: {parser.errors[-1] if parser.errors else ''}"]
    return []


def page_url(base_url: str, name: str) -> str:
    """The public URL of an output file: `news/x/index.html` is served as `news/x/`."""
    if name == "index.html" or name.endswith("/index.html"):
        name = name[: -len("index.html")]
    return urljoin(base_url, name)


def target_file(out: Path, base_url: str, url: str) -> tuple[Path | None, str]:
    """The output file a link to `url` is served from, or None with the reason it is not on this site."""
    site, parts = urlsplit(base_url), urlsplit(url)
    if parts.netloc != site.netloc:
        return None, "external"
    if not parts.path.startswith(site.path):
        return None, f"outside the site's path {site.path}"
    rel = unquote(parts.path[len(site.path):])
    if ".." in PurePosixPath(rel).parts:
        return None, "climbs out of the site"
    path = out / rel
    if rel == "" or rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, ""


class _Links(HTMLParser):
    """The links and ids of one page (the stdlib parser: several times faster than html5lib for this)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value) in document order
        self.ids: set[str] = set()
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            if values.get(attribute):
                self.links.append((tag, attribute, values[attribute]))

    handle_startendtag = handle_starttag


def page_links(path: Path) -> _Links:
    return _Links(path.read_text(encoding="utf-8"))


def link_problems(out: Path, base_url: str) -> list[str]:
    """Every broken internal link, asset or fragment of every HTML page, as `page: url (why)`."""
    broken = []
    pages = {p.relative_to(out).as_posix(): page_links(p) for p in sorted(out.rglob("*.html"))}
    assert pages, f"no HTML pages under {out}"
    for name, page in pages.items():
        here = page_url(base_url, name)
        for _tag, attribute, value in page.links:
            value = value.strip()
            urls = [v.strip().split()[0] for v in value.split(",") if v.strip()] if attribute == "srcset" else [value]
            for url in urls:
                scheme = urlsplit(url).scheme
                if scheme in ("mailto", "tel"):
                    continue
                if scheme not in ("", "http", "https"):
                    broken.append(f"{name}: {url} (scheme {scheme}: is never allowed)")
                    continue
                if name == "404.html" and not scheme and not url.startswith(("/", "#")):
                    broken.append(f"{name}: {url} (the 404 page is served at any path: links must start with /)")
                absolute = urljoin(here, url)
                path, why = target_file(out, base_url, absolute)
                if why == "external":
                    continue
                if path is None:
                    broken.append(f"{name}: {url} ({why})")
                elif not path.is_file():
                    broken.append(f"{name}: {url} (no file {path.relative_to(out)})")
                elif urlsplit(absolute).fragment and path.suffix == ".html":
                    target = path.relative_to(out).as_posix()
                    if target in pages and urlsplit(absolute).fragment not in pages[target].ids:
                        broken.append(f"{name}: {url} (no id {urlsplit(absolute).fragment!r} on {target})")
    return broken


def article_links(out: Path, base_url: str, name: str) -> list[str]:
    """Item page paths (`news/.../`) that a page links to, in order, without repeats."""
    base_path = urlsplit(base_url).path
    found = []
    for tag, _attribute, href in page_links(out / name).links:
        path = urlsplit(urljoin(page_url(base_url, name), href)).path if tag == "a" else ""
        if path.startswith(base_path + "news/"):
            rel = path[len(base_path):]
            if rel not in found:
                found.append(rel)
    return found


def list_pages(out: Path, base: str) -> list[str]:
    """Output files of a paginated list, page 1 first."""
    names = [f"{base}index.html"]
    number = 2
    while (out / f"{base}page/{number}/index.html").is_file():
        names.append(f"{base}page/{number}/index.html")
        number += 1
    return names


def listed(out: Path, base_url: str, base: str) -> list[str]:
    return [link for name in list_pages(out, base) for link in article_links(out, base_url, name)]


# --- the example site, built once per base_url ----------------------------------------------------------

BASE_URLS = {"configured": None, "root": "https://example.org/", "repo": "https://example.github.io/repo/"}


@pytest.fixture(scope="module")
def example(tmp_path_factory, example):
    """base_url's key -> the build; "configured" is the session's (conftest's `example`: only read here)."""
    config, result, out = example
    built = {"configured": {"root": config.root, "out": out, "config": config, "result": result,
                            "site": result.site.model.site}}
    for key, base_url in BASE_URLS.items():
        if base_url is None:  # (the session's build, above)
            continue
        root = copy_example(tmp_path_factory.mktemp(f"example-{key}") / "site")
        config = load_config(root / "config.yaml", {"base_url": base_url})
        result = build(config, BuildOptions(), environ={})
        built[key] = {"root": root, "out": config.output_path, "config": config, "result": result,
                      "site": result.site.model.site}
    return built


def test_the_example_site_builds_cleanly(example):
    result = example["configured"]["result"]
    assert result.site.problems == () and result.site.warnings == ()
    assert 25 <= result.items <= 40
    assert [source for source, _ in result.site.model.withheld] == ["content/news/2026-11-08-draft-heat-pump-winter-outlook.md"]
    site = example["configured"]["site"]  # varied enough to show every kind of page
    assert len(site.providers) >= 5 and len(site.topics) >= 5
    assert any(t.parent for t in site.topics.values())
    assert any(i.type == "video" for i in site.items) and any(i.related for i in site.items)


def test_every_html_page_is_valid_html5(example):
    out = example["repo"]["out"]  # the base_url changes only URLs; one strict pass is enough
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 50
    errors = {p.relative_to(out).as_posix(): html_errors(p) for p in pages}
    assert {name: e for name, e in errors.items() if e} == {}


@pytest.mark.parametrize("key", sorted(BASE_URLS))
def test_every_internal_link_and_asset_resolves(example, key):
    built = example[key]
    assert link_problems(built["out"], built["config"].base_url) == []


def test_links_carry_the_base_path(example):
    built = example["repo"]
    home = parse_page(built["out"] / "index.html")
    stylesheet = home.find(".//link[@rel='stylesheet']").get("href")
    assert stylesheet.startswith("/repo/static/") or stylesheet.startswith("https://example.github.io/repo/static/")
    assert home.find(".//link[@rel='canonical']").get("href") == "https://example.github.io/repo/"


def test_every_page_has_the_basics(example):
    built = example["configured"]
    pages = sorted(built["out"].rglob("*.html"))
    assert pages
    for path in pages:
        name = path.relative_to(built["out"]).as_posix()
        page = parse_page(path)
        assert page.get("lang") == "en", name
        assert (page.find(".//title").text or "").strip(), name
        assert page.find(".//meta[@name='description']").get("content", "").strip(), name
        assert page.find(".//meta[@name='viewport']") is not None, name
        assert page.find(".//link[@rel='icon']") is not None, name
        assert page.find(".//main") is not None and page.find(".//header") is not None, name
        if name != "404.html":
            canonical = page.find(".//link[@rel='canonical']").get("href")
            assert canonical == page_url(built["config"].base_url, name), name
        for element in page.iter():  # nothing from a CDN: styles and scripts ship with the theme
            if element.tag in ("script", "link") and element.get("rel") in (None, "stylesheet", "modulepreload", "preload"):
                src = element.get("src") or element.get("href") or ""
                assert not src.startswith(("http://", "https://")) or src.startswith(built["config"].base_url), (name, src)
        for img in page.iter("img"):
            assert img.get("alt") is not None, (name, img.get("src"))


def test_pretty_urls(example):
    out = example["configured"]["out"]
    for name in ("index.html", "latest/index.html", "top/index.html", "hot/index.html", "topics/index.html",
                 "topics/ai/index.html", "providers/index.html", "404.html"):
        assert (out / name).is_file(), name
    site = example["configured"]["site"]
    assert site.items
    for item in site.items:
        assert re.fullmatch(r"news/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/", item.path), item.path
        assert (out / item.path / "index.html").is_file()


def test_every_item_is_on_its_topic_parent_topic_and_provider_pages(example):
    # One card per story: an item is on a list as itself or as the card of its story (the lead's, or on a provider's
    # list that provider's own item), and Latest shows each story once, where its newest item stands.
    built = example["configured"]
    out, base_url, site = built["out"], built["config"].base_url, built["site"]
    on_topic = {slug: set(listed(out, base_url, f"topics/{slug}/")) for slug in site.topics}
    on_provider = {slug: set(listed(out, base_url, f"providers/{slug}/")) for slug in site.providers}
    latest = listed(out, base_url, "latest/")
    story_paths = {i.source: {i.path} for i in site.items}
    for story in site.stories:
        for member in story.members:
            story_paths[site.items[member].source] = {site.items[m].path for m in story.members}
    leads = {site.items[m].path: site.items[s.lead].path for s in site.stories for m in s.members}
    newest_first = list(dict.fromkeys(leads.get(item.path, item.path) for item in site.items))
    assert site.stories and latest == newest_first and len(latest) < len(site.items)
    checked = 0
    for item in site.items:
        assert item.topics, item.source
        for slug in item.topics:
            assert story_paths[item.source] & on_topic[slug], (item.source, slug)
            parent = site.topics[slug].parent
            while parent:
                assert story_paths[item.source] & on_topic[parent], (item.source, parent)
                parent = site.topics[parent].parent
                checked += 1
        assert item.provider and story_paths[item.source] & on_provider[item.provider.slug], item.source
    assert checked > 0  # the example site has child topics


def test_no_item_is_on_a_page_it_does_not_belong_to(example):
    built = example["configured"]
    out, base_url, site = built["out"], built["config"].base_url, built["site"]
    by_path = {item.path: item for item in site.items}

    def topics_with_ancestors(item):
        found = set()
        for slug in item.topics:
            while slug:
                found.add(slug)
                slug = site.topics[slug].parent
        return found

    shown = 0
    for slug in site.topics:
        for path in listed(out, base_url, f"topics/{slug}/"):
            assert slug in topics_with_ancestors(by_path[path]), (slug, path)
            shown += 1
    for slug in site.providers:
        paths = listed(out, base_url, f"providers/{slug}/")
        assert paths and all(by_path[p].provider.slug == slug for p in paths), slug
    assert shown > 0


def test_lists_are_paginated_and_ordered(example):
    built = example["configured"]
    out, base_url, config, result = built["out"], built["config"].base_url, built["config"], built["result"]
    site, rankings = built["site"], result.site.rankings
    for base, order in (("latest/", rankings.newest), ("top/", rankings.top), ("hot/", rankings.hot)):
        pages = list_pages(out, base)
        assert len(pages) == max(1, -(-len(order) // config.items_per_page)), base
        for name in pages:
            assert 1 <= len(article_links(out, base_url, name)) <= config.items_per_page, name
        assert listed(out, base_url, base) == [site.items[i].path for i in order], base
    front = article_links(out, base_url, "index.html")
    assert front[: config.front_page_items] == [site.items[i].path for i in rankings.top[: config.front_page_items]]


def test_topic_and_provider_indexes_show_counts(example):
    built = example["configured"]
    site, out = built["site"], built["out"]
    assert site.topics and site.providers
    topics = "".join(parse_page(out / "topics/index.html").itertext())
    for slug, topic in site.topics.items():
        assert topic.name in topics
        assert str(len(site.topic_items[slug])) in topics
    providers = "".join(parse_page(out / "providers/index.html").itertext())
    for provider in site.providers.values():
        assert provider.name in providers


def test_article_pages_show_what_a_reader_needs(example):
    built = example["configured"]
    site, out = built["site"], built["out"]
    with_related = with_image = videos = 0
    for item in site.items:
        page = parse_page(out / item.path / "index.html")
        assert page.find(".//h1").text == item.title
        text = "".join(page.iter().__next__().itertext())
        if item.provider:
            assert site.providers[item.provider.slug].name in text
        times = [t.get("datetime") for t in page.iter("time")]
        assert item.published.astimezone(built["config"].zone).isoformat() in times
        originals = [a for a in page.iter("a") if a.get("href") == item.link]
        assert originals and all("noopener" in a.get("rel", "") for a in originals), item.source
        if item.amp_url:
            assert any(a.get("href") == item.amp_url for a in page.iter("a")) or \
                page.find(".//link[@rel='amphtml']") is not None
        for slug in item.topics:
            assert any(a.get("href", "").endswith(f"topics/{slug}/") for a in page.iter("a")), (item.source, slug)
        if item.related:
            with_related += 1
            assert "More coverage" in text
            for related in item.related:
                assert related.title in text
        if item.image and not (item.type == "video" and item.embed):
            with_image += 1
            hero = [img for img in page.iter("img") if img.get("src", "").endswith(item.image.url.rsplit("/", 1)[-1])]
            assert hero and hero[0].get("fetchpriority") == "high" and not hero[0].get("loading"), item.source  # the first picture
            if item.image.width:
                assert hero[0].get("width") == str(item.image.width) and hero[0].get("height") == str(item.image.height)
        if item.type == "video" and item.video_url:
            videos += 1
            frames = [f.get("src") for f in page.iter("iframe")]
            assert frames == ([item.video_url] if item.embed else []), item.source
    assert with_related and with_image and videos  # the example site exercises all three


def test_the_front_page_has_a_lead_story_and_cards(example):
    built = example["configured"]
    site, rankings, out = built["site"], built["result"].site.rankings, built["out"]
    lead = site.items[rankings.top[0]]
    page = parse_page(out / "index.html")
    text = "".join(page.iter().__next__().itertext())
    assert lead.title in text
    for index in rankings.top[1:built["config"].front_page_items]:
        assert site.items[index].title in text
    related = [site.items[i] for i in rankings.top[:built["config"].front_page_items] if site.items[i].related]
    assert related and any(f"+{len(i.related)}" in text for i in related)  # "+N sources"


def test_a_404_page_exists(example):
    page = parse_page(example["configured"]["out"] / "404.html")
    assert "not found" in "".join(page.iter().__next__().itertext()).lower()


def test_theme_static_files_are_copied(example):
    out = example["configured"]["out"]
    assert (out / "static/css/site.css").is_file() and (out / "static/favicon.svg").is_file()


# --- reports, broken files, strict ---------------------------------------------------------------------

# (a value of two lines: one line that is no YAML is read as the text written, tests/test_items_front_matter.py)
BROKEN = "---\ntitle: A broken item\npublishedDateTime: 2026-11-20T10:00:00Z\nexcerpt: Breaking: it broke\n  badly\n---\nBody\n"


@pytest.fixture
def example_site(tmp_path, monkeypatch):
    root = copy_example(tmp_path / "site")
    monkeypatch.chdir(root)
    return root


def test_a_broken_file_is_reported_with_path_and_line_and_the_rest_builds(example_site, capsys, example):
    (example_site / "content/news/zz-broken.md").write_text(BROKEN)
    assert cli.main(["build", "--report", "../report.json"]) == 0
    captured = capsys.readouterr()
    assert ("error: content/news/zz-broken.md:4: invalid YAML in front matter: mapping values are not allowed"
            in captured.err)
    items = example["configured"]["result"].items
    assert re.search(rf"from {items} items, 1 error, 0 warnings,", captured.out.strip().splitlines()[-1])
    report = json.loads((example_site.parent / "report.json").read_text())
    assert [r["source"] for r in report["rejected"]] == ["content/news/zz-broken.md"]
    assert report["rejected"][0]["error"].startswith("content/news/zz-broken.md:4: invalid YAML")
    assert report["rejected"][0]["line"] == 4
    assert len([p for p in report["pages"] if "source" in p]) == items


def test_strict_fails_on_a_broken_file_and_keeps_the_old_output(example_site, capsys):
    assert cli.main(["build"]) == 0
    before = {p: p.read_bytes() for p in (example_site / "output").rglob("*") if p.is_file()}
    (example_site / "content/news/zz-broken.md").write_text(BROKEN)
    assert cli.main(["build", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "content/news/zz-broken.md:4: invalid YAML" in err and "--strict" in err
    assert {p: p.read_bytes() for p in (example_site / "output").rglob("*") if p.is_file()} == before


def test_the_json_report_lists_pages_rejected_and_withheld(example):
    built = example["configured"]
    report = json.loads(json.dumps(built["result"].report()))  # it must be plain JSON
    assert report["mode"] == "full"  # a first build assembles a new output folder
    site = built["site"]
    by_source = {p["source"]: p["output"] for p in report["pages"] if "source" in p}
    assert by_source == {item.source: f"{item.path}index.html" for item in site.items}
    kinds = {(p["kind"], p["key"]): p["output"] for p in report["pages"] if "kind" in p}
    assert kinds[("topic", "ai")] == "topics/ai/index.html"
    assert kinds[("home", "")] == "index.html"
    for slug in site.providers:
        assert kinds[("provider", slug)] == f"providers/{slug}/index.html"
    for page in report["pages"]:
        assert (built["out"] / page["output"]).is_file(), page
    assert report["rejected"] == []
    assert report["withheld"] == [{"source": "content/news/2026-11-08-draft-heat-pump-winter-outlook.md",
                                   "reason": "published: false"}]


# --- reproducible builds -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(tmp_path):
    """Separate copies (no shared cache), separate processes, different hash seeds and time zones."""
    trees = []
    for run, (zone, seed) in enumerate((("UTC", "11"), ("America/New_York", "22"))):
        root = copy_example(tmp_path / f"site{run}")
        config = (root / "config.yaml").read_text()
        (root / "config.yaml").write_text(re.sub(r"(?m)^now:.*$", "", config))  # the clock comes from the env
        env = dict(os.environ, PYTHONPATH=str(ROOT), TZ=zone, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH="1795334400")
        done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        out = root / "output"
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert sorted(trees[0]) == sorted(trees[1])
    assert [name for name in trees[0] if trees[0][name] != trees[1][name]] == []
