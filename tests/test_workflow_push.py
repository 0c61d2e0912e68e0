"""The scheduled workflow's push of what it fetched (`newsdesk init --github-actions --fetch-schedule`), when
the branch moved during the run (a push of the user's): its commit goes on top of the branch and is pushed,
a few times at most. The step's own shell runs as GitHub's runner runs it, in a shallow clone of a real
(local, bare) remote, as actions/checkout makes it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import git, item, make_site

from generator.cli import main

MOVED = "The branch moved during this run"


@pytest.fixture
def repository(tmp_path, capsys, git_identity) -> tuple[Path, str]:
    """A bare remote holding a repository whose site is in its `news` folder, with the scheduled workflow;
    and the workflow's commit step."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    site = make_site(work / "news", {"content/news/one.md": item("One")})
    (site / "fetch-state.json").write_text('{\n  "version": 1,\n  "feeds": {}\n}\n', encoding="utf-8")
    assert main(["init", str(site), "--github-actions", "--install", "newsdesk==0.1.0",
                 "--fetch-schedule", "17 * * * *"]) == 0
    capsys.readouterr()
    job = yaml.safe_load((work / ".github/workflows/pages.yml").read_text(encoding="utf-8"))["jobs"]["build"]
    assert job["defaults"]["run"]["working-directory"] == "news"
    [step] = [step["run"] for step in job["steps"] if step.get("name") == "Commit what was fetched"]
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Site")
    git(work, "push", "-q", str(origin), "main")
    return origin, step


def checkout(origin: Path, folder: Path) -> Path:
    """The runner's checkout: actions/checkout's default, one commit deep, on the branch."""
    git(folder.parent, "clone", "-q", "--depth", "1", "--branch", "main", origin.as_uri(), str(folder))
    return folder


def fetched(clone: Path, name: str, state: str) -> None:
    """What `newsdesk fetch` writes: a new item and the state file."""
    (clone / "news/content/fetched").mkdir(parents=True, exist_ok=True)
    (clone / f"news/content/fetched/{name}.md").write_text(item(name.title()), encoding="utf-8")
    (clone / "news/fetch-state.json").write_text(state, encoding="utf-8")


def user_pushes(origin: Path, folder: Path, path: str, text: str) -> None:
    """The user's push to the branch from another clone."""
    if not folder.exists():
        git(folder.parent, "clone", "-q", origin.as_uri(), str(folder))
    git(folder, "pull", "-q")
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    (folder / path).write_text(text, encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", f"Edit {path}")
    git(folder, "push", "-q")


def run_step(clone: Path, script: str) -> subprocess.CompletedProcess:
    """A `run:` step as GitHub's runner runs it (bash -eo pipefail), in the job's working directory."""
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=clone / "news",
                          capture_output=True, text=True, env=dict(os.environ, CI="true"), timeout=120)


def files_at(origin: Path, path: str) -> str:
    return git(origin, "show", f"main:{path}")


def test_a_push_during_the_run_is_taken_and_what_was_fetched_pushed_on_top(repository, tmp_path):
    origin, step = repository
    clone = checkout(origin, tmp_path / "runner")
    fetched(clone, "comet", '{\n  "version": 1,\n  "feeds": {"a": 1}\n}\n')
    user_pushes(origin, tmp_path / "user", "news/content/news/two.md", item("Two"))
    done = run_step(clone, step)
    assert done.returncode == 0, done.stdout + done.stderr
    assert MOVED in done.stdout
    assert git(origin, "log", "--format=%s", "main").split("\n")[:3] == [
        "Fetch feeds", "Edit news/content/news/two.md", "Site"]
    assert "Comet" in files_at(origin, "news/content/fetched/comet.md")
    assert '"a": 1' in files_at(origin, "news/fetch-state.json")
    assert (clone / "news/content/news/two.md").is_file()  # (the site built next holds the user's push too)
    assert git(clone, "status", "--porcelain") == ""
    # Nothing fetched: nothing pushed; the branch unmoved: pushed at once.
    done = run_step(clone, step)
    assert done.returncode == 0 and "Nothing new." in done.stdout
    fetched(clone, "storm", '{\n  "version": 1,\n  "feeds": {"a": 2}\n}\n')
    done = run_step(clone, step)
    assert done.returncode == 0 and MOVED not in done.stdout, done.stderr
    assert git(origin, "rev-parse", "main") == git(clone, "rev-parse", "HEAD")


def test_the_same_lines_changed_on_the_branch_stop_the_run_saying_so(repository, tmp_path):
    origin, step = repository
    clone = checkout(origin, tmp_path / "runner")
    fetched(clone, "comet", '{\n  "version": 1,\n  "feeds": {"a": 1}\n}\n')
    user_pushes(origin, tmp_path / "user", "news/fetch-state.json", '{\n  "version": 1,\n  "feeds": {"b": 1}\n}\n')
    before = git(origin, "rev-parse", "main")
    done = run_step(clone, step)
    assert done.returncode == 1
    assert "changes lines the branch changed meanwhile: nothing pushed or published" in done.stderr, done.stderr
    assert git(origin, "rev-parse", "main") == before
    assert not (clone / ".git/rebase-merge").exists() and not (clone / ".git/rebase-apply").exists()


def test_pushes_are_tried_a_few_times_at_most(repository, tmp_path):
    """A remote that refuses every push (as one moved again before each): the step gives up, and says git's
    reason, rather than trying forever."""
    origin, step = repository
    hook = origin / "hooks/pre-receive"
    hook.write_text(f"#!/bin/sh\necho tried >> '{tmp_path / 'tries'}'\necho 'refused by the test' >&2\nexit 1\n")
    hook.chmod(0o755)
    clone = checkout(origin, tmp_path / "runner")
    fetched(clone, "comet", '{\n  "version": 1,\n  "feeds": {"a": 1}\n}\n')
    done = run_step(clone, step)
    assert done.returncode != 0 and "refused by the test" in done.stderr
    assert (tmp_path / "tries").read_text().count("tried") == 4
