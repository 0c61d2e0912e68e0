"""Upgrading a site that a newsdesk before `firstSeenDateTime` (fetch's READING 12) fetched: the first fetch after
it writes every listed item anew, and no story's id moves (docs/fetch.md, "A newer newsdesk reads entries better").

The first test runs the last release before it (7eff725c, from this repository's git history); the second makes
the old state as the old newsdesk left it: fetched items without `firstSeenDateTime`, the state's
hash of each file's bytes, and each feed's settings hash of another newsdesk (so the next fetch reads it whole).
"""

from __future__ import annotations

import hashlib
import json
import io
import os
import re
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from conftest import FETCH_TIMEOUT, ROOT, clean_build, make_site
from feed_server import Route
from generator.cli import main


def rss(*entries: tuple[str, str, str]) -> bytes:
    items = "".join(f"<item><guid>https://news.example/{guid}</guid><link>https://news.example/{guid}</link>"
                    f"<title>{title}</title><pubDate>{date}</pubDate><description>{title}, officials said."
                    f"</description></item>" for guid, title, date in entries)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://news.example/'
            f"</link><description>d</description>{items}</channel></rss>").encode()


ROVER_A = ("a1", "Mars rover finds water ice under the crater rim", "Fri, 20 Nov 2026 10:00:00 GMT")
ROVER_B = ("b1", "Mars rover finds water ice under crater rim", "Fri, 20 Nov 2026 08:00:00 GMT")
ROVER_C = ("c1", "Mars rover finds water ice under the crater rim today", "Fri, 20 Nov 2026 06:00:00 GMT")


def site_at(root: Path, server, now: str) -> Path:
    config = textwrap.dedent(f"""\
        title: Upgraded News
        base_url: https://example.org/
        now: "{now}"
        fetch:
          timeout: {FETCH_TIMEOUT}
          retries: 0
        sources:
          - url: {server.url('/a.xml')}
            domain: a.example
          - url: {server.url('/b.xml')}
            domain: b.example
        """)
    if not root.exists():
        return make_site(root, {}, config)
    (root / "config.yaml").write_text(config, encoding="utf-8")
    return root


def fetch(site: Path, capsys) -> str:
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 0
    return capsys.readouterr().out


def as_the_old_newsdesk_left_it(site: Path) -> None:
    """Strip `firstSeenDateTime` from every fetched file, record the new bytes' hashes, and mark each feed as
    read by another newsdesk."""
    state_file = site / "fetch-state.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    for record in state["items"].values():
        path = site / "content" / record["file"]
        text = re.sub(rb"(?m)^firstSeenDateTime: .*\n", b"", path.read_bytes())
        path.write_bytes(text)
        record["sha256"] = hashlib.sha256(text).hexdigest()
    for record in state["feeds"].values():
        record["settings"] = "0ld5e771n65"
    state_file.write_text(json.dumps(state, indent=1), encoding="utf-8")


def story_ids(site: Path, out: Path) -> dict[str, str]:
    """Each item's page -> its story's id, from the stories API a build writes."""
    files = clean_build(site, out)
    stories = json.loads(files["api/stories/index.json"])["stories"]
    ids = {item["path"]: story["id"] for story in stories for item in story["items"]}
    assert ids, "the build listed no stories"
    return ids


@pytest.mark.slow
def test_the_first_fetch_after_an_upgrade_moves_no_story_id(tmp_path, server, capsys):
    server.routes["/a.xml"] = Route(rss(ROVER_A))
    server.routes["/b.xml"] = Route(rss())
    site = site_at(tmp_path / "site", server, "2026-11-20T12:00:00Z")
    fetch(site, capsys)
    # a day later B carries the story too, published before A's report: the old newsdesk gave it B's id
    server.routes["/b.xml"] = Route(rss(ROVER_B))
    fetch(site_at(site, server, "2026-11-21T12:00:00Z"), capsys)
    as_the_old_newsdesk_left_it(site)
    [edited] = (site / "content").rglob("*under-crater-rim-*.md")  # B's, edited by hand before the upgrade
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line of my own.\n", encoding="utf-8")
    before = story_ids(site, tmp_path / "before")
    assert len(set(before.values())) == 1 and len(before) == 2, before

    main(["fetch", "--config", str(site_at(site, server, "2026-11-22T12:00:00Z") / "config.yaml")])
    out, err = capsys.readouterr()
    assert ", 1 updated, 1 unchanged," in out, out
    # the feed did not change the entry: newsdesk reads it otherwise, and the note says what to do to take that
    note = next(line for line in err.splitlines() if edited.name in line)
    assert "edited by hand, left as it is" in note and "feed changed" not in note and "delete" in note, note
    assert "A line of my own." in edited.read_text(encoding="utf-8")
    after = story_ids(site, tmp_path / "after")
    assert after == before
    text = {path.name: path.read_text(encoding="utf-8") for path in (site / "content").rglob("*.md")}
    assert len(text) == 2 and ["firstSeenDateTime" in body for name, body in sorted(text.items())
                               if name != edited.name] == [True], text

    # from then on an item counts from when it was first seen: a report published earlier, fetched later, joins
    # the story and leaves its id; and fetching again moves nothing
    server.routes["/a.xml"] = Route(rss(ROVER_A, ROVER_C))
    fetch(site_at(site, server, "2026-11-23T12:00:00Z"), capsys)
    later = story_ids(site, tmp_path / "later")
    assert len(later) == 3 and set(later.values()) == set(before.values()), later
    unchanged = fetch(site, capsys)
    assert ", 0 updated," in unchanged and story_ids(site, tmp_path / "again") == later


OLD = "7eff725c"  # session 41's release: items without firstSeenDateTime, ids from the member published first


def old_newsdesk(folder: Path) -> Path:
    """The old release's tree, from git: run with `python -m generator` and it as PYTHONPATH."""
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{OLD}^{{commit}}"]).returncode:
        pytest.skip(f"this clone of newsdesk has no commit {OLD} (a shallow clone): git fetch --unshallow")
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", OLD, "generator", "themes"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # (our own commit's files; Python before 3.11.4, as Debian 12's 3.11.2, has no `filter`)
        tar.extractall(folder, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return folder


def old(newsdesk: Path, site: Path, *args: str) -> str:
    env = {**{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}, "PYTHONPATH": str(newsdesk)}
    done = subprocess.run([sys.executable, "-m", "generator", *args, "--config", str(site / "config.yaml")],
                          cwd=site, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def old_story_ids(newsdesk: Path, site: Path, out: Path) -> dict[str, str]:
    old(newsdesk, site, "build", "--output", str(out))
    stories = json.loads((out / "api" / "stories" / "index.json").read_bytes())["stories"]
    return {item["path"]: story["id"] for story in stories for item in story["items"]}


@pytest.mark.slow
def test_a_site_the_last_release_fetched_keeps_its_story_ids_through_the_upgrade(tmp_path, server, capsys):
    released = old_newsdesk(tmp_path / "old")
    server.routes["/a.xml"] = Route(rss(ROVER_A))
    server.routes["/b.xml"] = Route(rss())
    site = site_at(tmp_path / "site", server, "2026-11-20T12:00:00Z")
    assert "0 failed" in old(released, site, "fetch")
    server.routes["/b.xml"] = Route(rss(ROVER_B))
    assert "0 failed" in old(released, site_at(site, server, "2026-11-21T12:00:00Z"), "fetch")
    files = sorted((site / "content").rglob("*.md"))
    assert len(files) == 2 and not any(b"firstSeenDateTime" in path.read_bytes() for path in files), files
    before = old_story_ids(released, site, tmp_path / "before")  # what readers saw
    assert len(set(before.values())) == 1 and len(before) == 2, before
    written = {path: path.read_text(encoding="utf-8").splitlines() for path in files}

    out = fetch(site_at(site, server, "2026-11-22T12:00:00Z"), capsys)
    assert ", 2 updated," in out, out
    assert story_ids(site, tmp_path / "after") == before
    # what the user sees in git: one line added to each item, nothing else of it changed
    for path, lines in written.items():
        now = path.read_text(encoding="utf-8").splitlines()
        added = [line for line in now if line.startswith("firstSeenDateTime: ")]
        assert len(added) == 1 and [line for line in now if line not in added] == lines, (path, now, lines)
