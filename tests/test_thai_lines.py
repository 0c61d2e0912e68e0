"""A Thai site in Chromium: Thai is written without spaces between its words, and a card's clamped headline or
summary, on a list or among a search's results, ends its last line on a whole word before the ellipsis (the
browser's word breaks, static/js/words.js), and no text runs past the screen. The layout is measured, not the
letters' shapes: without a Thai font (.ci/run installs none) Chromium draws each letter as a box, laid out and
cut as the letters would be."""

from __future__ import annotations

import functools
import io
import json
import re

import pytest

from conftest import ROOT, build_site, item, make_site, static_server
from generator.site.text import cut_at_word

pytestmark = pytest.mark.slow  # a real build, served, in Chromium

# Headlines and a summary written for the test (news of the kind Thai sites write; each over the theme's
# `long_headline`, 200 letters, so that a card clamps it)
HEADLINES = [
    "รัฐบาลประกาศแผนพัฒนาโครงสร้างพื้นฐานด้านการขนส่งทางรางทั่วประเทศเพื่อเชื่อมต่อเมืองหลักกับชนบท"
    "และลดต้นทุนโลจิสติกส์ของผู้ประกอบการขนาดกลางและขนาดย่อมในระยะยาว "
    "นักเศรษฐศาสตร์ชี้ว่าโครงการนี้จะช่วยกระตุ้นการลงทุนภาคเอกชนและสร้างงานใหม่หลายหมื่นตำแหน่งในภูมิภาค",
    "กรมอุตุนิยมวิทยาเตือนประชาชนในภาคเหนือและภาคตะวันออกเฉียงเหนือให้เตรียมรับมือกับอากาศหนาวเย็น"
    "และหมอกหนาในช่วงเช้าตลอดสัปดาห์หน้า พร้อมแนะนำให้ผู้ขับขี่ยานพาหนะใช้ความระมัดระวังเป็นพิเศษ"
    "บนทางหลวงสายหลักที่มีทัศนวิสัยต่ำและถนนบนภูเขาที่ลาดชัน",
]
EXCERPT = ("ผู้เชี่ยวชาญด้านพลังงานระบุว่าการติดตั้งแผงโซลาร์เซลล์บนหลังคาบ้านเรือนและอาคารพาณิชย์"
           "เพิ่มขึ้นอย่างต่อเนื่องในช่วงสามปีที่ผ่านมาเนื่องจากค่าไฟฟ้าที่สูงขึ้นและต้นทุนอุปกรณ์ที่ลดลงอย่างมาก"
           "ทำให้ครัวเรือนจำนวนมากหันมาผลิตไฟฟ้าใช้เองมากขึ้น")


@pytest.fixture(scope="module")
def thai(tmp_path_factory):
    assert all(len(title) > 200 for title in HEADLINES)
    files = {f"content/t{n}.md": item(title, f"2026-11-20T{10 - n:02d}:00:00Z", heat=90 - n, topics="[ข่าว]",
                                      excerpt=json.dumps(EXCERPT, ensure_ascii=False),
                                      provider="{name: ข่าวไทย, domain: khao.example}")
             for n, title in enumerate(HEADLINES)}
    root = make_site(tmp_path_factory.mktemp("thai") / "site", files,
                     "title: ข่าว\nbase_url: https://example.org/th/\nlanguage: th\nnow: '2026-11-21T10:00:00Z'\n")
    config, result = build_site(root)
    with static_server(config.output_path, config.base_path) as url:
        yield url


# The clamped box's last line: its clamp, where it is, the left edge of each letter on it (Intl.Segmenter's
# grapheme clusters, hidden by the ellipsis or not) with whether a word starts there, and where its letters end
LAST_LINE = """(box) => {
  const style = getComputedStyle(box), height = parseFloat(style.lineHeight), clamp = parseInt(style.webkitLineClamp);
  const rect = box.getBoundingClientRect(), text = box.textContent;
  const starts = new Set([...new Intl.Segmenter('th', {granularity: 'word'}).segment(text)].map(s => s.index));
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT), letters = [];
  const middle = rect.top + (clamp - 0.5) * height;
  let offset = 0, end = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const part of new Intl.Segmenter('th', {granularity: 'grapheme'}).segment(node.data)) {
      const range = document.createRange();
      range.setStart(node, part.index); range.setEnd(node, part.index + part.segment.length);
      const r = [...range.getClientRects()].find(r => r.width > 0);
      if (r && r.top < middle && r.bottom > middle) {
        const at = offset + part.index;
        letters.push([r.left - rect.left, starts.has(at) || /\\s/.test(text[at - 1] || '')]);
        end = Math.max(end, r.right - rect.left);
      }
    }
    offset += node.data.length;
  }
  return {clamp, x: rect.left + scrollX, y: rect.top + scrollY + (clamp - 1) * height, width: rect.width, height,
          lines: Math.round(rect.height / height), letters, end};
}"""


def _ink_ends(png: bytes) -> int:
    """The last column of a screenshot with anything drawn darker or lighter than its ground (its first column)."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("L")
    pixels, (width, height) = picture.load(), picture.size
    ground = pixels[0, 0]
    return max(x for x in range(width) if any(abs(pixels[x, y] - ground) > 60 for y in range(height)))


# How wide the clamp's ellipsis is drawn in the box's font
ELLIPSIS = """(box) => {
  const probe = document.createElement('span');
  probe.textContent = '\u2026';
  box.appendChild(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return width;
}"""


def _cut(tab, box) -> tuple[float, bool, bool]:
    """Where the clamp's ellipsis starts on `box`'s last line (the end of what is drawn there, less the ellipsis's
    width), whether a word starts there (or the line ends), and whether it took the place of letters of the line."""
    line = box.evaluate(LAST_LINE)
    assert line["lines"] == line["clamp"] and line["letters"], line  # (the text goes on past the clamp)
    ellipsis = box.evaluate(ELLIPSIS)
    clip = {"x": line["x"], "y": line["y"], "width": line["width"], "height": line["height"]}
    cut = _ink_ends(tab.screenshot(clip=clip)) + 1 - ellipsis
    # (the line's end, where the next line's word starts, when the ellipsis fits after all of it)
    left, starts = min(line["letters"] + [[line["end"], True]], key=lambda letter: abs(letter[0] - cut))
    return cut, abs(left - cut) <= 3 and starts, left < line["end"]


def _no_overflow(tab) -> None:
    wide = tab.evaluate("() => [document.documentElement.scrollWidth, innerWidth, [...document.querySelectorAll("
                        "'.card-title, .excerpt')].filter(e => e.scrollWidth > e.clientWidth + 1).length]")
    assert wide[0] <= wide[1] and wide[2] == 0, wide


def test_a_cards_clamped_headline_and_summary_end_on_a_whole_word(browser, thai):
    hid = 0
    for width, selector in [(w, ".card-title.long a") for w in range(340, 430, 9)] + [
            (w, ".list .card .excerpt") for w in range(900, 1300, 40)]:
        phone = width < 600
        context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=phone, has_touch=phone)
        try:
            tab = context.new_page()
            tab.goto(thai + "latest/", wait_until="load")
            # (static/js/words.js runs after the page is parsed)
            tab.wait_for_function(f"document.querySelector({json.dumps(selector)}).querySelector('.word')")
            _no_overflow(tab)
            for box in tab.locator(selector).element_handles():
                cut, whole, hidden = _cut(tab, box)
                assert whole, f"{width}px: {selector} cut inside a word at {cut}px"
                hid += hidden
        finally:
            context.close()
    assert hid >= 5  # (widths whose ellipsis took the place of letters of the last line, not only of lines after it)


def test_a_search_results_clamped_headline_ends_on_a_whole_word(browser, thai):
    hid = 0
    for width in range(340, 430, 9):
        context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=True, has_touch=True)
        try:
            tab = context.new_page()
            tab.goto(thai + "search/?q=" + "ภาคเหนือ", wait_until="load")
            tab.locator("#search-results .card-title.long a .word").first.wait_for(timeout=10_000)
            _no_overflow(tab)
            boxes = tab.locator("#search-results .card-title.long a").element_handles()
            assert boxes
            for box in boxes:
                cut, whole, hidden = _cut(tab, box)
                assert whole, f"{width}px: a result's headline cut inside a word at {cut}px"
                hid += hidden
        finally:
            context.close()
    assert hid >= 3


# Real Thai: Lighthouse's own Thai words (node_modules, from `npm ci`), its sentences with their links' words only
LIGHTHOUSE_THAI = ROOT / "node_modules" / "lighthouse" / "shared" / "localization" / "locales" / "th.json"
WORD_EDGES = """texts => texts.map(text => {
  const edges = [...new Intl.Segmenter('th', {granularity: 'word'}).segment(text)].map(part => part.index);
  return [...edges, text.length]; })"""


def _real_thai() -> list[str]:
    if not LIGHTHOUSE_THAI.is_file():
        pytest.skip("no node_modules/lighthouse: run `npm ci`")
    texts = set()
    for entry in json.loads(LIGHTHOUSE_THAI.read_text(encoding="utf-8")).values():
        text = " ".join(re.sub(r"[`{}]|\$[A-Z_]+\$", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", entry["message"])).split())
        if len(re.findall("[\u0e01-\u0e2e]", text)) > len(text) / 2:
            texts.add(text)
    return sorted(texts)


def test_the_builds_cuts_of_real_thai_end_between_two_words_as_chromium_finds_them(page, tmp_path):
    # The build's cuts at their own lengths: the search index's excerpt (200 letters) and fetch's (300) cut inside a
    # word where no space was in the cut's second half (ประเท…); the theme's summaries (200 to 400), where none was
    # before it. (At shorter lengths a break is further off than the cut may go: docs/dev/cuts.md has the figures.)
    from generator.render.environment import make_env

    texts = _real_thai()
    config, result = build_site(make_site(tmp_path / "site", {"content/a.md": item("ข่าว")},
                                          "title: ข่าว\nbase_url: https://example.org/\nlanguage: th\n"))
    env = make_env(config, result.site.model.site)
    truncate = functools.partial(env.filters["truncate"], env)  # (the theme's)
    edges = page.evaluate(WORD_EDGES, texts)
    inside, cuts = [], 0
    for text, ends in zip(texts, edges):
        made = [cut_at_word(text, limit) for limit in (200, 299)]
        made += [str(truncate(text, limit)).removesuffix("...") for limit in (200, 220, 300, 400)]
        for cut in made:
            if len(cut) < len(text):
                cuts += 1
                if len(cut) not in ends:
                    inside.append(cut[-15:])
    assert len(texts) > 500 and cuts > 100, (len(texts), cuts)
    assert inside == [], f"{len(inside)} of {cuts} cuts inside a word: {inside[:5]}"
