"""config.yaml's `sources:` and the OPML file named by `fetch.opml` -> the feeds to read, as frozen Sources."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import yaml

from generator.config.lines import config_node, key_line
from generator.config.values import Config, TopicConfig
from generator.errors import ConfigError, Problem
from generator.fetch.feed_dates import said_language
from generator.site.records import load_records
from generator.urlnorm import canonical_url

MAX_OPML_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One feed to read and what its items get."""

    url: str  # as the user wrote it: the key of its state, even after the feed moved
    name: str = ""
    domain: str = ""
    logo: str = ""
    topics: tuple[str, ...] = ()
    quality: float = 50.0
    max_items: int = 100
    only_topics: bool = False  # keep only the entries that get a topic from their categories or words
    language: str = ""  # what its dates of numbers are read by (`03/12/2026`); "": the feed's own, else the site's
    where: str = "config.yaml"  # the file that lists it, for messages
    line: int | None = None  # its line there

    @property
    def key(self) -> str:
        """What entries without a URL for an id are scoped by: the feed's host, so that two feeds' guid "1"
        are two items, while a feed that moves within its site keeps its items' names."""
        return self.domain or canonical_url(self.url).split("/")[2]

    @property
    def label(self) -> str:
        """How messages name it: where it is listed, so the user can go and fix it, then what it is."""
        at = f"{self.where}:{self.line}" if self.line else self.where
        return f"{at}: {self.name} ({self.url})" if self.name else f"{at}: {self.url}"


def declared_topics(config: Config) -> tuple[TopicConfig, ...]:
    """The site's topics, as the build reads them: data_dir's records, then config.yaml's (the build reports
    a record's problems)."""
    return load_records(config).topics + config.topics


def read_sources(config: Config, topics: tuple[TopicConfig, ...] | None = None) -> tuple[Source, ...]:
    """The sources of config.yaml, then those of the OPML file that config.yaml does not list already;
    `topics`: the site's (declared_topics), which OPML folders may name."""
    topics = declared_topics(config) if topics is None else topics
    lines = _listed_lines(config.root / config.path)
    sources = [Source(url=s.url.strip(), name=s.name, domain=s.domain.lower(), logo=s.logo, topics=tuple(s.topics),
                      quality=s.quality, max_items=s.max_items, only_topics=s.only_topics,
                      language=s.language.strip().replace("_", "-"), where=config.path,
                      line=lines[index] if index < len(lines) else None) for index, s in enumerate(config.sources)]
    if config.fetch.opml:
        listed = {source.url for source in sources}
        for source in read_opml(config, config.fetch.opml, topics):
            if source.url not in listed:
                listed.add(source.url)
                sources.append(source)
    return tuple(sources)


def _listed_lines(path: Path) -> list[int]:
    """The line of each entry of config.yaml's `sources:` list (the config was read already: this only
    places its sources, for messages)."""
    node = config_node(path)
    listed = next((value for key, value in node.value if key.value == "sources"), None) \
        if isinstance(node, yaml.MappingNode) else None
    return [item.start_mark.line + 1 for item in listed.value] if isinstance(listed, yaml.SequenceNode) else []


_XML_URL = re.compile(r"""xmlUrl\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _opml_lines(text: str) -> dict[str, int]:
    """The line of each xmlUrl attribute, by its value as written (ElementTree keeps no lines). One pass: a
    file of tens of thousands of outlines, searched once per outline, took minutes."""
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for found in _XML_URL.finditer(text):
        line += text.count("\n", counted, found.start())
        counted = found.start()
        lines.setdefault(found[1] if found[1] is not None else found[2], line)
    return lines


def _opml_line(lines: dict[str, int], url: str) -> int | None:
    """The line of the outline whose xmlUrl is `url`, however the file escaped it."""
    for quoted in (escape(url, {'"': "&quot;"}), escape(url)):
        if quoted in lines:
            return lines[quoted]
    return None


def read_opml(config: Config, name: str, site_topics: tuple[TopicConfig, ...]) -> list[Source]:
    """Every outline with an http(s) `xmlUrl`, at any depth; its `text` or `title` is the provider name, and
    the outlines it sits in (feed readers' folders) become topics when config.yaml declares them."""
    path = config.root / name
    try:
        raw = path.read_bytes()
    except OSError as exc:  # (said at config.yaml's line that names it: the file is not there to point at)
        what = "not found" if isinstance(exc, FileNotFoundError) else f"cannot be read: {exc.strerror}"
        raise ConfigError(Problem(config.path, key_line(config_node(config.root / config.path), "fetch.opml"),
                                  f"OPML file {name} (`fetch.opml`) {what}",
                                  "correct `fetch.opml` to the file your feed reader exported (relative to the "
                                  "site's folder), or remove it"))
    if len(raw) > MAX_OPML_BYTES or b"<!ENTITY" in raw:  # no entity expansion from a file of unknown origin
        raise ConfigError(Problem(name, None, "not an OPML file newsdesk reads (too big, or declares entities)",
                                  f"export it again from your feed reader: fetch reads one of at most "
                                  f"{MAX_OPML_BYTES // 1024 // 1024} MiB that declares no <!ENTITY>"))
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise ConfigError(Problem(name, exc.position[0], f"not valid XML: {exc}", "export the file again"))
    declared = {topic.name.lower(): topic.name for topic in site_topics}
    lines = _opml_lines(raw.decode("utf-8", "replace"))
    found: list[Source] = []
    problems: list[Problem] = []

    # In document order (an outline, then what it holds, then its next sibling), on a stack of its own: a
    # file can nest outlines thousands deep, past Python's recursion limit. Each outline carries the declared
    # topics of the folders it sits in.
    body = root.find("body")
    stack = [(outline, ()) for outline in reversed((body if body is not None else root).findall("outline"))]
    while stack:
        outline, topics = stack.pop()
        title = (outline.get("title") or outline.get("text") or "").strip()
        url = (outline.get("xmlUrl") or "").strip()
        if url:
            line = _opml_line(lines, outline.get("xmlUrl") or "")
            try:
                parts = urlsplit(url)
            except ValueError:  # (`http://[::1/`: a host no URL parser reads)
                parts = urlsplit("")
            if parts.scheme not in ("http", "https") or not parts.netloc:
                problems.append(Problem(name, line, f"outline {title!r}: {url!r} is not an http(s) feed URL",
                                        "fix or remove the outline, or export the file from your feed reader again"))
            else:
                # (OPML 2.0's `language`: the feed's own, as the reader exported it, read as the feed's own is)
                found.append(Source(url=url, name=title, topics=topics, where=name, line=line,
                                    language=said_language(outline.get("language"), config.language)))
        folder = declared.get(title.lower()) if title and not url else None
        inner = topics + (folder,) if folder and folder not in topics else topics
        stack.extend((child, inner) for child in reversed(outline.findall("outline")))

    if problems:
        raise ConfigError(problems, f"{len(problems)} problem{'s' * (len(problems) != 1)} in {name}")
    return found
