"""An entry's picture taken from its text (body_picture) when its feed names none, and the pictures that are
no story's (is_avatar, is_tiny: avatars, icons, tracking pixels)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.fetch.addresses import Addresses, SCHEME
from generator.fetch.feed import Image
from generator.fetch.feed_values import int_of
from generator.urls import joined, read_url


MIN_PICTURE = 100  # pixels: a picture declared narrower or lower is an icon, an avatar or a tracking pixel


class _FirstPicture(HTMLParser):
    def __init__(self, link: Addresses, base: str = ""):
        super().__init__(convert_charrefs=True)
        self.link, self.base, self.found = link, base, None

    def handle_starttag(self, tag, attrs):
        if tag != "img" or self.found:
            return
        given = {name: value or "" for name, value in attrs}
        width, height = int_of(given.get("width")), int_of(given.get("height"))
        small = any(size is not None and size < MIN_PICTURE for size in (width, height))
        kind = given.get("class", "").casefold()
        source = given.get("src", "").strip()
        if not source or source.lower().startswith("data:"):  # (a lazy-loading picture's placeholder)
            lazy = [given.get(name, "") for name in _LAZY_SOURCES]
            lazy += [entry.split()[0] for entry in reversed((given.get("srcset") or given.get("data-srcset") or "")
                                                            .split(", ")) if entry.split()][:1]
            source = next((c.strip() for c in lazy if c.strip()), "")
        if small or any(word in kind for word in ("emoji", "smiley", "avatar", "icon")) or not source:
            return
        if is_avatar(source):
            return
        if self.base and not SCHEME.match(read_url(source)):  # (one with a scheme is checked as written)
            source = joined(self.base, source)
        if address := self.link(source):
            self.found = Image(address, width if height else None, height if width else None)


# A person's picture, not the story's: Gravatar's (WordPress.com's feeds name the author's as a media:content
# of each entry, often its first) and other avatar services' (`avatars.githubusercontent.com`). (Not any
# `/avatar/` path: a story about the film may have its poster there.)
_AVATAR = re.compile(r"https?://(?:[^/?#]*\.)?(?:gravatar\.com|avatars?\.[^/?#]+)(?:[/?#:]|$)", re.IGNORECASE)


def is_tiny(image: Image) -> bool:
    """A picture the feed declares too small to show as the story's (Blogger's 72-pixel thumbnail of every
    post): the text's own picture, full size, is the story's then."""
    return any(size is not None and size < MIN_PICTURE for size in (image.width, image.height))


def is_avatar(url: str) -> bool:
    return bool(_AVATAR.search(url))


# Where a lazy-loading picture has its address (the build's sanitiser reads them alike: markup._LAZY)
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-lazy")


def body_picture(fragment: str, link: Addresses, base: str = "") -> tuple[Image, ...]:
    """The first picture of an entry's text, for an entry whose feed names none (WordPress's and many blogs'
    feeds have their pictures only in the text); not an emoji, an icon or a tracking pixel. `base`: what its
    relative addresses are relative to, where feedparser did not resolve them (a lazy picture's)."""
    if "<img" not in fragment.lower():
        return ()
    parser = _FirstPicture(link, base)
    parser.feed(fragment)
    parser.close()
    return (parser.found,) if parser.found else ()
