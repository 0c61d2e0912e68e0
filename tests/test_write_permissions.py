"""Writing as a user who may not change what an earlier build left: an output made by another user
(`sudo newsdesk build`, a container) or made read-only is swapped out at the next build and becomes the
writer's spare folder beside the output, which the build after that reuses; a build cache made so is said
with how to get it back."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import tempfile
import traceback
from pathlib import Path

import pytest

from conftest import item, make_site
from generator import cli
from generator.build.writer import write_site

NOBODY = 65534


def _as_user(tmp_path: Path, uid: int, job) -> tuple[int, str]:
    """Run job() in a child process as uid (as this process when that is us); its exit code and what it said
    (the text job returns, or its traceback)."""
    said = tmp_path / "said.txt"
    pid = os.fork()
    if pid == 0:
        code = 2
        try:
            if uid != os.geteuid():
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
            said.write_text(job() or "", encoding="utf-8")
            code = 0
        except BaseException:
            code = 1
            said.write_text(traceback.format_exc(), encoding="utf-8")
        finally:
            os._exit(code)  # (never back into pytest)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), said.read_text(encoding="utf-8") if said.exists() else ""


@pytest.fixture
def shared(tmp_path):
    """A folder another user may use (pytest's own are root's alone when root runs the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-permissions-"))
    folder.chmod(0o777)
    yield folder
    for path in [folder, *folder.rglob("*")]:  # (read-only folders are in it)
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o777)
    shutil.rmtree(folder)


def _user() -> int:
    """The user the writes run as: this one, or nobody when this is root (whom no permission stops)."""
    return os.geteuid() if os.geteuid() != 0 else NOBODY


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def test_an_output_made_read_only_is_rebuilt_on_every_build(shared):
    tmp_path, user = shared, _user()
    out = tmp_path / "site" / "output"
    out.parent.mkdir()
    os.chown(out.parent, user, -1)
    assert _as_user(tmp_path, user, lambda: write_site(out, {"index.html": b"one"}, {}) and "") == (0, "")
    _read_only(out)
    for text in (b"two", b"three", b"four"):  # the third write reuses the read-only folder the first swapped out
        files = {"index.html": text, "a/b.html": text}
        code, said = _as_user(tmp_path, user, lambda: write_site(out, files, {}) and "")
        assert code == 0, said
        assert (out / "index.html").read_bytes() == text and (out / "a/b.html").read_bytes() == text
    assert sorted(p.name for p in out.parent.iterdir()) == [".output.newsdesk-spare", "output"]


def test_an_output_another_user_made_says_how_to_delete_what_is_left(shared):
    if os.geteuid() != 0:
        pytest.skip("needs root, to make an output as another user")
    tmp_path = shared
    out = tmp_path / "site" / "output"
    out.parent.mkdir()
    os.chown(out.parent, NOBODY, -1)
    write_site(out, {"index.html": b"made by root"}, {})  # `sudo newsdesk build`
    assert _as_user(tmp_path, NOBODY, lambda: write_site(out, {"index.html": b"two"}, {}) and "") == (0, "")
    code, said = _as_user(tmp_path, NOBODY, lambda: write_site(out, {"index.html": b"three"}, {}) and "")
    assert code == 1
    spare = out.parent / ".output.newsdesk-spare"
    assert f"{spare}: newsdesk's own folder beside the output (kept to rebuild faster) is not writable" in said
    assert f"sudo rm -rf '{spare}'" in said and "PermissionError" not in said
    assert (out / "index.html").read_bytes() == b"two"  # the previous output is as it was


def test_a_build_cache_another_user_made_says_how_to_get_it_back(shared):
    if os.geteuid() != 0:
        pytest.skip("needs root, to make the cache as another user")
    site = make_site(shared / "site", {"content/one.md": item("One")}, "title: T\nbase_url: https://example.org/\n")
    for path in [site, *site.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    assert cli.main(["build", "--config", str(site / "config.yaml")]) == 0  # `sudo newsdesk build`: root's cache
    (site / "content/one.md").write_text(item("One, edited"), encoding="utf-8")

    def build() -> str:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["build", "--config", str(site / "config.yaml")])
        return f"{code}\n{err.getvalue()}"

    code, said = _as_user(shared, NOBODY, build)
    assert code == 0 and said.startswith("1\n"), said
    cache = site / ".newsdesk-cache"
    assert f"{cache}/.gitignore: Permission denied (another user made it, or it was made read-only" in said
    assert f'`sudo chown -R "$USER" {cache}` or `chmod -R u+w {cache}` gives it back' in said
