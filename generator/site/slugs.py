"""The slugs the site gives its story pages, providers and topics, each distinct: stories that would
write one page (separate_path_clashes), and providers or topics whose plain slugs are alike
(distinct_providers, distinct_topics), get slugs of their own, with a warning naming their items."""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from collections import Counter, defaultdict
from urllib.parse import quote

from anyascii import anyascii

from generator.errors import Problem
from generator.site.content import key_lines
from generator.site.identities import definition, provider_identity, topic_identity
from generator.site.model import Item
from generator.hosts import ascii_host
from generator.urls import distinct_slug


_MAX_SLUG_TRIES = 16  # names separate_path_clashes tries for a story whose page another one has


def separate_path_clashes(items: list[Item], root, problems: list[Problem], warnings: list[Problem]) -> list[Item]:
    """Stories that would write one page (`Story.md` and `story.md`, or two `slug:`s alike on one day): the
    first by source path keeps it, each other one gets a page of its own, named after its source path. Said at
    the line of what each one's slug is made of (_slug_line)."""
    by_path: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_path[item.path].append(item)
    taken = set(by_path)
    kept = []
    for path, group in by_path.items():
        group.sort(key=lambda i: i.source)
        kept.append(group[0])
        for other in group[1:]:
            # Named after its source path; if another story has that page already (its `slug:` is that name,
            # as a user pins a page), after its path and a number, so that it is not left out for it.
            for tried in range(_MAX_SLUG_TRIES):
                slug = distinct_slug(other.slug, other.source if not tried else f"{other.source}\n{tried}")
                moved = f"{path[: -len(other.slug) - 1]}{slug}/"
                if moved not in taken:
                    break
            else:  # (unreachable but by a flood of hash clashes: left out, said)
                problems.append(Problem(other.source, _slug_line(root, other),
                                        f"would write the same page as {group[0].source} ({path})",
                                        "give one of them a different `slug:` or file name"))
                continue
            taken.add(moved)
            # A digest of its own too: what is cached by digest (its card) must not be the story at its own path.
            digest = hashlib.sha1(f"{other.digest}\n{moved}".encode("utf-8")).hexdigest()
            kept.append(dataclasses.replace(other, slug=slug, path=moved, digest=digest))
            hint = _clash_hint(other.source, group[0].source)
            warnings.append(Problem(other.source, _slug_line(root, other), f"would write the same page as "
                                    f"{group[0].source} ({path}); its page is {moved} instead", hint))
            warnings.append(Problem(group[0].source, _slug_line(root, group[0]), f"{other.source} would write the "
                                    f"same page ({path}); its page is {moved} instead", hint))
    return kept


def _slug_line(root, item: Item) -> int:
    """The line of the key the item's slug is made of (`slug:`, or `title:` for a file named `.md`); 1 when it is
    its file name's."""
    return item.slug_key and key_lines(root, item.source, {item.slug_key}).get(item.slug_key) or 1


def _clash_hint(name: str, first: str) -> str:
    """What to do about two item files that would write one page: rename one when a clone on macOS or Windows
    has only one of them (names alike but for case, or, on macOS, for an accent written as a letter and a
    combining mark: `café.md` composed and decomposed read alike in the message too, so the hint spells the
    decomposed one out); else give one a slug."""
    if _one_file(name) != _one_file(first):
        return "give one of them its own `slug:` for a page name of your choice"
    if unicodedata.is_normalized("NFC", name) and unicodedata.is_normalized("NFC", first):
        return ("rename one of the files: names that differ only in case are one file on macOS and Windows, so a "
                "copy of the site there has only one of them")
    decomposed = name if not unicodedata.is_normalized("NFC", name) else first
    spelt = "".join(ascii(char)[1:-1] if unicodedata.combining(char) else char for char in decomposed)
    return (f"rename one of the files: {spelt} writes a letter and its accent as two characters, "
            "and on macOS names that differ only so (or in case) are one file, so a copy of the site there has "
            "only one of them")


def _one_file(name: str) -> str:
    """A file name as macOS and Windows compare names, roughly: decomposed (macOS) and each letter in its one
    capital (their simple case mapping: `ﬁle.md` is no `file.md` there, though str.casefold makes it one)."""
    return "".join(char.upper() if len(char.upper()) == 1 else char for char in unicodedata.normalize("NFD", name))


def distinct_providers(items: list[Item], root, warnings: list[Problem]) -> tuple[list[Item], dict[str, str],
                                                                                  frozenset[str]]:
    """The items with their providers named by the slugs the site gives them (_distinct_slugs), those slugs by
    identity, and the identities whose plain slugs are alike. Only the items of a provider whose slug is not
    its plain one are new objects."""
    written: dict[str, set[str]] = defaultdict(set)  # plain slug -> its providers' identities
    for item in items:
        ref = item.provider
        if ref is not None:
            written[ref.slug].add(provider_identity(ref))
    slugs, clashes = _distinct_slugs(written)
    if clashes:
        _warn_of_alike_providers(items, clashes, slugs, root, warnings)
    moved = {slug for slug, identities in written.items() if any(slugs[identity] != slug for identity in identities)}
    if moved:
        items = list(items)
        for index, item in enumerate(items):
            if item.provider is not None and item.provider.slug in moved:
                slug = slugs[provider_identity(item.provider)]
                if slug != item.provider.slug:
                    items[index] = dataclasses.replace(item, provider=dataclasses.replace(item.provider, slug=slug))
    return items, slugs, frozenset(identity for _, identities in clashes for identity in identities)


def distinct_topics(items: list[Item], topic_defs: dict, root, warnings: list[Problem]
                     ) -> tuple[list[Item], dict[str, str], frozenset[str]]:
    """The items with their topics named by the slugs the site gives them (_distinct_slugs: a declared topic
    keeps its own, which no other gets), those slugs by the identity of each undeclared topic, and the topics
    a fast re-index must leave to a build: those whose plain slugs are alike (their identities, a declared
    one's slug) and those whose names slug otherwise (`AI`, `A.I.`). Only the items of a topic whose slug is not
    its plain one are new objects."""
    identities: dict[tuple[str, str], str] = {}  # (plain slug, name) of an undeclared topic -> its identity
    for pair in {pair for item in items for pair in zip(item.topics, item.topic_names)}:
        if definition(pair[1], topic_defs) is None:
            identities[pair] = topic_identity(pair[1])
    written: dict[str, set[str]] = defaultdict(set)  # plain slug -> the identities of its topics
    for (slug, _), identity in identities.items():
        written[slug].add(identity)
    reserved = frozenset(slug for slug, _ in topic_defs.values()) & written.keys()
    slugs, clashes = _distinct_slugs(written, reserved)
    if clashes:
        _warn_of_alike_topics(items, clashes, slugs, identities, reserved, topic_defs, root, warnings)
    moved = {pair: slugs[identity] for pair, identity in identities.items() if slugs[identity] != pair[0]}
    if moved:
        items = list(items)
        for index, item in enumerate(items):
            pairs = tuple(zip(item.topics, item.topic_names))
            if any(pair in moved for pair in pairs):
                items[index] = dataclasses.replace(item, topics=tuple(moved.get(pair, pair[0]) for pair in pairs))
    plain_slugs = Counter(identity for slug, identities in written.items() for identity in identities)
    alike = {key for slug, group in clashes for key in (*group, *([slug] if slug in reserved else []))}
    return items, slugs, frozenset(alike | {identity for identity, count in plain_slugs.items() if count > 1})


def _warn_of_alike_topics(items: list[Item], clashes: list[tuple[str, list[str]]], slugs: dict[str, str],
                          identities: dict, reserved: frozenset[str], topic_defs: dict, root,
                          warnings: list[Problem]) -> None:
    """One warning for each set of topics whose plain slugs are alike, at the first item (by path) of the one that
    keeps the slug (a declared one, or as _distinct_slugs decides), naming the first item of each other."""
    first: dict[str, tuple[Item, str]] = {}  # identity (a declared topic: its slug) -> its first item, the name there
    wanted = {key for slug, group in clashes for key in ((slug,) if slug in reserved else ()) + tuple(group)}
    for item in items:
        for pair in zip(item.topics, item.topic_names):
            key = identities.get(pair, pair[0])
            if key in wanted and (key not in first or item.source < first[key][0].source):
                first[key] = (item, pair[1])
    for slug, group in clashes:
        where = []  # (name, source, line, its slug), the one that keeps the slug first
        for key in ((slug,) if slug in reserved else ()) + tuple(group):
            if key in first:
                item, name = first[key]
                line = key_lines(root, item.source, {"topics"}).get("topics") or 1
                where.append((name, item.source, line, slugs.get(key, slug)))
            else:  # a declared topic no item names
                where.append((topic_defs[slug][1].name, "", 0, slug))
        path, line = next((source, at) for _, source, at, _ in where if source)
        names = [f"`{name}`" + _noted(f"{source}:{at}" if source and (source, at) != (path, line) else "",
                                      "" if source else "declared", _look_alike(name)) for name, source, at, _ in where]
        pages = [f"topics/{own}/" for *_, own in where]
        warnings.append(Problem(
            path, line, f"topics {_listed(names)} have slugs alike; each has a page of its own: {_listed(pages)}",
            "if they are one topic, write it the same way in all its items; to choose a topic's page name, "
            "declare it under `topics:` in config.yaml with a `slug:`"))


def _distinct_slugs(written: dict[str, set[str]], reserved: frozenset[str] = frozenset()
                    ) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """Each provider's or topic's slug, by identity (provider_identity, topic_identity; `written`: plain slug ->
    the identities of those items give it). It is its plain slug (slugify of a provider's domain, else its name;
    of a topic's name), but when the plain slugs of two or more identities are alike (`a.b.example` and
    `a-b.example`, a domain and a name, Unicode transliterated alike) the one with the fewest hyphens, then the
    first in code point order, keeps it, and each other gets a hash of its identity after it
    (urls.distinct_slug); a `reserved` slug (a declared topic's) none of them keeps. A slug so depends on the
    set of the site's providers or topics alone, not on file order, and one whose slug no other's is like keeps
    the one it always had. Also each set of identities whose plain slugs are alike (or reserved), the one that
    keeps it first."""
    plain: dict[str, str] = {}  # identity -> plain slug
    for slug, identities in written.items():
        for identity in identities:
            # (one's names may slug otherwise, "AI" and "A.I.": the fewest hyphens, so that the plain spelling's
            # page stays where it was when a dotted one appears; then the least)
            if identity not in plain or (slug.count("-"), slug) < (plain[identity].count("-"), plain[identity]):
                plain[identity] = slug
    alike: dict[str, list[str]] = defaultdict(list)
    for identity, slug in plain.items():
        alike[slug].append(identity)
    slugs, taken = {}, set(alike) | reserved
    for slug, identities in sorted(alike.items()):
        identities.sort(key=lambda identity: (identity.count("-"), identity))
        keeps = 0 if slug in reserved else 1
        for identity in identities[:keeps]:
            slugs[identity] = slug
        for identity in identities[keeps:]:
            own, seed = distinct_slug(slug, identity), 0
            while own in taken:  # (a hash alike too: another seed)
                seed += 1
                own = distinct_slug(slug, f"{identity}\n{seed}")
            taken.add(own)
            slugs[identity] = own
    return slugs, [(slug, identities) for slug, identities in sorted(alike.items())
                   if len(identities) > 1 or slug in reserved]


def _warn_of_alike_providers(items: list[Item], clashes: list[tuple[str, list[str]]], slugs: dict[str, str], root,
                             warnings: list[Problem]) -> None:
    """One warning for each set of providers whose plain slugs are alike, at the first item (by path) of the one
    that keeps its slug, naming the first item of each other."""
    first: dict[str, Item] = {}  # identity -> its first item
    wanted = {identity for _, identities in clashes for identity in identities}
    for item in items:
        if item.provider is not None:
            identity = provider_identity(item.provider)
            if identity in wanted and (identity not in first or item.source < first[identity].source):
                first[identity] = item
    for _, identities in clashes:
        where, accounts = [], False
        for identity in identities:
            item = first[identity]
            accounts = accounts or bool(item.provider.account)
            line = key_lines(root, item.source, {"provider"}).get("provider") or 1
            # (an account by its page: providers of one shared host are told apart by nothing else)
            ref = item.provider
            # (percent-encoded but for ASCII's letters: a zero-width space or a Cyrillic `а` is what tells an
            # account from the one it looks like)
            account = "".join(c if c.isascii() and c.isprintable() else quote(c) for c in ref.account)
            # (a domain as pages name it: `xn--pple-43d.com`, which `apple.com` does not look like)
            where.append((item.source, line, account or ascii_host(ref.domain) or ref.name, slugs[identity]))
        path, line = where[0][:2]
        names = [f"`{name}`" + _noted(f"{source}:{at}" if n else "", _look_alike(name))
                 for n, (source, at, name, _) in enumerate(where)]
        pages = [f"providers/{slug}/" for *_, slug in where]
        warnings.append(Problem(
            path, line, f"providers {_listed(names)} have slugs alike; each has a page of its own: {_listed(pages)}",
            f"if they are one provider, write the same {'account' if accounts else 'domain (or name)'} in all its "
            "items"))


def _noted(*notes: str) -> str:
    given = [note for note in notes if note]
    return f" ({'; '.join(given)})" if given else ""


def _look_alike(name: str) -> str:
    """What tells a name in a warning of names alike from the one it looks like, when it mixes ASCII letters with
    letters of another script that read as ASCII ones (a Cyrillic `А` in `Аpple`): a terminal shows `Apple` and
    `Аpple` the same. Those letters named, the first three; else ""."""
    if name.isascii() or not any(char.isascii() and char.isalpha() for char in name):
        return ""
    odd = [char for char in dict.fromkeys(name) if not char.isascii() and char.isalpha()
           and not unicodedata.normalize("NFKD", char)[0].isascii() and len(anyascii(char)) == 1]
    return ", ".join(f"its `{char}` is U+{ord(char):04X} {unicodedata.name(char, '')}" for char in odd[:3])


def _listed(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1]
