"""French typography: the space French writes before `:`, `;`, `!` and `?` and inside « » made one that no line
breaks at, in a French site's titles, excerpts and the names of its topics and providers (`typeset`), and in the
text of its bodies (`typeset_html`).

Crawlers write these spaces as plain ones, and a phone's narrow column then broke the line there: a lone `?`
or `»` started the next line. French puts a narrow no-break space (U+202F) before `;`, `!` and `?` and inside
« », and a no-break space (U+00A0) before `:`. Only a space already written is changed (none is added: `Quoi?`
stays as written; a run of spaces, tabs or line breaks, which a browser shows as one, becomes one), and only one
before a mark that ends what precedes it: a letter or digit right after the mark (` :30`, ` ?q=1`) is no French
punctuation. Addresses and times hold no space (`12:30`, `https://a.fr/?q`), so
they stay as written, and so does `::` (code's, `std :: vector`); text between backquotes is code, kept as
written too. In a body, only the text a reader reads is changed: not that of code (`<code>`, `<pre>`, `<kbd>`),
nor attributes (addresses, a picture's text); a mark and its space split by inline tags (`Bonjour
<strong>!</strong>`, `« <a href="…">lien</a> »`) are one mark and its space, the tags kept where they are.

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

# The one rule, for text and for a body's HTML alike: white space before `; ! ? »` or `:` followed by no letter or
# digit (nor, for `:`, another `:`), and one after «; in HTML with inline tags between the space and its mark
# (`Bonjour <strong>!</strong>`, `« <a href="…">lien</a> »`), kept as they are, the space before them made a
# no-break one. Block tags, a line break, a picture and code are not seen through: a space before them is no
# mark's. What stays as written, matched first so that the marks' alternatives never look inside it: text
# between backquotes (code), and in HTML an element of code, keys or script, text and all, and every tag,
# attributes and all (in sanitised HTML a tag's `>` ends it: one in an attribute's value is `&gt;`).
_INLINE = "a|abbr|b|bdi|bdo|cite|data|del|dfn|em|i|ins|mark|q|s|small|span|strong|sub|sup|time|u"
_RULE = (r"{kept}"
         r"|[ \t\n]+(?P<before>{gap})(?=[;!?»](?!{gap}[^\W_])|:(?!{gap}(?:[^\W_]|:)))"
         r"|«(?P<after>{gap})[ \t\n]+")
_TEXT = re.compile(_RULE.format(kept=r"`[^`\n]*`", gap=""))
_HTML = re.compile(_RULE.format(
    kept=r"`[^`\n<]*`|<(?P<code>code|pre|kbd|samp|var|script|style)\b[^>]*>.*?</(?P=code)>|<[a-z][a-z0-9]*\s[^>]*>",
    gap=rf"(?:</?(?:{_INLINE})(?:\s[^>]*)?>)*"), re.DOTALL)


def french(language: str) -> bool:
    """Whether a site's `language` (`fr`, `fr-CA`, `fr_BE`) is French."""
    return primary(language) == "fr"


def typeset(text: str, language: str) -> str:
    """`text` with the spaces before `: ; ! ?` and inside « » no-break ones on a French site (`language`); as it
    is in any other language."""
    if not text or _MARKS.isdisjoint(text) or not french(language):
        return text
    return _TEXT.sub(_spaced, text)


def _spaced(match: re.Match) -> str:
    before, after = match.group("before", "after")
    if before is not None:
        return (NO_BREAK if match.string[match.end()] == ":" else NARROW_NO_BREAK) + before
    if after is not None:
        return "«" + after + NARROW_NO_BREAK
    return match[0]  # (kept as written)


def typeset_html(html: str, language: str) -> str:
    """A sanitised HTML body with its text typeset (`typeset`) on a French site: the text between its tags, seen
    through inline ones, but that of code; its tags and their attributes as they are. As it is in any other
    language."""
    if not html or _MARKS.isdisjoint(html) or not french(language):
        return html
    return _HTML.sub(_spaced, html)
