"""The `newsdesk` command's arguments: the parser of every command and option (make_parser), its help and
reference (config.yaml's keys, an item's fields), the checks of option values, and the near misses it names
(near_miss, did_you_mean)."""

from __future__ import annotations

import argparse
import re

from generator import __version__


class _Version(argparse.Action):
    """--version on one line as it is: argparse's own wraps it to the terminal's width, which broke the theme's
    path at the hyphen of `site-packages`, and a path copied from there was no path."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show newsdesk's version and where its bundled theme is, and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from generator.config.values import bundled_theme_dir

        print(f"newsdesk {__version__} (bundled theme: {bundled_theme_dir('default')})")
        parser.exit()


def make_parser() -> argparse.ArgumentParser:
    # allow_abbrev=False everywhere: `--out` is not taken for `--output` (it is told about it), so a script's
    # shortened option never changes meaning when an option is added.
    parser = argparse.ArgumentParser(prog="newsdesk", description="Build a static news site from Markdown items.",
                                     allow_abbrev=False,
                                     epilog="Each command has its own --help: `newsdesk check --help` also shows an "
                                            "item file's fields and every key of config.yaml, `newsdesk fetch --help` "
                                            "how to list feeds.")
    # (where this copy's theme is, for a theme override to copy from: init's README.txt names where it was
    # when the site was made, which a new install of newsdesk moves)
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Command)
    parser.commands = commands.choices  # (for near_miss and main: argparse offers no public way to them)

    for name, text in (("build", "build the site into the output folder"),
                       ("check", "read and validate everything, write nothing")):
        # (check's help is the reference of what it checks, which messages point at: a copy of newsdesk
        # installed with pip has no docs/ folder)
        sub = commands.add_parser(name, allow_abbrev=False, help=text, description=text[0].upper() + text[1:] + ".",
                                  **({"epilog": _reference, "formatter_class": _Help} if name == "check" else {}))
        _site_options(sub)
        if name == "build":
            sub.add_argument("--output", metavar="DIR", help="output folder (default: output_dir from config)")
            sub.add_argument("--report", metavar="FILE", help="write a JSON build report (outside the output folder)")
            sub.add_argument("--clean", action="store_true",
                             help="ignore the build cache (.newsdesk-cache/) and render every page")
            sub.add_argument("--workers", type=_workers, default=0, metavar="N",
                             help="processes for parsing and rendering (default, or 0: one per core, at most 8)")

    sub = commands.add_parser("fetch", allow_abbrev=False,
                              help="read the feeds listed in config.yaml into the content folder",
                              description="Fetch every feed of `sources:` (and of the OPML file `fetch.opml` names) "
                                          "and write each new or changed entry as an item file under "
                                          "content_dir/fetch.folder. Exit status: 0 every source fetched, 1 some "
                                          "failed (listed), 2 bad config.yaml, OPML or state file.",
                              epilog=_fetch_reference, formatter_class=_Help)
    _config_options(sub)
    sub.add_argument("--state", metavar="FILE",
                     help="state file, of this content folder alone (default: fetch.state_file from config)")

    sub = commands.add_parser("pictures", allow_abbrev=False,
                              help="make small copies of the items' pictures for phones",
                              description="Download the picture of every item (and each provider's logo) from other "
                                          "sites and write small WebP copies of it into pictures_dir, with a manifest; "
                                          "the build then offers them as smaller sizes of those pictures. Copies "
                                          "already made are kept. A picture that fails is listed and linked as the "
                                          "item gives it. Exit status: 0 (also when some pictures failed), 2 bad "
                                          "config.yaml or content folder.")
    _config_options(sub)
    sub.add_argument("--drafts", action="store_true", help="also the pictures of items with published: false")
    sub.add_argument("--future", action="store_true", help="also the pictures of items dated after now")
    sub.add_argument("--local-hosts", action="store_true",
                     help="also download from this computer and private networks (never asked otherwise: a "
                          "picture's URL comes from crawled content); for testing against a local server")
    sub.set_defaults(base_url=None, strict=False)

    sub = commands.add_parser("init", allow_abbrev=False, help="create a new site that builds at once",
                              description="Create a new site: config.yaml, example items, an empty theme override "
                                          "folder.")
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
    sub.add_argument("--no-build", dest="build", action="store_false",
                     help="publish the output folder `newsdesk build` made, as it is")

    sub = commands.add_parser("serve", allow_abbrev=False,
                              help="build, serve and rebuild on every change, with live reload",
                              description="Build the site, serve it at the path of base_url, and rebuild and reload "
                                          "the browser on every saved change. Ctrl-C stops it.")
    _site_options(sub)
    sub.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default: 127.0.0.1, this computer only)")
    sub.add_argument("--port", type=_port, metavar="N",
                     help="port (default: 8000, or the next free one; 0: any free port)")
    sub.add_argument("--output", metavar="DIR", help="output folder (default: output_dir from config)")
    sub.add_argument("--open", action="store_true", help="open the site in the web browser")
    sub.add_argument("--debounce", type=_milliseconds, metavar="MS",
                     help="rebuild once nothing changed for this long (default: 50 ms; more if a tool that writes "
                          "many files, a slow sync, gives several rebuilds)")
    for sub in commands.choices.values():
        # also after the command (`newsdesk build --debug`), as one naturally adds it to the line just run;
        # SUPPRESS: left out there, it leaves the value given before the command as it was
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                         help="show tracebacks and debug logging")
    return parser


def near_miss(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """`newsdesk biuld`: a command that is not one but is close to one is named (argparse lists them all)."""
    import difflib

    word = next((arg for arg in argv if not arg.startswith("-")), None)
    if word is not None and word not in parser.commands:
        close = difflib.get_close_matches(word, parser.commands, 1, 0.6)
        if close:
            parser.error(f"unknown command {word!r} (did you mean `newsdesk {close[0]}`?)")


def did_you_mean(parser: argparse.ArgumentParser, extra: list[str]) -> str:
    """` (did you mean --workers?)` for an unknown option close to one of the command's, else ""."""
    import difflib

    options = [option for action in parser._actions for option in action.option_strings if option.startswith("--")]
    for arg in extra:
        if arg.startswith("--"):
            close = difflib.get_close_matches(arg.split("=", 1)[0], options, 1, 0.7)
            if close:
                return f" (did you mean {close[0]}?)"
    return ""


class _Command(argparse.ArgumentParser):
    """A command's parser, whose epilog may be a function that makes it: check's reference of every field and key
    is made when its help is shown, not on every command (wrapping it cost more than all the rest of the parser)."""

    def format_help(self) -> str:
        if callable(self.epilog):
            self.epilog = self.epilog()
        return super().format_help()


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
        # (the doc is also docs/configuration.md's: its links are named as the text they show, a copy installed
        # with pip having no docs/ folder to open)
        doc = re.sub(r"\[([^\]]+)\]\([\w./-]+\.md(?:#[\w-]*)?\)", r'"\1" in the user guide', doc)
        # (not at a hyphen: `xn--bcher-` and `kva.example` on two lines are no domain to copy)
        lines += textwrap.wrap(f"{field.name}: {doc}", width, initial_indent=" " * indent,
                               subsequent_indent=" " * (indent + 4), break_on_hyphens=False)
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


def _config_options(sub: argparse.ArgumentParser) -> None:
    """Where the site is: every command that reads one takes these two."""
    sub.add_argument("--config", metavar="PATH", default="config.yaml",
                     help="config file; the site root is the folder holding it (default: ./config.yaml)")
    sub.add_argument("--content", metavar="DIR", help="content folder (default: content_dir from config)")


def _site_options(sub: argparse.ArgumentParser) -> None:
    _config_options(sub)
    sub.add_argument("--base-url", metavar="URL", help="public URL of the site, overriding base_url")
    sub.add_argument("--drafts", action="store_true", help="include items with published: false")
    sub.add_argument("--future", action="store_true", help="include items dated after the build time")
    sub.add_argument("--strict", action="store_true", help="fail on any content error")


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


def _whole_number(low: int, high: float, what: str):
    """An argparse type: a whole number from `low` to `high`, else an error that says `what` it must be."""
    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
        return value
    return read


_workers = _whole_number(0, float("inf"), "a number of processes (1 or more; 0: one per core)")
_milliseconds = _whole_number(0, 10_000, "a number of milliseconds from 0 to 10000")
_port = _whole_number(0, 65_535, "a port number from 0 to 65535")
