"""A build stopped at any moment (SIGKILL) or by a full disk leaves the previous site or the new one.

Real processes, real kills, a real full disk (a small tmpfs). After a kill, the next command first
calls `writer.recover`, which completes a swap or an update in place that the kill cut in half; the
tests call it as that command would, compare the output with full builds of the old and the new
content, then build once more and compare again (a killed build must not leave the next one wrong).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, files_under, item, make_site
from generator import cli
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.build.writer import recover
from generator.serve.rebuild import Session, rebuild, update_search

CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
"""
TOPICS = ["AI", "Science", "Climate", "Space", "Health"]


def story(n: int, title: str = "", body: str = "") -> str:
    day, hour = 1 + n % 28, n % 24
    return item(title or f"Story {n} of the day", date=f"2026-10-{day:02d}T{hour:02d}:00:00Z",
                topics=f"[{TOPICS[n % len(TOPICS)]}]", heat=n % 100, quality=(7 * n) % 100,
                body=body or f"Body of story {n}. " * 20)


def make(root: Path, count: int) -> Path:
    return make_site(root, {f"content/s{n}.md": story(n) for n in range(count)}, CONFIG)


def full_build(root: Path, scratch: Path) -> dict[str, bytes]:
    """What a full build of the site's content makes, built from a copy (cold, in this process)."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(root, scratch, ignore=shutil.ignore_patterns("output", ".output.*", ".newsdesk-cache"))
    config = load_config(scratch / "config.yaml")
    build(config, BuildOptions(workers=1), environ={})
    return files_under(config.output_path)


def newsdesk(root: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.Popen([sys.executable, "-m", "generator", "build", *args], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stopped_while_writing(root: Path) -> subprocess.Popen:
    """A `newsdesk build --clean` of the site (another terminal), stopped (SIGSTOP) in the middle of writing
    its new site: its staging folder is there. The caller sends SIGCONT."""
    running = newsdesk(root, "--clean")
    staging = root / ".output.newsdesk-staging"
    deadline = time.monotonic() + 60
    while not staging.exists() and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    running.send_signal(signal.SIGSTOP)
    if not staging.exists():
        running.send_signal(signal.SIGCONT)
        pytest.fail("the build wrote no staging folder")
    return running


# A build that kills itself (SIGKILL, as `kill -9` would) just before its k-th call of os.rename or os.replace
# (k = 0: it counts them, and says how many it made): a kill at an exact step of a swap or of an update.
KILL_AT = """
import atexit, os, signal, sys
call, limit = sys.argv[1], int(sys.argv[2])
real, count = getattr(os, call), [0]
def counted(*args, **kwargs):
    count[0] += 1
    if count[0] == limit:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(os, call, counted)
atexit.register(lambda: print("calls:", count[0], file=sys.stderr))
sys.argv = ["newsdesk", "build", "--workers", "1", *sys.argv[3:]]
from generator.cli import run
run()
"""


@pytest.mark.slow
@pytest.mark.parametrize("mode, call", [("update", "replace"), ("full", "rename")])
def test_a_build_killed_at_a_rename_leaves_the_old_or_the_new_site(tmp_path, mode, call):
    # The renames are the moments the output changes: an update in place moves its files in one by one
    # (os.replace), a full build swaps its folder in (os.rename, twice). Killed before the first, the output
    # is the old site; after recovery, before any later one, the new site; in between, never a mix.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    root = make(tmp_path / "site", 6)
    old = full_build(root, tmp_path / "scratch")
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env, check=True, capture_output=True)
    assert files_under(root / "output") == old
    pristine = tmp_path / "pristine"
    shutil.copytree(root, pristine, symlinks=True)
    edits = {"content/s0.md": story(0, title="A retitled story"), "content/new.md": story(99, title="A new story")}
    for name, text in edits.items():
        (root / name).write_text(text, encoding="utf-8")
    new = full_build(root, tmp_path / "scratch")
    args = ["--clean"] if mode == "full" else []
    counted = subprocess.run([sys.executable, "-c", KILL_AT, call, "0", *args], cwd=root, env=env,
                             capture_output=True, text=True)
    calls = int(counted.stderr.split("calls:")[1])
    assert calls >= (30 if mode == "update" else 2)
    outcomes = []
    for k in sorted(k for k in {1, 2, 3, *range(4, calls - 2, 7), calls - 2, calls - 1, calls} if 1 <= k <= calls):
        shutil.rmtree(root)
        shutil.copytree(pristine, root, symlinks=True)
        for name, text in edits.items():
            (root / name).write_text(text, encoding="utf-8")
        done = subprocess.run([sys.executable, "-c", KILL_AT, call, str(k), *args], cwd=root, env=env,
                              capture_output=True)
        assert done.returncode == -signal.SIGKILL, done.stderr.decode()
        recover(root / "output")  # what the next command does first
        found = files_under(root / "output")
        assert found in (old, new), f"killed before {call} #{k} of {calls}: neither the old site nor the new"
        outcomes.append("new" if found == new else "old")
        # The next build, of the content as it was before (the new story deleted again), must be exact:
        # a build killed after writing a page its cache does not list yet must not leave that page behind.
        (root / "content/new.md").unlink()
        (root / "content/s0.md").write_text(story(0), encoding="utf-8")
        after = newsdesk(root)
        assert after.wait() == 0, after.stderr.read().decode()
        assert files_under(root / "output") == old
    assert outcomes[0] == "old" and outcomes[-1] == "new", outcomes


@pytest.mark.slow
def test_builds_killed_at_random_moments_leave_the_old_or_the_new_site(tmp_path):
    """SIGKILL after a random delay, during builds of every kind on a site of a few hundred items."""
    rng = random.Random(17)
    root = make(tmp_path / "site", 300)
    scratch = tmp_path / "scratch"
    first = newsdesk(root)
    assert first.wait() == 0, first.stderr.read().decode()
    current = files_under(root / "output")
    assert current == full_build(root, scratch)
    added = []

    def text_edits():  # a few stories' text: their pages and the lists showing them are replaced in place
        for n in rng.sample(range(300), 3):
            (root / f"content/s{n}.md").write_text(story(n, body=f"Edited {rng.random()}. " * 30), encoding="utf-8")
        return []

    def score_edit():  # a story from the bottom to the top: hundreds of list pages in place
        n = rng.randrange(300)
        (root / f"content/s{n}.md").write_text(story(n).replace(f"heat: {n % 100}", "heat: 100")
                                               .replace("2026-10-", "2026-11-"), encoding="utf-8")
        return []

    def add_or_remove():
        if added and rng.random() < 0.5:
            (root / f"content/{added.pop()}.md").unlink()
        else:
            name = f"new{len(added)}-{rng.randrange(10**6)}"
            (root / f"content/{name}.md").write_text(story(rng.randrange(300), title=f"New story {name}"))
            added.append(name)
        return []

    def clean_build():  # every file made again in a new folder, swapped in
        return ["--clean"]

    # Each kind of build three or four times: killed after a random delay from its start, or once the
    # writer's folder beside the output has appeared (an update's, or the staging folder of a full build),
    # after a random delay from then: kills inside the writing itself, which is a short part of a build.
    kinds = [text_edits, score_edit, add_or_remove, clean_build]
    output = root / "output"
    left = []  # what each kill left beside the output, for recover() to finish
    for moment in range(14):
        kind = kinds[moment % len(kinds)]
        args = kind()
        new = full_build(root, scratch)
        running = newsdesk(root, *args)
        if moment % 3 == 0:
            time.sleep(rng.uniform(0.05, 1.5))
        else:
            watched = output.with_name(".output.newsdesk-" + ("staging" if args else "update"))
            while not watched.exists() and running.poll() is None:
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.4 if args else 0.02))
        running.send_signal(signal.SIGKILL)
        code = running.wait()
        left.append(sorted(p.name for p in root.iterdir() if p.name.startswith(".output.")))
        recover(output)
        found = files_under(output)
        assert found in (current, new), f"moment {moment} ({kind.__name__}, exit {code}, left {left[-1]}): a mix"
        current = found
    final = newsdesk(root)
    assert final.wait() == 0, final.stderr.read().decode()
    assert files_under(root / "output") == full_build(root, scratch)
    assert any(".output.newsdesk-update" in names or ".output.newsdesk-staging" in names for names in left), left


def _children(pid: int) -> set[int]:
    try:
        return {int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _running(pid: int) -> bool:
    """Whether the process is alive (a zombie waiting to be reaped has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_a_killed_build_leaves_no_helper_process_behind(tmp_path):
    # A helper holds both ends of its pool's pipes: once `kill -9` ended the build, it waited for ever for a
    # task, or to hand in a result no one reads, holding its copy of the model.
    root = make(tmp_path / "site", 1500)
    running = newsdesk(root, "--clean", "--workers", "3")
    helpers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(helpers) < 2 and running.poll() is None and time.monotonic() < deadline:
        helpers |= _children(running.pid)
        time.sleep(0.01)
    assert helpers, "the build ended before it forked its helpers: give it more items"
    running.send_signal(signal.SIGKILL)
    assert running.wait() == -signal.SIGKILL
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = sorted(pid for pid in helpers if _running(pid))
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"helper processes {left} outlived the killed build"


@pytest.mark.slow
def test_a_second_build_of_the_same_output_waits_for_the_first(tmp_path):
    # Two builds at once (a second terminal, a cron job): the second one's recovery took the first one's folders
    # beside the output for a killed build's, and the site lost half its pages (news/, hot/, robots.txt) while
    # the first build said it had succeeded.
    root = make(tmp_path / "site", 600)
    scratch = tmp_path / "scratch"
    assert newsdesk(root).wait() == 0
    first = stopped_while_writing(root)
    try:
        (root / "content/s7.md").write_text(story(7, title="Edited while the first build writes"), encoding="utf-8")
        second = newsdesk(root)
        said = second.stderr.readline().decode()  # it says it waits (or, without a lock, ends)
        assert "waiting for another newsdesk build" in said, said
    finally:
        first.send_signal(signal.SIGCONT)
    assert first.wait() == 0, first.stderr.read().decode()
    assert second.wait() == 0, second.stderr.read().decode()
    assert files_under(root / "output") == full_build(root, scratch)


@pytest.mark.slow
def test_serve_writes_an_edit_after_a_build_of_its_output_in_another_terminal(tmp_path):
    # serve wrote a saved edit into the output in place while a `newsdesk build` of the same output was half
    # done; that build then put its site (made from the files before the edit) over it, and the browser
    # showed the old story while serve took its page for written.
    root = make(tmp_path / "site", 600)
    config, session = load_config(root / "config.yaml"), Session()
    rebuild(session, config, BuildOptions(workers=1), None, environ={})  # serve's first build
    edited = root / "content/s7.md"
    modes = []  # (an edit that takes the story into or out of a story is built again; the next is patched)
    for title in ("Edited once", "Edited twice", "Edited thrice"):
        edited.write_text(story(7, title=title), encoding="utf-8")
        modes.append(rebuild(session, config, BuildOptions(workers=1), [edited], environ={}).mode)
    assert modes[-1] == "patch", modes  # what serve does with a saved story
    other = stopped_while_writing(root)
    try:
        edited.write_text(story(7, title="Edited while another build writes"), encoding="utf-8")
        saved = threading.Thread(target=rebuild, args=(session, config, BuildOptions(workers=1), [edited]),
                                 kwargs={"environ": {}})
        saved.start()
        saved.join(2)
        assert saved.is_alive(), "serve wrote while the other build held the output"
    finally:
        other.send_signal(signal.SIGCONT)
    assert other.wait() == 0, other.stderr.read().decode()
    saved.join(60)
    assert not saved.is_alive()
    update_search(config, session.last.plan)  # what serve does after the reload
    assert files_under(root / "output") == full_build(root, tmp_path / "scratch")


# --- a full disk ----------------------------------------------------------------------------------------------

@contextlib.contextmanager
def tmpfs(disk: Path, size: str):
    """A real file system of `size` (tmpfs) at `disk`, for the test's time."""
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.fixture
def small_disk(tmp_path):
    """A real file system of 1 MiB (tmpfs), for the output only; the site's sources stay on the big disk."""
    with tmpfs(tmp_path / "disk", "1m") as disk:
        yield disk


def free_bytes(folder: Path) -> int:
    found = os.statvfs(folder)
    return found.f_bavail * found.f_frsize


@pytest.mark.parametrize("how", ["update", "full"])
def test_a_full_disk_stops_the_build_with_a_message_and_keeps_the_previous_site(tmp_path, small_disk, monkeypatch,
                                                                                capsys, how):
    root = make(tmp_path / "site", 4)
    output = small_disk / "public"
    monkeypatch.chdir(root)
    assert cli.main(["build", "--output", str(output)]) == 0
    before, free = files_under(output), free_bytes(small_disk)
    for n in range(20):  # stories too big for what is left on the disk
        (root / f"content/big{n}.md").write_text(story(n, title=f"Big story {n}", body="words " * 20_000))
    capsys.readouterr()
    assert cli.main(["build", "--output", str(output), *(["--clean"] if how == "full" else [])]) == 1
    err = capsys.readouterr().err
    assert f"{output}: the disk is full" in err and f"free some space on the disk that holds {small_disk}" in err
    assert "previous output was left as it was" in err and "Traceback" not in err
    assert files_under(output) == before
    assert os.listdir(small_disk) == ["public"]  # no half-built folder keeps the disk full
    assert free_bytes(small_disk) >= free
    for n in range(20):
        (root / f"content/big{n}.md").unlink()
    assert cli.main(["build", "--output", str(output)]) == 0  # space again: it builds
    assert files_under(output) == before




@pytest.mark.slow  # (three builds)
def test_a_build_cache_the_full_disk_cannot_hold_is_said_after_what_the_build_did(tmp_path, capsys):
    """With the site on a disk that holds the output's update but not the build cache saved after it, the build
    said only "newsdesk: No space left on device": not which disk, nor that the output was written, and the
    build's warnings and summary were never shown. They are now, then what was not saved and where."""
    with tmpfs(tmp_path / "disk", "4m") as disk:  # (the cache is saved beside the last one: twice its size)
        root = make(disk / "site", 3)
        (root / "content/s1.md").write_text(item("Warned", heat="lots"))  # (a warning to show)
        assert cli.main(["build", "--config", str(root / "config.yaml")]) == 0
        cache = root / ".newsdesk-cache"
        filler = disk / "filler"
        filler.write_bytes(b"\0" * max(free_bytes(disk) - (cache / "build.pickle").stat().st_size * 4 // 5, 0))
        (root / "content/s2.md").write_text(story(2, title="Edited story"))
        capsys.readouterr()
        assert cli.main(["build", "--config", str(root / "config.yaml")]) == 1
        out, err = capsys.readouterr()
        assert "Edited story" in (root / "output/api/news/index.json").read_text(encoding="utf-8"), err  # (written)
        assert "pages written" in out + err and "warning: content/s1.md" in err, err
        assert (f"{cache}/build.pickle: No space left on device (free some space on that disk, then run the "
                "command again)") in err, err
        assert "The output was written; the build cache was not saved" in err and "Traceback" not in err, err
        filler.unlink()
        assert cli.main(["build", "--config", str(root / "config.yaml")]) == 0, capsys.readouterr()  # space again


# A build that kills itself (SIGKILL) when it starts writing the list of files an update in place is about
# to replace (its intent, in .output.newsdesk-update/): before that list is whole.
KILL_IN_INTENT = """
import os, signal, sys
real = os.write
def write(fd, data):
    if ".intent" in os.readlink(f"/proc/self/fd/{fd}"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(fd, data)
os.write = write
sys.argv = ["newsdesk", "build", "--workers", "1"]
from generator.cli import run
run()
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see which file is written")
def test_an_update_killed_while_it_lists_its_files_leaves_the_site_and_the_next_build_works(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    root = make(tmp_path / "site", 4)
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env, check=True, capture_output=True)
    before = files_under(root / "output")
    assert before
    (root / "content/s1.md").write_text(story(1, title="Retitled before the kill"), encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILL_IN_INTENT], cwd=root, env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    assert files_under(root / "output") == before  # nothing was written into the output yet
    after = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env, capture_output=True)
    assert after.returncode == 0, after.stderr.decode()
    assert files_under(root / "output") == full_build(root, tmp_path / "scratch")
    assert not (root / ".output.newsdesk-update").exists()
