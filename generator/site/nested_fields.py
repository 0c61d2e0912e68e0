"""An item's nested front matter fields read as records: its provider (ProviderRef, with its logos and
account), its pictures (Image), its related coverage (Related) and its topics (slug and name).

What one item may cost is bounded (item_bounds.py): past MAX_TOPICS topics, MAX_RELATED related stories
and MAX_IMAGES images (and MAX_IMAGES of its provider's) the rest is left, with a warning.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from generator.config.values import Config
from generator.site.dates import dated_text, to_utc, zone_guessed
from generator.site.fields import as_plain, capped, entries_have, long_address, resolved, too_long_said, type_field
from generator.site.keys import OTHER_DATE_KEYS, words_of
from generator.site.identities import account_page, definition, site_domain, topic_identity
from generator.site.item_bounds import MAX_IMAGES, MAX_RELATED, MAX_TOPICS
from generator.site.model import Image, ProviderRef, Related
from generator.site.notes import Notes, Unusable, kind_of, shown
from generator.site.quantities import score_field
from generator.site.stories import article_key
from generator.typography import typeset
from generator.urlnorm import canonical_url
from generator.hosts import IGNORED_IN_HOSTS, ascii_host
from generator.urls import field_url, home_page, host_of, slugify, static_path


def topics_field(meta: dict, topic_defs: dict, config: Config, notes: Notes) -> list[tuple[str, str]]:
    """(slug, name as written) of each topic, at most MAX_TOPICS; two names of one topic (one declared
    topic, or one topic_identity) are one. The slug is the plain one: the site may move it (distinct_topics)."""
    value = meta.get("topics")
    if (isinstance(value, str) and len(parts := _LISTED_BY_SEMICOLONS.findall(value)) > 1
            and not definition(as_plain(value) or "", topic_defs)):
        # `topics: "AI; Robots"`, as writers list names that have commas (`Science, Technology; AI`): each
        # part one topic, commas and all; a character reference's `;` (`Q&amp;A`) separates nothing
        value = [part.strip() for part in parts if part.strip()]
        meta = dict(meta, topics=value)
    if isinstance(value, str) and "," in value and not definition(as_plain(value) or "", topic_defs):
        # `topics: "AI, Robots"`, as CMS exports, schema.org's `keywords` and hand-written front matter give a
        # list: two topics, not one named "AI, Robots". A declared name with a comma in it stays whole, and so
        # does a number written with its thousands (`1,000`).
        value = [part for part in _LISTED_BY_COMMAS.split(value) if part.strip()]
        meta = dict(meta, topics=value)
    if isinstance(value, str) and _HASHTAGS.fullmatch(value):  # `#AI #Robots`: a post's hashtags, two topics
        value = _HASHTAG.findall(value)
        meta = dict(meta, topics=value)
    if _weighted(value):  # `{AI: 0.9, Robots: 0.4}`: a classifier's topics with their scores
        value = list(value)
    if isinstance(value, (list, dict)):
        entries = value if isinstance(value, list) else [value]
        meta = dict(meta, topics=[_topic_of_record(v, topic_defs) if isinstance(v, dict) else v for v in entries])
    if isinstance(meta.get("topics"), list):
        # (a hashtag is the topic its word names: `#PowerApps` is Power Apps, `#AI` the topic AI, not `sharp-ai`)
        meta = dict(meta, topics=[_HASHTAG.fullmatch(v.strip())[1]
                                  if isinstance(v, str) and _HASHTAG.fullmatch(v.strip())
                                  else v for v in meta["topics"]])
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
            topics.append((found[0] if found else slugify(name, language=config.language), name))
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
                listed = [names[part.casefold()] for part in parts]
                known = f"; did you mean the topics {', '.join(listed)}?"
                hint = f"write them as a list: `{notes.written('topics', listed)}`"
            report = notes.error if config.undeclared_topics == "error" else notes.warn
            report("topics", f"topic `{name}` is not declared{known}", hint)
    return topics


# (`label`: a classifier's `{label: AI, score: 0.9}`; `term`: feedparser's tags, `{term: AI, scheme: ..., label: null}`,
# as Atom's category writes them; `title`: a CMS's taxonomy term)
_TOPIC_RECORD_KEYS = ("name", "label", "term", "title", "_id", "slug", "id", "shortname")
# A hashtag: `#` and a word that starts with a letter (`#1` and `C#` are no hashtags); a text of them alone
_HASHTAG = re.compile(r"#([^\W\d_][\w-]*)")
_HASHTAGS = re.compile(r"\s*#[^\W\d_][\w-]*(?:[\s,]+#[^\W\d_][\w-]*)*\s*")
_LISTED_BY_SEMICOLONS = re.compile(r"(?:&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});|[^;])+")
_LISTED_BY_COMMAS = re.compile(r"\s*(?:(?<![0-9]),|,(?![0-9]))\s*")


def _weighted(value) -> bool:
    """Whether `topics` is a mapping of topic names to a score each, as a classifier writes them, rather than
    one topic's record (which has a name or an id)."""
    return (isinstance(value, dict) and bool(value) and not any(key in value for key in _TOPIC_RECORD_KEYS)
            and all(isinstance(key, str) and (v is None or isinstance(v, (int, float)) and not isinstance(v, bool))
                    for key, v in value.items()))


def _topic_of_record(record: dict, topic_defs: dict):
    """The topic a record names (`{name: Power Apps, _id: power-apps}`, as a site's topic records are written,
    or only `{_id: power-apps}`; `{label: AI, score: 0.9}`, `{term: AI}`): the first of its name and ids that the
    site declares, else its name, else an id; the record itself when it has none (it is left out, with a warning)."""
    named = [v for v in (record.get(k) for k in _TOPIC_RECORD_KEYS)
             if isinstance(v, (str, int)) and not isinstance(v, bool) and as_plain(v)]
    return next((v for v in named if definition(as_plain(v), topic_defs)), named[0] if named else record)


def _string_list(meta: dict, key: str, notes: Notes) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    names = [as_plain(v, name=True) if not isinstance(v, bool) else None for v in value]
    if None in names:
        notes.warn(key, f"`{key}` must be a list of names; "
                        f"{names.count(None)} entr{'y is' if names.count(None) == 1 else 'ies are'} left out",
                   "write one `- name` per line")
    blank = sum(1 for v, name in zip(value, names) if name == "" and isinstance(v, str) and v)
    if blank:  # (`"\u200b"`, `<b></b>`: said, not a topic lost without a word)
        notes.warn(key, f"`{key}`: {entries_have(blank)} no character that shows (only spaces, invisible characters "
                        f"or markup); {'it is' if blank == 1 else 'they are'} left out", "write each name in words")
    return [capped(name, key, notes) for name in names if name]


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


def _images(value, key: str, notes: Notes, limit: int, base: str = "", field: str = "") -> tuple[Image, ...]:
    """Pictures with an http(s) `url`, a file of the site's static/ folder, or an address relative to `base`
    (a crawler's copy of `<meta property="og:image" content="/images/x.jpg">`). `field`: the key they are
    written under, when not `key` (a provider's `images` or `logo`)."""
    if value is None or value == "":
        return ()
    if isinstance(value, dict) and _sized(value):
        # `{50x50: https://.../logo-50.png, 400x400: ...}`, `{small: ..., large: ...}`: one picture in several sizes,
        # each by its size's name (and its width and height, when the name gives them)
        value = [dict(url=url, **dict(zip(("width", "height"), map(int, size.groups())) if size else {}))
                 for name, url in value.items() for size in [_SIZE_NAME.fullmatch(str(name).strip())]]
    if isinstance(value, (dict, str)):
        value = [value]
    if not isinstance(value, list):
        named = f"{key}: {field}" if field and field != key else key
        notes.warn(key, f"`{named}` must be a list of images with `url`, `width`, `height`, got {kind_of(value)}; "
                        "it is left out",
                   f"write it as `{notes.written(field or key, [{'url': 'https://example.com/picture.jpg'}])}`")
        return ()
    value = [entry for entry in value if entry is not None and entry != ""]  # (an empty entry is no picture)
    if len(value) > limit:
        notes.warn(key, f"`{key}` lists {len(value)} images; only the first {limit} are kept",
                   f"an item may have at most {limit} images")
        value = value[:limit]
    images, unusable, unworded, long = [], [], {}, []
    for number, entry in enumerate(value, 1):
        # (`src`: a crawler's copy of an <img>'s attributes; `contentUrl`: schema.org's ImageObject; `href`: a link's)
        raw = next((entry[k] for k in _IMAGE_KEYS if entry.get(k)), None) \
            if isinstance(entry, dict) else entry
        url = field_url(raw) or static_path(raw) or resolved(raw, base)  # (the site's own static/ first)
        if url:
            images.append(Image(url, _int(entry.get("width")), _int(entry.get("height")),
                                **_picture_words(entry, number, key, notes, unworded)) if isinstance(entry, dict)
                          else Image(url))
        elif long_address(raw, base):
            long.append(raw)
        else:
            unusable.append(raw)
    if long:
        notes.warn(key, f"`{key}`: {entries_have(len(long))} a `url` that is {too_long_said(max(long, key=len))}; "
                   f"{'it is' if len(long) == 1 else 'they are'} left out",
                   "give each picture's address without what makes it that long (a picture's data belongs in a "
                   "file of its own)")
    if unusable:
        first = "an entry without `url`" if unusable[0] is None else shown(unusable[0])
        notes.warn(key, f"`{key}`: {entries_have(len(unusable))} no http or https `url` (first: {first}); "
                   f"{'it is' if len(unusable) == 1 else 'they are'} left out",
                   "write each picture's full address, or a file of static/ as static/pictures/x.jpg")
    for name, (entries, wrong) in unworded.items():  # (once for the list: a crawler writes every entry alike)
        listed = ", ".join(map(str, entries[:5])) + (" ..." if len(entries) > 5 else "")
        notes.warn(key, f"`{key}`: the `{name}` of entr{'y' if len(entries) == 1 else 'ies'} {listed} is no text "
                        f"(got {kind_of(wrong)}); {'it is' if len(entries) == 1 else 'they are'} left out",
                   f"write `{name}` as text, on one line, in quotes")
    return tuple(images)


# A picture's words as crawlers copy them (an <img>'s `alt` and `title`, a <figure>'s caption and credit) and as
# schema.org's ImageObject names them (`caption`, `name`, `description`, `creditText`, `author`): the first of each
# field's keys that the entry gives (an `alt` given empty is a decorative picture's, not one that says nothing)
_PICTURE_WORDS = (("alt", ("alt", "altText", "alt_text", "title", "name", "description")), ("caption", ("caption",)),
                  ("credit", ("credit", "creditText", "credit_text", "author", "copyrightHolder")))


def _picture_words(entry: dict, number: int, key: str, notes: Notes, unworded: dict) -> dict:
    """The words (alt, caption, credit) of a picture's entry (the list's `number`th), as plain text (a caption's
    `<b>` and `&amp;` as every text field's); `unworded`: key as written -> (the numbers of the entries that give
    it as no text, the first such value)."""
    words = {}
    for field, keys in _PICTURE_WORDS:
        name = next((name for name in keys if entry.get(name) is not None), None)
        if name is None:
            continue
        value = entry[name]
        # (schema.org's `author` and `copyrightHolder`: a Person or an Organization, one or a list, by `name`)
        parts = [part.get("name") if isinstance(part, dict) else part for part in
                 (value if isinstance(value, list) and value else [value])]
        texts = [None if isinstance(part, bool) else as_plain(part) for part in parts]
        if None in texts:
            unworded.setdefault(name, ([], value))[0].append(number)
            continue
        words[field] = capped(", ".join(dict.fromkeys(text for text in texts if text)), key, notes)
    return words


_SIZE_NAME = re.compile(r"([0-9]{1,5})\s*[xX×]\s*([0-9]{1,5})")
_IMAGE_KEYS = ("url", "src", "contentUrl", "href")


def _sized(value: dict) -> bool:
    """Whether a mapping is one picture's sizes by name (`{50x50: URL, 400x400: URL}`), not one picture's record."""
    return (bool(value) and not any(key in value for key in _IMAGE_KEYS + ("width", "height"))
            and all(isinstance(url, str) and (field_url(url) or static_path(url)) for url in value.values()))


def pictures_field(meta: dict, notes: Notes, base: str) -> tuple[Image, ...]:
    """`images`, then `image`, one picture as og:image and many site generators' front matter give it (the
    story's picture when there is no `images`), unless `images` has it already."""
    images = _images(meta.get("images"), "images", notes, MAX_IMAGES, base)
    # (`image` as a list: og:image's and JSON-LD's several pictures, the first the story's)
    single = _images(meta.get("image"), "image", notes, max(1, MAX_IMAGES - len(images)), base)
    return images + tuple(image for image in single if all(image.url != other.url for other in images))


_HOST_AND_PORT = re.compile(r"([^\s/:@\[\]]+):([0-9]{1,5})")
_HOST_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?")  # labels of letters, digits and hyphens (any script)
_WEB_ADDRESS = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)


def provider_field(value, key: str, notes: Notes, base: str = "", language: str = "") -> ProviderRef | None:
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
        value = {"name": ascii_host(site_domain(host_of(value.strip()).lower())), "domain": value.strip()}
    if isinstance(value, str):
        value = {"name": value}  # `provider: Solo Reporter`
    if not isinstance(value, dict):
        notes.warn(key, f"`{key}` must be a mapping with `name` and `domain`, got {kind_of(value)}; it is left out",
                   f"write it as `{notes.written('provider', {'name': 'Example News', 'domain': 'example.com'})}`")
        return None
    name = as_plain(value.get("name") or "", name=True)
    # (a provider written as a site's publisher record, `url` and `logo`, as config.yaml's providers are too)
    # (and as a site's organization record, whose `_id` is its domain: `{_id: example.com, name: ..., images: ...}`,
    # as a crawler that copies the record writes it; an `_id` without a dot is a database's id, not a host)
    record_id = value.get("_id") if isinstance(value.get("_id"), str) and "." in value["_id"] else None
    domain = as_plain(value.get("domain") or value.get("url") or record_id or "")
    if domain and IGNORED_IN_HOSTS.search(domain):
        # (`port\u200b.example`, a zero-width space copied with the address: the host browsers go to, as IDNA's
        # mapping drops such characters; a direction mark stays, and makes no host, as no browser loads one)
        domain = IGNORED_IN_HOSTS.sub("", domain)
    if name is None or domain is None:
        notes.warn(key, f"`{key}`'s `name` and `domain` must be text", "put each on one line, in quotes")
    address = ""  # the domain written as an address: the home page, when its port is the site's own (_home_page)
    if domain and "://" in domain and host_of(domain.strip()):
        address = domain.strip()
        domain = host_of(address)  # an address written for the domain: `https://example.com/`
    elif domain and (authority := _HOST_AND_PORT.fullmatch(domain.strip())):
        # `example.com:8443`, a URL's host and port: that site (http's on port 80, else as https's)
        address = f"{'http' if authority[2] == '80' else 'https'}://{domain.strip()}/"
        domain = authority[1]
    # (a host is read with its compatibility characters mapped, as browsers map it: `ｅｘａｍｐｌｅ.com` and a
    # `café` written with a combining accent are one site's, and a domain host_name accepts)
    domain = site_domain(unicodedata.normalize("NFKC", domain or "").lower())
    name, domain = capped(name or "", key, notes), capped(domain, key, notes)
    if domain and not _HOST_NAME.fullmatch(domain):
        # (kept: it still tells this provider from others, and shows as text only)
        notes.warn(key, f"`{key}`'s `domain` is not a host name: {shown(domain)}",
                   "write the site's host, such as example.com")
    if not name and not domain:
        if isinstance(value.get("name"), str) and value["name"]:  # (`"\u200b"`: said, not lost without a word)
            notes.warn(key, f"`{key}`'s `name` has no character that shows (only spaces, invisible characters or "
                            f"markup): {shown(value['name'])}; the item has no provider",
                       "write the provider's name in words, or give its `domain`")
        elif value and name is not None and domain is not None:  # (`{title: X}`: said, not lost without a word)
            given = ", ".join(shown(str(k)) for k in list(value)[:5]) + (", ..." if len(value) > 5 else "")
            notes.warn(key, f"`{key}` gives no `name` nor `domain` (it gives {given}); the item has no provider",
                       "give the provider's `name` and `domain`")
        return None
    field = "images" if value.get("images") is not None else "logo"
    images = value.get(field)
    account = _account(value.get("account"), domain, key, notes)
    domain = domain or account.split("/", 1)[0].split("?", 1)[0]
    # (named by its domain as pages name a link's host: in IDNA's ASCII form, so that a look-alike letter, the
    # Cyrillic "а" of `xn--pple-43d.com`, names no other site)
    # (its name typeset as a French site's titles are: typography.py; the slug and who it is are those of the name
    # as written, as identities.identity_of reads a no-break space as a space)
    return ProviderRef(typeset(name, language) or ascii_host(domain), domain,
                       slugify(account or domain or name, language=language),
                       _images(images, key, notes, MAX_IMAGES, base, field), account,
                       _home_page(value.get("url") or address, domain))


def _home_page(value, domain: str) -> str:
    """A provider's `url` as its home page (ProviderRef.site), when urls.home_page keeps one (a port of its own,
    an IP address) and its host is the domain; else "" (the home page is https://<domain>/)."""
    url = home_page(field_url(value)) if isinstance(value, str) else ""
    return url if url and domain and site_domain(host_of(url)) == domain else ""


_LONGEST_ACCOUNT = 500  # (a page and a slug from it, shown on every page of the provider's)


def _account(value, domain: str, key: str, notes: Notes) -> str:
    """A provider's `account` (ProviderRef.account): an http(s) address on its domain, past its home page."""
    if value is None or value == "":
        return ""
    page = account_page(value, domain)
    if len(page) > _LONGEST_ACCOUNT or not page and long_address(value):  # (past MAX_URL: no address at all)
        notes.warn(key, f"`{key}`'s `account` is {len(page or value):,} characters long, which no account's address "
                        "is; it is left out", "write the address of the account's own page, or leave `account` out")
        return ""
    if not page:
        notes.warn(key, f"`{key}`'s `account` is not the address of a page on {domain or 'its site'}: {shown(value)}; "
                        f"it is left out", "write the address of the account's own page, such as "
                        "https://www.youtube.com/channel/ID, or leave `account` out")
        return ""
    return page


_RELATED_EXAMPLE = {"title": "Port reopens after storm", "webUrl": "https://example.com/port-reopens"}


def related_field(value, config: Config, notes: Notes, base: str = "") -> tuple[Related, ...]:
    if value is None:
        return ()
    if isinstance(value, (dict, str)):  # (one story, or its address alone)
        value = [value]
    if not isinstance(value, list):
        notes.warn("related", f"`related` must be a list of stories, got {kind_of(value)}; it is left out",
                   f"write it as `{notes.written('related', [_RELATED_EXAMPLE])}`")
        return ()
    if len(value) > MAX_RELATED:
        notes.warn("related", f"`related` lists {len(value)} stories; only the first {MAX_RELATED} are kept",
                   f"an item may have at most {MAX_RELATED} related stories")
        value = value[:MAX_RELATED]
    related, unusable, renamed, long = [], 0, {}, []
    for entry in value:
        if entry is None or entry == "":  # (an empty entry is no story, as an empty picture is none)
            continue
        if isinstance(entry, dict):
            entry = _named_otherwise(entry, renamed)
        # (`url`: the key of schema.org's records and of most JSON APIs)
        written = [entry.get(k) for k in ("webUrl", "originalUrl", "url")] if isinstance(entry, dict) else []
        url = next(filter(None, map(field_url, written)), "") or resolved(next(filter(None, written), ""), base)
        if isinstance(entry, str):  # coverage listed by its full address alone
            url, entry = field_url(entry), {}
        # (without a title, a reader still follows it by its site's name)
        title = isinstance(entry, dict) and (as_plain(entry.get("title") or "") or host_of(url).removeprefix("www."))
        if not url and (longer := [text for text in (written or [entry]) if long_address(text, base)]):
            long.append(longer[0])  # (said apart: "no http address" would puzzle)
            continue
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
        excerpt = capped(as_plain(entry.get("excerpt") or "") or "", "related", notes)
        related.append(Related(typeset(capped(title, "related", notes), config.language),
                               typeset(excerpt, config.language), published, url,
                               type_field(entry.get("type"), "related: type", notes),
                               provider_field(entry.get("provider"), "related: provider", notes,
                                              language=config.language),
                               score_field(entry.get("quality"), "related: quality", notes), article_key(url)))
    if renamed:  # (one warning for them all: a crawler names every entry's fields alike)
        read = ", ".join(f"`{key}` as `{field}`" for key, field in renamed)
        notes.warn("related", f"`related`: other writers' names of fields are read as newsdesk's: {read}",
                   "rename them: " + ", ".join(f"`{key}` to `{field}`" for key, field in renamed))
    if long:
        notes.warn("related", f"`related`: {entries_have(len(long))} a `webUrl` that is "
                   f"{too_long_said(max(long, key=len))}; {'it is' if len(long) == 1 else 'they are'} left out",
                   "give each story's address without what makes it that long (tracking parameters)")
    if unusable:
        notes.warn("related", f"`related`: {entries_have(unusable)} no http or https `webUrl`; "
                   f"{'it is' if unusable == 1 else 'they are'} left out",
                   "give each story its full address")
    return tuple(related)


# What other writers call a related story's fields (RSS's `link` and `pubDate`, schema.org's `headline`, `publisher`
# and `datePublished`, NewsAPI's `description`, `publishedAt` and `source`): read as them when the entry gives
# neither that field nor those that stand for it, as an item's own are (keys.named_otherwise)
_RELATED_OTHER_NAMES = (
    ("title", ("title",), ("headline", "name")),
    ("webUrl", ("webUrl", "originalUrl", "url"), ("link", "canonicalUrl", "permalink")),
    ("excerpt", ("excerpt",), ("description", "summary")),
    ("publishedDateTime", ("publishedDateTime",), OTHER_DATE_KEYS + ("published",)),
    ("provider", ("provider",), ("publisher", "source")),
)


def _named_otherwise(entry: dict, renamed: dict) -> dict:
    """A related story's `entry` with the fields it gives under another writer's name (_RELATED_OTHER_NAMES);
    `renamed`: (key as written, field) -> how many entries so named it, for the warning."""
    words = {words_of(key): key for key in entry if isinstance(key, str)}
    found = {}
    for field, given, others in _RELATED_OTHER_NAMES:
        if any(entry.get(name) not in (None, "") for name in given):
            continue
        key = next((words[words_of(other)] for other in others if words_of(other) in words
                    and entry[words[words_of(other)]] not in (None, "", [], {})), None)
        if key is None or key == "published" and not (dated_text(entry[key]) or hasattr(entry[key], "year")):
            continue  # (`published: true` is a flag, not the date)
        found[field] = entry[key]
        renamed[key, field] = renamed.get((key, field), 0) + 1
    return {**entry, **found} if found else entry


def other_than(values: dict, notes: Notes) -> tuple[Related, ...]:
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
        notes.warn("related", f"`related`: {entries_have(left)} this story's own address; "
                   f"{'it is' if left == 1 else 'they are'} left out", "list other pages' coverage of the story only")
    return kept
