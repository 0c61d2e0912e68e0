"""A new user and a site owner: declared topics with no items, deploy's git failures, language codes and
og:locale, HTML-looking text from config.yaml in every output, an IDN base_url."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from conftest import deployable_site, git, item, make_site
from generator.cli import main


def _build(site: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["build", "--config", str(site / "config.yaml"), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))


# --- 1. declared topics without items get no page ----------------------------------------------------------

TOPICS_CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
topics:
  - name: Science
  - name: Space
    parent: Science
  - name: Biology
    parent: Science
  - name: Sport
  - name: Empty Parent
  - name: Empty Child
    parent: Empty Parent
"""


def test_declared_topics_without_items_get_no_page_feed_api_file_or_link(tmp_path, capsys):
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"),
        "content/b.md": item("A match", date="2026-11-21T10:00:00Z", topics="[Sport]",
                             originalUrl="https://b.example/2"),
    }, TOPICS_CONFIG)
    code, said = _build(site, capsys)
    assert code == 0, said
    out = site / "output"
    topic_pages = {p.split("/")[1] for p in _pages(out) if p.startswith("topics/") and p != "topics/index.html"}
    # Science has no item of its own but its child Space has one: its page lists it.
    assert topic_pages == {"science", "space", "sport"}
    for gone in ("biology", "empty-parent", "empty-child"):
        assert not (out / "topics" / gone).exists()
        assert not (out / "api/news" / gone).exists()
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*")
                           if p.is_file() and p.suffix in (".html", ".xml", ".json", ".rss", ".txt"))
    assert everything
    for gone in ("biology", "empty-parent", "empty-child"):
        assert f"topics/{gone}/" not in everything
    api = json.loads((out / "api/topics/index.json").read_text(encoding="utf-8"))["topics"]
    assert {t["slug"] for t in api} == {"science", "space", "sport"}
    science = next(t for t in api if t["slug"] == "science")
    assert science["children"] == ["space"] and science["count"] == 1
    # Every topic link on every page leads to a page that is there.
    links = set(re.findall(r'href="https://example\.org/(topics/[^"#?]*)"', everything))
    links |= set(re.findall(r'href="/(topics/[^"#?]*)"', everything))
    assert links
    for link in links:
        assert (out / link / "index.html").is_file() or (out / link).is_file(), link


def test_thousands_of_declared_topics_on_a_small_site_make_only_its_pages(tmp_path, capsys):
    declared = "".join(f"  - Topic number {n}\n" for n in range(5000))
    site = make_site(tmp_path / "site", {
        "content/a.md": item("One", topics="[Topic number 7]", originalUrl="https://a.example/1"),
        "content/b.md": item("Two", date="2026-11-21T10:00:00Z", originalUrl="https://b.example/2"),
    }, "title: T\nbase_url: https://example.org/\nnow: '2026-11-22T12:00:00Z'\ntopics:\n" + declared)
    start = time.monotonic()
    code, said = _build(site, capsys)
    took = time.monotonic() - start
    assert code == 0, said
    out = site / "output"
    assert [p for p in _pages(out) if p.startswith("topics/") and p != "topics/index.html"] == [
        "topics/topic-number-7/index.html"]
    sitemap = "".join(p.read_text(encoding="utf-8") for p in out.glob("sitemap*.xml"))
    assert "topic-number-7" in sitemap and "topic-number-8" not in sitemap
    assert took < 10, took


def test_serve_adds_and_removes_a_declared_topics_page_with_its_first_and_last_item(tmp_path):
    from conftest import serving
    from generator.config import load_config

    site = make_site(tmp_path / "site", {
        "content/a.md": item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"),
    }, TOPICS_CONFIG)
    save = serving(site, load_config(site / "config.yaml"), tmp_path / "scratch")
    story = site / "content" / "a.md"
    story.write_text(item("Rockets fly", topics="[Space, Biology]", originalUrl="https://a.example/1"))
    assert "topics/biology/index.html" in save(story, "first")
    story.write_text(item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"))
    served = save(story, "last")
    assert "topics/biology/index.html" not in served and "topics/space/index.html" in served


# --- 2. every deploy failure says what failed and what to do --------------------------------------------------

@pytest.fixture
def repo(tmp_path) -> Path:
    """A site in a git repository with one commit; `origin` is a bare repository in tmp_path/remote.git."""
    return deployable_site(tmp_path, {
        "content/a.md": item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"),
    })


def _deploy(site: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["deploy", "--config", str(site / "config.yaml"), *args])
    return code, capsys.readouterr().err


def _remote_branches(remote: Path) -> str:
    return git(remote.parent, f"--git-dir={remote}", "for-each-ref")


def test_a_push_a_server_hook_refuses_says_where_its_reason_is_and_what_to_do(repo, tmp_path, capsys):
    hook = tmp_path / "remote.git" / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'denied: alice may not push to this repository' >&2\nexit 1\n")
    hook.chmod(0o755)
    code, err = _deploy(repo, capsys)
    assert code == 1
    assert "the server refused the push to gh-pages" in err and "`remote:` lines" in err
    assert "denied: alice may not push to this repository" in err  # the server's own reason
    assert "ask its owner for write access" in err and "git remote set-url origin URL" in err
    assert "Nothing was published" in err
    assert _remote_branches(tmp_path / "remote.git") == ""


def test_a_remote_address_with_no_repository_says_how_to_correct_it(repo, tmp_path, capsys):
    git(repo, "remote", "set-url", "origin", str(tmp_path / "no-such.git"))
    code, err = _deploy(repo, capsys)
    assert code == 1
    first = err.splitlines()[0]
    assert f"git push failed: there is no repository at {tmp_path / 'no-such.git'}" in first
    assert "git remote set-url origin URL" in first


def test_a_non_fast_forward_push_says_how_to_keep_or_replace_their_commits(repo, tmp_path, capsys):
    assert _deploy(repo, capsys)[0] == 0
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "-b", "gh-pages", str(tmp_path / "remote.git"), str(clone)], check=True)
    (clone / "extra.txt").write_text("theirs\n")
    git(clone, "add", "extra.txt")
    git(clone, "commit", "-q", "-m", "Theirs")
    git(clone, "push", "-q", "origin", "gh-pages")
    (repo / "content" / "b.md").write_text(item("A second story", originalUrl="https://a.example/2"))
    code, err = _deploy(repo, capsys)
    assert code == 1
    assert "push rejected" in err and "git fetch origin gh-pages" in err and "newsdesk deploy --force" in err


def test_deploy_from_a_detached_head_publishes(repo, tmp_path, capsys):
    git(repo, "checkout", "-q", "--detach", "HEAD")
    code, err = _deploy(repo, capsys)
    assert code == 0, err
    head = git(repo, "rev-parse", "--short", "HEAD").strip()
    log = git(tmp_path, f"--git-dir={tmp_path / 'remote.git'}", "log", "-1", "--format=%s", "gh-pages")
    assert log.startswith(f"Deploy {head} ")


def test_deploy_without_git_on_path_says_to_install_it(repo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    code, err = _deploy(repo, capsys)
    assert code == 1
    assert "git is not installed (no `git` command on PATH)" in err and "install git" in err and "PATH" in err


def test_a_repository_another_user_owns_is_not_called_no_repository(repo, tmp_path, capsys):
    if os.geteuid() != 0:
        pytest.skip("needs root, to give the repository to another user")
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 65534, 65534)
    code, err = _deploy(repo, capsys, "--dry-run")
    assert code == 1
    assert "not in a git repository" not in err
    assert "another user owns its folder" in err and f"git config --global --add safe.directory {repo}" in err


# --- 3. language codes that name no language or country ----------------------------------------------------------

@pytest.mark.parametrize("written, said, todo", [
    ("xx", "`language` 'xx': xx is not a language code (ISO 639-1)", "such as en, de or pt-BR"),
    ("en-ZZ", "`language` 'en-ZZ': ZZ is not a country or region code (ISO 3166-1)", "such as en-US"),
    ("en-UK", "UK is not a country or region code", "write en-GB"),
    ("jp", "jp is a country's code, not a language's", "write the language's code: ja"),
    ("iw", "iw is the old code of a language", "write he"),
])
def test_a_language_code_no_language_or_country_has_is_an_error_saying_what_to_write(tmp_path, capsys, written,
                                                                                     said, todo):
    site = make_site(tmp_path / "site", {"content/a.md": item()},
                     f"title: T\nbase_url: https://example.org/\nlanguage: {written}\n")
    code, err = _build(site, capsys)
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith("config.yaml:3: ") and said in first and todo in first, first
    assert not (site / "output").exists()


@pytest.mark.parametrize("written", ["en", "pt_BR", "zh-Hant-TW", "sr-Latn", "es-419", "fil", "de-CH-1996", "haw",
                                     "en-us", "''"])
def test_real_language_codes_are_accepted(tmp_path, capsys, written):
    from generator.config import load_config

    site = make_site(tmp_path / "site", {}, f"title: T\nbase_url: https://example.org/\nlanguage: {written}\n")
    assert load_config(site / "config.yaml").language == written.strip("'").replace("_", "-")


# --- 4. og:locale is language_TERRITORY ------------------------------------------------------------------------

@pytest.mark.parametrize("language, locale", [
    ("en", "en_US"), ("en-GB", "en_GB"), ("pt-BR", "pt_BR"), ("pt_PT", "pt_PT"), ("fr", "fr_FR"), ("de", "de_DE"),
    ("ja", "ja_JP"), ("zh-Hant", "zh_TW"), ("en-us", "en_US"), ("es-419", None), ("haw", None), ("''", None),
])
def test_og_locale_is_language_underscore_territory(tmp_path, capsys, language, locale):
    site = make_site(tmp_path / "site", {"content/a.md": item(originalUrl="https://a.example/1")},
                     f"title: T\nbase_url: https://example.org/\nnow: '2026-11-22T12:00:00Z'\nlanguage: {language}\n")
    code, said = _build(site, capsys)
    assert code == 0, said
    pages = list((site / "output").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        found = re.findall(r'<meta property="og:locale" content="([^"]*)">', page.read_text(encoding="utf-8"))
        assert found == ([locale] if locale else []), page


# --- 5. text from config.yaml that looks like HTML reads the same in pages and feeds -----------------------------

def _shown(detail_value: str, kind: str) -> str:
    """What a reader shows of a feedparser field: HTML rendered to its text, plain text as it is."""
    import html5lib

    if kind != "text/html":
        return detail_value
    fragment = html5lib.parseFragment(detail_value, treebuilder="etree", namespaceHTMLElements=False)
    assert not list(fragment), detail_value  # no element: the text is shown, not made bold or run
    return fragment.text or ""


@pytest.mark.parametrize("title", ["Tom & Jerry <News>", "Cats <b>and</b> dogs", "R&amp;D weekly", "AT&T <3 news"])
def test_a_site_title_that_looks_like_html_reads_as_written_in_pages_and_every_feed(tmp_path, capsys, title):
    import html as html_module

    import feedparser

    site = make_site(tmp_path / "site", {
        "content/a.md": item(f"Story: {title}", originalUrl="https://a.example/1"),
    }, f"title: {json.dumps(title)}\nbase_url: https://example.org/\nnow: '2026-11-22T12:00:00Z'\n")
    code, said = _build(site, capsys)
    assert code == 0, said
    out = site / "output"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert html_module.unescape(re.search(r"<title>(.*?)</title>", page)[1]) == title
    # (an item's title is content, which the site may clean: each feed shows it as the site's API has it)
    [news] = json.loads((out / "api/news/index.json").read_text(encoding="utf-8"))["news"]
    story = news["title"]
    assert story.startswith("Story: ")
    for name in ("feeds/latest.rss", "feeds/latest.xml"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert not parsed.bozo, name
        feed_title = _shown(parsed.feed.title, parsed.feed.title_detail.type)
        assert feed_title == f"{title}: Latest", name
        [entry] = parsed.entries
        assert _shown(entry.title, entry.title_detail.type) == story, name
    # A reader that renders RSS titles as HTML shows them as written too.
    rss = (out / "feeds/latest.rss").read_text(encoding="utf-8")
    import xml.etree.ElementTree as ET

    titles = [element.text for element in ET.fromstring(rss).iter("title")]
    assert [_shown(text, "text/html") for text in titles] == [f"{title}: Latest", story]
    data = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    assert data["title"] == f"{title}: Latest" and data["items"][0]["title"] == story


def test_an_ordinary_rss_title_is_written_as_it_is(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("AT&T buys a < b", originalUrl="https://a.example/1")})
    assert _build(site, capsys)[0] == 0
    rss = (site / "output/feeds/latest.rss").read_text(encoding="utf-8")
    assert "<title>AT&amp;T buys a &lt; b</title>" in rss


# --- 6. a base_url whose host is not ASCII -------------------------------------------------------------------

def test_an_idn_base_url_is_written_in_its_ascii_form_wherever_the_site_names_itself(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("Eins", originalUrl="https://a.example/1")},
                     "title: B\nbase_url: 'https://Bücher.example/neu/'\nnow: '2026-11-22T12:00:00Z'\n")
    code, said = _build(site, capsys)
    assert code == 0, said
    out = site / "output"
    files = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".rss", ".json", ".txt")]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "bücher" not in text.lower(), path
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://xn--bcher-kva.example/neu/sitemap.xml" in robots
    assert "<loc>https://xn--bcher-kva.example/neu/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert 'rel="canonical" href="https://xn--bcher-kva.example/neu/"' in (out / "index.html").read_text("utf-8")
    feed = json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    assert feed["home_page_url"] == "https://xn--bcher-kva.example/neu/latest/"


def test_deploy_takes_a_unicode_cname_for_the_idn_base_url(tmp_path):
    from generator.publish.deploy import check_base_url

    github = "https://github.com/alice/news.git"
    assert check_base_url("https://xn--bcher-kva.example/", github, "bücher.example") == ""


def test_language_no_which_yaml_reads_as_false_says_to_quote_it(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item()},
                     "title: T\nbase_url: https://example.org/\nlanguage: no\n")
    code, err = _build(site, capsys)
    assert code == 2
    assert err.splitlines()[0] == ('config.yaml:3: `language` must be a string, got no, which YAML reads as false '
                                   '(quote it: `language: "no"`)')
    (site / "config.yaml").write_text('title: T\nbase_url: https://example.org/\nlanguage: "no"\n')
    assert _build(site, capsys)[0] == 0
    assert '<html lang="no"' in (site / "output/index.html").read_text(encoding="utf-8")


def test_a_unicode_cname_is_written_as_github_pages_reads_it(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("Eins", originalUrl="https://a.example/1")},
                     "title: B\nbase_url: 'https://bücher.example/'\ncname: bücher.example\n"
                     "now: '2026-11-22T12:00:00Z'\n")
    code, said = _build(site, capsys)
    assert code == 0, said
    assert (site / "output/CNAME").read_text(encoding="utf-8") == "xn--bcher-kva.example"
    (site / "config.yaml").write_text("title: B\ncname: 'bücher.example/x'\n", encoding="utf-8")
    code, err = _build(site, capsys)
    assert code == 2 and "`cname` must be a bare domain" in err


def test_a_server_that_cannot_be_reached_says_to_check_the_network_and_host(repo, capsys):
    git(repo, "remote", "set-url", "origin", "http://127.0.0.1:1/news.git")  # (port 1: refused at once)
    code, err = _deploy(repo, capsys)
    assert code == 1
    first = err.splitlines()[0]
    assert "git push failed: the server could not be reached" in first and "check your network" in first, first


def test_a_server_that_asks_who_you_are_says_how_to_sign_in(repo, tmp_path, capsys, monkeypatch):
    import http.server
    import threading

    class AskForPassword(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AskForPassword)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (tmp_path / "empty.gitconfig").write_text("")  # (no credential helper of this machine's answers)
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "empty.gitconfig"))
        monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")  # (as in CI: no terminal to type a password into)
        git(repo, "remote", "set-url", "origin", f"http://127.0.0.1:{server.server_port}/news.git")
        code, err = _deploy(repo, capsys)
    finally:
        server.shutdown()
    assert code == 1
    first = err.splitlines()[0]
    assert "git push failed: the server did not accept who you are" in first, first
    assert "personal access token" in first and "gh auth login" in first
