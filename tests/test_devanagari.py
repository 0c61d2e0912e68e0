"""A Hindi site in Chromium: a headline cut to a few lines ends on whole letters before its ellipsis (never half a
conjunct, `ज्` of `ज्यों`, nor a vowel sign without its consonant), and no line breaks inside a letter. Headlines
written for the test, in a Devanagari font (Debian's fonts-lohit-deva, which .ci/run installs)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest

from conftest import build_site, item, make_site, static_server

pytestmark = pytest.mark.slow  # a real build, served, in Chromium

HEADLINES = [
    "प्रधानमंत्री ने राष्ट्रीय शिक्षा नीति के अंतर्गत ग्रामीण क्षेत्रों में स्वास्थ्य केंद्रों और विद्यालयों के विस्तार की घोषणा "
    "की, विशेषज्ञों ने इसे ऐतिहासिक कदम बताया और राज्यों से शीघ्र सहयोग की अपील की ताकि योजना समय पर पूरी हो",
    "मुंबई में मूसलाधार बारिश से यातायात ठप्प, कई स्कूल बंद",
    "वैज्ञानिकों ने हिमालय के ग्लेशियरों के पिघलने की रफ़्तार पर नई रिपोर्ट जारी की",
    "क्रिकेट: भारत ने रोमांचक मुक़ाबले में ऑस्ट्रेलिया को तीन विकेट से हराया",
    "उत्तराखंड में भूस्खलन के बाद राष्ट्रीय राजमार्ग पर यातायात बहाल, श्रद्धालुओं की यात्रा फिर शुरू",
]
EXCERPT = ("विशेषज्ञों के अनुसार इस निर्णय से ग्रामीण क्षेत्रों के विद्यार्थियों को उच्च शिक्षा तक पहुँचने में सुविधा होगी, क्योंकि "
           "प्रत्येक ज़िले में स्वास्थ्य और शिक्षा से जुड़ी संस्थाओं का विस्तार किया जाएगा।")


def _devanagari_font() -> bool:
    fonts = subprocess.run(["fc-list", ":lang=hi"], capture_output=True, text=True) if shutil.which("fc-list") else None
    return bool(fonts and fonts.stdout.strip())


@pytest.fixture(scope="module")
def hindi(tmp_path_factory):
    if not _devanagari_font():
        pytest.skip("no Devanagari font (apt-get install fonts-lohit-deva): Chromium would draw empty boxes")
    from PIL import Image

    files = {f"content/h{n}.md": item(title, f"2026-11-20T{10 - n:02d}:00:00Z", heat=90 - n, topics="[राष्ट्रीय]",
                                      excerpt=json.dumps(EXCERPT, ensure_ascii=False),
                                      provider="{name: समाचार डेस्क, domain: desk.example}",
                                      images=f"[{{url: 'static/pictures/p{n}.jpg', width: 1200, height: 675}}]")
             for n, title in enumerate(HEADLINES)}
    root = make_site(tmp_path_factory.mktemp("hindi") / "site", files,
                     "title: समाचार\nbase_url: https://example.org/hi/\nlanguage: hi\nnow: '2026-11-21T10:00:00Z'\n")
    for n in range(len(HEADLINES)):
        (root / "static/pictures").mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (1200, 675), (40 + 30 * n, 60, 90)).save(root / f"static/pictures/p{n}.jpg", "JPEG")
    config, result = build_site(root)
    assert result.site.problems == ()
    with static_server(config.output_path, config.base_path) as url:
        yield url, result.site.model.site


# The clamped headline's last line: each letter (Intl.Segmenter's grapheme clusters, a conjunct one) as laid out
LAST_LINE = """(selector) => {
  const h = document.querySelector(selector || '.story-cover h1.long'), box = h.getBoundingClientRect();
  const style = getComputedStyle(h), height = parseFloat(style.lineHeight), clamp = parseInt(style.webkitLineClamp);
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT), middle = box.top + (clamp - 0.5) * height;
  const letters = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const part of new Intl.Segmenter('hi', {granularity: 'grapheme'}).segment(node.data)) {
      const range = document.createRange();
      range.setStart(node, part.index); range.setEnd(node, part.index + part.segment.length);
      const r = range.getBoundingClientRect();
      if (r.top < middle && r.bottom > middle) letters.push([part.segment, r.left - box.left, r.right - box.left]);
    }
  }
  return {clamp, top: (clamp - 1) * height, height, width: box.width, x: box.left + scrollX, y: box.top + scrollY,
          letters};
}"""


def _ink(picture, dark: bool = False) -> list[list[bool]]:
    """Where the white headline is drawn (columns of rows), on the cover's dark ground (or a `dark` one on a card's
    light ground)."""
    width, height = picture.size
    pixels = picture.convert("L").load()
    return [[(pixels[x, y] < 100) if dark else (pixels[x, y] > 160) for y in range(height)] for x in range(width)]


@pytest.mark.parametrize("where", ["story", "search"])
def test_a_cut_headline_ends_on_whole_letters(browser, hindi, where):
    # At each width, where the cut line's last letter ends: the last column with ink in the upper part of the line,
    # where every Devanagari letter has its headstroke and the ellipsis's dots have none. That must be the end of
    # one of the line's letters (within the pixels a headstroke runs on), not the middle of one: half a conjunct
    # (`ज्` of `ज्यों`) or a consonant whose vowel sign was cut off would end inside its letter's box. Chromium's
    # ellipsis parted a conjunct (राज… for राज्यों at 352 pixels): the words of such a headline are inline blocks.
    from PIL import Image

    url, site = hindi
    hid = 0
    for width in range(320, 424, 4):
        context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True)
        try:
            tab = context.new_page()
            if where == "story":
                tab.goto(url + site.items[0].path, wait_until="load")
                tab.add_style_tag(content=".story-cover .hero { visibility: hidden }")  # (a ground of one colour)
                selector = ".story-cover h1.long"
            else:  # (the search page draws its results' cards itself, after it is parsed)
                tab.goto(url + "search/?q=" + HEADLINES[0].split()[0], wait_until="load")
                tab.add_style_tag(content=".search-result .card-media { visibility: hidden }")
                selector = "#search-results .card-title.long a"
                tab.wait_for_selector(selector)
                tab.wait_for_timeout(100)  # (static/js/words.js's turn)
            line = tab.evaluate(LAST_LINE, selector)
            assert line["letters"], width
            cut = _ink(Image.open(io.BytesIO(tab.screenshot(clip={
                "x": line["x"], "y": line["y"] + line["top"], "width": line["width"], "height": line["height"]}))),
                dark=where == "search")
            top = int(line["height"] * 0.4)
            drawn = [x for x in range(len(cut)) if any(cut[x][:top])]
            dots = [x for x in range(len(cut)) if any(cut[x]) and x > drawn[-1]]
            assert dots, f"{width}px: no ellipsis after the last letter"
            ends = [right for _, _, right in line["letters"]]
            last = min(range(len(ends)), key=lambda n: abs(ends[n] - drawn[-1]))
            assert abs(ends[last] - drawn[-1]) <= 3, (
                f"{width}px: the cut line's letters end at {drawn[-1]}px, inside {line['letters'][last + 1][0]!r} "
                f"(after {''.join(s for s, _, _ in line['letters'][:last + 1])!r})")
            # (and the letters it leaves out are whole words: `और …`, not `और रा…`)
            assert last + 1 == len(ends) or line["letters"][last + 1][0] == " ", (
                f"{width}px: cut inside a word, after {''.join(s for s, _, _ in line['letters'][:last + 1])!r}")
            hid += any(letter.strip() for letter, _, _ in line["letters"][last + 1:])
        finally:
            context.close()
    assert hid >= 5  # (widths whose ellipsis took the place of letters of the line, not only of the lines after it)


# Each letter of every headline and summary: the lines its parts are drawn on (one, unless a break splits it)
LETTER_LINES = """() => [...document.querySelectorAll('main h1, main h2, main h3, main .excerpt, main .lede')].flatMap(el => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), split = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const part of new Intl.Segmenter('hi', {granularity: 'grapheme'}).segment(node.data)) {
      if (!part.segment.trim()) continue;
      const range = document.createRange();
      range.setStart(node, part.index); range.setEnd(node, part.index + part.segment.length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(part.segment);
    }
  }
  return [[el.tagName, el.textContent.length, split]];
})"""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 900},
                                      {"width": 320, "height": 640}], ids=["phone", "desktop", "narrow"])
def test_no_line_breaks_inside_a_letter(browser, hindi, viewport):
    url, site = hindi
    phone = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    try:
        tab = context.new_page()
        for path in ("", "latest/", site.items[0].path):
            tab.goto(url + path, wait_until="load")
            texts = tab.evaluate(LETTER_LINES)
            assert sum(length for _, length, _ in texts) > 300, path
            assert not [(tag, split) for tag, _, split in texts if split], path
    finally:
        context.close()
