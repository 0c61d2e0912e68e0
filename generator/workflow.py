"""`newsdesk init --github-actions`: a GitHub Actions workflow that builds the site and publishes it with Pages.

The workflow uses GitHub's own Pages actions (configure-pages, upload-pages-artifact,
deploy-pages), so no branch is pushed; the repository's Pages source must be set to
"GitHub Actions". It goes into the repository's root `.github/workflows/`, which is
the only place GitHub looks, even when the site is a subfolder of the repository.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.config import load_config
from generator.errors import ConfigError, Problem

log = logging.getLogger(__name__)

WORKFLOW = ".github/workflows/pages.yml"

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
# The deploy job needs to write to Pages and to prove who it is with an OIDC token; nothing else.
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
        run: __INSTALL__
      - id: pages
        uses: actions/configure-pages@v5
__FETCH__      # base_url comes from Pages itself (https://USER.github.io/REPO or the custom domain),
      # so links are right wherever the site is served.
      - name: Build
        run: newsdesk build --strict --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
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
  schedule:  # in UTC; GitHub may start a run late, or skip it when busy (see newsdesk's docs/fetch.md)
    - cron: __CRON__
"""

# On the schedule (and the Run workflow button), fetch the feeds and commit what changed before building.
# A push made with the workflow's own token starts no new run, so this never loops.
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
          if git diff --cached --quiet; then echo "Nothing new."; else git commit -q -m "Fetch feeds" && git push; fi
"""


@dataclass(frozen=True)
class Workflow:
    path: Path  # where the file goes: <repository root>/.github/workflows/pages.yml
    text: str
    branch: str  # the branch whose pushes publish the site


def workflow_text(*, branch: str = "main", site: str = ".", output: str = "output", install: str = "",
                  fetch_schedule: str = "") -> str:
    """The workflow file; `site` is the site folder and `output` its output folder, both from the repository root.
    With `fetch_schedule` (a cron line), it also runs on that schedule, fetching the feeds and committing them."""
    install = install or f'pip install "newsdesk=={__version__}"  # the version that wrote this file'
    values = {"__BRANCH_NAME__": branch, "__BRANCH__": json.dumps(branch), "__SITE__": json.dumps(site),
              "__OUTPUT__": json.dumps(output), "__INSTALL__": install,
              "__SCHEDULE__": _SCHEDULE.replace("__CRON__", json.dumps(fetch_schedule)) if fetch_schedule else _NO_SCHEDULE,
              "__CONTENTS__": "write" if fetch_schedule else "read", "__FETCH__": _FETCH if fetch_schedule else ""}
    return re.sub("|".join(values), lambda m: values[m.group(0)], _TEMPLATE)


def plan_workflow(site_root: Path, fetch_schedule: str = "") -> Workflow:
    """Work out the workflow for the site in `site_root`: where it goes, the branch, the folders."""
    site_root = site_root.resolve()
    output_dir = "output"
    if (site_root / "config.yaml").is_file():
        output_dir = load_config(site_root / "config.yaml").output_dir
    top = _git(site_root, "rev-parse", "--show-toplevel")
    repo_root = Path(top).resolve() if top else site_root  # no repository yet: the site folder will be its root
    branch = _git(site_root, "symbolic-ref", "--short", "-q", "HEAD") or "main"
    site = site_root.relative_to(repo_root).as_posix()
    output = (Path(site) / output_dir).as_posix() if site != "." else Path(output_dir).as_posix()
    install = ""
    if _is_newsdesk(repo_root):  # newsdesk's own repository (its example site): install from the checkout
        install = "pip install ." if site == "." else 'pip install "$GITHUB_WORKSPACE"'
    return Workflow(repo_root / WORKFLOW, workflow_text(branch=branch, site=site, output=output, install=install,
                                                        fetch_schedule=fetch_schedule), branch)


def write_workflow(site_root: Path, fetch_schedule: str = "") -> Workflow:
    """Write the workflow file; refuse to overwrite one that is there."""
    workflow = plan_workflow(site_root, fetch_schedule)
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
