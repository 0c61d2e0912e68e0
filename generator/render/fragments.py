"""Imported macros rendered once per distinct call: the theme API has no cache tags or keys to list.

A macro a template imports from another (`{% from "partials/card.html" import card %}`) sees only its
arguments and the site-wide template globals: Jinja imports without the caller's context unless told
`with context`. So what such a call shows follows from its arguments, and `MemoContext` keeps each call's
output in the `Fragments` the render call names (`rendering_into`), keyed by the calling template, the
macro's name and its arguments, and gives it again when the same call comes back. A story's card is on the
front page, Latest, Top, Hot, its topics and its provider: it is rendered once, however many lists show it,
and a theme author just writes the loop. Calls inside a macro are kept too: a provider's avatar is rendered
once, however many of its stories' cards show it.

An argument stands for itself by its value: a string, number, date, None, a frozen value (a Provider, an
Image, a Pagination), a tuple or list of these; an Item stands for itself by its file and the digest of
its content. A call with anything else (a dict, a Page, a `{% call %}` block) is rendered every time.
Macros a template defines itself, and macros imported `with context`, can read the page's variables and
must not be imported that way for caching to hold (docs/themes.md says so).

`Fragments` is a value its caller owns, not the environment (which holds nothing between render calls: it may be
made again or shared, and carries no output): a build makes one, passes it to each page's rendering
(render.page.render_page), and leaves it in its render state (build.state.RenderState) for the next
build in the same process (serve), which carries its outputs over (`carry`) only when the site-wide values
(config, topics, providers, the URL prefix), the templates and the build time are the same
(build.pipeline._site_wide_key). Forked render workers each fill their own copy. At most MAX_ENTRIES
outputs are kept, emptied when full: the store only saves time, the output is the same.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date, datetime

import jinja2
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from generator.site.model import Item

MAX_ENTRIES = 30_000  # bounds the memory per process, however big the site
_PLAIN = (str, Markup, int, float, bool, type(None), datetime, date)


class Fragments:
    """Imported macros' outputs by their calls' keys (MemoContext): one build's, and what it carried over."""

    __slots__ = ("_outputs", "carried")

    def __init__(self):
        self._outputs: dict = {}
        self.carried = 0  # outputs this store started with, from the last build's (carry)

    def __len__(self) -> int:
        return len(self._outputs)

    def get(self, key):
        """The output kept for a call's key, or None (TypeError: a key that cannot be hashed)."""
        return self._outputs.get(key)

    def keep(self, key, output) -> None:
        if len(self._outputs) >= MAX_ENTRIES:
            self._outputs.clear()
        self._outputs[key] = output

    def carry(self, last: Fragments) -> None:
        """Start with the outputs `last` kept (a build before this one, whose site-wide values and templates
        were the same): shared, not copied, as the last build's store is not rendered into again."""
        self._outputs, self.carried = last._outputs, len(last._outputs)


# The store the page being rendered keeps its calls in (rendering_into); None: every call is rendered. Not an
# attribute of the context: an imported template's macros run in its module's context, which Jinja makes once
# per environment and shares between pages.
_INTO: ContextVar[Fragments | None] = ContextVar("newsdesk_fragments", default=None)


class rendering_into:
    """`with rendering_into(fragments):` keeps the imported macros' calls of what is rendered inside in
    `fragments` (None: keeps none). (A class rather than a generator: it is entered once per page.)"""

    __slots__ = ("fragments", "_token")

    def __init__(self, fragments: Fragments | None):
        self.fragments = fragments

    def __enter__(self) -> None:
        self._token = _INTO.set(self.fragments)

    def __exit__(self, *exc) -> None:
        _INTO.reset(self._token)


class MemoContext(Context):
    """The template context of MemoEnvironment: calls of imported macros are kept in the store the render call
    names (rendering_into)."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        if type(__obj) is not Macro or __obj.caller:
            return super().call(__obj, *args, **kwargs)
        name = __obj.name
        if __self.vars.get(name) is not __obj or name in __self.exported_vars:  # defined here, not imported
            return super().call(__obj, *args, **kwargs)
        # (a loop's or a block's own variables, which the compiled call passes along: a macro never sees them)
        kwargs.pop("_loop_vars", None)
        kwargs.pop("_block_vars", None)
        fragments = _INTO.get()
        if fragments is None:
            return super().call(__obj, *args, **kwargs)
        try:
            key = (__self.name, name, *map(_key, args))
            if kwargs:
                key += tuple((k, _key(v)) for k, v in sorted(kwargs.items()))
            found = fragments.get(key)
        except TypeError:  # an argument that cannot stand for itself: rendered every time
            return super().call(__obj, *args, **kwargs)
        if found is None:
            found = super().call(__obj, *args, **kwargs)
            fragments.keep(key, found)
        return found


class MemoEnvironment(jinja2.Environment):
    """A Jinja environment whose imported macros' calls are kept in the store each render call names
    (rendering_into); it keeps nothing of its own."""

    context_class = MemoContext


def _key(value):
    """What stands for `value` in a call's key; TypeError if nothing does."""
    kind = type(value)
    if kind is Item:
        return value.source, value.digest
    if kind in _PLAIN:
        return kind, value  # (the type too: 1, 1.0 and True are equal and show differently)
    if isinstance(value, (tuple, list)):
        return kind, tuple(map(_key, value))
    params = getattr(kind, "__dataclass_params__", None)
    if params is not None and params.frozen:
        # (hashed once, by the store's lookup: one holding a dict cannot stand for itself, TypeError there)
        return kind, value
    raise TypeError(f"{kind.__name__} cannot key a macro call")
