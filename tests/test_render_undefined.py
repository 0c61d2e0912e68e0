"""A name or field a template uses that is not there: shown, looped over or counted, it stops the build at
its template's line with the nearest name (a misspelt `item.titel` blanked part of every page, unsaid);
tested (`if`, `or`, `is defined`, `default`), and an optional value's absent field or key, it stays quiet,
but for a test (`if`, `or`, `not`) of a field a value of newsdesk's lacks, which the build warns of once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import item, make_site, without_progress
from generator import cli
from generator.build import pipeline
from generator.config.load import load_config
from generator.serve.rebuild import Session, rebuild

ARTICLE = "themes/default/templates/article.html"


def site_with_article(tmp_path: Path, main: str) -> Path:
    """A site of two items (one without a provider) whose article.html's main block is `main` from line 3."""
    return make_site(tmp_path / "site", {
        "content/news/a.md": item("First story", topics="[AI]", rating="4", provider="{name: Wire, domain: wire.example}"),
        "content/news/b.md": item("Second story", date="2026-11-19T10:00:00Z"),
        ARTICLE: '{% extends "base.html" %}\n{% block main %}\n' + main + "\n{% endblock %}\n",
    }, 'title: Test News\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')


def build(root: Path, monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.chdir(root)
    code = cli.main(["build"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("line, said, hint", [
    ("<h1>{{ item.titel }}</h1>", "an Item has no attribute 'titel'", "did you mean `title`?"),
    ("<h1>{{ item.title }} {{ page.titel }}</h1>", "a Page has no attribute 'titel'", "did you mean `title`?"),
    ("<p>{{ config.titel }}</p>", "a Config has no attribute 'titel'", "did you mean `title`?"),
    ("{% for slug in item.topic %}<p>{{ slug }}</p>{% endfor %}", "an Item has no attribute 'topic'",
     "did you mean `topics`?"),
    ("<p>{{ item.topicz|length }}</p>", "an Item has no attribute 'topicz'", "did you mean `topics`?"),
    ("<p>{{ item.titel ~ '!' }}</p>", "an Item has no attribute 'titel'", "did you mean `title`?"),
    ("<p>{{ t('read_full_story_on', provider=item.providr) }}</p>", "an Item has no attribute 'providr'",
     "did you mean `provider`?"),
    ("<p>{{ itme.title }}</p>", "'itme' is undefined", "did you mean `item`?"),
    ("<p>{{ sourcse }}</p>", "'sourcse' is undefined", "did you mean `sources`?"),
])
def test_a_misspelt_name_shown_or_looped_over_stops_the_build_at_its_line(tmp_path, monkeypatch, capsys, line, said,
                                                                         hint):
    root = site_with_article(tmp_path, line)
    code, err = build(root, monkeypatch, capsys)
    assert code == 1
    first = without_progress(err)[0]
    assert re.match(rf"{ARTICLE}:3: error while rendering news/[\w/-]+/index.html: ", first), first
    assert said in first and f"({hint} " in first and "generator." not in first, first
    assert not (root / "output").exists()  # nothing half-built


def test_a_misspelt_field_in_a_partial_is_said_at_the_partials_line(tmp_path, monkeypatch, capsys):
    root = site_with_article(tmp_path, "<h1>{{ item.title }}</h1>")
    (root / "themes/default/templates/partials").mkdir()
    (root / "themes/default/templates/partials/card.html").write_text(
        '{% macro card(item, variant="", heading=2, story=none) %}\n<article>\n<h2>{{ item.titel }}</h2>\n'
        '</article>\n{% endmacro %}\n', encoding="utf-8")
    code, err = build(root, monkeypatch, capsys)
    assert code == 1
    first = without_progress(err)[0]
    assert first.startswith("themes/default/templates/partials/card.html:3: error while rendering "), err
    assert "an Item has no attribute 'titel' (did you mean `title`?" in first


LEGITIMATE = """\
<h1>{{ item.title }}</h1>
<p id="if">{% if item.price %}priced{% else %}no price{% endif %}|{% if item.nosuch %}yes{% else %}no{% endif %}</p>
<p id="or">{{ item.nosuch or 'none given' }}|{{ item.price or '' }}</p>
<p id="defined">{{ item.nosuch is defined }}|{{ item.title is defined }}|{{ nosuch is defined }}</p>
<p id="default">{{ item.nosuch|default('fallback') }}|{{ list_title|default('no list') }}</p>
<p id="compare">{{ item.nosuch == 'video' }}|{{ page.nosuch != 'x' }}</p>
<p id="extra">[{{ item.extra.rating }}][{{ item.extra.nosuch }}]{% for x in item.extra.nosuch %}{{ x }}{% endfor %}</p>
<p id="none">[{{ item.provider.name }}]</p>
<p id="index">[{{ item.topics[5] }}][{{ topics['no-such-topic'] }}]</p>
"""


def test_what_themes_do_to_ask_whether_something_is_there_still_works(tmp_path, monkeypatch, capsys):
    root = site_with_article(tmp_path, LEGITIMATE)
    code, err = build(root, monkeypatch, capsys)
    assert code == 0, err
    pages = {path.parent.name: path.read_text(encoding="utf-8") for path in (root / "output/news").rglob("index.html")}
    assert len(pages) == 2
    first = next(text for text in pages.values() if "<h1>First story</h1>" in text)
    second = next(text for text in pages.values() if "<h1>Second story</h1>" in text)
    for text in (first, second):
        assert '<p id="if">no price|no</p>' in text
        assert '<p id="or">none given|</p>' in text
        assert '<p id="defined">False|True|False</p>' in text
        assert '<p id="default">fallback|no list</p>' in text
        assert '<p id="compare">False|True</p>' in text
        assert '<p id="index">[][]</p>' in text
    assert '<p id="extra">[4][]</p>' in first and '<p id="extra">[][]</p>' in second  # a key of a mapping
    assert '<p id="none">[Wire]</p>' in first and '<p id="none">[]</p>' in second  # a field of none


def docs_examples() -> list[str]:
    """The ```jinja blocks of docs/themes.md."""
    text = (Path(__file__).parent.parent / "docs/themes.md").read_text(encoding="utf-8")
    return re.findall(r"```jinja\n(.*?)```", text, re.S)


def test_the_docs_theme_examples_build(tmp_path, monkeypatch, capsys):
    examples = docs_examples()
    assert len(examples) >= 3
    # in a list page's main block, with the `story`, `item` and `other` they name
    main = "".join(block for block in examples if "{% extends" not in block)
    main = ("{% set story = items[0] %}{% set item = items[0] %}{% set other = items[-1] %}\n"
            + main.replace("story.sources", "3"))
    root = make_site(tmp_path / "site", {
        "content/news/a.md": item("Robots learn to fold laundry", topics="[AI]"),
        "content/news/b.md": item("Markets close higher", date="2026-11-19T10:00:00Z"),
        "themes/default/templates/list.html": '{% extends "base.html" %}\n{% block main %}\n' + main
        + "\n{% endblock %}\n",
        "themes/default/templates/404.html": next(block for block in examples if "{% extends" in block),
    }, 'title: Test News\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    code, err = build(root, monkeypatch, capsys)
    assert code == 0, err
    assert always_false(err) == [], err  # (the docs' examples test no field a value lacks)
    latest = (root / "output/latest/index.html").read_text(encoding="utf-8")
    assert "Robots learn to fold laundry</a>" in latest and "Markets close higher</a>" in latest


def test_a_field_of_an_extra_key_an_item_lacks_says_to_test_it_first(tmp_path, monkeypatch, capsys):
    """`item.extra.mood.label` on an item without `mood:` said "the fields of each value are in docs/themes.md",
    where no `extra` key is listed: each item has the ones its file gives."""
    root = site_with_article(tmp_path, "<p>{{ item.extra.mood.label }}</p>")
    code, err = build(root, monkeypatch, capsys)
    assert code == 1
    first = without_progress(err)[0]
    assert first.startswith(f"{ARTICLE}:3: error while rendering news/"), first
    assert first.endswith("a dict has no attribute 'mood' (`mood` is a key this mapping lacks on this page (an item's "
                          "`extra` holds only the fields its file gives): test it first (`{% if ... %}`) or give a "
                          "default (`|default('')`))"), first


# A test of a field a value of newsdesk's lacks stays false, and the build says so once per template line.
ALWAYS_FALSE = "so this test is always false"


def always_false(err: str) -> list[str]:
    return [line for line in err.splitlines() if ALWAYS_FALSE in line]


@pytest.mark.parametrize("line", [
    "{% if item.titel %}<h1>{{ item.titel }}</h1>{% endif %}",
    "<h1>{{ item.titel or 'Untitled' }}</h1>",
    "{% if not item.titel %}<h1>{{ item.title }}</h1>{% endif %}",
])
def test_a_test_of_a_misspelt_field_warns_once_at_its_line(tmp_path, monkeypatch, capsys, line):
    root = site_with_article(tmp_path, line)
    code, err = build(root, monkeypatch, capsys)
    assert code == 0, err
    # (two story pages test it: one warning)
    assert always_false(err) == [
        f"warning: {ARTICLE}:3: an Item has no field `titel`, {ALWAYS_FALSE} (did you mean `title`? the fields of "
        "each value are in docs/themes.md (Values); if the theme tests for a field of a newer newsdesk, ignore "
        "this)"], err
    assert len(list((root / "output/news").rglob("index.html"))) == 2


def test_tests_in_an_included_and_an_extended_template_are_said_at_their_own_lines(tmp_path, monkeypatch, capsys):
    root = make_site(tmp_path / "site", {
        "content/news/a.md": item("First story"),
        "content/news/b.md": item("Second story", date="2026-11-19T10:00:00Z"),
        "themes/default/templates/frame.html": '{% extends "base.html" %}\n{% block main %}\n'
        "{% if page.titel %}<p>titled</p>{% endif %}\n{% block story %}{% endblock %}\n{% endblock %}\n",
        ARTICLE: '{% extends "frame.html" %}\n{% block story %}\n{% include "partials/lede.html" %}\n'
        "{% endblock %}\n",
        "themes/default/templates/partials/lede.html": "<h1>{{ item.title }}</h1>\n"
        "{% if item.fetured_content %}<p>featured</p>{% endif %}\n"
        "{% if item.fetured_content %}<p>again</p>{% endif %}{% if item.sumary %}<p>{{ item.sumary }}</p>{% endif %}\n",
    }, 'title: Test News\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\n')
    code, err = build(root, monkeypatch, capsys)
    assert code == 0, err
    said = [line.split(f" {ALWAYS_FALSE}")[0] for line in always_false(err)]
    assert said == [
        "warning: themes/default/templates/frame.html:3: a Page has no field `titel`,",
        "warning: themes/default/templates/partials/lede.html:2: an Item has no field `fetured_content`,",
        "warning: themes/default/templates/partials/lede.html:3: an Item has no field `fetured_content`,",
        "warning: themes/default/templates/partials/lede.html:3: an Item has no field `sumary`,",
    ], err


QUIET = """\
<h1>{{ item.title }}</h1>
{% if item.nosuch is defined %}a{% endif %}{{ item.nosuch|default('b') }}{{ item.nosuch is undefined }}
{% if item.extra.rating %}c{% endif %}{% if item.extra.nosuch %}d{% endif %}{{ item.extra.nosuch or 'e' }}
{% if item.provider.name %}f{% endif %}{% if not item.provider.domain %}g{% endif %}
{% if my_var %}h{% endif %}{{ list_title or 'i' }}{% if not sourcse %}j{% endif %}
{% set ns = namespace() %}{% if ns.seen %}k{% endif %}{% if topics['no-such'] %}l{% endif %}
"""


def test_what_asks_whether_something_is_there_says_nothing(tmp_path, monkeypatch, capsys):
    """`is defined`, `default`, a key a mapping lacks, a field of none, a variable no one set (a variable only
    some templates have, set by the one that includes or extends this one, is how themes are written)."""
    root = site_with_article(tmp_path, QUIET)
    code, err = build(root, monkeypatch, capsys)
    assert code == 0, err
    assert always_false(err) == [], err
    assert "warning" not in err, err


def test_a_warm_build_and_the_report_say_it_as_a_cold_build_does(tmp_path, monkeypatch, capsys):
    root = site_with_article(tmp_path, "{% if item.titel %}<h1>{{ item.titel }}</h1>{% endif %}")
    code, cold = build(root, monkeypatch, capsys)
    assert code == 0 and len(always_false(cold)) == 1, cold
    assert cli.main(["build", "--report", "report.json"]) == 0  # (nothing changed: no page rendered again)
    warm = capsys.readouterr().err
    assert always_false(warm) == always_false(cold), warm
    report = json.loads((root / "report.json").read_text(encoding="utf-8"))
    said = [w for w in report["warnings"] if ALWAYS_FALSE in w["warning"]]
    assert [(w["source"], w["line"]) for w in said] == [(ARTICLE, 3)], report["warnings"]
    # corrected: said no more
    (root / ARTICLE).write_text((root / ARTICLE).read_text(encoding="utf-8").replace("titel", "title"),
                                encoding="utf-8")
    code, fixed = build(root, monkeypatch, capsys)
    assert code == 0 and always_false(fixed) == [], fixed
    pages = [path.read_text(encoding="utf-8") for path in (root / "output/news").rglob("index.html")]
    assert len(pages) == 2 and all("<h1>" in text for text in pages)


def test_serve_says_it_after_an_edit_of_a_story_and_of_the_template(tmp_path):
    """serve's rebuilds (the fast path for one story's edit, the build for a template's) show the plan's
    warnings beside the page: the warning stays until the template is corrected."""
    root = site_with_article(tmp_path, "{% if item.titel %}<h1>{{ item.titel }}</h1>{% endif %}")
    config, session = load_config(root / "config.yaml"), Session()
    first = rebuild(session, config, pipeline.BuildOptions(workers=1), None)
    assert [(w.path, w.line) for w in first.site.warnings if ALWAYS_FALSE in w.message] == [(ARTICLE, 3)]
    story = root / "content/news/b.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Some **body**", "Other **body**"), encoding="utf-8")
    edited = rebuild(session, config, pipeline.BuildOptions(workers=1), [story])
    assert edited.mode == "patch" and edited.rendered >= 1
    assert [(w.path, w.line) for w in edited.site.warnings if ALWAYS_FALSE in w.message] == [(ARTICLE, 3)]
    (root / ARTICLE).write_text((root / ARTICLE).read_text(encoding="utf-8").replace("titel", "title"),
                                encoding="utf-8")
    fixed = rebuild(session, config, pipeline.BuildOptions(workers=1), [root / ARTICLE])
    assert fixed.rendered >= 2 and [w for w in fixed.site.warnings if ALWAYS_FALSE in w.message] == []


@pytest.mark.parametrize("site", [Path(__file__).parent.parent, Path(__file__).parent / "sites/basic"],
                         ids=["example", "golden"])
def test_the_default_theme_tests_no_field_its_values_lack(site):
    """The bundled theme, on the example site and the golden one: every page rendered, no such warning."""
    result = pipeline.build(load_config(site / "config.yaml"), pipeline.BuildOptions(write=False), environ={})
    assert result.rendered > 10
    assert [str(w) for w in result.site.warnings if ALWAYS_FALSE in w.message] == []
