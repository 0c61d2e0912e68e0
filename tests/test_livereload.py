"""Live reload in a real browser (Debian chromium through Playwright): edit files on disk, and the open page
shows the change with no action in the browser. Nothing is mocked: real watchdog, real HTTP, real page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, item, make_site
from test_server import CONFIG, ITEMS, edit, settle, start, write

pytestmark = pytest.mark.slow  # a real browser

SHOWN = 20_000  # ms a change may take to show: generous for slow shared CI machines (it is well under 1 s here)


@pytest.fixture
def site(tmp_path) -> Path:
    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    # the site's own copy of the stylesheet the pages link to (static/ overrides the theme file by file)
    write(root / "static/css/site.css", (ROOT / "themes/default/static/css/site.css").read_text())
    return root


@pytest.fixture
def dev(site):
    server = start(site)
    yield server
    server.stop()


def article_url(dev, site: Path, title: str) -> str:
    output = site / "output"
    # The story's own page (others name it too, under "More on ..."): its title is the <h1>.
    page = next(p for p in sorted((output / "news").rglob("index.html")) if f"<h1>{title}</h1>" in p.read_text())
    return dev.url + page.parent.relative_to(output).as_posix() + "/"


def test_an_edited_title_shows_without_touching_the_browser(dev, site, page):
    page.goto(article_url(dev, site, "Reusable rocket lands twice"))
    expect_text(page, "h1", "Reusable rocket lands twice")
    edit(site / "content/news/rocket.md", "Reusable rocket lands twice", "Reusable rocket lands a third time")
    expect_text(page, "h1", "Reusable rocket lands a third time")


def test_a_template_edit_shows(dev, site, page):
    page.goto(article_url(dev, site, "Robots learn to fold laundry"))
    template = site / "themes/default/templates/article.html"  # no themes/ folder yet: a new override
    template.parent.mkdir(parents=True)
    good = (ROOT / "themes/default/templates/article.html").read_text()
    assert "<h1" in good  # (the story's heading, with whatever attributes the theme gives it)
    write(template, good.replace("<h1", '<p class="by-template">Added by a template</p>\n<h1', 1))
    page.locator(".by-template").wait_for(timeout=SHOWN)
    edit(template, "Added by a template", "Edited in the template")  # now watched: an edit of the override
    expect_text(page, ".by-template", "Edited in the template")


def test_a_css_edit_swaps_the_stylesheet_without_a_reload(dev, site, page):
    page.goto(dev.url)
    page.evaluate("window.__marker = 1")
    before = page.evaluate("getComputedStyle(document.querySelector('h1, h2, a')).color")
    assert before != "rgb(1, 2, 3)"
    css = site / "static/css/site.css"
    write(css, css.read_text() + "\nh1, h2, a { color: rgb(1, 2, 3) !important; }\n")
    page.wait_for_function("getComputedStyle(document.querySelector('h1, h2, a')).color === 'rgb(1, 2, 3)'",
                           timeout=SHOWN)
    assert page.evaluate("window.__marker") == 1  # the same document: no full reload
    assert page.locator('link[rel="stylesheet"]').count() >= 1


def test_a_new_item_appears_on_its_topic_page(dev, site, page):
    page.goto(dev.url + "topics/ai/")
    expect_text(page, "main", "Robots learn to fold laundry")
    write(site / "content/news/new.md", item("Brand new AI story", "2026-11-21T09:00:00Z", topics="[AI]"))
    page.get_by_text("Brand new AI story").first.wait_for(timeout=SHOWN)


def test_a_heat_edit_moves_the_story_to_the_top_of_the_open_hot_page(dev, site, page):
    # A score edit: serve's fast path takes it (generator/serve/fastpath.py), and the open list shows the new order.
    page.goto(dev.url + "hot/")
    expect_text(page, "main .card-title", "Robots learn to fold laundry")  # every story has no heat yet: newest first
    # (Hot weighs heat by age: the day-older second story with heat passes the first without.)
    before = len(dev.rebuilds)
    write(site / "content/news/rocket.md", item("Reusable rocket lands twice", "2026-11-19T09:00:00Z",
                                                topics="[Space]", heat=50))
    expect_text(page, "main .card-title", "Reusable rocket lands twice")
    assert page.locator("main .signal.heat").first.get_attribute("aria-label").startswith("Heat 50:")
    # The page reloads at the hand-over, while the fast path still writes the other pages: its record comes
    # when it is done (the last one before that is the first build's, a "full" one).
    assert settle(dev, before).mode == "patch"


def test_a_deleted_item_disappears(dev, site, page):
    page.goto(dev.url + "topics/ai/")
    expect_text(page, "main", "Robots learn to fold laundry")
    (site / "content/news/robots.md").unlink()
    page.wait_for_function("!document.querySelector('main').textContent.includes('Robots learn to fold laundry')",
                           timeout=SHOWN)
    assert "A small model beats a big one" in page.locator("main").inner_text()


def test_a_broken_template_shows_the_overlay_then_recovers(dev, site, page):
    template = site / "themes/default/templates/article.html"
    template.parent.mkdir(parents=True)
    good = (ROOT / "themes/default/templates/article.html").read_text()
    before = len(dev.rebuilds)
    write(template, good)
    settle(dev, before)
    page.goto(article_url(dev, site, "Robots learn to fold laundry"))
    write(template, good.replace("{% block main %}", "{% block main %}{% for %}", 1))
    overlay = page.locator("#newsdesk-overlay")
    overlay.wait_for(timeout=SHOWN)
    assert re.search(r"themes/default/templates/article\.html:\d+: template syntax error", overlay.inner_text())
    expect_text(page, "h1", "Robots learn to fold laundry")  # the last good page, under the overlay
    assert "<h1" in good
    write(template, good.replace("<h1", '<h1 class="fixed"', 1))
    page.locator("h1.fixed").wait_for(timeout=SHOWN)
    assert page.locator("#newsdesk-overlay").count() == 0


def test_a_broken_item_shows_the_overlay_then_recovers(dev, site, page):
    page.goto(article_url(dev, site, "A small model beats a big one"))
    path = site / "content/news/model.md"
    good = path.read_text()
    write(path, good.replace("publishedDateTime:", "publishedDateTime: [", 1))
    # Left out, as `newsdesk build` leaves it out: its address now shows the not-found page, under the overlay.
    expect_text(page, "h1", "Page not found")
    overlay = page.locator("#newsdesk-overlay")
    overlay.wait_for(timeout=SHOWN)
    assert re.search(r"content/news/model\.md:\d+: invalid YAML", overlay.inner_text())
    # The reloaded page shows the overlay before its script (which makes "Hide" work) has run: wait for it.
    page.wait_for_load_state("load")
    page.click("#newsdesk-overlay [data-newsdesk-close]")  # it can be put aside to read the page
    assert page.locator("#newsdesk-overlay").count() == 0
    write(path, good.replace("beats a big one", "beats a giant"))
    expect_text(page, "h1", "A small model beats a giant")
    assert page.locator("#newsdesk-overlay").count() == 0


def test_items_broken_from_the_start_give_a_notice_that_can_be_dismissed(tmp_path, page):
    root = make_site(tmp_path / "site", {**ITEMS, "content/news/bad.md": "---\ntitle: [oops\n---\n"}, CONFIG)
    dev = start(root)
    try:
        page.goto(dev.url)
        notice = page.locator("#newsdesk-notice")
        assert "content/news/bad.md" in notice.inner_text(timeout=SHOWN)
        page.click("#newsdesk-notice [data-newsdesk-close]")
        assert page.locator("#newsdesk-notice").count() == 0
        page.reload()
        page.locator("h1, h2").first.wait_for()
        assert page.locator("#newsdesk-notice").count() == 0  # dismissed until the problems change
    finally:
        dev.stop()


def test_the_page_reconnects_when_the_server_restarts(site, page):
    first = start(site)
    port = first.port
    try:
        page.goto(article_url(first, site, "Reusable rocket lands twice"))
    finally:
        first.stop()
    edit(site / "content/news/rocket.md", "lands twice", "lands after a restart")  # while nothing serves
    second = start(site, port=port)
    try:
        expect_text(page, "h1", "Reusable rocket lands after a restart")
    finally:
        second.stop()


def expect_text(page, selector: str, text: str) -> None:
    """Wait until the element's text contains `text` (the page may reload any number of times meanwhile)."""
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return !!e && e.textContent.includes(t); }",
                           arg=[selector, text], timeout=SHOWN)


# Where the reader sees the first and the third letter of an element's text ("e" and "r" of "error: ...").
STARTS = """(element) => {
  const text = element.firstChild;
  const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                      return r.getBoundingClientRect().left; };
  return {text: text.textContent, first: at(0), third: at(2)};
}"""


def test_the_overlay_and_notice_speak_an_arabic_site_s_words_right_to_left_its_messages_left_to_right(tmp_path, page):
    """serve's overlay and notice say the theme's words in the site's language (docs/serve.md): on an Arabic
    site, right to left ("مشكلة واحدة في المحتوى", one content problem); the build's messages in them stay as the
    terminal says them, in English, and read left to right ("error: content/...", not "content/...: error")."""
    config = CONFIG.replace("title: Serve Test News", "title: أخبار\nlanguage: ar")
    root = make_site(tmp_path / "site", {**ITEMS, "content/news/bad.md": "---\ntitle: [oops\n---\n"}, config)
    dev = start(root)
    try:
        page.goto(article_url(dev, root, "Robots learn to fold laundry"))
        assert page.evaluate("() => document.dir") == "rtl"
        notice = page.locator("#newsdesk-notice")
        notice.wait_for(timeout=SHOWN)
        path = root / "content/news/robots.md"
        write(path, path.read_text().replace("publishedDateTime:", "publishedDateTime: [", 1))
        overlay = page.locator("#newsdesk-overlay")
        overlay.wait_for(timeout=SHOWN)
        for box in (notice, overlay):
            assert box.evaluate("(e) => [e.lang, getComputedStyle(e).direction]") == ["ar", "rtl"]
            assert box.locator("pre").evaluate("(e) => [e.lang, getComputedStyle(e).direction]") == ["en", "ltr"]
        starts = notice.locator("strong").evaluate(STARTS)
        assert starts["text"] == "مشكلة واحدة في المحتوى" and starts["first"] > starts["third"], starts
        starts = notice.locator("pre").evaluate(STARTS)
        assert starts["text"].startswith("error: content/news/bad.md:") and starts["first"] < starts["third"], starts
    finally:
        dev.stop()
