"""The `newsdesk` command: exit status, options, what the terminal shows, init, check, and the installed package."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, files_under, item, make_site, without_progress
from generator import cli
from generator.commands import arguments, terminal

SUMMARY = re.compile(r"^(\d+) pages written \((\d+) rendered, (\d+) files? changed, (\d+) removed\) "
                     r"from (\d+) items?, (\d+) errors?, (\d+) warnings?, (\d+\.\d\d) s$")
TEMPLATE_ERROR = '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n'


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    root = make_site(tmp_path / "site", {
        "content/news/one.md": item("One", topics="[AI]", provider="{name: Example, domain: example.com}"),
        "content/news/two.md": item("Two", date="2026-11-21T08:00:00Z", topics="[Science]"),
        "content/news/draft.md": item("Draft", published="false"),
    })
    monkeypatch.chdir(root)
    monkeypatch.delenv("CI", raising=False)
    return root


def summary(out: str) -> re.Match:
    last = out.strip().splitlines()[-1]
    match = SUMMARY.match(last)
    assert match, last
    return match


# --- build --------------------------------------------------------------------------------------------

def test_build_exits_0_and_ends_with_the_summary_line(site, capsys):
    assert cli.main(["build", "--report", "../report.json"]) == 0
    out = capsys.readouterr().out
    pages, rendered, changed, removed, items, errors, warnings, seconds = summary(out).groups()
    report = json.loads((site.parent / "report.json").read_text())
    assert int(pages) == len(report["pages"]) == len(list((site / "output").rglob("*.html")))
    assert int(rendered) == int(pages) and int(removed) == 0
    assert int(changed) == len(files_under(site / "output")) - 1  # all but newsdesk's marker (.newsdesk-output)
    assert (int(items), int(errors), int(warnings)) == (2, 0, 0)
    assert float(seconds) > 0


def test_the_summary_counts_errors_and_warnings_as_it_prints_them(site, capsys):
    (site / "content/news/bad.md").write_text("---\ntitle: [unclosed\n---\n")
    (site / "content/news/typo.md").write_text(item("Kept", exerpt="'Hm'", heat=-5))
    assert cli.main(["build"]) == 0
    captured = capsys.readouterr()
    assert summary(captured.out).group(6, 7) == ("1", "2")  # the file left out; the kept file's two
    assert captured.err.count("error: ") == 1 and captured.err.count("warning: ") == 2
    assert "error: content/news/bad.md:2: invalid YAML" in captured.err
    assert "warning: content/news/typo.md:4: `exerpt` is not a known field; did you mean `excerpt`?" in captured.err
    assert "warning: content/news/typo.md:5: `heat` -5 is out of range (0 to 1,000,000); 0 is used" in captured.err


def test_build_says_that_items_dated_after_the_build_time_wait(site, capsys):
    # (a time in the wrong zone, an item for later today: missing from the site, and nothing said why)
    (site / "content/news/later.md").write_text(item("Later", date="2026-11-22T18:00:00Z"))
    (site / "content/news/next.md").write_text(item("Next week", date="2026-11-29T08:00:00Z"))
    assert cli.main(["build"]) == 0
    # (a build that takes over a second, on a busy machine, also prints its progress: "rendering 37/37")
    assert without_progress(capsys.readouterr().err) == [
        "note: content/news/later.md: dated in the future (2026-11-22T18:00:00+00:00): left out until then, "
        "as is 1 more item (build with --future to show them now)"]
    assert cli.main(["build", "--future"]) == 0
    assert "note:" not in capsys.readouterr().err


def test_the_note_on_an_item_dated_after_the_build_time_gives_the_time_in_the_sites_zone(site, capsys):
    """A site in Rome whose item says `2026-11-22T18:00:00` (18:00 there) was told "dated in the future
    (2026-11-22T17:00:00+00:00)": a time its author never wrote. The note gives it as the site's zone does."""
    config = site / "config.yaml"
    config.write_text(config.read_text() + "timezone: Europe/Rome\n")
    (site / "content/news/later.md").write_text(item("Later", date="2026-11-22T18:00:00"))
    assert cli.main(["build"]) == 0
    assert without_progress(capsys.readouterr().err) == [
        "note: content/news/later.md: dated in the future (2026-11-22T18:00:00+01:00): left out until then "
        "(build with --future to show it now)"]


def test_a_second_build_changes_no_files(site, capsys):
    assert cli.main(["build"]) == 0
    capsys.readouterr()
    assert cli.main(["build"]) == 0
    match = summary(capsys.readouterr().out)
    assert (match.group(3), match.group(4)) == ("0", "0")


def test_config_option_makes_the_site_root_the_config_folder(site, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--config", "site/config.yaml"]) == 0
    assert (site / "output/index.html").is_file() and not (tmp_path / "output").exists()


def test_content_and_output_options_are_relative_to_the_working_directory(site, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other-content"
    (other / "x").mkdir(parents=True)
    (other / "x/only.md").write_text(item("Only this one"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--config", "site/config.yaml", "--content", "other-content", "--output", "public"]) == 0
    assert summary(capsys.readouterr().out).group(5) == "1"
    assert (tmp_path / "public/news/2026/11/20/only/index.html").is_file()
    assert not (site / "output").exists()


def test_base_url_option_overrides_the_config(site, capsys):
    assert cli.main(["build", "--base-url", "https://someone.github.io/news"]) == 0
    home = (site / "output/index.html").read_text()
    assert 'rel="canonical" href="https://someone.github.io/news/"' in home
    assert 'href="/news/static/css/site.css"' in home


@pytest.mark.parametrize("report", ["output/report.json", "output/../output/deep/report.json", "./output/r.json"])
def test_the_report_must_be_written_outside_the_output(site, capsys, report):
    assert cli.main(["build", "--report", report]) == 2
    assert "must be written outside the output folder" in capsys.readouterr().err
    assert not (site / "output").exists()


def test_a_template_error_exits_1_without_a_traceback(site, capsys):
    (site / "themes/default/templates").mkdir(parents=True)
    (site / "themes/default/templates/article.html").write_text(TEMPLATE_ERROR)
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert "themes/default/templates/article.html:3: template syntax error" in err
    assert "Traceback" not in err and not (site / "output").exists()


def test_strict_turns_content_errors_into_exit_1(site, capsys):
    (site / "content/news/bad.md").write_text("---\ntitle: No date\n---\n")
    assert cli.main(["build", "--strict"]) == 1
    assert "content/news/bad.md:3: missing `publishedDateTime`" in capsys.readouterr().err
    assert not (site / "output").exists()


def test_check_says_the_check_failed_not_a_build(site, capsys):
    """`check` writes nothing, so its failures do not speak of a build or of the previous output."""
    (site / "content/news/bad.md").write_text("---\ntitle: No date\n---\n")
    assert cli.main(["check", "--strict"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "Check failed (--strict): 1 content error."
    (site / "themes/default/templates").mkdir(parents=True)
    (site / "themes/default/templates/article.html").write_text(TEMPLATE_ERROR)
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err
    assert "article.html:3: template syntax error" in err and "Build failed" not in err
    assert err.splitlines()[-1] == "Check failed; nothing was written."


@pytest.mark.slow
def test_a_build_waiting_for_another_says_so_as_a_warning(site):
    """A second build of an output being written waits, and says so as newsdesk says warnings (`warning: `)."""
    import fcntl

    held = os.open(site, os.O_RDONLY)  # the lock a build holds: on the folder holding its output
    fcntl.flock(held, fcntl.LOCK_EX)
    try:
        second = subprocess.Popen([sys.executable, "-m", "generator", "build", "--workers", "1"], cwd=site,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        said = second.stderr.readline().decode()
    finally:
        os.close(held)
    assert second.wait(timeout=120) == 0
    assert said == f"warning: {site / 'output'}: waiting for another newsdesk build of this output to finish\n"


def test_missing_content_folder_exits_2(site, capsys):
    shutil.rmtree(site / "content")
    assert cli.main(["build"]) == 2  # a setting to correct, as an invalid config.yaml is
    assert "content folder content/ not found" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["build", "--no-such-option"], ["frobnicate"], ["build", "extra-argument"],
                                  ["build", "--workers", "-2"], ["build", "--workers", "many"]])
def test_bad_usage_exits_2(site, capsys, argv):
    try:
        status = cli.main(argv)
    except SystemExit as exc:  # argparse's own exit
        status = exc.code
    assert status == 2


def test_a_negative_number_of_workers_is_refused_not_taken_as_the_default(site, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["build", "--workers", "-2"])
    assert caught.value.code == 2
    assert "argument --workers: '-2' is not a number of processes (1 or more; 0: one per core)" in capsys.readouterr().err
    assert not (site / "output").exists()


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "http"])
def test_serve_refuses_a_port_out_of_range_before_building(site, capsys, port):
    # A port over 65535 reached socket.bind after the build and ended in a traceback.
    with pytest.raises(SystemExit) as caught:
        cli.main(["serve", "--port", port])
    assert caught.value.code == 2
    assert f"argument --port: '{port}' is not a port number from 0 to 65535" in capsys.readouterr().err
    assert not (site / "output").exists()


def _commands() -> list[str]:
    """The commands `newsdesk --help` lists (indented under COMMAND, each with a line of help)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        cli.main(["--help"])
    return sorted(re.findall(r"^    ([a-z]+)  +\S", out.getvalue(), re.M))


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as caught:
        cli.main([command, "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: newsdesk {command}") and len(out.splitlines()) > 3


def test_top_level_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "check", "init"):
        assert command in out
    assert {"build", "check", "init", "deploy", "serve"} <= set(_commands())  # (each one's help is tested above)


def test_version(capsys):
    from generator import __version__
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.split()[:2] == ["newsdesk", __version__]


# --- check -----------------------------------------------------------------------------------------

def test_check_reads_everything_and_writes_nothing(site, tmp_path, capsys):
    before = files_under(tmp_path)
    assert cli.main(["check"]) == 0
    assert files_under(tmp_path) == before
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("2 items OK, 0 with errors, 1 withheld")


def test_check_exits_1_on_a_broken_file_and_still_writes_nothing(site, tmp_path, capsys):
    (site / "content/news/bad.md").write_text("---\ntitle: x\npublishedDateTime: someday\n---\n")
    before = files_under(tmp_path)
    assert cli.main(["check"]) == 1
    captured = capsys.readouterr()
    assert "content/news/bad.md:3: `publishedDateTime` is not a date" in captured.err
    assert "2 items OK, 1 with errors" in captured.out
    assert files_under(tmp_path) == before


def test_check_finds_template_errors_too(site, tmp_path, capsys):
    (site / "themes/default/templates").mkdir(parents=True)
    (site / "themes/default/templates/article.html").write_text(TEMPLATE_ERROR)
    before = files_under(tmp_path)
    assert cli.main(["check"]) == 1
    assert "article.html:3: template syntax error" in capsys.readouterr().err
    assert files_under(tmp_path) == before


# --- init --------------------------------------------------------------------------------------------

def test_init_creates_a_site_that_builds_at_once(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "mysite"]) == 0
    assert "newsdesk build" in capsys.readouterr().out
    root = tmp_path / "mysite"
    assert (root / "config.yaml").is_file() and (root / "themes/default/templates").is_dir()
    assert len(list((root / "content").rglob("*.md"))) >= 2
    monkeypatch.chdir(root)
    assert cli.main(["build", "--report", "../report.json"]) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["rejected"] == [] and len([p for p in report["pages"] if "source" in p]) >= 2
    assert [w["reason"] for w in report["withheld"]] == ["published: false"]  # the example draft
    assert (root / "output/index.html").is_file() and (root / "output/static/css/site.css").is_file()
    # What builds make is not committed: after an edit (files replaced in place, through a folder beside the
    # output) and a full build over the last output (its spare folder), git sees only the site's own files.
    story = next((root / "content").rglob("*.md"))
    story.write_text(story.read_text(encoding="utf-8").replace("title:", "title: Edited", 1), encoding="utf-8")
    assert cli.main(["build"]) == 0
    assert cli.main(["build", "--clean"]) == 0
    made = {p.name for p in root.iterdir()} - {"config.yaml", "content", "themes", ".gitignore"}
    assert {"output", ".output.newsdesk-spare"} <= made
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    untracked = subprocess.run(["git", "status", "--porcelain", "--untracked-files=normal"], cwd=root, check=True,
                               capture_output=True, text=True).stdout.split()
    assert sorted(name for name in untracked if name != "??") == [".gitignore", "config.yaml", "content/", "themes/"]


def test_the_projects_own_output_is_ignored_by_git():
    done = subprocess.run(["git", "check-ignore", "-q", "output/index.html"], cwd=ROOT)
    assert done.returncode == 0


def test_init_without_a_folder_is_what_its_help_says(tmp_path, monkeypatch, capsys):
    """`init --help` promised "(default: this folder)", but `newsdesk init` alone asks for the folder: only
    --github-actions takes this folder when DIR is left out."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        cli.main(["init", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "(default: this folder)" not in shown and "`.` for this folder" in shown
    assert "with --github-actions, an existing site gets only the workflow, and DIR may be left out" in shown
    assert cli.main(["init"]) == 2 and "newsdesk init DIR" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_init_never_overwrites(tmp_path, monkeypatch, capsys):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken/notes.txt").write_text("mine")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "taken"]) == 2
    assert "folder is not empty" in capsys.readouterr().err
    assert files_under(tmp_path / "taken") == {"notes.txt": b"mine"}


def test_init_writes_into_a_fresh_clone_of_a_new_repository(tmp_path, monkeypatch, capsys):
    """`git clone` of a repository just made on GitHub (with its README and LICENSE), then `newsdesk init .`:
    the clone is not empty, but nothing in it is in the way, and none of it is touched."""
    repo = tmp_path / "my-news"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "README.md").write_text("# My news\n")
    (repo / "LICENSE").write_text("MIT\n")
    monkeypatch.chdir(repo)
    assert cli.main(["init", "."]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.splitlines()[-1] == "  newsdesk build"  # (the site is here: no `cd .` first)
    assert (repo / "README.md").read_text() == "# My news\n" and (repo / "LICENSE").read_text() == "MIT\n"
    assert cli.main(["build"]) == 0


def test_init_writes_into_a_new_repository_with_github_s_gitignore_and_adds_its_own_lines(tmp_path, monkeypatch,
                                                                                           capsys):
    """GitHub offers a .gitignore template when it makes a repository: init refused such a clone ("folder is
    not empty: it holds .gitignore"). Its lines stay, and newsdesk's are added, so that the output and the
    cache are not committed with `git add -A`."""
    repo = tmp_path / "my-news"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "README.md").write_text("# My news\n")
    (repo / ".gitignore").write_bytes(b"__pycache__/\n*.py[cod]\n/output/")  # (its last line without "\n")
    monkeypatch.chdir(repo)
    assert cli.main(["init", "."]) == 0, capsys.readouterr().err
    assert (repo / ".gitignore").read_text() == ("__pycache__/\n*.py[cod]\n/output/\n# newsdesk's builds\n"
                                                 "/.newsdesk-cache/\n/.output.newsdesk-*/\n")
    assert cli.main(["build"]) == 0
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo, check=True,
                            capture_output=True, text=True).stdout
    assert "config.yaml" in status and "output/" not in status and ".newsdesk-cache" not in status, status


def test_init_into_a_file_says_to_choose_a_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "README.md").write_text("mine")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "README.md"]) == 2
    assert capsys.readouterr().err.strip() == ("README.md: is a file, not a folder (choose a new folder for the "
                                               "site: newsdesk init DIR)")
    assert (tmp_path / "README.md").read_text() == "mine"


def test_init_names_what_is_in_the_way(tmp_path, monkeypatch, capsys):
    repo = tmp_path / "my-news"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("*.pyc\n")
    (repo / "notes.txt").write_text("mine")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "my-news"]) == 2
    assert capsys.readouterr().err.strip() == (
        "my-news: folder is not empty: it holds notes.txt (choose a new folder; newsdesk init never "
        "overwrites files, and writes into a folder only when it is empty or holds nothing but .git, README, "
        "LICENSE and .gitignore files)")
    assert (repo / ".gitignore").read_text() == "*.pyc\n" and not (repo / "config.yaml").exists()


# --- progress ----------------------------------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


def _progress(monkeypatch, stream):
    clock = Clock()
    monkeypatch.setattr(terminal.time, "monotonic", clock)
    monkeypatch.delenv("CI", raising=False)
    return terminal.Progress(stream), clock


def test_a_short_build_shows_no_progress(monkeypatch):
    stream = Terminal()
    progress, clock = _progress(monkeypatch, stream)
    clock.now += 0.5
    progress("rendering", 10, 20)
    progress.done()
    assert stream.getvalue() == ""


def test_a_long_build_shows_plain_lines_when_not_a_terminal(monkeypatch):
    stream = io.StringIO()
    progress, clock = _progress(monkeypatch, stream)
    for seconds, done in ((1.5, 250), (2.0, 500), (4.0, 750), (4.1, 1000)):
        clock.now = 100 + seconds
        progress("rendering", done, 1000)
    progress.done()
    assert stream.getvalue() == "rendering 250/1000\nrendering 750/1000\nrendering 1000/1000\n"
    assert "\r" not in stream.getvalue() and "\033" not in stream.getvalue()


def test_a_long_build_shows_a_live_line_on_a_terminal(monkeypatch):
    stream = Terminal()
    progress, clock = _progress(monkeypatch, stream)
    clock.now += 1.5
    progress("rendering", 500, 1000)
    clock.now += 0.5
    progress("writing", 0, 0)
    progress.done()
    assert stream.getvalue() == "\r\033[Krendering 500/1000\r\033[Kwriting\r\033[K"


class Gone(io.StringIO):
    """A pipe whose reader has gone (`newsdesk build 2>&1 | head -5`)."""

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.slow
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_a_command_whose_output_reader_has_gone_ends_without_a_message(site, buffered):
    # `newsdesk check | head -1`, `newsdesk deploy --dry-run | head`: the reader leaves after the lines it wanted;
    # newsdesk then said "newsdesk: Broken pipe" (or Python's "Exception ignored ... BrokenPipeError"). Buffered
    # (a shell's default: the lines go when the command ends) or not (PYTHONUNBUFFERED: as each is printed), the
    # same exit status: a pipe whose reader went early said 0 when the lines were buffered.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    env.update(PYTHONPATH=str(ROOT), **({} if buffered else {"PYTHONUNBUFFERED": "1"}))
    running = subprocess.Popen([sys.executable, "-m", "generator", "check"], cwd=site, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    running.stdout.close()  # the reader has gone before newsdesk writes its first line
    assert running.wait(timeout=120) == 1
    assert running.stderr.read() == b""


def test_a_build_whose_progress_reader_has_gone_still_builds_the_site(site, monkeypatch, capsys):
    # The first progress line to a closed pipe stopped the build: exit status 1, the site not updated.
    clock = Clock()

    def ticking():
        clock.now += 1.0  # every step of the build a second apart: each shows progress
        return clock.now

    monkeypatch.setattr(terminal.time, "monotonic", ticking)
    monkeypatch.setattr(sys, "stderr", Gone())
    assert cli.main(["build"]) == 0
    assert summary(capsys.readouterr().out)
    assert (site / "output/index.html").is_file()


# --- the installed package ----------------------------------------------------------------------------

@pytest.mark.slow
def test_a_plain_pip_install_ships_the_theme_and_the_command(tmp_path):
    """`pip install .` (not editable) into a folder of its own; then build a site from elsewhere with it."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("generator", "themes"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, project / name)
    target = tmp_path / "installed"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                           str(project)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (target / "generator/themes/default/templates/base.html").is_file()
    assert (target / "generator/themes/default/static/css/site.css").is_file()
    package = ROOT / "generator"
    missing = [p.relative_to(package).as_posix() for p in package.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and not (target / "generator" / p.relative_to(package)).is_file()]
    assert missing == []  # every file of the package ships (scripts and data the code reads at run time)
    env = dict(os.environ, PYTHONPATH=str(target))  # dependencies come from this interpreter's environment
    command = [str(target / "bin/newsdesk")]
    run = lambda *args, cwd: subprocess.run(command + list(args), cwd=cwd, env=env, capture_output=True,  # noqa: E731
                                            text=True, timeout=300)
    done = run("init", "fresh", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run("build", cwd=tmp_path / "fresh")
    assert done.returncode == 0, done.stderr
    assert SUMMARY.match(done.stdout.strip().splitlines()[-1])
    assert (tmp_path / "fresh/output/static/css/site.css").read_bytes() == \
        (ROOT / "themes/default/static/css/site.css").read_bytes()
    located = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], env=env,
                             cwd=tmp_path, capture_output=True, text=True)
    assert located.stdout.strip().startswith(str(target))  # the installed copy ran, not the checkout


def test_workers_option_builds_the_same_site(site, tmp_path):
    assert cli.main(["build", "--clean", "--workers", "1", "--output", str(tmp_path / "one")]) == 0
    assert cli.main(["build", "--clean", "--workers", "2", "--output", str(tmp_path / "two")]) == 0
    assert files_under(tmp_path / "one") == files_under(tmp_path / "two")


def test_serve_takes_its_debounce_in_milliseconds(tmp_path, monkeypatch, capsys):
    # `--debounce MS` is how long serve waits for quiet before rebuilding (ChangeQueue's `quiet`); without it the
    # server's default (watch.QUIET, 50 ms).
    import inspect

    from generator.serve import server, watch

    made = []

    class Stop(Exception):
        pass

    class Recorder:
        def __init__(self, *args, **kwargs):
            made.append(kwargs)
            raise Stop

    root = tmp_path / "site"
    assert cli.main(["init", str(root)]) == 0
    monkeypatch.chdir(root)
    real = server.DevServer
    monkeypatch.setattr(server, "DevServer", Recorder)
    for argv, quiet in ((["serve", "--debounce", "250"], 0.25), (["serve"], None)):
        with pytest.raises(Stop):
            cli.main(argv)
        assert made[-1].get("quiet") == quiet
    default = inspect.signature(real.__init__).parameters["quiet"].default
    assert default == watch.QUIET == 0.05
    with pytest.raises(SystemExit) as stopped:
        cli.main(["serve", "--debounce", "soon"])
    assert stopped.value.code == 2 and "'soon' is not a number of milliseconds" in capsys.readouterr().err


def test_ctrl_c_before_the_command_runs_stops_as_during_it(monkeypatch, capsys):
    """Ctrl-C in the first moment of `newsdesk build` (while its options were read) printed a traceback of
    argparse's or textwrap's; during the command it prints "Stopped." and exits 130."""
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(arguments, "make_parser", interrupted)
    monkeypatch.setattr(sys, "argv", ["newsdesk", "build"])
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "Stopped.\n"


def test_ctrl_c_while_the_commands_load_stops_as_during_them(monkeypatch, capsys):
    """The `newsdesk` script imports cli, and loading the commands (YAML, Jinja, ...) takes a moment: a Ctrl-C
    then printed a traceback of an import. They are loaded by run(), which says "Stopped." (exit 130)."""
    class Interrupted:  # a Ctrl-C as the commands' module is being loaded
        def find_spec(self, name, path=None, target=None):
            if name == "generator.commands.arguments":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "generator.commands.arguments")
    monkeypatch.setattr(sys, "meta_path", [Interrupted(), *sys.meta_path])
    monkeypatch.setattr(sys, "argv", ["newsdesk", "build"])
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "Stopped.\n"
