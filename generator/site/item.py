"""Stage 3: a Source -> an Item (make_item), every front matter value normalised here, once.

Dates become time-zone-aware UTC (dates.py), scores floats from 0 to MAX_SCORE, plain-text fields are
decoded (text.plain_text), URLs are kept only with an http(s) scheme, the body is rendered and sanitised.

Item files come from crawlers, so nothing a crawler can write loses a story that can be
shown: a value of the wrong kind is dropped, an out-of-range number clamped, an unknown
`type` kept (with a neutral label), each with a warning naming the file and line. Only an
item without a title or a usable date (or naming an undeclared topic, when the config's
`undeclared_topics` is `error`) is left out, as a Rejected problem that names every error
and warning of the file at once. An item held back on purpose (draft, future) is "withheld" (index.py).

What one item may cost is bounded, as some pages cost per pair of its parts (each of its
topic pages lists its topics): at most MAX_TOPICS topics, MAX_RELATED related stories and
MAX_IMAGES images are kept (and MAX_IMAGES of its provider's), with a warning for the rest.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
import zlib
from datetime import date, time
from types import MappingProxyType
from typing import Mapping

from generator.config.values import Config
from generator.errors import Problem, Rejected
from generator.site.content import Source
from generator.site.dates import EPOCH, date_field, to_utc, zone_guessed
from generator.site.identities import account_page, definition, site_domain, topic_identity
from generator.site.keys import (KEY_SEPARATORS, KNOWN_FIELDS, check_keys, named_otherwise, nested_spelled_as_known,
                                 spelled_as_known, words_of)
from generator.site.markup import (absolute_addresses, embeddable, featured_of_address, iframe_src, media_file,
                                   player_url, python_markdown_costly, render_markdown, sanitize, without_player)
from generator.site.model import Image, Item, ProviderRef, Related
from generator.site.notes import Notes, Unusable, kind_of, shown
from generator.site.text import BIDI, IGNORED_IN_HOSTS, bidi_closed, plain_name, plain_text
from generator.urlnorm import canonical_url
from generator.urls import field_url, host_of, joined, read_url, slugify, static_path, without_controls


MAX_TYPE = 40  # characters of a type kept
MAX_SCORE = 1_000_000.0  # heat and quality are clamped to 0..MAX_SCORE
MAX_TOPICS = 20  # per item; see the module's docstring
MAX_RELATED = 50
MAX_IMAGES = 20
MAX_TEXT = 2000  # characters of a plain-text field (a title, an excerpt, a name); see _capped


def make_item_or_problem(source: Source, config: Config, topic_defs: dict) -> Item | Problem:
    """The Item of a source file, or the Rejected problem that leaves it out (see make_item)."""
    return make_item(source, config, topic_defs)


def make_item(source: Source, config: Config, topic_defs: dict) -> Item | Rejected:
    """The Item a source file makes (with the warnings it carries), or, when it cannot be shown (no
    title, no usable date, a topic the site does not declare under `undeclared_topics: error`),
    the Rejected problem naming every error and warning of the file at once."""
    notes = Notes()
    meta, notes.aliases = spelled_as_known(source.meta, KNOWN_FIELDS, notes)
    meta = nested_spelled_as_known(meta, notes)
    meta = named_otherwise(meta, notes)
    written = {notes.canonical(key): value for key, value in source.written.items()}
    title = _text(meta, "title", notes, required=True, written=written)
    published = date_field(meta, "publishedDateTime", config, notes)
    kind = _type(meta.get("type"), "type", notes)
    check_keys(meta, notes)
    topics = _topics(meta, topic_defs, config, notes)
    featured = featured_of_address(_text(meta, "featuredContent", notes, plain=False))
    original, web = field_url(meta.get("originalUrl")), field_url(meta.get("webUrl"))
    if not featured and kind == "video":  # (a video's page on YouTube or Vimeo names its player)
        page = original or web
        featured = featured_of_address(page) if page and player_url(page) != page else ""
    # The page the item was taken from: relative addresses in the body, featuredContent, pictures and related
    # coverage are of that page, as the browser resolved them there (without it they cannot be followed).
    base = web or original
    # A player's URL is in the API and the page's iframe; embed codes write it as any URL field's value
    # (`//www.youtube.com/embed/x` most often), and one that cannot be kept is said, as such a field's is
    player = iframe_src(featured)
    video_url = field_url(player) or _resolved(player, base)
    if player and not video_url:
        notes.warn("featuredContent", f"the player's address in `featuredContent` is not an http or https URL: "
                   f"{shown(player)}; the item has no player", "write the iframe's src as a full address, "
                   "e.g. https://www.youtube.com/embed/ID")
    values = dict(  # (all read before deciding, so that every problem of the file is said at once)
        excerpt=_text(meta, "excerpt", notes, written=written),
        original_url=_url_field(meta, "originalUrl", notes, base),
        web_url=_url_field(meta, "webUrl", notes, base),
        amp_url=_url_field(meta, "ampWebUrl", notes, base),
        cdn_amp_url=_url_field(meta, "cdnAmpWebUrl", notes, base),
        type=_shared(kind),
        quality=_score(meta.get("quality"), "quality", notes),
        heat=_score(meta.get("heat"), "heat", notes) or 0.0,
        is_published=_bool(meta, "published", notes, default=True) if meta.get("published") not in (None, "")
        else not _drafted(meta, notes),
        provider=_shared(_provider_ref(meta.get("provider"), "provider", notes, base)),
        topics=_shared(tuple(slug for slug, _ in topics)),
        topic_names=_shared(tuple(name for _, name in topics)),
        images=_pictures(meta, notes, base),
        related=_related(meta.get("related"), config, notes, base),
        featured_html="",  # (below: its relative addresses are the story page's, as the body's)
        video_url=video_url,
        embed=embeddable(video_url, config.embed_hosts),
        price=_price(meta, "price", notes, written),
        length=_length(meta, "length", notes, written),
        category=_text(meta, "category", notes, written=written),
        author=_author(meta, notes),
        extra={k: v for k, v in meta.items() if k not in KNOWN_FIELDS},
        secured=_opaque(meta.get("secured")),
        size=_size(meta, "size", notes, written),
        size_bytes=int(_bytes(written["size"] if written and "size" in written else meta.get("size")) or 0),
        **_offer(meta, "price", written),
    )
    values["related"] = _other_than(values, notes)
    if featured:
        # (its first iframe is the player, shown as one: not again as a link)
        # (without ids: footnotes are the body's, and the same id twice in a page leads its links astray)
        values["featured_html"] = absolute_addresses(sanitize(without_player(featured), ids=False), base)
        # (sanitised, its address is safe for a browser; a podcast app reads it from a feed's enclosure, which
        # must be a URL as sent: `a b.mp3` as `a%20b.mp3`)
        address, kind = media_file(values["featured_html"])
        values["media_file"] = field_url(address)
        values["media_kind"] = kind if values["media_file"] else ""
    slug_text = _text(meta, "slug", notes, written=written)
    errors, warnings = notes.problems(config.root, source.path, source.body_line - 1,
                                      {key: again for key, _, again in source.twice})
    warnings += tuple(Problem(source.path, again, f"`{key}` is given twice, also on line {first}: the last one is used",
                              "remove the one you do not mean") for key, first, again in source.twice)
    warnings += tuple(Problem(source.path, line, message, hint) for line, message, hint in source.notes)
    if errors:
        first = errors[0]
        return Rejected(first.path, first.line, first.message, first.hint, errors=errors, warnings=warnings)
    slug = slugify(slug_text or _stem(source.path) or title, fallback=source.path)
    day = published.astimezone(config.zone)  # (strftime writes year 1 as "1")
    body, engine = without_controls(source.body), config.markdown_engine
    if engine == "python-markdown":
        line, marks = python_markdown_costly(body)
        if line:
            engine = "cmark"
            warnings += (Problem(source.path, source.body_line + line - 1,
                                 "the body is rendered as CommonMark: Python-Markdown would take minutes over it "
                                 f"(this paragraph holds {marks:,} brackets, tags, entities and other marks)",
                                 "split the text into shorter paragraphs, or set `markdown_engine: cmark`"),)
    return Item(
        source=source.path,
        digest=source.digest,
        slug=slug,
        path=f"news/{day.year:04d}/{day.month:02d}/{day.day:02d}/{slug}/",
        title=title,
        published=published,
        body=zlib.compress(render_markdown(body, engine, base).encode("utf-8"), 1),
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


def _stem(path: str) -> str:
    """File name without extension and without a leading YYYY-MM-DD- date."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if len(stem) > 11 and stem[:4].isdigit() and stem[4] == "-" and stem[7] == "-" and stem[10] == "-":
        stem = stem[11:]
    return stem


def _resolved(value, base: str) -> str:
    """A relative address (`/images/x.jpg`, `../x.jpg`) of the page at `base`, as the browser resolved it there,
    if that makes a safe URL (field_url); else the empty string."""
    if not base or not isinstance(value, str) or not value.strip() or _SCHEME_START.match(value.strip()):
        return ""
    return field_url(joined(base, value.strip()))


_SCHEME_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # (an address with a scheme is not relative)


def _url_field(meta: dict, key: str, notes: Notes, base: str = "") -> str:
    """A URL field (field_url), or an address relative to `base` (_resolved); one given that cannot be kept
    (`javascript:`, a relative path with no page to resolve it against, a list) is left out with a warning,
    so the user learns why the story has no link."""
    value = meta.get(key)
    if value is None or value == "":
        return ""
    url = field_url(value) or _resolved(value, base)
    if not url and isinstance(value, str) and _HTTP_START.match(read_url(value)):
        # (`https://host:99999/`, `https://`: an http(s) address all the same, which "not http" would puzzle)
        notes.warn(key, f"`{key}` is an http(s) address no browser can open: {shown(value)} (its host or port is "
                        "none); it is left out", "write the full address, e.g. https://provider.example/story")
    elif not url:
        notes.warn(key, f"`{key}` is not an http or https URL: {shown(value)}; it is left out",
                   "write the full address, e.g. https://provider.example/story")
    return url


_HTTP_START = re.compile(r"https?://", re.IGNORECASE)


def _plain(value, name: bool = False) -> str | None:
    """A scalar as plain text (`name`: as plain_name makes a name); None for a list, a mapping or anything else
    that is not one."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float, date, time)):  # (a time: TOML's `07:30:00`)
        return plain_name(str(value)) if name else plain_text(str(value))
    return None


def _text(meta: dict, key: str, notes: Notes, required: bool = False, plain: bool = True,
          written: Mapping[str, str] | None = None) -> str:
    """A text field; `plain`: decoded (plain_text), else (HTML, opaque values) only without control characters.
    `written`: Source.written, the text of a value YAML read as a number, a date or true/false (`length: 4:05`
    is 245 to YAML): a text field shows what was written."""
    value = meta.get(key)
    if written and key in written:
        value = written[key]
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        # (JSON-LD writes a value as a list of one: `title: ["..."]`)
        if len(value) == 1:
            value = value[0]
    text = "" if value is None else _plain(value) if plain else _unplain(value)
    if text is None:
        report = notes.error if required else notes.warn
        report(key, f"`{key}` must be text, got {kind_of(value)}", "put the value in quotes, on one line")
        return ""
    if isinstance(value, bool):  # `title: Yes` is read as true: the words were lost
        notes.warn(key, f"`{key}` was read as {text}, not as text", "put the value in quotes")
    if not text and required:
        if key not in meta:  # (`title:` with nothing after it is there, and empty: said at its line)
            notes.error(None, f"missing `{key}`", f"add a line above this closing `---` with the item's {key}, e.g. "
                                                  f"`{key}: Central bank holds rates`")
        elif isinstance(value, str) and value.strip():  # (`<script>...</script>`: nothing of it is shown)
            notes.error(key, f"`{key}` is empty once read as plain text: {shown(value)} is only HTML tags, a script's "
                             "or style's text, or characters that show nothing", f"write the {key} as text")
        else:
            notes.error(key, f"`{key}` is empty", f"write the {key} as text")
    return _capped(text, key, notes) if plain else text


def _author(meta: dict, notes: Notes) -> str:
    """`author` (else `authors`, as JSON Feed and JSON-LD write it): a name, a mapping with a `name` (JSON-LD's
    Person), or a list of them; the names as plain text, each once, joined with ", "."""
    key = "author" if meta.get("author") not in (None, "", []) else "authors"
    value = meta.get(key)
    names, unusable = [], []
    for entry in value if isinstance(value, list) else [] if value is None else [value]:
        name = entry.get("name") if isinstance(entry, dict) else entry
        text = None if isinstance(name, bool) else "" if name is None else _plain(name)
        if text is None:
            unusable.append(name)
        elif text:
            names.append(text)
    if unusable and not isinstance(value, list):
        notes.warn(key, f"`{key}` must be a name, a mapping with a `name` or a list of them, got "
                        f"{kind_of(value)}; it is left out", "write the author's name, e.g. `author: Sam Coder`")
    elif unusable:  # (the others' names kept: one odd entry of a crawler's list cost them all)
        notes.warn(key, f"`{key}` must be a name, a mapping with a `name` or a list of them: "
                        f"{_entries(len(unusable))} no name as text (got {kind_of(unusable[0])}); "
                        f"{'it is' if len(unusable) == 1 else 'they are'} left out",
                   "give each author as a name, or a mapping with a `name`")
    return _capped(", ".join(dict.fromkeys(names)), key, notes)


def _capped(text: str, key: str, notes: Notes) -> str:
    """A plain-text field cut at a word to MAX_TEXT characters, with a warning: a title or a name is written
    into every page, feed and API file that shows its story (a crawler's 4 MB title would be 30 of them)."""
    if len(text) <= MAX_TEXT:
        return text
    cut = text[:MAX_TEXT]
    if " " in cut[MAX_TEXT // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    notes.warn(key, f"`{key}` is {len(text):,} characters long; it is cut to {len(cut):,}",
               f"shorten it to at most {MAX_TEXT:,} characters")
    cut = cut.rstrip() + "…"
    return bidi_closed(cut) if BIDI.search(cut) else cut


def _opaque(value) -> str:
    """A value kept and never shown (`secured`), in any shape a crawler gives it, as text: no reader sees it,
    so none of its shapes is worth a warning."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return without_controls(json.dumps(value, default=str, ensure_ascii=False, sort_keys=True))
    return _unplain(value) or ""


def _unplain(value) -> str | None:
    if isinstance(value, (list, dict)) or value is None:
        return None
    return " ".join(without_controls(str(value)).splitlines()).strip()


def _bytes(value) -> int | float | None:
    """A size given as a number (of bytes: `12345`, `"12345"`), or None for anything else."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e18:
        return None
    return value


def _size(meta: dict, key: str, notes: Notes, written: Mapping[str, str] | None = None) -> str:
    """A download's size as a reader reads one: a number is of bytes (as a feed's enclosure and HTTP give it),
    written in kB, MB, GB or TB (`12.3 MB`); text as written (`12 MB`)."""
    value = _bytes(written[key] if written and key in written else meta.get(key))
    if value is None:
        return _text(meta, key, notes, written=written)
    if value < 1000:
        return f"{value:g} bytes"
    for unit in ("kB", "MB", "GB", "TB", "PB"):
        value /= 1000
        if value < 999.95 or unit == "PB":
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _price(meta: dict, key: str, notes: Notes, written: Mapping[str, str] | None = None) -> str:
    """A price as text; one written as an offer (`{amount: 10, currency: EUR}`, schema.org's `{price: 10,
    priceCurrency: EUR}`) as its amount and currency, `10 EUR`."""
    value = written[key] if written and key in written else meta.get(key)
    if isinstance(value, list) and value and all(isinstance(offer, dict) for offer in value):
        value = value[0]  # (schema.org's offers, a list: the first is the item's price)
    if not isinstance(value, dict):
        return _text(meta, key, notes, written=written)
    amount = next((value[k] for k in ("amount", "price", "value") if value.get(k) not in (None, "")), None)
    currency = next((value[k] for k in ("currency", "priceCurrency") if value.get(k) not in (None, "")), "")
    if amount is None or isinstance(amount, (bool, list, dict)) or isinstance(currency, (bool, list, dict)):
        return _text(meta, key, notes, written=written)  # (no amount to show: said as any mapping is)
    return _text({key: f"{amount} {currency}".strip()}, key, notes)


def _offer(meta: dict, key: str, written: Mapping[str, str] | None = None) -> dict:
    """`price_amount` and `price_currency` of a price written as an offer whose amount is a number (`_price` gives
    its text and says what is wrong with any other); nothing otherwise."""
    value = written[key] if written and key in written else meta.get(key)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]
    if not isinstance(value, dict):
        return {}
    amount = next((value[k] for k in ("amount", "price", "value") if value.get(k) not in (None, "")), None)
    currency = next((value[k] for k in ("currency", "priceCurrency") if value.get(k) not in (None, "")), "")
    if isinstance(amount, str) and re.fullmatch(r"[0-9]{1,15}(\.[0-9]{1,6})?", amount.strip()):
        amount = float(amount)
    if (isinstance(amount, bool) or not isinstance(amount, (int, float)) or not 0 <= amount < 1e15
            or not isinstance(currency, str)):
        return {}
    currency = _text({key: currency}, key, Notes()) or ""
    return {"price_amount": float(amount), "price_currency": currency}


# An ISO 8601 duration, as YouTube's API and schema.org's `duration` give a video's length: `PT4M13S`, `P1DT2H`
_DURATION = re.compile(r"P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:[.,][0-9]+)?)S)?)?",
                       re.IGNORECASE)


def _length(meta: dict, key: str, notes: Notes, written: Mapping[str, str] | None = None) -> str:
    """A video's or podcast's length as a reader reads one: `4:13` or `1:02:03` for an ISO 8601 duration or a
    number of seconds (as a feed's `itunes:duration` gives it, and as YAML reads `length: 4:13` unquoted: 253);
    any other text as written (`4 min`)."""
    value = written[key] if written and key in written else meta.get(key)
    seconds = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str) and EPOCH.fullmatch(value.strip()):  # (seconds written as text: "754.5")
        seconds = float(value)
    elif isinstance(value, str) and (match := _DURATION.fullmatch(value.strip())) and any(match.groups()):
        days, hours, minutes, rest = (float((g or "0").replace(",", ".")) for g in match.groups())
        seconds = ((days * 24 + hours) * 60 + minutes) * 60 + rest
    if seconds == 0:  # (`PT0S`, `0`: a crawler's "unknown", no length to show)
        return ""
    if seconds is None or not 0 < seconds < 1e9:  # (text, nothing, or no length a reader could use)
        return _text(meta, key, notes, written=written)
    whole = max(1, int(seconds + 0.5))
    hours, minutes, seconds = whole // 3600, whole // 60 % 60, whole % 60
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def _type(value, key: str, notes: Notes) -> str:
    """The item's type, lower case: any value is kept (a card labels what it does not know neutrally)."""
    if value is None:
        return "article"
    text = _plain(value)
    if text is None or isinstance(value, bool):
        notes.warn(key, f"`{key}` must be a word such as article or video, got {kind_of(value)}",
                   "write it as `type: article`; the item is shown as an article")
        return "article"
    text = text.lower()[:MAX_TYPE]
    return _TYPE_SYNONYMS.get(KEY_SEPARATORS.sub("", text.replace(".", "")), text) or "article"


# What other crawlers call the known types: schema.org's (`NewsArticle`, `BlogPosting`, `VideoObject`),
# Open Graph's (`video.other`, `music.song`, `website`, which sites set on their stories), a list's name
# (`videos`) and a news site's own words (`news`, `post`, `story`). An item so typed is what its type means:
# an article is in no list of its own and shows no badge ("Newsarticle" was one, in a list of its own).
_TYPE_SYNONYMS = MappingProxyType({word: kind for kind, words in {
    "article": "article articles news newsarticle analysisnewsarticle opinionnewsarticle reportagenewsarticle "
               "reviewnewsarticle backgroundnewsarticle askpublicnewsarticle satiricalarticle techarticle "
               "scholarlyarticle report blogposting liveblogposting socialmediaposting blog blogpost post posts "
               "story stories website webpage text",
    "video": "video videos videoobject videoother videomovie videoepisode videotvshow clip",
    "audio": "audio audioobject musicsong musicalbum sound",
    "podcast": "podcast podcasts podcastepisode podcastseries",
    "download": "download downloads datadownload softwareapplication",
    "event": "event events",
    "course": "course courses",
}.items() for word in words.split()})


def _score(value, key: str, notes: Notes) -> float | None:
    """A heat or quality as a number from 0 to MAX_SCORE; None when not given (or not a number).
    Out-of-range values are clamped with a warning: a crawler's odd number never costs the story."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = value.strip()
        if value.endswith("%") and value[:-1].strip():  # (`87%`: a score a crawler wrote as a percentage)
            value = value[:-1].strip()
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        notes.warn(key, f"`{key}` must be a number, got {shown(value)}", "write it without quotes or units, e.g. 87")
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        number = math.inf if value > 0 else -math.inf
    except ValueError:
        number = _written_number(value, key, notes)
        if number is None:
            notes.warn(key, f"`{key}` must be a number, got {shown(value)}", "write it without quotes or units, e.g. 87")
            return None
    else:
        if isinstance(value, str) and _DECIMAL_OR_GROUPED.fullmatch(value):
            notes.warn(key, f"`{key}` {shown(value)} may be {number:g} or {value.replace('.', '')} (with a thousands "
                            f"separator); it is read as {number:g}",
                       f"write {value.replace('.', '')} if that is meant, or {number:g} without quotes")
    if math.isnan(number):
        notes.warn(key, f"`{key}` is not a number ({shown(value)}); it is left out", "write a number from 0 to 1000000, e.g. 87")
        return None
    clamped = min(max(number, 0.0), MAX_SCORE)
    if clamped != number:
        notes.warn(key, f"`{key}` {shown(value)} is out of range (0 to {MAX_SCORE:,.0f}); {clamped:,.0f} is used",
                   "write a number from 0 to 1000000")
    return clamped


# A score as sites write counts: digits grouped by thousands (`1,234`, `1.234.567`, `1 234`, Swiss `1'234`, with
# a no-break or thin space as French does), a decimal mark (`.` or `,`) after them, and a unit (`12k`, `1.2K`,
# `3,5 Mio`). One separator alone before three digits (`1,234`, `1.234`) may be a thousands separator or a decimal
# mark: read as a thousands separator when a comma (as English-language sites write counts; no data format writes
# a decimal comma), as a decimal point when a dot (as YAML and JSON read it), with a warning either way.
_SCORE_WORDS = re.compile(r"(?P<number>[+-]?[0-9](?:[0-9,.'’]|[ ](?=[0-9]))*)[ ]?(?P<unit>[kKmMbB]|mn|Mn|bn|Bn|Mio|Mrd)?")
_LONGEST_SCORE = 40  # (no count a site shows is longer; a longer text is no score, read no further)
_UNITS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9, "mrd": 1e9}
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:(?P<mark>[,.'’ \u00a0\u202f\u2009])[0-9]{3})(?:(?P=mark)[0-9]{3})*"
                      r"(?:(?P<decimal>[.,])[0-9]+)?")
_DECIMAL_OR_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")


def _written_number(text: str, key: str, notes: Notes) -> float | None:
    """A score written as a count is (_SCORE_WORDS), or None when it is no such number."""
    if len(text) > _LONGEST_SCORE:
        return None
    found = _SCORE_WORDS.fullmatch(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))
    if not found:
        return None
    digits, unit = found["number"].strip(), found["unit"]
    grouped = _GROUPED.fullmatch(digits)
    if grouped and unit and not grouped["decimal"] and digits.count(grouped["mark"]) == 1 and grouped["mark"] in ",.":
        plain = digits.replace(",", ".")  # (`1.234k`: a decimal mark before a unit)
    elif grouped and grouped["decimal"] != grouped["mark"]:
        mark, decimal = grouped["mark"], grouped["decimal"]
        plain = digits.replace(mark, "").replace(decimal or ".", ".")
        if mark == "," and digits.count(",") == 1 and not decimal and not unit:
            notes.warn(key, f"`{key}` {shown(text)} may be {plain} or {digits.replace(',', '.')} (with a decimal "
                            f"comma); it is read as {plain}",
                       f"write {plain}, or {digits.replace(',', '.')} if that is meant, without quotes")
    elif re.fullmatch(r"[+-]?[0-9]+(?:[.,][0-9]+)?", digits):
        plain = digits.replace(",", ".")  # (`1,5`, `3,5 Mio`: a decimal comma, before other than three digits)
    else:
        return None
    try:
        return float(plain) * _UNITS[unit.lower()] if unit else float(plain)
    except ValueError:
        return None


def _bool(meta: dict, key: str, notes: Notes, default: bool) -> bool:
    value = meta.get(key)
    if value is None or value == "":  # (`published:` with no value is not given, as every other field's empty value)
        return default
    if isinstance(value, date) and meta.get("publishedDateTime") in (None, ""):
        return default  # (`published: 2026-01-10`, read as the item's date: date_field)
    if isinstance(value, bool):
        return value
    # (a crawler that exports its database's flags writes 0 and 1: `published: 0` is a draft, not news)
    words = ("true", "yes", "on", "1", "false", "no", "off", "0")  # (YAML 1.1's words for them, and numbers)
    if value in (0, 1) or isinstance(value, str) and value.strip().lower() in words:
        return str(value).strip().lower() in words[:4]
    notes.warn(key, f"`{key}` must be true or false, got {shown(value)}; {str(default).lower()} is used")
    return default


# WordPress's `status` of a post that is not out (its exports and crawlers of its API write it)
_UNPUBLISHED = frozenset({"draft", "pending", "private", "future", "trash", "auto-draft"})


def _drafted(meta: dict, notes: Notes) -> bool:
    """Whether an item that does not say `published` is a draft as another writer says so: Hugo's and
    Jekyll's `draft: true`, WordPress's `status: draft` (or `pending`, `private`...)."""
    words = {words_of(key): key for key in meta if isinstance(key, str)}
    if "draft" in words and meta[words["draft"]] not in (None, ""):
        return _bool(meta, words["draft"], notes, default=False)
    status = meta.get(words["status"]) if "status" in words else None
    return isinstance(status, str) and status.strip().lower() in _UNPUBLISHED


def _topics(meta: dict, topic_defs: dict, config: Config, notes: Notes) -> list[tuple[str, str]]:
    """(slug, name as written) of each topic, at most MAX_TOPICS; two names of one topic (one declared
    topic, or one topic_identity) are one. The slug is the plain one: the site may move it (distinct_topics)."""
    value = meta.get("topics")
    if isinstance(value, str) and "," in value and not definition(_plain(value) or "", topic_defs):
        # `topics: "AI, Robots"`, as CMS exports, schema.org's `keywords` and hand-written front matter give a
        # list: two topics, not one named "AI, Robots". A declared name with a comma in it stays whole, and so
        # does a number written with its thousands (`1,000`).
        value = [part for part in _LISTED_BY_COMMAS.split(value) if part.strip()]
        meta = dict(meta, topics=value)
    if _weighted(value):  # `{AI: 0.9, Robots: 0.4}`: a classifier's topics with their scores
        value = list(value)
    if isinstance(value, (list, dict)):
        entries = value if isinstance(value, list) else [value]
        meta = dict(meta, topics=[_topic_of_record(v, topic_defs) if isinstance(v, dict) else v for v in entries])
    names = _string_list(meta, "topics", notes)
    if len(names) > MAX_TOPICS:
        notes.warn("topics", f"`topics` names {len(names)} topics; only the first {MAX_TOPICS} are kept",
                   f"an item may have at most {MAX_TOPICS} topics")
        names = names[:MAX_TOPICS]
    topics, undeclared, seen = [], [], set()
    for name in names:
        found = definition(name, topic_defs)
        key = ("declared", found[0]) if found else ("", topic_identity(name))
        if key not in seen:
            seen.add(key)
            topics.append((found[0] if found else slugify(name), name))
            if not found:
                undeclared.append(name)
    if topic_defs and config.undeclared_topics != "allow":
        names = {topic.name.casefold(): topic.name for _, topic in topic_defs.values()}
        for name in undeclared:
            close = difflib.get_close_matches(name.casefold(), sorted(names), 1, 0.8)
            known = f"; did you mean `{names[close[0]]}`?" if close else ""
            hint = "declare it under `topics:` in config.yaml (or data_dir), or fix the name"
            parts = [part.strip() for part in name.split(",")]
            if len(parts) > 1 and all(part.casefold() in names for part in parts):  # `topics: AI, Science`
                listed = ", ".join(names[part.casefold()] for part in parts)
                known, hint = f"; did you mean the topics {listed}?", f"write them as a list: `topics: [{listed}]`"
            report = notes.error if config.undeclared_topics == "error" else notes.warn
            report("topics", f"topic `{name}` is not declared{known}", hint)
    return topics


_TOPIC_RECORD_KEYS = ("name", "_id", "slug", "id", "shortname")
_LISTED_BY_COMMAS = re.compile(r"\s*(?:(?<![0-9]),|,(?![0-9]))\s*")


def _weighted(value) -> bool:
    """Whether `topics` is a mapping of topic names to a score each, as a classifier writes them, rather than
    one topic's record (which has a name or an id)."""
    return (isinstance(value, dict) and bool(value) and not any(key in value for key in _TOPIC_RECORD_KEYS)
            and all(isinstance(key, str) and (v is None or isinstance(v, (int, float)) and not isinstance(v, bool))
                    for key, v in value.items()))


def _topic_of_record(record: dict, topic_defs: dict):
    """The topic a record names (`{name: Power Apps, _id: power-apps}`, as a site's topic records are written,
    or only `{_id: power-apps}`): the first of its name and ids that the site declares, else its name, else an
    id; the record itself when it has none (it is left out, with a warning)."""
    named = [v for v in (record.get(k) for k in _TOPIC_RECORD_KEYS)
             if isinstance(v, (str, int)) and not isinstance(v, bool) and _plain(v)]
    return next((v for v in named if definition(_plain(v), topic_defs)), named[0] if named else record)


def _string_list(meta: dict, key: str, notes: Notes) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    names = [_plain(v, name=True) if not isinstance(v, bool) else None for v in value]
    if None in names:
        notes.warn(key, f"`{key}` must be a list of names; {names.count(None)} entr{'y is' if names.count(None) == 1 else 'ies are'} left out",
                   "write one `- name` per line")
    blank = sum(1 for v, name in zip(value, names) if name == "" and isinstance(v, str) and v)
    if blank:  # (`"\u200b"`, `<b></b>`: said, not a topic lost without a word)
        notes.warn(key, f"`{key}`: {_entries(blank)} no character that shows (only spaces, invisible characters "
                        f"or markup); {'it is' if blank == 1 else 'they are'} left out", "write each name in words")
    return [_capped(name, key, notes) for name in names if name]


_WHOLE_FLOAT = re.compile(r"[0-9]{1,6}\.0*")


def _int(value) -> int | None:
    """A picture's width or height in pixels; as an HTML attribute or CSS writes it too (`"640"`, `640px`)."""
    if isinstance(value, str) and value.strip().lower().endswith("px"):
        value = value.strip()[:-2]
    if isinstance(value, float) or isinstance(value, str) and _WHOLE_FLOAT.fullmatch(value.strip()):
        value = float(value) if float(value).is_integer() else None  # (`width: 1024.0`, as JSON writers give it)
    if isinstance(value, bool):  # (`width: yes` is true to YAML, which int() takes for 1: a picture 1 pixel wide)
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number < 100_000 else None


def _images(value, key: str, notes: Notes, limit: int, base: str = "") -> tuple[Image, ...]:
    """Pictures with an http(s) `url`, a file of the site's static/ folder, or an address relative to `base`
    (a crawler's copy of `<meta property="og:image" content="/images/x.jpg">`)."""
    if value is None or value == "":
        return ()
    if isinstance(value, (dict, str)):
        value = [value]
    if not isinstance(value, list):
        notes.warn(key, f"`{key}` must be a list of images with `url`, `width`, `height`")
        return ()
    value = [entry for entry in value if entry is not None and entry != ""]  # (an empty entry is no picture)
    if len(value) > limit:
        notes.warn(key, f"`{key}` lists {len(value)} images; only the first {limit} are kept",
                   f"an item may have at most {limit} images")
        value = value[:limit]
    images, unusable = [], []
    for entry in value:
        # (`src`: a crawler's copy of an <img>'s attributes; `contentUrl`: schema.org's ImageObject; `href`: a link's)
        raw = next((entry[k] for k in ("url", "src", "contentUrl", "href") if entry.get(k)), None) \
            if isinstance(entry, dict) else entry
        url = field_url(raw) or static_path(raw) or _resolved(raw, base)  # (the site's own static/ first)
        if url:
            images.append(Image(url, _int(entry.get("width")) if isinstance(entry, dict) else None,
                                _int(entry.get("height")) if isinstance(entry, dict) else None))
        else:
            unusable.append(raw)
    if unusable:
        notes.warn(key, f"`{key}`: {_entries(len(unusable))} no http or https `url` (first: {shown(unusable[0])}); "
                   f"{'it is' if len(unusable) == 1 else 'they are'} left out",
                   "write each picture's full address, or a file of static/ as static/pictures/x.jpg")
    return tuple(images)


def _pictures(meta: dict, notes: Notes, base: str) -> tuple[Image, ...]:
    """`images`, then `image`, one picture as og:image and many site generators' front matter give it (the
    story's picture when there is no `images`), unless `images` has it already."""
    images = _images(meta.get("images"), "images", notes, MAX_IMAGES, base)
    # (`image` as a list: og:image's and JSON-LD's several pictures, the first the story's)
    single = _images(meta.get("image"), "image", notes, max(1, MAX_IMAGES - len(images)), base)
    return images + tuple(image for image in single if all(image.url != other.url for other in images))


def _entries(count: int) -> str:
    return "1 entry has" if count == 1 else f"{count} entries have"


_HOST_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?")  # labels of letters, digits and hyphens (any script)
_WEB_ADDRESS = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)


def _provider_ref(value, key: str, notes: Notes, base: str = "") -> ProviderRef | None:
    if isinstance(value, list) and value and all(isinstance(entry, (str, dict)) for entry in value):
        # (JSON-LD writes a publisher as a list of one; an item shows one provider)
        if len(value) > 1:
            notes.warn(key, f"`{key}` lists {len(value)} providers; the first is used",
                       "give the item one provider")
        value = value[0]
    if value is None:
        return None
    if isinstance(value, str) and _WEB_ADDRESS.match(value.strip()) and host_of(value.strip()):
        # `provider: https://www.example.com/` (a crawler that knows only where it read the story): that site
        value = {"name": site_domain(host_of(value.strip()).lower()), "domain": value.strip()}
    if isinstance(value, str):
        value = {"name": value}  # `provider: Solo Reporter`
    if not isinstance(value, dict):
        notes.warn(key, f"`{key}` must be a mapping with `name` and `domain`, got {kind_of(value)}; it is left out")
        return None
    name = _plain(value.get("name") or "", name=True)
    # (a provider written as a site's publisher record, `url` and `logo`, as config.yaml's providers are too)
    domain = _plain(value.get("domain") or value.get("url") or "")
    if domain and IGNORED_IN_HOSTS.search(domain):
        # (`port\u200b.example`, a zero-width space copied with the address: the host browsers go to, as IDNA's
        # mapping drops such characters; a direction mark stays, and makes no host, as no browser loads one)
        domain = IGNORED_IN_HOSTS.sub("", domain)
    if name is None or domain is None:
        notes.warn(key, f"`{key}`'s `name` and `domain` must be text")
    if domain and "://" in domain and host_of(domain.strip()):
        domain = host_of(domain.strip())  # an address written for the domain: `https://example.com/`
    # (a host is read with its compatibility characters mapped, as browsers map it: `ｅｘａｍｐｌｅ.com` and a
    # `café` written with a combining accent are one site's, and a domain host_name accepts)
    domain = site_domain(unicodedata.normalize("NFKC", domain or "").lower())
    name, domain = _capped(name or "", key, notes), _capped(domain, key, notes)
    if domain and not _HOST_NAME.fullmatch(domain):
        # (kept: it still tells this provider from others, and shows as text only)
        notes.warn(key, f"`{key}`'s `domain` is not a host name: {shown(domain)}",
                   "write the site's host, such as example.com")
    if not name and not domain:
        if isinstance(value.get("name"), str) and value["name"]:  # (`"\u200b"`: said, not lost without a word)
            notes.warn(key, f"`{key}`'s `name` has no character that shows (only spaces, invisible characters or "
                            f"markup): {shown(value['name'])}; the item has no provider",
                       "write the provider's name in words, or give its `domain`")
        return None
    images = value.get("images") if value.get("images") is not None else value.get("logo")
    account = _account(value.get("account"), domain, key, notes)
    domain = domain or account.split("/", 1)[0].split("?", 1)[0]
    return ProviderRef(name or domain, domain, slugify(account or domain or name),
                       _images(images, key, notes, MAX_IMAGES, base), account)


_LONGEST_ACCOUNT = 500  # (a page and a slug from it, shown on every page of the provider's)


def _account(value, domain: str, key: str, notes: Notes) -> str:
    """A provider's `account` (ProviderRef.account): an http(s) address on its domain, past its home page."""
    if value is None or value == "":
        return ""
    page = account_page(value, domain)
    if len(page) > _LONGEST_ACCOUNT:
        notes.warn(key, f"`{key}`'s `account` is {len(page):,} characters long, which no account's address is; it "
                        "is left out", "write the address of the account's own page, or leave `account` out")
        return ""
    if not page:
        notes.warn(key, f"`{key}`'s `account` is not the address of a page on {domain or 'its site'}: {shown(value)}; "
                        f"it is left out", "write the address of the account's own page, such as "
                        "https://www.youtube.com/channel/ID, or leave `account` out")
        return ""
    return page


def _related(value, config: Config, notes: Notes, base: str = "") -> tuple[Related, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        notes.warn("related", f"`related` must be a list of stories, got {kind_of(value)}")
        return ()
    if len(value) > MAX_RELATED:
        notes.warn("related", f"`related` lists {len(value)} stories; only the first {MAX_RELATED} are kept",
                   f"an item may have at most {MAX_RELATED} related stories")
        value = value[:MAX_RELATED]
    related, unusable = [], 0
    for entry in value:
        # (`url`: the key of schema.org's records and of most JSON APIs)
        written = [entry.get(k) for k in ("webUrl", "originalUrl", "url")] if isinstance(entry, dict) else []
        url = next(filter(None, map(field_url, written)), "") or _resolved(next(filter(None, written), ""), base)
        if isinstance(entry, str):  # coverage listed by its full address alone
            url, entry = field_url(entry), {}
        # (without a title, a reader still follows it by its site's name)
        title = isinstance(entry, dict) and (_plain(entry.get("title") or "") or host_of(url).removeprefix("www."))
        if not url or not title:
            unusable += 1  # nothing a reader could follow
            continue
        published = None
        if entry.get("publishedDateTime"):
            try:
                published = zone_guessed(to_utc(entry["publishedDateTime"], config, "related: publishedDateTime"),
                                          entry["publishedDateTime"], "related: publishedDateTime", config, notes)
            except Unusable as exc:
                notes.warn("related", exc.message + "; the date is left out", exc.hint)
        related.append(Related(_capped(title, "related", notes),
                               _capped(_plain(entry.get("excerpt") or "") or "", "related", notes), published, url,
                               _type(entry.get("type"), "related: type", notes),
                               _provider_ref(entry.get("provider"), "related: provider", notes),
                               _score(entry.get("quality"), "related: quality", notes)))
    if unusable:
        notes.warn("related", f"`related`: {_entries(unusable)} no http or https `webUrl`; "
                   f"{'it is' if unusable == 1 else 'they are'} left out",
                   "give each story its full address")
    return tuple(related)


def _other_than(values: dict, notes: Notes) -> tuple[Related, ...]:
    """The item's `related` entries but those that are its own page (its URL in any spelling: its AMP page,
    with tracking parameters ...): crawlers list the page they read among its coverage, and shown, the page
    linked to itself as "More coverage" and counted itself as another source."""
    related = values["related"]
    if not related:  # (most items: no addresses to put in order)
        return related
    own = {canonical_url(values[key]) for key in ("web_url", "original_url", "amp_url", "cdn_amp_url") if values[key]}
    kept = tuple(entry for entry in related if canonical_url(entry.url) not in own)
    if len(kept) < len(related):
        left = len(related) - len(kept)
        notes.warn("related", f"`related`: {_entries(left)} this story's own address; "
                   f"{'it is' if left == 1 else 'they are'} left out", "list other pages' coverage of the story only")
    return kept
