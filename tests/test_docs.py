"""The documentation: the README's quick start names only what exists, and the user guide in docs/ builds
with MkDocs in strict mode (every page in the navigation, every internal link and anchor resolving) and
stays true to the command line and to generator/config/values.py."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
import yaml

from conftest import ROOT, item, make_site
from generator.cli import main as cli_main
from generator.config.load import load_config
from generator.config.values import (Config, FetchConfig, ProviderConfig, RankingConfig, SourceConfig, StoriesConfig,
                                     TopicConfig)
from generator.render.environment import make_env
from generator.site.model import Item, Provider, Topic

README = ROOT / "README.md"
DOCS = ROOT / "docs"
# The pages issue 16 asks for; each must be built.
REQUIRED_PAGES = ("index.md", "getting-started.md", "content.md", "configuration.md", "themes.md", "serve.md",
                  "deploy.md", "feeds-and-api.md", "search.md", "cli.md", "dev/architecture.md",
                  "dev/incremental.md", "dev/performance.md", "dev/dependencies.md")


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                           "--site-dir", str(site)], capture_output=True, text=True, timeout=300)


def built_page(site: Path, page: str) -> Path:
    """Where MkDocs writes a page (directory URLs: dev/architecture.md -> dev/architecture/index.html)."""
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem}/index.html")


# --- the user guide -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_user_guide_builds_strictly_with_every_page(tmp_path):
    site = tmp_path / "site"
    done = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert done.returncode == 0, done.stdout + done.stderr  # (no mkdocs? pip install -e '.[test]')
    pages = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
    assert set(REQUIRED_PAGES) <= set(pages)
    for page in pages:
        assert built_page(site, page).is_file(), f"docs/{page} was not built"
    assert "WARNING" not in done.stderr


@pytest.mark.slow
def test_a_broken_link_or_anchor_fails_the_docs_build(tmp_path):
    """What makes strict mode check links: mkdocs.yml's validation settings. A copy of the docs with one
    broken link, then with one broken anchor, must not build."""
    for broken in ("[gone](no-such-page.md)", "[gone](configuration.md#no-such-heading)"):
        copy = tmp_path / broken.split("(")[1].split(".")[0]
        shutil.copytree(DOCS, copy / "docs")
        shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
        with open(copy / "docs" / "cli.md", "a", encoding="utf-8") as page:
            page.write(f"\n{broken}\n")
        done = mkdocs_build(copy / "mkdocs.yml", copy / "site")
        assert done.returncode != 0, f"{broken} built without complaint"
        assert "no-such" in done.stdout + done.stderr


def test_every_page_of_the_user_guide_is_listed_in_the_readme_and_on_the_home_page():
    """A user finds the guide's pages from README.md and docs/index.md; mkdocs.yml's navigation is the list."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    [guide] = [entry["User guide"] for entry in nav if "User guide" in entry]
    pages = [page for entry in guide for page in entry.values()]
    assert len(pages) >= 10
    readme = README.read_text(encoding="utf-8")
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in pages:
        assert f"](docs/{page})" in readme, f"README.md does not link docs/{page}"
        assert f"]({page})" in home, f"docs/index.md does not link {page}"


def test_the_changelog_is_in_the_guide_and_the_upgrade_steps_point_to_it():
    """An upgrading user had no list of the changes a site owner must act on (users44): the changelog is a page
    of the guide's navigation (so README.md and docs/index.md link it, above), and the upgrade steps name it."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    [guide] = [entry["User guide"] for entry in nav if "User guide" in entry]
    assert "changelog.md" in [page for entry in guide for page in entry.values()]
    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    upgrade = text[text.index("## Upgrade newsdesk"):text.index("## A site of your own")]
    assert "](changelog.md)" in upgrade
    changelog = (DOCS / "changelog.md").read_text(encoding="utf-8")
    sessions = [int(number) for number in re.findall(r"^## Session (\d+)", changelog, re.M)]
    assert sessions and sessions == sorted(sessions, reverse=True), sessions  # (newest first)


def _default_cell(f: dataclasses.Field) -> str:
    """A key's default as config.yaml would write it, as the reference's table shows it."""
    value = f.default if f.default is not dataclasses.MISSING else f.default_factory()
    if f.metadata.get("mapping"):  # (a mapping in config.yaml, of pairs in the Config)
        value = dict(value)
    if dataclasses.is_dataclass(value):
        return "see below"
    if value == "":
        return '`""`'
    value = list(value) if isinstance(value, tuple) else value
    return "`" + yaml.safe_dump(value, default_flow_style=True, width=1000).removesuffix("...\n").strip() + "`"


def test_the_configuration_reference_gives_every_key_its_default_and_meaning():
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 3:
            rows[cells[0]] = cells[1:]
    checked = 0
    for cls, prefix in ((Config, ""), (RankingConfig, "ranking."), (StoriesConfig, "stories."), (TopicConfig, "topics[]."),
                        (ProviderConfig, "providers[]."), (SourceConfig, "sources[]."), (FetchConfig, "fetch.")):
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            key = f"`{prefix}{f.name}`"
            assert key in rows, f"docs/configuration.md has no row for {key}"
            assert rows[key] == [_default_cell(f), f.metadata["doc"]], \
                f"{key}: the row differs from generator/config/values.py"
            checked += 1
    assert checked == len(rows) > 20, "a row for a key that generator/config/values.py does not have"


def _help(*command: str) -> str:
    """What `newsdesk COMMAND --help` prints (run in this process: the same parser, without a Python start-up)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), pytest.raises(SystemExit) as caught:
        cli_main([*command, "--help"])
    assert caught.value.code == 0
    return printed.getvalue()


def _commands() -> list[str]:
    text = _help()
    listed = text.split("COMMAND\n", 2)[-1]
    return re.findall(r"^    ([a-z]+)\s", listed, re.M)


def test_the_command_line_page_names_every_command_and_option():
    """Each command's options are in docs/cli.md, or on the page the command has (serve, deploy)."""
    commands = _commands()
    assert {"build", "check", "serve", "deploy", "init"} <= set(commands)
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    for command in commands:
        assert f"`newsdesk {command}" in cli, f"docs/cli.md does not list `newsdesk {command}`"
        own = DOCS / f"{command}.md"
        text = cli + (own.read_text(encoding="utf-8") if own.is_file() else "")
        options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", _help(command))) - {"--help"}
        assert options, command
        for option in sorted(options):
            assert f"`{option}" in text, f"`newsdesk {command} {option}` is not documented"


def test_every_option_a_written_command_gives_is_one_the_command_has():
    """The reverse of the test above: a `newsdesk COMMAND ... --option` written in the README or the guide (in
    running text or a code block) gives only options that command has, so a reader's paste is not refused."""
    commands = set(_commands())
    options = {command: set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", _help(command))) for command in commands}
    top = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", _help()))
    written = []
    for page in [README, *sorted(DOCS.glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for line in re.findall(r"`([^`\n]+)`", text) + re.findall(r"(?m)^\s*([^`\n]*newsdesk [^`\n]*)$", text):
            for call in re.findall(r"(?:^|[\s/&;(])newsdesk((?: +[^\s&;|#)]+)*)", line):
                words = call.split()
                command = next((word for word in words if not word.startswith("-")), "")
                if command in commands:
                    written.extend((page.name, command, word.split("=")[0]) for word in words if word.startswith("--"))
    assert len(written) > 15
    wrong = [(page, command, option) for page, command, option in written
             if option not in options[command] | top]
    assert not wrong, wrong


@pytest.mark.slow
def test_the_first_deploy_commands_of_the_publish_page_work_as_written(tmp_path):
    """docs/deploy.md's steps from a new site to its first deploy, run as written on a machine whose git
    has no settings (so its first branch is not necessarily `main`), with a bare repository on disk for
    GitHub's."""
    text = (DOCS / "deploy.md").read_text(encoding="utf-8")
    [block] = [b for b in re.findall(r"```sh\n(.*?)```", text, re.S) if "git init" in b]
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Site Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Site Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    site = tmp_path / "my-site"
    subprocess.run([sys.executable, "-m", "generator", "init", str(site)], check=True, capture_output=True, env=env)
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) >= 3 and lines[-1].startswith("newsdesk deploy")
    for line in lines:
        command = line.replace("https://github.com/USER/REPO.git", str(remote))
        done = subprocess.run(["bash", "-c", command], cwd=site, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{line}: {done.stdout}{done.stderr}"
    pushed = subprocess.run(["git", f"--git-dir={remote}", "ls-tree", "--name-only", "gh-pages"],
                            capture_output=True, text=True, env=env, check=True).stdout.split()
    assert "index.html" in pushed and ".nojekyll" in pushed


def _shape(line: str) -> str:
    """The line with its numbers left out: "N pages written (N rendered, ...) ..., N error, N warning, N s"."""
    return re.sub(r"\b(error|warning)s\b", r"\1", re.sub(r"\d+(\.\d+)?", "N", line.strip()))


def test_the_build_summary_on_the_command_line_page_is_what_a_build_prints(tmp_path, monkeypatch, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("A story"), "content/c.md": item("C story"),
                                          "content/b.md": "no front matter\n"})
    monkeypatch.chdir(site)  # (`newsdesk build` in the site's folder, as the page shows it)
    code = cli_main(["build", "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 0, err
    [printed] = out.splitlines()
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    [documented] = [line for line in cli.splitlines() if " pages written (" in line]
    assert _shape(documented) == _shape(printed)


@pytest.mark.slow
def test_the_guides_example_item_and_sources_are_accepted_as_written(tmp_path):
    """docs/content.md's example item and each of docs/fetch.md's `config.yaml` examples, pasted into a new
    site: `newsdesk check` finds nothing to report."""
    [example] = re.findall(r"```markdown\n(.*?)```", (DOCS / "content.md").read_text(encoding="utf-8"), re.S)
    settings = re.findall(r"```yaml\n(.*?)```", (DOCS / "fetch.md").read_text(encoding="utf-8"), re.S)
    assert len(settings) == 3  # the sources, feeds in other languages, and topics by keywords
    for number, block in enumerate(settings):
        # (a block that declares its own topics gets an item of no topic: the example's are AI and Science)
        own = "\ntopics:" in "\n" + block
        site = make_site(tmp_path / f"site{number}",
                         {"content/news/2026-11-20-example.md": item() if own else example},
                         'title: x\nnow: "2026-11-22T12:00:00Z"\n' + ("" if own else "topics: [AI, Science]\n") + block)
        done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=site, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0 and done.stderr == "", (block, done.stderr)
        assert done.stdout.startswith("1 item OK, 0 with errors") and done.stdout.strip().endswith(
            "0 errors, 0 warnings"), (block, done.stdout)



@pytest.mark.slow  # a build as a process of its own
def test_the_migrating_page_s_hugo_post_builds_as_the_page_says(tmp_path):
    """docs/migrating.md's Hugo post, copied in as the page says: its video is the player, its figure a picture,
    and the warning the page shows is the one the build gives."""
    page = (DOCS / "migrating.md").read_text(encoding="utf-8")
    [post] = re.findall(r"```text\n(.*?)```", page, re.S)
    [said] = [line for line in re.findall(r"```\n(warning: .*?)\n```", page, re.S) if "tweet" in line]
    site = make_site(tmp_path / "site", {"content/posts/cranes.md": post},
                     'title: x\nnow: "2026-11-22T12:00:00Z"\ntopics: [port]\n')
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=site, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and said in done.stderr.splitlines(), done.stderr
    built = (site / "output/news/2026/11/20/cranes/index.html").read_text(encoding="utf-8")
    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in built and "<figcaption>A crane at dawn" in built

def _site_under_a_path(tmp_path: Path) -> tuple[Path, Path]:
    """A site that `newsdesk init` made, its base_url set to a project site's (under `/news/`), and its config."""
    site = tmp_path / "my-site"
    assert cli_main(["init", str(site)]) == 0
    config = site / "config.yaml"
    config.write_text(re.sub(r"(?m)^base_url: .*$", "base_url: https://user.github.io/news/",
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    return site, config


def test_the_themes_own_stylesheet_example_is_linked_on_every_page_under_a_sub_path(tmp_path, capsys):
    """docs/themes.md's stylesheet of your own, its files written as the page lists them into a site that
    `newsdesk init` made, published under a path: every page links the file, at an address the build wrote."""
    text = (DOCS / "themes.md").read_text(encoding="utf-8")
    section = text[text.index("**A stylesheet or script of your own**"):]
    files, template = re.search(r"```\n(.*?)```\s*```jinja\n(.*?)```", section, re.S).groups()
    stylesheet, base = files.split()
    site, config = _site_under_a_path(tmp_path)
    for path, content in ((stylesheet, ".card-title { color: rebeccapurple; }\n"), (base, template)):
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["build", "--config", str(config)]) == 0
    assert "warning" not in capsys.readouterr().err
    name = stylesheet.split("/static/", 1)[1]
    assert (site / "output/static" / name).read_text(encoding="utf-8").startswith(".card-title")
    pages = sorted((site / "output").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert links[-1] == f"/news/static/{name}" and len(links) >= 2, (page, links)  # after the theme's


def test_the_themes_own_page_example_is_in_the_header_of_every_page_under_a_sub_path(tmp_path, capsys):
    """docs/themes.md's page of your own: its HTML file and its line in a copy of the bundled site_nav.html, in a
    site that `newsdesk init` made, published under a path: every page's header links the page, which is
    written, and its stylesheet's relative address is the theme's stylesheet."""
    text = (DOCS / "themes.md").read_text(encoding="utf-8")
    section = text[text.index("**A page of your own, linked from the header**"):]
    files, page, line = re.search(r"```\n(.*?)```\s*```html\n(.*?)```\s*```jinja\n(.*?)```", section, re.S).groups()
    own, nav = files.split()
    site, config = _site_under_a_path(tmp_path)
    bundled = (ROOT / "themes/default/templates/partials/site_nav.html").read_text(encoding="utf-8")
    assert bundled.count("</ul>") == 1
    for path, content in ((own, page), (nav, bundled.replace("</ul>", line + "</ul>"))):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["build", "--config", str(config)]) == 0
    assert "warning" not in capsys.readouterr().err
    name = own.split("/static/", 1)[1]
    written = site / "output/static" / name
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', written.read_text(encoding="utf-8"))[1]
    assert (written.parent / stylesheet).resolve() == (site / "output/static/css/site.css").resolve()
    assert (site / "output/static/css/site.css").is_file()
    pages = sorted(path for path in (site / "output").rglob("*.html") if path != written)
    assert len(pages) > 5
    for path in pages:
        assert f'<a href="/news/static/{name}">' in path.read_text(encoding="utf-8"), path


@pytest.mark.slow
def test_the_api_example_is_what_the_example_site_writes(example):
    """docs/feeds-and-api.md's `api/news/index.json` example, "shortened" to its first story, and its
    `api/topics/index.json` example, shortened to one topic, hold the values the example site's build writes
    (a reader compares them with the files)."""
    news, topics = map(json.loads, re.findall(r"```json\n(.*?)```",
                                              (DOCS / "feeds-and-api.md").read_text(encoding="utf-8"), re.S))
    written = json.loads((example[2] / "api/news/index.json").read_text(encoding="utf-8"))
    assert len(news["news"]) == 1 and written["news"]
    assert news == {**written, "news": written["news"][:1]}
    written = json.loads((example[2] / "api/topics/index.json").read_text(encoding="utf-8"))
    [topic] = topics["topics"]
    assert topic in written["topics"]



def top_level_parts(text: str) -> list[str]:
    """`a, [b, c], d (e, f)` -> its parts separated by commas outside brackets."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:at].strip())
            start = at + 1
    return parts + [text[start:].strip()]


@pytest.mark.slow
def test_the_search_docs_record_names_every_field_a_built_index_holds(example):
    """docs/search.md's `docs/N.json` record lists as many fields as the example site's index writes, and
    meta.json's `fields` names (a reader of the files counts on the order)."""
    row = next(line for line in (DOCS / "search.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| `search/index/docs/N.json`"))
    record = re.search(r"`\[(.*)\]`", row).group(1)
    meta = json.loads((example[2] / "search/index/meta.json").read_text(encoding="utf-8"))
    stories = json.loads((example[2] / "search/index/docs/0.json").read_text(encoding="utf-8"))
    assert stories
    assert len(top_level_parts(record)) == len(meta["fields"]) == len(stories[0]), (record, meta["fields"])


def documented_names(heading: str) -> set[str]:
    """The names in the first column of docs/themes.md's table under `### heading` (`url(path)` is `url`)."""
    text = (DOCS / "themes.md").read_text(encoding="utf-8")
    table = text.split(f"### {heading}\n", 1)[1].split("\n#", 1)[0]
    return {name for cell in re.findall(r"^\| (.+?) \|", table, re.M)
            for name in re.findall(r"`(\w+)", cell)}


@pytest.mark.slow
def test_the_themes_page_lists_every_global_and_filter_a_template_has(example):
    """A theme's author reads docs/themes.md's Globals and Filters for what a template can use: each is
    there, and each named there is one (Jinja's own, `range`, `default` ..., are in Jinja's documentation)."""
    config, result, _ = example
    env = make_env(config, result.site.model.site)
    jinja = jinja2.Environment()
    assert documented_names("Globals") == set(env.globals) - set(jinja.globals)

    def jinjas(name: str, function) -> bool:  # (`center` and `indent` at the cost of their width are Jinja's)
        own = jinja.filters.get(name)
        return own is not None and own in (function, getattr(function, "__wrapped__", None))

    assert documented_names("Filters") == {name for name, function in env.filters.items() if not jinjas(name, function)}


# What an item holds for the build, not for templates: its compressed body (`body_html` is the body), its file,
# digest, stories' keys, an opaque field kept for the user, its warnings and the key its slug is made of (where one
# about its page is said), and whether it is published.
ITEM_INTERNALS = {"body", "source", "digest", "article_keys", "warnings", "slug_key", "is_published"}


def test_the_themes_page_lists_every_field_of_an_item_a_topic_and_a_provider():
    """docs/themes.md's Values, which a template error points at ("the fields of each value are in
    docs/themes.md (Values)"), name every field a template can read of the values it is given."""
    values = (DOCS / "themes.md").read_text(encoding="utf-8").split("### Values\n", 1)[1].split("\n#", 1)[0]

    def named(label: str) -> set[str]:
        return set(re.findall(r"`(\w+)`", re.search(rf"^- An? \*\*{label}\*\*(.*?)(?=^- |\Z)", values,
                                                      re.S | re.M)[1]))

    def readable(kind: type) -> set[str]:
        return {field.name for field in dataclasses.fields(kind)} | {
            name for name in dir(kind) if isinstance(getattr(kind, name), property)}

    assert readable(Item) - ITEM_INTERNALS <= named("item")
    assert readable(Topic) <= named("topic")
    assert readable(Provider) - {"badge"} <= named("provider")

# --- the README -----------------------------------------------------------------------------------------

def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) <= 150, f"README.md has {len(lines)} lines; the user guide belongs in docs/"


def _quick_start() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Quick start")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def _command_lines(section: str) -> list[str]:
    """Shell commands of the section: its ```sh blocks, and inline code that runs something local."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        lines += [line.split(" # ")[0].strip() for line in block.splitlines()]
    lines += [code for code in re.findall(r"`([^`\n]+)`", section) if code.startswith(("bash ", ".venv/bin/"))]
    return [line for line in lines if line and not line.startswith("#")]


def test_the_readme_quick_start_names_only_what_exists():
    """The quick start is run as written on a fresh machine: every script, file, command, subcommand and
    option it names must exist, and what it says to open must be where command 1 serves the example site."""
    section = _quick_start()
    commands = _commands()
    assert "python3-venv" in section, "name what must be there first (python3-venv on Debian and Ubuntu)"
    checked = []
    made_venv = False
    for line in _command_lines(section):
        for step in line.split("&&"):
            words = shlex.split(step)
            if words[:3] == ["python3", "-m", "venv"]:
                made_venv = words[3] == ".venv"
            elif words[0] in (".", "source") or words[0].startswith(".venv/"):
                assert made_venv, f"{step.strip()}: .venv is used before the quick start makes it"
            if words[0] == "bash":
                assert (ROOT / words[1]).is_file(), f"{step.strip()}: no {words[1]} in the repository"
                for argument in words[2:]:
                    assert (ROOT / argument).exists(), f"{step.strip()}: no {argument} in the repository"
            name = words[0].rsplit("/", 1)[-1]
            if name == "newsdesk" and len(words) > 1:
                assert words[1] in commands, f"{step.strip()}: newsdesk has no command {words[1]!r}"
                for option in [w.split("=")[0] for w in words[2:] if w.startswith("--")]:
                    assert option in _help(words[1]), f"{step.strip()}: newsdesk {words[1]} has no {option}"
            if name == "pip" and words[1] == "install":
                for target in words[2:]:
                    if target.startswith("."):
                        extras = re.findall(r"\[(.*)\]", target)
                        declared = re.search(r"(?ms)^\[project\.optional-dependencies\]\n(.*?)^\[",
                                             (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
                        for extra in extras:
                            assert re.search(rf"(?m)^{extra} = ", declared), f"{step.strip()}: no extra [{extra}]"
            checked.append(step.strip())
    assert "bash .ci/run" in checked and any(step.endswith("newsdesk serve") for step in checked)
    assert any(step.startswith("newsdesk init") for step in checked), "say how to start a site of your own"
    served = load_config(ROOT / "config.yaml").base_path
    assert f"http://127.0.0.1:8000{served}" in section


@pytest.mark.slow
@pytest.mark.parametrize("page", [README, DOCS / "getting-started.md"])
def test_a_site_of_your_own_is_made_outside_the_newsdesk_clone(tmp_path, page):
    """Run as written from a clone, the "site of your own" commands make a site that is not part of the
    clone's git repository: inside it, `newsdesk deploy` would publish to newsdesk's remote, and
    `init --github-actions` would write into newsdesk's .github/."""
    text = page.read_text(encoding="utf-8")
    [line] = [line for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines()
              if "newsdesk init my-site" in line]
    clone = tmp_path / "newsdesk"
    clone.mkdir()
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", line.split(" # ")[0]], cwd=clone, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    made = [path.parent for path in tmp_path.rglob("my-site/config.yaml")]
    assert made and all(clone not in path.parents for path in made), f"{page.name}: the site is inside the clone"


@pytest.mark.slow
def test_the_upgrade_command_leaves_out_what_the_update_removed(tmp_path):
    """docs/getting-started.md's upgrade, run as written in a clone that the quick start installed from, after
    the clone's origin removed a template: setuptools builds in the clone's build/ and put whatever an earlier
    install left there into the new copy (pypa/setuptools#1871), so `git pull && pip install .` kept it."""
    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    [install] = [line for block in blocks for line in block.splitlines() if line.startswith("python3 -m venv .venv")]
    [upgrade] = [line for block in blocks for line in block.splitlines() if line.startswith("git pull")]
    env = {**{k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")},
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}

    def run(command: str, cwd: Path) -> None:
        done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"

    origin, clone = tmp_path / "origin", tmp_path / "clone"
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, names.split("\0")):
        if (ROOT / name).is_file():
            (origin / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, origin / name)
    run("git init -q -b main && git add -A && git commit -q -m newsdesk", origin)
    run(f"git clone -q {origin} {clone}", tmp_path)
    # (the quick start's install alone: its build and serve are not what is checked here)
    run(install.split(" && .venv/bin/newsdesk")[0], clone)
    [installed] = (clone / ".venv").glob("lib/python*/site-packages/generator/themes/default/templates")
    removed = "partials/pagination.html"
    assert (installed / removed).is_file()
    run(f"git rm -q themes/default/templates/{removed} && git commit -q -m 'Remove a template'", origin)
    run(upgrade.split(" # ")[0], clone)
    assert (installed / "base.html").is_file()  # (the new copy is installed where the old one was)
    assert not (installed / removed).exists(), "the upgrade kept a template the update removed"


def test_the_readme_links_point_at_files_that_exist():
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert len(local) >= 10
    for link in local:
        assert (ROOT / link).exists(), f"README.md links to {link}, which is not in the repository"


def test_the_architecture_page_lists_every_module_once_in_its_folder_s_table():
    # A newcomer finds a module's job there (issue 16): one that is missing, or listed under another folder,
    # is a module nobody is told about.
    page = (DOCS / "dev" / "architecture.md").read_text(encoding="utf-8")
    listed, folder = [], None
    for line in page.splitlines():
        if heading := re.match(r"\*\*`(\w+)/`", line):
            folder = "" if heading[1] == "generator" else heading[1] + "/"
        elif line.startswith("## Tests"):
            folder = None
        elif folder is not None and line.startswith("| `"):
            listed += [folder + name for name in re.findall(r"`([\w/]+\.(?:py|js))`", line.split(" | ")[0])]
    package = ROOT / "generator"
    modules = sorted(path.relative_to(package).as_posix() for path in package.rglob("*")
                     if path.suffix in (".py", ".js") and path.name != "__init__.py" and "__pycache__" not in path.parts)
    assert len(modules) > 80
    assert [module for module in modules if module not in listed] == []  # not listed, or in another table
    assert [name for name in listed if name not in modules] == []  # no such module (moved, renamed)
    assert len(listed) == len(set(listed))
