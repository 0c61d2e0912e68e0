"""Gregorian dates in the Solar Hijri (Persian) calendar: Iran's and Afghanistan's, the one browsers' Intl writes
for `fa`. Python's standard library has none and a process locale would change every thread's dates (glibc's fa_IR
has none either), so the date is converted here, by the arithmetic ("jalaali") rule: Persian leap years follow
33-year cycles, except where the astronomical calendar breaks the cycle, at the years of BREAKS.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

# The Solar Hijri years at which the 33-year cycles of leap years restart (Borkowski's table): the rule holds from
# the first to just before the last.
BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456,
          3178)
FIRST_YEAR, LAST_YEAR = BREAKS[0] + 622, BREAKS[-1] + 620  # (the Gregorian years whose dates it converts)


def solar_hijri(day: date) -> tuple[int, int, int] | None:
    """(year, month, day) of `day` in the Solar Hijri calendar (2026-03-21 -> (1405, 1, 1)); None for a date
    the rule does not cover (of a year before 561 or after 3798)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    year = day.year - 621
    start = _nowruz(year)
    if day < start:  # (January to March: the Solar Hijri year that began the March before)
        year -= 1
        start = _nowruz(year)
    days = (day - start).days
    if days < 6 * 31:  # its first six months have 31 days, the next five 30, and the last 29 or, in a leap year, 30
        return year, days // 31 + 1, days % 31 + 1
    days -= 6 * 31
    return year, days // 30 + 7, days % 30 + 1


@lru_cache(maxsize=512)
def _nowruz(year: int) -> date:
    """The Gregorian day of 1 Farvardin (the new year) of Solar Hijri `year`: 20 March plus the Persian leap days
    counted since the table's first year, less the Gregorian ones since then."""
    leaps = -14  # (the count at the table's first year, which makes the sums below come out as the calendar)
    start = BREAKS[0]
    for end in BREAKS[1:]:
        cycle = end - start
        if year < end:
            break
        # whole 33-year cycles have 8 leap years; the rest of one, one every 4 years
        leaps += cycle // 33 * 8 + cycle % 33 // 4
        start = end
    past = year - start
    leaps += past // 33 * 8 + (past % 33 + 3) // 4
    if cycle % 33 == 4 and cycle - past == 4:  # (a cycle of 4 years after the whole ones: its last year leaps)
        leaps += 1
    gregorian = year + 621
    gregorian_leaps = gregorian // 4 - (gregorian // 100 + 1) * 3 // 4 - 150
    return date(gregorian, 3, 20 + leaps - gregorian_leaps)
