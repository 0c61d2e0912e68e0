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
