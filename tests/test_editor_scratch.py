"""Editors' scratch files (vim's swap and `4913` probe, emacs's `file~` backups, `#file#` autosaves and `.#file`
lock links, JetBrains' `___jb_tmp___`, `sed -i`'s copy) beside the files a user edits: never published, read
as a record or an error, so that what `newsdesk serve` shows after an editor's save equals a full build."""

from __future__ import annotations

import os

import pytest

from conftest import build_said, clean_build, files_under, item, make_site
from test_server import settle, start, write

SCRATCH = ("4913", "extra.css~", "#extra.css#", "extra.css___jb_tmp___", "extra.css___jb_old___", "sedAb12Cd",
           "extra.css.swp", "ai.yaml~", "#ai.yaml#", "ai.yaml.swp", "ai.yaml___jb_tmp___")
CONFIG = 'title: Test News\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\ndata_dir: data\n'


def _site(root):
    return make_site(root, {"content/a.md": item("Rockets fly", topics="[AI]"),
                            "data/topics/ai.yaml": "name: AI\n", "static/css/extra.css": "p { margin: 0; }\n"},
                     CONFIG)


def _scatter(folder):
    for name in SCRATCH:
        (folder / name).write_text("scratch\n")
    for name in (".#extra.css", ".#ai.yaml"):  # emacs's lock: a link to nowhere while the file is being edited
        os.symlink("user@host.1234:1700000000", folder / name)


def test_a_build_publishes_no_scratch_file_and_reads_none_as_a_record(tmp_path, capsys):
    site = _site(tmp_path / "site")
    for folder in (site / "static/css", site / "data/topics"):
        _scatter(folder)
    code, said = build_said(site, capsys)
    assert code == 0 and "error:" not in said and "0 errors, 0 warnings" in said, said
    assert "scratch" not in said and ".#" not in said
    published = files_under(site / "output")
    assert "static/css/extra.css" in published
    assert not [name for name in published if any(scratch in name for scratch in (*SCRATCH, ".#"))]
    assert b">AI</a>" in published["news/2026/11/20/a/index.html"]  # the topic record is read


@pytest.mark.slow
def test_an_emacs_save_of_a_stylesheet_serves_what_a_full_build_makes(tmp_path):
    site = _site(tmp_path / "site")
    dev = start(site)
    try:
        before = len(dev.rebuilds)
        css = site / "static/css/extra.css"
        os.symlink("user@host.1234:1700000000", css.with_name(".#extra.css"))
        (css.with_name("#extra.css#")).write_text("p { margin: 1px; }\n")  # the autosave
        os.rename(css, css.with_name("extra.css~"))  # the backup emacs keeps
        css.write_text("p { margin: 2px; }\n")
        css.with_name("#extra.css#").unlink()
        css.with_name(".#extra.css").unlink()
        write(site / "data/topics/ai.yaml", "name: AI\ndescription: Thinking machines.\n")
        (site / "data/topics/ai.yaml~").write_text("name: AI\n")
        record = settle(dev, before)
        assert record.error == "" and record.action in ("css", "reload")
        before = len(dev.rebuilds)
        (css.with_name("extra.css.orig")).write_text("p { margin: 0; }\n")  # left by `patch`, then an item saved
        write(site / "content/a.md", item("Rockets fly again", topics="[AI]"))
        settle(dev, before)
        assert files_under(site / "output") == clean_build(site, tmp_path / "fresh")
        assert b"margin: 2px" in (site / "output/static/css/extra.css").read_bytes()
    finally:
        dev.stop()
