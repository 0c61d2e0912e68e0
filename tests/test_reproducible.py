"""No output depends on the clock beyond what the ranking needs: a site whose ranking cannot move with time
builds to the same bytes a second later, a minute later (SOURCE_DATE_EPOCH), and deploys no new commit.

The site is the one `newsdesk init` makes: its stories are weeks old (their freshness is nil, so the order
cannot change). With every story a draft, its feeds are empty.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import files_under
from test_deploy import bare, git

from generator.cli import main

EPOCH = 1_800_000_000  # 2027-01-15: the init site's stories are a year old, and none is in the future


def _init_site(folder: Path) -> Path:
    assert main(["init", str(folder)]) == 0
    assert "now:" not in (folder / "config.yaml").read_text(encoding="utf-8")  # the clock decides
    return folder


def _a_second_later() -> None:
    """Wait until the clock is in the next whole second (the build clock counts whole seconds): a build
    started after this reads a later time than any build that ended before it."""
    now = int(time.time())
    while int(time.time()) == now:
        time.sleep(0.01)


def _built(site: Path, out: Path) -> dict[str, bytes]:
    assert main(["build", "--config", str(site / "config.yaml"), "--output", str(out)]) == 0
    files = files_under(out)
    assert "feeds/latest.xml" in files
    return files


def test_a_build_a_second_later_has_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = _init_site(tmp_path / "site")
    first = _built(site, tmp_path / "one")
    _a_second_later()
    assert _built(site, tmp_path / "two") == first


def test_builds_a_minute_apart_by_source_date_epoch_have_the_same_bytes(tmp_path, monkeypatch):
    site = _init_site(tmp_path / "site")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    first = _built(site, tmp_path / "one")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 60))
    second = _built(site, tmp_path / "two")
    assert second == first
    # A feed with no story (every story a draft): a fixed date, not the build's.
    stories = list((site / "content").rglob("*.md"))
    assert stories
    for story in stories:
        text = re.sub(r"(?m)^published: \w+\n", "", story.read_text(encoding="utf-8"))
        story.write_text(text.replace("\n---\n", "\npublished: false\n---\n", 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    first = _built(site, tmp_path / "three")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 60))
    assert _built(site, tmp_path / "four") == first
    assert b"<updated>1970-01-01T00:00:00Z</updated>" in first["feeds/latest.xml"]
    assert b"lastBuildDate" not in first["feeds/latest.rss"]


@pytest.mark.parametrize("clock", ["source_date_epoch", "system"])
def test_a_second_deploy_with_no_change_makes_no_commit(tmp_path, monkeypatch, capsys, clock):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    site = _init_site(tmp_path / "site")
    git(site, "init", "-q", "-b", "main")
    git(site, "config", "user.name", "Site Editor")
    git(site, "config", "user.email", "editor@example.org")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "Site source")
    git(site, "remote", "add", "origin", str(remote))
    deploy = ["deploy", "--config", str(site / "config.yaml")]

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    if clock == "source_date_epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    assert main(deploy) == 0
    assert bare(remote, "rev-list", "--count", "gh-pages").strip() == "1"
    if clock == "source_date_epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 60))
    else:
        _a_second_later()
    capsys.readouterr()
    assert main(deploy) == 0
    assert "already holds this site" in capsys.readouterr().out
    assert bare(remote, "rev-list", "--count", "gh-pages").strip() == "1"
