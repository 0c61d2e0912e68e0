"""Measuring one build: wall time and peak memory of a child process, and what it wrote.

    python -m bench.measure -- COMMAND [ARGUMENTS ...]

runs COMMAND once and prints its figures as JSON (its own output goes to standard error).

Peak memory is the child's own `ru_maxrss` from os.wait4 (exact, for that one
process; getrusage(RUSAGE_CHILDREN) would give the maximum over every child the
benchmark ever ran, so it cannot be used per run). If the build starts worker
processes, their memory adds up while they run, so a sampler also sums the
proportional set size (PSS, shared pages split between sharers) of the whole
process tree every 50 ms; the reported peak is the larger of the two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    """One finished child process."""

    command: tuple[str, ...]
    seconds: float  # wall time, start to exit
    cpu_seconds: float  # user + system time of the child and the children it waited for
    peak_kib: int  # max(ru_maxrss of the child, sampled PSS sum of its process tree)
    tree_processes: int  # most processes seen at once in its tree
    programs: dict  # program name -> its largest sampled PSS in KiB (only when the tree had several processes)
    main_peak_kib: int  # the child's own high-water mark (VmHWM), last seen before it exited: without its children
    returncode: int
    stdout: str
    stderr: str

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


def run_measured(command: list[str], *, cwd: Path, env: dict[str, str]) -> Run:
    """Run `command` to completion and measure it; output goes to temporary files (no pipe stalls)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait for it again
        sampler.stop()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    peak = max(usage.ru_maxrss, sampler.peak_kib)  # ru_maxrss is in KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(tuple(command), seconds, cpu, peak, sampler.most_processes, dict(sampler.programs), sampler.main_hwm_kib,
               process.returncode, stdout, stderr)


def figures(run: Run) -> dict:
    """What the benchmark reports of one run (times in seconds, memory in MiB)."""
    result = {"seconds": round(run.seconds, 3), "cpu_seconds": round(run.cpu_seconds, 3),
              "peak_mib": round(run.peak_mib, 1), "main_peak_mib": round(run.main_peak_kib / 1024, 1),
              "processes": run.tree_processes}
    if run.programs:
        result["programs_mib"] = {name: round(kib / 1024, 1) for name, kib in sorted(run.programs.items())}
    return result


class _TreeSampler(threading.Thread):
    """Sums the PSS of a process and its descendants while it has more than one process."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.most_processes = 1
        self.programs: dict[str, int] = {}
        self.main_hwm_kib = 0
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        pause = SAMPLE_SECONDS
        while not self._done.wait(pause):
            started = time.perf_counter()
            self.main_hwm_kib = max(self.main_hwm_kib, _hwm_kib(self.pid))
            pids = _tree(self.pid)
            self.most_processes = max(self.most_processes, len(pids))
            if len(pids) > 1:  # one process: ru_maxrss is exact and costs nothing to read
                sizes = [(_name(pid), _pss_kib(pid)) for pid in pids]
                self.peak_kib = max(self.peak_kib, sum(size for _, size in sizes))
                for name, size in sizes:
                    if size:  # 0: it exited between listing and reading
                        self.programs[name] = max(self.programs.get(name, 0), size)
            # Reading PSS walks the page tables of every process (tens of ms at 1 GB) and holds their memory
            # lock meanwhile: keep the sampler under ~5% of the time, or it slows the builds it measures.
            pause = max(SAMPLE_SECONDS, 20 * (time.perf_counter() - started))


def _tree(root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:
            continue  # it has just exited
    return found


def _hwm_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as handle:
            return handle.read().strip()
    except OSError:
        return "?"


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# --- what a build left on disk ------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """relative path -> (inode, mtime_ns) of every file: a file rewritten in place or replaced changes one."""
    found = {}
    for base, _, files in os.walk(folder):
        for name in files:
            stat = os.lstat(os.path.join(base, name))
            found[os.path.relpath(os.path.join(base, name), folder)] = (stat.st_ino, stat.st_mtime_ns)
    return found


def rewritten(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> int:
    """Files that are new, or whose inode or modification time changed."""
    return sum(1 for name, key in after.items() if before.get(name) != key)


def tree_digest(folder: Path) -> str:
    """One hash of every file's path and bytes: equal digests mean byte-identical outputs."""
    digest = hashlib.sha256()
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(base, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def count_pages(folder: Path) -> dict[str, int]:
    """HTML pages by kind, from their paths. Hugo's `page/1/` redirect stubs are counted apart, not as pages."""
    counts = {"articles": 0, "topic pages": 0, "provider pages": 0, "latest/top/hot": 0, "home, 404": 0,
              "other": 0, "redirect stubs": 0, "all files": 0}
    for base, _, files in os.walk(folder):
        for name in files:
            counts["all files"] += 1
            if not name.endswith(".html"):
                continue
            path = os.path.join(base, name)
            rel = Path(os.path.relpath(path, folder)).parts
            if os.path.getsize(path) < 1024 and rel[-3:-1] == ("page", "1"):
                counts["redirect stubs"] += 1
            elif rel[0] == "news":
                counts["articles"] += 1
            elif rel[0] == "topics":
                counts["topic pages"] += 1
            elif rel[0] == "providers":
                counts["provider pages"] += 1
            elif rel[0] in ("latest", "top", "hot"):
                counts["latest/top/hot"] += 1
            elif rel[0] in ("index.html", "404.html"):
                counts["home, 404"] += 1
            else:
                counts["other"] += 1
    counts["pages"] = sum(v for k, v in counts.items() if k not in ("redirect stubs", "all files"))
    return counts


def other_outputs(folder: Path) -> dict[str, int]:
    """Files that are not HTML pages, by top-level folder (feeds, sitemaps, static files ...)."""
    found: dict[str, int] = {}
    for base, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".html"):
                top = Path(os.path.relpath(os.path.join(base, name), folder)).parts[0]
                found[top] = found.get(top, 0) + 1
    return dict(sorted(found.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.measure",
                                     description="Run a command once; print its wall time, CPU time and peak memory "
                                                 "(its whole process tree) as JSON.")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command and its arguments")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given, e.g. python -m bench.measure -- newsdesk build")
    run = run_measured(command, cwd=Path.cwd(), env=dict(os.environ))
    sys.stderr.write(run.stdout + run.stderr)
    print(json.dumps({"returncode": run.returncode, **figures(run)}))
    return 0 if run.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
