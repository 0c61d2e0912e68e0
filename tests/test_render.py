"""Rendering: theme override order, `!theme/` inheritance, template errors that point at the line."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from conftest import item, make_site
from generator import cli
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.errors import BuildError, ConfigError
from generator.config.values import bundled_theme_dir
from generator.render.environment import make_env
from generator.render.filters import json_script

DEFAULT_THEME = bundled_theme_dir("default")


def parse(path: Path):
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def tree(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def site(tmp_path, overrides: dict[str, str], config_extra: str = "") -> Path:
    files = {"content/news/a.md": item("First story", topics="[AI]", customField='"from front matter"'),
             "content/news/b.md": item("Markets close higher", date="2026-11-19T10:00:00Z", topics="[AI]"), **overrides}
    config = "title: Test News\nbase_url: https://example.org/\nnow: \"2026-11-22T12:00:00Z\"\n" + config_extra
    return make_site(tmp_path / "site", files, config)


def run(root: Path):
    return build(load_config(root / "config.yaml"), BuildOptions(), environ={})


@pytest.fixture(scope="module")
def overridden(tmp_path_factory):
    """One site that overrides a page template, a partial, base.html (extending the bundled one) and static files."""
    root = site(tmp_path_factory.mktemp("override"), {
        "themes/default/templates/article.html": (
            '{% extends "base.html" %}{% block main %}<h1>{{ item.title }}</h1>'
            '<p id="override">site article template</p><p id="extra">{{ item.extra.customField }}</p>'
            '<p id="escaped">{{ "<b>not bold</b>" }}</p>{% endblock %}'),
        "themes/default/templates/partials/card.html": ('{% macro card(item, variant="", heading=2) %}'
                                                        '<p class="site-card">{{ item.title }}</p>{% endmacro %}\n'),
        "themes/default/templates/base.html": (
            '{% extends "!theme/base.html" %}'
            '{% block head %}<meta name="site-base" content="extends the bundled base">{{ super() }}{% endblock %}'),
        "themes/default/static/css/site.css": "/* the site's own stylesheet */\n",
        "static/img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    })
    run(root)
    return root


def test_a_site_template_wins_over_the_theme(overridden):
    page = parse(overridden / "output/news/2026/11/20/a/index.html")
    assert page.find(".//p[@id='override']").text == "site article template"
    assert page.find(".//h1").text == "First story"


def test_a_site_partial_wins_on_every_list(overridden):
    for name in ("latest/index.html", "topics/ai/index.html"):
        cards = [p.text for p in parse(overridden / "output" / name).iter("p") if p.get("class") == "site-card"]
        assert cards == ["First story", "Markets close higher"], name


def test_an_override_can_extend_the_template_it_replaces(overridden):
    for name in ("index.html", "topics/ai/index.html", "topics/index.html"):
        page = parse(overridden / "output" / name)
        assert page.find(".//meta[@name='site-base']") is not None, name
        assert page.find(".//link[@rel='stylesheet']") is not None, name  # the bundled base's head is still there
        assert page.find(".//main") is not None, name


def test_a_site_static_file_wins_and_the_other_theme_files_still_ship(overridden):
    out = overridden / "output"
    assert (out / "static/css/site.css").read_text() == "/* the site's own stylesheet */\n"
    # every theme file but the search's stemmers of other languages (an English site gets the English one)
    bundled = {p.relative_to(DEFAULT_THEME / "static").as_posix() for p in (DEFAULT_THEME / "static").rglob("*")
               if p.is_file() and not p.name.startswith(".")
               and (p.parent.name != "stemmers" or p.name in ("base.js", "english.js"))}
    assert bundled and all((out / "static" / name).is_file() for name in bundled)
    assert (out / "static/img/logo.svg").read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>"  # site static/


def test_a_copy_of_a_partial_in_the_wrong_folder_is_said_to_be_unused(tmp_path):
    # templates/card.html copied from templates/partials/: the cards were the bundled ones, with no word why
    root = site(tmp_path, {"themes/default/templates/card.html": '{% macro card(item) %}mine{% endmacro %}\n',
                           "themes/default/templates/partials/note.html": "my own partial, named by no one\n"})
    result = run(root)
    assert [str(p) for p in result.site.warnings] == [
        "themes/default/templates/card.html: not used: no template of the theme is card.html, its card.html is "
        "partials/card.html (move it to themes/default/templates/partials/card.html to replace that one)"]
    # one the site's own templates import is in use
    root = site(tmp_path / "used", {
        "themes/default/templates/card.html": '{% macro card(item) %}mine{% endmacro %}\n',
        "themes/default/templates/article.html": '{% extends "!theme/article.html" %}{% import "card.html" as c %}'})
    assert run(root).site.warnings == ()


def test_unknown_front_matter_fields_reach_templates(overridden):
    page = parse(overridden / "output/news/2026/11/20/a/index.html")
    assert page.find(".//p[@id='extra']").text == "from front matter"


def test_overrides_are_autoescaped_too(overridden):
    page = parse(overridden / "output/news/2026/11/20/a/index.html")
    escaped = page.find(".//p[@id='escaped']")
    assert escaped.text == "<b>not bold</b>" and escaped.find("b") is None


def test_a_theme_of_another_name_falls_back_to_the_bundled_default(tmp_path):
    root = site(tmp_path, {"themes/mine/templates/404.html": "<!DOCTYPE html><title>mine</title><p>Lost?</p>\n"},
                "theme: mine\n")
    run(root)
    assert (root / "output/404.html").read_text() == "<!DOCTYPE html><title>mine</title><p>Lost?</p>\n"
    assert parse(root / "output/news/2026/11/20/a/index.html").find(".//h1").text == "First story"


def test_a_theme_that_is_nowhere_is_an_error_not_the_default(tmp_path):
    """`theme: mine` without themes/mine/ (a typo, or a folder not made yet) would silently build with the
    bundled default; reading config.yaml says what is missing instead."""
    root = site(tmp_path, {"themes/my-theme/templates/404.html": "<p>Lost?</p>\n"}, "theme: mine\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root / "config.yaml")
    assert str(caught.value).splitlines()[0] == ("config.yaml:4: theme 'mine' not found: themes/ has my-theme "
                                                 "(create themes/mine/templates/ or set `theme: default`)")
    # (at its line, as config.yaml's other errors; a folder spelt in another case is named too)
    root = site(tmp_path / "case", {"themes/paper/templates/404.html": "<p>Lost?</p>\n"}, "theme: Paper\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root / "config.yaml")
    assert str(caught.value).splitlines()[0] == "config.yaml:4: theme 'Paper' not found: themes/ has paper " \
                                                "(set `theme: paper`)"
    root = site(tmp_path / "none", {}, "theme: mine\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root / "config.yaml")
    assert str(caught.value).splitlines()[0] == ("config.yaml:4: theme 'mine' not found (create themes/mine/templates/ "
                                                 "or set `theme: default`)")


# --- template errors ------------------------------------------------------------------------------------

BROKEN = {
    "syntax": ("themes/default/templates/article.html",
               '{% extends "base.html" %}\n{% block main %}\n<h1>{{ item.title }}</h1>\n{% if item.title %}\n'
               '<p>never closed</p>\n{% endblock %}\n',
               "themes/default/templates/article.html:6: template syntax error: "),
    "partial-syntax": ("themes/default/templates/partials/card.html",
                       '<article>\n{{ item.title | }}\n</article>\n',
                       "themes/default/templates/partials/card.html:2: template syntax error: "),
    "runtime": ("themes/default/templates/article.html",
                '{% extends "base.html" %}\n{% block main %}\n\n{{ item.title.no_such_method() }}\n{% endblock %}\n',
                "themes/default/templates/article.html:4: error while rendering news/2026/11/"),
    "missing-include": ("themes/default/templates/article.html",
                        '{% extends "base.html" %}{% block main %}{% include "partials/nowhere.html" %}{% endblock %}',
                        "template not found: partials/nowhere.html"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_template_error_names_the_template_and_line(tmp_path, case):
    name, text, message = BROKEN[case]
    root = site(tmp_path, {name: text})
    with pytest.raises(BuildError) as caught:
        build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    assert message in str(caught.value)
    assert not (root / "output").exists()


@pytest.mark.parametrize("case", ["syntax", "runtime"])
def test_a_template_error_exits_1_and_leaves_the_previous_output_untouched(tmp_path, monkeypatch, capsys, case):
    name, text, message = BROKEN[case]
    root = site(tmp_path, {})
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    before = tree(root / "output")
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text)
    (root / "content/news/c.md").write_text(item("A third story"))  # would have changed pages
    capsys.readouterr()
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert tree(root / "output") == before  # same bytes, same inodes, same mtimes
    assert not [p.name for p in root.parent.rglob("*staging*")]  # no half-written site left behind


def test_json_in_script_elements_cannot_close_the_element():
    text = str(json_script({"title": "</script><script>alert(1)</script>", "amp": "a & b", "line": "\u2028"}))
    assert "</script" not in text.lower() and "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text
    import json
    assert json.loads(text)["title"] == "</script><script>alert(1)</script>"


def test_adding_and_removing_an_override_between_builds_takes_effect(tmp_path, monkeypatch, capsys):
    """The build cache must not hide a theme change: an override added later wins, and a removed one is gone."""
    root = site(tmp_path, {})
    monkeypatch.chdir(root)
    assert cli.main(["build"]) == 0
    bundled_css = (root / "output/static/css/site.css").read_bytes()
    card = root / "themes/default/templates/partials/card.html"
    card.parent.mkdir(parents=True)
    card.write_text('{% macro card(item, variant="", heading=2) %}<p class="site-card">{{ item.title }}</p>{% endmacro %}\n')
    (root / "themes/default/static/css").mkdir(parents=True)
    (root / "themes/default/static/css/site.css").write_text("/* mine */\n")
    assert cli.main(["build"]) == 0
    assert 'class="site-card">First story' in (root / "output/latest/index.html").read_text()
    assert (root / "output/static/css/site.css").read_text() == "/* mine */\n"
    first = card.read_text()
    for text, shown in ((first.replace("{{ item.title }}", "{% include 'partials/mark.html' %}"), "marked"),
                        (first, 'class="site-card">First story')):  # a text parsed by an earlier build
        (card.parent / "mark.html").write_text("{{ item.title }} marked")
        card.write_text(text)
        assert cli.main(["build"]) == 0
        assert shown in (root / "output/latest/index.html").read_text()
        (card.parent / "mark.html").write_text("{{ item.title }} marked again")
        assert cli.main(["build"]) == 0  # the include changed alone: the pages that include it change
        assert ("marked again" in (root / "output/latest/index.html").read_text()) == (shown == "marked")
    card.unlink()
    (root / "themes/default/static/css/site.css").unlink()
    assert cli.main(["build"]) == 0
    assert "site-card" not in (root / "output/latest/index.html").read_text()
    assert (root / "output/static/css/site.css").read_bytes() == bundled_css


def test_a_template_s_own_globals_win_over_the_environment_s(example):
    # Globals set on the environment before a template loads reach it (make_env sets them all first), and a
    # template's own globals win over them, as in Jinja.
    config, result, _ = example
    env = make_env(config, result.site.model.site)
    env.globals.update(b=2, shared="env")
    assert env.from_string("{{ shared }} {{ b }}", globals={"shared": "mine"}).render() == "mine 2"
    assert env.from_string("{{ shared }} {{ url('x/') }}").render() == "env /newsdesk/x/"


def test_sites_built_one_after_another_in_one_process_keep_their_own_config(tmp_path):
    """Templates compiled for one site serve the next (serve, a test run): a filter of constant arguments
    (`{{ 'static/css/site.css'|url }}`) and a date must follow each site's own base_url and timezone."""
    shown = {}
    for name, base, zone in (("first", "https://example.org/one/", "UTC"), ("second", "https://example.net/two/",
                                                                           "Asia/Tokyo")):
        root = make_site(tmp_path / name, {"content/news/a.md": item("First story", date="2026-11-20T20:00:00Z")},
                         f'title: News\nbase_url: {base}\ntimezone: {zone}\nnow: "2026-11-22T12:00:00Z"\n')
        run(root)
        shown[name] = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="/one/static/css/site.css"' in shown["first"] and "/two/" not in shown["first"]
    assert 'href="/two/static/css/site.css"' in shown["second"] and "/one/" not in shown["second"]
    assert 'datetime="2026-11-20T20:00:00+00:00"' in shown["first"]
    assert 'datetime="2026-11-21T05:00:00+09:00"' in shown["second"]
