"""Topic and provider records from `data_dir` (the Smartable layout).

    data/topics/*.yaml          name, _id (the slug), parent (a topic's name), ...
    data/organizations/*.md     front matter: _id (the domain), name, images (site-relative logo URLs)

(either kind of record may also be the other kind of file: YAML, or Markdown with front matter)

Logos that the records point at inside the data folder's site (`/assets/...`)
are copied into the output so that provider cards show them.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from generator.config.checks import check_data_folder
from generator.config.values import Config, ProviderConfig, TopicConfig
from generator.site.content import key_lines, load_mapping, read_source, relative_name
from generator.errors import Problem
from generator.site.fields import MAX_TEXT, as_plain
from generator.site.identities import (declared_key, declared_provider, other_page, topic_definitions,
                                       topic_identity, wrong_parent)
from generator.site.notes import shown, written
from generator.site.private_pictures import HINT, left_out
from generator.site.scratch import is_scratch
from generator.site.text import bidi_closed, cut_at_word, cut_clusters
from generator.urls import distinct_slug, field_url, private_address, slugify

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Records:
    topics: tuple[TopicConfig, ...] = ()
    providers: tuple[ProviderConfig, ...] = ()
    files: dict = field(default_factory=dict)  # output path -> source file (provider logos)
    problems: tuple[Problem, ...] = ()  # records left out
    warnings: tuple[Problem, ...] = ()  # what is wrong in records that still count


def load_records(config: Config) -> Records:
    if not config.data_dir:
        return Records()
    check_data_folder(config)
    data = config.root / config.data_dir
    problems: list[Problem] = []
    warnings: list[Problem] = []
    topics, files = [], []  # (each topic's record file)
    topic_pages: dict[str, tuple[str, str]] = {}  # a topic record's page (its slug) -> its record's file and name
    for name, form, record, fields in _records(config, data / "topics", "topic record",
                                               ("name", "_id", "parent", "description", "shortname"),
                                               problems, warnings, {"name"}):
        if not fields["name"]:
            problems.append(Problem(name, 1, "topic record has no `name`",
                                    f"add the topic's name, e.g. `{written(form, 'name', 'Robotics')}`"))
            continue
        _cap_text(fields, config.root, name, "topic record", warnings)
        # (the words that tag an item with it: `newsdesk fetch` uses them; a word that is no text is none)
        words = [word for key in ("keywords", "hashtags") for word in _listed(record.get(key))]
        slug = _own_page(fields, topic_pages, config, name, warnings)
        topics.append(TopicConfig(name=fields["name"], slug=slug, parent=fields["parent"],
                                  description=fields["description"], shortname=fields["shortname"],
                                  keywords=tuple(dict.fromkeys(word for word in map(_text, words) if word))))
        files.append(name)
    _parents_declared(config, topics, files, warnings)
    providers = []
    files: dict[str, Path] = {}
    declared: dict[tuple[str, str], tuple[str, str, str]] = {}  # declared_key -> the record's file, key, domain
    for name, form, record, fields in _records(config, data / "organizations", "organization record",
                                               ("domain", "_id", "name", "description"), problems, warnings):
        _cap_text(fields, config.root, name, "organization record", warnings)
        domain = (fields["domain"] or fields["_id"]).strip().lower()
        if not domain:
            # (at the first line of its fields: a YAML record's first, a Markdown one's after its `---`)
            first = 2 if name.lower().endswith(".md") else 1
            problems.append(Problem(name, first, "organization record has no `_id` or `domain`",
                                    f"add the organization's domain, e.g. `{written(form, 'domain', 'example.com')}`: "
                                    "items name their provider by it"))
            continue
        logos = _logos(config, name, form, record, files, warnings)
        names = _other_names(record, config.root, name, form, warnings)
        pages = _other_pages(record, config.root, name, warnings)
        provider = ProviderConfig(domain=domain, name=fields["name"], logo=logos[0][0] if logos else "",
                                  logos=tuple(logos), description=fields["description"], other_names=names,
                                  same_as=pages)
        key = "domain" if fields["domain"] else "_id"
        _one_record_a_provider(provider, key, fields[key], declared, config.root, name, warnings)
        providers.append(provider)
    return Records(tuple(topics), tuple(providers), files, tuple(problems), tuple(warnings))


def _parents_declared(config: Config, topics: list[TopicConfig], files: list[str], warnings: list[Problem]) -> None:
    """A warning at a topic record's `parent` that names no declared topic (of config.yaml or data_dir) or the
    topic itself, as config.yaml's get (index.unknown_parents): the topic stood at the top of the tree unsaid."""
    if not any(topic.parent for topic in topics):
        return
    topic_defs = topic_definitions(tuple(topics) + config.topics, config.language)
    for topic, path in zip(topics, files):
        wrong = wrong_parent(topic, topic_defs, config.undeclared_topics == "allow")
        if wrong:
            warnings.append(Problem(path, key_lines(config.root, path, {"parent"}).get("parent"), *wrong))


def _one_record_a_provider(provider: ProviderConfig, key: str, written: str, declared: dict, root: Path, path: str,
                           warnings: list[Problem]) -> None:
    """A warning at the record's domain when an earlier record (`declared`: by identities.declared_key) is of one
    provider: its domain written otherwise (`EXAMPLE.com`, `www.example.com`, `example.com.`). The later
    record, by file name, is used (as a later definition is: config.yaml's over data_dir's); the earlier's
    name, logo and description were dropped without a word."""
    identity = declared_key(declared_provider(provider))
    if not any(identity):
        return
    first = _holder_before(declared, identity, (path, key, written), later_takes_it=True)
    if first:  # (the lines are looked up only then: each is a reading of the record's file again)
        line = key_lines(root, path, {key}).get(key)
        first_line = key_lines(root, first[0], {first[1]}).get(first[1])
        earlier = f"{first[0]}:{first_line}" if first_line else first[0]
        warnings.append(Problem(path, line, f"the organization record's domain {shown(written)} is the "
                                f"provider's of {earlier} too ({shown(first[2])}): this record, the later by its "
                                f"file's name, is used, and that one's name, logo and description are not",
                                "keep one record for each provider: merge the two, or remove the one you do not mean"))


def _holder_before(holders: dict, key, holder: tuple, *, later_takes_it: bool) -> tuple | None:
    """The record (its file, then what its warning names) that held `key` (a provider, a topic's page) before
    `holder`, else None, for the later one's warning. From then on the first holds it, or the later one where
    that is the one used (a provider's record)."""
    first = holders.get(key)
    if first is None or later_takes_it:
        holders[key] = holder
    return first


def _logos(config: Config, name: str, form: str, record: dict, files: dict[str, Path],
           warnings: list[Problem]) -> list:
    """Every size of an organization record's logo that can be shown, as (url, width, height); a logo file
    beside the data folder is added to `files` (output path -> the file). `form`: the record's format, which
    a hint's example is written in (notes.written)."""
    data = config.root / config.data_dir
    logos = []
    unusable = []  # the addresses of those that cannot be shown
    images = record.get("images") or []
    if not isinstance(images, list):  # (`images: logo.png`: iterated, a number stopped the build)
        line = key_lines(config.root, name, {"images"}).get("images")
        warnings.append(Problem(name, line, "`images` must be a list of logos with `url`, `width`, "
                                "`height`; the provider is shown without one",
                                f"write it as `{written(form, 'images', [{'url': '/assets/logo.png'}])}`"))
        images = []
    for image in images:
        url = image.get("url") if isinstance(image, dict) else None
        if not isinstance(url, str):
            continue
        address = field_url(url)  # (as an item's: `HTTPS://`, `//host/x.png`, no password, spaces encoded)
        if address and private_address(address) and not config.local_site:  # (site/private_pictures.py)
            line = key_lines(config.root, name, {"images"}).get("images")
            warnings.append(Problem(name, line, f"`images`: the logo {left_out(address)}", HINT))
            continue
        if address:
            url = address
        else:
            local = _local_asset(data.parent, url)
            if not local:
                unusable.append(url)
                continue
            danger = _svg_danger(local) if local.suffix.lower() == ".svg" else ""
            if danger:  # copied, it would run on the site's own origin when opened
                line = key_lines(config.root, name, {"images"}).get("images")
                warnings.append(Problem(name, line, f"logo {url} is an SVG with {danger}: not copied, "
                                        "the provider is shown without it",
                                        "remove the scripts and event handlers from the SVG, or give a PNG"))
                continue
            url = _logo_name(local, files, data.parent.resolve(), config.language)
            files[url] = local
        logos.append((url, _size(image.get("width")), _size(image.get("height"))))
    if unusable:  # (once for the record: its sizes are usually all of one missing folder)
        line = key_lines(config.root, name, {"images"}).get("images")
        first = unusable[0] if len(unusable[0]) <= 80 else unusable[0][:77] + "..."
        more = f" (and {len(unusable) - 1} more)" if len(unusable) > 1 else ""
        warnings.append(Problem(name, line, f"logo {first}{more} is no http or https URL and no picture "
                                "file beside the data folder: " + ("the provider is shown without it" if not logos
                                else "the provider is shown with its other logos"),
                                "give the logo's https URL, or its file's path (`/assets/logo.png`)"))
    return logos


# Other names of an organization, as the Smartable records write them and as schema.org does
_OTHER_NAME_KEYS = ("otherNames", "alternateName")


def _other_names(record: dict, root: Path, path: str, form: str, warnings: list[Problem]) -> tuple[str, ...]:
    """An organization record's other names (ProviderConfig.other_names), each as plain text, each once; one that is
    no text (a number, a mapping) is left out, with a warning at its key's line."""
    names, wrong = [], []
    for key in _OTHER_NAME_KEYS:
        value = record.get(key)
        for entry in value if isinstance(value, list) else [] if value is None else [value]:
            text = _text(entry) if isinstance(entry, str) else None
            if text is None:
                wrong.append(key)
            elif text:
                names.append(cut_clusters(text, MAX_TEXT))
    if wrong:
        warnings.append(Problem(path, key_lines(root, path, {wrong[0]}).get(wrong[0]),
                                f"`{wrong[0]}` of the organization record must be a list of names: "
                                f"{len(wrong)} {'entry is' if len(wrong) == 1 else 'entries are'} no text and left out",
                                f"write each name as text, in quotes: `{written(form, wrong[0], ['1410'])}`"))
    return tuple(dict.fromkeys(names))


def _other_pages(record: dict, root: Path, path: str, warnings: list[Problem]) -> tuple[str, ...]:
    """An organization record's other addresses, schema.org's `sameAs` (ProviderConfig.same_as): http(s) URLs; one
    that is none is left out, with a warning at its line."""
    value = record.get("sameAs")
    given = [] if value in (None, "") else value if isinstance(value, list) else [value]
    pages = [page for page in given if isinstance(page, str) and other_page(page)]
    if len(pages) < len(given):
        wrong = next(page for page in given if page not in pages)
        warnings.append(Problem(path, key_lines(root, path, {"sameAs"}).get("sameAs"),
                                f"`sameAs` of the organization record must be a list of http or https addresses: "
                                f"{shown(wrong)} is left out", "write each of the provider's other addresses in full, "
                                "e.g. https://www.youtube.com/@example"))
    return tuple(dict.fromkeys(pages))


def _records(config: Config, folder: Path, what: str, keys: tuple[str, ...], problems: list[Problem],
             warnings: list[Problem], required: frozenset[str] | set[str] = frozenset()
             ) -> Iterator[tuple[str, str, dict, dict]]:
    """Each record in `folder` that can be read, as its name, format (Source.form), mapping and text fields
    (`keys`); one that cannot, or whose fields are no text, is left out with its problem."""
    for path in _record_files(folder):
        read = _read_record(config, path, what)
        if isinstance(read, Problem):
            problems.append(read)
            continue
        name, form, record = read
        fields = _fields(record, keys, config.root, name, what, warnings, required=required)
        if isinstance(fields, Problem):
            problems.append(fields)
            continue
        yield name, form, record, fields


def _record_files(folder: Path) -> list[Path]:
    """A records folder's files: YAML (`*.yaml`, `*.yml`) or Markdown with front matter (`*.md`), in name order;
    not hidden files, nor an editor's lock (emacs's `.#ai.yaml`, a link to nowhere) or scratch files."""
    return sorted(path for pattern in ("*.y*ml", "*.md") for path in folder.glob(pattern)
                  if not path.name.startswith(".") and not is_scratch(path.name))


def _read_record(config: Config, path: Path, what: str) -> tuple[str, str, dict] | Problem:
    """A record file's site-relative name, format and mapping: a Markdown file's front matter (YAML, TOML or
    JSON), or a YAML file. Read as items are: within the same limits, so that no record can hang or exhaust
    the build."""
    if path.suffix.lower() == ".md":
        source = read_source(config.root, path)
        return source if isinstance(source, Problem) else (source.path, source.form, source.meta)
    name = relative_name(config.root, path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror
        return Problem(name, None, f"cannot read {what}: {reason}", "save it as UTF-8 YAML")
    record = load_mapping(name, text.replace("\r\n", "\n"), 1, what)
    return record if isinstance(record, Problem) else (name, "yaml", record)


def _own_page(fields: dict, pages: dict[str, tuple[str, str]], config: Config, path: str,
              warnings: list[Problem]) -> str:
    """A topic record's slug (its `_id`, else its name, as written): one of its own when an earlier record has
    that page and another topic's name (`_id: Case` and `_id: case`, `CON` and `con.`), with a warning at its
    line. The later record took the earlier's page, and that topic's items showed under the other's name."""
    slug = slugify(fields["_id"] or fields["name"], language=config.language)
    first = _holder_before(pages, slug, (path, fields["name"]), later_takes_it=False)
    if not first or topic_identity(first[1]) == topic_identity(fields["name"]):
        return fields["_id"]  # (one topic written twice is one topic: the later record is used, as before)
    own = distinct_slug(slug, path)
    pages[own] = (path, fields["name"])
    key = "_id" if fields["_id"] else "name"
    warnings.append(Problem(path, key_lines(config.root, path, {key}).get(key),
                            f"the topic record's page would be topics/{slug}/, which {first[0]} gives its topic "
                            f"{shown(first[1])}: this topic's page is topics/{own}/",
                            "give each topic record an `_id` of its own, or remove one of them if they are one topic"))
    return own


def _cap_text(fields: dict, root: Path, path: str, what: str, warnings: list[Problem]) -> None:
    """A record's name and description cut at a word to MAX_TEXT characters, as items' text fields are, with
    a warning at its line: a topic's name is on every page that lists its topics (a 100,000-character one
    made each of those pages 100 KB larger)."""
    for key in ("name", "description", "shortname"):
        text = fields.get(key, "")
        if len(text) <= MAX_TEXT:
            continue
        cut = cut_at_word(text, MAX_TEXT)
        fields[key] = bidi_closed(cut.rstrip() + "…")  # (the cut may have taken an override's end)
        warnings.append(Problem(path, key_lines(root, path, {key}).get(key),
                                f"`{key}` of the {what} is {len(text):,} characters long; it is cut to {len(cut):,}",
                                f"shorten it to at most {MAX_TEXT:,} characters"))


def _logo_name(local: Path, files: dict[str, Path], root: Path, language: str) -> str:
    """The output path of a record's logo file: `assets/providers/<its name as a slug>` (in the site's
    `language`), and when another file has that name already (`a/logo.png` and `b/logo.png`, `Logo.PNG` and
    `logo.png`) with a short hash of its path in `root` (the records' site, resolved as `local` is) added, so that
    each provider shows its own logo rather than the last one copied there."""
    stem, suffix = slugify(local.stem, language=language), local.suffix.lower()
    name = f"assets/providers/{stem}{suffix}"
    if files.get(name, local) != local:
        name = f"assets/providers/{distinct_slug(stem, local.relative_to(root).as_posix())}{suffix}"
    return name


def _fields(record: dict, keys: tuple[str, ...], root: Path, path: str, what: str, warnings: list[Problem],
            required: frozenset[str] | set[str] = frozenset()) -> dict | Problem:
    """A record's text fields (_text), or the Problem that leaves the record out: a field that is no text (a
    list for a name made the topic "['a', 'b']"). NaN or an infinity (YAML's `.nan`: pandas' and JSON writers'
    value for none; it made a topic or provider "nan") is a field left out, said at its line; in a `required`
    field it leaves the record out."""
    fields = {key: _text(record.get(key)) for key in keys}
    # (a number _text reads as no text: NaN or an infinity)
    none = [key for key, value in fields.items() if value is None and isinstance(record.get(key), float)]
    wrong = [key for key, value in fields.items() if value is None and key not in none]
    lines = key_lines(root, path, wrong + none) if wrong or none else {}
    article = "an" if what[0] in "aeiou" else "a"
    if wrong:
        return Problem(path, lines.get(wrong[0]), f"`{wrong[0]}` of {article} {what} must be text",
                       "put the value in quotes, on one line")
    for key in none:
        if key in required:
            return Problem(path, lines.get(key), f"`{key}` of {article} {what} is NaN or infinite (a writer's "
                           f"value for none); the record is left out", f"write the {key} as text")
        fields[key] = ""
        warnings.append(Problem(path, lines.get(key), f"`{key}` of the {what} is NaN or infinite (a writer's "
                                f"value for none); it is left out", f"write the {key} as text, or remove `{key}`"))
    return fields


def _text(value) -> str | None:
    """A record's text field as plain text, read as an item's nested text is (fields.as_plain: NaN and the
    infinities are no text); "" for none; None for true or false, a list, a mapping or anything else that is
    no text."""
    if value is None:
        return ""
    return None if isinstance(value, bool) else as_plain(value)


def _listed(value) -> list:
    """A record's list of words: one text is a list of one."""
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []


def _size(value) -> int | None:
    """A declared width or height: a positive whole number of pixels, else unknown."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 100_000 else None


# What makes an SVG file more than a picture: opened from the site (it is copied there), it is a document of
# the site's origin, and runs its scripts, handlers and links to script.
_SVG_ACTIVE = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
_SCRIPT_LINK = re.compile(r"(?:java|vb)script:|data:(?!image/(?:png|jpeg|jpg|gif|webp)[;,])")
_NOT_PICTURE = re.compile(r"<!\s*(?:doctype|entity)|<\?\s*xml-stylesheet", re.I)
MAX_SVG_BYTES = 2 * 1024 * 1024


def _svg_danger(path: Path) -> str:
    """What in an SVG logo could run on the site, or "" for a plain picture. Read as a browser reads an SVG
    file, as XML: one that is not well-formed, too big to check, not UTF-8 or declares a DOCTYPE (entities)
    counts as unsafe too."""
    try:
        if path.stat().st_size > MAX_SVG_BYTES:
            return f"more than {MAX_SVG_BYTES // (1024 * 1024)} MB of markup"
        raw = path.read_bytes()
    except OSError as exc:
        return f"a file that cannot be read ({exc.strerror})"
    try:  # (in UTF-16, a DOCTYPE would hide from the search below)
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "text that is not UTF-8"
    if _NOT_PICTURE.search(text):
        return "a DOCTYPE, entities or a style sheet"
    try:
        root = ElementTree.fromstring(raw)
    except (ElementTree.ParseError, ValueError):
        return "markup that is not well-formed XML"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.rsplit("}", 1)[-1].lower() in _SVG_ACTIVE:
            return f"a <{element.tag.rsplit('}', 1)[-1]}> element (script or an embedded document)"
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                return f"an event handler ({name}=)"
            # (browsers skip white space and control characters in a URL's scheme: "java\tscript:")
            if _SCRIPT_LINK.search(re.sub(r"[\x00-\x20]+", "", value).lower()):
                return f"a link to script ({name}=)"
    return ""


def _local_asset(site_root: Path, url: str) -> Path | None:
    """A site-relative image URL of the records' own site, if the file is there (and inside it)."""
    try:
        candidate = (site_root / url.lstrip("/")).resolve()
        candidate.relative_to(site_root.resolve())
        if candidate.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg") and candidate.is_file():
            return candidate
    except (OSError, ValueError):  # (outside it; or no file's name: too long, a NUL in it)
        pass
    return None
