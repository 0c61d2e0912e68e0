"""The theme's own words in the site's language: `themes/<theme>/i18n/<language>.yaml`.

Each file maps a key to its text (`latest: Neueste`), or, for a text that shows a count, to its plural forms
(`sources: {one: "+{n} Quelle", other: "+{n} Quellen"}`), chosen by the language's rule (plurals.py, CLDR's
cardinal rules; a form the language takes that its files lack is warned of at the key's line, and shows
`other`). `{name}` in a text is replaced by the value of that name (`{n}` is the count); any other brace is
kept as written. Month and weekday names (`months`, `months_short`, `weekdays`, `weekdays_short`: lists) and
the date formats (`date_long`, `date_short`, `date_time`: strftime's) are words like the others; `calendar`
(`gregorian`, or `persian`: Solar Hijri, calendars.py) is the calendar their day, month and year are of.

Which file: the site's `language` (BCP 47) from the most specific to the language alone ("de-AT", then "de"),
then English; in each, the site's own theme folder over the bundled theme of that name over the bundled
default theme, key by key. So a site overrides a word by writing only that key. A key its language lacks is
shown in English, and the build warns once, naming the key and the file to add it to. `Words.speaks` is the
language the words are in (English for a language without a file), which the plural forms follow, the browser's
too ("3 hours ago", a search's count), so that a page speaks one language. French words are typeset as the
content is (typography.py: no-break spaces before `: ; ! ?` and inside « »).
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from generator.config.lines import setting_line
from generator.calendars import solar_hijri
from generator.config.values import Config, bundled_theme_dir, linked_out, own_folders
from generator.errors import Problem, yaml_problem
from generator.languages import fallbacks, primary
from generator.money import VERSION as MONEY, digit_groups, money
from generator.plurals import CLDR, FORMS, forms_of, plural_form
from generator.typography import french, typeset

try:  # libyaml's C loader is much faster and just as safe (safe loading only)
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader

ENGLISH = "en"
LISTS = {"months": 12, "months_short": 12, "weekdays": 7, "weekdays_short": 7,  # (Monday first, as datetime's)
         "size_units": 5}  # kB, MB, GB, TB, PB
NUMBERS = (("number_decimal", "."), ("number_group", ","), ("number_group_from", "4"))  # (key, English's)
LATIN_DIGITS = "0123456789"  # (English's `number_digits`)
CALENDARS = ("gregorian", "persian")  # `calendar`'s values: English's first


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Words:
    """The theme's words in one language (`language`: the site's tag, "" for none), English where it lacks one."""

    language: str = ""
    entries: dict = field(default_factory=dict, compare=False, repr=False)  # key -> str, or form -> str
    digest: str = ""  # of every entry: what the pages' fingerprints hold of the words
    problems: tuple[Problem, ...] = ()  # warnings: keys shown in English, values that are not text
    formats: dict = field(default_factory=dict, compare=False, repr=False)  # Words.date's, as made
    speaks: str = ENGLISH  # the tag of the language the words are in: `language` when it has a file, else English
    # the keys a file of `speaks` lacks, shown in English (a site's own words file of a few keys): each marked so
    english: frozenset = frozenset()
    theme_keys: frozenset = field(default=frozenset(), compare=False, repr=False)  # the keys the theme's files have
    # (file as a message names it, line, key) of each key of the site's own files over a bundled theme's words:
    # what render/theme_checks.py's unknown_words checks against theme_keys and the templates' keys
    site_keys: tuple = field(default=(), compare=False, repr=False)
    # `number_digits` as str.translate's table from Latin digits (none for Latin ones): Persian's ۰-۹
    digits: dict = field(default_factory=dict, compare=False, repr=False)
    calendar: str = CALENDARS[0]  # what the dates' day, month and year are counted in (`calendar`)
    # the digits of a number's last group and of each group before it, as the site's `language` groups them:
    # (3, 2) in India's languages, 12,34,567 (money.digit_groups, CLDR's), whatever language its words are in
    groups: tuple = (3, 3)

    def form(self, n, key: str = "") -> str:
        """The plural form of count `n` in the words' language (English's for English words on a `ko` site, and
        for a word `key` a partial words file lacks, shown in English: "1 story", not "1 stories")."""
        try:
            return plural_form(ENGLISH if key in self.english else self.speaks, int(n))
        except (TypeError, ValueError, OverflowError):
            return "other"

    def text(self, key: str, n=None) -> str:
        """The raw text of `key` (its form for `n`), placeholders unfilled; the key itself if no file has it."""
        entry = self.entries.get(key)
        if entry is None:
            return key
        if isinstance(entry, dict):
            return entry.get(self.form(n, key)) or entry.get("other") or next(iter(entry.values()))
        return entry

    def t(self, key: str, n=None, **values) -> str:
        """The text of `key` with its placeholders filled: `{n}` with the count, any other with `values` (numbers
        as the language writes them)."""
        if n is not None:
            values.setdefault("n", n)
        return fill(self.text(key, n), values, self.show)

    def show(self, value) -> str:
        """A value as a word's placeholder shows it: a number as the language writes it, anything else as text."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.number(value)
        return str(value)

    def number(self, value, decimals: int | None = None) -> str:
        """`value` with the language's decimal mark and digit groups (`number_decimal`, `number_group`, from
        `number_group_from` digits: "1,234.5" in English, "1.234,5" in German, "1234" but "12.345" in Spanish; of
        the sizes `groups` says: "12,34,567" in Hindi), in its digits (`number_digits`: "۱٬۲۳۴٫۵" in Persian).
        `decimals`: none for a whole number and one for any other (heat 98.3, 87), or as many as given."""
        if not math.isfinite(value):
            return str(value)
        if decimals is None:
            decimals = 0 if float(value).is_integer() else 1
        text = f"{abs(value):.{decimals}f}"
        whole, _, fraction = text.partition(".")
        mark, group, start = (self.entries.get(key, default) for key, default in NUMBERS)
        start = int(start) if isinstance(start, str) and start.strip().isdigit() else 4
        last, each = self.groups
        if len(whole) >= max(start, 4) and len(whole) > last and isinstance(group, str):
            head = (len(whole) - last) % each or each
            whole = group.join([whole[:head]] + [whole[i:i + each] for i in range(head, len(whole) - last, each)]
                               + [whole[-last:]])
        sign = "-" if value < 0 and text.strip("0.") else ""
        return (sign + whole + (str(mark) + fraction if fraction else "")).translate(self.digits)

    def size(self, count: int) -> str:
        """A size in bytes as a reader reads one, in kB to PB (powers of 1,000) with one decimal: `12.3 MB`."""
        if count < 1000:
            return self.t("size_bytes", count)
        units = self.names("size_units") or ["kB", "MB", "GB", "TB", "PB"]
        value = float(count)
        for unit in units:
            value /= 1000
            if round(value, 1) < 1000 or unit == units[-1]:
                return self.t("file_size", n=round(value, 1), unit=unit)
        return str(count)  # pragma: no cover - the loop returns at its last unit

    def price(self, amount: float, currency: str) -> str:
        """A price given as an amount and a currency as the words' language writes money (money.py, CLDR's:
        `€4.99`, `4,99 €`, `¥500`), cents shown when there are any (`€10`); an amount of 0, as feeds write a free
        file's price, is the language's word for free."""
        if not amount:
            return self.t("price_free")
        before, after, decimals = money(self.speaks, currency)
        return before + self.number(amount, 0 if float(amount).is_integer() else decimals) + after

    def names(self, key: str) -> list[str]:
        entry = self.entries.get(key)
        return entry if isinstance(entry, list) else []

    def date(self, moment: datetime, fmt: str | None = None) -> str:
        """`moment` in a format of strftime's (or the name of one of the words': "long", "short", "time"),
        with its month and weekday names in this language (not the process's locale), in its digits, and its
        day, month and year (%d, %m, %Y, %y, %B, %b) in its calendar."""
        dated = solar_hijri(moment.date()) if self.calendar == "persian" else None
        if self.calendar == "persian" and not dated:  # (beyond the rule's years: a mistyped one, 9026)
            return moment.strftime("%Y-%m-%d").translate(self.digits)
        month = dated[1] if dated else moment.month
        key = (fmt, month, moment.weekday())
        named = self.formats.get(key)  # (a page writes many dates, of a few formats and months)
        if named is None:
            named = self.formats[key] = self._named(fmt, month, moment.weekday())
        if dated:  # (the weekday and the time are the same in both calendars)
            named = _in_calendar(named, *dated)
        return moment.strftime(named).translate(self.digits)

    def _named(self, fmt: str | None, month: int, weekday: int) -> str:
        """The strftime format `fmt` with this language's names for that month and weekday written in."""
        fmt = self.text(f"date_{fmt or 'long'}") if not fmt or "%" not in fmt else fmt
        names = {"B": self.names("months")[month - 1: month], "b": self.names("months_short")[month - 1: month],
                 "A": self.names("weekdays")[weekday: weekday + 1],
                 "a": self.names("weekdays_short")[weekday: weekday + 1]}
        # The names go in with their own percent signs doubled, so that strftime writes them as they are.
        return re.sub(r"%([%BbAa])", lambda m: m.group() if m.group(1) == "%" or not names[m.group(1)]
                      else names[m.group(1)][0].replace("%", "%%"), fmt)


def _in_calendar(fmt: str, year: int, month: int, day: int) -> str:
    """The strftime format `fmt` with the day, month and year of another calendar written in (as numbers: the
    names are in already), its own percent signs kept."""
    numbers = {"d": f"{day:02}", "-d": str(day), "m": f"{month:02}", "-m": str(month), "Y": str(year),
               "y": f"{year % 100:02}"}
    return re.sub(r"%(%|-?[dmYy])", lambda m: numbers.get(m.group(1), m.group()), fmt)


@dataclass(frozen=True)
class Fact:
    """What a card says of an item beside its date (facts): `text`; for a length ("1 hr 2 min"), also `spoken`, in
    full for a screen reader ("1 hour 2 minutes"; "" when that is `text` already: Korean's "1시간 2분"), and `iso`,
    as HTML's <time datetime> holds a duration (`PT1H2M3S`, to the second; "" for a size or a price). Shown as its
    text where a template prints it."""

    text: str
    spoken: str = ""
    iso: str = ""

    def __str__(self) -> str:
        return self.text


LENGTH_WORDS = ("length_hour", "length_minute", "length_second", "length_hours_minutes")  # (and the units' `_full`)


def length_of(words: Words, seconds: int) -> Fact:
    """`seconds` with the units of the words' language (`length_hour`, `length_minute`, `length_second`; an hour's and
    a minute's together as `length_hours_minutes` puts them): hours and minutes from an hour on, minutes (to the
    nearest) from a minute on, seconds under one. Not a clock's `12:34`, which beside a card's "3 hours ago" reads
    as the time of day it was posted."""
    if seconds < 60:
        return _length(words, seconds, [("length_second", seconds)])
    hours, minutes = divmod((seconds + 30) // 60, 60)
    return _length(words, seconds, [(key, n) for key, n in (("length_hour", hours), ("length_minute", minutes)) if n])


def _length(words: Words, seconds: int, parts: list[tuple[str, int]]) -> Fact:
    def said(full: str) -> str:
        shown = {key: words.t(key + full, n) for key, n in parts}
        if len(shown) == 1:
            return next(iter(shown.values()))
        return words.t("length_hours_minutes", hours=shown["length_hour"], minutes=shown["length_minute"])

    text, spoken = said(""), said("_full")
    return Fact(text, "" if spoken == text else spoken, iso_duration(seconds))


def iso_duration(seconds: int) -> str:
    """A length in seconds as ISO 8601 writes a duration, to the second (`PT1H2M3S`): HTML's <time datetime>,
    schema.org's `duration`."""
    hours, minutes, rest = seconds // 3600, seconds // 60 % 60, seconds % 60
    return "PT" + "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (rest, "S")) if n)


def facts(words: Words, item) -> list[Fact]:
    """What a card says of an item beside its date, in the site's language: its length (in the language's units and
    digits, as the size beside it is: `۱ ساعت ۲ دقیقه`), its size and its price, each when it has one (a length,
    size or price written as text as written). One place for the cards, the story page and the search index."""
    length = length_of(words, item.length_seconds) if item.length_seconds else item.length
    size = words.size(item.size_bytes) if item.size_bytes else item.size
    return [fact if isinstance(fact, Fact) else Fact(fact) for fact in (length, size, price_text(words, item)) if fact]


def price_text(words: Words, item) -> str:
    """An item's price as its card shows it: an offer as the language writes money (Words.price), a price in words
    as written, "" for none (facts; the API's `offer`)."""
    return words.price(item.price_amount, item.price_currency) if item.price_amount is not None else item.price


def fill(text: str, values: dict, convert) -> str:
    """`text` with each `{name}` of `values` replaced by convert(value); other braces kept as written."""
    if "{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: convert(values[m.group(1)]) if m.group(1) in values else m.group(), text)


def chain(language: str) -> list[str]:
    """The files' names to look in, most specific first, in lower case: "de-AT" -> ["de-at", "de", "en"]."""
    names = fallbacks(language)
    return names + ([ENGLISH] if ENGLISH not in names else [])


def folders(config: Config) -> list[tuple[Path, str]]:
    """(folder, how a message names it) of every i18n folder, from the lowest precedence to the highest."""
    found: list[tuple[Path, str]] = []
    for theme in ("default", config.theme):
        bundled = bundled_theme_dir(theme)
        if bundled is not None and (bundled / "i18n").is_dir():
            found.append((bundled / "i18n", f"themes/{theme}/i18n (bundled)"))
    own = config.root / "themes" / config.theme / "i18n"
    if own.is_dir():
        found.append((own, f"themes/{config.theme}/i18n"))
    unique: list[tuple[Path, str]] = []
    for folder, shown in found:
        if folder.resolve() not in [f.resolve() for f, _ in unique]:
            unique.append((folder, shown))
    return unique


def _files(config: Config) -> list[tuple[str, Path, str]]:
    """(language in lower case, file, how a message names it) of every words file, lowest precedence first."""
    files = []
    own = own_folders(config.root, config.theme)
    for folder, shown in folders(config):
        for path in sorted(folder.iterdir()):
            # (one linked out of the site, to a file or not, is said by _load)
            if (path.suffix in (".yaml", ".yml") and (path.is_file() or linked_out(path, own))
                    and not path.name.startswith(".")):
                files.append((path.stem.lower(), path, f"{shown.removesuffix(' (bundled)')}/{path.name}"))
    return files


_LOADED: dict[tuple, Words] = {}
_LOADED_MAX = 64


def load_words(config: Config) -> Words:
    """The theme's words for the site's language (module docstring). Read again only when a file changed."""
    files = _files(config)
    signature = [config.language, config.theme]
    for _, path, _ in files:
        try:
            stat = path.stat()
            signature.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            signature.append((str(path), None))
    key = tuple(signature)
    words = _LOADED.get(key)
    if words is None:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.clear()
        words = _LOADED[key] = _load(config, files)
    return words


def _load(config: Config, files: list[tuple[str, Path, str]]) -> Words:
    problems: list[Problem] = []
    by_language: dict[str, dict] = {}
    english: frozenset = frozenset()
    theme_keys: set = set()
    site_keys: list = []
    written: dict = {}  # (language, key) -> (file as a message names it, line) of the file over the others
    filled: dict = {}  # key -> the placeholders the theme's own texts of it have, in any language
    site_texts: list = []  # (file as a message names it, line, key, text) of a site's own words
    # The site's own folder over a bundled theme of that name holds a site's words; a theme of the site's own
    # has its words there, and every key of them is the theme's.
    bundled = [bundled_theme_dir(theme) for theme in ("default", config.theme)]
    theirs = {(folder / "i18n").resolve() for folder in bundled if folder is not None}
    overrides = bundled[1] is not None
    own = own_folders(config.root, config.theme)
    for language, path, shown in files:
        target = linked_out(path, own)
        if target:  # (as a theme's static file or template: config.linked_out)
            problems.append(Problem(shown, None, f"not read: a link to a file outside the site ({target}): only the "
                                    "site's own files are read", "copy the file in, rather than link it"))
            continue
        lines: list = []
        entries = _read(path, shown, problems, lines)
        written.update(((language, key), (shown, line)) for line, key in lines if key in entries)
        if overrides and path.parent.resolve() not in theirs:
            site_keys.extend((shown, line, key) for line, key in lines)
            site_texts.extend((shown, line, key, entries[key]) for line, key in lines if key in entries)
        else:
            theme_keys.update(key for _, key in lines)
            for key, text in entries.items():
                filled.setdefault(key, set()).update(_placeholders(text))
        _merge(by_language.setdefault(language, {}), entries)
    # (`Bei {provdier} lesen`: a placeholder the template gives no value for is shown as written, on every page)
    for shown, line, key, text in site_texts:
        for name in sorted(_placeholders(text) - filled.get(key, set()) if key in filled else ()):
            given = sorted(filled[key])
            close = difflib.get_close_matches(name, given, n=1)
            problems.append(Problem(shown, line, f"`{{{name}}}` in `{key}` is no value the theme fills in: pages show "
                                    f"it as written", (f"did you mean `{{{close[0]}}}`? " if close else "")
                                    + (f"the theme's `{key}` fills in {', '.join(f'`{{{n}}}`' for n in given)}"
                                       if given else f"the theme's `{key}` fills in none: remove it")))
    wanted = chain(config.language)
    entries: dict = {}
    for language in reversed(wanted):  # English first, the most specific last: each over the one before
        _merge(entries, by_language.get(language, {}))
    native: dict = {}  # (the forms the language's own files give)
    for language in reversed([language for language in wanted if language != ENGLISH] or [ENGLISH]):
        _merge(native, by_language.get(language, {}))
    for key, forms in sorted(native.items()):
        if isinstance(forms, dict) and "other" not in forms:
            problems.append(Problem(f"themes/{config.theme}/i18n/{wanted[0]}.yaml", None,
                                    f"`{key}` has no `other` form: counts of another form show "
                                    f"{_short(str(entries[key].get('other') or next(iter(forms.values()))))}",
                                    f"add `other:` under `{key}:` (forms: {', '.join(FORMS)})"))
    own = [language for language in wanted if language != ENGLISH and language in by_language]
    base = primary(config.language)
    if base and base != ENGLISH:  # (a language of its own: not English, nor a kind of English)
        where = f"themes/{config.theme}/i18n/{own[-1] if own else base}.yaml"
        if not own:
            shipped = ", ".join(shipped_languages())
            line = setting_line(config.root / config.path, "language")
            problems.append(Problem(config.path, line, f"the theme has no words in {config.language}: its pages "
                                    "show them in English", f"write {where}: a copy of the bundled theme's "
                                    f"i18n/en.yaml (`newsdesk --version` says where it is) with its texts translated "
                                    f"(newsdesk ships {shipped})"))
        else:
            english = frozenset(key for key in by_language.get(ENGLISH, {})
                                if not any(key in by_language[language] for language in own))
            for key in sorted(english):
                text = by_language[ENGLISH][key]
                shown = (text if isinstance(text, str) else ", ".join(text[:3]) + ", …"
                         if isinstance(text, list) else text.get("other", ""))
                problems.append(Problem(where, None, f"no `{key}`: the theme shows it in English "
                                        f"({_short(str(shown))})", f"add `{key}:` with its text in "
                                        f"{config.language} to {where}"))
    # The words' language: what the browser's plural forms on the page ("3 hours ago", a search's count) are
    # chosen in, so that a page without words of its language (`ko`) speaks English throughout, not both.
    speaks = config.language if config.language and (own or base == ENGLISH) else ENGLISH
    if french(speaks):  # (the words' spaces before `: ; ! ?` and inside « », as the content's: typography.py)
        entries = {key: value if key in english else _typeset(value, speaks) for key, value in entries.items()}
    problems += _missing_forms(native, speaks, [language for language in wanted if language != ENGLISH]
                               or [ENGLISH], written)
    groups = digit_groups(config.language)
    digest = hashlib.sha1(repr((CLDR, MONEY, speaks, groups, sorted(english),
                                sorted(entries.items(), key=lambda pair: pair[0])))
                          .encode("utf-8", "surrogatepass"))
    digits = entries.get("number_digits", LATIN_DIGITS)
    return Words(config.language, entries, digest.hexdigest(), tuple(problems), speaks=speaks, english=english,
                 theme_keys=frozenset(theme_keys), site_keys=tuple(site_keys),
                 digits=str.maketrans(LATIN_DIGITS, digits) if digits != LATIN_DIGITS else {},
                 calendar=entries.get("calendar", CALENDARS[0]), groups=groups)


def _typeset(value, language: str):
    """A words file's text, or each of its plural forms, typeset in `language` (typography.typeset)."""
    if isinstance(value, str):
        return typeset(value, language)
    if isinstance(value, dict):
        return {form: typeset(text, language) if isinstance(text, str) else text for form, text in value.items()}
    return value


def _missing_forms(native: dict, speaks: str, wanted: list[str], written: dict) -> list[Problem]:
    """A warning for each count of the words' own files that lacks a form their language takes below 1,000
    (Russian's `many`: "5 источников"), at the line of the file over the others: such counts show `other`."""
    needed = forms_of(speaks)
    problems = []
    for key, forms in sorted(native.items()):
        if not isinstance(forms, dict) or "other" not in forms:
            continue  # (a text, or forms without `other`, which is said above)
        lacking = [form for form in needed if form != "other" and form not in forms]
        where = next((written[language, key] for language in wanted if (language, key) in written), None)
        if not lacking or where is None:
            continue
        counts = "; ".join(f"`{form}` for " + ", ".join(str(n) for n in [n for n in range(1000) if plural_form(
            speaks, n) == form][:4]) + " ..." for form in lacking)
        problems.append(Problem(where[0], where[1], f"`{key}` has no {' or '.join(f'`{f}`' for f in lacking)} "
                                f"form, which counts take in {speaks} ({counts}): they show the `other` form, "
                                f"{_short(forms['other'])}", f"add {', '.join(f'`{f}:`' for f in lacking)} under "
                                f"`{key}:`; counts in {speaks} take {', '.join(needed)}"))
    return problems


def shipped_languages() -> list[str]:
    """The languages the bundled default theme has words in."""
    bundled = bundled_theme_dir("default")
    return sorted(path.stem for path in (bundled / "i18n").glob("*.yaml")) if bundled else []


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _merge(entries: dict, more: dict) -> None:
    """`more`'s words over `entries`', a count's forms one by one: a site's file that writes only `one` of
    `sources` keeps the theme's `other`, not `one` for every count."""
    for key, value in more.items():
        old = entries.get(key)
        entries[key] = {**old, **value} if isinstance(old, dict) and isinstance(value, dict) else value


def _read(path: Path, shown: str, problems: list[Problem], lines: list) -> dict:
    """The entries of one words file; what is not text is left out, with a warning at its line. `lines` gets
    (line, key) of each key written, text or not."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_SafeLoader)
    except UnicodeDecodeError:
        problems.append(Problem(shown, None, "not UTF-8 text", "save the file as UTF-8"))
        return {}
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(shown, text, exc))
        return {}
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(shown, node.start_mark.line + 1, "a words file must be a mapping of `key: text` "
                                "lines", "write one `key: text` line per word"))
        return {}
    entries: dict = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        value = _value(value_node)
        if not isinstance(key, str) or not key:
            problems.append(Problem(shown, line, "a key must be a word", "write `key: text`"))
            continue
        lines.append((line, key))
        if key in LISTS:
            if not (isinstance(value, list) and len(value) == LISTS[key] and all(isinstance(v, str) for v in value)):
                problems.append(Problem(shown, line, f"`{key}` must be a list of {LISTS[key]} names",
                                        f"write `{key}: [{', '.join(['...'] * 2)}, ...]` with all {LISTS[key]}"))
            else:
                entries[key] = value
        elif key == "number_digits" and not _digits(value):
            problems.append(Problem(shown, line, "`number_digits` must be the ten digits from 0 to 9, in order, as "
                                    "the language writes them: numbers are written in Latin ones",
                                    'write `number_digits: "0123456789"` in your language\'s digits (Persian: '
                                    '"۰۱۲۳۴۵۶۷۸۹")'))
        elif key == "calendar" and value not in CALENDARS:
            problems.append(Problem(shown, line, f"`calendar` must be one of {', '.join(CALENDARS)}: dates are "
                                    f"written in the {CALENDARS[0]} one", f"write `calendar: {CALENDARS[0]}`, or "
                                    "`calendar: persian` for the Solar Hijri calendar (with its month names in "
                                    "`months` and `months_short`)"))
        elif isinstance(value, str) and (value.strip() or key == "number_group" and value):
            entries[key] = value  # (French groups digits with a narrow no-break space: a space is its text)
        elif isinstance(value, dict) and value and all(isinstance(v, str) and k in FORMS for k, v in value.items()):
            entries[key] = value
        else:
            problems.append(Problem(shown, line, f"`{key}` is not text (or is empty): the theme shows it in English",
                                    "write `key: text`, or for a count `key: {one: ..., other: ...}` "
                                    f"(forms: {', '.join(FORMS)})"))
    return entries


def _digits(value) -> bool:
    """Whether a `number_digits` value is ten decimal digits (Unicode's), 0 to 9 in order."""
    return isinstance(value, str) and [unicodedata.decimal(c, None) for c in value] == list(range(10))


def _placeholders(text) -> set[str]:
    """The `{name}`s of a word's text (of each of a count's forms; none of a list of names)."""
    texts = text.values() if isinstance(text, dict) else [text] if isinstance(text, str) else []
    return {name for each in texts for name in _PLACEHOLDER.findall(each)}


def _value(node, depth: int = 0):
    """A node as plain data: text stays text (`no`, `on`, `1` are words here, not YAML's booleans or numbers).
    Two levels at most (a list of names, a text's forms): nested aliases cannot make it big."""
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag != "tag:yaml.org,2002:null" else None
    if depth:
        return ()  # (no words file nests deeper: not text, warned of)
    if isinstance(node, yaml.SequenceNode):
        return [_value(child, 1) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        return {_value(k, 1): _value(v, 1) for k, v in node.value}
    return None
