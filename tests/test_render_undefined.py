"""A name or field a template uses that is not there: shown, looped over or counted, it stops the build at
its template's line with the nearest name (a misspelt `item.titel` blanked part of every page, unsaid);
tested (`if`, `or`, `is defined`, `default`), and an optional value's absent field or key, it stays quiet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import item, make_site
from generator import cli

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
    first = err.splitlines()[0]
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
    assert err.startswith("themes/default/templates/partials/card.html:3: error while rendering "), err
    assert "an Item has no attribute 'titel' (did you mean `title`?" in err.splitlines()[0]


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
    latest = (root / "output/latest/index.html").read_text(encoding="utf-8")
    assert "Robots learn to fold laundry</a>" in latest and "Markets close higher</a>" in latest


def test_a_field_of_an_extra_key_an_item_lacks_says_to_test_it_first(tmp_path, monkeypatch, capsys):
    """`item.extra.mood.label` on an item without `mood:` said "the fields of each value are in docs/themes.md",
    where no `extra` key is listed: each item has the ones its file gives."""
    root = site_with_article(tmp_path, "<p>{{ item.extra.mood.label }}</p>")
    code, err = build(root, monkeypatch, capsys)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith(f"{ARTICLE}:3: error while rendering news/"), first
    assert first.endswith("a dict has no attribute 'mood' (`mood` is a key this mapping lacks on this page (an item's "
                          "`extra` holds only the fields its file gives): test it first (`{% if ... %}`) or give a "
                          "default (`|default('')`))"), first
