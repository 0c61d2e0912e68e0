"""Plain text as a reader should see it, from a crawler's field: plain_text decodes HTML entities, drops
tags, control characters and what shows nothing, and makes white space one space; plain_name makes a
provider's or topic's name, without the invisible characters that would make two names that look alike
two; bidi_closed closes the direction overrides a field leaves open; plain_start reads only the start of a long
body. cut_clusters and cut_at_word are the one cut of every shortened text, never inside what shows as one
character.

Templates, feeds and the search index escape the result once; nothing decodes it again.
"""

from __future__ import annotations

import html
import re
import unicodedata

from generator.alphabets import alphabet, letter_at
from generator.textfiles import maybe_mangled, unmangled
from generator.urls import without_controls


_DECODE_ROUNDS = 4  # entity decodings of one field at most: each round undoes one encoding too many
_TAG = re.compile(r"<!--.*?(?:-->|$)|<[!?][^<>]*>|</?([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^<>]*)?>", re.DOTALL)

# What plain_text takes for a tag: HTML's elements (and SVG's and MathML's roots), and custom elements (a
# "-" in the name). Anything else in angle brackets is words a reader should see: `List<String>`, `Vec<u8>`.
_ELEMENTS = frozenset("""
    a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em
    embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html
    i iframe img input ins isindex kbd keygen label legend li link listing main map mark marquee math menu meta
    meter nav nobr noembed noframes noscript object ol optgroup option output p param picture plaintext pre
    progress q rb rp rt rtc ruby s samp script search section select slot small source span strike strong style
    sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr
    xmp""".split())

# Elements that cut-off HTML leaves behind bare (`<p>First paragraph`, `<br>`, `<b>`): always markup. Any other
# element's bare opening tag that nothing in the field closes is words about HTML: "The <dialog> element".
_STRAY_TAGS = frozenset("""
    b big blockquote br center dd div dl dt em font h1 h2 h3 h4 h5 h6 hr i li mark nobr ol p s section small span
    strike strong sub sup table tbody td tfoot th thead tr tt u ul wbr article figure figcaption""".split())
_CLOSING = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)")

# An element whose content a browser never shows as text (the body's sanitiser drops them with it), or shows
# apart from the line (a word's reading, `<rt>`, above it, and `<rp>`'s brackets for browsers without ruby: in
# plain text they would run into the word, 新工場しんこうじょう): its opening tag, and the closing tag of each
_HIDDEN = ("script", "style", "template", "noembed", "noframes", "xmp", "rtc", "rt", "rp")
_HIDDEN_OPENING = re.compile(rf"<({'|'.join(_HIDDEN)})\b[^<>]*>", re.IGNORECASE)
_HIDDEN_CLOSING = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _HIDDEN}


def _without_hidden(text: str) -> str:
    """`text` without the elements of _HIDDEN_OPENING that are closed, content and all (an opening tag
    nothing closes stays, as words: "How <script> tags block rendering"). In one pass: a name found
    without a closing tag after it is not looked for again, so hostile text costs no more than a few
    readings of it."""
    parts, at, unclosed = [], 0, set()
    for opening in _HIDDEN_OPENING.finditer(text):
        name = opening.group(1).lower()
        if opening.start() < at or name in unclosed:
            continue
        ending = _HIDDEN_CLOSING.get(name)  # (none for `<scrıpt>`: IGNORECASE takes a dotless ı for an i)
        closing = ending.search(text, opening.end()) if ending else None
        if closing is None:
            unclosed.add(name)
            continue
        parts.append(text[at:opening.start()])
        at = closing.end()
    return "".join(parts) + text[at:] if parts else text


_BREAKING_TAGS = frozenset({"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "hr", "blockquote", "section",
                            "article", "h1", "h2", "h3", "h4", "h5", "h6"})
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def plain_text(text: str, markup: bool = True) -> str:
    """A crawler's plain-text field as a reader should see it: HTML entities decoded (again while that
    changes it, a few times at most: `&amp;#8217;` was encoded twice), UTF-8 that a CMS encoded twice read as
    meant (textfiles.unmangled: `PerchÃ©` is `Perché`), stray tags removed, control
    characters dropped, white space made one space. Templates, feeds and the search index escape the
    result once; nothing decodes it again. `markup` False: a text that is no HTML (the site's own config.yaml's),
    its `&` and `<` kept as written."""
    for _ in range(_DECODE_ROUNDS if markup else 0):
        if "&" not in text and "<" not in text:
            break
        decoded = html.unescape(text)
        if "<" in decoded:  # (a formula shows its words, not its elements' names: `<mi>E</mi>`)
            # (the sanitiser's module, imported here: a build that reads no item file needs none of it)
            from generator.site.markup import formulas_as_plain_text

            decoded = formulas_as_plain_text(decoded)
        if "</" in decoded:  # (a script's or a style's text is no words of the field: `<script>alert(1)</script>`)
            decoded = _without_hidden(decoded)
        closed = frozenset(name.lower() for name in _CLOSING.findall(decoded)) if "</" in decoded else frozenset()
        decoded = _TAG.sub(lambda match: _tag_gap(match, closed), decoded)
        if decoded == text:
            break
        text = decoded
    if markup and maybe_mangled(text):
        # (UTF-8 that a publisher's CMS read as Windows-1252 and wrote again, `PerchÃ©`, in a crawler's field;
        # after entities are decoded, before controls go and spaces join: `Ã\x81` is `Á`, `Ã\xa0` is `à`)
        text = unmangled(text)
    text = without_controls(text)
    if _SURROGATE.search(text):  # (YAML's "\udcff" escapes make them; no file can be written with one)
        text = _SURROGATE.sub("\ufffd", text)
    if text.isascii():
        text = " ".join(text.split())
    else:
        if "\u00ad" in text or "\ufeff" in text:
            # (a soft hyphen splits the word it is in for search and for what compares titles, and a byte order
            # mark inside a text is a file's seam; neither shows: the hyphen is the theme's to place)
            text = text.replace("\u00ad", "").replace("\ufeff", "")
        # A run of white space is one space, but one of no-break spaces only is kept, as one: French puts one
        # before `:`, `?` and `!` and in `20 %`, and others between a number and its unit, so that no line
        # breaks there (pages, feeds and JSON write it as the character; search still splits words at it)
        text = spaces_made_one(text)
    if not text.isascii() and not _SHOWN.search(text):
        return ""  # only characters that show nothing (`&#8203;`, a byte order mark): as empty as spaces
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # (`e` and a combining accent, as some crawlers and macOS write it: the same text to a reader, `é` to
        # a page's checker and to what compares or searches it)
        text = unicodedata.normalize("NFC", text)
    return bidi_closed(text) if BIDI.search(text) else text


def plain_start(text: str, chars: int) -> tuple[str, bool]:
    """(a start of plain_text(text), whether it is all of it): worked out from `text` up to its first tag after
    `chars` characters when nothing after can change that part's plain text, else from all of it. For a caller
    that reads only the start of a long body (the theme's opens_with): plain_text of a whole body is the most
    of a story page's time. The last word of a head is left out, with the space before it: what follows the
    cut can join it (white space, a combining mark, a direction closed at the end).

    After the cut, only what a tag or an entity decoded there starts can change the text before it: an
    element's closing tag (a bare opening tag before it is markup then, not words), a hidden element's or a
    formula's or a comment's end, an entity decoded into `<` or `&` (a further round of decoding). So the
    head serves when none of these is in it and its plain text keeps no `<`."""
    cut = text.find("<", chars)
    if cut < 0:
        return plain_text(text), True
    head = text[:cut]
    decoded = html.unescape(head) if "&" in head else head
    if ("&" in decoded or decoded.count("<") != head.count("<") or "<!--" in decoded
            or _HIDDEN_OPENING.search(decoded) or "<math" in decoded or "<MATH" in decoded.upper()):
        return plain_text(text), True
    shown = plain_text(head)
    end = shown.rfind(" ")
    if "<" in shown or end <= 0:
        return plain_text(text), True
    return shown[:end], False


_SPACE_RUN = re.compile(r"\s+")
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")


def spaces_made_one(text: str) -> str:
    """Every run of white space one space, without the text's first and last; a run of no-break spaces
    only kept, as one (plain_text; the feeds' clean_text)."""
    if "\u00a0" in text or "\u202f" in text or "\u2007" in text:
        return _SPACE_RUN.sub(_one_space, text).strip()
    return " ".join(text.split())


def _one_space(match: re.Match) -> str:
    run = match.group()
    return run[0] if _NO_BREAK_SPACES.issuperset(run) else " "


def plain_name(text: str, markup: bool = True) -> str:
    """A name (a provider's, a topic's) as plain_text makes it, without the characters that show nothing and
    that would make two names that look alike two providers or topics: zero-width spaces, word joiners,
    direction marks and embeddings, Hangul fillers, blank symbols at its ends, and a zero-width joiner or
    non-joiner but between two letters or symbols of a script or emoji that uses it (Persian `می‌خواهم`, Indic
    conjuncts, `👩‍💻`, where it changes what shows). No-break spaces are plain spaces in a name: they only keep a
    line whole. `markup`: as plain_text's."""
    text = plain_text(text, markup)
    if text.isascii():
        return text
    text = _INVISIBLE_IN_NAMES.sub("", text)
    if _SELECTOR.search(text):
        text = _SELECTOR.sub(lambda found: found[0] if _selects(found.string, found.start(), found.end()) else "",
                             text)
    if "\u200c" in text or "\u200d" in text:
        text = "".join(c for i, c in enumerate(text) if c not in "\u200c\u200d"
                       or 0 < i < len(text) - 1 and _joins(text[i - 1]) and _joins(text[i + 1]))
    return " ".join(text.split()).strip(" " + _BLANK_SYMBOLS)  # ("Acme\u2800" is "Acme" to a reader)


# (Unicode's default ignorable code points but the joiners and selectors, which _SELECTOR and _joins keep
# where they change what shows)
_INVISIBLE_IN_NAMES = re.compile("[\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u202a-\u202e"
                                 "\u2060-\u206f\u3164\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                                 "\U000e0000-\U000e001f\U000e0080-\U000e00ff\U000e01f0-\U000e0fff]")

# Variation selectors (an emoji's `❤️`, a Han character's variant, Mongolian's), and tags (a flag's `🏴 + tags`):
# kept only where they select something, else nothing that shows, which made `Acme` and `Acme\ufe0f` two names
_SELECTOR = re.compile("[\ufe00-\ufe0f\u180b-\u180d\u180f\U000e0100-\U000e01ef]|[\U000e0020-\U000e007f]+")


def _selects(text: str, start: int, end: int) -> bool:
    """Whether the selector or the tags at text[start:end] change what shows: a selector after a letter or symbol
    of a script other than ASCII's (or before a keycap's U+20E3), tags after a black flag."""
    before = text[start - 1] if start else ""
    if "\U000e0020" <= text[start] <= "\U000e007f":
        return before == "\U0001f3f4"
    return bool(before) and _joins(before) or text.startswith("\u20e3", end)


def _joins(char: str) -> bool:
    """Whether a joiner next to `char` may change what shows: a letter or mark of a script other than ASCII's,
    a symbol (emoji) or its modifier, or a variation selector."""
    return not char.isascii() and (unicodedata.category(char)[0] in "LM" or unicodedata.category(char) in ("So", "Sk"))


# Symbols whose glyph is blank, which no rule of Unicode calls invisible: braille's blank pattern (a space
# between braille words; alone, crawled "blank" names are made of it, as of Hangul fillers) and music's null
# notehead. A text of only these shows nothing, and a name does not start or end with them.
_BLANK_SYMBOLS = "\u2800\U0001d159"

# A character that shows: none of Unicode's default ignorable code points (zero-width spaces and joiners,
# direction marks, byte order marks, variation selectors, Hangul fillers, tags), _BLANK_SYMBOLS nor white
# space. A title of only such characters was a card's link with no text, an empty headline, a blank feed entry.
_SHOWN = re.compile("[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff" + _BLANK_SYMBOLS + "]")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS, _ISOLATES = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068"
_PDF, _PDI = "\u202c", "\u2069"


def bidi_closed(text: str) -> str:
    """`text` with each direction embedding, override or isolate it opens and leaves open closed at its end.
    They are kept (right-to-left text needs them), but one left open (a crawler's stray U+202E) would turn
    around what a page writes after the field on the same line: the provider's name, the date."""
    opened: list[str] = []
    for char in BIDI.findall(text):
        if char in _EMBEDDINGS or char in _ISOLATES:
            opened.append(char)
        elif char == _PDF:
            if opened and opened[-1] in _EMBEDDINGS:  # (a PDF closes no isolate, as the Unicode algorithm reads it)
                opened.pop()
        elif any(c in _ISOLATES for c in opened):  # a PDI closes its isolate and all opened in it
            while opened.pop() not in _ISOLATES:
                pass
    return text + "".join(_PDI if char in _ISOLATES else _PDF for char in reversed(opened))


def _tag_gap(match: re.Match, closed: frozenset[str]) -> str:
    """What a removed tag leaves: a space where it broke the line (<br>, <p>), else nothing (<b>); what is
    no element's tag (`<String>`), or an element's bare tag that nothing in the field (`closed`) closes and
    cut-off HTML does not leave (_STRAY_TAGS), stays as it is. An unclosed `<!--` is text too, with all
    after it (it hid nothing); _TAG takes it to the end in one match, as a search for each `<!--`'s end
    would take time growing with the square of the text's length."""
    name = (match.group(1) or "").lower()
    if name and name not in _ELEMENTS and "-" not in name:
        return match.group()
    if (name and name not in _STRAY_TAGS and name not in closed and match.group()[1] != "/"
            and match.group()[len(name) + 1:].strip() == ">"):
        return match.group()
    if match.group().startswith("<!--") and not match.group().endswith("-->"):
        return match.group()
    return " " if name in _BREAKING_TAGS else ""


# Where a cut may fall: between two grapheme clusters, what a reader sees as one character (Unicode's UAX #29,
# its rules for the clusters news text holds: no cut before a combining mark, a joiner, a variation selector,
# an emoji's skin tone or a tag character, nor after a joiner (`👩‍👩‍👧`, an Indic conjunct; elsewhere, where
# UAX #29 allows it, such a cut would leave the joiner dangling), nor inside a flag's pair of regional
# indicators, nor between Hangul jamo of one syllable, nor in CR LF). A few rules written out rather than a
# dependency (the `regex` module's \X): a cut needs only to know its own place.
_EXTENDING = frozenset(("Mn", "Me", "Mc"))
# (and Thai's and Lao's AM, letters that Unicode counts as spacing marks: กำ is one)
_EXTENDING_TOO = re.compile("[\u200c\u200d\u0e33\u0eb3\uff9e\uff9f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
# No cut after these: Unicode's Prepend characters news text holds (Arabic's number signs, written before the digits
# they mark), and the invisible stackers that write the next consonant under the one before (Khmer's coeng,
# Myanmar's, Tai Tham's sakot, Sundanese's), a conjunct as a virama's is (ICU keeps it whole: ក្រ is one cluster).
_BOUND_TO_NEXT = re.compile("[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u1039\u17d2\u1a60\u1bab"
                            "\U000110bd\U000110cd]")
_REGIONAL = re.compile("[\U0001f1e6-\U0001f1ff]")
# Unicode 15.1's Indic conjunct break (GB9c, the InCB property of DerivedCoreProperties.txt): a consonant after a
# virama that joins it to the consonant before is in that consonant's cluster (क् + ष is क्ष), in the six scripts
# that write conjuncts so: Devanagari, Bengali, Gujarati, Oriya, Telugu, Malayalam (Tamil's and Kannada's virama
# shows: a cut after it leaves a whole letter). A cut there left half a letter before the ellipsis.
_LINKERS = frozenset("\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d")
_CONSONANT = re.compile("[\u0915-\u0939\u0958-\u095f\u0978-\u097f\u0995-\u09a8\u09aa-\u09b0\u09b2\u09b6-\u09b9"
                        "\u09dc\u09dd\u09df\u09f0\u09f1\u0a95-\u0aa8\u0aaa-\u0ab0\u0ab2\u0ab3\u0ab5-\u0ab9\u0af9"
                        "\u0b15-\u0b28\u0b2a-\u0b30\u0b32\u0b33\u0b35-\u0b39\u0b5c\u0b5d\u0b5f\u0b71\u0c15-\u0c28"
                        "\u0c2a-\u0c39\u0c58-\u0c5a\u0d15-\u0d3a]")
MAX_CLUSTER = 32  # characters a cut steps back over at most: longer "clusters" (a pile of marks) are cut inside


def _jamo(char: str) -> str:
    """A Hangul character's part in a syllable: L (leading consonant), V (vowel), T (trailing consonant), LV or
    LVT (a precomposed syllable), else ""."""
    code = ord(char)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return ""


def cluster_boundary(text: str, at: int) -> bool:
    """Whether `text` may be cut before its character `at` without splitting what shows as one character."""
    if at <= 0 or at >= len(text):
        return True
    before, after = text[at - 1], text[at]
    if before.isascii() and after.isascii():  # (most cuts: only CR LF holds together)
        return not (before == "\r" and after == "\n")
    if (unicodedata.category(after) in _EXTENDING or _EXTENDING_TOO.match(after) or before == "\u200d"
            or _BOUND_TO_NEXT.match(before)):
        return False
    if _CONSONANT.match(after) and _joined(text, at):
        return False
    if _REGIONAL.match(before) and _REGIONAL.match(after):
        run = at - 1
        while run > 0 and _REGIONAL.match(text[run - 1]):
            run -= 1
        return (at - run) % 2 == 0  # (flags pair from the run's start)
    first, second = _jamo(before), _jamo(after)
    return not (first == "L" and second in ("L", "V", "LV", "LVT") or first in ("LV", "V") and second in ("V", "T")
                or first in ("LVT", "T") and second == "T")


def _joined(text: str, at: int) -> bool:
    """Whether the consonant at `at` is joined to a consonant before it (GB9c): between them only marks and
    joiners (InCB Extend or Linker), one of them a virama."""
    linked = False
    for back in range(at - 1, max(at - MAX_CLUSTER, 0) - 1, -1):
        char = text[back]
        if char in _LINKERS:
            linked = True
        elif not (unicodedata.combining(char) or char == "\u200d"):
            return linked and bool(_CONSONANT.match(char))
    return False


def joins_letters(text: str) -> bool:
    """Whether `text` has a conjunct's virama (GB9c's, above): letters made of several characters that joins, whose
    parts Chromium's ellipsis can part."""
    return not _LINKERS.isdisjoint(text)


def cut_clusters(text: str, limit: int) -> str:
    """The start of `text`, at most `limit` characters, ending between two grapheme clusters (cluster_boundary):
    the one cut of every shortened text (excerpts, capped fields, the theme's `truncate`)."""
    if len(text) <= limit:
        return text
    end = max(limit, 0)
    for at in range(end, max(end - MAX_CLUSTER, 0) - 1, -1):
        if cluster_boundary(text, at):
            return text[:at]
    return text[:end]


def cut_at_word(text: str, limit: int) -> str:
    """The start of `text`, at most `limit` characters (or half as many more inside a word of a script written
    without spaces): cut at its last space when that is in the second half, else between two grapheme clusters
    (cut_clusters); but inside a word of a script written without spaces, at the first break after it within
    half as many more (unspaced_end)."""
    cut = cut_clusters(text, limit)
    if len(cut) < len(text):
        if " " in cut[limit // 2:]:
            return cut.rsplit(" ", 1)[0]
        return text[:unspaced_end(text, len(cut), limit // 2)]
    return cut


# Scripts written without spaces between words: Thai, Lao, Myanmar (and its extensions), Khmer, New Tai Lue,
# Tai Tham (static/js/words.js UNSPACED is the same list). Their words are a dictionary's to find, which the build
# has not (docs/dev/cuts.md); the spaces between their phrases and a zero-width space are breaks it can see.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u1980-\u19df\u1a20-\u1aaf"
                       "\ua9e0-\ua9ff\uaa60-\uaa7f]")
_BREAK = re.compile("[ \u200b]")


def _unspaced_letter(char: str) -> bool:
    # (a letter or a mark: their digits, repeat marks and punctuation, Thai's ๆ or Khmer's ។, end a word)
    return bool(_UNSPACED.match(char)) and unicodedata.category(char) in ("Lo", "Mn", "Mc")


def unspaced_end(text: str, at: int, reach: int) -> int:
    """Where a cut of `text` before `at` ends instead: when `at` is inside a word of a script without spaces (an
    _UNSPACED letter on each side), at the next space or zero-width space up to `reach` characters on, so that no
    word is cut in two; else (none so near, or not inside such a word) at `at`."""
    if not (0 < at < len(text) and _unspaced_letter(text[at - 1]) and _unspaced_letter(text[at])):
        return at
    found = _BREAK.search(text, at, at + reach + 1)
    return found.start() if found else at


# Characters Unicode's East_Asian_Width calls Wide or Fullwidth (EastAsianWidth.txt, Unicode 14: Python 3.11's
# unicodedata; unassigned gaps inside a range taken in): Chinese, Japanese and Korean letters and punctuation,
# fullwidth forms, emoji. Each is drawn about twice as wide as a Latin letter, so a headline of 120 of them
# takes the lines of one of 240 Latin letters. search.js WIDE is the same list (tests/test_text_width.py runs
# both, and checks this one against unicodedata); keep both in step.
WIDE = ("\u1100-\u115f\u231a-\u231b\u2329-\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd-\u25fe\u2614-\u2615\u2648-\u2653"
        "\u267f\u2693\u26a1\u26aa-\u26ab\u26bd-\u26be\u26c4-\u26c5\u26ce\u26d4\u26ea\u26f2-\u26f3\u26f5\u26fa"
        "\u26fd\u2705\u270a-\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b-\u2b1c"
        "\u2b50\u2b55\u2e80-\u303e\u3041-\u3247\u3250-\u4dbf\u4e00-\ua4c6\ua960-\ua97c\uac00-\ud7a3\uf900-\ufad9"
        "\ufe10-\ufe19\ufe30-\ufe6b\uff01-\uff60\uffe0-\uffe6\U00016fe0-\U0001b2fb\U0001f004\U0001f0cf\U0001f18e"
        "\U0001f191-\U0001f19a\U0001f200-\U0001f320\U0001f32d-\U0001f335\U0001f337-\U0001f37c\U0001f37e-\U0001f393"
        "\U0001f3a0-\U0001f3ca\U0001f3cf-\U0001f3d3\U0001f3e0-\U0001f3f0\U0001f3f4\U0001f3f8-\U0001f43e\U0001f440"
        "\U0001f442-\U0001f4fc\U0001f4ff-\U0001f53d\U0001f54b-\U0001f54e\U0001f550-\U0001f567\U0001f57a"
        "\U0001f595-\U0001f596\U0001f5a4\U0001f5fb-\U0001f64f\U0001f680-\U0001f6c5\U0001f6cc\U0001f6d0-\U0001f6d2"
        "\U0001f6d5-\U0001f6df\U0001f6eb-\U0001f6ec\U0001f6f4-\U0001f6fc\U0001f7e0-\U0001f7f0\U0001f90c-\U0001f93a"
        "\U0001f93c-\U0001f945\U0001f947-\U0001f9ff\U0001fa70-\U0001faf6\U00020000-\U0003134a")
WIDE_UNICODE = "14.0.0"  # the Unicode version WIDE is from (another Python's unicodedata may know more characters)
_WIDE = re.compile(f"[{WIDE}]")


def text_width(text: str) -> int:
    """How wide `text` is drawn, in Latin letters: each character 1, each WIDE one 2. The one measure of a
    headline that is `long` (themes' `text_width` filter; search.js textWidth, by the same rule)."""
    return len(text) + len(_WIDE.findall(text))


_NUMBERS = re.compile(r"(\d+)", re.ASCII)


def a_to_z(name: str, language: str = "") -> tuple:
    """`name`'s key in A to Z order: without accents or case (`Économie` among the E's, not after Z), numbers by
    value ("Week 9" before "Week 10"); on a site whose `language` has letters of its own (generator/alphabets.py),
    in that alphabet's order (Swedish `Åre` after `Zürich`, Turkish `Çorum` after `Cumhuriyet`)."""
    letters = alphabet(language)
    if letters:
        plain = _in_alphabet(unicodedata.normalize("NFKC", name), letters, language)
    elif name.isascii():
        plain = name.casefold()
    else:
        plain = _without_accents(name)
    return tuple((0, int(part), part) if "0" <= part[0] <= "9" else (1, 0, part)
                 for part in _NUMBERS.split(plain) if part)


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _in_alphabet(text: str, letters: dict[str, tuple[int, str]], language: str) -> str:
    """`text` with each letter of the alphabet `letters` as a character that sorts in its place (after every ASCII
    character, before other scripts' letters; Czech `ch` as one); any other character without accents or case, as
    elsewhere."""
    plain, at = [], 0
    while at < len(text):
        size, found = letter_at(text, at, language)
        if found:
            plain.append(chr(0x80 + found[0]))  # (an alphabet has fewer than 64 headings: U+0080-U+00BF, no letters)
        else:
            plain.extend(chr(0x80 + letters[part.upper()][0]) if part.upper() in letters else part
                         for part in _without_accents(text[at]))
        at += size
    return "".join(plain)
