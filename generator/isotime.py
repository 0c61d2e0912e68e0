"""ISO 8601 times as crawlers, feeds and configs write them, read alike on every Python newsdesk supports.

Python 3.11's `datetime.fromisoformat` reads most of ISO 8601 (`Z`, `+0100`, any digits of a second, week
dates, the basic format); 3.10's reads only what `isoformat()` writes. So a time is first rewritten into
that one form here, and only that form reaches `fromisoformat`: the same text is the same moment, or the
same refusal, whichever Python runs the build.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"""
    (?: (?P<year>[0-9]{4}) (?P<dash>-?) (?P<month>[0-9]{2}) (?P=dash) (?P<day>[0-9]{2})
      | (?P<wyear>[0-9]{4}) -? W (?P<week>[0-9]{2}) (?: -? (?P<weekday>[1-7]) )? )
    (?: [^0-9]   # T, or a space; Python takes any one character
        (?P<hour>[0-9]{2}) (?: :? (?P<minute>[0-9]{2}) (?: :? (?P<second>[0-9]{2}) (?: [.,] (?P<fraction>[0-9]*) )? )? )?
        \s*
        (?P<zone> [Zz] | (?P<sign>[+-]) (?P<zhour>[0-9]{2}) (?: :? (?P<zminute>[0-9]{2})
                  (?: :? (?P<zsecond>[0-9]{2}) (?: [.,] (?P<zfraction>[0-9]+) )? )? )? )?
    )?
""", re.VERBOSE | re.ASCII)


def parse_iso(text: str) -> datetime:
    """The moment an ISO 8601 date or time names (naive when it gives no zone); ValueError when it is none."""
    found = _ISO.fullmatch(text.strip())
    if not found:
        raise ValueError(f"not an ISO 8601 time: {text!r}")
    part = found.groupdict()
    if part["wyear"]:
        day = date.fromisocalendar(int(part["wyear"]), int(part["week"]), int(part["weekday"] or 1)).isoformat()
    else:
        day = f"{part['year']}-{part['month']}-{part['day']}"
    if part["hour"] is None:
        return datetime.fromisoformat(day)
    # Digits of a second past the sixth are cut, as Python 3.11 does (a datetime holds microseconds)
    written = f"{day}T{part['hour']}:{part['minute'] or '00'}:{part['second'] or '00'}"
    if part["fraction"]:
        written += "." + part["fraction"][:6].ljust(6, "0")
    if part["zone"] in ("Z", "z"):
        written += "+00:00"
    elif part["zone"]:
        written += f"{part['sign']}{part['zhour']}:{part['zminute'] or '00'}"
        if part["zsecond"]:
            written += ":" + part["zsecond"]
            if part["zfraction"]:
                written += "." + part["zfraction"][:6].ljust(6, "0")
    return datetime.fromisoformat(written)


# Month names of the languages whose feeds and crawlers most often write dates in words (German, French,
# Spanish, Italian, Dutch, Portuguese, Swedish, Danish, Norwegian), full and as abbreviated, lower case and
# without accents: what a site's locale makes of RSS's `Wed, 02 Dec 2026` (`Mi, 02 Dez 2026`, `mer., 02 déc.
# 2026`). No name means one month in one language and another in another, so none needs a language.
_MONTH_NAMES = (
    "januar janner jan januari janvier janv enero ene gennaio gen janeiro",
    "februar feb februari fevrier fevr fev febrero febbraio fevereiro",
    "marz mar maerz mrz maart mrt mars marzo marco",
    "april apr avril avr abril abr aprile",
    "mai mei maj mayo may maggio mag maio",
    "juni jun juin junio giugno giu junho",
    "juli jul juillet juil julio luglio lug julho",
    "august aug augustus augusti aout agosto ago",
    "september sep sept septembre septiembre setiembre settembre set setembro",
    "oktober okt oct octobre octubre ottobre ott outubro out",
    "november nov novembre noviembre novembro",
    "dezember dez december dec decembre diciembre dic dicembre dezembro desember des",
)
_MONTH = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_ENGLISH = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# `[weekday[.],] day[.] [de] month[.] [de|,] year rest`, as RSS and the languages above write a date in words
_WORDED = re.compile(r"""
    \s* (?: [^\W\d_]{2,12} \.? (?:\s*,\s*|\s+) )?             # a weekday, in any language: not needed
    (?P<day>[0-9]{1,2}) \.? \s+ (?:de\s+)?
    (?P<month>[^\W\d_]{3,12}) \.? ,? \s+ (?:de\s+)?
    (?P<year>[0-9]{4}) \b (?P<rest>.*)
""", re.VERBOSE | re.DOTALL)


# The day, month and year as numbers with dots between them, as German, Dutch, Scandinavian, Polish, Czech and
# Russian writers give a date (`20.11.2026`, `5.1.2026, 10:00 Uhr`): always in that order (no one writes the
# month first with dots), unlike `11/12/2026`, which stays no date
_DOTTED = re.compile(r"""
    \s* (?: [^\W\d_]{2,12} \.? (?:\s*,\s*|\s+) )?
    (?P<day>[0-9]{1,2}) \. \s? (?P<month>[0-9]{1,2}) \. \s? (?P<year>[0-9]{4}) \b (?P<rest>.*)
""", re.VERBOSE | re.DOTALL)
# What such a date puts between the day and the time (`um 10:00`, `à 10h00`), and after the time (`Uhr`)
_BEFORE_TIME = re.compile(r"^(?:,\s*)?(?:(?:um|à|a\s+las|alle|om|às|kl\.?|klo)\s+)?", re.IGNORECASE)
_AFTER_TIME = re.compile(r"\s*(?:Uhr|h)$", re.IGNORECASE)


def in_english(text: str) -> str:
    """A date written with another language's month (and weekday) names, as RSS writes one in English:
    `Mi, 02 Dez 2026 10:00:00 +0100` and `mer., 2 déc. 2026 10:00:00 +0100` are `02 Dec 2026 10:00:00
    +0100`, `2. Dezember 2026` and `2 de diciembre de 2026` are `02 Dec 2026`, and so is `2.12.2026` (_DOTTED);
    any other text as it is."""
    found = _WORDED.fullmatch(text) or _DOTTED.fullmatch(text)
    if not found:
        return text
    month = _MONTH.get(_folded(found["month"])) if not found["month"].isdigit() else int(found["month"])
    if not month or month > 12:
        return text
    rest = with_offset(_AFTER_TIME.sub("", _BEFORE_TIME.sub("", found["rest"].strip())))  # ("um 10:00 Uhr")
    return f"{int(found['day']):02} {_ENGLISH[month - 1]} {found['year']}" + (f" {rest}" if rest else "")


# Time zones by the names that feeds and sites write after a time, each of which names one offset (not `IST`,
# `BST` or `CST`, which name several): RFC 2822 knows only North America's and GMT, and feedparser reads any
# other as UTC (an hour or two off for every European feed that writes `CET`).
_ZONES = {name: offset for offset, names in (
    ("+0000", "WET"), ("+0100", "CET MEZ WEST"), ("+0200", "CEST MESZ EET"), ("+0300", "EEST MSK"),
    ("+0800", "HKT SGT AWST"), ("+0900", "JST KST"), ("+0930", "ACST"), ("+1000", "AEST"), ("+1030", "ACDT"),
    ("+1100", "AEDT"), ("+1200", "NZST"), ("+1300", "NZDT"), ("-1000", "HST"), ("-0900", "AKST"),
    ("-0800", "AKDT"), ("-0330", "NST"), ("-0230", "NDT")) for name in names.split()}
_ZONE_NAME = re.compile(r"(?<![A-Za-z])(" + "|".join(_ZONES) + r")\s*\Z", re.IGNORECASE)


def zone_named(text: str) -> bool:
    """Whether a date ends with the name of a time zone of _ZONES."""
    return bool(_ZONE_NAME.search(text.strip()))


def with_offset(text: str) -> str:
    """A date that ends with the name of a time zone of _ZONES with that zone's offset instead
    (`Sat, 21 Nov 2026 10:00:00 CET` is `Sat, 21 Nov 2026 10:00:00 +0100`); any other as it is."""
    zone = _ZONE_NAME.search(text)
    return text if zone is None else text[:zone.start()].rstrip() + " " + _ZONES[zone.group(1).upper()]


def _folded(word: str) -> str:
    """Lower case, without accents (`Déc` is `dec`, `März` `marz`)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
