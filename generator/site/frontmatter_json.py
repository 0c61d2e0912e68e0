"""JSON front matter (a file that starts with `{`: a JSON object, then the body, as Hugo reads such files and a
crawler that writes `json.dumps(fields)` before the text makes them): the object read with Python's JSON decoder,
its errors at the file's line in words a writer acts on, and its keys given twice.

content.py reads such front matter as YAML first (JSON is YAML, and so with YAML's limits and lines) and takes
this reading for JSON that YAML's reader refuses (indented with tabs), within the same limits.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from generator.errors import Problem


def _int(digits: str) -> int | str:
    """An integer of more digits than Python makes an int of, 4,300, as its digits as written (as YAML's and
    TOML's are), not an error that leaves the item out."""
    return int(digits) if len(digits.lstrip("-")) <= 4300 else digits


def load(name: str, text: str, start: int) -> tuple[object, int, list] | Problem:
    """The JSON value at `start` of a file's text: (the value, where it ends, the top-level object's (key, value)
    pairs, every one of a key given twice); or the Problem, at the line to mend. (A RecursionError, for values
    nested too deep, is the caller's to say, as for YAML.)"""
    top: list = []  # the top-level object's (key, value) pairs: the hook's last call (it is called innermost first)
    decoder = json.JSONDecoder(parse_int=_int, object_pairs_hook=lambda pairs: top.append(pairs) or dict(pairs))
    try:
        loaded, end = decoder.raw_decode(text, start)
    except ValueError as exc:
        return _json_problem(name, text, exc, text.count("\n", 0, start) + 1)
    return loaded, end, top[-1] if top else []


def _json_problem(name: str, text: str, exc: ValueError, line: int) -> Problem:
    """What is wrong in a JSON front matter, at the line to mend, in words a writer acts on: Python's put a `,`
    after the last member at the next line's `}` as "Expecting property name enclosed in double quotes"."""
    said = getattr(exc, "msg", str(exc))
    at = getattr(exc, "pos", None)
    line = getattr(exc, "lineno", line)
    if not isinstance(at, int):
        return Problem(name, line, f"invalid JSON front matter: {said}", _NOT_JSON)
    before = len(text[:at].rstrip())  # (the end of what comes before the error: a `,`, the last member's value)
    after = text[at:at + 1]
    if said.startswith(("Expecting property name", "Expecting value")) and text[before - 1:before] == "," \
            and after in "}]":
        return Problem(name, text.count("\n", 0, before - 1) + 1, "invalid JSON front matter: a `,` after the last "
                       "member", "remove that `,`: JSON allows none after the last member of an object or list")
    if said.startswith("Expecting property name"):
        return Problem(name, line, "invalid JSON front matter: a key not in double quotes", "write each key in "
                       "double quotes, `\"title\": ...`: JSON has no single quotes, and no key without quotes")
    if said.startswith("Expecting ',' delimiter") and before:
        return Problem(name, text.count("\n", 0, before - 1) + 1, "invalid JSON front matter: no `,` after this "
                       "member", "add a `,` at the end of this line: JSON's members are separated by commas")
    if said.startswith("Expecting value"):
        return Problem(name, line, "invalid JSON front matter: a value JSON cannot read", "write text in double "
                       "quotes, `\"...\"`; numbers, true, false, null, [lists] and {objects} as JSON writes them")
    return Problem(name, line, f"invalid JSON front matter: {said}", _NOT_JSON)


_NOT_JSON = "a file starting with `{` is a JSON object, then the body; or start it with a line '---'"


def given_twice(pairs: list, front: str, line: int) -> tuple[tuple[str, int, int], ...]:
    """The top-level keys of a JSON front matter given more than once, as content._given_twice finds YAML's (the last is
    used, as in YAML: it was, without a word): (key, first line, later line), the lines where the text writes the
    key first and last (the object's first line when it spells the key otherwise, `"\\u0074itle"`)."""
    counts = Counter(key for key, _ in pairs)
    found = []
    for key in (key for key, count in counts.items() if count > 1):
        at = [match.start() for match in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", front)]
        first, later = (at[0], at[-1]) if len(at) > 1 else (0, 0)
        found.append((key, line + front.count("\n", 0, first), line + front.count("\n", 0, later)))
    return tuple(found)
