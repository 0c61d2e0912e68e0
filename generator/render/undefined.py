"""What a template gets for a name or field that is not there (`{{ item.titel }}`, `{{ list_titel }}`).

Jinja's default shows it as nothing, so a misspelt field blanks part of every page and nothing says so.
Here, *using* such a value is an error (render_page reports it at the template's line, with the nearest
name): writing it out, looping over it, its length, `in` it, a field of it, arithmetic with it. *Testing*
it stays quiet and false, as Jinja's default has it: `{% if item.author %}`, `item.price or ''`,
`x == 'video'`, `is defined`, `|default(...)`. Tests are how a theme asks whether something is there (a
macro shared by values of different kinds, a variable only some templates have, a field a newer newsdesk
added), so raising on every access, as Jinja's StrictUndefined does, would break themes that are right.

A test (`if`, `or`, `not`) of a field that a value of newsdesk's lacks is false on every page, which a misspelt
`{% if item.titel %}` is too: while noting_tests is on (render_page), each such test is noted with the
template line it is on, for a warning (environment.tested_warnings). A variable no one set is not: a variable
only some templates have (set by the template that includes or extends this one) is how themes are written.

Absent in the ordinary way, and shown as nothing as before:
- a field of a value that is none (`item.provider.name` for an item without a provider: the value is optional);
- a key a mapping lacks (`item.extra.rating`, `topics[slug]`, a words or config mapping's optional key);
- an index past the end of a list (`items[3]`).
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from contextvars import ContextVar

import jinja2
from jinja2.utils import Namespace, missing

# (template file, line, the value's type, the field) of each test noted, while noting_tests is on
_NOTED: ContextVar[set | None] = ContextVar("newsdesk_tested_fields", default=None)


class noting_tests:
    """`with noting_tests(found):` notes in `found` each test of a field a value lacks (ThemeUndefined.__bool__)
    while rendering inside. (A class rather than a generator: it is entered once per page.)"""

    __slots__ = ("found", "_token")

    def __init__(self, found: set):
        self.found = found

    def __enter__(self) -> set:
        self._token = _NOTED.set(self.found)
        return self.found

    def __exit__(self, *exc) -> None:
        _NOTED.reset(self._token)


def _template_line() -> tuple[str, int] | None:
    """The file and line of the innermost template being rendered, as Jinja's own tracebacks find it: each
    compiled template's globals hold its Template, which maps a line of its code to one of its text."""
    frame = inspect.currentframe()
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.filename or template.name or "<template>", template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


class ThemeUndefined(jinja2.Undefined):
    """Jinja's Undefined, failing where it would be shown or used as a value (see the module's docstring)."""

    __slots__ = ()

    def _misspelt(self) -> bool:
        """Whether this names what cannot be there: a variable or global no one set, or a field the value lacks
        (a value of newsdesk's, whose fields are fixed and listed in docs/themes.md)."""
        owner, name = self._undefined_obj, self._undefined_name
        if owner is missing:
            return True
        return isinstance(name, str) and owner is not None and not isinstance(owner, Mapping)

    def __bool__(self) -> bool:
        found = _NOTED.get()
        if found is not None:  # (only while rendering a page: a test of an absent value costs nothing more else)
            owner, name = self._undefined_obj, self._undefined_name
            if (isinstance(name, str) and owner is not missing and owner is not None
                    and not isinstance(owner, (Mapping, Namespace))):  # (a namespace's fields are the theme's own)
                where = _template_line()
                if where is not None:
                    found.add((*where, type(owner), name))
        return False

    def __str__(self) -> str:
        if self._misspelt():
            self._fail_with_undefined_error()
        return ""

    def __iter__(self):
        if self._misspelt():
            self._fail_with_undefined_error()
        yield from ()

    def __len__(self) -> int:
        if self._misspelt():
            self._fail_with_undefined_error()
        return 0
