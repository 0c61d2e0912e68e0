"""A theme cloned from anywhere: its templates are the theme's layout, never a program of the computer that
builds the site, and never a way to read that computer's files (docs/dev/architecture.md, Security)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from conftest import ROOT, item, make_site
from generator.cli import main

# Each tries to reach Python through a template's values: a global function's module, a class's subclasses, a
# filter's, str.format's fields (which read attributes and keys without Jinja seeing them)
ESCAPES = [
    "{{ page_feed.__globals__['__builtins__']['__import__']('os').system('touch ' ~ marker) }}",
    "{{ url.func.__globals__['__builtins__']['__import__']('os').system('touch ' ~ marker) }}",
    "{{ cycler.__init__.__globals__.os.system('touch ' ~ marker) }}",
    "{{ (''|attr('__class__')).__mro__[1].__subclasses__() }}",
    "{{ '{0.__init__.__globals__[os].environ}'.format(cycler) }}",
    "{{ '{f.__globals__}'.format_map({'f': page_feed}) }}",
    "{{ '{f.func.__globals__}'.format_map({'f': url}) }}",
    "{{ ('{0.__init__.__globals__}'|attr('format'))(cycler) }}",  # (Jinja before 3.1.6: CVE-2025-27516)
    "{% set pwned = joiner.__init__.__globals__['os'].system('touch ' ~ marker) %}",  # (lipsum: not there)
    # (no name of Python's own: the methods of a folder's path, which read and write any file)
    "{{ config.root.joinpath(marker).write_text('ran') }}",
    "{{ (config.root|attr('parent')).joinpath('../../etc/hostname').read_text() }}",
    "{{ '{0.parent}'.format(config.root) }}",
    # (the same, by the other ways a template reads a field: a key, a filter's `attribute`, `attr`, `self`, the
    # loop's and namespace's methods, a macro's)
    "{{ page_feed['__globals__']['os'] }}",
    "{{ config.root['parent'] }}",
    "{{ [page_feed]|map(attribute='__globals__')|first }}",
    "{{ [config.root]|map(attribute='parent')|first }}",
    "{{ [cycler, cycler]|sort(attribute='__init__.__globals__')|first }}",
    "{{ page_feed|attr('__globals__') }}",
    "{{ self.__init__.__globals__ }}",
    "{% for x in [1] %}{{ loop.cycle.__self__.__class__ }}{% endfor %}",
    "{% set ns = namespace(f=page_feed) %}{{ ns.f.__globals__ }}",
    "{% macro m() %}{% endmacro %}{{ m.__init__.__globals__ }}",
    "{{ config.root.parents[0] }}",
    "{{ ''.format.__self__.__class__ }}",
]


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_theme_s_template_runs_no_python_of_the_builder_s_computer(tmp_path, capsys, escape):
    """A template read Python's internals through any value it was given (`page_feed.__globals__` is a module's, and
    its `__builtins__` open files and run commands), or a path's methods (`config.root`): a theme cloned from
    anywhere ran what it liked at `newsdesk build`. It is the build's error now, at the template's line, and
    the command never ran."""
    marker = tmp_path / "ran"
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A"),
        "config.yaml": "title: T\nbase_url: https://example.com/\ntheme: cloned\n",
        "themes/cloned/templates/404.html": "{% extends '!theme/404.html' %}\n{% block head %}{% set marker = '"
                                            + str(marker) + "' %}\n" + escape + "\n{% endblock %}\n"})
    assert main(["build", "--config", str(site / "config.yaml")]) == 1
    err = capsys.readouterr().err
    assert not marker.exists()
    assert "themes/cloned/templates/404.html:3: error while rendering 404.html: " in err, err
    assert "is unsafe" in err and "a template reads only the values docs/themes.md lists" in err, err


def test_a_theme_s_template_linked_out_of_the_site_is_not_read(tmp_path, capsys):
    """Git keeps links: a cloned theme's `partials/x.html` linked to a file of the builder's computer (a key,
    a token) was included in a page and published, as its static files no longer are. A template is read only
    from the site or the theme's own folder, as they are; out of them it is the build's error, at its name,
    and the theme's checks (its links, its words) read none of it."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-123 url('static/TOKEN-456.css') t('TOKEN-789')\n", encoding="utf-8")
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A"),
        "config.yaml": "title: T\nbase_url: https://example.com/\ntheme: cloned\n",
        "themes/cloned/templates/404.html": "{% extends '!theme/404.html' %}\n"
                                            "{% block head %}{% include 'partials/leak.html' %}{% endblock %}\n",
        "themes/cloned/templates/partials/inside.html": "inside the theme\n",
        "elsewhere/shared.html": "shared in the site\n"})
    (site / "themes/cloned/templates/partials/leak.html").symlink_to(secret)
    assert main(["build", "--config", str(site / "config.yaml")]) == 1
    err = capsys.readouterr().err
    assert "TOKEN" not in err  # (nor its words, which the theme's checks would quote)
    assert (f"themes/cloned/templates/partials/leak.html: a link to a file outside the site ({secret}): "
            "a template is read only from the site or its theme's folder (copy the file in, rather than link it)"
            ) in err, err
    assert not (site / "output").exists()
    # Links within the site or the theme are read as the file they point to
    (site / "themes/cloned/templates/partials/leak.html").unlink()
    (site / "themes/cloned/templates/partials/leak.html").symlink_to("inside.html")
    (site / "themes/cloned/templates/partials/other.html").symlink_to(site / "elsewhere/shared.html")
    (site / "themes/cloned/templates/partials/unused.html").symlink_to(secret)  # (no page uses it: no error)
    (site / "themes/cloned/templates/404.html").write_text(
        "{% extends '!theme/404.html' %}\n{% block head %}{% include 'partials/leak.html' %}"
        "{% include 'partials/other.html' %}{% endblock %}\n", encoding="utf-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    assert "TOKEN" not in capsys.readouterr().err
    page = (site / "output/404.html").read_text(encoding="utf-8")
    assert "inside the theme" in page and "shared in the site" in page


def test_a_theme_s_static_folder_linked_out_of_the_site_publishes_none_of_its_files(tmp_path, capsys):
    """A cloned theme whose `static` is a link to a folder of the builder's computer had each file there copied
    into the site: only a link that was itself a file was refused. Every file is now read where it truly is,
    and one out of the site and its theme's folder is said and left out."""
    home = tmp_path / "home"
    (home / "css").mkdir(parents=True)
    (home / "notes.txt").write_text("PRIVATE NOTES\n", encoding="utf-8")
    (home / "css/site.css").write_text("/* PRIVATE STYLE */\n", encoding="utf-8")
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A"),
        "config.yaml": "title: T\nbase_url: https://example.com/\ntheme: cloned\n",
        "themes/cloned/templates/.keep": "", "static/own.txt": "own\n"})
    (site / "themes/cloned/static").symlink_to(home, target_is_directory=True)
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    for name in ("notes.txt", "css/site.css"):
        assert (f"warning: themes/cloned/static/{name}: not copied: a link to a file outside the site ({home / name}):"
                " only the site's own files are published (copy the file in, rather than link it)") in err, err
    published = [path for path in (site / "output").rglob("*") if path.is_file()]
    assert (site / "output/static/own.txt").is_file() and (site / "output/static/css/site.css").is_file()
    assert not any("PRIVATE" in path.read_text(encoding="utf-8", errors="replace") for path in published)


def test_a_theme_s_template_or_words_linked_to_a_device_holds_no_build_up(tmp_path, capsys):
    """Git keeps links, so a cloned theme may hold `templates/x.html -> /dev/zero`: the build's checks of the
    theme's templates read it to its end, which has none (all memory, then a traceback). A template or a words
    file out of the site and its theme's folder is not read: a template no page uses costs nothing, a words
    file is said."""
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A"),
        "config.yaml": "title: T\nbase_url: https://example.com/\ntheme: cloned\n",
        "themes/cloned/templates/.keep": ""})
    (site / "themes/cloned/templates/zero.html").symlink_to("/dev/zero")
    (site / "themes/cloned/i18n").mkdir()
    (site / "themes/cloned/i18n/en.yaml").symlink_to("/dev/zero")
    (site / "themes/cloned/i18n/de.yaml").symlink_to(tmp_path / "words.yaml")
    (tmp_path / "words.yaml").write_text("latest: Secret word\n", encoding="utf-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    for name, target in (("en.yaml", "/dev/zero"), ("de.yaml", tmp_path / "words.yaml")):
        assert (f"warning: themes/cloned/i18n/{name}: not read: a link to a file outside the site ({target}): "
                "only the site's own files are read (copy the file in, rather than link it)") in err, err


def test_a_theme_s_template_makes_no_range_that_holds_the_build_up(tmp_path, capsys):
    """A loop over `range(10**12)` would run for days and a list of it fill the memory: the sandbox's ranges hold at
    most 100,000 numbers, and a bigger one is the build's error at the template's line."""
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A"),
        "config.yaml": "title: T\nbase_url: https://example.com/\ntheme: cloned\n",
        "themes/cloned/templates/404.html": "{% extends '!theme/404.html' %}\n{% block head %}\n"
                                            "{{ range(10**12)|list|length }}\n{% endblock %}\n"})
    assert main(["build", "--config", str(site / "config.yaml")]) == 1
    err = capsys.readouterr().err
    assert "themes/cloned/templates/404.html:3: error while rendering 404.html: Range too big" in err, err


# Templates that run without end as a build sees it (days, or all the memory), each with the template and line the
# build must name: loops inside loops, macros and includes calling themselves twice (recursion shallow enough for
# Python's stack, 2**40 calls), a loop whose every round makes a long range or a wide text in a filter, sequences
# and numbers made huge by an operator; a text doubled in a loop by each way a template joins texts (40 steps, and
# all the memory but for the text a page may make); and a list doubled in place, which neither bound counts, said as
# what it is when the memory runs out
RUNAWAY = {
    "loops": ("{% for a in range(100000) %}{% for b in range(100000) %}{{ b }}{% endfor %}{% endfor %}", "404.html:3",
              "steps"),
    "macro": ("{% macro m(n) %}{% if n < 40 %}{{ m(n + 1) }}{{ m(n + 1) }}{% endif %}{% endmacro %}{{ m(0) }}",
              "404.html:3", "steps"),
    "includes": ("{% set d = 0 %}{% include 'partials/twice.html' %}", "partials/twice.html:1", "steps"),
    "filters": ("{% for a in range(100000) %}{{ range(100000)|join|length }}{% endfor %}", "404.html:3", "steps"),
    "widths": ("{% for a in range(100000) %}{{ 'x'|center(10**7)|length }}{{ 'y'|indent(10**7)|length }}"
               "{% endfor %}", "404.html:3", "characters"),
    "times": ("{{ ('x' * 100000 * 100000 * 100000)|length }}", "404.html:3", "characters"),
    "doubling": ("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
                 "{{ ns.s|length }}", "404.html:3", "characters"),
    "adding": ("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"
               "{{ ns.s|length }}", "404.html:3", "characters"),
    "joining": ("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = [ns.s, ns.s]|join %}"
                "{% endfor %}{{ ns.s|length }}", "404.html:3", "characters"),
    "joining by a method": ("{% set ns = namespace(s='xx') %}{% for i in range(64) %}"
                            "{% set ns.s = ''.join([ns.s, ns.s]) %}{% endfor %}{{ ns.s|length }}", "404.html:3",
                            "characters"),
    "replacing": ("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s|replace('x', 'xx') %}"
                  "{% endfor %}{{ ns.s|length }}", "404.html:3", "characters"),
    "replacing by a method": ("{% set ns = namespace(s='xx') %}{% for i in range(64) %}"
                              "{% set ns.s = ns.s.replace('x', 'xx') %}{% endfor %}{{ ns.s|length }}", "404.html:3",
                              "characters"),
    "extending": ("{% set ns = namespace(l=[1, 2]) %}{% for i in range(64) %}{% if ns.l.extend(ns.l) %}{% endif %}"
                  "{% endfor %}{{ ns.l|length }}", "404.html:3", "out of memory"),
    "lists": ("{% set ns = namespace(l=[1, 2]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}"
              "{{ ns.l|length }}", "404.html:3", "characters"),
    "power": ("{{ (9 ** (9 ** 9)) % 7 }}", "404.html:3", "too large"),
    "squares": ("{% set ns = namespace(n=3 ** 60000) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
                "{% endfor %}{{ ns.n % 7 }}", "404.html:3", "too large"),
    "padding": ("{% for a in range(100000) %}{{ 'x'.ljust(10**7)|length }}{{ 'y'.zfill(10**7)|length }}"
                "{% endfor %}", "404.html:3", "characters"),
    "formats": ("{% for a in range(100000) %}{{ ('%10000000s' % 'x')|length }}{{ '{:>10000000}'.format(1)|length }}"
                "{% endfor %}", "404.html:3", "characters"),
    "slices": ("{% for a in range(100000) %}{{ [1]|slice(10**7)|list|length }}{% endfor %}", "404.html:3", "steps"),
}


# (two builds as processes of their own, each running up to its budget or its memory: one kind in the quick tier)
@pytest.mark.parametrize("kind", [kind if kind == "slices" else pytest.param(kind, marks=pytest.mark.slow)
                                  for kind in RUNAWAY])
def test_a_theme_s_template_that_runs_without_end_stops_the_build_at_its_line(tmp_path, kind):
    """A cloned theme's loop inside a loop, or a macro or include calling itself twice, ran for days: the sandbox
    bounds one range, not a page's steps; `*` and `**` filled the memory. A page has a budget of steps (a loop's
    round, a macro's call, an include) and a bound on what `*` and `**` make: past them the build stops, at the
    template's line with what to do, and the output of the last build is left as it was. Run as a user runs it,
    as a process of its own (its memory bounded, should the bound fail), within a generous time that proves it
    ends."""
    template, where, said = RUNAWAY[kind]
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A"),
        "config.yaml": "title: T\nbase_url: https://example.com/\ntheme: cloned\n",
        "themes/cloned/templates/partials/twice.html":
            "{% if d < 40 %}{% with d = d + 1 %}{% include 'partials/twice.html' %}"
            "{% include 'partials/twice.html' %}{% endwith %}{% endif %}\n"})
    done = _bounded_build(site)
    assert done.returncode == 0, done.stderr
    before = {path: path.read_bytes() for path in (site / "output").rglob("*") if path.is_file()}
    assert (site / "output/404.html") in before
    (site / "themes/cloned/templates/404.html").write_text(
        "{% extends '!theme/404.html' %}\n{% block head %}\n" + template + "\n{% endblock %}\n", encoding="utf-8")
    done = _bounded_build(site)
    assert done.returncode == 1, done.stderr
    assert f"themes/cloned/templates/{where}: " in done.stderr, done.stderr
    assert "while rendering 404.html" in done.stderr, done.stderr
    assert said in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert {path: path.read_bytes() for path in (site / "output").rglob("*") if path.is_file()} == before


def _bounded_build(site):
    """`newsdesk build` of `site` in a process of at most 2 GiB of address space (should a bound fail)."""
    def bounded():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    command = [sys.executable, "-m", "generator", "build", "--config", str(site / "config.yaml")]
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          preexec_fn=bounded, timeout=600)


# An item's body at the file's size limit (4 MiB: site/item_bounds.py), its text a Latin-1 one's and a wider one's
_LONG_BODY = "\n\n".join(f"Paragraph {n} of the long report, with its ẞ and its words." for n in range(60_000))


def test_a_long_body_copied_a_few_times_by_a_theme_builds_and_copied_in_a_loop_stops_at_its_line(tmp_path):
    """A page's text made by `%` cost its length in steps: a theme of one's own that formats the body, at a page of
    a body over a million characters (an item may be 4 MiB), failed the build for that item. And a text made by `~`
    or `join` cost nothing: a theme that adds the body to a text in a loop held a copy of it for each round (4 MiB
    times a million rounds). A page now makes 64 Mi characters of text at most, counted before each is made: the
    long body copied a few times by each way of joining texts is built, and copied in a loop it stops the build at
    the template's line, within the memory a build of it takes (bounded here, should the bound fail)."""
    copies = ("{% block main %}{% set body = item.body_html %}<div id=copies>{{ ('<p>%s</p>' % body)|safe }}"
              "{{ ('<p>' ~ body ~ '</p>')|safe }}{{ ['<p>', body, '</p>']|join|safe }}{{ ('<p>' + body + '</p>')|safe }}"
              "{{ '<p>{}</p>'.format(body)|safe }}{{ body|replace('report', 'account')|safe }}</div>{% endblock %}")
    site = make_site(tmp_path / "site", {
        "content/a.md": item("A", body=_LONG_BODY),
        "config.yaml": "title: T\nbase_url: https://example.com/\ntheme: own\nsearch: false\n",
        "themes/own/templates/article.html": "{% extends '!theme/article.html' %}\n" + copies + "\n"})
    done = _bounded_build(site)
    assert done.returncode == 0, done.stderr
    pages = [path for path in (site / "output/news").rglob("index.html") if "id=copies" in path.read_text("utf-8")]
    assert len(pages) == 1, pages
    page = pages[0].read_text("utf-8")
    assert page.count("Paragraph 59999 of the long report, with its ẞ and its words.") == 5, len(page)
    assert page.count("Paragraph 59999 of the long account, with its ẞ and its words.") == 1, len(page)
    before = {path: path.read_bytes() for path in (site / "output").rglob("*") if path.is_file()}
    (site / "themes/own/templates/article.html").write_text(
        "{% extends '!theme/article.html' %}\n{% block main %}{% set ns = namespace(text='') %}\n"
        "{% for round in range(1000) %}{% set ns.text = ns.text ~ item.body_html %}{% endfor %}\n"
        "{{ ns.text|length }}{% endblock %}\n", encoding="utf-8")
    done = _bounded_build(site)
    assert done.returncode == 1, done.stderr
    assert "themes/own/templates/article.html:3: the template does too much while rendering news/" in done.stderr, \
        done.stderr
    assert "characters" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert {path: path.read_bytes() for path in (site / "output").rglob("*") if path.is_file()} == before
