"""Imported macros rendered once per distinct call (generator/render/fragments.py): a theme writes plain
loops and calls, and a cached call never shows stale or doubly escaped text."""

from __future__ import annotations

import dataclasses

import jinja2
import pytest

from conftest import item, make_site
from generator.build.pipeline import BuildOptions, plan_site
from generator.config.load import load_config
from generator.render import fragments
from generator.render.fragments import Fragments, MemoEnvironment, rendering_into

CARD = "{% macro card(item, variant='') %}<{{ variant }}:{{ count(item.title) }}>{% endmacro %}"


class Page:
    """A template rendered into one store, as render_page renders a page into its build's."""

    def __init__(self, template: jinja2.Template, store: Fragments):
        self.template, self.store = template, store

    def render(self, **values) -> str:
        with rendering_into(self.store):
            return self.template.render(**values)


def environment(templates: dict[str, str], store: Fragments | None = None) -> tuple[jinja2.Environment, list]:
    calls = []
    env = _Env(loader=jinja2.DictLoader(templates), autoescape=True)
    env.store = Fragments() if store is None else store
    env.globals["count"] = lambda value: calls.append(value) or value
    return env, calls


class _Env(MemoEnvironment):
    def page(self, name: str) -> Page:
        return Page(self.get_template(name), self.store)


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    """Two real Items, and the first again with another digest (as after an edit of its file)."""
    root = make_site(tmp_path_factory.mktemp("site"), {"content/a.md": item("A & co"), "content/b.md": item("B")})
    a, b = sorted(plan_site(load_config(root / "config.yaml"), BuildOptions(workers=1)).model.site.items,
                  key=lambda i: i.title)
    return a, b, dataclasses.replace(a, title="A, edited", digest=a.digest + "x")


def test_an_imported_macro_is_rendered_once_per_item_and_arguments(items):
    env, calls = environment({"card.html": CARD, "list.html": "{% from 'card.html' import card %}"
                              "{% for item in items %}[{{ card(item, variant) }}]{% endfor %}"})
    a, b, _ = items
    page = env.page("list.html")
    assert page.render(items=[a, b], variant="x") == "[<x:A &amp; co>][<x:B>]"  # escaped once, not twice
    assert page.render(items=[b, a], variant="x") == "[<x:B>][<x:A &amp; co>]"
    assert page.render(items=[a], variant="y") == "[<y:A &amp; co>]"
    assert calls == ["A & co", "B", "A & co"]  # again only for other arguments


def test_an_edited_item_is_rendered_again(items):
    env, calls = environment({"card.html": CARD, "list.html": "{% from 'card.html' import card %}{{ card(item) }}"})
    a, _, edited = items
    page = env.page("list.html")
    assert page.render(item=a) == "<:A &amp; co>"
    assert page.render(item=edited) == "<:A, edited>"


def test_equal_values_of_other_types_are_other_calls():
    env, calls = environment({"m.html": "{% macro show(v) %}{{ count(v) }}{% endmacro %}",
                              "t.html": "{% from 'm.html' import show %}{% for v in values %}{{ show(v) }};{% endfor %}"})
    assert env.page("t.html").render(values=[1, True, 1.0, "1", 1]) == "1;True;1.0;1;1;"
    assert calls == [1, True, 1.0, "1"]


def test_calls_that_can_read_the_page_are_rendered_every_time():
    # A macro the page defines itself reads the page's variables; a dict cannot stand for itself; a macro
    # called through a namespace is not known as imported. None of them is kept.
    env, calls = environment({
        "m.html": "{% macro show(v) %}{{ count(v) }}{% endmacro %}",
        "t.html": "{% macro own() %}{{ count(x) }}{% endmacro %}{% from 'm.html' import show %}{% import 'm.html' as m %}"
                  "{{ own() }}|{{ show({'k': x}) }}|{{ m.show(x) }}"})
    page = env.page("t.html")
    assert page.render(x="one") == "one|{&#39;k&#39;: &#39;one&#39;}|one"
    assert page.render(x="two") == "two|{&#39;k&#39;: &#39;two&#39;}|two"
    assert len(calls) == 6


def test_a_call_with_a_block_is_rendered_every_time():
    env, calls = environment({"m.html": "{% macro box() %}[{{ caller() }}]{% endmacro %}",
                              "t.html": "{% from 'm.html' import box %}{% call box() %}{{ count(x) }}{% endcall %}"})
    assert env.page("t.html").render(x="a") == "[a]"
    assert env.page("t.html").render(x="b") == "[b]"


def test_a_full_store_starts_again_and_gives_the_same_output(monkeypatch):
    monkeypatch.setattr(fragments, "MAX_ENTRIES", 3)
    env, calls = environment({"m.html": "{% macro show(v) %}{{ count(v) }}{% endmacro %}",
                              "t.html": "{% from 'm.html' import show %}{% for v in values %}{{ show(v) }}{% endfor %}"})
    assert env.page("t.html").render(values=list("abcdabcd")) == "abcdabcd"
    assert len(env.store) <= 3
    assert len(calls) > 4  # dropped outputs were rendered again, not lost


def test_outputs_are_kept_in_the_callers_store_and_carried_to_the_next_build():
    # As serve's builds: each makes a new environment; the outputs live in the store the caller keeps, and
    # the next build starts with them only when it carries them over (the same site-wide values).
    templates = {"m.html": "{% macro show(v) %}{{ count(v) }}{% endmacro %}",
                 "t.html": "{% from 'm.html' import show %}{% for v in values %}{{ show(v) }}{% endfor %}"}
    first = Fragments()
    env, calls = environment(templates, first)
    assert env.page("t.html").render(values=["a", "b"]) == "ab"
    assert len(first) == 2 and calls == ["a", "b"]
    carried = Fragments()
    carried.carry(first)
    env, calls = environment(templates, carried)
    assert env.page("t.html").render(values=["a", "b", "c"]) == "abc"
    assert calls == ["c"] and carried.carried == 2
    env, calls = environment(templates, Fragments())  # (not carried: what the cards show changed)
    assert env.page("t.html").render(values=["a", "b"]) == "ab"
    assert calls == ["a", "b"]


def test_one_environment_renders_into_the_store_each_call_names():
    # The environment holds no output: shared by two builds (or made again), each render call finds and keeps
    # the calls in its own store, the nested ones too (an imported macro's calls run in its module's context,
    # which Jinja makes once per environment). Without a store, every call is rendered.
    env, calls = environment({"a.html": "{% macro avatar(v) %}({{ count(v) }}){% endmacro %}",
                              "m.html": "{% from 'a.html' import avatar %}"
                                        "{% macro show(v) %}[{{ avatar(v) }}{{ avatar(v ~ '!') }}]{% endmacro %}",
                              "t.html": "{% from 'm.html' import show %}{% for v in values %}{{ show(v) }}{% endfor %}"})
    template = env.get_template("t.html")
    first, second = Fragments(), Fragments()
    assert Page(template, first).render(values=["a", "b", "a"]) == "[(a)(a!)][(b)(b!)][(a)(a!)]"
    assert calls == ["a", "a!", "b", "b!"] and len(first) == 6  # (show twice, avatar four times)
    calls.clear()
    assert Page(template, second).render(values=["a"]) == "[(a)(a!)]"
    assert calls == ["a", "a!"] and len(second) == 3 and len(first) == 6  # nothing carried by the environment
    calls.clear()
    assert template.render(values=["a", "a"]) == "[(a)(a!)][(a)(a!)]"
    assert calls == ["a", "a!", "a", "a!"] and len(first) == 6 and len(second) == 3
