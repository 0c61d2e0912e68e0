"""Fragments rendered once per key and environment: `{% cache key, ... %}...{% endcache %}`, and
`cached_each(macro, items, *args)` for a list of cards.

A story's card is the same on every list that shows it (the front page, Latest, Top, Hot, each of
its topics, its provider), so a cold build would otherwise render each card six times or more;
cards were most of a list page's cost. The default theme's lists call `cached_each(card, items, ...)`,
keyed by the macro's name, the item (`item.source, item.digest`: the digest changes when the file
does) and the arguments; other fragments go in `{% cache %}` with a key that names everything the
fragment shows that can differ within one build (the provider card: the Provider, a frozen value).
Site-wide values (config, topics, providers, the URL prefix) are fixed for the life of an
environment, so they need not be in the key: every build makes a new environment, and it starts
with the last build's fragments only when none of those values, the templates and the build time
changed (build._site_wide_key, for serve's rebuilds).

The cache belongs to the environment (no global state). Forked render workers each fill their own
copy. It holds at most MAX_ENTRIES fragments and is emptied when full: it only saves time, the
output is the same with or without it.
"""

from __future__ import annotations

import re

import jinja2
from markupsafe import Markup, escape
from jinja2 import nodes
from jinja2.ext import Extension

MAX_ENTRIES = 30_000  # bounds the memory per process, however big the site


class FragmentCache(Extension):
    tags = {"cache"}

    def __init__(self, environment: jinja2.Environment):
        super().__init__(environment)
        environment.extend(fragment_cache={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        key = nodes.Tuple(parts, "load", lineno=lineno)
        return nodes.CallBlock(self.call_method("_fragment", [key]), [], [], body).set_lineno(lineno)

    def _fragment(self, key: tuple, caller) -> str:
        store = self.environment.fragment_cache
        found = store.get(key)
        if found is None:
            found = _keep(store, key, caller())
        return found


def cached_each(environment: jinja2.Environment, macro, items, *args) -> list:
    """`macro(item, *args)` for each item, each rendered once per build and (macro, item, args), kept with
    the {% cache %} fragments: the template global `cached_each(card, items, "", 2)`. For a list of cards,
    the same as `{{ card(item, "", 2) }}` for each item with a {% cache item.source, item.digest, ... %}
    around the macro's body, without Jinja's call of the macro for every card that is cached already (most
    of a list page's own time). As for {% cache %}: the macro's output may depend on its item, its
    arguments and site-wide values only (the item stands for itself by its source and content digest)."""
    store = environment.fragment_cache
    shown = []
    for item in items:
        key = ("each", macro.name, item.source, item.digest, *args)
        found = store.get(key)
        if found is None:
            found = _keep(store, key, macro(item, *args))
        shown.append(found)
    return shown


def _keep(store: dict, key, fragment):
    if len(store) >= MAX_ENTRIES:
        store.clear()
    store[key] = fragment
    return fragment


_TAG = re.compile(r"[a-z][a-z0-9-]*")


def wrap_each(fragments, tag: str, indent: str = "") -> Markup:
    """Each fragment in a `<tag>` element, one a line: `{{ cached_each(card, items, "", 2)|wrap_each("li", "  ") }}`,
    the same as `{% for shown in ... %}{{ indent }}<li>{{ shown }}</li>` with a newline between, in one join
    (a Jinja loop over a list page's cards was a noticeable part of its time). Fragments that are not markup
    are escaped, as `{{ }}` does; `tag` must be a plain element name and `indent` spaces."""
    if not _TAG.fullmatch(tag) or indent.strip(" "):
        raise ValueError(f"wrap_each: {tag!r} is not an element name, or {indent!r} is not spaces")
    shown = [fragment if isinstance(fragment, Markup) else escape(fragment) for fragment in fragments]
    if not shown:
        return Markup("")
    start, end = f"{indent}<{tag}>", f"</{tag}>"
    return Markup(f"{end}\n{start}".join(shown).join((start, end)))
