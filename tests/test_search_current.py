"""The live search index is kept when nothing it is made from changed and made again when any one of its
inputs did: a build compares the key of its inputs (generator/plan/search.py: index_source, meta.json's
`source`) with the live index's, without planning the index, and a full build and an update in place check it
alike (generator/build/search_index.py: is_current)."""

from __future__ import annotations

import json

import pytest

from conftest import files_under, item, make_site
from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build
from generator.cli import main as cli_main
from generator.config.load import load_config
from generator.plan.search_files import SEARCH_FOLDER
from generator.site.local_pictures import copy_name

PICTURE = "https://pictures.example/cranes.jpg"
CONFIG = """\
title: Current Index News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
pictures_dir: pictures
topics:
  - name: Science
    slug: science
providers:
  - domain: dockside.example
    name: Dockside Daily
"""


def site_files() -> dict[str, str]:
    return {
        "content/harbour.md": item("Harbour cranes get a new paint job", date="2026-11-20T10:00:00Z",
                                   topics="[Science]", provider="{name: Dockside, domain: dockside.example}",
                                   images=f"[{{url: '{PICTURE}', width: 640, height: 360}}]",
                                   body="The paint is a marine blend."),
        "content/rail.md": item("Night trains return to the northern line", date="2026-11-21T10:00:00Z",
                                topics="[Transport]", provider="{name: Rail Ledger, domain: railledger.example}",
                                body="Sleeper cars leave at nine."),
        "content/lab.md": item("Lab grows crystals in orbit", date="2026-11-19T10:00:00Z", topics="[Science]",
                               body="Crystals formed more evenly than on the ground."),
    }


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new), encoding="utf-8")


def a_picture_copy(root) -> None:
    """What `newsdesk pictures` leaves for the harbour story's picture: a copy 320 pixels wide."""
    folder = root / "pictures"
    folder.mkdir()
    (folder / copy_name(PICTURE, 320)).write_bytes(b"RIFF....WEBP")
    (folder / "manifest.json").write_text(json.dumps({"pictures": {PICTURE: {
        "width": 640, "height": 360, "copies": [{"file": copy_name(PICTURE, 320), "width": 320, "height": 180}]}}}))


# Each input of the index changed alone, and the index file it shows in
CHANGES = {
    "an item's title": (lambda root: edit(root / "content/lab.md", "Lab grows", "Station grows"), "docs/0.json"),
    "a topic's name": (lambda root: edit(root / "config.yaml", "- name: Science", "- name: Space science"),
                       "facets.json"),
    "a provider's name": (lambda root: edit(root / "config.yaml", "name: Dockside Daily", "name: The Dockside"),
                          "facets.json"),
    "a picture copy": (a_picture_copy, "docs/0.json"),
    "the picture resizer": (lambda root: edit(root / "config.yaml", "pictures_dir:",
                                              "picture_resizer: https://img.example/{width}/{url}\npictures_dir:"),
                            "docs/0.json"),
    "the time zone": (lambda root: edit(root / "config.yaml", "pictures_dir:", "timezone: Pacific/Auckland\n"
                                                                                "pictures_dir:"), "docs/0.json"),
    "the language": (lambda root: edit(root / "config.yaml", "pictures_dir:", "language: de\npictures_dir:"),
                     "docs/0.json"),
}


def index_files(config) -> dict[str, bytes]:
    return files_under(config.output_path / SEARCH_FOLDER)


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_index_input_changed_alone_makes_the_index_again(tmp_path, change):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    cache = BuildCache()
    build(load_config(root / "config.yaml"), BuildOptions(workers=1), cache=cache)
    config = load_config(root / "config.yaml")
    before = index_files(config)
    step, shown_in = CHANGES[change]
    step(root)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1), cache=cache)
    after = index_files(config)
    fresh = load_config(root / "config.yaml", {"output_dir": str(tmp_path / "fresh")})
    build(fresh, BuildOptions(workers=1))
    assert after == index_files(fresh) and len(after) > 10  # what a build without a cache makes
    assert after[shown_in] != before[shown_in]
    assert json.loads(after["meta.json"])["source"] != json.loads(before["meta.json"])["source"]


def test_a_warm_build_leaves_the_index_as_it_was(tmp_path):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    a_picture_copy(root)
    assert cli_main(["build", "--config", str(root / "config.yaml")]) == 0
    config = load_config(root / "config.yaml")
    folder = config.output_path / SEARCH_FOLDER
    before = live(folder)
    assert len(before) > 10
    assert cli_main(["build", "--config", str(root / "config.yaml")]) == 0  # warm: the cache from disk
    assert live(folder) == before
    assert cli_main(["build", "--config", str(root / "config.yaml"), "--clean"]) == 0  # no cache: a full build
    assert live(folder) == before


def live(folder) -> dict[str, tuple]:
    """Each index file's inode, time and bytes: a file kept is not written again."""
    return {name: ((folder / name).stat().st_ino, (folder / name).stat().st_mtime_ns, data)
            for name, data in files_under(folder).items()}
