"""Who a topic or a provider is, however items write it: topic_identity and provider_identity (two names
of one are one), the site's declared topics and providers (config.yaml's, data_dir's records) read as an
item's are (topic_definitions, declared_topic, declared_provider), a provider's domain (site_domain) and an
account's page on a host many share (account_page)."""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from urllib.parse import quote, urlsplit

from generator.config.values import ProviderConfig, TopicConfig
from generator.site.model import ProviderRef
from generator.site.text import plain_name, plain_text
from generator.urlnorm import canonical_url
from generator.hosts import IGNORED_IN_HOSTS, unicode_host
from generator.urls import field_url, host_of, slugify, spell_symbols


def account_page(value, domain: str = "") -> str:
    """An account's page as ProviderRef.account names it (`youtube.com/@acme`), from its address as an item or a
    `providers:` record writes it; "" when it is no http(s) page on `domain` (when given) past its home page."""
    if value is None or value == "":
        return ""
    # (as canonical_url compares pages: `?utm_source=...`, `#videos`, `m.` or `%7E` for `~` make no other account)
    url = canonical_url(field_url(value))
    host = host_of(url) if url else ""
    if domain and host and host == host_of(canonical_url(f"https://{domain}/")):
        host = domain  # (`m.youtube.com/@a` is youtube.com's account)
    if not host or (domain and host != domain):
        return ""
    parts = urlsplit(url)
    page = host + _decoded_path(parts.path.rstrip("/")) + (f"?{parts.query}" if parts.query else "")
    return "" if page == host else page


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_KEPT_ESCAPED = re.compile(r"[\x00-\x20\x7f/?#%\s]")  # (what would make another path, or none)


def _decoded_path(path: str) -> str:
    """A path with its percent escapes decoded (`/%40acme` is `/@acme`, `/%D0%B0` `/а`), as a browser shows it and
    as the site it names reads it, but for those of a slash, `?`, `#`, `%`, a space or a control character, and of
    bytes that are no UTF-8: two spellings of one page make one account."""
    if "%" not in path:
        return path

    def decoded(run: re.Match) -> str:
        try:
            text = bytes.fromhex(run[0].replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return run[0].upper()
        return _KEPT_ESCAPED.sub(lambda found: quote(found[0], safe=""), text)

    return _ESCAPES.sub(decoded, path)


def declared_topic(topic: TopicConfig) -> TopicConfig:
    """A topic as config.yaml or a data_dir record declares it, its name and parent's as an item's topic is read
    (plain_name), its description as an item's text (plain_text), but as text written, not HTML (`<b>` and `&amp;`
    in a name are those characters, as ever): a zero-width space or a direction override pasted into
    config.yaml shows nothing, or turns the name (and what follows it) around, on every page."""
    name, parent = plain_name(topic.name, markup=False), plain_name(topic.parent, markup=False)
    description, shortname = plain_text(topic.description, markup=False), plain_name(topic.shortname, markup=False)
    if (name, parent, description, shortname) == (topic.name, topic.parent, topic.description, topic.shortname):
        return topic
    return dataclasses.replace(topic, name=name, parent=parent, description=description, shortname=shortname)


def declared_provider(provider: ProviderConfig) -> ProviderConfig:
    """A provider as config.yaml or a data_dir record declares it, its name as an item's provider's is read
    (plain_name), its description as an item's text (plain_text), as text written, not HTML (declared_topic), and
    its domain as an item's is (a zero-width space in it is none, as browsers read a host): else the record named
    a provider no item is."""
    name, description = plain_name(provider.name, markup=False), plain_text(provider.description, markup=False)
    domain = IGNORED_IN_HOSTS.sub("", plain_text(provider.domain, markup=False))
    if (name, domain, description) == (provider.name, provider.domain, provider.description):
        return provider
    return dataclasses.replace(provider, name=name, domain=domain, description=description)


def topic_definitions(defs: tuple[TopicConfig, ...], language: str = "") -> dict[str, tuple[str, TopicConfig]]:
    """casefolded name or slug, or topic_identity of the name -> (slug, definition), the slug made in the site's
    `language`; later definitions win (config over data_dir), and a name or slug as written over an identity.
    Each as declared_topic reads it."""
    table: dict[str, tuple[str, TopicConfig]] = {}
    defs = tuple(map(declared_topic, defs))
    for topic in defs:
        table[topic_identity(topic.name)] = (slugify(topic.slug or topic.name, language=language), topic)
    for topic in defs:
        slug = slugify(topic.slug or topic.name, language=language)
        table[topic.name.casefold()] = (slug, topic)
        table[slug] = (slug, topic)
    return table


def topic_identity(name: str) -> str:
    """Which topic a name is, however an item writes it: the name without case, accents or any character that
    is not a letter or digit (symbols that carry meaning spelled out, as in its slug), not transliterated.
    `Machine Learning`, `machine-learning` and `MACHINE LEARNING` are one topic, `Café` and `Cafe` one; 北京
    and 背景 are two, though both slug `beijing` (slugs.distinct_topics keeps them apart). Accents are the marks
    placed above or below a letter (combining class 200 and up, as Latin, Greek and Cyrillic ones): other
    marks make another letter (kana voicing, Indic vowel signs) and are kept. A name of no letter or digit
    is itself."""
    text = unicodedata.normalize("NFKD", spell_symbols(name).casefold())
    identity = "".join(c for c in text if c.isalnum() or (unicodedata.category(c)[0] == "M"
                                                           and unicodedata.combining(c) < 200))
    return identity or name.casefold()


def definition(name: str, topic_defs: dict) -> tuple[str, TopicConfig] | None:
    """The declared topic a name (or slug) written in an item or as a parent is: (slug, definition), or None."""
    if not topic_defs:
        return None
    return topic_defs.get(name.casefold()) or topic_defs.get(topic_identity(name))


def wrong_parent(topic: TopicConfig, topic_defs: dict, undeclared_allowed: bool = False) -> tuple[str, str] | None:
    """(message, hint) when a declared topic's `parent` names no declared topic (a typo, `parent: Sciense`; a topic
    only items name may be one where `undeclared_allowed`) or the topic itself: either put it at the top of the
    tree, unsaid. None for a parent that is one."""
    if not topic.parent:
        return None
    found = definition(topic.parent, topic_defs)
    if found is None:
        if undeclared_allowed:
            return None
        names = {other.name.casefold(): other.name for _, other in topic_defs.values()}
        others = sorted(name for name in names if name != topic.name.casefold())
        close = difflib.get_close_matches(topic.parent.casefold(), others, 1, 0.8)
        known = f"; did you mean `parent: {names[close[0]]}`?" if close else ""
        return (f"the parent of topic `{topic.name}`, `{topic.parent}`, is not a declared topic{known}",
                "declare it under `topics:` or in data_dir, or fix the name; until then the topic has no parent")
    if found == definition(topic.name, topic_defs):
        return (f"topic `{topic.name}` is its own parent",
                "remove `parent`, or name another topic: the topic has no parent")
    return None


def site_domain(domain: str) -> str:
    """A provider's domain as the site knows it: without `www.` (a crawler that takes the domain from a story's
    address writes `www.example.com`, another, or the provider's record, `example.com`: one provider), its
    international labels in letters (`xn--bcher-kva.example`, as fetch reads a feed's host, is `bücher.example`)
    and without a final dot (hosts.unicode_host)."""
    domain = unicode_host(domain)
    return domain[4:] if domain.startswith("www.") and "." in domain[4:] else domain


def declared_key(record: ProviderConfig) -> tuple[str, str]:
    """A declared provider's (config.yaml's, a data_dir record's, as declared_provider reads it) domain and account
    page (ProviderRef.account, or ""), as an item that names it writes them; its identity is the account or the
    domain, as provider_identity's: ("", "") for a record of neither."""
    domain = site_domain(record.domain.strip().lower())
    account = account_page(record.account, domain) if record.account else ""
    # (an account that is no page of its domain is none: not the domain's record either)
    return ("", "") if record.account and not account else (domain, account)


def provider_aliases(defs: tuple[ProviderConfig, ...]) -> dict[tuple[str, str], tuple[str, str]]:
    """What items may call the declared providers `defs` otherwise -> the provider's (domain, account) (declared_key):
    ("name", identity_of its name or one of its other_names), for an item that gives a name alone, and ("page",
    identity_of a same_as page: a site's domain, or an account page), for one that gives a domain or an account.
    Later definitions win (config.yaml's over data_dir's, as in topic_definitions)."""
    aliases: dict[tuple[str, str], tuple[str, str]] = {}
    for record in map(declared_provider, defs):
        key = declared_key(record)
        if key == ("", ""):
            continue
        for name in (record.name, *record.other_names):
            name = plain_name(name, markup=False) if isinstance(name, str) else ""
            if name:
                aliases["name", identity_of(name)] = key
        for address in record.same_as:
            page = other_page(address)
            if page:
                aliases["page", identity_of(page)] = key
    return aliases


def other_page(address) -> str:
    """A provider's other address (ProviderConfig.same_as) as an item's provider would give it: an account's page
    (account_page), or the domain of a site's home page; "" for no http(s) address."""
    url = field_url(address) if isinstance(address, str) else ""
    return (account_page(url) or site_domain(host_of(url).lower())) if url else ""


def as_declared(ref: ProviderRef | None, aliases: dict, language: str = "") -> ProviderRef | None:
    """The provider `ref` is, when an item names a declared provider otherwise (provider_aliases): by one of its names
    alone, without a domain or an account, or by one of its same_as pages, its slug in the site's `language`; `ref`
    itself otherwise."""
    if ref is None or not aliases:
        return ref
    found = aliases.get(("page" if ref.account or ref.domain else "name", provider_identity(ref)))
    if found is None or found == (ref.domain, ref.account):
        return ref
    domain, account = found
    return dataclasses.replace(ref, domain=domain, account=account, slug=slugify(account or domain, language=language))


def provider_identity(ref: ProviderRef) -> str:
    """Who a provider is: its account on a shared host when the item gives one, else its domain, else its
    name, case-folded. Two items name one
    provider exactly when these are equal; two providers' slugs may be alike all the same (slugs.py)."""
    return identity_of(ref.account or ref.domain or ref.name)


def identity_of(text: str) -> str:
    """`text` as a provider's identity compares it: in any case, and written with any of Unicode's spellings of
    a character (a name's `é` as one character or as `e` and its accent; fullwidth `Ａ`)."""
    return unicodedata.normalize("NFKC", text).casefold()
