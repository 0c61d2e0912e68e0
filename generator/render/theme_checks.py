"""What a build warns of in a site's own templates, which Jinja renders without a word: a template in no
folder the theme looks in (`misplaced_templates`), a block no template it extends has (`unshown_blocks`), a
word no words file has (`unknown_words`), a link to a static file the site has not (`unlinked_static`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import jinja2

from generator.config.values import Config, bundled_theme_dir, linked_out, own_folders
from generator.errors import Problem
from generator.i18n import Words
from generator.render.page import _nearest
from generator.render.theme import _short, theme_dirs, theme_loader


def misplaced_templates(config: Config) -> list[Problem]:
    """A warning for each of the site's templates that replaces none and is named as a bundled one in another
    folder (`templates/card.html` copied from `templates/partials/`): the page never used it, and nothing said so.
    One the site's own templates name (an `{% import "card.html" %}` of its own) is used, and not warned of."""
    own = config.root / "themes" / config.theme / "templates"
    if not own.is_dir():
        return []
    ours = own_folders(config.root, config.theme)
    mine = {path.relative_to(own).as_posix(): path for path in sorted(own.rglob("*")) if _readable(path, ours)}
    bundled = {path.relative_to(folder / "templates").as_posix()
               for folder in theme_dirs(config)[1:] for path in (folder / "templates").rglob("*") if path.is_file()}
    named = "".join(path.read_text(encoding="utf-8", errors="replace") for path in mine.values())
    problems = []
    for name in mine:
        meant = sorted(b for b in bundled if b.rsplit("/", 1)[-1] == name.rsplit("/", 1)[-1])
        if name not in bundled and meant and f'"{name}"' not in named and f"'{name}'" not in named:
            where = f"themes/{config.theme}/templates/"
            problems.append(Problem(where + name, None, f"not used: no template of the theme is {name}, "
                                    f"its {name.rsplit('/', 1)[-1]} is {meant[0]}",
                                    f"move it to {where}{meant[0]} to replace that one"))
    return problems


def unshown_blocks(config: Config) -> list[Problem]:
    """A warning for each block of the site's own templates that no template it extends has (`{% block content %}`
    in an article.html extending base.html, whose blocks are `head` and `main`): Jinja shows nothing of it, and
    the page came out without its content, unsaid. Blocks inside another block are shown with it."""
    own = config.root / "themes" / config.theme / "templates"
    bundled = bundled_theme_dir(config.theme)
    if not own.is_dir() or (bundled is not None and own.resolve() == (bundled / "templates").resolve()):
        return []  # (none of the site's own, or the bundled theme itself: its tests check it)
    loader = theme_loader(config)
    problems = []
    ours = own_folders(config.root, config.theme)
    for path in sorted(own.rglob("*")):
        name = path.relative_to(own).as_posix()
        if not _readable(path, ours):
            continue
        try:
            parent, _, outer = _blocks(path.read_text(encoding="utf-8", errors="replace"))
            known = _ancestor_blocks(loader, parent)
        except (jinja2.TemplateError, OSError, RecursionError, UnicodeError):  # (render_page says what is wrong)
            continue
        for block, line in outer if known is not None else ():
            if block not in known:
                problems.append(Problem(f"themes/{config.theme}/templates/{name}", line,
                                        f"block `{block}` is in no template it extends ({parent} and those it "
                                        f"extends have {', '.join(f'`{b}`' for b in sorted(known)) or 'none'}): "
                                        f"nothing in it is shown",
                                        f"{_nearest(block, known)}rename it to one of theirs"))
    return problems


def _readable(path: Path, own: tuple[str, ...]) -> bool:
    """Whether a theme's file is a template to read: a file, in the site or its theme's folder (config.linked_out:
    one linked out is render_page's error where a page uses it; `/dev/zero` would be read without end)."""
    return path.is_file() and not linked_out(path, own)


def _ancestor_blocks(loader: jinja2.BaseLoader, parent: str | None) -> frozenset[str] | None:
    """The names of the blocks of `parent` and of every template it extends; None when a template extends none,
    or one whose name is worked out while rendering."""
    known, seen = set(), set()
    while parent and parent not in seen and len(seen) < 20:
        seen.add(parent)
        parent, blocks, _ = _blocks(loader.get_source(_PARSER, parent)[0])
        known.update(blocks)
    return frozenset(known) if seen and parent is None else None


_PARSER = jinja2.Environment()  # (parses a template's text: the settings make_env adds change no block)


@lru_cache(maxsize=256)
def _blocks(text: str) -> tuple[str | None, frozenset[str], tuple[tuple[str, int], ...]]:
    """Of a template's text: the name it extends (None: none; "": one worked out while rendering), the names of
    its blocks, and each block inside no other block with its line. Kept by text: every build asks again."""
    tree = _PARSER.parse(text)
    extends = tree.find(jinja2.nodes.Extends)
    parent = None if extends is None else str(extends.template.value) \
        if isinstance(extends.template, jinja2.nodes.Const) else ""  # ("": worked out while rendering)
    outer, todo = [], list(tree.iter_child_nodes())
    while todo:
        node = todo.pop(0)
        if isinstance(node, jinja2.nodes.Block):
            outer.append((node.name, node.lineno))
        else:
            todo[:0] = list(node.iter_child_nodes())
    return parent, frozenset(block.name for block in tree.find_all(jinja2.nodes.Block)), tuple(outer)


_WORD_CALL = re.compile(r"""\bt\(\s*(['"])([A-Za-z0-9_.-]+)\1""")


def _template_words(config: Config) -> list[tuple[str, int, str]]:
    """(template as a message names it, line, key) of each `t('key')` of the templates in use."""
    found, seen = [], set()
    ours = own_folders(config.root, config.theme)
    for folder in theme_dirs(config):
        for path in sorted((folder / "templates").rglob("*")):
            name = path.relative_to(folder / "templates").as_posix()
            if not _readable(path, ours) or name in seen:
                continue
            seen.add(name)  # (only the template that wins is used)
            text = path.read_text(encoding="utf-8", errors="replace")
            shown = _short(str(path)) if folder != config.root / "themes" / config.theme else \
                f"themes/{config.theme}/templates/{name}"
            found.extend((shown, text.count("\n", 0, match.start()) + 1, match.group(2))
                         for match in _WORD_CALL.finditer(text))
    return found


def unknown_words(config: Config, words: Words) -> list[Problem]:
    """A warning for each `t('key')` of the templates in use whose key no words file has: the page shows the
    key itself (never an empty string), and says where to add it; and for each key of a site's own words file
    that neither the theme's files nor the templates know (`lastest:`), which no page shows."""
    used = _template_words(config)
    problems = [Problem(shown, line, f"no word `{key}` in the theme's i18n files: the page shows `{key}`",
                        f"add `{key}: ...` to themes/{config.theme}/i18n/en.yaml (and to the "
                        "file of the site's language), or correct the key")
                for shown, line, key in used if key not in words.entries]
    if words.site_keys:
        known = words.theme_keys | {key for _, _, key in used}
        problems.extend(Problem(shown, line, f"`{key}` is not a word of the theme: no page shows it",
                                f"{_nearest(key, known)}rename it, or remove it; the theme's words are "
                                f"listed in the bundled themes/{config.theme}/i18n/en.yaml")
                        for shown, line, key in words.site_keys if key not in known)
    return problems


# A file of the site linked from a template: `url('static/x.css')`, `'static/x.css'|url`, or written out with a
# leading / (`href="/static/x.css"`), which is the host's root, not base_url's path.
_URL_CALL = re.compile(r"""\burl\(\s*(['"])/?(static/[^'"{}]+)\1\s*\)|(['"])/?(static/[^'"{}]+)\3\s*\|\s*url\b""")
_ROOT_LINK = re.compile(r"""\b(?:href|src)\s*=\s*(['"])(/static/[^'"{}]*)\1""")


def unlinked_static(config: Config, copies: Mapping[str, Path]) -> list[Problem]:
    """A warning for each link of the site's own templates to a static file the build writes no file at
    (`url('static/css/extras.css')`), and, on a site under a path (https://user.github.io/news/), for each
    written as `/static/...`, which leads outside it: either shows the browser's 404, on every page, unsaid."""
    own = config.root / "themes" / config.theme / "templates"
    bundled = bundled_theme_dir(config.theme)
    if not own.is_dir() or (bundled is not None and own.resolve() == (bundled / "templates").resolve()):
        return []  # (the bundled theme's own links are checked by its tests)
    problems = []
    ours = own_folders(config.root, config.theme)
    for path in sorted(own.rglob("*")):
        if not _readable(path, ours):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = f"themes/{config.theme}/templates/{path.relative_to(own).as_posix()}"
        for match in _URL_CALL.finditer(text):
            name = match.group(2) or match.group(4)
            folder = name.rstrip("/") + "/"  # (a script's folder of files, as search.html gives its stemmers')
            if name not in copies and not any(copy.startswith(folder) for copy in copies):
                problems.append(Problem(shown, text.count("\n", 0, match.start()) + 1,
                                        f"{name} is no file of the site: the link leads to the 404 page",
                                        f"{_nearest(name, [c for c in copies if c.startswith('static/')])}correct "
                                        f"the name, or add the file to themes/{config.theme}/static/ or static/"))
        if config.base_path != "/":
            for match in _ROOT_LINK.finditer(text):
                problems.append(Problem(shown, text.count("\n", 0, match.start()) + 1,
                                        f"{match.group(2)} is at the root of the host, outside base_url's path "
                                        f"{config.base_path}: the link misses the site's file",
                                        f"write {{{{ url('{match.group(2)[1:]}') }}}}"))
    return problems
