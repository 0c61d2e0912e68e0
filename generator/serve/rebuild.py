"""serve's rebuild after a save: the fast path when the saved file is one item, else the build.

    rebuild(session, config, options, changed)
        one item file edited, added or deleted -> fastpath.replan -> render and write what it names
        (one that cannot be used is left out: for the plan, its story deleted; its problems said)
        anything else (or an edit the fast path declines)   -> build.pipeline.build (incremental)

What serve keeps between rebuilds is one Session: the build cache (items, output fingerprints), what
the last build or fast path left (its plan and render state: build.state.LastBuild), the last clustering
of stories, and which pages show which item of that plan (fastpath.Dependents). The build knows none of
it but what it is passed. The fast path leaves them as a build would: the fingerprints of what it
wrote, the plan it made, so the next build (or fast path) starts from it. The served site is the same
bytes a full build makes (tests/test_patch.py, tests/test_replan.py).
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from generator.build.cache import BuildCache
from generator.build.collector import collector_paused
from generator.build.fingerprints import reused_fingerprints
from generator.build.pipeline import (BuildOptions, BuildResult, build, output_fingerprints, plan_key,
                                     render_pages, stale_outputs, with_tested)
from generator.build.search_index import update_live_index
from generator.build.state import LastBuild
from generator.build.writer import WriteReport, output_lock, update_in_place
from generator.config.values import Config
from generator.errors import BuildError, Problem, errors_and_warnings
from generator.plan.pages import FileOutput, Page, RenderedSite, make_files
from generator.render.environment import make_env
from generator.serve.fastpath import Dependents, Patch, replan, with_outputs
from generator.site.content import read_source, relative_name, source_files
from generator.site.grouping import Kept
from generator.site.index import missing_pictures, withheld_because
from generator.site.item import make_item_or_problem
from generator.site.model import Item

# Open page first (serve's one trick for speed; figures in docs/dev/incremental.md): a score edit at 10,000
# stories remakes hundreds of Top and Hot pages, several times what the page being looked at needs. The fast
# path writes the pages a browser most likely shows (shown_first), deletes the saved story's page if it is
# gone, and calls the HandOver with what it is still to write (Held) and what the pages now say of the site's
# problems, then writes that; serve tells the browser to reload at that moment and makes a request for a held
# file wait until the rebuild is done, so no page is ever served stale.
@dataclass(frozen=True)
class Held:
    """The output files a rebuild may still change after its first pages: every file but those `final` names
    (the static copies, the pages it wrote or keeps, the saved story's page it deleted; the feeds, API files
    and sitemaps are planned later); the plan's content errors and warnings (what every page says), and the
    items it holds back (ModelResult.withheld: serve moves its clock for one, and builds again)."""

    final: frozenset[str]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    withheld: tuple[tuple[str, str], ...] = ()

    def holds(self, name: str) -> bool:
        return name not in self.final


HandOver = Callable[[Held], None]


def shown_first(page: Page, source: str) -> bool:
    """Whether the fast path writes `page` before the reload: the saved story's own page and the first page
    of the front page and of every list (the pages an editor checks a save on)."""
    if page.kind == "article":
        return page.key == source
    pagination = page.context.get("pagination")
    return pagination is None or pagination.number == 1


@dataclass
class Session:
    """What serve keeps from one rebuild to the next."""

    cache: BuildCache = dataclasses.field(default_factory=BuildCache)
    # What the last good rebuild left (its plan, render state and kept renders); None: none yet, or it failed
    last: LastBuild | None = None
    # The last clustering, which an edit's check and the next build bring up to date (grouping.group); while
    # it is kept, builds leave the items' words for stories loaded in `cache`: an edit's stories need them at once
    clustering: Kept = dataclasses.field(default_factory=Kept)
    dependents: Dependents | None = None  # of last.plan; None: made when the fast path needs it

    def prepare(self) -> None:
        """Index which pages show which item of the last plan now, and read the items' words for stories (serve
        calls this while it waits for edits), so that the next save does not wait for them. Not the clustering
        a build that found its stories kept on disk did not make: only an edit's stories check and an item
        added or deleted read it, and they make it when it is missing (grouping.group); made here, the first
        save after serve starts waited for it, whatever the edit."""
        if self.dependents is None and self.last is not None:
            self.dependents = Dependents(self.last.plan)
        if self.last is not None and self.last.plan.config.stories.enabled:
            self.cache.words()


def rebuild(session: Session, config: Config, options: BuildOptions, changed: Iterable[Path] | None, *,
            environ: Mapping[str, str] = os.environ, shown: HandOver | None = None,
            cancel: threading.Event | None = None) -> BuildResult:
    """Bring the output up to date after the files `changed` changed (None: not known, look at every file).

    `shown`: see HandOver (serve passes one; without it every file is written before this returns). `cancel`:
    the build's (pipeline.Cancelled); the fast path runs to its end (seconds at most: it wrote pages already).
    """
    started = time.perf_counter()
    # The whole site is alive while an edit is planned: a collection in between walks it all for nothing,
    # several times as long as the rest of a text edit.
    with collector_paused():
        changed = list(changed or ())
        patch = _fast_path(session, config, options, environ, changed)
        result = None
        if patch:
            with output_lock(config.output_path):  # as a build's writes: another build of this output waits
                result = _write_patch(session, patch, config, options, started, changed, shown)
    if result is not None:
        return result
    last, session.last, session.dependents = session.last, None, None  # (a failed build leaves none)
    result = build(config, options, environ=environ, cache=session.cache, last=last, clustering=session.clustering,
                   cancel=cancel)
    session.last = result.last
    return result


def _fast_path(session: Session, config: Config, options: BuildOptions, environ: Mapping[str, str],
               changed: list[Path]) -> Patch | None:
    """The last plan with the one changed item file in, if fastpath.replan can put it in."""
    cache, last = session.cache, session.last
    if (last is None or len(changed) != 1 or not options.write or last.plan.config != config
            or last.plan_key != plan_key(config, options, environ)):
        return None
    [path] = changed
    name = relative_name(config.root, Path(path).absolute())
    before = cache.items.get(name)  # an Item, a Problem (a file the build left out), or None (a new file)
    known = isinstance(before, Item)
    try:
        stat = Path(path).stat()
    except OSError:
        stat = None
    if stat is None:
        if not known and not isinstance(before, Problem):
            return None
        item = None  # a story deleted, or a file left out
    else:
        if not known and not isinstance(before, Problem) and not (
                before is None and str(path).endswith(".md") and _new_source(config, name)):
            return None  # not a story we know, a file left out, nor a new file of them: a template, config, data
        source = read_source(config.root, Path(path))
        item = source if isinstance(source, Problem) else make_item_or_problem(source, config, last.plan.topic_defs)
    # For the plan, a file that cannot be used, or an item withheld (a draft, dated after the clock), is no story
    held = [_withheld(known, last.plan.now, config.zone, options) for known in (before, item)]
    was, story = [known if isinstance(known, Item) and not reason else None
                  for known, reason in zip((before, item), held)]
    if missing_pictures([known for known in (story, was) if known is not None], last.plan.copies, config.root):
        return None  # a picture that is not there: planned again, so its warning is said (or gone) as a build says it
    session.prepare()
    if story is None and was is None:
        site = last.plan.model.site  # out of the site before and now (or new and out): no page changes
        patch = Patch(last.plan, (), kept=frozenset([*(("topic", slug) for slug in site.topic_items),
                                                     *(("provider", slug) for slug in site.provider_items)]))
    else:
        patch = replan(last.plan, session.dependents, name, story, drafts=options.drafts, future=options.future,
                       words=cache.words(), clustering=session.clustering)
    patch = patch and _with_problems(patch, name, before, item)
    if patch is not None and held[0] != held[1]:
        patch = _with_withheld(patch, name, held[1])
    if patch is not None:
        if item is None:
            cache.items.pop(name, None)
            cache.files.pop(name, None)
        else:
            cache.remember_item(name, stat, item)
    return patch


def _with_problems(patch: Patch, name: str, before, after) -> Patch | None:
    """`patch` with the plan's problems and warnings as a full build says them when the result of the file `name`
    went from `before` to `after` (each an Item, a Problem: the file left out, or None): the file's errors and
    warnings (an item's own, withheld or not) out, the new ones in. None (plan again) if the plan does not
    hold those it had, or holds another of the file's (the build's order among them is not known here)."""
    gone, come = _said_of(before), _said_of(after)
    if gone == come:
        return patch
    plan, lists = patch.plan, []
    for said, out, new in zip((plan.problems, plan.warnings), gone, come):
        kept = list(said)
        for problem in out:
            if problem not in kept:
                return None
            kept.remove(problem)
        if any(problem.path == name for problem in kept):
            return None  # (a warning of the site's at the file: two stories' pages alike, a picture not there)
        lists.append(tuple(sorted(kept + list(new), key=lambda p: (p.path, p.line or 0))))  # (as the build sorts)
    return dataclasses.replace(patch, plan=dataclasses.replace(plan, problems=lists[0], warnings=lists[1]))


def _said_of(found) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """The errors and warnings a build says of one file's result (an Item, a Problem or None)."""
    if isinstance(found, Problem):
        return errors_and_warnings(found)
    return (), found.warnings if isinstance(found, Item) else ()


def _withheld(found, now, zone, options: BuildOptions) -> str:
    """Why the build holds back `found` (an Item, a Problem or None), as its withheld list says it; "" if it does
    not."""
    return withheld_because(found, now, zone, options.drafts, options.future) if isinstance(found, Item) else ""


def _with_withheld(patch: Patch, source: str, reason: str) -> Patch:
    """`patch` with the plan's list of the items held back (ModelResult.withheld) as a full build makes it when
    the file `source` is held back for `reason` now ("": it is not): in the order of the files' names, as the
    build reads them."""
    plan = patch.plan
    withheld = [entry for entry in plan.model.withheld if entry[0] != source]
    if reason:
        withheld = sorted([*withheld, (source, reason)])
    model = dataclasses.replace(plan.model, withheld=tuple(withheld))
    return dataclasses.replace(patch, plan=dataclasses.replace(plan, model=model))


def update_search(config: Config, site: RenderedSite, **options) -> bool:
    """Bring the live search index in line with `site` (the fast path leaves it out: serve runs this in the
    background, after the reload). `options`: those of search_index.update_live_index. False if it was current."""
    if not config.search:
        return False
    return update_live_index(config.output_path, site.model.site, config, site.pictures, **options)


def _new_source(config: Config, name: str) -> bool:
    """Whether `name` is a file the build reads that it did not know (the folders on its way listed again, as
    source_files lists them: hidden files and folders left out)."""
    return any(found == name for found, _ in source_files(config.root, config.content_path, within=name))


def _write_patch(session: Session, patch: Patch, config: Config, options: BuildOptions, started: float,
                 changed: list[Path], shown: HandOver | None) -> BuildResult | None:
    """Render and write the outputs a patch names, and leave the cache as a build would; None (the caller
    builds) when the patch's check says its stories are not what clustering gives (after the first pages:
    then the hand-over holds every other file, and the build rewrites whatever it must)."""
    cache, last = session.cache, session.last
    site = patch.plan
    if options.strict and site.problems:
        raise BuildError(list(site.problems), f"Build failed (--strict): {len(site.problems)} content "
                                               f"error{'s' * (len(site.problems) != 1)}.")
    cache.writing()
    state = last.render
    env = make_env(config, site.model.site, copies=site.pictures)  # (no site-wide value changed)
    live = config.output_path
    pages = list(patch.pages)  # (planned again: made below when their fingerprints say so, _to_make)
    reports, tested, fingerprints, first = [], set(), {}, []
    if shown is not None:
        source = relative_name(config.root, Path(changed[0]).absolute())
        rest = []
        for page in pages:
            (first if shown_first(page, source) else rest).append(page)
        first, _, fingerprints = _to_make(session, patch, first, ())  # (the rest after the hand-over)
        # The saved story's page, if the site has it no more (the file deleted, broken, held back or renamed)
        index, articles = session.dependents.index.get(source), session.dependents.articles
        own = {last.plan.pages[articles[index]].output} & set(patch.gone) if index in articles else set()
        reports.append(update_in_place(live, dict(render_pages(env, first, state.fragments, tested=tested)), {}, own))
        pages = rest
        said = (site.problems, site.warnings)
        if reports[0].written or reports[0].removed or said != (last.plan.problems, last.plan.warnings):
            # Final now: the static files, the saved story's page gone, and the pages written or kept (every
            # other page too, unless its stories are still to be checked). Not yet: the pages still to write,
            # the other files gone, and the feeds, API files and sitemaps, planned only now (with_outputs).
            final = {page.output for page in first}
            if patch.check is None:
                final = {page.output for page in site.pages}.difference(
                    [page.output for page in rest], [site.pages[number].output for number, _ in patch.later])
            shown(Held(frozenset(final.union(site.copies, own)), *said, site.model.withheld))
    if patch.check is not None and not patch.check():
        return None
    shown_already = {page.output for page in patch.pages}.difference(page.output for page in pages)
    patch = with_outputs(last.plan, session.dependents, patch)
    # The rest, the other stories' pages (planned only now) and the feeds, API files and sitemaps
    pages, outputs, found = _to_make(session, patch, [page for page in patch.pages
                                                      if page.output not in shown_already], patch.outputs)
    fingerprints.update(found)
    patch = dataclasses.replace(patch, pages=(*first, *pages), outputs=tuple(outputs))
    site, gone = patch.plan, set(patch.gone)
    made = dict(render_pages(env, pages, state.fragments, tested=tested))
    made.update(make_files(outputs, site.model.site, state.output_memo))
    reports.append(update_in_place(live, made, {}, gone))
    for name, fingerprint in fingerprints.items():
        cache.remember_output(live, name, fingerprint)
    for name in patch.gone:
        cache.outputs.pop(name, None)
    cache.published = (cache.published - gone) | {page.output for page in patch.pages} | {o.name for o in patch.outputs}
    cache.dirty = True
    site, cache.tested = with_tested(site, tested, {name: key.digest for name, key in state.keys.items()}, cache.tested)
    session.last = dataclasses.replace(last, plan=site)
    if patch.reordered:
        session.dependents = None  # lists show other stories, or stories moved: indexed again when needed
    written = WriteReport(sum(r.written for r in reports), sum(r.unchanged for r in reports),
                          sum(r.removed for r in reports), tuple(name for r in reports for name in r.changed),
                          tuple(sorted(name for r in reports for name in r.gone_pages)))
    return BuildResult(site, written, len(patch.pages), time.perf_counter() - started, "patch", session.last)


def _to_make(session: Session, patch: Patch, pages: Iterable[Page],
             outputs: Iterable[FileOutput]) -> tuple[list[Page], list[FileOutput], dict[str, str]]:
    """Of the pages and files a patch planned again, those to make, as a build decides it: whose fingerprint is not
    the one of the file the output holds (pipeline.stale_outputs; the last one's, without hashing, for those planned
    exactly as before: fingerprints.reused_fingerprints); and their fingerprints."""
    last, numbers = session.last.plan, session.dependents
    pages, outputs = list(pages), list(outputs)
    reused = reused_fingerprints(
        last.model.site, patch.plan.model.site, session.cache.outputs,
        [(_last_of(last.pages, numbers.page_numbers, page.output), page) for page in pages],
        [(_last_of(last.outputs, numbers.output_numbers, output.name), output) for output in outputs])
    fingerprints = output_fingerprints(patch.plan, session.last.render, pages, outputs, reused)
    stale = stale_outputs(fingerprints, session.cache, patch.plan.config.output_path)
    return ([page for page in pages if page.output in stale], [output for output in outputs if output.name in stale],
            {name: fingerprints[name] for name in stale})


def _last_of(planned: tuple, numbers: Mapping[str, int], name: str):
    """The last plan's page or file of this name, or None."""
    number = numbers.get(name)
    return None if number is None else planned[number]
