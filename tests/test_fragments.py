"""The `{% cache %}` tag (generator/render/fragments.py): a fragment is rendered once per key, and never shows stale text."""

from __future__ import annotations

import jinja2
import pytest

from generator.render import fragments
from generator.render.fragments import FragmentCache


def environment(templates: dict[str, str]) -> tuple[jinja2.Environment, list]:
    calls = []
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True, extensions=[FragmentCache])
    env.globals["count"] = lambda value: calls.append(value) or value
    return env, calls


def test_a_fragment_is_rendered_once_per_key():
    env, calls = environment({"t": "{% for x in xs %}{% cache x %}<{{ count(x) }}>{% endcache %}{% endfor %}"})
    assert env.get_template("t").render(xs=["a", "b", "a", "a"]) == "<a><b><a><a>"
    assert env.get_template("t").render(xs=["b", "c"]) == "<b><c>"
    assert calls == ["a", "b", "c"]


def test_the_key_is_every_expression_given():
    env, calls = environment({"t": "{% for x, y in pairs %}{% cache x, y %}{{ count(x ~ y) }};{% endcache %}{% endfor %}"})
    assert env.get_template("t").render(pairs=[(1, 2), (1, 3), (1, 2)]) == "12;13;12;"
    assert calls == ["12", "13"]


def test_cached_fragments_stay_escaped():
    env, _ = environment({"t": "{% cache 1 %}{{ text }}{% endcache %}|{% cache 1 %}{{ text }}{% endcache %}"})
    assert env.get_template("t").render(text="<script>") == "&lt;script&gt;|&lt;script&gt;"


def test_a_full_cache_starts_again_and_gives_the_same_output(monkeypatch):
    monkeypatch.setattr(fragments, "MAX_ENTRIES", 3)
    env, calls = environment({"t": "{% for x in xs %}{% cache x %}{{ count(x) }}{% endcache %}{% endfor %}"})
    assert env.get_template("t").render(xs=list("abcdabcd")) == "abcdabcd"
    assert len(env.fragment_cache) <= 3
    assert len(calls) > 4  # evicted fragments were rendered again, not lost


class Story:
    def __init__(self, source, digest, title):
        self.source, self.digest, self.title = source, digest, title


CARDS = {
    "card.html": "{% macro card(item, variant='') %}<{{ variant }}:{{ count(item.title) }}>{% endmacro %}",
    "list.html": "{% from 'card.html' import card %}"
                 "{% for shown in cached_each(card, items, variant) %}[{{ shown }}]{% endfor %}",
}


def cards_environment():
    env, calls = environment(CARDS)
    env.globals["cached_each"] = lambda macro, items, *args: fragments.cached_each(env, macro, items, *args)
    return env, calls


def test_cached_each_renders_each_item_once_per_arguments_and_shows_what_the_macro_shows():
    env, calls = cards_environment()
    a, b = Story("a.md", "1", "A & co"), Story("b.md", "1", "B")
    page = env.get_template("list.html")
    assert page.render(items=[a, b], variant="x") == "[<x:A &amp; co>][<x:B>]"  # escaped once, not twice
    assert page.render(items=[b, a], variant="x") == "[<x:B>][<x:A &amp; co>]"
    assert page.render(items=[a], variant="y") == "[<y:A &amp; co>]"
    assert calls == ["A & co", "B", "A & co"]  # again only for other arguments


def test_cached_each_renders_an_item_again_when_its_digest_changes(monkeypatch):
    env, calls = cards_environment()
    page = env.get_template("list.html")
    page.render(items=[Story("a.md", "1", "Old")], variant="")
    assert page.render(items=[Story("a.md", "2", "New")], variant="") == "[<:New>]"
    monkeypatch.setattr(fragments, "MAX_ENTRIES", 2)
    stories = [Story(f"{n}.md", "1", str(n)) for n in range(5)]
    assert page.render(items=stories, variant="") == "".join(f"[<:{n}>]" for n in range(5))
    assert len(env.fragment_cache) <= 2


def test_wrap_each_is_the_loop_it_replaces_and_escapes_what_is_not_markup():
    env, _ = cards_environment()
    env.filters["wrap_each"] = fragments.wrap_each
    imports = "{% from 'card.html' import card %}"
    loop = env.from_string(imports + "{% for shown in cached_each(card, items, '') %}  <li>{{ shown }}</li>\n{% endfor %}|")
    joined = env.from_string(imports + "{{ cached_each(card, items, '')|wrap_each('li', '  ') }}\n|")
    stories = [Story(f"{n}.md", "1", f"{n} & <b>é😀") for n in range(4)]
    assert joined.render(items=stories) == loop.render(items=stories)
    assert "&lt;b&gt;" in joined.render(items=stories)
    assert env.from_string("{{ texts|wrap_each('p') }}").render(texts=["<script>", "ok"]) == \
        "<p>&lt;script&gt;</p>\n<p>ok</p>"
    assert env.from_string("{{ []|wrap_each('li') }}").render() == ""
    for bad in ("'li onclick=x'", "'li', '<b>'"):
        with pytest.raises(ValueError):
            env.from_string("{{ texts|wrap_each(" + bad + ") }}").render(texts=["a"])
