"""Lighthouse's mobile audit of the real corpus's pages (issue 18): accessibility, best practices and SEO at 100,
performance over a threshold, with the pictures served from this machine at their declared sizes.

Runs the benchmark as a user does (`python -m bench.lighthouse`, which builds ../shared/corpus/powerapps under /pa/
and serves it); skipped without the corpus or `npm install`'s Lighthouse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # a build of the corpus and a Lighthouse run a page, in chromium

# Issue 18's target is 98 (`python -m bench.lighthouse --check` asks it of every run). Lighthouse does not slow
# the page down while it measures: it times the page's main-thread tasks on this machine and multiplies them by 4,
# a phone's CPU against an idle computer's. On a machine shared with other work those tasks are already slowed by
# it, and long ones count as blocking time (figures: docs/dev/lighthouse.md, "Checks"). So the test asks for the
# phone Lighthouse means, not four times a busy machine: its slowdown is 4 divided by the load per core, never
# under 1. The threshold keeps 8 points for what that estimate misses (the load moves during a run, the paint's
# race with the pictures).
THRESHOLD = 90
PAGES = ("latest", "topic", "article")


def test_lighthouse_scores_the_real_list_and_story_pages_at_their_targets(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    if not (ROOT / "node_modules" / ".bin" / "lighthouse").exists():
        pytest.skip("no node_modules/.bin/lighthouse: run `npm install`")
    slowdown = max(1.0, 4 / max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1)))
    report = tmp_path / "lighthouse.json"
    done = subprocess.run([sys.executable, "-m", "bench.lighthouse", "--pages", ",".join(PAGES), "--json", str(report),
                           "--cpu-slowdown", f"{slowdown:.2f}"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    found = json.loads(report.read_text(encoding="utf-8"))
    assert sorted(found) == sorted(PAGES), done.stdout
    for name, scores in found.items():
        assert (scores["accessibility"], scores["best-practices"], scores["seo"]) == (100, 100, 100), (name, scores)
        assert scores["cls"] < 0.05, (name, scores)
        assert scores["performance"] >= THRESHOLD, (name, f"CPU slowdown {slowdown:.2f}", scores, done.stdout)
