"""Random front matter, whole files, real builds (issue 17): whatever a crawler writes, the build finishes,
writes nothing outside its output, names every file it leaves out, and every output parses.

Each example is a small site of random item files (every known field and typos of them, values of
random types: unicode, long strings, huge and odd numbers, dates at the ends of the calendar, nested
lists and mappings, YAML tags and aliases, broken YAML), built through the public `build()`.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import html5lib
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.site.keys import KNOWN_FIELDS

pytestmark = pytest.mark.slow

TYPOS = ["exerpt", "hat", "Title", "tpoics", "publishedDatetime", "qualty", "imgaes", "custom", "x-source", "_id"]
SUBKEYS = ["name", "domain", "url", "width", "height", "title", "webUrl", "originalUrl", "excerpt",
           "publishedDateTime", "quality", "heat", "type", "provider", "images", "isCached"]
ODD_TEXT = [
    "we&#8217;re", "&amp;amp;", "&lt;b&gt;bold&lt;/b&gt;", "<b>x</b>", "<script>alert(1)</script>", "</title><svg onload=alert(1)>",
    "javascript:alert(1)", "https://ok.example/a?b=1&#038;c=2", "https://ok.example/p.jpg", "//evil.example/x", "../../etc/passwd",
    "CON", "aux.txt", "nul", " . ", "article", "video", "download", "Podcast", "", " ", "\u202e", "🚀", "日本語", "\x00\x07",
    "\udcff", "2026-11-20T10:00:00Z", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-12:00", "2026-13-45", "yes", "nan",
    "-5", "1e400", "]]>", "--", "&#0;", "&#xD800;", "\\u", "<!--", "Machine Learning", "Robots",
]
YAML_SNIPPETS = [
    "anchor: &a [one, two]\ntopics: *a",
    "base: &b {title: Aliased, quality: 5}\nrelated: [*b, *b]",
    "defaults: &d {name: Merged, domain: merged.example}\nprovider:\n  <<: *d\n  name: Override",
    "self: &s [*s]",  # (an alias of itself is an error, not a loop)
    "blob: !!binary aGVsbG8=",
    "evil: !!python/object/apply:os.system ['echo pwned > pwned.txt']",
    "heat: !!float .nan",
    "quality: !!int " + "9" * 5000,
    "heat: " + "1" * 400,
    "title: !!str 2026",
    "publishedDateTime: !!timestamp 2026-11-20",
    "publishedDateTime: 0001-01-01 00:00:00 +14:00",
    "publishedDateTime: 9999-12-31T23:59:59-14:00",
    "choices: !!set {a, b}",
    "ordered: !!omap [a: 1, b: 2]",
    "custom: !mytag x",
    "title: \"\\udcff\\ud800 surrogate\"",
    "topics: [\"\\udcfe\"]",
    "title: [unclosed",
    "- not: a mapping",
    "key: value: another",
    "deep: " + "[" * 40 + "]" * 40,
    "title: 'Quoted ''twice'''",
]

offsets = st.builds(timezone, st.timedeltas(min_value=-timedelta(hours=23, minutes=59),
                                            max_value=timedelta(hours=23, minutes=59)).map(
    lambda d: timedelta(minutes=int(d.total_seconds() // 60))))
dates = st.one_of(
    st.dates(),
    st.datetimes(timezones=st.none() | offsets),
    st.sampled_from([datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),
                     datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),
                     datetime(2026, 11, 20, 10, tzinfo=timezone.utc)]),
)
usable_dates = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.none() | offsets)
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(ODD_TEXT),
    st.tuples(st.sampled_from(ODD_TEXT) | st.text(max_size=8), st.integers(50, 3000)).map(lambda p: p[0] * p[1]),  # long
)
scalars = st.one_of(
    st.none(), st.booleans(), texts, dates,
    st.integers(), st.integers(min_value=10 ** 300, max_value=10 ** 400), st.integers(max_value=-10 ** 300),
    st.floats(allow_nan=True, allow_infinity=True),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(st.sampled_from(SUBKEYS) | st.text(max_size=6), inner, max_size=5),
                      max_leaves=8)
field_values = {
    "title": texts | values,
    "publishedDateTime": dates | texts | values,
    "topics": st.lists(st.sampled_from(ODD_TEXT) | st.text(max_size=12), max_size=30) | values,
    "provider": st.fixed_dictionaries({"name": texts, "domain": texts}) | values,
    "related": st.lists(st.fixed_dictionaries({"title": texts, "webUrl": texts},
                                              optional={"quality": scalars, "publishedDateTime": dates | texts,
                                                        "provider": values, "type": texts}), max_size=4) | values,
    "images": st.lists(st.fixed_dictionaries({"url": texts}, optional={"width": scalars, "height": scalars}),
                       max_size=4) | values,
}
keys = st.sampled_from(sorted(KNOWN_FIELDS) + TYPOS) | st.text(max_size=10)


@st.composite
def item_files(draw) -> bytes:
    meta = {}
    # Most items have a usable title and date, so that they get as far as a page. (Hypothesis draws small
    # integers most often: the usual case is the small one.)
    if draw(st.integers(0, 9)) < 9:
        meta["title"] = draw(st.text(min_size=1, max_size=30) if draw(st.integers(0, 4)) < 4 else field_values["title"])
        meta["publishedDateTime"] = draw(usable_dates if draw(st.integers(0, 4)) < 4 else field_values["publishedDateTime"])
    for key in draw(st.lists(keys, max_size=10)):
        meta[key] = draw(field_values.get(key, values))
    try:
        front = yaml.safe_dump(meta, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.none() | st.booleans()),
                               width=draw(st.sampled_from([80, 10 ** 6])))
    except yaml.YAMLError:
        front = "title: unrepresentable\n"
    snippets = [draw(st.sampled_from(YAML_SNIPPETS))] if draw(st.integers(0, 3)) == 3 else []
    front = "\n".join([front.rstrip("\n"), *snippets])
    body = draw(st.sampled_from(["", "Some **body**.", "<script>alert(1)</script><img src=x onerror=alert(2)>",
                                 "[x](javascript:alert(3)) <iframe src='https://evil.example'></iframe>"]) | st.text(max_size=60))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = draw(st.sampled_from(["", "\ufeff"])) + f"---\n{front}\n---\n{body}\n".replace("\n", newline)
    data = text.encode("utf-8", "surrogatepass" if draw(st.integers(0, 29)) == 29 else "backslashreplace")
    return data if draw(st.integers(0, 19)) < 19 else data[: len(data) // 2]  # now and then cut short


names = st.one_of(st.from_regex(r"[a-z0-9][a-z0-9 ._-]{0,20}", fullmatch=True),
                  st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=12),
                  st.sampled_from(["CON", "aux", "..md", ".hidden", "dir/sub", "caf\xe9"]))
sites = st.fixed_dictionaries({
    "files": st.lists(st.tuples(names, item_files()), min_size=6, max_size=20),
    "undeclared_topics": st.sampled_from(["warn", "error", "allow"]),
    "timezone": st.sampled_from(["UTC", "Asia/Tokyo", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12"]),
    "declare": st.booleans(),
    "options": st.fixed_dictionaries({"drafts": st.booleans(), "future": st.booleans()}),
    "bytes_name": st.booleans(),
})


def snapshot(folder: Path, skip: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and skip not in p.parents}


def no_constant(name):
    raise ValueError(f"{name} is not JSON")


def check_output(path: Path) -> None:
    data = path.read_bytes()
    text = data.decode("utf-8")  # strictly: no lone surrogates, no stray bytes
    if path.suffix == ".html":
        html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)
    elif path.suffix in (".xml", ".rss", ".atom"):
        root = ET.fromstring(data)
        for element in root.iter():  # what feed readers render as HTML parses as HTML too
            if element.tag.rsplit("}", 1)[-1] in ("description", "summary", "content") and element.text:
                html5lib.parse(element.text)
    elif path.suffix == ".json":
        json.loads(text, parse_constant=no_constant)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(sites)
def test_random_front_matter_never_breaks_the_build(site):
    top = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        root = top / "site"
        (root / "content").mkdir(parents=True)
        declared = "topics:\n  - name: Machine Learning\n  - name: Robots\n    parent: Machine Learning\n" if site["declare"] else ""
        (root / "config.yaml").write_text(
            f'title: Fuzz\nbase_url: https://example.org/fuzz/\nnow: "2026-11-22T12:00:00Z"\ntimezone: {site["timezone"]}\n'
            f'undeclared_topics: {site["undeclared_topics"]}\n{declared}', encoding="utf-8")
        written = {}
        for n, (name, data) in enumerate(site["files"]):
            relative = f"content/{n:02}-{name}.md"
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)
            written[relative] = data
        if site["bytes_name"]:
            with open(os.fsencode(root / "content") + b"/latin-\xe9.md", "wb") as handle:
                handle.write(site["files"][0][1])
        (top / "outside.txt").write_text("must not change")
        before = snapshot(top, root / "output")

        result = build(load_config(root / "config.yaml"), BuildOptions(workers=1, **site["options"]), environ={})

        assert snapshot(top, root / "output") == before  # nothing written outside the output
        out = root / "output"
        outputs = [p for p in sorted(out.rglob("*")) if p.is_file()]
        assert outputs
        for path in outputs:
            check_output(path)
        json.loads(json.dumps(result.report(), ensure_ascii=False).encode("utf-8"))  # the --report is valid UTF-8 JSON
        # every file is built, withheld, or named in the problems
        seen = ({i.source for i in result.site.model.site.items} | {s for s, _ in result.site.model.withheld}
                | {p.path for p in result.site.problems})
        shown = {name for name in written if not any(part.startswith(".") for part in Path(name).parts)}
        assert shown <= seen, shown - seen
        assert len(seen) == len(shown) + site["bytes_name"]
        for item in result.site.model.site.items:
            assert (out / item.path / "index.html").is_file()
    finally:
        shutil.rmtree(top)
