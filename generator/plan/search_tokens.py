"""The search's tokeniser: a text's words as written (`spelled`: lowercased NFKC, with their accents), folded
(`fold`, `tokens`: as a query typed without accents has them), in the site's language's casing (`casing`), and
the text of a sanitised body (`body_text`). themes/default/static/search/search.js repeats it step for step
(tests/test_search.py runs both on the same strings); generator/plan/search.py says what the index makes of it.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
import zlib
from typing import Callable

from generator.languages import ASCII_DIGITS, TURKIC, UNSPACED, primary

MAX_TERM = 40  # characters; a longer "word" (a hash, a URL run together) is cut here, by the client too

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt; JavaScript's \p{Default_Ignorable_Code_Point}):
# soft hyphens, zero-width spaces and joiners, word joiners, direction marks, variation selectors, fillers, tags.
# Invisible, so dropped from words as the combining marks are ("inter\u00adnational" is one word, as a reader
# sees it; ZWNJ and ZWJ inside Persian and Indic words too, as ICU's case folding does). The same list is in
# search.js; tests/test_search.py checks it against node's. The zero-width space is the one exception: it is where
# Thai, Khmer, Lao and Burmese text, written without spaces, marks its word breaks (Unicode's word boundaries
# break at it, UAX #29), so normalise makes it a space.
IGNORABLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
             "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
             "\U000e0000-\U000e0fff")
_WORDS = re.compile(r"[^\W_]{2,}")  # a token (_tokens) in text with no UNSPACED letter, where it means exactly this
_TAG = re.compile(rb"<[^>]*>")
# (elsewhere than languages.TURKIC, "İ" lowercases to "i" and a combining dot, which the stemmer reads as no letter)
_TURKIC_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_IGNORED = re.compile(f"[{IGNORABLE}]+")


@functools.cache
def _mark_ranges() -> str:
    """Every combining mark (category M), as ranges of a character class (search.js: \\p{M}). Made on first
    use (it walks all of Unicode), and by index_tasks before the build forks, so that each worker does not
    make it again."""
    # Marks are only in planes 0 and 1 and in the variation selectors of plane 14 (E0100-E01EF).
    return _ranges([*range(0x20000), *range(0xE0000, 0xE1000)], lambda char: unicodedata.category(char)[0] == "M")


def _ranges(points: list[int], test: Callable[[str], bool]) -> str:
    """The characters of `points` (in order) that pass `test`, as ranges of a character class (none of them
    may be a character that a class must escape)."""
    ranges, start, previous = [], None, -1
    for point in [*points, -1]:
        kept = point >= 0 and test(chr(point))
        if kept and start is None:
            start = point
        elif not kept and start is not None:
            ranges.append(f"{chr(start)}-{chr(previous)}")
            start = None
        previous = point
    return "".join(ranges)


@functools.cache
def _marks() -> re.Pattern:
    """Every combining mark and every IGNORABLE character, as search.js's DROPPED."""
    return re.compile("[" + _mark_ranges() + IGNORABLE + "]+")


@functools.cache
def _written_words() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A word as written (search.js: SPELLED): a run of letters, digits and the marks on them, or one letter
    of an UNSPACED script with its marks; the same for a text with no IGNORABLE or UNSPACED character and
    nothing beyond plane 0, where `re` tests each character against one table: the letters, digits and
    marks of plane 0 as ranges (`\\w` beside them was a test of the character's category per character, and
    a class with ranges past U+FFFF is tested range by range, several times slower); and what finds those
    characters, as fast. Made by index_tasks before the build forks, as _mark_ranges."""
    marks = _mark_ranges()
    # (str.isalnum() is what `re` takes for \w, less "_")
    plane0 = _ranges(list(range(0x10000)), lambda char: char.isalnum() or unicodedata.category(char)[0] == "M")
    # (a word of one character folds to one letter at most, which is no token: not matched at all)
    return (re.compile(rf"(?:[^\W_{UNSPACED}]|[{marks}]){{2,}}|[{UNSPACED}][{marks}]*"),
            re.compile(rf"[{plane0}]{{2,}}"),
            re.compile(f"[{_plane0(IGNORABLE)}{_plane0(UNSPACED)}]|[\U00010000-\U0010ffff]"))


@functools.cache
def _tokens() -> tuple[re.Pattern, re.Pattern]:
    """A token: a run of two or more letters or digits (Python's [^\\W_] is exactly Unicode's L and N), or one
    letter of a script written without spaces (UNSPACED); and what finds an UNSPACED letter. Made on first use,
    as _written_words: `re` takes a while over their long classes, and a build whose index is current needs
    neither."""
    return re.compile(rf"[^\W_{UNSPACED}]{{2,}}|(?=[^\W_])[{UNSPACED}]"), re.compile(f"[{UNSPACED}]")


def _plane0(ranges: str) -> str:
    """The characters and ranges of a character class's text that are in plane 0."""
    parts = re.findall(".-.|.", ranges, re.S)
    return "".join(part for part in parts if part[-1] <= "\uffff")


# A number written with digit groups: "1,999", "1.999", "1'999", "1’999", "1 999" with a no-break, narrow no-break or
# thin space, Arabic's "١٬٩٩٩" (groups of three, the same mark between each), and India's "1,00,000" (of two, the last
# of three); not after a letter, digit or mark of its own, nor before a digit or its mark and a digit ("1,2345",
# "v1,000", "1.100.3" are none). Its groups are one word, the number (ungroup; search.js: GROUPED), whatever the site's
# language: a reader types 1999 or the groups of his own language, and a site's feeds write them in theirs
# (docs/search.md)
GROUP_MARKS = ",.'\u2019\u00a0\u202f\u2009\u066c"
_GROUPED = re.compile(rf"\d(?<![\w{GROUP_MARKS}]\d)(?:\d?(?:,\d{{2}})+,\d{{3}}(?!\d|,\d)"
                      rf"|\d{{0,2}}(?P<mark>[{GROUP_MARKS}])\d{{3}}(?:(?P=mark)\d{{3}})*(?!\d|(?P=mark)\d))")
# (what every such number has, a mark and three digits: a text without it has none, found in C by its first character's
# class, where the whole pattern is tried at every digit)
_GROUP_MARK = re.compile(rf"[{GROUP_MARKS}]\d\d\d(?!\d)")
_UNMARKED = str.maketrans(dict.fromkeys(GROUP_MARKS))


def ungroup(text: str) -> str:
    """The text with each number written with digit groups (_GROUPED) written without them: "1,999" -> "1999"."""
    if not _GROUP_MARK.search(text):
        return text
    return _GROUPED.sub(lambda number: number.group().translate(_UNMARKED), text)


def spelled(text: str, casing: str = "") -> list[str]:
    """The words of a text as the stemmer reads them, in order, repeats included: lowercased NFKC, with
    their accents ("informações", "новый"; NFKC makes "ﬁ" and "Ａ" the letters "fi" and "A" the algorithms
    know). A word's token is it folded (`fold`: "informacoes", as a query typed without accents has it). A
    word that folding cuts in two or more tokens, or one longer than MAX_TERM, is its tokens, as folded.
    `casing` "tr" (casing(language)): "I" and "İ" lowercase to "ı" and "i", and the dot of an "i" written with
    one more goes."""
    return _spelled(text, casing, _Runs(casing))[0]


# Each ASCII byte that is no letter or digit -> a space, the rest kept: a word (a run of _written_words' plane 0
# class) never holds such a byte, so a text's UTF-8 split at them cuts it only between its words
_CUT = bytes(byte if byte >= 0x80 or chr(byte).isalnum() else 0x20 for byte in range(256))


class _Runs(dict):
    """A NFKC text's runs of letters, digits and non-ASCII characters (its UTF-8 bytes split at _CUT's spaces) ->
    the words spelled() finds in each: a run is looked at once a task, not every time a text has it (most runs are
    one word, and words repeat: "the" is one run however many bodies write it). A run is lowercased here, once, and
    shares its lowercase's entry ("The" and "the"). None for a run with an IGNORABLE or UNSPACED character or one
    past plane 0: its text's words are found otherwise."""

    def __init__(self, casing: str = ""):
        super().__init__()
        self.casing = casing
        self.written = _Written(self)

    def __missing__(self, run: bytes) -> tuple[str, ...] | None:
        text = _lower(run.decode("utf-8", "surrogatepass"), self.casing)
        lowered = text.encode("utf-8", "surrogatepass")
        words: tuple[str, ...] | None
        if lowered != run:
            words = self[lowered]
        elif text.isascii():  # (lowercase letters and digits only)
            words = (text[:MAX_TERM],) if len(text) > 1 else ()
        elif _written_words()[2].search(text):
            return None  # (not kept: such a run is often a whole sentence of Chinese or Japanese)
        else:
            # Most words are their own tokens: _whole is the word (English with typographic quotes: all of them)
            words = tuple(itertools.chain.from_iterable(map(_whole, _written_words()[1].findall(text))))
        if words is not None:
            self[run] = words
        return words


class _Written(dict):
    """A non-ASCII text's runs as written (its UTF-8 split at _CUT's spaces, before NFKC) -> their words, through the
    task's _Runs: NFKC is made run by run, once a task, not over every text (its check of a text cost as much as
    the rest of the words' finding but the lookups). NFKC maps a run alone as within its text when the run starts
    with a starter (an ASCII character that is cut composes with no starter that follows it: only "<", "=" and ">"
    compose, with U+0338, a mark), and makes of it the runs the whole text's NFKC has there (it may make cut
    characters: U+00A0, "…"). None for a run that starts with a mark, or holds a capital sigma once made NFKC, or
    that _Runs takes as None: its text is read whole."""

    def __init__(self, runs: _Runs):
        super().__init__()
        self.runs = runs
        self.marked: set[bytes] = set()  # the runs NFKC makes a ".", "#" or "+" in (as "…" or "＃")

    def __missing__(self, run: bytes) -> tuple[str, ...] | None:
        text = run.decode("utf-8", "surrogatepass")
        written = unicodedata.normalize("NFKC", text)
        if written != text and ("." in written or "#" in written or "+" in written):
            self.marked.add(run)
        if "\u03a3" in written or unicodedata.combining(unicodedata.normalize("NFKD", text[0])[0]):
            return None
        if written == text:
            words = self.runs[run]
        else:
            try:
                words = tuple(itertools.chain.from_iterable(map(
                    self.runs.__getitem__, written.encode("utf-8", "surrogatepass").translate(_CUT).split())))
            except TypeError:  # (a run's None)
                return None
        if words is not None:
            self[run] = words
        return words


def _spelled(text: str, casing: str, runs: _Runs, utf8: bytes | None = None) -> tuple[list[str], bool]:
    """spelled()'s words, each run of `runs` (a task's, for every text it reads) looked at once; and whether NFKC
    may make a ".", "#" or "+" in the text (literals() looks for literals made so then). `utf8`: the text's UTF-8,
    if made already."""
    grouped = ungroup(text)
    if grouped is not text:
        text, utf8 = grouped, None
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    # Lowercased run by run (_Runs), not as a whole, which costs more than the rest of the words' finding: lower()
    # maps each character alone, never to an ASCII character that is cut nor from one, so the runs are the same;
    # but a capital sigma is final or not by the letters around it, across runs (tests/test_search.py checks
    # every character). An ASCII text's lower() is cheap, and cheaper than the runs it would make new to the task.
    # An IGNORABLE character is still one, or an UNSPACED letter, after NFKC and lower() (no composition takes one
    # in; tests/test_search.py checks every one), so a text none of whose runs has one had none to drop (each such
    # character is in a run: only ASCII bytes are cut).
    # NFKC makes a ".", "#" or "+" only of a character past ASCII (no composition takes one in), so in a run: one of
    # the task's marked ones, or, in a text read whole, where its NFKC differs
    if text.isascii():
        lowered = _lower(text, casing).encode("utf-8") if casing else utf8.lower()
        try:
            return list(itertools.chain.from_iterable(map(runs.__getitem__, lowered.translate(_CUT).split()))), False
        except TypeError:  # (a run's None)
            pass
    else:
        written_runs = utf8.replace(b"\xe2\x80\x8b", b" ").translate(_CUT).split()  # (U+200B's UTF-8: a space)
        try:
            words = list(itertools.chain.from_iterable(map(runs.written.__getitem__, written_runs)))
            return words, bool(runs.written.marked) and not runs.written.marked.isdisjoint(written_runs)
        except TypeError:
            text = text.replace("\u200b", " ")
    written = unicodedata.normalize("NFKC", text)
    changed = written != text
    if "\u03a3" in written:  # (lowercased whole, then its runs)
        written = _lower(written, casing)
        try:
            return list(itertools.chain.from_iterable(map(
                runs.__getitem__, written.encode("utf-8", "surrogatepass").translate(_CUT).split()))), changed
        except TypeError:
            pass
    written = _lower(written, casing)  # (lower() of a lowercase text is that text)
    if _IGNORED.search(text):  # (dropped before NFKC: a soft hyphen between a letter and its accent)
        written = _lower(unicodedata.normalize("NFKC", _IGNORED.sub("", text)), casing)
    return list(itertools.chain.from_iterable(map(_whole, _written_words()[0].findall(written)))), changed


def _lower(text: str, casing: str) -> str:
    if not casing:
        return text.lower()
    return text.translate(_TURKIC_LOWER).lower().replace("i\u0307", "i")


def casing(language: str) -> str:
    """How a site's language lowercases: "tr" for TURKIC's, else "" (Unicode's default)."""
    return "tr" if primary(language) in TURKIC else ""


@functools.lru_cache(maxsize=1 << 16)  # news repeats its names and places: most words were seen before
def _whole(word: str) -> tuple[str, ...]:
    """A word as written, or its tokens when folding does not leave it one token of MAX_TERM at most; none for one
    letter with its marks that folds to two (`æ` is "ae"), as one letter alone is none."""
    token = fold(word)
    if len(token) == 2 and len(_marks().sub("", word)) == 1:
        return ()
    any_token, unspaced = _tokens()
    found = (any_token if unspaced.search(token) else _WORDS).findall(token)
    if len(found) == 1 and found[0] == token and len(token) <= MAX_TERM:
        return (word,)
    return tuple(part[:MAX_TERM] for part in found)


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """NFKD, combining marks and IGNORABLE characters dropped (é -> e, ﬁ -> fi, soft hyphens), NFC again
    (NFKD splits Hangul syllables into jamo; this puts them back), lowercased with str.lower() (JS
    toLowerCase does the same mapping); and the dotless "ı" is "i", as a query typed without Turkish letters
    has it (Turkish's other letters fold so: ş, ç, ğ, ö, ü), and so are the letters with a stroke, which NFKD
    leaves whole: ł (Polish), ø (Danish, Norwegian), đ (Croatian, Vietnamese), ħ (Maltese); and the ligatures œ
    (French) and æ (Danish, Norwegian) are the two letters their readers type for them, "oe" and "ae"; Greek's final
    sigma ς is σ, as readers type it (or lower() makes it of a capital Σ in the middle of a text); and a digit
    of another script is its ASCII digit (languages.ASCII_DIGITS: ٢٠٢٦ and ۲۰۲۶ are 2026)."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFC", _marks().sub("", unicodedata.normalize("NFKD", text))).lower()
    folded = folded.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ħ", "h")
    return folded.replace("œ", "oe").replace("æ", "ae").replace("ς", "σ").translate(ASCII_DIGITS)


def tokens(text: str, casing: str = "") -> list[str]:
    """The words of a text folded, in order, repeats included: what it is searched by before stemming."""
    found = spelled(text, casing)
    return found if "".join(found).isascii() else list(map(fold, found))


def body_text(body: bytes) -> str:
    """The words of a sanitised body, from the compressed bytes of its HTML (model.body_html's): tags become spaces,
    entities their characters. The tags go from its UTF-8 before it is decoded (less to decode, and the pattern
    is quicker over bytes: docs/dev/search.md, Session 40; a tag is whole characters, as it starts and ends at an ASCII
    byte)."""
    return _body_text(body)[0]


def _body_text(body: bytes) -> tuple[str, bytes]:
    """body_text() and its UTF-8: the untagged bytes themselves when they hold no entity (no encoding again)."""
    untagged = _TAG.sub(b" ", zlib.decompress(body))
    if b"&" not in untagged:
        return untagged.decode("utf-8"), untagged
    text = html.unescape(untagged.decode("utf-8"))
    return text, text.encode("utf-8", "surrogatepass")
