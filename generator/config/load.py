"""config.yaml -> Config (load_config). Every key is checked against the types of values.py:
unknown keys and wrong types are errors naming the key, the expected type and the line, collected with what
checks.py finds across the whole file before newsdesk gives up (exit status 2). Also the Config of a folder
without config.yaml (default_config) and the build's clock (build_time)."""

from __future__ import annotations

import collections
import dataclasses
import difflib
import functools
import math
import os
import re
import shlex
import typing
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit, urlunsplit

import yaml

from generator.config.checks import DOMAIN, check_semantics, cut
from generator.config.lines import item_line, node_line
from generator.config.values import Config, SourceConfig, TopicConfig
from generator.errors import ConfigError, Problem, yaml_problem
from generator.isotime import parse_iso
from generator.languages import LANGUAGE
from generator.textfiles import decoded
from generator.urls import CONTROL, ascii_url, old_path, valid_url


MAX_VALUE = 2000  # characters of a text value, as of an item's plain-text fields

try:  # libyaml's C loader is much faster and just as safe (safe loading only)
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader


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
        raise ConfigError(Problem(str(path), None,
                                  "no config.yaml here" if path.name == "config.yaml" else "no such file",
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
        raise ConfigError(Problem(shown, node_line(bad), f"invalid value{f' {bad.value!r}' if bad else ''}: {exc}",
                                  "fix the value; times look like 2026-11-22T08:00:00Z"))
    problems: list[Problem] = []
    if data is None:  # a file with only `---` or comments: all defaults
        node = None
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise ConfigError(Problem(shown, node.start_mark.line + 1,
                                  "config.yaml must be a mapping of `key: value` lines",
                                  "write each setting on a line of its own, not indented and without a `- ` before it"))
    values = _convert(Config, node, data or {}, "", shown, problems)
    values.update(overrides or {})
    given_base_url = values.get("base_url")  # as written, for its error: not the form with "/" added below
    if not values.get("base_url", "/").endswith("/"):
        values["base_url"] += "/"  # so that joining page paths onto it never drops its last segment
    if "base_url" in values:
        # (and its host in IDNA, as browsers send it: robots.txt, sitemaps, RSS and every page's links take URLs,
        # which are ASCII; one form everywhere, so that no output names the site by another address)
        # (read as a browser reads it, read_url: `HTTPS://User.GitHub.io` is https://user.github.io, the
        # same site, and one set of feed ids whichever way a user writes the host; and with a `%` that starts
        # no escape written `%25`, valid_url, as a sitemap's URL must be RFC 3986's)
        values["base_url"] = ascii_url(_encoded_path(valid_url(values["base_url"])))
    cname = values.get("cname")
    if isinstance(cname, str) and not cname.isascii() and DOMAIN.fullmatch(cname.strip()):
        # (GitHub Pages reads CNAME's domain in its ASCII form: `bücher.example` is xn--bcher-kva.example)
        values["cname"] = urlsplit(ascii_url(f"https://{cname.strip()}/")).netloc
    if isinstance(values.get("language"), str) and LANGUAGE.fullmatch(values["language"]):
        values["language"] = values["language"].replace("_", "-")  # a locale's pt_BR: no page or feed takes the `_`
    values["root"] = path.parent.resolve()
    values["path"] = shown
    values["from_options"] = frozenset(overrides or ())
    config = Config(**values)
    check_semantics(config, node, shown, problems, set(overrides or ()), given_base_url)
    config = _local_logos(config, node, shown, problems)
    if problems:
        where = shown if all(problem.path == shown for problem in problems) else f"{shown} and the command line"
        # In the file's order, as its reader goes through it (the checks find them in another)
        problems.sort(key=lambda problem: (problem.path != shown, problem.line or 0))
        raise ConfigError(problems, f"{len(problems)} problem{'s' * (len(problems) != 1)} in {where}; "
                                    "`newsdesk check --help` lists every key of config.yaml.")
    return config


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


# A double-quoted YAML value can hold any character as an escape ("\x1b", "\u0085"); controls other than tab
# and line breaks went into <title>, feeds and the API as they were (HTML makes them parse errors, XML 1.0 forbids
# most). The file is the user's own, so each is said at its line rather than dropped unseen.
_EXPONENT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")
_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
_WRITE_TYPE = {int: "write a whole number in digits, without quotes", float: "write a number in digits, without "
               "quotes (`2.5`)", bool: "write true or false", str: "put it in quotes to keep it as text"}


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
                raise ConfigError(Problem(shown, node_line(key), f"{name} stands for more than {MAX_EXPANDED:,} values "
                                                                 f"once its aliases (*name) are written out",
                                          "write the values out instead of nesting aliases"))
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                for pair in node.value:
                    stack.extend(pair)


@functools.cache
def _type_hints(cls) -> dict:
    """A dataclass's field types, read once: evaluating them again for each `sources:` entry was most of the time
    to load a config.yaml of many feeds (docs/dev/performance.md)."""
    return typing.get_type_hints(cls)


def _entry_key(key: str, known) -> str:
    """The key of a list's entry that a key written in its place most likely is: a feed's `url`, a provider's
    `domain`, else a `name`; "" when the entry has none of them."""
    if "url" in known and "://" in key:
        return "url"
    if "domain" in known and "." in key.strip(".") and not any(c.isspace() or c in "/:" for c in key):
        return "domain"
    return "name" if "name" in known else ""


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
                problems.append(Problem(path, node_line(key_node),
                                        f"`{name}` is given twice, also on line {node_line(first[key])}",
                                        "keep one; YAML would use only the last"))
            continue
        if key not in known:
            spelled = str(key).replace("_", "").replace("-", "").lower()
            close = ([k for k in known if k.replace("_", "") == spelled]
                     or difflib.get_close_matches(str(key), known, 1, 0.6))
            owner = _section_of(str(key), hints, known)
            if close:
                hint = f"did you mean `{prefix}{close[0]}`?"
            elif (own := _entry_key(str(key), known)) and own not in first and (
                    isinstance(value_node, yaml.MappingNode) or value_node.tag == "tag:yaml.org,2002:null"):
                # `- Science:` (or `- techcrunch.com:`, `- https://x.example/feed:`) with its settings under it
                hint = (f"an entry's {own} is its `{own}:` key: write `- {own}: {key}`, with its other keys under "
                        f"it indented as `{own}:` is")
            elif owner and typing.get_origin(hints[owner]) is tuple:  # `- name: AI` and, below it, `parent:` unindented
                hint = f"it is a key of a `{prefix}{owner}` entry: indent it as the entry's first key is"
            elif owner:  # `ranking:` and, under it, keys that lost their indent
                hint = f"it is a key of `{prefix}{owner}`: indent it under `{owner}:` with two spaces"
            else:
                hint = "remove it; valid keys: " + ", ".join(known)
            problems.append(Problem(path, node_line(key_node), f"unknown key `{name}`", hint))
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
    if name == "redirects":
        return _redirects(node, value, path, problems)
    origin = typing.get_origin(hint)
    if origin is tuple:
        item_type = typing.get_args(hint)[0]
        if value is None:
            return True, ()
        if not isinstance(value, list):
            problems.append(Problem(path, node_line(node), f"`{name}` must be a list, got {type(value).__name__}",
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
            problems.append(Problem(path, node_line(node),
                                    f"`{name}` must be a mapping of keys, got {type(value).__name__}", hint_text))
            return False, None
        return True, hint(**_convert(hint, node, value, f"{name}.", path, problems))
    if value is None and hint is str:
        return True, ""
    if value is None:  # `items_per_page:` with nothing after it
        problems.append(Problem(path, node_line(node), f"`{name}` has no value",
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
            problems.append(Problem(path, node_line(node), f"`{name}` must be a finite number, got {str(value)[:24]}… "
                                    f"({len(str(abs(value))):,} digits)", "write a number of at most 300 digits"))
            return False, None
    if hint is str and isinstance(value, (int, float, date)) and not isinstance(value, bool):  # (a datetime is a date)
        value, good = str(value), True
    if not good and hint is str and isinstance(value, bool) and isinstance(node, yaml.ScalarNode) and not node.style:
        # (YAML 1.1 reads a bare no, yes, on or off as true or false: `language: no` is Norwegian to its writer)
        problems.append(Problem(path, node_line(node), f"`{name}` must be {_TYPE_NAMES.get(hint, hint.__name__)}, got "
                                f"{node.value}, which YAML reads as {str(value).lower()}",
                                f"quote it: `{name.rsplit('.', 1)[-1]}: \"{node.value}\"`"))
        return False, None
    if not good:
        problems.append(Problem(path, node_line(node), f"`{name}` must be {_TYPE_NAMES.get(hint, hint.__name__)}, "
                                f"got {type(value).__name__} {cut(repr(value))}", _WRITE_TYPE.get(hint)))
        return False, None
    if hint is str and len(value) > MAX_VALUE:  # (a site's title and description are on every page)
        problems.append(Problem(path, node_line(node), f"`{name}` is {len(value):,} characters long, more than a value "
                                f"may be ({MAX_VALUE:,})", "shorten it: a title or a description is a line or two"))
        return False, None
    if hint is str and CONTROL.search(value):  # (the characters no output may carry: urls.CONTROL)
        char = CONTROL.search(value).group()
        kind = "control character" if ord(char) < 0xA0 else "noncharacter"
        problems.append(Problem(path, node_line(node), f"`{name}` holds the {kind} {ascii(char)[1:-1]} "
                                f"(U+{ord(char):04X}), which pages and feeds cannot show", "remove it from the value"))
        return False, None
    if hint is float and not math.isfinite(value):  # (`.nan` made every fetched item's quality a warning)
        problems.append(Problem(path, node_line(node), f"`{name}` must be a finite number, got {value!r}",
                                "write a number, or remove the line to have the default"))
        return False, None
    return True, value


REDIRECT_KINDS = ("provider", "topic", "type")  # what a `redirects:` target may name a page by


def _redirects(node, value, path: str, problems: list[Problem]):
    """`redirects:` as (old path, new page) pairs in the file's order: the old one a site path (urls.old_path), the
    new one the path of a page (`providers/der-spiegel/`, "" for the front page) or `provider: Der Spiegel` (a page
    named by what it shows, `{provider: Der Spiegel}` in the file), which the plan finds among the site's pages."""
    if value is None:
        return True, ()
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        problems.append(Problem(path, node_line(node), f"`redirects` must be a mapping, got {type(value).__name__}",
                                "write each old path and its new page on a line below it, indented: "
                                "`  /old/path/: /new/path/`"))
        return False, None
    pairs, seen = [], {}
    for key_node, value_node in node.value:
        old, wrong = old_path(key_node.value)
        if wrong:
            problems.append(Problem(path, node_line(key_node),
                                    f"`redirects`: the old address `{cut(str(key_node.value))}` {wrong}",
                                    "fix or remove the line"))
            continue
        if old in seen:
            problems.append(Problem(path, node_line(key_node), f"`redirects`: `{cut(str(key_node.value))}` is the old "
                                    f"address /{old} again, also on line {seen[old]}", "keep one of the two lines"))
            continue
        seen[old] = node_line(key_node)
        new, wrong = _redirect_target(value_node)
        if wrong or new == old:
            problems.append(Problem(path, node_line(value_node), f"`redirects`: the new page of /{old} "
                                    + (wrong or "is the old address itself"),
                                    "write the path of a page of the site (`/providers/der-spiegel/`), or name it by "
                                    "what it shows: `{provider: Der Spiegel}`, `{topic: Sport}`, `{type: video}`"))
            continue
        pairs.append((old, new))
    return True, tuple(pairs)


def _redirect_target(node) -> tuple[str, str]:
    """A `redirects:` value as the plan reads it (_redirects), and "", or "" and what is wrong with it."""
    if isinstance(node, yaml.MappingNode):
        if len(node.value) != 1 or node.value[0][0].value not in REDIRECT_KINDS \
                or not isinstance(node.value[0][1], yaml.ScalarNode) or not node.value[0][1].value.strip():
            return "", "must name one page, by one key (`provider`, `topic` or `type`) and its name"
        kind, name = node.value[0][0].value, node.value[0][1].value.strip()
        if CONTROL.search(name) or len(name) > MAX_VALUE:
            return "", f"has a name of control characters or of more than {MAX_VALUE:,} characters"
        return f"{kind}: {name}", ""
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        return "", "is not a path"
    text = node.value.strip()
    if text.strip("/") == "":
        return "", ""  # (the front page)
    new, wrong = old_path(text)
    return new, wrong


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


def _local_logos(config: Config, node, path: str, problems: list[Problem]) -> Config:
    """Provider logos given as files of the site's static/ folder become their path in the output."""
    providers = []
    for index, provider in enumerate(config.providers):
        logo = provider.logo.strip()
        if logo and urlsplit(logo).scheme not in ("http", "https"):
            rel = PurePosixPath(logo.lstrip("/"))
            rel = rel if rel.parts[:1] == ("static",) else PurePosixPath("static", rel)
            if ".." in rel.parts or not (config.root / rel).is_file():
                problems.append(Problem(path, item_line(node, "providers", index, "logo"),
                                        f"`providers[{index}].logo`: no file {rel} in the site",
                                        "put the logo in the site's static/ folder, or give an https URL"))
            provider = dataclasses.replace(provider, logo=rel.as_posix())
        elif logo and urlsplit(logo).scheme == "http":  # as for `sources[].logo`: an https site shows no http picture
            problems.append(Problem(path, item_line(node, "providers", index, "logo"),
                                    f"`providers[{index}].logo` must be an https "
                                    f"URL, got {logo!r}",
                                    "write it with https://, or put the logo in the site's static/ folder"))
        providers.append(provider)
    return dataclasses.replace(config, providers=tuple(providers))


def _encoded_path(url: str) -> str:
    """base_url with its path percent-encoded as a browser sends it (`/新闻 site/` is `/%E6%96%B0...%20site/`),
    and without its dot segments, as a browser reads them (`/a/../b/` is `/b/`, `/a/./b/` is `/a/b/`): every link
    starts with it, sitemaps and canonical links name the site by it, and serve matches requests and writes its
    redirect with it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url  # (checks.check_semantics says what is wrong with it)
    path = _without_dot_segments(parts.path) if "." in parts.path or "%2" in parts.path else parts.path
    return urlunsplit(parts._replace(path=quote(path, safe="/%:@!$&'()*+,;=~")))


def _without_dot_segments(path: str) -> str:
    """A URL's path with its `.` and `..` segments (`%2e` too) resolved, as the URL standard's parser does."""
    kept: list[str] = []
    segments = path.split("/")[1:] if path.startswith("/") else path.split("/")
    for number, segment in enumerate(segments, 1):
        dots = segment.lower().replace("%2e", ".")
        if dots in (".", ".."):
            if dots == ".." and kept:
                kept.pop()
            if number == len(segments):  # (`/a/..` is `/`, a folder)
                kept.append("")
        else:
            kept.append(segment)
    return "/" + "/".join(kept)
