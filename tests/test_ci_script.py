""".ci/run on a fresh machine: it installs what is missing and leaves the user's own settings alone.

The script runs for real in a copy of its folder; the tools it calls (apt-get, python, ...) are
stand-ins on PATH that log their arguments, so nothing is installed and no suite is run.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from conftest import ROOT

STUB = """#!/bin/sh
echo "${{0##*/}} $*" >> "{log}"
"""


def test_ci_run_installs_npm_when_missing_and_writes_no_git_config(tmp_path):
    project = tmp_path / "project"
    (project / ".ci").mkdir(parents=True)
    for script in ("run", "subjects"):
        shutil.copy(ROOT / ".ci" / script, project / ".ci" / script)
    (project / ".venv/bin").mkdir(parents=True)
    (project / ".venv/bin/activate").write_text("")  # what `python3 -m venv` would have made
    tools, home, log = tmp_path / "bin", tmp_path / "home", tmp_path / "calls.log"
    tools.mkdir()
    home.mkdir()
    for real in ("bash", "dirname", "git"):  # git is real: the old script wrote the user's ~/.gitconfig with it
        (tools / real).symlink_to(shutil.which(real))
    for stand_in in ("chromium", "java", "apt-get", "python3", "python"):  # npm is missing
        (tools / stand_in).write_text(STUB.format(log=log))
        (tools / stand_in).chmod(0o755)
    (tools / "fc-list").write_text("#!/bin/sh\necho 'Lohit-Devanagari.ttf: Lohit Devanagari'\n")  # (a Hindi font is there)
    (tools / "fc-list").chmod(0o755)
    env = {"PATH": str(tools), "HOME": str(home), "LANG": "C.UTF-8"}  # no identity anywhere: a new user

    done = subprocess.run([str(tools / "bash"), str(project / ".ci" / "run")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    assert "apt-get install -y -qq nodejs npm" in calls
    assert any(call.startswith("python -m pytest") for call in calls)
    assert os.listdir(home) == []  # no ~/.gitconfig (nor anything else) written
