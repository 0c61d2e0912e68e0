"""Reading item files a hostile crawler wrote (content/ -> Source): what a file's size, name or
kind costs the build, and that the rest of the site still builds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from conftest import ROOT, build_said, item, make_site


def test_a_file_of_gigabytes_costs_no_more_memory_than_the_limit(tmp_path, capsys):
    """A sparse file of 3 GB (no disk, a crawler's runaway write) was read whole to say it was too big: the
    build took 3 GB of memory for it, and a larger one ended the build. It is read up to the limit now, and
    its size comes from the file system; its title is shown, its body (no line break to cut it at) is not."""
    site = make_site(tmp_path / "site", {"content/ok.md": item("Kept")})
    with open(site / "content" / "huge.md", "wb") as handle:
        handle.write(b"---\ntitle: Huge\npublishedDateTime: 2026-11-20T10:00:00Z\n---\n")
        handle.truncate(3 * 1024 ** 3)
    # The probe's own peak (VmHWM, of the process since its exec): getrusage's ru_maxrss keeps the peak of the
    # process it was forked from, a test worker that may be larger than the limit already.
    probe = ("import sys; from generator.site.content import read_named; "
             "source = read_named('content/huge.md', sys.argv[1]); "
             "print(source.meta['title'], repr(source.body), *source.notes[-1][:2]); "
             "print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))")
    done = subprocess.run([sys.executable, "-c", probe, str(site / "content" / "huge.md")], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    said, peak_kib = done.stdout.splitlines()
    assert said == ("Huge '' 5 file is 3145728 KiB, more than the 4096 KiB allowed: its body is left out, as it has "
                    "no line break or space to cut it at within the limit")
    assert int(peak_kib) < 512 * 1024, peak_kib  # (the interpreter and the package: tens of MB)
    status, out = build_said(site, capsys)
    assert status == 0 and "warning: content/huge.md:5: file is 3145728 KiB" in out
    assert (site / "output" / "news" / "2026" / "11" / "20" / "huge" / "index.html").is_file()
    assert (site / "output" / "news" / "2026" / "11" / "20" / "ok" / "index.html").is_file()


def test_a_folder_that_cannot_be_listed_is_an_error_and_the_rest_builds(tmp_path, capsys):
    """A folder nested past the longest path the system opens (4,096 bytes on Linux), as a crawler that mirrors
    a site's addresses makes, was passed over unsaid: its items were missing, and the build said "0 errors"."""
    site = make_site(tmp_path / "site", {"content/top.md": item("Top")})
    fd, length = os.open(site / "content", os.O_RDONLY), len(os.fsencode(site / "content"))
    while length < 4_200:  # (made one step at a time from the folder before: no path this long can be opened)
        os.mkdir("folder-of-a-mirror", dir_fd=fd)
        fd, parent = os.open("folder-of-a-mirror", os.O_RDONLY, dir_fd=fd), fd
        os.close(parent)
        length += len("/folder-of-a-mirror")
    with open(os.open("lost.md", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as handle:
        handle.write(item("Lost"))
    os.close(fd)
    status, said = build_said(site, capsys)
    assert status == 0 and "Traceback" not in said, said
    assert "from 1 item, 1 error" in said, said
    assert ("/folder-of-a-mirror/: cannot read the folder: File name too long (its path is longer than the system "
            "opens: move its files into a folder nearer the top) [left out]") in said, said
    assert "error: content/folder-of-a-mirror/folder-of-a-mirror/" in said, said


@pytest.mark.slow  # a build as a process of its own
def test_an_item_file_that_is_a_pipe_or_a_socket_is_an_error_and_the_rest_builds(tmp_path):
    """A named pipe or a socket named as an item (`x.md`), or a link to one, was passed over unsaid (and a pipe,
    opened, would wait for a writer forever: the build runs with a time limit). A folder named `x.md` is a folder:
    its items are read."""
    site = make_site(tmp_path / "site", {"content/top.md": item("Top"), "content/folder.md/inside.md": item("Inside")})
    os.mkfifo(site / "content/pipe.md")
    os.symlink("pipe.md", site / "content/to-pipe.md")
    listening = socket.socket(socket.AF_UNIX)
    os.chdir(site / "content")  # (a socket's path is limited to about 100 bytes: bound by its name, here)
    try:
        listening.bind("socket.md")
    finally:
        os.chdir(ROOT)
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=site, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    listening.close()
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    for name, kind in (("pipe.md", "a named pipe (FIFO)"), ("to-pipe.md", "a named pipe (FIFO)"),
                       ("socket.md", "a socket")):
        assert (f"error: content/{name}: cannot read the file: {kind}, not a file (replace it with the item's file) "
                "[left out]") in done.stderr, done.stderr
    assert (site / "output/news/2026/11/20/top/index.html").is_file()
    assert (site / "output/news/2026/11/20/inside/index.html").is_file()
