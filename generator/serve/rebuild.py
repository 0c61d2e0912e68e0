"""serve's rebuild after a save: the fast path when the saved file is one item, else the build.

    rebuild(session, config, options, changed)
        one item file edited, added or deleted -> fastpath.replan -> render and write what it names
        anything else (or an edit the fast path declines)   -> build.pipeline.build (incremental)

What serve keeps between rebuilds is one Session: the build cache (items, output fingerprints, the
last plan and render state: build.state.LastBuild) and which pages show which item of that plan
(fastpath.Dependents). The fast path leaves the cache as a build would: the fingerprints of what it
wrote, the plan it made, so the next build (or fast path) starts from it. The served site is the same
bytes a full build makes (tests/test_patch.py, tests/test_replan.py).
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from generator.build.cache import BuildCache
from generator.build.pipeline import (BuildOptions, BuildResult, build, collector_paused, output_fingerprints, plan_key,
                                     render_pages)
from generator.build.search_index import update_live_index
from generator.build.writer import update_in_place
from generator.config import Config
from generator.errors import BuildError, Problem
from generator.plan.pages import RenderedSite, make_files
from generator.plan.search import plan_index
from generator.render.environment import make_env
from generator.serve.fastpath import Dependents, Patch, replan
from generator.site.content import read_source, relative_name, source_files
from generator.site.model import Item, make_item_or_problem


@dataclass
class Session:
    """What serve keeps from one rebuild to the next."""

    cache: BuildCache = dataclasses.field(default_factory=BuildCache)
    dependents: Dependents | None = None  # of cache.last.plan; None: made when the fast path needs it

    def prepare(self) -> None:
        """Index which pages show which item of the last plan now (serve calls this while it waits for edits),
        so that the next save does not wait for it."""
        if self.dependents is None and self.cache.last is not None:
            self.dependents = Dependents(self.cache.last.plan)


def rebuild(session: Session, config: Config, options: BuildOptions, changed: Iterable[Path] | None, *,
            environ: Mapping[str, str] = os.environ) -> BuildResult:
    """Bring the output up to date after the files `changed` changed (None: not known, look at every file)."""
    started = time.perf_counter()
    # The whole site is alive while an edit is planned: a collection in between walks it all for nothing,
    # several times as long as the rest of a text edit.
    with collector_paused():
        patch = _fast_path(session, config, options, environ, list(changed or ()))
        if patch is not None:
            return _write_patch(session, patch, config, options, started)
    session.dependents = None
    return build(config, options, environ=environ, cache=session.cache)


def _fast_path(session: Session, config: Config, options: BuildOptions, environ: Mapping[str, str],
               changed: list[Path]) -> Patch | None:
    """The last plan with the one changed item file in, if fastpath.replan can put it in."""
    cache, last = session.cache, session.cache.last
    if (last is None or len(changed) != 1 or not options.write or last.plan.config != config
            or last.plan_key != plan_key(config, options, environ)):
        return None
    [path] = changed
    name = relative_name(config.root, Path(path).absolute())
    known = isinstance(cache.items.get(name), Item)
    try:
        stat = Path(path).stat()
    except OSError:
        stat = None
    if stat is None:
        if not known:
            return None
        item = None  # a story deleted
    else:
        if not known and not (name not in cache.items and str(path).endswith(".md") and _new_source(config, name)):
            return None  # not a story we know nor a new file of them: a template, config, data, a broken item
        source = read_source(config.root, Path(path))
        item = source if isinstance(source, Problem) else make_item_or_problem(source, config, last.plan.topic_defs)
        if isinstance(item, Problem):
            return None
        before = cache.items.get(name)
        if item.warnings != (before.warnings if isinstance(before, Item) else ()):
            return None  # the plan's warnings change: planned again, they are said as a full build says them
    session.prepare()
    patch = replan(last.plan, session.dependents, name, item, drafts=options.drafts, future=options.future)
    if patch is not None:
        if item is None:
            cache.items.pop(name, None)
            cache.files.pop(name, None)
        else:
            cache.remember_item(name, stat, item)
    return patch


def update_search(config: Config, site: RenderedSite, **options) -> bool:
    """Bring the live search index in line with `site` (the fast path leaves it out: serve runs this in the
    background, after the reload). `options`: those of search_index.update_live_index. False if it was current."""
    if not config.search:
        return False
    return update_live_index(config.output_path, plan_index(site.model.site, config), **options)


def _new_source(config: Config, name: str) -> bool:
    """Whether `name` is a file the build reads that it did not know (its folder listed again, as
    source_files lists it: hidden files and folders left out)."""
    return any(found == name for found, _ in source_files(config.root, config.content_path))


def _write_patch(session: Session, patch: Patch, config: Config, options: BuildOptions,
                 started: float) -> BuildResult:
    """Render and write the outputs a patch names, and leave the cache as a build would."""
    cache, last = session.cache, session.cache.last
    site = patch.plan
    if options.strict and site.problems:
        raise BuildError(list(site.problems), f"Build failed (--strict): {len(site.problems)} content error(s).")
    cache.writing()
    state = last.render
    env = make_env(config, site.model.site, state.compiled, state.fragments)  # (no site-wide value changed)
    made = dict(render_pages(env, list(patch.pages)))
    made.update(make_files(patch.outputs, site.model.site, state.output_memo))
    live = config.output_path
    written = update_in_place(live, made, {}, set(patch.gone))
    for name, fingerprint in output_fingerprints(site, state, patch.pages, patch.outputs).items():
        cache.remember_output(live, name, fingerprint)
    for name in patch.gone:
        cache.outputs.pop(name, None)
    cache.published = (cache.published - set(patch.gone)) | set(made)
    cache.dirty = True
    cache.last = dataclasses.replace(last, plan=site)
    if patch.reordered:
        session.dependents = None  # lists show other stories, or stories moved: indexed again when needed
    return BuildResult(site, written, len(patch.pages), time.perf_counter() - started, mode="patch")
