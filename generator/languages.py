"""Language and region subtags: which `language:` codes name a language, and the Open Graph locale of one.

Python has no registry of language tags built in. These are the two-letter subtags of the IANA Language Subtag
Registry (BCP 47), which are ISO 639-1's languages and ISO 3166-1's countries: closed lists that change about
once a decade. Three-letter languages (ISO 639-3, some 7,900) are accepted as written.
"""

from __future__ import annotations

import re

# ISO 639-1: every two-letter language subtag.
LANGUAGES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne
ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

# Codes the registry keeps only as deprecated, with what replaced them.
RENAMED = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro"}

# Country codes often written for a language (the country's own code is no language, or another one).
COUNTRY_NOT_LANGUAGE = {"jp": "ja", "cn": "zh", "gr": "el", "dk": "da", "cz": "cs", "ua": "uk", "kr": "ko",
                        "us": "en", "gb": "en", "vn": "vi", "il": "he", "rs": "sr", "at": "de", "ir": "fa",
                        "by": "be", "ge": "ka", "al": "sq", "kz": "kk", "pk": "ur", "lk": "si", "np": "ne",
                        "ph": "fil"}

# Languages' names, in English and in their own words (`_` for a space), as a site's `language:` is often first
# written (`language: German`): the error then says which code that is. The most used languages on the web.
NAMES = {name.replace("_", " "): code for name, code in (pair.split(":") for pair in """
english:en german:de deutsch:de french:fr français:fr francais:fr spanish:es español:es espanol:es castellano:es
japanese:ja 日本語:ja italian:it italiano:it portuguese:pt português:pt portugues:pt dutch:nl nederlands:nl
polish:pl polski:pl russian:ru русский:ru ukrainian:uk українська:uk chinese:zh 中文:zh korean:ko 한국어:ko
arabic:ar العربية:ar hebrew:he עברית:he turkish:tr türkçe:tr turkce:tr swedish:sv svenska:sv danish:da dansk:da
norwegian:no norsk:no finnish:fi suomi:fi czech:cs čeština:cs cestina:cs greek:el ελληνικά:el hungarian:hu
magyar:hu romanian:ro română:ro romana:ro hindi:hi हिन्दी:hi indonesian:id bahasa_indonesia:id vietnamese:vi
tiếng_việt:vi tieng_viet:vi persian:fa farsi:fa فارسی:fa thai:th ไทย:th catalan:ca català:ca catala:ca
""".split())}

# ISO 3166-1 alpha-2 countries, and the registry's other two-letter regions (EU, UN and a few reserved ones).
REGIONS = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA
CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA
GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS
MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW
TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
EU UN AC CP DG EA IC TA XK
""".split())
REGION_FIXES = {"UK": "GB"}

# The country a language is most used in (CLDR's likely subtags), for an Open Graph locale of a bare language.
TERRITORY = dict(pair.split(":") for pair in """
af:ZA am:ET ar:EG as:IN az:AZ be:BY bg:BG bn:BD bo:CN br:FR bs:BA ca:ES co:FR cs:CZ cy:GB da:DK de:DE el:GR en:US
es:ES et:EE eu:ES fa:IR ff:SN fi:FI fo:FO fr:FR fy:NL ga:IE gd:GB gl:ES gu:IN ha:NG he:IL hi:IN hr:HR ht:HT hu:HU
hy:AM id:ID ig:NG is:IS it:IT ja:JP jv:ID ka:GE kk:KZ km:KH kn:IN ko:KR ku:TR ky:KG lb:LU lo:LA lt:LT lv:LV mg:MG
mi:NZ mk:MK ml:IN mn:MN mr:IN ms:MY mt:MT my:MM nb:NO ne:NP nl:NL nn:NO no:NO oc:FR or:IN pa:IN pl:PL ps:AF pt:BR
qu:PE ro:RO ru:RU rw:RW sa:IN sd:PK si:LK sk:SK sl:SI sm:WS sn:ZW so:SO sq:AL sr:RS st:ZA sv:SE sw:TZ ta:IN te:IN
tg:TJ th:TH ti:ET tk:TM tl:PH tn:ZA to:TO tr:TR ts:ZA tt:RU ug:CN uk:UA ur:PK uz:UZ vi:VN wo:SN xh:ZA yo:NG zh:CN
zu:ZA
""".split())
SCRIPT_TERRITORY = {("zh", "hant"): "TW", ("zh", "hans"): "CN"}

# A language tag as written (`en`, `pt-BR`, a locale's `pt_BR`): well formed, whatever it names (language_problem)
LANGUAGE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")
_SCRIPT = re.compile(r"[A-Za-z]{4}")
_REGION = re.compile(r"[A-Za-z]{2}|[0-9]{3}")


def primary(tag: str | None) -> str:
    """The language of a tag, its first subtag, in lower case: `pt-BR`, `pt_BR` and `PT`: pt; "" for "" or None.
    The one reading of it, which every feature that follows the site's language (plurals, stemmer, typography,
    opposites ...) takes."""
    return (tag or "").replace("_", "-").split("-")[0].lower()


def subtags(tag: str) -> tuple[str, str, str]:
    """(language, script, region) of a well-formed tag, in lower, lower and upper case; "" for one not given. The
    one reading of a tag's script and region (a locale, a direction, the order of a date's numbers)."""
    parts = tag.replace("_", "-").split("-")
    language, script, region = parts[0].lower(), "", ""
    rest = parts[1:]
    while rest and len(rest[0]) == 3 and rest[0].isalpha():  # an extended language (zh-yue)
        rest = rest[1:]
    if rest and _SCRIPT.fullmatch(rest[0]):
        script, rest = rest[0].lower(), rest[1:]
    if rest and _REGION.fullmatch(rest[0]):
        region = rest[0].upper()
    return language, script, region


def own_language(tag: str | None, site: str | None) -> str:
    """`tag`, the language an item's text is in, when it is not the site's language `site`; else "". The one rule
    of it, which fetch writes an item's `language:` by and the build marks the item's text by (`lang`, JSON-LD's
    `inLanguage`): another language, another script (`zh-Hant` on a `zh-Hans` or `zh` site, `sr-Latn` on an `sr`
    one), or another region where both name one (`pt-BR` on a `pt-PT` site). A subtag one of them leaves out is
    no difference (`en` or `en-US` on an `en` site, `en` on an `en-GB` one): that is the site's language, which
    the page says already."""
    if not tag:
        return ""
    language, script, region = subtags(tag)
    ours, our_script, our_region = subtags(site or "")
    if (language != ours or (script and script != our_script)
            or (region and our_region and region != our_region)):
        return tag
    return ""


def fallbacks(tag: str | None) -> list[str]:
    """The names a tag is looked up by, most specific first, in lower case: its language, script and region as
    `subtags` reads them, cut from the end (RFC 4647's lookup): `zh_Hant_TW` is zh-hant-tw, zh-hant, zh;
    `pt-PT-u-nu-latn` pt-pt, pt; [] for no language. A words file's name, a plural rule's (i18n, plurals)."""
    language, script, region = subtags(tag or "")
    parts = [part for part in (language, script, region.lower()) if part] if language else []
    return ["-".join(parts[:length]) for length in range(len(parts), 0, -1)]


def language_problem(tag: str) -> tuple[str, str] | None:
    """(what is wrong, what to write) for a well-formed language tag naming no language or region; else None."""
    language, _script, region = subtags(tag)
    rest = tag[len(language):]
    if len(language) == 2 and language not in LANGUAGES:
        if language in RENAMED:
            return (f"{language} is the old code of a language",
                    f"write {RENAMED[language]}{rest}, its code now")
        if COUNTRY_NOT_LANGUAGE.get(language):
            better = COUNTRY_NOT_LANGUAGE[language]
            return (f"{language} is a country's code, not a language's (ISO 639-1)",
                    f"write the language's code: {better}{rest}")
        return (f"{language} is not a language code (ISO 639-1)",
                "write the site's language as its two-letter code, such as en, de or pt-BR (a language with none "
                "takes its three-letter ISO 639-3 code), or '' for a site in many languages")
    if region and region.isalpha() and region not in REGIONS:
        shown = tag.replace("_", "-")
        if region in REGION_FIXES:
            at = shown.upper().index(f"-{region}") + 1
            return (f"{region} is not a country or region code (ISO 3166-1)",
                    f"write {shown[:at]}{REGION_FIXES[region]}{shown[at + 2:]}")
        return (f"{region} is not a country or region code (ISO 3166-1)",
                f"write the language alone, {language}, or with its country's code, such as "
                f"{language}-{TERRITORY.get(language, 'US')}")
    return None


def code_of_name(name: str) -> str:
    """The code of the language `name` names (`German`, `Deutsch`: de), or "" for a name not in NAMES."""
    return NAMES.get(" ".join(name.split()).casefold(), "")


def og_locale(tag: str) -> str:
    """The Open Graph locale (language_TERRITORY, as en_US) of a language tag; "" when none can be told, which
    leaves og:locale out (its default is en_US)."""
    if not tag:
        return ""
    language, script, region = subtags(tag)
    if region.isdigit():
        return ""  # a UN M.49 area (es-419, Latin America), which no locale's territory is
    if not region:
        region = SCRIPT_TERRITORY.get((language, script)) or TERRITORY.get(language, "")
    return f"{language}_{region}" if region else ""


# Scripts written without spaces between words, as a regular-expression class's ranges: Han, Kana, Hangul,
# Thai, Lao, Burmese, Khmer, Tai Tham, New Tai Lue. Without a dictionary there is no word boundary to find in
# them, so search makes each letter a term of its own (a query's letters are then found side by side) and
# fetch finds a topic keyword inside a longer run. Their decimal digits are not in it: a number is a word, as in
# any script (๒๐๒๖ is 2026). search.js holds the same ranges; keep both in step.
UNSPACED = ("\u0e00-\u0e4f\u0e5a-\u0ecf\u0eda-\u0eff\u1000-\u103f\u104a-\u108f\u109a-\u109f\u1100-\u11ff"
            "\u1780-\u17df\u17ea-\u17ff\u1980-\u19cf\u19da-\u19ff\u1a20-\u1a7f\u1a8a-\u1a8f\u1a9a-\u1aaf"
            "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u3096\u309d-\u309f"
            "\u30a1-\u30fa\u30fc-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
            "\ua960-\ua97f\ua9e0-\ua9ef\ua9fa-\ua9ff\uaa60-\uaa7f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff"
            "\uff66-\uff9f\U00020000-\U0003134f")


# The zero of each of Unicode's sets of decimal digits but ASCII's and those NFKD makes ASCII (full-width,
# mathematical), as of Unicode 17: ASCII_DIGITS writes their digits as ASCII's, so that a number written ٢٠٢٦
# (Arabic), ۲۰۲۶ (Persian, Urdu) or २०२६ (Hindi) is 2026 to search (search.fold) and to the readers of dates. A
# literal rather than Python's tables, which know only their own Unicode version: browsers' are later. The same
# list is in search.js (DIGIT_ZEROS).
DIGIT_ZEROS = (0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50,
               0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40,
               0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0x104a0, 0x10d30, 0x10d40, 0x11066,
               0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x116d0, 0x116da, 0x11730,
               0x118e0, 0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11de0, 0x11f50, 0x16130, 0x16a60, 0x16ac0,
               0x16b50, 0x16d70, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950)
ASCII_DIGITS = {zero + value: str(value) for zero in DIGIT_ZEROS for value in range(10)}  # (str.translate's)


# Right-to-left writing: the scripts Unicode's Script Metadata (CLDR's scriptMetadata.txt, its RTL column) writes
# right to left, of those a language tag may name (`az-Arab`, `pa-Arab`, `ff-Adlm`), and the languages whose likely
# script is one of them (CLDR 48's likelySubtags: ar → ar-Arab-EG, he → he-Hebr-IL ...), as browsers' `Intl.Locale`
# `getTextInfo()` tells them. A tag's script, where it names one, decides (`ku-Arab` is right to left, `ku` not).
RTL_SCRIPTS = frozenset("adlm arab armi avst chrs elym hatr hebr hung khar lydi mand mani mend narb nbat nkoo "
                        "orkh palm phli phlp phnx prti rohg samr sarb sogd sogo syrc thaa yezi".split())
RTL_LANGUAGES = frozenset("ar arc bal bqi ckb dv fa glk he khw ks lrc mzn nqo prs ps sd sdh skr syr ug ur "
                          "yi".split())


# Languages whose dotted and dotless i are two letters (Unicode's SpecialCasing.txt: Turkish, Azerbaijani): there
# "I" is the capital of "ı" and "İ" of "i", where Unicode's default casing, Python's, makes "I" of both (as a
# browser's CSS text-transform does not, by the element's lang). search.js: TURKIC.
TURKIC = frozenset({"tr", "az"})


# Korean's particles, which a noun takes in a sentence (`서울시가`, `서울시에서는`, `서울시처럼`): the clustering reads a
# word without them (site/stories.py), and search.js makes their letters optional in a query, from the list the
# index's meta.json carries (plan/search_files.py), so that the two never differ.
KOREAN_PARTICLES = tuple("에서는 에게서 으로는 으로도 에서 에게 으로 까지 부터 보다 처럼 이 가 은 는 을 를 의 에 로 와 과 도 만".split())


def in_capitals(text: str, tag: str) -> str:
    """`text` in capitals as the language `tag` writes them (`istanbul` is `İSTANBUL` in Turkish)."""
    return (text.replace("i", "İ") if primary(tag) in TURKIC else text).upper()


def direction(tag: str) -> str:
    """"rtl" for a language tag written right to left (RTL_SCRIPTS, RTL_LANGUAGES), else "ltr" (and for "")."""
    if not tag:
        return "ltr"
    language, script, _region = subtags(tag)
    if script:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if RENAMED.get(language, language) in RTL_LANGUAGES else "ltr"
