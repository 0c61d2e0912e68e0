"""What is wrong with one item file: Notes gathers its errors and warnings while it is read, so that one
build reports all of them, each at the line of its key; Unusable is a value that cannot be used; shown and
kind_of quote a value in a message."""

from __future__ import annotations

import json
from datetime import date, time
from typing import Mapping

from generator.errors import Problem
from generator.site.content import as_written, key_lines


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

    def written(self, key: str, value: str | list[str]) -> str:
        """`key: value` as the file's front matter writes it (TOML `key = "value"`, a JSON member): a hint's
        example, which a writer copies into the file."""
        if self.form == "yaml":
            return f"{key}: " + (f"[{', '.join(value)}]" if isinstance(value, list) else value)
        shown_value = json.dumps(value, ensure_ascii=False)
        return f"{key} = {shown_value}" if self.form == "toml" else f"{json.dumps(key)}: {shown_value}"

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
            top, *rest = key if isinstance(key, tuple) else (key.split(":")[0],)
            top = self.aliases.get(top, top)  # (at the key as the file spells it)
            return (top, *rest) if rest else top
        lines = key_lines(root, path, {where(key) for key, _, _ in self.errors + self.warnings if key})
        lines.update({key: line for key, line in (last or {}).items() if key in lines})
        return tuple(tuple(Problem(path, lines.get(where(key)) or 1 if key else end, message, hint)
                           for key, message, hint in notes) for notes in (self.errors, self.warnings))


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
