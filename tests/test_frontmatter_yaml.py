"""generator.site.frontmatter_yaml gives what PyYAML's safe loader gives: the same values, of the same types,
and the same errors, for every front matter shape (its plain walk, and its hand-over to PyYAML)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from frontmatter.default_handlers import SafeLoader

from conftest import ROOT, write_corpus
from generator.site import frontmatter_yaml


def pyyaml(text: str):
    return yaml.load(text, Loader=SafeLoader)


def same(text: str) -> None:
    expected = pyyaml(text)
    got = frontmatter_yaml.load(text)
    assert got == expected
    assert _types(got) == _types(expected)  # 1 == 1.0 == True: equal values are not enough


def _types(value):
    if isinstance(value, dict):
        return {repr(k): (type(k).__name__, _types(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__, repr(value)


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    match = re.match(r"---\n(.*?)\n---[ \t]*$", text, re.S | re.M)
    return match[1] if match else ""


EDGE_CASES = [
    "",
    "# only a comment",
    "title: plain\nn: 12\nf: 1.5\nbig: 1e3\nsci: 1.0e+3\ndot: .5\nneg: -.inf\nnan: .nan\nhex: 0x1F\noct: 0755\nunderscore: 1_000",
    "yes: yes\nno: No\non: ON\noff: off\ny: y\nt: true\nf: False",
    "a: ~\nb: null\nc:\nd: ''\ne: \"\"",
    "when: 2026-11-22T08:00:00Z\nday: 2026-11-22\nspace: 2001-12-14 21:59:43.10 -5\nlocal: 2026-11-22T08:00:00",
    "clock: 12:30:00\nsexagesimal: 190:20:30\nt: T08:00",
    "quoted: '123'\ndouble: \"true\"\nexplicit: !!str 2026-11-22\nint: !!int '42'\nfloat: !!float '3'",
    "title: \"Émile & Zoë: 東京 \\u00e9\"\nmulti: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "provider:\n  name: X\n  images:\n    - url: https://x.example/a.png\n      width: 50\n    - {url: 'b', height: 2}\n",
    "topics: [A, B, 'C, D', [nested, 1]]\nempty_list: []\nempty_map: {}",
    "dup: 1\ndup: 2\nother: 3",
    "1: int key\n2.5: float key\ntrue: bool key\nnull: null key\n2026-11-22: date key",
    "? complex key\n: value",
    "base: &b {x: 1, y: 2}\nuse: *b\nother: *b",
    "list: &l [1, 2]\nagain: *l",
    "name: &n plain\nsame: *n",
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2",
    "merged:\n  <<: [{a: 1}, {b: 2}]\n  c: 3",
    "set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\npairs: !!pairs [{a: 1}, {a: 2}]\nbin: !!binary aGVsbG8=",
    "=: value",  # the `value` tag, which PyYAML turns into a string key
]

BAD = [
    "custom: !thing 1",  # unknown tag
    "[a, b]: unhashable",
    "{a: 1}: unhashable",
    "? [a]\n: unhashable",
    "n: !!int abc",
    "a: 1\n---\nb: 2",  # two documents
    "a: [1, 2",  # not YAML
    "a: *undefined",
    "s: !!str [a]",
    "m: !!map [a]",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_the_same_values_as_pyyaml(text):
    same(text)


def test_a_plain_equals_sign_is_text_where_pyyaml_has_no_constructor_for_it():
    # (YAML 1.1 resolves a plain `=` to its `value` tag; PyYAML's safe loader cannot build it)
    with pytest.raises(Exception):
        pyyaml("eq: =")
    assert frontmatter_yaml.load("eq: =\nl: [=, &a =, *a]\n") == {"eq": "=", "l": ["=", "=", "="]}


def test_a_plain_date_that_does_not_exist_is_text_where_pyyaml_fails_on_it():
    # (one such field, `price: 2021-02-30`, left the whole item out; a field that must be a date says so)
    for text in ("when: 2026-13-45", "when: 9999-99-99", "when: 0000-01-01T00:00:00Z"):
        with pytest.raises(ValueError):
            pyyaml(text)
    text = "a: 2026-13-45\nb: &x 9999-99-99\nc: [*x, 0000-01-01, 2026-11-22]\nd: !!timestamp 2021-02-30\nk: {x: *x}"
    assert frontmatter_yaml.load(text) == {"a": "2026-13-45", "b": "9999-99-99", "c": ["9999-99-99", "0000-01-01",
                                           datetime.date(2026, 11, 22)], "d": "2021-02-30", "k": {"x": "9999-99-99"}}
    with pytest.raises(ValueError):  # written in quotes with the tag: asked for as a date
        frontmatter_yaml.load('d: !!timestamp "2021-02-30"')


@pytest.mark.parametrize("text", BAD)
def test_the_same_error_as_pyyaml(text):
    with pytest.raises(Exception) as theirs:
        pyyaml(text)
    with pytest.raises(type(theirs.value)) as ours:
        frontmatter_yaml.load(text)
    assert str(ours.value) == str(theirs.value)


def test_aliases_share_one_object_as_in_pyyaml():
    data = frontmatter_yaml.load("base: &b [1, 2]\nuse: *b")
    assert data["base"] is data["use"]
    data = frontmatter_yaml.load("loop: &l [*l]")  # a cycle: PyYAML builds it, so must we
    assert data["loop"][0] is data["loop"]


def test_the_example_content_and_a_synthetic_corpus_load_as_with_pyyaml(tmp_path):
    write_corpus(300, tmp_path / "bench", seed=3)
    paths = sorted((ROOT / "content").rglob("*.md")) + sorted((tmp_path / "bench" / "content").rglob("*.md"))
    assert len(paths) >= 320
    for path in paths:
        same(front_matter(path))


def test_the_real_corpus_loads_as_with_pyyaml(corpus):
    paths = sorted(corpus.rglob("*.md"))
    assert len(paths) >= 192
    for path in paths:
        same(front_matter(path))
