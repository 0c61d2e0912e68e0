"""One front matter value of an item read as text, a URL, a flag or a type (make_item's single-value readers).

Plain-text fields are decoded (text.plain_text) and cut to MAX_TEXT characters, URLs are kept only with an
http(s) scheme (or resolved against the page the item was taken from), and a value of the wrong kind is
dropped with a warning in the item's Notes rather than losing the story.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date, time
from types import MappingProxyType
from typing import Mapping

from generator.site.dates import dated_text
from generator.site.keys import KEY_SEPARATORS, words_of
from generator.site.notes import Entry, Notes, kind_of, shown
from generator.languages import LANGUAGE, code_of_name, language_problem
from generator.site.text import BIDI, bidi_closed, cut_at_word, plain_name, plain_text
from generator.urls import (MAX_URL, entities_read, field_url, joined, old_path, read_url, too_long, with_scheme,
                            without_controls)


MAX_TYPE = 40  # characters of a type kept


MAX_TEXT = 2000  # characters of a plain-text field (a title, an excerpt, a name); see capped


def resolved(value, base: str) -> str:
    """A relative address (`/images/x.jpg`, `../x.jpg`) of the page at `base`, as the browser resolved it there,
    if that makes a safe URL (field_url); else the empty string."""
    if not base or not isinstance(value, str) or not value.strip() or is_absolute(value):
        return ""
    return field_url(joined(base, value.strip()))


def is_absolute(value: str) -> bool:
    """Whether an address has a scheme as the browser reads it: its entities read (`&#106;avascript:`), then
    its controls, tabs and line breaks dropped (`jav&#x0A;ascript:`); such an address is never a relative one."""
    return bool(_SCHEME_START.match(read_url(entities_read(value))))


_SCHEME_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # (an address with a scheme is not relative)


def url_field(meta: dict, key: str, notes: Notes, base: str = "", absolute: str | None = None) -> str:
    """A URL field (field_url), or an address relative to `base` (resolved); one given that cannot be kept
    (`javascript:`, a relative path with no page to resolve it against, a list) is left out with a warning,
    so the user learns why the story has no link. `absolute`: the value's field_url, when the caller has it."""
    value = meta.get(key)
    if value is None or value == "":
        return ""
    url = (field_url(value) if absolute is None else absolute) or resolved(value, base)
    if not url and long_address(value, base):
        notes.warn(key, f"`{key}` is {too_long_said(value)}; it is left out",
                   "give the article's address without what makes it that long (tracking parameters, a copied "
                   "page's text)")
    elif not url and isinstance(value, str) and _HTTP_START.match(read_url(value)):
        # (`https://host:99999/`, `https://`: an http(s) address all the same, which "not http" would puzzle)
        notes.warn(key, f"`{key}` is an http(s) address no browser can open: {shown(value)} (its host or port is "
                        "none); it is left out", "write the full address, e.g. https://provider.example/story")
    elif not url:
        meant = with_scheme(value)
        notes.warn(key, f"`{key}` is not an http or https URL: {shown(value)}; it is left out",
                   f"write the full address: {meant}" if meant
                   else "write the full address, e.g. https://provider.example/story")
    return url


_HTTP_START = re.compile(r"https?://", re.IGNORECASE)


def long_address(value, base: str = "") -> bool:
    """Whether `value` is an address left out for its length alone (urls.too_long), as written or as resolved
    against `base`."""
    return isinstance(value, str) and (too_long(value) or bool(
        base and not is_absolute(value) and too_long(joined(base, value.strip()))))


def too_long_said(value: str) -> str:
    """What a message says of an address too long to be one (long_address)."""
    return (f"an address of {len(value):,} characters, more than the {MAX_URL:,} one may have (servers and "
            "browsers refuse longer ones)")


def as_plain(value, name: bool = False) -> str | None:
    """A scalar as plain text (`name`: as plain_name makes a name); None for a list, a mapping or anything else
    that is not one."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):  # (YAML's `.nan`: pandas' and JSON writers' "none")
        return None
    if isinstance(value, (str, int, float, date, time)):  # (a time: TOML's `07:30:00`)
        return plain_name(str(value)) if name else plain_text(str(value))
    return None


def text_field(meta: dict, key: str, notes: Notes, required: bool = False, plain: bool = True,
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
    text = "" if value is None else as_plain(value) if plain else _unplain(value)
    if text is None:
        report = notes.error if required else notes.warn
        report(key, f"`{key}` must be text, got {kind_of(value)}", "put the value in quotes, on one line")
        return ""
    if isinstance(value, bool):  # `title: Yes` is read as true: the words were lost
        notes.warn(key, f"`{key}` was read as {text}, not as text", "put the value in quotes")
    if not text and required:
        if key not in meta:  # (`title:` with nothing after it is there, and empty: said at its line)
            notes.missing(key, f"the item's {key}", "Central bank holds rates")
        elif isinstance(value, str) and value.strip():  # (`<script>...</script>`: nothing of it is shown)
            notes.error(key, f"`{key}` is empty once read as plain text: {shown(value)} is only HTML tags, a script's "
                             "or style's text, or characters that show nothing", f"write the {key} as text")
        else:
            notes.error(key, f"`{key}` is empty", f"write the {key} as text")
    return capped(text, key, notes) if plain else text


def author_field(meta: dict, notes: Notes) -> str:
    """`author` (else `authors`, as JSON Feed and JSON-LD write it): a name, a mapping with a `name` (JSON-LD's
    Person), or a list of them; the names as plain text, each once, joined with ", "."""
    key = "author" if meta.get("author") not in (None, "", []) else "authors"
    value = meta.get(key)
    names, unusable = [], []
    for entry in value if isinstance(value, list) else [] if value is None else [value]:
        name = entry.get("name") if isinstance(entry, dict) else entry
        # (a mapping that gives no `name`, `{givenName: Sam}`, was no author without a word)
        nameless = isinstance(entry, dict) and entry and name is None
        text = None if isinstance(name, bool) or nameless else "" if name is None else as_plain(name)
        if text is None:
            unusable.append(entry if nameless else name)
        elif text:
            names.append(text)
    if unusable and not isinstance(value, list):
        notes.warn(key, f"`{key}` must be a name, a mapping with a `name` or a list of them, got "
                        f"{kind_of(value)}; it is left out",
                   f"write the author's name, e.g. `{notes.written('author', 'Sam Coder')}`")
    elif unusable:  # (the others' names kept: one odd entry of a crawler's list cost them all)
        notes.warn(key, f"`{key}` must be a name, a mapping with a `name` or a list of them: "
                        f"{entries_have(len(unusable))} no name as text (got {kind_of(unusable[0])}); "
                        f"{'it is' if len(unusable) == 1 else 'they are'} left out",
                   "give each author as a name, or a mapping with a `name`")
    return capped(", ".join(dict.fromkeys(names)), key, notes)


def capped(text: str, key: str, notes: Notes) -> str:
    """A plain-text field cut at a word to MAX_TEXT characters, with a warning: a title or a name is written
    into every page, feed and API file that shows its story (a crawler's 4 MB title would be 30 of them)."""
    if len(text) <= MAX_TEXT:
        return text
    cut = cut_at_word(text, MAX_TEXT)
    notes.warn(key, f"`{key}` is {len(text):,} characters long; it is cut to {len(cut):,}",
               f"shorten it to at most {MAX_TEXT:,} characters")
    cut = cut.rstrip() + "…"
    return bidi_closed(cut) if BIDI.search(cut) else cut


def featured_field(meta: dict, notes: Notes) -> str:
    """`featuredContent`'s markup (or address): as written, or as other writers give a player: an oEmbed reply
    (`{type: video, html: "<iframe ...>"}`, as a crawler that asks YouTube's oEmbed stores it), schema.org's
    VideoObject (`embedUrl`, `contentUrl`) or a record with its `url`; embed code escaped once more than HTML
    (`&lt;iframe src=...&gt;`, as a crawler that copies it from a feed's escaped text writes it) as that code."""
    key = "featuredContent"
    value = meta.get(key)
    if isinstance(value, dict):
        found = next((value[k] for k in _PLAYER_KEYS if isinstance(value.get(k), str) and value[k].strip()), None)
        if found is None:
            notes.warn(key, f"`{key}` is a mapping without a player's `html`, `embedUrl` or `url`; it is left out",
                       "write the player's embed code or address, e.g. https://www.youtube.com/embed/ID")
            return ""
        meta = {key: found}
    text = text_field(meta, key, notes, plain=False)
    if "<" not in text and _ESCAPED_TAG.search(text):
        text = html.unescape(text)
    return text


# A player's keys, in the order read: oEmbed's markup, schema.org's VideoObject's and AudioObject's addresses,
# a record's address
_PLAYER_KEYS = ("html", "embedUrl", "embed_url", "contentUrl", "content_url", "url", "src")
_ESCAPED_TAG = re.compile(r"&lt;\s*(?:iframe|video|audio|source|embed|object|blockquote|div|p|a|figure)[\s&/]",
                          re.IGNORECASE)


MAX_ALIASES = 100  # old addresses of one item (each is a file of the site)


def aliases_field(meta: dict, notes: Notes) -> tuple[str, ...]:
    """An item's `aliases`, its old addresses (one, or a list), each as the site path its redirect page is written
    at (urls.old_path), once, in the file's order; one that is no path of this site is left out with a warning."""
    value = meta.get("aliases")
    if value in (None, "", []):
        return ()
    values = value if isinstance(value, list) else [value]
    if len(values) > MAX_ALIASES:
        notes.warn("aliases", f"`aliases` gives {len(values):,} old addresses, more than an item may have "
                   f"({MAX_ALIASES}): the first {MAX_ALIASES} are kept", "keep the addresses readers still follow")
        values = values[:MAX_ALIASES]
    paths: list[str] = []
    for given in values:
        path, wrong = old_path(given)
        if wrong:
            notes.warn(Entry("aliases", (str(given),), MAX_ALIASES),  # (at its own line)
                       f"the old address {shown(given)} in `aliases` {wrong}",
                       "fix it, or remove it from `aliases`; until then it is left out")
        elif path not in paths:
            paths.append(path)
    return tuple(paths)


def _unplain(value) -> str | None:
    if isinstance(value, (list, dict)) or value is None:
        return None
    return " ".join(without_controls(str(value)).splitlines()).strip()


def type_field(value, key: str, notes: Notes) -> str:
    """The item's type, lower case: any value is kept (a card labels what it does not know neutrally)."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        # (JSON-LD's `@type: [VideoObject, CreativeWork]`: the first the item is known as, else the first)
        known = [type_field(v, key, notes) for v in value]
        return next((kind for kind in known if kind in _KNOWN_TYPES), known[0])
    if value is None:
        return "article"
    text = as_plain(value)
    if text is None or isinstance(value, bool):
        notes.warn(key, f"`{key}` must be a word such as article or video, got {kind_of(value)}",
                   f"write it as `{notes.written('type', 'article')}`; the item is shown as an article")
        return "article"
    # (JSON-LD's expanded names: `https://schema.org/VideoObject`, `schema:VideoObject`, `og:video.other`)
    text = _VOCABULARY.sub("", text.strip()).lower()[:MAX_TYPE]
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


_KNOWN_TYPES = frozenset(_TYPE_SYNONYMS.values())
_VOCABULARY = re.compile(r"^(?:https?://(?:www\.)?schema\.org/|schema:|og:)", re.IGNORECASE)


def bool_field(meta: dict, key: str, notes: Notes, default: bool) -> bool:
    value = meta.get(key)
    if value is None or value == "":  # (`published:` with no value is not given, as every other field's empty value)
        return default
    if isinstance(value, date) or dated_text(value):
        # (`published: 2026-01-10`, Atom's and feedparser's name for the date: without `publishedDateTime` it is the
        # item's (date_field); a date of publication says the item is out either way)
        return default
    if isinstance(value, bool):
        return value
    # (a crawler that exports its database's flags writes 0 and 1: `published: 0` is a draft, not news)
    words = ("true", "yes", "on", "1", "false", "no", "off", "0")  # (YAML 1.1's words for them, and numbers)
    if value in (0, 1) or isinstance(value, str) and value.strip().lower() in words:
        return str(value).strip().lower() in words[:4]
    notes.warn(key, f"`{key}` must be true or false, got {shown(value)}; {str(default).lower()} is used",
               f"write `{key}: true`, or `{key}: false` for a draft")
    return default


# WordPress's `status` of a post that is not out (its exports and crawlers of its API write it)
_UNPUBLISHED = frozenset({"draft", "pending", "private", "future", "trash", "auto-draft"})


def drafted(meta: dict, notes: Notes) -> bool:
    """Whether an item that does not say `published` is a draft as another writer says so: Hugo's and
    Jekyll's `draft: true`, WordPress's `status: draft` (or `pending`, `private`...)."""
    words = {words_of(key): key for key in meta if isinstance(key, str)}
    if "draft" in words and meta[words["draft"]] not in (None, ""):
        return bool_field(meta, words["draft"], notes, default=False)
    status = meta.get(words["status"]) if "status" in words else None
    return isinstance(status, str) and status.strip().lower() in _UNPUBLISHED


def entries_have(count: int) -> str:
    return "1 entry has" if count == 1 else f"{count} entries have"


def language_field(meta: dict, notes: Notes) -> str:
    """The language the item's own text is in (`language: fr`, as fetch writes it for an entry in another language
    than the site's), which its card and page mark it with; "" when not given. A crawler's name of a language
    (`French`, `Deutsch`) is its code; anything else is none, with a warning: it would go into the pages' `lang`."""
    value = meta.get("language")
    if value is None or value == "":
        return ""
    text = value.strip().replace("_", "-") if isinstance(value, str) else ""
    tag = text if LANGUAGE.fullmatch(text) else code_of_name(text)
    problem = language_problem(tag) if tag else None
    if not tag or problem:
        what, todo = problem or ("is no language code", "write the code of the language its text is in, such as fr "
                                 "or pt-BR, or leave `language` out for the site's")
        notes.warn("language", f"`language` {shown(value)}{':' if problem else ''} {what}; the item is taken to be in "
                   "the site's language", todo)
        return ""
    return tag
