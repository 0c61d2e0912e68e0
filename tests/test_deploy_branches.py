"""A failed deploy leaves the repository's branches as they were: a refused first deploy makes no local
gh-pages branch, a push that fails after a deploy leaves it at the published commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import deployable_site, git, item
from generator.cli import main


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
