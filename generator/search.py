"""Site search: run Pagefind over the finished site, so search works on any static host.

Pagefind (https://pagefind.app) reads the built HTML and writes a compressed index plus
its search UI under `pagefind/` in the site; the browser then fetches only the index
fragments a query needs, from the site itself (no server, no CDN). The build runs it
over the staging folder just before that folder is swapped in, so the published site
and its index always match.

Only article pages are indexed (title, excerpt, body, provider, topics); the site
header, footer and "more coverage" lists are left out so that a word finds the story
it belongs to, not every list that shows its headline. There are no Pagefind filters:
Pagefind 1.5 writes filter files in hash-map order, so with filters two builds of the
same site would give different index files; without them the index is byte-identical.

Pagefind is optional: `pip install 'newsdesk[search]'` (the `pagefind[extended]`
package ships the binary). Without it, or if it fails, the build logs one warning
and the site is published without search; the search page says so to visitors.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import subprocess
from pathlib import Path
from typing import Mapping

log = logging.getLogger(__name__)

SEARCH_FOLDER = "pagefind"  # where Pagefind writes the index and its UI, inside the site
INDEXED = "news/**/*.html"  # article pages (Item.path is news/YYYY/MM/DD/slug/)
# Page parts that are not the story: the site's own header and footer, the skip link,
# and other stories' headlines under "More coverage".
EXCLUDED = "body > header, body > footer, .skip, .related"
TIMEOUT = 30 * 60  # seconds; a very large site can take minutes, a hung binary must not hang the build


def find_pagefind(environ: Mapping[str, str]) -> str | None:
    """The Pagefind binary: PAGEFIND_BINARY_PATH, the pagefind_bin(_extended) wheels, or one on PATH."""
    explicit = environ.get("PAGEFIND_BINARY_PATH", "").strip()
    if explicit:
        return explicit
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return str(importlib.import_module(module).get_executable())
        except (ImportError, FileNotFoundError, AttributeError):
            continue
    path = environ.get("PATH", os.defpath)
    return shutil.which("pagefind_extended", path=path) or shutil.which("pagefind", path=path)


def index_site(folder: Path, environ: Mapping[str, str] = os.environ) -> bool:
    """Write the Pagefind index into `folder`/pagefind/; False (after one warning) when it cannot."""
    binary = find_pagefind(environ)
    if not binary:
        log.warning("search: Pagefind is not installed, so this site has no search "
                    "(pip install 'newsdesk[search]', or set PAGEFIND_BINARY_PATH)")
        return False
    command = [binary, "--site", str(folder), "--glob", INDEXED, "--exclude-selectors", EXCLUDED, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=TIMEOUT,
                              env=dict(environ), stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("search: Pagefind (%s) could not run: %s; this site has no search", binary, exc)
        shutil.rmtree(folder / "pagefind", ignore_errors=True)
        return False
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        log.warning("search: Pagefind failed (exit status %s)%s; this site has no search", done.returncode,
                    ": " + " / ".join(detail) if detail else "")
        shutil.rmtree(folder / "pagefind", ignore_errors=True)  # half an index would only confuse the UI
        return False
    log.debug("search: Pagefind indexed %s", folder)
    return True
