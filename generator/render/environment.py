"""Pages -> HTML through the theme's Jinja templates.

Theme lookup, first match wins (like Pelican's THEME_TEMPLATES_OVERRIDES):
  1. the site's own `themes/<theme>/templates/` and `static/`
  2. the bundled theme of that name (shipped inside the package)
  3. the bundled `default` theme
An override can extend the template it replaces with `{% extends "!theme/base.html" %}`.
Autoescaping is on for every template: content text is never trusted as HTML.
"""

from __future__ import annotations

import collections
import difflib
import json
import logging
import os
import re
import stat
import sys
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

import jinja2
import jinja2.meta
from markupsafe import Markup, escape

from generator import __version__
from generator.config.checks import bundled_theme_gone
from generator.config.values import Config, bundled_theme_dir, in_bundled_themes
from generator.errors import BuildError, Problem
from generator.i18n import Words, facts, fill, load_words
from generator.isotime import Day
from generator.languages import direction, og_locale
from generator.plan.feeds import feed_path, html_datetime, provider_home, whole_minute_offset
from generator.render.fragments import MemoEnvironment
from generator.render.undefined import TemplateFiles, ThemeUndefined, noting_tests
from generator.site.scratch import is_scratch
from generator.plan.pictures import picture, pictures
from generator.site.local_pictures import LocalCopies
from generator.site.model import ProviderBadge, Site
from generator.site.text import BIDI, bidi_closed, cluster_boundary, cut_clusters, plain_start, plain_text, text_width
from generator.plan.pages import Page
from generator.plan.search import needed_static
from generator.site.types import KNOWN, OTHER, badge, badge_before, title_word, titled
from generator.hosts import ascii_host
from generator.urls import host_of, origin_url

log = logging.getLogger(__name__)


def theme_dirs(config: Config) -> list[Path]:
    """Theme folders from highest to lowest precedence (duplicates removed)."""
    candidates = [config.root / "themes" / config.theme, bundled_theme_dir(config.theme), bundled_theme_dir("default")]
    seen: list[Path] = []
    for path in candidates:
        if path is not None and path.is_dir() and path.resolve() not in [p.resolve() for p in seen]:
            seen.append(path)
    return seen


def misplaced_templates(config: Config) -> list[Problem]:
    """A warning for each of the site's templates that replaces none and is named as a bundled one in another
    folder (`templates/card.html` copied from `templates/partials/`): the page never used it, and nothing said so.
    One the site's own templates name (an `{% import "card.html" %}` of its own) is used, and not warned of."""
    own = config.root / "themes" / config.theme / "templates"
    if not own.is_dir():
        return []
    mine = {path.relative_to(own).as_posix(): path for path in sorted(own.rglob("*")) if path.is_file()}
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


def theme_loader(config: Config) -> jinja2.BaseLoader:
    """The theme's templates, as theme_dirs orders them, and the bundled theme's as `!theme/<name>`."""
    bundled = bundled_theme_dir(config.theme) or bundled_theme_dir("default")
    if bundled is None:  # newsdesk's own files went after it started: a `pip install` while `newsdesk serve` ran
        raise BuildError(bundled_theme_gone())
    return jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d / "templates") for d in theme_dirs(config)]),
        jinja2.PrefixLoader({"!theme": jinja2.FileSystemLoader(str(bundled / "templates"))}),
    ])


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
    for path in sorted(own.rglob("*")):
        name = path.relative_to(own).as_posix()
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
                                        f"nothing in it is shown", f"{_nearest(block, known)}rename it to one of theirs"))
    return problems


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
    for folder in theme_dirs(config):
        for path in sorted((folder / "templates").rglob("*")):
            name = path.relative_to(folder / "templates").as_posix()
            if not path.is_file() or name in seen:
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


def _nearest(name: str, names) -> str:
    """`did you mean `title`? ` for the one of `names` nearest a misspelled `name`, else ""."""
    close = difflib.get_close_matches(name, sorted(names), n=1)
    return f"did you mean `{close[0]}`? " if close else ""


def static_files(config: Config) -> tuple[dict[str, Path], list[Problem]]:
    """Output path -> source file for every theme static file (overrides win) and the site's `static/`
    (of the search's stemmers, only the one the site uses: plan/search.py needed_static), and a warning for each
    entry that is no plain file of the site's (_not_copied), which is left out."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    folders = [d / "static" for d in reversed(theme_dirs(config))] + [config.root / "static"]
    for folder in folders:
        if folder.is_dir():
            # (a link in a theme kept elsewhere and linked in, to a file of that theme, is the theme's own)
            own = (os.path.realpath(config.root), os.path.realpath(folder.parent))
            for path in sorted(folder.rglob("*")):
                # (hidden files, and an editor's scratch files: emacs keeps `extra.css~` beside what it saved)
                relative = path.relative_to(folder)
                name = "static/" + relative.as_posix()
                if (any(p.startswith(".") for p in relative.parts) or is_scratch(path.name)
                        or not needed_static(name, config)):
                    continue
                why = _not_copied(path, own)
                if why is None:
                    found[name] = path
                elif why:
                    problems.append(Problem(_site_name(path, config.root), None, f"not copied: {why[0]}", why[1]))
    return found, problems


_NOT_A_FILE = "remove it, or put the file it stands for there"


def _not_copied(path: Path, own: tuple[str, ...]) -> tuple[str, str] | str | None:
    """None for a plain file to copy, "" for a folder (rglob walks it), else why it is not copied and what to do.
    A named pipe is never opened (it would wait for a writer forever); a link is read as the file it points to,
    if that is in the site (or in the theme's folder): one out of it could publish any file of the computer."""
    link = path.is_symlink()
    try:
        found = path.stat()
    except OSError as exc:  # (a link to nowhere, a loop)
        return (f"cannot read the file: {exc.strerror}",
                "fix or remove the symbolic link" if link else "check its permissions")
    if stat.S_ISDIR(found.st_mode):  # (rglob does not follow a link to a folder: it could loop)
        return ("a link to a folder is not followed",
                "copy the folder in, or link its files one by one") if link else ""
    if not stat.S_ISREG(found.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(found.st_mode) else
                "a socket" if stat.S_ISSOCK(found.st_mode) else "a device")
        return f"{kind}, not a file", _NOT_A_FILE
    if link:
        target = os.path.realpath(path)
        if not any(target.startswith(folder + os.sep) for folder in own):
            return (f"a link to a file outside the site ({target}): only the site's own files are published",
                    "copy the file in, rather than link it")
    try:
        os.close(os.open(path, os.O_RDONLY))
    except OSError as exc:
        return f"cannot read the file: {exc.strerror}", "check its permissions"
    return None


def _site_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:  # (a bundled theme's file)
        return path.as_posix()


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
    for path in sorted(own.rglob("*")):
        if not path.is_file():
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


def provider_badges(site: Site) -> Mapping[str, ProviderBadge]:
    """The `providers` global: slug -> who each provider is (no counts: see model.ProviderBadge)."""
    return MappingProxyType({slug: provider.badge for slug, provider in site.providers.items()})


class _Environment(MemoEnvironment):
    def make_globals(self, d):
        """A template's globals as one dict (the environment's, and the template's over them) rather than
        Jinja's ChainMap of the two: a page looks globals up many times (each a Python-level loop through
        ChainMap's maps), and every `{% from ... import %}` computes `context keys - globals keys`, a loop
        over every global with ChainMap's keys view (a noticeable part of an article page), in C with a
        dict's. A dict does not see globals added to the environment afterwards: make_env sets
        them all before any template is loaded, and every build makes a new environment."""
        return {**self.globals, **(d or {})}


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled in this process, shared by every environment it makes (serve makes one per
    build; a test run makes thousands, for hundreds of sites): compiling the default theme costs far
    more than rendering a small site with it. Jinja keys each by template name and file, and checks it
    against a hash of the template's text, so an edited template is compiled again.

    Compiled code follows from the text alone: the filters that read the config take the context, so Jinja
    cannot work them out when it compiles (_of_the_config: `{{ 'static/css/site.css'|url }}` would become
    "/repo/static/css/site.css", base_url being the first site's), and the environment's settings are the
    same for every site. At most MAX_ENTRIES are kept, emptied when full: the cache only saves time."""

    MAX_ENTRIES = 2_000

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # resets the bucket if the source's hash differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if len(self._code) >= self.MAX_ENTRIES:
            self._code.clear()
        self._code[bucket.key] = bucket.bytecode_to_string()

    def add(self, code: Mapping[str, bytes]) -> None:
        """Code compiled by another process (`of`: the build cache keeps it for the next `newsdesk build`, where
        compiling the theme was a large part of a small edit's build). Jinja loads it only for a template whose
        name, file and text are those it was compiled from, by the same Jinja and Python (its header)."""
        for key, data in code.items():
            if key not in self._code:
                if len(self._code) >= self.MAX_ENTRIES:
                    self._code.clear()
                self._code[key] = data

    def of(self, templates: Iterable[jinja2.Template]) -> dict[str, bytes]:
        """The code of these templates, loaded or compiled, by Jinja's key (for `add` in another process)."""
        found = {}
        for template in templates:
            key = self.get_cache_key(template.name, template.filename)
            if key in self._code:
                found[key] = self._code[key]
        return found


_COMPILED = CompiledTemplates()


def make_env(config: Config, site: Site, fragments: dict | None = None,
             copies: LocalCopies | None = None) -> jinja2.Environment:
    """The environment one build renders with; `fragments`: the outputs of macro calls kept from the last build,
    for one whose site-wide values and templates are the same (else a new dict); `copies`: the copies of
    pictures that `newsdesk pictures` made."""
    env = _Environment(loader=theme_loader(config), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, undefined=ThemeUndefined,  # a misspelt field is an error
                       auto_reload=False,  # a new environment per build: no need to stat templates on every include
                       # (a theme's templates are few: kept in a dict, not Jinja's LRU, which takes a lock and
                       # moves the name in its queue on every include and import of every page)
                       cache_size=-1,
                       bytecode_cache=_COMPILED, fragments=fragments)
    base_path = config.base_path
    zone = config.zone
    words = load_words(config)

    def url(path: str) -> str:
        """Link to a page or file of this site (root-relative, so it works under a base_url path)."""
        if path.startswith(("http://", "https://")):
            return path
        return base_path + path.lstrip("/")

    # A page makes several absolute links, most of them the same on every page (the feeds') or asked again on
    # the same page (its own URL, its picture's): each is worked out once. Small: the repeats are recent ones.
    # (Typed: a str and its Markup are written apart.)
    @lru_cache(maxsize=1 << 12, typed=True)
    def absolute(path: str) -> str:
        return origin_url(config.base_url, url(path))

    def local(moment: datetime) -> datetime:
        return moment.astimezone(zone)

    # A story's date is written on its page, its cards and the lists beside other stories: each moment is
    # written once per format. (Moments are aware: equal ones are one instant, written alike in `zone`; typed,
    # as a Day, a day written alone, is written apart from the same instant written with its time.)
    @lru_cache(maxsize=1 << 15, typed=True)
    def isodate(moment: datetime) -> str:
        return html_datetime(local(moment))

    @lru_cache(maxsize=1 << 15, typed=True)
    def date(moment: datetime, fmt: str | None = None) -> str:
        if isinstance(moment, Day) and fmt == "time":  # (a day alone: no time of it made up)
            fmt = "long"
        return words.date(local(moment), fmt)

    # Scores are written two or three times on every card and story page: each number once (per type).
    number = lru_cache(maxsize=1 << 12, typed=True)(words.number)

    @jinja2.pass_context
    def internal(context, link: str) -> str:
        """The path of the site's own page for an outside URL, if the site has that story and the page
        shows it (Page.items: an article page shows the related coverage the site has). So what it
        returns follows from the page's items, which its fingerprint covers: a story moved or added
        changes the pages that show it, not every page that could call this (every story page)."""
        shown = site
        index = shown.url_index.get(link)
        page = context.get("page")
        if index is None or page is None or index not in page.items:
            return ""
        return shown.items[index].path

    badges = provider_badges(site)
    plain = {key: text for key, text in words.entries.items() if isinstance(text, str)}

    def t(key: str, n=None, **values) -> str:
        """The theme's word `key` in the site's language (generator/i18n.py), its `{name}`s filled with `values`
        and `{n}` with the count `n`. Text, escaped once by autoescaping; with HTML among the values (a
        `{% set %}` block's link), HTML: the word escaped here, the values as they are or escaped."""
        if n is None and not values:
            text = plain.get(key)
            if text is not None:  # (most words: nothing to choose or fill)
                return text
        try:  # (each value with its type: 1 and True, a text and its Markup, are equal and written apart)
            return filled(key, n, *[(name, type(value), value) for name, value in values.items()])
        except TypeError:  # a value that is no key (a list): filled every time
            return translate(words, key, n, values)

    # A word filled in is the same for the same values: a card's meter label, "More from <provider>" on its
    # stories' pages, the footer on every page
    @lru_cache(maxsize=1 << 12, typed=True)
    def filled(key: str, n, *values: tuple) -> str:
        return translate(words, key, n, {name: value for name, _, value in values})

    def search_words() -> dict:
        """The words static/search/search.js shows, for the search page's JSON block; `english`: those of them
        shown in English for a partial words file (i18n.Words.english), which it marks as word_lang does, and
        `date_short` when the results' dates (the index's, written as the cards') are English (date_lang)."""
        english = [key for key in SEARCH_WORDS if key in words.english] + ["date_short"] * bool(date_lang("short"))
        return {**{key: words.entries.get(key, key) for key in SEARCH_WORDS}, "language": words.speaks,
                "english": sorted(english)}

    # (the same text on every page, made once: the pages' fingerprints hold the words through words.digest)
    # (and the digits its counts are written in, for a language that writes others than 0-9: Persian's ۰-۹)
    ago_words = Markup(json_script({**{key: words.entries[key] for key in AGO_WORDS if key in words.entries},
                                    **({"number_digits": words.entries["number_digits"]} if words.digits else {}),
                                    "english": sorted(key for key in AGO_WORDS if key in words.english)})
                       .replace("'", "\\u0027"))

    def relative_time_words() -> Markup:
        """The words static/js/relative-times.js writes recent dates in ("3 hours ago": `minutes_ago`, `hours_ago`,
        `days_ago`, each its plural forms, `yesterday`, `day_before_yesterday` and `today`; `number_digits` where
        they are not 0-9; `english`: those of them shown in English for a partial words file, which it marks as
        word_lang does), as JSON for its script element's single-quoted `data-ago` (', <, > and & written as JSON
        escapes)."""
        return ago_words

    def publisher(ref) -> dict:
        """The Organization a story's JSON-LD names as publisher (and author, when it names none), from the item's
        ProviderRef (or None): its home page as the feeds and the API give it, a port of its own kept."""
        provider = badges.get(ref.slug) if ref is not None else None
        if provider is None:
            return {"@type": "Organization", "name": config.title, "url": config.base_url}
        organization = {"@type": "Organization", "name": provider.name}
        if provider_home(ref):
            organization["url"] = provider_home(ref)
        if provider.logo:
            organization["logo"] = {"@type": "ImageObject", "url": absolute(provider.logo.url)}
        return organization

    def news_article(item) -> dict:
        """A story as schema.org's NewsArticle, for its JSON-LD: `{{ news_article(item)|json_script }}`.
        Python rather than template code: building the nested dicts in Jinja was a large part of a story page."""
        organization = publisher(item.provider)
        page_url = absolute(item.path)
        article = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": item.title,
            "description": item.excerpt, "datePublished": _published(local(item.published)),
            "url": page_url, "mainEntityOfPage": page_url, "inLanguage": item.language or config.language,
            "publisher": organization,
            "author": {"@type": "Person", "name": item.author} if item.author else organization,
        }
        if not article["inLanguage"]:  # (none declared: not an empty language)
            del article["inLanguage"]
        if not item.excerpt:  # (none written: not an empty description)
            del article["description"]
        if item.images:
            article["image"] = [absolute(image.url) for image in item.images]
        if item.topics:
            names = [site.topics[slug].name for slug in item.topics]
            article.update(keywords=names, articleSection=names[0])
        if item.link:
            article["isBasedOn"] = item.link
        return article

    # A site in a language the theme has no words for (`ko`) shows them in English: the body says so, and the
    # content (titles, excerpts, names, the site's own title) says it is in the site's language, so that a screen
    # reader reads each in its own voice. Nothing is marked when the words are the content's language.
    mixed = words.speaks.lower() != (config.language or "").lower()
    words_lang = Markup(f' lang="{escape(words.speaks)}"') if mixed else ""
    content_lang = Markup(f' lang="{escape(config.language)}"') if mixed else ""

    def head_lang(kind: str):
        """words_lang for the head's elements that hold a page's title or description when the theme's words
        name the page (Latest, Topics, Search, a list by type, 404 ...): their language, which RDFa takes for the
        Open Graph tags' text. A home, story, topic or provider page is named by its content, in the document's
        language (`<html lang>`, the site's); so is the mixed `<title>` ("Latest · <site title>"), which browsers
        give screen readers in the document's language whatever its own `lang`."""
        return "" if kind in ("home", "article", "topic", "provider") else words_lang

    english = Markup(' lang="en"')

    def shown_in_english(keys) -> bool:
        return bool(words.english) and all(key in words.english for key in keys)

    def word_lang(*keys: str, inside=()):
        """` lang="en"` for an element that holds only these words when each is shown in English on a page of
        another language (keys the site's words file lacks: i18n.Words.english), so that a screen reader reads
        them in an English voice; else nothing (and nothing where the whole body is English: words_lang).
        `inside`: the key (or keys) of a label or heading around the element that is itself marked English (the
        header's "Sections" over its links): then it is the element of words the file translates that says the
        page's language again, as content_lang_in does for the content."""
        if inside and shown_in_english((inside,) if isinstance(inside, str) else inside):
            return "" if shown_in_english(keys) else site_lang
        return english if shown_in_english(keys) else ""

    def word_span(text, *keys: str, inside=()):
        """A theme's word `text` (of `keys`) beside others or the content in one element (a provider's "12 stories ·
        average quality 70"), in a <span> of word_lang(*keys, inside=inside) when that marks it, else as it is."""
        marked = word_lang(*keys, inside=inside)
        return Markup(f"<span{marked}>{escape(text)}</span>") if marked else text

    @lru_cache(maxsize=16)
    def date_lang(fmt: str | None = None):
        """word_lang for a date written by the `date` filter in `fmt`: of the names it writes (months ...), or of
        its format when it writes none, so that "20 November 2026" of a words file without month names is read
        in English and a date of its own names in the page's language."""
        written = words.text(f"date_{fmt or 'long'}") if not fmt or "%" not in fmt else fmt
        names = [DATE_NAMES[code] for code in re.findall(r"%([BbAa])", written)]
        return word_lang(*names) if names else word_lang(f"date_{fmt or 'long'}") if "%" not in (fmt or "") else ""

    site_lang = Markup(f' lang="{escape(config.language)}"') if config.language else ""

    def content_lang_in(*keys: str):
        """content_lang for content inside an element that word_lang(*keys) marks English (a card's topics under
        their "Topics" label, the provider in "More from {provider}"): the site's language again, so that a
        screen reader reads the label in English and the names in their own voice."""
        return site_lang if word_lang(*keys) else content_lang

    # The page's direction is that of the language its words are in (the body's): a Pashto site without Pashto
    # words reads as an English page, its own text in its own direction (the theme's `unicode-bidi: plaintext`),
    # not English words mirrored ("21 Nov 2026" shown as "Nov 2026 21")
    rtl = direction(words.speaks) == "rtl"

    def item_lang(item):
        """content_lang for an item's own text (its title, excerpt, body) on its card and page: its `language`, when
        it has one other than the site's, with its direction when that is not the page's (an Arabic story on an
        English site); else content_lang."""
        tag = item.language
        if not tag or tag.lower() == (config.language or "").lower():
            return content_lang
        written = direction(tag)
        return Markup(f' lang="{escape(tag)}"' + (f' dir="{written}"' if (written == "rtl") != rtl else ""))

    def isolated(text):
        """A name of the content in a <bdi>, which reads in the direction of its own first letter and keeps what is
        beside it in its place: an English provider's "Yahoo!" on an Arabic card (not "!Yahoo"), an Arabic
        sub-topic's "اقتصاد · 2 stories" on an English page (not "2 · اقتصاد stories")."""
        return Markup(f"<bdi>{escape(text)}</bdi>")

    def in_site_language(text, *keys: str):
        """A name or text of the content inside a theme's sentence, in a <span> of content_lang_in(*keys) when that
        is not empty, else as it is; isolated either way."""
        marked = content_lang_in(*keys)
        return isolated(Markup(f"<span{marked}>{escape(text)}</span>") if marked else text)

    @lru_cache(maxsize=256)  # (a site has a few types, each on many cards)
    def kind_badge(kind: str) -> tuple[str, str]:
        return badge(kind, words)

    def type_badge(kind: str, title: str = "") -> tuple[str, str]:
        """(text, word) of an item's type badge: types.badge; `word` "" for a type shown as the crawler wrote it;
        none before a `title` that names the type first (types.badge_before)."""
        return badge_before(title, kind_badge(kind))

    env.globals.update(url=url, absolute=absolute, internal=internal, version=__version__,
                       page_feed=page_feed, page_feed_word=page_feed_word, news_article=news_article, t=t,
                       search_words=search_words, relative_time_words=relative_time_words,
                       page_feed_name=lambda page, list_title="": page_feed_name(page, list_title, words),
                       first_image=first_image, facts=lambda item: facts(words, item),
                       picture=lambda images, width: picture(images, width, url, config.picture_resizer, copies),
                       pictures=pictures,
                       config=config, topics=site.topics, providers=badges, og_locale=og_locale(config.language),
                       # `<html dir>` of a language written right to left (nothing for left to right, the default)
                       html_dir=Markup(' dir="rtl"') if rtl else "",
                       words_language=words.speaks, words_lang=words_lang, content_lang=content_lang, item_lang=item_lang,
                       head_lang=head_lang, word_lang=word_lang, content_lang_in=content_lang_in, date_lang=date_lang,
                       type_badge=type_badge, type_word=title_word,
                       type_lists=tuple(titled(listed, words) for listed, _ in site.type_lists)
                       if config.type_lists else ())
    env.filters.update(
        # The same as the url() and absolute() functions, as filters: `{{ item.path|url }}`. The default theme
        # uses these (a page makes ~50 links): Jinja calls a filter directly, a function through its context.
        url=_of_the_config(url),
        absolute=_of_the_config(absolute),
        local=_of_the_config(local),
        isodate=_of_the_config(isodate),
        date=_of_the_config(date),
        number=number,
        json_script=json_script,
        host=host,
        truncate=_closing(env.filters["truncate"]),
        outline=outline,
        opens_with=opens_with,
        # a name in a theme's sentence ("More from {provider}"), marked as content_lang marks the content
        in_site_language=in_site_language,
        # a name of the content in a <bdi>, which reads in its own direction on a page of either
        isolated=isolated,
        # a theme's word beside other text in one element, marked as word_lang marks an element
        word_span=word_span,
        # how wide a text is drawn, in Latin letters (a Chinese, Japanese or Korean letter counts 2): a headline's
        # measure of `long`, as search.js's
        text_width=text_width,
    )
    # `published is day`: a date given without a time (isotime.Day), whose time a theme's own format leaves out
    env.tests["day"] = _is_day
    return env


def _is_day(value) -> bool:
    return isinstance(value, Day)


def _of_the_config(function):
    """A filter whose value follows the site's config (base_url, timezone). Jinja works out a filter of
    constant arguments when it compiles (`{{ 'static/css/site.css'|url }}`) unless the filter takes the
    template's context: so this one does, and a compiled template holds nothing of the config it was first
    compiled for (CompiledTemplates shares it between sites)."""
    @jinja2.pass_context
    def filter_(_context, *args):
        return function(*args)
    return filter_


def _closing(truncate):
    """Jinja's `truncate`, cut between two grapheme clusters (text.cut_clusters: a text without a space where it
    is cut split a flag or a family emoji), and with each direction override or isolate that the cut takes the
    end of closed before its ellipsis: the model closes what a field leaves open (text.bidi_closed), and a cut
    excerpt lost that close, which turned its ellipsis and anything after it in a link preview's or a card's
    line around."""
    @jinja2.pass_environment
    def truncate_(env, text, *args, **kwargs):
        cut = truncate(env, text, *args, **kwargs)
        if cut == text or not isinstance(cut, str) or not isinstance(text, str):
            return cut
        end = kwargs.get("end", args[2] if len(args) > 2 else "...")
        tail = end if end and cut.endswith(end) else ""
        kept = cut[:len(cut) - len(tail)]
        if not cluster_boundary(text, len(kept)) and text.startswith(kept):
            kept = cut_clusters(text, len(kept))
        return type(cut)((bidi_closed(kept) if BIDI.search(kept) else kept) + tail)
    return truncate_


def host(url: str) -> str:
    """The host a link leads to, as a page names it ("Watch the video on ..."): the host alone, as the browser
    reads it, so that `https://bbc.co.uk@evil.example/` is named evil.example, not "bbc.co.uk@evil.example";
    an international name in its ASCII form, as the browser sends it, so that no look-alike letter
    (a Cyrillic "а" in "аpple.com") names another site (hosts.ascii_host). A host name alone (a provider's
    domain) is named so too."""
    return ascii_host(host_of(url) if "://" in url else url)


def opens_with(body: str, text: str) -> bool:
    """Whether an HTML body's words begin with a plain `text` (an excerpt, cut or not, with its ellipsis): a
    page that shows both would say the same words twice, as when a feed's summary, kept for its links, is the
    body and the excerpt. (Its start only: a body may be a book.)"""
    words = " ".join(text.removesuffix("…").removesuffix("...").split())
    if not body or not words:
        return False
    start = body[:len(body) if len(body) < 4096 else 8 * len(words) + 2048]
    wanted = words.casefold()
    # (from the body's first paragraphs, as a rule: all of it only when they are shorter than the words)
    shown, whole = plain_start(start, 2 * len(words) + 64)
    # (its no-break spaces as spaces, as the words': a French body's are typeset, typography.py, and so may be
    # the excerpt's, or not, as a crawler wrote it)
    shown = " ".join(shown.split()).casefold()
    if not whole and len(shown) < len(wanted) and wanted.startswith(shown):
        shown = " ".join(plain_text(start).split()).casefold()
    return shown.startswith(wanted)


def first_image(items) -> object | None:
    """The first image of the first of `items` that has one (a list page's picture for link previews)."""
    return next((item.image for item in items if item.image), None)


def page_feed(page: Page) -> str:
    """The feed a page offers, as feeds.feed_path names it (no extension): its topic's or provider's
    own, Top's on Top, else Latest's. Python rather than a theme macro: every page asks, several times."""
    if page.kind in ("type", "topic", "provider"):
        return feed_path(page.kind, page.key)
    return feed_path("top" if page.kind == "top" else "latest")


def page_feed_word(page: Page) -> str:
    """The theme's word that names page_feed(page): a type list's title word (`type_video`), or "" for a list's
    own feed named by its list's title, the content's (a topic's, a provider's, a type's own: "Webinar")."""
    if page.kind == "type":
        return title_word(page.key)
    if page.kind in ("topic", "provider"):
        return ""
    return "top_stories" if page.kind == "top" else "latest_stories"


def page_feed_name(page: Page, list_title: str = "", words: Words = Words()) -> str:
    """The title of page_feed(page), for its <link rel=alternate> and the feed icon."""
    return words.t(page_feed_word(page)) if page_feed_word(page) else list_title


# The words search.js shows (it reads them from the block with_search_words puts into the search page).
SEARCH_WORDS = ("search_longer", "search_did_you_mean", "search_none", "search_found", "search_partial",
                "search_unavailable", "heat", "hot_signal", "meter_label", "sources", "also_covered", "topics",
                "number_decimal", "number_group", "number_group_from", "number_digits",
                *(f"badge_{kind}" for kind in (*KNOWN, OTHER)))


# The words relative-times.js writes recent dates in (its script element's data-ago: relative_time_words).
AGO_WORDS = ("minutes_ago", "hours_ago", "days_ago", "yesterday", "day_before_yesterday", "today")


def _published(moment: datetime) -> str:
    """schema.org's datePublished: a Date for a day written alone (isotime.Day), else a DateTime."""
    return moment.date().isoformat() if isinstance(moment, Day) else whole_minute_offset(moment).isoformat()


# strftime's codes of names -> the words' lists of those names (i18n.Words.date)
DATE_NAMES = {"B": "months", "b": "months_short", "A": "weekdays", "a": "weekdays_short"}


def translate(words: Words, key: str, n, values: dict):
    """Template's t(): see make_env."""
    text = words.text(key, n)
    if n is not None:
        values.setdefault("n", n)
    if any(isinstance(value, Markup) for value in values.values()):
        return Markup(fill(str(escape(text)), values,
                           lambda value: str(escape(value if isinstance(value, Markup) else words.show(value)))))
    return fill(text, values, words.show)


_HEADING = re.compile(r"<(/?)h([1-6])>")


def outline(html: str, top: int = 2) -> str:
    """Renumber an HTML fragment's headings to start at `top` and never skip a level.

    Bodies are written with any heading levels (often `###` first); placed under the page's
    h1 they must go on at h2 without gaps, or screen-reader outlines (and the HTML checker) break.
    """
    levels = sorted({int(level) for _, level in _HEADING.findall(html)})
    if not levels:
        return html
    rank = {level: top + i for i, level in enumerate(levels)}
    previous, opened = top - 1, []

    def swap(match: re.Match) -> str:
        nonlocal previous
        if match.group(1):  # a closing tag closes the heading opened last
            return f"</h{opened.pop() if opened else rank[int(match.group(2))]}>"
        previous = min(rank[int(match.group(2))], previous + 1, 6)
        opened.append(previous)
        return f"<h{previous}>"

    return _HEADING.sub(swap, html)


def json_script(value) -> str:
    """JSON for a <script> element: <, > and & are escaped so no text can close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return jinja2.utils.markupsafe.Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def with_search_words(env: jinja2.Environment, html: str) -> str:
    """The search page with the words its script shows (static/search/search.js reads them from this block, and has
    no copy of its own): put in by the build, so that every search page has them, a theme's own copy of search.html
    too (one that writes the block itself, as the default theme's did, keeps its own)."""
    if 'id="search-words"' in html:
        return html
    block = f'<script type="application/json" id="search-words">{json_script(env.globals["search_words"]())}</script>\n'
    end = html.rfind("</body>")
    return html[:end] + block + html[end:] if end >= 0 else html + block


def render_page(env: jinja2.Environment, page: Page, tested: set | None = None) -> str:
    """The page's HTML; `tested`: each test of a field a value lacks is added to it, with the page's template
    (tested_warnings says them)."""
    try:
        template = env.get_template(page.template)
        if tested is None:
            html = template.render(page.context, page=page)
        else:
            with noting_tests(set(), TemplateFiles(env)) as found:
                html = template.render(page.context, page=page)
            if found:
                tested.update((page.template, *test) for test in found)
        return with_search_words(env, html) if page.kind == "search" else html
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(Problem(_template_name(exc.filename, exc.name), exc.lineno, f"template syntax error: {exc.message}",
                                 _newsdesks_own(env, _template_frames(exc), exc.filename, report=_REPORT_ERROR)
                                 or _what_to_do(env, page, str(exc.message))))
    except jinja2.TemplateNotFound as exc:
        raise BuildError(_not_found(env, page, exc)) from exc
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


def _short(filename: str) -> str:
    """A template's file as a message names it: from the folder the command runs in, where it is below it; else
    newsdesk's own (a bundled template the site has no copy of) as installed, whole, since from `themes/` on it
    would read as the site's copy, a file the site does not have; else the site's from its `themes/`."""
    path = Path(filename)
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        parts = path.parts
        return path.as_posix() if in_bundled_themes(path) or "themes" not in parts else \
            "/".join(parts[parts.index("themes"):])


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
