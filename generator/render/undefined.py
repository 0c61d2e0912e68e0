"""What a template gets for a name or field that is not there (`{{ item.titel }}`, `{{ list_titel }}`).

Jinja's default shows it as nothing, so a misspelt field blanks part of every page and nothing says so.
Here, *using* such a value is an error (render_page reports it at the template's line, with the nearest
name): writing it out, looping over it, its length, `in` it, a field of it, arithmetic with it. *Testing*
it stays quiet and false, as Jinja's default has it: `{% if item.author %}`, `item.price or ''`,
`x == 'video'`, `is defined`, `|default(...)`. Tests are how a theme asks whether something is there (a
macro shared by values of different kinds, a variable only some templates have, a field a newer newsdesk
added), so raising on every access, as Jinja's StrictUndefined does, would break themes that are right.

Absent in the ordinary way, and shown as nothing as before:
- a field of a value that is none (`item.provider.name` for an item without a provider: the value is optional);
- a key a mapping lacks (`item.extra.rating`, `topics[slug]`, a words or config mapping's optional key);
- an index past the end of a list (`items[3]`).
"""

from __future__ import annotations

from collections.abc import Mapping

import jinja2
from jinja2.utils import missing


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
