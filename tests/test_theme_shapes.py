"""The reader's phone screen on content of other shapes than the example's and the real corpus's: names and
headlines of one unbroken word, a headline of several sentences over a summary of a whole article, in a real
browser (Debian chromium, 390x844 as a phone, light and dark).

A phone browser widens its layout to fit what is too wide for the screen (and `innerWidth` with it), so "no
wider than the screen" is measured against the screen's own width, never against `innerWidth`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_site, item, make_site, static_server
from test_theme_phone import HEADLINES, headline_ends, story_cards

pytestmark = pytest.mark.slow  # real builds, served, in Chromium

PHONE = {"width": 390, "height": 844}

CONFIG = """\
title: Odd shapes
base_url: https://example.org/shapes/
now: "2026-11-22T12:00:00Z"
"""

# One word each, longer than a phone's screen is wide: crawlers send names glued together and addresses as titles.
PROVIDER = "Longwordsonlynoseparatorsanywhereinthisprovidernamewhichgoesonforeverandever"
TOPIC = "Supercalifragilisticexpialidociousantidisestablishmentarianismfloccinaucinihilipilification"
TITLE = ("Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
         "https://averyveryverylongdomainname.example/path/to/an/article/that/never/ends")
# A headline of several sentences (a feed that puts its summary in the title) over a summary that is the whole
# article: real feeds send both. 330 and 2,000 characters.
LONG_SUMMARY = " ".join(["Councillors debated the plan until dawn, then voted to go ahead with it."] * 28)[:2000]
CREDIT = "Photo: Harbour Board archive"


def _long(headline: str) -> str:
    """A headline of 330 characters: one of HEADLINES (no word in common with the others) said again and again."""
    return ". ".join([headline] * 12)[:330]


def _site(root: Path):
    provider = f"{{name: {PROVIDER}, domain: glued.example}}"
    other = "{name: Plain Wire, domain: plain.example}"
    files = {
        "content/glued.md": item(TITLE, "2026-11-21T10:00:00Z", provider=provider, topics=f"[{TOPIC}]", heat=99,
                                 excerpt="x" * 600, originalUrl="https://glued.example/1"),
        "content/glued-2.md": item("Ferries run again", "2026-11-20T10:00:00Z", provider=provider,
                                   topics=f"[{TOPIC}]", originalUrl="https://glued.example/2"),
    }
    for n, headline in enumerate(HEADLINES):  # the first two with a summary of 2,000 characters, one with a picture
        files[f"content/long-{n}.md"] = item(
            _long(headline), f"2026-11-{19 - n:02d}T10:00:00Z", provider=other, topics="[Town]", heat=90 - n,
            originalUrl=f"https://plain.example/{n}", **({"excerpt": f"'{LONG_SUMMARY}'"} if n < 2 else {}),
            **({"images": "[{url: 'static/pictures/missing.jpg', width: 1200, height: 675}]"} if n % 2 else {}))
    # A picture whose caption is a whole article (2,000 characters: crawlers copy a figure's text whole).
    files["content/captioned.md"] = item(
        "Councillors vote on the harbour plan", "2026-11-01T10:00:00Z", provider="{name: Caption Desk, domain: "
        "caption.example}", topics="[Pictures]", heat=1, originalUrl="https://caption.example/1",
        images=f"[{{url: 'static/pictures/missing.jpg', width: 1200, height: 675, caption: '{LONG_SUMMARY}', "
               f"credit: '{CREDIT}'}}]")
    config, result = build_site(make_site(root, files, CONFIG))
    return config, result.site.model.site


@pytest.fixture(scope="module")
def shapes(tmp_path_factory):
    config, site = _site(tmp_path_factory.mktemp("shapes"))
    with static_server(config.output_path, config.base_path) as url:
        yield url, site


def _open(browser, scheme: str, viewport: dict = PHONE):
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True, color_scheme=scheme)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


# The drawn elements of the page that reach past the screen's right edge (the header's row of sections scrolls
# sideways by design: left out), and how wide the page is laid out. What an element inside a box that clips
# (a name cut with an ellipsis) reaches past that box is not drawn: only what the box shows counts.
PAST_THE_EDGE = """(width) => ({
  page: Math.max(document.documentElement.scrollWidth, innerWidth),
  past: [...document.querySelectorAll('main *, footer *')].filter(e => e.checkVisibility())
    .filter(e => {
      let right = e.getBoundingClientRect().right;
      for (let box = e.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible') right = Math.min(right, box.getBoundingClientRect().right);
      }
      return right > width + 0.5;
    })
    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 6)})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_names_and_headlines_of_one_long_word_stay_on_a_phone_screen(browser, shapes, scheme):
    # A provider's name longer than the screen stretched the story page to 935 pixels: its "Read the full story on
    # ..." button, its card, the topic over the headline and the topics' chips.
    url, site = shapes
    [glued] = [story for story in site.items if story.title == TITLE]
    pages = ["", "latest/", glued.path, "topics/", "providers/", "providers/glued-example/",
             f"topics/{glued.topics[0]}/"]
    context = _open(browser, scheme)
    try:
        tab = context.new_page()
        for path in pages:
            tab.goto(url + path, wait_until="load")
            found = tab.evaluate(PAST_THE_EDGE, PHONE["width"])
            assert found == {"page": PHONE["width"], "past": []}, f"/{path}: {found}"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_original_link_is_on_the_first_phone_screen_under_any_headline_and_summary(browser, shapes, scheme):
    url, site = shapes
    stories = [story for story in site.items if len(story.excerpt or "") > 500]
    assert len(stories) == 3 and sum(bool(story.image) for story in stories) == 1
    context = _open(browser, scheme)
    try:
        tab = context.new_page()
        for story in stories:
            tab.goto(url + story.path, wait_until="load")
            box = tab.locator(".original a.button").bounding_box()
            assert box and box["y"] + box["height"] <= PHONE["height"], f"{story.path}: 'Read the full story' at {box}"
            assert box["x"] + box["width"] <= PHONE["width"], f"{story.path}: 'Read the full story' at {box}"
            # The whole headline and summary are still on the page, for screen readers, search and a reader's copy.
            assert tab.locator("h1").text_content() == story.title
            assert tab.locator(".lede").text_content().startswith(story.excerpt)
    finally:
        context.close()


def test_headlines_of_several_sentences_leave_four_stories_on_a_phone_screen(browser, shapes):
    # A card showed all of a 330-character headline: ten lines, and two or three stories on the first screen.
    url, site = shapes
    pages = {"front": "", "latest": "latest/", "top": "top/", "hot": "hot/", "topic": "topics/town/",
             "provider": "providers/plain-example/"}
    counts = {}
    for kind, path in pages.items():
        cards = story_cards(browser, url + path, PHONE)
        assert len(cards) >= 5, kind
        counts[kind] = len([card for card in cards if card["top"] >= 0 and card["bottom"] <= PHONE["height"]])
    assert all(n >= 4 for n in counts.values()), f"stories on a 390x844 first screen: {counts}"
    # They are cut where they are cut with an ellipsis; the whole headline is still the link's text.
    context = _open(browser, "light")
    try:
        ends = [end for path in pages.values() for end in headline_ends(context.new_page(), url + path)
                if len(end["title"]) >= 330]
    finally:
        context.close()
    assert ends and all(end["whole"] or end["ellipsis"] for end in ends), [end for end in ends if not end["ellipsis"]]
    assert {end["title"] for end in ends} <= {story.title for story in site.items}


def _of_real_length(headline: str) -> str:
    """A headline of 150 characters, as long as real ones run (the longest of the real corpus: 131): one of
    HEADLINES (no word in common with the others) said again, cut at a word."""
    return " ".join([headline] * 6)[:151].rsplit(" ", 1)[0][:150]


@pytest.fixture(scope="module")
def real_length(tmp_path_factory):
    """Eight stories with headlines of real length, most with a picture (which fails: no network here)."""
    files = {f"content/story-{n}.md": item(
        _of_real_length(headline), f"2026-11-{20 - n:02d}T08:00:00Z", heat=90 - n, quality=50,
        provider="{name: Daily Wire, domain: daily.example}", topics="[Town, Harbour]", originalUrl=f"https://d.example/{n}",
        **({"images": f"[{{url: 'static/pictures/missing-{n}.jpg', width: 1200, height: 675}}]"} if n % 4 else {}))
        for n, headline in enumerate(HEADLINES)}
    config, result = build_site(make_site(tmp_path_factory.mktemp("real-length"), files, CONFIG))
    with static_server(config.output_path, config.base_path) as url:
        yield url, result.site.model.site


@pytest.mark.parametrize("width", [360, 390])
def test_headlines_of_real_length_are_whole_on_a_phone(browser, real_length, width):
    # Cut at four lines beside a thumbnail (five over a story's picture), a headline of 103-150 characters lost its
    # last words on a phone. (Four
    # stories on the first screen: test_theme_phone's real corpus. A page of nothing but headlines of 150 characters
    # shows three or four whole at 390 pixels.)
    url, site = real_length
    assert len(site.items) == 8 and all(140 <= len(story.title) <= 150 for story in site.items)
    pages = {"front": "", "latest": "latest/", "top": "top/", "hot": "hot/", "topic": "topics/town/",
             "provider": "providers/daily-example/"}
    context = _open(browser, "light", {"width": width, "height": 844})
    try:
        tab = context.new_page()
        cut = {kind: [end["title"] for end in headline_ends(tab, url + path) if not end["whole"]]
               for kind, path in pages.items()}
        # Each story's own page shows it whole too, over its picture or not, and the way to the original under it.
        for story in site.items:
            tab.goto(url + story.path, wait_until="load")
            cut[story.path] = [] if tab.evaluate(DRAWN, tab.locator("h1").element_handle()) else [story.title]
            box = tab.locator(".original a.button").bounding_box()
            assert box and box["y"] + box["height"] <= 844, f"{story.path}: 'Read the full story' at {box}"
    finally:
        context.close()
    assert all(cut[kind] == [] for kind in cut), f"headlines cut at {width} pixels: { {k: len(v) for k, v in cut.items()} }"


# Whether an element's last letter is drawn: inside every box around it that clips what overflows it.
DRAWN = """(element) => {
  const range = document.createRange(), text = [...element.childNodes].filter(n => n.nodeType === 3).pop();
  range.setStart(text, text.data.length - 1); range.setEnd(text, text.data.length);
  const letter = range.getBoundingClientRect();
  for (let box = element; box && box !== document.body; box = box.parentElement) {
    const style = getComputedStyle(box), edge = box.getBoundingClientRect();
    if ((style.overflowX !== 'visible' || style.overflowY !== 'visible')
        && (letter.bottom > edge.bottom + 0.5 || letter.top < edge.top - 0.5)) return false;
  }
  return letter.height > 0;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_pictures_long_caption_leaves_the_original_link_on_the_first_phone_screen(browser, shapes, scheme):
    # A caption of 2,000 characters under the story's picture pushed "Read the full story" 1,100 pixels down.
    url, site = shapes
    [story] = [story for story in site.items if story.image and story.image.caption]
    context = _open(browser, scheme)
    try:
        tab = context.new_page()
        tab.goto(url + story.path, wait_until="load")
        box = tab.locator(".original a.button").bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], f"'Read the full story' at {box}"
        # The whole caption is still the page's text (for screen readers, search and a reader's copy).
        assert tab.locator(".picture-words").text_content().startswith(LONG_SUMMARY[:1000])
        # Whose picture it is stays on the screen: the caption's cut took the credit after it.
        credit = tab.locator(".picture-words .credit")
        assert credit.text_content() == CREDIT
        assert tab.evaluate(DRAWN, credit.element_handle()), "the picture's credit is cut off with its caption"
    finally:
        context.close()
