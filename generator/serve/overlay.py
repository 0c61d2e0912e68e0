"""What serve adds to every HTML page it sends (inject, snippet): the live reload script's tag with the
server's own URLs (under PREFIX), and the failed build's overlay or the content problems' notice."""

from __future__ import annotations

import hashlib
import html

PREFIX = "/__newsdesk/"  # the server's own URLs; outside any site path a build writes
POLL_URL = PREFIX + "livereload"
SCRIPT_URL = PREFIX + "livereload.js"


def inject(page: bytes, snippet: bytes) -> bytes:
    """`snippet` placed just before the page's last </body> (or at its end)."""
    index = page.lower().rfind(b"</body>")
    return page + snippet if index < 0 else page[:index] + snippet + page[index:]


_STYLE = """<style>
#newsdesk-overlay, #newsdesk-notice { all: initial; position: fixed; z-index: 2147483647; box-sizing: border-box;
  font: 14px/1.45 system-ui, sans-serif; color: #1f1f1f; background: #fff; box-shadow: 0 4px 24px #0006; }
#newsdesk-overlay { inset: 0; overflow: auto; padding: 2em; background: #fff8f7f2; border-top: 6px solid #c62828; }
#newsdesk-notice { right: 1em; bottom: 1em; max-width: min(40em, 90vw); max-height: 50vh; overflow: auto;
  padding: .75em 1em; border-left: 5px solid #b26a00; }
#newsdesk-overlay pre, #newsdesk-notice pre { font: 13px/1.5 ui-monospace, monospace; white-space: pre-wrap;
  overflow-wrap: anywhere; margin: .75em 0 0; }
#newsdesk-overlay h2 { font: 600 18px/1.3 system-ui, sans-serif; margin: 0 0 .5em; color: #b71c1c; }
#newsdesk-overlay button, #newsdesk-notice button { float: right; font: inherit; cursor: pointer; margin-left: 1em; }
</style>"""


_NOTICE_LINES = 30


def snippet(server_id: str, epoch: int, error: str, notice: str, left_out: str = "") -> bytes:
    """What goes into every HTML response: the overlay or notice when there is one, and the script.

    `left_out`: the lines of `notice` of the item files saved while serving that the build left out: shown in
    the overlay (with `error`, when the build failed since), and not again in the notice."""
    parts = []
    if left_out:
        taken = set(left_out.splitlines())
        notice = "\n".join(line for line in notice.splitlines() if line not in taken)
    if error or notice or left_out:
        parts.append(_STYLE)
    overlay = []
    if error:
        overlay.append("<h2>The build failed</h2><p>This is the last good version of the page. Fix the file and "
                       f"save: the page reloads by itself.</p><pre>{html.escape(error)}</pre>")
    if left_out:
        count = len(left_out.splitlines())
        files = "An item file you saved cannot be used" if count == 1 else f"{count} item files you saved cannot be used"
        overlay.append(f"<h2>{files}</h2><p>It is left out of the site, as <code>newsdesk build</code> leaves it "
                       "out (its page too, if it had one); every other change is in. Fix it and save: the page "
                       f"reloads by itself.</p><pre>{html.escape(left_out)}</pre>")
    # (in English on a page of any language, as the terminal's: said so for a screen reader, and read left to right)
    if overlay:
        parts.append('<div id="newsdesk-overlay" role="alert" lang="en" dir="ltr">'
                     '<button type="button" data-newsdesk-close>Hide</button>' + "".join(overlay) + "</div>")
    if notice:
        key = hashlib.sha1(notice.encode("utf-8")).hexdigest()[:12]  # a dismissed notice stays away until it changes
        lines = notice.splitlines()
        count = len(lines)
        # (a site whose problems are all warnings has every item in: "left out" sent users looking for them)
        errors, warnings = (any(line.startswith(kind) for line in lines) for kind in ("error:", "warning:"))
        said = ("the build went on: an error's item is left out" + ("; a warning's is kept" if warnings else "")
                if errors else "warnings: the items are in the site; each line says what to fix")
        if count > _NOTICE_LINES:  # every page carries it: keep it small; the terminal has them all
            notice = "\n".join(lines[:_NOTICE_LINES] + [f"... and {count - _NOTICE_LINES} more (see the terminal)"])
        parts.append(f'<aside id="newsdesk-notice" role="status" lang="en" dir="ltr" data-key="{key}">'
                     '<button type="button" data-newsdesk-close aria-label="Dismiss">&times;</button>'
                     f"<strong>{count} content problem{'s' if count != 1 else ''}</strong> "
                     f"({said})<pre>{html.escape(notice)}</pre></aside>")
    parts.append(f'<script src="{SCRIPT_URL}" data-endpoint="{POLL_URL}" data-server="{server_id}" '
                 f'data-epoch="{epoch}"></script>')
    return "\n".join(parts).encode("utf-8")
