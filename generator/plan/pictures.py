"""Which of a picture's sizes a page shows: the `picture()` template global.

An item's `images` and a provider's logos often list one picture in several sizes (a crawler's
thumbnail beside the original). Showing the full-size original in a phone card's thumbnail costs a
reader megabytes; showing a 50-pixel logo in a 72-pixel circle blurs it. So the entries of the same
shape as the first (the same aspect ratio, declared width and height) are candidates of one picture: the
page's `src` is the smallest candidate at least as wide as the place it is shown in, and `srcset` lists
every candidate by width, for browsers to choose by the reader's screen. Entries of another shape are
other pictures, never candidates; without declared sizes there is nothing to choose from.

Most items give one size only, the full-size original. With `picture_resizer` in config.yaml (an image
resizing service's URL template), a picture from another site is offered in RESIZED_WIDTHS narrower than
its declared width, each asked of the service, and at its own width as given; a picture without a
declared width in the RESIZED_WIDTHS up to MAX_UNSIZED. The site's own pictures are never sent to it.

`newsdesk pictures` (generator/fetch/pictures.py) makes small copies of the pictures itself, into
`pictures_dir` with a manifest (site/local_pictures.py reads it): a picture the manifest knows gets its
copies as more candidates of the same shape, and no resizer is asked for it.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

from generator.site.local_pictures import LocalCopies
from generator.site.model import Image
from generator.urls import resized_url

SAME_SHAPE = 0.02  # aspect ratios within 2% of each other are one picture's (rounding of scaled sizes)
# Widths asked of a resizer: a phone's thumbnail and a logo at 1-3x, cards, a page's picture, wide screens
RESIZED_WIDTHS = (80, 160, 320, 480, 640, 960, 1280, 1600)
MAX_UNSIZED = 1280  # a picture of unknown width is not asked for wider than this


def with_copies(images: Sequence[Image], local: LocalCopies | None) -> tuple[Sequence[Image], bool]:
    """`images` with the local copies of their picture added (of its widest candidate, which `newsdesk
    pictures` copies), and whether there were any. An item that declares no size gets the manifest's for its
    picture; copies of another shape than the item declares are left out by candidates(), as any entry is."""
    given = candidates(images)
    known = local.get(given[-1].url) if local and given else None
    if known is None or not known[1]:
        return images, False
    original, copies = known
    if not images[0].width or not images[0].height:
        images = (original, *images[1:])
    return (*images, *copies), True


class Picture(NamedTuple):
    src: Image  # what `src` shows (its width and height are the <img>'s)
    srcset: str  # "url 320w, url 1024w", or "" when there is one candidate
    # the picture's words, as its first entry gives them (Image.alt, caption, credit): its other sizes' and
    # copies' entries seldom repeat them
    alt: str | None = None
    caption: str = ""
    credit: str = ""


def candidates(images: Sequence[Image]) -> tuple[Image, ...]:
    """The first image and the others of its shape, narrowest first, one per width (the first given wins)."""
    if not images:
        return ()
    first = images[0]
    if not first.width or not first.height:
        return (first,)
    shape = first.width / first.height
    by_width: dict[int, Image] = {}
    for image in images:
        if image.width and image.height and abs(image.width / image.height - shape) <= SAME_SHAPE * shape:
            by_width.setdefault(image.width, image)
    return tuple(by_width[width] for width in sorted(by_width))


def pictures(images: Sequence[Image]) -> tuple[tuple[Image, ...], ...]:
    """Each picture `images` holds, as its entries, for picture(): the first and the others of its shape (one
    of each width: two of one shape and width are two pictures of a gallery, not two sizes of one), then the
    next picture's, in the order given (a picture given twice is one)."""
    found, rest, seen = [], list(images), set()
    while rest:
        first = rest[0]
        shape = first.width / first.height if first.width and first.height else None
        group, widths = [first], {first.width}
        for i in rest[1:]:
            if shape and i.width and i.height and i.width not in widths \
                    and abs(i.width / i.height - shape) <= SAME_SHAPE * shape:
                group.append(i)
                widths.add(i.width)
        rest = [i for i in rest if not any(i is g for g in group)]
        if first.url not in seen:
            found.append(tuple(group))
        seen.update(i.url for i in group)
    return tuple(found)


def picture(images: Sequence[Image], width: int, url: Callable[[str], str], resizer: str = "",
            local: LocalCopies | None = None) -> Picture | None:
    """The Picture of `images` for a place `width` CSS pixels wide (url: the site's link maker; resizer: the
    `picture_resizer` template, or ""; local: the copies `newsdesk pictures` made), or None."""
    words = (images[0].alt, images[0].caption, images[0].credit) if images else ()
    images, copied = with_copies(images, local)
    given = candidates(images)
    if not given:
        return None
    found = resized(given, resizer) if resizer and not copied else given
    src = next((image for image in found if (image.width or 0) >= width), found[-1])
    if src.height is None and src not in given:  # a copy of a picture of unknown shape: the <img> as given
        src = Image(src.url, given[-1].width, given[-1].height)
    links = [url(image.url) for image in found]
    # A space would end an entry's URL, and a comma at either end would be read as the list's: such a
    # picture keeps its `src` alone (a comma inside a URL is its own, as in a resizer's "w_320,c_scale").
    if len(found) < 2 or any(link[:1] == "," or link[-1:] == "," or any(c.isspace() for c in link) for link in links):
        return Picture(src, "", *words)
    return Picture(src, ", ".join(f"{link} {image.width}w" for link, image in zip(links, found)), *words)


def resized(found: tuple[Image, ...], resizer: str) -> tuple[Image, ...]:
    """A picture's candidates as a `resizer` template makes them: for a picture from another site, its
    copies in RESIZED_WIDTHS narrower than the widest candidate, then that one as given (or, of unknown
    width, the copies up to MAX_UNSIZED wide)."""
    original = found[-1]
    if not original.remote:
        return found
    shape = original.height / original.width if original.width and original.height else None
    made = tuple(Image(resized_url(resizer, original.url, width), width, round(width * shape) if shape else None)
                 for width in RESIZED_WIDTHS if width < (original.width or MAX_UNSIZED + 1))
    return (*made, original) if original.width else made
