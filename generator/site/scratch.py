"""Editor scratch files: the swap, backup, lock and temp files editors and tools write beside the file a user
edits (vim, emacs, JetBrains, `sed -i`, rsync, browsers). No build reads them, so none is published, read as
a record, or a reason for serve to rebuild (serve/watch.py): the served site and a full build agree."""

from __future__ import annotations

import re

_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".temp", ".part", ".crdownload", ".bak", ".orig",
             "___jb_tmp___", "___jb_old___")
_NAMES = {"4913", ".DS_Store", "Thumbs.db"}
_SED_TEMP = re.compile(r"sed[A-Za-z0-9]{6}")  # `sed -i`'s copy, renamed over the file it edits


def is_scratch(name: str) -> bool:
    """Whether a file named `name` is an editor's swap, backup, lock or temp file (`.a.md.swp`, `a.md~`,
    `.#a.md`, `#a.md#`, `4913`, `a.md___jb_tmp___`, `sedAb12Cd`)."""
    return (name in _NAMES or name.endswith(_SUFFIXES) or name.startswith(".#")
            or (name.startswith("#") and name.endswith("#")) or bool(_SED_TEMP.fullmatch(name)))
