"""A new user on a fresh machine: fetch into another content folder, deploy --no-build of a folder newsdesk
did not make."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, feed_site, item, make_site
from feed_server import Route
from generator.cli import main

RSS = (ROOT / "tests" / "feeds" / "rss.xml").read_bytes()


def _fetch(site: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["fetch", "--config", str(site / "config.yaml"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _live(site: Path, state: str = "fetch-state.json") -> dict[str, str]:
    """The items a state file says fetch wrote, and where."""
    items = json.loads((site / state).read_text(encoding="utf-8"))["items"]
    return {key: record["file"] for key, record in items.items() if record.get("file")}


# --- 1. fetch --content DIR: the state file belongs to one content folder -----------------------------------

def test_fetch_into_another_content_folder_leaves_the_state_of_the_first_alone(tmp_path, server, capsys,
                                                                                 monkeypatch):
    server.routes["/rss.xml"] = Route(RSS, etag='"v1"')
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    assert _fetch(site, capsys)[0] == 0
    before = _live(site)
    state_bytes = (site / "fetch-state.json").read_bytes()
    assert before and all((site / "content" / name).is_file() for name in before.values())

    # Another folder with the same state file: it would take every file for deleted by hand (and, with the
    # feed's ETag, fetch nothing into the new folder).
    (site / "trial").mkdir()
    code, out, err = _fetch(site, capsys, "--content", "trial")
    assert code == 2, err
    assert "fetch-state.json:2: this fetch state is of the content folder content/, not trial/" in err
    assert "--state" in err and "leave out --content" in err
    assert (site / "fetch-state.json").read_bytes() == state_bytes
    assert not list((site / "trial").rglob("*.md"))

    # A state of its own: the feed is read whole into the new folder, and the first folder's state is as it was.
    code, out, err = _fetch(site, capsys, "--content", "trial", "--state", "trial-state.json")
    assert code == 0, err
    assert len(list((site / "trial" / "fetched").rglob("*.md"))) == len(before)
    assert (site / "fetch-state.json").read_bytes() == state_bytes
    assert _fetch(site, capsys)[0] == 0
    assert _live(site) == before
    assert "deleted by hand" not in capsys.readouterr().err


def test_an_older_state_without_its_folder_is_the_configured_folders(tmp_path, server, capsys, monkeypatch):
    server.routes["/rss.xml"] = Route(RSS)
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    assert _fetch(site, capsys)[0] == 0
    state = json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))
    assert state.pop("content") == "content"
    (site / "fetch-state.json").write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    before = _live(site)

    (site / "trial").mkdir()
    code, out, err = _fetch(site, capsys, "--content", "trial")
    assert code == 2 and "fetch-state.json: this fetch state is of the content folder content/, not trial/" in err
    code, out, err = _fetch(site, capsys)
    assert code == 0, err
    assert _live(site) == before and "deleted by hand" not in err


# --- 2. deploy --no-build publishes only a site newsdesk built ---------------------------------------------

def _make_foreign(output: Path) -> None:
    output.mkdir()
    (output / "index.html").write_text("<p>my own page</p>\n", encoding="utf-8")
    (output / "notes.txt").write_text("private notes\n", encoding="utf-8")


@pytest.mark.parametrize("made, said", [
    (lambda output: None, "output: no built site here: the folder is not there"),
    (lambda output: output.write_text("a file\n"), "output: no built site here: it is not a folder"),
    (lambda output: output.mkdir(), "output: not a site newsdesk built (it holds no .newsdesk-output file)"),
    (_make_foreign, "output: not a site newsdesk built (it holds no .newsdesk-output file)"),
], ids=["missing", "a-file", "empty", "the-users-own"])
def test_deploy_no_build_refuses_a_folder_newsdesk_did_not_build(tmp_path, capsys, made, said):
    from test_deploy import branch_files, git, make_repo

    remote = tmp_path / "remote.git"
    site = make_repo(tmp_path / "site", remote, files={"content/news/one.md": item("One")})
    made(site / "output")
    code = main(["deploy", "--config", str(site / "config.yaml"), "--no-build"])
    err = capsys.readouterr().err
    assert code == 1
    assert said in err
    assert "newsdesk build" in err and "Nothing was deployed." in err
    assert git(remote, "for-each-ref") == ""  # nothing pushed, not even an empty branch

    # What the message says to do works.
    if (site / "output").is_file():
        (site / "output").unlink()
    elif (site / "output" / "notes.txt").exists():
        code = main(["build", "--config", str(site / "config.yaml")])
        assert code == 2 and "newsdesk did not make it" in capsys.readouterr().err  # build keeps the user's files
        (site / "output").rename(site / "mine")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    assert main(["deploy", "--config", str(site / "config.yaml"), "--no-build"]) == 0
    published = branch_files(remote)
    assert b"One" in published["index.html"] and ".newsdesk-output" not in published


# --- 3. config.yaml whose aliases stand for billions of values ------------------------------------------------

BOMB = """\
title: Bomb
base_url: https://example.org/
{key}:
  - &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
  - &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


@pytest.mark.parametrize("key", ["embed_hosts", "type_lists", "title"])
def test_a_config_whose_aliases_stand_for_billions_of_values_is_an_error_at_its_key(tmp_path, key):
    # It ran out of memory with a traceback (embed_hosts), or never ended (type_lists).
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, BOMB.format(key=key))
    # (within 2 GiB of memory and two minutes: a newsdesk without the limit must not take the machine's)
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=site, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)))
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.startswith(f"config.yaml:3: `{key}` stands for more than 1,000,000 values once its "
                                  f"aliases (*name) are written out (write the values out")
    assert "Traceback" not in done.stderr and not (site / "output").exists()


def test_a_config_value_of_the_wrong_type_is_quoted_short(tmp_path, capsys):
    config = "title: [" + ", ".join(f"word{n}" for n in range(5000)) + "]\nbase_url: https://example.org/\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, config)
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("config.yaml:1: `title` must be a string, got list ['word0', 'word1',")
    assert len(err.splitlines()[0]) < 200, err[:400]


def test_aliases_a_config_really_uses_are_fine(tmp_path, capsys):
    config = ("title: Aliases\nbase_url: https://example.org/\n"
              "topics:\n  - name: AI\n    keywords: &words [robots, models, chips]\n"
              "  - name: Science\n    keywords: *words\n")
    site = make_site(tmp_path / "site", {"content/a.md": item("A", topics="[AI]")}, config)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err


# --- 4. build --report FILE that cannot be written is said before the build ------------------------------------

def test_a_report_that_cannot_be_written_is_refused_before_building(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A")})
    config = str(site / "config.yaml")
    assert main(["build", "--config", config, "--report", str(tmp_path / "nowhere" / "r.json")]) == 2
    assert f"there is no folder {tmp_path / 'nowhere'} (create it first" in capsys.readouterr().err
    assert main(["build", "--config", config, "--report", str(tmp_path)]) == 2
    assert "is a folder (name the report's file" in capsys.readouterr().err
    assert not (site / "output").exists()  # nothing was built for a report that could not be written
    assert main(["build", "--config", config, "--report", str(tmp_path / "r.json")]) == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["pages"]


# --- 5. language: a locale's pt_BR, and one with its charset ----------------------------------------------------

def _language_site(tmp_path: Path, language: str) -> Path:
    return make_site(tmp_path / "site", {"content/a.md": item("A")},
                     f"title: Languages\nbase_url: https://example.org/\nlanguage: {language}\n")


def test_a_locale_style_language_is_written_as_a_language_tag(tmp_path, capsys):
    # `pt_BR` went as it was into <html lang>, xml:lang and the feeds, where no validator or reader takes it.
    site = _language_site(tmp_path, "pt_BR")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err
    assert '<html lang="pt-BR"' in (site / "output/index.html").read_text(encoding="utf-8")
    assert "<language>pt-BR</language>" in (site / "output/feeds/latest.rss").read_text(encoding="utf-8")
    assert 'xml:lang="pt-BR"' in (site / "output/feeds/latest.xml").read_text(encoding="utf-8")


def test_a_locale_with_its_charset_is_an_error_saying_which_code_to_write(tmp_path, capsys):
    site = _language_site(tmp_path, "en_US.UTF-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.startswith("config.yaml:3: `language` must be a language code such as en or "
                                              "pt-BR, got 'en_US.UTF-8' (write the language code: en-US)")


# --- 6. a config.yaml of thousands of topics and sources loads about as fast as YAML reads it ----------------

@pytest.mark.slow
def test_a_large_config_is_checked_in_about_the_time_yaml_takes_to_read_it(tmp_path):
    # Checking each of 20,000 entries evaluated the config's type annotations again: 12 s to load a 2 MB
    # config.yaml (40,000 topics and sources) that YAML reads in 3. Compared with YAML's own time on this
    # machine, best of three, so that a busy machine slows both.
    import time

    import yaml

    from generator.config import load_config

    text = ("title: Big\nbase_url: https://example.org/\ntopics:\n"
            + "".join(f"  - name: Topic {n}\n    keywords: [alpha{n}, beta{n}]\n" for n in range(5000))
            + "sources:\n" + "".join(f"  - url: https://feeds{n}.example/rss\n    name: Feed {n}\n" for n in range(5000)))
    site = make_site(tmp_path / "site", {}, text)
    reading, loading = [], []
    for _ in range(3):
        start = time.perf_counter()
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        reading.append(time.perf_counter() - start)
        start = time.perf_counter()
        config = load_config(site / "config.yaml")
        loading.append(time.perf_counter() - start)
    assert len(config.topics) == len(config.sources) == 5000
    assert min(loading) < 2.2 * min(reading), (loading, reading)


# --- 7. config.yaml as Windows editors save it --------------------------------------------------------------------

def test_a_config_saved_as_utf16_with_windows_line_ends_is_read(tmp_path, capsys):
    # Notepad's "Unicode" is UTF-16 with a byte order mark: item files so saved were read, config.yaml was not.
    text = "title: Café News\r\nbase_url: https://example.org/\r\nlanguage: fr\r\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, "")
    (site / "config.yaml").write_bytes(text.encode("utf-16"))
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err
    page = (site / "output/index.html").read_text(encoding="utf-8")
    assert "<title>Café News" in page and '<html lang="fr"' in page


def test_a_config_in_another_encoding_is_an_error_at_its_line(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A")}, "")
    (site / "config.yaml").write_bytes("base_url: https://example.org/\ntitle: Café News\n".encode("cp1252"))
    assert main(["build", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.startswith("config.yaml:2: not UTF-8 text (byte 0xe9 of a text in another "
                                              "encoding, such as Windows-1252) (save the file as UTF-8 text")


# --- 8. every config.yaml error says what to write ---------------------------------------------------------------

@pytest.mark.parametrize("text, said", [
    ("ranking:\n  coverage_boost: -1\n", "config.yaml:4: `ranking.coverage_boost` must not be negative, got -1 (the "
                                         "default is 0.5; 0 gives stories of many sources no boost)"),
    ("stories:\n  window_hours: -2\n", "config.yaml:4: `stories.window_hours` must not be negative, got -2 (the "
                                       "default is 72)"),
    ("stories:\n  same_provider: never\n", "config.yaml:4: `stories.same_provider` must be join or apart, got "
                                           "'never' (the default is join)"),
    ("markdown_engine: md\n", "config.yaml:3: `markdown_engine` must be cmark or python-markdown, got 'md' (cmark is "
                              "the default)"),
    ("undeclared_topics: maybe\n", "config.yaml:3: `undeclared_topics` must be warn, error or allow, got 'maybe' "
                                   "(the default is warn)"),
    ("fetch:\n  timeout: 0\n", "config.yaml:4: `fetch.timeout` must be positive (the default is 20.0)"),
    ("fetch:\n  retries: -1\n", "config.yaml:4: `fetch.retries` must not be negative (the default is 2)"),
    ("fetch:\n  state_file: ../state.json\n", "config.yaml:4: `fetch.state_file` must be a path inside the site, got "
                                              "'../state.json' (write it relative to the folder holding config.yaml, "
                                              "without ..)"),
])
def test_config_range_errors_say_the_value_and_what_to_write(tmp_path, capsys, text, said):
    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     "title: Errors\nbase_url: https://example.org/\n" + text)
    assert main(["check", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.splitlines()[0] == said


def test_fetch_into_a_folder_that_is_not_there_is_refused(tmp_path, server, capsys, monkeypatch):
    server.routes["/rss.xml"] = Route(RSS)
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    code, out, err = _fetch(site, capsys, "--content", "contnet")
    assert code == 2 and err.startswith("--content: content folder contnet/ not found (correct the path")
    assert not (site / "contnet").exists() and not (site / "fetch-state.json").exists()


def test_a_state_with_no_items_yet_moves_to_the_folder_fetched_into(tmp_path, server, capsys, monkeypatch):
    # A first fetch into a folder that failed (the feed was down) wrote a state of that folder and no items:
    # the next fetch, into the site's own content folder, is not refused for it, and reads the feed whole.
    server.routes["/rss.xml"] = Route(b"down", 503, "text/plain")
    site = feed_site(tmp_path / "site", f"  - {server.url('/rss.xml')}\n")
    monkeypatch.chdir(site)
    (site / "trial").mkdir()
    assert _fetch(site, capsys, "--content", "trial")[0] == 1
    assert json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))["content"] == "trial"
    server.routes["/rss.xml"] = Route(RSS, etag='"v1"')
    code, out, err = _fetch(site, capsys)
    assert code == 0, err
    assert list((site / "content" / "fetched").rglob("*.md"))
    assert json.loads((site / "fetch-state.json").read_text(encoding="utf-8"))["content"] == "content"


@pytest.mark.slow
def test_deploy_no_build_after_a_build_killed_between_its_renames_publishes_the_new_site(tmp_path, capsys):
    # `newsdesk build --clean` killed (SIGKILL) between moving the old output away and moving the new one in:
    # no output/ is there, only the complete new site beside it. deploy --no-build first completes the swap.
    import signal

    from test_deploy import branch_files, make_repo
    from test_interrupted_writes import KILL_AT

    remote = tmp_path / "remote.git"
    site = make_repo(tmp_path / "site", remote, files={"content/news/one.md": item("One")})
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    (site / "content/news/two.md").write_text(item("Two"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # (how many renames the build makes, counted on a copy: killed before its last, the new site is not in place)
    copy = shutil.copytree(site, tmp_path / "copy", symlinks=True)
    counted = subprocess.run([sys.executable, "-c", KILL_AT, "rename", "0", "--clean"], cwd=copy, env=env,
                             capture_output=True, text=True)
    calls = int(counted.stderr.split("calls:")[1])
    killed = subprocess.run([sys.executable, "-c", KILL_AT, "rename", str(calls), "--clean"], cwd=site, env=env,
                            capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    assert not (site / "output").exists()  # killed where this test means to be
    capsys.readouterr()
    assert main(["deploy", "--config", str(site / "config.yaml"), "--no-build"]) == 0, capsys.readouterr().err
    published = branch_files(remote)
    assert [name for name in published if name.startswith("news/") and "/two/" in name]  # the new story's page


# --- 9. a command run beside the site just made says where its config.yaml is ----------------------------------

def test_build_beside_a_new_site_names_the_site_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "my-site"]) == 0
    capsys.readouterr()
    assert main(["build"]) == 2
    assert capsys.readouterr().err.startswith(
        "config.yaml: no config.yaml here (my-site/ has one: run newsdesk in the site's folder after `cd my-site`, "
        "or pass --config my-site/config.yaml)")
    monkeypatch.chdir(tmp_path / "my-site")
    assert main(["build", "--config", "content"]) == 2
    assert capsys.readouterr().err.startswith(
        "content: is a folder, not a config file (the current folder has one: leave out --config, or pass "
        "--config config.yaml)")  # not "run newsdesk in the site's folder after `cd .`"


def test_a_source_that_is_no_mapping_is_shown_how_to_write_one(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A")},
                     "title: Sources\nbase_url: https://example.org/\nsources:\n  - [https://example.com/feed.xml]\n")
    assert main(["fetch", "--config", str(site / "config.yaml")]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "config.yaml:4: `sources[0]` must be a mapping of keys, got list (write the entry as `- url: ...`)")


# --- 10. Ctrl-C during `newsdesk build` ------------------------------------------------------------------------

@pytest.mark.slow
def test_ctrl_c_while_a_build_writes_keeps_the_previous_site(tmp_path):
    # The kill tests stop builds with SIGKILL; none pressed Ctrl-C (SIGINT), which runs the build's own clean-up.
    import signal
    import time

    from test_interrupted_writes import make, story

    from conftest import files_under

    root = make(tmp_path / "site", 600)  # (writing the new site takes about a second: time to see it and signal)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env, check=True, capture_output=True)
    before = files_under(root / "output")
    (root / "content/s0.md").write_text(story(0, title="Retitled, never published"), encoding="utf-8")
    # Ctrl-C as in a terminal: a shell starts a command run in the background (`bash .ci/run &`) with SIGINT
    # ignored, which its children inherit, and Python then never raises KeyboardInterrupt.
    running = subprocess.Popen([sys.executable, "-m", "generator", "build", "--clean", "--workers", "1"], cwd=root,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    staging = root / ".output.newsdesk-staging"
    deadline = time.monotonic() + 60
    while not staging.exists() and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    assert running.poll() is None, "the build ended before it wrote its new site"
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    assert running.returncode == 130, err
    assert err.rstrip().endswith("Stopped.")
    assert files_under(root / "output") == before
    assert not staging.exists()  # the half-written site is not left beside it


# --- 11. a site of drafts only says why it is empty ----------------------------------------------------------------

def test_a_site_whose_items_are_all_drafts_says_why_it_is_empty(tmp_path, capsys):
    # It built "from 0 items" and a front page saying to add Markdown files, which the site had.
    files = {f"content/d{n}.md": item(f"Draft {n}", published="false") for n in (1, 2)}
    site = make_site(tmp_path / "site", files)
    for command in ("build", "check"):
        assert main([command, "--config", str(site / "config.yaml")]) == 0
        err = capsys.readouterr().err
        assert ("note: the site has no items: content/d1.md is a draft (`published: false`), as is 1 more, left out "
                "(build with --drafts to see them, or remove `published: false` to publish them)") in err
    assert main(["build", "--config", str(site / "config.yaml"), "--drafts"]) == 0
    assert "note:" not in capsys.readouterr().err


# --- 12. a fetch schedule GitHub would refuse -----------------------------------------------------------------------

@pytest.mark.parametrize("schedule, said", [
    ("61 * * * *", "'61 * * * *': '61' is no minute (from 0 to 59"),
    ("0 24 * * *", "'0 24 * * *': '24' is no hour (from 0 to 23"),
    ("0 0 0 * *", "'0 0 0 * *': '0' is no day of the month (from 1 to 31"),
    ("*/0 * * * *", "'*/0 * * * *': '*/0' is no minute"),
    ("30-10 * * * *", "'30-10 * * * *': '30-10' is no minute"),
])
def test_a_fetch_schedule_out_of_range_is_refused_before_writing_the_workflow(tmp_path, capsys, schedule, said):
    # It was written into the workflow, and GitHub refuses a workflow with an invalid schedule: every run failed.
    with pytest.raises(SystemExit) as stopped:
        main(["init", str(tmp_path / "site"), "--github-actions", "--install", "git+https://github.com/o/n@v1",
              "--fetch-schedule", schedule])
    assert stopped.value.code == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_a_fetch_schedule_with_lists_ranges_and_steps_is_taken(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site"), "--github-actions", "--install", "git+https://github.com/o/n@v1",
                 "--fetch-schedule", "0,30 9-17/2 */2 1-12 1-5"]) == 0
    assert "0,30 9-17/2 */2 1-12 1-5" in (tmp_path / "site/.github/workflows/pages.yml").read_text(encoding="utf-8")


def test_an_empty_language_declares_none_in_the_feeds_as_the_pages_do(tmp_path, capsys):
    # `language: ''` made `<html lang="">` (no language declared) and no og:locale, but feeds in English.
    site = _language_site(tmp_path, "''")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0, capsys.readouterr().err
    out = site / "output"
    assert '<html lang="">' in (out / "index.html").read_text(encoding="utf-8")
    assert "<language>" not in (out / "feeds/latest.rss").read_text(encoding="utf-8")
    assert "xml:lang" not in (out / "feeds/latest.xml").read_text(encoding="utf-8")
    assert "language" not in json.loads((out / "feeds/latest.json").read_text(encoding="utf-8"))
    article = next(out.glob("news/**/index.html")).read_text(encoding="utf-8")
    assert '"@type": "NewsArticle"' in article.replace('":"', '": "') and "inLanguage" not in article


def test_deploy_no_build_refuses_an_output_holding_drafts(tmp_path, capsys):
    # `newsdesk serve --drafts` (or build --drafts) leaves drafts' pages in output/; deploy --no-build published
    # them without a word.
    from test_deploy import branch_files, git, make_repo, snapshot

    remote = tmp_path / "remote.git"
    files = {"content/news/one.md": item("One"), "content/news/secret.md": item("Secret plans", published="false")}
    site = make_repo(tmp_path / "site", remote, files=files)
    config = str(site / "config.yaml")
    assert main(["build", "--config", config, "--drafts"]) == 0
    capsys.readouterr()
    before = snapshot(site)
    assert main(["deploy", "--config", config, "--no-build"]) == 1
    assert snapshot(site) == before  # (the build cache too: deploy changes no file of the site)
    err = capsys.readouterr().err
    assert "the page of content/news/secret.md, which is left out of the site (published: false)" in err
    assert "`newsdesk deploy --no-build --drafts`" in err and "Nothing was deployed." in err
    assert git(remote, "for-each-ref") == ""
    # built without drafts: published; or the drafts on purpose
    assert main(["build", "--config", config]) == 0
    assert main(["deploy", "--config", config, "--no-build"]) == 0
    assert not [name for name in branch_files(remote) if "secret" in name]
    assert main(["build", "--config", config, "--drafts"]) == 0
    assert main(["deploy", "--config", config, "--no-build", "--drafts"]) == 0
    assert [name for name in branch_files(remote) if "secret" in name]
