"""The GitHub Actions workflow installs newsdesk from where the user's copy came, and that install works.

The slow tests play both sides in fresh virtual environments: a user installs newsdesk (from a package
index, from a git URL) and runs `newsdesk init --github-actions`; then the workflow's own `run:` steps,
taken from the YAML it wrote, run in another fresh environment, as on GitHub's runner, and build the site.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, static_server

from generator import __version__
from generator.cli import main
from generator.errors import ConfigError
from generator.publish.workflow import requirement_for

COMMIT = "0123456789abcdef0123456789abcdef01234567"


# --- what the workflow installs -----------------------------------------------------------------------------

@pytest.mark.parametrize("direct_url, requirement", [
    (None, f"newsdesk=={__version__}"),  # from a package index: pip writes no direct_url.json
    ({"url": "https://github.com/you/newsdesk", "vcs_info": {"vcs": "git", "commit_id": COMMIT,
                                                              "requested_revision": "main"}},
     f"git+https://github.com/you/newsdesk@{COMMIT}"),  # the commit installed, not the branch that moves on
    ({"url": "ssh://git@github.com/you/mono.git", "subdirectory": "tools/newsdesk",
      "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
     f"git+ssh://git@github.com/you/mono.git@{COMMIT}#subdirectory=tools/newsdesk"),
    ({"url": "https://example.org/dist/newsdesk-0.1.0-py3-none-any.whl", "archive_info": {}},
     "https://example.org/dist/newsdesk-0.1.0-py3-none-any.whl"),
])
def test_workflow_installs_newsdesk_from_where_it_came(direct_url, requirement):
    assert requirement_for(direct_url, __version__) == requirement


@pytest.mark.parametrize("direct_url, said", [
    ({"url": "file:///home/you/newsdesk", "dir_info": {"editable": True}}, "a folder (editable)"),
    ({"url": "file:///home/you/newsdesk", "dir_info": {}}, "a folder on this computer"),
    ({"url": "file:///tmp/newsdesk-0.1.0-py3-none-any.whl", "archive_info": {}}, "a file on this computer"),
    ({"url": "file:///home/you/newsdesk.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, "a git repository"),
    (None, "runs from a folder of its source code"),
])
def test_a_copy_from_this_computer_is_refused_with_how_to_name_a_source(direct_url, said):
    with pytest.raises(ConfigError) as caught:
        requirement_for(direct_url, __version__, source_tree=direct_url is None)
    text = str(caught.value)
    assert said in text and "GitHub's runner cannot reach" in text
    assert '--install "git+https://github.com/you/newsdesk@v0.2"' in text


def test_init_with_this_checkouts_copy_refuses_and_creates_nothing(tmp_path, capsys):
    # The tests run newsdesk from this checkout (an editable install, or the folder itself): not reachable.
    assert main(["init", str(tmp_path / "site"), "--github-actions"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the workflow's install step" in err and "--install" in err
    assert not (tmp_path / "site").exists()


def test_refusal_gives_the_command_as_run_with_its_folder_and_options(tmp_path, capsys, monkeypatch):
    # `newsdesk init "my site" --github-actions --pictures` refused: the command it suggests, pasted as it is,
    # makes that site with that workflow (without the folder it wrote the workflow into the current one).
    monkeypatch.chdir(tmp_path)
    assert main(["init", "my site", "--github-actions", "--pictures"]) == 2
    err = capsys.readouterr().err
    [suggested] = re.findall(r"`(newsdesk init [^`]*--install [^`]*)`", err)
    args = shlex.split(suggested)
    assert args[:3] == ["newsdesk", "init", "my site"] and "--pictures" in args
    assert main(args[1:]) == 0
    flow = (tmp_path / "my site/.github/workflows/pages.yml").read_text()
    assert "newsdesk pictures" in flow and (tmp_path / "my site/config.yaml").is_file()
    assert not (tmp_path / ".github").exists()


@pytest.mark.parametrize("install", ["git+file:///home/me/newsdesk", "file:///home/me/newsdesk.tar.gz",
                                     "/home/me/newsdesk", "~/newsdesk", "newsdesk @ file:///home/me/newsdesk",
                                     "C:\\Users\\me\\newsdesk"])
def test_install_option_naming_this_computers_files_is_refused(tmp_path, capsys, install):
    # GitHub's runner has none of this computer's files: every run would fail at `pip install`
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", install]) == 2
    err = capsys.readouterr().err
    assert f"installed from {install}, on this computer, which GitHub's runner cannot reach" in err
    assert '--install "git+https://github.com/you/newsdesk@v0.2"' in err and not (tmp_path / "site").exists()


def test_install_option_may_name_a_copy_inside_the_sites_repository(tmp_path):
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", "./vendor/newsdesk"]) == 0
    assert "pip install ./vendor/newsdesk" in (tmp_path / "site/.github/workflows/pages.yml").read_text()


def test_install_option_is_written_as_one_shell_word(tmp_path):
    spec = "newsdesk @ git+https://example.org/you/news desk.git@v0.2 # it's odd"
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", spec]) == 0
    flow = yaml.safe_load((tmp_path / "site/.github/workflows/pages.yml").read_text())
    runs = [step["run"] for step in flow["jobs"]["build"]["steps"] if "run" in step]
    assert shlex.split(runs[0]) == ["pip", "install", spec]
    assert "--install" in subprocess.run([sys.executable, "-m", "generator", "init", "--help"], capture_output=True,
                                         text=True, cwd=ROOT).stdout


def test_pictures_option_makes_the_copies_before_the_build_and_caches_them(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", "newsdesk", "--pictures"]) == 0
    assert "newsdesk pictures" in capsys.readouterr().out
    steps = yaml.safe_load((tmp_path / "site/.github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    made, built = runs.index("newsdesk pictures"), next(i for i, run in enumerate(runs) if "newsdesk build" in run)
    [cache] = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    assert made < built and steps.index(cache) < made
    assert cache["with"]["path"] == "pictures"  # (from the repository root: the site is its root here)
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])  # the newest cache is restored
    # Without the option, none of it.
    assert main(["init", str(tmp_path / "plain"), "--github-actions", "--install", "newsdesk"]) == 0
    assert "pictures" not in (tmp_path / "plain/.github/workflows/pages.yml").read_text()
    assert main(["init", str(tmp_path / "x"), "--pictures"]) == 2
    assert "add --github-actions" in capsys.readouterr().err


# --- the workflow's own steps, in fresh environments -------------------------------------------------------

def _venv(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return folder / "bin"


def _env(bin_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return {**env, "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}", **extra}


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _source_copy(folder: Path) -> Path:
    """This checkout's files as git would commit them (no venv, no build output)."""
    names = _run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT).stdout.split("\0")
    for name in filter(None, names):
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    return folder


def _user_writes_workflow(tmp_path: Path, requirement: str, **env: str) -> tuple[Path, str]:
    """A user installs newsdesk as `requirement` says and runs `newsdesk init site --github-actions`."""
    user = _venv(tmp_path / "user-venv")
    _run([str(user / "pip"), "install", "-q", requirement], env=_env(user, **env))
    _run([str(user / "newsdesk"), "init", "site", "--github-actions"], cwd=tmp_path, env=_env(user))
    site = tmp_path / "site"
    return site, (site / ".github/workflows/pages.yml").read_text(encoding="utf-8")


def _run_workflow(repo: Path, text: str, runner: Path, **env: str) -> Path:
    """The build job's `run:` steps, as GitHub's runner runs them; returns the folder it uploads."""
    job = yaml.safe_load(text)["jobs"]["build"]
    cwd = repo / job["defaults"]["run"]["working-directory"]
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert len(runs) == 2 and "newsdesk build" in runs[1]
    for command in runs:
        command = command.replace("${{ steps.pages.outputs.base_url }}", "https://you.github.io/news")
        assert "${{" not in command
        _run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command], cwd=cwd,
             env=_env(runner, GITHUB_WORKSPACE=str(repo), **env))
    uploaded = next(step["with"]["path"] for step in job["steps"] if "upload-pages-artifact" in step.get("uses", ""))
    return repo / uploaded


def _installed_is_ours(runner: Path, source: Path) -> None:
    where = _run([str(runner / "python"), "-c", "import generator; print(generator.__file__)"], cwd="/").stdout
    installed = Path(where.strip()).parent
    assert "site-packages" in installed.parts
    assert (installed / "publish" / "workflow.py").read_bytes() == (source / "generator/publish/workflow.py").read_bytes()


@pytest.mark.slow
def test_workflow_installs_from_a_package_index_and_builds_the_site(tmp_path):
    source = _source_copy(tmp_path / "source")
    index = tmp_path / "index"
    built = _run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(index), "-v"])
    assert "Deprecat" not in built.stdout + built.stderr  # e.g. setuptools' warning on the old licence table
    (wheel,) = index.glob("newsdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"newsdesk-{__version__}.dist-info/METADATA").decode()
        assert "License-Expression: MIT" in metadata
        assert b"Copyright (c) 2026 the newsdesk authors" in archive.read(
            f"newsdesk-{__version__}.dist-info/licenses/LICENSE")

    # The folder of wheels stands in for the package index: newsdesk from it, its dependencies from the registry.
    links = " ".join(filter(None, [os.environ.get("PIP_FIND_LINKS"), str(index)]))
    site, text = _user_writes_workflow(tmp_path, f"newsdesk=={__version__}", PIP_FIND_LINKS=links)
    assert re.search(rf"run: \"pip install newsdesk=={re.escape(__version__)}\"", text)

    runner = _venv(tmp_path / "runner-venv")
    published = _run_workflow(site, text, runner, PIP_FIND_LINKS=links)
    assert (published / "index.html").is_file() and 'href="https://you.github.io/news/' in (
        published / "index.html").read_text(encoding="utf-8")
    _installed_is_ours(runner, source)


@pytest.mark.slow
def test_workflow_installs_from_a_git_url_at_the_installed_commit_and_builds_the_site(tmp_path):
    source = _source_copy(tmp_path / "source")
    _run(["git", "init", "-q", "-b", "main"], cwd=source)
    _run(["git", "add", "-A"], cwd=source)
    _run(["git", "commit", "-q", "-m", "newsdesk"], cwd=source)
    commit = _run(["git", "rev-parse", "HEAD"], cwd=source).stdout.strip()
    # A git server on loopback: a bare repository served as plain files (git's "dumb" HTTP protocol).
    served = tmp_path / "served"
    _run(["git", "clone", "-q", "--bare", str(source), str(served / "newsdesk.git")])
    _run(["git", "update-server-info"], cwd=served / "newsdesk.git")
    with static_server(served) as base:
        url = f"{base}newsdesk.git"
        site, text = _user_writes_workflow(tmp_path, f"git+{url}@main")
        # The commit that was installed, not the branch the user named (it moves on).
        assert f'run: "pip install git+{url}@{commit}"' in text

        _run(["git", "commit", "-q", "--allow-empty", "-m", "later"], cwd=source)
        _run(["git", "push", "-q", str(served / "newsdesk.git"), "main"], cwd=source)
        _run(["git", "update-server-info"], cwd=served / "newsdesk.git")
        runner = _venv(tmp_path / "runner-venv")
        published = _run_workflow(site, text, runner)
    assert (published / "index.html").is_file()
    _installed_is_ours(runner, source)
    freeze = _run([str(runner / "pip"), "freeze"]).stdout
    assert f"newsdesk @ git+{url}@{commit}" in freeze


@pytest.mark.parametrize("schedule, contents", [([], "read"), (["--fetch-schedule", "17 * * * *"], "write")])
def test_the_workflows_comment_on_its_permissions_says_why_each_is_asked(tmp_path, capsys, schedule, contents):
    """The scheduled workflow asks for `contents: write` (to push what it fetched) under a comment that said
    the deploy job needs Pages and an OIDC token, "nothing else": read as GitHub's reviewer reads it, the
    write permission had no reason given."""
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", "newsdesk==0.1.0", *schedule]) == 0
    capsys.readouterr()
    text = (tmp_path / "site/.github/workflows/pages.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["permissions"] == {"contents": contents, "pages": "write", "id-token": "write"}
    comment = text.split("\npermissions:")[0].rsplit("\n\n", 1)[-1]
    assert comment.endswith("; nothing else.") and ("scheduled fetch to push" in comment) == (contents == "write")
