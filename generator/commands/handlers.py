"""What each `newsdesk` command does with its parsed arguments (run_build, run_check, run_init, run_fetch,
run_pictures, run_deploy, run_serve): the work is elsewhere (build, fetch, publish, serve); here its options
are read and its outcome said."""

from __future__ import annotations

import json
import logging
import os
import shlex
import sys
import time
from dataclasses import replace
from pathlib import Path

from generator.commands.terminal import Progress, counted, note_empty, note_future, note_gone, print_problems
from generator.config.lines import setting_line
from generator.config.load import load_config
from generator.errors import ConfigError, Problem, printable

log = logging.getLogger(__name__)


def _load(args) -> tuple:
    from generator.build.pipeline import BuildOptions

    overrides = {}
    if args.base_url:
        overrides["base_url"] = args.base_url
    # Folders given on the command line are checked with the config (an output folder over the site's own files).
    cwd, root = Path.cwd(), Path(args.config).parent.resolve()
    # (an absolute folder stays as given: its errors name it as the user wrote it)
    if args.content:
        overrides["content_dir"] = (args.content if Path(args.content).is_absolute()
                                    else os.path.relpath(cwd / args.content, root))
    if getattr(args, "output", None):
        overrides["output_dir"] = (args.output if Path(args.output).is_absolute()
                                   else os.path.relpath(cwd / args.output, root))
    config = load_config(Path(args.config), overrides)
    options = BuildOptions(drafts=args.drafts, future=args.future, strict=args.strict,
                           workers=getattr(args, "workers", 0))
    return config, options


def run_build(args) -> int:
    from generator.build.cache import BuildCache, pages_had
    from generator.build.gone import moves
    from generator.build.pipeline import build

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
    # (the build replaces them: what the gone-pages note compares; a cache of another newsdesk is not read, but
    # the pages it kept are)
    before = tuple(cache.items.values()) or pages_had(config.root)
    result = build(config, options, progress=progress, cache=cache)
    try:
        cache.save(config.root)
        unsaved = None
    except OSError as exc:  # (a full disk: said after what the build did, which is done and written)
        unsaved = exc
    progress.done()
    print_problems(result.site.problems, result.site.warnings, result.site.notes)
    for source, reason in result.site.model.withheld:
        log.info("%s: withheld (%s)", source, reason)
    note_future(result.site.model.withheld)
    note_empty(result)
    gone = result.written.gone_pages
    note_gone(f"{os.path.relpath(config.output_path)}/", "the last build wrote", gone, config.base_url,
              moves(gone, before, result.site.model.site.items))
    if report_path:
        report_path.write_text(json.dumps(result.report(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written = result.written
    pages = len(result.site.pages)
    print(f"{pages} page{'s' * (pages != 1)} written ({result.rendered} rendered, {written.written} "
          f"file{'s' * (written.written != 1)} changed, {written.removed} removed) from {result.items} "
          f"item{'s' * (result.items != 1)}, {counted(result.site)}, {result.seconds:.2f} s")
    if unsaved:
        print("The output was written; the build cache was not saved, so the next build has more to do.",
              file=sys.stderr)
        raise unsaved
    return 0


def run_check(args) -> int:
    from generator.build.pipeline import build

    config, options = _load(args)
    result = build(config, replace(options, write=False))
    print_problems(result.site.problems, result.site.warnings, result.site.notes)
    note_empty(result)
    bad = len({problem.path for problem in result.site.problems})
    pages = len(result.site.pages)
    print(f"{result.items} item{'s' * (result.items != 1)} OK, {bad} with errors, {len(result.site.model.withheld)} "
          f"withheld (drafts or future), {pages} page{'s' * (pages != 1)} would be written; {counted(result.site)}")
    return 1 if bad else 0


def run_init(args) -> int:
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
    workflow = plan_workflow(target, args.install or "", args.fetch_schedule or "", args.pictures,
                             _init_command(args)) if args.github_actions else None
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


def _init_command(args) -> str:
    """The `newsdesk init` command as given, without --install: the hint to add one repeats it (its folder
    and options), ready to paste."""
    words = ["newsdesk", "init"] + ([args.directory] if args.directory is not None else []) + ["--github-actions"]
    words += (["--pictures"] if args.pictures else []) + (["--fetch-schedule", args.fetch_schedule]
                                                          if args.fetch_schedule else [])
    return shlex.join(words)


def _has_sources(path: Path) -> bool:
    """Whether the site's config.yaml names feeds for `newsdesk fetch` (an unreadable one: fetch will say so)."""
    try:
        config = load_config(path)
    except ConfigError:
        return True
    return bool(config.sources or config.fetch.opml)


def run_fetch(args) -> int:
    from generator.config.load import build_time
    from generator.fetch.run import fetch

    configured = config = load_config(Path(args.config))
    if args.content:
        if not Path(args.content).is_dir():  # (as build and check say it: a mistyped name is no new folder)
            print(f"--content: content folder {args.content.rstrip('/')}/ not found (correct the path, or create "
                  f"the folder first)", file=sys.stderr)
            return 2
        config = replace(config, content_dir=os.path.relpath(Path.cwd() / args.content, config.root))
    if args.state:  # (an absolute one as given: its messages name it as the user wrote it)
        state = args.state if Path(args.state).is_absolute() else os.path.relpath(Path.cwd() / args.state, config.root)
        config = replace(config, fetch=replace(config.fetch, state_file=state),
                         from_options=config.from_options | {"fetch.state_file"})
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


def run_pictures(args) -> int:
    from generator.build.pipeline import plan_site
    from generator.fetch.pictures import make_copies

    config, options = _load(args)
    if not config.pictures_dir:
        print(Problem(config.path, setting_line(config.root / config.path, "pictures_dir"), "`pictures_dir` is empty: "
                      "no copies are made or used", "set it to a folder, e.g. pictures"), file=sys.stderr)
        return 2
    if args.local_hosts and not config.local_site:
        # (the model has left those pictures out already: the flag alone copied nothing more, without a word)
        useless = Problem(config.path, setting_line(config.root / config.path, "base_url"),
                          f"--local-hosts: base_url, {config.base_url}, is public, and a public site's pages "
                          "leave out the pictures at an address of this computer or a private network (localhost, "
                          "127.0.0.1, 192.168.x.x: a reader's browser would ask them of its own network), so "
                          "those are not copied",
                          "to try copies from a server of your own, give the site a local address, e.g. "
                          "`base_url: http://localhost:8000/`; `newsdesk build` names each picture left out")
        print(printable(f"warning: {useless}"), file=sys.stderr)
    site = plan_site(config, options).model.site
    progress = Progress(sys.stderr) if sys.stderr.isatty() else None
    report = make_copies(config, site, local_hosts=args.local_hosts, progress=progress)
    if progress:
        progress.done()
    for where, url, why in report.failed:
        print(printable(f"failed: {where}: {url}: {why}"), file=sys.stderr)
    print(f"{report.summary()}, in {config.pictures_dir.rstrip('/')}/")
    return 0


def run_deploy(args) -> int:
    from generator.build.cache import pages_had
    from generator.build.gone import moves
    from generator.build.writer import pages_among
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
        print_problems((), result.build.site.warnings, result.build.site.notes)
    where = f"{target.remote} ({repo.remote_url})"
    changes = result.changes
    gone = pages_among(changes.removed)
    moved = {}
    if gone and result.build:  # (what the site's last builds knew of the items' pages: deploy writes no cache)
        moved = moves(gone, pages_had(config.root), result.build.site.model.site.items)
    note_gone(target.branch, f"{target.remote}'s {target.branch} has", gone, config.base_url, moved)
    held = (f"{target.remote}'s {target.branch} already holds this site "
            f"({len(changes.files)} file{'s' * (len(changes.files) != 1)})")
    if target.dry_run and result.up_to_date:
        print(f"Dry run: {held}; a deploy would commit and push nothing.")
        return 0
    if target.dry_run:
        on_top = f" on top of {repo.base} {repo.base_commit[:7]}" if repo.base else " as its first commit"
        print(f"Dry run: would commit {len(changes.files)} file{'s' * (len(changes.files) != 1)} to "
              f"{target.branch}{on_top} and push it to {where}.")
        for label, paths in (("changed", changes.changed), ("added", changes.added), ("removed", changes.removed)):
            for path in paths[:20]:  # (a file's name is a theme's or the remote branch's: printable, as a problem's)
                print(printable(f"  {label}: {path}"))
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
        print(f"{held}; nothing to deploy.")
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


def run_serve(args) -> int:
    import signal
    import threading
    import webbrowser

    from generator.serve.server import DevServer

    from generator.build.writer import check_output_owned
    from generator.config.checks import check_content_folder, check_data_folder
    from generator.config.load import build_time

    config, options = _load(args)  # a broken config.yaml stops here (exit 2); later it only shows in the browser
    check_content_folder(config)  # as does a content folder that is not there, as it stops build
    check_data_folder(config)  # (and a data_dir)
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
        print(printable(f"Serving {server.config.title} at {server.url} (Ctrl-C to stop)"), flush=True)
        if server.network_url:  # (the address above works on this computer only)
            print(f"Other devices on the network open it at {server.network_url}", flush=True)
        if args.open and not webbrowser.open(server.url):  # (on a server over ssh, or a machine without one)
            print(f"note: --open found no web browser to open here: open {server.url} in yours", file=sys.stderr,
                  flush=True)
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
