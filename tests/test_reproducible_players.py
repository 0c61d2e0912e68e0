"""Same input, same bytes, from one process to the next: a player's attributes that the sanitiser sets
(`controls`, `preload`) came out in its hash map's order, which changes with each process, so a podcast's page
differed between two builds of one site (and `newsdesk deploy` pushed a commit for nothing)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import files_under, make_site

ITEM = """---
title: Episode 1
publishedDateTime: 2026-11-20T08:00:00Z
type: podcast
featuredContent: '<audio src="https://pod.example/1.mp3"></audio>'
---
<video src="https://pod.example/1.mp4"></video>

The notes.
"""


@pytest.mark.slow
def test_the_sanitiser_writes_a_player_alike_in_every_process():
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    code = ("from generator.site.markup import sanitize; "
            "print(sanitize('<audio src=\"https://a.example/1.mp3\"></audio><video src=\"https://a.example/1.mp4\">'))")
    written = {subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
               for _ in range(6)}
    assert written == {'<audio src="https://a.example/1.mp3" controls="" preload="none"></audio>'
                       '<video src="https://a.example/1.mp4" controls="" preload="none"></video>\n'}


@pytest.mark.slow
def test_builds_in_separate_processes_write_players_alike(tmp_path):
    site = make_site(tmp_path / "site", {"content/episode.md": ITEM},
                     'title: Pod\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    builds = []
    # (four orders per process, audio's and video's: five processes all alike by chance is 1 in 256)
    for run in range(5):
        out = tmp_path / f"out{run}"
        subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(site / "config.yaml"),
                        "--output", str(out), "--clean", "--workers", "1"], env=env, check=True,
                       capture_output=True)
        builds.append(files_under(out))
    page = builds[0]["news/2026/11/20/episode/index.html"]
    assert b'<audio src="https://pod.example/1.mp3" controls="" preload="none">' in page
    assert b'<video src="https://pod.example/1.mp4" controls="" preload="none">' in page
    assert all(build == builds[0] for build in builds[1:])
