"""A Source -> an Item (make_item), every front matter value normalised here, once.

Dates become time-zone-aware UTC (dates.py), scores floats from 0 to MAX_SCORE (quantities.py), plain-text
fields are decoded (fields.py), URLs are kept only with an http(s) scheme, the provider, pictures, related
coverage and topics read as records (nested_fields.py), the body is rendered and sanitised.

Item files come from crawlers, so nothing a crawler can write loses a story that can be
shown: a value of the wrong kind is dropped, an out-of-range number clamped, an unknown
`type` kept (with a neutral label), each with a warning naming the file and line. Only an
item without a title or a usable date (or naming an undeclared topic, when the config's
`undeclared_topics` is `error`) is left out, as a Rejected problem that names every error
and warning of the file at once. An item held back on purpose (draft, future) is "withheld" (index.py).
"""

from __future__ import annotations

import re
import zlib

from generator.config.values import Config
from generator.errors import Problem, Rejected
from generator.players import PLAYERS, SERVICE_NAMES, player_url, refused_player
from generator.site.content import Source
from generator.site.dates import date_field, optional_date_field
from generator.site.fields import (aliases_field, author_field, bool_field, drafted, featured_field, language_field,
                                   resolved, text_field, type_field, url_field)
from generator.site.keys import (KNOWN_FIELDS, check_keys, jekyll_post, named_otherwise, nested_spelled_as_known,
                                 spelled_as_known)
from generator.site.markup import (MAX_FILLED_CELLS, PYTHON_MARKDOWN_LINES, absolute_addresses, embeddable,
                                   featured_of_address, iframe_src, media_file, python_markdown_costly,
                                   render_markdown, sanitize, tables_bounded, too_long_address, without_player,
                                   without_private_sources)
from generator.site.model import Item
from generator.site.nested_fields import other_than, pictures_field, provider_field, related_field, topics_field
from generator.site.notes import Notes, shown
from generator.site.private_pictures import HINT, left_out, public_pictures, public_provider, public_related
from generator.site.shortcodes import read_shortcodes
from generator.site.quantities import byte_count, length_field, offer_field, price_field, score_field, size_field
from generator.site.stories import article_keys
from generator.typography import typeset, typeset_html
from generator.urls import MAX_URL, field_url, host_of, plain_slug, slugify, without_controls


def make_item_or_problem(source: Source, config: Config, topic_defs: dict) -> Item | Problem:
    """The Item of a source file, or the Rejected problem that leaves it out (see make_item)."""
    return make_item(source, config, topic_defs)


def make_item(source: Source, config: Config, topic_defs: dict) -> Item | Rejected:
    """The Item a source file makes (with the warnings it carries), or, when it cannot be shown (no
    title, no usable date, a topic the site does not declare under `undeclared_topics: error`),
    the Rejected problem naming every error and warning of the file at once."""
    notes = Notes(source.form)
    meta, notes.aliases = spelled_as_known(source.meta, KNOWN_FIELDS, notes)
    meta = nested_spelled_as_known(meta, notes)
    meta = named_otherwise(meta, notes, jekyll_post(source.path, source.form))
    written = {notes.canonical(key): value for key, value in source.written.items()}
    title = text_field(meta, "title", notes, required=True, written=written)
    published = date_field(meta, "publishedDateTime", config, notes)
    kind = type_field(meta.get("type"), "type", notes)
    check_keys(meta, notes)
    topics = topics_field(meta, topic_defs, config, notes)
    featured = featured_of_address(featured_field(meta, notes))
    original, web = field_url(meta.get("originalUrl")), field_url(meta.get("webUrl"))
    if not featured and kind == "video":  # (a video's page on YouTube or Vimeo names its player)
        page = original or web
        featured = featured_of_address(page) if page and player_url(page) != page else ""
    shortcodes = read_shortcodes(source.body, take_video=not featured)  # (a Hugo site's `{{< youtube ID >}}`)
    featured = featured or shortcodes.video
    # The page the item was taken from: relative addresses in the body, featuredContent, pictures and related
    # coverage are of that page, as the browser resolved them there (without it they cannot be followed).
    base = web or original
    # A player's URL is in the API and the page's iframe; embed codes write it as any URL field's value
    # (`//www.youtube.com/embed/x` most often), and one that cannot be kept is said, as such a field's is
    player = iframe_src(featured)
    video_url = field_url(player) or resolved(player, base)
    if player and not video_url:
        notes.warn("featuredContent", f"the player's address in `featuredContent` is not an http or https URL: "
                   f"{shown(player)}; the item has no player", "write the iframe's src as a full address, "
                   "e.g. https://www.youtube.com/embed/ID")
    refused = refused_player(video_url)
    if refused:  # (the one rule of ids, also for files fetch wrote before it had it)
        service, video = refused
        name = SERVICE_NAMES[service]
        notes.warn("featuredContent", f"`featuredContent`'s player names no {name} video: {shown(video)} is none "
                   f"of {name}'s ids; the item has no player", f"write the player's address with the video's id "
                   f"as {name} gives it, e.g. {PLAYERS[service][0]}ID")
        video_url = ""
    values = dict(  # (all read before deciding, so that every problem of the file is said at once)
        excerpt=typeset(text_field(meta, "excerpt", notes, written=written), config.language),
        original_url=url_field(meta, "originalUrl", notes, base, original),
        web_url=url_field(meta, "webUrl", notes, base, web),
        amp_url=url_field(meta, "ampWebUrl", notes, base),
        cdn_amp_url=url_field(meta, "cdnAmpWebUrl", notes, base),
        type=_shared(kind),
        quality=score_field(meta.get("quality"), "quality", notes),
        heat=score_field(meta.get("heat"), "heat", notes) or 0.0,
        first_seen=optional_date_field(meta, "firstSeenDateTime", config, notes),
        is_published=bool_field(meta, "published", notes, default=True) if meta.get("published") not in (None, "")
        else not drafted(meta, notes),
        provider=_shared(provider_field(meta.get("provider"), "provider", notes, base, config.language)),
        topics=_shared(tuple(slug for slug, _ in topics)),
        topic_names=_shared(tuple(name for _, name in topics)),
        images=pictures_field(meta, notes, base),
        related=related_field(meta.get("related"), config, notes, base),
        featured_html="",  # (below: its relative addresses are the story page's, as the body's)
        video_url=video_url,
        embed=embeddable(video_url, config.embed_hosts),
        price=price_field(meta, "price", notes, written),
        category=text_field(meta, "category", notes, written=written),
        author=author_field(meta, notes),
        aliases=aliases_field(meta, notes),
        language=language_field(meta, notes),
        extra={k: v for k, v in meta.items() if k not in KNOWN_FIELDS},
        size=size_field(meta, "size", notes, written),
        size_bytes=int(byte_count(written["size"] if written and "size" in written else meta.get("size")) or 0),
        **offer_field(meta, "price", written),
    )
    values["length"], values["length_seconds"] = length_field(meta, "length", notes, written)
    values["related"] = other_than(values, notes)
    public = not config.local_site  # (its readers' own network is not the site's: site/private_pictures.py)
    if public:
        values["images"] = public_pictures(values["images"], "images" if "images" in meta else "image", notes)
        values["provider"] = _shared(public_provider(values["provider"], "provider", notes))
        values["related"] = public_related(values["related"], notes)
    values["article_keys"] = (article_keys([values[key] for key in ("original_url", "web_url", "amp_url",
                                                                   "cdn_amp_url")])
                              if config.stories.enabled else ())
    if featured:
        # (its first iframe is the player, shown as one: not again as a link)
        # (without ids: footnotes are the body's, and the same id twice in a page leads its links astray)
        values["featured_html"] = typeset_html(absolute_addresses(sanitize(without_player(featured), ids=False), base),
                                               config.language)
        if public:
            values["featured_html"], private = without_private_sources(values["featured_html"])
            if private:
                notes.warn("featuredContent", f"`featuredContent`: the file {left_out(private[0])}", HINT)
        # (sanitised, its address is safe for a browser; a podcast app reads it from a feed's enclosure, which
        # must be a URL as sent: `a b.mp3` as `a%20b.mp3`)
        address, kind = media_file(values["featured_html"])
        values["media_file"] = field_url(address)
        values["media_kind"] = kind if values["media_file"] else ""
    stem = _stem(source.path)
    stem = stem if plain_slug(stem) else ""  # (a file name of nothing to name a page by, `???.md`: the title's)
    slug_text, slug_key = _slug_text(meta, written, notes, stem)
    errors, warnings = notes.problems(config.root, source.path, source.body_line - 1,
                                      {key: again for key, _, again in source.twice})
    warnings += tuple(Problem(source.path, again, f"{_key_named(key)} is given twice"
                              f"{' on this line' if first == again else f', also on line {first}'}: "
                              "the last one is used",
                              "remove the one you do not mean") for key, first, again in source.twice)
    warnings += tuple(Problem(source.path, line, message, hint) for line, message, hint in source.notes)
    if not slug_text and not stem and _stem(source.path):  # (a file named `.md` is hidden, and so never read)
        warnings += (Problem(source.path, None, "the file name has no letter or digit to name a page by; the page "
                             "is named after the title instead", "rename the file in letters or digits "
                             "(harbour-cranes.md), or give it a `slug:`"),)
    if errors:
        first = errors[0]
        return Rejected(first.path, first.line, first.message, first.hint, errors=errors, warnings=warnings)
    slug = slugify(slug_text or stem or title, fallback=source.path, language=config.language)
    if not slug_text and not stem:
        slug_key = notes.aliases.get("title", "title")
    day = published.astimezone(config.zone)  # (strftime writes year 1 as "1")
    body, engine = without_controls(shortcodes.body), config.markdown_engine
    if shortcodes.unread:
        warnings += (_unread_tags(source.path, source.body_line, shortcodes.unread),)
    body, table = tables_bounded(body)
    if table:
        warnings += (Problem(source.path, source.body_line + table - 1,
                             f"this table's rows leave more than {MAX_FILLED_CELLS:,} of its header's cells empty, "
                             "each filled in as an empty cell of the page (megabytes of them): it is shown as the "
                             "text it is written as", "give each row the header's cells, or split the table"),)
    if engine == "python-markdown":
        line, costly, count = python_markdown_costly(body)
        if line:
            engine = "cmark"
            warnings += (Problem(source.path, source.body_line + line - 1, *{
                "marks": ("the body is rendered as CommonMark: Python-Markdown would take minutes over it "
                          f"(this paragraph holds {count:,} brackets, tags, entities and other marks)",
                          "split the text into shorter paragraphs, or set `markdown_engine: cmark`"),
                "fences": ("the body is rendered as CommonMark: Python-Markdown would take minutes over it "
                           f"(it reads to the end of the body from each of the {count:,} code fences, from this "
                           "line on, that no fence closes)",
                           "close each code block with the fence that opened it (```), or set "
                           "`markdown_engine: cmark`"),
                "lines": ("the body is rendered as CommonMark: Python-Markdown's time grows with the square "
                          f"of a body's lines, and it has more than {PYTHON_MARKDOWN_LINES:,} outside its fenced "
                          "code blocks", "split the text into several items, or set `markdown_engine: cmark`"),
            }[costly]),)
    if long := too_long_address(body):
        warnings += (Problem(source.path, source.body_line + long[0] - 1,
                             f"the body has a link or picture whose address is {long[1]:,} characters long, more than "
                             f"the {MAX_URL:,} one may have (servers and browsers refuse longer ones); it shows as "
                             "its text, unlinked", "shorten the address, or link the article's plain address"),)
    html = typeset_html(render_markdown(body, engine, base), config.language)  # (as its title: typography.py)
    if public:
        html, private = without_private_sources(html)
        if private:
            # (its line: where the body writes its address, else its host; a link to that host may come first)
            at = body.find(private[0])
            at = at if at >= 0 else body.find(host_of(private[0]) or private[0])
            warnings += (Problem(source.path, source.body_line + body.count("\n", 0, max(at, 0)),
                                 f"the body's picture {left_out(private[0])}"
                                 + (f" (and {len(private) - 1} more)" if len(private) > 1 else "")
                                 + ", shown as its text", HINT),)
    return Item(
        source=source.path,
        digest=source.digest,
        slug=slug,
        slug_key=slug_key,
        path=f"news/{day.year:04d}/{day.month:02d}/{day.day:02d}/{slug}/",
        title=typeset(title, config.language),  # (a French title's `?` never starts a line: typography.py)
        published=published,
        body=zlib.compress(html.encode("utf-8"), 1),
        body_cut=source.cut,
        warnings=warnings,
        **values,
    )


_SHARED: dict = {}  # a value many items hold alike -> the one object they all hold (_shared)
_SHARED_MAX = 10_000  # distinct values kept; then it starts again (a site has far fewer providers and topic lists)


def _shared(value):
    """One object for each of the values that many items hold alike: their provider (its name, domain and logos),
    their topics, their type. A big site's items then hold one of each rather than a copy each: less memory, and
    fewer pages for a forked rendering helper to copy as it reads them. Items made in one process and sent
    back together (a reading task's items, the build cache) keep holding one object."""
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


def _unread_tags(path: str, body_line: int, unread: tuple[tuple[int, str], ...]) -> Problem:
    """The warning for the Hugo shortcodes and Liquid tags a body shows as written, at the first one's line."""
    line, tag = unread[0]
    shown_tag = tag if len(tag) <= 80 else tag[:79] + "…"
    others = sorted({body_line + at - 1 for at, _ in unread[1:]})
    more = (f" (and {len(unread) - 1} more such tag{'s' if len(unread) > 2 else ''}, "
            f"on line{'s' if len(others) > 1 else ''} "
            f"{', '.join(map(str, others[:5]))}{', ...' if len(others) > 5 else ''})" if others else "")
    if tag.startswith(("{{<", "{{%")):
        kind, hint = "Hugo shortcode", ("write what it makes in Markdown or HTML (a picture as "
                                        "`![its text](https://...)`), or remove it")
    elif tag.startswith("{%"):
        kind, hint = "Liquid tag", "write what it makes in Markdown or HTML, or remove it"
    else:
        kind, hint = "Liquid value", "write the value itself (an address in full: https://...), or remove it"
    return Problem(path, body_line + line - 1, f"{kind} `{shown_tag}` is not run (newsdesk runs no template in "
                   f"content): it shows as written{more}", hint)


def _key_named(key: str | tuple[str, ...]) -> str:
    """A key of the front matter as messages name it: `title`, or one in a nested mapping as `name` in `provider`."""
    keys = (key,) if isinstance(key, str) else key
    return " in ".join(f"`{part}`" for part in reversed(keys))


def _slug_text(meta: dict, written: dict, notes: Notes, stem: str) -> tuple[str, str]:
    """`slug` as text, and the key the file writes it as ("" when not given or of nothing to name a page by). One
    that has no letter or digit (`???`, a zero-width space) is said: its page fell back to the file name unsaid."""
    text = text_field(meta, "slug", notes, written=written)
    value = written.get("slug", meta.get("slug"))
    if plain_slug(text):
        return text, notes.aliases.get("slug", "slug")
    if isinstance(value, (str, int, float)) and str(value).strip():
        notes.warn("slug", f"`slug` {shown(value)} has no letter or digit to name a page by; the page is named "
                           f"after the {'file name' if stem else 'title'} instead",
                   f"write the slug in letters or digits (`{notes.written('slug', 'harbour-cranes')}`), "
                   "or remove `slug`")
    return "", ""


# Digits at every place: `2026-12-el-puerto` (a year and month, then Spanish's "el") names the page `2026-12-el-puerto`.
_DATE_PREFIX = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-")


def _stem(path: str) -> str:
    """File name without extension and without a leading YYYY-MM-DD- date; of a Hugo page bundle's
    `posts/harbour-cranes/index.md`, its folder's name, as Hugo names the page."""
    folder, _, name = path.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    if stem == "index" and "/" in folder:  # (`content/index.md`, no bundle's, keeps its name)
        stem = folder.rsplit("/", 1)[-1]
    if len(stem) > 11 and _DATE_PREFIX.match(stem):
        stem = stem[11:]
    return stem
