"""A new user on a fresh machine: control characters in config.yaml, numbers without bounds, a theme that
goes away under serve, an output folder that is not newsdesk's, and how promptly serve stops."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import time
import urllib.request
import xml.dom.minidom
from pathlib import Path

import pytest

from conftest import ROOT
from test_server import wait_for
from generator import cli
from generator.build.pipeline import BuildOptions
from generator.config import load_config
from generator.errors import ConfigError
from generator.serve.server import DevServer


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


# --- 3. a theme folder removed or renamed under serve is said, and serve recovers when it is back -------------

def _page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
        return answer.read().decode()


def test_a_theme_renamed_while_serving_is_an_error_on_the_page_until_it_is_back(site):
    mine = site / "themes/mine/templates"
    mine.mkdir(parents=True)
    base = (ROOT / "themes/default/templates/base.html").read_text()
    (mine / "base.html").write_text(base.replace("<body", "<!-- my theme --><body", 1))
    _config(site, "theme: mine\n")
    said: list[str] = []
    dev = DevServer(lambda: load_config(site / "config.yaml"), BuildOptions(), site / "config.yaml", port=0,
                    quiet=0.05, echo=lambda text, error=False: said.append(text))
    dev.start()
    try:
        assert "<!-- my theme -->" in _page(dev.port, "/")
        count = len(dev.rebuilds)
        (site / "themes/mine").rename(site / "themes/mine-old")
        record = wait_for(lambda: dev.rebuilds[count:] and dev.rebuilds[-1], "a rebuild")
        problem = "config.yaml:4: theme 'mine' not found: themes/ has mine-old (set `theme: mine-old`)"
        assert problem in record.error and problem in "\n".join(said)
        page = _page(dev.port, "/")
        assert 'id="newsdesk-overlay"' in page and html.escape(problem) in page
        assert "<!-- my theme -->" in page  # the last good pages stay
        count = len(dev.rebuilds)
        (site / "themes/mine-old").rename(site / "themes/mine")
        wait_for(lambda: dev.rebuilds[count:] and not dev.rebuilds[-1].error and dev.idle, "a good rebuild")
        page = _page(dev.port, "/")
        assert "<!-- my theme -->" in page and 'id="newsdesk-overlay"' not in page
    finally:
        dev.stop()


# --- 4. an output folder of the user's is a setting to correct: exit 2, at what gave it, for serve too --------

def test_an_output_folder_newsdesk_did_not_make_stops_build_and_serve_with_2_saying_what_to_do(site, capsys):
    (site / "output").mkdir()
    (site / "output/notes.txt").write_text("mine")
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err == (f"config.yaml: output folder output/ ({site / 'output'}; no `output_dir` is set) is not empty, "
                   "and newsdesk did not make it (it holds no .newsdesk-output file); a build replaces everything in "
                   "its output folder, so newsdesk does not write there (set `output_dir:` to a new or empty folder, "
                   "or move this one away; if it is the output of an older newsdesk, delete it once)\n"
                   "Nothing was written.\n")
    # serve stops at once too, rather than serving the folder's files as the site with an error over them
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=site, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr == err and "Serving" not in done.stdout
    assert [p.name for p in (site / "output").iterdir()] == ["notes.txt"]


# --- 5. serve stops at once -----------------------------------------------------------------------------------

def test_serve_stops_promptly(site):
    took = []
    for _ in range(5):  # (a server that waits out a poll interval of its own takes 1.25 s for five, on average)
        dev = DevServer(lambda: load_config(site / "config.yaml"), BuildOptions(workers=1), site / "config.yaml",
                        port=0, echo=lambda text, error=False: None)
        dev.start()
        assert _page(dev.port, "/").startswith("<!DOCTYPE html>")
        started = time.perf_counter()
        dev.stop()
        took.append(time.perf_counter() - started)
    assert sum(took) < 0.5, took


# --- more: a control character typed into config.yaml itself is said at its line ------------------------------

def test_a_raw_control_character_in_config_yaml_is_said_at_its_line(site, capsys):
    (site / "config.yaml").write_text('title: Tëst News\nbase_url: https://example.org/\ndescription: "My \x1bsite"\n',
                                      encoding="utf-8")
    assert cli.main(["check"]) == 2
    assert capsys.readouterr().err.startswith(
        r"config.yaml:3: invalid YAML: the control character \x1b (U+001B) is not allowed in a YAML file "
        "(remove it; an editor may show it as a box, or not at all)\n")


# --- more: `1e3` is a number, as the user meant (YAML 1.1 reads it as text) ------------------------------------

def test_a_number_written_with_an_exponent_is_taken_as_a_number(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("ranking:\n  half_life_hours: 1e2\nstories:\n  threshold: 2.5E-1\nfetch:\n  timeout: 3e1\n")
    config = load_config(path)
    assert (config.ranking.half_life_hours, config.stories.threshold, config.fetch.timeout) == (100.0, 0.25, 30.0)
    path.write_text('ranking:\n  half_life_hours: "1e2"\n')  # in quotes it is text, as anywhere else
    with pytest.raises(ConfigError, match=r"config.yaml:2: `ranking.half_life_hours` must be a number, got str '1e2'"):
        load_config(path)


# --- more: a SOURCE_DATE_EPOCH that is no time is said, not a traceback ---------------------------------------

@pytest.mark.parametrize("value", ["abc", "1e9", "99999999999999999999"])
def test_a_source_date_epoch_that_is_no_time_stops_with_2_and_says_so(site, capsys, monkeypatch, value):
    (site / "config.yaml").write_text("title: Test News\nbase_url: https://example.org/\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"SOURCE_DATE_EPOCH: the environment variable must be a whole number of seconds since "
                          f"1970-01-01 UTC, got {value!r} (e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"), err
    assert "Traceback" not in err and not (site / "output").exists()


# --- more: `newsdesk init` run twice says there is a site, and how to build it -------------------------------

def test_init_into_a_site_says_there_is_one_and_how_to_build_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "my site"]) == 0
    made = {p: p.read_bytes() for p in (tmp_path / "my site").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert cli.main(["init", "my site"]) == 2
    assert capsys.readouterr().err.startswith(
        "my site/config.yaml: there is a site here already (build it: `cd 'my site' && newsdesk build`; "
        "`newsdesk init 'my site' --github-actions` adds only the GitHub Pages workflow; or choose a new folder: "
        "newsdesk init never overwrites files)\n")
    assert {p: p.read_bytes() for p in (tmp_path / "my site").rglob("*") if p.is_file()} == made


# --- more: a mistyped command or option is named, with the one meant ------------------------------------------

@pytest.mark.parametrize("argv, said", [
    (["biuld"], "newsdesk: error: unknown command 'biuld' (did you mean `newsdesk build`?)"),
    (["--debug", "serv"], "newsdesk: error: unknown command 'serv' (did you mean `newsdesk serve`?)"),
    (["build", "--wrkers", "2"], "newsdesk build: error: unrecognized arguments: --wrkers 2 (did you mean --workers?)"),
    (["check", "--drfts"], "newsdesk check: error: unrecognized arguments: --drfts (did you mean --drafts?)"),
    (["build", "extra"], "newsdesk build: error: unrecognized arguments: extra"),
    # a shortened option is not taken for the one it begins (a new option would change what it means)
    (["build", "--out", "x"], "newsdesk build: error: unrecognized arguments: --out x (did you mean --output?)"),
    (["deploy", "--dry"], "newsdesk deploy: error: unrecognized arguments: --dry (did you mean --dry-run?)"),
])
def test_a_mistyped_command_or_option_is_named_with_the_one_meant(tmp_path, monkeypatch, capsys, argv, said):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.rstrip("\n").endswith("\n" + said), err
    assert list(tmp_path.iterdir()) == []
