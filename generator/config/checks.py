"""What is wrong with a Config's values together, each said at its key's line: ranges, names that must be
one of a few, URLs, the output folder overlapping the site's own (output_overlap), a theme that is not there,
the feeds to fetch (check_semantics); and a content or data folder that is not there (check_content_folder,
check_data_folder). load.py
runs check_semantics on the Config it made from config.yaml."""

from __future__ import annotations

import difflib
import re
import string
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from generator.config.lines import item_line, key_line, setting_line
from generator.config.values import Config, FetchConfig, RankingConfig, SourceConfig, StoriesConfig, bundled_theme_dir
from generator.errors import ConfigError, Problem
from generator.isotime import parse_iso
from generator.podcasts import category_problem, image_problem
from generator.languages import LANGUAGE, UNSPACED, code_of_name, language_problem
from generator.urls import host_of, slugify, with_scheme


MAX_WEIGHT = 1_000_000  # of a ranking weight or boost, either way (check_semantics)
UNDECLARED_TOPICS = ("warn", "error", "allow")
DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # (C0 controls and DEL: none is in an address a browser goes to)
_CONTROL_NAMES = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}
# A host of base_url as a browser reads one (after IDNA: ascii_url wrote it in ASCII): a name, an IPv4 address or an
# IPv6 one in brackets
_SITE_HOST = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\]")


def cut(text: str, most: int = 80) -> str:
    """A value as a message quotes it: a long one (a list of thousands) only as far as it shows what it is."""
    return text if len(text) <= most else f"{text[:most]}… ({len(text):,} characters)"


_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d\d))?", re.I)


def zone_hint(name: str) -> str:
    """What to write for a time zone that is none: for an offset (`+01:00`, `GMT+1`), the place's name, or that of a
    fixed offset, whose sign POSIX reverses (`Etc/GMT+1` is an hour *behind* UTC); else the IANA name it spells in
    another case or without its region (`Europe/berlin`, `Berlin`, `New York`), else the nearest."""
    offset = _OFFSET.fullmatch(name.strip())
    if offset:
        place = "name the place, such as Europe/Paris, whose clocks change with its summer time"
        if offset[3] in (None, "00") and 0 < int(offset[2]) <= 12:
            fixed = f"Etc/GMT{'-' if offset[1] == '+' else '+'}{int(offset[2])}"
            return f"{place}; an offset that never changes is `timezone: {fixed}` (the sign is reversed in these names)"
        return place
    zones = sorted(available_timezones())
    spelled = name.strip().replace(" ", "_").casefold()
    meant = ([zone for zone in zones if zone.casefold() == spelled]
             or [zone for zone in zones if "/" in zone and zone.rpartition("/")[2].casefold() == spelled]
             or difflib.get_close_matches(name, zones, 1, 0.8))
    if meant:
        return f"did you mean `timezone: {meant[0]}`?"
    return "use an IANA name such as UTC or Europe/Stockholm"


def check_semantics(config: Config, node, path: str, problems: list[Problem], overridden: set[str] = frozenset(),
                    given_base_url: str | None = None) -> None:
    """Every problem of the values, appended to `problems` at its key's line; `overridden`: the keys a command's
    option set, said at the option."""
    _check_base_url(config, node, path, problems, overridden, given_base_url)
    # (every page's <title>, the header's home link and the feeds' names are the title: empty, they say nothing)
    if not config.title.strip():
        problems.append(Problem(path, key_line(node, "title"), "`title` is empty",
                                f"write the site's name after the colon, or remove the line to have the default, "
                                f"{Config.title}"))
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(path, key_line(node, "timezone"), f"unknown time zone {config.timezone!r}",
                                zone_hint(config.timezone)))
    for key in ("items_per_page", "front_page_items", "feed_items"):
        if getattr(config, key) < 1:
            problems.append(Problem(path, key_line(node, key),
                                    f"`{key}` must be at least 1, got {getattr(config, key)}",
                                    f"the default is {getattr(Config, key)}"))
    _check_ranking(config.ranking, node, path, problems)
    _check_stories(config.stories, node, path, problems)
    if config.markdown_engine not in ("cmark", "python-markdown"):
        problems.append(Problem(path, key_line(node, "markdown_engine"),
                                f"`markdown_engine` must be cmark or python-markdown, got {config.markdown_engine!r}",
                                "cmark is the default"))
    _check_output(config, node, path, problems, overridden)
    _check_language(config.language, node, path, problems)
    if config.undeclared_topics not in UNDECLARED_TOPICS:
        problems.append(Problem(path, key_line(node, "undeclared_topics"),
                                f"`undeclared_topics` must be {', '.join(UNDECLARED_TOPICS[:-1])} or "
                                f"{UNDECLARED_TOPICS[-1]}, got {config.undeclared_topics!r}",
                                f"the default is {Config.undeclared_topics}"))
    if config.now:
        try:
            parse_iso(config.now)
        except ValueError:
            problems.append(Problem(path, key_line(node, "now"), f"`now` must be an ISO 8601 time, got {config.now!r}",
                                    "e.g. 2026-11-22T08:00:00Z"))
    _check_declared(config, node, path, problems)
    _check_sources(config, node, path, problems)
    _check_theme(config, node, path, problems)
    if config.picture_resizer:
        problem = resizer_problem(config.picture_resizer)
        if problem:
            problems.append(Problem(path, key_line(node, "picture_resizer"), f"`picture_resizer` {problem}",
                                    "e.g. https://wsrv.nl/?url={url}&w={width}, or leave it out"))
    # (a podcast directory refuses a feed whose cover or category it does not take: said here, not by Apple later)
    for key, check in (("podcast_image", image_problem), ("podcast_category", category_problem)):
        message, hint = check(getattr(config, key)) if getattr(config, key).strip() else ("", "")
        if message:
            problems.append(Problem(path, key_line(node, key), message, hint))
    # (GitHub Pages reads CNAME as one host name: a URL, a space or a second line in it breaks the custom domain)
    if config.cname and not DOMAIN.fullmatch(config.cname.strip()):
        problems.append(Problem(path, key_line(node, "cname"), f"`cname` must be a bare domain such as "
                                f"news.example.com, got {cut(repr(config.cname))}",
                                "write the host name alone: no https://, path or spaces"))
    _check_synonyms(config, node, path, problems)
    # (a player's address is matched by its host alone: `https://www.youtube.com/` matched none, and every video
    # of the site became a link, unsaid)
    for index, host in enumerate(config.embed_hosts):
        if host_of(f"https://{host}/") != host:
            bare = host_of(host) or host_of(f"https://{host.strip()}/")
            problems.append(Problem(path, item_line(node, "embed_hosts", index),
                                    f"`embed_hosts[{index}]` must be a host name such as www.youtube.com, got "
                                    f"{cut(repr(host))}", f"write `{bare}`" if bare else
                                    "write the host name alone: no https://, path or spaces"))


_SEARCH_WORD = re.compile(rf"[^\W_{UNSPACED}]{{2,}}|[{UNSPACED}]")


def _check_synonyms(config: Config, node, path: str, problems: list[Problem]) -> None:
    """Each group of `search_synonyms` names two different things at least, each with a word search can match (two
    letters or digits side by side, or a letter of a script written without spaces, as the search's tokeniser reads
    words: generator/plan/search_tokens.py spelled)."""
    for index, group in enumerate(config.search_synonyms):
        line = item_line(node, "search_synonyms", index)
        wordless = [member for member in group if not _SEARCH_WORD.search(member)]
        if wordless:
            problems.append(Problem(path, line, f"`search_synonyms[{index}]` has {cut(repr(wordless[0]))}, which has "
                                    f"no word search can match (letters or digits, two or more)",
                                    "write words or names, e.g. [Dataverse, Common Data Service, CDS]"))
        elif len({" ".join(_SEARCH_WORD.findall(member.casefold())) for member in group}) < 2:
            problems.append(Problem(path, line, f"`search_synonyms[{index}]` names fewer than two different words: "
                                    f"{cut(repr(list(group)))}",
                                    "list two or more words that mean the same, e.g. [tables, entities]"))


def _check_base_url(config: Config, node, path: str, problems: list[Problem], overridden: set[str],
                     given_base_url: str | None) -> None:
    shown_url = given_base_url if isinstance(given_base_url, str) else config.base_url
    # A value from the command line is the option's fault, not a line of config.yaml.
    where = ("--base-url", None) if "base_url" in overridden else (path, key_line(node, "base_url"))
    written = shown_url if isinstance(shown_url, str) else ""
    if _CONTROL.search(written) or written != written.strip():
        # (a browser drops a tab or line break anywhere in a URL, and spaces and controls at its ends: a value
        # on two lines, `https://example.org/` then `Disallow: /`, made every link /Disallow:%20/ without a word)
        control = _CONTROL.search(written)
        what = (_CONTROL_NAMES.get(control.group(), f"the control character U+{ord(control.group()):04X}")
                if control else "a space at its start or end")
        problems.append(Problem(*where, f"`base_url` has {what} in it, which browsers drop from an address: "
                                f"{cut(repr(written))}", "write the site's address alone, on one line, e.g. "
                                "https://user.github.io/repo/; a space in its path is %20"))
        return
    try:
        url = urlsplit(config.base_url)
        port = url.port  # (raises on a port that is no number of 0 to 65535)
    except ValueError:  # (`https://[::1/`: it stopped the command with a traceback)
        url, port = None, -1
    if url is None or port == 0 or url.scheme in ("http", "https") and not _SITE_HOST.fullmatch(
            url.netloc.rpartition("@")[2].rsplit(":", 1)[0] if not url.netloc.endswith("]") else url.netloc):
        # (a host no browser goes to, `exa mple.org`, `:80`, or a port none connects to: every link, feed and
        # sitemap entry of the site was written with it, without a word)
        problems.append(Problem(*where, f"`base_url` has a host or port no browser can go to: {shown_url!r}",
                                "write the site's address, e.g. https://user.github.io/repo/ or "
                                "http://127.0.0.1:8000/"))
    elif url.scheme not in ("http", "https") or not url.netloc:
        problems.append(Problem(*where, f"`base_url` must be an http(s) URL, got {shown_url!r}",
                                f"write it with its scheme: {with_scheme(str(shown_url))}"
                                if with_scheme(str(shown_url)) else "e.g. https://user.github.io/repo/"))
    elif url.query or url.fragment:  # every link is base_url and a path
        problems.append(Problem(*where, f"`base_url` must not have a ?query or #fragment, got {shown_url!r}",
                                "e.g. https://user.github.io/repo/"))
    elif "@" in url.netloc:
        problems.append(Problem(*where, "`base_url` must not hold a user name or password: it is written into every "
                                "page", "e.g. https://user.github.io/repo/"))


def _check_ranking(ranking: RankingConfig, node, path: str, problems: list[Problem]) -> None:
    if ranking.half_life_hours <= 0:
        problems.append(Problem(path, key_line(node, "ranking.half_life_hours"),
                                f"`ranking.half_life_hours` must be positive, got {ranking.half_life_hours:g}",
                                f"the default is {RankingConfig.half_life_hours:g}: an item's freshness halves every "
                                f"so many hours"))
    if not 0 <= ranking.hot_gravity <= 10:
        problems.append(Problem(path, key_line(node, "ranking.hot_gravity"),
                                "`ranking.hot_gravity` must be from 0 to 10",
                                "1.5 is the default; 0 orders Hot by heat alone"))
    if ranking.coverage_boost < 0:
        problems.append(Problem(path, key_line(node, "ranking.coverage_boost"),
                                f"`ranking.coverage_boost` must not be negative, got {ranking.coverage_boost:g}",
                                f"the default is {RankingConfig.coverage_boost:g}; 0 gives stories of many sources no "
                                f"boost"))
    # A score adds three weighted terms and a story's heat multiplies by its boost: near float's largest
    # value they overflow to inf, and every story with an infinite score ties, whatever its heat or quality.
    for key in ("heat_weight", "quality_weight", "recency_weight", "coverage_boost"):
        value = getattr(ranking, key)
        if abs(value) > MAX_WEIGHT:
            problems.append(Problem(path, key_line(node, f"ranking.{key}"),
                                    f"`ranking.{key}` must be at most {MAX_WEIGHT:,} either way, got {value:g}",
                                    "only the weights' ratios matter: write them on a smaller scale, such as 1 and 2"))


def _check_output(config: Config, node, path: str, problems: list[Problem], overridden: set[str]) -> None:
    """The output folder not over the site's own folders, nor holding one of them."""
    why = output_overlap(config.output_path, [config.root], config.input_paths, shown=str(config.output_dir))
    inside = _folder_inside_output(config, node, overridden) if why else None
    if inside:  # (`pictures_dir: output/pictures`: that key is the one to change, not output_dir)
        key, folder = inside
        problems.append(Problem(path, key_line(node, key), f"`{key}` {folder} is inside the output folder "
                                f"{config.output_dir}, which every build replaces whole",
                                f"give `{key}` a folder of its own beside it, such as `{key}: {_BESIDE_OUTPUT[key]}`"))
    elif why:  # said at the output folder's key, else the content folder's, or at the option that gave it
        key, option = ("output_dir", "--output") if "output_dir" in overridden or key_line(node, "output_dir") \
            else ("content_dir", "--content")
        where = (option, None) if key in overridden else (path, key_line(node, key))
        problems.append(Problem(*where, why, OWN_FOLDER))


def _check_language(language: str, node, path: str, problems: list[Problem]) -> None:
    # (a name such as `English` would go into every page's lang attribute, and search would stem nothing)
    _check_tag(language, "language", key_line(node, "language"), path, problems)


def _check_tag(language: str, key: str, line: int | None, path: str, problems: list[Problem]) -> None:
    """A language tag at `key` (`language`, `sources[2].language`): a code such as en or pt-BR, naming a language."""
    if language and not LANGUAGE.fullmatch(language):
        locale = re.fullmatch(r"([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)[.@].*", language)
        problems.append(Problem(path, line, f"`{key}` must be a language code such as en or pt-BR, got {language!r}",
                                f"write the language code: {locale[1].replace('_', '-')}" if locale else
                                f"write the code, not the name: {language.strip()} is "
                                f"{code_of_name(language)}" if code_of_name(language) else
                                "write the code, not the name: English is en"))
    elif language and language_problem(language):
        what, todo = language_problem(language)
        problems.append(Problem(path, line, f"`{key}` {language!r}: {what}", todo))


def _check_declared(config: Config, node, path: str, problems: list[Problem]) -> None:
    """The topics and providers config.yaml declares: each named, a page of its own, a provider's key."""
    pages: dict[str, int] = {}  # a declared topic's page (its slug) -> the first topic declaring it
    for index, topic in enumerate(config.topics):
        if not topic.name:
            line = item_line(node, "topics", index)
            if not _said_at(problems, path, line):
                problems.append(Problem(path, line, f"`topics[{index}]` has no name",
                                        "give it a `name:`, or remove the entry"))
            continue
        slug = slugify(topic.slug or topic.name, language=config.language)
        if slug in pages:  # (else the later would silently take the earlier's page and its stories)
            first = pages[slug]
            problems.append(Problem(
                path, item_line(node, "topics", index),
                f"`topics[{index}]` ({topic.name}) has the page topics/{slug}/ of `topics[{first}]` "
                f"({config.topics[first].name}, line {item_line(node, 'topics', first)})",
                "if they are one topic, remove one; else give one a `slug:` of its own"))
        pages.setdefault(slug, index)
    for index, provider in enumerate(config.providers):
        line = item_line(node, "providers", index)
        if not provider.domain and not provider.account and not _said_at(problems, path, line):
            problems.append(Problem(path, line, f"`providers[{index}]` has no domain",
                                    "give it the `domain:` its items name, such as example.com (or the `account:` "
                                    "they name, on a host many share)"))
        if provider.account and not _account_address(provider.account, provider.domain):
            problems.append(Problem(path, item_line(node, "providers", index, "account"),
                                    f"`providers[{index}].account` is not the address of an account's page"
                                    f"{' on ' + provider.domain if provider.domain else ''}: {provider.account!r}",
                                    "write the address of the account's own page, such as "
                                    "https://www.youtube.com/@acme"))


def bundled_theme_gone() -> Problem:
    """newsdesk's own theme not there: its files went after the command started (a `pip install` while
    `newsdesk serve` ran), which no edit of the site mends."""
    return Problem(str(Path(__file__).resolve().parent.parent / "themes" / "default"), None,
                   "newsdesk's bundled theme is not there any more: newsdesk was installed again, upgraded or "
                   "removed since this command started",
                   "run the command again (stop `newsdesk serve` with Ctrl-C and start it again); if it says so "
                   "again, install newsdesk again")


def _check_theme(config: Config, node, path: str, problems: list[Problem]) -> None:
    """A theme that is neither the site's folder nor bundled is a typo (`theme: my-thme`): said rather than
    building with the bundled default as if the name were right."""
    if bundled_theme_dir("default") is None:  # (every theme falls back on it: render.theme.theme_loader)
        problems.append(bundled_theme_gone())
        return
    themes = config.root / "themes"
    if (themes / config.theme).is_dir() or bundled_theme_dir(config.theme) is not None:
        return
    folders = sorted(p.name for p in themes.glob("*") if p.is_dir()) if themes.is_dir() else []
    close = ([name for name in folders if name.lower() == config.theme.lower()]  # `theme: Paper`, themes/paper/
             or difflib.get_close_matches(config.theme, folders, 1, 0.6))
    problems.append(Problem(path, key_line(node, "theme"), f"theme {config.theme!r} not found"
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
        problems.append(Problem(path, key_line(node, "stories.window_hours"),
                                f"`stories.window_hours` must not be negative, got {stories.window_hours:g}",
                                f"the default is {StoriesConfig.window_hours:g}"))
    if not 0 < stories.threshold <= 1:
        problems.append(Problem(path, key_line(node, "stories.threshold"),
                                f"`stories.threshold` must be more than 0 and at most 1, got {stories.threshold!r}",
                                f"{StoriesConfig.threshold:g} is the default; lower joins more items, and more "
                                "wrongly"))
    if stories.same_provider not in SAME_PROVIDER:
        problems.append(Problem(path, key_line(node, "stories.same_provider"),
                                f"`stories.same_provider` must be {' or '.join(SAME_PROVIDER)}, "
                                f"got {stories.same_provider!r}", f"the default is {StoriesConfig.same_provider}"))


MAX_KEEP_DAYS = 36_500  # a hundred years
MAX_SECONDS = 86_400
MAX_RETRIES = 10
MAX_CONCURRENCY = 64
_HEADER_TEXT = re.compile(r"[\x20-\x7e]*")  # what an HTTP header's value may hold


_LOCAL_PATH = re.compile(r"file:|/|\.\.?/|~|[A-Za-z]:[\\/]")
_FEED_FILE = re.compile(r".*\.(xml|rss|atom|rdf|json)", re.I)


def _feed_url_hint(given: str, url) -> str:
    """What to write for a source that is no http(s) URL: a feed file on this computer is served to fetch over
    http (fetch reads only what a web server sends: the same code, limits and state for every source); an
    address without its scheme gets one."""
    first = given.replace("\\", "/").split("/", 1)[0]
    if _LOCAL_PATH.match(given) or (not url.scheme and _FEED_FILE.fullmatch(given)
                                    and ("/" not in given or not DOMAIN.fullmatch(first))):
        name = PurePosixPath(url.path.replace("\\", "/")).name or "feed.xml"
        return ("fetch reads feeds over http(s): to read a feed file on this computer, serve its folder "
                f"(`python3 -m http.server 8001 --bind 127.0.0.1` in it) and give http://127.0.0.1:8001/{name}")
    if not url.scheme and DOMAIN.fullmatch(first):
        return f"write it with its scheme: - https://{given}"
    return "e.g. - https://example.com/feed.xml"


def _said_at(problems: list[Problem], path: str, line: int) -> bool:
    """Whether a problem was said at this line already: an entry written as a key (`- Science:`) is told how to
    write it there, and its missing name, domain or URL would say the same mistake again."""
    return any(problem.line == line and problem.path == path for problem in problems)


def _check_sources(config: Config, node, path: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for index, source in enumerate(config.sources):
        line = item_line(node, "sources", index)
        try:
            url = urlsplit(source.url.strip())
        except ValueError:  # (`https://[::1/`: a host no URL parser reads)
            url = urlsplit("")
        written_as_key = source.url == "" and _said_at(problems, path, line)
        if (url.scheme not in ("http", "https") or not url.netloc) and not written_as_key:
            problems.append(Problem(path, line, f"`sources[{index}]` needs an http(s) feed URL, got {source.url!r}",
                                    _feed_url_hint(source.url.strip(), url)))
        elif source.url.strip() in seen:
            problems.append(Problem(path, line, f"`sources[{index}]`: {source.url} is listed twice", "remove one"))
        seen.add(source.url.strip())
        if source.logo and urlsplit(source.logo).scheme != "https":
            problems.append(Problem(path, item_line(node, "sources", index, "logo"),
                                    f"`sources[{index}].logo` must be an https URL, got {source.logo!r}",
                                    "write it with https://, or leave `logo` out"))
        _check_tag(source.language, f"sources[{index}].language", item_line(node, "sources", index, "language"), path,
                   problems)
        for key, value, default in (("quality", source.quality, f"{SourceConfig.quality:g}"),
                                    ("max_items", source.max_items, f"{SourceConfig.max_items}")):
            if value < 0:
                problems.append(Problem(path, item_line(node, "sources", index, key) or line,
                                        f"`sources[{index}].{key}` must not be negative, got {value:g}",
                                        f"the default is {default}"))
    fetch = config.fetch
    for key in ("timeout", "concurrency", "max_bytes", "parse_timeout"):
        if getattr(fetch, key) <= 0:
            problems.append(Problem(path, key_line(node, f"fetch.{key}"), f"`fetch.{key}` must be positive",
                                    f"the default is {getattr(FetchConfig, key)}"))
    for key in ("keep_days", "retries", "backoff", "max_wait"):
        if getattr(fetch, key) < 0:
            problems.append(Problem(path, key_line(node, f"fetch.{key}"), f"`fetch.{key}` must not be negative",
                                    f"the default is {getattr(FetchConfig, key)}"))
    if not _HEADER_TEXT.fullmatch(fetch.user_agent):  # (a line break in it failed every feed, as a garbled answer)
        problems.append(Problem(path, key_line(node, "fetch.user_agent"),
                                f"`fetch.user_agent` must be printable ASCII on one line, got {fetch.user_agent!r}",
                                "e.g. MyNews/1.0 (+https://news.example/)"))
    # (a clock or a socket takes no more: 1e+300 s raised)
    for key in ("timeout", "backoff", "max_wait", "parse_timeout"):
        if getattr(fetch, key) > MAX_SECONDS:
            problems.append(Problem(path, key_line(node, f"fetch.{key}"),
                                    f"`fetch.{key}` must be at most {MAX_SECONDS:,} seconds (a day)",
                                    f"the default is {getattr(FetchConfig, key)}"))
    # (each is a loop or a thread: `retries: 1000000000` with `backoff: 0` asked a dead feed without end)
    for key, most in (("retries", MAX_RETRIES), ("concurrency", MAX_CONCURRENCY)):
        if getattr(fetch, key) > most:
            problems.append(Problem(path, key_line(node, f"fetch.{key}"),
                                    f"`fetch.{key}` must be at most {most}, got {getattr(fetch, key):,}",
                                    f"the default is {getattr(FetchConfig, key)}"))
    if fetch.keep_days > MAX_KEEP_DAYS:  # (no date is that many days before now: the subtraction fails)
        problems.append(Problem(path, key_line(node, "fetch.keep_days"),
                                f"`fetch.keep_days` must be at most {MAX_KEEP_DAYS:,}",
                                "write 0 to keep every fetched item"))
    for key in ("folder", "state_file", "opml"):
        value = getattr(fetch, key)
        if value and (PurePosixPath(value).is_absolute() or ".." in PurePosixPath(value).parts):
            problems.append(Problem(path, key_line(node, f"fetch.{key}"),
                                    f"`fetch.{key}` must be a path inside the site, got {value!r}",
                                    "write it relative to the folder holding config.yaml, without .."))
    if not fetch.folder.strip("/. "):
        problems.append(Problem(path, key_line(node, "fetch.folder"), "`fetch.folder` must name a folder",
                                "fetch deletes what it wrote there; it gets a folder of its own"))


def _account_address(value: str, domain: str) -> bool:
    """Whether a `providers:` record's `account` is an http(s) page past a home page, on `domain` when given
    (as `www.`, `m.` or not): else it would name no provider, and the record would be no one's."""
    try:
        parts = urlsplit(value.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return False
    own = domain.strip().lower().removeprefix("https://").removeprefix("http://").split("/")[0]
    hosts = {name.split(".", 1)[1] if name.startswith(("www.", "m.", "mobile.", "amp.")) else name
             for name in (host, own)}
    return (parts.scheme in ("http", "https") and bool(host) and bool(parts.path.strip("/"))
            and (not own or len(hosts) == 1))


OWN_FOLDER = "give the output a folder of its own, such as `output`: `output_dir` in config.yaml, or --output"


_BESIDE_OUTPUT = {"pictures_dir": Config.pictures_dir, "data_dir": "data"}


def _folder_inside_output(config: Config, node, overridden: set[str]) -> tuple[str, str] | None:
    """The folder key of config.yaml (`pictures_dir`, `data_dir`) whose folder the output folder holds, with its
    value, when config.yaml gives that key and not `output_dir`; else None."""
    if "output_dir" in overridden or key_line(node, "output_dir"):
        return None
    out = config.output_path.resolve()
    for key in _BESIDE_OUTPUT:
        value = getattr(config, key)
        if value and key_line(node, key) and out in (config.root / value).resolve().parents:
            return key, value
    return None


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
            return (f"output folder {named} is one of the site's own folders, and a build replaces its output "
                    "folder whole")
        if out in path.parents:
            what = "the site's folder " if path in [p.resolve() for p in protected] else ""
            return f"output folder {named} contains {what}{path}"
    for path in inputs:
        path = path.resolve()
        if path in out.parents:
            return f"output folder {named} is inside {path}, which the build reads"
    return ""


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


def check_data_folder(config: Config) -> None:
    """A `data_dir` that is not there, or is a file, is a setting to correct (exit status 2), as a content folder
    that is not there is: built without its records, the site would lose their topics and logos without a word."""
    data = config.root / config.data_dir
    if not config.data_dir or data.is_dir():
        return
    shown = config.data_dir.rstrip("/") + "/"
    what = "is a file, not a folder" if data.exists() else "not found"
    raise ConfigError(Problem(config.path, setting_line(config.root / config.path, "data_dir"),
                              f"data folder {shown} (`data_dir`) {what}",
                              "correct `data_dir` to the folder that has topics/*.yaml and organizations/*.md, "
                              "or remove `data_dir`"))
