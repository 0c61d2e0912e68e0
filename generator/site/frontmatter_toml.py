"""TOML front matter (between `+++` lines, as Hugo writes it): read with Python's TOML reader, its errors at the
file's line in words a writer acts on, a key given twice read as YAML's is (its last value).

content.py finds the front matter in the file and applies the limits every front matter has (size, nesting,
long numbers); this reads the TOML text alone.
"""

from __future__ import annotations

import re

from generator.errors import Problem

# An integer of more digits than Python converts (sys.get_int_max_str_digits) as a value or an array's entry
_LONG_INTEGER = re.compile(r"(?<=[=\[,])([ \t]*)([+-]?[0-9][0-9_]{4299,})(?=[ \t]*(?:[,\]}#\n]|$))")
_TOML_AT = re.compile(r"\s*\(at (?:line ([0-9]+), column [0-9]+|end of document)\)$")


def _toml_reader():
    """Python's TOML reader: tomllib, from Python 3.11; on 3.10 the same reader as the package tomli (a
    dependency there), without which one TOML item stopped the whole build. Imported when a TOML item is read."""
    try:
        import tomllib
    except ModuleNotFoundError:
        import tomli as tomllib
    return tomllib


def load(name: str, front: str, fm_line: int) -> tuple[dict, tuple[tuple[str, int, int], ...]] | Problem:
    """TOML front matter (`fm_line`: the file's line of its first line) as its values and (key, first line, later
    line) of each top-level key given more than once; or the Problem, at the line to mend. (A RecursionError, for
    values nested too deep, is the caller's to say, as for YAML.)"""
    tomllib = _toml_reader()
    front, twice = _toml_last_of_twice(front, fm_line)
    try:
        try:
            meta = tomllib.loads(front)
        except ValueError as exc:
            if isinstance(exc, tomllib.TOMLDecodeError) or not _LONG_INTEGER.search(front):
                raise
            # More digits than Python makes an int of (4,300), which tomllib does not catch: the digits as
            # written, as YAML front matter keeps them (a score reads them as a number too large, clamped)
            meta = tomllib.loads(_LONG_INTEGER.sub(r'\1"\2"', front))
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_AT.search(str(exc))
        line = fm_line + int(where.group(1)) - 1 if where and where.group(1) else fm_line + front.count("\n")
        message = _TOML_AT.sub("", str(exc)) if where else str(exc)
        return Problem(name, line, f"invalid TOML in front matter: {message[:1].lower()}{message[1:]}",
                       next((hint for start, hint in _TOML_HINTS if start in message), _TOML_HINT))
    except ValueError as exc:  # (a value tomllib's checks let through and Python refuses)
        return Problem(name, fm_line, f"invalid TOML in front matter: {exc}", _TOML_HINT)
    return meta, twice


# What to do about tomllib's errors, by its words; else _TOML_HINT
_TOML_HINTS = (
    ("overwrite", "give each key once (this one was given before)"),
    ("Illegal character '\\n'", "close the quote on this line: text of several lines goes in triple quotes, "
                                 "`\"\"\"...\"\"\"`"),
    ("Expected '=' after a key", "write `key = value`: TOML has `=`, not `:`; or start the file with a line '---' "
                                 "for YAML"),
    ("Expected newline or end of document after a statement", "put the whole value in quotes, each `\"` inside it "
                                                              "as `\\\"`; one key a line"),
)
_TOML_HINT = "write text in quotes, `key = \"value\"`, one key a line"


# A top-level `key = value` line of TOML front matter (before its first table), and the first table's header
_TOML_TOP_KEY = re.compile(r'^([A-Za-z0-9_-]+|"[^"\n]*")[ \t]*=', re.MULTILINE)
_TOML_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _toml_last_of_twice(front: str, fm_line: int) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """TOML front matter with each top-level key given more than once, on one line each time but the last (which
    may span lines), given by its last value alone, as YAML's and JSON's front matter read it: TOML calls a key
    given twice an error, and the item was left out. (The front matter, and (key, first line, later line) of
    each, for the warning.)"""
    table = _TOML_TABLE.search(front)
    head = front[:table.start()] if table else front
    keys = [key.strip('"') for key in _TOML_TOP_KEY.findall(head)]
    if len(keys) == len(set(keys)):
        return front, ()
    tomllib = _toml_reader()
    lines = front.split("\n")
    where: dict[str, list[int]] = {}
    for match in _TOML_TOP_KEY.finditer(head):
        where.setdefault(match.group(1).strip('"'), []).append(front.count("\n", 0, match.start()))
    twice = []
    for key, indexes in where.items():
        for earlier, later in zip(indexes, indexes[1:]):
            try:
                tomllib.loads(lines[earlier])  # (a value on this line alone: else leave it to TOML's error)
            except tomllib.TOMLDecodeError:
                continue
            lines[earlier] = "#" + lines[earlier]
            twice.append((key, fm_line + earlier, fm_line + later))
    return "\n".join(lines), tuple(sorted(twice, key=lambda entry: entry[2]))
