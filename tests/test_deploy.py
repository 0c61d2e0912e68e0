"""`newsdesk deploy` against real git: a bare repository on disk is the remote, nothing is mocked.

The published-site tests then serve the deployed branch's files with a plain static
server, as GitHub Pages would, and crawl them from the front page.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import tarfile
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT, item, make_site, static_server

from generator import __version__
from generator.cli import main
from generator.publish.deploy import check_base_url, pages_url
from generator.publish.workflow import workflow_text

CONFIG = """\
title: Deploy News
base_url: https://example.github.io/repo/
now: "2026-11-22T12:00:00Z"
topics:
  - name: Science
"""

ITEMS = {
    f"content/news/story-{n}.md": item(f"Story number {n}", f"2026-11-{10 + n}T10:00:00Z", topics="[Science]",
                                       body=f"Body of story {n}.")
    for n in range(1, 5)
}


# --- helpers: real git repositories --------------------------------------------------------------------------

def git(cwd: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and done.returncode:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def bare(git_dir: Path, *args: str) -> str:
    return git(git_dir.parent, f"--git-dir={git_dir}", *args)


def make_repo(folder: Path, remote: Path | None, files=ITEMS, config=CONFIG) -> Path:
    """A site in a git repository with one commit, whose `origin` is the bare repository `remote`."""
    make_site(folder, files, config)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Site Editor")
    git(folder, "config", "user.email", "editor@example.org")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "Site source")
    if remote is not None:
        if not remote.exists():
            subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
        git(folder, "remote", "add", "origin", str(remote))
    return folder


def snapshot(repo: Path) -> dict:
    """What a user would see of their repository: HEAD, branch, index, status and every working file's bytes."""
    files = {p.relative_to(repo).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
             for p in sorted(repo.rglob("*")) if p.is_file() and ".git" not in p.relative_to(repo).parts}
    return {"head": git(repo, "rev-parse", "HEAD"), "branch": git(repo, "symbolic-ref", "HEAD"),
            "index": git(repo, "ls-files", "--stage"),
            "status": git(repo, "status", "--porcelain", "--untracked-files=all"), "files": files}


def branch_files(git_dir: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    """Every file on `branch` of the bare repository, read with `git archive` (no newsdesk code involved)."""
    data = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "--format=tar", branch],
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def built_files(site: Path, work: Path) -> dict[str, bytes]:
    """The site as `newsdesk build` writes it, to compare with what was deployed.

    Built from a copy, so that the build's own files (output/, its cache) stay out of the repository.
    """
    copy = shutil.copytree(site, work / "source", ignore=shutil.ignore_patterns(".git"))
    out = work / "output"
    assert main(["build", "--config", str(copy / "config.yaml"), "--output", str(out)]) == 0
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
            and p.relative_to(out).as_posix() != ".newsdesk-output"}  # newsdesk's own marker is not published


def deploy(site: Path, *args: str) -> int:
    return main(["deploy", "--config", str(site / "config.yaml"), *args])


@pytest.fixture
def remote(tmp_path) -> Path:
    return tmp_path / "remote.git"


@pytest.fixture
def repo(tmp_path, remote) -> Path:
    return make_repo(tmp_path / "site", remote)


# --- deploy ----------------------------------------------------------------------------------------------------

def test_branch_holds_exactly_the_built_site_and_nothing_else_changes(repo, remote, tmp_path, capsys):
    before = snapshot(repo)
    assert deploy(repo) == 0
    out = capsys.readouterr().out
    assert "Pushed gh-pages to origin" in out

    deployed = branch_files(remote)
    assert deployed == built_files(repo, tmp_path / "built")
    assert deployed[".nojekyll"] == b""
    assert "CNAME" not in deployed
    assert "404.html" in deployed and "index.html" in deployed
    sha = before["head"].strip()[:7]
    message = bare(remote, "log", "-1", "--format=%B", "gh-pages").strip()
    assert message == f"Deploy {git(repo, 'rev-parse', '--short', 'HEAD').strip()} with newsdesk {__version__}"
    assert message.startswith(f"Deploy {sha}")
    # The user's repository is exactly as it was: no checkout, no index change, no output/ written.
    assert snapshot(repo) == before
    assert not (repo / "output").exists()
    # The local branch and the remote-tracking branch both point at what was pushed.
    pushed = bare(remote, "rev-parse", "gh-pages")
    assert git(repo, "rev-parse", "gh-pages") == pushed == git(repo, "rev-parse", "origin/gh-pages")


@pytest.mark.slow
def test_second_deploy_with_one_changed_item_commits_only_the_changed_files(repo, remote, tmp_path, capsys):
    assert deploy(repo) == 0
    first = bare(remote, "rev-parse", "gh-pages").strip()
    old_site = built_files(repo, tmp_path / "old")

    story = repo / "content/news/story-2.md"
    story.write_text(story.read_text().replace("Story number 2", "Story number two, updated"))
    git(repo, "commit", "-q", "-am", "Fix a headline")
    before = snapshot(repo)
    assert deploy(repo, "--message", "Headline fix") == 0
    new_site = built_files(repo, tmp_path / "new")

    assert bare(remote, "rev-list", "--count", "gh-pages").strip() == "2"
    assert bare(remote, "rev-parse", "gh-pages^").strip() == first
    touched = set(bare(remote, "diff-tree", "--no-commit-id", "--name-only", "-r", "gh-pages^", "gh-pages").split())
    differ = {name for name in new_site if old_site.get(name) != new_site[name]} | (old_site.keys() - new_site.keys())
    assert touched == differ
    assert any(name.startswith("news/") and b"Story number two, updated" in new_site[name] for name in touched)
    assert len(touched) < len(new_site)
    assert branch_files(remote) == new_site
    message = bare(remote, "log", "-1", "--format=%B", "gh-pages")
    assert message.startswith(f"Deploy {git(repo, 'rev-parse', '--short', 'HEAD').strip()} with newsdesk")
    assert "Headline fix" in message
    assert snapshot(repo) == before

    # A third deploy of the same source has nothing to add: no empty commit; its dry run says so (it said
    # "would commit N files", N all of the site's, where the deploy then made no commit).
    capsys.readouterr()
    assert deploy(repo, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "already holds this site" in out and "a deploy would commit and push nothing" in out
    assert "would commit " not in out.replace("would commit and push nothing", "")
    assert deploy(repo) == 0
    assert "already holds this site" in capsys.readouterr().out
    assert bare(remote, "rev-list", "--count", "gh-pages").strip() == "2"


def test_failed_build_pushes_nothing(repo, remote, capsys):
    (repo / "themes/default/templates").mkdir(parents=True)
    (repo / "themes/default/templates/base.html").write_text("{% if %}broken{% endif %}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Broken template")
    before = snapshot(repo)
    assert deploy(repo) == 1
    err = capsys.readouterr().err
    assert "base.html" in err and "Nothing was deployed." in err
    assert bare(remote, "for-each-ref") == ""
    assert git(repo, "branch", "--list", "gh-pages") == ""
    assert snapshot(repo) == before


def test_content_errors_stop_the_deploy_with_their_place(repo, remote, capsys):
    (repo / "content/news/broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    before = snapshot(repo)
    assert deploy(repo) == 1
    err = capsys.readouterr().err
    assert "content/news/broken.md" in err
    assert "newsdesk deploy --no-build" in err  # how to publish without the broken item
    assert "Deploy stopped: 1 content error, nothing was pushed." in err  # (not "1 content error(s)")
    assert bare(remote, "for-each-ref") == ""
    assert snapshot(repo) == before


@pytest.mark.slow
def test_dry_run_shows_what_would_change_and_pushes_nothing(repo, remote, capsys):
    before = snapshot(repo)
    assert deploy(repo, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Dry run: would commit" in out and "gh-pages as its first commit" in out
    assert "added: index.html" in out and "added: .nojekyll" in out
    assert "Nothing was committed or pushed." in out
    assert bare(remote, "for-each-ref") == ""
    assert git(repo, "branch", "--list", "gh-pages") == ""
    assert snapshot(repo) == before

    assert deploy(repo) == 0
    story = repo / "content/news/story-3.md"
    story.write_text(story.read_text().replace("Body of story 3.", "A new body for story 3."))
    pushed = bare(remote, "rev-parse", "gh-pages")
    capsys.readouterr()
    assert deploy(repo, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "on top of origin/gh-pages" in out
    # Only the edited item's own page is listed among the articles (list pages show no body text).
    assert len(re.findall(r"^  changed: news/\S+/index\.html$", out, re.M)) == 1
    assert not re.search(r"^  (added|removed): news/", out, re.M)
    assert "(with uncommitted changes)" in out  # the commit message says the source was not committed
    assert bare(remote, "rev-parse", "gh-pages") == pushed


def test_a_new_item_not_yet_committed_is_said_in_the_deploy_message(repo, remote, capsys):
    """A deploy of a site with an item file not yet `git add`ed publishes that item, which the source commit does
    not hold: the message says so, as for an edited file (docs/deploy.md)."""
    (repo / "content/news/new-story.md").write_text(item("A story not committed yet"))
    assert deploy(repo, "--dry-run") == 0
    out = capsys.readouterr().out
    assert re.search(r"^Commit message: Deploy [0-9a-f]{7} \(with uncommitted changes\) with newsdesk \S+$", out, re.M)
    git(repo, "add", "content/news/new-story.md")
    git(repo, "commit", "-q", "-m", "New story")
    assert deploy(repo, "--dry-run") == 0
    assert re.search(r"^Commit message: Deploy [0-9a-f]{7} with newsdesk \S+$", capsys.readouterr().out, re.M)


@pytest.mark.slow
def test_rejected_push_says_why_and_what_to_do(repo, remote, tmp_path, capsys):
    assert deploy(repo) == 0
    # Someone else deploys from their own clone of the source.
    other = make_repo(tmp_path / "other", remote, config=CONFIG.replace("Deploy News", "Other Desk"))
    git(other, "fetch", "-q", "origin")
    assert deploy(other) == 0
    theirs = bare(remote, "rev-parse", "gh-pages")

    story = repo / "content/news/story-1.md"
    story.write_text(story.read_text().replace("Story number 1", "Story number one"))
    git(repo, "commit", "-q", "-am", "Edit")
    before = snapshot(repo)
    capsys.readouterr()
    assert deploy(repo) == 1
    err = capsys.readouterr().err
    assert "push rejected" in err
    assert "git fetch origin gh-pages" in err and "newsdesk deploy --force" in err
    assert "Nothing was published" in err
    assert bare(remote, "rev-parse", "gh-pages") == theirs
    assert snapshot(repo) == before

    # Doing what the message says works, and keeps their deploy in the history.
    git(repo, "fetch", "-q", "origin", "gh-pages")
    assert deploy(repo) == 0
    assert bare(remote, "rev-parse", "gh-pages^") == theirs
    assert b"Story number one" in branch_files(remote)["index.html"]
    assert snapshot(repo) == before


@pytest.mark.slow
def test_force_replaces_a_branch_with_commits_we_have_not_seen(repo, remote, tmp_path, capsys):
    assert deploy(repo) == 0
    other = make_repo(tmp_path / "other", remote, config=CONFIG.replace("Deploy News", "Other Desk"))
    git(other, "fetch", "-q", "origin")
    assert deploy(other) == 0
    theirs = bare(remote, "rev-parse", "gh-pages")
    # Our source did not change, but the remote did: that is no reason to say there is nothing to deploy.
    assert deploy(repo, "--dry-run") == 0
    assert "The push would be rejected" in capsys.readouterr().out
    assert deploy(repo) == 1
    assert "push rejected" in capsys.readouterr().err
    assert deploy(repo, "--force") == 0
    history = bare(remote, "rev-list", "gh-pages").split()
    assert theirs.strip() not in history
    assert b"Deploy News" in branch_files(remote)["index.html"]


@pytest.mark.slow
def test_no_build_publishes_the_output_folder_as_it_is(repo, remote, capsys):
    assert deploy(repo, "--no-build") == 1
    assert "output: no built site here" in capsys.readouterr().err
    assert bare(remote, "for-each-ref") == ""

    assert main(["build", "--config", str(repo / "config.yaml")]) == 0
    (repo / "output/extra.txt").write_text("added by hand\n")
    assert deploy(repo, "--no-build") == 0
    deployed = branch_files(remote)
    assert deployed["extra.txt"] == b"added by hand\n"
    assert deployed[".nojekyll"] == b""


@pytest.mark.slow
def test_a_file_name_git_cannot_take_stops_the_deploy_and_others_are_listed_escaped(repo, remote, capsys):
    """Files of the output named with a line break or a byte that is not UTF-8 (put there by hand, or by an older
    newsdesk that copied them from a cloned theme's static/): deploy handed each name to git fast-import on a line
    of its own, where the line break started a command of the name's choosing (`D index.html` deleted the front
    page from the branch), and the other name stopped the deploy with a traceback. The names a branch can hold
    are listed by a dry run as messages name them, so that none drives or reorders the terminal."""
    assert main(["build", "--config", str(repo / "config.yaml")]) == 0
    assert deploy(repo, "--no-build") == 0
    pushed = bare(remote, "rev-parse", "gh-pages")
    (repo / "output/\u202egnp.txt").write_text("shown\n")
    (repo / "output/zero\u200bwidth.txt").write_text("shown\n")
    capsys.readouterr()
    assert deploy(repo, "--no-build", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "  added: zero\\u200bwidth.txt\n  added: \\u202egnp.txt\n" in out, out
    assert "\u202e" not in out and "\u200b" not in out
    (repo / "output/new\nD index.html").write_text("x\n")
    with open(bytes(repo / "output") + b"/caf\xe9.txt", "wb") as handle:
        handle.write(b"x\n")
    capsys.readouterr()
    assert deploy(repo, "--no-build") == 1
    err = capsys.readouterr().err
    for shown in ("output/caf\\xe9.txt", "output/new\\nD index.html"):
        assert (f"{shown}: not published: a name that a published site cannot hold (a control character or a byte "
                f"that is not UTF-8) (rename or remove the file, then deploy again)") in err, err
    assert "Traceback" not in err
    assert bare(remote, "rev-parse", "gh-pages") == pushed
    assert "index.html" in branch_files(remote)


@pytest.mark.slow
def test_cname_is_in_the_output_and_on_the_branch(tmp_path, remote):
    site = make_repo(tmp_path / "site", remote, config=CONFIG.replace("https://example.github.io/repo/",
                                                                          "https://news.example.com/")
                     + "cname: news.example.com\n")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    assert (site / "output/CNAME").read_text() == "news.example.com"
    assert (site / "output/.nojekyll").read_bytes() == b""
    assert deploy(site) == 0
    assert branch_files(remote)["CNAME"] == b"news.example.com"


def test_errors_say_what_to_do(tmp_path, remote, capsys):
    loose = make_site(tmp_path / "loose", ITEMS, CONFIG)
    assert deploy(loose) == 1
    err = capsys.readouterr().err
    assert "not in a git repository" in err and "git remote add origin" in err and "--github-actions" in err

    no_remote = make_repo(tmp_path / "no-remote", None)
    assert deploy(no_remote) == 1
    err = capsys.readouterr().err
    assert "no git remote named 'origin'" in err and "git remote add origin URL" in err

    on_pages = make_repo(tmp_path / "on-pages", remote)
    git(on_pages, "checkout", "-q", "-b", "gh-pages")
    before = snapshot(on_pages)
    assert deploy(on_pages) == 1
    err = capsys.readouterr().err
    assert "branch 'gh-pages' is checked out here" in err and "--branch" in err
    assert snapshot(on_pages) == before
    assert bare(remote, "for-each-ref") == ""


@pytest.mark.parametrize("branch", ["bad..name", "gh pages", "pages.lock", "HEAD"])
def test_a_branch_name_git_refuses_is_said_before_building(repo, remote, capsys, branch):
    # git fast-import crashed on such a name, left a crash report in .git and newsdesk said "Broken pipe".
    before = snapshot(repo)
    assert deploy(repo, "--branch", branch) == 1
    err = capsys.readouterr().err
    assert f"{branch!r} is not a valid branch name" in err and "--branch" in err and "Broken pipe" not in err
    assert snapshot(repo) == before
    assert not list((repo / ".git").glob("fast_import_crash_*"))
    assert bare(remote, "for-each-ref") == ""


@pytest.mark.slow
def test_deploy_without_a_git_identity_says_how_to_set_one(repo, remote, tmp_path, monkeypatch, capsys):
    # A fresh machine: no name or e-mail address in any git configuration or in the environment.
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    (tmp_path / "empty.gitconfig").write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "empty.gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{role}_NAME")
        monkeypatch.delenv(f"GIT_{role}_EMAIL")
    assert deploy(repo, "--dry-run") == 0  # looking commits nothing: no identity needed
    capsys.readouterr()
    assert deploy(repo) == 1
    err = capsys.readouterr().err
    assert "git does not know who you are" in err and 'git config --global user.name "Your Name"' in err
    assert bare(remote, "for-each-ref") == "" and git(repo, "branch", "--list", "gh-pages") == ""

    git(repo, "config", "user.name", "Site Editor")
    git(repo, "config", "user.email", "editor@example.org")
    assert deploy(repo) == 0
    assert bare(remote, "log", "-1", "--format=%cn <%ce>", "gh-pages").strip() == "Site Editor <editor@example.org>"


# --- base_url against where GitHub Pages serves the site ---------------------------------------------------------

@pytest.mark.parametrize("remote_url, cname, expected", [
    ("https://github.com/alice/news.git", "", "https://alice.github.io/news/"),
    ("https://github.com/alice/news", "", "https://alice.github.io/news/"),
    ("git@github.com:Alice/News.git", "", "https://alice.github.io/News/"),
    ("ssh://git@github.com/alice/news.git", "", "https://alice.github.io/news/"),
    ("ssh://github.com/alice/news.git", "", "https://alice.github.io/news/"),
    ("https://token@github.com/alice/news.git", "", "https://alice.github.io/news/"),
    ("git@github.com:alice/alice.github.io.git", "", "https://alice.github.io/"),
    ("git@github.com:alice/news.git", "news.example.com", "https://news.example.com/"),
    ("/srv/git/news.git", "", ""),
    ("https://gitlab.com/alice/news.git", "", ""),
])
def test_pages_url_from_the_remote(remote_url, cname, expected):
    assert pages_url(remote_url, cname) == expected


def test_base_url_check():
    url = "git@github.com:alice/news.git"
    assert check_base_url("https://alice.github.io/news/", url) == ""
    assert check_base_url("https://news.example.com/", url, "news.example.com") == ""
    wrong_path = check_base_url("https://alice.github.io/", url)
    assert "set `base_url: https://alice.github.io/news/`" in wrong_path
    custom = check_base_url("https://news.example.com/", url)
    assert "set `base_url: https://alice.github.io/news/`" in custom and "set `cname: news.example.com`" in custom
    assert "points at this computer" in check_base_url("http://localhost:8000/", url)
    assert check_base_url("https://anything.example/", "/srv/git/news.git") == ""


@pytest.mark.slow
def test_deploy_warns_when_base_url_does_not_match_the_pages_path(tmp_path, remote, capsys):
    site = make_repo(tmp_path / "site", remote)  # base_url https://example.github.io/repo/
    # The remote looks like GitHub to newsdesk; pushes still go to the bare repository on disk.
    git(site, "remote", "set-url", "origin", "https://github.com/alice/news.git")
    git(site, "config", f"url.{remote}.pushInsteadOf", "https://github.com/alice/news.git")
    assert deploy(site) == 0
    captured = capsys.readouterr()
    line = (site / "config.yaml").read_text().splitlines().index("base_url: https://example.github.io/repo/") + 1
    assert f"warning: config.yaml:{line}: base_url https://example.github.io/repo/ does not match" in captured.err
    assert "set `base_url: https://alice.github.io/news/`" in captured.err
    assert "GitHub Pages serves it at https://alice.github.io/news/" in captured.out
    assert "index.html" in branch_files(remote)

    assert deploy(site, "--base-url", "https://alice.github.io/news/") == 0
    assert "warning" not in capsys.readouterr().err

    # A token in the remote's URL (as CI setups have) is never printed.
    secret_url = "https://x-access-token:s3cr3t@github.com/alice/news.git"
    git(site, "remote", "set-url", "origin", secret_url)
    git(site, "config", f"url.{remote}.pushInsteadOf", secret_url)
    story = site / "content/news/story-4.md"
    story.write_text(story.read_text().replace("Body of story 4.", "Changed."))
    assert deploy(site, "--dry-run") == 0
    assert deploy(site) == 0
    captured = capsys.readouterr()
    assert "Pushed gh-pages to origin (https://github.com/alice/news.git)" in captured.out
    assert "s3cr3t" not in captured.out + captured.err


# --- the published site, served as GitHub Pages serves it -------------------------------------------------------

class _Refs(HTMLParser):
    """Every URL a browser would follow or load from a page: links, images, stylesheets, feeds, scripts."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "img", "script", "source", "iframe", "video", "audio"):
                self.urls.append(attrs[name])
        for name in ("srcset", "imagesrcset"):
            if attrs.get(name):
                self.urls += [part.split()[0] for part in attrs[name].split(",") if part.strip()]
        if tag == "meta" and attrs.get("property", attrs.get("name", "")) in ("og:image", "og:url", "twitter:image"):
            self.urls.append(attrs.get("content") or "")


def _feed_urls(body: bytes) -> list[str]:
    """Links inside an Atom or RSS feed (<link href=...> and <link>url</link>)."""
    urls = []
    for element in ET.fromstring(body).iter():
        if element.tag.rsplit("}", 1)[-1] == "link":
            urls.append(element.get("href") or (element.text or "").strip())
    return [u for u in urls if u]


def crawl(start: str, served: str, public_base: str) -> dict[str, int]:
    """Fetch everything on the server reachable from `start`; returns URL -> HTTP status.

    `served` is where the site is served here, `public_base` its base_url: absolute links
    to the published site (canonical, feeds) are followed on the server instead.
    """
    host = urlsplit(served).netloc
    status: dict[str, int] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in status:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status[url], headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:  # the 404 page is a page too: its links must work
            status[url], headers, body = exc.code, exc.headers, exc.read()
        kind = headers.get_content_type()
        if kind == "text/html":
            parser = _Refs()
            parser.feed(body.decode("utf-8"))
            found = parser.urls
        elif kind in ("application/xml", "text/xml", "application/atom+xml", "application/rss+xml"):
            found = _feed_urls(body)
        elif kind in ("application/json", "application/feed+json") and b'"https://jsonfeed.org/' in body:
            feed = json.loads(body)
            found = [feed.get("home_page_url", ""), feed.get("feed_url", "")]
            found += [entry.get(key) or "" for entry in feed.get("items", []) for key in ("url", "image")]
            found = [u for u in found if u]
        else:
            continue
        for ref in found:
            target = urldefrag(urljoin(url, ref.strip()))[0]
            if target.startswith(public_base):
                target = served + target[len(public_base):]
            if urlsplit(target).netloc == host and target not in status:
                queue.append(target)
    return status


def extract_branch(git_dir: Path, folder: Path) -> Path:
    folder.mkdir()
    for name, data in branch_files(git_dir).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def example_site(folder: Path, remote: Path, config_edit) -> Path:
    """newsdesk's own example site (config.yaml, content/, static/) in a fresh repository."""
    folder.mkdir()
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "static", folder / "static")
    config = (ROOT / "config.yaml").read_text(encoding="utf-8")
    return make_repo(folder, remote, files={}, config=config_edit(config))


def assert_published_site_works(served: str, public_base: str, site: Path):
    status = crawl(served, served, public_base)
    broken = sorted(url for url, code in status.items() if code != 200)
    assert not broken, f"{len(broken)} broken internal URLs, e.g. {broken[:5]}"
    visited = {urlsplit(url).path for url in status}
    prefix = urlsplit(served).path
    articles = {f"{prefix}{p.parent.relative_to(site).as_posix()}/" for p in site.glob("news/**/index.html")}
    assert articles and articles <= visited, f"not reached from the front page: {sorted(articles - visited)[:5]}"
    assert any(path.endswith(".css") for path in visited)
    # A mistyped address gets the site's own 404 page, whose links work from any depth.
    missing = served + "no/such/page/"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(missing, timeout=10)
    assert error.value.code == 404 and b"<html" in error.value.read().lower()
    status = crawl(missing, served, public_base)
    assert [url for url, code in status.items() if code != 200] == [missing]
    assert served in status  # the 404 page links back to the front page


@pytest.mark.slow
def test_published_project_site_has_no_broken_links(tmp_path, remote):
    if not (ROOT / "content").is_dir():
        pytest.skip("the example site is not in this checkout")
    site = example_site(tmp_path / "example", remote, lambda text: text.replace(
        "https://example.github.io/newsdesk/", "https://example.github.io/repo/"))
    assert deploy(site) == 0
    published = extract_branch(remote, tmp_path / "published")
    assert (published / ".nojekyll").is_file() and not (published / "CNAME").exists()
    with static_server(published, "/repo/") as served:
        assert_published_site_works(served, "https://example.github.io/repo/", published)


@pytest.mark.slow
def test_published_custom_domain_site_has_no_broken_links(tmp_path, remote):
    if not (ROOT / "content").is_dir():
        pytest.skip("the example site is not in this checkout")
    site = example_site(tmp_path / "example", remote,
                        lambda text: text.replace("https://example.github.io/newsdesk/", "https://news.example.com/")
                        + "cname: news.example.com\n")
    assert deploy(site) == 0
    published = extract_branch(remote, tmp_path / "published")
    assert (published / "CNAME").read_text() == "news.example.com"
    with static_server(published, "/") as served:
        assert_published_site_works(served, "https://news.example.com/", published)


# --- the GitHub Actions route -----------------------------------------------------------------------------------

def _parse_workflow(text: str) -> dict:
    data = yaml.safe_load(text)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_workflow_names_the_pages_permissions_and_actions():
    flow = _parse_workflow(workflow_text(install="pip install newsdesk==0.1.0", branch="main"))
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert flow["on"]["push"]["branches"] == ["main"]
    build, publish = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "newsdesk build" in runs and "steps.pages.outputs.base_url" in runs
    assert publish["needs"] == "build" and publish["environment"]["name"] == "github-pages"
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_init_github_actions_on_a_new_and_an_existing_site(tmp_path, monkeypatch, capsys):
    new = tmp_path / "new-site"
    install = ["--install", "newsdesk==0.1.0"]  # this checkout's own copy is not reachable from GitHub
    assert main(["init", str(new), "--github-actions", *install]) == 0
    flow = _parse_workflow((new / ".github/workflows/pages.yml").read_text())
    assert flow["jobs"]["build"]["defaults"]["run"]["working-directory"] == "."
    assert flow["jobs"]["build"]["steps"][-1]["with"]["path"] == "output"
    assert "Settings > Pages" in capsys.readouterr().out

    # An existing site inside a repository (in a subfolder, on branch `trunk`): only the workflow is added,
    # at the repository's root, where GitHub looks for it.
    repo = tmp_path / "repo"
    site = make_site(repo / "web", ITEMS, CONFIG + "output_dir: public\n")
    git(repo, "init", "-q", "-b", "trunk")
    before = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if ".git" not in p.parts)
    monkeypatch.chdir(site)
    assert main(["init", "--github-actions", *install]) == 0
    after = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if ".git" not in p.parts)
    assert set(after) - set(before) == {".github", ".github/workflows", ".github/workflows/pages.yml"}
    flow = _parse_workflow((repo / ".github/workflows/pages.yml").read_text())
    assert flow["on"]["push"]["branches"] == ["trunk"]
    assert flow["jobs"]["build"]["defaults"]["run"]["working-directory"] == "web"
    assert flow["jobs"]["build"]["steps"][-1]["with"]["path"] == "web/public"

    # It never overwrites a workflow that is there.
    capsys.readouterr()
    assert main(["init", "--github-actions", *install]) == 2
    assert "already there" in capsys.readouterr().err


def test_init_without_a_folder_asks_for_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 2
    assert "newsdesk init DIR" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
