"""The site's and its theme's `static/` folders holding what is no plain file of the site: links to nowhere, to a
folder, or out of the site, named pipes, sockets. Each is said (`path: what is wrong (what to do)`), the rest is
copied, and none holds the build up."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from conftest import ROOT, item, make_site


@pytest.mark.slow  # a build as a process of its own
def test_what_is_no_plain_file_of_the_site_in_static_is_said_and_the_rest_copied(tmp_path):
    """Each of these was passed over without a word (and a link out of the site was copied: a theme cloned from
    elsewhere, as git keeps links, could publish any file of the computer that builds it)."""
    root = make_site(tmp_path / "site", {"content/ok.md": item("OK"), "static/ok.txt": "ok\n",
                                         "elsewhere/shared.txt": "shared\n",
                                         "themes/default/static/css/extra.css": "a { color: red }\n"})
    (tmp_path / "secret.txt").write_text("private\n")
    static, theme = root / "static", root / "themes/default/static"
    (static / "gone.txt").symlink_to("moved-away.txt")
    (static / "loop.txt").symlink_to("loop.txt")
    (static / "folder").symlink_to("../elsewhere", target_is_directory=True)
    (static / "shared.txt").symlink_to("../elsewhere/shared.txt")  # in the site: its file copied
    (static / "secret.txt").symlink_to(tmp_path / "secret.txt")
    (theme / "css/secret.css").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(static / "pipe.txt")  # (opened to be copied, it would wait for a writer forever)
    os.mkfifo(theme / "css/pipe.css")
    os.symlink("pipe.txt", static / "to-pipe.txt")
    listening = socket.socket(socket.AF_UNIX)
    os.chdir(static)  # (a socket's path is limited to about 100 bytes: bound by its name, here)
    try:
        listening.bind("socket")
    finally:
        os.chdir(ROOT)
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    listening.close()
    assert done.returncode == 0, done.stderr
    said = done.stderr
    for name, message, hint in [
            ("static/gone.txt", "cannot read the file: No such file or directory", "fix or remove the symbolic link"),
            ("static/loop.txt", "cannot read the file: Too many levels of symbolic links",
             "fix or remove the symbolic link"),
            ("static/folder", "a link to a folder is not followed",
             "copy the folder in, or link its files one by one"),
            ("static/secret.txt", f"a link to a file outside the site ({tmp_path / 'secret.txt'}): only the site's "
             "own files are published", "copy the file in, rather than link it"),
            ("themes/default/static/css/secret.css", f"a link to a file outside the site ({tmp_path / 'secret.txt'})"
             ": only the site's own files are published", "copy the file in, rather than link it"),
            ("static/pipe.txt", "a named pipe (FIFO), not a file", "remove it, or put the file it stands for there"),
            ("themes/default/static/css/pipe.css", "a named pipe (FIFO), not a file",
             "remove it, or put the file it stands for there"),
            ("static/to-pipe.txt", "a named pipe (FIFO), not a file", "remove it, or put the file it stands for there"),
            ("static/socket", "a socket, not a file", "remove it, or put the file it stands for there")]:
        assert f"warning: {name}: not copied: {message} ({hint})" in said, said
    out = root / "output"
    assert (out / "static/ok.txt").read_text() == "ok\n" and (out / "static/shared.txt").read_text() == "shared\n"
    assert (out / "static/css/extra.css").is_file() and (out / "news/2026/11/20/ok/index.html").is_file()
    for name in ("gone.txt", "loop.txt", "folder", "secret.txt", "css/secret.css", "pipe.txt", "css/pipe.css",
                 "to-pipe.txt", "socket"):
        assert not os.path.lexists(out / "static" / name), name
    assert "private" not in "".join(path.read_text(errors="replace") for path in out.rglob("*") if path.is_file())


@pytest.mark.slow  # a build as a process of its own
def test_a_theme_folder_linked_in_from_elsewhere_copies_its_own_files(tmp_path):
    """A theme kept outside the site and linked in (`themes/paper -> ~/themes/paper`): its files, and links among
    them, are its own, not files outside the site."""
    root = make_site(tmp_path / "site", {"content/ok.md": item("OK")}, "title: T\nbase_url: https://example.org/\n"
                                                                       "theme: paper\n")
    shelf = tmp_path / "shelf/paper/static/css"
    shelf.mkdir(parents=True)
    (shelf / "paper.css").write_text("p { margin: 0 }\n")
    (shelf / "print.css").symlink_to("paper.css")
    (root / "themes").mkdir()
    (root / "themes/paper").symlink_to(tmp_path / "shelf/paper", target_is_directory=True)
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert done.returncode == 0 and "not copied" not in done.stderr, done.stderr
    assert (root / "output/static/css/print.css").read_text() == "p { margin: 0 }\n"


@pytest.mark.slow  # a build as a process of its own
def test_a_static_file_whose_name_no_published_site_can_hold_is_said_escaped_and_the_rest_copied(tmp_path):
    """A theme cloned from elsewhere names a file with a line break, an escape sequence or a byte that is not
    UTF-8. Each was copied and published: deploy hands every name to git fast-import one to a line, where a
    line break starts a command of the file's choosing, and a name that is not UTF-8 stopped the deploy with a
    traceback, as it stopped `--report` (its warning's path was no text a JSON file can hold)."""
    root = make_site(tmp_path / "site", {"content/ok.md": item("OK"), "static/ok.txt": "ok\n",
                                         "themes/default/static/css/extra.css": "a { color: red }\n",
                                         "static/\u202egnp.txt": "shown\n"})
    hostile = {b"static/new\nD index.html": "static/new\\nD index.html",
               b"static/\x1b[2Jclear.txt": "static/\\x1b[2Jclear.txt",
               b"static/tab\there.txt": "static/tab\\there.txt",
               b"static/caf\xe9.txt": "static/caf\\xe9.txt",
               b"themes/default/static/css/\xff.css": "themes/default/static/css/\\xff.css"}
    for name in hostile:
        with open(bytes(root) + b"/" + name, "wb") as handle:
            handle.write(b"x\n")
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--report", str(report)], cwd=root,
                          capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    said = done.stderr.decode("utf-8")  # (strict: every byte a message holds is text)
    assert done.returncode == 0, said
    warned = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    for name, shown in hostile.items():
        line = (f"{shown}: not copied: a name that a published site cannot hold (a control character or a byte "
                f"that is not UTF-8) (rename the file: letters, digits, `-`, `_` and `.` are safe)")
        assert f"warning: {line}" in said, said
        # (the report names the file as it is, its bytes that are not UTF-8 as messages show them)
        source = os.fsdecode(name) if b"\xe9" not in name and b"\xff" not in name else shown
        assert {"source": source, "line": None, "warning": line} in warned
    out = root / "output"
    assert sorted(path.name for path in (out / "static").iterdir() if path.is_file()) == [
        "favicon.svg", "ok.txt", "\u202egnp.txt"]
    assert (out / "static/css/extra.css").is_file() and (out / "news/2026/11/20/ok/index.html").is_file()
    assert not any(os.fsencode(path.name) in {name.rsplit(b"/", 1)[1] for name in hostile} for path in out.rglob("*"))


def test_a_static_file_that_windows_cannot_hold_is_published_with_a_warning(tmp_path, capsys):
    """A built site is a git branch that people clone, also on Windows, where git refuses to check out a file
    named as a device (`CON`, `aux.css`, `com1.tar.gz`), ending in a dot or a space, or holding one of
    `<>:"|?*`: the clone stops there, and newsdesk's own names are never so (urls.py). A site's or a theme's
    file so named was copied without a word; GitHub Pages serves it, so it is still published, with a warning,
    as two names alike but for case are."""
    from conftest import build_said

    names = ["static/CON", "static/aux.css", "static/com1.tar.gz", "static/Lpt9.txt", "static/dot.",
             "static/space ", "static/a:b.txt", "static/what?.txt", "static/nul/inside.txt",
             "themes/default/static/css/prn.css"]
    safe = ["static/console.css", "static/con-tent.txt", "static/com10.txt", "static/auxiliary.js"]
    root = make_site(tmp_path / "site", {"content/ok.md": item("OK"), **{name: "x\n" for name in names + safe}})
    status, said = build_said(root, capsys)
    assert status == 0
    for name in names:
        output = "static/" + name.split("static/", 1)[1]
        assert (f"warning: {name}: Windows cannot hold {output} (a device's name, "
                f"a name ending in a dot or a space, or one of <>:\"|?*): a copy of the built site there lacks "
                f"it (rename the file)") in said, said
        assert (root / "output/static" / name.split("static/", 1)[1]).is_file(), name
    for name in safe:
        assert name not in said
        assert (root / "output" / name).is_file()
