"""The build: the one place where the stages are sequenced.

    config -> records + read -> model -> rank -> plan pages -> render -> write

Each stage takes plain values and returns plain values. What crosses builds is
passed in by the caller: the BuildCache (serve keeps one in memory, `newsdesk build`
one on disk), with which unchanged items are not parsed again and pages whose
inputs did not change are not rendered again; and, for a build that follows another
in the same process, what that one left (`last`, BuildResult.last) and a clustering
to bring up to date (`clustering`). build() keeps nothing itself. Content problems leave
the broken file out and the rest builds (unless `strict`); anything that stops
the build raises BuildError before the output folder is touched.
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

import jinja2

from generator.build.cache import BuildCache
from generator.build.collector import collector_paused
from generator.build.fingerprints import (TemplateKey, config_key, output_fingerprint, page_fingerprint, site_keys,
                                          template_keys, unchanged_fingerprints)
from generator.build.parallel import chunks, default_workers, fork_map
from generator.build.search_index import index_changes, is_current, live_names, make_index, source_of
from generator.build.state import LastBuild, RenderState
from generator.build.writer import (MARKER, InTheWay, Staging, WriteReport, check_output_owned, check_output_path,
                                    output_lock, recover, update_in_place)
from generator.config.checks import check_content_folder
from generator.config.load import build_time
from generator.config.lines import setting_line
from generator.config.values import Config
from generator.errors import BuildError, Note, Problem, errors_and_warnings
from generator.i18n import load_words
from generator.plan.outputs import plan_files
from generator.plan.pages import FileOutput, Page, RenderedSite, make_files, plan_pages
from generator.plan.paths import checked_copies
from generator.podcasts import cover_warnings
from generator.plan.search import plan_index
from generator.site.local_pictures import load_copies
from generator.render.environment import make_env
from generator.render.fragments import Fragments
from generator.render.page import render_page, tested_warnings
from generator.render.theme import static_files
from generator.render.theme_checks import misplaced_templates, unknown_words, unlinked_static, unshown_blocks
from generator.site.content import read_named, source_files, unread_problem
from generator.site.grouping import Kept, item_words, story_report, story_settings, with_stories
from generator.site.identities import topic_definitions
from generator.site.index import build_site, missing_pictures
from generator.site.model import Item
from generator.site.ranking import rank
from generator.site.records import load_records

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class Cancelled(BaseException):
    """A build's `cancel` was set (serve stopping): it stopped at its next step, before its output was swapped or
    updated, as a failed build stops (the output and the cache as they were). Not an error: nothing is wrong."""

ITEMS_PER_TASK = 250  # items parsed per task in a worker process
PAGES_PER_TASK = 200  # pages rendered per task
MEMO_ENTRIES = 40_000  # item descriptions for feeds and API files kept per process (bounds its memory)
# Up to this many files to remake, a build renders them into memory and replaces just those files in the
# live output; past it (a cold build, a template or config edit) it assembles the next output folder
# beside the live one and swaps it in. Either way a build that fails leaves the output as it was.
# A new story remakes thousands of files (every Latest and API page shifts), much faster in place than
# through a new folder; the limit bounds the memory the pages held for it take.
IN_PLACE_MAX = 5000


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False  # include `published: false` items
    future: bool = False  # include items dated after the build time
    strict: bool = False  # any content problem fails the build
    write: bool = True  # False: read, validate and render, write nothing (`newsdesk check`)
    workers: int = 0  # processes for parsing and rendering; 0: one per core (at most 8)


@dataclass(frozen=True)
class BuildResult:
    site: RenderedSite
    written: WriteReport | None
    rendered: int  # pages rendered by this build (the rest were unchanged and reused)
    seconds: float
    # How it went: "update" (a few files replaced in place), "full" (a new output folder swapped in),
    # "check" (no writing); serve's fast path (generator/serve/rebuild.py) says "patch".
    mode: str = "full"
    # What this build leaves for a next one in the same process (its `last`): None after a check
    last: LastBuild | None = None

    @property
    def items(self) -> int:
        return len(self.site.model.site.items)

    @property
    def note(self) -> str:
        """Why the site has no items, when nothing else says it: its content folder has no item files at all
        (a new site whose examples were removed, `content_dir` or --content naming the wrong folder), or only
        drafts; "" otherwise. build, check and serve each print it: its pages would be empty without a word."""
        model = self.site.model
        if self.items or self.site.problems:
            return ""
        drafts = [source for source, reason in model.withheld if reason == "published: false"]
        if drafts:
            more = f", as {'is' if len(drafts) == 2 else 'are'} {len(drafts) - 1} more" if len(drafts) > 1 else ""
            return (f"the site has no items: {drafts[0]} is a draft (`published: false`){more}, left out (build "
                    f"with --drafts to see {'them' if more else 'it'}, or remove `published: false` to publish "
                    f"{'them' if more else 'it'})")
        if model.withheld:
            return ""
        return (f"{os.path.relpath(self.site.config.content_path)}/: the content folder has no items (files ending "
                f"in .md): put them there (`newsdesk check --help` shows an item's format), or name the folder that "
                f"has them with `content_dir` in config.yaml or --content")

    def report(self) -> dict:
        """The JSON build report (`--report FILE`)."""
        pages = []
        for page in self.site.pages:
            if page.kind == "article":
                pages.append({"source": page.key, "output": page.output})
            else:
                pages.append({"kind": page.kind, "key": page.key, "output": page.output})
        return {
            "mode": self.mode,
            "pages": pages,
            "rejected": [{"source": p.path, "line": p.line, "error": str(p)} for p in self.site.problems],
            "warnings": [{"source": p.path, "line": p.line, "warning": str(p)} for p in self.site.warnings],
            "notes": [{"source": p.path, "line": p.line, "note": str(p)} for p in self.site.notes],
            "withheld": [{"source": s, "reason": r} for s, r in self.site.model.withheld],
            # (old addresses: files that send readers on, not pages)
            "redirects": [{"source": r.source, "from": r.path, "to": r.to, "output": r.output}
                          for r in self.site.redirects],
            "stories": story_report(self.site.model.site),
        }


def build(config: Config, options: BuildOptions = BuildOptions(), **kwargs) -> BuildResult:
    """Build the site (_build); one build at a time writes an output folder (writer.output_lock)."""
    if not options.write:
        return _build(config, options, **kwargs)
    check_output_path(config.output_path, [config.root], config.input_paths)  # (before making its lock beside it)
    check_output_owned(config.output_path, config)  # (a file where a folder of its path must be, said as such)
    with output_lock(config.output_path):
        return _build(config, options, **kwargs)


def _build(config: Config, options: BuildOptions = BuildOptions(), *, environ: Mapping[str, str] = os.environ,
           progress: Progress | None = None, cache: BuildCache | None = None, last: LastBuild | None = None,
           clustering: Kept | None = None, cancel: threading.Event | None = None) -> BuildResult:
    """Build the site. With `cache` (what the last build left) it is incremental: unchanged items are
    not parsed again, and only the outputs whose fingerprints changed are made and written. `last`: the
    BuildResult.last of the build before this one in the same process, whose fingerprints and kept renders
    this one reuses where the site-wide values are the same; `clustering`: see plan_site. `cancel`: once set,
    the build raises Cancelled at its next step (between batches of items read or pages rendered, stages, the
    search index's tasks), never while it replaces files in the output."""
    started = time.perf_counter()
    progress = _stoppable(progress, cancel)
    cache = cache if cache is not None else BuildCache()
    workers = options.workers or default_workers()
    if options.write:  # before anything reads the output: finish what a killed build left, then check it is ours
        check_output_path(config.output_path, [config.root], config.input_paths)
        recover(config.output_path)
        check_output_owned(config.output_path, config)
    site = plan_site(config, options, environ=environ, progress=progress, cache=cache, workers=workers,
                     clustering=clustering)
    if options.strict and site.problems:
        raise BuildError(list(site.problems), f"{'Build' if options.write else 'Check'} failed (--strict): "
                                              f"{len(site.problems)} content error{'s' * (len(site.problems) != 1)}.")
    fragments = Fragments()  # (this build's: the last one's outputs carried over below when they still hold)
    env = make_env(config, site.model.site, copies=site.pictures)
    tested: set[tuple[str, Problem]] = set()  # (page template, warning): what rendering found (tested_warnings)
    if not options.write:
        rendered = sum(1 for _ in render_pages(env, site.pages, fragments, workers, progress, tested))
        site, _ = with_tested(site, tested, {})
        return BuildResult(site, None, rendered, time.perf_counter() - started, mode="check")
    parsed = len(cache.template_parses)
    keys = template_keys(env, cache.template_parses)
    globals_ = site_keys(site.model.site, site.pictures.digest, load_words(config).digest)
    world = _site_wide_key(site, keys, globals_)
    cache.dirty |= len(cache.template_parses) != parsed
    same_world = last is not None and last.render.site_wide_key == world
    with collector_paused():  # one hash and a few strings per page, nothing cyclic for the collector to find
        reused = unchanged_fingerprints(last.plan, site, cache.outputs) if same_world else {}
        if same_world:  # cards carry over while what they can show is the same (_site_wide_key)
            fragments.carry(last.render.fragments)
        state = RenderState(keys, globals_, world, fragments,
                            last.render.output_memo if same_world else _Memo(MEMO_ENTRIES))
        fingerprints = output_fingerprints(site, state, reused=reused)
    live = config.output_path
    stale = stale_outputs(fingerprints, cache, live)
    pages = [page for page in site.pages if page.output in stale]
    outputs = [output for output in site.outputs if output.name in stale]
    names = set(fingerprints) | set(site.copies)
    cache.writing()
    mode = "update" if cache.published and (live / MARKER).is_file() and len(stale) <= IN_PLACE_MAX else "full"
    if mode == "update":
        # A few files to change (an edit): render them into memory, then replace just those.
        _compile_templates(env, pages, keys, cache)
        made = dict(render_pages(env, pages, fragments, workers, progress, tested))
        made.update(make_files(outputs, site.model.site, state.output_memo))
        gone = cache.published - names
        writes, _, removes = _search_changes(live, site, config, workers, cache.search_folder(), cancel)  # never apart
        _stop_if(cancel)
        try:
            written = update_in_place(live, {**made, **writes}, site.copies, gone | removes)
        except InTheWay:  # (nothing changed yet: the staging folder is made whole, whatever the output holds)
            mode = "full"
    if mode == "full":
        with Staging(live) as stage:
            for name in fingerprints.keys() - stale:
                if not stage.keep(name):
                    stale.add(name)  # the live file went missing since: make it after all
            pages = [page for page in site.pages if page.output in stale]
            outputs = [output for output in site.outputs if output.name in stale]
            for name in [*(page.output for page in pages), *(output.name for output in outputs)]:
                stage.claim(name)
            _compile_templates(env, pages, keys, cache)
            for name, changed in _render_into(stage, env, site.model.site, pages, outputs, workers, progress, tested,
                                              state):
                stage.placed(name, changed)
            for name, source in site.copies.items():
                stage.copy(name, source)
            if progress:
                progress("writing", 0, 0)
            if config.search:
                _stage_search(stage, site, workers, cache.search_folder(), cancel)
            _stop_if(cancel)
            written = stage.commit()
        stale = set(fingerprints)  # every file was placed anew: remember them all
    if stale or set(cache.outputs) - set(fingerprints) or cache.published != names:
        cache.dirty = True
    for name in stale:
        cache.remember_output(live, name, fingerprints[name])
    for name in set(cache.outputs) - set(fingerprints):
        del cache.outputs[name]
    cache.published = frozenset(names)
    site, kept = with_tested(site, tested, {template: key.digest for template, key in keys.items()}, cache.tested)
    if kept != cache.tested:
        cache.tested, cache.dirty = kept, True
    return BuildResult(site, written, len(pages), time.perf_counter() - started, mode,
                       LastBuild(site, plan_key(config, options, environ), state))


def with_tested(site: RenderedSite, tested: set[tuple[str, Problem]], digests: Mapping[str, str],
                kept: Mapping[str, tuple[str, frozenset[Problem]]] = {}) -> tuple[RenderedSite, dict]:
    """The plan with the warnings rendering found (`tested`: (page template, warning), tested_warnings), and
    what to keep of them for the next build: page template -> (its digest, its warnings). A page not rendered
    again keeps the warnings the last build found under its template while that is the same (`kept`;
    `digests`: each page template's now), so that a warm build says what a cold one says."""
    found: dict[str, set[Problem]] = {}
    for template, warning in tested:
        found.setdefault(template, set()).add(warning)
    now = {}
    for template in sorted({page.template for page in site.pages}):
        digest, (was, before) = digests.get(template, ""), kept.get(template, ("", frozenset()))
        warnings = frozenset(found.get(template, ())) | (before if was == digest else frozenset())
        if warnings:
            now[template] = (digest, warnings)
    said = {warning for _, warnings in now.values() for warning in warnings}.difference(site.warnings)
    if said:
        said = sorted(said, key=lambda p: (p.path, p.line or 0, p.message))  # (a set's order is not the same each run)
        site = dataclasses.replace(site, warnings=tuple(sorted((*site.warnings, *said),
                                                               key=lambda p: (p.path, p.line or 0))))
    return site, now


def plan_key(config: Config, options: BuildOptions, environ: Mapping[str, str]) -> tuple:
    """What a plan is made under besides the config and the files: the clock, drafts, future."""
    return (build_time(config, environ), options.drafts, options.future)


def output_fingerprints(site: RenderedSite, state: RenderState, pages: Iterable[Page] | None = None,
                        outputs: Iterable[FileOutput] | None = None, reused: Mapping[str, str] = {}) -> dict[str, str]:
    """Output name -> fingerprint, for every page and FileOutput of the site, or for these `pages` and
    `outputs` of it (those in `reused` as given).

    In this process only: spread over forked workers it was slower, as a helper that reads the whole model
    copies most of it (copy-on-write) to hash it once."""
    model, memo, keys = site.model.site, {}, state.keys
    fingerprints = {page.output: reused.get(page.output)
                    or page_fingerprint(page, model, site.config_digest, keys[page.template], state.site_keys, memo)
                    for page in (site.pages if pages is None else pages)}
    for output in site.outputs if outputs is None else outputs:
        fingerprints[output.name] = reused.get(output.name) or output_fingerprint(output, model, site.config_digest,
                                                                                  memo)
    return fingerprints


def stale_outputs(fingerprints: Mapping[str, str], cache: BuildCache, live: Path) -> set[str]:
    """The names whose file in the output folder `live` is not what their fingerprint makes (the cache knows it by
    another, or the file is not as it was written): what a build renders and writes, and serve's fast path of
    what it planned again (fingerprints alone decide what is rewritten)."""
    return {name for name, fingerprint in fingerprints.items() if not cache.output(live, name, fingerprint)}


def _compile_templates(env, pages: list[Page], keys: dict[str, TemplateKey], cache: BuildCache) -> None:
    """Compile the templates these pages use, here, before rendering forks: the helpers inherit them, and
    the process keeps them for the next build (render.environment.CompiledTemplates), as does the cache
    for a build in another process. Only those: a build with nothing to render (a warm one) compiles none."""
    used = {part for template in {page.template for page in pages} for part in keys[template].used}
    if not used:
        return
    env.bytecode_cache.add(cache.compiled)
    templates = []
    for name in sorted(used):
        try:
            templates.append(env.get_template(name))
        except jinja2.TemplateError:
            pass  # rendering reports it, with the page and the line
    code = env.bytecode_cache.of(templates)
    if any(cache.compiled.get(key) != data for key, data in code.items()):
        cache.compiled, cache.dirty = {**cache.compiled, **code}, True


def _site_wide_key(site: RenderedSite, keys: dict[str, TemplateKey], globals_: dict[str, str]) -> tuple:
    """What every fragment and fingerprint can depend on besides its own inputs: the config, the build time,
    the site-wide values (topic names, provider badges) and the templates. When it is the same as the last
    build's (serve, after an edit), that build's cached fragments (cards) carry over, and its fingerprints of
    the outputs planned as they were (fingerprints.unchanged_fingerprints): a rebuild that moves a story
    re-renders hundreds of lists, and without the cards every card on them is rendered again.
    """
    used = sorted({page.template for page in site.pages})
    return (site.config_digest, site.now, sorted(globals_.items()), [(name, keys[name].digest) for name in used])


def _stoppable(progress: Progress | None, cancel: threading.Event | None) -> Progress | None:
    """`progress`, which first raises Cancelled once `cancel` is set: the build reports each of its steps."""
    if cancel is None:
        return progress

    def step(stage: str, done: int, total: int) -> None:
        _stop_if(cancel)
        if progress:
            progress(stage, done, total)
    return step


def _stop_if(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled


def _stage_search(stage: Staging, site: RenderedSite, workers: int, kept: Path | None,
                  cancel: threading.Event | None = None) -> None:
    """Put the search index into the next output: the live one's files when it was made from the same
    input (a warm build need not plan nor tokenise every story again), else a new one
    (generator/build/search_index.py)."""
    model, config = site.model.site, site.config
    source = source_of(model, config, site.pictures)
    if is_current(stage.output, source):
        for name in sorted(live_names(stage.output)):
            stage.keep(name)
        return
    files = make_index(plan_index(model, config, site.pictures, source), workers, cancel, kept=kept)
    _stop_if(cancel)  # (None: cancelled)
    for name, data in files.items():
        stage.put(name, data)  # equal bytes keep the live file's inode and time


def _search_changes(live: Path, site: RenderedSite, config: Config, workers: int, kept: Path | None,
                    cancel: threading.Event | None = None) -> tuple[dict[str, bytes], dict, set[str]]:
    """What an update in place does to the live search index (written with the pages, so that a build
    stopped in between never leaves them apart): redo it, or delete it when search was turned off (a full
    build would have no index either)."""
    changes = index_changes(live, site.model.site if config.search else None, config, site.pictures, workers,
                            cancel, kept=kept)
    return changes or ({}, {}, set())


def plan_site(config: Config, options: BuildOptions, *, environ: Mapping[str, str] = os.environ,
              progress: Progress | None = None, cache: BuildCache | None = None, workers: int = 1,
              clustering: Kept | None = None) -> RenderedSite:
    """Read, model, rank and plan: everything that decides what the site holds, nothing rendered yet.

    `clustering`: the last clustering, kept by the caller from build to build (serve), brought up to date
    here for the items that changed rather than clustering the site again; with one, the items' words for
    stories stay loaded in `cache` for its next update (without, a cache saved on disk lets them go once
    the stories are planned: BuildCache.set_words_aside)."""
    cache = cache if cache is not None else BuildCache()
    now = build_time(config, environ)
    records = load_records(config)
    check_content_folder(config)
    topic_defs = topic_definitions(records.topics + config.topics, config.language)
    digest = config_key(config, records.topics, records.providers)
    pictures = load_copies(config.root, config.pictures_dir)
    static, unusable = static_files(config)
    copied = (static, records.files, pictures.files)  # (in turn: a later one of a name is left out)
    # (before the plan: no old address may take a copied file's name)
    copies = {name: path for group in reversed(copied) for name, path in group.items()}
    # Reading and planning make what the build keeps, and little cyclic garbage: without the collector, which
    # walked the plan as it grew (two full collections of a 10,000-item site's warm build).
    with collector_paused():
        unread: list[str] = []
        unlisted: list[Problem] = []
        results = _read_items(config, topic_defs, digest, cache, workers, progress, unread, unlisted)
        # The items just read live as long as the build: frozen, then given back to the collector's oldest
        # generation, rather than walked by its first collection once it is back on (a long pause on a big site).
        gc.freeze()
        try:
            items = [r for r in results if not isinstance(r, Problem)]
            unsaid = [unread_problem(name) for name in unread]
            read_problems = unlisted
            read_warnings = [problem for problem in unsaid if not isinstance(problem, Note)]
            notes = tuple(sorted((problem for problem in unsaid if isinstance(problem, Note)), key=lambda p: p.path))
            for result in results:
                if isinstance(result, Problem):  # (a Rejected item names all its errors and warnings)
                    errors, warnings = errors_and_warnings(result)
                    read_problems += errors
                    read_warnings += warnings
            model = build_site(items, config, topic_defs, now=now, drafts=options.drafts, future=options.future,
                               extra_providers=records.providers)
            if progress:
                progress("grouping stories", 0, 0)
            known = next(iter(cache.stories), None)  # the key of the stories kept: a new one is saved with the cache
            model = dataclasses.replace(model, site=with_stories(model.site, story_settings(config), cache.words,
                                                                   cache.stories, clustering))
            cache.dirty |= next(iter(cache.stories), None) != known
            if clustering is None:
                cache.set_words_aside()
            if progress:
                progress("planning pages", 0, 0)
            rankings = rank(model.site.items, now=now, weights=config.ranking, stories=model.site.stories)
            pages = tuple(plan_pages(model.site, rankings, config))
            # feeds, sitemaps, the API, old addresses
            outputs, moved = plan_files(model.site, rankings, pages, config, now, copies=copies)
        finally:
            gc.unfreeze()
    words = load_words(config)
    # (the one check that no two outputs share a path, before anything is written: plan/paths.py)
    copies, clashes, case_only = checked_copies(pages, outputs, copied, config.root)
    problems = tuple(sorted(records.problems + tuple(read_problems) + model.problems + moved.problems + tuple(clashes),
                            key=lambda p: (p.path, p.line or 0)))
    covers = cover_warnings(model.site.items, config, copies,  # (a note when none is set: podcasts.py)
                            lambda: setting_line(config.root / config.path, "podcast_image"))
    notes = (*notes, *(problem for problem in covers if isinstance(problem, Note)))
    warnings = tuple(sorted((*records.warnings, *read_warnings, *model.warnings, *case_only,
                             *(problem for problem in covers if not isinstance(problem, Note)),
                             *missing_pictures(model.site.items, copies, config.root), *misplaced_templates(config),
                             *unshown_blocks(config), *unlinked_static(config, copies), *unusable, *pictures.problems,
                             *words.problems,
                             *unknown_words(config, words)),
                            key=lambda p: (p.path, p.line or 0)))
    # The pages and files are made under the theme's words too (page titles, feed titles, dates): a words file
    # edited changes them all, as config.yaml does; the items, read before, stay as they are.
    return RenderedSite(config, topic_defs, now, model, rankings, pages, tuple(outputs), copies, problems, warnings,
                        config_key(config, records.topics, records.providers, words.digest), pictures,
                        moved.redirects, notes)


def _read_items(config: Config, topic_defs: dict, digest: str, cache: BuildCache, workers: int,
                progress: Progress | None, unread: list[str], unlisted: list[Problem]) -> list:
    """Item or Problem for every source file, from the cache where it is still valid; the Markdown files
    that are not items go into `unread`, the folders that could not be listed into `unlisted`."""
    results: dict[str, object] = {}
    todo: list[tuple[str, str, os.stat_result]] = []
    for name, path in source_files(config.root, config.content_path, unread, unlisted):
        try:
            stat = os.stat(path)
        except OSError as exc:
            if os.path.lexists(path):  # a link to nowhere, or in a loop: said, not cached (it may be mended)
                results[name] = Problem(name, None, f"cannot read the file: {exc.strerror}",
                                        "fix or remove the symbolic link")
            continue  # (else deleted while we looked)
        hit = cache.item(name, stat, digest)
        if hit is not None:
            results[name] = hit
        else:
            todo.append((name, path, stat))
    if todo:
        # The reader (Markdown, the sanitiser, every field's reader) is imported for the files to read alone, a
        # build whose items are all in the cache reads none; and here, before the helpers fork, not in each.
        importlib.import_module("generator.site.item")
    if progress:
        progress("reading", 0, len(todo))
    state = (config, topic_defs, {} if config.stories.enabled else None)
    done = 0
    words = {}
    for batch in fork_map(_parse_batch, state, chunks([(name, path) for name, path, _ in todo], ITEMS_PER_TASK),
                          workers):
        for name, result, found in batch:
            results[name] = result
            if found is not None:
                words[result.digest] = found
        done += len(batch)
        if progress:
            progress("reading", done, len(todo))
    if cache.config != digest:
        cache.config, cache.files, cache.items, cache.dirty = digest, {}, {}, True
        cache.forget_words()  # (an item's words are kept by its file's digest: made under another config)
        cache.stories.clear()
    if words:
        cache.words().update(words)
    for name, _, stat in todo:
        cache.remember_item(name, stat, results[name])
    for name in set(cache.items) - set(results):  # deleted files
        cache.dirty = True
        cache.items.pop(name, None)
        cache.files.pop(name, None)
    return [results[name] for name in sorted(results)]


def _parse_batch(state, files: list[tuple[str, str]]) -> list:
    """(name, Item or Problem, the item's words for stories or None) for each file. The words are worked out
    here, on every core, rather than in the clustering that follows in the main process: `seen` is one per
    process (forked), kept from task to task."""
    from generator.site.item import make_item_or_problem  # (imported by _read_items)

    config, topic_defs, seen = state
    batch = []
    with collector_paused():
        for name, path in files:
            source = read_named(name, path)
            result = source if isinstance(source, Problem) else make_item_or_problem(source, config, topic_defs)
            words = item_words(result, seen) if seen is not None and isinstance(result, Item) else None
            batch.append((name, result, words))
    return batch


def render_pages(env, pages: list[Page], fragments: Fragments, workers: int = 1, progress: Progress | None = None,
                 tested: set | None = None):
    """Yield (output path, bytes) for each page, rendered across worker processes with `fragments` (RenderState's:
    each forked worker fills its own copy); add to `tested` the (page template, warning) of each test of an
    absent field the pages' templates made (tested_warnings)."""
    total, done = len(pages), 0
    for batch, found in fork_map(_render_batch, (env, pages, fragments), _page_tasks(total, workers), workers):
        yield from batch
        if tested is not None:
            tested |= found
        done += len(batch)
        if progress:
            progress("rendering pages", done, total)


def _page_tasks(total: int, workers: int) -> list[range]:
    """The rendering's tasks: PAGES_PER_TASK pages each for helper processes, a page each in this process (serve's
    rebuilds), where the end of each is a step at which a cancelled build stops."""
    return chunks(range(total), PAGES_PER_TASK if workers > 1 else 1)


def _render_batch(state, indices: range) -> tuple[list[tuple[str, bytes]], set]:
    env, pages, fragments = state
    tested: set = set()
    made = [(pages[i].output, render_page(env, pages[i], fragments, tested).encode("utf-8")) for i in indices]
    return made, tested_warnings(env, tested)


def _render_into(stage: Staging, env, site, pages: list[Page], outputs: list[FileOutput], workers: int,
                 progress: Progress | None, tested: set, state: RenderState):
    """Render pages and make FileOutputs straight into the staging folder, across worker processes;
    yield (name, whether its bytes changed), and add to `tested` what render_pages adds. Only names and flags come
    back from the workers: a big site's pages never travel between processes, and the folders and files are made
    on every core.
    `state`: this build's RenderState, whose `fragments` and `output_memo` each process has its own copy of (forked),
    kept from task to task; this process's are the next build's (serve's first save described every story of its
    feeds and API files again)."""
    jobs = [*render_order(pages), *outputs]
    total, done = len(jobs), 0
    for batch, found in fork_map(_render_into_batch, (stage, env, site, jobs, state.fragments, state.output_memo),
                                 _page_tasks(total, workers), workers):
        yield from batch
        tested |= found
        done += len(batch)
        if progress:  # (pages, and the feeds, API and sitemap files: more than the summary's pages)
            progress("rendering pages and files", done, total)


def render_order(pages: list[Page]) -> list[Page]:
    """The pages in the order a full build renders them: stories first, as planned, then every list
    page sorted by the middle of the positions (in the Latest order) of the stories it shows.

    Why: cards are kept per process (generator/render/fragments.py, at most 30,000), and a story's card is
    on Latest, Top, Hot, its topics and its provider. In the planned order (all of Latest, then all of
    Top ...) a card comes back only after every other card of the site, so past 30,000 stories hardly
    any came from the cache. Sorted, the lists that show stories of the same days are rendered together,
    and most cards come from the cache, close to what an unbounded cache gives, with no more memory.
    The bytes of each page do not depend on the order.
    """
    import statistics  # (here: a build that renders no page, a warm one, never needs it)

    stories = [page for page in pages if page.kind == "article"]
    lists = [page for page in pages if page.kind != "article"]
    lists.sort(key=lambda page: (statistics.median_low(page.items) if page.items else -1, page.output))
    return stories + lists


class _Memo(dict):
    """Items as feeds and API files describe them (an item is in several of each), kept per process
    and emptied when it holds `limit` descriptions, so its memory is bounded however big the site.
    Per task, as before, most were described again, and the JSON API took far more CPU than with one
    memo for all."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.limit:
            self.clear()
        super().__setitem__(key, value)


def _render_into_batch(state, indices: range) -> tuple[list[tuple[str, bool]], set]:
    stage, env, site, jobs, fragments, memo = state
    placed, tested = [], set()
    for i in indices:
        job = jobs[i]
        if isinstance(job, Page):
            html = render_page(env, job, fragments, tested)
            placed.append((job.output, stage.place(job.output, html.encode("utf-8"))))
        else:
            placed.append((job.name, stage.place(job.name, job.make(site, memo))))
    return placed, tested_warnings(env, tested)
