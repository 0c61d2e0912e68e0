"""Bounds on what a feed repeats where feedparser's time grows with the square of the count, applied to the
bytes before feedparser reads them.

feedparser keeps an entry's categories in a list it searches before adding each one (dc:subject,
itunes:category, media:category, `<keywords>` and the comma-separated terms of itunes:keywords and
media:keywords all count): 50,000 categories in one entry take it about a minute. Python's XML reader looks
up each attribute of an element by a search of all of them: 50,000 attributes on one element take as long.
Other repeats (links, enclosures, media:content, authors, nesting, entries) cost it time in proportion, bounded
by fetch.max_bytes. So an entry (and the feed itself) keeps its first MAX_CATEGORIES categories, more than
an item can show (MAX_TOPICS, of the categories that name a declared topic), and an element its first
MAX_ATTRIBUTES attributes besides its namespace declarations; the rest is cut, and counted for the user.

The scan reads the bytes as XML does where it matters: CDATA sections and comments are text (a `<category>`
in them is none), a character reference for a comma separates keywords as one does. A feed in a charset
that does not write `<` as the byte 0x3C (UTF-16) is not cut; fetch.parse_timeout still stops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.site.item_bounds import MAX_TOPICS

MAX_CATEGORIES = 5 * MAX_TOPICS  # per entry: those that name no declared topic are read and left
MAX_ATTRIBUTES = 100  # per element; real ones have a handful


@dataclass(frozen=True)
class Cuts:
    """What bounded() left out of a feed."""
    categories: int = 0  # categories and keywords beyond an entry's first MAX_CATEGORIES
    attributes: int = 0  # attributes beyond an element's first MAX_ATTRIBUTES

    def __bool__(self) -> bool:
        return bool(self.categories or self.attributes)


_NAME = rb"[A-Za-z_][\w.-]*"
_ATTRIBUTE = rb"""\s+([^\s=/>"'<]+)\s*=\s*(?:"[^"]*"|'[^']*')"""
_CATEGORY_NAMES = rb"category|subject|keywords|tags"
# What the scan stops at: a CDATA section or a comment (skipped), an entry's start or end (a new count), a
# category's start, a start tag with more than MAX_ATTRIBUTES attributes.
_TOKEN = re.compile(
    rb"<!\[CDATA\[|<!--"
    rb"|<(?P<close>/?)(?:" + _NAME + rb":)?(?:(?P<entry>item|entry)|(?P<category>" + _CATEGORY_NAMES + rb"))(?=[\s/>])",
    re.IGNORECASE)
_MANY = re.compile(rb"<(?:" + _NAME + rb":)?" + _NAME + rb"(?:" + _ATTRIBUTE + rb"){%d}" % (MAX_ATTRIBUTES + 1))
_START_TAG = re.compile(rb"<(?:" + _NAME + rb":)?" + _NAME
                        + rb"(?P<attributes>(?:" + _ATTRIBUTE + rb")*)\s*(?P<empty>/?)>")
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_CATEGORY_TAG = re.compile(rb"<(/?)(?:" + _NAME + rb":)?(?:" + _CATEGORY_NAMES + rb")(?=[\s/>])", re.IGNORECASE)
_CLOSE = re.compile(rb"\s*>")
_SEPARATOR = re.compile(rb",|&#0*44;|&#[xX]0*2[cC];")  # (feedparser splits keywords and tags at commas)
_CDATA = re.compile(rb"\s*<!\[CDATA\[(.*)\]\]>\s*", re.DOTALL)


def bounded(body: bytes) -> tuple[bytes, Cuts]:
    """The feed's bytes with what is beyond the bounds cut, and what was."""
    body, attributes = _few_attributes(body)
    kept: list[bytes] = []
    done = 0  # bytes up to here are in `kept`
    count = categories = 0
    at, unclosed = 0, False
    while (token := _TOKEN.search(body, at)) is not None:
        text, at = token.group(), token.end()
        if text in (b"<![CDATA[", b"<!--"):
            end = body.find(b"]]>" if text == b"<![CDATA[" else b"-->", at)
            if end < 0:  # (the rest is text)
                break
            at = end + 3
        elif token.group("entry"):  # an entry begins or ends: its categories are counted anew
            count = 0
        elif not token.group("close"):
            end, terms, first = (-1, 0, None) if unclosed else _category(body, token.start())
            if end < 0:  # broken XML: none closes after here, so each is its start tag alone
                unclosed = True
                tag = _START_TAG.match(body, token.start())
                if tag is None:
                    continue
                end, terms, first = tag.end(), 1, None
            if count + terms <= MAX_CATEGORIES:
                count += terms
            else:
                kept.append(body[done:token.start()])
                if count < MAX_CATEGORIES and first is not None:  # the first terms of a list of keywords
                    kept.append(first(MAX_CATEGORIES - count))
                    categories += terms - (MAX_CATEGORIES - count)
                    count = MAX_CATEGORIES
                else:
                    categories += terms
                done = end
            at = end
    if done:
        kept.append(body[done:])
        body = b"".join(kept)
    return body, Cuts(categories, attributes)


def _few_attributes(body: bytes) -> tuple[bytes, int]:
    """The feed with each start tag's attributes beyond its first MAX_ATTRIBUTES cut (its namespace
    declarations kept: they cost feedparser nothing per use), and how many were."""
    kept: list[bytes] = []
    done = cut = 0
    at = 0
    while (token := _MANY.search(body, at)) is not None:
        section = body.rfind(b"<![CDATA[", at, token.start())
        at = token.end()
        if section >= 0:
            closed = body.find(b"]]>", section)
            if closed < 0:  # (the rest is text)
                break
            if closed > token.start():  # (text: read on after the section)
                at = closed
                continue
        tag = _START_TAG.match(body, token.start())
        if tag is None:
            continue
        own, ours = [], 0
        for attribute in _ATTRIBUTES.finditer(tag.group("attributes")):
            if attribute.group(1).lower().startswith(b"xmlns"):
                own.append(attribute.group())
            elif ours < MAX_ATTRIBUTES:
                own.append(attribute.group())
                ours += 1
            else:
                cut += 1
        kept += [body[done:tag.start("attributes")], b"".join(own)]
        done = at = tag.end("attributes")
    if not done:
        return body, 0
    kept.append(body[done:])
    return b"".join(kept), cut


def _category(body: bytes, start: int):
    """Where the category element at `start` ends (-1: it does not), the categories it makes (a keywords
    element: one per comma-separated term) and, for a list of keywords, a function making the element with
    its first n terms (else None)."""
    tag = _START_TAG.match(body, start)
    if tag is None:
        return -1, 0, None
    if tag.group("empty"):  # <category term="..."/>
        return tag.end(), 1, None
    depth, at, inner = 1, tag.end(), 0
    while depth:
        other = _CATEGORY_TAG.search(body, at)
        if other is None:
            return -1, 0, None
        close = _CLOSE.match(body, other.end())
        if other.group(1):
            depth -= 1
            at = close.end() if close else other.end()
        else:
            nested = _START_TAG.match(body, other.start())
            at = nested.end() if nested else other.end()
            if nested is None or not nested.group("empty"):
                depth += 1
            inner += 1  # (itunes:category nests its subcategories)
    if inner:
        return at, 1 + inner, None
    content = body[tag.end():other.start()]
    wrapped = _CDATA.fullmatch(content)
    # (a character reference in a CDATA section is its text)
    terms = wrapped.group(1).split(b",") if wrapped else _SEPARATOR.split(content)
    if len(terms) == 1 or b"<" in (wrapped.group(1) if wrapped else content):
        return at, 1, None

    def first(n: int) -> bytes:
        text = b",".join(terms[:n])
        return tag.group() + (b"<![CDATA[" + text + b"]]>" if wrapped else text) + body[other.start():at]
    return at, len(terms), first
