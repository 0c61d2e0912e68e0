"""The build: the one place where the stages are sequenced.

    config -> records + read -> model -> rank -> plan pages -> render -> write

Each stage takes plain values and returns plain values. The only state that
crosses builds is the BuildCache the caller passes in (serve keeps one in memory,
`newsdesk build` one on disk): with it, unchanged items are not parsed again and
pages whose inputs did not change are not rendered again. Content problems leave
the broken file out and the rest builds (unless `strict`); anything that stops
the build raises BuildError before the output folder is touched.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping

from generator.api import api_files
from generator.cache import BuildCache
from generator.config import Config, build_time
from generator.content import find_sources, read_source, relative_name
from generator.deps import config_key, page_fingerprint, site_keys, template_keys
from generator.errors import BuildError, Problem
from generator.feeds import feed_files
from generator.model import ModelResult, build_site, make_item_or_problem, topic_definitions
from generator.pages import Page, plan_pages
from generator.parallel import chunks, default_workers, fork_map
from generator.ranking import Rankings, rank
from generator.records import load_records
from generator.render import make_env, render_page, static_files
from generator.search import SEARCH_FOLDER, index_site
from generator.sitemap import sitemap_files
from generator.writer import Staging, WriteReport, check_output_path, list_files

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)

ITEMS_PER_TASK = 250  # items parsed per task in a worker process
PAGES_PER_TASK = 200  # pages rendered per task


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False  # include `published: false` items
    future: bool = False  # include items dated after the build time
    strict: bool = False  # any content problem fails the build
    write: bool = True  # False: read, validate and render, write nothing (`newsdesk check`)
    workers: int = 0  # processes for parsing and rendering; 0: one per core (at most 8)


@dataclass(frozen=True)
class RenderedSite:
    """What the build decided to publish, before rendering pages and writing."""

    now: datetime
    model: ModelResult
    rankings: Rankings
    pages: tuple[Page, ...]
    files: dict[str, bytes]  # non-page outputs (feeds, sitemaps, API, .nojekyll ...) -> bytes
    copies: dict[str, os.PathLike]  # output path -> file to copy (theme static files, logos)
    problems: tuple[Problem, ...]  # files left out
    warnings: tuple[Problem, ...]
    config_digest: str  # config_key: what the cache's items and pages were made under


@dataclass(frozen=True)
class BuildResult:
    site: RenderedSite
    written: WriteReport | None
    rendered: int  # pages rendered by this build (the rest were unchanged and reused)
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


def build(config: Config, options: BuildOptions = BuildOptions(), *, environ: Mapping[str, str] = os.environ,
          progress: Progress | None = None, cache: BuildCache | None = None,
          changed: Iterable[Path] | None = None) -> BuildResult:
    """Build the site. `cache` makes it incremental; `changed` (from a file watcher) names the
    source files known to have changed, so the others need not even be looked at."""
    started = time.perf_counter()
    cache = cache if cache is not None else BuildCache()
    workers = options.workers or default_workers()
    site = plan_site(config, options, environ=environ, progress=progress, cache=cache, changed=changed,
                     workers=workers)
    if options.strict and site.problems:
        raise BuildError(list(site.problems), f"Build failed (--strict): {len(site.problems)} content error(s).")
    env = make_env(config, site.model.site)
    if not options.write:
        rendered = sum(1 for _ in _render(env, site.pages, workers, progress))
        return BuildResult(site, None, rendered, time.perf_counter() - started)
    check_output_path(config.output_path, [config.root], config.input_paths)
    keys, globals_ = template_keys(env), site_keys(site.model.site)
    with Staging(config.output_path) as stage:
        todo, fingerprints = [], {}
        for page in site.pages:
            fingerprint = page_fingerprint(page, site.model.site, site.config_digest, keys[page.template], globals_)
            fingerprints[page.output] = fingerprint
            if cache.page(page.output, fingerprint, stage.previous(page.output)) and stage.keep(page.output):
                continue
            todo.append(page)
        for output, data in _render(env, todo, workers, progress):
            stage.put(output, data)
        for name, data in site.files.items():
            stage.put(name, data)
        for name, source in site.copies.items():
            stage.copy(name, source)
        if progress:
            progress("writing", 0, 0)
        articles = {page.output for page in site.pages if page.kind == "article"}
        same_articles = articles == {name for name in cache.pages if name.startswith("news/")}
        index = (lambda staging: _search_index(stage, same_articles, environ)) if config.search else None
        written = stage.commit(before_swap=index)
    cache.pages = {}
    for output, fingerprint in fingerprints.items():
        stat = (config.output_path / output).stat()
        cache.pages[output] = (fingerprint, stat.st_size, stat.st_mtime_ns)
    return BuildResult(site, written, len(todo), time.perf_counter() - started)


def _search_index(stage: Staging, same_articles: bool, environ: Mapping[str, str]) -> None:
    """Index the staged site for search, or keep the live index when no article page was added,
    removed or changed (Pagefind always indexes the whole site: seconds on a big one)."""
    live_index = stage.output / SEARCH_FOLDER
    if live_index.is_dir() and same_articles and not any(name.startswith("news/") for name in stage.changed):
        for name in list_files(live_index):
            stage.keep(f"{SEARCH_FOLDER}/{name}")
        return
    index_site(stage.staging, environ)


def plan_site(config: Config, options: BuildOptions, *, environ: Mapping[str, str] = os.environ,
              progress: Progress | None = None, cache: BuildCache | None = None,
              changed: Iterable[Path] | None = None, workers: int = 1) -> RenderedSite:
    """Read, model, rank and plan: everything that decides what the site holds, nothing rendered yet."""
    cache = cache if cache is not None else BuildCache()
    now = build_time(config, environ)
    records = load_records(config)
    if not config.content_path.is_dir():
        raise BuildError(Problem(config.content_dir, None, "content folder not found",
                                 "create it, or set `content_dir` in config.yaml / pass --content DIR"))
    topic_defs = topic_definitions(records.topics + config.topics)
    digest = config_key(config, records.topics, records.providers)
    results = _read_items(config, topic_defs, digest, cache, changed, workers, progress)
    items = [r for r in results if not isinstance(r, Problem)]
    read_problems = [r for r in results if isinstance(r, Problem)]
    model = build_site(items, config, topic_defs, now=now, drafts=options.drafts, future=options.future,
                       extra_providers=records.providers)
    rankings = rank(model.site.items, now=now, weights=config.ranking)
    pages = tuple(plan_pages(model.site, rankings, config))
    files: dict[str, bytes] = {}
    files.update(feed_files(model.site, rankings, config, now))  # discovery: feeds, sitemaps + robots.txt, JSON API
    files.update(sitemap_files(pages, model.site, config, now))
    files.update(api_files(model.site, rankings, config))
    files[".nojekyll"] = b""  # GitHub Pages: serve the output as is, folders starting with `_` too
    if config.cname:
        files["CNAME"] = config.cname.encode("utf-8")  # the custom domain, as GitHub Pages reads it
    copies = dict(static_files(config))
    copies.update(records.files)
    problems = tuple(sorted(records.problems + tuple(read_problems) + model.problems,
                            key=lambda p: (p.path, p.line or 0)))
    return RenderedSite(now, model, rankings, pages, files, copies, problems, model.warnings, digest)


def _read_items(config: Config, topic_defs: dict, digest: str, cache: BuildCache, changed, workers: int,
                progress: Progress | None) -> list:
    """Item or Problem for every source file, from the cache where it is still valid."""
    changed_names = None if changed is None else {relative_name(config.root, Path(p).absolute()) for p in changed}
    results: dict[str, object] = {}
    todo: list[tuple[str, Path, os.stat_result]] = []
    for path in find_sources(config.content_path):
        name = relative_name(config.root, path)
        try:
            stat = path.stat()
        except OSError:
            continue  # deleted while we looked
        trusted = changed_names is not None and name not in changed_names
        hit = cache.item(name, stat, digest, trusted)
        if hit is not None:
            results[name] = hit
        else:
            todo.append((name, path, stat))
    if progress:
        progress("reading", 0, len(todo))
    state = (config, topic_defs)
    done = 0
    for batch in fork_map(_parse_batch, state, chunks([path for _, path, _ in todo], ITEMS_PER_TASK), workers):
        for name, result in batch:
            results[name] = result
        done += len(batch)
        if progress:
            progress("reading", done, len(todo))
    if cache.config != digest:
        cache.config, cache.files, cache.items = digest, {}, {}
    for name, _, stat in todo:
        cache.remember_item(name, stat, results[name])
    for name in set(cache.items) - set(results):  # deleted files
        cache.items.pop(name, None)
        cache.files.pop(name, None)
    return [results[name] for name in sorted(results)]


def _parse_batch(state, paths: list[Path]) -> list:
    config, topic_defs = state
    batch = []
    for path in paths:
        source = read_source(config.root, path)
        result = source if isinstance(source, Problem) else make_item_or_problem(source, config, topic_defs)
        batch.append((relative_name(config.root, path), result))
    return batch


def _render(env, pages: list[Page], workers: int, progress: Progress | None):
    """Yield (output path, bytes) for each page, rendered across worker processes."""
    total, done = len(pages), 0
    for batch in fork_map(_render_batch, (env, pages), chunks(range(total), PAGES_PER_TASK), workers):
        yield from batch
        done += len(batch)
        if progress:
            progress("rendering", done, total)


def _render_batch(state, indices: range) -> list[tuple[str, bytes]]:
    env, pages = state
    return [(pages[i].output, render_page(env, pages[i]).encode("utf-8")) for i in indices]
