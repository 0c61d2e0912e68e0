"""A new user on a fresh machine: what deploy publishes, the messages of a missing folder or date, where hints
point, and a theme of one's own."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import git, item, make_site
from generator import cli


@pytest.fixture
def site(user_site) -> Path:
    return user_site


def _branch_files(git_dir: Path, branch: str = "gh-pages") -> set[str]:
    data = subprocess.run(["git", f"--git-dir={git_dir}", "archive", "--format=tar", branch],
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name for m in tar.getmembers() if m.isfile()}


# --- 1. deploy publishes the site, not newsdesk's marker ------------------------------------------------------

@pytest.mark.parametrize("how", [[], ["--no-build"]])
def test_deploy_leaves_newsdesks_output_marker_off_the_published_branch(site, tmp_path, capsys, how):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Ed"], ["config", "user.email", "ed@example.org"],
                 ["add", "-A"], ["commit", "-q", "-m", "Site"], ["remote", "add", "origin", str(remote)]):
        git(site, *args)
    if how:
        assert cli.main(["build"]) == 0
    assert cli.main(["deploy", "--dry-run", *how]) == 0
    assert ".newsdesk-output" not in capsys.readouterr().out
    assert cli.main(["deploy", *how]) == 0
    published = _branch_files(remote)
    assert "index.html" in published and ".nojekyll" in published
    assert ".newsdesk-output" not in published
    if how:  # the output folder is still newsdesk's: the next build may replace it
        assert (site / "output/.newsdesk-output").is_file()
        assert cli.main(["build"]) == 0


# --- 2. a content folder that is not there is a setting to correct: exit 2, at what set it --------------------

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


# --- 3. a missing date is said where it is to be added --------------------------------------------------------

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


# --- 5. a misspelt theme is one of config.yaml's problems, found as config.yaml is read ------------------------

def test_a_misspelt_theme_is_reported_with_config_yamls_other_problems(site, capsys):
    from generator.config import load_config
    from generator.errors import ConfigError

    (site / "themes/default/templates").mkdir(parents=True)
    config = site / "config.yaml"
    config.write_text(config.read_text() + "items_per_page: 0\ntheme: defualt\n")
    lines = config.read_text().splitlines()
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err.splitlines()
    # one run says both, at their lines (the theme was said only once the other was fixed)
    assert err == [f"config.yaml:{lines.index('items_per_page: 0') + 1}: `items_per_page` must be at least 1, got 0 "
                   "(the default is 20)",
                   f"config.yaml:{lines.index('theme: defualt') + 1}: theme 'defualt' not found: themes/ has default "
                   "(set `theme: default`)",
                   "2 problem(s) in config.yaml; " + err[-1].split("; ", 1)[1]]
    with pytest.raises(ConfigError, match="theme 'defualt' not found"):
        load_config(config)  # what reads config.yaml says it, as of any of its keys
    assert not (site / "output").exists()


# --- 6. a theme's macro recursing through topics nested thousands deep -----------------------------------------

RECURSIVE_ENTRY = """\
{% macro tree(slug) -%}
<li>{{ topics[slug].name }}
{%- if topics[slug].children %}<ul>{% for child in topics[slug].children %}{{ tree(child) }}{% endfor %}</ul>{% endif %}</li>
{%- endmacro %}
<li class="tile"><h2>{{ topic.name }}</h2><ul>{{ tree(topic.slug) }}</ul></li>
"""


@pytest.mark.parametrize("depth, commands", [
    (600, [["build", "--workers", "1"]]),  # past Python's limit already
    pytest.param(5000, [["build", "--workers", "1"], ["build"], ["check"]], marks=pytest.mark.slow),
])
def test_a_macro_recursing_through_deep_topics_is_an_error_at_its_call_with_what_to_use(site, capsys, monkeypatch,
                                                                                        depth, commands):
    # (as in CI: no progress lines, which a build over a second prints first on a loaded machine)
    monkeypatch.setenv("CI", "1")
    assert cli.main(["build", "--workers", "1"]) == 0
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    assert before
    capsys.readouterr()
    config = site / "config.yaml"
    chain = "".join(f"  - name: T{n}\n    parent: T{n - 1}\n" for n in range(1, depth))
    config.write_text(config.read_text() + "topics:\n  - name: T0\n" + chain)
    # (the deepest topic has an item, so every topic of the chain has a page: a topic without one gets none)
    (site / "content" / "deep.md").write_text(f"---\ntitle: Deep\npublishedDateTime: 2026-11-20T10:00:00Z\n"
                                              f"topics: [T{depth - 1}]\n---\nDeep down.\n", encoding="utf-8")
    entry = site / "themes/default/templates/partials/topic_entry.html"
    entry.parent.mkdir(parents=True)
    entry.write_text(RECURSIVE_ENTRY)
    for command in commands:
        assert cli.main(command) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and "RecursionError" not in err
        first = err.splitlines()[0]
        # at the line that calls the macro again, every time (where Python's limit stops it varies)
        assert first == ("themes/default/templates/partials/topic_entry.html:3: the template recurses too deeply "
                         "while rendering topics/index.html (recursing through `children` fails on topics nested "
                         "thousands deep: loop over a flat list instead, as the default theme's "
                         "partials/topic_entry.html does over `descendants` (of topics.html), with each topic's "
                         "`depth` for its indent)"), first
    # the previous site is still there, whole
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before


# --- 4. hints point at what a copy installed with pip has: `newsdesk COMMAND --help` ---------------------------

def _help(capsys, command: str) -> str:
    with pytest.raises(SystemExit) as caught:
        cli.main([command, "--help"])
    assert caught.value.code == 0
    return capsys.readouterr().out


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


def test_a_config_error_points_at_check_help_which_lists_every_key(site, capsys):
    import dataclasses

    from generator.config import Config

    config = site / "config.yaml"
    config.write_text(config.read_text() + "items_per_pgae: 10\n")
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert "docs/" not in err
    assert err.splitlines()[-1] == "1 problem(s) in config.yaml; `newsdesk check --help` lists every key of config.yaml."
    shown = _help(capsys, "check")
    keys = [f.name for f in dataclasses.fields(Config) if not f.metadata.get("internal")]
    assert keys and all(f"\n  {key}: " in shown for key in keys)
    assert "\n    half_life_hours: " in shown and "\n    threshold: " in shown  # ranking's, stories' own keys


def test_an_empty_content_folder_points_at_check_help_which_shows_an_item(site, tmp_path, capsys):
    (site / "content/news/one.md").unlink()
    assert cli.main(["build"]) == 0
    err = capsys.readouterr().err
    assert "docs/" not in err and "(`newsdesk check --help` shows an item's format)" in err
    example = _indented_block(_help(capsys, "check"), "---")
    (site / "content/news/pasted.md").write_text(example)  # the item the help shows, pasted: an item of the site
    assert cli.main(["build"]) == 0
    assert "error" not in capsys.readouterr().err
    assert "Central bank holds rates" in (site / "output/index.html").read_text()


def test_fetch_without_sources_points_at_fetch_help_whose_example_is_valid(site, capsys):
    from generator.config import load_config

    assert cli.main(["fetch"]) == 2
    err = capsys.readouterr().err
    assert err == "config.yaml: no `sources:` to fetch (add feed URLs, one `- URL` per line: `newsdesk fetch --help` " \
                  "shows how)\n"
    example = _indented_block(_help(capsys, "fetch"), "sources:")
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


def test_inits_theme_readme_names_where_the_bundled_theme_to_copy_from_is(tmp_path, monkeypatch, capsys):
    # "copy a template from newsdesk's themes/default/templates/": a copy installed with pip has no such folder
    # of its own; the theme is inside the installed package
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "fresh"]) == 0
    readme = (tmp_path / "fresh/themes/default/README.txt").read_text()
    where = Path(readme.strip().splitlines()[-1].strip())
    assert where.is_absolute() and (where / "templates/base.html").is_file(), readme
    assert (where / "static/css/site.css").is_file()


def test_serve_with_no_content_folder_stops_at_once_as_build_does(site, capsys):
    import shutil

    shutil.rmtree(site / "content")
    assert cli.main(["serve", "--port", "0"]) == 2  # (it served an empty output with the error, on and on)
    assert capsys.readouterr().err.startswith("config.yaml: content folder content/ not found")
    assert not (site / "output").exists()


# --- found walking the docs: --config given the site's folder, or a file name off by its extension ---------------

def test_config_given_the_sites_folder_says_to_pass_its_config_file(site, monkeypatch, capsys):
    monkeypatch.chdir(site.parent)
    assert cli.main(["build", "--config", "site"]) == 2
    # (it said "cannot read the file: [Errno 21] Is a directory: 'site' (save it as UTF-8 text)")
    assert capsys.readouterr().err == "site: is a folder, not a config file (pass --config site/config.yaml)\n"
    assert cli.main(["check", "--config", "site/config.yml"]) == 2
    assert capsys.readouterr().err == ("site/config.yml: no such file (site/config.yaml is there: pass --config "
                                       "site/config.yaml)\n")
    (site.parent / "empty").mkdir()
    assert cli.main(["build", "--config", "empty"]) == 2
    assert capsys.readouterr().err == ("empty: is a folder, not a config file (it has no config.yaml: pass the site's "
                                       "config file with --config, or create a site there with `newsdesk init empty`)\n")
    assert not (site / "output").exists()


@pytest.mark.parametrize("line, name", [
    ("date: 2026-11-21", "date"),  # Hugo's, Jekyll's name
    ("pubDate: Sat, 21 Nov 2026 08:00:00 GMT", "pubDate"),
    ("published: 2026-11-21", "published"),
])
def test_a_date_under_another_name_is_said_at_its_line_with_the_name_to_use(site, capsys, line, name):
    # (it was an error that left the story out: tests/test_items23.py)
    (site / "content/news/dated.md").write_text(f"---\ntitle: Dated elsewhere\n{line}\n---\nThe body.\n")
    assert cli.main(["build"]) == 0
    assert (f"warning: content/news/dated.md:3: `{name}` is read as `publishedDateTime`, which is not given (rename "
            f"`{name}` to `publishedDateTime`)") in capsys.readouterr().err
    assert (site / "output/news/2026/11/21/dated/index.html").is_file()


def test_the_actions_workflow_publishes_the_output_without_newsdesks_marker(tmp_path, monkeypatch, capsys):
    # upload-pages-artifact v3 put every file of the output into the Pages artifact, the marker too; from v4 on
    # it leaves out dot files (deploy-pages runs no Jekyll: .nojekyll is not needed there)
    import re

    import yaml

    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "fresh", "--github-actions", "--install", "newsdesk==0.1.0"]) == 0
    steps = yaml.safe_load((tmp_path / "fresh/.github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
    (upload,) = [step["uses"] for step in steps if "upload-pages-artifact" in step.get("uses", "")]
    assert int(re.fullmatch(r"actions/upload-pages-artifact@v(\d+)", upload).group(1)) >= 4


def test_inits_next_step_can_be_pasted_for_a_folder_with_a_space(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "My News"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line == "  cd 'My News' && newsdesk build"  # (`cd My News` goes nowhere: two words)
    done = subprocess.run(["sh", "-c", line.strip().replace("newsdesk build", "pwd")], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == str((tmp_path / "My News").resolve())


def test_config_hints_quote_a_site_folder_with_a_space(tmp_path, monkeypatch, capsys):
    root = make_site(tmp_path / "My News", {"content/news/one.md": item("One")})
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--config", "My News"]) == 2
    assert capsys.readouterr().err == "My News: is a folder, not a config file (pass --config 'My News/config.yaml')\n"
    monkeypatch.chdir(root / "content")
    assert cli.main(["check"]) == 2
    assert "after `cd ..`, or pass --config ../config.yaml)" in capsys.readouterr().err
