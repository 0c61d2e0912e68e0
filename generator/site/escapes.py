"""The sanitiser run in time that grows with the length of what it cleans (site/markup.py's `sanitize`).

nh3 0.3.8's HTML writer (html5ever 0.40) looks for the characters it escapes with two searches, and after each
`&` or character from U+0080 to U+00BF (`©`, `«`, a no-break space) it searches again for `<` or `>` (in an
attribute's value also `"`) up to the end of the text: its time grows with the number of those characters
times the length of one text, or one value, that holds none of those. A crawled body of a million `&` in one
paragraph took seconds, 4 MiB of them minutes (docs/dev/performance.md). A body that could cost that much is
cleaned in two steps:

1. with each `&` and each such character written as a pair of characters the writer leaves alone (so no
   character reference is read yet), which gives the body's shape (its elements, attributes and texts as the
   cleaner keeps them) in linear time; the pairs are then written back as they were;
2. that shape is cleaned as the body, its texts cut every few hundred characters by an empty comment (the
   cleaner drops it, leaving the text whole but written in pieces). A long value of an attribute other than
   an address is read as such a text and written as the cleaner writes a value; a longer address than any
   kept (urls.MAX_URL) goes, as `sanitize` would drop it after the cleaner.

A page shows what it showed: the cleaner reads the same characters in the same elements and attributes; only
what the first step moves is read otherwise (a character reference split by a tag it drops, `&am<font></font>p;`;
the text of `<plaintext>` or of an SVG's CDATA, whose references are then read).
"""

from __future__ import annotations

import html as htmlmod
import re
import string
from html.entities import html5

from generator.urls import MAX_URL, read_url

# Past this much (for each run of a body without `<`, the characters in it the writer escapes times its
# length, summed), a body is cleaned in two steps
WRITER_WORK = 200_000_000
TEXT_PIECE = 512  # characters of a text between two cuts, at least
_ESCAPED = re.compile("[&\x80-\xbf]")
_LONG_RUN = re.compile("[^<]{%d,}" % TEXT_PIECE)
# The pairs: a CJK ideograph (a letter wherever it is: in a link's host too) and one of the 66 after it. The
# ideograph's own pair is kept until the end, so that no pair or mark is ever taken for one the body wrote.
_OWN = "\U00020000\U00020001"
_PAIRED = "\U00020000&" + "".join(map(chr, range(0x80, 0xC0)))
_TO_PAIRS = {ord(char): "\U00020000" + chr(0x20001 + at) for at, char in enumerate(_PAIRED)}
_PAIR = re.compile("\U00020000([\U00020002-\U00020042])")
_MARK = re.compile("\U00020000\U00020043([0-9]+)\U00020000\U00020044")
# In the cleaner's output: a tag (its values in double quotes) and an attribute of one
_TAG = re.compile(r'<[^>"]*(?:"[^"]*"[^>"]*)*>')
_ATTRIBUTE = re.compile(r'(\s[a-z-]+)="([^"]*)"')
_ADDRESSES = frozenset({" href", " src", " poster"})
# Where a text may be cut: before a character no character reference reads on (not a letter, a digit, `#` or
# `;`); every character the writer escapes is one
_CUTTABLE = re.compile(r"[^A-Za-z0-9#;]")
_NAMED = re.compile(r"&([^\t\n\f <&#;]{1,32};?)")  # (html.unescape's)
_ALPHANUMERIC = frozenset(string.ascii_letters + string.digits)


def costly(html: str) -> bool:
    """Whether the writer's work for `html` could grow past WRITER_WORK."""
    if (html.count("&") if html.isascii() else len(_ESCAPED.findall(html))) * len(html) <= WRITER_WORK:
        return False
    work = 0
    for run in _LONG_RUN.finditer(html):
        text = run.group()
        work += (text.count("&") if text.isascii() else len(_ESCAPED.findall(text))) * len(text)
    return work > WRITER_WORK


def cleaned(clean, html: str) -> str:
    """`clean(html)` (an nh3 cleaner's), in time linear in the length of `html`."""
    if not costly(html):
        return clean(html)
    values: list[str] = []

    def attribute(match: re.Match) -> str:
        name, value = match.groups()
        if len(value) <= TEXT_PIECE or not _PAIR.search(value):
            return match.group()
        written = _value_written(clean, value)
        if name in _ADDRESSES:
            address = htmlmod.unescape(written).replace(_OWN, "\U00020000")
            return "" if len(address) > MAX_URL and len(read_url(address)) > MAX_URL else match.group()
        values.append(written)
        return f'{name}="\U00020000\U00020043{len(values) - 1}\U00020000\U00020044"'

    shape = _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag.group()), clean(html.translate(_TO_PAIRS)))
    body = clean(_texts_cut(_unpaired(shape)))
    if values:
        body = _MARK.sub(lambda mark: values[int(mark[1])], body)
    return body.replace(_OWN, "\U00020000")


def _unpaired(text: str) -> str:
    """`text` with its pairs written back as the characters they stand for (but the ideograph's own)."""
    return _PAIR.sub(lambda pair: _PAIRED[ord(pair[1]) - 0x20001], text)


def _value_written(clean, value: str) -> str:
    """An attribute's value from the first step (its pairs not written back), as the cleaner writes the value it
    reads there: read as a paragraph's text, with the references a value does not read (`&amp=`, `&notx`) as
    such text."""
    text = _NAMED.sub(_as_in_value, _unpaired(value)).replace("<", "&lt;").replace(">", "&gt;")
    written = clean("<p>" + _cut(text) + "</p>")[3:-4]
    return written.replace('"', "&quot;")


def _as_in_value(match: re.Match) -> str:
    """A named character reference as an attribute's value reads it: one without its `;` (`&amp`, `&not`) is
    read as written when a letter, a digit or `=` follows it."""
    name = match[1]
    if name in html5:
        return match.group()
    for end in range(len(name) - 1, 1, -1):
        if name[:end] in html5:
            return "&amp;" + name if name[end] in _ALPHANUMERIC or name[end] == "=" else match.group()
    return match.group()


def _texts_cut(html: str) -> str:
    """Cleaned HTML with an empty comment in each of its texts every TEXT_PIECE characters or so."""
    parts, at = [], 0
    for tag in _TAG.finditer(html):
        parts += [_cut(html[at:tag.start()]), tag.group()]
        at = tag.end()
    parts.append(_cut(html[at:]))
    return "".join(parts)


def _cut(text: str) -> str:
    if len(text) <= TEXT_PIECE:
        return text
    pieces, at = [], 0
    while (cut := _CUTTABLE.search(text, at + TEXT_PIECE)) is not None:
        pieces.append(text[at:cut.start()])
        at = cut.start()
    pieces.append(text[at:])
    return "<!---->".join(pieces)
