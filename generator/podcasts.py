"""What a podcast directory and podcast apps are told of the site's podcast feeds and their episodes: Apple's
categories, the site's cover (`podcast_image`), and an episode's number, season, kind, chapters and transcript as
an item's front matter gives them (read here once, for every feed format; values that say nothing usable are
left out rather than passed on)."""

from __future__ import annotations

import difflib
import re
import struct
from pathlib import Path
from typing import Callable, Iterable, Mapping
from urllib.parse import urlsplit

from generator.errors import Note, Problem
from generator.urls import field_url, safe_url, site_url

# Apple Podcasts' categories and their subcategories
# (https://podcasters.apple.com/support/1691-apple-podcasts-categories)
CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden",
                "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News",
             "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion",
                                "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences",
                "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby",
               "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}
EPISODE_TYPES = ("full", "trailer", "bonus")  # Apple's itunes:episodeType
CHAPTERS_TYPE = "application/json+chapters"  # Podcasting 2.0's JSON chapters
# A transcript's type by its file's extension, when the item does not give one (Podcasting 2.0 requires one)
_TRANSCRIPT_TYPES = {".vtt": "text/vtt", ".srt": "application/x-subrip", ".json": "application/json",
                     ".html": "text/html", ".htm": "text/html", ".txt": "text/plain"}
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9][\w.+-]*/[A-Za-z0-9][\w.+-]*")
_COVER_TYPES = (".jpg", ".jpeg", ".png")


def category(value: str) -> tuple[str, str]:
    """(category, subcategory or "") of a `podcast_category` such as `News/Daily News`."""
    main, _, sub = value.partition("/")
    return main.strip(), sub.strip()


def category_problem(value: str) -> tuple[str, str]:
    """(what is wrong with a `podcast_category`, what to write) or ("", "")."""
    main, sub = category(value)
    if main not in CATEGORIES:
        near = difflib.get_close_matches(main, CATEGORIES, 1, 0.6)
        return (f"`podcast_category` must be one of Apple's categories, got {value!r}",
                f"did you mean {near[0]}?" if near else f"one of {', '.join(CATEGORIES)}")
    if sub and sub not in CATEGORIES[main]:
        return (f"`podcast_category`: {main} has no subcategory {sub!r}",
                f"one of {', '.join(CATEGORIES[main])}" if CATEGORIES[main] else f"write {main} alone")
    return "", ""


def image_problem(value: str) -> tuple[str, str]:
    """(what is wrong with a `podcast_image`, what to write) or ("", "")."""
    scheme = urlsplit(value.strip()).scheme if ":" in value else ""
    if scheme and not safe_url(value.strip()):
        return (f"`podcast_image` must be an http(s) address or a path on the site, got {value[:80]!r}",
                "e.g. https://example.org/cover.jpg, or static/cover.jpg for the site's static/ folder's")
    if not urlsplit(value.strip()).path.lower().endswith(_COVER_TYPES):
        return (f"`podcast_image` must be a JPEG or PNG (Apple's podcast directory takes no other), got "
                f"{value[:80]!r}", "a square .jpg or .png of 1400 to 3000 pixels")
    return "", ""


def cover_url(base_url: str, value: str) -> str:
    """The absolute address of the `podcast_image` (checked by config), or ""."""
    value = value.strip()
    if not value:
        return ""
    return safe_url(value) or site_url(base_url, value.lstrip("/"))


def number(value) -> int:
    """An episode's or season's number: a whole number from 1 (`7`, "7"), else 0 (none)."""
    if isinstance(value, str):
        # (decimal digits alone, few enough for int(): a superscript `²` is a digit int() refuses, and Python
        # makes no int of more than 4,300 digits; either stopped the build and the feed's fetch)
        digits = value.strip().lstrip("0")
        value = int(digits) if digits.isdecimal() and len(digits) < 10 else 0
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**9 else 0


def episode_type(value) -> str:
    """Apple's itunes:episodeType of an episode: `trailer` or `bonus` when it says so, else `full`."""
    said = value.strip().lower() if isinstance(value, str) else ""
    return said if said in EPISODE_TYPES else "full"


def linked_file(value, default_type: str = "", types: dict[str, str] | None = None) -> tuple[str, str]:
    """(http(s) address, media type) of an episode's chapters or transcript as front matter gives it: an address,
    or `{url, type}`, read as any address a crawler writes (urls.field_url: a character XML forbids made a
    feed with the episode ill-formed); ("", "") when there is no safe address or no type to give (Podcasting 2.0
    requires one)."""
    url, given = (value.get("url"), value.get("type")) if isinstance(value, dict) else (value, "")
    url = field_url(url)
    if not url:
        return "", ""
    kind = given.strip() if isinstance(given, str) and _MEDIA_TYPE.fullmatch(given.strip()) else ""
    if not kind and types:
        path = urlsplit(url).path.lower()
        kind = next((found for ending, found in types.items() if path.endswith(ending)), "")
    kind = kind or default_type
    return (url, kind) if kind else ("", "")


def chapters(value) -> tuple[str, str]:
    return linked_file(value, CHAPTERS_TYPE)


def transcript(value) -> tuple[str, str]:
    return linked_file(value, "", _TRANSCRIPT_TYPES)


COVER_PIXELS = (1400, 3000)  # Apple's least and most, of a square cover
_SET = "set `podcast_image` in config.yaml to a square JPEG or PNG of 1400 to 3000 pixels"


def cover_warnings(items: Iterable, config, copies: Mapping[str, Path],
                   line: Callable[[], int | None]) -> list[Problem]:
    """A note when the site writes a podcast's episodes into its feeds with no cover set, and a warning when the
    cover is one Apple's directory refuses: the site's own file (`static/cover.jpg`, whose pixels can be read)
    missing, not square, or too small or big. (A cover at another site's address is not fetched to be measured.)
    `line()`: config.yaml's line of `podcast_image`, where each is said, asked only for a message (the config
    package finds it in the file's text, read again: it imports this module)."""
    if not config.feeds or not any(item.type == "podcast" and item.media_file for item in items):
        return []
    value = config.podcast_image.strip()
    if not value:
        # (a note, not a warning: a site that carries others' episodes need not be listed as a podcast itself)
        return [Note(config.path, line(), "the site's podcast feeds have no cover (`podcast_image`): Apple's "
                                          "podcast directory refuses a podcast without one", _SET)]
    if safe_url(value):
        return []
    name = value.lstrip("/")
    if name not in copies:
        return [Problem(config.path, line(), f"`podcast_image` {value!r} is no file the build writes",
                        "put the picture in the site's static/ folder and write static/<its name>")]
    size = picture_size(copies[name])
    if size is None:
        return [Problem(config.path, line(), f"`podcast_image` {value!r} is no JPEG or PNG newsdesk can read", _SET)]
    width, height = size
    least, most = COVER_PIXELS
    if width != height or not least <= width <= most:
        return [Problem(config.path, line(), f"`podcast_image` {value!r} is {width}x{height} pixels: Apple's "
                                             f"podcast directory takes a square of {least} to {most}", _SET)]
    return []


def picture_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG file from its header, else None."""
    try:
        with open(path, "rb") as file:
            head = file.read(65536)  # (a JPEG's frame header follows its metadata, within the first few KB)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    if not head.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 9 < len(head) and head[at] == 0xFF:
        marker, length = head[at + 1], struct.unpack(">H", head[at + 2:at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # (a frame: its height, then width)
            height, width = struct.unpack(">HH", head[at + 5:at + 9])
            return width, height
        at += 2 + length
    return None
