"""An item's dates, as crawlers write them, read as time-zone-aware UTC: ISO 8601 (YAML's own timestamps
too), Unix times in seconds or milliseconds, RFC 2822 (RSS's pubDate), .NET's JSON, English and other
languages' words (isotime.in_english). A time without a zone is in the site's; a day written alone is the
start of that day there, as an isotime.Day (pages show the day, no time); a zone named by a name of
several, or a month by a word of two languages, is read with a warning. date_field reports what it cannot
read in the item's notes; to_utc raises Unusable.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from generator.config.values import Config
from generator.isotime import (AMBIGUOUS_ZONES, LONGEST_DATE, OFFSET_RANGE, Day, Refused, ambiguous_month,
                               ambiguous_zone, checked, day_alone, goes_by, in_english, parse_iso,
                               parse_rfc2822, site_zoned, twenty_four_hour, with_offset, writes_day_first)
from generator.site.keys import OTHER_DATE_KEYS
from generator.site.notes import Notes, Unusable, kind_of, shown


# A date before this is no date to a feed: writers put 0001-01-01 (.NET's least date), 1970-01-01 (a zero
# timestamp, in any time zone) or 0000-00-00 for one they do not know; `newsdesk fetch` dates such an entry when
# first fetched. An item's is said (_known) when it is one of those (an archive's story of 1930 is not).
EARLIEST = datetime(1970, 1, 2, tzinfo=timezone.utc)
_NO_YEAR = datetime(1000, 1, 1, tzinfo=timezone.utc)  # (no news before it: year 1, or 0 read in a zone east of UTC)
_ZERO_DAY = datetime(1969, 12, 31, tzinfo=timezone.utc)  # (a zero timestamp, in the time of any zone)



def date_field(meta: dict, key: str, config: Config, notes: Notes) -> datetime:
    """The item's date in UTC; a missing or unusable one is an error (its page's path needs it)."""
    value = meta.get(key)
    if value is None or value == "":
        if key in meta:  # (`publishedDateTime:` with nothing after it: said at its line)
            notes.error(key, f"`{key}` is empty", "write the date, as 2026-11-22T08:00:00Z")
        else:
            # (Hugo's and Jekyll's `date:`, a crawler's `pubDate`, `published: 2026-01-10`: the story's date all
            # the same, under another name; said, as `published` is true or false to every other reader)
            other = next((name for name in OTHER_DATE_KEYS if meta.get(name) not in (None, "")), None)
            if isinstance(meta.get("published"), (date, datetime)) or dated_text(meta.get("published")):
                other = "published"  # (Atom's and feedparser's `published` is the date, as text)
            if other:
                notes.warn(other, f"`{other}` is read as `{key}`, which is not given", f"rename `{other}` to `{key}`")
                try:
                    return _known(zone_guessed(to_utc(meta[other], config, other), meta[other], other, config, notes),
                                  meta[other], other, notes)
                except Unusable as exc:
                    notes.error(other, exc.message, exc.hint)
            else:
                notes.missing(key, "when the item was published", "2026-11-22T08:00:00Z")
    else:
        try:
            return _known(zone_guessed(to_utc(value, config, key), value, key, config, notes), value, key, notes)
        except Unusable as exc:
            notes.error(key, exc.message, exc.hint)
    return datetime(2000, 1, 1, tzinfo=timezone.utc)  # (never used: the item is left out)


def optional_date_field(meta: dict, key: str, config: Config, notes: Notes) -> datetime | None:
    """A date the item may leave out (`firstSeenDateTime`), in UTC: None when not given; one that cannot be read is
    left out with a warning, and the item is shown all the same."""
    value = meta.get(key)
    if value is None or value == "":
        return None
    try:
        return zone_guessed(to_utc(value, config, key), value, key, config, notes)
    except Unusable as exc:
        notes.warn(key, f"{exc.message}; it is left out", exc.hint)
        return None


def _known(moment: datetime, value, key: str, notes: Notes) -> datetime:
    """`moment`, with a warning when it is a writer's date for none (year 1, a zero timestamp), which dates the
    story after every other (and "1 January 1" on its page) rather than when it was published."""
    if moment < _NO_YEAR or _ZERO_DAY <= moment < EARLIEST:
        notes.warn(key, f"`{key}` {shown(value)} is a date that writers put for one they do not know (0001-01-01, "
                        "1970-01-01); the story is dated so, after every other",
                   "write the date the item was published")
    return moment


_DATED = re.compile(r"[0-9]{4}|[0-9]{1,2}[-./ ][0-9]{1,2}[-./ ][0-9]{2}")


def dated_text(value) -> bool:
    """Whether a `published` written as text is a date (`2026-11-20T10:00:00Z`, `Fri, 20 Nov 2026 ...`: Atom's and
    feedparser's name for it) rather than a flag (`true`, `no`, `0`)."""
    return isinstance(value, str) and bool(_DATED.search(value))


def zone_guessed(moment: datetime, value, key: str, config: Config, notes: Notes) -> datetime:
    """`moment`, with a warning when `value` named its zone by a name of several (isotime.AMBIGUOUS_ZONES),
    which was read as the one news most often means (not when it was read as the site's zone: site_zoned),
    or its month by a name of two (isotime.ambiguous_month)."""
    if not isinstance(value, str):
        return moment
    try:
        value = checked(value)  # (`10:00 (IST)`: the name in brackets)
    except Refused:
        return moment
    if doubt := ambiguous_month(value, config.language):
        notes.warn(key, f"`{key}` {doubt}", "write the month as a number, as 2026-11-22, or set the site's "
                                            "`language` to the language its dates are written in (hr: October)")
    name = ambiguous_zone(value)
    if name and not goes_by(config.zone, name, moment):
        offset, meant, other = AMBIGUOUS_ZONES[name]
        notes.warn(key, f"`{key}` names its time zone `{name}`, which names more than one zone; it is read as "
                        f"{meant} ({offset[:3]}:{offset[3:]})",
                   f"write the offset instead of `{name}`, e.g. {offset[:3]}:{offset[3:]}, or that of {other}")
    return moment


def to_utc(value, config: Config, key: str) -> datetime:
    """A date as crawlers write one: ISO 8601 (YAML's own timestamps too), a Unix time in seconds or
    milliseconds (as JSON APIs give it), or RFC 2822 (as RSS's pubDate is)."""
    if isinstance(value, str) and len(value.strip()) > LONGEST_DATE:
        raise Unusable(f"`{key}` is {len(value.strip()):,} characters long, which no date is: {shown(value)}",
                        "write the date alone, as 2026-11-22T08:00:00Z")
    if isinstance(value, dict) and len(value) == 1 and "$date" in value:
        # MongoDB's export of a date (mongoexport, Extended JSON): `{$date: "2026-11-20T10:00:00Z"}`, or its
        # milliseconds, `{$date: {$numberLong: "1795168800000"}}`
        value = value["$date"]
        if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("$numberLong"), (str, int)):
            value = str(value["$numberLong"])
    written = value
    if isinstance(value, str):
        try:
            value = checked(value)  # (`... +0100 (CET)`, `... 10:00 (CET)`; two zones that disagree refused)
            value = twenty_four_hour(value)  # (`2026-11-21 10:00 PM`: 22:00, as every reader below takes it)
        except Refused as exc:
            raise Unusable(f"`{key}` {shown(value)} {exc}", exc.hint) from None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif (isinstance(value, int) and not isinstance(value, bool) or isinstance(value, str)) and \
            (moment := _digits_date(str(value).strip())):
        pass
    elif (isinstance(value, (int, float)) and not isinstance(value, bool)
          or isinstance(value, str) and EPOCH.fullmatch(value.strip())):
        moment = _from_epoch(value, key)
    elif isinstance(value, str) and (moment := site_zoned(value, config.zone, lambda text: _read(text, config, key))):
        pass
    elif isinstance(value, str):
        error = None
        text = with_offset(value.strip())  # (`... 10:00 CET`: a zone named, of one offset)
        try:
            moment = parse_iso(text)
        except ValueError as exc:
            error, moment = exc, _written_otherwise(text)
            if (zone := _ZONE_AFTER.fullmatch(text)) and zone["sign"] and (int(zone["hours"]) > 23
                                                                           or int(zone["minutes"] or 0) > 59):
                error = OFFSET_RANGE  # (`UTC+25`: said as an ISO offset's is)
        if moment is None:
            if _ISO_SHAPED.match(text):  # (`2026-13-45`, which YAML leaves as text: say what is wrong)
                raise _not_valid(key, written, error) from None
            # (another language's month and weekday names: `Mi, 02 Dez 2026 10:00:00 +0100`, `2. Dezember 2026`)
            english = in_english(text, config.language)
            moment = _written_otherwise(english) if english != text else None
            if moment is None and (error := _day_out_of_range(english)):
                raise _not_valid(key, written, error)  # (`31 de febrero de 2026`, as 2026-02-31 is told)
            if moment is None:
                moment = _from_rfc2822(english, key, written, config.language)
    else:
        raise Unusable(f"`{key}` must be a date, got {kind_of(value)}", "write it as 2026-11-22T08:00:00Z")
    # (a day written alone is the start of that day in the site's zone, kept as a Day: pages show no time of it)
    day = moment.tzinfo is None and moment.time() == time() and (
        type(value) is date or isinstance(value, (str, int)) and day_alone(str(value), config.language))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=config.zone)  # naive times are in the site's zone
    try:
        moment = moment.astimezone(timezone.utc)
        moment.astimezone(config.zone)  # pages show it in the site's zone
    except (OverflowError, ValueError):  # the first or last hours of year 1 or 9999, in some zone
        raise Unusable(f"`{key}` {shown(written)} is outside the calendar once in UTC or the site's time zone",
                        "give a date between the years 1 and 9999")
    return Day.of(moment) if day else moment


def _not_valid(key: str, written, error) -> Unusable:
    """The error of a date whose day its month does not have (or that is otherwise in its form but no date),
    however it is written: `error` says why."""
    return Unusable(f"`{key}` {shown(written)} is not a valid date ({error})",
                    "fix the date; dates look like 2026-11-22T08:00:00Z")


def _read(text: str, config: Config, key: str) -> datetime | None:
    """The moment `text` names (a time without a zone in the site's), None when it is no date: site_zoned's
    reading of a date without its zone's name."""
    try:
        return to_utc(text, config, key)
    except Unusable:
        return None


EPOCH = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ISO_SHAPED = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ]|$)")

# A Unix time is taken from 1e8 (March 1973) on: a smaller number is more likely a year (`2026`) than a time
# of 1970; and one from 1e11 on is in milliseconds (in seconds it would be the year 5138).
_EPOCH_SECONDS, _EPOCH_MILLISECONDS = 1e8, 1e11

# Dates as other writers than ISO 8601's and RSS's give them: .NET's JSON (`/Date(1795168800000)/`), a zone
# after an ISO time as a word (`2026-11-20 10:00:00 UTC`) or Java's name in brackets (`...+01:00[Europe/Paris]`),
# the year first with slashes or dots (`2026/11/20`), and English words (`November 20, 2026`, `Nov 20, 2026
# 10:00 AM`, `20 November 2026`). A date with the day and month as numbers and the year last (`11/12/2026`) is
# none: which is the month depends on who wrote it.
_DOTNET_DATE = re.compile(r"/?Date\((-?[0-9]{1,16})(?:[+-][0-9]{4})?\)/?")
# (Java's ZonedDateTime writes a time in UTC with both: `2026-11-20T10:00:00Z[UTC]`; the word may carry the offset,
# as sites and JavaScript write it: `2026-11-20T10:00:00 GMT+01:00`, `... UTC+1`, `... GMT+0100`)
_ZONE_AFTER = re.compile(r"(?P<time>.*?[0-9][Zz]?)\s*(?:\[(?P<name>[A-Za-z][A-Za-z0-9_+/-]*)\]"
                         r"|\s(?P<word>UTC|GMT|UT|Z)|\s?(?:UTC|GMT|UT)\s*(?P<sign>[+-])(?P<hours>[0-9]{1,2})"
                         r"(?::?(?P<minutes>[0-9]{2}))?)", re.IGNORECASE)
# (the year first with slashes or dots; Korean writes a space after each dot and one after the day: `2026. 12. 7.`)
_YEAR_FIRST = re.compile(r"([0-9]{4})([/.])\s*([0-9]{1,2})\2\s*([0-9]{1,2})\.?(?=$|[T\s])(.*)", re.DOTALL)
_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), 1) for name in names.split()}
_WORDS_DATE = re.compile(r"""
    (?:[A-Za-z]+,?\s+)??                                             # a weekday
    (?: (?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\.?(?:\s+|-)(?P<month>[A-Za-z]+)\.?,?
      | (?P<month2>[A-Za-z]+)\.?\s+(?P<day2>[0-9]{1,2})(?:st|nd|rd|th)?,? )
    (?:\s+|-)(?P<year>[0-9]{4})
    (?: ,?\s+(?:at\s+)? (?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?
        \s*(?P<half>[AaPp])?\.?(?:[Mm]\.?)? )?
    (?: \s*(?P<zone>Z|UTC|GMT|(?:GMT|UTC)?[+-][0-9]{2}:?[0-9]{2}) )?
    (?: \s+\([^()]*\) )?                                          # JavaScript's name of the zone
""", re.VERBOSE)


def year_first(text: str) -> str:
    """A date written year first with slashes or dots (`2026/11/21 08:00`) as ISO 8601 writes it (`2026-11-21
    08:00`); any other text as it is. (feedparser read `2026/11/21` as 1 December: fetch's entries take this too.)"""
    if found := _YEAR_FIRST.fullmatch(text):
        year, _, month, day, rest = found.groups()
        return f"{year}-{int(month):02}-{int(day):02}{rest}"
    return text


def _written_otherwise(text: str) -> datetime | None:
    """The moment a date written in one of the forms above names; None when it is in none of them (or is
    no date: the caller says why)."""
    if found := _DOTNET_DATE.fullmatch(text):
        try:
            return datetime.fromtimestamp(int(found.group(1)) / 1000, timezone.utc)
        except (OverflowError, ValueError, OSError):
            return None
    if (iso := year_first(text)) != text:
        text = iso
        try:
            return parse_iso(text)
        except ValueError:
            return _written_otherwise(text)
    if found := _ZONE_AFTER.fullmatch(text):
        if found["sign"]:  # (an offset after the word: the time at that offset; the time itself names none)
            try:
                moment = parse_iso(found["time"])
                offset = timedelta(hours=int(found["hours"]), minutes=int(found["minutes"] or 0))
                return moment.replace(tzinfo=timezone(-offset if found["sign"] == "-" else offset)) \
                    if moment.tzinfo is None else None
            except ValueError:  # (no date, or an offset of a day or more)
                return None
        try:
            moment = parse_iso(found.group("time"))
        except ValueError:
            moment = _written_otherwise(found.group("time")) if not _ZONE_AFTER.fullmatch(found.group("time")) else None
        if moment is None or moment.tzinfo is not None or not found.group("name"):
            return moment.replace(tzinfo=moment.tzinfo or timezone.utc) if moment else None
        try:
            from zoneinfo import ZoneInfo

            return moment.replace(tzinfo=ZoneInfo(found.group("name")))
        except (ValueError, KeyError, OSError):  # (no such zone: no date to guess)
            return None
    if found := _WORDS_DATE.fullmatch(text):
        part = found.groupdict()
        month = _MONTHS.get((part["month"] or part["month2"]).lower())
        hour = int(part["hour"] or 0)
        if month is None or hour > 12 and part["half"] or hour == 0 and part["half"]:
            return None
        if part["half"]:
            hour = hour % 12 + (12 if part["half"] in "Pp" else 0)
        zone = (part["zone"] or "").removeprefix("GMT").removeprefix("UTC")  # (`GMT+0100`: JavaScript's Date)
        try:
            moment = datetime(int(part["year"]), month, int(part["day"] or part["day2"]), hour,
                              int(part["minute"] or 0), int(part["second"] or 0))
            if part["zone"]:
                moment = parse_iso(moment.isoformat() + (zone or "Z"))
        except ValueError:
            return None
        return moment
    return None


def _day_out_of_range(text: str) -> str:
    """Why a date in English words (_WORDS_DATE: `February 31, 2026`, or `31 Feb 2026` as in_english writes other
    languages' and numbers' dates) is none, when its month has no such day; "" for any other text."""
    found = _WORDS_DATE.fullmatch(text)
    month = _MONTHS.get((found["month"] or found["month2"]).lower()) if found else None
    if not month:
        return ""
    try:
        date(int(found["year"]), month, int(found["day"] or found["day2"]))
    except ValueError as exc:
        return str(exc)
    return ""


# ISO 8601's basic date, and a date and time, in digits alone (`20261120`, GDELT's `20261120100000`), as a number
# too: a Unix time never has 8 digits (1973 has 9) or 14 (milliseconds have 13 until the year 2286)
_DIGITS_DATE = re.compile(r"((?:19|20|21)[0-9]{2})([01][0-9])([0-3][0-9])(?:([0-2][0-9])([0-5][0-9])([0-5][0-9]))?")


def _digits_date(text: str) -> datetime | None:
    """The moment a date in digits alone names (_DIGITS_DATE), None for other text (or no such day)."""
    found = _DIGITS_DATE.fullmatch(text)
    if not found:
        return None
    try:
        return datetime(*(int(part) for part in found.groups() if part is not None))
    except ValueError:
        return None


def _from_epoch(value, key: str) -> datetime:
    """A Unix time, in seconds, or in milliseconds when it is that large (JavaScript's Date.now())."""
    try:
        number = float(value)
        if not number >= _EPOCH_SECONDS:  # (NaN too)
            raise Unusable(f"`{key}` is not a date: {shown(value)}",
                            "write it as 2026-11-22T08:00:00Z, or as seconds since 1970")
        return datetime.fromtimestamp(number / 1000 if number >= _EPOCH_MILLISECONDS else number, timezone.utc)
    except (OverflowError, ValueError, OSError):
        raise Unusable(f"`{key}` {shown(value)} is outside the calendar as a Unix time",
                        "write it as 2026-11-22T08:00:00Z, or as seconds since 1970")


_NUMBERS_YEAR_LAST = re.compile(r"([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4})(.*)", re.DOTALL)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def either_order(text: str) -> str:
    """What to write for a date with the day and month as numbers and the year last (`02/12/2026`), which is no
    date (_written_otherwise) but on a site whose language writes the day first: its readings, for the writer, who
    knows which is meant, to choose; "" for any other text (and for such a date of no day of either month)."""
    readings = _readings(text)
    return f"the day and the month are both numbers, which writers put in either order: write it as {readings}" \
        if readings else ""


def _readings(text: str) -> str:
    """The ISO dates a date with the day and month as numbers and the year last may mean (either_order), the
    first with its time, when it has one that an ISO date can carry (`, 10:00`, `um 10 Uhr`: `T10:00`)."""
    found = _NUMBERS_YEAR_LAST.fullmatch(text.strip())
    if not found:
        return ""
    first, second, year = (int(part) for part in found.groups()[:3])
    readings = []
    for day, month in dict.fromkeys(((first, second), (second, first))):
        try:
            readings.append(f"{date(year, month, day).isoformat()} for {day} {_MONTH_NAMES[month - 1]}")
        except ValueError:
            pass
    if not readings:
        return ""
    time = ""
    if found[4].strip():
        time = ", with its time after a T" + (f": {readings[0][:10]}T{clock}"
                                              if (clock := _iso_clock(first, second, year, found[4])) else "")
    return f"{' or '.join(readings)}{time}"


def _iso_clock(first: int, second: int, year: int, rest: str) -> str:
    """The time (and zone) `rest` gives after a date, as an ISO date carries it after its T (`, 10:00 +0100`:
    `10:00+01:00`): read as the same date with dots is (isotime.in_english), which every site reads; "" when it
    is none that reads back so."""
    english = in_english(f"{first}.{second}.{year}{rest}")
    clock = with_offset(english[len("05 Dec 2026"):].strip()) if english[:1].isdigit() else ""
    clock = re.sub(r"\s+(?:([+-][0-9]{2}):?([0-9]{2})|(?:GMT|UTC|UT|Z))\Z",
                   lambda zone: f"{zone[1]}:{zone[2]}" if zone[1] else "Z", clock, flags=re.IGNORECASE)
    try:
        parse_iso(f"2000-01-01T{clock}")
    except ValueError:
        return ""
    return clock


# After the date, nothing or a time (`um 14:30 Uhr`, `, 14.30`): other text is not copied into the hint
_TWO_DIGIT_YEAR = re.compile(r"(([0-9]{1,2})([./-])([0-9]{1,2})\3)([0-9]{2})"
                             r"((?:,?\s+(?:[^\W\d_]+\s+)?[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?(?:\s*[^\W\d_]+\.?)?)?)")


def _two_digit_year(text: str, language: str) -> str:
    """What to write for a date whose year is two digits after the day and month (`05.12.26`, as German and
    other languages write a date in short), which is no date: which century is meant is not guessed. With dashes
    or slashes, which number is the month is not either (but where `language` writes the day first:
    writes_day_first): the hint names both readings."""
    found = _TWO_DIGIT_YEAR.fullmatch(text.strip())
    if not found:
        return ""
    century = "its year has two digits, which could be of any century"
    if found[3] == "." or writes_day_first(language):  # (as these are read: the day first)
        try:
            date(2000 + int(found[5]), int(found[4]), int(found[2]))
        except ValueError:  # (no day and month: `14.30.00`, a time)
            return ""
        return f"{century}: write it in four, as {found[1]}20{found[5]}{found[6]}"
    readings = _readings(f"{found[2]}/{found[4]}/20{found[5]}{found[6]}")
    return (f"{century}, and the day and the month are both numbers, which writers put in either order: write it "
            f"as {readings}") if readings else ""


def _from_rfc2822(value: str, key: str, written: str | None = None, language: str = "") -> datetime:
    """An RFC 2822 date (`Fri, 20 Nov 2026 08:00:00 GMT`); one without a zone is in the site's zone, as an ISO
    one is, but a zone name the format does not know (`CEST`) is refused rather than taken for that.
    `written`: the value as the file gives it, for the message; `language`: the site's, for its hint."""
    try:
        moment = parse_rfc2822(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        moment = None
    words = value.split()
    if moment is None:
        written = value if written is None else written
        raise Unusable(f"`{key}` is not a date: {shown(written)}", either_order(written)
                        or _two_digit_year(written, language) or "write it as 2026-11-22T08:00:00Z")
    if moment.tzinfo is None and words[-1] == "-0000":  # (the format's "UTC, local zone unknown")
        moment = moment.replace(tzinfo=timezone.utc)
    return moment
