"""The default theme as readers, the Nu HTML checker and axe-core see it.

Four real builds: the example site (its base_url has a path, /newsdesk/), the same
site at the root of a domain, a small site of awkward cases (odd topic names, a
provider without a logo, a video from a host that is not allowed, body headings that
start at ###) under https://example.github.io/repo/, and one whose pictures all fail. The validators come from npm
(`npm ci` at the repository root: vnu-jar needs Java, axe-core runs in Chromium);
without them these tests skip, and fail when NEWSDESK_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import ROOT, item, make_site, static_server
from generator.build.pipeline import build
from generator.config.load import load_config

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _tool_missing(reason: str):
    if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


# --- the sites ---------------------------------------------------------------------------------------

EDGE_CONFIG = """\
title: "Edge & <Cases>"
description: "A site of awkward content."
base_url: https://example.github.io/repo/
now: "2026-11-22T12:00:00Z"
items_per_page: 2
topics:
  - name: 'C++ & "Rust" <b>'
    description: "Systems languages."
  - name: "日本語"
    parent: 'C++ & "Rust" <b>'
"""

EDGE_FILES = {
    "content/lead.md": item(
        "Lead story with an outside video", "2026-11-22T08:00:00Z", type="video", heat=90, quality=80,
        featuredContent="'<iframe src=\"https://videos.elsewhere.example/embed/1\"></iframe>'",
        provider="{name: No Logo Media, domain: nologo.example}",
        topics="['C++ & \"Rust\" <b>', 日本語, 🚀]",
        images="[{url: 'https://nologo.example/a.jpg', width: 1200, height: 675}]",
        related="[{title: 'Second take', webUrl: 'https://other.example/second', publishedDateTime: 2026-11-22T09:00:00Z, "
                "provider: {name: Other Paper, domain: other.example}}, "
                "{title: 'Our own copy', webUrl: 'https://nologo.example/embedded'}]",
        body="Intro.\n\n### A third-level heading first\n\nText.\n\n##### Then a fifth\n\nMore.\n"),
    "content/embedded.md": item(
        "A video we may embed", "2026-11-21T08:00:00Z", type="video", heat=10, quality=10,
        webUrl="https://nologo.example/embedded",
        featuredContent="'<iframe src=\"https://www.youtube.com/embed/abc123\"></iframe>'",
        provider="{name: Logo Daily, domain: logodaily.example, images: [{url: 'https://logodaily.example/l.png'}]}",
        topics="[日本語]"),
    "content/plain.md": item("No picture, no provider", "2026-11-20T08:00:00Z", heat=5, quality=5),
    # as `newsdesk fetch` writes a podcast episode, with a video in its body: the browser's own players
    "content/episode.md": item(
        "An episode to listen to", "2026-11-19T08:00:00Z", type="podcast", heat=4, quality=4, length=3753,
        size=58123456, featuredContent="'<audio controls preload=\"none\" src=\"https://pod.example/42.mp3\"></audio>'",
        body='<video src="https://pod.example/42.mp4" width="640" height="360"></video>\n\n'
             '<video><source src="https://pod.example/43.webm" type="video/webm"></video>\n'),
}

# A front page full of cards whose pictures (on another site) never come: the lead, its headlines and the grid.
PICTURE_FILES = {
    f"content/gone-{n}.md": item(title, f"2026-11-{20 - n:02d}T08:00:00Z", heat=90 - n, quality=50,
                                 provider="{name: Gone Pictures, domain: gone.example}", topics="[Pictures]",
                                 images=f"[{{url: 'https://gone.example/{n}.jpg', width: 1200, height: 675}}]")
    for n, title in enumerate(("Harbour bridge reopens after repairs", "Library extends weekend opening hours",
                               "Rail strike called off at the last minute", "Museum returns looted bronze to Benin",
                               "Orchestra names its first woman conductor", "Drought cuts the olive harvest by half",
                               "City buys its first electric ferries", "Marathon record falls in heavy rain"))}


def _build(config, output: Path) -> Path:
    build(dataclasses.replace(config, output_dir=str(output)))
    return output


@pytest.fixture(scope="module")
def sites(tmp_path_factory, example) -> dict[str, tuple[Path, str]]:
    """name -> (output folder, URL path the site lives under); the example site is the session's build of it."""
    base = tmp_path_factory.mktemp("theme")
    example, _, example_out = example
    edge = load_config(make_site(base / "edge", EDGE_FILES, EDGE_CONFIG) / "config.yaml")
    pictures = load_config(make_site(base / "pictures", PICTURE_FILES) / "config.yaml")
    return {
        "example": (example_out, example.base_path),
        "example-at-root": (_build(dataclasses.replace(example, base_url="https://news.example.org/"), base / "root"), "/"),
        "edge": (_build(edge, base / "edge-out"), edge.base_path),
        "pictures": (_build(pictures, base / "pictures-out"), pictures.base_path),
    }


def html_pages(folder: Path) -> list[Path]:
    pages = sorted(folder.rglob("*.html"))
    assert pages, f"no HTML pages under {folder}"
    return pages


# --- what is on a page -------------------------------------------------------------------------------

class Page(HTMLParser):
    """The parts of an HTML page a reader (and a crawler) relies on."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self._in_title = False
        self.text_by_class: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        self.tags.append((tag, attrs))
        self._in_title = self._in_title or tag == "title"
        if tag not in ("img", "meta", "link", "br", "input", "source", "hr"):
            self._open.append((tag, attrs.get("class")))

    def handle_endtag(self, tag):
        self._in_title = False if tag == "title" else self._in_title
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for _, cls in self._open:
            for name in (cls or "").split():
                self.text_by_class.setdefault(name, []).append(data)

    def all(self, tag: str, **match) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in match.items())]

    def with_class(self, name: str, tag: str | None = None) -> list[dict]:
        return [a for t, a in self.tags if name in a.get("class", "").split() and (tag is None or t == tag)]

    def text(self, cls: str) -> str:
        return " ".join(" ".join(self.text_by_class.get(cls, [])).split())


def read(folder: Path, url_path: str) -> Page:
    return Page((folder / url_path / "index.html").read_text(encoding="utf-8"))


def target_file(folder: Path, base_path: str, href: str) -> Path | None:
    """The output file a root-relative link of the site points at (None: it points outside the site)."""
    path = unquote(urlsplit(href).path)
    if not path.startswith(base_path):
        return None
    path = path[len(base_path):]
    return folder / path / "index.html" if path == "" or path.endswith("/") else folder / path


# --- (1) the Nu HTML checker ---------------------------------------------------------------------------

@pytest.mark.slow
def test_vnu_finds_no_errors_or_warnings_on_any_page(sites):
    if not VNU_JAR.is_file():
        _tool_missing(f"{VNU_JAR} is missing: run `npm ci` in {ROOT}")
    java = shutil.which("java")
    if not java:
        _tool_missing("java is not installed (the Nu HTML checker needs Java 11 or newer)")
    folders = [str(folder) for folder, _ in sites.values()]
    assert all(html_pages(Path(f)) for f in folders)
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", *folders],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    found = [f"{m.get('url', '?').split('/', 3)[-1]}:{m.get('lastLine', '?')}: {m['type']}"
             f"{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}" for m in messages]
    assert found == [], "\n".join(found)


@pytest.mark.slow
def test_vnu_finds_the_theme_css_valid(sites):
    if not VNU_JAR.is_file() or not shutil.which("java"):
        _tool_missing(f"{VNU_JAR} or java is missing: run `npm ci` in {ROOT} and install Java 11+")
    folder, _ = sites["example"]
    sheets = sorted(str(p) for p in (folder / "static").rglob("*.css"))
    assert sheets
    run = subprocess.run([shutil.which("java"), "-jar", str(VNU_JAR), "--format", "gnu", "--css", *sheets],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr


# --- (3) what a reader checks, on every page ------------------------------------------------------------

def test_every_page_has_title_description_canonical_landmarks_and_alt_text(sites):
    for name, (folder, base_path) in sites.items():
        for path in html_pages(folder):
            where = f"{name}:{path.relative_to(folder)}"
            page = Page(path.read_text(encoding="utf-8"))
            assert page.title.strip(), f"{where}: empty <title>"
            descriptions = page.all("meta", name="description")
            assert len(descriptions) == 1 and descriptions[0]["content"].strip(), f"{where}: no description"
            canonical = page.all("link", rel="canonical")
            if path.name == "404.html":
                # Served at every missing address: a canonical would claim them all; it says noindex instead.
                assert not canonical and page.all("meta", name="robots", content="noindex"), where
            else:
                assert len(canonical) == 1, f"{where}: needs exactly one canonical link"
                expected = urljoin("https://x.invalid" + base_path, str(path.parent.relative_to(folder)) + "/")
                assert urlsplit(canonical[0]["href"]).path == urlsplit(expected).path.replace("/./", "/"), where
            assert len(page.all("main")) == 1, f"{where}: needs one <main>"
            assert page.all("header") and page.all("nav") and page.all("footer"), f"{where}: landmarks"
            assert len(page.all("h1")) == 1, f"{where}: needs exactly one <h1>"
            assert page.all("html")[0].get("lang"), f"{where}: <html> without lang"
            assert page.all("meta", name="viewport"), f"{where}: no viewport meta (phones would zoom out)"
            assert page.all("link", rel="icon"), f"{where}: no favicon"
            assert len(page.all("link", rel="stylesheet")) == 1, f"{where}: one stylesheet a page, not a cascade of them"
            for img in page.all("img"):
                assert "alt" in img, f"{where}: <img src={img.get('src')}> has no alt"
            for frame in page.all("iframe"):
                assert frame.get("title"), f"{where}: iframe without a title"


def test_every_link_and_asset_of_the_site_resolves_under_its_base_path(sites):
    """As on GitHub Pages: the site lives under base_url's path, and nothing may point outside it."""
    for name, (folder, base_path) in sites.items():
        for path in html_pages(folder):
            page = Page(path.read_text(encoding="utf-8"))
            refs = [a["href"] for a in page.all("a") + page.all("link") if "href" in a]
            refs += [a["src"] for a in page.all("img") + page.all("script") + page.all("iframe") if "src" in a]
            refs += [a["action"] for a in page.all("form") if "action" in a]
            for ref in refs:
                parts = urlsplit(ref)
                if ref.startswith("#"):
                    assert any(a.get("id") == ref[1:] for _, a in page.tags), f"{name}:{path.relative_to(folder)}: no {ref}"
                    continue
                if parts.scheme or parts.netloc:
                    continue  # outside links: the story's own site, players, providers' logos
                assert ref.startswith(base_path), f"{name}:{path.relative_to(folder)}: {ref!r} is outside {base_path}"
                target = target_file(folder, base_path, ref)
                assert target is not None and target.is_file(), f"{name}:{path.relative_to(folder)}: broken link {ref}"


def test_styles_and_scripts_ship_with_the_theme_no_cdn(sites):
    folder, base_path = sites["example"]
    for path in html_pages(folder):
        page = Page(path.read_text(encoding="utf-8"))
        assets = [a["href"] for a in page.all("link") if a.get("rel") in ("stylesheet", "icon", "preload")]
        assets += [a["src"] for a in page.all("script") if a.get("src")]
        assert assets, path
        for ref in assets:
            assert ref.startswith(base_path) and not urlsplit(ref).netloc, f"{path}: {ref} is not shipped with the site"
    css = (folder / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "http://" not in css.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in css and "prefers-color-scheme: dark" in css


def story_links(folder: Path, url_path: str) -> list[str]:
    """The stories a page lists, in order (each card's title link)."""
    raw = (folder / url_path / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<h\d class="card-title"><a href="([^"]+)"', raw)


def test_front_page_leads_with_the_top_story_and_shows_the_top_ranked_cards(sites):
    folder, _ = sites["example"]
    config = load_config(ROOT / "config.yaml")
    front = read(folder, "")
    assert len(front.with_class("card-lead", "article")) == 1, "one lead story"
    numbers = sorted(int(p.parent.name) for p in (folder / "top" / "page").glob("*/index.html"))
    top_pages = ["top/"] + [f"top/page/{n}/" for n in numbers]
    ranked = [link for url_path in top_pages for link in story_links(folder, url_path)]
    shown = story_links(folder, "")
    assert len(shown) == config.front_page_items
    assert shown == ranked[: config.front_page_items], "the front page shows the Top list's first stories, in order"
    cards = front.with_class("card", "article")
    assert front.with_class("excerpt") and front.with_class("heat"), "cards show a summary and the heat"
    assert re.search(r"\+\d+ sources?", front.text("sources")), "'+N sources' where related coverage exists"
    assert any("/static/pictures/" in img.get("src", "") for img in front.all("img")), "cards show the story's picture"
    assert front.all("time") and all(t.get("datetime") for t in front.all("time"))
    assert front.with_class("tags"), "cards list their topics"
    # Every card names its provider with a link to the provider's page.
    assert len(front.with_class("provider-chip", "a")) == len(cards)


def test_lists_are_paginated_and_rankings_count_on_across_pages(sites):
    folder, base_path = sites["example"]
    config = load_config(ROOT / "config.yaml")
    second = read(folder, "top/page/2")
    ranked = second.with_class("ranked", "ol")
    assert ranked and ranked[0]["start"] == str(config.items_per_page + 1)
    assert second.all("a", rel="prev") and second.all("a", **{"aria-current": "page"})
    for kind in ("latest", "hot", "top"):
        first = read(folder, kind)
        assert first.all("a", rel="next")[0]["href"] == f"{base_path}{kind}/page/2/"
        assert len(first.with_class("card", "article")) == config.items_per_page


def test_topic_index_counts_and_parent_pages_include_children(sites):
    folder, base_path = sites["example"]
    index = read(folder, "topics")
    assert re.search(r"\d+ stor(y|ies)", index.text("count"))
    technology, ai = read(folder, "topics/technology"), read(folder, "topics/ai")
    ai_stories = {a["href"] for a in ai.all("a") if "/news/" in a.get("href", "")}
    tech_pages = [read(folder, p.parent.relative_to(folder).as_posix()) for p in (folder / "topics" / "technology").rglob("index.html")]
    tech_stories = {a["href"] for page in [technology, *tech_pages] for a in page.all("a") if "/news/" in a.get("href", "")}
    assert ai_stories and ai_stories <= tech_stories, "a parent topic lists its children's items"
    assert any(a.get("href") == f"{base_path}topics/ai/" for a in technology.all("a")), "parent links to its children"


def test_topic_names_with_any_characters_are_escaped_and_linked(sites):
    folder, base_path = sites["edge"]
    index = read(folder, "topics")
    shown = index.text("tile")
    assert 'C++ & "Rust" <b>' in shown and "日本語" in shown and "🚀" in shown, "names are shown as written"
    assert not index.all("b"), "a name is text, never markup"
    links = {a.get("href", "") for a in index.all("a")}
    # An emoji is spelled out by the transliterator (anyascii): 🚀 is "rocket".
    assert f"{base_path}topics/c-plus-plus-and-rust-b/" in links and f"{base_path}topics/rocket/" in links
    rocket = read(folder, "topics/rocket")
    assert rocket.title.startswith("🚀") and "Lead story with an outside video" in rocket.text("card-title")


def test_provider_cards_show_logo_or_monogram_and_facts(sites):
    folder, base_path = sites["edge"]
    page = read(folder, "providers/nologo-example")
    avatars = page.with_class("avatar")
    assert avatars and "monogram" in avatars[0]["class"], "a provider without a logo gets a monogram"
    assert "NLM" in page.text("avatar") or "NL" in page.text("avatar")
    assert page.all("h1") and "No Logo Media" in page.text("provider-title")
    facts = page.text("provider-card")
    assert "nologo.example" in facts and "1 story" in facts and "average quality" in facts and "Mostly" in facts
    logo = read(folder, "providers/logodaily-example")
    images = [img for img in logo.all("img") if img.get("src") == "https://logodaily.example/l.png"]
    assert images and images[0]["alt"] == "", "a logo beside the name is decorative"
    index = read(folder, "providers")
    assert len(index.with_class("provider-card")) == 2


def test_article_page_has_what_a_reader_needs(sites):
    folder, base_path = sites["example"]
    page = read(folder, "news/2026/10/22/vaultly-build-server-breach")
    assert page.text("story").count("Vaultly") and page.with_class("provider-card")
    hero = [img for img in page.all("img") if "vaultly-build-server-breach.svg" in img.get("src", "")]
    assert hero and hero[0].get("width") and hero[0].get("height") and hero[0].get("fetchpriority") == "high"
    original = [a for a in page.all("a") if a.get("href") == "https://patchnote.example/2026/10/22/vaultly-build-server-breach/"]
    assert original and "noopener" in original[0]["rel"] and "Read the full story" in page.text("original")
    assert "More coverage" in page.text("related")
    internal = [a for a in page.all("a") if a.get("href") == f"{base_path}news/2026/10/22/what-vaultly-breach-means/"]
    assert internal, "related coverage that is on the site links to the site's own page"
    assert "On this site" in page.text("related") and "Daily Circuit" in page.text("related")


def test_only_allowed_video_hosts_are_embedded(sites):
    folder, _ = sites["edge"]
    outside = read(folder, "news/2026/11/22/lead")
    assert not outside.all("iframe"), "a player from a host off the allow-list is never embedded"
    links = [a for a in outside.all("a") if a.get("href") == "https://videos.elsewhere.example/embed/1"]
    assert links and "noopener" in links[0]["rel"] and "Watch the video" in outside.text("video-link")
    allowed = read(folder, "news/2026/11/21/embedded")
    frames = allowed.all("iframe")
    assert len(frames) == 1 and frames[0]["src"] == "https://www.youtube.com/embed/abc123" and frames[0]["title"]


def test_the_player_of_an_item_of_any_type_is_shown(tmp_path):
    # Crawlers keep an article's or a podcast's embed in featuredContent as they do a video's: its player was
    # shown for videos only, and lost for the others without a word
    def embedded(title, kind, src):
        return item(title, "2026-11-20T08:00:00Z", type=kind, featuredContent=f"'<iframe src=\"{src}\"></iframe>'")
    files = {"content/article.md": embedded("Harbour works explained", "article", "https://www.youtube.com/embed/abc123"),
             "content/podcast.md": embedded("Tide tables, read aloud", "podcast", "https://player.audio.example/ep/7"),
             "content/webinar.md": embedded("Planning the new quay", "webinar", "https://player.vimeo.com/video/42")}
    config = load_config(make_site(tmp_path / "site", files) / "config.yaml")
    out = _build(config, tmp_path / "out")
    article = read(out, "news/2026/11/20/article")
    assert [f["src"] for f in article.all("iframe")] == ["https://www.youtube.com/embed/abc123"]
    podcast = read(out, "news/2026/11/20/podcast")
    assert not podcast.all("iframe") and podcast.text("video-link") == "Listen on player.audio.example"
    assert [a for a in podcast.all("a") if a.get("href") == "https://player.audio.example/ep/7"]
    webinar = read(out, "news/2026/11/20/webinar")
    assert [f["src"] for f in webinar.all("iframe")] == ["https://player.vimeo.com/video/42"]


def test_body_headings_follow_the_page_title_without_gaps(sites):
    folder, _ = sites["edge"]
    raw = (folder / "news/2026/11/22/lead/index.html").read_text(encoding="utf-8")
    body = raw.split('class="body"', 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<h(\d)>", body) == ["2", "3"]


# --- (2) axe-core and the reader's eye, in a real browser -------------------------------------------------

SAMPLES = {  # page kind -> (site, path)
    "front": ("example", ""),
    "front with a failed lead picture": ("edge", ""),
    "front with failed card pictures": ("pictures", ""),
    "latest": ("example", "latest/"),
    "top page 2": ("example", "top/page/2/"),
    "hot": ("example", "hot/"),
    "videos (a list by type)": ("example", "videos/"),
    "topic": ("example", "topics/technology/"),
    "topics index": ("example", "topics/"),
    "provider": ("example", "providers/dailycircuit-example/"),
    "providers index": ("example", "providers/"),
    "article with video embed": ("example", "news/2026/10/19/lunar-rover-wheel-timelapse/"),
    "article with outside video": ("edge", "news/2026/11/22/lead/"),
    "podcast episode with its players": ("edge", "news/2026/11/19/episode/"),
    "article with related coverage": ("example", "news/2026/10/22/vaultly-build-server-breach/"),
    "article whose More lists name a video and facts": ("example", "news/2026/10/13/coral-thriving-near-volcanic-vents/"),
    "404": ("example", "no/such/page/"),
    "search results": ("example", "search/?q=robot"),
}


@pytest.fixture(scope="module")
def served(sites):
    """Each site served by a plain static server under its base path, as GitHub Pages would."""
    import contextlib
    with contextlib.ExitStack() as stack:
        yield {name: stack.enter_context(static_server(folder, base_path)) for name, (folder, base_path) in sites.items()}


def _open(browser, scheme: str, viewport: dict):
    context = browser.new_context(color_scheme=scheme, viewport=viewport, is_mobile=viewport is PHONE,
                                  has_touch=viewport is PHONE)
    # No network here: outside requests (stories' pictures, players) fail at once instead of waiting.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_axe_finds_no_violations(browser, served, scheme, device):
    if not AXE_JS.is_file():
        _tool_missing(f"{AXE_JS} is missing: run `npm ci` in {ROOT}")
    viewport = DESKTOP if device == "desktop" else PHONE
    context = _open(browser, scheme, viewport)
    tab = context.new_page()
    found = []
    try:
        for kind, (site, path) in SAMPLES.items():
            tab.goto(served[site] + path)
            found += axe_violations(tab, kind, path)
    finally:
        context.close()
    assert found == [], "\n".join(found)


def axe_violations(tab, kind: str, path: str) -> list[str]:
    """What axe finds on the page open in `tab` (`kind`, `path` name it), one line a violation."""
    if "?q=" in path:  # the results are made by search.js once the index files are in
        tab.locator("#search-results li").first.wait_for(timeout=20_000)
    tab.add_script_tag(path=str(AXE_JS))
    # An embedded player is another site's page; axe checks the iframe element itself, not inside it.
    result = tab.evaluate("() => axe.run(document, {iframes: false, resultTypes: ['violations']})")
    return [f"{kind} ({path or '/'}): {violation['id']}: {violation['help']} "
            f"{[' '.join(map(str, n['target'])) for n in violation['nodes']][:5]}"
            for violation in result["violations"]]


@pytest.mark.slow
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_pages_fit_the_screen_and_load_only_the_sites_own_styles(browser, served, device):
    viewport = DESKTOP if device == "desktop" else PHONE
    context = _open(browser, "light", viewport)
    tab = context.new_page()
    outside: list[str] = []
    tab.on("request", lambda r: outside.append(r.url) if r.resource_type in ("stylesheet", "script", "font")
           and not r.url.startswith("http://127.0.0.1") else None)
    try:
        for kind, (site, path) in SAMPLES.items():
            response = tab.goto(served[site] + path)
            assert response.status == (404 if kind == "404" else 200), kind
            sheets = tab.evaluate("() => [...document.styleSheets].map(s => s.cssRules.length)")
            assert sheets and all(n > 0 for n in sheets), f"{kind}: a stylesheet did not load"
            # (a phone widens its layout, innerWidth too, to what is too wide: measured against the screen's width)
            overflow = tab.evaluate("() => Math.max(document.documentElement.scrollWidth, innerWidth)") - viewport["width"]
            assert overflow <= 0, f"{kind}: the page is {overflow}px wider than a {viewport['width']}px screen"
    finally:
        context.close()
    assert outside == [], f"loaded from outside the site: {outside}"


@pytest.mark.slow
def test_keyboard_users_get_a_skip_link_and_visible_focus(browser, served):
    for scheme in ("light", "dark"):
        context = _open(browser, scheme, DESKTOP)
        tab = context.new_page()
        try:
            tab.goto(served["example"])
            tab.keyboard.press("Tab")
            skip = tab.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
                return {text: e.textContent, href: e.getAttribute('href'), top: r.top, bottom: r.bottom}; }""")
            assert skip["text"] == "Skip to content" and skip["href"] == "#main"
            assert skip["top"] >= 0 and skip["bottom"] > skip["top"], "the skip link shows when focused"
            tab.keyboard.press("Tab")
            outline = tab.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), tag: document.activeElement.tagName}; }""")
            assert outline["tag"] == "A" and outline["style"] != "none" and outline["width"] >= 2, outline
        finally:
            context.close()


@pytest.mark.parametrize("body, levels", [
    ("<h3>a</h3><p>x</p><h5>b</h5>", ["2", "3"]),  # starts deep, skips a level
    ("<h2>a</h2><h4>b</h4><h3>c</h3>", ["2", "3", "3"]),  # a jump down is clamped to one level
    ("<h2>a</h2><h3>b</h3><h2>c</h2>", ["2", "3", "2"]),  # already right: unchanged
    ("<p>&lt;h4&gt; is text here</p>", []),  # escaped text is not a heading
])
def test_outline_filter_renumbers_body_headings(body, levels):
    from generator.render.filters import outline
    result = outline(body)
    assert re.findall(r"<h(\d)>", result) == levels
    assert re.findall(r"</h(\d)>", result) == levels


def test_pagination_shows_first_last_and_neighbours_with_gaps_marked(tmp_path):
    # One story a page: Latest has a page per story. Page 10 links 1 … 8 9 [10] 11 12 … last, newer and older.
    # (16 one-line stories: the example site with a page a story rendered every list of it a story a page.)
    files = {f"content/news/story-{n}.md": item(f"Story {n} of {words}", f"2026-11-{n + 1:02}T10:00:00Z")
             for n, words in enumerate(["harbour", "glacier", "orchard", "comet", "ferry", "quarry", "beacon", "lantern",
                                        "meadow", "canyon", "tundra", "estuary", "volcano", "prairie", "lagoon", "citadel"])}
    site = make_site(tmp_path / "site", files, 'title: T\nbase_url: https://example.org/news/\nnow: "2026-11-22T12:00:00Z"\n'
                     "items_per_page: 1\n")
    config = load_config(site / "config.yaml", {"output_dir": str(tmp_path / "out")})
    result = build(config)
    total = sum(1 for page in result.site.pages if page.kind == "latest")
    assert total > 14
    html = (tmp_path / "out/latest/page/10/index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="pagination".*?</nav>', html, re.S)[0]
    base = config.base_path
    links = re.findall(r'<li><a href="([^"]+)"( aria-current="page")?><span class="visually-hidden">Page </span>(\d+)</a>',
                       nav)
    assert [int(n) for _, _, n in links] == [1, 8, 9, 10, 11, 12, total]
    assert [href for href, _, _ in links][:2] == [f"{base}latest/", f"{base}latest/page/8/"]
    assert [n for _, current, n in links if current] == ["10"]
    assert nav.count("…") == 2  # between 1 and 8, and between 12 and the last
    assert f'href="{base}latest/page/9/" rel="prev"' in nav and f'href="{base}latest/page/11/" rel="next"' in nav


# The first and last character of an element's first text node, where they are drawn (x of their middles).
_ENDS = """(selector) => [...document.querySelectorAll(selector)].map(node => {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {acceptNode: t => t.data.trim() ? 1 : 2});
  const text = walker.nextNode(), data = text.data, first = data.search(/\\S/), last = data.trimEnd().length - 1;
  const middle = at => { const r = document.createRange(); r.setStart(text, at); r.setEnd(text, at + 1);
                         const box = r.getBoundingClientRect(); return box.left + box.width / 2; };
  return {text: data.trim(), first: middle(first), last: middle(last)};
})"""


@pytest.mark.slow
def test_a_right_to_left_headline_reads_right_to_left_on_an_english_site(browser, tmp_path):
    # Crawled headlines come in any script. On an English page a Hebrew headline ending in "?" was drawn with
    # the question mark at its right, its start for a Hebrew reader; an English one stays as it was.
    hebrew, english = "מה חדש בעולם המדע?", "What is new in science?"
    site = make_site(tmp_path / "site", {
        "content/he.md": item(hebrew, excerpt=f'"{hebrew}"', date="2026-11-20T10:00:00Z"),
        "content/en.md": item(english, excerpt=f'"{english}"', date="2026-11-20T09:00:00Z")})
    result = build(load_config(site / "config.yaml"))
    pages = {i.title: i.path for i in result.site.model.site.items}
    with static_server(site / "output") as url:
        context = _open(browser, "light", DESKTOP)
        tab = context.new_page()
        try:
            found = []
            for path, selector in (("latest/", ".card-title a"), ("latest/", ".card .excerpt"),
                                   (pages[hebrew], "main h1"), (pages[hebrew], ".lede")):
                tab.goto(url + path)
                found += [(path, selector, ends) for ends in tab.evaluate(_ENDS, selector)]
        finally:
            context.close()
    assert {ends["text"].rstrip("…") for _, _, ends in found} == {hebrew, english}
    for path, selector, ends in found:
        right_to_left = ends["text"].startswith("מ")
        assert (ends["last"] < ends["first"]) == right_to_left, (path, selector, ends)
