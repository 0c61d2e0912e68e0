"""The Jinja environment a build renders its pages with (`make_env`): the theme's loader, autoescaping on for
every template (content text is never trusted as HTML), the template globals and filters that follow the site's
config and words; and templates compiled once, for every environment of the process and the next build
(`CompiledTemplates`).
"""

from __future__ import annotations

from functools import cache, lru_cache, partial
from pathlib import PurePath
from types import MappingProxyType
from typing import Iterable, Mapping

import jinja2
from jinja2.sandbox import SandboxedEnvironment, is_internal_attribute
from markupsafe import Markup

from generator import __version__
from generator.config.values import Config
from generator.i18n import facts, load_words
from generator.languages import og_locale
from generator.plan.pictures import picture, pictures
from generator.render import dates, json_ld, lang_marks, links, theme_words
from generator.render.budget import Budget, StepCounting
from generator.render.filters import (_closing, first_image, host, json_script, opens_with, outline, page_feed,
                                      page_feed_name, page_feed_word, whole_words)
from generator.render.fragments import MemoEnvironment
from generator.render.lang_marks import LangMarks, isolated
from generator.render.theme import theme_loader
from generator.render.undefined import ThemeUndefined
from generator.site.local_pictures import LocalCopies
from generator.site.model import ProviderBadge, Site
from generator.site.text import text_width
from generator.site.types import badge, title_word, titled


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

    # A page's budget (render.budget): its compiled code counts its steps and the text `~` makes, and `+`, `*` and
    # `**` are the sandbox's
    code_generator_class = StepCounting
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}
        self.budget = Budget()
        self.step = self.budget.step
        self.globals["range"] = self.budget.range
        for name, costed in (("center", self.budget.widening), ("indent", self.budget.widening),
                             ("slice", self.budget.counting), ("batch", self.budget.counting),
                             ("join", self.budget.joining), ("replace", self.budget.replacing)):
            self.filters[name] = costed(self.filters[name])
        del self.globals["lipsum"]  # (Jinja's placeholder text: paragraphs as many as asked, at no step's cost)

    def call_binop(self, context, operator: str, left, right):
        return self.budget.binop(operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # (the sandbox's names: an argument may be `self`)
        counted_after = __self.budget.calling(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return __self.budget.made(result) if counted_after else result

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        """The sandbox's rule, and no method or part of a path (`config.root`): its methods read and write any
        file (`joinpath(...).write_text(...)`); a template shows a path as its text. Worked out once per type
        and name: the rule reads only what the value is (not the value), and a page reads a few fields
        thousands of times (its chain of type checks was most of what the sandbox cost)."""
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = not (attr.startswith("_") or is_internal_attribute(obj, attr)
                                          or isinstance(obj, PurePath))
        return safe


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


def make_env(config: Config, site: Site, copies: LocalCopies | None = None) -> jinja2.Environment:
    """The environment one build renders with (it holds no output: the imported macros' calls are kept in the
    store each page's rendering names, render.page.render_page); `copies`: the copies of pictures that
    `newsdesk pictures` made. Its filters and globals
    are the functions of links.py, dates.py, theme_words.py, lang_marks.py and json_ld.py, bound here to this
    site's values."""
    env = _Environment(loader=theme_loader(config), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True, undefined=ThemeUndefined,  # a misspelt field is an error
                       auto_reload=False,  # a new environment per build: no need to stat templates on every include
                       # (a theme's templates are few: kept in a dict, not Jinja's LRU, which takes a lock and
                       # moves the name in its queue on every include and import of every page)
                       cache_size=-1,
                       bytecode_cache=_COMPILED)
    zone = config.zone
    words = load_words(config)
    badges = provider_badges(site)
    marks = LangMarks.of(config, words)

    url = partial(links.url, config.base_path)
    # Several caches, one per build, as a page writes the same value again and again. Small: the repeats are
    # recent ones. Typed: a str and its Markup, 1 and True, a Day and the same instant with its time, are written
    # apart. Absolute links: most of them the same on every page (the feeds'), or asked again on the same page
    # (its own URL, its picture's).
    absolute = lru_cache(maxsize=1 << 12, typed=True)(partial(links.absolute, config.base_url, config.base_path))
    # A story's date is written on its page, its cards and the lists beside other stories: each moment once per
    # format (moments are aware: equal ones are one instant, written alike in `zone`).
    isodate = lru_cache(maxsize=1 << 15, typed=True)(partial(dates.isodate, zone))
    date = lru_cache(maxsize=1 << 15, typed=True)(partial(dates.written, words, zone))
    # Scores are written two or three times on every card and story page.
    number = lru_cache(maxsize=1 << 12, typed=True)(words.number)
    filled = lru_cache(maxsize=1 << 12, typed=True)(partial(theme_words.filled_word, words))
    date_lang = lru_cache(maxsize=16)(partial(lang_marks.date_lang, marks))
    kind_badge = lru_cache(maxsize=256)(partial(badge, words=words))

    # Bound with functools.partial rather than as methods: Jinja looks for its pass_context mark on each call of a
    # global, which on a bound method raises and catches an AttributeError every time.
    env.globals.update(url=url, absolute=absolute, internal=jinja2.pass_context(partial(links.internal, site)),
                       version=__version__, page_feed=page_feed, page_feed_word=page_feed_word,
                       news_article=partial(json_ld.news_article, config, site.topics, badges, absolute),
                       t=partial(theme_words.t, words, theme_words.plain_words(words), filled),
                       search_words=partial(theme_words.search_words, words, date_lang),
                       relative_time_words=cache(partial(theme_words.relative_time_words, words)),
                       page_feed_name=partial(page_feed_name, words=words),
                       first_image=first_image, facts=partial(facts, words),
                       picture=partial(picture, url=url, resizer=config.picture_resizer, local=copies),
                       pictures=pictures,
                       config=config, topics=site.topics, providers=badges, og_locale=og_locale(config.language),
                       # `<html dir>` of a language written right to left (nothing for left to right, the default)
                       html_dir=Markup(' dir="rtl"') if marks.rtl else "",
                       words_language=words.speaks, words_lang=marks.words_lang, content_lang=marks.content_lang,
                       item_lang=partial(lang_marks.item_lang, marks), head_lang=partial(lang_marks.head_lang, marks),
                       word_lang=partial(lang_marks.word_lang, marks),
                       content_lang_in=partial(lang_marks.content_lang_in, marks), date_lang=date_lang,
                       type_badge=partial(theme_words.type_badge, kind_badge), type_word=title_word,
                       type_lists=tuple(titled(listed, words) for listed, _ in site.type_lists)
                       if config.type_lists else ())
    env.filters.update(
        # The same as the url() and absolute() functions, as filters: `{{ item.path|url }}`. The default theme
        # uses these, as a page makes many links (docs/dev/performance.md): Jinja calls a filter directly, a
        # function through its context.
        url=_of_the_config(url),
        absolute=_of_the_config(absolute),
        local=_of_the_config(partial(dates.local, zone)),
        isodate=_of_the_config(isodate),
        date=_of_the_config(date),
        number=number,
        json_script=json_script,
        whole_words=whole_words,
        host=host,
        truncate=_closing(env.filters["truncate"]),
        outline=outline,
        opens_with=opens_with,
        # a name in a theme's sentence ("More from {provider}"), marked as content_lang marks the content
        in_site_language=partial(lang_marks.in_site_language, marks),
        # a name of the content in a <bdi>, which reads in its own direction on a page of either
        isolated=isolated,
        # a theme's word beside other text in one element, marked as word_lang marks an element
        word_span=partial(lang_marks.word_span, marks),
        # how wide a text is drawn, in Latin letters (a Chinese, Japanese or Korean letter counts 2): a headline's
        # measure of `long`, as search.js's
        text_width=text_width,
        # a provider's letters in its circle, in capitals as the site's language writes them
        monogram=partial(ProviderBadge.monogram_in, language=config.language),
    )
    env.tests["day"] = dates.is_day
    return env


def _of_the_config(function):
    """A filter whose value follows the site's config (base_url, timezone). Jinja works out a filter of
    constant arguments when it compiles (`{{ 'static/css/site.css'|url }}`) unless the filter takes the
    template's context: so this one does, and a compiled template holds nothing of the config it was first
    compiled for (CompiledTemplates shares it between sites)."""
    @jinja2.pass_context
    def filter_(_context, *args):
        return function(*args)
    return filter_
