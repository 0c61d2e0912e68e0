"""The `newsdesk` command: argument parsing and what the terminal shows; the work is elsewhere.

Exit status: 0 success; 1 the build failed (or content errors under --strict);
2 bad usage, an invalid config.yaml, or a content folder that is not there.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import re
import shlex
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator import __version__
from generator.build.pipeline import BuildOptions, build
from generator.build.cache import BuildCache
from generator.config.lines import setting_line
from generator.config.load import load_config
from generator.config.values import bundled_theme_dir
from generator.errors import ConfigError, NewsdeskError, Problem, printable

log = logging.getLogger(__name__)


def run() -> None:
    """The `newsdesk` command."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # (what the reader left unread: Python would complain of it at exit)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)


class _Said(logging.Formatter):
    """`warning: ...`, as newsdesk writes its other messages (logging's own would write `WARNING:`)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.lower()}: {super().format(record)}"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    _near_miss(parser, sys.argv[1:] if argv is None else argv)
    args, extra = parser.parse_known_args(argv)
    if extra:  # said by the command's own parser, with its usage (the top one only knows `newsdesk COMMAND`)
        command = parser.commands.get(getattr(args, "command", None) or "", parser)
        command.error(f"unrecognized arguments: {' '.join(extra)}" + _did_you_mean(command, extra))
    said = logging.StreamHandler()
    said.setFormatter(_Said())
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, handlers=[said])
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
            print("Check failed; nothing was written." if args.command == "check"  # (check builds nothing)
                  else "Build failed; the previous output was left as it was.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output has gone (`newsdesk check | head -1`): nothing to tell it
        return 1
    except OSError as exc:  # writing something besides the output (the build cache, a report): a full disk
        if args.debug:
            raise
        print(f"{exc.filename or 'newsdesk'}: {exc.strerror or exc}"
              + (" (free some space on that disk, then run the command again)"
                 if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) else ""), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    # allow_abbrev=False everywhere: `--out` is not taken for `--output` (it is told about it), so a script's
    # shortened option never changes meaning when an option is added.
    parser = argparse.ArgumentParser(prog="newsdesk", description="Build a static news site from Markdown items.",
                                     allow_abbrev=False,
                                     epilog="Each command has its own --help: `newsdesk check --help` also shows an "
                                            "item file's fields and every key of config.yaml, `newsdesk fetch --help` "
                                            "how to list feeds.")
    # (where this copy's theme is, for a theme override to copy from: init's README.txt names where it was
    # when the site was made, which a new install of newsdesk moves)
    parser.add_argument("--version", action="version",
                        version=f"newsdesk {__version__} (bundled theme: {bundled_theme_dir('default')})")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.commands = commands.choices  # (for _near_miss and main: argparse offers no public way to them)

    for name, run, text in (("build", _build, "build the site into the output folder"),
                            ("check", _check, "read and validate everything, write nothing")):
        # (check's help is the reference of what it checks, which messages point at: a copy of newsdesk
        # installed with pip has no docs/ folder)
        sub = commands.add_parser(name, allow_abbrev=False, help=text, description=text[0].upper() + text[1:] + ".",
                                  **({"epilog": _reference(), "formatter_class": _Help} if name == "check" else {}))
        _site_options(sub)
        if name == "build":
            sub.add_argument("--output", metavar="DIR", help="output folder (default: output_dir from config)")
            sub.add_argument("--report", metavar="FILE", help="write a JSON build report (outside the output folder)")
            sub.add_argument("--clean", action="store_true",
                             help="ignore the build cache (.newsdesk-cache/) and render every page")
            sub.add_argument("--workers", type=_workers, default=0, metavar="N",
                             help="processes for parsing and rendering (default, or 0: one per core, at most 8)")
        sub.set_defaults(run=run)

    sub = commands.add_parser("fetch", allow_abbrev=False, help="read the feeds listed in config.yaml into the content folder",
                              description="Fetch every feed of `sources:` (and of the OPML file `fetch.opml` names) "
                                          "and write each new or changed entry as an item file under "
                                          "content_dir/fetch.folder. Exit status: 0 every source fetched, 1 some "
                                          "failed (listed), 2 bad config.yaml, OPML or state file.",
                              epilog=_fetch_reference(), formatter_class=_Help)
    sub.add_argument("--config", metavar="PATH", default="config.yaml",
                     help="config file; the site root is the folder holding it (default: ./config.yaml)")
    sub.add_argument("--content", metavar="DIR", help="content folder (default: content_dir from config)")
    sub.add_argument("--state", metavar="FILE",
                     help="state file, of this content folder alone (default: fetch.state_file from config)")
    sub.set_defaults(run=_fetch)

    sub = commands.add_parser("pictures", allow_abbrev=False, help="make small copies of the items' pictures for phones",
                              description="Download the picture of every item (and each provider's logo) from other "
                                          "sites and write small WebP copies of it into pictures_dir, with a manifest; "
                                          "the build then offers them as smaller sizes of those pictures. Copies "
                                          "already made are kept. A picture that fails is listed and linked as the "
                                          "item gives it. Exit status: 0 (also when some pictures failed), 2 bad "
                                          "config.yaml or content folder.")
    sub.add_argument("--config", metavar="PATH", default="config.yaml",
                     help="config file; the site root is the folder holding it (default: ./config.yaml)")
    sub.add_argument("--content", metavar="DIR", help="content folder (default: content_dir from config)")
    sub.add_argument("--drafts", action="store_true", help="also the pictures of items with published: false")
    sub.add_argument("--future", action="store_true", help="also the pictures of items dated after now")
    sub.add_argument("--local-hosts", action="store_true",
                     help="also download from this computer and private networks (never asked otherwise: a "
                          "picture's URL comes from crawled content); for testing against a local server")
    sub.set_defaults(run=_pictures, base_url=None, strict=False)

    sub = commands.add_parser("init", allow_abbrev=False, help="create a new site that builds at once",
                              description="Create a new site: config.yaml, example items, an empty theme override folder.")
    sub.add_argument("directory", metavar="DIR", nargs="?",
                     help="folder to create the site in: new, empty, or a new git repository holding only README and "
                          "LICENSE files (`.` for this folder); with --github-actions, an existing site gets only "
                          "the workflow, and DIR may be left out for this folder")
    sub.add_argument("--github-actions", action="store_true",
                     help="also write .github/workflows/pages.yml, which publishes the site with GitHub Pages")
    sub.add_argument("--install", metavar="REQUIREMENT",
                     help="with --github-actions: what the workflow installs newsdesk from, for pip install, e.g. "
                          "\"git+https://github.com/you/newsdesk@v0.2\" (default: from where this copy of newsdesk "
                          "came: newsdesk==VERSION from a package index, a git URL at the installed commit; a copy "
                          "installed from a folder or file on this computer needs --install)")
    sub.add_argument("--fetch-schedule", metavar="CRON", type=_cron,
                     help='with --github-actions: also run `newsdesk fetch` on this schedule (five cron fields in UTC, '
                          'e.g. "17 * * * *" for every hour), commit what it fetched, build and publish')
    sub.add_argument("--pictures", action="store_true",
                     help="with --github-actions: also run `newsdesk pictures` before every build, keeping the copies "
                          "in the Actions cache (see `newsdesk pictures --help`)")
    sub.set_defaults(run=_init)

    sub = commands.add_parser("deploy", allow_abbrev=False, help="build the site and push it to the gh-pages branch",
                              description="Build the site into a temporary folder and publish it as the whole content "
                                          "of a branch of the site's git repository, then push that branch. Your "
                                          "working tree, index and current branch are not touched.")
    _site_options(sub)
    sub.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    sub.add_argument("--branch", default="gh-pages", help="branch to publish to (default: gh-pages)")
    sub.add_argument("--message", "-m", default="", metavar="MSG", help="more text for the deploy commit's message")
    sub.add_argument("--dry-run", action="store_true", help="build and show what would be committed; push nothing")
    sub.add_argument("--force", action="store_true", help="replace the remote branch even if it has commits you lack")
    sub.add_argument("--no-build", dest="build", action="store_false", help="publish the output folder `newsdesk build` made, as it is")
    sub.set_defaults(run=_deploy)

    sub = commands.add_parser("serve", allow_abbrev=False, help="build, serve and rebuild on every change, with live reload",
                              description="Build the site, serve it at the path of base_url, and rebuild and reload "
                                          "the browser on every saved change. Ctrl-C stops it.")
    _site_options(sub)
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    sub.add_argument("--port", type=_port, metavar="N", help="port (default: 8000, or the next free one; 0: any free port)")
    sub.add_argument("--output", metavar="DIR", help="output folder (default: output_dir from config)")
    sub.add_argument("--open", action="store_true", help="open the site in the web browser")
    sub.add_argument("--debounce", type=_milliseconds, metavar="MS",
                     help="rebuild once nothing changed for this long (default: 50 ms; more if a tool that writes "
                          "many files, a slow sync, gives several rebuilds)")
    sub.set_defaults(run=_serve)
    for sub in commands.choices.values():
        # also after the command (`newsdesk build --debug`), as one naturally adds it to the line just run;
        # SUPPRESS: left out there, it leaves the value given before the command as it was
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                         help="show tracebacks and debug logging")
    return parser


def _near_miss(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """`newsdesk biuld`: a command that is not one but is close to one is named (argparse lists them all)."""
    import difflib

    word = next((arg for arg in argv if not arg.startswith("-")), None)
    if word is not None and word not in parser.commands:
        close = difflib.get_close_matches(word, parser.commands, 1, 0.6)
        if close:
            parser.error(f"unknown command {word!r} (did you mean `newsdesk {close[0]}`?)")


def _did_you_mean(parser: argparse.ArgumentParser, extra: list[str]) -> str:
    """` (did you mean --workers?)` for an unknown option close to one of the command's, else ""."""
    import difflib

    options = [option for action in parser._actions for option in action.option_strings if option.startswith("--")]
    for arg in extra:
        if arg.startswith("--"):
            close = difflib.get_close_matches(arg.split("=", 1)[0], options, 1, 0.7)
            if close:
                return f" (did you mean {close[0]}?)"
    return ""


class _Help(argparse.HelpFormatter):
    """Help whose indented paragraphs (examples, the reference) are shown as written; the rest is wrapped."""

    def _fill_text(self, text, width, indent):
        return "\n\n".join(paragraph if any(line.startswith(" ") for line in paragraph.splitlines())
                            else super(_Help, self)._fill_text(paragraph, width, indent)
                            for paragraph in text.split("\n\n"))


def _keys(cls, indent: int = 2, width: int = 100) -> list[str]:
    """config.yaml's keys of `cls` (Config, a section of it), each with its one-line doc, sections' keys under them."""
    import dataclasses
    import textwrap
    import typing

    hints, lines = typing.get_type_hints(cls), []
    for field in dataclasses.fields(cls):
        if field.metadata.get("internal"):
            continue
        doc = re.sub(r",? see below\.$", ":" if dataclasses.is_dataclass(_entry(hints[field.name])) else ".",
                     field.metadata.get("doc", ""))
        lines += textwrap.wrap(f"{field.name}: {doc}", width, initial_indent=" " * indent,
                               subsequent_indent=" " * (indent + 4))
        if dataclasses.is_dataclass(_entry(hints[field.name])):
            lines += _keys(_entry(hints[field.name]), indent + 2, width)
    return lines


def _entry(hint):
    """The type of a key's value, or of each entry of a list (`topics:`)."""
    import typing

    return typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint


def _reference() -> str:
    from generator.config.values import Config
    from generator.site.keys import KNOWN_FIELDS

    shown = ("title", "publishedDateTime", "excerpt", "webUrl", "topics", "provider")
    return "\n\n".join([
        "An item is a Markdown file (*.md) anywhere under the content folder: YAML front matter between two `---` "
        "lines, then the body:",
        "\n".join([
            "  ---",
            '  title: "Central bank holds rates"          # required',
            "  publishedDateTime: 2026-11-22T08:00:00Z    # required: when it was published",
            '  excerpt: "One or two sentences for cards and feeds."',
            '  webUrl: "https://provider.example/story"',
            "  topics: [Economy]",
            "  provider: {name: Provider, domain: provider.example}",
            "  ---",
            "  The body, in Markdown."]),
        "Other fields: " + ", ".join(sorted(KNOWN_FIELDS - set(shown), key=str.lower)) + ".",
        "config.yaml, in the site's folder, may set these keys (each has a default):",
        "\n".join(_keys(Config)),
    ])


def _fetch_reference() -> str:
    from generator.config.values import FetchConfig, SourceConfig

    return "\n\n".join([
        "The feeds are config.yaml's `sources:`, a URL alone or with settings of its own:",
        "\n".join([
            "  sources:",
            "    - https://provider.example/feed.xml",
            "    - url: https://example.org/feed.json",
            "      name: Example Science Desk",
            "      topics: [Science]",
            "  fetch:",
            "    opml: feeds.opml"]),
        "A source's keys:",
        "\n".join(_keys(SourceConfig)),
        "How fetch reads them, under `fetch:`:",
        "\n".join(_keys(FetchConfig)),
    ])


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
    # Folders given on the command line are checked with the config (an output folder over the site's own files).
    cwd, root = Path.cwd(), Path(args.config).parent.resolve()
    # (an absolute folder stays as given: its errors name it as the user wrote it)
    if args.content:
        overrides["content_dir"] = args.content if Path(args.content).is_absolute() else os.path.relpath(cwd / args.content, root)
    if getattr(args, "output", None):
        overrides["output_dir"] = args.output if Path(args.output).is_absolute() else os.path.relpath(cwd / args.output, root)
    config = load_config(Path(args.config), overrides)
    options = BuildOptions(drafts=args.drafts, future=args.future, strict=args.strict,
                           workers=getattr(args, "workers", 0))
    return config, options


def _build(args) -> int:
    config, options = _load(args)
    report_path = Path(args.report).resolve() if args.report else None
    if report_path and config.output_path.resolve() in report_path.parents:
        print(f"--report {args.report}: the report must be written outside the output folder "
              f"(it is replaced on every build)", file=sys.stderr)
        return 2
    # (said before building: the build's work was lost to a report that could not be written)
    if report_path and report_path.is_dir():
        print(f"--report {args.report}: is a folder (name the report's file, e.g. --report "
              f"{os.path.join(args.report, 'report.json')})", file=sys.stderr)
        return 2
    if report_path and not report_path.parent.is_dir():
        print(f"--report {args.report}: there is no folder {report_path.parent} (create it first, or write the "
              f"report into a folder that is there)", file=sys.stderr)
        return 2
    progress = Progress(sys.stderr)
    cache = BuildCache.load(config.root, cold=args.clean)
    result = build(config, options, progress=progress, cache=cache)
    cache.save(config.root)
    progress.done()
    _print_problems(result.site.problems, result.site.warnings)
    for source, reason in result.site.model.withheld:
        log.info("%s: withheld (%s)", source, reason)
    _note_future(result.site.model.withheld)
    _note_empty(config, result)
    if report_path:
        report_path.write_text(json.dumps(result.report(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written = result.written
    print(f"{len(result.site.pages)} pages written ({result.rendered} rendered, {written.written} files changed, "
          f"{written.removed} removed) from {result.items} items, {_counted(result.site)}, {result.seconds:.2f} s")
    return 0


def _note_future(withheld) -> None:
    """Say that items dated after the build time are left out: unlike a draft's, no line of the file says so
    (a time written in the wrong zone, an item for later today), and the item was missing without a word."""
    future = [(source, reason) for source, reason in withheld if reason.startswith("dated in the future")]
    if future:
        (source, reason), more = future[0], len(future) - 1
        others = f", as {'is 1 more item' if more == 1 else f'are {more} more items'}" if more else ""
        print(f"note: {source}: {reason}: left out until then{others} (build with --future to show "
              f"{'them' if more else 'it'} now)", file=sys.stderr)


def _note_empty(config, result) -> None:
    """Say why a site has no items when its content folder has no item files at all (a new site whose
    examples were removed, `content_dir` or --content naming the wrong folder), or only drafts: its pages
    would be empty without a word."""
    if result.items or result.site.problems:
        return
    drafts = [source for source, reason in result.site.model.withheld if reason == "published: false"]
    if drafts:
        more = f", as {'is' if len(drafts) == 2 else 'are'} {len(drafts) - 1} more" if len(drafts) > 1 else ""
        print(f"note: the site has no items: {drafts[0]} is a draft (`published: false`){more}, left out (build "
              f"with --drafts to see {'them' if more else 'it'}, or remove `published: false` to publish "
              f"{'them' if more else 'it'})", file=sys.stderr)
        return
    if result.site.model.withheld:
        return
    print(f"note: {os.path.relpath(config.content_path)}/: the content folder has no items (files ending in .md): "
          f"put them there (`newsdesk check --help` shows an item's format), or name the folder that has them with "
          f"`content_dir` in config.yaml or --content", file=sys.stderr)


def _check(args) -> int:
    config, options = _load(args)
    result = build(config, replace(options, write=False))
    _print_problems(result.site.problems, result.site.warnings)
    _note_empty(config, result)
    bad = len({problem.path for problem in result.site.problems})
    print(f"{result.items} items OK, {bad} with errors, {len(result.site.model.withheld)} withheld "
          f"(drafts or future), {len(result.site.pages)} pages would be written; {_counted(result.site)}")
    return 1 if bad else 0


def _counted(site) -> str:
    """The summary's count of what _print_problems printed: "2 errors, 1 warning". An error left its
    file out; a warning is about a file that is in the site all the same."""
    errors, warnings = len(site.problems), len(site.warnings)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _init(args) -> int:
    from generator.publish.scaffold import create_site, enclosing_repository
    from generator.publish.workflow import plan_workflow, write_workflow

    for given, option in ((args.fetch_schedule, "--fetch-schedule"), (args.pictures, "--pictures")):
        if given and not args.github_actions:
            print(f"newsdesk init: {option} is for the workflow: add --github-actions", file=sys.stderr)
            return 2
    if args.directory is None and not args.github_actions:
        print("newsdesk init: name the folder for the new site: newsdesk init DIR", file=sys.stderr)
        return 2
    if args.install and not args.github_actions:
        print("newsdesk init: --install sets the GitHub Actions workflow's install step; add --github-actions",
              file=sys.stderr)
        return 2
    target = Path(args.directory or ".")
    # Planned first: a workflow that cannot be written stops init before it creates anything.
    workflow = plan_workflow(target, args.install or "", args.fetch_schedule or "",
                             args.pictures) if args.github_actions else None
    if not (args.github_actions and (target / "config.yaml").is_file()):  # an existing site only gets the workflow
        created = create_site(target)
        here = target.resolve() == Path.cwd().resolve()
        print(f"Created a new site in {target} ({len(created)} files). Next:\n  "
              + ("" if here else f"cd {shlex.quote(str(target))} && ") + "newsdesk build")  # (quoted, to paste)
        outer = enclosing_repository(target)
        if outer:  # nested without a word, the site would be committed to, and deployed from, someone else's repository
            print(f"note: {target} is inside the git repository {outer}, so the site is part of that repository: "
                  f"`newsdesk deploy` would publish from it to its remote, and a GitHub Actions workflow goes at "
                  f"its root. For a repository of the site's own, make the site outside {outer}, or run `git init` "
                  f"in {target}.", file=sys.stderr)
    if workflow:
        write_workflow(workflow)
        print(f"Wrote {os.path.relpath(workflow.path)}: it builds the site and publishes it with GitHub Pages on "
              f"every push to {workflow.branch}.\nOn GitHub, open the repository's Settings > Pages and set "
              f"Source to \"GitHub Actions\".")
        if args.pictures:
            print("Before building, it makes small copies of the items' pictures (`newsdesk pictures`), kept in the "
                  "Actions cache.")
        if args.fetch_schedule:
            print(f"It also fetches the feeds of config.yaml's `sources:` on the schedule {args.fetch_schedule!r} "
                  f"(UTC), commits them and publishes the site.")
            if not _has_sources(target / "config.yaml"):  # `newsdesk fetch` exits 2: every scheduled run would fail
                print("note: config.yaml lists no `sources:` yet; add the feeds to fetch (`newsdesk fetch --help` "
                      "shows how) before the first scheduled run, which fails without them.", file=sys.stderr)
    return 0


def _has_sources(path: Path) -> bool:
    """Whether the site's config.yaml names feeds for `newsdesk fetch` (an unreadable one: fetch will say so)."""
    try:
        config = load_config(path)
    except ConfigError:
        return True
    return bool(config.sources or config.fetch.opml)


def _fetch(args) -> int:
    from generator.config.load import build_time
    from generator.fetch import fetch

    configured = config = load_config(Path(args.config))
    if args.content:
        if not Path(args.content).is_dir():  # (as build and check say it: a mistyped name is no new folder)
            print(f"--content: content folder {args.content.rstrip('/')}/ not found (correct the path, or create "
                  f"the folder first)", file=sys.stderr)
            return 2
        config = replace(config, content_dir=os.path.relpath(Path.cwd() / args.content, config.root))
    if args.state:
        config = replace(config, fetch=replace(config.fetch, state_file=os.path.relpath(Path.cwd() / args.state,
                                                                                      config.root)))
    if not config.sources and not config.fetch.opml:
        print(f"{config.path}: no `sources:` to fetch (add feed URLs, one `- URL` per line: `newsdesk fetch --help` "
              f"shows how)", file=sys.stderr)
        return 2
    progress = Progress(sys.stderr) if sys.stderr.isatty() else None  # on a terminal only: logs get the summary
    report = fetch(config, build_time(config, os.environ), progress=progress, configured=configured)
    if progress:
        progress.done()
    # (each line quotes what feeds and servers wrote, and OPML names: escaped as problems' are, so that no C1
    # control or direction override in them drives or reorders the terminal)
    for result in report.results:
        for note in result.notes:
            print(printable(f"note: {result.source.label}: {note}"), file=sys.stderr)
    for note in report.notes:
        print(printable(f"note: {note}"), file=sys.stderr)
    for result in report.failed:
        print(printable(f"failed: {result.source.label}: {result.message}"), file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def _pictures(args) -> int:
    from generator.build.pipeline import plan_site
    from generator.fetch.pictures import make_copies

    config, options = _load(args)
    if not config.pictures_dir:
        print(Problem(config.path, setting_line(config.root / config.path, "pictures_dir"), "`pictures_dir` is empty: "
                      "no copies are made or used", "set it to a folder, e.g. pictures"), file=sys.stderr)
        return 2
    site = plan_site(config, options).model.site
    progress = Progress(sys.stderr) if sys.stderr.isatty() else None
    report = make_copies(config, site, local_hosts=args.local_hosts, progress=progress)
    if progress:
        progress.done()
    for where, url, why in report.failed:
        print(printable(f"failed: {where}: {url}: {why}"), file=sys.stderr)
    print(f"{report.summary()}, in {config.pictures_dir.rstrip('/')}/")
    return 0


def _deploy(args) -> int:
    from generator.publish.deploy import DeployOptions, check_base_url, deploy, open_repository, pages_url

    config, options = _load(args)
    target = DeployOptions(remote=args.remote, branch=args.branch, message=args.message, dry_run=args.dry_run,
                           force=args.force, build=args.build)
    repo = open_repository(config.root, target)
    warning = check_base_url(config.base_url, repo.remote_url, config.cname, _base_url_source(args, config))
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    progress = Progress(sys.stderr)
    result = deploy(config, options, target, repo=repo, progress=progress)
    progress.done()
    if result.build:
        _print_problems((), result.build.site.warnings)
    where = f"{target.remote} ({repo.remote_url})"
    changes = result.changes
    if target.dry_run:
        on_top = f" on top of {repo.base} {repo.base_commit[:7]}" if repo.base else " as its first commit"
        print(f"Dry run: would commit {len(changes.files)} files to {target.branch}{on_top} and push it to {where}.")
        for label, paths in (("changed", changes.changed), ("added", changes.added), ("removed", changes.removed)):
            for path in paths[:20]:
                print(f"  {label}: {path}")
            if len(paths) > 20:
                print(f"  ... and {len(paths) - 20} more {label}")
        print(f"Commit message: {result.message}")
        if result.remote_moved:
            print(f"The push would be rejected: {target.remote}'s {target.branch} has commits this repository has not "
                  f"fetched (`git fetch {target.remote} {target.branch}` first, or deploy with --force).")
        elif result.remote_moved is None:
            print(f"Could not reach {target.remote} to check its {target.branch} branch.")
        print("Nothing was committed or pushed.")
        return 0
    if not result.pushed:
        print(f"{target.remote}'s {target.branch} already holds this site ({len(changes.files)} files); "
              f"nothing to deploy.")
        return 0
    print(f"Pushed {target.branch} to {where}: commit {result.commit[:7]}, {changes.summary()}.")
    url = pages_url(repo.remote_url, config.cname)
    if url:
        print(f"GitHub Pages serves it at {url} within a minute or two, once the repository's Settings > Pages "
              f"has Source \"Deploy from a branch\", branch {target.branch}, folder / (root).")
    return 0


def _base_url_source(args, config) -> str:
    """Where the site's base_url was given, for a message about it: the option, or config.yaml's line."""
    if args.base_url:
        return "--base-url"
    from generator.site.content import key_lines

    line = key_lines(config.root, config.path, {"base_url"}).get("base_url")
    return f"{config.path}:{line}" if line else config.path


_CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of the month", 1, 31), ("month", 1, 12),
                ("day of the week", 0, 6))


def _cron(text: str) -> str:
    fields = text.split()
    if len(fields) != 5 or not all(set(field) <= set("0123456789*/,-") for field in fields):
        raise argparse.ArgumentTypeError(f"{text!r} is not a cron schedule of five fields such as \"17 * * * *\"")
    # (GitHub refuses a workflow whose schedule has a value out of range, `61 * * * *`: every push then fails)
    for field, (name, low, high) in zip(fields, _CRON_FIELDS):
        for part in field.split(","):
            match = re.fullmatch(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?", part)
            values = [int(v) for v in (match[2], match[3]) if v is not None] if match else []
            if not match or any(not low <= v <= high for v in values) or (match[4] is not None and int(match[4]) < 1) \
                    or (len(values) == 2 and values[0] > values[1]):
                raise argparse.ArgumentTypeError(f"{text!r}: {part!r} is no {name} (from {low} to {high}, *, a "
                                                 f"range such as {low}-{low + 2}, or a step such as */5)")
    return " ".join(fields)


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more; 0: one per core)")
    return value


def _milliseconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 10_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of milliseconds from 0 to 10000")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65_535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 0 to 65535")
    return value


def _serve(args) -> int:
    import signal
    import threading
    import webbrowser

    from generator.serve.server import DevServer

    from generator.build.writer import check_output_owned
    from generator.config.checks import check_content_folder
    from generator.config.load import build_time

    config, options = _load(args)  # a broken config.yaml stops here (exit 2); later it only shows in the browser
    check_content_folder(config)  # as does a content folder that is not there, as it stops build
    check_output_owned(config.output_path, config)  # and an output folder of the user's (not served as the site)
    build_time(config, os.environ)  # and a SOURCE_DATE_EPOCH that is no time
    server = DevServer(lambda: _load(args)[0], options, Path(args.config), host=args.host,
                       port=8000 if args.port is None else args.port, next_free_port=args.port is None,
                       **({} if args.debounce is None else {"quiet": args.debounce / 1000}))
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # stop as cleanly on `kill` as on Ctrl-C
    try:
        server.start()
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"warning: listening on {args.host}: other computers that can reach this one can open the site",
                  file=sys.stderr)
        print(f"Serving {server.config.title} at {server.url} (Ctrl-C to stop)", flush=True)
        if server.network_url:  # (the address above works on this computer only)
            print(f"Other devices on the network open it at {server.network_url}", flush=True)
        if args.open:
            webbrowser.open(server.url)
        while True:  # short sleeps: a signal that lands on another thread only runs its handler when this wakes
            time.sleep(0.25)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("Stopped.", flush=True)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _print_problems(problems, warnings) -> None:
    """Errors (each leaves its file out), then warnings (the file is in the site: something to fix)."""
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
        try:
            self._show(stage, done, total, now)
        except OSError:  # the reader has gone (`newsdesk build 2>&1 | head`): the build goes on without it
            self.quiet = True

    def _show(self, stage: str, done: int, total: int, now: float) -> None:
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
        if self.shown and not self.quiet:
            self.stream.write("\r\033[K")
            self.stream.flush()
