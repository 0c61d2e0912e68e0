"""A new user: a failed deploy leaves the repository's branches as they were; fetch's state keys stay short;
a deleted item whose guid another entry shares stays deleted; and what else session 26 found."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import item, make_site
from generator.cli import main


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


# --- 1. a deploy that publishes nothing leaves the local branches as they were ----------------------------------

@pytest.fixture
def repo(tmp_path) -> Path:
    """A site in a git repository with one commit; `origin` is a bare repository in tmp_path/remote.git."""
    site = make_site(tmp_path / "site", {
        "content/a.md": item("Rockets fly", originalUrl="https://a.example/1"),
    }, "title: Deploy News\nbase_url: https://example.github.io/repo/\nnow: '2026-11-22T12:00:00Z'\n")
    (site / ".gitignore").write_text("output/\n.newsdesk-cache/\n")
    _git(site, "init", "-q", "-b", "main")
    _git(site, "add", "-A")
    _git(site, "commit", "-q", "-m", "Site source")
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)
    _git(site, "remote", "add", "origin", str(tmp_path / "remote.git"))
    return site


def _deploy(site: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["deploy", "--config", str(site / "config.yaml"), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _refs(site: Path) -> str:
    return _git(site, "for-each-ref", "--format=%(refname) %(objectname)")


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
    assert _git(repo, "rev-parse", "gh-pages") == _git(tmp_path / "remote.git", "rev-parse", "gh-pages")


def test_a_failed_push_after_a_deploy_leaves_the_local_branch_at_the_published_commit(repo, tmp_path, capsys):
    assert _deploy(repo, capsys)[0] == 0
    published = _git(repo, "rev-parse", "gh-pages")
    (repo / "content" / "b.md").write_text(item("A second story", originalUrl="https://a.example/2"))
    _git(repo, "remote", "set-url", "origin", str(tmp_path / "no-such.git"))
    before = _refs(repo)
    code, said = _deploy(repo, capsys)
    assert code == 1, said
    assert "there is no repository at" in said
    assert _refs(repo) == before
    assert _git(repo, "rev-parse", "gh-pages") == published
    # Once the address is right, the deploy goes on top of what was published, as if nothing had failed.
    _git(repo, "remote", "set-url", "origin", str(tmp_path / "remote.git"))
    code, said = _deploy(repo, capsys)
    assert code == 0, said
    assert _git(tmp_path / "remote.git", "rev-parse", "gh-pages^") == published
    assert _git(repo, "rev-parse", "gh-pages") == _git(tmp_path / "remote.git", "rev-parse", "gh-pages")
