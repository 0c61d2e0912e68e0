"""Which copy of each picture a browser takes, against the device pixels it shows, per kind of page.

    python -m bench.picture_sizes [--corpus ../shared/corpus/powerapps] [--pages front,article] [--json FILE]

builds the corpus's site as `python -m bench.lighthouse --copies` does (its pictures served from 127.0.0.1
at their declared sizes, `newsdesk pictures` run against that server), opens each kind of page in Debian's
chromium on Lighthouse's phone (412×823 CSS pixels at 1.75 device pixels each), a phone at 3 (390×844), one
at 2 (414×896) and a desktop at 1 (1366×900), scrolled through so that the lazy pictures load too, and prints,
per place a picture is shown (the front page's lead, a list row, a story's picture, a provider's logo ...), its box's
CSS width × the device pixel ratio beside the width of the file the browser took (`currentSrc`), the
share of the file's area over what is shown (what Lighthouse's "properly size images" counts as waste:
docs/dev/lighthouse.md), and the width the picture is drawn at: wider than its box when it covers a box of
another shape (a 16:9 picture in a list's 4:3 box), its sides cropped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from bench.lighthouse import BASE, CORPUS, jpegs, local_corpus, serve
from bench.screenshots import CHROMIUM, samples
from generator.build.pipeline import BuildOptions, build, plan_site
from generator.config.load import load_config

DEVICES = {
    "412 px × 1.75 (Lighthouse)": {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
                                   "is_mobile": True, "has_touch": True},
    "390 px × 3": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
                   "has_touch": True},
    "414 px × 2": {"viewport": {"width": 414, "height": 896}, "device_scale_factor": 2, "is_mobile": True,
                   "has_touch": True},
    "1366 px × 1": {"viewport": {"width": 1366, "height": 900}, "device_scale_factor": 1},
}
# Each shown picture: where it is, its box, and the size of the file it shows. (An <img>'s naturalWidth is
# its file's width divided by the density srcset gave it, so each file is read again on its own.)
SHOWN = """async () => {
  const files = {};
  for (const img of document.images) if (img.currentSrc && !(img.currentSrc in files)) {
    const probe = new Image();
    probe.src = img.currentSrc;
    try { await probe.decode(); files[img.currentSrc] = [probe.naturalWidth, probe.naturalHeight]; }
    catch (error) { files[img.currentSrc] = null; }
  }
  const place = img => {
    const avatar = img.closest('.avatar');
    if (avatar) return 'logo ' + (avatar.className.match(/avatar-(\\w+)/) || [, 'md'])[1];
    for (const [selector, name] of [['.card-lead', 'lead'], ['.story-cover', 'story picture'],
        ['.gallery', 'gallery'], ['.card-compact', 'headline'], ['.grid', 'grid card'], ['.list', 'list row']])
      if (img.closest(selector)) return name;
    return 'other';
  };
  return [...document.images].filter(img => img.getBoundingClientRect().width > 0 && files[img.currentSrc])
    .map(img => ({place: place(img), width: img.getBoundingClientRect().width,
                  height: img.getBoundingClientRect().height, file: files[img.currentSrc],
                  svg: /\\.svg(\\?|$)/.test(img.currentSrc), srcset: Boolean(img.srcset),
                  cover: getComputedStyle(img).objectFit === 'cover'}));
}"""


def measure(origin: str, pages: dict[str, str]) -> list[dict]:
    """One row per (device, page, place, box width, file width): how many pictures, shown and taken."""
    from playwright.sync_api import sync_playwright

    rows = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for device, options in DEVICES.items():
            ratio = options["device_scale_factor"]
            for name, path in pages.items():
                # A context per page: a browser may show a copy it has cached rather than the one it would ask for
                context = browser.new_context(**options)
                tab = context.new_page()
                tab.goto(f"{origin}/{BASE}/{path}", wait_until="networkidle")
                if name == "search":
                    tab.locator("#search-results li").first.wait_for(timeout=15_000)
                for y in range(0, tab.evaluate("document.documentElement.scrollHeight"), 400):
                    tab.evaluate(f"window.scrollTo(0, {y})")
                tab.wait_for_load_state("networkidle")
                for img in tab.evaluate(SHOWN):
                    if img["svg"]:
                        continue  # (drawn at any size; Lighthouse leaves them out too)
                    shown = (img["width"] * ratio, img["height"] * ratio)
                    # A picture that covers its box (object-fit) is drawn as wide as the box's height needs, its
                    # sides cropped: a 16:9 picture in a list's 4:3 box is drawn 4/3 as wide as the box
                    aspect = img["file"][0] / img["file"][1]
                    drawn = max(shown[0], shown[1] * aspect) if img["cover"] else shown[0]
                    key = (device, name, img["place"], img["srcset"], round(shown[0]), img["file"][0])
                    row = rows.setdefault(key, {"device": device, "page": name, "place": img["place"], "count": 0,
                                                "shown": [round(shown[0]), round(shown[1])], "drawn": round(drawn),
                                                "file": img["file"],
                                                "srcset": img["srcset"],
                                                "over": 1 - shown[0] * shown[1] / (img["file"][0] * img["file"][1])})
                    row["count"] += 1
                context.close()
        browser.close()
    return list(rows.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.picture_sizes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a Smartable corpus: news/ and data/")
    parser.add_argument("--pages", default="",
                        help="only these (front, latest, type, topic, provider, article, search)")
    parser.add_argument("--json", type=Path, help="write every row to this file too")
    args = parser.parse_args(argv)
    if not (args.corpus / "news").is_dir():
        print(f"{args.corpus}: no corpus here (news/ and data/): pass --corpus DIR, the corpus's folder (it is "
              f"../shared/corpus/powerapps beside the main checkout)", file=sys.stderr)
        return 2
    from generator.fetch.pictures import make_copies

    work = Path(tempfile.mkdtemp(prefix="newsdesk-picture-sizes-"))
    pictures: dict[tuple[int, int], bytes] = {}
    try:
        site_root = work / "site"
        with serve(site_root / "output", f"/{BASE}/", pictures) as origin:
            pictures.update(jpegs(local_corpus(args.corpus, site_root / "news", origin)))
            (site_root / "config.yaml").write_text(
                f"title: Power Apps news\nbase_url: {origin}/{BASE}/\ncontent_dir: news\n"
                f"data_dir: {(args.corpus / 'data').resolve()}\nnow: \"2021-07-01T00:00:00Z\"\n", encoding="utf-8")
            config = load_config(site_root / "config.yaml")
            made = make_copies(config, plan_site(config, BuildOptions(workers=1), environ={}).model.site,
                               local_hosts=True)
            print(made.summary(), file=sys.stderr)
            result = build(config, BuildOptions(workers=1), environ={})
            wanted = set(filter(None, args.pages.split(",")))
            pages = {name: path for name, path in samples(result.site.model.site).items()
                     if not wanted or name in wanted}
            rows = measure(origin, pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| device | page | picture | count | shown (device px) | file taken (px) | width taken ÷ shown | "
          "area over | drawn width | taken ÷ drawn |")
    print("|---|---|---|---:|---|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['device']} | {row['page']} | {row['place']}{'' if row['srcset'] else ' (one size)'} | "
              f"{row['count']} | {row['shown'][0]}×{row['shown'][1]} | {row['file'][0]}×{row['file'][1]} | "
              f"{row['file'][0] / row['shown'][0]:.2f} | {100 * row['over']:.0f}% | {row['drawn']} | "
              f"{row['file'][0] / row['drawn']:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
