"""Site search: Pagefind runs in the build, and a real browser finds a story by a word of its body.

The site is built with a base_url that has a path and served from that path by a plain
static server, as GitHub Pages would; every request that is not to that server is
blocked and recorded, so the test also proves that search needs no CDN.
"""

from __future__ import annotations

import logging
import os

import pytest

from conftest import files_under, item, make_site, static_server
from generator.build import BuildOptions, build
from generator.config import load_config
from generator.search import find_pagefind

CONFIG = """\
title: Search Test News
base_url: https://example.org/paper/
now: "2026-11-22T12:00:00Z"
"""

UNIQUE = "quillwort"  # appears in one item's body only


def site_files() -> dict[str, str]:
    return {
        "content/harbour.md": item("Harbour cranes get a new paint job", date="2026-11-20T10:00:00Z",
                                   excerpt='"Port authority repaints its fleet."', topics="[Business]",
                                   provider="{name: Dockside Daily, domain: dockside.example}",
                                   body=f"The paint is a marine blend. Workers also found {UNIQUE} growing by the quay."),
        "content/rail.md": item("Night trains return to the northern line", date="2026-11-21T10:00:00Z",
                                excerpt='"Sleeper cars are back."', topics="[Transport]",
                                provider="{name: Rail Ledger, domain: railledger.example}",
                                body="Sleeper cars leave at nine and arrive before breakfast."),
        "content/lab.md": item("Lab grows crystals in orbit", date="2026-11-19T10:00:00Z",
                               excerpt='"Microgravity helps."', topics="[Science]",
                               provider="{name: Orbit Notes, domain: orbitnotes.example}",
                               body="Crystals formed more evenly than on the ground."),
    }


@pytest.fixture(scope="module")
def pagefind_installed():
    if find_pagefind(os.environ) is None:
        message = "Pagefind is not installed (pip install 'newsdesk[search]')"
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):  # CI installs it: a missing binary is a failure there
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def searchable(tmp_path_factory, pagefind_installed):
    root = make_site(tmp_path_factory.mktemp("search") / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    return config, config.output_path


def test_the_build_writes_a_pagefind_index_of_the_articles(searchable):
    config, out = searchable
    assert (out / "pagefind" / "pagefind-ui.js").is_file()
    assert (out / "pagefind" / "pagefind-entry.json").is_file()
    assert '"page_count":3' in (out / "pagefind" / "pagefind-entry.json").read_text()  # articles only
    assert (out / "search" / "index.html").is_file()


def test_the_search_index_is_byte_identical_across_builds(tmp_path, pagefind_installed):
    outputs = []
    for name in ("one", "two"):
        root = make_site(tmp_path / name, site_files(), CONFIG)
        config = load_config(root / "config.yaml")
        build(config, BuildOptions(workers=1))
        outputs.append({p.relative_to(config.output_path).as_posix(): p.read_bytes()
                        for p in sorted((config.output_path / "pagefind").rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] and len(outputs[0]) > 5


def test_incremental_builds_keep_the_index_right_when_articles_or_the_setting_change(tmp_path, pagefind_installed):
    from generator.cache import BuildCache

    root = make_site(tmp_path / "site", site_files(), CONFIG)
    cache = BuildCache()
    build(load_config(root / "config.yaml"), BuildOptions(workers=1), cache=cache)
    steps = [("content/rail.md", lambda t: t.replace("Sleeper cars leave", "Sleeper cars with showers leave")),
             ("config.yaml", lambda t: t + "search: false\n"),
             ("config.yaml", lambda t: t.replace("search: false\n", ""))]
    for number, (name, edit) in enumerate(steps):
        (root / name).write_text(edit((root / name).read_text()))
        config = load_config(root / "config.yaml")
        result = build(config, BuildOptions(workers=1), cache=cache)
        assert result.mode == "update"  # a small site: files replaced in place, index redone beside it
        fresh = load_config(root / "config.yaml", {"output_dir": str(tmp_path / f"fresh-{number}")})
        build(fresh, BuildOptions(workers=1))
        assert files_under(config.output_path) == files_under(fresh.output_path), name
    assert (root / "output/pagefind/pagefind-entry.json").is_file()


def test_without_pagefind_the_build_says_so_once_and_publishes_the_site(tmp_path, caplog):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    environ = {**os.environ, "PAGEFIND_BINARY_PATH": str(tmp_path / "no-such-pagefind")}
    with caplog.at_level(logging.WARNING):
        result = build(config, BuildOptions(workers=1), environ=environ)
    warnings = [r.getMessage() for r in caplog.records if "Pagefind" in r.getMessage()]
    assert len(warnings) == 1 and "no search" in warnings[0]
    assert result.items == 3
    assert (config.output_path / "search" / "index.html").is_file()
    assert not (config.output_path / "pagefind").exists()


def test_a_failing_pagefind_leaves_no_half_index(tmp_path, caplog):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nmkdir -p \"$2/pagefind\" && echo partial > \"$2/pagefind/junk.js\"\n"
                    "echo 'Error: something broke' >&2\nexit 3\n")
    fake.chmod(0o755)
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    with caplog.at_level(logging.WARNING):
        build(config, BuildOptions(workers=1), environ={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)})
    [warning] = [r.getMessage() for r in caplog.records if "Pagefind" in r.getMessage()]
    assert "exit status 3" in warning and "something broke" in warning
    assert not (config.output_path / "pagefind").exists()
    assert (config.output_path / "index.html").is_file()


# --- in a real browser ------------------------------------------------------------------------------

def offline(page, server: str) -> list[str]:
    """Block every request that is not to `server`; return the list of blocked URLs."""
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(server.rsplit("/paper/", 1)[0]):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return blocked


def test_a_word_from_one_body_finds_that_story(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        blocked = offline(page, base)
        page.goto(base + "search/")
        box = page.locator(".pagefind-ui__search-input")
        box.fill(UNIQUE)
        results = page.locator(".pagefind-ui__result-link")
        results.first.wait_for(timeout=15_000)
        assert results.all_inner_texts() == ["Harbour cranes get a new paint job"]
        results.first.click()
        page.wait_for_url(base + "news/2026/11/20/harbour/")
        assert page.locator("h1").inner_text() == "Harbour cranes get a new paint job"
        assert blocked == []


def test_the_header_search_box_searches_from_any_page(searchable, page):
    config, out = searchable
    with static_server(out, "/paper/") as base:
        blocked = offline(page, base)
        page.goto(base + "latest/")
        page.fill("#site-search-q", "Rail Ledger")  # a provider's name
        page.press("#site-search-q", "Enter")
        page.wait_for_url(base + "search/?q=Rail+Ledger")
        results = page.locator(".pagefind-ui__result-link")
        results.first.wait_for(timeout=15_000)
        assert results.all_inner_texts() == ["Night trains return to the northern line"]
        assert results.first.get_attribute("href") == "/paper/news/2026/11/21/rail/"
        assert blocked == []


def test_the_search_page_says_when_the_site_has_no_search(tmp_path, page):
    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1), environ={**os.environ, "PAGEFIND_BINARY_PATH": str(tmp_path / "none")})
    with static_server(config.output_path, "/paper/") as base:
        page.goto(base + "search/?q=paint")
        note = page.locator("#search-unavailable")
        note.wait_for(state="visible", timeout=10_000)
        assert "not available" in note.inner_text()
