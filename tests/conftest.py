"""Shared test helpers: throwaway sites on disk, the real corpus in ../shared (skipped when absent)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "powerapps"

BASIC_CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
"""


def item(title="A story", date="2026-11-20T10:00:00Z", **fields) -> str:
    """Text of one item file; extra fields are written as YAML (strings quoted as given)."""
    lines = ["---", f"title: {title!r}" if "'" not in title else f'title: "{title}"', f"publishedDateTime: {date}"]
    body = fields.pop("body", "Some **body** text.")
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines += ["---", body]
    return "\n".join(lines) + "\n"


def make_site(root: Path, files: dict[str, str], config: str = BASIC_CONFIG) -> Path:
    """Write a site: config.yaml plus the given files (paths relative to the site root)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site_dir(tmp_path) -> Path:
    return tmp_path / "site"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/powerapps is not here (it is only beside a developer's checkout)")
    return CORPUS
