"""Hostile bodies, ten times longer each time: the CPU time of rendering a body (Markdown, the sanitiser, its own
passes) for runs of what made some step's time grow faster than the body (docs/dev/performance.md). A step that
is linear takes about ten times as long for ten times the text; one that is quadratic, a hundred.

    python -m bench.hostile [--sizes 10000,100000,1000000] [--kinds amp,copy,...] [--engine cmark]

Prints a Markdown table: each kind's CPU seconds (best of --repeat) at each size, and the growth from one size
to the next. With `--engine python-markdown` a body goes to Python-Markdown unless the build would render it as
CommonMark (markup.python_markdown_costly), as the build does.
"""

from __future__ import annotations

import argparse
import time

from generator.site.markup import python_markdown_costly, render_markdown

# Each kind: its text at about `size` characters
KINDS = {
    "amp": lambda size: "&" * size,
    "amp-space": lambda size: "& " * (size // 2),
    "amp-hash": lambda size: "&#" * (size // 2),
    "amp-name": lambda size: "&amp" * (size // 4),
    "notin": lambda size: "&notin" * (size // 6),
    "entity": lambda size: "&amp;" * (size // 5),
    "copy": lambda size: "©" * size,
    "nbsp": lambda size: "a\xa0" * (size // 2),
    "lt": lambda size: "<" * size,
    "lt-space": lambda size: "< " * (size // 2),
    "code": lambda size: "```\n" + "a && b\n" * (size // 7) + "```\n",
    "title": lambda size: '<abbr title="' + "&" * size + '">x</abbr>\n',
    "href": lambda size: '<a href="https://e.example/?' + "a&" * (size // 2) + '">x</a>\n',
    "fences": lambda size: "```a\n\n" * (size // 6),
    "listing": lambda size: "```\n" + "x = 1\n\n" * (size // 7) + "```\n",
    "paragraphs": lambda size: "x\n\n" * (size // 3),
}


def cpu_of(text: str, engine: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        chosen = "cmark" if engine == "python-markdown" and python_markdown_costly(text)[0] else engine
        render_markdown(text, chosen)
        best = min(best, time.process_time() - started)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--engine", default="cmark", choices=("cmark", "python-markdown"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print("| kind | " + " | ".join(f"{size:,} chars (s)" for size in sizes) + " | growth x10 |")
    print("|---|" + "---:|" * len(sizes) + "---|")
    for kind in args.kinds.split(","):
        times = [cpu_of(KINDS[kind](size), args.engine, args.repeat) for size in sizes]
        growth = ", ".join(f"{after / max(before, 1e-6):.1f}" for before, after in zip(times, times[1:]))
        print(f"| {kind} | " + " | ".join(f"{seconds:.4f}" for seconds in times) + f" | {growth} |", flush=True)


if __name__ == "__main__":
    main()
