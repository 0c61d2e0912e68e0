"""Which of a picture's sizes a page shows: the `picture()` template global.

An item's `images` and a provider's logos often list one picture in several sizes (a crawler's
thumbnail beside the original). Showing the full-size original in a phone card's thumbnail costs a
reader megabytes; showing a 50-pixel logo in a 72-pixel circle blurs it. So the entries of the same
shape as the first (the same aspect ratio, declared width and height) are candidates of one picture: the
page's `src` is the smallest candidate at least as wide as the place it is shown in, and `srcset` lists
every candidate by width, for browsers to choose by the reader's screen. Entries of another shape are
other pictures, never candidates; without declared sizes there is nothing to choose from.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

from generator.site.model import Image

SAME_SHAPE = 0.02  # aspect ratios within 2% of each other are one picture's (rounding of scaled sizes)


class Picture(NamedTuple):
    src: Image  # what `src` shows (its width and height are the <img>'s)
    srcset: str  # "url 320w, url 1024w", or "" when there is one candidate


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


def picture(images: Sequence[Image], width: int, url: Callable[[str], str]) -> Picture | None:
    """The Picture of `images` for a place `width` CSS pixels wide (url: the site's link maker), or None."""
    found = candidates(images)
    if not found:
        return None
    src = next((image for image in found if (image.width or 0) >= width), found[-1])
    links = [url(image.url) for image in found]
    # A comma or a space would split an entry of the list: such a picture keeps its `src` alone.
    if len(found) < 2 or any("," in link or any(c.isspace() for c in link) for link in links):
        return Picture(src, "")
    return Picture(src, ", ".join(f"{link} {image.width}w" for link, image in zip(links, found)))
