"""Dates as a page writes them: in the site's time zone (`local`), for `<time datetime>` (`isodate`), in the
theme's words (`written`, the `date` filter) and as schema.org's datePublished (`published`). make_env binds
each to the site's zone and words once per build.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from generator.i18n import Words
from generator.isotime import Day
from generator.plan.feeds import html_datetime, whole_minute_offset


def local(zone: ZoneInfo, moment: datetime) -> datetime:
    return moment.astimezone(zone)


def isodate(zone: ZoneInfo, moment: datetime) -> str:
    return html_datetime(moment.astimezone(zone))


def written(words: Words, zone: ZoneInfo, moment: datetime, fmt: str | None = None) -> str:
    """The `date` filter: `moment` in the site's zone, in the words' format `fmt` (`long` when none)."""
    if isinstance(moment, Day) and fmt == "time":  # (a day alone: no time of it made up)
        fmt = "long"
    return words.date(moment.astimezone(zone), fmt)


def published(moment: datetime) -> str:
    """schema.org's datePublished: a Date for a day written alone (isotime.Day), else a DateTime."""
    return moment.date().isoformat() if isinstance(moment, Day) else whole_minute_offset(moment).isoformat()


def is_day(value) -> bool:
    """The `day` test (`published is day`): a date given without a time (isotime.Day), whose time a theme's own
    format leaves out."""
    return isinstance(value, Day)
