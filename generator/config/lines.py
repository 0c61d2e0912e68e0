"""Where a key is in config.yaml, for a message said at its line: in the parsed file's nodes (node_line,
key_line, item_line), or in its text when only the Config is at hand (config_node, setting_line, entry_line,
output_setting)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.config.values import Config
from generator.textfiles import decoded


def node_line(node) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def key_line(node, key: str) -> int | None:
    """Line of a (dotted) key, or of the deepest part of it that is there."""
    line = None
    for part in key.split("."):
        found = None
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == part), None)
        if found is None:
            break
        line, node = node_line(found[0]), found[1]
    return line


def item_line(node, key: str, index: int, sub: str = "") -> int | None:
    """Line of key `sub` of entry `index` of the list under `key`, else of the entry, else of the key."""
    found = next((v for k, v in node.value if k.value == key), None) if isinstance(node, yaml.MappingNode) else None
    if isinstance(found, yaml.SequenceNode) and index < len(found.value):
        entry = found.value[index]
        return (key_line(entry, sub) if sub else None) or node_line(entry)
    return key_line(node, key)


def setting_line(path: Path, key: str) -> int | None:
    """Line of a top-level `key:` of config.yaml, or None."""
    try:
        text = decoded(path.read_bytes())
    except (OSError, ValueError):
        return None
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def config_node(path: Path) -> yaml.Node | None:
    """config.yaml's YAML nodes, to place a setting's line in a message; None when it cannot be read."""
    try:
        return yaml.compose(decoded(path.read_bytes()), Loader=yaml.SafeLoader)
    except (OSError, ValueError, yaml.YAMLError):
        return None


def entry_line(path: Path, key: str, index: int, sub: str = "") -> int | None:
    """item_line of config.yaml's text (its key `sub` of entry `index` under `key`), or None."""
    return item_line(config_node(path), key, index, sub)


def output_setting(config: Config) -> tuple[str, int | None]:
    """Where the output folder was given, for a message about it: --output, else config.yaml's `output_dir` line,
    else config.yaml (the default)."""
    if "output_dir" in config.from_options:
        return "--output", None
    return config.path, setting_line(config.root / config.path, "output_dir")
