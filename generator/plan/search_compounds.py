"""The words a text makes of several, which search indexes beside its words (search_tokens.spelled) and a query
types as one: hyphenated compounds (`compounds`: "T-Mobile" -> "tmobile"), camel case's parts (`camel_parts`:
"VentureBeat" -> "venture", "beat"), words punctuation makes (`literals`: "9.3.3", "c#"), and two words side by
side one of them short (`joins`, `phrase_joins`: "no code" -> "nocode"). search.js has each of them but
camel_parts (docs/dev/search.md says why each is there and what it costs).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from generator.plan.search_tokens import (MAX_TERM, _IGNORED, _lower, _mark_ranges, _Runs, _spelled, fold, spelled,
                                          ungroup)


# Hyphens that join a compound's parts: the ASCII one, Unicode's hyphen and its non-breaking form
_HYPHENS = "-\u2010\u2011"
_HYPHEN = re.compile(f"[{_HYPHENS}]")


@functools.cache
def _compound() -> re.Pattern:
    """Letters, digits and their marks joined by hyphens (search.js: COMPOUND), from the start of a word only
    (what search.js finds: a match begins where a word does; not tried again at each letter of a long word)."""
    letter = rf"(?:[^\W_]|[{_mark_ranges()}])"
    return re.compile(rf"(?<!{letter}){letter}+(?:[{_HYPHENS}]{letter}+)+")


def compounds(text: str, casing: str = "") -> list[str]:
    """The words a text writes with hyphens ("T-Mobile", "GPT-3", "low-code"), each as the one word `spelled`
    makes of it without them ("tmobile", "gpt3", "lowcode"), in order: a part of one letter is no word of its
    own, so "t-mobile" was "mobile" alone. A compound that is not one word without its hyphens (a CJK one) is
    none; one longer than MAX_TERM is cut, as a word is. (search.js: compounds)"""
    # Only the runs of non-space characters that hold a hyphen, each alone (a compound is inside one, and so are
    # NFKC's and lower()'s changes): the pattern tried at every letter of a body cost more than the rest of the index
    found: list[str] = []
    end = 0
    for hyphen in _hyphens(text):
        if hyphen < end:
            continue
        start = hyphen
        while start > end and not text[start - 1].isspace():
            start -= 1
        end = _NOT_SPACE.match(text, hyphen).end()
        found += _compounds(text[start:end], casing)
    return found


# A capital after a small letter inside a word: where a camel-cased name's parts meet ("VentureBeat"). ASCII letters
# only, so that C finds them in a body: its UTF-8 bytes translated to "a" for a small letter, "A" for a capital, "0"
# for a digit, " " for any other ASCII character (no letter or digit of any script is one) and "x" for the bytes of
# the others, then searched for "aA" (not a pattern tried at every character: docs/dev/performance.md, session 39)
_CASES = bytes(97 if 97 <= b <= 122 else 65 if 65 <= b <= 90 else 48 if 48 <= b <= 57 else 32 if b < 128 else 120
               for b in range(256))
_CAMEL = re.compile(r"[a-z][A-Z]")
_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_END = re.compile(r"[^\W_]*")


def camel_parts(text: str, casing: str = "") -> list[str]:
    """The parts of the words a text writes in camel case ("VentureBeat", "PowerApps", "iPhone"), each as `spelled`
    makes words ("venture", "beat", "power", "apps", "phone"), in order: a reader types them apart, and the word
    itself is one word to the tokeniser. A part starts at an ASCII capital after an ASCII small letter; the word's
    other letters may be any. The index takes them as its compounds; search.js needs no such function, as a query's
    words typed apart are its words already."""
    return _camel_words(text.encode("utf-8", "surrogatepass"), casing)


def _camel_words(written: bytes, casing: str) -> list[str]:
    """camel_parts() of a text's UTF-8."""
    cases = written.translate(_CASES)
    found: list[str] = []
    end = 0
    at = cases.find(b"aA")
    while at >= 0:
        # (the run of bytes between ASCII characters that are no letter or digit: whole words, whatever the script)
        start = cases.rfind(b" ", end, at) + 1 or end
        end = cases.find(b" ", at)
        if end < 0:
            end = len(cases)
        found += _camel_parts(written[start:end].decode("utf-8", "surrogatepass"), casing)
        at = cases.find(b"aA", end)
    return found


def _camel_parts(text: str, casing: str) -> list[str]:
    found: list[str] = []
    end = 0
    for match in _CAMEL.finditer(text):
        if match.start() < end:
            continue
        start = match.start()
        while start > end and text[start - 1].isalnum():
            start -= 1
        end = _WORD_END.match(text, match.start()).end()
        found += spelled(_CAMEL_BREAK.sub(" ", text[start:end]), casing)
    return found


def _hyphens(text: str) -> list[int]:
    """Where a text's hyphens are, in order: str.find jumps from one to the next, where a pattern would be tried at
    every letter of a body (docs/dev/search.md, Compounds, has the cost of each)."""
    found = []
    for hyphen in _HYPHENS:
        at = text.find(hyphen)
        while at >= 0:
            found.append(at)
            at = text.find(hyphen, at + 1)
    return sorted(found)


_NOT_SPACE = re.compile(r"\S*")


def _compounds(text: str, casing: str) -> list[str]:
    written = _lower(unicodedata.normalize("NFKC", _IGNORED.sub("", text.replace("\u200b", " "))), casing)
    found = []
    for run in _compound().findall(written):
        words = spelled(_HYPHEN.sub("", run), casing)
        if len(words) == 1:
            found.append(words[0])
    return found


# Words that punctuation makes, which the tokeniser cuts to pieces of one character or none: a version or a number
# with dots ("9.3.3", "v2.1", "3.20092.32") and a language's name of a letter and "#" or "++" ("C#", "F#", "C++").
# Each is indexed beside the text's words as one term, as written ("9.3.3", "c#"), and a query's must match.
# (search.js: LITERAL)
_LITERAL = re.compile(r"(?<![\w.])(?:[a-z0-9]*[0-9](?:\.[0-9]+)+(?!\w)|[a-z](?:#|\+\+)(?![\w#+]))")


# The characters other than "." whose NFKC holds ".", "#" or "+" (fullwidth forms, "…", "⒈"): where a literal may be
# before NFKC (tests/test_search_literals.py checks the list against Python's Unicode tables)
LITERAL_MARKS = ("#+\u2024-\u2026\u207a\u208a\u2488-\u249b\u33c2\u33c7\u33d8\ufb29\ufe19\ufe30\ufe52\ufe5f\ufe62"
                 "\uff03\uff0b\uff0e\U0001f100")
_LITERAL_MARK = re.compile(f"[.{LITERAL_MARKS}]")  # (a class alone: `re` looks for it in C, not at each character)
# A full stop before a digit or a character past ASCII (NFKC may make it a digit, or it is IGNORABLE and dropped)
_DOT_BEFORE_DIGIT = re.compile(r"\.(?=[0-9\x80-\U0010ffff])")


def literals(text: str, casing: str = "") -> list[str]:
    """The words punctuation makes in a text (_LITERAL: "9.3.3", "v2.1", "c#", "c++"), lowercased NFKC, in order;
    each cut to MAX_TERM, as a word is. In a text that may have one, only the runs of non-space characters that hold
    a mark are looked at, each alone, as compounds() does. (search.js: literals)"""
    return _literals(text, casing, _spelled(text, casing, _Runs(casing))[1])


def _literals(text: str, casing: str, marked: bool) -> list[str]:
    """literals(); `marked`: whether NFKC may make a ".", "#" or "+" in the text (as _spelled() tells)."""
    # A text has none without a full stop before a digit, a "#" or a "+" (each found in C: a pattern tried at each
    # character, or a Python step at each full stop, cost much of the index: docs/dev/search.md, Literals), unless
    # NFKC makes one: every other LITERAL_MARKS character is one it changes, which _spelled tells from its runs (not
    # a check of every text again)
    if not (_DOT_BEFORE_DIGIT.search(text) or "#" in text or "+" in text or marked):
        return []
    text = ungroup(text)  # ("1.999" is the number 1999, no literal: as spelled() reads it)
    if text.isascii():
        return [word[:MAX_TERM] for word in _LITERAL.findall(_lower(text, casing))]
    found: list[str] = []
    end = 0
    for mark in _LITERAL_MARK.finditer(text):
        at = mark.start()
        if at < end or (text[at] == "." and (at + 1 == len(text) or text[at + 1].isspace())):
            continue  # (a full stop at a sentence's end: no literal)
        start = at
        while start > end and not text[start - 1].isspace():
            start -= 1
        end = _NOT_SPACE.match(text, at).end()
        written = _lower(unicodedata.normalize("NFKC", _IGNORED.sub("", text[start:end].replace("\u200b", " "))),
                         casing)
        found += (word[:MAX_TERM] for word in _LITERAL.findall(written))
    return found


# A word of this many letters or fewer beside another is also indexed joined to it (joins)
JOIN_SHORT = 3


def joins(words: list[str], optional: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Two words side by side (as `spelled` gives them) joined as one, where one of them has 2 to JOIN_SHORT letters
    and neither is a function word (`optional`, folded) nor a number: "no code" -> "nocode", "low code" ->
    "lowcode", "set up" -> "setup", "scroll bar" -> "scrollbar", so that a reader who types the compound as one word
    finds the stories that write it apart or with a hyphen (compounds). A short part, as compounds are mostly made
    (a prefix, a short noun); any two words would join as many terms as the phrase pairs, and a query of a long word
    read as two (search.js `apart`) only when it matches nothing. (search.js: joins, joinOf: two query words side by
    side that join are looked up as their join rather than their phrase pair)"""
    found = []
    for first, second in zip(words, words[1:]):
        # (the lengths first: most pairs are of two long words; then the function words, most short words)
        if ((len(first) <= JOIN_SHORT or len(second) <= JOIN_SHORT) and len(first) > 1 and len(second) > 1
                and _joinable(first, optional) and _joinable(second, optional)):
            found.append((first + second)[:MAX_TERM])
    return found


# Where a sentence or a phrase ends: no join across it ("code. Set" is no "codeset"). A full stop, comma, colon ...
# before a space or the text's end (a dot inside "ASP.NET" or "9.3" is none), or one of the scripts written without
# spaces, or a bracket (search.js: PHRASE_END). Written as one class of every end's first character, then which end
# it is, so that `re` looks for that class in C: search.js's two alternatives are tried at every character of a text
_PHRASE_STOPS = ".,;:!?\u2026"
_PHRASE_MARKS = "\u3001\u3002\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f()\\[\\]{}"
PHRASE_END = re.compile(rf"[{_PHRASE_STOPS}{_PHRASE_MARKS}]"
                        rf"(?:(?<=[{_PHRASE_STOPS}])[{_PHRASE_STOPS}]*(?=\s|$)|(?<=[{_PHRASE_MARKS}]))")


def phrase_joins(text: str, casing: str = "", optional: frozenset[str] | set[str] = frozenset(),
                 limit: int | None = None) -> list[str]:
    """`joins` of a text's words phrase by phrase (PHRASE_END), of its first `limit` words if given."""
    return _phrases(text, casing, _Runs(casing), optional, limit)[2]


def phrases(text: str, casing: str = "", optional: frozenset[str] | set[str] = frozenset(),
            limit: int | None = None) -> tuple[list[str], bool, list[str]]:
    """A text's words (spelled), whether NFKC may make a literal's mark in it, and its phrase_joins, as the index
    takes them from its phrases (_phrases)."""
    return _phrases(text, casing, _Runs(casing), optional, limit)


# A phrase's end that lower() reads a capital sigma across (it is case-ignorable: "ΑΣ：Β" is "ασ：β"), so that the
# text's words are not its phrases' end to end (tests/test_search.py checks every phrase end)
_SIGMA_ACROSS = "\uff1a"


def _phrases(text: str, casing: str, runs: _Runs, optional: frozenset[str] | set[str], limit: int | None = None,
             utf8: bytes | None = None) -> tuple[list[str], bool, list[str]]:
    """_spelled() of a text (its words, and whether NFKC may make a literal's mark in it) with a task's runs, and its
    phrase_joins: each phrase spelled once, the text's words being its phrases' end to end (an end is no word's
    letter, none that NFKC joins to a letter, and lower() reads no sigma across one but _SIGMA_ACROSS); after the
    phrase that reaches `limit` words, the rest of the text as one. `utf8`: the text's UTF-8, if made already."""
    mark = PHRASE_END.search(text)
    if mark is None:
        words, marked = _spelled(text, casing, runs, utf8)
        return words, marked, joins(words[:limit], optional)
    whole = _spelled(text, casing, runs, utf8) if _SIGMA_ACROSS in text else None
    words: list[str] = []
    found: list[str] = []
    marked = False
    left = limit
    start = 0
    ends = itertools.chain((mark,), PHRASE_END.finditer(text, mark.end()), (None,))
    for mark in ends:
        part, part_marked = _spelled(text[start:mark.start() if mark else len(text)], casing, runs)
        words += part
        # (NFKC makes "..." of a phrase's "…")
        marked = marked or part_marked or mark is not None and not mark.group().isascii()
        if left is not None:
            part = part[:left]
            left -= len(part)
        found += joins(part, optional)
        if mark is None:
            break
        start = mark.end()
        if left == 0:
            if whole is None:
                rest = None if utf8 is None or not text.isascii() else utf8[start:]
                part, part_marked = _spelled(text[start:], casing, runs, rest)
                words += part
                marked = marked or part_marked
            break
    if whole is not None:
        return whole[0], whole[1], found
    return words, marked, found


def _joinable(word: str, optional: frozenset[str] | set[str]) -> bool:
    """Whether a word may be a part of a join: no function word, folded (a spelled ASCII word is its own fold), nor a
    number."""
    return word not in optional and not word.isdecimal() and (word.isascii() or fold(word) not in optional)
