"""`newsdesk deploy` against real git repositories: what is published (no newsdesk marker), git's failures (a refusing
hook, no repository, a non-fast-forward push, no git, another user's repository, no network, sign-in) said
with what to do, --no-build of a folder newsdesk did not make, CNAMEs of IDN sites, and the GitHub Actions
workflow init writes (its fetch schedule, its address at the clone's commit)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT, build_said, deployable_site, git, item, make_site, without_progress
from generator import cli
from generator.cli import main


def test_deploys_base_url_warning_names_the_config_line_or_the_option(site, tmp_path, capsys):
    remote, github = tmp_path / "remote.git", "https://github.com/alice/news.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Ed"], ["config", "user.email", "ed@example.org"],
                 ["add", "-A"], ["commit", "-q", "-m", "Site"], ["remote", "add", "origin", github],
                 ["config", f"url.{remote}.pushInsteadOf", github]):  # looks like GitHub, pushes to the disk
        subprocess.run(["git", *args], cwd=site, check=True, capture_output=True)
    lines = (site / "config.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("base_url:"))
    assert cli.main(["deploy"]) == 0
    err = capsys.readouterr().err
    assert f"warning: config.yaml:{line}: base_url " in err and "set `base_url: https://alice.github.io/news/`" in err
    assert cli.main(["deploy", "--base-url", "https://alice.github.io/old/"]) == 0
    err = capsys.readouterr().err
    assert "warning: --base-url: base_url https://alice.github.io/old/ does not match" in err
    assert "(pass --base-url https://alice.github.io/news/)" in err


def _branch_files(git_dir: Path, branch: str = "gh-pages") -> set[str]:
    data = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "--format=tar", branch],
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name for m in tar.getmembers() if m.isfile()}


@pytest.mark.parametrize("how", [[], ["--no-build"]])
def test_deploy_leaves_newsdesks_output_marker_off_the_published_branch(site, tmp_path, capsys, how):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Ed"], ["config", "user.email", "ed@example.org"],
                 ["add", "-A"], ["commit", "-q", "-m", "Site"], ["remote", "add", "origin", str(remote)]):
        git(site, *args)
    if how:
        assert cli.main(["build"]) == 0
    assert cli.main(["deploy", "--dry-run", *how]) == 0
    assert ".newsdesk-output" not in capsys.readouterr().out
    assert cli.main(["deploy", *how]) == 0
    published = _branch_files(remote)
    assert "index.html" in published and ".nojekyll" in published
    assert ".newsdesk-output" not in published
    if how:  # the output folder is still newsdesk's: the next build may replace it
        assert (site / "output/.newsdesk-output").is_file()
        assert cli.main(["build"]) == 0


def test_the_actions_workflow_publishes_the_output_without_newsdesks_marker(tmp_path, monkeypatch, capsys):
    # upload-pages-artifact v3 put every file of the output into the Pages artifact, the marker too; from v4 on
    # it leaves out dot files (deploy-pages runs no Jekyll: .nojekyll is not needed there)
    import re

    import yaml

    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "fresh", "--github-actions", "--install", "newsdesk==0.1.0"]) == 0
    steps = yaml.safe_load((tmp_path / "fresh/.github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
    (upload,) = [step["uses"] for step in steps if "upload-pages-artifact" in step.get("uses", "")]
    assert int(re.fullmatch(r"actions/upload-pages-artifact@v(\d+)", upload).group(1)) >= 4


def _make_foreign(output: Path) -> None:
    output.mkdir()
    (output / "index.html").write_text("<p>my own page</p>\n", encoding="utf-8")
    (output / "notes.txt").write_text("private notes\n", encoding="utf-8")


@pytest.mark.parametrize("made, said", [
    (lambda output: None, "output: no built site here: the folder is not there"),
    (lambda output: output.write_text("a file\n"), "output: no built site here: it is not a folder"),
    (lambda output: output.mkdir(), "output: not a site newsdesk built (it holds no .newsdesk-output file)"),
    (_make_foreign, "output: not a site newsdesk built (it holds no .newsdesk-output file)"),
], ids=["missing", "a-file", "empty", "the-users-own"])
def test_deploy_no_build_refuses_a_folder_newsdesk_did_not_build(tmp_path, capsys, made, said):
    from test_deploy import branch_files, git, make_repo

    remote = tmp_path / "remote.git"
    site = make_repo(tmp_path / "site", remote, files={"content/news/one.md": item("One")})
    made(site / "output")
    code = main(["deploy", "--config", str(site / "config.yaml"), "--no-build"])
    err = capsys.readouterr().err
    assert code == 1
    assert said in err
    assert "newsdesk build" in err and "Nothing was deployed." in err
    assert git(remote, "for-each-ref") == ""  # nothing pushed, not even an empty branch

    # What the message says to do works.
    if (site / "output").is_file():
        (site / "output").unlink()
    elif (site / "output" / "notes.txt").exists():
        code = main(["build", "--config", str(site / "config.yaml")])
        assert code == 2 and "newsdesk did not make it" in capsys.readouterr().err  # build keeps the user's files
        (site / "output").rename(site / "mine")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    assert main(["deploy", "--config", str(site / "config.yaml"), "--no-build"]) == 0
    published = branch_files(remote)
    assert b"One" in published["index.html"] and ".newsdesk-output" not in published


@pytest.mark.slow
def test_deploy_no_build_after_a_build_killed_between_its_renames_publishes_the_new_site(tmp_path, capsys):
    # `newsdesk build --clean` killed (SIGKILL) between moving the old output away and moving the new one in:
    # no output/ is there, only the complete new site beside it. deploy --no-build first completes the swap.
    import signal

    from test_deploy import branch_files, make_repo
    from test_interrupted_writes import KILL_AT

    remote = tmp_path / "remote.git"
    site = make_repo(tmp_path / "site", remote, files={"content/news/one.md": item("One")})
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    (site / "content/news/two.md").write_text(item("Two"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # (how many renames the build makes, counted on a copy: killed before its last, the new site is not in place)
    copy = shutil.copytree(site, tmp_path / "copy", symlinks=True)
    counted = subprocess.run([sys.executable, "-c", KILL_AT, "rename", "0", "--clean"], cwd=copy, env=env,
                             capture_output=True, text=True)
    calls = int(counted.stderr.split("calls:")[1])
    killed = subprocess.run([sys.executable, "-c", KILL_AT, "rename", str(calls), "--clean"], cwd=site, env=env,
                            capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    assert not (site / "output").exists()  # killed where this test means to be
    capsys.readouterr()
    assert main(["deploy", "--config", str(site / "config.yaml"), "--no-build"]) == 0, capsys.readouterr().err
    published = branch_files(remote)
    assert [name for name in published if name.startswith("news/") and "/two/" in name]  # the new story's page


@pytest.mark.parametrize("schedule, said", [
    ("61 * * * *", "'61 * * * *': '61' is no minute (from 0 to 59"),
    ("0 24 * * *", "'0 24 * * *': '24' is no hour (from 0 to 23"),
    ("0 0 0 * *", "'0 0 0 * *': '0' is no day of the month (from 1 to 31"),
    ("*/0 * * * *", "'*/0 * * * *': '*/0' is no minute"),
    ("30-10 * * * *", "'30-10 * * * *': '30-10' is no minute"),
])
def test_a_fetch_schedule_out_of_range_is_refused_before_writing_the_workflow(tmp_path, capsys, schedule, said):
    # It was written into the workflow, and GitHub refuses a workflow with an invalid schedule: every run failed.
    with pytest.raises(SystemExit) as stopped:
        main(["init", str(tmp_path / "site"), "--github-actions", "--install", "git+https://github.com/o/n@v1",
              "--fetch-schedule", schedule])
    assert stopped.value.code == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_fetch_schedule_with_lists_ranges_and_steps_is_taken(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", "git+https://github.com/o/n@v1",
                 "--fetch-schedule", "0,30 9-17/2 */2 1-12 1-5"]) == 0
    assert "0,30 9-17/2 */2 1-12 1-5" in (tmp_path / "site/.github/workflows/pages.yml").read_text(encoding="utf-8")


def test_deploy_no_build_refuses_an_output_holding_drafts(tmp_path, capsys):
    # `newsdesk serve --drafts` (or build --drafts) leaves drafts' pages in output/; deploy --no-build published
    # them without a word.
    from test_deploy import branch_files, git, make_repo, snapshot

    remote = tmp_path / "remote.git"
    files = {"content/news/one.md": item("One"), "content/news/secret.md": item("Secret plans", published="false")}
    site = make_repo(tmp_path / "site", remote, files=files)
    config = str(site / "config.yaml")
    assert main(["build", "--config", config, "--drafts"]) == 0
    capsys.readouterr()
    before = snapshot(site)
    assert main(["deploy", "--config", config, "--no-build"]) == 1
    assert snapshot(site) == before  # (the build cache too: deploy changes no file of the site)
    err = capsys.readouterr().err
    assert "the page of content/news/secret.md, which is left out of the site (published: false)" in err
    assert "`newsdesk deploy --no-build --drafts`" in err and "Nothing was deployed." in err
    assert git(remote, "for-each-ref") == ""
    # built without drafts: published; or the drafts on purpose
    assert main(["build", "--config", config]) == 0
    assert main(["deploy", "--config", config, "--no-build"]) == 0
    assert not [name for name in branch_files(remote) if "secret" in name]
    assert main(["build", "--config", config, "--drafts"]) == 0
    assert main(["deploy", "--config", config, "--no-build", "--drafts"]) == 0
    assert [name for name in branch_files(remote) if "secret" in name]


@pytest.fixture
def repo(tmp_path) -> Path:
    """A site in a git repository with one commit; `origin` is a bare repository in tmp_path/remote.git."""
    return deployable_site(tmp_path, {
        "content/a.md": item("Rockets fly", topics="[Space]", originalUrl="https://a.example/1"),
    })


def _deploy(site: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["deploy", "--config", str(site / "config.yaml"), *args])
    return code, capsys.readouterr().err


def _remote_branches(remote: Path) -> str:
    return git(remote.parent, f"--git-dir={remote}", "for-each-ref")


def test_a_push_a_server_hook_refuses_says_where_its_reason_is_and_what_to_do(repo, tmp_path, capsys):
    hook = tmp_path / "remote.git" / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'denied: alice may not push to this repository' >&2\nexit 1\n")
    hook.chmod(0o755)
    code, err = _deploy(repo, capsys)
    assert code == 1
    assert "the server refused the push to gh-pages" in err and "`remote:` lines" in err
    assert "denied: alice may not push to this repository" in err  # the server's own reason
    assert "ask its owner for write access" in err and "git remote set-url origin URL" in err
    assert "Nothing was published" in err
    assert _remote_branches(tmp_path / "remote.git") == ""


def test_a_remote_address_with_no_repository_says_how_to_correct_it(repo, tmp_path, capsys):
    git(repo, "remote", "set-url", "origin", str(tmp_path / "no-such.git"))
    code, err = _deploy(repo, capsys)
    assert code == 1
    first = without_progress(err)[0]
    assert f"git push failed: there is no repository at {tmp_path / 'no-such.git'}" in first
    assert "git remote set-url origin URL" in first


def test_a_non_fast_forward_push_says_how_to_keep_or_replace_their_commits(repo, tmp_path, capsys):
    assert _deploy(repo, capsys)[0] == 0
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "-b", "gh-pages", str(tmp_path / "remote.git"), str(clone)], check=True)
    (clone / "extra.txt").write_text("theirs\n")
    git(clone, "add", "extra.txt")
    git(clone, "commit", "-q", "-m", "Theirs")
    git(clone, "push", "-q", "origin", "gh-pages")
    (repo / "content" / "b.md").write_text(item("A second story", originalUrl="https://a.example/2"))
    code, err = _deploy(repo, capsys)
    assert code == 1
    assert "push rejected" in err and "git fetch origin gh-pages" in err and "newsdesk deploy --force" in err


def test_deploy_from_a_detached_head_publishes(repo, tmp_path, capsys):
    git(repo, "checkout", "-q", "--detach", "HEAD")
    code, err = _deploy(repo, capsys)
    assert code == 0, err
    head = git(repo, "rev-parse", "--short", "HEAD").strip()
    log = git(tmp_path, f"--git-dir={tmp_path / 'remote.git'}", "log", "-1", "--format=%s", "gh-pages")
    assert log.startswith(f"Deploy {head} ")


def test_deploy_without_git_on_path_says_to_install_it(repo, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    code, err = _deploy(repo, capsys)
    assert code == 1
    assert "git is not installed (no `git` command on PATH)" in err and "install git" in err and "PATH" in err


def test_a_repository_another_user_owns_is_not_called_no_repository(repo, tmp_path, capsys):
    if os.geteuid() != 0:
        pytest.skip("needs root, to give the repository to another user")
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 65534, 65534)
    code, err = _deploy(repo, capsys, "--dry-run")
    assert code == 1
    assert "not in a git repository" not in err
    assert "another user owns its folder" in err and f"git config --global --add safe.directory {repo}" in err


def test_deploy_takes_a_unicode_cname_for_the_idn_base_url(tmp_path):
    from generator.publish.deploy import check_base_url

    github = "https://github.com/alice/news.git"
    assert check_base_url("https://xn--bcher-kva.example/", github, "bücher.example") == ""


def test_a_unicode_cname_is_written_as_github_pages_reads_it(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("Eins", originalUrl="https://a.example/1")},
                     "title: B\nbase_url: 'https://bücher.example/'\ncname: bücher.example\n"
                     "now: '2026-11-22T12:00:00Z'\n")
    code, said = build_said(site, capsys)
    assert code == 0, said
    assert (site / "output/CNAME").read_text(encoding="utf-8") == "xn--bcher-kva.example"
    (site / "config.yaml").write_text("title: B\ncname: 'bücher.example/x'\n", encoding="utf-8")
    code, err = build_said(site, capsys)
    assert code == 2 and "`cname` must be a bare domain" in err


def test_a_server_that_cannot_be_reached_says_to_check_the_network_and_host(repo, capsys):
    git(repo, "remote", "set-url", "origin", "http://127.0.0.1:1/news.git")  # (port 1: refused at once)
    code, err = _deploy(repo, capsys)
    assert code == 1
    first = without_progress(err)[0]
    assert "git push failed: the server could not be reached" in first and "check your network" in first, first


def test_a_server_that_asks_who_you_are_says_how_to_sign_in(repo, tmp_path, capsys, monkeypatch):
    import http.server
    import threading

    class AskForPassword(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AskForPassword)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (tmp_path / "empty.gitconfig").write_text("")  # (no credential helper of this machine's answers)
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "empty.gitconfig"))
        monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")  # (as in CI: no terminal to type a password into)
        git(repo, "remote", "set-url", "origin", f"http://127.0.0.1:{server.server_port}/news.git")
        code, err = _deploy(repo, capsys)
    finally:
        server.shutdown()
    assert code == 1
    first = without_progress(err)[0]
    assert "git push failed: the server did not accept who you are" in first, first
    assert "personal access token" in first and "gh auth login" in first


def test_init_github_actions_from_a_clone_names_its_address_at_its_commit(tmp_path, capsys):
    from generator.errors import NewsdeskError
    from generator.publish.workflow import requirement_for

    clone = tmp_path / "newsdesk"
    clone.mkdir()
    (clone / "pyproject.toml").write_text('[project]\nname = "newsdesk"\n')
    git(clone, "init", "-q", "-b", "main")
    git(clone, "add", "-A")
    git(clone, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-q", "-m", "newsdesk")
    git(clone, "remote", "add", "origin", "https://token@github.com/example/newsdesk.git")
    commit = git(clone, "rev-parse", "HEAD").strip()
    with pytest.raises(NewsdeskError) as raised:
        requirement_for({"url": clone.as_uri(), "dir_info": {}}, "0.1.0")
    said = str(raised.value)
    assert "GitHub's runner cannot reach" in said
    assert f'--install "git+https://github.com/example/newsdesk.git@{commit}"' in said
    assert "token" not in said
    # A folder that is no clone of newsdesk (or one from no https address) gets the general example.
    git(clone, "remote", "set-url", "origin", str(tmp_path / "elsewhere.git"))
    with pytest.raises(NewsdeskError) as raised:
        requirement_for({"url": clone.as_uri(), "dir_info": {}}, "0.1.0")
    assert '--install "git+https://github.com/you/newsdesk@v0.2"' in str(raised.value)
