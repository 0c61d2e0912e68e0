"""The build: the one place where the stages are sequenced.

    config -> records + read -> model -> rank -> plan pages -> render -> write

Each stage takes plain values and returns plain values; nothing here keeps
state between builds. Content problems leave the broken file out and the rest
builds (unless `strict`); anything that stops the build raises BuildError
before the output folder is touched.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Mapping

from generator.config import Config, build_time
from generator.content import read_sources
from generator.errors import BuildError, Problem
from generator.model import ModelResult, build_site
from generator.pages import Page, plan_pages
from generator.ranking import Rankings, rank
from generator.records import load_records
from generator.render import make_env, render_page, static_files
from generator.writer import WriteReport, check_output_path, write_site

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False  # include `published: false` items
    future: bool = False  # include items dated after the build time
    strict: bool = False  # any content problem fails the build
    write: bool = True  # False: read and validate only (`newsdesk check`)


@dataclass(frozen=True)
class RenderedSite:
    """Everything a build produces before it is written: the output files and how they came about."""

    now: datetime
    model: ModelResult
    rankings: Rankings
    pages: tuple[Page, ...]
    files: dict[str, bytes]  # output path -> bytes
    copies: dict[str, os.PathLike]  # output path -> file to copy (theme static files, logos)
    problems: tuple[Problem, ...]  # files left out
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class BuildResult:
    site: RenderedSite
    written: WriteReport | None
    seconds: float

    @property
    def items(self) -> int:
        return len(self.site.model.site.items)

    def report(self) -> dict:
        """The JSON build report (`--report FILE`)."""
        pages = []
        for page in self.site.pages:
            if page.kind == "article":
                pages.append({"source": page.key, "output": page.output})
            else:
                pages.append({"kind": page.kind, "key": page.key, "output": page.output})
        return {
            "pages": pages,
            "rejected": [{"source": p.path, "line": p.line, "error": str(p)} for p in self.site.problems],
            "warnings": [{"source": p.path, "line": p.line, "warning": str(p)} for p in self.site.warnings],
            "withheld": [{"source": s, "reason": r} for s, r in self.site.model.withheld],
        }


def build(config: Config, options: BuildOptions = BuildOptions(), *,
          environ: Mapping[str, str] = os.environ, progress: Progress | None = None) -> BuildResult:
    started = time.perf_counter()
    rendered = render_site(config, options, environ=environ, progress=progress)
    if options.strict and rendered.problems:
        raise BuildError(list(rendered.problems), f"Build failed (--strict): {len(rendered.problems)} content error(s).")
    written = None
    if options.write:
        check_output_path(config.output_path, [config.root, config.content_path, config.root / "themes"])
        if progress:
            progress("writing", 0, len(rendered.files) + len(rendered.copies))
        written = write_site(config.output_path, rendered.files, rendered.copies)
    return BuildResult(rendered, written, time.perf_counter() - started)


def render_site(config: Config, options: BuildOptions, *, environ: Mapping[str, str] = os.environ,
                progress: Progress | None = None) -> RenderedSite:
    """Everything but writing: read, model, rank, plan and render the whole site in memory."""
    now = build_time(config, environ)
    records = load_records(config)
    if not config.content_path.is_dir():
        raise BuildError(Problem(config.content_dir, None, "content folder not found",
                                 "create it, or set `content_dir` in config.yaml / pass --content DIR"))
    if progress:
        progress("reading", 0, 0)
    sources, read_problems = read_sources(config.root, config.content_path)
    model = build_site(sources, config, now=now, drafts=options.drafts, future=options.future,
                       extra_topics=records.topics, extra_providers=records.providers)
    rankings = rank(model.site.items, now=now, weights=config.ranking)
    pages = tuple(plan_pages(model.site, rankings, config))
    env = make_env(config, model.site)
    files: dict[str, bytes] = {}
    total = len(pages)
    for done, page in enumerate(pages, 1):
        files[page.output] = render_page(env, page).encode("utf-8")
        if progress and (done % 250 == 0 or done == total):
            progress("rendering", done, total)
    copies = dict(static_files(config))
    copies.update(records.files)
    problems = tuple(sorted(records.problems + tuple(read_problems) + model.problems, key=lambda p: (p.path, p.line or 0)))
    return RenderedSite(now, model, rankings, pages, files, copies, problems, model.warnings)
