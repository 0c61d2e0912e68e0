"""A site that lives for months: items deleted, a topic renamed, base_url and language changed, old addresses
kept and dropped, parts turned off and on, each followed by a plain `newsdesk build` from the last one's output
and cache. After every build the output is what a build from scratch makes of the site as it then is (no stale
file left in output/), and the sitemap, feeds, JSON API and search index name only pages the output has.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_example_site, files_under
from generator import cli


def _build(root: Path, *extra: str) -> None:
    assert cli.main(["build", "--config", str(root / "config.yaml"), *extra]) == 0


def _set(config: Path, key: str, value: str) -> None:
    text = config.read_text(encoding="utf-8")
    line = re.compile(rf"(?m)^{key}:.*$")
    config.write_text(line.sub(f"{key}: {value}", text) if line.search(text) else f"{text}\n{key}: {value}\n",
                      encoding="utf-8")


def _pages_named(output: Path, base_url: str) -> list[tuple[str, str]]:
    """(where, address) of each address of the site that the sitemap, a feed, an API file or the search index
    names, which must be a file of the output."""
    named = [("sitemap.xml", url) for url in re.findall(r"<loc>([^<]+)</loc>", (output / "sitemap.xml").read_text())]
    for feed in [*output.rglob("*.xml"), *output.rglob("*.rss")]:
        if feed.name.endswith("sitemap.xml"):
            continue
        text = feed.read_text(encoding="utf-8")
        named += [(feed.name, url) for url in re.findall(r'<link>([^<]+)</link>|<link\b[^>]*\shref="([^"]+)"', text)
                  for url in url if url]
    for api in output.rglob("*.json"):
        if "search" not in api.relative_to(output).parts:
            named += [(api.name, url) for url in re.findall(r'"(?:url|path)": ?"([^"]+)"', api.read_text())]
    for docs in (output / "search/index/docs").glob("*.json"):
        named += [("search index", base_url + doc[0]) for doc in json.loads(docs.read_text(encoding="utf-8"))]
    return [(where, url if "://" in url else base_url + url) for where, url in named
            if url.startswith(base_url) or "://" not in url]


def _missing(output: Path, base_url: str) -> list[tuple[str, str]]:
    missing = []
    for where, url in _pages_named(output, base_url):
        path = url[len(base_url):].split("#")[0]
        target = output / path
        if not (target.is_file() or (target / "index.html").is_file()):
            missing.append((where, url))
    return missing


def _rename_topic(site: Path, old: str, new: str) -> None:
    config = site / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(f"- name: {old}\n", f"- name: {new}\n"),
                      encoding="utf-8")
    for path in (site / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        renamed = re.sub(rf"(?m)^(\s*-\s*){old}\s*$", rf"\g<1>{new}", text)
        if renamed != text:
            path.write_text(renamed, encoding="utf-8")


@pytest.mark.slow
def test_each_build_of_a_changing_site_equals_a_build_from_scratch(tmp_path):
    site = copy_example_site(tmp_path / "site")
    config = site / "config.yaml"
    items = sorted((site / "content").rglob("*.md"))
    assert "- name: Security\n" in config.read_text(encoding="utf-8")

    def alias(on: bool) -> None:
        text = items[5].read_text(encoding="utf-8")
        items[5].write_text(text.replace("---\n", '---\naliases: ["/old/one/"]\n', 1) if on
                            else text.replace('aliases: ["/old/one/"]\n', ""), encoding="utf-8")

    steps = {
        "three items deleted": lambda: [path.unlink() for path in items[:3]],
        "a topic renamed": lambda: _rename_topic(site, "Security", "Cyber Security"),
        "base_url under a deeper path": lambda: _set(config, "base_url", "https://news.example.org/harbour/deep/"),
        "language de": lambda: _set(config, "language", "de"),
        "an old address kept": lambda: alias(True),
        "language hi": lambda: _set(config, "language", "hi"),
        "the old address dropped": lambda: alias(False),
        "API and feeds off, 3 a page": lambda: (_set(config, "api", "false"), _set(config, "feeds", "false"),
                                                _set(config, "items_per_page", "3")),
        "search off": lambda: _set(config, "search", "false"),
        "all on, base_url at the root": lambda: (_set(config, "api", "true"), _set(config, "feeds", "true"),
                                                 _set(config, "search", "true"),
                                                 _set(config, "base_url", "https://example.org/")),
        "language en": lambda: _set(config, "language", "en"),
    }
    _build(site)
    for n, (what, change) in enumerate(steps.items()):
        change()
        _build(site)
        fresh = tmp_path / f"fresh-{n}"  # (a copy: --clean would start the site's own cache anew)
        shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("output", ".newsdesk-cache"))
        _build(fresh, "--clean")
        got, want = files_under(site / "output"), files_under(fresh / "output")
        assert sorted(set(got) - set(want)) == [], f"{what}: stale files"
        assert sorted(set(want) - set(got)) == [], f"{what}: missing files"
        assert [name for name in want if got[name] != want[name]] == [], f"{what}: files differ"
        base_url = re.search(r'(?m)^base_url:\s*"?([^"\s]+)', config.read_text(encoding="utf-8")).group(1)
        named = _pages_named(site / "output", base_url)
        assert len(named) > 20, what  # (the sitemap at least names every page)
        assert _missing(site / "output", base_url) == [], what
