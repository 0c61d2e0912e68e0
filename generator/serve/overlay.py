"""What serve adds to every HTML page it sends (inject, snippet): the live reload script's tag with the
server's own URLs (under PREFIX), and the failed build's overlay or the content problems' notice."""

from __future__ import annotations

import hashlib
import html

from generator.i18n import ENGLISH, Words, fill
from generator.languages import direction

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


def snippet(server_id: str, epoch: int, error: str, notice: str, left_out: str = "", *, words: Words) -> bytes:
    """What goes into every HTML response: the overlay or notice when there is one, and the script.

    `left_out`: the lines of `notice` of the item files saved while serving that the build left out: shown in
    the overlay (with `error`, when the build failed since), and not again in the notice. `words`: the theme's
    words in the site's language (i18n.load_words), which the overlay and the notice say theirs in; the build's
    messages they show stay as the terminal says them, in English."""
    parts = []
    if left_out:
        taken = set(left_out.splitlines())
        notice = "\n".join(line for line in notice.splitlines() if line not in taken)
    if error or notice or left_out:
        parts.append(_STYLE)
    box = f'lang="{html.escape(words.speaks)}" dir="{direction(words.speaks)}"'
    build = "<code dir=\"ltr\">newsdesk build</code>"  # (a command: left to right on any page)
    overlay = []
    if error:
        overlay.append(_said(words, "h2", "serve_build_failed") + _said(words, "p", "serve_build_failed_text")
                       + _messages(error))
    if left_out:
        overlay.append(_said(words, "h2", "serve_left_out", n=len(left_out.splitlines()))
                       + _said(words, "p", "serve_left_out_text", command=build) + _messages(left_out))
    if overlay:
        parts.append(f'<div id="newsdesk-overlay" role="alert" {box}>'
                     + _said(words, "button", "serve_hide", attributes=' type="button" data-newsdesk-close')
                     + "".join(overlay) + "</div>")
    if notice:
        key = hashlib.sha1(notice.encode("utf-8")).hexdigest()[:12]  # a dismissed notice stays away until it changes
        lines = notice.splitlines()
        count = len(lines)
        # (a site whose problems are all warnings has every item in: "left out" sent users looking for them)
        errors, warnings = (any(line.startswith(kind) for line in lines) for kind in ("error:", "warning:"))
        said = ("serve_errors_and_warnings" if warnings else "serve_errors") if errors else "serve_warnings"
        more = ""
        if count > _NOTICE_LINES:  # every page carries it: keep it small; the terminal has them all
            notice = "\n".join(lines[:_NOTICE_LINES])
            more = _said(words, "p", "serve_more", n=count - _NOTICE_LINES)
        dismiss = f'aria-label="{html.escape(words.t("serve_dismiss"))}"{_english(words, "serve_dismiss")}'
        parts.append(f'<aside id="newsdesk-notice" role="status" {box} data-key="{key}">'
                     f'<button type="button" data-newsdesk-close {dismiss}>&times;</button>'
                     + _said(words, "strong", "serve_problems", n=count) + " ("
                     + _said(words, "span", said) + ")" + _messages(notice) + more + "</aside>")
    parts.append(f'<script src="{SCRIPT_URL}" data-endpoint="{POLL_URL}" data-server="{server_id}" '
                 f'data-epoch="{epoch}"></script>')
    return "\n".join(parts).encode("utf-8")


def _said(words: Words, tag: str, key: str, n: int | None = None, attributes: str = "", **markup: str) -> str:
    """`<tag>` holding the word `key`, escaped, its placeholders filled: `{n}` with `n` as the language writes
    numbers, the others with `markup` as it is."""
    values = {"n": words.number(n)} if n is not None else {}
    text = fill(html.escape(words.text(key, n), quote=False), {**values, **markup}, str)
    return f"<{tag}{attributes}{_english(words, key)}>{text}</{tag}>"


def _english(words: Words, key: str) -> str:
    """The attributes of a word shown in English on a site of another language (its words file lacks it)."""
    return ' lang="en" dir="ltr"' if key in words.english and words.speaks != ENGLISH else ""


def _messages(text: str) -> str:
    """The build's messages (`path:line: message`) as the terminal says them: in English, left to right."""
    return f'<pre lang="en" dir="ltr">{html.escape(text)}</pre>'
