"""Screenshots of each kind of page, phone and desktop, light and dark, for a reviewer to look at.

    python -m bench.screenshots OUT [--config config.yaml] [--full-page] [--network]

builds the site of `--config` (default: the example site) into a temporary folder, serves it on
127.0.0.1 under its base path, and writes OUT/<page>-<device>-<scheme>.png for the front page, Latest,
the biggest list of another type (videos/ ..., when the site has one), the biggest topic and provider, the
top story's page, a search and the page of a missing address (404.html). Needs playwright and Debian's chromium
(/usr/bin/chromium; never downloaded). Outside requests (the stories' pictures on other sites) fail at once
unless `--network` is given, so the failed-picture placeholders are what the screenshots show.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import http.server
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

DEVICES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
SCHEMES = ("light", "dark")
CHROMIUM = "/usr/bin/chromium"


def site_handler(folder: Path, prefix: str) -> type[http.server.SimpleHTTPRequestHandler]:
    """A quiet request handler of `folder` at the path `prefix`, as GitHub Pages serves a site: its 404.html for
    what is missing (bench.lighthouse adds its pictures to it)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            raw = path.split("?", 1)[0].split("#", 1)[0]
            return super().translate_path("/" + raw[len(prefix):]) if raw.startswith(prefix) else str(folder / "-")

        def send_error(self, code, message=None, explain=None):
            page = folder / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@contextlib.contextmanager
def serve(folder: Path, prefix: str):
    """`folder` at http://127.0.0.1:PORT{prefix}, as GitHub Pages would serve it (404.html for what is missing)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"

    Handler = site_handler(folder, prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def samples(site) -> dict[str, str]:
    """Page name -> URL path (site-relative) of each kind of page."""
    shown = {"front": "", "latest": "latest/"}
    listed = max(site.type_lists, key=lambda entry: (len(entry[1]), entry[0].path), default=None)
    if listed is not None:  # the biggest list of another type (videos/ ...): a way in the header offers
        shown["type"] = listed[0].path
    if site.topic_items:
        shown["topic"] = "topics/%s/" % max(site.topic_items, key=lambda s: (len(site.topic_items[s]), s))
    shown["topics"], shown["providers"] = "topics/", "providers/"
    if site.provider_items:
        shown["provider"] = "providers/%s/" % max(site.provider_items, key=lambda s: (len(site.provider_items[s]), s))
    if site.items:
        top = site.items[0]
        shown["article"] = top.path
        word = next((w for w in re.findall(r"\w{4,}", top.title)), "news")
        shown["search"] = f"search/?q={word.lower()}"
    shown["404"] = "no-such-page/"
    return shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screenshots", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the PNG files into (created if missing)")
    parser.add_argument("--config", type=Path, default=Path("config.yaml"), help="the site's config.yaml")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not only its first screen")
    parser.add_argument("--network", action="store_true", help="let pictures on other sites load")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="newsdesk-shots-"))
    try:
        config = dataclasses.replace(load_config(args.config), output_dir=str(work / "output"))
        result = build(config, BuildOptions(workers=1), environ={})
        args.out.mkdir(parents=True, exist_ok=True)
        written = 0
        with serve(config.output_path, config.base_path) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for device, viewport in DEVICES.items():
                for scheme in SCHEMES:
                    phone = device == "phone"
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=phone,
                                                  has_touch=phone)
                    if not args.network:
                        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
                    tab = context.new_page()
                    for name, path in samples(result.site.model.site).items():
                        tab.goto(url + path, wait_until="networkidle")
                        if name == "search":
                            with contextlib.suppress(Exception):
                                tab.locator("#search-results li").first.wait_for(timeout=10_000)
                        target = args.out / f"{name}-{device}-{scheme}.png"
                        tab.screenshot(path=str(target), full_page=args.full_page)
                        written += 1
                    context.close()
            browser.close()
        print(f"{written} screenshots in {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
