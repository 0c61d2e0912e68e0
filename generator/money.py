"""Money and digit groups as a language writes them: CLDR's currency and number formats, as Babel carries them
(docs/dev/dependencies.md says why Babel and not a table of our own).

`money` gives what goes before and after a price's amount in a language, and how many decimals its currency has:
where the sign goes and the space beside it (`€4.99`, `4,99 €`, `€ 4,99`), the currency's sign as that language and
country write it (`$` in the US, `US$` in Ireland and Canada, `$US` in France; a code CLDR does not know, as
written), and none for yen and won. The amount itself is written by `Words.number`, with the words file's marks and
digits, as every other number on the page, in the groups `digit_groups` gives: the sizes of the first group of
digits and of those before it, three and three (`1,234,567`) in most languages, three and two in India's
(`12,34,567`: Hindi, Bengali, Tamil, `en-IN` ...).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from babel import Locale, UnknownLocaleError
from babel import __version__ as VERSION  # (in the words' digest: a release may change a sign)
from babel.numbers import get_currency_precision, get_currency_symbol

from generator.languages import fallbacks

__all__ = ["VERSION", "amount_text", "digit_groups", "iso_code", "money"]

_CODE = re.compile(r"[A-Za-z]{3}")  # an ISO 4217 code, as offers give one (`EUR`; `eur` too)
_SIGN = "\u00a4"  # (where a CLDR pattern puts the currency)


@functools.lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    """The CLDR locale of a BCP 47 tag, or of the nearest it has ("de-XX" as "de"); English's for none."""
    for name in fallbacks(language) + ["en"]:
        try:
            return Locale.parse(name, sep="-")
        except (ValueError, UnknownLocaleError):
            continue
    return Locale("en")  # pragma: no cover - Babel always has English


@functools.lru_cache(maxsize=1024)
def money(language: str, currency: str) -> tuple[str, str, int]:
    """(before the amount, after it, the currency's decimals) of a price in `currency` (an ISO 4217 code, a sign
    as an offer writes it, or "" for none: the amount alone) in `language` (a BCP 47 tag)."""
    locale = _locale(language)
    code = iso_code(currency)
    if code:
        symbol, decimals = get_currency_symbol(code, locale), get_currency_precision(code)
    else:
        symbol, decimals = currency.strip(), 2
    if not symbol:
        return "", "", decimals
    pattern = locale.currency_formats["standard"]
    before, after = pattern.prefix[0], pattern.suffix[0]
    # CLDR's currency spacing: a sign that ends (or starts) with a letter next to the digits is kept apart from
    # them by a no-break space (`CHF 4.99`, but `US$4.99`)
    if before.endswith(_SIGN) and _spaced(symbol[-1]):
        before += "\u00a0"
    if after.startswith(_SIGN) and _spaced(symbol[0]):
        after = "\u00a0" + after
    return before.replace(_SIGN, symbol), after.replace(_SIGN, symbol), decimals


def amount_text(amount: float) -> str:
    """An offer's amount as machines read one: its digits, without an exponent or a float's error (`4.99`, `10`;
    offers have 6 decimals at most): Media RSS's `price`, the API's `offer`."""
    return f"{amount:.6f}".rstrip("0").rstrip(".")


def iso_code(currency: str) -> str:
    """An offer's currency as an ISO 4217 code (`EUR`, of `eur` too), or "" for a sign (`$`, which names no one
    currency) or none."""
    code = currency.strip()
    return code.upper() if _CODE.fullmatch(code) else ""


def _spaced(character: str) -> bool:
    """Whether a sign's character next to the digits needs a space (CLDR's `[[:^S:]&[:^Z:]]`: not a symbol or
    a space)."""
    return unicodedata.category(character)[0] not in "SZ"


@functools.lru_cache(maxsize=64)
def digit_groups(language: str) -> tuple[int, int]:
    """(digits in the group before the decimal mark, in each group before it) as `language` (a BCP 47 tag) groups
    a number's digits: CLDR's decimal pattern's (`#,##,##0.###` is (3, 2)), (3, 3) for a language it lacks."""
    pattern = _locale(language or "en").decimal_formats.get(None)
    primary, secondary = pattern.grouping if pattern else (3, 3)
    # (a pattern without groups has Babel's 1000: the words' `number_group_from` says where grouping starts)
    return (primary, secondary) if 0 < primary < 10 and 0 < secondary < 10 else (3, 3)
