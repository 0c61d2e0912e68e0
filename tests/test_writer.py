"""Writing: atomic swap, stale files pruned, unchanged files left alone, output folders that are refused."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import files_under, item, make_site
from generator import cli
from generator.config.load import load_config
from generator.errors import BuildError
from generator.build.writer import MARKER, Staging, WriteError, check_output_path, safe_relative, write_site


def tree(folder: Path) -> dict[str, bytes]:
    """The site's files in folder: all but newsdesk's marker (which the tests of the marker check)."""
    return {name: data for name, data in files_under(folder).items() if name != MARKER}


def stats(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_exactly_the_files_given(tmp_path):
    static = tmp_path / "logo.svg"
    static.write_text("<svg/>")
    report = write_site(tmp_path / "out", {"index.html": b"home", "a/b/index.html": b"deep"}, {"static/logo.svg": static})
    assert tree(tmp_path / "out") == {"index.html": b"home", "a/b/index.html": b"deep", "static/logo.svg": b"<svg/>"}
    assert (report.written, report.unchanged, report.removed) == (3, 0, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logo.svg", "out"]  # no staging folder left behind


def test_unchanged_files_are_not_rewritten(tmp_path):
    out = tmp_path / "out"
    static = tmp_path / "site.css"
    static.write_text("body{}")
    files = {"index.html": b"home", "news/x/index.html": b"story"}
    write_site(out, files, {"static/site.css": static})
    before = stats(out)
    os.utime(out / "index.html", ns=(1_000_000_000, 1_000_000_000))  # an old mtime makes a rewrite visible
    before["index.html"] = (before["index.html"][0], 1_000_000_000)
    report = write_site(out, dict(files, **{"news/x/index.html": b"story, edited"}), {"static/site.css": static})
    after = stats(out)
    assert (report.written, report.unchanged) == (1, 2)
    assert after["index.html"] == before["index.html"]  # same inode, same mtime
    assert after["static/site.css"] == before["static/site.css"]
    assert after["news/x/index.html"] != before["news/x/index.html"]
    assert (out / "news/x/index.html").read_bytes() == b"story, edited"


def test_files_no_longer_produced_are_removed(tmp_path):
    out = tmp_path / "out"
    write_site(out, {"index.html": b"1", "old/index.html": b"2", "old/deeper/page.html": b"3"}, {})
    report = write_site(out, {"index.html": b"1"}, {})
    assert tree(out) == {"index.html": b"1"}
    assert report.removed == 2
    assert not (out / "old").exists()


def test_a_failing_write_leaves_the_previous_output_byte_for_byte(tmp_path):
    out = tmp_path / "out"
    write_site(out, {"index.html": b"old home", "news/a/index.html": b"old story"}, {})
    before, before_stats = tree(out), stats(out)
    with pytest.raises(WriteError, match="does-not-exist.css"):  # the copy's source is gone halfway through
        write_site(out, {"index.html": b"new home", "news/b/index.html": b"new"},
                   {"static/missing.css": tmp_path / "does-not-exist.css"})
    assert tree(out) == before and stats(out) == before_stats
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no half-built folder is left
    with pytest.raises(WriteError) as caught:
        write_site(out, {"index.html": b"new home"}, {"static/missing.css": tmp_path / "does-not-exist.css"})
    assert ("does-not-exist.css: the output could not be written: No such file or directory (check that path and "
            "build again, or build into another folder (--output DIR))") in str(caught.value), str(caught.value)


def test_a_staging_folder_left_by_a_killed_build_is_cleared(tmp_path):
    leftover = tmp_path / ".out.newsdesk-staging"
    (leftover / "junk").mkdir(parents=True)
    (leftover / "junk/file.html").write_text("half written")
    write_site(tmp_path / "out", {"index.html": b"x"}, {})
    assert tree(tmp_path / "out") == {"index.html": b"x"}
    assert not leftover.exists()


@pytest.mark.parametrize("name", ["../evil.html", "/etc/passwd", "a/../../b.html", "a\\..\\b.html", "", "."])
def test_no_output_path_can_leave_the_output_folder(tmp_path, name):
    with pytest.raises(BuildError) as caught:
        safe_relative(name)
    assert "refusing to write outside the output folder (if it is a file in static/ or a theme, rename it" in str(
        caught.value)
    with pytest.raises(BuildError):
        write_site(tmp_path / "out", {"index.html": b"x", name: b"evil"}, {})
    assert not (tmp_path / "out").exists() and not (tmp_path / "evil.html").exists()


@pytest.mark.parametrize("output", [".", "..", "content", "themes", "/"])
def test_check_output_path_refuses_folders_holding_the_site(tmp_path, output):
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    with pytest.raises(BuildError) as caught:
        check_output_path(root / output, [root, root / "content", root / "themes"])
    assert "give the output a folder of its own" in str(caught.value)


# --- through a real build ------------------------------------------------------------------------------

def _site(tmp_path) -> Path:
    root = make_site(tmp_path / "site", {"content/a.md": item("A story"), "static/mine.txt": "my own file",
                                         "themes/default/templates/.keep": ""})
    (root / "data/topics").mkdir(parents=True)
    (root / "data/topics/ai.yaml").write_text("name: AI\n")
    return root


@pytest.mark.parametrize("output", [".", "..", "content", "themes", "static", "data", "content/out", "static/out",
                                    "themes/default/static/x"])
def test_the_folders_a_build_reads_are_never_the_output(tmp_path, output):
    root = _site(tmp_path)
    (root / "config.yaml").write_text((root / "config.yaml").read_text() + "data_dir: data\n")
    config = load_config(root / "config.yaml")
    with pytest.raises(BuildError) as caught:
        check_output_path(root / output, [config.root], config.input_paths)
    assert "give the output a folder of its own" in str(caught.value)
    check_output_path(root / "output", [config.root], config.input_paths)  # the usual place is fine
    check_output_path(tmp_path / "elsewhere/public", [config.root], config.input_paths)


@pytest.mark.parametrize("output", [".", "static", "content/out"])
def test_an_output_folder_that_holds_or_sits_in_the_site_sources_is_refused(tmp_path, monkeypatch, capsys, output):
    root = _site(tmp_path)
    (root / "config.yaml").write_text((root / "config.yaml").read_text() + "data_dir: data\n")
    everything = tree(tmp_path)
    monkeypatch.chdir(root)
    assert cli.main(["build", "--output", output]) == 2  # bad usage, said before anything is read
    err = capsys.readouterr().err
    assert err.startswith("--output: output folder") and "give the output a folder of its own" in err
    if output in (".", "static"):  # (it said "output folder static contains static")
        assert "is one of the site's own folders" in err
    assert tree(tmp_path) == everything  # nothing written, nothing removed


def test_output_dir_in_config_is_checked_too(tmp_path, monkeypatch, capsys):
    root = _site(tmp_path)
    text = (root / "config.yaml").read_text()
    (root / "config.yaml").write_text(text + "output_dir: .\n")
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 2  # an invalid config.yaml (docs/cli.md), at its line
    line = text.count("\n") + 1
    assert capsys.readouterr().err.startswith(f"config.yaml:{line}: output folder . ({root}) is one of the site's own "
                                              "folders")
    assert (root / "static/mine.txt").read_text() == "my own file"


def test_a_second_identical_build_rewrites_nothing(tmp_path, monkeypatch, capsys):
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    first = stats(root / "output")
    capsys.readouterr()
    assert cli.main(["build"]) == 0
    assert "0 files changed, 0 removed)" in capsys.readouterr().out
    assert stats(root / "output") == first


def test_a_build_that_changes_nothing_leaves_the_build_cache_file_alone(tmp_path, monkeypatch):
    root = _site(tmp_path)
    hour_ago = time.time() - 3600
    for path in (root / "content").rglob("*.md"):  # older than the racy window: the cache trusts their stat
        os.utime(path, (hour_ago, hour_ago))
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    cache_file = root / ".newsdesk-cache/build.pickle"
    written = cache_file.stat().st_mtime_ns
    assert cli.main(["build"]) == 0
    assert cache_file.stat().st_mtime_ns == written  # pickling a big site's cache is not free
    (root / "content/a.md").write_text(item("A retitled story"))
    assert cli.main(["build"]) == 0
    assert cache_file.stat().st_mtime_ns != written


def test_an_edit_rewrites_only_the_pages_it_changes(tmp_path, monkeypatch, capsys):
    root = _site(tmp_path)
    (root / "content/b.md").write_text(item("Another story", date="2026-11-19T10:00:00Z"))
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    first = stats(root / "output")
    (root / "content/b.md").write_text(item("Another story", date="2026-11-19T10:00:00Z", body="Edited body."))
    assert cli.main(["build"]) == 0
    second = stats(root / "output")
    changed = sorted(name for name in first if first[name] != second.get(name))
    assert "news/2026/11/19/b/index.html" in changed
    assert "news/2026/11/20/a/index.html" not in changed
    assert "static/mine.txt" not in changed


def test_a_file_in_the_output_where_a_folder_must_be_is_replaced_by_the_next_build(tmp_path, monkeypatch, capsys):
    """A file put where the build writes a folder (by hand, or another tool) made the next build, an update in
    place, fail at its own temporary file (`.../index.html.newsdesk-new: the output could not be written: Not a
    directory`), and every build after it the same way. The build is made whole then, as a full build is."""
    root = _site(tmp_path)
    (root / "content/b.md").write_text(item("Another story", date="2026-11-19T10:00:00Z"))
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    out = root / "output"
    for path in sorted((out / "news/2026/11/19").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (out / "news/2026/11/19").rmdir()
    (out / "news/2026/11/19").write_text("in the way\n")
    (root / "content/b.md").write_text(item("Another story", date="2026-11-19T10:00:00Z", body="Edited body."))
    capsys.readouterr()
    assert cli.main(["build"]) == 0, capsys.readouterr().err
    assert "Edited body." in (out / "news/2026/11/19/b/index.html").read_text()
    assert (out / "news/2026/11/20/a/index.html").is_file() and (out / "static/mine.txt").is_file()


def test_a_removed_item_leaves_no_page_behind(tmp_path, monkeypatch, capsys):
    root = _site(tmp_path)
    (root / "content/b.md").write_text(item("Gone soon", date="2026-11-19T10:00:00Z"))
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    assert (root / "output/news/2026/11/19/b/index.html").is_file()
    (root / "content/b.md").unlink()
    assert cli.main(["build"]) == 0
    assert not (root / "output/news/2026/11/19/b").exists()
    assert "Gone soon" not in "".join(p.read_text() for p in (root / "output").rglob("*.html"))


@pytest.mark.parametrize("first, second", [("a/b.html", "a"), ("a", "a/b.html")])
def test_a_first_build_with_a_file_and_a_folder_of_one_name_keeps_the_later_one(tmp_path, first, second):
    # A first build writes into a new, empty folder by the short path; a clash between two of its own
    # files goes the general way, as in any other build: the file placed later wins.
    out = tmp_path / "output"
    with Staging(out) as stage:
        assert stage.place(first, b"first") and stage.place(second, b"second")
        stage.commit()
    assert (out / second).read_bytes() == b"second"
    assert not (out / first).is_file()


# --- the output folder is newsdesk's own: its marker --------------------------------------------------------

@pytest.mark.parametrize("how", ["--output", "output_dir"])
def test_a_folder_of_the_users_is_never_taken_as_the_output(tmp_path, monkeypatch, capsys, how):
    # A build replaces everything in its output folder: pointed at a folder of the user's, it would move
    # their files aside and delete them on the next build. It refuses, says why and what to do, and
    # touches nothing, however often it is run.
    root = _site(tmp_path)
    if how == "output_dir":
        (root / "config.yaml").write_text((root / "config.yaml").read_text() + "output_dir: docs\n")
    docs = root / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / "notes.md").write_text("my notes")
    (docs / "img/chart.png").write_bytes(b"png")
    everything = files_under(tmp_path)
    monkeypatch.chdir(root)
    line = len((root / "config.yaml").read_text().splitlines())
    for _ in range(2):
        assert cli.main(["build", *(["--output", "docs"] if how == "--output" else [])]) == 2  # a setting to correct
        err = capsys.readouterr().err
        where, fix = (("--output", "give --output") if how == "--output" else
                      (f"config.yaml:{line}", "set `output_dir` to"))
        assert err.startswith(f"{where}: output folder docs/ ({docs}) is not empty, and newsdesk did not make it"), err
        assert f"({fix} a new or empty folder, or move this one away" in err and "Traceback" not in err
    assert files_under(tmp_path) == everything
    assert not [p.name for p in root.iterdir() if "newsdesk" in p.name]  # no staging, spare or cache folder


@pytest.mark.parametrize("how", ["--output", "output_dir"])
def test_an_output_folder_under_a_file_is_said_at_its_setting(tmp_path, monkeypatch, capsys, how):
    """An output folder whose path goes through a file (`--output notes.txt/site`) failed with a bare
    `.../notes.txt: File exists` and no word of what to do."""
    root = _site(tmp_path)
    if how == "output_dir":
        (root / "config.yaml").write_text((root / "config.yaml").read_text() + "output_dir: notes.txt/site\n")
    (root / "notes.txt").write_text("my notes")
    monkeypatch.chdir(root)
    line = len((root / "config.yaml").read_text().splitlines())
    assert cli.main(["build", *(["--output", "notes.txt/site"] if how == "--output" else [])]) == 2
    err = capsys.readouterr().err
    where, fix = ("--output", "give --output") if how == "--output" else (f"config.yaml:{line}", "set `output_dir` to")
    assert err.startswith(f"{where}: output folder notes.txt/site/ ({root / 'notes.txt/site'}) cannot be made: "
                          f"{root / 'notes.txt'} is a file, not a folder ({fix} a new or empty folder, or move "
                          f"{root / 'notes.txt'} away)"), err
    assert (root / "notes.txt").read_text() == "my notes"


def test_an_output_of_an_older_newsdesk_is_refused_until_it_is_deleted_once(tmp_path, monkeypatch, capsys):
    # An output made before the marker existed cannot be told from a folder of the user's: the message
    # says to delete it once; the next build makes a marked one.
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    (root / "output" / MARKER).unlink()  # as an older newsdesk left it
    assert cli.main(["build"]) == 2
    assert "if it is the output of an older newsdesk, delete it once" in capsys.readouterr().err
    import shutil
    shutil.rmtree(root / "output")
    assert cli.main(["build"]) == 0 and (root / "output" / MARKER).is_file()


def test_an_empty_folder_is_taken_as_the_output_and_stays_newsdesks_through_every_kind_of_build(tmp_path, monkeypatch):
    root = _site(tmp_path)
    (root / "public").mkdir()
    monkeypatch.chdir(root)
    assert cli.main(["build", "--output", "public"]) == 0
    marker = (root / "public" / MARKER).read_bytes()
    assert str(tmp_path).encode() not in marker and b"newsdesk" in marker  # published: it says only what it is
    (root / "content/a.md").write_text(item("A retitled story"))
    assert cli.main(["build", "--output", "public"]) == 0  # an edit: files replaced in place
    assert cli.main(["build", "--output", "public", "--clean"]) == 0  # a whole new folder swapped in
    assert (root / "public" / MARKER).read_bytes() == marker
    assert "A retitled story" in (root / "public/index.html").read_text()


def test_a_reader_holding_a_page_open_reads_it_whole_however_many_edits_follow(tmp_path):
    # update_in_place replaces files by rename: a file a reader (a server sending it) holds open is never
    # written into, not even by later edits.
    from generator.build.writer import update_in_place
    out = tmp_path / "output"
    names = [f"top/page/{n}/index.html" for n in range(1, 80)]
    update_in_place(out, {name: b"first " * 1000 for name in names}, {}, set())
    with open(out / names[0], "rb") as held:
        for round_ in range(4):
            files = {name: f"round {round_} ".encode() * (200 + 100 * round_) for name in names}
            update_in_place(out, files, {}, set())
            assert tree(out) == files
        assert held.read() == b"first " * 1000
    assert not [p for p in tmp_path.iterdir() if p.name != "output"]  # nothing kept beside the output
