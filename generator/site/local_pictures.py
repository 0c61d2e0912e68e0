"""The copies of pictures that `newsdesk pictures` (generator/fetch/pictures.py) made: its manifest, in
`pictures_dir`, as the build reads it (plan/pictures.py offers the copies as sizes of their pictures), and
the names of the copies, which both sides make with copy_name().

    pictures_dir/manifest.json   {"pictures": {URL: {"width", "height", "copies": [{"file", "width", "height"}]}}}
    pictures_dir/<hash>-<width>.webp

The manifest is an input of the build as data_dir's records are: what is wrong in it is a warning, and those
pictures are linked as the items give them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from generator.errors import Problem
from generator.site.model import Image

MANIFEST = "manifest.json"  # in pictures_dir: picture URL -> its size and its copies
COPIES_FOLDER = "static/resized/"  # where the output has the copies
COPY_NAME = re.compile(r"[0-9a-f]{24}-[1-9][0-9]{0,4}\.webp")  # what copy_name() makes: nothing else is published
AGAIN = "run `newsdesk pictures` again"


def copy_name(url: str, width: int) -> str:
    """The file of a picture's copy `width` pixels wide: the same for the same URL on every machine."""
    return f"{hashlib.sha256(url.encode('utf-8', 'surrogatepass')).hexdigest()[:24]}-{width}.webp"


@dataclass(frozen=True)
class LocalCopies:
    """What `pictures_dir`'s manifest says the site has copies of (empty when it has none)."""

    pictures: Mapping[str, tuple[Image, tuple[Image, ...]]] = field(default_factory=lambda: MappingProxyType({}))
    files: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))  # output name -> file
    digest: str = ""  # of the manifest: the pages that show pictures depend on it
    problems: tuple[Problem, ...] = ()  # warnings: what of the manifest was left out, and why

    def get(self, url: str) -> tuple[Image, tuple[Image, ...]] | None:
        """The picture at `url` with its real size, and its copies (site paths), narrowest first."""
        return self.pictures.get(url)


def load_copies(root: Path, pictures_dir: str) -> LocalCopies:
    """The manifest of `pictures_dir` (under the site's `root`), as far as it is sound: an entry naming a file
    that is not there, or not as copy_name makes it, is left out with a warning; an unreadable manifest is one
    warning and no copies (the pages link the pictures as the items give them)."""
    if not pictures_dir:
        return LocalCopies()
    folder = root / pictures_dir
    path = folder / MANIFEST
    shown = f"{pictures_dir.rstrip('/')}/{MANIFEST}"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LocalCopies()
    except OSError as exc:
        return LocalCopies(problems=(Problem(shown, None, f"cannot read the manifest: {exc.strerror}", AGAIN),))
    try:
        entries = json.loads(data)["pictures"]
        if not isinstance(entries, dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return LocalCopies(problems=(Problem(shown, None, "not a manifest that `newsdesk pictures` wrote",
                                             f"delete it and {AGAIN}"),))
    pictures: dict[str, tuple[Image, tuple[Image, ...]]] = {}
    files: dict[str, Path] = {}
    missing: list[str] = []
    for url in sorted(entries):
        entry = entries[url]
        try:
            width, height = int(entry["width"]), int(entry["height"])
            copies = [(str(copy["file"]), int(copy["width"]), int(copy["height"])) for copy in entry["copies"]]
        except (KeyError, TypeError, ValueError):
            missing.append(url)
            continue
        if not url.lower().startswith(("http://", "https://")) or width < 1 or height < 1:
            missing.append(url)
            continue
        # Only the files this manifest's maker names, in the folder itself: a manifest edited by hand or merged
        # wrongly can never publish another file of the site, or one outside it.
        if not all(name == copy_name(url, copy_width) and 0 < copy_width < width and copy_height > 0
                   and (folder / name).is_file() and not (folder / name).is_symlink()
                   for name, copy_width, copy_height in copies):
            missing.append(url)
            continue
        made = tuple(Image(COPIES_FOLDER + name, copy_width, copy_height)
                     for name, copy_width, copy_height in sorted(copies, key=lambda copy: copy[1]))
        files.update((COPIES_FOLDER + name, folder / name) for name, _, _ in copies)
        pictures[url] = (Image(url, width, height), made)
    problems = ()
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        problems = (Problem(shown, None, f"copies missing or misnamed for {missing[0]}{more}: those pictures are "
                            "linked as items give them", AGAIN),)
    return LocalCopies(MappingProxyType(pictures), MappingProxyType(files), hashlib.sha1(data).hexdigest(), problems)
