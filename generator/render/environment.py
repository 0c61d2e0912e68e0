"""The Jinja environment a build renders its pages with (`make_env`): the theme's loader, autoescaping on for
every template (content text is never trusted as HTML), the template globals and filters that follow the site's
config and words; and templates compiled once, for every environment of the process and the next build
(`CompiledTemplates`).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from pathlib import PurePath
from types import MappingProxyType
from typing import Iterable, Mapping

import jinja2
from jinja2.sandbox import SandboxedEnvironment, is_internal_attribute
from markupsafe import Markup, escape

from generator import __version__
from generator.config.values import Config
from generator.i18n import Words, facts, fill, load_words
from generator.isotime import Day
from generator.languages import direction, og_locale, own_language
from generator.plan.feeds import html_datetime, provider_home, whole_minute_offset
from generator.plan.pictures import picture, pictures
from generator.render.filters import (_closing, first_image, host, json_script, opens_with, outline, page_feed,
                                      page_feed_name, page_feed_word)
from generator.render.fragments import MemoEnvironment
from generator.render.theme import theme_loader
from generator.render.undefined import ThemeUndefined
from generator.site.local_pictures import LocalCopies
from generator.site.model import ProviderBadge, Site
from generator.site.text import text_width
from generator.site.types import KNOWN, OTHER, badge, badge_before, title_word, titled
from generator.urls import origin_url


def provider_badges(site: Site) -> Mapping[str, ProviderBadge]:
    """The `providers` global: slug -> who each provider is (no counts: see model.ProviderBadge)."""
    return MappingProxyType({slug: provider.badge for slug, provider in site.providers.items()})


class _Environment(MemoEnvironment, SandboxedEnvironment):
    """Sandboxed: a theme may be cloned from anywhere, and Jinja's own environment lets a template reach Python
    through any value it is given (a global function's `__globals__`, str.format's fields, a path's methods),
    which runs what it likes on the computer that builds the site."""

    def make_globals(self, d):
        """A template's globals as one dict (the environment's, and the template's over them) rather than
        Jinja's ChainMap of the two: a page looks globals up many times (each a Python-level loop through
        ChainMap's maps), and every `{% from ... import %}` computes `context keys - globals keys`, a loop
        over every global with ChainMap's keys view (a noticeable part of an article page), in C with a
        dict's. A dict does not see globals added to the environment afterwards: make_env sets
        them all before any template is loaded, and every build makes a new environment."""
        return {**self.globals, **(d or {})}

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        """The sandbox's rule, and no method or part of a path (`config.root`): its methods read and write any
        file (`joinpath(...).write_text(...)`); a template shows a path as its text."""
        return not (attr.startswith("_") or is_internal_attribute(obj, attr) or isinstance(obj, PurePath))


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled in this process, shared by every environment it makes (serve makes one per
    build; a test run makes thousands, for hundreds of sites): compiling the default theme costs far
    more than rendering a small site with it. Jinja keys each by template name and file, and checks it
    against a hash of the template's text, so an edited template is compiled again.

    Compiled code follows from the text alone: the filters that read the config take the context, so Jinja
    cannot work them out when it compiles (_of_the_config: `{{ 'static/css/site.css'|url }}` would become
    "/repo/static/css/site.css", base_url being the first site's), and the environment's settings are the
    same for every site. At most MAX_ENTRIES are kept, emptied when full: the cache only saves time."""

    MAX_ENTRIES = 2_000

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # resets the bucket if the source's hash differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if len(self._code) >= self.MAX_ENTRIES:
            self._code.clear()
        self._code[bucket.key] = bucket.bytecode_to_string()

    def add(self, code: Mapping[str, bytes]) -> None:
        """Code compiled by another process (`of`: the build cache keeps it for the next `newsdesk build`, where
        compiling the theme was a large part of a small edit's build). Jinja loads it only for a template whose
        name, file and text are those it was compiled from, by the same Jinja and Python (its header)."""
        for key, data in code.items():
            if key not in self._code:
                if len(self._code) >= self.MAX_ENTRIES:
                    self._code.clear()
                self._code[key] = data

    def of(self, templates: Iterable[jinja2.Template]) -> dict[str, bytes]:
        """The code of these templates, loaded or compiled, by Jinja's key (for `add` in another process)."""
        found = {}
        for template in templates:
            key = self.get_cache_key(template.name, template.filename)
            if key in self._code:
                found[key] = self._code[key]
        return found


_COMPILED = CompiledTemplates()


def make_env(config: Config, site: Site, fragments: dict | None = None,
             copies: LocalCopies | None = None) -> jinja2.Environment:
    """The environment one build renders with; `fragments`: the outputs of macro calls kept from the last build,
    for one whose site-wide values and templates are the same (else a new dict); `copies`: the copies of
    pictures that `newsdesk pictures` made."""
    env = _Environment(loader=theme_loader(config), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, undefined=ThemeUndefined,  # a misspelt field is an error
                       auto_reload=False,  # a new environment per build: no need to stat templates on every include
                       # (a theme's templates are few: kept in a dict, not Jinja's LRU, which takes a lock and
                       # moves the name in its queue on every include and import of every page)
                       cache_size=-1,
                       bytecode_cache=_COMPILED, fragments=fragments)
    base_path = config.base_path
    zone = config.zone
    words = load_words(config)

    def url(path: str) -> str:
        """Link to a page or file of this site (root-relative, so it works under a base_url path)."""
        if path.startswith(("http://", "https://")):
            return path
        return base_path + path.lstrip("/")

    # A page makes several absolute links, most of them the same on every page (the feeds') or asked again on
    # the same page (its own URL, its picture's): each is worked out once. Small: the repeats are recent ones.
    # (Typed: a str and its Markup are written apart.)
    @lru_cache(maxsize=1 << 12, typed=True)
    def absolute(path: str) -> str:
        return origin_url(config.base_url, url(path))

    def local(moment: datetime) -> datetime:
        return moment.astimezone(zone)

    # A story's date is written on its page, its cards and the lists beside other stories: each moment is
    # written once per format. (Moments are aware: equal ones are one instant, written alike in `zone`; typed,
    # as a Day, a day written alone, is written apart from the same instant written with its time.)
    @lru_cache(maxsize=1 << 15, typed=True)
    def isodate(moment: datetime) -> str:
        return html_datetime(local(moment))

    @lru_cache(maxsize=1 << 15, typed=True)
    def date(moment: datetime, fmt: str | None = None) -> str:
        if isinstance(moment, Day) and fmt == "time":  # (a day alone: no time of it made up)
            fmt = "long"
        return words.date(local(moment), fmt)

    # Scores are written two or three times on every card and story page: each number once (per type).
    number = lru_cache(maxsize=1 << 12, typed=True)(words.number)

    @jinja2.pass_context
    def internal(context, link: str) -> str:
        """The path of the site's own page for an outside URL, if the site has that story and the page
        shows it (Page.items: an article page shows the related coverage the site has). So what it
        returns follows from the page's items, which its fingerprint covers: a story moved or added
        changes the pages that show it, not every page that could call this (every story page)."""
        shown = site
        index = shown.url_index.get(link)
        page = context.get("page")
        if index is None or page is None or index not in page.items:
            return ""
        return shown.items[index].path

    badges = provider_badges(site)
    plain = {key: text for key, text in words.entries.items() if isinstance(text, str)}

    def t(key: str, n=None, **values) -> str:
        """The theme's word `key` in the site's language (generator/i18n.py), its `{name}`s filled with `values`
        and `{n}` with the count `n`. Text, escaped once by autoescaping; with HTML among the values (a
        `{% set %}` block's link), HTML: the word escaped here, the values as they are or escaped."""
        if n is None and not values:
            text = plain.get(key)
            if text is not None:  # (most words: nothing to choose or fill)
                return text
        try:  # (each value with its type: 1 and True, a text and its Markup, are equal and written apart)
            return filled(key, n, *[(name, type(value), value) for name, value in values.items()])
        except TypeError:  # a value that is no key (a list): filled every time
            return translate(words, key, n, values)

    # A word filled in is the same for the same values: a card's meter label, "More from <provider>" on its
    # stories' pages, the footer on every page
    @lru_cache(maxsize=1 << 12, typed=True)
    def filled(key: str, n, *values: tuple) -> str:
        return translate(words, key, n, {name: value for name, _, value in values})

    def search_words() -> dict:
        """The words static/search/search.js shows, for the search page's JSON block; `english`: those of them
        shown in English for a partial words file (i18n.Words.english), which it marks as word_lang does, and
        `date_short` when the results' dates (the index's, written as the cards') are English (date_lang)."""
        english = [key for key in SEARCH_WORDS if key in words.english] + ["date_short"] * bool(date_lang("short"))
        return {**{key: words.entries.get(key, key) for key in SEARCH_WORDS}, "language": words.speaks,
                "english": sorted(english)}

    # (the same text on every page, made once: the pages' fingerprints hold the words through words.digest)
    # (and the digits its counts are written in, for a language that writes others than 0-9: Persian's ۰-۹)
    ago_words = Markup(json_script({**{key: words.entries[key] for key in AGO_WORDS if key in words.entries},
                                    **({"number_digits": words.entries["number_digits"]} if words.digits else {}),
                                    "english": sorted(key for key in AGO_WORDS if key in words.english)})
                       .replace("'", "\\u0027"))

    def relative_time_words() -> Markup:
        """The words static/js/relative-times.js writes recent dates in ("3 hours ago": `minutes_ago`, `hours_ago`,
        `days_ago`, each its plural forms, `yesterday`, `day_before_yesterday` and `today`; `number_digits` where
        they are not 0-9; `english`: those of them shown in English for a partial words file, which it marks as
        word_lang does), as JSON for its script element's single-quoted `data-ago` (', <, > and & written as JSON
        escapes)."""
        return ago_words

    def publisher(ref) -> dict:
        """The Organization a story's JSON-LD names as publisher (and author, when it names none), from the item's
        ProviderRef (or None): its home page as the feeds and the API give it, a port of its own kept."""
        provider = badges.get(ref.slug) if ref is not None else None
        if provider is None:
            return {"@type": "Organization", "name": config.title, "url": config.base_url}
        organization = {"@type": "Organization", "name": provider.name}
        if provider_home(ref):
            organization["url"] = provider_home(ref)
        if provider.logo:
            organization["logo"] = {"@type": "ImageObject", "url": absolute(provider.logo.url)}
        return organization

    def news_article(item) -> dict:
        """A story as schema.org's NewsArticle, for its JSON-LD: `{{ news_article(item)|json_script }}`.
        Python rather than template code: building the nested dicts in Jinja was a large part of a story page."""
        organization = publisher(item.provider)
        page_url = absolute(item.path)
        article = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": item.title,
            "description": item.excerpt, "datePublished": _published(local(item.published)),
            "url": page_url, "mainEntityOfPage": page_url,
            "inLanguage": own_language(item.language, config.language) or config.language,
            "publisher": organization,
            "author": {"@type": "Person", "name": item.author} if item.author else organization,
        }
        if not article["inLanguage"]:  # (none declared: not an empty language)
            del article["inLanguage"]
        if not item.excerpt:  # (none written: not an empty description)
            del article["description"]
        if item.images:
            article["image"] = [absolute(image.url) for image in item.images]
        if item.topics:
            names = [site.topics[slug].name for slug in item.topics]
            article.update(keywords=names, articleSection=names[0])
        if item.link:
            article["isBasedOn"] = item.link
        return article

    # A site in a language the theme has no words for (`ko`) shows them in English: the body says so, and the
    # content (titles, excerpts, names, the site's own title) says it is in the site's language, so that a screen
    # reader reads each in its own voice. Nothing is marked when the words are the content's language.
    mixed = words.speaks.lower() != (config.language or "").lower()
    words_lang = Markup(f' lang="{escape(words.speaks)}"') if mixed else ""
    content_lang = Markup(f' lang="{escape(config.language)}"') if mixed else ""

    def head_lang(kind: str):
        """words_lang for the head's elements that hold a page's title or description when the theme's words
        name the page (Latest, Topics, Search, a list by type, 404 ...): their language, which RDFa takes for the
        Open Graph tags' text. A home, story, topic or provider page is named by its content, in the document's
        language (`<html lang>`, the site's); so is the mixed `<title>` ("Latest · <site title>"), which browsers
        give screen readers in the document's language whatever its own `lang`."""
        return "" if kind in ("home", "article", "topic", "provider") else words_lang

    english = Markup(' lang="en"')

    def shown_in_english(keys) -> bool:
        return bool(words.english) and all(key in words.english for key in keys)

    def word_lang(*keys: str, inside=()):
        """` lang="en"` for an element that holds only these words when each is shown in English on a page of
        another language (keys the site's words file lacks: i18n.Words.english), so that a screen reader reads
        them in an English voice; else nothing (and nothing where the whole body is English: words_lang).
        `inside`: the key (or keys) of a label or heading around the element that is itself marked English (the
        header's "Sections" over its links): then it is the element of words the file translates that says the
        page's language again, as content_lang_in does for the content."""
        if inside and shown_in_english((inside,) if isinstance(inside, str) else inside):
            return "" if shown_in_english(keys) else site_lang
        return english if shown_in_english(keys) else ""

    def word_span(text, *keys: str, inside=()):
        """A theme's word `text` (of `keys`) beside others or the content in one element (a provider's "12 stories ·
        average quality 70"), in a <span> of word_lang(*keys, inside=inside) when that marks it, else as it is."""
        marked = word_lang(*keys, inside=inside)
        return Markup(f"<span{marked}>{escape(text)}</span>") if marked else text

    @lru_cache(maxsize=16)
    def date_lang(fmt: str | None = None):
        """word_lang for a date written by the `date` filter in `fmt`: of the names it writes (months ...), or of
        its format when it writes none, so that "20 November 2026" of a words file without month names is read
        in English and a date of its own names in the page's language."""
        written = words.text(f"date_{fmt or 'long'}") if not fmt or "%" not in fmt else fmt
        names = [DATE_NAMES[code] for code in re.findall(r"%([BbAa])", written)]
        return word_lang(*names) if names else word_lang(f"date_{fmt or 'long'}") if "%" not in (fmt or "") else ""

    site_lang = Markup(f' lang="{escape(config.language)}"') if config.language else ""

    def content_lang_in(*keys: str):
        """content_lang for content inside an element that word_lang(*keys) marks English (a card's topics under
        their "Topics" label, the provider in "More from {provider}"): the site's language again, so that a
        screen reader reads the label in English and the names in their own voice."""
        return site_lang if word_lang(*keys) else content_lang

    # The page's direction is that of the language its words are in (the body's): a Pashto site without Pashto
    # words reads as an English page, its own text in its own direction (the theme's `unicode-bidi: plaintext`),
    # not English words mirrored ("21 Nov 2026" shown as "Nov 2026 21")
    rtl = direction(words.speaks) == "rtl"

    def item_lang(item):
        """content_lang for an item's own text (its title, excerpt, body) on its card and page: its `language`, when
        it has one other than the site's, with its direction when that is not the page's (an Arabic story on an
        English site); else content_lang."""
        tag = own_language(item.language, config.language)
        if not tag:
            return content_lang
        written = direction(tag)
        return Markup(f' lang="{escape(tag)}"' + (f' dir="{written}"' if (written == "rtl") != rtl else ""))

    def isolated(text):
        """A name of the content in a <bdi>, which reads in the direction of its own first letter and keeps what is
        beside it in its place: an English provider's "Yahoo!" on an Arabic card (not "!Yahoo"), an Arabic
        sub-topic's "اقتصاد · 2 stories" on an English page (not "2 · اقتصاد stories")."""
        return Markup(f"<bdi>{escape(text)}</bdi>")

    def in_site_language(text, *keys: str):
        """A name or text of the content inside a theme's sentence, in a <span> of content_lang_in(*keys) when that
        is not empty, else as it is; isolated either way."""
        marked = content_lang_in(*keys)
        return isolated(Markup(f"<span{marked}>{escape(text)}</span>") if marked else text)

    @lru_cache(maxsize=256)  # (a site has a few types, each on many cards)
    def kind_badge(kind: str) -> tuple[str, str]:
        return badge(kind, words)

    def type_badge(kind: str, title: str = "") -> tuple[str, str]:
        """(text, word) of an item's type badge: types.badge; `word` "" for a type shown as the crawler wrote it;
        none before a `title` that names the type first (types.badge_before)."""
        return badge_before(title, kind_badge(kind))

    env.globals.update(url=url, absolute=absolute, internal=internal, version=__version__,
                       page_feed=page_feed, page_feed_word=page_feed_word, news_article=news_article, t=t,
                       search_words=search_words, relative_time_words=relative_time_words,
                       page_feed_name=lambda page, list_title="": page_feed_name(page, list_title, words),
                       first_image=first_image, facts=lambda item: facts(words, item),
                       picture=lambda images, width: picture(images, width, url, config.picture_resizer, copies),
                       pictures=pictures,
                       config=config, topics=site.topics, providers=badges, og_locale=og_locale(config.language),
                       # `<html dir>` of a language written right to left (nothing for left to right, the default)
                       html_dir=Markup(' dir="rtl"') if rtl else "",
                       words_language=words.speaks, words_lang=words_lang, content_lang=content_lang,
                       item_lang=item_lang, head_lang=head_lang, word_lang=word_lang, content_lang_in=content_lang_in,
                       date_lang=date_lang,
                       type_badge=type_badge, type_word=title_word,
                       type_lists=tuple(titled(listed, words) for listed, _ in site.type_lists)
                       if config.type_lists else ())
    env.filters.update(
        # The same as the url() and absolute() functions, as filters: `{{ item.path|url }}`. The default theme
        # uses these (a page makes ~50 links): Jinja calls a filter directly, a function through its context.
        url=_of_the_config(url),
        absolute=_of_the_config(absolute),
        local=_of_the_config(local),
        isodate=_of_the_config(isodate),
        date=_of_the_config(date),
        number=number,
        json_script=json_script,
        host=host,
        truncate=_closing(env.filters["truncate"]),
        outline=outline,
        opens_with=opens_with,
        # a name in a theme's sentence ("More from {provider}"), marked as content_lang marks the content
        in_site_language=in_site_language,
        # a name of the content in a <bdi>, which reads in its own direction on a page of either
        isolated=isolated,
        # a theme's word beside other text in one element, marked as word_lang marks an element
        word_span=word_span,
        # how wide a text is drawn, in Latin letters (a Chinese, Japanese or Korean letter counts 2): a headline's
        # measure of `long`, as search.js's
        text_width=text_width,
    )
    # `published is day`: a date given without a time (isotime.Day), whose time a theme's own format leaves out
    env.tests["day"] = _is_day
    return env


def _is_day(value) -> bool:
    return isinstance(value, Day)


def _of_the_config(function):
    """A filter whose value follows the site's config (base_url, timezone). Jinja works out a filter of
    constant arguments when it compiles (`{{ 'static/css/site.css'|url }}`) unless the filter takes the
    template's context: so this one does, and a compiled template holds nothing of the config it was first
    compiled for (CompiledTemplates shares it between sites)."""
    @jinja2.pass_context
    def filter_(_context, *args):
        return function(*args)
    return filter_


# The words search.js shows (it reads them from the block with_search_words puts into the search page).
SEARCH_WORDS = ("search_longer", "search_did_you_mean", "search_none", "search_found", "search_partial",
                "search_unavailable", "heat", "hot_signal", "meter_label", "sources", "also_covered", "topics",
                "number_decimal", "number_group", "number_group_from", "number_digits",
                *(f"badge_{kind}" for kind in (*KNOWN, OTHER)))


# The words relative-times.js writes recent dates in (its script element's data-ago: relative_time_words).
AGO_WORDS = ("minutes_ago", "hours_ago", "days_ago", "yesterday", "day_before_yesterday", "today")


def _published(moment: datetime) -> str:
    """schema.org's datePublished: a Date for a day written alone (isotime.Day), else a DateTime."""
    return moment.date().isoformat() if isinstance(moment, Day) else whole_minute_offset(moment).isoformat()


# strftime's codes of names -> the words' lists of those names (i18n.Words.date)
DATE_NAMES = {"B": "months", "b": "months_short", "A": "weekdays", "a": "weekdays_short"}


def translate(words: Words, key: str, n, values: dict):
    """Template's t(): see make_env."""
    text = words.text(key, n)
    if n is not None:
        values.setdefault("n", n)
    if any(isinstance(value, Markup) for value in values.values()):
        return Markup(fill(str(escape(text)), values,
                           lambda value: str(escape(value if isinstance(value, Markup) else words.show(value)))))
    return fill(text, values, words.show)
