"""What the benchmark prints: the machine, the figures per size, the ratios against Hugo, the page sets,
and where the largest size stands against issue 6's targets. Markdown tables, so they paste into the README."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PAGE_KINDS = ("pages", "articles", "topic pages", "provider pages", "latest/top/hot", "home, 404", "other",
              "redirect stubs", "all files")
_MEASURES = (("cold_pageset", "newsdesk cold, Hugo's page set"), ("hugo", "Hugo cold"),
             ("cold", "newsdesk cold, whole site (+ feeds, JSON API, search index)"), ("warm", "newsdesk warm"),
             ("edit", "newsdesk one edit"))


def machine_info(hugo: str | None) -> dict:
    info = {"nproc": os.cpu_count(), "cpu": _first_field("/proc/cpuinfo", "model name"), "ram": "",
            "python": platform.python_version(), "platform": platform.platform(), "hugo": "",
            "newsdesk": _newsdesk_version(), "commit": _commit()}
    total = _first_field("/proc/meminfo", "MemTotal")
    if total:
        info["ram"] = f"{int(total.split()[0]) / 1024 / 1024:.1f} GiB"
    if hugo:
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
        info["hugo"] = version.split("+")[0].split("-")[0]
    return info


def load_average() -> str:
    """Other work on the machine skews every wall time; the report shows how busy it was."""
    try:
        with open("/proc/loadavg") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return ""


def _first_field(path: str, key: str) -> str:
    try:
        with open(path) as handle:
            return next((line.split(":", 1)[1].strip() for line in handle if line.startswith(key)), "")
    except OSError:
        return ""


def _newsdesk_version() -> str:
    try:
        from generator import __version__

        return __version__
    except ImportError:
        return "?"


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT,
                               capture_output=True, text=True)
    except OSError:
        return ""
    return head.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


# --- the text -------------------------------------------------------------------------------------

def report(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram']} RAM, {m['platform']}",
             f"Python {m['python']}, {m['hugo'] or 'no Hugo'}, newsdesk {m['newsdesk']} at {m['commit']}",
             f"Command: {results['command']}",
             f"{results['repeat']} runs of each build, alternating newsdesk and Hugo; "
             "medians, peak = the largest of the runs.", "",
             "| items | build | wall (median) | CPU user+sys | newsdesk's own build time | peak memory "
             "| files rewritten |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for size in results["sizes"]:
        for key, label in _MEASURES:
            entry = size["summary"].get(key)
            if not entry:
                continue
            own = f"{entry['median_build_s']:.2f} s" if "median_build_s" in entry else "—"
            rewritten = f"{entry['rewritten']:,}" if "rewritten" in entry else "all (fresh output)"
            lines.append(f"| {size['items']:,} | {label} | {entry['median_s']:.2f} s | {entry['median_cpu_s']:.1f} s "
                         f"| {own} | {entry['peak_mib']:,.0f} MiB | {rewritten} |")
    if any("ratios" in size["summary"] for size in results["sizes"]):
        lines += ["", "Ratios, newsdesk / Hugo (below 1.0: newsdesk is faster or smaller):", "",
                  "| items | cold wall, page set | cold CPU, page set | cold peak memory, page set "
                  "| cold wall, whole site | cold CPU, whole site | cold peak memory, whole site "
                  "| warm wall / Hugo cold wall |",
                  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for size in results["sizes"]:
            r = size["summary"].get("ratios")
            if r:
                lines.append(f"| {size['items']:,} | {r.get('cold_pageset_time', '?')} "
                             f"| {r.get('cold_pageset_cpu', '?')} | {r.get('cold_pageset_memory', '?')} "
                             f"| {r['cold_time']} | {r['cold_cpu']} "
                             f"| {r['cold_memory']} | {r['warm_time_vs_hugo_cold']} |")
    lines += ["", "Wall time is the whole command as a user runs it (for newsdesk: Python start-up and imports too).",
              "CPU is user + system time of the process and its children; it moves less than wall time when the",
              "machine is busy (load average before/after each size is listed below).",
              "Before each cold build of either tool the runner wrote dirty pages back and "
              + ("dropped the kernel's file caches (bench.run.settle), then read the inputs back in."
                 if all(size.get("caches_dropped") for size in results["sizes"])
                 else "read the inputs back in; it could NOT drop the kernel's file caches (not root, or "
                      "--no-drop-caches)."),
              "",
              "Pages written (Hugo's page/1/ redirect stubs are not pages and are counted apart):", "",
              "| items | tool | " + " | ".join(PAGE_KINDS) + " |", "| ---: | --- |" + " ---: |" * len(PAGE_KINDS)]
    for size in results["sizes"]:
        for tool, counts in size["pages"].items():
            lines.append(f"| {size['items']:,} | {tool} | " + " | ".join(f"{counts[k]:,}" for k in PAGE_KINDS) + " |")
    lines.append("")
    for size in results["sizes"]:
        for tool, found in size["other_files"].items():
            listed = ", ".join(f"{name} {count:,}" for name, count in found.items()) or "none"
            lines.append(f"- {size['items']:,} items, {tool}: files besides pages: {listed}")
        programs = _programs(size)
        if programs:
            lines.append(f"- {size['items']:,} items, newsdesk cold: processes in the build's tree "
                         f"(largest PSS seen): {programs}")
        checks = ", ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in size["checks"].items())
        lines.append(f"- {size['items']:,} items: {size['summary']['cold']['rejected']} items rejected; {checks}; "
                     f"edited {size['edited']}; load average before {size['load_before']}, after {size['load_after']}")
    lines += _targets(results)
    return "\n".join(lines)


def _programs(size: dict) -> str:
    runs = size["runs"]["cold"]
    seen: dict[str, float] = {}
    for run in runs:
        for name, mib in run.get("programs_mib", {}).items():
            seen[name] = max(seen.get(name, 0.0), mib)
    if not seen:
        return ""
    own = max(run.get("main_peak_mib", 0) for run in runs)
    listed = ", ".join(f"{name} {mib:,.0f} MiB" for name, mib in seen.items())
    return f"{listed}; the newsdesk process itself peaked at {own:,.0f} MiB (VmHWM)"


def _serve(size: dict, edit: float | None) -> str:
    kinds = size.get("serve_rebuild", {}).get("kinds", {})
    parts = [f"{kind} edit {f['median_ms']:,.0f} ms median ({f['pages_rendered']} pages rendered, "
             f"{'/'.join(f['modes'])})"
             for kind, f in kinds.items() if kind == "text"]
    if edit is not None:
        parts.append(f"`newsdesk build` after a text edit (a new process, cache from disk) {edit:.2f} s")
    return "; ".join(parts) or "not reported"


def _serve_met(size: dict, kind: str) -> bool | None:
    figures = size.get("serve_rebuild", {}).get("kinds", {}).get(kind)
    return None if figures is None else figures["median_ms"] <= 150


def _serve_kind(size: dict, kind: str) -> str:
    f = size.get("serve_rebuild", {}).get("kinds", {}).get(kind)
    if f is None:
        return "not measured"
    return f"{f['median_ms']:,.0f} ms median ({f['pages_rendered']} pages rendered)"


def _targets(results: dict) -> list[str]:
    """Issue 6's targets, checked at the largest size that was measured against Hugo."""
    sized = [size for size in results["sizes"] if "ratios" in size["summary"]]
    if not sized:
        return []
    size = max(sized, key=lambda s: s["items"])
    s, r = size["summary"], size["summary"]["ratios"]
    edit = s["edit"].get("median_build_s")
    page_time, page_memory = r.get("cold_pageset_time"), r.get("cold_pageset_memory")
    page_set = "not measured (--no-pageset)"
    whole_peak = s["cold"]["peak_mib"]
    rows = [
        ("cold build of the same page set: wall time ≤ Hugo's",
         page_set if page_time is None else f"{page_time} × Hugo", None if page_time is None else page_time <= 1.0),
        ("cold build peak memory ≤ ⅓ of Hugo's",
         f"page set {page_set if page_memory is None else f'{page_memory} × Hugo'}, "
         f"whole site {r['cold_memory']} × Hugo",
         max(page_memory or 0, r["cold_memory"]) <= 1 / 3),
        ("cold build of the whole site at 100,000 items: peak memory of the process tree ≤ 2 GB (issue 16)",
         f"{whole_peak:,.0f} MiB ({whole_peak * 2**20 / 1e9:.2f} GB) at {size['items']:,} items",
         whole_peak * 2**20 <= 2e9 if size["items"] >= 100_000 else None),
        ("(not a target) cold build of the whole site, with feeds, JSON API and search index, against Hugo's page set",
         f"{r['cold_time']} × Hugo", None),
        ("warm build ≤ 0.2 × Hugo's cold build", f"{r['warm_time_vs_hugo_cold']} × Hugo",
         r["warm_time_vs_hugo_cold"] <= 0.2),
        ("warm build rewrites no unchanged file", f"{s['warm']['rewritten']:,} files rewritten",
         s["warm"]["rewritten"] == 0),
        ("one text edit rebuilt in ≤ 150 ms (serve's incremental path)", _serve(size, edit),
         _serve_met(size, "text")),
        ("one score edit rebuilt in ≤ 150 ms: heat +5 (the item and the items whose percentile it shifts move in "
         "Top and Hot)", _serve_kind(size, "nudge"), _serve_met(size, "nudge")),
        ("one score edit rebuilt in ≤ 150 ms: quality +5 (moves in Top; its provider's average quality too)",
         _serve_kind(size, "quality"), _serve_met(size, "quality")),
        ("one score edit rebuilt in ≤ 150 ms, worst case: heat to the top (most Top and Hot pages change)",
         _serve_kind(size, "score"), _serve_met(size, "score")),
        ("one item redated rebuilt in ≤ 150 ms (it moves in its lists: replanned from the last plan)",
         _serve_kind(size, "redate"), _serve_met(size, "redate")),
        ("one item moved to another topic rebuilt in ≤ 150 ms (replanned from the last plan)",
         _serve_kind(size, "topic"), _serve_met(size, "topic")),
        ("(not an edit) a new story: serve's rebuild", _serve_kind(size, "new"), None),
        ("(not an edit) a story deleted: serve's rebuild", _serve_kind(size, "delete"), None),
        ("cold, warm and edited-then-undone outputs byte-identical", "yes" if all(size["checks"].values()) else "NO",
         all(size["checks"].values())),
    ]
    lines = ["", f"Issue 6 targets at {size['items']:,} items:", "",
             "| target | measured | met |", "| --- | --- | --- |"]
    for target, measured, met in rows:
        lines.append(f"| {target} | {measured} | {'—' if met is None else 'yes' if met else 'no'} |")
    return lines
