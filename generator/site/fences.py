"""A Markdown body's fenced code blocks as Python-Markdown's `fenced_code` extension finds them, in one pass.

Python-Markdown takes each fenced block out of the body before it reads the body's blocks: a code listing of any
length is one block to it. Its pattern reads from each opening fence to the closing one; from an opening no fence
closes (```` ```a ````, or one whose `{attributes}` it rejects), it reads to the end of the body, and then from the
next such line again: its time grows with their number times the body's length (docs/dev/performance.md). This
finds the same blocks, and counts what that pattern reads in vain, without reading any line twice.
"""

from __future__ import annotations

import bisect
import re

# A line that starts with a fence, and what follows the fence on an opening line, after its spaces (its pattern's,
# read within the line; with the spaces in the pattern, a line of spaces, dots and spaces took time in its square)
_FENCE_LINE = re.compile(r"^(~{3,}|`{3,})([^\n]*)", re.MULTILINE)
_OPENING = re.compile(r"""(?:\{(?P<attrs>[^\n]*)\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(["'])[^\n]*?\2[ ]*)?)""")
# An `hl_lines="` the line does not close: Python-Markdown's pattern tries each later quote as its end, each time
# reading on to the end of the body
_OPEN_QUOTE = re.compile(r"""hl_lines=(["'])(?![^\n]*\1)""")


def fenced_code(text: str) -> tuple[list[tuple[int, int]], int, list[int]]:
    """(the (start, end) of each fenced code block of `text` (tabs expanded to 4 columns, as Python-Markdown
    reads it), the characters its search for closing fences reads in vain, the start of each opening line that
    no fence closes)."""
    lines = [(found.start(), found.end(), found[1], found[2]) for found in _FENCE_LINE.finditer(text)]
    closers: dict[str, list[int]] = {}
    for start, _, fence, rest in lines:
        if not rest.strip(" "):
            closers.setdefault(fence, []).append(start)
    blocks, vain, unclosed, after = [], 0, [], 0
    quoted = {quote: [found.start() for found in re.finditer(quote + "\n", text)] for quote in "\"'"}
    for start, end, fence, rest in lines:
        spaces = len(rest) - len(rest.lstrip(" "))
        if spaces * len(rest) > len(text) - start:  # (its pattern's spaces, each tried against the line)
            vain += spaces * len(rest)
            unclosed.append(start)
        open_quote = _OPEN_QUOTE.search(rest)
        if open_quote:
            later = quoted[open_quote[1]]
            vain += (len(later) - bisect.bisect_left(later, end)) * (len(text) - start)
            unclosed.append(start)
            continue
        opening = _OPENING.fullmatch(rest, spaces)
        if start < after or not opening or not text.startswith("\n", end):
            continue
        ends = closers.get(fence, [])
        at = bisect.bisect_left(ends, end + 1)
        close = text.find("\n", ends[at]) if at < len(ends) else len(text)
        close = len(text) if close < 0 else close
        if at == len(ends) or opening["attrs"] is not None and _rejected(opening["attrs"]):
            vain += close - start
            unclosed.append(start)
            continue
        blocks.append((start, close))
        after = close
    return blocks, vain, unclosed


def _rejected(attributes: str) -> bool:
    """Whether Python-Markdown rejects a fence's `{attributes}` (their braces do not match)."""
    from markdown.extensions.attr_list import get_attrs_and_remainder

    return bool(get_attrs_and_remainder(attributes)[1])
