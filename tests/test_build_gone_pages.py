"""A build that no longer writes a page the last build wrote names its address: links to it now find the 404 page.

An upgraded newsdesk that spells addresses anew (a Hindi word with a nukta), a renamed item file or topic: the
page moves, the old address is gone, and readers' and search engines' links with it, unless the user keeps it.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import item, make_site
from generator import cli

CONFIG = """\
title: Test News
base_url: https://example.org/news-site/
now: "2026-11-22T12:00:00Z"
items_per_page: 1
topics:
  - name: Harbour Works
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    root = make_site(tmp_path / "site", {
        "content/news/cranes.md": item("Cranes", topics="[Harbour Works]"),
        "content/news/tides.md": item("Tides", date="2026-11-21T08:00:00Z"),
    }, CONFIG)
    monkeypatch.chdir(root)
    monkeypatch.delenv("CI", raising=False)
    assert cli.main(["build"]) == 0
    return root


@pytest.mark.parametrize("cache", ["warm", "deleted"])
def test_a_build_names_the_pages_the_last_build_had_and_this_one_has_not(site, capsys, cache):
    before = {path.parent.relative_to(site / "output").as_posix() for path in (site / "output").rglob("index.html")}
    assert "latest/page/2" in before  # (a list's second page, which comes and goes with its items)
    (site / "content/news/cranes.md").rename(site / "content/news/harbour-cranes.md")
    config = (site / "config.yaml").read_text()
    (site / "config.yaml").write_text(config.replace("Harbour Works", "Harbour Work"))
    (site / "content/news/harbour-cranes.md").write_text(item("Cranes", topics="[Harbour Work]"))
    if cache == "deleted":  # as after an upgrade, whose build cache is of another format
        shutil.rmtree(site / ".newsdesk-cache")
    capsys.readouterr()
    assert cli.main(["build"]) == 0
    err = capsys.readouterr().err
    after = {path.parent.relative_to(site / "output").as_posix() for path in (site / "output").rglob("index.html")}
    gone = sorted(before - after)
    assert gone == ["news/2026/11/20/cranes", "topics/harbour-works"], gone
    note = [line for line in err.splitlines() if "gone" in line]
    assert len(note) == 1, err
    for page in gone:  # as a reader types the address: base_url's path included
        assert f"https://example.org/news-site/{page}/" in note[0]
    assert "/latest/page/2/" not in note[0] and "latest/page/2" in after
    assert "`aliases:`" in note[0] and "`redirects:`" in note[0]
    # The file renamed and edited, without a link of its own: nothing says the new item is the old one
    assert "404 page: moved" not in note[0]
    assert ("removed, as no item has" in note[0]) == (cache == "warm"), note[0]


def _gone_note(capsys) -> str:
    capsys.readouterr()
    assert cli.main(["build"]) == 0
    note = [line for line in capsys.readouterr().err.splitlines() if " gone, so links" in line]
    assert len(note) == 1, note
    return note[0]


def test_a_deleted_item_is_named_removed_and_not_moved(site, capsys):
    (site / "content/news/cranes.md").unlink()
    note = _gone_note(capsys)
    # (the topic's page went with its only item)
    assert note == ("note: output/: 2 pages the last build wrote are gone, so links to them find the 404 page: "
                    "removed, as no item has them now (deleted, a draft or left out; if one was renamed and edited "
                    "as well, keep its old path in its item's `aliases:` or in `redirects:` in config.yaml): "
                    "https://example.org/news-site/news/2026/11/20/cranes/, "
                    "https://example.org/news-site/topics/harbour-works/ (docs/configuration.md#old-addresses)"), note
    assert "404 page: moved" not in note


@pytest.mark.parametrize("how", ["slug", "file renamed", "file renamed and edited, same link"])
def test_an_item_at_a_new_address_is_named_moved_with_both_addresses(site, capsys, how):
    old = site / "content/news/tides.md"
    if how == "slug":
        old.write_text(item("Tides", date="2026-11-21T08:00:00Z", slug="high-tides"))
        new = "tides"
    elif how == "file renamed":  # (its address comes from the file's name): the same bytes under another name
        old.rename(site / "content/news/high-tides.md")
        new = "tides"
    else:
        old.write_text(item("Tides", date="2026-11-21T08:00:00Z", originalUrl="https://example.com/tides"))
        assert cli.main(["build"]) == 0
        old.unlink()
        (site / "content/news/harbour-tides.md").write_text(
            item("Harbour tides", date="2026-11-21T08:00:00Z", originalUrl="https://example.com/tides"))
        new = "tides"
    note = _gone_note(capsys)
    there = "harbour-tides" if how.startswith("file renamed and edited") else "high-tides"
    assert (f"1 page the last build wrote is gone, so links to it find the 404 page: moved, as its item moved: "
            f"https://example.org/news-site/news/2026/11/21/{new}/ (now https://example.org/news-site/news/2026/11/21/"
            f"{there}/); to keep an old address, add its path after base_url (`/news/2026/11/21/{new}/`) to its "
            f"item's `aliases:`, or give the item its old `slug:` (docs/configuration.md#old-addresses)") in note, note
    assert "removed" not in note


@pytest.mark.parametrize("how", ["renamed", "its slug changed"])
def test_a_renamed_topic_is_named_moved_with_the_redirect_that_keeps_it(site, capsys, how):
    (site / "content/news/tides.md").write_text(item("Tides", date="2026-11-21T08:00:00Z", topics="[Harbour Works]"))
    assert cli.main(["build"]) == 0
    if how == "renamed":  # (in config.yaml and in each of its items)
        (site / "config.yaml").write_text(CONFIG.replace("Harbour Works", "Harbour Work"))
        for name, date in (("cranes", "2026-11-20T10:00:00Z"), ("tides", "2026-11-21T08:00:00Z")):
            (site / f"content/news/{name}.md").write_text(item(name.title(), date=date, topics="[Harbour Work]"))
        new = "harbour-work"
    else:
        (site / "config.yaml").write_text(CONFIG + "    slug: harbour\n")
        new = "harbour"
    note = _gone_note(capsys)
    assert note == (f"note: output/: 1 page the last build wrote is gone, so links to it find the 404 page: moved, "
                    f"as its items' topic is at another address now: "
                    f"https://example.org/news-site/topics/harbour-works/ "
                    f"(now https://example.org/news-site/topics/{new}/); to keep an old address (and its feeds), "
                    f"give the topic its old `slug:` in config.yaml, or add the old path after base_url to "
                    f"`redirects:` there (`/topics/harbour-works/: /topics/{new}/`) "
                    f"(docs/configuration.md#old-addresses)"), note
    assert (site / f"output/topics/{new}/index.html").is_file()
    # What the note says keeps it: the redirect, as written there
    config = (site / "config.yaml").read_text()
    (site / "config.yaml").write_text(config + f"redirects:\n  /topics/harbour-works/: /topics/{new}/\n")
    capsys.readouterr()
    assert cli.main(["build"]) == 0
    assert "gone" not in capsys.readouterr().err
    kept = (site / "output/topics/harbour-works/index.html").read_text(encoding="utf-8")
    assert f"https://example.org/news-site/topics/{new}/" in kept


def test_a_topic_whose_items_went_two_ways_is_not_named_moved(site, capsys):
    (site / "content/news/tides.md").write_text(item("Tides", date="2026-11-21T08:00:00Z", topics="[Harbour Works]"))
    assert cli.main(["build"]) == 0
    (site / "config.yaml").write_text(CONFIG.replace("Harbour Works", "Cranes") + "  - name: Tides\n")
    (site / "content/news/cranes.md").write_text(item("Cranes", topics="[Cranes]"))
    (site / "content/news/tides.md").write_text(item("Tides", date="2026-11-21T08:00:00Z", topics="[Tides]"))
    note = _gone_note(capsys)
    assert "moved" not in note.split("404 page: ")[1].split(";")[0] and "removed" not in note, note
    assert note.startswith("note: output/: 1 page the last build wrote is gone, so links to it find the 404 page: "
                           "https://example.org/news-site/topics/harbour-works/; to keep the address"), note


def test_a_build_after_an_upgrade_still_names_the_item_that_moved(site, capsys):
    """The build cache of another newsdesk version is not read (every page is made anew); the pages it kept are."""
    import pickle

    with (site / ".newsdesk-cache/build.pickle").open("wb") as handle:  # (as an older newsdesk leaves it)
        pickle.dump((("0.0.1", 1, "13.0.0", "3.0.0"), None), handle)
    (site / "content/news/tides.md").rename(site / "content/news/high-tides.md")
    note = _gone_note(capsys)
    assert (": moved, as its item moved: https://example.org/news-site/news/2026/11/21/tides/ (now "
            "https://example.org/news-site/news/2026/11/21/high-tides/);") in note, note


def test_a_deleted_list_page_or_an_unchanged_build_names_no_page(site, capsys):
    (site / "content/news/tides.md").unlink()  # its page goes, and Latest's second page
    (site / "content/news/tides.md").write_text(item("Tides", date="2026-11-21T08:00:00Z"))
    capsys.readouterr()
    assert cli.main(["build"]) == 0
    assert "gone" not in capsys.readouterr().err
    (site / "config.yaml").write_text(CONFIG.replace("items_per_page: 1", "items_per_page: 5"))
    assert cli.main(["build"]) == 0
    assert not (site / "output/latest/page/2").exists()
    assert "gone" not in capsys.readouterr().err


def test_the_note_names_ten_pages_and_counts_the_rest(site, capsys):
    for n in range(14):
        (site / f"content/news/story-{n}.md").write_text(item(f"Story {n}"))
    assert cli.main(["build"]) == 0
    for n in range(14):
        (site / f"content/news/story-{n}.md").unlink()
    capsys.readouterr()
    assert cli.main(["build"]) == 0
    note = [line for line in capsys.readouterr().err.splitlines() if "gone" in line]
    assert len(note) == 1
    assert note[0].count("/news/2026/11/20/story-") == 10 and "and 4 more" in note[0]


def test_deploy_names_the_pages_the_published_branch_has_and_the_site_has_no_more(tmp_path, capsys):
    from test_deploy import bare, git, make_repo

    remote = tmp_path / "remote.git"
    repo = make_repo(tmp_path / "site", remote)
    deploy = ["deploy", "--config", str(repo / "config.yaml")]
    assert cli.main(deploy) == 0
    assert cli.main(["build", "--config", str(repo / "config.yaml")]) == 0  # (its cache knows the items' pages)
    published = bare(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "news/2026/11/12/story-2/index.html" in published
    git(repo, "mv", "content/news/story-2.md", "content/news/story-two.md")
    git(repo, "commit", "-qm", "Rename a story")
    capsys.readouterr()
    assert cli.main([*deploy, "--dry-run"]) == 0
    for run in (capsys.readouterr().err, (cli.main(deploy), capsys.readouterr().err)[1]):
        note = [line for line in run.splitlines() if "gone" in line]
        assert len(note) == 1, run
        assert note[0].startswith("note: gh-pages: 1 page origin's gh-pages has is gone, so links to it find the 404 "
                                  "page: moved, as its item moved: ")
        assert ("https://example.github.io/repo/news/2026/11/12/story-2/ (now "
                "https://example.github.io/repo/news/2026/11/12/story-two/)") in note[0], note
        assert "(`/news/2026/11/12/story-2/`) to its item's `aliases:`" in note[0]
    assert "news/2026/11/12/story-2/index.html" not in bare(remote, "ls-tree", "-r", "--name-only", "gh-pages")


def test_deploy_says_moved_and_removed_of_what_the_builds_before_it_saw(tmp_path, capsys):
    """Edit, build, look, deploy: the build saw the moves and said so; deploy, which compares the published branch
    with the site, says the same of them, from the pages the builds kept (not the whole build cache)."""
    from test_deploy import ITEMS, bare, git, make_repo

    remote = tmp_path / "remote.git"
    repo = make_repo(tmp_path / "site", remote)
    config = ["--config", str(repo / "config.yaml")]
    assert cli.main(["deploy", *config]) == 0
    assert cli.main(["build", *config]) == 0
    # The topic renamed (config.yaml and every item), an item's slug changed, another item deleted
    (repo / "config.yaml").write_text((repo / "config.yaml").read_text().replace("Science", "Sciences"))
    for name, text in ITEMS.items():
        text = text.replace("[Science]", "[Sciences]")
        (repo / name).write_text(text.replace("---\nBody", "slug: second-story\n---\nBody") if "story-2" in name
                                 else text)
    (repo / "content/news/story-3.md").unlink()
    capsys.readouterr()
    assert cli.main(["build", *config]) == 0
    assert "moved" in capsys.readouterr().err
    assert cli.main(["build", *config]) == 0  # (a build more, which removes no page)
    assert "gone" not in capsys.readouterr().err
    (repo / ".newsdesk-cache/build.pickle").unlink()  # (deploy reads only what the note needs)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Rename a topic and a story, delete a story")
    assert cli.main(["deploy", *config]) == 0
    note = [line for line in capsys.readouterr().err.splitlines() if "gone" in line]
    assert len(note) == 1, note
    site = "https://example.github.io/repo"
    assert note[0].startswith(
        f"note: gh-pages: 3 pages origin's gh-pages has are gone, so links to them find the 404 page: moved, as its "
        f"item moved: {site}/news/2026/11/12/story-2/ (now {site}/news/2026/11/12/second-story/); to keep an old "
        f"address, add its path after base_url (`/news/2026/11/12/story-2/`) to its item's `aliases:`, or give the "
        f"item its old `slug:`; moved, as its items' topic is at another address now: {site}/topics/science/ (now "
        f"{site}/topics/sciences/); "), note
    assert "removed, as no item has it now (" in note[0] and f"): {site}/news/2026/11/13/story-3/ (" in note[0]
    assert "other pages" not in note[0]
    published = bare(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "topics/sciences/index.html" in published and "topics/science/index.html" not in published


def test_deploy_says_a_topic_moved_when_the_build_before_it_saw_only_that(tmp_path, capsys):
    """No item's page moved: only the topic's address (its slug), which the build before deploy already used."""
    from test_deploy import git, make_repo

    repo = make_repo(tmp_path / "site", tmp_path / "remote.git")
    config = ["--config", str(repo / "config.yaml")]
    assert cli.main(["deploy", *config]) == 0
    assert cli.main(["build", *config]) == 0
    (repo / "config.yaml").write_text((repo / "config.yaml").read_text() + "    slug: sci\n")
    assert cli.main(["build", *config]) == 0
    (repo / "content/news/story-1.md").write_text((repo / "content/news/story-1.md").read_text() + "More.\n")
    assert cli.main(["build", *config]) == 0  # (a build more, of an edit)
    git(repo, "commit", "-qam", "A shorter address for Science")
    capsys.readouterr()
    assert cli.main(["deploy", *config]) == 0
    note = [line for line in capsys.readouterr().err.splitlines() if "gone" in line]
    site = "https://example.github.io/repo"
    assert len(note) == 1 and (f"1 page origin's gh-pages has is gone, so links to it find the 404 page: moved, as "
                               f"its items' topic is at another address now: {site}/topics/science/ (now "
                               f"{site}/topics/sci/);") in note[0], note


def test_deploy_is_told_of_the_pages_builds_removed_most_recently(tmp_path, capsys, monkeypatch):
    """The cache keeps the pages builds removed up to a bound (as many as the site has items, at least a
    thousand: here one), the oldest dropped first: deploy names the older ones without saying where they went."""
    from test_deploy import git, make_repo

    from generator.build import cache

    monkeypatch.setattr(cache, "_GONE_KEPT", 1)
    repo = make_repo(tmp_path / "site", tmp_path / "remote.git")
    config = ["--config", str(repo / "config.yaml")]
    assert cli.main(["deploy", *config]) == 0
    assert cli.main(["build", *config]) == 0
    for n in (1, 2, 3):  # (a build after each)
        (repo / f"content/news/story-{n}.md").unlink()
        assert cli.main(["build", *config]) == 0
    git(repo, "commit", "-qam", "Delete three stories")
    capsys.readouterr()
    assert cli.main(["deploy", *config]) == 0
    note = [line for line in capsys.readouterr().err.splitlines() if "gone" in line]
    assert len(note) == 1, note
    site = "https://example.github.io/repo"
    assert (f"): {site}/news/2026/11/13/story-3/; other pages: {site}/news/2026/11/11/story-1/, "
            f"{site}/news/2026/11/12/story-2/; to keep") in note[0], note


HINDI = """\
title: "खबरें"
base_url: https://example.org/hi/
language: hi
now: "2026-11-22T12:00:00Z"
topics:
  - name: "ज़्यादा ख़बरें"
"""


@pytest.mark.slow
def test_a_site_the_last_release_built_upgrades_and_is_told_of_the_pages_that_moved(tmp_path, capsys):
    """Session 41's newsdesk (test_fetch_upgrade.OLD) built a Hindi site, output, cache and all; this one spells a
    letter with a nukta anew (`ज़्यादा`: j-yada then, zyada now), so the item's page and the topic's move."""
    from conftest import clean_build, files_under
    from test_fetch_upgrade import old, old_newsdesk

    released = old_newsdesk(tmp_path / "old")
    site = make_site(tmp_path / "site", {
        "content/news/2026-11-20-क्या-ज़्यादा-पढ़ें.md": item("क्या ज़्यादा पढ़ें", topics='["ज़्यादा ख़बरें"]'),
        "content/news/2026-11-21-tides.md": item("Tides", date="2026-11-21T08:00:00Z"),
    }, HINDI)
    old(released, site, "build")
    assert (site / "output/news/2026/11/20/kya-j-yada-pdh-em/index.html").is_file()
    assert (site / "output/topics/j-yada-kh-brem/feed.xml").is_file()

    assert cli.main(["build", "--config", str(site / "config.yaml")]) == 0
    note = [line for line in capsys.readouterr().err.splitlines() if "gone" in line]
    assert len(note) == 1 and "2 pages the last build wrote are gone" in note[0], note
    assert "/news/2026/11/20/kya-j-yada-pdh-em/" in note[0] and "/topics/j-yada-kh-brem/" in note[0]
    output = files_under(site / "output")
    assert output == clean_build(site, tmp_path / "fresh")  # the old cache and output left nothing behind

    # What the note says keeps them: the topic's old slug (its feeds too), the item's old address as an alias.
    (site / "config.yaml").write_text(HINDI + "    slug: j-yada-kh-brem\n", encoding="utf-8")
    page = site / "content/news/2026-11-20-क्या-ज़्यादा-पढ़ें.md"
    page.write_text(item("क्या ज़्यादा पढ़ें", topics='["ज़्यादा ख़बरें"]',
                         aliases='["/news/2026/11/20/kya-j-yada-pdh-em/"]'), encoding="utf-8")
    assert cli.main(["build", "--config", str(site / "config.yaml")]) == 0
    note = [line for line in capsys.readouterr().err.splitlines() if "gone" in line]
    assert len(note) == 1 and "1 page the last build wrote is gone" in note[0], note
    # (the topic's address of one build, which its old slug took over)
    assert (": moved, as its items' topic is at another address now: https://example.org/hi/topics/zyada-khbrem/ (now "
            "https://example.org/hi/topics/j-yada-kh-brem/);") in note[0], note
    assert (site / "output/topics/j-yada-kh-brem/feed.xml").is_file()
    moved = (site / "output/news/2026/11/20/kya-j-yada-pdh-em/index.html").read_text(encoding="utf-8")
    assert "news/2026/11/20/kya-zyada-prhem/" in moved


class _Serve:
    """`newsdesk serve` in a process of its own, its lines gathered as they come."""

    def __init__(self, site):
        import os
        import signal
        import subprocess
        import sys
        import threading

        from conftest import ROOT

        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=site, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=lambda s=stream, got=lines: got.extend(s), daemon=True).start()

    def wait_for(self, lines: list[str], text: str, count: int = 1, timeout: float = 120) -> None:
        import time

        deadline = time.monotonic() + timeout
        while sum(text in line for line in list(lines)) < count:
            assert self.process.poll() is None and time.monotonic() < deadline, (text, self.out, self.err)
            time.sleep(0.05)

    def stop(self) -> None:
        import signal

        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


@pytest.mark.slow
def test_serve_names_the_pages_a_rebuild_removed_once_on_its_terminal(tmp_path):
    root = make_site(tmp_path / "site", {
        "content/news/cranes.md": item("Cranes", topics="[Harbour Works]"),
        "content/news/tides.md": item("Tides", date="2026-11-21T08:00:00Z"),
    }, CONFIG)
    serve = _Serve(root)
    try:
        serve.wait_for(serve.out, "Ctrl-C to stop")
        assert (root / "output/topics/harbour-works/index.html").is_file()
        # A topic's slug changed in config.yaml (the build), then an item's (serve's fast path)
        (root / "config.yaml").write_text(CONFIG + "    slug: harbour\n")
        serve.wait_for(serve.out, "config.yaml changed: ")
        serve.wait_for(serve.err, " gone, so links")
        (root / "content/news/cranes.md").write_text(item("Cranes", topics="[Harbour Works]", slug="harbour-cranes"))
        serve.wait_for(serve.out, "content/news/cranes.md changed: ")
        serve.wait_for(serve.err, " gone, so links", count=2)
        # An edit that removes no page says nothing of it
        (root / "content/news/tides.md").write_text(item("High tides", date="2026-11-21T08:00:00Z"))
        serve.wait_for(serve.out, "content/news/tides.md changed: ")
        (root / "content/news/tides.md").write_text(item("Tides", date="2026-11-21T08:00:00Z"))
        serve.wait_for(serve.out, "content/news/tides.md changed: ", count=2)
        # A plain delete: the page is removed, not moved
        (root / "content/news/tides.md").unlink()
        serve.wait_for(serve.err, " gone, so links", count=3)
    finally:
        serve.stop()
    notes = [line for line in serve.err if "gone" in line]
    assert notes.pop() == (
        "note: output/: 1 page the last build wrote is gone, so links to it find the 404 page: removed, as no item "
        "has it now (deleted, a draft or left out; if one was renamed and edited as well, keep its old path in its "
        "item's `aliases:` or in `redirects:` in config.yaml): https://example.org/news-site/news/2026/11/21/tides/ "
        "(docs/configuration.md#old-addresses)\n")
    assert notes == [
        "note: output/: 1 page the last build wrote is gone, so links to it find the 404 page: moved, as its items' "
        "topic is at another address now: https://example.org/news-site/topics/harbour-works/ (now "
        "https://example.org/news-site/topics/harbour/); to keep an old address (and its feeds), give the topic its "
        "old `slug:` in config.yaml, or add the old path after base_url to `redirects:` there "
        "(`/topics/harbour-works/: /topics/harbour/`) (docs/configuration.md#old-addresses)\n",
        "note: output/: 1 page the last build wrote is gone, so links to it find the 404 page: moved, as its item "
        "moved: https://example.org/news-site/news/2026/11/20/cranes/ (now "
        "https://example.org/news-site/news/2026/11/20/harbour-cranes/); to keep an old address, add its path after "
        "base_url (`/news/2026/11/20/cranes/`) to its item's `aliases:`, or give the item its old `slug:` "
        "(docs/configuration.md#old-addresses)\n"], serve.err
    assert (root / "output/topics/harbour/index.html").is_file()
    assert not (root / "output/news/2026/11/20/cranes").exists()
