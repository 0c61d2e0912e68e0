"""`newsdesk serve` over real sockets: what a browser gets, what the terminal says, and that the
rebuilt site always equals a fresh full build (real watchdog, real files, real HTTP; no mocks)."""

from __future__ import annotations

import html
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, files_under, item, make_site
from generator.build.pipeline import BuildOptions, build
from generator.config.load import default_config, load_config
from generator.errors import NewsdeskError
from generator.i18n import load_words
from generator.serve import server as dev_server
from generator.serve.overlay import snippet
from generator.serve.server import DevServer
from generator.typography import typeset

CONFIG = """\
title: Serve Test News
base_url: https://user.github.io/repo/
now: "2026-11-22T12:00:00Z"
items_per_page: 2
topics:
  - name: AI
  - name: Space
"""

ITEMS = {
    "content/news/robots.md": item("Robots learn to fold laundry", "2026-11-20T10:00:00Z", topics="[AI]"),
    "content/news/rocket.md": item("Reusable rocket lands twice", "2026-11-19T09:00:00Z", topics="[Space]"),
    "content/news/model.md": item("A small model beats a big one", "2026-11-18T08:00:00Z", topics="[AI]"),
    "static/data.json": '{"ok": true}\n',
    "static/feed-sample.xml": "<?xml version='1.0'?><rss/>\n",
    "static/css/extra.css": "/* the site's own styles */\n",
}

TIMEOUT = 30  # seconds; generous, because CI machines are slow and shared


def wait_for(predicate, what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Lines(list):
    """The server's terminal output."""

    def __call__(self, text, error=False):
        self.append(("stderr: " if error else "") + text)

    @property
    def text(self) -> str:
        return "\n".join(self)


def start(root: Path, options=BuildOptions(), **kwargs) -> DevServer:
    config_file = root / "config.yaml"
    kwargs.setdefault("quiet", 0.05)
    kwargs.setdefault("echo", Lines())
    kwargs.setdefault("port", 0)
    dev = DevServer(lambda: load_config(config_file), options, config_file, **kwargs)
    dev.start()
    return dev


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "site", ITEMS, CONFIG)


@pytest.fixture
def dev(site):
    server = start(site)
    yield server
    server.stop()


def get(dev: DevServer, path: str, method: str = "GET"):
    """One request sent exactly as written (no client-side normalising of the path)."""
    connection = http.client.HTTPConnection("127.0.0.1", dev.port, timeout=TIMEOUT)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def ours(dev: DevServer, before: int) -> list:
    """The rebuilds after the first `before` that the test's own edits caused.

    The server also watches the bundled theme, which other work in a developer's checkout may be
    editing while the tests run; those rebuilds are real but not the test's.
    """
    return [r for r in dev.rebuilds[before:] if any(not p.startswith("/") for p in r.paths)]


def rebuilt(dev: DevServer, before: int):
    """Wait for the first rebuild after `before` rebuilds that the test caused; return it."""
    return wait_for(lambda: ours(dev, before), "a rebuild")[0]


def write(path: Path, text: str) -> None:
    """Save as most editors do: a temp file renamed over the old one, so no build can see half a file."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    write(path, text.replace(old, new))


def settle(dev: DevServer, before: int):
    """Wait for the rebuild after `before` rebuilds and for the server to go idle; return that rebuild."""
    record = rebuilt(dev, before)
    wait_for(lambda: dev.idle, "the server to go idle")
    return record


def _strip_injection(body: bytes) -> bytes:
    return re.sub(rb'(<style>\n#newsdesk-overlay.*?</style>\n)?(<div id="newsdesk-overlay".*?</div>\n)?'
                  rb'(<aside id="newsdesk-notice".*?</aside>\n)?<script src="/__newsdesk/livereload\.js"[^>]*></script>',
                  b"", body, flags=re.S)


# --- serving ---------------------------------------------------------------------------------------------


def test_serves_the_site_at_the_path_of_base_url(dev):
    assert dev.url == f"http://127.0.0.1:{dev.port}/repo/"
    status, headers, body = get(dev, "/repo/")
    assert status == 200 and b"<title>Serve Test News</title>" in body
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    for path in ("/", "/repo"):
        status, headers, _ = get(dev, path)
        assert (status, headers["location"]) == (302, "/repo/"), path
    status, headers, _ = get(dev, "/repo/topics/ai")  # a folder without its slash, as GitHub Pages answers it
    assert (status, headers["location"]) == (302, "/repo/topics/ai/")
    status, _, body = get(dev, "/repo/topics/ai/")
    assert status == 200 and b"Robots learn to fold laundry" in body and b"Reusable rocket" not in body
    status, _, body = get(dev, "/repo/topics/ai/index.html")
    assert status == 200 and b"Robots learn to fold laundry" in body


def test_a_base_url_path_with_spaces_or_other_scripts_is_linked_and_served_percent_encoded(tmp_path):
    # `base_url: https://news.example/新闻 site/` wrote links with a raw space (href="/新闻 site/latest/"), and
    # serve's redirect from / failed on the header it could not encode, closing the connection unanswered.
    site = make_site(tmp_path / "site", ITEMS, CONFIG.replace("https://user.github.io/repo/",
                                                              '"https://news.example/新闻 site/"'))
    encoded = "/%E6%96%B0%E9%97%BB%20site/"
    server = start(site)
    try:
        assert server.url == f"http://127.0.0.1:{server.port}{encoded}"
        status, headers, _ = get(server, "/")
        assert (status, headers["location"]) == (302, encoded)
        status, _, body = get(server, encoded + "latest/")
        assert status == 200 and b"Robots learn to fold laundry" in body
        assert f'href="{encoded}latest/"'.encode() in body and "新闻 site".encode() not in body
    finally:
        server.stop()


def test_missing_pages_get_the_sites_404_page_with_status_404(dev, site):
    page_404 = (site / "output" / "404.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page_404, re.S).group(1).encode()
    for path in ("/repo/no/such/page/", "/repo/nothing.css", "/elsewhere/", "/repo/static/css/nope.css"):
        status, headers, body = get(dev, path)
        assert status == 404, path
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert heading in body, path
        assert b"/__newsdesk/livereload.js" in body  # so a page that 404s now comes back by itself later


def test_content_types(dev):
    expected = {
        "/repo/": "text/html; charset=utf-8",
        "/repo/static/css/site.css": "text/css; charset=utf-8",
        "/repo/static/favicon.svg": "image/svg+xml",
        "/repo/static/data.json": "application/json",
        "/repo/static/feed-sample.xml": "application/xml",
        "/__newsdesk/livereload.js": "text/javascript; charset=utf-8",
    }
    for path, kind in expected.items():
        status, headers, _ = get(dev, path)
        assert (status, headers["content-type"]) == (200, kind), path
        assert headers["cache-control"] == "no-store"


def test_traversal_is_refused(dev, site):
    secret = "TOP-SECRET-CONFIG"
    (site / "secret.txt").write_text(secret)  # beside the output folder
    (site / "output" / "escape").symlink_to("/etc")
    (site / "output" / "sneaky.txt").symlink_to(site / "secret.txt")
    attempts = [
        "/repo/../secret.txt", "/repo/%2e%2e/secret.txt", "/repo/%2E%2E/secret.txt", "/repo/.%2e/secret.txt",
        "/repo/..%2fsecret.txt", "/repo/..%2Fsecret.txt", "/repo/static/..%2f..%2fsecret.txt",
        "/repo/%2e%2e%5csecret.txt", "/repo/..\\secret.txt", "/repo/%252e%252e/secret.txt",
        "/repo/secret.txt%00.html", "/repo//../secret.txt", "/repo/escape/passwd", "/repo/escape/hostname",
        "/repo/sneaky.txt", "/repo/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "//etc/passwd",
        "/repo/%c0%ae%c0%ae/secret.txt",
    ]
    for path in attempts:
        status, _, body = get(dev, path)
        assert status in (400, 404), f"{path}: {status}"
        assert secret.encode() not in body and b"root:" not in body, path
    assert get(dev, "/repo/static/data.json")[0] == 200  # the same server still serves what it should


def test_the_script_goes_into_html_responses_only(dev, site):
    status, headers, body = get(dev, "/repo/")
    index = body.rfind(b"</body>")
    script = body.find(b'<script src="/__newsdesk/livereload.js"')
    assert 0 < script < index
    assert int(headers["content-length"]) == len(body)
    on_disk = (site / "output" / "index.html").read_bytes()
    assert b"__newsdesk" not in on_disk  # the built files stay as `newsdesk build` writes them
    assert _strip_injection(body) == on_disk
    for path in ("/repo/static/css/site.css", "/repo/static/data.json", "/repo/static/feed-sample.xml"):
        assert b"__newsdesk" not in get(dev, path)[2], path
    status, headers, body = get(dev, "/repo/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0


# --- rebuilding and telling the browser -----------------------------------------------------------------


def poll(dev: DevServer, since: int, server: str | None = None) -> dict:
    status, headers, body = get(dev, f"/__newsdesk/livereload?since={since}&server={server or dev.server_id}")
    assert status == 200 and headers["content-type"] == "application/json"
    return json.loads(body)


def page_epoch(dev: DevServer, path: str = "/repo/") -> int:
    return int(re.search(rb'data-epoch="(\d+)"', get(dev, path)[2]).group(1))


def held_poll(dev: DevServer) -> tuple[list, threading.Thread, int]:
    """An open page's live-reload poll, held by serve before the test saves: the list its answer goes to, the
    thread that waits for it, and how many rebuilds there were before the save."""
    epoch = page_epoch(dev)
    answers: list = []
    waiter = threading.Thread(target=lambda: answers.append(poll(dev, epoch)))
    waiter.start()
    time.sleep(1)  # (the page's poll held before the save)
    return answers, waiter, len(dev.rebuilds)


def test_a_held_poll_returns_when_an_edit_is_built(dev, site):
    epoch = page_epoch(dev)
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(poll(dev, epoch)))
    waiter.start()
    edit(site / "content/news/robots.md", "Robots learn to fold laundry", "Robots learn to iron shirts")
    waiter.join(timeout=TIMEOUT)
    assert answers and answers[0]["epoch"] > epoch and answers[0]["action"] == "reload"
    status, _, body = get(dev, "/repo/topics/ai/")
    assert b"Robots learn to iron shirts" in body and b"fold laundry" not in body
    assert page_epoch(dev) == answers[0]["epoch"]


def test_the_rest_of_an_edit_waits_until_the_reloaded_page_polls_again(dev, site, monkeypatch):
    # After the hand-over serve writes the rest of an edit in its own process, where it competes with the
    # reloading page's requests: it waits until the page is back (its poll held again), not only for a quiet
    # moment after the page's HTML was sent (a busy browser asks for the stylesheet later than that).
    monkeypatch.setattr(dev_server, "RELOAD_GRACE", TIMEOUT)  # (the bound: out of the way of a slow machine)
    answers, waiter, before = held_poll(dev)
    edit(site / "content/news/robots.md", "Robots learn to fold laundry", "Robots learn to iron shirts")
    waiter.join(timeout=TIMEOUT)
    assert answers and answers[0]["action"] == "reload"
    assert b"Robots learn to iron shirts" in get(dev, "/repo/")[2]  # the reloaded page
    time.sleep(0.5)  # the browser lays it out and asks for its stylesheet
    assert not ours(dev, before)  # the rest of the edit has not run meanwhile
    back = threading.Thread(target=lambda: poll(dev, answers[0]["epoch"]))  # its live-reload script runs
    back.start()
    assert rebuilt(dev, before).mode == "patch"
    dev.stop()  # (answers the held poll)
    back.join(timeout=TIMEOUT)


def test_a_poll_from_a_page_of_another_server_returns_at_once(dev):
    answer = poll(dev, 0, server="0000dead")
    assert answer["server"] == dev.server_id  # the page sees a new server and reloads


def test_a_css_edit_is_announced_as_css(dev, site):
    epoch = page_epoch(dev)
    before = len(dev.rebuilds)
    write(site / "static/css/extra.css", "h1 { color: rgb(1, 2, 3); }\n")
    assert rebuilt(dev, before).action == "css"
    assert poll(dev, epoch)["action"] == "css"
    assert b"rgb(1, 2, 3)" in get(dev, "/repo/static/css/extra.css")[2]
    before = len(dev.rebuilds)
    edit(site / "content/news/rocket.md", "lands twice", "lands thrice")
    rebuilt(dev, before)
    assert poll(dev, epoch)["action"] == "reload"  # a page that missed both needs the whole reload


@pytest.mark.slow
def test_every_page_asked_for_as_soon_as_the_reload_comes_shows_the_edit(tmp_path):
    # serve tells the browser to reload once the saved story's page is written and writes the other pages
    # meanwhile (serve/rebuild.py's HandOver): a request for any of those must wait for it, never get the old one.
    items = {f"content/news/s{n:02}.md": item(f"Story number {n}", f"2026-11-{n + 1:02}T10:00:00Z",
                                              topics="[AI]", heat=n, quality=50) for n in range(16)}
    # List pages slow to render (the theme's own, after a pause), so that the browser asks while they are written
    # (two loops: the template sandbox refuses a range of more than 100,000; 400,000 rounds, within a page's budget)
    items["themes/default/templates/list.html"] = ('{% extends "!theme/list.html" %}{% block main %}'
                                                   '{% for _ in range(400) %}{% for _ in range(1000) %}{% endfor %}'
                                                   '{% endfor %}{{ super() }}{% endblock %}')
    root = make_site(tmp_path / "site", items, CONFIG)
    dev = start(root)
    try:
        epoch = page_epoch(dev)
        paths = ["/repo/" + page.url for page in build(dev.config, BuildOptions(write=False)).site.pages]
        assert len(paths) > 25  # (enough for the browser to ask while they are written)
        answers, bodies = [], {}

        def reload_then_get_all():
            answers.append(poll(dev, epoch))
            threads = [threading.Thread(target=lambda p=p: bodies.__setitem__(p, get(dev, p)[2])) for p in paths]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(TIMEOUT)

        browser = threading.Thread(target=reload_then_get_all)
        browser.start()
        before = len(dev.rebuilds)
        edit(root / "content/news/s03.md", "heat: 3", "heat: 1000")  # from the bottom of Top and Hot to the top
        record = settle(dev, before)
        browser.join(TIMEOUT)
        assert record.mode == "patch" and answers[0]["action"] == "reload" and len(bodies) == len(paths)
        for path, body in bodies.items():
            assert _strip_injection(body) == _strip_injection(get(dev, path)[2]), path
    finally:
        dev.stop()


@pytest.mark.slow
def test_saving_a_file_unchanged_does_not_reload_the_page(dev, site):
    epoch = page_epoch(dev)
    path = site / "content/news/model.md"
    before = len(dev.rebuilds)
    path.write_text(path.read_text())  # in place, as some editors save
    record = settle(dev, before)
    assert (record.action, record.written, record.removed) == ("", 0, 0)
    assert page_epoch(dev) == epoch


def test_temp_files_and_the_output_folder_start_no_build(dev, site):
    news = site / "content" / "news"
    before = len(dev.rebuilds)
    for name in (".robots.md.swp", "robots.md~", "4913", ".#robots.md", "robots.md.tmp", "notes.txt"):
        (news / name).write_text("x")
    (site / "output" / "stray.html").write_text("x")
    (site / "README.md").write_text("x")
    edit(news / "rocket.md", "lands twice", "lands again")  # the one change that counts
    record = rebuilt(dev, before)
    assert [p for p in record.paths if not p.startswith("/")] == ["content/news/rocket.md"]


@pytest.mark.slow
def test_an_atomic_save_and_a_burst_of_500_files_give_one_rebuild_each(site):
    lines = Lines()
    # (stories off: the 500 look-alike items would be a few stories, and the test looks for each of them)
    make_site(site, {}, CONFIG.replace("items_per_page: 2", "items_per_page: 100") + "stories:\n  enabled: false\n")
    dev = start(site, echo=lines, quiet=0.3)  # a wider quiet window: a loaded CI machine may pause the writer
    try:
        before = len(dev.rebuilds)
        target = site / "content/news/robots.md"  # an editor's save: write a temp file, rename it over
        edit(target, "fold laundry", "make beds")
        record = settle(dev, before)
        assert [p for p in record.paths if not p.startswith("/")] == ["content/news/robots.md"]
        assert record.rendered > 0
        before = len(dev.rebuilds)
        folder = site / "content" / "bulk"  # as a `git checkout` would
        folder.mkdir()
        for n in range(500):
            (folder / f"item-{n:03}.md").write_text(item(f"Bulk story {n}", topics="[Space]"))
        record = settle(dev, before)
        assert record.error == ""
        assert len(ours(dev, before)) == 1, [r.changes for r in dev.rebuilds[before:]]
        space = (site / "output/topics/space/index.html").read_text() + "".join(
            p.read_text() for p in (site / "output/topics/space/page").rglob("index.html"))
        assert all(f"Bulk story {n}<" in space for n in range(500))
        assert "and 500 more changed" in record.changes or "and 499 more changed" in record.changes
    finally:
        dev.stop()


def test_terminal_shows_one_line_per_rebuild(site):
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        assert re.fullmatch(r"Built \d+ pages \(\d+ files changed, 0 removed\) in \d+ ms", lines[0])
        before = len(dev.rebuilds)
        edit(site / "content/news/rocket.md", "lands twice", "lands thrice")
        rebuilt(dev, before)
        line = lines[-1]
        assert re.fullmatch(r"content/news/rocket\.md changed: (\d+) of (\d+) pages rebuilt, \d+ files changed, "
                            r"\d+ removed, \d+ ms(; the open page served after \d+ ms)?"
                            r"( \(\+\d+ ms writing, served from memory meanwhile\))?", line), line
        rendered, total = map(int, re.search(r"(\d+) of (\d+) pages", line).groups())
        assert 0 < rendered < total  # incremental: the item's page and the lists showing it, not every page
    finally:
        dev.stop()


# --- errors while serving -------------------------------------------------------------------------------


def test_a_broken_template_keeps_the_last_good_pages_with_an_overlay(site):
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        override = site / "themes/default/templates/article.html"
        override.parent.mkdir(parents=True)
        good = (ROOT / "themes/default/templates/article.html").read_text()
        before = len(dev.rebuilds)
        write(override, good.replace("{% block main %}", "{% block main %}{% if %}", 1))
        record = rebuilt(dev, before)
        line = good[: good.index("{% block main %}")].count("\n") + 1
        assert f"themes/default/templates/article.html:{line}: template syntax error" in record.error
        assert record.action == "reload"
        assert any(f"article.html:{line}: template syntax error" in text for text in lines if text.startswith("stderr"))
        status, _, body = get(dev, "/repo/topics/ai/")
        assert status == 200 and b"Robots learn to fold laundry" in body  # the last good page
        assert b'id="newsdesk-overlay"' in body and f"article.html:{line}: template syntax error".encode() in body
        before = len(dev.rebuilds)
        write(override, good.replace("<h1>", '<h1 class="fixed">', 1))
        record = rebuilt(dev, before)
        assert record.error == "" and record.action == "reload"
        body = get(dev, "/repo/topics/ai/")[2]
        assert b'id="newsdesk-overlay"' not in body
    finally:
        dev.stop()


def test_items_broken_from_the_start_are_left_out_with_a_notice(tmp_path):
    root = make_site(tmp_path / "site", {**ITEMS, "content/news/bad.md": "---\ntitle: [oops\n---\nx\n"}, CONFIG)
    lines = Lines()
    dev = start(root, echo=lines)
    try:
        assert dev.rebuilds[0].error == ""
        assert re.search(r"^stderr: error: content/news/bad\.md:\d+: invalid YAML.* \[left out\]$", lines.text, re.M)
        status, _, body = get(dev, "/repo/")
        assert status == 200 and b'id="newsdesk-notice"' in body and b"content/news/bad.md:" in body
        assert b'id="newsdesk-overlay"' not in body
        before = len(dev.rebuilds)
        (root / "content/news/bad.md").unlink()
        rebuilt(dev, before)
        assert b"newsdesk-notice" not in get(dev, "/repo/")[2]
    finally:
        dev.stop()


def _box(body: bytes, element: str, box: str) -> tuple[str, str]:
    """(the opening tag, what is inside) of serve's overlay (`div`) or notice (`aside`) in a page."""
    found = re.search(rf'(<{element} id="newsdesk-{box}"[^>]*>)(.*?)</{element}>'.encode(), body, re.S)
    assert found, f"no {box} in the page"
    return found[1].decode(), found[2].decode()


def _shown(text: str) -> str:
    """A word as HTML shows it in an element's text."""
    return html.escape(text, quote=False)


def _one(word) -> str:
    """A words file's text of a count of 1 (its `one` form, else `other`)."""
    return (word.get("one") or word["other"]).replace("{n}", "1") if isinstance(word, dict) else word


@pytest.mark.parametrize("language", ["fr", pytest.param("ja", marks=pytest.mark.slow)])
def test_the_overlay_and_notice_say_the_theme_s_words_in_the_site_s_language(tmp_path, language):
    """The overlay and the notice were in English on a site of any language. Their words are the theme's, in the
    site's language (themes/default/i18n); the build's own messages (`path:line: message`) stay as written, in
    English, and say so."""
    # (as a page shows them: a French site's with no-break spaces before its marks)
    written = yaml.safe_load((ROOT / f"themes/default/i18n/{language}.yaml").read_text("utf-8"))
    words = {key: {form: typeset(text, language) for form, text in value.items()} if isinstance(value, dict)
             else typeset(value, language) if isinstance(value, str) else value for key, value in written.items()}
    english = yaml.safe_load((ROOT / "themes/default/i18n/en.yaml").read_text("utf-8"))
    keys = ("serve_problems", "serve_errors", "serve_left_out", "serve_build_failed", "serve_build_failed_text",
            "serve_hide", "serve_dismiss")
    assert all(_one(words[key]) != _one(english[key]) for key in keys)
    config = CONFIG.replace("title: Serve Test News", f"title: Serve Test News\nlanguage: {language}")
    root = make_site(tmp_path / "site", {**ITEMS, "content/news/bad.md": "---\ntitle: [oops\n---\nx\n"}, config)
    lines = Lines()
    dev = start(root, echo=lines)
    try:
        opening, notice = _box(get(dev, "/repo/")[2], "aside", "notice")
        assert f'lang="{language}" dir="ltr"' in opening
        assert f"<strong>{_shown(_one(words['serve_problems']))}</strong>" in notice
        assert _shown(words["serve_errors"]) in notice and _shown(words["serve_dismiss"]) in notice
        said = re.search(r"^stderr: (error: content/news/bad\.md:\d+: .*)$", lines.text, re.M)[1]
        assert f'<pre lang="en" dir="ltr">{html.escape(said)}</pre>' in notice  # (as the terminal says it)

        before = len(dev.rebuilds)
        write(root / "content/news/half.md", "---\ntitle: [Half-written\n---\nx\n")
        record = rebuilt(dev, before)
        opening, overlay = _box(get(dev, "/repo/")[2], "div", "overlay")
        assert f'lang="{language}" dir="ltr"' in opening
        assert f"<h2>{_shown(_one(words['serve_left_out']))}</h2>" in overlay
        assert f'<pre lang="en" dir="ltr">{html.escape(record.left_out)}</pre>' in overlay

        before = len(dev.rebuilds)
        override = root / "themes/default/templates/article.html"
        override.parent.mkdir(parents=True)
        write(override, "{% if %}")
        record = rebuilt(dev, before)
        assert "themes/default/templates/article.html:1: template syntax error" in record.error
        opening, overlay = _box(get(dev, "/repo/")[2], "div", "overlay")
        assert f"<h2>{_shown(words['serve_build_failed'])}</h2>" in overlay
        assert _shown(words["serve_build_failed_text"]) in overlay
        assert f">{_shown(words['serve_hide'])}</button>" in overlay
        assert f'<pre lang="en" dir="ltr">{html.escape(record.error)}</pre>' in overlay
    finally:
        dev.stop()


def test_serve_s_words_a_site_s_language_lacks_are_said_in_english_marked_so(tmp_path):
    """A language the theme has no words in gets the overlay in English; a site's own words file with only some
    of serve's words shows the others in English, each said to be English."""
    bare = snippet("s", 1, "x.md:1: broken", "", words=load_words(default_config(tmp_path / "bare", language="zh")))
    assert b'role="alert" lang="en" dir="ltr"><button' in bare and b"<h2>The build failed</h2>" in bare
    own = make_site(tmp_path / "own", {"themes/default/i18n/zh.yaml": "serve_build_failed: 构建失败\n"}, CONFIG)
    some = snippet("s", 1, "x.md:1: broken", "", words=load_words(default_config(own, language="zh"))).decode()
    assert 'role="alert" lang="zh" dir="ltr">' in some
    assert '<button type="button" data-newsdesk-close lang="en" dir="ltr">Hide</button>' in some
    assert "<h2>构建失败</h2>" in some and '<p lang="en" dir="ltr">This is the last good version' in some
    assert '<pre lang="en" dir="ltr">x.md:1: broken</pre>' in some


@pytest.mark.slow
def test_a_new_base_url_in_config_moves_every_link_as_a_fresh_build_makes_them(dev, site, tmp_path):
    # Compiled templates hold links worked out from base_url (Jinja folds `'static/css/site.css'|url`):
    # serve compiled them again for the new config, or its pages kept linking /repo/.
    before = len(dev.rebuilds)
    write(site / "config.yaml", CONFIG.replace("/repo/", "/news/"))
    assert settle(dev, before).error == ""
    status, _, body = get(dev, "/news/")
    assert status == 200 and b'href="/news/static/css/site.css"' in body and b"/repo/" not in body
    build(load_config(site / "config.yaml", {"output_dir": str(tmp_path / "fresh")}), BuildOptions(workers=1))
    assert files_under(site / "output") == files_under(tmp_path / "fresh")

def test_a_broken_config_shows_in_the_overlay_and_recovers(dev, site):
    config = site / "config.yaml"
    good = config.read_text()
    before = len(dev.rebuilds)
    write(config, good + "items_per_pgae: 3\n")
    record = rebuilt(dev, before)
    assert "config.yaml:" in record.error and "unknown key `items_per_pgae`" in record.error
    assert b"unknown key `items_per_pgae`" in get(dev, "/repo/")[2]
    before = len(dev.rebuilds)
    edit(site / "content/news/rocket.md", "lands twice", "lands at night")  # config.yaml is still broken
    assert "unknown key `items_per_pgae`" in rebuilt(dev, before).error
    before = len(dev.rebuilds)
    write(config, good.replace("items_per_page: 2", "items_per_page: 1"))
    assert rebuilt(dev, before).error == ""
    assert get(dev, "/repo/topics/ai/page/2/")[0] == 200  # the new config is in use


# --- incremental equals full ----------------------------------------------------------------------------


def _printed_problems(site) -> list[str]:
    """The lines `newsdesk build` prints of a plan's errors and warnings."""
    import contextlib
    import io

    from generator.commands.terminal import print_problems

    with contextlib.redirect_stderr(io.StringIO()) as printed:
        print_problems(site.problems, site.warnings)
    return printed.getvalue().splitlines()


def _said(body: bytes) -> tuple[list[str], list[str]]:
    """The problems a served page shows: the overlay's lines (item files saved that were left out) and the
    corner notice's (every other one)."""
    shown = []
    for pattern in (rb'<div id="newsdesk-overlay".*?</div>', rb'<aside id="newsdesk-notice".*?</aside>'):
        found = re.search(pattern, body, re.S)
        pres = re.findall(rb"<pre[^>]*>(.*?)</pre>", found.group(0), re.S) if found else []
        shown.append([line for pre in pres for line in html.unescape(pre.decode()).splitlines()])
    return shown[0], shown[1]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_after_random_edits_the_served_site_equals_a_full_build(tmp_path, seed):
    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    template = root / "themes/default/templates/partials/card.html"
    template.parent.mkdir(parents=True)
    template.write_text((ROOT / "themes/default/templates/partials/card.html").read_text())
    rng = random.Random(seed)
    counter = iter(range(1000))
    aside: dict[Path, str] = {}  # the item files saved broken or withheld -> their last good text (restore_item)
    future: list[str] = []  # the item file the step dated after serve's clock: the terminal says so

    def items():  # the files in the site: the edits below read and write their fields
        return sorted(path for path in (root / "content/news").glob("*.md") if path not in aside)

    def change_title():
        path = rng.choice(items())
        text = path.read_text()
        old = re.search(r"^title: (.*)$", text, re.M).group(1)
        write(path, text.replace(f"title: {old}", f"title: 'Retitled {next(counter)}'", 1))

    def change_body():  # and the excerpt: a text edit, like the title
        path = rng.choice(items())
        text = path.read_text()
        excerpt = f"excerpt: 'New summary {next(counter)}'"
        text = (re.sub(r"^excerpt: .*$", excerpt, text, count=1, flags=re.M) if "\nexcerpt:" in text
                else text.replace("---\n", f"---\n{excerpt}\n", 1))
        write(path, text + f"\nA new paragraph {next(counter)}.\n")

    def change_heat():  # moves the item in Hot and Top: a score edit, patched too
        path = rng.choice(items())
        text = path.read_text()
        heat = f"heat: {1000 + next(counter)}"
        write(path, re.sub(r"^heat: .*$", heat, text, count=1, flags=re.M) if "heat:" in text
              else text.replace("---\n", f"---\n{heat}\n", 1))

    def add_item():  # patched, unless its topic has no other story (taken out below): the topic comes back
        n = next(counter)
        path = root / f"content/news/new-{n}.md"
        write(path, item(f"Fresh story {n}", f"2026-11-{rng.randint(10, 21)}T0{rng.randint(0, 9)}:00:00Z",
                         topics=rng.choice(["[AI]", "[Space]", "[AI, Space]"])))
        return topics_kept(path, named(path.read_text()))

    def named(text: str) -> set:  # the topics an item file names
        return set(re.search(r"^topics: \[(.*)\]$", text, re.M).group(1).split(", "))

    def topics_kept(path: Path, names: set) -> bool:  # whether the site's other items name each of these topics
        return names <= {name for other in items() if other != path for name in named(other.read_text())}

    def delete_item():  # patched, unless it takes the last story away from a topic: it goes
        if len(items()) > 2:
            path = rng.choice(items())
            fast = topics_kept(path, named(path.read_text()))
            path.unlink()
            return fast

    def change_topic(topics=None):  # to topics of the site (config.yaml defines them): it moves, patched too
        path = rng.choice(items())
        text = path.read_text()
        topics = topics or rng.choice(["[AI]", "[Space]", "[AI, Space]"])
        write(path, re.sub(r"^topics: .*$", f"topics: {topics}", text, count=1, flags=re.M))
        # ... unless it took the last story away from a topic (new_topic's): it goes
        return topics_kept(path, named(text) - named(f"topics: {topics}"))

    def new_topic():  # a topic the site has not had: a page more, and a name in every page's menu
        change_topic(f"[Topic {next(counter)}]")

    def join_story():  # another story's headline and words: it joins that story (or leaves its own)
        path, other = rng.sample(items(), 2)
        title = re.search(r"^title: (.*)$", other.read_text(), re.M).group(1)
        write(path, re.sub(r"^title: .*$", f"title: {title}", path.read_text(), count=1, flags=re.M))

    def change_date():  # a new date: the story moves in Latest and its lists, and its page moves
        path = rng.choice(items())
        write(path, re.sub(r"^publishedDateTime: .*$", f"publishedDateTime: 2026-11-{rng.randint(10, 21)}T"
                           f"{rng.randint(10, 23)}:{next(counter) % 60:02}:00Z", path.read_text(), count=1, flags=re.M))

    def edit_template():
        text = template.read_text()  # inside the card macro, so that every card shows it
        write(template, text.replace("</article>", f"</article><!-- card {next(counter)} -->", 1))

    def edit_css():
        write(root / "static/css/extra.css", f"p {{ margin: {next(counter)}px; }}\n")

    def edit_config():
        config = root / "config.yaml"
        write(config, re.sub(r"items_per_page: \d+", f"items_per_page: {rng.randint(1, 4)}", config.read_text()))

    def take_out(path: Path, text: str) -> bool:  # a save that leaves the item out of the site, as a deletion would
        fast = topics_kept(path, named(path.read_text()))  # (unless it took the last story away from a topic)
        aside[path] = path.read_text()
        write(path, text)
        return fast

    def break_item():  # a save that makes the item invalid: left out, its error in the overlay, until mended
        if len(items()) < 4:
            return add_item()  # (the other edits need a few)
        path = rng.choice(items())
        text = path.read_text()
        how = rng.choice(["yaml", "date", "title", "cut"])
        if how == "yaml":
            text = text.replace("title: ", "title: [", 1)
        elif how == "date":
            text = re.sub(r"^publishedDateTime: .*$", "publishedDateTime: 2026-13-45T10:00:00Z", text, count=1,
                          flags=re.M)
        elif how == "title":
            text = re.sub(r"^title: .*$", "title: ''", text, count=1, flags=re.M)
        else:  # a file cut mid-way (saved by a crashed editor): its front matter is not closed
            text = text[: rng.randint(4, text.index("\n---", 4))]
        return take_out(path, text)

    def withhold_item():  # a draft, or dated after serve's clock: held back, as a build holds it back
        if len(items()) < 4:
            return add_item()
        path = rng.choice(items())
        text = path.read_text()
        if rng.random() < 0.5:
            text = text.replace("---\n", "---\npublished: false\n", 1)
        else:
            text = re.sub(r"^publishedDateTime: .*$", f"publishedDateTime: 2026-12-{rng.randint(1, 28):02}T10:00:00Z",
                          text, count=1, flags=re.M)
            future.append(f"note: content/news/{path.name}: dated in the future")
        return take_out(path, text)

    def restore_item():  # a broken or withheld file mended: its story is back (a topic it alone named too)
        if not aside:
            return break_item()
        path = rng.choice(sorted(aside))
        write(path, aside.pop(path))
        return topics_kept(path, named(path.read_text()))  # (a topic back is a name in every page's menu)

    edits = [change_title, join_story, break_item, change_body, change_heat, add_item, delete_item, change_topic,
             withhold_item, restore_item, change_date, join_story, new_topic, break_item, edit_template,
             restore_item, edit_css, edit_config, withhold_item, break_item, restore_item]
    patched = {change_title, change_body, change_heat, change_topic, change_date, add_item, delete_item,
               join_story, break_item, withhold_item, restore_item}  # serve/fastpath.py
    # Those that take the fast path even when items join or leave a story (an item added or deleted, for the plan)
    story_fast = {add_item, delete_item, break_item, withhold_item, restore_item}

    said_by_build: list = []

    def stories(out: Path) -> list:  # a full build into `out`: its stories of two or more items, as --report gives them
        result = build(load_config(root / "config.yaml", {"output_dir": str(out)}), BuildOptions())
        said_by_build[:] = _printed_problems(result.site)
        return result.report()["stories"]

    def files() -> dict:
        return {path.name: path.read_text() for path in (root / "content/news").glob("*.md")}

    last, story_edits, story_patches = stories(tmp_path / "fresh-start"), 0, 0
    lines = Lines()
    dev = start(root, echo=lines)
    try:
        for step in range(len(edits) + 4):
            change = edits[step] if step < len(edits) else rng.choice(edits)
            before, written, printed = len(dev.rebuilds), files(), len(lines)
            future.clear()
            fast = change() is not False and change in patched
            record = settle(dev, before)
            assert record.error == "", record.error
            fresh = tmp_path / f"fresh-{step}"
            now, edited = stories(fresh), {name for name, text in files().items() if written.get(name) != text}
            in_story = now != last or any(name.endswith("/" + e) for story in (*last, *now) for name in story["items"]
                                          for e in edited)
            # Edits of one item take the fast path (generator/serve/fastpath.py), unless they change a story
            # (it may, when the item is in one); the others plan the site again.
            assert (record.mode == "patch") == fast or (fast and in_story and change not in story_fast), (
                change.__name__, record.mode)
            story_edits += now != last
            story_patches += record.mode == "patch" and now != last
            last = now
            expected, served = files_under(fresh), files_under(root / "output")
            assert sorted(served) == sorted(expected), f"after {change.__name__}"
            for name, data in expected.items():
                assert served[name] == data, f"{name} differs after {change.__name__}"
                if name.endswith(".html"):
                    status, _, body = get(dev, "/repo/" + name)
                    assert status == 200
                    assert _strip_injection(body) == data, f"/repo/{name} as served differs after {change.__name__}"
            # Each page says the problems `newsdesk build` prints, those of the files saved broken in the overlay
            overlay, notice = _said(get(dev, "/repo/")[2])
            assert sorted(overlay + notice) == sorted(said_by_build), f"after {change.__name__}"
            assert sorted(overlay) == sorted(line for line in said_by_build if line.startswith("error: ") and any(
                f"content/news/{path.name}:" in line for path in aside)), f"after {change.__name__}"
            assert all(any(note in line for line in lines[printed:]) for note in future), lines[printed:]
        assert story_edits  # items joined or left stories (join_story, ...), and serve followed
        assert story_patches  # on the fast path too (an item added, deleted, broken or mended)
    finally:
        dev.stop()


@pytest.mark.slow
def test_serve_keeps_the_search_index_up_to_date_after_edits(tmp_path, site):
    from generator.plan.search_files import SEARCH_FOLDER

    def indexed(word):
        shard = site / "output" / SEARCH_FOLDER / f"terms/{word[:2]}.json"
        return shard.is_file() and word in json.loads(shard.read_text())["terms"]  # (words that are their own stem)

    lines = Lines()
    dev = start(site, echo=lines)
    try:
        story = next((site / "content").rglob("*.md"))
        for word in ("quillwort", "bladderwrack"):  # a text edit (the fast path), twice: the second undoes the first
            before = len(dev.rebuilds)
            text = story.read_text()
            write(story, re.sub(r"\n(quillwort|bladderwrack)\n", "\n", text) + f"\n{word}\n")
            settle(dev, before)  # idle: the index is up to date too
            assert indexed(word), word
        assert not indexed("quillwort")
        assert "search index updated in" in lines.text
        before = len(dev.rebuilds)
        write(site / "config.yaml", CONFIG + "search: false\n")  # turned off: the index goes
        settle(dev, before)
        assert not (site / "output" / "search").exists()
        before = len(dev.rebuilds)
        write(site / "config.yaml", CONFIG)  # and on again: it comes back, as a full build makes it
        settle(dev, before)
        fresh = load_config(site / "config.yaml", {"output_dir": str(tmp_path / "fresh")})
        build(fresh, BuildOptions())
        assert files_under(site / "output" / SEARCH_FOLDER) == files_under(tmp_path / "fresh" / SEARCH_FOLDER)
        status, _, body = get(dev, "/repo/search/index/meta.json")
        assert status == 200 and json.loads(body)["docs"] > 0
    finally:
        dev.stop()


# --- the command ----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_port_in_use_is_a_clear_error_or_the_next_free_one(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config_file = site / "config.yaml"
        with pytest.raises(NewsdeskError) as error:
            DevServer(lambda: load_config(config_file), BuildOptions(), config_file, port=port).start()
        assert f"127.0.0.1:{port}: port already in use" in str(error.value)
        assert "--port 0" in str(error.value)
        lines = Lines()
        dev = DevServer(lambda: load_config(config_file), BuildOptions(), config_file, port=port,
                        next_free_port=True, echo=lines)
        dev.start()
        try:
            assert dev.port != port
            assert f"Port {port} is in use; using {dev.port} instead." in lines
        finally:
            dev.stop()


def _serve_command(site: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    # A shell that starts the tests in the background ignores SIGINT, and children inherit that: undo it, as a
    # terminal would have it, so that the SIGINT below is Ctrl-C.
    return subprocess.Popen([sys.executable, "-m", "generator", "serve", "--config", str(site / "config.yaml"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=site,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _read_address(process: subprocess.Popen) -> str:
    for line in process.stdout:
        match = re.search(r"at (http://\S+) \(Ctrl-C to stop\)", line)
        if match:
            return match.group(1)
    raise AssertionError("serve printed no address; stderr: " + process.stderr.read())


@pytest.mark.slow  # serve as a process of its own
def test_ctrl_c_stops_serve_cleanly(site):
    process = _serve_command(site, "--port", "0")
    try:
        url = _read_address(process)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/repo/", url)
        host, port = url.split("/")[2].split(":")
        held = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)  # a browser's poll, left waiting
        held.request("GET", "/__newsdesk/livereload?since=999&server=" + _server_id(host, int(port)))
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode in (0, 130)
    assert "Traceback" not in err, err
    assert "Stopped." in out


@pytest.mark.slow
def test_debug_shows_newsdesks_own_lines_not_every_file_event_of_its_libraries(site):
    # `--debug` is what a crash's message says to run for the traceback: it showed watchdog's line for every
    # file opened or closed under the site and the theme, hundreds at each start, burying it.
    process = _serve_command(site, "--port", "0", "--debug")
    try:
        url = _read_address(process)
        host, port = url.split("/")[2].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
        connection.request("GET", "/repo/")
        assert connection.getresponse().status == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
    assert re.search(r'^debug: 127\.0\.0\.1 "GET /repo/ HTTP/1\.1" 200', err, re.M), err  # newsdesk's own
    assert "Inotify" not in err and "watchdog" not in err


def _server_id(host: str, port: int) -> str:
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    connection.request("GET", "/repo/")
    body = connection.getresponse().read()
    return re.search(rb'data-server="(\w+)"', body).group(1).decode()


@pytest.mark.slow
def test_serve_rebuilds_and_stops_on_sigterm_too(site):
    port = _free_port()
    process = _serve_command(site, "--port", str(port))
    try:
        url = _read_address(process)
        assert url == f"http://127.0.0.1:{port}/repo/"
        edit(site / "content/news/rocket.md", "lands twice", "lands at sea")
        line = process.stdout.readline()
        assert line.startswith("content/news/rocket.md changed: "), line
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode in (0, 130) and "Traceback" not in err, err


def test_resolve_request(tmp_path):
    from generator.serve.routes import resolve_request

    out = tmp_path / "out"
    (out / "a b").mkdir(parents=True)
    (out / "a b" / "index.html").write_text("x")
    (out / "evil.com").mkdir()
    (out / "evil.com" / "index.html").write_text("x")
    (out / "f.css").write_text("x")
    assert resolve_request(out, "/", "/") is None  # no index.html at the top
    assert resolve_request(out, "/", "/f.css?v=1") == (out / "f.css").resolve()
    assert resolve_request(out, "/", "/a%20b/") == (out / "a b" / "index.html").resolve()
    assert resolve_request(out, "/", "/a%20b") == "/a%20b/"
    assert resolve_request(out, "/", "//evil.com") == "/evil.com/"  # never `//evil.com/`: another site
    assert resolve_request(out, "/repo/", "/repo") == "/repo/"
    assert resolve_request(out, "/repo/", "/") == "/repo/"
    assert resolve_request(out, "/repo/", "/f.css") is None
    assert resolve_request(out, "/repo/", "/repo/./f.css") == (out / "f.css").resolve()
    for bad in ("/repo/../out/f.css", "/repo/%2e%2e/out/f.css", "/repo/f.css%00", "/repo/%ff.css", "/repo/a%5cb"):
        assert resolve_request(out, "/repo/", bad) is None, bad
    assert resolve_request(tmp_path / "missing", "/", "/f.css") is None


def test_requested_name_is_the_file_a_request_names_there_or_not():
    # (serve answers a request for a file deleted for good at once while an edit's last files are written)
    from generator.serve.routes import requested_name

    assert requested_name("/", "/") == "index.html"
    assert requested_name("/repo/", "/repo/") == "index.html"
    assert requested_name("/repo/", "/repo/news/gone-story/?x=1") == "news/gone-story/index.html"
    assert requested_name("/repo/", "/repo/a%20b/./f.css#top") == "a b/f.css"
    assert requested_name("/repo/", "/repo/news/gone-story") == "news/gone-story"  # (a file, or a folder's redirect)
    for bad in ("/elsewhere/", "/repo/../f.css", "/repo/%2e%2e/f.css", "/repo/f.css%00", "/repo/%ff.css", "/repo/a%5cb"):
        assert requested_name("/repo/", bad) is None, bad


def _story_page(site: Path, title: str) -> str:
    """The output name of the story page of `title` (other story pages name it too, under "More on ...")."""
    for page in sorted((site / "output/news").rglob("index.html")):
        if f"<h1>{title}</h1>".encode() in page.read_bytes():
            return page.relative_to(site / "output").as_posix()
    raise AssertionError(f"no story page shows {title!r}")


@pytest.mark.slow
def test_a_patch_that_cannot_be_written_says_so_on_the_page(site, monkeypatch):
    from generator.build import writer
    from generator.serve import rebuild

    def full(output, *args):  # what the writer raises when the disk is full (tests/test_interrupted_writes.py)
        raise writer.write_error(OSError(28, "No space left on device", str(output / "index.html")), output)

    monkeypatch.setattr(rebuild, "update_in_place", full)  # the fast path's write
    dev = start(site)
    try:
        rocket = _story_page(site, "Reusable rocket lands twice")
        before = len(dev.rebuilds)
        edit(site / "content/news/rocket.md", "lands twice", "lands a third time")
        record = settle(dev, before)
        assert "the disk is full" in record.error and "free some space" in record.error
        assert f"{site / 'output'}:" in record.error
        assert b"the disk is full" in get(dev, "/repo/")[2]  # the error overlay
        body = get(dev, "/repo/" + rocket.removesuffix("index.html"))[2]
        assert _strip_injection(body) == (site / "output" / rocket).read_bytes()  # what is on disk, not the patch
    finally:
        dev.stop()


def test_an_item_saved_for_later_or_as_a_draft_is_said_to_stay_out(site):
    # Each was missing from every page without a word (a draft's save: "0 of N pages rebuilt"); serve's clock stands
    # still until a restart.
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        for name, title, text, said in (
                ("later.md", "Later today", item("Later today", "2026-11-22T18:00:00Z"),
                 "dated in the future (2026-11-22T18:00:00+00:00): left out until then (serve reads the clock when it "
                 "starts: restart it then, or serve with --future)"),
                ("draft.md", "Not ready yet", item("Not ready yet", published="false"),
                 "a draft: left out of the site (serve with --drafts to see drafts; `published: true` publishes it)")):
            before = len(dev.rebuilds)
            write(site / "content/news" / name, text)
            rebuilt(dev, before)
            assert f"stderr: note: content/news/{name}: {said}" in lines
            assert title.encode() not in get(dev, "/repo/latest/")[2]
    finally:
        dev.stop()


def test_an_edited_item_naming_a_topic_data_dir_declares_is_not_refused(tmp_path):
    # serve checks an edited item as the build reads it: with the topics data_dir declares too
    files = {**ITEMS, "data/topics/robotics.yaml": "name: Robotics\n_id: robotics\n"}
    root = make_site(tmp_path / "site", files, CONFIG + "data_dir: data\nundeclared_topics: error\n")
    dev = start(root)
    try:
        assert dev.rebuilds[0].error == ""
        before = len(dev.rebuilds)
        write(root / "content/news/robots.md", item("Robots learn to fold laundry", "2026-11-20T10:00:00Z",
                                                     topics="[Robotics]"))
        assert rebuilt(dev, before).error == ""
        assert b"Robots learn to fold laundry" in get(dev, "/repo/topics/robotics/")[2]
        before = len(dev.rebuilds)
        write(root / "content/news/robots.md", item("Robots learn to fold laundry", "2026-11-20T10:00:00Z",
                                                     topics="[Robtics]"))
        assert "topic `Robtics` is not declared; did you mean `Robotics`?" in rebuilt(dev, before).left_out
    finally:
        dev.stop()
