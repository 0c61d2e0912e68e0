"""One-item rebuilds as `newsdesk serve` makes them: time from a save to the files written, in one process.

    python -m bench.incremental --config SITE/config.yaml [--rounds 7] [--kinds text,nudge,...] [--json FILE]
                                [--from-cache]

It builds the site once in a serve Session (generator/serve/rebuild.py), as serve's first build does, then,
`--rounds` times for each kind of edit, changes one item on disk and calls serve's rebuild() with the
changed file, exactly as serve's builder thread does after the watcher's debounce (the search index is
brought up to date afterwards, in the background, so it is not in these figures). Besides the time until
every file is written, it reports the time until the hand-over (serve/rebuild.py's HandOver: the saved
story's page and the first pages of the lists written, the browser told to reload), the server's share of
the save to screen. Kinds:

  text    the title changes: a move of length zero; the item's page and the lists, feeds and API
          files that show it are made again
  nudge   the heat goes up by 5 (a crawler's update of a story's score): the item moves a few places
          in Top and Hot; the site is ranked again and the lists whose stories changed are made
  quality the quality goes up by 5: the item moves in Top, and its provider's average quality (on
          the provider's card: its list pages, the providers index, its stories' pages) moves
  score   the heat jumps to 1000 (from the middle of the site to the top of Hot and near the top of
          Top): the worst case of a score edit, every Hot page above its old place and most of Top
          change (several hundred pages at 10,000 items)
  redate  the date moves 3 days back: the item moves in Latest, its topics' and provider's lists,
          and its page moves
  topic   its first topic becomes another (Sports, or Science): it leaves one topic's lists for
          another's
  new     a new story beside it (its copy, with a new title and URLs): every Latest, topic, provider
          and API page after it shifts
  delete  that new story deleted again (the undo of `new`, timed too)
  broken  a member of a story of several items (of the item's, else the nearest) saved cut mid-way in its
          front matter, as a crashed editor leaves it: left out as the build leaves it out, which for the
          plan is the item deleted (it leaves its story, every page after it shifts), and its error said
  mended  that file saved whole again (the undo of `broken`, timed too): its story added again

All of them take serve's one fast path (generator/serve/fastpath.py), which plans again from the last plan
what the edit can change.

Each edit is undone before the next, so every round starts from the same site. Prints the median
build time in milliseconds per kind (and its median CPU time, and the pages rendered), as JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions
from generator.serve.rebuild import Session, rebuild
from generator.config.load import load_config

EDITS = {
    "text": lambda text, n: re.sub(r'^title: "(.*)"$', lambda m: f'title: "{m[1]} (edit {n})"', text, count=1,
                                   flags=re.M),
    "nudge": lambda text, n: re.sub(r"^heat: (.*)$", lambda m: f"heat: {float(m[1]) + 5 + n / 10:g}", text, count=1,
                                    flags=re.M),
    "quality": lambda text, n: re.sub(r"^quality: (.*)$", lambda m: f"quality: {float(m[1]) + 5 + n / 10:g}", text,
                                      count=1, flags=re.M),
    "score": lambda text, n: re.sub(r"^heat: .*$", f"heat: {1000 + n}", text, count=1, flags=re.M),
    "redate": lambda text, n: re.sub(r"^publishedDateTime: (.*)$", lambda m: f"publishedDateTime: {_earlier(m[1], n)}",
                                     text, count=1, flags=re.M),
    "topic": lambda text, n: re.sub(r'^topics:\n  - (.*)$', lambda m: f'topics:\n  - {_other_topic(m[1])}', text,
                                    count=1, flags=re.M),
    "new": lambda text, n: _new_story(text, n),
    "broken": lambda text, n: text[: text.index("\n---", 4) // 2],
}
NEW_FILE = {"new"}  # kinds that add a file beside the edited one (undone by deleting it)
UNDONE = {"new": "delete", "broken": "mended"}  # kinds whose undo is timed too, under this name


def _earlier(stamp: str, n: int) -> str:
    """An ISO date 3 days and n minutes before `stamp` (as the corpus writes dates: ...Z)."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")) - timedelta(days=3, minutes=n)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _new_story(text: str, n: int) -> str:
    """Another story from the edited one's text: a new title and new URLs (its file gets a new name)."""
    text = re.sub(r'^(originalUrl|webUrl): "(.*)"$', lambda m: f'{m[1]}: "{m[2]}new-{n}/"', text, flags=re.M)
    return re.sub(r'^title: "(.*)"$', lambda m: f'title: "New: {m[1]} {n}"', text, count=1, flags=re.M)


def _other_topic(written: str) -> str:
    return '"Science"' if written.strip('"') == "Sports" else '"Sports"'


def _story_member(session: Session, config, target: Path) -> Path:
    """The file of an item in a story of several: the target's own when it is in one, else the published item
    nearest it in the site's order that is; the target when the site has no story of several."""
    site = session.last.plan.model.site
    sources = [item.source for item in site.items]
    name = target.relative_to(config.root).as_posix()
    at = sources.index(name) if name in sources else len(sources) // 2
    members = sorted(site.story_of, key=lambda index: (abs(index - at), index))
    return config.root / sources[members[0]] if members else target


def measure(config_path: Path, rounds: int, target: Path | None = None, kinds: list[str] | None = None,
            from_cache: bool = False) -> dict:
    """`from_cache`: start from the build cache `newsdesk build` left on disk (as serve does), not an empty one."""
    config = load_config(config_path)
    environ = dict(os.environ, CI="1")
    environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))  # serve reads the clock once
    options = BuildOptions()
    session = Session(BuildCache.load(config.root)) if from_cache else Session()
    started = time.perf_counter()
    rebuild(session, config, options, None, environ=environ)
    first = time.perf_counter() - started
    # serve does this while it waits for the first edit: a save that comes sooner waits for it
    prepared, processor = time.perf_counter(), time.process_time()
    session.prepare()
    prepare = ((time.perf_counter() - prepared) * 1000, (time.process_time() - processor) * 1000)
    files = sorted((config.content_path).rglob("*.md"))
    target = target or next(p for p in files[len(files) // 2:]
                            if "\npublished: true\n" in p.read_text(encoding="utf-8"))
    original = target.read_text(encoding="utf-8")
    results = {"first_build_s": round(first, 2), "prepare_ms": round(prepare[0], 1),
               "prepare_cpu_ms": round(prepare[1], 1), "edited": str(target), "kinds": {}}
    member = _story_member(session, config, target) if "broken" in (kinds or EDITS) else target
    whole = member.read_text(encoding="utf-8")
    if member != target:
        results["broken"] = str(member)
    try:
        for kind in kinds or EDITS:
            edit = EDITS[kind]
            timed = {kind: ([], [], [], set(), [])}  # kind -> times, CPU times, pages rendered, modes, hand-overs
            if kind in UNDONE:
                timed[UNDONE[kind]] = ([], [], [], set(), [])  # its undo: the new story deleted, the file mended
            edited = member if kind == "broken" else target
            path = target.with_name(f"{target.stem}-new.md") if kind in NEW_FILE else edited
            for n in range(rounds):
                for text in (edit(edited.read_text(encoding="utf-8"), n), None):  # the edit, then undoing it
                    if text is not None:
                        path.write_text(text, encoding="utf-8")
                    elif path != edited:
                        path.unlink()
                    else:
                        path.write_text(whole if edited == member else original, encoding="utf-8")
                    handed: list = []
                    shown = lambda held: handed.append((time.perf_counter(), time.process_time()))  # noqa: E731
                    started, processor = time.perf_counter(), time.process_time()
                    result = rebuild(session, config, options, [path], environ=environ, shown=shown)
                    elapsed = (time.perf_counter() - started) * 1000
                    used = (time.process_time() - processor) * 1000  # (the machine may be shared: CPU time too)
                    session.prepare()  # serve does this once the browser had time to reload
                    if text is not None or kind in UNDONE:
                        times, cpu, rendered, modes, shown_at = timed[kind if text is not None else UNDONE[kind]]
                        times.append(elapsed)
                        cpu.append(used)
                        if handed:
                            shown_at.append(((handed[0][0] - started) * 1000, (handed[0][1] - processor) * 1000))
                        rendered.append(result.rendered)
                        modes.add(result.mode)
            for name, (times, cpu, rendered, modes, shown_at) in timed.items():
                results["kinds"][name] = {"median_ms": round(statistics.median(times), 1),
                                          "min_ms": round(min(times), 1), "max_ms": round(max(times), 1),
                                          "cpu_ms": round(statistics.median(cpu), 1), "rounds": rounds,
                                          "pages_rendered": int(statistics.median(rendered)), "modes": sorted(modes)}
                if shown_at:  # the first pages written and the browser told to reload (rebuild.HandOver)
                    results["kinds"][name].update(
                        handover_ms=round(statistics.median(wall for wall, _ in shown_at), 1),
                        handover_cpu_ms=round(statistics.median(used for _, used in shown_at), 1))
    finally:
        member.write_text(whole, encoding="utf-8")
        target.write_text(original, encoding="utf-8")
        target.with_name(f"{target.stem}-new.md").unlink(missing_ok=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.incremental", description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="the site's config.yaml")
    parser.add_argument("--rounds", type=int, default=7, help="edits of each kind (default 7)")
    parser.add_argument("--kinds", default=",".join(EDITS), help=f"which edits to time (default: {','.join(EDITS)})")
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON ('-': standard output only)")
    parser.add_argument("--from-cache", action="store_true",
                        help="start from the build cache on disk (as serve after `newsdesk build`), not an empty one")
    args = parser.parse_args(argv)
    kinds = [kind for kind in args.kinds.split(",") if kind]
    unknown = sorted(set(kinds) - set(EDITS))
    if unknown:
        parser.error(f"unknown kind(s): {', '.join(unknown)}")
    results = measure(Path(args.config), args.rounds, kinds=kinds, from_cache=args.from_cache)
    if args.json == "-":
        print(json.dumps(results))
        return 0
    for kind, figures in results["kinds"].items():
        print(f"{kind} edit: median {figures['median_ms']} ms (min {figures['min_ms']}, max {figures['max_ms']}, "
              f"CPU {figures['cpu_ms']}, {figures['rounds']} rounds), {figures['pages_rendered']} pages rendered, "
              f"path {'/'.join(figures['modes'])}"
              + (f"; hand-over at {figures['handover_ms']} ms (CPU {figures['handover_cpu_ms']})"
                 if "handover_ms" in figures else ""))
    print(f"first build {results['first_build_s']} s; preparation for the first edit {results['prepare_ms']} ms "
          f"(CPU {results['prepare_cpu_ms']}); edited {results['edited']}"
          + (f"; broken {results['broken']}" if "broken" in results else ""))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
