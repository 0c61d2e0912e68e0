"""Feeds in the legacy charsets of Korean, Japanese and Chinese sites, as UTF-8, read as browsers read them (the
WHATWG Encoding Standard). A label names a narrow standard (EUC-KR, Shift_JIS, GB2312, Big5) whose writers'
Windows machines encode a wider one (CP949, CP932, GBK, Big5-HKSCS), whose extra characters (똠, 햏, ①, ㈱, 髙,
镕) Python's strict codec of the label refuses: feedparser then read the whole feed as Windows-1252. A feed
naming no charset, as many of these sites' are, is read in its language's legacy charsets."""

from __future__ import annotations

import re

# Python's codec of a narrow standard, as the wider charset a browser reads for its label
WIDER = {"euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "shift_jis": "cp932"}
# The WHATWG labels of these charsets that Python knows by no name
LABELS = {**dict.fromkeys(("cseuckr", "csksc56011987", "iso-ir-149", "ks_c_5601-1989", "ksc_5601", "windows-949"),
                          "cp949"),
          **dict.fromkeys(("csgb2312", "gb_2312", "gb_2312-80", "x-gbk"), "gb18030"),
          **dict.fromkeys(("cn-big5", "x-x-big5"), "big5hkscs"), **dict.fromkeys(("windows-31j", "x-sjis"), "cp932"),
          **dict.fromkeys(("x-euc-jp", "cseucpkdfmtjapanese"), "euc_jp")}
LEGACY = frozenset({*WIDER.values(), "euc_jp"})

_TAG = rb"([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)"
# The language a feed says it is in, as ASCII in any of these charsets: RSS's, Atom's and JSON Feed's
_SAID = re.compile(rb"<(?:dc:)?language>\s*" + _TAG + rb"|xml:lang\s*=\s*[\"']" + _TAG + rb"|\"language\"\s*:\s*\""
                   + _TAG)
_DECLARATION = re.compile(rb"""^(\s*<\?xml[^>]*?\sencoding\s*=\s*["'])([A-Za-z0-9._-]+)""")


def legacy_charsets(language: str) -> tuple[str, ...]:
    """The legacy charsets a language's sites write in when they name none, as Python's codecs."""
    primary, *rest = language.lower().replace("_", "-").split("-")
    if primary == "zh":
        return ("big5hkscs",) if {"tw", "hk", "mo", "hant"} & set(rest) else ("gb18030",)
    return {"ko": ("cp949",), "ja": ("cp932", "euc_jp")}.get(primary, ())


def as_utf8(body: bytes, charset: str, languages: tuple[str, ...]) -> bytes | None:
    """The feed `body` in UTF-8, its XML declaration saying so, when it is in a legacy East Asian charset: the one
    `charset` names (the header's, else its declaration's, as Python's codec: feed_values.charset_named), else,
    naming none and being no UTF-8, its language's (the first of `languages` given, else the one the feed says)
    that reads it without a fault, the fewest characters where two do (EUC-JP's pairs read as Shift_JIS are
    half-width kana, a letter a byte); UTF-8 as it is, whatever charset is named. None otherwise: feedparser
    reads it."""
    if charset:
        if charset not in LEGACY:
            return None
        # (bytes that make UTF-8 are UTF-8, whatever the label: a legacy text's seldom do, while GB18030 reads
        # any bytes; a site moved to UTF-8 whose server or prolog still names the old charset)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = body.decode(charset, "replace")
    else:
        if _utf8(body):
            return None
        said = _SAID.search(body[:4096])
        language = next((language for language in languages if language), "")
        if said and not languages[0]:  # (the source's `language` wins over the feed's; the feed's over the site's)
            language = next(filter(None, said.groups())).decode("ascii")
        readings = []
        for codec in legacy_charsets(language):
            try:
                readings.append(body.decode(codec))
            except UnicodeDecodeError:
                pass
        if not readings:
            return None
        text = min(readings, key=len)
    return _DECLARATION.sub(rb"\1utf-8", text.encode("utf-8"), count=1)


def _utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
