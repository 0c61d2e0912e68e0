"""What a reader sees on a phone, in a real browser: how many stories the first screen holds, pictures that
load (or fail) without moving the page, an article page that leads somewhere, signals with words.

Built from the example site and, when it is here, the real corpus in ../shared/corpus/powerapps (under a
/pa/ base path). Outside requests (the stories' pictures on other sites) fail at once: no network here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CORPUS, build_site, copy_example_site, item, make_site, static_server
from generator.build.pipeline import BuildOptions, build
from generator.config import load_config
from generator.site.types import type_lists

pytestmark = pytest.mark.slow  # real builds, served, in Chromium

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _open(browser, viewport: dict, scheme: str = "light"):
    phone = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, color_scheme=scheme)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


def _list_samples(site) -> dict[str, str]:
    """Page kind -> URL path of each kind of list page: the biggest topic and provider."""
    topic = max(site.topic_items, key=lambda slug: (len(site.topic_items[slug]), slug))
    provider = max(site.provider_items, key=lambda slug: (len(site.provider_items[slug]), slug))
    samples = {"front": "", "latest": "latest/", "top": "top/", "hot": "hot/", "topic": f"topics/{topic}/",
               "provider": f"providers/{provider}/"}
    listed = max(type_lists(site.items), key=lambda entry: len(entry[1]), default=None)
    if listed is not None and len(listed[1]) >= 4:  # the biggest list by type (videos/ ...), when it can fill a screen
        samples["type"] = listed[0].path
    return samples


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    config, result = build_site(copy_example_site(tmp_path_factory.mktemp("reader-example")))
    with static_server(config.output_path, config.base_path) as url:
        yield url, result.site.model.site


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    root = tmp_path_factory.mktemp("reader-corpus")
    (root / "config.yaml").write_text(
        f"title: Power Apps news\nbase_url: https://example.github.io/pa/\ncontent_dir: {CORPUS / 'news'}\n"
        f"data_dir: {CORPUS / 'data'}\nnow: \"2021-07-01T00:00:00Z\"\n", encoding="utf-8")
    config = load_config(root / "config.yaml")
    result = build(config, BuildOptions(workers=1), environ={})
    with static_server(config.output_path, config.base_path) as url:
        yield url, result.site.model.site


FIRST_SCREEN = """() => {
  const cards = [...document.querySelectorAll('main article.card')];
  return cards.map(card => {
    const box = card.getBoundingClientRect();
    return {top: box.top + scrollY, bottom: box.bottom + scrollY,
            provider: !!card.querySelector('.provider-chip') && card.querySelector('.provider-chip').checkVisibility(), topics: !!card.querySelector('.tags a'),
            time: !!card.querySelector('time[datetime]'), heat: (card.querySelector('.heat') || {}).textContent || ''};
  });
}"""


def cards_on_first_screen(browser, url: str, viewport: dict) -> list[dict]:
    context = _open(browser, viewport)
    try:
        tab = context.new_page()
        tab.goto(url)
        cards = tab.evaluate(FIRST_SCREEN)
    finally:
        context.close()
    assert cards, f"no story cards on {url}"
    return [card for card in cards if card["top"] >= 0 and card["bottom"] <= viewport["height"]]


def _check_density(browser, url: str, site):
    counts = {}
    for kind, path in _list_samples(site).items():
        shown = cards_on_first_screen(browser, url + path, PHONE)
        counts[kind] = len(shown)
        for card in shown:
            assert card["time"] and card["topics"], f"{kind}: a card without its date or topics: {card}"
            assert card["provider"] == (kind != "provider"), f"{kind}: the source is named once, not on each card"
            assert re.search(r"[A-Za-z]", card["heat"]), f"{kind}: heat {card['heat']!r} has no words"
    assert all(n >= 4 for n in counts.values()), f"stories on a 390x844 first screen: {counts}"
    return counts


def test_a_phone_screen_shows_at_least_four_stories_on_every_list_page(browser, example):
    _check_density(browser, *example)


def test_a_phone_screen_shows_at_least_four_real_stories_on_every_list_page(browser, corpus_site):
    _check_density(browser, *corpus_site)


def test_a_desktop_screen_stays_as_dense_as_before(browser, example):
    # Before the phone layout, 1366x900 showed 5 stories on the front page and 2 or 3 on the lists.
    url, site = example
    counts = {kind: len(cards_on_first_screen(browser, url + path, DESKTOP)) for kind, path in _list_samples(site).items()}
    assert counts["front"] >= 5 and all(n >= 3 for n in counts.values()), counts


def test_pictures_that_load_move_nothing(browser, example):
    url, site = example
    for viewport in (PHONE, DESKTOP):
        context = _open(browser, viewport)
        try:
            tab = context.new_page()
            for path in [*_list_samples(site).values(), site.items[0].path]:
                tab.goto(url + path, wait_until="load")
                assert tab.evaluate("() => [...document.images].some(i => i.complete && i.naturalWidth > 0)"), path
                shift = tab.evaluate(LAYOUT_SHIFT)
                assert shift < 0.05, f"{path or '/'} at {viewport['width']}px: layout shift {shift:.3f}"
        finally:
            context.close()


# --- pictures ------------------------------------------------------------------------------------------

PICTURE_CONFIG = """\
title: Broken pictures
base_url: https://example.org/news/
now: "2026-11-22T12:00:00Z"
"""


def _picture_site(root: Path):
    """Eight stories whose pictures the server answers with 404, as providers' pictures often do."""
    files = {f"content/story-{n}.md": item(
        f"Story number {n} with a picture that is gone", f"2026-11-{20 - n:02d}T08:00:00Z", heat=90 - n, quality=50,
        provider="{name: Gone Pictures, domain: gone.example}", topics="[Pictures]",
        images=f"[{{url: 'static/pictures/missing-{n}.jpg', width: 1200, height: 675}}]") for n in range(8)}
    config, result = build_site(make_site(root, files, PICTURE_CONFIG))
    return config, result.site.model.site


LAYOUT_SHIFT = """() => new Promise(done => {
  let shift = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) shift += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(shift), 600);
})"""

EMPTY_BOXES = """() => [...document.querySelectorAll('img')].filter(img => img.complete && img.naturalWidth === 0)
  .map(img => { const box = img.parentElement, r = box.getBoundingClientRect(), s = getComputedStyle(box);
                return {tag: box.className, height: r.height, ground: s.backgroundImage}; })"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_failed_pictures_leave_no_empty_boxes_and_move_nothing(browser, tmp_path, viewport):
    config, site = _picture_site(tmp_path / "site")
    pages = ["", "latest/", "topics/pictures/", site.items[0].path]
    with static_server(config.output_path, config.base_path) as url:
        context = _open(browser, viewport)
        try:
            tab = context.new_page()
            for path in pages:
                tab.goto(url + path, wait_until="load")
                tab.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # the lazy ones fail too
                tab.wait_for_timeout(300)
                tab.evaluate("() => window.scrollTo(0, 0)")
                failed = tab.evaluate(EMPTY_BOXES)
                assert failed, f"{path}: no failed picture to look at"
                empty = [box for box in failed if box["height"] > 100 and "favicon" not in box["ground"]]
                assert empty == [], f"{path or '/'}: empty picture boxes: {empty}"
                tab.goto(url + path, wait_until="load")
                shift = tab.evaluate(LAYOUT_SHIFT)
                assert shift < 0.05, f"{path or '/'}: layout shift {shift:.3f} while pictures failed"
        finally:
            context.close()


def test_the_first_picture_loads_at_once_and_the_rest_lazily(tmp_path):
    config, site = _picture_site(tmp_path / "site")
    for path in ["", "latest/", "topics/pictures/", "providers/gone-example/", site.items[0].path]:
        html = (config.output_path / path / "index.html").read_text(encoding="utf-8")
        pictures = re.findall(r"<img [^>]*src=\"[^\"]*/missing-[^>]*>", html)
        assert pictures, path
        assert 'fetchpriority="high"' in pictures[0] and "loading=" not in pictures[0], f"{path}: {pictures[0]}"
        for picture in pictures[1:]:
            assert 'loading="lazy"' in picture and 'fetchpriority="high"' not in picture, f"{path}: {picture}"
            assert re.search(r'width="\d+" height="\d+"', picture), f"{path}: {picture}"


# --- the story's page ------------------------------------------------------------------------------------

def test_the_original_link_is_on_the_first_phone_screen(browser, example):
    url, site = example
    stories = [story for story in site.items if story.link][:6]
    assert stories
    context = _open(browser, PHONE)
    try:
        tab = context.new_page()
        for story in stories:
            tab.goto(url + story.path)
            box = tab.locator(".original a.button").bounding_box()
            assert box and box["y"] + box["height"] <= PHONE["height"], f"{story.path}: 'Read the full story' at {box}"
    finally:
        context.close()


def test_a_lede_cut_mid_sentence_ends_with_an_ellipsis(tmp_path):
    files = {"content/cut.md": item("Cut short", excerpt="'The council voted on Tuesday to'"),
             "content/whole.md": item("Whole", "2026-11-19T10:00:00Z", excerpt="'The council voted.'")}
    config, _ = build_site(make_site(tmp_path / "site", files))
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (config.output_path / "news").rglob("index.html")}
    assert '<p class="lede">The council voted on Tuesday to…</p>' in pages["cut"]
    assert '<p class="lede">The council voted.</p>' in pages["whole"]


def test_a_story_without_related_coverage_leads_to_more_of_its_topic_and_provider(browser, example):
    url, site = example
    alone = [story for story in site.items if not story.related and story.topics and story.provider]
    assert alone
    context = _open(browser, PHONE)
    try:
        tab = context.new_page()
        tab.goto(url + alone[0].path)
        topic = site.topics[alone[0].topics[0]].name
        for heading in (f"More on {topic}", f"More from {site.providers[alone[0].provider.slug].name}"):
            section = tab.locator("section.more", has=tab.get_by_role("heading", name=heading))
            links = section.locator("a.title")
            assert 1 <= links.count() <= 4, heading
            for n in range(links.count()):
                assert tab.request.get(url.rstrip("/") + "/" + links.nth(n).get_attribute("href").split("/", 2)[-1]).ok
    finally:
        context.close()
