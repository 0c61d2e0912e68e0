"""content/**/*.md -> Source (front matter + body), and nothing else.

Item files are written by crawlers from other people's sites, so they are
untrusted: front matter is loaded with YAML's safe loader only, after checks on
its size, aliases and nesting that keep a hostile file from hanging the build
or exhausting memory. A file that cannot be read becomes a Problem naming its
path and line; the other files go on.
"""

from __future__ import annotations

import dataclasses
import datetime
import errno
import hashlib
import json
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from generator.site import frontmatter_json, frontmatter_toml, frontmatter_yaml
from generator.site.item_bounds import MAX_FILE_BYTES, MAX_FRONT_MATTER_BYTES
from generator.errors import Note, Problem, shown_name, yaml_problem
from generator.textfiles import WINDOWS_1252, decoded, maybe_mangled, unmangled, utf8_mostly

log = logging.getLogger(__name__)

MAX_ALIASES = 20
MAX_NESTING = 32
MAX_TOKENS = 50_000
# What to do about YAML nested past MAX_NESTING
TOO_DEEP = "remove the deeper values: newsdesk's fields nest four levels at most (`provider:`, `images:`, `- url:`)"


def _too_deep(name: str, line: int, what: str = "front matter") -> Problem:
    """The one error of a front matter (or a part of it, `what`) nested past MAX_NESTING, whichever reader found it."""
    return Problem(name, line, f"{what} is nested more than {MAX_NESTING} levels deep", TOO_DEEP)


_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters YAML does not allow in a document (controls other than tab and line breaks, U+FFFE, U+FFFF).
# A crawler's text carries them (a stray ESC in a title), and YAML refused the whole file for one: they are
# dropped before loading, as the model drops them from every text field anyway. No line break is among them.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
# UTF-8 that a CMS encoded twice (textfiles.unmangled), of a character one of whose bytes Windows-1252 leaves
# unused, which Latin-1 reads as a control (`”` as `â€\x9d`, `Á` as `Ã\x81`): read as meant as soon as the file is,
# as the control is dropped before YAML or Markdown reads the text, and the character with it (the rest of such
# text is read as meant where the model reads its fields and body, not in code or addresses)
_MANGLED_CONTROL = re.compile("(?:[\u00c2\u00c3]|\u00e2[\u20ac\x81])[\x81\x8d\x8f\x90\x9d]"
                              "|\u00e2[\x81\x8d\x8f\x90\x9d].")
_BOUNDARY = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)
# The front matter's end: `---`, or YAML's own end of a document, `...`, as YAML writers (PyYAML's
# explicit_end) put it; group 1. (The patterns searched for along a whole text start with the line's `\n`, not
# `^`: `re` skips quickly to a first character it knows, but tries `^` at every character. A text whose first
# line may match is searched with a `\n` put before it.)
_CLOSING = re.compile(r"\n((?:-{3,}|\.{3})[ \t]*$)", re.MULTILINE)
# What a closing `---` becomes by a slip or an editor's autocorrection (`--`, `- - -`, an em or en dash), said
# at its line when no closing line is there: "not closed" at line 1 sent the user to the opening one.
_DASHES = "\u2012\u2013\u2014\u2015"  # figure, en, em dash and horizontal bar
_NEAR_CLOSING = re.compile(rf"^[ \t]*(?:--|(?:- ){{2,}}-|[-{_DASHES}]*[{_DASHES}][-{_DASHES}]*|\+{{3,}})[ \t]*$",
                           re.MULTILINE)  # (TOML's `+++` too)
_SNIFFED = 1024  # characters of a file without front matter looked at for a NUL byte
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
# A line indented with tabs, which YAML does not allow (a crawler's template, or JSON pretty-printed with tabs)
_TAB_INDENT = re.compile(r"^ *\t[ \t]*", re.MULTILINE)
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s]", re.MULTILINE)
# Block nesting needs a new column per level, reached by indentation or by "- ", "? " or ": " (a complex key's
# value) written on one line ("- - - - x" nests four deep, and so does ": - - - x" after "? key"): a line whose
# prefix of those is short cannot start a deep structure.
_DEEP_BLOCK = re.compile(r"\n(?:[ \t]|[-?:][ \t]){32,}")
# A top-level key: a line that starts in the first column (a value's other lines are indented), up to ": ".
_TOP_KEY = re.compile(r"""\n([^\s#'"{}\[\]&*!|>%@`?:-][^:\n]*?)[ \t]*:(?:[ \t]|$)""", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    """One item file as read from disk: its raw front matter values and Markdown body."""

    path: str  # relative to the site root, with forward slashes, e.g. "content/news/x.md"
    meta: dict
    body: str
    body_line: int  # line number of the body's first line in the file
    digest: str  # sha1 of the file's bytes: the key of everything cached about it
    # (key, first line, later line) of a key given more than once; a key in a nested mapping as the keys from the
    # top to it, `("provider", "name")`
    twice: tuple[tuple[str | tuple[str, ...], int, int], ...] = ()
    # top-level key -> its value as written, where YAML read a plain value as other than text (frontmatter_yaml.load)
    written: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[tuple[int, str, str], ...] = ()  # (line, message, hint) of what reading the file had to mend
    cut: bool = False  # the body is the start of a longer one (the file is over MAX_FILE_BYTES): pages say so
    form: str = "yaml"  # the front matter's format, "yaml", "toml" or "json": what a hint's example is written in


# A Markdown file that is not read as an item (`x.markdown`, `x.MD`, an editor's `x.md.txt`): said, as its
# writer meant it to be one.
_MARKDOWN_BY_ANOTHER_NAME = re.compile(r"\.(?:md|markdown|mdown|mkdn?)(?:\.txt)?$", re.IGNORECASE)


def source_files(root: Path, content_dir: Path, unread: list[str] | None = None,
                 unlisted: list[Problem] | None = None, within: str | None = None) -> list[tuple[str, str]]:
    """(name relative to root, path) of every `*.md` below content_dir, hidden folders and files skipped,
    in the order of their path parts; the names of Markdown files by another name, and of links to folders
    (ending in `/`), go into `unread`, and what keeps a folder from being listed into `unlisted`. Plain
    strings from os.scandir (whose entries know a regular file without a stat of it): pathlib's rglob,
    relative_to and comparisons were a noticeable part of reading a big site. `within`: only the files and
    folders whose names start it (serve asking about one new file: the folders on its way, not the site's)."""
    base = os.path.relpath(content_dir, root).replace(os.sep, "/")
    outside = base == ".." or base.startswith("../")
    prefix = "" if base == "." else base + "/"
    found: list[tuple[str, str]] = []

    def walk(folder: str, relative: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:  # (its items were missing unsaid)
            if unlisted is not None and relative:
                unlisted.append(folder_problem(prefix + relative, exc))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = shown_name(Path(entry.path).as_posix()) if outside else prefix + relative + shown_name(entry.name)
            if within is not None and not within.startswith(name):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, f"{relative}{shown_name(entry.name)}/")
            elif unread is not None and entry.is_symlink() and _is_folder(entry):  # (not followed: it could loop)
                unread.append(name + "/")
            elif entry.name.endswith(".md") and _is_file(entry):
                if not _SECTION_PAGE.fullmatch(entry.name):
                    found.append((name, entry.path))
                elif unread is not None:
                    unread.append(name)
            elif unread is not None and _MARKDOWN_BY_ANOTHER_NAME.search(entry.name) and _is_file(entry):
                unread.append(name)
            elif unlisted is not None and entry.name.endswith(".md") and (kind := _special_kind(entry)):
                # (never opened: a named pipe would hold the build up until something writes into it)
                unlisted.append(Problem(name, None, f"cannot read the file: {kind}, not a file",
                                        "replace it with the item's file"))

    # A content folder outside the site root is named by its real path, as the watcher reports changes
    # (watch.SiteLayout resolves it): "site/../news/x.md" and "news/x.md" were two names for one file, so
    # serve's fast path (generator/serve/fastpath.py) never knew the file it was told had changed.
    walk(os.path.realpath(content_dir) if outside else str(content_dir), "")
    found.sort(key=lambda pair: pair[1].split(os.sep))
    return found


# Hugo's list page of a section (`_index.md`, `_index.fr.md` on a site in several languages): no post, but a title
# and an introduction for the page that lists the section's posts; read as an item, it was a story of its own
# (with no date, an error), and two sections' were one page `index/`.
_SECTION_PAGE = re.compile(r"_index(?:\.[A-Za-z-]+)?\.md")


def unread_problem(name: str) -> Problem:
    """What to say of a Markdown file, or a link to a folder (its name ends in `/`), that source_files does not
    read: a warning, or a Note of a file that is not wrong."""
    if name.endswith("/"):
        return Problem(name, None, "not read: a link to a folder is not followed",
                       "move or copy the folder into the content folder, or link its files one by one")
    file = name.rpartition("/")[2]
    if _SECTION_PAGE.fullmatch(file):  # (not wrong: a Note, said once)
        return Note(name, None, "not read: a Hugo section's list page (`_index.md`), not a news item",
                    "nothing to do: newsdesk makes the list pages itself (a topic's, a type's); keep the file for "
                    "Hugo, or remove it")
    return Problem(name, None, "not read: only files ending in .md are items",
                   f"rename it to {_MARKDOWN_BY_ANOTHER_NAME.sub('', file)}.md")


def folder_problem(name: str, exc: OSError) -> Problem:
    """What to say of a folder in the content folder that could not be listed."""
    hint = ("its path is longer than the system opens: move its files into a folder nearer the top"
            if exc.errno == errno.ENAMETOOLONG else "check its permissions")
    return Problem(name, None, f"cannot read the folder: {exc.strerror or exc}", hint)


def looks_like_an_item(name: str) -> bool:
    """Whether a file named `name` in the content folder is an item, or a Markdown file by another name."""
    return name.endswith(".md") or bool(_MARKDOWN_BY_ANOTHER_NAME.search(name))


def _is_file(entry: os.DirEntry) -> bool:
    """A file, or a symbolic link to none (a loop, or a link to nowhere: listed, so that reading it reports
    it; the item was missing without a word)."""
    try:
        return entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path))
    except OSError:  # (a loop, on some systems)
        return True


def _special_kind(entry: os.DirEntry) -> str:
    """What an entry that is neither a file nor a folder is (followed if a link), as a message says it; "" else."""
    try:
        mode = entry.stat().st_mode
    except OSError:
        return ""
    return ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "")


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # (a loop, on some systems)
        return False


_SHOWN_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def _named_file(root: Path, name: str) -> Path:
    """The file that `name` (as shown_name shows it) names under root: a byte that is not UTF-8, shown as
    \\xNN, read back as the file system hands it over (a name holding `\\x` itself is tried first)."""
    path = root / name
    if "\\x" in name and not os.path.lexists(path):
        return root / _SHOWN_BYTE.sub(lambda match: chr(0xDC00 + int(match[1], 16)), name)
    return path


def relative_name(root: Path, path: Path) -> str:
    try:
        return shown_name(path.relative_to(root).as_posix())
    except ValueError:
        return shown_name(path.as_posix())


def read_source(root: Path, path: Path) -> Source | Problem:
    return read_named(relative_name(root, path), path)


def read_named(name: str, path: str | Path) -> Source | Problem:
    """Read and parse one item file whose site-relative name is known."""
    try:
        with open(path, "rb") as handle:
            # (no more than the limit and a byte: a file of gigabytes, a sparse one costing no disk, took as
            # much memory, and one larger than the memory ended the build)
            raw = handle.read(MAX_FILE_BYTES + 1)
            size = max(len(raw), os.fstat(handle.fileno()).st_size)
    except OSError as exc:
        return Problem(name, None, f"cannot read the file: {exc.strerror}", "check its permissions")
    return parse_source(name, raw, size)


def parse_source(name: str, raw: bytes, size: int | None = None) -> Source | Problem:
    """Split and load one item file's bytes (pure: no file system access). `size`: the file's, when `raw` is
    only its start."""
    size = len(raw) if size is None else size
    if size <= MAX_FILE_BYTES:
        return _parsed(name, raw, hashlib.sha1(raw).hexdigest())
    # A crawler's runaway body (a page's every comment, a feed's whole archive) need not leave its title and
    # link out: the file's first MAX_FILE_BYTES are read as a whole file is, and the body is cut (_cut_body).
    # (the digest stands for what is shown: those bytes, and the size, which the warning says)
    head = raw[:MAX_FILE_BYTES]
    digest = hashlib.sha1(head)
    digest.update(b"\0%d" % size)
    source = _parsed(name, head, digest.hexdigest(), whole=False)
    if isinstance(source, Problem):
        if not _unclosed(source):
            return source
        # (the front matter goes on past the limit: a crawler's endless field, or no closing line)
        end = ("its closing `}`" if source.message.startswith("invalid JSON") else
               "a line '+++'" if source.message.startswith("TOML") else "a line '---'")  # (as _unclosed said)
        return Problem(name, None, f"file is {size // 1024} KiB, more than the {MAX_FILE_BYTES // 1024} KiB allowed",
                       "its front matter does not end within them: shorten its fields (a name or a title of "
                       f"thousands of characters is none) and end it with {end}")
    body = _cut_body(source.body)
    kept = len(body.encode("utf-8", "surrogatepass")) // 1024
    line = source.body_line + body.count("\n")
    note = (line, f"file is {size // 1024} KiB, more than the {MAX_FILE_BYTES // 1024} KiB allowed: "
                  + (f"its body is shown up to this line ({kept} KiB of it), not the rest" if body else
                     "its body is left out, as it has no line break or space to cut it at within the limit"),
            "shorten the body, or have the crawler write only the article's text")
    return dataclasses.replace(source, body=body, notes=source.notes + (note,), cut=True)


def _unclosed(problem: Problem) -> bool:
    """Whether a file's start read as a whole file gave this Problem as its front matter goes on past it."""
    return " not closed" in problem.message or problem.message.startswith("invalid JSON front matter")


def _cut_body(body: str) -> str:
    """The start of a body cut short by the file's size limit, up to its last blank line (or line break, or
    space or tag's end), so that no tag, entity or Markdown construct is cut through: whatever is open there
    (a list, a fenced code block, an HTML element) ends with the body, as the rest is left out."""
    end = body.rfind("\n")
    if end < 0:  # (one line: a crawler's minified HTML)
        if body.rfind("<") > body.rfind(">"):
            body = body[: body.rfind("<")]
        return body[: max(body.rfind(">") + 1, body.rfind(" "), body.rfind("\t"), 0)]
    last = end
    while end > 0:
        start = body.rfind("\n", 0, end)
        if start > 0 and not body[start + 1 : end].strip(" \t"):
            return body[:start]
        end = start
    return body[:last]


def _parsed(name: str, raw: bytes, digest: str, whole: bool = True) -> Source | Problem:
    """A file's bytes (or, not `whole`, its start) as a Source."""
    notes: tuple[tuple[int, str, str], ...] = ()
    try:
        text = decoded(raw, whole=whole)
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1  # (exc.object: the bytes after a byte order mark)
        if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # (UTF-32's byte order mark: no item is)
            return Problem(name, 1, "UTF-32 text (it starts with UTF-32's byte order mark), which is not read",
                           "save the file as UTF-8")
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # (UTF-16 by its byte order mark, and broken)
            return Problem(name, line, "not UTF-16 text, though it starts as UTF-16 does", "save the file as UTF-8")
        # A Windows tool's or an old crawler's file, in Windows-1252 (or Latin-1, of which it is a superset
        # but for controls no text uses): each byte that is no UTF-8 is read as its Windows-1252 character,
        # so a file that is UTF-8 but for a pasted word keeps its UTF-8 text too.
        text = decoded(raw, WINDOWS_1252, whole)
        notes = ((line, "not UTF-8 text (from this line on); it was read as Windows-1252 (Latin-1)",
                  "save the file as UTF-8"),)
    text = unix_newlines(text)
    if maybe_mangled(text) and _MANGLED_CONTROL.search(text):
        text = _MANGLED_CONTROL.sub(lambda found: unmangled(found[0]), text)
    if text.startswith("\ufeff"):  # (a byte order mark more: a crawler's text that had one, saved with one)
        text = text.lstrip("\ufeff")
    start = _BLANK_LINES.match(text).end()  # (blank lines above the opening `---`, as some crawlers write)
    first = _BOUNDARY.match(text, start)
    if not first and text.startswith("{", start):
        return _json_source(name, text, start, digest, notes)
    if not first:
        if toml := _TOML_BOUNDARY.match(text, start):  # Hugo's TOML front matter
            return _toml_source(name, text, toml, digest, notes)
        if "\x00" in text[:_SNIFFED]:  # (no UTF-8 text holds one: the line `---` may well be there, unread)
            return Problem(name, 1, "not text in UTF-8: it holds NUL bytes, as UTF-16 or UTF-32 without a byte order "
                           "mark and binary files do", "save the file as UTF-8; if it is no item, give it a name "
                           "that does not end in .md")
        return Problem(name, 1, "no front matter found", "the file must start with a line '---', then YAML, then '---'")
    closing = _CLOSING.search(text, first.end())
    if not closing:
        near = _NEAR_CLOSING.search(text, first.end())
        if near:
            return Problem(name, text.count("\n", 0, near.start()) + 1, f"front matter is not closed: this line, "
                           f"{near[0].strip()!r}, is not '---'", "write it as three hyphens, '---'")
        return Problem(name, 1, "front matter is not closed", "add a line '---' after the YAML")
    front = text[first.end() + 1 : closing.start(1)]
    fm_line = text.count("\n", 0, first.end()) + 2  # the YAML starts on the line after the opening '---'
    front, as_written = _text_as_written(front, fm_line)
    notes += as_written
    written: dict[str, str] = {}
    nested: list = []
    refused: list = []
    meta = load_mapping(name, front, fm_line, written=written, twice=nested, refused=refused)
    if isinstance(meta, Problem):
        mended = _mended(name, front, fm_line, meta)
        if mended is None:
            return meta
        meta, front, written, mending, nested = mended
        notes += mending
    notes += tuple(refused)
    if meta.get("title") is None and (hashed := _HASHED_TITLE.search(front)):
        # `title: #1 in sales`: YAML reads a comment, and the story had no title; it is the text written
        meta = dict(meta, title=hashed.group(1).rstrip())
        notes += ((fm_line + front.count("\n", 0, hashed.start()), "`title` starts with `#`, which YAML reads as "
                   "a comment; it is read as the text written", "put the title in quotes"),)
    body = text[closing.end() + 1 :]
    body_line = text.count("\n", 0, closing.end()) + 2
    twice = tuple(sorted(_given_twice(front, fm_line) + tuple(nested), key=lambda entry: entry[2]))
    return Source(name, meta, body, body_line, digest, twice, written, notes)


def _json_source(name: str, text: str, start: int, digest: str, notes: tuple) -> Source | Problem:
    """An item whose front matter is a JSON object, with the body after it (Hugo reads such files, and a
    crawler that writes `json.dumps(fields)` before the text makes them). Read as YAML (JSON is YAML, and so
    with YAML's limits and lines), else, for JSON that YAML's reader refuses (indented with tabs), as JSON
    (frontmatter_json) within the same limits."""
    line = text.count("\n", 0, start) + 1
    try:
        read = frontmatter_json.load(name, text, start)
    except RecursionError:
        return _too_deep(name, line)
    if isinstance(read, Problem):
        return read
    loaded, end, top = read
    front = text[start:end]
    nested: list = []
    meta = load_mapping(name, front, line, twice=nested)
    if isinstance(meta, Problem) and isinstance(loaded, dict) and len(front) <= MAX_FRONT_MATTER_BYTES \
            and _depth(loaded) <= MAX_NESTING and "nested" not in meta.message:
        meta = loaded
    if isinstance(meta, Problem):
        return meta
    body = text[end + 1:] if text.startswith("\n", end) else text[end:]
    twice = frontmatter_json.given_twice(top, front, line) + tuple(nested)
    return Source(name, meta, body, text.count("\n", 0, end) + 2, digest,
                  tuple(sorted(twice, key=lambda entry: entry[2])), {}, notes, form="json")


# A line of three plus signs: TOML front matter opens and closes with one (frontmatter_toml reads what is between)
_TOML_BOUNDARY = re.compile(r"^\+{3}[ \t]*$", re.MULTILINE)


def _toml_source(name: str, text: str, first: re.Match, digest: str, notes: tuple) -> Source | Problem:
    """An item whose front matter is TOML between `+++` lines, as Hugo writes it: read with Python's TOML
    reader (frontmatter_toml), within the limits YAML front matter has, its errors at the file's line."""
    closing = _TOML_BOUNDARY.search(text, first.end())
    if not closing:
        if yaml_closing := _BOUNDARY.search(text, first.end()):  # (closed as YAML front matter is)
            return Problem(name, text.count("\n", 0, yaml_closing.start()) + 1, "TOML front matter is not closed: "
                           f"this line, {yaml_closing[0].strip()!r}, is not '+++'",
                           "write it as three plus signs, '+++'")
        return Problem(name, text.count("\n", 0, first.start()) + 1, "TOML front matter is not closed",
                       "add a line '+++' after the TOML")
    front = text[first.end() + 1: closing.start()]
    fm_line = text.count("\n", 0, first.end()) + 2
    if len(front) > MAX_FRONT_MATTER_BYTES:
        return Problem(name, fm_line, f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB",
                       "move long text into the body")
    if _NOT_YAML.search(front):  # (a stray control in a title, which TOML refuses as YAML does: dropped)
        front = _NOT_YAML.sub("", front)
    try:
        loaded = frontmatter_toml.load(name, front, fm_line)
    except RecursionError:
        return _too_deep(name, fm_line)
    if isinstance(loaded, Problem):
        return loaded
    meta, twice = loaded
    if _depth(meta) > MAX_NESTING:
        return _too_deep(name, fm_line)
    if _LONG_NUMBER.search(front):
        meta = _mapped(meta, _printable_integer, {})
    # A date or time TOML reads as one (`title = 1979-05-27`, `length = 00:04:05`): a text field shows it as
    # written, as YAML's are (frontmatter_yaml.load), not as Python prints it
    written = {key: as_written(value) for key, value in meta.items()
               if isinstance(value, (datetime.date, datetime.time))}
    body = text[closing.end() + 1:]
    return Source(name, meta, body, text.count("\n", 0, closing.end()) + 2, digest, twice, written, notes,
                  form="toml")


def as_written(moment: datetime.date | datetime.time) -> str:
    """A date or time that YAML or TOML read as one, in ISO 8601 as such files write it (`2026-05-27`,
    `00:04:05`, `Z` for UTC) rather than as Python prints it: what a text field shows, and a message quotes."""
    return moment.isoformat().replace("+00:00", "Z")


def _depth(value, limit: int = MAX_NESTING) -> int:
    """How deep lists and mappings nest in a loaded value (counted no further than past `limit`)."""
    if not isinstance(value, (list, dict)) or limit < 0:
        return 0
    inner = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(entry, limit - 1) for entry in inner), default=0)


_HASHED_TITLE = re.compile(r"^title:[ \t]+(#.*\S)", re.MULTILINE)
MAX_MENDED = 20  # lines of one file's front matter read as text (_mended), at most


def _mended(name: str, front: str, fm_line: int, problem: Problem):
    """What front matter that YAML refuses says, when it is the YAML a crawler's template writes: indented
    with tabs (read as two spaces a tab), or with a `key: value` line whose value is not valid YAML unquoted
    (`title: Breaking: cranes`, `title: @port`, `title: "The "big" crane"`: read as the text written after
    `key: `, its outer quotes dropped). (meta, the front matter read, its `written`, notes: (line, message,
    hint) of each mending, its nested keys given twice); None when that does not make it YAML either (`problem` is
    then what to say)."""
    if len(front) > MAX_FRONT_MATTER_BYTES:  # (refused for its size: each line's value loaded alone took minutes)
        return None
    notes = []
    if tab := _TAB_INDENT.search(front):
        front = _TAB_INDENT.sub(lambda match: match.group().replace("\t", "  "), front)
        notes.append((fm_line + front.count("\n", 0, tab.start()), "front matter is indented with tabs, which "
                      "YAML does not allow; each was read as two spaces", "indent with spaces"))
    lines = front.split("\n")
    for index, line in enumerate(lines):
        found = _VALUE_LINE.fullmatch(line)
        if not found or _ALIAS.fullmatch(found.group(3)) or _loads_alone(found.group(2), found.group(3)):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following.strip() and len(following) - len(following.lstrip()) > len(found.group(1)):
            continue  # (a value on more lines than one: its first alone proves nothing)
        if len(notes) > MAX_MENDED:
            return None
        lead, key, value = found.groups()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        lines[index] = f"{lead}{key}: '" + value.replace("'", "''") + "'"
        notes.append((fm_line + index, f"`{key}`'s value is not valid YAML as written; it is read as the text "
                      f"after `{key}: `", "put the value in quotes, each \" inside it as \\\""))
    if not notes:
        return None
    written: dict[str, str] = {}
    nested: list = []
    refused: list = []
    meta = load_mapping(name, "\n".join(lines), fm_line, written=written, twice=nested, refused=refused)
    return None if isinstance(meta, Problem) else (meta, "\n".join(lines), written, tuple(notes + refused), nested)


# A text field's `key: value` line (at any indent, or a list entry's first), its value unquoted
_TEXT_LINE = re.compile(r"""([ ]*(?:-[ ]+)?)([A-Za-z][A-Za-z _-]*?)[ \t]*:[ \t]+([^\s'"].*?)[ \t]*""")
_TEXT_KEYS = frozenset({"title", "excerpt", "name", "category", "description", "summary", "headline"})
_ANCHOR_NAME = re.compile(r"[A-Za-z0-9_-]*")  # (what PyYAML's scanner takes for an anchor's or alias's name)
_COMMENT = re.compile(r"[ \t]+#(?:[ \t].*)?$")  # a comment after a value: `# ` and words, or `#` alone
_HASHTAG = re.compile(r"[ \t]#[^\s#]")  # `We're #1`, `#tech`: what YAML reads as a comment's start
_BLOCK_HEADER = re.compile(r"[|>][1-9+-]*(?:[ \t]+#.*)?")
_READ_AS = {"&": "an anchor", "*": "an alias", "!": "a tag", "[": "a list", "{": "a mapping",
            "|": "the start of a block of text", ">": "the start of a block of text", "#": "a comment"}


def _text_as_written(front: str, fm_line: int) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    """The front matter with each text field (_TEXT_KEYS) whose unquoted value YAML reads as something else
    than the text written put in quotes, as a crawler's template meant it: `title: &amp Foo` and
    `title: &#8220;Yes&#8221;` (HTML entities: an anchor, and the title lost its first word or the file was an
    error), `title: *Breaking` (an alias), `title: [Video] Cranes` and `{Update} ...` (a list or mapping that is
    none), `title: > quoted` (a block's start with words after it), `title: We're #1` (a hashtag or number
    after a space starts a comment: the title lost it). An anchor an alias uses, an alias to an anchor the
    front matter has, a list or mapping that is YAML and a comment (`# ` and words) are left as YAML; so is a
    tag of YAML's namespace (`!!str 2026`; `!!python/...` an error). A local tag (`title: !Kung elders meet`) or
    `!!!` starts the text, in any field's value on one line: PyYAML knows no constructor for it, and the item
    was left out. (The front matter, notes: (line, message,
    hint) of each value so read.)"""
    lines = front.split("\n")
    notes = []
    # (only the lines that may hold such a value: most of an item's lines are read faster so; each line's
    # number counted on from the last one's, so that thousands of them cost one reading of the text)
    candidates, index, at = [], 0, 0
    for match in _MAYBE_NOT_TEXT.finditer("\n" + front):  # (a match's start: its line's, in `front`)
        index += front.count("\n", at, match.start())
        at = match.start()
        candidates.append(index)
    for index in candidates:
        line = lines[index]
        found = _TEXT_LINE.fullmatch(line)
        if not found or (_KEY_WORDS.sub("", found.group(2)).lower() not in _TEXT_KEYS
                         and (found.group(3)[0] != "!" or _YAML_TAG.match(found.group(3)))):
            continue  # (a local tag is refused in any field: PyYAML knows none, so it is read as text in any)
        lead, key, value = found.groups()
        first = value[0]
        text = _COMMENT.sub("", value) if first != "#" else value
        if first in "&*":
            label = _ANCHOR_NAME.match(value, 1).group()
            other = "*" if first == "&" else "&"
            if label and re.search(rf"{re.escape(other)}{re.escape(label)}(?![A-Za-z0-9_-])",
                                   "\n".join(lines[:index] + lines[index + 1:])):
                continue  # (a real anchor and its alias)
        elif first in "[{":
            brackets = text.count("[") + text.count("{")
            if (brackets > MAX_NESTING or text.count("[") != text.count("]") or text.count("{") != text.count("}")
                    or _loads_alone(key, value)):
                continue  # (YAML's list or mapping, the first line of one on more lines, a broken or a deep one)
        elif first in "|>":
            if _BLOCK_HEADER.fullmatch(value):
                continue
        elif first == "!":
            if _YAML_TAG.match(value):
                continue  # (`!!str 2026`: YAML's own tag, written to mean it)
        elif first == "#":
            if key == "title" or len(value) < 2 or value[1].isspace():
                continue  # (a comment; `title: #1` is read after loading, as it always was)
        elif _HASHTAG.search(text):
            first = "#"
        else:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following.strip() and len(following) - len(following.lstrip()) > len(lead):
            continue  # (a value on more lines than one)
        lines[index] = f"{lead}{key}: '" + text.replace("'", "''") + "'"
        if len(notes) >= MAX_MENDED:  # (said of the first few: a message a line would bury the others)
            continue
        said = "has ` #`, which YAML reads as the start of a comment" if first == "#" and value[0] != "#" else \
            f"starts with `{first}`, which YAML reads as {_READ_AS[first]}"
        notes.append((fm_line + index, f"`{key}` {said}; it is read as the text written", "put the value in quotes"))
    return ("\n".join(lines), tuple(notes)) if notes else (front, ())


_KEY_WORDS = re.compile(r"[ _-]+")
# A line that _text_as_written reads: a text field's, its value starting with one of its characters or with a
# hashtag in it (found in one search of the front matter: most items have none)
_MAYBE_NOT_TEXT = re.compile(r"\n(?:[ \t]*(?:-[ \t]+)?(?:title|excerpt|name|category|description|summary|headline)"
                             r"[ \t]*:[ \t]+(?:[&*\[{|>#!]|[^\n]*?[ \t]#[^\s#])"
                             r"|[ \t]*(?:-[ \t]+)?[A-Za-z][A-Za-z _-]*[ \t]*:[ \t]+!(?!![A-Za-z]))",
                             re.IGNORECASE)
# A tag of YAML's own namespace (`!!str 2026`, and `!!python/object...`, which stays an error): written to be one.
# A local tag before a text field's words (`!Kung elders`, `!important`) or `!!!` is the text's start.
_YAML_TAG = re.compile(r"!![A-Za-z]")


def _loads_alone(key: str, value: str) -> bool:
    """Whether `key: value` on a line of its own is YAML (for one key), loaded as front matter is loaded
    (frontmatter_yaml.load: `2026-13-01` is text, not a ValueError that stopped the whole build)."""
    try:
        loaded = frontmatter_yaml.load(f"{key}: {value}")
    except (yaml.YAMLError, RecursionError, *_CONSTRUCTOR_ERRORS):
        # (nested too deep, or a value the constructor refuses, `!!int x`: no YAML newsdesk reads)
        return False
    return isinstance(loaded, dict) and len(loaded) == 1


# A `key: value` line (at any indent, or a list entry's first) whose value is on the line: not a block's `|` or
# `>`, nor a list or mapping in brackets, nor a comment, an anchor or a tag; and an alias (`*name`) alone
_VALUE_LINE = re.compile(r"""([ ]*(?:-[ ]+)?)([^\s#'"{}\[\]&*!|>%@`?:-][^:\n]*?)[ \t]*:[ \t]+"""
                         r"""([^\s|>\[{#&!].*?)[ \t]*""")
_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")


def load_mapping(name: str, front: str, fm_line: int, what: str = "front matter",
                 written: dict[str, str] | None = None, twice: list | None = None,
                 refused: list | None = None) -> dict | Problem:
    """YAML text that is to be a mapping (an item's front matter, a data_dir record), loaded safely: within
    the limits of check_yaml_limits, with its errors as a Problem at the line to fix. `fm_line`: the file's
    line of the text's first line; `what`: what messages call the text; `written`: as frontmatter_yaml.load's;
    `twice`: gets (keys, first line, later line) of each key given again in a nested mapping, at the file's lines;
    `refused`, when given (an item's front matter), gets a warning (line, message, hint) for each value, at any
    depth, that its YAML tag makes impossible (`heat: !!float 'x'`, `provider: {name: !!int Acme}`), which is read
    as written: a crawler's template that tags its values costs no item, and each field says what it makes of
    the value. Without it (a record), such a value is the Problem."""
    if _NOT_YAML.search(front):
        front = _NOT_YAML.sub("", front)
    problem = check_yaml_limits(name, front, fm_line, what)
    if problem:
        return problem
    found: list | None = [] if twice is not None else None
    left_out: list | None = [] if refused is not None else None
    try:
        meta = _load_yaml(front, written, found, left_out)
    except _Refused as exc:  # well-formed YAML, a value its tag makes impossible
        return Problem(name, fm_line + exc.problem_mark.line, f"invalid value in {what}: {exc.said()}", exc.hint())
    except yaml.YAMLError as exc:
        found = yaml_problem(name, front, exc, fm_line, f"invalid YAML in {what}")
        return Problem(name, found.line or 1, found.message, found.hint)
    except RecursionError:
        return _too_deep(name, fm_line, what)
    if not isinstance(meta, dict):
        return Problem(name, fm_line, f"{what} must be a mapping of `key: value` lines",
                       "write each field on a line of its own, not indented and without a `- ` before it")
    if found:
        twice.extend((keys, fm_line + first, fm_line + later) for keys, first, later in found)
    for exc in (left_out or ())[:_TAGS_SAID]:
        refused.append((fm_line + exc.problem_mark.line, f"{exc.said()}; it is read as written",
                        exc.hint(written=True)))
    if left_out and len(left_out) > _TAGS_SAID:  # (a template that tags every entry of a long list: said once)
        more = left_out[_TAGS_SAID]
        refused.append((fm_line + more.problem_mark.line, f"{len(left_out) - _TAGS_SAID} more values from here on "
                        "have a tag that makes them impossible; each is read as written", "remove their tags"))
    if "binary" in front:  # (`!!binary`, or its tag written out)
        meta = _mapped(meta, _text_of_bytes, {})
    if "\\u" in front or "\\U" in front:  # a "\udcff" escape is a lone surrogate, which no output can hold
        meta = _mapped(meta, _without_surrogate, {})
    if _LONG_NUMBER.search(front):
        meta = _mapped(meta, _printable_integer, {})
    return meta


_TAGS_SAID = 5  # values read as written (a tag making them impossible) said one by one in a file


def _given_twice(front: str, fm_line: int) -> tuple[tuple[str, int, int], ...]:
    """Top-level keys given more than once (YAML keeps the last value without a word): (key, first line,
    later line) for each later one."""
    lines = "\n" + front  # (a match's start: its line's, in `front`)
    keys = _TOP_KEY.findall(lines)
    if len(keys) == len(set(keys)):
        return ()
    first: dict[str, int] = {}
    found = []
    for match in _TOP_KEY.finditer(lines):
        line = fm_line + front.count("\n", 0, match.start())
        key = match.group(1)
        if key in first:
            found.append((key, first[key], line))
        else:
            first[key] = line
    return tuple(found)


# A run of digits long enough to be an integer of more than the 4,300 decimal digits Python writes: YAML's and
# TOML's hexadecimal (and octal, binary) integers have no such limit when read. (From a run's start only: from
# each of a run's characters, a file of runs just short of it took a noticeable time to search.)
_LONG_NUMBER = re.compile(r"(?<![0-9a-fA-F_])[0-9a-fA-F_]{1000}")
_MAX_INT_BITS = 14_000  # (4,300 decimal digits are 14,284 bits)


def _printable_integer(value):
    """An integer too long for Python to write in decimal as the text of its hexadecimal digits (`0xfff...`, as
    a crawler wrote it): str() of one raised a ValueError wherever a field was shown, and stopped the build."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _MAX_INT_BITS:
        return hex(value)
    return value


def _text_of_bytes(value):
    """Bytes (YAML's `!!binary`: PyYAML's yaml.safe_dump writes a Python crawler's undecoded bytes so) as their text,
    UTF-8 or, byte by byte, Windows-1252, as an item file's text is: each field then reads it as text it was given."""
    return utf8_mostly(value) if isinstance(value, bytes) else value


def _without_surrogate(value):
    """A string with every surrogate pair made the character it encodes, and every lone surrogate U+FFFD."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return value


def _mapped(value, leaf, done: dict):
    """`value` with `leaf` applied to everything in it that is no list or mapping (keys too); an object that
    aliases share is copied once (`done`: id -> its copy), so aliases cannot multiply the work."""
    if not isinstance(value, (list, dict)):
        return leaf(value)
    if id(value) not in done:
        if isinstance(value, list):
            done[id(value)] = copy = []
            copy.extend(_mapped(entry, leaf, done) for entry in value)
        else:
            done[id(value)] = copy = {}
            copy.update((_mapped(k, leaf, done), _mapped(v, leaf, done)) for k, v in value.items())
    return done[id(value)]


# What a constructor raises for a value it refuses: PyYAML's safe ones raise these besides ConstructorError
# (`!!bool 'x'` a KeyError, `!!float ''` an IndexError, `!!binary` binascii's ValueError)
_CONSTRUCTOR_ERRORS = (ValueError, TypeError, AttributeError, OverflowError, LookupError)
_TAG = "tag:yaml.org,2002:"
# What each tag of PyYAML's safe loader asks a value to be
_TAG_ASKS = {"int": "an integer", "float": "a number", "bool": "a boolean (true or false)", "timestamp": "a date",
             "binary": "base64 data", "null": "no value", "str": "text", "seq": "a list", "set": "a mapping",
             "map": "a mapping", "omap": "a list of `key: value`s", "pairs": "a list of `key: value`s"}


_SHAPES = {_TAG + "seq": yaml.SequenceNode, _TAG + "omap": yaml.SequenceNode, _TAG + "pairs": yaml.SequenceNode,
           _TAG + "map": yaml.MappingNode, _TAG + "set": yaml.MappingNode}
_PAIRS = frozenset({_TAG + "omap", _TAG + "pairs"})


class _Refused(yaml.constructor.ConstructorError):
    """A well-formed value that its YAML tag makes impossible (`!!float 'x'`, `!!bool maybe`, `!!seq text`),
    at its line; `keys`: the keys from the top of the document to it, once known."""

    def __init__(self, node, keys: tuple = ()):
        self.node, self.keys = node, keys
        short = node.tag[len(_TAG):] if node.tag.startswith(_TAG) else None
        self.tag = f"!!{short}" if short else f"!<{node.tag}>"
        self.asks = _TAG_ASKS.get(short, "a value of its own kind")
        self.timestamp = short == "timestamp"
        super().__init__(None, None, self.said(), node.start_mark)

    def said(self) -> str:
        given = repr(self.node.value) if isinstance(self.node.value, str) else \
            ("a list" if isinstance(self.node, yaml.SequenceNode) else "a mapping")
        keys = self.keys
        where = f"`{keys[-1]}` in `{keys[0]}`: " if len(keys) > 1 else f"`{keys[0]}`: " if keys else ""
        return f"{where}the tag `{self.tag}` asks for {self.asks}, and {given} is not one"

    def hint(self, written: bool = False) -> str:
        if written:  # (the value was read as written: what is left is the tag)
            return f"remove the tag `{self.tag}`, or write {self.asks}" + (
                "; dates look like 2026-11-22T08:00:00Z" if self.timestamp else "")
        return f"remove the tag `{self.tag}`, as the value is then read as it is written" + (
            "; dates look like 2026-11-22T08:00:00Z" if self.timestamp else f", or write {self.asks}")


def _impossible(loader, node) -> bool:
    """Whether the node's own YAML tag makes its value impossible: a list's or mapping's tag on another shape,
    a text's or number's on a list or mapping, or a scalar the tag's constructor refuses. (A tag the loader knows
    no constructor for, `!!python/...`, is not: PyYAML's error about it is the Problem.)"""
    shape = _SHAPES.get(node.tag)
    if shape:
        return not isinstance(node, shape) or node.tag in _PAIRS and not all(
            isinstance(entry, yaml.MappingNode) and len(entry.value) == 1 for entry in node.value)
    constructor = loader.yaml_constructors.get(node.tag)
    if constructor is None:
        return False
    if not isinstance(node, yaml.ScalarNode):
        return True
    try:
        constructor(loader, node)
    except (yaml.constructor.ConstructorError, *_CONSTRUCTOR_ERRORS):
        return not _long_digits(node)
    return False


def _long_digits(node) -> bool:
    """Whether the node is an integer of more digits than Python makes an int of (4,300)."""
    return node.tag == _TAG + "int" and node.value.lstrip("+-").replace("_", "").isdigit()


class _LocatingLoader(yaml.SafeLoader):
    """The safe loader, turning a value its constructor rejects into a _Refused, which has a line (and reading
    a plain `=` as text, as frontmatter_yaml.Loader does)."""

    def construct_object(self, node, deep=False):
        if node.tag in _SHAPES and _impossible(self, node):
            # (PyYAML checks a list's or mapping's shape after construct_object has returned: without a line)
            raise _Refused(node)
        try:
            return super().construct_object(node, deep)
        except _Refused:
            raise
        except yaml.constructor.ConstructorError as exc:
            if node.tag not in self.yaml_constructors:  # (a tag it knows none for: `!!python/...`, `!Local`)
                raise
            raise _Refused(node) from exc
        except yaml.YAMLError:
            raise
        except _CONSTRUCTOR_ERRORS as exc:
            if _long_digits(node):
                # More digits than Python makes an int of (4,300): the digits as written, which a score
                # field reads as a number too large (clamped) and a text field as text.
                return node.value
            raise _Refused(node) from exc


_LocatingLoader.add_constructor(_TAG + "value", yaml.SafeLoader.construct_yaml_str)
_LocatingLoader.add_constructor(_TAG + "timestamp", frontmatter_yaml.timestamp)  # (`2021-02-30`: text, as there)


def _load_yaml(front: str, written: dict[str, str] | None = None, twice: list | None = None,
               left_out: list | None = None):
    if not front.strip():
        return {}
    found = len(twice) if twice is not None else 0
    try:
        return frontmatter_yaml.load(front, written, twice)
    except yaml.constructor.ConstructorError:
        # (`!!set text`, `!!binary 'x'`; or a tag with no constructor, which _load_located raises again)
        return _load_located(front, twice, found, left_out)
    except yaml.YAMLError as exc:
        if "\\u" in front.lower() and "invalid Unicode character escape" in str(getattr(exc, "problem", "")):
            # libyaml refuses a surrogate escape, even a pair ("\ud83d\ude00": an emoji as JSON writers escape
            # it, and JSON is YAML), which left the item out. PyYAML's own reader takes them (_without_surrogate).
            return _load_located(front, twice, found, left_out)
        raise
    except _CONSTRUCTOR_ERRORS:
        # A well-formed value the constructor rejects (`!!int many`): load again, slowly, to find its line.
        return _load_located(front, twice, found, left_out)


def _load_located(front: str, twice: list | None, found: int, left_out: list | None = None):
    """yaml.load with _LocatingLoader, and the nested keys given twice (frontmatter_yaml.twice_in) in place of
    what the first try had found of them (from its `found`th on) before it stopped; `left_out`, when given, gets
    a _Refused for each value read as written (_read_as_written), else the first is raised."""
    loader = _LocatingLoader(front)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if twice is not None:
            del twice[found:]
            frontmatter_yaml.twice_in(node, twice)
        refused: list = []
        _read_as_written(loader, node, refused)
        if refused and left_out is None:
            raise refused[0]
        if left_out is not None:
            left_out += refused
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _read_as_written(loader, node, left_out: list) -> None:
    """Each value in the document, at any depth, that its YAML tag makes impossible (_impossible) tagged as the
    text, list or mapping it is written as, and a _Refused naming its keys added to `left_out`, in the order of
    the text. (Tags only are changed, and an alias's value is looked at once; a tagged scalar is constructed once
    here to learn whether its tag refuses it, then again with the document.)"""
    seen: set[int] = set()
    todo = [(node, ())]
    while todo:
        node, keys = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if _impossible(loader, node):
            left_out.append(_Refused(node, keys))
            node.tag = _TAG + ("str" if isinstance(node, yaml.ScalarNode) else
                               "seq" if isinstance(node, yaml.SequenceNode) else "map")
        if isinstance(node, yaml.SequenceNode):
            todo.extend((entry, keys) for entry in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                todo += [(value_node, keys + (key,)), (key_node, keys)]


def check_yaml_limits(name: str, front: str, fm_line: int, what: str = "front matter") -> Problem | None:
    """Refuse front matter that could make the YAML loader hang or explode, before loading it.

    The cheap tests run on every file; the token scan only on the file that may use anchors (an `&` where
    one could start: HTML entities in a crawled excerpt look like one), many brackets or very deep indentation.
    """
    if len(front) > MAX_FRONT_MATTER_BYTES:
        return Problem(name, fm_line, f"{what} is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB",
                       "move long text into the body" if what == "front matter" else "shorten it")
    # ("&" in front: a substring test first, as the anchor regex alone costs more than every other check)
    suspicious = (("&" in front and _ANCHOR.search(front)) or front.count("[") + front.count("{") > MAX_NESTING
                  or _DEEP_BLOCK.search("\n" + front))
    if not suspicious:
        return None
    # Scanned by libyaml where installed, as it is loaded; PyYAML's own scanner (ten times slower) looks again
    # at what libyaml refuses (a surrogate escape, which _load_yaml then loads with PyYAML's own reader; a
    # thousand brackets, which libyaml must read to the last before it hands over the first)
    try:
        return _within_limits(name, yaml.scan(front, Loader=frontmatter_yaml.Loader), fm_line, what)
    except yaml.YAMLError:
        pass
    try:
        return _within_limits(name, yaml.scan(front, Loader=yaml.SafeLoader), fm_line, what)
    except yaml.YAMLError:
        return None


def _within_limits(name: str, scanned, fm_line: int, what: str) -> Problem | None:
    """The Problem of the first YAML token past a limit (nesting, aliases, tokens), else None."""
    depth = aliases = tokens = 0
    opening = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
               yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    for token in scanned:
        tokens += 1
        line = fm_line + token.start_mark.line
        if isinstance(token, opening):
            depth += 1
            if depth > MAX_NESTING:
                return _too_deep(name, line, what)
        elif isinstance(token, closing):
            depth -= 1
        elif isinstance(token, yaml.AliasToken):
            aliases += 1
            if aliases > MAX_ALIASES:
                return Problem(name, line, f"{what} uses more than {MAX_ALIASES} YAML aliases",
                               "write the values out instead of using *aliases")
        if tokens > MAX_TOKENS:
            return Problem(name, line, f"{what} is too complex: more than {MAX_TOKENS:,} YAML tokens",
                           "write fewer values")
    return None


def unix_newlines(text: str) -> str:
    """Windows' (CRLF) and old Macs' (CR) line breaks as LF: how an item's text is read, and so its lines counted."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def key_lines(root: Path, source_path: str, keys) -> dict:
    """Line of each `key:` found at the start of a line of a file (front matter keys), to place messages:
    one read for all the messages about one file. A key (`provider`, `domian`) is the first `domian:` indented
    under `provider:` (in a list entry too), else `provider:`'s line. Between `---` or `+++` lines, a key given
    twice is at its last line, whose value YAML uses (the body's lines are no keys)."""
    try:
        with open(_named_file(root, source_path), "rb") as handle:  # (as far as parse_source reads it)
            text = unix_newlines(decoded(handle.read(MAX_FILE_BYTES), WINDOWS_1252, whole=False))
    except (OSError, ValueError):
        return {}
    end = _front_matter_end(text)
    if end is None and text.lstrip().startswith("{"):
        return _json_key_lines(text, keys)
    lines = {}
    for key in keys:
        top, sub = key if isinstance(key, tuple) else (key, None)
        # (a key in quotes too, `"@type":`, as JSON-LD's keys must be written; at the left margin, as a YAML
        # mapping's own keys are: an indented one is a nested mapping's)
        # (`key = value` and `[key]` in TOML front matter)
        pattern = re.compile(rf"""^(?:(?:{re.escape(top)}|"{re.escape(top)}"|'{re.escape(top)}')\s*[:=]"""
                             rf"""|\[\[?[ \t]*{re.escape(top)}[ \t]*\]\]?[ \t]*$)""", re.MULTILINE)
        stop = len(text) if end is None else end
        match = next(reversed(list(pattern.finditer(text, 0, stop))), None) if end is not None else pattern.search(text)
        if not match and isinstance(top, str):  # (a key in double quotes, written with escapes)
            match = re.compile(rf"""^"{_escaped_key(top)}"\s*:""", re.MULTILINE).search(text, 0, stop)
        if not match:
            continue
        lines[key] = text.count("\n", 0, match.start()) + 1
        if sub is not None:
            block = re.compile(r"^\S", re.MULTILINE).search(text, match.end())  # the next key at the left margin
            inner = re.compile(rf"""(?:^[ \t]+(?:-[ \t]+)?(?:{re.escape(sub)}|"{re.escape(sub)}")"""
                               rf"""|{_BESIDE}"{re.escape(sub)}")"""
                               r"\s*:", re.MULTILINE).search(
                text, match.end(), block.start() if block else len(text))
            if inner:
                lines[key] = text.count("\n", 0, inner.start()) + 1
    return lines


def entry_line(root: Path, source_path: str, line: int, written: Iterable[str], most: int) -> int:
    """The line of a list's entry: the first from `line` (its key's) to `most` lines below it that holds one of
    the forms `written` (compared case-blind), else `line`, so that a message about one entry is said at it."""
    try:
        with open(_named_file(root, source_path), "rb") as handle:
            text = unix_newlines(decoded(handle.read(MAX_FILE_BYTES), WINDOWS_1252, whole=False))
    except (OSError, ValueError):
        return line
    forms = [form.casefold() for form in written if form]
    lines = text.split("\n")
    for number in range(line, min(len(lines), line + most) + 1):
        if any(form in lines[number - 1].casefold() for form in forms):
            return number
    return line


def _json_key_lines(text: str, keys) -> dict:
    """key_lines of a file that is a JSON object (JSON front matter, a record): a key is one of the object's own,
    wherever it is on its line, not one of a nested object's (`"info": {"name": ...}`), each where it is first
    written; a (key, sub) tuple is the first `sub` inside the key's value."""
    own: dict[str, list[int]] = {}  # each of the object's keys -> [where it is written, where its value ends]
    depth, key, since, value = 0, None, 0, None  # (value: the span of the key whose value is being read)
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group()
        if mark in "{[":
            depth += 1
        elif mark in "}]":
            depth -= 1
            if depth == 0:
                if value:
                    value[1] = token.start()
                break
        elif depth == 1 and mark == ",":
            if value:
                value[1] = token.start()
            key = value = None
        elif depth == 1 and mark == ":" and key is not None:
            value = own.setdefault(key, [since, len(text)])
            value = value if value[0] == since else None  # (a key given twice: where it is first written)
        elif depth == 1:
            try:
                key = re.sub("[\ud800-\udfff]", "\ufffd", json.loads(mark))  # (a lone surrogate: read as U+FFFD)
            except ValueError:
                key = None
            since = token.start()
    lines = {}
    for key in keys:
        top, sub = key if isinstance(key, tuple) else (key, None)
        if top not in own:
            continue
        start, stop = own[top]
        lines[key] = text.count("\n", 0, start) + 1
        if sub is not None and (inner := re.compile(rf'"{re.escape(sub)}"\s*:').search(text, start + 1, stop)):
            lines[key] = text.count("\n", 0, inner.start()) + 1
    return lines


# A JSON text's strings (a key or value: braces inside are no nesting), brackets, colons and commas
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


# Where a key beside another starts: after a `{` or `,` on the key's own line (a lookbehind, so that the match,
# and the line it is said at, starts on the key's line, not on a `{` at the end of the line above)
_BESIDE = r"(?<=[{,])[ \t]*"


def _front_matter_end(text: str) -> int | None:
    """Where the front matter between `---` (or TOML's `+++`) lines ends; None for a file of another kind (JSON
    front matter, a data_dir record, config.yaml)."""
    start = _BLANK_LINES.match(text).end()
    if first := _BOUNDARY.match(text, start):
        closing = _CLOSING.search(text, first.end())
        return closing.start(1) if closing else None
    if first := _TOML_BOUNDARY.match(text, start):
        closing = _TOML_BOUNDARY.search(text, first.end())
        return closing.start() if closing else None
    return None


def _escaped_key(key: str) -> str:
    """A pattern of `key` as YAML's double quotes may write it: each character as itself or as its escape
    (`\\x41`, `\\u00e9`), and a U+FFFD also as the lone surrogate's escape it was read from (`"tit\\ud800le"` is
    the key `tit\ufffdle`, which is nowhere in the file as written)."""
    parts = []
    for char in key:
        code = ord(char)
        escapes = [rf"\\u{code:04x}", rf"\\U{code:08x}"] + ([rf"\\x{code:02x}"] if code < 0x100 else [])
        if char == "\ufffd":
            escapes += [r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", r"\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}"]
        parts.append("(?:" + "|".join([re.escape(char)] + ["(?i:" + e + ")" for e in escapes]) + ")")
    return "".join(parts)
