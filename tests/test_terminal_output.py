"""What reaches the user's terminal of a crawler's names: a file named after a title can hold ESC [2J (clear the
screen), an OSC 8 link, a carriage return that overwrites the line. Problems were printed escaped; the notes on
items left out and serve's lines on changed files printed the name raw."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, build_said, item, make_site
from test_server import Lines, rebuilt, start, write

CONFIG = 'title: Notes\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n'
# clear the screen, an OSC 8 link to another address, a carriage return and a line break that forge a line
NAME = "x\x1b[2J\x1b]8;;http:evil.example\x07y\x1b]8;;\x07\rz\x9b1m\nerror: forged"
SHOWN = r"x\x1b[2J\x1b]8;;http:evil.example\x07y\x1b]8;;\x07\rz\x9b1m\nerror: forged"


def _raw(said: str) -> list[str]:
    return [char for char in ("\x1b", "\x07", "\r", "\x9b") if char in said]


def test_the_note_on_an_item_dated_in_the_future_shows_its_name_escaped(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/now.md": item("Now"),
                                         f"content/{NAME}.md": item("Later", date="2027-01-01T00:00:00Z")}, CONFIG)
    status, said = build_said(site, capsys)
    assert status == 0
    assert f"note: content/{SHOWN}.md: dated in the future" in said, said
    assert not _raw(said) and "\nerror: forged" not in said


def test_the_note_on_a_site_of_drafts_shows_the_drafts_name_escaped(tmp_path, capsys):
    site = make_site(tmp_path / "site", {f"content/{NAME}.md": item("Draft", published="false")}, CONFIG)
    status, said = build_said(site, capsys)
    assert status == 0
    assert f"note: the site has no items: content/{SHOWN}.md is a draft" in said, said
    assert not _raw(said) and "\nerror: forged" not in said


def test_serve_says_a_changed_files_name_and_its_notes_escaped(tmp_path):
    site = make_site(tmp_path / "site", {"content/now.md": item("Now")}, CONFIG)
    lines = Lines()
    dev = start(site, echo=lines)
    try:
        before = len(dev.rebuilds)
        write(site / f"content/{NAME}.md", item("Later", date="2027-01-01T00:00:00Z"))
        rebuilt(dev, before)
        said = lines.text
        assert f"content/{SHOWN}.md changed" in said, said
        assert f"note: content/{SHOWN}.md: dated in the future" in said, said
        assert not _raw(said) and "\nerror: forged" not in said
    finally:
        dev.stop()


@pytest.mark.slow  # a build as a process of its own
def test_what_logging_says_shows_a_files_name_escaped(tmp_path):
    """`--debug` (and a folder serve cannot watch) say names through logging, which printed them raw."""
    site = make_site(tmp_path / "site", {"content/now.md": item("Now"),
                                         f"content/{NAME}.md": item("Draft", published="false")}, CONFIG)
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--debug"], cwd=site, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"info: content/{SHOWN}.md: withheld (published: false)" in done.stderr, done.stderr
    assert not _raw(done.stdout + done.stderr) and "\nerror: forged" not in done.stderr


def test_a_file_that_cannot_be_written_is_named_escaped(tmp_path, capsys):
    """An error of the system names its file (here a report's name too long for the disk) as a problem does."""
    site = make_site(tmp_path / "site", {"content/now.md": item("Now")}, CONFIG)
    report = tmp_path / ("\x1b[2J\r" + "x" * 300 + ".json")
    status, said = build_said(site, capsys, "--report", str(report))
    assert status == 1
    assert f"{tmp_path}/\\x1b[2J\\r{'x' * 300}.json: File name too long" in said, said
    assert not _raw(said)
