"""One front matter value of an item read as a quantity: a score (heat, quality: 0 to MAX_SCORE, as sites
write counts), a download's size, a price (or an offer), a video's or podcast's length.

A number out of range is clamped and one that cannot be read is left out, each with a warning in the item's
Notes: a crawler's odd number never costs the story.
"""

from __future__ import annotations

import math
import re
from typing import Mapping

from generator.site.dates import EPOCH
from generator.site.fields import text_field
from generator.site.notes import Notes, shown


MAX_SCORE = 1_000_000.0  # heat and quality are clamped to 0..MAX_SCORE

# A number that is none, as writers spell it: YAML's `.nan` and `.inf`, the NaN and Infinity that JSON writers
# (Python's, pandas') put for a missing value, and one too large for any float (`1e309`)
_NOT_FINITE = re.compile(r"[+-]?\.?(?:nan|inf(?:inity)?)", re.IGNORECASE)
_EXPONENT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+")  # (one way to match: linear)


def _no_number(value) -> bool:
    """Whether `value` is NaN or an infinity, as a number or in words: a size, length or price of none."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if not isinstance(value, str):
        return False
    text = value.strip()
    return bool(_NOT_FINITE.fullmatch(text) or _EXPONENT.fullmatch(text) and math.isinf(float(text)))


def _left_out(meta: dict, key: str, notes: Notes, written: Mapping[str, str] | None, hint: str) -> bool:
    """Whether the quantity at `key` is a number that is none (_no_number), said with `hint`: a reader would be
    shown `NaN` or `.inf` as the story's length or price, which no reader can use."""
    value = written[key] if written and key in written else meta.get(key)
    amount = value if not isinstance(value, dict) else next(
        (value[k] for k in ("amount", "price", "value") if value.get(k) not in (None, "")), None)
    if not (_no_number(value) or _no_number(meta.get(key)) or _no_number(amount)):
        return False
    notes.warn(key, f"`{key}` {shown(value)} is no number (NaN or infinite); it is left out", hint)
    return True


# A quantity written counted back as text: a minus before a number that is not 0 (`'-5'`, `'-12.5'`), a clock's time
# (`-1:00`, as written: YAML reads it as -60) or an ISO 8601 duration (`-PT4M13S`)
_COUNTED_BACK = re.compile(r"-\s*(?:[0-9_.,:]*[1-9][0-9_.,:]*|P(?:T?[0-9]+(?:[.,][0-9]+)?[DHMS])+)", re.IGNORECASE)


def _counted_back(value, key: str, what: str, notes: Notes, hint: str) -> bool:
    """Whether a size, length or price (an offer's amount) is written counted back (a negative number, or text of
    one: _COUNTED_BACK), said with `hint`: a card showed a download of "-5", a video of "-1:00", a price of "-3"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        negative = value < 0
    else:
        negative = isinstance(value, str) and bool(_COUNTED_BACK.fullmatch(value.strip()))
    if negative:
        notes.warn(key, f"`{key}` {shown(value)} is negative, which is no {what}; it is left out", hint)
    return negative


def byte_count(value) -> int | float | None:
    """A size given as a number (of bytes: `12345`, `"12345"`), or None for anything else."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        # (no size is of more than 18 digits, and Python makes no int of more than 4,300: the build stopped)
        value = int(value) if len(value.strip()) <= 18 else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e18:
        return None
    return value


def size_field(meta: dict, key: str, notes: Notes, written: Mapping[str, str] | None = None) -> str:
    """A download's size as a reader reads one: a number is of bytes (as a feed's enclosure and HTTP give it),
    written in kB, MB, GB or TB (`12.3 MB`); text as written (`12 MB`)."""
    hint = f"write the size in bytes (12345) or as text (12 MB), or remove `{key}`"
    written_value = written[key] if written and key in written else meta.get(key)
    if _left_out(meta, key, notes, written, hint) or _counted_back(written_value, key, "size", notes, hint):
        return ""
    value = byte_count(written_value)
    if value is None:
        return text_field(meta, key, notes, written=written)
    if value < 1000:
        return f"{value:g} bytes"
    for unit in ("kB", "MB", "GB", "TB", "PB"):
        value /= 1000
        if value < 999.95 or unit == "PB":
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def price_field(meta: dict, key: str, notes: Notes, written: Mapping[str, str] | None = None) -> str:
    """A price as text; one written as an offer (`{amount: 10, currency: EUR}`, schema.org's `{price: 10,
    priceCurrency: EUR}`) as its amount and currency, `10 EUR`."""
    if meta.get(key) is False:  # (`price: false`: a crawler's "no price", not the word to show)
        return ""
    value = written[key] if written and key in written else meta.get(key)
    if isinstance(value, list) and value and all(isinstance(offer, dict) for offer in value):
        value = value[0]  # (schema.org's offers, a list: the first is the item's price)
    hint = f"write the price as text (9.99 EUR), or remove `{key}`"
    amount = next((value[k] for k in ("amount", "price", "value") if value.get(k) not in (None, "")),
                  None) if isinstance(value, dict) else value
    if _left_out({key: value}, key, notes, None, hint) or _counted_back(amount, key, "price", notes, hint):
        return ""
    if not isinstance(value, dict):
        return text_field(meta, key, notes, written=written)
    currency = next((value[k] for k in ("currency", "priceCurrency") if value.get(k) not in (None, "")), "")
    if amount is None or isinstance(amount, (bool, list, dict)) or isinstance(currency, (bool, list, dict)):
        return text_field(meta, key, notes, written=written)  # (no amount to show: said as any mapping is)
    return text_field({key: f"{amount} {currency}".strip()}, key, notes)


def offer_field(meta: dict, key: str, written: Mapping[str, str] | None = None) -> dict:
    """`price_amount` and `price_currency` of a price written as an offer whose amount is a number (`price_field` gives
    its text and says what is wrong with any other); nothing otherwise."""
    value = written[key] if written and key in written else meta.get(key)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        return {}
    amount = next((value[k] for k in ("amount", "price", "value") if value.get(k) not in (None, "")), None)
    currency = next((value[k] for k in ("currency", "priceCurrency") if value.get(k) not in (None, "")), "")
    if isinstance(amount, str) and re.fullmatch(r"[0-9]{1,15}(\.[0-9]{1,6})?", amount.strip()):
        amount = float(amount)
    if (isinstance(amount, bool) or not isinstance(amount, (int, float)) or not 0 <= amount < 1e15
            or not isinstance(currency, str)):
        return {}
    currency = text_field({key: currency}, key, Notes()) or ""
    return {"price_amount": float(amount), "price_currency": currency}


# An ISO 8601 duration, as YouTube's API and schema.org's `duration` give a video's length: `PT4M13S`, `P1DT2H`
_DURATION = re.compile(r"P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:[.,][0-9]+)?)S)?)?",
                       re.IGNORECASE)


# A length as a clock shows it, written as text (`"4:13"`, `"1:02:03"`; YAML reads `4:13` unquoted as 253 already).
# Only the leading part counts past 59 (`"75:30"`, as YAML reads `75:30`): `"4:75"` is no time a clock shows, so it is
# text as written rather than a guess (5:15) at what was meant.
_CLOCK = re.compile(r"(?:([0-9]{1,6}):([0-5]?[0-9])|([0-9]{1,2})):([0-5][0-9])")


def length_field(meta: dict, key: str, notes: Notes, written: Mapping[str, str] | None = None) -> tuple[str, int]:
    """A video's or podcast's length as a reader reads one, and in whole seconds (0 when it gives none): `4:13` or
    `1:02:03` for an ISO 8601 duration, a number of seconds (as a feed's `itunes:duration` gives it, and as YAML
    reads `length: 4:13` unquoted: 253) or a clock's time written as text (`"4:13"`); any other text as written
    (`4 min`, `"4:75"`), of no seconds. The one reading that cards, feeds and the API show: they never read the
    text again."""
    hint = f"write the length as 4:13 or in seconds (253), or remove `{key}`"
    value = written[key] if written and key in written else meta.get(key)
    if _left_out(meta, key, notes, written, hint) or _counted_back(value, key, "length", notes, hint):
        return "", 0
    seconds = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str) and EPOCH.fullmatch(value.strip().removeprefix("-")):  # (seconds as text: "754.5")
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.fullmatch(value.strip())) and any(match.groups()):
        days, hours, minutes, rest = (float((g or "0").replace(",", ".")) for g in match.groups())
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + rest
    elif isinstance(value, str) and (clock := _CLOCK.fullmatch(value.strip())):
        hours, minutes, alone, rest = (int(part or 0) for part in clock.groups())
        seconds = (hours * 60 + minutes + alone) * 60 + rest
    if seconds == 0:  # (`PT0S`, `0`: a crawler's "unknown", no length to show)
        return "", 0
    if seconds is None or not 0 < seconds < 1e9:  # (text, nothing, or no length a reader could use)
        return text_field(meta, key, notes, written=written), 0
    whole = max(1, int(seconds + 0.5))
    hours, minutes, seconds = whole // 3600, whole // 60 % 60, whole % 60
    return (f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"), whole


def score_field(value, key: str, notes: Notes) -> float | None:
    """A heat or quality as a number from 0 to MAX_SCORE; None when not given (or not a number).
    Out-of-range values are clamped with a warning: a crawler's odd number never costs the story."""
    if value is None or value == "":
        return None
    scale = None
    if isinstance(value, dict):  # (`{score: 87}`, `{value: 87}`, schema.org's `{ratingValue: 4.5, bestRating: 5}`)
        given = [k for k in _SCORE_KEYS if value.get(k) not in (None, "")]
        scale = value.get("bestRating")
        value = value[given[0]] if given else value
        if isinstance(scale, (str, int, float)) and not isinstance(scale, bool) and not isinstance(value, dict):
            value = f"{value}/{scale}"
    if isinstance(value, str):
        value = value.strip()
        if value.endswith("%") and value[:-1].strip():  # (`87%`: a score a crawler wrote as a percentage)
            value = value[:-1].strip()
        elif (out_of := _OUT_OF.fullmatch(value)) and float(out_of["scale"]) > 0:
            # (`87/100`, `4.5/5`: a score out of a scale is that percentage of it, as `87%` is read as 87)
            value = f"{float(out_of['score']) / float(out_of['scale']) * 100:.6g}"
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        notes.warn(key, f"`{key}` must be a number, got {shown(value)}", "write it without quotes or units, e.g. 87")
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        number = math.inf if value > 0 else -math.inf
    except ValueError:
        number = _written_number(value, key, notes)
        if number is None:
            notes.warn(key, f"`{key}` must be a number, got {shown(value)}",
                       "write it without quotes or units, e.g. 87")
            return None
    else:
        if isinstance(value, str) and _DECIMAL_OR_GROUPED.fullmatch(value):
            notes.warn(key, f"`{key}` {shown(value)} may be {number:g} or {value.replace('.', '')} (with a thousands "
                            f"separator); it is read as {number:g}",
                       f"write {value.replace('.', '')} if that is meant, or {number:g} without quotes")
    if math.isnan(number):
        notes.warn(key, f"`{key}` is not a number ({shown(value)}); it is left out",
                   "write a number from 0 to 1000000, e.g. 87")
        return None
    clamped = min(max(number, 0.0), MAX_SCORE)
    if clamped != number:
        notes.warn(key, f"`{key}` {shown(value)} is out of range (0 to {MAX_SCORE:,.0f}); {clamped:,.0f} is used",
                   "write a number from 0 to 1000000")
    return clamped


_SCORE_KEYS = ("score", "value", "ratingValue")  # (a score written as a mapping: the first of these given)
_OUT_OF = re.compile(r"(?P<score>[0-9]{1,15}(?:\.[0-9]{1,6})?)[ ]?/[ ]?(?P<scale>[0-9]{1,15}(?:\.[0-9]{1,6})?)")
# A count with the word a site writes after it (`1.2K views`, `12 points`): the count
_COUNTED = re.compile(r"(?P<count>.+?)[ ]+(?:view|like|vote|upvote|point|share|comment|read|click|star|reaction|"
                      r"play|listen|download|follower|retweet|repost|clap)s?", re.IGNORECASE)


# A score as sites write counts: digits grouped by thousands (`1,234`, `1.234.567`, `1 234`, Swiss `1'234`, with
# a no-break or thin space as French does), a decimal mark (`.` or `,`) after them, and a unit (`12k`, `1.2K`,
# `3,5 Mio`). One separator alone before three digits (`1,234`, `1.234`) may be a thousands separator or a decimal
# mark: read as a thousands separator when a comma (as English-language sites write counts; no data format writes
# a decimal comma), as a decimal point when a dot (as YAML and JSON read it), with a warning either way.
_SCORE_WORDS = re.compile(r"(?P<number>[+-]?[0-9](?:[0-9,.'’]|[ ](?=[0-9]))*)"
                          r"[ ]?(?P<unit>[kKmMbB]|mn|Mn|bn|Bn|Mio|Mrd)?")
_LONGEST_SCORE = 40  # (no count a site shows is longer; a longer text is no score, read no further)
_UNITS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9, "mrd": 1e9}
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:(?P<mark>[,.'’ \u00a0\u202f\u2009])[0-9]{3})(?:(?P=mark)[0-9]{3})*"
                      r"(?:(?P<decimal>[.,])[0-9]+)?")
_DECIMAL_OR_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")


def _written_number(text: str, key: str, notes: Notes) -> float | None:
    """A score written as a count is (_SCORE_WORDS), or None when it is no such number."""
    if len(text) > _LONGEST_SCORE:
        return None
    if counted := _COUNTED.fullmatch(text):
        text = counted["count"]
    found = _SCORE_WORDS.fullmatch(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))
    if not found:
        return None
    digits, unit = found["number"].strip(), found["unit"]
    grouped = _GROUPED.fullmatch(digits)
    if grouped and unit and not grouped["decimal"] and digits.count(grouped["mark"]) == 1 and grouped["mark"] in ",.":
        plain = digits.replace(",", ".")  # (`1.234k`: a decimal mark before a unit)
    elif grouped and grouped["decimal"] != grouped["mark"]:
        mark, decimal = grouped["mark"], grouped["decimal"]
        plain = digits.replace(mark, "").replace(decimal or ".", ".")
        if mark == "," and digits.count(",") == 1 and not decimal and not unit:
            notes.warn(key, f"`{key}` {shown(text)} may be {plain} or {digits.replace(',', '.')} (with a decimal "
                            f"comma); it is read as {plain}",
                       f"write {plain}, or {digits.replace(',', '.')} if that is meant, without quotes")
    elif re.fullmatch(r"[+-]?[0-9]+(?:[.,][0-9]+)?", digits):
        plain = digits.replace(",", ".")  # (`1,5`, `3,5 Mio`: a decimal comma, before other than three digits)
    else:
        return None
    try:
        return float(plain) * _UNITS[unit.lower()] if unit else float(plain)
    except ValueError:
        return None
