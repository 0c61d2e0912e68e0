"""Front matter YAML: PyYAML's safe loading, with its slowest step done in one plain walk.

`load(text)` returns exactly what `yaml.load(text, Loader=CSafeLoader)` returns (the loader
python-frontmatter picks: libyaml's C parser where installed), but for a plain `=` and a plain date
that does not exist (`2021-02-30`), which are text (Loader, timestamp). Parsing, composing and resolving
tags (`yes` is a bool, `0755` an octal int, `2026-11-22T08:00:00Z` a timestamp) are PyYAML's own; so
is the construction of every typed scalar. Only the common shapes, plain strings, lists and mappings,
are built here without PyYAML's generic constructor (which sets up generators and bookkeeping per node
and was much of the loading time).

Anything else (an alias or anchor reused, a `<<` merge key, a tag other than the core
ones, an unhashable key) sends the whole document to PyYAML's constructor, so its
results and its errors are the ones PyYAML gives. tests/test_frontmatter_yaml.py checks
the two agree on the example content, the real corpus and a list of edge cases.
"""

from __future__ import annotations

from frontmatter.default_handlers import SafeLoader
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = _TAG + "str", _TAG + "seq", _TAG + "map", _TAG + "merge"


class Loader(SafeLoader):
    """The safe loader, reading a plain `=` as the text it is: YAML 1.1 resolves it to a "value" tag that no
    safe constructor builds, so `price: =` left the item out, with advice to remove a tag it does not have."""


Loader.add_constructor(_TAG + "value", SafeLoader.construct_yaml_str)  # (the subclass's own table: PyYAML copies it)
_TIMESTAMP_RESOLVED = next(regexp for tag, regexp in SafeLoader.yaml_implicit_resolvers["2"]
                           if tag == _TAG + "timestamp")


def timestamp(loader, node):
    """A date, or for a plain scalar shaped as one that is no date (`price: 2021-02-30`, `9999-99-99`, year 0)
    the text as written: PyYAML's ValueError left the whole item out, over a field that may not even be a
    date's. A field that must be a date says so itself, with its line."""
    try:
        zone = SafeLoader.timestamp_regexp.match(node.value)
        if zone and int(zone["tz_minute"] or 0) > 59:  # (PyYAML reads `+05:99` as 6:39 hours)
            raise ValueError("no minute of an offset")
        return SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        if node.style or not _TIMESTAMP_RESOLVED.match(node.value):
            raise
        return node.value


Loader.add_constructor(_TAG + "timestamp", timestamp)
# Typed scalars whose safe constructor depends on the node's text alone
_SCALARS = {_TAG + name: Loader.yaml_constructors[_TAG + name]
            for name in ("null", "bool", "int", "float", "timestamp", "value")}
_TYPED = frozenset(_TAG + name for name in ("bool", "int", "float", "timestamp"))  # (what load's `written` keeps)


class _Unusual(Exception):
    """The document has something the plain walk leaves to PyYAML's constructor."""


def load(text: str, written: dict[str, str] | None = None, twice: list | None = None):
    """The document's value; `written`, when given, is filled with the text as written of each top-level value
    that YAML reads as other than text from a plain scalar (`length: 4:05` is the integer 245 to YAML 1.1,
    `price: 1.50` is 1.5, `title: Yes` is true), by its key: a field that is text shows what was written.
    `twice`, when given, gets (keys from the top to the key, first line, later line; lines from 0) of each key
    given again in a mapping nested in the top one (`provider: {name: A, name: B}`), whose last value YAML keeps
    without a word (the top level's are found in the text: content._given_twice); in a document PyYAML's
    constructor builds (with an alias, a merge key), by twice_in."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if written is not None and type(node) is MappingNode:
            for key_node, value_node in node.value:
                if (type(key_node) is ScalarNode and key_node.tag == _STR and type(value_node) is ScalarNode
                        and not value_node.style and value_node.tag in _TYPED):  # (plain: "" in libyaml)
                    written[key_node.value] = value_node.value
        found = len(twice) if twice is not None else 0
        try:
            return _value(loader, node, set(), twice, ())
        except _Unusual:
            if twice is not None:
                del twice[found:]  # (what the plain walk found before it stopped: found again below)
                twice_in(node, twice)  # (before constructing: PyYAML's merge rewrites the mapping nodes)
            return loader.construct_document(node)
    finally:
        loader.dispose()


def twice_in(node, twice: list, where: tuple = (), seen: set | None = None) -> None:
    """Append to `twice` what load's plain walk would, for a document it leaves to PyYAML's constructor: each
    key given again in a mapping nested in the top one. A mapping reached again through an alias is looked at
    once, where it is written. A key a merge brings (`<<: *base`) is no key given twice when the mapping gives
    it too, nor when two merged mappings do: YAML's merge keeps the mapping's own, then the first merged."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if type(node) is SequenceNode:
        for child in node.value:
            twice_in(child, twice, where, seen)
    elif type(node) is MappingNode:
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:  # (its mappings' own keys are looked at as this mapping's)
                twice_in(value_node, twice, where, seen)
                continue
            key = key_node.value if type(key_node) is ScalarNode else None
            if where and key_node.tag == _STR:
                if key in first:
                    twice.append((where + (key,), first[key], key_node.start_mark.line))
                else:
                    first[key] = key_node.start_mark.line
            twice_in(value_node, twice, where + (key,), seen)


def _value(loader, node, seen: set[int], twice: list | None = None, where: tuple = ()):
    """`where`: the keys from the top to `node` (kept for mappings and lists only: what `twice` names)."""
    kind, tag = type(node), node.tag
    if kind is ScalarNode:
        if tag == _STR:
            return node.value
        constructor = _SCALARS.get(tag)
        if constructor is None:
            raise _Unusual
        return constructor(loader, node)
    if id(node) in seen:  # an alias: PyYAML gives both places the same object (and allows cycles)
        raise _Unusual
    seen.add(id(node))
    if kind is SequenceNode and tag == _SEQ:
        return [_value(loader, child, seen, twice, where) for child in node.value]
    if kind is MappingNode and tag == _MAP:
        mapping = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Unusual
            key = _value(loader, key_node, seen)
            value = _value(loader, value_node, seen, twice,
                           where if type(value_node) is ScalarNode else where + (key,))
            try:
                if key in mapping and where and twice is not None and isinstance(key, str):
                    first = next(other for other, _ in node.value if other.tag == _STR and other.value == key)
                    twice.append((where + (key,), first.start_mark.line, key_node.start_mark.line))
                mapping[key] = value
            except TypeError:  # unhashable key: PyYAML's error, with its line
                raise _Unusual from None
        return mapping
    raise _Unusual
