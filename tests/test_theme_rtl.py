"""A site written right to left (`language: ar`) in a real browser (Debian chromium, 390x844 and 1366x768): the
page says its direction, the layout mirrors (what starts a line sits on the right), nothing overflows, a name in
another script reads in its own direction, and axe finds nothing. And a left-to-right site whose names are Arabic
or Hebrew: each reads in its own direction, and what is beside it stays in place.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import build_site, item, make_site, static_server
from test_theme import axe_violations

pytestmark = pytest.mark.slow  # a real build, served, in Chromium

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}

CONFIG = """\
title: الصحيفة
base_url: https://example.org/ar/
language: ar
items_per_page: 3
now: "2026-11-22T12:00:00Z"
topics:
  - اقتصاد
  - ثقافة
  - name: طاقة
    parent: اقتصاد
"""

# An English provider whose name ends in a mark of no direction: on a right-to-left line, not isolated, it
# showed as "!Yahoo".
ENGLISH = "Yahoo!"
HEADLINES = ("افتتاح جسر الميناء بعد الإصلاحات", "المكتبة تمدد ساعات العمل في عطلة نهاية الأسبوع",
             "إلغاء إضراب السكك الحديدية في اللحظة الأخيرة", "المتحف يعيد تمثالا برونزيا منهوبا",
             "الأوركسترا تعين أول قائدة لها", "الجفاف يخفض محصول الزيتون إلى النصف",
             "المدينة تشتري أول عبارات كهربائية", "سقوط الرقم القياسي للماراثون تحت المطر")


def _site(root: Path):
    english = f"{{name: '{ENGLISH}', domain: news.yahoo.example}}"
    arabic = "{name: 'الجزيرة', domain: aljazeera.example}"
    files = {f"content/story-{n}.md": item(
        headline, f"2026-11-{20 - n:02d}T08:00:00Z", heat=90 - n, quality=60,
        provider=english if n % 2 else arabic, topics="[طاقة]" if n == 3 else "[اقتصاد]" if n < 4 else "[ثقافة]",
        excerpt=f"'ملخص الخبر رقم {n} مع تفاصيل أخرى.'", originalUrl=f"https://example.net/{n}")
        for n, headline in enumerate(HEADLINES)}
    # The same story from a second provider: a card with "+1 source".
    files["content/story-again.md"] = item(HEADLINES[0], "2026-11-20T09:00:00Z", heat=40, provider=english,
                                           topics="[اقتصاد]", originalUrl="https://example.net/again")
    config, result = build_site(make_site(root, files, CONFIG))
    assert result.site.warnings == ()
    return config, result.site.model.site


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    config, site = _site(tmp_path_factory.mktemp("rtl"))
    with static_server(config.output_path, config.base_path) as url:
        yield url, site


def _pages(site) -> dict[str, str]:
    story = next(story for story in site.items if story.title == HEADLINES[1])
    topic = story.topics[0]
    provider = next(slug for slug, p in site.providers.items() if p.name == ENGLISH)
    return {"home": "", "latest": "latest/", "top": "top/", "hot": "hot/", "topic": f"topics/{topic}/",
            "topics": "topics/", "provider": f"providers/{provider}/", "providers": "providers/",
            "article": story.path, "search": "search/", "404": "404.html"}


def _open(browser, viewport):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


# Drawn elements of the page past either edge of the screen (the header's row of sections scrolls sideways by
# design: left out), and how wide the page is laid out.
PAST_AN_EDGE = """(width) => ({
  page: Math.max(document.documentElement.scrollWidth, innerWidth),
  past: [...document.querySelectorAll('main *, footer *')].filter(e => e.checkVisibility())
    .filter(e => { const box = e.getBoundingClientRect(); return box.right > width + 0.5 || box.left < -0.5; })
    .map(e => e.tagName + '.' + e.className).slice(0, 6)})"""

# Where a card's byline puts its parts: the provider's chip and its logo, and the "+N sources".
BYLINE = """(card) => {
  const box = (e) => e && e.getBoundingClientRect();
  const chip = card.querySelector('.provider-chip'), body = card.querySelector('.byline');
  return {body: box(body).right, chip: box(chip).right, chipLeft: box(chip).left,
          avatar: box(chip.querySelector('.avatar')).width ? box(chip.querySelector('.avatar')).left : null, name: box(chip.querySelector('bdi') || chip).right,
          time: box(card.querySelector('.byline time')).right};
}"""

# The screen positions of the first and last letters of `words` in an element, as the reader sees them.
LETTERS = """([element, words]) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text; while ((text = walker.nextNode()) && !text.textContent.includes(words)) {}
  const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                      return r.getBoundingClientRect().left; };
  const start = text.textContent.indexOf(words);
  return {first: at(start), last: at(start + words.length - 1)};
}"""


def _letters(locator, words: str) -> dict:
    return locator.evaluate(f"(e) => ({LETTERS})([e, {words!r}])")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_arabic_site_reads_right_to_left_on_every_page(browser, arabic, viewport):
    url, site = arabic
    pages = _pages(site)
    context = _open(browser, viewport)
    try:
        tab = context.new_page()
        for kind, path in pages.items():
            tab.goto(url + path, wait_until="load")
            assert tab.evaluate("() => [document.documentElement.lang, document.dir]") == ["ar", "rtl"], kind
            assert tab.evaluate("() => getComputedStyle(document.body).direction") == "rtl", kind
            found = tab.evaluate(PAST_AN_EDGE, viewport["width"])
            assert found == {"page": viewport["width"], "past": []}, f"{kind} /{path}: {found}"
        # The theme's words are Arabic, and the header's first section is on the right.
        tab.goto(url + "latest/", wait_until="load")
        links = tab.locator(".site-header nav a")
        assert links.first.text_content().strip() == "الأحدث"
        first, second = links.nth(0).bounding_box(), links.nth(1).bounding_box()
        assert first["x"] > second["x"], "the header's sections run left to right"
        # A card's provider chip starts the byline on the right, its logo at the chip's right (before the name),
        # the date to its left.
        cards = tab.locator("main .card").filter(has=tab.locator(".byline .provider-chip"))
        assert cards.count() >= 3
        logos = 0
        for n in range(cards.count()):
            where = cards.nth(n).evaluate(BYLINE)
            logos += where["avatar"] is not None
            assert where["chip"] >= where["body"] - 1 and where["time"] < where["chipLeft"] + 1, where
            # (and apart from it: the logo's margin is on the name's side)
            assert where["avatar"] is None or where["avatar"] >= where["name"] + 4, f"the logo is not right of the name: {where}"
        assert logos or viewport is PHONE  # (a phone's cards show no logo)
        # An English name reads left to right inside the Arabic line: "Yahoo!", not "!Yahoo".
        chip = tab.locator(".byline .provider-chip", has_text="Yahoo").first
        letters = _letters(chip, ENGLISH)
        assert letters["first"] < letters["last"], f"the English provider's name shows as '!Yahoo': {letters}"
        # "+1 source" on the card of the story two providers report, as an Arabic count.
        assert tab.locator(".story-sources").filter(has_text="مصدر").count() >= 1
        # An English paragraph of a story's body ends in its full stop, on the right.
        tab.goto(url + pages["article"], wait_until="load")
        letters = _letters(tab.locator(".body p").first, "text.")
        assert letters["first"] < letters["last"], f"the English body reads '.Some body text': {letters}"
    finally:
        context.close()


def test_the_pages_of_a_list_run_right_to_left_and_their_arrows_point_so(browser, arabic):
    url, _site = arabic
    context = _open(browser, PHONE)
    try:
        tab = context.new_page()
        tab.goto(url + "latest/page/2/", wait_until="load")
        newer, older = tab.locator(".pagination a[rel=prev]"), tab.locator(".pagination a[rel=next]")
        assert newer.text_content().strip().startswith("→") and older.text_content().strip().endswith("←")
        # Newer pages on the right, where a right-to-left page starts; older on the left.
        assert newer.bounding_box()["x"] > older.bounding_box()["x"]
    finally:
        context.close()


def test_a_search_result_shows_an_english_name_in_its_own_direction(browser, arabic):
    url, _site = arabic
    context = _open(browser, PHONE)
    try:
        tab = context.new_page()
        tab.goto(url + "search/", wait_until="load")
        tab.fill("#search-q", "المكتبة")
        chip = tab.locator("#search-results .provider-chip", has_text="Yahoo").first
        chip.wait_for(timeout=20_000)
        letters = _letters(chip, ENGLISH)
        assert letters["first"] < letters["last"], f"the English provider's name shows as '!Yahoo': {letters}"
    finally:
        context.close()


# Which way a chevron ("<", "‹", "›") in a screenshot points: "left" when its tip, the ink of its middle row, is
# left of its ends, the ink of its first row.
def _points(png: bytes) -> str:
    with Image.open(io.BytesIO(png)) as picture:
        grey = picture.convert("L")
    background = grey.getextrema()[1]
    ink = [[x for x in range(grey.width) if background - grey.getpixel((x, y)) > 40] for y in range(grey.height)]
    rows = [row for row in ink if row]
    assert len(rows) >= 6, "no mark drawn"  # (a mark of a few pixels could not be told)
    def middle(row): return sum(row) / len(row)
    return "left" if middle(rows[len(rows) // 2]) < middle(rows[0]) else "right"


# The box on screen of the first `words` in an element's text.
BOX = """([element, words]) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text; while ((text = walker.nextNode()) && !text.textContent.includes(words)) {}
  const r = document.createRange(), start = text.textContent.indexOf(words);
  r.setStart(text, start); r.setEnd(text, start + words.length);
  const box = r.getBoundingClientRect();
  return {x: box.x, y: box.y, width: box.width, height: box.height};
}"""


def test_the_crumbs_of_a_nested_topic_run_right_to_left_and_point_so(browser, arabic):
    url, site = arabic
    [nested] = [slug for slug, topic in site.topics.items() if topic.parent]
    context = browser.new_context(viewport=DESKTOP, device_scale_factor=4)  # (a mark big enough to tell its way)
    try:
        tab = context.new_page()
        tab.goto(url + f"topics/{nested}/", wait_until="load")
        crumbs = tab.locator(".crumbs")
        topics, parent = crumbs.locator("a").nth(0), crumbs.locator("a").nth(1)
        assert [topics.text_content(), parent.text_content()] == ["المواضيع", "اقتصاد"]
        # "Topics" first, on the right, its sub-topic's parent to its left ...
        assert topics.bounding_box()["x"] > parent.bounding_box()["x"] + parent.bounding_box()["width"]
        # ... and the mark between them points from one to the other, to the left, as the crumbs read.
        sign = crumbs.evaluate(f"(e) => ({BOX})([e, e.textContent.trim().match(/[‹›]/)[0]])")
        assert parent.bounding_box()["x"] + parent.bounding_box()["width"] <= sign["x"] < topics.bounding_box()["x"]
        assert _points(tab.screenshot(clip=sign, scale="device")) == "left"
        # (what _points says of each mark written left to right, in the same font)
        crumbs.evaluate("(e) => e.insertAdjacentHTML('beforeend', '<span id=signs dir=ltr> ‹ › </span>')")
        for mark, way in (("‹", "left"), ("›", "right")):
            box = tab.locator("#signs").evaluate(f"(e) => ({BOX})([e, {mark!r}])")
            assert _points(tab.screenshot(clip=box, scale="device")) == way, mark
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_nothing_on_an_arabic_site(browser, arabic, viewport):
    url, site = arabic
    context = _open(browser, viewport)
    found = []
    try:
        tab = context.new_page()
        for kind, path in _pages(site).items():
            tab.goto(url + path, wait_until="load")
            found += axe_violations(tab, kind, path)
    finally:
        context.close()
    assert found == [], "\n".join(found)


# A site written left to right whose content has names written right to left: an Arabic sub-topic beside its
# count ("اقتصاد · 2 stories" showed as "2 · اقتصاد stories") and a Hebrew provider whose name ends in a mark of no
# direction ("וואלה!", Walla!, showed with its "!" after the name, on the right).
HEBREW = "וואלה!"
ENGLISH_SITE = """\
title: The Paper
base_url: https://example.org/
language: en
now: "2026-11-22T12:00:00Z"
topics:
  - Business
  - name: اقتصاد
    parent: Business
"""


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    hebrew = f"{{name: '{HEBREW}', domain: walla.example}}"
    files = {f"content/story-{n}.md": item(f"Story number {n}", f"2026-11-{20 - n:02d}T08:00:00Z", provider=hebrew,
                                           topics="[اقتصاد]", originalUrl=f"https://example.net/{n}")
             for n in range(2)}
    config, result = build_site(make_site(tmp_path_factory.mktemp("ltr"), files, ENGLISH_SITE))
    assert result.site.warnings == ()
    with static_server(config.output_path, config.base_path) as url:
        yield url


def test_a_right_to_left_name_on_a_left_to_right_site_keeps_its_order(browser, english):
    context = _open(browser, DESKTOP)
    try:
        tab = context.new_page()
        tab.goto(english + "topics/", wait_until="load")
        entry = tab.locator(".tile .tags a", has_text="اقتصاد")
        assert entry.text_content().split() == ["اقتصاد", "·", "2", "stories"]
        name, count = tab.evaluate(f"""(e) => [({BOX})([e, 'اقتصاد']), ({BOX})([e, '2'])]""", entry.element_handle())
        assert name["x"] + name["width"] <= count["x"], f"the count shows before the sub-topic: {name} {count}"
        # A Hebrew name reads right to left, its "!" at its end, on the left.
        tab.goto(english + "latest/", wait_until="load")
        chip = tab.locator(".byline .provider-chip", has_text=HEBREW[:-1]).first
        letters = _letters(chip, HEBREW)
        assert letters["first"] > letters["last"], f"the Hebrew provider's name shows as 'וואלה!': {letters}"
    finally:
        context.close()
