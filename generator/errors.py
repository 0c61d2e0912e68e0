"""Errors that point at a place in the user's files and say what to do.

Every problem newsdesk reports reads `path:line: message` followed by a hint,
so that a user (or an editor's error parser) can jump straight to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a file name or a message (which quotes a file's keys and values) may hold that a terminal or an editor
# would act on or show reordered rather than print: controls (a crawler's file named after a title with
# ESC [2J clears the screen, a line break forges a message) and bidirectional overrides and marks; and what a
# terminal shows as nothing or breaks a line at, so that two names that look alike (`xy.md` and `x<U+200B>y.md`,
# which write the same page) read apart: zero-width characters, word joiners, soft hyphens, byte order marks,
# the line and paragraph separators, tag characters. A message shows them escaped, as Python writes them.
# A lone surrogate is no text at all (a terminal set to strict UTF-8 stops the command at it, a JSON report cannot
# hold it): one of \udc80-\udcff is a byte of a file name that is not UTF-8, as the file system hands it over,
# and is shown as that byte (\xe9), as shown_name spells it.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
                         "\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]")
_NAME_BYTES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file; the build goes on without that file."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __post_init__(self):  # (named as it is shown: a file name that is not UTF-8 is no text a report can hold)
        if _NAME_BYTES.search(self.path):
            object.__setattr__(self, "path", shown_name(self.path))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return printable(f"{text} ({self.hint})" if self.hint else text)


def printable(text: str) -> str:
    """A message as a terminal is to show it: what it would act on (_UNSHOWABLE) escaped, as Python writes it."""
    return _UNSHOWABLE.sub(_shown_character, text) if _UNSHOWABLE.search(text) else text


def _shown_character(match: re.Match) -> str:
    return shown_name(match.group()) if _NAME_BYTES.match(match.group()) else ascii(match.group())[1:-1]


def shown_name(name: str) -> str:
    """A file name as messages, reports and pages name it: bytes that are not UTF-8 (which the file system hands
    over as lone surrogates, and no text file can hold) spelled as \\xNN; another lone surrogate as \\udNNN."""
    if not _NAME_BYTES.search(name):
        return name
    return _NAME_BYTES.sub(lambda m: f"\\x{ord(m.group()) - 0xdc00:02x}" if "\udc80" <= m.group() <= "\udcff"
                           else ascii(m.group())[1:-1], name)


@dataclass(frozen=True)
class Rejected(Problem):
    """An item file left out, with all that is wrong with it, so that one build reports all of it: it
    reads as its first error; `errors` are all of them, `warnings` the rest to fix."""

    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Unwritten(Problem):
    """An error whose file is in the site all the same: what it asks for is not written (an old address in the way
    of a page of the site: plan/redirects.py). Said as an error, not as a file left out."""


@dataclass(frozen=True)
class Note(Problem):
    """Nothing wrong: a file newsdesk has no use for that another generator reads (a Hugo section's `_index.md`),
    said so that a user who moved a site knows why it is not in it. Said as `note:`, once for all the files it is
    said of (summarised), and never counted as a warning or an error (nor failing `--strict`)."""


_NOTED = 3  # the files after the first that a summarised note names; the others it counts


def summarised(notes) -> list[str]:
    """The lines that say these notes (Note): each once for all the files it is said of, at its first, naming a
    few more and counting the rest (a Hugo site has an `_index.md` in every section)."""
    alike: dict[tuple[str, str], list[Note]] = {}
    for note in notes:
        alike.setdefault((note.message, note.hint), []).append(note)
    lines = []
    for (message, hint), said in alike.items():
        more = [note.path for note in said[1:]]
        if more:
            named = ", ".join(more[:_NOTED]) + (f" and {len(more) - _NOTED} more" if len(more) > _NOTED else "")
            message += f", as {'is' if len(more) == 1 else 'are'} {named}"
        lines.append(f"note: {Problem(said[0].path, said[0].line, message, hint)}")
    return lines


def left_out(problem: Problem) -> str:
    """What a message about an error says of its file after it: ` [left out]`, unless it is in the site."""
    return "" if isinstance(problem, Unwritten) else " [left out]"


def yaml_problem(path: str, text: str, exc: Exception, first_line: int = 1, what: str = "invalid YAML") -> Problem:
    """Where a YAML error in `text` (which starts on line `first_line` of the file `path`) is to be fixed,
    and how: `exc` is PyYAML's error (its marks count from the start of `text`)."""
    character = getattr(exc, "character", None)  # a yaml.ReaderError: a character no YAML file may hold
    if isinstance(character, int) and chr(character) in text:
        # (it has no mark, and its position counts bytes or characters as the loader does: the first such
        # character is the one it stopped at)
        line = first_line + text.count("\n", 0, text.index(chr(character)))
        return Problem(path, line, f"{what}: the control character {ascii(chr(character))[1:-1]} (U+{character:04X}) "
                                   "is not allowed in a YAML file",
                       "remove it; an editor may show it as a box, or not at all")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + mark.line if mark else None
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    hint = "check the indentation and quoting: a value containing ': ' or starting with a quote goes in quotes"
    context, start = getattr(exc, "context", None) or "", getattr(exc, "context_mark", None)
    # An unclosed quote or bracket is only noticed lines later; the line that opened it is the one to fix.
    if start and context.startswith(("while scanning a quoted", "while parsing a flow")):
        if first_line + start.line != line:
            reason = f"{reason} ({context} on line {first_line + start.line})"
        line = first_line + start.line
        hint = "close the quote" if "quoted" in context else "close the bracket"
    elif context.startswith("found duplicate anchor") and start:  # (PyYAML's problem is "second occurrence")
        name = re.match(r"&[^\s,\[\]{}]+", text[mark.index:]) if mark else None
        anchor = f"{name.group()} " if name else ""
        reason = f"the anchor {anchor}is given twice, first on line {first_line + start.line}"
        hint = "give each anchor (&name) a name of its own, or write the second value out"
    elif reason == "found unhashable key":
        # `[a, b]: c`, `{a: 1}: c`, `? [a, b]`: YAML's complex key, a list or mapping, which names no key
        reason = "a key that is a list or a mapping (written in [ ] or { }, or after `? `)"
        hint = "write the key as a word (`key: value`), or put it in quotes to keep its brackets (`'[a, b]': value`)"
    elif reason.startswith("could not determine a constructor for the tag '!"):
        # `title: !Wichtig News`: a local tag is most often words written with a `!` in front of them
        hint = "put the value in quotes to keep its `!` (a word starting with ! is a tag to YAML), or remove the tag"
    elif reason.startswith("could not determine a constructor for the tag"):
        hint = "remove the tag (the word starting with !): newsdesk reads plain values only"
    elif (mark and reason.startswith(("expected <block end>, but found", "did not find expected key"))  # (two loaders)
          and text[:mark.index].rstrip(" ")[-1:] in ("'", '"')):
        # `title: "A "quoted" word"`: the value's own quote closed it, and YAML found more after the end
        quote = text[:mark.index].rstrip(" ")[-1]
        reason = "a quote inside a quoted value ends the value"
        hint = (r'write each " inside it as \", or put the value in single quotes' if quote == '"' else
                "write each ' inside it as '' (It''s), or put the value in double quotes")
    elif start and reason == "could not find expected ':'" and context == "while scanning a simple key":
        line, reason, hint = first_line + start.line, "a line without `:` after its key", "write it as `key: value`"
        rows = text.splitlines()
        entry = re.match(r"[ \t]*-([^\s-].{0,60})", rows[start.line]) if start.line < len(rows) else None
        if entry:  # (`-ML` under `topics:`: a list entry without its space is a key to YAML)
            reason, hint = "a list entry without a space after its `-`", f"write it as `- {entry.group(1).rstrip()}`"
    elif mark and reason.startswith("mapping values are not allowed") and 0 < mark.line < len(text.splitlines()):
        lines = text.splitlines()
        above, here = lines[mark.line - 1], lines[mark.line]
        opened = [row for row in lines[:mark.line - 1] if row.strip() and not row.lstrip().startswith("#")]
        if (above.strip() and ":" not in above and not above.lstrip().startswith(("-", "#"))
                and len(above) - len(above.lstrip()) == len(here) - len(here.lstrip())
                and (not opened or opened[-1].rstrip().endswith(":"))):  # (not a value's second line)
            # `title x` then `base_url: ...`: YAML reads both lines as one value, and stumbles on the second's `:`
            line, reason, hint = line - 1, "a line without `:` after its key", "write it as `key: value`"
    elif mark and text[mark.index:mark.index + 1] == "\t":
        hint = "indent with spaces: YAML does not allow tabs"
    return Problem(path, line, f"{what}: {reason}", hint)


def errors_and_warnings(problem: Problem) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """The errors and warnings a problem stands for: a Rejected file's, or just itself (an error)."""
    if isinstance(problem, Rejected):
        return problem.errors or (problem,), problem.warnings
    return (problem,), ()


class NewsdeskError(Exception):
    """An error that stops the command; carries the problems behind it."""

    def __init__(self, problems: list[Problem] | Problem, summary: str = ""):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.summary = summary
        super().__init__(str(self))

    def __reduce__(self):  # so that an error raised in a worker process arrives whole
        return (self.__class__, (self.problems, self.summary))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.summary:
            lines.append(self.summary)
        return "\n".join(lines)


class ConfigError(NewsdeskError):
    """config.yaml cannot be used (exit status 2)."""


class BuildError(NewsdeskError):
    """The build could not finish (exit status 1); the previous output is untouched."""
