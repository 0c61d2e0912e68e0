"""What stories add to a cold build: the same corpus built from scratch with stories on and off, in turn.

    python -m bench.stories_build [--sizes 10000] [--repeat 3] [--seed 1] [--work DIR] [--json FILE]
    python -m bench.stories_build --site DIR ...   (a copy of an existing site instead of a new corpus)

Each round builds the bench.corpus site cold (no output, no .newsdesk-cache/) with its config.yaml (stories
on, the default) and with a copy that turns them off (`stories: enabled: false`), one after the other, with
the same settling as bench.run before each; the order alternates from round to round, so that a machine
getting busier does not favour one side. Reported: the medians of wall and CPU time (the build and its
worker processes) and their ratios, on / off. The issue's budget is a ratio of at most 1.10.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

from bench.corpus import write_corpus
from bench.report import load_average
from bench.run import clean_newsdesk, newsdesk_build, settle

OFF_CONFIG, OFF_OUTPUT = "config-no-stories.yaml", "output-no-stories"


def write_off_config(site: Path) -> Path:
    path = site / OFF_CONFIG
    path.write_text((site / "config.yaml").read_text(encoding="utf-8")
                    + f"\nstories:\n  enabled: false\noutput_dir: {OFF_OUTPUT}\n", encoding="utf-8")
    return path


def bench_size(size: int, *, repeat: int, seed: int, work: Path, log, source: Path | None = None) -> dict:
    site = work / str(size) / "newsdesk"
    if source is None:
        write_corpus(size, site, seed)
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
        for side in ("on", "off") if rep % 2 == 0 else ("off", "on"):
            clean_newsdesk(site)
            if (site / OFF_OUTPUT).exists():
                shutil.rmtree(site / OFF_OUTPUT)
            settle(site, warm_up, site, enabled=False)  # inputs read, program started; no cache drop
            runs[side].append(newsdesk_build(site, "config.yaml" if side == "on" else off.name))
            log(f"[{size}] round {rep + 1}: stories {side}: {runs[side][-1]['seconds']:.2f} s wall, "
                f"{runs[side][-1]['cpu_seconds']:.2f} s CPU")
    load.append(load_average())
    out = {"items": size, "rounds": repeat, "load_average": load}
    for side, measured in runs.items():
        out[side] = {"median_wall_s": round(statistics.median(r["seconds"] for r in measured), 3),
                     "median_cpu_s": round(statistics.median(r["cpu_seconds"] for r in measured), 3)}
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
    args = parser.parse_args(argv)
    log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    if args.site:
        results = [bench_size(0, repeat=args.repeat, seed=args.seed, work=args.work, log=log, source=args.site)]
    else:
        results = [bench_size(int(size), repeat=args.repeat, seed=args.seed, work=args.work, log=log)
                   for size in args.sizes.split(",") if size]
    for r in results:
        print(f"{r['items']:,} items, {r['rounds']} rounds: stories on {r['on']['median_wall_s']:.2f} s wall / "
              f"{r['on']['median_cpu_s']:.2f} s CPU, off {r['off']['median_wall_s']:.2f} s / "
              f"{r['off']['median_cpu_s']:.2f} s; on/off: wall {r['ratio_wall']:.3f}, CPU {r['ratio_cpu']:.3f} "
              f"(load average {r['load_average'][0]} -> {r['load_average'][1]})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
