"""A new user: a failed deploy leaves the repository's branches as they were; fetch's state keys stay short;
a deleted item whose guid another entry shares stays deleted; and what else session 26 found."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from conftest import deployable_site, feed_site, fetched, git, item, make_site
from feed_server import FeedServer, Route
from generator.cli import main


# --- 1. a deploy that publishes nothing leaves the local branches as they were ----------------------------------

@pytest.fixture
def repo(tmp_path) -> Path:
    """A site in a git repository with one commit; `origin` is a bare repository in tmp_path/remote.git."""
    return deployable_site(tmp_path, {
        "content/a.md": item("Rockets fly", originalUrl="https://a.example/1"),
    })


def _deploy(site: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["deploy", "--config", str(site / "config.yaml"), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _refs(site: Path) -> str:
    return git(site, "for-each-ref", "--format=%(refname) %(objectname)")


def test_a_refused_first_deploy_leaves_no_local_gh_pages_branch(repo, tmp_path, capsys):
    hook = tmp_path / "remote.git" / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'no pushes today' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = _refs(repo)
    code, said = _deploy(repo, capsys)
    assert code == 1, said
    assert "no pushes today" in said
    assert "your local gh-pages branch and your working files are as they were" in said
    assert _refs(repo) == before
    assert "gh-pages" not in before
    hook.unlink()
    code, said = _deploy(repo, capsys)
    assert code == 0, said
    assert git(repo, "rev-parse", "gh-pages") == git(tmp_path / "remote.git", "rev-parse", "gh-pages")


def test_a_failed_push_after_a_deploy_leaves_the_local_branch_at_the_published_commit(repo, tmp_path, capsys):
    assert _deploy(repo, capsys)[0] == 0
    published = git(repo, "rev-parse", "gh-pages")
    (repo / "content" / "b.md").write_text(item("A second story", originalUrl="https://a.example/2"))
    git(repo, "remote", "set-url", "origin", str(tmp_path / "no-such.git"))
    before = _refs(repo)
    code, said = _deploy(repo, capsys)
    assert code == 1, said
    assert "there is no repository at" in said
    assert _refs(repo) == before
    assert git(repo, "rev-parse", "gh-pages") == published
    # Once the address is right, the deploy goes on top of what was published, as if nothing had failed.
    git(repo, "remote", "set-url", "origin", str(tmp_path / "remote.git"))
    code, said = _deploy(repo, capsys)
    assert code == 0, said
    assert git(tmp_path / "remote.git", "rev-parse", "gh-pages^") == published
    assert git(repo, "rev-parse", "gh-pages") == git(tmp_path / "remote.git", "rev-parse", "gh-pages")


# --- 2. fetch: an entry keeps its item when its guid comes to be shared, stops being shared, or is added ---------

def _rss(items: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Town News</title>'
            f"<link>https://town.example/</link>{items}</channel></rss>").encode()


def _entry(title: str, path: str, guid: str | None = "post") -> str:
    tag = f'<guid isPermaLink="false">{guid}</guid>' if guid is not None else ""
    return (f"<item><title>{title}</title>{tag}<link>https://town.example/{path}</link>"
            f"<pubDate>Sat, 21 Nov 2026 {len(path):02}:00:00 GMT</pubDate></item>")


def _fetch(site: Path) -> tuple[int, str]:
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(["fetch", "--config", str(site / "config.yaml")])
    return code, said.getvalue()


def _files(site: Path) -> dict[str, bytes]:
    found = {path.name: path.read_bytes() for path in sorted((site / "content" / "fetched").rglob("*.md"))}
    return found


def test_an_entry_whose_guid_stops_being_shared_keeps_its_one_file(tmp_path):
    with FeedServer() as server:
        server.routes["/cms.rss"] = Route(_rss(_entry("Market day", "market") + _entry("Bridge closed", "bridge")))
        site = feed_site(tmp_path / "site", f"  - {server.url('/cms.rss')}\n")
        assert _fetch(site)[0] == 0
        before = _files(site)
        assert len(before) == 2
        # The bridge story leaves the feed: the market's guid is its own again, and names the same item.
        server.routes["/cms.rss"] = Route(_rss(_entry("Market day", "market")))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 1 unchanged, 0 failed" in said
        assert _files(site) == before
        assert sorted(fetched(site)) == ["Bridge closed", "Market day"]
        # ... and when it comes back, neither is written twice.
        server.routes["/cms.rss"] = Route(_rss(_entry("Bridge closed", "bridge") + _entry("Market day", "market")))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 2 unchanged, 0 failed" in said
        assert _files(site) == before


@pytest.mark.parametrize("deleted_when", ["alone", "shared"])
def test_an_item_deleted_by_hand_stays_deleted_whether_its_guid_is_shared_or_not(tmp_path, deleted_when):
    alone = _rss(_entry("Market day", "market"))
    both = _rss(_entry("Bridge closed", "bridge") + _entry("Market day", "market"))
    first, second = (alone, both) if deleted_when == "alone" else (both, alone)
    with FeedServer() as server:
        server.routes["/cms.rss"] = Route(first)
        site = feed_site(tmp_path / "site", f"  - {server.url('/cms.rss')}\n")
        assert _fetch(site)[0] == 0
        (market,) = [path for path in (site / "content" / "fetched").rglob("*.md") if path.name.startswith("market")]
        market.unlink()
        code, said = _fetch(site)
        assert code == 0, said
        assert f"{market.name}: deleted by hand; not fetched again" in said
        for feed in (second, first, second):
            server.routes["/cms.rss"] = Route(feed)
            code, said = _fetch(site)
            assert code == 0, said
            assert sorted(fetched(site)) == ["Bridge closed"] or (feed == alone and not fetched(site)), said
        assert not market.exists()


def test_a_feed_that_adds_guids_to_its_entries_makes_no_second_item(tmp_path):
    with FeedServer() as server:
        server.routes["/news.rss"] = Route(_rss(_entry("Market day", "market", None)
                                                + _entry("Bridge closed", "bridge", None)))
        site = feed_site(tmp_path / "site", f"  - {server.url('/news.rss')}\n")
        assert _fetch(site)[0] == 0
        before = _files(site)
        assert len(before) == 2
        server.routes["/news.rss"] = Route(_rss(_entry("Market day", "market", "m-1")
                                                + _entry("Bridge closed", "bridge", "b-2")))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 2 unchanged, 0 failed" in said
        assert _files(site) == before
        # ... and drops them again
        server.routes["/news.rss"] = Route(_rss(_entry("Market day", "market", None)
                                                + _entry("Bridge closed", "bridge", None)))
        code, said = _fetch(site)
        assert code == 0, said
        assert "1 source, 0 new, 0 updated, 2 unchanged, 0 failed" in said
        assert _files(site) == before


def test_an_item_deleted_by_hand_that_two_feeds_carry_stays_deleted_when_one_drops_it(tmp_path):
    story = ("<item><title>Shared story</title><guid>https://news.example/shared</guid>"
             "<pubDate>Sat, 21 Nov 2026 10:00:00 GMT</pubDate></item>")
    other = _entry("Another story", "another", None)
    with FeedServer() as server:
        server.routes["/a.rss"] = Route(_rss(story + other))
        server.routes["/b.rss"] = Route(_rss(story))
        site = feed_site(tmp_path / "site", f"  - {server.url('/a.rss')}\n  - {server.url('/b.rss')}\n")
        assert _fetch(site)[0] == 0
        (shared,) = [path for path in (site / "content" / "fetched").rglob("shared-story-*.md")]
        shared.unlink()
        code, said = _fetch(site)
        assert "deleted by hand; not fetched again" in said
        server.routes["/a.rss"] = Route(_rss(other))  # the first feed drops it; the second still carries it
        for _ in range(2):
            code, said = _fetch(site)
            assert code == 0, said
            assert " 0 new, " in said and not shared.exists(), said
        assert "https://news.example/shared" in json.loads((site / "fetch-state.json").read_text())["items"]
        server.routes["/b.rss"] = Route(_rss(other))  # once no feed lists it, the state forgets it
        code, said = _fetch(site)
        assert code == 0, said
        assert "https://news.example/shared" not in json.loads((site / "fetch-state.json").read_text())["items"]
    assert sorted(fetched(site)) == ["Another story"]


# --- 3. fetch's state keys are bounded ------------------------------------------------------------------------

def test_an_enormous_guid_is_kept_in_the_state_as_a_short_key_and_names_the_same_item(tmp_path):
    guid = "id-" + "x" * 200_000
    with FeedServer() as server:
        server.routes["/big.rss"] = Route(_rss(_entry("Market day", "market", guid)))
        site = feed_site(tmp_path / "site", f"  - {server.url('/big.rss')}\n")
        code, said = _fetch(site)
        assert code == 0, said
        state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
        (key,) = state["items"]
        assert len(key) <= 512 and key.startswith(f"127.0.0.1:{server.port} id-xxx")
        assert (site / "fetch-state.json").stat().st_size < 4096
        before = _files(site)
        code, said = _fetch(site)
        assert "1 source, 0 new, 0 updated, 1 unchanged, 0 failed" in said
        assert _files(site) == before


def test_a_state_with_a_long_key_an_older_newsdesk_wrote_keeps_its_item(tmp_path):
    guid = "id-" + "y" * 5_000
    with FeedServer() as server:
        server.routes["/big.rss"] = Route(_rss(_entry("Market day", "market", guid)))
        site = feed_site(tmp_path / "site", f"  - {server.url('/big.rss')}\n")
        assert _fetch(site)[0] == 0
        # What an older newsdesk wrote: the whole identity as the key.
        state_file = site / "fetch-state.json"
        state = json.loads(state_file.read_text(encoding="utf-8"))
        (record,) = state["items"].values()
        state["items"] = {f"127.0.0.1:{server.port} {guid}": record}
        state_file.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        before = _files(site)
        code, said = _fetch(site)
        assert code == 0, said
        assert " 0 new, " in said and _files(site) == before
        assert all(len(key) <= 512 for key in json.loads(state_file.read_text(encoding="utf-8"))["items"])


# --- 4. serve: a deleted item's warning leaves the page's notice ------------------------------------------------

def test_serve_drops_the_notice_of_an_item_deleted_while_it_runs(tmp_path):
    from test_server import CONFIG, ITEMS, get, rebuilt, start, write

    root = make_site(tmp_path / "site", ITEMS, CONFIG)
    dev = start(root)
    try:
        added = root / "content/news/added.md"
        before = len(dev.rebuilds)
        # An unquoted title with a quote in it: read as text, with a warning that says how to write it.
        write(added, '---\ntitle: "Freshly added story\npublishedDateTime: 2026-11-21T10:00:00Z\n---\nHello.\n')
        assert rebuilt(dev, before).error == ""
        body = get(dev, "/repo/")[2]
        assert b'id="newsdesk-notice"' in body and b"content/news/added.md:2:" in body
        before = len(dev.rebuilds)
        added.unlink()
        assert rebuilt(dev, before).error == ""
        body = get(dev, "/repo/")[2]
        assert b"Freshly added story" not in body
        assert b"newsdesk-notice" not in body
    finally:
        dev.stop()


# --- 5. the workflow of a copy installed from a clone names the clone's address ---------------------------------

def test_init_github_actions_from_a_clone_names_its_address_at_its_commit(tmp_path, capsys):
    from generator.errors import NewsdeskError
    from generator.publish.workflow import requirement_for

    clone = tmp_path / "newsdesk"
    clone.mkdir()
    (clone / "pyproject.toml").write_text('[project]\nname = "newsdesk"\n')
    git(clone, "init", "-q", "-b", "main")
    git(clone, "add", "-A")
    git(clone, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-q", "-m", "newsdesk")
    git(clone, "remote", "add", "origin", "https://token@github.com/example/newsdesk.git")
    commit = git(clone, "rev-parse", "HEAD").strip()
    with pytest.raises(NewsdeskError) as raised:
        requirement_for({"url": clone.as_uri(), "dir_info": {}}, "0.1.0")
    said = str(raised.value)
    assert "GitHub's runner cannot reach" in said
    assert f'--install "git+https://github.com/example/newsdesk.git@{commit}"' in said
    assert "token" not in said
    # A folder that is no clone of newsdesk (or one from no https address) gets the general example.
    git(clone, "remote", "set-url", "origin", str(tmp_path / "elsewhere.git"))
    with pytest.raises(NewsdeskError) as raised:
        requirement_for({"url": clone.as_uri(), "dir_info": {}}, "0.1.0")
    assert '--install "git+https://github.com/you/newsdesk@v0.2"' in str(raised.value)


# --- 6. a site in another language gets the theme's words in it, as docs/themes.md says ----------------------------

def test_a_german_site_shows_the_header_and_dates_in_german_and_a_template_can_still_change_them(tmp_path, capsys):
    from conftest import ROOT

    site = make_site(tmp_path / "site", {
        "content/a.md": item("Zentralbank senkt die Zinsen", "2026-12-02T10:00:00Z", originalUrl="https://a.example/1"),
    }, "title: Meine Nachrichten\nlanguage: de\nbase_url: https://user.github.io/repo/\n"
       "now: '2026-12-04T12:00:00Z'\ntimezone: Europe/Berlin\n")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    front = (site / "output/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in front
    assert ">Neueste</a>" in front and ">Latest</a>" not in front  # the theme's own German words
    assert ">2. Dez. 2026</time>" in front and "Dec 2026" not in front
    # A site's own card (numbers only in its dates) still wins over the theme's.
    templates = site / "themes/default/templates"
    (templates / "partials").mkdir(parents=True)
    card = (ROOT / "themes/default/templates/partials/card.html").read_text(encoding="utf-8")
    assert 'date("short")' in card
    (templates / "partials/card.html").write_text(card.replace('date("short")', 'date("%-d.%-m.%Y")'),
                                                  encoding="utf-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr()
    front = (site / "output/index.html").read_text(encoding="utf-8")
    assert ">2.12.2026</time>" in front and ">Neueste</a>" in front


# --- 7. config.yaml's mistakes are listed in the file's order, each at its own line --------------------------------

def test_config_mistakes_are_listed_in_the_order_of_their_lines_and_name_the_key(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A story")},
                     "title: Typos\n"                                  # 1
                     "base_url: https://example.org/\n"                # 2
                     "sources:\n"                                      # 3
                     "  - ftp://example.org/feed\n"                    # 4
                     "  - url: https://example.org/rss\n"              # 5
                     "    quality: 20\n"                               # 6
                     "    max_items: -1\n"                             # 7
                     "langauge: de\n"                                  # 8
                     "timezone: Europe/Berlinn\n"                      # 9
                     "items_per_page: twenty\n"                        # 10
                     "theme: fancy\n")                                 # 11
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("config.yaml:")]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers) and len(numbers) == 6, lines
    assert lines[1] == "config.yaml:7: `sources[1].max_items` must not be negative, got -1 (the default is 100)"
    assert "quality" not in lines[1]
    assert lines[2].startswith("config.yaml:8: unknown key `langauge` (did you mean `language`?)")
    assert lines[5].startswith("config.yaml:11: theme 'fancy' not found")
    assert not (site / "output").exists()
