"""Golden output: tests/sites/basic/ must build to exactly tests/sites/basic.expected/.

A change to templates or pages shows up here as a readable diff. When the change is intended, run
`python -m pytest tests/test_golden.py --update-golden` and review the expected tree's diff before committing.
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from generator import __version__
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

SITES = Path(__file__).parent / "sites"
# Not compared: copies of the theme's static files (byte-for-byte copies, checked in test_render).
SKIPPED = ("static/",)


def normalise(data: bytes) -> bytes:
    # The version is in every page's generator meta; a release must not rewrite the whole expected tree.
    return data.replace(f"newsdesk {__version__}".encode(), b"newsdesk VERSION").replace(
        f'"version":"{__version__}"'.encode(), b'"version":"VERSION"')


def output_tree(folder: Path) -> dict[str, bytes]:
    return {name: normalise(path.read_bytes()) for path in sorted(folder.rglob("*")) if path.is_file()
            for name in [path.relative_to(folder).as_posix()] if not name.startswith(SKIPPED)}


def diff(name: str, expected: bytes, actual: bytes) -> str:
    try:
        old, new = expected.decode("utf-8").splitlines(True), actual.decode("utf-8").splitlines(True)
    except UnicodeDecodeError:
        return f"{name}: binary files differ\n"
    return "".join(difflib.unified_diff(old, new, f"expected/{name}", f"actual/{name}", n=2))


@pytest.mark.parametrize("name", ["basic"])
def test_site_builds_to_the_expected_output(tmp_path, request, name):
    root = tmp_path / name
    shutil.copytree(SITES / name, root)  # build a copy: the build's cache and output stay out of tests/
    result = build(load_config(root / "config.yaml"), BuildOptions(), environ={})
    assert result.site.problems == ()
    actual = output_tree(root / "output")
    expected_dir = SITES / f"{name}.expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for file, data in actual.items():
            (expected_dir / file).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / file).write_bytes(data)
    assert expected_dir.is_dir(), f"no {expected_dir.name}/ yet: run pytest {__file__} --update-golden"
    expected = output_tree(expected_dir)
    missing, extra = sorted(expected.keys() - actual.keys()), sorted(actual.keys() - expected.keys())
    changed = [file for file in sorted(expected.keys() & actual.keys()) if expected[file] != actual[file]]
    report = [f"missing from the build: {file}" for file in missing] + [f"not expected: {file}" for file in extra]
    report += [diff(file, expected[file], actual[file]) for file in changed]
    assert not report, ("the build differs from the expected output (run with --update-golden if intended):\n"
                        + "\n".join(report))


def test_the_golden_site_exercises_the_features(tmp_path):
    """The fixture has to keep covering what it is for: drafts, future items, videos, related coverage, zones."""
    root = tmp_path / "basic"
    shutil.copytree(SITES / "basic", root)
    result = build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={})
    site = result.site.model.site
    reasons = sorted(reason.split(" (")[0] for _, reason in result.site.model.withheld)
    assert reasons == ["dated in the future", "published: false"]
    assert any(item.type == "video" and item.embed for item in site.items)
    assert any(item.related for item in site.items)
    assert any(item.provider is None for item in site.items)
    assert site.topics["robots"].parent == "technology"
    assert len(site.items) == 5 and any(page.url == "latest/page/2/" for page in result.site.pages)  # paginated


def test_the_expected_tree_has_no_secrets_or_absolute_paths():
    expected = output_tree(SITES / "basic.expected")
    assert expected
    for name, data in expected.items():
        assert b"not-for-output" not in data, name  # the fixture's `secured` value
        assert str(SITES).encode() not in data and b"/tmp/" not in data, name
        assert re.search(rb"newsdesk \d+\.\d+", data) is None, name  # versions are normalised
