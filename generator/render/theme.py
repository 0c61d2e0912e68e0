"""The theme: its folders (`theme_dirs`), its templates' loader (`theme_loader`) and its static files with the
site's (`static_files`), each file checked before it is copied (`_not_copied`).

Theme lookup, first match wins (like Pelican's THEME_TEMPLATES_OVERRIDES):
  1. the site's own `themes/<theme>/templates/` and `static/`
  2. the bundled theme of that name (shipped inside the package)
  3. the bundled `default` theme
An override can extend the template it replaces with `{% extends "!theme/base.html" %}`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import jinja2

from generator.config.checks import bundled_theme_gone
from generator.config.values import Config, bundled_theme_dir, in_bundled_themes, linked_out, own_folders
from generator.errors import BuildError, Problem
from generator.plan.search_stems import needed_static
from generator.site.scratch import is_scratch
from generator.urls import UNPUBLISHABLE, publishable_name


def theme_dirs(config: Config) -> list[Path]:
    """Theme folders from highest to lowest precedence (duplicates removed)."""
    candidates = [config.root / "themes" / config.theme, bundled_theme_dir(config.theme), bundled_theme_dir("default")]
    seen: list[Path] = []
    for path in candidates:
        if path is not None and path.is_dir() and path.resolve() not in [p.resolve() for p in seen]:
            seen.append(path)
    return seen


def theme_loader(config: Config) -> jinja2.BaseLoader:
    """The theme's templates, as theme_dirs orders them, and the bundled theme's as `!theme/<name>`."""
    bundled = bundled_theme_dir(config.theme) or bundled_theme_dir("default")
    if bundled is None:  # newsdesk's own files went after it started: a `pip install` while `newsdesk serve` ran
        raise BuildError(bundled_theme_gone())
    return jinja2.ChoiceLoader([
        _OwnTemplates([str(d / "templates") for d in theme_dirs(config)], config.root, config.theme),
        jinja2.PrefixLoader({"!theme": jinja2.FileSystemLoader(str(bundled / "templates"))}),
    ])


class LinkedOut(jinja2.TemplateError):
    """A template that is a link (or in a folder that is one) out of the site and its theme's folder."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class _OwnTemplates(jinja2.FileSystemLoader):
    """Templates read only from the site and its theme's folder (a link out of them is refused, as static_files's)."""

    def __init__(self, searchpath: list[str], root: Path, theme: str):
        super().__init__(searchpath)
        self.root, self.own = root, own_folders(root, theme)

    def get_source(self, environment, template):
        found = super().get_source(environment, template)
        target = linked_out(Path(found[1]), self.own)
        if target:
            raise LinkedOut(Problem(_site_name(Path(found[1]), self.root), None,
                                    f"a link to a file outside the site ({target}): a template is read only from "
                                    "the site or its theme's folder", "copy the file in, rather than link it"))
        return found


def static_files(config: Config) -> tuple[dict[str, Path], list[Problem]]:
    """Output path -> source file for every theme static file (overrides win) and the site's `static/`
    (of the search's stemmers, only the one the site uses: plan/search_stems.py needed_static), and a warning for each
    entry that is no plain file of the site's (_not_copied), which is left out."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    folders = [d / "static" for d in reversed(theme_dirs(config))] + [config.root / "static"]
    own = own_folders(config.root, config.theme)
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                # (hidden files, and an editor's scratch files: emacs keeps `extra.css~` beside what it saved)
                relative = path.relative_to(folder)
                name = "static/" + relative.as_posix()
                if (any(p.startswith(".") for p in relative.parts) or is_scratch(path.name)
                        or not needed_static(name, config)):
                    continue
                why = _not_copied(path, own)
                if why is None and not publishable_name(name):  # (a folder's files name it: said of each)
                    why = UNPUBLISHABLE, "rename the file: letters, digits, `-`, `_` and `.` are safe"
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
    target = linked_out(path, own)  # (a link itself, or in a folder that is one: `static -> ~`)
    if target:
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
