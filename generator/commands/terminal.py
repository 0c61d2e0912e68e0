"""What the terminal shows of a build besides its summary: its progress (Progress), its problems
(print_problems, counted), its notes (summarised), the notes on items left out (note_future, note_empty) and
on pages gone (note_gone)."""

from __future__ import annotations

import os
import sys
import time

from generator.build.gone import gone_note
from generator.errors import left_out, printable, summarised


def note_future(withheld) -> None:
    """Say that items dated after the build time are left out: unlike a draft's, no line of the file says so
    (a time written in the wrong zone, an item for later today), and the item was missing without a word."""
    future = [(source, reason) for source, reason in withheld if reason.startswith("dated in the future")]
    if future:
        (source, reason), more = future[0], len(future) - 1
        others = f", as {'is 1 more item' if more == 1 else f'are {more} more items'}" if more else ""
        # (a file's name is a crawler's: printable, as a problem's path is)
        print(printable(f"note: {source}: {reason}: left out until then{others} (build with --future to show "
                        f"{'them' if more else 'it'} now)"), file=sys.stderr)


def note_empty(result) -> None:
    """Say why a site has no items (BuildResult.note), if that is so."""
    if result.note:
        print(printable(f"note: {result.note}"), file=sys.stderr)


def note_gone(where: str, had: str, pages: tuple[str, ...], base_url: str, moved=None) -> None:
    """Say gone_note's note, if there is one."""
    said = gone_note(where, had, pages, base_url, moved or {})
    if said:
        print(said, file=sys.stderr)


def counted(site) -> str:
    """The summary's count of what print_problems printed: "2 errors, 1 warning". An error left its
    file out; a warning is about a file that is in the site all the same."""
    errors, warnings = len(site.problems), len(site.warnings)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def print_problems(problems, warnings, notes=()) -> None:
    """Errors (each leaves its file out), then warnings (the file is in the site: something to fix), then notes
    (nothing wrong: summarised)."""
    for problem in problems:
        print(f"error: {problem}{left_out(problem)}", file=sys.stderr)
    for problem in warnings:
        print(f"warning: {problem}", file=sys.stderr)
    for line in summarised(notes):
        print(line, file=sys.stderr)


class Progress:
    """Shows what a long build is doing: a live line on a terminal, plain lines in a log, nothing in CI."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.quiet = bool(os.environ.get("CI"))
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if self.quiet or now - self.started < 1.0:  # short builds print nothing but their summary
            return
        try:
            self._show(stage, done, total, now)
        except OSError:  # the reader has gone (`newsdesk build 2>&1 | head`): the build goes on without it
            self.quiet = True

    def _show(self, stage: str, done: int, total: int, now: float) -> None:
        if self.tty:
            if now - self.last >= 0.1 or done == total:
                counts = f" {done}/{total}" if total else ""
                self.stream.write(f"\r\033[K{stage}{counts}")
                self.stream.flush()
                self.shown, self.last = True, now
        elif now - self.last >= 2.0 or (total and done == total):
            self.stream.write(f"{stage} {done}/{total}\n" if total else f"{stage}\n")
            self.last = now

    def done(self) -> None:
        if self.shown and not self.quiet:
            self.stream.write("\r\033[K")
            self.stream.flush()
