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

import contextlib
import importlib
import logging
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Mapping

from generator.writer import relink_unchanged

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


def index_site(folder: Path, environ: Mapping[str, str] = os.environ, into: Path | None = None,
               cancel: threading.Event | None = None) -> bool:
    """Write the Pagefind index of `folder` into `into` (default `folder`/pagefind/); False (after one
    warning) when it cannot, or (silently) when `cancel` was set meanwhile."""
    binary = find_pagefind(environ)
    into = into or folder / SEARCH_FOLDER
    if not binary:
        log.warning("search: Pagefind is not installed, so this site has no search "
                    "(pip install 'newsdesk[search]', or set PAGEFIND_BINARY_PATH)")
        return False
    command = [binary, "--site", str(folder), "--output-path", str(into), "--glob", INDEXED,
               "--exclude-selectors", EXCLUDED, "--silent"]
    try:
        done = _run(command, environ, cancel)
    except _Cancelled:
        shutil.rmtree(into, ignore_errors=True)
        return False
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("search: Pagefind (%s) could not run: %s; this site has no search", binary, exc)
        shutil.rmtree(into, ignore_errors=True)
        return False
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        log.warning("search: Pagefind failed (exit status %s)%s; this site has no search", done.returncode,
                    ": " + " / ".join(detail) if detail else "")
        shutil.rmtree(into, ignore_errors=True)  # half an index would only confuse the UI
        return False
    log.debug("search: Pagefind indexed %s", folder)
    return True


class _Cancelled(Exception):
    pass


def _run(command: list[str], environ: Mapping[str, str], cancel: threading.Event | None) -> subprocess.CompletedProcess:
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                          env=dict(environ), stdin=subprocess.DEVNULL) as process:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                out, err = process.communicate(timeout=0.05)
                return subprocess.CompletedProcess(command, process.returncode, out, err)
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    process.kill()
                    process.communicate()
                    raise _Cancelled() from None
                if time.monotonic() > deadline:
                    process.kill()
                    process.communicate()
                    raise


def reindex(site: Path, environ: Mapping[str, str] = os.environ, cancel: threading.Event | None = None,
            swap_lock: threading.Lock | None = None) -> bool:
    """Index a live site again after some of its pages changed in place.

    The new index is written beside the site and swapped in by renames, so the live index is
    whole at every moment. Pagefind has no incremental mode: this reads every article page.
    """
    site = site.absolute()
    fresh = site.with_name(f".{site.name}.newsdesk-search")
    old = site.with_name(f".{site.name}.newsdesk-search-old")
    for folder in (fresh, old):
        shutil.rmtree(folder, ignore_errors=True)
    ok = index_site(site, environ, into=fresh, cancel=cancel)
    if cancel is not None and cancel.is_set():
        shutil.rmtree(fresh, ignore_errors=True)
        return False  # the caller indexes again later; until then the last index stays up
    live = site / SEARCH_FOLDER
    if ok and live.is_dir():
        relink_unchanged(live, fresh)  # index files that came out the same keep their inode and time
    with swap_lock or contextlib.nullcontext():
        if live.exists():
            os.rename(live, old)
        if ok:
            os.rename(fresh, live)
    shutil.rmtree(old, ignore_errors=True)
    return ok
