"""Stage 1: config.yaml -> Config.

Every option is a dataclass field whose `doc` metadata is its one-line reference
(docs/configuration.md's table mirrors them; a test keeps the two in step). Unknown
keys and wrong types are errors naming the key, the expected type and the line,
collected across the whole file before newsdesk gives up (exit status 2).
"""

from __future__ import annotations

import collections
import dataclasses
import difflib
import functools
import logging
import math
import os
import re
import shlex
import string
import typing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from generator.errors import ConfigError, Problem, yaml_problem
from generator.isotime import parse_iso
from generator.languages import language_problem
from generator.textfiles import decoded
from generator.urls import CONTROL, ascii_url, read_url, slugify

log = logging.getLogger(__name__)
MAX_VALUE = 2000  # characters of a text value, as of an item's plain-text fields

try:  # libyaml's C loader is much faster and just as safe (safe loading only)
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader


_PACKAGE_THEMES = Path(__file__).parent / "themes"  # where a wheel install puts them
_SOURCE_THEMES = Path(__file__).parent.parent / "themes"  # a source checkout


def bundled_theme_dir(name: str) -> Path | None:
    for base in (_PACKAGE_THEMES, _SOURCE_THEMES):
        if (base / name / "templates").is_dir():
            return base / name
    return None


def _opt(default, doc: str):
    if isinstance(default, (list, tuple)):
        return field(default_factory=lambda: tuple(default), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


MAX_WEIGHT = 1_000_000  # of a ranking weight or boost, either way (_check_semantics)


@dataclass(frozen=True)
class RankingConfig:
    """How the Top list and the front page order items (see docs/configuration.md, "ranking")."""

    heat_weight: float = _opt(1.0, "Weight of an item's heat (normalised to 0..1 across the site).")
    quality_weight: float = _opt(1.0, "Weight of an item's quality (normalised to 0..1 across the site).")
    recency_weight: float = _opt(2.0, "Weight of freshness, 2^(-age/half_life), 1.0 for an item published at build time.")
    half_life_hours: float = _opt(36.0, "Hours after which an item's freshness in Top has halved.")
    hot_gravity: float = _opt(1.5, "How fast stories fall in Hot: hotness is pct(heat) / (age_hours + 2)^hot_gravity.")
    min_heat: float = _opt(0.0, "Items with less heat are left out of the front page, Top and Hot lists (still on Latest and their own pages).")
    coverage_boost: float = _opt(0.5, "How much a story's heat grows with the providers covering it: heat × (1 + coverage_boost × ln providers); 0: not at all.")


@dataclass(frozen=True)
class StoriesConfig:
    """How items that report the same news become one story (see docs/configuration.md, "stories")."""

    enabled: bool = _opt(True, "Group the items that report the same news, across providers, into stories: one card each, with \"+N sources\".")
    window_hours: float = _opt(72.0, "Items joined by similar text lie within this many hours of their story's first item.")
    threshold: float = _opt(0.35, "How alike (cosine, more than 0 up to 1) an item's words must be to a story's to join it: higher, fewer and surer merges.")
    same_provider: str = _opt("join", "A provider's own items of one story: `join` (by text, like anyone's) or `apart` (joined only by URL or `related`).")


@dataclass(frozen=True)
class TopicConfig:
    """A topic of the site; items name topics in their `topics:` list."""

    name: str = _opt("", "The topic's display name, as items write it; characters that show nothing (zero-width spaces, direction marks) are dropped, as from items' topics.")
    slug: str = _opt("", "URL part (`/topics/<slug>/`); made from the name when empty.")
    parent: str = _opt("", "Name or slug of the parent topic; a parent's page also lists its children's items.")
    description: str = _opt("", "One sentence shown on the topic page.")
    keywords: tuple[str, ...] = _opt([], "Words, phrases and #hashtags that give an entry `newsdesk fetch` reads this topic, when its title, summary or text has one (whole words, any case).")


@dataclass(frozen=True)
class ProviderConfig:
    """Extra facts about a provider; items carry the provider's name and domain themselves."""

    domain: str = _opt("", "The provider's domain, e.g. `techcrunch.com` (its key).")
    name: str = _opt("", "Display name; taken from the items when empty (the name most of them give; of those as many give, the newest item's). Read as an item's provider name is: characters that show nothing (zero-width spaces, direction marks) are dropped.")
    logo: str = _opt("", "Logo: an https URL, or a file in the site's `static/` folder (`logos/x.png` or `static/logos/x.png`).")
    description: str = _opt("", "One sentence shown on the provider page.")
    account: str = _opt("", "On a host many providers share (youtube.com, github.com...): the address of the account's own page (`https://www.youtube.com/@acme`), as its items' `account`; the record is then that account's alone, not the host's nor another account's, and `domain` may be left out. Spellings of one page (`/%40acme`, `/@acme`, `m.`, `www.`) are one account.")
    # A data_dir record's logo in every size it gives: (url, width, height) each, `logo` first.
    logos: tuple = field(default=(), metadata={"internal": True})


@dataclass(frozen=True)
class SourceConfig:
    """A feed `newsdesk fetch` reads; `- URL` is short for `- url: URL`."""

    url: str = _opt("", "The feed's URL (RSS, Atom, RDF or JSON Feed), http or https.")
    name: str = _opt("", "Provider name for its items; the feed's title when empty.")
    domain: str = _opt("", "Provider domain for its items; the host of the feed's site link when empty (on a host "
                           "many share, such as youtube.com, its items are then the account's: see "
                           "\"Channels, repositories and subreddits\" in the fetch guide; set `domain` "
                           "to make them one provider).")
    logo: str = _opt("", "Provider logo for its items: an https URL.")
    topics: tuple[str, ...] = _opt([], "Topics every item of this feed gets, besides its categories that name a declared topic.")
    quality: float = _opt(50.0, "Quality prior: the `quality` of this feed's new items.")
    max_items: int = _opt(100, "Read at most this many entries of the feed, the newest ones (0: all).")
    only_topics: bool = _opt(False, "Keep only the entries that get a declared topic from their categories or `keywords` (the source's own `topics` do not count): a general feed for a site about one subject.")


@dataclass(frozen=True)
class FetchConfig:
    """How `newsdesk fetch` reads the `sources` (see docs/fetch.md)."""

    opml: str = _opt("", "An OPML file of more sources (relative to the site root), e.g. exported from a feed reader.")
    folder: str = _opt("fetched", "Folder under `content_dir` that fetched items are written to, one subfolder per site (a source's `domain`, else its host).")
    state_file: str = _opt("fetch-state.json", "What fetch remembers (validators, moved and gone feeds, the items it wrote); commit it.")
    keep_days: int = _opt(0, "Delete fetched items published more than this many days ago, unless edited by hand (0: keep all; at most 36,500).")
    timeout: float = _opt(20.0, "Seconds a feed may take to answer, and to arrive in full (at most 86,400).")
    retries: int = _opt(2, "Tries after a failed connection, a timeout or a 5xx answer, waiting `backoff` seconds, then twice that (at most 10).")
    backoff: float = _opt(1.0, "Seconds before the first retry (at most 86,400).")
    max_wait: float = _opt(60.0, "Longest `Retry-After` that fetch waits for; a feed asking for longer is tried on the next fetch (at most 86,400 seconds).")
    concurrency: int = _opt(8, "Feeds fetched at once (one at a time from any one host; at most 64).")
    max_bytes: int = _opt(10485760, "Largest feed read, in bytes after decompression; a bigger one fails.")
    parse_timeout: float = _opt(60.0, "Seconds a downloaded feed may take to be read (parsed); a slower one fails (at most 86,400).")
    user_agent: str = _opt("", "User-Agent header, printable ASCII on one line; empty: `newsdesk/VERSION (+base_url)`.")


@dataclass(frozen=True)
class Config:
    """The whole site configuration; `root` is the folder holding config.yaml."""

    title: str = _opt("newsdesk", "Site title, shown in the header and in `<title>`.")
    description: str = _opt("", "Site description for the front page's meta description and feeds.")
    base_url: str = _opt("http://localhost:8000/", "Public URL of the site; may have a path, e.g. "
                         "`https://user.github.io/repo/` (percent-encoded where it needs to be, its host in lower case, and a host such as "
                         "`bücher.example` written in its ASCII form, `xn--bcher-kva.example`); a query, a fragment "
                         "or a password in it is an error.")
    language: str = _opt("en", "Language code (`en`, `pt-BR`) for `<html lang>`, feeds and the search's stemmer; a "
                               "locale's `pt_BR` is read as `pt-BR`; `''` declares none (for a site in many languages: no "
                               "stemming); a language's name (`English`) or a locale with "
                               "its charset (`en_US.UTF-8`) is an error, and so is a two-letter code that "
                               "names no language (ISO 639-1) or country (ISO 3166-1): `xx`, `jp` (Japanese is `ja`), "
                               "`en-UK` (`en-GB`). It also chooses the language of the bundled theme's own words and "
                               "of its dates' month and weekday names, how its numbers are written (`1.234` and `98,3` "
                               "in German) and which language its \"3 hours ago\" is in (the words' language, so "
                               "English on a site whose language has no words): newsdesk ships English, German (`de`), "
                               "French (`fr`), Spanish (`es`) and Japanese (`ja`); `de-AT` uses `de`'s; another language "
                               "shows English words, with a warning, until you add its file ([A site in another "
                               "language](themes.md#a-site-in-another-language)).")
    timezone: str = _opt("UTC", "IANA time zone for dates written without one, and for displayed dates.")
    content_dir: str = _opt("content", "Folder of item files (`*.md`, any depth), relative to the site root.")
    output_dir: str = _opt("output", "Folder the site is written to, relative to the site root.")
    theme: str = _opt("default", "Theme name: `themes/<theme>/` in the site overrides the bundled theme of that name, or the bundled `default`, file by file; a name that is neither is an error.")
    data_dir: str = _opt("", "Optional folder with `topics/*.yaml` and `organizations/*.md` records (Smartable layout).")
    items_per_page: int = _opt(20, "Items on each page of Latest, Top, Hot, topic and provider lists.")
    front_page_items: int = _opt(13, "Items on the front page: one lead story and the rest as cards.")
    feed_items: int = _opt(50, "Items in each feed.")
    feeds: bool = _opt(True, "Write the Atom, RSS and JSON feeds (site, topics, providers) and link them from every page.")
    api: bool = _opt(True, "Write the read-only JSON API (`api/`).")
    search: bool = _opt(True, "Build the full-text search index (search/index/) and show the search box and page.")
    type_lists: bool = _opt(True, "A list page, feeds and a header link for each item type besides article (`videos/`, `downloads/` ...).")
    markdown_engine: str = _opt("cmark", "Markdown renderer: `cmark` (CommonMark + GitHub extensions, fast) or `python-markdown` (its `extra` extensions: footnotes, definition lists, abbreviations). Python-Markdown's time grows with the square of the brackets, tags and other marks in one paragraph: a body with thousands (which would take it minutes) is rendered as CommonMark, with a warning.")
    now: str = _opt("", "Fixed build time (ISO 8601); else `SOURCE_DATE_EPOCH`; else the clock.")
    cname: str = _opt("", "Custom domain for GitHub Pages; written to `CNAME` when set (a domain such as `bücher.example` in its ASCII form, as GitHub Pages reads it).")
    embed_hosts: tuple[str, ...] = _opt(
        ["www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "player.vimeo.com"],
        "Hosts whose video players may be embedded (https only); other videos get a link.",
    )
    picture_resizer: str = _opt("", "URL of an image resizing service for pictures from other sites, with `{url}` (the picture's URL, percent-encoded) and `{width}` (pixels), e.g. `https://wsrv.nl/?url={url}&w={width}`: pages then offer each picture in the widths they show it at. Empty: pictures are linked as items give them.")
    pictures_dir: str = _opt("pictures", "Folder of the small copies of items' pictures that `newsdesk pictures` makes, relative to the site root: when it holds their manifest, pages offer the copies as smaller sizes of those pictures. Empty: copies are never made or used.")
    undeclared_topics: str = _opt("warn", "An item naming a topic that `topics` (or data_dir) does not declare, when some are declared: `warn` (kept, with a warning), `error` (left out) or `allow`.")
    ranking: RankingConfig = field(default_factory=RankingConfig, metadata={"doc": "Ranking weights, see below."})
    stories: StoriesConfig = field(default_factory=StoriesConfig, metadata={"doc": "Grouping items into stories, see below."})
    topics: tuple[TopicConfig, ...] = field(default_factory=tuple, metadata={"doc": "List of topics (name, slug, parent, description, keywords)."})
    providers: tuple[ProviderConfig, ...] = field(default_factory=tuple, metadata={"doc": "List of providers (domain, name, logo, description)."})
    sources: tuple[SourceConfig, ...] = field(default_factory=tuple, metadata={"doc": "Feeds that `newsdesk fetch` reads into the content folder, see below."})
    fetch: FetchConfig = field(default_factory=FetchConfig, metadata={"doc": "How `newsdesk fetch` reads them, see below."})
    root: Path = field(default=Path("."), metadata={"internal": True})
    path: str = field(default="config.yaml", metadata={"internal": True})
    # Keys the command line gave (--content, --output, --base-url): their messages name the option, not a line.
    from_options: frozenset[str] = field(default=frozenset(), metadata={"internal": True})

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always with slashes at both ends."""
        return urlsplit(self.base_url).path or "/"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def input_paths(self) -> list[Path]:
        """Folders the build reads; the output folder must not overlap any of them."""
        return [self.content_path, self.root / "themes", self.root / "static"] + (
            [self.root / self.data_dir] if self.data_dir else []) + (
            [self.root / self.pictures_dir] if self.pictures_dir else [])


def load_config(path: Path | str, overrides: dict | None = None) -> Config:
    """Read and validate config.yaml; raise ConfigError with every problem found."""
    path = Path(path)
    shown = path.name
    if path.is_dir():  # `--config my-site`: the site's folder, not its file
        inside = path / "config.yaml"
        raise ConfigError(Problem(str(path), None, "is a folder, not a config file",
                                  f"pass --config {_word(inside)}" if inside.is_file() else _site_above(inside) or
                                  f"it has no config.yaml: pass the site's config file with --config, or create a site "
                                  f"there with `newsdesk init {_word(path)}`"))
    try:
        raw = path.read_bytes()
        text = decoded(raw)  # (UTF-16 with its byte order mark too, as Windows' Notepad saves "Unicode")
    except FileNotFoundError:
        # (`--config news.yml` that is not there: say so, not that config.yaml is missing)
        beside = path.parent / "config.yaml"
        raise ConfigError(Problem(str(path), None, "no config.yaml here" if path.name == "config.yaml" else "no such file",
                                  _site_above(path) or (f"{beside} is there: pass --config {_word(beside)}"
                                                        if path.name != "config.yaml" and beside.is_file() else
                                                        "run newsdesk in the site folder, pass --config PATH, or "
                                                        "create a site with `newsdesk init DIR`")))
    except UnicodeDecodeError as exc:
        raise ConfigError(Problem(shown, raw[:exc.start].count(b"\n") + 1,
                                  f"not UTF-8 text (byte {raw[exc.start]:#04x} of a text in another encoding, such as "
                                  f"Windows-1252)", "save the file as UTF-8 text: your editor's Save As offers "
                                                    "the encoding")) from None
    except OSError as exc:
        raise ConfigError(Problem(shown, None, f"cannot read the file: {exc.strerror or exc}",
                                  "check that it is a file you may read"))
    try:
        loader = _SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None and "*" in text:
                _check_aliases(node, shown)
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise ConfigError(yaml_problem(shown, text, exc))
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:  # e.g. `now: 2026-13-45`
        bad = _bad_value(node)
        raise ConfigError(Problem(shown, _line(bad), f"invalid value{f' {bad.value!r}' if bad else ''}: {exc}",
                                  "fix the value; times look like 2026-11-22T08:00:00Z"))
    problems: list[Problem] = []
    if data is None:  # a file with only `---` or comments: all defaults
        node = None
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise ConfigError(Problem(shown, node.start_mark.line + 1, "config.yaml must be a mapping of `key: value` lines"))
    values = _convert(Config, node, data or {}, "", shown, problems)
    values.update(overrides or {})
    given_base_url = values.get("base_url")  # as written, for its error: not the form with "/" added below
    if not values.get("base_url", "/").endswith("/"):
        values["base_url"] += "/"  # so that joining page paths onto it never drops its last segment
    if "base_url" in values:
        # (and its host in IDNA, as browsers send it: robots.txt, sitemaps, RSS and every page's links take URLs,
        # which are ASCII; one form everywhere, so that no output names the site by another address)
        # (read as a browser reads it, read_url: `HTTPS://User.GitHub.io` is https://user.github.io, the
        # same site, and one set of feed ids whichever way a user writes the host)
        values["base_url"] = ascii_url(_encoded_path(read_url(values["base_url"])))
    cname = values.get("cname")
    if isinstance(cname, str) and not cname.isascii() and _DOMAIN.fullmatch(cname.strip()):
        # (GitHub Pages reads CNAME's domain in its ASCII form: `bücher.example` is xn--bcher-kva.example)
        values["cname"] = urlsplit(ascii_url(f"https://{cname.strip()}/")).netloc
    if isinstance(values.get("language"), str) and _LANGUAGE.fullmatch(values["language"]):
        values["language"] = values["language"].replace("_", "-")  # a locale's pt_BR: no page or feed takes the `_`
    values["root"] = path.parent.resolve()
    values["path"] = shown
    values["from_options"] = frozenset(overrides or ())
    config = Config(**values)
    _check_semantics(config, node, shown, problems, set(overrides or ()), given_base_url)
    config = _local_logos(config, node, shown, problems)
    if problems:
        where = shown if all(problem.path == shown for problem in problems) else f"{shown} and the command line"
        # In the file's order, as its reader goes through it (the checks find them in another)
        problems.sort(key=lambda problem: (problem.path != shown, problem.line or 0))
        raise ConfigError(problems, f"{len(problems)} problem(s) in {where}; `newsdesk check --help` lists "
                                    "every key of config.yaml.")
    return config


def check_content_folder(config: Config) -> None:
    """A content folder that is not there is a setting to correct (exit status 2), said at what gave it:
    --content, config.yaml's `content_dir` line, or the default."""
    if config.content_path.is_dir():
        return
    shown = config.content_dir.rstrip("/") + "/"
    if "content_dir" in config.from_options:
        raise ConfigError(Problem("--content", None, f"content folder {shown} not found",
                                  "correct the path, or create the folder and put the item files (*.md) in it"))
    line = setting_line(config.root / config.path, "content_dir")
    if line:
        raise ConfigError(Problem(config.path, line, f"content folder {shown} (`content_dir`) not found",
                                  f"correct `content_dir` to the folder that has the item files (*.md), or create "
                                  f"{shown} and put them in it"))
    raise ConfigError(Problem(config.path, None, f"content folder {shown} not found (no `content_dir` is set, so "
                              f"it is {shown} next to {config.path})",
                              f"create {shown} and put the item files (*.md) in it, set `content_dir:` to the folder "
                              f"that has them, or start from a new site with example items: `newsdesk init DIR`"))


def output_setting(config: Config) -> tuple[str, int | None]:
    """Where the output folder was given, for a message about it: --output, else config.yaml's `output_dir` line,
    else config.yaml (the default)."""
    if "output_dir" in config.from_options:
        return "--output", None
    return config.path, setting_line(config.root / config.path, "output_dir")


def setting_line(path: Path, key: str) -> int | None:
    """Line of a top-level `key:` of config.yaml, or None."""
    try:
        text = decoded(path.read_bytes())
    except (OSError, ValueError):
        return None
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _word(path) -> str:
    """A path as one word of a command to paste into a shell (quoted when it holds a space)."""
    return shlex.quote(str(path))


def _site_above(path: Path) -> str:
    """The hint for a config.yaml that is not here when a folder above holds one: the command was run in a
    folder of the site (content/news/), not in the site's own folder."""
    if path.name != "config.yaml":
        return ""
    folder = path.parent.absolute()
    for parent in folder.parents:
        if (parent / "config.yaml").is_file():
            if parent == Path.cwd():  # (`--config content`: the site is where the command was run)
                return "the current folder has one: leave out --config, or pass --config config.yaml"
            return (f"{parent}, a folder above, has one: run newsdesk in the site's folder after "
                    f"`cd {_word(os.path.relpath(parent))}`, or pass --config "
                    f"{_word(os.path.relpath(parent / 'config.yaml'))}")
    # (a site made with `newsdesk init my-site`, and the next command run before `cd my-site`)
    try:
        below = sorted(entry.name for entry in os.scandir(folder)
                       if entry.is_dir() and (Path(entry.path) / "config.yaml").is_file())
    except OSError:
        below = []
    if below:
        shown = ", ".join(f"{name}/" for name in below[:3]) + (" ..." if len(below) > 3 else "")
        return (f"{shown} {'has' if len(below) == 1 else 'have'} one: run newsdesk in the site's folder after "
                f"`cd {_word(os.path.relpath(folder / below[0]))}`, or pass --config "
                f"{_word(os.path.relpath(folder / below[0] / 'config.yaml'))}")
    return ""


def default_config(root: Path, **values) -> Config:
    """A Config for a folder without config.yaml (used by tests and `init`)."""
    return Config(root=Path(root).resolve(), **values)


def build_time(config: Config, environ: typing.Mapping[str, str]) -> datetime:
    """The build clock, in UTC: config `now`, else SOURCE_DATE_EPOCH, else the system clock."""
    if config.now:
        moment = parse_iso(config.now)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=config.zone)
        return moment.astimezone(timezone.utc)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):  # (`abc`, `1e9`, a year past 9999)
            raise ConfigError(Problem("SOURCE_DATE_EPOCH", None, f"the environment variable must be a whole number "
                                      f"of seconds since 1970-01-01 UTC, got {epoch[:40]!r}",
                                      "e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it to build at "
                                      "the current time")) from None
    return datetime.now(timezone.utc).replace(microsecond=0)


# --- validation ---------------------------------------------------------------------------------

UNDECLARED_TOPICS = ("warn", "error", "allow")
# A double-quoted YAML value can hold any character as an escape ("\x1b", "\u0085"); controls other than tab
# and line breaks went into <title>, feeds and the API as they were (HTML makes them parse errors, XML 1.0 forbids
# most). The file is the user's own, so each is said at its line rather than dropped unseen.
_EXPONENT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")
_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


MAX_EXPANDED = 1_000_000  # values config.yaml may stand for once its aliases are written out


def _check_aliases(root, shown: str) -> None:
    """Refuse a config.yaml whose aliases (*name) stand for more values than any site needs: ten nested
    lists of ten aliases each are ten billion values to check, and the build never ended (or ran out of
    memory). Counted per top-level key, so that the error names the one to fix."""
    entries = root.value if isinstance(root, yaml.MappingNode) else [(root, root)]
    for key, value in entries:
        count, stack = 0, [value]
        while stack:
            node = stack.pop()
            count += 1
            if count > MAX_EXPANDED:
                name = f"`{key.value}`" if isinstance(key, yaml.ScalarNode) else "this value"
                raise ConfigError(Problem(shown, _line(key), f"{name} stands for more than {MAX_EXPANDED:,} values "
                                                             f"once its aliases (*name) are written out",
                                          "write the values out instead of nesting aliases"))
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                for pair in node.value:
                    stack.extend(pair)


def _cut(text: str, most: int = 80) -> str:
    """A value as a message quotes it: a long one (a list of thousands) only as far as it shows what it is."""
    return text if len(text) <= most else f"{text[:most]}… ({len(text):,} characters)"


def _line(node) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


@functools.cache
def _type_hints(cls) -> dict:
    """A dataclass's field types, read once: evaluating them again for each of 20,000 `sources:` entries took
    most of the time to load such a config.yaml."""
    return typing.get_type_hints(cls)


def _convert(cls, node, data, prefix: str, path: str, problems: list[Problem]) -> dict:
    """Check one mapping against dataclass `cls`; return the values to build it with."""
    hints = _type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    values: dict = {}
    if node is None:
        return values
    first: dict = {}
    for key_node, _ in node.value:
        first.setdefault(key_node.value, key_node)
    given_twice = {key for key, count in collections.Counter(k.value for k, _ in node.value).items() if count > 1}
    for key_node, value_node in node.value:
        key = key_node.value
        name = f"{prefix}{key}"
        if key in given_twice:
            # YAML keeps the last one silently, and `data` holds only that one: neither can be checked
            # against its own lines.
            if key_node is not first[key]:
                problems.append(Problem(path, _line(key_node), f"`{name}` is given twice, also on line {_line(first[key])}",
                                        "keep one; YAML would use only the last"))
            continue
        if key not in known:
            spelled = str(key).replace("_", "").replace("-", "").lower()
            close = [k for k in known if k.replace("_", "") == spelled] or difflib.get_close_matches(str(key), known, 1, 0.6)
            owner = _section_of(str(key), hints, known)
            if close:
                hint = f"did you mean `{prefix}{close[0]}`?"
            elif owner and typing.get_origin(hints[owner]) is tuple:  # `- name: AI` and, below it, `parent:` unindented
                hint = f"it is a key of a `{prefix}{owner}` entry: indent it as the entry's first key is"
            elif owner:  # `ranking:` and, under it, keys that lost their indent
                hint = f"it is a key of `{prefix}{owner}`: indent it under `{owner}:` with two spaces"
            else:
                hint = "remove it; valid keys: " + ", ".join(known)
            problems.append(Problem(path, _line(key_node), f"unknown key `{name}`", hint))
            continue
        value = data.get(key) if isinstance(data, dict) else None
        ok, converted = _coerce(hints[key], value_node, value, name, path, problems)
        if ok:
            values[key] = converted
    return values


def _section_of(key: str, hints: dict, known) -> str:
    """The section among `known` (a mapping, or a list of them) that has a key `key`, or ""."""
    for section in known:
        hint = hints[section]
        if typing.get_origin(hint) is tuple:
            hint = typing.get_args(hint)[0]
        if dataclasses.is_dataclass(hint) and key in {f.name for f in dataclasses.fields(hint)}:
            return section
    return ""


def _example(hint, given) -> str:
    """A key of section `hint` as a line of YAML, for a hint: for `stories: false` its switch, set as given."""
    fields = [f for f in dataclasses.fields(hint) if not f.metadata.get("internal")]
    if isinstance(given, bool):
        switch = next((f for f in fields if isinstance(f.default, bool)), None)
        if switch is not None:
            return f"{switch.name}: {str(given).lower()}"
    # (the key an entry is named by, such as a source's `url`, rather than the first with a default: `- quality: 50.0`)
    first = fields[0] if fields[0].name in ("url", "name", "domain") else next(
        (f for f in fields if f.default not in ("", dataclasses.MISSING)), fields[0])
    value = first.default
    return f"{first.name}: {str(value).lower() if isinstance(value, bool) else value or '...'}"


def _coerce(hint, node, value, name: str, path: str, problems: list[Problem]):
    origin = typing.get_origin(hint)
    if origin is tuple:
        item_type = typing.get_args(hint)[0]
        if value is None:
            return True, ()
        if not isinstance(value, list):
            problems.append(Problem(path, _line(node), f"`{name}` must be a list, got {type(value).__name__}",
                                    "write one `- item` per line"))
            return False, None
        items = []
        for index, (item_node, item) in enumerate(zip(node.value, value)):
            ok, converted = _coerce(item_type, item_node, item, f"{name}[{index}]", path, problems)
            if ok:
                items.append(converted)
        return True, tuple(items)
    if dataclasses.is_dataclass(hint):
        if isinstance(value, str) and hint is TopicConfig:  # `- AI` is shorthand for `- name: AI`
            return True, TopicConfig(name=value)
        if isinstance(value, str) and hint is SourceConfig:  # `- URL` is shorthand for `- url: URL`
            return True, SourceConfig(url=value)
        if value is None:  # `ranking:` with nothing under it, as `topics:` with no entries: the defaults
            return True, hint()
        if not isinstance(value, dict):
            if name.endswith("]"):  # an entry of a list
                hint_text = f"write the entry as `- {_example(hint, value)}`"
            else:
                hint_text = (f"write its keys on the lines below it, indented: `{name.rsplit('.', 1)[-1]}:` "
                             f"then `  {_example(hint, value)}`")
            problems.append(Problem(path, _line(node),
                                    f"`{name}` must be a mapping of keys, got {type(value).__name__}", hint_text))
            return False, None
        return True, hint(**_convert(hint, node, value, f"{name}.", path, problems))
    if value is None and hint is str:
        return True, ""
    if value is None:  # `items_per_page:` with nothing after it
        problems.append(Problem(path, _line(node), f"`{name}` has no value",
                                f"write {_TYPE_NAMES.get(hint, hint.__name__)} after the colon, or remove the line "
                                "to have the default"))
        return False, None
    if hint is float and isinstance(value, str) and not node.style and _EXPONENT.fullmatch(value):
        value = float(value)  # `1e3`, `2.5E-1`: numbers, which YAML 1.1 reads as text without a `.` and a sign
    good = isinstance(value, hint) and not (hint is int and isinstance(value, bool))
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        try:
            value, good = float(value), True
        except OverflowError:  # 10**400 is an int to YAML, and no float
            problems.append(Problem(path, _line(node), f"`{name}` must be a finite number, got {str(value)[:24]}… "
                                    f"({len(str(abs(value))):,} digits)", "write a number of at most 300 digits"))
            return False, None
    if hint is str and isinstance(value, (int, float, datetime)) and not isinstance(value, bool):
        value, good = str(value), True
    if not good and hint is str and isinstance(value, bool) and isinstance(node, yaml.ScalarNode) and not node.style:
        # (YAML 1.1 reads a bare no, yes, on or off as true or false: `language: no` is Norwegian to its writer)
        problems.append(Problem(path, _line(node), f"`{name}` must be {_TYPE_NAMES.get(hint, hint.__name__)}, got "
                                f"{node.value}, which YAML reads as {str(value).lower()}",
                                f"quote it: `{name.rsplit('.', 1)[-1]}: \"{node.value}\"`"))
        return False, None
    if not good:
        problems.append(Problem(path, _line(node), f"`{name}` must be {_TYPE_NAMES.get(hint, hint.__name__)}, "
                                f"got {type(value).__name__} {_cut(repr(value))}"))
        return False, None
    if hint is str and len(value) > MAX_VALUE:  # (a site's title and description are on every page)
        problems.append(Problem(path, _line(node), f"`{name}` is {len(value):,} characters long, more than a value "
                                f"may be ({MAX_VALUE:,})", "shorten it: a title or a description is a line or two"))
        return False, None
    if hint is str and CONTROL.search(value):  # (the characters no output may carry: urls.CONTROL)
        char = CONTROL.search(value).group()
        kind = "control character" if ord(char) < 0xA0 else "noncharacter"
        problems.append(Problem(path, _line(node), f"`{name}` holds the {kind} {ascii(char)[1:-1]} "
                                f"(U+{ord(char):04X}), which pages and feeds cannot show", "remove it from the value"))
        return False, None
    if hint is float and not math.isfinite(value):  # (`.nan` made every fetched item's quality a warning)
        problems.append(Problem(path, _line(node), f"`{name}` must be a finite number, got {value!r}",
                                "write a number, or remove the line to have the default"))
        return False, None
    return True, value


def _bad_value(node) -> yaml.ScalarNode | None:
    """The first scalar that YAML's safe constructor cannot turn into a value (its line and text are shown)."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current)
            except Exception:
                return current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(reversed([part for pair in current.value for part in pair]))
    return None


def _key_line(node, key: str) -> int | None:
    """Line of a (dotted) key, or of the deepest part of it that is there."""
    line = None
    for part in key.split("."):
        found = None
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == part), None)
        if found is None:
            break
        line, node = _line(found[0]), found[1]
    return line


def _account_address(value: str, domain: str) -> bool:
    """Whether a `providers:` record's `account` is an http(s) page past a home page, on `domain` when given
    (as `www.`, `m.` or not): else it would name no provider, and the record would be no one's."""
    try:
        parts = urlsplit(value.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return False
    own = domain.strip().lower().removeprefix("https://").removeprefix("http://").split("/")[0]
    hosts = {name.split(".", 1)[1] if name.startswith(("www.", "m.", "mobile.", "amp.")) else name for name in (host, own)}
    return parts.scheme in ("http", "https") and bool(host) and bool(parts.path.strip("/")) and (not own or len(hosts) == 1)


def _local_logos(config: Config, node, path: str, problems: list[Problem]) -> Config:
    """Provider logos given as files of the site's static/ folder become their path in the output."""
    providers = []
    for index, provider in enumerate(config.providers):
        logo = provider.logo.strip()
        if logo and urlsplit(logo).scheme not in ("http", "https"):
            rel = PurePosixPath(logo.lstrip("/"))
            rel = rel if rel.parts[:1] == ("static",) else PurePosixPath("static", rel)
            if ".." in rel.parts or not (config.root / rel).is_file():
                problems.append(Problem(path, _item_line(node, "providers", index, "logo"),
                                        f"`providers[{index}].logo`: no file {rel} in the site",
                                        "put the logo in the site's static/ folder, or give an https URL"))
            provider = dataclasses.replace(provider, logo=rel.as_posix())
        elif logo and urlsplit(logo).scheme == "http":  # as for `sources[].logo`: an https site shows no http picture
            problems.append(Problem(path, _item_line(node, "providers", index, "logo"),
                                    f"`providers[{index}].logo` must be an https "
                                    f"URL, got {logo!r}", "write it with https://, or put the logo in the site's static/ folder"))
        providers.append(provider)
    return dataclasses.replace(config, providers=tuple(providers))


OWN_FOLDER = "give the output a folder of its own, such as `output`: `output_dir` in config.yaml, or --output"


def output_overlap(output: Path, protected: list[Path], inputs: list[Path] = (), shown: str = "") -> str:
    """Why `output` cannot be the output folder, or "": it would swallow the user's own files when it is replaced.

    `protected` folders (the site root) may hold the output but not be it or be inside it;
    `inputs` (content, themes, static, data) may not overlap it at all: an output inside
    static/ would be copied into itself on every build. `shown`: the folder as the user wrote it
    (`output_dir: ../..`), which they look for in config.yaml; the whole path says where that is.
    """
    out = output.resolve()
    named = f"{shown} ({out})" if shown and shown != str(out) else str(output)
    for path in [*protected, *inputs]:
        path = path.resolve()
        if out == path:
            return f"output folder {named} is one of the site's own folders, and a build replaces its output folder whole"
        if out in path.parents:
            what = "the site's folder " if path in [p.resolve() for p in protected] else ""
            return f"output folder {named} contains {what}{path}"
    for path in inputs:
        path = path.resolve()
        if path in out.parents:
            return f"output folder {named} is inside {path}, which the build reads"
    return ""


def _encoded_path(url: str) -> str:
    """base_url with its path percent-encoded as a browser sends it (`/新闻 site/` is `/%E6%96%B0...%20site/`):
    every link starts with it, and serve matches requests and writes its redirect with it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url  # (_check_semantics says what is wrong with it)
    return urlunsplit(parts._replace(path=quote(parts.path, safe="/%:@!$&'()*+,;=~")))


_DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)+")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")


def _check_semantics(config: Config, node, path: str, problems: list[Problem], overridden: set[str] = frozenset(),
                     given_base_url: str | None = None) -> None:
    url = urlsplit(config.base_url)
    shown_url = given_base_url if isinstance(given_base_url, str) else config.base_url
    # A value from the command line is the option's fault, not a line of config.yaml.
    where = ("--base-url", None) if "base_url" in overridden else (path, _key_line(node, "base_url"))
    if url.scheme not in ("http", "https") or not url.netloc:
        problems.append(Problem(*where, f"`base_url` must be an http(s) URL, got {shown_url!r}",
                                "e.g. https://user.github.io/repo/"))
    elif url.query or url.fragment:  # every link is base_url and a path
        problems.append(Problem(*where, f"`base_url` must not have a ?query or #fragment, got {shown_url!r}",
                                "e.g. https://user.github.io/repo/"))
    elif "@" in url.netloc:
        problems.append(Problem(*where, "`base_url` must not hold a user name or password: it is written into every "
                                "page", "e.g. https://user.github.io/repo/"))
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(path, _key_line(node, "timezone"), f"unknown time zone {config.timezone!r}",
                                "use an IANA name such as UTC or Europe/Stockholm"))
    for key in ("items_per_page", "front_page_items", "feed_items"):
        if getattr(config, key) < 1:
            problems.append(Problem(path, _key_line(node, key), f"`{key}` must be at least 1, got {getattr(config, key)}",
                                    f"the default is {getattr(Config, key)}"))
    if config.ranking.half_life_hours <= 0:
        problems.append(Problem(path, _key_line(node, "ranking.half_life_hours"),
                                f"`ranking.half_life_hours` must be positive, got {config.ranking.half_life_hours:g}",
                                f"the default is {RankingConfig.half_life_hours:g}: an item's freshness halves every "
                                f"so many hours"))
    if not 0 <= config.ranking.hot_gravity <= 10:
        problems.append(Problem(path, _key_line(node, "ranking.hot_gravity"), "`ranking.hot_gravity` must be from 0 to 10",
                                "1.5 is the default; 0 orders Hot by heat alone"))
    if config.ranking.coverage_boost < 0:
        problems.append(Problem(path, _key_line(node, "ranking.coverage_boost"),
                                f"`ranking.coverage_boost` must not be negative, got {config.ranking.coverage_boost:g}",
                                f"the default is {RankingConfig.coverage_boost:g}; 0 gives stories of many sources no "
                                f"boost"))
    # A score adds three weighted terms and a story's heat multiplies by its boost: near float's largest
    # value they overflow to inf, and every story with an infinite score ties, whatever its heat or quality.
    for key in ("heat_weight", "quality_weight", "recency_weight", "coverage_boost"):
        value = getattr(config.ranking, key)
        if abs(value) > MAX_WEIGHT:
            problems.append(Problem(path, _key_line(node, f"ranking.{key}"),
                                    f"`ranking.{key}` must be at most {MAX_WEIGHT:,} either way, got {value:g}",
                                    "only the weights' ratios matter: write them on a smaller scale, such as 1 and 2"))
    _check_stories(config.stories, node, path, problems)
    if config.markdown_engine not in ("cmark", "python-markdown"):
        problems.append(Problem(path, _key_line(node, "markdown_engine"),
                                f"`markdown_engine` must be cmark or python-markdown, got {config.markdown_engine!r}",
                                "cmark is the default"))
    why = output_overlap(config.output_path, [config.root], config.input_paths, shown=str(config.output_dir))
    if why:  # said at the output folder's key, else the content folder's, or at the option that gave it
        key, option = ("output_dir", "--output") if "output_dir" in overridden or _key_line(node, "output_dir") \
            else ("content_dir", "--content")
        problems.append(Problem(*((option, None) if key in overridden else (path, _key_line(node, key))), why, OWN_FOLDER))
    # (a name such as `English` would go into every page's lang attribute, and search would stem nothing)
    if config.language and not _LANGUAGE.fullmatch(config.language):
        locale = re.fullmatch(r"([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)[.@].*", config.language)
        problems.append(Problem(path, _key_line(node, "language"), f"`language` must be a language code such as en "
                                f"or pt-BR, got {config.language!r}",
                                f"write the language code: {locale[1].replace('_', '-')}" if locale else
                                "write the code, not the name: English is en"))
    elif config.language and language_problem(config.language):
        what, todo = language_problem(config.language)
        problems.append(Problem(path, _key_line(node, "language"), f"`language` {config.language!r}: {what}", todo))
    if config.undeclared_topics not in UNDECLARED_TOPICS:
        problems.append(Problem(path, _key_line(node, "undeclared_topics"),
                                f"`undeclared_topics` must be {', '.join(UNDECLARED_TOPICS[:-1])} or {UNDECLARED_TOPICS[-1]}, got {config.undeclared_topics!r}",
                                f"the default is {Config.undeclared_topics}"))
    if config.now:
        try:
            parse_iso(config.now)
        except ValueError:
            problems.append(Problem(path, _key_line(node, "now"), f"`now` must be an ISO 8601 time, got {config.now!r}",
                                    "e.g. 2026-11-22T08:00:00Z"))
    pages: dict[str, int] = {}  # a declared topic's page (its slug) -> the first topic declaring it
    for index, topic in enumerate(config.topics):
        if not topic.name:
            problems.append(Problem(path, _item_line(node, "topics", index), f"`topics[{index}]` has no name",
                                    "give it a `name:`, or remove the entry"))
            continue
        slug = slugify(topic.slug or topic.name)
        if slug in pages:  # (else the later would silently take the earlier's page and its stories)
            first = pages[slug]
            problems.append(Problem(
                path, _item_line(node, "topics", index),
                f"`topics[{index}]` ({topic.name}) has the page topics/{slug}/ of `topics[{first}]` "
                f"({config.topics[first].name}, line {_item_line(node, 'topics', first)})",
                "if they are one topic, remove one; else give one a `slug:` of its own"))
        pages.setdefault(slug, index)
    for index, provider in enumerate(config.providers):
        if not provider.domain and not provider.account:
            problems.append(Problem(path, _item_line(node, "providers", index), f"`providers[{index}]` has no domain",
                                    "give it the `domain:` its items name, such as example.com (or the `account:` "
                                    "they name, on a host many share)"))
        if provider.account and not _account_address(provider.account, provider.domain):
            problems.append(Problem(path, _item_line(node, "providers", index, "account"),
                                    f"`providers[{index}].account` is not the address of an account's page"
                                    f"{' on ' + provider.domain if provider.domain else ''}: {provider.account!r}",
                                    "write the address of the account's own page, such as "
                                    "https://www.youtube.com/@acme"))
    _check_sources(config, node, path, problems)
    _check_theme(config, node, path, problems)
    if config.picture_resizer:
        problem = resizer_problem(config.picture_resizer)
        if problem:
            problems.append(Problem(path, _key_line(node, "picture_resizer"), f"`picture_resizer` {problem}",
                                    "e.g. https://wsrv.nl/?url={url}&w={width}, or leave it out"))
    # (GitHub Pages reads CNAME as one host name: a URL, a space or a second line in it breaks the custom domain)
    if config.cname and not _DOMAIN.fullmatch(config.cname.strip()):
        problems.append(Problem(path, _key_line(node, "cname"), f"`cname` must be a bare domain such as "
                                f"news.example.com, got {_cut(repr(config.cname))}",
                                "write the host name alone: no https://, path or spaces"))


def _check_theme(config: Config, node, path: str, problems: list[Problem]) -> None:
    """A theme that is neither the site's folder nor bundled is a typo (`theme: my-thme`): said rather than
    building with the bundled default as if the name were right."""
    themes = config.root / "themes"
    if (themes / config.theme).is_dir() or bundled_theme_dir(config.theme) is not None:
        return
    folders = sorted(p.name for p in themes.glob("*") if p.is_dir()) if themes.is_dir() else []
    close = ([name for name in folders if name.lower() == config.theme.lower()]  # `theme: Paper`, themes/paper/
             or difflib.get_close_matches(config.theme, folders, 1, 0.6))
    problems.append(Problem(path, _key_line(node, "theme"), f"theme {config.theme!r} not found"
                            + (f": themes/ has {', '.join(folders)}" if folders else ""),
                            f"set `theme: {close[0]}`" if close else
                            f"create themes/{config.theme}/templates/ or set `theme: default`"))


SAME_PROVIDER = ("join", "apart")


def resizer_problem(template: str) -> str:
    """What is wrong with a `picture_resizer` template, or "" if nothing."""
    try:
        parts = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)
                 if name is not None]
    except ValueError as exc:
        return f"is not a valid template ({exc}): write braces only as {{url}} and {{width}}"
    fields = {name for name, _, _ in parts}
    if fields != {"url", "width"} or any(spec or conversion for _, spec, conversion in parts):
        found = ", ".join("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                          for name, spec, conversion in parts) or "none"
        return f"must hold {{url}} and {{width}} as they are, and no other braces; it holds {found}"
    address = urlsplit(template)
    if address.scheme.lower() not in ("http", "https") or not address.netloc:
        return "must be an http(s) URL"
    if any(char.isspace() for char in template):
        return "must not contain spaces"
    return ""


def _check_stories(stories: StoriesConfig, node, path: str, problems: list[Problem]) -> None:
    if stories.window_hours < 0:
        problems.append(Problem(path, _key_line(node, "stories.window_hours"),
                                f"`stories.window_hours` must not be negative, got {stories.window_hours:g}",
                                f"the default is {StoriesConfig.window_hours:g}"))
    if not 0 < stories.threshold <= 1:
        problems.append(Problem(path, _key_line(node, "stories.threshold"),
                                f"`stories.threshold` must be more than 0 and at most 1, got {stories.threshold!r}",
                                "0.3 is the default; lower joins more items, and more wrongly"))
    if stories.same_provider not in SAME_PROVIDER:
        problems.append(Problem(path, _key_line(node, "stories.same_provider"),
                                f"`stories.same_provider` must be {' or '.join(SAME_PROVIDER)}, "
                                f"got {stories.same_provider!r}", f"the default is {StoriesConfig.same_provider}"))


MAX_KEEP_DAYS = 36_500  # a hundred years
MAX_SECONDS = 86_400
MAX_RETRIES = 10
MAX_CONCURRENCY = 64
_HEADER_TEXT = re.compile(r"[\x20-\x7e]*")  # what an HTTP header's value may hold


def _check_sources(config: Config, node, path: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, source in enumerate(config.sources):
        line = _item_line(node, "sources", index)
        try:
            url = urlsplit(source.url.strip())
        except ValueError:  # (`https://[::1/`: a host no URL parser reads)
            url = urlsplit("")
        if url.scheme not in ("http", "https") or not url.netloc:
            problems.append(Problem(path, line, f"`sources[{index}]` needs an http(s) feed URL, got {source.url!r}",
                                    "e.g. - https://example.com/feed.xml"))
        elif source.url.strip() in seen:
            problems.append(Problem(path, line, f"`sources[{index}]`: {source.url} is listed twice", "remove one"))
        seen.add(source.url.strip())
        if source.logo and urlsplit(source.logo).scheme != "https":
            problems.append(Problem(path, _item_line(node, "sources", index, "logo"),
                                    f"`sources[{index}].logo` must be an https URL, got {source.logo!r}",
                                    "write it with https://, or leave `logo` out"))
        for key, value, default in (("quality", source.quality, f"{SourceConfig.quality:g}"),
                                    ("max_items", source.max_items, f"{SourceConfig.max_items}")):
            if value < 0:
                problems.append(Problem(path, _item_line(node, "sources", index, key) or line,
                                        f"`sources[{index}].{key}` must not be negative, got {value:g}",
                                        f"the default is {default}"))
    fetch = config.fetch
    for key in ("timeout", "concurrency", "max_bytes", "parse_timeout"):
        if getattr(fetch, key) <= 0:
            problems.append(Problem(path, _key_line(node, f"fetch.{key}"), f"`fetch.{key}` must be positive",
                                    f"the default is {getattr(FetchConfig, key)}"))
    for key in ("keep_days", "retries", "backoff", "max_wait"):
        if getattr(fetch, key) < 0:
            problems.append(Problem(path, _key_line(node, f"fetch.{key}"), f"`fetch.{key}` must not be negative",
                                    f"the default is {getattr(FetchConfig, key)}"))
    if not _HEADER_TEXT.fullmatch(fetch.user_agent):  # (a line break in it failed every feed, as a garbled answer)
        problems.append(Problem(path, _key_line(node, "fetch.user_agent"),
                                f"`fetch.user_agent` must be printable ASCII on one line, got {fetch.user_agent!r}",
                                "e.g. MyNews/1.0 (+https://news.example/)"))
    for key in ("timeout", "backoff", "max_wait", "parse_timeout"):  # (a clock or a socket takes no more: 1e+300 s raised)
        if getattr(fetch, key) > MAX_SECONDS:
            problems.append(Problem(path, _key_line(node, f"fetch.{key}"),
                                    f"`fetch.{key}` must be at most {MAX_SECONDS:,} seconds (a day)",
                                    f"the default is {getattr(FetchConfig, key)}"))
    # (each is a loop or a thread: `retries: 1000000000` with `backoff: 0` asked a dead feed without end)
    for key, most in (("retries", MAX_RETRIES), ("concurrency", MAX_CONCURRENCY)):
        if getattr(fetch, key) > most:
            problems.append(Problem(path, _key_line(node, f"fetch.{key}"),
                                    f"`fetch.{key}` must be at most {most}, got {getattr(fetch, key):,}",
                                    f"the default is {getattr(FetchConfig, key)}"))
    if fetch.keep_days > MAX_KEEP_DAYS:  # (no date is that many days before now: the subtraction fails)
        problems.append(Problem(path, _key_line(node, "fetch.keep_days"),
                                f"`fetch.keep_days` must be at most {MAX_KEEP_DAYS:,}",
                                "write 0 to keep every fetched item"))
    for key in ("folder", "state_file", "opml"):
        value = getattr(fetch, key)
        if value and (PurePosixPath(value).is_absolute() or ".." in PurePosixPath(value).parts):
            problems.append(Problem(path, _key_line(node, f"fetch.{key}"),
                                    f"`fetch.{key}` must be a path inside the site, got {value!r}",
                                    "write it relative to the folder holding config.yaml, without .."))
    if not fetch.folder.strip("/. "):
        problems.append(Problem(path, _key_line(node, "fetch.folder"), "`fetch.folder` must name a folder",
                                "fetch deletes what it wrote there; it gets a folder of its own"))


def _item_line(node, key: str, index: int, sub: str = "") -> int | None:
    """Line of key `sub` of entry `index` of the list under `key`, else of the entry, else of the key."""
    found = next((v for k, v in node.value if k.value == key), None) if isinstance(node, yaml.MappingNode) else None
    if isinstance(found, yaml.SequenceNode) and index < len(found.value):
        entry = found.value[index]
        return (_key_line(entry, sub) if sub else None) or _line(entry)
    return _key_line(node, key)
