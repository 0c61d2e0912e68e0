"""What the terminal says of a build besides its problems, alike from build, check and serve: why a site has no
items (BuildResult.note), and its counts in words ("1 file changed")."""

from __future__ import annotations

import html
import re

import pytest

from conftest import item, make_site
from generator import cli
from generator.publish.deploy import Changes
from test_server import Lines, edit, get, rebuilt, start, write

CONFIG = 'title: Notes\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n'
EMPTY_NOTE = ("stderr: note: content/: the content folder has no items (files ending in .md): put them there "
              "(`newsdesk check --help` shows an item's format), or name the folder that has them with `content_dir` "
              "in config.yaml or --content")


def test_serve_says_why_a_site_has_no_items_as_build_and_check_do(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path / "site", {"static/data.json": "{}\n"}, CONFIG)
    monkeypatch.chdir(site)
    for command in ("build", "check"):
        assert cli.main([command]) == 0
        assert EMPTY_NOTE.removeprefix("stderr: ") + "\n" in capsys.readouterr().err
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        assert lines.count(EMPTY_NOTE) == 1, lines
        before = len(dev.rebuilds)
        write(site / "content/one.md", item("One"))
        rebuilt(dev, before)
        before = len(dev.rebuilds)
        edit(site / "static/data.json", "{}", "[]")  # a build with items again: no note, and none repeated
        rebuilt(dev, before)
        assert lines.count(EMPTY_NOTE) == 1, lines
        before = len(dev.rebuilds)
        (site / "content/one.md").unlink()  # empty again: said again
        rebuilt(dev, before)
        assert lines.count(EMPTY_NOTE) == 2, lines
    finally:
        dev.stop()


SECTION_NOTE = ("stderr: note: content/posts/_index.md: not read: a Hugo section's list page (`_index.md`), not a "
                "news item (nothing to do: newsdesk makes the list pages itself (a topic's, a type's); keep the file "
                "for Hugo, or remove it)")


def test_serve_says_a_hugo_section_s_note_once_on_the_terminal_and_not_on_its_pages(tmp_path, monkeypatch):
    """A note is nothing wrong: serve says it once, as a build does, not again at each rebuild, and no page carries
    it as a problem; a second section's `_index.md` makes it a new note, said once."""
    site = make_site(tmp_path / "site", {"content/posts/_index.md": "---\ntitle: Posts\n---\n",
                                         "content/one.md": item("One"), "content/world/two.md": item("Two")},
                     CONFIG)
    monkeypatch.chdir(site)
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        assert lines.count(SECTION_NOTE) == 1, lines
        before = len(dev.rebuilds)
        edit(site / "content/one.md", "One", "One again")
        rebuilt(dev, before)
        assert lines.count(SECTION_NOTE) == 1, lines
        status, _, body = get(dev, "/")
        page = body.decode("utf-8")
        assert status == 200 and "One again" in page, page
        assert "_index.md" not in page and "newsdesk-notice" not in page, page
        before = len(dev.rebuilds)
        write(site / "content/world/_index.md", "---\ntitle: World\n---\n")
        rebuilt(dev, before)
        assert lines.count(SECTION_NOTE.replace(" (nothing", ", as is content/world/_index.md (nothing")) == 1, lines
    finally:
        dev.stop()


def test_a_site_with_items_gets_no_note_and_its_warning_count_stays(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path / "site", {"content/one.md": item("One")}, CONFIG)
    monkeypatch.chdir(site)
    assert cli.main(["build"]) == 0
    captured = capsys.readouterr()
    assert "note:" not in captured.err
    assert re.search(r" from 1 item, 0 errors, 0 warnings, [\d.]+ s$", captured.out.rstrip()), captured.out


def test_one_file_changed_is_said_in_the_singular_by_build_and_serve(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path / "site", {"content/one.md": item("One"), "static/data.json": "{}\n"}, CONFIG)
    monkeypatch.chdir(site)
    assert cli.main(["build"]) == 0
    capsys.readouterr()
    (site / "static/data.json").write_text("[]\n")
    assert cli.main(["build"]) == 0
    assert "(0 rendered, 1 file changed, 0 removed) from 1 item, " in capsys.readouterr().out
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out.startswith("1 item OK, ")
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        before = len(dev.rebuilds)
        edit(site / "static/data.json", "[]", "{}")
        rebuilt(dev, before)
        assert re.fullmatch(r"static/data\.json changed: 0 of \d+ pages rebuilt, 1 file changed, 0 removed, \d+ ms",
                            lines[-1]), lines
    finally:
        dev.stop()


def test_deploys_summary_counts_one_file_in_the_singular():
    changes = Changes(files=("index.html",), added=("index.html",), changed=(), removed=())
    assert changes.summary() == "0 changed, 1 added, 0 removed (of 1 file)"


def test_serve_says_a_broken_items_error_as_build_does(tmp_path, monkeypatch, capsys):
    """serve printed a broken item's problem bare (`content/bad.md:3: ...`) where build and check print
    `error: ... [left out]`; its page's notice so too, and it said all of them were left out, warnings too."""
    files = {"content/one.md": item("One", topics="[Undeclared]"), "content/bad.md": item("Bad", date="yesterday")}
    site = make_site(tmp_path / "site", files, CONFIG + "topics:\n  - name: Declared\n")
    monkeypatch.chdir(site)
    assert cli.main(["build"]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if line.startswith(("error:", "warning:"))]
    assert [line.split(":")[0] for line in said] == ["error", "warning"], said
    assert said[0].startswith("error: content/bad.md:") and said[0].endswith(" [left out]"), said
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        shown = [line.removeprefix("stderr: ") for line in lines
                 if line.startswith(("stderr: error", "stderr: warning"))]
        assert shown == said, lines
        status, _, body = get(dev, "/")
        assert status == 200 and html.escape(said[0]).encode() in body
        assert b"an error's item is left out" in body and b"without these" not in body
    finally:
        dev.stop()


@pytest.mark.slow  # serve as a process of its own
def test_serve_open_without_a_browser_says_to_open_the_address(tmp_path):
    """`newsdesk serve --open` on a machine without a browser (over ssh, a container) opened nothing and said
    nothing. BROWSER=false is a browser that fails, as none found does."""
    import os
    import signal
    import subprocess
    import sys
    import threading

    from conftest import ROOT

    site = make_site(tmp_path / "site", {"content/one.md": item("One")}, CONFIG)
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0", "--open"], cwd=site,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**env, "BROWSER": "false", "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"})
    watchdog = threading.Timer(120, process.kill)  # (a line that never comes would block the reads below)
    watchdog.start()
    try:
        url = next(re.search(r"at (http://\S+) \(Ctrl-C to stop\)", line)[1] for line in process.stdout
                   if "Ctrl-C to stop" in line)
        said = next(line for line in process.stderr if "--open" in line)
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
        watchdog.cancel()
    assert said == f"note: --open found no web browser to open here: open {url} in yours\n"


def test_serve_says_where_the_site_is_when_base_urls_path_changes(tmp_path):
    site = make_site(tmp_path / "site", {"content/one.md": item("One")},
                     CONFIG.replace("https://example.org/", "https://example.org/news/"))
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        assert get(dev, "/news/")[0] == 200
        before = len(dev.rebuilds)
        edit(site / "config.yaml", "example.org/news/", "example.org/daily/")
        rebuilt(dev, before)
        assert f"base_url's path changed: the site is now at http://127.0.0.1:{dev.port}/daily/" in lines, lines
        assert get(dev, "/daily/")[0] == 200 and get(dev, "/news/")[0] == 404
        before = len(dev.rebuilds)
        edit(site / "config.yaml", "title: Notes", "title: Notes again")  # the same path: nothing said of it
        rebuilt(dev, before)
        assert sum("base_url's path changed" in line for line in lines) == 1, lines
    finally:
        dev.stop()
