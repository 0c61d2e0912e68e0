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
template line it is on, for a warning (page.tested_warnings). A variable no one set is not: a variable
only some templates have (set by the template that includes or extends this one) is how themes are written.

Absent in the ordinary way, and shown as nothing as before:
- a field of a value that is none (`item.provider.name` for an item without a provider: the value is optional);
- a key a mapping lacks (`item.extra.rating`, `topics[slug]`, a words or config mapping's optional key);
- an index past the end of a list (`items[3]`).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from contextvars import ContextVar

import jinja2
from jinja2.utils import Namespace, missing

# (the set each test is noted in, the page's TemplateFiles), while noting_tests is on
_NOTED: ContextVar[tuple[set, TemplateFiles] | None] = ContextVar("newsdesk_tested_fields", default=None)


class noting_tests:
    """`with noting_tests(found, templates):` notes in `found` each test of a field a value lacks
    (ThemeUndefined.__bool__), as (template file, line, the value's type, the field, the (file, line) of
    each template being rendered, outermost first), while rendering inside with
    the environment of `templates`. (A class rather than a generator: it is entered once per page.)"""

    __slots__ = ("noting", "_token")

    def __init__(self, found: set, templates: TemplateFiles):
        self.noting = (found, templates)

    def __enter__(self) -> set:
        self._token = _NOTED.set(self.noting)
        return self.noting[0]

    def __exit__(self, *exc) -> None:
        _NOTED.reset(self._token)


class TemplateFiles:
    """An environment's templates by the file each is read from: `templates(filename)` is the Template, or None
    for a file that is not one of its loader's templates. Kept as found, for the page being rendered (only a
    test noted asks: made for each page, it costs nothing until then)."""

    __slots__ = ("env", "_roots", "_found")

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self._roots: list[tuple[str, str]] | None = None
        self._found: dict[str, jinja2.Template | None] = {}

    def __call__(self, filename: str) -> jinja2.Template | None:
        try:
            return self._found[filename]
        except KeyError:
            template = self._found[filename] = self._template(filename)
            return template

    def _template(self, filename: str) -> jinja2.Template | None:
        if self._roots is None:
            self._roots = list(_roots(self.env.loader))
        for root, prefix in self._roots:
            if filename.startswith(root):
                name = prefix + filename[len(root):].replace(os.sep, "/")
                try:
                    template = self.env.get_template(name)  # (Jinja keeps those it loaded: the page's are)
                except (jinja2.TemplateError, OSError):
                    continue
                if template.filename == filename:  # (else a template of the same name in a folder before it)
                    return template
        return None


def _roots(loader: jinja2.BaseLoader | None, prefix: str = ""):
    """(folder with its separator, prefix of the names of its templates) for each folder `loader` reads
    templates from, in the order it looks (the loaders make_env puts together; others have no folders)."""
    if isinstance(loader, jinja2.FileSystemLoader):
        for path in loader.searchpath:
            yield os.path.join(os.path.normpath(path), ""), prefix
    elif isinstance(loader, jinja2.ChoiceLoader):
        for each in loader.loaders:
            yield from _roots(each, prefix)
    elif isinstance(loader, jinja2.PrefixLoader):
        for key, each in loader.mapping.items():
            yield from _roots(each, prefix + key + loader.delimiter)


def _template_lines(templates: TemplateFiles) -> tuple[tuple[str, int], ...]:
    """The file and line of each template being rendered, outermost first (the last: where the test is). Jinja
    compiles each template with its file's name, so the code of a frame whose file is a template's is that
    template's, and the Template maps a line of its code to one of its text."""
    frame, found = inspect.currentframe(), []
    while frame is not None:
        template = templates(frame.f_code.co_filename)
        if template is not None:
            found.append((template.filename, template.get_corresponding_lineno(frame.f_lineno)))
        frame = frame.f_back
    return tuple(reversed(found))


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
        noting = _NOTED.get()
        if noting is not None:  # (only while rendering a page: a test of an absent value costs nothing more else)
            owner, name = self._undefined_obj, self._undefined_name
            if (isinstance(name, str) and owner is not missing and owner is not None
                    and not isinstance(owner, (Mapping, Namespace))):  # (a namespace's fields are the theme's own)
                frames = _template_lines(noting[1])
                if frames:  # (the templates that use it too: a test in newsdesk's own is told as its errors are)
                    noting[0].add((*frames[-1], type(owner), name, frames))
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
