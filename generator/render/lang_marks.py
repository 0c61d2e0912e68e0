"""Which language and direction each part of a page is marked in, so that a screen reader reads each in its own
voice and a name of another script keeps its place: the theme's words (`word_lang`, `word_span`, `date_lang`,
`head_lang`), the content (`content_lang_in`, `in_site_language`, `item_lang`) and a name alone (`isolated`).
`LangMarks.of` works out the marks of one site once; make_env binds these functions to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.config.values import Config
from generator.i18n import Words
from generator.languages import direction, own_language

_ENGLISH = Markup(' lang="en"')

# strftime's codes of names -> the words' lists of those names (i18n.Words.date)
DATE_NAMES = {"B": "months", "b": "months_short", "A": "weekdays", "a": "weekdays_short"}


@dataclass(frozen=True)
class LangMarks:
    """The `lang` (and `dir`) attributes of one site's pages.

    A site in a language the theme has no words for (`ko`) shows them in English: the body says so
    (`words_lang`), and the content (titles, excerpts, names, the site's own title) says it is in the site's
    language (`content_lang`). Nothing is marked when the words are the content's language."""

    words: Words
    english: frozenset  # the keys of the words shown in English (i18n.Words.english)
    language: str  # the site's (config.language), or ""
    words_lang: Markup | str  # ` lang="en"` on the body when the words are not the site's language, else ""
    content_lang: Markup | str  # ` lang="<the site's>"` on the content then, else ""
    site_lang: Markup | str  # ` lang="<the site's>"` whenever the site declares a language
    # The page's direction is that of the language its words are in (the body's): a Pashto site without Pashto
    # words reads as an English page, its own text in its own direction (the theme's `unicode-bidi: plaintext`),
    # not English words mirrored ("21 Nov 2026" shown as "Nov 2026 21")
    rtl: bool

    @classmethod
    def of(cls, config: Config, words: Words) -> LangMarks:
        language = config.language or ""
        mixed = words.speaks.lower() != language.lower()
        return cls(words, words.english, language,
                   words_lang=Markup(f' lang="{escape(words.speaks)}"') if mixed else "",
                   content_lang=Markup(f' lang="{escape(config.language)}"') if mixed else "",
                   site_lang=Markup(f' lang="{escape(language)}"') if language else "",
                   rtl=direction(words.speaks) == "rtl")


def head_lang(marks: LangMarks, kind: str):
    """words_lang for the head's elements that hold a page's title or description when the theme's words
    name the page (Latest, Topics, Search, a list by type, 404 ...): their language, which RDFa takes for the
    Open Graph tags' text. A home, story, topic or provider page is named by its content, in the document's
    language (`<html lang>`, the site's); so is the mixed `<title>` ("Latest · <site title>"), which browsers
    give screen readers in the document's language whatever its own `lang`."""
    return "" if kind in ("home", "article", "topic", "provider") else marks.words_lang


def _shown_in_english(marks: LangMarks, keys) -> bool:
    return bool(marks.english) and all(key in marks.english for key in keys)


def word_lang(marks: LangMarks, *keys: str, inside=()):
    """` lang="en"` for an element that holds only these words when each is shown in English on a page of
    another language (keys the site's words file lacks: i18n.Words.english), so that a screen reader reads
    them in an English voice; else nothing (and nothing where the whole body is English: words_lang).
    `inside`: the key (or keys) of a label or heading around the element that is itself marked English (the
    header's "Sections" over its links): then it is the element of words the file translates that says the
    page's language again, as content_lang_in does for the content."""
    return _word_lang(marks, keys, inside)


def _word_lang(marks: LangMarks, keys: tuple, inside) -> Markup | str:
    """word_lang of the keys as a tuple, as the functions here call it (`f(marks, *keys)` builds a new tuple)."""
    if inside and _shown_in_english(marks, (inside,) if isinstance(inside, str) else inside):
        return "" if _shown_in_english(marks, keys) else marks.site_lang
    return _ENGLISH if _shown_in_english(marks, keys) else ""


def word_span(marks: LangMarks, text, *keys: str, inside=()):
    """A theme's word `text` (of `keys`) beside others or the content in one element (a provider's "12 stories ·
    average quality 70"), in a <span> of word_lang(*keys, inside=inside) when that marks it, else as it is."""
    marked = _word_lang(marks, keys, inside)
    return Markup(f"<span{marked}>{escape(text)}</span>") if marked else text


def date_lang(marks: LangMarks, fmt: str | None = None):
    """word_lang for a date written by the `date` filter in `fmt`: of the names it writes (months ...), or of
    its format when it writes none, so that "20 November 2026" of a words file without month names is read
    in English and a date of its own names in the page's language."""
    written = marks.words.text(f"date_{fmt or 'long'}") if not fmt or "%" not in fmt else fmt
    names = [DATE_NAMES[code] for code in re.findall(r"%([BbAa])", written)]
    if names:
        return _word_lang(marks, tuple(names), ())
    return _word_lang(marks, (f"date_{fmt or 'long'}",), ()) if "%" not in (fmt or "") else ""


def content_lang_in(marks: LangMarks, *keys: str):
    """content_lang for content inside an element that word_lang(*keys) marks English (a card's topics under
    their "Topics" label, the provider in "More from {provider}"): the site's language again, so that a
    screen reader reads the label in English and the names in their own voice."""
    return _content_lang_in(marks, keys)


def _content_lang_in(marks: LangMarks, keys: tuple) -> Markup | str:
    return marks.site_lang if _word_lang(marks, keys, ()) else marks.content_lang


def item_lang(marks: LangMarks, item):
    """content_lang for an item's own text (its title, excerpt, body) on its card and page: its `language`, when
    it has one other than the site's, with its direction when that is not the page's (an Arabic story on an
    English site); else content_lang."""
    tag = own_language(item.language, marks.language)
    if not tag:
        return marks.content_lang
    written = direction(tag)
    return Markup(f' lang="{escape(tag)}"' + (f' dir="{written}"' if (written == "rtl") != marks.rtl else ""))


def in_site_language(marks: LangMarks, text, *keys: str):
    """A name or text of the content inside a theme's sentence ("More from {provider}"), in a <span> of
    content_lang_in(*keys) when that is not empty, else as it is; isolated either way."""
    marked = _content_lang_in(marks, keys)
    return isolated(Markup(f"<span{marked}>{escape(text)}</span>") if marked else text)


def isolated(text):
    """A name of the content in a <bdi>, which reads in the direction of its own first letter and keeps what is
    beside it in its place: an English provider's "Yahoo!" on an Arabic card (not "!Yahoo"), an Arabic
    sub-topic's "اقتصاد · 2 stories" on an English page (not "2 · اقتصاد stories")."""
    return Markup(f"<bdi>{escape(text)}</bdi>")
