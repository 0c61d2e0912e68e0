"""Time the site search index alone: plan a site, then make its index (generator/plan/search.py) and report
wall time, CPU time, the peak memory of the whole process tree while it ran, and the files' sizes.

    python -m bench.corpus --items 10000 --out /tmp/c10k
    python -m bench.search_index --config /tmp/c10k/config.yaml [--workers 2] [--repeat 10]

`--repeat N` indexes the site's stories N times over (N x the documents, same text), to see that time
and memory grow linearly without generating and parsing a corpus N times the size.
"""

from __future__ import annotations

import argparse
import gc
import os
import threading
import time
from pathlib import Path

from generator.build.pipeline import BuildOptions, plan_site
from generator.config import load_config
from generator.build.parallel import default_workers
from generator.plan.search import SearchIndex, make_index, plan_index


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


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.search_index", description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, type=Path)
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    parser.add_argument("--repeat", type=int, default=1, help="index the stories this many times over")
    args = parser.parse_args(argv)
    config = load_config(args.config)
    workers = args.workers or default_workers()
    site = plan_site(config, BuildOptions(), workers=workers)
    gc.collect()
    start_pss = peak = tree_pss_mib()
    done = threading.Event()

    def sample() -> None:  # every 100 ms: the workers live for the whole run
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, tree_pss_mib())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    wall, cpu, before = time.perf_counter(), time.process_time(), os.times()
    one = plan_index(site.model.site, config)
    index = SearchIndex(one.items * args.repeat, one.docs * args.repeat, one.source)
    files = make_index(index, workers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = os.times()
    done.set()
    sampler.join()
    peak = max(peak, tree_pss_mib())
    sizes = sorted(len(data) for data in files.values())
    result = {"documents": len(index.items), "workers": workers, "seconds": round(wall, 2),
              "main_cpu_seconds": round(cpu, 2), "workers_cpu_seconds": round(after.children_user + after.children_system
                                                                          - before.children_user - before.children_system, 2),
              "extra_memory_mib": round(peak - start_pss), "files": len(files),
              "mib": round(sum(sizes) / 2**20, 1), "largest_kib": round(sizes[-1] / 1024)}
    print(f"{result['documents']:,} stories, {workers} workers: {result['seconds']} s wall "
          f"(CPU: {result['main_cpu_seconds']} s main process, {result['workers_cpu_seconds']} s workers); "
          f"+{result['extra_memory_mib']} MiB at peak (whole process tree, PSS); {result['files']} files, "
          f"{result['mib']} MiB, largest {result['largest_kib']} KiB")
    return result


if __name__ == "__main__":
    main()
