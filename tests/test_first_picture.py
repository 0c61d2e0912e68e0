"""The first screen's largest paint, as Chromium measures it (PerformanceObserver 'largest-contentful-paint'), on
every kind of page at a phone's and a desktop's size: when it is a picture, that picture is fetched at once and
first (not lazy, `fetchpriority="high"`); no other picture is high; the pictures below the first screen are lazy,
and every picture has its width and height. Pictures are served from the site itself at their declared sizes."""

from __future__ import annotations

import random

import pytest

from conftest import build_site, item, make_site, static_server

pytestmark = pytest.mark.slow  # a real build, served, in Chromium

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# (no word in common between two headlines: each is a story of its own, but the last two, one story of two sources)
HEADLINES = ["Harbour cranes unload record cargo", "Orchard growers test frost fans", "Glacier melt feeds alpine lakes",
             "Lantern festival lights old town", "Meadow birds return after drought", "Beacon repairs close coastal path",
             "Quarry reopens as climbing park", "Tundra fires smoulder through winter", "Ferry timetable adds night sailings",
             "Vineyard robots prune steep slopes", "Comet visible before dawn tonight", "Bakery wins national bread prize"]
SHARED = "Bridge inspectors find cracked cables on river span"
PICTURE_CONFIG = "title: Pictures\nbase_url: https://example.org/pa/\nlanguage: en\nnow: '2026-11-21T10:00:00Z'\n"


def _jpeg(path, width: int, height: int, seed: int) -> None:
    """A photo-like JPEG of that size (tiles of colour, which weigh about what a news photo does)."""
    from PIL import Image, ImageDraw

    rng, picture = random.Random(seed), Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(0, height, 16):
        for x in range(0, width, 16):
            draw.rectangle((x, y, x + 15, y + 15), fill=tuple(rng.randrange(40, 220) for _ in range(3)))
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", quality=70)


def _site(root):
    files = {}
    for n, title in enumerate(HEADLINES):
        video = n >= 8
        files[f"content/s{n}.md"] = item(
            title, f"2026-11-{20 - n // 3:02d}T{10 - n % 3:02d}:00:00Z", heat=90 - n, quality=60,
            excerpt=f"'{title}, as the reporters on the scene describe it at some length for the readers.'",
            provider=f"{{name: Desk {n % 3}, domain: desk{n % 3}.example}}", topics="[Harbours]" if n % 2 else "[Glaciers]",
            images=f"[{{url: 'static/pictures/p{n}.jpg', width: 1200, height: 675}}]",
            **({"type": "video", "length": 250} if video else {}))
    for n, provider in enumerate(("Desk 0", "Desk 1")):
        files[f"content/story{n}.md"] = item(
            SHARED, f"2026-11-21T0{8 + n}:00:00Z", heat=95, quality=60, topics="[Harbours]",
            provider=f"{{name: {provider}, domain: desk{n}.example}}", excerpt=f"'{SHARED}, say the inspectors.'",
            originalUrl="https://wire.example/bridge-cables",
            images=f"[{{url: 'static/pictures/story{n}.jpg', width: 1200, height: 675}}]",
            body="Inspectors found cracked cables on the river span's bridge; the bridge stays closed.")
    root = make_site(root, files, PICTURE_CONFIG)
    for n in range(len(HEADLINES)):
        _jpeg(root / f"static/pictures/p{n}.jpg", 1200, 675, n)
    for n in range(2):
        _jpeg(root / f"static/pictures/story{n}.jpg", 1200, 675, 100 + n)
    config, result = build_site(root)
    return config, result.site.model.site


# The page's largest paint once every picture of the first screen has loaded, and the pictures of the page
LARGEST = """async () => {
  const first = [...document.images].filter(img => img.getBoundingClientRect().top < innerHeight);
  await Promise.all(first.map(img => img.decode().catch(() => null)));
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await new Promise(done => setTimeout(done, 300));
  const paints = await new Promise(done => new PerformanceObserver((list, observer) => {
    observer.disconnect(); done(list.getEntries()); }).observe({type: 'largest-contentful-paint', buffered: true}));
  const last = paints[paints.length - 1], element = last && last.element;
  const describe = img => ({src: img.currentSrc || img.src, loading: img.getAttribute('loading'),
    priority: img.getAttribute('fetchpriority'), width: img.getAttribute('width'), height: img.getAttribute('height'),
    top: img.getBoundingClientRect().top + scrollY, shown: img.checkVisibility()});
  return {largest: element ? {tag: element.tagName, text: element.textContent.trim().slice(0, 60), size: last.size,
                              picture: element.tagName === 'IMG' ? describe(element) : null} : null,
          pictures: [...document.querySelectorAll('main img')].map(describe), height: innerHeight};
}"""


def _pages(site) -> dict[str, str]:
    story = next(iter(site.stories))
    lead = site.items[story.lead].path
    member = site.items[next(m for m in story.members if m != story.lead)].path
    alone = next(entry.path for entry in site.items if entry.type != "video" and entry.title != SHARED)
    video = next(entry.path for entry in site.items if entry.type == "video")
    return {"front": "", "latest": "latest/", "top": "top/", "hot": "hot/", "topic": "topics/harbours/",
            "provider": "providers/desk1-example/", "videos": "videos/", "article": alone, "video": video,
            "story lead": lead, "story member": member, "search": "search/?q=cables"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_largest_paint_is_fetched_first_and_the_rest_lazily(browser, tmp_path, viewport):
    config, site = _site(tmp_path / "site")
    assert site.stories, "the two bridge reports are one story"
    checked = []
    with static_server(config.output_path, config.base_path) as url:
        phone = viewport["width"] < 600
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
        try:
            tab = context.new_page()
            for kind, path in _pages(site).items():
                tab.goto(url + path, wait_until="load")
                if kind == "search":
                    tab.locator("#search-results li").first.wait_for(timeout=10_000)
                seen = tab.evaluate(LARGEST)
                where = f"{kind} ({path or '/'}) at {viewport['width']}px"
                largest = seen["largest"]
                assert largest, f"{where}: no largest paint"
                assert seen["pictures"], f"{where}: no pictures"
                high = [p["src"] for p in seen["pictures"] if p["priority"] == "high"]
                if largest["picture"]:
                    picture = largest["picture"]
                    assert picture["loading"] != "lazy" and picture["priority"] == "high", f"{where}: {picture}"
                    assert high == [picture["src"]], f"{where}: high {high}"
                else:
                    assert not high, f"{where}: the largest paint is {largest['tag']} {largest['text']!r}, high {high}"
                for picture in seen["pictures"]:
                    assert picture["width"] and picture["height"], f"{where}: {picture}"
                    if picture["top"] >= seen["height"] and picture["shown"]:
                        assert picture["loading"] == "lazy", f"{where}: below the first screen, not lazy: {picture}"
                checked.append((kind, largest["tag"]))
        finally:
            context.close()
    assert len(checked) == 12, checked
    # (both kinds were met: the front page's lead and a story's picture are their pages' largest paint, a list's
    # headline or introduction is its page's, beside thumbnails)
    assert {tag for _, tag in checked} > {"IMG"}, checked
    assert dict(checked)["front"] == dict(checked)["article"] == dict(checked)["video"] == "IMG", checked
