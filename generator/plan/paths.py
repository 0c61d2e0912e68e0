"""Two outputs never share a path: the one check over every file the plan writes (pages, feeds and other
files, copies), made once all their paths are known and before anything is written.

Names are compared as a case-insensitive file system takes them (case folded, Unicode composed): GitHub Pages
serves `Logo.png` and `logo.png` apart, but a site built, served or cloned on macOS or Windows writes one over
the other, and what is deployed from there has one of them. So:

- two of newsdesk's own outputs (pages, files it makes, its bundled theme's files) alike: newsdesk's bug, a
  BuildError before the output folder is touched;
- a site's file (its `static/`, its theme's, a data_dir logo) alike one of newsdesk's: the file is left out with
  a problem, as it would be written over a page or script that the site needs (or they over it);
- two of the site's files alike: the same name from two places (a logo and a `static/` file) leaves the later out
  with a problem; names alike but for case are both written, with a warning, as GitHub Pages serves both;
- a site's file that Windows cannot hold (urls.windows_refuses: `aux.css`, `a:b.txt`): written, with a warning.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.config.values import in_bundled_themes
from generator.errors import BuildError, Problem
from generator.plan.pages import FileOutput, Page
from generator.urls import WINDOWS_REFUSES, windows_refuses


def folded(name: str) -> str:
    """One key for the names a case-insensitive file system takes for one (macOS and Windows)."""
    return (name if name.isascii() else unicodedata.normalize("NFC", name)).casefold()


def checked_copies(pages: Iterable[Page], outputs: Iterable[FileOutput], copies: Iterable[Mapping[str, Path]],
                   root: Path) -> tuple[dict[str, Path], list[Problem], list[Problem]]:
    """The files to copy (output name -> file, from each mapping of `copies` in turn: the theme's and site's
    `static/`, data_dir logos, picture copies) that share no path with another output, the problems of those
    left out and the warnings of names alike but for case; BuildError when two of newsdesk's own outputs do."""
    made: dict[str, Page | FileOutput | Path] = {}  # folded name -> what makes it (said only for a clash)
    ours: list[Problem] = []
    for page in pages:
        _take(made, page.output, page, ours, root)
    for output in outputs:
        _take(made, output.name, output, ours, root)
    entries = [(name, path, in_bundled_themes(path)) for group in copies for name, path in sorted(group.items())]
    kept: dict[str, Path] = {}
    for name, path, _ in (entry for entry in entries if entry[2]):
        _take(made, name, path, ours, root)
        kept[name] = path
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for name, path, _ in (entry for entry in entries if not entry[2]):
        key = folded(name)
        other = made.setdefault(key, path)
        if other is path:
            kept[name] = path
        elif isinstance(other, Path) and not in_bundled_themes(other) and name not in kept:
            first = next(n for n in kept if folded(n) == key)
            warnings.append(Problem(_shown(path, root), None, f"{name} and {first} differ only in case: on macOS "
                                    "and Windows a copy of the built site has one of them", "rename one of the files"))
            kept[name] = path
        else:
            problems.append(Problem(_shown(path, root), None, f"would be written as {name}, the path of "
                                    f"{_said(other, root)} (or alike but for case: one file on macOS and Windows): "
                                    "left out", "rename the file, or move it to another folder"))
    for name, path, bundled in entries:  # (served by GitHub Pages: published, as names alike but for case are)
        if not bundled and kept.get(name) is path and windows_refuses(name):
            warnings.append(Problem(_shown(path, root), None, f"Windows cannot hold {name} ({WINDOWS_REFUSES}): a "
                                    "copy of the built site there lacks it", "rename the file"))
    if ours:
        raise BuildError(ours, "two of newsdesk's own outputs share a path")
    return kept, problems, warnings


def _take(made: dict, name: str, maker: Page | FileOutput | Path, clashes: list[Problem], root: Path) -> None:
    other = made.setdefault(folded(name), maker)
    if other is not maker:
        # (at the item's file where a story's page is one of them: the item that made it)
        where = next((p.key for p in (maker, other) if isinstance(p, Page) and p.kind == "article"), name)
        clashes.append(Problem(where, None, f"{_said(maker, root)} and {_said(other, root)} would both be written "
                               f"as {name}", "this is newsdesk's bug: report it with the two named, and meanwhile "
                               "rename what made one of them"))


def _said(maker: Page | FileOutput | Path, root: Path) -> str:
    if isinstance(maker, Page):
        return f"the {maker.kind} page" + (f" of {maker.key}" if maker.key else "")
    if isinstance(maker, FileOutput):
        return f"newsdesk's file {maker.name}"
    if in_bundled_themes(maker):  # (its output name: where newsdesk is installed says nothing)
        return f"newsdesk's theme file static/{maker.as_posix().rpartition('/static/')[2]}"
    return f"the site's file {_shown(maker, root)}"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:  # (a file outside the site: a theme elsewhere)
        return path.as_posix()
