"""French typography: the space French writes before `:`, `;`, `!` and `?` and inside « » made one that no line
breaks at, in a French site's titles and excerpts (`typeset`).

Crawlers write these spaces as plain ones, and a phone's narrow column then broke the line there: a lone `?`
or `»` started the next line. French puts a narrow no-break space (U+202F) before `;`, `!` and `?` and inside
« », and a no-break space (U+00A0) before `:`. Only a space already written is changed (none is added: `Quoi?`
stays as written), and only one before a mark that ends what precedes it: a letter or digit right after the mark
(` :30`, ` ?q=1`) is no French punctuation. Addresses and times hold no space (`12:30`, `https://a.fr/?q`), so
they stay as written; text between backquotes is code, kept as written too.

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
_BEFORE_COLON = re.compile(r" (?=:(?![^\W_]))")
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
