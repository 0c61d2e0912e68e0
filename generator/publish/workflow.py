"""`newsdesk init --github-actions`: a GitHub Actions workflow that builds the site and publishes it with Pages.

The workflow uses GitHub's own Pages actions (configure-pages, upload-pages-artifact,
deploy-pages), so no branch is pushed; the repository's Pages source must be set to
"GitHub Actions". It goes into the repository's root `.github/workflows/`, which is
the only place GitHub looks, even when the site is a subfolder of the repository.
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import generator
from generator import __version__
from generator.config.lines import setting_line
from generator.config.load import load_config
from generator.errors import ConfigError, Problem

log = logging.getLogger(__name__)

WORKFLOW = ".github/workflows/pages.yml"
INIT_COMMAND = "newsdesk init --github-actions"  # the command that writes the workflow, for hints

_TEMPLATE = """\
# Builds the site with newsdesk and publishes it with GitHub Pages on every push to __BRANCH_NAME__.
# Written by `newsdesk init --github-actions`. In the repository on GitHub, open
# Settings > Pages > Build and deployment and set Source to "GitHub Actions".
name: Publish to GitHub Pages

on:
  push:
    branches: [__BRANCH__]
  workflow_dispatch:  # a "Run workflow" button on the Actions tab
__SCHEDULE__
# The deploy job needs to write to Pages and to prove who it is with an OIDC token__WHY_CONTENTS__; nothing else.
permissions:
  contents: __CONTENTS__
  pages: write
  id-token: write

# One deployment at a time: a newer push waits instead of cancelling a deployment half way.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: __SITE__
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install newsdesk
        # From where the newsdesk that wrote this file came, or as its --install option said.
        run: __INSTALL__
      - id: pages
        uses: actions/configure-pages@v5
__FETCH____PICTURES__      # base_url comes from Pages itself (https://USER.github.io/REPO or the custom domain),
      # so links are right wherever the site is served.
      - name: Build
        run: newsdesk build --strict --base-url "${{ steps.pages.outputs.base_url }}/"
      # v4 on leaves out dot files: newsdesk's output marker (.newsdesk-output) is not published.
      - uses: actions/upload-pages-artifact@v4
        with:
          path: __OUTPUT__

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


_NO_SCHEDULE = """\
  # A news site's rankings change with time; to rebuild it every hour as well, uncomment:
  # schedule:
  #   - cron: "17 * * * *"
"""

_SCHEDULE = """\
  schedule:  # in UTC; GitHub may start a run late, or skip it when busy
    - cron: __CRON__
"""

# On the schedule (and the Run workflow button), fetch the feeds and commit what changed before building.
# A push made with the workflow's own token starts no new run, so this never loops. A push of the user's
# during the run moves the branch, and the run's push was rejected: the run failed and published nothing
# (until the next one). Its commit is put on top of the moved branch and pushed again, a few times at most (each
# a push made meanwhile); the site built then holds that push's changes too. Changes to the same lines of
# what was fetched (a fetched item the user edited) stop the run, as before, with what happened said.
_FETCH = """\
      - name: Fetch the feeds
        if: github.event_name != 'push'
        run: newsdesk fetch || [ $? -eq 1 ]  # 1: some feeds failed (listed above); publish the others
      - name: Commit what was fetched
        if: github.event_name != 'push'
        run: |
          git config user.name "github-actions[bot]"
          git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
          git add -A -- .
          if git diff --cached --quiet; then echo "Nothing new."; exit 0; fi
          git commit -q -m "Fetch feeds"
          # A push to the branch during this run: put this commit on top of it, and push again
          for attempt in 1 2 3; do
            git push -q && exit 0
            echo "The branch moved during this run: fetching it, to push what was fetched on top of it."
            if ! git pull -q --rebase; then
              if git rebase --abort 2>/dev/null; then
                echo "What was fetched changes lines the branch changed meanwhile: nothing pushed or" \\
                     "published; the next run fetches again on top of the branch." >&2
              fi
              exit 1
            fi
          done
          git push -q
"""


# Small copies of the items' pictures (`newsdesk pictures`), kept from run to run in the Actions cache rather
# than committed (they would grow the repository's history by every picture ever shown): each run downloads
# only the pictures of new items. A cache unused for a week is dropped, and the next run makes them all again.
_PICTURES = """\
      - uses: actions/cache@v4
        with:
          path: __FOLDER__
          key: newsdesk-pictures-${{ github.run_id }}
          restore-keys: newsdesk-pictures-
      - name: Copy the pictures
        run: newsdesk pictures  # a picture that fails is listed, and linked as the item gives it
"""


@dataclass(frozen=True)
class Workflow:
    path: Path  # where the file goes: <repository root>/.github/workflows/pages.yml
    text: str
    branch: str  # the branch whose pushes publish the site


def workflow_text(*, install: str, branch: str = "main", site: str = ".", output: str = "output",
                  fetch_schedule: str = "", pictures: str = "") -> str:
    """The workflow file; `install` is its install command, `site` the site folder and `output` its output
    folder, both from the repository root. With `fetch_schedule` (a cron line), it also runs on that schedule,
    fetching the feeds and committing them. With `pictures` (the pictures_dir from the repository root), it
    makes the small copies of the pictures before building."""
    values = {"__BRANCH_NAME__": branch, "__BRANCH__": json.dumps(branch), "__SITE__": json.dumps(site),
              "__OUTPUT__": json.dumps(output), "__INSTALL__": json.dumps(install),
              "__SCHEDULE__": (_SCHEDULE.replace("__CRON__", json.dumps(fetch_schedule)) if fetch_schedule
                               else _NO_SCHEDULE),
              "__CONTENTS__": "write" if fetch_schedule else "read",
              "__WHY_CONTENTS__": ",\n# and the scheduled fetch to push what it fetched" if fetch_schedule else "",
              "__FETCH__": _FETCH if fetch_schedule else "",
              "__PICTURES__": _PICTURES.replace("__FOLDER__", json.dumps(pictures)) if pictures else ""}
    return re.sub("|".join(values), lambda m: values[m.group(0)], _TEMPLATE)


def plan_workflow(site_root: Path, install: str = "", fetch_schedule: str = "", pictures: bool = False,
                  command: str = INIT_COMMAND) -> Workflow:
    """Work out the workflow for the site in `site_root` (which need not exist yet): where it goes, the branch,
    the folders, and how it installs newsdesk: `install` (a pip requirement or URL) when given, else as this
    copy of newsdesk was installed (a ConfigError when that is not reachable from GitHub, whose hint is
    `command`, the init command given, with `--install`). With
    `fetch_schedule` (a cron line) it also fetches the feeds on that schedule; with `pictures`, it runs
    `newsdesk pictures` before building."""
    site_root = site_root.resolve()
    output_dir, pictures_dir = "output", "pictures"
    if (site_root / "config.yaml").is_file():
        config = load_config(site_root / "config.yaml")
        output_dir, pictures_dir = config.output_dir, config.pictures_dir
    there = next(folder for folder in (site_root, *site_root.parents) if folder.is_dir())
    top = _git(there, "rev-parse", "--show-toplevel")
    repo_root = Path(top).resolve() if top else site_root  # no repository yet: the site folder will be its root
    branch = _git(there, "symbolic-ref", "--short", "-q", "HEAD") or "main"
    site = site_root.relative_to(repo_root).as_posix()
    output = (Path(site) / output_dir).as_posix() if site != "." else Path(output_dir).as_posix()
    if install:
        _check_reachable(install, command)
        step = "pip install " + shlex.quote(install)
    elif _is_newsdesk(repo_root):  # newsdesk's own repository (its example site): install from the checkout
        step = "pip install ." if site == "." else 'pip install "$GITHUB_WORKSPACE"'
    else:
        step = "pip install " + shlex.quote(installed_from(command))
    if pictures and not pictures_dir:
        raise ConfigError(Problem(str(site_root / "config.yaml"),
                                  setting_line(site_root / "config.yaml", "pictures_dir"),
                                  "`pictures_dir` is empty: the workflow's "
                                  "`newsdesk pictures` would have nowhere to put the copies",
                                  "set `pictures_dir: pictures` in config.yaml, or leave out --pictures"))
    folder = (((Path(site) / pictures_dir).as_posix() if site != "." else Path(pictures_dir).as_posix())
              if pictures else "")
    text = workflow_text(install=step, branch=branch, site=site, output=output,
                         fetch_schedule=fetch_schedule, pictures=folder)
    return Workflow(repo_root / WORKFLOW, text, branch)


def installed_from(command: str = INIT_COMMAND) -> str:
    """The pip requirement that installs this copy of newsdesk again, elsewhere (as PEP 610 recorded it); for a
    copy GitHub cannot reach, a ConfigError whose hint is `command` with `--install`."""
    direct_url = None
    for dist in importlib.metadata.distributions(name="newsdesk"):  # a checkout's egg-info may come first
        text = dist.read_text("direct_url.json")
        if text:
            direct_url = json.loads(text)
            break
    source_tree = _is_newsdesk(Path(generator.__file__).resolve().parent.parent)
    return requirement_for(direct_url, __version__, source_tree=source_tree, command=command)


def requirement_for(direct_url: dict | None, version: str, *, source_tree: bool = False,
                    command: str = INIT_COMMAND) -> str:
    """The pip requirement for a copy of newsdesk installed as `direct_url` (PEP 610's direct_url.json) says.

    None: it came from a package index (or runs from `source_tree`, a folder of newsdesk's source). A copy
    from a folder or file on this computer has no source that GitHub can reach: a ConfigError says so.
    """
    if direct_url is None:
        if source_tree:
            raise _unreachable("runs from a folder of its source code", command=command)
        return f"newsdesk=={version}"
    url = str(direct_url.get("url", ""))
    local = urlsplit(url).scheme in ("", "file")
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and not local:
        subdirectory = direct_url.get("subdirectory")
        return f"{vcs['vcs']}+{url}@{vcs['commit_id']}" + (f"#subdirectory={subdirectory}" if subdirectory else "")
    if "archive_info" in direct_url and not local:
        return url
    what = ("a git repository" if vcs else "a file" if "archive_info" in direct_url
            else "a folder" + (" (editable)" if (direct_url.get("dir_info") or {}).get("editable") else ""))
    clone = _clone_requirement(Path(url2pathname(urlsplit(url).path))) if local and not vcs else ""
    raise _unreachable(f"was installed from {what} on this computer ({url})", clone, command)


def _clone_requirement(folder: Path) -> str:
    """For a folder that is a clone of newsdesk from an https address (as the README installs it): that address at
    the clone's commit, as a pip requirement; "" when there is none."""
    if not folder.is_dir() or not _is_newsdesk(folder):
        return ""
    remote = re.sub(r"^(\w+://)[^@/]+@", r"\1", _git(folder, "remote", "get-url", "origin"))  # (no token in it)
    commit = _git(folder, "rev-parse", "HEAD")
    if not remote.startswith("https://") or not re.fullmatch(r"[0-9a-f]{40}", commit):
        return ""
    return f"git+{remote}@{commit}"


def _check_reachable(install: str, command: str) -> None:
    """Refuse an --install that names this computer's files (`git+file:///home/me/newsdesk`, `/home/me/newsdesk`):
    GitHub's runner has none of them, and every run would fail at its install step. A relative path stays: it
    may be a copy of newsdesk inside the site's repository, which the runner checks out."""
    target = install.split("@", 1)[1].strip() if re.match(r"^[\w.-]+\s*@", install) else install  # (`name @ URL`)
    scheme = urlsplit(target.split("+", 1)[1] if re.match(r"^\w+\+", target) else target).scheme.lower()
    if scheme == "file" or target.startswith(("/", "~", "\\")) or re.match(r"^[A-Za-z]:[\\/]", target):
        raise _unreachable(f"would be installed from {install}, on this computer", command=command)


def _unreachable(how: str, clone: str = "", command: str = INIT_COMMAND) -> ConfigError:
    # (`command` is what the user ran: `newsdesk init my-site --github-actions` retried without its folder
    # would write the workflow into the current one)
    if clone:
        todo = ("say where the workflow installs newsdesk from; this copy's clone came from "
                f"{clone[4:].rsplit('@', 1)[0]}, so if its commit is there (pushed, or theirs): "
                f'`{command} --install "{clone}"`')
    else:
        todo = ("say where the workflow installs newsdesk from, e.g. a git URL at a tag or commit: "
                f'`{command} --install "git+https://github.com/you/newsdesk@v0.2"`')
    return ConfigError(Problem(
        "newsdesk", None, f"cannot write the workflow's install step: this copy of newsdesk {how}, which "
                          "GitHub's runner cannot reach", todo))


def write_workflow(workflow: Workflow) -> Workflow:
    """Write the workflow file planned by plan_workflow; refuse to overwrite one that is there."""
    if workflow.path.exists():
        raise ConfigError(Problem(str(workflow.path), None, "a workflow file is already there",
                                  "newsdesk never overwrites it; delete or rename it to have a new one written"))
    workflow.path.parent.mkdir(parents=True, exist_ok=True)
    workflow.path.write_text(workflow.text, encoding="utf-8")
    return workflow


def _is_newsdesk(repo_root: Path) -> bool:
    pyproject = repo_root / "pyproject.toml"
    return pyproject.is_file() and bool(re.search(r'(?m)^name\s*=\s*"newsdesk"', pyproject.read_text(encoding="utf-8")))


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except FileNotFoundError:  # git is not installed: treat the folder as not (yet) a repository
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
