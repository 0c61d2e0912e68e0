"""What the commands say when something is off: a missing or empty content folder, a missing date, an output
folder newsdesk did not make, a command run inside the site's folders, hints that point at `--help`, init's
next steps, mistyped commands, --debug, a report that cannot be written, a failed picture."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest

from conftest import BASIC_CONFIG, ROOT, help_text, item, make_site
from feed_server import FeedServer, Route
from generator import cli
from generator.cli import main
from generator.errors import NewsdeskError


BROKEN = '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n'


@pytest.mark.parametrize("argv", [["build", "--debug"], ["--debug", "build"]])
def test_debug_shows_the_traceback_before_or_after_the_command(site, argv):
    (site / "themes/default/templates").mkdir(parents=True)
    (site / "themes/default/templates/index.html").write_text(BROKEN)
    with pytest.raises(NewsdeskError):  # --debug lets the error through, with its traceback
        cli.main(argv)
    assert cli.main(["build"]) == 1


@pytest.mark.parametrize("output", ["..", "../..", "../../.."])
def test_an_output_folder_above_the_site_is_named_as_config_yaml_gives_it(site, capsys, output):
    config = site / "config.yaml"
    config.write_text(f"output_dir: {output}\n" + config.read_text())
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:1: output folder {output} ({(site / output).resolve()}) contains the "
                          f"site's folder {site.resolve()} (give the output a folder of its own"), err


def test_an_absolute_output_option_is_named_as_given(site, capsys):
    assert cli.main(["build", "--output", str(site.parent)]) == 2
    assert capsys.readouterr().err.startswith(f"--output: output folder {site.parent} contains the site's folder")


@pytest.mark.parametrize("command", ["build", "check", "fetch"])
def test_a_command_run_in_a_folder_of_the_site_says_to_cd_to_the_site(site, monkeypatch, capsys, command):
    monkeypatch.chdir(site / "content/news")
    assert cli.main([command]) == 2
    assert capsys.readouterr().err.startswith(
        f"config.yaml: no config.yaml here ({site.resolve()}, a folder above, has one: run newsdesk in the site's "
        "folder after `cd ../..`, or pass --config ../../config.yaml)\n")
    monkeypatch.chdir(site.parent)  # the site below: which folder to go to
    assert cli.main([command]) == 2
    assert f"({site.name}/ has one: run newsdesk in the site's folder after `cd {site.name}`" in capsys.readouterr().err
    (site.parent / "elsewhere").mkdir()
    monkeypatch.chdir(site.parent / "elsewhere")  # nothing above or below: what to do in general
    assert cli.main([command]) == 2
    assert "`newsdesk init DIR`" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_empty_content_folder_gets_a_hint(site, capsys, command):
    (site / "content/news/one.md").unlink()
    assert cli.main([command]) == 0
    assert ("note: content/: the content folder has no items (files ending in .md): put them there"
            in capsys.readouterr().err)
    (site / "content/news/one.md").write_text(item("One"))
    assert cli.main([command]) == 0
    assert "note:" not in capsys.readouterr().err


def test_init_inside_another_git_repository_says_what_that_means(tmp_path, monkeypatch, capsys):
    outer = tmp_path / "project"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    monkeypatch.chdir(outer)
    assert cli.main(["init", "my-site"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"note: my-site is inside the git repository {outer.resolve()}, so the site is part of "
                          "that repository: `newsdesk deploy` would publish from it to its remote"), err
    assert cli.main(["build", "--config", "my-site/config.yaml"]) == 0  # a note, not a refusal
    # the root of a repository of its own (`git init`, a fresh clone) is what the docs recommend: no note
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "init", "-q", str(fresh)], check=True)
    monkeypatch.chdir(fresh)
    capsys.readouterr()
    assert cli.main(["init", "."]) == 0
    assert "note:" not in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_missing_content_folder_exits_2_at_the_default_it_came_from(site, capsys, command):
    import shutil

    shutil.rmtree(site / "content")
    assert cli.main([command]) == 2
    err = capsys.readouterr().err
    assert err.startswith("config.yaml: content folder content/ not found (no `content_dir` is set, so it is "
                          "content/ next to config.yaml) (create content/ and put the item files (*.md) in it, set "
                          "`content_dir:` to the folder that has them, or start from a new site with example items: "
                          "`newsdesk init DIR`)\n"), err
    assert "Build failed" not in err and not (site / "output").exists()


def test_a_missing_content_folder_is_said_at_config_yamls_content_dir_line(site, capsys):
    config = site / "config.yaml"
    config.write_text(config.read_text() + "content_dir: articles\n")
    line = len(config.read_text().splitlines())
    assert cli.main(["build"]) == 2
    assert capsys.readouterr().err.startswith(
        f"config.yaml:{line}: content folder articles/ (`content_dir`) not found (correct `content_dir` to the folder "
        "that has the item files (*.md), or create articles/ and put them in it)\n")
    assert not (site / "output").exists()


def test_a_missing_content_folder_given_with_the_option_names_the_option(site, capsys):
    assert cli.main(["build", "--content", "nowhere"]) == 2
    assert capsys.readouterr().err.startswith("--content: content folder nowhere/ not found (correct the path, or "
                                              "create the folder and put the item files (*.md) in it)\n")


@pytest.mark.parametrize("command", ["build", "check", "serve"])
@pytest.mark.parametrize("made", ["", "file"])
def test_a_data_dir_that_is_no_folder_stops_at_its_line_as_a_content_folder_does(site, capsys, command, made):
    # It printed "error: ... [left out]" and exited 0 (nothing is left out: the records were, without a word).
    config = site / "config.yaml"
    config.write_text(config.read_text() + "data_dir: records\n")
    line = len(config.read_text().splitlines())
    if made:
        (site / "records").write_text("topics: []\n")
    assert cli.main([command, "--port", "0"] if command == "serve" else [command]) == 2
    what = "is a file, not a folder" if made else "not found"
    assert capsys.readouterr().err == (
        f"config.yaml:{line}: data folder records/ (`data_dir`) {what} (correct `data_dir` to the folder that has "
        "topics/*.yaml and organizations/*.md, or remove `data_dir`)\n")
    assert not (site / "output").exists()


def test_an_organization_record_without_a_domain_says_to_add_one(site, capsys):
    # It said what was missing and not what to write.
    config = site / "config.yaml"
    config.write_text(config.read_text() + "data_dir: data\n")
    (site / "data/organizations").mkdir(parents=True)
    (site / "data/organizations/daily.md").write_text("---\nname: The Daily\n---\n")
    assert cli.main(["build"]) == 0
    assert ("error: data/organizations/daily.md:2: organization record has no `_id` or `domain` (add the "
            "organization's domain, e.g. `domain: example.com`: items name their provider by it) [left out]"
            ) in capsys.readouterr().err.splitlines()


def test_a_missing_date_is_said_at_the_front_matters_closing_line_with_an_example(site, capsys):
    (site / "content/news/undated.md").write_text("---\ntitle: No date yet\nauthor: Ed\n---\nThe body.\n")
    assert cli.main(["build"]) == 0  # the rest of the site builds
    err = capsys.readouterr().err
    assert ("error: content/news/undated.md:4: missing `publishedDateTime` (add a line above this closing `---` "
            "with when the item was published, e.g. `publishedDateTime: 2026-11-22T08:00:00Z`) [left out]") in err
    assert (site / "output/index.html").is_file()
    # what the hint says to add, added where it says, is an item of the site
    lines = (site / "content/news/undated.md").read_text().splitlines()
    lines.insert(3, "publishedDateTime: 2026-11-21T08:00:00Z")
    (site / "content/news/undated.md").write_text("\n".join(lines) + "\n")
    assert cli.main(["build"]) == 0
    assert "error:" not in capsys.readouterr().err
    assert "No date yet" in (site / "output/index.html").read_text()


def _indented_block(text: str, first: str) -> str:
    """The example in a help text that starts with the line `first` (indented), as YAML without its indent."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == first)
    block = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        block.append(line[2:])
    return "\n".join(block) + "\n"


def test_an_empty_content_folder_points_at_check_help_which_shows_an_item(site, tmp_path, capsys):
    (site / "content/news/one.md").unlink()
    assert cli.main(["build"]) == 0
    err = capsys.readouterr().err
    assert "docs/" not in err and "(`newsdesk check --help` shows an item's format)" in err
    example = _indented_block(help_text(capsys, "check"), "---")
    (site / "content/news/pasted.md").write_text(example)  # the item the help shows, pasted: an item of the site
    assert cli.main(["build"]) == 0
    assert "error" not in capsys.readouterr().err
    assert "Central bank holds rates" in (site / "output/index.html").read_text()


def test_fetch_without_sources_points_at_fetch_help_whose_example_is_valid(site, capsys):
    from generator.config.load import load_config

    assert cli.main(["fetch"]) == 2
    err = capsys.readouterr().err
    assert err == "config.yaml: no `sources:` to fetch (add feed URLs, one `- URL` per line: `newsdesk fetch --help` " \
                  "shows how)\n"
    example = _indented_block(help_text(capsys, "fetch"), "sources:")
    config = site / "config.yaml"
    config.write_text(config.read_text() + example.replace("opml: feeds.opml", "folder: feeds"))
    loaded = load_config(config)  # (not fetched: no HTTP leaves this computer in the tests)
    assert [source.url for source in loaded.sources] == ["https://provider.example/feed.xml",
                                                         "https://example.org/feed.json"]


def test_what_init_writes_points_at_help_not_at_a_docs_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "fresh", "--github-actions", "--install", "newsdesk", "--fetch-schedule", "17 * * * *"]) == 0
    said = capsys.readouterr()
    written = [p for p in (tmp_path / "fresh").rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".md")]
    assert len(written) >= 3
    for text in [said.out, said.err] + [p.read_text() for p in written]:
        assert "docs/" not in text
    assert "`newsdesk fetch --help` shows how" in said.err
    assert "`newsdesk check --help` describes every key" in (tmp_path / "fresh/config.yaml").read_text()


def test_serve_with_no_content_folder_stops_at_once_as_build_does(site, capsys):
    import shutil

    shutil.rmtree(site / "content")
    assert cli.main(["serve", "--port", "0"]) == 2  # (it served an empty output with the error, on and on)
    assert capsys.readouterr().err.startswith("config.yaml: content folder content/ not found")
    assert not (site / "output").exists()


@pytest.mark.parametrize("line, name", [
    ("date: 2026-11-21", "date"),  # Hugo's, Jekyll's name
    ("pubDate: Sat, 21 Nov 2026 08:00:00 GMT", "pubDate"),
    ("published: 2026-11-21", "published"),
])
def test_a_date_under_another_name_is_said_at_its_line_with_the_name_to_use(site, capsys, line, name):
    # (it was an error that left the story out: tests/test_items_dates.py)
    (site / "content/news/dated.md").write_text(f"---\ntitle: Dated elsewhere\n{line}\n---\nThe body.\n")
    assert cli.main(["build"]) == 0
    assert (f"warning: content/news/dated.md:3: `{name}` is read as `publishedDateTime`, which is not given (rename "
            f"`{name}` to `publishedDateTime`)") in capsys.readouterr().err
    assert (site / "output/news/2026/11/21/dated/index.html").is_file()


def test_inits_next_step_can_be_pasted_for_a_folder_with_a_space(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "My News"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line == "  cd 'My News' && newsdesk build"  # (`cd My News` goes nowhere: two words)
    done = subprocess.run(["sh", "-c", line.strip().replace("newsdesk build", "pwd")], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == str((tmp_path / "My News").resolve())


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


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_failed_picture_is_named_at_the_item_line_that_gives_it(tmp_path, capsys):
    down = f"http://127.0.0.1:{_closed_port()}"
    with FeedServer() as server:
        server.routes["/logo.png"] = Route(b"nothing here", status=404)
        site = make_site(tmp_path / "site", {
            "content/a.md": item("Cranes repainted", images=f'\n  - url: "{server.url("/missing.jpg")}"'
                                                            "\n    width: 640\n    height: 360"),
            "content/b.md": item("Harbour opens", provider=f'\n  name: Port News\n  domain: port.example'
                                                           f'\n  images:\n    - url: "{server.url("/logo.png")}"'),
            "content/c.md": item("Ferry late", image=f'"{down}/one.jpg"'),
            "content/d.md": item("Ferry early", image=f'"{down}/two.jpg"'),
        }, BASIC_CONFIG.replace("https://example.org/", "http://localhost:8000/"))  # (a public site leaves them out)
        code = main(["pictures", "--config", str(site / "config.yaml"), "--local-hosts"])
    err = capsys.readouterr().err
    assert code == 0, err
    failed = {url: where for where, url in re.findall(r"^failed: (\S+): (\S+): ", err, re.M)}
    assert failed == {
        server.url("/missing.jpg"): "content/a.md:4",  # its `images:` line
        server.url("/logo.png"): "content/b.md:7",  # the `images:` line under `provider:`
        f"{down}/one.jpg": "content/c.md:4",
        f"{down}/two.jpg": "content/d.md:4",
    }, err
    assert "no picture at this URL; open it in a browser, and fix the URL or remove the picture from the item" in err
    # A picture is not a feed, and it is asked again when `newsdesk pictures` runs again, not on a fetch
    assert "feed" not in err and "next fetch" not in err and "this fetch" not in err, err
    assert "tried again the next time newsdesk pictures runs" in err
    assert "could not be reached for another picture earlier in this run" in err


def test_an_empty_pictures_dir_is_named_at_its_line(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("Cranes repainted")}, BASIC_CONFIG + 'pictures_dir: ""\n')
    assert main(["pictures", "--config", str(site / "config.yaml")]) == 2
    said = capsys.readouterr().err
    assert said.startswith("config.yaml:4: `pictures_dir` is empty") and "(set it to a folder" in said, said
    assert main(["init", str(site), "--github-actions", "--pictures", "--install", "newsdesk==0.1.0"]) == 2
    said = capsys.readouterr().err
    assert f"{site / 'config.yaml'}:4: `pictures_dir` is empty" in said, said
