"""Dependencies an MIT project may ship with (the built wheel itself is checked in test_workflow.py)."""

from __future__ import annotations

import importlib.metadata
import re

from packaging.requirements import Requirement


def _licence(name: str) -> str:
    meta = importlib.metadata.metadata(name)
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " ".join([meta.get("License-Expression") or "", meta.get("License") or "", *classifiers])


def test_runtime_dependencies_are_not_copyleft():
    # A GPL dependency would make every copy of newsdesk (MIT) that ships with it GPL.
    requires = [Requirement(r) for r in importlib.metadata.requires("newsdesk") or [] if "extra ==" not in r]
    # (those of this Python: tomli is 3.10's, and not installed on a later one)
    names = [r.name for r in requires if r.marker is None or r.marker.evaluate()]
    assert "anyascii" in names
    licences = {name: _licence(name) for name in names}
    assert all(licences.values()), f"no licence found for {[n for n, t in licences.items() if not t]}"
    copyleft = {name: text for name, text in licences.items() if re.search(r"\bA?GPL|General Public", text)
                and not re.search(r"\bLGPL|Lesser", text)}
    assert copyleft == {}

