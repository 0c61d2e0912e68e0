"""What `newsdesk build` loads before it works. A build whose items are all in the build cache (nothing edited since
the last one) reads no item file and spreads no work over processes, so it imports neither the reader's modules
(Markdown, the sanitiser, every field's reader) nor multiprocessing: they were a part of its start-up
(docs/dev/performance.md). A build with an edited item to read imports the reader, and shows the edit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_example_site, edit_file

# `newsdesk build`, then the names of the modules it had imported written to the file named first
_BUILD = ("import sys\n"
          "from generator.cli import main\n"
          "code = main(sys.argv[2:])\n"
          "open(sys.argv[1], 'w').write('\\n'.join(sorted(sys.modules)))\n"
          "sys.exit(code)\n")
READER = ("generator.site.item", "generator.site.markup", "nh3", "cmarkgfm")


def _build(root: Path, scratch: Path) -> set[str]:
    modules = scratch / "modules.txt"
    done = subprocess.run([sys.executable, "-c", _BUILD, str(modules), "build", "--workers", "2"], cwd=root,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return set(modules.read_text().split())


@pytest.mark.slow  # (three builds, each in a Python of its own)
def test_a_build_with_nothing_to_read_imports_no_reader_and_an_edit_imports_it(tmp_path):
    root = copy_example_site(tmp_path / "site")
    first = _build(root, tmp_path)
    assert "generator.site.markup" in first  # (the first build read every item)
    warm = _build(root, tmp_path)
    assert "generator.build.pipeline" in warm
    assert [name for name in (*READER, "multiprocessing") if name in warm] == []
    story = sorted((root / "content").rglob("*.md"))[0]
    edit_file(story, r"(?m)^title: .*$", "title: A headline edited between two builds")
    edited = _build(root, tmp_path)
    assert [name for name in READER if name in edited] == list(READER)
    pages = [path for path in (root / "output").rglob("index.html")
             if "A headline edited between two builds" in path.read_text(encoding="utf-8")]
    assert pages


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["serve", "--bogus"]])
def test_help_and_a_wrong_option_load_no_config_yaml_nor_the_commands(tmp_path, argv):
    # `newsdesk --help` is typed to see what there is: it loaded config.yaml's checks, YAML and every
    # command's module first (a moment on a loaded machine), none of which help shows
    modules = tmp_path / "modules.txt"
    script = _BUILD.replace("code = main(sys.argv[2:])", "try:\n    code = main(sys.argv[2:])\n"
                            "except SystemExit as stop:\n    code = stop.code")
    done = subprocess.run([sys.executable, "-c", script, str(modules), *argv], cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=60)
    assert "usage: newsdesk" in done.stdout + done.stderr
    loaded = set(modules.read_text().split())
    assert "generator.commands.arguments" in loaded
    assert sorted(name for name in loaded if name.startswith(("yaml", "generator.config", "generator.commands.handlers",
                                                              "generator.build", "jinja2"))) == []
