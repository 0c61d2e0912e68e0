"""A Page -> its HTML (`render_page`), and what a template's failure says: an error at the template's line with
what to do (a name misspelt, the nearest one; newsdesk's own template, the site's copy that may not fit it), and
the warnings of tests of a field no value has (`tested_warnings`).
"""

from __future__ import annotations

import collections
import difflib
import re
import sys
from pathlib import Path

import jinja2
import jinja2.meta
from jinja2.exceptions import SecurityError

from generator.config.values import in_bundled_themes
from generator.errors import BuildError, Problem
from generator.plan.pages import Page
from generator.render.budget import TooMuch
from generator.render.filters import json_script
from generator.render.fragments import Fragments, rendering_into
from generator.render.theme import LinkedOut, _short, theme_dirs
from generator.render.undefined import TemplateFiles, noting_tests


def _nearest(name: str, names) -> str:
    """`did you mean `title`? ` for the one of `names` nearest a misspelled `name`, else ""."""
    close = difflib.get_close_matches(name, sorted(names), n=1)
    return f"did you mean `{close[0]}`? " if close else ""


def with_search_words(env: jinja2.Environment, html: str) -> str:
    """The search page with the words its script shows (static/search/search.js reads them from this block, and has
    no copy of its own): put in by the build, so that every search page has them, a theme's own copy of search.html
    too (one that writes the block itself, as the default theme's did, keeps its own)."""
    if 'id="search-words"' in html:
        return html
    block = f'<script type="application/json" id="search-words">{json_script(env.globals["search_words"]())}</script>\n'
    end = html.rfind("</body>")
    return html[:end] + block + html[end:] if end >= 0 else html + block


def render_page(env: jinja2.Environment, page: Page, fragments: Fragments | None, tested: set | None = None) -> str:
    """The page's HTML; `fragments`: where imported macros' calls are kept and found (render/fragments.py; None:
    each is rendered); `tested`: each test of a field a value lacks is added to it, with the page's template
    (tested_warnings says them)."""
    try:
        env.budget.start()
        template = env.get_template(page.template)
        if tested is None:
            with rendering_into(fragments):
                html = template.render(page.context, page=page)
        else:
            with rendering_into(fragments), noting_tests(set(), TemplateFiles(env)) as found:
                html = template.render(page.context, page=page)
            if found:
                tested.update((page.template, *test) for test in found)
        return with_search_words(env, html) if page.kind == "search" else html
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(Problem(_template_name(exc.filename, exc.name), exc.lineno,
                                 f"template syntax error: {exc.message}",
                                 _newsdesks_own(env, _template_frames(exc), exc.filename, report=_REPORT_ERROR)
                                 or _what_to_do(env, page, str(exc.message))))
    except jinja2.TemplateNotFound as exc:
        raise BuildError(_not_found(env, page, exc)) from exc
    except LinkedOut as exc:
        raise BuildError(exc.problem) from None
    except SecurityError as exc:  # (the sandbox: render.environment._Environment)
        name, line = _template_frame(exc)
        raise BuildError(Problem(name or page.template, line, f"error while rendering {page.output}: {exc}",
                                 _REACHES_PYTHON)) from None
    except TooMuch as exc:  # (render.budget)
        name, line = _template_frame(exc)
        raise BuildError(Problem(name or page.template, line, f"the template does too much while rendering "
                                 f"{page.output}: {exc.what}", _newsdesks_own(env, _template_frames(exc))
                                 or _TOO_MUCH)) from None
    except MemoryError as exc:  # (a list doubled in a loop by its methods: a few steps, all the memory; render.budget)
        name, line = _template_frame(exc)
        raise BuildError(Problem(name or page.template, line, f"the template ran out of memory while rendering "
                                 f"{page.output}", _newsdesks_own(env, _template_frames(exc))
                                 or _OUT_OF_MEMORY)) from None
    except RecursionError as exc:  # a macro calling itself for each level of something nested thousands deep
        filename, line = _recursing_frame(exc)
        raise BuildError(Problem(_template_name(filename, page.template), line, f"the template recurses too deeply "
                                 f"while rendering {page.output}",
                                 _newsdesks_own(env, _template_frames(exc), filename)
                                 or "recursing through `children` fails on topics nested thousands deep: loop over a "
                                 "flat list instead, as the default theme's partials/topic_entry.html does over "
                                 "`descendants` (of topics.html), with each topic's `depth` for its indent")) from None
    except Exception as exc:  # an error inside a template: report where, not a traceback
        name, line = _template_frame(exc)
        said = _UNDEFINED_ATTRIBUTE.sub(lambda found: f"{_what_it_is(found.group(1))} has no", str(exc))
        raise BuildError(Problem(name or page.template, line, f"error while rendering {page.output}: {said}",
                                 _newsdesks_own(env, _template_frames(exc))
                                 or _what_to_do(env, page, str(exc)))) from exc


_REACHES_PYTHON = ("a template reads only the values docs/themes.md lists, never Python's own (a name starting with "
                   "`_`, one reached through str.format's fields, a path's methods): remove that from the template, "
                   "and build no theme you did not write whose templates do it")


_TOO_MUCH = ("a loop inside a loop over big ranges, or a macro or include that calls itself more than once, runs "
             "for days: loop over the lists the page is given, recurse only down a tree it has (a topic's "
             "`children`), and build no theme you did not write that does it")


_OUT_OF_MEMORY = ("a list that doubles in a loop (`ns.l.extend(ns.l)`), or a `format` width of millions, fills any "
                  "memory: make texts and lists from the values the page is given, and build no theme you did not "
                  "write that does it")


def tested_warnings(env: jinja2.Environment, tested: set) -> set[tuple[str, Problem]]:
    """(page template, warning) for each template line render_page found testing a field a value of newsdesk's
    lacks (`{% if item.titel %}`): false on every page, which a misspelt name is too. A warning, not an error:
    a theme may test a field that only a newer newsdesk has. In newsdesk's own template, what to do is what
    its errors say (_newsdesks_own): the site's template that uses it, or its copy that may not fit."""
    said = {}
    for page_template, filename, line, kind, field, frames in tested:
        if (filename, line, kind, field, frames) not in said:
            fields = [*getattr(kind, "__dataclass_fields__", ()), *(a for a in dir(kind) if not a.startswith("_"))]
            said[filename, line, kind, field, frames] = Problem(
                _short(filename), line, f"{_what_it_is(kind.__name__)} has no field `{field}`, so this test is "
                f"always false", _newsdesks_own(env, frames, report=_REPORT_WARNING)
                or f"{_nearest(field, set(fields))}the fields of each value are in {_THEMES_DOC} (Values); if the "
                "theme tests for a field of a newer newsdesk, ignore this")
    return {(page_template, said[filename, line, kind, field, frames])
            for page_template, filename, line, kind, field, frames in tested}


# Jinja's words for a name or field a template uses that is not there
_NO_FILTER = re.compile(r"No (filter|test) named '([^']*)'")
_UNDEFINED = re.compile(r"'([^']*)' is undefined")
_UNDEFINED_ATTRIBUTE = re.compile(r"'([\w.]+) object' has no")
_NONE_FIELD = re.compile(r"'None' has no attribute '([^']*)'")
_NO_FIELD = re.compile(r"'([\w.]+) object' has no attribute '([^']*)'")
_OPEN_BLOCK = re.compile(r"The innermost block that needs to be closed is '(\w+)'")
_THEMES_DOC = "docs/themes.md"


def _what_it_is(qualified: str) -> str:
    """`generator.site.model.Item` as a theme's author knows it: `an Item` (docs/themes.md names its fields)."""
    name = qualified.rpartition(".")[2]
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def _what_to_do(env: jinja2.Environment, page: Page, message: str) -> str:
    """What to do about a template's error: a name it misspelled, with the one nearest it and where the names
    are listed; else to fix the template."""
    found = _NO_FILTER.search(message)
    if found:
        kind, name = found.groups()
        names = env.filters if kind == "filter" else env.tests
        return (f"{_nearest(name, names)}newsdesk's filters are in {_THEMES_DOC} (Filters), Jinja's in its "
                f"Template Designer Documentation" if kind == "filter" else
                f"{_nearest(name, names)}newsdesk's test `day` is in {_THEMES_DOC} (Filters), Jinja's in its "
                f"Template Designer Documentation")
    found = _UNDEFINED.search(message)
    if found and found.group(1) in (*page.context, "page"):
        return (f"`{found.group(1)}` is the page's, and a macro imported from another template sees only its "
                f"arguments and the globals: pass it to the macro as an argument")
    if found:
        return (f"{_nearest(found.group(1), [*env.globals, *page.context, 'page'])}the globals are in {_THEMES_DOC} "
                f"(Globals), each template's own variables in its table (Templates); a macro sees only its "
                f"arguments and the globals")
    found = _NONE_FIELD.search(message)
    if found:
        return (f"what comes before `.{found.group(1)}` is none on this page (a value an item, topic or provider may "
                f"lack): test it first (`{{% if ... %}}`); the fields of each value are in {_THEMES_DOC} (Values)")
    found = _NO_FIELD.search(message)
    if found and found.group(1) in ("dict", "mappingproxy"):
        return (f"`{found.group(2)}` is a key this mapping lacks on this page (an item's `extra` holds only the fields "
                f"its file gives): test it first (`{{% if ... %}}`) or give a default (`|default('')`)")
    if found:
        qualified, field = found.groups()
        module, _, name = qualified.rpartition(".")
        kind = getattr(sys.modules.get(module), name, None)
        fields = [*getattr(kind, "__dataclass_fields__", ()), *(attr for attr in dir(kind) if not attr.startswith("_"))]
        return f"{_nearest(field, fields)}the fields of each value are in {_THEMES_DOC} (Values)"
    found = _OPEN_BLOCK.search(message)
    if found:  # (Jinja notices it where the block should have ended: at a tag that closes another, or at the end)
        return f"close the `{{% {found.group(1)} %}}` opened above this line with `{{% end{found.group(1)} %}}`"
    if "unexpected '}'" in message:
        return "close each `{{` with `}}`, and each `{%` with `%}`"
    return "fix the template"


def _not_found(env: jinja2.Environment, page: Page, exc: jinja2.TemplateNotFound) -> Problem:
    """A template names one that is nowhere (`{% include %}`, `{% import %}`, `{% extends %}`): said at that
    line of the template that names it, with the name to correct or the file to create."""
    name, line = _template_frame(exc)
    config = env.globals.get("config")
    folder = f"themes/{getattr(config, 'theme', '<theme>')}/templates/"
    missing = str(exc.name)
    close = difflib.get_close_matches(missing, [t for t in env.list_templates() if not t.startswith("!")], 1, 0.8)
    return Problem(name or page.template, line, f"template not found: {missing}",
                   ("its include, import or extends on this line: " if name else "")
                   + f"correct the name{f', perhaps to {close[0]}' if close else ''}, or create {folder}{missing}")


def _newsdesks_own(env: jinja2.Environment, frames: list | tuple, filename: str | None = None, *,
                   report: str = "report this error to newsdesk, with the page it names") -> str:
    """What to do about an error (or a warning) at a line of newsdesk's own template (`filename`, else the
    innermost of `frames`: (template file, line) being rendered, outermost first), which the site cannot fix
    there: "" for one of the site's. `report`: how the message is to be reported, in its own words (a warning's
    says the site was built). Told apart by the files alone, not
    by Jinja's words: the site's copies that this template (or one of newsdesk's that uses it) imports,
    includes or extends, each likely kept from an earlier newsdesk, whose templates an upgrade no longer fits;
    else the site's template that uses it; else newsdesk's own error, to report."""
    filename = filename or (frames[-1][0] if frames else None)
    config = env.globals.get("config")
    if filename is None or config is None or not in_bundled_themes(Path(filename)):
        return ""
    own = config.root / "themes" / config.theme / "templates"
    if Path(filename).is_relative_to(own):
        return ""  # (newsdesk's own site, built from a source checkout: its own templates)
    bundled = [folder / "templates" for folder in theme_dirs(config) if folder != own.parent]
    name = next((Path(filename).relative_to(folder).as_posix() for folder in bundled
                 if Path(filename).is_relative_to(folder)), Path(filename).name)
    site_frames = [(file, line) for file, line in frames if not in_bundled_themes(Path(file))
                   or Path(file).is_relative_to(own)]
    theirs = [*dict.fromkeys(file for file, line in frames if (file, line) not in site_frames), filename]
    used = {used for file in theirs for used in _templates_used(env, file) if (own / used).is_file()}
    # (each of the site's copies that replaces one of newsdesk's, with newsdesk's)
    originals = {copy: next((folder / copy for folder in bundled if (folder / copy).is_file()), None)
                 for copy in sorted(used)}
    copies = {copy: original for copy, original in originals.items() if original}
    if copies:
        yours = " and ".join(f"themes/{config.theme}/templates/{copy}" for copy in copies)
        if len(copies) == 1:
            (copy, original), = copies.items()
            return (f"newsdesk's own {name} uses your {yours}, which replaces newsdesk's {copy} and may not fit it (a "
                    f"copy of an earlier newsdesk's?): make yours take what newsdesk's takes, or copy newsdesk's anew "
                    f"(from {original}) and make your changes again; if yours fits, {report}")
        original = next(iter(copies.values()))
        return (f"newsdesk's own {name} uses your {yours}, which replace newsdesk's and may not fit them (copies of "
                f"an earlier newsdesk's?): make yours take what newsdesk's take, or copy newsdesk's anew (from "
                f"{next(folder for folder in bundled if original.is_relative_to(folder))}) and make your changes "
                f"again; if they fit, {report}")
    if site_frames:
        file, line = site_frames[-1]
        return (f"this is newsdesk's own {name}, as your {_short(file)}:{line} uses it: check what yours passes to it "
                f"(the values and their fields are in {_THEMES_DOC}); if that is right, {report}")
    if report == _REPORT_WARNING:  # (the site was built: nothing to get by with meanwhile)
        return f"this is newsdesk's own {name}, which no file of your site changes: the site is built all the same; " \
               f"{report}"
    return (f"this is newsdesk's own {name}, which no file of your site changes: {report}; until newsdesk mends "
            f"it, a copy of it in themes/{config.theme}/templates/{name}, mended, replaces it")


# How a problem at a line of newsdesk's own template is to be reported (_newsdesks_own): an error that names no
# page (a template's syntax), a warning (the build went on)
_REPORT_ERROR = "report this error to newsdesk"
_REPORT_WARNING = "report this warning to newsdesk"


def _templates_used(env: jinja2.Environment, filename: str) -> set[str]:
    """The names of the templates a template's file imports, includes or extends by a name it writes out."""
    try:
        source = Path(filename).read_text(encoding="utf-8")
        return {used for used in jinja2.meta.find_referenced_templates(env.parse(source)) if used}
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return set()


def _template_frames(exc: BaseException) -> list[tuple[str, int]]:
    """The template files in the traceback, as their loader read them, and their lines, outermost first."""
    tb, found = exc.__traceback__, []
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml")):
            found.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    return found


def _template_name(filename: str | None, name: str | None) -> str:
    return _short(filename) if filename else (name or "<template>")


def _recursing_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file (as loaded) and line that called itself over and over: the one most often in the
    traceback (where the recursion happened to stop, the innermost line, differs from one build to the next)."""
    seen: collections.Counter = collections.Counter()
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml")):
            seen[(filename, tb.tb_lineno)] += 1
        tb = tb.tb_next
    if not seen:
        return None, None
    (filename, line), _ = seen.most_common(1)[0]
    return filename, line


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file (as shown) and line in the traceback (Jinja keeps template lines there)."""
    frames = _template_frames(exc)
    return (_short(frames[-1][0]), frames[-1][1]) if frames else (None, None)
