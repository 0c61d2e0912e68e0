"""What each page depends on, as a fingerprint: if the fingerprint is unchanged, so is the page.

A page's fingerprint hashes everything its template can see: the site-wide inputs
(config, newsdesk's version, the source of the templates it uses, found by
following extends/include/import from its template), and its own variables, where
an item stands for its content hash plus the few facts about other things its card
shows (topic names, the provider's card). So an edited item changes its own page
and the lists, feeds and cards it appears on, and nothing else; a template edit
changes the pages that use that template; a config edit changes every page.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from datetime import datetime
from typing import Callable, Iterable

import jinja2
import jinja2.meta
import jinja2.nodes

from generator import __version__
from generator.config.values import Config
from generator.site.model import Item, Provider, Site, Topic
from generator.plan.pages import FileOutput, Page, RenderedSite
from generator.render.theme import LinkedOut


def config_key(config: Config, *extra) -> str:
    """Everything in config.yaml and the records that can change how items or pages come out."""
    fields = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)
              if f.name not in ("root", "path", "from_options")}
    return hashlib.sha1(repr((__version__, sorted(fields.items()), extra)).encode("utf-8")).hexdigest()


@dataclasses.dataclass(frozen=True)
class TemplateKey:
    digest: str  # hash of the template and everything it extends, includes or imports
    names: frozenset[str]  # names it reads (of which the globals count)
    used: tuple[str, ...] = ()  # the template and everything it extends, includes or imports


def template_keys(env: jinja2.Environment, parses: dict | None = None) -> dict[str, TemplateKey]:
    """Template name -> TemplateKey, computed on first use (the dict fills itself).

    `parses` (source text -> what parsing it found) may be kept from one call to the next: the build cache
    keeps it, so that a build in a new process parses only the templates whose text changed (parsing them
    all is a large part of a warm build); within one process, _parsed keeps them for every site."""
    sources: dict[str, str] = {}
    parsed: dict[str, tuple[list, set]] = {}
    parses = {} if parses is None else parses

    def source(name: str) -> str:
        if name not in sources:
            try:
                sources[name] = env.loader.get_source(env, name)[0]
            except (jinja2.TemplateNotFound, LinkedOut):  # (render_page says what is wrong with it)
                sources[name] = ""
        return sources[name]

    def parse(name: str) -> tuple[list, set]:
        if name not in parsed:
            text = source(name)
            if text not in parses:
                parses[text] = _parsed(env, text)
            referenced, names = parses[text]
            if None in referenced:  # a computed template name: it could be any template at all
                referenced = [n for n in env.list_templates() if n.endswith((".html", ".xml", ".json"))]
            parsed[name] = (referenced, set(names))
        return parsed[name]

    def closure(name: str, seen: set[str]) -> set[str]:
        if name not in seen:
            seen.add(name)
            for child in parse(name)[0]:
                closure(child, seen)
        return seen

    class Keys(dict):
        def __missing__(self, name: str) -> TemplateKey:
            used = sorted(closure(name, set()))
            digest = hashlib.sha1()
            names: set[str] = set()
            for used_name in used:
                digest.update(used_name.encode() + b"\0" + source(used_name).encode("utf-8") + b"\0")
                names |= parse(used_name)[1]
            self[name] = TemplateKey(digest.hexdigest(), frozenset(names), tuple(used))
            return self[name]

    return Keys()


_PARSED: dict[str, tuple[list, frozenset]] = {}
_PARSED_MAX = 2_000


def _parsed(env: jinja2.Environment, text: str) -> tuple[list, frozenset]:
    """The templates a template's text refers to and the names it reads. Kept for every site this process
    builds (a test run builds hundreds, with one theme): it follows from the text alone, as every
    environment is made with the same settings (render.environment.make_env). The build cache keeps
    them too, for the next process (template_keys' `parses`)."""
    found = _PARSED.get(text)
    if found is None:
        try:
            ast = env.parse(text)
            # Every name the template reads, its own variables too: only those that are globals count
            # (page_fingerprint), and a local that shares a global's name only costs a re-render.
            # (jinja2.meta.find_undeclared_variables runs the whole code generator to leave them out.)
            names = {node.name for node in ast.find_all(jinja2.nodes.Name) if node.ctx == "load"}
            found = (list(jinja2.meta.find_referenced_templates(ast)), frozenset(names))
        except jinja2.TemplateSyntaxError:
            found = ([], frozenset())  # rendering reports it, with its line
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[text] = found
    return found


def site_keys(site: Site, pictures: str = "", words: str = "") -> dict[str, str]:
    """Hashes of the site-wide values templates can read as globals, computed once per build (`pictures`:
    the digest of the manifest of the copies of pictures, which the `picture` global offers; `words`: of the
    theme's words, which `t` and `search_words` give)."""
    def digest(value) -> str:
        return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()

    keys = {
        "topics": digest(list(site.topics.values())),
        "providers": digest([provider.badge for provider in site.providers.values()]),  # what the global holds
        "type_lists": digest([listed for listed, _ in site.type_lists]),
    }
    keys["picture"] = pictures
    keys["t"] = keys["search_words"] = keys["page_feed_name"] = words
    keys["word_lang"] = keys["content_lang_in"] = keys["date_lang"] = keys["type_badge"] = words
    keys["news_article"] = keys["providers"] + keys["topics"]  # render.news_article reads both
    return keys


def page_fingerprint(page: Page, site: Site, config_digest: str, template: TemplateKey, globals_: dict[str, str],
                     memo: dict | None = None) -> str:
    """A hash of every input the page's rendering can read. `memo` (one dict per build, for every page)
    keeps the description of each item, provider and topic, and of the plan's values, such as teasers, that
    several pages show."""
    memo = {} if memo is None else memo
    head = memo.get(id(template))  # what is the same for all its pages: the config, the template, the globals it
    if head is None:  # reads (the TemplateKey is held by the build)
        head = memo[id(template)] = _digest([config_digest, template.digest, *(
            f"{name}={globals_[name]}" for name in sorted(template.names & globals_.keys()))])
    parts: list = [head, page.url, page.kind, page.key, page.title, page.description]
    context = page.context
    for name in sorted(context):  # (the names of its template's variables)
        parts.append(name)
        value = context[name]
        described = memo.get(id(value))  # (an article's item, provider, coverage: most are described already)
        if described is None:
            _describe(value, site, parts, memo)
        else:
            parts.append(described)
    # And every item the page shows, in its context or not: a story page shows the path of the related
    # coverage the site has (internal()), which only its `items` name. (As _describe writes a list of them.)
    items = site.items
    parts.append(f"[{len(page.items)}")
    for index in page.items:
        item = items[index]
        described = memo.get(id(item))
        if described is None:
            _describe(item, site, parts, memo)
        else:
            parts.append(described)
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def output_fingerprint(output: FileOutput, site: Site, config_digest: str, memo: dict | None = None) -> str:
    """A hash of every input a FileOutput's bytes can depend on: config, name, key, and what
    feeds and API files show of each item (its content, topic slugs and names, its provider's slug, name and logo)."""
    memo = {} if memo is None else memo
    shown = memo.get("output")  # item index -> what these files show of it, hashed (keys apart from _describe's ids)
    if shown is None:
        shown = memo["output"] = {}
    rows = memo.get("rows")  # id of a row of a key's table -> its repr (the same for every file showing it)
    if rows is None:
        rows = memo["rows"] = {}
    parts: list = [config_digest, output.name]
    for value in output.key:
        if type(value) is tuple:  # a table (an API file's stories, the sitemap's pages): a row is in several files
            parts.append(f"[{len(value)}")
            for row in value:
                described = rows.get(id(row))  # (held by the output's key, which outlives `memo`)
                if described is None:
                    described = repr(row)
                    if len(rows) < MEMO_MAX:
                        rows[id(row)] = described
                parts.append(described)
        else:
            parts.append(repr(value))
    for index in output.items:
        described = shown.get(index)
        if described is None:
            item = site.items[index]
            provider = site.providers.get(item.provider.slug) if item.provider else None
            described = shown[index] = _digest([
                item.digest, item.path, *item.topics,  # (slugs move too: site/slugs.py)
                *(site.topics[slug].name for slug in item.topics if slug in site.topics),
                repr((provider.slug, provider.name, provider.logos)) if provider else "-"])
        parts.append(described)
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


_PLAIN = frozenset((str, int, float, bool, type(None)))
# Values of the plan's own types (teasers, coverage, sources ...) are kept in `memo` while it holds fewer than this
# many descriptions: a teaser is on several pages, but their descriptions, for the whole site, add up on a big one
# (docs/dev/performance.md); past it they are described on every page that shows them, as before.
MEMO_MAX = 80_000


def _describe(value, site: Site, parts: list, memo: dict) -> None:
    kind = type(value)  # (by exact type: this runs for every value of every page)
    if kind in _PLAIN:
        parts.append(repr(value))
    elif kind is datetime:  # an item's time, on each page that shows the item (its repr is slow): once a build
        described = memo.get(id(value))
        if described is None:
            described = repr(value)
            if len(memo) < MEMO_MAX:
                memo[id(value)] = described
        parts.append(described)
    elif kind is list or kind is tuple:
        if kind is tuple and _PLAIN.issuperset(map(type, value)):  # (paths, slugs: one repr)
            parts.append(repr(value))
            return
        parts.append(f"[{len(value)}")
        for entry in value:
            described = memo.get(id(entry))  # (most entries are items or teasers described already: looked up here)
            if described is not None:
                parts.append(described)
            elif type(entry) in _PLAIN:  # (a list's None for a story of one item)
                parts.append(repr(entry))
            else:
                _describe(entry, site, parts, memo)
    elif kind is dict:
        parts.append(f"{{{len(value)}")
        for key in sorted(value, key=str):
            parts.append(repr(key))
            _describe(value[key], site, parts, memo)
    elif kind is Item or kind is Provider or kind is Topic:  # each on many pages: described once a build
        key = id(value)  # (all of them are held by the build, which outlives `memo`)
        described = memo.get(key)
        if described is None:
            described = memo[key] = _digest([_describe_model(value, site)])
        parts.append(described)
    else:
        fields = _FIELDS.get(kind)
        if fields is None:
            fields = _FIELDS[kind] = _shown_fields(kind)
        if not fields:  # anything else new in a page's context
            parts.append(repr(value))
            return
        # A dataclass (Teaser, Coverage, Source, Pagination ...): the fields its repr shows, each described here,
        # so that an item in one stands for its description (dataclasses' repr took most of the time before).
        key = id(value)  # (held by the plan's pages, which outlive `memo`)
        described = memo.get(key)
        if described is None:
            own = [kind.__qualname__]
            for entry in fields(value):
                if type(entry) in _PLAIN:
                    own.append(repr(entry))
                else:
                    found = memo.get(id(entry))  # (a Kind, a time: most are described already)
                    if found is None:
                        _describe(entry, site, own, memo)
                    else:
                        own.append(found)
            described = _digest(own)
            if len(memo) < MEMO_MAX:
                memo[key] = described
        parts.append(described)


_FIELDS: dict[type, Callable[[object], tuple] | None] = {}  # a type -> the values of the fields its repr shows


def _shown_fields(kind: type) -> Callable[[object], tuple] | None:
    """What describes a dataclass: the values of the fields its repr shows (None for any other type)."""
    if not dataclasses.is_dataclass(kind):
        return None
    names = [f.name for f in dataclasses.fields(kind) if f.repr]
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda value: tuple(getattr(value, name) for name in names)


def _digest(parts: list[str]) -> str:
    """What stands for a value described once a build: the hash of its description, rather than its text (page
    after page hashed the same long texts, and the memo held them)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _describe_model(value, site: Site) -> str:
    parts: list[str] = []
    if isinstance(value, Item):
        # (its provider's and topics' slugs are not its file's alone: another alike moves them, site/slugs.py)
        parts += [value.digest, value.path, value.provider.slug if value.provider else "", *value.topics]
        parts.extend(site.topics[slug].name for slug in value.topics if slug in site.topics)
    elif isinstance(value, Provider):
        parts.append(repr(value))
        parts.extend(repr(site.topics.get(slug)) for slug in value.main_topics)
    else:
        parts.append(repr(value))
        for slug in (value.parent, *value.children):
            if slug in site.topics:
                parts.append(site.topics[slug].name)
    return "\x1f".join(parts)


def unchanged_fingerprints(previous: RenderedSite, site: RenderedSite, known: dict[str, tuple]) -> dict[str, str]:
    """The last build's fingerprints of the pages and files planned exactly as they were then: without
    hashing them again (a large part of serve's rebuild after an edit that plans the site again).

    The caller makes sure that everything else a fingerprint hashes is unchanged: the config, the build
    time, the templates and the site-wide values (build._site_wide_key). Then a page is planned "exactly
    as then" when its fields are equal and it shows the very same Item objects (the build cache hands out
    the same object for a file that did not change, and a new one for one that did), other values in its
    context being equal; a FileOutput when its name and key are equal and it shows the same Items.
    `known` is BuildCache.outputs: name -> (fingerprint, size, mtime) of what the last build wrote.
    """
    old_pages = {page.output: page for page in previous.pages}
    old_outputs = {output.name: output for output in previous.outputs}
    return reused_fingerprints(previous.model.site, site.model.site, known,
                               [(old_pages.get(page.output), page) for page in site.pages],
                               [(old_outputs.get(output.name), output) for output in site.outputs])


def reused_fingerprints(old_site: Site, new_site: Site, known: dict[str, tuple],
                        pages: Iterable[tuple[Page | None, Page]],
                        outputs: Iterable[tuple[FileOutput | None, FileOutput]] = ()) -> dict[str, str]:
    """The fingerprints in `known` (BuildCache.outputs) of the pages and files planned exactly as the ones they
    are paired with (old, new; old None: none) of the last plan, whose site was `old_site`: the build's rule
    (unchanged_fingerprints) and serve's fast path's, which pairs only what it planned again."""
    reused, memo = {}, {}
    for old, page in pages:
        entry = known.get(page.output)
        if old is not None and entry and entry[0] and same_page(old, page, old_site, new_site, memo):
            reused[page.output] = entry[0]
    for old, output in outputs:
        entry = known.get(output.name)
        if (old is not None and entry and entry[0] and old.key == output.key
                and same_items(old.items, output.items, old_site, new_site)):
            reused[output.name] = entry[0]
    return reused


def same_page(old: Page, new: Page, old_site: Site, new_site: Site, memo: dict) -> bool:
    return ((old.url, old.template, old.kind, old.key, old.title, old.description)
            == (new.url, new.template, new.kind, new.key, new.title, new.description)
            and same_items(old.items, new.items, old_site, new_site) and _same(old.context, new.context, memo))


def same_items(old: tuple[int, ...], new: tuple[int, ...], old_site: Site, new_site: Site) -> bool:
    if len(old) != len(new):
        return False
    old_items, new_items = old_site.items, new_site.items
    return all(old_items[a] is new_items[b] for a, b in zip(old, new))


def _same(old, new, memo: dict) -> bool:
    """Equal, with Items the same objects (an equal Item read again stands for an unchanged file too, but
    identity is what is cheap to check)."""
    if old is new:
        return True
    if type(old) is not type(new) or isinstance(old, Item):
        return False
    if isinstance(old, dict):
        return old.keys() == new.keys() and all(_same(old[key], new[key], memo) for key in old)
    if isinstance(old, (list, tuple)):
        return len(old) == len(new) and all(_same(a, b, memo) for a, b in zip(old, new))
    if isinstance(old, (Provider, Topic)):  # on thousands of pages: compared once per pair
        key = (id(old), id(new))
        if key not in memo:
            memo[key] = old == new
        return memo[key]
    return old == new
