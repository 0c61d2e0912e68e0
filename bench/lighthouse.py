"""Lighthouse (mobile) on the real corpus: the four category scores and CLS of each kind of page.

    python -m bench.lighthouse [--corpus ../shared/corpus/powerapps] [--pages front,article] [--json FILE] [--keep DIR]
                               [--resizer | --copies] [--runs N] [--check] [--min-performance 98]

builds the corpus's site under a /pa/ base path into a temporary folder, with every story's picture
pointed at this machine: one loopback server (127.0.0.1) serves the site and, for each picture, a JPEG
of the width and height the story declares (made once per size in chromium, so nothing is downloaded and
no image library is needed). Provider logos are the corpus's own files. Then it runs Lighthouse's mobile
audit (the npm `lighthouse` package of package.json, `npm install`; Debian's chromium through CHROME_PATH,
never a downloaded browser) on the front page, Latest, the biggest list by type (videos/), the biggest topic
and provider, the top story's page and a search, one after another, and prints performance, accessibility,
best practices, SEO, CLS and LCP for each, with what the LCP was made of: the element painted, its paint in
the run Lighthouse measured (unthrottled, on this machine) and how many pictures had finished downloading
before it there, which the simulation of the slow network then counts as the paint's to wait for. Lighthouse's
performance score moves from run to run on a busy machine (it simulates a slow phone network from what it
measured): read it over a few runs.

With --resizer the site is built with a `picture_resizer` pointed at the same server, which answers
/resize/W?url=PICTURE with that picture W pixels wide: what a site that sets one gets (docs/configuration.md).
With --copies, `newsdesk pictures` first makes the site's own small copies of the pictures, from the same
server: what a site that runs it before building gets.

With --paint-dpr chromium's own screen has the phone's 1.75 device pixels a CSS one. Chromium paints
at its screen's ratio, not the emulated phone's, and Lighthouse 12's "Improve image delivery" insight reads the
painted size from the trace without correcting for it (its command line gives the trace engine no host ratio:
GoogleChrome/lighthouse#17080), so on a screen of 1 it lists every copy taken for the phone's 1.75 as too large.
Painting 3 times the pixels costs the page CPU time the phone's does not simulate: read the scores from a run
without it.

With --runs N each page is audited N times, the pages in turn (a row a run). With --check the exit status is 1 when
a run scored under 100 in accessibility, best practices or SEO, or under --min-performance (98, issue 18's target)
in performance: the pages that did are named on standard error.

--cpu-slowdown X replaces Lighthouse's 4 (a phone four times slower than the machine the audit runs on): on a
machine that other work slows down, a smaller X keeps the simulated phone the same (tests/test_lighthouse.py).

With --recent every story's date is moved so that the newest is two hours old when the audit starts (the others
as far before it as in the corpus, whose stories are of 2019-2021): the cards' dates of the last week read "2 hours
ago" and so on, rewritten in the browser (static/js/relative-times.js), so CLS counts what that rewriting moves.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from bench.screenshots import CHROMIUM, samples, site_handler
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CORPUS = ROOT.parent / "shared" / "corpus" / "powerapps"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BASE = "pa"  # the base path the site is built under, as on a project site of GitHub Pages
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
PICTURE = re.compile(r"^/pictures/(\d+)x(\d+)/[\w.-]+\.jpg$")
RESIZED = re.compile(r"/resize/(\d+)/\?url=([^\"'\s,&]+)")  # as in an output's HTML (urls.resized_url)

# A JPEG of a given size, drawn in chromium: soft colour tiles, so it weighs about what a news photo does.
DRAW = """([width, height]) => {
  const canvas = document.createElement('canvas');
  canvas.width = width; canvas.height = height;
  const g = canvas.getContext('2d');
  let seed = width * 7919 + height;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let y = 0; y < height; y += 12) for (let x = 0; x < width; x += 12) {
    g.fillStyle = `hsl(${200 + 60 * next()}, ${30 + 40 * next()}%, ${30 + 40 * next()}%)`;
    g.fillRect(x, y, 12, 12);
  }
  return canvas.toDataURL('image/jpeg', 0.75);
}"""


def jpegs(sizes: set[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    """A JPEG of each (width, height), drawn in Debian's chromium."""
    from playwright.sync_api import sync_playwright

    made = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = browser.new_page()
        for size in sorted(sizes):
            made[size] = base64.b64decode(tab.evaluate(DRAW, list(size)).split(",", 1)[1])
        browser.close()
    return made


@contextlib.contextmanager
def serve(folder: Path, prefix: str, pictures: dict[tuple[int, int], bytes]):
    """`folder` at http://127.0.0.1:PORT{prefix} (404.html for what is missing) and /pictures/WxH/NAME.jpg:
    the JPEG of that size. Yields the server's origin; the pictures are filled in once it is known."""

    class Handler(site_handler(folder, prefix)):
        def do_GET(self):
            found = PICTURE.match(self.path.split("?", 1)[0])
            size = (int(found[1]), int(found[2])) if found else resized_size(self.path)
            if size:
                body = pictures.get(size)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "max-age=31536000")
                self.end_headers()
                self.wfile.write(body)
                return
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix in COMPRESSED and target.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
                # As GitHub Pages serves text: gzipped, cached for ten minutes.
                body = gzip.compress(target.read_bytes(), mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(target)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "max-age=600")
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass  # Lighthouse closes connections it no longer needs

    folder.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def resized_size(url: str) -> tuple[int, int] | None:
    """The size of the picture a /resize/W/?url=PICTURE address asks for: W wide, in the picture's proportions."""
    found = RESIZED.search(url)
    original = found and PICTURE.match(urllib.parse.urlsplit(urllib.parse.unquote(found[2])).path)
    if not original:
        return None
    width, (full_width, full_height) = int(found[1]), (int(original[1]), int(original[2]))
    return width, max(1, round(full_height * width / full_width))


def local_corpus(corpus: Path, out: Path, origin: str, newest: datetime | None = None) -> set[tuple[int, int]]:
    """The corpus's stories copied to `out`, each picture and provider logo pointed at
    `origin`/pictures/WxH/...; returns the sizes. A picture without a declared size is served at 1280x720.
    `newest`: every story's date moved by as much, so that the newest is dated then (the others as far before)."""
    sizes = set()
    out.mkdir(parents=True)
    stories = []

    def localise(images, name: str) -> None:
        for k, image in enumerate(images or []):
            if isinstance(image, dict) and image.get("url"):
                size = (int(image.get("width") or 1280), int(image.get("height") or 720))
                image.update(url=f"{origin}/pictures/{size[0]}x{size[1]}/{name}-{k}.jpg", width=size[0], height=size[1])
                sizes.add(size)

    for n, path in enumerate(sorted((corpus / "news").glob("*.md"))):
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        localise(meta.get("images"), str(n))
        if isinstance(meta.get("provider"), dict):
            localise(meta["provider"].get("images"), f"{n}-logo")
        stories.append((path.name, meta, body))
    dated = [meta["publishedDateTime"] for _, meta, _ in stories if isinstance(meta.get("publishedDateTime"), datetime)]
    shift = newest - max(dated) if newest and dated else timedelta(0)
    for name, meta, body in stories:
        if shift and isinstance(meta.get("publishedDateTime"), datetime):
            meta["publishedDateTime"] += shift
        (out / name).write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
                                encoding="utf-8")
    return sizes


def audit(url: str, report: Path, paint_dpr: bool = False, cpu_slowdown: float | None = None) -> dict:
    """Lighthouse's mobile audit of `url` (its default form factor and throttling); `paint_dpr`: chromium's
    screen at the phone's 1.75 device pixels a CSS one (see the module's docstring); `cpu_slowdown`: how many
    times slower than this machine the simulated phone's CPU is (Lighthouse's default 4)."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}",
               *([f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:g}"] if cpu_slowdown else []),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
               + (" --force-device-scale-factor=1.75" if paint_dpr else "")]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
                   stdout=subprocess.DEVNULL)
    found = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(100 * (found["categories"][name]["score"] or 0)) for name in CATEGORIES}
    audits = found["audits"]
    failed = sorted(key for key, value in audits.items()
                    if value.get("score") is not None and value["score"] < 0.9 and value.get("scoreDisplayMode") in
                    ("binary", "numeric", "metricSavings"))
    # What the simulated largest paint was made of: the element painted, the paint in the measured (unthrottled)
    # run, and the pictures whose download had ended before it there, which Lighthouse's simulation of the slow
    # network counts as the paint's to wait for (docs/dev/lighthouse.md, "List pages race their pictures")
    observed = audits["metrics"]["details"]["items"][0].get("observedLargestContentfulPaint")
    element = next((row["node"].get("nodeLabel", "") and row["node"].get("snippet", "")
                    for table in audits.get("largest-contentful-paint-element", {}).get("details", {}).get("items", [])
                    if table.get("type") == "table" for row in table.get("items", []) if "node" in row), "")
    pictures = [request for request in audits["network-requests"]["details"]["items"]
                if request.get("resourceType") == "Image" and not request.get("url", "").startswith("data:")]
    return {**scores, "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "observed_lcp_ms": round(observed) if observed is not None else None,
            "lcp_element": re.sub(r"^<(\w+)[^>]*?(?: class=\"([\w -]+)\")?[^>]*>.*", lambda m: m[1] + (
                "." + m[2].split()[0] if m[2] else ""), element, flags=re.S),
            "pictures_before_paint": sum(1 for request in pictures if observed is not None
                                         and request.get("networkEndTime", observed) < observed),
            "bytes": audits["total-byte-weight"]["numericValue"], "below_0.9": failed,
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "benchmark_index": found.get("environment", {}).get("benchmarkIndex")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a Smartable corpus: news/ and data/")
    parser.add_argument("--json", type=Path, help="write every figure to this file too")
    parser.add_argument("--keep", type=Path, help="keep Lighthouse's JSON reports in this folder")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--resizer", action="store_true", help="build with a picture_resizer (this server, resizing)")
    how.add_argument("--copies", action="store_true", help="run `newsdesk pictures` before building (its own copies)")
    parser.add_argument("--pages", default="",
                        help="audit only these (front, latest, type, topic, provider, article, search)")
    parser.add_argument("--recent", action="store_true",
                        help="date the newest story two hours ago (the others as far before): \"2 hours ago\"")
    parser.add_argument("--runs", type=int, default=1, help="audit each page this many times, the pages in turn")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a run scores under 100 (accessibility, best practices, SEO) "
                             "or --min-performance")
    parser.add_argument("--min-performance", type=int, default=98, metavar="N",
                        help="the performance --check asks of every run (98: issue 18's target)")
    parser.add_argument("--cpu-slowdown", type=float, metavar="X",
                        help="the simulated phone's CPU X times slower than this machine's (Lighthouse's default 4)")
    parser.add_argument("--paint-dpr", action="store_true",
                        help="chromium's screen at the phone's 1.75, for 'Improve image delivery' (not for scores)")
    args = parser.parse_args(argv)
    if not (args.corpus / "news").is_dir():
        print(f"{args.corpus}: no corpus here (news/ and data/): pass --corpus DIR, the corpus's folder (it is "
              f"../shared/corpus/powerapps beside the main checkout)", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.exists():
        print(f"no {LIGHTHOUSE.relative_to(ROOT)}: run `npm install` in {ROOT}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsdesk-lighthouse-"))
    pictures: dict[tuple[int, int], bytes] = {}
    results: dict[str, dict] = {}
    failed: list[str] = []
    try:
        site_root = work / "site"
        with serve(site_root / "output", f"/{BASE}/", pictures) as origin:
            now = datetime.now(timezone.utc).replace(microsecond=0) if args.recent else None
            sizes = local_corpus(args.corpus, site_root / "news", origin, now and now - timedelta(hours=2))
            pictures.update(jpegs(sizes))
            (site_root / "config.yaml").write_text(
                f"title: Power Apps news\nbase_url: {origin}/{BASE}/\ncontent_dir: news\n"
                f"data_dir: {(args.corpus / 'data').resolve()}\n"
                f"now: \"{now.isoformat() if now else '2021-07-01T00:00:00Z'}\"\n"
                + (f"picture_resizer: \"{origin}/resize/{{width}}/?url={{url}}\"\n" if args.resizer else ""),
                encoding="utf-8")
            config = load_config(site_root / "config.yaml")
            if args.copies:
                from generator.build.pipeline import plan_site
                from generator.fetch.pictures import make_copies

                made = make_copies(config, plan_site(config, BuildOptions(workers=1), environ={}).model.site,
                                   local_hosts=True)
                print(made.summary(), file=sys.stderr)
                for where, url, why in made.failed:
                    print(f"failed: {where}: {url}: {why}", file=sys.stderr)
            result = build(config, BuildOptions(workers=1), environ={})
            if args.resizer:  # every size the pages ask the resizer for
                pages = (site_root / "output").rglob("*.html")
                pictures.update(jpegs({size for page in pages for found in RESIZED.finditer(page.read_text("utf-8"))
                                       if (size := resized_size(found[0]))} - pictures.keys()))
            reports = args.keep or work / "reports"
            reports.mkdir(parents=True, exist_ok=True)
            print("| page | performance | accessibility | best practices | SEO | CLS | LCP ms | KiB | largest paint "
                  "| measured (ms) | pictures done before it |")
            print("|---|---|---|---|---|---|---|---|---|---|---|")
            wanted = set(filter(None, args.pages.split(",")))
            # (not the 404 page: Lighthouse will not audit a page answered with 404)
            pages = {name: path for name, path in samples(result.site.model.site).items()
                     if name != "404" and (not wanted or name in wanted)}
            for run in range(args.runs):
                for name, path in pages.items():
                    kept = reports / (f"{name}.json" if args.runs == 1 else f"{name}-{run + 1}.json")
                    found = audit(f"{origin}/{BASE}/{path}", kept, args.paint_dpr, args.cpu_slowdown)
                    # A page's figures are its worst run's, with every run's performance beside them.
                    runs = results.get(name, {}).get("performance_runs", []) + [found["performance"]]
                    if name not in results or found["performance"] < results[name]["performance"]:
                        results[name] = found
                    results[name]["performance_runs"] = runs
                    low = [f"{category} {found[category]}" for category in CATEGORIES
                           if found[category] < (args.min_performance if category == "performance" else 100)]
                    if low:
                        failed.append(f"{name} (run {run + 1}): {', '.join(low)}")
                    print(f"| {name} | {found['performance']} | {found['accessibility']} | {found['best-practices']} | "
                          f"{found['seo']} | {found['cls']} | {found['lcp_ms']} | {found['bytes'] / 1024:.0f} | "
                          f"{found['lcp_element']} | {found['observed_lcp_ms']} | {found['pictures_before_paint']} |",
                          flush=True)
            for name, found in results.items():
                if found["below_0.9"]:
                    print(f"{name}: audits under 0.9: {', '.join(found['below_0.9'])}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.check and failed:
        print(f"under 100, or {args.min_performance} in performance (machine's load: "
              f"{', '.join(f'{n:.1f}' for n in os.getloadavg())}):", file=sys.stderr)
        for line in failed:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
