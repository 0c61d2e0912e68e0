"""What fits a phone's narrow screen, in a real browser: the header's sections, the page no wider than the
screen, names far longer than a screen is wide (topics, providers, a site's title), and the search page's options.
Positions are measured with getBoundingClientRect, not read off screenshots.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, item, make_site, static_server

pytestmark = pytest.mark.slow  # real builds, served, in Chromium

LONG_TOPIC = "Intergovernmental negotiations on transboundary freshwater resource management"
LONG_PROVIDER = "The Extraordinarily Long-Named Independent Broadcasting Corporation of the Northern Territories"
LONG_CONFIG = f"""title: "Regional and international current affairs digest for readers in a hurry"
base_url: https://example.github.io/long/
now: "2026-11-22T06:00:00Z"
topics:
  - name: "{LONG_TOPIC}"
  - name: "الشؤون الإقليمية"
  - name: Short
"""


def _long_site(root: Path):
    """Ten items: a provider and a topic with names a line long, Arabic and Hebrew ones, no pictures, and videos
    and downloads (two more sections in the header than the example site has)."""
    long_provider = f"{{name: '{LONG_PROVIDER}', domain: longname.example}}"
    rows = [("Negotiators agree a framework for sharing water along the river", long_provider, f"['{LONG_TOPIC}', Short]", "article"),
            ("محادثات المياه تصل إلى اتفاق إطاري", "{name: 'صحيفة الشرق الأوسط الدولية', domain: arabic.example}", "['الشؤون الإقليمية']", "article"),
            ("שיחות המים מגיעות להסכם מסגרת?", "{name: 'הארץ החדשה', domain: hebrew.example}", "[Short]", "article"),
            ("Interview with the chief negotiator", long_provider, f"['{LONG_TOPIC}']", "video"),
            ("The framework agreement, annotated", long_provider, f"['{LONG_TOPIC}']", "download"),
            ("Farmers downstream wait for the water", long_provider, f"['{LONG_TOPIC}']", "article"),
            ("A second video about the river", "{name: Short Wire, domain: short.example}", "[Short]", "video")]
    files = {f"content/story-{n}.md": item(title, f"2026-11-{20 - n:02d}T08:00:00Z", heat=90 - n, quality=60,
                                           provider=provider, topics=topics, type=kind)
             for n, (title, provider, topics, kind) in enumerate(rows)}
    config, result = build_site(make_site(root, files, LONG_CONFIG))
    return config, result.site.model.site


@pytest.fixture(scope="module")
def example(example):
    """The session's example build (conftest's `example`: read only here), served."""
    config, result, output = example
    with static_server(output, config.base_path) as url:
        yield url


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    config, site = _long_site(tmp_path_factory.mktemp("narrow-long"))
    with static_server(config.output_path, config.base_path) as url:
        yield url, site


def _tab(browser, width: int, scheme: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True,
                                  color_scheme=scheme)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context, context.new_page()


SECTIONS = """() => {
  const nav = document.querySelector('.site-header nav');
  return {links: [...nav.querySelectorAll('a')].map(a => { const r = a.getBoundingClientRect();
                    return {text: a.textContent.trim(), left: r.left, right: r.right, current: a.hasAttribute('aria-current')}; }),
          width: innerWidth, page: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("width", [360, 390])
def test_every_section_of_the_header_is_on_a_phone_screen_whole(browser, example, width):
    # Before, at 390 the last section read "Provid" at the screen's edge, and on its own page its mark was cut off.
    context, tab = _tab(browser, width)
    try:
        for path in ("", "providers/", "topics/", "latest/"):
            tab.goto(example + path)
            shown = tab.evaluate(SECTIONS)
            names = [link["text"] for link in shown["links"]]
            assert names[:3] == ["Latest", "Top", "Hot"] and names[-2:] == ["Topics", "Providers"], names
            cut = [link for link in shown["links"] if link["left"] < 0 or link["right"] > width]
            assert cut == [], f"{path or '/'} at {width} px: sections cut at the screen's edge: {cut}"
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 360, 390])
def test_no_page_is_wider_than_a_phone_screen(browser, example, long_site, width):
    # The header's search box kept its own width (about twenty characters): 364 px wide pages at 320 and 360.
    url, _ = long_site
    context, tab = _tab(browser, width)
    try:
        pages = [example + path for path in ("", "latest/", "search/?q=lawmakers", "providers/")]
        pages += [url + path for path in ("", "providers/longname-example/", "topics/", "downloads/")]
        for address in pages:
            tab.goto(address)
            assert tab.evaluate("() => document.documentElement.scrollWidth") <= width, f"{address} at {width} px"
    finally:
        context.close()


def test_a_sections_own_page_shows_it_in_the_header_when_the_row_scrolls(browser, long_site):
    url, _ = long_site
    context, tab = _tab(browser, 390)
    try:
        for path, name in (("providers/", "Providers"), ("topics/", "Topics"), ("downloads/", "Downloads"),
                           ("videos/", "Videos"), ("latest/", "Latest")):
            tab.goto(url + path)
            shown = tab.evaluate(SECTIONS)
            assert [link["text"] for link in shown["links"]] == \
                ["Latest", "Top", "Hot", "Videos", "Downloads", "Topics", "Providers"]  # in their order
            assert any(link["right"] > 390 or link["left"] < 0 for link in shown["links"]), "the row fits: no test"
            current = [link for link in shown["links"] if link["current"]]
            assert [link["text"] for link in current] == [name]
            assert 0 <= current[0]["left"] and current[0]["right"] <= 390, f"{path}: {current}"
            assert shown["page"] <= 390
            # and the row still scrolls to the sections it leaves out at first, at its other end
            cut = next(n for n, link in enumerate(shown["links"]) if link["right"] > 390 or link["left"] < 0)
            tab.evaluate("n => document.querySelectorAll('.site-header nav a')[n].scrollIntoView({inline: 'nearest'})", cut)
            far = tab.evaluate(SECTIONS)["links"][cut]
            assert 0 <= far["left"] and far["right"] <= 390, f"{path}: cannot scroll to {far}"
    finally:
        context.close()


# The chips of each card (its topics and, on a phone, its provider) and how tall a line of theirs is.
CHIPS = """() => [...document.querySelectorAll('main article.card')].flatMap(card => {
  const box = card.getBoundingClientRect();
  return [...card.querySelectorAll('.byline .tags a, .byline .provider-chip')].filter(a => a.checkVisibility()).map(a => {
    const r = a.getBoundingClientRect(), s = getComputedStyle(a);
    return {text: a.textContent.trim(), height: r.height, line: parseFloat(s.lineHeight) + parseFloat(s.paddingTop)
            + parseFloat(s.paddingBottom), left: r.left, right: r.right, card_left: box.left, card_right: box.right};
  });
})"""


@pytest.mark.parametrize("width", [390, 1366])
def test_a_name_a_line_long_stays_one_line_inside_its_card(browser, long_site, width):
    # Before, a topic of 80 characters was a two-line pill as wide as the card on every card that had it, and
    # a provider's name of 95 three bold lines under each of its headlines.
    url, _ = long_site
    context, tab = _tab(browser, width)
    try:
        seen = set()
        for path in ("", "latest/", "topics/short/", "downloads/"):
            tab.goto(url + path)
            for chip in tab.evaluate(CHIPS):
                seen.add(chip["text"])
                assert chip["height"] < 1.5 * chip["line"], f"{path or '/'} at {width}: {chip} wraps"
                assert chip["card_left"] - 0.5 <= chip["left"] and chip["right"] <= chip["card_right"] + 0.5, chip
        assert LONG_TOPIC in seen and (width > 600 or any(text.endswith(LONG_PROVIDER) for text in seen)), seen
    finally:
        context.close()


PROVIDER_HEADER = """() => {
  const h1 = document.querySelector('main h1'), logo = document.querySelector('.page-header .avatar');
  const r = h1.getBoundingClientRect(), a = logo.getBoundingClientRect();
  return {h1_top: r.top, h1_size: parseFloat(getComputedStyle(h1).fontSize), lines: Math.round(r.height / parseFloat(getComputedStyle(h1).lineHeight)),
          logo_top: a.top, logo_bottom: a.bottom, chips: [...document.querySelectorAll('main .card .provider-chip')].filter(c => c.checkVisibility()).length};
}"""


def test_a_long_provider_name_on_its_page_is_headed_like_a_topic(browser, long_site):
    url, _ = long_site
    context, tab = _tab(browser, 390)
    try:
        tab.goto(url + "providers/longname-example/")
        provider = tab.evaluate(PROVIDER_HEADER)
        # and a story's page, whose byline names its provider the same way
        tab.goto(tab.evaluate("() => document.querySelector('main article.card .card-title a').href"))
        name = tab.evaluate('''() => { const card = document.querySelector('.story .provider-card');
          const t = card.querySelector('.provider-title').getBoundingClientRect(), a = card.querySelector('.avatar').getBoundingClientRect();
          return {top: t.top, height: t.height, logo_top: a.top}; }''')
        tab.goto(url + "topics/short/")
        topic_size = tab.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main h1')).fontSize)")
    finally:
        context.close()
    assert provider["lines"] >= 3, provider  # a name that wraps: what the logo is placed beside
    # The logo beside the name's first line, not halfway down its six; the name as big as a topic's.
    assert provider["logo_top"] <= provider["h1_top"] + 8 and provider["logo_bottom"] >= provider["h1_top"], provider
    assert provider["h1_size"] == topic_size, provider
    assert name["height"] > 40 and name["logo_top"] <= name["top"] + 8, name  # a name of lines, its logo at its top
    assert provider["chips"] == 0, "a provider's own page names it once, not on each card"


OPTIONS = """() => [...document.querySelectorAll('.search-options select')].map(s => {
  const r = s.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top}; })"""


PLACEHOLDER_ROOM = """([word, button]) => {
  document.querySelector('.site-search button').textContent = button;  // (the language's, beside the box)
  const box = document.querySelector('#site-search-q'), style = getComputedStyle(box);
  const pen = document.createElement('canvas').getContext('2d');
  pen.font = style.font;
  return {text: pen.measureText(word).width,
          room: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_search_box_shows_its_whole_placeholder_in_every_shipped_language(browser, example, width):
    # "Meldungen durchsuchen" showed as "Meldungen durc" on every German page, "Rechercher des articles" as
    # "Rechercher des ar" on every French one. Each shipped words file's placeholder, in the box the pages have.
    words = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted((ROOT / "themes/default/i18n").glob("*.yaml"))}
    assert len(words) >= 12 and words["de"]["search_stories"] and words["fr"]["search"]
    context, tab = _tab(browser, width)
    try:
        tab.goto(example)
        cut = {language: (file["search_stories"], measured) for language, file in words.items()
               for measured in [tab.evaluate(PLACEHOLDER_ROOM, [file["search_stories"], file["search"]])]
               if measured["text"] > measured["room"]}
        assert cut == {}, f"at {width} px, placeholders wider than the search box: {cut}"
    finally:
        context.close()


def test_the_search_options_line_up_on_a_phone(browser, example):
    # Before, each menu followed its own word ("Topic", "Provider", "Sort by"): three left edges, none in line.
    context, tab = _tab(browser, 390)
    try:
        tab.goto(example + "search/?q=lawmakers")
        menus = tab.evaluate(OPTIONS)
    finally:
        context.close()
    assert len(menus) == 3 and menus[0]["top"] < menus[1]["top"] < menus[2]["top"], menus
    assert max(m["left"] for m in menus) - min(m["left"] for m in menus) < 1, menus
    assert max(m["right"] for m in menus) - min(m["right"] for m in menus) < 1 and menus[0]["right"] <= 390, menus


# One word far longer than any screen is wide (a German compound twice over, a crawler's run of characters),
# in every field a page shows: a flex or grid box sized itself to it, as `overflow-wrap: break-word` counts the
# word whole in a box's smallest width, and a provider's page was 1,930 px wide on a 1,280 px screen.
WORD = "Donaudampfschifffahrtsgesellschaftskapitaensmuetzenabzeichenherstellungsunternehmen" * 2


@pytest.mark.parametrize("width", [360, 1280])
def test_a_word_longer_than_the_screen_breaks_in_every_field(browser, tmp_path, width):
    provider = f"{{name: {WORD}, domain: long.example}}"
    fields = dict(excerpt=WORD, provider=provider, topics=f"[{WORD}, Short]", author=WORD, price=WORD,
                  length=WORD, category=WORD, related=f"[{{title: {WORD}, webUrl: 'https://r.example/{WORD}'}}]",
                  images=f"[{{url: 'https://img.example/p.jpg', caption: {WORD}, credit: {WORD}}}]")
    files = {"content/long.md": item(WORD, **fields),
             "content/other.md": item("Another story", provider=provider, topics="[Short]")}
    config, result = build_site(make_site(tmp_path / "site", files))
    [story] = [one for one in result.site.model.site.items if one.title == WORD]
    [topic] = [one.slug for one in result.site.model.site.topics.values() if one.name == WORD]
    pages = ["", "latest/", story.path, f"providers/{story.provider.slug}/", "providers/", "topics/",
             f"topics/{topic}/"]
    with static_server(config.output_path, config.base_path) as url:
        context, tab = _tab(browser, width)
        try:
            wider = {}
            for path in pages:
                assert tab.goto(url + path).status == 200, path
                wider[path] = tab.evaluate("() => document.documentElement.scrollWidth") - width
            assert wider == dict.fromkeys(pages, 0)
        finally:
            context.close()
