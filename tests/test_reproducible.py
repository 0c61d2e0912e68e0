"""No output depends on the clock beyond what the ranking needs: a site whose ranking cannot move with time
builds to the same bytes a second later, a minute later (SOURCE_DATE_EPOCH), and deploys no new commit.

The site is the one `newsdesk init` makes: its stories are weeks old (their freshness is nil, so the order
cannot change). With every story a draft, its feeds are empty.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, files_under
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


# --- what else a machine varies: the site's folder, the order its files were made in, umask, locale --------

def _copied(site: Path, to: Path, *, reverse: bool) -> Path:
    """The site's files copied to `to` one by one (in reverse order: other inode numbers and directory order),
    each with a time of its own."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert files
    for n, path in enumerate(reversed(files) if reverse else files):
        copy = to / path.relative_to(site)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
        os.utime(copy, (1_000_000_000 + 86_400 * 37 * n,) * 2)
    return to


def _built_with_report(site: Path, out: Path, report: Path) -> tuple[dict[str, bytes], str]:
    args = ["build", "--config", str(site / "config.yaml"), "--output", str(out), "--report", str(report)]
    assert main(args) == 0
    return _built_files(out), report.read_text(encoding="utf-8")


def _built_files(out: Path) -> dict[str, bytes]:
    files = files_under(out)
    assert "index.html" in files and "feeds/latest.xml" in files
    return files


@pytest.mark.slow
def test_a_site_in_a_deep_folder_with_spaces_and_accents_copied_in_reverse_builds_to_the_same_bytes(tmp_path,
                                                                                                  monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = _init_site(tmp_path / "site")
    first = _built_with_report(site, tmp_path / "one", tmp_path / "one.json")
    far = tmp_path / "my sites" / "Ünïcödé näme" / "日本語" / ("deep " * 12).strip() / "site"
    copy = _copied(site, far, reverse=True)
    assert _built_with_report(copy, tmp_path / "two", tmp_path / "two.json") == first


def _modes(out: Path) -> set[tuple[str, int]]:
    found = {("folder" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in [out, *out.rglob("*")]}
    assert ("file", 0o644) in found or ("file", 0o600) in found
    return found


@contextlib.contextmanager
def _umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.slow
def test_output_modes_follow_the_umask_a_web_server_reads_what_the_usual_one_makes(tmp_path, monkeypatch):
    """Under umask 022 every file a build writes (first, in place after an edit, static copies) is readable by a
    web server running as another user; under 077 the owner's only, as their other files; the bytes alike."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    site = _init_site(tmp_path / "site")
    story = sorted((site / "content").rglob("*.md"))[0]
    text = story.read_text(encoding="utf-8")
    outputs = {}
    for mask, expected in ((0o022, {("file", 0o644), ("folder", 0o755)}),
                           (0o077, {("file", 0o600), ("folder", 0o700)})):
        out = tmp_path / f"out-{mask:o}"
        with _umask(mask):
            outputs[mask] = _built(site, out)
            assert _modes(out) == expected
            story.write_text(text + "\nOne more line.\n", encoding="utf-8")
            _built(site, out)  # (in place, with the cache: only what changed is written again)
            assert _modes(out) == expected
        story.write_text(text, encoding="utf-8")
    assert outputs[0o022] == outputs[0o077]


def _locales() -> list[str]:
    """C, C.UTF-8 and one locale of another language whose case rules and dates differ, where installed."""
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    others = [name for name in listed if name.split(".")[0] in ("tr_TR", "de_DE") and "utf" in name.lower()]
    return ["C", "C.UTF-8", *others[:1]]


@pytest.mark.slow
def test_the_machine_locale_changes_no_byte(tmp_path):
    site = _init_site(tmp_path / "site")
    trees = []
    for n, name in enumerate(_locales()):
        env = dict(os.environ, PYTHONPATH=str(ROOT), LANG=name, LC_ALL=name, SOURCE_DATE_EPOCH=str(EPOCH))
        out, report = tmp_path / f"out-{n}", tmp_path / f"report-{n}.json"
        done = subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(site / "config.yaml"),
                               "--output", str(out), "--report", str(report)], env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        trees.append((_built_files(out), report.read_text(encoding="utf-8")))
    assert len(trees) >= 2
    assert all(tree == trees[0] for tree in trees)
