"""Stopping `newsdesk serve` (Ctrl-C, `kill`) while it rebuilds after a config.yaml save: quick, and safe.

It waited for the rebuild (30 s and more on a big site) before it stopped. A stop now ends the rebuild at once;
the output folder stays the last complete site, and the build cache serve saves on its way out serves the next
build as it should: that build's output is what a clean build makes.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, item, make_site

CONFIG = """\
title: Quick News
base_url: https://example.org/news/
now: "2026-11-22T12:00:00Z"
items_per_page: 2
"""
# Every page is slow to render while the title is "Slow News" (400,000 turns of a loop: within a page's render
# budget, render.budget), so the rebuild that follows the config.yaml save takes far longer than the stop may, on
# any machine.
SLOW_BASE = """\
{% extends "!theme/base.html" %}
{% block head %}{% if config.title == "Slow News" %}{% for a in range(400) %}{% for b in range(1000) %}{% endfor %}\
{% endfor %}{% endif %}{% endblock %}
"""
STOP_WITHIN = 10.0  # seconds: the bound on a stop, far below the rebuild's time (not a speed test)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def _newsdesk(site: Path, *args: str, **kwargs):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    env.pop("CI", None)
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=site, env=env, capture_output=True,
                          text=True, timeout=300, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_during_a_long_rebuild_is_quick_and_leaves_the_site_whole(tmp_path, signum):
    files = {f"content/news/story-{n}.md": item(f"Story {n}", date=f"2026-11-{10 + n % 10}T{n % 24:02d}:00:00Z",
                                                 topics="[Harbour]") for n in range(60)}
    site = make_site(tmp_path / "site", {**files, "themes/default/templates/base.html": SLOW_BASE},
                     CONFIG + "topics:\n  - name: Harbour\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    # (a shell that starts the tests in the background ignores SIGINT, and children inherit that: undo it, as a
    # terminal would have it, so that SIGINT is Ctrl-C)
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=site, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    watchdog = threading.Timer(240, process.kill)  # (a line that never comes would block the read below)
    watchdog.start()
    try:
        assert any("Ctrl-C to stop" in line for line in process.stdout), process.stderr.read()
        before = _files(site / "output")
        assert "index.html" in before and len(before) > 30
        (site / "config.yaml").write_text((site / "config.yaml").read_text().replace("Quick News", "Slow News"))
        time.sleep(3)  # the rebuild is under way (debounce 50 ms), far from done
        assert process.poll() is None
        sent = time.monotonic()
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
    assert process.returncode in (0, 130) and "Traceback" not in err, err
    assert "does too much" not in err + out  # (the rebuild was under way, not stopped by the budget)
    assert "config.yaml changed" not in out, out  # (stopped in the rebuild, not after it)
    assert took < STOP_WITHIN, f"serve took {took:.1f} s to stop"
    assert "Stopped." in out
    # The output is the last complete site, as it was, and nothing half-made is left beside it
    assert _files(site / "output") == before
    assert not [path.name for path in site.iterdir() if path.name.startswith(".output.newsdesk-")
                and path.name != ".output.newsdesk-spare"]
    # The cache serve saved lets the next build make what a clean build makes
    (site / "config.yaml").write_text((site / "config.yaml").read_text().replace("Slow News", "Other News"))
    built = _newsdesk(site, "build")
    assert built.returncode == 0, built.stderr
    clean = _newsdesk(site, "build", "--clean", "--output", str(tmp_path / "clean"))
    assert clean.returncode == 0, clean.stderr
    after, fresh = _files(site / "output"), _files(tmp_path / "clean")
    assert after == fresh and re.search(rb"Other News", after["index.html"])
