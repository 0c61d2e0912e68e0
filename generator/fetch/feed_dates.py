"""A feed's entries' dates (Dates), read as the build reads an item's: the site's zone and language, other
languages' month names, RFC 3339 and RFC 2822, and the dates that are none (EARLIEST) or refused."""

from __future__ import annotations

import calendar
from datetime import datetime, time, timezone, tzinfo

from generator.isotime import (Day, Refused, checked, clock_alone, day_alone, day_first, in_english, parse_iso,
                               parse_rfc2822, site_zoned, twenty_four_hour, with_offset, zone_named)
from generator.fetch.relative_dates import Relative, relative_date
from generator.languages import LANGUAGE, language_problem, primary
# (an entry dated before EARLIEST: when first fetched)
from generator.site.dates import EARLIEST, either_order, year_first


def _usable(moment: datetime | None) -> datetime | None:
    return moment if moment is not None and moment >= EARLIEST else None


def _parsed_date(when) -> datetime | None:
    """feedparser's time tuple, in UTC; None when it is no date a reader could use: one feedparser made of
    `0000-00-00` (year -1) or past 9999 once in UTC cannot be a datetime, and would cost the whole feed."""
    if not when:
        return None
    try:
        return _usable(datetime.fromtimestamp(calendar.timegm(when), timezone.utc))
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def language_code(tag) -> str:
    """A language tag a feed, an entry or an OPML outline says (`fr`, `pt_BR`: pt-BR), when it is a code naming a
    language; else "" (`English`, `unknown`, `xx`)."""
    tag = tag.strip().replace("_", "-") if isinstance(tag, str) else ""
    return tag if LANGUAGE.fullmatch(tag) and not language_problem(tag) else ""


def said_language(tag, site: str) -> str:
    """The language a feed says it is in (its own, or its OPML outline's), as its dates are read by it: none when
    it is no language code, or when it only names the language that the site's names more precisely (a feed's
    `en` on an `en-GB` site)."""
    tag = language_code(tag)
    return "" if "-" not in tag and primary(tag) == primary(site) else tag


class Dates:
    """A feed's entries' dates, read as the build reads an item's (the site's `zone` and `language`), with
    those refused counted (`refused`): a date that names two time zones that disagree, or a Solar Hijri one
    (isotime.checked), is no date, rather than the moment feedparser makes of its first zone or of its digits.
    `given`: the source's own `language`, which its dates are read by instead of the site's. A date of numbers is
    read month first when the source or the feed says it is in a language that writes it so (`en-US`: day_first),
    not when only the site's does: the site's language says what its pages are in, not its feeds, and a feed read
    the wrong way round gets a wrong day where it would get its first fetch's, with a note."""

    def __init__(self, zone: tzinfo, language: str, given: str = ""):
        self.zone, self.language, self.given, self.refused = zone, given or language, given, 0
        self.declared = ""  # the feed's own language, when its dates are read by it

    def declare(self, tag) -> None:
        """The language the feed says it is in (RSS's `<language>`, Atom's `xml:lang`, JSON Feed's `language`):
        its dates are read by it, unless the source gives one, or it is no language code (`English`), or it only
        names the language that the site's names more precisely (a feed's `en` on an `en-GB` site)."""
        tag = said_language(tag, self.language)
        if self.given or not tag:
            return
        self.language = self.declared = tag

    @property
    def told(self) -> str:
        """The language the source or the feed says the feed is in; "" when neither does."""
        return self.given or self.declared

    def entry(self, entry) -> datetime | None:
        """An RSS or Atom entry's date: its published one, else its updated one."""
        return self._first((entry.get("published_parsed"), entry.get("published"), False),
                           (entry.get("updated_parsed"), entry.get("updated"), False))

    def json_item(self, item: dict) -> datetime | None:
        return self._first((None, item.get("date_published"), True), (None, item.get("date_modified"), True))

    def _first(self, *dates) -> datetime | None:
        """The first of these dates that is one; an entry with one refused counted once (feedparser gives an
        RSS entry's pubDate as its updated date too)."""
        refused = self.refused
        for parsed, written, iso in dates:
            if (moment := self.dated(parsed, written, iso)) is not None:
                self.refused = refused
                return moment
        self.refused = min(self.refused, refused + 1)
        return None

    def dated(self, parsed, written, iso: bool = False) -> datetime | None:
        """An entry's date, from feedparser's reading of it (`parsed`) or as written: one that names its time zone
        by a name feedparser reads as UTC (`CET`), or twice, or with another language's words is read here;
        `iso`: a JSON Feed's date, which feedparser does not read. A day written alone (`2026-12-07`, `Mon, 07 Dec
        2026`) is an isotime.Day in the site's zone, the start of that day: its item's file writes the day."""
        if clock_alone(written):  # (no date: Dates.clock; feedparser put it on the machine's day, in UTC)
            return None
        if isinstance(written, str) and (hours := year_first(twenty_four_hour(written.strip()))) != written.strip():
            parsed, written = None, hours  # (feedparser reads `10:00 PM` as 10:00, `2026/11/21` as 1 December)
        if isinstance(written, str) and self.told and (ordered := day_first(written, self.told)) != written:
            parsed, written = None, ordered  # (feedparser reads `12/03/2026` its own way: read here, day first)
        moment = self._dated(parsed, written, iso)
        if moment is not None and isinstance(written, str):
            local = moment.astimezone(self.zone)
            # (read as the start of that day there, as the build reads it; written so, the day alone)
            if local.time() == time() and day_alone(written, self.language):
                return Day.of(local)
        return moment

    def _dated(self, parsed, written, iso: bool) -> datetime | None:
        if isinstance(written, str):
            try:
                rewritten = checked(written)
            except Refused:
                self.refused += 1
                return None
            if rewritten != written.strip():  # (`10:00 (CET)`, which feedparser reads as UTC: read here)
                parsed, written = None, rewritten
            if either_order(written):  # (feedparser reads `05-12-2026` as 2005-12-20: read by the site's language)
                parsed = None
            site = site_zoned(written, self.zone, lambda text: self.read(text, self.zone))
            if site is not None:
                return _usable(site.astimezone(timezone.utc))
        if iso:
            return _iso_date(written, self.language, self.zone)
        if isinstance(written, str) and (zone_named(written) or parsed is None):
            return self._read_here(written, self.zone) or _parsed_date(parsed)
        if isinstance(written, str) and (here := self._read_here(written, self.zone)) is not None \
                and here != self._read_here(written, timezone.utc):
            return here  # (no zone written, which feedparser reads as UTC: the site's, as an item's date)
        return _parsed_date(parsed) or _worded_date(written, language=self.language)

    def _read_here(self, written: str, zone: tzinfo) -> datetime | None:
        """A date as RSS, another language's words or RFC 3339 write it, one without a zone in `zone`."""
        return (_worded_date(written, rss=True, language=self.language, zone=zone)
                or _iso_date(with_offset(written), self.language, zone))

    def clock(self, *written) -> time | None:
        """The time of day an undated entry's date gives alone (`written`: its published one, then its updated
        one: `21:30`, `9:30 PM`), in the site's zone (its tzinfo), which items.published_at puts on the day of the
        fetch that first saw it; else None."""
        found = next((clock for clock in map(clock_alone, written) if clock is not None), None)
        return found.replace(tzinfo=self.zone) if found else None

    def relative(self, *written) -> Relative | None:
        """The date an undated entry's date gives relative to when the feed is read (`written`: its published one,
        then its updated one: `вчера в 18:45`, `2 часа назад`), in the site's zone; else None."""
        return next((said for said in (relative_date(text, self.zone) for text in written) if said), None)

    @staticmethod
    def in_either_order(*written) -> str:
        """An undated entry's date as written (`written`: its published one, then its updated one) when its day and
        month are both numbers, which writers put in either order, and the site's language did not say which
        (either_order): for the user to hear; "" for any other."""
        first = next((value.strip() for value in written if isinstance(value, str) and value.strip()), "")
        return first if either_order(first) else ""

    def read(self, text: str, zone: tzinfo) -> datetime | None:
        """A date without a zone's name, a time without a zone in `zone`."""
        return _iso_date(text, self.language, zone)  # (else an RSS date, in English or other words)


def _worded_date(value, rss: bool = False, language: str = "", zone: tzinfo = timezone.utc) -> datetime | None:
    """A date feedparser could not read, written with another language's month and weekday names, as a
    site's locale makes RSS's date (`Mi, 02 Dez 2026 10:00:00 +0100`, `mer., 2 déc. 2026 ...`): read as its
    English spelling is (`rss`: an RSS date in English too). One without a zone is in `zone`: the site's,
    as an item's date is (Dates)."""
    if not isinstance(value, str) or (english := in_english(value, language)) == value and not rss:
        return None
    try:
        # (a date alone, `3 декабря 2025`, is midnight: RFC 2822 wants a time)
        moment = parse_rfc2822(english if ":" in english else english + " 00:00:00")
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # (`-0000` is RFC 2822's "UTC, local zone unknown")
        moment = moment.replace(tzinfo=timezone.utc if english.split()[-1] == "-0000" else zone)
    try:
        return _usable(moment.astimezone(timezone.utc))
    except (ValueError, OverflowError):
        return None


def _iso_date(value, language: str = "", zone: tzinfo = timezone.utc) -> datetime | None:
    """A JSON Feed's date: RFC 3339, as its specification says, else an RSS date (RFC 2822, in English or
    another language's words), as feeds converted from RSS write it."""
    if not isinstance(value, str):
        return None
    try:
        moment = parse_iso(value)
    except ValueError:
        return _worded_date(value, rss=True, language=language, zone=zone)
    try:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return _usable(moment.astimezone(timezone.utc))
    except (ValueError, OverflowError):  # 9999-12-31T23:59:59-05:00 is past the last datetime in UTC
        return None
