"""A new user on a fresh machine: control characters in config.yaml, numbers without bounds, a theme that
goes away under serve, an output folder that is not newsdesk's, and how promptly serve stops."""

from __future__ import annotations

import json
import xml.dom.minidom
from pathlib import Path

import pytest

from conftest import item, make_site
from generator import cli


@pytest.fixture
def site(user_site) -> Path:
    return user_site


def _config(site: Path, text: str) -> None:
    (site / "config.yaml").write_text("title: Test News\nbase_url: https://example.org/\n"
                                      'now: "2026-11-22T12:00:00Z"\n' + text, encoding="utf-8")


# --- 1. control characters in config.yaml's text are said at their line, not written into pages -------------

@pytest.mark.parametrize("escape, shown", [(r"\x01", r"\x01 (U+0001)"), (r"\e[31m", r"\x1b (U+001B)"),
                                           (r"\x7f", r"\x7f (U+007F)"), (r"\N", r"\x85 (U+0085)")])
@pytest.mark.parametrize("key", ["title", "description"])
def test_a_control_character_in_the_title_or_description_is_a_config_error_at_its_line(site, capsys, key,
                                                                                         escape, shown):
    (site / "config.yaml").write_text(f'base_url: https://example.org/\n{key}: "My {escape}news"\n', encoding="utf-8")
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:2: `{key}` holds the control character {shown}, which pages and feeds "
                          "cannot show (remove it from the value)\n"), err
    assert not (site / "output").exists()


def test_tabs_and_line_breaks_in_the_title_are_white_space_and_feeds_stay_well_formed(site):
    (site / "config.yaml").write_text('title: "Test\\tNews"\ndescription: "Line one\\nline two"\n'
                                      'base_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    assert cli.main(["build"]) == 0
    feeds = sorted((site / "output/feeds").glob("latest.*"))
    assert len(feeds) == 3
    for feed in feeds:
        if feed.suffix == ".json":
            assert json.loads(feed.read_text())["title"] == "Test News: Latest"
        else:
            xml.dom.minidom.parse(str(feed))


# --- 2. numbers that make fetch loop or spawn without end are bounded, at their line --------------------------

@pytest.mark.parametrize("key, value, most", [("retries", "1000000000", 10), ("concurrency", "100000", 64)])
def test_a_huge_fetch_number_is_a_config_error_at_its_line(site, capsys, key, value, most):
    _config(site, f"fetch:\n  backoff: 0\n  {key}: {value}\nsources:\n  - http://127.0.0.1:9/feed.xml\n")
    assert cli.main(["fetch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:6: `fetch.{key}` must be at most {most}, got {int(value):,} "), err
    _config(site, f"fetch:\n  {key}: {most}\n")
    assert cli.main(["check"]) == 0
