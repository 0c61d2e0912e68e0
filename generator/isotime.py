"""ISO 8601 times as crawlers, feeds and configs write them, read alike on every Python newsdesk supports.

Python 3.11's `datetime.fromisoformat` reads most of ISO 8601 (`Z`, `+0100`, any digits of a second, week
dates, the basic format); 3.10's reads only what `isoformat()` writes. So a time is first rewritten into
that one form here, and only that form reaches `fromisoformat`: the same text is the same moment, or the
same refusal, whichever Python runs the build.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, tzinfo

from generator.languages import ASCII_DIGITS, primary, subtags

_ISO = re.compile(r"""
    (?: (?P<year>[0-9]{4}) (?P<dash>-?) (?P<month>[0-9]{2}) (?P=dash) (?P<day>[0-9]{2})
      | (?P<wyear>[0-9]{4}) -? W (?P<week>[0-9]{2}) (?: -? (?P<weekday>[1-7]) )? )
    (?: [^0-9]   # T, or a space; Python takes any one character
        (?P<hour>[0-9]{2}) (?: :? (?P<minute>[0-9]{2})
                              (?: :? (?P<second>[0-9]{2}) (?: [.,] (?P<fraction>[0-9]*) )? )? )?
        \s*
        (?P<zone> [Zz] | (?P<sign>[+-]) (?P<zhour>[0-9]{2}) (?: :? (?P<zminute>[0-9]{2})
                  (?: :? (?P<zsecond>[0-9]{2}) (?: [.,] (?P<zfraction>[0-9]+) )? )? )? )?
    )?
""", re.VERBOSE | re.ASCII)


# No date is written in more characters than this (`Wednesday, 02 December 2026 10:00:00.123456789 +0100
# (Central European Standard Time)` is 88); a longer text is none. The patterns below that read dates in words
# take time that grows faster than a text's length (a crawler's or a feed's long "date": docs/dev/performance.md).
LONGEST_DATE = 200

OFFSET_RANGE = "the zone's offset must be less than 24 hours, its minutes in 0..59"  # (what a wrong offset is told)


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
        # (said as Python says an hour out of range: its own words for an offset name its types, `timedelta`)
        if int(part["zhour"]) > 23 or int(part["zminute"] or 0) > 59 or int(part["zsecond"] or 0) > 59:
            raise ValueError(OFFSET_RANGE)
        written += f"{part['sign']}{part['zhour']}:{part['zminute'] or '00'}"
        if part["zsecond"]:
            written += ":" + part["zsecond"]
            if part["zfraction"]:
                written += "." + part["zfraction"][:6].ljust(6, "0")
    return datetime.fromisoformat(written)


class Day(datetime):
    """A moment written as a day alone (`2026-12-07`, `7 dicembre 2026`): the start of that day in the site's
    time zone, which ranking, sorting and feeds take as any moment, and which pages show as the day, with no
    time of it made up. A datetime of its own type, so that it stays one through every value made of it
    (`astimezone`, `max`, a story's newest) without a flag beside each; caches of moments key them by type."""

    __slots__ = ()

    @classmethod
    def of(cls, moment: datetime) -> Day:
        return cls.combine(moment.date(), moment.timetz())


# A date in words or numbers that ends with its year (`07 Dec 2026`, as in_english writes other languages'; `Mon,
# 07 Dec 2026`, `December 7, 2026`), or gives the year first (`2026/12/07`): a day, with no time
_YEAR_LAST = re.compile(r"[^:]*[^0-9][0-9]{4}[^0-9:]*")
_YEAR_FIRST = re.compile(r"[0-9]{4}([/.])\s*[0-9]{1,2}\1\s*[0-9]{1,2}\.?")  # (Korean's `2026. 12. 7.` too)


# A time of a 12-hour clock, before or after noon as English (`10:00 PM`, `9:30 p.m.`, `6:15am`), Spanish (`p. m.`,
# as CLDR writes it), Arabic (`10:30 م`, `ص`, `مساءً`, `صباحاً`) and Persian (`ق.ظ`, `ب.ظ`) write it
_TWELVE_HOUR = re.compile(r"""
    (?<![0-9]) ([0-9]{1,2}) [:.] ([0-9]{2}(?::[0-9]{2})?) \s*
    (?: (?P<am>[Aa]\.?\s?[Mm]\.?|ص|صباح[اًٍ]*|ق\.?\s?ظ\.?) | (?P<pm>[Pp]\.?\s?[Mm]\.?|م|مساء[اًٍ]*|ب\.?\s?ظ\.?) )
    (?![^\W\d_])
""", re.VERBOSE)
_CLOCK_ALONE = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*")


def twenty_four_hour(text: str) -> str:
    """`text` with its 12-hour clock's time (`10:00 PM`, `오후 10:00`, `午後10時`) as a 24-hour clock writes it
    (`22:00`), which every reader of dates takes (feedparser took `10:00 PM` for 10:00); else as it is (an hour of
    0 or past 12 with AM or PM is no time: left so, which no reader takes)."""
    found = _TWELVE_HOUR.search(text)
    if found and 1 <= int(found[1]) <= 12:
        hour = int(found[1]) % 12 + (12 if found["pm"] else 0)
        text = f"{text[:found.start()]}{hour:02}:{found[2]}{text[found.end():]}"
    # (and a Chinese, Japanese or Korean time, after a date of numbers or alone: `2026-12-07 오후 3시 5분`)
    if (found := _CJK_TIME_IN.search(text)) and (clock := _cjk_clock(text[found.start():])) is not None:
        text = f"{text[:found.start()].rstrip()} {clock}".lstrip()
    return text


def clock_alone(text) -> time | None:
    """A time of day written alone, without a date or zone (`21:30`, `9:30 PM`, as live blogs and tickers date
    their entries), else None."""
    found = _CLOCK_ALONE.fullmatch(twenty_four_hour(text)) if isinstance(text, str) else None
    try:
        return time(int(found[1]), int(found[2]), int(found[3] or 0)) if found else None
    except ValueError:  # (`25:00`)
        return None


def day_alone(text: str, language: str = "") -> bool:
    """Whether a date as written gives the day alone, with no time (`2026-12-07`, `20261207`, `7 dicembre 2026`,
    `2026/12/07`); `language`: the site's, for another language's month names (in_english)."""
    text = in_ascii_digits(text.strip())
    if found := _ISO.fullmatch(text):
        return found["hour"] is None
    english = in_english(text, language)
    return bool(_YEAR_LAST.fullmatch(english) or _YEAR_FIRST.fullmatch(english))


# Month names of the languages whose feeds, sites and crawlers write dates in words: German, French, Spanish,
# Italian, Dutch, Portuguese, Catalan, Swedish, Danish, Norwegian, Finnish, Estonian, Polish, Czech, Slovak,
# Slovenian, Serbian (Latin and Cyrillic), Russian, Ukrainian, Bulgarian, Greek, Hungarian, Romanian, Turkish,
# Indonesian, Lithuanian, Latvian, Arabic (as Egypt and the Gulf name the months, and as Syria, Lebanon, Jordan,
# Palestine and Iraq do: `شباط`, `آذار`..., their two-word ones in _TWO_WORD_MONTHS) and Hebrew (`בדצמבר` too):
# full, declined (Polish `grudnia`, Czech `prosince`, Russian `декабря`, Greek `Δεκεμβρίου`, Finnish
# `joulukuuta`: the forms a date takes) and abbreviated, as written (each is compared as _folded makes it: lower
# case, without accents), Croatian and Persian (the Gregorian months' names, `دسامبر`). What a site's locale makes
# of RSS's `Wed, 02 Dec 2026` (`Mi, 02 Dez 2026`, `mer., 02 déc. 2026`, `ср, 02 дек. 2026`). No name here means one
# month in one language and another in another; the one that does, `listopad(a)`, is in _TWO_MONTHS.
_MONTH_NAMES = (
    "januar janner jan januari janvier janv enero ene gennaio gen janeiro gener "
    "tammikuu tammikuuta tammi tammik jaanuar styczeń stycznia sty leden ledna január januára "
    "январь января янв јануар януари січень січня січ Ιανουάριος Ιανουαρίου Ιαν "
    "ianuarie ian Ocak Oca يناير ינואר בינואר sausis sausio janvāris janvārī janvāra "
    "siječanj siječnja sij ژانویه",
    "februar feb februari fevrier fevr fev febrero febbraio fevereiro febrer "
    "helmikuu helmikuuta helmi helmik veebruar luty lutego lut únor února február februára febr "
    "февраль февраля фев февр фебруар февруари лютий лютого лют Φεβρουάριος Φεβρουαρίου Φεβ "
    "februarie Şubat Şub فبراير פברואר בפברואר vasaris vasario februāris februārī februāra "
    "veljača veljače velj فوریه شباط",
    "marz mar maerz mrz maart mrt mars marzo marco març marts maret "
    "maaliskuu maaliskuuta maalis maalisk märts marzec marca březen března marec marca mart "
    "март марта март березень березня бер Μάρτιος Μαρτίου Μαρ "
    "március márc martie مارس מרץ במרץ kovas kovo marts martā marta "
    "ožujak ožujka ožu آذار",
    "april apr avril avr abril abr aprile "
    "huhtikuu huhtikuuta huhti huhtik aprill kwiecień kwietnia kwi duben dubna apríl apríla "
    "апрель апреля април квітень квітня квіт кві Απρίλιος Απριλίου Απρ "
    "április aprilie Nisan Nis أبريل אפריל באפריל إبريل balandis balandžio aprīlis aprīlī aprīļa "
    "travanj travnja آوریل نيسان",
    "mai mei maj mayo may maggio mag maio maig "
    "toukokuu toukokuuta touko toukok maja květen května máj mája "
    "май мая мај травень травня трав тра Μάιος Μαΐου Μάι Μαΐ "
    "május Mayıs Mayis مايو מאי במאי gegužė gegužės maijs maijā maija "
    "svibanj svibnja svi مه أيار",
    "juni jun juin junio giugno giu junho juny "
    "kesäkuu kesäkuuta kesä kesäk juuni czerwiec czerwca cze červen června jún júna junij "
    "июнь июня июн јун юни червень червня черв чер Ιούνιος Ιουνίου Ιουν "
    "június iunie iun Haziran Haz يونيو יוני ביוני birželis birželio jūnijs jūnijā jūnija "
    "lipanj lipnja ژوئن حزيران",
    "juli jul juillet juil julio luglio lug julho juliol "
    "heinäkuu heinäkuuta heinä heinäk juuli lipiec lipca lip červenec července júl júla julij "
    "июль июля июл јул юли липень липня Ιούλιος Ιουλίου Ιουλ "
    "július iulie iul Temmuz Tem يوليو יולי ביולי liepa liepos jūlijs jūlijā jūlija "
    "srpanj srpnja srp ژوئیه ژوییه تموز",
    "august aug augustus augusti aout agosto ago agost agustus "
    "elokuu elokuuta elo elok sierpień sierpnia sie srpen srpna augusta avgust "
    "август августа авг серпень серпня серп сер Αύγουστος Αυγούστου Αυγ "
    "augusztus Ağustos Ağu أغسطس אוגוסט באוגוסט rugpjūtis rugpjūčio augusts augustā augusta "
    "kolovoz kolovoza kol اوت آگوست آب",
    "september sep sept septembre septiembre setiembre settembre set setembro setembre "
    "syyskuu syyskuuta syys syysk wrzesień września wrz září septembra septembar "
    "сентябрь сентября сен сент септембар септември вересень вересня вер Σεπτέμβριος Σεπτεμβρίου Σεπ Σεπτ "
    "szeptember szept septembrie Eylül Eyl سبتمبر ספטמבר בספטמבר rugsėjis rugsėjo septembris septembrī septembra "
    "rujan rujna ruj سپتامبر أيلول",
    "oktober okt oct octobre octubre ottobre ott outubro out octubre "
    "lokakuu lokakuuta loka lokak oktoober październik października paź říjen října október októbra oktobar "
    "октябрь октября окт октобар октомври жовтень жовтня жовт жов Οκτώβριος Οκτωβρίου Οκτ "
    "október octombrie Ekim Eki أكتوبر אוקטובר באוקטובר spalis spalio oktobris oktobrī oktobra "
    "اکتبر",
    "november nov novembre noviembre novembro "
    "marraskuu marraskuuta marras marrask listopad listopada lis listopadu novembra novembar "
    "ноябрь ноября ноя нояб новембар ноември листопада лист Νοέμβριος Νοεμβρίου Νοε Νοέ "
    "noiembrie noi Kasım Kasim Kas نوفمبر נובמבר בנובמבר lapkritis lapkričio novembris novembrī novembra "
    "studeni studenoga studenog stu نوامبر",
    "dezember dez december dec decembre diciembre dic dicembre dezembro desember des desembre "
    "joulukuu joulukuuta joulu jouluk detsember grudzień grudnia gru prosinec prosince decembra decembar "
    "декабрь декабря дек децембар декември грудень грудня груд Δεκέμβριος Δεκεμβρίου Δεκ "
    "decembrie Aralık Aralik Ara ديسمبر דצמבר בדצמבר gruodis gruodžio decembris decembrī decembra "
    "prosinac prosinca pro دسامبر",
)


# The Gregorian months as India's languages name them: Hindi (both spellings: `दिसंबर`, `दिसम्बर`), Marathi,
# Bengali, Gujarati, Punjabi, Odia, Tamil, Telugu, Kannada, Malayalam and Urdu. (A nukta and a virama are
# combining marks that _folded drops: `फ़रवरी` is `फरवरी` here, as many sites write it.)
_INDIAN_MONTH_NAMES = (
    "जनवरी जानेवारी জানুয়ারি জানুয়ারী જાન્યુઆરી ਜਨਵਰੀ ଜାନୁଆରୀ ஜனவரி జనవరి ಜನವರಿ ജനുവരി جنوری",
    "फ़रवरी फेब्रुवारी ফেব্রুয়ারি ফেব্রুয়ারী ફેબ્રુઆરી ਫ਼ਰਵਰੀ ଫେବୃଆରୀ பிப்ரவரி ఫిబ్రవరి ಫೆಬ್ರವರಿ ഫെബ്രുവരി فروری",
    "मार्च মার্চ માર્ચ ਮਾਰਚ ମାର୍ଚ୍ଚ மார்ச் మార్చి ಮಾರ್ಚ್ മാർച്ച് مارچ",
    "अप्रैल अप्रेल एप्रिल এপ্রিল એપ્રિલ ਅਪ੍ਰੈਲ ଅପ୍ରେଲ ஏப்ரல் ఏప్రిల్ ಏಪ್ರಿಲ್ ഏപ്രിൽ اپریل",
    "मई मे মে મે ਮਈ ମଇ மே మే ಮೇ മേയ് مئی",
    "जून জুন જૂન ਜੂਨ ଜୁନ ஜூன் జూన్ ಜೂನ್ ജൂൺ جون",
    "जुलाई जुलै জুলাই જુલાઈ ਜੁਲਾਈ ଜୁଲାଇ ஜூலை జులై జూలై ಜುಲೈ ജൂലൈ جولائی",
    "अगस्त ऑगस्ट আগস্ট ઑગસ્ટ ਅਗਸਤ ଅଗଷ୍ଟ ஆகஸ்ட் ఆగస్టు ಆಗಸ್ಟ್ ഓഗസ്റ്റ് اگست",
    "सितंबर सितम्बर सप्टेंबर সেপ্টেম্বর સપ્ટેમ્બર ਸਤੰਬਰ ସେପ୍ଟେମ୍ବର செப்டம்பர் సెప్టెంబర్ ಸೆಪ್ಟೆಂಬರ್ സെപ്റ്റംബർ ستمبر",
    "अक्टूबर अक्तूबर ऑक्टोबर অক্টোবর ઑક્ટોબર ਅਕਤੂਬਰ ଅକ୍ଟୋବର அக்டோபர் అక్టోబర్ ಅಕ್ಟೋಬರ್ ഒക്ടോബർ اکتوبر",
    "नवंबर नवम्बर नोव्हेंबर নভেম্বর નવેમ્બર ਨਵੰਬਰ ନଭେମ୍ବର நவம்பர் నవంబర్ ನವೆಂಬರ್ നവംബർ نومبر",
    "दिसंबर दिसम्बर डिसेंबर ডিসেম্বর ડિસેમ્બર ਦਸੰਬਰ ଡିସେମ୍ବର டிசம்பர் డిసెంబర్ ಡಿಸೆಂಬರ್ ഡിസംബർ دسمبر",
)


# A name of two months: `listopad(a)` is November in Polish and Czech, October in Croatian. It is October when
# the site's `language` is Croatian (or Bosnian), or when the date writes its year with a dot after it, as only
# Croatian does (`3. listopada 2026.`); else November, with a warning (ambiguous_month) but on a Polish, Czech
# or Slovak site. name -> (the month in Polish and Czech, in Croatian)
_TWO_MONTHS = {"listopad": (11, 10), "listopada": (11, 10)}
_CROATIAN = ("hr", "bs")
_NOVEMBER_LANGUAGES = ("pl", "cs", "sk")
# The months of the Solar Hijri calendar (Iran's and Afghanistan's): its dates are not the Gregorian calendar's,
# and a month's name gives no day of that one without the conversion, which newsdesk does not make. A date
# written with one is refused (checked) rather than read as a Gregorian date it is not.
_SOLAR_HIJRI_NAMES = (
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند "  # (Persian)
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت "  # (Dari)
    "farvardin ordibehesht khordad tir mordad shahrivar mehr aban azar dey bahman esfand")


# The Levant's and Iraq's months of two words (`كانون الثاني`, January), as the Egyptian names they are, for the
# patterns below, which read a month of one word
_TWO_WORD_MONTHS = re.compile(r"(كانون|تشرين)\s+(?:ال)?(أول|اول|ثاني)(?!\w)")
_OF_TWO_WORDS = {("كانون", "ثاني"): "يناير", ("تشرين", "أول"): "أكتوبر", ("تشرين", "اول"): "أكتوبر",
                 ("تشرين", "ثاني"): "نوفمبر", ("كانون", "أول"): "ديسمبر", ("كانون", "اول"): "ديسمبر"}


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, names in enumerate(zip(_MONTH_NAMES, _INDIAN_MONTH_NAMES), 1):
        for name in " ".join(names).split():
            folded = _folded(name)
            if table.setdefault(folded, number) != number:  # (a name of two months would be no date at all)
                raise ValueError(f"month name {name!r} is two months")
    return table


# A word's letters and the combining marks on them (`[^\W\d_]` alone takes no vowel sign or virama: `दिसंबर` is
# three words to it), for the weekday and the month of _WORDED. (Every such mark of a script written with
# spaces is in U+0300-U+1FFF.)
_MARKS = "".join(chr(point) for point in range(0x0300, 0x2000) if unicodedata.category(chr(point))[0] == "M")
_LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
_ENGLISH = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# `[weekday[.],] day[.] [de|d'] month[.] [de|del|,] year [r.|г.|года|р.|року|م] rest`, as RSS and the languages
# above write a date in words (`2 de diciembre de 2026`, `1 d'octubre de 2026`, `12 grudnia 2025 r.`, `3 декабря 2025
# г.`, Arabic's `2 ديسمبر، 2026م`, its comma and the year's "of the Christian era")
_WORDED = re.compile(rf"""
    \s* (?: {_LETTER}{{2,12}} \.? (?:\s*[,،]\s*|\s+) )?           # a weekday, in any language: not needed
    (?P<day>[0-9]{{1,2}}) \.? \s+ (?:de\s+|d['’])?
    (?P<month>{_LETTER}{{2,12}}) \.? [,،]? \s+ (?:del?\s+)?
    (?P<year>[0-9]{{4}}) (?: \s* (?:r\.|roku|г\.|года|р\.|року|م) (?!\w) | \b (?P<yeardot>\.)? ) (?P<rest>.*)
""", re.VERBOSE | re.DOTALL)
# The year first, as Hungarian and Lithuanian write a date in words (`2025. december 12.`, `2025. dec. 12., 10:00`,
# `2025 m. gruodžio 12 d.`), and as Latvian does, the day before the month (`2025. gada 12. decembrī`)
_YEAR_WORDED = re.compile(r"""
    \s* (?P<year>[0-9]{4}) (?: \. | \s* m\. ) \s* (?P<month>[^\W\d_]{3,12}) \.? \s+ (?P<day>[0-9]{1,2})
    (?: \. | \s* d\. ) (?P<rest>.*)
""", re.VERBOSE | re.DOTALL)
_YEAR_DAY_WORDED = re.compile(r"""
    \s* (?P<year>[0-9]{4}) \. \s* gada \s+ (?P<day>[0-9]{1,2}) \. \s* (?P<month>[^\W\d_]{3,12}) \.? (?P<rest>.*)
""", re.VERBOSE | re.DOTALL)
# The year, month and day as numbers with their words, as Chinese, Japanese and Korean write a date
# (`2025年12月3日 10:00`, `2025년 12월 3일`), and Japan's years of an era (`令和7年12月3日`: 2025; `令和元年`, its first)
_CJK = re.compile(r"""
    \s* (?: (?P<year>[0-9]{4}) | (?P<era>明治|大正|昭和|平成|令和) \s* (?P<era_year>[0-9]{1,2}|元) ) \s* [年년]
    \s* (?P<month>[0-9]{1,2}) \s* [月월] \s* (?P<day>[0-9]{1,2}) \s* [日일]
    (?: \s* [(（] [^)）]{1,4} [)）] )? (?P<rest>.*)                  # (a weekday in brackets: not needed)
""", re.VERBOSE | re.DOTALL)
_ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}  # the year before each era's first
# A time as Chinese, Japanese and Korean write one after such a date: the hour's and the minute's words (`9時30分`,
# `15时30分`, `3点`, `3시 30분`; `9時半`, half past), or a clock's digits after the morning's or the afternoon's word
# (`午後3:30`, `오전 9:30`), which also stands before the hour's word (`午前9時`, `下午3点`, `오후 3시`)
_CJK_TIME = re.compile(r"""
    (?: (?P<half>午前|午後|上午|下午|오전|오후) \s* )?
    (?P<hour>[0-9]{1,2}) \s*
    (?: [時时點点시] (?: \s* (?: (?P<half_hour>半) | (?P<minute>[0-9]{1,2}) \s* [分분]
                                 (?: \s* (?P<second>[0-9]{1,2}) \s* [秒초] )? ) )?
      | (?(half) : (?P<clock_minute>[0-9]{2}) (?: : (?P<clock_second>[0-9]{2}) )? | (?!)) )
""", re.VERBOSE)
_CJK_TIME_IN = re.compile(r"(?<![0-9])" + _CJK_TIME.pattern, re.VERBOSE)


# The day, the month's number after `tháng` ("month") and the year, as Vietnamese writes a date (`3 tháng 12 năm
# 2026`, `Thứ Tư, 03 tháng 12, 2026 10:00`, `ngày 3 tháng 12 năm 2026 lúc 10:00`)
_VIETNAMESE = re.compile(r"""
    \s* (?: [^\W\d_]+ (?:\s+[^\W\d_]+)? \s*,\s* )? (?: ngày \s+ )?
    (?P<day>[0-9]{1,2}) \s+ th(?:áng|g)\.? \s* (?P<month>[0-9]{1,2}) (?: \s*,\s* | \s+ năm \s+ | \s+ )
    (?P<year>[0-9]{4}) \b (?P<rest>.*)
""", re.VERBOSE | re.DOTALL | re.IGNORECASE)


# The day, month and year as numbers with slashes (or dashes) between them, as Vietnamese, Spanish, French, British,
# Dutch or Turkish writers give a date (`03/12/2026`, `Thứ Tư, 3/12/2026, 10:00 (GMT+7)`, `Thứ tư, 03/12/2026 -
# 10:00`, `03-12-2026`): read so after a Vietnamese weekday or `ngày` ("day"), with slashes, or on a site whose
# `language` writes the day first (writes_day_first); else `11/12/2026` stays no date, as which number is the month
# depends on who wrote it
_DAY_FIRST_NUMBERS = re.compile(r"""
    \s* (?P<vietnamese> (?: th[ứu] \s* (?:hai|ba|t[ưu]|n[ăa]m|s[áa]u|b[ảa]y|[2-7]) | ch[ủu] \s* nh[ậa]t | cn | t[2-7] )
                        \s* (?:[,\-–] \s*)? (?: ngày \s+ )? | ngày \s+ )?
    (?P<day>[0-9]{1,2}) (?P<separator>[/-]) (?P<month>[0-9]{1,2}) (?P=separator) (?P<year>[0-9]{4}) \b (?P<rest>.*)
""", re.VERBOSE | re.DOTALL | re.IGNORECASE)


# Which writers put the day first in a date of numbers (`05/12/2026`, `05-12-2026`, `05.12.2026`: 5 December), as
# CLDR's short date pattern orders it (d/M/y, d-M-y or d.M.y, in the Gregorian calendar; node's
# `Intl.DateTimeFormat(tag, {dateStyle: "short"})`): the languages that do, and the regions and scripts whose
# writers do otherwise than their language's. tag (lower case) -> True, or False (not so). Whatever separator their
# date has: a writer who puts the day first with dots (`de`, `tr`, `ru`) does with slashes too, and none of theirs
# puts the month first. A language not here writes the month first (`en`, `en-US`: 12 May) or the year first (`ja`,
# `hu`, `sv`), or CLDR has no dates of it: its order is not guessed (a day of 13 or more is no proof: the writer
# may have slipped).
_DAY_FIRST = {
    **dict.fromkeys("ak am ar bm bn br ca cy el es ff fr ga gd gl gu ha hi id ig it ki km kn ky lg ln lo lu ml mr "
                    "ms mt my nd pa pt qu rn sa sc sg so su sw ta tg th to ur uz vi yi yo "  # (d/M/y)
                    "as fy ia jv mi nl rm te wo "  # (d-M-y)
                    "az ba be bg bs cs da de et fi fo he hr hy ie is ka kk ku lb lv mk nb nn no os pl ro ru sh sk sl "
                    "sq sr tk tr tt uk".split(), True),  # (d.M.y)
    **dict.fromkeys((f"en-{region}" for region in (
        "001 150 ae ag ai at au bb be bm bs bw bz cc ck cm cx cy cz de dg dk dm ee er es fi fj fk fm fr gb gd ge gg "
        "gh gi gm gs gy hk hu id ie il im in io it je jm ke ki kn ky lc lr ls lt lv mg mo ms mt mu mw my na nf ng "
        "nl no nr nu nz pg pk pl pn pt pw ro rw sb sc sd sg sh si sk sl ss sx sz tc tk to tt tv tz ua ug vc vg vu ws "
        "zm zw").split()), True),
    **dict.fromkeys("zh-hk zh-mo zh-sg".split(), True),
    **dict.fromkeys("es-pa es-pr fr-ca uz-af uz-arab".split(), False),  # (M/d/y, y-M-d)
}


def writes_day_first(language: str) -> bool:
    """Whether writers of `language` (a site's, a BCP 47 tag: `es`, `en-GB`, `pt_BR`) put the day first in a date of
    numbers (_DAY_FIRST): its region's entry, else its script's, else its language's."""
    language, script, region = subtags(language)
    region = region.lower()
    return _DAY_FIRST.get(f"{language}-{region}", _DAY_FIRST.get(f"{language}-{script}", _DAY_FIRST.get(language,
                                                                                                       False)))


# Which writers put the month first in a date of numbers with slashes (`12/03/2026`: 3 December), as CLDR's short
# date pattern has it (M/d/y): regions' and languages' tags (lower case). Not `en` alone, though CLDR's `en` is
# American: English is written day first the world over too (en-GB, en-IN, en-AU...), so `en` says nothing of it.
_MONTH_FIRST = frozenset("en-as en-gu en-mh en-mp en-pr en-um en-us en-vi en-ph es-pa es-pr fil chr ee ks om or "
                         "sd-in ti xh zu".split())
# A date of numbers with slashes, the month first, the year last; what follows it (a time, a zone) as it is
_MONTH_FIRST_NUMBERS = re.compile(r"\s*(?P<month>[0-9]{1,2})/(?P<day>[0-9]{1,2})/(?P<year>[0-9]{4})\b(?P<rest>.*)",
                                  re.DOTALL)


def month_first(language: str) -> bool:
    """Whether writers of `language` (a BCP 47 tag: `en-US`, `fil`) put the month first in a date of numbers with
    slashes (_MONTH_FIRST): its region's entry, else its language's."""
    language, _, region = subtags(language)
    return f"{language}-{region.lower()}" in _MONTH_FIRST or language in _MONTH_FIRST


def day_first(text: str, language: str) -> str:
    """A date of numbers that writers of `language` write the month first (month_first: `12/03/2026 10:00` in
    en-US), written day first with dots, as every language's date is read (`03.12.2026 10:00`, 3 December); any
    other text as it is, and so one whose month is none (`25/12/2026`: the order contradicts it, so the writer may
    put the day first after all; it stays no date, not read the other way round)."""
    found = _MONTH_FIRST_NUMBERS.fullmatch(text) if month_first(language) else None
    if not found or not 1 <= int(found["month"]) <= 12:
        return text
    return f"{found['day']}.{found['month']}.{found['year']}{found['rest']}"


# The day, month and year as numbers with dots between them, as German, Dutch, Scandinavian, Polish, Czech and
# Russian writers give a date (`20.11.2026`, `5.1.2026, 10:00 Uhr`): always in that order (no one writes the
# month first with dots), unlike `11/12/2026`, which stays no date
_DOTTED = re.compile(r"""
    \s* (?: [^\W\d_]{2,12} \.? (?:\s*,\s*|\s+) )?
    (?P<day>[0-9]{1,2}) \. \s? (?P<month>[0-9]{1,2}) \. \s? (?P<year>[0-9]{4}) \b
    (?: \s* (?:r\.|roku|г\.|года|р\.|року) (?!\w) )? (?P<rest>.*)       # (the year's word: `7.12.2026 r.`)
""", re.VERBOSE | re.DOTALL)
# What such a date puts between the day and the time (`um 10:00`, `à 10h00`), and after the time (`Uhr`): a weekday
# too, in any language, when only a time or nothing follows it (`7 Aralık 2026 Pazartesi 09:30`, as Turkish sites
# write a date, `7 декабря 2026, понедельник, 09:30`, `7 grudnia 2026 (poniedziałek)`), in capitals too (`7 KASIM
# 2026 CUMA 09:30`, `7. November 2026 MONTAG`), but not where it may be a zone's name: a word of two to five ASCII
# capitals with no time after it (`3 December 2026 GMT`; no zone's name comes before the time)
_WEEKDAY = r"\(?[^\W\d_]{2,12}\)?\.?"
_BEFORE_TIME = re.compile(rf"^(?:,\s*|[-–]\s+)?(?:{_WEEKDAY}(?:\s*,\s*|\s+)(?=[^\W_]*\s*[0-9])"
                          rf"|(?-i:(?!\(?[A-Z]{{2,5}}\)?\.?\s*$)){_WEEKDAY}\s*$)?"
                          r"(?:(?:um|à|a\s+las|a\s+les|alle(?:\s+ore)?|ore|om|às|kl\.?|klo|kello|o\s+godz\.?|"
                          r"godz\.?|o|v|ve|u|в|о|στις|saat|ora|la|plkst\.?|lúc|ساعت|الساعة|בשעה)\s+)?", re.IGNORECASE)
# A time as the languages above write one, as RFC 2822 does (`10:00`): `10h00`, `10 h 00` and `10h` (French,
# Portuguese), `10.00 Uhr` and `10 Uhr` (German), `10.00 uur` (Dutch), `10.00` (Finnish, Danish, Italian),
# `10:00 hod.` (Czech), `10 sati` (Croatian), `10 giờ` (Vietnamese), `10 óra` (Hungarian), `10:00 hs` and
# `10:00 hrs.` (Latin America's Spanish)
_WORDED_TIME = re.compile(r"""
    (?P<hour>[0-9]{1,2})
    (?: \s? [hH:.] \s? (?P<minute>[0-9]{2}) (?: [:.] (?P<second>[0-9]{2}) )? (?![0-9.:])
      | (?= \s? [hH] (?![^\W\d_]) | \s+ (?:Uhr|uur|óra|sati|giờ) (?![^\W\d_]) ) )
    (?: \s* (?:Uhr|uur|óra|sati|giờ|hod\.|hr?s\.?|h) (?![^\W\d_]) )?
""", re.VERBOSE | re.IGNORECASE)
# A time before the date, as Italian sites write one (`ore 10:00 del 3 dicembre 2026`, `10:00, 3 dicembre 2026`,
# `alle 10.00 - 03.12.2026`): read as the same date with the time after it, when nothing follows the date
_TIME_FIRST = re.compile(r"""
    \s* (?: (?:alle\s+)?ore\s+ | alle\s+ )? (?P<time>[0-9]{1,2}[:.][0-9]{2}) (?![0-9])
    (?: \s*[,|\-–—]\s* | \s+(?:del|di|il)\s+ | \s+ ) (?P<date>.*\S) \s*
""", re.VERBOSE | re.DOTALL | re.IGNORECASE)


def in_ascii_digits(text: str) -> str:
    """A date written in another script's digits (`٣ ديسمبر ٢٠٢٥`, `۲۰۲۶-۱۲-۰۵`, `२०२६-१२-०५`) in ASCII's."""
    return text if text.isascii() else text.translate(ASCII_DIGITS)


def _as_clock(rest: str) -> str:
    """`rest` with the time it starts with written as RFC 2822 writes one (`10h00 +0100` is `10:00 +0100`)."""
    found = _WORDED_TIME.match(rest)
    if not found:
        return rest
    clock = f"{int(found['hour']):02}:{found['minute'] or '00'}" + (f":{found['second']}" if found["second"] else "")
    return (clock + " " + rest[found.end():].strip()).strip()


def in_english(text: str, language: str = "") -> str:
    """A date written with another language's month (and weekday) names, as RSS writes one in English:
    `Mi, 02 Dez 2026 10:00:00 +0100` and `mer., 2 déc. 2026 10:00:00 +0100` are `02 Dec 2026 10:00:00
    +0100`, `2. Dezember 2026`, `2 de diciembre de 2026`, `2 grudnia 2026 r.`, `2 декабря 2026 г.`, `2025.
    december 2.` (_YEAR_WORDED) and `2026年12月2日` (_CJK) are `02 Dec 2026`, and so is `2.12.2026` (_DOTTED);
    any other text as it is. `language`: the site's (a name of two months is read as its language means it:
    _TWO_MONTHS)."""
    written = text
    found = _found(text, language)
    if not found:
        return written
    month = _month_of(found, language)
    if not month or month > 12:
        return written
    # ("um 10:00 Uhr", "10:00 Uhr MEZ": the zone's offset first, for the word before it to go too)
    rest = found["rest"].strip()
    if found.re is _CJK and (rest := _cjk_clock(rest)) is None:
        return written
    rest = _as_clock(with_offset(_BEFORE_TIME.sub("", rest)))
    year = _year_of(found)
    if year is None:
        return written
    rest = twenty_four_hour(rest)
    return f"{int(found['day']):02} {_ENGLISH[month - 1]} {year}" + (f" {rest}" if rest else "")


def _year_of(found: re.Match) -> str | None:
    """The year a date's match names, in four digits (an era's year counted from its first: _ERAS); None for an
    era's year that is none (`令和0年`)."""
    era = found.groupdict().get("era")
    if not era:
        return found["year"]
    number = 1 if found["era_year"] == "元" else int(found["era_year"])
    return str(_ERAS[era] + number) if number else None


def _cjk_clock(rest: str) -> str | None:
    """`rest` with the Chinese, Japanese or Korean time it starts with (_CJK_TIME) written as a clock's (`午後9時30分`
    is `21:30`); as it is when it starts with none; None for a time of no such hour (`午後13時`)."""
    found = _CJK_TIME.match(rest)
    if not found:
        return rest
    hour = int(found["hour"])
    minute = 30 if found["half_hour"] else int(found["minute"] or found["clock_minute"] or 0)
    second = found["second"] or found["clock_second"]
    if found["half"]:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if found["half"] in ("午後", "下午", "오후") else 0)
    clock = f"{hour:02}:{minute:02}" + (f":{int(second):02}" if second else "")
    return (clock + " " + rest[found.end():].strip()).strip()


def _found(text: str, language: str = "") -> re.Match | None:
    """The date in words that `text` is, as one of the patterns above reads it; None when it is none.
    `language`: the site's (a Spanish or Vietnamese site's `3/12/2026` is a date)."""
    if len(text) > LONGEST_DATE:
        return None
    text = in_ascii_digits(text)
    if not text.isascii():
        # (Vietnamese `tháng` written with a combining accent; full-width digits, `：` and the ideographic space,
        # as Chinese, Japanese and Korean sites write a date: `２０２６年１１月７日　９：３０`)
        text = unicodedata.normalize("NFKC", text)
        if "كانون" in text or "تشرين" in text:
            text = _TWO_WORD_MONTHS.sub(lambda m: _OF_TWO_WORDS[m[1], m[2]], text)
    found = _in_words(text, language)
    if found is None and (first := _TIME_FIRST.fullmatch(text)):
        date = _in_words(first["date"], language)
        if date is not None and not date["rest"].strip():
            found = _in_words(f"{first['date']} {first['time']}", language)
    return found


def _in_words(text: str, language: str) -> re.Match | None:
    found = (_WORDED.fullmatch(text) or _DOTTED.fullmatch(text) or _YEAR_DAY_WORDED.fullmatch(text)
             or _YEAR_WORDED.fullmatch(text) or _CJK.fullmatch(text) or _VIETNAMESE.fullmatch(text))
    if found is None and (numbers := _DAY_FIRST_NUMBERS.fullmatch(text)):
        vietnamese = numbers["vietnamese"] and numbers["separator"] == "/"
        found = numbers if vietnamese or writes_day_first(language) else None
    return found


def _month_of(found: re.Match, language: str) -> int | None:
    if found["month"].isdigit():
        return int(found["month"])
    name = _folded(found["month"])
    if name in _TWO_MONTHS:
        croatian = primary(language) in _CROATIAN or bool(found.groupdict().get("yeardot"))
        return _TWO_MONTHS[name][croatian]
    return _MONTH.get(name)


def ambiguous_month(text: str, language: str = "") -> str | None:
    """What to say of a date whose month is named by a name of two months (_TWO_MONTHS) that neither the site's
    `language` nor the date's form decides; None for any other date."""
    found = _found(text)
    if not found or found["month"].isdigit() or _folded(found["month"]) not in _TWO_MONTHS:
        return None
    if found.groupdict().get("yeardot") or primary(language) in _CROATIAN + _NOVEMBER_LANGUAGES:
        return None
    return (f"names its month `{found['month']}`, which is November in Polish and Czech and October in Croatian; "
            "it is read as November")


class Refused(ValueError):
    """A date that is refused for a reason its writer should hear (not merely "no date"): `hint` says what to
    write instead."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def checked(text: str) -> str:
    """A date as the readers here and in the model take it (zones_checked); Refused when it cannot be read
    right: written in the Solar Hijri calendar (`12 آذر 1405`), or naming two time zones that disagree. Its digits
    are ASCII's (in_ascii_digits), as the readers after it read them."""
    text = in_ascii_digits(text)
    if _ISO.fullmatch(text.strip()):  # (most dates: one zone at most, in digits)
        return text.strip()
    found = _found(text)
    if found and not found["month"].isdigit() and _folded(found["month"]) in _SOLAR_HIJRI:
        raise Refused(f"is a date of the Solar Hijri (Persian) calendar (`{found['month']}`), which is not read "
                      "(its months are not the Gregorian calendar's)",
                      "write the date in the Gregorian calendar, as 2026-11-22T08:00:00Z")
    return zones_checked(text)


_CLOCK = re.compile(r"[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?")
_HOURS_ONLY = re.compile(r"(\s[+-][0-9]{2})\Z")


def parse_rfc2822(text: str) -> datetime:
    """An RFC 2822 date (`Wed, 02 Dec 2026 10:00:00 +0100`) as email.utils reads it, but where that reads a
    wrong moment without a word, not so: a zone of hours alone (`+01`), which it reads as minutes, is hours,
    and a zone it does not know (`GMT+5`, `EST5EDT`, `Uhr +0100`), which it drops, is a ValueError. Naive when
    the date gives no zone (or `-0000`, "local zone unknown"); ValueError (or TypeError) when it is no date."""
    from email.utils import parsedate_to_datetime

    text = _HOURS_ONLY.sub(r"\g<1>00", text.strip())
    moment = parsedate_to_datetime(text)
    last = text.split()[-1]
    if moment.tzinfo is None and last != "-0000" and not _CLOCK.fullmatch(last):
        raise ValueError(f"the time zone {last!r} is none RFC 2822 knows")
    return moment


# Time zones by the names that feeds and sites write after a time, each of which names one offset: RFC 2822
# knows only North America's and GMT, and feedparser reads any other as UTC (an hour or two off for every
# European feed that writes `CET`).
_ZONES = {name: offset for offset, names in (
    ("+0000", "WET"), ("+0100", "CET MEZ WEST WAT"), ("+0200", "CEST MESZ EET CAT SAST"),
    ("+0300", "EEST MSK EAT TRT"), ("+0330", "IRST"), ("+0400", "AZT"), ("+0430", "AFT"), ("+0500", "PKT"),
    ("+0530", "SLST"),
    ("+0545", "NPT"), ("+0630", "MMT"), ("+0700", "ICT WIB"), ("+0800", "HKT SGT AWST PHT WITA"),
    ("+0845", "ACWST"), ("+0900", "JST KST WIT"), ("+0930", "ACST"), ("+1000", "AEST"), ("+1030", "ACDT LHST"),
    ("+1100", "AEDT LHDT"), ("+1200", "NZST"), ("+1245", "CHAST"), ("+1300", "NZDT"), ("+1345", "CHADT"),
    ("-0930", "MART"), ("-1000", "HST"),
    ("-0900", "AKST"), ("-0800", "AKDT PST"), ("-0700", "PDT MST"), ("-0600", "MDT"), ("-0500", "EST"),
    ("-0400", "EDT"), ("-0300", "ADT BRT ART"), ("-0330", "NST"), ("-0230", "NDT")) for name in names.split()}
# Names that name more than one zone: each is read as the zone English-language news most often means by it
# (RFC 2822's for `CST` and `CDT`), and the item's reader warns that it was a guess (ambiguous_zone), unless
# the site's own time zone goes by that name then (a site in Dublin reads `IST` as Irish time). Leaving
# the date out lost the story for a name its reader could tell at a glance. name -> (offset, which zone that
# is, what else the name means)
AMBIGUOUS_ZONES = {
    "IST": ("+0530", "India Standard Time", "Irish Standard Time (+01:00) or Israel Standard Time (+02:00)"),
    "BST": ("+0100", "British Summer Time", "Bangladesh Standard Time (+06:00)"),
    "CST": ("-0600", "North American Central Standard Time",
            "China Standard Time (+08:00) or Cuba Standard Time (-05:00)"),
    "CDT": ("-0500", "North American Central Daylight Time", "Cuba Daylight Time (-04:00)"),
    "AST": ("-0400", "Atlantic Standard Time", "Arabia Standard Time (+03:00)"),
    "GST": ("+0400", "Gulf Standard Time", "South Georgia Time (-02:00)"),
    "SST": ("-1100", "Samoa Standard Time", "Singapore Standard Time (+08:00)"),
}
_OFFSETS = {**_ZONES, **{name: offset for name, (offset, _, _) in AMBIGUOUS_ZONES.items()}}
_ZONE_NAME = re.compile(r"(?<![A-Za-z])(" + "|".join(_OFFSETS) + r")\s*\Z", re.IGNORECASE)


# A date's zone written twice (an offset and a name: `+0100 CET`, `GMT+0100 (Central European Standard Time)`, as
# JavaScript's Date writes it, `+0100 (CET)`, as mail programs do) or a name in brackets alone (`10:00 (CET)`)
_ZONE_WORD = r"(?:(?i:GMT|UTC|UT)\s*)?[+-][0-9]{1,2}(?::?[0-9]{2})?(?![0-9])|(?<![A-Za-z])[A-Za-z]{1,5}(?![A-Za-z])"
_ZONES_AFTER_TIME = re.compile(rf"""
    [0-9]{{1,2}} [:.] [0-9]{{2}} (?: [:.] [0-9]{{2}} (?: [.,] [0-9]+ )? )? (?: \s* [AaPp]\.?[Mm]\.? )?
    \s* (?P<first> {_ZONE_WORD} ) (?: \s* (?P<second> {_ZONE_WORD} ) )? \s* \Z
""", re.VERBOSE)
_BRACKETED = re.compile(r"\s*\((?P<name>[^()]{1,64})\)\s*\Z")
_OFFSET = re.compile(r"(?:(?:GMT|UTC|UT)\s*)?(?P<sign>[+-])(?P<hours>[0-9]{1,2})(?::?(?P<minutes>[0-9]{2}))?",
                     re.IGNORECASE)


def _offsets_of(zone: str) -> tuple[str, ...]:
    """The offsets (`+0100`) a zone as a date writes it may mean: one for an offset, a name of _ZONES, `Z`, `UTC`,
    `GMT` or `UT`, each of its zones' for a name of AMBIGUOUS_ZONES; none for any other word."""
    if found := _OFFSET.fullmatch(zone):
        return (f"{found['sign']}{int(found['hours']):02}{found['minutes'] or '00'}",)
    name = zone.upper()
    if name in ("Z", "UTC", "GMT", "UT"):
        return ("+0000",)
    if name in AMBIGUOUS_ZONES:
        offset, _, other = AMBIGUOUS_ZONES[name]
        return (offset, *(sign + hours + minutes for sign, hours, minutes in
                          re.findall(r"\(([+-])([0-9]{2}):([0-9]{2})\)", other)))
    return (_ZONES[name],) if name in _ZONES else ()


def zones_checked(text: str) -> str:
    """A date whose zone is written twice (`+0100 CET`, `+0100 (CET)`, `GMT+0100 (Central European Standard
    Time)`) with its offset alone, when the two agree (a name of several zones agrees with the offset of any
    of them; a bracketed name newsdesk does not know is a comment, as RFC 5322 reads brackets), and one that
    names its zone in brackets alone (`10:00 (CET)`) with that name; any other date as it is. Refused when the
    two disagree (`+0100 +0500`, `+0100 (EST)`: which one is right, no reader can tell), and when the brackets
    are all the zone a date has and name none newsdesk knows (`10:00 (Mitteleuropäische Zeit)`)."""
    text = text.strip()
    if len(text) > LONGEST_DATE or not text or not (text[-1] == ")" or text[-1].isalpha() or text[-1].isdigit()):
        return text
    bracket = _BRACKETED.search(text)
    comment = bracket["name"].strip() if bracket else ""
    if bracket:
        text = text[:bracket.start()]
    found = _ZONES_AFTER_TIME.search(text)
    zones = [(found[part], _offsets_of(found[part]), found.start(part)) for part in ("first", "second")
             if found and found[part] and _offsets_of(found[part])]
    if comment and _offsets_of(comment):
        zones.append((f"({comment})", _offsets_of(comment), None))
    elif comment and not zones and not day_alone(text):  # (after a day alone, a weekday: no time to zone)
        raise Refused(f"ends with `({comment})`, which is no time zone newsdesk knows",
                      "write the zone's offset instead, as 2026-12-03T10:00:00+01:00")
    for n, (one, offsets, _) in enumerate(zones):
        for other, others, _ in zones[n + 1:]:
            if not set(offsets) & set(others):
                raise Refused(f"names two time zones that disagree: `{one}` ({_shown_offsets(offsets)}) and "
                              f"`{other}` ({_shown_offsets(others)})",
                              "write the one zone the date is in, as an offset such as +01:00")
    if not bracket and len(zones) < 2:
        return text
    if not zones:  # (a bracketed comment after a date without a zone: `(updated)` said above; none here)
        return text.rstrip()
    # (the offset, when one is written: it alone is one zone; else the name, which with_offset reads)
    zone, offsets, start = next((zone for zone in zones if _OFFSET.fullmatch(zone[0])), zones[0])
    written = offsets[0] if _OFFSET.fullmatch(zone) or start is None and len(offsets) == 1 else zone.strip("()")
    return (text[:min(at for *_, at in zones if at is not None)] if any(at is not None for *_, at in zones)
            else text).rstrip() + " " + written


def _shown_offsets(offsets: tuple[str, ...]) -> str:
    return " or ".join(f"{offset[:3]}:{offset[3:]}" for offset in offsets)


def zone_named(text: str) -> bool:
    """Whether a date ends with the name of a time zone of _ZONES or AMBIGUOUS_ZONES."""
    return len(text) <= LONGEST_DATE and bool(_ZONE_NAME.search(text.strip()))


def with_offset(text: str) -> str:
    """A date that ends with the name of a time zone of _ZONES (or AMBIGUOUS_ZONES) with that zone's offset
    instead (`Sat, 21 Nov 2026 10:00:00 CET` is `Sat, 21 Nov 2026 10:00:00 +0100`); any other as it is."""
    zone = _ZONE_NAME.search(text) if len(text) <= LONGEST_DATE else None
    return text if zone is None else text[:zone.start()].rstrip() + " " + _OFFSETS[zone.group(1).upper()]


def without_zone(text: str) -> str:
    """A date without the name of a time zone of _ZONES or AMBIGUOUS_ZONES it ends with."""
    return _ZONE_NAME.sub("", text.strip()).rstrip()


def ambiguous_zone(text: str) -> str | None:
    """The name, as AMBIGUOUS_ZONES has it, of the zone a date ends with when that name names several zones;
    None for any other date."""
    zone = _ZONE_NAME.search(text.strip()) if len(text) <= LONGEST_DATE else None
    return zone.group(1).upper() if zone and zone.group(1).upper() in AMBIGUOUS_ZONES else None


# Arabic's yeh and kaf are Persian's (`دسامبر` is written with either)
_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def site_zoned(text: str, zone: tzinfo, read) -> datetime | None:
    """The moment a date that ends with a name of several zones (`IST`) names when the site's own time zone
    (`zone`) goes by that name at that moment (a site in Dublin, in Jerusalem or in Kolkata: each its own
    `IST`); None for any other date. `read(text)`: the moment a date without its zone's name names, a time
    without a zone in the site's zone (None when it is no date). The one rule for the build's items and for
    fetch's entries alike."""
    name = ambiguous_zone(text)
    moment = read(without_zone(text)) if name else None
    return moment if moment is not None and goes_by(zone, name, moment) else None


def goes_by(zone: tzinfo, name: str, moment: datetime) -> bool:
    """Whether the time zone `zone` goes by `name` (`IST`) at `moment`."""
    try:
        return zone.tzname(moment.astimezone(zone).replace(tzinfo=None)) == name
    except (OverflowError, ValueError):
        return False


def _folded(word: str) -> str:
    """Lower case, without accents (`Déc` is `dec`, `März` `marz`, `Δεκεμβρίου` `δεκεμβριου`, `декабря` itself
    but `й` `и`); Turkish dotless `ı` is `i`, as crawlers write `Aralik` for `Aralık`."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
                   if not unicodedata.combining(c)).translate(_PERSIAN_LETTERS)


_MONTH = _month_table()
_SOLAR_HIJRI = frozenset(map(_folded, _SOLAR_HIJRI_NAMES.split()))
