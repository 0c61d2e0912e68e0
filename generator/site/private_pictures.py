"""Content's pictures on the reader's own network, left out of a public site (docs/content.md, "Addresses of a
reader's own network").

A page loads its pictures (and a player's poster, a feed reader its enclosures) without the reader asking: a
crawled `http://192.168.1.1/cgi-bin/...` or `http://169.254.169.254/...` in a public site's page makes every
reader's browser send a request into their own network (their router's admin page, their cloud machine's
metadata). So on a site whose `base_url` is public (Config.local_site is false), a picture, a logo, a player's
file or poster whose host is such an address (hosts.private_host: one rule, fetch's too) is left out, with a
warning at its line; a body's picture shows its text instead (markup.without_private_sources). Links are
kept: a reader follows one only by clicking it, and sees where it goes. A site on localhost or an intranet
keeps them all: its readers are on that network.
"""

from __future__ import annotations

import dataclasses

from generator.site.model import Image, ProviderRef, Related
from generator.site.notes import Notes, shown
from generator.urls import host_of, private_address

# (said of pictures and of players' files alike; a user trying `newsdesk fetch` with a feed served on this
# computer, as docs/fetch.md suggests, meets it first)
HINT = ("give its public address; or, if the site is only read on that network, give its own address there as "
        "base_url (to try a feed served on this computer: `newsdesk serve --base-url http://127.0.0.1:8000/`)")


def left_out(url: str) -> str:
    """What a warning says of a picture left out for its host."""
    return (f"{shown(url)} is on {host_of(url) or 'a host'}, an address of each reader's own machine or network "
            "(a reader's browser would ask it of their router or computer): left out")


def public_pictures(images: tuple[Image, ...], key: str, notes: Notes) -> tuple[Image, ...]:
    """`images` without those on a private host, with one warning at the front matter's `key` (its first such
    picture)."""
    kept = tuple(image for image in images if not private_address(image.url))
    if len(kept) < len(images):
        first = next(image.url for image in images if private_address(image.url))
        more = len(images) - len(kept) - 1
        notes.warn(key, f"`{key}`: the picture {left_out(first)}"
                        + (f" (and {more} more)" if more else ""), HINT)
    return kept


def public_provider(provider: ProviderRef | None, key: str, notes: Notes) -> ProviderRef | None:
    """A provider without its logos on a private host."""
    if provider is None or not provider.images:
        return provider
    images = public_pictures(provider.images, key, notes)
    return provider if images == provider.images else dataclasses.replace(provider, images=images)


def public_related(related: tuple[Related, ...], notes: Notes) -> tuple[Related, ...]:
    """Related coverage without its providers' logos on a private host."""
    if not any(entry.provider and entry.provider.images for entry in related):
        return related
    return tuple(dataclasses.replace(entry, provider=public_provider(entry.provider, "related", notes))
                 if entry.provider else entry
                 for entry in related)
