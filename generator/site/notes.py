"""What is wrong with one item file: Notes gathers its errors and warnings while it is read, so that one
build reports all of them, each at the line of its key; Unusable is a value that cannot be used; shown and
kind_of quote a value in a message."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Mapping

import yaml

from generator.errors import Problem
from generator.site import frontmatter_yaml
from generator.site.content import as_written, entry_line, key_lines


@dataclass(frozen=True)
class Entry:
    """A note's key when it is about one entry of a list (`aliases`): said at the entry's line, the first below the
    key's (up to `most` lines) that holds one of the forms `written`, else at the key's."""

    key: str
    written: tuple[str, ...]
    most: int


class Notes:
    """What is wrong with one item file, gathered while it is read so that one build reports all of it.
    An error leaves the item out; a warning keeps it, with the value dropped, clamped or defaulted."""

    def __init__(self, form: str = "yaml"):
        self.form = form  # the front matter's format (Source.form), which a hint's example is written in
        self.errors: list[tuple[str | None, str, str]] = []  # (front matter key or None, message, hint)
        self.warnings: list[tuple[str | None, str, str]] = []
        self.aliases: dict[str, str] = {}  # field -> the key the file writes it as, when another spelling

    def canonical(self, key):
        """The field a top-level key of the file is read as (`Title` is `title`: keys.spelled_as_known)."""
        return next((field for field, written in self.aliases.items() if written == key), key)

    def error(self, key: str | tuple | None, message: str, hint: str = "") -> None:
        self.errors.append((key, message, hint))

    def warn(self, key: str | tuple | None, message: str, hint: str = "") -> None:
        self.warnings.append((key, message, hint))

    def written(self, key: str, value) -> str:
        """`key: value` as the file's front matter writes it: `written`."""
        return written(self.form, key, value)

    def moved_under(self, owner: str, key: str) -> str:
        """The hint for a key of a nested field (`name`) written beside that field (`provider`), which is empty:
        in YAML an indent lost, elsewhere a member to move into it."""
        if self.form == "yaml":
            return f"indent it under `{owner}:`" + (" as `- url: ...`" if owner == "images" else "")
        inside = {key: "..."}
        return f"move it into `{owner}`: `{self.written(owner, [inside] if owner == 'images' else inside)}`"

    def missing(self, key: str, what: str, example: str) -> None:
        """A required key the file does not give: an error at the front matter's end (`problems`' `end`), with
        where to add it, and how (`what` it holds, `example` its value), in the file's format."""
        where = {"yaml": "add a line above this closing `---`", "toml": "add a line above this closing `+++`",
                 "json": "add a member to the JSON object (after its opening `{`)"}[self.form]
        member = "," if self.form == "json" else ""  # (a member written first, before the others)
        self.error(None, f"missing `{key}`", f"{where} with {what}, e.g. `{self.written(key, example)}{member}`")

    def problems(self, root, path: str, end: int = 1, last: Mapping[str, int] | None = None
                 ) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
        """`end`: the line of the front matter's end (its closing `---` or `+++`, a JSON object's `}`), where a
        missing key (key None) is to be added;
        `last`: the line of the last of a top-level key given more than once, whose value is the one used."""
        if not self.errors and not self.warnings:
            return (), ()
        # ("related: quality" is on the line of `related:`; a key (`provider`, `domian`) on the line of `domian:`)
        def where(key):
            if isinstance(key, Entry):
                return where(key.key)
            top, *rest = key if isinstance(key, tuple) else (key.split(":")[0],)
            top = self.aliases.get(top, top)  # (at the key as the file spells it)
            return (top, *rest) if rest else top
        lines = key_lines(root, path, {where(key) for key, _, _ in self.errors + self.warnings if key})
        lines.update({key: line for key, line in (last or {}).items() if key in lines})

        def line(key) -> int:
            at = lines.get(where(key)) or 1
            if isinstance(key, Entry) and where(key) in lines:
                return entry_line(root, path, at, key.written, key.most)
            return at
        return tuple(tuple(Problem(path, line(key) if key else end, message, hint)
                           for key, message, hint in notes) for notes in (self.errors, self.warnings))


def written(form: str, key: str, value) -> str:
    """`key: value` as front matter of this form ("yaml", "toml", "json": Source.form) writes it, on one line: a
    hint's example, which a writer copies into the file. A value is text, or a list or mapping of them, written
    inline (YAML's `{name: ..., domain: ...}`, TOML's inline table, a JSON object) so that the one example is
    right wherever the key is, at the top or inside another field."""
    if form == "yaml":
        return f"{key}: {_in_yaml(value)}"
    if form == "toml":
        return f"{_toml_key(key)} = {_in_toml(value)}"
    return f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"


def _in_yaml(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_in_yaml(entry)}" for key, entry in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_in_yaml, value)) + "]"
    return value if _plain_in_yaml(value) else json.dumps(value, ensure_ascii=False)


def _plain_in_yaml(text: str) -> bool:
    """Whether YAML reads `text` unquoted, in a list or mapping written on one line, as that text (or as a date,
    which is what a date's example means): `1410` and `yes` are a number and true, `a, b` is two entries."""
    try:
        read = frontmatter_yaml.load(f"[{text}]")
    except yaml.YAMLError:
        return False
    return isinstance(read, list) and len(read) == 1 and (read[0] == text or isinstance(read[0], (date, datetime)))


def _in_toml(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(key)} = {_in_toml(entry)}" for key, entry in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(_in_toml, value)) + "]"
    return _toml_string(value)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_string(text: str) -> str:
    """A JSON string is a TOML basic string, but for DEL, which TOML refuses unescaped and JSON leaves as it is."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


class Unusable(Exception):
    """A value that cannot be used (the caller decides whether that leaves the item out)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def kind_of(value) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)


def shown(value) -> str:
    """A value quoted in a message, cut short; a date as YAML's reader gave it, as it is written."""
    if isinstance(value, (date, time)):  # (and TOML's times, as written)
        value = as_written(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
