"""A theme of one's own: a misspelt theme, templates naming or extending ones that are nowhere, a macro
recursing through deep topics, a theme renamed while serving, and where the bundled theme to copy from is."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASIC_CONFIG, ROOT, item, make_site, without_progress
from generator import cli
from generator.cli import main
from generator.config.values import bundled_theme_dir


def test_a_misspelt_theme_is_an_invalid_config_exit_2_at_its_line(site, capsys):
    (site / "themes/default/templates").mkdir(parents=True)
    config = site / "config.yaml"
    config.write_text(config.read_text() + "theme: defualt\n")
    line = config.read_text().splitlines().index("theme: defualt") + 1
    assert cli.main(["build"]) == 2  # docs/cli.md: 2 is an invalid config.yaml
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:{line}: theme 'defualt' not found: themes/ has default (set `theme: default`)")
    assert "Build failed" not in err


@pytest.mark.parametrize("line, missing, close", [
    ('{% include "partials/crad.html" %}', "partials/crad.html", "partials/card.html"),
    ('{% import "macros/missing.html" as m %}', "macros/missing.html", None),
    ('{% from "gone/nowhere.html" import card %}', "gone/nowhere.html", None),
])
def test_a_template_naming_one_that_is_nowhere_is_reported_at_its_line(site, capsys, line, missing, close):
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text('{% extends "base.html" %}\n' + line + "\n")
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    first = without_progress(err)[0]
    assert first.startswith(f"themes/default/templates/404.html:2: template not found: {missing} ("), first
    assert f"create themes/default/templates/{missing})" in first
    assert (f"perhaps to {close}" in first) if close else "perhaps" not in first


def test_an_extends_of_a_template_that_is_nowhere_is_reported_at_its_line(site, capsys):
    partials = site / "themes/default/templates/partials"
    partials.mkdir(parents=True)
    (partials.parent / "404.html").write_text('{# lost #}\n{% extends "bases.html" %}\n')
    assert cli.main(["build"]) == 1
    assert without_progress(capsys.readouterr().err)[0] == (
        "themes/default/templates/404.html:2: template not found: bases.html (its include, import or extends on "
        "this line: correct the name, perhaps to base.html, or create themes/default/templates/bases.html)")


def test_a_misspelt_theme_is_reported_with_config_yamls_other_problems(site, capsys):
    from generator.config.load import load_config
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
                   "2 problems in config.yaml; " + err[-1].split("; ", 1)[1]]
    with pytest.raises(ConfigError, match="theme 'defualt' not found"):
        load_config(config)  # what reads config.yaml says it, as of any of its keys
    assert not (site / "output").exists()


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
def test_a_macro_recursing_through_deep_topics_is_an_error_at_its_call_with_what_to_use(site, capsys, depth,
                                                                                        commands):
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
    # (a site's own index of every top-level topic on one page: the default theme's lists an index of more than a
    # few hundred topics A to Z over numbered pages, without the partial)
    (entry.parent.parent / "topics.html").write_text(
        '{% for topic in topics.values()|rejectattr("parent") %}{% include "partials/topic_entry.html" %}{% endfor %}')
    for command in commands:
        assert cli.main(command) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and "RecursionError" not in err
        first = without_progress(err)[0]
        # at the line that calls the macro again, every time (where Python's limit stops it varies)
        assert first == ("themes/default/templates/partials/topic_entry.html:3: the template recurses too deeply "
                         "while rendering topics/index.html (recursing through `children` fails on topics nested "
                         "thousands deep: loop over a flat list instead, as the default theme's "
                         "partials/topic_entry.html does over `descendants` (of topics.html), with each topic's "
                         "`depth` for its indent)"), first
    # the previous site is still there, whole
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before


def test_inits_theme_readme_names_where_the_bundled_theme_to_copy_from_is(tmp_path, monkeypatch, capsys):
    # "copy a template from newsdesk's themes/default/templates/": a copy installed with pip has no such folder
    # of its own; the theme is inside the installed package
    monkeypatch.chdir(tmp_path)
    assert cli.main(["init", "fresh"]) == 0
    readme = (tmp_path / "fresh/themes/default/README.txt").read_text()
    where = Path(readme.strip().splitlines()[-1].strip())
    assert where.is_absolute() and (where / "templates/base.html").is_file(), readme
    assert (where / "static/css/site.css").is_file()


def test_version_says_where_the_bundled_theme_to_copy_from_is(tmp_path, capsys, monkeypatch):
    from pathlib import Path

    with pytest.raises(SystemExit):
        main(["--version"])
    said = capsys.readouterr().out
    where = Path(re.search(r"bundled theme: (.+)\)$", " ".join(said.split())).group(1))
    assert (where / "templates/partials/card.html").is_file(), said
    # the README.txt that init writes points at it, for when newsdesk was installed again since
    monkeypatch.chdir(tmp_path)
    assert main(["init", "fresh"]) == 0
    readme = (tmp_path / "fresh/themes/default/README.txt").read_text(encoding="utf-8")
    assert "`newsdesk --version` says" in readme
    assert readme.strip().splitlines()[-1].strip() == str(where)


def test_version_writes_the_themes_path_whole_on_a_narrow_terminal(capsys, monkeypatch):
    """argparse wrapped --version to the terminal's width: an installed newsdesk's path broke at the hyphen of
    `site-packages` ("...site-" on one line, "packages/generator/themes/default)" on the next)."""
    from pathlib import Path

    monkeypatch.setenv("COLUMNS", "30")
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    said = capsys.readouterr().out
    assert len(said.splitlines()) == 1, said
    assert (Path(re.search(r"bundled theme: (.+)\)$", said.strip()).group(1)) / "templates/base.html").is_file()


def test_a_site_made_from_a_card_copied_from_there_builds_with_the_copy(tmp_path, capsys, monkeypatch):
    from pathlib import Path

    with pytest.raises(SystemExit):
        main(["--version"])
    where = Path(re.search(r"bundled theme: (.+)\)$", " ".join(capsys.readouterr().out.split())).group(1))
    site = make_site(tmp_path / "site", {"content/a.md": item("Cranes repainted")}, BASIC_CONFIG)
    card = (where / "templates/partials/card.html").read_text(encoding="utf-8")
    assert card.count("<article") >= 1
    override = site / "themes/default/templates/partials/card.html"
    override.parent.mkdir(parents=True)
    override.write_text(card.replace("<article", '<article data-mine="yes"', 1), encoding="utf-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    assert 'data-mine="yes"' in (site / "output/latest/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("added, message, hint", [
    ("{{ item.title|isodat }}", "template syntax error: No filter named 'isodat'.",
     "did you mean `isodate`? newsdesk's filters are in docs/themes.md (Filters)"),
    ("{{ item.titel.x }}", "an Item has no attribute 'titel'",
     "did you mean `title`? the fields of each value are in docs/themes.md (Values)"),
    ("{{ item.provider.nam.x }}", "'None' has no attribute 'nam'",  # (the test's item has no provider)
     "what comes before `.nam` is none on this page (a value an item, topic or provider may lack): test it first"),
    ("{{ picturs(item.images) }}", "'picturs' is undefined",
     "did you mean `pictures`? the globals are in docs/themes.md (Globals)"),
    ("{{ page.kind }}", "'page' is undefined",
     "`page` is the page's, and a macro imported from another template sees only its arguments and the globals"),
    ("{{ item.title }", "template syntax error: unexpected '}'",  # ("fix the template" said nothing of what)
     "close each `{{` with `}}`, and each `{%` with `%}`"),
])
def test_a_misspelt_name_in_a_template_says_the_nearest_and_where_names_are_listed(site, capsys, added, message,
                                                                                  hint):
    """A user's card with a misspelt filter, field or global (or a page's variable in an imported macro) was
    said with "(fix the template)" and, for a field, Python's name of the class."""
    bundled = Path(cli.__file__).parent.parent / "themes/default/templates/partials/card.html"
    text = bundled.read_text(encoding="utf-8")
    start = text.index("{% macro card(")
    at = text.index("\n", start) + 1
    line = text.count("\n", 0, at) + 1
    partials = site / "themes/default/templates/partials"
    partials.mkdir(parents=True)
    (partials / "card.html").write_text(text[:at] + added + "\n" + text[at:], encoding="utf-8")
    assert cli.main(["build"]) == 1
    first = without_progress(capsys.readouterr().err)[0]
    assert first.startswith(f"themes/default/templates/partials/card.html:{line}: "), first
    assert message in first and f"({hint}" in first and "generator." not in first, first


def test_a_block_left_open_in_a_template_says_which_to_close(site, capsys):
    # `{% if %}` with no `{% endif %}` was said at the line Jinja noticed it (the `{% endblock %}`), with "fix the
    # template": what is to be closed, and how, is said.
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "list.html").write_text('{% extends "base.html" %}\n{% block main %}\n{% if items %}x\n'
                                         '{% endblock %}\n')
    assert cli.main(["build"]) == 1
    first = without_progress(capsys.readouterr().err)[0]
    assert first.startswith("themes/default/templates/list.html:4: template syntax error: Encountered unknown tag "
                            "'endblock'"), first
    assert first.endswith("(close the `{% if %}` opened above this line with `{% endif %}`)"), first


def test_a_block_that_no_template_it_extends_has_is_warned_of_at_its_line(site, capsys):
    """An article.html override with `{% block content %}` (the name other generators' themes use) extending
    base.html, whose blocks are `head` and `main`: every story page came out without its story, unsaid."""
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "article.html").write_text('{% extends "base.html" %}\n{% block content %}\n<h1>{{ item.title }}</h1>\n'
                                            '{% endblock %}\n', encoding="utf-8")
    (templates / "base.html").write_text('{% extends "!theme/base.html" %}\n{% block head %}{{ super() }}'
                                         '{% block more_head %}{% endblock %}{% endblock %}\n'
                                         '{% block mian %}{% endblock %}\n', encoding="utf-8")
    (templates / "404.html").write_text('{% extends "base.html" %}\n{% block more_head %}<meta name="x" content="y">'
                                        '{% endblock %}\n{% block main %}<p>Lost</p>{% endblock %}\n', encoding="utf-8")
    assert cli.main(["build"]) == 0  # (a warning: the rest of the site is right)
    warnings = [line for line in capsys.readouterr().err.splitlines() if "block `" in line]
    assert warnings == [
        "warning: themes/default/templates/article.html:2: block `content` is in no template it extends (base.html "
        "and those it extends have `head`, `main`, `mian`, `more_head`): nothing in it is shown (rename it to one "
        "of theirs)",
        "warning: themes/default/templates/base.html:3: block `mian` is in no template it extends (!theme/base.html "
        "and those it extends have `head`, `main`): nothing in it is shown (did you mean `main`? rename it to one "
        "of theirs)"]
    assert "<p>Lost</p>" in (site / "output/404.html").read_text(encoding="utf-8")  # blocks they have are not warned of


@pytest.mark.parametrize("macro, said", [
    # newsdesk's own templates call the card with more arguments than the copy takes
    ('{% macro card(item, variant="") %}<article>{{ item.title }}</article>{% endmacro %}',
     "macro 'card' takes not more than 2 argument(s)"),
    # or import a macro the copy does not have
    ('{% macro kard(item) %}<article>{{ item.title }}</article>{% endmacro %}',
     "the template 'partials/card.html' (imported on line 2 in 'list.html') does not export the requested name 'card'"),
])
def test_a_copied_template_that_newsdesks_own_no_longer_fit_says_so(site, capsys, macro, said):
    # A template copied to override the bundled one stays as it was when newsdesk is upgraded, and the new
    # newsdesk's own templates may call its macros otherwise: the error was at a line of newsdesk's list.html,
    # shown as themes/default/templates/list.html (a file the site does not have), with "fix the template".
    partials = site / "themes/default/templates/partials"
    partials.mkdir(parents=True)
    (partials / "card.html").write_text(macro + "\n")
    assert cli.main(["build"]) == 1
    first = without_progress(capsys.readouterr().err)[0]
    assert re.fullmatch(
        rf"{re.escape(str(bundled_theme_dir('default') / 'templates/list.html'))}:\d+: error while rendering [^:]+: "
        rf"{re.escape(said)} \("
        r"newsdesk's own list\.html uses your themes/default/templates/partials/card\.html, which replaces "
        r"newsdesk's partials/card\.html and may not fit it \(a copy of an earlier newsdesk's\?\): make yours take "
        r"what newsdesk's takes, or copy newsdesk's anew \(from [^ ]+/themes/default/templates/partials/card\.html\) "
        r"and make your changes again; if yours fits, report this error to newsdesk, with the page it names\)",
        first), first


def test_an_error_in_newsdesks_own_template_names_its_file_as_installed(site, capsys):
    # An error at a line of a bundled template the site has no copy of was shown from `themes/` on, as
    # themes/default/templates/list.html: the path of a site's own copy, which the user then looked for in vain.
    partials = site / "themes/default/templates/partials"
    partials.mkdir(parents=True)
    (partials / "card.html").write_text('{% set card = "a card" %}\n')  # (newsdesk's list.html calls it)
    assert cli.main(["build"]) == 1
    first = without_progress(capsys.readouterr().err)[0]
    installed = bundled_theme_dir("default") / "templates/list.html"
    assert not installed.is_relative_to(site) and first.startswith(f"{installed}:"), first
    assert re.match(r":\d+: error while rendering [^:]+: ", first[len(str(installed)):]), first
    # (and what to do is about the site's copy, which the site can change, not "fix the template")
    assert first.endswith("(newsdesk's own list.html uses your themes/default/templates/partials/card.html, which "
                          "replaces newsdesk's partials/card.html and may not fit it (a copy of an earlier newsdesk's?): "
                          "make yours take what newsdesk's takes, or copy newsdesk's anew (from "
                          f"{bundled_theme_dir('default') / 'templates/partials/card.html'}) and make your changes "
                          "again; if yours fits, report this error to newsdesk, with the page it names)"), first


def test_newsdesks_own_template_failing_as_the_sites_template_uses_it_names_the_sites_line(site, capsys):
    # The site's own list.html calls newsdesk's card macro with a number: the error is at a line of newsdesk's
    # card.html, which the site cannot change, and the hints were a theme author's ("fix the template"). What
    # to change is the site's call, at its line.
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "list.html").write_text('{% from "partials/card.html" import card %}\n{{ card(5) }}\n')
    assert cli.main(["build"]) == 1
    first = without_progress(capsys.readouterr().err)[0]
    assert first.startswith(f"{bundled_theme_dir('default') / 'templates/partials/card.html'}:"), first
    assert first.endswith("(this is newsdesk's own partials/card.html, as your themes/default/templates/list.html:2 "
                          "uses it: check what yours passes to it (the values and their fields are in docs/themes.md); "
                          "if that is right, report this error to newsdesk, with the page it names)"), first
    assert "fix the template" not in first


def _build_with_own_list_html(tmp_path, added: str) -> tuple[subprocess.CompletedProcess, Path]:
    """A build of a one-item site by a newsdesk installed apart, whose own list.html has `added` at the start of
    its main block: what the build said, and that template's file."""
    installed = tmp_path / "site-packages"
    shutil.copytree(ROOT / "generator", installed / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "themes", installed / "generator/themes")
    template = installed / "generator/themes/default/templates/list.html"
    template.write_text(template.read_text().replace("{% block main %}", "{% block main %}" + added, 1))
    site = make_site(tmp_path / "site", {"content/news/one.md": item("One")})
    return subprocess.run([sys.executable, "-m", "generator", "build"], cwd=site, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(installed)), timeout=300), template


@pytest.mark.slow
def test_an_error_of_newsdesks_own_that_no_file_of_the_site_changes_is_to_report(tmp_path):
    # A newsdesk whose own list.html fails, with no template of the site's in play: the site can do nothing
    # to newsdesk's file (an upgrade puts it back), so the hint says to report it, and how to get by meanwhile.
    done, template = _build_with_own_list_html(tmp_path, "{{ page.no_field.x }}")
    assert done.returncode == 1
    first = [line for line in done.stderr.splitlines() if line.startswith(str(template))]
    assert len(first) == 1 and first[0].endswith(
        "(this is newsdesk's own list.html, which no file of your site changes: report this error to newsdesk, with "
        "the page it names; until newsdesk mends it, a copy of it in themes/default/templates/list.html, mended, "
        "replaces it)"), done.stderr


@pytest.mark.slow
def test_a_warning_of_newsdesks_own_that_no_file_of_the_site_changes_says_the_site_was_built(tmp_path):
    # A warning at a line of newsdesk's own template carried the error's hint: "report this error to newsdesk,
    # with the page it names; until newsdesk mends it, a copy ... replaces it", for a build that went on and a
    # warning that names no page. It says it is a warning, and that the site was built.
    done, template = _build_with_own_list_html(tmp_path, "{% if page.titel %}x{% endif %}")
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if line.startswith(f"warning: {template}:")]
    assert len(said) == 1 and said[0].endswith(
        "has no field `titel`, so this test is always false (this is newsdesk's own list.html, which no file of your "
        "site changes: the site is built all the same; report this warning to newsdesk)"), done.stderr
    assert "error" not in done.stderr, done.stderr


def test_a_folder_named_as_a_template_leaves_a_copied_templates_misfit_said(site, capsys):
    # Looking for the copy that defines the macro read every `*.html` of the site's templates: a folder named so
    # (an old template's backup, `old.html/`) stopped it, and the build said "old.html: the output could not be
    # written: Is a directory" in place of the template's line.
    partials = site / "themes/default/templates/partials"
    partials.mkdir(parents=True)
    (partials / "card.html").write_text('{% macro card(item, variant="") %}<article>{{ item.title }}</article>'
                                        '{% endmacro %}\n')
    (site / "themes/default/templates/old.html").mkdir()
    assert cli.main(["build"]) == 1
    first = without_progress(capsys.readouterr().err)[0]
    assert first.startswith(f"{bundled_theme_dir('default') / 'templates/list.html'}:"), first
    assert "macro 'card' takes not more than 2 argument(s) (newsdesk's own list.html uses your" in first, first


def test_newsdesks_own_template_testing_a_field_as_the_sites_template_uses_it_names_the_sites_line(site, capsys):
    # The warning that a template tests a field its value lacks gave the theme author's hint ("ignore this if
    # the theme tests for a field of a newer newsdesk") at a line of newsdesk's own link_preview.html, which the
    # site cannot change: here the site's list.html passes a related story (no `width`) as the card's picture.
    # The hint is the one errors there get: the site's call, at its line.
    (site / "content/news/one.md").write_text(item("One", topics="[AI]", related="[{title: Other, webUrl: "
                                                                               "'https://other.example/a'}]"))
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "list.html").write_text(
        '{% from "partials/link_preview.html" import link_preview %}\n{% for one in items %}'
        '{% for other in one.related %}\n{{ link_preview("list", "x/", "T", "D", "feeds/latest", "N", other) }}'
        '{% endfor %}{% endfor %}\n')
    assert cli.main(["build"]) == 0
    said = [line for line in without_progress(capsys.readouterr().err) if "`width`" in line]
    assert said, said
    assert all(line.startswith(f"warning: {bundled_theme_dir('default') / 'templates/partials/link_preview.html'}:")
               and line.endswith("(this is newsdesk's own partials/link_preview.html, as your "
                                 "themes/default/templates/list.html:3 uses it: check what yours passes to it (the "
                                 "values and their fields are in docs/themes.md); if that is right, report this "
                                 "warning to newsdesk)") for line in said), said
