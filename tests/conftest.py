"""Shared test helpers: throwaway sites on disk, the real corpus in ../shared (skipped when absent)."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from feed_server import FeedServer
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "powerapps"

# Hypothesis times examples by the clock: on a loaded machine (a shared one, CI's) its deadline and its check
# that inputs come fast fail a test for the load, not the code. The properties are what these tests check.
settings.register_profile("newsdesk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("newsdesk")

BASIC_CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
"""


@pytest.fixture()
def server():
    with FeedServer() as running:
        yield running


def fetch_site(root: Path, server: FeedServer, paths, extra: str = "") -> Path:
    """A site fetching these paths of the server; `extra`: more lines under `fetch:`."""
    return feed_site(root, "".join(f"  - {server.url(path)}\n" for path in paths), fetch=extra)


# An integer no float, clock or header holds (10**400).
BIG = "1" + "0" * 400

# A feed of two entries.
FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>F</title><link>https://f.example/</link>
<item><title>One</title><link>https://f.example/1</link><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate>
<description>First.</description></item>
<item><title>Two</title><link>https://f.example/2</link><pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>
<description>Second.</description></item>
</channel></rss>
"""


def run_fetch(site: Path, capsys) -> tuple[int, str, str]:
    """`newsdesk fetch` of the site: its exit status, what it printed and what it said on stderr."""
    from generator.cli import main

    code = main(["fetch", "--config", str(site / "config.yaml")])
    out, err = capsys.readouterr()
    return code, out, err


def fetch_said(site: Path, capsys) -> tuple[int, str]:
    """`newsdesk fetch` of the site: its exit status and all it said."""
    code, out, err = run_fetch(site, capsys)
    return code, out + err


def build_said(site: Path, capsys, *args: str) -> tuple[int, str]:
    """`newsdesk build` of the site: its exit status and all it said."""
    from generator.cli import main

    code = main(["build", "--config", str(site / "config.yaml"), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def help_text(capsys, command: str) -> str:
    """What `newsdesk COMMAND --help` prints."""
    from generator import cli

    with pytest.raises(SystemExit) as caught:
        cli.main([command, "--help"])
    assert caught.value.code == 0
    return capsys.readouterr().out


def write_config(site: Path, text: str) -> None:
    """config.yaml of the site: the basic settings, then `text`."""
    (site / "config.yaml").write_text("title: Test News\nbase_url: https://example.org/\n"
                                      'now: "2026-11-22T12:00:00Z"\n' + text, encoding="utf-8")


def api_news(config) -> dict[str, dict]:
    """The API's news entries by their item's file name."""
    import json

    news = json.loads((config.output_path / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert news, "no item was built"
    return {entry["path"].rstrip("/").rsplit("/", 1)[-1]: entry for entry in news}


def cpu_seconds() -> float:
    """CPU seconds of this process, of its finished children and of the finished children of its running ones:
    fetch's parsing processes are children of a fork server that runs as long as this process does. Hostile-input
    tests bound a build's or a fetch's cost with it, well above what it takes, to catch a cost in the square of
    an input's size (minutes): unlike the clock, it does not grow when other work shares the machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + _grandchildren_seconds()


def _grandchildren_seconds() -> float:
    """What the running children of this process have counted of their finished children (Linux's /proc)."""
    ticks, me = 0, str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # (ended meanwhile)
            continue
        if fields[1] == me:  # (state, parent, ...: cutime and cstime are the 14th and 15th after the name)
            ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def item(title="A story", date="2026-11-20T10:00:00Z", **fields) -> str:
    """Text of one item file; extra fields are written as YAML (strings quoted as given)."""
    lines = ["---", f"title: {title!r}" if "'" not in title else f'title: "{title}"', f"publishedDateTime: {date}"]
    body = fields.pop("body", "Some **body** text.")
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines += ["---", body]
    return "\n".join(lines) + "\n"


def told(excerpt: str, **fields) -> dict[str, str]:
    """item()'s fields of a story that says `excerpt` (written as a YAML string) above a short body, and `fields`."""
    return {"excerpt": json.dumps(excerpt, ensure_ascii=False), "body": "Text.", **fields}


def story_files(stories: dict[str, dict]) -> dict[str, str]:
    """`content/story-N.md` of each of `stories` (title -> item()'s fields), a month apart (past the eleventh, a
    day), so that no two are one story."""
    return {f"content/story-{n}.md": item(title, date=f"2026-{1 + n % 11:02d}-{15 + n // 11}T10:00:00Z", **fields)
            for n, (title, fields) in enumerate(stories.items())}


def edit_file(path: Path, pattern: str, replacement: str) -> None:
    """Replace the first match of `pattern` (a line regex) in `path`, as a user's edit of one field; the edit must
    change the file."""
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert new != text, f"{pattern} not found in {path}"
    path.write_text(new, encoding="utf-8")


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "srcset", "background", "cite", "xlink:href")


def url_scheme(url: str) -> str:
    """The scheme a browser reads in an attribute's URL (it skips controls and spaces, and tabs and line breaks
    anywhere), lower case; "" for a relative URL."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(33)))))
    return match.group(1).lower() if match else ""


def html_elements(name: str, data: bytes):
    """(tag, element) for every element of a page parsed as a browser parses it (html5lib), which must parse
    without an error."""
    import html5lib

    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(data)
    assert not parser.errors, (name, parser.errors[:3])
    for element in document.iter():
        yield (element.tag if isinstance(element.tag, str) else ""), element


def json_strings(node, keys, key=""):
    """Every string of a JSON document held under one of `keys` (URL-valued keys, say), nested ones too."""
    if isinstance(node, dict):
        for name, child in node.items():
            yield from json_strings(child, keys, name)
    elif isinstance(node, list):
        for child in node:
            yield from json_strings(child, keys, key)
    elif isinstance(node, str) and key in keys:
        yield node


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file below folder (relative name -> bytes): what "two outputs are the same" compares. Fails when
    there is none: two empty (or missing) folders are the same, and that would prove nothing."""
    found = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert found, f"no files under {folder}"
    return found


def clean_build(root: Path, out: Path) -> dict[str, bytes]:
    """What `newsdesk build --clean --output OUT` makes of the site at root: the full build that an incremental
    one (serve's, fetch's) must equal."""
    from generator.cli import main

    assert main(["build", "--config", str(root / "config.yaml"), "--output", str(out), "--clean"]) == 0
    return files_under(out)


PROGRESS = re.compile(r"[a-z][a-z ]*( \d+/\d+)?")  # a progress line in a log: what the build does, how far


def without_progress(err: str) -> list[str]:
    """The lines of a command's stderr but its progress lines, which a build over a second prints first (on a
    loaded machine, any build may take that long): its first one is then the command's own first word."""
    return [line for line in err.splitlines() if not PROGRESS.fullmatch(line)]


def said(capsys, word: str) -> list[str]:
    """The lines printed so far (output and errors) that hold `word`."""
    captured = capsys.readouterr()
    return [line for line in (captured.out + captured.err).splitlines() if word in line]


def serving(root: Path, config, scratch: Path):
    """serve's rebuilds of the site at root, in one Session (after a first one): returns save(path, name), the
    rebuild after a save of `path`, which gives the files served, checked to equal a clean build (made in
    scratch/name) and its warnings, where they are too, to equal a full build's."""
    from generator.build.pipeline import BuildOptions, build
    from generator.config.load import load_config
    from generator.serve.rebuild import Session, rebuild, update_search

    session, options = Session(), BuildOptions(workers=1)
    rebuild(session, config, options, None)

    def save(path: Path, name: str) -> dict[str, bytes]:
        result = rebuild(session, config, options, [path])
        update_search(config, result.site)
        served = files_under(config.output_path)
        assert served == clean_build(root, scratch / name)
        full = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
        assert list(map(str, result.site.warnings)) == list(map(str, full.site.warnings))
        return served

    return save


def make_site(root: Path, files: dict[str, str], config: str = BASIC_CONFIG) -> Path:
    """Write a site: config.yaml plus the given files (paths relative to the site root)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def git(cwd: Path, *args: str) -> str:
    """Run git in cwd; its output. A failure fails the test with git's own message."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def deployable_site(tmp_path: Path, files: dict[str, str]) -> Path:
    """A site (tmp_path/site) in a git repository with one commit; `origin` is a bare repository in
    tmp_path/remote.git."""
    site = make_site(tmp_path / "site", files,
                     "title: Deploy News\nbase_url: https://example.github.io/repo/\nnow: '2026-11-22T12:00:00Z'\n")
    (site / ".gitignore").write_text("output/\n.newsdesk-cache/\n")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Site source")
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)
    git(site, "remote", "add", "origin", str(tmp_path / "remote.git"))
    return site


# A site of items as crawlers write them: many to a page, stories off.
ITEMS_CONFIG = ('title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\n'
                'stories:\n  enabled: false\n')


DATE_2025 = "publishedDateTime: 2025-11-20T10:00:00Z"
DATE_2026 = "publishedDateTime: 2026-11-20T10:00:00Z"


def build_items(tmp_path: Path, files: dict[str, str | bytes], capsys, config: str = ITEMS_CONFIG):
    return build_files(tmp_path, files, capsys, config)


def built_dates(tmp_path: Path, written: dict[str, str | None], capsys, config: str = ITEMS_CONFIG):
    """(each date of `written` -> the moment the build reads it as, None for an item left out; what the build
    said) for a site of one item dated so per date (`d0.md`, `d1.md` ... in `written`'s order), and one dated
    plainly."""
    files = {f"d{n}.md": front(f"title: Dated {n}", f"publishedDateTime: {json.dumps(date)}")
             for n, date in enumerate(written)}
    files["good.md"] = front("title: Good", "publishedDateTime: 2026-11-20T10:00:00Z")
    _, news, said = build_files(tmp_path, files, capsys, config)
    return {date: news.get(f"d{n}", {}).get("publishedDateTime") for n, date in enumerate(written)}, said


LOCALISED_DATES = {  # as a site's locale writes RSS's date or a date in words -> the moment (UTC)
    "Mi, 02 Dez 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # German
    "Sa, 07 Mär 2025 10:00:00 +0100": "2025-03-07T09:00:00Z",
    "mer., 02 déc. 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # French
    "lun., 13 juil. 2025 08:00:00 GMT": "2025-07-13T08:00:00Z",
    "mié, 02 dic 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Spanish
    "mer, 02 dic 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Italian
    "ven, 15 mag 2025 10:00:00 +0200": "2025-05-15T08:00:00Z",
    "wo, 02 dec 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Dutch
    "vr, 13 mrt 2025 10:00:00 +0100": "2025-03-13T09:00:00Z",
    "qua, 02 dez 2025 10:00:00 -0300": "2025-12-02T13:00:00Z",  # Portuguese
    "sex, 09 out 2025 10:00:00 -0300": "2025-10-09T13:00:00Z",
    "ons, 02 dec 2025 10:00:00 +0100": "2025-12-02T09:00:00Z",  # Swedish
    # a zone by a name of one offset, which RFC 2822 does not know (feedparser read it as UTC)
    "Sa, 21 Nov 2025 10:00:00 MEZ": "2025-11-21T09:00:00Z",
    "Sat, 21 Jun 2025 10:00:00 CEST": "2025-06-21T08:00:00Z",
    "Sat, 21 Jun 2025 10:00:00 AEST": "2025-06-21T00:00:00Z",
    # (and the zones of a half or a quarter hour: Sri Lanka, Afghanistan, Myanmar, Western Australia's Eucla,
    # the Chatham Islands, Lord Howe Island, the Marquesas)
    "Sat, 21 Jun 2025 10:00:00 SLST": "2025-06-21T04:30:00Z",
    "Sat, 21 Jun 2025 10:00:00 AFT": "2025-06-21T05:30:00Z",
    "Sat, 21 Jun 2025 10:00:00 MMT": "2025-06-21T03:30:00Z",
    "Sat, 21 Jun 2025 10:00:00 ACWST": "2025-06-21T01:15:00Z",
    "Sat, 21 Jun 2025 10:00:00 CHAST": "2025-06-20T21:15:00Z",
    "Sat, 21 Jun 2025 10:00:00 LHST": "2025-06-20T23:30:00Z",
    "Sat, 21 Jun 2025 10:00:00 MART": "2025-06-21T19:30:00Z",
}


HOSTILE_DATES = {  # each a date in words or with a zone's name, then a long run that makes it none
    "uhr": lambda n: "2 Dezember 2026 10:00" + " " * n + "Uhx",
    "gap": lambda n: "2 Dezember 2026 1" + " " * n + "x",
    "english": lambda n: "Dec 2, 2026 10:00" + " " * n + "x",
    "zone": lambda n: "2026-11-20T10:00" + " " * n + "CETx",
    "weekdays": lambda n: "Mi, " * (n // 4),
}


def front(*lines: str, body: str = "Body text.") -> str:
    """An item file of these front matter lines."""
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def build_files(tmp_path: Path, files: dict[str, str | bytes], capsys, config: str):
    """Build a site of these content files (text, or bytes as written) with the CLI: (output folder, the API's
    news entries by the file name of their item, the messages printed)."""
    import json

    from generator.cli import main

    site = make_site(tmp_path / "site", {}, config)
    for name, text in files.items():
        path = site / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    captured = capsys.readouterr()
    out = site / "output"
    news = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    assert news, "no item was built"
    by_name = {entry["path"].rstrip("/").rsplit("/", 1)[-1]: entry for entry in news}
    return out, by_name, captured.out + captured.err


def built_page(out: Path, entry: dict) -> str:
    """The built page of an API news entry."""
    return (out / entry["path"] / "index.html").read_text(encoding="utf-8")


# The timeout of fetches meant to succeed: generous, as a loopback server may answer seconds late on a loaded
# machine. A test of timing out sets a short one, with a server that never answers in time.
FETCH_TIMEOUT = 60


def feed_site(root: Path, sources: str, settings: str = "", fetch: str = "", files: dict | None = None) -> Path:
    """A site for `newsdesk fetch`: config.yaml with `sources` (its lines under `sources:`), trying each feed
    once (FETCH_TIMEOUT); `settings`: more top-level lines (topics, data_dir...), `fetch`: more lines under
    `fetch:`."""
    config = ('title: Fetched News\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n' + settings
              + f"fetch:\n  timeout: {FETCH_TIMEOUT}\n  retries: 0\n" + fetch + "sources:\n" + sources)
    return make_site(root, files or {}, config)


def fetched(site: Path) -> dict[str, dict]:
    """Every item file `newsdesk fetch` wrote in the site, as its front matter, by title."""
    import yaml

    found = {}
    for path in sorted((site / "content" / "fetched").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        found[meta["title"]] = meta
    return found


def fetched_dates(root: Path, capsys, feeds, settings: str = "") -> tuple[dict[str, str], str]:
    """`newsdesk fetch`, which must succeed, of feeds served on loopback, on a site at `root` with these top-level
    `settings` (`language: tr\ntimezone: Europe/Istanbul\n`): (each item's publishedDateTime by its title, all
    fetch said). `feeds`: one feed (its bytes, or a Route for its headers), or several, path -> (feed, the lines
    of its source after its url)."""
    from feed_server import Route

    if not isinstance(feeds, dict):
        feeds = {"/feed.xml": (feeds, "")}
    with FeedServer() as server:
        for path, (feed, _) in feeds.items():
            server.routes[path] = feed if isinstance(feed, Route) else Route(
                feed, content_type="application/feed+json" if feed.startswith(b"{") else "application/rss+xml")
        sources = "".join(f"  - url: {server.url(path)}\n{lines}" for path, (_, lines) in feeds.items())
        site = feed_site(root, sources, settings=settings)
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    return {title: meta["publishedDateTime"] for title, meta in fetched(site).items()}, said


def local_as_utc(zone: str, day: int, hour: int, minute: int) -> str:
    """hour:minute on `day` November 2026 in `zone` (`Europe/Istanbul`), as fetch writes that moment: in UTC."""
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo(zone))
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")

def build_site(root: Path):
    """Build the site at root; return (config, BuildResult)."""
    from generator.build.pipeline import BuildOptions, build
    from generator.config.load import load_config

    config = load_config(root / "config.yaml")
    return config, build(config, BuildOptions(workers=1))


def copy_example_site(root: Path) -> Path:
    """The project's example site (config.yaml, content/, static/ with its pictures) copied to root."""
    import shutil

    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "config.yaml", root / "config.yaml")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "static", root / "static")
    return root


def without_stories(config_file: Path) -> Path:
    """config_file with stories turned off (`stories: enabled: false`): for the tests of serve's fast paths
    themselves, which an edit of a site with stories of several items does not take (tests/test_stories_site.py)."""
    with open(config_file, "a", encoding="utf-8") as handle:
        handle.write("\nstories:\n  enabled: false\n")
    return config_file


def resolve_url(config, out: Path, url: str) -> Path:
    """The built file an absolute URL of this site points at (fails the test for anything outside the site)."""
    assert url.startswith(config.base_url), f"{url} is not an absolute URL under {config.base_url}"
    rel = url[len(config.base_url):].split("#")[0]
    path = out / rel / "index.html" if rel == "" or rel.endswith("/") else out / rel
    assert path.is_file(), f"{url} does not resolve to a built file ({path})"
    return path


# --- a synthetic site: the benchmark's corpus, written by its command line ---------------------------


def write_corpus(count: int, out: Path, seed: int = 1) -> Path:
    """`python -m bench.corpus`: a site of `count` items (a topic tree, Zipf-like providers, the same bytes for
    the same seed) in `out`; returns its config.yaml. Tests use bench/ through its command line only."""
    command = [sys.executable, "-m", "bench.corpus", "--items", str(count), "--out", str(out), "--seed", str(seed)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return Path(out) / "config.yaml"


def _redated(text: str, n: int) -> str:
    """3 days and n minutes earlier."""
    def earlier(match) -> str:
        moment = datetime.fromisoformat(match[1].replace("Z", "+00:00")) - timedelta(days=3, minutes=n)
        return f"publishedDateTime: {moment.strftime('%Y-%m-%dT%H:%M:%SZ')}"
    return re.sub(r"^publishedDateTime: (.*)$", earlier, text, count=1, flags=re.M)


def _other_topic(text: str, n: int) -> str:
    """Its first topic becomes Sports (or Science, for a Sports story)."""
    def other(match) -> str:
        return 'topics:\n  - "Science"' if match[1].strip('"') == "Sports" else 'topics:\n  - "Sports"'
    return re.sub(r"^topics:\n  - (.*)$", other, text, count=1, flags=re.M)


def _new_story(text: str, n: int) -> str:
    """Another story from this one's text: a new title and new URLs (for a file of its own)."""
    text = re.sub(r'^(originalUrl|webUrl): "(.*)"$', lambda m: f'{m[1]}: "{m[2]}new-{n}/"', text, flags=re.M)
    return re.sub(r'^title: "(.*)"$', lambda m: f'title: "New: {m[1]} {n}"', text, count=1, flags=re.M)


# Edits of an item file as the corpus writes it, of the kinds serve's fast paths take; the n-th edit of a
# kind differs from the others.
EDITS = {
    "redate": _redated,
    "topic": _other_topic,
    "score": lambda text, n: re.sub(r"^heat: .*$", f"heat: {1000 + n}", text, count=1, flags=re.M),
    "nudge": lambda text, n: re.sub(r"^heat: (.*)$", lambda m: f"heat: {float(m[1]) + 5 + n / 10:g}", text,
                                    count=1, flags=re.M),
    "new": _new_story,
}


@pytest.fixture(scope="session")
def example(tmp_path_factory):
    """The example site (base_url https://example.github.io/newsdesk/, a path) built into a temporary folder.
    Built once for the whole run: the tests that use it only read it (one that edits copies the site first)."""
    config, result = build_site(copy_example_site(tmp_path_factory.mktemp("example")))
    return config, result, config.output_path


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A site of one item, the current folder, as a user's terminal sees it (not CI: progress lines show)."""
    root = make_site(tmp_path / "site", {"content/news/one.md": item("One", topics="[AI]")})
    monkeypatch.chdir(root)
    monkeypatch.delenv("CI", raising=False)
    return root


@pytest.fixture
def site_dir(tmp_path) -> Path:
    return tmp_path / "site"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    return CORPUS


# --- real parts: an HTTP server over a folder, and a real browser ----------------------------------

import contextlib  # noqa: E402
import functools  # noqa: E402
import http.server  # noqa: E402
import shutil  # noqa: E402
import threading  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@contextlib.contextmanager
def static_server(folder: Path, prefix: str = "/"):
    """Serve `folder` at http://127.0.0.1:PORT{prefix} with a plain stdlib server (as GitHub Pages would).

    Yields the base URL (ending in '/'). Nothing of newsdesk is involved.
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            raw = path.split("?", 1)[0].split("#", 1)[0]
            if not raw.startswith(prefix):
                return str(folder / "__outside_prefix__")
            return super().translate_path("/" + raw[len(prefix):])

        def send_error(self, code, message=None, explain=None):
            page = folder / "404.html"
            if code == 404 and page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

        def log_message(self, *args):
            pass

    with loopback_server(functools.partial(Handler, directory=str(folder)), prefix) as address:
        yield address


@contextlib.contextmanager
def loopback_server(handler, prefix: str = "/"):
    """An HTTP server of `handler` (a request handler class) on 127.0.0.1 at a free port while the block runs: its
    address, `prefix` after it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # (a short poll_interval: shutdown() waits up to one for serve_forever to stop)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def _browser_missing(reason: str):
    # In CI (.ci/run sets NEWSDESK_REQUIRE_BROWSER=1) a missing browser is a failure, never a silent skip.
    if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (browsers are never downloaded)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("playwright is not installed (pip install playwright)")
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        _browser_missing("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
                                      args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


# The page's cumulative layout shift (Chromium's), after 600 ms for it to settle: a browser test's `evaluate`
LAYOUT_SHIFT = """() => new Promise(done => {
  let shift = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) shift += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(shift), 600);
})"""


def headline_site(root: Path, headlines, settings: str = "", path: str = "news"):
    """A built site of one item per headline (dated the 15th of January, February ... 2026), at
    https://example.org/PATH/ with these more top-level `settings`: its config."""
    from generator.config.load import load_config

    files = {f"content/story-{n}.md": item(title, date=f"2026-{1 + n:02d}-15T10:00:00Z")
             for n, title in enumerate(headlines)}
    root = make_site(root, files, f'title: News\nbase_url: https://example.org/{path}/\n{settings}'
                                  'now: "2026-11-22T12:00:00Z"\n')
    build_site(root)
    return load_config(root / "config.yaml")


@contextlib.contextmanager
def search_page(page, config):
    """`page` on the search page of the config's built site, served on loopback, once its script is ready."""
    with static_server(config.output_path, config.base_path) as base:
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearch === 'object'")
        yield base

def search_results(page, query: str, said: str, shown: str = "") -> list[str]:
    """The titles the site's search page lists for `query`, once its status says `said` (`2 results for`) of it (of
    `shown`, when it shows the query otherwise)."""
    page.fill("#search-q", query)
    page.locator("#search-status").filter(has_text=f"{said} \u201c{shown or query}\u201d").wait_for(timeout=10_000)
    return page.locator("#search-results .card-title a").all_inner_texts()


@pytest.fixture(autouse=True)
def quiet_progress(monkeypatch):
    """No progress lines, as in CI: a build past a second (any build, on a busy machine) printed one to the stderr
    a test reads for its messages alone. A test of the progress lines unsets CI itself (the `site` fixture)."""
    monkeypatch.setenv("CI", "true")


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    """Every git commit a test makes has a name and address, given here and never written to anyone's ~/.gitconfig."""
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "newsdesk tests")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "tests@newsdesk.invalid")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/sites/*.expected/ from the current build (then review the diff)")
