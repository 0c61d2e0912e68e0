"""Old addresses: each item's `aliases` and config.yaml's `redirects`, planned as small pages at the old paths that
send readers on to the new ones (GitHub Pages has no server redirects): a meta refresh of 0 seconds, the canonical
link and `noindex` for search engines, and a plain link for readers whose browser does not refresh. They are files
of the site, not pages: no sitemap lists them, and the build report lists them as redirects.

An old address is a site path (urls.old_path), under `base_url` as every page is. One that would be a file or a
folder of the site already (a page, a feed, a static file), or another's old address, is an error at its line:
no redirect is written there, and the rest of the site builds. The first one given keeps an address: config.yaml's
before the items', the items' in their files' order.
"""

from __future__ import annotations

import difflib
import html
from typing import Iterable, Sequence
from urllib.parse import quote

from generator.config.lines import config_node, node_line
from generator.config.values import Config
from generator.errors import Problem, Unwritten
from generator.frozen import record
from generator.plan.pages import FileOutput, Page
from generator.site.content import entry_line, key_lines
from generator.site.fields import MAX_ALIASES
from generator.site.identities import identity_of, topic_identity
from generator.site.model import Site
from generator.urls import old_output, old_path, site_url


@record
class Redirect:
    """One old address of the site and the page it sends readers to."""

    path: str  # the old address's site path (urls.old_path): `old/story/`, `old/page.html`
    to: str  # the site path of the page it sends readers to ("" for the front page)
    source: str  # the file that asks for it: an item's, or config.yaml

    @property
    def output(self) -> str:
        return old_output(self.path)


@record
class Redirects:
    redirects: tuple[Redirect, ...] = ()
    outputs: tuple[FileOutput, ...] = ()
    problems: tuple[Problem, ...] = ()  # old addresses that are the site's own, or another's, or name no page


def plan_redirects(site: Site, pages: Sequence[Page], outputs: Iterable[FileOutput], copies: Iterable[str],
                   config: Config) -> Redirects:
    """The redirect pages of the site's old addresses, and what is wrong with those that cannot have one.
    `outputs` and `copies`: the names of the site's other files, which no old address may take."""
    if not config.redirects and not any(item.aliases for item in site.items):
        return Redirects()
    taken = _Taken(pages, outputs, copies, config)
    by_url = {page.url: page for page in pages if page.kind != "404"}
    redirects, made, problems = [], [], []

    def add(path: str, page: Page, source: str) -> None:
        redirects.append(Redirect(path, page.url, source))
        made.append(FileOutput.constant(old_output(path), redirect_page(config, page.url, page.title)))
        taken.add(old_output(path), source)

    for number, (old, new) in enumerate(config.redirects):
        page = by_url.get(new if ":" not in new else _named_page(site, new))
        clash = taken.clash(old_output(old))
        if page is None or clash:
            line = _redirect_line(config, old)
            if clash:
                problems.append(Unwritten(config.path, line, f"`redirects`: the old address /{old} is {clash}: no "
                                        "redirect is written there", "remove the line: that address is in use"))
            else:
                problems.append(Unwritten(config.path, line, f"`redirects`: /{old} goes to {_shown(new)}, which is "
                                        "no page of the site: no redirect is written",
                                        f"{_close(new, by_url, site)}write the path of one of its pages "
                                        "(`/providers/der-spiegel/`), or name it by what it shows: "
                                        "`{provider: ...}`, `{topic: ...}`, `{type: ...}`"))
            continue
        add(old, page, config.path)
    articles = {page.key: page for page in pages if page.kind == "article"}
    for item in sorted((item for item in site.items if item.aliases), key=lambda item: item.source):
        for old in item.aliases:
            clash = taken.clash(old_output(old))
            if clash:
                problems.append(Unwritten(item.source, _alias_line(config, item.source, old),
                                        f"the old address /{old} in `aliases` is {clash}: the story is published, "
                                        "without a redirect there", "remove it from `aliases`: that address is in use"))
            else:
                add(old, articles[item.source], item.source)
    return Redirects(tuple(redirects), tuple(made), tuple(problems))


def redirect_page(config: Config, path: str, title: str) -> bytes:
    """The redirect page to the site's page at `path`, titled `title` (plain text)."""
    url = html.escape(site_url(config.base_url, path))
    title = html.escape(title, quote=False) or url
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(config.language)}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{title}</title>\n<meta name="robots" content="noindex">\n<link rel="canonical" href="{url}">\n'
            f'<meta http-equiv="refresh" content="0; url={url}">\n</head>\n<body>\n'
            f'<p><a href="{url}">{title}</a></p>\n</body>\n</html>\n').encode("utf-8")


class _Taken:
    """The site's file names, and the folders they are in, compared as case-insensitive file systems do (a site
    is checked out on macOS and Windows too): what an old address's page may not be written as."""

    def __init__(self, pages: Sequence[Page], outputs: Iterable[FileOutput], copies: Iterable[str], config: Config):
        self.pages = {page.output.casefold(): page for page in pages}
        self.files = {name.casefold(): name for name in (*(output.name for output in outputs), *copies)}
        self.files.update({name: page.output for name, page in self.pages.items()})
        self.folders: set[str] = set()
        for name in self.files:
            self._add_folders(name)
        self.own = ("static", "search") if config.search else ("static",)  # (copied files', the search index's)
        self.old: dict[str, str] = {}  # old addresses' pages -> the file that asks for them

    def _add_folders(self, name: str) -> None:
        at = name.rfind("/")
        while at > 0 and name[:at] not in self.folders:  # (its parents are in already when it is)
            self.folders.add(name[:at])
            at = name.rfind("/", 0, at)

    def add(self, name: str, source: str) -> None:
        self.old[name.casefold()] = source
        self._add_folders(name.casefold())

    def clash(self, name: str) -> str:
        """What the file `name` would be in the way of, as a message says it; "" for nothing."""
        key = name.casefold()
        if key in self.old:
            return f"also an old address that {self.old[key]} gives"
        if key in self.pages:
            page = self.pages[key]
            return (f"the address of the page of {page.key}" if page.kind == "article" else
                    f"the address of the site's page “{page.title}” (/{page.url})")
        if key in self.files:
            return f"a file of the site ({self.files[key]})"
        above = [key[:at] for at in range(len(key)) if key[at] == "/"]
        if above and above[0] in self.own:
            return f"in the site's own folder {above[0]}/"
        if key in self.folders or any(folder in self.files or folder in self.old for folder in above):
            return "in the way of the site's files (a folder of them, or one of them where a folder is needed)"
        return ""


def _named_page(site: Site, target: str) -> str | None:
    """The path of the page a `redirects:` target names by what it shows (`provider: Der Spiegel`), or None."""
    kind, _, name = target.partition(": ")
    wanted = name.casefold()
    if kind == "provider":
        for slug, provider in site.providers.items():
            # (a French site's name is typeset, a no-break space where config.yaml writes a space: identity_of)
            if wanted in (slug, provider.domain.casefold()) or identity_of(name) == identity_of(provider.name):
                return f"providers/{slug}/"
    elif kind == "topic":
        for slug, topic in site.topics.items():
            if wanted == slug or topic_identity(name) == topic_identity(topic.name):
                return f"topics/{slug}/"
    elif kind == "type":
        for listed, _ in site.type_lists:
            if wanted in (listed.key, listed.path.strip("/"), listed.title.casefold()):
                return listed.path
    return None


def _shown(target: str) -> str:
    return f"the {target.replace(': ', ' `', 1)}`" if ":" in target else f"/{target}"


def _close(target: str, by_url: dict, site: Site) -> str:
    """`did you mean ...? ` with the page most like a target that names none, or ""."""
    if ":" in target:
        kind, _, name = target.partition(": ")
        names = {"provider": [p.name for p in site.providers.values()], "topic": [t.name for t in site.topics.values()],
                 "type": [listed.key for listed, _ in site.type_lists]}[kind]
        close = difflib.get_close_matches(name, names, 1, 0.6)
        return f"did you mean `{{{kind}: {close[0]}}}`? " if close else ""
    close = difflib.get_close_matches(target, [url for url in by_url if url], 1, 0.6)
    return f"did you mean /{close[0]}? " if close else ""


def _redirect_line(config: Config, old: str) -> int | None:
    """The line of config.yaml's `redirects:` that gives the old address `old`."""
    root = config_node(config.root / config.path)
    for key, section in getattr(root, "value", ()):
        if key.value == "redirects":
            for entry, _ in getattr(section, "value", ()):
                if old_path(entry.value)[0] == old:
                    return node_line(entry)
            return node_line(key)
    return None


def _alias_line(config: Config, source: str, old: str) -> int | None:
    """The line of an item's `aliases` that gives the old address `old` (as written: with or without its slashes,
    percent-encoded or not), else the line of `aliases:`."""
    found = key_lines(config.root, source, {"aliases", "redirect_from"})  # (the name keys.py reads it by too)
    key = found.get("aliases") or found.get("redirect_from")
    if key is None:
        return None
    return entry_line(config.root, source, key, (old.strip("/"), quote(old.strip("/"))), MAX_ALIASES)
