"""A long day under `newsdesk serve`: 200+ edits of every kind to a 3,000-item site, with a browser open.

    python -m bench.serve_day [--items 3000] [--work DIR] [--newsdesk CMD] [--seed 1] [--scale 1] [--minutes M]
                              [--json FILE]

Writes bench.corpus's site into WORK/site (a git repository with a remote and a second clone, WORK/desk2),
starts `newsdesk serve` on it, opens its front page in Debian's chromium through Playwright, and saves, one at a
time: new items (as fetch writes them), edits of titles and heat, deletes, config.yaml edits, theme edits (a
stylesheet and a template of the site's own), a broken item and its mending, and `git pull`s that change 50 items
at once. After each save it waits for the page to be told (a reload, or a stylesheet swapped in place) and for
serve to be quiet, and counts the times it was told: once per save is right. Every 20 saves it reads serve's
memory (the RSS of its processes). At the end it stops serve with SIGINT and compares output/ with a fresh
`newsdesk build` of the same files (`diff -r`); then it starts serve again, saves config.yaml and sends SIGTERM
during that rebuild, and checks output/ and the next build. Figures in docs/dev/performance.md.

`--newsdesk` is the command to run (default: this checkout's, `python -m generator`), so that the day can be
spent on an installed newsdesk (`--newsdesk /path/to/.venv/bin/newsdesk`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import corpus

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
QUIET_S = 2.5  # serve said nothing for this long after the page was told: the save is done (search runs ~1 s after)
TOLD_S = 180  # give up waiting for the page to be told after this long (a config edit rebuilds everything)


class Serve:
    """`newsdesk serve` in a process of its own, its output kept with the time each line came."""

    def __init__(self, command: list[str], site: Path):
        self.lines: list[tuple[float, str]] = []
        self.process = subprocess.Popen(command + ["serve", "--port", "0"], cwd=site, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True,
                                        env=environment(command))
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for(r"at (http://\S+) ", 600).group(1)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def _wait_for(self, pattern: str, timeout: float) -> re.Match:
        end = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < end:
            for _, line in self.lines[seen:]:
                if match := re.search(pattern, line):
                    return match
            seen = len(self.lines)
            if self.process.poll() is not None:
                raise RuntimeError("serve stopped:\n" + "\n".join(line for _, line in self.lines))
            time.sleep(0.05)
        raise TimeoutError(pattern)

    def quiet_for(self, seconds: float) -> bool:
        last = self.lines[-1][0] if self.lines else 0.0
        return time.monotonic() - last >= seconds

    def rss_kb(self) -> int:
        """The resident memory of serve and the processes it started, added up."""
        total, todo = 0, [self.process.pid]
        while todo:
            pid = todo.pop()
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
                for task in Path(f"/proc/{pid}/task").iterdir():
                    todo += [int(child) for child in (task / "children").read_text().split()]
            except (OSError, AttributeError):
                continue
        return total

    def stop(self, sig: int, timeout: float = 120) -> int:
        self.process.send_signal(sig)
        return self.process.wait(timeout)


class Page:
    """The front page in chromium, counting what serve told it: reloads, and stylesheets swapped in place."""

    def __init__(self, playwright, url: str):
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        self.page = self.browser.new_page()
        self.loads = 0
        self.swaps: set[str] = set()
        self.page.on("load", lambda _: self._loaded())
        self.page.on("request", self._requested)
        self.page.goto(url)
        self.page.wait_for_timeout(500)

    def _loaded(self) -> None:
        self.loads += 1

    def _requested(self, request) -> None:
        if match := re.search(r"newsdesk-reload=(\d+)", request.url):
            self.swaps.add(match.group(1))

    def told(self) -> int:
        return self.loads + len(self.swaps)

    def wait(self, ms: int) -> None:
        self.page.wait_for_timeout(ms)  # (Playwright hands over its events only while it is called)


def environment(command: list[str]) -> dict[str, str]:
    """The environment to run newsdesk in: this checkout's on the path when the command is `python -m generator`
    (the default), else the command's own newsdesk, untouched."""
    if command[1:] != ["-m", "generator"]:
        return dict(os.environ)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))}


def atomic_write(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def renamed(text: str, n: int) -> str:
    """An item's text as another item's: its own title and addresses."""
    text = re.sub(r'(?m)^title: ".*"$', f'title: "A new report number {n} of the day"', text, count=1)
    return re.sub(r'(?m)^(originalUrl|webUrl): "(https://[^/]+/)[^"]*"$', rf'\1: "\2new/report-{n}/"', text)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


class Day:
    """The edits, each a function that saves something and returns its kind."""

    def __init__(self, site: Path, desk2: Path, seed: int):
        self.site, self.desk2 = site, desk2
        self.random = random.Random(seed)
        self.news = site / "content" / "news"
        self.n = 0
        self.broken: Path | None = None

    def items(self, folder: Path | None = None) -> list[Path]:
        """The items in the site: a draft's save (the corpus has some) changes no page, and reloads none."""
        return sorted(path for path in (folder or self.news).glob("*.md")
                      if "\npublished: false\n" not in path.read_text(encoding="utf-8"))

    def new(self) -> str:
        self.n += 1
        text = self.random.choice(self.items()).read_text(encoding="utf-8")
        text = re.sub(r"(?m)^publishedDateTime: .*$",
                      f"publishedDateTime: 2026-06-30T0{self.n % 10}:{self.n % 60:02}:00Z", text, count=1)
        atomic_write(self.news / f"2026-06-30-new-report-{self.n}.md", renamed(text, self.n))
        return "new item"

    def edit(self) -> str:
        self.n += 1
        item = self.random.choice(self.items())
        text = item.read_text(encoding="utf-8")
        if self.n % 2:
            text = re.sub(r'(?m)^title: "(.*)"$', rf'title: "\1 (update {self.n})"', text, count=1)
        else:
            text = re.sub(r"(?m)^heat: \d+$", f"heat: {self.random.randint(0, 1000)}", text, count=1)
        if self.n % 3:
            atomic_write(item, text)
        else:
            item.write_text(text, encoding="utf-8")  # an editor that writes in place
        return "edit"

    def delete(self) -> str:
        self.random.choice(self.items()).unlink()
        return "delete"

    def config(self) -> str:
        self.n += 1
        config = self.site / "config.yaml"
        text = re.sub(r'(?m)^description: ".*"$', f'description: "A synthetic news site, edition {self.n}."',
                      config.read_text(encoding="utf-8"), count=1)
        atomic_write(config, text)
        return "config"

    def theme_copy(self, name: str) -> Path:
        """The site's own copy of the bundled theme's file `name`, made from it the first time."""
        copy = self.site / "themes" / "default" / name
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(PROJECT / "themes" / "default" / name, copy)
        return copy

    def stylesheet(self) -> str:
        self.n += 1
        css = self.theme_copy("static/css/site.css")
        with css.open("a", encoding="utf-8") as f:
            f.write(f"\n.site-footer {{ outline-offset: {self.n}px; }}\n")
        return "stylesheet"

    def template(self) -> str:
        self.n += 1
        copy = self.theme_copy("templates/partials/pagination.html")
        text = re.sub(r"<nav( data-day=\"\d+\")?", f'<nav data-day="{self.n}"', copy.read_text(encoding="utf-8"),
                      count=1)
        atomic_write(copy, text)
        return "template"

    def break_one(self) -> str:
        self.broken = self.random.choice(self.items())
        self.mended = self.broken.read_text(encoding="utf-8")
        atomic_write(self.broken, self.mended.replace('title: "', 'title: "unclosed [', 1).replace('"\n', "\n", 1))
        return "broken save"

    def mend(self) -> str:
        atomic_write(self.broken, self.mended)
        return "mended"

    def pull(self) -> str:
        """Another desk changes 50 items (edits, two new, two deleted) and pushes; this one pulls."""
        git(self.site, "add", "-A")
        git(self.site, "commit", "-qm", "the day's edits", "--allow-empty")
        git(self.site, "push", "-q", "origin", "HEAD:main")
        git(self.desk2, "pull", "-q", "origin", "main")
        items = self.items(self.desk2 / "content" / "news")
        chosen = self.random.sample(items, min(48, len(items)))
        for item in chosen[:46]:
            text = item.read_text(encoding="utf-8")
            item.write_text(re.sub(r"(?m)^heat: \d+$", f"heat: {self.random.randint(0, 1000)}", text, count=1),
                            encoding="utf-8")
        for item in chosen[46:]:
            item.unlink()
        for k in range(2):
            self.n += 1
            new = chosen[k].with_name(f"2026-06-29-from-the-other-desk-{self.n}.md")
            new.write_text(renamed(chosen[k].read_text(encoding="utf-8"), self.n), encoding="utf-8")
        git(self.desk2, "add", "-A")
        git(self.desk2, "commit", "-qm", "the other desk's 50 files")
        git(self.desk2, "push", "-q", "origin", "HEAD:main")
        git(self.site, "pull", "-q", "--no-rebase", "origin", "main")
        return "git pull of 50 files"


def plan(day: Day, seed: int, scale: float = 1.0) -> list:
    rng = random.Random(seed)
    counts = {day.new: 50, day.edit: 85, day.delete: 30, day.config: 5, day.stylesheet: 8, day.template: 4}
    singles = [save for save, count in counts.items() for _ in range(max(1, round(count * scale)))]
    rng.shuffle(singles)
    steps = [[step] for step in singles]
    for _ in range(max(1, round(12 * scale))):
        steps.insert(rng.randrange(len(steps)), [day.break_one, day.mend])
    for at in (len(steps) // 3, 2 * len(steps) // 3, len(steps) - 5):
        steps.insert(at, [day.pull])
    return [step for pair in steps for step in pair]


def tell_and_settle(serve: Serve, page: Page, save) -> tuple[str, int, float]:
    before = page.told()
    started = time.monotonic()
    kind = save()
    while page.told() == before and time.monotonic() - started < TOLD_S:
        page.wait(100)
    told_after = time.monotonic() - started
    page.wait(int(QUIET_S * 1000))
    while not serve.quiet_for(QUIET_S):
        page.wait(200)
    return kind, page.told() - before, told_after


def copy_site(site: Path, into: Path) -> None:
    for name in ("config.yaml", "content", "themes", "static"):
        if (site / name).is_file():
            shutil.copy(site / name, into / name)
        elif (site / name).is_dir():
            shutil.copytree(site / name, into / name)


MARK = ".serve-day"  # the file that says a --work folder is the script's own to empty


def same_as_build(command: list[str], site: Path, work: Path, name: str) -> list[str]:
    """`diff -r` of site's output/ against a fresh build of the same files: the lines it printed."""
    fresh = work / name
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    copy_site(site, fresh)
    subprocess.run(command + ["build"], cwd=fresh, check=True, capture_output=True, env=environment(command))
    diff = subprocess.run(["diff", "-r", "-q", str(fresh / "output"), str(site / "output")], capture_output=True,
                          text=True)
    return diff.stdout.splitlines()


def run(items: int, work: Path, command: list[str], seed: int, scale: float = 1.0, log: Path | None = None,
        minutes: float = 0) -> dict:
    from playwright.sync_api import sync_playwright

    if work.exists() and any(work.iterdir()) and not (work / MARK).is_file():
        raise SystemExit(f"{work}: not empty, and not a folder this script made: pick another --work (it is emptied)")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / MARK).write_text("made by bench.serve_day, which empties this folder on its next run\n")
    site, remote, desk2 = work / "site", work / "remote.git", work / "desk2"
    corpus.main(["--items", str(items), "--out", str(site), "--seed", str(seed)])
    (site / ".gitignore").write_text("/output/\n/.newsdesk-cache/\n/.output.newsdesk-*/\n")
    git(work, "init", "-q", "--bare", "-b", "main", str(remote))
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "-c", "user.name=day", "-c", "user.email=day@example.com", "commit", "-qm", "the site")
    git(site, "remote", "add", "origin", str(remote))
    git(site, "push", "-q", "origin", "main")
    git(work, "clone", "-q", str(remote), str(desk2))
    for repo in (site, desk2):
        git(repo, "config", "user.name", "day")
        git(repo, "config", "user.email", "day@example.com")

    day = Day(site, desk2, seed)
    steps = plan(day, seed, scale)
    result: dict = {"items": items, "saves": len(steps), "rss_kb": [], "told": {}, "wrong": []}
    serve = Serve(command, site)
    with sync_playwright() as playwright:
        page = Page(playwright, serve.url)
        result["rss_kb"].append((0, serve.rss_kb()))
        deadline = time.monotonic() + minutes * 60 if minutes else None
        for n, save in enumerate(steps, 1):
            if deadline and time.monotonic() > deadline:  # a day cut short: on to the stops and the comparisons
                result["saves"] = n - 1
                break
            kind, told, seconds = tell_and_settle(serve, page, save)
            result["told"].setdefault(kind, []).append(told)
            if told != 1:
                result["wrong"].append({"save": n, "kind": kind, "told": told, "seconds": round(seconds, 1)})
                print(f"save {n} ({kind}): the page was told {told} times", flush=True)
            if n % 20 == 0 or n == len(steps):
                result["rss_kb"].append((n, serve.rss_kb()))
                print(f"{n}/{len(steps)} saves, serve's RSS {result['rss_kb'][-1][1] // 1024} MB", flush=True)
                if log:  # (a day cut short still tells what it saw)
                    log.write_text(json.dumps(result, indent=1) + "\n")
        page.browser.close()
    started = time.monotonic()
    result["sigint_status"] = serve.stop(signal.SIGINT)
    result["sigint_seconds"] = round(time.monotonic() - started, 1)
    result["serve_log_tail"] = [line for _, line in serve.lines[-5:]]
    result["diff_after_sigint"] = same_as_build(command, site, work, "fresh")

    serve = Serve(command, site)
    day.config()
    time.sleep(0.5)
    started = time.monotonic()
    result["sigterm_status"] = serve.stop(signal.SIGTERM)
    result["sigterm_seconds"] = round(time.monotonic() - started, 1)
    result["output_index_after_sigterm"] = (site / "output" / "index.html").is_file()
    result["left_beside_output_after_sigterm"] = sorted(path.name for path in site.glob(".output.newsdesk-*"))
    result["diff_after_sigterm"] = same_as_build(command, site, work, "fresh")
    built = subprocess.run(command + ["build"], cwd=site, capture_output=True, text=True, env=environment(command))
    result["build_after_sigterm"] = built.stdout.strip().splitlines()[-1:]
    result["diff_after_next_build"] = same_as_build(command, site, work, "fresh")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsdesk-serve-day")
    parser.add_argument("--newsdesk", default=f"{shlex.quote(sys.executable)} -m generator",
                        help="the newsdesk command to spend the day on (default: this checkout's)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="the number of saves of each kind times this")
    parser.add_argument("--minutes", type=float, default=0, help="stop saving after this long (0: never)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    command = shlex.split(args.newsdesk)
    # Ctrl-C is serve's to receive: a shell starting this in the background ignores it, and so would serve.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    result = run(args.items, args.work.resolve(), command, args.seed, args.scale, args.json, args.minutes)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    told = {kind: f"{sum(1 for t in counts if t == 1)}/{len(counts)}" for kind, counts in result["told"].items()}
    print(json.dumps({key: result[key] for key in ("saves", "rss_kb", "wrong", "sigint_status", "sigterm_status",
                                                   "sigint_seconds", "sigterm_seconds",
                                                   "diff_after_sigint", "diff_after_sigterm",
                                                   "diff_after_next_build")} | {"told once": told}, indent=1))
    return 0 if not result["wrong"] and not result["diff_after_sigint"] else 1


if __name__ == "__main__":
    sys.exit(main())
