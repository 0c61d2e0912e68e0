"""A count's plural category in a language: CLDR's cardinal rules, for whole numbers.

Written by hand from CLDR 48's `common/supplemental/plurals.xml` (the release of ICU 78, which node and current
browsers carry), keeping of each rule only what a whole number can meet (`v = 0`, `f = t = 0`, `i = n`, `e = 0`):
a words file's form of a count ("+5 источников") is the one the browser's `Intl.PluralRules` picks for the
same count on the same page (relative-times.js, search.js). tests/test_plurals.py compares both for every
language of the table and every language node knows on 0..200 and some large counts.

A language CLDR does not list (or a tag this table lacks) takes English's rule, as CLDR's root does not:
root's is `other` alone, but a browser asked for a language it lacks uses its own default, English.
"""

from __future__ import annotations

from typing import Callable

from generator.languages import fallbacks

CLDR = "48"  # the release the rules are from: in the words' digest, so that pages follow a change of rules
FORMS = ("zero", "one", "two", "few", "many", "other")  # CLDR's plural categories, in its order


def _one(n: int) -> str:  # English, German, Spanish's ... `one: i = 1 and v = 0`
    return "one" if n == 1 else "other"


def _none(n: int) -> str:
    return "other"


def _zero_one(n: int) -> str:  # `i = 0,1`, `n = 0..1`, `i = 0 or n = 1` ...
    return "one" if n in (0, 1) else "other"


def _million(one: Callable[[int], str]) -> Callable[[int], str]:
    """French, Spanish, Italian, Portuguese ...: `many` for a whole number of millions ("1 million de sources")."""
    return lambda n: "many" if n and n % 1_000_000 == 0 else one(n)


def _slavic(n: int) -> str:  # Russian, Ukrainian, Belarusian; Polish is the same but for `one` (1 alone)
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _polish(n: int) -> str:
    form = _slavic(n)
    return "one" if n == 1 else "many" if form == "one" else form


def _balkan(n: int) -> str:  # Bosnian, Croatian, Serbian
    form = _slavic(n)
    return "other" if form == "many" else form


def _czech(n: int) -> str:  # Czech, Slovak
    return "one" if n == 1 else "few" if 2 <= n <= 4 else "other"


def _ones(n: int) -> str:  # Icelandic, Macedonian: `one` for 1, 21, 31 ... (not 11)
    return "one" if n % 10 == 1 and n % 100 != 11 else "other"


def _latvian(n: int) -> str:
    if n % 10 == 0 or 11 <= n % 100 <= 19:
        return "zero"
    return "one" if n % 10 == 1 else "other"


def _lithuanian(n: int) -> str:
    if 11 <= n % 100 <= 19:
        return "other"
    return "one" if n % 10 == 1 else "few" if n % 10 >= 2 else "other"


def _romanian(n: int) -> str:
    return "one" if n == 1 else "few" if n == 0 or 1 <= n % 100 <= 19 else "other"


def _slovenian(n: int) -> str:  # and Upper and Lower Sorbian
    return {1: "one", 2: "two", 3: "few", 4: "few"}.get(n % 100, "other")


def _two(n: int) -> str:  # Hebrew, Inuktitut, the Sami languages
    return {1: "one", 2: "two"}.get(n, "other")


def _zero(n: int) -> str:  # Colognian, Langi, Chuvash, Anii: `zero` for 0
    return {0: "zero", 1: "one"}.get(n, "other")


def _arabic(n: int) -> str:
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    return "few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other"


def _welsh(n: int) -> str:
    return {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many"}.get(n, "other")


def _irish(n: int) -> str:
    return "one" if n == 1 else "two" if n == 2 else "few" if 3 <= n <= 6 else "many" if 7 <= n <= 10 else "other"


def _gaelic(n: int) -> str:  # Scottish Gaelic
    return "one" if n in (1, 11) else "two" if n in (2, 12) else "few" if 3 <= n <= 19 else "other"


def _manx(n: int) -> str:
    return "one" if n % 10 == 1 else "two" if n % 10 == 2 else "few" if n % 20 == 0 else "other"


def _maltese(n: int) -> str:
    if n in (1, 2):
        return ("one", "two")[n - 1]
    return "few" if n == 0 or 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 19 else "other"


def _breton(n: int) -> str:
    tens = n % 100
    if n % 10 == 1 and tens not in (11, 71, 91):
        return "one"
    if n % 10 == 2 and tens not in (12, 72, 92):
        return "two"
    if n % 10 in (3, 4, 9) and not (10 <= tens <= 19 or 70 <= tens <= 79 or 90 <= tens <= 99):
        return "few"
    return "many" if n and n % 1_000_000 == 0 else "other"


def _cornish(n: int) -> str:
    tens = n % 100
    if n in (0, 1):
        return ("zero", "one")[n]
    if tens in (2, 22, 42, 62, 82) or (n % 1000 == 0 and (1000 <= n % 100_000 <= 20_000 or n % 100_000 in (
            40_000, 60_000, 80_000))) or (n and n % 1_000_000 == 100_000):
        return "two"
    return "few" if tens in (3, 23, 43, 63, 83) else "many" if tens in (1, 21, 41, 61, 81) else "other"


def _filipino(n: int) -> str:
    return "one" if n in (1, 2, 3) or n % 10 not in (4, 6, 9) else "other"


def _tamazight(n: int) -> str:  # Central Atlas Tamazight
    return "one" if n in (0, 1) or 11 <= n <= 99 else "other"


def _tachelhit(n: int) -> str:
    return "one" if n in (0, 1) else "few" if 2 <= n <= 10 else "other"


def _samogitian(n: int) -> str:
    if n == 2:
        return "two"
    if 11 <= n % 100 <= 19 or n % 10 == 0:
        return "other"
    return "one" if n % 10 == 1 else "few"


# A language (lower-case BCP 47 tag, or its first part) -> its rule. CLDR's other languages, and any not here,
# take `one` for 1 and `other` for the rest (`_one`); legacy tags (iw, in, ji, mo, sh, tl) as browsers read them.
PLURAL: dict[str, Callable[[int], str]] = {
    **dict.fromkeys("bm bo dz hnj id ig ii in ja jbo jv jw kde kea km ko lkt lo ms my nqo osa sah ses sg su th "
                    "to tpi vi wo yo yue zh".split(), _none),
    **dict.fromkeys("ak am as bho bn csw doi fa ff guw gu hi hy kab kn kok ln mg nso pa pcm si ti wa zu".split(),
                    _zero_one),
    "fr": _million(_zero_one), "pt": _million(_zero_one),
    **dict.fromkeys("ca es it lld pt-pt scn vec".split(), _million(_one)),
    **dict.fromkeys("ru uk be".split(), _slavic),
    "pl": _polish,
    **dict.fromkeys("bs hr sr sh".split(), _balkan),
    **dict.fromkeys("cs sk".split(), _czech),
    **dict.fromkeys("is mk".split(), _ones),
    **dict.fromkeys("lv prg".split(), _latvian),
    "lt": _lithuanian,
    **dict.fromkeys("ro mo".split(), _romanian),
    **dict.fromkeys("sl dsb hsb".split(), _slovenian),
    **dict.fromkeys("he iw iu naq sat se sma smi smj smn sms".split(), _two),
    **dict.fromkeys("blo cv ksh lag".split(), _zero),
    **dict.fromkeys("ar ars".split(), _arabic),
    "cy": _welsh, "ga": _irish, "gd": _gaelic, "gv": _manx, "mt": _maltese, "br": _breton, "kw": _cornish,
    **dict.fromkeys("ceb fil tl".split(), _filipino),
    "tzm": _tamazight, "shi": _tachelhit, "sgs": _samogitian,
}


def plural_form(language: str, n: int) -> str:
    """CLDR's category of the whole number `n` in `language` (a BCP 47 tag: "pt-PT" by its own rule, "de-AT"
    by German's, any tag the table lacks by English's)."""
    return _rule(language)(abs(n))


def _rule(language: str) -> Callable[[int], str]:
    """The rule of a tag's most specific name the table has (languages.fallbacks), else English's."""
    return next((PLURAL[name] for name in fallbacks(language) if name in PLURAL), _one)


def forms_of(language: str) -> tuple[str, ...]:
    """The categories a count under 1,000 takes in `language`, in CLDR's order: those its words file needs
    (`many` of French, Spanish ... is a whole number of millions, and shows `other` when a file lacks it)."""
    rule = _rule(language)  # (read from the tag once, not for each count)
    seen = {rule(n) for n in range(1000)}
    return tuple(form for form in FORMS if form in seen)
