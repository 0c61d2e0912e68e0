"""What stories add to a cold build: the same corpus built from scratch with stories on and off, in turn.

    python -m bench.stories_build [--sizes 10000] [--repeat 3] [--seed 1] [--work DIR] [--json FILE]
    python -m bench.stories_build --site DIR ...   (a copy of an existing site instead of a new corpus)
    python -m bench.stories_build --stage [--titles labelled] [--labelled FILE] ...

Each round builds the bench.corpus site cold (no output, no .newsdesk-cache/) with its config.yaml (stories
on, the default) and with a copy that turns them off (`stories: enabled: false`), one after the other, with
the same settling as bench.run before each; the order alternates from round to round, so that a machine
getting busier does not favour one side. Reported: the medians of wall and CPU time (the build and its
worker processes) and their ratios, on / off. The issue's budget is a ratio of at most 1.10.

`--stage`: each build runs in one process (workers 1, in a child process of its own) that times the stories
stage itself: the items' words (`grouping.item_words`, done in the reading workers of a normal build) and the
clustering (`grouping.with_stories`), in CPU seconds, against the build's whole CPU. The share is what the
stage costs whatever the machine's load does to the build around it; the on / off ratio of the same builds
adds what stories change downstream (a story's card, its lead's sources, the API's story fields, fewer list
entries).

`--titles labelled`: the corpus's titles replaced by the labelled real headlines (`--labelled`, read from
../shared and never written anywhere but the work folder), replicated: the items in time order take the
headlines in their own time order (bench.stories' URL times), one copy of the file after another, so each
copy's stories lie close in time as real coverage does. bench.corpus's own titles are made independently from
small word lists; real headlines share a story's name within a story and little across stories.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench.corpus import write_corpus, yaml_str
from bench.measure import run_measured
from bench.report import load_average
from bench.run import clean_newsdesk, newsdesk_build, newsdesk_env, settle
from bench.stories import LABELLED, labelled_inputs

OFF_CONFIG, OFF_OUTPUT = "config-no-stories.yaml", "output-no-stories"


def write_off_config(site: Path) -> Path:
    path = site / OFF_CONFIG
    path.write_text((site / "config.yaml").read_text(encoding="utf-8")
                    + f"\nstories:\n  enabled: false\noutput_dir: {OFF_OUTPUT}\n", encoding="utf-8")
    return path


_TITLE = re.compile(r"^title: .*$", re.M)
_PUBLISHED = re.compile(r"^publishedDateTime: (.*)$", re.M)


def use_labelled_titles(site: Path, labelled: Path) -> int:
    """Replace the titles of the site's items with the labelled headlines, replicated (module docstring)."""
    inputs, _ = labelled_inputs(labelled)
    headlines = [i.title for i in sorted(inputs, key=lambda i: (i.published, i.source))]
    files = sorted((site / "content").rglob("*.md"))
    dated = sorted((_PUBLISHED.search(path.read_text(encoding="utf-8"))[1], path.name, path) for path in files)
    for n, (_, _, path) in enumerate(dated):
        text = path.read_text(encoding="utf-8")
        title = yaml_str(headlines[n % len(headlines)])
        path.write_text(_TITLE.sub(lambda _: f"title: {title}", text, count=1), encoding="utf-8")
    return len(dated)


def stage_build(site: Path, config: str) -> dict:
    """One cold build in a child process of its own, with one worker: its CPU, and the stories stage's."""
    run = run_measured([sys.executable, "-m", "bench.stories_build", "--stage-child", config], cwd=site,
                       env=newsdesk_env())
    if run.returncode != 0:
        raise RuntimeError(f"build of {site} with {config} failed:\n{run.stderr[-3000:]}")
    return {**json.loads(run.stdout.strip().splitlines()[-1]), "peak_mib": round(run.peak_mib, 1)}


def stage_child(config_name: str) -> None:
    """In this process: build the site in the current folder with one worker, timing the stories stage."""
    from generator.build import pipeline
    from generator.config.load import load_config

    spent = {"item_words": 0.0, "with_stories": 0.0}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - started
        return wrapper
    pipeline.item_words = timed("item_words", pipeline.item_words)  # (the names the pipeline calls)
    pipeline.with_stories = timed("with_stories", pipeline.with_stories)
    config = load_config(Path(config_name))
    started, wall = time.process_time(), time.perf_counter()
    result = pipeline.build(config, pipeline.BuildOptions(workers=1))
    cpu = time.process_time() - started
    print(json.dumps({"cpu_seconds": round(cpu, 3), "seconds": round(time.perf_counter() - wall, 3),
                      "pages": result.rendered,
                      "stories": len(result.site.model.site.stories),
                      "in_stories": sum(len(s.members) for s in result.site.model.site.stories),
                      **{k: round(v, 3) for k, v in spent.items()}}))


def bench_size(size: int, *, repeat: int, seed: int, work: Path, log, source: Path | None = None,
               titles: str = "corpus", labelled: Path = LABELLED, stage: bool = False, off_too: bool = True) -> dict:
    site = work / f"{size}-{titles}" / "newsdesk"
    if source is None:
        write_corpus(size, site, seed)
        if titles == "labelled":
            use_labelled_titles(site, labelled)
    else:  # (copied: the runs write beside its config)
        if site.exists():
            shutil.rmtree(site)
        shutil.copytree(source, site, ignore=shutil.ignore_patterns("output", ".newsdesk-cache", ".output*"))
        size = sum(1 for _ in (site / "content").rglob("*.md"))
    off = write_off_config(site)
    warm_up = [sys.executable, "-m", "generator", "--version"]
    runs: dict[str, list[dict]] = {"on": [], "off": []}
    load = [load_average()]
    for rep in range(repeat):
        for side in (("on", "off") if rep % 2 == 0 else ("off", "on")) if off_too else ("on",):
            clean_newsdesk(site)
            if (site / OFF_OUTPUT).exists():
                shutil.rmtree(site / OFF_OUTPUT)
            settle(site, warm_up, site, enabled=False)  # inputs read, program started; no cache drop
            name = "config.yaml" if side == "on" else off.name
            runs[side].append(stage_build(site, name) if stage else newsdesk_build(site, name))
            r = runs[side][-1]
            log(f"[{size}] round {rep + 1}: stories {side}: {r['seconds']:.2f} s wall, {r['cpu_seconds']:.2f} s CPU, "
                f"peak {r['peak_mib']:.0f} MiB"
                + (f" (item_words {r['item_words']:.2f} s, with_stories {r['with_stories']:.2f} s; "
                   f"{r['in_stories']:,} items in {r['stories']:,} stories)" if stage else ""))
    load.append(load_average())
    out = {"items": size, "titles": titles, "rounds": repeat, "load_average": load}
    if stage:
        shares = [(r["item_words"] + r["with_stories"]) / r["cpu_seconds"] for r in runs["on"]]
        out["stage"] = {"item_words_s": [r["item_words"] for r in runs["on"]],
                        "with_stories_s": [r["with_stories"] for r in runs["on"]],
                        "share_of_cpu": [round(x, 4) for x in shares],
                        "median_share": round(statistics.median(shares), 4),
                        "stories": runs["on"][0]["stories"], "in_stories": runs["on"][0]["in_stories"]}
    for side, measured in ((side, measured) for side, measured in runs.items() if measured):
        out[side] = {"median_wall_s": round(statistics.median(r["seconds"] for r in measured), 3),
                     "median_cpu_s": round(statistics.median(r["cpu_seconds"] for r in measured), 3),
                     "peak_mib": max(r["peak_mib"] for r in measured)}
    if not off_too:
        return out
    out["ratio_wall"] = round(out["on"]["median_wall_s"] / out["off"]["median_wall_s"], 3)
    out["ratio_cpu"] = round(out["on"]["median_cpu_s"] / out["off"]["median_cpu_s"], 3)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stories_build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "work" / "stories")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--site", type=Path, help="a site to copy and build instead of a new corpus")
    parser.add_argument("--stage", action="store_true",
                        help="one-worker builds in child processes that time the stories stage itself")
    parser.add_argument("--titles", choices=("corpus", "labelled"), default="corpus",
                        help="labelled: the labelled real headlines, replicated, as the items' titles")
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--on-only", action="store_true", help="with --stage: no builds with stories off")
    parser.add_argument("--stage-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage_child:
        stage_child(args.stage_child)
        return 0
    log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    if args.site:
        results = [bench_size(0, repeat=args.repeat, seed=args.seed, work=args.work, log=log, source=args.site,
                              stage=args.stage, off_too=not args.on_only)]
    else:
        results = [bench_size(int(size), repeat=args.repeat, seed=args.seed, work=args.work, log=log,
                              titles=args.titles, labelled=args.labelled, stage=args.stage,
                              off_too=not args.on_only)
                   for size in args.sizes.split(",") if size]
    for r in results:
        if "ratio_cpu" not in r:
            print(f"{r['items']:,} items, {r['rounds']} rounds: stories on {r['on']['median_wall_s']:.2f} s wall / "
                  f"{r['on']['median_cpu_s']:.2f} s CPU "
                  f"(load average {r['load_average'][0]} -> {r['load_average'][1]})")
        else:
            print(f"{r['items']:,} items, {r['rounds']} rounds: stories on {r['on']['median_wall_s']:.2f} s wall / "
                  f"{r['on']['median_cpu_s']:.2f} s CPU, off {r['off']['median_wall_s']:.2f} s / "
                  f"{r['off']['median_cpu_s']:.2f} s; on/off: wall {r['ratio_wall']:.3f}, CPU {r['ratio_cpu']:.3f} "
                  f"(load average {r['load_average'][0]} -> {r['load_average'][1]})")
        if "stage" in r:
            st = r["stage"]
            print(f"  stories stage ({r['titles']} titles): item_words {statistics.median(st['item_words_s']):.2f} s + "
                  f"with_stories {statistics.median(st['with_stories_s']):.2f} s CPU by the medians; "
                  f"share of the build's CPU {st['median_share']:.3f} (rounds: "
                  f"{', '.join(f'{x:.3f}' for x in st['share_of_cpu'])}); {st['in_stories']:,} items in "
                  f"{st['stories']:,} stories of two or more")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
