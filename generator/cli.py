"""The `newsdesk` command: argument parsing and what the terminal shows; the work is elsewhere.

Exit status: 0 success; 1 the build failed (or content errors under --strict);
2 bad usage or an invalid config.yaml.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator import __version__
from generator.build import BuildOptions, build
from generator.config import load_config
from generator.errors import ConfigError, NewsdeskError

log = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s: %(message)s")
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except NewsdeskError as exc:
        if args.debug:
            raise
        print(exc, file=sys.stderr)
        if not exc.summary:
            print("Build failed; the previous output was left as it was.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Build a static news site from Markdown items.")
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    for name, run, text in (("build", _build, "build the site into the output folder"),
                            ("check", _check, "read and validate everything, write nothing")):
        sub = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        _site_options(sub)
        if name == "build":
            sub.add_argument("--output", metavar="DIR", help="output folder (default: output_dir from config)")
            sub.add_argument("--report", metavar="FILE", help="write a JSON build report (outside the output folder)")
        sub.set_defaults(run=run)

    sub = commands.add_parser("init", help="create a new site that builds at once",
                              description="Create a new site: config.yaml, example items, an empty theme override folder.")
    sub.add_argument("directory", metavar="DIR", help="folder to create the site in (may exist, must be empty)")
    sub.set_defaults(run=_init)
    return parser


def _site_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--config", metavar="PATH", default="config.yaml",
                     help="config file; the site root is the folder holding it (default: ./config.yaml)")
    sub.add_argument("--content", metavar="DIR", help="content folder (default: content_dir from config)")
    sub.add_argument("--base-url", metavar="URL", help="public URL of the site, overriding base_url")
    sub.add_argument("--drafts", action="store_true", help="include items with published: false")
    sub.add_argument("--future", action="store_true", help="include items dated after the build time")
    sub.add_argument("--strict", action="store_true", help="fail on any content error")


def _load(args) -> tuple:
    overrides = {}
    if args.base_url:
        overrides["base_url"] = args.base_url
    config = load_config(Path(args.config), overrides)
    cwd = Path.cwd()
    if args.content:
        config = replace(config, content_dir=os.path.relpath(cwd / args.content, config.root))
    if getattr(args, "output", None):
        config = replace(config, output_dir=os.path.relpath(cwd / args.output, config.root))
    options = BuildOptions(drafts=args.drafts, future=args.future, strict=args.strict)
    return config, options


def _build(args) -> int:
    config, options = _load(args)
    report_path = Path(args.report).absolute() if args.report else None
    if report_path and config.output_path.absolute() in report_path.parents:
        print(f"--report {args.report}: the report must be written outside the output folder "
              f"(it is replaced on every build)", file=sys.stderr)
        return 2
    progress = Progress(sys.stderr)
    result = build(config, options, progress=progress)
    progress.done()
    _print_problems(result.site.problems, result.site.warnings)
    for source, reason in result.site.model.withheld:
        log.info("%s: withheld (%s)", source, reason)
    if report_path:
        report_path.write_text(json.dumps(result.report(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written = result.written
    warnings = len(result.site.problems) + len(result.site.warnings)
    print(f"{len(result.site.pages)} pages written ({written.written} files changed, {written.removed} removed) "
          f"from {result.items} items, {warnings} warnings, {result.seconds:.2f} s")
    return 0


def _check(args) -> int:
    config, options = _load(args)
    result = build(config, replace(options, write=False))
    _print_problems(result.site.problems, result.site.warnings)
    bad = len(result.site.problems)
    print(f"{result.items} items OK, {bad} with errors, {len(result.site.model.withheld)} withheld "
          f"(drafts or future), {len(result.site.pages)} pages would be written")
    return 1 if bad else 0


def _init(args) -> int:
    from generator.scaffold import create_site

    target = Path(args.directory)
    created = create_site(target)
    print(f"Created a new site in {target} ({len(created)} files). Next:\n  cd {target} && newsdesk build")
    return 0


def _print_problems(problems, warnings) -> None:
    for problem in problems:
        print(f"error: {problem} [left out]", file=sys.stderr)
    for problem in warnings:
        print(f"warning: {problem}", file=sys.stderr)


class Progress:
    """Shows what a long build is doing: a live line on a terminal, plain lines in a log, nothing in CI."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.quiet = bool(os.environ.get("CI"))
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if self.quiet or now - self.started < 1.0:  # short builds print nothing but their summary
            return
        if self.tty:
            if now - self.last >= 0.1 or done == total:
                counts = f" {done}/{total}" if total else ""
                self.stream.write(f"\r\033[K{stage}{counts}")
                self.stream.flush()
                self.shown, self.last = True, now
        elif now - self.last >= 2.0 or (total and done == total):
            self.stream.write(f"{stage} {done}/{total}\n" if total else f"{stage}\n")
            self.last = now

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
