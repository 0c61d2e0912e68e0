"""Time the site search index alone: plan a site, then make its index (generator/plan/search.py) and report
wall time, CPU time, the peak memory of the whole process tree while it ran, and the files' sizes.

    python -m bench.corpus --items 10000 --out /tmp/c10k
    python -m bench.search_index --config /tmp/c10k/config.yaml [--workers 2] [--repeat 10] [--cold] [--write DIR]

`--repeat N` indexes the site's stories N times over (N x the documents, same text), to see that time
and memory grow linearly without generating and parsing a corpus N times the size.

`--cold` first makes a cold build of the same site (`newsdesk build --clean`, in a temporary folder: the
site's own output and build cache are not touched) and reports the index's time and memory as a share of
that build's, measured in the same run: the machine's speed moves between runs, a ratio much less.

`--in-build` (with `--cold`) takes the index's figures from inside that build instead: the CPU of its search stage
(the index's source, plan, tasks and files, as a build makes them; the forked helpers' CPU counted once they end)
and the process tree's peak while it ran (the rendered site's state included, as in a build); the site is then not
planned and indexed a second time (at 100,000 items planning alone is minutes of CPU), and the index measured is the
one a build makes, in the same minutes as the build. `--repeat` and `--write` need the separate index, so not with it.

`--write DIR` writes the index files made into DIR (DIR/search/index/...), after the measurement:
`python -m bench.search_quality --bytes DIR` then measures the bytes a query fetches from them, without
planning and indexing a big site a second time. Without `--cold` nothing is rendered: the site is planned (its
CPU is reported apart) and indexed, which makes a 100,000-item site's figures affordable (bench/README.md).
`--json FILE` writes every figure.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import yaml

from bench.measure import figures, run_measured
from bench.run import newsdesk_env

from generator.build.pipeline import BuildOptions, plan_site
from generator.config.load import load_config
from generator.build.parallel import default_workers
from generator.build.search_index import make_index
from generator.plan.search import plan_index


def tree_pss_mib() -> float:
    """Proportional set size of this process and its children (the forked workers), in MiB."""
    me = os.getpid()
    try:
        children = open(f"/proc/{me}/task/{me}/children").read().split()
    except OSError:
        children = []
    total = 0
    for pid in [str(me), *children]:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except OSError:
            continue  # a worker that just ended
    return total / 1024


def cold_build(config_path: Path, workers: int, probe: Path | None = None) -> dict:
    """A cold build of the site (bench.measure's figures: seconds, cpu_seconds, peak_mib) into a temporary
    folder, reading the site's content where it is; with `probe`, the build's search stage is measured in it and
    its figures written to that file (_probed_build)."""
    config = load_config(config_path)
    work = Path(tempfile.mkdtemp(prefix="search-cold-"))
    try:
        values = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
        values.update(content_dir=str(config.content_path), output_dir="output")
        (work / "config.yaml").write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
        for folder in ("themes", "static", config.data_dir):  # the site's own, if it has them
            if folder and (config.root / folder).exists():
                (work / folder).symlink_to(config.root / folder)
        command = [sys.executable, "-m", "generator", "build", "--config", str(work / "config.yaml"), "--clean",
                   "--workers", str(workers)]
        if probe is not None:
            command[1:3] = ["-m", "bench.search_index", "--probe", str(probe), "--"]
        run = run_measured(command, cwd=work, env=newsdesk_env())  # (PYTHONPATH: bench.search_index from any folder)
        if run.returncode != 0:
            raise SystemExit(f"the cold build failed:\n{run.stderr[-3000:]}")
        cold = figures(run)
        # (said now: at 100,000 items deleting its output can take minutes on a busy disk, and planning the site
        # again for the index more; a run stopped before the end still gives the build's figures)
        print(f"cold build: {cold['seconds']} s wall, {cold['cpu_seconds']} s CPU, {cold['peak_mib']} MiB peak "
              "(whole process tree)", flush=True)
        return cold
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _probed_build(probe: Path, arguments: list[str]) -> int:
    """`newsdesk ARGUMENTS` in this process, with the build's search stage (pipeline._stage_search) measured: its
    CPU (this process's, less the sampler's, and the helpers' it forked, counted once they end), wall time and the
    peak PSS of the process tree while it ran, written to `probe` as JSON."""
    from generator.build import pipeline
    from generator.cli import main as newsdesk

    stage_search = pipeline._stage_search

    def measured(*args, **kwargs):
        start = tree_pss_mib()
        peak = [start]
        done = threading.Event()
        sampling = [0.0]

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], tree_pss_mib())
            sampling[0] = time.thread_time()

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        wall, cpu, before = time.perf_counter(), time.process_time(), os.times()
        try:
            return stage_search(*args, **kwargs)
        finally:
            wall, cpu, after = time.perf_counter() - wall, time.process_time() - cpu, os.times()
            done.set()
            sampler.join()
            peak[0] = max(peak[0], tree_pss_mib())
            probe.write_text(json.dumps({
                "seconds": round(wall, 2), "main_cpu_seconds": round(cpu - sampling[0], 2),
                "workers_cpu_seconds": round(after.children_user + after.children_system - before.children_user
                                             - before.children_system, 2),
                "extra_memory_mib": round(peak[0] - start), "peak_mib": round(peak[0])}), encoding="utf-8")

    pipeline._stage_search = measured
    return newsdesk(arguments)


def in_build(args, config_path: Path, workers: int) -> dict:
    """--cold --in-build: the index's figures from inside the cold build (no second planning)."""
    with tempfile.TemporaryDirectory(prefix="search-probe-") as folder:
        probe = Path(folder) / "probe.json"
        cold = cold_build(config_path, workers, probe)
        if not probe.is_file():
            raise SystemExit("the cold build made no search index (is `search` off in the config?)")
        result = json.loads(probe.read_text(encoding="utf-8"))
    cpu = result["main_cpu_seconds"] + result["workers_cpu_seconds"]
    result.update(workers=workers, in_build=True, cold_build=cold,
                  share_of_cold_build={"wall": round(result["seconds"] / cold["seconds"], 3),
                                       "cpu": round(cpu / cold["cpu_seconds"], 3),
                                       "peak_memory": round(result["peak_mib"] / cold["peak_mib"], 3)})
    share = result["share_of_cold_build"]
    print(f"the build's search stage, {workers} workers: {result['seconds']} s wall (CPU: "
          f"{result['main_cpu_seconds']} s main process, {result['workers_cpu_seconds']} s workers); "
          f"+{result['extra_memory_mib']} MiB at peak, {result['peak_mib']} MiB in all (whole process tree, PSS); "
          f"{share['wall']:.1%} of the build's wall time, {share['cpu']:.1%} of its CPU; that peak is "
          f"{share['peak_memory']:.0%} of the build's")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> dict:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--probe"]:  # (the build that --in-build runs: --probe FILE -- NEWSDESK ARGUMENTS)
        raise SystemExit(_probed_build(Path(argv[1]), argv[3:]))
    parser = argparse.ArgumentParser(prog="python -m bench.search_index", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, type=Path)
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    parser.add_argument("--repeat", type=int, default=1, help="index the stories this many times over")
    parser.add_argument("--cold", action="store_true", help="also time a cold build of the site, for the ratio")
    parser.add_argument("--in-build", action="store_true",
                        help="with --cold: the index's figures from inside that build, without planning the site again")
    parser.add_argument("--write", type=Path, metavar="DIR", help="write the index files into this folder")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure to this file")
    args = parser.parse_args(argv)
    config = load_config(args.config)
    workers = args.workers or default_workers()
    if args.in_build:
        if not args.cold or args.write is not None or args.repeat != 1:
            parser.error("--in-build goes with --cold, and not with --write or --repeat")
        return in_build(args, args.config, workers)
    cold = cold_build(args.config, workers) if args.cold else None
    planning = time.process_time(), os.times()
    site = plan_site(config, BuildOptions(), workers=workers)
    planned = os.times()
    plan_cpu = (time.process_time() - planning[0] + planned.children_user + planned.children_system
                - planning[1].children_user - planning[1].children_system)
    gc.collect()
    start_pss = peak = tree_pss_mib()
    done = threading.Event()
    sampling = [0.0]  # the sampler's own CPU: reading smaps_rollup is kernel work, ~10% of the index's at 10,000

    def sample() -> None:  # every 100 ms: the workers live for the whole run
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, tree_pss_mib())
        sampling[0] = time.thread_time()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    wall, cpu, before = time.perf_counter(), time.process_time(), os.times()
    one = plan_index(site.model.site, config)
    index = replace(one, members=one.members * args.repeat, docs=one.docs * args.repeat)
    files = make_index(index, workers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = os.times()
    done.set()
    sampler.join()
    cpu -= sampling[0]  # (process_time counts every thread of this process, the sampler's too)
    peak = max(peak, tree_pss_mib())
    sizes = sorted(len(data) for data in files.values())
    result = {"documents": len(index.members), "workers": workers, "seconds": round(wall, 2),
              "main_cpu_seconds": round(cpu, 2), "workers_cpu_seconds": round(after.children_user + after.children_system
                                                                          - before.children_user - before.children_system, 2),
              "extra_memory_mib": round(peak - start_pss), "peak_mib": round(peak), "files": len(files),
              "mib": round(sum(sizes) / 2**20, 1), "largest_kib": round(sizes[-1] / 1024),
              "plan_cpu_seconds": round(plan_cpu, 2)}
    print(f"{result['documents']:,} stories, {workers} workers: {result['seconds']} s wall "
          f"(CPU: {result['main_cpu_seconds']} s main process, {result['workers_cpu_seconds']} s workers); "
          f"+{result['extra_memory_mib']} MiB at peak, {result['peak_mib']} MiB in all (whole process tree, PSS, "
          f"the planned site included); {result['files']} files, "
          f"{result['mib']} MiB, largest {result['largest_kib']} KiB; planning the site before it: "
          f"{result['plan_cpu_seconds']} s CPU")
    if cold is not None:
        cpu = result["main_cpu_seconds"] + result["workers_cpu_seconds"]
        result["cold_build"] = cold
        result["share_of_cold_build"] = {"wall": round(wall / cold["seconds"], 3),
                                         "cpu": round(cpu / cold["cpu_seconds"], 3),
                                         "peak_memory": round(peak / cold["peak_mib"], 3)}
        share = result["share_of_cold_build"]
        print(f"cold build of the same site, same run: {cold['seconds']} s wall, {cold['cpu_seconds']} s CPU, "
              f"{cold['peak_mib']} MiB peak; the index is {share['wall']:.1%} of its wall time, {share['cpu']:.1%} "
              f"of its CPU; this process tree's peak while indexing ({round(peak)} MiB, the planned site "
              f"included) is {share['peak_memory']:.0%} of the build's")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.write is not None:
        for name, data in files.items():
            (args.write / name).parent.mkdir(parents=True, exist_ok=True)
            (args.write / name).write_bytes(data)
    return result


if __name__ == "__main__":
    main()
