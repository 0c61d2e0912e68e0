""".ci/subjects, which .ci/run calls: commit subjects after the rule's first commit are at most 72 bytes, and a
longer one fails CI naming the commit and how to reword it. Run for real on a real git repository."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT, git

SCRIPT = ROOT / ".ci" / "subjects"


def check(repo, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], cwd=repo, capture_output=True, text=True, timeout=60)


def commit(repo, subject: str) -> str:
    git(repo, "commit", "-q", "--allow-empty", "-m", subject, "-m", "The body may be as long as it likes.")
    return git(repo, "rev-parse", "--short", "HEAD").strip()


def test_a_subject_over_72_bytes_after_the_first_commit_fails_naming_it(tmp_path, git_identity):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, "An old subject from before the rule, long as the history's were, " + "x" * 30)
    first = commit(repo, "The rule starts here")
    commit(repo, "x" * 72)
    done = check(repo, first)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 commit" in done.stdout  # (what it checked: the old long subject is not among them)

    long = commit(repo, "Say in a subject of seventy-three bytes what the body says: " + "x" * 13)
    commit(repo, "A short one after it")
    done = check(repo, first)
    assert done.returncode == 1, done.stdout + done.stderr
    said = done.stdout + done.stderr
    assert f"commit {long}" in said and "73 bytes" in said and "over 72" in said
    assert f"git rebase -i --rebase-merges {long}^" in said and "reword" in said
    assert said.count("its subject is") == 1 and "1 of 3 commits" in said


def test_a_subject_is_measured_in_bytes_not_characters(tmp_path, git_identity):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    first = commit(repo, "First")
    commit(repo, "é" * 37)  # 37 characters, 74 bytes
    done = check(repo, first)
    assert done.returncode == 1 and "74 bytes" in done.stdout + done.stderr


def test_without_the_first_commit_it_says_so_and_checks_nothing(tmp_path, git_identity):
    """A shallow clone has not the rule's first commit: the check is skipped, saying why and what to do."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, "A subject far, far longer than seventy-two bytes, which nothing here checks at all")
    done = check(repo, "7208bf23f9d3c67ea11a391614fddc5ae1d08218")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "not in this clone" in done.stdout and "git fetch --unshallow" in done.stdout
    done = check(tmp_path)  # no git checkout at all
    assert done.returncode == 0 and "not a git checkout" in done.stdout


def test_ci_run_checks_the_subjects_of_its_own_checkout():
    run = (ROOT / ".ci" / "run").read_text()
    assert "bash .ci/subjects" in run
    assert shutil.which("git")
    done = check(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
