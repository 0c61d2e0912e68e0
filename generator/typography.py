"""French typography: the space French writes before `:`, `;`, `!` and `?` and inside « » made one that no line
breaks at, in a French site's titles, excerpts and the names of its topics and providers (`typeset`), and in the
text of its bodies (`typeset_html`).

Crawlers write these spaces as plain ones, and a phone's narrow column then broke the line there: a lone `?`
or `»` started the next line. French puts a narrow no-break space (U+202F) before `;`, `!` and `?` and inside
« », and a no-break space (U+00A0) before `:`. Only a space already written is changed (none is added: `Quoi?`
stays as written), and only one before a mark that ends what precedes it: a letter or digit right after the mark
(` :30`, ` ?q=1`) is no French punctuation. Addresses and times hold no space (`12:30`, `https://a.fr/?q`), so
they stay as written, and so does `::` (code's, `std :: vector`); text between backquotes is code, kept as
written too. In a body, only the text a reader reads is changed: not that of code (`<code>`, `<pre>`, `<kbd>`),
nor attributes (addresses, a picture's text).

The items' text holds the characters, so every output shows them alike: pages, feeds, the JSON API and the
search's results (the no-break spaces the text already had were kept the same way: site.text.plain_text). They
are white space to the search's tokeniser and to `str.split`, so the words are found as before.
"""

from __future__ import annotations

import re

from generator.languages import primary

NARROW_NO_BREAK = "\u202f"  # before `;`, `!`, `?`, and inside « »
NO_BREAK = "\u00a0"  # before `:`

_MARKS = frozenset(";:!?«»")
# (a space before a mark followed by no letter or digit)
_BEFORE = re.compile(r" (?=[;!?»](?![^\W_]))")
_BEFORE_COLON = re.compile(r" (?=:(?![^\W_]|:))")
_CODE = re.compile(r"(`[^`\n]*`)")


def french(language: str) -> bool:
    """Whether a site's `language` (`fr`, `fr-CA`, `fr_BE`) is French."""
    return primary(language) == "fr"


def typeset(text: str, language: str) -> str:
    """`text` with the spaces before `: ; ! ?` and inside « » no-break ones on a French site (`language`); as it
    is in any other language."""
    if not text or " " not in text or _MARKS.isdisjoint(text) or not french(language):
        return text
    if "`" not in text:
        return _spaced(text)
    return "".join(part if index % 2 else _spaced(part) for index, part in enumerate(_CODE.split(text)))


def _spaced(text: str) -> str:
    # (replacements, not a function called for each space, which cost more: docs/dev/performance.md)
    text = _BEFORE.sub(NARROW_NO_BREAK, text.replace("« ", "«" + NARROW_NO_BREAK) if "«" in text else text)
    return _BEFORE_COLON.sub(NO_BREAK, text) if " :" in text else text


# What a body keeps as written (in sanitised HTML: a tag's `>` ends it, one in an attribute's value is `&gt;`): an
# element of code or keys, text and all, written as it is to be typed; a tag with attributes. (A tag without
# any holds no space, which the spaces' patterns need, so the text around it is typeset as one.)
_KEPT = re.compile(r"<(code|pre|kbd|samp|var)\b[^>]*>.*?</\1>|<[a-z][a-z0-9]*\s[^>]*>", re.DOTALL)
_SPACED = re.compile(r" [;:!?»]|« ")


def typeset_html(html: str, language: str) -> str:
    """A sanitised HTML body with its text typeset (`typeset`) on a French site: the text between its tags, but
    that of code (_KEPT); its tags and their attributes as they are. As it is in any other language."""
    if not html or not french(language) or not _SPACED.search(html):
        return html
    parts, at = [], 0
    for kept in _KEPT.finditer(html):
        if kept.start() > at:
            parts.append(typeset(html[at:kept.start()], language))
        parts.append(kept.group())
        at = kept.end()
    parts.append(typeset(html[at:], language))
    return "".join(parts)
